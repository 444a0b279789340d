//! Blog features, the "Done when" of the blog-features feature: Atom feeds, the sitemap and
//! robots.txt, series, comments, figures and image credits, internal links, the search index,
//! pagination, scheduling by `SOURCE_DATE_EPOCH`, and author pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::util::{
    Run, Site, is_redirect_page, links_of, rave_with_env, read_page, snapshot, story_folders,
    text_of,
};

/// The fixture of this file (now is 2024-01-01):
///
/// | story | date | author | tags | category | series | companies |
/// |---|---|---|---|---|---|---|
/// | B1 opening-the-account | 2023-01-10 | `jane` (profile) | Banking, Phone | Banks | switching | First Bank `B` |
/// | B2 moving-the-money (updated 2023-06-01) | 2023-02-10 | `Jane Doe` (by name) | Banking | Banks | switching | First Bank `4/5`, Second Bank `C` |
/// | B3 closing-the-old-account | 2023-03-10 | `Bob Plain` (no profile) | Banking, Email | Banks | switching | Second Bank `F` |
/// | B4 a-day-at-the-shop (bundle) | 2023-04-10 | `Bob Plain` | Retail | | | Shop Co `90%` |
/// | B5 returns-desk (comments) | 2023-05-10 | `jane` | Retail, Phone | | | Shop Co verdict `good` |
/// | B6 the-final-statement | 2024-06-01 | `jane` | | | switching | First Bank `A` (held back) |
///
/// Quiet Co has a profile and no story.
fn blog_site(extra_site_yaml: &str) -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        format!(
            "title: Test Stories\nbase_url: https://example.com\ndescription: Stories about service.\n{extra_site_yaml}"
        ),
    );
    site.author("jane", "name: Jane Doe", "Jane writes about banks.\n")
        .company("quiet-co", "name: Quiet Co", "Nobody has rated it yet.\n")
        .file(
            "content/series/switching.md",
            "---\ntitle: Switching banks\n---\nMoving my money, in parts.\n",
        )
        .file(
            "content/pages/about.md",
            "---\ntitle: About\n---\nWho we are.\n",
        )
        .story(
            "opening-the-account.md",
            "title: Opening the account\ndate: 2023-01-10\nauthor: jane\ntags: [Banking, Phone]\ncategory: Banks\nseries: switching\ncompany: First Bank\nrating: B\nchannel: phone",
            "I opened an account.\n\nIt took a while.\n",
        )
        .story(
            "moving-the-money.md",
            "title: Moving the money\ndate: 2023-02-10\nupdated: 2023-06-01\nauthor: Jane Doe\ntags: [Banking]\ncategory: Banks\nseries: switching\ncompanies:\n  - name: First Bank\n    rating: 4/5\n  - name: Second Bank\n    rating: C",
            "Moving it all.\n\nSee [the first part](@/stories/opening-the-account.md).\n",
        )
        .story(
            "closing-the-old-account.md",
            "title: Closing the old account\ndate: 2023-03-10\nauthor: Bob Plain\ntags: [Banking, Email]\ncategory: Banks\nseries: switching\ncompany: Second Bank\nrating: F",
            "They lost my letter.\n",
        )
        .story(
            "a-day-at-the-shop/index.md",
            "title: A day at the shop\ndate: 2023-04-10\nauthor: Bob Plain\ntags: [Retail]\ncompany: Shop Co\nrating: 90%\nimage:\n  src: shop.svg\n  alt: The shop front\n  credit: Ann Photographer\n  credit_url: https://photos.example/ann",
            "A good day.\n\n![A folded receipt](receipt.svg \"The receipt, folded\")\n",
        )
        .file("content/stories/a-day-at-the-shop/shop.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("content/stories/a-day-at-the-shop/receipt.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .story(
            "returns-desk.md",
            "title: Returns desk\ndate: 2023-05-10\nauthor: jane\ntags: [Retail, Phone]\ncompany: Shop Co\nverdict: good\ncomments:\n  - author: Carol\n    date: 2023-05-12\n    body: |\n      Same here. <b>Really</b>.\n\n      <script>alert(1)</script>",
            "They took it back.\n",
        )
        .file(
            "content/stories/returns-desk.comments.yaml",
            "- author: Dan\n  date: 2023-05-11\n  body: See [my blog](https://dan.example/post).\n",
        )
        .story(
            "the-final-statement.md",
            "title: The final statement\ndate: 2024-06-01\nauthor: jane\nseries: switching\ncompany: First Bank\nrating: A",
            "All done.\n",
        );
    site
}

