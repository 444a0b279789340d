//! Finds and reads the theme: `themes/<name>/` of the site, else the built-in default theme,
//! with the site's own `templates/` overriding theme templates file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::i18n::CatalogueFile;
use crate::links;

use super::walk::{each_site_file, rel};
use super::{StaticFile, safe_relative, walk_static};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// The built-in default theme's files, `(path inside the theme, bytes)`, sorted by path.
pub fn default_theme_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::DEFAULT_THEME
}

/// A template's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    pub text: String,
    /// Shown in errors: a path relative to the site, or `(built-in default theme)/<name>`.
    pub origin: PathBuf,
}

/// A static file of the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeAsset {
    File(StaticFile),
    Embedded {
        destination: String,
        bytes: &'static [u8],
    },
}

impl ThemeAsset {
    pub fn destination(&self) -> &str {
        match self {
            ThemeAsset::File(f) => &f.destination,
            ThemeAsset::Embedded { destination, .. } => destination,
        }
    }
}

/// Everything the renderer needs from the theme.
#[derive(Debug, Clone)]
pub struct ThemeSources {
    pub name: String,
    /// By template name (`story.html`).
    pub templates: BTreeMap<String, TemplateSource>,
    pub assets: Vec<ThemeAsset>,
    /// The message catalogues, in layer order: built-in, then the theme's `i18n/`, then the
    /// site's `i18n/` (later files override earlier ones message by message).
    pub catalogues: Vec<CatalogueFile>,
}

/// Reads the theme `name` for the site at `root`.
pub fn load_theme(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Option<ThemeSources> {
    let theme_dir = root.join("themes").join(name);
    let mut theme = if links::is_real_dir(root, &root.join("themes"), diagnostics)
        && links::is_real_dir(root, &theme_dir, diagnostics)
    {
        let mut templates = BTreeMap::new();
        read_templates(
            root,
            &theme_dir.join("templates"),
            &mut templates,
            diagnostics,
        );
        let assets = walk_static(root, &theme_dir.join("static"), diagnostics)
            .into_iter()
            .map(ThemeAsset::File)
            .collect();
        let mut catalogues = builtin_catalogues();
        read_catalogues(root, &theme_dir.join("i18n"), &mut catalogues, diagnostics);
        ThemeSources {
            name: name.to_owned(),
            templates,
            assets,
            catalogues,
        }
    } else if name == "default" {
        builtin_default()
    } else {
        let known: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let help = match did_you_mean(name, known.iter().map(String::as_str).chain(["default"])) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "create themes/<name>/templates/, or use `theme: default`".to_owned(),
        };
        diagnostics.push(
            Diagnostic::error(
                "site.yaml",
                format!("theme `{name}` not found: there is no folder themes/{name}/"),
            )
            .with_help(help),
        );
        return None;
    };
    // Site-level overrides.
    read_templates(
        root,
        &root.join("templates"),
        &mut theme.templates,
        diagnostics,
    );
    read_catalogues(root, &root.join("i18n"), &mut theme.catalogues, diagnostics);
    Some(theme)
}

fn builtin_default() -> ThemeSources {
    let mut templates = BTreeMap::new();
    let mut assets = Vec::new();
    for (path, bytes) in default_theme_files() {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.insert(
                name.to_owned(),
                TemplateSource {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    origin: PathBuf::from(format!("(built-in default theme)/{path}")),
                },
            );
        } else if let Some(destination) = path.strip_prefix("static/") {
            assets.push(ThemeAsset::Embedded {
                destination: destination.to_owned(),
                bytes,
            });
        }
    }
    ThemeSources {
        name: "default".into(),
        templates,
        assets,
        catalogues: builtin_catalogues(),
    }
}

/// The built-in catalogues (the default theme's `i18n/*.ftl`), every theme's base layer.
pub fn builtin_catalogues() -> Vec<CatalogueFile> {
    default_theme_files()
        .iter()
        .filter_map(|(path, bytes)| {
            let language = path.strip_prefix("i18n/")?.strip_suffix(".ftl")?;
            Some(CatalogueFile {
                language: language.to_owned(),
                text: String::from_utf8_lossy(bytes).into_owned(),
                origin: PathBuf::from(format!("(built-in default theme)/{path}")),
            })
        })
        .collect()
}

/// Appends the `<lang>.ftl` files of `dir` (when it exists) to `catalogues`, by name.
fn read_catalogues(
    root: &Path,
    dir: &Path,
    catalogues: &mut Vec<CatalogueFile>,
    diagnostics: &mut Diagnostics,
) {
    if !dir.exists() {
        return;
    }
    let mut files = BTreeMap::new();
    read_templates(root, dir, &mut files, diagnostics);
    for (name, source) in files {
        match name.strip_suffix(".ftl") {
            Some(language) if !language.contains('/') => catalogues.push(CatalogueFile {
                language: language.to_owned(),
                text: source.text,
                origin: source.origin,
            }),
            _ => diagnostics.push(
                Diagnostic::warning(source.origin, "not a catalogue: left out")
                    .with_help("name catalogues `i18n/<language>.ftl`, such as `i18n/de.ftl`"),
            ),
        }
    }
}

fn read_templates(
    root: &Path,
    dir: &Path,
    templates: &mut BTreeMap<String, TemplateSource>,
    diagnostics: &mut Diagnostics,
) {
    each_site_file(root, dir, diagnostics, |entry, diagnostics| {
        let Some(name) = entry.path().strip_prefix(dir).ok().and_then(safe_relative) else {
            return;
        };
        match links::read_real_file(entry.path()) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    templates.insert(
                        name,
                        TemplateSource {
                            text,
                            origin: rel(root, entry.path()),
                        },
                    );
                }
                Err(_) => diagnostics.push(
                    Diagnostic::error(rel(root, entry.path()), "template is not valid UTF-8")
                        .with_help("save the template with UTF-8 encoding"),
                ),
            },
            Err(e) => diagnostics.push(Diagnostic::error(
                rel(root, entry.path()),
                format!("cannot read template: {e}"),
            )),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::is_ignored_name;

    #[test]
    fn builtin_theme_matches_the_themes_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_type().is_file() && !is_ignored_name(&e.file_name().to_string_lossy())
            })
            .filter_map(|e| e.path().strip_prefix(&dir).ok().and_then(safe_relative))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = default_theme_files()
            .iter()
            .map(|(p, _)| (*p).to_owned())
            .collect();
        assert_eq!(embedded, on_disk);
        for (path, bytes) in default_theme_files() {
            assert_eq!(
                std::fs::read(dir.join(path)).ok().as_deref(),
                Some(*bytes),
                "{path}"
            );
        }
    }

    #[test]
    fn builtin_default_has_the_page_templates() {
        let theme = builtin_default();
        for name in [
            "base.html",
            "index.html",
            "story.html",
            "company.html",
            "companies.html",
            "404.html",
        ] {
            assert!(theme.templates.contains_key(name), "{name}");
        }
        assert!(theme.assets.iter().any(|a| a.destination() == "style.css"));
    }
}
