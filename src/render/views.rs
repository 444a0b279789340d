//! The serialize-only types that templates receive. They are the theme contract: docs/themes.md
//! lists every field. Views borrow from the model and hold pre-formatted strings (dates, rating
//! labels), so that templates need no filter beyond Tera's own and rave's one `score` (a number
//! with at most one decimal), and never reach outside what they are given.

use serde::Serialize;

use crate::config::RatingDisplay;

/// Site-wide values, in every template as `site` (set once per build, not per page).
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Absolute URL without trailing slash.
    pub base_url: &'a str,
    /// Path every internal URL starts with (`/` or `/blog/`).
    pub root_path: &'a str,
    pub language: &'a str,
    /// `ltr`, or `rtl` for languages written right to left (`ar`, `he` ...).
    pub direction: &'static str,
    pub author: Option<&'a str>,
    /// `grade`, `stars` or `percent`.
    pub rating_display: RatingDisplay,
    /// Root-relative URLs of the site's main sections, for navigation.
    pub urls: SiteUrls,
    /// The years that have stories, newest first, each linking its archive.
    pub archive: Vec<ArchiveLink>,
    /// Plain pages (about ...), for navigation, A-Z by slug.
    pub pages: Vec<Link<'a>>,
    /// How many categories the site's stories are filed under (the menu links them when any).
    pub category_count: usize,
    /// `extra` from site.yaml.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    /// rave's version, for a generator meta tag.
    pub generator: &'static str,
}

/// URLs of the site's fixed sections.
#[derive(Debug, Serialize)]
pub struct SiteUrls {
    pub home: String,
    /// The archive of every story (`/stories/`); `None` when the theme has no archive.
    pub archive: Option<String>,
    pub companies: String,
    pub authors: String,
    pub tags: String,
    pub categories: String,
    pub stylesheet: String,
    /// The site's Atom feed.
    pub feed: String,
    pub sitemap: String,
    /// The company rankings.
    pub best: String,
    pub worst: String,
    pub most_discussed: String,
    /// The search page.
    pub search: String,
    /// Every series (`/series/`), or `null` when the theme has no `series-index.html`.
    pub series: Option<String>,
}

/// A link to the archive of a year or a month, with how many stories it lists.
#[derive(Debug, Serialize)]
pub struct ArchiveLink {
    /// `2011`, or the month in the site's language: `July 2011`, `Juli 2011`.
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// An archive page (`archive.html`): every story, a year's or a month's.
#[derive(Debug, Serialize)]
pub struct ArchiveView {
    /// `all`, `year` or `month`.
    pub kind: &'static str,
    /// "Stories", "Stories from 2011", "Stories from July 2011".
    pub title: String,
    pub url: String,
    /// The archive one level up: every story's for a year, the year's for a month; else null.
    pub parent: Option<ArchiveLink>,
    /// One level down: every year for the archive of every story, a year's months for a year.
    pub periods: Vec<ArchiveLink>,
}

/// Describes the page being rendered, in every template as `meta`.
#[derive(Debug, Serialize)]
pub struct PageMeta {
    /// `home`, `story`, `company`, `companies`, `author`, `authors`, `tag`, `tags`, `category`,
    /// `categories`, `series`, `page` or `404`.
    pub kind: &'static str,
    /// Text for `<title>` (without the site name).
    pub title: String,
    /// Text for `<meta name="description">`.
    pub description: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Absolute URL of this page (canonical link).
    pub permalink: String,
    /// Absolute URL of the page's image for sharing (Open Graph), or `null`.
    pub image: Option<String>,
    /// Open Graph type: `article` for stories, `website` otherwise.
    pub og_type: &'static str,
    /// The Atom feed that follows this page (site, company, author, tag, category or series),
    /// for `<link rel="alternate">`; `null` for pages without one.
    pub feed: Option<FeedLink>,
}

/// A feed's title and root-relative URL.
#[derive(Debug, Serialize, Clone)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

/// A name with a URL.
#[derive(Debug, Serialize, Clone)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: String,
}

