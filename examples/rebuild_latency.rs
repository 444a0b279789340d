//! Measures a watch session's rebuild after editing one story, in process (no watcher, no
//! debounce): `cargo run --release --example rebuild_latency -- SITE [EDITS] [body|title|rating]`.
//! Each edit changes a story in the middle of the list (`body`: appends a sentence to its
//! Markdown; `title`: appends a word to its title, a front matter change; `rating`: its first
//! rating becomes one of a few others), then rebuilds; the
//! median, minimum and maximum of the rebuilds are printed. The site is restored afterwards.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rave::pipeline::BuildOptions;
use rave::session::Session;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: SITE [EDITS]"))?,
    );
    let edits: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10);
    let kind = args.next().unwrap_or_else(|| "body".to_owned());
    anyhow::ensure!(
        ["body", "title", "rating"].contains(&kind.as_str()),
        "the kind of edit is `body`, `title` or `rating`"
    );
    let mut options = BuildOptions::new(&root);
    options.now = "2026-01-01T00:00:00Z".parse()?;
    let mut session = Session::new(options);
    let started = Instant::now();
    let (first, _) = session
        .build()
        .map_err(|d| anyhow::anyhow!("the site does not build: {} errors", d.error_count()))?;
    println!(
        "first build: {} pages in {} ms",
        first.output.pages.len(),
        started.elapsed().as_millis()
    );
    let mut stories: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/stories"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    stories.sort();
    let story = stories
        .get(stories.len() / 2)
        .ok_or_else(|| anyhow::anyhow!("no stories"))?
        .clone();
    let original = std::fs::read_to_string(&story)?;
    let mut times: Vec<Duration> = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for i in 0..edits {
            let edited = match kind.as_str() {
                "body" => format!("{original}\nEdit number {i}.\n"),
                "title" => original.replacen("\ntitle: ", &format!("\ntitle: Edit{i} "), 1),
                _ => {
                    let grades = ["A+", "D", "3/5", "C-"];
                    replace_first_rating(&original, grades[i % grades.len()])
                }
            };
            anyhow::ensure!(
                edited != original,
                "no `title:` line in {}",
                story.display()
            );
            std::fs::write(&story, edited)?;
            let started = Instant::now();
            let (snapshot, _) = session
                .rebuild(std::slice::from_ref(&story))
                .map_err(|d| anyhow::anyhow!("rebuild failed: {} errors", d.error_count()))?;
            times.push(started.elapsed());
            let t = snapshot.timings;
            println!(
                "rebuild {i}: {} ms ({} of {} pages reused; load {} ms, model {} ms, Markdown {} ms, render {} ms)",
                started.elapsed().as_millis(),
                snapshot.pages_reused,
                snapshot.output.pages.len(),
                t.load.as_millis(),
                t.model.as_millis(),
                t.markdown.as_millis(),
                t.render.as_millis()
            );
        }
        Ok(())
    })();
    std::fs::write(&story, original)?;
    result?;
    times.sort();
    if let (Some(min), Some(max)) = (times.first(), times.last()) {
        println!(
            "median {} ms, min {} ms, max {} ms over {} rebuilds of {}",
            times[times.len() / 2].as_millis(),
            min.as_millis(),
            max.as_millis(),
            times.len(),
            story.display()
        );
    }
    Ok(())
}

/// `text` with the value of its first `rating:` line replaced by `grade`.
fn replace_first_rating(text: &str, grade: &str) -> String {
    let Some(start) = text.find("rating: ").map(|i| i + "rating: ".len()) else {
        return text.to_owned();
    };
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    format!("{}\"{grade}\"{}", &text[..start], &text[end..])
}
