//! The stamp record, `.rave-cache/images/stamps.txt`: for each photo of the last build, its
//! file's size and modification time and the hash of its bytes. A build that finds a photo's
//! stamp unchanged takes its hash from here instead of reading and hashing the photo, so a
//! cached build or a `rave serve` rebuild opens no unchanged photo.
//!
//! A stamp is trusted only when the photo had not been modified for a while when its hash was
//! taken (as for content files, `load::LoadCache`): a file changed twice within the clock's
//! resolution could otherwise keep its stamp. The record is rewritten through a rename, and a
//! line it cannot read is ignored, so a damaged or missing record only costs reading photos.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a photo must have been left alone before its stamp is trusted.
const SETTLED: Duration = Duration::from_secs(2);

/// The record's file name in the cache folder (not named like an entry: never pruned).
const FILE_NAME: &str = "stamps.txt";

/// A photo file's size and modification time, in nanoseconds since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: u128,
}

impl Stamp {
    /// The stamp of the file at `path`; `None` when it has none (no modification time).
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: nanos(meta.modified().ok()?)?,
        })
    }
}

fn nanos(time: SystemTime) -> Option<u128> {
    time.duration_since(UNIX_EPOCH).ok().map(|d| d.as_nanos())
}

/// A photo's stamp when its bytes were hashed, the hash, and when it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hashed {
    pub(super) stamp: Stamp,
    pub(super) content: u128,
    pub(super) at: u128,
}

/// The stamps of the last build, and those of this one as they are found.
#[derive(Debug, Default)]
pub(super) struct StampRecord {
    previous: HashMap<PathBuf, Hashed>,
}

impl StampRecord {
    /// The record in `cache_dir`, empty when there is none or it cannot be read.
    pub(super) fn read(cache_dir: &Path) -> StampRecord {
        let text = fs::read_to_string(cache_dir.join(FILE_NAME)).unwrap_or_default();
        let previous = text.lines().filter_map(parse_line).collect();
        StampRecord { previous }
    }

    /// True when the last build recorded no photo.
    pub(super) fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }

    /// The hash of the photo at `path` with stamp `now`, when the record holds it for that
    /// stamp and the photo had settled when it was hashed.
    pub(super) fn content(&self, path: &Path, now: Stamp) -> Option<u128> {
        let hashed = self.previous.get(path)?;
        (hashed.stamp == now && hashed.stamp.modified + SETTLED.as_nanos() <= hashed.at)
            .then_some(hashed.content)
    }

    /// A record for `stamp` and `content` hashed now.
    pub(super) fn hashed_now(stamp: Stamp, content: u128) -> Hashed {
        let at = nanos(SystemTime::now()).unwrap_or_default();
        Hashed { stamp, content, at }
    }

    /// The entry of `path` kept from the last build, to carry over unchanged.
    pub(super) fn kept(&self, path: &Path) -> Option<Hashed> {
        self.previous.get(path).copied()
    }

    /// Writes `entries` (this build's photos) as the record, through a rename. Paths that
    /// cannot be written on one line are left out (their photos are read again next time).
    pub(super) fn write(cache_dir: &Path, entries: &[(PathBuf, Hashed)]) -> std::io::Result<()> {
        let mut lines: Vec<String> = entries
            .iter()
            .filter_map(|(path, h)| {
                let path = path.to_str().filter(|p| !p.contains(['\n', '\r', '\t']))?;
                Some(format!(
                    "{:032x}\t{}\t{}\t{}\t{path}\n",
                    h.content, h.stamp.len, h.stamp.modified, h.at
                ))
            })
            .collect();
        lines.sort();
        fs::create_dir_all(cache_dir)?;
        let temporary = cache_dir.join(format!("{FILE_NAME}.tmp{}", std::process::id()));
        fs::write(&temporary, lines.concat())
            .and_then(|()| fs::rename(&temporary, cache_dir.join(FILE_NAME)))
            .inspect_err(|_| {
                let _ = fs::remove_file(&temporary);
            })
    }
}

fn parse_line(line: &str) -> Option<(PathBuf, Hashed)> {
    let mut fields = line.splitn(5, '\t');
    let content = u128::from_str_radix(fields.next()?, 16).ok()?;
    let len = fields.next()?.parse().ok()?;
    let modified = fields.next()?.parse().ok()?;
    let at = fields.next()?.parse().ok()?;
    let path = PathBuf::from(fields.next()?);
    let stamp = Stamp { len, modified };
    Some((path, Hashed { stamp, content, at }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settled_stamps_round_trip_and_others_are_not_trusted() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let photo = dir.path().join("a b.jpg");
        fs::write(&photo, b"bytes").expect("write");
        let stamp = Stamp::of(&photo).expect("a stamp");
        let settled = Hashed {
            stamp,
            content: 7,
            at: stamp.modified + SETTLED.as_nanos(),
        };
        let fresh = dir.path().join("fresh.jpg");
        fs::write(&fresh, b"new").expect("write");
        let fresh_stamp = Stamp::of(&fresh).expect("a stamp");
        let entries = vec![
            (photo.clone(), settled),
            (fresh.clone(), StampRecord::hashed_now(fresh_stamp, 9)),
            (dir.path().join("bad\nname.jpg"), settled),
        ];
        StampRecord::write(dir.path(), &entries).expect("written");
        let record = StampRecord::read(dir.path());
        assert_eq!(record.content(&photo, stamp), Some(7));
        // Hashed right after it was written: it could change again unseen.
        assert_eq!(record.content(&fresh, fresh_stamp), None);
        assert_eq!(record.kept(&fresh).map(|h| h.content), Some(9));
        // Another size is another photo.
        let grown = Stamp {
            len: stamp.len + 1,
            ..stamp
        };
        assert_eq!(record.content(&photo, grown), None);
        assert_eq!(record.previous.len(), 2);
    }

    #[test]
    fn a_damaged_record_is_ignored_line_by_line() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(
            dir.path().join(FILE_NAME),
            "nonsense\nzz\t1\t2\t3\t/x.jpg\n00000000000000000000000000000001\t1\t2\t3\t/y.jpg\n",
        )
        .expect("write");
        let record = StampRecord::read(dir.path());
        assert_eq!(record.previous.len(), 1);
        assert_eq!(record.kept(Path::new("/y.jpg")).map(|h| h.content), Some(1));
    }
}
