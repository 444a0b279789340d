//! The job list: every page and file of the site as a [`Job`], in a stable order.

use super::ViewBuilder;
use super::reads::StoryList;
use crate::i18n::Catalogue;
use crate::model::{AuthorId, CompanyId, SeriesId, StoryId, TaxonId};
use crate::render::page_count;

/// Which taxonomy a term page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Taxonomy {
    Tags,
    Categories,
}

impl Taxonomy {
    pub(super) fn name(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tags",
            Taxonomy::Categories => "categories",
        }
    }
}

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    Home(usize),
    /// Page `n` of the story archive: every story, a year's or a month's.
    Archive(ArchiveOf, usize),
    Story(StoryId),
    Company(CompanyId, usize),
    Companies,
    Author(AuthorId, usize),
    Authors,
    Term(Taxonomy, TaxonId, usize),
    Terms(Taxonomy),
    Series(SeriesId),
    /// `/series/`, when the theme has its template.
    SeriesIndex,
    Page(usize),
    Board(Board),
    Search,
    NotFound,
    Feed(FeedOf),
    /// The chunked search index under `search-index/` for the search page.
    SearchIndex,
    /// The sitemap (several files for very large sites).
    Sitemap,
    Robots,
    /// The pages and `_redirects` file of `aliases:`.
    Redirects,
    /// Pages at the parent paths of pages that have no page of their own (`/x/page/` of a
    /// list's `/x/page/2/`), sending readers who trim a URL on to the nearest list.
    ParentRedirects,
}

/// Which stories an archive page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ArchiveOf {
    All,
    /// The index of the year in `Site::archive`.
    Year(usize),
    /// The indices of the year in `Site::archive` and of the month in its `months`.
    Month(usize, usize),
}

/// Whose stories a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FeedOf {
    Site,
    Company(CompanyId),
    Author(AuthorId),
    Term(Taxonomy, TaxonId),
    Series(SeriesId),
}

/// The company rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Board {
    Best,
    Worst,
    MostDiscussed,
}

impl Board {
    pub(super) const ALL: [Board; 3] = [Board::Best, Board::Worst, Board::MostDiscussed];

    pub(super) fn kind(self) -> &'static str {
        match self {
            Board::Best => "best",
            Board::Worst => "worst",
            Board::MostDiscussed => "most-discussed",
        }
    }

    pub(super) fn title(self, words: &Catalogue) -> String {
        words.text(
            match self {
                Board::Best => "board-best",
                Board::Worst => "board-worst",
                Board::MostDiscussed => "board-most-discussed",
            },
            &[],
        )
    }
}

impl<'a> ViewBuilder<'a> {
    /// Every page of the site, in a stable order.
    pub(crate) fn jobs(&self) -> Vec<Job> {
        // Which pages there are depends on the whole site.
        let site = self.site.for_job_list();
        let per_page = site.config.stories_per_page;
        let mut jobs = Vec::new();
        jobs.extend((1..=page_count(site.stories.len(), per_page)).map(Job::Home));
        if self.optional.archives {
            jobs.extend(
                (1..=page_count(site.stories.len(), per_page))
                    .map(|n| Job::Archive(ArchiveOf::All, n)),
            );
            for (y, year) in site.archive.iter().enumerate() {
                jobs.extend(
                    (1..=page_count(year.stories.len(), per_page))
                        .map(|n| Job::Archive(ArchiveOf::Year(y), n)),
                );
                for (m, month) in year.months.iter().enumerate() {
                    jobs.extend(
                        (1..=page_count(month.stories.len(), per_page))
                            .map(|n| Job::Archive(ArchiveOf::Month(y, m), n)),
                    );
                }
            }
        }
        jobs.extend(StoryId::all(&site.stories).map(Job::Story));
        for (id, c) in CompanyId::enumerate(&site.companies) {
            jobs.extend((1..=page_count(c.mentions.len(), per_page)).map(|n| Job::Company(id, n)));
        }
        jobs.push(Job::Companies);
        jobs.extend(Board::ALL.map(Job::Board));
        for (id, a) in AuthorId::enumerate(&site.authors) {
            jobs.extend((1..=page_count(a.stories.len(), per_page)).map(|n| Job::Author(id, n)));
        }
        jobs.push(Job::Authors);
        for (taxonomy, terms) in [
            (Taxonomy::Tags, &site.tags),
            (Taxonomy::Categories, &site.categories),
        ] {
            for (id, t) in TaxonId::enumerate(terms) {
                jobs.extend(
                    (1..=page_count(t.stories.len(), per_page)).map(|n| Job::Term(taxonomy, id, n)),
                );
            }
            jobs.push(Job::Terms(taxonomy));
        }
        jobs.extend(SeriesId::all(&site.series).map(Job::Series));
        if self.optional.series_index {
            jobs.push(Job::SeriesIndex);
        }
        jobs.extend((0..site.pages.len()).map(Job::Page));
        jobs.push(Job::Search);
        jobs.push(Job::NotFound);
        jobs.push(Job::Feed(FeedOf::Site));
        // Every company page links its feed, so every company has one (empty until a story).
        jobs.extend(CompanyId::all(&site.companies).map(|c| Job::Feed(FeedOf::Company(c))));
        jobs.extend(AuthorId::all(&site.authors).map(|a| Job::Feed(FeedOf::Author(a))));
        for taxonomy in [Taxonomy::Tags, Taxonomy::Categories] {
            jobs.extend(
                TaxonId::all(match taxonomy {
                    Taxonomy::Tags => &site.tags,
                    Taxonomy::Categories => &site.categories,
                })
                .map(|t| Job::Feed(FeedOf::Term(taxonomy, t))),
            );
        }
        jobs.extend(SeriesId::all(&site.series).map(|s| Job::Feed(FeedOf::Series(s))));
        jobs.push(Job::SearchIndex);
        jobs.push(Job::Sitemap);
        // A robots.txt of the site's own (in static/) wins.
        if !site
            .static_files
            .iter()
            .any(|f| f.destination == "robots.txt")
        {
            jobs.push(Job::Robots);
        }
        if site.stories.iter().any(|s| !s.input.aliases.is_empty())
            || site.pages.iter().any(|p| !p.aliases.is_empty())
        {
            jobs.push(Job::Redirects);
        }
        jobs.push(Job::ParentRedirects);
        jobs
    }

    /// The list of stories an archive shows, newest first.
    pub(crate) fn archive_list(&self, of: ArchiveOf) -> StoryList {
        match of {
            ArchiveOf::All => StoryList::Site,
            ArchiveOf::Year(y) => StoryList::Year(self.site.archive()[y].year),
            ArchiveOf::Month(y, m) => StoryList::Month(
                self.site.archive()[y].year,
                self.site.archive_month(y, m).month,
            ),
        }
    }

    /// The first page's URL of an archive.
    pub(crate) fn archive_url(&self, of: ArchiveOf) -> String {
        match of {
            ArchiveOf::All => self.urls.archive(None, None),
            ArchiveOf::Year(y) => self.urls.archive(Some(self.site.archive()[y].year), None),
            ArchiveOf::Month(y, m) => self.urls.archive(
                Some(self.site.archive()[y].year),
                Some(self.site.archive_month(y, m).month),
            ),
        }
    }
}
