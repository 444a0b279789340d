//! The walk: finds content files (stories, bundles, profiles, series, pages) and static files,
//! skipping editor leftovers and anything that is not a harmless path.

use std::path::{Path, PathBuf};

use super::frontmatter::SplitError;

use super::inputs::*;
use super::{COMMENTS_SUFFIX, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links;
use crate::slug;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Story,
    Company,
    Author,
    Series,
    Page,
}

impl Kind {
    pub(super) fn folder(self) -> &'static str {
        match self {
            Kind::Story => "stories",
            Kind::Company => "companies",
            Kind::Author => "authors",
            Kind::Series => "series",
            Kind::Page => "pages",
        }
    }
}

/// One content file found by the walk.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) kind: Kind,
    pub(super) path: PathBuf,
    pub(super) rel: PathBuf,
    pub(super) bundle_dir: Option<PathBuf>,
    pub(super) assets: Vec<PathBuf>,
    /// `<story>.comments.yaml` beside the story, if any.
    pub(super) comments_file: Option<PathBuf>,
}

/// True for names editors and systems leave behind, never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || name == "Thumbs.db"
}

pub(super) fn walk_content(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let mut found = Vec::new();
    let content = root.join(CONTENT_DIR);
    if std::fs::symlink_metadata(&content).is_err() {
        diagnostics.push(
            Diagnostic::warning(CONTENT_DIR, "no content/ folder: the site has no stories")
                .with_help("put stories in content/stories/, or point --root at the site's folder"),
        );
        return found;
    }
    if !links::is_real_dir(root, &content, diagnostics) {
        return found;
    }
    for kind in [
        Kind::Story,
        Kind::Company,
        Kind::Author,
        Kind::Series,
        Kind::Page,
    ] {
        let dir = root.join(CONTENT_DIR).join(kind.folder());
        if !links::is_real_dir(root, &dir, diagnostics) {
            continue;
        }
        let mut entries = Vec::new();
        let walker = site_walker(&dir);
        for entry in walker {
            match entry {
                Ok(e) => entries.push(e),
                Err(e) => {
                    let path = e
                        .path()
                        .map(|p| rel(root, p))
                        .unwrap_or_else(|| rel(root, &dir));
                    diagnostics.push(Diagnostic::error(path, format!("cannot read: {e}")));
                }
            }
        }
        let mut symlinks = Vec::new();
        let mut files = Vec::new();
        for e in entries {
            if e.path_is_symlink() {
                symlinks.push(e.path().to_path_buf());
            } else if e.file_type().is_file() {
                files.push(e.path().to_path_buf());
            }
        }
        for link in symlinks {
            diagnostics.push(links::not_followed(root, &link));
        }
        if kind == Kind::Story {
            found.extend(group_story_files(root, &dir, files, diagnostics));
        } else {
            for path in files {
                if path.extension().is_some_and(|e| e == "md") {
                    found.push(Found {
                        kind,
                        rel: rel(root, &path),
                        path,
                        bundle_dir: None,
                        assets: Vec::new(),
                        comments_file: None,
                    });
                } else if path.parent() == Some(dir.as_path()) || kind != Kind::Story {
                    diagnostics.push(
                        Diagnostic::warning(rel(root, &path), "not a Markdown file; ignored")
                            .with_help(format!(
                                "files in content/{} must end in `.md`; put images in `static/`",
                                kind.folder()
                            )),
                    );
                }
            }
        }
    }
    found
}

