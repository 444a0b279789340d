//! Builds the views of every page from the model and the rendered bodies, and renders each page.
//! Story cards are built once per story and borrowed by every list that shows them.

use rayon::prelude::*;
use serde::Serialize;

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use super::cache::{MarkdownCache, PageCache, hash_bytes};
use super::fingerprint;
use super::markdown::{self, Links, MarkdownOptions, Rendered};
use super::urls::Urls;
use super::views::*;
use super::{
    PageBytes, PageContext, Theme, charts, feeds, jsonld, page_count, page_range, page_slice,
    page_url, paginator,
};
use crate::config::{FeedContent, RatingDisplay};
use crate::date::PostDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::load::{ImageSize, ImageSizes, Origin, images, safe_relative};
use crate::model::{
    Company, RatingStats, Site, Story, StoryId, Taxon, YearRanking, best_rated, most_discussed,
    newest_date, worst_rated, year_highlights,
};
use crate::rating::{self, Grade, GradeBand, Rating, Verdict};

/// Markdown of every document rendered once, indexed like the model's lists.
#[derive(Debug, Default)]
pub struct Bodies {
    pub stories: Vec<Arc<Rendered>>,
    /// Per story, per comment.
    pub comments: Vec<Vec<String>>,
    /// Profile bodies; empty for companies without profile.
    pub companies: Vec<String>,
    pub authors: Vec<String>,
    pub series: Vec<String>,
    pub pages: Vec<String>,
}

impl Bodies {
    /// Renders all Markdown of `site` in parallel. Broken internal links and missing images go
    /// to `diagnostics` with their file and line.
    pub fn render(site: &Site, diagnostics: &mut Diagnostics) -> Bodies {
        Self::render_cached(site, diagnostics, None)
    }

    /// [`Bodies::render`] reusing unchanged stories' Markdown from `cache`.
    pub fn render_cached(
        site: &Site,
        diagnostics: &mut Diagnostics,
        cache: Option<&MarkdownCache>,
    ) -> Bodies {
        let trusted = if site.config.allow_raw_html {
            MarkdownOptions::TRUSTED_HTML
        } else {
            MarkdownOptions::ESCAPED_HTML
        };
        let urls = Urls::new(&site.config);
        let targets = internal_targets(site, &urls);
        let resolve = |path: &str| targets.get(path.trim_start_matches('/')).cloned();
        let image_size = |src: &str, bundle: Option<&ImageSizes>| {
            images::size_of(src, &site.config.root_path, &site.image_sizes, bundle)
        };
        let site_image_size = |src: &str| image_size(src, None);
        let site_sizes_key = site_sizes_key(site);
        let problems = std::sync::Mutex::new(Vec::new());
        let report =
            |origin: &Origin, body: &str, body_line: usize, found: &[markdown::Problem]| {
                if found.is_empty() {
                    return;
                }
                let list = problem_diagnostics(origin, body, body_line, found);
                problems
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(list);
            };
        let doc = |origin: &Origin, body: &str, body_line: usize| {
            let links = Links {
                internal: &resolve,
                local_files: None,
                image_size: &site_image_size,
            };
            let r = markdown::render_with(body, trusted, &links);
            report(origin, body, body_line, &r.problems);
            r.html
        };
        let (stories, comments): (Vec<Arc<Rendered>>, Vec<Vec<String>>) = site
            .stories
            .par_iter()
            .map(|s| {
                let comments = s
                    .input
                    .comments
                    .iter()
                    .map(|c| markdown::render(&c.body, MarkdownOptions::PUBLIC).html)
                    .collect();
                let rendered = render_story_body(site, s, &resolve, site_sizes_key, cache);
                report(
                    &s.input.origin,
                    &s.input.body,
                    s.input.body_line,
                    &rendered.problems,
                );
                (rendered, comments)
            })
            .unzip();
        let bodies = Bodies {
            stories,
            comments,
            companies: site
                .companies
                .par_iter()
                .map(|c| {
                    c.profile
                        .as_ref()
                        .map(|p| doc(&p.origin, &p.body, p.body_line))
                        .unwrap_or_default()
                })
                .collect(),
            authors: site
                .authors
                .par_iter()
                .map(|a| {
                    a.profile
                        .as_ref()
                        .map(|p| doc(&p.origin, &p.body, p.body_line))
                        .unwrap_or_default()
                })
                .collect(),
            series: site
                .series
                .par_iter()
                .map(|s| {
                    s.profile
                        .as_ref()
                        .map(|p| doc(&p.origin, &p.body, p.body_line))
                        .unwrap_or_default()
                })
                .collect(),
            pages: site
                .pages
                .par_iter()
                .map(|p| doc(&p.origin, &p.body, p.body_line))
                .collect(),
        };
        diagnostics.extend(problems.into_inner().unwrap_or_else(|e| e.into_inner()));
        bodies
    }
}

impl Bodies {
    /// Renders story `id`'s body again after a change to it alone, replacing its HTML.
    /// Returns the diagnostics of the old body's Markdown problems and of the new one's, so
    /// that a session can swap the one for the other in its report.
    pub fn rerender_story(
        &mut self,
        site: &Site,
        old_body: &str,
        id: StoryId,
    ) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let urls = Urls::new(&site.config);
        let targets = internal_targets(site, &urls);
        let resolve = |path: &str| targets.get(path.trim_start_matches('/')).cloned();
        let story = &site.stories[id];
        let input = &story.input;
        let rendered = render_story_body(site, story, &resolve, 0, None);
        let old = problem_diagnostics(
            &input.origin,
            old_body,
            input.body_line,
            &self.stories[id].problems,
        );
        let new = problem_diagnostics(
            &input.origin,
            &input.body,
            input.body_line,
            &rendered.problems,
        );
        self.stories[id] = rendered;
        (old, new)
    }
}

/// Hash of the sizes of the site's static images: they are inputs of every story's Markdown
/// (a body may show any static image).
fn site_sizes_key(site: &Site) -> u64 {
    hash_bytes(&[format!("{:?}", site.image_sizes).as_bytes()])
}

