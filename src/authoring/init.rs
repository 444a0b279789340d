//! `rave init`: a small starter site that builds at once with the built-in default theme: a
//! `site.yaml`, two short sample stories, a company profile, an author profile and `static/`.
//! No theme is written; the default theme is embedded in the binary.
//!
//! The sample content is fictional and written for the starter (the example site of the
//! repository is a different, larger blog).

use std::path::{Path, PathBuf};

use super::{AuthoringError, Created, create_new_file, one_line, shown, yaml_scalar};
use crate::config::parse_site_config;
use crate::diagnostics::Diagnostics;

/// What `rave init` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InitOptions {
    /// The folder to create the site in (made if missing).
    pub dir: PathBuf,
    pub title: Option<String>,
    pub base_url: Option<String>,
    /// The blog's language (`de`, `pt-BR`); English when not given.
    pub language: Option<String>,
    /// Add the starter files to a folder that is not empty (existing files are kept).
    pub force: bool,
}

/// What `rave init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InitOutcome {
    pub dir: PathBuf,
    /// Files written, relative to `dir`, in the order written.
    pub created: Vec<PathBuf>,
    /// Starter files that were there already and were left untouched (with `--force`).
    pub kept: Vec<PathBuf>,
}

/// The title of a starter site when none is given.
pub(crate) const DEFAULT_TITLE: &str = "Customer Stories";
/// The `base_url` of a starter site when none is given; set it before publishing.
pub(crate) const DEFAULT_BASE_URL: &str = "https://example.com";

/// Entries of a folder that do not make it "not empty" for `rave init`: a fresh repository.
const IGNORED_ENTRIES: [&str; 1] = [".git"];

/// How many entries of a non-empty folder the refusal lists.
const LISTED_ENTRIES: usize = 5;

/// Creates the starter site described by `options`.
pub(crate) fn init(options: &InitOptions) -> Result<InitOutcome, AuthoringError> {
    let dir = &options.dir;
    let title = one_line(options.title.as_deref().unwrap_or(DEFAULT_TITLE));
    let base_url = options
        .base_url
        .as_deref()
        .unwrap_or(DEFAULT_BASE_URL)
        .trim()
        .to_owned();
    let language = options.language.as_deref().unwrap_or("en").trim();
    let files = starter_files(&title, &base_url, language)?;

    if dir.exists() && !dir.is_dir() {
        return Err(AuthoringError::refused(
            format!("{} is a file, not a folder", shown(dir)),
            "name a new or empty folder: rave init my-stories",
        ));
    }
    if dir.is_dir() && !options.force {
        let entries = folder_entries(dir)?;
        if !entries.is_empty() {
            return Err(not_empty(dir, &entries));
        }
    }

    // Checked before anything is written, so that a refusal leaves no half-made site.
    let mut blocked: Vec<String> = files
        .iter()
        .filter_map(|(relative, _)| blocked_by(dir, Path::new(relative)))
        .collect();
    blocked.sort();
    blocked.dedup();
    if !blocked.is_empty() {
        return Err(AuthoringError::refused(
            format!(
                "cannot add the starter files to {}: {}",
                shown(dir),
                blocked.join("; ")
            ),
            "rave follows no symbolic links inside a site: replace each with a real folder (or \
             remove it), then run rave init again",
        ));
    }

    let mut outcome = InitOutcome {
        dir: dir.clone(),
        created: Vec::new(),
        kept: Vec::new(),
    };
    for (relative, text) in files {
        let path = dir.join(relative);
        match create_new_file(&path, text.as_bytes()) {
            Ok(Created::Written) => outcome.created.push(PathBuf::from(relative)),
            Ok(Created::AlreadyThere) => outcome.kept.push(PathBuf::from(relative)),
            Err(e) => {
                return Err(AuthoringError::io(format!(
                    "cannot write {}: {e}",
                    shown(&path)
                )));
            }
        }
    }
    Ok(outcome)
}

/// Why the starter file `relative` cannot be written inside `dir`: a symbolic link on the way
/// (dangling or not; writing through it would put the file elsewhere) or a file where a folder
/// must be.
fn blocked_by(dir: &Path, relative: &Path) -> Option<String> {
    let path = dir.join(relative);
    if let Some(link) = crate::links::link_on_the_way(dir, &path) {
        return Some(format!("`{}` is a symbolic link", shown(&link)));
    }
    path.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(dir) && *a != dir)
        .find(|a| std::fs::symlink_metadata(a).is_ok_and(|m| !m.is_dir()))
        .map(|a| format!("`{}` is a file, not a folder", shown(a)))
}