/// Stories are `*.md` files, or folders with an `index.md` whose other files are its assets.
pub(super) fn group_story_files(
    root: &Path,
    stories_dir: &Path,
    files: Vec<PathBuf>,
    diagnostics: &mut Diagnostics,
) -> Vec<Found> {
    let bundles: Vec<PathBuf> = files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d != stories_dir)
        .collect();
    let bundle_of = |path: &Path| -> Option<&PathBuf> {
        // The innermost bundle folder containing the path.
        bundles
            .iter()
            .filter(|b| path.starts_with(b))
            .max_by_key(|b| b.components().count())
    };
    let mut found: Vec<Found> = Vec::new();
    let mut assets: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
    let mut sidecars: Vec<PathBuf> = Vec::new();
    for path in files {
        let is_md = path.extension().is_some_and(|e| e == "md");
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(COMMENTS_SUFFIX))
        {
            sidecars.push(path);
            continue;
        }
        match bundle_of(&path) {
            Some(bundle)
                if path.file_name().is_some_and(|n| n == "index.md")
                    && path.parent() == Some(bundle.as_path()) =>
            {
                found.push(Found {
                    kind: Kind::Story,
                    rel: rel(root, &path),
                    bundle_dir: Some(bundle.clone()),
                    path,
                    assets: Vec::new(),
                    comments_file: None,
                });
            }
            Some(bundle) => {
                if is_md {
                    diagnostics.push(
                        Diagnostic::warning(rel(root, &path), "Markdown file inside a story bundle; copied as a file, not built as a story")
                            .with_help("a bundle folder holds one story (`index.md`); move other stories out of it"),
                    );
                }
                if let Ok(inner) = path.strip_prefix(bundle) {
                    assets
                        .entry(bundle.clone())
                        .or_default()
                        .push(inner.to_path_buf());
                }
            }
            None if is_md => found.push(Found {
                kind: Kind::Story,
                rel: rel(root, &path),
                path,
                bundle_dir: None,
                assets: Vec::new(),
                comments_file: None,
            }),
            None => diagnostics.push(
                Diagnostic::warning(rel(root, &path), "not part of a story; ignored").with_help(
                    "images go beside a story's `index.md` in its own folder, or in `static/`",
                ),
            ),
        }
    }
    for f in &mut found {
        if let Some(list) = f.bundle_dir.as_ref().and_then(|b| assets.remove(b)) {
            f.assets = list;
        }
    }
    for sidecar in sidecars {
        let name = sidecar
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let story_file =
            sidecar.with_file_name(format!("{}.md", name.trim_end_matches(COMMENTS_SUFFIX)));
        match found.iter_mut().find(|f| f.path == story_file) {
            Some(f) => f.comments_file = Some(sidecar),
            None => diagnostics.push(
                Diagnostic::warning(
                    rel(root, &sidecar),
                    "comments file without a story beside it; ignored",
                )
                .with_help(format!(
                    "name it after its story: `{}` holds the comments of `<story>.md`",
                    COMMENTS_SUFFIX
                )),
            ),
        }
    }
    found
}

/// The entries below `dir` in name order, without following any symbolic link and without
/// the names editors and systems leave behind.
pub(super) fn site_walker(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
}

/// Calls `visit` with each file below `dir` (see [`site_walker`]), in name order. Entries that
/// cannot be read are errors and symbolic links warnings (neither is visited); a `dir` that is
/// not a real folder has no files.
pub(super) fn each_site_file(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Diagnostics,
    mut visit: impl FnMut(&walkdir::DirEntry, &mut Diagnostics),
) {
    if !links::is_real_dir(root, dir, diagnostics) {
        return;
    }
    for entry in site_walker(dir) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    rel(root, e.path().unwrap_or(dir)),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() {
            diagnostics.push(links::not_followed(root, entry.path()));
        } else if entry.file_type().is_file() {
            visit(&entry, diagnostics);
        }
    }
}

/// Lists the files of a static folder (site or theme) with their destinations.
pub fn walk_static(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let mut out = Vec::new();
    each_site_file(root, dir, diagnostics, |entry, diagnostics| {
        let Ok(inner) = entry.path().strip_prefix(dir) else {
            return;
        };
        match safe_relative(inner) {
            Some(destination) => out.push(StaticFile {
                source: entry.path().to_path_buf(),
                display: rel(root, entry.path()),
                destination,
            }),
            None => diagnostics.push(Diagnostic::warning(
                rel(root, entry.path()),
                "file name cannot be published (not valid UTF-8 or a reserved name); skipped",
            )),
        }
    });
    out
}

