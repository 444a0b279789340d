//! Ratings: parsing and normalising the rating a story gives a company.
//!
//! A story's front matter says how the writer rated the company, in whatever
//! form came naturally: a letter grade (`B+`), a number of stars (`4/5`,
//! `4 stars`, `★★★★☆`), a mark out of ten (`7.5/10`), a percentage (`85%`),
//! or just a verdict word (`good`, `bad`, `ugly`, `mixed`). This module turns
//! that text into a [`Rating`]: one score on a 0-100 scale (absent for a
//! verdict-only rating), a [`Verdict`], and the [`RatingForm`] it was written
//! in. It also maps scores back to letter grades, grade bands and display
//! stars.
//!
//! Everything here is pure: no IO, and no panics on any input. Errors are
//! [`RatingError`]s meant to be shown to bloggers, with a plain-words message
//! quoting the input and a help line saying how to fix it. The accepted forms
//! are documented in `docs/ratings.md`.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// The accepted forms, one short line each, for help texts.
pub const ACCEPTED_FORMS: &str = "a letter grade (A+ to F), N/5, N stars, star glyphs (★★★★☆), N/10, N%, or a verdict word (good, bad, ugly, mixed)";

/// Full star glyph.
const FULL_STAR: char = '★';
/// Empty star glyph.
const EMPTY_STAR: char = '☆';
/// Half star glyph (at most one, between the full and the empty stars).
const HALF_STAR: char = '½';
/// The Unicode minus sign, accepted wherever `-` is.
const UNICODE_MINUS: char = '\u{2212}';

/// The overall verdict of a story: the good, the bad, the ugly, or mixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Good service (derived for scores of 70 and above).
    Good,
    /// Mixed service (derived for scores from 50 to below 70).
    Mixed,
    /// Bad service (derived for scores below 50).
    Bad,
    /// Ugly service: never derived, only when the writer says so.
    Ugly,
}

impl Verdict {
    /// Every verdict, in declaration order.
    pub const ALL: [Verdict; 4] = [Verdict::Good, Verdict::Mixed, Verdict::Bad, Verdict::Ugly];

    /// The verdict word: `"good"`, `"mixed"`, `"bad"` or `"ugly"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Mixed => "mixed",
            Verdict::Bad => "bad",
            Verdict::Ugly => "ugly",
        }
    }

    /// Parses a verdict word, ignoring case and surrounding whitespace.
    pub fn parse(word: &str) -> Option<Verdict> {
        let word = word.trim();
        Verdict::ALL
            .into_iter()
            .find(|verdict| verdict.as_str().eq_ignore_ascii_case(word))
    }

    /// The verdict derived from a 0-100 score: 70 and above is good, 50 to
    /// below 70 is mixed, anything lower (or NaN) is bad. Never ugly.
    pub fn for_score(score: f64) -> Verdict {
        if score >= 70.0 {
            Verdict::Good
        } else if score >= 50.0 {
            Verdict::Mixed
        } else {
            Verdict::Bad
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A letter grade. Ordered from best (`A+`) to worst (`F`); serialized as its
/// label (`"A+"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Grade {
    /// `A+`, 100.
    #[serde(rename = "A+")]
    APlus,
    /// `A`, 95.
    #[serde(rename = "A")]
    A,
    /// `A-`, 90.
    #[serde(rename = "A-")]
    AMinus,
    /// `B+`, 85.
    #[serde(rename = "B+")]
    BPlus,
    /// `B`, 80.
    #[serde(rename = "B")]
    B,
    /// `B-`, 75.
    #[serde(rename = "B-")]
    BMinus,
    /// `C+`, 65.
    #[serde(rename = "C+")]
    CPlus,
    /// `C`, 60.
    #[serde(rename = "C")]
    C,
    /// `C-`, 55.
    #[serde(rename = "C-")]
    CMinus,
    /// `D+`, 45.
    #[serde(rename = "D+")]
    DPlus,
    /// `D`, 40.
    #[serde(rename = "D")]
    D,
    /// `D-`, 35.
    #[serde(rename = "D-")]
    DMinus,
    /// `F`, 20.
    #[serde(rename = "F")]
    F,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 13] = [
        Grade::APlus,
        Grade::A,
        Grade::AMinus,
        Grade::BPlus,
        Grade::B,
        Grade::BMinus,
        Grade::CPlus,
        Grade::C,
        Grade::CMinus,
        Grade::DPlus,
        Grade::D,
        Grade::DMinus,
        Grade::F,
    ];

    /// The label: `"A+"`, `"A"`, `"A-"` ... `"F"` (ASCII hyphen).
    pub fn label(self) -> &'static str {
        match self {
            Grade::APlus => "A+",
            Grade::A => "A",
            Grade::AMinus => "A-",
            Grade::BPlus => "B+",
            Grade::B => "B",
            Grade::BMinus => "B-",
            Grade::CPlus => "C+",
            Grade::C => "C",
            Grade::CMinus => "C-",
            Grade::DPlus => "D+",
            Grade::D => "D",
            Grade::DMinus => "D-",
            Grade::F => "F",
        }
    }

    /// The grade's score on 0-100.
    pub fn score(self) -> f64 {
        match self {
            Grade::APlus => 100.0,
            Grade::A => 95.0,
            Grade::AMinus => 90.0,
            Grade::BPlus => 85.0,
            Grade::B => 80.0,
            Grade::BMinus => 75.0,
            Grade::CPlus => 65.0,
            Grade::C => 60.0,
            Grade::CMinus => 55.0,
            Grade::DPlus => 45.0,
            Grade::D => 40.0,
            Grade::DMinus => 35.0,
            Grade::F => 20.0,
        }
    }

    /// Parses a grade label: any case, surrounding whitespace ignored, the
    /// minus written `-` or `−` (U+2212).
    pub fn parse(text: &str) -> Option<Grade> {
        let text = text.trim().replace(UNICODE_MINUS, "-");
        Grade::ALL
            .into_iter()
            .find(|grade| grade.label().eq_ignore_ascii_case(&text))
    }

    /// The grade whose score is nearest to `score`; a tie goes to the higher
    /// grade. Scores outside 0-100 are clamped; NaN gives `F`.
    pub fn nearest(score: f64) -> Grade {
        if score.is_nan() {
            return Grade::F;
        }
        let score = score.clamp(0.0, 100.0);
        let mut best = Grade::APlus;
        let mut best_distance = f64::INFINITY;
        for grade in Grade::ALL {
            let distance = (grade.score() - score).abs();
            // Strictly less: on a tie the earlier (higher) grade stays.
            if distance < best_distance {
                best = grade;
                best_distance = distance;
            }
        }
        best
    }

    /// The band of this grade's score.
    pub fn band(self) -> GradeBand {
        GradeBand::of(self.score())
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A coarse grade band, for grouping and colouring: A, B, C, D or F.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum GradeBand {
    /// Scores of 87.5 and above.
    A,
    /// Scores from 70 to below 87.5.
    B,
    /// Scores from 50 to below 70.
    C,
    /// Scores from 27.5 to below 50.
    D,
    /// Scores below 27.5 (and NaN).
    F,
}

impl GradeBand {
    /// Every band, best (`A`) first.
    pub const ALL: [GradeBand; 5] = [
        GradeBand::A,
        GradeBand::B,
        GradeBand::C,
        GradeBand::D,
        GradeBand::F,
    ];

    /// The band of a 0-100 score: A >= 87.5, B >= 70, C >= 50, D >= 27.5,
    /// else F (NaN included).
    pub fn of(score: f64) -> GradeBand {
        if score >= 87.5 {
            GradeBand::A
        } else if score >= 70.0 {
            GradeBand::B
        } else if score >= 50.0 {
            GradeBand::C
        } else if score >= 27.5 {
            GradeBand::D
        } else {
            GradeBand::F
        }
    }

    /// The label: `"A"` ... `"F"`.
    pub fn label(self) -> &'static str {
        match self {
            GradeBand::A => "A",
            GradeBand::B => "B",
            GradeBand::C => "C",
            GradeBand::D => "D",
            GradeBand::F => "F",
        }
    }

    /// Whole stars for the band: A=5, B=4, C=3, D=2, F=1.
    pub fn stars(self) -> u8 {
        match self {
            GradeBand::A => 5,
            GradeBand::B => 4,
            GradeBand::C => 3,
            GradeBand::D => 2,
            GradeBand::F => 1,
        }
    }
}