/// One rating, shown the way the site wants it.
#[derive(Debug, Serialize, Clone)]
pub struct RatingView {
    /// Score on 0-100, rounded to one decimal; `null` for a verdict-only rating.
    pub score: Option<f64>,
    /// Nearest letter grade (`A+`), `null` without a score.
    pub grade: Option<&'static str>,
    /// Grade band letter in lowercase (`a` to `f`) for CSS classes; `none` without a score.
    pub band: &'static str,
    /// Stars out of 5 in halves, `null` without a score.
    pub stars: Option<f64>,
    /// Star glyphs for `stars` (`★★★★½`), empty without a score.
    pub stars_glyphs: String,
    /// `good`, `mixed`, `bad` or `ugly`.
    pub verdict: &'static str,
    /// `Good`, `Mixed`, `Bad` or `Ugly`, in the site's language.
    pub verdict_label: String,
    /// What the badge shows, following `site.rating_display` (`A+`, `★★★★½` or `90%`); the
    /// verdict word capitalised for verdict-only ratings.
    pub display: String,
    /// A full sentence for screen readers and tooltips ("Grade A (95 out of 100), good").
    pub label: String,
    /// The rating exactly as the writer typed it.
    pub original: Option<String>,
}

/// A company rated in a story.
#[derive(Debug, Serialize, Clone)]
pub struct MentionView<'a> {
    pub company: Link<'a>,
    /// `null` when the story names the company without rating it.
    pub rating: Option<RatingView>,
    /// Contact channel label (`Phone`), or `null`.
    pub channel: Option<String>,
}

/// A date in the forms templates need.
#[derive(Debug, Serialize, Clone)]
pub struct DateView {
    /// `2011-07-05`.
    pub ymd: String,
    /// `5 July 2011`.
    pub human: String,
    /// `2011-07-05T00:00:00Z`.
    pub rfc3339: String,
    pub year: i16,
    /// `09:30` when the date was written with a time of day (in the writer's offset), else null.
    pub time: Option<String>,
    /// The archive of the date's month (`/stories/2011/07/`) for a story's date, else null.
    pub url: Option<String>,
}

/// A story's lead image.
#[derive(Debug, Serialize, Clone)]
pub struct ImageView<'a> {
    pub url: String,
    pub alt: &'a str,
    /// What the photo shows, in the writer's words (`caption:`), or `null`.
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
    pub credit_url: Option<&'a str>,
    /// Intrinsic size in pixels of an image file of the site (static/ or the story's bundle);
    /// both `None` for SVG, remote images and files rave cannot read the size of.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `srcset` of a processed photo's JPEG or PNG copies and of its WebP copies (for a
    /// `<picture>`); `None` for images rave publishes as they are.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    /// The 1200x630 Open Graph image cut from a processed photo.
    pub og_url: Option<String>,
}

/// A reader comment; `body_html` is safe (rendered with raw HTML disabled).
#[derive(Debug, Serialize)]
pub struct CommentView<'a> {
    pub author: &'a str,
    pub url: Option<&'a str>,
    pub date: DateView,
    pub body_html: String,
    /// Anchor id (`comment-42` for a comment with `id: 42`, else `comment-<n>`).
    pub id: String,
    /// How deep in its thread: 0 for a comment that replies to nothing.
    pub depth: usize,
    /// The depth the theme indents by, capped so deep threads fit a phone.
    pub indent: usize,
    /// The comment replied to, for replies.
    pub reply_to: Option<ReplyToView<'a>>,
}

/// The comment a reply answers: its author and anchor id.
#[derive(Debug, Serialize)]
pub struct ReplyToView<'a> {
    pub author: &'a str,
    pub id: String,
}

/// A story as shown in lists; built once per story and reused on every list page.
#[derive(Debug, Serialize)]
pub struct StoryCard<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub author: Link<'a>,
    /// Safe HTML: the story's own rendered summary, borrowed (a card per story is held for the
    /// whole render), or the front matter's `summary:` rendered.
    pub summary_html: std::borrow::Cow<'a, str>,
    pub ratings: Vec<MentionView<'a>>,
    pub tags: Vec<Link<'a>>,
    /// The first of `categories`, for themes that show one.
    pub category: Option<Link<'a>>,
    pub categories: Vec<Link<'a>>,
    pub reading_minutes: usize,
    pub comment_count: usize,
    pub image: Option<ImageView<'a>>,
}

