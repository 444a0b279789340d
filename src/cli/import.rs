//! `rave import wordpress`: flags, the progress line on a terminal, and the printed report.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::exit;
use crate::import::{ImportError, ImportOptions, Progress, import_wordpress};
use crate::style::Style;

/// Flags of `rave import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

/// Where the content comes from.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Import a WordPress export (Tools > Export): posts, pages, authors, comments, photos.
    Wordpress(WordpressArgs),
}

/// Flags of `rave import wordpress`.
#[derive(Debug, Args)]
pub struct WordpressArgs {
    /// The export file WordPress wrote (WXR 1.0 to 1.2).
    #[arg(value_name = "EXPORT.xml")]
    pub export: PathBuf,
    /// The site to import into; a missing site is created.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// A local copy of the blog's wp-content/uploads folder, to copy the photos from.
    #[arg(long, value_name = "DIR")]
    pub uploads: Option<PathBuf>,
    /// Read the export and print the report, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace files this import wrote before (files without its mark are never replaced).
    #[arg(long)]
    pub force: bool,
}

pub(super) fn import(args: ImportArgs) -> anyhow::Result<u8> {
    let ImportSource::Wordpress(args) = args.source;
    if let Some(uploads) = &args.uploads
        && !uploads.is_dir()
    {
        crate::console::errln!(
            "{} --uploads {} is not a folder\n  = help: pass a copy of the blog's wp-content/uploads folder",
            Style::stderr().error_label(),
            uploads.display()
        );
        return Ok(exit::USAGE);
    }
    let options = ImportOptions {
        export: args.export.clone(),
        root: args.root.clone(),
        uploads: args.uploads.clone(),
        dry_run: args.dry_run,
        force: args.force,
    };
    let on_terminal = std::io::stderr().is_terminal();
    let mut shown = false;
    let mut progress = |p: Progress| {
        if on_terminal && p.total > 0 {
            shown = true;
            let percent = p.read.saturating_mul(100) / p.total;
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rImporting: pass {} of 2, {percent}%", p.pass);
            let _ = err.flush();
        }
    };
    let outcome = import_wordpress(&options, &mut progress);
    if shown {
        crate::console::err!("\r\x1b[2K");
    }
    match outcome {
        Ok(report) => {
            let mut out = crate::console::stdout();
            out.write_all(report.to_markdown().as_bytes())?;
            Ok(exit::SUCCESS)
        }
        Err(ImportError::Export(e)) => {
            crate::console::errln!(
                "{} {}: {e}\n  = help: nothing was written; export again from WordPress (Tools > Export), or fix the file at that place",
                Style::stderr().error_label(),
                args.export.display()
            );
            Ok(exit::CONTENT)
        }
        Err(ImportError::Io(e)) => Err(anyhow::anyhow!(e)),
    }
}
