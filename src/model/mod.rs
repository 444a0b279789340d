//! Stage 2: links the loaded files into one site: companies folded by name and alias, authors
//! matched to profiles, tags, categories, series, and every company's rating aggregates.
//!
//! Pure: no IO, no Markdown, no HTML. The same [`LoadedSite`] always gives the same [`Site`]
//! (everything is sorted), which is what makes output deterministic and rebuilds comparable.

mod archive;
mod ids;
mod index;
mod rankings;
mod stats;

use std::collections::BTreeMap;

use jiff::Timestamp;

pub use crate::company_name::{
    RESERVED_COMPANY_SLUGS, accent_folded_key, company_key, company_slug,
};
pub use archive::{ArchiveMonth, ArchiveYear, month_segment, year_segment};
pub use ids::{AuthorId, CompanyId, SeriesId, StoryId, TaxonId};
use index::{AuthorIndex, CompanyIndex, SeriesIndex, TaxonIndex};
pub use rankings::{
    YearHighlights, YearRanking, best_rated, most_discussed, ranked_companies, worst_rated,
    year_highlights,
};
pub use stats::{ChannelStat, MentionRef, PeriodMean, QUARTERS_FROM, RatingStats};

use crate::config::SiteConfig;
use crate::date::PostDate;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{
    AuthorProfileInput, Channel, CompanyProfileInput, ImageSizes, LoadedSite, Origin, PageInput,
    SeriesInput, StaticFile, StoryInput,
};
use crate::rating::Rating;
use crate::slug::slugify;

/// What to include in the site.
#[derive(Debug, Clone, Copy)]
pub struct ModelOptions {
    /// Include stories marked `draft: true`.
    pub drafts: bool,
    /// Include stories dated after `now`.
    pub future: bool,
    /// The build's "now", injected so that builds are reproducible.
    pub now: Timestamp,
}

/// A company as one story rates it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub company: CompanyId,
    pub rating: Option<Rating>,
    pub rating_text: Option<String>,
    pub channel: Option<Channel>,
}

/// A published story with its links resolved.
#[derive(Debug, Clone)]
pub struct Story {
    /// Shared with the load cache of a session: unchanged stories are not copied per build.
    pub input: std::sync::Arc<StoryInput>,
    pub author: AuthorId,
    pub mentions: Vec<Mention>,
    pub tags: Vec<TaxonId>,
    /// In the order the story lists them.
    pub categories: Vec<TaxonId>,
    pub series: Option<SeriesId>,
}

/// A company: every story that names it, and the aggregates of its ratings.
#[derive(Debug, Clone)]
pub struct Company {
    pub slug: String,
    pub name: String,
    pub profile: Option<CompanyProfileInput>,
    /// Stories naming it, newest first, with the index of the mention in that story.
    pub mentions: Vec<(StoryId, usize)>,
    pub stats: RatingStats,
    /// Companies named in the same stories, with how many stories they share; most shared first.
    pub co_mentions: Vec<(CompanyId, usize)>,
    /// True for the site owner's own company (`self_company`): no review markup.
    pub is_self: bool,
}

/// An author, with or without a profile.
#[derive(Debug, Clone)]
pub struct Author {
    pub slug: String,
    pub name: String,
    pub profile: Option<AuthorProfileInput>,
    /// Newest first.
    pub stories: Vec<StoryId>,
}

/// A tag or a category.
#[derive(Debug, Clone)]
pub struct Taxon {
    pub slug: String,
    pub name: String,
    /// Newest first.
    pub stories: Vec<StoryId>,
}

/// A series of stories, oldest first.
#[derive(Debug, Clone)]
pub struct Series {
    pub slug: String,
    pub title: String,
    pub profile: Option<SeriesInput>,
    pub stories: Vec<StoryId>,
    /// Announced stories dated after now (held back), oldest first: title, date and writer.
    pub upcoming: Vec<UpcomingStory>,
}

