//! What changed between two builds of a session, entity by entity, as the pages read it (see
//! `build_views::reads`): a page whose every read is unchanged has the same bytes as before.
//!
//! Only builds of the same structure compare: the same stories, companies, authors, terms,
//! series and pages at the same positions (so ids mean the same thing in both), the same
//! archive, settings and copied files. Anything else (a story added, removed or moved by a new
//! date, a new company) makes [`SiteChanges::between`] give up, and everything is rendered.

use std::sync::Arc;

use super::build_views::{Bodies, Read};
use crate::date::PostDate;
use crate::load::AliasInput;
use crate::model::{Company, Site, Story};
use crate::render::build_views::Taxonomy;

/// Per entity of the new build (same ids as the old one): whether what pages show of it changed.
#[derive(Debug, Default)]
pub struct SiteChanges {
    stories: Vec<bool>,
    story_links: Vec<bool>,
    companies: Vec<bool>,
    company_links: Vec<bool>,
    company_stories: Vec<bool>,
    authors: Vec<bool>,
    author_links: Vec<bool>,
    series: Vec<bool>,
    tags: Vec<bool>,
    tag_links: Vec<bool>,
    categories: Vec<bool>,
    category_links: Vec<bool>,
    pages: Vec<bool>,
    site_mean: bool,
    images: bool,
    /// Whether a story's or page's slug, date or aliases changed, or which stories a company,
    /// author, term or series lists (see `Read::Addresses`; the job list is compared apart).
    addresses: bool,
    /// Whether anything at all changed.
    any: bool,
}

impl SiteChanges {
    /// What changed from `old` to `new`, or `None` when the two are not of the same structure.
    pub fn between(
        old: &Site,
        old_bodies: &Bodies,
        new: &Site,
        new_bodies: &Bodies,
    ) -> Option<SiteChanges> {
        if !same_structure(old, new) {
            return None;
        }
        let mut changes = SiteChanges {
            stories: (0..new.stories.len())
                .map(|i| {
                    !same_story(&old.stories[i], &new.stories[i])
                        || !same_rendered(&old_bodies.stories[i], &new_bodies.stories[i])
                        || old_bodies.comments[i] != new_bodies.comments[i]
                })
                .collect(),
            story_links: pairs(&old.stories, &new.stories, |a, b| {
                a.input.title == b.input.title && a.input.slug == b.input.slug
            }),
            companies: (0..new.companies.len())
                .map(|i| {
                    !same_company_as_shown(&old.companies[i], &new.companies[i])
                        || old_bodies.companies.get(i) != new_bodies.companies.get(i)
                })
                .collect(),
            company_links: pairs(&old.companies, &new.companies, |a, b| {
                a.name == b.name
                    && a.slug == b.slug
                    && a.is_self == b.is_self
                    && a.profile.as_ref().map(|p| &p.website)
                        == b.profile.as_ref().map(|p| &p.website)
            }),
            company_stories: pairs(&old.companies, &new.companies, |a, b| {
                a.mentions == b.mentions
            }),
            authors: (0..new.authors.len())
                .map(|i| {
                    let (a, b) = (&old.authors[i], &new.authors[i]);
                    a.name != b.name
                        || a.slug != b.slug
                        || a.profile != b.profile
                        || a.stories != b.stories
                        || old_bodies.authors.get(i) != new_bodies.authors.get(i)
                        || old_bodies.author_bios.get(i) != new_bodies.author_bios.get(i)
                })
                .collect(),
            author_links: pairs(&old.authors, &new.authors, |a, b| {
                a.name == b.name && a.slug == b.slug
            }),
            series: (0..new.series.len())
                .map(|i| {
                    let (a, b) = (&old.series[i], &new.series[i]);
                    a.title != b.title
                        || a.slug != b.slug
                        || a.profile != b.profile
                        || a.stories != b.stories
                        || a.upcoming != b.upcoming
                        || old_bodies.series.get(i) != new_bodies.series.get(i)
                        || old_bodies.series_intros.get(i) != new_bodies.series_intros.get(i)
                })
                .collect(),
            tags: pairs(&old.tags, &new.tags, |a, b| {
                a.name == b.name && a.stories == b.stories
            }),
            tag_links: pairs(&old.tags, &new.tags, |a, b| a.name == b.name),
            categories: pairs(&old.categories, &new.categories, |a, b| {
                a.name == b.name && a.stories == b.stories
            }),
            category_links: pairs(&old.categories, &new.categories, |a, b| a.name == b.name),
            pages: (0..new.pages.len())
                .map(|i| old.pages[i] != new.pages[i] || old_bodies.pages[i] != new_bodies.pages[i])
                .collect(),
            site_mean: old.site_mean != new.site_mean,
            images: old.image_sizes != new.image_sizes,
            addresses: !same_addresses(old, new),
            any: false,
        };
        changes.any = changes.site_mean
            || changes.images
            || changes.addresses
            || [
                &changes.stories,
                &changes.story_links,
                &changes.companies,
                &changes.company_links,
                &changes.company_stories,
                &changes.authors,
                &changes.author_links,
                &changes.series,
                &changes.tags,
                &changes.tag_links,
                &changes.categories,
                &changes.category_links,
                &changes.pages,
            ]
            .iter()
            .any(|list| list.iter().any(|&c| c));
        Some(changes)
    }

