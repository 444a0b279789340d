//! What identifies a file's version without reading it (length and modification time), and
//! how much older than a read a file must be for that stamp to be trusted: the rule the load
//! cache and the image size cache share.

use std::path::Path;

/// A file's length and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: Option<std::time::SystemTime>,
}

impl Stamp {
    /// The stamp of the file at `path`; `None` when it cannot be read.
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// How much older than its read a file's modification time must be for its stamp to be
/// trusted: file systems keep times at a coarse granularity, so a second edit in the same tick
/// as the read could otherwise go unseen (git calls such entries "racy").
pub(super) const RACY_MARGIN: std::time::Duration = std::time::Duration::from_secs(2);
