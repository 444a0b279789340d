//! The page open in the browser first: a rebuild renders the pages open on the live-reload
//! stream before the rest of the site, hands them on at once (`rave serve` serves them and
//! reloads those pages), and settles byte-identical to a clean build, reloading a page a second
//! time only when its bytes changed since.
//!
//! The order is shown without timing: the early files come from a render that then fails on
//! another page, and on the event stream the early reload (`data: page`) precedes the settled
//! one (`data: site`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rave::render::FirstPages;
use rave::session::Session;

use crate::util::{Site, Streaming, free_port, get, serve, snapshot, text_of};

fn rated(title: &str, date: &str) -> String {
    format!("title: {title}\ndate: {date}\nauthor: Ann\ncompany: Acme\nrating: B")
}

fn two_stories() -> Site {
    let site = Site::new();
    site.story(
        "alpha.md",
        &rated("Alpha story", "2020-01-10"),
        "Alpha body.\n",
    )
    .story(
        "bravo.md",
        &rated("Bravo story", "2020-02-10"),
        "Bravo body.\n",
    );
    site
}

/// The default theme's `story.html` with `extra` at the start of its content block.
fn story_template(extra: &str) -> String {
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/story.html"),
    )
    .expect("read the default theme's story template");
    let block = "{% block content %}";
    assert!(template.contains(block), "story.html has a content block");
    template.replacen(block, &format!("{block}{extra}"), 1)
}

/// The files of one early hand-on: `(output path, bytes)`.
type Files = Vec<(String, Arc<[u8]>)>;

/// Open pages that a test names, and every file handed on early.
#[derive(Debug, Default)]
struct Viewer {
    open: Vec<String>,
    shown: Mutex<Vec<Files>>,
}

impl FirstPages for Viewer {
    fn open_pages(&self) -> Vec<String> {
        self.open.clone()
    }

    fn rendered_first(&self, files: Files) {
        self.shown.lock().expect("lock").push(files);
    }
}

impl Viewer {
    fn take(&self) -> Vec<Files> {
        std::mem::take(&mut *self.shown.lock().expect("lock"))
    }
}

/// What `rave build` writes for the site as it is now.
fn clean_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.build(&["--quiet"]).success();
    let mut written = snapshot(&site.out());
    written.remove(rave::output::MARKER);
    written
}

/// A session over `site` with the pages at `open` open in a browser, after its first build.
fn viewing(site: &Site, open: &[&str]) -> (Session, Arc<Viewer>) {
    let viewer = Arc::new(Viewer {
        open: open.iter().map(|path| (*path).to_owned()).collect(),
        ..Viewer::default()
    });
    let mut session = Session::new(site.options());
    session.render_open_pages_first(Arc::clone(&viewer) as Arc<dyn FirstPages + Send>);
    session.build().expect("the first build");
    (session, viewer)
}

#[test]
fn a_session_hands_on_the_open_page_first_and_settles_as_a_clean_build() {
    let site = two_stories();
    let (mut session, viewer) = viewing(&site, &["stories/alpha/index.html"]);
    assert!(
        viewer.take().is_empty(),
        "a first build knows no page: nothing is rendered first"
    );

    // A template edit: the open page comes first, and is what the settled site holds.
    site.file("templates/story.html", story_template("<p>first-edit</p>"));
    let (built, _) = session.build().expect("the rebuild after a template edit");
    let shown = viewer.take();
    assert_eq!(shown.len(), 1, "handed on once: {shown:?}");
    let early: BTreeMap<String, Arc<[u8]>> = shown.into_iter().flatten().collect();
    let page = early
        .get("stories/alpha/index.html")
        .expect("the open page is handed on early");
    assert!(String::from_utf8_lossy(page).contains("first-edit"));
    assert!(
        !early.contains_key("stories/bravo/index.html"),
        "only the open page's job comes first"
    );
    for (path, bytes) in &early {
        assert_eq!(
            built.output.pages.get(path),
            Some(bytes),
            "{path}: the settled site holds what was shown early"
        );
    }
    let first = built.shown_first.as_ref().expect("the session reports it");
    assert_eq!(
        first.paths,
        early.keys().cloned().collect::<Vec<_>>(),
        "the session reports the pages it showed first"
    );
    assert_eq!(
        built.output.files(),
        clean_build(&site),
        "the settled site is byte-identical to a clean build"
    );

    // A template that fails on another page only: the open page was handed on by a render that
    // had not reached that page yet, and the rebuild fails as a whole.
    site.file(
        "templates/story.html",
        story_template(
            "<p>second-edit</p>{% if story.title == \"Bravo story\" %}{{ no_such_value.x }}{% endif %}",
        ),
    );
    let failed = session.build().expect_err("bravo's page cannot render");
    assert!(failed.has_errors());
    let shown = viewer.take();
    let early: BTreeMap<String, Arc<[u8]>> = shown.into_iter().flatten().collect();
    let page = early
        .get("stories/alpha/index.html")
        .expect("the open page rendered before the failing one");
    assert!(String::from_utf8_lossy(page).contains("second-edit"));
}

#[test]
fn a_broken_open_page_or_an_unknown_one_is_not_handed_on_early() {
    let site = two_stories();
    let (mut session, viewer) = viewing(
        &site,
        &["stories/bravo/index.html", "no/such/page/index.html"],
    );
    site.file(
        "templates/story.html",
        story_template("{% if story.title == \"Bravo story\" %}{{ no_such_value.x }}{% endif %}"),
    );
    session.build().expect_err("bravo's page cannot render");
    assert!(
        viewer.take().is_empty(),
        "a page that failed to render is never shown early"
    );
}

