//! Slugs and URL path segments: ASCII, lowercase, hyphenated, and never able to leave the output
//! folder or collide with names that some file systems reserve.

/// Turns a display name into a URL slug: transliterated to ASCII (`Café Müller` -> `cafe-muller`),
/// lowercase, runs of other characters folded into one hyphen. May return an empty string (for
/// a name made only of punctuation); callers treat that as an error.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "Macy's" -> "macys", not "macy-s".
        } else {
            pending_hyphen = true;
        }
    }
    if is_reserved(&slug) {
        slug.push_str("-1");
    }
    capped(slug)
}

/// Longest slug, in bytes: a URL segment to read and share, far under the 255 bytes file
/// systems allow for a name.
pub const MAX_SLUG_LEN: usize = 80;

/// `slug` cut to [`MAX_SLUG_LEN`] when longer: its start, cut at a hyphen where one is near,
/// then a hash of the whole slug, so that two long names that start alike keep apart.
fn capped(slug: String) -> String {
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    let hash = format!("{:08x}", fnv1a(slug.as_bytes()) as u32);
    let room = MAX_SLUG_LEN - hash.len() - 1;
    // The slug is ASCII: any byte index is a character boundary.
    let head = &slug[..room];
    let head = match head.rfind('-') {
        Some(i) if i >= room / 2 => &head[..i],
        _ => head,
    };
    format!("{}-{hash}", head.trim_end_matches('-'))
}

/// FNV-1a: a small hash that is the same on every platform and Rust version, so slugs (and
/// URLs) never change between builds.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Names Windows refuses as file names; a site built on Linux may be checked out there.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

fn is_reserved(slug: &str) -> bool {
    RESERVED.contains(&slug)
}

/// Checks a slug written by hand (`slug:` in front matter): it must already be in slug form, so
/// that what the writer typed is exactly the URL they get.
pub fn check_explicit_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        || slug.starts_with('-')
    {
        return Err(format!(
            "the slug `{slug}` may only contain lowercase letters a-z, digits, `-` and `_`"
        ));
    }
    if is_reserved(slug) {
        return Err(format!("`{slug}` is a reserved file name on Windows"));
    }
    if slug.len() > MAX_SLUG_LEN {
        return Err(format!(
            "the slug is {} characters long, more than the {MAX_SLUG_LEN} allowed",
            slug.len()
        ));
    }
    Ok(())
}

/// True for a single, harmless path segment: no separators, not `.`/`..`, no control characters.
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.contains(['/', '\\', ':', '\0'])
        && !segment.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_hyphenates() {
        assert_eq!(slugify("Café Müller"), "cafe-muller");
        assert_eq!(slugify("  Nike earns an A+  "), "nike-earns-an-a");
        assert_eq!(slugify("Macy's"), "macys");
        assert_eq!(slugify("AT&T -- Wireless"), "at-t-wireless");
        assert_eq!(slugify("Ålesund Øl"), "alesund-ol");
        assert_eq!(slugify("東京"), "dong-jing");
    }

    #[test]
    fn path_tricks_become_harmless_or_empty() {
        assert_eq!(slugify(".."), "");
        assert_eq!(slugify("/"), "");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("CON"), "con-1");
    }

    #[test]
    fn long_slugs_are_capped_and_stay_apart() {
        let words = "word ".repeat(60);
        let a = slugify(&format!("{words} ending one"));
        let b = slugify(&format!("{words} ending two"));
        assert!(
            a.len() <= MAX_SLUG_LEN && b.len() <= MAX_SLUG_LEN,
            "{a} {b}"
        );
        assert_ne!(a, b);
        assert!(a.starts_with("word-word-"), "{a}");
        assert!(!a.contains("--"), "{a}");
        assert_eq!(a, slugify(&format!("{words} ending one")), "not stable");
        let unbroken = slugify(&"x".repeat(300));
        assert_eq!(unbroken.len(), MAX_SLUG_LEN);
        assert_eq!(slugify(&"y".repeat(80)), "y".repeat(80));
    }

    #[test]
    fn explicit_slugs_are_checked() {
        assert!(check_explicit_slug(&"a".repeat(81)).is_err());
        assert!(check_explicit_slug("my-story_2").is_ok());
        assert!(check_explicit_slug("My Story").is_err());
        assert!(check_explicit_slug("..").is_err());
        assert!(check_explicit_slug("a/b").is_err());
        assert!(check_explicit_slug("").is_err());
        assert!(check_explicit_slug("nul").is_err());
    }

    #[test]
    fn safe_segments() {
        assert!(is_safe_segment("default"));
        assert!(!is_safe_segment(".."));
        assert!(!is_safe_segment("a/b"));
        assert!(!is_safe_segment(""));
    }
}
