//! A small fixture builder: a site in a temporary folder, and helpers to run the real `rave`
//! binary on it (one process runner, [`process`]), talk to `rave serve` (one HTTP client,
//! [`http`]) and read what it wrote.

mod http;
mod process;

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

pub(crate) use http::{Streaming, free_port, get, get_from, request};
pub(crate) use process::{PATIENCE, Running, rave_command};

/// The date-time every build of a fixture treats as "now", so that runs are reproducible.
pub(crate) const NOW: &str = "2024-01-01";

/// A site under construction in a temporary folder: `<tmp>/site` is the site root, and outputs
/// go beside it (`<tmp>/out` by default) so that they never sit inside the content.
pub(crate) struct Site {
    tmp: TempDir,
}

impl Site {
    /// An empty site with a default `site.yaml` (`title`, `base_url: https://example.com`).
    pub(crate) fn new() -> Site {
        let site = Site {
            tmp: tempfile::tempdir().expect("create a temporary folder"),
        };
        site.file(
            "site.yaml",
            "title: Test Stories\nbase_url: https://example.com\n",
        );
        site
    }

    /// The site's root folder (holds `site.yaml` and `content/`).
    pub(crate) fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// A folder beside the site root, for outputs and other files that are not content.
    pub(crate) fn beside(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// The default output folder of [`Site::build`].
    pub(crate) fn out(&self) -> PathBuf {
        self.beside("out")
    }

    /// Writes a file relative to the site root, creating its folders.
    pub(crate) fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Site {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
        std::fs::write(&path, bytes).expect("write a fixture file");
        self
    }

    /// Removes a file relative to the site root.
    pub(crate) fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.root().join(rel)).expect("remove a fixture file");
        self
    }

    /// `content/stories/<rel>` with the given front matter (YAML, without fences) and body.
    pub(crate) fn story(&self, rel: &str, front_matter: &str, body: &str) -> &Site {
        self.file(
            &format!("content/stories/{rel}"),
            with_front_matter(front_matter, body),
        )
    }

    /// `content/companies/<slug>.md`.
    pub(crate) fn company(&self, slug: &str, front_matter: &str, body: &str) -> &Site {
        self.file(
            &format!("content/companies/{slug}.md"),
            with_front_matter(front_matter, body),
        )
    }

    /// `content/authors/<slug>.md`.
    pub(crate) fn author(&self, slug: &str, front_matter: &str, body: &str) -> &Site {
        self.file(
            &format!("content/authors/{slug}.md"),
            with_front_matter(front_matter, body),
        )
    }

    /// `build --root <root> --output <output>` with `args` added, and `--now NOW` unless
    /// `args` set it.
    pub(crate) fn build_args(&self, output: &Path, args: &[&str]) -> Vec<OsString> {
        let mut all: Vec<OsString> = vec![
            "build".into(),
            "--root".into(),
            self.root().into(),
            "--output".into(),
            output.into(),
        ];
        if !args.contains(&"--now") {
            all.extend(["--now".into(), NOW.into()]);
        }
        all.extend(args.iter().map(OsString::from));
        all
    }

    /// Runs `rave build` into `output`, with `args` added (see [`Site::build_args`]).
    pub(crate) fn build_to(&self, output: &Path, args: &[&str]) -> Run {
        rave(&self.build_args(output, args))
    }

    /// Builds into [`Site::out`].
    pub(crate) fn build(&self, args: &[&str]) -> Run {
        self.build_to(&self.out(), args)
    }

    /// A page of [`Site::out`] as text (`stories/x/index.html`).
    pub(crate) fn page(&self, rel: &str) -> String {
        read_page(&self.out(), rel)
    }

    /// The library pipeline's options for this site, with the fixed "now".
    pub(crate) fn options(&self) -> rave::pipeline::BuildOptions {
        let mut options = rave::pipeline::BuildOptions::new(self.root());
        options.output = self.out();
        options.now = rave::date::PostDate::parse(NOW)
            .expect("NOW is a date")
            .timestamp;
        options
    }
}

/// Errors of an in-memory build that must fail.
#[track_caller]
pub(crate) fn errors_of(site: &Site) -> Vec<rave::diagnostics::Diagnostic> {
    match rave::pipeline::build_in_memory(&site.options()) {
        Ok((pages, _)) => panic!("the build should fail, but made {} pages", pages.len()),
        Err(diagnostics) => diagnostics
            .into_iter()
            .filter(rave::diagnostics::Diagnostic::is_error)
            .collect(),
    }
}

