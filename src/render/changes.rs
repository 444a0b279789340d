//! What changed between two builds of a session, entity by entity, as the pages read it (see
//! `build_views::reads`): a page whose every read is unchanged has the same bytes as before.
//!
//! Entities are matched by key, not by position: a story by its file, a company, author, term,
//! series or page by its slug. A story added, removed or moved by a new date, or a new company
//! or tag, renumbers the ones after it; [`Renumbering`] carries the last build's reads and jobs
//! over to the new numbering, and what a list shows by position (the stories at a position of
//! the site's list, which companies there are) is a read of its own. Only builds with the same
//! settings and copied files compare; anything else renders everything.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use super::build_views::{ArchiveOf, Bodies, FeedOf, Job, NEWEST, Read, StoryList};
use crate::date::PostDate;
use crate::load::AliasInput;
use crate::model::{
    ArchiveYear, AuthorId, CompanyId, Mention, SeriesId, Site, Story, StoryId, TaxonId,
};
use crate::render::build_views::Taxonomy;

/// Where the entities of one kind of the last build are in the new one, matched by key.
#[derive(Debug)]
struct Renumbering {
    /// The new position of each old entity (`None`: gone); empty when `same`.
    new_of_old: Vec<Option<usize>>,
    /// The old position of each new entity (`None`: new); empty when `same`.
    old_of_new: Vec<Option<usize>>,
    /// The same entities at the same positions.
    same: bool,
    len: usize,
}

impl Renumbering {
    /// Matches `old` and `new` by `key`; `None` if a key repeats (a build with such an error
    /// is never kept, but nothing is assumed).
    fn by_key<T, K: Eq + Hash + ?Sized>(
        old: &[T],
        new: &[T],
        key: impl Fn(&T) -> &K,
    ) -> Option<Renumbering> {
        if old.len() == new.len() && old.iter().zip(new).all(|(a, b)| key(a) == key(b)) {
            return Some(Renumbering::same(new.len()));
        }
        let old_at: HashMap<&K, usize> = old.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
        if old_at.len() != old.len() {
            return None;
        }
        let mut new_of_old = vec![None; old.len()];
        let mut old_of_new = Vec::with_capacity(new.len());
        for (i, x) in new.iter().enumerate() {
            let o = old_at.get(key(x)).copied();
            if let Some(o) = o {
                if new_of_old[o].is_some() {
                    return None;
                }
                new_of_old[o] = Some(i);
            }
            old_of_new.push(o);
        }
        Some(Renumbering {
            new_of_old,
            old_of_new,
            same: false,
            len: new.len(),
        })
    }

    fn same(len: usize) -> Renumbering {
        Renumbering {
            new_of_old: Vec::new(),
            old_of_new: Vec::new(),
            same: true,
            len,
        }
    }

    fn new_of(&self, old: usize) -> Option<usize> {
        if self.same {
            (old < self.len).then_some(old)
        } else {
            self.new_of_old.get(old).copied().flatten()
        }
    }

    fn old_of(&self, new: usize) -> Option<usize> {
        if self.same {
            (new < self.len).then_some(new)
        } else {
            self.old_of_new.get(new).copied().flatten()
        }
    }

    /// Whether an old list of ids names the same entities in the same order as a new one.
    fn same_ids(
        &self,
        old: impl ExactSizeIterator<Item = usize>,
        new: impl ExactSizeIterator<Item = usize>,
    ) -> bool {
        old.len() == new.len() && old.zip(new).all(|(o, n)| self.new_of(o) == Some(n))
    }
}

/// The renumbering of every kind of entity.
#[derive(Debug)]
struct Renumberings {
    stories: Renumbering,
    companies: Renumbering,
    authors: Renumbering,
    tags: Renumbering,
    categories: Renumbering,
    series: Renumbering,
    pages: Renumbering,
    /// Per year of the new archive: the year's position in the old one, and per month the
    /// month's position in that year.
    archive: Vec<Option<(usize, Vec<Option<usize>>)>>,
}

