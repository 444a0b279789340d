//! Writing the import's files. A file that exists is never replaced, unless `--force` is given
//! and the file carries the import's own mark (so a writer's edits of other files are safe
//! even then). Each file is written to a temporary name and then linked into place, so an
//! interrupted run leaves either a whole file or none, and a second run completes it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The mark the import leaves in each text file it writes.
pub(super) const MARK: &str = "imported_from: wordpress";

/// What writing one file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wrote {
    New,
    Replaced,
    /// There already and left as it was.
    Kept,
    /// `--dry-run`.
    Nothing,
}

/// Writes under a site root.
#[derive(Debug, Clone)]
pub(super) struct Writer {
    pub root: PathBuf,
    pub dry_run: bool,
    pub force: bool,
}

impl Writer {
    /// Writes `contents` at `rel`; an existing file is replaced only with `--force` and when
    /// `owned` says the import wrote it.
    pub(super) fn write(
        &self,
        rel: &str,
        contents: &[u8],
        owned: impl Fn(&Path) -> bool,
    ) -> std::io::Result<Wrote> {
        if self.dry_run {
            return Ok(Wrote::Nothing);
        }
        let path = self.root.join(rel);
        let exists = std::fs::symlink_metadata(&path).is_ok();
        if exists {
            if !self.force || !owned(&path) {
                return Ok(Wrote::Kept);
            }
            if std::fs::read(&path).is_ok_and(|old| old == contents) {
                return Ok(Wrote::Kept);
            }
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let temporary = temporary_beside(&path);
        let result = write_then_place(&temporary, &path, contents, exists);
        let _ = std::fs::remove_file(&temporary);
        match result {
            Ok(()) if exists => Ok(Wrote::Replaced),
            Ok(()) => Ok(Wrote::New),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Wrote::Kept),
            Err(e) => Err(e),
        }
    }

    /// Copies a photo into place (same rules; a photo is the import's own when `owned`).
    pub(super) fn copy(&self, from: &Path, rel: &str, owned: bool) -> std::io::Result<Wrote> {
        if self.dry_run {
            return Ok(Wrote::Nothing);
        }
        let bytes = std::fs::read(from)?;
        self.write(rel, &bytes, |_| owned)
    }
}

fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.rave-import-{}", std::process::id()))
}

/// Writes the temporary file whole, then links it to `path` (which fails if `path` appeared
/// meanwhile) or, when replacing, renames it over `path`.
fn write_then_place(
    temporary: &Path,
    path: &Path,
    contents: &[u8],
    replace: bool,
) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    // No fsync: linking a whole file into place is what keeps a killed run from leaving
    // half a file, and syncing each of an export's many files would dominate the import.
    file.write_all(contents)?;
    drop(file);
    if replace {
        return std::fs::rename(temporary, path);
    }
    match std::fs::hard_link(temporary, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: create_new still never replaces a file.
        Err(_) => {
            crate::authoring::create_new_file(path, contents).and_then(|created| match created {
                crate::authoring::Created::Written => Ok(()),
                crate::authoring::Created::AlreadyThere => {
                    Err(std::io::ErrorKind::AlreadyExists.into())
                }
            })
        }
    }
}

/// Whether a text file carries the import's mark.
pub(super) fn has_mark(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains(MARK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_files_are_kept_unless_forced_and_owned() {
        let dir = tempfile::tempdir().expect("tmp");
        let writer = Writer {
            root: dir.path().to_path_buf(),
            dry_run: false,
            force: false,
        };
        assert_eq!(
            writer.write("a/b.md", b"one", has_mark).expect("w"),
            Wrote::New
        );
        assert_eq!(
            writer.write("a/b.md", b"two", has_mark).expect("w"),
            Wrote::Kept
        );
        let forced = Writer {
            force: true,
            ..writer.clone()
        };
        assert_eq!(
            forced.write("a/b.md", b"two", has_mark).expect("w"),
            Wrote::Kept
        );
        std::fs::write(dir.path().join("a/b.md"), MARK).expect("write");
        assert_eq!(
            forced.write("a/b.md", b"three", has_mark).expect("w"),
            Wrote::Replaced
        );
        assert_eq!(
            std::fs::read(dir.path().join("a/b.md")).expect("r"),
            b"three"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }
}
