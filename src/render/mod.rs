//! Stage 3: turns a [`Site`] into pages. Markdown bodies are rendered once each (in parallel)
//! and reused by every page and list; pages are rendered in parallel through Tera templates that
//! receive only the serialize-only types of [`views`].
//!
//! Pure apart from handing finished pages to a [`PageSink`]: it reads no files, and no template
//! can reach data beyond what its page is given (no global functions over the whole site), so a
//! page's bytes depend only on its own view.

mod build_views;
pub mod cache;
pub mod changes;
pub mod charts;
mod comment_threads;
pub mod escape;
pub mod feeds;
pub mod fingerprint;
mod first;
pub mod jsonld;
pub mod markdown;
mod memo;
pub mod packed;
mod redirects;
pub(crate) mod search_index;
pub(crate) mod urls;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Catalogue;
use crate::load::StaticFile;
use crate::load::theme::ThemeSources;
use crate::model::Site;
use build_views::ViewBuilder;
pub use build_views::{Bodies, Sources, plain_text};
pub use changes::SiteChanges;
pub use first::FirstPages;
pub use memo::RenderMemo;
use memo::{JobMemo, SharedFile};
pub use urls::Urls;
use views::{PageMeta, Paginator};

/// Receives finished pages. Implemented by the output folder and by in-memory collectors.
pub trait PageSink: Sync {
    /// `path` is relative to the output root, `/`-separated, already known to stay inside it.
    fn write_page(&self, path: &str, bytes: PageBytes) -> std::io::Result<()>;
}

/// A finished file's bytes: just rendered, or shared with a session's page cache (so that a
/// page the cache already holds is never copied).
#[derive(Debug, Clone)]
pub enum PageBytes {
    Fresh(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl PageBytes {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            PageBytes::Fresh(bytes) => bytes,
            PageBytes::Shared(bytes) => bytes,
        }
    }

    pub fn into_shared(self) -> Arc<[u8]> {
        match self {
            PageBytes::Fresh(bytes) => Arc::from(bytes),
            PageBytes::Shared(bytes) => bytes,
        }
    }
}

impl From<Vec<u8>> for PageBytes {
    fn from(bytes: Vec<u8>) -> Self {
        PageBytes::Fresh(bytes)
    }
}

/// Pages kept in memory, sorted by path: for tests and the dev server.
#[derive(Debug, Default)]
pub struct MemorySink {
    pages: Mutex<BTreeMap<String, Arc<[u8]>>>,
}

impl MemorySink {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_pages(self) -> BTreeMap<String, Vec<u8>> {
        self.into_shared_pages()
            .into_iter()
            .map(|(path, bytes)| (path, bytes.to_vec()))
            .collect()
    }

    /// The pages, sharing their bytes with the page cache they came from, if any.
    pub fn into_shared_pages(self) -> BTreeMap<String, Arc<[u8]>> {
        self.pages.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl PageSink for MemorySink {
    fn write_page(&self, path: &str, bytes: PageBytes) -> std::io::Result<()> {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_owned(), bytes.into_shared());
        Ok(())
    }
}

/// Compiled templates of a theme.
#[derive(Debug)]
pub struct Theme {
    tera: tera::Tera,
    /// The site's words, dates and numbers in its language (`t()` and `score` in templates).
    pub catalogue: Arc<Catalogue>,
    origins: BTreeMap<String, PathBuf>,
    /// Hash of every template's name and text: pages rendered by an equal theme are equal.
    pub fingerprint: u64,
}

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: [&str; 14] = [
    "leaderboard.html",
    "search.html",
    "index.html",
    "story.html",
    "company.html",
    "companies.html",
    "author.html",
    "authors.html",
    "tag.html",
    "tags.html",
    "series.html",
    "page.html",
    "404.html",
    "base.html",
];

/// Templates a theme may leave out. Each renders a page of its own that only it shows (no other
/// template needs its variables), and rave makes that page only when the theme has the template,
/// so a theme written before the page existed keeps building, without the page.
pub const OPTIONAL_TEMPLATES: [&str; 2] = [SERIES_INDEX_TEMPLATE, ARCHIVE_TEMPLATE];

/// The `/series/` page: every series of the site.
pub const SERIES_INDEX_TEMPLATE: &str = "series-index.html";

/// The story archive: `/stories/`, `/stories/2011/`, `/stories/2011/07/`. Without it, a URL
/// trimmed to such a folder leads to the home page.
pub const ARCHIVE_TEMPLATE: &str = "archive.html";

/// Which of the optional pages the theme makes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OptionalPages {
    pub(crate) series_index: bool,
    pub(crate) archives: bool,
}

