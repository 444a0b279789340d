//! A deterministic synthetic rave site for benchmarks, optionally with the same stories as a Hugo
//! site (templates from `bench/hugo-theme/`).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --stories 10000 --out /tmp/corpus [--seed 1] [--hugo /tmp/corpus-hugo]
//! ```
//!
//! The same seed and story count always give the same files, byte for byte. The corpus has N
//! stories of 500-800 words of varied Markdown (paragraphs, a list, a blockquote, links,
//! emphasis, headings) dated 2015-2024, about N/50 authors with profiles, companies drawn from a
//! pool of about N/20 names with Zipf-like popularity (some with profiles and aliases), 1-3
//! companies per story rated in every form of docs/ratings.md, tags, categories, a few series,
//! some reader comments and a plain page. Only the standard library is used (a splitmix64 PRNG).
//!
//! The generator is also compiled into the integration tests (`tests/integration/corpus.rs`),
//! which is why its core is [`generate`] and `main` only parses arguments.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use rave::rating::Grade;

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    pub stories: usize,
    pub out: PathBuf,
    pub seed: u64,
    /// Also write the stories as a Hugo site here.
    pub hugo: Option<PathBuf>,
}

/// What was generated (for the tests and the benchmark script).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusSummary {
    /// Story files written, drafts included.
    pub stories: usize,
    /// Stories with `draft: true` (left out of a default build).
    pub drafts: usize,
    pub authors: usize,
    /// Companies named by at least one published story.
    pub companies: usize,
    pub company_profiles: usize,
    pub tags: usize,
    pub categories: usize,
    pub series: usize,
    pub comments: usize,
    pub words: usize,
}

