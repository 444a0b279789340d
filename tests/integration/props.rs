//! A bounded property test: any one-story site, however broken its front matter or Markdown,
//! builds or fails with diagnostics; it never panics, and every diagnostic names its file.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::util::Site;

/// Text a writer or an attacker could type: plain words, unicode, markup, path tricks.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,20}",
        "\\PC{0,24}",
        any::<String>().prop_map(|s| s.chars().take(24).collect()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("\"><img src=x onerror=alert(1)>".to_owned()),
        Just("]]></script>".to_owned()),
        Just("..".to_owned()),
        Just("../../etc/passwd".to_owned()),
        Just("/".to_owned()),
        Just("CON".to_owned()),
        Just("   ".to_owned()),
        Just(String::new()),
        Just("Café Müller & Söhne".to_owned()),
        Just("東京".to_owned()),
        Just("a: b # c".to_owned()),
        Just("- [x] {y}".to_owned()),
        Just("*&alias !!tag |".to_owned()),
    ]
}

fn rating() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "A+",
            "B-",
            "F",
            "4/5",
            "7.5/10",
            "85%",
            "3 stars",
            "★★★★☆",
            "★★½",
            "good",
            "ugly",
            "11/10",
            "-1/5",
            "NaN%",
            "inf%",
            "A++",
            "1e999/10",
            "0/0",
            "",
            "4",
        ])
        .prop_map(str::to_owned),
        "[-+]?[0-9]{0,4}(\\.[0-9]{0,3})?( ?(/5|/10|%|stars?|/0))?",
        "[★☆½]{0,8}",
        text(),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        "(19|20|99)[0-9]{2}-[0-1][0-9]-[0-3][0-9]",
        "20[0-9]{2}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9](Z|[+-][0-1][0-9]:[0-5][0-9])",
        Just("2011-02-30".to_owned()),
        Just("2024-02-29".to_owned()),
        Just("0000-00-00".to_owned()),
        Just("-2024-01-01".to_owned()),
        Just("20240101".to_owned()),
        text(),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://example.org/a?b=c#d".to_owned()),
        Just("javascript:alert(1)".to_owned()),
        Just("JaVaScRiPt:alert(1)".to_owned()),
        Just("&#106;avascript:alert(1)".to_owned()),
        Just("data:text/html,<script>alert(1)</script>".to_owned()),
        Just("@/stories/other.md".to_owned()),
        Just("@/stories/story.md#x".to_owned()),
        Just("/static/path.png".to_owned()),
        Just("relative.png".to_owned()),
        Just("//evil.example".to_owned()),
        Just("#fragment".to_owned()),
        Just(String::new()),
        text(),
    ]
}

/// One piece of Markdown.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        (text(), url()).prop_map(|(t, u)| format!("[{t}]({u})")),
        (text(), url(), text()).prop_map(|(t, u, title)| format!("![{t}]({u} \"{title}\")")),
        (text(), url()).prop_map(|(t, u)| format!("[{t}][r]\n\n[r]: {u}")),
        text().prop_map(|t| format!("# {t}")),
        text().prop_map(|t| format!("## {t} {{#{t}}}")),
        text().prop_map(|t| format!("> {t}")),
        text().prop_map(|t| format!("- {t}\n  - {t}")),
        text().prop_map(|t| format!("```\n{t}\n```")),
        text().prop_map(|t| format!("| a | {t} |\n|---|---|\n| {t} | b |")),
        text().prop_map(|t| format!("Note[^{t}].\n\n[^{t}]: {t}")),
        text().prop_map(|t| format!("<div onclick=\"x\">{t}</div>")),
        Just("<!-- more -->".to_owned()),
        Just("<!-- a comment -->".to_owned()),
        Just("---".to_owned()),
        Just("[[[[[[[[[[".to_owned()),
        Just("***___***".to_owned()),
    ]
}

/// How a value is written in YAML: quoted (always valid) or as is (may break the YAML).
fn yaml(value: &str, raw: bool) -> String {
    if raw {
        value.to_owned()
    } else {
        format!("\"{}\"", yaml_escape(value))
    }
}

fn yaml_escape(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32 & 0xffff)),
            c => out.push(c),
        }
    }
    out
}

/// A whole story file.
#[derive(Debug, Clone)]
struct Story {
    title: Option<String>,
    date: Option<String>,
    companies: Vec<(String, String)>,
    single: bool,
    tags: Vec<String>,
    category: Option<String>,
    slug: Option<String>,
    author: Option<String>,
    comment: Option<(String, String, String, String)>,
    image: Option<(String, String, String)>,
    extra: Option<String>,
    raw: bool,
    body: Vec<String>,
    crlf: bool,
}