impl Theme {
    /// Compiles all templates at once (so inheritance and components resolve).
    pub fn compile(
        sources: &ThemeSources,
        language: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<Theme> {
        let mut missing = false;
        for name in REQUIRED_TEMPLATES {
            if !sources.templates.contains_key(name) {
                missing = true;
                diagnostics.push(
                    Diagnostic::error(
                        format!("themes/{}/templates/{name}", sources.name),
                        format!("template `{name}` is missing from theme `{}`", sources.name),
                    )
                    .with_help(
                        "copy it from the default theme (themes/default/templates) and adapt it",
                    ),
                );
            }
        }
        if missing {
            return None;
        }
        let catalogue = Arc::new(Catalogue::build(&sources.catalogues, language, diagnostics));
        let mut tera = tera::Tera::new();
        let numbers = Arc::clone(&catalogue);
        tera.register_filter(
            "score",
            move |value: f64, _: tera::Kwargs, _: &tera::State| numbers.format().number(value),
        );
        let words = Arc::clone(&catalogue);
        tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| {
            translate(&words, &kwargs)
        });
        let result = tera.add_raw_templates(
            sources
                .templates
                .iter()
                .map(|(name, source)| (name.as_str(), source.text.as_str())),
        );
        if let Err(e) = result {
            diagnostics.push(template_error(sources, &e));
            return None;
        }
        Some(Theme {
            tera,
            catalogue,
            origins: sources
                .templates
                .iter()
                .map(|(n, s)| (n.clone(), s.origin.clone()))
                .collect(),
            fingerprint: theme_fingerprint(sources, language),
        })
    }

    fn render<C: Serialize>(&self, template: &str, page: &C) -> Result<Vec<u8>, String> {
        let context = tera::Context::from_serialize(page).map_err(|e| error_chain(&e))?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut out)
            .map_err(|e| error_chain(&e))?;
        Ok(out)
    }

    /// Whether the theme has `template` (its own, a site override, or the built-in one).
    pub(crate) fn has_template(&self, template: &str) -> bool {
        self.origins.contains_key(template)
    }

    /// The optional pages whose templates the theme has.
    pub(crate) fn optional_pages(&self) -> OptionalPages {
        OptionalPages {
            series_index: self.has_template(SERIES_INDEX_TEMPLATE),
            archives: self.has_template(ARCHIVE_TEMPLATE),
        }
    }

    fn origin(&self, template: &str) -> PathBuf {
        self.origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(template))
    }
}

/// Hash of a theme's templates (names and texts), its catalogues and the site's language.
pub fn theme_fingerprint(sources: &ThemeSources, language: &str) -> u64 {
    let parts: Vec<&[u8]> = sources
        .templates
        .iter()
        .flat_map(|(name, t)| [name.as_bytes(), t.text.as_bytes()])
        .chain(
            sources
                .catalogues
                .iter()
                .flat_map(|c| [c.language.as_bytes(), c.text.as_bytes()]),
        )
        .chain([language.as_bytes()])
        .collect();
    cache::hash_bytes(&parts)
}

/// `{{ t(key="comments", count=3) }}`: the catalogue's message `key`, the other arguments as its
/// placeholders (numbers select plural forms and are written the language's way, except
/// arguments named `year...`, written as they are). An unknown key is a template error.
fn translate(catalogue: &Catalogue, kwargs: &tera::Kwargs) -> tera::TeraResult<String> {
    let key: String = kwargs.must_get("key")?;
    let mut args = fluent_bundle::FluentArgs::new();
    for (name, value) in kwargs.iter() {
        let name = name.to_string();
        if name == "key" {
            continue;
        }
        if let Some(n) = value.as_f64()
            && !name.starts_with("year")
        {
            args.set(name, n);
        } else if let Some(text) = value.as_str() {
            args.set(name, text.to_owned());
        } else if value.is_none() || value.is_undefined() {
            args.set(name, "");
        } else {
            args.set(name, value.to_string());
        }
    }
    catalogue.message(&key, Some(&args)).ok_or_else(|| {
        tera::Error::message(format!(
            "`t(key=\"{key}\")`: the catalogue has no message `{key}`; add it to i18n/{}.ftl (and i18n/en.ftl)",
            catalogue.language()
        ))
    })
}