/// A story card on a company page, with the rating this story gave that company.
#[derive(Debug, Serialize)]
pub struct CompanyStoryCard<'a, 'c> {
    #[serde(flatten)]
    pub card: &'c StoryCard<'a>,
    pub company_rating: Option<&'c RatingView>,
    pub company_channel: Option<String>,
}

/// Position of a story in its series.
#[derive(Debug, Serialize)]
pub struct SeriesNav<'a> {
    pub title: &'a str,
    pub url: String,
    /// 1-based.
    pub position: usize,
    pub total: usize,
    pub previous: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
    /// Safe HTML of the series' introduction, shortened (the part before `<!-- more -->`, else
    /// its first paragraph); `null` without a series page or introduction.
    pub intro_html: Option<String>,
    /// Every published part, oldest first, this story's marked `current`.
    pub parts: Vec<SeriesPart<'a>>,
    /// Parts announced for a later date, oldest first (the first is the next to come).
    pub upcoming: Vec<UpcomingView<'a>>,
}

/// A published part of a series.
#[derive(Debug, Serialize)]
pub struct SeriesPart<'a> {
    pub title: &'a str,
    pub url: String,
    /// 1-based.
    pub position: usize,
    /// The story of the page being rendered.
    pub current: bool,
}

/// The writer of a story, as the box under the story shows them: their card and what the
/// author profile gives (the other fields are `null`).
#[derive(Debug, Serialize)]
pub struct AuthorBoxView<'a> {
    #[serde(flatten)]
    pub card: AuthorCard<'a>,
    /// Safe HTML of the short bio: the profile body's part before `<!-- more -->`, else its
    /// first paragraph.
    pub bio_html: Option<String>,
    pub website: Option<&'a str>,
}

/// "More stories about <company>" at the end of a story page.
#[derive(Debug, Serialize)]
pub struct MoreStoriesView<'a, 'c> {
    /// "More stories about Acme", or "More stories like this" when only tags are shared.
    pub title: String,
    /// Newest first: other stories rating the same companies, then sharing tags.
    pub stories: Vec<&'c StoryCard<'a>>,
}

/// The story page's main object, `story` in story.html.
#[derive(Debug, Serialize)]
pub struct StoryView<'a, 'c> {
    #[serde(flatten)]
    pub card: &'c StoryCard<'a>,
    pub permalink: String,
    pub updated: Option<DateView>,
    /// Safe HTML of the whole body.
    pub content_html: std::borrow::Cow<'c, str>,
    /// Safe HTML of the editor's note (`note:`), shown apart from the story; null without one.
    pub note_html: Option<String>,
    pub word_count: usize,
    pub series: Option<SeriesNav<'a>>,
    /// About the writer, from their author profile; `null` for a writer without a profile or
    /// whose profile has neither tagline, avatar nor bio.
    pub author_box: Option<AuthorBoxView<'a>>,
    pub comments: Vec<CommentView<'a>>,
    /// `<script type="application/ld+json">` with a `BlogPosting` and one `Review` per rated
    /// company (none for the site owner's own company).
    pub json_ld_html: String,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    /// Stories to read next, or null when no other story shares a company or a tag.
    pub more_stories: Option<MoreStoriesView<'a, 'c>>,
}

/// One bar of a grade distribution.
#[derive(Debug, Serialize)]
pub struct BandView {
    /// `A` to `F`.
    pub label: &'static str,
    /// Lowercase, for CSS.
    pub band: &'static str,
    /// Stars this band stands for (A = 5 ... F = 1).
    pub stars: u8,
    pub count: usize,
    /// Share of all scored ratings, 0-100, rounded.
    pub percent: u32,
}

/// A verdict with its count.
#[derive(Debug, Serialize)]
pub struct VerdictCount {
    pub verdict: &'static str,
    pub label: String,
    pub count: usize,
}

/// Aggregates of a company.
#[derive(Debug, Serialize)]
pub struct StatsView {
    pub story_count: usize,
    pub rating_count: usize,
    /// The average, shown like any rating; `null` without scored ratings.
    pub average: Option<RatingView>,
    /// Mean score to one decimal.
    pub mean: Option<f64>,
    /// A first.
    pub bands: Vec<BandView>,
    pub verdicts: Vec<VerdictCount>,
    /// Ratings with a verdict, scored or verdict-only (the sum of `verdicts`).
    pub verdict_count: usize,
    pub first_date: Option<DateView>,
    pub latest_date: Option<DateView>,
    /// Mean per year (per quarter for busy companies), oldest first.
    pub periods: Vec<PeriodView>,
    /// The periods as an inline SVG line chart with title and description; `null` with fewer
    /// than two periods.
    pub trend_svg_html: Option<String>,
    /// Per contact channel that occurs, in a fixed order.
    pub channels: Vec<ChannelView>,
    /// Bayesian average used by the rankings, one decimal; `null` without scores.
    pub ranked: Option<f64>,
}

