//! What customer-story posts say that rave understands: grades stated in words, several
//! categories, rankings of a chosen length, reader comments as they were written.

use crate::util::{Run, Site, rave};

/// `rave check --root <site>`.
fn check(site: &Site) -> Run {
    rave(&["check".as_ref(), "--root".as_ref(), site.root().as_os_str()])
}

#[test]
fn a_grade_stated_in_the_title_or_first_line_must_match_the_rating() {
    let site = Site::new();
    site.story(
        "nike.md",
        "title: Nike earns an A+\ndate: 2023-01-01\nauthor: Ann\ncompanies:\n  - name: Nike\n    rating: C\n  - name: Parcelco\n    rating: ugly",
        "\nWhy Parcelco gets an F, and why that is fair.\n",
    );
    let checked = check(&site);
    checked.success();
    let out = &checked.stdout;
    assert!(
        out.contains(
            "content/stories/nike.md:2:8: warning: the title gives `Nike` an A+, but the story rates it `C`"
        ),
        "{out}"
    );
    assert!(
        out.contains("change the `rating:` of `Nike` (named on line 6)"),
        "{out}"
    );
    assert!(!out.contains("Parcelco"), "an F agrees with ugly: {out}");

    site.story(
        "nike.md",
        "title: Nike earns an A+\ndate: 2023-01-01\nauthor: Ann\ncompany: Nike\nrating: A",
        "Nike: D, for the returns desk alone.\n",
    );
    let out = check(&site).stdout;
    assert!(!out.contains("the title gives"), "{out}");
    assert!(
        out.contains("content/stories/nike.md:8:1: warning: the first line gives `Nike` a D, but the story rates it `A`"),
        "{out}"
    );
}

#[test]
fn reader_comments_keep_their_time_of_day_and_their_quotes() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B\ncomments:\n  - author: Bo\n    date: 2023-01-02T09:30:00+02:00\n    body: \"> You said it took a week.\\n\\nIt took two.\"\n  - author: Cy\n    date: 2023-01-03\n    body: Same here.",
        "Text.\n",
    );
    site.build(&[]).success();
    let page = site.page("stories/a/index.html");
    assert!(
        page.contains("<time datetime=\"2023-01-02T07:30:00Z\">2 January 2023, 09:30</time>"),
        "{page}"
    );
    assert!(
        page.contains("<time datetime=\"2023-01-03\">3 January 2023</time>"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"comment-body\"><blockquote>\n<p>You said it took a week.</p>"),
        "{page}"
    );
    // Quotes are styled wherever they stand, the comments' included.
    let css = site.page("style.css");
    assert!(
        css.contains("\nblockquote{"),
        "quotes of comments are styled"
    );
}

#[test]
fn the_worst_list_has_the_chosen_length_and_averages_speak_as_the_stories_do() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nbase_url: https://example.com\nauthor: Ann\nranking: { min_ratings: 1, limit: 2 }\n",
    );
    for (slug, company, rating) in [
        ("good", "Goodco", "A"),
        ("fine", "Fineco", "B"),
        ("poor", "Poorco", "D-"),
        ("awful", "Awfulco", "F"),
        ("ugly", "Uglyco", "1/5\nverdict: ugly"),
    ] {
        site.story(
            &format!("{slug}.md"),
            &format!(
                "title: About {company}\ndate: 2023-01-01\ncompany: {company}\nrating: {rating}"
            ),
            "Text.\n",
        );
    }
    site.build(&[]).success();
    let worst = site.page("companies/worst/index.html");
    let listed: Vec<&str> = ["Goodco", "Fineco", "Poorco", "Awfulco", "Uglyco"]
        .into_iter()
        .filter(|c| worst.contains(&format!(">{c}<")))
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        !listed.contains(&"Goodco") && !listed.contains(&"Fineco"),
        "{listed:?}"
    );
    let best = site.page("companies/best/index.html");
    assert!(
        best.contains(">Goodco<") && best.contains(">Fineco<"),
        "{best}"
    );

    // One story called it ugly: its average says so, not "bad".
    let ugly = site.page("companies/uglyco/index.html");
    assert!(ugly.contains("), ugly"), "{ugly}");
    assert!(!ugly.contains("), bad"), "{ugly}");

    site.file(
        "site.yaml",
        "title: T\nbase_url: https://example.com\nranking: { limit: 0 }\n",
    );
    let refused = site.build(&[]);
    refused.expect_code(1);
    assert!(
        refused.stderr.contains("`ranking.limit` must be 1 or more"),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_story_can_be_filed_under_several_categories() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B\ncategory: [Retail, Travel]",
        "Text.\n",
    )
    .story(
        "b.md",
        "title: B\ndate: 2023-01-02\nauthor: Ann\ncompany: Acme\nrating: B\ncategories:\n  - Travel\n  - Food and drink",
        "Text.\n",
    );
    site.build(&[]).success();
    let story = site.page("stories/a/index.html");
    assert!(
        story.contains("Filed under <a class=\"category\" href=\"/categories/retail/\">Retail</a>, <a class=\"category\" href=\"/categories/travel/\">Travel</a>"),
        "{story}"
    );
    let travel = site.page("categories/travel/index.html");
    assert!(travel.contains(">A<") && travel.contains(">B<"), "{travel}");
    assert!(
        site.page("categories/food-and-drink/index.html")
            .contains(">B<")
    );
}

#[test]
fn an_editor_s_note_is_set_apart_and_kept_out_of_the_summary() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B\nnote: \"From the host: Ann wrote this *on the bus* <b>home</b>.\"",
        "The story begins here.\n",
    );
    site.build(&[]).success();
    let page = site.page("stories/a/index.html");
    let note = page
        .find("<aside class=\"editor-note\"")
        .expect("the note is shown");
    assert!(
        page[note..].contains(
            "<p>From the host: Ann wrote this <em>on the bus</em> &lt;b&gt;home&lt;/b&gt;.</p>"
        ),
        "{page}"
    );
    let body = page.find("<div class=\"prose\">").expect("the body");
    assert!(note < body, "the note comes before the story");
    for list in ["index.html", "atom.xml", "companies/acme/index.html"] {
        let text = site.page(list);
        assert!(!text.contains("From the host"), "{list} shows the note");
    }
}
