//! The load cache: parsed content files kept between builds of a session, and the stamp rule
//! that says when a file's cached parse can be trusted.

use std::path::{Path, PathBuf};

use super::images;
use super::parse::*;
use super::walk::*;
use crate::diagnostics::Diagnostic;

/// What identifies a file's version without reading it: length and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// Everything a content file's parse depends on: its own stamp, its comments file's, and the
/// files of its bundle (an image check reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CacheKey {
    pub(super) file: Stamp,
    pub(super) comments: Option<(PathBuf, Option<Stamp>)>,
    pub(super) assets: Vec<PathBuf>,
}

/// A parsed file, the key it was parsed under, and when.
pub(super) type CacheEntry = (
    CacheKey,
    std::time::SystemTime,
    Option<Loaded>,
    Vec<Diagnostic>,
);

/// Parsed content files kept between builds of a session, so that a rebuild reads and parses
/// only files that changed. The result of a cached file is exactly what a fresh parse gives.
///
/// A file's stamp (length, modification time) is trusted only when the file was last modified
/// well before it was parsed: file systems keep times at a coarse granularity, so a second edit
/// in the same tick as the parse could otherwise go unseen (git calls such entries "racy").
#[derive(Debug, Default)]
pub struct LoadCache {
    pub(super) entries: std::collections::HashMap<PathBuf, CacheEntry>,
    /// Sizes of the images of `static/` and of story bundles, by file.
    pub(super) images: images::SizeCache,
    /// How the last walk found each content file, to parse one again on its own.
    pub(super) found: std::collections::HashMap<PathBuf, Found>,
}

/// How much older than its parse a file's modification time must be for its stamp to be trusted.
pub(super) const RACY_MARGIN: std::time::Duration = std::time::Duration::from_secs(2);

pub(super) fn is_settled(key: &CacheKey, parsed_at: std::time::SystemTime) -> bool {
    let settled = |stamp: &Stamp| stamp.modified.is_some_and(|m| m + RACY_MARGIN <= parsed_at);
    settled(&key.file)
        && key
            .comments
            .as_ref()
            .is_none_or(|(_, s)| s.as_ref().is_none_or(settled))
}

impl CacheKey {
    pub(super) fn of(f: &Found) -> CacheKey {
        CacheKey {
            file: Stamp::of(&f.path).unwrap_or(Stamp {
                len: u64::MAX,
                modified: None,
            }),
            comments: f.comments_file.as_ref().map(|c| (c.clone(), Stamp::of(c))),
            assets: f.assets.clone(),
        }
    }
}

impl LoadCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The new Markdown body of the story file at `path` (as the last load found it), when
    /// nothing but its body changed since the last load: parsed again on its own, it gives the
    /// same story and the same findings apart from the body. `None` when the file is not a
    /// story of the last load or anything else about it changed; a whole load is needed then.
    /// On success the cache holds the new parse, as a load would have.
    pub fn reparse_body(&mut self, path: &Path) -> Option<String> {
        let found = self.found.get(path)?.clone();
        let (_, _, Some(Loaded::Story(old)), old_local) = self.entries.get(path)? else {
            return None;
        };
        let key = CacheKey::of(&found);
        let parsed_at = std::time::SystemTime::now();
        let mut local = Vec::new();
        let Some(Loaded::Story(mut new)) = load_file(found, &mut local) else {
            return None;
        };
        if local != *old_local {
            return None;
        }
        let body = std::mem::replace(&mut new.body, old.body.clone());
        if new != *old {
            return None;
        }
        new.body.clone_from(&body);
        self.entries.insert(
            path.to_path_buf(),
            (key, parsed_at, Some(Loaded::Story(new)), local),
        );
        Some(body)
    }

    /// The path under which the last load knows `path` (an absolute path of a content file,
    /// as a file watcher reports it), if it is one of its content files.
    pub fn known_path(&self, root: &Path, path: &Path) -> Option<PathBuf> {
        if self.found.contains_key(path) {
            return Some(path.to_path_buf());
        }
        let canonical_root = root.canonicalize().ok()?;
        let rel = path.strip_prefix(&canonical_root).ok()?;
        let joined = root.join(rel);
        self.found.contains_key(&joined).then_some(joined)
    }
}
