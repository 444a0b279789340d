//! `rave new story|company|author|page|series`: one new content file with valid front matter.
//!
//! Every value is checked the way the build checks it (ratings with [`parse_rating`], slugs
//! with [`slugify`], company names with the model's folding) before anything is written, and an
//! existing file is never replaced.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{
    AuthoringError, one_line, require_site, shown, to_yaml, with_front_matter, write_new_file,
};
use crate::load::{CONTENT_DIR, LoadOptions, load_site};
use crate::model::{company_key, company_slug};
use crate::rating::parse_rating;
use crate::slug::slugify;

/// A company named on the command line, with its rating if one followed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionSpec {
    pub name: String,
    pub rating: Option<String>,
}

/// What `rave new story` was asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewStory {
    pub title: String,
    /// The `date:` to write (see [`super::story_date`]).
    pub date: String,
    pub mentions: Vec<MentionSpec>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub draft: bool,
}

/// A file `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewFile {
    /// Relative to the site root (`content/stories/x.md`).
    pub relative: PathBuf,
    /// The root joined with `relative`, as the user would type it.
    pub path: PathBuf,
    /// Things worth knowing (an author without profile ...), one sentence each.
    pub notes: Vec<String>,
}

#[derive(Serialize)]
struct TitleYaml<'a> {
    title: &'a str,
}

#[derive(Serialize)]
struct CompanyYaml<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<&'a str>,
}

#[derive(Serialize)]
struct StoryRestYaml<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    companies: Vec<CompanyYaml<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<OneOrMany<'a>>,
    #[serde(skip_serializing_if = "is_false")]
    draft: bool,
}

/// `category: Retail`, or `category: [Retail, Travel]` for several.
#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMany<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Serialize)]
struct NameYaml<'a> {
    name: &'a str,
}

/// The checked parts of a story, ready to write.
#[derive(Debug)]
struct Story {
    title: String,
    slug: String,
    mentions: Vec<(String, Option<String>)>,
    author: Option<String>,
    tags: Vec<String>,
    categories: Vec<String>,
}

/// Terms (tags or categories) of the command line, each one line, repeats left out (in any
/// case); an error names the first that has nothing to make a URL from.
fn checked_terms(terms: &[String], flag: &str) -> Result<Vec<String>, AuthoringError> {
    let mut checked: Vec<String> = Vec::new();
    for term in terms {
        let term = one_line(term);
        if term.is_empty() {
            continue;
        }
        if slugify(&term).is_empty() {
            return Err(AuthoringError::usage(
                format!("{flag} `{term}` has no letters or digits to make a URL from"),
                match flag {
                    "tag" => "use words: --tags refunds,couriers",
                    _ => "use words: --category Retail",
                },
            ));
        }
        if !checked.iter().any(|t| t.eq_ignore_ascii_case(&term)) {
            checked.push(term);
        }
    }
    Ok(checked)
}

fn check_story(story: &NewStory) -> Result<Story, AuthoringError> {
    let title = one_line(&story.title);
    if title.is_empty() {
        return Err(AuthoringError::usage(
            "the story's title is empty",
            "give the title in quotes: rave new story \"What happened at the shop\"",
        ));
    }
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(AuthoringError::usage(
            format!("the title `{title}` has no letters or digits to make a file name from"),
            "use a title with words in it",
        ));
    }
    let mut mentions: Vec<(String, Option<String>)> = Vec::new();
    for m in &story.mentions {
        let name = one_line(&m.name);
        if company_key(&name).is_empty() || slugify(&name).is_empty() {
            return Err(AuthoringError::usage(
                format!("company name `{name}` has no letters or digits"),
                "write the company's name as readers know it: --company \"Acme Stores\"",
            ));
        }
        if let Some((first, _)) = mentions
            .iter()
            .find(|(n, _)| company_key(n) == company_key(&name))
        {
            return Err(AuthoringError::usage(
                format!("company `{name}` is given twice (first as `{first}`)"),
                "name each company once; a story rates each company once",
            ));
        }
        let rating = match &m.rating {
            Some(text) => {
                let text = text.trim();
                parse_rating(text).map_err(|e| {
                    AuthoringError::usage(format!("--rating for `{name}`: {}", e.message), e.help)
                })?;
                Some(text.to_owned())
            }
            None => None,
        };
        mentions.push((name, rating));
    }
    let author = story
        .author
        .as_deref()
        .map(one_line)
        .filter(|a| !a.is_empty());
    Ok(Story {
        title,
        slug,
        mentions,
        author,
        tags: checked_terms(&story.tags, "tag")?,
        categories: checked_terms(&story.categories, "category")?,
    })
}