const B1: &str = "Opening the account";
const B2: &str = "Moving the money";
const B3: &str = "Closing the old account";
const B4: &str = "A day at the shop";
const B5: &str = "Returns desk";

/// Every feed of the fixture with its entries, newest first.
fn expected_feeds() -> BTreeMap<&'static str, Vec<&'static str>> {
    BTreeMap::from([
        ("atom.xml", vec![B5, B4, B3, B2, B1]),
        ("companies/first-bank/atom.xml", vec![B2, B1]),
        ("companies/second-bank/atom.xml", vec![B3, B2]),
        ("companies/shop-co/atom.xml", vec![B5, B4]),
        // A company with a profile but no story yet still has its (empty) feed.
        ("companies/quiet-co/atom.xml", vec![]),
        ("authors/jane/atom.xml", vec![B5, B2, B1]),
        ("authors/bob-plain/atom.xml", vec![B4, B3]),
        ("tags/banking/atom.xml", vec![B3, B2, B1]),
        ("tags/phone/atom.xml", vec![B5, B1]),
        ("tags/email/atom.xml", vec![B3]),
        ("tags/retail/atom.xml", vec![B5, B4]),
        ("categories/banks/atom.xml", vec![B3, B2, B1]),
        ("series/switching/atom.xml", vec![B3, B2, B1]),
    ])
}

/// A feed of the output, checked to be well-formed XML and parsed as a feed.
#[track_caller]
fn feed_of(out: &Path, rel: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
    let text = String::from_utf8(bytes.clone()).expect("a feed is UTF-8");
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rel} is not a feed: {e}"))
}

fn entry_titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            e.title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// Every `atom.xml` of an output folder.
fn feed_files(out: &Path) -> BTreeSet<String> {
    snapshot(out)
        .into_keys()
        .filter(|p| p == "atom.xml" || p.ends_with("/atom.xml"))
        .collect()
}

/// The `href` of every `<link rel="alternate" type="application/atom+xml">` of a page.
fn alternate_feeds(html: &str) -> Vec<String> {
    let marker = "<link rel=\"alternate\" type=\"application/atom+xml\"";
    html.match_indices(marker)
        .filter_map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>')?];
            links_of(tag).into_iter().next()
        })
        .collect()
}

/// The text between the first `from` and the next `to` after it.
#[track_caller]
fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let rest = &text[start..];
    match rest[from.len()..].find(to) {
        Some(end) => &rest[..from.len() + end],
        None => rest,
    }
}

#[test]
fn every_feed_parses_with_its_entries_newest_first_and_absolute_links() {
    let site = blog_site("");
    site.build(&[]).success();
    let out = site.out();
    let expected = expected_feeds();
    let made = feed_files(&out);
    let wanted: BTreeSet<String> = expected.keys().map(|k| (*k).to_owned()).collect();
    assert_eq!(
        made, wanted,
        "exactly one feed per site, company, author, term, series"
    );

    for (rel, titles) in &expected {
        let feed = feed_of(&out, rel);
        assert_eq!(entry_titles(&feed), *titles, "{rel}");
        let self_url = format!("https://example.com/{rel}");
        assert!(
            feed.links
                .iter()
                .any(|l| l.rel.as_deref() == Some("self") && l.href == self_url),
            "{rel} links to itself as {self_url}: {:?}",
            feed.links
        );
        for link in &feed.links {
            assert!(
                link.href.starts_with("https://example.com/"),
                "{rel}: feed link {}",
                link.href
            );
        }
        for entry in &feed.entries {
            let href = &entry.links.first().expect("an entry link").href;
            assert!(
                href.starts_with("https://example.com/stories/") && href.ends_with('/'),
                "{rel}: entry link {href}"
            );
            let content = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .unwrap_or_else(|| panic!("{rel}: full content by default"));
            for relative in ["href=\"/", "src=\"/", "src=\"receipt"] {
                assert!(
                    !content.contains(relative),
                    "{rel}: a relative URL in {content}"
                );
            }
        }
        // The page the feed follows links to it.
        let page_rel = rel.replace("atom.xml", "index.html");
        let page = read_page(&out, &page_rel);
        let feed_url = format!("/{rel}");
        assert!(
            alternate_feeds(&page).contains(&feed_url),
            "{page_rel} has <link rel=\"alternate\" type=\"application/atom+xml\" href={feed_url:?}>: {:?}",
            alternate_feeds(&page)
        );
    }

    // Dates and absolutised content of particular entries.
    let site_feed = feed_of(&out, "atom.xml");
    let moving = &site_feed.entries[3];
    assert_eq!(
        moving.published.map(|d| d.to_rfc3339()),
        Some("2023-02-10T00:00:00+00:00".to_owned())
    );
    assert_eq!(
        moving.updated.map(|d| d.to_rfc3339()),
        Some("2023-06-01T00:00:00+00:00".to_owned())
    );
    let body = moving
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default();
    assert!(
        body.contains("https://example.com/stories/opening-the-account/"),
        "{body}"
    );
    let shop = site_feed.entries[1]
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default();
    assert!(
        shop.contains("https://example.com/stories/a-day-at-the-shop/receipt.svg"),
        "{shop}"
    );
}

