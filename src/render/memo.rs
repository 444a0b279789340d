//! What a session keeps of a render so that the next one renders only what changed: every job
//! with what it read and the files it made, and every story's search entry with what it read.
//! A job of the next render whose reads are all unchanged (`changes::SiteChanges`) hands the
//! kept files on instead of rendering, so a rebuild's time follows what the edit touched, not
//! the site's size.

use std::collections::HashMap;
use std::sync::Arc;

use super::build_views::{Job, Read};
use super::changes::SiteChanges;
use super::search_index::{SearchDoc, SearchIndex};

/// The files of one job: `(output path, bytes)`.
pub(super) type JobFiles = Vec<SharedFile>;

/// A file's output path and bytes, shared with the snapshot.
pub(super) type SharedFile = (String, Arc<[u8]>);

/// One render's jobs, what each read and made, and the search entries.
#[derive(Debug, Default)]
pub struct RenderMemo {
    /// Hash of the templates, the settings and the parts every page shows: a different one
    /// means every page is rendered again.
    pub(super) generation: u64,
    /// Shared, so that a job handed on from one render to the next is not copied.
    pub(super) jobs: HashMap<Job, Arc<JobMemo>>,
    /// The job list in order, to tell whether the site's pages are the same ones.
    pub(super) job_list: Vec<Job>,
    /// The problems of aliases found by that render (they depend on addresses only).
    pub(super) alias_problems: Vec<crate::diagnostics::Diagnostic>,
    /// Per story: its search entry, and what building it read (taken by the next render,
    /// which keeps those whose reads are unchanged).
    pub(super) search_entries: Vec<SearchDoc>,
    pub(super) search_reads: Vec<Vec<Read>>,
    /// The search index made of those entries, kept to update.
    pub(super) search_index: SearchIndex,
}

/// What one job read and made; no files when it failed.
#[derive(Debug)]
pub(super) struct JobMemo {
    pub(super) reads: Vec<Read>,
    pub(super) files: Option<JobFiles>,
}

impl RenderMemo {
    /// The files `job` made last time (as the job that made its page then, in the last
    /// build's numbering), when nothing it read has changed since; its reads renumbered.
    pub(super) fn unchanged(
        &self,
        job: &Job,
        changes: &SiteChanges,
        jobs_changed: bool,
    ) -> Option<Arc<JobMemo>> {
        let memo = self.jobs.get(&changes.old_job(*job)?)?;
        memo.files.as_ref()?;
        if changes.numbered_as_before() {
            return (!memo
                .reads
                .iter()
                .any(|&read| changes.changed(read, jobs_changed)))
            .then(|| Arc::clone(memo));
        }
        Some(Arc::new(JobMemo {
            reads: changes.carried_over(&memo.reads, jobs_changed)?,
            files: memo.files.clone(),
        }))
    }
}