const STORY_OPENING: &str =
    "Start with the moment it began: where you were, what you needed, and who you dealt with.";
const STORY_TELLING: &str =
    "Tell it in order, in short paragraphs. Quote what people said if you wrote it down.";
const GRADE_PROMPT: &str = "Say in a sentence or two why it earned that grade.";
const PART_PROMPT: &str = "Say what part it played.";
const COMPANY_PROMPT: &str =
    "What does the company do, and where? A sentence or two for the top of its page.";
const AUTHOR_PROMPT: &str = "A short bio: who you are, and why customer service catches your eye.";
const PAGE_PROMPT: &str =
    "Write the page here: who runs the blog, how to send a story, how to get in touch.";
const SERIES_PROMPT: &str =
    "Introduce the series in a paragraph: what it follows, and how many parts to expect.";

/// The prompts `rave new` writes into bodies, for `rave check` to find those left unedited.
pub(crate) const PLACEHOLDERS: [&str; 8] = [
    STORY_OPENING,
    STORY_TELLING,
    GRADE_PROMPT,
    PART_PROMPT,
    COMPANY_PROMPT,
    AUTHOR_PROMPT,
    PAGE_PROMPT,
    SERIES_PROMPT,
];

/// The text of a new story file.
fn story_text(story: &Story, date: &str, draft: bool) -> Result<String, AuthoringError> {
    let mut yaml = to_yaml(&TitleYaml {
        title: &story.title,
    })?;
    // A date from `story_date` is `YYYY-MM-DD` or RFC 3339: plain YAML that needs no quotes.
    yaml.push_str(&format!("date: {date}\n"));
    yaml.push_str(&to_yaml(&StoryRestYaml {
        author: story.author.as_deref(),
        companies: story
            .mentions
            .iter()
            .map(|(name, rating)| CompanyYaml {
                name,
                rating: rating.as_deref(),
            })
            .collect(),
        tags: story.tags.iter().map(String::as_str).collect(),
        category: match story.categories.as_slice() {
            [] => None,
            [one] => Some(OneOrMany::One(one)),
            many => Some(OneOrMany::Many(many.iter().map(String::as_str).collect())),
        },
        draft,
    })?);
    let mut body = format!("{STORY_OPENING}\n\n## What happened\n\n{STORY_TELLING}\n");
    if !story.mentions.is_empty() {
        body.push_str("\n## Grades\n\n");
        for (name, rating) in &story.mentions {
            match rating {
                Some(r) => body.push_str(&format!(
                    "**{}: {}.** {GRADE_PROMPT}\n\n",
                    markdown_text(name),
                    markdown_text(r)
                )),
                None => body.push_str(&format!("**{}.** {PART_PROMPT}\n\n", markdown_text(name))),
            }
        }
    }
    Ok(with_front_matter(&yaml, body.trim_end()) + "\n")
}

