//! Story and comment parsing: one content file read, split and parsed into its typed input.

use std::path::Path;

use super::frontmatter::{decode, split};
use super::frontmatter_types::{
    AuthorFrontMatter, CommentEntry, CompanyFrontMatter, PageFrontMatter, Scalar,
    SeriesFrontMatter, StoryFrontMatter,
};
use super::image_size::ImageSizes;

use super::fields::*;
use super::inputs::*;
use super::walk::*;
use crate::diagnostics::{Diagnostic, Position, did_you_mean};
use crate::links;
use crate::rating::{self, Verdict};
use crate::slug;
use crate::yaml::{self, Spanned, YamlSource};
use serde_saphyr::Location;

#[derive(Debug, Clone)]
pub(super) enum Loaded {
    /// Shared: a session's cache, the loaded site and the model hold the same parse.
    Story(std::sync::Arc<StoryInput>),
    Company(CompanyProfileInput),
    Author(AuthorProfileInput),
    Series(SeriesInput),
    Page(PageInput),
}

/// Reads one content file; its problems go to `out`.
pub(super) fn load_file(found: Found, out: &mut Vec<Diagnostic>) -> Option<Loaded> {
    let bytes = match links::read_real_file(&found.path) {
        Ok(b) => b,
        Err(e) => {
            out.push(Diagnostic::error(
                &found.rel,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            out.push(split_error(&found.rel, &e));
            return None;
        }
    };
    let parts = match split(text) {
        Ok(p) => p,
        Err(e) => {
            out.push(split_error(&found.rel, &e).with_source(text));
            return None;
        }
    };
    let Some(yaml_text) = parts.front_matter else {
        out.push(
            Diagnostic::error(&found.rel, "the file has no front matter")
                .at(Position::START)
                .with_source(text)
                .with_help(match found.kind {
                    Kind::Story => "start the file with a `---` line, then `title:` and `date:`, then another `---` line",
                    Kind::Company | Kind::Author => "start the file with a `---` line, then `name:`, then another `---` line",
                    Kind::Series | Kind::Page => "start the file with a `---` line, then `title:`, then another `---` line",
                }),
        );
        return None;
    };
    let display = found.rel.clone();
    let source = YamlSource {
        path: &display,
        file_text: text,
        yaml: yaml_text,
        first_line: parts.front_matter_line,
    };
    let file_slug = file_slug(&found);
    if file_slug.is_none() && matches!(found.kind, Kind::Company | Kind::Author | Kind::Series) {
        out.push(
            Diagnostic::error(&found.rel, "the file name gives an empty URL slug")
                .with_help("rename the file using letters or digits, e.g. `jane-doe.md`"),
        );
        return None;
    }
    let origin = Origin {
        path: found.rel.clone(),
    };
    let body = parts.body.to_owned();
    // Set when the front matter had errors but the rest of it parsed: its values are checked
    // too (to report every problem of the file at once), but the file is not loaded.
    let mut partial = false;
    let loaded = match found.kind {
        Kind::Story => {
            let fm: StoryFrontMatter = parse_or_report(&source, out, &mut partial)?;
            story_input(&source, fm, found, parts.body_line, body, out)
                .map(|s| Loaded::Story(std::sync::Arc::new(s)))
        }
        Kind::Company => {
            let fm: CompanyFrontMatter = parse_or_report(&source, out, &mut partial)?;
            let name = required_text(&source, &fm.name, "name", out)?;
            Some(Loaded::Company(CompanyProfileInput {
                origin,
                file_slug: file_slug?,
                name,
                aliases: fm
                    .aliases
                    .iter()
                    .filter(|a| !a.value.trim().is_empty())
                    .map(|a| (a.value.trim().to_owned(), source.position(&a.referenced)))
                    .collect(),
                distinct_from: fm
                    .distinct_from
                    .iter()
                    .map(|d| d.value.trim().to_owned())
                    .filter(|d| !d.is_empty())
                    .collect(),
                website: checked_url(&source, fm.website.as_ref(), out),
                logo: checked_url(&source, fm.logo.as_ref(), out),
                description: fm
                    .description
                    .map(|d| d.trim().to_owned())
                    .filter(|d| !d.is_empty()),
                extra: fm.extra,
                body,
                body_line: parts.body_line,
            }))
        }
        Kind::Author => {
            let fm: AuthorFrontMatter = parse_or_report(&source, out, &mut partial)?;
            let name = required_text(&source, &fm.name, "name", out)?;
            Some(Loaded::Author(AuthorProfileInput {
                origin,
                slug: file_slug?,
                name,
                tagline: fm
                    .tagline
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty()),
                avatar: checked_url(&source, fm.avatar.as_ref(), out),
                website: checked_url(&source, fm.website.as_ref(), out),
                extra: fm.extra,
                body,
                body_line: parts.body_line,
            }))
        }
        Kind::Series => {
            let fm: SeriesFrontMatter = parse_or_report(&source, out, &mut partial)?;
            let title = required_text(&source, &fm.title, "title", out)?;
            Some(Loaded::Series(SeriesInput {
                origin,
                slug: file_slug?,
                title,
                extra: fm.extra,
                body,
                body_line: parts.body_line,
            }))
        }
        Kind::Page => {
            let fm: PageFrontMatter = parse_or_report(&source, out, &mut partial)?;
            let title = required_text(&source, &fm.title, "title", out)?;
            let slug = match (&fm.slug, file_slug) {
                (Some(s), _) => explicit_slug(&source, s, out)?,
                (None, Some(s)) => s,
                (None, None) => {
                    out.push(
                        Diagnostic::error(&found.rel, "the file name gives an empty URL slug")
                            .with_help("rename the file using letters or digits, or set `slug:`"),
                    );
                    return None;
                }
            };
            Some(Loaded::Page(PageInput {
                origin,
                slug,
                title,
                summary: fm.summary,
                draft: fm.draft,
                aliases: super::aliases::aliases(&source, &fm.aliases, out),
                extra: fm.extra,
                body,
                body_line: parts.body_line,
            }))
        }
    };
    if partial { None } else { loaded }
}

pub(super) fn story_input(
    source: &YamlSource<'_>,
    fm: StoryFrontMatter,
    found: Found,
    body_line: usize,
    body: String,
    out: &mut Vec<Diagnostic>,
) -> Option<StoryInput> {
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let title = required_text(source, &fm.title, "title", out);
    let title_position = source.position(&fm.title.referenced);
    let date = parse_date(source, &fm.date, "date", out);
    let updated = fm
        .updated
        .as_ref()
        .and_then(|u| parse_date(source, u, "updated", out));
    let slug = match &fm.slug {
        Some(s) => explicit_slug(source, s, out),
        None => {
            let s = file_slug(&found);
            if s.is_none() {
                out.push(
                    Diagnostic::error(&found.rel, "the file name gives an empty URL slug")
                        .with_help("rename the file with letters or digits, or set `slug:` in the front matter"),
                );
            }
            s
        }
    };
    let mentions = mentions(source, &fm, out);

    let author = fm.author.as_ref().and_then(|a| {
        let name = a.value.trim();
        if !name.is_empty() && slug::slugify(name).is_empty() {
            out.push(
                source
                    .error_at(
                        &a.referenced,
                        format!("author `{name}` has no letters or digits to make a URL from"),
                    )
                    .with_help("write the author's name, or the slug of a profile in content/authors/; leave `author:` out for the site's default author"),
            );
            return None;
        }
        (!name.is_empty()).then(|| (name.to_owned(), source.position(&a.referenced)))
    });
    let series = fm.series.as_ref().and_then(|s| {
        let name = s.value.trim();
        if !name.is_empty() && slug::slugify(name).is_empty() {
            out.push(
                source
                    .error_at(
                        &s.referenced,
                        format!("series `{name}` has no letters or digits to make a URL from"),
                    )
                    .with_help("write the series' slug, such as `moving-house`"),
            );
            return None;
        }
        (!name.is_empty()).then(|| (name.to_owned(), source.position(&s.referenced)))
    });
    let mut tags: Vec<String> = Vec::new();
    for tag in &fm.tags {
        let t = tag.value.trim();
        if t.is_empty() {
            continue;
        }
        push_term(&mut tags, t, "tag", "refunds", &tag.referenced, source, out);
    }
    let mut categories: Vec<String> = Vec::new();
    for list in [&fm.category, &fm.categories].into_iter().flatten() {
        for name in &list.value.0 {
            let t = name.text.trim();
            if t.is_empty() {
                continue;
            }
            push_term(
                &mut categories,
                t,
                "category",
                "Retail",
                &list.referenced,
                source,
                out,
            );
        }
    }

    let image = fm.image.as_ref().and_then(|img| {
        Some(ImageInput {
            src: image_src(source, &img.src, "image.src", &found, out)?,
            position: source.position(&img.src.referenced),
            alt: trimmed(img.alt.as_deref()),
            caption: trimmed(img.caption.as_deref()),
            credit: trimmed(img.credit.as_deref()),
            credit_url: checked_url(source, img.credit_url.as_ref(), out),
        })
    });
    let photos: Vec<ImageInput> = fm
        .photos
        .iter()
        .filter_map(|photo| {
            let src = image_src(source, &photo.src, "photos.src", &found, out)?;
            if photo.alt.is_some() {
                out.push(
                    source
                        .error_at(&photo.src.referenced, format!("photo `{src}`: `alt` belongs in the text"))
                        .with_help(format!("remove `alt:` here and write the alt text in the Markdown: `![what it shows]({src})`")),
                );
                return None;
            }
            let caption = trimmed(photo.caption.as_deref());
            let credit = trimmed(photo.credit.as_deref());
            if caption.is_none() && credit.is_none() {
                out.push(
                    source
                        .warning_at(&photo.src.referenced, format!("photo `{src}` has neither a caption nor a credit"))
                        .with_help("add `caption:` (what it shows) or `credit:` (whose photo it is), or remove the entry"),
                );
                return None;
            }
            Some(ImageInput {
                src,
                position: source.position(&photo.src.referenced),
                alt: None,
                caption,
                credit,
                credit_url: checked_url(source, photo.credit_url.as_ref(), out),
            })
        })
        .collect();
    for (i, entry) in fm.photos.iter().enumerate() {
        let src = entry.src.value.trim();
        if !src.is_empty() && fm.photos[..i].iter().any(|e| e.src.value.trim() == src) {
            out.push(
                source
                    .error_at(
                        &entry.src.referenced,
                        format!("photo `{src}` is listed twice in `photos:`"),
                    )
                    .with_help(
                        "keep one entry per photo: its figure shows one caption and one credit",
                    ),
            );
        }
    }

    let mut comments = comments(source, &fm.comments, out);
    if let Some(sidecar) = &found.comments_file {
        comments.extend(sidecar_comments(&found.rel, sidecar, out));
        comments.sort_by_key(|c| c.date);
    }
    super::comment_threads::check_threads(&comments, out);
    let aliases = super::aliases::aliases(source, &fm.aliases, out);

    let errors_now = out.iter().filter(|d| d.is_error()).count();
    if errors_now > errors_before {
        return None;
    }
    Some(StoryInput {
        origin: Origin { path: found.rel },
        slug: slug?,
        title: title?,
        title_position,
        date: date?,
        updated,
        author,
        mentions,
        tags,
        categories,
        series,
        summary: fm
            .summary
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        note: fm
            .note
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        draft: fm.draft,
        image,
        photos,
        comments,
        aliases,
        extra: fm.extra,
        body,
        body_line,
        bundle_dir: found.bundle_dir,
        assets: found.assets,
        // Read with the other images of the site, after the parse (see `load_site_cached`).
        image_sizes: ImageSizes::new(),
    })
}

/// The text of an optional field, trimmed; `None` when absent or blank.
fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The `src` of a story image (`field` names it in messages): a URL, a site path, or a file that
/// exists beside the story; `None` with an error otherwise.
fn image_src(
    source: &YamlSource<'_>,
    src: &Spanned<String>,
    field: &str,
    found: &Found,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = src.value.trim();
    if value.is_empty() {
        out.push(
            source
                .error_at(&src.referenced, format!("`{field}` is empty"))
                .with_help(
                    "name an image file of the story's folder, a path under static/, or a URL",
                ),
        );
        return None;
    }
    if !is_safe_url(value) {
        out.push(
            source
                .error_at(
                    &src.referenced,
                    format!("image source `{value}` is not allowed"),
                )
                .with_help("use an http(s) URL, a site path or a file beside the story"),
        );
        return None;
    }
    let is_local = !value.contains("://") && !value.starts_with('/');
    if is_local {
        let exists = safe_relative(Path::new(value)).is_some_and(|p| {
            found
                .assets
                .iter()
                .any(|a| a.to_string_lossy().replace('\\', "/") == p)
        });
        if !exists {
            out.push(
                source
                    .error_at(&src.referenced, format!("image `{value}` not found beside the story"))
                    .with_help(if found.bundle_dir.is_some() {
                        "put the image file in the story's folder, next to index.md".to_owned()
                    } else {
                        "make the story a folder (`content/stories/<slug>/index.md`) with the image beside it, or use a path under static/ starting with `/`".to_owned()
                    }),
            );
            return None;
        }
    }
    Some(value.to_owned())
}

/// Comments kept in `<story>.comments.yaml`: a YAML list of `{author, date, body, url}`.
pub(super) fn sidecar_comments(
    story_rel: &Path,
    sidecar: &Path,
    out: &mut Vec<Diagnostic>,
) -> Vec<CommentInput> {
    let display = story_rel.with_file_name(sidecar.file_name().unwrap_or_default());
    let bytes = match links::read_real_file(sidecar) {
        Ok(b) => b,
        Err(e) => {
            out.push(Diagnostic::error(
                &display,
                format!("cannot read the comments file: {e}"),
            ));
            return Vec::new();
        }
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            out.push(split_error(&display, &e));
            return Vec::new();
        }
    };
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Vec::new();
    }
    let source = YamlSource::whole_file(&display, text);
    match yaml::parse::<Vec<CommentEntry>>(&source) {
        Ok(entries) => comments(&source, &entries, out),
        Err(errors) => {
            out.extend(errors);
            Vec::new()
        }
    }
}