/// A story's body as HTML: from `cache` when its text was rendered before.
fn render_story_body(
    site: &Site,
    story: &Story,
    resolve: &(dyn Fn(&str) -> Option<String> + Sync),
    site_sizes_key: u64,
    cache: Option<&MarkdownCache>,
) -> Arc<Rendered> {
    let trusted = if site.config.allow_raw_html {
        MarkdownOptions::TRUSTED_HTML
    } else {
        MarkdownOptions::ESCAPED_HTML
    };
    let input = &story.input;
    let files: Vec<String> = input
        .assets
        .iter()
        .filter_map(|a| safe_relative(a))
        .collect();
    let story_image_size = |src: &str| -> Option<ImageSize> {
        images::size_of(
            src,
            &site.config.root_path,
            &site.image_sizes,
            Some(&input.image_sizes),
        )
    };
    let links = Links {
        internal: resolve,
        local_files: Some(&files),
        image_size: &story_image_size,
    };
    let render = || markdown::render_with(&input.body, trusted, &links);
    // Internal links depend on other files, so bodies with them are not cached.
    match cache {
        Some(cache) if !input.body.contains("@/") => {
            let key = hash_bytes(&[
                input.body.as_bytes(),
                &[u8::from(site.config.allow_raw_html)],
                files.join("\n").as_bytes(),
                &site_sizes_key.to_le_bytes(),
                format!("{:?}", input.image_sizes).as_bytes(),
                site.config.root_path.as_bytes(),
            ]);
            cache.get_or_render(key, render)
        }
        _ => Arc::new(render()),
    }
}

/// `content/`-relative paths of every published document, with their URLs.
fn internal_targets(site: &Site, urls: &Urls) -> std::collections::HashMap<String, String> {
    let rel = |origin: &Origin| {
        let path = origin.path.to_string_lossy().replace('\\', "/");
        path.strip_prefix("content/").unwrap_or(&path).to_owned()
    };
    let mut map = std::collections::HashMap::new();
    for s in &site.stories {
        map.insert(rel(&s.input.origin), urls.story(&s.input.slug));
    }
    for c in &site.companies {
        if let Some(p) = &c.profile {
            map.insert(rel(&p.origin), urls.company(&c.slug));
        }
    }
    for a in &site.authors {
        if let Some(p) = &a.profile {
            map.insert(rel(&p.origin), urls.author(&a.slug));
        }
    }
    for s in &site.series {
        if let Some(p) = &s.profile {
            map.insert(rel(&p.origin), urls.series(&s.slug));
        }
    }
    for p in &site.pages {
        map.insert(rel(&p.origin), urls.page(&p.slug));
    }
    map
}

/// Markdown problems of a document as diagnostics at their lines in its file.
fn problem_diagnostics(
    origin: &Origin,
    body: &str,
    body_line: usize,
    found: &[markdown::Problem],
) -> Vec<Diagnostic> {
    if found.is_empty() {
        return Vec::new();
    }
    // Byte offsets where each line starts: counting lines afresh for every problem is
    // quadratic in a long body with many broken links.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    found
        .iter()
        .map(|p| problem_diagnostic(origin, body, &line_starts, body_line, p))
        .collect()
}

/// A Markdown problem as a diagnostic at its line in the file.
fn problem_diagnostic(
    origin: &Origin,
    body: &str,
    line_starts: &[usize],
    body_line: usize,
    problem: &markdown::Problem,
) -> Diagnostic {
    let offset = match body.get(..problem.offset) {
        Some(_) => problem.offset,
        None => body.len(),
    };
    let index = line_starts
        .partition_point(|&s| s <= offset)
        .saturating_sub(1);
    let start = line_starts.get(index).copied().unwrap_or(0);
    let line = body_line + index;
    let column = body[start..offset].chars().count() + 1;
    let source_line = body[start..]
        .lines()
        .next()
        .filter(|l| l.len() <= crate::diagnostics::MAX_SOURCE_LINE)
        .map(|l| l.trim_end_matches('\r').to_owned());
    let mut d = Diagnostic::error(&origin.path, problem.message.clone())
        .at(Position::new(line, column))
        .with_help(problem.help.clone());
    d.source_line = source_line;
    d
}

/// Which taxonomy a term page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taxonomy {
    Tags,
    Categories,
}

impl Taxonomy {
    fn name(self) -> &'static str {
        match self {
            Taxonomy::Tags => "tags",
            Taxonomy::Categories => "categories",
        }
    }
}

/// One page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    Home(usize),
    Story(StoryId),
    Company(usize, usize),
    Companies,
    Author(usize, usize),
    Authors,
    Term(Taxonomy, usize, usize),
    Terms(Taxonomy),
    Series(usize),
    Page(usize),
    Board(Board),
    Search,
    NotFound,
    Feed(FeedOf),
    /// `search-index.json` for the search page.
    SearchIndex,
    /// The sitemap (several files for very large sites).
    Sitemap,
    Robots,
}

/// Whose stories a feed follows.
#[derive(Debug, Clone, Copy)]
pub enum FeedOf {
    Site,
    Company(usize),
    Author(usize),
    Term(Taxonomy, usize),
    Series(usize),
}

/// The company rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    Best,
    Worst,
    MostDiscussed,
}

impl Board {
    const ALL: [Board; 3] = [Board::Best, Board::Worst, Board::MostDiscussed];

    fn kind(self) -> &'static str {
        match self {
            Board::Best => "best",
            Board::Worst => "worst",
            Board::MostDiscussed => "most-discussed",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Board::Best => "Best rated companies",
            Board::Worst => "Worst rated companies",
            Board::MostDiscussed => "Most discussed companies",
        }
    }
}

pub(super) struct ViewBuilder<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    urls: &'a Urls,
    display: RatingDisplay,
    /// Built on first use (all at once, in parallel, for a whole render).
    cards: Vec<OnceLock<StoryCard<'a>>>,
    /// Per story, per mention: the rating view (shared by cards and company pages).
    ratings: Vec<OnceLock<Vec<Option<RatingView>>>>,
    /// Per story, its entry of `search-index.json`; empty until set by the caller.
    pub search_entries: Vec<String>,
    /// Pages rendered by an earlier build of the session, by context hash.
    pub page_cache: Option<&'a PageCache>,
}

thread_local! {
    /// The stories whose card or body the job running on this thread has read, while
    /// recording (see [`ViewBuilder::render_recording`]).
    static STORIES_READ: RefCell<Option<Vec<StoryId>>> = const { RefCell::new(None) };
}

/// Notes that the running job read story `id`'s card or body.
fn note_read(id: StoryId) {
    STORIES_READ.with(|read| {
        if let Some(read) = read.borrow_mut().as_mut() {
            read.push(id);
        }
    });
}

