//! The typed inputs of the load stage: what one file says, checked as far as one file allows.

use std::path::PathBuf;

use super::aliases::AliasInput;
use super::frontmatter_types::Extra;
use super::image_size::ImageSizes;

use crate::config::SiteConfig;
use crate::date::PostDate;
use crate::diagnostics::Position;
use crate::rating::Rating;

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

    pub(super) fn parse(word: &str) -> Option<Channel> {
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
    /// What the photo shows, shown under it; apart from `credit`, which says whose it is.
    pub caption: Option<String>,
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
    /// The comment's own id (`#comment-<id>`), and where it is written.
    pub id: Option<String>,
    pub id_position: Position,
    /// The id of the comment this one replies to, and where it is written.
    pub reply_to: Option<String>,
    pub reply_to_position: Position,
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
    /// As written, first first; a story may be filed under several.
    pub categories: Vec<String>,
    pub series: Option<(String, Position)>,
    pub summary: Option<String>,
    /// The editor's note (Markdown), shown apart from the story and never in its summary.
    pub note: Option<String>,
    pub draft: bool,
    pub image: Option<ImageInput>,
    /// Captions and credits of photos of the text (`photos:`), each for the body image with
    /// the same `src`; `alt` is always `None` (the Markdown gives it).
    pub photos: Vec<ImageInput>,
    pub comments: Vec<CommentInput>,
    /// Old addresses that redirect here.
    pub aliases: Vec<AliasInput>,
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
    /// Old addresses that redirect here.
    pub aliases: Vec<AliasInput>,
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
    pub stories: Vec<std::sync::Arc<StoryInput>>,
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
