//! Views of the parts pages are made of: the site, story cards and pages, companies, authors,
//! terms, leaderboards and the home page's highlights.

use std::borrow::Cow;

use super::ViewBuilder;
use super::format::*;
use super::jobs::*;
use crate::images::plan;
use crate::load::images;
use crate::model::{
    AuthorId, Company, CompanyId, RatingStats, SeriesId, Story, StoryId, Taxon, YearRanking,
    best_rated, most_discussed, worst_rated, year_highlights,
};
use crate::rating::{self, GradeBand, Rating, Verdict};
use crate::render::markdown::{self, MarkdownOptions};
use crate::render::views::*;
use crate::render::{charts, jsonld};

impl<'a> ViewBuilder<'a> {
    pub(crate) fn site_view(&self) -> SiteView<'a> {
        let c = self.site.config();
        SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            root_path: &c.root_path,
            language: &c.language,
            direction: self.words.direction(),
            author: c.author.as_deref(),
            rating_display: c.rating_display,
            urls: SiteUrls {
                home: self.urls.at(""),
                archive: self
                    .optional
                    .archives
                    .then(|| self.urls.archive(None, None)),
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
                series: self.series_index_url(),
            },
            pages: self
                .site
                .pages()
                .map(|p| Link {
                    name: &p.title,
                    url: self.urls.page(&p.slug),
                })
                .collect(),
            category_count: self.site.term_count(Taxonomy::Categories),
            archive: self
                .site
                .archive()
                .iter()
                .filter(|_| self.optional.archives)
                .map(|y| ArchiveLink {
                    name: y.segment(),
                    url: self.urls.archive(Some(y.year), None),
                    count: y.stories.len(),
                })
                .collect(),
            extra: &c.extra,
            generator: concat!("rave ", env!("CARGO_PKG_VERSION")),
        }
    }

    pub(super) fn taxonomy_view(&self, taxonomy: Taxonomy) -> TaxonomyView {
        TaxonomyView {
            name: taxonomy.name(),
            plural: self.taxonomy_plural(taxonomy),
            url: self.urls.at(&format!("{}/", taxonomy.name())),
        }
    }

    fn taxonomy_plural(&self, taxonomy: Taxonomy) -> String {
        self.words.text(
            match taxonomy {
                Taxonomy::Tags => "tags-title",
                Taxonomy::Categories => "categories-title",
            },
            &[],
        )
    }

    pub(super) fn term_view(&self, taxonomy: Taxonomy, term: &'a Taxon) -> TermView<'a> {
        TermView {
            name: &term.name,
            url: self.urls.term(taxonomy.name(), &term.slug),
            story_count: term.stories.len(),
        }
    }

    pub(super) fn card(&self, id: StoryId) -> StoryCard<'a> {
        let story: &'a Story = self.site.story(id);
        let input = &story.input;
        let url = self.urls.story(&input.slug);
        let rendered = self.site.body(id);
        let summary_html = match &input.summary {
            Some(text) => Cow::Owned(markdown::text_paragraph(text)),
            None => Cow::Borrowed(rendered.summary_html.as_deref().unwrap_or_default()),
        };
        let author = self.site.author_link(story.author);
        let categories: Vec<Link<'a>> = story
            .categories
            .iter()
            .map(|&c| {
                let cat = self.site.term_link(Taxonomy::Categories, c);
                Link {
                    name: cat.name,
                    url: self.urls.term("categories", cat.slug),
                }
            })
            .collect();
        StoryCard {
            title: &input.title,
            date: if self.optional.archives {
                story_date_view(&input.date, self.words, &self.urls)
            } else {
                date_view(&input.date, self.words)
            },
            author: Link {
                name: author.name,
                url: self.urls.author(author.slug),
            },
            summary_html,
            ratings: story
                .mentions
                .iter()
                .map(|m| {
                    let company = self.site.company_link(m.company);
                    MentionView {
                        company: Link {
                            name: company.name,
                            url: self.urls.company(company.slug),
                        },
                        rating: m.rating.as_ref().map(|r| {
                            rating_view(r, m.rating_text.as_deref(), self.display, self.words)
                        }),
                        channel: m.channel.map(|c| channel_label(c, self.words)),
                    }
                })
                .collect(),
            tags: story
                .tags
                .iter()
                .map(|&t| {
                    let tag = self.site.term_link(Taxonomy::Tags, t);
                    Link {
                        name: tag.name,
                        url: self.urls.term("tags", tag.slug),
                    }
                })
                .collect(),
            category: categories.first().cloned(),
            categories,
            reading_minutes: markdown::reading_minutes(rendered.word_count),
            comment_count: input.comments.len(),
            image: input.image.as_ref().map(|img| {
                let size = images::size_of(
                    &img.src,
                    &self.site.config().root_path,
                    self.site.image_sizes(),
                    Some(&input.image_sizes),
                );
                let image_url = self.urls.resolve(&img.src, &url);
                let sets =
                    size.and_then(|s| plan::srcsets(&image_url, s, &self.site.config().images));
                ImageView {
                    og_url: sets.as_ref().map(|_| plan::og_path(&image_url)),
                    srcset: sets.as_ref().map(|s| s.fallback.clone()),
                    webp_srcset: sets.map(|s| s.webp),
                    url: image_url,
                    alt: img.alt.as_deref().unwrap_or(""),
                    caption: img.caption.as_deref(),
                    credit: img.credit.as_deref(),
                    credit_url: img.credit_url.as_deref(),
                    width: size.map(|s| s.width),
                    height: size.map(|s| s.height),
                }
            }),
            url,
        }
    }

    pub(super) fn story_view(&self, id: StoryId, description: &str) -> StoryView<'a, '_> {
        let story = self.site.story(id);
        let input = &story.input;
        let card = self.card_of(id);
        let series = story.series.map(|s| {
            let series = self.site.series(s);
            let index = series.stories.iter().position(|&x| x == id).unwrap_or(0);
            let link = |i: usize| {
                let other = self.site.story_link(series.stories[i]);
                Link {
                    name: other.name,
                    url: self.urls.story(other.slug),
                }
            };
            SeriesNav {
                title: &series.title,
                url: self.urls.series(&series.slug),
                position: index + 1,
                // Announced parts count too: the box lists them, and "Part 2 of 2" above a
                // "coming next" line would tell the reader the series had ended.
                total: series.stories.len() + series.upcoming.len(),
                previous: (index > 0).then(|| link(index - 1)),
                next: (index + 1 < series.stories.len()).then(|| link(index + 1)),
                intro_html: self.site.series_profile(s).1.cloned(),
                parts: series
                    .stories
                    .iter()
                    .enumerate()
                    .map(|(i, &part)| {
                        let link = self.site.story_link(part);
                        SeriesPart {
                            title: link.name,
                            url: self.urls.story(link.slug),
                            position: i + 1,
                            current: part == id,
                        }
                    })
                    .collect(),
                upcoming: self.upcoming_views(s),
            }
        });
        StoryView {
            card,
            permalink: self.urls.permalink(&card.url),
            updated: input.updated.as_ref().map(|d| date_view(d, self.words)),
            content_html: self.body_of(id).full_html(),
            note_html: input.note.as_deref().map(|note| {
                let options = if self.site.config().allow_raw_html {
                    MarkdownOptions::TRUSTED_HTML
                } else {
                    MarkdownOptions::ESCAPED_HTML
                };
                markdown::render(note, options).html
            }),
            word_count: self.body_of(id).word_count,
            json_ld_html: self.story_json_ld(id, card, description),
            series,
            author_box: self.author_box(story.author),
            comments: self.comment_views(id),
            more_stories: self.more_stories_view(id),
            extra: &input.extra,
        }
    }

    /// A story's comments in thread order, each with its depth and the comment it answers.
    fn comment_views(&self, id: StoryId) -> Vec<CommentView<'a>> {
        use crate::render::comment_threads::{MAX_INDENT, thread_order};
        let comments = &self.site.story(id).input.comments;
        let placed = thread_order(comments);
        let anchor_of = |index: usize| {
            placed
                .iter()
                .find(|p| p.index == index)
                .map(|p| p.anchor.clone())
                .unwrap_or_default()
        };
        placed
            .iter()
            .map(|p| {
                let c = &comments[p.index];
                CommentView {
                    author: &c.author,
                    url: c.url.as_deref(),
                    date: date_view(&c.date, self.words),
                    body_html: self
                        .site
                        .comment_bodies(id)
                        .get(p.index)
                        .cloned()
                        .unwrap_or_default(),
                    id: p.anchor.clone(),
                    depth: p.depth,
                    indent: p.depth.min(MAX_INDENT),
                    reply_to: p.parent.map(|parent| ReplyToView {
                        author: &comments[parent].author,
                        id: anchor_of(parent),
                    }),
                }
            })
            .collect()
    }

    /// A company's average, with the verdict its stories' words give it.
    fn average(&self, stats: &RatingStats) -> Option<RatingView> {
        let rating = Rating {
            score: Some(stats.mean?),
            verdict: stats.average_verdict()?,
            form: rating::RatingForm::Percent,
        };
        Some(rating_view(&rating, None, self.display, self.words))
    }

    pub(super) fn company_card(&self, company: &'a Company) -> CompanyCard<'a> {
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

    pub(super) fn company_view(&self, company: &'a Company, id: CompanyId) -> CompanyView<'a, '_> {
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
            logo_srcset: profile
                .and_then(|p| p.logo.as_deref())
                .and_then(|l| self.site_photo_srcset(l, &url)),
            description: profile.and_then(|p| p.description.as_deref()),
            content_html: self.site.company_profile(id).to_owned(),
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
                        label: verdict_label(*v, self.words),
                        count,
                    })
                    .collect(),
                verdict_count: stats.verdict_total(),
                first_date: stats.first.as_ref().map(|d| date_view(d, self.words)),
                latest_date: stats.latest.as_ref().map(|d| date_view(d, self.words)),
                periods: stats
                    .periods
                    .iter()
                    .map(|p| PeriodView {
                        label: charts::period_label(p, self.words),
                        count: p.count,
                        mean: round1(p.mean),
                        average: self.score_view(p.mean),
                    })
                    .collect(),
                trend_svg_html: charts::trend_svg(
                    &stats.periods,
                    "trend",
                    &company.name,
                    self.words,
                ),
                channels: stats
                    .channels
                    .iter()
                    .map(|c| ChannelView {
                        channel: c.channel.as_str(),
                        label: channel_label(c.channel, self.words),
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
                    let c = self.site.company(other);
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
        rating_view(&rating, None, self.display, self.words)
    }

    fn highlight(&self, (story, index): (StoryId, usize)) -> Option<HighlightView<'a, '_>> {
        Some(HighlightView {
            card: self.card_of(story),
            rating: self.rating_of(story, index)?.clone(),
        })
    }

    fn story_json_ld(&self, id: StoryId, card: &StoryCard<'a>, description: &str) -> String {
        let story = self.site.story(id);
        let permalink = self.urls.permalink(&card.url);
        let author_url = self.urls.permalink(&card.author.url);
        let image = card.image.as_ref().map(|i| self.urls.permalink(&i.url));
        let date = story.input.date.rfc3339();
        let modified = story.input.updated.map(|u| u.rfc3339());
        let reviews: Vec<jsonld::ReviewInput> = story
            .mentions
            .iter()
            .filter(|m| m.rating.is_some())
            .filter(|m| !self.site.company_identity(m.company).is_self)
            .map(|m| {
                let c = self.site.company_identity(m.company);
                jsonld::ReviewInput {
                    company: c.name,
                    company_url: c
                        .website
                        .map(str::to_owned)
                        .unwrap_or_else(|| self.urls.permalink(&self.urls.company(c.slug))),
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
            publisher: &self.site.config().title,
            language: &self.site.config().language,
        };
        jsonld::script_element(&jsonld::story_graph(&posting, &reviews))
    }

    fn board_entry(&self, rank: usize, company: CompanyId) -> BoardEntry<'a> {
        let c = self.site.company(company);
        BoardEntry {
            rank,
            company: self.company_card(c),
            ranked: c.stats.ranked.map(round1),
        }
    }

    pub(super) fn board_view(&self, board: Board) -> BoardView<'a> {
        let site = self.site.everything();
        let ranking = site.config.ranking;
        let ids = match board {
            Board::Best => best_rated(site),
            Board::Worst => worst_rated(site),
            Board::MostDiscussed => most_discussed(site),
        };
        let description = match board {
            Board::MostDiscussed => self.words.text("board-most-discussed-description", &[]),
            _ => format!(
                "{} {}",
                self.words.text(
                    "board-ranked-description",
                    &[
                        ("min", ranking.min_ratings.into()),
                        ("weight", ranking.prior_weight.into()),
                    ],
                ),
                self.words.text(
                    if board == Board::Best {
                        "board-best-left-out"
                    } else {
                        "board-worst-left-out"
                    },
                    &[],
                ),
            ),
        };
        BoardView {
            kind: board.kind(),
            title: board.title(self.words),
            description,
            url: self.board_url(board),
            entries: ids
                .into_iter()
                .take(ranking.limit.unwrap_or(usize::MAX))
                .enumerate()
                .map(|(i, c)| self.board_entry(i + 1, c))
                .collect(),
            boards: Board::ALL
                .iter()
                .map(|&b| BoardLink {
                    kind: b.kind(),
                    title: b.title(self.words),
                    url: self.board_url(b),
                    current: b == board,
                })
                .collect(),
            min_ratings: ranking.min_ratings,
            prior_weight: ranking.prior_weight,
            site_mean: site.site_mean.map(round1),
        }
    }

    pub(super) fn board_url(&self, board: Board) -> String {
        self.urls.at(&format!("companies/{}/", board.kind()))
    }

    /// Best and worst companies of the latest year that has scored ratings (see
    /// [`year_highlights`]).
    pub(super) fn highlights(&self) -> Option<HighlightsView<'a>> {
        let highlights = year_highlights(self.site.everything())?;
        let entries = |list: &[YearRanking]| -> Vec<BoardEntry<'a>> {
            list.iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut card = self.company_card(self.site.company(r.company));
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

    /// The `srcset` of the copies of a photo of `static/` (a logo, an avatar) that a page at
    /// `page_url` shows as `src`; `None` unless it is a processed photo.
    fn site_photo_srcset(&self, src: &str, page_url: &str) -> Option<String> {
        let config = self.site.config();
        let size = images::size_of(src, &config.root_path, self.site.image_sizes(), None)?;
        plan::srcsets(&self.urls.resolve(src, page_url), size, &config.images).map(|s| s.fallback)
    }

    pub(super) fn author_card(&self, author: &'a crate::model::Author) -> AuthorCard<'a> {
        let url = self.urls.author(&author.slug);
        let profile = author.profile.as_ref();
        AuthorCard {
            name: &author.name,
            tagline: profile.and_then(|p| p.tagline.as_deref()),
            avatar: profile
                .and_then(|p| p.avatar.as_deref())
                .map(|a| self.urls.resolve(a, &url)),
            avatar_srcset: profile
                .and_then(|p| p.avatar.as_deref())
                .and_then(|a| self.site_photo_srcset(a, &url)),
            story_count: author.stories.len(),
            url,
        }
    }

    /// The box about a story's writer: what their profile says, nothing without one.
    fn author_box(&self, id: AuthorId) -> Option<AuthorBoxView<'a>> {
        let author = self.site.author_summary(id);
        let profile = author.profile.as_ref()?;
        let card = self.author_card(author);
        let bio_html = self.site.author_profile(id).1.cloned();
        if card.tagline.is_none() && card.avatar.is_none() && bio_html.is_none() {
            return None;
        }
        Some(AuthorBoxView {
            card,
            bio_html,
            website: profile.website.as_deref(),
        })
    }

    /// The parts of series `id` announced for later, oldest first, with their writers.
    pub(super) fn upcoming_views(&self, id: SeriesId) -> Vec<UpcomingView<'a>> {
        self.site
            .series(id)
            .upcoming
            .iter()
            .map(|u| UpcomingView {
                title: &u.title,
                date: date_view(&u.date, self.words),
                author: &u.author,
                author_url: u.author_slug.as_deref().map(|slug| self.urls.author(slug)),
            })
            .collect()
    }

    pub(super) fn author_view(&self, id: AuthorId) -> AuthorView<'a> {
        let author = self.site.author(id);
        let mut companies: Vec<CompanyId> = author
            .stories
            .iter()
            .flat_map(|&s| self.site.story(s).mentions.iter().map(|m| m.company))
            .collect();
        companies.sort_unstable();
        companies.dedup();
        AuthorView {
            card: self.author_card(author),
            website: author.profile.as_ref().and_then(|p| p.website.as_deref()),
            bio_html: self.site.author_profile(id).0.to_owned(),
            has_profile: author.profile.is_some(),
            companies: companies
                .into_iter()
                .map(|c| {
                    let company = self.site.company_link(c);
                    Link {
                        name: company.name,
                        url: self.urls.company(company.slug),
                    }
                })
                .collect(),
        }
    }
}
