//! Watching a site for changes: notify with notify-debouncer-full, so that an editor's atomic
//! save or a `git checkout` of hundreds of files is one change, not hundreds. Watches folders
//! recursively (content/, templates/, themes/, static/) and the site folder itself for site.yaml
//! and for those folders appearing later; ignores the output folder and editor temporary files.
//!
//! A watch that cannot be added (the system's limit of watches reached, for one) ends the
//! watcher with an error: changes it cannot see would leave a stale site looking current. Debug
//! builds let tests reach that limit on purpose (`RAVE_TEST_WATCH_LIMIT`, see
//! [`test_watch_limit`]); release builds never read it.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::file_id::{FileId, get_file_id};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdMap, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use crate::load::{CONFIG_FILE, CONTENT_DIR, STATIC_DIR, is_ignored_name};
use crate::rebuild::{ChangeSource, Rebuilt, WarningReport, rebuild_loop};

/// Folders of a site that are watched recursively when they exist.
pub(crate) const WATCHED_FOLDERS: [&str; 5] =
    [CONTENT_DIR, "templates", "themes", STATIC_DIR, "i18n"];

/// How long notify's debouncer holds an event (to merge the events of one path and stitch
/// renames) before handing it over; it checks every quarter of this. Short where events say
/// when a write ends (Linux's inotify), since [`SiteWatcher::next_change`] then waits for that.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The debouncer's hold where the end of a write is not seen (polling, and backends without
/// close events): long enough for an editor's save to be done before it counts.
const DEBOUNCE_BLIND: Duration = Duration::from_millis(150);

/// After a batch whose files are all whole, how long to wait for more before rebuilding: the
/// files of one "save all" or checkout reach the watcher a debouncer tick or two apart.
const SETTLE: Duration = Duration::from_millis(10);

/// [`SETTLE`] where the end of a write is not seen: a tick of the debouncer's longer hold (a
/// quarter of [`DEBOUNCE_BLIND`]) more, so that a save whose events fall on either side of a
/// tick, and so reach the watcher in two batches, is still one change.
const SETTLE_BLIND: Duration = Duration::from_millis(50);

/// The longest a change is gathered: how long it waits for a file that is still being written
/// (created or modified but not closed, or renamed away by an editor's save), and for a stream
/// of events to pause. Editors' saves keep a file unfinished for far less (bench/edits.sh
/// measures them); a writer that holds a file open longer gets a rebuild anyway.
const CHANGE_LIMIT: Duration = Duration::from_secs(1);

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        }
    }
}

/// A site being watched.
pub(crate) struct SiteWatcher {
    root: PathBuf,
    output: PathBuf,
    backend: Backend,
    events: Receiver<DebounceEventResult>,
    /// Folders watched recursively, with the identity of the folder the watch is on: a folder
    /// replaced by another of the same name (`mv content old; cp -r old content`, as git and
    /// sync tools do) is a new folder that needs a watch of its own.
    watched: Vec<(PathBuf, FileId)>,
    /// Whether events say when a file is whole again (closed after writing): inotify's do;
    /// polling sees only changed stamps, and other platforms' backends report no close.
    sees_writes_end: bool,
}

impl std::fmt::Debug for SiteWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteWatcher")
            .field("root", &self.root)
            .field("watched", &self.watched)
            .finish_non_exhaustive()
    }
}

impl SiteWatcher {
    /// Starts watching the site at `root`, ignoring `output`. `poll` uses periodic scanning for
    /// file systems without change events (network drives, some containers).
    pub(crate) fn new(root: &Path, output: &Path, poll: bool) -> Result<SiteWatcher> {
        let (tx, events) = channel();
        let sees_writes_end = cfg!(target_os = "linux") && !poll;
        let backend = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            Backend::Poll(new_debouncer_opt::<_, PollWatcher, FileIdMap>(
                DEBOUNCE_BLIND,
                None,
                tx,
                FileIdMap::new(),
                config,
            )?)
        } else {
            let hold = if sees_writes_end {
                DEBOUNCE
            } else {
                DEBOUNCE_BLIND
            };
            Backend::Native(new_debouncer(hold, None, tx)?)
        };
        let root = crate::output::absolute(root).context("cannot resolve the site folder")?;
        let output = crate::output::absolute(output).context("cannot resolve the output folder")?;
        let mut watcher = SiteWatcher {
            root,
            output,
            backend,
            events,
            watched: Vec::new(),
            sees_writes_end,
        };
        let root = watcher.root.clone();
        watcher
            .backend
            .watch(&root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        watcher.watch_new_folders(&[])?;
        Ok(watcher)
    }

