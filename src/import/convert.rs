//! One WordPress post or page into rave files: the status decides story, draft, scheduled,
//! page or skipped; the text becomes Markdown with its photos copied beside it; comments keep
//! their threads; authors become profiles with their display name only.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::files::{MARK, Writer, Wrote, has_mark};
use super::grading::propose;
use super::html_markdown::{PlacedImage, find_images, to_markdown};
use super::photos::{Source, resolve};
use super::report::ImportReport;
use super::wordpress_text::{Cleanup, GalleryImage, clean, strip_tags};
use super::wxr::{Comment, Item};
use super::{ImportError, ImportOptions, Index};
use crate::authoring::{one_line, to_yaml, with_front_matter};
use crate::date::PostDate;
use crate::slug::slugify;

type Extra = BTreeMap<&'static str, serde_json::Value>;

#[derive(Debug, Serialize)]
struct CompanyOut {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<String>,
}

#[derive(Debug, Serialize)]
struct ImageOut {
    src: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
}

#[derive(Debug, Serialize)]
struct StoryOut {
    title: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    companies: Vec<CompanyOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    extra: Extra,
}

#[derive(Debug, Serialize)]
struct PageOut {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    extra: Extra,
}

#[derive(Debug, Serialize)]
struct AuthorOut {
    name: String,
    extra: Extra,
}

#[derive(Debug, Serialize)]
struct CommentOut {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to: Option<String>,
    author: String,
    date: String,
    body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// Converts the items of the second pass.
#[derive(Debug)]
pub(crate) struct Converter<'a> {
    index: &'a Index,
    options: &'a ImportOptions,
    profiles: &'a BTreeSet<String>,
    writer: &'a Writer,
    /// Author slug -> display name, of the authors of imported items.
    used_authors: BTreeMap<String, String>,
    /// Old addresses given to a story or page already.
    used_aliases: BTreeSet<String>,
}

/// Categories WordPress gives every post that has none.
const DEFAULT_CATEGORIES: [&str; 2] = ["uncategorized", "uncategorised"];

impl<'a> Converter<'a> {
    pub(super) fn new(
        index: &'a Index,
        options: &'a ImportOptions,
        profiles: &'a BTreeSet<String>,
        writer: &'a Writer,
    ) -> Self {
        Converter {
            index,
            options,
            profiles,
            writer,
            used_authors: BTreeMap::new(),
            used_aliases: BTreeSet::new(),
        }
    }

