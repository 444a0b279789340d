//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, smart punctuation,
//! heading ids; plus the summary (before `<!-- more -->`, else the first paragraph) and a word
//! count, all from one pass over the events, which also notes every link and image as written
//! (`markdown/written.rs`, for `rave check`).
//!
//! Raw HTML is escaped unless the site allows it, HTML comments are dropped, and links or images
//! whose URL could run script are reduced to their text. Images load lazily and carry their
//! `width` and `height` when the document's [`Links`] know the size of their file; a processed
//! photo becomes a `<picture>` listing its WebP and JPEG/PNG copies (`images::plan`).

mod written;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::config::ImageSettings;
use crate::images::plan;
use crate::load::{ImageInput, ImageSize, is_safe_url};
use crate::render::escape::{escape_attr, escape_html};
use crate::slug::slugify;

pub use written::{WrittenKind, WrittenLink};

/// How a piece of Markdown is to be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Pass raw HTML through (trusted writers only).
    pub raw_html: bool,
    /// Public input (reader comments): links get `rel="nofollow ugc"`, images become links.
    pub public: bool,
}

impl MarkdownOptions {
    pub const TRUSTED_HTML: Self = MarkdownOptions {
        raw_html: true,
        public: false,
    };
    pub const ESCAPED_HTML: Self = MarkdownOptions {
        raw_html: false,
        public: false,
    };
    pub const PUBLIC: Self = MarkdownOptions {
        raw_html: false,
        public: true,
    };
}

/// What a document's links may point to.
pub struct Links<'a> {
    /// Resolves an internal link `@/stories/x.md` (given as `stories/x.md`) to its URL.
    pub internal: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// Files beside the document (a story bundle's), to check relative images against; `None`
    /// when relative images are not checked.
    pub local_files: Option<&'a [String]>,
    /// The size of the image file an image's URL points to, as read by the load stage; `None`
    /// for remote images and files of unknown size.
    pub image_size: &'a (dyn Fn(&str) -> Option<ImageSize> + Sync),
    /// The site's photo settings, to list a processed photo's copies; `None` lists none.
    pub photos: Option<&'a ImageSettings>,
    /// Captions and credits of the document's photos (a story's `photos:`), by `src`: a body
    /// image alone in its paragraph with one of these sources becomes a figure showing them.
    pub captions: &'a [ImageInput],
    /// The word before a photo's credit ("Photo:"), in the site's language.
    pub credit_word: &'a str,
}

impl std::fmt::Debug for Links<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Links")
            .field("local_files", &self.local_files)
            .finish_non_exhaustive()
    }
}

fn no_internal_links(_: &str) -> Option<String> {
    None
}

fn no_image_sizes(_: &str) -> Option<ImageSize> {
    None
}

impl Links<'static> {
    /// No internal links resolve, relative images are not checked and no image has a size.
    pub const NONE: Links<'static> = Links {
        internal: &no_internal_links,
        local_files: None,
        image_size: &no_image_sizes,
        photos: None,
        captions: &[],
        credit_word: "",
    };
}

/// A broken link or image, at a byte offset of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

/// The result of rendering one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// Empty once [`Rendered::pack`]ed: [`Rendered::full_html`] reads it either way.
    pub html: String,
    /// `html`, compressed by [`Rendered::pack`].
    pub packed: Option<crate::render::packed::PackedText>,
    /// HTML before `<!-- more -->`, else of the first top-level paragraph; `None` for a body
    /// with neither.
    pub summary_html: Option<String>,
    pub word_count: usize,
    /// Broken internal links and missing images.
    pub problems: Vec<Problem>,
    /// The sources of the images that became figures with a caption or credit of
    /// [`Links::captions`], in order, each once.
    pub captioned: Vec<String>,
    /// Every link and image as written, in order, for `rave check`.
    pub written: Vec<WrittenLink>,
}

const MORE_MARKER: &str = "<!-- more -->";

/// The Markdown extensions of every body.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown` to HTML; no internal links, relative images unchecked.
pub fn render(markdown: &str, options: MarkdownOptions) -> Rendered {
    render_with(markdown, options, &Links::NONE)
}

