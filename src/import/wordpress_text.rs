//! WordPress's own markup turned into plain HTML before it becomes Markdown: Gutenberg block
//! comments removed, `<!--more-->` kept as a marker, shortcodes (`[caption]`, `[gallery]`,
//! `[embed]`, `[youtube]` ...) replaced, bare video URLs made links, and the automatic
//! paragraphs WordPress adds when it shows classic-editor text (`wpautop`: a blank line is a
//! paragraph, a single newline a line break).

use std::collections::BTreeMap;

use crate::authoring::one_line;

/// A paragraph the HTML-to-Markdown stage turns into rave's summary marker.
pub(super) const MORE_PLACEHOLDER: &str = "RAVEIMPORTMOREMARKER";

/// An attachment as a gallery or caption needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct GalleryImage {
    pub id: u64,
    pub url: String,
    pub caption: String,
    pub alt: String,
}

/// What the cleanup met that a person may want to look at, and what it converted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Cleanup {
    /// Shortcode name -> how many were converted.
    pub converted: BTreeMap<String, usize>,
    /// Shortcodes left as written because rave has nothing for them.
    pub unknown: Vec<String>,
}

/// Everything WordPress-specific of a post's (or comment's) text, as plain HTML.
/// `gallery` gives the images of `[gallery ids="..."]` (or, without ids, the post's attached
/// images).
pub(super) fn clean(
    text: &str,
    gallery: &dyn Fn(Option<&[u64]>) -> Vec<GalleryImage>,
    cleanup: &mut Cleanup,
) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let is_blocks = text.contains("<!-- wp:");
    let text = remove_block_comments(&text);
    let text = replace_more(&text);
    let text = replace_shortcodes(&text, gallery, cleanup);
    let text = link_bare_urls(&text, cleanup);
    if is_blocks { text } else { autop(&text) }
}

/// Drops `<!-- wp:name {...} -->`, `<!-- /wp:name -->` and `<!-- wp:name /-->`.
fn remove_block_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<!--") {
        let after = &rest[at + 4..];
        let trimmed = after.trim_start();
        if (trimmed.starts_with("wp:") || trimmed.starts_with("/wp:"))
            && let Some(end) = after.find("-->")
        {
            out.push_str(&rest[..at]);
            rest = &after[end + 3..];
            continue;
        }
        out.push_str(&rest[..at + 4]);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `<!--more-->` (or `<!--more Read on-->`) becomes a paragraph of its own holding the
/// placeholder; `<!--nextpage-->` becomes a paragraph break, as rave has one page per story.
fn replace_more(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut seen_more = false;
    while let Some(at) = rest.find("<!--") {
        let after = &rest[at + 4..];
        let word = after.trim_start();
        let Some(end) = after.find("-->") else { break };
        if word.starts_with("more") {
            out.push_str(&rest[..at]);
            if !seen_more {
                out.push_str(&format!("\n\n<p>{MORE_PLACEHOLDER}</p>\n\n"));
                seen_more = true;
            }
        } else if word.starts_with("nextpage") {
            out.push_str(&rest[..at]);
            out.push_str("\n\n");
        } else {
            out.push_str(&rest[..at + 4 + end + 3]);
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// A shortcode's opening tag, as found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Opening {
    name: String,
    attributes: Vec<(String, String)>,
    /// Byte range of `[name ...]`.
    start: usize,
    end: usize,
}

/// The shortcode opening at `at` (which holds `[`), if there is one.
fn opening_at(text: &str, at: usize) -> Option<Opening> {
    let after = &text[at + 1..];
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(after.len());
    if name_len == 0 || !after[..1].chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let follows = after[name_len..].chars().next()?;
    if !matches!(follows, ' ' | ']' | '/' | '=' | '\n' | '\t') {
        return None;
    }
    let close = after.find(']')?;
    // A `[` before the `]` means this is not one tag (`[a [b]`).
    if after[..close].contains('[') {
        return None;
    }
    let name = after[..name_len].to_ascii_lowercase();
    let inner = after[name_len..close].trim_end_matches('/');
    Some(Opening {
        name,
        attributes: shortcode_attributes(inner),
        start: at,
        end: at + 1 + close + 1,
    })
}

/// `a="x" b='y' c=z w` (and `=URL` right after the name) as (key, value) pairs; a bare word
/// has an empty key.
fn shortcode_attributes(text: &str) -> Vec<(String, String)> {
    let mut list = Vec::new();
    let mut rest = text.trim_start();
    if let Some(value) = rest.strip_prefix('=') {
        list.push((String::new(), unquote(value.trim()).to_owned()));
        return list;
    }
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        let after_key = &rest[key_end..];
        if let Some(value_part) = after_key.strip_prefix('=') {
            let (value, remaining) = match value_part.chars().next() {
                Some(q @ ('"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2033}')) => {
                    let body = &value_part[q.len_utf8()..];
                    let end = body
                        .find(['"', '\'', '\u{201c}', '\u{201d}', '\u{2033}'])
                        .unwrap_or(body.len());
                    let next = (end + body[end..].chars().next().map_or(0, char::len_utf8))
                        .min(body.len());
                    (&body[..end], &body[next..])
                }
                _ => {
                    let end = value_part
                        .find(char::is_whitespace)
                        .unwrap_or(value_part.len());
                    (&value_part[..end], &value_part[end..])
                }
            };
            list.push((key.to_ascii_lowercase(), value.to_owned()));
            rest = remaining.trim_start();
        } else {
            list.push((String::new(), unquote(key).to_owned()));
            rest = after_key.trim_start();
        }
    }
    list
}

fn unquote(text: &str) -> &str {
    text.trim_matches(|c| c == '"' || c == '\'')
}

fn attribute<'a>(opening: &'a Opening, key: &str) -> Option<&'a str> {
    opening
        .attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Shortcodes that wrap content and have an end tag.