/// A failed page: template, output path, message.
pub(super) type JobError = (&'static str, String, String);

/// The files of a job, `(output path, bytes)`, or why it failed.
pub(super) type JobResult = Result<Vec<(String, PageBytes)>, JobError>;

impl<'a> ViewBuilder<'a> {
    /// A builder for a whole render: every story's card is built up front, in parallel.
    pub fn new(site: &'a Site, bodies: &'a Bodies, urls: &'a Urls) -> Self {
        let builder = Self::lazy(site, bodies, urls);
        (0..site.stories.len()).into_par_iter().for_each(|id| {
            builder.card_of_unrecorded(id);
        });
        builder
    }

    /// A builder that builds cards only when a page asks for them, for re-rendering a few
    /// pages.
    pub fn lazy(site: &'a Site, bodies: &'a Bodies, urls: &'a Urls) -> Self {
        let stories = site.stories.len();
        ViewBuilder {
            site,
            bodies,
            urls,
            display: site.config.rating_display,
            cards: (0..stories).map(|_| OnceLock::new()).collect(),
            ratings: (0..stories).map(|_| OnceLock::new()).collect(),
            search_entries: Vec::new(),
            page_cache: None,
        }
    }

    /// Story `id`'s card, noted as read by the running job.
    fn card_of(&self, id: StoryId) -> &StoryCard<'a> {
        note_read(id);
        self.card_of_unrecorded(id)
    }

    fn card_of_unrecorded(&self, id: StoryId) -> &StoryCard<'a> {
        self.cards[id].get_or_init(|| self.card(id))
    }

    /// Story `id`'s rendered body, noted as read by the running job.
    fn body_of(&self, id: StoryId) -> &'a Rendered {
        note_read(id);
        &self.bodies.stories[id]
    }

    /// The rating views of story `id`'s mentions (they depend on its front matter only).
    fn ratings_of(&self, id: StoryId) -> &[Option<RatingView>] {
        self.ratings[id].get_or_init(|| {
            self.site.stories[id]
                .mentions
                .iter()
                .map(|m| {
                    m.rating
                        .as_ref()
                        .map(|r| rating_view(r, m.rating_text.as_deref(), self.display))
                })
                .collect()
        })
    }

    /// [`ViewBuilder::render_files`], also returning the stories whose card or body the job
    /// read: the job's output changes only if one of those, or the site's structure, does.
    pub fn render_recording(&self, job: &Job, theme: &Theme) -> (JobResult, Vec<StoryId>) {
        // A job never calls into rayon, so all of it runs on this thread.
        STORIES_READ.with(|read| *read.borrow_mut() = Some(Vec::new()));
        let files = self.render_files(job, theme);
        let mut read = STORIES_READ
            .with(|read| read.borrow_mut().take())
            .unwrap_or_default();
        read.sort_unstable();
        read.dedup();
        (files, read)
    }

    pub fn site_view(&self) -> SiteView<'a> {
        let c = &self.site.config;
        SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            root_path: &c.root_path,
            language: &c.language,
            author: c.author.as_deref(),
            rating_display: c.rating_display,
            urls: SiteUrls {
                home: self.urls.at(""),
                companies: self.urls.at("companies/"),
                authors: self.urls.at("authors/"),
                tags: self.urls.at("tags/"),
                categories: self.urls.at("categories/"),
                stylesheet: self.urls.at("style.css"),
                feed: self.urls.at("atom.xml"),
                sitemap: self.urls.at("sitemap.xml"),
                best: self.board_url(Board::Best),
                worst: self.board_url(Board::Worst),
                most_discussed: self.board_url(Board::MostDiscussed),
                search: self.urls.at("search/"),
            },
            pages: self
                .site
                .pages
                .iter()
                .map(|p| Link {
                    name: &p.title,
                    url: self.urls.page(&p.slug),
                })
                .collect(),
            extra: &c.extra,
            generator: concat!("rave ", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Every page of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let per_page = site.config.stories_per_page;
        let mut jobs = Vec::new();
        jobs.extend((1..=page_count(site.stories.len(), per_page)).map(Job::Home));
        jobs.extend((0..site.stories.len()).map(Job::Story));
        for (id, c) in site.companies.iter().enumerate() {
            jobs.extend((1..=page_count(c.mentions.len(), per_page)).map(|n| Job::Company(id, n)));
        }
        jobs.push(Job::Companies);
        jobs.extend(Board::ALL.map(Job::Board));
        for (id, a) in site.authors.iter().enumerate() {
            jobs.extend((1..=page_count(a.stories.len(), per_page)).map(|n| Job::Author(id, n)));
        }
        jobs.push(Job::Authors);
        for (taxonomy, terms) in [
            (Taxonomy::Tags, &site.tags),
            (Taxonomy::Categories, &site.categories),
        ] {
            for (id, t) in terms.iter().enumerate() {
                jobs.extend(
                    (1..=page_count(t.stories.len(), per_page)).map(|n| Job::Term(taxonomy, id, n)),
                );
            }
            jobs.push(Job::Terms(taxonomy));
        }
        jobs.extend((0..site.series.len()).map(Job::Series));
        jobs.extend((0..site.pages.len()).map(Job::Page));
        jobs.push(Job::Search);
        jobs.push(Job::NotFound);
        jobs.push(Job::Feed(FeedOf::Site));
        // Every company page links its feed, so every company has one (empty until a story).
        jobs.extend((0..site.companies.len()).map(|c| Job::Feed(FeedOf::Company(c))));
        jobs.extend((0..site.authors.len()).map(|a| Job::Feed(FeedOf::Author(a))));
        for taxonomy in [Taxonomy::Tags, Taxonomy::Categories] {
            jobs.extend(
                (0..self.terms(taxonomy).len()).map(|t| Job::Feed(FeedOf::Term(taxonomy, t))),
            );
        }
        jobs.extend((0..site.series.len()).map(|s| Job::Feed(FeedOf::Series(s))));
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
        jobs
    }

    /// Renders one job into its files: `(output path, bytes)`.
    pub fn render_files(&self, job: &Job, theme: &Theme) -> JobResult {
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
            Job::SearchIndex => Ok(vec![(
                "search-index.json".to_owned(),
                self.search_index().into(),
            )]),
            Job::Robots => Ok(vec![(
                "robots.txt".to_owned(),
                feeds::robots(&self.urls.permalink(&self.urls.at("sitemap.xml")))
                    .into_bytes()
                    .into(),
            )]),
            _ => self.render(job, theme).map(|page| vec![page]),
        }
    }

    /// Renders one page: `(output path, bytes)`.
    pub fn render(&self, job: &Job, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let per_page = site.config.stories_per_page;
        match *job {
            Job::Home(n) => {
                let base = self.urls.at("");
                let mut meta = self.meta(
                    "home",
                    titled(&site.config.title, n),
                    site.config.description.clone(),
                    page_url(&base, n),
                );
                meta.feed = self.feed_link(FeedOf::Site);
                let stories: Vec<&StoryCard> = page_range(site.stories.len(), per_page, n)
                    .map(|id| self.card_of(id))
                    .collect();
                let vars = HomeVars {
                    paginator: paginator(stories, site.stories.len(), per_page, n, &base),
                    highlights: if n == 1 { self.highlights() } else { None },
                };
                self.emit(theme, "index.html", meta, &vars)
            }
            Job::Story(id) => {
                let story = &site.stories[id];
                let card = self.card_of(id);
                let description = story
                    .input
                    .summary
                    .clone()
                    .unwrap_or_else(|| plain_text(&card.summary_html, 160));
                let mut meta = self.meta(
                    "story",
                    story.input.title.clone(),
                    description,
                    card.url.clone(),
                );
                meta.image = card.image.as_ref().map(|i| self.urls.permalink(&i.url));
                let vars = StoryVars {
                    story: self.story_view(id, &meta.description),
                };
                self.emit(theme, "story.html", meta, &vars)
            }
            Job::Company(id, n) => {
                let company = &site.companies[id];
                let view = self.company_view(company, id);
                let base = view.url.clone();
                let description = company
                    .profile
                    .as_ref()
                    .and_then(|p| p.description.clone())
                    .unwrap_or_else(|| company_description(company, &view.stats));
                let mut meta = self.meta(
                    "company",
                    titled(&company.name, n),
                    description,
                    page_url(&base, n),
                );
                meta.image = view.logo.as_ref().map(|l| self.urls.permalink(l));
                meta.feed = self.feed_link(FeedOf::Company(id));
                let items: Vec<CompanyStoryCard> = page_slice(&company.mentions, per_page, n)
                    .iter()
                    .map(|&(s, i)| CompanyStoryCard {
                        card: self.card_of(s),
                        company_rating: self.ratings_of(s)[i].as_ref(),
                        company_channel: site.stories[s].mentions[i].channel.map(|c| c.label()),
                    })
                    .collect();
                let vars = CompanyVars {
                    company: view,
                    paginator: paginator(items, company.mentions.len(), per_page, n, &base),
                };
                self.emit(theme, "company.html", meta, &vars)
            }
            Job::Companies => {
                let companies: Vec<CompanyCard> = site
                    .companies
                    .iter()
                    .map(|c| self.company_card(c))
                    .collect();
                let mut letters: Vec<String> = companies.iter().map(|c| c.letter.clone()).collect();
                letters.dedup();
                let meta = self.meta(
                    "companies",
                    "Companies".into(),
                    format!(
                        "Every company rated on {}, A to Z, with its average grade.",
                        site.config.title
                    ),
                    self.urls.at("companies/"),
                );
                self.emit(
                    theme,
                    "companies.html",
                    meta,
                    &CompaniesVars { companies, letters },
                )
            }
            Job::Author(id, n) => {
                let author = &site.authors[id];
                let view = self.author_view(id);
                let base = view.card.url.clone();
                let description = author
                    .profile
                    .as_ref()
                    .and_then(|p| p.tagline.clone())
                    .unwrap_or_else(|| {
                        format!("Stories by {} on {}.", author.name, site.config.title)
                    });
                let mut meta = self.meta(
                    "author",
                    titled(&author.name, n),
                    description,
                    page_url(&base, n),
                );
                meta.feed = self.feed_link(FeedOf::Author(id));
                let stories: Vec<&StoryCard> = page_slice(&author.stories, per_page, n)
                    .iter()
                    .map(|&s| self.card_of(s))
                    .collect();
                let vars = AuthorVars {
                    author: view,
                    paginator: paginator(stories, author.stories.len(), per_page, n, &base),
                };
                self.emit(theme, "author.html", meta, &vars)
            }
            Job::Authors => {
                let authors: Vec<AuthorCard> =
                    site.authors.iter().map(|a| self.author_card(a)).collect();
                let meta = self.meta(
                    "authors",
                    "Authors".into(),
                    format!(
                        "The people who told their stories on {}.",
                        site.config.title
                    ),
                    self.urls.at("authors/"),
                );
                self.emit(theme, "authors.html", meta, &AuthorsVars { authors })
            }
            Job::Term(taxonomy, id, n) => {
                let term = self
                    .terms(taxonomy)
                    .get(id)
                    .ok_or_else(|| ("tag.html", String::new(), "unknown term".to_owned()))?;
                let view = self.term_view(taxonomy, term);
                let base = view.url.clone();
                let tax = self.taxonomy_view(taxonomy);
                let mut meta = self.meta(
                    if taxonomy == Taxonomy::Tags {
                        "tag"
                    } else {
                        "category"
                    },
                    titled(&format!("{}: {}", tax.singular, term.name), n),
                    format!(
                        "Stories filed under {} on {}.",
                        term.name, site.config.title
                    ),
                    page_url(&base, n),
                );
                meta.feed = self.feed_link(FeedOf::Term(taxonomy, id));
                let stories: Vec<&StoryCard> = page_slice(&term.stories, per_page, n)
                    .iter()
                    .map(|&s| self.card_of(s))
                    .collect();
                let vars = TermVars {
                    taxonomy: tax,
                    term: view,
                    paginator: paginator(stories, term.stories.len(), per_page, n, &base),
                };
                self.emit(theme, "tag.html", meta, &vars)
            }
            Job::Terms(taxonomy) => {
                let tax = self.taxonomy_view(taxonomy);
                let terms: Vec<TermView> = self
                    .terms(taxonomy)
                    .iter()
                    .map(|t| self.term_view(taxonomy, t))
                    .collect();
                let meta = self.meta(
                    if taxonomy == Taxonomy::Tags {
                        "tags"
                    } else {
                        "categories"
                    },
                    tax.plural.to_owned(),
                    format!("{} of {}.", tax.plural, site.config.title),
                    tax.url.clone(),
                );
                self.emit(
                    theme,
                    "tags.html",
                    meta,
                    &TermsVars {
                        taxonomy: tax,
                        terms,
                    },
                )
            }
            Job::Series(id) => {
                let series = &site.series[id];
                let view = SeriesView {
                    title: &series.title,
                    url: self.urls.series(&series.slug),
                    content_html: self.bodies.series[id].clone(),
                    upcoming: series
                        .upcoming
                        .iter()
                        .map(|(title, date)| UpcomingView {
                            title,
                            date: date_view(date),
                        })
                        .collect(),
                };
                let mut meta = self.meta(
                    "series",
                    series.title.clone(),
                    plain_text(&view.content_html, 160),
                    view.url.clone(),
                );
                meta.feed = self.feed_link(FeedOf::Series(id));
                let stories: Vec<&StoryCard> =
                    series.stories.iter().map(|&s| self.card_of(s)).collect();
                self.emit(
                    theme,
                    "series.html",
                    meta,
                    &SeriesVars {
                        series: view,
                        stories,
                    },
                )
            }
            Job::Page(id) => {
                let page = &site.pages[id];
                let view = PlainPageView {
                    title: &page.title,
                    url: self.urls.page(&page.slug),
                    content_html: &self.bodies.pages[id],
                    extra: &page.extra,
                };
                let description = page
                    .summary
                    .clone()
                    .unwrap_or_else(|| plain_text(view.content_html, 160));
                let meta = self.meta("page", page.title.clone(), description, view.url.clone());
                self.emit(theme, "page.html", meta, &PageVars { page: view })
            }
            Job::Board(board) => {
                let view = self.board_view(board);
                let meta = self.meta(
                    "leaderboard",
                    board.title().to_owned(),
                    view.description.clone(),
                    view.url.clone(),
                );
                self.emit(theme, "leaderboard.html", meta, &BoardVars { board: view })
            }
            Job::Feed(_) | Job::SearchIndex | Job::Sitemap | Job::Robots => {
                Err(("feed", String::new(), "not a page".to_owned()))
            }
            Job::Search => {
                let meta = self.meta(
                    "search",
                    "Search".into(),
                    format!("Search the stories of {}.", site.config.title),
                    self.urls.at("search/"),
                );
                self.emit(theme, "search.html", meta, &NoVars {})
            }
            Job::NotFound => {
                let mut meta = self.meta(
                    "404",
                    "Page not found".into(),
                    site.config.description.clone(),
                    self.urls.at("404.html"),
                );
                meta.permalink = self.urls.permalink(&self.urls.at(""));
                self.emit(theme, "404.html", meta, &NoVars {})
            }
        }
    }

    fn emit<T: Serialize>(
        &self,
        theme: &Theme,
        template: &'static str,
        meta: PageMeta,
        vars: &T,
    ) -> Result<(String, PageBytes), JobError> {
        let path = self.urls.output_path(&meta.url);
        let context = PageContext { meta, vars };
        let key = self
            .page_cache
            .map(|_| fingerprint::fingerprint(&(template, &context)));
        if let (Some(cache), Some(key)) = (self.page_cache, key)
            && let Some(bytes) = cache.get(&path, key)
        {
            return Ok((path, PageBytes::Shared(bytes)));
        }
        match theme.render(template, &context) {
            Ok(bytes) => match (self.page_cache, key) {
                (Some(cache), Some(key)) => {
                    let bytes: Arc<[u8]> = Arc::from(bytes);
                    cache.put(&path, key, Arc::clone(&bytes));
                    Ok((path, PageBytes::Shared(bytes)))
                }
                _ => Ok((path, PageBytes::Fresh(bytes))),
            },
            Err(message) => Err((template, path, message)),
        }
    }

    fn meta(
        &self,
        kind: &'static str,
        title: String,
        description: String,
        url: String,
    ) -> PageMeta {
        PageMeta {
            kind,
            title,
            description,
            permalink: self.urls.permalink(&url),
            url,
            image: None,
            og_type: if kind == "story" {
                "article"
            } else {
                "website"
            },
            feed: None,
        }
    }

    fn feed_link(&self, feed: FeedOf) -> Option<FeedLink> {
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
                    format!("{} on {name}", c.name),
                    format!("{}atom.xml", self.urls.company(&c.slug)),
                )
            }
            FeedOf::Author(a) => {
                let a = &site.authors[a];
                (
                    format!("Stories by {} on {name}", a.name),
                    format!("{}atom.xml", self.urls.author(&a.slug)),
                )
            }
            FeedOf::Term(t, id) => {
                let term = &self.terms(t)[id];
                (
                    format!("{} on {name}", term.name),
                    format!("{}atom.xml", self.urls.term(t.name(), &term.slug)),
                )
            }
            FeedOf::Series(id) => {
                let s = &site.series[id];
                (
                    format!("{} on {name}", s.title),
                    format!("{}atom.xml", self.urls.series(&s.slug)),
                )
            }
        }
    }

    /// Stories of a feed, newest first.
    fn feed_stories(&self, feed: FeedOf) -> Vec<StoryId> {
        let site = self.site;
        match feed {
            FeedOf::Site => (0..site.stories.len()).collect(),
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

    fn render_feed(&self, feed: FeedOf) -> (String, Vec<u8>) {
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
            Job::Page(id) => (self.urls.page(&site.pages[id].slug), None),
            Job::Search => (self.urls.at("search/"), None),
            Job::NotFound | Job::Feed(_) | Job::SearchIndex | Job::Sitemap | Job::Robots => {
                return None;
            }
        };
        Some(feeds::SitemapUrl {
            loc: self.urls.permalink(&url),
            lastmod: lastmod.map(|d| d.ymd()),
        })
    }

    /// Story `id`'s entry of `search-index.json` (title, summary, companies with their
    /// ratings, author, tags and URL), as JSON with `<`, `>` and `&` written as `\u` escapes:
    /// still the same JSON, and no markup in the file.
    pub fn search_entry(&self, id: StoryId) -> String {
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
        let json = serde_json::to_string(&entry).unwrap_or_else(|_| "{}".to_owned());
        if json.contains(['<', '>', '&']) {
            json.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
        } else {
            json
        }
    }

    /// Every story's search entry, newest first, in parallel.
    pub fn search_entries(&self) -> Vec<String> {
        (0..self.site.stories.len())
            .into_par_iter()
            .map(|id| self.search_entry(id))
            .collect()
    }

    /// `search-index.json`: the JSON array of [`ViewBuilder::search_entries`].
    fn search_index(&self) -> Vec<u8> {
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

    fn render_sitemaps(&self) -> Vec<(String, Vec<u8>)> {
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

    fn terms(&self, taxonomy: Taxonomy) -> &'a [Taxon] {
        match taxonomy {
            Taxonomy::Tags => &self.site.tags,
            Taxonomy::Categories => &self.site.categories,
        }
    }

    fn taxonomy_view(&self, taxonomy: Taxonomy) -> TaxonomyView {
        let (singular, plural) = match taxonomy {
            Taxonomy::Tags => ("Tag", "Tags"),
            Taxonomy::Categories => ("Category", "Categories"),
        };
        TaxonomyView {
            name: taxonomy.name(),
            singular,
            plural,
            url: self.urls.at(&format!("{}/", taxonomy.name())),
        }
    }

    fn term_view(&self, taxonomy: Taxonomy, term: &'a Taxon) -> TermView<'a> {
        TermView {
            name: &term.name,
            url: self.urls.term(taxonomy.name(), &term.slug),
            story_count: term.stories.len(),
        }
    }

    fn card(&self, id: StoryId) -> StoryCard<'a> {
        let story: &'a Story = &self.site.stories[id];
        let input = &story.input;
        let url = self.urls.story(&input.slug);
        let rendered = &self.bodies.stories[id];
        let summary_html = match &input.summary {
            Some(text) => markdown::text_paragraph(text),
            None => rendered.summary_html.clone().unwrap_or_default(),
        };
        let author = &self.site.authors[story.author];
        StoryCard {
            title: &input.title,
            date: date_view(&input.date),
            author: Link {
                name: &author.name,
                url: self.urls.author(&author.slug),
            },
            summary_html,
            ratings: story
                .mentions
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let company = &self.site.companies[m.company];
                    MentionView {
                        company: Link {
                            name: &company.name,
                            url: self.urls.company(&company.slug),
                        },
                        rating: self.ratings_of(id)[i].clone(),
                        channel: m.channel.map(|c| c.label()),
                    }
                })
                .collect(),
            tags: story
                .tags
                .iter()
                .map(|&t| {
                    let tag = &self.site.tags[t];
                    Link {
                        name: &tag.name,
                        url: self.urls.term("tags", &tag.slug),
                    }
                })
                .collect(),
            category: story.category.map(|c| {
                let cat = &self.site.categories[c];
                Link {
                    name: &cat.name,
                    url: self.urls.term("categories", &cat.slug),
                }
            }),
            reading_minutes: markdown::reading_minutes(rendered.word_count),
            comment_count: input.comments.len(),
            image: input.image.as_ref().map(|img| {
                let size = images::size_of(
                    &img.src,
                    &self.site.config.root_path,
                    &self.site.image_sizes,
                    Some(&input.image_sizes),
                );
                ImageView {
                    url: self.urls.resolve(&img.src, &url),
                    alt: img.alt.as_deref().unwrap_or(""),
                    credit: img.credit.as_deref(),
                    credit_url: img.credit_url.as_deref(),
                    width: size.map(|s| s.width),
                    height: size.map(|s| s.height),
                }
            }),
            url,
        }
    }

    fn story_view(&self, id: StoryId, description: &str) -> StoryView<'a, '_> {
        let story = &self.site.stories[id];
        let input = &story.input;
        let card = self.card_of(id);
        let series = story.series.map(|s| {
            let series = &self.site.series[s];
            let index = series.stories.iter().position(|&x| x == id).unwrap_or(0);
            let link = |i: usize| {
                let other = &self.site.stories[series.stories[i]];
                Link {
                    name: &other.input.title,
                    url: self.urls.story(&other.input.slug),
                }
            };
            SeriesNav {
                title: &series.title,
                url: self.urls.series(&series.slug),
                position: index + 1,
                total: series.stories.len(),
                previous: (index > 0).then(|| link(index - 1)),
                next: (index + 1 < series.stories.len()).then(|| link(index + 1)),
            }
        });
        StoryView {
            card,
            permalink: self.urls.permalink(&card.url),
            updated: input.updated.as_ref().map(date_view),
            content_html: &self.body_of(id).html,
            word_count: self.body_of(id).word_count,
            json_ld_html: self.story_json_ld(id, card, description),
            series,
            comments: input
                .comments
                .iter()
                .enumerate()
                .map(|(i, c)| CommentView {
                    author: &c.author,
                    url: c.url.as_deref(),
                    date: date_view(&c.date),
                    body_html: self.bodies.comments[id].get(i).cloned().unwrap_or_default(),
                    id: format!("comment-{}", i + 1),
                })
                .collect(),
            extra: &input.extra,
        }
    }

    fn average(&self, stats: &RatingStats) -> Option<RatingView> {
        stats.mean.map(|mean| self.score_view(mean))
    }

    fn company_card(&self, company: &'a Company) -> CompanyCard<'a> {
        let first = deunicode::deunicode(&company.name)
            .chars()
            .find(|c| !c.is_whitespace())
            .unwrap_or('#');
        CompanyCard {
            name: &company.name,
            url: self.urls.company(&company.slug),
            story_count: company.stats.story_count,
            rating_count: company.stats.rating_count,
            average: self.average(&company.stats),
            letter: if first.is_ascii_alphabetic() {
                first.to_ascii_uppercase().to_string()
            } else {
                "#".into()
            },
            letter_anchor: if first.is_ascii_alphabetic() {
                format!("letter-{}", first.to_ascii_lowercase())
            } else {
                "letter-other".into()
            },
        }
    }

    fn company_view(&self, company: &'a Company, id: usize) -> CompanyView<'a> {
        let stats = &company.stats;
        let url = self.urls.company(&company.slug);
        let profile = company.profile.as_ref();
        CompanyView {
            name: &company.name,
            permalink: self.urls.permalink(&url),
            website: profile.and_then(|p| p.website.as_deref()),
            logo: profile
                .and_then(|p| p.logo.as_deref())
                .map(|l| self.urls.resolve(l, &url)),
            description: profile.and_then(|p| p.description.as_deref()),
            content_html: self.bodies.companies.get(id).cloned().unwrap_or_default(),
            aliases: profile
                .map(|p| p.aliases.iter().map(|(a, _)| a.as_str()).collect())
                .unwrap_or_default(),
            stats: StatsView {
                story_count: stats.story_count,
                rating_count: stats.rating_count,
                average: self.average(stats),
                mean: stats.mean.map(round1),
                bands: GradeBand::ALL
                    .iter()
                    .zip(stats.band_counts)
                    .map(|(band, count)| BandView {
                        label: band.label(),
                        band: band_class(*band),
                        stars: band.stars(),
                        count,
                        percent: percent(count, stats.rating_count),
                    })
                    .collect(),
                verdicts: Verdict::ALL
                    .iter()
                    .zip(stats.verdict_counts)
                    .map(|(v, count)| VerdictCount {
                        verdict: v.as_str(),
                        label: verdict_label(*v),
                        count,
                    })
                    .collect(),
                verdict_count: stats.verdict_total(),
                first_date: stats.first.as_ref().map(date_view),
                latest_date: stats.latest.as_ref().map(date_view),
                periods: stats
                    .periods
                    .iter()
                    .map(|p| PeriodView {
                        label: p.label(),
                        count: p.count,
                        mean: round1(p.mean),
                        average: self.score_view(p.mean),
                    })
                    .collect(),
                trend_svg_html: charts::trend_svg(&stats.periods, "trend", &company.name),
                channels: stats
                    .channels
                    .iter()
                    .map(|c| ChannelView {
                        channel: c.channel.as_str(),
                        label: c.channel.label(),
                        mentions: c.mentions,
                        rating_count: c.rating_count,
                        mean: c.mean.map(round1),
                        average: c.mean.map(|m| self.score_view(m)),
                    })
                    .collect(),
                ranked: stats.ranked.map(round1),
            },
            best: stats.best.and_then(|h| self.highlight(h)),
            worst: stats.worst.and_then(|h| self.highlight(h)),
            related: company
                .co_mentions
                .iter()
                .take(10)
                .map(|&(other, shared)| {
                    let c = &self.site.companies[other];
                    RelatedView {
                        name: &c.name,
                        url: self.urls.company(&c.slug),
                        shared,
                        average: self.average(&c.stats),
                    }
                })
                .collect(),
            json_ld_html: (!company.is_self).then(|| {
                jsonld::script_element(&jsonld::company_graph(
                    &company.name,
                    &self.urls.permalink(&url),
                    profile.and_then(|p| p.website.as_deref()),
                    stats.mean,
                    stats.rating_count,
                ))
            }),
            extra: profile.map(|p| &p.extra),
            url,
        }
    }

    /// A rating view of a bare score (averages).
    fn score_view(&self, score: f64) -> RatingView {
        let rating = Rating {
            score: Some(score),
            verdict: Verdict::for_score(score),
            form: rating::RatingForm::Percent,
        };
        rating_view(&rating, None, self.display)
    }

    fn highlight(&self, (story, index): (StoryId, usize)) -> Option<HighlightView<'a>> {
        let card = self.card_of(story);
        Some(HighlightView {
            title: card.title,
            url: card.url.clone(),
            date: card.date.clone(),
            author: card.author.clone(),
            rating: self.ratings_of(story)[index].clone()?,
            summary_html: card.summary_html.clone(),
        })
    }

    fn story_json_ld(&self, id: StoryId, card: &StoryCard<'a>, description: &str) -> String {
        let story = &self.site.stories[id];
        let permalink = self.urls.permalink(&card.url);
        let author_url = self.urls.permalink(&card.author.url);
        let image = card.image.as_ref().map(|i| self.urls.permalink(&i.url));
        let date = story.input.date.rfc3339();
        let modified = story.input.updated.map(|u| u.rfc3339());
        let reviews: Vec<jsonld::ReviewInput> = story
            .mentions
            .iter()
            .filter(|m| m.rating.is_some())
            .filter(|m| !self.site.companies[m.company].is_self)
            .map(|m| {
                let c = &self.site.companies[m.company];
                jsonld::ReviewInput {
                    company: &c.name,
                    company_url: c
                        .profile
                        .as_ref()
                        .and_then(|p| p.website.clone())
                        .unwrap_or_else(|| self.urls.permalink(&self.urls.company(&c.slug))),
                    score: m.rating.as_ref().and_then(|r| r.score),
                }
            })
            .collect();
        let posting = jsonld::PostingInput {
            title: card.title,
            description,
            url: &permalink,
            date: &date,
            modified: modified.as_deref(),
            author: card.author.name,
            author_url: &author_url,
            image: image.as_deref(),
            publisher: &self.site.config.title,
            language: &self.site.config.language,
        };
        jsonld::script_element(&jsonld::story_graph(&posting, &reviews))
    }

    fn board_entry(&self, rank: usize, company: usize) -> BoardEntry<'a> {
        let c = &self.site.companies[company];
        BoardEntry {
            rank,
            company: self.company_card(c),
            ranked: c.stats.ranked.map(round1),
        }
    }

    fn board_view(&self, board: Board) -> BoardView<'a> {
        let site = self.site;
        let ranking = site.config.ranking;
        let ids = match board {
            Board::Best => best_rated(site),
            Board::Worst => worst_rated(site),
            Board::MostDiscussed => most_discussed(site),
        };
        let description = match board {
            Board::MostDiscussed => {
                "Companies by the number of stories that mention them.".to_owned()
            }
            _ => format!(
                "Companies with at least {} {}, ranked by their average pulled towards the site-wide mean with the weight of {} {}, so that one glowing or furious story does not top the list. {}",
                ranking.min_ratings,
                if ranking.min_ratings == 1 {
                    "rating"
                } else {
                    "ratings"
                },
                format_number(ranking.prior_weight),
                if ranking.prior_weight == 1.0 {
                    "rating"
                } else {
                    "ratings"
                },
                if board == Board::Best {
                    "Companies whose average is a bad verdict are left out."
                } else {
                    "Companies whose average is a good verdict are left out."
                },
            ),
        };
        BoardView {
            kind: board.kind(),
            title: board.title(),
            description,
            url: self.board_url(board),
            entries: ids
                .into_iter()
                .enumerate()
                .map(|(i, c)| self.board_entry(i + 1, c))
                .collect(),
            boards: Board::ALL
                .iter()
                .map(|&b| BoardLink {
                    kind: b.kind(),
                    title: b.title(),
                    url: self.board_url(b),
                    current: b == board,
                })
                .collect(),
            min_ratings: ranking.min_ratings,
            prior_weight: ranking.prior_weight,
            site_mean: site.site_mean.map(round1),
        }
    }

    fn board_url(&self, board: Board) -> String {
        self.urls.at(&format!("companies/{}/", board.kind()))
    }

    /// Best and worst companies of the latest year that has scored ratings (see
    /// [`year_highlights`]).
    fn highlights(&self) -> Option<HighlightsView<'a>> {
        let highlights = year_highlights(self.site)?;
        let entries = |list: &[YearRanking]| -> Vec<BoardEntry<'a>> {
            list.iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut card = self.company_card(&self.site.companies[r.company]);
                    card.story_count = r.story_count;
                    card.rating_count = r.rating_count;
                    card.average = Some(self.score_view(r.mean));
                    BoardEntry {
                        rank: i + 1,
                        company: card,
                        ranked: Some(round1(r.ranked)),
                    }
                })
                .collect()
        };
        Some(HighlightsView {
            year: highlights.year,
            best: entries(&highlights.best),
            worst: entries(&highlights.worst),
            enough: highlights.eligible >= 2,
            min_ratings: highlights.min_ratings,
            best_url: self.board_url(Board::Best),
            worst_url: self.board_url(Board::Worst),
        })
    }

    fn author_card(&self, author: &'a crate::model::Author) -> AuthorCard<'a> {
        let url = self.urls.author(&author.slug);
        let profile = author.profile.as_ref();
        AuthorCard {
            name: &author.name,
            tagline: profile.and_then(|p| p.tagline.as_deref()),
            avatar: profile
                .and_then(|p| p.avatar.as_deref())
                .map(|a| self.urls.resolve(a, &url)),
            story_count: author.stories.len(),
            url,
        }
    }

    fn author_view(&self, id: usize) -> AuthorView<'a> {
        let author = &self.site.authors[id];
        let mut companies: Vec<usize> = author
            .stories
            .iter()
            .flat_map(|&s| self.site.stories[s].mentions.iter().map(|m| m.company))
            .collect();
        companies.sort_unstable();
        companies.dedup();
        AuthorView {
            card: self.author_card(author),
            website: author.profile.as_ref().and_then(|p| p.website.as_deref()),
            bio_html: self.bodies.authors.get(id).cloned().unwrap_or_default(),
            has_profile: author.profile.is_some(),
            companies: companies
                .into_iter()
                .map(|c| {
                    let company = &self.site.companies[c];
                    Link {
                        name: &company.name,
                        url: self.urls.company(&company.slug),
                    }
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct NoVars {}

#[derive(Serialize)]
struct HomeVars<'a, 'c> {
    paginator: Paginator<&'c StoryCard<'a>>,
    highlights: Option<HighlightsView<'a>>,
}

#[derive(Serialize)]
struct BoardVars<'a> {
    board: BoardView<'a>,
}

#[derive(Serialize)]
struct StoryVars<'a, 'c> {
    story: StoryView<'a, 'c>,
}

#[derive(Serialize)]
struct CompanyVars<'a, 'c> {
    company: CompanyView<'a>,
    paginator: Paginator<CompanyStoryCard<'a, 'c>>,
}

#[derive(Serialize)]
struct CompaniesVars<'a> {
    companies: Vec<CompanyCard<'a>>,
    letters: Vec<String>,
}

#[derive(Serialize)]
struct AuthorVars<'a, 'c> {
    author: AuthorView<'a>,
    paginator: Paginator<&'c StoryCard<'a>>,
}

#[derive(Serialize)]
struct AuthorsVars<'a> {
    authors: Vec<AuthorCard<'a>>,
}

#[derive(Serialize)]
struct TermVars<'a, 'c> {
    taxonomy: TaxonomyView,
    term: TermView<'a>,
    paginator: Paginator<&'c StoryCard<'a>>,
}

#[derive(Serialize)]
struct TermsVars<'a> {
    taxonomy: TaxonomyView,
    terms: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct SeriesVars<'a, 'c> {
    series: SeriesView<'a>,
    stories: Vec<&'c StoryCard<'a>>,
}

#[derive(Serialize)]
struct PageVars<'a> {
    page: PlainPageView<'a>,
}