/// A score or mean as readers see it: one decimal at most, `80` rather than `80.0`.
pub fn format_score(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn template_error(sources: &ThemeSources, e: &tera::Error) -> Diagnostic {
    let message = error_chain(e);
    // Name the template file when the message mentions one.
    let origin = sources
        .templates
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(
            || PathBuf::from(format!("themes/{}/templates", sources.name)),
            |(_, s)| s.origin.clone(),
        );
    Diagnostic::error(origin, format!("template error: {message}"))
        .with_help("fix the template; Tera 2 syntax is described at https://keats.github.io/tera/")
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    message
}

/// What a render produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderReport {
    pub pages: usize,
    /// Of those, files a session's render handed on from its last render.
    pub reused: usize,
    /// The first page the sink could not take, when any failed.
    pub write_failure: Option<WriteFailure>,
}

/// Pages the sink could not take (a full disk, a name too long for the file system): a failure
/// of the run, not a problem of the content, so it is told once, with how many pages it hit,
/// rather than once per page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    /// The output path of the first page that failed, in job order.
    pub path: String,
    pub error: String,
    /// How many pages failed.
    pub count: usize,
}

/// Why a job's files were not all written.
enum JobFailure {
    /// A problem of the site: a template failed, a page clashes with a copied file.
    Content(Diagnostic),
    /// The sink failed on `path`.
    Write(String, std::io::Error),
}

impl RenderReport {
    /// Counts a job's result: its pages, or its failure.
    fn add(&mut self, result: Result<usize, JobFailure>, diagnostics: &mut Diagnostics) {
        match result {
            Ok(n) => self.pages += n,
            Err(JobFailure::Content(d)) => diagnostics.push(d),
            Err(JobFailure::Write(path, error)) => match &mut self.write_failure {
                Some(first) => first.count += 1,
                None => {
                    self.write_failure = Some(WriteFailure {
                        path,
                        error: error.to_string(),
                        count: 1,
                    })
                }
            },
        }
    }
}

/// What a session hands a render: the memo of its last render (replaced by this render's), and
/// what changed since, when the two builds compare (see [`changes::SiteChanges`]).
#[derive(Debug)]
pub struct SessionRender<'m> {
    pub memo: &'m mut RenderMemo,
    pub changes: Option<&'m SiteChanges>,
    /// The pages open in a browser, rendered before the rest (see [`FirstPages`]).
    pub first: Option<&'m dyn FirstPages>,
}

