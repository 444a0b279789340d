//! Standard output and error that a closed pipe cannot crash. `rave completions bash | true` or
//! `rave build 2>&1 | head -1` close the pipe while rave writes; `print!` and `eprint!` panic
//! then (exit 101). Here a closed pipe swallows what is written, so the command ends as it would
//! have, quietly, with its own exit code. Every print of the application edge goes through here.

use std::io::{self, Write};

/// A writer that treats a closed pipe (`BrokenPipe`) as written: nobody reads any more.
#[derive(Debug)]
pub(crate) struct Quiet<W>(W);

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(buf.len()),
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// Standard output, locked; other write errors than a closed pipe are still reported.
pub(crate) fn stdout() -> Quiet<io::StdoutLock<'static>> {
    Quiet(io::stdout().lock())
}

/// Standard error, locked.
pub(crate) fn stderr() -> Quiet<io::StderrLock<'static>> {
    Quiet(io::stderr().lock())
}

/// `eprint!` that never panics: messages to a standard error that is gone are lost.
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!($crate::console::stderr(), $($arg)*);
    }};
}

/// `eprintln!` that never panics.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::console::stderr(), $($arg)*);
    }};
}

/// `println!` that never panics.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::console::stdout(), $($arg)*);
    }};
}

pub(crate) use {err, errln, outln};

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::StorageFull.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_written_quietly_other_errors_are_not() {
        assert!(writeln!(Quiet(Closed), "lost").is_ok());
        assert!(Quiet(Closed).flush().is_ok());
        assert!(writeln!(Quiet(Full), "kept").is_err());
    }
}
