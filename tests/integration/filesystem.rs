//! The file system as a careless user or an attacker leaves it: symbolic links out of the site,
//! leftovers of killed builds, odd output folders, and the files `rave new` writes.

use std::path::{Path, PathBuf};

use crate::kill::{previous_of, spawn_build};
use crate::live::out_text;
use crate::util::{Run, Running, Site, args, free_port, get, rave, serve, snapshot};

/// A folder outside the site holding a secret file, as a link target.
fn outside_secret(site: &Site) -> PathBuf {
    let outside = site.beside("elsewhere");
    std::fs::create_dir_all(outside.join("deep")).expect("create the outside folder");
    std::fs::write(outside.join("secret.txt"), "TOP-SECRET-1").expect("write a secret");
    std::fs::write(
        outside.join("leak.md"),
        "---\ntitle: Leaked story\ndate: 2023-01-01\n---\nTOP-SECRET-2\n",
    )
    .expect("write a secret story");
    std::fs::write(outside.join("deep/secret.css"), "TOP-SECRET-3").expect("write a secret");
    outside
}

/// A minimal site: `site.yaml`, `static/`, one story.
fn minimal_site() -> Site {
    let site = Site::new();
    site.file("static/robots-note.txt", "hello");
    site.story(
        "a.md",
        "title: A shop\ndate: 2023-05-01\ncompany: Acme\nrating: B",
        "It went fine.\n",
    );
    site
}

#[cfg(unix)]
fn link(target: &Path, link: &Path) {
    if let Some(parent) = link.parent() {
        std::fs::create_dir_all(parent).expect("create the link's folder");
    }
    std::os::unix::fs::symlink(target, link).expect("make a symbolic link");
}

/// Copies the default theme's templates into `dest`, to make a theme of the site's own.
fn copy_default_templates(dest: &Path) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in std::fs::read_dir(&source).expect("read the default theme") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            std::fs::create_dir_all(dest).expect("create the theme folder");
            std::fs::copy(&path, dest.join(path.file_name().expect("a name"))).expect("copy");
        }
    }
}

/// Panics if any file of `out` holds a secret from [`outside_secret`].
#[track_caller]
fn assert_no_secret(out: &Path) {
    for (path, bytes) in snapshot(out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("TOP-SECRET"),
            "{path} holds a file from outside the site"
        );
    }
}

#[cfg(unix)]
#[test]
fn folders_linked_outside_the_site_are_never_published() {
    for linked in [
        "static",
        "static/sub",
        "content",
        "content/stories",
        "content/stories/nested",
        "themes/mine/static",
        "templates",
    ] {
        let site = minimal_site();
        if linked.starts_with("themes") {
            site.file(
                "site.yaml",
                "title: T\nbase_url: https://example.com\ntheme: mine\n",
            );
            copy_default_templates(&site.root().join("themes/mine/templates"));
        }
        let outside = outside_secret(&site);
        let path = site.root().join(linked);
        if path.exists() {
            std::fs::remove_dir_all(&path).expect("remove the real folder");
        }
        link(&outside, &path);
        let run = site.build(&[]);
        run.success();
        assert!(
            run.stderr.contains(linked) && run.stderr.contains("symbolic link not followed"),
            "{linked}: the link is named\n{}",
            run.stderr
        );
        assert_eq!(
            run.stderr.matches("symbolic link not followed").count(),
            1,
            "{linked}: the link is named once\n{}",
            run.stderr
        );
        assert_no_secret(&site.out());
    }
}

