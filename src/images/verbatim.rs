//! Images rave publishes without decoding them, checked for metadata first: a GIF is walked
//! block by block and rewritten without its comments and application blocks other than the
//! animation loop and the colour profile (XMP lives in one); an AVIF or HEIF file is published
//! only when its item list names no EXIF or XMP item, since rave cannot remove them from it.
//! Pixels are never touched: animation and quality stay as they are. Other raster formats that
//! can hold metadata (TIFF, camera raw files, PSD ...) are refused by name (`uncleanable`).

/// What a file copied as it is becomes, by its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verbatim {
    Gif,
    /// AVIF, HEIC or HEIF: one ISO base media file format.
    Heif,
}

impl Verbatim {
    /// The kind of `extension` (any case), if rave checks files of that kind.
    pub(super) fn of(extension: &str) -> Option<Verbatim> {
        let e = extension.to_ascii_lowercase();
        match e.as_str() {
            "gif" => Some(Verbatim::Gif),
            "avif" | "heic" | "heif" => Some(Verbatim::Heif),
            _ => None,
        }
    }

    /// The bytes to publish for `bytes`, or why the file is not published.
    pub(super) fn publishable(self, bytes: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            Verbatim::Gif => gif_without_metadata(bytes),
            Verbatim::Heif => match heif_metadata(bytes)? {
                None => Ok(bytes.to_vec()),
                Some(kind) => Err(format!(
                    "it holds {kind} metadata (it may say where and with what it was taken), \
                     which rave cannot remove from this format"
                )),
            },
        }
    }
}

/// Raster formats rave neither re-encodes nor can clean, by file extension, with the name a
/// writer knows them by: each can carry EXIF, XMP or IPTC metadata (a camera's raw file always
/// does), so none is published unless the site keeps metadata.
const UNCLEANABLE: [(&str, &str); 20] = [
    ("tif", "TIFF"),
    ("tiff", "TIFF"),
    ("dng", "DNG (camera raw)"),
    ("cr2", "Canon raw"),
    ("cr3", "Canon raw"),
    ("nef", "Nikon raw"),
    ("nrw", "Nikon raw"),
    ("arw", "Sony raw"),
    ("orf", "Olympus raw"),
    ("rw2", "Panasonic raw"),
    ("raf", "Fujifilm raw"),
    ("pef", "Pentax raw"),
    ("srw", "Samsung raw"),
    ("psd", "Photoshop"),
    ("jxl", "JPEG XL"),
    ("jp2", "JPEG 2000"),
    ("jpf", "JPEG 2000"),
    ("jpx", "JPEG 2000"),
    ("jfif", "JPEG under a .jfif name"),
    ("jpe", "JPEG under a .jpe name"),
];

/// The format of a file named with `extension` (any case) when rave cannot publish it without
/// its metadata.
pub(super) fn uncleanable(extension: &str) -> Option<&'static str> {
    UNCLEANABLE
        .iter()
        .find(|(known, _)| extension.eq_ignore_ascii_case(known))
        .map(|(_, format)| *format)
}

/// Why a file of `format` (see [`uncleanable`]) is not published.
pub(super) fn refusal(format: &str) -> String {
    format!(
        "it is a {format} image, which can hold metadata (where it was taken, the camera's \
         serial number, who took it) that rave cannot remove from this format; a site that \
         wants such files published as they are sets `images.keep_metadata: true` in site.yaml"
    )
}

/// Application blocks a GIF keeps: the animation loop count and the colour profile.
const KEPT_APPLICATIONS: [&[u8]; 3] = [b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"];

/// `bytes` (a GIF) without its comment blocks, metadata application blocks and anything after
/// its trailer.
fn gif_without_metadata(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let damaged = |what: &str| format!("the GIF is damaged: {what}");
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Err("it is not a GIF image (its first bytes are no GIF header)".into());
    }
    let screen = bytes
        .get(..13)
        .ok_or_else(|| damaged("it ends in its header"))?;
    let mut at = 13 + color_table_len(screen[10]);
    let mut out = bytes
        .get(..at)
        .ok_or_else(|| damaged("it ends in its colours"))?
        .to_vec();
    loop {
        match bytes.get(at) {
            Some(0x3B) => {
                out.push(0x3B);
                return Ok(out);
            }
            Some(0x2C) => {
                let descriptor = bytes
                    .get(at..at + 10)
                    .ok_or_else(|| damaged("it ends in a frame"))?;
                // Descriptor, local colours, the LZW code size, then the data sub-blocks.
                let data = at + 10 + color_table_len(descriptor[9]) + 1;
                let end = sub_blocks_end(bytes, data).ok_or_else(|| damaged("a frame is cut"))?;
                out.extend_from_slice(&bytes[at..end]);
                at = end;
            }
            Some(0x21) => {
                let label = *bytes
                    .get(at + 1)
                    .ok_or_else(|| damaged("it ends in an extension"))?;
                let end =
                    sub_blocks_end(bytes, at + 2).ok_or_else(|| damaged("an extension is cut"))?;
                let keep = match label {
                    // Frame timing and transparency, and text drawn on the image.
                    0xF9 | 0x01 => true,
                    0xFF => bytes
                        .get(at + 3..at + 14)
                        .is_some_and(|id| bytes[at + 2] == 11 && KEPT_APPLICATIONS.contains(&id)),
                    // Comments (0xFE) and anything unknown.
                    _ => false,
                };
                if keep {
                    out.extend_from_slice(&bytes[at..end]);
                }
                at = end;
            }
            Some(other) => return Err(damaged(&format!("an unknown block 0x{other:02X}"))),
            None => return Err(damaged("it stops before its end marker")),
        }
    }
}

