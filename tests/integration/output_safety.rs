//! rave writes only into folders it owns: never into someone's files or the site itself, and a
//! rebuild replaces its own output completely.

use crate::util::{Site, snapshot};

fn one_story_site() -> Site {
    let site = Site::new();
    site.story(
        "only.md",
        "title: Only story\ndate: 2020-01-01\ncompany: Acme\nrating: B",
        "x\n",
    );
    site
}

#[test]
fn a_folder_with_someone_elses_files_is_refused() {
    let site = one_story_site();
    let theirs = site.beside("documents");
    std::fs::create_dir_all(&theirs).expect("mkdir");
    std::fs::write(theirs.join("notes.txt"), "my notes\n").expect("write");
    let everything_before = snapshot(&site.beside(""));

    let run = site.build_to(&theirs, &[]);
    assert_ne!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.contains("refusing to write"), "{}", run.stderr);
    assert!(
        run.stderr.contains(".rave-output"),
        "the reason is given: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(theirs.join("notes.txt")).expect("notes are still there"),
        b"my notes\n"
    );
    assert_eq!(
        snapshot(&site.beside("")),
        everything_before,
        "nothing was added, changed or removed anywhere"
    );
    let siblings: Vec<String> = std::fs::read_dir(site.beside(""))
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        siblings.iter().all(|n| !n.contains("rave")),
        "no lock or staging folder: {siblings:?}"
    );
}

#[test]
fn the_site_itself_is_refused_as_output() {
    let site = one_story_site();
    let before = snapshot(&site.beside(""));
    let root = site.root();

    let run = site.build_to(&root, &[]);
    assert_ne!(run.code, Some(0), "the site root: {run:?}");
    assert!(run.stderr.contains("refusing to write"), "{}", run.stderr);

    // The folder holding the site, and another site's folder.
    let run = site.build_to(&site.beside(""), &[]);
    assert_ne!(run.code, Some(0), "a parent of the site root: {run:?}");
    let other = site.beside("other-site");
    std::fs::create_dir_all(other.join("content")).expect("mkdir");
    let before_other = snapshot(&site.beside(""));
    let run = site.build_to(&other, &[]);
    assert_ne!(run.code, Some(0), "a folder holding content/: {run:?}");
    assert_eq!(snapshot(&site.beside("")), before_other);
    std::fs::remove_dir_all(&other).expect("clean up");

    assert_eq!(snapshot(&site.beside("")), before, "nothing changed");
    assert!(!root.join(".rave-output").exists());
}

#[test]
fn a_rebuild_replaces_its_own_output() {
    let site = one_story_site();
    site.story(
        "gone-soon.md",
        "title: Gone soon\ndate: 2020-02-01\ncompany: Vanishing Ltd\nrating: C",
        "x\n",
    );
    site.build(&[]).success();
    let out = site.out();
    assert!(out.join("stories/gone-soon/index.html").is_file());
    assert!(out.join("companies/vanishing-ltd/index.html").is_file());
    assert!(out.join(".rave-output").is_file());
    // A file someone dropped into rave's output is rave's to replace.
    std::fs::write(out.join("stray.txt"), "stray\n").expect("write");

    site.remove("content/stories/gone-soon.md");
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout.starts_with("Built 1 story, 1 company, "),
        "{}",
        run.stdout
    );
    assert!(out.join("stories/only/index.html").is_file());
    assert!(
        !out.join("stories/gone-soon").exists(),
        "stale story page left"
    );
    assert!(
        !out.join("companies/vanishing-ltd").exists(),
        "stale company page left"
    );
    assert!(!out.join("stray.txt").exists());
    assert!(!site.page("index.html").contains("Gone soon"));
    let siblings: Vec<String> = std::fs::read_dir(site.beside(""))
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("previous"))
        .collect();
    assert!(siblings.is_empty(), "left behind: {siblings:?}");
}

#[test]
fn an_empty_folder_is_used() {
    let site = one_story_site();
    let empty = site.beside("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    site.build_to(&empty, &[]).success();
    assert!(empty.join("stories/only/index.html").is_file());
    assert!(empty.join(".rave-output").is_file());
}