/// `---\n<front matter>\n---\n<body>`.
pub(crate) fn with_front_matter(front_matter: &str, body: &str) -> String {
    let front_matter = front_matter.trim_end_matches('\n');
    format!("---\n{front_matter}\n---\n{body}")
}

/// What a run of the binary did.
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the run's output unless it exited with `code`.
    #[track_caller]
    pub(crate) fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr.chars().take(20_000).collect::<String>()
        );
        self
    }

    /// Panics unless the build succeeded.
    #[track_caller]
    pub(crate) fn success(&self) -> &Run {
        self.expect_code(0)
    }
}

/// How long a one-shot run may take before it is killed and its test fails: far more than any
/// build here needs, so that only a hang reaches it.
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// Runs the real `rave` binary with `args`, in a neutral environment, to its end.
#[track_caller]
pub(crate) fn rave<S: AsRef<OsStr>>(args: &[S]) -> Run {
    rave_with_env(args, &[])
}

/// [`rave`] with environment variables set.
#[track_caller]
pub(crate) fn rave_with_env<S: AsRef<OsStr>>(args: &[S], env: &[(&str, &str)]) -> Run {
    let mut command = rave_command(args);
    command.envs(env.iter().copied());
    run_to_end(command)
}

/// Runs `command` (made with [`rave_command`]) to its end.
#[track_caller]
pub(crate) fn run_to_end(command: std::process::Command) -> Run {
    Running::start(command).finish(RUN_LIMIT)
}

/// Arguments of mixed kinds (paths, strings) as one list.
pub(crate) fn args(items: &[&dyn AsRef<OsStr>]) -> Vec<OsString> {
    items.iter().map(|a| a.as_ref().to_os_string()).collect()
}

/// Starts `rave serve` on `site` from `port` and returns it with the port it says it serves on.
pub(crate) fn serve(site: &Site, port: u16) -> (Running, u16) {
    serve_with(site, port, &[])
}

/// [`serve`] with more flags.
pub(crate) fn serve_with(site: &Site, port: u16, flags: &[&str]) -> (Running, u16) {
    let mut all = args(&[
        &"serve",
        &"--root",
        &site.root(),
        &"--port",
        &port.to_string(),
    ]);
    all.extend(flags.iter().map(OsString::from));
    let rave = Running::spawn(&all);
    let prefix = "Serving http://127.0.0.1:";
    let served = rave.wait_for("the `Serving` line", || {
        let stdout = rave.stdout();
        let at = stdout.find(prefix).ok_or_else(|| stdout.clone())?;
        let digits: String = stdout[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<u16>().map_err(|e| format!("{e}: {stdout}"))
    });
    (rave, served)
}

/// A file of an output folder as text.
#[track_caller]
pub(crate) fn read_page(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file under `dir` (relative `/`-separated path -> contents), for before/after
/// comparisons. Missing folder: empty map.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside the folder");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(rel, std::fs::read(&path).expect("read an output file"));
            }
        }
    }
    files
}

/// The visible text of an HTML page: tags removed, entities decoded, whitespace folded. Good
/// enough to assert on sentences without depending on the theme's markup.
pub(crate) fn text_of(html: &str) -> String {
    rave::render::plain_text(html, usize::MAX)
}

/// The story folders of an output's `stories/`: every folder but the archive's year folders
/// (`2011/`) and its `page/` folder.
pub(crate) fn story_folders(out: &Path) -> std::collections::BTreeSet<String> {
    let is_archive = |name: &str| {
        name == "page" || (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
    };
    std::fs::read_dir(out.join("stories"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !is_archive(name))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a page is one of rave's redirect pages (an old address or a trimmed URL), which
/// only send readers on and are kept out of the sitemap.
pub(crate) fn is_redirect_page(html: &str) -> bool {
    html.contains("<meta http-equiv=\"refresh\"")
}

/// Every `href="..."` and `src="..."` value of a page.
pub(crate) fn links_of(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                links.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    links
}

/// A real 2x2 image in `format`, for fixtures whose images must decode.
pub(crate) fn tiny_image(format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(2, 2)
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .expect("encode a tiny image");
    out
}
