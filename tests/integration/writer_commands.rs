//! The commands Hugo and Zola writers reach for: `rave new page`, `rave new series`,
//! `rave new story --category`, `rave theme eject`, `rave serve --now`, and Categories in the
//! menu.

use crate::util::{Run, Site, free_port, get, rave, serve_with, text_of};

/// `rave` with `args`, paths given as `&Path` or `&str`.
fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    rave(&args)
}

/// The warnings of `rave check` other than the placeholder text `rave new` writes.
fn findings_but_placeholders(site: &Site) -> Vec<String> {
    let checked = run(&[&"check", &"--root", &site.root()]);
    checked.success();
    checked
        .stdout
        .lines()
        .filter(|l| l.contains("warning:") || l.contains("error:"))
        .filter(|l| !l.contains("the placeholder text of `rave new` is still here"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn new_page_and_new_series_write_files_that_build_and_check() {
    let site = Site::new();
    let page = run(&[
        &"new",
        &"page",
        &"About: this blog",
        &"--root",
        &site.root(),
    ]);
    page.success();
    let path = site.root().join("content/pages/about-this-blog.md");
    assert_eq!(page.stdout.trim(), path.display().to_string());
    let text = std::fs::read_to_string(&path).expect("the page was written");
    assert!(
        text.starts_with("---\ntitle: \"About: this blog\"\n---\n"),
        "{text}"
    );

    let series = run(&[
        &"new",
        &"series",
        &"The Long Refund",
        &"--root",
        &site.root(),
    ]);
    series.success();
    assert!(
        series.stderr.contains("`series: the-long-refund`"),
        "{}",
        series.stderr
    );
    assert!(
        site.root()
            .join("content/series/the-long-refund.md")
            .is_file()
    );
    site.author("ann", "name: Ann", "Ann writes.\n");
    site.story(
        "part-one.md",
        "title: Part one\ndate: 2023-05-01\nauthor: Ann\nseries: the-long-refund\ncompany: Ovenco\nrating: C",
        "Text.\n",
    );
    assert_eq!(findings_but_placeholders(&site), Vec::<String>::new());
    let check = run(&[&"check", &"--root", &site.root()]).stdout;
    assert!(
        check.contains("content/pages/about-this-blog.md:4:1: warning: the placeholder text"),
        "{check}"
    );
    assert!(
        check.contains("content/series/the-long-refund.md:4:1: warning: the placeholder text"),
        "{check}"
    );

    site.build(&[]).success();
    let home = site.page("index.html");
    assert!(
        home.contains("<a href=\"/pages/about-this-blog/\">About: this blog</a>"),
        "the page is in the menu: {home}"
    );
    let series_page = site.page("series/the-long-refund/index.html");
    assert!(
        text_of(&series_page).contains("The Long Refund"),
        "{series_page}"
    );
    assert!(series_page.contains("/stories/part-one/"), "{series_page}");

    // Never over an existing file; a title without letters is refused before anything.
    let again = run(&[
        &"new",
        &"page",
        &"About:  this blog",
        &"--root",
        &site.root(),
    ]);
    again.expect_code(1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    run(&[&"new", &"series", &"!!!", &"--root", &site.root()]).expect_code(2);
    assert_eq!(
        std::fs::read_dir(site.root().join("content/series"))
            .expect("series folder")
            .count(),
        1
    );
}

#[test]
fn new_story_takes_categories_and_the_menu_links_them() {
    let site = Site::new();
    site.author("ann", "name: Ann", "Ann writes.\n");
    site.story(
        "plain.md",
        "title: Plain\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    site.build(&[]).success();
    assert!(
        !site.page("index.html").contains("href=\"/categories/\""),
        "no categories, no menu entry"
    );

    let one = run(&[
        &"new",
        &"story",
        &"One shop",
        &"--category",
        &"Retail",
        &"--company",
        &"Acme",
        &"--rating",
        &"B",
        &"--author",
        &"Ann",
        &"--root",
        &site.root(),
        &"--now",
        &"2023-06-01",
    ]);
    one.success();
    let text =
        std::fs::read_to_string(site.root().join("content/stories/one-shop.md")).expect("written");
    assert!(text.contains("\ncategory: Retail\n"), "{text}");
    let two = run(&[
        &"new",
        &"story",
        &"Two trips",
        &"--category",
        &"Travel: rail",
        &"--category",
        &"Retail",
        &"--category",
        &"retail",
        &"--company",
        &"Acme",
        &"--rating",
        &"C",
        &"--author",
        &"Ann",
        &"--root",
        &site.root(),
        &"--now",
        &"2023-06-02",
    ]);
    two.success();
    let text =
        std::fs::read_to_string(site.root().join("content/stories/two-trips.md")).expect("written");
    assert!(
        text.contains("\ncategory:\n- \"Travel: rail\"\n- Retail\n")
            || text.contains("\ncategory:\n  - \"Travel: rail\"\n  - Retail\n"),
        "{text}"
    );
    assert_eq!(findings_but_placeholders(&site), Vec::<String>::new());
    run(&[
        &"new",
        &"story",
        &"Three",
        &"--category",
        &"???",
        &"--root",
        &site.root(),
    ])
    .expect_code(2);

    site.build(&[]).success();
    let retail = site.page("categories/retail/index.html");
    assert!(retail.contains("/stories/one-shop/"), "{retail}");
    assert!(retail.contains("/stories/two-trips/"), "{retail}");
    assert!(
        site.page("categories/travel-rail/index.html")
            .contains("/stories/two-trips/")
    );
    let home = site.page("index.html");
    assert!(
        home.contains("<li><a href=\"/categories/\">Categories</a></li>"),
        "{home}"
    );
    let categories = site.page("categories/index.html");
    assert!(
        categories.contains("<a href=\"/categories/\" aria-current=\"page\">Categories</a>"),
        "{categories}"
    );
    assert!(
        retail.contains("<a href=\"/categories/\" aria-current=\"true\">Categories</a>"),
        "a category's page is in the Categories section: {retail}"
    );
}

#[test]
fn theme_eject_copies_a_builtin_template_that_then_overrides_the_theme() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    let list = run(&[&"theme", &"eject", &"--root", &site.root()]);
    list.success();
    for name in ["base.html", "story.html", "company.html", "components.html"] {
        assert!(
            list.stdout.contains(&format!("  {name}\n")),
            "{}",
            list.stdout
        );
    }
    assert!(
        !site.root().join("templates").exists(),
        "listing writes nothing"
    );

    let ejected = run(&[&"theme", &"eject", &"story", &"--root", &site.root()]);
    ejected.success();
    let path = site.root().join("templates/story.html");
    assert_eq!(ejected.stdout.trim(), path.display().to_string());
    let text = std::fs::read_to_string(&path).expect("ejected");
    assert!(text.contains("{% extends \"base.html\" %}"), "{text}");
    site.build(&[]).success();
    let before = site.page("stories/a/index.html");
    std::fs::write(
        &path,
        text.replace(
            "<article class=\"story\"",
            "<article class=\"story my-edit\"",
        ),
    )
    .expect("edit");
    site.build(&[]).success();
    let after = site.page("stories/a/index.html");
    assert!(after.contains("class=\"story my-edit\""), "{after}");
    assert_eq!(
        before,
        after.replace("class=\"story my-edit\"", "class=\"story\""),
        "an ejected template renders as the built-in one"
    );

    let again = run(&[&"theme", &"eject", &"story.html", &"--root", &site.root()]);
    again.expect_code(1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert!(
        std::fs::read_to_string(&path)
            .expect("kept")
            .contains("my-edit")
    );
    let unknown = run(&[&"theme", &"eject", &"stroy", &"--root", &site.root()]);
    unknown.expect_code(2);
    assert!(
        unknown.stderr.contains("did you mean `story.html`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn serve_takes_now_as_build_does() {
    let site = Site::new();
    site.story(
        "later.md",
        "title: Later\ndate: 2031-01-01\nauthor: Ann\ncompany: Acme\nrating: B",
        "Text from the future.\n",
    );
    site.story(
        "sooner.md",
        "title: Sooner\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B",
        "Text.\n",
    );
    let (server, port) = serve_with(&site, free_port(), &["--now", "2032-01-01"]);
    let reply = get(port, "/stories/later/");
    assert_eq!(reply.status, 200, "{}", server.output());
    assert!(reply.body.contains("Text from the future."));
    drop(server);

    let (server, port) = serve_with(&site, free_port(), &["--now", "2024-01-01"]);
    assert_eq!(
        get(port, "/stories/later/").status,
        404,
        "{}",
        server.output()
    );
    assert_eq!(get(port, "/stories/sooner/").status, 200);
    drop(server);

    let bad = run(&[&"serve", &"--root", &site.root(), &"--now", &"soon"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("--now"), "{}", bad.stderr);
}
