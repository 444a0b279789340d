//! `site.yaml`: the site's settings, read once per build, with defaults and validation.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::{self, Spanned, YamlSource};

/// How averages and single ratings are shown to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RatingDisplay {
    /// Letter grades, `A+` to `F`.
    #[default]
    Grade,
    /// Stars out of five, in halves.
    Stars,
    /// A score out of 100.
    Percent,
}

/// What feed entries carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole story.
    #[default]
    Full,
    /// The summary only.
    Summary,
}

/// How companies are ranked on the best and worst lists.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Ranking {
    /// Weight `C` of the site-wide mean in the Bayesian average `(C*m + sum) / (C + n)`.
    pub prior_weight: f64,
    /// Companies with fewer scored ratings are left out of the rankings.
    pub min_ratings: usize,
    /// How many companies the best and worst lists show at most; all that qualify when `None`.
    pub limit: Option<usize>,
}

/// Largest `ranking.prior_weight`: the site-wide mean counting like this many ratings already
/// outweighs any company's own; beyond it the arithmetic loses meaning (and at 1e308, overflows).
pub(crate) const MAX_PRIOR_WEIGHT: f64 = 1000.0;
/// Largest `ranking.min_ratings`.
pub(crate) const MAX_MIN_RATINGS: usize = 1_000_000;

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            prior_weight: 3.0,
            min_ratings: 2,
            limit: None,
        }
    }
}

/// How photos are published: the widths of their copies, their quality, and whether metadata is
/// kept (docs/images.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImageSettings {
    /// Widths in pixels of the copies of each photo (never wider than the photo itself).
    pub widths: Vec<u32>,
    /// Encoder quality of JPEG and WebP copies, 1 to 100.
    pub quality: u8,
    /// Publish photos with their EXIF, XMP and IPTC metadata (location, camera, names).
    pub keep_metadata: bool,
    /// Publish each photo at its full size under its own name (upright, without metadata), not
    /// only its widest copy.
    pub full_size: bool,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 78,
            keep_metadata: false,
            full_size: false,
        }
    }
}

/// The narrowest and widest copy a site may ask for.
const IMAGE_WIDTHS: std::ops::RangeInclusive<u32> = 16..=8192;

/// `site.yaml` as written by the user: every key optional but `title` and `base_url`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    title: Spanned<String>,
    #[serde(default)]
    description: String,
    base_url: Option<Spanned<String>>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    author: Option<Spanned<String>>,
    #[serde(default = "default_theme")]
    theme: Spanned<String>,
    #[serde(default = "default_stories_per_page")]
    stories_per_page: Spanned<i64>,
    #[serde(default)]
    rating_display: RatingDisplay,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default)]
    ranking: Option<Spanned<Ranking>>,
    #[serde(default = "default_feed_limit")]
    feed_limit: Spanned<i64>,
    #[serde(default)]
    feed_content: FeedContent,
    #[serde(default)]
    self_company: Option<String>,
    #[serde(default)]
    images: Option<Spanned<ImageSettings>>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> Spanned<String> {
    yaml::unspanned("default".into())
}

fn default_feed_limit() -> Spanned<i64> {
    yaml::unspanned(20)
}

fn default_stories_per_page() -> Spanned<i64> {
    yaml::unspanned(10)
}