#[cfg(unix)]
#[test]
fn linked_files_and_a_linked_site_yaml_are_not_read() {
    let site = minimal_site();
    let outside = outside_secret(&site);
    link(
        &outside.join("secret.txt"),
        &site.root().join("static/secret.txt"),
    );
    link(
        &outside.join("leak.md"),
        &site.root().join("content/stories/leak.md"),
    );
    link(
        &outside.join("secret.txt"),
        &site.root().join("templates/404.html"),
    );
    let run = site.build(&[]);
    run.success();
    for name in [
        "static/secret.txt",
        "content/stories/leak.md",
        "templates/404.html",
    ] {
        assert!(
            run.stderr.contains(name),
            "{name} is named as not followed\n{}",
            run.stderr
        );
    }
    assert_no_secret(&site.out());

    std::fs::rename(site.root().join("site.yaml"), outside.join("site.yaml")).expect("move");
    link(&outside.join("site.yaml"), &site.root().join("site.yaml"));
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn serve_never_serves_a_file_from_outside_the_site() {
    let site = minimal_site();
    let outside = outside_secret(&site);
    std::fs::remove_dir_all(site.root().join("static")).expect("remove static/");
    link(&outside, &site.root().join("static"));
    link(&outside, &site.root().join("content/stories/linked"));
    let (rave, port) = serve(&site, free_port());
    rave.wait_for_line("symbolic link not followed");
    for path in ["/secret.txt", "/deep/secret.css", "/stories/leak/"] {
        let reply = get(port, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("TOP-SECRET"), "{path}");
    }
    assert_eq!(get(port, "/").status, 200);
}

// ---------------------------------------------------------------------------------------------
// `rave new story` with every combination of its flags, then `rave build`.
// ---------------------------------------------------------------------------------------------

/// The flags of one `rave new story` run: every subset of author, companies (none, one
/// without a rating, one with, both), tags and draft.
fn new_story_flag_sets() -> Vec<Vec<String>> {
    let company_sets: [&[&str]; 4] = [
        &[],
        &["--company", "Acme Stores"],
        &["--company", "Acme Stores", "--rating", "B+"],
        &[
            "--company",
            "Acme Stores",
            "--rating",
            "4/5",
            "--company",
            "Quickline: Buses",
        ],
    ];
    let mut sets = Vec::new();
    for author in [false, true] {
        for companies in company_sets {
            for tags in [false, true] {
                for draft in [false, true] {
                    let mut flags: Vec<String> = Vec::new();
                    if author {
                        flags.extend(["--author".into(), "wren-castellano".into()]);
                    }
                    flags.extend(companies.iter().map(|s| (*s).to_owned()));
                    if tags {
                        flags.extend(["--tags".into(), "refunds,buses".into()]);
                    }
                    if draft {
                        flags.push("--draft".into());
                    }
                    sets.push(flags);
                }
            }
        }
    }
    sets
}

/// Runs `rave new story` with each flag set in the site at `root`, building after each.
fn every_new_story_builds(root: &Path, out: &Path) {
    let root_arg = root.to_str().expect("UTF-8 path").to_owned();
    let out_arg = out.to_str().expect("UTF-8 path").to_owned();
    for (i, flags) in new_story_flag_sets().into_iter().enumerate() {
        let title = if i == 0 {
            "Hello".to_owned()
        } else {
            format!("Hello {i}")
        };
        let mut args = vec![
            "new".to_owned(),
            "story".to_owned(),
            title,
            "--root".to_owned(),
            root_arg.clone(),
            "--now".to_owned(),
            "2024-01-01".to_owned(),
        ];
        args.extend(flags.iter().cloned());
        rave(&args).success();
        let built: Run = rave(&[
            "build",
            "--root",
            &root_arg,
            "--output",
            &out_arg,
            "--drafts",
            "--now",
            "2024-06-01",
        ]);
        assert_eq!(
            built.code,
            Some(0),
            "rave new story {flags:?} wrote a story the build rejects:\n{}",
            built.stderr
        );
    }
}

#[test]
fn every_combination_of_new_story_flags_builds_in_a_fresh_init_site() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("site");
    rave(&[
        "init".as_ref(),
        root.as_os_str(),
        "--base-url".as_ref(),
        "https://example.com".as_ref(),
    ])
    .success();
    every_new_story_builds(&root, &tmp.path().join("out"));
}

#[test]
fn every_combination_of_new_story_flags_builds_in_a_minimal_site() {
    let site = minimal_site();
    every_new_story_builds(&site.root(), &site.out());
}

// ---------------------------------------------------------------------------------------------
// Leftovers of killed builds.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_build_killed_while_removing_the_previous_output_never_blocks_the_next() {
    const FILES: usize = 1_000;
    let site = minimal_site();
    for i in 0..FILES {
        site.file(&format!("static/f{i:05}.txt"), format!("file {i}"));
    }
    let out = site.out();
    site.build(&[]).success();
    let previous = previous_of(&out);
    let marker = rave::output::MARKER;
    let mut kills = 0;
    for _ in 0..15 {
        if kills == 3 {
            break;
        }
        let build = spawn_build(&site, &out);
        // The moment the removal of the old output has begun: its marker is gone, or most of
        // its files are.
        let killed = loop {
            if build.exited().is_some() {
                break false;
            }
            let removing = previous.is_dir()
                && (!previous.join(marker).exists()
                    || std::fs::read_dir(&previous).map_or(0, |d| d.count()) < FILES / 4);
            if removing {
                build.kill();
                break true;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        };
        if !killed {
            continue;
        }
        kills += 1;
        let run = site.build(&[]);
        assert_eq!(
            run.code,
            Some(0),
            "the build after a kill during cleanup failed:\n{}",
            run.stderr
        );
        assert!(!previous.exists(), "the leftover is removed");
        assert!(out.join("f00000.txt").is_file());
    }
    assert!(
        kills > 0,
        "no kill landed during the removal of the old output"
    );
}

