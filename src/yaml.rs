//! The one place where YAML is parsed (site.yaml, front matter, sidecar files).
//!
//! Wraps serde-saphyr with limits fit for untrusted input (alias bombs, deep nesting, huge
//! scalars are refused quickly with bounded memory) and turns its errors into [`Diagnostic`]s whose
//! lines are shifted to the position of the YAML inside its file, with a fix where one is known.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DuplicateKeyPolicy, Location, Options};

use crate::diagnostics::{Diagnostic, MAX_SOURCE_LINE, Position, did_you_mean};

mod control_chars;

pub(crate) use serde_saphyr::Spanned;

/// A value with no place in any file, for defaults of keys read with [`Spanned`].
pub(crate) fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// A YAML document that sits somewhere inside a file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YamlSource<'a> {
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
    pub(crate) fn whole_file(path: &'a Path, text: &'a str) -> Self {
        YamlSource {
            path,
            file_text: text,
            yaml: text,
            first_line: 1,
        }
    }

    /// Where a value read with [`Spanned`] stands in the file.
    pub(crate) fn position(&self, location: &Location) -> Position {
        Position::new(
            self.first_line + (location.line() as usize).saturating_sub(1),
            location.column() as usize,
        )
    }

    /// An error about a value read with [`Spanned`], with its line shown.
    pub(crate) fn error_at(&self, location: &Location, message: impl Into<String>) -> Diagnostic {
        self.with_line(
            Diagnostic::error(self.path, message).at(self.position(location)),
            location,
        )
    }

    /// A warning about a value read with [`Spanned`], with its line shown.
    pub(crate) fn warning_at(&self, location: &Location, message: impl Into<String>) -> Diagnostic {
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
pub(crate) const MAX_YAML_BYTES: usize = 1 << 20;

/// Deepest nesting of lists and mappings accepted.
const MAX_DEPTH: usize = 32;
/// Most aliases (`*name`) and anchors (`&name`) accepted, each.
const MAX_ALIASES: usize = 64;
/// Most values (scalars, lists and mappings) in one document.
const MAX_NODES: usize = 50_000;

fn options() -> Options {
    serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::Error,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_nodes: MAX_NODES,
            max_events: 4 * MAX_NODES,
            max_documents: 1,
            max_total_scalar_bytes: MAX_YAML_BYTES,
        },
        with_snippet: false,
    }
}

/// Parses `source` into `T`. An empty document is read as an empty mapping, so that types whose
/// fields all have defaults accept a file with only comments.
/// Strings that hold control characters are errors too (see [`control_chars`]), one for each.
pub(crate) fn parse<T: DeserializeOwned>(source: &YamlSource<'_>) -> Result<T, Vec<Diagnostic>> {
    let value = parse_once(source).map_err(|(diagnostic, _)| vec![diagnostic])?;
    let errors = control_chars::check(source);
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(errors)
    }
}

/// Top-level keys of front matter that are read together: when one is set aside after an
/// error, so are the others, so that the rest is not checked against half of them (a `rating:`
/// whose `company:` was set aside would look like a rating of no company).
const KEY_GROUPS: &[&[&str]] = &[
    &["company", "companies", "rating", "verdict", "channel"],
    &["date", "updated"],
];

/// Most errors [`parse_recovering`] reports in one document.
const MAX_RECOVERED: usize = 64;

/// [`parse`], going on after an error inside a top-level entry (an unknown key, a value of the
/// wrong type, a duplicate key): the entry is set aside and the rest parsed again, so one run
/// reports every broken entry of a file, not only the first. Returns the value when the rest
/// parses (for the checks that follow; with errors, the caller must not use it as complete) and
/// every error; a string holding a control character is an error at its place. Syntax errors stop it: after one, what follows cannot be trusted.
pub(crate) fn parse_recovering<T: DeserializeOwned>(
    source: &YamlSource<'_>,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    let mut yaml = std::borrow::Cow::Borrowed(source.yaml);
    loop {
        let attempt = YamlSource {
            yaml: &yaml,
            ..*source
        };
        let (diagnostic, recoverable_line) = match parse_once::<T>(&attempt) {
            Ok(value) => {
                errors.extend(control_chars::check(&attempt));
                return (Some(value), errors);
            }
            Err(failure) => failure,
        };
        // A required key that was set aside is missing now: that is no news.
        if set_aside
            .iter()
            .any(|key| diagnostic.message == format!("missing required key `{key}`"))
        {
            return (None, errors);
        }
        errors.push(diagnostic);
        let Some(line) = recoverable_line.filter(|_| errors.len() < MAX_RECOVERED) else {
            return (None, errors);
        };
        let Some(key) = top_level_key_at(&yaml, line) else {
            return (None, errors);
        };
        // A misspelt key counts as the key it was meant to be (`compnay` as `company`).
        let meant = errors
            .last()
            .and_then(|d| d.help.as_deref())
            .and_then(|h| h.strip_prefix("did you mean `"))
            .and_then(|h| h.strip_suffix("`?"))
            .unwrap_or(&key)
            .to_owned();
        let mut keys: Vec<String> = KEY_GROUPS
            .iter()
            .filter(|g| g.contains(&key.as_str()) || g.contains(&meant.as_str()))
            .flat_map(|g| g.iter().map(|k| (*k).to_owned()))
            .collect();
        keys.push(key);
        let Some(rest) = without_entries(&yaml, &keys, line) else {
            return (None, errors);
        };
        set_aside.extend(keys);
        yaml = std::borrow::Cow::Owned(rest);
    }
}

