//! Builds the views of every page from the model and the rendered bodies, and renders each page.
//! Story cards are built once per story and borrowed by every list that shows them.

mod archive;
mod bodies;
mod format;
mod indexes;
mod jobs;
mod more_stories;
mod pages;
mod parent_paths;
mod parts;
mod reads;
mod series_index;

use rayon::prelude::*;

use std::sync::OnceLock;

use crate::config::RatingDisplay;
use crate::i18n::Catalogue;
use crate::model::{Site, StoryId};
use crate::render::cache::PageCache;
use crate::render::markdown::Rendered;
use crate::render::search_index::SearchDoc;
use crate::render::urls::Urls;
use crate::render::views::*;
use crate::render::{OptionalPages, PageBytes, Theme, feeds};

pub use bodies::{Bodies, Sources};
pub use format::plain_text;
pub(crate) use jobs::Taxonomy;
pub(super) use jobs::{ArchiveOf, FeedOf, Job};
use reads::Tracked;
pub(crate) use reads::{NEWEST, Read, StoryList};

pub(super) struct ViewBuilder<'a> {
    /// The site and its rendered Markdown, each read noted for the running job.
    site: Tracked<'a>,
    urls: Urls,
    /// The site's words, dates and numbers in its language.
    words: &'a Catalogue,
    display: RatingDisplay,
    /// Built on first use (all at once, in parallel, for a whole render), with what building
    /// each read: a job showing a card has read that.
    cards: Vec<OnceLock<(StoryCard<'a>, Vec<Read>)>>,
    /// Per story, its entry of the search index; empty until set by the caller.
    pub search_entries: Vec<SearchDoc>,
    /// Pages rendered by an earlier build of the session, by context hash.
    pub page_cache: Option<&'a PageCache>,
    /// Which optional pages the theme makes (`/series/`, the story archive): without the
    /// archive, trimmed URLs lead to the home page instead.
    pub(super) optional: OptionalPages,
}

/// A failed page: template, output path, message.
pub(super) type JobError = (&'static str, String, String);

/// The files of a job, `(output path, bytes)`, or why it failed.
pub(super) type JobResult = Result<Vec<(String, PageBytes)>, JobError>;

impl<'a> ViewBuilder<'a> {
    /// A builder that builds cards only when a page asks for them, enough for re-rendering a
    /// few pages. `optional`: the optional pages the theme has templates for.
    pub(super) fn new(
        site: &'a Site,
        bodies: &'a Bodies,
        words: &'a Catalogue,
        optional: OptionalPages,
    ) -> Self {
        let stories = site.stories.len();
        ViewBuilder {
            site: Tracked::new(site, bodies),
            urls: Urls::new(&site.config),
            words,
            optional,
            display: site.config.rating_display,
            cards: (0..stories).map(|_| OnceLock::new()).collect(),
            search_entries: Vec::new(),
            page_cache: None,
        }
    }

    /// This builder with every story's card built up front, in parallel, for a whole render.
    pub(super) fn with_every_card(self) -> Self {
        (0..self.site.story_count())
            .into_par_iter()
            .for_each(|index| {
                self.card_of_unrecorded(StoryId::from_index(index));
            });
        self
    }

    /// Every story's id, newest first.
    pub(super) fn story_ids(&self) -> impl Iterator<Item = StoryId> + use<> {
        self.site.every_story_id()
    }

    /// The site's addresses.
    pub(super) fn urls(&self) -> &Urls {
        &self.urls
    }

    /// Story `id`'s card, with what building it read noted as read by the running job.
    fn card_of(&self, id: StoryId) -> &StoryCard<'a> {
        let (card, reads) = self.card_and_reads(id);
        reads::note_all(reads);
        card
    }

    /// Story `id`'s card and what building it read.
    fn card_and_reads(&self, id: StoryId) -> &(StoryCard<'a>, Vec<Read>) {
        self.cards[id.index()].get_or_init(|| reads::recording(|| self.card(id)))
    }

    fn card_of_unrecorded(&self, id: StoryId) -> &StoryCard<'a> {
        &self.card_and_reads(id).0
    }

    /// Story `id`'s rendered body.
    fn body_of(&self, id: StoryId) -> &'a Rendered {
        self.site.body(id)
    }

    /// The rating of story `id`'s mention `index`, as its card shows it (a card is held for the
    /// whole render: its views are not kept twice).
    fn rating_of(&self, id: StoryId, index: usize) -> Option<&RatingView> {
        self.card_of(id).ratings.get(index)?.rating.as_ref()
    }

    /// [`ViewBuilder::render_files`], also returning what the job read: its files change only
    /// if one of those does (or the site's settings, templates or structure).
    pub(super) fn render_recording(&self, job: &Job, theme: &Theme) -> (JobResult, Vec<Read>) {
        // A job never calls into rayon, so all of it runs on this thread.
        reads::recording(|| self.render_files(job, theme))
    }

    /// Renders one job into its files: `(output path, bytes)`.
    pub(super) fn render_files(&self, job: &Job, theme: &Theme) -> JobResult {
        match *job {
            Job::Feed(feed) => {
                let (path, xml) = self.render_feed(feed);
                Ok(vec![(path, xml.into())])
            }
            Job::Sitemap => Ok(self
                .render_sitemaps()
                .into_iter()
                .map(|(path, xml)| (path, xml.into()))
                .collect()),
            Job::SearchIndex => Ok(self
                .search_index()
                .into_iter()
                .map(|(path, json)| (path, json.into()))
                .collect()),
            Job::Robots => Ok(vec![(
                "robots.txt".to_owned(),
                feeds::robots(&self.urls.permalink(&self.urls.at("sitemap.xml")))
                    .into_bytes()
                    .into(),
            )]),
            Job::Redirects => {
                let list = crate::render::redirects::redirects(self.site.addresses(), &self.urls);
                Ok(
                    crate::render::redirects::files(&list, &self.urls, self.words)
                        .into_iter()
                        .map(|(path, bytes)| (path, bytes.into()))
                        .collect(),
                )
            }
            Job::ParentRedirects => Ok(self
                .parent_redirects(&self.jobs())
                .into_iter()
                .map(|(from, to)| {
                    let page =
                        crate::render::redirects::page(&self.urls.permalink(&to), &to, self.words);
                    (self.urls.output_path(&from), page.into_bytes().into())
                })
                .collect()),
            _ => self.render(job, theme).map(|page| vec![page]),
        }
    }
}