/// Renders `markdown` to HTML, resolving and checking links with `links`.
pub fn render_with(markdown: &str, options: MarkdownOptions, links: &Links<'_>) -> Rendered {
    let mut problems = Vec::new();
    let mut written = written::WrittenLinks::default();
    let parser = Parser::new_ext(markdown, parser_options())
        .into_offset_iter()
        .inspect(|(event, range)| written.see(event, range.start));
    let mut events = transform(parser, options, links, &mut problems);
    let written = written.finish();
    let captioned = make_figures(&mut events, links);
    let word_count = events
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) => t.split_whitespace().count(),
            _ => 0,
        })
        .sum();
    // After the count: alt texts count as words, as they did before images became HTML.
    finish_images(&mut events, links);

    let mut html = String::with_capacity(markdown.len() + markdown.len() / 4);
    let mut summary_html = None;
    let more = events
        .iter()
        .position(|e| matches!(e, Event::Html(h) if h.trim() == MORE_MARKER));
    match more {
        Some(i) => {
            pulldown_cmark::html::push_html(&mut html, events[..i].iter().cloned());
            summary_html = Some(html.clone());
            pulldown_cmark::html::push_html(&mut html, events[i + 1..].iter().cloned());
        }
        None => {
            let end = first_paragraph_end(&events);
            match end {
                Some(end) => {
                    pulldown_cmark::html::push_html(&mut html, events[..=end].iter().cloned());
                    let start = events[..end]
                        .iter()
                        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))
                        .unwrap_or(0);
                    let mut summary = String::new();
                    pulldown_cmark::html::push_html(
                        &mut summary,
                        events[start..=end].iter().cloned(),
                    );
                    summary_html = Some(summary);
                    pulldown_cmark::html::push_html(&mut html, events[end + 1..].iter().cloned());
                }
                None => pulldown_cmark::html::push_html(&mut html, events.into_iter()),
            }
        }
    }
    // Every story's HTML is held for the whole render: give back the room asked for above
    // (a tenth of the HTML on average).
    html.shrink_to_fit();
    Rendered {
        html,
        packed: None,
        summary_html: summary_html.filter(|s| !s.trim().is_empty()),
        word_count,
        problems,
        captioned,
        written,
    }
}

/// ` width="W" height="H"` for an image of known size, else nothing.
fn size_attributes(size: Option<ImageSize>) -> String {
    size.map(|s| format!(" width=\"{}\" height=\"{}\"", s.width, s.height))
        .unwrap_or_default()
}

/// What rave adds around and to every image of a document: for a processed photo a
/// `<picture>` with its WebP copies and `srcset`/`sizes` of its JPEG/PNG ones; its size when
/// known; and lazy loading (images of a body are below the page's fold more often than not).
struct ImageMarkup {
    before: String,
    attributes: String,
    after: &'static str,
}

fn image_markup(dest_url: &str, links: &Links<'_>) -> ImageMarkup {
    let size = (links.image_size)(dest_url);
    let sets = size
        .zip(links.photos)
        .and_then(|(size, settings)| plan::srcsets(dest_url, size, settings));
    let sizes = plan::BODY_SIZES;
    let (before, srcset, after) = match sets {
        Some(sets) => (
            format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                escape_attr(&sets.webp)
            ),
            format!(
                " srcset=\"{}\" sizes=\"{sizes}\"",
                escape_attr(&sets.fallback)
            ),
            "</picture>",
        ),
        None => (String::new(), String::new(), ""),
    };
    ImageMarkup {
        before,
        attributes: format!(
            "{srcset}{} loading=\"lazy\" decoding=\"async\"",
            size_attributes(size)
        ),
        after,
    }
}

/// Writes each image left in the stream (those not in a figure) as HTML: pulldown-cmark's own
/// `<img>`, so that URL and alt text are escaped as before, with [`image_attributes`] added.
fn finish_images(events: &mut Vec<Event<'_>>, links: &Links<'_>) {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut rest = std::mem::take(events).into_iter();
    while let Some(event) = rest.next() {
        let Event::Start(Tag::Image { dest_url, .. }) = &event else {
            out.push(event);
            continue;
        };
        let markup = image_markup(dest_url, links);
        // The image's events, up to its own end (its alt text may hold other inline tags).
        let mut image = vec![event];
        let mut depth = 1usize;
        for e in rest.by_ref() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            image.push(e);
            if depth == 0 {
                break;
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, image.into_iter());
        let tag = html.strip_suffix(" />").unwrap_or(&html);
        out.push(Event::InlineHtml(
            format!(
                "{}{tag}{} />{}",
                markup.before, markup.attributes, markup.after
            )
            .into(),
        ));
    }
    *events = out;
}

