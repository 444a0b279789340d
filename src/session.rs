//! An incremental build session, the heart of `rave serve` and `rave build --watch`: it keeps the
//! parsed files, rendered Markdown, compiled templates and rendered pages of the last build, and
//! a rebuild redoes only what changed. Its result is a [`Snapshot`] of the whole site in memory,
//! always byte-identical to what a fresh build of the same files writes.
//!
//! Every rebuild renders through one incremental path: the last render's memo says what each
//! page read, [`SiteChanges`] says which of those things changed, and only pages that read a
//! changed thing are rendered (`render::memo`). What differs is how the new model is made: a
//! change to the Markdown body of stories alone patches the last model (no load, no linking);
//! anything else loads and links the site again, reusing parses and Markdown from caches.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::model::StoryId;
use crate::output::Manifest;
use crate::pipeline::{self, BuildCaches, BuildOptions, Prepared};
use crate::render::{FirstPages, MemorySink, RenderMemo, SessionRender, SiteChanges};

/// The whole built site, with what the build did.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Every file of the site by output path: generated pages, and files copied as they are.
    pub output: Manifest,
    pub stories: usize,
    pub companies: usize,
    /// Pages kept from the last build or served from the page cache rather than rendered.
    pub pages_reused: usize,
    /// Of those, the pages kept from the last build because nothing they read changed (their
    /// views were not even built).
    pub pages_kept: usize,
    /// True when this build patched the last model after a change to story bodies alone.
    pub bodies_only: bool,
    /// Time spent in each stage (load, model and Markdown are zero after a body-only change;
    /// `render` includes comparing the new model with the last one).
    pub timings: pipeline::Timings,
    pub elapsed: Duration,
    /// The open pages this build rendered and handed on before the rest, if any (boxed: most
    /// builds have none).
    pub shown_first: Option<Box<ShownFirst>>,
}

/// Files a build handed on ahead of the rest of its render, for the pages open in a browser.
#[derive(Debug, Clone)]
pub struct ShownFirst {
    /// Their output paths, sorted.
    pub paths: Vec<String>,
    /// From the start of the build until they were handed on.
    pub after: Duration,
}

/// Forwards the early files of one build to the session's [`FirstPages`], noting when.
#[derive(Debug)]
struct Timed<'a> {
    pages: &'a dyn FirstPages,
    started: Instant,
    shown: Mutex<Option<Box<ShownFirst>>>,
}

impl FirstPages for Timed<'_> {
    fn open_pages(&self) -> Vec<String> {
        self.pages.open_pages()
    }

    fn rendered_first(&self, files: Vec<(String, Arc<[u8]>)>) {
        let mut paths: Vec<String> = files.iter().map(|(path, _)| path.clone()).collect();
        paths.sort();
        self.pages.rendered_first(files);
        *self.shown.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(ShownFirst {
            paths,
            after: self.started.elapsed(),
        }));
    }
}

/// A build session over one site.
#[derive(Debug)]
pub struct Session {
    options: BuildOptions,
    caches: BuildCaches,
    /// The last successful build, what the next one compares with and reuses.
    last: Option<LastBuild>,
    /// The memo of the last render when the builds since have failed: nothing is handed on from
    /// it, but it still says which jobs make the pages open in a browser, so that the save that
    /// fixes the site shows them first.
    failed_memo: Option<RenderMemo>,
    /// Told which pages are open, and given theirs first on each rebuild (`rave serve`).
    open_pages: Option<Arc<dyn FirstPages + Send>>,
}

/// What the last successful build made, and from what.
#[derive(Debug)]
struct LastBuild {
    prepared: Prepared,
    memo: RenderMemo,
    diagnostics: Diagnostics,
}

/// A build's result: the site, or the content errors that stopped it (with the warnings).
pub type BuildResult = Result<(Snapshot, Diagnostics), Diagnostics>;

impl Session {
    pub fn new(options: BuildOptions) -> Self {
        Session {
            options,
            caches: BuildCaches::default(),
            last: None,
            failed_memo: None,
            open_pages: None,
        }
    }

