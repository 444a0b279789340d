//! Content problems as data: every error or warning found in a run is collected as a
//! [`Diagnostic`] with file, line, column and a fix, then reported together.
//!
//! Stages never stop at the first bad file: they push into [`Diagnostics`] and carry on, so a
//! writer sees every problem of a run at once (the way rustc reports).

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::style::{Style, visible};

/// How bad a finding is: errors fail the build, warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A position in a source file, both 1-based; column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Self {
        Position {
            line: line.max(1),
            column: column.max(1),
        }
    }
}

/// Longest source line, in bytes, that a diagnostic shows.
pub const MAX_SOURCE_LINE: usize = 1024;

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user would name it (relative to the site root when possible).
    pub path: PathBuf,
    /// `None` when the problem concerns the file as a whole (unreadable, duplicate slug).
    pub position: Option<Position>,
    pub message: String,
    /// How to fix it, if there is something useful to say.
    pub help: Option<String>,
    /// The offending source line, shown under the message with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        let help = help.into();
        if !help.is_empty() {
            self.help = Some(help);
        }
        self
    }

    /// Attaches the source line at this diagnostic's position, taken from the file's text. A
    /// line longer than [`MAX_SOURCE_LINE`] bytes is left out: thousands of errors on one huge
    /// line (a long YAML list) would otherwise each hold a copy of it.
    pub fn with_source(mut self, text: &str) -> Self {
        if let Some(position) = self.position {
            self.source_line = text
                .lines()
                .nth(position.line - 1)
                .filter(|line| line.len() <= MAX_SOURCE_LINE)
                .map(|line| line.trim_end_matches('\r').to_owned());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders `path:line:col: error: message`, the source line with a caret, and the help.
    pub fn render(&self) -> String {
        self.render_with(Style::PLAIN)
    }

    /// [`Diagnostic::render`] with colours: errors red, warnings yellow, the path bold.
    pub fn render_with(&self, style: Style) -> String {
        let mut out = String::new();
        // Paths, messages and source lines come from content: nothing in them may steer the
        // terminal.
        let path = self.path.display().to_string();
        let path = visible(&path);
        let location = match self.position {
            Some(p) => format!("{path}:{}:{}:", p.line, p.column),
            None => format!("{path}:"),
        };
        let _ = write!(out, "{} ", style.bold(&location));
        let severity = match self.severity {
            Severity::Error => style.error(self.severity.as_str()),
            Severity::Warning => style.warning(self.severity.as_str()),
        };
        let _ = writeln!(out, "{severity}: {}", visible(&self.message));
        if let (Some(p), Some(line)) = (self.position, &self.source_line) {
            let number = p.line.to_string();
            let gutter = " ".repeat(number.len());
            // Expand tabs so that the caret lines up with what the terminal shows.
            let shown = visible(line).replace('\t', "    ");
            let caret_offset: usize = line
                .chars()
                .take(p.column - 1)
                .map(|c| match c {
                    '\t' => 4,
                    c => visible(c.encode_utf8(&mut [0; 4])).chars().count(),
                })
                .sum();
            let bar = style.dim("|");
            let _ = writeln!(out, "{gutter} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", style.dim(&number));
            let caret = match self.severity {
                Severity::Error => style.error("^"),
                Severity::Warning => style.warning("^"),
            };
            let _ = writeln!(out, "{gutter} {bar} {}{caret}", " ".repeat(caret_offset));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = {} {}", style.hint("help:"), visible(help));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// The findings of one run, in a stable order for output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Drops every finding equal to one of `gone` (findings of a file that was checked again).
    pub fn remove_all(&mut self, gone: &[Diagnostic]) {
        if !gone.is_empty() {
            self.items.retain(|d| !gone.contains(d));
        }
    }

    /// Sorts by file, then position, then message: parallel stages push in any order.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.position, a.severity, &a.message)
                .cmp(&(&b.path, b.position, b.severity, &b.message))
        });
        self.items.dedup();
    }

    /// Renders all findings followed by a one-line count.
    pub fn render(&self) -> String {
        self.render_with(Style::PLAIN)
    }

    /// [`Diagnostics::render`] with colours (see [`Diagnostic::render_with`]).
    pub fn render_with(&self, style: Style) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render_with(style));
            out.push('\n');
        }
        let errors = self.error_count();
        let warnings = self.warning_count();
        if errors + warnings > 0 {
            let _ = writeln!(out, "{}", count_line(errors, warnings, style));
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `2 errors, 1 warning`, the counts coloured when they are not zero.
pub fn count_line(errors: usize, warnings: usize, style: Style) -> String {
    let errors_text = format!("{errors} {}", plural(errors, "error", "errors"));
    let warnings_text = format!("{warnings} {}", plural(warnings, "warning", "warnings"));
    format!(
        "{}, {}",
        if errors > 0 {
            style.error(&errors_text)
        } else {
            errors_text
        },
        if warnings > 0 {
            style.warning(&warnings_text)
        } else {
            warnings_text
        }
    )
}

/// The nearest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.chars().count().max(3) / 3).max(1) + 1)
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// Shows a path relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_source_caret_and_help() {
        let text = "---\ntitle: x\ncompnay: Nike\n---\n";
        let d = Diagnostic::error("content/stories/a.md", "unknown key `compnay`")
            .at(Position::new(3, 1))
            .with_help("did you mean `company`?")
            .with_source(text);
        let rendered = d.render();
        assert_eq!(
            rendered,
            "content/stories/a.md:3:1: error: unknown key `compnay`\n  |\n3 | compnay: Nike\n  | ^\n  = help: did you mean `company`?\n"
        );
    }

    #[test]
    fn caret_follows_tabs_and_columns() {
        let d = Diagnostic::error("a", "m")
            .at(Position::new(1, 3))
            .with_source("\tab");
        assert!(
            d.render().contains("1 |     ab\n  |      ^"),
            "{}",
            d.render()
        );
    }

    #[test]
    fn suggests_only_close_words() {
        let keys = ["title", "company", "companies", "date"];
        assert_eq!(did_you_mean("compnay", keys), Some("company"));
        assert_eq!(did_you_mean("Titel", keys), Some("title"));
        assert_eq!(did_you_mean("zzzzzzzz", keys), None);
    }

    #[test]
    fn counts_and_sorts() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("b.md", "w"));
        all.push(Diagnostic::error("a.md", "e").at(Position::new(2, 1)));
        all.push(Diagnostic::error("a.md", "e").at(Position::new(1, 1)));
        all.sort();
        assert_eq!(all.error_count(), 2);
        assert_eq!(all.warning_count(), 1);
        let first = all.iter().next().map(|d| d.position);
        assert_eq!(first, Some(Some(Position::new(1, 1))));
        assert!(all.render().ends_with("2 errors, 1 warning\n"));
    }
}