/// Names in `dir` that count for "not empty", sorted.
fn folder_entries(dir: &Path) -> Result<Vec<String>, AuthoringError> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| AuthoringError::io(format!("cannot read {}: {e}", shown(dir))))?;
    let mut names = Vec::new();
    for entry in read {
        let entry =
            entry.map_err(|e| AuthoringError::io(format!("cannot read {}: {e}", shown(dir))))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if IGNORED_ENTRIES.contains(&name.as_str()) {
            continue;
        }
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        names.push(if is_dir { format!("{name}/") } else { name });
    }
    names.sort();
    Ok(names)
}

fn not_empty(dir: &Path, entries: &[String]) -> AuthoringError {
    let mut listed: Vec<String> = entries
        .iter()
        .take(LISTED_ENTRIES)
        .map(|e| format!("`{e}`"))
        .collect();
    if entries.len() > LISTED_ENTRIES {
        listed.push(format!("and {} more", entries.len() - LISTED_ENTRIES));
    }
    let (count, noun) = match entries.len() {
        1 => (String::from("1"), "entry"),
        n => (n.to_string(), "entries"),
    };
    AuthoringError::refused(
        format!(
            "{} is not empty ({count} {noun}: {})",
            shown(dir),
            listed.join(", ")
        ),
        "choose a new or empty folder, or pass --force to add the starter files here; \
         existing files are never overwritten",
    )
}

/// The starter site's files, `(path relative to the site, text)`, in writing order. The
/// settings are checked by the build's own parser first, so a bad `--base-url` writes nothing.
pub(crate) fn starter_files(
    title: &str,
    base_url: &str,
    language: &str,
) -> Result<Vec<(&'static str, String)>, AuthoringError> {
    if language.parse::<unic_langid::LanguageIdentifier>().is_err() || language.is_empty() {
        return Err(AuthoringError::usage(
            format!("--language `{language}` is not a language tag"),
            "give a BCP 47 language tag: --language de, --language pt-BR",
        ));
    }
    if title.is_empty() {
        return Err(AuthoringError::usage(
            "the site title is empty",
            "give a title in quotes: --title \"Counter Tales\"",
        ));
    }
    let starter = super::starter::for_language(language);
    let site_yaml = site_yaml(
        &yaml_scalar(title)?,
        &yaml_scalar(base_url)?,
        &yaml_scalar(language)?,
        starter.description,
    );
    let mut diagnostics = Diagnostics::new();
    let config = parse_site_config(
        Path::new(crate::load::CONFIG_FILE),
        &site_yaml,
        None,
        &mut diagnostics,
    );
    if let Some(d) = diagnostics.iter().find(|d| d.is_error()).cloned() {
        let message = if d.message.contains("base_url") {
            format!("--base-url `{base_url}` is not an absolute http(s) URL")
        } else {
            d.message
        };
        return Err(AuthoringError::usage(message, d.help.unwrap_or_default()));
    }
    debug_assert!(config.is_some());
    let mut files = vec![("site.yaml", site_yaml)];
    files.extend(starter.files.map(|(path, text)| (path, text.to_owned())));
    files.push(("static/favicon.svg", FAVICON.to_owned()));
    files.push((".gitignore", GITIGNORE.to_owned()));
    Ok(files)
}

/// `site.yaml`, with the title and base URL already written as YAML scalars.
fn site_yaml(title: &str, base_url: &str, language: &str, description: &str) -> String {
    format!(
        r#"# The blog's settings. Every key is explained in rave's docs/content.md.
title: {title}
# Where the site is published; links, feeds and the sitemap are made from it.
# Set it before you upload: https://your.domain, or https://your.domain/blog
base_url: {base_url}
description: {description}
# The readers' language: the theme's words, dates and numbers (en, de, fr, es, nl, pt
# are built in; add i18n/<language>.ftl for others or to change any wording).
language: {language}
# Stories that name no `author:` are credited to this name (or author profile slug).
# author: Your Name
# How grades are shown: grade (A+ ... F), stars (★★★★½) or percent.
rating_display: grade
stories_per_page: 10
"#
    )
}

/// The default theme's icon, as a file of the site's own to change.
const FAVICON: &str = include_str!("../../themes/default/static/favicon.svg");

