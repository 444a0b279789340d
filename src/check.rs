//! `rave check`: everything a build validates, without writing anything, plus editorial
//! warnings a build does not give: company names that look like the same company spelled two
//! ways, stories that rate no company, profiles no story uses, images without alt text,
//! titles too long for search results and feeds, grades stated in a title that the ratings
//! contradict ([`stated_grades`]), and broken internal links.
//!
//! Links and images of every body that point to nothing the build writes are found by
//! [`links`], against the pages rendered here. Nothing here parses Markdown: the links, images
//! and alt texts looked at are those the render's Markdown stage noted as written
//! ([`crate::render::markdown::WrittenLink`]).
//!
//! The site is prepared and rendered into a [`MemorySink`] exactly as `rave build` would, with
//! drafts and future-dated stories included (they will be published one day). When the build
//! stops at errors, the editorial checks look at the site it had made by then
//! ([`pipeline::Made`]); nothing is loaded twice. Findings are [`Diagnostic`]s with file and
//! line, so they print like build errors; nothing here prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::authoring::new::PLACEHOLDERS;
use crate::diagnostics::{Diagnostic, Diagnostics, Position, count_line};
use crate::i18n::Catalogue;
use crate::load::COMMENTS_SUFFIX;
use crate::load::theme::builtin_catalogues;
use crate::model::{Company, CompanyId, ModelOptions, Site, build_site, company_key, company_slug};
use crate::pipeline::{self, BuildOptions, Made, Stopped};
use crate::render::MemorySink;
use crate::render::markdown::{WrittenKind, WrittenLink};
use crate::render::{Bodies, Sources, Urls};
use crate::style::{Style, visible};

mod links;
mod stated_grades;

/// Titles longer than this many characters get a warning: search results and feed readers cut
/// them at about this length.
pub(crate) const MAX_TITLE_CHARS: usize = 70;

/// What to check.
#[derive(Debug, Clone)]
pub(crate) struct CheckOptions {
    /// The site folder (holds `site.yaml`).
    pub root: PathBuf,
    /// The "now" of the build check (only decides which stories are future-dated, and those
    /// are checked too).
    pub now: Timestamp,
}

impl CheckOptions {
    pub(crate) fn new(root: impl Into<PathBuf>) -> Self {
        CheckOptions {
            root: root.into(),
            now: Timestamp::now(),
        }
    }
}

/// What was checked, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Checked {
    pub stories: usize,
    pub companies: usize,
    pub authors: usize,
    pub pages: usize,
}

/// The findings of one check, sorted by file and line.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckReport {
    pub diagnostics: Diagnostics,
    /// `None` when the site could not be read at all (no `site.yaml`).
    pub checked: Option<Checked>,
}

impl CheckReport {
    /// True when a build would fail.
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// True when the check fails: errors, or warnings when `strict`.
    pub(crate) fn fails(&self, strict: bool) -> bool {
        self.has_errors() || (strict && !self.diagnostics.is_empty())
    }

    /// Files with at least one finding.
    pub(crate) fn files(&self) -> usize {
        let mut paths: Vec<&Path> = self.diagnostics.iter().map(|d| d.path.as_path()).collect();
        paths.dedup();
        paths.len()
    }
}