impl fmt::Display for GradeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How the writer expressed the rating (kept for docs, search index, round-trips).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingForm {
    /// A letter grade: `B+`.
    Grade,
    /// `N/5`.
    OutOfFive,
    /// `N stars` or star glyphs (`★★★★☆`).
    Stars,
    /// `N/10`.
    OutOfTen,
    /// `N%`.
    Percent,
    /// A verdict word alone: `good`.
    VerdictOnly,
}

impl RatingForm {
    /// The serialized name: `"grade"`, `"out_of_five"`, `"stars"`,
    /// `"out_of_ten"`, `"percent"` or `"verdict_only"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RatingForm::Grade => "grade",
            RatingForm::OutOfFive => "out_of_five",
            RatingForm::Stars => "stars",
            RatingForm::OutOfTen => "out_of_ten",
            RatingForm::Percent => "percent",
            RatingForm::VerdictOnly => "verdict_only",
        }
    }
}

impl fmt::Display for RatingForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// Score on 0..=100; `None` for a verdict-only rating.
    pub score: Option<f64>,
    /// The verdict: stated, or derived from the score.
    pub verdict: Verdict,
    /// How the writer expressed the rating.
    pub form: RatingForm,
}

impl Rating {
    /// A rating with a score, the verdict derived from it.
    fn scored(score: f64, form: RatingForm) -> Rating {
        Rating {
            score: Some(score),
            verdict: Verdict::for_score(score),
            form,
        }
    }

    /// Applies an explicitly stated verdict (it wins over the derived one).
    pub fn with_verdict(self, verdict: Verdict) -> Rating {
        Rating { verdict, ..self }
    }

    /// The nearest letter grade, if the rating has a score.
    pub fn grade(&self) -> Option<Grade> {
        self.score.map(Grade::nearest)
    }

    /// The grade band, if the rating has a score.
    pub fn band(&self) -> Option<GradeBand> {
        self.score.map(GradeBand::of)
    }

    /// Display stars (0-5 in half steps), if the rating has a score.
    pub fn stars(&self) -> Option<f64> {
        self.score.map(stars)
    }
}

impl FromStr for Rating {
    type Err = RatingError;

    fn from_str(input: &str) -> Result<Rating, RatingError> {
        parse_rating(input)
    }
}