    /// From now on, each build renders the pages `pages` says are open before the rest of the
    /// site, and hands their files to it as soon as they are rendered.
    pub fn render_open_pages_first(&mut self, pages: Arc<dyn FirstPages + Send>) {
        self.open_pages = Some(pages);
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds the site in memory through the whole pipeline, reusing what the previous build of
    /// this session made. On content errors, returns them (the caller keeps its last good
    /// snapshot).
    pub fn build(&mut self) -> BuildResult {
        self.build_after(None)
    }

    /// [`Session::build`] after a change to the files `changed`, when known: the load reads
    /// again only those it can account for.
    fn build_after(&mut self, changed: Option<&[PathBuf]>) -> BuildResult {
        let started = Instant::now();
        let last = self.last.take().map(|last| {
            let LastBuild { prepared, memo, .. } = last;
            let Prepared {
                site,
                bodies,
                theme,
                ..
            } = prepared;
            self.caches.theme = Some(theme);
            (site, bodies, memo)
        });
        let (mut prepared, diagnostics) =
            match pipeline::prepare_cached(&self.options, &mut self.caches, changed) {
                Ok(prepared) => prepared,
                Err(diagnostics) => {
                    if let Some((_, _, memo)) = last {
                        self.failed_memo = Some(memo);
                    }
                    return Err(diagnostics);
                }
            };
        let compare_started = Instant::now();
        let (changes, mut memo) = match last {
            Some((site, bodies, memo)) => (
                SiteChanges::between(&site, &bodies, &prepared.site, &prepared.bodies),
                memo,
            ),
            None => (None, self.failed_memo.take().unwrap_or_default()),
        };
        // Comparing the two models is part of rendering incrementally.
        prepared.timings.render = compare_started.elapsed();
        self.render(prepared, &mut memo, changes, diagnostics, started, false)
    }

    /// Renders `prepared` with the last render's `memo` and what changed since, and keeps it as
    /// the last build when it succeeds.
    fn render(
        &mut self,
        mut prepared: Prepared,
        memo: &mut RenderMemo,
        changes: Option<SiteChanges>,
        mut diagnostics: Diagnostics,
        started: Instant,
        bodies_only: bool,
    ) -> BuildResult {
        let render_started = Instant::now();
        let sink = MemorySink::new();
        let first = self.open_pages.as_ref().map(|open| Timed {
            pages: open.as_ref(),
            started,
            shown: Mutex::new(None),
        });
        let report = pipeline::render_prepared(
            &mut prepared,
            &sink,
            &mut diagnostics,
            Some(&self.caches.render),
            Some(SessionRender {
                memo,
                changes: changes.as_ref(),
                first: first.as_ref().map(|t| t as &dyn FirstPages),
            }),
        );
        let shown_first =
            first.and_then(|t| t.shown.into_inner().unwrap_or_else(|e| e.into_inner()));
        let pages_reused = report.reused + self.caches.render.pages.hits();
        let mut timings = prepared.timings;
        timings.render += render_started.elapsed();
        let site = &prepared.site;
        let (stories, companies) = (site.stories.len(), site.companies.len());
        diagnostics.sort();
        if diagnostics.has_errors() {
            self.caches.theme = Some(prepared.theme);
            self.failed_memo = Some(std::mem::take(memo));
            return Err(diagnostics);
        }
        let mut output = Manifest::copying(&prepared.theme_sources.assets, &prepared.files);
        output.add_pages(sink.into_shared_pages());
        let snapshot = Snapshot {
            output,
            stories,
            companies,
            pages_reused,
            pages_kept: report.reused,
            bodies_only,
            timings,
            elapsed: started.elapsed(),
            shown_first,
        };
        self.last = Some(LastBuild {
            prepared,
            memo: std::mem::take(memo),
            diagnostics: diagnostics.clone(),
        });
        Ok((snapshot, diagnostics))
    }

    /// Rebuilds after a change to the files in `changed` (absolute paths, as a file watcher
    /// reports them): re-renders only what shows the changed stories when nothing but their
    /// bodies changed, else builds through the whole pipeline like [`Session::build`].
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> BuildResult {
        let started = Instant::now();
        if let Some(result) = self.rebuild_bodies(changed, started) {
            return result;
        }
        match self.rebuild_templates(changed, started) {
            Some(result) => result,
            None => self.build_after(Some(changed)),
        }
    }

    /// The rebuild after a change to templates alone (every changed path is under the site's
    /// `templates/` or its theme's): the last model and Markdown stand, only the theme is read
    /// and compiled again, so the pages open in a browser are rendered without loading the site.
    /// `None` when it does not apply, or when reading or compiling the theme says anything (a
    /// whole build then reports it with everything else).
    fn rebuild_templates(&mut self, changed: &[PathBuf], started: Instant) -> Option<BuildResult> {
        let last = self.last.as_ref()?;
        let root = &self.options.root;
        let theme_name = &last.prepared.site.config.theme;
        let canonical_root = root.canonicalize().ok()?;
        let folders: Vec<PathBuf> = [root.as_path(), canonical_root.as_path()]
            .iter()
            .flat_map(|root| {
                [
                    root.join("templates"),
                    root.join("themes").join(theme_name).join("templates"),
                ]
            })
            .collect();
        if changed.is_empty()
            || !changed
                .iter()
                .all(|path| folders.iter().any(|folder| path.starts_with(folder)))
        {
            return None;
        }
        let compile_started = Instant::now();
        let mut found = Diagnostics::new();
        let sources = crate::load::theme::load_theme(root, theme_name, &mut found)?;
        let language = &last.prepared.site.config.language;
        let theme = crate::render::Theme::compile(&sources, language, &mut found)?;
        // The catalogues and assets must be the same: the Markdown and copied files used them.
        let same_rest = sources.catalogues == last.prepared.theme_sources.catalogues
            && sources.assets == last.prepared.theme_sources.assets;
        if !found.is_empty() || !same_rest {
            return None;
        }
        let LastBuild {
            mut prepared,
            mut memo,
            diagnostics,
        } = self.last.take()?;
        prepared.theme = theme;
        prepared.theme_sources = sources;
        prepared.timings = pipeline::Timings {
            templates: compile_started.elapsed(),
            ..Default::default()
        };
        // Templates changed, so every page is rendered again (with the page cache).
        Some(self.render(prepared, &mut memo, None, diagnostics, started, false))
    }

    /// The stories whose files are `changed`, if every changed path is the file of a story of
    /// the last build.
    fn changed_stories(
        &self,
        last: &LastBuild,
        changed: &[PathBuf],
    ) -> Option<Vec<(PathBuf, StoryId)>> {
        if changed.is_empty() {
            return None;
        }
        let root = &self.options.root;
        changed
            .iter()
            .map(|path| {
                let known = self.caches.load.known_path(root, path)?;
                let rel = known.strip_prefix(root).unwrap_or(&known);
                let id = last
                    .prepared
                    .site
                    .stories
                    .iter()
                    .position(|s| s.input.origin.path == rel)?;
                Some((known, StoryId::from_index(id)))
            })
            .collect()
    }

    /// The fast rebuild: `None` when it does not apply (or finds errors, which a whole build
    /// then reports in full).
    fn rebuild_bodies(&mut self, changed: &[PathBuf], started: Instant) -> Option<BuildResult> {
        let last = self.last.as_ref()?;
        let stories = self.changed_stories(last, changed)?;
        let mut new_bodies = Vec::with_capacity(stories.len());
        for (path, id) in &stories {
            new_bodies.push((*id, self.caches.load.reparse_body(path)?));
        }
        let LastBuild {
            mut prepared,
            mut memo,
            diagnostics,
        } = self.last.take()?;
        let mut diagnostics = diagnostics;
        let mut ids: Vec<StoryId> = Vec::with_capacity(new_bodies.len());
        for (id, body) in new_bodies {
            let input = std::sync::Arc::make_mut(&mut prepared.site.stories[id].input);
            let old_body = std::mem::replace(&mut input.body, body);
            let (old, new) = prepared.bodies.rerender_story(
                &prepared.site,
                &prepared.theme.catalogue,
                &old_body,
                id,
            );
            diagnostics.remove_all(&old);
            diagnostics.extend(new);
            ids.push(id);
        }
        if diagnostics.has_errors() {
            // The patched model is dropped; a whole build reports every error in order.
            self.caches.theme = Some(prepared.theme);
            self.failed_memo = Some(memo);
            return None;
        }
        let changes = SiteChanges::bodies_of(&prepared.site, &ids);
        prepared.timings = Default::default();
        match self.render(
            prepared,
            &mut memo,
            Some(changes),
            diagnostics,
            started,
            true,
        ) {
            Ok(built) => Some(Ok(built)),
            // Template errors: a whole build reports them with every other problem.
            Err(_) => None,
        }
    }
}
