//! The Markdown stage: every document's body rendered once (cached between builds), with
//! internal link targets resolved and Markdown problems turned into diagnostics.

use rayon::prelude::*;

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::i18n::Catalogue;
use crate::load::{ImageSize, ImageSizes, Origin, images, safe_relative};
use crate::model::{Site, Story, StoryId, StorySource};
use crate::render::cache::{KeptStory, MarkdownCache, hash_bytes, kept_key};
use crate::render::markdown::{self, Links, MarkdownOptions, Rendered, WrittenLink};
use crate::render::urls::Urls;

/// Markdown of every document rendered once, indexed like the model's lists.
#[derive(Debug, Default)]
pub struct Bodies {
    pub stories: Vec<Arc<Rendered>>,
    /// Per story, per comment.
    pub comments: Vec<Vec<String>>,
    /// Profile bodies; empty for companies without profile.
    pub companies: Vec<String>,
    pub authors: Vec<String>,
    /// The short bio of each author's profile (its summary: the part before `<!-- more -->`,
    /// else the first paragraph), for the box under their stories.
    pub author_bios: Vec<Option<String>>,
    pub series: Vec<String>,
    /// The introduction of each series' page, shortened the same way, for its stories.
    pub series_intros: Vec<Option<String>>,
    pub pages: Vec<String>,
    /// The links and images of every document but the stories (theirs are in their
    /// [`Rendered`]), as written, for `rave check`.
    pub written: WrittenLinks,
}

/// Where the Markdown stage reads the stories' Markdown from.
#[derive(Debug)]
pub enum Sources {
    /// From the model, which keeps it (a session, `rave check`).
    Model,
    /// Taken out of the model by [`Site::take_sources`], one entry per story (`None`: read it
    /// from the model), each dropped as soon as its story's HTML is made: a clean build holds
    /// every story's Markdown and HTML at once otherwise.
    Taken(Vec<Option<StorySource>>),
}

/// Links and images as written, per document, indexed like the model's lists; empty for a
/// company, author or series without profile.
#[derive(Debug, Default)]
pub struct WrittenLinks {
    /// Per story, per comment.
    pub comments: Vec<Vec<Vec<WrittenLink>>>,
    pub companies: Vec<Vec<WrittenLink>>,
    pub authors: Vec<Vec<WrittenLink>>,
    pub series: Vec<Vec<WrittenLink>>,
    pub pages: Vec<Vec<WrittenLink>>,
}