/// Why a rating could not be parsed: a message saying what is wrong, quoting
/// the input, and a help line saying how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingError {
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl RatingError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> RatingError {
        RatingError {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl fmt::Display for RatingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RatingError {}

/// Score on 0-5 rounded to the nearest half star (ties up). Scores outside
/// 0-100 are clamped; NaN gives 0.
pub fn stars(score: f64) -> f64 {
    if score.is_nan() {
        return 0.0;
    }
    // score / 10 is the number of half stars; round half away from zero
    // (i.e. up, since it is not negative), then back to stars.
    (score.clamp(0.0, 100.0) / 10.0).round() / 2.0
}

/// Parses the rating a story gives a company. See the module docs and
/// `docs/ratings.md` for the accepted forms.
pub fn parse_rating(input: &str) -> Result<Rating, RatingError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(RatingError::new(
            "rating is empty",
            format!("write {ACCEPTED_FORMS}"),
        ));
    }
    if let Some(verdict) = Verdict::parse(text) {
        return Ok(Rating {
            score: None,
            verdict,
            form: RatingForm::VerdictOnly,
        });
    }
    if let Some(grade) = Grade::parse(text) {
        return Ok(Rating::scored(grade.score(), RatingForm::Grade));
    }
    if let Some(result) = parse_glyphs(text) {
        return result;
    }
    if let Some((numerator, denominator)) = text.split_once('/') {
        let scale = match parse_number(denominator) {
            Number::Finite(5.0) => Some(Scale::OutOfFive),
            Number::Finite(10.0) => Some(Scale::OutOfTen),
            Number::Finite(_) => {
                if let Number::Finite(n) = parse_number(numerator) {
                    return Err(other_denominator(text, numerator, denominator, n));
                }
                None
            }
            Number::NonFinite | Number::Invalid => None,
        };
        if let Some(scale) = scale
            && let Some(result) = scaled(text, numerator, scale)
        {
            return result;
        }
    }
    if let Some(number) = text.strip_suffix('%')
        && let Some(result) = scaled(text, number, Scale::Percent)
    {
        return result;
    }
    let lower = text.to_lowercase();
    if let Some(number) = lower
        .strip_suffix("stars")
        .or_else(|| lower.strip_suffix("star"))
        && let Some(result) = scaled(text, number, Scale::Stars)
    {
        return result;
    }
    match parse_number(text) {
        Number::Finite(n) => Err(bare_number(text, n)),
        Number::NonFinite => Err(RatingError::new(
            format!("rating {text:?} is not a finite number"),
            format!("write {ACCEPTED_FORMS}"),
        )),
        Number::Invalid => Err(unrecognised(text)),
    }
}

/// A number as written in a rating.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Finite(f64),
    /// `NaN`, `inf`, `infinity` (any case, any sign) or a number too large
    /// for an f64.
    NonFinite,
    Invalid,
}

/// Parses a plain decimal number: an optional sign (`+`, `-` or `−`), ASCII
/// digits and at most one `.`. No exponents, no digit separators.
fn parse_number(text: &str) -> Number {
    let text = text.trim();
    let negative = text.starts_with(['-', UNICODE_MINUS]);
    let unsigned = text.strip_prefix(['+', '-', UNICODE_MINUS]).unwrap_or(text);
    if ["nan", "inf", "infinity"]
        .iter()
        .any(|word| unsigned.eq_ignore_ascii_case(word))
    {
        return Number::NonFinite;
    }
    let digits = unsigned.chars().filter(char::is_ascii_digit).count();
    let dots = unsigned.chars().filter(|&c| c == '.').count();
    let only_digits_and_dots = unsigned.chars().all(|c| c.is_ascii_digit() || c == '.');
    if digits == 0 || dots > 1 || !only_digits_and_dots {
        return Number::Invalid;
    }
    match unsigned.parse::<f64>() {
        Ok(value) if value.is_finite() => Number::Finite(if negative { -value } else { value }),
        Ok(_) => Number::NonFinite,
        Err(_) => Number::Invalid,
    }
}

/// Rounds away binary floating point noise (`1.1/10` is 11, not
/// 11.000000000000002) by keeping six decimal places, and turns -0 into 0.
fn tidy(score: f64) -> f64 {
    (score * 1e6).round() / 1e6 + 0.0
}

/// Formats a number for a help text: at most two decimals, no trailing zeros.
fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0 + 0.0;
    format!("{rounded}")
}

/// The numeric scales a rating can be written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    OutOfFive,
    Stars,
    OutOfTen,
    Percent,
}

impl Scale {
    const ALL: [Scale; 4] = [
        Scale::OutOfFive,
        Scale::Stars,
        Scale::OutOfTen,
        Scale::Percent,
    ];

    fn max(self) -> f64 {
        match self {
            Scale::OutOfFive | Scale::Stars => 5.0,
            Scale::OutOfTen => 10.0,
            Scale::Percent => 100.0,
        }
    }

    /// What one unit on this scale is worth on 0-100.
    fn factor(self) -> f64 {
        match self {
            Scale::OutOfFive | Scale::Stars => 20.0,
            Scale::OutOfTen => 10.0,
            Scale::Percent => 1.0,
        }
    }

    fn halves_only(self) -> bool {
        matches!(self, Scale::OutOfFive | Scale::Stars)
    }

    fn form(self) -> RatingForm {
        match self {
            Scale::OutOfFive => RatingForm::OutOfFive,
            Scale::Stars => RatingForm::Stars,
            Scale::OutOfTen => RatingForm::OutOfTen,
            Scale::Percent => RatingForm::Percent,
        }
    }

    /// The form's name in messages.
    fn name(self) -> &'static str {
        match self {
            Scale::OutOfFive => "N/5",
            Scale::Stars => "N stars",
            Scale::OutOfTen => "N/10",
            Scale::Percent => "N%",
        }
    }

    /// Writes a number (as text) in this form.
    fn write(self, number: &str) -> String {
        match self {
            Scale::OutOfFive => format!("{number}/5"),
            Scale::Stars if number == "1" => "1 star".to_owned(),
            Scale::Stars => format!("{number} stars"),
            Scale::OutOfTen => format!("{number}/10"),
            Scale::Percent => format!("{number}%"),
        }
    }

    fn in_range(self, n: f64) -> bool {
        (0.0..=self.max()).contains(&n)
    }

    fn is_whole_or_half(n: f64) -> bool {
        (n * 2.0).fract() == 0.0
    }

    fn accepts(self, n: f64) -> bool {
        self.in_range(n) && (!self.halves_only() || Scale::is_whole_or_half(n))
    }
}

