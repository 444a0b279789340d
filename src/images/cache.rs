//! The photo cache, `.rave-cache/images/` in the site folder: each photo's processed files,
//! named by a hash of the photo's bytes and of the settings that shaped them, so an unchanged
//! photo is never processed twice and a changed one never reuses stale copies. Deleting the
//! folder is always safe: it is made again. Entries a build no longer uses are pruned.
//!
//! An entry is `<key>.txt` (the photo's upright size and formats) beside its files:
//! `<key>-<width>.<ext>` (copies), `<key>-og.jpg` and, when the site publishes photos at full
//! size, `<key>.orig.<ext>` (the photo itself without metadata). The `.txt` is written last, so
//! an entry without it is never used. A GIF or AVIF published as it is (`verbatim`) is one file,
//! `<key>.<ext>`, written whole through a rename. `stamps.txt` (`stamps`) is no entry.

use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::config::ImageSettings;
use crate::load::Fallback;

/// The cache folder, relative to the site folder.
pub(crate) const CACHE_DIR: &str = ".rave-cache/images";

/// Changes whenever processing changes, so that older entries are made again.
const FORMAT_VERSION: u8 = 1;

/// What a cache entry says about its photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) fallback: Fallback,
}

/// The cache of one site.
#[derive(Debug)]
pub(super) struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    pub(super) fn new(root: &Path) -> Self {
        DiskCache {
            dir: root.join(CACHE_DIR),
        }
    }

    /// The hash of a photo's bytes, which its keys are made from.
    pub(super) fn content_hash(bytes: &[u8]) -> u128 {
        xxhash_rust::xxh3::xxh3_128(bytes)
    }

    /// The key of a photo's entry: the hash of its bytes, the settings, and whether it needs an
    /// Open Graph image.
    pub(super) fn key(content: u128, settings: &ImageSettings, og: bool) -> String {
        let mut shape = vec![
            FORMAT_VERSION,
            settings.quality,
            u8::from(og),
            u8::from(settings.full_size),
        ];
        for w in &settings.widths {
            shape.extend_from_slice(&w.to_le_bytes());
        }
        Self::hashed(content, &shape)
    }

    /// The key of a file published as it is once cleaned of metadata (`verbatim`).
    pub(super) fn verbatim_key(content: u128) -> String {
        Self::hashed(content, &[FORMAT_VERSION, b'v'])
    }

    fn hashed(content: u128, shape: &[u8]) -> String {
        let mut all = content.to_le_bytes().to_vec();
        all.extend_from_slice(shape);
        format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&all))
    }

    /// The file of entry `key` with `suffix` (`.orig.jpg`, `-480.webp`, `-og.jpg`).
    pub(super) fn file(&self, key: &str, suffix: &str) -> PathBuf {
        self.dir.join(format!("{key}{suffix}"))
    }

    /// The entry `key` when complete: its description, and every file in `suffixes` present.
    pub(super) fn lookup(
        &self,
        key: &str,
        suffixes: impl Fn(&Entry) -> Vec<String>,
    ) -> Option<Entry> {
        let text = fs::read_to_string(self.file(key, ".txt")).ok()?;
        let mut words = text.split_whitespace();
        let width = words.next()?.parse().ok()?;
        let height = words.next()?.parse().ok()?;
        let fallback = match words.next()? {
            "jpg" => Fallback::Jpeg,
            "png" => Fallback::Png,
            _ => return None,
        };
        let entry = Entry {
            width,
            height,
            fallback,
        };
        suffixes(&entry)
            .iter()
            .all(|s| self.file(key, s).is_file())
            .then_some(entry)
    }

    /// Stores entry `key`: its files, then its description.
    pub(super) fn store(
        &self,
        key: &str,
        files: &[(String, Vec<u8>)],
        entry: &Entry,
    ) -> Result<(), String> {
        self.make_dir()?;
        for (suffix, bytes) in files {
            self.write(key, suffix, bytes)?;
        }
        let text = format!(
            "{} {} {}\n",
            entry.width,
            entry.height,
            entry.fallback.extension()
        );
        self.write(key, ".txt", text.as_bytes())
    }

    fn make_dir(&self) -> Result<(), String> {
        fs::create_dir_all(&self.dir).map_err(|e| {
            format!(
                "the cache folder {} cannot be made: {e}",
                self.dir.display()
            )
        })
    }

    /// The folder of the cache.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stores a file published as it is, under entry `key`.
    pub(super) fn store_verbatim(
        &self,
        key: &str,
        suffix: &str,
        bytes: &[u8],
    ) -> Result<(), String> {
        self.make_dir()?;
        self.write(key, suffix, bytes)
    }

    /// Writes through a temporary file and a rename, so a killed build leaves no partial file
    /// under a name that is read.
    fn write(&self, key: &str, suffix: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.file(key, suffix);
        let temporary = self.file(key, &format!("{suffix}.tmp{}", std::process::id()));
        let written = fs::File::create(&temporary)
            .and_then(|mut f| f.write_all(bytes))
            .and_then(|()| fs::rename(&temporary, &path));
        written.map_err(|e| {
            let _ = fs::remove_file(&temporary);
            format!("the cache file {} cannot be written: {e}", path.display())
        })
    }

    /// Deletes the files of every entry whose key is not in `used`; returns how many. Only
    /// files named like cache entries are touched.
    pub(super) fn prune(&self, used: &HashSet<String>) -> usize {
        let Ok(read) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for file in read.flatten() {
            let name = file.file_name();
            let Some(key) = name.to_str().and_then(entry_key) else {
                continue;
            };
            if !used.contains(key) && file.path().is_file() && fs::remove_file(file.path()).is_ok()
            {
                removed += 1;
            }
        }
        removed
    }
}

