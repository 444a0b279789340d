//! Authoring: `rave init` (a starter site), `rave new` (a story, profile, page or series with
//! valid front matter) and `rave theme eject` (a built-in template to edit). These write files, but never over an existing one: every file is created with
//! `create_new`, so a race with an editor or another command cannot clobber anything.
//!
//! YAML is written with serde-saphyr's serializer, which quotes whatever needs quoting (`:`,
//! `#`, quotes, `yes`, numbers ...), so any title or name reads back exactly as given. Nothing
//! here prints: the command line (`cli`) reports the results.

pub(crate) mod eject;
pub(crate) mod init;
pub(crate) mod new;
mod starter;

use std::fmt;
use std::io::Write as _;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::date::{DATE_HELP, PostDate};

/// What went wrong, which decides the exit code (see the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// A bad value on the command line (an invalid rating, an empty title): exit 2.
    Usage,
    /// The command would overwrite or mix into something that exists: exit 1.
    Refused,
    /// Reading or writing failed: exit 3.
    Io,
}

/// An authoring command that did nothing (or stopped), with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AuthoringError {
    pub kind: ErrorKind,
    pub message: String,
    pub help: Option<String>,
}

impl AuthoringError {
    pub(crate) fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message, help)
    }

    pub(crate) fn refused(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self::new(ErrorKind::Refused, message, help)
    }

    pub(crate) fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Io, message, "")
    }

    fn new(kind: ErrorKind, message: impl Into<String>, help: impl Into<String>) -> Self {
        let help = help.into();
        AuthoringError {
            kind,
            message: message.into(),
            help: (!help.is_empty()).then_some(help),
        }
    }
}

impl fmt::Display for AuthoringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AuthoringError {}

/// What creating one file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Created {
    Written,
    /// The file was there already and was left as it was.
    AlreadyThere,
}

/// Writes `contents` to a new file `path`, creating its folders. An existing file is never
/// opened for writing: the result is then [`Created::AlreadyThere`].
pub(crate) fn create_new_file(path: &Path, contents: &[u8]) -> std::io::Result<Created> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Ok(Created::AlreadyThere);
        }
        Err(e) => return Err(e),
    };
    file.write_all(contents)?;
    file.sync_all()?;
    Ok(Created::Written)
}

/// Writes a file an authoring command makes for the writer to edit: a new file `path` (see
/// [`create_new_file`]); one already there is refused with "<path> already exists; `refusal`"
/// and `help`, and is left as it was.
pub(crate) fn write_new_file(
    path: &Path,
    contents: &[u8],
    refusal: &str,
    help: &str,
) -> Result<(), AuthoringError> {
    match create_new_file(path, contents) {
        Ok(Created::Written) => Ok(()),
        Ok(Created::AlreadyThere) => Err(AuthoringError::refused(
            format!("{} already exists; {refusal}", shown(path)),
            help,
        )),
        Err(e) => Err(AuthoringError::io(format!(
            "cannot write {}: {e}",
            shown(path)
        ))),
    }
}

/// A site folder with just a `site.yaml`, for the authoring commands' unit tests.
#[cfg(test)]
pub(crate) fn test_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("site.yaml"),
        "title: T\nbase_url: https://example.com\n",
    )
    .expect("site.yaml");
    dir
}

/// A value serialized as YAML (a mapping of its fields), with strings quoted where needed.
pub(crate) fn to_yaml<T: Serialize>(value: &T) -> Result<String, AuthoringError> {
    let options = serde_saphyr::ser_options! {
        // One line per value, as people write front matter by hand.
        prefer_block_scalars: false,
        // `  - name: ...` under `companies:`, as in the docs.
        compact_list_indent: false,
    };
    let yaml = serde_saphyr::to_string_with_options(value, options)
        .map_err(|e| AuthoringError::io(format!("cannot write YAML: {e}")))?;
    // A mapping whose fields were all skipped serializes as `{}`, which is not a key of front
    // matter: it adds no lines.
    Ok(if yaml.trim() == "{}" {
        String::new()
    } else {
        yaml
    })
}

/// One string as a YAML scalar, quoted when needed (`Acme: the shop` -> `"Acme: the shop"`).
pub(crate) fn yaml_scalar(text: &str) -> Result<String, AuthoringError> {
    Ok(to_yaml(&text)?.trim_end_matches('\n').to_owned())
}

/// `---\n<yaml>---\n<body>`.
pub(crate) fn with_front_matter(yaml: &str, body: &str) -> String {
    let yaml = yaml.trim_end_matches('\n');
    format!("---\n{yaml}\n---\n{body}")
}

/// Folds runs of whitespace (including newlines) into single spaces and trims the ends.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `date:` to write for a new story, by the same rule as `rave build`'s "now": `--now`,
/// else `SOURCE_DATE_EPOCH` (seconds), else the clock ([`jiff::Zoned::now`], the local date).
pub(crate) fn story_date(flag: Option<&str>) -> Result<String, AuthoringError> {
    story_date_from(
        flag,
        std::env::var_os("SOURCE_DATE_EPOCH").as_deref(),
        jiff::Zoned::now,
    )
}

