//! Rating aggregates of one company: count, mean, nearest grade, counts per grade band and per
//! verdict, means per period and per channel, best and worst experience, and the dates of its
//! first and latest story.

use std::collections::BTreeMap;

use crate::date::PostDate;
use crate::load::Channel;
use crate::rating::{Grade, GradeBand, Verdict};

use super::{Mention, StoryId};

/// One mention of a company, as the aggregates see it.
#[derive(Debug, Clone, Copy)]
pub struct MentionRef<'a> {
    pub story: StoryId,
    /// Index of the mention within its story.
    pub index: usize,
    pub mention: &'a Mention,
    pub date: PostDate,
}

/// The mean score of one period (a year, or a quarter for busy companies).
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMean {
    pub year: i16,
    /// 1-4 when periods are quarters.
    pub quarter: Option<u8>,
    pub count: usize,
    pub mean: f64,
}

impl PeriodMean {
    /// `2023` or `2023 Q2`.
    pub fn label(&self) -> String {
        match self.quarter {
            Some(q) => format!("{} Q{q}", self.year),
            None => self.year.to_string(),
        }
    }
}

/// Ratings through one contact channel.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelStat {
    pub channel: Channel,
    /// Mentions with this channel (scored or not).
    pub mentions: usize,
    /// Scored ratings with this channel.
    pub rating_count: usize,
    pub mean: Option<f64>,
}

/// A company's ratings per year switch to quarters when one year has at least this many.
pub const QUARTERS_FROM: usize = 20;

/// Aggregates over the published stories that name a company.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RatingStats {
    /// Stories that name the company (rated or not).
    pub story_count: usize,
    /// Ratings with a score.
    pub rating_count: usize,
    /// Sum of scores, kept for Bayesian ranking.
    pub score_sum: f64,
    /// Mean score on 0-100, `None` without scored ratings.
    pub mean: Option<f64>,
    /// Scored ratings per grade band, A first.
    pub band_counts: [usize; 5],
    /// Ratings per verdict, in [`Verdict::ALL`] order (verdict-only ratings included).
    pub verdict_counts: [usize; 4],
    pub first: Option<PostDate>,
    pub latest: Option<PostDate>,
    /// Mean per year (per quarter when a year has [`QUARTERS_FROM`] ratings), oldest first.
    pub periods: Vec<PeriodMean>,
    /// Per channel, in [`Channel::ALL`] order, only channels that occur.
    pub channels: Vec<ChannelStat>,
    /// The highest-scored mention (newest on ties), when there are two scores or more.
    pub best: Option<(StoryId, usize)>,
    /// The lowest-scored mention (newest on ties), when there are two scores or more.
    pub worst: Option<(StoryId, usize)>,
    /// Bayesian average used for rankings; set by the model once the site-wide mean is known.
    pub ranked: Option<f64>,
}

