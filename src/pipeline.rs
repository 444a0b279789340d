//! One build: load -> model -> render -> output, with timings. Content problems are collected
//! and reported together; the output folder is touched only once content, model and templates
//! are known to be good, and replaced only when every page is written.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use jiff::Timestamp;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images::{PhotoReport, process_photos};
use crate::load::theme::{ThemeSources, load_theme};
use crate::load::{
    CONTENT_DIR, LoadCache, LoadOptions, LoadedSite, StaticFile, load_site_after, load_site_cached,
    safe_relative,
};
use crate::model::{ModelOptions, Site, build_site};
use crate::output::{Manifest, Staging, holds_published_stories};
use crate::render::cache::RenderCaches;
use crate::render::{
    Bodies, MemorySink, PageSink, RenderReport, SessionRender, Sources, Theme, render_site,
    theme_fingerprint,
};

/// Everything a build needs to know; see `rave build --help` for each flag.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds `site.yaml`).
    pub root: PathBuf,
    /// Where the site is written; `<root>/public` by default.
    pub output: PathBuf,
    /// Include draft stories.
    pub drafts: bool,
    /// Include stories dated after `now`.
    pub future: bool,
    /// Replaces `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// The build's "now" (for scheduled stories); injected so builds are reproducible.
    pub now: Timestamp,
    /// Replace an output that holds published stories with a site that has none.
    pub allow_empty: bool,
    /// Process photos into the site's cache (`images`); `false` (`rave check`) writes nothing:
    /// photos not in the cache yet are only inspected, and published as they are.
    pub process_photos: bool,
}

impl BuildOptions {
    /// Defaults for the site at `root`: output in `<root>/public`, now = the current time.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            output: root.join("public"),
            root,
            drafts: false,
            future: false,
            base_url: None,
            now: Timestamp::now(),
            allow_empty: false,
            process_photos: true,
        }
    }
}

/// Wall time spent in each stage of a build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and checking every file of the site and of its theme.
    pub load: Duration,
    /// Linking the loaded files into the site model.
    pub model: Duration,
    /// Compiling the theme's templates (or taking them from a session's cache).
    pub templates: Duration,
    pub photos: Duration,
    /// Rendering the Markdown of stories, comments, profiles and pages.
    pub markdown: Duration,
    /// Rendering every page; each page file is written as its job finishes, in parallel with
    /// the other jobs, so that writing is part of this stage's wall time.
    pub render: Duration,
    /// The rest of the write: preparing the staging folder, copying static and theme files,
    /// and swapping the staging folder in.
    pub write: Duration,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub stories: usize,
    pub companies: usize,
    pub authors: usize,
    pub pages: usize,
    pub files_copied: usize,
    /// Photos processed, reused from the cache, and left out.
    pub photos: PhotoReport,
    pub drafts_skipped: usize,
    pub future_skipped: usize,
    pub output: PathBuf,
    pub timings: Timings,
    pub elapsed: Duration,
}

/// A build's result: built (maybe with warnings) or failed on content problems.
#[derive(Debug)]
// One value per build: the size of its variants costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum BuildOutcome {
    Built(BuildSummary, Diagnostics),
    Failed(Diagnostics),
}

/// A site read and linked, with its theme, ready to render.
#[derive(Debug)]
pub struct Prepared {
    pub site: Site,
    pub theme: Theme,
    pub theme_sources: ThemeSources,
    pub bodies: Bodies,
    /// Static files of the site and story bundles, photos replaced by their processed copies.
    pub files: Vec<StaticFile>,
    /// What photo processing did.
    pub photos: PhotoReport,
    pub timings: Timings,
}

/// Runs load, model and template compilation. `Err(diagnostics)` when content is broken.
pub fn prepare(options: &BuildOptions) -> Result<(Prepared, Diagnostics), Diagnostics> {
    prepare_with(options, None, Keep::Everything).map_err(|stopped| stopped.diagnostics)
}

