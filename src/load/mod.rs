//! Stage 1: finds the site's files, reads them in parallel, splits and parses their front
//! matter, and checks every value that can be checked within one file (dates, ratings, slugs,
//! URLs). Its output, [`LoadedSite`], holds typed inputs; cross-file work belongs to `model`.
//!
//! Never writes anything, never renders anything, and never stops at the first bad file: each
//! file's problems go to the run's diagnostics and the file is left out.

mod aliases;
mod comment_threads;
mod frontmatter;
mod frontmatter_types;
mod image_size;
pub mod images;
pub mod theme;

mod cache;
mod changed;
mod fields;
mod inputs;
mod parse;
mod stamp;
mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use aliases::{AliasInput, alias as check_alias};
pub use frontmatter::{Split, SplitError, decode, split};
pub use image_size::{Fallback, ImageSize, ImageSizes};

use crate::config::parse_site_config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links;

pub use cache::LoadCache;
use cache::{CacheEntry, CacheKey, LastWalk, is_settled};
pub use changed::load_site_after;
pub use fields::is_safe_url;
pub use inputs::*;
use parse::*;
use walk::*;
pub use walk::{is_ignored_name, safe_relative, walk_static};

/// The folders of a site, relative to its root.
pub const CONTENT_DIR: &str = "content";
pub const STATIC_DIR: &str = "static";
pub const CONFIG_FILE: &str = "site.yaml";

/// Suffix of the file that holds a story's reader comments (`my-story.comments.yaml`).
pub const COMMENTS_SUFFIX: &str = ".comments.yaml";

/// Reads the site at `root`. Returns `None` when nothing sensible can be built (no readable
/// `site.yaml`); otherwise the files that loaded, with every problem in `diagnostics`.
pub fn load_site(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Option<LoadedSite> {
    load_site_cached(root, options, diagnostics, None)
}

/// [`load_site`] reusing the parses of unchanged files from a session's `cache`, and updating
/// it. Without a cache, nothing is kept: a one-off build holds each file once.
pub fn load_site_cached(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
    mut cache: Option<&mut LoadCache>,
) -> Option<LoadedSite> {
    let first_finding = diagnostics.len();
    let config = read_config(root, options, diagnostics);
    let found = walk_content(root, diagnostics);
    let static_files = walk_static(root, &root.join(STATIC_DIR), diagnostics);

    let found_again = match cache {
        Some(_) => found.iter().map(|f| (f.path.clone(), f.clone())).collect(),
        None => Default::default(),
    };
    let previous = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.entries))
        .unwrap_or_default();
    let results: Vec<(PathBuf, CacheEntry)> = found
        .into_par_iter()
        .map(|f| {
            let key = CacheKey::of(&f);
            let path = f.path.clone();
            if let Some((cached_key, parsed_at, loaded, local)) = previous.get(&path)
                && *cached_key == key
                && is_settled(&key, *parsed_at)
            {
                return (path, (key, *parsed_at, loaded.clone(), local.clone()));
            }
            let parsed_at = std::time::SystemTime::now();
            let mut local = Vec::new();
            let loaded = load_file(f, &mut local);
            (path, (key, parsed_at, loaded, local))
        })
        .collect();
    // The sizes of the raster images of static/ and of the stories' bundles, from their headers.
    let image_files = images::static_images(&static_files)
        .chain(
            results
                .iter()
                .filter_map(|(_, (_, _, loaded, _))| match loaded {
                    Some(Loaded::Story(s)) => Some(&**s),
                    _ => None,
                })
                .flat_map(images::bundle_images),
        )
        .map(|(_, file)| file)
        .collect();
    let image_sizes = images::read_sizes(image_files, cache.as_deref_mut().map(|c| &mut c.images));
    drop(previous);
    if let Some(cache) = cache {
        for (path, entry) in &results {
            cache.entries.insert(path.clone(), entry.clone());
        }
        cache.found = found_again;
        cache.last_walk = config.as_ref().map(|config| LastWalk {
            base_url: options.base_url.clone(),
            config: config.clone(),
            findings: diagnostics.iter().skip(first_finding).cloned().collect(),
            order: results.iter().map(|(path, _)| path.clone()).collect(),
            static_files: static_files.clone(),
            image_sizes: image_sizes.clone(),
            stories_by_comments: cache
                .found
                .values()
                .filter_map(|f| Some((f.comments_file.clone()?, f.path.clone())))
                .collect(),
        });
    }
    let parses = results
        .into_iter()
        .map(|(_, (_, _, loaded, local))| (loaded, local));
    Some(assemble(
        root,
        config?,
        static_files,
        parses,
        &image_sizes,
        diagnostics,
    ))
}

/// The loaded site from its settings, static files and the parses of its content files in walk
/// order (each with its findings, which go to `diagnostics`), given the sizes of its images.
fn assemble(
    root: &Path,
    config: crate::config::SiteConfig,
    static_files: Vec<StaticFile>,
    parses: impl Iterator<Item = (Option<Loaded>, Vec<Diagnostic>)>,
    image_sizes: &HashMap<PathBuf, ImageSize>,
    diagnostics: &mut Diagnostics,
) -> LoadedSite {
    let mut site = LoadedSite {
        root: root.to_path_buf(),
        config,
        stories: Vec::new(),
        companies: Vec::new(),
        authors: Vec::new(),
        series: Vec::new(),
        pages: Vec::new(),
        image_sizes: images::sizes_of(images::static_images(&static_files), image_sizes),
        static_files,
    };
    for (loaded, local) in parses {
        diagnostics.extend(local);
        match loaded {
            Some(Loaded::Story(s)) => site.stories.push(s),
            Some(Loaded::Company(c)) => site.companies.push(c),
            Some(Loaded::Author(a)) => site.authors.push(a),
            Some(Loaded::Series(s)) => site.series.push(s),
            Some(Loaded::Page(p)) => site.pages.push(p),
            None => {}
        }
    }
    for story in &mut site.stories {
        let sizes = images::sizes_of(images::bundle_images(story), image_sizes);
        // Most stories have no photos of their own: leave their shared parse alone.
        if story.image_sizes != sizes {
            std::sync::Arc::make_mut(story).image_sizes = sizes;
        }
    }
    site
}

/// The site's settings from `site.yaml`; `None` (with the problem in `diagnostics`) when it
/// cannot be read or is broken.
fn read_config(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Option<crate::config::SiteConfig> {
    let config_path = root.join(CONFIG_FILE);
    match links::read_real_file(&config_path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => parse_site_config(
                Path::new(CONFIG_FILE),
                text,
                options.base_url.as_deref(),
                diagnostics,
            ),
            Err(e) => {
                diagnostics.push(split_error(Path::new(CONFIG_FILE), &e));
                None
            }
        },
        Err(e) => {
            let help = match std::fs::symlink_metadata(&config_path) {
                Ok(meta) if meta.file_type().is_symlink() => format!(
                    "rave follows no symbolic links inside a site; make `{CONFIG_FILE}` a real file"
                ),
                Ok(meta) if !meta.is_file() => {
                    format!("`{CONFIG_FILE}` must be a plain text file")
                }
                _ => format!(
                    "run rave in the site's folder or pass --root; a site has `{CONFIG_FILE}` at its top level"
                ),
            };
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("cannot read the site configuration: {e}"),
                )
                .with_help(help),
            );
            None
        }
    }
}