pub(super) fn comments(
    source: &YamlSource<'_>,
    entries: &[CommentEntry],
    out: &mut Vec<Diagnostic>,
) -> Vec<CommentInput> {
    let mut list = Vec::new();
    for c in entries {
        let Some(author) = required_text(source, &c.author, "author", out) else {
            continue;
        };
        let Some(date) = parse_date(source, &c.date, "comments.date", out) else {
            continue;
        };
        let id = super::comment_threads::comment_id(source, c.id.as_ref(), "id", out);
        let reply_to =
            super::comment_threads::comment_id(source, c.reply_to.as_ref(), "reply_to", out);
        list.push(CommentInput {
            author,
            date,
            body: c.body.value.clone(),
            body_file: source.path.to_path_buf(),
            body_position: source.position(&c.body.referenced),
            url: checked_url(source, c.url.as_ref(), out),
            id: id.as_ref().map(|(id, _)| id.clone()),
            id_position: id.map_or(Position::START, |(_, at)| at),
            reply_to: reply_to.as_ref().map(|(id, _)| id.clone()),
            reply_to_position: reply_to.map_or(Position::START, |(_, at)| at),
        });
    }
    list.sort_by_key(|c| c.date);
    list
}

pub(super) fn mentions(
    source: &YamlSource<'_>,
    fm: &StoryFrontMatter,
    out: &mut Vec<Diagnostic>,
) -> Vec<MentionInput> {
    let mut list = Vec::new();
    match (&fm.companies, &fm.company) {
        (Some(_), Some(company)) => {
            out.push(
                source
                    .error_at(
                        &company.referenced,
                        "`company` and `companies` are both set",
                    )
                    .with_help("move this company into the `companies:` list, with its rating"),
            );
        }
        (Some(companies), None) => {
            for key in [
                &fm.rating.as_ref().map(|r| r.referenced),
                &fm.verdict.as_ref().map(|v| v.referenced),
                &fm.channel.as_ref().map(|c| c.referenced),
            ]
            .into_iter()
            .flatten()
            {
                out.push(
                    source
                        .error_at(key, "this key goes with `company:`, not with a `companies:` list")
                        .with_help("put `rating`, `verdict` and `channel` inside each entry of `companies:`"),
                );
            }
            for entry in &companies.value {
                if let Some(m) = mention(
                    source,
                    entry.name.clone(),
                    entry.rating.as_ref(),
                    entry.verdict.as_ref(),
                    entry.channel.as_ref(),
                    out,
                ) {
                    list.push(m);
                }
            }
        }
        (None, Some(company)) => {
            if let Some(m) = mention(
                source,
                company.clone(),
                fm.rating.as_ref(),
                fm.verdict.as_ref(),
                fm.channel.as_ref(),
                out,
            ) {
                list.push(m);
            }
        }
        (None, None) => {
            for key in [
                &fm.rating.as_ref().map(|r| r.referenced),
                &fm.verdict.as_ref().map(|v| v.referenced),
            ]
            .into_iter()
            .flatten()
            {
                out.push(
                    source
                        .error_at(key, "a rating needs a company")
                        .with_help("add `company: <name>` next to it, or use a `companies:` list"),
                );
            }
        }
    }
    // The same company twice in one story would count its rating twice.
    let mut seen: Vec<(String, Position)> = Vec::new();
    list.retain(|m: &MentionInput| {
        let key = crate::company_name::company_key(&m.name);
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            out.push(
                Diagnostic::error(
                    source.path,
                    format!("company `{}` is rated twice in this story", m.name),
                )
                .at(m.position)
                .with_source(source.file_text)
                .with_help(format!(
                    "keep one entry (the first is on line {})",
                    first.line
                )),
            );
            return false;
        }
        seen.push((key, m.position));
        true
    });
    list
}

