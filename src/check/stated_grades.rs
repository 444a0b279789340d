//! Titles and opening lines that state a company's grade ("Nike earns an A+") which the
//! story's own rating of that company contradicts (`rating: C`): readers see both.
//!
//! A grade counts as stated when it follows the company's name after a grading word (`earns`,
//! `gets`, `scores` ...) or straight after a colon or dash (`Nike: A+`). Grades agree when they
//! fall in the same band (`A-` and `A+` do; `A` and `C` do not).

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::model::{Site, company_key};
use crate::rating::{Grade, Rating, Verdict};

/// Words that say a grade is being given, between a company's name and the grade.
const GRADING_WORDS: [&str; 20] = [
    "earns", "earned", "earn", "gets", "get", "got", "scores", "scored", "score", "deserves",
    "deserved", "receives", "received", "rated", "grade", "graded", "grades", "rating", "takes",
    "took",
];

/// Words that may stand between the grading word and the grade.
const FILLER_WORDS: [&str; 8] = [
    "a", "an", "the", "solid", "straight", "clear", "firm", "an:",
];

pub(crate) fn contradicted_grades(site: &Site, out: &mut Diagnostics) {
    for story in &site.stories {
        let input = &story.input;
        let first_line = input
            .body
            .lines()
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (l, Position::new(input.body_line + i, 1)));
        let places = [("title", input.title.as_str(), input.title_position)]
            .into_iter()
            .chain(first_line.map(|(l, p)| ("first line", l, p)));
        for (what, text, position) in places {
            for (mention, written) in story.mentions.iter().zip(&input.mentions) {
                let Some(rating) = &written.rating else {
                    continue;
                };
                let company = &site.companies[mention.company];
                let mut names = vec![written.name.as_str(), company.name.as_str()];
                if let Some(p) = &company.profile {
                    names.extend(p.aliases.iter().map(|(a, _)| a.as_str()));
                }
                let Some(stated) = names.iter().find_map(|n| stated_grade(text, n)) else {
                    continue;
                };
                if agrees(stated, rating) {
                    continue;
                }
                let given = written
                    .rating_text
                    .clone()
                    .unwrap_or_else(|| rating.verdict.as_str().to_owned());
                out.push(
                    Diagnostic::warning(
                        &input.origin.path,
                        format!(
                            "the {what} gives `{}` {}, but the story rates it `{given}`",
                            written.name,
                            with_article(stated)
                        ),
                    )
                    .at(position)
                    .with_help(format!(
                        "make them agree: change the `rating:` of `{}` (named on line {}), or the {what}",
                        written.name, written.position.line
                    )),
                );
            }
        }
    }
}

/// "an A+", "a C".
fn with_article(grade: Grade) -> String {
    let article = if matches!(grade.label().chars().next(), Some('A' | 'F')) {
        "an"
    } else {
        "a"
    };
    format!("{article} {}", grade.label())
}

/// Whether a stated grade and a rating say the same: the same band, or for a verdict-only
/// rating, the same verdict.
fn agrees(stated: Grade, rating: &Rating) -> bool {
    match rating.band() {
        Some(band) => band == stated.band(),
        // Ugly is bad said louder: a low grade agrees with either.
        None => match (Verdict::for_score(stated.score()), rating.verdict) {
            (Verdict::Bad, Verdict::Ugly) => true,
            (said, rated) => said == rated,
        },
    }
}

/// The grade `text` gives the company `name`, if it states one right after the name.
fn stated_grade(text: &str, name: &str) -> Option<Grade> {
    let key = company_key(name);
    if key.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lowercasing changed byte lengths: offsets would not line up; rare enough to skip.
        return None;
    }
    let mut from = 0;
    while let Some(found) = lower[from..].find(&key) {
        let start = from + found;
        let end = start + key.len();
        from = end;
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !starts_word {
            continue;
        }
        if let Some(grade) = grade_after(&text[end..]) {
            return Some(grade);
        }
    }
    None
}

/// A grade at the start of `rest` (what follows a company's name), after grading words.
fn grade_after(rest: &str) -> Option<Grade> {
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        // The name continues (`Nikes`): another word.
        return None;
    }
    let trimmed = rest.trim_start();
    let mut graded = trimmed.starts_with([':', '—', '–', '-']);
    let words = trimmed
        .trim_start_matches([':', '—', '–', '-', '\''])
        .trim_start_matches("s ")
        .split_whitespace()
        .take(5);
    for word in words {
        let bare = word.trim_end_matches(['.', ',', '!', '?', ';', ':', ')', '"', '\'', '’']);
        if let Some(grade) =
            Grade::parse(bare).filter(|_| bare.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            return graded.then_some(grade);
        }
        let lower = bare.to_lowercase();
        if GRADING_WORDS.contains(&lower.as_str()) {
            graded = true;
        } else if !FILLER_WORDS.contains(&lower.as_str()) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_stated_after_a_name() {
        assert_eq!(stated_grade("Nike earns an A+", "Nike"), Some(Grade::APlus));
        assert_eq!(
            stated_grade("Why Comcast gets an F", "comcast"),
            Some(Grade::F)
        );
        assert_eq!(
            stated_grade("Corner Café: B-, and why", "Corner Café"),
            Some(Grade::BMinus)
        );
        assert_eq!(
            stated_grade(
                "Northwind Outfitters earned a solid B.",
                "Northwind Outfitters"
            ),
            Some(Grade::B)
        );
        // Not a grade given to that company.
        assert_eq!(stated_grade("Nike is A great shop", "Nike"), None);
        assert_eq!(stated_grade("Nikes get an A", "Nike"), None);
        assert_eq!(stated_grade("I got an A from Nike", "Nike"), None);
        assert_eq!(stated_grade("Nike gets a refund right", "Nike"), None);
        assert_eq!(
            stated_grade("Nike earns an a+", "Nike"),
            None,
            "grades are capitals"
        );
    }

    #[test]
    fn bands_decide_agreement() {
        let c = crate::rating::parse_rating("C").expect("C");
        assert!(!agrees(Grade::APlus, &c));
        assert!(agrees(Grade::CPlus, &c));
        let ugly = crate::rating::parse_rating("ugly").expect("ugly");
        assert!(agrees(Grade::F, &ugly));
        assert!(!agrees(Grade::A, &ugly));
    }
}
