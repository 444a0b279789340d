//! The authoring commands on the command line: `init`, `new`, `theme`, `check`, `completions`,
//! `man`.
//! Their work is done in [`crate::authoring`] and [`crate::check`]; this module parses flags
//! and prints.

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, CommandFactory, FromArgMatches, Subcommand};

use super::{Cli, exit, resolve_now};
use crate::authoring::eject::{builtin_templates, eject_template};
use crate::authoring::init::{InitOptions, init as init_site};
use crate::authoring::new::{
    MentionSpec, NewFile, NewStory, new_author, new_company, new_page, new_series, new_story,
};
use crate::authoring::{AuthoringError, ErrorKind, shown, story_date};
use crate::check::{CheckOptions, check as check_site, render_report};
use crate::style::Style;

/// Flags of `rave init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in; made if missing [default: the current folder].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The same as DIR.
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    pub root: Option<PathBuf>,
    /// The blog's name [default: "Customer Stories"].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Where the site will be published [default: https://example.com].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The readers' language, a BCP 47 tag such as `de` or `pt-BR` [default: en].
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// Add the starter files to a folder that is not empty; existing files are never overwritten.
    #[arg(long)]
    pub force: bool,
}

/// Flags of `rave new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
}

/// What `rave new` writes.
#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// Write content/stories/<slug>.md, dated today, and print its path.
    #[command(after_help = "Each --rating grades the --company before it:\n  \
        rave new story \"Two shops, one parcel\" --company \"Acme Stores\" --rating A --company \"Copperline Couriers\" --rating 2/5\n\
        A --company without a --rating is named without a grade.")]
    Story(NewStoryArgs),
    /// Write a company profile, content/companies/<slug>.md.
    Company(NewProfileArgs),
    /// Write an author profile, content/authors/<slug>.md.
    Author(NewProfileArgs),
    /// Write a page (about, contact ...), content/pages/<slug>.md, linked from the menu.
    Page(NewTitledArgs),
    /// Write a series' page, content/series/<slug>.md; stories join it with `series: <slug>`.
    Series(NewTitledArgs),
}

/// Flags of `rave new story`.
#[derive(Debug, Args)]
pub struct NewStoryArgs {
    /// The story's title.
    #[arg(value_name = "TITLE")]
    pub title: String,
    #[command(flatten)]
    pub mentions: MentionArgs,
    /// The author: an author profile's slug, or a plain name [default: site.yaml's `author`].
    #[arg(long, value_name = "SLUG")]
    pub author: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// A category (a word or phrase); repeat for several, the first being the main one.
    #[arg(long, value_name = "NAME")]
    pub category: Vec<String>,
    /// Mark the story `draft: true` (left out of builds without --drafts).
    #[arg(long)]
    pub draft: bool,
    /// The site folder, holding site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The date-time treated as now, for the story's date (YYYY-MM-DD or RFC 3339)
    /// [default: $SOURCE_DATE_EPOCH, else today].
    #[arg(long, value_name = "DATE")]
    pub now: Option<String>,
}

/// Flags of `rave new company` and `rave new author`.
#[derive(Debug, Args)]
pub struct NewProfileArgs {
    /// The name, as readers know it.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The site folder, holding site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Flags of `rave new page` and `rave new series`.
#[derive(Debug, Args)]
pub struct NewTitledArgs {
    /// The title, as readers see it; the file name is made from it.
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// The site folder, holding site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// The `--company NAME --rating R` pairs of `rave new story`, in command-line order: each
/// `--rating` grades the nearest `--company` before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentionArgs {
    pub mentions: Vec<MentionSpec>,
}

const COMPANY: &str = "company";
const RATING: &str = "rating";

impl FromArgMatches for MentionArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut args = MentionArgs::default();
        args.update_from_arg_matches(matches)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        let values = |id: &str| -> Vec<(usize, String)> {
            match (matches.indices_of(id), matches.get_many::<String>(id)) {
                (Some(indices), Some(values)) => indices.zip(values.cloned()).collect(),
                _ => Vec::new(),
            }
        };
        let mut all: Vec<(usize, bool, String)> = values(COMPANY)
            .into_iter()
            .map(|(i, v)| (i, true, v))
            .chain(values(RATING).into_iter().map(|(i, v)| (i, false, v)))
            .collect();
        all.sort_by_key(|(i, _, _)| *i);
        let mut mentions: Vec<MentionSpec> = Vec::new();
        for (_, is_company, value) in all {
            if is_company {
                mentions.push(MentionSpec {
                    name: value,
                    rating: None,
                });
                continue;
            }
            match mentions.last_mut() {
                Some(m) if m.rating.is_none() => m.rating = Some(value),
                Some(m) => {
                    return Err(usage_error(format!(
                        "--rating '{value}' follows --company '{}', which has a rating already ('{}'); each --rating grades the --company before it",
                        m.name,
                        m.rating.as_deref().unwrap_or_default()
                    )));
                }
                None => {
                    return Err(usage_error(format!(
                        "--rating '{value}' comes before any --company; write --company NAME --rating R"
                    )));
                }
            }
        }
        self.mentions = mentions;
        Ok(())
    }
}