/// Rates `number_text` on `scale`. `None` when it is not a number at all, so
/// the caller can fall through to the "not recognised" error.
fn scaled(input: &str, number_text: &str, scale: Scale) -> Option<Result<Rating, RatingError>> {
    let n = match parse_number(number_text) {
        Number::Finite(n) => n,
        Number::NonFinite => {
            return Some(Err(RatingError::new(
                format!("rating {input:?} is not a finite number"),
                format!(
                    "{} takes a number from 0 to {}, e.g. {}",
                    scale.name(),
                    format_number(scale.max()),
                    scale.write(&format_number(scale.max() * 0.8)),
                ),
            )));
        }
        Number::Invalid => return None,
    };
    if !scale.in_range(n) {
        let (example, what) = if n < 0.0 {
            (0.0, "the worst")
        } else {
            (scale.max(), "the best")
        };
        return Some(Err(RatingError::new(
            format!(
                "rating {input:?} is out of range: {} takes 0 to {}",
                scale.name(),
                format_number(scale.max()),
            ),
            format!(
                "write a number from 0 to {}; {} is {what} possible rating",
                format_number(scale.max()),
                scale.write(&format_number(example)),
            ),
        )));
    }
    if scale.halves_only() && !Scale::is_whole_or_half(n) {
        let lower = (n * 2.0).floor() / 2.0;
        let upper = lower + 0.5;
        return Some(Err(RatingError::new(
            format!(
                "rating {input:?} uses a fraction of a star: only whole or half stars are allowed"
            ),
            format!(
                "round it to {} or {}, or write {} or {} for a finer score",
                scale.write(&format_number(lower)),
                scale.write(&format_number(upper)),
                Scale::OutOfTen.write(&format_number(n * 2.0)),
                Scale::Percent.write(&format_number(n * 20.0)),
            ),
        )));
    }
    Some(Ok(Rating::scored(tidy(n * scale.factor()), scale.form())))
}

/// Parses star glyphs (`★★★½☆`). `None` when the text is not made of glyphs.
fn parse_glyphs(input: &str) -> Option<Result<Rating, RatingError>> {
    let is_glyph = |c: char| matches!(c, FULL_STAR | EMPTY_STAR | HALF_STAR);
    if !input.chars().all(|c| is_glyph(c) || c.is_whitespace()) {
        return None;
    }
    let mut glyphs = 0usize;
    let mut halves = 0usize;
    let mut stars = 0.0_f64;
    let mut in_order = true;
    let mut last_rank = 0u8;
    for glyph in input.chars().filter(|&c| is_glyph(c)) {
        let rank = match glyph {
            FULL_STAR => {
                stars += 1.0;
                0
            }
            HALF_STAR => {
                stars += 0.5;
                halves += 1;
                1
            }
            _ => 2,
        };
        in_order &= rank >= last_rank;
        last_rank = rank;
        glyphs += 1;
    }
    let example = "★★★½☆";
    if glyphs > 5 {
        return Some(Err(RatingError::new(
            format!("rating {input:?} has {glyphs} star glyphs: at most 5 are allowed"),
            "write five glyphs at most, e.g. ★★★★★ for 5 stars or ★★★★☆ for 4",
        )));
    }
    if halves > 1 {
        return Some(Err(RatingError::new(
            format!("rating {input:?} has more than one {HALF_STAR}"),
            format!("write at most one half star {HALF_STAR}, e.g. {example} for 3.5 stars"),
        )));
    }
    if !in_order {
        return Some(Err(RatingError::new(
            format!("rating {input:?} has its star glyphs out of order"),
            format!(
                "write the full stars {FULL_STAR} first, then an optional {HALF_STAR}, \
                 then the empty stars {EMPTY_STAR}, e.g. {example}"
            ),
        )));
    }
    Some(Ok(Rating::scored(tidy(stars * 20.0), RatingForm::Stars)))
}

/// The error for `N/D` where D is neither 5 nor 10.
fn other_denominator(input: &str, numerator: &str, denominator: &str, n: f64) -> RatingError {
    let message = format!("rating {input:?} is not out of 5 or 10: only N/5 and N/10 are accepted");
    let percent = match parse_number(denominator) {
        Number::Finite(d) if d > 0.0 && (0.0..=d).contains(&n) => Some(n / d * 100.0),
        _ => None,
    };
    let help = match percent {
        Some(percent) => format!(
            "write it as a percentage, {}, or as N/5 or N/10",
            Scale::Percent.write(&format_number(percent)),
        ),
        None => format!(
            "write {}, {} or {}",
            Scale::OutOfFive.write(numerator.trim()),
            Scale::OutOfTen.write(numerator.trim()),
            Scale::Percent.write(numerator.trim()),
        ),
    };
    RatingError::new(message, help)
}

/// The error for a number with no scale: suggest the forms it fits.
fn bare_number(input: &str, n: f64) -> RatingError {
    let forms: Vec<String> = Scale::ALL
        .into_iter()
        .filter(|scale| scale.accepts(n))
        .map(|scale| scale.write(input))
        .collect();
    if forms.is_empty() {
        RatingError::new(
            format!("rating {input:?} is a bare number and fits no scale"),
            format!("write {ACCEPTED_FORMS}"),
        )
    } else {
        RatingError::new(
            format!("rating {input:?} is a bare number, so its scale is unclear"),
            format!("write {}", or_list(&forms)),
        )
    }
}

/// The error for input that matches no form, with a "did you mean" where
/// the input is close to a grade or a verdict word.
fn unrecognised(input: &str) -> RatingError {
    // A decimal comma: "4,5/5" -> "4.5/5".
    if input.contains(',') {
        let dotted = input.replace(',', ".");
        if parse_rating(&dotted).is_ok() {
            return RatingError::new(
                format!("rating {input:?} is not recognised"),
                format!("did you mean {dotted:?}? write decimals with a dot"),
            );
        }
    }
    let normalised = normalise_for_suggestions(input);
    let did_you_mean = did_you_mean(&normalised)
        .map(|suggestion| format!("did you mean {suggestion}? "))
        .unwrap_or_default();
    let grades = Grade::ALL.map(Grade::label).join(", ");

    // A letter followed only by signs: "E", "F+", "A++".
    let mut chars = normalised.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic);
    let signs = chars.as_str();
    if let Some(letter) = letter
        && signs.chars().all(|c| c == '+' || c == '-')
    {
        return match (letter, signs) {
            ('f', "+" | "-") => RatingError::new(
                format!("rating {input:?} is not a grade: F has no plus or minus"),
                if signs == "+" {
                    "write F, or D- for a slightly better grade"
                } else {
                    "write F, the lowest grade"
                },
            ),
            ('e', _) => RatingError::new(
                format!("rating {input:?} is not a grade: there is no E grade"),
                format!("letter grades are {grades}"),
            ),
            _ => RatingError::new(
                format!("rating {input:?} is not a valid letter grade"),
                format!("{did_you_mean}letter grades are {grades}"),
            ),
        };
    }

    let help = if did_you_mean.is_empty() {
        format!("write {ACCEPTED_FORMS}")
    } else {
        format!("{did_you_mean}ratings are written as {ACCEPTED_FORMS}")
    };
    RatingError::new(format!("rating {input:?} is not recognised"), help)
}