/// Checks the site at `options.root`.
pub(crate) fn check(options: &CheckOptions) -> CheckReport {
    let mut build = BuildOptions::new(&options.root);
    build.drafts = true;
    build.future = true;
    build.now = options.now;
    // A check writes nothing, not even the photo cache.
    build.process_photos = false;
    let (mut diagnostics, site) = match pipeline::prepare_or_stop(&build) {
        Ok((mut prepared, mut diagnostics)) => {
            let sink = MemorySink::new();
            pipeline::render_prepared(&mut prepared, &sink, &mut diagnostics, None, None);
            let pages = sink.into_shared_pages();
            let copied = prepared.files.iter().map(|f| f.destination.clone()).chain(
                prepared
                    .theme_sources
                    .assets
                    .iter()
                    .map(|a| a.destination().to_owned()),
            );
            let published = links::Published::new(&prepared.site.config.root_path, &pages, copied);
            links::broken_links(
                &prepared.site,
                &prepared.bodies,
                &published,
                &mut diagnostics,
            );
            (diagnostics, Some((prepared.site, prepared.bodies)))
        }
        Err(Stopped { diagnostics, made }) => {
            // The build stops at errors; the editorial checks still look at what loaded, linked
            // here if the build stopped before it did (the model's findings are the build's
            // to report, and it did not get that far).
            let site = match made {
                Made::Rendered(site, bodies) => Some((site, bodies)),
                Made::Linked(site) => Some(with_markdown(site)),
                Made::Loaded(loaded) => {
                    let model = ModelOptions {
                        drafts: build.drafts,
                        future: build.future,
                        now: build.now,
                    };
                    Some(with_markdown(build_site(
                        loaded,
                        &model,
                        &mut Diagnostics::new(),
                    )))
                }
                Made::Nothing => None,
            };
            (diagnostics, site)
        }
    };
    let checked = site.as_ref().map(|(site, bodies)| {
        editorial(site, bodies, &mut diagnostics);
        Checked {
            stories: site.stories.len(),
            companies: site.companies.len(),
            authors: site.authors.len(),
            pages: site.pages.len(),
        }
    });
    diagnostics.sort();
    CheckReport {
        diagnostics,
        checked,
    }
}

/// `site` with its Markdown rendered, for a build that stopped before the Markdown stage: the
/// editorial checks read the links and images the stage notes. Its findings are the build's to
/// report, and it did not get that far, so they are left out.
fn with_markdown(site: Site) -> (Site, Bodies) {
    let mut unreported = Diagnostics::new();
    let words = Catalogue::build(
        &builtin_catalogues(),
        &site.config.language,
        &mut unreported,
    );
    let bodies = Bodies::render_cached(&site, &words, &mut unreported, None, Sources::Model);
    (site, bodies)
}

/// Every editorial warning about `site`. Stories that failed to load are missing from it, so
/// profiles look unused when a story file has errors: that finding is left out then, being a
/// consequence of the errors rather than news of its own.
pub(crate) fn editorial(site: &Site, bodies: &Bodies, out: &mut Diagnostics) {
    let story_failed = out
        .iter()
        .any(|d| d.is_error() && (d.path.starts_with(STORIES_DIR) || is_comments_file(&d.path)));
    near_duplicate_companies(site, out);
    other_spellings(site, out);
    unrated_stories(site, out);
    if !story_failed {
        unused_profiles(site, out);
    }
    missing_alt_text(site, bodies, out);
    long_titles(site, out);
    placeholders(site, bodies, out);
    anonymous_stories(site, out);
    stated_grades::contradicted_grades(site, out);
}

/// Where story files are, relative to the site root as diagnostics show paths.
const STORIES_DIR: &str = "content/stories";

fn is_comments_file(path: &Path) -> bool {
    path.to_string_lossy().ends_with(COMMENTS_SUFFIX)
}

/// Mentions counted under a company whose name and aliases they match only with accents
/// folded (`Corner Cafe` for the profile's `Corner Café`): right, but worth making sure of.
fn other_spellings(site: &Site, out: &mut Diagnostics) {
    for story in &site.stories {
        for (mention, input) in story.mentions.iter().zip(&story.input.mentions) {
            let company = &site.companies[mention.company];
            let key = company_key(&input.name);
            if known_names(company).iter().any(|n| company_key(n) == key) {
                continue;
            }
            let help = match &company.profile {
                Some(p) => format!(
                    "write `{}` as its profile does, or list `{}` under `aliases:` in {}",
                    company.name,
                    input.name,
                    p.origin.path.display()
                ),
                None => format!("write `{}` the same way in every story", company.name),
            };
            out.push(
                Diagnostic::warning(
                    &story.input.origin.path,
                    format!(
                        "`{}` is counted as `{}`: the names differ only in accents",
                        input.name, company.name
                    ),
                )
                .at(input.position)
                .with_help(help),
            );
        }
    }
}