/// The key of a cache file's name: its first 32 characters, when they are lowercase hex and
/// followed by `.` or `-`.
fn entry_key(name: &str) -> Option<&str> {
    let key = name.get(..32)?;
    let next = name[32..].chars().next()?;
    (key.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && matches!(next, '.' | '-'))
    .then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_bytes_and_settings() {
        let s = ImageSettings::default();
        let photo = DiskCache::content_hash(b"photo");
        let a = DiskCache::key(photo, &s, false);
        assert_eq!(a.len(), 32);
        assert_eq!(a, DiskCache::key(photo, &s, false));
        assert_ne!(
            a,
            DiskCache::key(DiskCache::content_hash(b"photo2"), &s, false)
        );
        assert_ne!(a, DiskCache::key(photo, &s, true));
        assert_ne!(a, DiskCache::verbatim_key(photo));
        let narrower = ImageSettings {
            widths: vec![320],
            ..s
        };
        assert_ne!(a, DiskCache::key(photo, &narrower, false));
        let full = ImageSettings {
            full_size: true,
            ..ImageSettings::default()
        };
        assert_ne!(a, DiskCache::key(photo, &full, false));
    }

    #[test]
    fn entries_round_trip_and_unused_ones_are_pruned() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let cache = DiskCache::new(dir.path());
        let entry = Entry {
            width: 30,
            height: 40,
            fallback: Fallback::Png,
        };
        let key = DiskCache::key(1, &ImageSettings::default(), false);
        let files = vec![(".orig.png".to_owned(), b"x".to_vec())];
        cache.store(&key, &files, &entry).expect("stored");
        let wanted = |_: &Entry| vec![".orig.png".to_owned()];
        assert_eq!(cache.lookup(&key, wanted), Some(entry));
        assert_eq!(cache.lookup(&key, |_| vec!["-480.png".to_owned()]), None);
        // A file of the user's in the folder is never pruned.
        let other = dir.path().join(CACHE_DIR).join("notes.txt");
        fs::write(&other, "mine").expect("write");
        assert_eq!(cache.prune(&HashSet::from([key.clone()])), 0);
        assert_eq!(cache.prune(&HashSet::new()), 2);
        assert!(other.is_file());
        assert_eq!(cache.lookup(&key, wanted), None);
    }
}