impl RatingStats {
    pub fn compute<'a>(mentions: impl IntoIterator<Item = MentionRef<'a>>) -> Self {
        let mut stats = RatingStats::default();
        // (year, quarter) -> (count, sum)
        let mut by_quarter: BTreeMap<(i16, u8), (usize, f64)> = BTreeMap::new();
        let mut channels: BTreeMap<Channel, (usize, usize, f64)> = BTreeMap::new();
        let mut best: Option<(f64, PostDate, StoryId, usize)> = None;
        let mut worst: Option<(f64, PostDate, StoryId, usize)> = None;
        for MentionRef {
            story,
            index,
            mention,
            date,
        } in mentions
        {
            stats.story_count += 1;
            stats.first = Some(stats.first.map_or(date, |d| d.min(date)));
            stats.latest = Some(stats.latest.map_or(date, |d| d.max(date)));
            let score = mention.rating.as_ref().and_then(|r| r.score);
            if let Some(channel) = mention.channel {
                let entry = channels.entry(channel).or_default();
                entry.0 += 1;
                if let Some(s) = score {
                    entry.1 += 1;
                    entry.2 += s;
                }
            }
            let Some(rating) = &mention.rating else {
                continue;
            };
            if let Some(i) = Verdict::ALL.iter().position(|v| *v == rating.verdict) {
                stats.verdict_counts[i] += 1;
            }
            let Some(score) = score else { continue };
            stats.rating_count += 1;
            stats.score_sum += score;
            if let Some(i) = GradeBand::ALL
                .iter()
                .position(|b| *b == GradeBand::of(score))
            {
                stats.band_counts[i] += 1;
            }
            let quarter = (date.date.month() as u8 - 1) / 3 + 1;
            let entry = by_quarter.entry((date.year(), quarter)).or_default();
            entry.0 += 1;
            entry.1 += score;
            let candidate = (score, date, story, index);
            if best.is_none_or(|b| (score, date) > (b.0, b.1)) {
                best = Some(candidate);
            }
            if worst.is_none_or(|w| score < w.0 || (score == w.0 && date > w.1)) {
                worst = Some(candidate);
            }
        }
        if stats.rating_count > 0 {
            stats.mean = Some(stats.score_sum / stats.rating_count as f64);
        }
        if stats.rating_count >= 2 {
            stats.best = best.map(|b| (b.2, b.3));
            stats.worst = worst.map(|w| (w.2, w.3));
            if stats.best == stats.worst {
                stats.best = None;
                stats.worst = None;
            }
        }
        stats.periods = periods(&by_quarter);
        stats.channels = channels
            .into_iter()
            .map(|(channel, (mentions, rating_count, sum))| ChannelStat {
                channel,
                mentions,
                rating_count,
                mean: (rating_count > 0).then(|| sum / rating_count as f64),
            })
            .collect();
        stats
    }

    /// The grade nearest the mean.
    pub fn grade(&self) -> Option<Grade> {
        self.mean.map(Grade::nearest)
    }

    /// The verdict of the mean, in the stories' own words: a bad average reads "ugly" when
    /// writers called at least as many of its ratings ugly as bad (ugly is never derived from a
    /// score, so one story's "ugly" would otherwise read "bad").
    pub fn average_verdict(&self) -> Option<Verdict> {
        let derived = Verdict::for_score(self.mean?);
        let count = |v: Verdict| {
            Verdict::ALL
                .iter()
                .position(|x| *x == v)
                .map_or(0, |i| self.verdict_counts[i])
        };
        Some(
            if derived == Verdict::Bad
                && count(Verdict::Ugly) > 0
                && count(Verdict::Ugly) >= count(Verdict::Bad)
            {
                Verdict::Ugly
            } else {
                derived
            },
        )
    }

    /// How many ratings carry a verdict (scored or verdict-only).
    pub fn verdict_total(&self) -> usize {
        self.verdict_counts.iter().sum()
    }

    /// The Bayesian average `(C*m + sum) / (C + n)`, pulling companies with few ratings towards
    /// the site-wide mean `m` with weight `C`.
    pub fn bayesian(&self, prior_weight: f64, site_mean: f64) -> Option<f64> {
        (self.rating_count > 0).then(|| {
            (prior_weight * site_mean + self.score_sum) / (prior_weight + self.rating_count as f64)
        })
    }
}

