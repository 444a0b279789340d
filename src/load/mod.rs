//! Stage 1: finds the site's files, reads them in parallel, splits and parses their front
//! matter, and checks every value that can be checked within one file (dates, ratings, slugs,
//! URLs). Its output, [`LoadedSite`], holds typed inputs; cross-file work belongs to `model`.
//!
//! Never writes anything, never renders anything, and never stops at the first bad file: each
//! file's problems go to the run's diagnostics and the file is left out.

mod frontmatter;
mod frontmatter_types;
pub mod images;
pub mod theme;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use frontmatter::{Split, SplitError, decode, split};
use frontmatter_types::{
    AuthorFrontMatter, CommentEntry, CompanyFrontMatter, Extra, PageFrontMatter, Scalar,
    SeriesFrontMatter, StoryFrontMatter,
};
pub use images::{ImageSize, ImageSizes};

use crate::config::{SiteConfig, parse_site_config};
use crate::date::{DATE_HELP, PostDate};
use crate::diagnostics::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::links;
use crate::rating::{self, Rating, Verdict};
use crate::slug;
use crate::yaml::{self, Spanned, YamlSource};

/// Options of the load stage that come from the command line.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Replaces `base_url` from site.yaml (`--base-url`).
    pub base_url: Option<String>,
}

/// Where an input came from, for diagnostics raised by later stages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// Relative to the site root, as shown to the user.
    pub path: PathBuf,
}

/// Where a contact channel took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    InStore,
    Phone,
    Email,
    Chat,
    Online,
    Social,
    Mail,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::InStore,
        Channel::Phone,
        Channel::Email,
        Channel::Chat,
        Channel::Online,
        Channel::Social,
        Channel::Mail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InStore => "in-store",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Online => "online",
            Channel::Social => "social",
            Channel::Mail => "mail",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::InStore => "In store",
            Channel::Phone => "Phone",
            Channel::Email => "Email",
            Channel::Chat => "Chat",
            Channel::Online => "Online",
            Channel::Social => "Social media",
            Channel::Mail => "Mail",
        }
    }

    fn parse(word: &str) -> Option<Channel> {
        let word = word.trim().to_ascii_lowercase();
        Channel::ALL.into_iter().find(|c| c.as_str() == word)
    }
}

/// A company named by a story, with what the story says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionInput {
    pub name: String,
    pub position: Position,
    /// `None` when the story names the company without grading it.
    pub rating: Option<Rating>,
    /// The rating exactly as written, for display next to the normalised one.
    pub rating_text: Option<String>,
    pub channel: Option<Channel>,
}

/// A lead image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInput {
    /// A URL, a site path (`/images/x.jpg`) or a file of the story's bundle (`shop.jpg`).
    pub src: String,
    /// Where `src:` stands in the file, for editorial findings (`rave check`).
    pub position: Position,
    pub alt: Option<String>,
    pub credit: Option<String>,
    pub credit_url: Option<String>,
}

/// A reader comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentInput {
    pub author: String,
    pub date: PostDate,
    /// Markdown from the public: rendered with raw HTML disabled.
    pub body: String,
    /// The file the comment is kept in (the story, or its `.comments.yaml`) and where its
    /// `body:` value starts, for findings about what the body links to.
    pub body_file: PathBuf,
    pub body_position: Position,
    pub url: Option<String>,
}

/// A story, checked as far as one file allows.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryInput {
    pub origin: Origin,
    pub slug: String,
    pub title: String,
    /// Where `title:` stands in the file, for editorial findings (`rave check`).
    pub title_position: Position,
    pub date: PostDate,
    pub updated: Option<PostDate>,
    /// Profile slug or plain name, as written; `None` falls back to the site's author.
    pub author: Option<(String, Position)>,
    pub mentions: Vec<MentionInput>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub series: Option<(String, Position)>,
    pub summary: Option<String>,
    pub draft: bool,
    pub image: Option<ImageInput>,
    pub comments: Vec<CommentInput>,
    pub extra: Extra,
    /// The Markdown body.
    pub body: String,
    /// Line of the file where the body starts.
    pub body_line: usize,
    /// Folder of a bundle story (`index.md` with files beside it).
    pub bundle_dir: Option<PathBuf>,
    /// Files of the bundle, relative to `bundle_dir`, sorted.
    pub assets: Vec<PathBuf>,
    /// Sizes of the bundle's raster images, by their path in the bundle (`shop.jpg`).
    pub image_sizes: ImageSizes,
}