/// splitmix64: tiny, fast and good enough for synthetic text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x05ee_d0f5_a7e1_17e5)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Draws indices `0..n` with probability proportional to `1 / (rank + 1)^s`.
#[derive(Debug, Clone)]
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|i| {
                total += 1.0 / ((i + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

const FIRST_NAMES: [&str; 48] = [
    "Ada", "Bram", "Celia", "Dmitri", "Esme", "Farid", "Greta", "Hiro", "Ines", "Jonah", "Kemi",
    "Lars", "Maya", "Nikhil", "Orla", "Pavel", "Quinn", "Rosa", "Sami", "Tove", "Umar", "Vera",
    "Wes", "Xiu", "Yara", "Zane", "Amara", "Bastian", "Chloe", "Dario", "Elif", "Finn", "Gwen",
    "Hamid", "Isla", "Joaquin", "Kaito", "Lena", "Mateo", "Noor", "Otto", "Priya", "Ravi", "Sofia",
    "Tomas", "Uma", "Viktor", "Wren",
];

const LAST_NAMES: [&str; 48] = [
    "Abernathy",
    "Bellamy",
    "Castellanos",
    "Dufresne",
    "Eriksen",
    "Fairweather",
    "Gallagher",
    "Hartigan",
    "Ibsen",
    "Jovanovic",
    "Kowalski",
    "Lindqvist",
    "Mbeki",
    "Nakamura",
    "Oyelaran",
    "Pemberton",
    "Quintero",
    "Rasmussen",
    "Sandoval",
    "Thornbury",
    "Underhill",
    "Valdivia",
    "Whitlock",
    "Yilmaz",
    "Zielinski",
    "Ashdown",
    "Brennan",
    "Carvalho",
    "Delacroix",
    "Ellwood",
    "Fonseca",
    "Grimaldi",
    "Halloran",
    "Iwasaki",
    "Jarvis",
    "Kettering",
    "Lombardi",
    "Moreau",
    "Nyberg",
    "Okonkwo",
    "Pritchard",
    "Rourke",
    "Saarinen",
    "Tremblay",
    "Varga",
    "Westbrook",
    "Yoshida",
    "Zamora",
];

const SYLLABLES: [&str; 36] = [
    "bar", "bel", "cor", "dan", "el", "fen", "gal", "hol", "is", "jor", "kel", "lan", "mar", "nor",
    "ost", "pel", "quin", "ral", "sel", "tor", "ul", "ven", "wil", "yar", "zan", "ash", "brook",
    "crest", "dale", "field", "gate", "haven", "ley", "mont", "ridge", "wick",
];

const SECTORS: [&str; 30] = [
    "Telecom",
    "Couriers",
    "Outfitters",
    "Bank",
    "Energy",
    "Airways",
    "Insurance",
    "Furniture",
    "Pharmacy",
    "Grocers",
    "Electronics",
    "Motors",
    "Rail",
    "Broadband",
    "Hotels",
    "Mobile",
    "Appliances",
    "Pet Supplies",
    "Opticians",
    "Logistics",
    "Water",
    "Building Society",
    "Removals",
    "Travel",
    "Books",
    "Garden Centre",
    "Dental",
    "Cinemas",
    "Bakery",
    "Software",
];

const CATEGORIES: [&str; 10] = [
    "Retail",
    "Telecom",
    "Travel",
    "Banking",
    "Utilities",
    "Delivery",
    "Healthcare",
    "Home",
    "Small Business",
    "Food and Drink",
];

const TAG_WORDS: [&str; 40] = [
    "refunds",
    "returns",
    "phone-support",
    "chat",
    "cancellations",
    "delivery",
    "repairs",
    "billing",
    "warranty",
    "complaints",
    "apps",
    "queues",
    "loyalty",
    "broadband",
    "flights",
    "hotels",
    "energy",
    "insurance",
    "fraud",
    "accessibility",
    "small-business",
    "moving-house",
    "holidays",
    "pets",
    "furniture",
    "groceries",
    "pharmacy",
    "trains",
    "parcels",
    "subscriptions",
    "price-match",
    "recalls",
    "installations",
    "appointments",
    "compensation",
    "letters",
    "escalation",
    "social-media",
    "kindness",
    "paperwork",
];

const SERIES_WORDS: [&str; 16] = [
    "Refund",
    "Queue",
    "Courier",
    "Winter",
    "Summer",
    "Guest",
    "Moving",
    "Holiday",
    "Repair",
    "Hold Music",
    "Parcel",
    "Small Print",
    "Night Shift",
    "Kitchen",
    "Commuter",
    "Weekend",
];

const WORDS: [&str; 160] = [
    "the",
    "a",
    "and",
    "to",
    "of",
    "in",
    "that",
    "it",
    "was",
    "for",
    "on",
    "with",
    "they",
    "I",
    "my",
    "we",
    "at",
    "but",
    "not",
    "had",
    "from",
    "this",
    "by",
    "their",
    "when",
    "there",
    "an",
    "one",
    "so",
    "all",
    "would",
    "what",
    "about",
    "which",
    "out",
    "up",
    "if",
    "then",
    "them",
    "could",
    "into",
    "time",
    "only",
    "back",
    "after",
    "call",
    "order",
    "parcel",
    "refund",
    "manager",
    "counter",
    "receipt",
    "queue",
    "agent",
    "phone",
    "email",
    "week",
    "morning",
    "afternoon",
    "letter",
    "account",
    "delivery",
    "driver",
    "warehouse",
    "shop",
    "store",
    "website",
    "app",
    "card",
    "bill",
    "contract",
    "engineer",
    "appointment",
    "promise",
    "form",
    "reference",
    "number",
    "complaint",
    "apology",
    "voucher",
    "policy",
    "supervisor",
    "hold",
    "music",
    "minutes",
    "hours",
    "days",
    "patient",
    "polite",
    "quick",
    "slow",
    "careful",
    "tired",
    "friendly",
    "confused",
    "honest",
    "cheerful",
    "brisk",
    "kind",
    "rude",
    "helpful",
    "vague",
    "clear",
    "late",
    "early",
    "again",
    "finally",
    "nearly",
    "really",
    "quietly",
    "twice",
    "still",
    "already",
    "rang",
    "wrote",
    "waited",
    "asked",
    "explained",
    "promised",
    "checked",
    "sent",
    "arrived",
    "fixed",
    "lost",
    "found",
    "cancelled",
    "booked",
    "paid",
    "charged",
    "returned",
    "replaced",
    "listened",
    "laughed",
    "sighed",
    "apologised",
    "didn't",
    "wasn't",
    "couldn't",
    "I'd",
    "it's",
    "they'd",
    "nobody",
    "somebody",
    "everything",
    "nothing",
    "tuesday",
    "friday",
    "£42",
    "3 p.m.",
    "next",
    "door",
    "box",
    "label",
    "tracking",
    "screen",
    "password",
    "branch",
    "voicemail",
    "manual",
    "invoice",
];

const HEADINGS: [&str; 16] = [
    "What happened",
    "The first call",
    "Waiting",
    "The letter",
    "A second try",
    "Escalation",
    "The fix",
    "Looking back",
    "What I learned",
    "The grade",
    "Round two",
    "Paperwork",
    "On the phone",
    "In the shop",
    "The refund",
    "Afterwards",
];

const TITLE_PATTERNS: [&str; 12] = [
    "How {c} handled my {n}",
    "{c} and the {n} that never came",
    "Eleven calls to {c}",
    "A {a} afternoon with {c}",
    "{c} fixed my {n} in a day",
    "Why I left {c}",
    "The {n}, the queue and {c}",
    "{c} surprised me",
    "Still waiting on {c}",
    "A {a} {n} from {c}",
    "What {c} got right",
    "Three weeks with {c}",
];

const CHANNELS: [&str; 7] = [
    "in-store", "phone", "email", "chat", "online", "social", "mail",
];

const VERDICTS: [&str; 4] = ["good", "bad", "ugly", "mixed"];

/// ASCII slug of a name made of letters, digits, spaces and hyphens (what rave and Hugo make of
/// the generator's names).
fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// `"text"` as a double-quoted YAML scalar.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `YYYY-MM-DD` of a day number counted from 1970-01-01 (Howard Hinnant's civil_from_days).
fn ymd(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 2015-01-01 and 2024-12-31 as day numbers.
const FIRST_DAY: i64 = 16_436;
const LAST_DAY: i64 = 20_088;

#[derive(Debug, Clone)]
struct CompanyDef {
    name: String,
    slug: String,
    alias: Option<String>,
    profile: bool,
}

#[derive(Debug, Clone)]
struct AuthorDef {
    name: String,
    slug: String,
    tagline: String,
}

#[derive(Debug, Clone)]
struct SeriesDef {
    title: String,
    slug: String,
}

/// One rated (or merely named) company of a story.
#[derive(Debug, Clone)]
struct Mention {
    company: usize,
    /// The name as the story writes it (the display name, an alias or a case variant).
    written: String,
    rating: Option<String>,
    score: Option<f64>,
    verdict: Option<&'static str>,
    channel: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Comment {
    author: String,
    date: String,
    body: String,
}

#[derive(Debug, Clone)]
struct StoryDef {
    slug: String,
    year: String,
    title: String,
    date: String,
    updated: Option<String>,
    author: usize,
    mentions: Vec<Mention>,
    /// Rave's single-company shorthand (`company:`, `rating:` ...) rather than `companies:`.
    shorthand: bool,
    tags: Vec<String>,
    category: String,
    series: Option<usize>,
    summary: Option<String>,
    draft: bool,
    comments: Vec<Comment>,
    body: String,
}

/// A rating in one of the accepted forms, with its score (`None` for a verdict word).
fn random_rating(rng: &mut Rng, form: usize) -> (String, Option<f64>) {
    match form % 8 {
        0 => {
            let grade = rng.pick(&Grade::ALL);
            let mut text = grade.label().to_owned();
            if rng.chance(0.15) {
                text = text.to_lowercase();
            }
            if text.ends_with('-') && rng.chance(0.3) {
                text = text.replace('-', "\u{2212}");
            }
            (text, Some(grade.score()))
        }
        1 => {
            let halves = rng.range(0, 10);
            let n = format_half(halves);
            let text = if rng.chance(0.2) {
                format!("{n} / 5")
            } else {
                format!("{n}/5")
            };
            (text, Some(halves as f64 * 10.0))
        }
        2 => {
            let halves = rng.range(2, 10);
            let n = format_half(halves);
            let word = if halves == 2 { "star" } else { "stars" };
            let word = if rng.chance(0.2) {
                word.replace('s', "S")
            } else {
                word.to_owned()
            };
            (format!("{n} {word}"), Some(halves as f64 * 10.0))
        }
        3 => {
            let halves = rng.range(1, 10);
            let mut text = "★".repeat(halves / 2);
            if halves % 2 == 1 {
                text.push('½');
            }
            let used = halves / 2 + halves % 2;
            if rng.chance(0.6) {
                text.push_str(&"☆".repeat(5 - used));
            }
            (text, Some(halves as f64 * 10.0))
        }
        4 => {
            let tenths = rng.range(0, 20);
            let text = format!("{}/10", format_half(tenths));
            (text, Some(tenths as f64 * 5.0))
        }
        5 => {
            let pct = rng.range(0, 200);
            let n = format_half(pct);
            let text = if rng.chance(0.2) {
                format!("{n} %")
            } else {
                format!("{n}%")
            };
            (text, Some(pct as f64 / 2.0))
        }
        6 => ((rng.pick(&VERDICTS)).to_owned(), None),
        _ => {
            // Letter grades are the most common form in real posts.
            let grade = rng.pick(&Grade::ALL);
            (grade.label().to_owned(), Some(grade.score()))
        }
    }
}

/// `halves / 2` as `4` or `4.5`.
fn format_half(halves: usize) -> String {
    if halves.is_multiple_of(2) {
        format!("{}", halves / 2)
    } else {
        format!("{}.5", halves / 2)
    }
}

fn derived_verdict(score: f64) -> &'static str {
    if score >= 70.0 {
        "good"
    } else if score >= 50.0 {
        "mixed"
    } else {
        "bad"
    }
}

/// A sentence of `n` words, capitalised, with an occasional company name, emphasis or link.
fn sentence(rng: &mut Rng, n: usize, company: &str, out: &mut String, words: &mut usize) {
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let w = rng.pick(&WORDS);
        let roll = rng.below(100);
        if roll < 2 && i > 0 {
            out.push_str(company);
        } else if roll < 4 {
            let _ = write!(out, "*{w}*");
        } else if roll < 5 {
            let _ = write!(out, "**{w}**");
        } else if roll < 6 && i + 2 < n {
            let _ = write!(
                out,
                "[{w} {}](https://example.org/{}/{})",
                rng.pick(&WORDS),
                slugify(w),
                rng.below(1000)
            );
        } else if roll < 7 {
            let _ = write!(out, "\"{w}\"");
        } else if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                out.extend(first.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(w);
        }
        *words += 1;
    }
    out.push_str(if rng.chance(0.1) { "!" } else { "." });
}

fn paragraph(rng: &mut Rng, target: usize, company: &str, out: &mut String, words: &mut usize) {
    let start = *words;
    let mut first = true;
    while *words - start < target {
        if !first {
            out.push(' ');
        }
        first = false;
        let n = rng.range(6, 18);
        sentence(rng, n, company, out, words);
    }
    out.push_str("\n\n");
}

/// A story body of 500-800 words: paragraphs, headings, a list, a blockquote, links, emphasis.
fn story_body(
    rng: &mut Rng,
    company: &CompanyDef,
    grade: Option<&str>,
    more: bool,
) -> (String, usize) {
    let target = rng.range(480, 680);
    let mut out = String::with_capacity(target * 7);
    let mut words = 0;
    let name = company.name.as_str();
    let lead = rng.range(40, 80);
    paragraph(rng, lead, name, &mut out, &mut words);
    if more {
        out.push_str("<!-- more -->\n\n");
    }
    let list_at = rng.range(1, 2);
    let quote_at = rng.range(2, 3);
    let mut section = 0;
    while words < target {
        section += 1;
        let _ = writeln!(out, "## {}\n", rng.pick(&HEADINGS));
        for _ in 0..rng.range(1, 3) {
            let len = rng.range(50, 110).min(target.saturating_sub(words)).max(20);
            paragraph(rng, len, name, &mut out, &mut words);
        }
        if section == list_at {
            let numbered = rng.chance(0.4);
            for i in 0..rng.range(3, 6) {
                if numbered {
                    let _ = write!(out, "{}. ", i + 1);
                } else {
                    out.push_str("- ");
                }
                let n = rng.range(4, 12);
                sentence(rng, n, name, &mut out, &mut words);
                out.push('\n');
            }
            out.push('\n');
        }
        if section == quote_at {
            out.push_str("> ");
            let n = rng.range(12, 30);
            sentence(rng, n, name, &mut out, &mut words);
            out.push(' ');
            let n = rng.range(6, 14);
            sentence(rng, n, name, &mut out, &mut words);
            out.push_str("\n\n");
        }
        if section == 2 && rng.chance(0.3) {
            let _ = write!(
                out,
                "Their [page on {name}](/companies/{}/) has every other story about them, and `ref {}` is the case number.\n\n",
                company.slug,
                rng.below(100_000)
            );
            words += 14;
        }
    }
    match grade {
        Some(g) => {
            let _ = writeln!(out, "All in all, **{g}** for {name}.");
        }
        None => {
            let _ = writeln!(out, "I'll leave {name} without a grade this time.");
        }
    }
    words += 6;
    (out, words)
}

fn plan(
    options: &CorpusOptions,
) -> (
    Vec<CompanyDef>,
    Vec<AuthorDef>,
    Vec<SeriesDef>,
    Vec<StoryDef>,
) {
    let n = options.stories;
    let mut rng = Rng::new(options.seed);

    // Companies: a pool of about N/20 unique names, most popular first.
    let company_count = (n / 20).max(3);
    let mut seen = HashSet::new();
    let mut aliases = HashSet::new();
    let mut companies = Vec::with_capacity(company_count);
    while companies.len() < company_count {
        let mut word = String::new();
        for _ in 0..rng.range(2, 3) {
            word.push_str(rng.pick(&SYLLABLES));
        }
        let mut chars = word.chars();
        let word: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        let name = format!("{word} {}", rng.pick(&SECTORS));
        let slug = slugify(&name);
        if !seen.insert(slug.clone()) {
            continue;
        }
        let profile = rng.chance(0.35);
        // Aliases end in a company form and names in a sector, so no alias is another's name.
        let alias = format!("{word} {}", rng.pick(&["Ltd", "Group", "UK", "Plc"]));
        let alias = (profile && aliases.insert(slugify(&alias))).then_some(alias);
        companies.push(CompanyDef {
            alias,
            name,
            slug,
            profile,
        });
    }
    let popularity = Zipf::new(companies.len(), 1.0);

    // Authors: about N/50, each with a profile.
    let author_count = (n / 50).max(1);
    let mut seen = HashSet::new();
    let mut authors = Vec::with_capacity(author_count);
    while authors.len() < author_count {
        let mut name = format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES));
        if seen.contains(&slugify(&name)) {
            let initial = (b'A' + rng.below(26) as u8) as char;
            name = format!(
                "{} {initial}. {}",
                rng.pick(&FIRST_NAMES),
                rng.pick(&LAST_NAMES)
            );
        }
        let slug = slugify(&name);
        if !seen.insert(slug.clone()) {
            continue;
        }
        let tagline = format!(
            "{} {} who {} {}",
            rng.pick(&[
                "Retired",
                "Part-time",
                "Night-shift",
                "Freelance",
                "Semi-professional"
            ]),
            rng.pick(&[
                "teacher",
                "nurse",
                "accountant",
                "baker",
                "engineer",
                "courier"
            ]),
            rng.pick(&["writes", "complains", "queues", "reads the small print"]),
            rng.pick(&["by hand", "politely", "for a living", "on weekends"]),
        );
        authors.push(AuthorDef {
            name,
            slug,
            tagline,
        });
    }
    let prolific = Zipf::new(authors.len(), 0.8);

    // Tags: a pool that grows slowly with the site; categories: a fixed list.
    let tag_count = 30 + n / 200;
    let mut tags: Vec<String> = TAG_WORDS.iter().map(|t| (*t).to_owned()).collect();
    let mut seen: HashSet<String> = tags.iter().cloned().collect();
    while tags.len() < tag_count {
        let t = format!("{}-{}", rng.pick(&TAG_WORDS), rng.pick(&TAG_WORDS));
        if seen.insert(t.clone()) {
            tags.push(t);
        }
    }
    tags.truncate(tag_count);
    let tag_popularity = Zipf::new(tags.len(), 1.1);

    // A few series.
    let series_count = (n / 250).clamp(1, 20);
    let mut seen = HashSet::new();
    let mut series = Vec::new();
    while series.len() < series_count {
        let title = format!(
            "The {} {} {}",
            rng.pick(&SERIES_WORDS),
            rng.pick(&["Diaries", "Files", "Month", "Chronicles", "Notes"]),
            2015 + rng.below(10)
        );
        let slug = slugify(&title);
        if seen.insert(slug.clone()) {
            series.push(SeriesDef { title, slug });
        }
    }

    let mut stories = Vec::with_capacity(n);
    for i in 0..n {
        let day = FIRST_DAY + rng.below((LAST_DAY - FIRST_DAY + 1) as usize) as i64;
        let mut date = ymd(day);
        if rng.chance(0.05) {
            date = format!(
                "{date}T{:02}:{:02}:00{}",
                rng.below(24),
                rng.below(60),
                rng.pick(&["Z", "+01:00", "-05:00"])
            );
        }
        let year = date[..4].to_owned();
        let updated = rng
            .chance(0.05)
            .then(|| ymd((day + rng.range(1, 60) as i64).min(LAST_DAY)));
        let mention_count = rng.pick(&[1, 1, 1, 2, 2, 3]);
        let mut mentions: Vec<Mention> = Vec::new();
        while mentions.len() < mention_count {
            let c = popularity.draw(&mut rng);
            if mentions.iter().any(|m| m.company == c) {
                continue;
            }
            let def = &companies[c];
            let written = match (&def.alias, rng.below(10)) {
                (Some(alias), 0 | 1) => alias.clone(),
                (Some(_), 2) => def.name.to_lowercase(),
                (Some(_), 3) => format!("{}.", def.name),
                _ => def.name.clone(),
            };
            let named_only = rng.chance(0.05);
            let (rating, score) = if named_only {
                (None, None)
            } else {
                let form = rng.below(8);
                let (r, s) = random_rating(&mut rng, form);
                (Some(r), s)
            };
            let verdict_word = rating.as_deref().is_some_and(|r| VERDICTS.contains(&r));
            let verdict = if named_only || verdict_word {
                None
            } else if rng.chance(0.15) {
                Some(rng.pick(&VERDICTS))
            } else {
                None
            };
            let channel = rng.chance(0.6).then(|| rng.pick(&CHANNELS));
            mentions.push(Mention {
                company: c,
                written,
                rating,
                score,
                verdict,
                channel,
            });
        }
        let shorthand = mentions.len() == 1 && rng.chance(0.2);
        let lead = &companies[mentions[0].company];
        let pattern = rng.pick(&TITLE_PATTERNS);
        let title = pattern
            .replace("{c}", &lead.name)
            .replace(
                "{n}",
                rng.pick(&[
                    "refund", "parcel", "sofa", "router", "booking", "fridge", "claim", "contract",
                ]),
            )
            .replace(
                "{a}",
                rng.pick(&["long", "strange", "lovely", "wasted", "patient"]),
            );
        let slug = format!("s{i:06}-{}", slugify(&title));
        let mut story_tags: Vec<String> = Vec::new();
        for _ in 0..rng.range(1, 4) {
            let t = &tags[tag_popularity.draw(&mut rng)];
            if !story_tags.contains(t) {
                story_tags.push(t.clone());
            }
        }
        let category = (rng.pick(&CATEGORIES)).to_owned();
        let in_series = rng.chance(0.04).then(|| rng.below(series.len()));
        let more = rng.chance(0.2);
        let summary = (!more && rng.chance(0.2)).then(|| {
            let mut s = String::new();
            let mut w = 0;
            sentence(&mut rng, 18, &lead.name, &mut s, &mut w);
            s.replace(['*', '[', ']', '"', '`'], "")
        });
        let grade = mentions[0].rating.clone();
        let (body, _) = story_body(&mut rng, lead, grade.as_deref(), more);
        let comments = if rng.chance(0.15) {
            (0..rng.range(1, 4))
                .map(|_| {
                    let mut body = String::new();
                    let mut w = 0;
                    let count = rng.range(8, 30);
                    sentence(&mut rng, count, &lead.name, &mut body, &mut w);
                    Comment {
                        author: format!(
                            "{} {}.",
                            rng.pick(&FIRST_NAMES),
                            &rng.pick(&LAST_NAMES)[..1]
                        ),
                        date: ymd((day + rng.range(0, 30) as i64).min(LAST_DAY)),
                        body,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        stories.push(StoryDef {
            slug,
            year,
            title,
            date,
            updated,
            author: prolific.draw(&mut rng),
            mentions,
            shorthand,
            tags: story_tags,
            category,
            series: in_series,
            summary,
            draft: rng.chance(0.01),
            comments,
            body,
        });
    }
    (companies, authors, series, stories)
}

fn write_file(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Refuses to write into a non-empty folder that the generator did not make.
fn prepare_dir(dir: &Path) -> io::Result<()> {
    const MARK: &str = ".gen-corpus";
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        if !dir.join(MARK).exists() {
            return Err(io::Error::other(format!(
                "{} is not empty and was not written by gen_corpus",
                dir.display()
            )));
        }
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(MARK), "written by examples/gen_corpus.rs\n")
}

/// Writes the corpus (and the Hugo site when asked). Deterministic in `stories` and `seed`.
pub fn generate(options: &CorpusOptions) -> io::Result<CorpusSummary> {
    let (companies, authors, series, stories) = plan(options);
    prepare_dir(&options.out)?;
    write_rave(&options.out, &companies, &authors, &series, &stories)?;
    if let Some(hugo) = &options.hugo {
        prepare_dir(hugo)?;
        write_hugo(hugo, &companies, &authors, &series, &stories)?;
    }
    let mut used = HashSet::new();
    let mut summary = CorpusSummary {
        stories: stories.len(),
        authors: authors.len(),
        company_profiles: companies.iter().filter(|c| c.profile).count(),
        series: series.len(),
        categories: CATEGORIES.len(),
        ..CorpusSummary::default()
    };
    let mut tags = HashSet::new();
    for s in &stories {
        summary.words += s.body.split_whitespace().count();
        summary.comments += s.comments.len();
        if s.draft {
            summary.drafts += 1;
            continue;
        }
        used.extend(s.mentions.iter().map(|m| m.company));
        tags.extend(s.tags.iter().cloned());
    }
    summary.companies = used.len()
        + companies
            .iter()
            .enumerate()
            .filter(|(i, c)| c.profile && !used.contains(i))
            .count();
    summary.tags = tags.len();
    Ok(summary)
}

const SITE_TITLE: &str = "Bench Stories";
const BASE_URL: &str = "https://bench.example.com";

fn write_rave(
    root: &Path,
    companies: &[CompanyDef],
    authors: &[AuthorDef],
    series: &[SeriesDef],
    stories: &[StoryDef],
) -> io::Result<()> {
    write_file(
        &root.join("site.yaml"),
        &format!(
            "title: {SITE_TITLE}\ndescription: Synthetic customer stories for benchmarks, graded.\nbase_url: {BASE_URL}\nlanguage: en\nstories_per_page: 10\nrating_display: grade\n"
        ),
    )?;
    write_file(
        &root.join("content/pages/about.md"),
        "---\ntitle: About\n---\nA synthetic blog written by `examples/gen_corpus.rs` for benchmarks.\n",
    )?;
    for c in companies.iter().filter(|c| c.profile) {
        let mut text = format!("---\nname: {}\n", quoted(&c.name));
        if let Some(alias) = &c.alias {
            let _ = writeln!(text, "aliases:\n  - {}", quoted(alias));
        }
        let _ = write!(
            text,
            "website: https://{}.example.com\ndescription: {}\n---\n{} has a head office, a call centre and opinions about queues.\n",
            c.slug,
            quoted(&format!("{} serves customers across the country.", c.name)),
            c.name
        );
        write_file(
            &root.join(format!("content/companies/{}.md", c.slug)),
            &text,
        )?;
    }
    for a in authors {
        let text = format!(
            "---\nname: {}\ntagline: {}\n---\n{} writes about customer service on {SITE_TITLE}.\n",
            quoted(&a.name),
            quoted(&a.tagline),
            a.name
        );
        write_file(&root.join(format!("content/authors/{}.md", a.slug)), &text)?;
    }
    for s in series {
        let text = format!(
            "---\ntitle: {}\n---\nA series of stories, *told in order*.\n",
            quoted(&s.title)
        );
        write_file(&root.join(format!("content/series/{}.md", s.slug)), &text)?;
    }
    for s in stories {
        let mut text = String::with_capacity(s.body.len() + 1024);
        let _ = write!(
            text,
            "---\ntitle: {}\ndate: {}\nauthor: {}\n",
            quoted(&s.title),
            s.date,
            authors[s.author].slug
        );
        if let Some(u) = &s.updated {
            let _ = writeln!(text, "updated: {u}");
        }
        if s.shorthand {
            let m = &s.mentions[0];
            let _ = writeln!(text, "company: {}", quoted(&m.written));
            if let Some(r) = &m.rating {
                let _ = writeln!(text, "rating: {}", quoted(r));
            }
            if let Some(v) = m.verdict {
                let _ = writeln!(text, "verdict: {v}");
            }
            if let Some(ch) = m.channel {
                let _ = writeln!(text, "channel: {ch}");
            }
        } else {
            text.push_str("companies:\n");
            for m in &s.mentions {
                let _ = writeln!(text, "  - name: {}", quoted(&m.written));
                if let Some(r) = &m.rating {
                    let _ = writeln!(text, "    rating: {}", quoted(r));
                }
                if let Some(v) = m.verdict {
                    let _ = writeln!(text, "    verdict: {v}");
                }
                if let Some(ch) = m.channel {
                    let _ = writeln!(text, "    channel: {ch}");
                }
            }
        }
        let _ = writeln!(text, "tags: [{}]", s.tags.join(", "));
        let _ = writeln!(text, "category: {}", s.category);
        if let Some(i) = s.series {
            let _ = writeln!(text, "series: {}", series[i].slug);
        }
        if let Some(summary) = &s.summary {
            let _ = writeln!(text, "summary: {}", quoted(summary));
        }
        if s.draft {
            text.push_str("draft: true\n");
        }
        if !s.comments.is_empty() {
            text.push_str("comments:\n");
            for c in &s.comments {
                let _ = writeln!(
                    text,
                    "  - author: {}\n    date: {}\n    body: {}",
                    quoted(&c.author),
                    c.date,
                    quoted(&c.body)
                );
            }
        }
        text.push_str("---\n");
        text.push_str(&s.body);
        write_file(
            &root.join(format!("content/stories/{}/{}.md", s.year, s.slug)),
            &text,
        )?;
    }
    Ok(())
}

/// The Hugo templates, next to this file's crate.
fn hugo_theme_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo-theme")
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// The same stories as a Hugo site: company, author, tag, category and series taxonomies (a
/// page and an Atom feed per term), the home list paginated like rave's, a search index and
/// the sitemap. Company names are written as their display names (Hugo has no aliases), and
/// each rating carries its score so that templates can average it.
fn write_hugo(
    root: &Path,
    companies: &[CompanyDef],
    authors: &[AuthorDef],
    series: &[SeriesDef],
    stories: &[StoryDef],
) -> io::Result<()> {
    copy_tree(&hugo_theme_dir(), &root.join("themes/rave-bench"))?;
    write_file(
        &root.join("hugo.toml"),
        &format!(
            r#"baseURL = "{BASE_URL}/"
title = "{SITE_TITLE}"
languageCode = "en"
theme = "rave-bench"
paginate = 10
enableRobotsTXT = true
disableHugoGeneratorInject = true
# rave has no /stories/ or /pages/ list (a `_build` front matter key would do the same, but
# the newest Hugo refuses it and Debian's knows no other spelling).
disableKinds = ["section"]

[params]
description = "Synthetic customer stories for benchmarks, graded."
feedLimit = 20

[taxonomies]
company = "companies"
author = "authors"
tag = "tags"
category = "categories"
series = "series"

[permalinks]
stories = "/stories/:filename/"
pages = "/pages/:filename/"

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.Atom]
mediaType = "application/atom+xml"
baseName = "atom"
rel = "alternate"
isPlainText = true

[outputFormats.SearchIndex]
mediaType = "application/json"
baseName = "search-index"
isPlainText = true
notAlternative = true

[outputs]
home = ["HTML", "Atom", "SearchIndex"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML", "Atom"]
page = ["HTML"]
"#
        ),
    )?;
    write_file(
        &root.join("content/pages/about.md"),
        "---\ntitle: About\n---\nA synthetic blog written by `examples/gen_corpus.rs` for benchmarks.\n",
    )?;
    for c in companies.iter().filter(|c| c.profile) {
        let text = format!(
            "---\ntitle: {}\ndescription: {}\nwebsite: https://{}.example.com\n---\n{} has a head office, a call centre and opinions about queues.\n",
            quoted(&c.name),
            quoted(&format!("{} serves customers across the country.", c.name)),
            c.slug,
            c.name
        );
        write_file(
            &root.join(format!("content/companies/{}/_index.md", c.slug)),
            &text,
        )?;
    }
    for a in authors {
        let text = format!(
            "---\ntitle: {}\ndescription: {}\n---\n{} writes about customer service on {SITE_TITLE}.\n",
            quoted(&a.name),
            quoted(&a.tagline),
            a.name
        );
        write_file(
            &root.join(format!("content/authors/{}/_index.md", a.slug)),
            &text,
        )?;
    }
    for s in series {
        let text = format!(
            "---\ntitle: {}\n---\nA series of stories, *told in order*.\n",
            quoted(&s.title)
        );
        write_file(
            &root.join(format!("content/series/{}/_index.md", s.slug)),
            &text,
        )?;
    }
    for s in stories {
        let mut text = String::with_capacity(s.body.len() + 1024);
        let _ = write!(
            text,
            "---\ntitle: {}\ndate: {}\nauthors: [{}]\n",
            quoted(&s.title),
            s.date,
            quoted(&authors[s.author].name)
        );
        if let Some(u) = &s.updated {
            let _ = writeln!(text, "lastmod: {u}");
        }
        let names: Vec<String> = s
            .mentions
            .iter()
            .map(|m| quoted(&companies[m.company].name))
            .collect();
        let _ = writeln!(text, "companies: [{}]", names.join(", "));
        text.push_str("ratings:\n");
        for m in &s.mentions {
            let _ = writeln!(text, "  - company: {}", quoted(&companies[m.company].name));
            if let Some(r) = &m.rating {
                let _ = writeln!(text, "    rating: {}", quoted(r));
            }
            if let Some(score) = m.score {
                let _ = writeln!(text, "    score: {score}");
            }
            let verdict = m.verdict.or(m.score.map(derived_verdict)).or_else(|| {
                m.rating
                    .as_deref()
                    .and_then(|r| VERDICTS.iter().find(|v| **v == r).copied())
            });
            if let Some(v) = verdict {
                let _ = writeln!(text, "    verdict: {v}");
            }
            if let Some(ch) = m.channel {
                let _ = writeln!(text, "    channel: {ch}");
            }
        }
        let _ = writeln!(text, "tags: [{}]", s.tags.join(", "));
        let _ = writeln!(text, "categories: [{}]", quoted(&s.category));
        if let Some(i) = s.series {
            let _ = writeln!(text, "series: [{}]", quoted(&series[i].title));
        }
        if let Some(summary) = &s.summary {
            let _ = writeln!(text, "summary: {}", quoted(summary));
        }
        if s.draft {
            text.push_str("draft: true\n");
        }
        if !s.comments.is_empty() {
            text.push_str("comments:\n");
            for c in &s.comments {
                let _ = writeln!(
                    text,
                    "  - author: {}\n    date: {}\n    body: {}",
                    quoted(&c.author),
                    c.date,
                    quoted(&c.body)
                );
            }
        }
        text.push_str("---\n");
        text.push_str(&s.body);
        write_file(&root.join(format!("content/stories/{}.md", s.slug)), &text)?;
    }
    Ok(())
}

fn usage() -> ! {
    eprintln!(
        "usage: gen_corpus --stories N --out DIR [--seed S] [--hugo DIR]\n\
         writes a deterministic synthetic rave site of N stories to DIR (and a Hugo site to --hugo)"
    );
    std::process::exit(2)
}

fn main() {
    let mut stories = None;
    let mut out = None;
    let mut seed = 1;
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--stories" => stories = Some(value().parse().unwrap_or_else(|_| usage())),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage()),
            "--hugo" => hugo = Some(PathBuf::from(value())),
            _ => usage(),
        }
    }
    let (Some(stories), Some(out)) = (stories, out) else {
        usage()
    };
    let options = CorpusOptions {
        stories,
        out,
        seed,
        hugo,
    };
    match generate(&options) {
        Ok(s) => println!(
            "{} stories ({} drafts, {} words), {} authors, {} companies ({} profiles), {} tags, {} series, {} comments -> {}",
            s.stories,
            s.drafts,
            s.words,
            s.authors,
            s.companies,
            s.company_profiles,
            s.tags,
            s.series,
            s.comments,
            options.out.display()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(1);
        }
    }
}
