//! What a new blogger meets in the first hour with the real binary: what `rave init` tells
//! them, what a build outside a site says, and pages that link only to files they have.

use crate::util::{Site, rave};

#[test]
fn init_with_a_base_url_does_not_ask_for_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let with = tmp.path().join("with");
    let given = rave(&[
        "init".as_ref(),
        with.as_os_str(),
        "--base-url".as_ref(),
        "https://tales.example.org".as_ref(),
    ]);
    given.success();
    assert!(!given.stdout.contains("Set base_url"), "{}", given.stdout);

    let without = tmp.path().join("without");
    let default = rave(&["init".as_ref(), without.as_os_str()]);
    default.success();
    assert!(
        default.stdout.contains("Set base_url"),
        "{}",
        default.stdout
    );
}

#[test]
fn a_build_outside_a_site_says_nothing_was_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let failed = rave(&["build".as_ref(), "--root".as_ref(), tmp.path().as_os_str()]);
    failed.expect_code(1);
    assert!(
        failed.stderr.contains("build failed; nothing was written"),
        "{}",
        failed.stderr
    );
    assert!(
        !failed.stderr.contains("previous output"),
        "{}",
        failed.stderr
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("list").collect();
    assert!(left.is_empty(), "nothing was left behind: {left:?}");

    // With an earlier output, that output is what was kept.
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    site.build(&[]).success();
    site.story("a.md", "title: A\ndate: not a date", "Text.\n");
    let again = site.build(&[]);
    again.expect_code(1);
    assert!(
        again
            .stderr
            .contains("build failed; the previous output was left as it was"),
        "{}",
        again.stderr
    );
}

#[test]
fn the_icon_every_page_links_to_is_published_by_the_default_theme() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    site.build(&[]).success();
    let page = site.page("index.html");
    assert!(page.contains("href=\"/favicon.svg\""), "{page}");
    assert!(site.page("favicon.svg").starts_with("<svg"));

    // A site's own icon replaces the theme's.
    site.file("static/favicon.svg", "<svg id=\"mine\"/>");
    site.build(&[]).success();
    assert_eq!(site.page("favicon.svg"), "<svg id=\"mine\"/>");
}