/// One parse: the value, or the error with the line (1-based, in the YAML) of the entry to set
/// aside when parsing may go on without it.
fn parse_once<T: DeserializeOwned>(
    source: &YamlSource<'_>,
) -> Result<T, (Diagnostic, Option<usize>)> {
    if source.yaml.len() > MAX_YAML_BYTES {
        return Err((
            Diagnostic::error(
                source.path,
                format!(
                    "the YAML is {} bytes long, more than the {} bytes allowed",
                    source.yaml.len(),
                    MAX_YAML_BYTES
                ),
            )
            .at(Position::new(source.first_line, 1))
            .with_help("keep long text in the Markdown body, not in front matter"),
            None,
        ));
    }
    let yaml = if source.yaml.trim().is_empty() || is_only_comments(source.yaml) {
        "{}"
    } else {
        source.yaml
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|e| {
        let line = e
            .location()
            .filter(|l| l.line() > 0 && is_recoverable(&e))
            .map(|l| l.line() as usize);
        (to_diagnostic(source, &e), line)
    })
}

/// Errors about one value, after which the rest of the document still reads as it was meant.
fn is_recoverable(error: &serde_saphyr::Error) -> bool {
    use serde_saphyr::Error as E;
    matches!(
        error.without_snippet(),
        E::Message { .. }
            | E::SerdeInvalidType { .. }
            | E::SerdeInvalidValue { .. }
            | E::SerdeInvalidLength { .. }
            | E::SerdeUnknownVariant { .. }
            | E::SerdeUnknownField { .. }
            | E::DuplicateMappingKey { .. }
            | E::InvalidScalar { .. }
            | E::InvalidBooleanStrict { .. }
            | E::NullIntoString { .. }
            | E::Unexpected { .. }
            | E::UnexpectedSequenceEnd { .. }
            | E::UnexpectedMappingEnd { .. }
    )
}

/// The top-level key whose entry holds `line` (1-based): the nearest line at or above it that
/// starts a `key:` at column 1.
fn top_level_key_at(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.lines().take(line).collect();
    lines.iter().rev().find_map(|l| top_level_key(l))
}

/// `key` when `line` starts a top-level mapping entry (`key:` at column 1).
fn top_level_key(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '}' | '[' | ']' | '.') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_owned())
}

