//! Photos: every JPEG, PNG and WebP image of `static/` and of story bundles is decoded once
//! (with limits), turned upright by its EXIF orientation, and published without its metadata
//! in a few widths, as WebP and as JPEG or PNG (see `plan` for the names), plus a 1200x630 Open
//! Graph image for story lead images. The work is IO and CPU, so it runs between model and
//! render, in parallel, into the site's cache (`cache`): render then only lists the copies, and
//! output copies them from the cache like any static file.
//!
//! A photo that cannot be decoded is not published (rave cannot vouch that it holds no
//! location), and a warning names it and says why.

mod cache;
mod decode;
mod encode;
pub mod plan;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use image::ImageFormat;
use rayon::prelude::*;

use crate::config::ImageSettings;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Fallback, ImageSize, StaticFile};
use crate::model::Site;

pub(crate) use cache::CACHE_DIR;
use cache::{DiskCache, Entry};

/// Files larger than this are not read as photos.
const MAX_FILE_BYTES: u64 = 256 << 20;

/// Photos done and photos to do in the running build, for a progress line.
static DONE: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

/// `(done, total)` photos of the build running now, while it processes photos.
pub fn progress() -> Option<(usize, usize)> {
    let total = TOTAL.load(Ordering::Relaxed);
    (total > 0).then(|| (DONE.load(Ordering::Relaxed), total))
}

/// What a build did with its photos.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhotoReport {
    /// Photos decoded and encoded by this build.
    pub processed: usize,
    /// Photos whose copies came from the cache.
    pub reused: usize,
    /// Photos left out because they could not be read.
    pub failed: usize,
}