#[test]
fn a_leftover_rave_did_not_make_is_never_removed_and_the_message_says_what_to_do() {
    let site = minimal_site();
    let out = site.out();
    site.build(&[]).success();
    let previous = previous_of(&out);
    std::fs::create_dir_all(&previous).expect("create");
    std::fs::write(previous.join("mine.txt"), "keep me").expect("write");
    let run = site.build(&[]);
    run.expect_code(3);
    assert!(
        run.stderr.contains("was not made by rave") && run.stderr.contains("move it away"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(previous.join("mine.txt")).expect("kept"),
        "keep me"
    );
}

// ---------------------------------------------------------------------------------------------
// An empty site over a published one.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_missing_content_folder_warns_and_never_replaces_published_stories_unless_told() {
    let site = minimal_site();
    let out = site.out();
    site.build(&[]).success();
    let published = snapshot(&out);
    std::fs::rename(site.root().join("content"), site.beside("content.old")).expect("move");

    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("no content/ folder"), "{}", run.stderr);
    assert!(run.stderr.contains("--allow-empty"), "{}", run.stderr);
    assert!(snapshot(&out) == published, "the published site is kept");

    // build --watch refuses the same way, before writing anything.
    let watch = Running::spawn(&args(&[
        &"build",
        &"--watch",
        &"--now",
        &"2024-01-01",
        &"--root",
        &site.root(),
        &"--output",
        &out,
    ]));
    watch
        .finish(std::time::Duration::from_secs(60))
        .expect_code(1);
    assert!(snapshot(&out) == published, "the published site is kept");

    site.build(&["--allow-empty"]).success();
    assert!(
        crate::util::story_folders(&out).is_empty(),
        "told to, the empty site is published"
    );
    // An empty site over an output without stories needs no flag.
    site.build(&[]).success();
}

