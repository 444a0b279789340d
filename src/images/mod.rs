//! Photos: every JPEG, PNG and WebP image of `static/` and of story bundles is decoded once
//! (with limits), turned upright by its EXIF orientation, and published without its metadata
//! in a few widths, as WebP and as JPEG or PNG (see `plan` for the names), plus a 1200x630 Open
//! Graph image for story lead images. The work is IO and CPU, so it runs between model and
//! render, in parallel, into the site's cache (`cache`): render then only lists the copies, and
//! output copies them from the cache like any static file.
//!
//! The photo's own name holds its widest copy, not the full-size photo off the phone, unless
//! the site asks for full size (`images.full_size`). GIF, AVIF and HEIF files are published
//! as they are once free of metadata (`verbatim`). The stamp record (`stamps`) lets a build
//! know an unchanged photo's hash without reading it.
//!
//! A photo that cannot be decoded is not published (rave cannot vouch that it holds no
//! location), and a warning names it and says why.

mod cache;
mod decode;
mod encode;
pub mod plan;
mod stamps;
mod verbatim;

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
use stamps::{Hashed, Stamp, StampRecord};
use verbatim::Verbatim;

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
    /// Photos left out because they could not be read or cleaned of metadata.
    pub failed: usize,
}

/// What rave does with a file of the site, by its name (its bytes decide later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handling {
    /// Decoded and published as clean copies (JPEG, PNG, WebP).
    Photo,
    /// Published as it is once checked or cleaned of metadata (GIF, AVIF, HEIF).
    Verbatim(Verbatim),
    /// Not published: a format that can hold metadata rave cannot remove (TIFF, camera raw),
    /// named here.
    Refused(&'static str),
}

fn handling(path: &Path, settings: &ImageSettings) -> Option<Handling> {
    let extension = path.extension()?.to_str()?;
    if ["jpg", "jpeg", "png", "webp"]
        .iter()
        .any(|x| extension.eq_ignore_ascii_case(x))
    {
        return Some(Handling::Photo);
    }
    // A site that keeps metadata publishes these as they are.
    if settings.keep_metadata {
        return None;
    }
    Verbatim::of(extension)
        .map(Handling::Verbatim)
        .or_else(|| verbatim::uncleanable(extension).map(Handling::Refused))
}

/// Processes the photos among `files` (static files of the site and its bundles, see
/// `pipeline`), replacing each by its clean copy in the cache and adding its resized copies;
/// gives `site`'s image sizes the upright size of each photo and marks them processed. GIF and
/// AVIF files are replaced by their copy without metadata. Files that cannot be read or cleaned
/// are dropped from `files` with a warning. Cache entries no photo of this build uses are
/// deleted. Without `write`, nothing is written: photos missing from the cache are only
/// inspected (their headers), and stay as they are.
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
    let stamps = StampRecord::read(cache.dir());
    let leads = lead_image_destinations(site, files);
    let jobs: Vec<(usize, Handling)> = (0..files.len())
        .filter_map(|i| Some((i, handling(&files[i].source, &settings)?)))
        .collect();
    DONE.store(0, Ordering::Relaxed);
    TOTAL.store(jobs.len(), Ordering::Relaxed);
    let results: Vec<(usize, Result<Outcome, String>, Option<Hashed>)> = jobs
        .into_par_iter()
        .map(|(i, handling)| {
            let file = &files[i];
            let mut hashed = None;
            let result = match handling {
                // Refused by name: the file is not even read.
                Handling::Refused(format) => Err(verbatim::refusal(format)),
                Handling::Photo => Source::new(&file.source, &stamps, &mut hashed).and_then(|s| {
                    let og = leads.contains(file.destination.as_str());
                    photo(s, og, &settings, &cache, write)
                }),
                Handling::Verbatim(kind) => Source::new(&file.source, &stamps, &mut hashed)
                    .and_then(|s| verbatim(s, kind, &cache, write)),
            };
            DONE.fetch_add(1, Ordering::Relaxed);
            (i, result, hashed)
        })
        .collect();
    TOTAL.store(0, Ordering::Relaxed);

    let mut report = PhotoReport::default();
    let mut used = HashSet::new();
    let mut sizes: HashMap<String, Option<ImageSize>> = HashMap::new();
    let mut dropped = HashSet::new();
    let mut copies = Vec::new();
    let mut record = Vec::new();
    for (i, result, hashed) in results {
        let file = &mut files[i];
        if let Some(hashed) = hashed {
            record.push((file.source.clone(), hashed));
        }
        let made = match result {
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
                continue;
            }
            Ok(Outcome::Inspected) => continue,
            Ok(Outcome::Verbatim { key, suffix, made }) => {
                file.source = cache.file(&key, &suffix);
                used.insert(key);
                made
            }
            Ok(Outcome::Photo(Processed { key, entry, made })) => {
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
                    file.source = cache.file(&key, &own_suffix(&file.source, &entry, &settings));
                }
                sizes.insert(file.destination.clone(), Some(size));
                used.insert(key);
                made
            }
        };
        if made {
            report.processed += 1;
        } else {
            report.reused += 1;
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
        // Without the record, the next build reads every photo again: slower, never wrong.
        // A site without photos gets no cache folder.
        if !record.is_empty() || !stamps.is_empty() {
            let _ = StampRecord::write(cache.dir(), &record);
        }
    }
    report
}

