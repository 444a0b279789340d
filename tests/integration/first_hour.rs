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

/// `rave check --root <site>`.
fn check(site: &Site) -> crate::util::Run {
    rave(&["check".as_ref(), "--root".as_ref(), site.root().as_os_str()])
}

#[test]
fn a_name_that_differs_from_its_profile_only_in_accents_is_that_company() {
    let site = Site::new();
    site.company("corner-cafe", "name: Corner Café", "A café on the corner.\n")
        .story(
            "a.md",
            "title: Coffee\ndate: 2023-01-01\nauthor: Ann\ncompanies:\n  - name: Corner Cafe\n    rating: A",
            "Good coffee.\n",
        )
        .story(
            "b.md",
            "title: More coffee\ndate: 2023-02-01\nauthor: Ann\ncompanies:\n  - name: CORNER CAFÉ\n    rating: B",
            "Good again.\n",
        );
    site.build(&[]).success();
    let page = site.page("companies/corner-cafe/index.html");
    assert!(
        page.contains("Coffee") && page.contains("More coffee"),
        "{page}"
    );

    let checked = check(&site);
    checked.success();
    assert!(
        checked.stdout.contains(
            "content/stories/a.md:6:11: warning: `Corner Cafe` is counted as `Corner Café`: the names differ only in accents"
        ),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stdout
            .contains("list `Corner Cafe` under `aliases:` in content/companies/corner-cafe.md"),
        "{}",
        checked.stdout
    );
    assert!(
        !checked.stdout.contains("CORNER CAFÉ"),
        "case alone is the same name"
    );

    // Without a profile, the first spelling written names the company.
    let bare = Site::new();
    bare.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Corner Café\nrating: A",
        "Text.\n",
    )
    .story(
        "b.md",
        "title: B\ndate: 2023-02-01\nauthor: Ann\ncompany: Corner Cafe\nrating: C",
        "Text.\n",
    );
    bare.build(&[]).success();
    let page = bare.page("companies/corner-cafe/index.html");
    assert!(page.contains("Corner Café"), "{page}");
}

#[test]
fn a_story_that_fails_to_load_does_not_make_its_profiles_look_unused() {
    let site = Site::new();
    site.company("acme", "name: Acme", "Acme sells things.\n")
        .author("ann", "name: Ann", "Ann writes.\n")
        .story(
            "a.md",
            "title: A\ndate: 2023-13-45\nauthor: ann\ncompany: Acme\nrating: B",
            "Text.\n",
        );
    let checked = check(&site);
    checked.expect_code(1);
    assert!(
        checked.stdout.contains("content/stories/a.md:3:7: error"),
        "{}",
        checked.stdout
    );
    assert!(
        !checked.stdout.contains("used by no story"),
        "{}",
        checked.stdout
    );
    assert!(
        checked.stdout.contains("1 error, 0 warnings"),
        "{}",
        checked.stdout
    );
}

#[test]
fn a_comment_without_an_author_is_reported_at_the_comment() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B\ncomments:\n  - author: Bo\n    date: 2023-01-02\n    body: First\n  - date: 2023-01-03\n    body: Second",
        "Text.\n",
    );
    let checked = check(&site);
    checked.expect_code(1);
    let out = &checked.stdout;
    assert!(
        out.contains("content/stories/a.md:11:5: error: missing required key `author`"),
        "{out}"
    );
    assert!(
        out.contains("add `author: ...` to this entry of `comments:`"),
        "{out}"
    );
    assert!(!out.contains("to the front matter"), "{out}");
}

#[test]
fn placeholder_text_and_anonymous_stories_are_warned_about() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    let company = rave(&[
        "new".as_ref(),
        "company".as_ref(),
        "Acme".as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
    ]);
    company.success();
    let checked = check(&site);
    checked.success();
    let out = &checked.stdout;
    assert!(
        out.contains("content/companies/acme.md:8:1: warning: the placeholder text of `rave new` is still here: \"What does the company do, and where?"),
        "{out}"
    );
    assert!(
        out.contains("content/stories/a.md:2:8: warning: this story has no `author:`, so it is credited to `Anonymous`"),
        "{out}"
    );

    // A site-wide author is a choice: no warning then.
    site.file(
        "site.yaml",
        "title: T\nbase_url: https://example.com\nauthor: The Editors\n",
    );
    assert!(!check(&site).stdout.contains("no `author:`"));
}
