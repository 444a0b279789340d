//! The benchmark corpus generator (`examples/gen_corpus.rs`, used by `bench/compare.sh`): a small
//! corpus is deterministic, uses every rating form, and builds with the real binary without a
//! single error or warning, into the pages its summary predicts.

use std::collections::BTreeMap;
use std::path::Path;

// The example is compiled here as a module so that the test needs no second build of it; its
// `main` (and anything only `main` uses) is dead code in this context, and the example's
// `pub` items, public at the root of its own binary, are unreachable from this test's.
#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

use gen_corpus::{CorpusOptions, generate};

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let rel = path.strip_prefix(root).expect("inside the root");
                files.insert(
                    rel.to_string_lossy().replace('\\', "/"),
                    std::fs::read(&path).expect("read a file"),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// Sub-folders of `dir` holding an `index.html`.
fn pages_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("index.html").is_file())
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn a_generated_corpus_is_deterministic_and_builds_into_the_expected_pages() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let options = |out: &str, hugo: Option<&str>| CorpusOptions {
        stories: 200,
        out: tmp.path().join(out),
        seed: 7,
        hugo: hugo.map(|h| tmp.path().join(h)),
    };
    let summary = generate(&options("site", Some("hugo"))).expect("generate the corpus");
    let again = generate(&options("again", None)).expect("generate it again");
    assert_eq!(summary, again);
    let site = tree(&tmp.path().join("site"));
    assert_eq!(
        site,
        tree(&tmp.path().join("again")),
        "same seed, same files"
    );

    assert_eq!(summary.stories, 200);
    assert_eq!(summary.authors, 4);
    assert!(
        summary.companies >= 5 && summary.companies <= 10,
        "{summary:?}"
    );
    assert!(summary.comments > 0 && summary.series >= 1, "{summary:?}");
    let words = summary.words / summary.stories;
    assert!((500..=800).contains(&words), "{words} words a story");

    // Every rating form of docs/ratings.md, and both ways of naming companies.
    let stories: String = site
        .iter()
        .filter(|(path, _)| path.starts_with("content/stories/"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    for form in [
        "rating: \"A",
        "/5\"",
        " stars\"",
        "★",
        "/10\"",
        "%\"",
        "rating: \"ugly\"",
        "\ncompany: ",
        "\ncompanies:\n",
        "    verdict: ",
        "    channel: ",
    ] {
        assert!(stories.contains(form), "no story has {form:?}");
    }

    let out = tmp.path().join("out");
    let built = crate::util::rave(&crate::util::args(&[
        &"build",
        &"--root",
        &tmp.path().join("site"),
        &"--output",
        &out,
        &"--now",
        &"2025-01-01",
        &"--quiet",
    ]));
    built.success();
    assert_eq!(
        built.stderr, "",
        "a generated corpus builds without warnings"
    );

    let published = summary.stories - summary.drafts;
    assert_eq!(crate::util::story_folders(&out).len(), published);
    assert!(
        out.join("stories/index.html").is_file(),
        "the story archive"
    );
    // Every company page, plus the three rankings (best, worst, most discussed).
    assert_eq!(pages_under(&out.join("companies")), summary.companies + 3);
    assert_eq!(pages_under(&out.join("authors")), summary.authors);
    assert_eq!(pages_under(&out.join("series")), summary.series);
    // Home page 1 is the site root; pages 2.. are under page/.
    assert_eq!(pages_under(&out.join("page")), published.div_ceil(10) - 1);
    assert!(out.join("index.html").is_file() && out.join("atom.xml").is_file());
    assert!(out.join("sitemap.xml").is_file() && out.join("search-index/meta.json").is_file());

    // The Hugo site holds the same stories and the bench theme.
    let hugo = tmp.path().join("hugo");
    assert!(hugo.join("hugo.toml").is_file());
    assert!(
        hugo.join("themes/rave-bench/layouts/_default/list.atom.xml")
            .is_file()
    );
    let hugo_stories = std::fs::read_dir(hugo.join("content/stories"))
        .expect("Hugo stories")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name() != "_index.md" && e.path().is_file())
        })
        .count();
    assert_eq!(hugo_stories, summary.stories);
}
