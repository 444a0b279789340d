//! Successful builds: the example site, company folding and aggregates, drafts and scheduled
//! stories, determinism, sub-folder sites and story bundles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::{Site, links_of, rave, read_page, snapshot, story_folders, text_of};

/// The front matter of a content file as JSON, or `None` if it has none.
fn front_matter(path: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).expect("read a content file");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    Some(serde_saphyr::from_str(&rest[..end + 1]).expect("the example's YAML parses"))
}

fn text_field<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(serde_json::Value::as_str)
}

/// A test's own slugify, for the plain ASCII names of the example site.
fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    for c in name.chars().filter(|c| *c != '\'') {
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    }
    out
}

/// Company identity as documented: case, spaces and trailing punctuation do not matter.
fn fold(name: &str) -> String {
    let joined = name
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    joined
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && !matches!(c, ')' | '+' | '&'))
        .trim_end()
        .to_owned()
}

/// Markdown files of a content folder with their file stems, sorted.
fn content_files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read a content folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let stem = p.file_stem().expect("stem").to_string_lossy().into_owned();
            (stem, p)
        })
        .collect();
    files.sort();
    files
}

/// What the repository's example site should produce, derived from its content files.
struct Expected {
    stories: BTreeSet<String>,
    drafts: BTreeSet<String>,
    companies: BTreeSet<String>,
    /// Slugs of the aliases of company profiles.
    alias_slugs: BTreeSet<String>,
    authors: BTreeSet<String>,
}

fn expected_example(root: &Path) -> Expected {
    let stories_dir = root.join("content/stories");
    let mut story_files = Vec::new();
    for entry in std::fs::read_dir(&stories_dir).expect("read content/stories") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if path.is_dir() && path.join("index.md").is_file() {
            story_files.push((name, path.join("index.md")));
        } else if let Some(stem) = name.strip_suffix(".md") {
            story_files.push((stem.to_owned(), path));
        }
    }
    assert!(story_files.len() > 3, "the example site has stories");

    // Company profiles: name and aliases fold into the profile's page.
    let mut company_of_name: BTreeMap<String, String> = BTreeMap::new();
    let mut companies = BTreeSet::new();
    let mut alias_slugs = BTreeSet::new();
    for (_, path) in content_files(&root.join("content/companies")) {
        let fm = front_matter(&path).expect("a company profile has front matter");
        let name = text_field(&fm, "name").expect("a company has a name");
        companies.insert(slug(name));
        company_of_name.insert(fold(name), slug(name));
        for alias in fm["aliases"].as_array().into_iter().flatten() {
            let alias = alias.as_str().expect("an alias is text");
            company_of_name.insert(fold(alias), slug(name));
            alias_slugs.insert(slug(alias));
        }
    }
    // Author profiles: by file slug, by name.
    let mut author_of_name: BTreeMap<String, String> = BTreeMap::new();
    let mut authors = BTreeSet::new();
    for (stem, path) in content_files(&root.join("content/authors")) {
        let fm = front_matter(&path).expect("an author profile has front matter");
        authors.insert(stem.clone());
        author_of_name.insert(stem.clone(), stem.clone());
        let name = text_field(&fm, "name").expect("an author has a name");
        author_of_name.insert(name.to_lowercase(), stem);
    }
    let config: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(root.join("site.yaml")).expect("read site.yaml"),
    )
    .expect("site.yaml parses");
    let default_author = text_field(&config, "author")
        .unwrap_or("Anonymous")
        .to_owned();

    let mut expected = Expected {
        stories: BTreeSet::new(),
        drafts: BTreeSet::new(),
        companies,
        alias_slugs,
        authors,
    };
    for (stem, path) in story_files {
        let fm = front_matter(&path).expect("a story has front matter");
        let story_slug = text_field(&fm, "slug").map_or(stem, str::to_owned);
        if fm.get("draft").and_then(serde_json::Value::as_bool) == Some(true) {
            expected.drafts.insert(story_slug);
            continue;
        }
        expected.stories.insert(story_slug);
        let author = text_field(&fm, "author").unwrap_or(&default_author);
        let author_slug = author_of_name
            .get(author)
            .or_else(|| author_of_name.get(&author.to_lowercase()))
            .cloned()
            .unwrap_or_else(|| slug(author));
        expected.authors.insert(author_slug);
        let mut names: Vec<&str> = text_field(&fm, "company").into_iter().collect();
        for entry in fm["companies"].as_array().into_iter().flatten() {
            names.push(text_field(entry, "name").expect("a company entry has a name"));
        }
        for name in names {
            let company = company_of_name
                .get(&fold(name))
                .cloned()
                .unwrap_or_else(|| slug(name));
            expected.companies.insert(company);
        }
    }
    expected
}

