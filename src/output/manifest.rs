//! The output manifest: every file of a built site by output path, with where its bytes come
//! from (a page generated in memory, or a file copied as it is). It holds the one rule of which
//! file is published when several claim a path: a site file (`static/`, a story bundle) over a
//! theme file, and a generated page over a theme file. A page on a site file's path, or two site
//! files of one path, are content errors, reported before anything is written.
//!
//! [`Staging`](super::Staging) (a full build) writes [`Manifest::copying`]'s files first and the
//! pages after them, as they are rendered, so that a page replaces a theme file there exactly as
//! [`Manifest::add_pages`] does for a build kept in memory and [`LiveOutput`](super::LiveOutput).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::load::StaticFile;
use crate::load::theme::ThemeAsset;

/// Where a copied file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopySource {
    /// A file of the site (static/ or a story bundle) or of a theme folder.
    File(PathBuf),
    /// A file of the built-in default theme.
    Embedded(&'static [u8]),
}

impl CopySource {
    /// The bytes to publish (a source file is read without following links out of the site).
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            CopySource::File(path) => crate::links::read_real_file(path),
            CopySource::Embedded(bytes) => Ok(bytes.to_vec()),
        }
    }
}

/// Every file of a built site: generated pages and files copied as they are, by output path.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub pages: BTreeMap<String, Arc<[u8]>>,
    pub copies: BTreeMap<String, CopySource>,
}

impl Manifest {
    /// The files copied as they are: the theme's static files, and the site's, which win over a
    /// theme file of the same path.
    pub fn copying(theme_assets: &[ThemeAsset], site_files: &[StaticFile]) -> Manifest {
        let mut copies = BTreeMap::new();
        for asset in theme_assets {
            let source = match asset {
                ThemeAsset::File(f) => CopySource::File(f.source.clone()),
                ThemeAsset::Embedded { bytes, .. } => CopySource::Embedded(bytes),
            };
            copies.insert(asset.destination().to_owned(), source);
        }
        for f in site_files {
            copies.insert(f.destination.clone(), CopySource::File(f.source.clone()));
        }
        Manifest {
            pages: BTreeMap::new(),
            copies,
        }
    }

    /// Adds generated pages; a page replaces the theme file of its path.
    pub fn add_pages(&mut self, pages: BTreeMap<String, Arc<[u8]>>) {
        for path in pages.keys() {
            self.copies.remove(path);
        }
        self.pages.extend(pages);
    }

    /// The bytes at an output path (`stories/x/index.html`), reading copied files from disk.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        if let Some(bytes) = self.pages.get(path) {
            return Some(bytes.to_vec());
        }
        self.copies.get(path)?.read().ok()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.pages.contains_key(path) || self.copies.contains_key(path)
    }

    /// Every output path with its bytes, sorted (for comparisons in tests).
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.pages
            .keys()
            .chain(self.copies.keys())
            .filter_map(|p| Some((p.clone(), self.read(p)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_file(destination: &str, source: &str) -> ThemeAsset {
        ThemeAsset::File(site_file(destination, source))
    }

    fn site_file(destination: &str, source: &str) -> StaticFile {
        StaticFile {
            source: PathBuf::from(source),
            display: PathBuf::from(source),
            destination: destination.into(),
        }
    }

    #[test]
    fn a_site_file_wins_over_a_theme_file_and_a_page_over_both_kinds_of_copy() {
        let mut manifest = Manifest::copying(
            &[
                theme_file("style.css", "theme/style.css"),
                theme_file("logo.svg", "theme/logo.svg"),
                ThemeAsset::Embedded {
                    destination: "search.js".into(),
                    bytes: b"js",
                },
            ],
            &[site_file("style.css", "static/style.css")],
        );
        assert_eq!(
            manifest.copies["style.css"],
            CopySource::File("static/style.css".into())
        );
        assert_eq!(manifest.pages.len() + manifest.copies.len(), 3);
        manifest.add_pages(BTreeMap::from([(
            "logo.svg".to_owned(),
            Arc::from(&b"<svg/>"[..]),
        )]));
        assert!(!manifest.copies.contains_key("logo.svg"));
        assert_eq!(manifest.read("logo.svg").as_deref(), Some(&b"<svg/>"[..]));
        assert_eq!(manifest.read("search.js").as_deref(), Some(&b"js"[..]));
        assert_eq!(manifest.pages.len() + manifest.copies.len(), 3);
    }
}