/// A story of a series dated after now: announced, not published.
#[derive(Debug, Clone, PartialEq)]
pub struct UpcomingStory {
    pub title: String,
    pub date: PostDate,
    /// The writer's name, as the published stories show it.
    pub author: String,
    /// The writer's author page slug, when the site has a page for them.
    pub author_slug: Option<String>,
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Published stories, newest first.
    pub stories: Vec<Story>,
    /// A-Z by name.
    pub companies: Vec<Company>,
    /// A-Z by name.
    pub authors: Vec<Author>,
    /// A-Z by name.
    pub tags: Vec<Taxon>,
    pub categories: Vec<Taxon>,
    pub series: Vec<Series>,
    /// A-Z by slug.
    pub pages: Vec<PageInput>,
    pub static_files: Vec<StaticFile>,
    /// Sizes of the raster images of `static/`, by site path without the leading `/`.
    pub image_sizes: ImageSizes,
    /// Mean of every scored rating on the site.
    pub site_mean: Option<f64>,
    /// Stories left out because they are drafts.
    pub drafts_skipped: usize,
    /// Stories left out because they are dated after `now`.
    pub future_skipped: usize,
    /// Years and months that have stories, newest first.
    pub archive: Vec<ArchiveYear>,
}

/// A story's Markdown, body and comments, taken out of the model by [`Site::take_sources`].
#[derive(Debug, Default)]
pub struct StorySource {
    pub body: String,
    /// In the order of the story's comments.
    pub comments: Vec<String>,
}

impl Site {
    /// Takes the Markdown of every story and of its comments out of the model, leaving them
    /// empty, so that a clean build can drop each as soon as its HTML is made (see
    /// `render::Bodies`): nothing else reads them. A story whose parse is shared with a
    /// session's load cache keeps its text (`None`): the cache needs it.
    pub fn take_sources(&mut self) -> Vec<Option<StorySource>> {
        self.stories
            .iter_mut()
            .map(|story| {
                let input = std::sync::Arc::get_mut(&mut story.input)?;
                Some(StorySource {
                    body: std::mem::take(&mut input.body),
                    comments: input
                        .comments
                        .iter_mut()
                        .map(|c| std::mem::take(&mut c.body))
                        .collect(),
                })
            })
            .collect()
    }
}

/// Sort key for A-Z lists: case-insensitive, accents ignored.
fn az_key(name: &str) -> (String, String) {
    (deunicode::deunicode(name).to_lowercase(), name.to_owned())
}