/// `content/companies/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyProfileInput {
    pub origin: Origin,
    pub file_slug: String,
    pub name: String,
    pub aliases: Vec<(String, Position)>,
    /// Names of other companies that look like this one but are not (silences `rave check`).
    pub distinct_from: Vec<String>,
    pub website: Option<String>,
    pub logo: Option<String>,
    pub description: Option<String>,
    pub extra: Extra,
    pub body: String,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// `content/authors/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorProfileInput {
    pub origin: Origin,
    pub slug: String,
    pub name: String,
    pub tagline: Option<String>,
    pub avatar: Option<String>,
    pub website: Option<String>,
    pub extra: Extra,
    pub body: String,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// `content/series/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesInput {
    pub origin: Origin,
    pub slug: String,
    pub title: String,
    pub extra: Extra,
    pub body: String,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// `content/pages/<slug>.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct PageInput {
    pub origin: Origin,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    pub extra: Extra,
    pub body: String,
    /// Line of the file where the body starts.
    pub body_line: usize,
}

/// A file copied as-is to the output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    /// Absolute source path.
    pub source: PathBuf,
    /// The source relative to the site root, for messages.
    pub display: PathBuf,
    /// Destination relative to the output root, `/`-separated, already checked to stay inside.
    pub destination: String,
}

/// Everything read from a site folder.
#[derive(Debug, Clone)]
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub stories: Vec<StoryInput>,
    pub companies: Vec<CompanyProfileInput>,
    pub authors: Vec<AuthorProfileInput>,
    pub series: Vec<SeriesInput>,
    pub pages: Vec<PageInput>,
    /// Files of `static/`.
    pub static_files: Vec<StaticFile>,
    /// Sizes of the raster images of `static/`, by site path without the leading `/`
    /// (`images/shop.png`).
    pub image_sizes: ImageSizes,
}

/// The folders of a site, relative to its root.
pub const CONTENT_DIR: &str = "content";
pub const STATIC_DIR: &str = "static";
pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Story,
    Company,
    Author,
    Series,
    Page,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Story => "stories",
            Kind::Company => "companies",
            Kind::Author => "authors",
            Kind::Series => "series",
            Kind::Page => "pages",
        }
    }
}

/// One content file found by the walk.
#[derive(Debug, Clone)]
struct Found {
    kind: Kind,
    path: PathBuf,
    rel: PathBuf,
    bundle_dir: Option<PathBuf>,
    assets: Vec<PathBuf>,
    /// `<story>.comments.yaml` beside the story, if any.
    comments_file: Option<PathBuf>,
}

/// Suffix of the file that holds a story's reader comments (`my-story.comments.yaml`).
pub const COMMENTS_SUFFIX: &str = ".comments.yaml";

/// What identifies a file's version without reading it: length and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// Everything a content file's parse depends on: its own stamp, its comments file's, and the
/// files of its bundle (an image check reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
struct CacheKey {
    file: Stamp,
    comments: Option<(PathBuf, Option<Stamp>)>,
    assets: Vec<PathBuf>,
}

/// A parsed file, the key it was parsed under, and when.
type CacheEntry = (
    CacheKey,
    std::time::SystemTime,
    Option<Loaded>,
    Vec<Diagnostic>,
);

/// Parsed content files kept between builds of a session, so that a rebuild reads and parses
/// only files that changed. The result of a cached file is exactly what a fresh parse gives.
///
/// A file's stamp (length, modification time) is trusted only when the file was last modified
/// well before it was parsed: file systems keep times at a coarse granularity, so a second edit
/// in the same tick as the parse could otherwise go unseen (git calls such entries "racy").
#[derive(Debug, Default)]
pub struct LoadCache {
    entries: std::collections::HashMap<PathBuf, CacheEntry>,
    /// Sizes of the images of `static/` and of story bundles, by file.
    images: images::SizeCache,
    /// How the last walk found each content file, to parse one again on its own.
    found: std::collections::HashMap<PathBuf, Found>,
}

/// How much older than its parse a file's modification time must be for its stamp to be trusted.
const RACY_MARGIN: std::time::Duration = std::time::Duration::from_secs(2);

