//! The indexes that link inputs while the site is built: company names and aliases, authors
//! and their profiles, tags and categories, series. Each resolves names to ids, then yields
//! its sorted list.

use rustc_hash::FxHashMap as HashMap;

use super::stats::RatingStats;

use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{AuthorProfileInput, CompanyProfileInput, SeriesInput, StoryInput};
use crate::slug::slugify;

/// Companies by folded name, seeded with profiles and their aliases.
pub(super) struct CompanyIndex {
    /// Names as written, once resolved: a name always resolves to the same company (keys are
    /// only ever added), and folding a name again for each of its mentions is most of the
    /// model's time on a large site.
    by_written: HashMap<String, CompanyId>,
    by_key: HashMap<String, CompanyId>,
    /// By [`accent_folded_key`]: `Corner Cafe` finds `Corner Café`, since both would make the
    /// same page. Profile names come first, so a spelling always folds into its profile.
    by_folded_key: HashMap<String, CompanyId>,
    companies: Vec<Company>,
}

impl CompanyIndex {
    pub(super) fn new(
        mut profiles: Vec<CompanyProfileInput>,
        diagnostics: &mut Diagnostics,
    ) -> Self {
        profiles.sort_by(|a, b| a.origin.cmp(&b.origin));
        let mut index = CompanyIndex {
            by_written: HashMap::default(),
            by_key: HashMap::default(),
            by_folded_key: HashMap::default(),
            companies: Vec::new(),
        };
        for profile in profiles {
            let id = CompanyId::from_index(index.companies.len());
            let mut names = vec![(profile.name.clone(), None)];
            names.extend(profile.aliases.iter().map(|(a, p)| (a.clone(), Some(*p))));
            for (name, position) in names {
                let key = company_key(&name);
                if key.is_empty() {
                    continue;
                }
                if let Some(&other) = index.by_key.get(&key) {
                    if other != id {
                        let mut d = Diagnostic::error(
                            &profile.origin.path,
                            format!(
                                "`{name}` already names the company of {}",
                                index.companies[other]
                                    .profile
                                    .as_ref()
                                    .map_or_else(String::new, |p| p.origin.path.display().to_string())
                            ),
                        )
                        .with_help("a name or alias may belong to one company profile only; remove it from one of them");
                        if let Some(p) = position {
                            d = d.at(p);
                        }
                        diagnostics.push(d);
                    }
                    continue;
                }
                index
                    .by_folded_key
                    .entry(accent_folded_key(&name))
                    .or_insert(id);
                index.by_key.insert(key, id);
            }
            index.companies.push(Company {
                slug: company_slug(&profile.name),
                name: profile.name.clone(),
                profile: Some(profile),
                mentions: Vec::new(),
                stats: RatingStats::default(),
                co_mentions: Vec::new(),
                is_self: false,
            });
        }
        index
    }

    pub(super) fn resolve(&mut self, name: &str) -> CompanyId {
        if let Some(&id) = self.by_written.get(name) {
            return id;
        }
        let id = self.resolve_key(name);
        self.by_written.insert(name.to_owned(), id);
        id
    }

    fn resolve_key(&mut self, name: &str) -> CompanyId {
        let key = company_key(name);
        if let Some(&id) = self.by_key.get(&key) {
            return id;
        }
        let folded = accent_folded_key(name);
        if let Some(&id) = self.by_folded_key.get(&folded) {
            // Another spelling of a known company (`rave check` says so): remembered so that
            // later mentions find it at once.
            self.by_key.insert(key, id);
            return id;
        }
        let id = CompanyId::from_index(self.companies.len());
        self.by_key.insert(key, id);
        self.by_folded_key.insert(folded, id);
        self.companies.push(Company {
            slug: company_slug(name),
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            profile: None,
            mentions: Vec::new(),
            stats: RatingStats::default(),
            co_mentions: Vec::new(),
            is_self: false,
        });
        id
    }

    pub(super) fn finish(self) -> Vec<Company> {
        self.companies
    }
}

/// Authors by profile slug and by name.
pub(super) struct AuthorIndex {
    by_slug: HashMap<String, AuthorId>,
    by_name: HashMap<String, AuthorId>,
    authors: Vec<Author>,
    default_name: String,
}

impl AuthorIndex {
    pub(super) fn new(mut profiles: Vec<AuthorProfileInput>, default_name: Option<&str>) -> Self {
        profiles.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut index = AuthorIndex {
            by_slug: HashMap::default(),
            by_name: HashMap::default(),
            authors: Vec::new(),
            default_name: default_name.unwrap_or("Anonymous").to_owned(),
        };
        for p in profiles {
            let id = AuthorId::from_index(index.authors.len());
            index.by_slug.insert(p.slug.clone(), id);
            index.by_name.entry(p.name.to_lowercase()).or_insert(id);
            index.authors.push(Author {
                slug: p.slug.clone(),
                name: p.name.clone(),
                profile: Some(p),
                stories: Vec::new(),
            });
        }
        index
    }

