//! What a job reads of the site. Page views reach the model and the rendered Markdown only
//! through [`Tracked`], whose every accessor notes what it hands out as a [`Read`] in the
//! recording of the job running on this thread; the fields it wraps are private to this module,
//! so a view cannot read the site without the read being noted. A session compares what each
//! noted entity was in the last build with what it is now (`render::changes`) and keeps the
//! files of every job whose reads are all unchanged.

use std::cell::RefCell;

use super::Bodies;
use super::jobs::Taxonomy;
use crate::config::SiteConfig;
use crate::load::{ImageSizes, PageInput};
use crate::model::{
    ArchiveMonth, ArchiveYear, Author, AuthorId, Company, CompanyId, Series, SeriesId, Site, Story,
    StoryId, Taxon, TaxonId,
};
use crate::render::markdown::Rendered;

/// One thing a job read. `...Link` reads are of a name and an address only (what a link to the
/// entity shows), so that a list linking a company is not re-rendered when its ratings change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Read {
    /// A story's front matter, links, rendered body and comments.
    Story(StoryId),
    StoryLink(StoryId),
    /// A company's profile, ratings and aggregates (its Bayesian score as shown, to a tenth).
    Company(CompanyId),
    /// A company's name, address, website and whether it is the site owner's.
    CompanyLink(CompanyId),
    /// The newest [`NEWEST`] stories that name a company.
    CompanyNewest(CompanyId),
    Author(AuthorId),
    AuthorLink(AuthorId),
    /// An author's name, address, profile and how many stories they wrote (not which).
    AuthorSummary(AuthorId),
    Series(SeriesId),
    Term(Taxonomy, TaxonId),
    TermLink(Taxonomy, TaxonId),
    /// The newest [`NEWEST`] stories of a term.
    TermNewest(Taxonomy, TaxonId),
    Page(usize),
    /// Which companies the site has, in order (each company's own data is read apart).
    CompanyList,
    AuthorList,
    TermList(Taxonomy),
    SeriesList,
    PageList,
    /// Which story is at this position of a list of stories.
    At(StoryList, usize),
    /// How many stories a list has.
    Count(StoryList),
    /// The archive's years and how many stories each has.
    ArchiveYears,
    /// A year of the archive: its months and how many stories each has.
    ArchiveYear(i16),
    /// A month of the archive and how many stories it has.
    ArchiveMonth(i16, u8),
    /// The sizes of the site's images.
    Images,
    /// Where every page is and when it last changed: the job list, the slugs, dates and
    /// aliases of stories and pages, and which stories each company, author, term and series
    /// lists (the sitemap and the redirect pages).
    Addresses,
    /// Anything of the site (rankings, the search index).
    Everything,
}

/// A list of stories that pages show a part of, by position (see [`Read::At`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum StoryList {
    /// Every story of the site, newest first.
    Site,
    Term(Taxonomy, TaxonId),
    /// A year of the archive.
    Year(i16),
    /// A month of the archive.
    Month(i16, u8),
}

/// How many of the newest stories of a company or a term [`Read::CompanyNewest`] and
/// [`Read::TermNewest`] cover (what "more stories" lists choose from).
pub(crate) const NEWEST: usize = 5;

thread_local! {
    /// The reads of the job running on this thread, while one is recorded.
    static RECORDING: RefCell<Option<Vec<Read>>> = const { RefCell::new(None) };
}

/// Notes `read` in the running recording, if any.
pub(super) fn note(read: Read) {
    RECORDING.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.push(read);
        }
    });
}

/// Notes every read of `reads` (what building a shared part, such as a story card, read).
pub(super) fn note_all(reads: &[Read]) {
    RECORDING.with(|r| {
        if let Some(recorded) = r.borrow_mut().as_mut() {
            recorded.extend_from_slice(reads);
        }
    });
}

