//! Page views: one function per page kind, each building its view and rendering its template.

use serde::Serialize;

use std::sync::Arc;

use super::format::*;
use super::jobs::*;
use super::reads::StoryList;
use super::{JobError, ViewBuilder};
use crate::model::{AuthorId, CompanyId, SeriesId, StoryId, TaxonId};
use crate::render::fingerprint;
use crate::render::views::*;
use crate::render::{PageBytes, PageContext, Theme, page_range, page_slice, page_url, paginator};

impl<'a> ViewBuilder<'a> {
    /// Renders one page: `(output path, bytes)`.
    pub(crate) fn render(&self, job: &Job, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        match *job {
            Job::Home(n) => self.home_page(theme, n),
            Job::Archive(of, n) => self.archive_page(theme, of, n),
            Job::Story(id) => self.story_page(theme, id),
            Job::Company(id, n) => self.company_page(theme, id, n),
            Job::Companies => self.companies_page(theme),
            Job::Author(id, n) => self.author_page(theme, id, n),
            Job::Authors => self.authors_page(theme),
            Job::Term(taxonomy, id, n) => self.term_page(theme, taxonomy, id, n),
            Job::Terms(taxonomy) => self.terms_page(theme, taxonomy),
            Job::Series(id) => self.series_page(theme, id),
            Job::SeriesIndex => self.series_index_page(theme),
            Job::Page(id) => self.plain_page(theme, id),
            Job::Board(board) => self.board_page(theme, board),
            Job::Feed(_)
            | Job::SearchIndex
            | Job::Sitemap
            | Job::Robots
            | Job::Redirects
            | Job::ParentRedirects => Err(("feed", String::new(), "not a page".to_owned())),
            Job::Search => self.search_page(theme),
            Job::NotFound => self.not_found_page(theme),
        }
    }

