//! Measures the search index of N synthetic stories made from scratch (`files`, what a clean
//! build does) against a session's `SearchIndex::update` after one story's entry changed:
//! `cargo run --release --example search_update -- [N]` (default 10,000). Each figure is the
//! median of 20 runs; two kinds of change are measured: a rating (the entry and the grade lists
//! change, no words) and a title (new words, so shards are patched).
//!
//! The stories resemble the benchmark corpus (`gen_corpus.rs`): a title of 6 to 10 words, a
//! summary of about 45 words (300 characters) from a vocabulary of 4,000 (60 common words, the
//! rest random letters) and the company's name, an author among N/50, 1 to 3 tags among 40, 1 to 3 companies among N/20 drawn with Zipf-like
//! popularity, a year from 2015 to 2024 and a grade band per rated company.

// The index is compiled into this example from its source: it is internal to rave (the session
// render is its only user), so the example cannot reach it through the library. Items the
// example does not use are dead here, and the module's lint expectations (about the library's
// own use of them) do not hold in this crate.
#![allow(unfulfilled_lint_expectations)]

#[allow(dead_code)]
#[path = "../src/render/search_index/mod.rs"]
mod search_index;

// For its random numbers; the rest of the generator is dead here.
#[allow(dead_code, unreachable_pub)]
#[path = "gen_corpus.rs"]
mod gen_corpus;

use std::sync::Arc;
use std::time::{Duration, Instant};

use gen_corpus::Rng;
use search_index::{SearchCompany, SearchDoc, SearchIndex, files};

const RUNS: usize = 20;

/// Zipf-like: small numbers far more often than large ones.
fn popular(rng: &mut Rng, n: usize) -> usize {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    ((n as f64).powf(u) - 1.0) as usize % n.max(1)
}

const WORDS: [&str; 60] = [
    "the",
    "a",
    "and",
    "to",
    "of",
    "my",
    "was",
    "for",
    "on",
    "with",
    "they",
    "after",
    "again",
    "call",
    "called",
    "agent",
    "refund",
    "delivery",
    "package",
    "order",
    "support",
    "chat",
    "waited",
    "hours",
    "days",
    "weeks",
    "manager",
    "promised",
    "never",
    "finally",
    "account",
    "billing",
    "charge",
    "charged",
    "twice",
    "store",
    "phone",
    "email",
    "ticket",
    "closed",
    "replacement",
    "broken",
    "late",
    "missing",
    "polite",
    "rude",
    "helpful",
    "transfer",
    "hold",
    "queue",
    "apology",
    "voucher",
    "credit",
    "fixed",
    "problem",
    "service",
    "customer",
    "week",
    "month",
    "café",
];
const SYLLABLES: [&str; 24] = [
    "ac", "bel", "cor", "dan", "el", "fin", "gro", "hal", "is", "jun", "kel", "lum", "mor", "nex",
    "om", "pra", "quo", "ros", "sel", "tri", "ux", "ver", "wel", "zen",
];
const SECTORS: [&str; 8] = [
    "Telecom",
    "Airlines",
    "Bank",
    "Insurance",
    "Energy",
    "Logistics",
    "Retail",
    "Motors",
];
const NAMES: [&str; 16] = [
    "Ann", "Bo", "Chidi", "Dana", "Émile", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi",
    "Lena", "Mateo", "Nour", "Olga", "Priya",
];
const TAGS: [&str; 40] = [
    "billing",
    "refunds",
    "delivery",
    "returns",
    "warranty",
    "chat",
    "phone",
    "email",
    "store",
    "online",
    "travel",
    "banking",
    "internet",
    "mobile",
    "energy",
    "insurance",
    "repairs",
    "subscriptions",
    "cancellations",
    "complaints",
    "praise",
    "apologies",
    "vouchers",
    "fees",
    "contracts",
    "moving",
    "outages",
    "installations",
    "appointments",
    "accessibility",
    "fraud",
    "privacy",
    "accounts",
    "loyalty",
    "upgrades",
    "deliveries",
    "parcels",
    "flights",
    "hotels",
    "rentals",
];
const GRADES: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
const RATINGS: [&str; 6] = ["A+", "B", "3/5", "D-", "2/10", "F"];

fn company_name(i: usize) -> String {
    let first = SYLLABLES[i % 24];
    let second = SYLLABLES[(i / 24) % 24];
    let mut name = format!("{}{second}", first[..1].to_uppercase() + &first[1..]);
    if i >= 576 {
        name.push_str(&format!(" {}", i / 576));
    }
    format!("{name} {}", SECTORS[i % 8])
}