/// Text with Markdown's inline punctuation escaped, so that a name shows as written.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes `content/stories/<slug>.md` under `root`.
pub(crate) fn new_story(root: &Path, story: &NewStory) -> Result<NewFile, AuthoringError> {
    require_site(root)?;
    let checked = check_story(story)?;
    let text = story_text(&checked, &story.date, story.draft)?;
    let relative = Path::new(CONTENT_DIR)
        .join("stories")
        .join(format!("{}.md", checked.slug));
    let bundle = root.join(CONTENT_DIR).join("stories").join(&checked.slug);
    if bundle.join("index.md").exists() {
        return Err(AuthoringError::refused(
            format!(
                "{} already exists: a story with this slug",
                shown(&bundle.join("index.md"))
            ),
            "choose another title, or edit that story",
        ));
    }
    // The file itself already there is reported by `write`, as for any file.
    if let Some(existing) =
        story_with_slug(root, &checked.slug).filter(|existing| *existing != relative)
    {
        return Err(AuthoringError::refused(
            format!(
                "{} already has the slug `{}`: two stories cannot share a page",
                shown(&root.join(existing)),
                checked.slug
            ),
            "choose another title, or edit that story",
        ));
    }
    let mut file = write(root, relative, &text, "story", "choose another title")?;
    if let Some(author) = &checked.author
        && !author_profile_exists(root, author)
    {
        file.notes.push(format!(
            "author `{author}` has no profile yet; create one with: rave new author \"Full Name\" (then use its slug)"
        ));
    }
    Ok(file)
}

/// The file (relative to `root`) of a story of the site whose slug is `slug`: from its file
/// or folder name, in any subfolder, or from its `slug:`. Stories that do not load are not seen;
/// the build reports them.
fn story_with_slug(root: &Path, slug: &str) -> Option<PathBuf> {
    let mut ignored = crate::diagnostics::Diagnostics::new();
    let site = load_site(root, &LoadOptions::default(), &mut ignored)?;
    site.stories
        .into_iter()
        .find(|s| s.slug == slug)
        .map(|s| s.origin.path.clone())
}

/// True when `content/authors/` has a profile for `author` (a slug or a name).
fn author_profile_exists(root: &Path, author: &str) -> bool {
    let dir = root.join(CONTENT_DIR).join("authors");
    [author.to_owned(), slugify(author)]
        .iter()
        .any(|slug| !slug.is_empty() && dir.join(format!("{slug}.md")).is_file())
}

/// Writes `content/companies/<slug>.md` for `name`.
pub(crate) fn new_company(root: &Path, name: &str) -> Result<NewFile, AuthoringError> {
    require_site(root)?;
    let name = one_line(name);
    if company_key(&name).is_empty() || slugify(&name).is_empty() {
        return Err(AuthoringError::usage(
            format!("company name `{name}` has no letters or digits"),
            "write the company's name as readers know it: rave new company \"Acme Stores\"",
        ));
    }
    let yaml = to_yaml(&NameYaml { name: &name })?
        + "# Other spellings writers use for this company; stories naming them count here.\n\
           # aliases: [Other Name]\n\
           # website: https://www.example.com\n\
           # description: One line about the company, for its page and search results.\n";
    let body = format!("{COMPANY_PROMPT}\n");
    let relative = Path::new(CONTENT_DIR)
        .join("companies")
        .join(format!("{}.md", company_slug(&name)));
    write(
        root,
        relative,
        &with_front_matter(&yaml, &body),
        "company profile",
        "edit that file instead (add other spellings under `aliases:`)",
    )
}

/// Writes `content/authors/<slug>.md` for `name`.
pub(crate) fn new_author(root: &Path, name: &str) -> Result<NewFile, AuthoringError> {
    require_site(root)?;
    let name = one_line(name);
    let slug = slugify(&name);
    if slug.is_empty() {
        return Err(AuthoringError::usage(
            format!("author name `{name}` has no letters or digits"),
            "write the name as it should appear: rave new author \"Jane Doe\"",
        ));
    }
    let yaml = to_yaml(&NameYaml { name: &name })?
        + "# tagline: One line about you, shown under your name\n\
           # avatar: /images/me.jpg\n\
           # website: https://www.example.com\n";
    let body = format!("{AUTHOR_PROMPT}\n");
    let relative = Path::new(CONTENT_DIR)
        .join("authors")
        .join(format!("{slug}.md"));
    let mut file = write(
        root,
        relative,
        &with_front_matter(&yaml, &body),
        "author profile",
        "edit that file instead",
    )?;
    file.notes.push(format!(
        "credit stories to this author with: rave new story \"Title\" --author {slug}"
    ));
    Ok(file)
}

