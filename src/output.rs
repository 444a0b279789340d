//! Stage 4: writes a build into a staging folder beside the output folder and swaps it in only
//! when complete, so a failed or interrupted build leaves the previous output as it was.
//!
//! Safety rules: rave marks the folders it creates with a marker file and never writes into,
//! replaces or deletes a non-empty folder without that marker; it refuses the site root, any
//! folder holding `content/` or `site.yaml`, a folder inside one the build reads (`static/` ...),
//! the home folder and `/`. A lock file beside the
//! output keeps two rave processes from writing the same output at once.

use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};

use crate::load::{CONFIG_FILE, CONTENT_DIR, STATIC_DIR};
use crate::render::PageSink;

mod manifest;

pub use manifest::{CopySource, Manifest};

/// The file that marks a folder as rave's output.
pub const MARKER: &str = ".rave-output";
const MARKER_TEXT: &str =
    "This folder is written by rave (a static site generator). rave replaces it on every build.\n";

/// The folders of a site the build reads: an output inside one would be read back.
const SOURCE_FOLDERS: [&str; 4] = [CONTENT_DIR, STATIC_DIR, "templates", "themes"];

/// Why the output folder cannot be used; shown as is, with a fix.
#[derive(Debug)]
pub struct UnsafeOutput {
    pub path: PathBuf,
    pub reason: String,
    pub help: String,
}

impl std::fmt::Display for UnsafeOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "refusing to write to {}: {}\n  = help: {}",
            self.path.display(),
            self.reason,
            self.help
        )
    }
}

impl std::error::Error for UnsafeOutput {}

/// Makes `path` absolute and lexically normal (no `.`/`..`), without touching the file system.
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Resolves symlinks in the existing part of `path`, keeping the rest as written.
fn resolved(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// The folder an output link points to (a common deploy setup: `public` linked to the served
/// folder), so that the build replaces that folder and the link keeps pointing at it. Anything
/// else, a dangling link included, is returned as is.
fn through_link(output: PathBuf) -> PathBuf {
    let is_link = fs::symlink_metadata(&output).is_ok_and(|m| m.file_type().is_symlink());
    match fs::canonicalize(&output) {
        Ok(real) if is_link => real,
        _ => output,
    }
}

/// Checks that rave may (re)create `output` for the site at `root`.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<(), UnsafeOutput> {
    let output = resolved(output);
    let root = resolved(root);
    let refuse = |reason: &str, help: &str| UnsafeOutput {
        path: output.clone(),
        reason: reason.into(),
        help: help.into(),
    };
    if output.parent().is_none() {
        return Err(refuse(
            "it is the file system root",
            "choose a folder such as `public`",
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && resolved(&home) == output
    {
        return Err(refuse(
            "it is the home folder",
            "choose a folder such as `public` inside the site",
        ));
    }
    if output == root || root.starts_with(&output) {
        return Err(refuse(
            "it is the site's own folder (or contains it)",
            "choose a folder inside the site, such as `public`",
        ));
    }
    if let Some(folder) = SOURCE_FOLDERS
        .iter()
        .find(|f| output.starts_with(root.join(f)))
    {
        return Err(refuse(
            &format!(
                "it is inside the site's {folder}/ folder, which the build reads, so every build would copy the output into itself"
            ),
            "choose a folder outside content/, static/, templates/ and themes/, such as `public`",
        ));
    }
    if output.join(CONTENT_DIR).exists() || output.join(CONFIG_FILE).exists() {
        return Err(refuse(
            "it holds a site (`content/` or `site.yaml`)",
            "choose an empty folder or one rave created before",
        ));
    }
    match fs::symlink_metadata(&output) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse(
                "it is a symbolic link to nothing (its target does not exist)",
                "create the folder the link points to, or point --output at a real folder",
            ));
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                "it is a file, not a folder",
                "choose another --output",
            ));
        }
        Ok(_) => {
            let has_marker = output.join(MARKER).is_file();
            let empty = fs::read_dir(&output)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !has_marker && !empty {
                return Err(refuse(
                    "it is not empty and was not created by rave (it has no .rave-output marker)",
                    "choose an empty or new folder for --output, or move the files that are there",
                ));
            }
        }
        Err(_) => {}
    }
    Ok(())
}

/// True when `output` is a build of rave (it has the marker) with story pages in it.
pub fn holds_published_stories(output: &Path) -> bool {
    output.join(MARKER).is_file()
        // A folder under stories/ (a story, or the archive of a year that has stories): the
        // story list at stories/index.html is there even when there is none.
        && fs::read_dir(output.join("stories"))
            .is_ok_and(|mut d| d.any(|e| e.is_ok_and(|e| e.path().is_dir())))
}

