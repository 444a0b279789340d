//! The example site in every bundled language: no English word of the theme is left on any
//! page (content, names and grades aside), and every counted thing takes the plural form the
//! language asks for at 0, 1, 2, 5 and 21.

use std::collections::BTreeMap;
use std::path::Path;

use crate::languages::{english_fragments, has_phrase};
use crate::util::{Site, text_of};

/// The languages rave ships a full catalogue for, English aside.
const TRANSLATED: [&str; 5] = ["de", "fr", "es", "nl", "pt"];

/// The example site of the repository, with `language:` set.
fn example_in(language: &str) -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = Site::new();
    let yaml: String = std::fs::read_to_string(repo.join("site.yaml"))
        .expect("site.yaml")
        .lines()
        .filter(|l| !l.starts_with("language:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.file("site.yaml", format!("{yaml}language: {language}\n"));
    for folder in ["content", "static"] {
        for entry in walkdir::WalkDir::new(repo.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry
                .path()
                .strip_prefix(repo)
                .expect("inside the repository");
            site.file(
                &rel.to_string_lossy(),
                std::fs::read(entry.path()).expect("read"),
            );
        }
    }
    site
}

/// Everything the writers wrote: the text of every content file and of site.yaml.
fn written_text() -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(repo.join("site.yaml")).expect("site.yaml");
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        if let Ok(file) = std::fs::read_to_string(entry.path()) {
            text.push_str(&file);
            text.push('\n');
        }
    }
    text
}

/// The HTML pages of an in-memory build, as text.
fn page_texts(site: &Site) -> BTreeMap<String, String> {
    let (pages, _) = rave::pipeline::build_in_memory(&site.options())
        .unwrap_or_else(|d| panic!("the site builds:\n{}", d.render()));
    pages
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, text_of(&String::from_utf8_lossy(&bytes))))
        .collect()
}

#[test]
fn the_example_site_has_no_english_left_in_any_bundled_language() {
    let fragments = english_fragments();
    let written = written_text();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for language in TRANSLATED {
        let own = std::fs::read_to_string(repo.join(format!("themes/default/i18n/{language}.ftl")))
            .expect("catalogue");
        // Words the language shares with English ("Online", "Chat") are its own; words the
        // writers wrote are content.
        let foreign: Vec<&String> = fragments
            .iter()
            .filter(|f| !has_phrase(&own, f) && !has_phrase(&written, f))
            .collect();
        let mut found = Vec::new();
        for (path, text) in page_texts(&example_in(language)) {
            for fragment in &foreign {
                if has_phrase(&text, fragment) {
                    found.push(format!("{path}: {fragment:?}"));
                }
            }
        }
        found.dedup();
        assert!(found.is_empty(), "{language}:\n{}", found.join("\n"));
    }
}

#[test]
fn the_search_script_takes_every_word_it_shows_from_the_catalogue() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script =
        std::fs::read_to_string(repo.join("themes/default/static/search.js")).expect("search.js");
    // String literals of the script (comments aside) hold no words for readers: a literal
    // with a space between letters would be a sentence.
    let code: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let sentences: Vec<&str> = code
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| {
            let letters = literal.chars().filter(|c| c.is_alphabetic()).count();
            letters > 0 && literal.trim().contains(' ') && *literal != "use strict"
                || ["story", "stories", "found", "rated"]
                    .iter()
                    .any(|w| literal.to_lowercase().contains(w))
        })
        .collect();
    assert!(sentences.is_empty(), "{sentences:?}");

    let site = example_in("de");
    let (pages, _) = rave::pipeline::build_in_memory(&site.options()).expect("builds");
    let search = String::from_utf8_lossy(&pages["search/index.html"]).into_owned();
    for words in [
        "{count} Geschichten gefunden",
        "Der Suchindex wird geladen",
        "nicht bewertet",
        "&quot;ugly&quot;:&quot;Übel&quot;",
    ] {
        assert!(search.contains(words), "{words} in {search}");
    }
}
