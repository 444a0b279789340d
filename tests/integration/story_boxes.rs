//! What a story page says around the story: the box about its writer, the box of its series
//! (introduction, every part, the next part to come with its writer and date), and the lead
//! photo's caption beside its credit.

use crate::util::{Site, text_of};

/// A series of two published parts and one dated after the fixture's "now" (2024-01-01).
fn series_site() -> Site {
    let site = Site::new();
    site.file(
        "content/series/the-long-refund.md",
        "---\ntitle: The Long Refund\n---\nOne oven & three calls. Told in parts.\n\n<!-- more -->\n\nThe rest of the introduction stays on the series page.\n",
    );
    site.author(
        "kim-ode",
        "name: Kim Ode\ntagline: Reads the small print <first>\navatar: /img/kim.svg\nwebsite: https://kim.example",
        "Kim writes about kitchens.\n\nA second paragraph that only the author page shows.\n",
    );
    site.file(
        "static/img/kim.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    for (slug, title, date, author) in [
        ("part-one", "Part one: the oven", "2023-05-01", "kim-ode"),
        ("part-two", "Part two: the call", "2023-06-01", "kim-ode"),
        (
            "part-three",
            "Part three: <the refund>",
            "2024-03-06",
            "Lee Marr",
        ),
    ] {
        site.story(
            &format!("{slug}.md"),
            &format!(
                "title: \"{title}\"\ndate: {date}\nauthor: {author}\nseries: the-long-refund\ncompany: Ovenco\nrating: C"
            ),
            "Text.\n",
        );
    }
    site
}

#[test]
fn the_series_box_lists_every_part_and_names_the_next_one_to_come() {
    let site = series_site();
    site.build(&[]).success();
    let page = site.page("stories/part-two/index.html");
    let series_box = &page[page.find("class=\"series-box\"").expect("a series box")..];
    assert!(
        series_box.contains("<p>One oven &amp; three calls. Told in parts.</p>"),
        "the introduction, shortened at the more marker: {series_box}"
    );
    assert!(
        !series_box.contains("The rest of the introduction"),
        "{series_box}"
    );
    assert!(
        series_box.contains("<li><a href=\"/stories/part-one/\">Part one: the oven</a></li>"),
        "{series_box}"
    );
    assert!(
        series_box.contains("<b aria-current=\"page\">Part two: the call</b>"),
        "{series_box}"
    );
    let text = text_of(series_box);
    assert!(
        text.contains("Part three: <the refund> coming 6 March 2024"),
        "the announced part, escaped: {text}"
    );
    assert!(
        series_box.contains("Part three: &lt;the refund&gt;"),
        "{series_box}"
    );
    assert!(
        text.contains("Next, on 6 March 2024: Lee Marr on “Part three: <the refund>”"),
        "the last published part names the next one, its writer and date: {text}"
    );
    assert!(
        !page.contains("href=\"/stories/part-three/\""),
        "an announced part is not linked: {page}"
    );

    // The first part has a published next part: no announcement line there.
    let first = site.page("stories/part-one/index.html");
    assert!(first.contains("rel=\"next\""), "{first}");
    assert!(!text_of(&first).contains("Next, on"), "{first}");

    // Once its date has come, the third part is published and nothing is announced.
    site.build(&["--now", "2024-04-01"]).success();
    let page = site.page("stories/part-two/index.html");
    assert!(
        page.contains("<a href=\"/stories/part-three/\">Part three: &lt;the refund&gt;</a>"),
        "{page}"
    );
    assert!(!text_of(&page).contains("Next, on"), "{page}");
}

#[test]
fn the_series_page_names_the_writer_of_each_announced_part() {
    let site = series_site();
    site.author("lee-marr", "name: Lee Marr", "Lee keeps receipts.\n");
    site.build(&[]).success();
    let page = site.page("series/the-long-refund/index.html");
    assert!(
        page.contains("6 March 2024</time>, by <a href=\"/authors/lee-marr/\">Lee Marr</a>"),
        "the writer, linked to their page: {page}"
    );
    let story = site.page("stories/part-two/index.html");
    assert!(
        story.contains(
            "<a href=\"/authors/lee-marr/\">Lee Marr</a> on “Part three: &lt;the refund&gt;”"
        ),
        "{story}"
    );
}

#[test]
fn the_author_box_shows_what_the_profile_gives() {
    let site = series_site();
    site.build(&[]).success();
    let page = site.page("stories/part-one/index.html");
    let start = page
        .find("class=\"person author-box\"")
        .expect("an author box");
    let author_box = &page[start..start + page[start..].find("</aside>").expect("its end")];
    assert!(
        author_box.contains(
            "<img class=\"avatar\" src=\"/img/kim.svg\" alt=\"\" width=\"64\" height=\"64\""
        ),
        "{author_box}"
    );
    assert!(
        author_box.contains(">About <a href=\"/authors/kim-ode/\" rel=\"author\">Kim Ode</a></h2>"),
        "{author_box}"
    );
    assert!(
        author_box.contains("<p class=\"muted\">Reads the small print &lt;first&gt;</p>"),
        "{author_box}"
    );
    assert!(
        author_box.contains("<p>Kim writes about kitchens.</p>"),
        "the short bio is the first paragraph: {author_box}"
    );
    assert!(!author_box.contains("A second paragraph"), "{author_box}");
    assert!(
        author_box.contains("href=\"https://kim.example\""),
        "{author_box}"
    );

    // Absent fields are simply absent: a profile with a bio only.
    site.author("kim-ode", "name: Kim Ode", "Kim writes about kitchens.\n");
    site.build(&[]).success();
    let page = site.page("stories/part-one/index.html");
    let start = page
        .find("class=\"person author-box\"")
        .expect("an author box");
    let author_box = &page[start..start + page[start..].find("</aside>").expect("its end")];
    assert!(!author_box.contains("<img"), "{author_box}");
    assert!(!author_box.contains("class=\"muted\""), "{author_box}");
    assert!(!author_box.contains("external"), "{author_box}");
    assert!(
        author_box.contains("<p>Kim writes about kitchens.</p>"),
        "{author_box}"
    );

    // A writer without a profile, or whose profile says nothing but the name, gets no box.
    site.author("kim-ode", "name: Kim Ode", "");
    site.build(&[]).success();
    assert!(
        !site
            .page("stories/part-one/index.html")
            .contains("author-box")
    );
    site.build(&["--now", "2024-04-01"]).success();
    assert!(
        !site
            .page("stories/part-three/index.html")
            .contains("author-box")
    );
}

#[test]
fn the_lead_photo_has_a_caption_apart_from_its_credit() {
    let site = Site::new();
    site.file(
        "static/img/shop.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B\nimage:\n  src: /img/shop.svg\n  alt: The shop front\n  caption: The counter <after> the refit\n  credit: Ann Photographer\n  credit_url: https://photos.example/ann",
        "Text.\n",
    );
    site.story(
        "b.md",
        "title: B\ndate: 2023-01-02\nauthor: Ann\ncompany: Acme\nrating: B\nimage:\n  src: /img/shop.svg\n  alt: The shop front\n  caption: Only a caption",
        "Text.\n",
    );
    site.build(&[]).success();
    let a = site.page("stories/a/index.html");
    assert!(
        a.contains("<figcaption>The counter &lt;after&gt; the refit · Photo: <a href=\"https://photos.example/ann\" rel=\"nofollow noopener\">Ann Photographer</a></figcaption>"),
        "{a}"
    );
    let b = site.page("stories/b/index.html");
    assert!(b.contains("<figcaption>Only a caption</figcaption>"), "{b}");
}
