//! The authoring commands with the real binary: `rave init`, `rave new`, `rave check`,
//! `rave completions` and `rave man`.

use crate::util::{Run, Site, rave, read_page, text_of};

/// `rave` with `args`, paths given as `&Path` or `&str`.
fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    rave(&args)
}

#[test]
fn init_new_check_build_puts_new_stories_on_their_company_pages() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("my-stories");
    let out = tmp.path().join("out");
    let init = run(&[&"init", &site, &"--title", &"Tales: from #1 \"counter\""]);
    init.success();
    assert!(init.stdout.contains("Next steps:"), "{}", init.stdout);
    assert!(init.stdout.contains("rave build"), "{}", init.stdout);
    assert!(!site.join("themes").exists());

    let first = run(&[
        &"new",
        &"story",
        &"Corner Café: a flat white, a refund and a bus #42",
        &"--company",
        &"Corner Café",
        &"--rating",
        &"A",
        &"--company",
        &"Quickline Buses",
        &"--rating",
        &"2/5",
        &"--tags",
        &"coffee,buses",
        &"--author",
        &"wren-castellano",
        &"--root",
        &site,
        &"--now",
        &"2024-06-01",
    ]);
    first.success();
    let path = site.join("content/stories/corner-cafe-a-flat-white-a-refund-and-a-bus-42.md");
    assert_eq!(first.stdout.trim(), path.display().to_string());
    let text = std::fs::read_to_string(&path).expect("the story was written");
    assert!(text.contains("date: 2024-06-01\n"), "{text}");

    run(&[
        &"new",
        &"story",
        &"Pebble Lane's sourdough class",
        &"--company",
        &"Pebble Lane",
        &"--rating",
        &"4 stars",
        &"--author",
        &"wren-castellano",
        &"--root",
        &site,
        &"--now",
        &"2024-06-03",
    ])
    .success();

    // Untouched prompts of `rave new` are found; the writer then writes the stories.
    let prompts = run(&[&"check", &"--root", &site, &"--strict"]);
    prompts.expect_code(1);
    assert!(
        prompts
            .stdout
            .contains("the placeholder text of `rave new` is still here"),
        "{}",
        prompts.stdout
    );
    for story in std::fs::read_dir(site.join("content/stories")).expect("stories") {
        let path = story.expect("a story").path();
        let text = std::fs::read_to_string(&path).expect("read");
        if let Some(end) = text.find("\n---\n").map(|i| i + 5)
            && text[end..].contains("Start with the moment")
        {
            let written = format!("{}I went in for a coffee.\n", &text[..end]);
            std::fs::write(&path, written).expect("write the story");
        }
    }
    let check = run(&[&"check", &"--root", &site, &"--strict"]);
    check.success();
    assert!(
        check.stdout.contains("no problems found"),
        "{}",
        check.stdout
    );

    run(&[
        &"build",
        &"--root",
        &site,
        &"--output",
        &out,
        &"--now",
        &"2024-07-01",
    ])
    .success();
    let cafe = text_of(&read_page(&out, "companies/corner-cafe/index.html"));
    assert!(
        cafe.contains("Corner Café: a flat white, a refund and a bus #42"),
        "{cafe}"
    );
    assert!(cafe.contains("Grade A (95 out of 100)"), "{cafe}");
    let buses = text_of(&read_page(&out, "companies/quickline-buses/index.html"));
    assert!(buses.contains("Corner Café: a flat white"), "{buses}");
    assert!(buses.contains("Grade D (40 out of 100)"), "{buses}");
    // "Pebble Lane" is an alias of the starter's profile: both stories are on its page.
    let bakery = text_of(&read_page(&out, "companies/pebble-lane-bakery/index.html"));
    assert!(bakery.contains("Pebble Lane's sourdough class"), "{bakery}");
    assert!(
        bakery.contains("Pebble Lane Bakery baked a birthday cake"),
        "{bakery}"
    );
    assert!(bakery.contains("Grade B (80 out of 100)"), "{bakery}");
    // The title given to `rave init` went through YAML quoting and back.
    let home = text_of(&read_page(&out, "index.html"));
    assert!(home.contains("Tales: from #1 \"counter\""), "{home}");
}

