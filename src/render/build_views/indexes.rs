//! Indexes over many stories: Atom feeds, the sitemap and the search index.

use super::ViewBuilder;
use super::format::*;
use super::jobs::*;
use super::reads::{self, Read};
use crate::config::FeedContent;
use crate::date::PostDate;
use crate::model::{Site, StoryId, newest_date};
use crate::render::search_index::{self, SearchCompany, SearchDoc};
use crate::render::views::*;
use crate::render::{feeds, page_url};

impl<'a> ViewBuilder<'a> {
    pub(super) fn feed_link(&self, feed: FeedOf) -> Option<FeedLink> {
        let (title, url) = self.feed_target(feed);
        Some(FeedLink { title, url })
    }

    /// Title and root-relative URL of a feed.
    fn feed_target(&self, feed: FeedOf) -> (String, String) {
        let site = self.site;
        let name = &site.config().title;
        match feed {
            FeedOf::Site => (name.clone(), self.urls.at("atom.xml")),
            FeedOf::Company(c) => {
                // Its name and address only: every page of a list links its feed.
                let c = site.company_link(c);
                (
                    self.words.text(
                        "feed-company",
                        &[("company", c.name.into()), ("site", name.as_str().into())],
                    ),
                    format!("{}atom.xml", self.urls.company(c.slug)),
                )
            }
            FeedOf::Author(a) => {
                let a = site.author_link(a);
                (
                    self.words.text(
                        "feed-author",
                        &[("author", a.name.into()), ("site", name.as_str().into())],
                    ),
                    format!("{}atom.xml", self.urls.author(a.slug)),
                )
            }
            FeedOf::Term(t, id) => {
                let term = self.site.term_link(t, id);
                (
                    self.words.text(
                        "feed-term",
                        &[("term", term.name.into()), ("site", name.as_str().into())],
                    ),
                    format!("{}atom.xml", self.urls.term(t.name(), term.slug)),
                )
            }
            FeedOf::Series(id) => {
                let s = site.series(id);
                (
                    self.words.text(
                        "feed-series",
                        &[
                            ("series", s.title.as_str().into()),
                            ("site", name.as_str().into()),
                        ],
                    ),
                    format!("{}atom.xml", self.urls.series(&s.slug)),
                )
            }
        }
    }

    /// Stories of a feed, newest first.
    fn feed_stories(&self, feed: FeedOf) -> Vec<StoryId> {
        let site = self.site;
        match feed {
            FeedOf::Site => (0..site.story_count().min(site.config().feed_limit))
                .map(|index| site.story_at(index))
                .collect(),
            FeedOf::Company(c) => {
                let mut ids: Vec<StoryId> =
                    site.company(c).mentions.iter().map(|&(s, _)| s).collect();
                ids.dedup();
                ids
            }
            FeedOf::Author(a) => site.author(a).stories.clone(),
            FeedOf::Term(t, id) => site.term(t, id).stories.clone(),
            FeedOf::Series(id) => site.series(id).stories.iter().rev().copied().collect(),
        }
    }

    pub(super) fn render_feed(&self, feed: FeedOf) -> (String, Vec<u8>) {
        let site = self.site;
        let (title, url) = self.feed_target(feed);
        let page_url = url.trim_end_matches("atom.xml").to_owned();
        let origin = self.urls.permalink("");
        let full = site.config().feed_content == FeedContent::Full;
        let entries: Vec<feeds::Entry> = self
            .feed_stories(feed)
            .into_iter()
            .take(site.config().feed_limit)
            .map(|id| {
                let card = self.card_of(id);
                let input = &site.story(id).input;
                feeds::Entry {
                    title: card.title,
                    url: self.urls.permalink(&card.url),
                    published: input.date.rfc3339(),
                    updated: input.updated.unwrap_or(input.date).rfc3339(),
                    author: card.author.name,
                    author_url: self.urls.permalink(&card.author.url),
                    categories: card.tags.iter().map(|t| t.name).collect(),
                    summary_html: feeds::absolutize(&card.summary_html, &origin, &card.url),
                    content_html: full.then(|| {
                        feeds::absolutize(&self.body_of(id).full_html(), &origin, &card.url)
                    }),
                }
            })
            .collect();
        let updated = entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .or_else(|| newest_date(site.addresses()).map(|d| d.rfc3339()))
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
        let xml = feeds::atom(&feeds::Feed {
            title,
            subtitle: &site.config().description,
            self_url: self.urls.permalink(&url),
            page_url: self.urls.permalink(&page_url),
            updated,
            language: &site.config().language,
            generator_version: env!("CARGO_PKG_VERSION"),
            entries,
        });
        (self.urls.output_path(&url), xml.into_bytes())
    }

