//! The WordPress export (WXR) as a stream of records, one `<item>` at a time, so memory stays
//! flat whatever the export's size.
//!
//! Real exports are often not well-formed, so the reader is lenient where WordPress's own
//! importer is: control bytes (NUL in serialized post meta, U+000B) are dropped before the XML
//! parser sees them, invalid UTF-8 becomes U+FFFD, unknown entities (`&nbsp;`) are kept as
//! written for the HTML stage, end tags are not matched against start tags, and text before
//! `<rss>` is ignored. What cannot be read is an error with the line and column of the export.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The channel's own fields, read before the first record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ChannelInfo {
    pub title: String,
    pub link: String,
    pub wxr_version: Option<String>,
}

/// An author of the blog (`wp:author`): only what may be published is kept (no login shown,
/// no email read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Author {
    pub login: String,
    pub display_name: String,
}

/// A category or tag of the blog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Term {
    pub slug: String,
    pub name: String,
    /// The parent category's slug, for categories.
    pub parent: String,
}

/// A category or tag attached to an item (`<category domain="post_tag" nicename="x">X</category>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ItemTerm {
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// A reader comment. Emails and IP addresses are never read into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Comment {
    pub id: String,
    pub author: String,
    pub author_url: String,
    pub date: String,
    pub date_gmt: String,
    pub content: String,
    pub approved: String,
    pub kind: String,
    pub parent: String,
}

/// One `<item>`: a post, page, attachment, menu item, revision ...
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Item {
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub id: String,
    pub date: String,
    pub date_gmt: String,
    pub name: String,
    pub status: String,
    pub post_type: String,
    pub password: String,
    pub parent: String,
    pub attachment_url: String,
    pub terms: Vec<ItemTerm>,
    pub meta: Vec<(String, String)>,
    pub comments: Vec<Comment>,
}

impl Item {
    /// The first value of a post meta key.
    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// One record of the export, in the order the export holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Record {
    Author(Author),
    Category(Term),
    Tag(Term),
    Item(Box<Item>),
}

/// Why the export could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WxrError {
    /// The file is XML (or a feed) but not a WordPress export.
    NotWxr(String),
    /// The XML cannot be read on from here.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    Io(String),
}

impl std::fmt::Display for WxrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WxrError::NotWxr(what) => write!(f, "not a WordPress export: {what}"),
            WxrError::Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            WxrError::Io(e) => f.write_str(e),
        }
    }
}

/// Makes the export readable XML text on the fly: drops the control bytes XML forbids (all
/// below 0x20 but tab, LF and CR; they never occur inside a multi-byte UTF-8 sequence, so
/// dropping them byte by byte is safe) and replaces invalid UTF-8 with U+FFFD. A sequence cut
/// by the end of a read waits for the next one.
struct Repaired<R> {
    inner: R,
    raw: Vec<u8>,
    /// Repaired bytes not yet handed out.
    ready: Vec<u8>,
    handed: usize,
    at_end: bool,
}

fn is_forbidden_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')
}

const REPLACEMENT: &[u8] = "\u{fffd}".as_bytes();

impl<R: Read> Repaired<R> {
    fn new(inner: R) -> Self {
        Repaired {
            inner,
            raw: Vec::with_capacity(64 * 1024),
            ready: Vec::with_capacity(64 * 1024),
            handed: 0,
            at_end: false,
        }
    }

    /// Reads and repairs the next chunk into `ready`.
    fn refill(&mut self) -> std::io::Result<()> {
        self.ready.clear();
        self.handed = 0;
        while self.ready.is_empty() && !(self.at_end && self.raw.is_empty()) {
            let carried = self.raw.len();
            self.raw.resize(carried + 64 * 1024, 0);
            let n = self.inner.read(&mut self.raw[carried..])?;
            self.raw.truncate(carried + n);
            if n == 0 {
                self.at_end = true;
            }
            self.raw.retain(|b| !is_forbidden_control(*b));
            let mut input: &[u8] = &self.raw;
            let mut carry = Vec::new();
            loop {
                match std::str::from_utf8(input) {
                    Ok(_) => {
                        self.ready.extend_from_slice(input);
                        break;
                    }
                    Err(e) => {
                        let valid = e.valid_up_to();
                        self.ready.extend_from_slice(&input[..valid]);
                        match e.error_len() {
                            Some(bad) => {
                                self.ready.extend_from_slice(REPLACEMENT);
                                input = &input[valid + bad..];
                            }
                            None if self.at_end => {
                                self.ready.extend_from_slice(REPLACEMENT);
                                break;
                            }
                            None => {
                                carry = input[valid..].to_vec();
                                break;
                            }
                        }
                    }
                }
            }
            self.raw = carry;
        }
        Ok(())
    }
}

