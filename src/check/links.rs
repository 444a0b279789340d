//! Broken internal links for `rave check`: every root-relative and relative link and image of
//! story bodies, reader comments, profiles and pages, looked up in what the build wrote (pages,
//! static and bundle files, theme assets), `#anchors` included, each reported as a warning at
//! its place in the file with the nearest address the site has.
//!
//! Links written as content paths (`@/stories/x.md`) are the build's to check, and links that
//! leave the site (`https:`, `mailto:`, `//host`, a path outside a sub-folder site) are not
//! looked up.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::model::Site;
use crate::render::Bodies;
use crate::render::markdown::WrittenLink;
use crate::render::urls::Urls;

/// Everything the build wrote, by path relative to the output folder.
#[derive(Debug)]
pub(crate) struct Published<'a> {
    /// `/` or `/blog/`.
    root: String,
    /// Pages (HTML and the rest the renderer writes), to read anchors from.
    pages: &'a BTreeMap<String, Arc<[u8]>>,
    /// Every file: pages, copied files and theme assets.
    files: BTreeSet<String>,
}

impl<'a> Published<'a> {
    pub(crate) fn new(
        root: &str,
        pages: &'a BTreeMap<String, Arc<[u8]>>,
        copied: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut files: BTreeSet<String> = pages.keys().cloned().collect();
        files.extend(copied);
        Published {
            root: root.to_owned(),
            pages,
            files,
        }
    }

    /// The output file a site path (no leading `/`, no query or fragment) is served from.
    fn file_of(&self, path: &str) -> Option<&str> {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_owned(), format!("{path}/index.html")]
        };
        candidates
            .into_iter()
            .find_map(|c| self.files.get(&c).map(String::as_str))
    }

    /// The address of an output file, as a link would write it.
    fn url_of(&self, file: &str) -> String {
        let path = file
            .strip_suffix("index.html")
            .filter(|dir| dir.is_empty() || dir.ends_with('/'))
            .unwrap_or(file);
        format!("{}{path}", self.root)
    }

    /// The existing address closest in spelling to `path`: pages for links, other files for
    /// images.
    fn nearest(&self, path: &str, is_image: bool) -> Option<String> {
        self.files
            .iter()
            .filter(|f| f.ends_with(".html") != is_image)
            .filter(|f| !f.ends_with("404.html"))
            .map(|f| self.url_of(f))
            .min_by_key(|url| (strsim::levenshtein(url, path), url.clone()))
    }
}

/// One Markdown document, the page it is shown on, and its links and images as written.
pub(super) struct Document<'s> {
    pub(super) file: &'s Path,
    /// The address of the page showing it, ending in `/`: relative links start from there.
    page_url: String,
    pub(super) body: &'s str,
    pub(super) place: Place,
    /// As the Markdown stage noted them, in order.
    pub(super) written: &'s [WrittenLink],
}

/// Where a document's offsets are in its file.
#[derive(Clone, Copy)]
pub(super) enum Place {
    /// A Markdown body starting on this line of its file.
    Body(usize),
    /// A YAML value (a reader comment): findings point at the value.
    Value(Position),
}

/// Every document of the site with a body: stories, their reader comments, profiles and pages.
pub(super) fn documents<'s>(site: &'s Site, bodies: &'s Bodies, urls: &Urls) -> Vec<Document<'s>> {
    let written = &bodies.written;
    let links_of = |list: &'s [Vec<WrittenLink>], index: usize| -> &'s [WrittenLink] {
        list.get(index).map_or(&[], Vec::as_slice)
    };
    let mut docs = Vec::new();
    for (index, story) in site.stories.iter().enumerate() {
        let input = &story.input;
        let page_url = urls.story(&input.slug);
        let comment_links = written.comments.get(index).map_or(&[][..], Vec::as_slice);
        for (number, comment) in input.comments.iter().enumerate() {
            docs.push(Document {
                file: &comment.body_file,
                page_url: page_url.clone(),
                body: &comment.body,
                place: Place::Value(comment.body_position),
                written: links_of(comment_links, number),
            });
        }
        docs.push(Document {
            file: &input.origin.path,
            page_url,
            body: &input.body,
            place: Place::Body(input.body_line),
            written: bodies.stories.get(index).map_or(&[], |r| &r.written),
        });
    }
    for (index, company) in site.companies.iter().enumerate() {
        if let Some(p) = &company.profile {
            docs.push(Document {
                file: &p.origin.path,
                page_url: urls.company(&company.slug),
                body: &p.body,
                place: Place::Body(p.body_line),
                written: links_of(&written.companies, index),
            });
        }
    }
    for (index, author) in site.authors.iter().enumerate() {
        if let Some(p) = &author.profile {
            docs.push(Document {
                file: &p.origin.path,
                page_url: urls.author(&author.slug),
                body: &p.body,
                place: Place::Body(p.body_line),
                written: links_of(&written.authors, index),
            });
        }
    }
    for (index, series) in site.series.iter().enumerate() {
        if let Some(p) = &series.profile {
            docs.push(Document {
                file: &p.origin.path,
                page_url: urls.series(&series.slug),
                body: &p.body,
                place: Place::Body(p.body_line),
                written: links_of(&written.series, index),
            });
        }
    }
    for (index, page) in site.pages.iter().enumerate() {
        docs.push(Document {
            file: &page.origin.path,
            page_url: urls.page(&page.slug),
            body: &page.body,
            place: Place::Body(page.body_line),
            written: links_of(&written.pages, index),
        });
    }
    docs
}