fn is_settled(key: &CacheKey, parsed_at: std::time::SystemTime) -> bool {
    let settled = |stamp: &Stamp| stamp.modified.is_some_and(|m| m + RACY_MARGIN <= parsed_at);
    settled(&key.file)
        && key
            .comments
            .as_ref()
            .is_none_or(|(_, s)| s.as_ref().is_none_or(settled))
}

impl CacheKey {
    fn of(f: &Found) -> CacheKey {
        CacheKey {
            file: Stamp::of(&f.path).unwrap_or(Stamp {
                len: u64::MAX,
                modified: None,
            }),
            comments: f.comments_file.as_ref().map(|c| (c.clone(), Stamp::of(c))),
            assets: f.assets.clone(),
        }
    }
}

impl LoadCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The new Markdown body of the story file at `path` (as the last load found it), when
    /// nothing but its body changed since the last load: parsed again on its own, it gives the
    /// same story and the same findings apart from the body. `None` when the file is not a
    /// story of the last load or anything else about it changed; a whole load is needed then.
    /// On success the cache holds the new parse, as a load would have.
    pub fn reparse_body(&mut self, path: &Path) -> Option<String> {
        let found = self.found.get(path)?.clone();
        let (_, _, Some(Loaded::Story(old)), old_local) = self.entries.get(path)? else {
            return None;
        };
        let key = CacheKey::of(&found);
        let parsed_at = std::time::SystemTime::now();
        let mut local = Vec::new();
        let Some(Loaded::Story(mut new)) = load_file(found, &mut local) else {
            return None;
        };
        if local != *old_local {
            return None;
        }
        let body = std::mem::replace(&mut new.body, old.body.clone());
        if new != *old {
            return None;
        }
        new.body.clone_from(&body);
        self.entries.insert(
            path.to_path_buf(),
            (key, parsed_at, Some(Loaded::Story(new)), local),
        );
        Some(body)
    }

    /// The path under which the last load knows `path` (an absolute path of a content file,
    /// as a file watcher reports it), if it is one of its content files.
    pub fn known_path(&self, root: &Path, path: &Path) -> Option<PathBuf> {
        if self.found.contains_key(path) {
            return Some(path.to_path_buf());
        }
        let canonical_root = root.canonicalize().ok()?;
        let rel = path.strip_prefix(&canonical_root).ok()?;
        let joined = root.join(rel);
        self.found.contains_key(&joined).then_some(joined)
    }

    /// Number of files parsed (not taken from the cache) by the last load, for tests and stats.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Reads the site at `root`. Returns `None` when nothing sensible can be built (no readable