    /// Adds recursive watches for site folders that exist and are not watched yet, and moves
    /// the watch of a folder that was replaced or removed: one whose identity changed, or that
    /// is itself among the `touched` paths (a folder deleted and made again may get the same
    /// inode number).
    fn watch_new_folders(&mut self, touched: &[PathBuf]) -> Result<()> {
        for name in WATCHED_FOLDERS {
            let dir = self.root.join(name);
            let id = dir.is_dir().then(|| get_file_id(&dir).ok()).flatten();
            let known = self.watched.iter().position(|(d, _)| *d == dir);
            if let Some(i) = known {
                if Some(&self.watched[i].1) == id.as_ref() && !touched.contains(&dir) {
                    continue;
                }
                // The watch follows the old folder (moved away or deleted): drop it.
                let _ = self.backend.unwatch(&dir);
                self.watched.remove(i);
            }
            if let Some(id) = id {
                // The site folder's own watch counts too.
                #[cfg(debug_assertions)]
                if test_watch_limit().is_some_and(|limit| 1 + self.watched.len() >= limit) {
                    return Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch))
                        .with_context(|| format!("cannot watch {}", dir.display()));
                }
                self.backend
                    .watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch {}", dir.display()))?;
                self.watched.push((dir, id));
            }
        }
        Ok(())
    }

    /// Waits up to `timeout` for the next change and returns the paths it touched (already
    /// filtered; never empty). `None` on timeout. A change is over when every file it touched
    /// is whole (see [`settles`]) and nothing more came for [`SETTLE`], so that an editor's save
    /// (renamed away, created, written, closed) is one change however long its write takes.
    /// Where the end of a write is not seen, a change is over when nothing came for
    /// [`SETTLE_BLIND`].
    pub(crate) fn next_change(&mut self, timeout: Duration) -> Result<Option<Vec<PathBuf>>> {
        let deadline = Instant::now() + timeout;
        let mut change = Change::default();
        loop {
            let now = Instant::now();
            let wait = match change.started {
                None => deadline.saturating_duration_since(now),
                Some(started) => {
                    let left = (started + CHANGE_LIMIT).saturating_duration_since(now);
                    if change.unfinished() && self.sees_writes_end {
                        left
                    } else {
                        settle(self.sees_writes_end).min(left)
                    }
                }
            };
            let batch = match self.events.recv_timeout(wait) {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) if change.started.is_none() => return Ok(None),
                Err(RecvTimeoutError::Timeout) => {
                    let paths: Vec<PathBuf> = change.files.into_keys().collect();
                    self.watch_new_folders(&paths)?;
                    return Ok(Some(paths));
                }
                Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
            };
            match batch {
                Ok(events) => {
                    for event in events.iter().filter(|e| changes_content(&e.event.kind)) {
                        let whole = settles(&event.event.kind);
                        for path in event.event.paths.iter().filter(|p| self.is_relevant(p)) {
                            change.add(path.clone(), whole);
                        }
                    }
                }
                // Watcher errors (a queue overflow) mean changes may be lost: rebuild everything.
                Err(_) => change.add(self.root.join(CONFIG_FILE), true),
            }
        }
    }

    /// True for a path whose change can affect the site.
    pub(crate) fn is_relevant(&self, path: &Path) -> bool {
        is_relevant(&self.root, &self.output, path)
    }
}

impl ChangeSource for SiteWatcher {
    fn next_change(&mut self, timeout: Duration) -> Result<Option<Vec<PathBuf>>> {
        SiteWatcher::next_change(self, timeout)
    }
}