/// Links `loaded` into a [`Site`]. Cross-file problems (duplicate slugs, conflicting aliases)
/// go to `diagnostics`.
pub fn build_site(
    loaded: LoadedSite,
    options: &ModelOptions,
    diagnostics: &mut Diagnostics,
) -> Site {
    let LoadedSite {
        config,
        stories: story_inputs,
        companies: company_profiles,
        authors: author_profiles,
        series: series_inputs,
        pages,
        static_files,
        image_sizes,
        ..
    } = loaded;

    let mut drafts_skipped = 0;
    let mut future_skipped = 0;
    // Held-back stories of a series are announced (title, date and writer), never published.
    let mut held_back: Vec<(String, String, PostDate, Option<String>)> = Vec::new();
    let mut inputs: Vec<std::sync::Arc<StoryInput>> = story_inputs
        .into_iter()
        .filter(|s| {
            if s.draft && !options.drafts {
                drafts_skipped += 1;
                return false;
            }
            if s.date.timestamp > options.now && !options.future {
                future_skipped += 1;
                if let Some((series, _)) = &s.series {
                    held_back.push((
                        slugify(series),
                        s.title.clone(),
                        s.date,
                        s.author.as_ref().map(|(name, _)| name.clone()),
                    ));
                }
                return false;
            }
            true
        })
        .collect();
    // Newest first; ties broken by slug and path so that the order never depends on the walk.
    inputs.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.origin.cmp(&b.origin))
    });
    report_duplicate_slugs(
        inputs.iter().map(|s| (s.slug.as_str(), &s.origin)),
        "story",
        diagnostics,
    );
    let mut pages = pages
        .into_iter()
        .filter(|p| options.drafts || !p.draft)
        .collect::<Vec<_>>();
    pages.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.origin.cmp(&b.origin)));
    report_duplicate_slugs(
        pages.iter().map(|p| (p.slug.as_str(), &p.origin)),
        "page",
        diagnostics,
    );

    let mut companies = CompanyIndex::new(company_profiles, diagnostics);
    let mut authors = AuthorIndex::new(author_profiles, config.author.as_deref());
    let mut tags = TaxonIndex::default();
    let mut categories = TaxonIndex::default();
    let mut series = SeriesIndex::new(series_inputs);

    // Name things oldest first, so that a company, tag or category is shown as first written.
    for input in inputs.iter().rev() {
        for m in &input.mentions {
            companies.resolve(&m.name);
        }
        for t in &input.tags {
            tags.name(t);
        }
        for c in &input.categories {
            categories.name(c);
        }
    }
    let mut stories: Vec<Story> = Vec::with_capacity(inputs.len());
    for (index, input) in inputs.into_iter().enumerate() {
        let id = StoryId::from_index(index);
        let author = authors.resolve(&input, diagnostics);
        let mentions = input
            .mentions
            .iter()
            .map(|m| Mention {
                company: companies.resolve(&m.name),
                rating: m.rating.clone(),
                rating_text: m.rating_text.clone(),
                channel: m.channel,
            })
            .collect();
        let story_tags = input.tags.iter().map(|t| tags.resolve(t, id)).collect();
        let story_categories = input
            .categories
            .iter()
            .map(|c| categories.resolve(c, id))
            .collect();
        let series_id = input
            .series
            .as_ref()
            .map(|(s, pos)| series.resolve(s, *pos, &input, diagnostics));
        stories.push(Story {
            input,
            author,
            mentions,
            tags: story_tags,
            categories: story_categories,
            series: series_id,
        });
    }

    let mut upcoming: Vec<(String, UpcomingStory)> = held_back
        .into_iter()
        .map(|(series, title, date, author)| {
            let (author, author_slug) = authors.lookup(author.as_deref());
            let story = UpcomingStory {
                title,
                date,
                author,
                author_slug,
            };
            (series, story)
        })
        .collect();
    // Collect back-references now that story ids are final (stories are newest first).
    let mut company_list = companies.finish();
    let mut author_list = authors.finish();
    for (id, story) in StoryId::enumerate(&stories) {
        author_list[story.author].stories.push(id);
        for (i, m) in story.mentions.iter().enumerate() {
            company_list[m.company].mentions.push((id, i));
        }
    }
    for company in &mut company_list {
        company.stats = RatingStats::compute(company.mentions.iter().map(|&(s, i)| MentionRef {
            story: s,
            index: i,
            mention: &stories[s].mentions[i],
            date: stories[s].input.date,
        }));
    }
    let mut series_list = series.finish();
    for (id, story) in StoryId::enumerate(&stories) {
        if let Some(s) = story.series {
            series_list[s].stories.push(id);
        }
    }
    upcoming.sort_by(|a, b| {
        (a.1.date.cmp(&b.1.date))
            .then_with(|| a.1.title.cmp(&b.1.title))
            .then_with(|| a.1.author.cmp(&b.1.author))
    });
    for (slug, story) in upcoming {
        if let Some(s) = series_list.iter_mut().find(|s| s.slug == slug) {
            s.upcoming.push(story);
        }
    }
    for s in &mut series_list {
        s.stories.reverse(); // oldest first
    }
    series_list.retain(|s| !s.stories.is_empty() || s.profile.is_some() || !s.upcoming.is_empty());

    // Renumber into A-Z order and remap ids held by stories.
    let company_order = order_by(&company_list, |c| az_key(&c.name));
    let author_order = order_by(&author_list, |a| az_key(&a.name));
    let (tag_list, tag_order) = tags.finish();
    let (category_list, category_order) = categories.finish();
    for story in &mut stories {
        story.author = AuthorId::from_index(author_order[story.author.index()]);
        for m in &mut story.mentions {
            m.company = CompanyId::from_index(company_order[m.company.index()]);
        }
        for t in &mut story.tags {
            *t = TaxonId::from_index(tag_order[t.index()]);
        }
        for c in &mut story.categories {
            *c = TaxonId::from_index(category_order[c.index()]);
        }
    }
    // Every company has a story or a profile: companies are only created by either.
    let mut company_list = apply_order(company_list, &company_order);
    let site_mean = finish_companies(&mut company_list, &stories, &config);
    let author_list = apply_order(author_list, &author_order);
    let archive = archive::archive(&stories);
    archive::report_archive_collisions(&stories, &archive, diagnostics);
    let site = Site {
        config,
        stories,
        companies: company_list,
        authors: author_list,
        tags: tag_list,
        categories: category_list,
        series: series_list,
        pages,
        static_files,
        image_sizes,
        site_mean,
        drafts_skipped,
        future_skipped,
        archive,
    };
    report_slug_collisions(&site, diagnostics);
    site
}