/// A paragraph holding only an image becomes a `<figure>` when the image has a title or an
/// entry of [`Links::captions`]: the entry's caption (else the title) and credit are its
/// `<figcaption>`, written as themes write a lead image's. Returns the sources of the images
/// captioned from an entry.
fn make_figures(events: &mut Vec<Event<'_>>, links: &Links<'_>) -> Vec<String> {
    // Each figure's first and last event and its HTML: found first, then replaced in one pass,
    // since splicing them out one by one is quadratic in the number of figures.
    let mut figures: Vec<(usize, usize, String)> = Vec::new();
    let mut captioned: Vec<String> = Vec::new();
    let mut i = 0;
    while i + 3 < events.len() {
        let is_figure = matches!(&events[i], Event::Start(Tag::Paragraph))
            && matches!(&events[i + 1], Event::Start(Tag::Image { .. }));
        if !is_figure {
            i += 1;
            continue;
        }
        let Some(end_image) = events[i + 1..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Image)))
            .map(|p| p + i + 1)
        else {
            break;
        };
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &events[i + 1]
        else {
            break;
        };
        let entry = links.captions.iter().find(|p| p.src == dest_url.as_ref());
        let caption = entry
            .and_then(|p| p.caption.as_deref())
            .or((!title.is_empty()).then_some(title.as_ref()));
        let credit = entry.and_then(|p| p.credit.as_deref());
        let alone = matches!(
            events.get(end_image + 1),
            Some(Event::End(TagEnd::Paragraph))
        );
        if !alone || (caption.is_none() && credit.is_none()) {
            i += 1;
            continue;
        }
        let alt: String = events[i + 2..end_image]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let markup = image_markup(dest_url, links);
        let html = format!(
            "<figure>{}<img src=\"{}\" alt=\"{}\"{}>{}<figcaption>{}</figcaption></figure>\n",
            markup.before,
            escape_attr(dest_url),
            escape_attr(&alt),
            markup.attributes,
            markup.after,
            figcaption(
                caption,
                credit,
                entry.and_then(|p| p.credit_url.as_deref()),
                links.credit_word
            )
        );
        if let Some(entry) = entry
            && !captioned.contains(&entry.src)
        {
            captioned.push(entry.src.clone());
        }
        figures.push((i, end_image + 1, html));
        i = end_image + 2;
    }
    if !figures.is_empty() {
        let mut figures = figures.into_iter().peekable();
        let mut skip_to = 0;
        for (j, event) in std::mem::take(events).into_iter().enumerate() {
            if j < skip_to {
                continue;
            }
            if let Some((_, last, html)) = figures.next_if(|(first, _, _)| *first == j) {
                events.push(Event::Html(html.into()));
                skip_to = last + 1;
            } else {
                events.push(event);
            }
        }
    }
    captioned
}

/// A figure's caption and credit as the default theme writes a lead image's:
/// `caption · Photo: <a href rel>credit</a>`, escaped.
fn figcaption(
    caption: Option<&str>,
    credit: Option<&str>,
    credit_url: Option<&str>,
    credit_word: &str,
) -> String {
    let mut html = caption.map(escape_html).unwrap_or_default();
    if let Some(credit) = credit {
        if caption.is_some() {
            html.push_str(" · ");
        }
        html.push_str(&escape_html(credit_word));
        html.push(' ');
        match credit_url {
            Some(url) => html.push_str(&format!(
                "<a href=\"{}\" rel=\"nofollow noopener\">{}</a>",
                escape_attr(url),
                escape_html(credit)
            )),
            None => html.push_str(&escape_html(credit)),
        }
    }
    html
}

/// Resolves `@/...` links and checks relative images; `None` drops the link (already reported).
fn resolve_destination<'a>(
    dest: CowStr<'a>,
    is_image: bool,
    offset: usize,
    links: &Links<'_>,
    problems: &mut Vec<Problem>,
) -> CowStr<'a> {
    if let Some(path) = dest.strip_prefix("@/") {
        let (file, fragment) = match path.split_once('#') {
            Some((f, frag)) => (f, Some(frag)),
            None => (path, None),
        };
        return match (links.internal)(file) {
            Some(url) => match fragment {
                Some(frag) => format!("{url}#{frag}").into(),
                None => url.into(),
            },
            None => {
                problems.push(Problem {
                    offset,
                    message: format!("internal link `{dest}` points to no content file"),
                    help: "write the path of a story or page under content/, e.g. `@/stories/my-story.md`".into(),
                });
                dest
            }
        };
    }
    let is_relative =
        !dest.contains(':') && !dest.starts_with('/') && !dest.starts_with('#') && !dest.is_empty();
    if let (true, true, Some(files)) = (is_image, is_relative, links.local_files) {
        let file = dest.split(['?', '#']).next().unwrap_or_default();
        if !files.iter().any(|f| f == file) {
            problems.push(Problem {
                offset,
                message: format!("image `{dest}` not found beside the story"),
                help: "put the image in the story's folder next to index.md (a story bundle), or use a path under static/ starting with `/`".into(),
            });
        }
    }
    dest
}

