//! An incremental build session, the heart of `rave serve` and `rave build --watch`: it keeps the
//! parsed files, rendered Markdown, compiled templates and rendered pages of the last build, and
//! a rebuild redoes only what changed. Its result is a [`Snapshot`] of the whole site in memory,
//! always byte-identical to what a fresh build of the same files writes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::load::theme::ThemeAsset;
use crate::pipeline::{self, BuildCaches, BuildOptions};
use crate::render::MemorySink;

/// Where a copied file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopySource {
    /// A file of the site (static/ or a story bundle) or of a theme folder.
    File(PathBuf),
    /// A file of the built-in default theme.
    Embedded(&'static [u8]),
}

/// The whole built site: generated files and files copied as-is, by output path.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub pages: BTreeMap<String, Arc<[u8]>>,
    pub copies: BTreeMap<String, CopySource>,
    pub stories: usize,
    pub companies: usize,
    /// Pages served from the page cache rather than rendered.
    pub pages_reused: usize,
    pub elapsed: Duration,
}

impl Snapshot {
    /// The bytes at an output path (`stories/x/index.html`), reading copied files from disk.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        if let Some(bytes) = self.pages.get(path) {
            return Some(bytes.to_vec());
        }
        match self.copies.get(path)? {
            CopySource::File(source) => std::fs::read(source).ok(),
            CopySource::Embedded(bytes) => Some(bytes.to_vec()),
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.pages.contains_key(path) || self.copies.contains_key(path)
    }

    /// Every output path with its bytes, sorted (for comparisons in tests).
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.pages
            .keys()
            .chain(self.copies.keys())
            .filter_map(|p| Some((p.clone(), self.read(p)?)))
            .collect()
    }
}

/// A build session over one site.
#[derive(Debug)]
pub struct Session {
    options: BuildOptions,
    caches: BuildCaches,
}

impl Session {
    pub fn new(options: BuildOptions) -> Self {
        Session {
            options,
            caches: BuildCaches::default(),
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds the site in memory, reusing what the previous build of this session made. On
    /// content errors, returns them (the caller keeps its last good snapshot).
    pub fn build(&mut self) -> Result<(Snapshot, Diagnostics), Diagnostics> {
        let started = Instant::now();
        let (mut prepared, mut diagnostics) =
            pipeline::prepare_cached(&self.options, &mut self.caches)?;
        let sink = MemorySink::new();
        pipeline::render_prepared(
            &mut prepared,
            &sink,
            &mut diagnostics,
            Some(&self.caches.render),
        );
        let pages_reused = self.caches.render.pages.hits();
        let site = &prepared.site;
        let (stories, companies) = (site.stories.len(), site.companies.len());
        let mut copies = BTreeMap::new();
        for asset in &prepared.theme_sources.assets {
            let source = match asset {
                ThemeAsset::File(f) => CopySource::File(f.source.clone()),
                ThemeAsset::Embedded { bytes, .. } => CopySource::Embedded(bytes),
            };
            copies.insert(asset.destination().to_owned(), source);
        }
        // The site's own files win over the theme's.
        for f in &prepared.files {
            copies.insert(f.destination.clone(), CopySource::File(f.source.clone()));
        }
        self.caches.theme = Some(prepared.theme);
        diagnostics.sort();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let pages = sink
            .into_pages()
            .into_iter()
            .map(|(path, bytes)| (path, Arc::from(bytes)))
            .collect::<BTreeMap<String, Arc<[u8]>>>();
        // As in a full build, where pages are written last, a generated file replaces a theme file
        // of the same path (a clash with a site file is an error, reported above).
        for path in pages.keys() {
            copies.remove(path);
        }
        Ok((
            Snapshot {
                pages,
                copies,
                stories,
                companies,
                pages_reused,
                elapsed: started.elapsed(),
            },
            diagnostics,
        ))
    }
}
