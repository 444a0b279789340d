//! The blog in the readers' language: every bundled catalogue builds the example site, dates and
//! numbers take the language's form, and no English word of the theme is left on any page.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Site, text_of};

/// The languages rave ships a catalogue for.
const BUNDLED: [&str; 6] = ["en", "de", "fr", "es", "nl", "pt"];

/// Copies `from` (a folder of the repository) into the site as `to`.
fn copy_tree(site: &Site, from: &Path, to: &str) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(from).expect("inside");
            let bytes = std::fs::read(entry.path()).expect("read");
            site.file(&format!("{to}/{}", rel.display()), bytes);
        }
    }
}

/// Pages of an in-memory build, `path -> text`, failing on any warning about the catalogue.
fn build(site: &Site) -> BTreeMap<String, String> {
    let (pages, diagnostics) = rave::pipeline::build_in_memory(&site.options())
        .unwrap_or_else(|d| panic!("the site builds:\n{}", d.render()));
    let about_catalogue: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.path.to_string_lossy().ends_with(".ftl"))
        .map(|d| d.render())
        .collect();
    assert!(about_catalogue.is_empty(), "{about_catalogue:#?}");
    pages
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

#[test]
fn the_example_site_builds_in_every_bundled_language_with_its_dates_and_numbers() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = std::fs::read_to_string(repo.join("site.yaml")).expect("site.yaml");
    let expected_date = [
        ("en", "5 March 2023"),
        ("de", "5. März 2023"),
        ("fr", "5 mars 2023"),
        ("es", "5 de marzo de 2023"),
        ("nl", "5 maart 2023"),
        ("pt", "5 de março de 2023"),
    ];
    for (language, date) in expected_date {
        let site = Site::new();
        let yaml: String = example
            .lines()
            .filter(|l| !l.starts_with("language:"))
            .map(|l| format!("{l}\n"))
            .collect();
        site.file("site.yaml", format!("{yaml}language: {language}\n"));
        copy_tree(&site, &repo.join("content"), "content");
        copy_tree(&site, &repo.join("static"), "static");
        site.story(
            "dated.md",
            "title: Dated\ndate: 2023-03-05\ncompanies:\n  - name: Dated Co\n    rating: 57.5%",
            "Text.\n",
        );
        let pages = build(&site);
        let story = &pages["stories/dated/index.html"];
        assert!(
            story.contains(&format!("<html lang=\"{language}\" dir=\"ltr\">")),
            "{language}"
        );
        assert!(
            text_of(story).contains(date),
            "{language}: {date} in {}",
            text_of(story)
        );
        let decimal = if language == "en" { "57.5" } else { "57,5" };
        assert!(
            text_of(&pages["companies/dated-co/index.html"]).contains(decimal),
            "{language}: {decimal}"
        );
    }
}

/// A site whose content is made of invented names only, so that any English word on its pages
/// comes from the theme: every page type, counts of 0, 1, 2, 5 and 21.
fn neutral_site(language: &str) -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        format!(
            "title: Zorbu\nbase_url: https://example.com\ndescription: Zorbu zorbu.\nlanguage: {language}\nstories_per_page: 5\nranking: {{ min_ratings: 1 }}\n"
        ),
    );
    site.author(
        "quox",
        "name: Quox Zimbel\ntagline: Zimbel\nwebsite: https://example.com/q",
        "Zimbel zimbel.\n",
    );
    site.company(
        "krux",
        "name: Krux\naliases: [Kruxx]\nwebsite: https://example.com/k",
        "Krux krux.\n",
    );
    site.file(
        "content/series/zoo.md",
        "---\ntitle: Zooba\n---\nZooba zooba.\n",
    );
    site.file(
        "content/pages/zap.md",
        "---\ntitle: Zappa\n---\nZappa zappa.\n",
    );
    let ratings = ["A", "2/5", "70%", "bad", "★★★★☆"];
    let channels = ["phone", "email", "chat", "in-store", "online"];
    for i in 0..21 {
        let comments = if i == 0 {
            "comments:\n  - author: Vlox\n    date: 2023-02-02\n    body: Vlox vlox.\n".to_owned()
        } else if i == 1 {
            (0..5)
                .map(|c| {
                    format!(
                        "  - author: Vlox{c}\n    date: 2023-02-0{}\n    body: Vlox.\n",
                        c + 1
                    )
                })
                .fold("comments:\n".to_owned(), |a, c| a + &c)
        } else {
            String::new()
        };
        let series = if i < 2 {
            "series: zoo\n".to_owned()
        } else {
            String::new()
        };
        let other = if i % 2 == 0 {
            "  - name: Plim\n    rating: B\n"
        } else {
            ""
        };
        site.story(
            &format!("s{i:02}.md"),
            &format!(
                "title: Zibber {i}\ndate: 20{:02}-0{}-1{}\nauthor: quox\ncategory: Zappor\ntags: [zeng{}]\n{series}{comments}companies:\n  - name: Krux\n    rating: \"{}\"\n    channel: {}\n{other}",
                10 + i / 4,
                1 + i % 9,
                i % 10,
                i % 3,
                ratings[i % 5],
                channels[i % 5],
            ),
            "Zibber zibber zibber.\n",
        );
    }
    site.story(
        "lone.md",
        "title: Lonely\ndate: 2020-01-01\nauthor: Yurk\ntags: [zeng-lone]\ncompanies:\n  - name: Quibb",
        "Lonely.\n",
    );
    site
}

