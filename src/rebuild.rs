//! The rebuild-and-report loop shared by `rave serve` and `rave build --watch`: waits for a
//! change, rebuilds, reports warnings when they change, and hands each result to its caller
//! (which publishes it to the server or writes it to the output folder).
//!
//! The loop ends when asked to stop, when its caller says so, or with an error when changes
//! can no longer be seen (the watcher died): a preview that silently stops following the files
//! would show a stale site as if it were current.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, Result};

use crate::diagnostics::Diagnostics;
use crate::session::{BuildResult, Session, Snapshot};

/// How long the loop waits for a change before it looks at its stop flag again.
const STOP_CHECK: Duration = Duration::from_millis(300);

/// Where changes come from: the site's watcher (`watch::SiteWatcher`), or a stand-in in tests.
pub(crate) trait ChangeSource {
    /// Waits up to `timeout` for the next change: the paths it touched (never empty), `None`
    /// on timeout, an error when changes can no longer be seen.
    fn next_change(&mut self, timeout: Duration) -> Result<Option<Vec<PathBuf>>>;
}

/// One build's result as the loop's caller sees it.
#[derive(Debug)]
pub(crate) enum Rebuilt {
    /// The site built; its warnings were reported already.
    Built {
        /// Boxed: a snapshot is much larger than the diagnostics of the other variant.
        snapshot: Box<Snapshot>,
        /// How many paths changed (0 for the first build).
        changed: usize,
    },
    /// The site has errors; nothing was built.
    Failed(Diagnostics),
}

/// Reports a build's warnings, but only when they differ from the last ones reported, so that
/// the same warnings do not scroll by on every save.
#[derive(Debug, Default)]
pub(crate) struct WarningReport {
    last: String,
}

impl WarningReport {
    /// A build's result as a [`Rebuilt`], its warnings reported.
    pub(crate) fn outcome(&mut self, result: BuildResult, changed: usize) -> Rebuilt {
        match result {
            Ok((snapshot, diagnostics)) => {
                let warnings = diagnostics.render();
                if warnings != self.last {
                    crate::console::err!("{warnings}");
                    self.last = warnings;
                }
                Rebuilt::Built {
                    snapshot: Box::new(snapshot),
                    changed,
                }
            }
            Err(diagnostics) => Rebuilt::Failed(diagnostics),
        }
    }
}

/// Rebuilds `session` on every change from `changes` and hands each result to `handle`,
/// until `stop` is set (`Ok(None)`), `handle` breaks (`Ok(Some(value))`), or `handle` or the
/// watcher fails (`Err`).
pub(crate) fn rebuild_loop<T>(
    session: &mut Session,
    changes: &mut impl ChangeSource,
    stop: &AtomicBool,
    warnings: &mut WarningReport,
    mut handle: impl FnMut(&Session, Rebuilt) -> Result<ControlFlow<T>>,
) -> Result<Option<T>> {
    while !stop.load(Ordering::Relaxed) {
        let Some(changed) = changes
            .next_change(STOP_CHECK)
            .context("the file watcher stopped, so changes to the site would go unseen")?
        else {
            continue;
        };
        let rebuilt = warnings.outcome(session.rebuild(&changed), changed.len());
        if let ControlFlow::Break(value) = handle(session, rebuilt)? {
            return Ok(Some(value));
        }
    }
    Ok(None)
}
