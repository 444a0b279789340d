//! The bytes and paths of each file of the search index (formats in the parent module's
//! documentation), shared by the clean build ([`super::files`]) and the incremental one
//! ([`super::SearchIndex`]) so that both write the same bytes.

use std::fmt::Write as _;

use serde::Serialize;

use super::{CHUNK, FOLDER, SearchDoc};

/// The shard a word is in: hex of the UTF-8 bytes of its first two characters. Hex keeps the
/// order of the bytes, so shards sorted by key are sorted by their words.
pub(super) fn shard_key(word: &str) -> String {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    word.as_bytes()[..end]
        .iter()
        .fold(String::new(), |mut key, b| {
            let _ = write!(key, "{b:02x}");
            key
        })
}

pub(super) fn meta_path() -> String {
    format!("{FOLDER}/meta.json")
}

/// Path of the shard `key` of one kind of word (`w`, `c` or `a`).
pub(super) fn shard_path(kind: &str, key: &str) -> String {
    format!("{FOLDER}/{kind}/{key}.json")
}

pub(super) fn year_path(year: i16) -> String {
    format!("{FOLDER}/f/year-{year}.json")
}

pub(super) fn grade_path(grade: &str) -> String {
    format!("{FOLDER}/f/grade-{grade}.json")
}

/// Path of entry chunk `k` (stories `k*CHUNK` to `k*CHUNK+CHUNK-1`).
pub(super) fn chunk_path(k: usize) -> String {
    format!("{FOLDER}/s/{k}.json")
}

/// `meta.json`: the number of stories, then stories per year (newest year first) and per grade
/// band, as given.
pub(super) fn meta_bytes<'a>(
    stories: usize,
    years_newest_first: impl Iterator<Item = (i16, usize)>,
    grades: impl Iterator<Item = (&'a str, usize)>,
) -> Vec<u8> {
    #[derive(Serialize)]
    struct Meta<'a> {
        v: u32,
        stories: usize,
        chunk: usize,
        years: Vec<(i16, usize)>,
        grades: Vec<(&'a str, usize)>,
    }
    json_bytes(&Meta {
        v: 1,
        stories,
        chunk: CHUNK,
        years: years_newest_first.collect(),
        grades: grades.collect(),
    })
}

/// A shard: `{"word": LIST, ...}` for `words`, given in ascending order.
pub(super) fn shard_bytes<'a>(words: impl Iterator<Item = (&'a str, &'a [u32])>) -> Vec<u8> {
    struct Entries<'a>(Vec<(&'a str, String)>);
    impl Serialize for Entries<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(word, list)| (word, list)))
        }
    }
    json_bytes(&Entries(
        words.map(|(word, ids)| (word, encode_list(ids))).collect(),
    ))
}

/// A filter list file: the `LIST` of `ids` as a JSON string.
pub(super) fn list_bytes(ids: &[u32]) -> Vec<u8> {
    json_bytes(&encode_list(ids))
}

/// An entry chunk: the entries of up to `CHUNK` stories.
pub(super) fn chunk_bytes(docs: &[SearchDoc]) -> Vec<u8> {
    json_bytes(&docs)
}

/// `ids` (ascending, no repeats) as a `LIST` string (see the parent module's documentation).
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
    fn shard_keys_are_the_hex_of_two_characters() {
        assert_eq!(shard_key("amazon"), "616d");
        assert_eq!(shard_key("a"), "61");
        assert_eq!(shard_key("été"), "c3a974");
    }

    #[test]
    fn shards_are_json_objects_in_the_order_given_with_markup_escaped() {
        let words = [("a<b", &[0u32][..]), ("ab", &[1, 3][..])];
        assert_eq!(
            String::from_utf8(shard_bytes(words.into_iter())).unwrap(),
            r#"{"a\u003cb":"0","ab":"1.2"}"#
        );
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
