//! The links and images of a Markdown document as its writer wrote them, noted while the
//! document is rendered (the one parse rave makes of it), for `rave check`: its broken-link and
//! alt-text warnings read them instead of parsing the Markdown again.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A link or image of a document, before internal links resolve or unsafe URLs are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLink {
    /// Byte offset in the Markdown where the link or image starts.
    pub offset: usize,
    /// The destination as written (`/x/`, `../photo.jpg`, `@/stories/a.md`, `https://...`).
    pub url: String,
    pub kind: WrittenKind,
}

/// Whether a [`WrittenLink`] is a link or an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenKind {
    Link,
    /// `described`: the alt text (the part in brackets) has more than white space.
    Image {
        described: bool,
    },
}

impl WrittenLink {
    pub fn is_image(&self) -> bool {
        matches!(self.kind, WrittenKind::Image { .. })
    }
}

/// Notes the links and images of a stream of parser events, in document order.
#[derive(Debug, Default)]
pub(super) struct WrittenLinks {
    found: Vec<WrittenLink>,
    /// The image whose alt text is being read: its index in `found`, and the text so far.
    open_image: Option<(usize, String)>,
}

impl WrittenLinks {
    /// Notes `event`, which starts at byte `offset` of the Markdown.
    pub(super) fn see(&mut self, event: &Event<'_>, offset: usize) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => self.found.push(WrittenLink {
                offset,
                url: dest_url.to_string(),
                kind: WrittenKind::Link,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.open_image = Some((self.found.len(), String::new()));
                self.found.push(WrittenLink {
                    offset,
                    url: dest_url.to_string(),
                    kind: WrittenKind::Image { described: false },
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = &mut self.open_image {
                    alt.push_str(text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((index, alt)) = self.open_image.take()
                    && let Some(image) = self.found.get_mut(index)
                {
                    image.kind = WrittenKind::Image {
                        described: !alt.trim().is_empty(),
                    };
                }
            }
            _ => {}
        }
    }

    pub(super) fn finish(self) -> Vec<WrittenLink> {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::{MarkdownOptions, render};

    use super::*;

    #[test]
    fn rendering_notes_every_link_and_image_as_written() {
        let body = "See [the refund](/stories/refund/#reply) and [a story](@/stories/a.md).\n\n\
                    ![](a.jpg) ![A `shop` sign](b.jpg) ![ ](c.jpg)\n\n\
                    [![Logo](logo.png)](https://acme.example)\n";
        let written = render(body, MarkdownOptions::ESCAPED_HTML).written;
        let found: Vec<(usize, &str, WrittenKind)> = written
            .iter()
            .map(|w| (w.offset, w.url.as_str(), w.kind))
            .collect();
        let image = |described| WrittenKind::Image { described };
        let at = |text: &str| body.find(text).expect("in the body");
        assert_eq!(
            found,
            [
                (
                    at("[the refund]"),
                    "/stories/refund/#reply",
                    WrittenKind::Link
                ),
                (at("[a story]"), "@/stories/a.md", WrittenKind::Link),
                (at("![]"), "a.jpg", image(false)),
                (at("![A `shop`"), "b.jpg", image(true)),
                (at("![ ]"), "c.jpg", image(false)),
                (at("[![Logo]"), "https://acme.example", WrittenKind::Link),
                (at("![Logo]"), "logo.png", image(true)),
            ]
        );
        assert_eq!(written.iter().filter(|w| w.is_image()).count(), 4);
    }

    #[test]
    fn unsafe_links_are_noted_though_the_page_drops_them() {
        let rendered = render("[x](javascript:alert(1))\n", MarkdownOptions::PUBLIC);
        assert!(!rendered.html.contains("javascript"), "{}", rendered.html);
        assert_eq!(rendered.written.len(), 1);
        assert_eq!(rendered.written[0].url, "javascript:alert(1)");
    }
}