impl<R: Read> Read for Repaired<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.handed >= self.ready.len() {
            self.refill()?;
        }
        let available = &self.ready[self.handed..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.handed += n;
        Ok(n)
    }
}

/// Where an element's text goes once it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Channel,
    Author,
    Category,
    Tag,
    Item,
    Meta,
    Comment,
    Other,
}

/// Reads an export record by record.
pub(super) struct WxrReader {
    path: PathBuf,
    xml: Reader<BufReader<Repaired<std::fs::File>>>,
    buf: Vec<u8>,
    channel: ChannelInfo,
    /// Whether `<rss>` (or any root) was seen, and its name.
    root: Option<String>,
    /// Whether the root declared the WordPress export namespace.
    wxr_namespace: bool,
    depth_names: Vec<String>,
    scopes: Vec<Scope>,
    text: String,
    author: Author,
    term: Term,
    item: Item,
    meta: (String, String),
    comment: Comment,
    done: bool,
}

impl std::fmt::Debug for WxrReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WxrReader")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl WxrReader {
    pub(super) fn open(path: &Path) -> Result<WxrReader, WxrError> {
        let file = std::fs::File::open(path)
            .map_err(|e| WxrError::Io(format!("cannot read {}: {e}", path.display())))?;
        let mut xml = Reader::from_reader(BufReader::with_capacity(64 * 1024, Repaired::new(file)));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.expand_empty_elements = true;
        config.check_comments = false;
        Ok(WxrReader {
            path: path.to_path_buf(),
            xml,
            buf: Vec::with_capacity(64 * 1024),
            channel: ChannelInfo::default(),
            root: None,
            wxr_namespace: false,
            depth_names: Vec::new(),
            scopes: Vec::new(),
            text: String::new(),
            author: Author::default(),
            term: Term::default(),
            item: Item::default(),
            meta: Default::default(),
            comment: Comment::default(),
            done: false,
        })
    }

    /// The channel's fields read so far (all of them once the first record was returned).
    pub(super) fn channel(&self) -> &ChannelInfo {
        &self.channel
    }

    /// Bytes of the export read so far (control bytes not counted).
    pub(super) fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    /// The next record, or `None` at the end of the export.
    pub(super) fn next_record(&mut self) -> Result<Option<Record>, WxrError> {
        let mut buf = std::mem::take(&mut self.buf);
        let result = loop {
            if self.done {
                break Ok(None);
            }
            buf.clear();
            let event = match self.xml.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(e) => {
                    self.done = true;
                    let at = self.xml.error_position();
                    break Err(self.syntax_error(at, &e.to_string()));
                }
            };
            match self.handle(event) {
                Ok(None) => {}
                other => break other,
            }
        };
        self.buf = buf;
        result
    }

    fn handle(&mut self, event: Event<'_>) -> Result<Option<Record>, WxrError> {
        match event {
            Event::Start(start) => {
                let scope = self.enter(&start)?;
                self.scopes.push(scope);
                self.depth_names.push(start.name().as_ref().to_owned());
                self.text.clear();
            }
            Event::End(_) => {
                let Some(name) = self.depth_names.pop() else {
                    return Ok(None);
                };
                let scope = self.scopes.pop().unwrap_or(Scope::Other);
                if let Some(record) = self.leave(&name, scope)? {
                    return Ok(Some(record));
                }
                self.text.clear();
            }
            Event::Text(text) => self.text.push_str(&text),
            Event::CData(data) => self.text.push_str(&data),
            Event::GeneralRef(reference) => {
                self.text.push_str(&resolve_reference(&reference));
            }
            Event::Eof => {
                self.done = true;
                if self.root.is_none() {
                    return Err(WxrError::NotWxr("the file holds no XML element".into()));
                }
                if let Some(open) = self.depth_names.last() {
                    let message = format!("the export ends inside <{open}>: the file is cut short");
                    return Err(self.syntax_error(self.xml.buffer_position(), &message));
                }
            }
            _ => {}
        }
        Ok(None)
    }

    /// The scope of an element being opened; checks the root.
    fn enter(&mut self, start: &BytesStart<'_>) -> Result<Scope, WxrError> {
        let name = start.name();
        let name = name.as_ref();
        let parent = self.scopes.last().copied();
        if self.root.is_none() {
            let root = name.to_owned();
            if root != "rss" {
                return Err(WxrError::NotWxr(format!(
                    "its root element is <{root}>, where a WordPress export has <rss>"
                )));
            }
            self.wxr_namespace = attributes(start)
                .iter()
                .any(|(k, v)| k.starts_with("xmlns:") && v.contains("wordpress.org/export/"));
            self.root = Some(root);
            return Ok(Scope::Other);
        }
        Ok(match (parent, name) {
            (Some(Scope::Other), "channel") if self.depth_names.len() == 1 => Scope::Channel,
            (Some(Scope::Channel), "wp:author") => {
                self.author = Author::default();
                Scope::Author
            }
            (Some(Scope::Channel), "wp:category") => {
                self.term = Term::default();
                Scope::Category
            }
            (Some(Scope::Channel), "wp:tag") => {
                self.term = Term::default();
                Scope::Tag
            }
            (Some(Scope::Channel), "item") => {
                self.check_is_wxr()?;
                self.item = Item::default();
                Scope::Item
            }
            (Some(Scope::Item), "wp:postmeta") => {
                self.meta = Default::default();
                Scope::Meta
            }
            (Some(Scope::Item), "wp:comment") => {
                self.comment = Comment::default();
                Scope::Comment
            }
            (Some(Scope::Item), "category") => {
                let mut term = ItemTerm::default();
                for (key, value) in attributes(start) {
                    match key.as_str() {
                        "domain" => term.domain = value,
                        "nicename" => term.nicename = value,
                        _ => {}
                    }
                }
                self.item.terms.push(term);
                Scope::Other
            }
            _ => Scope::Other,
        })
    }

    /// Stores the text of an element that ended; returns a record when one is complete.
    fn leave(&mut self, name: &str, scope: Scope) -> Result<Option<Record>, WxrError> {
        let parent = self.scopes.last().copied();
        let text = std::mem::take(&mut self.text);
        match scope {
            Scope::Author => return Ok(Some(Record::Author(std::mem::take(&mut self.author)))),
            Scope::Category => return Ok(Some(Record::Category(std::mem::take(&mut self.term)))),
            Scope::Tag => return Ok(Some(Record::Tag(std::mem::take(&mut self.term)))),
            Scope::Item => {
                return Ok(Some(Record::Item(Box::new(std::mem::take(&mut self.item)))));
            }
            Scope::Meta => {
                let meta = std::mem::take(&mut self.meta);
                self.item.meta.push(meta);
                return Ok(None);
            }
            Scope::Comment => {
                let comment = std::mem::take(&mut self.comment);
                self.item.comments.push(comment);
                return Ok(None);
            }
            Scope::Channel | Scope::Other => {}
        }
        match parent {
            Some(Scope::Channel) => match name {
                "title" => self.channel.title = text,
                "link" => self.channel.link = text,
                "wp:wxr_version" => self.channel.wxr_version = Some(text),
                _ => {}
            },
            Some(Scope::Author) => match name {
                "wp:author_login" => self.author.login = text,
                "wp:author_display_name" => self.author.display_name = text,
                _ => {}
            },
            Some(Scope::Category) => match name {
                "wp:category_nicename" => self.term.slug = text,
                "wp:category_parent" => self.term.parent = text,
                "wp:cat_name" => self.term.name = text,
                _ => {}
            },
            Some(Scope::Tag) => match name {
                "wp:tag_slug" => self.term.slug = text,
                "wp:tag_name" => self.term.name = text,
                _ => {}
            },
            Some(Scope::Item) => self.item_field(name, text),
            Some(Scope::Meta) => match name {
                "wp:meta_key" => self.meta.0 = text,
                "wp:meta_value" => self.meta.1 = text,
                _ => {}
            },
            Some(Scope::Comment) => self.comment_field(name, text),
            _ => {}
        }
        Ok(None)
    }

    fn item_field(&mut self, name: &str, text: String) {
        let item = &mut self.item;
        match name {
            "title" => item.title = text,
            "link" => item.link = text,
            "dc:creator" => item.creator = text,
            "content:encoded" => item.content = text,
            "excerpt:encoded" => item.excerpt = text,
            "wp:post_id" => item.id = text.trim().to_owned(),
            "wp:post_date" => item.date = text,
            "wp:post_date_gmt" => item.date_gmt = text,
            "wp:post_name" => item.name = text,
            "wp:status" => item.status = text,
            "wp:post_type" => item.post_type = text,
            "wp:post_password" => item.password = text,
            "wp:post_parent" => item.parent = text,
            "wp:attachment_url" => item.attachment_url = text,
            "category" => {
                if let Some(term) = item.terms.last_mut() {
                    term.name = text;
                }
            }
            _ => {}
        }
    }

    fn comment_field(&mut self, name: &str, text: String) {
        let comment = &mut self.comment;
        match name {
            "wp:comment_id" => comment.id = text.trim().to_owned(),
            "wp:comment_author" => comment.author = text,
            "wp:comment_author_url" => comment.author_url = text,
            "wp:comment_date" => comment.date = text,
            "wp:comment_date_gmt" => comment.date_gmt = text,
            "wp:comment_content" => comment.content = text,
            "wp:comment_approved" => comment.approved = text.trim().to_owned(),
            "wp:comment_type" => comment.kind = text.trim().to_owned(),
            "wp:comment_parent" => comment.parent = text.trim().to_owned(),
            // Emails and IP addresses are never kept.
            _ => {}
        }
    }

    /// A feed without the export's namespace or version is an RSS feed, not an export.
    fn check_is_wxr(&self) -> Result<(), WxrError> {
        if self.wxr_namespace || self.channel.wxr_version.is_some() {
            return Ok(());
        }
        Err(WxrError::NotWxr(
            "it is an RSS feed without WordPress's export fields (no wp:wxr_version); \
             export with Tools > Export in WordPress's dashboard"
                .into(),
        ))
    }

    fn syntax_error(&self, filtered_offset: u64, message: &str) -> WxrError {
        let (line, column) = locate(&self.path, filtered_offset).unwrap_or((0, 0));
        WxrError::Syntax {
            line,
            column,
            message: message.to_owned(),
        }
    }
}

