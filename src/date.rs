//! Publication dates as writers give them (`2011-07-05` or RFC 3339), ordered by instant and
//! shown by their own calendar date.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, Time};

/// A date from front matter. Date-only values mean midnight UTC of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostDate {
    /// The instant, for ordering, feeds and scheduling.
    pub timestamp: Timestamp,
    /// The calendar date as written (in the writer's own offset for RFC 3339 values).
    pub date: Date,
    /// The time of day as written, when it was (`09:30` of `2011-07-05T09:30:00+02:00`).
    pub time: Option<Time>,
}

impl PostDate {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time (`2011-07-05T09:30:00+02:00`).
    pub fn parse(text: &str) -> Result<PostDate, String> {
        let text = text.trim();
        let date_part = text.get(..10).unwrap_or(text);
        let date: Date = date_part.parse().map_err(|e: jiff::Error| {
            if date_part.len() == 10 && date_part.as_bytes().get(4) == Some(&b'-') {
                format!("`{text}` is not a real date: {e}")
            } else {
                format!("`{text}` is not a date")
            }
        })?;
        if !(FIRST_DATE..=LAST_DATE).contains(&date) {
            return Err(format!(
                "`{text}` is outside the dates rave supports, {FIRST_DATE} to {LAST_DATE}"
            ));
        }
        if text.len() == 10 {
            let timestamp = date
                .to_zoned(jiff::tz::TimeZone::UTC)
                .map_err(|e| format!("`{text}` is out of range: {e}"))?
                .timestamp();
            return Ok(PostDate {
                timestamp,
                date,
                time: None,
            });
        }
        let timestamp: Timestamp = text
            .parse()
            .map_err(|e: jiff::Error| format!("`{text}` is not an RFC 3339 date-time: {e}"))?;
        // The wall-clock time in the writer's own offset, as the calendar date is.
        let time = text
            .get(11..19)
            .and_then(|t| t.parse::<Time>().ok())
            .or_else(|| text.get(11..16).and_then(|t| t.parse::<Time>().ok()));
        Ok(PostDate {
            timestamp,
            date,
            time,
        })
    }

    /// `09:30`, when a time of day was written.
    pub fn hour_minute(&self) -> Option<String> {
        self.time.map(|t| t.strftime("%H:%M").to_string())
    }

    /// The calendar date as `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        self.date.to_string()
    }

    /// RFC 3339 in UTC, for feeds, sitemaps and `<time datetime>`.
    pub fn rfc3339(&self) -> String {
        self.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// `5 July 2011`, for readers.
    pub fn human(&self) -> String {
        self.date.strftime("%-d %B %Y").to_string()
    }

    pub fn year(&self) -> i16 {
        self.date.year()
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)
    }
}

/// The first date rave takes: year 1 (the calendar as written has no year 0).
pub const FIRST_DATE: Date = jiff::civil::date(1, 1, 1);
/// The last date rave takes: any time of this day, at any UTC offset, is still an instant the
/// date library can hold (its last instant is 9999-12-30T22:00:00Z).
pub const LAST_DATE: Date = jiff::civil::date(9999, 12, 28);

/// The help shown under every date error.
pub const DATE_HELP: &str =
    "write the date as YYYY-MM-DD (2011-07-05) or RFC 3339 (2011-07-05T09:30:00Z)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_only_as_utc_midnight() {
        let d = PostDate::parse("2011-07-05").expect("date");
        assert_eq!(d.ymd(), "2011-07-05");
        assert_eq!(d.rfc3339(), "2011-07-05T00:00:00Z");
        assert_eq!(d.human(), "5 July 2011");
    }

    #[test]
    fn parses_rfc3339_keeping_the_written_calendar_date() {
        let d = PostDate::parse("2011-07-05T23:30:00-05:00").expect("date");
        assert_eq!(d.ymd(), "2011-07-05");
        assert_eq!(d.rfc3339(), "2011-07-06T04:30:00Z");
        assert_eq!(d.hour_minute().as_deref(), Some("23:30"));
        assert_eq!(
            PostDate::parse("2011-07-05").expect("date").hour_minute(),
            None
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(
            PostDate::parse("2011-02-30")
                .expect_err("feb 30")
                .contains("not a real date")
        );
        assert!(PostDate::parse("05/07/2011").is_err());
        assert!(PostDate::parse("2011").is_err());
        assert!(PostDate::parse("2011-07-05T25:00:00Z").is_err());
        assert!(PostDate::parse("").is_err());
        assert!(PostDate::parse("2011-07-05 garbage").is_err());
    }

    #[test]
    fn every_date_of_the_supported_years_is_taken_and_others_are_named() {
        for good in [
            "0001-01-01",
            "9999-12-28",
            "9999-12-28T23:59:59-23:59",
            "0001-01-01T00:00:00+23:59",
        ] {
            assert!(PostDate::parse(good).is_ok(), "{good}");
        }
        for bad in ["9999-12-31", "9999-12-29T00:00:00Z", "0000-06-01"] {
            let e = PostDate::parse(bad).expect_err(bad);
            assert!(e.contains("0001-01-01 to 9999-12-28"), "{bad}: {e}");
        }
    }

    #[test]
    fn orders_by_instant() {
        let a = PostDate::parse("2011-07-05T10:00:00+02:00").expect("a");
        let b = PostDate::parse("2011-07-05T09:00:00Z").expect("b");
        assert!(a < b);
    }
}
