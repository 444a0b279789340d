//! The story archive by date: every year and month that has stories, newest first, as readers
//! of blogs expect at `/stories/2011/` and `/stories/2011/07/`. Also the story slugs those
//! archive paths would collide with.

use crate::diagnostics::{Diagnostic, Diagnostics};

use super::{Story, StoryId};

/// The stories of one calendar month (the date as the writer gave it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveMonth {
    /// 1 to 12.
    pub month: u8,
    /// Newest first.
    pub stories: Vec<StoryId>,
}

/// The stories of one calendar year, and its months that have stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: i16,
    /// Newest first.
    pub stories: Vec<StoryId>,
    /// Newest first.
    pub months: Vec<ArchiveMonth>,
}

impl ArchiveYear {
    /// The year as its URL segment and link text: four digits (`0987`, `2011`).
    pub fn segment(&self) -> String {
        year_segment(self.year)
    }
}

/// `2011`, `0987`: years are written with four digits in archive URLs.
pub fn year_segment(year: i16) -> String {
    format!("{year:04}")
}

/// `07`: months are written with two digits in archive URLs.
pub fn month_segment(month: u8) -> String {
    format!("{month:02}")
}

/// Years newest first, months newest first, stories in site order (newest first).
pub(super) fn archive(stories: &[Story]) -> Vec<ArchiveYear> {
    let mut years: Vec<ArchiveYear> = Vec::new();
    let mut ids: Vec<StoryId> = StoryId::all(stories).collect();
    // By calendar date as written, newest first; the site order (by instant) breaks ties, so a
    // story written at a far offset still lands in the month its date names.
    ids.sort_by(|&a, &b| {
        stories[b]
            .input
            .date
            .date
            .cmp(&stories[a].input.date.date)
            .then(a.cmp(&b))
    });
    for id in ids {
        let date = stories[id].input.date.date;
        let (year, month) = (date.year(), u8::try_from(date.month()).unwrap_or(1));
        if years.last().is_none_or(|y| y.year != year) {
            years.push(ArchiveYear {
                year,
                stories: Vec::new(),
                months: Vec::new(),
            });
        }
        let Some(y) = years.last_mut() else { continue };
        y.stories.push(id);
        if y.months.last().is_none_or(|m| m.month != month) {
            y.months.push(ArchiveMonth {
                month,
                stories: Vec::new(),
            });
        }
        if let Some(m) = y.months.last_mut() {
            m.stories.push(id);
        }
    }
    years
}

/// A story whose slug is an archive year with stories (`/stories/2011/`) or `page` (the
/// archive's page 2 is `/stories/page/2/`) would share its address with the archive.
pub(super) fn report_archive_collisions(
    stories: &[Story],
    years: &[ArchiveYear],
    diagnostics: &mut Diagnostics,
) {
    // Formatted once, not once per story.
    let segments: Vec<String> = years.iter().map(ArchiveYear::segment).collect();
    for story in stories {
        let slug = story.input.slug.as_str();
        let taken = slug == "page" || segments.iter().any(|y| y == slug);
        if taken {
            diagnostics.push(
                Diagnostic::error(
                    &story.input.origin.path,
                    format!(
                        "the story's URL slug `{slug}` is also the address of the story archive's `/stories/{slug}/`"
                    ),
                )
                // The slug is made from the title unless `slug:` sets it.
                .at(story.input.title_position)
                .with_help("set a `slug:` with a word in it, e.g. the story's title in a few words"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_have_fixed_widths() {
        assert_eq!(year_segment(987), "0987");
        assert_eq!(year_segment(2011), "2011");
        assert_eq!(month_segment(7), "07");
        assert_eq!(month_segment(12), "12");
    }
}
