//! Control characters in YAML values. YAML's double-quoted escapes (`"\e[2J"`, `"\x07"`,
//! `"\u009b"`) put characters in a value that no page can show, that make XML feeds invalid, and
//! that retitle or clear a terminal when a message quotes them. Every string of a document, keys
//! included, is checked, and each one holding such a character is an error at its place.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use serde_saphyr::Location;

use super::{Spanned, YamlSource, options};
use crate::diagnostics::Diagnostic;

/// The first character of `text` that may not stand in a value: every control character but tab,
/// line feed and carriage return, which are whitespace in HTML and XML.
pub(crate) fn first_control_char(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Whether `yaml` can hold a value with a control character at all: only as a raw character or
/// through a backslash escape of a double-quoted string.
fn may_hold_control_chars(yaml: &str) -> bool {
    yaml.contains('\\') || first_control_char(yaml).is_some()
}

/// An error for each string of `source` that holds a control character.
pub(crate) fn check(source: &YamlSource<'_>) -> Vec<Diagnostic> {
    if !may_hold_control_chars(source.yaml) {
        return Vec::new();
    }
    let Ok(root) = serde_saphyr::from_str_with_options::<Spanned<Node>>(source.yaml, options())
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    collect(root, &mut found);
    found
        .into_iter()
        .map(|(at, c)| {
            source
                .error_at(
                    &at,
                    format!(
                        "this value holds the control character U+{:04X}, which no page can show and which can take over a terminal",
                        u32::from(c)
                    ),
                )
                .with_help(
                    "remove it: write the text without escapes such as `\\e`, `\\a`, `\\x1b` or `\\u001b` (it often comes from text copied out of a terminal)",
                )
        })
        .collect()
}

/// What one YAML node holds: the control character of the node itself when it is a string,
/// and the findings of the nodes inside it.
#[derive(Debug, Default)]
struct Node {
    own: Option<char>,
    inner: Vec<(Location, char)>,
}

/// Adds the findings of `node` and of the nodes inside it to `found`.
fn collect(node: Spanned<Node>, found: &mut Vec<(Location, char)>) {
    if let Some(c) = node.value.own {
        found.push((node.referenced, c));
    }
    found.extend(node.value.inner);
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Node, E> {
        Ok(Node {
            own: first_control_char(text),
            inner: Vec::new(),
        })
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut node = Node::default();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            collect(item, &mut node.inner);
        }
        Ok(node)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut node = Node::default();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            collect(key, &mut node.inner);
            collect(map.next_value::<Spanned<Node>>()?, &mut node.inner);
        }
        Ok(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn errors(yaml: &str) -> Vec<String> {
        let text = format!("---\n{yaml}---\nbody\n");
        let source = YamlSource {
            path: Path::new("a.md"),
            file_text: &text,
            yaml,
            first_line: 2,
        };
        check(&source)
            .iter()
            .map(|d| {
                let p = d.position.expect("a position");
                format!("{}:{} {}", p.line, p.column, &d.message[..45])
            })
            .collect()
    }

    #[test]
    fn escapes_of_control_characters_are_found_where_they_stand() {
        assert_eq!(
            errors(
                "title: \"\\e]0;PWNED\\a\\e[2J\"\ntags: [ok, \"b\\x07\"]\nextra:\n  \"k\\u009b\": v\n"
            ),
            [
                "2:8 this value holds the control character U+001B",
                "3:12 this value holds the control character U+0007",
                "5:3 this value holds the control character U+009B",
            ]
        );
    }

    #[test]
    fn plain_text_and_whitespace_escapes_pass() {
        assert!(errors("title: \"Tab\\there, line\\nnext\"\nbody: 'C:\\temp'\nn: 3\n").is_empty());
        assert!(errors("title: Café Müller — ünïcödé\n").is_empty());
    }
}
