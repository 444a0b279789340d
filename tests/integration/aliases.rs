//! `aliases:` on stories and pages: redirect pages, the `_redirects` file, and collisions.

use crate::util::{Site, errors_of};

const STORY: &str = "title: Refund at last\ndate: 2023-03-01";

#[test]
fn aliases_get_redirect_pages_and_a_redirects_file_but_no_sitemap_entry() {
    let site = Site::new();
    site.story(
        "refund.md",
        &format!(
            "{STORY}\naliases:\n  - /2019/07/refund-at-last/\n  - /2019/%C3%BCber\n  - /?p=12"
        ),
        "The story.",
    )
    .file(
        "content/pages/about.md",
        "---\ntitle: About\naliases: [/about-us/]\n---\nUs.",
    );
    site.build(&[]).success();
    let page = site.page("2019/07/refund-at-last/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.com/stories/refund/\">"),
        "{page}"
    );
    assert!(
        page.contains("http-equiv=\"refresh\" content=\"0; url=/stories/refund/\""),
        "{page}"
    );
    assert!(
        site.page("2019/\u{fc}ber/index.html")
            .contains("/stories/refund/")
    );
    assert!(site.page("about-us/index.html").contains("/pages/about/"));
    let redirects = site.page("_redirects");
    assert_eq!(
        redirects,
        "/ p=12 /stories/refund/ 301\n\
         /2019/07/refund-at-last/ /stories/refund/ 301\n\
         /2019/%C3%BCber/ /stories/refund/ 301\n\
         /about-us/ /pages/about/ 301\n"
    );
    let sitemap = site.page("sitemap.xml");
    assert!(
        !sitemap.contains("refund-at-last") && !sitemap.contains("about-us"),
        "{sitemap}"
    );
    let feed = site.page("atom.xml");
    assert!(!feed.contains("refund-at-last"), "{feed}");
}

#[test]
fn a_site_without_aliases_has_no_redirects_file() {
    let site = Site::new();
    site.story("refund.md", STORY, "The story.");
    site.build(&[]).success();
    assert!(!site.out().join("_redirects").exists());
}

#[test]
fn colliding_aliases_name_both_files() {
    let site = Site::new();
    site.story(
        "refund.md",
        &format!("{STORY}\naliases: [/old/, /stories/other/]"),
        "The story.",
    )
    .story(
        "other.md",
        "title: Other\ndate: 2023-03-02\naliases: [/old]",
        "Other.",
    );
    let all = rendered_errors(&site);
    assert!(
        all.contains("alias `/old/` is also an alias of content/stories/"),
        "{all}"
    );
    assert!(
        all.contains(
            "alias `/stories/other/` is the address of the story content/stories/other.md"
        ),
        "{all}"
    );
}

#[test]
fn aliases_that_are_no_site_path_are_errors_at_their_place() {
    let site = Site::new();
    site.story(
        "bad.md",
        "title: Bad\ndate: 2023-03-03\naliases: [old/x, /a/../b/]",
        "Bad.",
    );
    let all = rendered_errors(&site);
    assert!(
        all.contains("bad.md:4:11: error: alias `old/x` must start with `/`"),
        "{all}"
    );
    assert!(
        all.contains("bad.md:4:18: error: alias `/a/../b/` has the path segment `..`"),
        "{all}"
    );
}

fn rendered_errors(site: &Site) -> String {
    let errors = errors_of(site);
    let all: Vec<String> = errors.iter().map(|d| d.render()).collect();
    all.join("\n")
}