    pub(super) fn resolve(
        &mut self,
        story: &StoryInput,
        diagnostics: &mut Diagnostics,
    ) -> AuthorId {
        let (written, position) = match &story.author {
            Some((name, pos)) => (name.as_str(), Some(*pos)),
            None => (self.default_name.as_str(), None),
        };
        if let Some(&id) = self.by_slug.get(written) {
            return id;
        }
        let lower = written.to_lowercase();
        if let Some(&id) = self.by_name.get(&lower) {
            return id;
        }
        let slug = slugify(written);
        if let Some(&id) = self.by_slug.get(&slug) {
            return id;
        }
        if position.is_some() {
            let mut d = Diagnostic::warning(
                &story.origin.path,
                format!("author `{written}` has no profile; a page is made from the name alone"),
            )
            .with_help(format!(
                "add content/authors/{}.md with `name:` and a short bio",
                if slug.is_empty() { "name" } else { &slug }
            ));
            if let Some(p) = position {
                d = d.at(p);
            }
            diagnostics.push(d);
        }
        let slug = if slug.is_empty() {
            "anonymous".to_owned()
        } else {
            slug
        };
        let id = AuthorId::from_index(self.authors.len());
        self.by_slug.insert(slug.clone(), id);
        self.by_name.insert(lower, id);
        self.authors.push(Author {
            slug,
            name: written.to_owned(),
            profile: None,
            stories: Vec::new(),
        });
        id
    }

    /// The name and, when the site has a page for them, the slug of the author a story names
    /// (`None`: the site's `author:`), without adding anyone: for stories not published yet.
    pub(super) fn lookup(&self, written: Option<&str>) -> (String, Option<String>) {
        let written = written.unwrap_or(&self.default_name);
        let found = (self.by_slug.get(written))
            .or_else(|| self.by_name.get(&written.to_lowercase()))
            .or_else(|| self.by_slug.get(&slugify(written)));
        match found {
            Some(&id) => {
                let author = &self.authors[id];
                (author.name.clone(), Some(author.slug.clone()))
            }
            None => (written.to_owned(), None),
        }
    }

    pub(super) fn finish(self) -> Vec<Author> {
        self.authors
    }
}

/// Tags or categories by slug; the first spelling met names the term.
#[derive(Default)]
pub(super) struct TaxonIndex {
    /// Names as written, once met: a name always gives the same slug, hence the same term.
    by_written: HashMap<String, TaxonId>,
    by_slug: HashMap<String, TaxonId>,
    terms: Vec<Taxon>,
}

impl TaxonIndex {
    /// The term of `name`, created on first sight (that spelling names it).
    pub(super) fn name(&mut self, name: &str) -> TaxonId {
        if let Some(&id) = self.by_written.get(name) {
            return id;
        }
        let slug = slugify(name);
        let id = self.by_slug_or_new(slug, name);
        self.by_written.insert(name.to_owned(), id);
        id
    }

    fn by_slug_or_new(&mut self, slug: String, name: &str) -> TaxonId {
        match self.by_slug.get(&slug) {
            Some(&id) => id,
            None => {
                let id = TaxonId::from_index(self.terms.len());
                self.by_slug.insert(slug.clone(), id);
                self.terms.push(Taxon {
                    slug,
                    name: name.to_owned(),
                    stories: Vec::new(),
                });
                id
            }
        }
    }

    pub(super) fn resolve(&mut self, name: &str, story: StoryId) -> TaxonId {
        let id = self.name(name);
        if self.terms[id].stories.last() != Some(&story) {
            self.terms[id].stories.push(story);
        }
        id
    }

    /// Terms A-Z, with the renumbering to apply to stories.
    pub(super) fn finish(self) -> (Vec<Taxon>, Vec<usize>) {
        let order = order_by(&self.terms, |t| az_key(&t.name));
        (apply_order(self.terms, &order), order)
    }
}

pub(super) struct SeriesIndex {
    by_slug: HashMap<String, SeriesId>,
    series: Vec<Series>,
}

impl SeriesIndex {
    pub(super) fn new(mut inputs: Vec<SeriesInput>) -> Self {
        inputs.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut index = SeriesIndex {
            by_slug: HashMap::default(),
            series: Vec::new(),
        };
        for s in inputs {
            index
                .by_slug
                .insert(s.slug.clone(), SeriesId::from_index(index.series.len()));
            index.series.push(Series {
                slug: s.slug.clone(),
                title: s.title.clone(),
                profile: Some(s),
                stories: Vec::new(),
                upcoming: Vec::new(),
            });
        }
        index
    }

    pub(super) fn resolve(
        &mut self,
        written: &str,
        position: crate::diagnostics::Position,
        story: &StoryInput,
        diagnostics: &mut Diagnostics,
    ) -> SeriesId {
        let slug = slugify(written);
        if let Some(&id) = self.by_slug.get(&slug) {
            return id;
        }
        let known: Vec<&str> = self
            .series
            .iter()
            .filter(|s| s.profile.is_some())
            .map(|s| s.slug.as_str())
            .collect();
        let help = match crate::diagnostics::did_you_mean(&slug, known.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? Otherwise add content/series/{slug}.md with a `title:`"
            ),
            None => format!("add content/series/{slug}.md with a `title:` and an introduction"),
        };
        diagnostics.push(
            Diagnostic::warning(
                &story.origin.path,
                format!("series `{written}` has no page of its own"),
            )
            .at(position)
            .with_help(help),
        );
        let id = SeriesId::from_index(self.series.len());
        self.by_slug.insert(slug.clone(), id);
        self.series.push(Series {
            slug,
            title: written.to_owned(),
            profile: None,
            stories: Vec::new(),
            upcoming: Vec::new(),
        });
        id
    }

    pub(super) fn finish(self) -> Vec<Series> {
        self.series
    }
}