#[test]
fn new_refuses_to_overwrite_and_checks_ratings_like_the_build() {
    let site = Site::new();
    let root = site.root();
    let story = |extra: &[&str]| {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            vec![&"new", &"story", &"Same title", &"--root"];
        args.push(&root);
        let extra: Vec<&str> = extra.to_vec();
        for e in &extra {
            args.push(e);
        }
        run(&args)
    };
    let bad = story(&["--company", "Acme", "--rating", "11/10"]);
    bad.expect_code(2);
    assert!(
        bad.stderr.contains("rating \"11/10\" is out of range"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr
            .contains("help: write a number from 0 to 10; 10/10 is the best possible rating"),
        "{}",
        bad.stderr
    );
    assert!(!root.join("content/stories").exists(), "nothing written");
    let extra = story(&["--rating", "A", "--company", "Acme"]);
    extra.expect_code(2);
    assert!(
        extra.stderr.contains("before any --company"),
        "{}",
        extra.stderr
    );
    let twice = story(&["--company", "Acme", "--rating", "A", "--rating", "B"]);
    twice.expect_code(2);

    story(&["--company", "Acme"]).success();
    let path = root.join("content/stories/same-title.md");
    std::fs::write(&path, "---\ntitle: Mine\ndate: 2020-01-01\n---\nMine.\n").expect("edit");
    let again = story(&[]);
    again.expect_code(1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("Mine.")
    );

    run(&[&"new", &"company", &"Acme: the \"shop\"", &"--root", &root]).success();
    run(&[&"new", &"author", &"Jane O'Doe", &"--root", &root]).success();
    run(&[&"new", &"author", &"Jane O'Doe", &"--root", &root]).expect_code(1);
    assert!(root.join("content/companies/acme-the-shop.md").is_file());
    assert!(root.join("content/authors/jane-odoe.md").is_file());
    site.build(&[]).success();

    let outside = tempfile::tempdir().expect("tmp");
    let none = run(&[&"new", &"company", &"Acme", &"--root", &outside.path()]);
    none.expect_code(1);
    assert!(none.stderr.contains("site.yaml"), "{}", none.stderr);
}

/// A site whose only findings are editorial warnings.
fn warnings_only_site() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nauthor: wren\n",
    )
    .file("content/authors/wren.md", "---\nname: Wren\n---\nWren writes.\n")
    .file(
        "static/img/shop.jpg",
        crate::util::tiny_image(image::ImageFormat::Jpeg),
    )
        .story(
            "amazon.md",
            "title: The parcel that came\ndate: 2023-01-01\ncompanies:\n  - name: Amazon\n    rating: A\n  - name: Dell\n    rating: B",
            "It came.\n",
        )
        .story(
            "amazn.md",
            "title: The parcel that did not\ndate: 2023-02-01\ncompanies:\n  - name: Amazn\n    rating: F\n  - name: Dell Inc\n    rating: C\nimage:\n  src: /img/shop.jpg",
            "It did not come.\n\nHere is the box: ![](/img/shop.jpg)\n",
        )
        .story(
            "long.md",
            "title: A very long title about a parcel, a courier, a neighbour and a dog who ate it\ndate: 2023-03-01\nauthor: Nobody Special\ncompany: Amazon\nrating: C",
            "Long.\n",
        )
        .company("zed", "name: Zed Widgets", "Nobody writes about Zed.\n");
    site
}