/// What a prepared site keeps of what its stages read and made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Everything (a session, `rave check`, callers that look at the site afterwards).
    Everything,
    /// What rendering the pages reads, no more: stories' Markdown is dropped as soon as it is
    /// rendered (a clean build, whose peak memory it is).
    ForRender,
}

/// A build stopped by content problems, with as much of the site as it had made by then, for
/// `rave check` to look at without loading and linking the site a second time.
#[derive(Debug)]
pub(crate) struct Stopped {
    pub(crate) diagnostics: Diagnostics,
    pub(crate) made: Made,
}

/// How far a stopped build got.
#[derive(Debug)]
// One value per failed build: the size of its variants costs nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Made {
    /// Not even `site.yaml` could be read.
    Nothing,
    /// The site loaded, but its theme could not be found or read: no model yet.
    Loaded(LoadedSite),
    /// The site was linked (the templates stopped the build).
    Linked(Site),
    /// The site was linked and its Markdown rendered (the Markdown stopped the build).
    Rendered(Site, Bodies),
}

/// [`prepare`], keeping what the build made when it stops.
pub(crate) fn prepare_or_stop(options: &BuildOptions) -> Result<(Prepared, Diagnostics), Stopped> {
    prepare_with(options, None, Keep::Everything)
}

/// What a session keeps between builds so that a rebuild redoes only what changed.
#[derive(Debug, Default)]
pub struct BuildCaches {
    pub load: LoadCache,
    pub render: RenderCaches,
    /// The compiled theme of the last build, reused while its templates are unchanged.
    pub theme: Option<Theme>,
}

/// [`prepare`] with the caches of a session; `changed`, when known, lists every file changed
/// since the last build (absolute paths, as a file watcher reports them), so that only those
/// are read again when they are content files the last build loaded.
pub fn prepare_cached(
    options: &BuildOptions,
    caches: &mut BuildCaches,
    changed: Option<&[PathBuf]>,
) -> Result<(Prepared, Diagnostics), Diagnostics> {
    prepare_with(options, Some((caches, changed)), Keep::Everything)
        .map_err(|stopped| stopped.diagnostics)
}