    /// Changes where only the bodies of `stories` changed (a session's fast path, which patches
    /// the last model instead of building a new one).
    pub fn bodies_of(site: &Site, stories: &[crate::model::StoryId]) -> SiteChanges {
        let mut changed = vec![false; site.stories.len()];
        for id in stories {
            if let Some(c) = changed.get_mut(id.index()) {
                *c = true;
            }
        }
        let unchanged = |n: usize| vec![false; n];
        SiteChanges {
            any: changed.iter().any(|&c| c),
            stories: changed,
            story_links: unchanged(site.stories.len()),
            companies: unchanged(site.companies.len()),
            company_links: unchanged(site.companies.len()),
            company_stories: unchanged(site.companies.len()),
            authors: unchanged(site.authors.len()),
            author_links: unchanged(site.authors.len()),
            series: unchanged(site.series.len()),
            tags: unchanged(site.tags.len()),
            tag_links: unchanged(site.tags.len()),
            categories: unchanged(site.categories.len()),
            category_links: unchanged(site.categories.len()),
            pages: unchanged(site.pages.len()),
            site_mean: false,
            images: false,
            addresses: false,
        }
    }

    /// Whether what `read` saw may have changed, given whether the job list did.
    pub(crate) fn changed(&self, read: Read, jobs_changed: bool) -> bool {
        let at = |list: &[bool], index: usize| list.get(index).copied().unwrap_or(true);
        match read {
            Read::Story(id) => at(&self.stories, id.index()),
            Read::StoryLink(id) => at(&self.story_links, id.index()),
            Read::Company(id) => at(&self.companies, id.index()),
            Read::CompanyLink(id) => at(&self.company_links, id.index()),
            Read::CompanyStories(id) => at(&self.company_stories, id.index()),
            Read::Author(id) => at(&self.authors, id.index()),
            Read::AuthorLink(id) => at(&self.author_links, id.index()),
            Read::Series(id) => at(&self.series, id.index()),
            Read::Term(Taxonomy::Tags, id) => at(&self.tags, id.index()),
            Read::TermLink(Taxonomy::Tags, id) => at(&self.tag_links, id.index()),
            Read::Term(Taxonomy::Categories, id) => at(&self.categories, id.index()),
            Read::TermLink(Taxonomy::Categories, id) => at(&self.category_links, id.index()),
            Read::Page(id) => at(&self.pages, id),
            Read::Images => self.images,
            Read::Addresses => self.addresses || jobs_changed,
            Read::Everything => self.any || jobs_changed,
        }
    }
}

