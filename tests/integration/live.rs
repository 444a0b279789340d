//! Watch mode and the dev server: incremental rebuilds are byte-identical to fresh builds,
//! `rave build --watch` keeps an output folder up to date, and `rave serve` serves the site from
//! memory with live reload, an error overlay and no way out of the site.
//!
//! Nothing here asserts on durations: every wait polls for an outcome (up to `PATIENCE`) and
//! then asserts on it.

use std::collections::{BTreeMap, BTreeSet};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rave::session::{Session, Snapshot};

use crate::util::{
    Running, Site, Streaming, free_port, get, serve, snapshot, story_folders, text_of,
    with_front_matter,
};

/// Front matter of a story rating one company.
fn rated(title: &str, date: &str, author: &str, company: &str, rating: &str) -> String {
    format!("title: {title}\ndate: {date}\nauthor: {author}\ncompany: {company}\nrating: {rating}")
}

// ---------------------------------------------------------------------------------------------
// 1. Incremental rebuilds are byte-identical to fresh builds.
// ---------------------------------------------------------------------------------------------

/// Where two builds differ, readably: missing, extra and differing paths, with the first
/// difference of each differing file.
fn differences(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) -> String {
    let mut report = String::new();
    for path in want.keys().filter(|p| !got.contains_key(*p)) {
        report.push_str(&format!("  missing: {path}\n"));
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        report.push_str(&format!("  extra:   {path}\n"));
    }
    for (path, bytes) in got {
        let Some(expected) = want.get(path) else {
            continue;
        };
        if bytes == expected {
            continue;
        }
        let at = bytes
            .iter()
            .zip(expected.iter())
            .position(|(a, b)| a != b)
            .unwrap_or(bytes.len().min(expected.len()));
        let around = |b: &[u8]| {
            let start = at.saturating_sub(80);
            let end = (at + 120).min(b.len());
            String::from_utf8_lossy(&b[start.min(end)..end]).into_owned()
        };
        report.push_str(&format!(
            "  differs: {path} at byte {at}\n    incremental: {:?}\n    expected:    {:?}\n",
            around(bytes),
            around(expected)
        ));
    }
    report
}

#[track_caller]
fn assert_same_files(
    step: &str,
    against: &str,
    got: &BTreeMap<String, Vec<u8>>,
    want: &BTreeMap<String, Vec<u8>>,
) {
    if got != want {
        panic!(
            "after step `{step}`, the incremental build differs from {against}:\n{}",
            differences(got, want)
        );
    }
}

/// A page of a build as text.
#[track_caller]
fn page_of(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("the build has no {path}"));
    String::from_utf8_lossy(bytes).into_owned()
}

/// A session over a fixture site, checked after every step against a brand-new session and
/// against the files the real binary writes.
struct Steps<'a> {
    site: &'a Site,
    session: Session,
    previous: BTreeMap<String, Vec<u8>>,
}

impl Steps<'_> {
    /// Rebuilds incrementally and compares with a fresh session and with `rave build`.
    #[track_caller]
    fn check(&mut self, step: &str) -> (Snapshot, BTreeMap<String, Vec<u8>>) {
        let (built, _) = self.session.build().unwrap_or_else(|d| {
            panic!(
                "step `{step}`: the incremental build failed:\n{}",
                d.render()
            )
        });
        let files = built.output.files();
        let (fresh, _) = Session::new(self.site.options())
            .build()
            .unwrap_or_else(|d| panic!("step `{step}`: a fresh build failed:\n{}", d.render()));
        assert_same_files(
            step,
            "a fresh session's build",
            &files,
            &fresh.output.files(),
        );
        let run = self.site.build(&["--quiet"]);
        run.success();
        let mut written = snapshot(&self.site.out());
        written.remove(rave::output::MARKER);
        assert_same_files(step, "what `rave build` writes", &files, &written);
        (built, files)
    }

    /// [`Steps::check`], and the step must have changed the site.
    #[track_caller]
    fn changed(&mut self, step: &str) -> BTreeMap<String, Vec<u8>> {
        let (_, files) = self.check(step);
        assert!(
            files != self.previous,
            "step `{step}` changed nothing in the build"
        );
        self.previous = files.clone();
        files
    }
}

fn set_modified(path: &Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .unwrap_or_else(|e| panic!("set the modification time of {}: {e}", path.display()));
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("modification time of {}: {e}", path.display()))
}

