//! Cleaned WordPress HTML to Markdown with htmd, plus what htmd cannot know: where each image
//! now lives (a bundle file or its old URL), captions as figure titles (rave shows a paragraph
//! holding only a titled image as a `<figure>`), links around images to their own file
//! dropped, and frames, scripts and forms reported instead of silently lost.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, HeadingStyle, Options};
use htmd::{Element, HtmlToMarkdown};

use super::wordpress_text::{MORE_PLACEHOLDER, find_tag};
use crate::authoring::one_line;

/// An `<img>` of the HTML, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FoundImage {
    pub src: String,
    pub alt: String,
    /// From `wp-image-N` or a caption's `attachment_N`.
    pub attachment: Option<u64>,
}

/// Where an image goes in the Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PlacedImage {
    pub src: String,
    /// Alt text to use when the `<img>` has none.
    pub alt: String,
}

/// Every `<img>` of `html`, in order.
pub(super) fn find_images(html: &str) -> Vec<FoundImage> {
    let mut images = Vec::new();
    let mut rest = html;
    while let Some((start, end)) = find_tag(rest, "img") {
        let tag = &rest[start..end];
        let attributes = tag_attributes(tag);
        let get = |key: &str| {
            attributes
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        let from_class = get("class").and_then(|class| {
            class.split_whitespace().find_map(|c| {
                c.strip_prefix("wp-image-")
                    .and_then(|n| n.parse::<u64>().ok())
            })
        });
        let from_caption = get("data-attachment").and_then(|n| n.parse::<u64>().ok());
        images.push(FoundImage {
            src: decode_entities(&get("src").unwrap_or_default()),
            alt: decode_entities(&get("alt").unwrap_or_default()),
            attachment: from_class.or(from_caption),
        });
        rest = &rest[end..];
    }
    images
}

/// Attributes of one tag, leniently (`a="x"`, `a='x'`, `a=x`); keys lowercase.
fn tag_attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner
        .find(char::is_whitespace)
        .map_or("", |at| &inner[at..]);
    let mut list = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            list.push((key, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (value, remaining) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        list.push((key, value.to_owned()));
        rest = remaining;
    }
    list
}

/// The few entities attribute values of WordPress HTML carry.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The Markdown of `html`, with each image's `src` (as written) placed per `placed`; the
/// elements Markdown cannot hold are added to `lost` (by tag name).
pub(super) fn to_markdown(
    html: &str,
    placed: BTreeMap<String, PlacedImage>,
    lost: &mut BTreeMap<String, usize>,
) -> String {
    let lost_shared: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
    let placed = Arc::new(placed);
    let note = {
        let lost = Arc::clone(&lost_shared);
        move |what: &str| {
            if let Ok(mut lost) = lost.lock() {
                *lost.entry(what.to_owned()).or_default() += 1;
            }
        }
    };
    let frame_note = note.clone();
    let dropped_note = note.clone();
    let converter = HtmlToMarkdown::builder()
        .options(Options {
            heading_style: HeadingStyle::Atx,
            br_style: BrStyle::Backslash,
            ..Options::default()
        })
        .add_handler(vec!["img"], move |_: &dyn Handlers, element: Element| {
            Some(image_markdown(&element, &placed).into())
        })
        .add_handler(vec!["a"], |handlers: &dyn Handlers, element: Element| {
            unwrap_image_link(handlers, element)
        })
        .add_handler(
            vec!["iframe", "video", "audio", "object", "embed", "source"],
            move |_: &dyn Handlers, element: Element| {
                frame_note(&format!("<{}> (kept as a link)", element.tag));
                let src = attr(&element, "src").or_else(|| attr(&element, "data"))?;
                Some(HandlerResult::from(format!(
                    "\n\n<{}>\n\n",
                    src.replace(['<', '>', ' '], "")
                )))
            },
        )
        .add_handler(
            vec![
                "script", "style", "form", "noscript", "input", "button", "select",
            ],
            move |_: &dyn Handlers, element: Element| {
                dropped_note(&format!("<{}> (dropped)", element.tag));
                Some(HandlerResult::from(String::new()))
            },
        )
        .build();
    let markdown = converter.convert(html).unwrap_or_default();
    if let Ok(found) = lost_shared.lock() {
        for (what, count) in found.iter() {
            *lost.entry(what.clone()).or_default() += count;
        }
    }
    finish(&markdown)
}

fn attr(element: &Element<'_>, name: &str) -> Option<String> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// `![alt](src "caption")`, with the image's new place.
fn image_markdown(element: &Element<'_>, placed: &BTreeMap<String, PlacedImage>) -> String {
    let src = attr(element, "src").unwrap_or_default();
    let place = placed.get(&src);
    let mut alt = attr(element, "alt").unwrap_or_default();
    if alt.trim().is_empty()
        && let Some(place) = place
    {
        alt.clone_from(&place.alt);
    }
    let target = place.map_or(src.as_str(), |p| p.src.as_str());
    if target.is_empty() {
        return String::new();
    }
    let title = attr(element, "data-caption")
        .or_else(|| attr(element, "title"))
        .map(|t| one_line(&t))
        .filter(|t| !t.is_empty());
    let mut md = format!("![{}]({}", escape_text(&one_line(&alt)), url_part(target));
    if let Some(title) = title {
        md.push_str(&format!(
            " \"{}\"",
            title.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    md.push(')');
    md
}

/// A link around nothing but an image, pointing at an image file or an attachment page, is
/// WordPress's "link to media file": the image alone is kept (rave's page shows it whole).
fn unwrap_image_link(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let href = attr(&element, "href")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let to_media = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
        .iter()
        .any(|ext| href.split(['?', '#']).next().unwrap_or("").ends_with(ext))
        || href.contains("attachment_id=")
        || href.contains("/attachment/");
    if to_media {
        let inner = handlers.walk_children(element.node);
        if inner.content.trim().starts_with("![") && inner.content.trim().ends_with(')') {
            return Some(HandlerResult::from(inner.content.trim().to_owned()));
        }
    }
    handlers.fallback(element)
}

fn url_part(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The summary marker back in place, and the text's ends trimmed.
fn finish(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 2);
    for line in markdown.lines() {
        if line.trim() == MORE_PLACEHOLDER {
            out.push_str("<!-- more -->");
        } else {
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
    let trimmed = out.trim();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> (String, BTreeMap<String, usize>) {
        let mut lost = BTreeMap::new();
        let markdown = to_markdown(html, BTreeMap::new(), &mut lost);
        (markdown, lost)
    }

    #[test]
    fn paragraphs_stay_paragraphs() {
        let (markdown, _) = md("<p>One</p><p>Two <em>x</em></p><p>Three<br>line</p><p>Four</p>");
        assert_eq!(markdown.split("\n\n").count(), 4, "{markdown}");
    }

    #[test]
    fn captions_become_titled_images_and_media_links_are_unwrapped() {
        let mut placed = BTreeMap::new();
        placed.insert(
            "https://old.example/desk-300x200.jpg".to_owned(),
            PlacedImage {
                src: "desk.jpg".into(),
                alt: "A desk".into(),
            },
        );
        let mut lost = BTreeMap::new();
        let markdown = to_markdown(
            "<p><a href=\"https://old.example/desk.jpg\"><img src=\"https://old.example/desk-300x200.jpg\" alt=\"\" data-caption=\"The &quot;desk&quot;. Photo: Ann\"></a></p>",
            placed,
            &mut lost,
        );
        assert_eq!(
            markdown,
            "![A desk](desk.jpg \"The \\\"desk\\\". Photo: Ann\")\n"
        );
    }

    #[test]
    fn frames_become_links_and_scripts_are_reported() {
        let (markdown, lost) = md(
            "<p>Hi</p><iframe src=\"https://player.example/v/1\"></iframe><script>alert(1)</script>",
        );
        assert!(
            markdown.contains("<https://player.example/v/1>"),
            "{markdown}"
        );
        assert!(!markdown.contains("alert"), "{markdown}");
        assert_eq!(lost.len(), 2, "{lost:?}");
    }

    #[test]
    fn the_more_marker_comes_back() {
        let (markdown, _) = md(&format!("<p>One</p><p>{MORE_PLACEHOLDER}</p><p>Two</p>"));
        assert_eq!(markdown, "One\n\n<!-- more -->\n\nTwo\n");
    }

    #[test]
    fn images_are_found_with_their_attachment() {
        let found = find_images(
            "<img class=\"alignnone size-medium wp-image-42\" src='a.jpg' alt=\"x &amp; y\"><img src=b.png data-attachment=\"7\">",
        );
        assert_eq!(found[0].attachment, Some(42));
        assert_eq!(found[0].alt, "x & y");
        assert_eq!(found[1].src, "b.png");
        assert_eq!(found[1].attachment, Some(7));
    }
}
