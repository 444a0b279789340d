//! Content errors: reported together with file, line and a fix, and never touching the output.
//! Front matter edge cases go through the library pipeline so that positions can be checked
//! as data.

use std::path::Path;

use rave::diagnostics::{Diagnostic, Position};

use crate::util::{Site, errors_of, snapshot, text_of};

/// The one error about `path`.
#[track_caller]
fn error_for<'a>(errors: &'a [Diagnostic], path: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.path == Path::new(path))
        .collect();
    assert_eq!(found.len(), 1, "one error for {path}: {errors:#?}");
    found[0]
}

/// Pages of an in-memory build that must succeed without errors.
#[track_caller]
fn pages_of(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    match rave::pipeline::build_in_memory(&site.options()) {
        Ok((pages, _)) => pages,
        Err(diagnostics) => panic!("the build failed:\n{}", diagnostics.render()),
    }
}

fn page_text(pages: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = pages
        .get(path)
        .unwrap_or_else(|| panic!("no page {path} in {:?}", pages.keys()));
    String::from_utf8(bytes.clone()).expect("pages are UTF-8")
}

fn good_story(site: &Site) {
    site.story(
        "good.md",
        "title: Good story\ndate: 2020-01-01\ncompany: Acme\nrating: B",
        "Fine.\n",
    );
}