fn story() -> impl Strategy<Value = Story> {
    (
        (
            prop::option::weighted(0.9, text()),
            prop::option::weighted(0.9, date()),
            prop::collection::vec((text(), rating()), 0..4),
            any::<bool>(),
            prop::collection::vec(text(), 0..4),
            prop::option::of(text()),
            prop::option::weighted(0.3, text()),
        ),
        (
            prop::option::of(text()),
            prop::option::weighted(
                0.4,
                (text(), date(), prop::collection::vec(block(), 0..3), url()),
            ),
            prop::option::weighted(0.3, (url(), text(), url())),
            prop::option::weighted(0.3, text()),
            prop::bool::weighted(0.15),
            prop::collection::vec(block(), 0..10),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |(
                (title, date, companies, single, tags, category, slug),
                (author, comment, image, extra, raw, body, crlf),
            )| Story {
                title,
                date,
                companies,
                single,
                tags,
                category,
                slug,
                author,
                comment: comment.map(|(a, d, b, u)| (a, d, b.join("\n\n"), u)),
                image,
                extra,
                raw,
                body,
                crlf,
            },
        )
}

impl Story {
    fn file(&self) -> String {
        let r = self.raw;
        let mut fm = String::new();
        if let Some(t) = &self.title {
            fm.push_str(&format!("title: {}\n", yaml(t, r)));
        }
        if let Some(d) = &self.date {
            fm.push_str(&format!("date: {}\n", yaml(d, r)));
        }
        match (self.single, self.companies.as_slice()) {
            (true, [(name, rating), ..]) => {
                fm.push_str(&format!(
                    "company: {}\nrating: {}\n",
                    yaml(name, r),
                    yaml(rating, r)
                ));
            }
            (_, []) => {}
            (_, list) => {
                fm.push_str("companies:\n");
                for (name, rating) in list {
                    fm.push_str(&format!(
                        "  - name: {}\n    rating: {}\n",
                        yaml(name, r),
                        yaml(rating, r)
                    ));
                }
            }
        }
        if !self.tags.is_empty() {
            let tags: Vec<String> = self.tags.iter().map(|t| yaml(t, r)).collect();
            fm.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        }
        if let Some(c) = &self.category {
            fm.push_str(&format!("category: {}\n", yaml(c, r)));
        }
        if let Some(s) = &self.slug {
            fm.push_str(&format!("slug: {}\n", yaml(s, r)));
        }
        if let Some(a) = &self.author {
            fm.push_str(&format!("author: {}\n", yaml(a, r)));
        }
        if let Some((author, date, body, url)) = &self.comment {
            fm.push_str(&format!(
                "comments:\n  - author: {}\n    date: {}\n    body: {}\n    url: {}\n",
                yaml(author, r),
                yaml(date, r),
                yaml(body, false),
                yaml(url, r)
            ));
        }
        if let Some((src, alt, credit_url)) = &self.image {
            fm.push_str(&format!(
                "image:\n  src: {}\n  alt: {}\n  credit_url: {}\n",
                yaml(src, r),
                yaml(alt, r),
                yaml(credit_url, r)
            ));
        }
        if let Some(e) = &self.extra {
            fm.push_str(&format!("extra:\n  note: {}\n", yaml(e, r)));
        }
        let file = format!("---\n{fm}---\n{}\n", self.body.join("\n\n"));
        if self.crlf {
            file.replace('\n', "\r\n")
        } else {
            file
        }
    }
}

#[test]
fn any_one_story_site_builds_or_fails_with_located_diagnostics() {
    let config = Config {
        cases: 96,
        max_shrink_iters: 256,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    runner
        .run(&story(), |story| {
            let site = Site::new();
            site.story("story.md", "title: Other\ndate: 2020-01-01", "x\n");
            let file = story.file();
            site.file("content/stories/story.md", &file);
            let lines = file.lines().count() + 1;
            let (diagnostics, pages) = match rave::pipeline::build_in_memory(&site.options()) {
                Ok((pages, diagnostics)) => (diagnostics, Some(pages)),
                Err(diagnostics) => {
                    prop_assert!(diagnostics.has_errors(), "failed without an error");
                    (diagnostics, None)
                }
            };
            for d in diagnostics.iter() {
                prop_assert!(!d.path.as_os_str().is_empty(), "no path: {d:?}");
                if let (true, Some(p)) =
                    (d.path == Path::new("content/stories/story.md"), d.position)
                {
                    prop_assert!(p.line <= lines, "line {} of {lines}: {d:?}", p.line);
                }
            }
            if let Some(pages) = pages {
                prop_assert!(pages.contains_key("index.html"));
                for (path, bytes) in &pages {
                    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
                    prop_assert!(!text.contains("<script>alert"), "{path}");
                    prop_assert!(!text.contains("<img src=x"), "{path}");
                    prop_assert!(!text.contains("href=\"javascript"), "{path}");
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