impl Renumberings {
    fn between(old: &Site, new: &Site) -> Option<Renumberings> {
        Some(Renumberings {
            stories: Renumbering::by_key(&old.stories, &new.stories, |s| &s.input.origin.path)?,
            companies: Renumbering::by_key(&old.companies, &new.companies, |c| c.slug.as_str())?,
            authors: Renumbering::by_key(&old.authors, &new.authors, |a| a.slug.as_str())?,
            tags: Renumbering::by_key(&old.tags, &new.tags, |t| t.slug.as_str())?,
            categories: Renumbering::by_key(&old.categories, &new.categories, |t| t.slug.as_str())?,
            series: Renumbering::by_key(&old.series, &new.series, |s| s.slug.as_str())?,
            pages: Renumbering::by_key(&old.pages, &new.pages, |p| p.slug.as_str())?,
            archive: new
                .archive
                .iter()
                .map(|year| {
                    let y = old.archive.iter().position(|o| o.year == year.year)?;
                    let months = year
                        .months
                        .iter()
                        .map(|m| {
                            old.archive[y]
                                .months
                                .iter()
                                .position(|o| o.month == m.month)
                        })
                        .collect();
                    Some((y, months))
                })
                .collect(),
        })
    }

    fn same(site: &Site) -> Renumberings {
        Renumberings {
            stories: Renumbering::same(site.stories.len()),
            companies: Renumbering::same(site.companies.len()),
            authors: Renumbering::same(site.authors.len()),
            tags: Renumbering::same(site.tags.len()),
            categories: Renumbering::same(site.categories.len()),
            series: Renumbering::same(site.series.len()),
            pages: Renumbering::same(site.pages.len()),
            archive: site
                .archive
                .iter()
                .enumerate()
                .map(|(y, year)| Some((y, (0..year.months.len()).map(Some).collect())))
                .collect(),
        }
    }

    /// Whether every kind of entity is numbered as before.
    fn all_same(&self) -> bool {
        [
            &self.stories,
            &self.companies,
            &self.authors,
            &self.tags,
            &self.categories,
            &self.series,
            &self.pages,
        ]
        .iter()
        .all(|r| r.same)
    }

    fn terms(&self, taxonomy: Taxonomy) -> &Renumbering {
        match taxonomy {
            Taxonomy::Tags => &self.tags,
            Taxonomy::Categories => &self.categories,
        }
    }

    fn story_ids(&self, old: &[StoryId], new: &[StoryId]) -> bool {
        self.stories.same_ids(
            old.iter().map(|id| id.index()),
            new.iter().map(|id| id.index()),
        )
    }

    /// An old read in the new numbering; `None` when what it read is gone.
    fn read(&self, read: Read) -> Option<Read> {
        Some(match read {
            Read::Story(id) => Read::Story(StoryId::from_index(self.stories.new_of(id.index())?)),
            Read::StoryLink(id) => {
                Read::StoryLink(StoryId::from_index(self.stories.new_of(id.index())?))
            }
            Read::Company(id) => Read::Company(self.company(id)?),
            Read::CompanyLink(id) => Read::CompanyLink(self.company(id)?),
            Read::CompanyNewest(id) => Read::CompanyNewest(self.company(id)?),
            Read::Author(id) => Read::Author(self.author(id)?),
            Read::AuthorLink(id) => Read::AuthorLink(self.author(id)?),
            Read::AuthorSummary(id) => Read::AuthorSummary(self.author(id)?),
            Read::At(list, i) => Read::At(self.list(list)?, i),
            Read::Count(list) => Read::Count(self.list(list)?),
            Read::Series(id) => Read::Series(SeriesId::from_index(self.series.new_of(id.index())?)),
            Read::Term(t, id) => Read::Term(t, self.term(t, id)?),
            Read::TermLink(t, id) => Read::TermLink(t, self.term(t, id)?),
            Read::TermNewest(t, id) => Read::TermNewest(t, self.term(t, id)?),
            Read::Page(id) => Read::Page(self.pages.new_of(id)?),
            other => other,
        })
    }

