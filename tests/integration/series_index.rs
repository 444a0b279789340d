//! The `/series/` page (every series with its introduction, parts and newest part), what a theme
//! without its template gets (no page, and a site that still builds), and how a series page
//! numbers its parts.

use crate::util::{Site, text_of};

/// Two series: "The Long Refund" (a page of its own, two parts published, one announced after
/// the fixture's "now", 2024-01-01) and "Bank Switch" (no page, one older part).
fn two_series_site() -> Site {
    let site = Site::new();
    site.file(
        "content/series/the-long-refund.md",
        "---\ntitle: The Long Refund <saga>\n---\nOne oven & three calls.\n\n<!-- more -->\n\nThe rest stays on the series page.\n",
    );
    for (slug, title, date, series) in [
        (
            "part-one",
            "Part one: the oven",
            "2023-05-01",
            "the-long-refund",
        ),
        (
            "part-two",
            "Part two: the call",
            "2023-06-01",
            "the-long-refund",
        ),
        (
            "part-three",
            "Part three: the refund",
            "2024-03-06",
            "the-long-refund",
        ),
        (
            "switch-one",
            "Switching, part one",
            "2022-02-01",
            "Bank Switch",
        ),
    ] {
        site.story(
            &format!("{slug}.md"),
            &format!(
                "title: \"{title}\"\ndate: {date}\nauthor: Ann\nseries: {series}\ncompany: Ovenco\nrating: C"
            ),
            "Text.\n",
        );
    }
    site
}

#[test]
fn the_series_page_lists_every_series_with_its_parts_and_newest_part() {
    let site = two_series_site();
    site.build(&[]).success();
    let page = site.page("series/index.html");
    let main = &page[page.find("<main").expect("main")..];
    let text = text_of(main);
    // The series continued most recently first.
    let refund = text
        .find("The Long Refund <saga>")
        .expect("the first series");
    let switch = text.find("Bank Switch").expect("the second series");
    assert!(refund < switch, "{text}");
    assert!(
        main.contains("<a href=\"/series/the-long-refund/\">The Long Refund &lt;saga&gt;</a>"),
        "{main}"
    );
    assert!(
        main.contains("<a href=\"/series/bank-switch/\">Bank Switch</a>"),
        "{main}"
    );
    assert!(
        text.contains("2 parts · 1 more to come"),
        "published and announced parts: {text}"
    );
    assert!(text.contains("1 part"), "{text}");
    assert!(
        main.contains("<p>One oven &amp; three calls.</p>"),
        "the introduction, shortened: {main}"
    );
    assert!(!main.contains("The rest stays"), "{main}");
    assert!(
        main.contains("Newest part: <a href=\"/stories/part-two/\">Part two: the call</a>"),
        "{main}"
    );
    assert!(
        !main.contains("/stories/part-three/"),
        "an announced part is not linked: {main}"
    );

    // Each series page leads to it, and the sitemap lists it.
    let series = site.page("series/the-long-refund/index.html");
    assert!(
        series.contains("<p class=\"kicker\"><a href=\"/series/\">Series</a></p>"),
        "{series}"
    );
    let sitemap = site.page("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.com/series/</loc>"),
        "{sitemap}"
    );

    // A site without series still has the page, saying so.
    let empty = Site::new();
    empty.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    empty.build(&[]).success();
    assert!(text_of(&empty.page("series/index.html")).contains("No series yet."));
}

#[test]
fn a_series_page_numbers_its_parts_in_the_site_language() {
    let site = two_series_site();
    site.build(&[]).success();
    let series = text_of(&site.page("series/the-long-refund/index.html"));
    let one = series.find("Part 1 Part one: the oven").expect("part 1");
    let two = series.find("Part 2 Part two: the call").expect("part 2");
    assert!(one < two, "{series}");

    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nlanguage: de\n",
    );
    site.build(&[]).success();
    let series = text_of(&site.page("series/the-long-refund/index.html"));
    assert!(series.contains("Teil 2 Part two: the call"), "{series}");
    let index = text_of(&site.page("series/index.html"));
    assert!(index.contains("Reihen"), "{index}");
    assert!(index.contains("2 Teile · 1 weiterer Teil folgt"), "{index}");
    let story = text_of(&site.page("stories/part-two/index.html"));
    assert!(
        story.contains("Teil 2 von 3 der Reihe"),
        "the announced part counts: {story}"
    );
}

/// A theme of its own with every required template, each printing a line of its page.
fn own_theme(site: &Site) {
    for name in [
        "index.html",
        "story.html",
        "company.html",
        "companies.html",
        "leaderboard.html",
        "author.html",
        "authors.html",
        "tag.html",
        "tags.html",
        "page.html",
        "search.html",
        "404.html",
    ] {
        site.file(
            &format!("themes/plain/templates/{name}"),
            "{% extends \"base.html\" %}{% block content %}{{ meta.title }}{% endblock content %}",
        );
    }
    site.file(
        "themes/plain/templates/base.html",
        "<!doctype html><title>{{ meta.title }}</title>{% block content %}{% endblock content %}",
    );
    site.file(
        "themes/plain/templates/series.html",
        "{% extends \"base.html\" %}{% block content %}{{ series.title }}: {% if site.urls.series %}all at {{ site.urls.series }}{% else %}no list of series{% endif %}{% endblock content %}",
    );
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\ntheme: plain\n",
    );
}

#[test]
fn a_theme_without_the_series_list_template_builds_without_the_page() {
    let site = two_series_site();
    own_theme(&site);
    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("series-index"), "{}", run.stderr);
    // No list of series: the trimmed URL /series/ only sends readers on to the home page.
    assert!(crate::util::is_redirect_page(
        &site.page("series/index.html")
    ));
    assert!(
        site.out()
            .join("series/the-long-refund/index.html")
            .exists()
    );
    assert!(
        site.page("series/the-long-refund/index.html")
            .contains("The Long Refund &lt;saga&gt;: no list of series")
    );
    assert!(!site.page("sitemap.xml").contains("/series/</loc>"));

    // Once the theme has the template, the page is made and linked.
    site.file(
        "themes/plain/templates/series-index.html",
        "{% extends \"base.html\" %}{% block content %}{% for s in all_series %}[{{ s.title }} {{ s.part_count }}]{% endfor %}{% endblock content %}",
    );
    site.build(&[]).success();
    assert!(
        site.page("series/index.html")
            .contains("[The Long Refund &lt;saga&gt; 2][Bank Switch 1]")
    );
    assert!(
        site.page("series/the-long-refund/index.html")
            .contains("all at /series/")
    );
}
