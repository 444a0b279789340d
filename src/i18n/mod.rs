//! The reader-facing words of a site in its language: a [Project Fluent](https://projectfluent.org)
//! catalogue (CLDR plural rules, placeholders) plus dates and numbers formatted with ICU4X's
//! compiled locale data.
//!
//! A catalogue is layered, later files overriding earlier ones message by message: the built-in
//! catalogues (`themes/default/i18n/<lang>.ftl`), the theme's `i18n/<lang>.ftl`, then the site's
//! `i18n/<lang>.ftl`. English is every site's fallback: a message missing from the site's language
//! is shown in English, and [`Catalogue::build`] warns about it.

mod locale_format;
#[cfg(test)]
mod plural_tests;
mod script_words;

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

pub(crate) use locale_format::LocaleFormat;
pub(crate) use script_words::search_words;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// The language every catalogue falls back to.
pub(crate) const FALLBACK_LANGUAGE: &str = "en";

/// Languages whose script runs right to left.
const RIGHT_TO_LEFT: [&str; 6] = ["ar", "fa", "he", "ps", "ur", "yi"];

/// One `.ftl` file of a catalogue layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueFile {
    /// The language the file is for: its file stem (`de` for `de.ftl`).
    pub language: String,
    pub text: String,
    /// Shown in diagnostics: a path relative to the site, or `(built-in default theme)/...`.
    pub origin: PathBuf,
}

/// A site's messages in its language, with English behind them.
pub struct Catalogue {
    language: String,
    bundle: FluentBundle<FluentResource>,
    /// English, for messages the language lacks; `None` when the language is English.
    fallback: Option<FluentBundle<FluentResource>>,
    format: LocaleFormat,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Catalogue {
    /// The catalogue for `language` from `files` (in layer order). Syntax errors are errors with
    /// line and column; messages English has and the language lacks are warnings.
    pub fn build(files: &[CatalogueFile], language: &str, diagnostics: &mut Diagnostics) -> Self {
        let language_id = parse_language(language, diagnostics);
        let primary = language_id.language.as_str().to_owned();
        let layers = |lang: &str| -> Vec<&CatalogueFile> {
            files
                .iter()
                .filter(|f| f.language.eq_ignore_ascii_case(lang))
                .collect()
        };
        // The primary language's files first, then those of the full tag (`pt`, then `pt-BR`).
        let mut own = layers(&primary);
        if !language.eq_ignore_ascii_case(&primary) {
            own.extend(layers(language));
        }
        let (bundle, own_keys) = bundle_of(&own, language_id.clone(), diagnostics);
        let fallback = if primary == FALLBACK_LANGUAGE {
            None
        } else {
            let english: LanguageIdentifier = FALLBACK_LANGUAGE
                .parse()
                .unwrap_or_else(|_| LanguageIdentifier::default());
            let (fallback, english_keys) =
                bundle_of(&layers(FALLBACK_LANGUAGE), english, diagnostics);
            let missing: Vec<&String> = english_keys.difference(&own_keys).collect();
            if !missing.is_empty() {
                let origin = own.last().map_or_else(
                    || PathBuf::from(format!("i18n/{language}.ftl")),
                    |f| f.origin.clone(),
                );
                let shown: Vec<&str> = missing.iter().take(8).map(|k| k.as_str()).collect();
                diagnostics.push(
                    Diagnostic::warning(
                        origin,
                        format!(
                            "{} message{} of the catalogue {} no `{language}` translation and {} shown in English: {}{}",
                            missing.len(),
                            if missing.len() == 1 { "" } else { "s" },
                            if missing.len() == 1 { "has" } else { "have" },
                            if missing.len() == 1 { "is" } else { "are" },
                            shown.join(", "),
                            if missing.len() > shown.len() { ", ..." } else { "" },
                        ),
                    )
                    .with_help(format!(
                        "add them to i18n/{language}.ftl in the site (copy them from the English catalogue, themes/default/i18n/en.ftl)"
                    )),
                );
            }
            Some(fallback)
        };
        Catalogue {
            language: language.to_owned(),
            bundle,
            fallback,
            format: LocaleFormat::new(language),
        }
    }

    /// The site's language tag, as `site.yaml` gives it.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// `rtl` for languages written right to left, else `ltr`.
    pub fn direction(&self) -> &'static str {
        let primary = self.language.split(['-', '_']).next().unwrap_or_default();
        if RIGHT_TO_LEFT
            .iter()
            .any(|l| l.eq_ignore_ascii_case(primary))
        {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Dates and numbers in the site's language.
    pub fn format(&self) -> &LocaleFormat {
        &self.format
    }

    /// Whether the message `key` exists (in the language or in English).
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key) || self.fallback.as_ref().is_some_and(|f| f.has_message(key))
    }