fn usage_error(message: String) -> clap::Error {
    clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, message)
}

impl Args for MentionArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.arg(
            Arg::new(COMPANY)
                .long(COMPANY)
                .value_name("NAME")
                .action(ArgAction::Append)
                .help("A company the story is about; repeat for each company"),
        )
        .arg(
            Arg::new(RATING)
                .long(RATING)
                .value_name("R")
                .action(ArgAction::Append)
                .allow_hyphen_values(true)
                .help("The grade of the --company before it: A+ to F, 4/5, 4 stars, ★★★★☆, 8/10, 80%, or good/bad/ugly/mixed"),
        )
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Flags of `rave theme`.
#[derive(Debug, Args)]
pub struct ThemeArgs {
    #[command(subcommand)]
    pub action: ThemeAction,
}

/// What `rave theme` does.
#[derive(Debug, Subcommand)]
pub enum ThemeAction {
    /// Copy a template of the built-in default theme into the site's templates/, where it
    /// overrides the theme's own; without TEMPLATE, list the templates.
    #[command(
        after_help = "rave theme eject story.html   # then edit templates/story.html
        Never replaces a file; delete yours to eject it again. The view fields a template can use
        are in docs/themes.md."
    )]
    Eject(EjectArgs),
}

/// Flags of `rave theme eject`.
#[derive(Debug, Args)]
pub struct EjectArgs {
    /// The template to copy (`story.html` or `story`).
    #[arg(value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// The site folder, holding site.yaml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// `rave theme ...`.
pub(super) fn theme(args: ThemeArgs) -> anyhow::Result<u8> {
    let ThemeAction::Eject(args) = args.action;
    let mut out = crate::console::stdout();
    let Some(name) = args.template else {
        writeln!(out, "Templates of the built-in default theme:")?;
        for name in builtin_templates() {
            writeln!(out, "  {name}")?;
        }
        writeln!(
            out,
            "Copy one into templates/ to change it: rave theme eject story.html"
        )?;
        return Ok(exit::SUCCESS);
    };
    match eject_template(&args.root, &name) {
        Ok(path) => {
            writeln!(out, "{}", Style::stdout().bold(&shown(&path)))?;
            crate::console::errln!(
                "{} it overrides the theme's own from the next build; edit it there",
                Style::stderr().hint("note:")
            );
            Ok(exit::SUCCESS)
        }
        Err(e) => Ok(failed(&e)),
    }
}

/// Flags of `rave check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding site.yaml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
}

/// Flags of `rave completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Prints an authoring error on stderr and gives its exit code.
fn failed(e: &AuthoringError) -> u8 {
    let style = Style::stderr();
    let mut text = format!("{} {}\n", style.error_label(), e.message);
    if let Some(help) = &e.help {
        text.push_str(&format!("  = {} {help}\n", style.hint("help:")));
    }
    crate::console::err!("{text}");
    match e.kind {
        ErrorKind::Usage => exit::USAGE,
        ErrorKind::Refused => exit::CONTENT,
        ErrorKind::Io => exit::IO,
    }
}

