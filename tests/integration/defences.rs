//! Hostile and careless input that once got through: a dev server reached through a rebound DNS
//! name, control characters in content, closed pipes, huge names, impossible settings. Each test
//! here failed before the defence it names was added.

use crate::util::{Site, free_port, get_from, rave_command, request, serve_with};

/// A site with one story, enough to serve and build.
pub(crate) fn one_story_site() -> Site {
    let site = Site::new();
    site.story(
        "a.md",
        "title: A plain story\ndate: 2023-05-01\ncompanies:\n  - name: Acme\n    rating: B",
        "It went fine.\n",
    );
    site
}

#[test]
fn serve_answers_only_to_its_own_host_names() {
    let site = one_story_site();
    let (rave, port) = serve_with(&site, free_port(), &["--allow-host", "preview.example"]);
    let get = |path: &str, host: &str| {
        let reply = get_from(port, path, host);
        (reply.status, reply.body)
    };
    for host in [
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{port}"),
        "localhost".to_owned(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "preview.example".to_owned(),
        format!("Preview.Example:{port}"),
    ] {
        let (status, _) = get("/", &host);
        assert_eq!(status, 200, "Host: {host} was refused\n{}", rave.output());
    }
    // A page whose DNS name was rebound to 127.0.0.1 sends its own name.
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        "localhost.evil.example".to_owned(),
        "127.0.0.1.nip.io".to_owned(),
    ] {
        for path in ["/", "/stories/a-plain-story/", rave::serve::EVENTS_PATH] {
            let (status, body) = get(path, &host);
            assert_eq!(status, 403, "Host: {host} got {path}");
            assert!(body.contains("--allow-host"), "no reason given: {body}");
            assert!(!body.contains("It went fine"), "the page leaked: {body}");
        }
    }
    // Without a Host header, or with another host in an absolute-form request line.
    assert_eq!(request(port, "GET / HTTP/1.0").status, 403);
    assert_eq!(
        request(
            port,
            &format!("GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:{port}")
        )
        .status,
        403
    );
}

/// Whether `text` holds a character that steers a terminal (ESC, BEL, CSI ...).
fn has_raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

