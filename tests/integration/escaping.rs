//! Names from front matter are text, never markup: every page that shows them escapes them.

use crate::util::{Site, snapshot, text_of};

const TITLE: &str = r#"Evil <script>alert(1)</script> "qtitle" 'single'"#;
const COMPANY: &str = r#"Shady <script>alert(1)</script> "qcompany""#;
const AUTHOR: &str = r#"Mallory <script>alert(1)</script> "qauthor" O'Neil"#;
const TAG: &str = r#"Tagged <script>alert(1)</script> "qtag""#;

/// `Evil <script>` -> `Evil &lt;script&gt;alert(1)&lt;/script&gt;`: the name's first word and
/// its escaped script element, whatever the escaper does with quotes.
fn escaped_head(name: &str) -> String {
    let word = name.split(' ').next().unwrap_or_default();
    format!("{word} &lt;script&gt;alert(1)&lt;/script&gt;")
}

/// Double-quoted YAML of a string.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn names_with_markup_and_quotes_are_escaped_on_every_page() {
    let site = Site::new();
    site.author(
        "mallory",
        &format!("name: {}", yaml_string(AUTHOR)),
        "Bio with <script>alert(1)</script> in it.\n",
    )
    .story(
        "evil.md",
        &format!(
            "title: {}\ndate: 2020-01-01\nauthor: mallory\ncompanies:\n  - name: {}\n    rating: B\ntags: [{}]\nsummary: {}\ncomments:\n  - author: {}\n    date: 2020-01-02\n    body: \"Nice <script>alert(1)</script>\"",
            yaml_string(TITLE),
            yaml_string(COMPANY),
            yaml_string(TAG),
            yaml_string("Summary <script>alert(1)</script> \"qsummary\""),
            yaml_string("Commenter <script>alert(1)</script>"),
        ),
        "A body with <script>alert(1)</script> raw HTML.\n",
    );
    site.build(&[]).success();
    let pages = snapshot(&site.out());
    let company_page = "companies/shady-script-alert-1-script-qcompany/index.html";
    let tag_page = "tags/tagged-script-alert-1-script-qtag/index.html";
    for path in ["stories/evil/index.html", company_page, tag_page] {
        assert!(pages.contains_key(path), "{path} in {:?}", pages.keys());
    }

    // Nowhere: a raw script element, or a double quote of a name inside a tag (an attribute
    // broken open).
    for (path, bytes) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(
            !html.to_lowercase().contains("<script>alert"),
            "{path} has a raw <script>:\n{html}"
        );
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or_default())
        {
            for word in ["qtitle", "qcompany", "qauthor", "qtag", "qsummary"] {
                assert!(
                    !tag.contains(&format!("\"{word}\"")),
                    "{path}: a raw quote breaks the tag <{tag}>"
                );
            }
        }
    }

    let shown_on: [(&str, &[&str]); 4] = [
        (
            TITLE,
            &[
                "stories/evil/index.html",
                "index.html",
                company_page,
                "authors/mallory/index.html",
                tag_page,
            ],
        ),
        (
            COMPANY,
            &[
                "stories/evil/index.html",
                "index.html",
                "companies/index.html",
                company_page,
            ],
        ),
        (
            AUTHOR,
            &[
                "stories/evil/index.html",
                "index.html",
                "authors/index.html",
                "authors/mallory/index.html",
            ],
        ),
        (
            TAG,
            &["stories/evil/index.html", "tags/index.html", tag_page],
        ),
    ];
    for (name, paths) in shown_on {
        for path in paths {
            let html = String::from_utf8_lossy(&pages[*path]);
            assert!(
                html.contains(&escaped_head(name)),
                "{path} should show {:?}:\n{html}",
                escaped_head(name)
            );
            assert!(
                text_of(&html).contains(name),
                "{path} should read {name:?} once unescaped"
            );
        }
    }
}