impl Bodies {
    /// Renders all Markdown of `site` in parallel, reusing unchanged stories' Markdown from
    /// `cache`. Broken internal links and missing images go to `diagnostics` with their file and
    /// line.
    /// `words` gives the word before a photo's credit; `sources` where stories' Markdown is.
    pub fn render_cached(
        site: &Site,
        words: &Catalogue,
        diagnostics: &mut Diagnostics,
        cache: Option<&MarkdownCache>,
        sources: Sources,
    ) -> Bodies {
        let credit_word = words.text(CREDIT_WORD, &[]);
        let trusted = if site.config.allow_raw_html {
            MarkdownOptions::TRUSTED_HTML
        } else {
            MarkdownOptions::ESCAPED_HTML
        };
        let targets = Targets::new(site);
        let resolve = |path: &str| targets.resolve(path);
        let image_size = |src: &str, bundle: Option<&ImageSizes>| {
            images::size_of(src, &site.config.root_path, &site.image_sizes, bundle)
        };
        let site_image_size = |src: &str| image_size(src, None);
        let site_sizes_key = site_sizes_key(site);
        let problems = std::sync::Mutex::new(Vec::new());
        let report =
            |origin: &Origin, body: &str, body_line: usize, found: &[markdown::Problem]| {
                if found.is_empty() {
                    return;
                }
                let list = problem_diagnostics(origin, body, body_line, found);
                problems
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(list);
            };
        let rendered_doc = |origin: &Origin, body: &str, body_line: usize| {
            let links = Links {
                internal: &resolve,
                local_files: None,
                image_size: &site_image_size,
                photos: Some(&site.config.images),
                captions: &[],
                credit_word: &credit_word,
            };
            let r = markdown::render_with(body, trusted, &links);
            report(origin, body, body_line, &r.problems);
            r
        };
        let taken = match sources {
            Sources::Taken(taken) if taken.len() == site.stories.len() => taken,
            _ => site.stories.iter().map(|_| None).collect(),
        };
        // What a story's Markdown depends on besides its own parse.
        let context = hash_bytes(&[
            &[u8::from(site.config.allow_raw_html)],
            &site_sizes_key.to_le_bytes(),
            site.config.root_path.as_bytes(),
            format!("{:?}", site.config.images.widths).as_bytes(),
            credit_word.as_bytes(),
        ]);
        let kept = cache.map(MarkdownCache::take_kept).unwrap_or_default();
        let made: Vec<KeptStory> = site
            .stories
            .par_iter()
            .zip(taken)
            .map(|(s, taken)| {
                let body = taken.as_ref().map_or(&*s.input.body, |t| &*t.body);
                let same = kept.get(&kept_key(&s.input)).filter(|k| {
                    Arc::ptr_eq(&k.input, &s.input) && k.context == context && !k.links_elsewhere
                });
                let mut story = match same {
                    Some(k) => k.clone(),
                    None => KeptStory {
                        input: Arc::clone(&s.input),
                        context,
                        body: render_story_body(
                            site,
                            s,
                            body,
                            &resolve,
                            &credit_word,
                            site_sizes_key,
                            cache,
                        ),
                        comments: Arc::new(render_comments(s, taken.as_ref(), cache)),
                        links_elsewhere: body.contains(INTERNAL_LINK),
                    },
                };
                report(
                    &s.input.origin,
                    body,
                    s.input.body_line,
                    &story.body.problems,
                );
                problems
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(uncaptioned_photos(s, &story.body));
                // A taken source is dropped here, as soon as its story's HTML is made, and the
                // HTML is kept packed: only its page and full-content feeds read it again.
                if let Some(body) = Arc::get_mut(&mut story.body).filter(|_| taken.is_some()) {
                    body.pack();
                }
                drop(taken);
                story
            })
            .collect();
        drop(kept);
        let stories = made.iter().map(|k| Arc::clone(&k.body)).collect();
        let comments: Vec<&[Rendered]> = made.iter().map(|k| &k.comments[..]).collect();
        // Per document of a list: its file, body and the line the body starts on, if any.
        type Source<'s> = Option<(&'s Origin, &'s str, usize)>;
        let documents = |sources: Vec<Source>| {
            Documents::of(
                sources
                    .into_par_iter()
                    .map(|d| d.map(|(origin, body, line)| rendered_doc(origin, body, line)))
                    .collect(),
            )
        };
        let companies = documents(
            site.companies
                .iter()
                .map(|c| {
                    c.profile
                        .as_ref()
                        .map(|p| (&p.origin, &*p.body, p.body_line))
                })
                .collect(),
        );
        let authors = documents(
            site.authors
                .iter()
                .map(|a| {
                    a.profile
                        .as_ref()
                        .map(|p| (&p.origin, &*p.body, p.body_line))
                })
                .collect(),
        );
        let series = documents(
            site.series
                .iter()
                .map(|s| {
                    s.profile
                        .as_ref()
                        .map(|p| (&p.origin, &*p.body, p.body_line))
                })
                .collect(),
        );
        let pages = documents(
            site.pages
                .iter()
                .map(|p| Some((&p.origin, &*p.body, p.body_line)))
                .collect(),
        );
        let (comments, comment_links) = comments
            .into_iter()
            .map(|story| {
                story
                    .iter()
                    .map(|c| (c.html.clone(), c.written.clone()))
                    .unzip()
            })
            .unzip();
        let bodies = Bodies {
            stories,
            comments,
            companies: companies.html,
            authors: authors.html,
            author_bios: authors.summaries,
            series: series.html,
            series_intros: series.summaries,
            pages: pages.html,
            written: WrittenLinks {
                comments: comment_links,
                companies: companies.written,
                authors: authors.written,
                series: series.written,
                pages: pages.written,
            },
        };
        if let Some(cache) = cache {
            cache.keep(made.into_iter().map(|k| (kept_key(&k.input), k)).collect());
        }
        diagnostics.extend(problems.into_inner().unwrap_or_else(|e| e.into_inner()));
        bodies
    }
}