    fn list(&self, old: StoryList) -> Option<StoryList> {
        Some(match old {
            StoryList::Term(t, id) => StoryList::Term(t, self.term(t, id)?),
            other => other,
        })
    }

    fn company(&self, old: CompanyId) -> Option<CompanyId> {
        self.companies
            .new_of(old.index())
            .map(CompanyId::from_index)
    }

    fn author(&self, old: AuthorId) -> Option<AuthorId> {
        self.authors.new_of(old.index()).map(AuthorId::from_index)
    }

    fn term(&self, taxonomy: Taxonomy, old: TaxonId) -> Option<TaxonId> {
        self.terms(taxonomy)
            .new_of(old.index())
            .map(TaxonId::from_index)
    }

    /// The last build's job that made the page `job` of the new build makes, if it had one.
    fn old_job(&self, job: Job) -> Option<Job> {
        let company = |id: CompanyId| self.companies.old_of(id.index()).map(CompanyId::from_index);
        let author = |id: AuthorId| self.authors.old_of(id.index()).map(AuthorId::from_index);
        let term =
            |t: Taxonomy, id: TaxonId| self.terms(t).old_of(id.index()).map(TaxonId::from_index);
        let series = |id: SeriesId| self.series.old_of(id.index()).map(SeriesId::from_index);
        Some(match job {
            Job::Story(id) => Job::Story(StoryId::from_index(self.stories.old_of(id.index())?)),
            Job::Company(id, n) => Job::Company(company(id)?, n),
            Job::Author(id, n) => Job::Author(author(id)?, n),
            Job::Term(t, id, n) => Job::Term(t, term(t, id)?, n),
            Job::Series(id) => Job::Series(series(id)?),
            Job::Page(id) => Job::Page(self.pages.old_of(id)?),
            Job::Archive(of, n) => Job::Archive(
                match of {
                    ArchiveOf::All => ArchiveOf::All,
                    ArchiveOf::Year(y) => ArchiveOf::Year(self.archive.get(y)?.as_ref()?.0),
                    ArchiveOf::Month(y, m) => {
                        let (old_y, months) = self.archive.get(y)?.as_ref()?;
                        ArchiveOf::Month(*old_y, (*months.get(m)?)?)
                    }
                },
                n,
            ),
            Job::Feed(of) => Job::Feed(match of {
                FeedOf::Site => FeedOf::Site,
                FeedOf::Company(id) => FeedOf::Company(company(id)?),
                FeedOf::Author(id) => FeedOf::Author(author(id)?),
                FeedOf::Term(t, id) => FeedOf::Term(t, term(t, id)?),
                FeedOf::Series(id) => FeedOf::Series(series(id)?),
            }),
            other => other,
        })
    }
}

/// Per entity of the new build: whether what pages show of it changed since the last build.
#[derive(Debug)]
pub struct SiteChanges {
    renumbered: Renumberings,
    stories: Vec<bool>,
    story_links: Vec<bool>,
    companies: Vec<bool>,
    company_links: Vec<bool>,
    company_newest: Vec<bool>,
    authors: Vec<bool>,
    author_links: Vec<bool>,
    author_summaries: Vec<bool>,
    series: Vec<bool>,
    tags: Vec<bool>,
    tag_links: Vec<bool>,
    categories: Vec<bool>,
    category_links: Vec<bool>,
    tag_newest: Vec<bool>,
    category_newest: Vec<bool>,
    pages: Vec<bool>,
    /// Per list of stories: whether its length changed, and per position whether another
    /// story is there now.
    /// Every list of the new build; `None` after a change to bodies alone (nothing moved).
    lists: Option<HashMap<StoryList, (bool, Vec<bool>)>>,
    archive: ArchiveChanges,
    site_mean: bool,
    images: bool,
    /// Whether a story's or page's slug, date or aliases changed, or which stories a company,
    /// author, term or series lists (see `Read::Addresses`; the job list is compared apart).
    addresses: bool,
    /// Whether anything at all changed.
    any: bool,
}

