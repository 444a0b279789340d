//! The words the theme's scripts show (search.js), from the catalogue: given to the page as
//! JSON in a data attribute, so no script carries text of its own. Counted words come in every
//! plural form of the language, for the script to pick with the browser's `Intl.PluralRules`.

use std::collections::BTreeMap;

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use serde::Serialize;

use super::{Arg, Catalogue};

/// The largest number tried while looking for a number of each plural category (every CLDR
/// language shows each of its categories below 200).
const SAMPLES: usize = 200;

/// What search.js shows, in the site's language.
#[derive(Debug, Serialize)]
struct SearchWords {
    /// "{count} stories found" by plural category (`one`, `other` ...).
    found: BTreeMap<&'static str, String>,
    loading: String,
    failed: String,
    not_rated: String,
    /// `good` -> "Good" ...
    verdicts: BTreeMap<&'static str, String>,
}

/// The words of search.js as JSON.
pub(crate) fn search_words(words: &Catalogue) -> String {
    let verdicts = ["good", "mixed", "bad", "ugly"]
        .into_iter()
        .map(|v| (v, words.text(&format!("verdict-{v}"), &[])))
        .collect();
    let view = SearchWords {
        found: plural_forms(words, "search-found"),
        loading: words.text("search-loading", &[]),
        failed: words.text("search-failed", &[]),
        not_rated: words.text("not-rated", &[]),
        verdicts,
    };
    serde_json::to_string(&view).unwrap_or_default()
}

/// Message `key` (counting `$count`) for a number of each plural category of the language,
/// the number written `{count}`.
fn plural_forms(words: &Catalogue, key: &str) -> BTreeMap<&'static str, String> {
    let locale = Locale::try_from_str(words.language()).unwrap_or(Locale::UNKNOWN);
    let rules = PluralRules::try_new_cardinal((&locale).into()).ok();
    let mut forms = BTreeMap::new();
    for n in 0..SAMPLES {
        let category = rules
            .as_ref()
            .map_or(PluralCategory::Other, |r| r.category_for(n));
        let name = cldr_name(category);
        if forms.contains_key(name) {
            continue;
        }
        let text = words.text(key, &[("count", Arg::from(n))]);
        let number = words.format().number(n as f64);
        forms.insert(name, text.replacen(&number, "{count}", 1));
    }
    forms
}

fn cldr_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::load::theme::builtin_catalogues;

    fn words(language: &str) -> Catalogue {
        Catalogue::build(&builtin_catalogues(), language, &mut Diagnostics::new())
    }

    #[test]
    fn every_plural_form_of_the_language_with_the_number_left_open() {
        let json: serde_json::Value =
            serde_json::from_str(&search_words(&words("de"))).expect("JSON");
        assert_eq!(json["found"]["one"], "{count} Geschichte gefunden");
        assert_eq!(json["found"]["other"], "{count} Geschichten gefunden");
        assert_eq!(json["verdicts"]["ugly"], "Übel");
        let arabic: serde_json::Value =
            serde_json::from_str(&search_words(&words("ar"))).expect("JSON");
        let forms = arabic["found"].as_object().expect("forms");
        let names: Vec<&str> = forms.keys().map(String::as_str).collect();
        assert_eq!(names, ["few", "many", "one", "other", "two", "zero"]);
    }
}