/// Runs `f` and returns what it read (sorted, without repeats) with its result. A recording
/// inside another one is added to the outer one as well. `f` must not hand work to other
/// threads: reads are noted on the thread that makes them.
pub(super) fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Read>) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(Vec::new()));
    let value = f();
    let mut reads = RECORDING
        .with(|r| std::mem::replace(&mut *r.borrow_mut(), outer))
        .unwrap_or_default();
    reads.sort_unstable();
    reads.dedup();
    note_all(&reads);
    (value, reads)
}

/// A name and a slug: what a link to an entity shows.
#[derive(Debug, Clone, Copy)]
pub(super) struct NameSlug<'a> {
    pub(super) name: &'a str,
    pub(super) slug: &'a str,
}

/// What a story's page says of a company it rates, beside the link: its website, and whether it
/// is the site owner's own (no review markup).
#[derive(Debug, Clone, Copy)]
pub(super) struct CompanyIdentity<'a> {
    pub(super) name: &'a str,
    pub(super) slug: &'a str,
    pub(super) website: Option<&'a str>,
    pub(super) is_self: bool,
}

/// The site and its rendered Markdown, read through accessors that note each read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tracked<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
}

impl<'a> Tracked<'a> {
    pub(super) fn new(site: &'a Site, bodies: &'a Bodies) -> Self {
        Tracked { site, bodies }
    }