/// `site.yaml`); otherwise the files that loaded, with every problem in `diagnostics`.
pub fn load_site(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Option<LoadedSite> {
    load_site_cached(root, options, diagnostics, None)
}

/// [`load_site`] reusing the parses of unchanged files from a session's `cache`, and updating
/// it. Without a cache, nothing is kept: a one-off build holds each file once.
pub fn load_site_cached(
    root: &Path,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
    mut cache: Option<&mut LoadCache>,
) -> Option<LoadedSite> {
    let config_path = root.join(CONFIG_FILE);
    let config = match links::read_real_file(&config_path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => parse_site_config(
                Path::new(CONFIG_FILE),
                text,
                options.base_url.as_deref(),
                diagnostics,
            ),
            Err(e) => {
                diagnostics.push(split_error(Path::new(CONFIG_FILE), &e));
                None
            }
        },
        Err(e) => {
            let help = if links::link_on_the_way(root, &config_path).is_some() {
                format!(
                    "rave follows no symbolic links inside a site; make `{CONFIG_FILE}` a real file"
                )
            } else {
                format!(
                    "run rave in the site's folder or pass --root; a site has `{CONFIG_FILE}` at its top level"
                )
            };
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("cannot read the site configuration: {e}"),
                )
                .with_help(help),
            );
            None
        }
    };

    let found = walk_content(root, diagnostics);
    let static_files = walk_static(root, &root.join(STATIC_DIR), diagnostics);

    let found_again = match cache {
        Some(_) => found.iter().map(|f| (f.path.clone(), f.clone())).collect(),
        None => Default::default(),
    };
    let previous = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.entries))
        .unwrap_or_default();
    let results: Vec<(PathBuf, CacheEntry)> = found
        .into_par_iter()
        .map(|f| {
            let key = CacheKey::of(&f);
            let path = f.path.clone();
            if let Some((cached_key, parsed_at, loaded, local)) = previous.get(&path)
                && *cached_key == key
                && is_settled(&key, *parsed_at)
            {
                return (path, (key, *parsed_at, loaded.clone(), local.clone()));
            }
            let parsed_at = std::time::SystemTime::now();
            let mut local = Vec::new();
            let loaded = load_file(f, &mut local);
            (path, (key, parsed_at, loaded, local))
        })
        .collect();
    // The sizes of the raster images of static/ and of the stories' bundles, from their headers.
    let image_files = images::static_images(&static_files)
        .chain(
            results
                .iter()
                .filter_map(|(_, (_, _, loaded, _))| match loaded {
                    Some(Loaded::Story(s)) => Some(&**s),
                    _ => None,
                })
                .flat_map(images::bundle_images),
        )
        .map(|(_, file)| file)
        .collect();
    let image_sizes = images::read_sizes(image_files, cache.as_deref_mut().map(|c| &mut c.images));
    drop(previous);
    if let Some(cache) = cache {
        for (path, entry) in &results {
            cache.entries.insert(path.clone(), entry.clone());
        }
        cache.found = found_again;
    }

    let mut site = LoadedSite {
        root: root.to_path_buf(),
        config: config?,
        stories: Vec::new(),
        companies: Vec::new(),
        authors: Vec::new(),
        series: Vec::new(),
        pages: Vec::new(),
        image_sizes: images::sizes_of(images::static_images(&static_files), &image_sizes),
        static_files,
    };
    for (_, (_, _, loaded, local)) in results {
        diagnostics.extend(local);
        match loaded {
            Some(Loaded::Story(s)) => site.stories.push(*s),
            Some(Loaded::Company(c)) => site.companies.push(c),
            Some(Loaded::Author(a)) => site.authors.push(a),
            Some(Loaded::Series(s)) => site.series.push(s),
            Some(Loaded::Page(p)) => site.pages.push(p),
            None => {}
        }
    }
    for story in &mut site.stories {
        story.image_sizes = images::sizes_of(images::bundle_images(story), &image_sizes);
    }
    Some(site)
}

#[derive(Debug, Clone)]
enum Loaded {
    Story(Box<StoryInput>),
    Company(CompanyProfileInput),
    Author(AuthorProfileInput),
    Series(SeriesInput),
    Page(PageInput),
}

/// True for names editors and systems leave behind, never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || name == "Thumbs.db"
}

fn walk_content(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let mut found = Vec::new();
    let content = root.join(CONTENT_DIR);
    if std::fs::symlink_metadata(&content).is_err() {
        diagnostics.push(
            Diagnostic::warning(CONTENT_DIR, "no content/ folder: the site has no stories")
                .with_help("put stories in content/stories/, or point --root at the site's folder"),
        );
        return found;
    }
    if !links::is_real_dir(root, &content, diagnostics) {
        return found;
    }
    for kind in [
        Kind::Story,
        Kind::Company,
        Kind::Author,
        Kind::Series,
        Kind::Page,
    ] {
        let dir = root.join(CONTENT_DIR).join(kind.folder());
        if !links::is_real_dir(root, &dir, diagnostics) {
            continue;
        }
        let mut entries = Vec::new();
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .follow_root_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker {
            match entry {
                Ok(e) => entries.push(e),
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| rel(root, p))
                        .unwrap_or_else(|| rel(root, &dir));
                    diagnostics.push(Diagnostic::error(path, format!("cannot read: {e}")));
                }
            }
        }
        let mut symlinks = Vec::new();
        let mut files = Vec::new();
        for e in entries {
            if e.path_is_symlink() {
                symlinks.push(e.path().to_path_buf());
            } else if e.file_type().is_file() {
                files.push(e.path().to_path_buf());
            }
        }
        for link in symlinks {
            diagnostics.push(links::not_followed(root, &link));
        }
        if kind == Kind::Story {
            found.extend(group_story_files(root, &dir, files, diagnostics));
        } else {
            for path in files {
                if path.extension().is_some_and(|e| e == "md") {
                    found.push(Found {
                        kind,
                        rel: rel(root, &path),
                        path,
                        bundle_dir: None,
                        assets: Vec::new(),
                        comments_file: None,
                    });
                } else if path.parent() == Some(dir.as_path()) || kind != Kind::Story {
                    diagnostics.push(
                        Diagnostic::warning(rel(root, &path), "not a Markdown file; ignored")
                            .with_help(format!(
                                "files in content/{} must end in `.md`; put images in `static/`",
                                kind.folder()
                            )),
                    );
                }
            }
        }
    }
    found
}