#[test]
fn serve_reloads_the_open_page_first_and_only_once() {
    let site = two_stories();
    // The override exists from the start, so that each edit is one save of one file.
    site.file("templates/story.html", story_template(""));
    let (rave, port) = serve(&site, free_port());
    let events = rave::serve::EVENTS_PATH;
    // The page open in a browser names itself; a stream without a page (or naming something
    // outside the site) hears only the settled reload.
    let mut alpha = Streaming::open(port, &format!("{events}?path=%2Fstories%2Falpha%2F"));
    assert_eq!(alpha.status, 200);
    let mut anonymous = Streaming::open(port, events);
    let mut outside = Streaming::open(port, &format!("{events}?path=%2F..%2Fsite.yaml"));
    assert_eq!(outside.status, 200);
    assert!(
        get(port, "/stories/alpha/").body.contains("?path="),
        "served pages name themselves on the event stream"
    );

    for edit in ["one", "two"] {
        site.file(
            "templates/story.html",
            story_template(&format!("<p>edit-{edit}</p>")),
        );
        // The open page's first event is the early reload, and the page is new by then. The
        // settled reload that follows is not sent to it (its bytes did not change), so the
        // next edit's early reload is the next thing it hears.
        assert_eq!(
            alpha.next_message(),
            ("reload".to_owned(), "page".to_owned()),
            "edit {edit}: the open page reloads early"
        );
        let page = get(port, "/stories/alpha/");
        assert!(
            page.body.contains(&format!("edit-{edit}")),
            "edit {edit}: the open page is new at its reload: {}",
            text_of(&page.body)
        );
        for stream in [&mut anonymous, &mut outside] {
            assert_eq!(
                stream.next_message(),
                ("reload".to_owned(), "site".to_owned()),
                "edit {edit}: other pages reload when the rebuild settles"
            );
        }
        assert!(
            get(port, "/stories/bravo/")
                .body
                .contains(&format!("edit-{edit}")),
            "edit {edit}: the settled site is served"
        );
    }
    rave.wait_for("the rebuild to report the page shown first", || {
        let log = rave.stderr();
        if log.contains("open page shown first after") {
            Ok(())
        } else {
            Err(log)
        }
    });
}

#[test]
fn a_template_edit_keeps_the_model_and_settles_as_a_clean_build() {
    let site = two_stories();
    site.file("templates/story.html", story_template(""));
    let template = site.root().join("templates/story.html");
    let mut session = Session::new(site.options());
    session.build().expect("the first build");

    site.file("templates/story.html", story_template("<p>kept-model</p>"));
    let (built, _) = session
        .rebuild(std::slice::from_ref(&template))
        .expect("the rebuild after a template edit");
    assert_eq!(
        (
            built.timings.load,
            built.timings.model,
            built.timings.markdown
        ),
        Default::default(),
        "a change to templates alone neither loads nor links the site"
    );
    assert!(
        String::from_utf8_lossy(&built.output.pages["stories/alpha/index.html"])
            .contains("kept-model")
    );
    assert_eq!(built.output.files(), clean_build(&site));

    // A broken template fails as a whole build would, and the next fix settles as a clean build.
    site.file(
        "templates/story.html",
        story_template("{{ no_such_value.x }}"),
    );
    let failed = session
        .rebuild(std::slice::from_ref(&template))
        .expect_err("the story template cannot render");
    assert!(
        failed.render().contains("templates/story.html"),
        "{}",
        failed.render()
    );
    site.file("templates/story.html", story_template("<p>fixed</p>"));
    let (built, _) = session
        .rebuild(std::slice::from_ref(&template))
        .expect("the rebuild after the fix");
    assert_eq!(built.output.files(), clean_build(&site));

    // A template edit saved with a story edit goes through the whole pipeline.
    site.file("templates/story.html", story_template("<p>with-story</p>"));
    site.story(
        "alpha.md",
        &rated("Alpha renamed", "2020-01-10"),
        "Alpha body.\n",
    );
    let (built, _) = session
        .rebuild(&[template, site.root().join("content/stories/alpha.md")])
        .expect("the rebuild after both edits");
    assert_eq!(built.output.files(), clean_build(&site));
    assert!(
        String::from_utf8_lossy(&built.output.pages["stories/alpha/index.html"])
            .contains("Alpha renamed")
    );
}

#[test]
fn the_save_that_fixes_a_broken_site_shows_the_open_page_first() {
    let site = two_stories();
    let (mut session, viewer) = viewing(&site, &["stories/alpha/index.html"]);
    let alpha = site.root().join("content/stories/alpha.md");

    site.file(
        "content/stories/alpha.md",
        "---\ntitle: [unclosed\ndate: 2020-01-10\n---\nBroken.\n",
    );
    session
        .rebuild(std::slice::from_ref(&alpha))
        .expect_err("the front matter is broken");
    assert!(
        viewer.take().is_empty(),
        "nothing is shown from a broken site"
    );

    site.story(
        "alpha.md",
        &rated("Alpha fixed", "2020-01-10"),
        "Alpha body.\n",
    );
    let (built, _) = session
        .rebuild(std::slice::from_ref(&alpha))
        .expect("the rebuild after the fix");
    let early: BTreeMap<String, Arc<[u8]>> = viewer.take().into_iter().flatten().collect();
    let page = early
        .get("stories/alpha/index.html")
        .expect("the open page comes first after the failed builds");
    assert!(String::from_utf8_lossy(page).contains("Alpha fixed"));
    assert_eq!(built.output.files(), clean_build(&site));
}
