//! Company names: the key that says two spellings are one company, and the slug of a
//! company's page. A leaf: load checks names with it and model folds companies by it.

use unicode_normalization::UnicodeNormalization as _;

use crate::slug::slugify;

/// The identity of a company name: case, surrounding and repeated spaces, and trailing
/// punctuation do not matter (`Dell Inc.` and `dell  inc` are the same company), nor how
/// accents are encoded: a name typed as `é` and one typed as `e` and a combining accent (as
/// macOS file names and some keyboards give) are brought to one form (Unicode NFC) first.
pub fn company_key(name: &str) -> String {
    let composed: String = name.nfc().collect();
    let folded: Vec<String> = composed.split_whitespace().map(str::to_lowercase).collect();
    let joined = folded.join(" ");
    joined
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')' && c != '+' && c != '&')
        .trim_end()
        .to_owned()
}

/// A company's identity with accents folded too (`Corner Café` and `corner cafe` agree).
pub fn accent_folded_key(name: &str) -> String {
    deunicode::deunicode(&company_key(name)).to_lowercase()
}

/// Company slugs taken by the rankings under `/companies/`.
pub const RESERVED_COMPANY_SLUGS: [&str; 3] = ["best", "worst", "most-discussed"];

/// The URL slug of a company name; names that would take a ranking's URL get `-company`.
pub fn company_slug(name: &str) -> String {
    let slug = slugify(name);
    if RESERVED_COMPANY_SLUGS.contains(&slug.as_str()) {
        format!("{slug}-company")
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_keys_fold_case_spaces_and_trailing_punctuation() {
        assert_eq!(company_key("  Dell   Inc. "), "dell inc");
        assert_eq!(company_key("DELL INC"), "dell inc");
        assert_eq!(company_key("Marks & Spencer!"), "marks & spencer");
        assert_eq!(company_key("AT&T"), "at&t");
        assert_eq!(company_key("C+"), "c+");
        assert_ne!(company_key("Dell"), company_key("Dell Inc"));
    }
}