impl SiteChanges {
    /// What changed from `old` to `new`, or `None` when the two do not compare (other
    /// settings or copied files).
    pub fn between(
        old: &Site,
        old_bodies: &Bodies,
        new: &Site,
        new_bodies: &Bodies,
    ) -> Option<SiteChanges> {
        if old.config != new.config || old.static_files != new.static_files {
            return None;
        }
        let r = Renumberings::between(old, new)?;
        // Per new entity, whether it differs from the old one of the same key (or is new).
        fn each<T>(
            new: &[T],
            numbering: &Renumbering,
            differs: impl Fn(usize, usize) -> bool,
        ) -> Vec<bool> {
            (0..new.len())
                .map(|i| numbering.old_of(i).is_none_or(|o| differs(o, i)))
                .collect()
        }
        let stories = each(&new.stories, &r.stories, |o, i| {
            !same_story(&r, &old.stories[o], &new.stories[i])
                || !same_rendered(&old_bodies.stories[o], &new_bodies.stories[i])
                || old_bodies.comments[o] != new_bodies.comments[i]
        });
        let story_links = each(&new.stories, &r.stories, |o, i| {
            let (a, b) = (&old.stories[o].input, &new.stories[i].input);
            a.title != b.title || a.slug != b.slug
        });
        let companies = each(&new.companies, &r.companies, |o, i| {
            !same_company_as_shown(&r, &old.companies[o], &new.companies[i])
                || old_bodies.companies.get(o) != new_bodies.companies.get(i)
        });
        let company_links = each(&new.companies, &r.companies, |o, i| {
            let (a, b) = (&old.companies[o], &new.companies[i]);
            a.name != b.name
                || a.slug != b.slug
                || a.is_self != b.is_self
                || a.profile.as_ref().map(|p| &p.website) != b.profile.as_ref().map(|p| &p.website)
        });
        let company_newest = each(&new.companies, &r.companies, |o, i| {
            let newest = |m: &[(StoryId, usize)]| m.len().min(NEWEST);
            let (a, b) = (&old.companies[o].mentions, &new.companies[i].mentions);
            !same_mentions(&r, &a[..newest(a)], &b[..newest(b)])
        });
        let authors = each(&new.authors, &r.authors, |o, i| {
            let (a, b) = (&old.authors[o], &new.authors[i]);
            a.name != b.name
                || a.slug != b.slug
                || a.profile != b.profile
                || !r.story_ids(&a.stories, &b.stories)
                || old_bodies.authors.get(o) != new_bodies.authors.get(i)
                || old_bodies.author_bios.get(o) != new_bodies.author_bios.get(i)
        });
        let author_summaries = each(&new.authors, &r.authors, |o, i| {
            let (a, b) = (&old.authors[o], &new.authors[i]);
            a.name != b.name
                || a.slug != b.slug
                || a.profile != b.profile
                || a.stories.len() != b.stories.len()
                || old_bodies.authors.get(o) != new_bodies.authors.get(i)
                || old_bodies.author_bios.get(o) != new_bodies.author_bios.get(i)
        });
        let author_links = each(&new.authors, &r.authors, |o, i| {
            let (a, b) = (&old.authors[o], &new.authors[i]);
            a.name != b.name || a.slug != b.slug
        });
        let series = each(&new.series, &r.series, |o, i| {
            let (a, b) = (&old.series[o], &new.series[i]);
            a.title != b.title
                || a.slug != b.slug
                || a.profile != b.profile
                || !r.story_ids(&a.stories, &b.stories)
                || a.upcoming != b.upcoming
                || old_bodies.series.get(o) != new_bodies.series.get(i)
                || old_bodies.series_intros.get(o) != new_bodies.series_intros.get(i)
        });
        let terms = |old_terms: &[crate::model::Taxon],
                     new_terms: &[crate::model::Taxon],
                     numbering: &Renumbering| {
            (
                each(new_terms, numbering, |o, i| {
                    let (a, b) = (&old_terms[o], &new_terms[i]);
                    a.name != b.name || !r.story_ids(&a.stories, &b.stories)
                }),
                each(new_terms, numbering, |o, i| {
                    old_terms[o].name != new_terms[i].name
                }),
                each(new_terms, numbering, |o, i| {
                    let newest = |s: &[StoryId]| s.len().min(NEWEST);
                    let (a, b) = (&old_terms[o].stories, &new_terms[i].stories);
                    !r.story_ids(&a[..newest(a)], &b[..newest(b)])
                }),
            )
        };
        let (tags, tag_links, tag_newest) = terms(&old.tags, &new.tags, &r.tags);
        let (categories, category_links, category_newest) =
            terms(&old.categories, &new.categories, &r.categories);
        let pages = each(&new.pages, &r.pages, |o, i| {
            old.pages[o] != new.pages[i] || old_bodies.pages[o] != new_bodies.pages[i]
        });
        let lists = Some(list_changes(&r, old, new));
        let archive = ArchiveChanges::between(&r, old, new);
        let mut changes = SiteChanges {
            stories,
            story_links,
            companies,
            company_links,
            company_newest,
            authors,
            author_links,
            author_summaries,
            series,
            tags,
            tag_links,
            categories,
            category_links,
            tag_newest,
            category_newest,
            pages,
            lists,
            archive,
            site_mean: old.site_mean != new.site_mean,
            images: old.image_sizes != new.image_sizes,
            addresses: !same_addresses(old, new),
            any: false,
            renumbered: r,
        };
        changes.any = changes.site_mean
            || changes.images
            || changes.addresses
            || changes
                .lists
                .iter()
                .flat_map(HashMap::values)
                .any(|(count, at)| *count || at.iter().any(|&c| c))
            || changes.archive.any()
            || !changes.renumbered.all_same()
            || [
                &changes.stories,
                &changes.story_links,
                &changes.companies,
                &changes.company_links,
                &changes.company_newest,
                &changes.authors,
                &changes.author_links,
                &changes.series,
                &changes.tags,
                &changes.tag_links,
                &changes.categories,
                &changes.category_links,
                &changes.tag_newest,
                &changes.category_newest,
                &changes.pages,
                &changes.author_summaries,
            ]
            .iter()
            .any(|list| list.iter().any(|&c| c));
        Some(changes)
    }