/// Stories are `*.md` files, or folders with an `index.md` whose other files are its assets.
fn group_story_files(
    root: &Path,
    stories_dir: &Path,
    files: Vec<PathBuf>,
    diagnostics: &mut Diagnostics,
) -> Vec<Found> {
    let bundles: Vec<PathBuf> = files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d != stories_dir)
        .collect();
    let bundle_of = |path: &Path| -> Option<&PathBuf> {
        // The innermost bundle folder containing the path.
        bundles
            .iter()
            .filter(|b| path.starts_with(b))
            .max_by_key(|b| b.components().count())
    };
    let mut found: Vec<Found> = Vec::new();
    let mut assets: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
    let mut sidecars: Vec<PathBuf> = Vec::new();
    for path in files {
        let is_md = path.extension().is_some_and(|e| e == "md");
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(COMMENTS_SUFFIX))
        {
            sidecars.push(path);
            continue;
        }
        match bundle_of(&path) {
            Some(bundle)
                if path.file_name().is_some_and(|n| n == "index.md")
                    && path.parent() == Some(bundle.as_path()) =>
            {
                found.push(Found {
                    kind: Kind::Story,
                    rel: rel(root, &path),
                    bundle_dir: Some(bundle.clone()),
                    path,
                    assets: Vec::new(),
                    comments_file: None,
                });
            }
            Some(bundle) => {
                if is_md {
                    diagnostics.push(
                        Diagnostic::warning(rel(root, &path), "Markdown file inside a story bundle; copied as a file, not built as a story")
                            .with_help("a bundle folder holds one story (`index.md`); move other stories out of it"),
                    );
                }
                if let Ok(inner) = path.strip_prefix(bundle) {
                    assets
                        .entry(bundle.clone())
                        .or_default()
                        .push(inner.to_path_buf());
                }
            }
            None if is_md => found.push(Found {
                kind: Kind::Story,
                rel: rel(root, &path),
                path,
                bundle_dir: None,
                assets: Vec::new(),
                comments_file: None,
            }),
            None => diagnostics.push(
                Diagnostic::warning(rel(root, &path), "not part of a story; ignored").with_help(
                    "images go beside a story's `index.md` in its own folder, or in `static/`",
                ),
            ),
        }
    }
    for f in &mut found {
        if let Some(list) = f.bundle_dir.as_ref().and_then(|b| assets.remove(b)) {
            f.assets = list;
        }
    }
    for sidecar in sidecars {
        let name = sidecar
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let story_file =
            sidecar.with_file_name(format!("{}.md", name.trim_end_matches(COMMENTS_SUFFIX)));
        match found.iter_mut().find(|f| f.path == story_file) {
            Some(f) => f.comments_file = Some(sidecar),
            None => diagnostics.push(
                Diagnostic::warning(
                    rel(root, &sidecar),
                    "comments file without a story beside it; ignored",
                )
                .with_help(format!(
                    "name it after its story: `{}` holds the comments of `<story>.md`",
                    COMMENTS_SUFFIX
                )),
            ),
        }
    }
    found
}

/// Lists the files of a static folder (site or theme) with their destinations.
pub fn walk_static(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let mut out = Vec::new();
    if !links::is_real_dir(root, dir, diagnostics) {
        return out;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    rel(root, dir),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() {
            diagnostics.push(links::not_followed(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(inner) = entry.path().strip_prefix(dir) else {
            continue;
        };
        match safe_relative(inner) {
            Some(destination) => out.push(StaticFile {
                source: entry.path().to_path_buf(),
                display: rel(root, entry.path()),
                destination,
            }),
            None => diagnostics.push(Diagnostic::warning(
                rel(root, entry.path()),
                "file name cannot be published (not valid UTF-8 or a reserved name); skipped",
            )),
        }
    }
    out
}

/// A relative path as a `/`-separated string, if every part is a harmless segment.
pub fn safe_relative(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::Normal(s) => {
                let s = s.to_str()?;
                if !slug::is_safe_segment(s) {
                    return None;
                }
                parts.push(s);
            }
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn rel(root: &Path, path: &Path) -> PathBuf {
    crate::diagnostics::display_path(root, path)
}

fn split_error(path: &Path, e: &SplitError) -> Diagnostic {
    Diagnostic::error(path, e.message.clone())
        .at(e.position)
        .with_help(e.help.clone())
}

/// Reads one content file; its problems go to `out`.
fn load_file(found: Found, out: &mut Vec<Diagnostic>) -> Option<Loaded> {
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
                .map(|s| Loaded::Story(Box::new(s)))
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
                extra: fm.extra,
                body,
                body_line: parts.body_line,
            }))
        }
    };
    if partial { None } else { loaded }
}