/// Renders every page of `site` into `sink`. Template and write failures go to `diagnostics`.
/// Files copied as-is (`files`) may not share a path with a generated page: that is an error.
/// In a session, pages whose every read is unchanged since its last render are handed on from
/// its memo instead of being rendered, and the others are taken from `cache` when their whole
/// context is unchanged.
#[allow(clippy::too_many_arguments)]
pub fn render_site(
    site: &Site,
    theme: &mut Theme,
    bodies: &Bodies,
    files: &[StaticFile],
    sink: &dyn PageSink,
    diagnostics: &mut Diagnostics,
    cache: Option<&cache::PageCache>,
    session: Option<SessionRender<'_>>,
) -> RenderReport {
    let copied: std::collections::HashMap<&str, &StaticFile> =
        files.iter().map(|f| (f.destination.as_str(), f)).collect();
    let mut builder = ViewBuilder::new(site, bodies, &theme.catalogue, theme.optional_pages());
    let site_view = builder.site_view();
    let generation = fingerprint::fingerprint(&(&site_view, theme.fingerprint, &site.config));
    let (mut memo, reuse, first) = match session {
        Some(SessionRender {
            memo,
            changes,
            first,
        }) => {
            let numbering = changes;
            let changes = changes.filter(|_| memo.generation == generation);
            (Some(memo), changes, first.map(|first| (first, numbering)))
        }
        None => (None, None, None),
    };
    theme.tera.global_context().insert("site", &site_view);
    if let Some(cache) = cache {
        cache.begin(generation);
        builder.page_cache = Some(cache);
    }
    let jobs = builder.jobs();
    let jobs_changed = match memo.as_deref().zip(reuse) {
        Some((memo, changes)) => !changes.same_jobs(&memo.job_list, &jobs),
        None => true,
    };
    // The pages open in a browser are rendered before anything else, even the cards and search
    // entries the rest needs, and handed on at once when nothing is wrong so far.
    let mut rendered_first: std::collections::HashMap<build_views::Job, JobOutcome> =
        match (first, memo.as_deref()) {
            (Some((first, numbering)), Some(last)) if !diagnostics.has_errors() => {
                let open = first.open_pages();
                first::jobs_making(&open, last, &jobs, numbering)
                    .into_iter()
                    .filter(|job| {
                        reuse.is_none_or(|changes| {
                            last.unchanged(job, changes, jobs_changed).is_none()
                        })
                    })
                    .map(|job| {
                        let outcome = render_recorded(&builder, &job, theme, &copied, sink);
                        (job, outcome)
                    })
                    .collect()
            }
            _ => std::collections::HashMap::new(),
        };
    let shown: Vec<SharedFile> = rendered_first
        .values()
        .filter(|(result, _, _)| result.is_ok())
        .filter_map(|(_, kept, _)| kept.as_ref()?.files.clone())
        .flatten()
        .collect();
    if let Some((first, _)) = first.filter(|_| !shown.is_empty()) {
        first.rendered_first(shown);
    }
    // A session keeps its search index and entries between renders; a clean build makes them
    // from scratch.
    let mut search_index = memo
        .as_deref_mut()
        .map(|m| std::mem::take(&mut m.search_index));
    let last_entries = memo.as_deref_mut().filter(|_| reuse.is_some()).map(|m| {
        (
            std::mem::take(&mut m.search_entries),
            std::mem::take(&mut m.search_reads),
        )
    });
    let previous = memo.as_deref().filter(|_| reuse.is_some());
    if previous.is_none() {
        builder = builder.with_every_card();
    }
    let (entries, (entry_reads, rebuilt)) =
        search_entries(&builder, last_entries.zip(reuse), memo.is_some());
    let index_files: Option<memo::JobFiles> = search_index.as_mut().map(|index| {
        let changed: Vec<usize> = (0..rebuilt.len()).filter(|&i| rebuilt[i]).collect();
        // The index numbers stories by position: it is patched only where none moved.
        match reuse {
            Some(changes) if changes.stories_in_place() => index.update(&entries, Some(&changed)),
            Some(changes) => {
                let old_of: Vec<Option<usize>> =
                    (0..entries.len()).map(|i| changes.old_story(i)).collect();
                index.update_moved(&entries, &old_of, &rebuilt)
            }
            None => index.update(&entries, None),
        }
    });
    builder.search_entries = entries;
    let theme: &Theme = theme;

    let alias_problems = match previous.zip(reuse) {
        Some((memo, changes)) if !changes.changed(build_views::Read::Addresses, jobs_changed) => {
            memo.alias_problems.clone()
        }
        _ => {
            let redirects = redirects::redirects(site, builder.urls());
            redirects::collisions(site, builder.urls(), &redirects)
        }
    };
    diagnostics.extend(alias_problems.iter().cloned());
    let recording = memo.is_some();
    let results: Vec<Option<JobOutcome>> = jobs
        .par_iter()
        .map(|job| {
            if rendered_first.contains_key(job) {
                return None;
            }
            if let Some(old) = previous
                .zip(reuse)
                .and_then(|(memo, changes)| memo.unchanged(job, changes, jobs_changed))
            {
                let files = old.files.as_deref().unwrap_or_default();
                let written = write_shared(files, sink);
                let handed_on = files.len();
                return Some((written, Some(old), handed_on));
            }
            if let (build_views::Job::SearchIndex, Some(files)) = (job, &index_files) {
                let written = write_shared(files, sink);
                let last = memo.as_deref().and_then(|memo| memo.jobs.get(job));
                let handed_on = shared_with(files, last.and_then(|old| old.files.as_deref()));
                let kept = JobMemo {
                    reads: vec![build_views::Read::Everything],
                    files: Some(files.clone()),
                };
                return Some((written, Some(Arc::new(kept)), handed_on));
            }
            if !recording {
                let files = builder.render_files(job, theme);
                return Some((write_job(files, theme, &copied, sink), None, 0));
            }
            Some(render_recorded(&builder, job, theme, &copied, sink))
        })
        .collect();
    let results: Vec<JobOutcome> = jobs
        .iter()
        .zip(results)
        .filter_map(|(job, outcome)| outcome.or_else(|| rendered_first.remove(job)))
        .collect();
    let mut report = RenderReport::default();
    let mut kept_jobs = std::collections::HashMap::with_capacity(jobs.len());
    for (&job, (result, kept, handed_on)) in jobs.iter().zip(results) {
        if result.is_ok() {
            report.reused += handed_on;
        }
        report.add(result, diagnostics);
        if let Some(kept) = kept {
            kept_jobs.insert(job, kept);
        }
    }
    if let Some(memo) = memo {
        *memo = RenderMemo {
            generation,
            jobs: kept_jobs,
            search_entries: std::mem::take(&mut builder.search_entries),
            search_reads: entry_reads,
            search_index: search_index.unwrap_or_default(),
            job_list: jobs,
            alias_problems,
        };
    }
    report
}

