//! The one place where YAML is parsed (site.yaml, front matter, sidecar files).
//!
//! Wraps serde-saphyr with limits fit for untrusted input (alias bombs, deep nesting, huge
//! scalars are refused quickly with bounded memory) and turns its errors into [`Diagnostic`]s whose
//! lines are shifted to the position of the YAML inside its file, with a fix where one is known.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DuplicateKeyPolicy, Location, Options};

use crate::diagnostics::{Diagnostic, MAX_SOURCE_LINE, Position, did_you_mean};

pub use serde_saphyr::Spanned;

/// A value with no place in any file, for defaults of keys read with [`Spanned`].
pub fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// A YAML document that sits somewhere inside a file.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// The file, as shown in diagnostics.
    pub path: &'a Path,
    /// The whole file, to show the offending line.
    pub file_text: &'a str,
    /// The YAML itself.
    pub yaml: &'a str,
    /// 1-based line of the file where `yaml` starts.
    pub first_line: usize,
}

impl<'a> YamlSource<'a> {
    /// A file that is YAML from its first line (site.yaml, sidecar files).
    pub fn whole_file(path: &'a Path, text: &'a str) -> Self {
        YamlSource {
            path,
            file_text: text,
            yaml: text,
            first_line: 1,
        }
    }

    /// Where a value read with [`Spanned`] stands in the file.
    pub fn position(&self, location: &Location) -> Position {
        Position::new(
            self.first_line + (location.line() as usize).saturating_sub(1),
            location.column() as usize,
        )
    }

    /// An error about a value read with [`Spanned`], with its line shown.
    pub fn error_at(&self, location: &Location, message: impl Into<String>) -> Diagnostic {
        self.with_line(
            Diagnostic::error(self.path, message).at(self.position(location)),
            location,
        )
    }

    /// A warning about a value read with [`Spanned`], with its line shown.
    pub fn warning_at(&self, location: &Location, message: impl Into<String>) -> Diagnostic {
        self.with_line(
            Diagnostic::warning(self.path, message).at(self.position(location)),
            location,
        )
    }

    /// Attaches the line of `location`, found around its byte offset in the YAML: finding it by
    /// number from the top of the file for each of thousands of errors is quadratic. A line
    /// longer than [`MAX_SOURCE_LINE`] is not shown, as in [`Diagnostic::with_source`].
    fn with_line(&self, mut diagnostic: Diagnostic, location: &Location) -> Diagnostic {
        let offset = location.span().byte_offset().map(|o| o as usize);
        let Some(offset) = offset.filter(|&o| self.yaml.is_char_boundary(o)) else {
            return diagnostic.with_source(self.file_text);
        };
        let bytes = self.yaml.as_bytes();
        let window = offset.saturating_sub(MAX_SOURCE_LINE + 1);
        let start = match bytes[window..offset].iter().rposition(|&b| b == b'\n') {
            Some(i) => window + i + 1,
            None if window == 0 => 0,
            None => return diagnostic,
        };
        let limit = (start + MAX_SOURCE_LINE + 1).min(bytes.len());
        let end = match bytes[offset..limit].iter().position(|&b| b == b'\n') {
            Some(i) => offset + i,
            None if limit == bytes.len() => limit,
            None => return diagnostic,
        };
        let line = self.yaml[start..end].trim_end_matches('\r');
        if line.len() <= MAX_SOURCE_LINE {
            diagnostic.source_line = Some(line.to_owned());
        }
        diagnostic
    }
}

/// Largest YAML document accepted, in bytes: front matter is metadata, not content.
pub const MAX_YAML_BYTES: usize = 1 << 20;

fn options() -> Options {
    serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::Error,
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 64,
            max_anchors: 64,
            max_nodes: 50_000,
            max_events: 200_000,
            max_documents: 1,
            max_total_scalar_bytes: MAX_YAML_BYTES,
        },
        with_snippet: false,
    }
}

/// Parses `source` into `T`. An empty document is read as an empty mapping, so that types whose
/// fields all have defaults accept a file with only comments.
pub fn parse<T: DeserializeOwned>(source: &YamlSource<'_>) -> Result<T, Diagnostic> {
    if source.yaml.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            source.path,
            format!(
                "the YAML is {} bytes long, more than the {} bytes allowed",
                source.yaml.len(),
                MAX_YAML_BYTES
            ),
        )
        .at(Position::new(source.first_line, 1))
        .with_help("keep long text in the Markdown body, not in front matter"));
    }
    let yaml = if source.yaml.trim().is_empty() || is_only_comments(source.yaml) {
        "{}"
    } else {
        source.yaml
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|e| to_diagnostic(source, &e))
}