/// Index of the `End(Paragraph)` of the first paragraph that is not inside another block.
fn first_paragraph_end(events: &[Event<'_>]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                return events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
                    .map(|p| i + p);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Whether `c` is a control character no page can show: all but tab, line feed and carriage
/// return. They are parse errors in HTML and make XML feeds invalid.
fn is_unshowable(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `event` with the control characters of its text dropped.
fn without_control_chars(event: Event<'_>) -> Event<'_> {
    let clean = |text: pulldown_cmark::CowStr<'_>| -> String {
        text.chars().filter(|&c| !is_unshowable(c)).collect()
    };
    match event {
        Event::Text(t) if t.contains(is_unshowable) => Event::Text(clean(t).into()),
        Event::Code(t) if t.contains(is_unshowable) => Event::Code(clean(t).into()),
        Event::Html(t) if t.contains(is_unshowable) => Event::Html(clean(t).into()),
        Event::InlineHtml(t) if t.contains(is_unshowable) => Event::InlineHtml(clean(t).into()),
        other => other,
    }
}

/// Applies rave's rules to the event stream.
fn transform<'a>(
    parser: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    options: MarkdownOptions,
    links: &Links<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    // For each open link/image: whether its tags were dropped (unsafe URL) or replaced.
    let mut link_stack: Vec<LinkAction> = Vec::new();
    let mut heading_ids = HeadingIds::default();
    let mut heading_start: Option<usize> = None;
    // Escaped HTML blocks become paragraphs, opened only when they have text to show.
    let mut html_block: Option<bool> = None;
    for (event, range) in parser {
        let event = without_control_chars(event);
        match event {
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == MORE_MARKER => {
                out.push(Event::Html(MORE_MARKER.into()));
            }
            Event::Html(html) | Event::InlineHtml(html) if is_comment(&html) => {}
            Event::Html(html) if !options.raw_html => {
                if html_block == Some(false) {
                    out.push(Event::Start(Tag::Paragraph));
                    html_block = Some(true);
                }
                out.push(Event::Text(html));
            }
            Event::InlineHtml(html) if !options.raw_html => out.push(Event::Text(html)),
            Event::Start(Tag::HtmlBlock) if !options.raw_html => html_block = Some(false),
            Event::End(TagEnd::HtmlBlock) if !options.raw_html => {
                if html_block.take() == Some(true) {
                    out.push(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_destination(dest_url, false, range.start, links, problems);
                if !is_safe_url(&dest_url) || dest_url.starts_with("@/") {
                    link_stack.push(LinkAction::Dropped);
                } else if options.public {
                    link_stack.push(LinkAction::Replaced);
                    let mut tag = format!(
                        "<a href=\"{}\" rel=\"nofollow ugc\"",
                        escape_attr(&dest_url)
                    );
                    if !title.is_empty() {
                        tag.push_str(&format!(" title=\"{}\"", escape_attr(&title)));
                    }
                    tag.push('>');
                    out.push(Event::InlineHtml(tag.into()));
                } else {
                    link_stack.push(LinkAction::Kept);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => match link_stack.pop() {
                Some(LinkAction::Kept) => out.push(Event::End(TagEnd::Link)),
                Some(LinkAction::Replaced) => out.push(Event::InlineHtml("</a>".into())),
                _ => {}
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_destination(dest_url, true, range.start, links, problems);
                if !is_safe_url(&dest_url) || dest_url.starts_with("@/") {
                    link_stack.push(LinkAction::Dropped);
                } else if options.public {
                    // No images from the public: a link to it, labelled with its alt text.
                    link_stack.push(LinkAction::Replaced);
                    out.push(Event::InlineHtml(
                        format!(
                            "<a href=\"{}\" rel=\"nofollow ugc\">",
                            escape_attr(&dest_url)
                        )
                        .into(),
                    ));
                } else {
                    link_stack.push(LinkAction::Kept);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => match link_stack.pop() {
                Some(LinkAction::Kept) => out.push(Event::End(TagEnd::Image)),
                Some(LinkAction::Replaced) => out.push(Event::InlineHtml("</a>".into())),
                _ => {}
            },
            Event::Start(Tag::Heading { .. }) => {
                heading_start = Some(out.len());
                out.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    assign_heading_id(&mut out, start, &mut heading_ids);
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            other => out.push(other),
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum LinkAction {
    Kept,
    Replaced,
    Dropped,
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.len() >= 7
        && t.starts_with("<!--")
        && t.ends_with("-->")
        && !t[4..t.len() - 3].contains("-->")
}

/// The heading ids of a document so far, and for each base id the next number to try: many
/// headings with the same text would otherwise take cubic time.
#[derive(Debug, Default)]
struct HeadingIds {
    used: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

/// Gives the heading that starts at `out[start]` an id from its text, unique in the document.
fn assign_heading_id(out: &mut [Event<'_>], start: usize, ids: &mut HeadingIds) {
    let text: String = out[start..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { id, .. }) = &mut out[start] {
        let base = match id {
            Some(explicit) => explicit.to_string(),
            None => {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_owned()
                } else {
                    s
                }
            }
        };
        let mut n = ids.next.get(&base).copied().unwrap_or(1);
        let mut candidate = match n {
            1 => base.clone(),
            _ => format!("{base}-{n}"),
        };
        while ids.used.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        ids.next.insert(base, n + 1);
        ids.used.insert(candidate.clone());
        *id = Some(CowStr::from(candidate));
    }
}

/// Plain-text rendering of short front matter text (a summary) as one safe paragraph.
pub fn text_paragraph(text: &str) -> String {
    format!("<p>{}</p>", escape_html(text))
}

/// Minutes to read `words` at 200 words a minute, at least 1.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md, MarkdownOptions::ESCAPED_HTML).html
    }

    #[test]
    fn extensions_are_on() {
        let out = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ \"quoted\"\n\nNote[^1].\n\n[^1]: The note.\n",
        );
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>gone</del>"), "{out}");
        assert!(out.contains("\u{201c}quoted\u{201d}"), "{out}");
        assert!(out.contains("footnote-definition"), "{out}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let out = html("## The refund\n\n## The refund\n\n## Custom {#mine}\n");
        assert!(out.contains("<h2 id=\"the-refund\">"), "{out}");
        assert!(out.contains("<h2 id=\"the-refund-2\">"), "{out}");
        assert!(out.contains("<h2 id=\"mine\">"), "{out}");
    }

    #[test]
    fn summary_from_more_marker() {
        let r = render(
            "First.\n\nSecond.\n\n<!-- more -->\n\nThird.\n",
            MarkdownOptions::ESCAPED_HTML,
        );
        assert_eq!(
            r.summary_html.as_deref(),
            Some("<p>First.</p>\n<p>Second.</p>\n")
        );
        assert!(r.html.contains("<p>Third.</p>"));
        assert!(!r.html.contains("more"));
    }

    #[test]
    fn summary_from_first_paragraph() {
        let r = render(
            "# Title\n\n> quoted\n\nFirst *real* one.\n\nSecond.\n",
            MarkdownOptions::ESCAPED_HTML,
        );
        assert_eq!(
            r.summary_html.as_deref(),
            Some("<p>First <em>real</em> one.</p>\n")
        );
        assert_eq!(r.word_count, 6);
    }

    #[test]
    fn raw_html_is_escaped_unless_trusted() {
        let md = "Hi <b>there</b>\n\n<script>alert(1)</script>\n";
        let escaped = html(md);
        assert!(
            !escaped.contains("<script>") && !escaped.contains("<b>"),
            "{escaped}"
        );
        assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
        let trusted = render(md, MarkdownOptions::TRUSTED_HTML).html;
        assert!(trusted.contains("<b>there</b>"));
    }

    #[test]
    fn html_comments_are_dropped() {
        let out = html("Text\n\n<!-- private note -->\n\nMore\n");
        assert!(!out.contains("private"), "{out}");
        assert!(!out.contains("<p></p>"), "{out}");
    }

    #[test]
    fn script_urls_are_dropped() {
        let out = html("[click](javascript:alert(1)) and ![x](javascript:bad)");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("click"), "{out}");
    }

    #[test]
    fn public_links_are_nofollow_and_images_become_links() {
        let r = render(
            "[site](https://e.com \"t\") ![pic](https://e.com/p.png)",
            MarkdownOptions::PUBLIC,
        );
        assert!(
            r.html
                .contains("<a href=\"https://e.com\" rel=\"nofollow ugc\" title=\"t\">site</a>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<img"), "{}", r.html);
    }

    #[test]
    fn titled_images_alone_in_a_paragraph_become_figures() {
        let out =
            html("![A shop](shop.jpg \"The shop in 2011\")\n\nText ![inline](x.png \"t\") here.\n");
        assert!(
            out.contains("<figure><img src=\"shop.jpg\" alt=\"A shop\" loading=\"lazy\" decoding=\"async\"><figcaption>The shop in 2011</figcaption></figure>"),
            "{out}"
        );
        assert!(out.contains("<p>Text <img"), "{out}");
    }

    fn photo(
        src: &str,
        caption: Option<&str>,
        credit: Option<&str>,
        url: Option<&str>,
    ) -> ImageInput {
        ImageInput {
            src: src.into(),
            position: crate::diagnostics::Position::new(1, 1),
            alt: None,
            caption: caption.map(Into::into),
            credit: credit.map(Into::into),
            credit_url: url.map(Into::into),
        }
    }

    fn with_captions(md: &str, captions: &[ImageInput]) -> Rendered {
        let links = Links {
            captions,
            credit_word: "Photo:",
            ..Links::NONE
        };
        render_with(md, MarkdownOptions::ESCAPED_HTML, &links)
    }

    #[test]
    fn photos_of_the_front_matter_caption_and_credit_their_figures() {
        let captions = [
            photo(
                "desk.jpg",
                Some("The desk <after> the refit"),
                Some("Ann & Co"),
                Some("https://ann.example/?a=1&b=\"2\""),
            ),
            photo("van.jpg", None, Some("Lee"), None),
            photo("unused.jpg", Some("Never shown"), None, None),
            photo("inline.jpg", Some("Inline"), None, None),
        ];
        let r = with_captions(
            "![The desk](desk.jpg)\n\n![The van](van.jpg \"The van, loaded\")\n\nText ![x](inline.jpg) here.\n\n![Again](desk.jpg)\n",
            &captions,
        );
        assert!(
            r.html.contains("<figure><img src=\"desk.jpg\" alt=\"The desk\" loading=\"lazy\" decoding=\"async\"><figcaption>The desk &lt;after&gt; the refit · Photo: <a href=\"https://ann.example/?a=1&amp;b=&quot;2&quot;\" rel=\"nofollow noopener\">Ann &amp; Co</a></figcaption></figure>"),
            "{}",
            r.html
        );
        // The title is the caption when the entry gives none; a credit without link is text.
        assert!(
            r.html
                .contains("<figcaption>The van, loaded · Photo: Lee</figcaption>"),
            "{}",
            r.html
        );
        // An image inside a sentence stays an image.
        assert!(
            r.html.contains("<p>Text <img src=\"inline.jpg\""),
            "{}",
            r.html
        );
        assert_eq!(
            r.captioned,
            vec!["desk.jpg".to_owned(), "van.jpg".to_owned()]
        );
    }

    #[test]
    fn a_credit_alone_makes_a_figure_without_a_caption() {
        let captions = [photo(
            "a.png",
            None,
            Some("Kim"),
            Some("https://kim.example"),
        )];
        let r = with_captions("![A](a.png)\n", &captions);
        assert_eq!(
            r.html,
            "<figure><img src=\"a.png\" alt=\"A\" loading=\"lazy\" decoding=\"async\"><figcaption>Photo: <a href=\"https://kim.example\" rel=\"nofollow noopener\">Kim</a></figcaption></figure>\n"
        );
        // Without an entry or a title, an image alone in its paragraph stays a paragraph.
        let plain = with_captions("![B](b.png)\n", &captions);
        assert!(
            plain.html.starts_with("<p><img src=\"b.png\""),
            "{}",
            plain.html
        );
        assert!(plain.captioned.is_empty());
    }

    /// Renders `md` with images of known size: `/images/wide.png` (3x2, in static/) and
    /// `shop.png` (640x480, in the bundle).
    fn html_with_sizes(md: &str) -> Rendered {
        let size = |src: &str| match src {
            "/images/wide.png" => Some(ImageSize::plain(3, 2)),
            "shop.png" => Some(ImageSize::plain(640, 480)),
            _ => None,
        };
        let links = Links {
            image_size: &size,
            ..Links::NONE
        };
        render_with(md, MarkdownOptions::ESCAPED_HTML, &links)
    }

    #[test]
    fn images_get_their_size_and_load_lazily() {
        let r = html_with_sizes(
            "Before ![A *wide* one](/images/wide.png \"t\") after.\n\n![Far](https://cdn.example/x.png)\n",
        );
        assert!(
            r.html.contains("<p>Before <img src=\"/images/wide.png\" alt=\"A wide one\" title=\"t\" width=\"3\" height=\"2\" loading=\"lazy\" decoding=\"async\" /> after.</p>"),
            "{}",
            r.html
        );
        // A remote image has no size, and loads lazily all the same.
        assert!(
            r.html.contains("<p><img src=\"https://cdn.example/x.png\" alt=\"Far\" loading=\"lazy\" decoding=\"async\" /></p>"),
            "{}",
            r.html
        );
        // The summary (first paragraph) shows the same image; alt texts still count as words.
        assert!(
            r.summary_html
                .as_deref()
                .is_some_and(|s| s.contains("width=\"3\" height=\"2\"")),
            "{:?}",
            r.summary_html
        );
        assert_eq!(r.word_count, 6);
    }

    #[test]
    fn figures_get_their_size() {
        let out = html_with_sizes("![The shop](shop.png \"The shop in 2011\")\n").html;
        assert_eq!(
            out,
            "<figure><img src=\"shop.png\" alt=\"The shop\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\"><figcaption>The shop in 2011</figcaption></figure>\n"
        );
    }

    #[test]
    fn processed_photos_become_pictures_of_their_copies() {
        let size = |src: &str| {
            (src == "shop.jpg").then_some(ImageSize {
                width: 1000,
                height: 500,
                variants: Some(crate::load::Fallback::Jpeg),
            })
        };
        let settings = ImageSettings::default();
        let links = Links {
            image_size: &size,
            photos: Some(&settings),
            ..Links::NONE
        };
        let r = render_with("![Shop](shop.jpg)\n", MarkdownOptions::ESCAPED_HTML, &links);
        let sizes = plan::BODY_SIZES;
        assert_eq!(
            r.html,
            format!(
                "<p><picture><source type=\"image/webp\" srcset=\"shop-480w.webp 480w, shop-960w.webp 960w, shop-1000w.webp 1000w\" sizes=\"{sizes}\"><img src=\"shop.jpg\" alt=\"Shop\" srcset=\"shop-480w.jpg 480w, shop-960w.jpg 960w, shop-1000w.jpg 1000w\" sizes=\"{sizes}\" width=\"1000\" height=\"500\" loading=\"lazy\" decoding=\"async\" /></picture></p>\n"
            )
        );
    }

    #[test]
    fn an_image_inside_a_link_keeps_the_link() {
        let out = html_with_sizes("[![Shop](shop.png)](https://shop.example/)\n").html;
        assert_eq!(
            out,
            "<p><a href=\"https://shop.example/\"><img src=\"shop.png\" alt=\"Shop\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\" /></a></p>\n"
        );
    }

    #[test]
    fn internal_links_resolve_and_broken_ones_are_reported_with_their_offset() {
        let resolve = |p: &str| (p == "stories/a.md").then(|| "/stories/a/".to_owned());
        let files = vec!["photo.jpg".to_owned()];
        let links = Links {
            internal: &resolve,
            local_files: Some(&files),
            ..Links::NONE
        };
        let md = "[ok](@/stories/a.md#part) [bad](@/stories/zz.md)\n\n![x](photo.jpg) ![y](missing.png)\n";
        let r = render_with(md, MarkdownOptions::ESCAPED_HTML, &links);
        assert!(
            r.html.contains("<a href=\"/stories/a/#part\">ok</a>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("@/"), "{}", r.html);
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(r.problems[0].message.contains("@/stories/zz.md"));
        assert_eq!(&md[r.problems[0].offset..r.problems[0].offset + 5], "[bad]");
        assert!(r.problems[1].message.contains("missing.png"));
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(200), 1);
        assert_eq!(reading_minutes(201), 2);
    }
}