const GITIGNORE: &str = "# What `rave build` writes: the built site, and its staging and lock files.\n\
/public/\n\
/.public.rave-*\n\
# Processed photos, kept between builds; safe to delete.\n\
/.rave-cache/\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{BuildOptions, build_in_memory};

    fn options(dir: &Path) -> InitOptions {
        InitOptions {
            dir: dir.to_path_buf(),
            title: None,
            base_url: None,
            language: None,
            force: false,
        }
    }

    #[test]
    fn the_starter_site_builds_with_no_warnings() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("new-site");
        let outcome = init(&options(&dir)).expect("init");
        assert_eq!(outcome.created.len(), 7);
        assert!(outcome.kept.is_empty());
        assert!(
            !dir.join("themes").exists(),
            "the default theme is built in"
        );
        let mut build = BuildOptions::new(&dir);
        build.now = "2024-01-01T00:00:00Z".parse().expect("now");
        let (pages, diagnostics) = build_in_memory(&build)
            .unwrap_or_else(|d| panic!("the starter site builds:\n{}", d.render()));
        assert!(diagnostics.is_empty(), "{}", diagnostics.render());
        assert!(pages.contains_key("companies/pebble-lane-bakery/index.html"));
        assert!(pages.contains_key("companies/gullwing-rail/index.html"));
    }

    #[test]
    fn a_german_starter_site_speaks_german() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("neu");
        let mut options = options(&dir);
        options.language = Some("de".into());
        init(&options).expect("init");
        let mut build = BuildOptions::new(&dir);
        build.now = "2024-01-01T00:00:00Z".parse().expect("now");
        let (pages, diagnostics) = build_in_memory(&build)
            .unwrap_or_else(|d| panic!("the starter site builds:\n{}", d.render()));
        assert!(diagnostics.is_empty(), "{}", diagnostics.render());
        let home = String::from_utf8_lossy(&pages["index.html"]).into_owned();
        assert!(home.contains("<html lang=\"de\" dir=\"ltr\">"), "{home}");
        assert!(home.contains("Neueste Geschichten"), "{home}");
        // The starter stories, company and writer are German too.
        assert!(home.contains("Geburtstagskuchen"), "{home}");
        assert!(home.contains("Geschichten über Kundenservice"), "{home}");
        let company = String::from_utf8_lossy(&pages["companies/backerei-kieselweg/index.html"]);
        assert!(company.contains("Bäckerei im Viertel"), "{company}");
        assert!(!pages.contains_key("companies/pebble-lane-bakery/index.html"));
    }

    #[test]
    fn title_and_base_url_are_quoted_and_checked() {
        let files = starter_files(
            "Tales: #1 \"of\" the counter",
            "https://example.org/blog",
            "en",
        )
        .expect("files");
        let mut d = Diagnostics::new();
        let config = parse_site_config(Path::new("site.yaml"), &files[0].1, None, &mut d)
            .expect("site.yaml parses");
        assert_eq!(config.title, "Tales: #1 \"of\" the counter");
        assert_eq!(config.root_path, "/blog/");
        let e = starter_files("T", "example.org", "en").expect_err("not absolute");
        assert_eq!(e.kind, super::super::ErrorKind::Usage);
        assert!(e.message.contains("--base-url"), "{}", e.message);
        assert!(starter_files("  ", DEFAULT_BASE_URL, "en").is_err());
        let e = starter_files("T", DEFAULT_BASE_URL, "deutsch!").expect_err("not a tag");
        assert!(e.message.contains("--language"), "{}", e.message);
    }

    #[test]
    fn a_non_empty_folder_is_refused_with_what_is_in_it() {
        let tmp = tempfile::tempdir().expect("tmp");
        for name in ["a", "b", "c", "d", "e", "f", "g"] {
            std::fs::write(tmp.path().join(name), name).expect("write");
        }
        std::fs::create_dir(tmp.path().join(".git")).expect("mkdir");
        let e = init(&options(tmp.path())).expect_err("refused");
        assert_eq!(e.kind, super::super::ErrorKind::Refused);
        assert!(
            e.message
                .ends_with("is not empty (7 entries: `a`, `b`, `c`, `d`, `e`, and 2 more)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_fresh_repository_counts_as_empty() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::create_dir(tmp.path().join(".git")).expect("mkdir");
        init(&options(tmp.path())).expect("init");
    }

    #[test]
    fn force_keeps_existing_files() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::write(tmp.path().join("site.yaml"), "mine").expect("write");
        let mut o = options(tmp.path());
        o.force = true;
        let outcome = init(&o).expect("init");
        assert_eq!(outcome.kept, [PathBuf::from("site.yaml")]);
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("site.yaml")).expect("read"),
            "mine"
        );
    }
}