#[test]
fn incremental_rebuilds_are_byte_identical_to_fresh_builds() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Live Stories\nbase_url: https://example.com\nstories_per_page: 10\n",
    );
    site.company("acme", "name: Acme", "Makers of everything.\n")
        .author("ann", "name: Ann Author", "Ann writes.\n")
        .author("bob", "name: Bob Author", "Bob writes.\n")
        .story(
            "alpha.md",
            &rated("Alpha story", "2020-01-10", "ann", "Acme", "A"),
            "Alpha body.\n",
        )
        .story(
            "bravo.md",
            &rated("Bravo story", "2020-02-10", "bob", "Globex", "B+"),
            "Bravo body.\n",
        )
        .story(
            "charlie.md",
            &rated(
                "Charlie story",
                "2020-03-10",
                "ann",
                "Acme Corporation",
                "4/5",
            ),
            "Charlie body.\n",
        );
    let mut steps = Steps {
        site: &site,
        session: Session::new(site.options()),
        previous: BTreeMap::new(),
    };
    let files = steps.changed("first build");
    assert!(files.contains_key("companies/acme-corporation/index.html"));

    // Nothing changed: the caches must be in use, or the comparisons below prove little.
    let (unchanged, files) = steps.check("rebuild without changes");
    assert_eq!(files, steps.previous, "a rebuild without changes differs");
    assert!(
        unchanged.pages_reused > 0,
        "a rebuild without changes reused no page"
    );

    site.story(
        "delta.md",
        &rated("Delta story", "2020-04-10", "bob", "Globex", "C"),
        "Delta body.\n",
    );
    let files = steps.changed("add a story");
    assert!(text_of(&page_of(&files, "stories/delta/index.html")).contains("Delta story"));
    assert!(text_of(&page_of(&files, "companies/globex/index.html")).contains("Delta story"));

    // A same-length edit right after a build, with the modification time put back: the file's
    // (length, modification time) stamp is exactly the one the cache saw, as on a file system
    // with coarse times. The build parsed the old text less than 2 s after it was written, so the
    // cache must not trust the stamp. Retried when the machine is too slow to stay in that window.
    let alpha = site.root().join("content/stories/alpha.md");
    let alpha_with = |rating: &str| {
        with_front_matter(
            &rated("Alpha story", "2020-01-10", "ann", "Acme", rating),
            "Alpha body.\n",
        )
    };
    let mut in_window = false;
    let mut written = SystemTime::UNIX_EPOCH;
    for _attempt in 0..5 {
        std::fs::write(&alpha, alpha_with("A")).expect("write alpha.md");
        written = modified(&alpha);
        steps
            .session
            .build()
            .unwrap_or_else(|d| panic!("build with rating A:\n{}", d.render()));
        std::fs::write(&alpha, alpha_with("B")).expect("write alpha.md");
        set_modified(&alpha, written);
        let parsed_soon_enough = SystemTime::now()
            .duration_since(written)
            .is_ok_and(|d| d < Duration::from_millis(1500));
        if parsed_soon_enough {
            in_window = true;
            break;
        }
    }
    assert!(
        in_window,
        "could not build within 1.5 s of writing a file, five times"
    );
    assert_eq!(
        std::fs::read(&alpha).expect("read").len(),
        alpha_with("A").len()
    );
    assert_eq!(
        modified(&alpha),
        written,
        "the old modification time is back"
    );
    let files = steps.changed("same-length rating edit right after a build");
    let alpha_page = text_of(&page_of(&files, "stories/alpha/index.html"));
    assert!(
        alpha_page.contains("Grade B (") && !alpha_page.contains("Grade A ("),
        "the story page shows the stale rating: {alpha_page}"
    );

    site.company(
        "acme",
        "name: Acme\naliases: [Acme Corporation]",
        "Makers of everything.\n",
    );
    let files = steps.changed("rename a company through an alias");
    assert!(!files.contains_key("companies/acme-corporation/index.html"));
    assert!(text_of(&page_of(&files, "companies/acme/index.html")).contains("Charlie story"));

    // `ann` -> `bob` keeps the length, right after a build.
    site.story(
        "alpha.md",
        &rated("Alpha story", "2020-01-10", "bob", "Acme", "B"),
        "Alpha body.\n",
    );
    let files = steps.changed("move a story to another author");
    assert!(text_of(&page_of(&files, "authors/bob/index.html")).contains("Alpha story"));
    assert!(!text_of(&page_of(&files, "authors/ann/index.html")).contains("Alpha story"));

    site.remove("content/stories/delta.md");
    let files = steps.changed("delete a story");
    assert!(!files.contains_key("stories/delta/index.html"));
    assert!(!text_of(&page_of(&files, "companies/globex/index.html")).contains("Delta story"));

    let theme_story = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/story.html"),
    )
    .expect("read the default theme's story template");
    let marked = |marker: &str| {
        let block = "{% block content %}";
        assert!(
            theme_story.contains(block),
            "story.html has a content block"
        );
        theme_story.replacen(
            block,
            &format!("{block}<p class=\"live-marker\">{marker}</p>"),
            1,
        )
    };
    site.file("templates/story.html", marked("override-one"));
    let files = steps.changed("add a template override");
    assert!(page_of(&files, "stories/bravo/index.html").contains("override-one"));
    site.file("templates/story.html", marked("override-two"));
    let files = steps.changed("edit the template override (same length)");
    let bravo = page_of(&files, "stories/bravo/index.html");
    assert!(bravo.contains("override-two") && !bravo.contains("override-one"));

    site.file(
        "site.yaml",
        "title: Changed Blog\nbase_url: https://example.com\nstories_per_page: 1\n",
    );
    let files = steps.changed("edit site.yaml");
    let home = page_of(&files, "index.html");
    assert!(home.contains("Changed Blog") && !home.contains("Live Stories"));
    assert!(
        files.contains_key("page/2/index.html"),
        "the home page is paginated"
    );

    site.file("static/notes/hello.txt", "hello v1\n");
    let files = steps.changed("add a static file");
    assert_eq!(files["notes/hello.txt"], b"hello v1\n");
    site.file("static/notes/hello.txt", "hello v2\n");
    let files = steps.changed("edit a static file (same length)");
    assert_eq!(files["notes/hello.txt"], b"hello v2\n");
    site.remove("static/notes/hello.txt");
    let files = steps.changed("remove a static file");
    assert!(!files.contains_key("notes/hello.txt"));

    site.remove("templates/story.html");
    let files = steps.changed("remove the template override");
    assert!(!page_of(&files, "stories/bravo/index.html").contains("override-two"));
}