/// True for a file rave processes as a photo (by its name; its bytes decide later).
fn is_photo(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["jpg", "jpeg", "png", "webp"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Processes the photos among `files` (static files of the site and its bundles, see
/// `pipeline`), replacing each by its clean copy in the cache and adding its resized copies;
/// gives `site`'s image sizes the upright size of each photo and marks them processed. Photos
/// that cannot be read are dropped from `files` with a warning. Cache entries no photo of this
/// build uses are deleted. Without `write`, nothing is written: photos missing from the cache
/// are only inspected (their headers), and stay as they are.
pub fn process_photos(
    root: &Path,
    site: &mut Site,
    files: &mut Vec<StaticFile>,
    diagnostics: &mut Diagnostics,
    write: bool,
) -> PhotoReport {
    let settings = site.config.images.clone();
    let cache = DiskCache::new(root);
    if let Some(link) = crate::links::link_on_the_way(root, &root.join(CACHE_DIR)) {
        // The cache is written and read back into the site: never through a link out of it.
        diagnostics.push(
            Diagnostic::error(
                crate::diagnostics::display_path(root, &link),
                "the photo cache is a symbolic link, which rave does not follow",
            )
            .with_help(format!(
                "delete the link; rave makes {CACHE_DIR} again as a folder"
            )),
        );
        return PhotoReport::default();
    }
    let leads = lead_image_destinations(site, files);
    let jobs: Vec<usize> = (0..files.len())
        .filter(|&i| is_photo(&files[i].source))
        .collect();
    DONE.store(0, Ordering::Relaxed);
    TOTAL.store(jobs.len(), Ordering::Relaxed);
    let results: Vec<(usize, Result<Option<Processed>, String>)> = jobs
        .into_par_iter()
        .map(|i| {
            let file = &files[i];
            let og = leads.contains(file.destination.as_str());
            let result = photo(&file.source, og, &settings, &cache, write);
            DONE.fetch_add(1, Ordering::Relaxed);
            (i, result)
        })
        .collect();
    TOTAL.store(0, Ordering::Relaxed);

    let mut report = PhotoReport::default();
    let mut used = HashSet::new();
    let mut sizes: HashMap<String, Option<ImageSize>> = HashMap::new();
    let mut dropped = HashSet::new();
    let mut copies = Vec::new();
    for (i, result) in results {
        let file = &mut files[i];
        match result {
            Err(problem) => {
                report.failed += 1;
                diagnostics.push(
                    Diagnostic::warning(
                        &file.display,
                        format!("the photo is not published: {problem}"),
                    )
                    .with_help("open it in an image editor and save it again as JPEG, PNG or WebP, or remove it"),
                );
                dropped.insert(i);
                sizes.insert(file.destination.clone(), None);
            }
            Ok(None) => {}
            Ok(Some(Processed { key, entry, made })) => {
                if made {
                    report.processed += 1;
                } else {
                    report.reused += 1;
                }
                let size = ImageSize {
                    width: entry.width,
                    height: entry.height,
                    variants: Some(entry.fallback),
                };
                for (suffix, destination) in copy_files(
                    &file.destination,
                    &entry,
                    &settings,
                    leads.contains(file.destination.as_str()),
                ) {
                    copies.push(StaticFile {
                        source: cache.file(&key, &suffix),
                        display: file.display.clone(),
                        destination,
                    });
                }
                if !settings.keep_metadata {
                    file.source = cache.file(&key, &original_suffix(&file.source));
                }
                sizes.insert(file.destination.clone(), Some(size));
                used.insert(key);
            }
        }
    }
    let mut index = 0;
    files.retain(|_| {
        index += 1;
        !dropped.contains(&(index - 1))
    });
    files.extend(copies);
    update_sizes(site, &sizes);
    if write {
        cache.prune(&used);
    }
    report
}

/// The cache suffix of a photo's clean full-size copy: its own format, by its file name.
fn original_suffix(source: &Path) -> String {
    let extension = source
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    format!(".orig.{extension}")
}

/// The copies of a photo published at `destination`: their cache suffix and destination.
fn copy_files(
    destination: &str,
    entry: &Entry,
    settings: &ImageSettings,
    og: bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for width in plan::widths(entry.width, settings) {
        for extension in [entry.fallback.extension(), "webp"] {
            out.push((
                format!("-{width}.{extension}"),
                plan::copy_path(destination, width, extension),
            ));
        }
    }
    if og {
        out.push(("-og.jpg".to_owned(), plan::og_path(destination)));
    }
    out
}

/// A photo's cache entry.
#[derive(Debug)]
struct Processed {
    key: String,
    entry: Entry,
    /// Made by this build, not found in the cache.
    made: bool,
}

/// A photo's cache entry: found, or made now; `None` when not in the cache and not to be
/// written (the photo was inspected and looks fine).
fn photo(
    source: &Path,
    og: bool,
    settings: &ImageSettings,
    cache: &DiskCache,
    write: bool,
) -> Result<Option<Processed>, String> {
    let bytes = read_limited(source)?;
    let key = DiskCache::key(&bytes, settings, og);
    let original = original_suffix(source);
    let suffixes = |entry: &Entry| {
        let mut all: Vec<String> = copy_files("", entry, settings, og)
            .into_iter()
            .map(|(suffix, _)| suffix)
            .collect();
        if !settings.keep_metadata {
            all.push(original.clone());
        }
        all
    };
    if let Some(entry) = cache.lookup(&key, suffixes) {
        return Ok(Some(Processed {
            key,
            entry,
            made: false,
        }));
    }
    if !write {
        return decode::inspect(&bytes).map(|_| None);
    }
    let decoded = decode::decode(&bytes)?;
    drop(bytes);
    let fallback = if decoded.format == ImageFormat::Png || decoded.image.color().has_alpha() {
        Fallback::Png
    } else {
        Fallback::Jpeg
    };
    let image = encode::normalized(decoded.image);
    let entry = Entry {
        width: image.width(),
        height: image.height(),
        fallback,
    };
    let size = ImageSize {
        width: entry.width,
        height: entry.height,
        variants: Some(fallback),
    };
    let quality = settings.quality;
    let mut files = Vec::new();
    for width in plan::widths(entry.width, settings) {
        let copy = encode::resized(&image, width, plan::height_at(size, width), false)?;
        let fallback_bytes = match fallback {
            Fallback::Jpeg => encode::jpeg(&copy, quality)?,
            Fallback::Png => encode::png(&copy)?,
        };
        files.push((format!("-{width}.{}", fallback.extension()), fallback_bytes));
        files.push((format!("-{width}.webp"), encode::webp(&copy, quality)?));
    }
    if og {
        let card = encode::resized(&image, plan::OG_WIDTH, plan::OG_HEIGHT, true)?;
        files.push(("-og.jpg".to_owned(), encode::jpeg(&card, quality)?));
    }
    if !settings.keep_metadata {
        // The photo itself, upright and without metadata, in the format its name says.
        let bytes = match decoded.format {
            ImageFormat::Png => encode::png(&image)?,
            ImageFormat::WebP => encode::webp(&image, quality)?,
            _ => encode::jpeg(&image, quality)?,
        };
        files.push((original, bytes));
    }
    cache.store(&key, &files, &entry)?;
    Ok(Some(Processed {
        key,
        entry,
        made: true,
    }))
}

/// The bytes of `source`, refusing files too large to be a photo.
fn read_limited(source: &Path) -> Result<Vec<u8>, String> {
    let length = std::fs::metadata(source)
        .map_err(|e| format!("it cannot be read: {e}"))?
        .len();
    if length > MAX_FILE_BYTES {
        return Err(format!(
            "it is {} MB, more than the {} MB a photo may have",
            length >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    std::fs::read(source).map_err(|e| format!("it cannot be read: {e}"))
}

/// Destinations of the files stories use as lead images, resolved like `load::images::size_of`
/// resolves them.
fn lead_image_destinations(site: &Site, files: &[StaticFile]) -> HashSet<String> {
    let published: HashSet<&str> = files.iter().map(|f| f.destination.as_str()).collect();
    let root_path = &site.config.root_path;
    let mut leads = HashSet::new();
    for story in &site.stories {
        let Some(image) = &story.input.image else {
            continue;
        };
        let path = image.src.split(['?', '#']).next().unwrap_or_default();
        if path.contains(':') || path.starts_with("//") {
            continue;
        }
        let candidates = match path.strip_prefix('/') {
            Some(site_path) => vec![
                path.strip_prefix(root_path.as_str()).map(str::to_owned),
                Some(site_path.to_owned()),
            ],
            None => vec![Some(format!("stories/{}/{path}", story.input.slug))],
        };
        if let Some(found) = candidates
            .into_iter()
            .flatten()
            .find(|c| published.contains(c.as_str()))
        {
            leads.insert(found);
        }
    }
    leads
}

/// Gives the site's and the stories' image sizes what processing found, by destination:
/// `Some(size)` for a processed photo, `None` for one left out.
fn update_sizes(site: &mut Site, sizes: &HashMap<String, Option<ImageSize>>) {
    let apply = |map: &mut crate::load::ImageSizes, prefix: &str| {
        map.retain(|key, size| match sizes.get(&format!("{prefix}{key}")) {
            Some(Some(found)) => {
                *size = *found;
                true
            }
            Some(None) => false,
            None => true,
        });
    };
    apply(&mut site.image_sizes, "");
    for story in &mut site.stories {
        let prefix = format!("stories/{}/", story.input.slug);
        apply(&mut story.input.image_sizes, &prefix);
    }
}
