//! docs/getting-started.md stays true: every command of its ```sh blocks is run in order, in
//! a temporary folder, with the real binary standing in for `rave`, and must exit 0.

use std::path::{Path, PathBuf};

const DOC: &str = include_str!("../../docs/getting-started.md");

/// The commands of the doc's ```sh blocks, in order: lines joined at a trailing `\`, blank
/// lines and `#` comments skipped.
fn sh_commands(markdown: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            continue;
        }
        if !in_sh || (pending.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#'))) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(start) => {
                pending.push_str(start.trim_end());
                pending.push(' ');
            }
            None => {
                pending.push_str(trimmed);
                commands.push(std::mem::take(&mut pending));
            }
        }
    }
    assert!(pending.is_empty(), "a command ends in `\\`: {pending}");
    commands
}

/// Splits a command line into words as a POSIX shell does for the simple cases the doc uses:
/// spaces separate words, single and double quotes group them.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        _ => word.push(q),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                assert!(
                    !"$`|&;<>*?(){}".contains(c),
                    "keep the doc's commands simple (no `{c}`): {line}"
                );
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn the_doc_s_commands_are_parsed_like_a_shell_would() {
    assert_eq!(
        words(r#"rave new story "A \"b\" c" --tags x,y 'd e'"#),
        ["rave", "new", "story", "A \"b\" c", "--tags", "x,y", "d e"]
    );
    let commands =
        sh_commands("```sh\nrave a \\\n  --b c\n# note\n\nrave d\n```\n```text\nrave e\n```\n");
    assert_eq!(commands, ["rave a --b c", "rave d"]);
}

#[test]
fn every_command_of_getting_started_runs_and_exits_0() {
    let commands = sh_commands(DOC);
    for expected in ["rave init", "rave new story", "rave check", "rave build"] {
        assert!(
            commands.iter().any(|c| c.starts_with(expected)),
            "the guide shows `{expected}`"
        );
    }
    let story = commands
        .iter()
        .find(|c| c.starts_with("rave new story"))
        .expect("a story");
    assert_eq!(story.matches("--company").count(), 2, "two companies");

    let tmp = tempfile::tempdir().expect("tmp");
    let mut cwd: PathBuf = tmp.path().to_path_buf();
    for command in &commands {
        let words = words(command);
        match words.first().map(String::as_str) {
            Some("cd") => {
                assert_eq!(words.len(), 2, "{command}");
                cwd = cwd.join(&words[1]);
                assert!(cwd.is_dir(), "`{command}`: no such folder");
            }
            Some("rave") => {
                let mut rave = crate::util::rave_command(&words[1..]);
                rave.current_dir(&cwd);
                let run = crate::util::run_to_end(rave);
                assert!(
                    run.code == Some(0),
                    "`{command}` in {} exited with {:?}\n--- stdout\n{}\n--- stderr\n{}",
                    cwd.display(),
                    run.code,
                    run.stdout,
                    run.stderr
                );
            }
            _ => panic!("```sh blocks of the guide hold only `rave` and `cd` commands: {command}"),
        }
    }
    // What the guide says the build wrote.
    let site = tmp.path().join("my-stories");
    assert!(site.join("public/index.html").is_file());
    assert!(
        site.join("public/companies/quickline-buses/index.html")
            .is_file()
    );
    // Ready to upload: made for the site's own address, not a preview's, with what every page
    // links to.
    let public = site.join("public");
    let page = std::fs::read_to_string(public.join("index.html")).expect("home page");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://tales.example.org/\">"),
        "the home page's canonical address is the site's:\n{page}"
    );
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("https://tales.example.org/stories/the-cafe-that-saved-my-monday/"),
        "{sitemap}"
    );
    for file in ["index.html", "sitemap.xml", "atom.xml"] {
        let text = std::fs::read_to_string(public.join(file)).expect("a built file");
        assert!(!text.contains("preview."), "{file} is a preview build");
    }
    assert!(public.join("favicon.svg").is_file());
    assert!(public.join("style.css").is_file());
    assert!(in_guide(
        &site,
        "content/stories/the-cafe-that-saved-my-monday.md"
    ));
    assert!(in_guide(&site, "content/companies/corner-cafe.md"));
}

/// True when `relative` exists under `site` and the guide names it.
fn in_guide(site: &Path, relative: &str) -> bool {
    site.join(relative).is_file() && DOC.contains(relative)
}