/// Every `href` of the home page and its further pages.
fn home_links(out: &Path) -> BTreeSet<String> {
    let mut links: BTreeSet<String> = links_of(&read_page(out, "index.html"))
        .into_iter()
        .collect();
    for n in 2.. {
        let rel = format!("page/{n}/index.html");
        if !out.join(&rel).is_file() {
            break;
        }
        links.extend(links_of(&read_page(out, &rel)));
    }
    links
}

#[test]
fn example_site_builds_every_story_company_and_author_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = expected_example(root);
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("public");
    // A "now" far ahead, so that every story that is not a draft is published.
    let run = rave(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
        "--now".as_ref(),
        "2100-01-01".as_ref(),
    ]);
    run.success();

    let summary = format!(
        "Built {} stories, {} companies, {} authors: ",
        expected.stories.len(),
        expected.companies.len(),
        expected.authors.len()
    );
    assert!(
        run.stdout.starts_with(&summary),
        "summary line: expected it to start with {summary:?}, got:\n{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .next()
            .unwrap_or_default()
            .contains(" ms -> ")
    );
    assert!(
        run.stdout.contains(&format!(
            "Left out {} draft(s); build with --drafts to include them.",
            expected.drafts.len()
        )),
        "{}",
        run.stdout
    );

    let home = read_page(&out, "index.html");
    assert!(
        text_of(&home).contains("Counter Stories"),
        "home names the site"
    );
    assert!(out.join("404.html").is_file());
    assert!(out.join("style.css").is_file());
    assert!(out.join(".rave-output").is_file(), "the output is marked");
    assert!(out.join("companies/index.html").is_file());
    assert!(out.join("authors/index.html").is_file());
    assert!(out.join("tags/index.html").is_file());

    let links = home_links(&out);
    for story in &expected.stories {
        let page = out.join(format!("stories/{story}/index.html"));
        assert!(page.is_file(), "story page {} is missing", page.display());
        assert!(
            links.contains(&format!("/stories/{story}/")),
            "the home pages link to story {story}"
        );
    }
    for draft in &expected.drafts {
        assert!(
            !out.join(format!("stories/{draft}")).exists(),
            "draft {draft} was published"
        );
        assert!(!links.contains(&format!("/stories/{draft}/")));
    }
    let built_stories = story_folders(&out);
    assert_eq!(
        built_stories, expected.stories,
        "exactly the published stories"
    );

    let companies_index = read_page(&out, "companies/index.html");
    for company in &expected.companies {
        assert!(
            out.join(format!("companies/{company}/index.html"))
                .is_file(),
            "company page {company} is missing"
        );
        assert!(
            companies_index.contains(&format!("href=\"/companies/{company}/\"")),
            "companies index links to {company}"
        );
    }
    // Other spellings make no page of their own (the summary line counts the companies).
    for alias in expected.alias_slugs.difference(&expected.companies) {
        assert!(
            !out.join(format!("companies/{alias}")).exists(),
            "alias {alias} has a page of its own"
        );
    }

    let authors_index = read_page(&out, "authors/index.html");
    for author in &expected.authors {
        assert!(
            out.join(format!("authors/{author}/index.html")).is_file(),
            "author page {author} is missing"
        );
        assert!(authors_index.contains(&format!("href=\"/authors/{author}/\"")));
    }
}

