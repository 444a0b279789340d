//! Every URL and output path of the site, derived from slugs in one place so that links and
//! files always agree and nothing can point outside the output folder.

use crate::config::SiteConfig;

/// URL builder for one site.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `/` or `/blog/`.
    root: String,
    /// `https://example.com` (scheme and host of base_url, no path).
    origin: String,
}

impl Urls {
    pub fn new(config: &SiteConfig) -> Self {
        let path_start = config
            .base_url
            .find("://")
            .map(|i| i + 3)
            .and_then(|start| config.base_url[start..].find('/').map(|p| start + p))
            .unwrap_or(config.base_url.len());
        Urls {
            root: config.root_path.clone(),
            origin: config.base_url[..path_start].to_owned(),
        }
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    /// A URL under the site root: `section("stories/x/")` -> `/blog/stories/x/`.
    pub fn at(&self, rel: &str) -> String {
        format!("{}{}", self.root, rel.trim_start_matches('/'))
    }

    pub fn story(&self, slug: &str) -> String {
        self.at(&format!("stories/{slug}/"))
    }
    /// The story archive: every story at `stories/`, a year at `stories/2011/`, a month at
    /// `stories/2011/07/`.
    pub fn archive(&self, year: Option<i16>, month: Option<u8>) -> String {
        use crate::model::{month_segment, year_segment};
        match (year, month) {
            (Some(y), Some(m)) => self.at(&format!(
                "stories/{}/{}/",
                year_segment(y),
                month_segment(m)
            )),
            (Some(y), None) => self.at(&format!("stories/{}/", year_segment(y))),
            _ => self.at("stories/"),
        }
    }
    pub fn company(&self, slug: &str) -> String {
        self.at(&format!("companies/{slug}/"))
    }
    pub fn author(&self, slug: &str) -> String {
        self.at(&format!("authors/{slug}/"))
    }
    pub fn term(&self, taxonomy: &str, slug: &str) -> String {
        self.at(&format!("{taxonomy}/{slug}/"))
    }
    pub fn series(&self, slug: &str) -> String {
        self.at(&format!("series/{slug}/"))
    }
    pub fn page(&self, slug: &str) -> String {
        self.at(&format!("pages/{slug}/"))
    }

    /// A reference from front matter: absolute URLs stay, `/x` is a site path, anything else is
    /// relative to `base` (a bundle file beside its story).
    pub fn resolve(&self, reference: &str, base: &str) -> String {
        if reference.contains("://") || reference.starts_with("mailto:") {
            reference.to_owned()
        } else if let Some(site_path) = reference.strip_prefix('/') {
            self.at(site_path)
        } else {
            format!("{base}{reference}")
        }
    }

    /// The absolute URL of a root-relative one.
    pub fn permalink(&self, url: &str) -> String {
        if url.contains("://") {
            url.to_owned()
        } else {
            format!("{}{}", self.origin, url)
        }
    }

    /// The file a page URL is written to, relative to the output root (`stories/x/index.html`).
    pub fn output_path(&self, url: &str) -> String {
        let rel = url
            .strip_prefix(self.root.as_str())
            .unwrap_or(url)
            .trim_start_matches('/');
        if rel.is_empty() {
            "index.html".to_owned()
        } else if rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str, root: &str) -> Urls {
        Urls {
            root: root.into(),
            origin: base.into(),
        }
    }

    #[test]
    fn builds_urls_and_paths_under_a_sub_folder() {
        let u = urls("https://e.com", "/blog/");
        assert_eq!(u.story("a"), "/blog/stories/a/");
        assert_eq!(u.permalink(&u.story("a")), "https://e.com/blog/stories/a/");
        assert_eq!(u.output_path("/blog/stories/a/"), "stories/a/index.html");
        assert_eq!(u.output_path("/blog/"), "index.html");
        assert_eq!(u.archive(None, None), "/blog/stories/");
        assert_eq!(u.archive(Some(2011), None), "/blog/stories/2011/");
        assert_eq!(u.archive(Some(987), Some(7)), "/blog/stories/0987/07/");
        assert_eq!(u.resolve("/logo.svg", "/blog/stories/a/"), "/blog/logo.svg");
        assert_eq!(
            u.resolve("shop.jpg", "/blog/stories/a/"),
            "/blog/stories/a/shop.jpg"
        );
        assert_eq!(u.resolve("https://x.org/p.png", "/"), "https://x.org/p.png");
    }
}
