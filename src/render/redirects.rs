//! Redirects for `aliases:`: a small page at each old address (canonical link and meta
//! refresh, kept out of the sitemap and feeds) and a `_redirects` file for hosts that read one
//! (Netlify, Cloudflare Pages), with every alias, query aliases (`/?p=123`) included. An alias
//! that is another alias or a page of the site is an error naming both files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::escape::{escape_attr, escape_html};
use super::urls::Urls;
use crate::diagnostics::Diagnostic;
use crate::i18n::Catalogue;
use crate::load::AliasInput;
use crate::model::Site;

/// Name of the redirects file at the output root.
pub(super) const REDIRECTS_FILE: &str = "_redirects";

/// One alias with the page it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Redirect<'a> {
    pub alias: &'a AliasInput,
    /// Root-relative URL of the page.
    pub target: String,
    pub file: &'a Path,
}

/// Every alias of the site's stories and pages, sorted by alias.
pub(super) fn redirects<'a>(site: &'a Site, urls: &Urls) -> Vec<Redirect<'a>> {
    let mut list = Vec::new();
    for story in &site.stories {
        let target = urls.story(&story.input.slug);
        for alias in &story.input.aliases {
            list.push(Redirect {
                alias,
                target: target.clone(),
                file: &story.input.origin.path,
            });
        }
    }
    for page in &site.pages {
        let target = urls.page(&page.slug);
        for alias in &page.aliases {
            list.push(Redirect {
                alias,
                target: target.clone(),
                file: &page.origin.path,
            });
        }
    }
    list.sort_by(|a, b| (a.alias, a.file).cmp(&(b.alias, b.file)));
    list
}