pub(super) fn mention(
    source: &YamlSource<'_>,
    name: Spanned<String>,
    rating_value: Option<&Spanned<Scalar>>,
    verdict_value: Option<&Spanned<String>>,
    channel_value: Option<&Spanned<String>>,
    out: &mut Vec<Diagnostic>,
) -> Option<MentionInput> {
    let company = required_text(source, &name, "company name", out)?;
    if crate::company_name::company_key(&company).is_empty() || slug::slugify(&company).is_empty() {
        out.push(
            source
                .error_at(
                    &name.referenced,
                    format!("company name `{company}` has no letters or digits"),
                )
                .with_help("write the company's name as readers know it"),
        );
        return None;
    }
    let mut ok = true;
    let verdict = verdict_value.and_then(|v| match Verdict::parse(&v.value) {
        Some(verdict) => Some(verdict),
        None => {
            ok = false;
            let words = Verdict::ALL.map(Verdict::as_str);
            out.push(
                source
                    .error_at(
                        &v.referenced,
                        format!("unknown verdict `{}`", v.value.trim()),
                    )
                    .with_help(match did_you_mean(v.value.trim(), words) {
                        Some(w) => format!("did you mean `{w}`?"),
                        None => "a verdict is one of `good`, `bad`, `ugly`, `mixed`".to_owned(),
                    }),
            );
            None
        }
    });
    let channel = channel_value.and_then(|c| match Channel::parse(&c.value) {
        Some(channel) => Some(channel),
        None => {
            ok = false;
            let words = Channel::ALL.map(Channel::as_str);
            out.push(
                source
                    .error_at(
                        &c.referenced,
                        format!("unknown channel `{}`", c.value.trim()),
                    )
                    .with_help(match did_you_mean(c.value.trim(), words) {
                        Some(w) => format!("did you mean `{w}`?"),
                        None => format!(
                            "a channel is one of {}",
                            words.map(|w| format!("`{w}`")).join(", ")
                        ),
                    }),
            );
            None
        }
    });
    let rating = match rating_value {
        Some(r) => match rating::parse_rating(&r.value.text) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                ok = false;
                out.push(source.error_at(&r.referenced, e.message).with_help(e.help));
                None
            }
        },
        None => None,
    };
    if !ok {
        return None;
    }
    let rating = match (rating, verdict) {
        (Some(r), Some(v)) => Some(r.with_verdict(v)),
        (Some(r), None) => Some(r),
        (None, Some(v)) => rating::parse_rating(v.as_str()).ok(),
        (None, None) => None,
    };
    Some(MentionInput {
        name: company,
        position: source.position(&name.referenced),
        rating,
        rating_text: rating_value.map(|r| r.value.text.trim().to_owned()),
        channel,
    })
}