impl Bodies {
    /// Renders story `id`'s body again after a change to it alone, replacing its HTML.
    /// Returns the diagnostics of the old body's Markdown problems and of the new one's, so
    /// that a session can swap the one for the other in its report.
    pub fn rerender_story(
        &mut self,
        site: &Site,
        words: &Catalogue,
        old_body: &str,
        id: StoryId,
    ) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let targets = Targets::new(site);
        let resolve = |path: &str| targets.resolve(path);
        let story = &site.stories[id];
        let input = &story.input;
        let credit_word = words.text(CREDIT_WORD, &[]);
        let rendered = render_story_body(site, story, &input.body, &resolve, &credit_word, 0, None);
        let mut old = problem_diagnostics(
            &input.origin,
            old_body,
            input.body_line,
            &self.stories[id.index()].problems,
        );
        old.extend(uncaptioned_photos(story, &self.stories[id.index()]));
        let mut new = problem_diagnostics(
            &input.origin,
            &input.body,
            input.body_line,
            &rendered.problems,
        );
        new.extend(uncaptioned_photos(story, &rendered));
        self.stories[id.index()] = rendered;
        (old, new)
    }
}

/// The rendered documents of one list (companies, authors ...), taken apart; a missing
/// document (no profile) has empty HTML, no summary and no links.
struct Documents {
    html: Vec<String>,
    summaries: Vec<Option<String>>,
    written: Vec<Vec<WrittenLink>>,
}

impl Documents {
    fn of(rendered: Vec<Option<Rendered>>) -> Self {
        let mut documents = Documents {
            html: Vec::with_capacity(rendered.len()),
            summaries: Vec::with_capacity(rendered.len()),
            written: Vec::with_capacity(rendered.len()),
        };
        for r in rendered {
            let r = r.unwrap_or_default();
            documents.html.push(r.html);
            documents.summaries.push(r.summary_html);
            documents.written.push(r.written);
        }
        documents
    }
}

/// Hash of the sizes of the site's static images: they are inputs of every story's Markdown
/// (a body may show any static image).
fn site_sizes_key(site: &Site) -> u64 {
    hash_bytes(&[format!("{:?}", site.image_sizes).as_bytes()])
}

/// The HTML of a story's reader comments (their Markdown from `taken` when the model's was
/// taken out): from `cache` when their text was rendered before.
fn render_comments(
    story: &Story,
    taken: Option<&StorySource>,
    cache: Option<&MarkdownCache>,
) -> Vec<Rendered> {
    story
        .input
        .comments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = taken.and_then(|t| t.comments.get(i)).unwrap_or(&c.body);
            let render = || markdown::render(text, MarkdownOptions::PUBLIC);
            // A comment's HTML depends on its text alone.
            match cache {
                Some(cache) => (*cache
                    .get_or_render(hash_bytes(&[b"comment", text.as_bytes()]), render))
                .clone(),
                None => render(),
            }
        })
        .collect()
}

/// How a body links to another document of the site (`[text](@/stories/other.md)`).
const INTERNAL_LINK: &str = "@/";

