//! Field checks shared by every kind of content file: required text, slugs, dates, URLs.

use super::frontmatter_types::Scalar;

use super::walk::*;
use crate::date::{DATE_HELP, PostDate};
use crate::diagnostics::Diagnostic;
use crate::slug;
use crate::yaml::{self, Spanned, YamlSource};

/// The front matter as `T`, its errors pushed to `out`. When some entries were broken and the
/// rest parsed, returns the rest and sets `partial`.
pub(super) fn parse_or_report<T: serde::de::DeserializeOwned>(
    source: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
    partial: &mut bool,
) -> Option<T> {
    let (value, errors) = yaml::parse_recovering(source);
    *partial |= !errors.is_empty();
    out.extend(errors);
    value
}

/// The slug a file's name gives (`content/authors/jane-doe.md` -> `jane-doe`; a bundle's
/// `index.md` -> its folder's name).
pub(super) fn file_slug(found: &Found) -> Option<String> {
    let stem = match &found.bundle_dir {
        Some(dir) => dir.file_name()?,
        None => found.path.file_stem()?,
    };
    let slug = slug::slugify(&stem.to_string_lossy());
    (!slug.is_empty()).then_some(slug)
}

pub(super) fn required_text(
    source: &YamlSource<'_>,
    value: &Spanned<String>,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = value.value.trim();
    if text.is_empty() {
        out.push(
            source
                .error_at(&value.referenced, format!("`{key}` is empty"))
                .with_help(format!("write a {key} after `{key}:`")),
        );
        return None;
    }
    Some(text.to_owned())
}

pub(super) fn explicit_slug(
    source: &YamlSource<'_>,
    value: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = value.value.trim();
    match slug::check_explicit_slug(text) {
        Ok(()) => Some(text.to_owned()),
        Err(message) => {
            let suggestion = slug::slugify(text);
            out.push(source.error_at(&value.referenced, message).with_help(
                if suggestion.is_empty() {
                    "use lowercase letters, digits and hyphens, e.g. `my-story`".to_owned()
                } else {
                    format!("write `slug: {suggestion}`")
                },
            ));
            None
        }
    }
}

/// Keeps URLs a reader can safely follow: http(s), mailto, and site-relative paths. Anything
/// else (`javascript:`, `data:`) is dropped with a warning.
pub(super) fn checked_url(
    source: &YamlSource<'_>,
    value: Option<&Spanned<String>>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = value?;
    let url = value.value.trim();
    if url.is_empty() {
        return None;
    }
    if is_safe_url(url) {
        return Some(url.to_owned());
    }
    out.push(
        source
            .warning_at(
                &value.referenced,
                format!("link `{url}` dropped: only http(s), mailto and site paths are allowed"),
            )
            .with_help("write a full address such as https://example.com"),
    );
    None
}

/// True for URLs that cannot run script when followed.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower
        .chars()
        .any(|c| c.is_control() || c == '"' || c == '<' || c == '>' || c == '`')
    {
        return false;
    }
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        return true;
    }
    // A relative reference has no scheme: no colon before the first `/`, `?` or `#`.
    let before = lower.split(['/', '?', '#']).next().unwrap_or_default();
    !before.contains(':') && !lower.starts_with("//")
}

pub(super) fn parse_date(
    source: &YamlSource<'_>,
    value: &Spanned<Scalar>,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<PostDate> {
    match PostDate::parse(&value.value.text) {
        Ok(d) => Some(d),
        Err(message) => {
            out.push(
                source
                    .error_at(&value.referenced, format!("`{key}`: {message}"))
                    .with_help(DATE_HELP),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn only_urls_that_cannot_run_script_are_safe() {
        for url in [
            "https://example.com/a?b#c",
            "HTTP://EXAMPLE.COM",
            "mailto:ann@example.com",
            "/stories/a/",
            "photo.jpg",
            "page?x=a:b",
            "#top",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example/x",
            "https://example.com/\"onload=x",
            "https://example.com/<script>",
            "java\tscript:x",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
    }

    fn found(path: &str, bundle_dir: Option<&str>) -> Found {
        Found {
            kind: Kind::Story,
            path: PathBuf::from(path),
            rel: PathBuf::from(path),
            bundle_dir: bundle_dir.map(PathBuf::from),
            assets: Vec::new(),
            comments_file: None,
        }
    }

    #[test]
    fn a_file_name_or_its_bundle_folder_gives_the_slug() {
        assert_eq!(
            file_slug(&found("content/authors/Jane Doe.md", None)).as_deref(),
            Some("jane-doe")
        );
        assert_eq!(
            file_slug(&found(
                "content/stories/Late Parcel/index.md",
                Some("content/stories/Late Parcel")
            ))
            .as_deref(),
            Some("late-parcel")
        );
        assert_eq!(file_slug(&found("content/stories/---.md", None)), None);
    }

    /// Runs `check` on the value of `key:` in the one-line YAML `key: <value>`.
    fn checked<T>(
        value: &str,
        check: impl FnOnce(&YamlSource<'_>, &Spanned<String>, &mut Vec<Diagnostic>) -> Option<T>,
    ) -> (Option<T>, Vec<String>) {
        let text = format!("key: {value}\n");
        let source = YamlSource::whole_file(Path::new("a.md"), &text);
        let parsed: std::collections::BTreeMap<String, Spanned<String>> =
            crate::yaml::parse_recovering(&source).0.expect("a mapping");
        let mut out = Vec::new();
        let result = check(&source, &parsed["key"], &mut out);
        (result, out.iter().map(|d| d.message.clone()).collect())
    }

    #[test]
    fn required_text_is_trimmed_and_never_empty() {
        let required = |s: &YamlSource<'_>, v: &Spanned<String>, out: &mut Vec<Diagnostic>| {
            required_text(s, v, "title", out)
        };
        assert_eq!(
            checked("'  A title '", required),
            (Some("A title".to_owned()), vec![])
        );
        assert_eq!(
            checked("'  '", required),
            (None, vec!["`title` is empty".to_owned()])
        );
    }

    #[test]
    fn an_explicit_slug_must_be_one_already() {
        assert_eq!(
            checked("late-parcel", explicit_slug),
            (Some("late-parcel".to_owned()), vec![])
        );
        let (slug, errors) = checked("Late Parcel", explicit_slug);
        assert_eq!((slug, errors.len()), (None, 1), "{errors:?}");
    }
}
