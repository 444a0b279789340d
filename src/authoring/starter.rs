//! The sample content of `rave init`, in English and in German (the same two stories, company
//! and writer, so a German blog starts in German). The Markdown files live under `starter/`,
//! embedded in the binary.

/// One language's starter content.
pub(super) struct Starter {
    /// The site's description in `site.yaml`.
    pub(super) description: &'static str,
    /// `(path relative to the site, text)` of the sample stories and profiles.
    pub(super) files: [(&'static str, &'static str); 4],
}

/// A file of `starter/<language>/`, with its path in the site.
macro_rules! starter_file {
    ($language:literal, $path:literal) => {
        (
            $path,
            include_str!(concat!("starter/", $language, "/", $path)),
        )
    };
}

const ENGLISH: Starter = Starter {
    description: "Customer service stories, the good, the bad and the ugly, told by the customers and graded.",
    files: [
        starter_file!("en", "content/stories/pebble-lane-birthday-cake.md"),
        starter_file!("en", "content/stories/fernhill-flat-tyre-gullwing-train.md"),
        starter_file!("en", "content/companies/pebble-lane-bakery.md"),
        starter_file!("en", "content/authors/wren-castellano.md"),
    ],
};

const GERMAN: Starter = Starter {
    description: "Geschichten über Kundenservice, gute, schlechte und üble, erzählt von den Kunden und benotet.",
    files: [
        starter_file!("de", "content/stories/kieselweg-geburtstagskuchen.md"),
        starter_file!("de", "content/stories/fernhill-platten-gullwing-zug.md"),
        starter_file!("de", "content/companies/backerei-kieselweg.md"),
        starter_file!("de", "content/authors/wren-castellano.md"),
    ],
};

/// The starter content for a blog in `language` (a BCP 47 tag): German for `de` and its
/// regional forms, English otherwise.
pub(super) fn for_language(language: &str) -> &'static Starter {
    let german = language
        .split(['-', '_'])
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("de"));
    if german { &GERMAN } else { &ENGLISH }
}