/// Bodies that still hold the prompts `rave new` wrote: they would be published as they are.
fn placeholders(site: &Site, bodies: &Bodies, out: &mut Diagnostics) {
    for (doc, body_line) in writers_bodies(site, bodies) {
        let (path, body) = (doc.file, doc.body);
        let mut found: Vec<(usize, &str)> = PLACEHOLDERS
            .iter()
            .filter_map(|p| body.find(p).map(|at| (at, *p)))
            .collect();
        found.sort();
        let Some(&(offset, first)) = found.first() else {
            continue;
        };
        let more = match found.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        out.push(
            Diagnostic::warning(
                path,
                format!("the placeholder text of `rave new` is still here{more}: \"{first}\""),
            )
            .at(position_in_body(body, body_line, offset))
            .with_help(
                "replace it with your own words, or delete it; as it is, it would be published",
            ),
        );
    }
}

/// Stories with no `author:` on a site with no default author: they are credited to
/// "Anonymous", which is rarely what was meant.
fn anonymous_stories(site: &Site, out: &mut Diagnostics) {
    if site.config.author.is_some() {
        return;
    }
    for story in &site.stories {
        if story.input.author.is_none() {
            out.push(
                Diagnostic::warning(
                    &story.input.origin.path,
                    format!(
                        "this story has no `author:`, so it is credited to `{}`",
                        site.authors[story.author].name
                    ),
                )
                .at(story.input.title_position)
                .with_help(
                    "add `author:` (an author profile's slug, or a name) to the front matter, or set `author:` in site.yaml for every story without one",
                ),
            );
        }
    }
}

/// How two company names are alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Likeness {
    /// A letter or two apart (`Amazon`, `Amazn`).
    Spelling,
    /// One name is the other with words added (`Dell`, `Dell Inc`).
    WordPrefix,
}