/// Lower case, no whitespace, every kind of dash or minus as `-`.
fn normalise_for_suggestions(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            UNICODE_MINUS | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// `"A+"`, or `"A+" or "A-"` on a two-way tie, for the nearest grades and
/// verdict words; `None` when nothing is close or too much is equally close.
fn did_you_mean(normalised: &str) -> Option<String> {
    let candidates = Grade::ALL
        .map(Grade::label)
        .into_iter()
        .chain(Verdict::ALL.map(Verdict::as_str));
    let mut best: Vec<&'static str> = Vec::new();
    let mut best_distance = usize::MAX;
    for candidate in candidates {
        let distance = strsim::osa_distance(normalised, &candidate.to_ascii_lowercase());
        // One edit away from a short grade label, two from a word.
        let allowed = if candidate.chars().count() <= 2 { 1 } else { 2 };
        if distance > allowed {
            continue;
        }
        if distance < best_distance {
            best_distance = distance;
            best.clear();
        }
        if distance == best_distance {
            best.push(candidate);
        }
    }
    match best.as_slice() {
        [one] => Some(format!("{one:?}")),
        [one, two] => Some(format!("{one:?} or {two:?}")),
        _ => None,
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(input: &str) -> f64 {
        match parse_rating(input) {
            Ok(Rating {
                score: Some(score), ..
            }) => score,
            other => panic!("{input:?} should have a score, got {other:?}"),
        }
    }

    fn error(input: &str) -> RatingError {
        match parse_rating(input) {
            Err(error) => error,
            Ok(rating) => panic!("{input:?} should be an error, got {rating:?}"),
        }
    }

    #[track_caller]
    fn assert_error(input: &str, message_has: &[&str], help_has: &[&str]) {
        let error = error(input);
        for part in message_has {
            assert!(
                error.message.contains(part),
                "message for {input:?} lacks {part:?}: {}",
                error.message
            );
        }
        for part in help_has {
            assert!(
                error.help.contains(part),
                "help for {input:?} lacks {part:?}: {}",
                error.help
            );
        }
    }

    #[test]
    fn every_grade_in_every_spelling() {
        let expected = [
            ("A+", 100.0),
            ("A", 95.0),
            ("A-", 90.0),
            ("B+", 85.0),
            ("B", 80.0),
            ("B-", 75.0),
            ("C+", 65.0),
            ("C", 60.0),
            ("C-", 55.0),
            ("D+", 45.0),
            ("D", 40.0),
            ("D-", 35.0),
            ("F", 20.0),
        ];
        for (label, value) in expected {
            let spellings = [
                label.to_owned(),
                label.to_lowercase(),
                label.replace('-', "\u{2212}"),
                label.to_lowercase().replace('-', "\u{2212}"),
                format!("  {label}\t"),
            ];
            for spelling in spellings {
                let rating = parse_rating(&spelling).expect("valid in this test");
                assert_eq!(rating.score, Some(value), "{spelling:?}");
                assert_eq!(rating.form, RatingForm::Grade, "{spelling:?}");
                assert_eq!(rating.verdict, Verdict::for_score(value), "{spelling:?}");
            }
        }
    }

    #[test]
    fn grade_table_is_consistent() {
        assert_eq!(Grade::ALL.len(), 13);
        for pair in Grade::ALL.windows(2) {
            assert!(pair[0].score() > pair[1].score());
            assert!(pair[0] < pair[1]);
        }
        for grade in Grade::ALL {
            assert_eq!(Grade::parse(grade.label()), Some(grade));
            assert_eq!(Grade::nearest(grade.score()), grade);
            assert_eq!(
                serde_json::to_string(&grade).expect("valid in this test"),
                format!("\"{}\"", grade.label())
            );
        }
        assert_eq!(Grade::APlus.label(), "A+");
        assert_eq!(Grade::DMinus.label(), "D-");
        assert_eq!(Grade::BMinus.score(), 75.0);
        assert_eq!(Grade::CPlus.score(), 65.0);
    }

    #[test]
    fn grade_values() {
        assert_eq!(score("A+"), 100.0);
        assert_eq!(score("b-"), 75.0);
        assert_eq!(score("c\u{2212}"), 55.0);
        assert_eq!(score("d+"), 45.0);
        assert_eq!(score("f"), 20.0);
        assert_eq!(
            parse_rating("B+").expect("valid in this test").verdict,
            Verdict::Good
        );
        assert_eq!(
            parse_rating("C").expect("valid in this test").verdict,
            Verdict::Mixed
        );
        assert_eq!(
            parse_rating("D+").expect("valid in this test").verdict,
            Verdict::Bad
        );
    }

    #[test]
    fn out_of_five() {
        for (input, expected) in [
            ("4/5", 80.0),
            ("4 / 5", 80.0),
            (" 4.5/5 ", 90.0),
            ("0/5", 0.0),
            ("5/5", 100.0),
            ("0.5/5", 10.0),
            ("2.50/5", 50.0),
            ("3/5.0", 60.0),
        ] {
            let rating = parse_rating(input).expect("valid in this test");
            assert_eq!(rating.score, Some(expected), "{input:?}");
            assert_eq!(rating.form, RatingForm::OutOfFive, "{input:?}");
        }
    }

    #[test]
    fn n_stars() {
        for (input, expected) in [
            ("4 stars", 80.0),
            ("4 Stars", 80.0),
            ("4 STARS", 80.0),
            ("1 star", 20.0),
            ("1 STAR", 20.0),
            ("3.5 stars", 70.0),
            ("0 stars", 0.0),
            ("5 star", 100.0),
            ("4stars", 80.0),
        ] {
            let rating = parse_rating(input).expect("valid in this test");
            assert_eq!(rating.score, Some(expected), "{input:?}");
            assert_eq!(rating.form, RatingForm::Stars, "{input:?}");
        }
    }

    #[test]
    fn star_glyphs() {
        for (input, expected) in [
            ("★★★★☆", 80.0),
            ("★★★★★", 100.0),
            ("☆☆☆☆☆", 0.0),
            ("★", 20.0),
            ("★★★½", 70.0),
            ("★★★½☆", 70.0),
            ("½", 10.0),
            ("½☆☆☆☆", 10.0),
            ("★★★★½", 90.0),
            (" ★★ ★☆☆ ", 60.0),
        ] {
            let rating = parse_rating(input).expect("valid in this test");
            assert_eq!(rating.score, Some(expected), "{input:?}");
            assert_eq!(rating.form, RatingForm::Stars, "{input:?}");
        }
    }

    #[test]
    fn out_of_ten() {
        for (input, expected) in [
            ("7/10", 70.0),
            ("7.5/10", 75.0),
            ("7.25 / 10", 72.5),
            ("0/10", 0.0),
            ("10/10", 100.0),
            ("1.1/10", 11.0),
            ("4.3/10", 43.0),
        ] {
            let rating = parse_rating(input).expect("valid in this test");
            assert_eq!(rating.score, Some(expected), "{input:?}");
            assert_eq!(rating.form, RatingForm::OutOfTen, "{input:?}");
        }
    }

    #[test]
    fn percent() {
        for (input, expected) in [
            ("85%", 85.0),
            ("85 %", 85.0),
            ("0%", 0.0),
            ("100%", 100.0),
            ("69.999%", 69.999),
            ("-0%", 0.0),
        ] {
            let rating = parse_rating(input).expect("valid in this test");
            assert_eq!(rating.score, Some(expected), "{input:?}");
            assert_eq!(rating.form, RatingForm::Percent, "{input:?}");
        }
        // -0 is normalised to +0.
        assert!(score("-0%").is_sign_positive());
    }

    #[test]
    fn verdict_words() {
        for (input, verdict) in [
            ("good", Verdict::Good),
            ("GOOD", Verdict::Good),
            (" Bad ", Verdict::Bad),
            ("ugly", Verdict::Ugly),
            ("UgLy", Verdict::Ugly),
            ("mixed", Verdict::Mixed),
        ] {
            let rating = parse_rating(input).expect("valid in this test");
            assert_eq!(
                rating,
                Rating {
                    score: None,
                    verdict,
                    form: RatingForm::VerdictOnly
                },
                "{input:?}"
            );
        }
        assert_eq!(Verdict::parse("nope"), None);
        for verdict in Verdict::ALL {
            assert_eq!(Verdict::parse(verdict.as_str()), Some(verdict));
        }
    }

    #[test]
    fn derived_verdict_boundaries() {
        assert_eq!(Verdict::for_score(100.0), Verdict::Good);
        assert_eq!(Verdict::for_score(70.0), Verdict::Good);
        assert_eq!(Verdict::for_score(69.999), Verdict::Mixed);
        assert_eq!(Verdict::for_score(50.0), Verdict::Mixed);
        assert_eq!(Verdict::for_score(49.9), Verdict::Bad);
        assert_eq!(Verdict::for_score(0.0), Verdict::Bad);
        assert_eq!(Verdict::for_score(f64::NAN), Verdict::Bad);
        assert_eq!(
            parse_rating("70%").expect("valid in this test").verdict,
            Verdict::Good
        );
        assert_eq!(
            parse_rating("69.999%").expect("valid in this test").verdict,
            Verdict::Mixed
        );
        assert_eq!(
            parse_rating("50%").expect("valid in this test").verdict,
            Verdict::Mixed
        );
        assert_eq!(
            parse_rating("49.9%").expect("valid in this test").verdict,
            Verdict::Bad
        );
        assert_eq!(
            parse_rating("3.5/5").expect("valid in this test").verdict,
            Verdict::Good
        );
        assert_eq!(
            parse_rating("2.5 stars")
                .expect("valid in this test")
                .verdict,
            Verdict::Mixed
        );
    }

    #[test]
    fn explicit_verdict_wins() {
        let rating = parse_rating("A+")
            .expect("valid in this test")
            .with_verdict(Verdict::Ugly);
        assert_eq!(rating.verdict, Verdict::Ugly);
        assert_eq!(rating.score, Some(100.0));
        assert_eq!(rating.form, RatingForm::Grade);
        let rating = parse_rating("1/5")
            .expect("valid in this test")
            .with_verdict(Verdict::Good);
        assert_eq!(rating.verdict, Verdict::Good);
        let rating = parse_rating("mixed")
            .expect("valid in this test")
            .with_verdict(Verdict::Bad);
        assert_eq!(rating.verdict, Verdict::Bad);
        assert_eq!(rating.form, RatingForm::VerdictOnly);
    }

    #[test]
    fn nearest_grade() {
        assert_eq!(Grade::nearest(100.0), Grade::APlus);
        assert_eq!(Grade::nearest(0.0), Grade::F);
        assert_eq!(Grade::nearest(97.5), Grade::APlus);
        assert_eq!(Grade::nearest(97.4), Grade::A);
        assert_eq!(Grade::nearest(92.5), Grade::A);
        assert_eq!(Grade::nearest(92.4), Grade::AMinus);
        assert_eq!(Grade::nearest(70.0), Grade::BMinus);
        assert_eq!(Grade::nearest(69.9), Grade::CPlus);
        assert_eq!(Grade::nearest(50.0), Grade::CMinus);
        assert_eq!(Grade::nearest(49.9), Grade::DPlus);
        assert_eq!(Grade::nearest(57.5), Grade::C);
        assert_eq!(Grade::nearest(57.4), Grade::CMinus);
        assert_eq!(Grade::nearest(30.0), Grade::DMinus);
        assert_eq!(Grade::nearest(27.5), Grade::DMinus);
        assert_eq!(Grade::nearest(27.4), Grade::F);
        assert_eq!(Grade::nearest(150.0), Grade::APlus);
        assert_eq!(Grade::nearest(-3.0), Grade::F);
        assert_eq!(Grade::nearest(f64::INFINITY), Grade::APlus);
        assert_eq!(Grade::nearest(f64::NEG_INFINITY), Grade::F);
        assert_eq!(Grade::nearest(f64::NAN), Grade::F);
    }

    #[test]
    fn bands() {
        assert_eq!(GradeBand::of(100.0), GradeBand::A);
        assert_eq!(GradeBand::of(87.5), GradeBand::A);
        assert_eq!(GradeBand::of(87.4), GradeBand::B);
        assert_eq!(GradeBand::of(70.0), GradeBand::B);
        assert_eq!(GradeBand::of(69.999), GradeBand::C);
        assert_eq!(GradeBand::of(50.0), GradeBand::C);
        assert_eq!(GradeBand::of(49.9), GradeBand::D);
        assert_eq!(GradeBand::of(27.5), GradeBand::D);
        assert_eq!(GradeBand::of(27.4), GradeBand::F);
        assert_eq!(GradeBand::of(0.0), GradeBand::F);
        assert_eq!(GradeBand::of(f64::NAN), GradeBand::F);
        assert_eq!(GradeBand::ALL[0], GradeBand::A);
        assert_eq!(GradeBand::ALL.map(GradeBand::stars), [5, 4, 3, 2, 1]);
        assert_eq!(
            GradeBand::ALL.map(GradeBand::label),
            ["A", "B", "C", "D", "F"]
        );
        assert_eq!(Grade::AMinus.band(), GradeBand::A);
        assert_eq!(Grade::BPlus.band(), GradeBand::B);
        assert_eq!(Grade::BMinus.band(), GradeBand::B);
        assert_eq!(Grade::CPlus.band(), GradeBand::C);
        assert_eq!(Grade::CMinus.band(), GradeBand::C);
        assert_eq!(Grade::DPlus.band(), GradeBand::D);
        assert_eq!(Grade::DMinus.band(), GradeBand::D);
        assert_eq!(Grade::F.band(), GradeBand::F);
    }

    #[test]
    fn display_stars() {
        assert_eq!(stars(90.0), 4.5);
        assert_eq!(stars(95.0), 5.0);
        assert_eq!(stars(94.9), 4.5);
        assert_eq!(stars(85.0), 4.5);
        assert_eq!(stars(84.9), 4.0);
        assert_eq!(stars(80.0), 4.0);
        assert_eq!(stars(5.0), 0.5);
        assert_eq!(stars(4.9), 0.0);
        assert_eq!(stars(0.0), 0.0);
        assert_eq!(stars(100.0), 5.0);
        assert_eq!(stars(250.0), 5.0);
        assert_eq!(stars(-10.0), 0.0);
        assert_eq!(stars(f64::NAN), 0.0);
        assert_eq!(
            parse_rating("B+").expect("valid in this test").stars(),
            Some(4.5)
        );
        assert_eq!(
            parse_rating("good").expect("valid in this test").stars(),
            None
        );
        assert_eq!(
            parse_rating("7/10").expect("valid in this test").grade(),
            Some(Grade::BMinus)
        );
        assert_eq!(
            parse_rating("7/10").expect("valid in this test").band(),
            Some(GradeBand::B)
        );
    }

    #[test]
    fn out_of_range() {
        assert_error(
            "11/10",
            &[r#"rating "11/10" is out of range: N/10 takes 0 to 10"#],
            &["10/10 is the best"],
        );
        assert_error(
            "-1/5",
            &[r#"rating "-1/5" is out of range: N/5 takes 0 to 5"#],
            &["0/5 is the worst"],
        );
        assert_error("\u{2212}1/5", &["is out of range: N/5 takes 0 to 5"], &[]);
        assert_error(
            "6 stars",
            &[r#"rating "6 stars" is out of range: N stars takes 0 to 5"#],
            &["5 stars is the best"],
        );
        assert_error(
            "101%",
            &[r#"rating "101%" is out of range: N% takes 0 to 100"#],
            &["100% is the best"],
        );
        assert_error("-0.5/5", &["out of range"], &[]);
        assert_error("5.5/5", &["out of range"], &[]);
        assert_error("10.01/10", &["out of range"], &[]);
    }

    #[test]
    fn non_finite() {
        assert_error(
            "NaN%",
            &[r#"rating "NaN%" is not a finite number"#],
            &["N% takes a number from 0 to 100"],
        );
        assert_error(
            "inf/5",
            &[r#"rating "inf/5" is not a finite number"#],
            &["N/5 takes a number from 0 to 5, e.g. 4/5"],
        );
        assert_error("-infinity stars", &["not a finite number"], &["N stars"]);
        let huge = format!("1{}/10", "0".repeat(400));
        assert_error(&huge, &["not a finite number"], &["N/10"]);
        assert_error("nan", &["not a finite number"], &[ACCEPTED_FORMS]);
    }

    #[test]
    fn fraction_of_a_star() {
        assert_error(
            "4.3/5",
            &[
                r#"rating "4.3/5" uses a fraction of a star"#,
                "only whole or half stars are allowed",
            ],
            &["round it to 4/5 or 4.5/5", "8.6/10", "86%"],
        );
        assert_error(
            "3.25 stars",
            &["only whole or half stars are allowed"],
            &["round it to 3 stars or 3.5 stars", "6.5/10", "65%"],
        );
        assert_error("0.1/5", &["fraction"], &["round it to 0/5 or 0.5/5"]);
    }

    #[test]
    fn bad_glyphs() {
        assert_error(
            "★★★★★★",
            &[r#"rating "★★★★★★" has 6 star glyphs: at most 5 are allowed"#],
            &["five glyphs at most"],
        );
        assert_error("★★★★★½", &["6 star glyphs"], &[]);
        assert_error("★½½", &["more than one ½"], &["at most one half star"]);
        assert_error("☆★", &["out of order"], &["full stars ★ first"]);
        assert_error("★☆½", &["out of order"], &[]);
    }

    #[test]
    fn bad_grades() {
        assert_error(
            "A++",
            &[r#"rating "A++" is not a valid letter grade"#],
            &[r#"did you mean "A+"?"#, "A+, A, A-"],
        );
        assert_error(
            "E",
            &[r#"rating "E" is not a grade: there is no E grade"#],
            &["A+, A, A-, B+, B, B-, C+, C, C-, D+, D, D-, F"],
        );
        assert_error("e-", &["there is no E grade"], &[]);
        assert_error(
            "F+",
            &[r#"rating "F+" is not a grade: F has no plus or minus"#],
            &["write F, or D- for a slightly better grade"],
        );
        assert_error(
            "F-",
            &["F has no plus or minus"],
            &["write F, the lowest grade"],
        );
        assert_error("f\u{2212}", &["F has no plus or minus"], &[]);
        assert_error("A+-", &["not a valid letter grade"], &[r#""A+" or "A-""#]);
        assert_error("B\u{2013}", &[], &[r#"did you mean "B-"?"#]);
        assert_error("G", &["not a valid letter grade"], &[]);
        assert!(!error("G").help.contains("did you mean"));
    }

    #[test]
    fn bare_numbers() {
        assert_error(
            "4",
            &[r#"rating "4" is a bare number"#],
            &["write 4/5, 4 stars, 4/10 or 4%"],
        );
        assert_error("4.5", &[], &["write 4.5/5, 4.5 stars, 4.5/10 or 4.5%"]);
        assert_error("1", &[], &["write 1/5, 1 star, 1/10 or 1%"]);
        assert_error("7", &[], &["write 7/10 or 7%"]);
        assert_error("4.3", &[], &["write 4.3/10 or 4.3%"]);
        assert_error("90", &[], &["write 90%"]);
        assert_error("150", &["fits no scale"], &[ACCEPTED_FORMS]);
        assert_error("-2", &["fits no scale"], &[]);
    }

    #[test]
    fn empty_and_unrecognised() {
        for input in ["", "  ", "\n\t"] {
            let error = error(input);
            assert_eq!(error.message, "rating is empty");
            assert_eq!(error.help, format!("write {ACCEPTED_FORMS}"));
        }
        assert_error(
            "godo",
            &[r#"rating "godo" is not recognised"#],
            &[r#"did you mean "good"?"#, ACCEPTED_FORMS],
        );
        assert_error("ugyl", &[], &[r#"did you mean "ugly"?"#]);
        assert_error("Mixd", &[], &[r#"did you mean "mixed"?"#]);
        assert_error("a +", &[], &[r#"did you mean "A+"?"#]);
        let error = error("terrible service");
        assert_eq!(
            error.message,
            r#"rating "terrible service" is not recognised"#
        );
        assert_eq!(error.help, format!("write {ACCEPTED_FORMS}"));
        assert_error("/5", &["not recognised"], &[]);
        assert_error("4/", &["not recognised"], &[]);
        assert_error("%", &["not recognised"], &[]);
        assert_error("stars", &["not recognised"], &[]);
        assert_error("1e1/10", &["not recognised"], &[]);
        assert_error("5/5 stars", &["not recognised"], &[]);
        assert_error("4,5/5", &[], &[r#"did you mean "4.5/5"?"#]);
    }

    #[test]
    fn other_denominators() {
        assert_error(
            "85/100",
            &[r#"rating "85/100" is not out of 5 or 10: only N/5 and N/10 are accepted"#],
            &["write it as a percentage, 85%"],
        );
        assert_error("2/3", &[], &["66.67%"]);
        assert_error("4/0", &["not out of 5 or 10"], &["write 4/5, 4/10 or 4%"]);
        assert_error("7/4", &[], &["write 7/5, 7/10 or 7%"]);
    }

    #[test]
    fn display_and_serialize() {
        let error = error("11/10");
        assert_eq!(error.to_string(), error.message);
        let rating = parse_rating("4.5/5").expect("valid in this test");
        assert_eq!(
            serde_json::to_string(&rating).expect("valid in this test"),
            r#"{"score":90.0,"verdict":"good","form":"out_of_five"}"#
        );
        let rating = parse_rating("ugly").expect("valid in this test");
        assert_eq!(
            serde_json::to_string(&rating).expect("valid in this test"),
            r#"{"score":null,"verdict":"ugly","form":"verdict_only"}"#
        );
        assert_eq!(
            serde_json::to_string(&GradeBand::C).expect("valid in this test"),
            r#""C""#
        );
        for form in [
            RatingForm::Grade,
            RatingForm::OutOfFive,
            RatingForm::Stars,
            RatingForm::OutOfTen,
            RatingForm::Percent,
            RatingForm::VerdictOnly,
        ] {
            assert_eq!(
                serde_json::to_string(&form).expect("valid in this test"),
                format!("\"{}\"", form.as_str())
            );
        }
        assert_eq!(Grade::CMinus.to_string(), "C-");
        assert_eq!(Verdict::Mixed.to_string(), "mixed");
        assert_eq!(
            "B".parse::<Rating>().expect("valid in this test").score,
            Some(80.0)
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "/",
            "//",
            "/5/5",
            "%%",
            "-",
            "+",
            ".",
            "..",
            "-.5/5",
            "+4/5",
            "4..5/5",
            "★x",
            "½½½½½½",
            "\u{0}",
            "é",
            "ǅ",
            "İ stars",
            "🙂",
            "5/inf",
            "5/nan",
            "5/-10",
            "A\u{2212}\u{2212}",
        ];
        for input in odd {
            let _ = parse_rating(input);
        }
        assert_eq!(score("+4/5"), 80.0);
        assert_eq!(score("-.5/5".trim_start_matches('-')), 10.0);
    }
}
