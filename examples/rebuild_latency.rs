//! Measures a watch session's rebuild after one edit, in process (no watcher, no debounce):
//! `cargo run --release --example rebuild_latency -- SITE [EDITS] [KIND]`.
//! Each edit changes a story in the middle of the list (`body`: appends a sentence to its
//! Markdown; `title`: appends a word to its title, a front matter change; `rating`: its first
//! rating becomes one of a few others; `date`: another month and day of the same year, so the
//! story moves in the site's order; `tags`: a tag the site did not have; `company`: rates a
//! company the site did not have), or the site (`template`: a comment before `</body>` in
//! the site's `templates/base.html`, which must exist; `config`: the site's `description:`),
//! then rebuilds with that story's page open, as `rave serve` does with the page a browser
//! shows; the median, minimum and maximum of the rebuilds and of the time to that page are
//! printed. The files are restored afterwards.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rave::pipeline::BuildOptions;
use rave::render::FirstPages;
use rave::session::Session;

/// One page open in a browser.
#[derive(Debug)]
struct OpenPage(String);

impl FirstPages for OpenPage {
    fn open_pages(&self) -> Vec<String> {
        vec![self.0.clone()]
    }

    fn rendered_first(&self, _files: Vec<(String, Arc<[u8]>)>) {}
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: SITE [EDITS]"))?,
    );
    let edits: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10);
    let kind = args.next().unwrap_or_else(|| "body".to_owned());
    anyhow::ensure!(
        [
            "body", "title", "rating", "date", "tags", "company", "template", "config",
        ]
        .contains(&kind.as_str()),
        "the kind of edit is `body`, `title`, `rating`, `date`, `tags`, `company`, `template` or `config`"
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
    let slug = story
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    session.render_open_pages_first(Arc::new(OpenPage(format!("stories/{slug}/index.html"))));
    let edited_file = match kind.as_str() {
        "template" => root.join("templates/base.html"),
        "config" => root.join("site.yaml"),
        _ => story.clone(),
    };
    let original = std::fs::read_to_string(&edited_file)?;
    let mut times: Vec<Duration> = Vec::new();
    let mut firsts: Vec<Duration> = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for i in 0..edits {
            let edited = match kind.as_str() {
                "body" => format!("{original}\nEdit number {i}.\n"),
                "title" => original.replacen("\ntitle: ", &format!("\ntitle: Edit{i} "), 1),
                "template" => original.replacen("</body>", &format!("<!-- edit {i} --></body>"), 1),
                "config" => {
                    original.replacen("\ndescription: ", &format!("\ndescription: Edit{i} "), 1)
                }
                "date" => redate(&original, i),
                "tags" => original.replacen("\ntags: [", &format!("\ntags: [newtag{i}, "), 1),
                "company" => original.replacen(
                    "\ncompanies:\n",
                    &format!("\ncompanies:\n  - name: Newco {i}\n    rating: B\n"),
                    1,
                ),
                _ => {
                    let grades = ["A+", "D", "3/5", "C-"];
                    replace_first_rating(&original, grades[i % grades.len()])
                }
            };
            anyhow::ensure!(
                edited != original,
                "nothing to edit in {}",
                edited_file.display()
            );
            std::fs::write(&edited_file, edited)?;
            let started = Instant::now();
            let (snapshot, _) = session
                .rebuild(std::slice::from_ref(&edited_file))
                .map_err(|d| anyhow::anyhow!("rebuild failed: {} errors", d.error_count()))?;
            times.push(started.elapsed());
            let first = snapshot.shown_first.as_ref().map(|first| first.after);
            firsts.extend(first);
            let t = snapshot.timings;
            println!(
                "rebuild {i}: {} ms, open page after {} ({} of {} pages reused; load {} ms, model {} ms, templates {} ms, Markdown {} ms, render {} ms)",
                started.elapsed().as_millis(),
                first.map_or_else(|| "-".to_owned(), |d| format!("{} ms", d.as_millis())),
                snapshot.pages_reused,
                snapshot.output.pages.len(),
                t.load.as_millis(),
                t.model.as_millis(),
                t.templates.as_millis(),
                t.markdown.as_millis(),
                t.render.as_millis()
            );
        }
        Ok(())
    })();
    std::fs::write(&edited_file, original)?;
    result?;
    let rebuilds = format!("{} rebuilds of {}", times.len(), edited_file.display());
    println!("rebuild: {} over {rebuilds}", spread(&mut times));
    println!(
        "open page after: {} ({} of the rebuilds)",
        spread(&mut firsts),
        firsts.len()
    );
    Ok(())
}

/// The median, minimum and maximum of `times`.
fn spread(times: &mut [Duration]) -> String {
    times.sort();
    match (times.first(), times.last()) {
        (Some(min), Some(max)) => format!(
            "median {} ms, min {} ms, max {} ms",
            times[times.len() / 2].as_millis(),
            min.as_millis(),
            max.as_millis()
        ),
        _ => "none".to_owned(),
    }
}

/// `text` with the value of its first `rating:` line replaced by `grade`.
fn replace_first_rating(text: &str, grade: &str) -> String {
    let Some(start) = text.find("rating: ").map(|i| i + "rating: ".len()) else {
        return text.to_owned();
    };
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    format!("{}\"{grade}\"{}", &text[..start], &text[end..])
}

/// `text` with its `date: YYYY-MM-DD` moved to another month and day of the same year.
fn redate(text: &str, i: usize) -> String {
    let Some(start) = text.find("\ndate: ").map(|n| n + "\ndate: ".len()) else {
        return text.to_owned();
    };
    let Some(year) = text.get(start..start + 4) else {
        return text.to_owned();
    };
    let (Some(before), Some(after)) = (text.get(..start), text.get(start + 10..)) else {
        return text.to_owned();
    };
    format!("{before}{year}-{:02}-{:02}{after}", 1 + i % 12, 10 + i % 18)
}
