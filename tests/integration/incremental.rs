//! A property test of watch sessions: random sequences of edits of every kind (a story's text,
//! rating, title, date, tags, companies, comments file; company and author profiles; a series;
//! a template; site.yaml; stories added and deleted) applied to a small site, each followed by
//! the session's incremental rebuild with the changed paths, as the watcher hands them over.
//! After every step the session's output must equal a clean build byte for byte, with the same
//! diagnostics. It runs twice: with files as just written (their stamps too recent to trust,
//! so a rebuild reads them all again) and with every file dated well in the past, a new time
//! per write (so a rebuild reads only the files it is told changed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rave::session::{BuildResult, Session};

use crate::util::{Site, with_front_matter};

/// Story files the site may hold: `content/stories/s<i>.md`.
const STORY_SLOTS: usize = 6;
/// Company names stories rate. `Acme Corporation` is an alias of Acme while its profile says so.
const COMPANIES: [&str; 5] = ["Acme", "Globex", "Initech", "Umbrella", "Acme Corporation"];
/// Companies with a profile: `content/companies/<slug>.md`.
const PROFILED: [(&str, &str); 2] = [("acme", "Acme"), ("globex", "Globex")];
const AUTHORS: [&str; 3] = ["ann", "bob", "Casual Writer"];
const PROFILED_AUTHORS: [&str; 2] = ["ann", "bob"];
const TAGS: [&str; 5] = ["Phone", "Refunds", "Email", "In store", "Delivery"];
const RATINGS: [&str; 12] = [
    "A",
    "B+",
    "C-",
    "F",
    "4/5",
    "2/5",
    "7/10",
    "85%",
    "good",
    "ugly",
    "3 stars",
    "★★★★☆",
];
const WORDS: [&str; 8] = [
    "kettle", "refund", "queue", "manager", "parcel", "apology", "receipt", "engineer",
];
const SERIES: &str = "saga";

#[derive(Debug, Clone)]
struct StoryState {
    title: String,
    date: (u16, u8, u8),
    author: usize,
    tags: Vec<usize>,
    /// (company, rating), company names distinct.
    companies: Vec<(usize, usize)>,
    in_series: bool,
    body: String,
}

#[derive(Debug, Clone)]
struct SiteState {
    stories: Vec<Option<StoryState>>,
    /// Per profiled company: the profile's description and whether it has its alias.
    company_profiles: Vec<(String, bool)>,
    /// Per profiled author: display name and bio.
    author_profiles: Vec<(String, String)>,
    series: (String, String),
    /// Per story slot: the text of the comment in its comments file, or no comments file.
    comments: Vec<Option<String>>,
    /// The marker a `templates/story.html` override adds, or no override.
    template: Option<String>,
    /// (title, stories per page, rating display).
    config: (String, u8, usize),
}

/// One edit a writer makes between two rebuilds.
#[derive(Debug, Clone)]
enum Edit {
    Body(usize, String),
    Rating(usize, usize, usize),
    Title(usize, String),
    Date(usize, (u16, u8, u8)),
    /// A new month and day in the same year: the story moves in the site's order while every
    /// year keeps its count (what every page's archive links show).
    Redate(usize, u8, u8),
    Tags(usize, Vec<usize>),
    AddCompany(usize, usize, usize),
    StorySeries(usize, bool),
    CompanyProfile(usize, String, bool),
    AuthorProfile(usize, String, String),
    Series(String, String),
    Template(Option<String>),
    SiteYaml(String, u8, usize),
    AddStory(usize, StoryState),
    DeleteStory(usize),
    /// The comments file beside a story slot: written with a comment of this text, or removed.
    Comments(usize, Option<String>),
}

fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..4).prop_map(|w| w.join(" "))
}

fn date() -> impl Strategy<Value = (u16, u8, u8)> {
    (2019u16..2024, 1u8..13, 1u8..29)
}

