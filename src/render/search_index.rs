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
//! and normalises text with [`words`]' rule.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// The words of `text` as search matches them: lower case, accents removed (NFD without
/// combining marks), split at anything but letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let lower = text.to_lowercase();
    let plain: String = lower.nfd().filter(|c| !is_combining_mark(*c)).collect();
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The shard a word is in: hex of the UTF-8 bytes of its first two characters.
fn shard_key(word: &str) -> String {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    word.as_bytes()[..end]
        .iter()
        .fold(String::new(), |mut key, b| {
            let _ = write!(key, "{b:02x}");
            key
        })
}

/// `ids` (ascending, no repeats) as a `LIST` string (see the module's documentation).
fn encode_list(ids: &[u32]) -> String {
    let mut deltas = String::new();
    let mut last = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            deltas.push('.');
        }
        push_base36(&mut deltas, id - last);
        last = id;
    }
    let bitmap_len = ids.last().map_or(0, |&max| max as usize / 8 + 1);
    if 1 + bitmap_len.div_ceil(3) * 4 >= deltas.len() {
        return deltas;
    }
    let mut bitmap = vec![0u8; bitmap_len];
    for &id in ids {
        bitmap[id as usize / 8] |= 1 << (id % 8);
    }
    let mut out = String::with_capacity(1 + bitmap_len.div_ceil(3) * 4);
    out.push('~');
    base64(&bitmap, &mut out);
    out
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 7];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[at..].iter().map(|&b| b as char));
}

/// Standard base64 with padding, as the browser's `atob` reads it.
fn base64(bytes: &[u8], out: &mut String) {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
}

/// JSON with `<`, `>` and `&` as `\u` escapes: the same JSON, and no markup in the file.
fn json_bytes(value: &impl Serialize) -> Vec<u8> {
    // Strings, numbers and lists of them: serde_json fails only on maps with non-string keys.
    let json = serde_json::to_string(value)
        .expect("internal error: the search index, made of strings and numbers, serializes");
    if json.contains(['<', '>', '&']) {
        json.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .into_bytes()
    } else {
        json.into_bytes()
    }
}

/// Word -> ascending story numbers, for one kind of word.
type Postings = BTreeMap<String, Vec<u32>>;

fn add_words(postings: &mut Postings, id: u32, text: &str) {
    for word in words(text) {
        let ids = postings.entry(word).or_default();
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
}

/// One shard file per key of `postings`, under `FOLDER/kind/`.
fn shard_files(kind: &str, postings: &Postings, files: &mut Vec<(String, Vec<u8>)>) {
    let mut shards: BTreeMap<String, BTreeMap<&str, String>> = BTreeMap::new();
    for (word, ids) in postings {
        shards
            .entry(shard_key(word))
            .or_default()
            .insert(word, encode_list(ids));
    }
    for (key, shard) in shards {
        files.push((format!("{FOLDER}/{kind}/{key}.json"), json_bytes(&shard)));
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

    let mut files = Vec::new();
    #[derive(Serialize)]
    struct Meta<'a> {
        v: u32,
        stories: usize,
        chunk: usize,
        years: Vec<(i16, usize)>,
        grades: Vec<(&'a str, usize)>,
    }
    let meta = Meta {
        v: 1,
        stories: docs.len(),
        chunk: CHUNK,
        years: years.iter().rev().map(|(y, ids)| (*y, ids.len())).collect(),
        grades: grades.iter().map(|(g, ids)| (*g, ids.len())).collect(),
    };
    files.push((format!("{FOLDER}/meta.json"), json_bytes(&meta)));
    shard_files("w", &all, &mut files);
    shard_files("c", &companies, &mut files);
    shard_files("a", &authors, &mut files);
    for (year, ids) in &years {
        files.push((
            format!("{FOLDER}/f/year-{year}.json"),
            json_bytes(&encode_list(ids)),
        ));
    }
    for (grade, ids) in &grades {
        files.push((
            format!("{FOLDER}/f/grade-{grade}.json"),
            json_bytes(&encode_list(ids)),
        ));
    }
    for (k, chunk) in docs.chunks(CHUNK).enumerate() {
        files.push((format!("{FOLDER}/s/{k}.json"), json_bytes(&chunk)));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(list: &str) -> Vec<u32> {
        if let Some(b64) = list.strip_prefix('~') {
            const TABLE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut bits = Vec::new();
            for c in b64.chars().filter(|&c| c != '=') {
                let v = TABLE.find(c).unwrap() as u32;
                bits.extend((0..6).rev().map(|i| (v >> i) & 1));
            }
            let bytes: Vec<u8> = bits
                .chunks(8)
                .filter(|c| c.len() == 8)
                .map(|c| c.iter().fold(0u8, |b, &bit| (b << 1) | bit as u8))
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
                    last += u32::from_str_radix(d, 36).unwrap();
                    last
                })
                .collect()
        }
    }

    #[test]
    fn lists_round_trip_in_both_forms() {
        let sparse = vec![3, 400, 1_000_000];
        assert!(!encode_list(&sparse).starts_with('~'));
        assert_eq!(decode(&encode_list(&sparse)), sparse);
        let dense: Vec<u32> = (0..2000).filter(|i| i % 3 != 0).collect();
        assert!(encode_list(&dense).starts_with('~'));
        assert_eq!(decode(&encode_list(&dense)), dense);
        assert_eq!(decode(&encode_list(&[0])), vec![0]);
    }

    #[test]
    fn words_fold_case_and_accents_and_split_at_punctuation() {
        let w: Vec<String> = words("Café-Crème, T-Mobile's ÜBER 42").collect();
        assert_eq!(w, ["cafe", "creme", "t", "mobile", "s", "uber", "42"]);
        let arabic: Vec<String> = words("شركة الاتصالات").collect();
        assert_eq!(arabic.len(), 2);
    }

    #[test]
    fn shard_keys_are_the_hex_of_two_characters() {
        assert_eq!(shard_key("amazon"), "616d");
        assert_eq!(shard_key("a"), "61");
        assert_eq!(shard_key("été"), "c3a974");
    }

    #[test]
    fn base64_matches_the_standard_alphabet_with_padding() {
        let mut out = String::new();
        base64(b"Man", &mut out);
        base64(b"Ma", &mut out);
        base64(b"M", &mut out);
        assert_eq!(out, "TWFuTWE=TQ==");
    }
}