/// A relative path as a `/`-separated string, if every part is a harmless segment.
pub fn safe_relative(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::Normal(s) => {
                let s = s.to_str()?;
                if !slug::is_safe_segment(s) {
                    return None;
                }
                parts.push(s);
            }
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

pub(super) fn rel(root: &Path, path: &Path) -> PathBuf {
    crate::diagnostics::display_path(root, path)
}

pub(super) fn split_error(path: &Path, e: &SplitError) -> Diagnostic {
    Diagnostic::error(path, e.message.clone())
        .at(e.position)
        .with_help(e.help.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folders");
        std::fs::write(path, "x").expect("write a file");
    }

    /// `(path, is an error, message)` of each finding, paths relative to the site.
    fn findings(diagnostics: &Diagnostics) -> Vec<(String, bool, String)> {
        diagnostics
            .iter()
            .map(|d| {
                (
                    d.path.display().to_string(),
                    d.is_error(),
                    d.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn editor_and_system_leftovers_are_ignored() {
        for name in [
            ".a.md.swp",
            "a.md~",
            "4913",
            ".#a.md",
            "a.md___jb_tmp___",
            "Thumbs.db",
            ".DS_Store",
            "a.tmp",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["a.md", "index.md", "shop.jpg", "a.comments.yaml"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }

    #[test]
    fn only_harmless_relative_paths_are_published() {
        assert_eq!(
            safe_relative(Path::new("css/site.css")).as_deref(),
            Some("css/site.css")
        );
        for bad in ["", "../x", "/etc/passwd", "a/../b", "./a"] {
            assert_eq!(safe_relative(Path::new(bad)), None, "{bad}");
        }
    }

    #[test]
    fn stories_are_markdown_files_or_bundles_with_their_files_and_comments() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        for rel in [
            "content/stories/plain.md",
            "content/stories/plain.comments.yaml",
            "content/stories/orphan.comments.yaml",
            "content/stories/stray.jpg",
            "content/stories/.plain.md.swp",
            "content/stories/trip/index.md",
            "content/stories/trip/shop.jpg",
            "content/stories/trip/notes.md",
            "content/companies/acme.md",
            "content/companies/logo.png",
        ] {
            write(root, rel);
        }
        let mut diagnostics = Diagnostics::new();
        let found = walk_content(root, &mut diagnostics);
        let listed: Vec<(Kind, String, Option<PathBuf>, Vec<PathBuf>)> = found
            .iter()
            .map(|f| {
                (
                    f.kind,
                    f.rel.display().to_string(),
                    f.comments_file
                        .as_ref()
                        .map(|c| c.strip_prefix(root).expect("inside").to_path_buf()),
                    f.assets.clone(),
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                (
                    Kind::Story,
                    "content/stories/plain.md".to_owned(),
                    Some(PathBuf::from("content/stories/plain.comments.yaml")),
                    vec![],
                ),
                (
                    Kind::Story,
                    "content/stories/trip/index.md".to_owned(),
                    None,
                    vec![PathBuf::from("notes.md"), PathBuf::from("shop.jpg")],
                ),
                (
                    Kind::Company,
                    "content/companies/acme.md".to_owned(),
                    None,
                    vec![],
                ),
            ]
        );
        let mut warned = findings(&diagnostics);
        warned.sort();
        let warned: Vec<(&str, bool, &str)> = warned
            .iter()
            .map(|(p, e, m)| (p.as_str(), *e, m.split(';').next().unwrap_or("")))
            .collect();
        assert_eq!(
            warned,
            [
                ("content/companies/logo.png", false, "not a Markdown file"),
                (
                    "content/stories/orphan.comments.yaml",
                    false,
                    "comments file without a story beside it"
                ),
                ("content/stories/stray.jpg", false, "not part of a story"),
                (
                    "content/stories/trip/notes.md",
                    false,
                    "Markdown file inside a story bundle"
                ),
            ]
        );
    }

    #[test]
    fn a_site_without_content_warns_and_finds_nothing() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut diagnostics = Diagnostics::new();
        assert!(walk_content(tmp.path(), &mut diagnostics).is_empty());
        let found = findings(&diagnostics);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            !found[0].1 && found[0].2.contains("no content/ folder"),
            "{found:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn site_files_come_in_name_order_without_links_or_leftovers() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        for rel in [
            "static/b.css",
            "static/a/z.txt",
            "static/.hidden",
            "static/c.txt~",
        ] {
            write(root, rel);
        }
        std::os::unix::fs::symlink(root.join("static/b.css"), root.join("static/link.css"))
            .expect("link");
        let static_dir = root.join("static");
        let mut visited = Vec::new();
        let mut diagnostics = Diagnostics::new();
        each_site_file(root, &static_dir, &mut diagnostics, |entry, _| {
            visited.push(safe_relative(
                entry.path().strip_prefix(&static_dir).expect("inside"),
            ));
        });
        assert_eq!(
            visited,
            [Some("a/z.txt".to_owned()), Some("b.css".to_owned())]
        );
        let found = findings(&diagnostics);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0.ends_with("static/link.css") && !found[0].1,
            "the link is a warning: {found:?}"
        );
    }
}