#[test]
fn body_edits_rerender_only_what_shows_the_story_and_match_fresh_builds() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Body Edits\nbase_url: https://example.com\nstories_per_page: 2\n",
    );
    site.company("acme", "name: Acme", "Makers of everything.\n")
        .author("ann", "name: Ann Author", "Ann writes.\n")
        .story(
            "alpha.md",
            "title: Alpha\ndate: 2020-01-10\nauthor: ann\ntags: [Phone]\ncategory: Shops\nseries: saga\ncompanies:\n  - name: Acme\n    rating: A\n  - name: Globex\n    rating: D\ncomments:\n  - author: Carol\n    date: 2020-01-11\n    body: Same here.",
            "Alpha opens the story.\n\nAlpha goes on.\n",
        )
        .story(
            "bravo.md",
            "title: Bravo\ndate: 2020-02-10\nauthor: ann\ntags: [Phone, Email]\nseries: saga\ncompany: Acme\nrating: 2/5",
            "Bravo links [Alpha](@/stories/alpha.md).\n",
        )
        .story(
            "charlie.md",
            "title: Charlie\ndate: 2020-03-10\nauthor: ann\ncompany: Globex\nrating: B\nsummary: A fixed summary.",
            "Charlie body.\n",
        )
        .story(
            "delta/index.md",
            "title: Delta\ndate: 2020-04-10\nauthor: ann\ncompany: Initech\nrating: C",
            "Delta body.\n",
        );
    site.file("content/stories/delta/photo.txt", "not an image\n");
    let root = site.root();
    let path = |rel: &str| root.join("content/stories").join(rel);
    let mut session = Session::new(site.options());
    let check = |session: &mut Session, step: &str, changed: &[&str], bodies_only: bool| {
        let changed: Vec<std::path::PathBuf> = changed.iter().map(|r| path(r)).collect();
        let (built, _) = session
            .rebuild(&changed)
            .unwrap_or_else(|d| panic!("step `{step}` failed:\n{}", d.render()));
        assert_eq!(
            built.bodies_only, bodies_only,
            "step `{step}`: bodies-only rebuild expected {bodies_only}"
        );
        let files = built.output.files();
        let (fresh, _) = Session::new(site.options())
            .build()
            .unwrap_or_else(|d| panic!("step `{step}`: a fresh build failed:\n{}", d.render()));
        assert_same_files(
            step,
            "a fresh session's build",
            &files,
            &fresh.output.files(),
        );
        files
    };
    let (first, _) = session.build().unwrap_or_else(|d| panic!("{}", d.render()));
    assert!(!first.bodies_only);

    // The first paragraph is the summary: the story's page, every list and feed that shows it
    // and the search index change with it.
    site.story(
        "alpha.md",
        "title: Alpha\ndate: 2020-01-10\nauthor: ann\ntags: [Phone]\ncategory: Shops\nseries: saga\ncompanies:\n  - name: Acme\n    rating: A\n  - name: Globex\n    rating: D\ncomments:\n  - author: Carol\n    date: 2020-01-11\n    body: Same here.",
        "Alpha now opens differently.\n\nAlpha goes on.\n",
    );
    let files = check(
        &mut session,
        "edit a summary paragraph",
        &["alpha.md"],
        true,
    );
    for page in [
        "stories/alpha/index.html",
        "companies/acme/index.html",
        "companies/globex/index.html",
        "tags/phone/index.html",
        "authors/ann/page/2/index.html",
        "atom.xml",
        "companies/acme/atom.xml",
        "search-index/s/0.json",
    ] {
        assert!(
            page_of(&files, page).contains("Alpha now opens differently."),
            "{page} shows the new summary"
        );
    }

    // A body with a fixed summary; then a bundle story's body.
    site.story(
        "charlie.md",
        "title: Charlie\ndate: 2020-03-10\nauthor: ann\ncompany: Globex\nrating: B\nsummary: A fixed summary.",
        "Charlie body, longer now, with *emphasis*.\n",
    );
    check(
        &mut session,
        "edit a body under a fixed summary",
        &["charlie.md"],
        true,
    );
    site.story(
        "delta/index.md",
        "title: Delta\ndate: 2020-04-10\nauthor: ann\ncompany: Initech\nrating: C",
        "Delta body, edited.\n",
    );
    check(
        &mut session,
        "edit a bundle story",
        &["delta/index.md"],
        true,
    );

    // Two stories at once, one of them the target of the other's internal link.
    site.story(
        "bravo.md",
        "title: Bravo\ndate: 2020-02-10\nauthor: ann\ntags: [Phone, Email]\nseries: saga\ncompany: Acme\nrating: 2/5",
        "Bravo still links [Alpha](@/stories/alpha.md), twice: [again](@/stories/alpha.md).\n",
    );
    site.story(
        "alpha.md",
        "title: Alpha\ndate: 2020-01-10\nauthor: ann\ntags: [Phone]\ncategory: Shops\nseries: saga\ncompanies:\n  - name: Acme\n    rating: A\n  - name: Globex\n    rating: D\ncomments:\n  - author: Carol\n    date: 2020-01-11\n    body: Same here.",
        "Alpha opens a third way.\n",
    );
    check(
        &mut session,
        "edit two stories",
        &["alpha.md", "bravo.md"],
        true,
    );

    // A broken link in a body is reported at its line, and the previous build is kept; the
    // fix is a bodies-only rebuild again once a whole build has succeeded.
    site.story(
        "bravo.md",
        "title: Bravo\ndate: 2020-02-10\nauthor: ann\ntags: [Phone, Email]\nseries: saga\ncompany: Acme\nrating: 2/5",
        "Bravo line one.\n\nBravo links [nowhere](@/stories/missing.md).\n",
    );
    let errors = session
        .rebuild(&[path("bravo.md")])
        .expect_err("a broken internal link is an error");
    let rendered = errors.render();
    assert!(
        rendered.contains("content/stories/bravo.md:12:13:"),
        "the error points at the link's line: {rendered}"
    );
    site.story(
        "bravo.md",
        "title: Bravo\ndate: 2020-02-10\nauthor: ann\ntags: [Phone, Email]\nseries: saga\ncompany: Acme\nrating: 2/5",
        "Bravo line one, fixed.\n",
    );
    check(&mut session, "fix the broken link", &["bravo.md"], false);
    site.story(
        "bravo.md",
        "title: Bravo\ndate: 2020-02-10\nauthor: ann\ntags: [Phone, Email]\nseries: saga\ncompany: Acme\nrating: 2/5",
        "Bravo line one, fixed again.\n",
    );
    check(&mut session, "edit after the fix", &["bravo.md"], true);

    // Front matter changes, other files and unknown paths go through the whole pipeline.
    site.story(
        "charlie.md",
        "title: Charlie\ndate: 2020-03-10\nauthor: ann\ncompany: Globex\nrating: A\nsummary: A fixed summary.",
        "Charlie body, longer now, with *emphasis*.\n",
    );
    check(&mut session, "change a rating", &["charlie.md"], false);
    site.company("acme", "name: Acme", "Makers of everything, and more.\n");
    let (built, _) = session
        .rebuild(&[root.join("content/companies/acme.md")])
        .unwrap_or_else(|d| panic!("{}", d.render()));
    assert!(!built.bodies_only, "a company profile is not a story body");
    site.story(
        "echo.md",
        "title: Echo\ndate: 2020-05-10\nauthor: ann\ncompany: Acme\nrating: B",
        "Echo body.\n",
    );
    check(&mut session, "add a story", &["echo.md"], false);
    site.story(
        "echo.md",
        "title: Echo\ndate: 2020-05-10\nauthor: ann\ncompany: Acme\nrating: B",
        "Echo body, edited right after it was added.\n",
    );
    check(&mut session, "edit the new story", &["echo.md"], true);
}