/// The front matter as `T`, its errors pushed to `out`. When some entries were broken and the
/// rest parsed, returns the rest and sets `partial`.
fn parse_or_report<T: serde::de::DeserializeOwned>(
    source: &YamlSource<'_>,
    out: &mut Vec<Diagnostic>,
    partial: &mut bool,
) -> Option<T> {
    let (value, errors) = yaml::parse_recovering(source);
    *partial |= !errors.is_empty();
    out.extend(errors);
    value
}

/// The slug a file's name gives (`content/authors/jane-doe.md` -> `jane-doe`; a bundle's
/// `index.md` -> its folder's name).
fn file_slug(found: &Found) -> Option<String> {
    let stem = match &found.bundle_dir {
        Some(dir) => dir.file_name()?,
        None => found.path.file_stem()?,
    };
    let slug = slug::slugify(&stem.to_string_lossy());
    (!slug.is_empty()).then_some(slug)
}

fn required_text(
    source: &YamlSource<'_>,
    value: &Spanned<String>,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = value.value.trim();
    if text.is_empty() {
        out.push(
            source
                .error_at(&value.referenced, format!("`{key}` is empty"))
                .with_help(format!("write a {key} after `{key}:`")),
        );
        return None;
    }
    Some(text.to_owned())
}

fn explicit_slug(
    source: &YamlSource<'_>,
    value: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = value.value.trim();
    match slug::check_explicit_slug(text) {
        Ok(()) => Some(text.to_owned()),
        Err(message) => {
            let suggestion = slug::slugify(text);
            out.push(source.error_at(&value.referenced, message).with_help(
                if suggestion.is_empty() {
                    "use lowercase letters, digits and hyphens, e.g. `my-story`".to_owned()
                } else {
                    format!("write `slug: {suggestion}`")
                },
            ));
            None
        }
    }
}

/// Keeps URLs a reader can safely follow: http(s), mailto, and site-relative paths. Anything
/// else (`javascript:`, `data:`) is dropped with a warning.
fn checked_url(
    source: &YamlSource<'_>,
    value: Option<&Spanned<String>>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = value?;
    let url = value.value.trim();
    if url.is_empty() {
        return None;
    }
    if is_safe_url(url) {
        return Some(url.to_owned());
    }
    out.push(
        source
            .warning_at(
                &value.referenced,
                format!("link `{url}` dropped: only http(s), mailto and site paths are allowed"),
            )
            .with_help("write a full address such as https://example.com"),
    );
    None
}

/// True for URLs that cannot run script when followed.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower
        .chars()
        .any(|c| c.is_control() || c == '"' || c == '<' || c == '>' || c == '`')
    {
        return false;
    }
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        return true;
    }
    // A relative reference has no scheme: no colon before the first `/`, `?` or `#`.
    let before = lower.split(['/', '?', '#']).next().unwrap_or_default();
    !before.contains(':') && !lower.starts_with("//")
}