    /// The message `key` with `args`, in the language, else in English; `None` when neither has
    /// it.
    pub fn message(&self, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        [Some(&self.bundle), self.fallback.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|bundle| {
                let pattern = bundle.get_message(key)?.value()?;
                let mut errors = Vec::new();
                Some(
                    bundle
                        .format_pattern(pattern, args, &mut errors)
                        .into_owned(),
                )
            })
    }

    /// [`Catalogue::message`] for messages rave itself asks for, which the built-in English
    /// catalogue always has (a unit test holds it); the key itself otherwise.
    pub fn text(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let args = fluent_args(args);
        self.message(key, Some(&args))
            .unwrap_or_else(|| key.to_owned())
    }
}

/// A placeholder's value.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(f64),
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}

impl From<f64> for Arg<'_> {
    fn from(n: f64) -> Self {
        Arg::Number(n)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

fn fluent_args<'a>(args: &[(&'a str, Arg<'a>)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match *value {
            Arg::Text(s) => fluent.set(*name, FluentValue::from(s)),
            Arg::Number(n) => fluent.set(*name, FluentValue::from(n)),
        }
    }
    fluent
}

/// `language` as a language identifier; English (with an error) when it is not one.
fn parse_language(language: &str, diagnostics: &mut Diagnostics) -> LanguageIdentifier {
    match language.parse::<LanguageIdentifier>() {
        Ok(id) => id,
        Err(_) => {
            diagnostics.push(
                Diagnostic::error(
                    "site.yaml",
                    format!("`language: {language}` is not a language tag"),
                )
                .with_help("write a BCP 47 language tag such as `en`, `de`, `pt-BR` or `ar`"),
            );
            FALLBACK_LANGUAGE
                .parse()
                .unwrap_or_else(|_| LanguageIdentifier::default())
        }
    }
}

