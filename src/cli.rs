//! The command line: argument types (clap) and what each command does. This is the application
//! edge: errors here are `anyhow`, content problems are printed as diagnostics.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

use crate::date::PostDate;
use crate::pipeline::{self, BuildOptions, BuildOutcome, BuildSummary};
use crate::report::{CompanySort, company_rows, format_table};
use crate::style::Style;

mod authoring;
mod import;
mod progress;

/// Exit codes, documented in the README.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// Content errors (the site has problems to fix).
    pub const CONTENT: u8 = 1;
    /// Usage errors (bad flags); clap uses 2 as well.
    pub const USAGE: u8 = 2;
    /// I/O or internal errors.
    pub const IO: u8 = 3;
}

/// rave builds a static blog of customer-service stories: story pages, a page per company with
/// its aggregate rating, authors, tags and series.
#[derive(Debug, Parser)]
#[command(name = "rave", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a starter site (site.yaml, sample stories and profiles) in a new or empty folder.
    Init(authoring::InitArgs),
    /// Write a new story, company or author profile, page or series with valid front matter.
    New(authoring::NewArgs),
    /// Check the site for errors and editorial problems, without writing anything.
    Check(authoring::CheckArgs),
    /// Build the site into its output folder (public/ by default).
    Build(BuildArgs),
    /// Show the company leaderboard: ratings, average grade, mean and ranked score.
    Companies(CompaniesArgs),
    /// Bring content from another blog engine into the site (WordPress).
    Import(import::ImportArgs),
    /// Serve the site locally, rebuild on every change and reload open pages.
    Serve(ServeArgs),
    /// Work with the theme: copy a built-in template into templates/ to change it.
    Theme(authoring::ThemeArgs),
    /// Print shell completions: rave completions bash > /etc/bash_completion.d/rave
    Completions(authoring::CompletionsArgs),
    /// Print rave's man page (roff): rave man > rave.1
    Man,
}

/// Flags of `rave serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding site.yaml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on. Anything but a loopback address exposes the preview to the
    /// network, and rave warns about it.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// The port to listen on; the next free one is used when it is taken.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Also answer requests that name the server NAME (a tunnel's or a LAN name; `.NAME` allows
    /// its subdomains too). Other names than 127.0.0.1, localhost, [::1] and the address
    /// listened on get 403, against DNS rebinding. Repeat for several names.
    #[arg(long, value_name = "NAME", value_parser = crate::serve::parse_allowed_host)]
    pub allow_host: Vec<String>,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include stories marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include stories dated after now.
    #[arg(long)]
    pub future: bool,
    /// The date-time the site treats as now (YYYY-MM-DD or RFC 3339), as `rave build --now`:
    /// stories dated after it are held back [default: $SOURCE_DATE_EPOCH, else the current time].
    #[arg(long, value_name = "DATE")]
    pub now: Option<String>,
    /// Poll for changes instead of using file system events (network drives, some containers).
    #[arg(long)]
    pub poll: bool,
    /// Print only errors and warnings.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Flags of `rave companies`.
#[derive(Debug, Args)]
pub struct CompaniesArgs {
    /// The site folder, holding site.yaml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Row order.
    #[arg(long, value_enum, default_value_t = CompanySort::Ranked)]
    pub sort: CompanySort,
    /// Show at most this many companies.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Include draft stories.
    #[arg(long)]
    pub drafts: bool,
}

/// Flags of `rave build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding site.yaml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include stories marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include stories dated after now.
    #[arg(long)]
    pub future: bool,
    /// Override site.yaml's base_url (e.g. for a preview deployment).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The date-time the build treats as now (YYYY-MM-DD or RFC 3339) [default: $SOURCE_DATE_EPOCH,
    /// else the current time].
    #[arg(long, value_name = "DATE")]
    pub now: Option<String>,
    /// Print only errors and warnings.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also print the time of each stage (load, model, templates, photos, markdown, render, write)
    #[arg(long, short, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Keep running and rebuild the output on every change, writing only files that changed.
    #[arg(long)]
    pub watch: bool,
    /// With --watch: poll for changes instead of using file system events.
    #[arg(long, requires = "watch")]
    pub poll: bool,
    /// Replace an output that holds published stories even when the site now has none.
    #[arg(long)]
    pub allow_empty: bool,
}

/// Runs rave with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let code = if e.is::<UsageError>() {
                exit::USAGE
            } else {
                exit::IO
            };
            let message = format!("{e:#}");
            crate::console::errln!(
                "{} {}",
                Style::stderr().error_label(),
                crate::style::visible(&message)
            );
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Companies(args) => companies(args),
        Command::Init(args) => authoring::init(args),
        Command::New(args) => authoring::new(args),
        Command::Check(args) => authoring::check(args),
        Command::Completions(args) => authoring::completions(args),
        Command::Man => authoring::man(),
        Command::Serve(args) => serve(args),
        Command::Import(args) => import::import(args),
        Command::Theme(args) => authoring::theme(args),
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<u8> {
    let mut options = BuildOptions::new(&args.root);
    options.drafts = args.drafts;
    options.future = args.future;
    options.now = resolve_now(args.now.as_deref())?;
    let serve_options = crate::serve::ServeOptions {
        interface: args.interface,
        port: args.port,
        poll: args.poll,
        open: args.open,
        allowed_hosts: args.allow_host,
    };
    crate::serve::run(options, serve_options, args.quiet)?;
    Ok(exit::SUCCESS)
}