    /// The home page `n` of the story list, with the highlights on page 1.
    fn home_page(&self, theme: &Theme, n: usize) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let per_page = site.config().stories_per_page;
        let base = self.urls.at("");
        let mut meta = self.meta(
            "home",
            titled(&site.config().title, n, self.words),
            site.config().description.clone(),
            page_url(&base, n),
        );
        meta.feed = self.feed_link(FeedOf::Site);
        let stories: Vec<&StoryCard> = page_range(site.story_count(), per_page, n)
            .map(|index| self.card_of(site.story_at(index)))
            .collect();
        let vars = HomeVars {
            paginator: paginator(stories, site.story_count(), per_page, n, &base),
            highlights: if n == 1 { self.highlights() } else { None },
        };
        self.emit(theme, "index.html", meta, &vars)
    }

    /// Page `n` of the story archive: every story, a year's or a month's, newest first.
    fn archive_page(
        &self,
        theme: &Theme,
        of: ArchiveOf,
        n: usize,
    ) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let per_page = site.config().stories_per_page;
        let view = self.archive_view(of);
        let base = view.url.clone();
        let list = self.archive_list(of);
        let total = site.list_count(list);
        let ids = site.list_range(list, page_range(total, per_page, n));
        let title = site.config().title.as_str();
        let description = match self.period_name(of) {
            None => self.words.text("meta-archive", &[("site", title.into())]),
            Some(period) => self.words.text(
                "meta-archive-period",
                &[("site", title.into()), ("period", period.as_str().into())],
            ),
        };
        let meta = self.meta(
            "archive",
            titled(&view.title, n, self.words),
            description,
            page_url(&base, n),
        );
        let stories: Vec<&StoryCard> = ids.iter().map(|&id| self.card_of(id)).collect();
        let vars = ArchiveVars {
            archive: view,
            paginator: paginator(stories, total, per_page, n, &base),
        };
        self.emit(theme, "archive.html", meta, &vars)
    }

    /// Story `id`'s page.
    fn story_page(&self, theme: &Theme, id: StoryId) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let story = site.story(id);
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
        meta.image = card
            .image
            .as_ref()
            .map(|i| self.urls.permalink(i.og_url.as_ref().unwrap_or(&i.url)));
        let vars = StoryVars {
            story: self.story_view(id, &meta.description),
        };
        self.emit(theme, "story.html", meta, &vars)
    }

    /// Page `n` of company `id`: its profile, statistics and stories.
    fn company_page(
        &self,
        theme: &Theme,
        id: CompanyId,
        n: usize,
    ) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let per_page = site.config().stories_per_page;
        let company = site.company(id);
        let view = self.company_view(company, id);
        let base = view.url.clone();
        let description = company
            .profile
            .as_ref()
            .and_then(|p| p.description.clone())
            .unwrap_or_else(|| company_description(company, &view.stats, self.words));
        let mut meta = self.meta(
            "company",
            titled(&company.name, n, self.words),
            description,
            page_url(&base, n),
        );
        meta.image = view.logo.as_ref().map(|l| self.urls.permalink(l));
        meta.feed = self.feed_link(FeedOf::Company(id));
        let items: Vec<CompanyStoryCard> = page_slice(&company.mentions, per_page, n)
            .iter()
            .map(|&(s, i)| CompanyStoryCard {
                card: self.card_of(s),
                company_rating: self.rating_of(s, i),
                company_channel: site.story(s).mentions[i]
                    .channel
                    .map(|c| channel_label(c, self.words)),
            })
            .collect();
        let vars = CompanyVars {
            company: view,
            paginator: paginator(items, company.mentions.len(), per_page, n, &base),
        };
        self.emit(theme, "company.html", meta, &vars)
    }

    /// Every company, A to Z.
    fn companies_page(&self, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let companies: Vec<CompanyCard> = site
            .companies()
            .map(|(_, c)| self.company_card(c))
            .collect();
        let mut letters: Vec<String> = companies.iter().map(|c| c.letter.clone()).collect();
        letters.dedup();
        let meta = self.meta(
            "companies",
            self.words.text("companies-title", &[]),
            self.words.text(
                "meta-companies",
                &[("site", site.config().title.as_str().into())],
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

    /// Page `n` of author `id`'s stories.
    fn author_page(
        &self,
        theme: &Theme,
        id: AuthorId,
        n: usize,
    ) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let per_page = site.config().stories_per_page;
        let author = site.author(id);
        let view = self.author_view(id);
        let base = view.card.url.clone();
        let description = author
            .profile
            .as_ref()
            .and_then(|p| p.tagline.clone())
            .unwrap_or_else(|| {
                self.words.text(
                    "meta-author",
                    &[
                        ("author", author.name.as_str().into()),
                        ("site", site.config().title.as_str().into()),
                    ],
                )
            });
        let mut meta = self.meta(
            "author",
            titled(&author.name, n, self.words),
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

    /// Every author.
    fn authors_page(&self, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let authors: Vec<AuthorCard> = site.authors().map(|(_, a)| self.author_card(a)).collect();
        let meta = self.meta(
            "authors",
            self.words.text("authors-title", &[]),
            self.words.text(
                "meta-authors",
                &[("site", site.config().title.as_str().into())],
            ),
            self.urls.at("authors/"),
        );
        self.emit(theme, "authors.html", meta, &AuthorsVars { authors })
    }

    /// Page `n` of the stories filed under a tag or category.
    fn term_page(
        &self,
        theme: &Theme,
        taxonomy: Taxonomy,
        id: TaxonId,
        n: usize,
    ) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let per_page = site.config().stories_per_page;
        // The page shows the term's name and count, and its stories at this page's positions.
        let term = self.site.term_link(taxonomy, id);
        let list = StoryList::Term(taxonomy, id);
        let total = site.list_count(list);
        let view = TermView {
            name: term.name,
            url: self.urls.term(taxonomy.name(), term.slug),
            story_count: total,
        };
        let base = view.url.clone();
        let tax = self.taxonomy_view(taxonomy);
        let mut meta = self.meta(
            if taxonomy == Taxonomy::Tags {
                "tag"
            } else {
                "category"
            },
            titled(
                &self.words.text(
                    if taxonomy == Taxonomy::Tags {
                        "title-tag"
                    } else {
                        "title-category"
                    },
                    &[("term", term.name.into())],
                ),
                n,
                self.words,
            ),
            self.words.text(
                "meta-term",
                &[
                    ("term", term.name.into()),
                    ("site", site.config().title.as_str().into()),
                ],
            ),
            page_url(&base, n),
        );
        meta.feed = self.feed_link(FeedOf::Term(taxonomy, id));
        let stories: Vec<&StoryCard> = site
            .list_range(list, page_range(total, per_page, n))
            .into_iter()
            .map(|s| self.card_of(s))
            .collect();
        let vars = TermVars {
            taxonomy: tax,
            term: view,
            paginator: paginator(stories, total, per_page, n, &base),
        };
        self.emit(theme, "tag.html", meta, &vars)
    }

    /// Every term of a taxonomy.
    fn terms_page(
        &self,
        theme: &Theme,
        taxonomy: Taxonomy,
    ) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let tax = self.taxonomy_view(taxonomy);
        let terms: Vec<TermView> = self
            .site
            .terms(taxonomy)
            .map(|(_, t)| self.term_view(taxonomy, t))
            .collect();
        let meta = self.meta(
            if taxonomy == Taxonomy::Tags {
                "tags"
            } else {
                "categories"
            },
            tax.plural.clone(),
            self.words.text(
                "meta-terms",
                &[
                    ("terms", tax.plural.as_str().into()),
                    ("site", site.config().title.as_str().into()),
                ],
            ),
            tax.url.clone(),
        );
        let vars = TermsVars {
            taxonomy: tax,
            terms,
        };
        self.emit(theme, "tags.html", meta, &vars)
    }

    /// Series `id` with its stories in order.
    fn series_page(&self, theme: &Theme, id: SeriesId) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let series = site.series(id);
        let view = SeriesView {
            title: &series.title,
            url: self.urls.series(&series.slug),
            content_html: self.site.series_profile(id).0.to_owned(),
            upcoming: self.upcoming_views(id),
        };
        let mut meta = self.meta(
            "series",
            series.title.clone(),
            plain_text(&view.content_html, 160),
            view.url.clone(),
        );
        meta.feed = self.feed_link(FeedOf::Series(id));
        let stories: Vec<&StoryCard> = series.stories.iter().map(|&s| self.card_of(s)).collect();
        let vars = SeriesVars {
            series: view,
            stories,
        };
        self.emit(theme, "series.html", meta, &vars)
    }

    /// A standalone page of `content/pages/`.
    fn plain_page(&self, theme: &Theme, id: usize) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let page = site.page(id).0;
        let view = PlainPageView {
            title: &page.title,
            url: self.urls.page(&page.slug),
            content_html: self.site.page(id).1,
            extra: &page.extra,
        };
        let description = page
            .summary
            .clone()
            .unwrap_or_else(|| plain_text(view.content_html, 160));
        let meta = self.meta("page", page.title.clone(), description, view.url.clone());
        self.emit(theme, "page.html", meta, &PageVars { page: view })
    }

    /// One of the company leaderboards.
    fn board_page(&self, theme: &Theme, board: Board) -> Result<(String, PageBytes), JobError> {
        let view = self.board_view(board);
        let meta = self.meta(
            "leaderboard",
            board.title(self.words),
            view.description.clone(),
            view.url.clone(),
        );
        self.emit(theme, "leaderboard.html", meta, &BoardVars { board: view })
    }

    /// The search page (its index is a job of its own).
    fn search_page(&self, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let meta = self.meta(
            "search",
            self.words.text("search-title", &[]),
            self.words.text(
                "meta-search",
                &[("site", site.config().title.as_str().into())],
            ),
            self.urls.at("search/"),
        );
        let vars = SearchVars {
            search_words: crate::i18n::search_words(self.words),
        };
        self.emit(theme, "search.html", meta, &vars)
    }

    /// The 404 page.
    fn not_found_page(&self, theme: &Theme) -> Result<(String, PageBytes), JobError> {
        let site = self.site;
        let mut meta = self.meta(
            "404",
            self.words.text("not-found-title", &[]),
            site.config().description.clone(),
            self.urls.at("404.html"),
        );
        meta.permalink = self.urls.permalink(&self.urls.at(""));
        self.emit(theme, "404.html", meta, &NoVars {})
    }

    pub(super) fn emit<T: Serialize>(
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

    pub(super) fn meta(
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
}

#[derive(Serialize)]
struct NoVars {}

#[derive(Serialize)]
struct SearchVars {
    /// JSON of the words search.js shows.
    search_words: String,
}

#[derive(Serialize)]
struct HomeVars<'a, 'c> {
    paginator: Paginator<&'c StoryCard<'a>>,
    highlights: Option<HighlightsView<'a>>,
}

#[derive(Serialize)]
struct ArchiveVars<'a, 'c> {
    archive: ArchiveView,
    paginator: Paginator<&'c StoryCard<'a>>,
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
    company: CompanyView<'a, 'c>,
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
