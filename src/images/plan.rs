//! The plan of a photo's published copies, shared by processing (which makes them) and render
//! (which lists them in `srcset`): their widths, file names and URLs. Pure: no IO.
//!
//! Copies live beside the photo, named after it: `shop.jpg` is published with `shop-480w.jpg`,
//! `shop-480w.webp`, `shop-960w.jpg` ... and, for a story's lead image, `shop-og.jpg`. So a
//! copy's URL is the photo's URL with another file name, whatever form the photo's URL takes.

use crate::config::ImageSettings;
use crate::load::ImageSize;

/// The size of the Open Graph image of a story with a lead image.
pub const OG_WIDTH: u32 = 1200;
pub const OG_HEIGHT: u32 = 630;

/// `sizes` of images in a story's text: the width of the default theme's text column.
pub const BODY_SIZES: &str = "(max-width: 46rem) calc(100vw - 2rem), 44rem";

/// The widths of a photo's copies: every configured width narrower than the photo, and the
/// photo's own width when it is narrower than the widest configured one (never upscaled).
pub fn widths(width: u32, settings: &ImageSettings) -> Vec<u32> {
    let widest = settings.widths.iter().copied().max().unwrap_or(width);
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < width)
        .collect();
    widths.push(width.min(widest));
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// The height of a copy `width` pixels wide, keeping the aspect ratio (at least 1).
pub fn height_at(size: ImageSize, width: u32) -> u32 {
    let height = (u64::from(size.height) * u64::from(width) + u64::from(size.width) / 2)
        / u64::from(size.width.max(1));
    u32::try_from(height).unwrap_or(u32::MAX).max(1)
}

/// `path` (a URL or an output path) with its file name's extension replaced by
/// `{suffix}.{extension}`: `a/shop.jpg?v=1` -> `a/shop-480w.webp`. Query and fragment are
/// dropped: they belonged to the original.
fn renamed(path: &str, suffix: &str, extension: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    let stem_end = path[name_start..]
        .rfind('.')
        .filter(|&i| i > 0)
        .map_or(path.len(), |i| name_start + i);
    format!("{}{suffix}.{extension}", &path[..stem_end])
}

/// The path or URL of the copy of `path` that is `width` pixels wide, in `extension`'s format.
pub fn copy_path(path: &str, width: u32, extension: &str) -> String {
    renamed(path, &format!("-{width}w"), extension)
}

/// The path or URL of the Open Graph image of `path`.
pub fn og_path(path: &str) -> String {
    renamed(path, "-og", "jpg")
}

/// The `srcset` lists of a processed photo shown at `url`: WebP copies and the fallback ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Srcsets {
    pub webp: String,
    pub fallback: String,
}

/// The `srcset` lists of the photo at `url` of size `size`; `None` unless it was processed.
pub fn srcsets(url: &str, size: ImageSize, settings: &ImageSettings) -> Option<Srcsets> {
    let fallback = size.variants?.extension();
    let list = |extension: &str| {
        widths(size.width, settings)
            .iter()
            .map(|&w| format!("{} {w}w", copy_path(url, w, extension)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(Srcsets {
        webp: list("webp"),
        fallback: list(fallback),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Fallback;

    fn settings(widths: &[u32]) -> ImageSettings {
        ImageSettings {
            widths: widths.to_vec(),
            ..ImageSettings::default()
        }
    }

    #[test]
    fn widths_are_never_wider_than_the_photo() {
        let s = settings(&[480, 960, 1600]);
        assert_eq!(widths(4000, &s), [480, 960, 1600]);
        assert_eq!(widths(1600, &s), [480, 960, 1600]);
        assert_eq!(widths(1000, &s), [480, 960, 1000]);
        assert_eq!(widths(300, &s), [300]);
    }

    #[test]
    fn copies_are_named_after_the_photo() {
        assert_eq!(copy_path("shop.jpg", 480, "webp"), "shop-480w.webp");
        assert_eq!(
            copy_path("/blog/img/a.b.PNG?v=2#x", 960, "png"),
            "/blog/img/a.b-960w.png"
        );
        assert_eq!(copy_path("img.d/noext", 16, "jpg"), "img.d/noext-16w.jpg");
        assert_eq!(copy_path(".hidden", 16, "jpg"), ".hidden-16w.jpg");
        assert_eq!(og_path("stories/x/lead.webp"), "stories/x/lead-og.jpg");
    }

    #[test]
    fn srcsets_list_every_width_with_its_copy() {
        let size = ImageSize {
            width: 1000,
            height: 750,
            variants: Some(Fallback::Jpeg),
        };
        let s = srcsets("a.jpg", size, &settings(&[480, 960, 1600])).expect("processed");
        assert_eq!(
            s.webp,
            "a-480w.webp 480w, a-960w.webp 960w, a-1000w.webp 1000w"
        );
        assert_eq!(
            s.fallback,
            "a-480w.jpg 480w, a-960w.jpg 960w, a-1000w.jpg 1000w"
        );
        assert_eq!(height_at(size, 480), 360);
        assert!(srcsets("a.jpg", ImageSize::plain(10, 10), &settings(&[480])).is_none());
    }
}