/// What a job did: its files written (or why not), what the memo keeps of it, and how many of
/// its files were handed on from the last render.
type JobOutcome = (Result<usize, JobFailure>, Option<Arc<JobMemo>>, usize);

/// Renders `job` recording what it reads, hands its files to `sink` and keeps them for the memo.
fn render_recorded(
    builder: &ViewBuilder<'_>,
    job: &build_views::Job,
    theme: &Theme,
    copied: &std::collections::HashMap<&str, &StaticFile>,
    sink: &dyn PageSink,
) -> JobOutcome {
    let (files, reads) = builder.render_recording(job, theme);
    let files = files.map(|files| {
        files
            .into_iter()
            .map(|(path, bytes)| (path, bytes.into_shared()))
            .collect::<memo::JobFiles>()
    });
    let kept = files.as_ref().ok().cloned();
    let shared = files.map(|files| {
        files
            .into_iter()
            .map(|(path, bytes)| (path, PageBytes::Shared(bytes)))
            .collect()
    });
    let written = write_job(shared, theme, copied, sink);
    (written, Some(Arc::new(JobMemo { reads, files: kept })), 0)
}

/// Search entries and what building each read.
type LastEntries = (Vec<search_index::SearchDoc>, Vec<Vec<build_views::Read>>);

/// Search entries, and per entry what building it read and whether it was built anew.
type BuiltEntries = (
    Vec<search_index::SearchDoc>,
    (Vec<Vec<build_views::Read>>, Vec<bool>),
);

/// Every story's search entry with what building it read (when `recording`, for a session),
/// and whether it was built anew: the last render's entries are kept where nothing they read
/// changed, the others built again.
fn search_entries(
    builder: &ViewBuilder<'_>,
    last: Option<(LastEntries, &SiteChanges)>,
    recording: bool,
) -> BuiltEntries {
    let count = builder.story_ids().count();
    // The last entries, moved to the positions of their stories in this build.
    let mut kept: Vec<(Option<search_index::SearchDoc>, Vec<build_views::Read>)> =
        (0..count).map(|_| (None, Vec::new())).collect();
    let changes = match last {
        Some(((docs, reads), changes)) if docs.len() == reads.len() => {
            let mut old: Vec<Option<_>> = docs.into_iter().zip(reads).map(Some).collect();
            for (i, slot) in kept.iter_mut().enumerate() {
                let entry = changes.old_story(i).and_then(|o| old.get_mut(o)?.take());
                if let Some((doc, reads)) = entry {
                    *slot = (Some(doc), reads);
                }
            }
            Some(changes)
        }
        _ => None,
    };
    builder
        .story_ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .zip(kept)
        .map(|(id, (doc, reads))| {
            let carried = doc.zip(changes).and_then(|(doc, changes)| {
                if changes.numbered_as_before() {
                    let unchanged = !reads.iter().any(|&read| changes.changed(read, false));
                    unchanged.then_some((doc, reads))
                } else {
                    changes
                        .carried_over(&reads, false)
                        .map(|reads| (doc, reads))
                }
            });
            match carried {
                Some((doc, reads)) => (doc, (reads, false)),
                None if recording => {
                    let (doc, reads) = builder.search_entry_recording(id);
                    (doc, (reads, true))
                }
                None => (builder.search_entry(id), (Vec::new(), true)),
            }
        })
        .unzip()
}