    /// The site's settings. A session renders everything again when they change, so reading
    /// them is not noted.
    pub(super) fn config(&self) -> &'a SiteConfig {
        &self.site.config
    }

    /// The whole site, for what depends on all of it.
    pub(super) fn everything(&self) -> &'a Site {
        note(Read::Everything);
        self.site
    }

    /// The whole site, for what reads only where its pages are and when they changed (see
    /// [`Read::Addresses`]).
    pub(super) fn addresses(&self) -> &'a Site {
        note(Read::Addresses);
        self.site
    }

    /// The whole site, for the list of its pages. Not noted: a session compares the job lists
    /// of two builds itself.
    pub(super) fn for_job_list(&self) -> &'a Site {
        self.site
    }

    /// How many stories the site has.
    pub(super) fn story_count(&self) -> usize {
        self.list_count(StoryList::Site)
    }

    /// The story at `index` of the site's list, newest first.
    pub(super) fn story_at(&self, index: usize) -> StoryId {
        note(Read::At(StoryList::Site, index));
        StoryId::from_index(index)
    }

    /// The stories of `list`, not noted (see [`Tracked::list_count`] and
    /// [`Tracked::list_range`]); `None` for the site's list, whose ids are its positions.
    fn list(&self, list: StoryList) -> Option<&'a [StoryId]> {
        let site = self.site;
        let year = |year: i16| site.archive.iter().find(|y| y.year == year);
        Some(match list {
            StoryList::Site => return None,
            StoryList::Term(taxonomy, id) => &self.taxons(taxonomy)[id].stories,
            StoryList::Year(y) => year(y).map_or(&[], |y| &y.stories),
            StoryList::Month(y, m) => year(y)
                .and_then(|y| y.months.iter().find(|x| x.month == m))
                .map_or(&[], |m| &m.stories),
        })
    }

    /// How many stories `list` has.
    pub(super) fn list_count(&self, list: StoryList) -> usize {
        note(Read::Count(list));
        self.list(list)
            .map_or(self.site.stories.len(), <[StoryId]>::len)
    }

    /// The stories at `range` of `list` (cut to its length), each position noted.
    pub(super) fn list_range(
        &self,
        list: StoryList,
        range: std::ops::Range<usize>,
    ) -> Vec<StoryId> {
        let stories = self.list(list);
        let len = stories.map_or(self.site.stories.len(), <[StoryId]>::len);
        (range.start.min(len)..range.end.min(len))
            .map(|i| {
                note(Read::At(list, i));
                stories.map_or(StoryId::from_index(i), |s| s[i])
            })
            .collect()
    }

    /// Every story's id, not noted: for loops that record each story's own reads apart (its
    /// card, its search entry), never for a view of the list.
    pub(super) fn every_story_id(&self) -> impl Iterator<Item = StoryId> + use<> {
        (0..self.site.stories.len()).map(StoryId::from_index)
    }

    /// A story's title and slug.
    pub(super) fn story_link(&self, id: StoryId) -> NameSlug<'a> {
        note(Read::StoryLink(id));
        let input = &self.site.stories[id].input;
        NameSlug {
            name: &input.title,
            slug: &input.slug,
        }
    }

    pub(super) fn story(&self, id: StoryId) -> &'a Story {
        note(Read::Story(id));
        &self.site.stories[id]
    }

    pub(super) fn body(&self, id: StoryId) -> &'a Rendered {
        note(Read::Story(id));
        &self.bodies.stories[id.index()]
    }

    pub(super) fn comment_bodies(&self, id: StoryId) -> &'a [String] {
        note(Read::Story(id));
        &self.bodies.comments[id.index()]
    }

    pub(super) fn company(&self, id: CompanyId) -> &'a Company {
        note(Read::Company(id));
        &self.site.companies[id]
    }

    /// A company's rendered profile (empty without one).
    pub(super) fn company_profile(&self, id: CompanyId) -> &'a str {
        note(Read::Company(id));
        self.bodies
            .companies
            .get(id.index())
            .map_or("", String::as_str)
    }

    /// The newest [`NEWEST`] (or fewer) stories naming a company, newest first, each with the index of its mention.
    pub(super) fn company_newest(&self, id: CompanyId) -> &'a [(StoryId, usize)] {
        note(Read::CompanyNewest(id));
        let mentions = &self.site.companies[id].mentions;
        &mentions[..mentions.len().min(NEWEST)]
    }

    pub(super) fn company_link(&self, id: CompanyId) -> NameSlug<'a> {
        let c = self.company_identity(id);
        NameSlug {
            name: c.name,
            slug: c.slug,
        }
    }

    pub(super) fn company_identity(&self, id: CompanyId) -> CompanyIdentity<'a> {
        note(Read::CompanyLink(id));
        let c = &self.site.companies[id];
        CompanyIdentity {
            name: &c.name,
            slug: &c.slug,
            website: c.profile.as_ref().and_then(|p| p.website.as_deref()),
            is_self: c.is_self,
        }
    }

    /// Every company, each read.
    pub(super) fn companies(&self) -> impl Iterator<Item = (CompanyId, &'a Company)> + use<'a> {
        note(Read::CompanyList);
        CompanyId::enumerate(&self.site.companies).inspect(|&(id, _)| note(Read::Company(id)))
    }

    pub(super) fn author(&self, id: AuthorId) -> &'a Author {
        note(Read::Author(id));
        &self.site.authors[id]
    }

    /// An author, for their name, address, profile and story count only: a view that reads
    /// which stories they wrote uses [`Tracked::author`].
    pub(super) fn author_summary(&self, id: AuthorId) -> &'a Author {
        note(Read::AuthorSummary(id));
        &self.site.authors[id]
    }

    pub(super) fn author_link(&self, id: AuthorId) -> NameSlug<'a> {
        note(Read::AuthorLink(id));
        let a = &self.site.authors[id];
        NameSlug {
            name: &a.name,
            slug: &a.slug,
        }
    }

    /// An author's rendered profile and the short bio of it.
    pub(super) fn author_profile(&self, id: AuthorId) -> (&'a str, Option<&'a String>) {
        note(Read::AuthorSummary(id));
        (
            self.bodies
                .authors
                .get(id.index())
                .map_or("", String::as_str),
            self.bodies
                .author_bios
                .get(id.index())
                .and_then(Option::as_ref),
        )
    }

    /// Every author, each read.
    pub(super) fn authors(&self) -> impl Iterator<Item = (AuthorId, &'a Author)> + use<'a> {
        note(Read::AuthorList);
        AuthorId::enumerate(&self.site.authors).inspect(|&(id, _)| note(Read::Author(id)))
    }

    pub(super) fn series(&self, id: SeriesId) -> &'a Series {
        note(Read::Series(id));
        &self.site.series[id]
    }

    /// A series' rendered introduction and its shortened form.
    pub(super) fn series_profile(&self, id: SeriesId) -> (&'a str, Option<&'a String>) {
        note(Read::Series(id));
        (
            self.bodies
                .series
                .get(id.index())
                .map_or("", String::as_str),
            self.bodies
                .series_intros
                .get(id.index())
                .and_then(Option::as_ref),
        )
    }

    /// Every series, each read.
    pub(super) fn all_series(&self) -> impl Iterator<Item = (SeriesId, &'a Series)> + use<'a> {
        note(Read::SeriesList);
        SeriesId::enumerate(&self.site.series).inspect(|&(id, _)| note(Read::Series(id)))
    }

    fn taxons(&self, taxonomy: Taxonomy) -> &'a [Taxon] {
        match taxonomy {
            Taxonomy::Tags => &self.site.tags,
            Taxonomy::Categories => &self.site.categories,
        }
    }

    pub(super) fn term(&self, taxonomy: Taxonomy, id: TaxonId) -> &'a Taxon {
        note(Read::Term(taxonomy, id));
        &self.taxons(taxonomy)[id]
    }

    /// The newest [`NEWEST`] (or fewer) stories of a term.
    pub(super) fn term_newest(&self, taxonomy: Taxonomy, id: TaxonId) -> &'a [StoryId] {
        note(Read::TermNewest(taxonomy, id));
        let stories = &self.taxons(taxonomy)[id].stories;
        &stories[..stories.len().min(NEWEST)]
    }

    pub(super) fn term_link(&self, taxonomy: Taxonomy, id: TaxonId) -> NameSlug<'a> {
        note(Read::TermLink(taxonomy, id));
        let t = &self.taxons(taxonomy)[id];
        NameSlug {
            name: &t.name,
            slug: &t.slug,
        }
    }

    pub(super) fn term_count(&self, taxonomy: Taxonomy) -> usize {
        note(Read::TermList(taxonomy));
        self.taxons(taxonomy).len()
    }

    /// Every term of `taxonomy`, each read.
    pub(super) fn terms(
        &self,
        taxonomy: Taxonomy,
    ) -> impl Iterator<Item = (TaxonId, &'a Taxon)> + use<'a> {
        note(Read::TermList(taxonomy));
        TaxonId::enumerate(self.taxons(taxonomy))
            .inspect(move |&(id, _)| note(Read::Term(taxonomy, id)))
    }

    /// Page `id` and its rendered text.
    pub(super) fn page(&self, id: usize) -> (&'a PageInput, &'a str) {
        note(Read::Page(id));
        (&self.site.pages[id], &self.bodies.pages[id])
    }

    /// Every page's title and slug, each read.
    pub(super) fn pages(&self) -> impl Iterator<Item = &'a PageInput> + use<'a> {
        note(Read::PageList);
        self.site
            .pages
            .iter()
            .enumerate()
            .inspect(|&(id, _)| note(Read::Page(id)))
            .map(|(_, p)| p)
    }

    /// The archive's years, for their numbers and how many stories each has (see
    /// [`Tracked::archive_year`] and [`Tracked::archive_month`] for the rest).
    pub(super) fn archive(&self) -> &'a [ArchiveYear] {
        note(Read::ArchiveYears);
        &self.site.archive
    }

    /// Year `y` of the archive (an index into [`Tracked::archive`]), for its months and how many
    /// stories each has: its stories are read with [`Tracked::list_range`].
    pub(super) fn archive_year(&self, y: usize) -> &'a ArchiveYear {
        let year = &self.site.archive[y];
        note(Read::ArchiveYear(year.year));
        year
    }

    /// Month `m` of year `y` of the archive, for its number and how many stories it has.
    pub(super) fn archive_month(&self, y: usize, m: usize) -> &'a ArchiveMonth {
        let year = &self.site.archive[y];
        let month = &year.months[m];
        note(Read::ArchiveMonth(year.year, month.month));
        month
    }

    pub(super) fn image_sizes(&self) -> &'a ImageSizes {
        note(Read::Images);
        &self.site.image_sizes
    }
}