#[test]
fn check_reports_editorial_warnings_with_file_and_line_and_exits_0() {
    let site = warnings_only_site();
    let root = site.root();
    let before = crate::util::snapshot(&root);
    let checked = run(&[&"check", &"--root", &root]);
    checked.success();
    let out = &checked.stdout;
    for expected in [
        // Near-duplicate names, at the variant's `name:` line.
        "content/stories/amazn.md:5:11: warning: companies `Amazn` and `Amazon` differ only slightly",
        "content/stories/amazn.md:7:11: warning: companies `Dell Inc` and `Dell` count as two companies",
        // The lead image and a Markdown image without alt text.
        "content/stories/amazn.md:10:8: warning: the lead image `/img/shop.jpg` has no alt text",
        "content/stories/amazn.md:14:18: warning: image `/img/shop.jpg` has no alt text",
        // A long title, and an author without a profile (the build's warning).
        "content/stories/long.md:2:8: warning: the title is 77 characters long",
        "content/stories/long.md:4:9: warning: author `Nobody Special` has no profile",
        // A profile no story uses.
        "content/companies/zed.md: warning: company profile `Zed Widgets` is used by no story",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(
        out.contains("add `Amazn` under `aliases:`")
            || out.contains("list `Amazn` under `aliases:`"),
        "{out}"
    );
    // Grouped by file: each file's name heads its findings once.
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("content/stories/amazn.md "))
            .count(),
        1,
        "{out}"
    );
    assert!(out.contains("0 errors, 7 warnings in 3 files"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    assert_eq!(crate::util::snapshot(&root), before, "check writes nothing");

    let strict = run(&[&"check", &"--root", &root, &"--strict"]);
    strict.expect_code(1);
    assert!(
        strict
            .stdout
            .ends_with("0 errors, 7 warnings in 3 files; --strict fails on warnings\n"),
        "{}",
        strict.stdout
    );
}

#[test]
fn check_fails_on_a_broken_internal_link_naming_file_and_line() {
    let site = Site::new();
    site.story(
        "linked.md",
        "title: Linked\ndate: 2023-01-01\ncompany: Acme\nrating: B",
        "First paragraph.\n\nSee [the other story](@/stories/missing.md).\n",
    );
    let checked = run(&[&"check", &"--root", &site.root()]);
    checked.expect_code(1);
    assert!(
        checked.stdout.contains(
            "content/stories/linked.md:9:5: error: internal link `@/stories/missing.md` points to no content file"
        ),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stdout
            .ends_with("1 error, 1 warning in 1 file; `rave build` would fail\n"),
        "{}",
        checked.stdout
    );
    assert!(
        !site.root().join("public").exists(),
        "check writes no output"
    );
}

#[test]
fn init_refuses_a_folder_with_a_file_and_force_keeps_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let mine = "title: Mine\nbase_url: https://mine.example.com\n";
    std::fs::write(dir.join("site.yaml"), mine).expect("write");

    let refused = run(&[&"init", &dir]);
    refused.expect_code(1);
    assert!(
        refused
            .stderr
            .contains("is not empty (1 entry: `site.yaml`)"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    let entries: Vec<_> = std::fs::read_dir(dir).expect("read").collect();
    assert_eq!(entries.len(), 1, "nothing added");
    assert_eq!(
        std::fs::read_to_string(dir.join("site.yaml")).expect("read"),
        mine
    );

    let forced = run(&[&"init", &dir, &"--force"]);
    forced.success();
    assert_eq!(
        std::fs::read_to_string(dir.join("site.yaml")).expect("read"),
        mine
    );
    assert!(
        forced
            .stdout
            .contains("Kept the files that were there already"),
        "{}",
        forced.stdout
    );
    for starter in [
        "content/stories/pebble-lane-birthday-cake.md",
        "content/companies/pebble-lane-bakery.md",
        "content/authors/wren-castellano.md",
        "static/favicon.svg",
    ] {
        assert!(dir.join(starter).is_file(), "{starter} was added");
    }
}

#[test]
fn init_checks_its_flags_before_writing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("new");
    let bad = run(&[&"init", &dir, &"--base-url", &"example.com"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("--base-url"), "{}", bad.stderr);
    assert!(!dir.exists());
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    run(&[&"init", &file]).expect_code(1);
}

#[test]
fn completions_and_man_page_are_printed() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(&[&"completions", &shell]);
        out.success();
        assert!(out.stdout.contains("rave"), "{shell}");
        assert!(
            out.stdout.contains("init"),
            "{shell}: subcommands are completed"
        );
    }
    run(&[&"completions", &"tcsh"]).expect_code(2);
    let man = run(&[&"man"]);
    man.success();
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH rave"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    assert!(man.stdout.contains("check"));
}

#[test]
fn verbose_build_prints_the_time_of_each_stage() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A\ndate: 2023-01-01\ncompany: Acme\nrating: B",
        "A.\n",
    );
    let out = site.build(&["--verbose"]);
    out.success();
    for stage in [
        "load",
        "model",
        "templates",
        "photos",
        "markdown",
        "render",
        "write",
        "total",
    ] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(stage) && l.ends_with(" ms")),
            "{stage} in {}",
            out.stdout
        );
    }
    site.build(&["--verbose", "--quiet"]).expect_code(2);
}

#[test]
fn companies_declared_distinct_are_not_reported_as_look_alikes() {
    let site = Site::new();
    site.story(
        "phone.md",
        "title: The phone\ndate: 2023-01-01\nauthor: Ann\ncompany: Apple\nrating: A",
        "Fine.\n",
    )
    .story(
        "wallet.md",
        "title: The wallet\ndate: 2023-02-01\nauthor: Ann\ncompany: Apple Pay\nrating: C",
        "Less fine.\n",
    )
    .author("ann", "name: Ann", "Ann writes.\n")
    .company("apple", "name: Apple", "Phones.\n");
    let root = site.root();
    let before = run(&[&"check", &"--root", &root, &"--strict"]);
    before.expect_code(1);
    assert!(
        before
            .stdout
            .contains("add `Apple Pay` under `distinct_from:` in content/companies/apple.md"),
        "{}",
        before.stdout
    );
    // Either profile may say it; the name is matched as company names are (case, spaces).
    site.company(
        "apple",
        "name: Apple\ndistinct_from: [apple  pay]",
        "Phones.\n",
    );
    let after = run(&[&"check", &"--root", &root, &"--strict"]);
    after.success();
    assert!(!after.stdout.contains("Apple Pay"), "{}", after.stdout);
    site.company("apple", "name: Apple", "Phones.\n").company(
        "apple-pay",
        "name: Apple Pay\ndistinct_from: [Apple]",
        "Payments.\n",
    );
    run(&[&"check", &"--root", &root, &"--strict"]).success();
}