fn tags() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::btree_set(0..TAGS.len(), 0..3).prop_map(|s| s.into_iter().collect())
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(phrase(), 1..4).prop_map(|paragraphs| {
        paragraphs
            .iter()
            .map(|p| format!("The {p} story goes on.\n"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn story() -> impl Strategy<Value = StoryState> {
    (
        phrase(),
        date(),
        0..AUTHORS.len(),
        tags(),
        prop::collection::btree_map(0..COMPANIES.len(), 0..RATINGS.len(), 1..3),
        any::<bool>(),
        body(),
    )
        .prop_map(
            |(title, date, author, tags, companies, in_series, body)| StoryState {
                title,
                date,
                author,
                tags,
                companies: companies.into_iter().collect(),
                in_series,
                body,
            },
        )
}

fn edit() -> impl Strategy<Value = Edit> {
    let slot = 0..STORY_SLOTS;
    prop_oneof![
        3 => (slot.clone(), body()).prop_map(|(s, b)| Edit::Body(s, b)),
        3 => (slot.clone(), 0..2usize, 0..RATINGS.len()).prop_map(|(s, c, r)| Edit::Rating(s, c, r)),
        2 => (slot.clone(), phrase()).prop_map(|(s, t)| Edit::Title(s, t)),
        2 => (slot.clone(), date()).prop_map(|(s, d)| Edit::Date(s, d)),
        2 => (slot.clone(), 1u8..13, 1u8..29).prop_map(|(s, m, d)| Edit::Redate(s, m, d)),
        2 => (slot.clone(), tags()).prop_map(|(s, t)| Edit::Tags(s, t)),
        2 => (slot.clone(), 0..COMPANIES.len(), 0..RATINGS.len())
            .prop_map(|(s, c, r)| Edit::AddCompany(s, c, r)),
        1 => (slot.clone(), any::<bool>()).prop_map(|(s, b)| Edit::StorySeries(s, b)),
        2 => (0..PROFILED.len(), phrase(), any::<bool>())
            .prop_map(|(c, d, a)| Edit::CompanyProfile(c, d, a)),
        1 => (0..PROFILED_AUTHORS.len(), phrase(), phrase())
            .prop_map(|(a, n, b)| Edit::AuthorProfile(a, n, b)),
        1 => (phrase(), phrase()).prop_map(|(t, b)| Edit::Series(t, b)),
        1 => prop::option::of(phrase()).prop_map(Edit::Template),
        1 => (phrase(), 1u8..4, 0..3usize).prop_map(|(t, n, d)| Edit::SiteYaml(t, n, d)),
        1 => (slot.clone(), story()).prop_map(|(s, st)| Edit::AddStory(s, st)),
        1 => slot.clone().prop_map(Edit::DeleteStory),
        2 => (slot, prop::option::of(phrase())).prop_map(|(s, c)| Edit::Comments(s, c)),
    ]
}

/// The site before any edit, and rebuilds of one to three edits each (a debounced save of
/// several files is one rebuild).
fn scenario() -> impl Strategy<Value = (Vec<Option<StoryState>>, Vec<Vec<Edit>>)> {
    (
        prop::collection::vec(prop::option::weighted(0.8, story()), STORY_SLOTS),
        prop::collection::vec(prop::collection::vec(edit(), 1..4), 1..8),
    )
}

fn story_path(slot: usize) -> String {
    format!("content/stories/s{slot}.md")
}

fn comments_path(slot: usize) -> String {
    format!("content/stories/s{slot}.comments.yaml")
}

fn story_file(story: &StoryState) -> String {
    let (y, m, d) = story.date;
    let mut front = format!(
        "title: The {}\ndate: {y:04}-{m:02}-{d:02}\nauthor: {}\n",
        story.title, AUTHORS[story.author]
    );
    if !story.tags.is_empty() {
        let tags: Vec<&str> = story.tags.iter().map(|t| TAGS[*t]).collect();
        front.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if story.in_series {
        front.push_str(&format!("series: {SERIES}\n"));
    }
    front.push_str("companies:\n");
    for (company, rating) in &story.companies {
        front.push_str(&format!(
            "  - name: {}\n    rating: \"{}\"\n",
            COMPANIES[*company], RATINGS[*rating]
        ));
    }
    with_front_matter(&front, &story.body)
}

impl SiteState {
    fn new(stories: Vec<Option<StoryState>>) -> Self {
        SiteState {
            stories,
            company_profiles: vec![
                ("makes kettle".to_owned(), true),
                ("sends parcel".to_owned(), false),
            ],
            author_profiles: vec![
                ("Ann Author".to_owned(), "Ann writes.".to_owned()),
                ("Bob Author".to_owned(), "Bob writes.".to_owned()),
            ],
            series: ("Saga".to_owned(), "A long one.".to_owned()),
            comments: (0..STORY_SLOTS)
                .map(|slot| (slot % 2 == 0).then(|| "first".to_owned()))
                .collect(),
            template: None,
            config: ("Live Stories".to_owned(), 2, 0),
        }
    }

    /// Every file of the site, by path from the root (`None`: the file does not exist).
    fn file(&self, rel: &str) -> Option<String> {
        if rel == "site.yaml" {
            let (title, per_page, display) = &self.config;
            let display = ["grade", "stars", "percent"][*display];
            return Some(format!(
                "title: {title}\nbase_url: https://example.com\nstories_per_page: {per_page}\nrating_display: {display}\nranking:\n  min_ratings: 1\n"
            ));
        }
        if rel == "templates/story.html" {
            let marker = self.template.as_ref()?;
            let block = "{% block content %}";
            let theme = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/story.html"),
            )
            .expect("read the default theme's story template");
            assert!(theme.contains(block), "story.html has a content block");
            return Some(theme.replacen(
                block,
                &format!("{block}<p class=\"marker\">{marker}</p>"),
                1,
            ));
        }
        if rel == format!("content/series/{SERIES}.md") {
            let (title, body) = &self.series;
            return Some(with_front_matter(&format!("title: {title}"), body));
        }
        for (i, (slug, name)) in PROFILED.iter().enumerate() {
            if rel == format!("content/companies/{slug}.md") {
                let (description, alias) = &self.company_profiles[i];
                let aliases = if *alias {
                    "\naliases: [Acme Corporation]"
                } else {
                    ""
                };
                return Some(with_front_matter(
                    &format!("name: {name}\ndescription: {description}{aliases}"),
                    "A profile.\n",
                ));
            }
        }
        for (i, slug) in PROFILED_AUTHORS.iter().enumerate() {
            if rel == format!("content/authors/{slug}.md") {
                let (name, bio) = &self.author_profiles[i];
                return Some(with_front_matter(&format!("name: {name}"), bio));
            }
        }
        for slot in 0..STORY_SLOTS {
            if rel == story_path(slot) {
                return self.stories[slot].as_ref().map(story_file);
            }
            if rel == comments_path(slot) {
                return self.comments[slot].as_ref().map(|text| {
                    format!(
                        "- author: A Reader\n  date: 2024-02-03\n  body: \"The {text} part.\"\n"
                    )
                });
            }
        }
        panic!("no such file in the model: {rel}")
    }

    fn all_paths() -> Vec<String> {
        let mut paths = vec![
            "site.yaml".to_owned(),
            "templates/story.html".to_owned(),
            format!("content/series/{SERIES}.md"),
        ];
        paths.extend(
            PROFILED
                .iter()
                .map(|(s, _)| format!("content/companies/{s}.md")),
        );
        paths.extend(
            PROFILED_AUTHORS
                .iter()
                .map(|s| format!("content/authors/{s}.md")),
        );
        paths.extend((0..STORY_SLOTS).map(story_path));
        paths.extend((0..STORY_SLOTS).map(comments_path));
        paths
    }

    /// A story to edit: the one in `slot`, made first if the slot is empty.
    fn story_mut(&mut self, slot: usize) -> &mut StoryState {
        self.stories[slot].get_or_insert_with(|| StoryState {
            title: format!("story {slot}"),
            date: (2020, 1, 1 + slot as u8),
            author: slot % AUTHORS.len(),
            tags: Vec::new(),
            companies: vec![(slot % COMPANIES.len(), slot % RATINGS.len())],
            in_series: false,
            body: "A new story.\n".to_owned(),
        })
    }

    /// Applies an edit; returns the file it touches.
    fn apply(&mut self, edit: &Edit) -> String {
        match edit {
            Edit::Body(slot, body) => self.story_mut(*slot).body = body.clone(),
            Edit::Rating(slot, which, rating) => {
                let story = self.story_mut(*slot);
                let which = which % story.companies.len();
                story.companies[which].1 = *rating;
            }
            Edit::Title(slot, title) => self.story_mut(*slot).title = title.clone(),
            Edit::Date(slot, date) => self.story_mut(*slot).date = *date,
            Edit::Redate(slot, month, day) => {
                let story = self.story_mut(*slot);
                story.date = (story.date.0, *month, *day);
            }
            Edit::Tags(slot, tags) => self.story_mut(*slot).tags = tags.clone(),
            Edit::AddCompany(slot, company, rating) => {
                let story = self.story_mut(*slot);
                match story.companies.iter_mut().find(|(c, _)| c == company) {
                    Some(existing) => existing.1 = *rating,
                    None => story.companies.push((*company, *rating)),
                }
            }
            Edit::StorySeries(slot, in_series) => self.story_mut(*slot).in_series = *in_series,
            Edit::CompanyProfile(i, description, alias) => {
                self.company_profiles[*i] = (description.clone(), *alias);
                return format!("content/companies/{}.md", PROFILED[*i].0);
            }
            Edit::AuthorProfile(i, name, bio) => {
                self.author_profiles[*i] = (name.clone(), bio.clone());
                return format!("content/authors/{}.md", PROFILED_AUTHORS[*i]);
            }
            Edit::Series(title, body) => {
                self.series = (title.clone(), body.clone());
                return format!("content/series/{SERIES}.md");
            }
            Edit::Template(marker) => {
                self.template = marker.clone();
                return "templates/story.html".to_owned();
            }
            Edit::SiteYaml(title, per_page, display) => {
                self.config = (title.clone(), *per_page, *display);
                return "site.yaml".to_owned();
            }
            Edit::AddStory(slot, story) => self.stories[*slot] = Some(story.clone()),
            Edit::DeleteStory(slot) => self.stories[*slot] = None,
            Edit::Comments(slot, text) => {
                self.comments[*slot] = text.clone();
                return comments_path(*slot);
            }
        }
        let slot = match edit {
            Edit::Body(s, _)
            | Edit::Rating(s, ..)
            | Edit::Title(s, _)
            | Edit::Date(s, _)
            | Edit::Redate(s, ..)
            | Edit::Tags(s, _)
            | Edit::AddCompany(s, ..)
            | Edit::StorySeries(s, _)
            | Edit::AddStory(s, _)
            | Edit::DeleteStory(s) => *s,
            _ => unreachable!("edits of other files returned above"),
        };
        story_path(slot)
    }

    /// Makes the file at `rel` on disk what the model says; dated `dated` when given.
    fn write(&self, site: &Site, rel: &str, dated: Option<std::time::SystemTime>) {
        let path = site.root().join(rel);
        match self.file(rel) {
            Some(text) => {
                site.file(rel, text);
                if let Some(time) = dated {
                    std::fs::File::options()
                        .write(true)
                        .open(&path)
                        .and_then(|f| f.set_modified(time))
                        .expect("date the file");
                }
            }
            None if path.exists() => {
                site.remove(rel);
            }
            None => {}
        }
    }
}

/// A build's files and diagnostics, or its diagnostics when it failed, for comparing.
fn outcome(result: BuildResult) -> Result<(BTreeMap<String, Vec<u8>>, String), String> {
    match result {
        Ok((snapshot, diagnostics)) => Ok((snapshot.output.files(), diagnostics.render())),
        Err(diagnostics) => Err(diagnostics.render()),
    }
}

/// The first differing file between two builds, for a readable failure.
fn first_difference(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) -> String {
    let paths = got.keys().chain(want.keys());
    for path in paths {
        let (a, b) = (got.get(path), want.get(path));
        if a != b {
            let text = |x: Option<&Vec<u8>>| x.map(|b| String::from_utf8_lossy(b).into_owned());
            return format!(
                "{path}:\n  incremental: {:?}\n  clean:       {:?}",
                text(a),
                text(b)
            );
        }
    }
    String::new()
}

/// Hands out modification times for files written by a scenario: none (the time of the write),
/// or times a day in the past, a second later for every write, so that every stamp is trusted
/// and no two versions of a file share one.
struct Clock(Option<std::time::SystemTime>);

impl Clock {
    fn next(&mut self) -> Option<std::time::SystemTime> {
        let time = self.0?;
        self.0 = Some(time + std::time::Duration::from_secs(1));
        Some(time)
    }
}

fn run_scenario(
    initial: Vec<Option<StoryState>>,
    steps: Vec<Vec<Edit>>,
    settled: bool,
) -> Result<(), TestCaseError> {
    let site = Site::new();
    let mut clock = Clock(
        settled.then(|| std::time::SystemTime::now() - std::time::Duration::from_secs(86_400)),
    );
    let mut state = SiteState::new(initial);
    for rel in SiteState::all_paths() {
        state.write(&site, &rel, clock.next());
    }
    let mut session = Session::new(site.options());
    let first = outcome(session.build());
    prop_assert_eq!(
        first,
        outcome(Session::new(site.options()).build()),
        "the first build differs from a clean one"
    );
    for (n, edits) in steps.iter().enumerate() {
        let mut changed: Vec<PathBuf> = Vec::new();
        for edit in edits {
            let rel = state.apply(edit);
            state.write(&site, &rel, clock.next());
            changed.push(site.root().join(rel));
        }
        changed.sort();
        changed.dedup();
        let incremental = outcome(session.rebuild(&changed));
        let clean = outcome(Session::new(site.options()).build());
        match (&incremental, &clean) {
            (Ok((got, got_diagnostics)), Ok((want, want_diagnostics))) => {
                prop_assert!(
                    got == want,
                    "after step {n} ({edits:?}) the output differs from a clean build: {}",
                    first_difference(got, want)
                );
                prop_assert_eq!(
                    got_diagnostics,
                    want_diagnostics,
                    "diagnostics after step {}",
                    n
                );
            }
            _ => prop_assert_eq!(incremental, clean, "after step {} ({:?})", n, edits),
        }
    }
    Ok(())
}

/// Runs the scenarios, with settled files or not.
fn run_scenarios(settled: bool) {
    let cases = std::env::var("RAVE_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&scenario(), |(initial, steps)| {
            run_scenario(initial, steps, settled)
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_kind_of_edit_rebuilds_to_the_bytes_of_a_clean_build() {
    run_scenarios(false);
}

#[test]
fn every_kind_of_edit_of_settled_files_rebuilds_to_the_bytes_of_a_clean_build() {
    run_scenarios(true);
}

/// A site of `n` stories by four writers rating three companies, tagged two ways.
fn forty_stories() -> Site {
    let site = Site::new();
    for i in 0..40 {
        let (company, other) = [
            ("Acme", "Globex"),
            ("Globex", "Initech"),
            ("Initech", "Acme"),
        ][i % 3];
        site.story(
            &format!("s{i:02}.md"),
            &format!(
                "title: Story {i}\ndate: 2020-{:02}-{:02}\nauthor: writer-{}\ntags: [{}]\ncompanies:\n  - name: {company}\n    rating: \"B\"\n  - name: {other}\n    rating: \"{}/5\"",
                1 + i % 12,
                1 + i % 28,
                i % 4,
                ["phone", "email"][i % 2],
                1 + i % 5,
            ),
            &format!("What happened in story {i}, told at some length.\n"),
        );
    }
    site
}

/// How many files a rebuild after writing `rel` as `text` rendered or took from the page cache
/// (all but those kept because nothing they read changed), and how many files of the output it
/// changed.
fn rendered_and_changed(site: &Site, rel: &str, text: &str) -> (usize, usize) {
    let mut session = Session::new(site.options());
    let (before, _) = session.build().expect("the site builds");
    site.file(rel, text);
    let (after, _) = session
        .rebuild(&[site.root().join(rel)])
        .expect("the site rebuilds");
    let changed = before
        .output
        .pages
        .iter()
        .filter(|(path, bytes)| after.output.pages.get(*path) != Some(*bytes))
        .count()
        + after
            .output
            .pages
            .keys()
            .filter(|path| !before.output.pages.contains_key(*path))
            .count();
    (after.output.pages.len() - after.pages_kept, changed)
}

#[test]
fn a_front_matter_edit_renders_only_what_shows_it() {
    let site = forty_stories();
    let story = std::fs::read_to_string(site.root().join("content/stories/s07.md")).unwrap();
    for (what, edited) in [
        (
            "title",
            story.replace("title: Story 7", "title: Story seven"),
        ),
        ("rating", story.replace("rating: \"B\"", "rating: \"D\"")),
        // These change which entities there are or their order: the last build's reads are
        // carried over to the new numbering.
        (
            "date",
            story.replace("date: 2020-08-08", "date: 2020-03-08"),
        ),
        (
            "new tag",
            story.replace("tags: [email]", "tags: [email, warranty]"),
        ),
        (
            "new company",
            story.replace(
                "companies:\n",
                "companies:\n  - name: Umbrella\n    rating: \"C\"\n",
            ),
        ),
    ] {
        assert_ne!(edited, story, "the {what} edit changes the file");
        let (rendered, changed) = rendered_and_changed(&site, "content/stories/s07.md", &edited);
        let total = Session::new(site.options())
            .build()
            .unwrap()
            .0
            .output
            .pages
            .len();
        assert!(changed > 0, "the {what} edit changed no file");
        // Besides the files whose bytes changed, only the search index's files (rendered as
        // one job) and pages that read what changed but show it the same way.
        // A story moved in the site's order changes every list page between its old and new
        // places, and a new entity changes the job list, which the sitemap and redirect pages
        // read: what is rendered follows what changes, not the site's size.
        let (share, beyond) = match what {
            "title" | "rating" => (total / 3, 12),
            _ => (total * 2 / 3, 30),
        };
        assert!(
            rendered < share && rendered <= changed + beyond,
            "the {what} edit rendered {rendered} of {total} files to change {changed}"
        );
        site.file("content/stories/s07.md", &story);
    }
}