    /// Changes where only the bodies of `stories` changed (a session's fast path, which patches
    /// the last model instead of building a new one).
    pub fn bodies_of(site: &Site, stories: &[StoryId]) -> SiteChanges {
        let mut changed = vec![false; site.stories.len()];
        for id in stories {
            if let Some(c) = changed.get_mut(id.index()) {
                *c = true;
            }
        }
        let unchanged = |n: usize| vec![false; n];
        SiteChanges {
            renumbered: Renumberings::same(site),
            any: changed.iter().any(|&c| c),
            stories: changed,
            story_links: unchanged(site.stories.len()),
            companies: unchanged(site.companies.len()),
            company_links: unchanged(site.companies.len()),
            company_newest: unchanged(site.companies.len()),
            authors: unchanged(site.authors.len()),
            author_links: unchanged(site.authors.len()),
            author_summaries: unchanged(site.authors.len()),
            series: unchanged(site.series.len()),
            tags: unchanged(site.tags.len()),
            tag_links: unchanged(site.tags.len()),
            categories: unchanged(site.categories.len()),
            category_links: unchanged(site.categories.len()),
            tag_newest: unchanged(site.tags.len()),
            category_newest: unchanged(site.categories.len()),
            pages: unchanged(site.pages.len()),
            lists: None,
            archive: ArchiveChanges {
                years: false,
                year: site.archive.iter().map(|y| (y.year, false)).collect(),
                month: site
                    .archive
                    .iter()
                    .flat_map(|y| y.months.iter().map(|m| ((y.year, m.month), false)))
                    .collect(),
            },
            site_mean: false,
            images: false,
            addresses: false,
        }
    }

