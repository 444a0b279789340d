//! A watcher that can no longer follow the site ends `rave serve` and `rave build --watch` with
//! a message and a non-zero exit, rather than leaving them serving or writing a stale site.
//!
//! The watcher fails the way it does when the system's limit of file watches is reached: a
//! folder appears that it cannot watch. Debug builds let a test set that limit low
//! (`RAVE_TEST_WATCH_LIMIT`); everything after the failed watch is the real code path.

#![cfg(debug_assertions)]

use crate::defences::one_story_site;
use crate::util::{PATIENCE, Running, Site, args, free_port, rave_command};

/// The site folder's own watch and `content/`'s: the next folder is one too many.
const WATCH_LIMIT: &str = "2";

/// Starts `rave <args>` under the low watch limit and waits for `ready` on its output.
fn start_limited(args: &[std::ffi::OsString], ready: &str) -> Running {
    let mut command = rave_command(args);
    command.env("RAVE_TEST_WATCH_LIMIT", WATCH_LIMIT);
    let rave = Running::start(command);
    rave.wait_for_line(ready);
    rave
}

/// Adds a `static/` folder, which the watcher cannot watch, and checks that `rave` ends by
/// itself, says its watcher stopped and why, and exits with the I/O error code.
#[track_caller]
fn assert_a_new_folder_kills_the_watcher_and_rave_says_so(site: &Site, rave: &Running) {
    site.file("static/extra.css", "body { color: black }");
    let run = rave.finish(PATIENCE);
    run.expect_code(3);
    for said in [
        "the file watcher stopped, so changes to the site would go unseen",
        "cannot watch",
        "static",
        "OS file watch limit reached",
    ] {
        assert!(run.stderr.contains(said), "no {said:?} in\n{}", run.stderr);
    }
}

#[test]
fn serve_stops_with_an_error_when_its_watcher_dies() {
    let site = one_story_site();
    let rave = start_limited(
        &args(&[
            &"serve",
            &"--root",
            &site.root(),
            &"--port",
            &free_port().to_string(),
        ]),
        "Serving http://127.0.0.1:",
    );
    assert_a_new_folder_kills_the_watcher_and_rave_says_so(&site, &rave);
    assert!(
        rave.stderr().contains("the preview stopped"),
        "{}",
        rave.output()
    );
}

#[test]
fn build_watch_stops_with_an_error_when_its_watcher_dies() {
    let site = one_story_site();
    let rave = start_limited(
        &site.build_args(&site.out(), &["--watch"]),
        "Watching for changes",
    );
    assert_a_new_folder_kills_the_watcher_and_rave_says_so(&site, &rave);
}