/// Hands shared files to `sink`.
fn write_shared(files: &[SharedFile], sink: &dyn PageSink) -> Result<usize, JobFailure> {
    write_files(
        files
            .iter()
            .map(|(path, bytes)| (path.clone(), PageBytes::Shared(Arc::clone(bytes)))),
        sink,
    )
}

/// How many of `files` are the very bytes (the same allocation) of the same path in `last`.
fn shared_with(files: &[SharedFile], last: Option<&[SharedFile]>) -> usize {
    let last: std::collections::HashMap<&str, &Arc<[u8]>> = last
        .unwrap_or_default()
        .iter()
        .map(|(path, bytes)| (path.as_str(), bytes))
        .collect();
    files
        .iter()
        .filter(|(path, bytes)| {
            last.get(path.as_str())
                .is_some_and(|old| Arc::ptr_eq(old, bytes))
        })
        .count()
}

/// Hands files to `sink`, stopping at the first it cannot take.
fn write_files(
    files: impl Iterator<Item = (String, PageBytes)>,
    sink: &dyn PageSink,
) -> Result<usize, JobFailure> {
    let mut count = 0;
    for (path, bytes) in files {
        if let Err(e) = sink.write_page(&path, bytes) {
            return Err(JobFailure::Write(path, e));
        }
        count += 1;
    }
    Ok(count)
}

/// Hands a job's files to `sink`; a failed render or a clash with a copied file becomes a
/// diagnostic, a failed write a [`JobFailure::Write`].
fn write_job(
    files: build_views::JobResult,
    theme: &Theme,
    copied: &std::collections::HashMap<&str, &StaticFile>,
    sink: &dyn PageSink,
) -> Result<usize, JobFailure> {
    let files = files.map_err(|(template, path, message)| {
        JobFailure::Content(
            Diagnostic::error(
                theme.origin(template),
                format!("rendering {path} failed: {message}"),
            )
            .with_help("fix the template; every variable it can use is listed in docs/themes.md"),
        )
    })?;
    if let Some(clash) = files.iter().find_map(|(path, _)| copied.get(path.as_str())) {
        return Err(JobFailure::Content(
            Diagnostic::error(
                clash.display.clone(),
                format!(
                    "`{}` is both a file to copy and a page rave generates",
                    clash.destination
                ),
            )
            .with_help("rename or remove the file: rave writes this page itself"),
        ));
    }
    write_files(files.into_iter(), sink)
}

/// The context of one page: `meta` plus the template's own variables (a struct or map).
#[derive(Serialize)]
struct PageContext<T> {
    meta: PageMeta,
    #[serde(flatten)]
    vars: T,
}

/// Number of pages a list of `total` stories takes (at least one, even when empty).
pub fn page_count(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// URL of page `n` of the list at `base`: page 1 is the list's own URL, page N `base/page/N/`.
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}page/{n}/")
    }
}

/// Pages linked on each side of the current one in `Paginator::pages`.
pub const PAGER_WINDOW: usize = 2;

/// Page `number` (1-based) of a list of `total` stories; `stories` are that page's items.
pub fn paginator<T: Serialize>(
    stories: Vec<T>,
    total: usize,
    per_page: usize,
    number: usize,
    base: &str,
) -> Paginator<T> {
    let total_pages = page_count(total, per_page);
    Paginator {
        stories,
        number,
        total_pages,
        total_stories: total,
        first_url: page_url(base, 1),
        previous_url: (number > 1).then(|| page_url(base, number - 1)),
        next_url: (number < total_pages).then(|| page_url(base, number + 1)),
        last_url: page_url(base, total_pages),
        pages: pager_window(number, total_pages)
            .map(|(n, gap_before)| views::PageLink {
                number: n,
                url: page_url(base, n),
                current: n == number,
                gap_before,
            })
            .collect(),
    }
}