/// Warns about every link and image of the site's Markdown that points to nothing the build
/// wrote. Places the build already reported (`out` holds its diagnostics) are not reported again.
pub(crate) fn broken_links(
    site: &Site,
    bodies: &Bodies,
    published: &Published<'_>,
    out: &mut Diagnostics,
) {
    let urls = Urls::new(&site.config);
    let reported: HashSet<(&Path, usize)> = out
        .iter()
        .filter_map(|d| d.position.map(|p| (d.path.as_path(), p.line)))
        .collect();
    let mut anchors = AnchorCache::default();
    let mut found = Vec::new();
    for doc in documents(site, bodies, &urls) {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(doc.body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for link in doc.written {
            let Some(problem) = problem_of(
                &link.url,
                link.is_image(),
                &doc.page_url,
                published,
                &mut anchors,
            ) else {
                continue;
            };
            let position = match doc.place {
                Place::Body(first_line) => {
                    position_at(doc.body, &line_starts, first_line, link.offset)
                }
                Place::Value(position) => position,
            };
            if reported.contains(&(doc.file, position.line)) {
                continue;
            }
            found.push(
                Diagnostic::warning(doc.file, problem.message)
                    .at(position)
                    .with_help(problem.help),
            );
        }
    }
    for d in found {
        out.push(d);
    }
}

/// The file position of a byte offset of a body whose lines start at `line_starts`.
fn position_at(body: &str, line_starts: &[usize], first_line: usize, offset: usize) -> Position {
    let index = line_starts
        .partition_point(|&s| s <= offset)
        .saturating_sub(1);
    let start = line_starts.get(index).copied().unwrap_or(0);
    let column = body.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
    Position::new(first_line + index, column)
}

/// A broken link's message and fix.
struct Problem {
    message: String,
    help: String,
}

/// What is wrong with `dest`, a link on the page at `page_url`; `None` when it is fine or not
/// the site's own.
fn problem_of(
    dest: &str,
    is_image: bool,
    page_url: &str,
    published: &Published<'_>,
    anchors: &mut AnchorCache,
) -> Option<Problem> {
    let site_path = site_path(dest, page_url, &published.root)?;
    let (path, fragment) = match site_path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (site_path.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let what = if is_image { "image" } else { "link" };
    let Some(file) = published.file_of(path) else {
        let tried = format!("{}{path}", published.root);
        let help = match published.nearest(&tried, is_image) {
            Some(near) => format!(
                "the nearest address the site has is `{near}`; correct the {what}, or add what it points to"
            ),
            None => format!("correct the {what}, or add what it points to"),
        };
        return Some(Problem {
            message: format!("{what} `{dest}` points to nothing the site publishes"),
            help,
        });
    };
    let fragment = percent_decode(fragment.filter(|f| !f.is_empty())?);
    let page = published.pages.get(file)?;
    if !file.ends_with(".html") {
        return None;
    }
    let ids = anchors.of(file, page);
    if ids.contains(fragment.as_str()) {
        return None;
    }
    let near = ids
        .iter()
        .min_by_key(|id| (strsim::levenshtein(id, &fragment), (*id).clone()));
    let target = published.url_of(file);
    let help = match near {
        Some(id) => format!(
            "the nearest anchor on `{target}` is `#{id}`; correct the part after `#`, or drop it"
        ),
        None => format!("`{target}` has no anchors; drop the part after `#`"),
    };
    Some(Problem {
        message: format!(
            "{what} `{dest}` points to an anchor `#{fragment}` that `{target}` does not have"
        ),
        help,
    })
}

/// The ids of each page, read once.
#[derive(Default)]
struct AnchorCache {
    by_file: HashMap<String, BTreeSet<String>>,
}

impl AnchorCache {
    fn of(&mut self, file: &str, html: &[u8]) -> &BTreeSet<String> {
        self.by_file
            .entry(file.to_owned())
            .or_insert_with(|| anchors_in(&String::from_utf8_lossy(html)))
    }
}

/// Every `id` and `name` of a page's elements.
fn anchors_in(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for attribute in [" id=\"", " name=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let Some(end) = rest.find('"') else { break };
            ids.insert(unescape_attribute(&rest[..end]));
            rest = &rest[end..];
        }
    }
    ids
}

/// Undoes the entity escapes rave writes into attributes.
fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The site path (after the site's root, no leading `/`) that `dest` points to from the page at
/// `page_url`, fragment and query kept; `None` for links that are not the site's own.
fn site_path(dest: &str, page_url: &str, root: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with("//") || dest.starts_with("@/") {
        return None;
    }
    let before_path = dest.split(['/', '?', '#']).next().unwrap_or_default();
    if before_path.contains(':') {
        // `https:`, `mailto:`, `tel:` ...
        return None;
    }
    let (path, suffix) = match dest.find(['?', '#']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    let absolute = if path.is_empty() {
        page_url.to_owned()
    } else if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{page_url}{path}")
    };
    let normal = normalize(&percent_decode(&absolute))?;
    let under_root = normal.strip_prefix(root)?;
    Some(format!("{under_root}{suffix}"))
}

/// `/a/./b/../c` as `/a/c`; `None` when `..` climbs above the root of the host.
fn normalize(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            s => segments.push(s),
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

/// Decodes `%XX` escapes (invalid UTF-8 is replaced, a lone `%` kept).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_of_links() {
        let page = "/blog/stories/a/";
        assert_eq!(site_path("/blog/x/", page, "/blog/").as_deref(), Some("x/"));
        assert_eq!(site_path("/x/", page, "/blog/"), None, "outside the site");
        assert_eq!(
            site_path("photo.jpg", page, "/blog/").as_deref(),
            Some("stories/a/photo.jpg")
        );
        assert_eq!(
            site_path("../b/#part", page, "/blog/").as_deref(),
            Some("stories/b/#part")
        );
        assert_eq!(
            site_path("#top", page, "/blog/").as_deref(),
            Some("stories/a/#top")
        );
        assert_eq!(
            site_path("/caf%C3%A9/?x=1", "/", "/").as_deref(),
            Some("café/?x=1")
        );
        assert_eq!(site_path("https://e.com/x", page, "/blog/"), None);
        assert_eq!(site_path("mailto:a@b.c", page, "/blog/"), None);
        assert_eq!(site_path("//cdn.e.com/x.png", page, "/blog/"), None);
        assert_eq!(site_path("@/stories/x.md", page, "/blog/"), None);
        assert_eq!(site_path("../../../../x", page, "/blog/"), None);
    }

    #[test]
    fn anchors_are_read_from_ids_and_names() {
        let ids = anchors_in(r#"<h2 id="the-refund">x</h2><a name="old"></a><p id="a&amp;b">"#);
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(ids, ["a&b", "old", "the-refund"]);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let body = "one\ntwó [x](/y/)\n";
        let starts = vec![0, 4];
        let offset = body.find('[').expect("link");
        assert_eq!(position_at(body, &starts, 10, offset), Position::new(11, 5));
    }

    #[test]
    fn published_files_answer_for_directories_and_suggest_the_nearest() {
        let mut pages = BTreeMap::new();
        for p in [
            "index.html",
            "companies/comcast/index.html",
            "stories/a/index.html",
        ] {
            pages.insert(p.to_owned(), Arc::from(&b"<p id=\"x\">"[..]));
        }
        let published = Published::new("/", &pages, ["images/cat.png".to_owned()]);
        assert_eq!(
            published.file_of("companies/comcast"),
            Some("companies/comcast/index.html")
        );
        assert_eq!(published.file_of(""), Some("index.html"));
        assert_eq!(published.file_of("companies/comcastt/"), None);
        assert_eq!(
            published.nearest("/companies/comcastt/", false).as_deref(),
            Some("/companies/comcast/")
        );
        assert_eq!(
            published.nearest("/images/cats.png", true).as_deref(),
            Some("/images/cat.png")
        );
    }
}