// ---------------------------------------------------------------------------------------------
// The output folder as a link.
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_written_through_and_stays_a_link() {
    let site = minimal_site();
    let served = site.beside("www");
    site.build_to(&served, &[]).success();
    let public = site.beside("public");
    link(&served, &public);
    for version in ["first", "second"] {
        site.story(
            "a.md",
            &format!("title: A shop, {version} draft\ndate: 2023-05-01\ncompany: Acme\nrating: B"),
            "It went fine.\n",
        );
        site.build_to(&public, &[]).success();
        assert!(
            std::fs::symlink_metadata(&public).is_ok_and(|m| m.file_type().is_symlink()),
            "{version}: the link is kept"
        );
        let page = std::fs::read_to_string(served.join("stories/a/index.html"))
            .expect("the story page is in the linked folder");
        assert!(page.contains(&format!("{version} draft")), "{version}");
    }

    let dangling = site.beside("dangling");
    link(&site.beside("nowhere"), &dangling);
    let run = site.build_to(&dangling, &[]);
    run.expect_code(3);
    assert!(
        run.stderr.contains("symbolic link to nothing"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Watched folders replaced by new ones.
// ---------------------------------------------------------------------------------------------

/// Replaces the site folder `name` by a copy of itself, as git and sync tools do:
/// `mv name name.old; cp -r name.old name`.
#[cfg(unix)]
fn replace_by_copy(site: &Site, name: &str) {
    let dir = site.root().join(name);
    let old = site.root().join(format!("{name}.old"));
    std::fs::rename(&dir, &old).expect("move the folder away");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(&old)
        .arg(&dir)
        .status()
        .expect("run cp");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn build_watch_keeps_watching_folders_replaced_by_copies() {
    let site = minimal_site();
    let out = site.out();
    let rave = Running::spawn(&args(&[
        &"build",
        &"--watch",
        &"--root",
        &site.root(),
        &"--output",
        &out,
        &"--now",
        &"2024-01-01",
    ]));
    rave.wait_for_line("Watching for changes");
    for (folder, rel, file, text) in [
        (
            "content",
            "stories/a/index.html",
            "content/stories/a.md",
            "---\ntitle: Edited after the swap\ndate: 2023-05-01\n---\nNew text.\n",
        ),
        (
            "static",
            "late.txt",
            "static/late.txt",
            "made after the swap",
        ),
    ] {
        let before = rave.rebuilds();
        replace_by_copy(&site, folder);
        rave.wait_for("the rebuild after the swap", || {
            if rave.rebuilds() > before {
                Ok(())
            } else {
                Err(rave.stdout())
            }
        });
        site.file(file, text);
        let needle = if folder == "content" {
            "Edited after the swap"
        } else {
            text
        };
        rave.wait_for(&format!("an edit in the new {folder}/"), || {
            out_text(&out, rel).and_then(|page| {
                if page.contains(needle) {
                    Ok(())
                } else {
                    Err(format!("{rel} has no {needle:?}"))
                }
            })
        });
    }
}

#[cfg(unix)]
#[test]
fn serve_keeps_watching_a_content_folder_replaced_by_a_copy() {
    let site = minimal_site();
    let (rave, port) = serve(&site, free_port());
    replace_by_copy(&site, "content");
    // Let the swap be seen and built before the edit.
    std::thread::sleep(std::time::Duration::from_millis(800));
    site.story(
        "a.md",
        "title: Edited after the swap\ndate: 2023-05-01",
        "New text.\n",
    );
    rave.wait_for("the edit to be served", || {
        let reply = get(port, "/stories/a/");
        if reply.body.contains("Edited after the swap") {
            Ok(())
        } else {
            Err(format!("status {}", reply.status))
        }
    });
}

#[test]
fn new_story_refuses_a_slug_a_story_in_a_subfolder_or_a_slug_key_already_has() {
    let site = minimal_site();
    site.story(
        "2023/bar.md",
        "title: An old bar\ndate: 2023-01-01",
        "Old.\n",
    );
    site.story(
        "renamed.md",
        "title: Another\ndate: 2023-01-02\nslug: baz",
        "Other.\n",
    );
    let root = site.root();
    for (title, existing) in [
        ("Bar", "content/stories/2023/bar.md"),
        ("Baz", "content/stories/renamed.md"),
    ] {
        let run = rave(&[
            "new".as_ref(),
            "story".as_ref(),
            title.as_ref(),
            "--root".as_ref(),
            root.as_os_str(),
        ]);
        run.expect_code(1);
        assert!(run.stderr.contains(existing), "{title}: {}", run.stderr);
        assert!(
            !root
                .join(format!("content/stories/{}.md", title.to_lowercase()))
                .exists(),
            "{title}: nothing written"
        );
    }
    site.build(&[]).success();
}

#[test]
fn an_output_inside_a_folder_the_build_reads_is_refused() {
    let site = minimal_site();
    for inside in ["static/out", "content/out", "themes/out"] {
        let out = site.root().join(inside);
        let run = site.build_to(&out, &[]);
        run.expect_code(3);
        assert!(
            run.stderr.contains("inside the site's") && run.stderr.contains("public"),
            "{inside}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{inside}: nothing written");
    }
    let static_files: Vec<_> = std::fs::read_dir(site.root().join("static"))
        .expect("static/")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        static_files.len(),
        1,
        "static/ is as it was: {static_files:?}"
    );
}

#[test]
fn a_bundle_file_and_a_static_file_of_one_output_path_are_an_error() {
    let site = minimal_site();
    site.story(
        "trip/index.md",
        "title: Trip\ndate: 2023-02-01\ncompany: Acme\nrating: A",
        "![The desk](desk.txt)\n",
    );
    site.file("content/stories/trip/desk.txt", "from the bundle");
    site.file("static/stories/trip/desk.txt", "from static");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("content/stories/trip/desk.txt")
            && run.stderr.contains("static/stories/trip/desk.txt")
            && run.stderr.contains("stories/trip/desk.txt`"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_site_yaml_that_is_a_fifo_is_an_error_not_a_hang() {
    let site = minimal_site();
    let config = site.root().join("site.yaml");
    std::fs::remove_file(&config).expect("remove site.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&config)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let build = Running::spawn(&args(&[
        &"build",
        &"--now",
        &"2024-01-01",
        &"--root",
        &site.root(),
        &"--output",
        &site.out(),
    ]));
    let run = build.finish(std::time::Duration::from_secs(30));
    run.expect_code(1);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn init_force_writes_nothing_through_links_and_leaves_no_half_made_site() {
    let tmp = tempfile::tempdir().expect("tmp");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("create");
    let dir = tmp.path().join("site");
    std::fs::create_dir_all(&dir).expect("create");
    link(&elsewhere, &dir.join("content"));
    link(&tmp.path().join("nowhere"), &dir.join("static"));
    let run = rave(&["init".as_ref(), dir.as_os_str(), "--force".as_ref()]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("content` is a symbolic link")
            && run.stderr.contains("static` is a symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(&elsewhere).expect("read").count(),
        0,
        "nothing written through the link"
    );
    assert!(!dir.join("site.yaml").exists(), "no half-made site");
    assert!(!tmp.path().join("nowhere").exists());
}