fn parse_date(
    source: &YamlSource<'_>,
    value: &Spanned<Scalar>,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<PostDate> {
    match PostDate::parse(&value.value.text) {
        Ok(d) => Some(d),
        Err(message) => {
            out.push(
                source
                    .error_at(&value.referenced, format!("`{key}`: {message}"))
                    .with_help(DATE_HELP),
            );
            None
        }
    }
}

fn story_input(
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
        (!name.is_empty()).then(|| (name.to_owned(), source.position(&a.referenced)))
    });
    let series = fm.series.as_ref().and_then(|s| {
        let name = s.value.trim();
        (!name.is_empty()).then(|| (name.to_owned(), source.position(&s.referenced)))
    });
    let mut tags: Vec<String> = Vec::new();
    for tag in &fm.tags {
        let t = tag.value.trim();
        if t.is_empty() {
            continue;
        }
        if slug::slugify(t).is_empty() {
            out.push(
                source
                    .error_at(
                        &tag.referenced,
                        format!("tag `{t}` has no letters or digits to make a URL from"),
                    )
                    .with_help("use a word, such as `refunds`"),
            );
            continue;
        }
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_owned());
        }
    }
    let category = fm.category.as_ref().and_then(|c| {
        let t = c.value.trim();
        if t.is_empty() {
            return None;
        }
        if slug::slugify(t).is_empty() {
            out.push(
                source
                    .error_at(
                        &c.referenced,
                        format!("category `{t}` has no letters or digits to make a URL from"),
                    )
                    .with_help("use a word, such as `Retail`"),
            );
            return None;
        }
        Some(t.to_owned())
    });

    let image = fm.image.as_ref().and_then(|img| {
        let src = img.src.value.trim();
        if src.is_empty() {
            out.push(source.error_at(&img.src.referenced, "`image.src` is empty").with_help("name an image file of the story's folder, a path under static/, or a URL"));
            return None;
        }
        if !is_safe_url(src) {
            out.push(source.error_at(&img.src.referenced, format!("image source `{src}` is not allowed")).with_help("use an http(s) URL, a site path or a file beside the story"));
            return None;
        }
        let is_local = !src.contains("://") && !src.starts_with('/');
        if is_local {
            let exists = safe_relative(Path::new(src))
                .is_some_and(|p| found.assets.iter().any(|a| a.to_string_lossy().replace('\\', "/") == p));
            if !exists {
                out.push(
                    source
                        .error_at(&img.src.referenced, format!("image `{src}` not found beside the story"))
                        .with_help(if found.bundle_dir.is_some() {
                            "put the image file in the story's folder, next to index.md".to_owned()
                        } else {
                            "make the story a folder (`content/stories/<slug>/index.md`) with the image beside it, or use a path under static/ starting with `/`".to_owned()
                        }),
                );
                return None;
            }
        }
        Some(ImageInput {
            src: src.to_owned(),
            position: source.position(&img.src.referenced),
            alt: img.alt.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
            credit: img.credit.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned),
            credit_url: checked_url(source, img.credit_url.as_ref(), out),
        })
    });

    let mut comments = comments(source, &fm.comments, out);
    if let Some(sidecar) = &found.comments_file {
        comments.extend(sidecar_comments(&found.rel, sidecar, out));
        comments.sort_by_key(|c| c.date);
    }

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
        category,
        series,
        summary: fm
            .summary
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        draft: fm.draft,
        image,
        comments,
        extra: fm.extra,
        body,
        body_line,
        bundle_dir: found.bundle_dir,
        assets: found.assets,
        // Read with the other images of the site, after the parse (see `load_site_cached`).
        image_sizes: ImageSizes::new(),
    })
}

/// Comments kept in `<story>.comments.yaml`: a YAML list of `{author, date, body, url}`.
fn sidecar_comments(
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

fn comments(
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
        list.push(CommentInput {
            author,
            date,
            body: c.body.value.clone(),
            body_file: source.path.to_path_buf(),
            body_position: source.position(&c.body.referenced),
            url: checked_url(source, c.url.as_ref(), out),
        });
    }
    list.sort_by_key(|c| c.date);
    list
}

fn mentions(
    source: &YamlSource<'_>,
    fm: &StoryFrontMatter,
    out: &mut Vec<Diagnostic>,
) -> Vec<MentionInput> {
    let mut list = Vec::new();
    match (&fm.companies, &fm.company) {
        (Some(companies), Some(company)) => {
            out.push(
                source
                    .error_at(
                        &company.referenced,
                        "`company` and `companies` are both set",
                    )
                    .with_help("move this company into the `companies:` list, with its rating"),
            );
            let _ = companies;
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
        let key = crate::model::company_key(&m.name);
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

fn mention(
    source: &YamlSource<'_>,
    name: Spanned<String>,
    rating_value: Option<&Spanned<Scalar>>,
    verdict_value: Option<&Spanned<String>>,
    channel_value: Option<&Spanned<String>>,
    out: &mut Vec<Diagnostic>,
) -> Option<MentionInput> {
    let company = required_text(source, &name, "company name", out)?;
    if crate::model::company_key(&company).is_empty() || slug::slugify(&company).is_empty() {
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