/// Site-wide mean, Bayesian scores, co-mentions and the owner's company flag.
fn finish_companies(
    companies: &mut [Company],
    stories: &[Story],
    config: &SiteConfig,
) -> Option<f64> {
    let (sum, count) = companies.iter().fold((0.0, 0usize), |(s, n), c| {
        (s + c.stats.score_sum, n + c.stats.rating_count)
    });
    let site_mean = (count > 0).then(|| sum / count as f64);
    let self_key = config.self_company.as_deref().map(company_key);
    for company in companies.iter_mut() {
        if let Some(m) = site_mean {
            company.stats.ranked = company.stats.bayesian(config.ranking.prior_weight, m);
        }
        let key = company_key(&company.name);
        let aliases = company
            .profile
            .iter()
            .flat_map(|p| p.aliases.iter().map(|(a, _)| company_key(a)));
        company.is_self = self_key
            .as_ref()
            .is_some_and(|k| *k == key || aliases.clone().any(|a| a == *k));
    }
    let mut shared: Vec<BTreeMap<CompanyId, usize>> = vec![BTreeMap::new(); companies.len()];
    for story in stories {
        for a in &story.mentions {
            for b in &story.mentions {
                if a.company != b.company {
                    *shared[a.company.index()].entry(b.company).or_default() += 1;
                }
            }
        }
    }
    for (company, counts) in companies.iter_mut().zip(shared) {
        let mut list: Vec<(CompanyId, usize)> = counts.into_iter().collect();
        // Most shared first; ids are A-Z already, so ties stay alphabetical.
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        company.co_mentions = list;
    }
    site_mean
}

fn report_duplicate_slugs<'a>(
    items: impl Iterator<Item = (&'a str, &'a Origin)>,
    what: &str,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: rustc_hash::FxHashMap<&str, &Origin> = Default::default();
    for (slug, origin) in items {
        if let Some(first) = seen.get(slug) {
            diagnostics.push(
                Diagnostic::error(
                    &origin.path,
                    format!(
                        "two {what} files make the same URL slug `{slug}`: {} and {}",
                        first.path.display(),
                        origin.path.display()
                    ),
                )
                .with_help("set a different `slug:` in one of them, or rename one file"),
            );
        } else {
            seen.insert(slug, origin);
        }
    }
}