/// A photo's file: its content hash, known from the stamp record without reading it, or its
/// bytes, read (and then hashed).
#[derive(Debug)]
struct Source<'a> {
    path: &'a Path,
    content: u128,
    bytes: Option<Vec<u8>>,
}

impl<'a> Source<'a> {
    /// The file at `path`, read unless `stamps` know its hash; `hashed` receives its stamp and
    /// hash for the next build's record.
    fn new(
        path: &'a Path,
        stamps: &StampRecord,
        hashed: &mut Option<Hashed>,
    ) -> Result<Source<'a>, String> {
        // The stamp is taken before the read: a change during the read gives a new stamp.
        let stamp = Stamp::of(path);
        if let Some(content) = stamp.and_then(|s| stamps.content(path, s)) {
            *hashed = stamps.kept(path);
            return Ok(Source {
                path,
                content,
                bytes: None,
            });
        }
        let bytes = read_limited(path)?;
        let content = DiskCache::content_hash(&bytes);
        *hashed = stamp.map(|s| StampRecord::hashed_now(s, content));
        Ok(Source {
            path,
            content,
            bytes: Some(bytes),
        })
    }

    /// The file's bytes, read now if they were not.
    fn bytes(self) -> Result<Vec<u8>, String> {
        match self.bytes {
            Some(bytes) => Ok(bytes),
            None => read_limited(self.path),
        }
    }
}

/// What became of one file.
#[derive(Debug)]
enum Outcome {
    /// A photo's cache entry.
    Photo(Processed),
    /// A file published as it is, from its cache file `<key><suffix>`.
    Verbatim {
        key: String,
        suffix: String,
        made: bool,
    },
    /// Not in the cache and not to be written: inspected, it looks fine.
    Inspected,
}

/// The cache suffix of a photo's clean full-size copy: its own format, by its file name.
fn original_suffix(source: &Path) -> String {
    format!(".orig.{}", lowercase_extension(source))
}