/// `rave init`.
pub(super) fn init(args: InitArgs) -> anyhow::Result<u8> {
    let dir = args.dir.or(args.root).unwrap_or_else(|| PathBuf::from("."));
    let base_url_given = args.base_url.is_some();
    let options = InitOptions {
        dir: dir.clone(),
        title: args.title,
        base_url: args.base_url,
        language: args.language,
        force: args.force,
    };
    let outcome = match init_site(&options) {
        Ok(o) => o,
        Err(e) => return Ok(failed(&e)),
    };
    let style = Style::stdout();
    let mut out = crate::console::stdout();
    let place = if dir == std::path::Path::new(".") {
        "the current folder".to_owned()
    } else {
        style.bold(&shown(&dir))
    };
    writeln!(out, "{} a rave site in {place}:", style.success("Created"))?;
    for file in &outcome.created {
        writeln!(out, "  {}", style.bold(&file.display().to_string()))?;
    }
    if !outcome.kept.is_empty() {
        writeln!(out, "Kept the files that were there already:")?;
        for file in &outcome.kept {
            writeln!(out, "  {}", file.display())?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Next steps:")?;
    if dir != std::path::Path::new(".") {
        writeln!(out, "  cd {}", shell_word(&shown(&dir)))?;
    }
    writeln!(
        out,
        "  rave new story \"What happened\" --company \"Acme Stores\" --rating B"
    )?;
    writeln!(out, "  rave check")?;
    writeln!(out, "  rave build        # writes the site to public/")?;
    if Cli::command().find_subcommand("serve").is_some() {
        writeln!(out, "  rave serve        # preview it in your browser")?;
    } else {
        writeln!(out, "  then open public/index.html in your browser")?;
    }
    if !base_url_given {
        writeln!(
            out,
            "Set base_url in site.yaml to your site's address before you publish."
        )?;
    }
    Ok(exit::SUCCESS)
}

/// A folder name as typed in a shell: quoted when it has spaces or quotes.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `rave new ...`.
pub(super) fn new(args: NewArgs) -> anyhow::Result<u8> {
    let written = match args.kind {
        NewKind::Story(a) => {
            let date = match story_date(a.now.as_deref()) {
                Ok(d) => d,
                Err(e) => return Ok(failed(&e)),
            };
            let story = NewStory {
                title: a.title,
                date,
                mentions: a.mentions.mentions,
                author: a.author,
                tags: a.tags,
                categories: a.category,
                draft: a.draft,
            };
            new_story(&a.root, &story)
        }
        NewKind::Company(a) => new_company(&a.root, &a.name),
        NewKind::Author(a) => new_author(&a.root, &a.name),
        NewKind::Page(a) => new_page(&a.root, &a.title),
        NewKind::Series(a) => new_series(&a.root, &a.title),
    };
    match written {
        Ok(file) => {
            print_new(&file)?;
            Ok(exit::SUCCESS)
        }
        Err(e) => Ok(failed(&e)),
    }
}

/// The new file's path on stdout (alone, for `$EDITOR "$(rave new story ...)"`), notes on stderr.
fn print_new(file: &NewFile) -> anyhow::Result<()> {
    let style = Style::stdout();
    writeln!(
        crate::console::stdout(),
        "{}",
        style.bold(&shown(&file.path))
    )?;
    let err_style = Style::stderr();
    for note in &file.notes {
        crate::console::errln!("{} {note}", err_style.hint("note:"));
    }
    Ok(())
}

/// `rave check`.
pub(super) fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let mut options = CheckOptions::new(&args.root);
    options.now = resolve_now(None)?;
    let report = check_site(&options);
    // Findings are the command's output: on stdout, so that they can be piped and kept.
    let style = Style::stdout();
    crate::console::stdout().write_all(render_report(&report, args.strict, style).as_bytes())?;
    Ok(if report.fails(args.strict) {
        exit::CONTENT
    } else {
        exit::SUCCESS
    })
}

/// `rave completions SHELL`.
pub(super) fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut out = crate::console::stdout();
    clap_complete::generate(args.shell, &mut command, "rave", &mut out);
    Ok(exit::SUCCESS)
}

/// `rave man`.
pub(super) fn man() -> anyhow::Result<u8> {
    let mut out = crate::console::stdout();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(exit::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn mentions(args: &[&str]) -> Result<Vec<(String, Option<String>)>, clap::Error> {
        let mut all = vec!["rave", "new", "story", "T"];
        all.extend_from_slice(args);
        let cli = Cli::try_parse_from(all)?;
        let super::super::Command::New(NewArgs {
            kind: NewKind::Story(story),
        }) = cli.command
        else {
            panic!("not new story");
        };
        Ok(story
            .mentions
            .mentions
            .into_iter()
            .map(|m| (m.name, m.rating))
            .collect())
    }

    #[test]
    fn ratings_pair_with_the_company_before_them() {
        let got = mentions(&[
            "--company",
            "A",
            "--rating",
            "B+",
            "--company",
            "C",
            "--company",
            "D",
            "--rating",
            "-1/5",
        ])
        .expect("parses");
        assert_eq!(
            got,
            [
                ("A".to_owned(), Some("B+".to_owned())),
                ("C".to_owned(), None),
                ("D".to_owned(), Some("-1/5".to_owned())),
            ]
        );
        assert!(mentions(&[]).expect("parses").is_empty());
    }

    #[test]
    fn extra_ratings_are_usage_errors() {
        let e = mentions(&["--rating", "A", "--company", "X"]).expect_err("before");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("before any --company"), "{e}");
        let e = mentions(&["--company", "X", "--rating", "A", "--rating", "B"]).expect_err("two");
        assert!(e.to_string().contains("has a rating already"), "{e}");
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("my-stories"), "my-stories");
        assert_eq!(shell_word("my stories"), "'my stories'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
