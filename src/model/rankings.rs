//! Lists of companies that rank them: the best and worst rated (whole site, Bayesian average),
//! the most discussed, and the home page's best and worst of the latest year.
//!
//! A ranking never misleads: a "worst rated" list leaves out every company whose average is a
//! good verdict, a "best rated" one every company whose average is bad, and every ranking asks
//! for the site's `ranking.min_ratings` scored ratings.

use std::collections::BTreeMap;

use super::{CompanyId, Site};
use crate::rating::Verdict;

/// Companies eligible for the rankings, best first (by Bayesian average, then more ratings,
/// then name).
pub fn ranked_companies(site: &Site) -> Vec<CompanyId> {
    let min = site.config.ranking.min_ratings.max(1);
    let mut ids: Vec<CompanyId> = CompanyId::all(&site.companies)
        .filter(|&c| {
            site.companies[c].stats.rating_count >= min && site.companies[c].stats.ranked.is_some()
        })
        .collect();
    ids.sort_by(|&a, &b| {
        let (ca, cb) = (&site.companies[a], &site.companies[b]);
        cb.stats
            .ranked
            .partial_cmp(&ca.stats.ranked)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(cb.stats.rating_count.cmp(&ca.stats.rating_count))
            .then(a.cmp(&b))
    });
    ids
}

/// The "best rated" list: the ranking, best first, without companies whose average is bad.
pub fn best_rated(site: &Site) -> Vec<CompanyId> {
    ranked_companies(site)
        .into_iter()
        .filter(|&c| site.companies[c].stats.mean.is_some_and(fits_best))
        .collect()
}

/// The "worst rated" list: the ranking, worst first, without companies whose average is good.
pub fn worst_rated(site: &Site) -> Vec<CompanyId> {
    let mut ids: Vec<CompanyId> = ranked_companies(site)
        .into_iter()
        .filter(|&c| site.companies[c].stats.mean.is_some_and(fits_worst))
        .collect();
    ids.reverse();
    ids
}

/// Companies by number of stories, most discussed first (then A-Z).
pub fn most_discussed(site: &Site) -> Vec<CompanyId> {
    let mut ids: Vec<CompanyId> = CompanyId::all(&site.companies)
        .filter(|&c| site.companies[c].stats.story_count > 0)
        .collect();
    ids.sort_by(|&a, &b| {
        site.companies[b]
            .stats
            .story_count
            .cmp(&site.companies[a].stats.story_count)
            .then(a.cmp(&b))
    });
    ids
}

/// An average may head a "best rated" list unless its verdict is bad.
fn fits_best(mean: f64) -> bool {
    !matches!(Verdict::for_score(mean), Verdict::Bad | Verdict::Ugly)
}

/// An average may appear in a "worst rated" list unless its verdict is good.
fn fits_worst(mean: f64) -> bool {
    Verdict::for_score(mean) != Verdict::Good
}

/// How many companies each half of the year's highlights shows at most.
const HIGHLIGHTS_PER_LIST: usize = 3;

/// One company's ratings within the highlights' year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRanking {
    pub company: CompanyId,
    /// Stories of the year that name the company.
    pub story_count: usize,
    /// Scored ratings of the year.
    pub rating_count: usize,
    /// Mean of the year's scores.
    pub mean: f64,
    /// The year's Bayesian average (towards the site-wide mean), which orders the lists.
    pub ranked: f64,
}

/// The best and worst rated companies of the latest year with scored ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct YearHighlights {
    pub year: i16,
    /// Up to three, best first; none with a bad average.
    pub best: Vec<YearRanking>,
    /// Up to three, worst first; none with a good average, none already in `best`.
    pub worst: Vec<YearRanking>,
    /// Companies of the year with at least `min_ratings` scored ratings. Fewer than two: too
    /// little to rank yet, and both lists are empty.
    pub eligible: usize,
    /// The site's `ranking.min_ratings`, the same the whole-site rankings ask for.
    pub min_ratings: usize,
}

/// The home page's highlights: `None` when no story of the site has a scored rating.
pub fn year_highlights(site: &Site) -> Option<YearHighlights> {
    let site_mean = site.site_mean?;
    let year = site
        .stories
        .iter()
        .filter(|s| {
            s.mentions
                .iter()
                .any(|m| m.rating.as_ref().is_some_and(|r| r.score.is_some()))
        })
        .map(|s| s.input.date.year())
        .max()?;
    // company -> (stories, ratings, sum)
    let mut per_company: BTreeMap<CompanyId, (usize, usize, f64)> = BTreeMap::new();
    for story in site.stories.iter().filter(|s| s.input.date.year() == year) {
        for m in &story.mentions {
            let e = per_company.entry(m.company).or_default();
            e.0 += 1;
            if let Some(score) = m.rating.as_ref().and_then(|r| r.score) {
                e.1 += 1;
                e.2 += score;
            }
        }
    }
    let prior = site.config.ranking.prior_weight;
    let min_ratings = site.config.ranking.min_ratings.max(1);
    let mut ranked: Vec<YearRanking> = per_company
        .into_iter()
        .filter(|(_, (_, n, _))| *n >= min_ratings)
        .map(|(company, (story_count, n, sum))| YearRanking {
            company,
            story_count,
            rating_count: n,
            mean: sum / n as f64,
            ranked: (prior * site_mean + sum) / (prior + n as f64),
        })
        .collect();
    let eligible = ranked.len();
    let mut highlights = YearHighlights {
        year,
        best: Vec::new(),
        worst: Vec::new(),
        eligible,
        min_ratings,
    };
    if eligible < 2 {
        return Some(highlights);
    }
    ranked.sort_by(|a, b| {
        b.ranked
            .partial_cmp(&a.ranked)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.company.cmp(&b.company))
    });
    // At most half of the eligible companies each, so that no company is in both lists.
    let take = HIGHLIGHTS_PER_LIST.min(eligible / 2).max(1);
    highlights.best = ranked
        .iter()
        .filter(|r| fits_best(r.mean))
        .take(take)
        .cloned()
        .collect();
    highlights.worst = ranked
        .iter()
        .rev()
        .filter(|r| fits_worst(r.mean) && !highlights.best.contains(r))
        .take(take)
        .cloned()
        .collect();
    Some(highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_lists_take_no_bad_average_and_worst_lists_no_good_one() {
        assert!(fits_best(70.0) && fits_best(50.0) && !fits_best(49.9));
        assert!(fits_worst(69.9) && fits_worst(10.0) && !fits_worst(70.0));
    }
}