/// The exclusive right to write an output folder, held by a lock file beside it.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Locks `target` (absolute) or explains who holds it.
    pub fn acquire(target: &Path) -> Result<OutputLock> {
        let lock_path = sibling(target, "rave-lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(OutputLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => bail!(
                "another rave process is writing to {} (lock {} is held)\n  = help: wait for it to finish, or stop `rave serve`/`rave build --watch` for this output",
                target.display(),
                lock_path.display()
            ),
            Err(fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", lock_path.display()))
            }
        }
    }
}

/// An output folder being rebuilt: holds the lock and the staging folder until committed.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    /// The site's photo cache: its files are written once and replaced by renames, so the
    /// output links to them instead of copying (see `write_copies`).
    photo_cache: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    committed: bool,
    lock: Option<OutputLock>,
}

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.{suffix}"))
}

/// Deletes a folder only if rave made it (it carries the marker) or it is empty (left by a run
/// interrupted before writing the marker or after removing it). The marker is removed last, so
/// that a run killed half way leaves a folder the next run still knows as its own. Anything
/// else (a link, someone's files) is left where it is.
fn remove_ours(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let marker = dir.join(MARKER);
    if fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_name() == MARKER {
                continue;
            }
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())?;
            } else {
                fs::remove_file(entry.path())?;
            }
        }
        fs::remove_file(&marker)?;
    }
    match fs::remove_dir(dir) {
        Err(_) if fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) => Ok(()),
        other => other,
    }
}

