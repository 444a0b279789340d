//! The chunked search index under `search-index/`: a reader's search downloads a small manifest,
//! the word shards of what they type and the entries of the hits it shows, never the whole
//! index, so a search stays small at 100,000 stories.
//!
//! Files (all JSON, `<`, `>` and `&` written as `\u` escapes so no file holds markup):
//! - `meta.json`: `{"v":1,"stories":N,"chunk":C,"years":[[2024,n],...],"grades":[["a",n],...]}`;
//! - `w/KEY.json`, `c/KEY.json`, `a/KEY.json`: the words of everything searchable, of company
//!   names and of author names, each file holding the words whose first two characters are KEY
//!   (hex of their UTF-8 bytes), as `{"word": LIST, ...}`;
//! - `f/year-YYYY.json`, `f/grade-B.json`: `LIST` of the stories of a year or with a company
//!   graded in band B (`a` to `f`);
//! - `s/K.json`: the entries of stories `K*C` to `K*C+C-1`, for showing hits.
//!
//! A `LIST` is a string of story numbers (in the index's order, newest first), whichever is
//! shorter of: deltas between ascending numbers in base 36 joined by `.`, or `~` and the base64
//! of a bitmap (bit `i % 8` of byte `i / 8` set for story `i`). `search.js` reads the same forms
//! and normalises text with [`for_each_word`]'s rule.
//!
//! [`files`] makes the index from scratch (a clean build); a session keeps a [`SearchIndex`],
//! which after a few entries changed encodes again only the files they touch.

mod encode;
mod incremental;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use encode::{
    chunk_bytes, chunk_path, grade_path, list_bytes, meta_bytes, meta_path, shard_bytes, shard_key,
    shard_path, year_path,
};
pub(crate) use incremental::SearchIndex;

/// Stories per entry chunk (`s/K.json`): a page of hits touches few, small files.
pub(crate) const CHUNK: usize = 16;

/// Folder of the index in the output.
pub(crate) const FOLDER: &str = "search-index";

/// A company as a search hit shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SearchCompany {
    pub name: String,
    pub url: String,
    pub rating: Option<String>,
    pub verdict: Option<&'static str>,
}

/// One story's entry: what a hit shows, and the fields searched and filtered on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SearchDoc {
    pub title: String,
    pub url: String,
    pub date: String,
    pub summary: String,
    pub author: String,
    pub tags: Vec<String>,
    pub companies: Vec<SearchCompany>,
    /// Year of the story's date (filter).
    #[serde(skip)]
    pub year: i16,
    /// Grade bands (`a` to `f`) of the companies it rates (filter).
    #[serde(skip)]
    pub grades: Vec<&'static str>,
}

/// Calls `each` with the words of `text` as search matches them: lower case, accents removed
/// (NFD without combining marks), split at anything but letters and digits.
pub(crate) fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    // ASCII has no accents and no case beyond A-Z: the common case skips normalising.
    let plain: Cow<'_, str> = if !text.is_ascii() {
        let lower = text.to_lowercase();
        Cow::Owned(lower.nfd().filter(|c| !is_combining_mark(*c)).collect())
    } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    };
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .for_each(&mut each);
}

/// Word -> ascending story numbers, for one kind of word.
type Postings = BTreeMap<String, Vec<u32>>;

fn add_words(postings: &mut Postings, id: u32, text: &str) {
    for_each_word(text, |word| match postings.get_mut(word) {
        Some(ids) => {
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        None => {
            postings.insert(word.to_owned(), vec![id]);
        }
    });
}

/// One shard file per key of `postings`, under `FOLDER/kind/`.
fn shard_files(kind: &str, postings: &Postings, files: &mut Vec<(String, Vec<u8>)>) {
    let mut shards: BTreeMap<String, Vec<(&str, &[u32])>> = BTreeMap::new();
    for (word, ids) in postings {
        shards.entry(shard_key(word)).or_default().push((word, ids));
    }
    for (key, words) in shards {
        files.push((shard_path(kind, &key), shard_bytes(words.into_iter())));
    }
}

/// Every file of the index for `docs`, in the order search shows them (newest first).
pub(crate) fn files(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    let (mut all, mut companies, mut authors) = (Postings::new(), Postings::new(), Postings::new());
    let mut years: BTreeMap<i16, Vec<u32>> = BTreeMap::new();
    let mut grades: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        // Words must be added in story order for each list to stay ascending: `add_words` only
        // compares with the last id, and ids only grow here.
        for text in [&doc.title, &doc.summary, &doc.author]
            .into_iter()
            .chain(&doc.tags)
            .chain(doc.companies.iter().map(|c| &c.name))
        {
            add_words(&mut all, id, text);
        }
        for company in &doc.companies {
            add_words(&mut companies, id, &company.name);
        }
        add_words(&mut authors, id, &doc.author);
        years.entry(doc.year).or_default().push(id);
        for grade in &doc.grades {
            let ids = grades.entry(grade).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }

    let mut files = vec![(
        meta_path(),
        meta_bytes(
            docs.len(),
            years.iter().rev().map(|(y, ids)| (*y, ids.len())),
            grades.iter().map(|(g, ids)| (*g, ids.len())),
        ),
    )];
    shard_files("w", &all, &mut files);
    shard_files("c", &companies, &mut files);
    shard_files("a", &authors, &mut files);
    for (year, ids) in &years {
        files.push((year_path(*year), list_bytes(ids)));
    }
    for (grade, ids) in &grades {
        files.push((grade_path(grade), list_bytes(ids)));
    }
    for (k, chunk) in docs.chunks(CHUNK).enumerate() {
        files.push((chunk_path(k), chunk_bytes(chunk)));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut words = Vec::new();
        for_each_word(text, |w| words.push(w.to_owned()));
        words
    }

    #[test]
    fn words_fold_case_and_accents_and_split_at_punctuation() {
        let w = words("Café-Crème, T-Mobile's ÜBER 42");
        assert_eq!(w, ["cafe", "creme", "t", "mobile", "s", "uber", "42"]);
        assert_eq!(
            words("AT&T's Help-Desk 24/7"),
            ["at", "t", "s", "help", "desk", "24", "7"]
        );
        assert_eq!(words("شركة الاتصالات").len(), 2);
    }
}