fn lowercase_extension(source: &Path) -> String {
    source
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// The cache suffix of what is published under a photo's own name: its widest copy in the
/// format its name says (WebP for `.webp`, else the fallback), so that a link to the photo or
/// a browser that ignores `srcset` gets a photo as wide as the widest copy, not the 12
/// megapixels off the phone; or, when the site asks for full size, its clean full-size copy.
fn own_suffix(source: &Path, entry: &Entry, settings: &ImageSettings) -> String {
    if settings.full_size {
        return original_suffix(source);
    }
    let widest = plan::widths(entry.width, settings)
        .last()
        .copied()
        .unwrap_or(entry.width);
    let extension = match lowercase_extension(source).as_str() {
        "webp" => "webp",
        _ => entry.fallback.extension(),
    };
    format!("-{widest}.{extension}")
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

/// A photo's cache entry: found, or made now; `Inspected` when not in the cache and not to be
/// written (the photo was inspected and looks fine).
fn photo(
    source: Source<'_>,
    og: bool,
    settings: &ImageSettings,
    cache: &DiskCache,
    write: bool,
) -> Result<Outcome, String> {
    let key = DiskCache::key(source.content, settings, og);
    let original = original_suffix(source.path);
    let full_size = settings.full_size && !settings.keep_metadata;
    let suffixes = |entry: &Entry| {
        let mut all: Vec<String> = copy_files("", entry, settings, og)
            .into_iter()
            .map(|(suffix, _)| suffix)
            .collect();
        if full_size {
            all.push(original.clone());
        }
        all
    };
    if let Some(entry) = cache.lookup(&key, suffixes) {
        return Ok(Outcome::Photo(Processed {
            key,
            entry,
            made: false,
        }));
    }
    let bytes = source.bytes()?;
    if !write {
        return decode::inspect(&bytes).map(|_| Outcome::Inspected);
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
    if full_size {
        // The photo itself, upright and without metadata, in the format its name says.
        let bytes = match decoded.format {
            ImageFormat::Png => encode::png(&image)?,
            ImageFormat::WebP => encode::webp(&image, quality)?,
            _ => encode::jpeg(&image, quality)?,
        };
        files.push((original, bytes));
    }
    cache.store(&key, &files, &entry)?;
    Ok(Outcome::Photo(Processed {
        key,
        entry,
        made: true,
    }))
}

/// A GIF or AVIF file's copy without metadata, from the cache or made now.
fn verbatim(
    source: Source<'_>,
    kind: Verbatim,
    cache: &DiskCache,
    write: bool,
) -> Result<Outcome, String> {
    let key = DiskCache::verbatim_key(source.content);
    let suffix = format!(".{}", lowercase_extension(source.path));
    if cache.file(&key, &suffix).is_file() {
        return Ok(Outcome::Verbatim {
            key,
            suffix,
            made: false,
        });
    }
    let clean = kind.publishable(&source.bytes()?)?;
    if !write {
        return Ok(Outcome::Inspected);
    }
    cache.store_verbatim(&key, &suffix, &clean)?;
    Ok(Outcome::Verbatim {
        key,
        suffix,
        made: true,
    })
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
/// `Some(size)` for a processed photo (whatever load read of its header: an unchanged photo
/// known by its stamp was not read again), `None` for one left out.
fn update_sizes(site: &mut Site, sizes: &HashMap<String, Option<ImageSize>>) {
    let set = |map: &mut crate::load::ImageSizes, key: &str, size: &Option<ImageSize>| match size {
        Some(size) => {
            map.insert(key.to_owned(), *size);
        }
        None => {
            map.remove(key);
        }
    };
    let statics: HashSet<&str> = site
        .static_files
        .iter()
        .map(|f| f.destination.as_str())
        .collect();
    // Bundle files are published at `stories/<slug>/<path in the bundle>`.
    let mut by_story: HashMap<&str, Vec<(&str, &Option<ImageSize>)>> = HashMap::new();
    for (destination, size) in sizes {
        if statics.contains(destination.as_str()) {
            set(&mut site.image_sizes, destination, size);
        } else if let Some((slug, rel)) = destination
            .strip_prefix("stories/")
            .and_then(|rest| rest.split_once('/'))
        {
            by_story.entry(slug).or_default().push((rel, size));
        }
    }
    for story in &mut site.stories {
        for (rel, size) in by_story
            .get(story.input.slug.as_str())
            .into_iter()
            .flatten()
        {
            set(
                &mut std::sync::Arc::make_mut(&mut story.input).image_sizes,
                rel,
                size,
            );
        }
    }
}