/// The page numbers a pager shows: the first, the last and [`PAGER_WINDOW`] on each side of
/// `current`, each with whether pages were skipped before it. Listing every page would make
/// each list page as long as the list, so a site's list pages would grow with its square.
fn pager_window(current: usize, total_pages: usize) -> impl Iterator<Item = (usize, bool)> {
    let low = current.saturating_sub(PAGER_WINDOW).max(1);
    let high = (current + PAGER_WINDOW).min(total_pages);
    let mut previous = 0;
    std::iter::once(1)
        .chain(low.max(2)..=high)
        .chain((high < total_pages).then_some(total_pages))
        .filter(move |&n| n <= total_pages)
        .map(move |n| {
            // A gap of exactly one page shows that page instead of an ellipsis.
            let gap_before = n > previous + 1;
            previous = n;
            (n, gap_before)
        })
}

/// The items of page `number` (1-based) of `items`.
pub fn page_slice<T>(items: &[T], per_page: usize, number: usize) -> &[T] {
    &items[page_range(items.len(), per_page, number)]
}

/// The indices of page `number` (1-based) of a list of `total` items.
pub fn page_range(total: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = (number.saturating_sub(1) * per_page).min(total);
    start..(start + per_page).min(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginates_with_first_page_at_the_list_url() {
        let items: Vec<u32> = (1..=23).collect();
        assert_eq!(page_count(items.len(), 10), 3);
        let first = paginator(page_slice(&items, 10, 1).to_vec(), 23, 10, 1, "/tags/x/");
        assert_eq!(first.first_url, "/tags/x/");
        assert_eq!(first.previous_url, None);
        assert_eq!(first.next_url.as_deref(), Some("/tags/x/page/2/"));
        let last = paginator(page_slice(&items, 10, 3).to_vec(), 23, 10, 3, "/tags/x/");
        assert_eq!(last.stories, vec![21, 22, 23]);
        assert_eq!(last.next_url, None);
        assert_eq!(last.previous_url.as_deref(), Some("/tags/x/page/2/"));
        assert!(last.pages[2].current);
    }

    fn window(current: usize, total: usize) -> Vec<(usize, bool)> {
        pager_window(current, total).collect()
    }

    #[test]
    fn pagers_show_the_ends_and_a_window_around_the_current_page() {
        assert_eq!(window(1, 1), vec![(1, false)]);
        assert_eq!(window(1, 3), vec![(1, false), (2, false), (3, false)]);
        assert_eq!(
            window(1, 990),
            vec![(1, false), (2, false), (3, false), (990, true)]
        );
        assert_eq!(
            window(500, 990),
            vec![
                (1, false),
                (498, true),
                (499, false),
                (500, false),
                (501, false),
                (502, false),
                (990, true)
            ]
        );
        assert_eq!(
            window(990, 990),
            vec![(1, false), (988, true), (989, false), (990, false)]
        );
        // No gap where the window meets an end.
        assert_eq!(
            window(4, 7),
            (1..=7).map(|n| (n, false)).collect::<Vec<_>>()
        );
        // Every pager has at most 2 * PAGER_WINDOW + 3 links, whatever the list's length.
        for total in 1..60 {
            for current in 1..=total {
                let w = window(current, total);
                assert!(w.len() <= 2 * PAGER_WINDOW + 3);
                assert!(w.windows(2).all(|p| p[0].0 < p[1].0));
                assert!(w.iter().any(|&(n, _)| n == current));
                assert_eq!(w.first().map(|p| p.0), Some(1));
                assert_eq!(w.last().map(|p| p.0), Some(total));
            }
        }
    }

    #[test]
    fn scores_drop_a_trailing_zero() {
        assert_eq!(format_score(80.0), "80");
        assert_eq!(format_score(87.49), "87.5");
        assert_eq!(format_score(3.0), "3");
    }

    #[test]
    fn empty_list_has_one_page() {
        assert_eq!(page_count(0, 10), 1);
        assert!(page_slice::<u8>(&[], 10, 1).is_empty());
    }
}
