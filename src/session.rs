//! An incremental build session, the heart of `rave serve` and `rave build --watch`: it keeps the
//! parsed files, rendered Markdown, compiled templates and rendered pages of the last build, and
//! a rebuild redoes only what changed. Its result is a [`Snapshot`] of the whole site in memory,
//! always byte-identical to what a fresh build of the same files writes.
//!
//! Two ways to rebuild: the common edit, a change to the Markdown body of stories and to nothing
//! else, patches the last build's model and re-renders only the files that read those stories
//! (recorded by the last whole render, see `render::RenderMemo`); anything else (front matter,
//! profiles, templates, config, files added or removed) goes through the whole pipeline, with
//! parses, Markdown and pages reused from caches wherever their inputs are unchanged.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::model::StoryId;
use crate::output::Manifest;
use crate::pipeline::{self, BuildCaches, BuildOptions, Prepared};
use crate::render::{MemorySink, RenderMemo, render_changed_bodies};

/// The whole built site, with what the build did.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Every file of the site by output path: generated pages, and files copied as they are.
    pub output: Manifest,
    pub stories: usize,
    pub companies: usize,
    /// Pages kept from the last build or served from the page cache rather than rendered.
    pub pages_reused: usize,
    /// True when this build re-rendered only what shows stories whose bodies alone changed.
    pub bodies_only: bool,
    pub elapsed: Duration,
}

/// A build session over one site.
#[derive(Debug)]
pub struct Session {
    options: BuildOptions,
    caches: BuildCaches,
    /// The last successful build, for rebuilding after a change to story bodies alone.
    last: Option<LastBuild>,
}

/// What the last successful build made, and from what.
#[derive(Debug)]
struct LastBuild {
    prepared: Prepared,
    memo: RenderMemo,
    snapshot: Snapshot,
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
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds the site in memory through the whole pipeline, reusing what the previous build of
    /// this session made. On content errors, returns them (the caller keeps its last good
    /// snapshot).
    pub fn build(&mut self) -> BuildResult {
        let started = Instant::now();
        if let Some(last) = self.last.take() {
            self.caches.theme = Some(last.prepared.theme);
        }
        let (mut prepared, mut diagnostics) =
            pipeline::prepare_cached(&self.options, &mut self.caches)?;
        let sink = MemorySink::new();
        let mut memo = RenderMemo::default();
        pipeline::render_prepared(
            &mut prepared,
            &sink,
            &mut diagnostics,
            Some(&self.caches.render),
            Some(&mut memo),
        );
        let pages_reused = self.caches.render.pages.hits();
        let site = &prepared.site;
        let (stories, companies) = (site.stories.len(), site.companies.len());
        diagnostics.sort();
        if diagnostics.has_errors() {
            self.caches.theme = Some(prepared.theme);
            return Err(diagnostics);
        }
        let mut output = Manifest::copying(&prepared.theme_sources.assets, &prepared.files);
        output.add_pages(sink.into_shared_pages());
        let snapshot = Snapshot {
            output,
            stories,
            companies,
            pages_reused,
            bodies_only: false,
            elapsed: started.elapsed(),
        };
        self.last = Some(LastBuild {
            prepared,
            memo,
            snapshot: snapshot.clone(),
            diagnostics: diagnostics.clone(),
        });
        Ok((snapshot, diagnostics))
    }

    /// Rebuilds after a change to the files in `changed` (absolute paths, as a file watcher
    /// reports them): re-renders only what shows the changed stories when nothing but their
    /// bodies changed, else builds through the whole pipeline like [`Session::build`].
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> BuildResult {
        let started = Instant::now();
        match self.rebuild_bodies(changed, started) {
            Some(result) => result,
            None => self.build(),
        }
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
        let mut last = self.last.take()?;
        let mut diagnostics = last.diagnostics.clone();
        let mut ids: Vec<StoryId> = Vec::with_capacity(new_bodies.len());
        for (id, body) in new_bodies {
            let prepared = &mut last.prepared;
            let old_body = std::mem::replace(&mut prepared.site.stories[id].input.body, body);
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
        ids.sort_unstable();
        ids.dedup();
        let sink = MemorySink::new();
        if !diagnostics.has_errors() {
            let prepared = &last.prepared;
            render_changed_bodies(
                &prepared.site,
                &prepared.theme,
                &prepared.bodies,
                &mut last.memo,
                &ids,
                &sink,
                &mut diagnostics,
            );
        }
        if diagnostics.has_errors() {
            // The patched model is dropped; a whole build reports every error in order.
            self.caches.theme = Some(last.prepared.theme);
            return None;
        }
        diagnostics.sort();
        let rendered = sink.into_shared_pages();
        let snapshot = &mut last.snapshot;
        // The search index was rendered whole: a shard no word needs any more goes with it.
        let index_folder = format!("{}/", crate::render::search_index::FOLDER);
        snapshot
            .output
            .pages
            .retain(|path, _| !path.starts_with(&index_folder));
        snapshot.pages_reused = snapshot.output.pages.len().saturating_sub(rendered.len());
        snapshot.output.add_pages(rendered);
        snapshot.elapsed = started.elapsed();
        snapshot.bodies_only = true;
        let result = (snapshot.clone(), diagnostics.clone());
        last.diagnostics = diagnostics;
        self.last = Some(last);
        Some(Ok(result))
    }
}
