//! `rave check` on a site whose build fails: the build's errors, and still the editorial
//! warnings about everything that loaded, whether the build stopped at the content, at the
//! templates or at the Markdown.

use crate::util::{Run, Site, rave};

/// A title over the length `rave check` warns about.
const LONG_TITLE: &str =
    "A very long title about a parcel that came late, then later, and then not at all";

fn check(site: &Site) -> Run {
    rave(&["check".as_ref(), "--root".as_ref(), site.root().as_os_str()])
}

/// A site with one fine story that `rave check` has two warnings about.
fn site_with_warnings() -> Site {
    let site = Site::new();
    site.story(
        "long.md",
        &format!("title: {LONG_TITLE}\ndate: 2024-01-01\ncompany: Acme\nrating: B"),
        "A parcel.\n\n![](/parcel.png)\n",
    );
    site
}

#[track_caller]
fn assert_reports(run: &Run, lines: &[&str]) {
    run.expect_code(1);
    for line in lines {
        assert!(run.stdout.contains(line), "no {line:?} in\n{}", run.stdout);
    }
    assert!(
        run.stdout.contains("`rave build` would fail"),
        "{}",
        run.stdout
    );
}

const WARNINGS: [&str; 2] = [
    "content/stories/long.md:2:8: warning: the title is 80 characters long",
    "content/stories/long.md:9:1: warning: image `/parcel.png` has no alt text",
];

#[test]
fn check_warns_about_what_loaded_when_a_story_has_errors() {
    let site = site_with_warnings();
    site.story("broken.md", "title: Broken\ndate: someday", "Body.\n");
    let run = check(&site);
    assert_reports(&run, &WARNINGS);
    assert!(
        run.stdout
            .contains("content/stories/broken.md:3:7: error: `date`"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_warns_about_the_content_when_a_template_has_errors() {
    let site = site_with_warnings();
    site.file("templates/story.html", "{% if %}broken{% endif %}\n");
    let run = check(&site);
    assert_reports(&run, &WARNINGS);
    assert!(
        run.stdout.contains("templates/story.html"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_warns_about_the_content_when_the_theme_cannot_be_found() {
    let site = site_with_warnings();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\ntheme: nowhere\n",
    );
    let run = check(&site);
    assert_reports(&run, &WARNINGS);
    assert!(run.stdout.contains("nowhere"), "{}", run.stdout);
}

#[test]
fn check_warns_about_the_content_when_the_markdown_has_errors() {
    let site = site_with_warnings();
    site.story(
        "linked.md",
        "title: Linked\ndate: 2024-01-02\ncompany: Acme\nrating: B",
        "See [the other story](@/stories/missing.md).\n",
    );
    let run = check(&site);
    assert_reports(&run, &WARNINGS);
    assert!(
        run.stdout
            .contains("content/stories/linked.md:7:5: error: internal link"),
        "{}",
        run.stdout
    );
}
