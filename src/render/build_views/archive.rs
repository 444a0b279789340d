//! Views of the story archive: the titles and links of the pages of every story, of a year and
//! of a month.

use super::ViewBuilder;
use super::jobs::ArchiveOf;
use crate::model::year_segment;
use crate::render::views::{ArchiveLink, ArchiveView};

impl<'a> ViewBuilder<'a> {
    /// The archive page's view: its title, the archive above it and the periods below it.
    pub(super) fn archive_view(&self, of: ArchiveOf) -> ArchiveView {
        let archive = self.site.archive();
        let all = || ArchiveLink {
            name: self.words.text("archive-title", &[]),
            url: self.archive_url(ArchiveOf::All),
            count: self.site.story_count(),
        };
        let year_link = |y: usize| ArchiveLink {
            name: year_segment(archive[y].year),
            url: self.archive_url(ArchiveOf::Year(y)),
            count: archive[y].stories.len(),
        };
        let (kind, title, parent, periods) = match of {
            ArchiveOf::All => (
                "all",
                self.words.text("archive-title", &[]),
                None,
                (0..archive.len()).map(year_link).collect(),
            ),
            ArchiveOf::Year(y) => (
                "year",
                self.words.text(
                    "archive-year-title",
                    &[("year", year_segment(archive[y].year).as_str().into())],
                ),
                Some(all()),
                self.site
                    .archive_year(y)
                    .months
                    .iter()
                    .enumerate()
                    .map(|(m, month)| ArchiveLink {
                        name: self.month_name(y, m),
                        url: self.archive_url(ArchiveOf::Month(y, m)),
                        count: month.stories.len(),
                    })
                    .collect(),
            ),
            ArchiveOf::Month(y, m) => (
                "month",
                self.words.text(
                    "archive-month-title",
                    &[("month", self.month_name(y, m).as_str().into())],
                ),
                Some(year_link(y)),
                Vec::new(),
            ),
        };
        ArchiveView {
            kind,
            title,
            url: self.archive_url(of),
            parent,
            periods,
        }
    }

    /// `2011` or `July 2011` (in the site's language); `None` for the archive of every story.
    pub(super) fn period_name(&self, of: ArchiveOf) -> Option<String> {
        match of {
            ArchiveOf::All => None,
            ArchiveOf::Year(y) => Some(year_segment(self.site.archive()[y].year)),
            ArchiveOf::Month(y, m) => Some(self.month_name(y, m)),
        }
    }

    fn month_name(&self, y: usize, m: usize) -> String {
        let year = self.site.archive()[y].year;
        self.words
            .format()
            .month(year, self.site.archive_month(y, m).month)
    }
}