#[test]
fn control_characters_never_reach_the_terminal_or_the_pages() {
    let site = one_story_site();
    // Escapes in a double-quoted value, a raw ESC in a plain one, and a file name with one.
    site.story(
        "b.md",
        "title: Retitled\ndate: 2023-05-02\nauthor: \"\\e]0;PWNED\\a\\e[2J\"\ntags: [\"ok\", \"x\\u009b\"]",
        "Body.\n",
    );
    site.story(
        "c.md",
        "title: Raw \u{1b}[2J here\ndate: 2023-05-03",
        "Body.\n",
    );
    site.story("\u{1b}]0;PWNED\u{7}.md", "title: [unclosed", "Body.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        !has_raw_control(&run.stderr),
        "raw control characters on the terminal:\n{:?}",
        run.stderr
    );
    for expected in [
        "b.md:4:9: error: this value holds the control character U+001B",
        "b.md:5:14: error: this value holds the control character U+009B",
        "c.md:2:8: error: unexpected character: `\\u{1b}'",
        "Raw \\u{1b}[2J here",
        "\\u{1b}]0;PWNED\\u{7}.md:",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
    assert!(!site.out().exists(), "a site with errors was written");

    let check = crate::util::rave(&["check", "--root", site.root().to_str().expect("UTF-8")]);
    check.expect_code(1);
    assert!(
        !has_raw_control(&check.stdout) && !has_raw_control(&check.stderr),
        "raw control characters from rave check:\n{check:?}"
    );
}

#[test]
fn control_characters_of_a_story_body_are_dropped_from_pages() {
    let site = one_story_site();
    site.story(
        "b.md",
        "title: Bell\ndate: 2023-05-02",
        "A body \u{1b}[2J with a \u{7} bell and `code \u{1b}` in it.\n",
    );
    site.build(&[]).success();
    for page in ["stories/b/index.html", "atom.xml", "search-index/s/0.json"] {
        let text = site.page(page);
        assert!(!has_raw_control(&text), "{page} holds control characters");
    }
    assert!(
        site.page("stories/b/index.html")
            .contains("[2J with a  bell")
    );
}

/// Runs rave with `args` while nobody reads its output: stdout and stderr are pipes whose
/// reading ends are closed before it starts, so every write meets a closed pipe.
fn run_with_closed_output(args: &[&str]) -> Option<i32> {
    let (stdout_reader, stdout_writer) = std::io::pipe().expect("a pipe");
    let (stderr_reader, stderr_writer) = std::io::pipe().expect("a pipe");
    drop((stdout_reader, stderr_reader));
    rave_command(args)
        .stdout(stdout_writer)
        .stderr(stderr_writer)
        .status()
        .expect("run the rave binary")
        .code()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let good = one_story_site();
    let bad = one_story_site();
    bad.story("b.md", "title: [broken", "Body.\n");
    let text = |p: std::path::PathBuf| p.to_str().expect("a UTF-8 path").to_owned();
    let (good_root, bad_root) = (text(good.root()), text(bad.root()));
    let (out, fresh) = (text(good.out()), text(good.beside("fresh")));
    let (g, b, now) = (good_root.as_str(), bad_root.as_str(), crate::util::NOW);
    let cases: &[(&[&str], i32)] = &[
        (&["completions", "bash"], 0),
        (&["completions", "zsh"], 0),
        (&["man"], 0),
        (&["--help"], 0),
        (&["--version"], 0),
        (&["build", "--nope"], 2),
        (&["build", "--root", g, "-o", &out, "--now", now], 0),
        (
            &["build", "--verbose", "--root", g, "-o", &out, "--now", now],
            0,
        ),
        (&["build", "--root", b, "--now", now], 1),
        (&["check", "--root", g], 0),
        (&["check", "--root", b], 1),
        (&["companies", "--root", g], 0),
        (&["companies", "--json", "--root", g], 0),
        (&["companies", "--root", b], 1),
        (
            &["new", "story", "Closed pipes", "--root", g, "--now", now],
            0,
        ),
        (&["new", "author", "Pip Reader", "--root", g], 0),
        (&["init", &fresh], 0),
        (&["init", &fresh], 1),
    ];
    for (args, expected) in cases {
        assert_eq!(
            run_with_closed_output(args),
            Some(*expected),
            "rave {args:?} with its output closed"
        );
    }
}

#[test]
fn a_page_that_cannot_be_written_is_an_io_error_told_once() {
    let site = one_story_site();
    for i in 0..20 {
        site.story(
            &format!("story-number-{i}-with-a-file-name-long-enough-to-make-a-long-path.md"),
            &format!("title: Story number {i}\ndate: 2023-05-01"),
            "Body.\n",
        );
    }
    // An output folder so deep that the paths of story pages pass the system's limit on a
    // path (4,096 bytes) while the folder, its index and its stylesheet stay under it.
    let mut out = site.beside("deep");
    while out.as_os_str().len() < 3800 {
        out.push("d".repeat(200));
    }
    let last = 4010 - out.as_os_str().len() - 1;
    out.push("o".repeat(last));
    std::fs::create_dir_all(out.parent().expect("a parent")).expect("make the deep folders");
    let run = site.build_to(&out, &[]);
    run.expect_code(3);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "not one line:\n{}", run.stderr);
    assert!(
        lines[0].contains("cannot write") && lines[0].contains("other pages)"),
        "{}",
        lines[0]
    );
    assert!(!out.exists(), "a half-written output was left");
}

#[test]
fn an_impossible_now_is_a_usage_error() {
    let site = one_story_site();
    for bad in ["2024-02-30", "yesterday"] {
        let run = site.build(&["--now", bad]);
        run.expect_code(2);
        assert!(run.stderr.contains("--now"), "{}", run.stderr);
    }
    let run = crate::util::rave_with_env(
        &["build", "--root", site.root().to_str().expect("UTF-8")],
        &[("SOURCE_DATE_EPOCH", "soon")],
    );
    run.expect_code(2);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
}

