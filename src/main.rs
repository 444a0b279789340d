//! The `rave` binary: all logic lives in the library (`rave::cli`).

fn main() -> std::process::ExitCode {
    rave::cli::main()
}