fn is_only_comments(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

fn to_diagnostic(source: &YamlSource<'_>, error: &serde_saphyr::Error) -> Diagnostic {
    let inner = error.without_snippet();
    let raw = strip_location_suffix(&inner.to_string());
    let (message, help) = explain(&raw);
    let mut diagnostic = Diagnostic::error(source.path, message).with_help(help);
    if let Some(location) = error.location().filter(|l| l.line() > 0) {
        diagnostic = diagnostic
            .at(source.position(&location))
            .with_source(source.file_text);
    } else {
        diagnostic = diagnostic.at(Position::new(source.first_line, 1));
    }
    diagnostic
}

/// serde-saphyr appends " at line L column C" to messages; the diagnostic carries it already.
fn strip_location_suffix(message: &str) -> String {
    let message = message.trim();
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => message[..i].trim_end().to_owned(),
        _ => message.to_owned(),
    }
}

/// Rewrites serde's messages about unknown keys and values into plain words with a suggestion.
fn explain(raw: &str) -> (String, String) {
    for (prefix, noun) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some(rest) = raw.find(prefix).map(|i| &raw[i + prefix.len()..]) {
            let Some(end) = rest.find('`') else { break };
            let word = &rest[..end];
            // serde-saphyr writes "..., expected one of a, b, c" (serde itself quotes each).
            let after = &rest[end + 1..];
            let list = after
                .find("expected one of ")
                .map(|i| &after[i + "expected one of ".len()..])
                .or_else(|| {
                    after
                        .find("expected ")
                        .map(|i| &after[i + "expected ".len()..])
                })
                .unwrap_or_default();
            let expected: Vec<&str> = list
                .split(", ")
                .map(|s| s.trim().trim_matches('`'))
                .filter(|s| !s.is_empty() && !s.contains(' '))
                .collect();
            let message = format!("unknown {noun} `{word}`");
            let help = match did_you_mean(word, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None if expected.is_empty() => String::new(),
                None => format!("expected one of {}", quote_list(&expected)),
            };
            return (message, help);
        }
    }
    if raw.contains("duplicate") {
        let key = raw
            .split_once("key:")
            .map(|(_, rest)| {
                rest.split(',')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .trim_matches('`')
            })
            .filter(|k| !k.is_empty());
        return match key {
            Some(key) => (
                format!("the key `{key}` appears twice"),
                format!("keep one `{key}:` line and remove the other"),
            ),
            None => (
                "a key appears twice".into(),
                "keep one of the two entries".into(),
            ),
        };
    }
    if raw.contains("budget") || raw.contains("limit") || raw.contains("exceeded") {
        return (
            raw.to_owned(),
            "front matter is too large or too deeply nested (or uses too many aliases); simplify it".into(),
        );
    }
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return (
            format!("missing required key `{field}`"),
            format!("add `{field}: ...` to the front matter"),
        );
    }
    (raw.to_owned(), String::new())
}

fn quote_list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        company: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn src(yaml: &str) -> YamlSource<'_> {
        YamlSource {
            path: Path::new("story.md"),
            file_text: yaml,
            yaml,
            first_line: 1,
        }
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let text = "---\ntitle: A\ncompnay: Nike\n---\n";
        let source = YamlSource {
            path: Path::new("story.md"),
            file_text: text,
            yaml: &text[4..27],
            first_line: 2,
        };
        let d = parse::<Fm>(&source).expect_err("unknown key");
        assert_eq!(d.message, "unknown key `compnay`");
        assert_eq!(d.help.as_deref(), Some("did you mean `company`?"));
        assert_eq!(d.position.map(|p| p.line), Some(3));
        assert_eq!(d.source_line.as_deref(), Some("compnay: Nike"));
    }

    #[test]
    fn syntax_error_has_shifted_line() {
        let text = "---\ntitle: A\ntags: [a, b\n---\n";
        let source = YamlSource {
            path: Path::new("s.md"),
            file_text: text,
            yaml: &text[4..text.len() - 4],
            first_line: 2,
        };
        let d = parse::<Fm>(&source).expect_err("syntax");
        let line = d.position.map(|p| p.line).unwrap_or(0);
        assert!((3..=4).contains(&line), "line {line}: {}", d.render());
    }

    #[test]
    fn missing_field_is_explained() {
        let d = parse::<Fm>(&src("company: x\n")).expect_err("missing");
        assert_eq!(d.message, "missing required key `title`");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = parse::<Fm>(&src("title: a\ntitle: b\n")).expect_err("dup");
        assert_eq!(d.message, "the key `title` appears twice");
        assert!(!d.render().contains("Options"), "{}", d.render());
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = (b'a' + i) as char;
            let next = (b'a' + i + 1) as char;
            yaml.push_str(&format!(
                "{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let r = parse::<std::collections::BTreeMap<String, serde_json::Value>>(&src(&yaml));
        assert!(r.is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let yaml = format!("title: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse::<serde_json::Value>(&src(&yaml)).is_err());
    }

    #[test]
    fn empty_and_comment_only_documents_are_empty_maps() {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct AllDefault {
            #[allow(dead_code)]
            title: Option<String>,
        }
        assert!(parse::<AllDefault>(&src("")).is_ok());
        assert!(parse::<AllDefault>(&src("# only a comment\n")).is_ok());
    }
}
