//! The chunked search index (`search-index/`): word shards by the first two characters of a
//! word, company and author words apart, year and grade filter lists, entry chunks; and that a
//! watch session's body edit leaves no shard behind that a fresh build would not write.

use std::collections::BTreeMap;

use rave::diagnostics::Diagnostics;
use rave::session::Session;
use serde_json::Value;

use crate::util::{Site, read_page};

/// A list of story numbers as the index writes it: base-36 deltas joined by `.`, or `~` and a
/// base64 bitmap.
fn decode(list: &str) -> Vec<u32> {
    if let Some(b64) = list.strip_prefix('~') {
        const TABLE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> = b64
            .chars()
            .filter(|&c| c != '=')
            .map(|c| TABLE.find(c).expect("base64") as u32)
            .collect();
        let bits: Vec<u32> = sextets
            .iter()
            .flat_map(|v| (0..6).rev().map(move |i| (v >> i) & 1))
            .collect();
        let bytes: Vec<u32> = bits
            .chunks_exact(8)
            .map(|c| c.iter().fold(0, |b, bit| (b << 1) | bit))
            .collect();
        (0..bytes.len() as u32 * 8)
            .filter(|&i| bytes[i as usize / 8] & (1 << (i % 8)) != 0)
            .collect()
    } else if list.is_empty() {
        Vec::new()
    } else {
        let mut last = 0;
        list.split('.')
            .map(|d| {
                last += u32::from_str_radix(d, 36).expect("base 36");
                last
            })
            .collect()
    }
}

fn hex_key(word: &str) -> String {
    let two: String = word.chars().take(2).collect();
    two.bytes().map(|b| format!("{b:02x}")).collect()
}

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&read_page(&site.out(), &format!("search-index/{rel}")))
        .unwrap_or_else(|e| panic!("search-index/{rel}: {e}"))
}

/// The stories listed for `word` in the shard of `kind` (`w`, `c` or `a`).
fn stories_of(site: &Site, kind: &str, word: &str) -> Vec<u32> {
    let shard = json(site, &format!("{kind}/{}.json", hex_key(word)));
    decode(
        shard[word]
            .as_str()
            .unwrap_or_else(|| panic!("{word} in {shard}")),
    )
}

fn three_stories() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Search\nbase_url: https://example.com\n",
    );
    site.story(
        "a.md",
        "title: Refund Refused\ndate: 2022-03-01\nauthor: Jane Doe\ntags: [Banking]\ncompany: First Bank\nrating: F",
        "The teller at the branch said no.\n",
    )
    .story(
        "b.md",
        "title: Café Crème Kindness\ndate: 2023-05-01\nauthor: Omar Said\ncompany: Bean & Co\nrating: A",
        "A barista fixed a wrong order <quickly>.\n",
    )
    .story(
        "c.md",
        "title: Second Try\ndate: 2023-07-01\nauthor: Jane Doe\ncompanies:\n  - name: First Bank\n    rating: B\n  - name: Bean & Co\n    rating: F",
        "The bank called back.\n",
    );
    site
}

#[test]
fn the_index_finds_words_companies_authors_years_and_grades() {
    let site = three_stories();
    site.build(&[]).success();
    // Newest first: 0 = Second Try, 1 = Café Crème Kindness, 2 = Refund Refused.
    let meta = json(&site, "meta.json");
    assert_eq!(meta["stories"], 3);
    assert_eq!(meta["years"], serde_json::json!([[2023, 2], [2022, 1]]));
    assert_eq!(
        meta["grades"],
        serde_json::json!([["a", 1], ["b", 1], ["f", 2]])
    );

    // Title words, accents folded; summary, tag, author and company words.
    assert_eq!(stories_of(&site, "w", "cafe"), [1]);
    assert_eq!(stories_of(&site, "w", "creme"), [1]);
    assert_eq!(stories_of(&site, "w", "teller"), [2]);
    assert_eq!(stories_of(&site, "w", "banking"), [2]);
    assert_eq!(stories_of(&site, "w", "bank"), [0, 2]);
    // Company and author words apart, for the filters: "bank" of a body is not a company.
    assert_eq!(stories_of(&site, "c", "bean"), [0, 1]);
    assert_eq!(stories_of(&site, "c", "first"), [0, 2]);
    assert_eq!(stories_of(&site, "a", "jane"), [0, 2]);
    assert_eq!(stories_of(&site, "a", "omar"), [1]);

    // Filters: a year, and a grade band any company of the story got.
    assert_eq!(
        decode(json(&site, "f/year-2023.json").as_str().unwrap()),
        [0, 1]
    );
    assert_eq!(
        decode(json(&site, "f/grade-f.json").as_str().unwrap()),
        [0, 2]
    );
    assert_eq!(decode(json(&site, "f/grade-a.json").as_str().unwrap()), [1]);

    // Entries, in chunks of meta.chunk stories.
    assert_eq!(meta["chunk"], 16);
    let entries = json(&site, "s/0.json");
    let entries = entries.as_array().expect("a list");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[1]["title"], "Café Crème Kindness");
    assert_eq!(entries[1]["companies"][0]["name"], "Bean & Co");
    assert_eq!(entries[1]["companies"][0]["verdict"], "good");
    // No markup in any file of the index: `<`, `>` and `&` are JSON escapes.
    let raw = read_page(&site.out(), "search-index/s/0.json");
    assert!(raw.contains("Bean \\u0026 Co") && !raw.contains('&') && !raw.contains('<'));
    assert!(!site.out().join("search-index.json").exists());
}

#[test]
fn the_search_page_points_at_the_index_and_has_its_filters() {
    let site = three_stories();
    site.build(&[]).success();
    let page = site.page("search/index.html");
    assert!(page.contains("data-index=\"/search-index/\""), "{page}");
    for name in ["q", "company", "author", "grade", "year"] {
        assert!(page.contains(&format!("name=\"{name}\"")), "a {name} field");
    }
    assert!(page.contains("class=\"search-more\" hidden>More results</button>"));
}

#[test]
fn a_body_edit_leaves_no_shard_a_fresh_build_would_not_write() {
    let site = three_stories();
    let mut session = Session::new(site.options());
    let (first, _) = session.build().unwrap_or_else(|d| panic!("{}", d.render()));
    let shard = format!("search-index/w/{}.json", hex_key("zyzzyva"));
    assert!(!first.output.files().contains_key(&shard));

    let mut edit = |body: &str| {
        site.story(
            "a.md",
            "title: Refund Refused\ndate: 2022-03-01\nauthor: Jane Doe\ntags: [Banking]\ncompany: First Bank\nrating: F",
            body,
        );
        let (built, _) = session_rebuild(&mut session, &site);
        assert!(built.bodies_only, "a body edit takes the bodies-only path");
        let files: BTreeMap<String, Vec<u8>> = built.output.files();
        let (fresh, _) = Session::new(site.options())
            .build()
            .unwrap_or_else(|d| panic!("{}", d.render()));
        assert!(
            files == fresh.output.files(),
            "the same files as a fresh build"
        );
        files
    };
    assert!(edit("A zyzzyva at the branch.\n").contains_key(&shard));
    assert!(!edit("The teller at the branch said no.\n").contains_key(&shard));
}

fn session_rebuild(session: &mut Session, site: &Site) -> (rave::session::Snapshot, Diagnostics) {
    session
        .rebuild(&[site.root().join("content/stories/a.md")])
        .unwrap_or_else(|d| panic!("{}", d.render()))
}