/// `yaml` with the whole entries of `keys` (each top-level line of one of them and every line
/// under it) replaced by comment lines of the same length, so that later errors and values keep
/// their lines and byte offsets; `None` if the entry at `line` would not go (no progress).
fn without_entries(yaml: &str, keys: &[String], line: usize) -> Option<String> {
    let mut out = String::with_capacity(yaml.len());
    let mut dropping = false;
    let mut dropped_line = false;
    for (index, text) in yaml.split_inclusive('\n').enumerate() {
        if let Some(key) = top_level_key(text) {
            dropping = keys.contains(&key);
        }
        if dropping {
            dropped_line |= index + 1 == line;
            let content = text.trim_end_matches(['\n', '\r']);
            if !content.is_empty() {
                out.push('#');
                out.extend(std::iter::repeat_n(' ', content.len() - 1));
            }
            out.push_str(&text[content.len()..]);
        } else {
            out.push_str(text);
        }
    }
    dropped_line.then_some(out)
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
    let (message, help) = match budget_message(&raw) {
        Some(message) => (
            message,
            "simplify it: keep long text in the Markdown body, and write values out rather than through aliases".to_owned(),
        ),
        None => explain(&raw),
    };
    let missing_key = message
        .strip_prefix("missing required key `")
        .and_then(|k| k.strip_suffix('`'))
        .map(str::to_owned);
    let mut diagnostic = Diagnostic::error(source.path, message).with_help(help);
    if let Some(location) = error.location().filter(|l| l.line() > 0) {
        let mut position = source.position(&location);
        // serde reports a missing key where its mapping ended; inside a list entry (a comment,
        // a company) point at the entry and say which, not at its last key.
        if let Some(key) = &missing_key
            && let Some(entry) = enclosing_entry(
                source.yaml,
                location.line() as usize,
                location.column() as usize,
            )
        {
            position = Position::new(source.first_line + entry.line - 1, entry.column);
            diagnostic.help = Some(match &entry.parent {
                Some(parent) => format!("add `{key}: ...` to this entry of `{parent}:`"),
                None => format!("add `{key}: ...` to this entry"),
            });
        }
        diagnostic = diagnostic.at(position).with_source(source.file_text);
    } else {
        diagnostic = diagnostic.at(Position::new(source.first_line, 1));
    }
    diagnostic
}

/// A nested mapping that a missing key belongs in: where it starts and the key above it.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    /// 1-based line and column of the mapping's first key, in the YAML.
    line: usize,
    column: usize,
    /// The key the mapping (or the list it is an entry of) is the value of.
    parent: Option<String>,
}

/// The indented mapping whose keys stand at 1-based `column`, reading up from `line`; `None`
/// for the top level.
fn enclosing_entry(yaml: &str, line: usize, column: usize) -> Option<Entry> {
    let lines: Vec<&str> = yaml.lines().collect();
    let key_indent = column.checked_sub(1).filter(|&i| i > 0)?;
    let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let key_of = |l: &str| {
        let t = l.trim_start_matches([' ', '-']).trim_start();
        t.split_once(':')
            .map(|(k, _)| k.trim().trim_matches(['"', '\'']).to_owned())
    };
    let mut first = (line.min(lines.len()).max(1), column);
    for i in (0..line.min(lines.len())).rev() {
        let text = lines[i];
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = indent_of(text);
        let after_dash = text[indent..]
            .strip_prefix('-')
            .map(|rest| indent + 1 + (rest.len() - rest.trim_start_matches(' ').len()));
        if after_dash == Some(key_indent) {
            // `- key: ...` starts the entry; its list is the value of the key above.
            let parent = lines[..i]
                .iter()
                .rev()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .find(|l| {
                    indent_of(l) < indent || (indent_of(l) == indent && l.trim_end().ends_with(':'))
                })
                .and_then(|l| key_of(l));
            return Some(Entry {
                line: i + 1,
                column: key_indent + 1,
                parent,
            });
        }
        if indent == key_indent {
            first = (i + 1, column);
            continue;
        }
        if indent < key_indent {
            return Some(Entry {
                line: first.0,
                column: first.1,
                parent: key_of(text),
            });
        }
    }
    None
}

