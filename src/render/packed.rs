//! Text kept compressed while a build holds it but reads it rarely: a clean build holds every
//! story's HTML for the whole render and reads each only for its page and the full-content
//! feeds that list it. LZ4: fast both ways, and a story's HTML takes about half the room.

use std::borrow::Cow;

use crate::render::markdown::Rendered;

/// A UTF-8 text compressed with LZ4 (its length first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedText(Box<[u8]>);

impl PackedText {
    pub fn pack(text: &str) -> Self {
        PackedText(lz4_flex::block::compress_prepend_size(text.as_bytes()).into_boxed_slice())
    }

    /// The text again.
    pub fn unpack(&self) -> String {
        // Both steps only undo `pack` of a `str`: they cannot fail.
        let bytes = lz4_flex::block::decompress_size_prepended(&self.0)
            .expect("a packed text decompresses");
        String::from_utf8(bytes).expect("a packed text is the UTF-8 it was packed from")
    }

    /// Bytes held.
    pub fn packed_len(&self) -> usize {
        self.0.len()
    }
}

impl Rendered {
    /// The document's whole HTML, packed or not.
    pub fn full_html(&self) -> Cow<'_, str> {
        match &self.packed {
            Some(packed) => Cow::Owned(packed.unpack()),
            None => Cow::Borrowed(&self.html),
        }
    }

    /// Keeps the HTML packed, and drops what only the Markdown stage and `rave check` read
    /// (problems, captioned photos, links as written): for a build that holds every story's
    /// HTML through the render and reads each once or twice.
    pub fn pack(&mut self) {
        if self.packed.is_none() {
            self.packed = Some(PackedText::pack(&std::mem::take(&mut self.html)));
        }
        self.problems = Vec::new();
        self.captioned = Vec::new();
        self.written = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_to_the_text_packed() {
        let html = "<p>The “refund” took <em>six</em> weeks &amp; three calls.</p>\n".repeat(40);
        let packed = PackedText::pack(&html);
        assert!(packed.packed_len() < html.len() / 4);
        assert_eq!(packed.unpack(), html);
        assert_eq!(PackedText::pack("").unpack(), "");
        assert_eq!(PackedText::pack("é ✓ 😀").unpack(), "é ✓ 😀");
    }

    #[test]
    fn a_packed_document_reads_as_before() {
        let markdown = "Intro with a [link](https://example.com/).\n\n## Then\n\nMore *text*.\n";
        let mut rendered = crate::render::markdown::render(
            markdown,
            crate::render::markdown::MarkdownOptions::ESCAPED_HTML,
        );
        let html = rendered.html.clone();
        let summary = rendered.summary_html.clone();
        let words = rendered.word_count;
        assert!(!rendered.written.is_empty());
        rendered.pack();
        assert!(rendered.html.is_empty() && rendered.written.is_empty());
        assert_eq!(rendered.full_html(), html);
        assert_eq!(rendered.summary_html, summary);
        assert_eq!(rendered.word_count, words);
    }
}