    /// Whether what `read` (of the last build, in its numbering) saw may have changed, given
    /// whether the job list did.
    pub(crate) fn changed(&self, read: Read, jobs_changed: bool) -> bool {
        match self.renumbered.read(read) {
            Some(read) => self.changed_now(read, jobs_changed),
            None => true,
        }
    }

    /// [`SiteChanges::changed`] for a read in the new build's numbering.
    fn changed_now(&self, read: Read, jobs_changed: bool) -> bool {
        let at = |list: &[bool], index: usize| list.get(index).copied().unwrap_or(true);
        match read {
            Read::Story(id) => at(&self.stories, id.index()),
            Read::StoryLink(id) => at(&self.story_links, id.index()),
            Read::Company(id) => at(&self.companies, id.index()),
            Read::CompanyLink(id) => at(&self.company_links, id.index()),
            Read::CompanyNewest(id) => at(&self.company_newest, id.index()),
            Read::Author(id) => at(&self.authors, id.index()),
            Read::AuthorLink(id) => at(&self.author_links, id.index()),
            Read::AuthorSummary(id) => at(&self.author_summaries, id.index()),
            Read::Series(id) => at(&self.series, id.index()),
            Read::Term(Taxonomy::Tags, id) => at(&self.tags, id.index()),
            Read::TermLink(Taxonomy::Tags, id) => at(&self.tag_links, id.index()),
            Read::Term(Taxonomy::Categories, id) => at(&self.categories, id.index()),
            Read::TermLink(Taxonomy::Categories, id) => at(&self.category_links, id.index()),
            Read::TermNewest(Taxonomy::Tags, id) => at(&self.tag_newest, id.index()),
            Read::TermNewest(Taxonomy::Categories, id) => at(&self.category_newest, id.index()),
            Read::Page(id) => at(&self.pages, id),
            Read::CompanyList => !self.renumbered.companies.same,
            Read::AuthorList => !self.renumbered.authors.same,
            Read::TermList(t) => !self.renumbered.terms(t).same,
            Read::SeriesList => !self.renumbered.series.same,
            Read::PageList => !self.renumbered.pages.same,
            // After a change to bodies alone, every list is as it was; a list the new build
            // does not have changed.
            Read::At(list, i) => self.lists.as_ref().is_some_and(|lists| {
                lists
                    .get(&list)
                    .is_none_or(|(_, at)| at.get(i).copied().unwrap_or(true))
            }),
            Read::Count(list) => self
                .lists
                .as_ref()
                .is_some_and(|lists| lists.get(&list).is_none_or(|(count, _)| *count)),
            Read::ArchiveYears => self.archive.years,
            Read::ArchiveYear(year) => self.archive.year.get(&year).copied().unwrap_or(true),
            Read::ArchiveMonth(year, month) => self
                .archive
                .month
                .get(&(year, month))
                .copied()
                .unwrap_or(true),
            Read::Images => self.images,
            Read::Addresses => self.addresses || jobs_changed,
            Read::Everything => self.any || jobs_changed,
        }
    }

    /// Reads of the last build in the new numbering, when none of them changed.
    pub(crate) fn carried_over(&self, reads: &[Read], jobs_changed: bool) -> Option<Vec<Read>> {
        reads
            .iter()
            .map(|&read| {
                let now = self.renumbered.read(read)?;
                (!self.changed_now(now, jobs_changed)).then_some(now)
            })
            .collect()
    }

    /// Whether the last build's reads need no renumbering.
    pub(crate) fn numbered_as_before(&self) -> bool {
        self.renumbered.all_same()
    }

    /// Whether the stories are the same ones in the same order as in the last build.
    pub(crate) fn stories_in_place(&self) -> bool {
        self.renumbered.stories.same
    }

    /// The position in the last build of the story at `index` of the new one.
    pub(crate) fn old_story(&self, index: usize) -> Option<usize> {
        self.renumbered.stories.old_of(index)
    }

