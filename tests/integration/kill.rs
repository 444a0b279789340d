//! Never lose data: a build killed half way leaves the previous output byte for byte, the next
//! build recovers, and two builds of the same output at once never mix their pages.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::util::{Running, Site, snapshot};

/// A site with `count` small stories: slow enough to build (a debug build renders a few
/// hundred pages a second) that a kill lands while pages are being written.
fn big_site(count: usize, version: &str) -> Site {
    let site = Site::new();
    write_stories(&site, count, version);
    site
}

fn write_stories(site: &Site, count: usize, version: &str) {
    const RATINGS: [&str; 6] = ["A", "B+", "4/5", "60%", "2 stars", "F"];
    for i in 0..count {
        site.story(
            &format!("s{i:05}.md"),
            &format!(
                "title: Story {i} {version}\ndate: 20{:02}-{:02}-{:02}\ncompany: Company {}\nrating: \"{}\"\ntags: [t{}]",
                10 + i % 10,
                1 + i % 12,
                1 + i % 28,
                i % 40,
                RATINGS[i % RATINGS.len()],
                i % 15
            ),
            &format!("Story {i}, {version}.\n\nA second paragraph.\n"),
        );
    }
}

/// `rave build` of `site` into `out`, started and left running.
pub(crate) fn spawn_build(site: &Site, out: &Path) -> Running {
    Running::spawn(&site.build_args(out, &["--quiet"]))
}

/// The staging folder rave writes beside `out`.
fn staging_of(out: &Path) -> PathBuf {
    let name = out.file_name().expect("a name").to_string_lossy();
    out.with_file_name(format!(".{name}.rave-staging"))
}

pub(crate) fn previous_of(out: &Path) -> PathBuf {
    let name = out.file_name().expect("a name").to_string_lossy();
    out.with_file_name(format!(".{name}.rave-previous"))
}

/// Number of story folders written into the staging folder so far.
fn staged_stories(staging: &Path) -> usize {
    std::fs::read_dir(staging.join("stories")).map_or(0, |d| d.count())
}

/// Waits until `ready` holds, then kills `build`. Fails the test if the build ends first or
/// `ready` never holds within `limit`.
#[track_caller]
fn kill_when(build: &Running, limit: Duration, ready: impl Fn() -> bool) {
    build.wait_polling(
        "the moment to kill (if the build ended first, make the fixture bigger)",
        Duration::from_millis(1),
        limit,
        || {
            if ready() {
                Ok(())
            } else {
                Err("not yet".to_owned())
            }
        },
    );
    let status = build.kill();
    assert!(!status.success(), "killed, not finished: {status}");
}

#[test]
fn a_build_killed_half_way_leaves_the_previous_output_and_the_next_build_recovers() {
    const STORIES: usize = 1_000;
    let site = big_site(STORIES, "first version");
    let out = site.out();
    site.build(&[]).success();
    let before = snapshot(&out);
    assert!(before.len() > STORIES, "{} files", before.len());

    // A new version: every story changes, and one more is added.
    write_stories(&site, STORIES + 1, "second version");
    let staging = staging_of(&out);

    // Killed as soon as the staging folder appears, then when half the stories are written.
    let moments: [(&str, KillMoment); 2] = [
        ("at the start of writing", Box::new(|| staging.is_dir())),
        (
            "half way through writing",
            Box::new(|| staged_stories(&staging) >= STORIES / 2),
        ),
    ];
    for (moment, ready) in moments {
        let build = spawn_build(&site, &out);
        kill_when(&build, Duration::from_secs(300), ready);
        if out.exists() {
            assert!(
                snapshot(&out) == before,
                "killed {moment}: the previous output changed"
            );
        } else {
            // Killed between the two renames of the swap: the old output is aside, whole, and
            // the next run puts it back.
            assert!(
                snapshot(&previous_of(&out)) == before,
                "killed {moment}: the previous output was lost"
            );
        }
    }

    let run = site.build(&[]);
    run.success();
    assert!(!staging.exists(), "the stale staging folder is cleaned up");
    assert!(!previous_of(&out).exists());
    let after = snapshot(&out);
    assert!(after.contains_key(&format!("stories/s{STORIES:05}/index.html")));
    let page = String::from_utf8_lossy(&after["stories/s00000/index.html"]).into_owned();
    assert!(page.contains("second version"), "the new build is in place");
    assert!(!page.contains("first version"));
}

#[test]
fn two_builds_of_the_same_output_at_once_never_mix() {
    const STORIES: usize = 400;
    let site = big_site(STORIES, "only version");
    let clean = site.beside("clean");
    site.build_to(&clean, &[]).success();
    let expected = snapshot(&clean);

    let out = site.out();
    // Twice: into a new folder, then over an existing output.
    for round in ["a new output", "an existing output"] {
        let first = spawn_build(&site, &out);
        let second = spawn_build(&site, &out);
        let mut built = 0;
        for build in [first, second] {
            let run = build.finish(Duration::from_secs(300));
            match run.code {
                Some(0) => built += 1,
                code => assert!(
                    run.stderr.contains("another rave process is writing"),
                    "{round}: exit {code:?} without the lock message:\n{}",
                    run.stderr
                ),
            }
        }
        assert!(built >= 1, "{round}: one of the two builds succeeds");
        assert!(
            snapshot(&out) == expected,
            "{round}: the output differs from a clean build's"
        );
        assert!(!staging_of(&out).exists(), "{round}: staging left behind");
        assert!(!previous_of(&out).exists(), "{round}: previous left behind");
    }
}

/// When to kill the build: a condition polled while it runs.
type KillMoment<'a> = Box<dyn Fn() -> bool + 'a>;
