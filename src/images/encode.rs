//! Resizing (fast_image_resize) and encoding (JPEG and PNG with the image crate, WebP with
//! libwebp). Encoders here write pixels only: no EXIF, XMP or IPTC reaches a copy.

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageEncoder};

/// `image` as 8-bit RGB, or RGBA when it has an alpha channel: the layouts every encoder and
/// the resizer take.
pub(super) fn normalized(image: DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_) => image,
        other if other.color().has_alpha() => DynamicImage::ImageRgba8(other.to_rgba8()),
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    }
}

/// `image` (normalized) resized to `width` x `height`; with `crop`, the centre of the image is
/// cut to that aspect ratio first instead of stretching it.
pub(super) fn resized(
    image: &DynamicImage,
    width: u32,
    height: u32,
    crop: bool,
) -> Result<DynamicImage, String> {
    if (image.width(), image.height()) == (width, height) {
        return Ok(image.clone());
    }
    let mut out = DynamicImage::new(width, height, image.color());
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if crop {
        options = options.fit_into_destination(Some((0.5, 0.5)));
    }
    Resizer::new()
        .resize(image, &mut out, &options)
        .map_err(|e| format!("it could not be resized: {e}"))?;
    Ok(out)
}

/// JPEG bytes of `image` at `quality` (alpha, if any, dropped).
pub(super) fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgb = image.to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(Cursor::new(&mut out), quality)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| format!("it could not be encoded as JPEG: {e}"))?;
    Ok(out)
}

/// PNG bytes of `image` (normalized).
pub(super) fn png(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    PngEncoder::new(Cursor::new(&mut out))
        .write_image(
            image.as_bytes(),
            image.width(),
            image.height(),
            image.color().into(),
        )
        .map_err(|e| format!("it could not be encoded as PNG: {e}"))?;
    Ok(out)
}

/// Lossy WebP bytes of `image` (normalized) at `quality`.
pub(super) fn webp(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let encoder = match image {
        DynamicImage::ImageRgba8(rgba) => {
            webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
        }
        DynamicImage::ImageRgb8(rgb) => {
            webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
        }
        _ => return Err("it could not be encoded as WebP: unexpected pixel layout".into()),
    };
    Ok(encoder.encode(f32::from(quality)).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_have_the_size_asked_for_and_decode_again() {
        let image = normalized(DynamicImage::new_rgb8(40, 30));
        let small = resized(&image, 20, 15, false).expect("resized");
        assert_eq!((small.width(), small.height()), (20, 15));
        let og = resized(&image, 12, 6, true).expect("cropped");
        assert_eq!((og.width(), og.height()), (12, 6));
        for bytes in [
            jpeg(&small, 80).expect("jpeg"),
            png(&small).expect("png"),
            webp(&small, 80).expect("webp"),
        ] {
            let back = image::load_from_memory(&bytes).expect("decodes");
            assert_eq!((back.width(), back.height()), (20, 15));
        }
    }
}
