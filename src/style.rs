//! Terminal styling: colours and bold text, only when the output is a terminal and `NO_COLOR`
//! is not set (<https://no-color.org>). Library code renders with a [`Style`] it is given, so
//! tests and files always get plain text.

use std::io::IsTerminal;

/// Whether to add ANSI colour codes to text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const GREEN: &str = "1;32";
const CYAN: &str = "36";
const BOLD: &str = "1";
const DIM: &str = "2";

impl Style {
    /// No colour at all.
    pub const PLAIN: Style = Style { color: false };

    /// Colour when `is_terminal` and `NO_COLOR` is unset or empty.
    pub fn detect(is_terminal: bool) -> Style {
        Style {
            color: is_terminal && !no_color(std::env::var_os("NO_COLOR").as_deref()),
        }
    }

    /// The style for text written to standard error.
    pub fn stderr() -> Style {
        Style::detect(std::io::stderr().is_terminal())
    }

    /// The style for text written to standard output.
    pub fn stdout() -> Style {
        Style::detect(std::io::stdout().is_terminal())
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Errors: red.
    pub fn error(self, text: &str) -> String {
        self.paint(RED, text)
    }

    /// Warnings: yellow.
    pub fn warning(self, text: &str) -> String {
        self.paint(YELLOW, text)
    }

    /// Success: green.
    pub fn success(self, text: &str) -> String {
        self.paint(GREEN, text)
    }

    /// Help lines and hints: cyan.
    pub fn hint(self, text: &str) -> String {
        self.paint(CYAN, text)
    }

    /// Paths and other things to find at a glance: bold.
    pub fn bold(self, text: &str) -> String {
        self.paint(BOLD, text)
    }

    /// Secondary text (gutters, timings): dim.
    pub fn dim(self, text: &str) -> String {
        self.paint(DIM, text)
    }

    /// `error: ` in red, for messages of the application itself.
    pub fn error_label(self) -> String {
        self.error("error:")
    }
}

/// `text` with every character that could steer a terminal written out visibly (`\u{1b}`):
/// control characters but line feed and tab (an `ESC` from a story could retitle the window or
/// clear the screen), and the bidirectional overrides that reorder what is shown. Everything
/// from content that reaches the terminal goes through here before it is styled.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True when the value of `NO_COLOR` asks for no colour: set and not empty.
pub(crate) fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn plain_style_adds_nothing() {
        assert_eq!(Style::PLAIN.error("error"), "error");
        assert_eq!(Style::PLAIN.bold("a.md"), "a.md");
    }

    #[test]
    fn colour_wraps_in_ansi_codes() {
        let s = Style { color: true };
        assert_eq!(s.error("error"), "\x1b[1;31merror\x1b[0m");
        assert_eq!(s.warning("warning"), "\x1b[1;33mwarning\x1b[0m");
        assert_eq!(s.bold("a.md"), "\x1b[1ma.md\x1b[0m");
        assert_eq!(s.bold(""), "");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            visible("a\x1b]0;PWNED\x07\x1b[2J\r\u{9b}\u{202e}b"),
            "a\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\u{d}\\u{9b}\\u{202e}b"
        );
        assert_eq!(visible("tab\tand\nline, Café"), "tab\tand\nline, Café");
    }

    #[test]
    fn no_color_counts_only_when_not_empty() {
        assert!(!no_color(None));
        assert!(!no_color(Some(OsStr::new(""))));
        assert!(no_color(Some(OsStr::new("1"))));
        assert!(!Style::detect(false).color);
    }
}