/// Word sequences of the English catalogue's messages (placeholders cut out), each at least
/// one word of four letters.
pub(crate) fn english_fragments() -> Vec<String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let english = std::fs::read_to_string(repo.join("themes/default/i18n/en.ftl")).expect("en");
    let mut fragments = Vec::new();
    for line in english.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with('[') || line.starts_with("*[") || line == "}" {
            continue;
        }
        let value = match line.split_once(" = ") {
            Some((key, value)) if !key.contains(' ') => value,
            _ => line,
        };
        // Text between placeholders and selectors.
        let mut depth = 0;
        let mut current = String::new();
        for c in value.chars() {
            match c {
                '{' => {
                    depth += 1;
                    fragments.push(std::mem::take(&mut current));
                }
                '}' => depth -= 1,
                _ if depth == 0 => current.push(c),
                _ => {}
            }
        }
        fragments.push(current);
    }
    let mut kept: Vec<String> = fragments
        .into_iter()
        .map(|f| f.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|f| {
            f.split(' ')
                .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        })
        .collect();
    kept.sort();
    kept.dedup();
    kept
}

/// Whether `text` holds `phrase` as whole words.
pub(crate) fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn no_english_is_left_on_any_page_in_another_language() {
    let fragments = english_fragments();
    assert!(fragments.len() > 100, "{}", fragments.len());
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for language in BUNDLED.into_iter().filter(|l| *l != "en") {
        let own = std::fs::read_to_string(repo.join(format!("themes/default/i18n/{language}.ftl")))
            .expect("catalogue");
        // Words the language shares with English ("Online", "Chat", "Tags") are its own too.
        let foreign: Vec<&String> = fragments.iter().filter(|f| !has_phrase(&own, f)).collect();
        let pages = build(&neutral_site(language));
        let mut found = Vec::new();
        for (path, html) in &pages {
            let text = text_of(html);
            for fragment in &foreign {
                if has_phrase(&text, fragment) {
                    found.push(format!("{path}: {fragment:?}"));
                }
            }
        }
        assert!(found.is_empty(), "{language}:\n{}", found.join("\n"));
    }
}

#[test]
fn plural_forms_on_pages_follow_the_language() {
    // Krux is rated in 21 stories; the tags zeng0 (7 stories), zeng1, zeng2; story s01 has 5
    // comments, s00 one; the lone story rates nobody, its tag has 1 story.
    let expected = [
        (
            "de",
            "21 Geschichten",
            "5 Kommentare",
            "1 Kommentar",
            "1 Geschichte",
        ),
        (
            "fr",
            "21 récits",
            "5 commentaires",
            "1 commentaire",
            "1 récit",
        ),
        (
            "es",
            "21 historias",
            "5 comentarios",
            "1 comentario",
            "1 historia",
        ),
        ("nl", "21 verhalen", "5 reacties", "1 reactie", "1 verhaal"),
        (
            "pt",
            "21 histórias",
            "5 comentários",
            "1 comentário",
            "1 história",
        ),
    ];
    for (language, stories21, comments5, comments1, story1) in expected {
        let pages = build(&neutral_site(language));
        let companies = text_of(&pages["companies/index.html"]);
        assert!(companies.contains(stories21), "{language}: {companies}");
        let s01 = text_of(&pages["stories/s01/index.html"]);
        assert!(s01.contains(comments5), "{language}: {s01}");
        let s00 = text_of(&pages["stories/s00/index.html"]);
        assert!(s00.contains(comments1), "{language}: {s00}");
        let lone = text_of(&pages["tags/zeng-lone/index.html"]);
        assert!(lone.contains(story1), "{language}: {lone}");
    }
}

#[test]
fn arabic_and_hebrew_pages_run_right_to_left_with_english_behind_their_catalogues() {
    for (language, word) in [("ar", "أحدث القصص"), ("he", "הסיפורים האחרונים")]
    {
        let site = neutral_site(language);
        let (pages, diagnostics) = rave::pipeline::build_in_memory(&site.options())
            .unwrap_or_else(|d| panic!("the site builds:\n{}", d.render()));
        let home = String::from_utf8_lossy(&pages["index.html"]).into_owned();
        assert!(
            home.contains(&format!("<html lang=\"{language}\" dir=\"rtl\">")),
            "{language}"
        );
        assert!(
            text_of(&home).contains(word),
            "{language}: {}",
            text_of(&home)
        );
        // Partial catalogues: what they lack is English, and the build says which.
        let warning = diagnostics
            .iter()
            .find(|d| {
                d.path
                    .to_string_lossy()
                    .ends_with(&format!("{language}.ftl"))
            })
            .unwrap_or_else(|| panic!("{language}: a warning about missing messages"));
        assert!(
            warning.message.contains("shown in English"),
            "{}",
            warning.message
        );
    }
}