/// The length of the colour table a GIF's packed field announces (0 without one).
fn color_table_len(packed: u8) -> usize {
    if packed & 0x80 == 0 {
        0
    } else {
        3 << ((packed & 0x07) + 1)
    }
}

/// The position after the sub-blocks starting at `at` (each a length byte then data, ended by
/// a zero length); `None` when they run past the end.
fn sub_blocks_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let length = usize::from(*bytes.get(at)?);
        at += 1;
        if length == 0 {
            return Some(at);
        }
        at += length;
        if at > bytes.len() {
            return None;
        }
    }
}

/// The UUID of an XMP box at the top level of an ISO base media file.
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// The kind of metadata an AVIF or HEIF file holds (`EXIF` or `XMP`), from its boxes: items of
/// type `Exif` or of an XMP content type in `meta/iinf`, or a top-level XMP `uuid` box.
fn heif_metadata(bytes: &[u8]) -> Result<Option<&'static str>, String> {
    let damaged = || "it is damaged: its boxes do not fit in the file".to_owned();
    let top = boxes(bytes).ok_or_else(damaged)?;
    if !top.iter().any(|(kind, _)| kind == b"ftyp") {
        return Err("it is not an AVIF or HEIF image (it has no file type box)".into());
    }
    for (kind, body) in &top {
        if kind == b"uuid" && body.starts_with(&XMP_UUID) {
            return Ok(Some("XMP"));
        }
        if kind != b"meta" {
            continue;
        }
        let children = boxes(body.get(4..).ok_or_else(damaged)?).ok_or_else(damaged)?;
        for (_, iinf) in children.iter().filter(|(k, _)| k == b"iinf") {
            let version = *iinf.first().ok_or_else(damaged)?;
            let entries = if version == 0 { 6 } else { 8 };
            let infes = boxes(iinf.get(entries..).ok_or_else(damaged)?).ok_or_else(damaged)?;
            for (_, infe) in infes.iter().filter(|(k, _)| k == b"infe") {
                if let Some(found) = item_metadata(infe) {
                    return Ok(Some(found));
                }
            }
        }
    }
    Ok(None)
}

/// `EXIF` or `XMP` when the item entry `infe` (a box body) describes such an item.
fn item_metadata(infe: &[u8]) -> Option<&'static str> {
    let version = *infe.first()?;
    // Versions 2 and 3 name a type: after version and flags, the item id (2 or 4 bytes) and
    // the protection index (2 bytes).
    let type_at = match version {
        2 => 8,
        3 => 10,
        _ => return None,
    };
    let item_type = infe.get(type_at..type_at + 4)?;
    if item_type == b"Exif" {
        return Some("EXIF");
    }
    if item_type == b"mime" {
        // The item's name, then its content type, each ended by a zero byte.
        let rest = infe.get(type_at + 4..)?;
        let content_type = rest.split(|&b| b == 0).nth(1)?;
        let content_type = String::from_utf8_lossy(content_type).to_ascii_lowercase();
        if content_type.contains("xmp") || content_type.contains("rdf+xml") {
            return Some("XMP");
        }
    }
    None
}