impl Staging {
    /// Checks, locks and prepares a fresh staging folder for `target`; also recovers from a run
    /// that was killed half way (stale staging, or an output moved aside but not replaced).
    pub fn begin(root: &Path, target: &Path) -> Result<Staging> {
        let target = through_link(absolute(target).context("cannot resolve the output folder")?);
        check_output_folder(root, &target)?;
        let parent = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let lock = OutputLock::acquire(&target)?;
        let staging = sibling(&target, "rave-staging");
        let previous = sibling(&target, "rave-previous");
        // A run killed between the two renames of `commit` leaves only the previous output.
        if !target.exists() && previous.join(MARKER).is_file() {
            fs::rename(&previous, &target).context("cannot restore the previous output")?;
        }
        remove_ours(&staging).with_context(|| format!("cannot clean {}", staging.display()))?;
        remove_ours(&previous).with_context(|| format!("cannot clean {}", previous.display()))?;
        if let Some(foreign) = [&staging, &previous]
            .into_iter()
            .find(|p| fs::symlink_metadata(p).is_ok())
        {
            bail!(
                "{} exists and was not made by rave (it has no {MARKER} marker)\n  = help: move it away or delete it yourself; rave uses this name while building",
                foreign.display(),
            );
        }
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        fs::write(staging.join(MARKER), MARKER_TEXT).context("cannot write the output marker")?;
        Ok(Staging {
            target,
            photo_cache: root.join(crate::images::CACHE_DIR),
            staging,
            previous,
            committed: false,
            lock: Some(lock),
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes the files `manifest` copies as they are. Pages are written after them, and so
    /// replace a theme file of their path, as the manifest's rule says. Files of the photo
    /// cache are hard links to it where the file system allows: a site's photos are most of
    /// its bytes, and copying them again on every build would cost more than the rest of a
    /// build that processes no photo.
    pub fn write_copies(&self, manifest: &Manifest) -> io::Result<()> {
        use rayon::prelude::*;
        manifest.copies.par_iter().try_for_each(|(path, source)| {
            let dest = self.path_of(path)?;
            match source {
                CopySource::File(source) if source.starts_with(&self.photo_cache) => {
                    crate::links::link_or_copy_real_file(source, &dest)
                }
                CopySource::File(source) => crate::links::copy_real_file(source, &dest),
                CopySource::Embedded(bytes) => fs::write(dest, bytes),
            }
        })
    }

    /// The staging path of an output-relative path, with its parent folders created. Refuses any
    /// path that could leave the output folder.
    fn path_of(&self, rel: &str) -> io::Result<PathBuf> {
        let path = checked_path(&self.staging, rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Swaps the finished staging folder in place of the output, and hands back the lock (drop
    /// it to let others write).
    pub fn commit(mut self) -> Result<OutputLock> {
        if self.target.exists() {
            fs::rename(&self.target, &self.previous).with_context(|| {
                format!("cannot move the old output {} aside", self.target.display())
            })?;
        }
        fs::rename(&self.staging, &self.target).with_context(|| {
            format!("cannot move the new output into {}", self.target.display())
        })?;
        self.committed = true;
        remove_ours(&self.previous)
            .with_context(|| format!("cannot remove {}", self.previous.display()))?;
        self.lock
            .take()
            .context("the output lock was already released")
    }
}

impl PageSink for Staging {
    fn write_page(&self, path: &str, bytes: crate::render::PageBytes) -> io::Result<()> {
        fs::write(self.path_of(path)?, bytes.as_slice())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_ours(&self.staging);
        }
    }
}

/// What [`LiveOutput::apply`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApplyReport {
    pub written: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// An output folder kept up to date during `rave build --watch`: the first manifest is written
/// through a staging folder and swapped in; later ones write only files whose bytes changed
/// (each atomically, through a temporary file and a rename) and delete files that are gone.
/// Unchanged files keep their modification time. Holds the output lock throughout.
#[derive(Debug)]
pub struct LiveOutput {
    target: PathBuf,
    /// Generated pages by output path: the bytes written (shared with the manifest they came
    /// from, so that a page a rebuild kept is known unchanged without hashing it) and their hash.
    pages: std::collections::HashMap<String, (Arc<[u8]>, u64)>,
    /// Copied files by output path: where the bytes written came from, and their hash.
    copies: std::collections::HashMap<String, CopyRecord>,
    _lock: OutputLock,
}

/// How much older than its reading a source file's modification time must be for its stamp to
/// be trusted: file systems keep times coarsely, so a second write in the same tick as the read
/// could otherwise go unseen (the rule of `load::LoadCache`).
const RACY_MARGIN: std::time::Duration = std::time::Duration::from_secs(2);

/// A copied file as last written.
#[derive(Debug, Clone)]
struct CopyRecord {
    /// The source file (`None` for a file of the built-in theme).
    source: Option<PathBuf>,
    /// The source's length and modification time, taken before it was read.
    stamp: Option<(u64, std::time::SystemTime)>,
    read_at: std::time::SystemTime,
    hash: u64,
}

impl CopyRecord {
    /// Reads `source` and records it.
    fn read(source: &CopySource) -> Result<(CopyRecord, Vec<u8>)> {
        let path = match source {
            CopySource::File(path) => Some(path.clone()),
            CopySource::Embedded(_) => None,
        };
        let stamp = path.as_deref().and_then(file_stamp);
        let read_at = std::time::SystemTime::now();
        let bytes = read_source(source)?;
        let record = CopyRecord {
            source: path,
            stamp,
            read_at,
            hash: hash(&bytes),
        };
        Ok((record, bytes))
    }

    /// True when `source` is the file this record read and has not changed since: same length
    /// and modification time, and that time well before the read. Large static folders (photos)
    /// are then not read again on every rebuild.
    fn unchanged(&self, source: &CopySource) -> bool {
        let CopySource::File(path) = source else {
            return false;
        };
        let Some((len, modified)) = self.stamp else {
            return false;
        };
        self.source.as_deref() == Some(path.as_path())
            && modified + RACY_MARGIN <= self.read_at
            && file_stamp(path) == Some((len, modified))
    }
}

fn file_stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl LiveOutput {
    /// Writes `manifest` as a fresh output folder.
    pub fn start(root: &Path, target: &Path, manifest: &Manifest) -> Result<LiveOutput> {
        let staging = Staging::begin(root, target)?;
        let mut copies = std::collections::HashMap::new();
        for (path, source) in &manifest.copies {
            let dest = staging.path_of(path)?;
            let (record, bytes) = CopyRecord::read(source)?;
            fs::write(dest, bytes)?;
            copies.insert(path.clone(), record);
        }
        for (path, bytes) in &manifest.pages {
            staging.write_page(path, crate::render::PageBytes::Shared(Arc::clone(bytes)))?;
        }
        let target = staging.target().to_path_buf();
        let lock = staging.commit()?;
        Ok(LiveOutput {
            target,
            pages: manifest
                .pages
                .iter()
                .map(|(p, b)| (p.clone(), (Arc::clone(b), hash(b))))
                .collect(),
            copies,
            _lock: lock,
        })
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Brings the folder to `manifest`, touching only what changed.
    pub fn apply(&mut self, manifest: &Manifest) -> Result<ApplyReport> {
        let mut report = ApplyReport::default();
        for (path, bytes) in &manifest.pages {
            let previous = self.pages.get(path);
            // The very bytes written last time (a page the session kept): unchanged.
            if previous.is_some_and(|(written, _)| Arc::ptr_eq(written, bytes)) {
                report.unchanged += 1;
                continue;
            }
            let h = hash(bytes);
            if previous.is_some_and(|(_, written)| *written == h)
                && self.target.join(path).is_file()
            {
                self.pages.insert(path.clone(), (Arc::clone(bytes), h));
                report.unchanged += 1;
                continue;
            }
            self.copies.remove(path);
            write_atomically(&self.target, path, bytes)?;
            self.pages.insert(path.clone(), (Arc::clone(bytes), h));
            report.written += 1;
        }
        // Copied files are compared by content, unless their stamp says they were not touched
        // since they were read (and that stamp was old enough to be trusted).
        for (path, source) in &manifest.copies {
            let previous = self.copies.get(path);
            if previous.is_some_and(|r| r.unchanged(source)) && self.target.join(path).is_file() {
                report.unchanged += 1;
                continue;
            }
            let (record, bytes) = CopyRecord::read(source)?;
            if previous.is_some_and(|r| r.hash == record.hash) && self.target.join(path).is_file() {
                self.copies.insert(path.clone(), record);
                report.unchanged += 1;
                continue;
            }
            self.pages.remove(path);
            write_atomically(&self.target, path, &bytes)?;
            self.copies.insert(path.clone(), record);
            report.written += 1;
        }
        let gone: Vec<String> = self
            .pages
            .keys()
            .chain(self.copies.keys())
            .filter(|p| !manifest.contains(p))
            .cloned()
            .collect();
        for path in gone {
            self.pages.remove(&path);
            self.copies.remove(&path);
            remove_output_file(&self.target, &path)?;
            report.removed += 1;
        }
        Ok(report)
    }
}

fn read_source(source: &CopySource) -> Result<Vec<u8>> {
    source.read().with_context(|| match source {
        CopySource::File(path) => format!("cannot read {}", path.display()),
        CopySource::Embedded(_) => "cannot read a file of the built-in theme".to_owned(),
    })
}

fn hash(bytes: &[u8]) -> u64 {
    crate::render::cache::hash_bytes(&[bytes])
}

fn checked_path(target: &Path, rel: &str) -> io::Result<PathBuf> {
    let safe = !rel.is_empty()
        && !rel.starts_with('/')
        && rel.split('/').all(crate::slug::is_safe_segment);
    if !safe {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unsafe output path `{rel}`"),
        ));
    }
    Ok(target.join(rel))
}

/// [`checked_path`] in an output folder that lives between builds (`--watch`): a folder of it
/// turned into a symbolic link since is not written or deleted through.
fn checked_live_path(target: &Path, rel: &str) -> io::Result<PathBuf> {
    let path = checked_path(target, rel)?;
    if let Some(link) = path
        .parent()
        .and_then(|parent| crate::links::link_on_the_way(target, parent))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a symbolic link; rave does not write through links in its output",
                link.display()
            ),
        ));
    }
    Ok(path)
}