/// The validated site settings that every later stage reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteConfig {
    /// The blog's name, shown in the header and the title of every page.
    pub title: String,
    /// One or two sentences about the blog, for the home page and meta descriptions.
    pub description: String,
    /// Absolute URL the site is published at, without trailing slash (`https://example.com/blog`).
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/` (`/blog/`); every internal
    /// link starts with it, so the site works from a sub-folder.
    pub root_path: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Author of stories that name none.
    pub author: Option<String>,
    /// Theme folder name under `themes/` (or the built-in `default`).
    pub theme: String,
    /// Stories per list page before pagination starts.
    pub stories_per_page: usize,
    /// How ratings are shown.
    pub rating_display: RatingDisplay,
    /// Pass raw HTML in Markdown bodies through unchanged (off: it is shown as text). Comments
    /// from readers never allow it.
    pub allow_raw_html: bool,
    /// Most entries per feed.
    pub feed_limit: usize,
    /// Whole stories or summaries in feeds.
    pub feed_content: FeedContent,
    /// Settings of the best and worst company rankings.
    pub ranking: Ranking,
    /// The site owner's own company: it never gets review markup (search engines refuse
    /// self-serving reviews).
    pub self_company: Option<String>,
    /// How photos are published.
    pub images: ImageSettings,
    /// Free map for themes.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Reads and validates `site.yaml` from its text. `base_url_override` (from `--base-url`) wins
/// over the file. All problems are pushed to `diagnostics`; `None` means the config is unusable.
pub(crate) fn parse_site_config(
    path: &Path,
    text: &str,
    base_url_override: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Option<SiteConfig> {
    let source = YamlSource::whole_file(path, text);
    let file: SiteFile = match yaml::parse(&source) {
        Ok(file) => file,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    let errors_before = diagnostics.error_count();

    if file.title.value.trim().is_empty() {
        diagnostics.push(
            source
                .error_at(&file.title.referenced, "the site title is empty")
                .with_help("set `title:` to the blog's name"),
        );
    }

    let base_url = match (base_url_override, &file.base_url) {
        (Some(url), _) => validate_base_url(url).map_err(|help| {
            Diagnostic::error(
                path,
                format!("--base-url `{url}` is not an absolute http(s) URL"),
            )
            .with_help(help)
        }),
        (None, Some(url)) => validate_base_url(&url.value).map_err(|help| {
            source
                .error_at(
                    &url.referenced,
                    format!("`base_url` `{}` is not an absolute http(s) URL", url.value),
                )
                .with_help(help)
        }),
        (None, None) => Err(
            Diagnostic::error(path, "missing required key `base_url`").with_help(
                "add `base_url: https://your.domain` (the address the site is published at)",
            ),
        ),
    };
    let base_url = match base_url {
        Ok(url) => url,
        Err(d) => {
            diagnostics.push(d);
            String::new()
        }
    };

    let theme = file.theme.value.trim().to_owned();
    if !crate::slug::is_safe_segment(&theme) {
        diagnostics.push(
            source
                .error_at(
                    &file.theme.referenced,
                    format!("`theme` `{theme}` is not a folder name"),
                )
                .with_help("use the name of a folder in `themes/`, such as `default`"),
        );
    }

    let per_page = file.stories_per_page.value;
    if !(1..=1000).contains(&per_page) {
        diagnostics.push(
            source
                .error_at(
                    &file.stories_per_page.referenced,
                    format!("`stories_per_page` must be between 1 and 1000, not {per_page}"),
                )
                .with_help("the default is 10"),
        );
    }

    let feed_limit = file.feed_limit.value;
    if !(1..=10_000).contains(&feed_limit) {
        diagnostics.push(
            source
                .error_at(
                    &file.feed_limit.referenced,
                    format!("`feed_limit` must be between 1 and 10000, not {feed_limit}"),
                )
                .with_help("the default is 20"),
        );
    }

    let language = file.language.trim().to_owned();
    if language.is_empty()
        || !language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        diagnostics.push(
            Diagnostic::error(
                path,
                format!("`language` `{language}` is not a language tag"),
            )
            .with_help("use a tag such as `en`, `en-GB` or `fr`"),
        );
    }

    let ranking = file
        .ranking
        .as_ref()
        .map_or_else(Ranking::default, |r| r.value);
    if let Some(r) = &file.ranking {
        let weight = r.value.prior_weight;
        if !(weight.is_finite() && (0.0..=MAX_PRIOR_WEIGHT).contains(&weight)) {
            diagnostics.push(
                source
                    .error_at(
                        &r.referenced,
                        format!(
                            "`ranking.prior_weight` must be a number from 0 to {MAX_PRIOR_WEIGHT}"
                        ),
                    )
                    .with_help("the default is 3: the site-wide mean counts like three ratings"),
            );
        }
        if r.value.min_ratings > MAX_MIN_RATINGS {
            diagnostics.push(
                source
                    .error_at(
                        &r.referenced,
                        format!(
                            "`ranking.min_ratings` must be a number from 0 to {MAX_MIN_RATINGS}, not {}",
                            r.value.min_ratings
                        ),
                    )
                    .with_help("the default is 2: a company needs two scored ratings to be ranked"),
            );
        }
    }

    let author = file
        .author
        .as_ref()
        .map(|a| a.value.trim().to_owned())
        .filter(|a| !a.is_empty());
    if let (Some(name), Some(spanned)) = (&author, &file.author)
        && crate::slug::slugify(name).is_empty()
    {
        diagnostics.push(
            source
                .error_at(
                    &spanned.referenced,
                    format!("author `{name}` has no letters or digits to make a URL from"),
                )
                .with_help(
                    "write the default author's name, or the slug of a profile in content/authors/",
                ),
        );
    }

    let mut images = file
        .images
        .as_ref()
        .map_or_else(ImageSettings::default, |i| i.value.clone());
    if let Some(i) = &file.images {
        if images.widths.is_empty()
            || images.widths.len() > 8
            || images.widths.iter().any(|w| !IMAGE_WIDTHS.contains(w))
        {
            diagnostics.push(
                source
                    .error_at(
                        &i.referenced,
                        format!(
                            "`images.widths` must list 1 to 8 widths from {} to {} pixels, not {:?}",
                            IMAGE_WIDTHS.start(),
                            IMAGE_WIDTHS.end(),
                            images.widths
                        ),
                    )
                    .with_help("the default is [480, 960, 1600]"),
            );
        }
        if !(1..=100).contains(&images.quality) {
            diagnostics.push(
                source
                    .error_at(
                        &i.referenced,
                        format!(
                            "`images.quality` must be between 1 and 100, not {}",
                            images.quality
                        ),
                    )
                    .with_help("the default is 78"),
            );
        }
    }
    images.widths.sort_unstable();
    images.widths.dedup();
    if let Some(r) = &file.ranking
        && r.value.limit == Some(0)
    {
        diagnostics.push(
            source
                .error_at(&r.referenced, "`ranking.limit` must be 1 or more")
                .with_help("leave `limit` out to list every company that qualifies"),
        );
    }

    if diagnostics.error_count() > errors_before {
        return None;
    }
    let root_path = root_path_of(&base_url);
    Some(SiteConfig {
        title: file.title.value.trim().to_owned(),
        description: file.description.trim().to_owned(),
        base_url,
        root_path,
        language,
        author,
        theme,
        stories_per_page: usize::try_from(per_page).unwrap_or(10),
        rating_display: file.rating_display,
        allow_raw_html: file.allow_raw_html,
        feed_limit: usize::try_from(feed_limit).unwrap_or(20),
        feed_content: file.feed_content,
        ranking,
        self_company: file
            .self_company
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
        images,
        extra: file.extra,
    })
}

