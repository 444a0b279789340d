//! Every counted thing of every bundled catalogue in the form its language asks for, at 0, 1,
//! 2, 5 and 21: the singular where CLDR's rules say `one` (1 in English, German, Spanish and
//! Dutch; 0 and 1 in French and Portuguese), the plural otherwise, with the number in place.

use super::*;
use crate::load::theme::builtin_catalogues;

const COUNTS: [usize; 5] = [0, 1, 2, 5, 21];

/// Per language: which counts take the singular, and each counted message's singular and
/// plural with `#` for the number.
type Forms = (
    &'static str,
    &'static [usize],
    &'static [(&'static str, &'static str, &'static str)],
);

const LANGUAGES: [Forms; 6] = [
    (
        "en",
        &[1],
        &[
            ("stories-count", "# story", "# stories"),
            ("ratings-count", "# rating", "# ratings"),
            ("comments-count", "# comment", "# comments"),
            ("comments-title", "# comment", "# comments"),
            ("parts-count", "# part", "# parts"),
            ("companies-count", "# company", "# companies"),
            ("shared-stories-count", "# shared story", "# shared stories"),
            ("stars-count", "# star", "# stars"),
            ("words-count", "# word", "# words"),
            ("search-found", "# story found", "# stories found"),
        ],
    ),
    (
        "de",
        &[1],
        &[
            ("stories-count", "# Geschichte", "# Geschichten"),
            ("ratings-count", "# Bewertung", "# Bewertungen"),
            ("comments-count", "# Kommentar", "# Kommentare"),
            ("parts-count", "# Teil", "# Teile"),
            ("companies-count", "# Unternehmen", "# Unternehmen"),
            (
                "shared-stories-count",
                "# gemeinsame Geschichte",
                "# gemeinsame Geschichten",
            ),
            ("stars-count", "# Stern", "# Sterne"),
            ("words-count", "# Wort", "# Wörter"),
            (
                "search-found",
                "# Geschichte gefunden",
                "# Geschichten gefunden",
            ),
        ],
    ),
    (
        "fr",
        &[0, 1],
        &[
            ("stories-count", "# récit", "# récits"),
            ("ratings-count", "# note", "# notes"),
            ("comments-count", "# commentaire", "# commentaires"),
            ("parts-count", "# épisode", "# épisodes"),
            ("companies-count", "# entreprise", "# entreprises"),
            (
                "shared-stories-count",
                "# récit en commun",
                "# récits en commun",
            ),
            ("stars-count", "# étoile", "# étoiles"),
            ("words-count", "# mot", "# mots"),
            ("search-found", "# récit trouvé", "# récits trouvés"),
        ],
    ),
    (
        "es",
        &[1],
        &[
            ("stories-count", "# historia", "# historias"),
            ("ratings-count", "# valoración", "# valoraciones"),
            ("comments-count", "# comentario", "# comentarios"),
            ("parts-count", "# parte", "# partes"),
            ("companies-count", "# empresa", "# empresas"),
            (
                "shared-stories-count",
                "# historia en común",
                "# historias en común",
            ),
            ("stars-count", "# estrella", "# estrellas"),
            ("words-count", "# palabra", "# palabras"),
            (
                "search-found",
                "# historia encontrada",
                "# historias encontradas",
            ),
        ],
    ),
    (
        "nl",
        &[1],
        &[
            ("stories-count", "# verhaal", "# verhalen"),
            ("ratings-count", "# beoordeling", "# beoordelingen"),
            ("comments-count", "# reactie", "# reacties"),
            ("parts-count", "# deel", "# delen"),
            ("companies-count", "# bedrijf", "# bedrijven"),
            (
                "shared-stories-count",
                "# gedeeld verhaal",
                "# gedeelde verhalen",
            ),
            ("stars-count", "# ster", "# sterren"),
            ("words-count", "# woord", "# woorden"),
            ("search-found", "# verhaal gevonden", "# verhalen gevonden"),
        ],
    ),
    (
        "pt",
        &[0, 1],
        &[
            ("stories-count", "# história", "# histórias"),
            ("ratings-count", "# avaliação", "# avaliações"),
            ("comments-count", "# comentário", "# comentários"),
            ("parts-count", "# parte", "# partes"),
            ("companies-count", "# empresa", "# empresas"),
            (
                "shared-stories-count",
                "# história em comum",
                "# histórias em comum",
            ),
            ("stars-count", "# estrela", "# estrelas"),
            ("words-count", "# palavra", "# palavras"),
            (
                "search-found",
                "# história encontrada",
                "# histórias encontradas",
            ),
        ],
    ),
];

#[test]
fn counted_things_take_the_languages_plural_forms_at_0_1_2_5_and_21() {
    let mut wrong = Vec::new();
    for (language, singular, messages) in LANGUAGES {
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
