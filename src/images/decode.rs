//! Decoding a photo with limits, upright: hostile or broken files (empty, truncated, not an
//! image, or claiming a size that would take gigabytes) give a message, never a panic or an
//! unbounded allocation.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The widest and tallest photo rave decodes (a 200-megapixel camera is under it).
const MAX_SIDE: u32 = 20_000;
/// The most memory one decode may allocate.
const MAX_ALLOC: u64 = 1 << 30;

/// A decoded photo: its pixels turned upright by its EXIF orientation, and its format.
#[derive(Debug)]
pub(super) struct Decoded {
    pub image: DynamicImage,
    pub format: ImageFormat,
}

/// Decodes `bytes`, known by their content (not the file name), and applies the orientation.
/// The error says what is wrong in words for the writer.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let format = inspect(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    Ok(Decoded { image, format })
}

/// What can be told of `bytes` without decoding their pixels: their format, or why they are no
/// photo rave can publish (empty, not an image, a JPEG without its end, a size over the limit).
pub(super) fn inspect(bytes: &[u8]) -> Result<ImageFormat, String> {
    if bytes.is_empty() {
        return Err("the file is empty (0 bytes)".into());
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("it cannot be read: {e}"))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        Some(other) => {
            return Err(format!(
                "it holds a {other:?} image under a photo's name; rave publishes JPEG, PNG and WebP photos"
            ));
        }
        None => {
            return Err(
                "it is not a JPEG, PNG or WebP image (its first bytes are no image header)".into(),
            );
        }
    };
    if format == ImageFormat::Jpeg && !has_jpeg_end(bytes) {
        return Err("the JPEG is truncated (it stops before its end marker)".into());
    }
    // The size the header claims, read alone (no pixels), so that a refusal can say it.
    let (width, height) = reader.into_dimensions().map_err(describe)?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(too_large(width, height));
    }
    Ok(format)
}

fn too_large(width: u32, height: u32) -> String {
    format!("it claims {width}x{height} pixels, more than the {MAX_SIDE}x{MAX_SIDE} rave decodes")
}

/// The image crate's error in the writer's words.
fn describe(error: image::ImageError) -> String {
    match error {
        image::ImageError::Limits(_) => {
            "it claims a size too large to decode (over the memory limit of 1 GiB)".into()
        }
        other => format!("it is damaged or truncated: {other}"),
    }
}

/// True when a JPEG holds its end-of-image marker. Some cameras append data after it, so the
/// marker is looked for anywhere after the first segment, from the end.
fn has_jpeg_end(bytes: &[u8]) -> bool {
    bytes.len() > 4 && bytes[2..].windows(2).rev().any(|w| w == [0xFF, 0xD9])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::new_rgb8(width, height);
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
            .expect("encode");
        out
    }

    #[test]
    fn a_good_jpeg_decodes() {
        let d = decode(&jpeg(8, 6)).expect("decodes");
        assert_eq!((d.image.width(), d.image.height()), (8, 6));
        assert_eq!(d.format, ImageFormat::Jpeg);
    }

    #[test]
    fn hostile_files_give_messages() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        let html = b"<!doctype html><html><body>hello</body></html>";
        assert!(
            decode(html)
                .unwrap_err()
                .contains("not a JPEG, PNG or WebP")
        );
        let whole = jpeg(64, 64);
        let cut = &whole[..whole.len() / 2];
        assert!(
            decode(cut).unwrap_err().contains("truncated"),
            "{:?}",
            decode(cut).err()
        );
    }

    /// CRC-32 as PNG chunks use it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = u32::MAX;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_png_claiming_a_huge_size_is_refused_without_allocating_it() {
        let mut png = Vec::new();
        DynamicImage::new_rgb8(1, 1)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .expect("encode");
        // IHDR's width and height, at bytes 16..24, claim 50,000 x 50,000.
        png[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        // With a valid checksum over the chunk's type and data, so that only the size is wrong.
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        let error = decode(&png).unwrap_err();
        assert!(error.contains("50000x50000"), "{error}");
    }
}