/// Aliases that are another alias or a page rave writes.
pub(super) fn collisions(site: &Site, urls: &Urls, list: &[Redirect<'_>]) -> Vec<Diagnostic> {
    let mut own: BTreeMap<String, (PathBuf, &'static str)> = BTreeMap::new();
    let mut add = |url: String, file: &Path, what: &'static str| {
        own.entry(urls.output_path(&url))
            .or_insert_with(|| (file.to_path_buf(), what));
    };
    let none = Path::new("");
    for story in &site.stories {
        add(
            urls.story(&story.input.slug),
            &story.input.origin.path,
            "the story",
        );
    }
    for page in &site.pages {
        add(urls.page(&page.slug), &page.origin.path, "the page");
    }
    for company in &site.companies {
        add(urls.company(&company.slug), none, "a company page");
    }
    for author in &site.authors {
        add(urls.author(&author.slug), none, "an author page");
    }
    for tag in &site.tags {
        add(urls.term("tags", &tag.slug), none, "a tag page");
    }
    for category in &site.categories {
        add(
            urls.term("categories", &category.slug),
            none,
            "a category page",
        );
    }
    for series in &site.series {
        add(urls.series(&series.slug), none, "a series page");
    }
    for year in &site.archive {
        add(
            urls.archive(Some(year.year), None),
            none,
            "a page of the story archive",
        );
        for month in &year.months {
            add(
                urls.archive(Some(year.year), Some(month.month)),
                none,
                "a page of the story archive",
            );
        }
    }
    for section in [
        "",
        "stories/",
        "companies/",
        "authors/",
        "tags/",
        "categories/",
        "series/",
        "search/",
        "pages/",
    ] {
        add(urls.at(section), none, "a page of rave's own");
    }
    let mut found = Vec::new();
    let mut seen: BTreeMap<(String, Option<&str>), &Redirect<'_>> = BTreeMap::new();
    for redirect in list {
        let key = (
            urls.output_path(&urls.at(&redirect.alias.path)),
            redirect.alias.query.as_deref(),
        );
        let shown = shown_alias(redirect.alias);
        if let Some(first) = seen.get(&key) {
            found.push(
                Diagnostic::error(
                    redirect.file,
                    format!(
                        "alias `{shown}` is also an alias of {}",
                        first.file.display()
                    ),
                )
                .at(redirect.alias.position)
                .with_help(
                    "an old address can lead to one page only: remove it from one of the two files",
                ),
            );
            continue;
        }
        seen.insert(key.clone(), redirect);
        if redirect.alias.query.is_none()
            && let Some((file, what)) = own.get(&key.0)
        {
            let whose = if file.as_os_str().is_empty() {
                (*what).to_owned()
            } else {
                format!("{what} {}", file.display())
            };
            found.push(
                Diagnostic::error(
                    redirect.file,
                    format!("alias `{shown}` is the address of {whose}"),
                )
                .at(redirect.alias.position)
                .with_help(
                    "an alias must be an address the site does not use; remove it or the page",
                ),
            );
        }
    }
    found
}

fn shown_alias(alias: &AliasInput) -> String {
    match &alias.query {
        Some(query) => format!("{}?{query}", alias.path),
        None => alias.path.clone(),
    }
}

/// The redirect pages (one per alias without a query) and the `_redirects` file.
pub(super) fn files(
    list: &[Redirect<'_>],
    urls: &Urls,
    words: &Catalogue,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut lines = String::new();
    for redirect in list {
        let from = encode_path(&urls.at(&redirect.alias.path));
        match &redirect.alias.query {
            Some(query) => {
                let (key, value) = query.split_once('=').unwrap_or((query, ""));
                lines.push_str(&format!("{from} {key}={value} {} 301\n", redirect.target));
            }
            None => {
                lines.push_str(&format!("{from} {} 301\n", redirect.target));
                let path = urls.output_path(&urls.at(&redirect.alias.path));
                let page = page(&urls.permalink(&redirect.target), &redirect.target, words);
                files.push((path, page.into_bytes()));
            }
        }
    }
    if !list.is_empty() {
        files.push((REDIRECTS_FILE.to_owned(), lines.into_bytes()));
    }
    files
}

/// A page that sends browsers and search engines on to `permalink`, in the site's language.
pub(super) fn page(permalink: &str, target: &str, words: &Catalogue) -> String {
    let permalink = escape_attr(permalink);
    let target_attr = escape_attr(target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target_attr}\">\n</head>\n<body class=\"kind-redirect\">\n<p>{go_on} <a href=\"{target_attr}\">{text}</a></p>\n</body>\n</html>\n",
        lang = escape_attr(words.language()),
        dir = words.direction(),
        title = escape_html(&words.text("redirect-title", &[])),
        go_on = escape_html(&words.text("redirect-go-on", &[])),
        text = escape_html(target),
    )
}

/// A decoded path as it goes in `_redirects`: non-ASCII and spaces percent-encoded.
fn encode_path(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Position;

    fn alias(path: &str, query: Option<&str>) -> AliasInput {
        AliasInput {
            path: path.into(),
            query: query.map(str::to_owned),
            position: Position::START,
        }
    }

    #[test]
    fn redirect_pages_escape_and_the_file_lists_every_alias() {
        let mut diagnostics = crate::diagnostics::Diagnostics::new();
        let config = crate::config::parse_site_config(
            Path::new("site.yaml"),
            "title: T\nbase_url: https://example.com/blog/\n",
            None,
            &mut diagnostics,
        )
        .expect("a config");
        let urls = Urls::new(&config);
        let plain = alias("/2019/07/\u{fc}ber/", None);
        let query = alias("/", Some("p=12"));
        let file = Path::new("content/stories/x.md");
        let list = vec![
            Redirect {
                alias: &plain,
                target: urls.story("x\"y"),
                file,
            },
            Redirect {
                alias: &query,
                target: urls.story("x"),
                file,
            },
        ];
        let words = Catalogue::build(
            &crate::load::theme::builtin_catalogues(),
            "de",
            &mut crate::diagnostics::Diagnostics::new(),
        );
        let files = files(&list, &urls, &words);
        assert_eq!(files[0].0, "2019/07/\u{fc}ber/index.html");
        let html = String::from_utf8(files[0].1.clone()).expect("utf-8");
        assert!(
            html.contains("href=\"https://example.com/blog/stories/x&quot;y/\""),
            "{html}"
        );
        assert!(html.contains("<html lang=\"de\" dir=\"ltr\">"), "{html}");
        assert!(html.contains("<title>Weiterleitung</title>"), "{html}");
        assert_eq!(files[1].0, REDIRECTS_FILE);
        assert_eq!(
            String::from_utf8(files[1].1.clone()).expect("utf-8"),
            "/blog/2019/07/%C3%BCber/ /blog/stories/x\"y/ 301\n/blog/ p=12 /blog/stories/x/ 301\n"
        );
    }
}