#[test]
fn all_errors_of_a_run_are_reported_and_the_previous_output_is_kept() {
    let site = Site::new();
    good_story(&site);
    site.build(&[]).success();
    let before = snapshot(&site.out());
    assert!(before.contains_key("stories/good/index.html"));

    site.story(
        "a.md",
        "title: Broken YAML\ndate: 2020-01-01\ntags: [one, two",
        "x\n",
    )
    .story(
        "b.md",
        "title: Typo\ndate: 2020-01-01\ncompnay: Acme\nrating: B",
        "x\n",
    )
    .story(
        "c.md",
        "title: Too good\ndate: 2020-01-01\ncompany: Acme\nrating: 11/10",
        "x\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = &run.stderr;
    for prefix in [
        "content/stories/a.md:4:",
        "content/stories/b.md:4:1: error: unknown key `compnay`",
        "content/stories/c.md:5:9: error: rating \"11/10\" is out of range",
    ] {
        assert!(
            stderr.lines().any(|l| l.starts_with(prefix)),
            "stderr should have a line starting with {prefix:?}:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("= help: did you mean `company`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("5 | rating: 11/10"),
        "source line shown: {stderr}"
    );
    assert!(stderr.contains("3 errors, "), "{stderr}");
    assert!(!stderr.contains("content/stories/good.md"), "{stderr}");
    assert!(run.stdout.is_empty(), "no summary: {}", run.stdout);

    assert_eq!(
        snapshot(&site.out()),
        before,
        "the previous output is byte-for-byte untouched"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.beside(""))
        .expect("read the temporary folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("previous"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn every_broken_key_of_one_file_is_reported_in_one_run() {
    let site = Site::new();
    good_story(&site);
    site.story(
        "broken.md",
        "title: Broken\ndate: 2020-13-45\ntitel: typo\ncompany: Acme\nrating: Z+\ntags: not-a-list\nslugg: x",
        "Body.\n",
    );
    let errors = errors_of(&site);
    let mut found: Vec<(usize, String)> = errors
        .iter()
        .filter(|d| d.path == Path::new("content/stories/broken.md"))
        .map(|d| (d.position.map_or(0, |p| p.line), d.message.clone()))
        .collect();
    found.sort();
    let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
    // Each broken entry at its own line: the date (3), the unknown key (4), the rating (6), the
    // tags (7) and the second unknown key (8).
    assert_eq!(lines, vec![3, 4, 6, 7, 8], "{found:#?}");
    assert!(found[1].1.contains("`titel`"), "{found:#?}");
    assert!(found[4].1.contains("`slugg`"), "{found:#?}");
    // Later errors show their own line, although entries before them were set aside.
    let rating = errors
        .iter()
        .find(|d| d.message.contains("Z+"))
        .expect("the rating error");
    assert_eq!(rating.source_line.as_deref(), Some("rating: Z+"));
    // The story is not half-loaded: nothing else fails because of it.
    assert!(
        errors
            .iter()
            .all(|d| d.path == Path::new("content/stories/broken.md")),
        "{errors:#?}"
    );
}

#[test]
fn a_missing_bundle_image_is_an_error_at_its_line() {
    let site = Site::new();
    site.file("content/stories/trip/photo.svg", "<svg/>").story(
        "trip/index.md",
        "title: Trip\ndate: 2021-04-01\nimage:\n  src: photo.png\n  alt: A photo",
        "x\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.lines().any(|l| l
            .starts_with("content/stories/trip/index.md:5:8: error: image `photo.png` not found")),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "nothing is written");

    // A single story file cannot have files beside it: the help says how to make a bundle.
    let site = Site::new();
    site.story(
        "trip.md",
        "title: Trip\ndate: 2021-04-01\nimage: {src: photo.svg, alt: A photo}",
        "x\n",
    );
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/trip.md");
    assert_eq!(error.position.map(|p| p.line), Some(4));
    assert!(
        error
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("index.md"),
        "{error:#?}"
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let site = Site::new();
    site.file(
        "content/stories/bom.md",
        b"\xEF\xBB\xBF---\ntitle: Marked story\ndate: 2020-01-01\n---\nBOM body\n",
    );
    let pages = pages_of(&site);
    let page = page_text(&pages, "stories/bom/index.html");
    assert!(!page.contains('\u{feff}'), "the BOM leaked into the page");
    let text = text_of(&page);
    assert!(text.contains("Marked story"), "{text}");
    assert!(text.contains("BOM body"), "{text}");
}

#[test]
fn crlf_line_ends_are_accepted() {
    let site = Site::new();
    site.file(
        "content/stories/crlf.md",
        "---\r\ntitle: Windows story\r\ndate: 2020-01-01\r\ncompany: Acme\r\nrating: A\r\n---\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n",
    );
    let pages = pages_of(&site);
    let page = page_text(&pages, "stories/crlf/index.html");
    assert!(page.contains("<p>First paragraph.</p>"), "{page}");
    assert!(page.contains("<p>Second paragraph.</p>"), "{page}");
    assert!(!page.contains("Windows story\r"), "{page}");
    assert!(text_of(&page).contains("Grade A (95 out of 100), good"));
    assert!(pages.contains_key("companies/acme/index.html"));
}

#[test]
fn a_thematic_break_in_the_body_stays_in_the_body() {
    let site = Site::new();
    site.story(
        "break.md",
        "title: Two parts\ndate: 2020-01-01",
        "Part one.\n\n---\n\nPart two.\n",
    );
    let pages = pages_of(&site);
    let page = page_text(&pages, "stories/break/index.html");
    let one = page.find("Part one.").expect("first part");
    let hr = page[one..].find("<hr").expect("the break is a <hr>") + one;
    let two = page.find("Part two.").expect("second part");
    assert!(one < hr && hr < two, "{page}");
}

#[test]
fn an_unclosed_front_matter_is_an_error_at_line_one() {
    let site = Site::new();
    good_story(&site);
    site.file(
        "content/stories/open.md",
        "---\ntitle: Open\ndate: 2020-01-01\n\nBody without a fence.\n",
    );
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/open.md");
    assert_eq!(error.position, Some(Position::new(1, 1)));
    assert!(error.message.contains("never closed"), "{error:#?}");
    assert!(error.help.as_deref().unwrap_or_default().contains("---"));
    assert_eq!(errors.len(), 1, "the good story is fine: {errors:#?}");
}

#[test]
fn a_file_without_front_matter_is_an_error() {
    let site = Site::new();
    site.file(
        "content/stories/plain.md",
        "Just some text.\n\n---\n\nMore.\n",
    );
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/plain.md");
    assert!(error.message.contains("no front matter"), "{error:#?}");
    assert_eq!(error.position.map(|p| p.line), Some(1));
}

#[test]
fn an_empty_file_is_an_error() {
    let site = Site::new();
    site.file("content/stories/empty.md", "");
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/empty.md");
    assert!(error.message.contains("no front matter"), "{error:#?}");
}

#[test]
fn invalid_utf8_is_an_error_at_the_bad_byte() {
    let site = Site::new();
    site.file(
        "content/stories/latin1.md",
        b"---\ntitle: Caf\xE9 story\ndate: 2020-01-01\n---\nx\n",
    );
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/latin1.md");
    assert!(error.message.contains("UTF-8"), "{error:#?}");
    assert_eq!(error.position, Some(Position::new(2, 11)));
}

#[test]
fn a_bare_number_rating_suggests_its_scales() {
    let site = Site::new();
    site.story(
        "bare.md",
        "title: Bare\ndate: 2020-01-01\ncompany: Acme\nrating: 4",
        "x\n",
    );
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/bare.md");
    assert_eq!(error.position, Some(Position::new(5, 9)));
    assert!(error.message.contains("bare number"), "{error:#?}");
    let help = error.help.as_deref().unwrap_or_default();
    assert!(help.contains("4/5"), "{help}");
    assert!(help.contains("4%"), "{help}");
    assert_eq!(error.source_line.as_deref(), Some("rating: 4"));
}

#[test]
fn an_impossible_date_is_an_error() {
    let site = Site::new();
    site.story("feb.md", "title: February\ndate: 2011-02-30", "x\n");
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/feb.md");
    assert_eq!(error.position.map(|p| p.line), Some(3));
    assert!(error.message.contains("2011-02-30"), "{error:#?}");
    assert!(
        error
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("YYYY-MM-DD"),
        "{error:#?}"
    );
}

#[test]
fn two_stories_with_the_same_slug_are_an_error_naming_both() {
    let site = Site::new();
    site.story(
        "first.md",
        "title: First\ndate: 2020-01-01\nslug: same-story",
        "x\n",
    )
    .story(
        "second.md",
        "title: Second\ndate: 2020-02-01\nslug: same-story",
        "x\n",
    );
    let errors = errors_of(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let message = &errors[0].message;
    assert!(message.contains("same-story"), "{message}");
    assert!(message.contains("content/stories/first.md"), "{message}");
    assert!(message.contains("content/stories/second.md"), "{message}");

    // A file name and another story's explicit slug collide too.
    let site = Site::new();
    site.story("same-story.md", "title: First\ndate: 2020-01-01", "x\n")
        .story(
            "other.md",
            "title: Second\ndate: 2020-02-01\nslug: same-story",
            "x\n",
        );
    let errors = errors_of(&site);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("content/stories/same-story.md"));
    assert!(errors[0].message.contains("content/stories/other.md"));
}

#[test]
fn a_duplicate_key_is_an_error_in_plain_words() {
    let site = Site::new();
    site.story(
        "twice.md",
        "title: One\ndate: 2020-01-01\ntitle: Two",
        "x\n",
    );
    let errors = errors_of(&site);
    let error = error_for(&errors, "content/stories/twice.md");
    assert_eq!(error.position, Some(Position::new(4, 1)), "{error:#?}");
    assert!(error.message.contains("title"), "{error:#?}");
    assert!(error.help.is_some(), "{error:#?}");
    // The message is for bloggers: it must not name the YAML library's settings.
    assert!(
        !error.message.contains("DuplicateKeyPolicy") && !error.message.contains("Options"),
        "the message leaks parser internals: {:?}",
        error.message
    );
}

#[test]
fn a_static_file_that_clashes_with_a_page_is_reported() {
    // static/robots.txt replaces the generated one on purpose; a static file at the path of a
    // generated page would be overwritten without a word.
    let site = Site::new();
    good_story(&site);
    site.file("static/index.html", "<p>my own home page</p>\n")
        .file("static/stories/good/index.html", "<p>mine</p>\n");
    let run = site.build(&[]);
    let home = std::fs::read_to_string(site.out().join("index.html")).unwrap_or_default();
    let reported = run.stderr.contains("static/index.html")
        && run.stderr.contains("static/stories/good/index.html");
    assert!(
        reported,
        "exit {:?}; the clash is not reported (home page now starts {:?}); stderr:\n{}",
        run.code,
        home.lines().next().unwrap_or_default(),
        run.stderr
    );
}
