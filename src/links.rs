//! The symbolic-link rule: inside a site, rave follows no symbolic link. A link to a file, a
//! folder (`static/`, `content/stories/`, a theme's `static/`, `templates/` ...) or `site.yaml`
//! is warned about by name and skipped, wherever it points, so that nothing outside the site is
//! read, published or served and no walk can loop. The site folder itself (`--root`) may be a
//! link: it is where the user pointed.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// The first symbolic link on the way from `root` down to `path`, `path` itself included;
/// `root` and the folders above it are not looked at. `None` also when a part does not exist.
pub(crate) fn link_on_the_way(root: &Path, path: &Path) -> Option<PathBuf> {
    let inner = path.strip_prefix(root).ok()?;
    let mut current = root.to_path_buf();
    for part in inner.components() {
        current.push(part);
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(current),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// The warning for a link rave leaves alone.
pub(crate) fn not_followed(root: &Path, link: &Path) -> Diagnostic {
    let target = std::fs::read_link(link)
        .map(|t| format!(" (it points to {})", t.display()))
        .unwrap_or_default();
    Diagnostic::warning(
        display_path(root, link),
        format!("symbolic link not followed{target}"),
    )
    .with_help(
        "rave follows no symbolic links inside a site, so that nothing outside it is published; \
         copy the files in instead of linking to them",
    )
}

/// True when `dir` is a folder reached from `root` through no symbolic link. When `dir` itself
/// is a link it is warned about; a link higher up is not (callers look at the parent folder
/// first, so that each link is named once).
pub(crate) fn is_real_dir(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> bool {
    match link_on_the_way(root, dir) {
        Some(link) => {
            if link == dir {
                diagnostics.push(not_followed(root, &link));
            }
            false
        }
        None => std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()),
    }
}

/// Reads a regular file, refusing a symbolic link (a file swapped for a link after the walk
/// saw it, or `site.yaml`) and a FIFO or device.
pub(crate) fn read_real_file(path: &Path) -> io::Result<Vec<u8>> {
    require_regular_file(path)?;
    std::fs::read(path)
}

/// Copies a regular file (not a symbolic link) to `dest`.
pub(crate) fn copy_real_file(path: &Path, dest: &Path) -> io::Result<()> {
    require_regular_file(path)?;
    std::fs::copy(path, dest).map(|_| ())
}

/// Hard-links a regular file (not a symbolic link) to `dest`, or copies it where a link cannot
/// be made (another file system, a file system without links). Only for files rave writes once
/// and never changes in place (its photo cache, which replaces a file by a rename): a link to
/// a file someone edits would change the output with it.
pub(crate) fn link_or_copy_real_file(path: &Path, dest: &Path) -> io::Result<()> {
    require_regular_file(path)?;
    match std::fs::hard_link(path, dest) {
        Ok(()) => Ok(()),
        Err(_) => std::fs::copy(path, dest).map(|_| ()),
    }
}

/// Refuses a symbolic link, and anything else that is not a regular file: reading a FIFO
/// would wait forever, and a device could be endless.
fn require_regular_file(path: &Path) -> io::Result<()> {
    let kind = std::fs::symlink_metadata(path)?.file_type();
    let problem = if kind.is_symlink() {
        "is a symbolic link, which rave does not follow"
    } else if !kind.is_file() {
        "is not a regular file (a pipe, socket or device)"
    } else {
        return Ok(());
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{} {problem}", path.display()),
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_anywhere_on_the_way_is_found_and_the_root_is_trusted() {
        let tmp = tempfile::tempdir().expect("tmp");
        let real = tmp.path().join("real");
        std::fs::create_dir_all(real.join("content/stories")).expect("dirs");
        let root = tmp.path().join("root");
        std::os::unix::fs::symlink(&real, &root).expect("link");
        std::os::unix::fs::symlink(real.join("content"), real.join("linked")).expect("link");
        assert_eq!(link_on_the_way(&root, &root.join("content/stories")), None);
        assert_eq!(
            link_on_the_way(&root, &root.join("linked/stories")),
            Some(root.join("linked"))
        );
        assert_eq!(link_on_the_way(&root, &root.join("missing/x")), None);
        let mut diagnostics = Diagnostics::new();
        assert!(is_real_dir(&root, &root.join("content"), &mut diagnostics));
        assert!(!is_real_dir(&root, &root.join("linked"), &mut diagnostics));
        assert!(!is_real_dir(
            &root,
            &root.join("linked/stories"),
            &mut diagnostics
        ));
        assert_eq!(diagnostics.len(), 1, "the link is named once");
        assert!(read_real_file(&root.join("linked")).is_err());
    }

    #[test]
    fn a_linked_copy_is_the_same_file_and_a_symbolic_link_is_refused() {
        use std::os::unix::fs::MetadataExt as _;
        let tmp = tempfile::tempdir().expect("tmp");
        let source = tmp.path().join("photo-480.jpg");
        std::fs::write(&source, b"pixels").expect("write");
        let dest = tmp.path().join("out.jpg");
        link_or_copy_real_file(&source, &dest).expect("linked");
        let (a, b) = (
            std::fs::metadata(&source).expect("source"),
            std::fs::metadata(&dest).expect("dest"),
        );
        assert_eq!((a.dev(), a.ino()), (b.dev(), b.ino()));
        let link = tmp.path().join("link.jpg");
        std::os::unix::fs::symlink(&source, &link).expect("symlink");
        assert!(link_or_copy_real_file(&link, &tmp.path().join("other.jpg")).is_err());
    }
}