/// The words of a name for comparison: folded like company identity, punctuation dropped.
fn name_words(name: &str) -> Vec<String> {
    company_key(name)
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether two names of different companies look like one company.
fn likeness(a: &str, b: &str) -> Option<Likeness> {
    let (wa, wb) = (name_words(a), name_words(b));
    if wa.is_empty() || wb.is_empty() || wa == wb {
        // Equal words with different punctuation: the build's slug check reports those.
        return None;
    }
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if long.starts_with(short) {
        return Some(Likeness::WordPrefix);
    }
    let (ja, jb) = (wa.join(" "), wb.join(" "));
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if digits(&ja) != digits(&jb) {
        // `Channel 4` and `Channel 5`, `Studio 54` and `Studio 45`: numbers tell things apart.
        return None;
    }
    let shortest = ja.chars().count().min(jb.chars().count());
    let allowed = match shortest {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    };
    let distance = strsim::damerau_levenshtein(&ja, &jb);
    (distance > 0 && distance <= allowed).then_some(Likeness::Spelling)
}

/// Every name a company is known by: its display name and its profile's aliases.
fn known_names(company: &Company) -> Vec<&str> {
    let mut names = vec![company.name.as_str()];
    if let Some(p) = &company.profile {
        names.extend(p.aliases.iter().map(|(a, _)| a.as_str()));
    }
    names
}

/// Which of two look-alike companies is the established one: a profile, then more stories,
/// then more ratings, then A-Z. Returns `(established, variant)`.
fn established_first(site: &Site, a: usize, b: usize) -> (usize, usize) {
    let rank = |c: &Company| {
        (
            c.profile.is_some(),
            c.stats.story_count,
            c.stats.rating_count,
        )
    };
    if rank(&site.companies[b]) > rank(&site.companies[a]) {
        (b, a)
    } else {
        (a, b)
    }
}

/// Where a story first names company `id`: the story's file and the mention's `name:` line.
fn first_mention(site: &Site, id: CompanyId) -> Option<(PathBuf, Position)> {
    site.stories
        .iter()
        .flat_map(|s| {
            s.mentions
                .iter()
                .zip(&s.input.mentions)
                .filter(|(m, _)| m.company == id)
                .map(move |(_, input)| (s.input.origin.path.clone(), input.position))
        })
        .min()
}

/// Whether either profile says the other company is a different one (`distinct_from:`).
fn declared_distinct(a: &Company, b: &Company) -> bool {
    let says = |from: &Company, other: &Company| {
        from.profile.as_ref().is_some_and(|p| {
            p.distinct_from.iter().any(|d| {
                known_names(other)
                    .iter()
                    .any(|n| company_key(n) == company_key(d))
            })
        })
    };
    says(a, b) || says(b, a)
}

fn near_duplicate_companies(site: &Site, out: &mut Diagnostics) {
    let names: Vec<Vec<&str>> = site.companies.iter().map(known_names).collect();
    for a in 0..site.companies.len() {
        for b in a + 1..site.companies.len() {
            if declared_distinct(&site.companies[a], &site.companies[b]) {
                continue;
            }
            let found = names[a].iter().find_map(|na| {
                names[b]
                    .iter()
                    .find_map(|nb| likeness(na, nb).map(|l| (*na, *nb, l)))
            });
            let Some((name_a, name_b, how)) = found else {
                continue;
            };
            let (keep, variant) = established_first(site, a, b);
            let (keep_name, variant_name) = if keep == a {
                (name_a, name_b)
            } else {
                (name_b, name_a)
            };
            let message = match how {
                Likeness::Spelling => format!(
                    "companies `{variant_name}` and `{keep_name}` differ only slightly, so they count as two companies"
                ),
                Likeness::WordPrefix => format!(
                    "companies `{variant_name}` and `{keep_name}` count as two companies, though one name starts the other"
                ),
            };
            let kept = &site.companies[keep];
            let alias_help = match &kept.profile {
                Some(p) => format!(
                    "if they are one company, add `{variant_name}` under `aliases:` in {}",
                    p.origin.path.display()
                ),
                None => format!(
                    "if they are one company, create content/companies/{}.md (rave new company \"{}\") and list `{variant_name}` under `aliases:`",
                    company_slug(&kept.name),
                    kept.name
                ),
            };
            let distinct_help = match &kept.profile {
                Some(p) => format!(
                    "add `{variant_name}` under `distinct_from:` in {}",
                    p.origin.path.display()
                ),
                None => format!("list `{variant_name}` under `distinct_from:` in its profile"),
            };
            let help = format!(
                "{alias_help}, or correct the spelling; if they are different companies, {distinct_help}"
            );
            let diagnostic = match first_mention(site, CompanyId::from_index(variant)) {
                Some((path, position)) => Diagnostic::warning(path, message).at(position),
                None => match &site.companies[variant].profile {
                    Some(p) => Diagnostic::warning(&p.origin.path, message),
                    None => continue,
                },
            };
            out.push(diagnostic.with_help(help));
        }
    }
}

fn unrated_stories(site: &Site, out: &mut Diagnostics) {
    for story in &site.stories {
        let input = &story.input;
        if input.mentions.is_empty() {
            out.push(
                Diagnostic::warning(&input.origin.path, "this story rates no company")
                    .at(input.title_position)
                    .with_help(
                        "add `companies:` with a `name:` and a `rating:` (A+ to F, 4/5, 4 stars, 80%, or good/bad/ugly/mixed) for each company it is about",
                    ),
            );
        } else if input.mentions.iter().all(|m| m.rating.is_none()) {
            let count = input.mentions.len();
            out.push(
                Diagnostic::warning(
                    &input.origin.path,
                    format!(
                        "this story names {count} {} but rates none",
                        if count == 1 { "company" } else { "companies" }
                    ),
                )
                .at(input.mentions[0].position)
                .with_help(
                    "add a `rating:` (A+ to F, 4/5, 4 stars, 80%) or a `verdict:` to at least one company, so that it counts in the grades",
                ),
            );
        }
    }
}

fn unused_profiles(site: &Site, out: &mut Diagnostics) {
    for company in &site.companies {
        if let Some(p) = &company.profile
            && company.mentions.is_empty()
        {
            out.push(
                Diagnostic::warning(
                    &p.origin.path,
                    format!("company profile `{}` is used by no story", company.name),
                )
                .with_help(
                    "name the company (or one of its `aliases:`) in a story's `companies:`, or delete this file",
                ),
            );
        }
    }
    for author in &site.authors {
        if let Some(p) = &author.profile
            && author.stories.is_empty()
        {
            out.push(
                Diagnostic::warning(
                    &p.origin.path,
                    format!("author profile `{}` is used by no story", author.name),
                )
                .with_help(format!(
                    "credit a story to this author with `author: {}`, or delete this file",
                    author.slug
                )),
            );
        }
    }
    for series in &site.series {
        if let Some(p) = &series.profile
            && series.stories.is_empty()
            && series.upcoming.is_empty()
        {
            out.push(
                Diagnostic::warning(
                    &p.origin.path,
                    format!("series `{}` has no stories", series.title),
                )
                .with_help(format!(
                    "add `series: {}` to the stories that belong to it, or delete this file",
                    series.slug
                )),
            );
        }
    }
}

fn missing_alt_text(site: &Site, bodies: &Bodies, out: &mut Diagnostics) {
    for story in &site.stories {
        let input = &story.input;
        if let Some(image) = &input.image
            && image.alt.is_none()
        {
            out.push(
                Diagnostic::warning(
                    &input.origin.path,
                    format!("the lead image `{}` has no alt text", image.src),
                )
                .at(image.position)
                .with_help(
                    "add `alt:` under `image:`, saying what the picture shows, for readers who cannot see it",
                ),
            );
        }
    }
    for (doc, body_line) in writers_bodies(site, bodies) {
        undescribed_images(doc.file, doc.body, body_line, doc.written, out);
    }
}

/// The Markdown bodies the site's writers wrote (stories, profiles and pages; not reader
/// comments), each with the line of its file it starts on.
fn writers_bodies<'s>(
    site: &'s Site,
    bodies: &'s Bodies,
) -> impl Iterator<Item = (links::Document<'s>, usize)> {
    links::documents(site, bodies, &Urls::new(&site.config))
        .into_iter()
        .filter_map(|doc| match doc.place {
            links::Place::Body(line) => Some((doc, line)),
            links::Place::Value(_) => None,
        })
}

