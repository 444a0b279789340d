//! Photos inside a story's text with the caption, credit and credit link of its `photos:`,
//! written as the lead image's credit line; and what `build` and `check` say about entries that
//! are wrong or shown nowhere.

use crate::util::{Site, rave};

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>";

/// A story bundle with two images and a `photos:` list (`extra` is added to it).
fn photo_story(site: &Site, extra: &str) {
    site.file("content/stories/desk/desk.svg", SVG);
    site.file("content/stories/desk/van.svg", SVG);
    site.file(
        "content/stories/desk/index.md",
        format!(
            "---\ntitle: The desk\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B\nimage:\n  src: van.svg\n  alt: The van\n  credit: Lee <Studio>\n  credit_url: https://lee.example/\nphotos:\n  - src: desk.svg\n    caption: The desk <after> the refit\n    credit: Lee <Studio>\n    credit_url: https://lee.example/\n  - src: van.svg\n    credit: Kim & Co\n{extra}---\nThe desk was new.\n\n![The front desk](desk.svg)\n\n![The van](van.svg \"The van, loaded\")\n"
        ),
    );
}

#[test]
fn a_photo_of_the_text_shows_its_caption_and_credit_like_the_lead_image() {
    let site = Site::new();
    photo_story(&site, "");
    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("photo"), "{}", run.stderr);
    let page = site.page("stories/desk/index.html");
    let credit =
        "Photo: <a href=\"https://lee.example/\" rel=\"nofollow noopener\">Lee &lt;Studio&gt;</a>";
    let lead = &page[page.find("class=\"lead-image\"").expect("a lead image")..];
    assert!(
        lead.contains(&format!("<figcaption>{credit}</figcaption>")),
        "the lead image's credit line: {lead}"
    );
    assert!(
        page.contains(&format!(
            "alt=\"The front desk\" loading=\"lazy\" decoding=\"async\"><figcaption>The desk &lt;after&gt; the refit · {credit}</figcaption></figure>"
        )),
        "the same credit line under the photo of the text: {page}"
    );
    assert!(
        page.contains("<figcaption>The van, loaded · Photo: Kim &amp; Co</figcaption>"),
        "the Markdown title is the caption when the entry has none: {page}"
    );

    // The word before the credit is the site language's, as for the lead image.
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nlanguage: de\n",
    );
    site.build(&[]).success();
    let page = site.page("stories/desk/index.html");
    assert!(
        page.contains("the refit · Foto: <a href=\"https://lee.example/\""),
        "{page}"
    );
}

#[test]
fn photo_entries_that_are_wrong_or_shown_nowhere_are_reported_at_their_line() {
    let site = Site::new();
    photo_story(
        &site,
        "  - src: nowhere.svg\n    caption: Lost\n  - src: desk.svg\n    caption: Twice\n  - src: /img/a.svg\n    alt: An A\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "content/stories/desk/index.md:19:10: error: image `nowhere.svg` not found beside the story"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/stories/desk/index.md:21:10: error: photo `desk.svg` is listed twice in `photos:`"
        ),
        "{}",
        run.stderr
    );

    assert!(
        run.stderr.contains(
            "content/stories/desk/index.md:23:10: error: photo `/img/a.svg`: `alt` belongs in the text"
        ),
        "{}",
        run.stderr
    );

    // An entry no image alone in a paragraph uses: a warning of build and check.
    let site = Site::new();
    site.file("content/stories/desk/shop.svg", SVG);
    photo_story(
        &site,
        "  - src: shop.svg\n    caption: The shop\n  - src: /img/none.svg\n",
    );
    site.file("static/img/none.svg", SVG);
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr.contains(
            "content/stories/desk/index.md:19:10: warning: photo `shop.svg` of `photos:` is shown nowhere in the text"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/stories/desk/index.md:21:10: warning: photo `/img/none.svg` has neither a caption nor a credit"
        ),
        "{}",
        run.stderr
    );
    let root = site.root();
    let check = rave(&["check".as_ref(), "--root".as_ref(), root.as_os_str()]);
    assert!(
        check
            .stdout
            .contains("index.md:19:10: warning: photo `shop.svg` of `photos:` is shown nowhere"),
        "{}",
        check.stdout
    );

    // Once the text shows it alone in a paragraph, the warning is gone.
    site.file(
        "content/stories/desk/index.md",
        std::fs::read_to_string(root.join("content/stories/desk/index.md"))
            .expect("the story")
            .replace("The desk was new.", "![The shop](shop.svg)"),
    );
    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("shown nowhere"), "{}", run.stderr);
}
