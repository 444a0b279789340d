//! A progress line for long builds: after about a second, `Building... 1.4 s` on stderr (with
//! `(photos 12/200)` while photos are processed),
//! rewritten in place with `\r` and cleared when the build ends. Only on a terminal: logs and
//! pipes never see it.

use std::io::{IsTerminal, Write as _};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a build runs before the progress line appears.
const DELAY: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// A running progress line; [`Progress::finish`] (or dropping it) removes it.
#[derive(Debug)]
pub(super) struct Progress {
    running: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
}

impl Progress {
    /// Starts the line for `label` when `wanted` and stderr is a terminal; otherwise does nothing.
    pub(super) fn start(label: &'static str, wanted: bool) -> Progress {
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress { running: None };
        }
        let started = Instant::now();
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if !matches!(stopped.recv_timeout(DELAY), Err(RecvTimeoutError::Timeout)) {
                return;
            }
            loop {
                let seconds = started.elapsed().as_secs_f64();
                let photos = crate::images::progress()
                    .map(|(done, total)| format!(" (photos {done}/{total})"))
                    .unwrap_or_default();
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K{label}... {seconds:.1} s{photos}");
                let _ = err.flush();
                drop(err);
                if !matches!(stopped.recv_timeout(TICK), Err(RecvTimeoutError::Timeout)) {
                    break;
                }
            }
            // Clear the line so that what is printed next starts clean.
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        });
        Progress {
            running: Some((stop, thread)),
        }
    }

    /// Stops and clears the line.
    pub(super) fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some((stop, thread)) = self.running.take() {
            let _ = stop.send(());
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `--verbose`: the time of each stage of a build, on stdout after the summary.
pub(super) fn print_timings(summary: &crate::pipeline::BuildSummary) {
    let style = crate::style::Style::stdout();
    let t = &summary.timings;
    let mut out = crate::console::stdout();
    let _ = writeln!(out, "{}", style.bold("Time per stage:"));
    for (stage, time) in [
        ("load", t.load),
        ("model", t.model),
        ("templates", t.templates),
        ("photos", t.photos),
        ("markdown", t.markdown),
        ("render", t.render),
        ("write", t.write),
    ] {
        let _ = writeln!(out, "  {stage:<10}{:>9}", millis(time));
    }
    let _ = writeln!(out, "  {:<10}{:>9}", "total", millis(summary.elapsed));
}

/// `12.3 ms`.
fn millis(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}
