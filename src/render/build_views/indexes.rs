//! Indexes over many stories: Atom feeds, the sitemap and the search index.

use rayon::prelude::*;
use serde::Serialize;

use super::ViewBuilder;
use super::format::*;
use super::jobs::*;
use crate::config::FeedContent;
use crate::date::PostDate;
use crate::model::{StoryId, newest_date};
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
        let name = &site.config.title;
        match feed {
            FeedOf::Site => (name.clone(), self.urls.at("atom.xml")),
            FeedOf::Company(c) => {
                let c = &site.companies[c];
                (
                    self.words.text(
                        "feed-company",
                        &[
                            ("company", c.name.as_str().into()),
                            ("site", name.as_str().into()),
                        ],
                    ),
                    format!("{}atom.xml", self.urls.company(&c.slug)),
                )
            }
            FeedOf::Author(a) => {
                let a = &site.authors[a];
                (
                    self.words.text(
                        "feed-author",
                        &[
                            ("author", a.name.as_str().into()),
                            ("site", name.as_str().into()),
                        ],
                    ),
                    format!("{}atom.xml", self.urls.author(&a.slug)),
                )
            }
            FeedOf::Term(t, id) => {
                let term = &self.terms(t)[id];
                (
                    self.words.text(
                        "feed-term",
                        &[
                            ("term", term.name.as_str().into()),
                            ("site", name.as_str().into()),
                        ],
                    ),
                    format!("{}atom.xml", self.urls.term(t.name(), &term.slug)),
                )
            }
            FeedOf::Series(id) => {
                let s = &site.series[id];
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
            FeedOf::Site => StoryId::all(&site.stories).collect(),
            FeedOf::Company(c) => {
                let mut ids: Vec<StoryId> =
                    site.companies[c].mentions.iter().map(|&(s, _)| s).collect();
                ids.dedup();
                ids
            }
            FeedOf::Author(a) => site.authors[a].stories.clone(),
            FeedOf::Term(t, id) => self.terms(t)[id].stories.clone(),
            FeedOf::Series(id) => site.series[id].stories.iter().rev().copied().collect(),
        }
    }

    pub(super) fn render_feed(&self, feed: FeedOf) -> (String, Vec<u8>) {
        let site = self.site;
        let (title, url) = self.feed_target(feed);
        let page_url = url.trim_end_matches("atom.xml").to_owned();
        let origin = self.urls.permalink("");
        let full = site.config.feed_content == FeedContent::Full;
        let entries: Vec<feeds::Entry> = self
            .feed_stories(feed)
            .into_iter()
            .take(site.config.feed_limit)
            .map(|id| {
                let card = self.card_of(id);
                let input = &site.stories[id].input;
                feeds::Entry {
                    title: card.title,
                    url: self.urls.permalink(&card.url),
                    published: input.date.rfc3339(),
                    updated: input.updated.unwrap_or(input.date).rfc3339(),
                    author: card.author.name,
                    author_url: self.urls.permalink(&card.author.url),
                    categories: card.tags.iter().map(|t| t.name).collect(),
                    summary_html: feeds::absolutize(&card.summary_html, &origin, &card.url),
                    content_html: full
                        .then(|| feeds::absolutize(&self.body_of(id).html, &origin, &card.url)),
                }
            })
            .collect();
        let updated = entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .or_else(|| newest_date(site).map(|d| d.rfc3339()))
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
        let xml = feeds::atom(&feeds::Feed {
            title,
            subtitle: &site.config.description,
            self_url: self.urls.permalink(&url),
            page_url: self.urls.permalink(&page_url),
            updated,
            language: &site.config.language,
            generator_version: env!("CARGO_PKG_VERSION"),
            entries,
        });
        (self.urls.output_path(&url), xml.into_bytes())
    }

    /// URL and last change of the page a job writes; `None` for the 404 page and non-pages.
    fn sitemap_entry(&self, job: &Job) -> Option<feeds::SitemapUrl> {
        let (url, lastmod) = self.page_url_and_date(job)?;
        Some(feeds::SitemapUrl {
            loc: self.urls.permalink(&url),
            lastmod: lastmod.map(|d| d.ymd()),
        })
    }

    /// Root-relative URL and last change of the page a job writes; `None` for the 404 page and
    /// non-pages.
    pub(super) fn page_url_and_date(&self, job: &Job) -> Option<(String, Option<PostDate>)> {
        let site = self.site;
        let newest = |ids: &mut dyn Iterator<Item = StoryId>| {
            ids.map(|s| {
                site.stories[s]
                    .input
                    .updated
                    .unwrap_or(site.stories[s].input.date)
            })
            .max()
        };
        let (url, lastmod) = match *job {
            Job::Home(n) => (page_url(&self.urls.at(""), n), newest_date(site)),
            Job::Archive(of, n) => (
                page_url(&self.archive_url(of), n),
                match self.archive_stories(of) {
                    Some(ids) => newest(&mut ids.iter().copied()),
                    None => newest_date(site),
                },
            ),
            // The URL alone, which does not depend on the story's body.
            Job::Story(id) => (
                self.urls.story(&site.stories[id].input.slug),
                Some(
                    site.stories[id]
                        .input
                        .updated
                        .unwrap_or(site.stories[id].input.date),
                ),
            ),
            Job::Company(c, n) => {
                let company = &site.companies[c];
                (
                    page_url(&self.urls.company(&company.slug), n),
                    newest(&mut company.mentions.iter().map(|m| m.0)),
                )
            }
            Job::Companies => (self.urls.at("companies/"), newest_date(site)),
            Job::Board(b) => (self.board_url(b), newest_date(site)),
            Job::Author(a, n) => {
                let author = &site.authors[a];
                (
                    page_url(&self.urls.author(&author.slug), n),
                    newest(&mut author.stories.iter().copied()),
                )
            }
            Job::Authors => (self.urls.at("authors/"), newest_date(site)),
            Job::Term(t, id, n) => {
                let term = &self.terms(t)[id];
                (
                    page_url(&self.urls.term(t.name(), &term.slug), n),
                    newest(&mut term.stories.iter().copied()),
                )
            }
            Job::Terms(t) => (self.urls.at(&format!("{}/", t.name())), newest_date(site)),
            Job::Series(id) => (
                self.urls.series(&site.series[id].slug),
                newest(&mut site.series[id].stories.iter().copied()),
            ),
            Job::SeriesIndex => (
                self.urls.at("series/"),
                newest(&mut site.series.iter().flat_map(|s| s.stories.iter().copied())),
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

    /// Story `id`'s entry of `search-index.json` (title, summary, companies with their
    /// ratings, author, tags and URL), as JSON with `<`, `>` and `&` written as `\u` escapes:
    /// still the same JSON, and no markup in the file.
    pub(crate) fn search_entry(&self, id: StoryId) -> String {
        #[derive(Serialize)]
        struct SearchCompany<'a> {
            name: &'a str,
            url: &'a str,
            rating: Option<&'a str>,
            verdict: Option<&'static str>,
        }
        #[derive(Serialize)]
        struct SearchEntry<'a> {
            title: &'a str,
            url: &'a str,
            date: &'a str,
            summary: String,
            author: &'a str,
            tags: Vec<&'a str>,
            companies: Vec<SearchCompany<'a>>,
        }
        let card = self.card_of_unrecorded(id);
        let entry = SearchEntry {
            title: card.title,
            url: &card.url,
            date: &card.date.ymd,
            summary: plain_text(&card.summary_html, 300),
            author: card.author.name,
            tags: card.tags.iter().map(|t| t.name).collect(),
            companies: card
                .ratings
                .iter()
                .map(|m| SearchCompany {
                    name: m.company.name,
                    url: &m.company.url,
                    rating: m.rating.as_ref().map(|r| r.display.as_str()),
                    verdict: m.rating.as_ref().map(|r| r.verdict),
                })
                .collect(),
        };
        // Strings and lists of strings: serde_json fails only on maps with non-string keys.
        let json = serde_json::to_string(&entry)
            .expect("internal error: a search entry, made of strings, always serializes");
        if json.contains(['<', '>', '&']) {
            json.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
        } else {
            json
        }
    }

    /// Every story's search entry, newest first, in parallel.
    pub(crate) fn search_entries(&self) -> Vec<String> {
        (0..self.site.stories.len())
            .into_par_iter()
            .map(|index| self.search_entry(StoryId::from_index(index)))
            .collect()
    }

    /// `search-index.json`: the JSON array of [`ViewBuilder::search_entries`].
    pub(super) fn search_index(&self) -> Vec<u8> {
        let len = self
            .search_entries
            .iter()
            .map(|e| e.len() + 1)
            .sum::<usize>()
            + 2;
        let mut json = Vec::with_capacity(len);
        json.push(b'[');
        for (i, entry) in self.search_entries.iter().enumerate() {
            if i > 0 {
                json.push(b',');
            }
            json.extend_from_slice(entry.as_bytes());
        }
        json.push(b']');
        json
    }

    pub(super) fn render_sitemaps(&self) -> Vec<(String, Vec<u8>)> {
        let urls: Vec<feeds::SitemapUrl> = self
            .jobs()
            .iter()
            .filter_map(|j| self.sitemap_entry(j))
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
