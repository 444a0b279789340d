//! Every parent path of a page is a page: readers trim URLs (`/stories/2011/07/x/` to
//! `/stories/2011/07/`, `/tags/x/page/2/` to `/tags/x/page/`). Where the site has no page of
//! its own at such a path, a small redirect page sends readers on to the nearest list.

use std::collections::BTreeSet;

use super::ViewBuilder;
use super::indexes::Newest;
use super::jobs::{ArchiveOf, Job};
use crate::model::{month_segment, year_segment};

impl<'a> ViewBuilder<'a> {
    /// The parent paths of the site's pages that have no page, each with the page it sends
    /// readers to, sorted by path: `page/` of every list with several pages goes to the list's
    /// first page; folders of old addresses (`aliases:`) that name a year or a month
    /// (`/2011/07/`) go to its archive; any other (`/pages/`) to the home page.
    pub(crate) fn parent_redirects(&self, jobs: &[Job]) -> Vec<(String, String)> {
        let root = self.urls.root();
        let newest = Newest::of(self.site.addresses());
        let mut pages: BTreeSet<String> = jobs
            .iter()
            .filter_map(|job| self.page_url_and_date(job, &newest).map(|(url, _)| url))
            .collect();
        let mut redirects: Vec<(String, String)> = Vec::new();
        for job in jobs {
            if let Some(first) = self.list_base(job) {
                redirects.push((format!("{first}page/"), first));
            }
        }
        let aliases = crate::render::redirects::redirects(self.site.addresses(), &self.urls)
            .into_iter()
            .filter(|r| r.alias.query.is_none())
            .map(|r| self.urls.at(&r.alias.path));
        pages.extend(aliases);
        pages.extend(redirects.iter().map(|(from, _)| from.clone()));
        let mut parents: BTreeSet<String> = BTreeSet::new();
        for page in &pages {
            let mut path = page.trim_end_matches('/');
            while let Some(cut) = path.rfind('/') {
                path = &path[..cut];
                let parent = format!("{path}/");
                if parent.len() > root.len() && !pages.contains(&parent) {
                    parents.insert(parent);
                }
            }
        }
        for parent in parents {
            let target = self.archive_for(&parent[root.len()..]);
            redirects.push((parent, target));
        }
        redirects.sort();
        redirects.dedup();
        redirects
    }

    /// The first page's URL of the list whose page 2 `job` is.
    fn list_base(&self, job: &Job) -> Option<String> {
        let site = self.site.addresses();
        match *job {
            Job::Home(2) => Some(self.urls.at("")),
            Job::Archive(of, 2) => Some(self.archive_url(of)),
            Job::Company(id, 2) => Some(self.urls.company(&site.companies[id].slug)),
            Job::Author(id, 2) => Some(self.urls.author(&site.authors[id].slug)),
            Job::Term(taxonomy, id, 2) => Some(
                self.urls
                    .term(taxonomy.name(), self.site.term_link(taxonomy, id).slug),
            ),
            _ => None,
        }
    }

    /// The archive a folder of old addresses names (`2011/`, `2011/07/`, `2011/07/18/`, as
    /// WordPress dated its posts), as near as the site has one; the home page for any other
    /// folder.
    fn archive_for(&self, folder: &str) -> String {
        let mut segments = folder.trim_end_matches('/').split('/');
        let year = segments.next().and_then(|y| {
            self.site
                .archive()
                .iter()
                .position(|a| year_segment(a.year) == y)
        });
        let (Some(y), true) = (year, self.optional.archives) else {
            return self.urls.at("");
        };
        // A day (`2011/07/18/`) goes to its month.
        let month = segments.next();
        let of = match month {
            None => ArchiveOf::Year(y),
            Some(m) => match self
                .site
                .archive_year(y)
                .months
                .iter()
                .position(|a| month_segment(a.month) == m)
            {
                Some(m) => ArchiveOf::Month(y, m),
                None => ArchiveOf::Year(y),
            },
        };
        self.archive_url(of)
    }
}