/// Adds a tag or category name to `list` unless it is there already (in any case); a name
/// with no letters or digits makes no URL and is an error at its place instead.
fn push_term(
    list: &mut Vec<String>,
    name: &str,
    kind: &str,
    example: &str,
    at: &Location,
    source: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if slug::slugify(name).is_empty() {
        out.push(
            source
                .error_at(
                    at,
                    format!("{kind} `{name}` has no letters or digits to make a URL from"),
                )
                .with_help(format!("use a word, such as `{example}`")),
        );
    } else if !list.iter().any(|x| x.eq_ignore_ascii_case(name)) {
        list.push(name.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Loads `text` as the content file `content/<folder>/<name>` of kind `kind`, with its
    /// findings as `(line, message)`.
    fn load(kind: Kind, name: &str, text: &str) -> (Option<Loaded>, Vec<(usize, String)>) {
        let tmp = tempfile::tempdir().expect("tmp");
        let rel = PathBuf::from(format!("content/{}/{name}", kind.folder()));
        let path = tmp.path().join(&rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(&path, text).expect("write");
        let found = Found {
            kind,
            path,
            rel,
            bundle_dir: None,
            assets: Vec::new(),
            comments_file: None,
        };
        let mut out = Vec::new();
        let loaded = load_file(found, &mut out);
        let findings = out
            .iter()
            .map(|d| (d.position.map_or(0, |p| p.line), d.message.clone()))
            .collect();
        (loaded, findings)
    }

    #[test]
    fn a_story_takes_its_slug_from_its_file_and_its_ratings_from_the_shorthand() {
        let (loaded, findings) = load(
            Kind::Story,
            "Late Parcel.md",
            "---\ntitle: A late parcel\ndate: 2024-03-01\ncompany: Acme\nrating: B+\nchannel: phone\n---\nIt came late.\n",
        );
        assert_eq!(findings, []);
        let Some(Loaded::Story(story)) = loaded else {
            panic!("a story: {loaded:?}")
        };
        assert_eq!(story.slug, "late-parcel");
        assert_eq!(story.title, "A late parcel");
        assert_eq!(
            (story.body.as_str(), story.body_line),
            ("It came late.\n", 8)
        );
        assert_eq!(story.mentions.len(), 1);
        let mention = &story.mentions[0];
        assert_eq!(mention.name, "Acme");
        assert_eq!(mention.rating_text.as_deref(), Some("B+"));
        assert_eq!(mention.channel, Some(Channel::Phone));
        assert_eq!(mention.position.line, 4);
    }

    #[test]
    fn every_problem_of_a_story_is_reported_and_the_story_is_left_out() {
        let (loaded, findings) = load(
            Kind::Story,
            "a.md",
            "---\ntitle: '  '\ndate: last week\ncompanies:\n  - name: Acme\n    rating: B\n  - name: acme\n    rating: C\n---\nBody.\n",
        );
        assert!(loaded.is_none(), "{loaded:?}");
        let lines: Vec<usize> = findings.iter().map(|(line, _)| *line).collect();
        assert!(
            findings
                .iter()
                .any(|(line, m)| *line == 2 && m == "`title` is empty"),
            "{findings:?}"
        );
        assert!(
            findings
                .iter()
                .any(|(line, m)| *line == 3 && m.starts_with("`date`")),
            "{findings:?}"
        );
        assert!(
            findings
                .iter()
                .any(|(_, m)| m.contains("is rated twice in this story")),
            "{findings:?}"
        );
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{findings:?}");
    }

    #[test]
    fn a_file_without_front_matter_is_an_error_at_its_start() {
        let (loaded, findings) = load(Kind::Page, "about.md", "Just text.\n");
        assert!(loaded.is_none());
        assert_eq!(findings, [(1, "the file has no front matter".to_owned())]);
    }

    #[test]
    fn profiles_need_a_name_and_a_file_name_that_makes_a_slug() {
        let (loaded, findings) = load(Kind::Company, "acme.md", "---\nname: Acme\n---\n");
        assert!(matches!(loaded, Some(Loaded::Company(ref c)) if c.file_slug == "acme"));
        assert_eq!(findings, []);
        let (loaded, findings) = load(Kind::Author, "---.md", "---\nname: Ann\n---\n");
        assert!(loaded.is_none());
        assert_eq!(
            findings,
            [(0, "the file name gives an empty URL slug".to_owned())]
        );
    }

    #[test]
    fn a_profile_with_an_unsafe_link_keeps_the_profile_and_drops_the_link() {
        let (loaded, findings) = load(
            Kind::Author,
            "ann.md",
            "---\nname: Ann\nwebsite: javascript:alert(1)\n---\n",
        );
        let Some(Loaded::Author(author)) = loaded else {
            panic!("an author: {loaded:?}")
        };
        assert_eq!(author.website, None);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].1.contains("dropped"), "{findings:?}");
    }
}
