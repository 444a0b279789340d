//! `aliases:` of stories and pages: old addresses that redirect to the page. Each is a site
//! path (`/2019/07/my-post/`, percent-encoded or not), optionally with one query parameter
//! (`/?p=123`, WordPress's short links), checked here so that render can turn it into an output
//! path that stays inside the output folder.

use super::frontmatter_types::Scalar;
use crate::diagnostics::{Diagnostic, Position};
use crate::slug::is_safe_segment;
use crate::yaml::{Spanned, YamlSource};

/// One checked alias.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AliasInput {
    /// Decoded path from the site root, starting with `/`; ends with `/` unless its last
    /// segment names a file (`/old.html`).
    pub path: String,
    /// `p=123` for `/?p=123`: such an alias gets a line in `_redirects` only, as a static host
    /// cannot serve a file for a query.
    pub query: Option<String>,
    pub position: Position,
}

const HELP: &str = "write a path from the site's root, like `/2019/07/my-old-post/` or `/?p=123`";

/// The checked aliases of a file's `aliases:` list.
pub(super) fn aliases(
    source: &YamlSource<'_>,
    list: &[Spanned<Scalar>],
    out: &mut Vec<Diagnostic>,
) -> Vec<AliasInput> {
    let mut checked = Vec::new();
    for entry in list {
        match alias(&entry.value.text) {
            Ok((path, query)) => checked.push(AliasInput {
                path,
                query,
                position: source.position(&entry.referenced),
            }),
            Err(message) => out.push(source.error_at(&entry.referenced, message).with_help(HELP)),
        }
    }
    checked
}

/// The normalised path and query of an alias, or what is wrong with it.
pub fn alias(text: &str) -> Result<(String, Option<String>), String> {
    let text = text.trim();
    let text = match text.split_once("://") {
        // A full URL of the old site: its path is what matters.
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => text,
    };
    if !text.starts_with('/') {
        return Err(format!("alias `{text}` must start with `/`"));
    }
    if text.contains('#') {
        return Err(format!(
            "alias `{text}` has a `#`: an address part browsers never send"
        ));
    }
    let (path, query) = match text.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (text, None),
    };
    if let Some(query) = query {
        let ok = query.split_once('=').is_some_and(|(k, v)| {
            !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        if !ok {
            return Err(format!(
                "alias `{text}`: only one query parameter of letters and digits is supported (`?p=123`)"
            ));
        }
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| format!("alias `{text}` is not valid UTF-8 once decoded"))?;
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() && query.is_none() {
        return Err("an alias cannot be the home page `/`".into());
    }
    if let Some(bad) = segments.iter().find(|s| !is_safe_segment(s)) {
        return Err(format!(
            "alias `{text}` has the path segment `{bad}`, which is not allowed"
        ));
    }
    let mut normal = format!("/{}", segments.join("/"));
    let names_file = segments.last().is_some_and(|s| s.contains('.'));
    if !names_file && !normal.ends_with('/') {
        normal.push('/');
    }
    Ok((normal, query.map(str::to_owned)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_normalised() {
        assert_eq!(
            alias("/2019/07/x").expect("ok"),
            ("/2019/07/x/".into(), None)
        );
        assert_eq!(
            alias("https://old.example/2019/%c3%bcber/").expect("ok"),
            ("/2019/\u{fc}ber/".into(), None)
        );
        assert_eq!(alias("/old.html").expect("ok"), ("/old.html".into(), None));
        assert_eq!(
            alias("/?p=12").expect("ok"),
            ("/".into(), Some("p=12".into()))
        );
    }

    #[test]
    fn unsafe_or_odd_aliases_are_refused() {
        for bad in [
            "2019/x/",
            "/../etc/",
            "/a/%2e%2e/b/",
            "/a\\b/",
            "/",
            "/x#y",
            "/?a=1&b=2",
            "/%ff/",
        ] {
            assert!(alias(bad).is_err(), "{bad}");
        }
    }
}
