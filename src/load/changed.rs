//! A load after a change to a few content files the last load found: only those are read
//! again, and the rest (the walks, `site.yaml`, static files, image sizes, every other parse)
//! is taken from the session's cache. Anything it cannot account for (a file added or removed,
//! a folder, `site.yaml`, `static/`, the theme, a bundle's file) takes the whole load instead;
//! either way the loaded site is the one a whole load gives.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::{CacheKey, LoadCache, as_walked, is_settled};
use super::parse::load_file;
use super::walk::Found;
use super::{LoadOptions, LoadedSite, assemble, load_site_cached};
use crate::diagnostics::Diagnostics;

/// [`load_site_cached`] after a change to the files `changed` (absolute paths, as a file
/// watcher reports them, every changed file listed): when each is a content file the last load
/// found, and still a plain file, reads only those again (and any file whose cached parse is
/// too recent to trust, as a whole load would), else loads the whole site.
pub fn load_site_after(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
    cache: &mut LoadCache,
    changed: &[PathBuf],
) -> Option<LoadedSite> {
    match files_to_read(root, options, cache, changed) {
        Some(files) => reload(root, diagnostics, cache, files),
        None => load_site_cached(root, options, diagnostics, Some(cache)),
    }
}

/// The content files to read again after a change to `changed`; `None` when the change is not
/// one of known content files alone (a whole load is needed).
fn files_to_read(
    root: &Path,
    options: &LoadOptions,
    cache: &LoadCache,
    changed: &[PathBuf],
) -> Option<Vec<Found>> {
    let last = cache.last_walk.as_ref()?;
    if changed.is_empty() || last.base_url != options.base_url {
        return None;
    }
    let mut paths = BTreeSet::new();
    for path in changed {
        let known =
            |p: &Path| cache.found.contains_key(p) || last.stories_by_comments.contains_key(p);
        let path = as_walked(root, path, known)?;
        match last.stories_by_comments.get(&path) {
            Some(story) => paths.insert(story.clone()),
            None => paths.insert(path),
        };
    }
    // What a whole load would read again though its stamp did not change.
    for (path, (key, parsed_at, ..)) in &cache.entries {
        if !is_settled(key, *parsed_at) {
            paths.insert(path.clone());
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let found = cache.found.get(&path)?;
            let comments_ok = found.comments_file.as_deref().is_none_or(is_plain_file);
            (is_plain_file(&found.path) && comments_ok).then(|| found.clone())
        })
        .collect()
}

/// True when `path` is a regular file, not a symbolic link: as the walk found it.
fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_file())
}

/// The site again from the cache, with `files` read and parsed anew.
fn reload(
    root: &Path,
    diagnostics: &mut Diagnostics,
    cache: &mut LoadCache,
    files: Vec<Found>,
) -> Option<LoadedSite> {
    let parsed: Vec<_> = files
        .into_par_iter()
        .map(|found| {
            let key = CacheKey::of(&found);
            let path = found.path.clone();
            let parsed_at = std::time::SystemTime::now();
            let mut local = Vec::new();
            let loaded = load_file(found, &mut local);
            (path, (key, parsed_at, loaded, local))
        })
        .collect();
    cache.entries.extend(parsed);
    let last = cache.last_walk.as_ref()?;
    diagnostics.extend(last.findings.iter().cloned());
    let parses = last.order.iter().filter_map(|path| {
        let (_, _, loaded, local) = cache.entries.get(path)?;
        Some((loaded.clone(), local.clone()))
    });
    Some(assemble(
        root,
        last.config.clone(),
        last.static_files.clone(),
        parses,
        &last.image_sizes,
        diagnostics,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// Writes `text` to `path`, dated `modified` (a day ago: a stamp a load trusts).
    fn write_dated(path: &Path, text: &str, modified: SystemTime) {
        std::fs::write(path, text).expect("write");
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(modified))
            .expect("date the file");
    }

    fn story(title: &str) -> String {
        format!("---\ntitle: {title}\ndate: 2024-01-01\n---\nBody.\n")
    }

    fn titles(site: &LoadedSite) -> Vec<&str> {
        let mut titles: Vec<&str> = site.stories.iter().map(|s| s.title.as_str()).collect();
        titles.sort();
        titles
    }

    #[test]
    fn only_the_files_said_to_change_are_read_again() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        std::fs::write(
            root.join(super::super::CONFIG_FILE),
            "title: T\nbase_url: https://example.com\n",
        )
        .expect("site.yaml");
        let stories = root.join("content/stories");
        std::fs::create_dir_all(&stories).expect("folders");
        let (a, b) = (stories.join("a.md"), stories.join("b.md"));
        let day_ago = SystemTime::now() - Duration::from_secs(86_400);
        write_dated(&a, &story("A1"), day_ago);
        write_dated(&b, &story("B1"), day_ago);
        let options = LoadOptions::default();
        let mut cache = LoadCache::new();
        let mut diagnostics = Diagnostics::new();
        load_site_cached(root, &options, &mut diagnostics, Some(&mut cache)).expect("loads");

        // Both files change with the same length and time: only their listing tells.
        write_dated(&a, &story("A2"), day_ago);
        write_dated(&b, &story("B2"), day_ago);
        let site = load_site_after(
            root,
            &options,
            &mut diagnostics,
            &mut cache,
            std::slice::from_ref(&a),
        )
        .expect("loads");
        assert_eq!(titles(&site), ["A2", "B1"], "only a.md was read again");

        // A file the last load did not find: the whole site is walked and read.
        let c = stories.join("c.md");
        write_dated(&c, &story("C1"), day_ago);
        let site =
            load_site_after(root, &options, &mut diagnostics, &mut cache, &[c]).expect("loads");
        assert_eq!(titles(&site), ["A2", "B1", "C1"]);
        // A listed file that is gone: walked again too.
        std::fs::remove_file(&a).expect("remove");
        let site =
            load_site_after(root, &options, &mut diagnostics, &mut cache, &[a]).expect("loads");
        assert_eq!(titles(&site), ["B1", "C1"]);
        assert!(!diagnostics.has_errors(), "{}", diagnostics.render());
    }
}
