//! The pages readers have open, rendered before the rest of a session's render: the jobs that
//! made them last time are rendered first and their files handed on at once (`rave serve` serves
//! them and reloads those pages), then the rest of the site is rendered. The files are those the
//! whole render keeps, so what was shown early is what the settled site holds.

use std::sync::Arc;

use super::RenderMemo;
use super::build_views::Job;
use super::changes::SiteChanges;

/// Where a session's render learns which pages are open and hands their files on early.
pub trait FirstPages: Sync + std::fmt::Debug {
    /// Output paths of the pages open now (`stories/x/index.html`), in any order.
    fn open_pages(&self) -> Vec<String>;
    /// The files of the jobs that make the open pages, rendered ahead of the rest of the site:
    /// `(output path, bytes)`. Called at most once per render, and only with files of jobs that
    /// rendered without errors.
    fn rendered_first(&self, files: Vec<(String, Arc<[u8]>)>);
}

/// The jobs of `jobs` whose files in the last render (`last`) include an `open` path, without
/// repeats, in the order of `open`. A page the last render did not make (or whose job the site
/// no longer has) is not known, so nothing is rendered first for it. The last render's jobs
/// are in its own numbering: `numbering` (what changed since) finds each one's job now. The
/// search index is left to the rest of the render: it needs every story's entry.
pub(super) fn jobs_making(
    open: &[String],
    last: &RenderMemo,
    jobs: &[Job],
    numbering: Option<&SiteChanges>,
) -> Vec<Job> {
    let mut first: Vec<Job> = Vec::new();
    for path in open {
        let made = last.jobs.iter().find(|(_, memo)| {
            memo.files
                .as_deref()
                .is_some_and(|files| files.iter().any(|(file, _)| file == path))
        });
        let now = made.and_then(|(&old, _)| match numbering {
            Some(changes) => jobs
                .iter()
                .copied()
                .find(|&job| changes.old_job(job) == Some(old)),
            None => jobs.contains(&old).then_some(old),
        });
        if let Some(job) = now
            && job != Job::SearchIndex
            && !first.contains(&job)
        {
            first.push(job);
        }
    }
    first
}