/// Per position, whether `same` says the two differ.
fn pairs<T>(old: &[T], new: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<bool> {
    old.iter().zip(new).map(|(a, b)| !same(a, b)).collect()
}

/// The same entities at the same positions, with the same settings, archive and files.
fn same_structure(old: &Site, new: &Site) -> bool {
    fn same_keys<T, K: PartialEq + ?Sized>(old: &[T], new: &[T], key: impl Fn(&T) -> &K) -> bool {
        old.len() == new.len() && old.iter().zip(new).all(|(a, b)| key(a) == key(b))
    }
    old.config == new.config
        && old.archive == new.archive
        && old.static_files == new.static_files
        && same_keys(&old.stories, &new.stories, |s| &s.input.origin.path)
        && same_keys(&old.companies, &new.companies, |c| &c.slug)
        && same_keys(&old.authors, &new.authors, |a| &a.slug)
        && same_keys(&old.tags, &new.tags, |t| &t.slug)
        && same_keys(&old.categories, &new.categories, |t| &t.slug)
        && same_keys(&old.series, &new.series, |s| &s.slug)
        && same_keys(&old.pages, &new.pages, |p| &p.slug)
}

/// The same slugs, dates and aliases of stories and pages, and the same stories in every list.
fn same_addresses(old: &Site, new: &Site) -> bool {
    fn story(s: &Story) -> (&str, PostDate, Option<PostDate>, &[AliasInput]) {
        (
            &s.input.slug,
            s.input.date,
            s.input.updated,
            &s.input.aliases,
        )
    }
    old.stories
        .iter()
        .map(story)
        .eq(new.stories.iter().map(story))
        && old
            .pages
            .iter()
            .map(|p| (&p.slug, &p.aliases))
            .eq(new.pages.iter().map(|p| (&p.slug, &p.aliases)))
        && old
            .companies
            .iter()
            .map(|c| &c.mentions)
            .eq(new.companies.iter().map(|c| &c.mentions))
        && old
            .authors
            .iter()
            .map(|a| &a.stories)
            .eq(new.authors.iter().map(|a| &a.stories))
        && old
            .tags
            .iter()
            .map(|t| &t.stories)
            .eq(new.tags.iter().map(|t| &t.stories))
        && old
            .categories
            .iter()
            .map(|t| &t.stories)
            .eq(new.categories.iter().map(|t| &t.stories))
        && old
            .series
            .iter()
            .map(|s| &s.stories)
            .eq(new.series.iter().map(|s| &s.stories))
}

fn same_story(a: &Story, b: &Story) -> bool {
    a.author == b.author
        && a.mentions == b.mentions
        && a.tags == b.tags
        && a.categories == b.categories
        && a.series == b.series
        && same_input(a, b)
}

/// The front matter and comments of two stories (their Markdown sources are compared as
/// rendered, see [`same_rendered`]: a model whose sources were released has them empty).
fn same_input(a: &Story, b: &Story) -> bool {
    let (a, b) = (&a.input, &b.input);
    let strip = |s: &crate::load::StoryInput| {
        let mut s = s.clone();
        s.body = String::new();
        for c in &mut s.comments {
            c.body = String::new();
        }
        s
    };
    // An unchanged file's parse is shared by both builds.
    Arc::ptr_eq(a, b) || a == b || strip(a) == strip(b)
}

fn same_rendered(a: &Arc<super::markdown::Rendered>, b: &Arc<super::markdown::Rendered>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// Two companies as pages show them: every field, with the Bayesian score to a tenth (it moves
/// with every rating of the site, but pages show it rounded).
fn same_company_as_shown(a: &Company, b: &Company) -> bool {
    let round = |x: Option<f64>| x.map(|x| (x * 10.0).round() / 10.0);
    let mut a_stats = a.stats.clone();
    let mut b_stats = b.stats.clone();
    a_stats.ranked = round(a_stats.ranked);
    b_stats.ranked = round(b_stats.ranked);
    a.name == b.name
        && a.slug == b.slug
        && a.profile == b.profile
        && a.mentions == b.mentions
        && a_stats == b_stats
        && a.co_mentions == b.co_mentions
        && a.is_self == b.is_self
}