/// Warns about the Markdown images of a body whose alt text (the part in brackets) is empty.
fn undescribed_images(
    path: &Path,
    body: &str,
    body_line: usize,
    written: &[WrittenLink],
    out: &mut Diagnostics,
) {
    for image in written {
        if image.kind != (WrittenKind::Image { described: false }) {
            continue;
        }
        let url = &image.url;
        out.push(
            Diagnostic::warning(path, format!("image `{url}` has no alt text"))
                .at(position_in_body(body, body_line, image.offset))
                .with_help(format!(
                    "describe the picture between the brackets: `![A parcel left in the rain]({url})`"
                )),
        );
    }
}

/// The file position of a byte offset of a body that starts on line `body_line`.
fn position_in_body(body: &str, body_line: usize, offset: usize) -> Position {
    let before = body.get(..offset).unwrap_or(body);
    let line = body_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position::new(line, column)
}

fn long_titles(site: &Site, out: &mut Diagnostics) {
    let help = format!(
        "keep titles to {MAX_TITLE_CHARS} characters or fewer, so that search results and feed readers show them whole; the story can say the rest"
    );
    for story in &site.stories {
        let length = story.input.title.chars().count();
        if length > MAX_TITLE_CHARS {
            out.push(
                Diagnostic::warning(
                    &story.input.origin.path,
                    format!("the title is {length} characters long"),
                )
                .at(story.input.title_position)
                .with_help(help.clone()),
            );
        }
    }
    for page in &site.pages {
        let length = page.title.chars().count();
        if length > MAX_TITLE_CHARS {
            out.push(
                Diagnostic::warning(
                    &page.origin.path,
                    format!("the title is {length} characters long"),
                )
                .with_help(help.clone()),
            );
        }
    }
}