/// A bundle of `files` (later ones override earlier ones), and the message ids it holds.
fn bundle_of(
    files: &[&CatalogueFile],
    language: LanguageIdentifier,
    diagnostics: &mut Diagnostics,
) -> (FluentBundle<FluentResource>, BTreeSet<String>) {
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // No Unicode isolation marks around placeholders: pages set `dir` themselves, and the
    // marks would stand between words and their search.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(locale_format::format_fluent_number));
    let mut keys = BTreeSet::new();
    for file in files {
        let resource = match FluentResource::try_new(file.text.clone()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    // The broken entry's start, where the reader should look, rather than
                    // where the parser gave up (often the next line).
                    let at = error.slice.as_ref().map_or(error.pos.start, |s| s.start);
                    let (line, column) = line_column(&file.text, at);
                    diagnostics.push(
                        Diagnostic::error(
                            file.origin.clone(),
                            format!("catalogue syntax error: {}", error.kind),
                        )
                        .at(Position::new(line, column))
                        .with_source(&file.text)
                        .with_help(
                            "write messages as `key = text`, placeholders as `{ $name }`; see https://projectfluent.org/fluent/guide/",
                        ),
                    );
                }
                resource
            }
        };
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                keys.insert(message.id.name.to_owned());
            }
        }
        bundle.add_resource_overriding(resource);
    }
    (bundle, keys)
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::theme::builtin_catalogues;

    /// The languages rave ships a catalogue for.
    const BUNDLED: [&str; 6] = ["en", "de", "fr", "es", "nl", "pt"];

    fn catalogue(language: &str) -> (Catalogue, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let catalogue = Catalogue::build(&builtin_catalogues(), language, &mut diagnostics);
        (catalogue, diagnostics)
    }

    #[test]
    fn every_bundled_catalogue_parses_and_has_every_english_message() {
        for language in BUNDLED {
            let (_, diagnostics) = catalogue(language);
            let found: Vec<String> = diagnostics.iter().map(|d| d.render()).collect();
            assert!(found.is_empty(), "{language}: {found:#?}");
        }
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let expected = [
            (
                "en",
                [
                    "0 comments",
                    "1 comment",
                    "2 comments",
                    "5 comments",
                    "21 comments",
                ],
            ),
            (
                "de",
                [
                    "0 Kommentare",
                    "1 Kommentar",
                    "2 Kommentare",
                    "5 Kommentare",
                    "21 Kommentare",
                ],
            ),
            (
                "fr",
                [
                    "0 commentaire",
                    "1 commentaire",
                    "2 commentaires",
                    "5 commentaires",
                    "21 commentaires",
                ],
            ),
            (
                "es",
                [
                    "0 comentarios",
                    "1 comentario",
                    "2 comentarios",
                    "5 comentarios",
                    "21 comentarios",
                ],
            ),
            (
                "nl",
                [
                    "0 reacties",
                    "1 reactie",
                    "2 reacties",
                    "5 reacties",
                    "21 reacties",
                ],
            ),
            (
                "pt",
                [
                    "0 comentário",
                    "1 comentário",
                    "2 comentários",
                    "5 comentários",
                    "21 comentários",
                ],
            ),
        ];
        for (language, forms) in expected {
            let (words, _) = catalogue(language);
            for (count, form) in [0usize, 1, 2, 5, 21].into_iter().zip(forms) {
                assert_eq!(
                    words.text("comments-count", &[("count", count.into())]),
                    form,
                    "{language} {count}"
                );
            }
        }
    }

    #[test]
    fn a_site_file_overrides_one_message_and_english_fills_the_gaps() {
        let mut files = builtin_catalogues();
        files.push(CatalogueFile {
            language: "de".into(),
            text: "comments-title = Leserkommentare\n".into(),
            origin: "i18n/de.ftl".into(),
        });
        let mut diagnostics = Diagnostics::new();
        let words = Catalogue::build(&files, "de", &mut diagnostics);
        assert_eq!(words.text("comments-title", &[]), "Leserkommentare");
        assert_eq!(words.text("nav-search", &[]), "Suche");

        // A language without a bundled catalogue: English, with a warning naming the gap.
        let mut diagnostics = Diagnostics::new();
        let words = Catalogue::build(&builtin_catalogues(), "sv", &mut diagnostics);
        assert_eq!(words.text("nav-search", &[]), "Search");
        let warning = diagnostics.iter().next().expect("a warning").render();
        assert!(warning.contains("no `sv` translation"), "{warning}");
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let files = vec![CatalogueFile {
            language: "en".into(),
            text: "ok = fine\nbroken = {{ oops\nnext = fine\n".into(),
            origin: "i18n/en.ftl".into(),
        }];
        let mut diagnostics = Diagnostics::new();
        Catalogue::build(&files, "en", &mut diagnostics);
        let error = diagnostics.iter().next().expect("an error");
        assert!(error.severity == crate::diagnostics::Severity::Error);
        assert_eq!(error.position.map(|p| p.line), Some(2), "{error:?}");
        assert!(error.source_line.is_some(), "{error:?}");
    }

    #[test]
    fn arabic_has_six_plural_forms() {
        let (words, _) = catalogue("ar");
        let forms: Vec<String> = [0usize, 1, 2, 5, 21, 100]
            .into_iter()
            .map(|n| words.text("comments-count", &[("count", n.into())]))
            .collect();
        assert_eq!(
            forms,
            [
                "لا تعليقات",
                "تعليق واحد",
                "تعليقان",
                "5 تعليقات",
                "21 تعليقًا",
                "100 تعليق"
            ]
        );
    }

    #[test]
    fn right_to_left_languages_say_so() {
        assert_eq!(catalogue("ar").0.direction(), "rtl");
        assert_eq!(catalogue("he-IL").0.direction(), "rtl");
        assert_eq!(catalogue("de").0.direction(), "ltr");
    }
}
