//! The load cache: parsed content files kept between builds of a session, and the stamp rule
//! that says when a file's cached parse can be trusted.

use std::path::{Path, PathBuf};

use super::images;
use super::parse::*;
use super::stamp::{RACY_MARGIN, Stamp};
use super::walk::*;
use crate::diagnostics::Diagnostic;

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
    /// What else the last whole load found, for a load of a few changed files alone; `None`
    /// until a load could read `site.yaml`.
    pub(super) last_walk: Option<LastWalk>,
}

/// What a whole load found besides the parses of content files: enough to make the same
/// loaded site again from the cache's parses, without walking or reading anything.
#[derive(Debug)]
pub(super) struct LastWalk {
    /// The `--base-url` the settings were read with.
    pub(super) base_url: Option<String>,
    pub(super) config: crate::config::SiteConfig,
    /// The findings of reading `site.yaml` and of the walks, in the order they came.
    pub(super) findings: Vec<Diagnostic>,
    /// Every content file found, in walk order.
    pub(super) order: Vec<PathBuf>,
    pub(super) static_files: Vec<super::StaticFile>,
    /// Sizes of the images of `static/` and of the story bundles, by file.
    pub(super) image_sizes: std::collections::HashMap<PathBuf, super::ImageSize>,
    /// The story file of each comments file.
    pub(super) stories_by_comments: std::collections::HashMap<PathBuf, PathBuf>,
}

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
        let edited = std::sync::Arc::make_mut(&mut new);
        let body = std::mem::replace(&mut edited.body, old.body.clone());
        if *edited != **old {
            return None;
        }
        edited.body.clone_from(&body);
        self.entries.insert(
            path.to_path_buf(),
            (key, parsed_at, Some(Loaded::Story(new)), local),
        );
        Some(body)
    }

    /// The path under which the last load knows `path` (an absolute path of a content file,
    /// as a file watcher reports it), if it is one of its content files.
    pub fn known_path(&self, root: &Path, path: &Path) -> Option<PathBuf> {
        as_walked(root, path, |p| self.found.contains_key(p))
    }
}

/// `path` (absolute, as a file watcher reports it, maybe below the canonical form of `root`)
/// as the walk of `root` names it, if `known` says that name is one the walk found.
pub(super) fn as_walked(
    root: &Path,
    path: &Path,
    known: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    if known(path) {
        return Some(path.to_path_buf());
    }
    let canonical_root = root.canonicalize().ok()?;
    let rel = path.strip_prefix(&canonical_root).ok()?;
    let joined = root.join(rel);
    known(&joined).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn key(file: Stamp, comments: Option<Option<Stamp>>) -> CacheKey {
        CacheKey {
            file,
            comments: comments.map(|stamp| (PathBuf::from("a.comments.yaml"), stamp)),
            assets: Vec::new(),
        }
    }

    #[test]
    fn a_stamp_is_trusted_only_when_the_file_was_modified_well_before_its_parse() {
        let parsed_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let aged = |seconds: u64| Stamp {
            len: 10,
            modified: Some(parsed_at - Duration::from_secs(seconds)),
        };
        let margin = RACY_MARGIN.as_secs();
        assert!(is_settled(&key(aged(margin), None), parsed_at));
        assert!(!is_settled(&key(aged(margin - 1), None), parsed_at));
        let unknown_time = Stamp {
            len: 10,
            modified: None,
        };
        assert!(!is_settled(&key(unknown_time, None), parsed_at));
        // A comments file counts like the story; one that is not there has nothing to trust.
        assert!(is_settled(&key(aged(60), Some(None)), parsed_at));
        assert!(is_settled(&key(aged(60), Some(Some(aged(60)))), parsed_at));
        assert!(!is_settled(&key(aged(60), Some(Some(aged(0)))), parsed_at));
    }

    #[test]
    fn a_missing_file_gets_a_key_no_file_can_have() {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join("gone.md");
        assert_eq!(Stamp::of(&path), None);
        let found = Found {
            kind: Kind::Story,
            path: path.clone(),
            rel: PathBuf::from("content/stories/gone.md"),
            bundle_dir: None,
            assets: Vec::new(),
            comments_file: None,
        };
        let missing = CacheKey::of(&found);
        assert_eq!(missing.file.len, u64::MAX);
        std::fs::write(&path, "").expect("write");
        assert_ne!(CacheKey::of(&found), missing);
    }

    /// A one-story site, loaded once into `cache`.
    fn loaded(
        cache: &mut LoadCache,
        front_matter: &str,
        body: &str,
    ) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::write(
            tmp.path().join(crate::load::CONFIG_FILE),
            "title: T\nbase_url: https://example.com\n",
        )
        .expect("site.yaml");
        let story = tmp.path().join("content/stories/a.md");
        std::fs::create_dir_all(story.parent().expect("folder")).expect("folders");
        std::fs::write(&story, format!("---\n{front_matter}\n---\n{body}")).expect("story");
        let mut diagnostics = crate::diagnostics::Diagnostics::new();
        crate::load::load_site_cached(
            tmp.path(),
            &crate::load::LoadOptions::default(),
            &mut diagnostics,
            Some(cache),
        )
        .expect("the site loads");
        (tmp, story)
    }

    #[test]
    fn a_body_is_parsed_again_on_its_own_only_when_nothing_else_changed() {
        let front_matter = "title: A\ndate: 2024-01-01";
        let mut cache = LoadCache::new();
        let (_tmp, story) = loaded(&mut cache, front_matter, "First body.\n");
        std::fs::write(&story, format!("---\n{front_matter}\n---\nSecond body.\n")).expect("edit");
        assert_eq!(
            cache.reparse_body(&story).as_deref(),
            Some("Second body.\n")
        );
        std::fs::write(
            &story,
            "---\ntitle: B\ndate: 2024-01-01\n---\nSecond body.\n",
        )
        .expect("edit");
        assert_eq!(cache.reparse_body(&story), None, "the title changed");
        let elsewhere = story.with_file_name("b.md");
        assert_eq!(
            cache.reparse_body(&elsewhere),
            None,
            "not a story of the load"
        );
    }
}