/// Mean score of one period.
#[derive(Debug, Serialize)]
pub struct PeriodView {
    /// `2023` or `2023 Q2`.
    pub label: String,
    pub count: usize,
    /// One decimal.
    pub mean: f64,
    pub average: RatingView,
}

/// Ratings through one contact channel.
#[derive(Debug, Serialize)]
pub struct ChannelView {
    /// `in-store`, `phone` ...
    pub channel: &'static str,
    /// `In store`, `Phone` ..., in the site's language.
    pub label: String,
    /// Stories naming the company through this channel.
    pub mentions: usize,
    pub rating_count: usize,
    /// One decimal; `null` without scores.
    pub mean: Option<f64>,
    pub average: Option<RatingView>,
}

/// A story singled out on a company page (best or worst experience): its card and the
/// company's rating in it.
#[derive(Debug, Serialize)]
pub struct HighlightView<'a, 'c> {
    #[serde(flatten)]
    pub card: &'c StoryCard<'a>,
    pub rating: RatingView,
}

/// A company rated in the same stories as another.
#[derive(Debug, Serialize)]
pub struct RelatedView<'a> {
    pub name: &'a str,
    pub url: String,
    /// Stories naming both.
    pub shared: usize,
    pub average: Option<RatingView>,
}

/// A company in lists, `companies` in companies.html.
#[derive(Debug, Serialize)]
pub struct CompanyCard<'a> {
    pub name: &'a str,
    pub url: String,
    pub story_count: usize,
    pub rating_count: usize,
    pub average: Option<RatingView>,
    /// First letter for A-Z navigation (`#` for digits and symbols).
    pub letter: String,
    /// Anchor id for the letter's section (`letter-a`, `letter-other`).
    pub letter_anchor: String,
}

/// The company page's main object, `company` in company.html.
#[derive(Debug, Serialize)]
pub struct CompanyView<'a, 'c> {
    pub name: &'a str,
    pub url: String,
    pub permalink: String,
    pub website: Option<&'a str>,
    pub logo: Option<String>,
    /// `srcset` of the logo's copies when it is a processed photo.
    pub logo_srcset: Option<String>,
    pub description: Option<&'a str>,
    /// Safe HTML of the profile's body; empty without profile.
    pub content_html: String,
    pub aliases: Vec<&'a str>,
    pub stats: StatsView,
    /// Highest and lowest rated experiences (when there are two scores or more).
    pub best: Option<HighlightView<'a, 'c>>,
    pub worst: Option<HighlightView<'a, 'c>>,
    /// Companies rated in the same stories, most shared first (at most 10).
    pub related: Vec<RelatedView<'a>>,
    /// `<script type="application/ld+json">` with the company as an `Organization` and its
    /// `aggregateRating`; `null` for the site owner's own company.
    pub json_ld_html: Option<String>,
    pub extra: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

/// One row of a company ranking.
#[derive(Debug, Serialize)]
pub struct BoardEntry<'a> {
    /// 1-based.
    pub rank: usize,
    #[serde(flatten)]
    pub company: CompanyCard<'a>,
    /// The Bayesian average the ranking uses, one decimal (`null` on most-discussed for
    /// companies without scores).
    pub ranked: Option<f64>,
}

/// A ranking page, `board` in leaderboard.html.
#[derive(Debug, Serialize)]
pub struct BoardView<'a> {
    /// `best`, `worst` or `most-discussed`.
    pub kind: &'static str,
    pub title: String,
    /// One sentence on how the list is made.
    pub description: String,
    pub url: String,
    pub entries: Vec<BoardEntry<'a>>,
    /// The three rankings, for navigation between them.
    pub boards: Vec<BoardLink>,
    pub min_ratings: usize,
    pub prior_weight: f64,
    /// Mean of every scored rating on the site, one decimal.
    pub site_mean: Option<f64>,
}

