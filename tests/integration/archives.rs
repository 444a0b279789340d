//! The story archive readers expect: every story at `/stories/`, a year's and a month's stories
//! at `/stories/2011/` and `/stories/2011/07/`, linked from story dates and the footer, and
//! every parent path of every page a page.

use std::collections::BTreeSet;

use crate::util::{Site, links_of, snapshot, text_of};

fn story(site: &Site, slug: &str, date: &str) {
    site.story(
        &format!("{slug}.md"),
        &format!("title: Story {slug}\ndate: {date}\nauthor: Ann Example\ncompanies:\n  - name: Acme\n    rating: B\ntags: [refunds]\n"),
        "A body.\n",
    );
}

/// A site of five stories over two years, two per page, with an old address and a page.
fn dated_site() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nstories_per_page: 2\n",
    );
    story(&site, "a", "2011-07-05");
    story(&site, "b", "2011-07-20");
    story(&site, "c", "2011-01-02");
    story(&site, "d", "2009-12-31");
    story(&site, "e", "2011-03-10");
    site.story(
        "old.md",
        "title: Old\ndate: 2010-05-01\naliases: [/2010/05/old-post/]\n",
        "Old.\n",
    );
    site.file(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout us.\n",
    );
    site.build(&[]).success();
    site
}

#[test]
fn years_and_months_list_their_stories_newest_first_with_pages() {
    let site = dated_site();
    let all = text_of(&site.page("stories/index.html"));
    assert!(all.contains("All stories"), "{all}");
    assert!(all.contains("6 stories"), "{all}");
    let order: Vec<usize> = ["Story b", "Story e", "Story c"]
        .iter()
        .map(|t| all.find(t).unwrap_or(usize::MAX))
        .collect();
    assert!(order[0] < order[1], "{all}");
    assert_eq!(order[2], usize::MAX, "page 1 holds two stories: {all}");
    assert!(site.page("stories/page/3/index.html").contains("Story d"));

    let year = site.page("stories/2011/index.html");
    let text = text_of(&year);
    assert!(text.contains("Stories from 2011"), "{text}");
    assert!(text.contains("4 stories"), "{text}");
    let links = links_of(&year);
    for month in [
        "/stories/2011/07/",
        "/stories/2011/03/",
        "/stories/2011/01/",
    ] {
        assert!(links.iter().any(|l| l == month), "{month} in {links:?}");
    }
    assert!(text.contains("July 2011"), "{text}");
    assert!(
        site.page("stories/2011/page/2/index.html")
            .contains("Story c")
    );

    let month = text_of(&site.page("stories/2011/07/index.html"));
    assert!(month.contains("Stories from July 2011"), "{month}");
    assert!(
        month.contains("Story a") && month.contains("Story b"),
        "{month}"
    );
    assert!(!month.contains("Story e"), "{month}");
    assert!(!site.out().join("stories/2011/02").exists());
}

#[test]
fn story_dates_and_the_footer_link_the_archive() {
    let site = dated_site();
    let story = site.page("stories/a/index.html");
    assert!(
        story.contains(r#"<a href="/stories/2011/07/"><time datetime="2011-07-05">"#),
        "{story}"
    );
    let home = site.page("index.html");
    assert!(
        home.contains(r#"<a href="/stories/2011/">2011</a>"#),
        "{home}"
    );
    assert!(text_of(&home).contains("2011 (4 stories)"), "{home}");
    assert!(text_of(&home).contains("2009 (1 story)"), "{home}");
    assert!(links_of(&home).iter().any(|l| l == "/stories/"), "{home}");
}

#[test]
fn every_parent_path_of_every_page_is_a_page() {
    let site = dated_site();
    let files = snapshot(&site.out());
    let pages: BTreeSet<String> = files
        .keys()
        .filter_map(|p| p.strip_suffix("index.html"))
        .map(|p| format!("/{p}"))
        .collect();
    let mut missing = Vec::new();
    for page in &pages {
        let mut path = page.trim_end_matches('/');
        while let Some(cut) = path.rfind('/') {
            path = &path[..cut];
            let parent = format!("{path}/");
            if !pages.contains(&parent) {
                missing.push(format!("{parent} (of {page})"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    // Parents without a page of their own send readers on to the nearest list.
    let to = |rel: &str| {
        let html = site.page(rel);
        html.split("url=")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(to("stories/page/index.html"), "/stories/");
    assert_eq!(to("stories/2011/page/index.html"), "/stories/2011/");
    assert_eq!(to("page/index.html"), "/");
    assert_eq!(to("pages/index.html"), "/");
    assert_eq!(to("2010/05/index.html"), "/stories/2010/05/");
    assert_eq!(to("2010/index.html"), "/stories/2010/");
}

#[test]
fn a_theme_without_the_archive_template_builds_without_archives() {
    let site = Site::new();
    let templates =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in std::fs::read_dir(&templates).expect("the default theme") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if name != "archive.html" {
            let text = std::fs::read_to_string(&path).expect("a template");
            site.file(&format!("themes/older/templates/{name}"), &text);
        }
    }
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\ntheme: older\n",
    );
    story(&site, "a", "2011-07-05");
    site.build(&[]).success();
    let out = site.out();
    assert!(out.join("stories/a/index.html").is_file());
    assert!(!out.join("stories/2011").exists(), "no year archive");
    let story = site.page("stories/a/index.html");
    assert!(
        !story.contains("/stories/2011/"),
        "no link to an archive: {story}"
    );
    // The trimmed URL still lands on a page: a redirect to the home page.
    let stories = site.page("stories/index.html");
    assert!(stories.contains("url=/\""), "{stories}");
}

#[test]
fn a_story_slug_that_is_an_archive_address_is_refused() {
    let site = Site::new();
    story(&site, "2011", "2011-07-05");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("content/stories/2011.md") && run.stderr.contains("`/stories/2011/`"),
        "{}",
        run.stderr
    );
}

#[test]
fn archive_titles_and_month_names_follow_the_language() {
    let site = dated_site();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nstories_per_page: 2\nlanguage: de\n",
    );
    site.build(&[]).success();
    let month = text_of(&site.page("stories/2011/07/index.html"));
    assert!(month.contains("Geschichten aus dem Juli 2011"), "{month}");
    let moved = site.page("stories/page/index.html");
    assert!(moved.contains("Weiterleitung"), "{moved}");
}
