//! Company pages, the "Done when" of the company-pages feature: report cards with counts, means,
//! grade bands, verdicts and yearly trends; the best and worst rankings (Bayesian average);
//! `rave companies`; JSON-LD; text equivalents of charts; channels, highlights, related companies
//! and pagination; Open Graph tags. Every expected number is worked out by hand in comments.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{Site, links_of, rave, snapshot, text_of};

/// The fixture of this file: six stories over three years (2021-2023) rating five companies in
/// every form, with `ranking: { prior_weight: 3, min_ratings: 2 }` and two stories per page.
///
/// | story | date | ratings |
/// |---|---|---|
/// | S1 phone-queue | 2021-03-10 | Acme `A` (95, phone), Globex `2/5` (40, email) |
/// | S2 email-answered | 2021-09-01 | Acme `4/5` (80, email), Umbrella verdict `ugly` (no score) |
/// | S3 initech-delivers | 2022-05-05 | Acme `70%` stated `bad` (70, phone), Initech `9/10` (90, online) |
/// | S4 globex-again | 2022-11-11 | Globex `55%` (55, phone), Initech `★★★★☆` (80) |
/// | S5 three-companies | 2023-02-02 | Acme `B-` (75, chat), Hooli `D` (40), Umbrella `bad` (no score) |
/// | S6 globex-worst | 2023-08-08 | Globex `F` stated `ugly` (20), Acme `mixed` (no score) |
///
/// Scored ratings: Acme 95+80+70+75 = 320 (n 4), Globex 40+55+20 = 115 (n 3),
/// Initech 90+80 = 170 (n 2), Hooli 40 (n 1), Umbrella none.
/// Site-wide mean m = (320+115+170+40) / (4+3+2+1) = 645 / 10 = 64.5.
fn rated_site(extra_site_yaml: &str) -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        format!(
            "title: Test Stories\nbase_url: https://example.com\nstories_per_page: 2\nranking: {{ prior_weight: 3, min_ratings: 2 }}\n{extra_site_yaml}"
        ),
    );
    site.file("static/img/queue.jpg", "not really a JPEG");
    site.story(
        "phone-queue.md",
        "title: Stuck in the phone queue\ndate: 2021-03-10\nimage: { src: /img/queue.jpg, alt: A long queue }\ncompanies:\n  - name: Acme\n    rating: A\n    channel: phone\n  - name: Globex\n    rating: 2/5\n    channel: email",
        "Forty minutes of hold music.\n",
    )
    .story(
        "email-answered.md",
        "title: An email that got answered\ndate: 2021-09-01\ncompanies:\n  - name: Acme\n    rating: 4/5\n    channel: email\n  - name: Umbrella\n    verdict: ugly",
        "A reply within the hour.\n",
    )
    .story(
        "initech-delivers.md",
        "title: Initech delivers on time\ndate: 2022-05-05\ncompanies:\n  - name: Acme\n    rating: 70%\n    verdict: bad\n    channel: phone\n  - name: Initech\n    rating: 9/10\n    channel: online",
        "The parcel came early.\n",
    )
    .story(
        "globex-again.md",
        "title: Globex tries again\ndate: 2022-11-11\ncompanies:\n  - name: Globex\n    rating: 55%\n    channel: phone\n  - name: Initech\n    rating: \"★★★★☆\"",
        "Better, not good.\n",
    )
    .story(
        "three-companies.md",
        "title: Three companies in one afternoon\ndate: 2023-02-02\ncompanies:\n  - name: Acme\n    rating: B-\n    channel: chat\n  - name: Hooli\n    rating: D\n  - name: Umbrella\n    rating: bad",
        "A long afternoon.\n",
    )
    .story(
        "globex-worst.md",
        "title: Globex at its worst\ndate: 2023-08-08\ncompanies:\n  - name: Globex\n    rating: F\n    verdict: ugly\n  - name: Acme\n    rating: mixed",
        "Never again.\n",
    );
    site
}

/// The text between the first `from` and the next `to` after it (to the end without `to`).
#[track_caller]
fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let rest = &text[start..];
    match rest[from.len()..].find(to) {
        Some(end) => &rest[..from.len() + end],
        None => rest,
    }
}

/// The report card of a company page: from its hidden heading to the grade distribution.
fn report(page_text: &str) -> &str {
    let card = section(page_text, "Report card", "Stories about");
    let end = ["Grades", "No graded ratings yet"]
        .iter()
        .filter_map(|m| card.find(m))
        .min()
        .unwrap_or(card.len());
    &card[..end]
}

