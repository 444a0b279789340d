//! Companies and ratings proposed for an imported story. WordPress has neither, so the import
//! only writes what the post itself says, read with rave's own rating parser: a title or
//! opening line such as "Nike earns an A+", "Comcast gets an F", "Grade: B-" or "4/5 stars for
//! Acme", and categories or tags that name a company profile of the site. It never invents a
//! grade.

use std::collections::BTreeSet;

use crate::rating::parse_rating;
use crate::slug::slugify;

/// One company of a story, with the rating the post gave it, if it gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Proposal {
    pub name: String,
    /// The rating as the post wrote it (`A+`, `4/5`).
    pub rating: Option<String>,
}

/// Verbs that tie a company to the grade after them ("Comcast gets an F").
const GRADE_VERBS: [&str; 7] = [
    "earns", "gets", "receives", "deserves", "scores", "earned", "got",
];

/// Proposals from a title, the opening line of the text, and the post's terms; `profiles` are
/// the slugs of the site's company profiles.
pub(super) fn propose(
    title: &str,
    opening: &str,
    terms: &[String],
    profiles: &BTreeSet<String>,
) -> Vec<Proposal> {
    let mut found: Vec<Proposal> = Vec::new();
    let mut loose_grade = None;
    for text in [title, opening] {
        if let Some(proposal) = company_verb_grade(text).or_else(|| stars_for(text)) {
            if !found
                .iter()
                .any(|p| slugify(&p.name) == slugify(&proposal.name))
            {
                found.push(proposal);
            }
        } else if loose_grade.is_none() {
            loose_grade = labelled_grade(text);
        }
    }
    for term in terms {
        let slug = slugify(term);
        if !slug.is_empty()
            && profiles.contains(&slug)
            && !found.iter().any(|p| slugify(&p.name) == slug)
        {
            found.push(Proposal {
                name: term.trim().to_owned(),
                rating: None,
            });
        }
    }
    // "Grade: B-" names no company: it goes to the only company the post names.
    if let Some(grade) = loose_grade
        && found.len() == 1
        && found[0].rating.is_none()
    {
        found[0].rating = Some(grade);
    }
    found
}

/// A letter grade as written in a sentence: an upper-case A-F with an optional + or -, so
/// that "gets a good deal" or "an apple" are not grades.
fn grade_token(word: &str) -> Option<String> {
    let word = word.trim_end_matches(['.', ',', '!', '?', ':', ';', ')', '"', '\u{201d}']);
    let mut chars = word.chars();
    let letter = chars.next()?;
    if !matches!(letter, 'A'..='D' | 'F') {
        return None;
    }
    let rest: String = chars.collect();
    if !matches!(rest.as_str(), "" | "+" | "-" | "\u{2212}") {
        return None;
    }
    parse_rating(word).ok().filter(|r| r.score.is_some())?;
    Some(word.replace('\u{2212}', "-"))
}

/// "Acme Bank earns an A+" / "Why Comcast gets an F".
fn company_verb_grade(text: &str) -> Option<Proposal> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if !GRADE_VERBS.contains(&word.to_lowercase().as_str()) || i == 0 {
            continue;
        }
        let mut next = i + 1;
        if matches!(words.get(next), Some(&"a" | &"an")) {
            next += 1;
        }
        let Some(grade) = words.get(next).and_then(|w| grade_token(w)) else {
            continue;
        };
        let name = company_before(&words[..i])?;
        return Some(Proposal {
            name,
            rating: Some(grade),
        });
    }
    None
}

/// The run of capitalised words right before `words`' end: the company's name.
fn company_before(words: &[&str]) -> Option<String> {
    let mut start = words.len();
    while start > 0 {
        let word = words[start - 1];
        let is_name = word.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(word, "&" | "of" | "and" | "de" | "von");
        if !is_name || word.ends_with([':', '.', '!', '?']) {
            break;
        }
        start -= 1;
    }
    // "of"/"and" cannot start a name.
    while start < words.len() && matches!(words[start], "&" | "of" | "and" | "de" | "von") {
        start += 1;
    }
    let name = words[start..]
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_owned();
    let skipped = ["Why", "How", "When", "The", "My", "Our"];
    let name = skipped
        .iter()
        .find_map(|w| name.strip_prefix(&format!("{w} ")))
        .map(str::to_owned)
        .unwrap_or(name);
    (!name.is_empty() && !slugify(&name).is_empty()).then_some(name)
}

/// "4/5 stars for Acme" / "4.5 out of 5 stars for Acme Bank".
fn stars_for(text: &str) -> Option<Proposal> {
    let lower = text.to_lowercase();
    let at = lower.find(" stars for ")?;
    let before = text[..at].trim_end();
    let rating = match before.rsplit_once(" out of ") {
        Some((n, d)) => format!(
            "{}/{}",
            n.split_whitespace().last()?,
            d.split_whitespace().next()?
        ),
        None => before.split_whitespace().last()?.to_owned(),
    };
    parse_rating(&rating).ok().filter(|r| r.score.is_some())?;
    let after = &text[at + " stars for ".len()..];
    let words: Vec<&str> = after
        .split_whitespace()
        .take_while(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '&')
        })
        .collect();
    let name = words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned();
    (!name.is_empty()).then_some(Proposal {
        name,
        rating: Some(rating),
    })
}

/// "Grade: B-" (or "Note: 2" in no language: only the English label is read).
fn labelled_grade(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find("grade:")?;
    let after = text[at + "grade:".len()..].split_whitespace().next()?;
    grade_token(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(proposals: &[Proposal]) -> Vec<(String, Option<String>)> {
        proposals
            .iter()
            .map(|p| (p.name.clone(), p.rating.clone()))
            .collect()
    }

    #[test]
    fn titles_with_a_verb_and_a_grade() {
        let none = BTreeSet::new();
        assert_eq!(
            names(&propose(
                "Nike earns an A+ for a quick refund",
                "",
                &[],
                &none
            )),
            vec![("Nike".into(), Some("A+".into()))]
        );
        assert_eq!(
            names(&propose("Why Comcast gets an F", "", &[], &none)),
            vec![("Comcast".into(), Some("F".into()))]
        );
        assert_eq!(
            names(&propose("", "First Acme Bank earns a B-.", &[], &none)),
            vec![("First Acme Bank".into(), Some("B-".into()))]
        );
    }

    #[test]
    fn no_grade_is_ever_invented() {
        let none = BTreeSet::new();
        assert!(propose("My cable company gets a good talking-to", "", &[], &none).is_empty());
        assert!(propose("Everyone gets an apple", "", &[], &none).is_empty());
        assert!(propose("A story about Acme", "It went fine.", &[], &none).is_empty());
    }

    #[test]
    fn stars_and_labelled_grades_with_profiles() {
        let none = BTreeSet::new();
        assert_eq!(
            names(&propose("4/5 stars for Parcel Post", "", &[], &none)),
            vec![("Parcel Post".into(), Some("4/5".into()))]
        );
        let profiles: BTreeSet<String> = ["acme".to_owned()].into();
        assert_eq!(
            names(&propose(
                "A long wait",
                "Grade: C+",
                &["Acme".into(), "Travel".into()],
                &profiles
            )),
            vec![("Acme".into(), Some("C+".into()))]
        );
    }
}