/// Writes `content/pages/<slug>.md` for a page titled `title` (linked from the menu).
pub(crate) fn new_page(root: &Path, title: &str) -> Result<NewFile, AuthoringError> {
    let (title, slug) = titled(root, title, "page", "rave new page \"About this blog\"")?;
    let yaml = to_yaml(&TitleYaml { title: &title })?;
    let relative = Path::new(CONTENT_DIR)
        .join("pages")
        .join(format!("{slug}.md"));
    write(
        root,
        relative,
        &with_front_matter(&yaml, &format!("{PAGE_PROMPT}\n")),
        "page",
        "edit that file instead, or choose another title",
    )
}

/// Writes `content/series/<slug>.md` for a series titled `title`.
pub(crate) fn new_series(root: &Path, title: &str) -> Result<NewFile, AuthoringError> {
    let (title, slug) = titled(root, title, "series", "rave new series \"The long refund\"")?;
    let yaml = to_yaml(&TitleYaml { title: &title })?;
    let relative = Path::new(CONTENT_DIR)
        .join("series")
        .join(format!("{slug}.md"));
    let mut file = write(
        root,
        relative,
        &with_front_matter(&yaml, &format!("{SERIES_PROMPT}\n")),
        "series",
        "edit that file instead, or choose another title",
    )?;
    file.notes.push(format!(
        "add a story to it with `series: {slug}` in its front matter; parts are ordered by date"
    ));
    Ok(file)
}

/// The one-line title of a new page or series and its slug, in a site folder.
fn titled(
    root: &Path,
    title: &str,
    what: &str,
    example: &str,
) -> Result<(String, String), AuthoringError> {
    require_site(root)?;
    let title = one_line(title);
    let slug = slugify(&title);
    if slug.is_empty() {
        return Err(AuthoringError::usage(
            format!("the {what} title `{title}` has no letters or digits to make a file name from"),
            format!("give the title in quotes: {example}"),
        ));
    }
    Ok((title, slug))
}

