//! The intrinsic sizes of the site's raster images, so that pages can give each `<img>` its
//! `width` and `height` and browsers can lay a page out before its images arrive.
//!
//! Only files of `static/` and of story bundles whose name ends in a raster image extension are
//! opened, and only their headers are read (`imagesize`). SVG files, remote images and files that
//! are not the image their name claims simply have no size: that is never a diagnostic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::image_size::{ImageSize, ImageSizes};
use super::stamp::{RACY_MARGIN, Stamp};
use super::{StaticFile, StoryInput, safe_relative};

/// Extensions of the files whose size is read (lowercase; matched ignoring case).
const EXTENSIONS: [&str; 6] = ["avif", "gif", "jpeg", "jpg", "png", "webp"];

/// True for a file named like a raster image rave reads the size of.
pub fn has_image_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The size in the header of the image file at `path`, reading only the header; `None` when the
/// file cannot be read or is not an image in a format rave knows.
pub fn read_size(path: &Path) -> Option<ImageSize> {
    let size = imagesize::size(path).ok()?;
    let width = u32::try_from(size.width).ok().filter(|&w| w > 0)?;
    let height = u32::try_from(size.height).ok().filter(|&h| h > 0)?;
    Some(ImageSize {
        width,
        height,
        variants: None,
    })
}

/// The size of the image `src` points to, as written in front matter or Markdown: a site path
/// (`/images/shop.png`, also under the site's `root_path`: `/blog/images/shop.png`) is looked up
/// in `site`, a relative path (`shop.png`) in `bundle`, the sizes of the story's own bundle. A
/// URL with a scheme or a host, and any file not found, has no size.
pub fn size_of(
    src: &str,
    root_path: &str,
    site: &ImageSizes,
    bundle: Option<&ImageSizes>,
) -> Option<ImageSize> {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    if path.contains(':') || path.starts_with("//") {
        return None;
    }
    let found = match path.strip_prefix('/') {
        Some(site_path) => path
            .strip_prefix(root_path)
            .and_then(|p| site.get(p))
            .or_else(|| site.get(site_path)),
        None => bundle?.get(path),
    };
    found.copied()
}

/// The raster images of `static/`: their key in [`ImageSizes`] and their file.
pub(super) fn static_images(files: &[StaticFile]) -> impl Iterator<Item = (String, PathBuf)> + '_ {
    files
        .iter()
        .filter(|f| has_image_extension(&f.source))
        .map(|f| (f.destination.clone(), f.source.clone()))
}

/// The raster images of a story's bundle: their key in [`ImageSizes`] and their file.
pub(super) fn bundle_images(story: &StoryInput) -> impl Iterator<Item = (String, PathBuf)> + '_ {
    let dir = story.bundle_dir.as_deref();
    story
        .assets
        .iter()
        .filter(|a| has_image_extension(a))
        .filter_map(move |a| Some((safe_relative(a)?, dir?.join(a))))
}

/// The sizes of `images` found in `sizes` (read by [`read_sizes`]), by key.
pub(super) fn sizes_of(
    images: impl Iterator<Item = (String, PathBuf)>,
    sizes: &HashMap<PathBuf, ImageSize>,
) -> ImageSizes {
    images
        .filter_map(|(key, file)| Some((key, *sizes.get(&file)?)))
        .collect()
}

/// A size read before, with the stamp of the file it was read from and when it was read.
type SizeEntry = (Stamp, SystemTime, Option<ImageSize>);

/// Image sizes read by earlier loads of a session, by file, so that a rebuild opens only images
/// that changed. As for content files, a stamp is trusted only once the file has settled.
#[derive(Debug, Default)]
pub(super) struct SizeCache {
    entries: HashMap<PathBuf, SizeEntry>,
}

/// Reads the sizes of `files` in parallel, reusing from `cache` those of unchanged files, and
/// updating it (files not listed are forgotten). Files without a size are left out.
pub(super) fn read_sizes(
    files: Vec<PathBuf>,
    cache: Option<&mut SizeCache>,
) -> HashMap<PathBuf, ImageSize> {
    let previous = match &cache {
        Some(c) if !c.entries.is_empty() => Some(&c.entries),
        _ => None,
    };
    let read: Vec<(PathBuf, Option<SizeEntry>)> = files
        .into_par_iter()
        .map(|path| {
            // The stamp is taken before the read: a change during the read gives a new stamp.
            let stamp = Stamp::of(&path);
            if let (Some(stamp), Some((cached, read_at, size))) =
                (stamp, previous.and_then(|p| p.get(&path)))
                && *cached == stamp
                && is_settled(&stamp, *read_at)
            {
                return (path, Some((stamp, *read_at, *size)));
            }
            let read_at = SystemTime::now();
            let size = read_size(&path);
            (path, stamp.map(|s| (s, read_at, size)))
        })
        .collect();
    let sizes = read
        .iter()
        .filter_map(|(path, entry)| Some((path.clone(), entry.as_ref()?.2?)))
        .collect();
    if let Some(cache) = cache {
        cache.entries = read
            .into_iter()
            .filter_map(|(path, entry)| Some((path, entry?)))
            .collect();
    }
    sizes
}

