//! schema.org structured data as JSON-LD: a `BlogPosting` with one `Review` per rated company on
//! story pages, an `Organization` with its `aggregateRating` on company pages.
//!
//! Serialised with serde_json, then made safe inside `<script>`: `<`, `>`, `&` and the line
//! separators are written as `\u` escapes, so no value can close the element or open a comment.

use serde_json::{Value, json};

use crate::rating::stars;

/// A complete `<script type="application/ld+json">` element holding `value`.
pub fn script_element(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len() + 48);
    out.push_str("<script type=\"application/ld+json\">");
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push_str("</script>");
    out
}

/// A reviewed company as a story names it.
#[derive(Debug)]
pub struct ReviewInput<'a> {
    pub company: &'a str,
    /// The company's website from its profile, else its page on this site.
    pub company_url: String,
    /// Score on 0-100; `None` for a verdict-only rating (no `reviewRating`).
    pub score: Option<f64>,
}

/// What the story page says about itself.
#[derive(Debug)]
pub struct PostingInput<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub date: &'a str,
    pub modified: Option<&'a str>,
    pub author: &'a str,
    pub author_url: &'a str,
    pub image: Option<&'a str>,
    pub publisher: &'a str,
    pub language: &'a str,
}

/// On 1-5 for `ratingValue`: stars in halves, never below 1 (schema.org's worst rating here).
fn rating_value(score: f64) -> f64 {
    stars(score).max(1.0)
}

/// `BlogPosting` followed by one `Review` per rated company, as a JSON-LD graph.
pub fn story_graph(posting: &PostingInput<'_>, reviews: &[ReviewInput<'_>]) -> Value {
    let author = json!({ "@type": "Person", "name": posting.author, "url": posting.author_url });
    let mut blog = json!({
        "@type": "BlogPosting",
        "headline": posting.title,
        "description": posting.description,
        "url": posting.url,
        "mainEntityOfPage": posting.url,
        "datePublished": posting.date,
        "dateModified": posting.modified.unwrap_or(posting.date),
        "inLanguage": posting.language,
        "author": author,
        "publisher": { "@type": "Organization", "name": posting.publisher },
    });
    if let Some(image) = posting.image {
        blog["image"] = json!(image);
    }
    let mut graph = vec![blog];
    for r in reviews {
        let mut review = json!({
            "@type": "Review",
            "itemReviewed": { "@type": "Organization", "name": r.company, "url": r.company_url },
            "author": author,
            "datePublished": posting.date,
            "url": posting.url,
            "name": posting.title,
        });
        if let Some(score) = r.score {
            review["reviewRating"] = json!({
                "@type": "Rating",
                "ratingValue": rating_value(score),
                "bestRating": 5,
                "worstRating": 1,
            });
        }
        graph.push(review);
    }
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// `Organization` with `aggregateRating` when it has scored ratings.
pub fn company_graph(
    name: &str,
    url: &str,
    website: Option<&str>,
    mean: Option<f64>,
    rating_count: usize,
) -> Value {
    let mut org = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name,
        "url": website.unwrap_or(url),
    });
    if website.is_some() {
        org["sameAs"] = json!(url);
    }
    if let (Some(mean), true) = (mean, rating_count > 0) {
        org["aggregateRating"] = json!({
            "@type": "AggregateRating",
            "ratingValue": ((mean / 20.0).max(1.0) * 10.0).round() / 10.0,
            "ratingCount": rating_count,
            "bestRating": 5,
            "worstRating": 1,
        });
    }
    org
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_can_close_the_script_element() {
        let v = json!({ "name": "</script><script>alert(1)</script><!--", "amp": "a&b" });
        let html = script_element(&v);
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(!html.contains("<!--"));
        let inner = html
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end_matches("</script>");
        let parsed: Value = serde_json::from_str(inner).expect("still JSON");
        assert_eq!(parsed["name"], "</script><script>alert(1)</script><!--");
    }

    #[test]
    fn one_review_per_company_and_none_for_verdict_only() {
        let posting = PostingInput {
            title: "T",
            description: "D",
            url: "https://e.com/stories/t/",
            date: "2020-01-01T00:00:00Z",
            modified: None,
            author: "Ann",
            author_url: "https://e.com/authors/ann/",
            image: None,
            publisher: "Blog",
            language: "en",
        };
        let reviews = [
            ReviewInput {
                company: "Acme",
                company_url: "https://acme.example".into(),
                score: Some(90.0),
            },
            ReviewInput {
                company: "Zed",
                company_url: "https://e.com/companies/zed/".into(),
                score: None,
            },
        ];
        let g = story_graph(&posting, &reviews);
        let graph = g["@graph"].as_array().expect("graph");
        assert_eq!(graph.len(), 3);
        assert_eq!(graph[1]["reviewRating"]["ratingValue"], 4.5);
        assert_eq!(graph[1]["itemReviewed"]["name"], "Acme");
        assert!(graph[2].get("reviewRating").is_none());
    }

    #[test]
    fn aggregate_rating_only_with_scores() {
        let with = company_graph("Acme", "https://e.com/companies/acme/", None, Some(87.5), 4);
        assert_eq!(with["aggregateRating"]["ratingValue"], 4.4);
        assert_eq!(with["aggregateRating"]["ratingCount"], 4);
        let without = company_graph("Acme", "https://e.com/companies/acme/", None, None, 0);
        assert!(without.get("aggregateRating").is_none());
    }
}