#[test]
fn feeds_respect_the_limit_and_summary_mode() {
    let site = blog_site("feed_limit: 2\nfeed_content: summary\n");
    site.build(&[]).success();
    let out = site.out();
    for (rel, titles) in expected_feeds() {
        let feed = feed_of(&out, rel);
        let first_two: Vec<&str> = titles.iter().take(2).copied().collect();
        assert_eq!(entry_titles(&feed), first_two, "{rel} keeps the newest two");
        for entry in &feed.entries {
            assert!(entry.content.is_none(), "{rel}: content in a summary feed");
            assert!(
                entry
                    .summary
                    .as_ref()
                    .is_some_and(|s| !s.content.is_empty()),
                "{rel}: an entry without summary"
            );
        }
    }
    // B5's summary is its first paragraph.
    let feed = feed_of(&out, "atom.xml");
    let summary = &feed.entries[0].summary.as_ref().expect("a summary").content;
    assert!(summary.contains("They took it back."), "{summary}");
}

#[test]
fn every_feed_link_of_every_page_points_to_a_feed() {
    let site = blog_site("");
    site.build(&[]).success();
    let out = site.out();
    let mut broken = Vec::new();
    for (rel, bytes) in snapshot(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8");
        for href in alternate_feeds(&html) {
            let target = href.trim_start_matches('/');
            if !out.join(target).is_file() {
                broken.push(format!("{rel} -> {href}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "feed links without a feed:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_sitemap_lists_exactly_the_published_pages() {
    let site = blog_site("");
    site.build(&[]).success();
    let out = site.out();
    let files = snapshot(&out);
    let pages: BTreeSet<String> = files
        .iter()
        .filter(|(p, _)| *p == "index.html" || p.ends_with("/index.html"))
        .filter(|(_, html)| !is_redirect_page(&String::from_utf8_lossy(html)))
        .map(|(p, _)| format!("https://example.com/{}", p.trim_end_matches("index.html")))
        .collect();
    assert!(pages.contains("https://example.com/pages/about/"));
    assert!(pages.contains("https://example.com/series/switching/"));

    let xml = read_page(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    let mut lastmod: BTreeMap<String, Option<String>> = BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let child = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.text())
                .map(str::to_owned)
        };
        let loc = child("loc").expect("a <loc>");
        assert!(
            lastmod.insert(loc.clone(), child("lastmod")).is_none(),
            "{loc} is listed twice"
        );
    }
    let locs: BTreeSet<String> = lastmod.keys().cloned().collect();
    assert_eq!(
        locs.difference(&pages).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "sitemap URLs without a page"
    );
    assert_eq!(
        pages.difference(&locs).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "pages missing from the sitemap"
    );
    assert!(!xml.contains("404"), "the 404 page is not listed");
    assert!(
        !xml.contains("the-final-statement"),
        "held-back story listed"
    );
    // lastmod of a story: `updated`, else `date`.
    let story = |slug: &str| lastmod[&format!("https://example.com/stories/{slug}/")].clone();
    assert_eq!(story("moving-the-money").as_deref(), Some("2023-06-01"));
    assert_eq!(story("opening-the-account").as_deref(), Some("2023-01-10"));
    assert_eq!(story("returns-desk").as_deref(), Some("2023-05-10"));

    let robots = read_page(&out, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.com/sitemap.xml"),
        "{robots}"
    );
    let own = "User-agent: *\nDisallow: /private/\n";
    site.file("static/robots.txt", own);
    site.build(&[]).success();
    assert_eq!(read_page(&out, "robots.txt"), own);
}

#[test]
fn series_stories_link_to_their_neighbours_and_announce_held_back_parts() {
    let site = blog_site("");
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .contains("Held back 1 story(ies) dated in the future"),
        "{}",
        run.stdout
    );
    // B1, B2, B3 are published; B6 (2024-06-01) is after now (2024-01-01).
    let middle = site.page("stories/moving-the-money/index.html");
    let text = text_of(&middle);
    // The held-back part counts: it is announced, so the series has four parts.
    assert!(text.contains("Part 2 of 4 in Switching banks"), "{text}");
    assert!(
        middle.contains("<a href=\"/stories/opening-the-account/\" rel=\"prev\">"),
        "previous part"
    );
    assert!(
        middle.contains("<a href=\"/stories/closing-the-old-account/\" rel=\"next\">"),
        "next part"
    );
    let first = text_of(&site.page("stories/opening-the-account/index.html"));
    assert!(first.contains("Part 1 of 4 in Switching banks"), "{first}");

    assert!(!site.out().join("stories/the-final-statement").exists());
    let series = site.page("series/switching/index.html");
    let series_text = text_of(&series);
    // Parts oldest first, then the announced one.
    let order = [B1, B2, B3, "The final statement coming 1 June 2024"];
    let mut last = 0;
    for item in order {
        let at = series_text
            .find(item)
            .unwrap_or_else(|| panic!("{item:?} on the series page: {series_text}"));
        assert!(at >= last, "series order: {series_text}");
        last = at;
    }
    assert!(
        !series.contains("/stories/the-final-statement/"),
        "a held-back story is not linked"
    );
}

#[test]
fn comments_from_front_matter_and_sidecar_are_shown_in_date_order_as_text() {
    let site = blog_site("");
    site.build(&[]).success();
    let html = site.page("stories/returns-desk/index.html");
    let text = text_of(&html);
    let comments = section(&text, "2 comments", "Built with rave");
    // Dan (sidecar, 2023-05-11) before Carol (front matter, 2023-05-12).
    let dan = comments.find("Dan · 11 May 2023").expect("Dan's comment");
    let carol = comments
        .find("Carol · 12 May 2023")
        .expect("Carol's comment");
    assert!(dan < carol, "date order: {comments}");
    assert!(
        comments.contains("<script>alert(1)</script>"),
        "the script is shown as text: {comments}"
    );
    assert!(comments.contains("<b>Really</b>"), "{comments}");
    assert!(!html.contains("<script>alert(1)"), "a comment ran a script");
    assert!(!html.contains("<b>Really"), "raw HTML from a comment");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("<a href=\"https://dan.example/post\" rel=\"nofollow ugc\">my blog</a>"),
        "comment links are nofollow ugc"
    );
    // The count shows on the story's card too.
    let home = text_of(&site.page("index.html"));
    assert!(
        section(&home, B5, B4).contains("2 comments"),
        "card count: {home}"
    );
}

#[test]
fn lead_images_have_alt_and_credit_and_titled_images_become_figures() {
    let site = blog_site("");
    site.build(&[]).success();
    let html = site.page("stories/a-day-at-the-shop/index.html");
    // The lead image is near the top, so never lazy; an SVG has no size rave reads (raster
    // images get `width` and `height`: see images.rs).
    assert!(
        html.contains("<img src=\"/stories/a-day-at-the-shop/shop.svg\" alt=\"The shop front\">"),
        "lead image with its alt, without size or loading=\"lazy\""
    );
    assert!(
        html.contains(
            "<a href=\"https://photos.example/ann\" rel=\"nofollow noopener\">Ann Photographer</a>"
        ),
        "the credit links to credit_url"
    );
    assert!(text_of(&html).contains("Photo: Ann Photographer"));
    let figure = section(&html, "<figure><img src=\"receipt.svg\"", "</figure>");
    assert!(figure.contains("alt=\"A folded receipt\""), "{figure}");
    assert!(figure.contains(" loading=\"lazy\""), "{figure}");
    assert!(!figure.contains(" width="), "an SVG has no size: {figure}");
    assert!(
        figure.contains("<figcaption>The receipt, folded</figcaption>"),
        "{figure}"
    );
    let out = site.out();
    assert!(out.join("stories/a-day-at-the-shop/shop.svg").is_file());
    assert!(out.join("stories/a-day-at-the-shop/receipt.svg").is_file());
    assert_eq!(
        section(&html, "property=\"og:image\"", ">"),
        "property=\"og:image\" content=\"https://example.com/stories/a-day-at-the-shop/shop.svg\""
    );
}

/// The line of `stderr` that starts with `prefix` (`file:line:`).
#[track_caller]
fn error_line<'a>(stderr: &'a str, prefix: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{stderr}"))
}

#[test]
fn internal_links_resolve_and_broken_ones_fail_the_build_with_file_and_line() {
    let site = blog_site("");
    site.build(&[]).success();
    let html = site.page("stories/moving-the-money/index.html");
    assert!(
        html.contains("<a href=\"/stories/opening-the-account/\">the first part</a>"),
        "internal link"
    );

    let broken = Site::new();
    // Lines: 1 `---`, 2 title, 3 date, 4 `---`, 5 body ... the link is on line 7.
    broken
        .story(
            "broken.md",
            "title: Broken\ndate: 2023-01-01",
            "Intro.\n\nSee [x](@/stories/nope.md) now.\n",
        )
        .story(
            "pics/index.md",
            "title: Pics\ndate: 2023-01-01",
            "Look:\n\nText.\n\n![x](missing.png)\n",
        );
    let run = broken.build(&[]);
    run.expect_code(1);
    assert!(
        error_line(&run.stderr, "content/stories/broken.md:7:")
            .contains("error: internal link `@/stories/nope.md` points to no content file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= help: write the path of a story or page under content/"),
        "{}",
        run.stderr
    );
    // The image is on line 9 of the bundle's index.md.
    assert!(
        error_line(&run.stderr, "content/stories/pics/index.md:9:")
            .contains("error: image `missing.png` not found beside the story"),
        "{}",
        run.stderr
    );
    assert!(!broken.out().join("index.html").exists(), "nothing built");
}

#[test]
fn the_search_index_lists_every_published_story() {
    let site = blog_site("");
    site.build(&[]).success();
    let out = site.out();
    // Five stories: one chunk of the index's entries.
    let index: Value =
        serde_json::from_str(&read_page(&out, "search-index/s/0.json")).expect("JSON");
    let entries = index.as_array().expect("a list");
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| e["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(
        titles,
        [B5, B4, B3, B2, B1],
        "one entry per published story"
    );
    let moving = &entries[3];
    assert_eq!(moving["url"], "/stories/moving-the-money/");
    assert_eq!(moving["author"], "Jane Doe");
    assert_eq!(moving["tags"], serde_json::json!(["Banking"]));
    // 4/5 = 80 -> B, good; C = 60, mixed.
    let companies: Vec<(&str, &str, &str)> = moving["companies"]
        .as_array()
        .expect("companies")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default(),
                c["rating"].as_str().unwrap_or_default(),
                c["verdict"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        companies,
        [("First Bank", "B", "good"), ("Second Bank", "C", "mixed")]
    );
    assert_eq!(
        entries[0]["companies"][0]["url"], "/companies/shop-co/",
        "{}",
        entries[0]
    );
    assert_eq!(entries[0]["companies"][0]["verdict"], "good");
    assert_eq!(entries[0]["author"], "Jane Doe");
    assert_eq!(entries[0]["tags"], serde_json::json!(["Retail", "Phone"]));

    let search = read_page(&out, "search/index.html");
    assert!(
        search.contains("<script src=\"/search.js\""),
        "loads search.js"
    );
    assert!(out.join("search.js").is_file());
}

/// Asserts that a list paginates into `pages` pages at `base`, `base/page/2/`, ...
#[track_caller]
fn assert_paginated(out: &Path, base: &str, pages: usize) {
    let rel = |n: usize| {
        let dir = base.trim_start_matches('/');
        if n == 1 {
            format!("{dir}index.html")
        } else {
            format!("{dir}page/{n}/index.html")
        }
    };
    let url = |n: usize| {
        if n == 1 {
            base.to_owned()
        } else {
            format!("{base}page/{n}/")
        }
    };
    for n in 1..=pages {
        let html = read_page(out, &rel(n));
        let next = format!("<a href=\"{}\" rel=\"next\"", url(n + 1));
        let prev = format!("<a href=\"{}\" rel=\"prev\"", url(n.saturating_sub(1)));
        assert_eq!(html.contains(&next), n < pages, "{} rel=next", rel(n));
        assert_eq!(html.contains(&prev), n > 1, "{} rel=prev", rel(n));
    }
    assert!(
        !out.join(rel(pages + 1)).exists(),
        "no page {} of {base}",
        pages + 1
    );
}

#[test]
fn lists_paginate_with_prev_and_next_links() {
    let site = blog_site("stories_per_page: 2\n");
    site.build(&[]).success();
    let out = site.out();
    // 5 stories, 2 a page: 3 pages.
    assert_paginated(&out, "/", 3);
    assert!(out.join("page/2/index.html").is_file());
    assert!(out.join("page/3/index.html").is_file());
    // Banking, Jane and Banks have 3 stories each: 2 pages; Retail has 2: one page.
    assert_paginated(&out, "/tags/banking/", 2);
    assert_paginated(&out, "/authors/jane/", 2);
    assert_paginated(&out, "/categories/banks/", 2);
    assert_paginated(&out, "/tags/retail/", 1);
    let home2 = text_of(&read_page(&out, "page/2/index.html"));
    assert!(home2.contains(B3) && home2.contains(B2), "{home2}");
    assert!(!home2.contains(B5) && !home2.contains(B1), "{home2}");
}

/// Runs `rave build` with `SOURCE_DATE_EPOCH` set and no `--now`.
fn build_with_epoch(site: &Site, output: &Path, epoch: &str) -> Run {
    let root = site.root();
    let args: [&std::ffi::OsStr; 5] = [
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        output.as_os_str(),
    ];
    rave_with_env(&args, &[("SOURCE_DATE_EPOCH", epoch)])
}

#[test]
fn source_date_epoch_holds_back_later_stories_like_now() {
    let site = blog_site("");
    // 1678838400 = 2023-03-15T00:00:00Z: 2023-01-01 is 1672531200, plus 31 + 28 + 14 days
    // (73 * 86400 = 6307200). B4 (04-10), B5 (05-10) and B6 (2024-06-01) come later.
    let by_epoch = site.beside("by-epoch");
    let run = build_with_epoch(&site, &by_epoch, "1678838400");
    run.success();
    assert!(
        run.stdout
            .contains("Held back 3 story(ies) dated in the future"),
        "{}",
        run.stdout
    );
    let stories = story_folders(&by_epoch);
    assert_eq!(
        stories,
        BTreeSet::from([
            "closing-the-old-account".to_owned(),
            "moving-the-money".to_owned(),
            "opening-the-account".to_owned(),
        ])
    );
    let by_flag = site.beside("by-flag");
    site.build_to(&by_flag, &["--now", "2023-03-15T00:00:00Z"])
        .success();
    assert_eq!(
        snapshot(&by_epoch),
        snapshot(&by_flag),
        "SOURCE_DATE_EPOCH and --now give the same site"
    );
}

#[test]
fn authors_without_profiles_get_pages_and_the_index_counts_stories() {
    let site = blog_site("");
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr
            .contains("author `Bob Plain` has no profile; a page is made from the name alone"),
        "{}",
        run.stderr
    );
    let bob = text_of(&site.page("authors/bob-plain/index.html"));
    assert!(bob.contains("Bob Plain"), "{bob}");
    assert!(bob.contains("2 stories"), "{bob}");
    assert!(bob.contains(B3) && bob.contains(B4), "{bob}");
    let authors = text_of(&site.page("authors/index.html"));
    // Jane: B1 and B5 by slug, B2 by name (B6 is held back).
    assert!(authors.contains("Bob Plain 2 stories"), "{authors}");
    assert!(authors.contains("Jane Doe 3 stories"), "{authors}");
    let index = site.page("authors/index.html");
    assert!(index.contains("href=\"/authors/bob-plain/\""));
    assert!(index.contains("href=\"/authors/jane/\""));
}