/// True when the file was last modified well before its size was read (see `load::LoadCache`).
fn is_settled(stamp: &Stamp, read_at: SystemTime) -> bool {
    stamp.modified.is_some_and(|m| m + RACY_MARGIN <= read_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid 3x2 PNG (8-bit RGB, red).
    const PNG_3X2: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12,
        0x16, 0xf1, 0x4d, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8,
        0xcf, 0xc0, 0x00, 0x41, 0x0c, 0x70, 0x16, 0x00, 0x41, 0xd2, 0x05, 0xfb, 0x6f, 0xf1, 0x16,
        0xc7, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    fn sizes(entries: &[(&str, u32, u32)]) -> ImageSizes {
        entries
            .iter()
            .map(|&(k, width, height)| (k.to_owned(), ImageSize::plain(width, height)))
            .collect()
    }

    #[test]
    fn only_raster_image_names_are_read() {
        for name in ["a.png", "b.JPG", "c.jpeg", "d.gif", "e.webp", "f.avif"] {
            assert!(has_image_extension(Path::new(name)), "{name}");
        }
        for name in ["a.svg", "b.pdf", "c.png.txt", "png", "d.mp4"] {
            assert!(!has_image_extension(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn sizes_come_from_the_header_and_anything_else_has_none() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let png = dir.path().join("x.png");
        std::fs::write(&png, PNG_3X2).expect("write");
        assert_eq!(read_size(&png), Some(ImageSize::plain(3, 2)));
        let fake = dir.path().join("fake.png");
        std::fs::write(&fake, b"not an image at all").expect("write");
        assert_eq!(read_size(&fake), None);
        assert_eq!(read_size(&dir.path().join("missing.png")), None);
    }

    #[test]
    fn references_resolve_to_static_or_bundle_sizes() {
        let site = sizes(&[("images/a.png", 3, 2)]);
        let bundle = sizes(&[("shop.jpg", 640, 480), ("img/b.png", 1, 1)]);
        let size = |src: &str, root: &str| {
            size_of(src, root, &site, Some(&bundle)).map(|s| (s.width, s.height))
        };
        assert_eq!(size("/images/a.png", "/"), Some((3, 2)));
        assert_eq!(size("/images/a.png?v=2#top", "/"), Some((3, 2)));
        assert_eq!(size("/blog/images/a.png", "/blog/"), Some((3, 2)));
        assert_eq!(size("/images/a.png", "/blog/"), Some((3, 2)));
        assert_eq!(size("shop.jpg", "/"), Some((640, 480)));
        assert_eq!(size("img/b.png", "/"), Some((1, 1)));
        assert_eq!(size("https://cdn.example/images/a.png", "/"), None);
        assert_eq!(size("//cdn.example/images/a.png", "/"), None);
        assert_eq!(size("/images/missing.png", "/"), None);
        assert_eq!(size("images/a.png", "/"), None);
        assert_eq!(size_of("shop.jpg", "/", &site, None), None);
    }

    #[test]
    fn the_cache_keeps_the_size_of_a_settled_unchanged_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let png = dir.path().join("x.png");
        std::fs::write(&png, PNG_3X2).expect("write");
        let stamp = Stamp::of(&png).expect("a stamp");
        // Read (so the cache says) long after the file's last change, with another size: the
        // cached size is what a reuse gives.
        let read_at = stamp.modified.expect("a modification time") + RACY_MARGIN * 10;
        let cached = ImageSize::plain(99, 98);
        let mut cache = SizeCache::default();
        cache
            .entries
            .insert(png.clone(), (stamp, read_at, Some(cached)));
        let sizes = read_sizes(vec![png.clone()], Some(&mut cache));
        assert_eq!(sizes.get(&png), Some(&cached));
    }

    #[test]
    fn the_cache_rereads_a_changed_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let png = dir.path().join("x.png");
        std::fs::write(&png, PNG_3X2).expect("write");
        let mut cache = SizeCache::default();
        let first = read_sizes(vec![png.clone()], Some(&mut cache));
        assert_eq!(first.get(&png).map(|s| (s.width, s.height)), Some((3, 2)));
        // The same length, another width in the header (its checksum is not read). The file was
        // written just now, so its stamp is not trusted yet, whatever the clock's granularity.
        let mut wider = PNG_3X2.to_vec();
        wider[19] = 5;
        std::fs::write(&png, &wider).expect("write");
        let second = read_sizes(vec![png.clone()], Some(&mut cache));
        assert_eq!(second.get(&png).map(|s| (s.width, s.height)), Some((5, 2)));
        // A file no longer listed is forgotten.
        read_sizes(Vec::new(), Some(&mut cache));
        assert!(cache.entries.is_empty());
    }
}