/// [`story_date`] with its inputs given, for tests.
///
/// A date alone means midnight UTC to the build, so where the local date is ahead of UTC's the
/// story would wait for UTC to catch up before it is published; such dates are written as a
/// full RFC 3339 date-time with the local offset instead, which keeps the local date.
pub(crate) fn story_date_from(
    flag: Option<&str>,
    epoch: Option<&std::ffi::OsStr>,
    clock: impl FnOnce() -> jiff::Zoned,
) -> Result<String, AuthoringError> {
    if let Some(text) = flag {
        let text = text.trim();
        let parsed = PostDate::parse(text)
            .map_err(|e| AuthoringError::usage(format!("--now: {e}"), DATE_HELP))?;
        return Ok(if is_published_by(parsed.date, parsed.timestamp) {
            parsed.date.to_string()
        } else {
            text.to_owned()
        });
    }
    if let Some(epoch) = epoch {
        let seconds: i64 = epoch.to_string_lossy().trim().parse().map_err(|_| {
            AuthoringError::usage(
                "SOURCE_DATE_EPOCH must be a number of seconds",
                "unset it, or set it to seconds since 1970-01-01 UTC",
            )
        })?;
        let timestamp = Timestamp::from_second(seconds)
            .map_err(|e| AuthoringError::usage(format!("SOURCE_DATE_EPOCH: {e}"), ""))?;
        return Ok(timestamp
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
            .to_string());
    }
    let now = clock();
    Ok(if is_published_by(now.date(), now.timestamp()) {
        now.date().to_string()
    } else {
        now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    })
}

/// True when a story dated `date` (midnight UTC) is not in the future at `now`.
fn is_published_by(date: Date, now: Timestamp) -> bool {
    date.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|midnight| midnight.timestamp() <= now)
        .unwrap_or(false)
}

/// The site folder for `new`: it must hold `site.yaml`.
pub(crate) fn require_site(root: &Path) -> Result<(), AuthoringError> {
    if root.join(crate::load::CONFIG_FILE).is_file() {
        return Ok(());
    }
    Err(AuthoringError::refused(
        format!(
            "{} is not a rave site: it has no {}",
            shown(root),
            crate::load::CONFIG_FILE
        ),
        "run rave in the site's folder, pass --root DIR, or start a site with `rave init DIR`",
    ))
}

/// A path as shown to the user: `./x` without its `./`.
pub(crate) fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    match text.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    fn zoned(text: &str) -> jiff::Zoned {
        text.parse().expect("a zoned date-time")
    }

    #[test]
    fn now_flag_gives_its_date() {
        let clock = || panic!("the clock is not read when --now is given");
        assert_eq!(
            story_date_from(Some("2024-07-19"), None, clock).expect("date"),
            "2024-07-19"
        );
        let later = story_date_from(Some("2024-07-19T09:30:00+01:00"), None, || unreachable!());
        assert_eq!(later.expect("date"), "2024-07-19");
        // 01:00 at +02:00 is still the 18th in UTC: the date-time is kept as written.
        let early = story_date_from(Some("2024-07-19T01:00:00+02:00"), None, || unreachable!());
        assert_eq!(early.expect("date"), "2024-07-19T01:00:00+02:00");
    }

    #[test]
    fn bad_now_flag_is_a_usage_error_with_help() {
        let e = story_date_from(Some("2024-02-30"), None, || unreachable!()).expect_err("bad");
        assert_eq!(e.kind, ErrorKind::Usage);
        assert!(e.message.starts_with("--now: "), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some(DATE_HELP));
    }

    #[test]
    fn source_date_epoch_gives_the_utc_date() {
        let date = story_date_from(None, Some(OsStr::new("1721347200")), || unreachable!());
        assert_eq!(date.expect("date"), "2024-07-19");
        let bad = story_date_from(None, Some(OsStr::new("soon")), || unreachable!());
        assert_eq!(bad.expect_err("bad").kind, ErrorKind::Usage);
    }

    #[test]
    fn clock_gives_the_local_date_and_never_a_future_one() {
        let date = story_date_from(None, None, || zoned("2024-07-19T15:00:00-07:00[-07:00]"));
        assert_eq!(date.expect("date"), "2024-07-19");
        let ahead = story_date_from(None, None, || zoned("2024-07-19T08:00:00+10:00[+10:00]"))
            .expect("date");
        assert_eq!(ahead, "2024-07-19T08:00:00+10:00");
        let parsed = PostDate::parse(&ahead).expect("the build reads it");
        assert_eq!(parsed.ymd(), "2024-07-19");
    }

    #[test]
    fn scalars_are_quoted_when_needed() {
        assert_eq!(yaml_scalar("Plain words").expect("yaml"), "Plain words");
        for tricky in [
            "Acme: the shop",
            "# one",
            "\"q\" 'q'",
            "yes",
            "4",
            "- x",
            "@x",
        ] {
            let yaml = yaml_scalar(tricky).expect("yaml");
            assert_ne!(yaml, tricky, "{tricky} must be quoted");
        }
    }

    #[test]
    fn new_files_never_overwrite() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("a/b.md");
        assert_eq!(
            create_new_file(&path, b"one").expect("write"),
            Created::Written
        );
        assert_eq!(
            create_new_file(&path, b"two").expect("write"),
            Created::AlreadyThere
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"one");
    }

    #[test]
    fn shown_paths_drop_dot_slash() {
        assert_eq!(shown(Path::new("./content/x.md")), "content/x.md");
        assert_eq!(shown(Path::new(".")), ".");
        assert_eq!(shown(Path::new("site/x.md")), "site/x.md");
    }
}