/// The content of every `<script type="application/ld+json">` of a page, parsed.
#[track_caller]
fn json_ld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let end = rest.find("</script>").expect("a closed JSON-LD script");
        let value: Value = serde_json::from_str(&rest[..end])
            .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{}", &rest[..end]));
        found.push(value);
        rest = &rest[end..];
    }
    found
}

/// The value of `attr` in the first tag that contains `marker` (e.g. `property="og:url"`).
fn attr_in_tag(html: &str, marker: &str, attr: &str) -> Option<String> {
    let at = html.find(marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let key = format!("{attr}=\"");
    let v = tag.find(&key)? + key.len();
    let len = tag[v..].find('"')?;
    Some(tag[v..v + len].to_owned())
}

/// The `<svg ...>...</svg>` of a page, if any.
fn svg_of(html: &str) -> Option<&str> {
    let start = html.find("<svg")?;
    let end = html[start..].find("</svg>")? + start + "</svg>".len();
    Some(&html[start..end])
}

/// Text of the `<desc>` of an SVG.
fn desc_of(svg: &str) -> &str {
    let start = svg.find("<desc").expect("a <desc>");
    let start = start + svg[start..].find('>').expect("end of <desc>") + 1;
    let end = start + svg[start..].find("</desc>").expect("</desc>");
    &svg[start..end]
}

/// Company slugs of a ranking page, in their order.
fn board_order(html: &str) -> Vec<String> {
    let list = section(html, "<ol class=\"company-list board\">", "</ol>");
    links_of(list)
        .into_iter()
        .filter_map(|l| {
            l.strip_prefix("/companies/")
                .map(|s| s.trim_end_matches('/').to_owned())
        })
        .collect()
}

/// `(count, mean)` facts every company page shows, by slug.
struct Expected {
    slug: &'static str,
    /// "N ratings from M stories".
    counts: &'static str,
    /// Mean as printed, `None` without scores.
    mean: Option<&'static str>,
    /// Band counts A, B, C, D, F with their percentages.
    bands: Option<&'static str>,
    verdicts: &'static str,
    /// The trend SVG's `<desc>`, `None` when there is no chart.
    trend: Option<&'static str>,
}

#[test]
fn company_pages_show_counts_means_bands_verdicts_and_yearly_means() {
    let site = rated_site("");
    site.build(&[]).success();
    let expected = [
        Expected {
            slug: "acme",
            // Scored: 95, 80, 70, 75; S6's `mixed` has no score. Five stories name Acme.
            counts: "4 ratings from 5 stories",
            // (95 + 80 + 70 + 75) / 4 = 320 / 4 = 80: printed `80`, not `80.0`.
            mean: Some("80"),
            // 95 is A (>= 87.5); 80, 70, 75 are B (70 to 87.5): 1/4 = 25%, 3/4 = 75%.
            bands: Some(
                "Grade A 1 rating, (25%) Grade B 3 ratings, (75%) Grade C 0 ratings, (0%) Grade D 0 ratings, (0%) Grade F 0 ratings, (0%)",
            ),
            // good: 95, 80, 75; mixed: the verdict-only `mixed`; bad: 70% stated `bad`.
            verdicts: "Good 3 Mixed 1 Bad 1 Ugly 0",
            // 2021: (95 + 80) / 2 = 87.5; 2022: 70; 2023: 75 (S6 has no score).
            trend: Some("2021: 87.5 (2 ratings); 2022: 70.0 (1 rating); 2023: 75.0 (1 rating)"),
        },
        Expected {
            slug: "globex",
            counts: "3 ratings from 3 stories",
            // (40 + 55 + 20) / 3 = 115 / 3 = 38.333... -> 38.3
            mean: Some("38.3"),
            // 55 is C, 40 is D (27.5 to 50), 20 is F: each 1/3 = 33%.
            bands: Some(
                "Grade A 0 ratings, (0%) Grade B 0 ratings, (0%) Grade C 1 rating, (33%) Grade D 1 rating, (33%) Grade F 1 rating, (33%)",
            ),
            // 55 mixed, 40 bad, F stated ugly.
            verdicts: "Good 0 Mixed 1 Bad 1 Ugly 1",
            trend: Some("2021: 40.0 (1 rating); 2022: 55.0 (1 rating); 2023: 20.0 (1 rating)"),
        },
        Expected {
            slug: "initech",
            counts: "2 ratings from 2 stories",
            // (90 + 80) / 2 = 85
            mean: Some("85"),
            bands: Some(
                "Grade A 1 rating, (50%) Grade B 1 rating, (50%) Grade C 0 ratings, (0%) Grade D 0 ratings, (0%) Grade F 0 ratings, (0%)",
            ),
            verdicts: "Good 2 Mixed 0 Bad 0 Ugly 0",
            // Both ratings in 2022: one year is no trend.
            trend: None,
        },
        Expected {
            slug: "hooli",
            counts: "1 rating from 1 story",
            mean: Some("40"),
            bands: Some(
                "Grade A 0 ratings, (0%) Grade B 0 ratings, (0%) Grade C 0 ratings, (0%) Grade D 1 rating, (100%) Grade F 0 ratings, (0%)",
            ),
            verdicts: "Good 0 Mixed 0 Bad 1 Ugly 0",
            trend: None,
        },
        Expected {
            slug: "umbrella",
            // Two verdict-only ratings: they count in the verdicts only.
            counts: "0 ratings from 2 stories",
            mean: None,
            bands: None,
            verdicts: "Good 0 Mixed 0 Bad 1 Ugly 1",
            trend: None,
        },
    ];
    let mut problems = Vec::new();
    for e in &expected {
        let html = site.page(&format!("companies/{}/index.html", e.slug));
        let text = text_of(&html);
        let report = report(&text);
        let slug = e.slug;
        if !report.contains(e.counts) {
            problems.push(format!("{slug}: expected {:?} in: {report}", e.counts));
        }
        match e.mean {
            Some(mean) => {
                let shown = format!("Mean score {mean} out of 100");
                if !report.contains(&shown) {
                    problems.push(format!("{slug}: expected {shown:?} in: {report}"));
                }
            }
            None => {
                if report.contains("Mean score") {
                    problems.push(format!("{slug}: shows a mean without scores: {report}"));
                }
            }
        }
        if !report.contains(e.verdicts) {
            problems.push(format!(
                "{slug}: expected the verdict counts {:?} in: {report}",
                e.verdicts
            ));
        }
        if let Some(bands) = e.bands {
            let grades = section(&text, "Grades", "Stories about");
            if !grades.contains(bands) {
                problems.push(format!(
                    "{slug}: expected the distribution {bands:?} in: {grades}"
                ));
            }
        }
        match (e.trend, svg_of(&html)) {
            (Some(trend), Some(svg)) => {
                if desc_of(svg) != trend {
                    problems.push(format!(
                        "{slug}: trend <desc> is {:?}, expected {trend:?}",
                        desc_of(svg)
                    ));
                }
            }
            (Some(_), None) => problems.push(format!("{slug}: no trend chart")),
            (None, Some(svg)) => problems.push(format!("{slug}: unexpected chart {svg}")),
            (None, None) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn best_and_worst_rankings_use_the_bayesian_average_and_leave_out_few_ratings() {
    let site = rated_site("");
    site.build(&[]).success();
    // m = 64.5 (see rated_site); C = 3, so C*m = 193.5.
    // Acme:    (193.5 + 320) / (3 + 4) = 513.5 / 7 = 73.357... -> 73.4
    // Initech: (193.5 + 170) / (3 + 2) = 363.5 / 5 = 72.7
    // Hooli:   (193.5 + 40) / (3 + 1)  = 233.5 / 4 = 58.375 -> left out: 1 rating < 2
    // Globex:  (193.5 + 115) / (3 + 3) = 308.5 / 6 = 51.416... -> 51.4
    // Umbrella has no scores. By mean Initech (85) would beat Acme (80); by the Bayesian
    // average Acme's four ratings win.
    // Globex's mean (38.3) is a bad verdict, so it is not among the best; Acme's (80) and
    // Initech's (85) are good, so neither is among the worst.
    let best = site.page("companies/best/index.html");
    assert_eq!(board_order(&best), ["acme", "initech"]);
    let worst = site.page("companies/worst/index.html");
    assert_eq!(board_order(&worst), ["globex"]);

    let best_text = text_of(&best);
    for shown in [
        "Acme 4 ratings · 5 stories · ranking score 73.4",
        "Initech 2 ratings · 2 stories · ranking score 72.7",
        "The mean of every graded rating on this site is 64.5 out of 100.",
    ] {
        assert!(best_text.contains(shown), "{shown:?} in: {best_text}");
    }
    let worst_text = text_of(&worst);
    let shown = "Globex 3 ratings · 3 stories · ranking score 51.4";
    assert!(worst_text.contains(shown), "{shown:?} in: {worst_text}");
    for page in [&best_text, &text_of(&worst)] {
        assert!(!page.contains("Hooli"), "Hooli has one rating: {page}");
        assert!(!page.contains("Umbrella"), "Umbrella has none: {page}");
    }
    // Most discussed: Acme 5 stories, Globex 3, then Initech and Umbrella 2 (A-Z), Hooli 1.
    let most = site.page("companies/most-discussed/index.html");
    assert_eq!(
        board_order(&most),
        ["acme", "globex", "initech", "umbrella", "hooli"]
    );
}

fn companies_json(site: &Site, extra: &[&str]) -> Vec<Value> {
    let root = site.root();
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "companies".as_ref(),
        "--json".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let run = rave(&args);
    run.success();
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("rave companies --json prints JSON: {e}\n{}", run.stdout));
    value.as_array().expect("a JSON list").clone()
}

fn field<'a>(row: &'a Value, key: &str) -> &'a Value {
    row.get(key)
        .unwrap_or_else(|| panic!("no {key:?} in {row}"))
}

#[test]
fn rave_companies_lists_the_numbers_the_pages_show() {
    let site = rated_site("");
    let rows = companies_json(&site, &[]);
    let names: Vec<&str> = rows
        .iter()
        .map(|r| field(r, "name").as_str().expect("a name"))
        .collect();
    // Default order: ranked (73.4, 72.7, 58.4, 51.4; Umbrella without a score last).
    assert_eq!(names, ["Acme", "Initech", "Hooli", "Globex", "Umbrella"]);
    // (name, stories, ratings, mean, grade, ranked, [good, mixed, bad, ugly])
    // Grades are nearest the mean: 80 B; 85 B+; 40 D; 38.3 is nearer D (40) than D- (35).
    type Row = (
        &'static str,
        u64,
        u64,
        Option<f64>,
        Option<&'static str>,
        Option<f64>,
        [u64; 4],
    );
    let expected: [Row; 5] = [
        (
            "Acme",
            5,
            4,
            Some(80.0),
            Some("B"),
            Some(73.4),
            [3, 1, 1, 0],
        ),
        (
            "Initech",
            2,
            2,
            Some(85.0),
            Some("B+"),
            Some(72.7),
            [2, 0, 0, 0],
        ),
        (
            "Hooli",
            1,
            1,
            Some(40.0),
            Some("D"),
            Some(58.4),
            [0, 0, 1, 0],
        ),
        (
            "Globex",
            3,
            3,
            Some(38.3),
            Some("D"),
            Some(51.4),
            [0, 1, 1, 1],
        ),
        ("Umbrella", 2, 0, None, None, None, [0, 0, 1, 1]),
    ];
    for (row, (name, stories, ratings, mean, grade, ranked, verdicts)) in rows.iter().zip(expected)
    {
        assert_eq!(field(row, "name"), name);
        assert_eq!(field(row, "story_count").as_u64(), Some(stories), "{row}");
        assert_eq!(field(row, "rating_count").as_u64(), Some(ratings), "{row}");
        assert_eq!(field(row, "mean").as_f64(), mean, "{row}");
        assert_eq!(field(row, "grade").as_str(), grade, "{row}");
        assert_eq!(field(row, "ranked").as_f64(), ranked, "{row}");
        let got = ["good", "mixed", "bad", "ugly"].map(|k| field(row, k).as_u64().unwrap_or(99));
        assert_eq!(got, verdicts, "{row}");
        let slug = field(row, "slug").as_str().expect("a slug");
        assert_eq!(
            field(row, "url").as_str(),
            Some(format!("https://example.com/companies/{slug}/").as_str())
        );
    }

    // The pages show the same numbers.
    site.build(&[]).success();
    // Every ranked company is on the best or the worst page (a mixed one on both).
    let boards = text_of(&site.page("companies/best/index.html"))
        + &text_of(&site.page("companies/worst/index.html"));
    for row in &rows {
        let slug = field(row, "slug").as_str().expect("a slug");
        let page = text_of(&site.page(&format!("companies/{slug}/index.html")));
        let ratings = field(row, "rating_count").as_u64().expect("a count");
        assert!(
            page.contains(&format!(
                "{ratings} rating{} from",
                if ratings == 1 { "" } else { "s" }
            )),
            "{slug}: {page}"
        );
        if let (Some(mean), Some(grade)) =
            (field(row, "mean").as_f64(), field(row, "grade").as_str())
        {
            let printed = if mean.fract() == 0.0 {
                format!("{mean:.0}")
            } else {
                format!("{mean}")
            };
            assert!(
                page.contains(&format!("Mean score {printed} out of 100")),
                "{slug}: {page}"
            );
            assert!(
                page.contains(&format!("Grade {grade} ({printed} out of 100)")),
                "{slug}'s average badge: {page}"
            );
        }
        if ratings >= 2
            && let Some(ranked) = field(row, "ranked").as_f64()
        {
            assert!(
                boards.contains(&format!("ranking score {ranked}")),
                "{slug} {ranked} on the best or worst page: {boards}"
            );
        }
    }
}

#[test]
fn rave_companies_sorts_limits_and_prints_an_aligned_table() {
    let site = rated_site("");
    let by_name: Vec<String> = companies_json(&site, &["--sort", "name"])
        .iter()
        .map(|r| field(r, "name").as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(by_name, ["Acme", "Globex", "Hooli", "Initech", "Umbrella"]);
    // By mean: 85, 80, 40, 38.3, none.
    let by_score: Vec<String> = companies_json(&site, &["--sort", "score"])
        .iter()
        .map(|r| field(r, "name").as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(by_score, ["Initech", "Acme", "Hooli", "Globex", "Umbrella"]);
    let one = companies_json(&site, &["--limit", "1"]);
    assert_eq!(one.len(), 1);
    assert_eq!(field(&one[0], "name"), "Acme");

    let root = site.root();
    let run = rave(&["companies".as_ref(), "--root".as_ref(), root.as_os_str()]);
    run.success();
    // Company is as wide as "Umbrella" (8); numbers are right-aligned under their headers.
    let expected = "\
Company   Stories  Ratings  Grade  Mean  Ranked
Acme            5        4      B  80.0    73.4
Initech         2        2     B+  85.0    72.7
Hooli           1        1      D  40.0    58.4
Globex          3        3      D  38.3    51.4
Umbrella        2        0      -     -       -
";
    assert_eq!(run.stdout, expected);
}

#[test]
fn story_json_ld_has_a_blog_posting_and_one_review_per_rated_company() {
    let site = rated_site("");
    site.build(&[]).success();

    let graph_of = |slug: &str| -> Vec<Value> {
        let html = site.page(&format!("stories/{slug}/index.html"));
        let scripts = json_ld(&html);
        assert_eq!(scripts.len(), 1, "one JSON-LD script on {slug}");
        assert_eq!(scripts[0]["@context"], "https://schema.org");
        scripts[0]["@graph"]
            .as_array()
            .unwrap_or_else(|| panic!("a @graph on {slug}: {}", scripts[0]))
            .clone()
    };
    let reviews = |graph: &[Value]| -> Vec<(String, Option<Value>)> {
        let postings = graph.iter().filter(|v| v["@type"] == "BlogPosting").count();
        assert_eq!(postings, 1, "one BlogPosting: {graph:?}");
        let mut list: Vec<(String, Option<Value>)> = graph
            .iter()
            .filter(|v| v["@type"] == "Review")
            .map(|r| {
                (
                    r["itemReviewed"]["name"]
                        .as_str()
                        .expect("a reviewed name")
                        .to_owned(),
                    r.get("reviewRating").cloned(),
                )
            })
            .collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list
    };
    let value = |rating: &Option<Value>| -> (Option<f64>, Option<i64>, Option<i64>) {
        let r = rating.as_ref().expect("a reviewRating");
        (
            r["ratingValue"].as_f64(),
            r["bestRating"].as_i64(),
            r["worstRating"].as_i64(),
        )
    };

    // S1: Acme A = 95 -> 95 / 20 = 4.75 -> nearest half, ties up: 5; Globex 2/5 = 40 -> 2.
    let s1 = graph_of("phone-queue");
    let posting = s1
        .iter()
        .find(|v| v["@type"] == "BlogPosting")
        .expect("posting");
    assert_eq!(posting["headline"], "Stuck in the phone queue");
    assert_eq!(posting["url"], "https://example.com/stories/phone-queue/");
    let r1 = reviews(&s1);
    assert_eq!(r1.len(), 2, "{r1:?}");
    assert_eq!(r1[0].0, "Acme");
    assert_eq!(value(&r1[0].1), (Some(5.0), Some(5), Some(1)));
    assert_eq!(r1[1].0, "Globex");
    assert_eq!(value(&r1[1].1), (Some(2.0), Some(5), Some(1)));

    // S3: Acme 70% -> 3.5; Initech 9/10 = 90 -> 4.5.
    let r3 = reviews(&graph_of("initech-delivers"));
    assert_eq!(r3.len(), 2, "{r3:?}");
    assert_eq!((r3[0].0.as_str(), value(&r3[0].1).0), ("Acme", Some(3.5)));
    assert_eq!(
        (r3[1].0.as_str(), value(&r3[1].1).0),
        ("Initech", Some(4.5))
    );

    // S6: Acme is verdict-only (`mixed`): a Review without reviewRating; Globex F = 20 -> 1.
    let r6 = reviews(&graph_of("globex-worst"));
    assert_eq!(r6.len(), 2, "{r6:?}");
    assert_eq!(r6[0].0, "Acme");
    assert!(r6[0].1.is_none(), "verdict-only has no rating: {:?}", r6[0]);
    assert_eq!((r6[1].0.as_str(), value(&r6[1].1).0), ("Globex", Some(1.0)));
}

#[test]
fn company_json_ld_is_an_organization_with_its_aggregate_rating() {
    let site = rated_site("");
    site.build(&[]).success();
    // ratingValue = mean / 20 to one decimal: Acme 80 / 20 = 4.0; Globex 38.333 / 20 = 1.916
    // -> 1.9; Initech 85 / 20 = 4.25 -> 4.3 (half up).
    for (slug, name, value, count) in [
        ("acme", "Acme", 4.0, 4),
        ("globex", "Globex", 1.9, 3),
        ("initech", "Initech", 4.3, 2),
    ] {
        let scripts = json_ld(&site.page(&format!("companies/{slug}/index.html")));
        assert_eq!(scripts.len(), 1, "{slug}: {scripts:?}");
        let org = &scripts[0];
        assert_eq!(org["@type"], "Organization", "{org}");
        assert_eq!(org["name"], name);
        let aggregate = &org["aggregateRating"];
        assert_eq!(
            aggregate["ratingValue"].as_f64(),
            Some(value),
            "{slug}: {org}"
        );
        assert_eq!(
            aggregate["ratingCount"].as_u64(),
            Some(count),
            "{slug}: {org}"
        );
        assert_eq!(aggregate["bestRating"].as_i64(), Some(5));
        assert_eq!(aggregate["worstRating"].as_i64(), Some(1));
    }
    // Without scores there is nothing to aggregate.
    let umbrella = json_ld(&site.page("companies/umbrella/index.html"));
    assert_eq!(umbrella.len(), 1);
    assert!(
        umbrella[0].get("aggregateRating").is_none(),
        "{}",
        umbrella[0]
    );
}

#[test]
fn the_site_owners_company_gets_no_review_markup() {
    let site = rated_site("self_company: globex\n");
    site.build(&[]).success();
    // S1 rates Acme and Globex: only Acme keeps its Review.
    let scripts = json_ld(&site.page("stories/phone-queue/index.html"));
    assert_eq!(scripts.len(), 1);
    let graph = scripts[0]["@graph"].as_array().expect("a graph");
    let reviewed: Vec<&str> = graph
        .iter()
        .filter(|v| v["@type"] == "Review")
        .filter_map(|v| v["itemReviewed"]["name"].as_str())
        .collect();
    assert_eq!(reviewed, ["Acme"]);
    let globex = site.page("companies/globex/index.html");
    assert!(
        !globex.contains("application/ld+json"),
        "the owner's company page has no JSON-LD"
    );
    assert_eq!(json_ld(&site.page("companies/acme/index.html")).len(), 1);
}

#[test]
fn a_company_name_cannot_break_out_of_the_json_ld_script() {
    let evil = "Evil </script><script>alert(1)</script>";
    let site = Site::new();
    site.story(
        "evil.md",
        &format!(
            "title: An evil name\ndate: 2022-01-01\ncompanies:\n  - name: \"{evil}\"\n    rating: B\n  - name: Acme\n    rating: C"
        ),
        "Text.\n",
    );
    site.build(&[]).success();
    let story = site.page("stories/evil/index.html");
    let company_dir = std::fs::read_dir(site.out().join("companies"))
        .expect("companies folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("evil"))
        .expect("a page for the evil company");
    let company = site.page(&format!("companies/{company_dir}/index.html"));
    for (what, html) in [("story", &story), ("company", &company)] {
        let opened = html.matches("<script").count();
        let closed = html.matches("</script>").count();
        assert_eq!(
            opened, closed,
            "{what} page: <script> opened {opened} times, closed {closed}"
        );
        assert!(
            !html.contains("<script>alert(1)"),
            "{what} page runs the script"
        );
    }
    let scripts = json_ld(&story);
    assert_eq!(scripts.len(), 1);
    let names: BTreeSet<&str> = scripts[0]["@graph"]
        .as_array()
        .expect("a graph")
        .iter()
        .filter(|v| v["@type"] == "Review")
        .filter_map(|v| v["itemReviewed"]["name"].as_str())
        .collect();
    assert_eq!(names, BTreeSet::from(["Acme", evil]));
    let org = json_ld(&company);
    assert_eq!(org.len(), 1);
    assert_eq!(org[0]["name"], evil);
    assert!(
        text_of(&company).contains(evil),
        "the name is shown as text on its page"
    );
}

#[test]
fn charts_and_bars_have_text_equivalents() {
    let site = rated_site("");
    site.build(&[]).success();
    let acme = site.page("companies/acme/index.html");
    let svg = svg_of(&acme).expect("Acme's ratings span three years: a trend chart");
    let open_tag = &svg[..svg.find('>').expect("end of <svg>")];
    assert!(open_tag.contains("role=\"img\""), "{open_tag}");
    let title = section(svg, "<title", "</title>");
    assert!(
        title.contains("Acme"),
        "the title names the company: {title}"
    );
    assert!(!desc_of(svg).is_empty());
    // aria-labelledby points at the title and the description.
    for id in ["title", "desc"] {
        let marker = format!("<{id} id=\"");
        let at = svg.find(&marker).expect("an id") + marker.len();
        let value = &svg[at..at + svg[at..].find('"').expect("end of id")];
        let labelled = attr_in_tag(svg, "role=\"img\"", "aria-labelledby").expect("labelled");
        assert!(
            labelled.split(' ').any(|l| l == value),
            "{value} in {labelled}"
        );
    }
    // Each band says its count in text (not only as a bar length).
    let grades = section(&text_of(&acme), "Grades", "Stories about").to_owned();
    assert!(grades.contains("Grade A 1 rating"), "{grades}");
    assert!(grades.contains("Grade B 3 ratings"), "{grades}");

    // One year of ratings: no chart at all, and no empty chart markup.
    for slug in ["initech", "hooli"] {
        let html = site.page(&format!("companies/{slug}/index.html"));
        assert!(!html.contains("<svg"), "{slug} has a chart");
        assert!(!html.contains("trend"), "{slug} has trend markup");
        assert!(!text_of(&html).contains("Over time"), "{slug}");
    }

    // Only verdict-only ratings: no bars, no average badge, but the verdict counts (the markers
    // looked for are those of Acme's bars and badge).
    assert!(acme.contains("dist-bar") && acme.contains("report-average"));
    let umbrella = site.page("companies/umbrella/index.html");
    assert!(!umbrella.contains("dist-bar"), "bars without scores");
    assert!(
        !umbrella.contains("report-average"),
        "an average badge without scores"
    );
    assert!(!umbrella.contains("<svg"));
    let text = text_of(&umbrella);
    let report = report(&text);
    assert!(
        report.contains("Good 0 Mixed 0 Bad 1 Ugly 1"),
        "the verdicts of verdict-only ratings are shown: {report}"
    );
}

#[test]
fn company_pages_break_down_channels_highlight_experiences_and_list_related_companies() {
    let site = rated_site("");
    site.build(&[]).success();
    let acme = text_of(&site.page("companies/acme/index.html"));
    // Phone: S1 95 and S3 70 -> (95 + 70) / 2 = 82.5, nearest grade B+ (the tie with B goes
    // up); Email: S2 80 -> B; Chat: S5 75 -> B-. In Channel order: phone, email, chat.
    let channels = section(&acme, "By contact channel", "Best and worst");
    let rows = [
        "Phone 2 2 B+ Grade B+ (82.5 out of 100), good",
        "Email 1 1 B Grade B (80 out of 100), good",
        "Chat 1 1 B- Grade B- (75 out of 100), good",
    ];
    let mut last = 0;
    for row in rows {
        let at = channels
            .find(row)
            .unwrap_or_else(|| panic!("{row:?} in: {channels}"));
        assert!(at >= last, "channel rows in order: {channels}");
        last = at;
    }
    assert!(!channels.contains("Online"), "Acme has no online rating");

    // Highest: S1 (95); lowest: S3 (70).
    let highlights = section(&acme, "Best and worst experiences", "Stories about");
    assert!(
        highlights.contains("Best experience Stuck in the phone queue"),
        "{highlights}"
    );
    assert!(
        highlights.contains("Worst experience Initech delivers on time"),
        "{highlights}"
    );
    let globex = text_of(&site.page("companies/globex/index.html"));
    let highlights = section(&globex, "Best and worst experiences", "Stories about");
    // 55 (S4) is Globex's best, 20 (S6) its worst.
    assert!(
        highlights.contains("Best experience Globex tries again"),
        "{highlights}"
    );
    assert!(
        highlights.contains("Worst experience Globex at its worst"),
        "{highlights}"
    );
    // One score: nothing to compare.
    let hooli = text_of(&site.page("companies/hooli/index.html"));
    assert!(!hooli.contains("Best experience"), "{hooli}");

    // Acme shares S1 and S6 with Globex, S2 and S5 with Umbrella, S5 with Hooli, S3 with
    // Initech: most shared first, ties A-Z.
    let related = section(&acme, "Rated in the same stories", "Built with rave");
    let order = [
        "Globex 2 shared stories",
        "Umbrella 2 shared stories",
        "Hooli 1 shared story",
        "Initech 1 shared story",
    ];
    let mut last = 0;
    for item in order {
        let at = related
            .find(item)
            .unwrap_or_else(|| panic!("{item:?} in: {related}"));
        assert!(at >= last, "related in order: {related}");
        last = at;
    }
    let initech = text_of(&site.page("companies/initech/index.html"));
    let related = section(&initech, "Rated in the same stories", "Built with rave");
    assert!(related.contains("Acme 1 shared story"), "{related}");
    assert!(related.contains("Globex 1 shared story"), "{related}");
}

#[test]
fn a_company_with_more_stories_than_a_page_holds_is_paginated() {
    let site = rated_site("");
    site.build(&[]).success();
    // Acme has 5 stories, 2 per page: pages 1, 2, 3, newest first (S6, S5 | S3, S2 | S1).
    let out = site.out();
    assert!(out.join("companies/acme/page/2/index.html").is_file());
    assert!(out.join("companies/acme/page/3/index.html").is_file());
    assert!(!out.join("companies/acme/page/4").exists());
    assert!(
        !out.join("companies/acme/page/1").exists(),
        "page 1 is the list's own URL"
    );
    let first = site.page("companies/acme/index.html");
    assert!(
        first.contains("<a href=\"/companies/acme/page/2/\" rel=\"next\""),
        "page 1 links to page 2 with rel=next"
    );
    let second = site.page("companies/acme/page/2/index.html");
    assert!(second.contains("<a href=\"/companies/acme/\" rel=\"prev\""));
    assert!(second.contains("<a href=\"/companies/acme/page/3/\" rel=\"next\""));
    let titles = |html: &str| -> Vec<String> {
        let list = section(html, "class=\"company-stories\"", "</section>");
        links_of(list)
            .into_iter()
            // Story pages, not the month archives each date links to.
            .filter(|l| {
                l.starts_with("/stories/") && !l[9..].starts_with(|c: char| c.is_ascii_digit())
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(
        titles(&first),
        ["/stories/globex-worst/", "/stories/three-companies/"]
    );
    assert_eq!(
        titles(&second),
        ["/stories/email-answered/", "/stories/initech-delivers/"]
    );
    assert_eq!(
        titles(&site.page("companies/acme/page/3/index.html")),
        ["/stories/phone-queue/"]
    );
    // Globex has 3 stories: two pages.
    assert!(out.join("companies/globex/page/2/index.html").is_file());
    assert!(!out.join("companies/globex/page/3").exists());
}

#[test]
fn every_page_has_open_graph_tags_matching_its_canonical_url() {
    let site = rated_site("");
    site.build(&[]).success();
    let files = snapshot(&site.out());
    let pages: Vec<&String> = files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 20, "{pages:?}");
    for rel in pages {
        let html = String::from_utf8(files[rel].clone()).expect("UTF-8");
        if crate::util::is_redirect_page(&html) {
            continue;
        }
        let og_title = attr_in_tag(&html, "property=\"og:title\"", "content");
        assert!(
            og_title.is_some_and(|t| !t.trim().is_empty()),
            "{rel} has an og:title"
        );
        // The 404 page is served at any address: it has no canonical URL.
        if rel == "404.html" {
            continue;
        }
        let expected_url = format!(
            "https://example.com/{}",
            rel.strip_suffix("index.html").unwrap_or(rel)
        );
        let canonical = attr_in_tag(&html, "rel=\"canonical\"", "href");
        assert_eq!(canonical.as_deref(), Some(expected_url.as_str()), "{rel}");
        let og_url = attr_in_tag(&html, "property=\"og:url\"", "content");
        assert_eq!(og_url, canonical, "{rel}: og:url equals the canonical link");
    }
    let story = site.page("stories/phone-queue/index.html");
    assert_eq!(
        attr_in_tag(&story, "property=\"og:image\"", "content").as_deref(),
        Some("https://example.com/img/queue.jpg")
    );
    assert_eq!(
        attr_in_tag(&story, "property=\"og:type\"", "content").as_deref(),
        Some("article")
    );
    let other = site.page("stories/email-answered/index.html");
    assert!(!other.contains("og:image"), "no image, no og:image");
}