// ---------------------------------------------------------------------------------------------
// 2. `rave build --watch`.
// ---------------------------------------------------------------------------------------------

/// Text of an output page, or why it cannot be read.
pub(crate) fn out_text(out: &Path, rel: &str) -> Result<String, String> {
    std::fs::read_to_string(out.join(rel))
        .map(|html| text_of(&html))
        .map_err(|e| format!("{rel}: {e}"))
}

/// Every output file with its bytes, modification time and (on Unix) inode.
fn stamps(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime, u64)> {
    snapshot(dir)
        .into_iter()
        .map(|(rel, bytes)| {
            let meta = std::fs::metadata(dir.join(&rel)).expect("metadata of an output file");
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let inode = 0;
            (rel, (bytes, meta.modified().expect("mtime"), inode))
        })
        .collect()
}

#[test]
fn build_watch_keeps_the_output_up_to_date() {
    let site = Site::new();
    site.company("acme", "name: Acme", "Makers of everything.\n")
        .story(
            "alpha.md",
            &rated("Alpha story", "2020-01-10", "Ann", "Acme", "A"),
            "Alpha body.\n",
        )
        .story(
            "bravo.md",
            &rated("Bravo story", "2020-02-10", "Ann", "Acme", "B"),
            "Bravo body.\n",
        )
        .story(
            "charlie.md",
            &rated("Charlie story", "2020-03-10", "Bob", "Globex", "C"),
            "Charlie body.\n",
        );
    let out = site.out();
    let rave = Running::spawn(&site.build_args(&out, &["--watch"]));
    rave.wait_for("the first build", || {
        if rave.stdout().contains("Watching for changes") {
            out_text(&out, "stories/alpha/index.html").map(drop)
        } else {
            Err("no `Watching` line yet".into())
        }
    });
    let write_story = |rel: &str, title: &str, author: &str, company: &str| {
        site.story(
            rel,
            &rated(title, "2020-01-10", author, company, "A"),
            "Alpha body.\n",
        );
    };

    // A title edit: the page shows it, and files whose bytes did not change are left alone.
    let before = stamps(&out);
    let since = rave.rebuilds();
    write_story("alpha.md", "Alpha retitled", "Ann", "Acme");
    rave.wait_for("the retitled story", || {
        let page = out_text(&out, "stories/alpha/index.html")?;
        match (page.contains("Alpha retitled"), rave.rebuilds() > since) {
            (true, true) => Ok(()),
            _ => Err(page),
        }
    });
    let after = stamps(&out);
    let mut kept = Vec::new();
    for (rel, (bytes, mtime, inode)) in &after {
        if let Some((old_bytes, old_mtime, old_inode)) = before.get(rel)
            && old_bytes == bytes
        {
            assert_eq!(
                (old_mtime, old_inode),
                (mtime, inode),
                "{rel} has the same bytes but was written again"
            );
            kept.push(rel.as_str());
        }
    }
    assert!(
        kept.iter().any(|rel| rel.ends_with(".html")) && kept.contains(&"style.css"),
        "some pages should be untouched by a title edit: kept {kept:?}"
    );

    // A body edit re-renders only what shows the story, and says so.
    let since = rave.rebuilds();
    site.story(
        "alpha.md",
        &rated("Alpha retitled", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body, rewritten.\n",
    );
    rave.wait_for("the rewritten body", || {
        let page = out_text(&out, "stories/alpha/index.html")?;
        if page.contains("Alpha body, rewritten.") && rave.rebuilds() > since {
            Ok(())
        } else {
            Err(page)
        }
    });
    assert!(
        rave.stdout()
            .lines()
            .any(|l| l.starts_with("Rebuilt in ") && l.contains("(story text only)")),
        "{}",
        rave.output()
    );

    // Atomic saves: a temporary file in the same folder, renamed over the story.
    let stories = site.root().join("content/stories");
    for (temp, title) in [
        (".alpha.md.tmp", "Alpha saved atomically"),
        ("alpha.md~", "Alpha saved from a backup name"),
    ] {
        std::fs::write(
            stories.join(temp),
            with_front_matter(
                &rated(title, "2020-01-10", "Ann", "Acme", "A"),
                "Alpha body.\n",
            ),
        )
        .expect("write the temporary file");
        std::fs::rename(stories.join(temp), stories.join("alpha.md")).expect("rename over");
        rave.wait_for(&format!("the story saved through {temp}"), || {
            let page = out_text(&out, "stories/alpha/index.html")?;
            if page.contains(title) {
                Ok(())
            } else {
                Err(page)
            }
        });
    }
    let expected: BTreeSet<String> = ["alpha", "bravo", "charlie"].map(String::from).into();
    assert_eq!(story_folders(&out), expected, "temporary files made pages");

    // A rename: the old page goes, the new one comes.
    std::fs::rename(stories.join("alpha.md"), stories.join("alpha-renamed.md")).expect("rename");
    rave.wait_for("the renamed story", || {
        let dirs = story_folders(&out);
        if dirs.contains("alpha-renamed") && !dirs.contains("alpha") {
            Ok(())
        } else {
            Err(format!("stories: {dirs:?}"))
        }
    });
    rave.wait_for("the company page to link the renamed story", || {
        let html = std::fs::read_to_string(out.join("companies/acme/index.html"))
            .map_err(|e| e.to_string())?;
        if html.contains("/stories/alpha-renamed/") && !html.contains("/stories/alpha/") {
            Ok(())
        } else {
            Err(text_of(&html))
        }
    });

    // A delete: the page goes, and the company page no longer lists the story.
    let since = rave.rebuilds();
    site.remove("content/stories/bravo.md");
    rave.wait_for("the deleted story to go", || {
        let company = out_text(&out, "companies/acme/index.html")?;
        let gone = !out.join("stories/bravo").exists();
        if gone && !company.contains("Bravo story") && rave.rebuilds() > since {
            Ok(())
        } else {
            Err(format!("page gone: {gone}; company page: {company}"))
        }
    });

    // Broken front matter: diagnostics, output left as it was; fixing it resumes.
    let before = snapshot(&out);
    let failures = rave.stderr_lines("rebuild failed");
    site.file(
        "content/stories/alpha-renamed.md",
        "---\ntitle: [unclosed\ndate: 2020-01-10\n---\nBroken.\n",
    );
    rave.wait_for("the failed rebuild", || {
        let stderr = rave.stderr();
        if rave.stderr_lines("rebuild failed") > failures
            && stderr.contains("content/stories/alpha-renamed.md:2:")
        {
            Ok(())
        } else {
            Err(stderr)
        }
    });
    let kept = snapshot(&out);
    if kept != before {
        panic!(
            "a failed rebuild changed the output:\n{}",
            differences(&kept, &before)
        );
    }
    write_story("alpha-renamed.md", "Alpha fixed", "Ann", "Acme");
    rave.wait_for("the fixed story", || {
        let page = out_text(&out, "stories/alpha-renamed/index.html")?;
        if page.contains("Alpha fixed") {
            Ok(())
        } else {
            Err(page)
        }
    });

    // A watched folder that did not exist at the start: its files are copied, and later edits
    // of them are seen too.
    assert!(!site.root().join("static").exists());
    site.file("static/notes/hello.txt", "hello v1\n");
    rave.wait_for("the new static file", || {
        match std::fs::read_to_string(out.join("notes/hello.txt")) {
            Ok(text) if text == "hello v1\n" => Ok(()),
            other => Err(format!("{other:?}")),
        }
    });
    site.file("static/notes/hello.txt", "hello v2\n");
    rave.wait_for("the edited static file", || {
        match std::fs::read_to_string(out.join("notes/hello.txt")) {
            Ok(text) if text == "hello v2\n" => Ok(()),
            other => Err(format!("{other:?}")),
        }
    });

    // A burst, as from a `git checkout`: every page comes, in a few rebuilds.
    let since = rave.rebuilds();
    for i in 0..100 {
        site.story(
            &format!("burst-{i:03}.md"),
            &rated(
                &format!("Burst story {i}"),
                "2021-05-01",
                "Bob",
                "Globex",
                "B",
            ),
            "Written in a burst.\n",
        );
    }
    rave.wait_for("the 100 burst pages", || {
        let missing = (0..100)
            .filter(|i| {
                !out.join(format!("stories/burst-{i:03}/index.html"))
                    .is_file()
            })
            .count();
        if missing == 0 && rave.rebuilds() > since {
            Ok(())
        } else {
            Err(format!("{missing} burst pages missing"))
        }
    });
    let burst_rebuilds = rave.rebuilds() - since;
    assert!(
        burst_rebuilds < 20,
        "100 files written at once caused {burst_rebuilds} rebuilds\n{}",
        rave.output()
    );
}

#[test]
fn build_watch_with_poll_sees_edits_and_new_stories() {
    let site = Site::new();
    site.story(
        "alpha.md",
        &rated("Alpha story", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body.\n",
    );
    let out = site.out();
    let rave = Running::spawn(&site.build_args(&out, &["--watch", "--poll", "--quiet"]));
    rave.wait_for("the first build", || {
        out_text(&out, "stories/alpha/index.html").map(drop)
    });
    site.story(
        "alpha.md",
        &rated("Alpha polled", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body.\n",
    )
    .story(
        "bravo.md",
        &rated("Bravo story", "2020-02-10", "Ann", "Acme", "B"),
        "Bravo body.\n",
    );
    rave.wait_for("the polled edit and new story", || {
        let alpha = out_text(&out, "stories/alpha/index.html")?;
        let bravo = out_text(&out, "stories/bravo/index.html")?;
        if alpha.contains("Alpha polled") && bravo.contains("Bravo story") {
            Ok(())
        } else {
            Err(alpha)
        }
    });
    assert!(
        !rave.stdout().contains("Rebuilt"),
        "--quiet printed progress:\n{}",
        rave.output()
    );
}

// ---------------------------------------------------------------------------------------------
// 3. `rave serve`.
// ---------------------------------------------------------------------------------------------

/// The names at the top of the site folder.
fn root_entries(site: &Site) -> BTreeSet<String> {
    std::fs::read_dir(site.root())
        .expect("read the site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn serve_answers_from_memory_reloads_and_shows_errors() {
    let site = Site::new();
    let secret = "never-served-config-note";
    site.file(
        "site.yaml",
        format!("title: Served Stories\nbase_url: https://example.com\n# {secret}\n"),
    );
    site.story(
        "alpha.md",
        &rated("Alpha story", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body.\n",
    )
    .story(
        "bravo.md",
        &rated("Bravo story", "2020-02-10", "Ann", "Acme", "B"),
        "Bravo body.\n",
    );
    let (rave, port) = serve(&site, free_port());

    let home = get(port, "/");
    assert_eq!(home.status, 200, "{home:?}");
    assert!(home.content_type().starts_with("text/html"), "{home:?}");
    assert!(
        home.body.contains(rave::serve::EVENTS_PATH),
        "no live-reload script"
    );
    assert!(home.body.contains("/__rave/events"));
    assert!(text_of(&home.body).contains("Alpha story"));

    let css = get(port, "/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.content_type().starts_with("text/css"),
        "{:?}",
        css.headers
    );

    let folder = get(port, "/stories/alpha");
    assert_eq!(folder.status, 301, "{folder:?}");
    assert_eq!(folder.header("location"), Some("/stories/alpha/"));

    let missing = get(port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.content_type().starts_with("text/html"));
    assert!(
        text_of(&missing.body).contains("Page not found"),
        "not the site's 404 page: {}",
        missing.body
    );

    for bad in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/stories/..%2f..%2fsite.yaml",
        "/..\\site.yaml",
        "/stories/../../site.yaml",
        "/%2e%2e/%2e%2e/site.yaml",
    ] {
        let reply = get(port, bad);
        assert!(!reply.body.contains(secret), "{bad} served site.yaml");
        assert!(!reply.body.contains("base_url:"), "{bad} served site.yaml");
        assert_eq!(reply.status, 404, "{bad}: status {}", reply.status);
    }

    // The live-reload stream: one connection dropped after its head (the server goes on), one
    // kept to see the events of the rebuilds below.
    let dropped = Streaming::open(port, rave::serve::EVENTS_PATH);
    assert_eq!(dropped.status, 200);
    drop(dropped);
    let mut events = Streaming::open(port, rave::serve::EVENTS_PATH);
    assert_eq!(events.status, 200);
    assert!(
        events
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/event-stream")),
        "{:?}",
        events.headers
    );
    assert_eq!(
        get(port, "/").status,
        200,
        "the server answers after a dropped stream"
    );

    // An edit shows up.
    site.story(
        "alpha.md",
        &rated("Alpha edited", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body.\n",
    );
    rave.wait_for("the edited story to be served", || {
        let page = get(port, "/stories/alpha/");
        if page.status == 200 && text_of(&page.body).contains("Alpha edited") {
            Ok(())
        } else {
            Err(format!("{}: {}", page.status, text_of(&page.body)))
        }
    });
    events.next_event("reload");

    // Broken front matter: every page shows the overlay over the last good build.
    site.file(
        "content/stories/alpha.md",
        "---\ntitle: [unclosed\ndate: 2020-01-10\n---\nBroken.\n",
    );
    let home = rave.wait_for("the error overlay", || {
        let home = get(port, "/");
        if home.body.contains("rave-error-overlay") {
            Ok(home)
        } else {
            Err(text_of(&home.body))
        }
    });
    events.next_event("failed");
    assert!(
        home.body.contains("content/stories/alpha.md:2:"),
        "the overlay names the file and line: {}",
        home.body
    );
    let story = get(port, "/stories/alpha/");
    assert_eq!(story.status, 200);
    assert!(story.body.contains("rave-error-overlay"));
    assert!(
        text_of(&story.body).contains("Alpha edited"),
        "the last good page is still served"
    );

    site.story(
        "alpha.md",
        &rated("Alpha fixed", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body.\n",
    );
    rave.wait_for("the overlay to clear", || {
        let page = get(port, "/stories/alpha/");
        if text_of(&page.body).contains("Alpha fixed") && !page.body.contains("rave-error-overlay")
        {
            Ok(())
        } else {
            Err(page.body)
        }
    });
    assert!(!get(port, "/").body.contains("rave-error-overlay"));
    events.next_event("reload");

    // A template override in a templates/ folder made while serving.
    let theme_story = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/story.html"),
    )
    .expect("read the default theme's story template");
    let block = "{% block content %}";
    assert!(
        theme_story.contains(block),
        "story.html has a content block"
    );
    site.file(
        "templates/story.html",
        theme_story.replacen(block, &format!("{block}<p>served-override</p>"), 1),
    );
    rave.wait_for("the template override to be served", || {
        let page = get(port, "/stories/bravo/");
        if page.body.contains("served-override") {
            Ok(())
        } else {
            Err(page.body)
        }
    });

    // Served from memory: nothing was written into the site folder.
    assert!(!site.root().join("public").exists(), "serve wrote public/");
    let entries: BTreeSet<String> = ["content", "site.yaml", "templates"]
        .map(String::from)
        .into();
    assert_eq!(
        root_entries(&site),
        entries,
        "serve wrote into the site folder"
    );
    drop(rave);
}

// ---------------------------------------------------------------------------------------------
// 4. Port fallback.
// ---------------------------------------------------------------------------------------------

#[test]
fn serve_moves_to_another_port_when_its_port_is_taken() {
    let site = Site::new();
    site.story(
        "alpha.md",
        &rated("Alpha story", "2020-01-10", "Ann", "Acme", "A"),
        "Alpha body.\n",
    );
    let taken = TcpListener::bind("127.0.0.1:0").expect("occupy a port");
    let port = taken.local_addr().expect("address").port();
    let (rave, served) = serve(&site, port);
    assert_ne!(served, port, "rave says it serves on a taken port");
    rave.wait_for("the message about the taken port", || {
        let stderr = rave.stderr();
        if stderr.contains(&format!("port {port} is taken")) {
            Ok(())
        } else {
            Err(stderr)
        }
    });
    let home = get(served, "/");
    assert_eq!(home.status, 200);
    assert!(text_of(&home.body).contains("Alpha story"));
    drop(taken);
}