/// `Name` on page 1, `Name (page 2)` after.
fn titled(name: &str, page: usize) -> String {
    if page > 1 {
        format!("{name} (page {page})")
    } else {
        name.to_owned()
    }
}

fn company_description(company: &Company, stats: &StatsView) -> String {
    match &stats.average {
        Some(avg) => format!(
            "{} is rated {} on average from {} {}.",
            company.name,
            avg.display,
            stats.rating_count,
            if stats.rating_count == 1 {
                "rating"
            } else {
                "ratings"
            }
        ),
        None => format!("Customer stories about {}.", company.name),
    }
}

pub(super) fn date_view(date: &PostDate) -> DateView {
    DateView {
        ymd: date.ymd(),
        human: date.human(),
        rfc3339: date.rfc3339(),
        year: date.year(),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn percent(count: usize, total: usize) -> u32 {
    if total == 0 {
        0
    } else {
        ((count as f64) * 100.0 / (total as f64)).round() as u32
    }
}

fn band_class(band: GradeBand) -> &'static str {
    match band {
        GradeBand::A => "a",
        GradeBand::B => "b",
        GradeBand::C => "c",
        GradeBand::D => "d",
        GradeBand::F => "f",
    }
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Good => "Good",
        Verdict::Mixed => "Mixed",
        Verdict::Bad => "Bad",
        Verdict::Ugly => "Ugly",
    }
}