/// [`prepare`], keeping what a later build can reuse in `caches` when given (with the files
/// changed since the last build, when known), and what `keep` says.
fn prepare_with(
    options: &BuildOptions,
    session: Option<(&mut BuildCaches, Option<&[PathBuf]>)>,
    keep: Keep,
) -> Result<(Prepared, Diagnostics), Stopped> {
    let mut diagnostics = Diagnostics::new();
    let mut timings = Timings::default();
    let started = Instant::now();
    let load_options = LoadOptions {
        base_url: options.base_url.clone(),
    };
    let (mut caches, changed) = match session {
        Some((caches, changed)) => (Some(caches), changed),
        None => (None, None),
    };
    let loaded = match (caches.as_deref_mut(), changed) {
        (Some(caches), Some(changed)) => load_site_after(
            &options.root,
            &load_options,
            &mut diagnostics,
            &mut caches.load,
            changed,
        ),
        (caches, _) => load_site_cached(
            &options.root,
            &load_options,
            &mut diagnostics,
            caches.map(|c| &mut c.load),
        ),
    };
    let theme_sources = loaded
        .as_ref()
        .and_then(|l: &LoadedSite| load_theme(&options.root, &l.config.theme, &mut diagnostics));
    timings.load = started.elapsed();
    let (loaded, theme_sources) = match (loaded, theme_sources) {
        (Some(loaded), Some(theme_sources)) => (loaded, theme_sources),
        (loaded, _) => {
            diagnostics.sort();
            let made = loaded.map_or(Made::Nothing, Made::Loaded);
            return Err(Stopped { diagnostics, made });
        }
    };

    let started = Instant::now();
    let model_options = ModelOptions {
        drafts: options.drafts,
        future: options.future,
        now: options.now,
    };
    let mut site = build_site(loaded, &model_options, &mut diagnostics);
    timings.model = started.elapsed();

    let started = Instant::now();
    let cached_theme = caches.as_deref_mut().and_then(|c| c.theme.take());
    let theme = match cached_theme {
        Some(theme)
            if theme.fingerprint == theme_fingerprint(&theme_sources, &site.config.language) =>
        {
            Some(theme)
        }
        _ => Theme::compile(&theme_sources, &site.config.language, &mut diagnostics),
    };
    timings.templates = started.elapsed();
    let theme = match theme {
        Some(theme) if !diagnostics.has_errors() => theme,
        _ => {
            diagnostics.sort();
            let made = Made::Linked(site);
            return Err(Stopped { diagnostics, made });
        }
    };

    // Photos are processed before Markdown is rendered: their upright sizes and copies are what
    // `<img>` tags list.
    let started = Instant::now();
    let mut files = site_files(&site);
    let photos = process_photos(
        &options.root,
        &mut site,
        &mut files,
        &mut diagnostics,
        options.process_photos,
    );
    // After photos: a resized copy (`shop-480w.jpg`) may land on a file of the site.
    report_file_collisions(&files, &mut diagnostics);
    timings.photos = started.elapsed();

    let started = Instant::now();
    let sources = match keep {
        Keep::Everything => Sources::Model,
        Keep::ForRender => Sources::Taken(site.take_sources()),
    };
    let bodies = Bodies::render_cached(
        &site,
        &theme.catalogue,
        &mut diagnostics,
        caches.as_deref().map(|c| &c.render.markdown),
        sources,
    );
    if let Some(caches) = caches.as_deref_mut() {
        caches.render.markdown.sweep();
    }
    timings.markdown = started.elapsed();
    if diagnostics.has_errors() {
        if let Some(caches) = caches {
            caches.theme = Some(theme);
        }
        diagnostics.sort();
        let made = Made::Rendered(site, bodies);
        return Err(Stopped { diagnostics, made });
    }
    Ok((
        Prepared {
            site,
            theme,
            theme_sources,
            bodies,
            files,
            photos,
            timings,
        },
        diagnostics,
    ))
}

/// Static files of `static/` and of every published story bundle, with their destinations.
fn site_files(site: &Site) -> Vec<StaticFile> {
    let mut files = site.static_files.clone();
    for story in &site.stories {
        let Some(dir) = &story.input.bundle_dir else {
            continue;
        };
        for asset in &story.input.assets {
            let Some(rel) = safe_relative(asset) else {
                continue;
            };
            files.push(StaticFile {
                source: dir.join(asset),
                display: story.input.origin.path.with_file_name(asset),
                destination: format!("stories/{}/{rel}", story.input.slug),
            });
        }
    }
    files
}

/// Two files to copy to the same output path (a story bundle's photo and a `static/` file of
/// that path) are an error, as two pages of one path are: neither may win by chance.
fn report_file_collisions(files: &[StaticFile], diagnostics: &mut Diagnostics) {
    let mut by_destination: std::collections::BTreeMap<&str, Vec<&StaticFile>> = Default::default();
    for f in files {
        by_destination.entry(&f.destination).or_default().push(f);
    }
    for (destination, mut same) in by_destination.into_iter().filter(|(_, s)| s.len() > 1) {
        same.sort_by(|a, b| a.display.cmp(&b.display));
        let shown: Vec<String> = same
            .iter()
            .map(|f| format!("`{}`", f.display.display()))
            .collect();
        diagnostics.push(
            Diagnostic::error(
                same[0].display.clone(),
                format!("{} are all copied to `{destination}`", shown.join(" and ")),
            )
            .with_help("rename or remove all but one of them: a path of the site holds one file"),
        );
    }
}