fn companies(args: CompaniesArgs) -> anyhow::Result<u8> {
    let mut options = BuildOptions::new(&args.root);
    options.drafts = args.drafts;
    options.now = resolve_now(None)?;
    let (prepared, diagnostics) = match pipeline::prepare(&options) {
        Ok(p) => p,
        Err(diagnostics) => {
            crate::console::err!("{}", diagnostics.render_with(Style::stderr()));
            return Ok(exit::CONTENT);
        }
    };
    if !diagnostics.is_empty() {
        crate::console::err!("{}", diagnostics.render_with(Style::stderr()));
    }
    let rows = company_rows(&prepared.site, args.sort, args.limit);
    let mut out = crate::console::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        out.write_all(format_table(&rows).as_bytes())?;
    }
    Ok(exit::SUCCESS)
}

/// The build's "now": `--now`, else SOURCE_DATE_EPOCH (seconds), else the clock.
fn resolve_now(flag: Option<&str>) -> anyhow::Result<Timestamp> {
    if let Some(text) = flag {
        return PostDate::parse(text).map(|d| d.timestamp).map_err(|e| {
            UsageError(format!("--now: {e}\n  = help: {}", crate::date::DATE_HELP)).into()
        });
    }
    if let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let invalid = || {
            UsageError(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds since 1970 (got `{}`)",
                epoch.to_string_lossy()
            ))
        };
        let seconds: i64 = epoch
            .to_string_lossy()
            .trim()
            .parse()
            .map_err(|_| invalid())?;
        return Ok(Timestamp::from_second(seconds).map_err(|_| invalid())?);
    }
    Ok(Timestamp::now())
}

/// A usage error found after the flags were parsed (a `--now` that is no date): exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn build(args: BuildArgs) -> anyhow::Result<u8> {
    let root = args.root.clone();
    let options = BuildOptions {
        output: args
            .output
            .clone()
            .unwrap_or_else(|| pipeline::default_output(&root)),
        root,
        drafts: args.drafts,
        future: args.future,
        base_url: args.base_url.clone(),
        now: resolve_now(args.now.as_deref())?,
        allow_empty: args.allow_empty,
        process_photos: true,
    };
    if args.watch {
        return Ok(
            match crate::watch::watch_build(options, args.poll, args.quiet)? {
                crate::watch::WatchEnd::Interrupted => exit::SUCCESS,
                crate::watch::WatchEnd::EmptySiteRefused => exit::CONTENT,
            },
        );
    }
    // Said of a failed build: whether there was an output to leave untouched.
    let had_output = options.output.exists();
    let progress = progress::Progress::start("Building", !args.quiet);
    let outcome = pipeline::build(&options);
    progress.finish();
    match outcome? {
        BuildOutcome::Built(summary, diagnostics) => {
            if !diagnostics.is_empty() {
                crate::console::err!("{}", diagnostics.render_with(Style::stderr()));
            }
            if !args.quiet {
                print_summary(&summary);
            }
            if args.verbose {
                progress::print_timings(&summary);
            }
            Ok(exit::SUCCESS)
        }
        BuildOutcome::Failed(diagnostics) => {
            crate::console::err!("{}", diagnostics.render_with(Style::stderr()));
            let what = if had_output {
                "the previous output was left as it was"
            } else {
                "nothing was written"
            };
            crate::console::errln!("{} build failed; {what}", Style::stderr().error_label());
            Ok(exit::CONTENT)
        }
    }
}

fn print_summary(s: &BuildSummary) {
    let mut out = crate::console::stdout();
    let _ = writeln!(
        out,
        "Built {} {}, {} {}, {} {}: {} pages and {} files in {} ms -> {}",
        s.stories,
        if s.stories == 1 { "story" } else { "stories" },
        s.companies,
        if s.companies == 1 {
            "company"
        } else {
            "companies"
        },
        s.authors,
        if s.authors == 1 { "author" } else { "authors" },
        s.pages,
        s.files_copied,
        s.elapsed.as_millis(),
        s.output.display()
    );
    let photos = &s.photos;
    if photos.processed + photos.reused > 0 {
        let _ = writeln!(
            out,
            "Photos: {} processed, {} from the cache.",
            photos.processed, photos.reused
        );
    }
    if s.drafts_skipped > 0 {
        let _ = writeln!(
            out,
            "Left out {} draft(s); build with --drafts to include them.",
            s.drafts_skipped
        );
    }
    if s.future_skipped > 0 {
        let _ = writeln!(
            out,
            "Held back {} story(ies) dated in the future; build with --future to include them.",
            s.future_skipped
        );
    }
}