/// Star glyphs for a number of stars in halves: `★★★★½`.
fn star_glyphs(stars: f64) -> String {
    let full = stars.floor().clamp(0.0, 5.0) as usize;
    let half = stars - stars.floor() >= 0.5;
    let mut s = "★".repeat(full);
    if half {
        s.push('½');
    }
    s
}

/// The view of one rating under the site's display setting.
pub(super) fn rating_view(
    rating: &Rating,
    original: Option<&str>,
    display: RatingDisplay,
) -> RatingView {
    let verdict = rating.verdict;
    let Some(score) = rating.score else {
        return RatingView {
            score: None,
            grade: None,
            band: "none",
            stars: None,
            stars_glyphs: String::new(),
            verdict: verdict.as_str(),
            verdict_label: verdict_label(verdict),
            display: verdict_label(verdict).to_owned(),
            label: format!("Verdict: {}, without a grade", verdict.as_str()),
            original: original.map(str::to_owned),
        };
    };
    let grade = Grade::nearest(score);
    let stars = rating::stars(score);
    let score1 = round1(score);
    let score_text = format_number(score1);
    let stars_text = format_number(stars);
    let (shown, label) = match display {
        RatingDisplay::Grade => (
            grade.label().to_owned(),
            format!(
                "Grade {} ({score_text} out of 100), {}",
                grade.label(),
                verdict.as_str()
            ),
        ),
        RatingDisplay::Stars => (
            star_glyphs(stars),
            format!("{stars_text} out of 5 stars, {}", verdict.as_str()),
        ),
        RatingDisplay::Percent => (
            format!("{score_text}%"),
            format!("{score_text} out of 100, {}", verdict.as_str()),
        ),
    };
    RatingView {
        score: Some(score1),
        grade: Some(grade.label()),
        band: band_class(GradeBand::of(score)),
        stars: Some(stars),
        stars_glyphs: star_glyphs(stars),
        verdict: verdict.as_str(),
        verdict_label: verdict_label(verdict),
        display: shown,
        label,
        original: original.map(str::to_owned),
    }
}