/// Different names whose slugs are equal would write the same page.
fn report_slug_collisions(site: &Site, diagnostics: &mut Diagnostics) {
    let mut by_slug: BTreeMap<&str, Vec<&Company>> = BTreeMap::new();
    for c in &site.companies {
        by_slug.entry(&c.slug).or_default().push(c);
    }
    for (slug, same) in by_slug.into_iter().filter(|(_, n)| n.len() > 1) {
        let names: Vec<&str> = same.iter().map(|c| c.name.as_str()).collect();
        let profile = same.iter().find_map(|c| c.profile.as_ref());
        let first_story = site.stories.iter().find(|s| {
            s.mentions
                .iter()
                .any(|m| site.companies[m.company].slug == slug)
        });
        let path = first_story.map_or_else(|| "content".into(), |s| s.input.origin.path.clone());
        diagnostics.push(
            Diagnostic::error(
                path,
                format!(
                    "companies {} all make the URL `/companies/{slug}/`",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ")
                ),
            )
            .with_help(match profile {
                Some(p) => format!(
                    "if they are one company, list the other {} under `aliases:` in {}; otherwise spell them apart",
                    if names.len() > 2 { "names" } else { "name" },
                    p.origin.path.display()
                ),
                None => format!(
                    "if they are one company, add a profile content/companies/{slug}.md with the other names under `aliases:`; otherwise spell them apart"
                ),
            }),
        );
    }
}

/// `order[old_id] = new_id` for items sorted by `key`.
fn order_by<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..items.len()).collect();
    ids.sort_by_cached_key(|&i| key(&items[i]));
    let mut order = vec![0; items.len()];
    for (new, old) in ids.into_iter().enumerate() {
        order[old] = new;
    }
    order
}

fn apply_order<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    for (old, item) in items.into_iter().enumerate() {
        slots[order[old]] = Some(item);
    }
    slots.into_iter().flatten().collect()
}

