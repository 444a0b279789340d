//! Atom feeds (RFC 4287) for the site, each company, author, tag, category and series; the
//! sitemap (split into an index above 50,000 URLs) and robots.txt. Written directly as XML, with
//! every value escaped and every URL in content made absolute.

use std::fmt::Write as _;

/// Escapes text for XML element content and attributes.
pub fn escape_xml(text: &str) -> String {
    // Copies runs of plain text whole: feeds escape every story's HTML, so this is hot. Every
    // character that needs work is ASCII or starts with the byte 0xEF (U+FFFE, U+FFFF), so the
    // scan can go byte by byte and still cut only at character boundaries.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // Characters XML 1.0 does not allow at all.
            b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => ("", 1),
            // U+FFFE and U+FFFF.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
    out
}

/// Rewrites `href="..."` and `src="..."` in rendered HTML so that site paths (`/x`) and
/// relative references (`photo.jpg`, relative to `page_url`) become absolute URLs: feed readers
/// have no page to resolve them against. Only attributes of tags are touched: text that shows
/// HTML (`<code>&lt;img src="pic.png"&gt;</code>`, where only `<` and `>` are escaped) and
/// look-alike attributes (`data-src`) keep their values. One pass, linear in the HTML.
pub fn absolutize(html: &str, origin: &str, page_url: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    let mut in_tag = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if !in_tag => in_tag = true,
            b'>' if in_tag => in_tag = false,
            b'"' if in_tag => {
                let close = html[i + 1..].find('"').map_or(bytes.len(), |e| i + 1 + e);
                if is_url_attribute(&html[..i]) {
                    out.push_str(&html[copied..=i]);
                    push_absolute(&mut out, &html[i + 1..close], origin, page_url);
                    copied = close;
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&html[copied.min(html.len())..]);
    out
}

/// Whether `before` (the HTML up to an opening quote inside a tag) ends with ` href=` or ` src=`.
fn is_url_attribute(before: &str) -> bool {
    let Some(name_end) = before.strip_suffix('=') else {
        return false;
    };
    ["href", "src"].iter().any(|name| {
        name_end.len() > name.len()
            && name_end[name_end.len() - name.len()..].eq_ignore_ascii_case(name)
            && name_end.as_bytes()[name_end.len() - name.len() - 1].is_ascii_whitespace()
    })
}

/// `value` as an absolute URL: kept when it has a scheme, is a fragment or is empty.
fn push_absolute(out: &mut String, value: &str, origin: &str, page_url: &str) {
    let lower = value.to_ascii_lowercase();
    let is_absolute = lower.contains("://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
        || value.is_empty();
    if is_absolute {
        out.push_str(value);
    } else if value.starts_with("//") {
        out.push_str("https:");
        out.push_str(value);
    } else if value.starts_with('/') {
        out.push_str(origin);
        out.push_str(value);
    } else {
        out.push_str(origin);
        out.push_str(page_url);
        out.push_str(value);
    }
}

/// One entry of a feed.
#[derive(Debug)]
pub struct Entry<'a> {
    pub title: &'a str,
    /// Absolute URL; also the entry's id.
    pub url: String,
    pub published: String,
    pub updated: String,
    pub author: &'a str,
    pub author_url: String,
    pub categories: Vec<&'a str>,
    /// HTML with absolute URLs.
    pub summary_html: String,
    /// Full HTML with absolute URLs, `None` for summary-only feeds.
    pub content_html: Option<String>,
}

/// A whole feed.
#[derive(Debug)]
pub struct Feed<'a> {
    pub title: String,
    pub subtitle: &'a str,
    /// Absolute URL of the feed itself.
    pub self_url: String,
    /// Absolute URL of the page the feed follows.
    pub page_url: String,
    /// Newest `updated` of the entries, else the site's newest date.
    pub updated: String,
    pub language: &'a str,
    pub generator_version: &'static str,
    pub entries: Vec<Entry<'a>>,
}