    /// The last build's job that made what `job` makes now, if it had one.
    pub(crate) fn old_job(&self, job: Job) -> Option<Job> {
        self.renumbered.old_job(job)
    }

    /// Whether the new job list makes the same pages, in the same order, as the old one.
    pub(crate) fn same_jobs(&self, old: &[Job], new: &[Job]) -> bool {
        old.len() == new.len()
            && old
                .iter()
                .zip(new)
                .all(|(&o, &n)| self.old_job(n) == Some(o))
    }
}

/// What changed in the archive: its years (and how many stories each has), and per year and
/// month of the new archive, its months or how many stories it has (which stories, in what
/// order, are `StoryList` reads).
#[derive(Debug)]
struct ArchiveChanges {
    years: bool,
    year: HashMap<i16, bool>,
    month: HashMap<(i16, u8), bool>,
}

impl ArchiveChanges {
    fn between(r: &Renumberings, old: &Site, new: &Site) -> ArchiveChanges {
        let counts = |a: &[ArchiveYear]| {
            a.iter()
                .map(|y| (y.year, y.stories.len()))
                .collect::<Vec<_>>()
        };
        let month_counts = |y: &ArchiveYear| {
            y.months
                .iter()
                .map(|m| (m.month, m.stories.len()))
                .collect::<Vec<_>>()
        };
        let mut changes = ArchiveChanges {
            years: counts(&old.archive) != counts(&new.archive),
            year: HashMap::new(),
            month: HashMap::new(),
        };
        for (y, year) in new.archive.iter().enumerate() {
            let Some(Some((old_y, old_months))) = r.archive.get(y) else {
                changes.year.insert(year.year, true);
                for m in &year.months {
                    changes.month.insert((year.year, m.month), true);
                }
                continue;
            };
            let old_year = &old.archive[*old_y];
            changes
                .year
                .insert(year.year, month_counts(old_year) != month_counts(year));
            for (m, month) in year.months.iter().enumerate() {
                let changed = match old_months.get(m).copied().flatten() {
                    Some(old_m) => old_year.months[old_m].stories.len() != month.stories.len(),
                    None => true,
                };
                changes.month.insert((year.year, month.month), changed);
            }
        }
        changes
    }

    fn any(&self) -> bool {
        self.years || self.year.values().any(|&c| c) || self.month.values().any(|&c| c)
    }
}

/// Per list of stories of `new`: whether its length differs from the same list of `old`, and
/// per position whether another story is there.
fn list_changes(r: &Renumberings, old: &Site, new: &Site) -> HashMap<StoryList, (bool, Vec<bool>)> {
    let compare = |old: Option<&[StoryId]>, new: &[StoryId]| {
        let old = old.unwrap_or_default();
        let at = new
            .iter()
            .enumerate()
            .map(|(i, s)| old.get(i).and_then(|o| r.stories.new_of(o.index())) != Some(s.index()))
            .collect();
        (old.len() != new.len(), at)
    };
    let mut lists = HashMap::new();
    lists.insert(
        StoryList::Site,
        (
            old.stories.len() != new.stories.len(),
            (0..new.stories.len())
                .map(|i| r.stories.old_of(i) != Some(i))
                .collect(),
        ),
    );
    for (taxonomy, old_terms, new_terms) in [
        (Taxonomy::Tags, &old.tags, &new.tags),
        (Taxonomy::Categories, &old.categories, &new.categories),
    ] {
        for (i, term) in new_terms.iter().enumerate() {
            let old_term = r.terms(taxonomy).old_of(i).map(|o| &old_terms[o]);
            lists.insert(
                StoryList::Term(taxonomy, TaxonId::from_index(i)),
                compare(old_term.map(|t| t.stories.as_slice()), &term.stories),
            );
        }
    }
    for year in &new.archive {
        let old_year = old.archive.iter().find(|y| y.year == year.year);
        lists.insert(
            StoryList::Year(year.year),
            compare(old_year.map(|y| y.stories.as_slice()), &year.stories),
        );
        for month in &year.months {
            let old_month = old_year.and_then(|y| y.months.iter().find(|m| m.month == month.month));
            lists.insert(
                StoryList::Month(year.year, month.month),
                compare(old_month.map(|m| m.stories.as_slice()), &month.stories),
            );
        }
    }
    lists
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
            .map(|c| (&c.slug, &c.mentions))
            .eq(new.companies.iter().map(|c| (&c.slug, &c.mentions)))
        && old
            .authors
            .iter()
            .map(|a| (&a.slug, &a.stories))
            .eq(new.authors.iter().map(|a| (&a.slug, &a.stories)))
        && old
            .tags
            .iter()
            .map(|t| (&t.slug, &t.stories))
            .eq(new.tags.iter().map(|t| (&t.slug, &t.stories)))
        && old
            .categories
            .iter()
            .map(|t| (&t.slug, &t.stories))
            .eq(new.categories.iter().map(|t| (&t.slug, &t.stories)))
        && old
            .series
            .iter()
            .map(|s| (&s.slug, &s.stories))
            .eq(new.series.iter().map(|s| (&s.slug, &s.stories)))
}