/// A story's body (`body`, its Markdown) as HTML: from `cache` when its text was rendered
/// before.
fn render_story_body(
    site: &Site,
    story: &Story,
    body: &str,
    resolve: &(dyn Fn(&str) -> Option<String> + Sync),
    credit_word: &str,
    site_sizes_key: u64,
    cache: Option<&MarkdownCache>,
) -> Arc<Rendered> {
    let trusted = if site.config.allow_raw_html {
        MarkdownOptions::TRUSTED_HTML
    } else {
        MarkdownOptions::ESCAPED_HTML
    };
    let input = &story.input;
    let files: Vec<String> = input
        .assets
        .iter()
        .filter_map(|a| safe_relative(a))
        .collect();
    let story_image_size = |src: &str| -> Option<ImageSize> {
        images::size_of(
            src,
            &site.config.root_path,
            &site.image_sizes,
            Some(&input.image_sizes),
        )
    };
    let links = Links {
        internal: resolve,
        local_files: Some(&files),
        image_size: &story_image_size,
        photos: Some(&site.config.images),
        captions: &input.photos,
        credit_word,
    };
    let render = || markdown::render_with(body, trusted, &links);
    // Internal links depend on other files, so bodies with them are not cached.
    match cache {
        Some(cache) if !body.contains(INTERNAL_LINK) => {
            let key = hash_bytes(&[
                body.as_bytes(),
                &[u8::from(site.config.allow_raw_html)],
                files.join("\n").as_bytes(),
                &site_sizes_key.to_le_bytes(),
                format!("{:?}", input.image_sizes).as_bytes(),
                site.config.root_path.as_bytes(),
                format!("{:?}", site.config.images.widths).as_bytes(),
                format!("{:?}", input.photos).as_bytes(),
                credit_word.as_bytes(),
            ]);
            cache.get_or_render(key, render)
        }
        _ => Arc::new(render()),
    }
}

/// The catalogue message before a photo's credit, as the lead image's credit line has it.
const CREDIT_WORD: &str = "photo-credit";

/// Warnings for the `photos:` entries of `story` that no figure of its body shows: their
/// caption and credit would be published nowhere.
fn uncaptioned_photos(story: &Story, rendered: &Rendered) -> Vec<Diagnostic> {
    let input = &story.input;
    input
        .photos
        .iter()
        .filter(|p| !rendered.captioned.contains(&p.src))
        .map(|p| {
            Diagnostic::warning(
                &input.origin.path,
                format!("photo `{}` of `photos:` is shown nowhere in the text", p.src),
            )
            .at(p.position)
            .with_help(format!(
                "put the image on a line of its own in the text, `![what it shows]({})`, or remove the entry",
                p.src
            ))
        })
        .collect()
}

/// Where internal links (`@/stories/x.md`) lead: made on the first such link, as most sites'
/// bodies have none and the map has an entry per document.
struct Targets<'s> {
    site: &'s Site,
    map: std::sync::OnceLock<std::collections::HashMap<String, String>>,
}

impl<'s> Targets<'s> {
    fn new(site: &'s Site) -> Self {
        Targets {
            site,
            map: std::sync::OnceLock::new(),
        }
    }

    /// The URL of the document at `path` (`content/`-relative), if it is published.
    fn resolve(&self, path: &str) -> Option<String> {
        let map = self
            .map
            .get_or_init(|| internal_targets(self.site, &Urls::new(&self.site.config)));
        map.get(path.trim_start_matches('/')).cloned()
    }
}

/// `content/`-relative paths of every published document, with their URLs.
fn internal_targets(site: &Site, urls: &Urls) -> std::collections::HashMap<String, String> {
    let rel = |origin: &Origin| {
        let path = origin.path.to_string_lossy().replace('\\', "/");
        path.strip_prefix("content/").unwrap_or(&path).to_owned()
    };
    let mut map = std::collections::HashMap::new();
    for s in &site.stories {
        map.insert(rel(&s.input.origin), urls.story(&s.input.slug));
    }
    for c in &site.companies {
        if let Some(p) = &c.profile {
            map.insert(rel(&p.origin), urls.company(&c.slug));
        }
    }
    for a in &site.authors {
        if let Some(p) = &a.profile {
            map.insert(rel(&p.origin), urls.author(&a.slug));
        }
    }
    for s in &site.series {
        if let Some(p) = &s.profile {
            map.insert(rel(&p.origin), urls.series(&s.slug));
        }
    }
    for p in &site.pages {
        map.insert(rel(&p.origin), urls.page(&p.slug));
    }
    map
}