    /// URL and last change of the page a job writes; `None` for the 404 page and non-pages.
    fn sitemap_entry(&self, job: &Job, newest: &Newest) -> Option<feeds::SitemapUrl> {
        let (url, lastmod) = self.page_url_and_date(job, newest)?;
        Some(feeds::SitemapUrl {
            loc: self.urls.permalink(&url),
            lastmod: lastmod.map(|d| d.ymd()),
        })
    }

    /// Root-relative URL and last change of the page a job writes; `None` for the 404 page and
    /// non-pages.
    pub(super) fn page_url_and_date(
        &self,
        job: &Job,
        newest: &Newest,
    ) -> Option<(String, Option<PostDate>)> {
        let site = self.site.addresses();
        let (url, lastmod) = match *job {
            Job::Home(n) => (page_url(&self.urls.at(""), n), newest.site),
            Job::Archive(of, n) => (
                page_url(&self.archive_url(of), n),
                match of {
                    ArchiveOf::All => newest.site,
                    ArchiveOf::Year(y) => newest.years[y],
                    ArchiveOf::Month(y, m) => newest.months[y][m],
                },
            ),
            // The URL alone, which does not depend on the story's body.
            Job::Story(id) => (
                self.urls.story(&site.stories[id].input.slug),
                Some(changed(site, id)),
            ),
            Job::Company(c, n) => (
                page_url(&self.urls.company(&site.companies[c].slug), n),
                newest.companies[c.index()],
            ),
            Job::Companies => (self.urls.at("companies/"), newest.site),
            Job::Board(b) => (self.board_url(b), newest.site),
            Job::Author(a, n) => (
                page_url(&self.urls.author(&site.authors[a].slug), n),
                newest.authors[a.index()],
            ),
            Job::Authors => (self.urls.at("authors/"), newest.site),
            Job::Term(t, id, n) => (
                page_url(
                    &self.urls.term(t.name(), self.site.term_link(t, id).slug),
                    n,
                ),
                match t {
                    Taxonomy::Tags => newest.tags[id.index()],
                    Taxonomy::Categories => newest.categories[id.index()],
                },
            ),
            Job::Terms(t) => (self.urls.at(&format!("{}/", t.name())), newest.site),
            Job::Series(id) => (
                self.urls.series(&site.series[id].slug),
                newest.series[id.index()],
            ),
            Job::SeriesIndex => (
                self.urls.at("series/"),
                newest.series.iter().copied().max().flatten(),
            ),
            Job::Page(id) => (self.urls.page(&site.pages[id].slug), None),
            Job::Search => (self.urls.at("search/"), None),
            Job::NotFound
            | Job::Feed(_)
            | Job::SearchIndex
            | Job::Sitemap
            | Job::Robots
            | Job::Redirects
            | Job::ParentRedirects => {
                return None;
            }
        };
        Some((url, lastmod))
    }

    /// Story `id`'s entry of the search index (title, summary, companies with their ratings,
    /// author, tags and URL, and what search filters on: year and grade bands).
    /// Story `id`'s search entry, with what building it read.
    pub(crate) fn search_entry_recording(&self, id: StoryId) -> (SearchDoc, Vec<Read>) {
        reads::recording(|| self.search_entry(id))
    }

