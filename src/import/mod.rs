//! `rave import wordpress`: a WordPress export (WXR) into a rave site: stories (a bundle per
//! story with photos), plain pages, author profiles, comments with their threads, and a report.
//!
//! Two passes over the export, each reading one item at a time so memory stays flat: the first
//! indexes attachments, authors and slugs (small records); the second converts and writes each
//! post and page. Nothing here prints: the command line shows the report.

mod convert;
mod files;
mod grading;
mod html_markdown;
mod photos;
mod report;
mod wordpress_text;
mod wxr;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub(crate) use report::{ImportReport, REPORT_FILE};
pub(crate) use wxr::WxrError;

use photos::Attachments;
use wxr::{Item, Record, WxrReader};

/// What `rave import wordpress` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImportOptions {
    pub export: PathBuf,
    pub root: PathBuf,
    pub uploads: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
}

/// Why the import stopped.
#[derive(Debug)]
pub(crate) enum ImportError {
    /// The export cannot be read (or is not one).
    Export(WxrError),
    /// Writing the site failed.
    Io(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Export(e) => write!(f, "{e}"),
            ImportError::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ImportError {}

/// Progress of a long import: bytes of the export read in this pass, out of its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    pub pass: u8,
    pub read: u64,
    pub total: u64,
}

/// What the first pass learns.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Author login -> display name.
    pub authors: BTreeMap<String, String>,
    pub attachments: Attachments,
    /// Post or page id -> its slug, collisions resolved.
    pub slugs: BTreeMap<u64, String>,
    pub channel_title: String,
    pub channel_link: String,
}

/// Runs the import.
pub(crate) fn import_wordpress(
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let total = std::fs::metadata(&options.export)
        .map(|m| m.len())
        .map_err(|e| ImportError::Io(format!("cannot read {}: {e}", options.export.display())))?;
    let mut report = ImportReport {
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    let index = first_pass(options, total, progress, &mut report)?;
    if !options.dry_run {
        ensure_site(&options.root, &index)?;
    }
    let profiles = company_profiles(&options.root);
    let writer = files::Writer {
        root: options.root.clone(),
        dry_run: options.dry_run,
        force: options.force,
    };
    let mut converter = convert::Converter::new(&index, options, &profiles, &writer);
    let mut reader = WxrReader::open(&options.export).map_err(ImportError::Export)?;
    let mut since_progress = 0u64;
    while let Some(record) = reader.next_record().map_err(ImportError::Export)? {
        if let Record::Item(item) = record {
            converter.item(&item, &mut report)?;
        }
        report_progress(&reader, 2, total, &mut since_progress, progress);
    }
    converter.finish(&mut report)?;
    if !options.dry_run {
        let text = report.to_markdown();
        std::fs::write(options.root.join(REPORT_FILE), text)
            .map_err(|e| ImportError::Io(format!("cannot write {REPORT_FILE}: {e}")))?;
    }
    Ok(report)
}

/// Authors, attachments and slugs, from one read of the export.
fn first_pass(
    options: &ImportOptions,
    total: u64,
    progress: &mut dyn FnMut(Progress),
    report: &mut ImportReport,
) -> Result<Index, ImportError> {
    let mut reader = WxrReader::open(&options.export).map_err(ImportError::Export)?;
    let mut index = Index::default();
    // (kind, wanted slug, id): resolved once all are known.
    let mut wanted: Vec<(&'static str, String, u64)> = Vec::new();
    let mut since_progress = 0u64;
    while let Some(record) = reader.next_record().map_err(ImportError::Export)? {
        match record {
            Record::Author(author) => {
                let name = author.display_name.trim();
                if !author.login.is_empty() && !name.is_empty() {
                    index.authors.insert(author.login, name.to_owned());
                }
            }
            Record::Item(item) => match item.post_type.as_str() {
                "attachment" => index.attachments.add(&item),
                "post" | "page" => {
                    if let Ok(id) = item.id.parse::<u64>() {
                        let kind = if item.post_type == "post" {
                            "post"
                        } else {
                            "page"
                        };
                        wanted.push((kind, wanted_slug(&item, id), id));
                    }
                }
                _ => {}
            },
            Record::Category(_) | Record::Tag(_) => {}
        }
        report_progress(&reader, 1, total, &mut since_progress, progress);
    }
    index.channel_title = reader.channel().title.trim().to_owned();
    index.channel_link = reader.channel().link.trim().to_owned();
    // The lowest id keeps a slug; later posts get -2, -3 ...
    wanted.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
    let mut taken: BTreeSet<(&str, String)> = BTreeSet::new();
    for (kind, slug, id) in wanted {
        let mut candidate = slug.clone();
        let mut n = 2;
        while taken.contains(&(kind, candidate.clone())) {
            candidate = format!("{slug}-{n}");
            n += 1;
        }
        if candidate != slug {
            report.renamed_slugs += 1;
        }
        taken.insert((kind, candidate.clone()));
        index.slugs.insert(id, candidate);
    }
    Ok(index)
}

/// Tells `progress` how far a pass is, every few MB.
fn report_progress(
    reader: &WxrReader,
    pass: u8,
    total: u64,
    last: &mut u64,
    progress: &mut dyn FnMut(Progress),
) {
    let read = reader.position();
    if read - *last > 4 * 1024 * 1024 {
        *last = read;
        progress(Progress { pass, read, total });
    }
}

/// The slug a post asks for: its `post_name` percent-decoded, else its title, else its id.
fn wanted_slug(item: &Item, id: u64) -> String {
    let decoded = percent_encoding::percent_decode_str(item.name.trim()).decode_utf8_lossy();
    let slug = crate::slug::slugify(&decoded);
    if !slug.is_empty() {
        return slug;
    }
    let slug = crate::slug::slugify(&item.title);
    if slug.is_empty() {
        format!("post-{id}")
    } else {
        slug
    }
}

/// A missing site gets a `site.yaml` as `rave init` writes it, with the blog's title and
/// address (the starter's sample stories are left out: the import brings the content).
fn ensure_site(root: &Path, index: &Index) -> Result<(), ImportError> {
    if root.join(crate::load::CONFIG_FILE).exists() {
        return Ok(());
    }
    let title = if index.channel_title.is_empty() {
        crate::authoring::init::DEFAULT_TITLE
    } else {
        &index.channel_title
    };
    let base_url = if index.channel_link.starts_with("http") {
        index.channel_link.as_str()
    } else {
        crate::authoring::init::DEFAULT_BASE_URL
    };
    let files = crate::authoring::init::starter_files(title, base_url, "en")
        .or_else(|_| {
            crate::authoring::init::starter_files(
                title,
                crate::authoring::init::DEFAULT_BASE_URL,
                "en",
            )
        })
        .map_err(|e| ImportError::Io(e.message))?;
    for (rel, text) in files {
        if rel == crate::load::CONFIG_FILE || rel.starts_with("static/") {
            crate::authoring::create_new_file(&root.join(rel), text.as_bytes())
                .map_err(|e| ImportError::Io(format!("cannot write {rel}: {e}")))?;
        }
    }
    Ok(())
}

/// Slugs of the site's company profiles (`content/companies/<slug>.md`).
fn company_profiles(root: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(root.join("content/companies")) else {
        return BTreeSet::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").map(str::to_owned)
        })
        .collect()
}
