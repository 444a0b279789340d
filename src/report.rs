//! `rave companies`: the company leaderboard for the terminal, as an aligned table or JSON, with
//! the same numbers the company pages show (means to one decimal, grades from the mean).

use serde::Serialize;

use crate::model::Site;
use crate::rating::Grade;

/// How `rave companies` orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompanySort {
    /// Highest mean first.
    Score,
    /// Most ratings first.
    Count,
    /// A to Z.
    Name,
    /// Highest Bayesian average first (the order of the best-rated page).
    Ranked,
}

/// One company's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct CompanyRow {
    pub name: String,
    pub slug: String,
    /// Absolute URL of the company page.
    pub url: String,
    pub story_count: usize,
    pub rating_count: usize,
    /// Mean score out of 100, one decimal.
    pub mean: Option<f64>,
    /// Grade nearest the mean.
    pub grade: Option<&'static str>,
    /// Bayesian average, one decimal.
    pub ranked: Option<f64>,
    /// Ratings per verdict.
    pub good: usize,
    pub mixed: usize,
    pub bad: usize,
    pub ugly: usize,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Rows of every company, sorted, at most `limit` of them.
pub(crate) fn company_rows(
    site: &Site,
    sort: CompanySort,
    limit: Option<usize>,
) -> Vec<CompanyRow> {
    let base = &site.config.base_url;
    let root = &site.config.root_path;
    let origin = base
        .strip_suffix(root.trim_end_matches('/'))
        .unwrap_or(base);
    let mut rows: Vec<CompanyRow> = site
        .companies
        .iter()
        .map(|c| {
            let s = &c.stats;
            CompanyRow {
                name: c.name.clone(),
                slug: c.slug.clone(),
                url: format!("{origin}{root}companies/{}/", c.slug),
                story_count: s.story_count,
                rating_count: s.rating_count,
                mean: s.mean.map(round1),
                grade: s.mean.map(|m| Grade::nearest(m).label()),
                ranked: s.ranked.map(round1),
                good: s.verdict_counts[0],
                mixed: s.verdict_counts[1],
                bad: s.verdict_counts[2],
                ugly: s.verdict_counts[3],
            }
        })
        .collect();
    let desc = |a: Option<f64>, b: Option<f64>| b.unwrap_or(-1.0).total_cmp(&a.unwrap_or(-1.0));
    let az = |a: &CompanyRow, b: &CompanyRow| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.name.cmp(&b.name))
    };
    match sort {
        CompanySort::Score => rows.sort_by(|a, b| {
            desc(a.mean, b.mean)
                .then(b.rating_count.cmp(&a.rating_count))
                .then(az(a, b))
        }),
        CompanySort::Count => rows.sort_by(|a, b| {
            b.rating_count
                .cmp(&a.rating_count)
                .then(b.story_count.cmp(&a.story_count))
                .then(az(a, b))
        }),
        CompanySort::Name => rows.sort_by(az),
        CompanySort::Ranked => rows.sort_by(|a, b| {
            desc(a.ranked, b.ranked)
                .then(b.rating_count.cmp(&a.rating_count))
                .then(az(a, b))
        }),
    }
    if let Some(limit) = limit {
        rows.truncate(limit);
    }
    rows
}

/// An aligned plain-text table of `rows`.
pub(crate) fn format_table(rows: &[CompanyRow]) -> String {
    let header = ["Company", "Stories", "Ratings", "Grade", "Mean", "Ranked"];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.name.clone(),
                r.story_count.to_string(),
                r.rating_count.to_string(),
                r.grade.unwrap_or("-").to_owned(),
                r.mean.map_or_else(|| "-".to_owned(), |m| format!("{m:.1}")),
                r.ranked
                    .map_or_else(|| "-".to_owned(), |m| format!("{m:.1}")),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |row: [&str; 6]| {
        let mut text = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            let pad = w - cell.chars().count();
            if i == 0 {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str("  ");
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header);
    for row in &cells {
        line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, mean: Option<f64>, count: usize) -> CompanyRow {
        CompanyRow {
            name: name.into(),
            slug: name.to_lowercase(),
            url: String::new(),
            story_count: count,
            rating_count: count,
            mean,
            grade: mean.map(|m| Grade::nearest(m).label()),
            ranked: mean,
            good: 0,
            mixed: 0,
            bad: 0,
            ugly: 0,
        }
    }

    #[test]
    fn table_is_aligned() {
        let t = format_table(&[row("Acme", Some(87.5), 12), row("Zed", None, 1)]);
        assert_eq!(
            t,
            "Company  Stories  Ratings  Grade  Mean  Ranked\nAcme          12       12     A-  87.5    87.5\nZed            1        1      -     -       -\n"
        );
    }
}