/// The attributes of an element, unescaped, leniently.
fn attributes(start: &BytesStart<'_>) -> Vec<(String, String)> {
    let mut list = Vec::new();
    for attribute in start.attributes().with_checks(false).flatten() {
        let key = attribute.key.as_ref().to_owned();
        let value = unescape(&attribute.value);
        list.push((key, value));
    }
    list
}

/// `&amp;` and friends and numeric references resolved; any other entity (`&nbsp;`, an HTML
/// name) kept as written, for the HTML stage to read.
fn resolve_reference(name: &str) -> String {
    let resolved = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name.strip_prefix('#').and_then(|number| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        }),
    };
    match resolved {
        Some(c) => c.to_string(),
        None => format!("&{name};"),
    }
}

/// Resolves the references of an attribute value.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find(';') {
            Some(end) if end <= 32 && !after[..end].contains(['&', ' ']) => {
                out.push_str(&resolve_reference(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Line and column (1-based, in characters) of an offset into the repaired export, found by
/// reading the file again: only ever done once, for an error. (Invalid UTF-8 before the
/// offset can shift the column; the line stays right.)
fn locate(path: &Path, filtered_offset: u64) -> Option<(usize, usize)> {
    let mut reader = BufReader::new(std::fs::File::open(path).ok()?);
    let (mut line, mut column, mut seen) = (1usize, 1usize, 0u64);
    loop {
        let chunk = reader.fill_buf().ok()?;
        if chunk.is_empty() {
            return Some((line, column));
        }
        let len = chunk.len();
        for &byte in chunk {
            if is_forbidden_control(byte) {
                continue;
            }
            if seen >= filtered_offset {
                return Some((line, column));
            }
            seen += 1;
            if byte == b'\n' {
                line += 1;
                column = 1;
            } else if byte & 0xC0 != 0x80 {
                column += 1;
            }
        }
        reader.consume(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(xml: &[u8]) -> Result<Vec<Record>, WxrError> {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("export.xml");
        std::fs::write(&path, xml).expect("write");
        let mut reader = WxrReader::open(&path)?;
        let mut all = Vec::new();
        while let Some(record) = reader.next_record()? {
            all.push(record);
        }
        Ok(all)
    }

    const HEAD: &str = "<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" \
        xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>T</title>\
        <wp:wxr_version>1.2</wp:wxr_version>";

    fn item_of(records: &[Record]) -> &Item {
        records
            .iter()
            .find_map(|r| match r {
                Record::Item(item) => Some(item.as_ref()),
                _ => None,
            })
            .expect("an item")
    }

    #[test]
    fn control_bytes_invalid_utf8_and_split_cdata_are_recovered() {
        let mut xml = format!("stray line before the XML\n{HEAD}<item><title>A\u{b} title</title>")
            .into_bytes();
        xml.extend_from_slice(
            b"<content:encoded><![CDATA[one ]]]]><![CDATA[> two \xff]]></content:encoded>",
        );
        xml.extend_from_slice(b"<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>a\x00b</wp:meta_value></wp:postmeta>");
        xml.extend_from_slice(b"</item></channel></rss>");
        let all = records(&xml).expect("read");
        let item = item_of(&all);
        assert_eq!(item.title, "A title");
        assert_eq!(item.content, "one ]]> two \u{fffd}");
        assert_eq!(item.meta("k"), Some("ab"));
    }

    #[test]
    fn entities_resolve_and_unknown_ones_stay() {
        let xml = format!(
            "{HEAD}<item><title>Fish &amp; chips&nbsp;&#233;&#x41;</title></item></channel></rss>"
        );
        let all = records(xml.as_bytes()).expect("read");
        assert_eq!(item_of(&all).title, "Fish & chips&nbsp;\u{e9}A");
    }

    #[test]
    fn a_plain_feed_and_other_roots_are_not_exports() {
        let feed = "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title></item></channel></rss>";
        assert!(matches!(records(feed.as_bytes()), Err(WxrError::NotWxr(_))));
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>";
        assert!(matches!(records(atom.as_bytes()), Err(WxrError::NotWxr(_))));
        assert!(matches!(records(b"just text"), Err(WxrError::NotWxr(_))));
    }

    #[test]
    fn a_cut_export_names_line_and_column() {
        let xml = format!("{HEAD}\n<item><title>x</title>\n<content:encoded><![CDATA[half");
        match records(xml.as_bytes()) {
            Err(WxrError::Syntax { line, .. }) => assert!(line >= 2, "line {line}"),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn comments_keep_no_email_or_ip() {
        let xml = format!(
            "{HEAD}<item><wp:comment><wp:comment_id>7</wp:comment_id>\
             <wp:comment_author_email>a@b.example</wp:comment_author_email>\
             <wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>\
             <wp:comment_content>hi</wp:comment_content></wp:comment></item></channel></rss>"
        );
        let all = records(xml.as_bytes()).expect("read");
        let text = format!("{all:?}");
        assert!(!text.contains("a@b.example") && !text.contains("192.0.2.1"));
        assert_eq!(item_of(&all).comments[0].id, "7");
    }
}