/// A link to one of the rankings.
#[derive(Debug, Serialize)]
pub struct BoardLink {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub current: bool,
}

/// The home page panel of the best and worst rated companies of the latest year with ratings.
#[derive(Debug, Serialize)]
pub struct HighlightsView<'a> {
    pub year: i16,
    /// Up to three, best first; never a company whose average is bad.
    pub best: Vec<BoardEntry<'a>>,
    /// Up to three, worst first; never a company whose average is good, nor one in `best`.
    pub worst: Vec<BoardEntry<'a>>,
    /// Whether at least two companies have `min_ratings` scored ratings in `year`; when not,
    /// both lists are empty and the theme says there is too little to rank yet.
    pub enough: bool,
    /// The ratings a company needs in `year` to be ranked (the leaderboards' minimum).
    pub min_ratings: usize,
    pub best_url: String,
    pub worst_url: String,
}

/// An author in lists, `authors` in authors.html.
#[derive(Debug, Serialize)]
pub struct AuthorCard<'a> {
    pub name: &'a str,
    pub url: String,
    pub tagline: Option<&'a str>,
    pub avatar: Option<String>,
    /// `srcset` of the avatar's copies when it is a processed photo.
    pub avatar_srcset: Option<String>,
    pub story_count: usize,
}

/// The author page's main object, `author` in author.html.
#[derive(Debug, Serialize)]
pub struct AuthorView<'a> {
    #[serde(flatten)]
    pub card: AuthorCard<'a>,
    pub website: Option<&'a str>,
    /// Safe HTML of the profile's body (the bio); empty without profile.
    pub bio_html: String,
    pub has_profile: bool,
    /// Companies this author rated, A-Z.
    pub companies: Vec<Link<'a>>,
}

/// A tag or category term, `term` in tag.html and items of `terms` in tags.html.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub url: String,
    pub story_count: usize,
}

/// Which taxonomy a tag.html / tags.html page is about.
#[derive(Debug, Serialize)]
pub struct TaxonomyView {
    /// `tags` or `categories`.
    pub name: &'static str,
    /// `Tags` or `Categories`, in the site's language.
    pub plural: String,
    pub url: String,
}

/// The series page's main object, `series` in series.html.
#[derive(Debug, Serialize)]
pub struct SeriesView<'a> {
    pub title: &'a str,
    pub url: String,
    /// Safe HTML of the series' introduction.
    pub content_html: String,
    /// Announced stories not yet published, oldest first (title and date, no link).
    pub upcoming: Vec<UpcomingView<'a>>,
}

/// A series as the `/series/` page lists it, items of `all_series` in series-index.html.
#[derive(Debug, Serialize)]
pub struct SeriesEntry<'a, 'c> {
    pub title: &'a str,
    pub url: String,
    /// Safe HTML of the introduction, shortened (before `<!-- more -->`, else its first
    /// paragraph); `null` without a series page or introduction.
    pub intro_html: Option<String>,
    /// Published parts.
    pub part_count: usize,
    /// Parts announced for a later date.
    pub upcoming_count: usize,
    /// The newest published part, or `null` before the first.
    pub newest: Option<&'c StoryCard<'a>>,
}

/// A story announced for a later date.
#[derive(Debug, Serialize)]
pub struct UpcomingView<'a> {
    pub title: &'a str,
    pub date: DateView,
    /// Who writes it.
    pub author: &'a str,
    /// Their author page, `null` when the site has none for them yet.
    pub author_url: Option<String>,
}

/// A plain page, `page` in page.html.
#[derive(Debug, Serialize)]
pub struct PlainPageView<'a> {
    pub title: &'a str,
    pub url: String,
    pub content_html: &'a str,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// A numbered page of a list.
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were left out between the previous link and this one (show an ellipsis).
    pub gap_before: bool,
}

/// One page of a paginated story list, `paginator` in list templates.
#[derive(Debug, Serialize)]
pub struct Paginator<T: Serialize> {
    /// The stories on this page.
    pub stories: Vec<T>,
    /// 1-based number of this page.
    pub number: usize,
    pub total_pages: usize,
    /// Stories in the whole list.
    pub total_stories: usize,
    pub first_url: String,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
    pub last_url: String,
    pub pages: Vec<PageLink>,
}