/// Debug builds only: `RAVE_TEST_WATCH_LIMIT=N` makes the watcher fail to add a watch once it
/// holds N, exactly as it fails when the system's limit of watches is reached, so that tests can
/// see a real `rave serve` or `rave build --watch` lose its watcher.
#[cfg(debug_assertions)]
fn test_watch_limit() -> Option<usize> {
    std::env::var("RAVE_TEST_WATCH_LIMIT").ok()?.parse().ok()
}

/// The paths of a change being gathered, each with whether its file is whole.
#[derive(Debug, Default)]
struct Change {
    files: std::collections::BTreeMap<PathBuf, bool>,
    /// When its first relevant event came.
    started: Option<Instant>,
}

impl Change {
    fn add(&mut self, path: PathBuf, whole: bool) {
        self.started.get_or_insert_with(Instant::now);
        self.files.insert(path, whole);
    }

    fn unfinished(&self) -> bool {
        self.files.values().any(|whole| !whole)
    }
}

/// How long a change waits for more events once every file it touched is whole: longer where
/// the end of a write is not seen, whose debouncer ticks further apart.
fn settle(sees_writes_end: bool) -> Duration {
    if sees_writes_end {
        SETTLE
    } else {
        SETTLE_BLIND
    }
}

/// Whether a file an event touched is whole once it happened: not when it was just created or
/// written, since its writer has not closed it yet (the close event says it is done). A file
/// renamed away or removed is whole (gone): an editor's save that renames it away creates the
/// new one at once, in the same batch of events or within [`SETTLE`].
fn settles(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{CreateKind, ModifyKind};
    !matches!(
        kind,
        EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_))
    )
}

/// True for events that can change what a file holds: not reads (rave's own rebuilds read every
/// file) and not access-time updates.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// True for a path under `root` whose change can affect the site: in a watched folder or
/// site.yaml itself, not in `output`, and not an editor's temporary file.
pub(crate) fn is_relevant(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if rel.components().count() == 1 {
        return first == CONFIG_FILE || WATCHED_FOLDERS.contains(&first.as_ref());
    }
    if !WATCHED_FOLDERS.contains(&first.as_ref()) {
        return false;
    }
    !rel.components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
}

/// How `rave build --watch` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WatchEnd {
    /// Stopped with Ctrl-C.
    Interrupted,
    /// The first build had no stories and the output holds published ones: nothing written.
    EmptySiteRefused,
}