/// The boxes of `bytes`, in order: their type and body; `None` when one runs past the end.
fn boxes(bytes: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < bytes.len() {
        let header = bytes.get(at..at + 8)?;
        let kind: [u8; 4] = header[4..8].try_into().ok()?;
        let (start, size) = match u32::from_be_bytes(header[..4].try_into().ok()?) {
            0 => (at + 8, bytes.len() - at),
            1 => {
                let large = bytes.get(at + 8..at + 16)?;
                let size = usize::try_from(u64::from_be_bytes(large.try_into().ok()?)).ok()?;
                (at + 16, size)
            }
            size => (at + 8, usize::try_from(size).ok()?),
        };
        let end = at.checked_add(size)?;
        if end > bytes.len() || end < start {
            return None;
        }
        out.push((kind, &bytes[start..end]));
        at = end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1x1 GIF89a with a comment and an XMP block holding a place, the loop block, and one
    /// frame.
    fn gif_with_metadata() -> Vec<u8> {
        let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
        gif.extend([0, 0, 0, 255, 255, 255]);
        gif.extend(b"\x21\xFE\x0CGPS 51.5 N 0\x00");
        gif.extend(b"\x21\xFF\x0BXMP DataXMP\x0C<x:xmpmeta/>\x00");
        gif.extend(b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00");
        gif.extend(b"\x21\xF9\x04\x00\x00\x00\x00\x00");
        gif.extend(b"\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x00");
        gif.extend(b"\x02\x02\x44\x01\x00");
        gif.push(0x3B);
        gif
    }

    /// A box of `kind` around `body`.
    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(body.len() + 8)
            .expect("small")
            .to_be_bytes()
            .to_vec();
        out.extend(kind);
        out.extend(body);
        out
    }

    /// The start of an AVIF file whose item list has an `av01` item and, optionally, an item
    /// of `extra` type.
    fn avif_with_items(extra: Option<&[u8; 4]>) -> Vec<u8> {
        let infe = |id: u8, kind: &[u8; 4]| {
            let mut body = vec![2, 0, 0, 0, 0, id, 0, 0];
            body.extend(kind);
            body.push(0);
            boxed(b"infe", &body)
        };
        let mut iinf = vec![0, 0, 0, 0, 0, 1 + u8::from(extra.is_some())];
        iinf.extend(infe(1, b"av01"));
        if let Some(kind) = extra {
            iinf.extend(infe(2, kind));
        }
        let mut meta = vec![0, 0, 0, 0];
        meta.extend(boxed(b"iinf", &iinf));
        let mut file = boxed(b"ftyp", b"avif\0\0\0\0avifmif1");
        file.extend(boxed(b"meta", &meta));
        file
    }

    #[test]
    fn raw_and_tiff_files_are_known_by_name_in_any_case() {
        assert_eq!(uncleanable("TIF"), Some("TIFF"));
        assert_eq!(uncleanable("dng"), Some("DNG (camera raw)"));
        assert_eq!(uncleanable("jpg"), None);
        assert_eq!(uncleanable("svg"), None);
        assert!(refusal("TIFF").contains("keep_metadata"));
    }

    #[test]
    fn gifs_lose_comments_and_xmp_and_keep_frames_and_loops() {
        let clean = gif_without_metadata(&gif_with_metadata()).expect("a valid GIF");
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("GPS") && !text.contains("XMP"), "{text}");
        assert!(text.contains("NETSCAPE2.0"));
        assert!(clean.ends_with(b"\x02\x02\x44\x01\x00\x3B"));
        assert_eq!(gif_without_metadata(&clean), Ok(clean.clone()));
    }

    #[test]
    fn damaged_gifs_are_named_so() {
        let whole = gif_with_metadata();
        for cut in [5, 12, 20, whole.len() - 1] {
            let error = gif_without_metadata(&whole[..cut]).unwrap_err();
            assert!(
                error.contains("damaged") || error.contains("not a GIF"),
                "{error}"
            );
        }
        let mut odd = whole.clone();
        odd[19] = 0x99;
        assert!(gif_without_metadata(&odd).unwrap_err().contains("0x99"));
    }

    #[test]
    fn heif_items_of_exif_or_xmp_are_found() {
        assert_eq!(heif_metadata(&avif_with_items(None)), Ok(None));
        assert_eq!(
            heif_metadata(&avif_with_items(Some(b"Exif"))),
            Ok(Some("EXIF"))
        );
        let mut xmp = boxed(b"ftyp", b"avif\0\0\0\0");
        let mut uuid = XMP_UUID.to_vec();
        uuid.extend(b"<x:xmpmeta/>");
        xmp.extend(boxed(b"uuid", &uuid));
        assert_eq!(heif_metadata(&xmp), Ok(Some("XMP")));
        assert!(heif_metadata(b"<html>").is_err());
        let whole = avif_with_items(Some(b"Exif"));
        assert!(heif_metadata(&whole[..whole.len() - 3]).is_err());
    }
}
