//! The `/series/` page: every series with its introduction, its number of parts and its newest
//! part. Made only when the theme has its template (an optional one: see `OPTIONAL_TEMPLATES`).

use serde::Serialize;

use super::{JobError, ViewBuilder};
use crate::model::SeriesId;
use crate::render::views::SeriesEntry;
use crate::render::{PageBytes, SERIES_INDEX_TEMPLATE, Theme};

impl<'a> ViewBuilder<'a> {
    /// The URL of the `/series/` page, or `None` when the theme does not make it.
    pub(super) fn series_index_url(&self) -> Option<String> {
        self.optional.series_index.then(|| self.urls.at("series/"))
    }

    /// Every series, the one with the newest part first; series with no published part yet
    /// come last, by slug.
    pub(super) fn series_entries<'c>(&'c self) -> Vec<SeriesEntry<'a, 'c>> {
        let site = self.site;
        let mut ids: Vec<SeriesId> = site.all_series().map(|(id, _)| id).collect();
        // Story ids run newest first, so the smallest id of a newest part is the newest.
        ids.sort_by_key(|&id| {
            let series = site.series(id);
            (
                series.stories.last().is_none(),
                series.stories.last().copied(),
                &series.slug,
            )
        });
        ids.into_iter()
            .map(|id| {
                let series = site.series(id);
                SeriesEntry {
                    title: &series.title,
                    url: self.urls.series(&series.slug),
                    intro_html: self.site.series_profile(id).1.cloned(),
                    part_count: series.stories.len(),
                    upcoming_count: series.upcoming.len(),
                    newest: series.stories.last().map(|&s| self.card_of(s)),
                }
            })
            .collect()
    }

    /// The `/series/` page.
    pub(super) fn series_index_page(&self, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let meta = self.meta(
            "series-index",
            self.words.text("series-index-title", &[]),
            self.words.text(
                "meta-series-index",
                &[("site", site.config().title.as_str().into())],
            ),
            self.urls.at("series/"),
        );
        let vars = SeriesIndexVars {
            all_series: self.series_entries(),
        };
        self.emit(theme, SERIES_INDEX_TEMPLATE, meta, &vars)
    }
}

#[derive(Serialize)]
struct SeriesIndexVars<'a, 'c> {
    all_series: Vec<SeriesEntry<'a, 'c>>,
}