/// Accepts `http://` and `https://` URLs with a host, drops a trailing slash.
fn validate_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            "start it with https:// (or http://), e.g. https://example.com".to_owned()
        })?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty()
        || rest.contains(char::is_whitespace)
        || rest.contains(['?', '#', '"', '<', '>', '\\'])
    {
        return Err(
            "write the address the site is served at, e.g. https://example.com/blog".into(),
        );
    }
    Ok(url.trim_end_matches('/').to_owned())
}

fn root_path_of(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => format!("{}/", after_scheme[i..].trim_end_matches('/')),
        None => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<SiteConfig>, Diagnostics) {
        let mut d = Diagnostics::new();
        let c = parse_site_config(Path::new("site.yaml"), text, None, &mut d);
        (c, d)
    }

    #[test]
    fn defaults_apply() {
        let (c, d) = parse("title: Blog\nbase_url: https://example.com/\n");
        assert!(d.is_empty(), "{}", d.render());
        let c = c.expect("config");
        assert_eq!(c.base_url, "https://example.com");
        assert_eq!(c.root_path, "/");
        assert_eq!(c.language, "en");
        assert_eq!(c.theme, "default");
        assert_eq!(c.stories_per_page, 10);
        assert_eq!(c.rating_display, RatingDisplay::Grade);
    }

    #[test]
    fn sub_folder_base_url_gives_root_path() {
        let (c, _) = parse("title: B\nbase_url: https://example.com/blog/\n");
        assert_eq!(c.expect("config").root_path, "/blog/");
    }

    #[test]
    fn unknown_key_suggests() {
        let (c, d) = parse("title: B\nbase_url: https://e.com\nstories_per_pag: 5\n");
        assert!(c.is_none());
        let first = d.iter().next().expect("diagnostic");
        assert_eq!(first.message, "unknown key `stories_per_pag`");
        assert_eq!(
            first.help.as_deref(),
            Some("did you mean `stories_per_page`?")
        );
        assert_eq!(first.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn bad_values_are_all_reported() {
        let (c, d) = parse("title: B\nbase_url: example.com\nstories_per_page: 0\ntheme: ../x\n");
        assert!(c.is_none());
        assert_eq!(d.error_count(), 3, "{}", d.render());
    }

    #[test]
    fn ranking_settings() {
        let (c, d) = parse(
            "title: B\nbase_url: https://e.com\nranking: { prior_weight: 5, min_ratings: 3 }\n",
        );
        assert!(d.is_empty(), "{}", d.render());
        assert_eq!(
            c.expect("config").ranking,
            Ranking {
                prior_weight: 5.0,
                min_ratings: 3,
                limit: None,
            }
        );
        for bad in ["1e308", "1001", ".nan", ".inf"] {
            let (c, d) = parse(&format!(
                "title: B\nbase_url: https://e.com\nranking: {{ prior_weight: {bad} }}\n"
            ));
            assert!(c.is_none(), "{bad} was accepted");
            assert!(d.render().contains("from 0 to 1000"), "{}", d.render());
        }
        let (c, _) =
            parse("title: B\nbase_url: https://e.com\nranking: { min_ratings: 99999999999 }\n");
        assert!(c.is_none(), "a huge min_ratings was accepted");
        let (_, d) = parse("title: B\nbase_url: https://e.com\nranking: { prior_weight: -1 }\n");
        assert_eq!(d.error_count(), 1);
        let (_, d) = parse("title: B\nbase_url: https://e.com\nranking: { min_rating: 3 }\n");
        assert_eq!(
            d.iter().next().and_then(|d| d.help.clone()).as_deref(),
            Some("did you mean `min_ratings`?")
        );
    }

    #[test]
    fn rating_display_values() {
        let (c, _) = parse("title: B\nbase_url: https://e.com\nrating_display: stars\n");
        assert_eq!(c.expect("config").rating_display, RatingDisplay::Stars);
        let (_, d) = parse("title: B\nbase_url: https://e.com\nrating_display: star\n");
        assert_eq!(
            d.iter().next().and_then(|d| d.help.clone()).as_deref(),
            Some("did you mean `stars`?")
        );
    }
}