/// The date of a site's newest story, used as the "updated" time of feeds and lists.
pub fn newest_date(site: &Site) -> Option<PostDate> {
    site.stories
        .iter()
        .map(|s| s.input.updated.unwrap_or(s.input.date))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RatingDisplay;
    use crate::diagnostics::Position;
    use crate::load::MentionInput;
    use crate::rating::parse_rating;
    use std::path::PathBuf;

    fn config() -> SiteConfig {
        SiteConfig {
            title: "T".into(),
            description: String::new(),
            base_url: "https://e.com".into(),
            root_path: "/".into(),
            language: "en".into(),
            author: Some("Host".into()),
            theme: "default".into(),
            stories_per_page: 10,
            rating_display: RatingDisplay::Grade,
            allow_raw_html: false,
            feed_limit: 20,
            feed_content: Default::default(),
            ranking: Default::default(),
            self_company: Some("Acme Ltd".into()),
            images: Default::default(),
            extra: Default::default(),
        }
    }

    fn story(slug: &str, date: &str, mentions: &[(&str, &str)]) -> StoryInput {
        StoryInput {
            origin: Origin {
                path: PathBuf::from(format!("content/stories/{slug}.md")),
            },
            slug: slug.into(),
            title: slug.into(),
            title_position: Position::START,
            date: PostDate::parse(date).expect("date"),
            updated: None,
            author: None,
            mentions: mentions
                .iter()
                .map(|(name, rating)| MentionInput {
                    name: (*name).into(),
                    position: Position::START,
                    rating: parse_rating(rating).ok(),
                    rating_text: Some((*rating).into()),
                    channel: None,
                })
                .collect(),
            tags: vec![],
            categories: Vec::new(),
            series: None,
            summary: None,
            note: None,
            draft: false,
            image: None,
            photos: vec![],
            comments: vec![],
            aliases: vec![],
            extra: Default::default(),
            body: String::new(),
            body_line: 1,
            bundle_dir: None,
            assets: vec![],
            image_sizes: Default::default(),
        }
    }

    fn profile(name: &str, aliases: &[&str]) -> CompanyProfileInput {
        CompanyProfileInput {
            origin: Origin {
                path: PathBuf::from(format!("content/companies/{}.md", slugify(name))),
            },
            file_slug: slugify(name),
            name: name.into(),
            aliases: aliases
                .iter()
                .map(|a| ((*a).into(), Position::START))
                .collect(),
            distinct_from: Vec::new(),
            website: None,
            logo: None,
            description: None,
            extra: Default::default(),
            body: String::new(),
            body_line: 1,
        }
    }

    fn site(stories: Vec<StoryInput>, companies: Vec<CompanyProfileInput>) -> (Site, Diagnostics) {
        let loaded = LoadedSite {
            root: PathBuf::from("."),
            config: config(),
            stories: stories.into_iter().map(std::sync::Arc::new).collect(),
            companies,
            authors: vec![],
            series: vec![],
            pages: vec![],
            static_files: vec![],
            image_sizes: Default::default(),
        };
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2030-01-01T00:00:00Z".parse().expect("now"),
        };
        let mut d = Diagnostics::new();
        let site = build_site(loaded, &options, &mut d);
        (site, d)
    }

    #[test]
    fn names_and_aliases_fold_into_one_company_with_hand_computed_aggregates() {
        let (site, d) = site(
            vec![
                story("a", "2020-01-01", &[("Dell Inc.", "A+"), ("Acme", "2/5")]),
                story("b", "2021-01-01", &[("dell", "60%")]),
                story("c", "2022-01-01", &[("DELL  INC", "ugly")]),
            ],
            vec![profile("Dell", &["Dell Inc"])],
        );
        assert!(!d.has_errors(), "{}", d.render());
        let names: Vec<&str> = site.companies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Acme", "Dell"]);
        let dell = &site.companies[1];
        assert_eq!(dell.slug, "dell");
        assert_eq!(dell.stats.story_count, 3);
        assert_eq!(dell.stats.rating_count, 2);
        assert_eq!(dell.stats.mean, Some(80.0));
        // Newest first: c, b, a.
        let slugs: Vec<&str> = dell
            .mentions
            .iter()
            .map(|&(s, _)| site.stories[s].input.slug.as_str())
            .collect();
        assert_eq!(slugs, ["c", "b", "a"]);
    }

    #[test]
    fn bayesian_ranking_co_mentions_and_self_company_by_hand() {
        let (site, _) = site(
            vec![
                story("a", "2020-01-01", &[("Dell", "A+"), ("Acme", "2/5")]),
                story(
                    "b",
                    "2021-01-01",
                    &[("Dell", "60%"), ("Acme", "C"), ("Zed", "F")],
                ),
                story("c", "2022-01-01", &[("Zed", "1/5")]),
            ],
            vec![profile("Acme", &["Acme Ltd"])],
        );
        // Scores: Dell 100, 60; Acme 40, 60; Zed 20, 20. Site mean = 300 / 6 = 50.
        assert_eq!(site.site_mean, Some(50.0));
        let by_name = |n: &str| {
            CompanyId::from_index(
                site.companies
                    .iter()
                    .position(|c| c.name == n)
                    .expect("company"),
            )
        };
        let (acme, dell, zed) = (by_name("Acme"), by_name("Dell"), by_name("Zed"));
        // (3 * 50 + 160) / 5 = 62; (3 * 50 + 100) / 5 = 50; (3 * 50 + 40) / 5 = 38.
        assert_eq!(site.companies[dell].stats.ranked, Some(62.0));
        assert_eq!(site.companies[acme].stats.ranked, Some(50.0));
        assert_eq!(site.companies[zed].stats.ranked, Some(38.0));
        assert_eq!(ranked_companies(&site), vec![dell, acme, zed]);
        assert_eq!(site.companies[dell].co_mentions, vec![(acme, 2), (zed, 1)]);
        assert!(site.companies[acme].is_self);
        assert!(!site.companies[dell].is_self);
        assert_eq!(most_discussed(&site)[0], acme);
    }

    #[test]
    fn duplicate_story_slugs_name_both_files() {
        let mut second = story("same", "2021-01-01", &[]);
        second.origin.path = PathBuf::from("content/stories/other/same.md");
        let (_, d) = site(vec![story("same", "2020-01-01", &[]), second], vec![]);
        let e = d.iter().find(|d| d.is_error()).expect("error");
        for file in ["content/stories/same.md", "content/stories/other/same.md"] {
            assert!(e.message.contains(file), "{}", e.message);
        }
    }

    #[test]
    fn an_alias_claimed_by_two_profiles_is_an_error() {
        let (_, d) = site(
            vec![],
            vec![profile("Dell", &["DX"]), profile("Dex", &["dx"])],
        );
        assert_eq!(d.error_count(), 1, "{}", d.render());
    }

    #[test]
    fn different_names_with_the_same_slug_are_an_error() {
        let (_, d) = site(
            vec![story("a", "2020-01-01", &[("AT&T", "A"), ("AT-T", "B")])],
            vec![],
        );
        assert_eq!(d.error_count(), 1, "{}", d.render());
        assert!(d.iter().any(|x| x.message.contains("/companies/at-t/")));
    }

    #[test]
    fn the_archive_groups_stories_by_year_and_month_newest_first() {
        let (site, d) = site(
            vec![
                story("a", "2011-07-05", &[]),
                story("b", "2011-07-20", &[]),
                story("c", "2011-01-02", &[]),
                story("d", "2009-12-31", &[]),
                story("e", "2011-07-05T23:30:00-05:00", &[]),
            ],
            vec![],
        );
        assert!(!d.has_errors(), "{d:?}");
        let slugs = |ids: &[StoryId]| -> Vec<&str> {
            ids.iter()
                .map(|&i| site.stories[i].input.slug.as_str())
                .collect()
        };
        let years: Vec<i16> = site.archive.iter().map(|y| y.year).collect();
        assert_eq!(years, [2011, 2009]);
        // `e` is dated 5 July in its writer's offset (6 July in UTC): the date as written counts.
        assert_eq!(slugs(&site.archive[0].stories), ["b", "e", "a", "c"]);
        let months: Vec<(u8, Vec<&str>)> = site.archive[0]
            .months
            .iter()
            .map(|m| (m.month, slugs(&m.stories)))
            .collect();
        assert_eq!(months, [(7, vec!["b", "e", "a"]), (1, vec!["c"])]);
        assert_eq!(slugs(&site.archive[1].months[0].stories), ["d"]);
    }

    #[test]
    fn a_story_slug_that_is_an_archive_address_is_an_error() {
        let (_, d) = site(
            vec![
                story("2011", "2011-07-05", &[]),
                story("page", "2012-07-05", &[]),
                story("1999", "2012-07-06", &[]),
            ],
            vec![],
        );
        let errors: Vec<String> = d.iter().map(|e| e.message.clone()).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("`2011`")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("`page`")), "{errors:?}");
    }

    #[test]
    fn drafts_and_future_stories_are_left_out_and_counted() {
        let mut draft = story("d", "2020-01-01", &[]);
        draft.draft = true;
        let (site, _) = site(
            vec![
                draft,
                story("f", "2031-01-01", &[]),
                story("p", "2020-01-01", &[]),
            ],
            vec![],
        );
        assert_eq!(site.stories.len(), 1);
        assert_eq!(site.drafts_skipped, 1);
        assert_eq!(site.future_skipped, 1);
    }

    #[test]
    fn stories_without_author_go_to_the_site_author() {
        let (site, _) = site(vec![story("a", "2020-01-01", &[])], vec![]);
        assert_eq!(site.authors[site.stories[0].author].name, "Host");
    }

    #[test]
    fn taken_sources_leave_the_model_empty_unless_shared() {
        let mut a = story("a", "2020-01-01", &[]);
        a.body = "The *refund* never came.".into();
        let mut b = story("b", "2021-01-01", &[]);
        b.body = "Fixed in a day.".into();
        let (mut site, _) = site(vec![a, b], vec![]);
        // b (newest, first) is also held elsewhere, as a session's load cache holds it.
        let shared = std::sync::Arc::clone(&site.stories[0].input);
        let sources = site.take_sources();
        assert!(sources[0].is_none());
        assert_eq!(site.stories[0].input.body, "Fixed in a day.");
        let taken = sources[1].as_ref().expect("a is held by the model alone");
        assert_eq!(taken.body, "The *refund* never came.");
        assert!(site.stories[1].input.body.is_empty());
        drop(shared);
    }
}