#[test]
fn a_name_in_composed_and_decomposed_unicode_is_one_company() {
    let site = Site::new();
    let composed = "Caf\u{e9} M\u{fc}ller";
    let decomposed = "Cafe\u{301} Mu\u{308}ller";
    for (file, name, rating) in [("a.md", composed, "A"), ("b.md", decomposed, "C")] {
        site.story(
            file,
            &format!("title: {file}\ndate: 2023-05-01\nauthor: ann\ncompanies:\n  - name: {name}\n    rating: {rating}"),
            "Body.\n",
        );
    }
    let check = crate::util::rave(&["check", "--root", site.root().to_str().expect("UTF-8")]);
    check.expect_code(0);
    assert!(
        !check.stdout.contains("accents") && !check.stdout.contains("look identical"),
        "the two encodings were told apart:\n{}",
        check.stdout
    );
    site.build(&[]).success();
    let companies = std::fs::read_dir(site.out().join("companies"))
        .expect("a companies folder")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            !rave::model::RESERVED_COMPANY_SLUGS.contains(&name.to_str().unwrap_or(""))
                && e.path().join("index.html").exists()
        })
        .count();
    assert_eq!(companies, 1, "one company page (besides the rankings)");
}

#[test]
fn ranking_settings_out_of_bounds_are_errors() {
    let site = one_story_site();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nranking: { prior_weight: 1e308 }\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "site.yaml:3:10: error: `ranking.prior_weight` must be a number from 0 to 1000"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
}

#[test]
fn an_author_or_series_without_letters_is_an_error_at_its_place() {
    let site = one_story_site();
    site.story(
        "dots.md",
        "title: Dots\ndate: 2023-05-02\nauthor: \"..\"\nseries: \"--\"",
        "Body.\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    for expected in [
        "dots.md:4:9: error: author `..` has no letters or digits to make a URL from",
        "dots.md:5:9: error: series `--` has no letters or digits to make a URL from",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
    let site = one_story_site();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nauthor: \"..\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("site.yaml:3:9: error: author `..` has no letters or digits"),
        "{}",
        run.stderr
    );
}

#[test]
fn dates_are_taken_across_the_supported_years_and_others_say_which() {
    let site = one_story_site();
    site.story("far.md", "title: Far\ndate: 9999-12-28", "Body.\n");
    site.story("early.md", "title: Early\ndate: 0001-01-01", "Body.\n");
    site.build(&["--future"]).success();
    assert!(site.page("stories/far/index.html").contains("9999"));
    site.story(
        "past-end.md",
        "title: Past the end\ndate: 9999-12-31",
        "Body.\n",
    );
    let run = site.build(&["--future"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "past-end.md:3:7: error: `date`: `9999-12-31` is outside the dates rave supports, 0001-01-01 to 9999-12-28"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn very_long_names_make_capped_unique_slugs_in_check_and_build() {
    let site = one_story_site();
    let long = "very ".repeat(70);
    site.story(
        &format!("{}.md", "long-file-name-".repeat(15)),
        &format!(
            "title: Long names\ndate: 2023-05-02\nauthor: ann\ncategory: {long}category\ntags: [\"{long}one\", \"{long}two\"]\ncompanies:\n  - name: {long}Company\n    rating: B"
        ),
        "Body.\n",
    );
    let root = site.root();
    let root = root.to_str().expect("UTF-8");
    crate::util::rave(&["check", "--root", root]).expect_code(0);
    site.build(&[]).success();
    let tags: Vec<String> = std::fs::read_dir(site.out().join("tags"))
        .expect("a tags folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("very-"))
        .collect();
    assert_eq!(
        tags.len(),
        2,
        "two tags that start alike keep apart: {tags:?}"
    );
    assert!(tags.iter().all(|t| t.len() <= 80), "{tags:?}");

    let title = "word ".repeat(60);
    let run = crate::util::rave(&[
        "new",
        "story",
        title.trim(),
        "--root",
        root,
        "--now",
        crate::util::NOW,
    ]);
    run.expect_code(0);
    site.build(&[]).success();
}

#[test]
fn html_shown_as_code_keeps_its_urls_in_the_feed() {
    let site = one_story_site();
    site.story(
        "code.md",
        "title: Code\ndate: 2023-05-02",
        "Write `<img src=\"pic.png\">` and `<a href=\"/x\">` to show them.\n\n[A real link](/about/)\n",
    );
    site.build(&[]).success();
    let feed = site.page("atom.xml");
    assert!(feed.contains("pic.png"), "the code is gone:\n{feed}");
    assert!(
        !feed.contains("example.com/stories/code/pic.png") && !feed.contains("example.com/x"),
        "text inside code was rewritten as a URL:\n{feed}"
    );
    assert!(
        feed.contains("https://example.com/about/"),
        "real links are still made absolute"
    );
}
