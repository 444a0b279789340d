//! "More stories about <company>" at the end of a story page: the newest other stories rating
//! the same companies first, then those sharing a tag, the same on every build.

use crate::util::{Site, text_of};

fn story(site: &Site, slug: &str, date: &str, companies: &[&str], tags: &str) {
    let mentions: String = companies
        .iter()
        .map(|c| format!("  - name: {c}\n    rating: B\n"))
        .collect();
    let companies = if mentions.is_empty() {
        String::new()
    } else {
        format!("companies:\n{mentions}")
    };
    site.story(
        &format!("{slug}.md"),
        &format!("title: Story {slug}\ndate: {date}\ntags: [{tags}]\n{companies}"),
        "A body.\n",
    );
}

/// The titles in the "more stories" list of a story page, in order, and its heading.
fn related(site: &Site, slug: &str) -> (String, Vec<String>) {
    let html = site.page(&format!("stories/{slug}/index.html"));
    let Some(start) = html.find("<nav class=\"more-stories\"") else {
        return (String::new(), Vec::new());
    };
    let nav = &html[start..start + html[start..].find("</nav>").expect("closed")];
    let heading = text_of(&nav[nav.find("<h2").expect("heading")..nav.find("</h2>").expect("end")]);
    let titles = nav
        .split("<li>")
        .skip(1)
        .map(|li| text_of(&li[..li.find("</a>").expect("link")]))
        .collect();
    (heading, titles)
}

#[test]
fn the_newest_stories_of_the_same_companies_come_first_then_shared_tags() {
    let site = Site::new();
    story(&site, "main", "2020-06-01", &["Acme", "Brill"], "refunds");
    story(&site, "acme-old", "2019-01-01", &["Acme"], "other");
    story(&site, "acme-new", "2021-01-01", &["Acme"], "other");
    story(&site, "brill", "2020-01-01", &["Brill"], "other");
    story(&site, "tagged", "2022-01-01", &["Zed"], "refunds");
    story(&site, "unrelated", "2023-01-01", &["Yew"], "other");
    site.build(&[]).success();
    let (heading, titles) = related(&site, "main");
    assert_eq!(heading, "More stories about Acme");
    assert_eq!(
        titles,
        [
            "Story acme-new",
            "Story brill",
            "Story acme-old",
            "Story tagged"
        ]
    );
    // Sharing only a tag, the heading does not name a company.
    let (heading, titles) = related(&site, "tagged");
    assert_eq!(heading, "More stories like this");
    assert_eq!(titles, ["Story main"]);
    // A story that shares nothing has no list.
    site.story(
        "alone.md",
        "title: Alone\ndate: 2020-01-01\ntags: [solo]\n",
        "Text.\n",
    );
    site.build(&[]).success();
    assert_eq!(related(&site, "alone").1, Vec::<String>::new());
}

#[test]
fn the_heading_is_in_the_sites_language() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nbase_url: https://example.com\nlanguage: de\n",
    );
    story(&site, "a", "2020-01-01", &["Acme"], "x");
    story(&site, "b", "2021-01-01", &["Acme"], "y");
    site.build(&[]).success();
    assert_eq!(related(&site, "a").0, "Weitere Geschichten über Acme");
}