/// The visible text of the part of a company page listing its stories, one entry per title.
fn story_entries(page_text: &str, heading: &str, titles: &[&str]) -> BTreeMap<String, String> {
    let start = page_text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in {page_text}"));
    let list = &page_text[start..];
    let mut starts: Vec<(usize, &str)> = titles
        .iter()
        .map(|t| {
            let at = list
                .find(t)
                .unwrap_or_else(|| panic!("story {t:?} is not listed under {heading:?}: {list}"));
            (at, *t)
        })
        .collect();
    starts.sort();
    let mut entries = BTreeMap::new();
    for (i, (at, title)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(list.len(), |(next, _)| *next);
        entries.insert((*title).to_owned(), list[*at..end].to_owned());
    }
    entries
}

/// The number after "Mean score" on a company page.
fn mean_shown(page_text: &str) -> f64 {
    let at = page_text
        .find("Mean score ")
        .expect("a mean score is shown")
        + "Mean score ".len();
    let number: String = page_text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse().expect("the mean is a number")
}

#[test]
fn ratings_in_every_form_fold_into_company_pages_with_their_average() {
    let site = Site::new();
    site.company("acme", "name: Acme\naliases: [Acme Corp]", "Makers of everything.\n")
        .story(
            "alpha.md",
            "title: Alpha story\ndate: 2020-01-10\ncompany: Acme\nrating: A+",
            "Great.\n",
        )
        .story(
            "bravo.md",
            "title: Bravo story\ndate: 2020-02-10\ncompanies:\n  - name: acme.\n    rating: 3/5\n  - name: Widget Co\n    verdict: ugly",
            "Meh.\n",
        )
        .story(
            "charlie.md",
            "title: Charlie story\ndate: 2021-03-10\ncompanies:\n  - name: \"ACME  Corp\"\n    rating: 85%\n  - name: \"WIDGET  co!\"\n    rating: B-",
            "Fine.\n",
        );
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .starts_with("Built 3 stories, 2 companies, 1 author: "),
        "{}",
        run.stdout
    );

    let companies = site.out().join("companies");
    assert!(companies.join("acme/index.html").is_file());
    assert!(companies.join("widget-co/index.html").is_file());
    for other_spelling in ["acme-corp", "widget-co-1", "widget"] {
        assert!(
            !companies.join(other_spelling).exists(),
            "{other_spelling} has a page of its own"
        );
    }

    // Acme: A+ = 100, 3/5 = 60, 85% = 85.
    let scores = [100.0, 60.0, 85.0];
    let mean: f64 = scores.iter().sum::<f64>() / scores.len() as f64;
    let mean1 = (mean * 10.0).round() / 10.0;
    assert_eq!(mean1, 81.7);
    let acme = text_of(&site.page("companies/acme/index.html"));
    assert_eq!(mean_shown(&acme), mean1, "{acme}");
    assert!(acme.contains("3 ratings from 3 stories"), "{acme}");
    // 81.7 is nearest to B (80), not B+ (85).
    let average = "Grade B (81.7 out of 100), good";
    let report = &acme[..acme.find("Stories about Acme").expect("story list")];
    assert!(report.contains(average), "average badge: {report}");
    assert!(
        acme.contains("Also written as"),
        "aliases are listed: {acme}"
    );
    let entries = story_entries(
        &acme,
        "Stories about Acme",
        &["Alpha story", "Bravo story", "Charlie story"],
    );
    let given = [
        ("Alpha story", "Grade A+ (100 out of 100), good"),
        ("Bravo story", "Grade C (60 out of 100), mixed"),
        ("Charlie story", "Grade B+ (85 out of 100), good"),
    ];
    for (title, label) in given {
        assert!(
            entries[title].contains(label),
            "{title} on Acme's page should show {label:?}: {}",
            entries[title]
        );
    }

    // Widget Co: an ugly verdict without a score, and B- = 75: the mean is 75 from 1 rating.
    let widget = text_of(&site.page("companies/widget-co/index.html"));
    assert_eq!(mean_shown(&widget), 75.0, "{widget}");
    assert!(widget.contains("1 rating from 2 stories"), "{widget}");
    let entries = story_entries(&widget, "Stories about", &["Bravo story", "Charlie story"]);
    assert!(
        entries["Bravo story"].contains("Verdict: ugly, without a grade"),
        "{}",
        entries["Bravo story"]
    );
    assert!(
        entries["Charlie story"].contains("Grade B- (75 out of 100), good"),
        "{}",
        entries["Charlie story"]
    );

    // Story pages link each mention to the folded company page.
    let charlie = site.page("stories/charlie/index.html");
    assert!(charlie.contains("href=\"/companies/acme/\""), "{charlie}");
    assert!(
        charlie.contains("href=\"/companies/widget-co/\""),
        "{charlie}"
    );
    assert!(text_of(&charlie).contains("Grade B+ (85 out of 100), good"));
    let companies_index = text_of(&site.page("companies/index.html"));
    assert_eq!(
        companies_index.matches("Acme").count(),
        1,
        "Acme is listed once: {companies_index}"
    );
}