/// The report as text: findings grouped under their file, then a summary line.
pub(crate) fn render_report(report: &CheckReport, strict: bool, style: Style) -> String {
    let mut groups: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for d in report.diagnostics.iter() {
        groups.entry(d.path.as_path()).or_default().push(d);
    }
    let mut out = String::new();
    for (path, findings) in &groups {
        let errors = findings.iter().filter(|d| d.is_error()).count();
        let _ = writeln!(
            out,
            "{} {}",
            style.bold(&visible(&path.display().to_string())),
            style.dim(&format!(
                "({})",
                count_line(errors, findings.len() - errors, Style::PLAIN)
            ))
        );
        for d in findings {
            for line in d.render_with(style).lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        out.push('\n');
    }
    let errors = report.diagnostics.error_count();
    let warnings = report.diagnostics.warning_count();
    let what = match report.checked {
        Some(c) => format!(
            "checked {} {}, {} {}, {} {} and {} {}",
            c.stories,
            plural(c.stories, "story", "stories"),
            c.companies,
            plural(c.companies, "company", "companies"),
            c.authors,
            plural(c.authors, "author", "authors"),
            c.pages,
            plural(c.pages, "page", "pages"),
        ),
        None => "the site could not be read".to_owned(),
    };
    let files = report.files();
    let counts = if errors + warnings == 0 {
        style.success("no problems found")
    } else {
        format!(
            "{} in {files} {}",
            count_line(errors, warnings, style),
            plural(files, "file", "files")
        )
    };
    let verdict = if report.has_errors() {
        format!("; {}", style.error("`rave build` would fail"))
    } else if strict && warnings > 0 {
        format!("; {}", style.error("--strict fails on warnings"))
    } else {
        String::new()
    };
    let _ = writeln!(out, "{what}: {counts}{verdict}");
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likeness_of_names() {
        assert_eq!(likeness("Amazon", "Amazn"), Some(Likeness::Spelling));
        assert_eq!(likeness("Dell", "Dell Inc"), Some(Likeness::WordPrefix));
        assert_eq!(likeness("Dell Inc.", "dell"), Some(Likeness::WordPrefix));
        assert_eq!(
            likeness("Copperline Couriers", "Coperline Courier"),
            Some(Likeness::Spelling)
        );
        // Short names a letter apart are often different companies.
        assert_eq!(likeness("Dell", "Bell"), None);
        assert_eq!(likeness("Amazon", "Argos"), None);
        assert_eq!(likeness("Dellwood", "Dell"), None);
        assert_eq!(likeness("AT&T", "AT-T"), None);
        assert_eq!(likeness("Channel 4", "Channel 5"), None);
        assert_eq!(likeness("Studio 54", "Studio 45"), None);
    }

    #[test]
    fn body_offsets_become_file_positions() {
        let body = "First line\n\nSee ![](x.jpg)\n";
        let offset = body.find("![").expect("image");
        assert_eq!(position_in_body(body, 5, offset), Position::new(7, 5));
    }

    #[test]
    fn empty_alt_text_is_found_in_markdown() {
        let body = "![](a.jpg)\n\n![A shop](b.jpg) ![ ](c.jpg)\n";
        let written = crate::render::markdown::render(
            body,
            crate::render::markdown::MarkdownOptions::ESCAPED_HTML,
        )
        .written;
        let mut d = Diagnostics::new();
        undescribed_images(Path::new("content/pages/p.md"), body, 4, &written, &mut d);
        let found: Vec<(String, Option<Position>)> =
            d.iter().map(|d| (d.message.clone(), d.position)).collect();
        assert_eq!(
            found,
            [
                (
                    "image `a.jpg` has no alt text".to_owned(),
                    Some(Position::new(4, 1))
                ),
                (
                    "image `c.jpg` has no alt text".to_owned(),
                    Some(Position::new(6, 18))
                ),
            ]
        );
    }
}
