//! Splits a content file into its YAML front matter and Markdown body.
//!
//! Pure text work, no YAML parsing: it finds the `---` fences and keeps the line offset of each
//! part so that errors found later point at the right line of the original file.

use crate::diagnostics::Position;

/// A content file cut in two. Both parts borrow from the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (without them), `None` when the file has no front matter.
    pub front_matter: Option<&'a str>,
    /// 1-based line of the file on which the front matter's first line stands.
    pub front_matter_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub position: Position,
    pub message: String,
    pub help: String,
}

/// Decodes a file as UTF-8 text, dropping a byte-order mark. Reports where the first invalid
/// byte is, and refuses files that look binary (NUL bytes).
pub fn decode(bytes: &[u8]) -> Result<&str, SplitError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            return Err(SplitError {
                position: end_position(prefix),
                message: "the file is not valid UTF-8 text".into(),
                help: "save the file with UTF-8 encoding (most editors offer it under \"Save with encoding\")".into(),
            });
        }
    };
    if let Some(offset) = text.find('\0') {
        return Err(SplitError {
            position: end_position(&text[..offset]),
            message: "the file contains NUL bytes: it looks like a binary file, not Markdown".into(),
            help: "content files must be Markdown text; move images and other files out of the way or give them their own extension".into(),
        });
    }
    Ok(text)
}

/// Cuts `text` at its front matter fences. A file whose first line is not `---` has no front
/// matter; a `---` later in the body (a thematic break) is left alone.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter::new(text);
    let Some((first, _)) = lines.next() else {
        return Ok(no_front_matter(text));
    };
    if first.trim_end() != "---" {
        return Ok(no_front_matter(text));
    }
    let yaml_start = lines.offset;
    let mut line_number = 1;
    while let Some((line, start)) = lines.next() {
        line_number += 1;
        if line.trim_end() == "---" {
            return Ok(Split {
                front_matter: Some(&text[yaml_start..start]),
                front_matter_line: 2,
                body: &text[lines.offset..],
                body_line: line_number + 1,
            });
        }
    }
    Err(SplitError {
        position: Position::START,
        message: "the front matter opened here is never closed".into(),
        help: "add a line containing only `---` after the last front matter key".into(),
    })
}

fn no_front_matter(text: &str) -> Split<'_> {
    Split {
        front_matter: None,
        front_matter_line: 1,
        body: text,
        body_line: 1,
    }
}

/// Line and column just after `prefix`.
fn end_position(prefix: &str) -> Position {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position::new(line, column)
}

/// Lines with their byte offsets, keeping `\r` out of the line text.
struct LineIter<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str) -> Self {
        LineIter { text, offset: 0 }
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (&'a str, usize);
    fn next(&mut self) -> Option<Self::Item> {
        if self.offset >= self.text.len() {
            return None;
        }
        let start = self.offset;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.offset += advance;
        Some((line.strip_suffix('\r').unwrap_or(line), start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_line_offsets() {
        let s = split("---\ntitle: A\ndate: 2020-01-01\n---\nHello\n").expect("splits");
        assert_eq!(s.front_matter, Some("title: A\ndate: 2020-01-01\n"));
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn crlf_line_ends() {
        let s = split("---\r\ntitle: A\r\n---\r\nBody\r\n").expect("splits");
        assert_eq!(s.front_matter, Some("title: A\r\n"));
        assert_eq!(s.body, "Body\r\n");
    }

    #[test]
    fn bom_is_dropped_by_decode() {
        let text = decode(b"\xEF\xBB\xBF---\ntitle: A\n---\n").expect("decodes");
        assert_eq!(
            split(text).expect("splits").front_matter,
            Some("title: A\n")
        );
    }

    #[test]
    fn no_front_matter() {
        let s = split("Just text\n---\nmore\n").expect("splits");
        assert_eq!(s.front_matter, None);
        assert_eq!(s.body, "Just text\n---\nmore\n");
        let empty = split("").expect("splits");
        assert_eq!(empty.front_matter, None);
        assert_eq!(empty.body, "");
    }

    #[test]
    fn thematic_break_inside_body_stays_in_body() {
        let s = split("---\ntitle: A\n---\none\n\n---\n\ntwo\n").expect("splits");
        assert_eq!(s.body, "one\n\n---\n\ntwo\n");
    }

    #[test]
    fn empty_front_matter() {
        let s = split("---\n---\nbody").expect("splits");
        assert_eq!(s.front_matter, Some(""));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_at_line_one() {
        let e = split("---\ntitle: A\nbody without fence\n").expect_err("unclosed");
        assert_eq!(e.position, Position::START);
        assert!(e.help.contains("---"));
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let e = decode(b"---\ntitle: caf\xE9\n").expect_err("invalid");
        assert_eq!(e.position, Position::new(2, 11));
    }

    #[test]
    fn binary_files_are_refused() {
        let e = decode(b"GIF89a\0\0\x01").expect_err("binary");
        assert!(e.message.contains("binary"));
    }
}