/// `rave build --watch`: builds once into the output folder, then keeps it up to date on every
/// change, writing only files whose bytes changed, until Ctrl-C. An error when the output
/// cannot be written or the watcher dies.
pub(crate) fn watch_build(
    options: crate::pipeline::BuildOptions,
    poll: bool,
    quiet: bool,
) -> Result<WatchEnd> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed))
            .context("cannot handle Ctrl-C")?;
    }
    let mut watcher = SiteWatcher::new(&options.root, &options.output, poll)?;
    let (root, output) = (options.root.clone(), options.output.clone());
    let mut session = crate::session::Session::new(options);
    let mut live: Option<crate::output::LiveOutput> = None;
    let mut warnings = WarningReport::default();
    let mut write =
        |session: &crate::session::Session, rebuilt: Rebuilt| -> Result<ControlFlow<WatchEnd>> {
            match rebuilt {
                Rebuilt::Built { snapshot, .. } => match &mut live {
                    None => {
                        if let Some(refusal) =
                            crate::pipeline::empty_site_refusal(snapshot.stories, session.options())
                        {
                            crate::console::err!("{}", refusal.render());
                            return Ok(ControlFlow::Break(WatchEnd::EmptySiteRefused));
                        }
                        let started =
                            crate::output::LiveOutput::start(&root, &output, &snapshot.output)?;
                        if !quiet {
                            crate::console::outln!(
                                "Built {} stories, {} companies: {} files in {} ms -> {}",
                                snapshot.stories,
                                snapshot.companies,
                                snapshot.output.pages.len() + snapshot.output.copies.len(),
                                snapshot.elapsed.as_millis(),
                                started.target().display()
                            );
                            crate::console::outln!("Watching for changes (Ctrl-C to stop)");
                        }
                        live = Some(started);
                    }
                    Some(live) => {
                        let report = live.apply(&snapshot.output)?;
                        if !quiet {
                            crate::console::outln!(
                                "Rebuilt in {} ms{}: {} written, {} removed, {} unchanged",
                                snapshot.elapsed.as_millis(),
                                if snapshot.bodies_only {
                                    " (story text only)"
                                } else {
                                    ""
                                },
                                report.written,
                                report.removed,
                                report.unchanged
                            );
                        }
                    }
                },
                Rebuilt::Failed(diagnostics) => {
                    crate::console::err!("{}", diagnostics.render());
                    crate::console::errln!("rebuild failed; the output was left as it was");
                }
            }
            Ok(ControlFlow::Continue(()))
        };
    let first = warnings.outcome(session.build(), 0);
    if let ControlFlow::Break(end) = write(&session, first)? {
        return Ok(end);
    }
    let ended = rebuild_loop(&mut session, &mut watcher, &stop, &mut warnings, write)?;
    Ok(ended.unwrap_or(WatchEnd::Interrupted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode};

    /// Folds a save's events on `story.md`, as the watcher sees them, into a change: whether
    /// the change is over (every file whole) after each event.
    fn wholeness(kinds: &[EventKind]) -> Vec<bool> {
        let mut change = Change::default();
        kinds
            .iter()
            .map(|kind| {
                change.add(PathBuf::from("story.md"), settles(kind));
                !change.unfinished()
            })
            .collect()
    }

    const GONE: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
    const CREATED: EventKind = EventKind::Create(CreateKind::File);
    const WRITTEN: EventKind = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
    const CLOSED: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));

    #[test]
    fn a_save_is_over_when_its_file_is_closed() {
        // vim: renamed to a backup, a new file created, written, closed.
        assert_eq!(
            wholeness(&[GONE, CREATED, WRITTEN, CLOSED]),
            [true, false, false, true]
        );
        // Written in place (VS Code), then closed.
        assert_eq!(wholeness(&[WRITTEN, WRITTEN, CLOSED]), [false, false, true]);
        // A temporary file renamed over it; JetBrains: renamed away, the temporary renamed in.
        assert_eq!(wholeness(&[GONE]), [true]);
        assert_eq!(wholeness(&[GONE, GONE]), [true, true]);
        // Deleted.
        assert_eq!(wholeness(&[EventKind::Remove(RemoveKind::File)]), [true]);
        assert!(settles(&EventKind::Create(CreateKind::Folder)));
    }

    #[test]
    fn a_save_split_by_a_debouncer_tick_is_one_change() {
        // The debouncer hands events over every quarter of its hold: the rest of a save that
        // missed a tick comes one tick later, and the change must still be open then.
        for (sees_writes_end, hold) in [(true, DEBOUNCE), (false, DEBOUNCE_BLIND)] {
            assert!(settle(sees_writes_end) > hold / 4, "hold {hold:?}");
        }
    }

    #[test]
    fn filters_output_editor_files_and_other_folders() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let yes = [
            "/site/site.yaml",
            "/site/content/stories/a.md",
            "/site/templates/x.html",
            "/site/static/a.css",
            "/site/themes/t/templates/base.html",
            "/site/content",
        ];
        let no = [
            "/site/public/index.html",
            "/site/content/stories/.a.md.swp",
            "/site/content/stories/a.md~",
            "/site/content/stories/4913",
            "/site/content/stories/.#a.md",
            "/site/content/stories/a.md___jb_tmp___",
            "/site/content/.DS_Store",
            "/site/target/debug/x",
            "/site/README.md",
            "/elsewhere/content/a.md",
        ];
        for p in yes {
            assert!(is_relevant(root, out, Path::new(p)), "{p}");
        }
        for p in no {
            assert!(!is_relevant(root, out, Path::new(p)), "{p}");
        }
    }
}
