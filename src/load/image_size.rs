//! The size of an image as inputs carry it: width and height in pixels, and the format of a
//! processed photo's copies. A leaf: the inputs hold these, and `images.rs` reads them.

use std::collections::BTreeMap;

/// An image's width and height in pixels, and whether rave published resized copies of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
    /// The format of the resized copies beside the WebP ones, once the photo is processed
    /// (`images::process_photos`); `None` for an image published as it is.
    pub variants: Option<Fallback>,
}

impl ImageSize {
    /// The size of an image published as it is.
    pub fn plain(width: u32, height: u32) -> Self {
        ImageSize {
            width,
            height,
            variants: None,
        }
    }
}

/// The format of a processed photo's copies for browsers without WebP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fallback {
    Jpeg,
    Png,
}

impl Fallback {
    /// The file extension of this format's copies.
    pub fn extension(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }
}

/// Image sizes by path: a file of `static/` by its site path without the leading `/`
/// (`images/shop.png`), a file of a story bundle by its path in the bundle (`shop.png`).
pub type ImageSizes = BTreeMap<String, ImageSize>;
