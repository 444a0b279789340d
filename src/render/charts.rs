//! Charts drawn at build time as inline SVG: no JavaScript, styled by the theme through classes
//! and `currentColor`, each with a `<title>` and `<desc>` that say in words what it shows.

use std::fmt::Write as _;

use crate::i18n::Catalogue;
use crate::model::PeriodMean;
use crate::render::escape::escape_html;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

/// A line of the mean score per period, on a 0-100 axis. `None` with fewer than two periods:
/// one point is not a trend.
pub fn trend_svg(
    periods: &[PeriodMean],
    id: &str,
    subject: &str,
    words: &Catalogue,
) -> Option<String> {
    if periods.len() < 2 {
        return None;
    }
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    // Right to left, time runs from right to left and the score axis stands on the right.
    let mirrored = words.direction() == "rtl";
    let mirror = |v: f64| if mirrored { WIDTH - v } else { v };
    let x = |i: usize| mirror(LEFT + plot_w * (i as f64) / ((periods.len() - 1) as f64));
    let y = |score: f64| TOP + plot_h * (1.0 - score.clamp(0.0, 100.0) / 100.0);
    let by_quarter = periods[0].quarter.is_some();
    let desc = periods
        .iter()
        .map(|p| {
            words.text(
                "chart-period",
                &[
                    ("period", period_label(p, words).as_str().into()),
                    ("mean", words.format().one_decimal(p.mean).as_str().into()),
                    ("count", p.count.into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let title = words.text(
        if by_quarter {
            "chart-title-quarter"
        } else {
            "chart-title-year"
        },
        &[("subject", subject.into())],
    );
    let id = escape_html(id);
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        "<svg class=\"trend\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_html(&title),
        escape_html(&desc)
    );
    svg.push_str("<g class=\"trend-grid\">");
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let ty = y(tick);
        let _ = write!(
            svg,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"{}\">{tick}</text>",
            mirror(LEFT),
            mirror(WIDTH - RIGHT),
            mirror(LEFT - 8.0),
            ty + 4.0,
            if mirrored { "start" } else { "end" }
        );
    }
    svg.push_str("</g><g class=\"trend-axis\">");
    // Label every period when they fit, else about eight of them.
    let step = periods.len().div_ceil(8).max(1);
    for (i, p) in periods.iter().enumerate() {
        if i % step == 0 || i + 1 == periods.len() {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x(i),
                HEIGHT - BOTTOM + 20.0,
                escape_html(&period_label(p, words))
            );
        }
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" class=\"trend-axis-title\">{}</text></g>",
        mirror(LEFT + plot_w / 2.0),
        HEIGHT - 6.0,
        escape_html(&words.text(
            if by_quarter {
                "chart-axis-quarter"
            } else {
                "chart-axis-year"
            },
            &[]
        ))
    );
    let points = periods
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.mean)))
        .collect::<Vec<_>>()
        .join(" ");
    let _ = write!(
        svg,
        "<polyline class=\"trend-line\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\" points=\"{points}\"/>"
    );
    for (i, p) in periods.iter().enumerate() {
        let _ = write!(
            svg,
            "<circle class=\"trend-point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" fill=\"currentColor\"/>",
            x(i),
            y(p.mean)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// A period as readers see it: `2023`, or a quarter in the language's form (`2023 Q1`).
pub fn period_label(period: &PeriodMean, words: &Catalogue) -> String {
    match period.quarter {
        Some(quarter) => words.text(
            "period-quarter",
            &[
                ("year", period.year.to_string().as_str().into()),
                ("quarter", usize::from(quarter).into()),
            ],
        ),
        None => period.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(year: i16, mean: f64) -> PeriodMean {
        PeriodMean {
            year,
            quarter: None,
            count: 2,
            mean,
        }
    }

    fn english() -> Catalogue {
        catalogue("en")
    }

    fn catalogue(language: &str) -> Catalogue {
        Catalogue::build(
            &crate::load::theme::builtin_catalogues(),
            language,
            &mut crate::diagnostics::Diagnostics::new(),
        )
    }

    #[test]
    fn right_to_left_the_chart_runs_from_right_to_left() {
        let periods = [period(2020, 50.0), period(2021, 100.0)];
        let svg = trend_svg(&periods, "t", "Acme", &catalogue("ar")).expect("svg");
        // The mirror image of the left-to-right line: the first year at the right.
        assert!(svg.contains("points=\"592.0,116.0 16.0,16.0\""), "{svg}");
        assert!(
            svg.contains("x=\"600\" y=\"20.0\" text-anchor=\"start\">100<"),
            "{svg}"
        );
        assert!(svg.contains("<line x1=\"592\" x2=\"16\""), "{svg}");
    }

    #[test]
    fn needs_two_periods() {
        assert!(trend_svg(&[period(2020, 50.0)], "t", "Acme", &english()).is_none());
    }

    #[test]
    fn draws_a_labelled_line_with_a_text_equivalent() {
        let svg = trend_svg(
            &[period(2020, 50.0), period(2021, 100.0)],
            "trend",
            "Acme <b>",
            &english(),
        )
        .expect("svg");
        assert!(svg.contains("<title id=\"trend-title\">Mean score of Acme &lt;b&gt; per year, out of 100</title>"), "{svg}");
        assert!(
            svg.contains("2020: 50.0 (2 ratings); 2021: 100.0 (2 ratings)"),
            "{svg}"
        );
        assert!(svg.contains(">2020</text>") && svg.contains(">2021</text>"));
        // 50 sits half way down the plot, 100 at its top.
        assert!(svg.contains("points=\"48.0,116.0 624.0,16.0\""), "{svg}");
    }
}