/// A limit against hostile YAML, in plain words: the parser names its internal counters
/// (`budget breached: Nodes { nodes: 50001 }`), also when the breach is wrapped in an alias
/// error.
fn budget_message(raw: &str) -> Option<String> {
    if raw.contains("recursion limit exceeded") {
        return Some(format!(
            "the YAML nests lists and mappings more than {MAX_DEPTH} deep"
        ));
    }
    let counter = raw
        .split_once("budget breached: ")?
        .1
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()?;
    Some(match counter {
        "Depth" => format!("the YAML nests lists and mappings more than {MAX_DEPTH} deep"),
        "Aliases" | "AliasAnchorRatio" => {
            format!("the YAML uses more than {MAX_ALIASES} aliases (`*name`)")
        }
        "Anchors" => format!("the YAML defines more than {MAX_ALIASES} anchors (`&name`)"),
        "Nodes" | "Events" => format!(
            "the YAML holds more than {MAX_NODES} values (aliases count each time they are used)"
        ),
        "ScalarBytes" => format!("the YAML holds more than {MAX_YAML_BYTES} bytes of text"),
        "Documents" => "the YAML holds more than one document".to_owned(),
        _ => "the YAML is too large or too complex".to_owned(),
    })
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

    fn recovered(yaml: &str) -> (Option<Fm>, Vec<(usize, String)>) {
        let (value, errors) = parse_recovering::<Fm>(&src(yaml));
        let errors = errors
            .into_iter()
            .map(|d| (d.position.map_or(0, |p| p.line), d.message))
            .collect();
        (value, errors)
    }

    #[test]
    fn recovery_reports_every_broken_entry_at_its_line() {
        let (value, errors) = recovered("title: A\ncompnay: Nike\ntags: not-a-list\nsubtitle: x\n");
        assert_eq!(
            errors.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![2, 3, 4],
            "{errors:?}"
        );
        assert_eq!(errors[0].1, "unknown key `compnay`");
        assert_eq!(errors[2].1, "unknown key `subtitle`");
        // The rest parsed, for the checks that follow.
        assert_eq!(value.map(|v| v.title), Some("A".to_owned()));
    }

    #[test]
    fn recovery_sets_aside_nested_entries_whole_and_keeps_later_lines() {
        let (_, errors) =
            recovered("title: A\ntags:\n  - ok\n  - [nested]\n  - also\ncolour: red\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].0, 4);
        assert_eq!(errors[1], (6, "unknown key `colour`".to_owned()));
    }

    #[test]
    fn a_broken_required_key_is_reported_once_not_as_missing_too() {
        let (value, errors) = recovered("title: [a, b]\ncompnay: Nike\n");
        assert!(value.is_none());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors.iter().all(|(_, m)| !m.contains("missing")),
            "{errors:?}"
        );
    }

    #[test]
    fn keys_read_together_are_set_aside_together() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Rated {
            title: String,
            company: Option<String>,
            rating: Option<String>,
        }
        let (value, errors) =
            parse_recovering::<Rated>(&src("title: A\ncompany: [Nike]\nrating: A+\n"));
        assert_eq!(errors.len(), 1);
        let value = value.expect("the rest parses");
        assert_eq!((value.company, value.rating), (None, None));
    }

    #[test]
    fn recovery_stops_at_a_syntax_error() {
        let (value, errors) = recovered("title: A\ncompnay: Nike\ntags: [a, b\nother: 1\n");
        assert!(value.is_none());
        assert_eq!(errors[0].1, "unknown key `compnay`");
        assert_eq!(errors.len(), 2, "the syntax error ends it: {errors:?}");
    }

    #[test]
    fn recovery_is_bounded() {
        let yaml: String = std::iter::once("title: A\n".to_owned())
            .chain((0..500).map(|i| format!("unknown{i}: x\n")))
            .collect();
        let (value, errors) = recovered(&yaml);
        assert!(value.is_none());
        assert_eq!(errors.len(), MAX_RECOVERED);
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
        let d = parse::<Fm>(&source).expect_err("unknown key").remove(0);
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
        let d = parse::<Fm>(&source).expect_err("syntax").remove(0);
        let line = d.position.map(|p| p.line).unwrap_or(0);
        assert!((3..=4).contains(&line), "line {line}: {}", d.render());
    }

    #[test]
    fn a_missing_key_of_a_list_entry_is_found_at_the_entry() {
        let yaml =
            "title: A\ncomments:\n  - date: 2023-01-02\n    body: Hi\n  - author: B\n    body: x\n";
        assert_eq!(
            enclosing_entry(yaml, 4, 5),
            Some(Entry {
                line: 3,
                column: 5,
                parent: Some("comments".into())
            })
        );
        let nested = "image:\n  alt: x\n  credit: y\nnext: 1\n";
        assert_eq!(
            enclosing_entry(nested, 3, 3),
            Some(Entry {
                line: 2,
                column: 3,
                parent: Some("image".into())
            })
        );
        assert_eq!(enclosing_entry("title: x\n", 1, 1), None);
    }

    #[test]
    fn missing_field_is_explained() {
        let d = parse::<Fm>(&src("company: x\n"))
            .expect_err("missing")
            .remove(0);
        assert_eq!(d.message, "missing required key `title`");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = parse::<Fm>(&src("title: a\ntitle: b\n"))
            .expect_err("dup")
            .remove(0);
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
        let error = r.expect_err("an alias bomb is refused").remove(0);
        assert!(error.message.starts_with("the YAML "), "{}", error.message);
        assert!(!error.message.contains("budget"), "{}", error.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let yaml = format!("title: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let error = parse::<serde_json::Value>(&src(&yaml))
            .expect_err("refused")
            .remove(0);
        assert_eq!(
            error.message,
            "the YAML nests lists and mappings more than 32 deep"
        );
        assert!(error.help.is_some_and(|h| h.starts_with("simplify it")));
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