/// Renders a prepared site into `sink` (pages only), reusing unchanged pages from a session's
/// `caches` and last render (`session`) when given.
pub fn render_prepared(
    prepared: &mut Prepared,
    sink: &dyn PageSink,
    diagnostics: &mut Diagnostics,
    caches: Option<&RenderCaches>,
    session: Option<SessionRender<'_>>,
) -> RenderReport {
    render_site(
        &prepared.site,
        &mut prepared.theme,
        &prepared.bodies,
        &prepared.files,
        sink,
        diagnostics,
        caches.map(|c| &c.pages),
        session,
    )
}

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildOutcome> {
    let started = Instant::now();
    // Only the rendered HTML is needed once the Markdown is rendered; on a large site the
    // Markdown sources are a good part of the peak memory.
    let (mut prepared, mut diagnostics) = match prepare_with(options, None, Keep::ForRender) {
        Ok(p) => p,
        Err(stopped) => return Ok(BuildOutcome::Failed(stopped.diagnostics)),
    };
    if let Some(refusal) = empty_site_refusal(prepared.site.stories.len(), options) {
        diagnostics.push(refusal);
        diagnostics.sort();
        return Ok(BuildOutcome::Failed(diagnostics));
    }
    let write_started = Instant::now();
    let staging = Staging::begin(&options.root, &options.output)?;
    staging.write_copies(&Manifest::copying(
        &prepared.theme_sources.assets,
        &prepared.files,
    ))?;
    let mut write_time = write_started.elapsed();
    let render_started = Instant::now();
    let report = render_prepared(&mut prepared, &staging, &mut diagnostics, None, None);
    prepared.timings.render = render_started.elapsed();
    if diagnostics.has_errors() {
        diagnostics.sort();
        // Dropping the staging folder leaves the previous output untouched.
        drop(staging);
        return Ok(BuildOutcome::Failed(diagnostics));
    }
    if let Some(failure) = &report.write_failure {
        drop(staging);
        let others = match failure.count - 1 {
            0 => String::new(),
            1 => " (and 1 other page)".to_owned(),
            n => format!(" (and {n} other pages)"),
        };
        anyhow::bail!(
            "cannot write {}: {}{others}; the previous output was left as it was",
            options.output.join(&failure.path).display(),
            failure.error
        );
    }
    let commit_started = Instant::now();
    let output = staging.target().to_path_buf();
    staging.commit()?;
    write_time += commit_started.elapsed();
    prepared.timings.write = write_time;
    diagnostics.sort();
    let site = &prepared.site;
    Ok(BuildOutcome::Built(
        BuildSummary {
            stories: site.stories.len(),
            companies: site.companies.len(),
            authors: site.authors.len(),
            pages: report.pages,
            files_copied: prepared.files.len() + prepared.theme_sources.assets.len(),
            photos: prepared.photos,
            drafts_skipped: site.drafts_skipped,
            future_skipped: site.future_skipped,
            output,
            timings: prepared.timings,
            elapsed: started.elapsed(),
        },
        diagnostics,
    ))
}

/// The error for a build with no stories that would replace an output holding published ones
/// (a wrong `--root`, a `content/` moved away), unless `--allow-empty` says it is meant.
pub fn empty_site_refusal(stories: usize, options: &BuildOptions) -> Option<Diagnostic> {
    if stories > 0 || options.allow_empty || !holds_published_stories(&options.output) {
        return None;
    }
    Some(
        Diagnostic::error(
            CONTENT_DIR,
            format!(
                "the site has no stories to publish, and {} holds published ones: refusing to replace them with an empty site",
                options.output.display()
            ),
        )
        .with_help(format!(
            "check that {} is the site's folder and that its stories are in content/stories/; to publish a site without stories, pass --allow-empty",
            options.root.display()
        )),
    )
}

/// Builds the site's pages in memory (no output folder): for tests, `check` and the dev server.
pub fn build_in_memory(
    options: &BuildOptions,
) -> Result<(std::collections::BTreeMap<String, Vec<u8>>, Diagnostics), Diagnostics> {
    let (mut prepared, mut diagnostics) = prepare(options)?;
    let sink = MemorySink::new();
    render_prepared(&mut prepared, &sink, &mut diagnostics, None, None);
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok((sink.into_pages(), diagnostics))
}

/// The output folder for `root` when none is given.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