    /// Story `id`'s search entry.
    pub(crate) fn search_entry(&self, id: StoryId) -> SearchDoc {
        let card = self.card_of(id);
        let mut grades: Vec<&'static str> = card
            .ratings
            .iter()
            .filter_map(|m| m.rating.as_ref().map(|r| r.band))
            .filter(|band| *band != "none")
            .collect();
        grades.sort_unstable();
        grades.dedup();
        SearchDoc {
            title: card.title.to_owned(),
            url: card.url.clone(),
            date: card.date.ymd.clone(),
            summary: plain_text(&card.summary_html, 300),
            author: card.author.name.to_owned(),
            tags: card.tags.iter().map(|t| t.name.to_owned()).collect(),
            companies: card
                .ratings
                .iter()
                .map(|m| SearchCompany {
                    name: m.company.name.to_owned(),
                    url: m.company.url.clone(),
                    rating: m.rating.as_ref().map(|r| r.display.clone()),
                    verdict: m.rating.as_ref().map(|r| r.verdict),
                })
                .collect(),
            year: card.date.year,
            grades,
        }
    }

    /// The files of the chunked search index (`search_index::files`).
    pub(super) fn search_index(&self) -> Vec<(String, Vec<u8>)> {
        // The entries were built before the jobs, each with its own reads: the index depends
        // on every story.
        self.site.everything();
        search_index::files(&self.search_entries)
    }

    pub(super) fn render_sitemaps(&self) -> Vec<(String, Vec<u8>)> {
        let newest = Newest::of(self.site.addresses());
        let urls: Vec<feeds::SitemapUrl> = self
            .jobs()
            .iter()
            .filter_map(|j| self.sitemap_entry(j, &newest))
            .collect();
        feeds::sitemaps(
            &urls,
            &self.urls.permalink(self.urls.root()),
            feeds::SITEMAP_LIMIT,
        )
        .into_iter()
        .map(|(name, xml)| (name, xml.into_bytes()))
        .collect()
    }
}

/// When story `id` last changed: its `updated` date, else its date.
fn changed(site: &Site, id: StoryId) -> PostDate {
    site.stories[id]
        .input
        .updated
        .unwrap_or(site.stories[id].input.date)
}

/// The newest change of the site and of each list's stories, each computed once for the
/// sitemap: found again for every page of a list, it cost a walk of the list per page, which
/// grows with the square of the site.
pub(super) struct Newest {
    site: Option<PostDate>,
    years: Vec<Option<PostDate>>,
    months: Vec<Vec<Option<PostDate>>>,
    companies: Vec<Option<PostDate>>,
    authors: Vec<Option<PostDate>>,
    tags: Vec<Option<PostDate>>,
    categories: Vec<Option<PostDate>>,
    series: Vec<Option<PostDate>>,
}

impl Newest {
    pub(super) fn of(site: &Site) -> Newest {
        let newest = |ids: &mut dyn Iterator<Item = StoryId>| ids.map(|s| changed(site, s)).max();
        let terms = |terms: &[crate::model::Taxon]| -> Vec<Option<PostDate>> {
            terms
                .iter()
                .map(|t| newest(&mut t.stories.iter().copied()))
                .collect()
        };
        Newest {
            site: newest_date(site),
            years: site
                .archive
                .iter()
                .map(|y| newest(&mut y.stories.iter().copied()))
                .collect(),
            months: site
                .archive
                .iter()
                .map(|y| {
                    y.months
                        .iter()
                        .map(|m| newest(&mut m.stories.iter().copied()))
                        .collect()
                })
                .collect(),
            companies: site
                .companies
                .iter()
                .map(|c| newest(&mut c.mentions.iter().map(|m| m.0)))
                .collect(),
            authors: site
                .authors
                .iter()
                .map(|a| newest(&mut a.stories.iter().copied()))
                .collect(),
            tags: terms(&site.tags),
            categories: terms(&site.categories),
            series: site
                .series
                .iter()
                .map(|s| newest(&mut s.stories.iter().copied()))
                .collect(),
        }
    }
}
