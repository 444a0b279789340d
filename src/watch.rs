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
use std::time::Duration;

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

/// How long events are gathered before they count as one change.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(150);

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
        let backend = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            Backend::Poll(new_debouncer_opt::<_, PollWatcher, FileIdMap>(
                DEBOUNCE,
                None,
                tx,
                FileIdMap::new(),
                config,
            )?)
        } else {
            Backend::Native(new_debouncer(DEBOUNCE, None, tx)?)
        };
        let root = crate::output::absolute(root).context("cannot resolve the site folder")?;
        let output = crate::output::absolute(output).context("cannot resolve the output folder")?;
        let mut watcher = SiteWatcher {
            root,
            output,
            backend,
            events,
            watched: Vec::new(),
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
    /// filtered; never empty). `None` on timeout.
    pub(crate) fn next_change(&mut self, timeout: Duration) -> Result<Option<Vec<PathBuf>>> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let batch = match self.events.recv_timeout(left) {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
            };
            let mut paths: Vec<PathBuf> = match batch {
                Ok(events) => events
                    .into_iter()
                    .filter(|e| changes_content(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .filter(|p| self.is_relevant(p))
                    .collect(),
                // Watcher errors (a queue overflow) mean changes may be lost: rebuild everything.
                Err(_) => vec![self.root.join(CONFIG_FILE)],
            };
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                self.watch_new_folders(&paths)?;
                return Ok(Some(paths));
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