#[test]
fn a_company_without_profile_is_named_by_its_first_spelling() {
    // src/model/mod.rs: "Oldest first when naming things, so a company's display name is its
    // first spelling."
    let site = Site::new();
    site.story(
        "old.md",
        "title: Old story\ndate: 2020-01-01\ncompany: Widget Co\nrating: B",
        "x\n",
    )
    .story(
        "new.md",
        "title: New story\ndate: 2021-01-01\ncompany: \"WIDGET  co!\"\nrating: B",
        "x\n",
    );
    site.build(&[]).success();
    let page = site.page("companies/widget-co/index.html");
    assert!(
        page.contains("<h1>Widget Co</h1>"),
        "expected the oldest spelling `Widget Co` as the company's name, got {:?}",
        page.lines().find(|l| l.contains("<h1")).unwrap_or_default()
    );
}

#[test]
fn a_company_named_like_a_leaderboard_keeps_its_page() {
    // The rankings live at /companies/best/, /companies/worst/ and /companies/most-discussed/;
    // a company whose name makes one of these slugs must not share the file with them.
    let site = Site::new();
    site.story(
        "best.md",
        "title: Story about Best\ndate: 2020-01-01\ncompany: Best\nrating: B",
        "x\n",
    );
    let run = site.build(&[]);
    if run.code == Some(1) {
        assert!(run.stderr.contains("best"), "a clear error: {}", run.stderr);
        return;
    }
    run.success();
    let story = site.page("stories/best/index.html");
    let company_url = links_of(&story)
        .into_iter()
        .find(|l| l.starts_with("/companies/") && l != "/companies/")
        .expect("the story links to its company");
    let company = text_of(&site.page(&format!("{}index.html", &company_url[1..])));
    assert!(
        company.contains("Story about Best"),
        "{company_url} should be the page of the company Best, got: {company}"
    );
    let title_of = |html: &str| -> String {
        let start = html.find("<title>").map_or(0, |i| i + "<title>".len());
        let end = html[start..].find("</title>").map_or(start, |i| start + i);
        html[start..end].to_owned()
    };
    let boards: Vec<String> = snapshot(&site.out())
        .into_iter()
        .filter(|(_, bytes)| {
            title_of(&String::from_utf8_lossy(bytes)).starts_with("Best rated companies")
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        !boards.is_empty(),
        "the ranking page `Best rated companies` was overwritten by the company page"
    );
}

fn drafts_and_future_site() -> Site {
    let site = Site::new();
    site.story(
        "published.md",
        "title: Published story\ndate: 2019-06-01\ncompany: Acme\nrating: B",
        "Out.\n",
    )
    .story(
        "unfinished.md",
        "title: Unfinished story\ndate: 2019-07-01\ndraft: true\ncompany: Acme\nrating: F",
        "Draft.\n",
    )
    .story(
        "scheduled.md",
        "title: Scheduled story\ndate: 2020-06-01\ncompany: Acme\nrating: A",
        "Later.\n",
    );
    site
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = drafts_and_future_site();
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .contains("Left out 1 draft(s); build with --drafts to include them."),
        "{}",
        run.stdout
    );
    assert!(site.out().join("stories/published/index.html").is_file());
    assert!(!site.out().join("stories/unfinished").exists());
    let home = site.page("index.html");
    assert!(!home.contains("Unfinished story"));
    let acme = text_of(&site.page("companies/acme/index.html"));
    assert!(!acme.contains("Unfinished story"), "{acme}");
    assert!(
        !acme.contains("Grade F (20 out of 100)"),
        "the draft's rating is not shown"
    );
    // The published story (B) and the scheduled one, whose date has passed (A).
    assert!(acme.contains("2 ratings from 2 stories"), "{acme}");

    let run = site.build(&["--drafts"]);
    run.success();
    assert!(!run.stdout.contains("draft(s)"), "{}", run.stdout);
    assert!(site.out().join("stories/unfinished/index.html").is_file());
    assert!(site.page("index.html").contains("Unfinished story"));
    let acme = text_of(&site.page("companies/acme/index.html"));
    assert!(acme.contains("Unfinished story"), "{acme}");
}

