//! Dates and numbers as a language writes them ("18. Juli 2011", "57,5"), from ICU4X's locale
//! data compiled into the binary.

use icu_calendar::cal::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::input::Date;
use icu_datetime::pattern::FixedCalendarDateTimeNames;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::date::PostDate;

/// The date and number formats of one language.
pub struct LocaleFormat {
    language: String,
    long_date: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    month_year: Option<FixedCalendarDateTimeFormatter<Gregorian, YM>>,
    numbers: Option<DecimalFormatter>,
}

impl std::fmt::Debug for LocaleFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocaleFormat")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl LocaleFormat {
    /// The formats of `language` (ICU falls back to the nearest language it has data for, and
    /// to its root data, never failing for a valid tag).
    pub fn new(language: &str) -> Self {
        // Plain `en` writes dates day first, as rave always has ("18 July 2011"); `en-US`
        // asks for "July 18, 2011".
        let tag = if language.eq_ignore_ascii_case("en") {
            "en-GB"
        } else {
            language
        };
        let locale = Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN);
        LocaleFormat {
            language: language.to_owned(),
            long_date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).ok(),
            month_year: month_year_formatter(&locale),
            numbers: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
        }
    }

    /// A date in the language's long form: "18 July 2011", "18. Juli 2011", "18 juillet 2011".
    pub fn date(&self, date: &PostDate) -> String {
        let day = date.date;
        let formatted = Date::try_new_gregorian(
            i32::from(day.year()),
            u8::try_from(day.month()).unwrap_or(1),
            u8::try_from(day.day()).unwrap_or(1),
        )
        .ok()
        .zip(self.long_date.as_ref())
        .map(|(d, f)| f.format(&d).to_string());
        formatted.unwrap_or_else(|| date.ymd())
    }

    /// A month of a year in the language's long form: "July 2011", "Juli 2011", "julio de 2011".
    pub fn month(&self, year: i16, month: u8) -> String {
        Date::try_new_gregorian(i32::from(year), month, 1)
            .ok()
            .zip(self.month_year.as_ref())
            .map(|(d, f)| f.format(&d).to_string())
            .unwrap_or_else(|| format!("{year:04}-{month:02}"))
    }

    /// A number with at most one decimal, in the language's digits and separators
    /// ("57.5", "57,5", "1,234", "1.234").
    pub fn number(&self, value: f64) -> String {
        format_number(self.numbers.as_ref(), value)
    }
}

impl LocaleFormat {
    /// A number with exactly one decimal ("70.0", "70,0"), for lists of means.
    pub fn one_decimal(&self, value: f64) -> String {
        let plain = format!("{value:.1}");
        match (self.numbers.as_ref(), plain.parse::<Decimal>()) {
            (Some(f), Ok(decimal)) => f.format(&decimal).to_string(),
            _ => plain,
        }
    }
}

/// "July 2011": some languages' month-and-year data writes the month through a number
/// placeholder (Dutch), which ICU's formatter leaves without a number formatter, so one is
/// loaded explicitly.
fn month_year_formatter(locale: &Locale) -> Option<FixedCalendarDateTimeFormatter<Gregorian, YM>> {
    let formatter = FixedCalendarDateTimeFormatter::try_new(locale.into(), YM::long()).ok()?;
    let mut names = FixedCalendarDateTimeNames::from_formatter(locale.into(), formatter);
    names.include_decimal_formatter().ok()?;
    names.try_into_formatter(YM::long()).ok()
}

fn format_number(formatter: Option<&DecimalFormatter>, value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let plain = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match (formatter, plain.parse::<Decimal>()) {
        (Some(f), Ok(decimal)) => f.format(&decimal).to_string(),
        _ => plain,
    }
}

/// ICU's number formatter, as Fluent's per-language memoizer keeps it.
struct MemoizedNumbers(Option<DecimalFormatter>);

impl Memoizable for MemoizedNumbers {
    type Args = ();
    type Error = ();

    fn construct(language: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let locale = Locale::try_from_str(&language.to_string()).map_err(|_| ())?;
        Ok(MemoizedNumbers(
            DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
        ))
    }
}

/// Fluent's formatter hook: numbers in placeholders (`{ $count }`) in the bundle's language.
pub(super) fn format_fluent_number(
    value: &fluent_bundle::FluentValue,
    memoizer: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let fluent_bundle::FluentValue::Number(number) = value else {
        return None;
    };
    memoizer
        .with_try_get::<MemoizedNumbers, _, _>((), |f| format_number(f.0.as_ref(), number.value))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        let date = PostDate::parse("2011-07-18").expect("a date");
        let cases = [
            ("en", "18 July 2011", "July 2011"),
            ("en-US", "July 18, 2011", "July 2011"),
            ("de", "18. Juli 2011", "Juli 2011"),
            ("fr", "18 juillet 2011", "juillet 2011"),
            ("es", "18 de julio de 2011", "julio de 2011"),
            ("nl", "18 juli 2011", "juli 2011"),
            ("ar", "18 يوليو 2011", "يوليو 2011"),
            ("he", "18 ביולי 2011", "יולי 2011"),
            ("pt", "18 de julho de 2011", "julho de 2011"),
        ];
        for (language, long, month) in cases {
            let format = LocaleFormat::new(language);
            assert_eq!(format.date(&date), long, "{language}");
            assert_eq!(format.month(2011, 7), month, "{language}");
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        let cases = [
            ("en", "57.5", "1,234"),
            ("en-US", "57.5", "1,234"),
            ("de", "57,5", "1.234"),
            ("fr", "57,5", "1\u{202f}234"),
            ("es", "57,5", "1234"),
            ("nl", "57,5", "1.234"),
            ("ar", "57.5", "1,234"),
            ("he", "57.5", "1,234"),
            ("pt", "57,5", "1.234"),
        ];
        for (language, decimal, thousands) in cases {
            let format = LocaleFormat::new(language);
            assert_eq!(format.number(57.5), decimal, "{language}");
            assert_eq!(format.number(1234.0), thousands, "{language}");
        }
    }
}