    pub(super) fn item(
        &mut self,
        item: &Item,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        let kind = item.post_type.as_str();
        if kind == "attachment" {
            return Ok(());
        }
        if kind != "post" && kind != "page" {
            let name = if kind.is_empty() { "(no type)" } else { kind };
            *report.ignored.entry(name.to_owned()).or_default() += 1;
            return Ok(());
        }
        let Ok(id) = item.id.parse::<u64>() else {
            *report.skipped.entry("no id".into()).or_default() += 1;
            return Ok(());
        };
        let status = item.status.trim();
        let skip_reason = if !item.password.is_empty() {
            Some("password-protected")
        } else {
            match status {
                "publish" | "future" | "draft" | "pending" => None,
                "private" => Some("private"),
                "trash" => Some("trash"),
                "auto-draft" => Some("auto-draft"),
                _ => Some("unknown status"),
            }
        };
        if let Some(reason) = skip_reason {
            *report.skipped.entry(reason.to_owned()).or_default() += 1;
            return Ok(());
        }
        let title = one_line(&item.title);
        let Some(date) = item_date(item) else {
            *report.skipped.entry("unusable date".into()).or_default() += 1;
            report.need(id, &title, "unusable date: not imported");
            return Ok(());
        };
        let draft = matches!(status, "draft" | "pending");
        let slug = self
            .index
            .slugs
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("post-{id}"));
        let title = if title.is_empty() {
            report.need(id, &slug, "no title: one was made from the slug");
            format!("Untitled ({slug})")
        } else {
            title
        };
        if kind == "page" {
            return self.page(item, id, &slug, &title, draft, report);
        }
        self.story(item, id, &slug, &title, &date, draft, status, report)
    }

    #[allow(clippy::too_many_arguments)]
    fn story(
        &mut self,
        item: &Item,
        id: u64,
        slug: &str,
        title: &str,
        date: &str,
        draft: bool,
        status: &str,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        let mut photos: Vec<(std::path::PathBuf, String)> = Vec::new();
        let body = self.body(item, id, title, &mut photos, report);
        let image = item
            .meta("_thumbnail_id")
            .and_then(|t| t.trim().parse::<u64>().ok())
            .and_then(|thumb| self.featured(thumb, id, title, &mut photos, report));

        let (category, tags) = terms(item);
        let mut term_names = tags.clone();
        term_names.extend(category.iter().cloned());
        let opening = body
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with(['!', '#', '<']))
            .unwrap_or("");
        let companies: Vec<CompanyOut> = propose(title, opening, &term_names, self.profiles)
            .into_iter()
            .map(|p| CompanyOut {
                name: p.name,
                rating: p.rating,
            })
            .collect();
        if !companies.iter().any(|c| c.rating.is_some()) {
            report.need(
                id,
                title,
                "no graded company: add `companies:` with a rating",
            );
        }
        let summary = Some(one_line(&strip_html(&item.excerpt))).filter(|s| !s.is_empty());
        let mut extra = Extra::new();
        extra.insert("imported_from", "wordpress".into());
        extra.insert("wordpress_id", id.into());
        let front = StoryOut {
            title: title.to_owned(),
            date: date.to_owned(),
            author: self.author(item),
            companies,
            category,
            tags,
            summary,
            draft,
            image,
            aliases: self.aliases(item, id, title, report),
            extra,
        };
        let bundle = !photos.is_empty();
        let (file, comments_file) = if bundle {
            (
                format!("content/stories/{slug}/index.md"),
                format!("content/stories/{slug}/index.comments.yaml"),
            )
        } else {
            (
                format!("content/stories/{slug}.md"),
                format!("content/stories/{slug}.comments.yaml"),
            )
        };
        let text = with_front_matter(&yaml(&front)?, &body);
        let wrote = self.write(&file, text.as_bytes(), report)?;
        let owned = matches!(wrote, Wrote::New | Wrote::Replaced | Wrote::Nothing)
            || has_mark(&self.options.root.join(&file));
        for (from, name) in &photos {
            let rel = format!("content/stories/{slug}/{name}");
            let wrote = self
                .writer
                .copy(from, &rel, owned)
                .map_err(|e| ImportError::Io(format!("cannot copy {}: {e}", from.display())))?;
            count(wrote, report);
        }
        let comments = self.comments(&item.comments, report);
        if !comments.is_empty() {
            let text = format!(
                "# {MARK} (post {id})\n{}",
                to_yaml(&comments).map_err(|e| ImportError::Io(e.message))?
            );
            self.write(&comments_file, text.as_bytes(), report)?;
        }
        report.posts += 1;
        if draft {
            report.drafts += 1;
        }
        if status == "future" {
            report.scheduled += 1;
        }
        Ok(())
    }

    fn page(
        &mut self,
        item: &Item,
        id: u64,
        slug: &str,
        title: &str,
        draft: bool,
        report: &mut ImportReport,
    ) -> Result<(), ImportError> {
        // Pages have no bundle: their photos keep their URLs.
        let mut photos = Vec::new();
        let body = self.body(item, id, title, &mut photos, report);
        if !photos.is_empty() {
            report.images_copied -= photos.len().min(report.images_copied);
            report.need(
                id,
                title,
                "a page's photos are not copied: put them in static/ and link them",
            );
        }
        let dropped = item.comments.len();
        if dropped > 0 {
            *report
                .comments_dropped
                .entry("on a page".into())
                .or_default() += dropped;
        }
        let mut extra = Extra::new();
        extra.insert("imported_from", "wordpress".into());
        extra.insert("wordpress_id", id.into());
        let front = PageOut {
            title: title.to_owned(),
            summary: Some(one_line(&strip_html(&item.excerpt))).filter(|s| !s.is_empty()),
            draft,
            aliases: self.aliases(item, id, title, report),
            extra,
        };
        let text = with_front_matter(&yaml(&front)?, &body);
        self.write(&format!("content/pages/{slug}.md"), text.as_bytes(), report)?;
        report.pages += 1;
        Ok(())
    }

    /// The Markdown body; photos to copy are added to `photos` as (source, bundle name).
    fn body(
        &self,
        item: &Item,
        id: u64,
        title: &str,
        photos: &mut Vec<(std::path::PathBuf, String)>,
        report: &mut ImportReport,
    ) -> String {
        let attachments = &self.index.attachments;
        let gallery = |ids: Option<&[u64]>| -> Vec<GalleryImage> {
            let list: Vec<u64> = match ids {
                Some(ids) => ids.to_vec(),
                None => attachments
                    .of_post(id)
                    .into_iter()
                    .map(|(i, _)| i)
                    .collect(),
            };
            list.into_iter()
                .filter_map(|i| {
                    attachments.get(i).map(|a| GalleryImage {
                        id: i,
                        url: a.url.clone(),
                        caption: a.caption.clone(),
                        alt: a.alt.clone(),
                    })
                })
                .collect()
        };
        let mut cleanup = Cleanup::default();
        let html = clean(&item.content, &gallery, &mut cleanup);
        for (name, n) in cleanup.converted {
            *report.shortcodes.entry(name).or_default() += n;
        }
        for unknown in cleanup.unknown {
            report.need(
                id,
                title,
                format!("unknown shortcode {unknown} left as text"),
            );
        }
        let mut placed = BTreeMap::new();
        for found in find_images(&html) {
            if placed.contains_key(&found.src) || found.src.is_empty() {
                continue;
            }
            let alt = found
                .attachment
                .and_then(|a| attachments.get(a))
                .map(|a| a.alt.clone())
                .unwrap_or_default();
            let src = self.place(found.attachment, &found.src, id, title, photos, report);
            placed.insert(found.src.clone(), PlacedImage { src, alt });
        }
        let mut lost = BTreeMap::new();
        let markdown = to_markdown(&html, placed, &mut lost);
        for (what, n) in lost {
            report.need(id, title, format!("{what} x{n}: check the story"));
            *report.html_not_kept.entry(what).or_default() += n;
        }
        markdown
    }

    /// Where an image goes: a bundle file name, or its (original's) URL when missing.
    fn place(
        &self,
        attachment: Option<u64>,
        url: &str,
        id: u64,
        title: &str,
        photos: &mut Vec<(std::path::PathBuf, String)>,
        report: &mut ImportReport,
    ) -> String {
        match resolve(
            &self.index.attachments,
            attachment,
            url,
            self.options.uploads.as_deref(),
        ) {
            Source::File { path, name } => {
                if let Some((_, existing)) = photos.iter().find(|(p, _)| *p == path) {
                    return existing.clone();
                }
                let mut unique = name.clone();
                let mut n = 2;
                while unique == "index.md" || photos.iter().any(|(_, used)| *used == unique) {
                    unique = format!("{n}-{name}");
                    n += 1;
                }
                photos.push((path, unique.clone()));
                report.images_copied += 1;
                unique
            }
            Source::Missing { url, reason } => {
                report.images_missing += 1;
                if self.options.uploads.is_some() {
                    report.need(id, title, format!("missing photo {url} ({reason})"));
                }
                url
            }
        }
    }

    fn featured(
        &self,
        thumbnail: u64,
        id: u64,
        title: &str,
        photos: &mut Vec<(std::path::PathBuf, String)>,
        report: &mut ImportReport,
    ) -> Option<ImageOut> {
        let attachment = self.index.attachments.get(thumbnail)?;
        let src = self.place(Some(thumbnail), &attachment.url, id, title, photos, report);
        if src.is_empty() {
            return None;
        }
        let alt = [&attachment.alt, &attachment.title]
            .into_iter()
            .map(|t| one_line(t))
            .find(|t| !t.is_empty());
        let caption = one_line(&strip_html(&attachment.caption));
        Some(ImageOut {
            src,
            alt,
            caption: (!caption.is_empty()).then_some(caption),
        })
    }

    /// The old addresses of a post: its permalink's path (without the blog's own path) and
    /// its short link `/?p=ID` (`/?page_id=ID` for pages), each given to one item only.
    fn aliases(
        &mut self,
        item: &Item,
        id: u64,
        title: &str,
        report: &mut ImportReport,
    ) -> Vec<String> {
        let blog_path = path_of(&self.index.channel_link);
        let blog_path = blog_path.trim_end_matches('/');
        let mut list = Vec::new();
        if let Some(path) = Some(path_of(&item.link)).filter(|p| !p.is_empty()) {
            let path = path.strip_prefix(blog_path).unwrap_or(&path).to_owned();
            let path = if path.starts_with('/') {
                path
            } else {
                format!("/{path}")
            };
            if path != "/" {
                list.push(path);
            }
        }
        let key = if item.post_type == "page" {
            "page_id"
        } else {
            "p"
        };
        list.push(format!("/?{key}={id}"));
        let mut kept = Vec::new();
        for alias in list {
            if kept.contains(&alias) {
                continue;
            }
            if let Err(why) = crate::load::check_alias(&alias) {
                report.need(id, title, format!("old address not kept: {why}"));
                continue;
            }
            if self.used_aliases.insert(alias.clone()) {
                kept.push(alias);
            } else {
                report.need(
                    id,
                    title,
                    format!("old address {alias} belongs to another post"),
                );
            }
        }
        kept
    }

    /// The story's author: a profile slug, written at the end for every author used.
    fn author(&mut self, item: &Item) -> Option<String> {
        let name = self.index.authors.get(item.creator.trim())?;
        let slug = slugify(name);
        if slug.is_empty() {
            return None;
        }
        self.used_authors.insert(slug.clone(), name.clone());
        Some(slug)
    }

    /// Approved comments, oldest first, with their threads; dropped ones counted by reason.
    /// A reply whose parent was dropped answers the nearest kept comment above it instead.
    fn comments(&self, comments: &[Comment], report: &mut ImportReport) -> Vec<CommentOut> {
        let parents: BTreeMap<&str, &str> = comments
            .iter()
            .map(|c| (c.id.as_str(), c.parent.as_str()))
            .collect();
        let mut kept = Vec::new();
        for comment in comments {
            let reason = match comment.kind.as_str() {
                "pingback" => Some("pingback".to_owned()),
                "trackback" => Some("trackback".to_owned()),
                "" | "comment" => match comment.approved.as_str() {
                    "1" => None,
                    "spam" => Some("spam".to_owned()),
                    "trash" | "post-trashed" => Some("trash".to_owned()),
                    _ => Some("unapproved".to_owned()),
                },
                other => Some(format!("type {other}")),
            };
            if let Some(reason) = reason {
                *report.comments_dropped.entry(reason).or_default() += 1;
                continue;
            }
            let Some(date) = wp_date(&comment.date_gmt).or_else(|| wp_date(&comment.date)) else {
                *report
                    .comments_dropped
                    .entry("unusable date".into())
                    .or_default() += 1;
                continue;
            };
            let mut cleanup = Cleanup::default();
            let html = clean(&comment.content, &|_| Vec::new(), &mut cleanup);
            let mut lost = BTreeMap::new();
            let body = to_markdown(&html, BTreeMap::new(), &mut lost);
            let author = one_line(&comment.author);
            let url = comment.author_url.trim();
            let id = comment.id.trim();
            let usable = !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !usable || kept.iter().any(|k: &CommentOut| k.id == id) {
                *report
                    .comments_dropped
                    .entry("missing or repeated id".into())
                    .or_default() += 1;
                continue;
            }
            kept.push(CommentOut {
                id: id.to_owned(),
                reply_to: Some(comment.parent.clone()),
                author: if author.is_empty() {
                    "Anonymous".into()
                } else {
                    author
                },
                date,
                body: if body.trim().is_empty() {
                    "(empty)".into()
                } else {
                    body
                },
                url: (url.starts_with("https://") || url.starts_with("http://"))
                    .then(|| url.to_owned()),
            });
        }
        let kept_ids: BTreeSet<String> = kept.iter().map(|c| c.id.clone()).collect();
        for comment in &mut kept {
            let mut parent = comment.reply_to.take().unwrap_or_default();
            let mut steps = 0;
            while !parent.is_empty() && parent != "0" && !kept_ids.contains(&parent) {
                parent = parents
                    .get(parent.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_owned();
                steps += 1;
                if steps > parents.len() {
                    parent.clear();
                }
            }
            comment.reply_to =
                (!parent.is_empty() && parent != "0" && parent != comment.id).then_some(parent);
        }
        kept.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        report.comments_kept += kept.len();
        kept
    }

    /// Author profiles of every author of an imported story.
    pub(super) fn finish(&mut self, report: &mut ImportReport) -> Result<(), ImportError> {
        let authors = std::mem::take(&mut self.used_authors);
        for (slug, name) in authors {
            let mut extra = Extra::new();
            extra.insert("imported_from", "wordpress".into());
            let text = with_front_matter(&yaml(&AuthorOut { name, extra })?, "");
            self.write(
                &format!("content/authors/{slug}.md"),
                text.as_bytes(),
                report,
            )?;
            report.authors += 1;
        }
        Ok(())
    }

    fn write(
        &self,
        rel: &str,
        bytes: &[u8],
        report: &mut ImportReport,
    ) -> Result<Wrote, ImportError> {
        let wrote = self
            .writer
            .write(rel, bytes, has_mark)
            .map_err(|e| ImportError::Io(format!("cannot write {rel}: {e}")))?;
        count(wrote, report);
        Ok(wrote)
    }
}