fn write(
    root: &Path,
    relative: PathBuf,
    text: &str,
    what: &str,
    instead: &str,
) -> Result<NewFile, AuthoringError> {
    let path = root.join(&relative);
    write_new_file(
        &path,
        text.as_bytes(),
        &format!("a new {what} never replaces a file"),
        instead,
    )?;
    Ok(NewFile {
        relative,
        path,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::load::{LoadOptions, load_site};

    use crate::authoring::test_site as site;

    fn story(title: &str, mentions: &[(&str, Option<&str>)]) -> NewStory {
        NewStory {
            title: title.into(),
            date: "2024-07-19".into(),
            mentions: mentions
                .iter()
                .map(|(n, r)| MentionSpec {
                    name: (*n).into(),
                    rating: r.map(Into::into),
                })
                .collect(),
            ..NewStory::default()
        }
    }

    fn load(root: &Path) -> (crate::load::LoadedSite, Diagnostics) {
        let mut d = Diagnostics::new();
        let site = load_site(root, &LoadOptions::default(), &mut d).expect("loads");
        (site, d)
    }

    #[test]
    fn tricky_titles_and_names_round_trip_through_the_loader() {
        let dir = site();
        let title = "Dell: \"support\" #fail & 'why' - yes";
        let mut s = story(
            title,
            &[("Acme: The Shop", Some("4/5")), ("#1 Couriers", None)],
        );
        s.author = Some("jane-doe".into());
        s.tags = vec!["a: b".into(), "refunds".into(), "Refunds".into()];
        s.draft = true;
        let file = new_story(dir.path(), &s).expect("written");
        assert_eq!(
            file.relative,
            Path::new("content/stories/dell-support-fail-why-yes.md")
        );
        assert!(file.notes.iter().any(|n| n.contains("no profile")));
        let (loaded, d) = load(dir.path());
        assert!(d.is_empty(), "{}", d.render());
        let input = &loaded.stories[0];
        assert_eq!(input.title, title);
        assert_eq!(input.date.ymd(), "2024-07-19");
        assert!(input.draft);
        assert_eq!(
            input.author.as_ref().map(|a| a.0.as_str()),
            Some("jane-doe")
        );
        assert_eq!(input.tags, ["a: b", "refunds"]);
        assert_eq!(input.mentions[0].name, "Acme: The Shop");
        assert_eq!(input.mentions[0].rating_text.as_deref(), Some("4/5"));
        assert_eq!(input.mentions[1].name, "#1 Couriers");
        assert!(input.mentions[1].rating.is_none());
        assert_eq!(input.title_position.line, 2);
    }

    #[test]
    fn never_overwrites_a_story() {
        let dir = site();
        new_story(dir.path(), &story("Same title", &[])).expect("first");
        let path = dir.path().join("content/stories/same-title.md");
        std::fs::write(&path, "mine").expect("edit");
        let e = new_story(dir.path(), &story("Same  title", &[])).expect_err("second");
        assert_eq!(e.kind, super::super::ErrorKind::Refused);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
    }

    #[test]
    fn ratings_are_checked_by_the_build_parser() {
        let dir = site();
        let e = new_story(dir.path(), &story("T", &[("Acme", Some("11/10"))])).expect_err("bad");
        assert_eq!(e.kind, super::super::ErrorKind::Usage);
        assert_eq!(
            e.message,
            "--rating for `Acme`: rating \"11/10\" is out of range: N/10 takes 0 to 10"
        );
        assert_eq!(
            e.help.as_deref(),
            Some("write a number from 0 to 10; 10/10 is the best possible rating")
        );
        assert!(!dir.path().join("content").exists(), "nothing written");
    }

    #[test]
    fn the_same_company_twice_is_refused() {
        let dir = site();
        let e = new_story(
            dir.path(),
            &story("T", &[("Acme", Some("A")), ("ACME.", Some("B"))]),
        )
        .expect_err("twice");
        assert_eq!(e.kind, super::super::ErrorKind::Usage);
    }

    #[test]
    fn outside_a_site_nothing_is_written() {
        let dir = tempfile::tempdir().expect("tmp");
        let e = new_story(dir.path(), &story("T", &[])).expect_err("no site");
        assert_eq!(e.kind, super::super::ErrorKind::Refused);
        assert!(e.message.contains("site.yaml"), "{}", e.message);
    }

    #[test]
    fn profiles_load_back_with_their_names() {
        let dir = site();
        let c = new_company(dir.path(), "Best: \"Buy\"").expect("company");
        assert_eq!(c.relative, Path::new("content/companies/best-buy.md"));
        // A name that takes a ranking's URL gets the same slug as the build gives it.
        let best = new_company(dir.path(), "Best").expect("company");
        assert_eq!(
            best.relative,
            Path::new("content/companies/best-company.md")
        );
        let a = new_author(dir.path(), "Zoë O'Brien #2").expect("author");
        assert_eq!(a.relative, Path::new("content/authors/zoe-obrien-2.md"));
        assert!(new_author(dir.path(), "Zoë O'Brien #2").is_err());
        let (loaded, d) = load(dir.path());
        assert!(d.is_empty(), "{}", d.render());
        let mut names: Vec<&str> = loaded.companies.iter().map(|c| c.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Best", "Best: \"Buy\""]);
        assert_eq!(loaded.authors[0].name, "Zoë O'Brien #2");
    }

    #[test]
    fn markdown_punctuation_in_names_is_escaped() {
        assert_eq!(markdown_text("A*B_[c]"), "A\\*B\\_\\[c\\]");
    }
}
