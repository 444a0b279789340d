//! Formatting helpers for views: dates, ratings, numbers, plain text of HTML.

use crate::config::RatingDisplay;
use crate::date::PostDate;
use crate::i18n::Catalogue;
use crate::load::Channel;
use crate::model::Company;
use crate::rating::{self, Grade, GradeBand, Rating, Verdict};
use crate::render::urls::Urls;
use crate::render::views::*;

/// `Name` on page 1, `Name (page 2)` after.
pub(super) fn titled(name: &str, page: usize, words: &Catalogue) -> String {
    if page > 1 {
        words.text(
            "title-page",
            &[("title", name.into()), ("page", page.into())],
        )
    } else {
        name.to_owned()
    }
}

pub(super) fn company_description(
    company: &Company,
    stats: &StatsView,
    words: &Catalogue,
) -> String {
    match &stats.average {
        Some(avg) => words.text(
            "meta-company-rated",
            &[
                ("company", company.name.as_str().into()),
                ("average", avg.display.as_str().into()),
                ("count", stats.rating_count.into()),
            ],
        ),
        None => words.text("meta-company", &[("company", company.name.as_str().into())]),
    }
}

pub(super) fn date_view(date: &PostDate, words: &Catalogue) -> DateView {
    DateView {
        ymd: date.ymd(),
        human: words.format().date(date),
        rfc3339: date.rfc3339(),
        year: date.year(),
        time: date.hour_minute(),
        url: None,
    }
}

/// A story's date, linking the archive of its month.
pub(super) fn story_date_view(date: &PostDate, words: &Catalogue, urls: &Urls) -> DateView {
    let month = u8::try_from(date.date.month()).unwrap_or(1);
    DateView {
        url: Some(urls.archive(Some(date.year()), Some(month))),
        ..date_view(date, words)
    }
}

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(super) fn percent(count: usize, total: usize) -> u32 {
    if total == 0 {
        0
    } else {
        ((count as f64) * 100.0 / (total as f64)).round() as u32
    }
}

pub(super) fn band_class(band: GradeBand) -> &'static str {
    match band {
        GradeBand::A => "a",
        GradeBand::B => "b",
        GradeBand::C => "c",
        GradeBand::D => "d",
        GradeBand::F => "f",
    }
}

pub(super) fn verdict_label(v: Verdict, words: &Catalogue) -> String {
    words.text(&format!("verdict-{}", v.as_str()), &[])
}

pub(super) fn channel_label(channel: Channel, words: &Catalogue) -> String {
    words.text(&format!("channel-{}", channel.as_str()), &[])
}

/// Star glyphs for a number of stars in halves: `★★★★½`.
pub(super) fn star_glyphs(stars: f64) -> String {
    let full = stars.floor().clamp(0.0, 5.0) as usize;
    let half = stars - stars.floor() >= 0.5;
    let mut s = "★".repeat(full);
    if half {
        s.push('½');
    }
    s
}

/// The view of one rating under the site's display setting.
pub(super) fn rating_view(
    rating: &Rating,
    original: Option<&str>,
    display: RatingDisplay,
    words: &Catalogue,
) -> RatingView {
    let verdict = rating.verdict;
    let Some(score) = rating.score else {
        return RatingView {
            score: None,
            grade: None,
            band: "none",
            stars: None,
            stars_glyphs: String::new(),
            verdict: verdict.as_str(),
            verdict_label: verdict_label(verdict, words),
            display: verdict_label(verdict, words),
            label: words.text(
                "rating-verdict-only",
                &[("verdict", verdict.as_str().into())],
            ),
            original: original.map(str::to_owned),
        };
    };
    let grade = Grade::nearest(score);
    let stars = rating::stars(score);
    let score1 = round1(score);
    let score_text = words.format().number(score1);
    let verdict_word = verdict.as_str().into();
    let (shown, label) = match display {
        RatingDisplay::Grade => (
            grade.label().to_owned(),
            words.text(
                "rating-grade",
                &[
                    ("grade", grade.label().into()),
                    ("score", score1.into()),
                    ("verdict", verdict_word),
                ],
            ),
        ),
        RatingDisplay::Stars => (
            star_glyphs(stars),
            words.text(
                "rating-stars",
                &[("stars", stars.into()), ("verdict", verdict_word)],
            ),
        ),
        RatingDisplay::Percent => (
            words.text("percent", &[("value", score_text.as_str().into())]),
            words.text(
                "rating-percent",
                &[("score", score1.into()), ("verdict", verdict_word)],
            ),
        ),
    };
    RatingView {
        score: Some(score1),
        grade: Some(grade.label()),
        band: band_class(GradeBand::of(score)),
        stars: Some(stars),
        stars_glyphs: star_glyphs(stars),
        verdict: verdict.as_str(),
        verdict_label: verdict_label(verdict, words),
        display: shown,
        label,
        original: original.map(str::to_owned),
    }
}

/// Text of an HTML fragment: tags removed, entities decoded once, whitespace folded, cut at a
/// word boundary with `…` when longer than `max` characters.
pub fn plain_text(html: &str, max: usize) -> String {
    // Formatting inside a sentence (`a *receipt*.`) joins words; every other element separates.
    const INLINE: [&str; 16] = [
        "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "code", "mark", "small", "sub",
        "sup", "abbr", "q",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let mut out = String::new();
    let mut length = 0usize;
    for w in text.split_whitespace() {
        let w_len = w.chars().count();
        let needed = length
            .saturating_add(w_len)
            .saturating_add(usize::from(length > 0));
        if needed > max {
            out.push('…');
            break;
        }
        if length > 0 {
            out.push(' ');
        }
        out.push_str(w);
        length = needed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::parse_rating;

    fn view(text: &str, display: RatingDisplay) -> RatingView {
        let english = Catalogue::build(
            &crate::load::theme::builtin_catalogues(),
            "en",
            &mut crate::diagnostics::Diagnostics::new(),
        );
        rating_view(
            &parse_rating(text).expect("rating"),
            Some(text),
            display,
            &english,
        )
    }

    #[test]
    fn rating_views_follow_the_display_setting() {
        let g = view("4.5/5", RatingDisplay::Grade);
        assert_eq!(g.display, "A-");
        assert_eq!(g.label, "Grade A- (90 out of 100), good");
        assert_eq!(g.band, "a");
        let s = view("4.5/5", RatingDisplay::Stars);
        assert_eq!(s.display, "★★★★½");
        assert_eq!(s.label, "4.5 out of 5 stars, good");
        let p = view("72.5%", RatingDisplay::Percent);
        assert_eq!(p.display, "72.5%");
        assert_eq!(p.verdict, "good");
        let v = view("ugly", RatingDisplay::Grade);
        assert_eq!(v.display, "Ugly");
        assert_eq!(v.band, "none");
        assert_eq!(v.score, None);
    }

    #[test]
    fn plain_text_strips_tags_and_cuts_at_words() {
        assert_eq!(
            plain_text("<p>Fish &amp; <em>chips</em>.</p><p>Two</p>", 100),
            "Fish & chips. Two"
        );
        assert_eq!(plain_text("<p>one two three</p>", 8), "one two…");
    }
}