/// The Atom XML of `feed`.
pub fn atom(feed: &Feed<'_>) -> String {
    let mut x = String::with_capacity(4096 + feed.entries.len() * 2048);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape_xml(feed.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", escape_xml(&feed.title));
    if !feed.subtitle.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape_xml(feed.subtitle));
    }
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape_xml(&feed.self_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_xml(&feed.page_url)
    );
    let _ = writeln!(x, "  <id>{}</id>", escape_xml(&feed.self_url));
    let _ = writeln!(x, "  <updated>{}</updated>", escape_xml(&feed.updated));
    let _ = writeln!(
        x,
        "  <generator uri=\"https://crates.io/crates/rave\" version=\"{}\">rave</generator>",
        feed.generator_version
    );
    for e in &feed.entries {
        x.push_str("  <entry>\n");
        let _ = writeln!(
            x,
            "    <title type=\"text\">{}</title>",
            escape_xml(e.title)
        );
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_xml(&e.url)
        );
        let _ = writeln!(x, "    <id>{}</id>", escape_xml(&e.url));
        let _ = writeln!(x, "    <published>{}</published>", escape_xml(&e.published));
        let _ = writeln!(x, "    <updated>{}</updated>", escape_xml(&e.updated));
        let _ = writeln!(
            x,
            "    <author><name>{}</name><uri>{}</uri></author>",
            escape_xml(e.author),
            escape_xml(&e.author_url)
        );
        for c in &e.categories {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape_xml(c));
        }
        if !e.summary_html.is_empty() {
            let _ = writeln!(
                x,
                "    <summary type=\"html\">{}</summary>",
                escape_xml(&e.summary_html)
            );
        }
        if let Some(content) = &e.content_html {
            let _ = writeln!(
                x,
                "    <content type=\"html\">{}</content>",
                escape_xml(content)
            );
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// A URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SitemapUrl {
    /// Absolute.
    pub loc: String,
    /// `YYYY-MM-DD`, when known.
    pub lastmod: Option<String>,
}

/// Most URLs one sitemap file may list.
pub const SITEMAP_LIMIT: usize = 50_000;

/// The sitemap files: `[("sitemap.xml", xml)]`, or above [`SITEMAP_LIMIT`] URLs an index at
/// `sitemap.xml` pointing to `sitemap-1.xml`, `sitemap-2.xml`...
pub fn sitemaps(urls: &[SitemapUrl], origin_root: &str, limit: usize) -> Vec<(String, String)> {
    let limit = limit.max(1);
    let urlset = |chunk: &[SitemapUrl]| {
        let mut x = String::with_capacity(128 + chunk.len() * 96);
        x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for u in chunk {
            let _ = write!(x, "  <url><loc>{}</loc>", escape_xml(&u.loc));
            if let Some(m) = &u.lastmod {
                let _ = write!(x, "<lastmod>{}</lastmod>", escape_xml(m));
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x
    };
    if urls.len() <= limit {
        return vec![("sitemap.xml".to_owned(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape_xml(&format!("{origin_root}{name}"))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_owned(), index));
    files
}

/// robots.txt that allows everything and names the sitemap.
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_forbidden_characters() {
        assert_eq!(
            escape_xml("a<b>&\"c\"'\u{1}]]>"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;]]&gt;"
        );
    }

    #[test]
    fn escape_xml_keeps_other_text_whole() {
        assert_eq!(
            escape_xml("é★\u{FFFD}\u{FFFE}x\u{FFFF}\u{EFFF}\t\r\n\u{1F}€"),
            "é★\u{FFFD}x\u{EFFF}\t\r\n€"
        );
        assert_eq!(escape_xml(""), "");
        assert_eq!(escape_xml("plain"), "plain");
    }

    #[test]
    fn makes_urls_absolute() {
        let html = r##"<a href="/companies/x/">x</a><img src="photo.jpg"><a href="https://o.org/">o</a><a href="#fn1">1</a>"##;
        assert_eq!(
            absolutize(html, "https://e.com", "/blog/stories/s/"),
            r##"<a href="https://e.com/companies/x/">x</a><img src="https://e.com/blog/stories/s/photo.jpg"><a href="https://o.org/">o</a><a href="#fn1">1</a>"##
        );
    }

    #[test]
    fn leaves_html_shown_as_text_and_other_attributes_alone() {
        let html = r##"<p><code>&lt;img src="pic.png"&gt;</code> and src="x" <img data-src="lazy.png" SRC="a.png" alt="src=&quot;b&quot;"></p><a href="/x">x</a>"##;
        assert_eq!(
            absolutize(html, "https://e.com", "/s/"),
            r##"<p><code>&lt;img src="pic.png"&gt;</code> and src="x" <img data-src="lazy.png" SRC="https://e.com/s/a.png" alt="src=&quot;b&quot;"></p><a href="https://e.com/x">x</a>"##
        );
        assert_eq!(
            absolutize("<a href=\"unclosed", "https://e.com", "/"),
            "<a href=\"https://e.com/unclosed"
        );
    }

    #[test]
    fn splits_large_sitemaps_into_an_index() {
        let urls: Vec<SitemapUrl> = (0..5)
            .map(|i| SitemapUrl {
                loc: format!("https://e.com/{i}/"),
                lastmod: None,
            })
            .collect();
        let one = sitemaps(&urls, "https://e.com/", 10);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.matches("<url>").count(), 5);
        let split = sitemaps(&urls, "https://e.com/", 2);
        assert_eq!(
            split.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(split[0].1.contains("<sitemapindex"));
        assert!(
            split[0]
                .1
                .contains("<loc>https://e.com/sitemap-3.xml</loc>")
        );
    }
}
