//! The one way tests run the real `rave` binary: started in a neutral environment, its output
//! collected as it comes (so a chatty run never blocks on a full pipe), waited for with a bound,
//! and killed when dropped so that no server or watcher outlives its test.

use std::ffi::OsStr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Run;

/// The longest a [`Running::wait_for`] waits for its outcome before the test fails.
pub(crate) const PATIENCE: Duration = Duration::from_secs(30);
/// How often a [`Running::wait_for`] checks again.
const TICK: Duration = Duration::from_millis(50);
/// How often [`Running::finish`] looks whether the process has ended.
const EXIT_TICK: Duration = Duration::from_millis(5);

/// `rave <args>` with `SOURCE_DATE_EPOCH` removed and stdin closed; callers add what their
/// case needs (environment, working folder, other output pipes).
pub(crate) fn rave_command<S: AsRef<OsStr>>(args: &[S]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rave"));
    command
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null());
    command
}

/// A started `rave` process whose stdout and stderr are being collected.
pub(crate) struct Running {
    child: Mutex<Child>,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    /// The threads reading the two pipes; joined once the process has ended.
    readers: Mutex<Vec<JoinHandle<()>>>,
}

/// Reads `pipe` to its end into a shared buffer, on its own thread.
fn collect(mut pipe: impl std::io::Read + Send + 'static) -> (Arc<Mutex<Vec<u8>>>, JoinHandle<()>) {
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let shared = Arc::clone(&bytes);
    let reader = std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            lock(&shared).extend_from_slice(&chunk[..n]);
        }
    });
    (bytes, reader)
}

/// A lock that outlives a panicking test thread.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Running {
    /// Starts `rave <args>` (see [`rave_command`]).
    pub(crate) fn spawn<S: AsRef<OsStr>>(args: &[S]) -> Running {
        Running::start(rave_command(args))
    }

    /// Starts `command` with stdout and stderr piped to this runner.
    pub(crate) fn start(mut command: Command) -> Running {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the rave binary");
        let (stdout, stdout_reader) = collect(child.stdout.take().expect("piped stdout"));
        let (stderr, stderr_reader) = collect(child.stderr.take().expect("piped stderr"));
        Running {
            child: Mutex::new(child),
            stdout,
            stderr,
            readers: Mutex::new(vec![stdout_reader, stderr_reader]),
        }
    }

    /// The process id.
    pub(crate) fn id(&self) -> u32 {
        lock(&self.child).id()
    }

    /// Its stdout so far.
    pub(crate) fn stdout(&self) -> String {
        String::from_utf8_lossy(&lock(&self.stdout)).into_owned()
    }

    /// Its stderr so far.
    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&lock(&self.stderr)).into_owned()
    }

    /// Both, labelled, for failure messages.
    pub(crate) fn output(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}", self.stdout(), self.stderr())
    }

    /// Lines of stdout starting with `prefix`.
    pub(crate) fn stdout_lines(&self, prefix: &str) -> usize {
        self.stdout()
            .lines()
            .filter(|l| l.starts_with(prefix))
            .count()
    }

    /// Lines of stderr containing `needle`.
    pub(crate) fn stderr_lines(&self, needle: &str) -> usize {
        self.stderr().lines().filter(|l| l.contains(needle)).count()
    }

    /// `Rebuilt ...` lines `rave build --watch` printed so far.
    pub(crate) fn rebuilds(&self) -> usize {
        self.stdout_lines("Rebuilt in ")
    }

    /// How it ended, if it has.
    pub(crate) fn exited(&self) -> Option<ExitStatus> {
        lock(&self.child).try_wait().expect("poll the rave process")
    }

    /// Waits for the pipe readers to reach the end of the output (the process has ended).
    fn drain(&self) {
        for reader in lock(&self.readers).drain(..) {
            reader.join().expect("an output reader");
        }
    }

    /// Polls `check` every [`TICK`] until it returns `Ok`, for up to [`PATIENCE`], and panics
    /// with its last `Err` and the output; fails at once (with the output) if the process ends.
    #[track_caller]
    pub(crate) fn wait_for<T>(&self, what: &str, check: impl FnMut() -> Result<T, String>) -> T {
        self.wait_polling(what, TICK, PATIENCE, check)
    }

    /// [`Running::wait_for`] checking every `every`, for up to `limit`.
    #[track_caller]
    pub(crate) fn wait_polling<T>(
        &self,
        what: &str,
        every: Duration,
        limit: Duration,
        mut check: impl FnMut() -> Result<T, String>,
    ) -> T {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.exited() {
                self.drain();
                panic!(
                    "rave exited ({status}) while waiting for {what}\n{}",
                    self.output()
                );
            }
            match check() {
                Ok(value) => return value,
                Err(last) if Instant::now() >= deadline => {
                    panic!("gave up waiting for {what}: {last}\n{}", self.output())
                }
                Err(_) => std::thread::sleep(every),
            }
        }
    }

    /// Waits for a line of stdout or stderr that contains `needle`, and returns it.
    #[track_caller]
    pub(crate) fn wait_for_line(&self, needle: &str) -> String {
        self.wait_for(&format!("a line with `{needle}`"), || {
            let (stdout, stderr) = (self.stdout(), self.stderr());
            stdout
                .lines()
                .chain(stderr.lines())
                .find(|line| line.contains(needle))
                .map(str::to_owned)
                .ok_or_else(|| "not yet".to_owned())
        })
    }

    /// Kills the process (SIGKILL) and returns how it ended.
    pub(crate) fn kill(&self) -> ExitStatus {
        let mut child = lock(&self.child);
        // Killing a process that has just ended is no failure: `wait` tells how it ended.
        let _ = child.kill();
        child.wait().expect("wait for the killed rave process")
    }

    /// Waits for the process to end and returns what it did; kills it and fails the test if it
    /// runs longer than `limit`.
    #[track_caller]
    pub(crate) fn finish(&self, limit: Duration) -> Run {
        self.finish_sampling(limit, |_| {})
    }

    /// [`Running::finish`], calling `sample` with the process id while it runs (to watch its
    /// memory, for example).
    #[track_caller]
    pub(crate) fn finish_sampling(&self, limit: Duration, mut sample: impl FnMut(u32)) -> Run {
        let started = Instant::now();
        let id = self.id();
        let status = loop {
            sample(id);
            if let Some(status) = self.exited() {
                break status;
            }
            if started.elapsed() > limit {
                self.kill();
                self.drain();
                let stderr: String = self.stderr().chars().take(2000).collect();
                panic!(
                    "rave did not finish within {limit:?}; killed it\n--- stderr (start)\n{stderr}"
                );
            }
            std::thread::sleep(EXIT_TICK);
        };
        self.drain();
        Run {
            code: status.code(),
            stdout: self.stdout(),
            stderr: self.stderr(),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(PoisonError::into_inner);
        // The process may have ended already; either way nothing is left running.
        let _ = child.kill();
        let _ = child.wait();
    }
}
