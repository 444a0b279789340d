//! The import's report: what came across, what was left out and why, and every item that needs
//! a person (with its title and WordPress id). Shown by the command line and written to
//! `import-report.md` in the site; it holds no date, so the same export gives the same report.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// File name of the report in the site folder.
pub(crate) const REPORT_FILE: &str = "import-report.md";

/// Something a person should look at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Need {
    /// The WordPress id of the post or page.
    pub id: u64,
    pub title: String,
    pub what: String,
}

/// Counts and findings of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ImportReport {
    pub dry_run: bool,
    pub posts: usize,
    pub pages: usize,
    pub drafts: usize,
    pub scheduled: usize,
    pub authors: usize,
    /// Posts and pages not imported, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Items of other types (menus, revisions, plugin types), by type.
    pub ignored: BTreeMap<String, usize>,
    pub comments_kept: usize,
    pub comments_dropped: BTreeMap<String, usize>,
    pub images_copied: usize,
    pub images_missing: usize,
    /// Shortcodes converted, by name.
    pub shortcodes: BTreeMap<String, usize>,
    /// HTML that Markdown cannot hold, by element.
    pub html_not_kept: BTreeMap<String, usize>,
    /// Slugs changed because another post had them first.
    pub renamed_slugs: usize,
    pub files_written: usize,
    pub files_replaced: usize,
    /// Files there already (from an earlier run, or the writer's), left as they were.
    pub files_kept: usize,
    pub needs: Vec<Need>,
}

impl ImportReport {
    pub(crate) fn need(&mut self, id: u64, title: &str, what: impl Into<String>) {
        self.needs.push(Need {
            id,
            title: title.to_owned(),
            what: what.into(),
        });
    }

    /// The report as Markdown (also what the command line prints).
    pub(crate) fn to_markdown(&self) -> String {
        let mut out = String::new();
        let heading = if self.dry_run {
            "# WordPress import (dry run: nothing was written)"
        } else {
            "# WordPress import"
        };
        let _ = writeln!(out, "{heading}\n");
        let _ = writeln!(
            out,
            "- Stories: {} ({} drafts, {} scheduled)",
            self.posts, self.drafts, self.scheduled
        );
        let _ = writeln!(out, "- Pages: {}", self.pages);
        let _ = writeln!(out, "- Author profiles: {}", self.authors);
        line_with_counts(&mut out, "Skipped", &self.skipped);
        line_with_counts(&mut out, "Ignored item types", &self.ignored);
        let _ = writeln!(out, "- Comments kept: {}", self.comments_kept);
        line_with_counts(&mut out, "Comments dropped", &self.comments_dropped);
        let _ = writeln!(
            out,
            "- Images copied: {}, missing: {}",
            self.images_copied, self.images_missing
        );
        line_with_counts(&mut out, "Shortcodes converted", &self.shortcodes);
        line_with_counts(&mut out, "HTML Markdown cannot hold", &self.html_not_kept);
        if self.renamed_slugs > 0 {
            let _ = writeln!(
                out,
                "- Slugs changed to avoid a collision: {}",
                self.renamed_slugs
            );
        }
        let _ = writeln!(
            out,
            "- Files written: {}, replaced: {}, already there and kept: {}",
            self.files_written, self.files_replaced, self.files_kept
        );
        let mut needs = self.needs.clone();
        needs.sort();
        if needs.is_empty() {
            let _ = writeln!(out, "\nNothing needs a person's attention.");
        } else {
            let _ = writeln!(out, "\n## Needs attention ({})\n", needs.len());
            for need in &needs {
                let _ = writeln!(
                    out,
                    "- \"{}\" (WordPress id {}): {}",
                    one_line(&need.title),
                    need.id,
                    one_line(&need.what)
                );
            }
        }
        out
    }
}

fn line_with_counts(out: &mut String, label: &str, counts: &BTreeMap<String, usize>) {
    let total: usize = counts.values().sum();
    if total == 0 {
        let _ = writeln!(out, "- {label}: 0");
        return;
    }
    let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(out, "- {label}: {total} ({})", parts.join(", "));
}

/// Terminal-safe single line: control characters (escape sequences) dropped.
fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_are_sorted_and_control_characters_dropped() {
        let mut report = ImportReport::default();
        report.need(9, "B", "no graded company");
        report.need(2, "A\u{1b}[31m", "missing photo x.jpg");
        let text = report.to_markdown();
        let a = text.find("id 2").expect("2");
        let b = text.find("id 9").expect("9");
        assert!(a < b);
        assert!(!text.contains('\u{1b}'));
    }
}