/// Words in the summaries: the common ones, then rarer ones made of syllables.
const VOCABULARY: usize = 4_000;

fn push_word(out: &mut String, i: usize) {
    if let Some(word) = WORDS.get(i) {
        out.push_str(word);
    } else {
        let mut letters = Rng::new(i as u64);
        for _ in 0..4 + letters.below(6) {
            out.push(char::from(b'a' + letters.below(26) as u8));
        }
    }
}

fn text(rng: &mut Rng, words: usize, company: &str) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        if rng.below(12) == 0 {
            out.push_str(company);
        } else {
            push_word(&mut out, popular(rng, VOCABULARY));
        }
    }
    out
}

fn story(rng: &mut Rng, i: usize, n: usize) -> SearchDoc {
    let companies: Vec<(String, usize)> = (0..1 + rng.below(3))
        .map(|_| {
            let grade = rng.below(6);
            (company_name(popular(rng, n / 20 + 1)), grade)
        })
        .collect();
    let title_words = 4 + rng.below(5);
    let title = format!(
        "{} and {}",
        companies[0].0,
        text(rng, title_words, &companies[0].0)
    );
    let author = (rng.below(n / 50 + 1)) % (NAMES.len() * NAMES.len());
    let mut grades: Vec<&'static str> = companies.iter().map(|(_, g)| GRADES[*g]).collect();
    grades.sort_unstable();
    grades.dedup();
    let year = 2024 - (i * 10 / n.max(1)) as i16;
    SearchDoc {
        url: format!("/stories/story-{i}/"),
        date: format!("{year}-06-01"),
        summary: text(rng, 45, &companies[0].0),
        author: format!("{} {}", NAMES[author % 16], NAMES[author / 16]),
        tags: (0..1 + rng.below(3))
            .map(|_| TAGS[popular(rng, 40)].to_owned())
            .collect(),
        companies: companies
            .iter()
            .map(|(name, grade)| SearchCompany {
                url: format!("/companies/{}/", name.to_lowercase().replace(' ', "-")),
                name: name.clone(),
                rating: Some(RATINGS[*grade].to_owned()),
                verdict: Some(if *grade < 3 { "good" } else { "bad" }),
            })
            .collect(),
        title,
        year,
        grades,
    }
}

fn same(index: &[(String, Arc<[u8]>)], clean: &[(String, Vec<u8>)]) -> bool {
    index.len() == clean.len()
        && index
            .iter()
            .zip(clean)
            .all(|((p, b), (q, c))| p == q && b[..] == c[..])
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map_or(Ok(10_000), |n| n.parse())?;
    let mut rng = Rng::new(1);
    let mut docs: Vec<SearchDoc> = (0..n).map(|i| story(&mut rng, i, n)).collect();
    let clean = files(&docs);
    let bytes: usize = clean.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{n} stories: {} files, {:.1} MB",
        clean.len(),
        bytes as f64 / 1e6
    );
    drop(clean);

    let times = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(files(&docs));
            started.elapsed()
        })
        .collect();
    println!("files (from scratch): median {:?}", median(times));

    let mut index = SearchIndex::default();
    let started = Instant::now();
    let first = index.update(&docs, None);
    println!("update, first call (None): {:?}", started.elapsed());
    assert!(
        same(&first, &files(&docs)),
        "the index differs from a clean one"
    );

    let middle = n / 2;
    let original = docs[middle].clone();
    for kind in ["rating", "title"] {
        let mut times = Vec::with_capacity(RUNS);
        for run in 0..RUNS {
            let doc = &mut docs[middle];
            *doc = original.clone();
            match kind {
                "rating" => {
                    let grade = run % GRADES.len();
                    doc.companies[0].rating = Some(RATINGS[grade].to_owned());
                    doc.grades = vec![GRADES[grade]];
                }
                _ => doc.title = format!("{} {}", original.title, WORDS[run % WORDS.len()]),
            }
            let started = Instant::now();
            let out = std::hint::black_box(index.update(&docs, Some(&[middle])));
            times.push(started.elapsed());
            if run == 0 {
                assert!(
                    same(&out, &files(&docs)),
                    "the update differs from a clean index"
                );
            }
        }
        println!("update after one {kind} change: median {:?}", median(times));
    }
    Ok(())
}