/// `90` rather than `90.0`, `72.5` as is.
fn format_number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// Text of an HTML fragment: tags removed, entities decoded once, whitespace folded, cut at a
/// word boundary with `…` when longer than `max` characters.
pub fn plain_text(html: &str, max: usize) -> String {
    // Formatting inside a sentence (`a *receipt*.`) joins words; every other element separates.
    const INLINE: [&str; 16] = [
        "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "code", "mark", "small", "sub",
        "sup", "abbr", "q",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut length = 0usize;
    for w in text.split_whitespace() {
        let w_len = w.chars().count();
        let needed = length
            .saturating_add(w_len)
            .saturating_add(usize::from(length > 0));
        if needed > max {
            out.push('…');
            break;
        }
        if length > 0 {
            out.push(' ');
        }
        out.push_str(w);
        length = needed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::parse_rating;

    fn view(text: &str, display: RatingDisplay) -> RatingView {
        rating_view(&parse_rating(text).expect("rating"), Some(text), display)
    }

    #[test]
    fn rating_views_follow_the_display_setting() {
        let g = view("4.5/5", RatingDisplay::Grade);
        assert_eq!(g.display, "A-");
        assert_eq!(g.label, "Grade A- (90 out of 100), good");
        assert_eq!(g.band, "a");
        let s = view("4.5/5", RatingDisplay::Stars);
        assert_eq!(s.display, "★★★★½");
        assert_eq!(s.label, "4.5 out of 5 stars, good");
        let p = view("72.5%", RatingDisplay::Percent);
        assert_eq!(p.display, "72.5%");
        assert_eq!(p.verdict, "good");
        let v = view("ugly", RatingDisplay::Grade);
        assert_eq!(v.display, "Ugly");
        assert_eq!(v.band, "none");
        assert_eq!(v.score, None);
    }

    #[test]
    fn plain_text_strips_tags_and_cuts_at_words() {
        assert_eq!(
            plain_text("<p>Fish &amp; <em>chips</em>.</p><p>Two</p>", 100),
            "Fish & chips. Two"
        );
        assert_eq!(plain_text("<p>one two three</p>", 8), "one two…");
    }
}