/// Years, or quarters when any year is busy enough.
fn periods(by_quarter: &BTreeMap<(i16, u8), (usize, f64)>) -> Vec<PeriodMean> {
    let mut by_year: BTreeMap<i16, (usize, f64)> = BTreeMap::new();
    for (&(year, _), &(count, sum)) in by_quarter {
        let e = by_year.entry(year).or_default();
        e.0 += count;
        e.1 += sum;
    }
    if by_year.values().any(|&(count, _)| count >= QUARTERS_FROM) {
        by_quarter
            .iter()
            .map(|(&(year, quarter), &(count, sum))| PeriodMean {
                year,
                quarter: Some(quarter),
                count,
                mean: sum / count as f64,
            })
            .collect()
    } else {
        by_year
            .into_iter()
            .map(|(year, (count, sum))| PeriodMean {
                year,
                quarter: None,
                count,
                mean: sum / count as f64,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CompanyId;
    use crate::rating::parse_rating;

    fn mention(rating: &str, channel: Option<Channel>) -> Mention {
        Mention {
            company: CompanyId::from_index(0),
            rating: parse_rating(rating).ok(),
            rating_text: Some(rating.into()),
            channel,
        }
    }

    fn refs<'a>(ms: &'a [Mention], dates: &[&str]) -> Vec<MentionRef<'a>> {
        ms.iter()
            .zip(dates)
            .enumerate()
            .map(|(i, (m, d))| MentionRef {
                story: StoryId::from_index(i),
                index: 0,
                mention: m,
                date: PostDate::parse(d).expect("date"),
            })
            .collect()
    }

    #[test]
    fn aggregates_by_hand() {
        let ms = [
            mention("A+", Some(Channel::Phone)),
            mention("2/5", Some(Channel::Phone)),
            mention("ugly", Some(Channel::Email)),
            mention("70%", None),
        ];
        let stats = RatingStats::compute(refs(
            &ms,
            &["2022-06-01", "2020-01-01", "2022-06-01", "2020-03-01"],
        ));
        assert_eq!(stats.story_count, 4);
        assert_eq!(stats.rating_count, 3);
        // (100 + 40 + 70) / 3 = 70
        assert_eq!(stats.mean, Some(70.0));
        assert_eq!(stats.grade(), Some(Grade::BMinus));
        // A: 100; B: 70; D: 40
        assert_eq!(stats.band_counts, [1, 1, 0, 1, 0]);
        // good: A+ and 70%; bad: 2/5; ugly: stated
        assert_eq!(stats.verdict_counts, [2, 0, 1, 1]);
        assert_eq!(stats.first.map(|d| d.ymd()), Some("2020-01-01".into()));
        assert_eq!(stats.latest.map(|d| d.ymd()), Some("2022-06-01".into()));
        // 2020: (40 + 70) / 2 = 55; 2022: 100
        let periods: Vec<(String, f64)> =
            stats.periods.iter().map(|p| (p.label(), p.mean)).collect();
        assert_eq!(periods, [("2020".into(), 55.0), ("2022".into(), 100.0)]);
        // phone: 100 and 40 -> 70; email: one verdict-only mention, no mean
        assert_eq!(stats.channels.len(), 2);
        assert_eq!(
            (stats.channels[0].channel, stats.channels[0].mean),
            (Channel::Phone, Some(70.0))
        );
        assert_eq!(
            (
                stats.channels[1].channel,
                stats.channels[1].mentions,
                stats.channels[1].mean
            ),
            (Channel::Email, 1, None)
        );
        assert_eq!(stats.best, Some((StoryId::from_index(0), 0)));
        assert_eq!(stats.worst, Some((StoryId::from_index(1), 0)));
    }

    #[test]
    fn busy_years_switch_to_quarters() {
        let ms: Vec<Mention> = (0..20).map(|_| mention("B", None)).collect();
        let dates: Vec<String> = (0..20)
            .map(|i| format!("2023-{:02}-01", i % 12 + 1))
            .collect();
        let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
        let stats = RatingStats::compute(refs(&ms, &dates));
        let labels: Vec<String> = stats.periods.iter().map(PeriodMean::label).collect();
        assert_eq!(labels, ["2023 Q1", "2023 Q2", "2023 Q3", "2023 Q4"]);
        assert_eq!(stats.periods.iter().map(|p| p.count).sum::<usize>(), 20);
    }

    #[test]
    fn no_scores_no_mean_no_highlights() {
        let ms = [mention("good", None)];
        let stats = RatingStats::compute(refs(&ms, &["2020-01-01"]));
        assert_eq!(stats.mean, None);
        assert_eq!(stats.grade(), None);
        assert_eq!(stats.verdict_total(), 1);
        assert_eq!(stats.best, None);
        assert!(stats.periods.is_empty());
    }

    #[test]
    fn bayesian_average_by_hand() {
        let ms = [mention("A+", None), mention("80%", None)];
        let stats = RatingStats::compute(refs(&ms, &["2020-01-01", "2021-01-01"]));
        // (3 * 60 + 180) / (3 + 2) = 72
        assert_eq!(stats.bayesian(3.0, 60.0), Some(72.0));
    }
}
