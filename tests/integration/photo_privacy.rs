//! No published image keeps metadata, whatever its format: exiftool (the reference reader of
//! EXIF, XMP, IPTC and GIF comments) reads every image of the output. A GIF loses its comment
//! and XMP blocks but keeps its frames; an AVIF without metadata is published as it is, one
//! with EXIF is not published and a warning says why. TIFF and camera raw files, which rave
//! cannot clean, are not published unless the site keeps metadata.
//!
//! exiftool is needed (CI installs `libimage-exiftool-perl`); without it the test says so and
//! checks nothing.

use std::path::Path;
use std::process::Command;

use crate::photos::{files_under, phone_photo};
use crate::util::Site;

/// A 1x1 GIF89a whose comment and XMP block (stored as GIF stores XMP: raw, then the 257-byte
/// "magic trailer" that ends any run of sub-blocks) say where it was made.
fn gif_with_metadata() -> Vec<u8> {
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    gif.extend([0, 0, 0, 255, 255, 255]);
    gif.extend(b"\x21\xFE\x0CGPS 51.5 N 0\x00");
    gif.extend(b"\x21\xFF\x0BXMP DataXMP");
    gif.extend(
        concat!(
            "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF ",
            "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description ",
            "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"51,30.0N\"/>",
            "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
        )
        .as_bytes(),
    );
    gif.push(1);
    gif.extend((0..=255u8).rev());
    gif.push(0);
    gif.extend(b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00");
    gif.extend(b"\x21\xF9\x04\x00\x00\x00\x00\x00");
    gif.extend(b"\x2C\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00");
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

/// The boxes of an AVIF file naming its items: an `av01` image and, with `exif`, an EXIF item.
fn avif(exif: bool) -> Vec<u8> {
    let infe = |id: u8, kind: &[u8; 4]| {
        let mut body = vec![2, 0, 0, 0, 0, id, 0, 0];
        body.extend(kind);
        body.push(0);
        boxed(b"infe", &body)
    };
    let mut iinf = vec![0, 0, 0, 0, 0, 1 + u8::from(exif)];
    iinf.extend(infe(1, b"av01"));
    if exif {
        iinf.extend(infe(2, b"Exif"));
    }
    let mut meta = vec![0, 0, 0, 0];
    meta.extend(boxed(b"iinf", &iinf));
    let mut file = boxed(b"ftyp", b"avif\0\0\0\0avifmif1");
    file.extend(boxed(b"meta", &meta));
    file
}

/// The metadata tags exiftool finds in `path`: EXIF (all its IFDs, GPS, maker notes), XMP,
/// IPTC, Photoshop and comments.
fn metadata_tags(path: &Path) -> Vec<String> {
    let run = Command::new("exiftool")
        .args(["-j", "-a", "-G1", "-u"])
        .arg(path)
        .output()
        .expect("exiftool runs");
    let text = String::from_utf8_lossy(&run.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("exiftool output for {}: {e}: {text}", path.display()));
    let tags = parsed[0].as_object().expect("one file's tags");
    tags.iter()
        .filter(|(name, _)| {
            let (group, tag) = name.split_once(':').unwrap_or(("", name));
            [
                "IFD",
                "ExifIFD",
                "GPS",
                "XMP",
                "IPTC",
                "Photoshop",
                "MakerNotes",
                "InteropIFD",
            ]
            .iter()
            .any(|g| group.starts_with(g))
                || tag == "Comment"
        })
        .map(|(name, value)| format!("{name}: {value}"))
        .collect()
}

fn exiftool_runs() -> bool {
    Command::new("exiftool")
        .arg("-ver")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn exiftool_finds_no_metadata_in_any_published_image() {
    if !exiftool_runs() {
        eprintln!(
            "SKIPPED: exiftool is not installed (apt-get install libimage-exiftool-perl); \
             no output image was checked for metadata"
        );
        return;
    }
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  widths: [60, 120]\n",
    )
    .file("content/stories/tent/tent.jpg", phone_photo(240, 160))
    .file("content/stories/tent/spin.gif", gif_with_metadata())
    .file("content/stories/tent/clean.avif", avif(false))
    .file("static/images/located.avif", avif(true))
    .file("static/images/shopfront.jpg", phone_photo(100, 80))
    .file("static/images/unused.jpg", phone_photo(30, 20))
    .story(
        "tent/index.md",
        "title: The tent\ndate: 2023-05-01\ncompany: Acme\nrating: D\nimage:\n  src: tent.jpg\n  alt: The torn tent",
        "It tore.\n\n![Spinning](spin.gif)\n\n![Shop](/images/shopfront.jpg)\n",
    );
    // The fixtures do hold what the test looks for.
    let input = site.root();
    for rel in [
        "content/stories/tent/tent.jpg",
        "content/stories/tent/spin.gif",
    ] {
        let found = metadata_tags(&input.join(rel));
        assert!(found.iter().any(|t| t.contains("GPS")), "{rel}: {found:?}");
    }

    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr.contains("static/images/located.avif: warning: the photo is not published: it holds EXIF metadata"),
        "{}",
        run.stderr
    );
    let out = site.out();
    assert!(!out.join("images/located.avif").exists());
    assert_eq!(
        std::fs::read(out.join("stories/tent/clean.avif")).expect("published"),
        avif(false),
        "an AVIF without metadata is published as it is"
    );
    let gif = std::fs::read(out.join("stories/tent/spin.gif")).expect("published");
    assert!(
        gif.ends_with(b"\x02\x02\x44\x01\x00\x3B"),
        "the frame is kept"
    );
    assert!(
        gif.windows(11).any(|w| w == b"NETSCAPE2.0"),
        "the animation loop is kept"
    );

    let images: Vec<_> = files_under(&out)
        .into_iter()
        .filter(|p| {
            let e = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
            ["jpg", "png", "webp", "gif", "avif"].contains(&e)
        })
        .collect();
    assert!(images.len() >= 14, "{images:?}");
    for path in &images {
        let found = metadata_tags(path);
        assert!(found.is_empty(), "{}: {found:?}", path.display());
    }
}

/// A little-endian TIFF whose EXIF names a GPS latitude (`N`): the tags a scanner or a raw
/// file carries, without pixels (rave refuses such files by name, unread).
fn tiff_with_gps() -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    // IFD0 at 8: the image width and the GPS IFD's offset (8 + 2 + 2 * 12 + 4 = 38).
    tiff.extend(2u16.to_le_bytes());
    tiff.extend([0x00, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
    tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend(0u32.to_le_bytes());
    // The GPS IFD: GPSLatitudeRef "N".
    tiff.extend(1u16.to_le_bytes());
    tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend(0u32.to_le_bytes());
    tiff
}

#[test]
fn tiff_and_raw_files_are_not_published_unless_the_site_keeps_metadata() {
    let site = Site::new();
    site.file("static/scans/receipt.tif", tiff_with_gps())
        .file("content/stories/tent/RAW0042.DNG", tiff_with_gps())
        .story(
            "tent/index.md",
            "title: The tent\ndate: 2023-05-01\ncompany: Acme\nrating: D",
            "It tore.\n",
        );
    if exiftool_runs() {
        let found = metadata_tags(&site.root().join("static/scans/receipt.tif"));
        assert!(found.iter().any(|t| t.contains("GPS")), "{found:?}");
    }
    let run = site.build(&[]);
    run.success();
    for (file, format) in [
        ("static/scans/receipt.tif", "a TIFF image"),
        (
            "content/stories/tent/RAW0042.DNG",
            "a DNG (camera raw) image",
        ),
    ] {
        let expected = format!(
            "{file}: warning: the photo is not published: it is {format}, which can hold metadata"
        );
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("images.keep_metadata: true"),
        "{}",
        run.stderr
    );
    let out = site.out();
    assert!(!out.join("scans/receipt.tif").exists());
    assert!(!out.join("stories/tent/RAW0042.DNG").exists());

    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  keep_metadata: true\n",
    );
    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("not published"), "{}", run.stderr);
    for published in ["scans/receipt.tif", "stories/tent/RAW0042.DNG"] {
        assert_eq!(
            std::fs::read(out.join(published)).expect("published"),
            tiff_with_gps(),
            "{published} is published as it is"
        );
    }
}