/// Markdown problems of a document as diagnostics at their lines in its file.
fn problem_diagnostics(
    origin: &Origin,
    body: &str,
    body_line: usize,
    found: &[markdown::Problem],
) -> Vec<Diagnostic> {
    if found.is_empty() {
        return Vec::new();
    }
    // Byte offsets where each line starts: counting lines afresh for every problem is
    // quadratic in a long body with many broken links.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    found
        .iter()
        .map(|p| problem_diagnostic(origin, body, &line_starts, body_line, p))
        .collect()
}

/// A Markdown problem as a diagnostic at its line in the file.
fn problem_diagnostic(
    origin: &Origin,
    body: &str,
    line_starts: &[usize],
    body_line: usize,
    problem: &markdown::Problem,
) -> Diagnostic {
    let offset = match body.get(..problem.offset) {
        Some(_) => problem.offset,
        None => body.len(),
    };
    let index = line_starts
        .partition_point(|&s| s <= offset)
        .saturating_sub(1);
    let start = line_starts.get(index).copied().unwrap_or(0);
    let line = body_line + index;
    let column = body[start..offset].chars().count() + 1;
    let source_line = body[start..]
        .lines()
        .next()
        .filter(|l| l.len() <= crate::diagnostics::MAX_SOURCE_LINE)
        .map(|l| l.trim_end_matches('\r').to_owned());
    let mut d = Diagnostic::error(&origin.path, problem.message.clone())
        .at(Position::new(line, column))
        .with_help(problem.help.clone());
    d.source_line = source_line;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prepared site of a two-story folder (one story with a comment).
    fn prepared() -> (tempfile::TempDir, crate::pipeline::Prepared) {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        std::fs::write(
            root.join("site.yaml"),
            "title: T\nbase_url: https://example.com\n",
        )
        .expect("site.yaml");
        let stories = root.join("content/stories");
        std::fs::create_dir_all(&stories).expect("folders");
        for (name, comments) in [
            (
                "a",
                "comments:\n  - author: R\n    date: 2024-01-02\n    body: Same *here*.\n",
            ),
            ("b", ""),
        ] {
            std::fs::write(
                stories.join(format!("{name}.md")),
                format!(
                    "---\ntitle: {name}\ndate: 2024-01-01\n{comments}---\nThe *{name}* story.\n"
                ),
            )
            .expect("story");
        }
        let (prepared, _) =
            crate::pipeline::prepare(&crate::pipeline::BuildOptions::new(root)).expect("builds");
        (tmp, prepared)
    }

    #[test]
    fn a_story_whose_parse_is_the_same_keeps_its_markdown_without_the_text_cache() {
        let (_tmp, prepared) = prepared();
        let (site, words) = (&prepared.site, &prepared.theme.catalogue);
        let cache = MarkdownCache::new();
        let mut diagnostics = Diagnostics::new();
        let first =
            Bodies::render_cached(site, words, &mut diagnostics, Some(&cache), Sources::Model);
        // Two builds that use no entry leave the text cache empty.
        cache.sweep();
        cache.sweep();
        let second =
            Bodies::render_cached(site, words, &mut diagnostics, Some(&cache), Sources::Model);
        for (a, b) in first.stories.iter().zip(&second.stories) {
            assert!(Arc::ptr_eq(a, b), "the same rendering, not made again");
        }
        assert_eq!(first.comments, second.comments);
        assert!(
            second
                .comments
                .iter()
                .flatten()
                .any(|c| c.contains("<em>here</em>"))
        );

        // A story parsed again (its body changed) is rendered anew; the other keeps its HTML.
        let mut changed = site.clone();
        let input = Arc::make_mut(&mut changed.stories[0].input);
        input.body.push_str("More.\n");
        let third = Bodies::render_cached(
            &changed,
            words,
            &mut diagnostics,
            Some(&cache),
            Sources::Model,
        );
        assert!(third.stories[0].html.contains("More."));
        assert!(Arc::ptr_eq(&second.stories[1], &third.stories[1]));
    }
}