#[test]
fn future_stories_are_held_back_unless_asked_for() {
    let site = drafts_and_future_site();
    let run = site.build(&["--now", "2020-01-01"]);
    run.success();
    assert!(
        run.stdout.contains(
            "Held back 1 story(ies) dated in the future; build with --future to include them."
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.starts_with("Built 1 story, "), "{}", run.stdout);
    assert!(!site.out().join("stories/scheduled").exists());
    assert!(!site.page("index.html").contains("Scheduled story"));

    let run = site.build(&["--now", "2020-01-01", "--future"]);
    run.success();
    assert!(!run.stdout.contains("Held back"), "{}", run.stdout);
    assert!(
        run.stdout.starts_with("Built 2 stories, "),
        "{}",
        run.stdout
    );
    assert!(site.out().join("stories/scheduled/index.html").is_file());
    assert!(site.page("index.html").contains("Scheduled story"));

    // Once "now" has passed its date, the story is published without the flag.
    let run = site.build(&["--now", "2020-06-02"]);
    run.success();
    assert!(site.out().join("stories/scheduled/index.html").is_file());
}

/// A fixture with a bit of everything, for whole-tree comparisons.
fn varied_site() -> Site {
    let site = Site::new();
    site.company("acme", "name: Acme\naliases: [Acme Inc]", "About Acme.\n")
        .author("ann", "name: Ann Author\ntagline: Writes", "Ann's bio.\n")
        .file("static/robots.txt", "User-agent: *\n")
        .file("content/pages/about.md", "---\ntitle: About\n---\nAbout us.\n")
        .file(
            "content/series/spring.md",
            "---\ntitle: Spring series\n---\nIntro.\n",
        )
        .file("content/stories/trip/photo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .story(
            "trip/index.md",
            "title: Trip\ndate: 2021-04-01\nauthor: ann\nseries: spring\ncompany: Acme Inc\nrating: 4/5\ntags: [travel, refunds]\ncategory: Travel\nimage: {src: photo.svg, alt: A photo}",
            "A trip.\n\n<!-- more -->\n\nMore.\n",
        );
    for i in 0..14 {
        site.story(
            &format!("story-{i:02}.md"),
            &format!(
                "title: Story number {i}\ndate: 2021-0{}-1{}\nauthor: {}\ncompanies:\n  - name: {}\n    rating: {}\ntags: [tag-{}]",
                1 + i % 9,
                i % 10,
                if i % 2 == 0 { "ann" } else { "Bob Writer" },
                ["Acme", "Beta Corp", "Gamma Ltd"][i % 3],
                ["A", "3/5", "72%", "7/10", "★★★☆☆", "bad"][i % 6],
                i % 4
            ),
            "Some *text*.\n",
        );
    }
    site
}

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    let site = varied_site();
    let first = site.beside("first");
    let second = site.beside("second");
    site.build_to(&first, &[]).success();
    site.build_to(&second, &[]).success();
    let a = snapshot(&first);
    let b = snapshot(&second);
    assert!(a.len() > 20, "a real site was built: {:?}", a.keys());
    assert!(a.contains_key("page/2/index.html"), "home is paginated");
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn in_memory_build_gives_the_pages_the_binary_writes() {
    let site = varied_site();
    site.build(&[]).success();
    let written = snapshot(&site.out());
    let (pages, diagnostics) =
        rave::pipeline::build_in_memory(&site.options()).expect("the fixture builds");
    assert_eq!(diagnostics.error_count(), 0, "{}", diagnostics.render());
    assert!(pages.len() > 20);
    for (path, bytes) in &pages {
        let on_disk = written
            .get(path)
            .unwrap_or_else(|| panic!("{path} is built in memory but not written"));
        assert!(on_disk == bytes, "{path} differs between memory and disk");
    }
    let html_on_disk: Vec<&String> = written.keys().filter(|p| p.ends_with(".html")).collect();
    let html_in_memory: Vec<&String> = pages.keys().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(html_on_disk, html_in_memory);
}

/// Asserts that every root-relative link of every page of `out` starts with `prefix`.
fn assert_links_under(out: &Path, prefix: &str) {
    let pages = snapshot(out);
    let mut checked = 0;
    for (path, bytes) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links_of(&html) {
            if link.starts_with('/') && !link.starts_with("//") {
                checked += 1;
                assert!(
                    link.starts_with(prefix),
                    "{path}: link {link:?} is outside {prefix}"
                );
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn a_sub_folder_base_url_prefixes_every_link() {
    let site = varied_site();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com/blog/\n",
    );
    site.build(&[]).success();
    assert_links_under(&site.out(), "/blog/");
    let story = site.page("stories/trip/index.html");
    assert!(story.contains("href=\"/blog/companies/acme/\""), "{story}");
    assert!(
        story.contains("src=\"/blog/stories/trip/photo.svg\""),
        "{story}"
    );
    assert!(
        story.contains("/blog/style.css"),
        "the stylesheet is under /blog/"
    );
    // Files still go at the top of the output folder.
    assert!(site.out().join("stories/trip/index.html").is_file());
    assert!(!site.out().join("blog").exists());
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = varied_site();
    site.build(&["--base-url", "https://preview.example.net/pr-7/"])
        .success();
    assert_links_under(&site.out(), "/pr-7/");
    let home = site.page("index.html");
    assert!(
        home.contains("https://preview.example.net/pr-7/"),
        "the canonical link uses the override"
    );
    assert!(!home.contains("https://example.com"), "{home}");
}

#[test]
fn a_story_bundle_copies_its_files_beside_the_story() {
    let site = Site::new();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n";
    site.file("content/stories/trip/photo.svg", svg)
        .file("content/stories/trip/notes/map.txt", "a map\n")
        .story(
            "trip/index.md",
            "title: Trip\ndate: 2021-04-01\ncompany: Acme\nrating: B\nimage: {src: photo.svg, alt: Sunset over the bay}",
            "A trip.\n",
        );
    site.build(&[]).success();
    assert_eq!(
        std::fs::read(site.out().join("stories/trip/photo.svg")).expect("photo copied"),
        svg.as_bytes()
    );
    assert_eq!(
        std::fs::read(site.out().join("stories/trip/notes/map.txt")).expect("nested file copied"),
        b"a map\n"
    );
    assert!(
        !site.out().join("stories/trip/index.md").exists(),
        "the source is not copied"
    );
    let page = site.page("stories/trip/index.html");
    assert!(page.contains("src=\"/stories/trip/photo.svg\""), "{page}");
    assert!(page.contains("alt=\"Sunset over the bay\""), "{page}");
}