/// Two stories, with the ids they hold compared in their own build's numbering.
fn same_story(r: &Renumberings, a: &Story, b: &Story) -> bool {
    let ids = |numbering: &Renumbering, old: &[TaxonId], new: &[TaxonId]| {
        numbering.same_ids(
            old.iter().map(|id| id.index()),
            new.iter().map(|id| id.index()),
        )
    };
    r.author(a.author) == Some(b.author)
        && a.mentions.len() == b.mentions.len()
        && a.mentions
            .iter()
            .zip(&b.mentions)
            .all(|(x, y)| same_mention(r, x, y))
        && ids(&r.tags, &a.tags, &b.tags)
        && ids(&r.categories, &a.categories, &b.categories)
        && a.series.map(|s| r.series.new_of(s.index())) == b.series.map(|s| Some(s.index()))
        && same_input(a, b)
}

fn same_mention(r: &Renumberings, a: &Mention, b: &Mention) -> bool {
    r.company(a.company) == Some(b.company)
        && a.rating == b.rating
        && a.rating_text == b.rating_text
        && a.channel == b.channel
}

/// The same stories (and mention of each) naming a company.
fn same_mentions(r: &Renumberings, old: &[(StoryId, usize)], new: &[(StoryId, usize)]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| a.1 == b.1 && r.stories.new_of(a.0.index()) == Some(b.0.index()))
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
fn same_company_as_shown(
    r: &Renumberings,
    a: &crate::model::Company,
    b: &crate::model::Company,
) -> bool {
    let round = |x: Option<f64>| x.map(|x| (x * 10.0).round() / 10.0);
    let mut a_stats = a.stats.clone();
    let mut b_stats = b.stats.clone();
    a_stats.ranked = round(a_stats.ranked);
    b_stats.ranked = round(b_stats.ranked);
    // The best and worst mentions, in the new numbering (a story gone: not the same).
    let renumber = |m: Option<(StoryId, usize)>| match m {
        None => Some(None),
        Some((s, i)) => r
            .stories
            .new_of(s.index())
            .map(|s| Some((StoryId::from_index(s), i))),
    };
    let (Some(best), Some(worst)) = (renumber(a_stats.best), renumber(a_stats.worst)) else {
        return false;
    };
    (a_stats.best, a_stats.worst) = (best, worst);
    a.name == b.name
        && a.slug == b.slug
        && a.profile == b.profile
        && same_mentions(r, &a.mentions, &b.mentions)
        && a_stats == b_stats
        && a.co_mentions.len() == b.co_mentions.len()
        && a.co_mentions
            .iter()
            .zip(&b.co_mentions)
            .all(|(x, y)| x.1 == y.1 && r.company(x.0) == Some(y.0))
        && a.is_self == b.is_self
}