const ENCLOSING: [&str; 6] = [
    "caption",
    "wp_caption",
    "embed",
    "video",
    "audio",
    "youtube",
];

fn replace_shortcodes(
    text: &str,
    gallery: &dyn Fn(Option<&[u64]>) -> Vec<GalleryImage>,
    cleanup: &mut Cleanup,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find('[') {
        let at = search + found;
        search = at + 1;
        // `[[name]]` is WordPress's way to write a shortcode as text.
        if text[at + 1..].starts_with('[') {
            if let Some(end) = text[at..].find("]]") {
                out.push_str(&text[copied..at]);
                out.push_str(&text[at + 1..at + end + 1]);
                copied = at + end + 2;
                search = copied;
            }
            continue;
        }
        let Some(opening) = opening_at(text, at) else {
            continue;
        };
        let closing = format!("[/{}]", opening.name);
        let (inner, end) = match text[opening.end..].find(&closing) {
            Some(offset) if ENCLOSING.contains(&opening.name.as_str()) => (
                &text[opening.end..opening.end + offset],
                opening.end + offset + closing.len(),
            ),
            _ => ("", opening.end),
        };
        let replacement = match opening.name.as_str() {
            "caption" | "wp_caption" => Some(caption(&opening, inner)),
            "gallery" => {
                let ids = attribute(&opening, "ids").map(|list| {
                    list.split(',')
                        .filter_map(|id| id.trim().parse::<u64>().ok())
                        .collect::<Vec<_>>()
                });
                Some(gallery_html(&gallery(ids.as_deref())))
            }
            "embed" | "youtube" | "video" | "audio" | "vimeo" => {
                let url = if inner.trim().is_empty() {
                    attribute(&opening, "src")
                        .or_else(|| attribute(&opening, ""))
                        .or_else(|| attribute(&opening, "mp4"))
                        .or_else(|| attribute(&opening, "mp3"))
                        .unwrap_or("")
                        .trim()
                        .to_owned()
                } else {
                    inner.trim().to_owned()
                };
                (!url.is_empty()).then(|| link_paragraph(&url))
            }
            _ => None,
        };
        match replacement {
            Some(html) => {
                *cleanup.converted.entry(opening.name.clone()).or_default() += 1;
                out.push_str(&text[copied..opening.start]);
                out.push_str(&html);
                copied = end;
                search = end;
            }
            None => {
                let written = &text[opening.start..opening.end];
                if !cleanup.unknown.iter().any(|u| u == written) {
                    cleanup.unknown.push(written.to_owned());
                }
            }
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// `[caption id="attachment_12"]<a><img ...></a> Text[/caption]` as a paragraph holding only
/// the image, titled with the caption: rave shows that as a figure with its caption.
fn caption(opening: &Opening, inner: &str) -> String {
    let Some((img_start, img_end)) = find_tag(inner, "img") else {
        return format!("\n\n<p>{}</p>\n\n", inner.trim());
    };
    let img = &inner[img_start..img_end];
    let mut caption = attribute(opening, "caption").unwrap_or("").to_owned();
    if caption.is_empty() {
        // The caption is what follows the image (and the link around it).
        let mut after = &inner[img_end..];
        if let Some(close) = after.find("</a>")
            && after[..close].trim().is_empty()
        {
            after = &after[close + 4..];
        }
        caption = strip_tags(after);
    }
    let attachment = attribute(opening, "id")
        .and_then(|id| id.strip_prefix("attachment_"))
        .and_then(|n| n.parse::<u64>().ok());
    let mut tag = img.trim_end_matches('>').trim_end_matches('/').to_owned();
    if let Some(id) = attachment {
        tag.push_str(&format!(" data-attachment=\"{id}\""));
    }
    let caption = one_line(&caption);
    if !caption.is_empty() {
        tag.push_str(&format!(
            " data-caption=\"{}\"",
            caption.replace('"', "&quot;")
        ));
    }
    tag.push('>');
    format!("\n\n<p>{tag}</p>\n\n")
}

fn gallery_html(images: &[GalleryImage]) -> String {
    let mut html = String::from("\n\n");
    for image in images {
        html.push_str(&format!(
            "<p><img src=\"{}\" alt=\"{}\" data-attachment=\"{}\" data-caption=\"{}\"></p>\n\n",
            attr_escape(&image.url),
            attr_escape(&image.alt),
            image.id,
            attr_escape(&one_line(&image.caption)),
        ));
    }
    html
}

fn link_paragraph(url: &str) -> String {
    let url = attr_escape(url);
    format!("\n\n<p><a href=\"{url}\">{url}</a></p>\n\n")
}

/// Hosts WordPress turns into an embedded player when their URL stands on a line of its own.
const EMBED_HOSTS: [&str; 8] = [
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "soundcloud.com",
];

/// A line holding only an http(s) URL of a video or social host becomes a link (WordPress
/// would have embedded a third-party frame there).
fn link_bare_urls(text: &str, cleanup: &mut Cleanup) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let url = line.trim();
        let url = url
            .strip_prefix("<p>")
            .and_then(|u| u.strip_suffix("</p>"))
            .unwrap_or(url);
        let is_embed = (url.starts_with("https://") || url.starts_with("http://"))
            && !url.contains(char::is_whitespace)
            && !url.contains(['<', '>', '"'])
            && host_of(url).is_some_and(|host| {
                EMBED_HOSTS
                    .iter()
                    .any(|h| host == *h || host.ends_with(&format!(".{h}")))
            });
        if is_embed {
            *cleanup.converted.entry("embed".into()).or_default() += 1;
            out.push_str(&link_paragraph(url));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.split(':').next().unwrap_or(host))
}

/// The byte range of the first `<name ...>` tag.
pub(super) fn find_tag(html: &str, name: &str) -> Option<(usize, usize)> {
    let lower = html.to_ascii_lowercase();
    let pattern = format!("<{name}");
    let mut from = 0;
    while let Some(offset) = lower[from..].find(&pattern) {
        let start = from + offset;
        let next = lower[start + pattern.len()..].chars().next();
        if matches!(next, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            let end = start + lower[start..].find('>')? + 1;
            return Some((start, end));
        }
        from = start + pattern.len();
    }
    None
}

/// Text without its tags (entities kept as written).
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn attr_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Tags that start a block: text next to them is not wrapped in `<p>`.
const BLOCK_TAGS: [&str; 41] = [
    "table",
    "thead",
    "tfoot",
    "caption",
    "col",
    "colgroup",
    "tbody",
    "tr",
    "td",
    "th",
    "div",
    "dl",
    "dd",
    "dt",
    "ul",
    "ol",
    "li",
    "pre",
    "form",
    "map",
    "area",
    "blockquote",
    "address",
    "math",
    "style",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "fieldset",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "figure",
    "figcaption",
];

fn block_tag_at(text: &str) -> bool {
    let rest = text.strip_prefix('<').unwrap_or("");
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest[..name_len].to_ascii_lowercase();
    name_len > 0 && BLOCK_TAGS.contains(&name.as_str())
}

/// WordPress's automatic paragraphs, as `wpautop` makes them for classic-editor text: blocks
/// separated by blank lines become `<p>`, single newlines inside them `<br>`; block-level HTML
/// and `<pre>` stay as they are.
pub(super) fn autop(text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    // Block tags get blank lines around them, so each is a chunk of its own.
    let mut spaced = String::with_capacity(text.len() + 64);
    let mut rest = text;
    let mut in_pre = false;
    while let Some(at) = rest.find('<') {
        spaced.push_str(&rest[..at]);
        let tag_text = &rest[at..];
        let end = tag_text.find('>').map_or(tag_text.len(), |e| e + 1);
        let tag = &tag_text[..end];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<pre") {
            in_pre = true;
        }
        if !in_pre && block_tag_at(tag) {
            if tag.starts_with("</") {
                spaced.push_str(tag);
                spaced.push_str("\n\n");
            } else {
                spaced.push_str("\n\n");
                spaced.push_str(tag);
            }
        } else {
            spaced.push_str(tag);
        }
        if lower.starts_with("</pre") {
            in_pre = false;
            spaced.push_str("\n\n");
        }
        rest = &tag_text[end..];
    }
    spaced.push_str(rest);

    let mut out = String::with_capacity(spaced.len() + 64);
    let mut pre_depth = 0usize;
    for chunk in split_paragraphs(&spaced) {
        let trimmed = chunk.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        pre_depth += lower.matches("<pre").count();
        if pre_depth > 0 || block_tag_at(trimmed) {
            pre_depth = pre_depth.saturating_sub(lower.matches("</pre").count());
            out.push_str(trimmed);
            out.push_str("\n\n");
            continue;
        }
        out.push_str("<p>");
        out.push_str(&trimmed.replace('\n', "<br>"));
        out.push_str("</p>\n\n");
    }
    out
}

/// Splits at blank lines (lines holding only whitespace count as blank).
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_gallery(_: Option<&[u64]>) -> Vec<GalleryImage> {
        Vec::new()
    }

    fn cleaned(text: &str) -> (String, Cleanup) {
        let mut cleanup = Cleanup::default();
        let html = clean(text, &no_gallery, &mut cleanup);
        (html, cleanup)
    }

    #[test]
    fn autop_makes_paragraphs_and_line_breaks() {
        let html = autop("One\nline two\n\nThree\n\n<ul><li>x</li></ul>\nFour");
        assert_eq!(
            html,
            "<p>One<br>line two</p>\n\n<p>Three</p>\n\n<ul>\n\n<li>x</li>\n\n</ul>\n\n<p>Four</p>\n\n"
        );
    }

    #[test]
    fn autop_leaves_pre_alone() {
        let html = autop("<pre>a\n\nb</pre>\nafter");
        assert!(html.starts_with("<pre>a\n\nb</pre>"), "{html}");
        assert!(html.contains("<p>after</p>"), "{html}");
    }

    #[test]
    fn block_comments_go_and_more_stays() {
        let (html, _) = cleaned(
            "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n<!--more-->\n<!-- wp:image {\"id\":3} /-->\n<p>Two</p>",
        );
        assert!(!html.contains("wp:"), "{html}");
        assert!(html.contains(MORE_PLACEHOLDER), "{html}");
        assert!(!html.contains("<p><p>"), "blocks are not autop'd: {html}");
    }

    #[test]
    fn captions_become_titled_images() {
        let (html, cleanup) = cleaned(
            "[caption id=\"attachment_12\" align=\"alignnone\" width=\"300\"]<a href=\"x.jpg\"><img class=\"wp-image-12\" src=\"x-300x200.jpg\" alt=\"Desk\" /></a> The desk. Photo: Ann Lee[/caption]",
        );
        assert!(!html.contains("[caption"), "{html}");
        assert!(html.contains("data-attachment=\"12\""), "{html}");
        assert!(
            html.contains("data-caption=\"The desk. Photo: Ann Lee\""),
            "{html}"
        );
        assert_eq!(cleanup.converted.get("caption"), Some(&1));
    }

    #[test]
    fn galleries_list_their_images_in_order() {
        let gallery = |ids: Option<&[u64]>| {
            ids.unwrap_or(&[])
                .iter()
                .map(|&id| GalleryImage {
                    id,
                    url: format!("https://old.example/{id}.jpg"),
                    ..GalleryImage::default()
                })
                .collect()
        };
        let mut cleanup = Cleanup::default();
        let html = clean(
            "[gallery ids=\"5,3\" columns=\"2\"]",
            &gallery,
            &mut cleanup,
        );
        let five = html.find("5.jpg").expect("5");
        let three = html.find("3.jpg").expect("3");
        assert!(five < three, "{html}");
        assert!(!html.contains("[gallery"), "{html}");
    }

    #[test]
    fn embeds_and_bare_video_urls_become_links() {
        let (html, _) = cleaned(
            "[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n[youtube=https://youtu.be/xyz]\n\nhttps://vimeo.com/123\n\nSee https://vimeo.com/9 here",
        );
        assert!(html.contains("<a href=\"https://www.youtube.com/watch?v=abc\">"));
        assert!(html.contains("<a href=\"https://youtu.be/xyz\">"), "{html}");
        assert!(
            html.contains("<a href=\"https://vimeo.com/123\">"),
            "{html}"
        );
        assert!(html.contains("See https://vimeo.com/9 here"), "{html}");
        assert!(!html.contains("<iframe"));
    }

    #[test]
    fn unknown_shortcodes_are_kept_and_reported_and_escaped_ones_are_text() {
        let (html, cleanup) = cleaned("A [contact-form-7 id=\"4\"] and [[gallery]] and [1]");
        assert!(html.contains("[contact-form-7 id=\"4\"]"), "{html}");
        assert!(html.contains("and [gallery] and"), "{html}");
        assert_eq!(
            cleanup.unknown,
            vec!["[contact-form-7 id=\"4\"]".to_owned()]
        );
    }
}