fn count(wrote: Wrote, report: &mut ImportReport) {
    match wrote {
        Wrote::New => report.files_written += 1,
        Wrote::Replaced => report.files_replaced += 1,
        Wrote::Kept => report.files_kept += 1,
        Wrote::Nothing => {}
    }
}

fn yaml<T: Serialize>(value: &T) -> Result<String, ImportError> {
    to_yaml(value).map_err(|e| ImportError::Io(e.message))
}

/// The first category (not WordPress's default one) and the tags, with further categories
/// added to the tags (rave has one category per story).
fn terms(item: &Item) -> (Option<String>, Vec<String>) {
    let mut category = None;
    let mut tags: Vec<String> = Vec::new();
    for term in &item.terms {
        let name = one_line(&term.name);
        if slugify(&name).is_empty() {
            continue;
        }
        match term.domain.as_str() {
            "category" => {
                if DEFAULT_CATEGORIES.contains(&term.nicename.as_str()) {
                    continue;
                }
                if category.is_none() {
                    category = Some(name);
                } else if !tags.contains(&name) {
                    tags.push(name);
                }
            }
            "post_tag" if !tags.contains(&name) => tags.push(name),
            _ => {}
        }
    }
    (category, tags)
}

/// The path (and query) of a URL: `https://x.example/2019/a/?p=1` -> `/2019/a/?p=1`.
fn path_of(url: &str) -> String {
    let url = url.trim();
    match url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or(String::new(), |at| rest[at..].to_owned()),
        None if url.starts_with('/') => url.to_owned(),
        None => String::new(),
    }
    .split('#')
    .next()
    .unwrap_or("")
    .to_owned()
}

/// `post_date_gmt`, else `post_date` (drafts carry a zero GMT date), as RFC 3339.
fn item_date(item: &Item) -> Option<String> {
    wp_date(&item.date_gmt).or_else(|| wp_date(&item.date))
}

/// `2019-07-03 14:05:00` as `2019-07-03T14:05:00Z`, if it is a real date-time.
fn wp_date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000") {
        return None;
    }
    let rfc = format!("{}Z", text.replacen(' ', "T", 1));
    PostDate::parse(&rfc).ok().map(|_| rfc)
}

/// Text of an excerpt or caption: tags dropped, the commonest entities decoded.
fn strip_html(html: &str) -> String {
    strip_tags(html)
        .replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&#8217;", "\u{2019}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_fall_back_from_the_zero_gmt_date() {
        let item = Item {
            date_gmt: "0000-00-00 00:00:00".into(),
            date: "2020-02-29 10:00:00".into(),
            ..Item::default()
        };
        assert_eq!(item_date(&item).as_deref(), Some("2020-02-29T10:00:00Z"));
        assert_eq!(wp_date("2019-02-30 10:00:00"), None);
    }
}