/// Writes through a temporary file in the same folder and a rename, so a reader (a static
/// server, a browser) never sees half a file.
fn write_atomically(target: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = checked_live_path(target, rel)?;
    let parent = path.parent().unwrap_or(target);
    fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.rave-tmp"));
    fs::write(&temp, bytes)?;
    fs::rename(&temp, &path)
}

/// Deletes an output file and the folders it leaves empty (never the output folder itself).
fn remove_output_file(target: &Path, rel: &str) -> io::Result<()> {
    let path = checked_live_path(target, rel)?;
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == target || !d.starts_with(target) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot_copying(path: &str, source: &Path) -> Manifest {
        let mut snapshot = Manifest::default();
        snapshot
            .copies
            .insert(path.to_owned(), CopySource::File(source.to_path_buf()));
        snapshot
    }

    fn set_modified(path: &Path, time: std::time::SystemTime) {
        fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(time))
            .expect("set the modification time");
    }

    #[test]
    fn live_copies_are_read_again_unless_their_stamp_is_settled_and_unchanged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).expect("mkdir");
        fs::write(root.join("site.yaml"), "title: x\n").expect("write");
        let source = dir.path().join("photo.jpg");
        let out = dir.path().join("out");
        let snapshot = snapshot_copying("photo.jpg", &source);
        let read_back = || fs::read(out.join("photo.jpg")).expect("read the copy");

        // Written just now: its stamp is not trusted, so a same-length edit that keeps the
        // modification time is still seen.
        fs::write(&source, "one").expect("write");
        let written = fs::metadata(&source)
            .and_then(|m| m.modified())
            .expect("mtime");
        let mut live = LiveOutput::start(&root, &out, &snapshot).expect("start");
        fs::write(&source, "two").expect("write");
        set_modified(&source, written);
        let report = live.apply(&snapshot).expect("apply");
        assert_eq!((report.written, read_back()), (1, b"two".to_vec()));

        // An edit with a new modification time is always seen.
        fs::write(&source, "three").expect("write");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        set_modified(&source, old);
        assert_eq!(live.apply(&snapshot).expect("apply").written, 1);
        assert_eq!(read_back(), b"three".to_vec());

        // Settled and untouched: known unchanged from its stamp alone, without reading it (a
        // same-length rewrite that puts the old time back is, by design, not looked for).
        fs::write(&source, "THREE").expect("write");
        set_modified(&source, old);
        let report = live.apply(&snapshot).expect("apply");
        assert_eq!((report.written, report.unchanged), (0, 1));
        assert_eq!(read_back(), b"three".to_vec());

        // A copy deleted from the output folder is written again.
        fs::remove_file(out.join("photo.jpg")).expect("remove");
        assert_eq!(live.apply(&snapshot).expect("apply").written, 1);
        assert_eq!(read_back(), b"THREE".to_vec());
    }

    #[test]
    fn refuses_site_root_and_foreign_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::write(root.join("site.yaml"), "title: x\n").expect("write");
        assert!(check_output_folder(root, root).is_err());
        assert!(
            check_output_folder(&root.join("public"), root).is_err(),
            "ancestor of the root"
        );
        let foreign = root.join("docs");
        fs::create_dir(&foreign).expect("mkdir");
        fs::write(foreign.join("notes.txt"), "mine").expect("write");
        let e = check_output_folder(root, &foreign).expect_err("foreign");
        assert!(e.reason.contains("not created by rave"));
        assert!(
            check_output_folder(root, &root.join("public")).is_ok(),
            "new folder"
        );
        assert!(check_output_folder(root, Path::new("/")).is_err());
    }

    #[test]
    fn staging_commits_atomically_and_cleans_up_when_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let target = root.join("public");
        let staging = Staging::begin(root, &target).expect("begin");
        staging
            .write_page("a/index.html", b"one".to_vec().into())
            .expect("write");
        assert!(
            staging
                .write_page("../escape.html", b"x".to_vec().into())
                .is_err()
        );
        staging.commit().expect("commit");
        assert_eq!(fs::read(target.join("a/index.html")).expect("read"), b"one");

        let failed = Staging::begin(root, &target).expect("begin");
        failed
            .write_page("a/index.html", b"two".to_vec().into())
            .expect("write");
        drop(failed);
        assert_eq!(fs::read(target.join("a/index.html")).expect("read"), b"one");
        assert!(!root.join(".public.rave-staging").exists());
    }

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = Staging::begin(dir.path(), &dir.path().join("public")).expect("first");
        let second = Staging::begin(dir.path(), &dir.path().join("public"));
        assert!(
            second
                .expect_err("locked")
                .to_string()
                .contains("another rave process")
        );
        drop(first);
    }

    #[test]
    fn recovers_an_output_moved_aside_by_a_killed_run() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let previous = root.join(".public.rave-previous");
        fs::create_dir(&previous).expect("mkdir");
        fs::write(previous.join(MARKER), MARKER_TEXT).expect("marker");
        fs::write(previous.join("index.html"), "old").expect("write");
        let staging = Staging::begin(root, &root.join("public")).expect("begin");
        assert_eq!(
            fs::read_to_string(root.join("public/index.html")).expect("restored"),
            "old"
        );
        drop(staging);
    }

    #[cfg(unix)]
    #[test]
    fn live_writes_and_deletes_never_go_through_a_link_in_the_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("public");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&target).expect("mkdir");
        fs::create_dir_all(&elsewhere).expect("mkdir");
        fs::write(elsewhere.join("keep.html"), "theirs").expect("write");
        std::os::unix::fs::symlink(&elsewhere, target.join("stories")).expect("link");
        assert!(write_atomically(&target, "stories/keep.html", b"ours").is_err());
        assert!(remove_output_file(&target, "stories/keep.html").is_err());
        assert_eq!(
            fs::read_to_string(elsewhere.join("keep.html")).expect("read"),
            "theirs"
        );
        write_atomically(&target, "a/index.html", b"ours").expect("a real folder is written");
    }
}
