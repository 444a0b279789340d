//! Every counted thing of every bundled catalogue in the form its language asks for, at 0, 1,
//! 2, 5 and 21: the singular where CLDR's rules say `one` (1 in English, German, Spanish and
//! Dutch; 0 and 1 in French and Portuguese), the plural otherwise, with the number in place.
//! The forms expected are a table, `plural_forms.txt`.

use super::*;
use crate::load::theme::builtin_catalogues;

const COUNTS: [usize; 5] = [0, 1, 2, 5, 21];

/// One language's expectations, read from `plural_forms.txt`.
struct Forms<'t> {
    language: &'t str,
    /// The counts that take the singular.
    singular: Vec<usize>,
    /// `(key, singular, plural)`, `#` standing for the number.
    messages: Vec<(&'t str, &'t str, &'t str)>,
}

/// Parses `plural_forms.txt`: the lines before the first `[language]` are its header.
fn expected_forms(text: &str) -> Vec<Forms<'_>> {
    let mut languages: Vec<Forms> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(block) = line.strip_prefix('[') {
            let (language, one) = block
                .split_once("] one: ")
                .expect("`[language] one: counts`");
            let singular = one
                .split(", ")
                .map(|n| n.parse().expect("a count"))
                .collect();
            languages.push(Forms {
                language,
                singular,
                messages: Vec::new(),
            });
        } else if let Some(forms) = languages.last_mut() {
            let fields: Vec<&str> = line.split(" | ").collect();
            let [key, one, other] = fields[..] else {
                panic!("not `key | singular | plural`: {line}");
            };
            forms.messages.push((key, one, other));
        }
    }
    languages
}

#[test]
fn counted_things_take_the_languages_plural_forms_at_0_1_2_5_and_21() {
    let languages = expected_forms(include_str!("plural_forms.txt"));
    assert_eq!(languages.len(), 6, "every bundled language but Arabic");
    let mut wrong = Vec::new();
    for Forms {
        language,
        singular,
        messages,
    } in &languages
    {
        let mut diagnostics = Diagnostics::new();
        let words = Catalogue::build(&builtin_catalogues(), language, &mut diagnostics);
        for (key, one, other) in messages {
            for n in COUNTS {
                let form = if singular.contains(&n) { one } else { other };
                let expected = form.replace('#', &n.to_string());
                let got = words.text(key, &[("count", n.into())]);
                if got != expected {
                    wrong.push(format!("{language} {key} {n}: {got:?}, not {expected:?}"));
                }
            }
        }
        // Two counts in one sentence agree each with its own number.
        let both = words.text(
            "ratings-from-stories",
            &[("ratings", 21.into()), ("stories", 1.into())],
        );
        let ratings = messages
            .iter()
            .find(|m| m.0 == "ratings-count")
            .map(|m| m.2);
        let story = messages
            .iter()
            .find(|m| m.0 == "stories-count")
            .map(|m| m.1);
        if let (Some(r), Some(s)) = (ratings, story) {
            let (r, s) = (r.replace('#', "21"), s.replace('#', "1"));
            if !(both.contains(&r) && both.contains(&s)) {
                wrong.push(format!("{language} ratings-from-stories 21, 1: {both:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn arabic_counts_take_their_own_forms() {
    let mut diagnostics = Diagnostics::new();
    let words = Catalogue::build(&builtin_catalogues(), "ar", &mut diagnostics);
    let found = |n: usize| words.text("search-found", &[("count", n.into())]);
    // Zero, one and two are said in words; 3 to 10 take the plural, 11 and more the singular.
    assert!(found(0).contains("لم"), "{}", found(0));
    assert!(found(1).contains("واحدة"), "{}", found(1));
    assert!(found(2).contains("قصتين"), "{}", found(2));
    assert!(found(5).ends_with("قصص"), "{}", found(5));
    assert!(found(21).ends_with("قصة"), "{}", found(21));
}
