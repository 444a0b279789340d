//! Photos: a phone photo with GPS tags and EXIF orientation 6 is published upright, without any
//! metadata, in the widths the site asks for (WebP beside JPEG, every `srcset` candidate the
//! width it states), with an Open Graph image when it leads a story; a second build takes every
//! photo from the cache; hostile files named like photos give warnings naming them.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use crate::util::Site;

/// A `width` x `height` JPEG whose left half is red and right half blue, with an EXIF segment
/// holding orientation 6 (turn 90 degrees clockwise to view) and a GPS latitude.
pub(crate) fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .expect("encode");
    // TIFF, big-endian: IFD0 at 8 with Orientation and a GPS IFD pointer; the GPS IFD at 38
    // with GPSLatitudeRef "N" and GPSLatitude 51/1, 30/1, 0/1 (rationals at 68).
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    };
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, [0, 6, 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, 38u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 38);
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, 68u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 68);
    for (n, d) in [(51u32, 1u32), (30, 1), (0, 1)] {
        tiff.extend(n.to_be_bytes());
        tiff.extend(d.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let length = u16::try_from(app1.len() + 2).expect("a small segment");
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(length.to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// The EXIF fields of an image file, if it holds any (JPEG, PNG, WebP ...).
fn exif_of(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()
}

/// Every file under `dir`, recursively.
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The values of every `attribute="..."` in `html`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("the attribute ends")]
        })
        .collect()
}

fn photo_site() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  widths: [60, 120, 400]\n",
    )
    .file("content/stories/tent/tent.jpg", phone_photo(240, 160))
    .file("content/stories/tent/receipt.jpg", phone_photo(90, 60))
    .file("static/images/shopfront.jpg", phone_photo(100, 80))
    .story(
        "tent/index.md",
        "title: The tent\ndate: 2023-05-01\ncompany: Acme\nrating: D\nimage:\n  src: tent.jpg\n  alt: The torn tent",
        "It tore.\n\n![The receipt](receipt.jpg)\n\n![The shop](/images/shopfront.jpg \"The shop front\")\n",
    );
    site
}

#[test]
fn the_fixture_carries_gps_and_orientation() {
    let exif = exif_of(&phone_photo(20, 10)).expect("EXIF in the fixture");
    let orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0));
    assert_eq!(orientation, Some(6));
    assert!(
        exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    );
}

#[test]
fn photos_are_upright_private_and_published_in_every_width() {
    let site = photo_site();
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .contains("Photos: 3 processed, 0 from the cache."),
        "{}",
        run.stdout
    );
    let out = site.out();

    // No published image holds EXIF (so no GPS), whatever its format.
    let images: Vec<PathBuf> = files_under(&out)
        .into_iter()
        .filter(|p| {
            let e = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
            ["jpg", "png", "webp"].contains(&e)
        })
        .collect();
    assert!(images.len() >= 12, "{images:?}");
    for path in &images {
        let bytes = std::fs::read(path).expect("read");
        assert!(exif_of(&bytes).is_none(), "{} holds EXIF", path.display());
        image::load_from_memory(&bytes).expect("every published image decodes");
    }

    // The photo itself, upright: 240x160 turned a quarter clockwise is 160x240, its left (red)
    // half now on top.
    let tent = image::open(out.join("stories/tent/tent.jpg"))
        .expect("published")
        .to_rgb8();
    assert_eq!(tent.dimensions(), (160, 240));
    let top = tent.get_pixel(80, 30);
    let bottom = tent.get_pixel(80, 210);
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );

    // Every srcset candidate exists with the width it states, never wider than the photo.
    let page = site.page("stories/tent/index.html");
    let srcsets = attributes(&page, "srcset");
    assert!(srcsets.len() >= 6, "{page}");
    let mut candidates = 0;
    for srcset in srcsets {
        for candidate in srcset.split(", ") {
            let (url, width) = candidate.split_once(' ').expect("url and width");
            let width: u32 = width.trim_end_matches('w').parse().expect("a width");
            let path = match url.strip_prefix('/') {
                Some(site_path) => out.join(site_path),
                None => out.join("stories/tent").join(url),
            };
            let copy =
                image::open(&path).unwrap_or_else(|e| panic!("{url} ({}): {e}", path.display()));
            assert_eq!(copy.width(), width, "{url}");
            candidates += 1;
        }
    }
    assert!(candidates >= 12, "{page}");
    // The lead image: its widths in WebP and JPEG; the receipt (60 wide upright) only its own.
    assert!(page.contains("srcset=\"/stories/tent/tent-60w.webp 60w, /stories/tent/tent-120w.webp 120w, /stories/tent/tent-160w.webp 160w\""), "{page}");
    assert!(page.contains("srcset=\"receipt-60w.jpg 60w\""), "{page}");
    assert!(
        page.contains("<figure><picture><source type=\"image/webp\""),
        "{page}"
    );

    // The Open Graph image of the lead photo: 1200x630, named in the page.
    assert!(
        page.contains(
            "<meta property=\"og:image\" content=\"https://example.com/stories/tent/tent-og.jpg\">"
        ),
        "{page}"
    );
    let og = image::open(out.join("stories/tent/tent-og.jpg")).expect("og image");
    assert_eq!((og.width(), og.height()), (1200, 630));

    // A second build processes nothing; its output is the same.
    let first = crate::util::snapshot(&out);
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .contains("Photos: 0 processed, 3 from the cache."),
        "{}",
        run.stdout
    );
    assert!(
        first == crate::util::snapshot(&out),
        "a cached build differs"
    );

    // A new photo is processed alone; a removed one's cache entry is pruned.
    let cache = site.root().join(".rave-cache/images");
    let entries = |ext: &str| {
        files_under(&cache)
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .filter(|p| !p.ends_with("stamps.txt"))
            .count()
    };
    assert_eq!(entries("txt"), 3);
    site.file("static/images/new.jpg", phone_photo(50, 40));
    site.remove("content/stories/tent/receipt.jpg");
    site.file(
        "content/stories/tent/index.md",
        crate::util::with_front_matter(
            "title: The tent\ndate: 2023-05-01\ncompany: Acme\nrating: D\nimage:\n  src: tent.jpg\n  alt: The torn tent",
            "It tore.\n\n![New](/images/new.jpg)\n",
        ),
    );
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .contains("Photos: 1 processed, 2 from the cache."),
        "{}",
        run.stdout
    );
    assert_eq!(entries("txt"), 3);
}

#[test]
fn a_site_can_keep_metadata() {
    let site = photo_site();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  widths: [60]\n  keep_metadata: true\n",
    );
    site.build(&[]).success();
    let original = std::fs::read(site.out().join("stories/tent/tent.jpg")).expect("published");
    assert_eq!(
        original,
        phone_photo(240, 160),
        "the photo is published as it is"
    );
    let copy = std::fs::read(site.out().join("stories/tent/tent-60w.jpg")).expect("a copy");
    assert!(exif_of(&copy).is_none());
}

#[test]
fn bad_image_settings_are_explained() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  widths: [0]\n  quality: 101\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("`images.widths` must list 1 to 8 widths"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`images.quality` must be between 1 and 100"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_photos_give_warnings_naming_them() {
    let site = Site::new();
    let whole = phone_photo(64, 64);
    // A PNG that claims 50,000 x 50,000 pixels, with a valid IHDR checksum.
    let mut huge = Vec::new();
    image::DynamicImage::new_rgb8(1, 1)
        .write_to(&mut Cursor::new(&mut huge), image::ImageFormat::Png)
        .expect("encode");
    huge[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = {
        let mut crc = u32::MAX;
        for &b in &huge[12..29] {
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
    };
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    site.file("static/truncated.jpg", &whole[..whole.len() / 2])
        .file("static/huge.png", huge)
        .file(
            "static/page.jpg",
            "<!doctype html><title>x</title><p>Not a photo.",
        )
        .file("static/empty.jpg", "")
        .story(
            "s.md",
            "title: S\ndate: 2023-01-01\ncompany: Acme\nrating: A",
            "Text.\n",
        );
    let run = site.build(&[]);
    run.success();
    for (file, why) in [
        ("static/truncated.jpg", "truncated"),
        ("static/huge.png", "50000x50000"),
        ("static/page.jpg", "not a JPEG, PNG or WebP image"),
        ("static/empty.jpg", "empty"),
    ] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("{file}: warning: the photo is not published")))
            .unwrap_or_else(|| panic!("no warning for {file}: {}", run.stderr));
        assert!(line.contains(why), "{line}");
        let name = file.trim_start_matches("static/");
        assert!(!site.out().join(name).exists(), "{name} is not published");
    }

    // `rave check` finds them too, from their headers, and writes nothing (no cache).
    std::fs::remove_dir_all(site.root().join(".rave-cache")).ok();
    let root = site.root();
    let checked = crate::util::rave(&["check".as_ref(), "--root".as_ref(), root.as_os_str()]);
    for file in [
        "static/truncated.jpg",
        "static/huge.png",
        "static/page.jpg",
        "static/empty.jpg",
    ] {
        assert!(
            checked
                .stdout
                .contains(&format!("{file}: warning: the photo is not published")),
            "{file}: {}",
            checked.stdout
        );
    }
    assert!(!root.join(".rave-cache").exists(), "check wrote the cache");
}

#[test]
fn a_photo_is_published_under_its_own_name_at_its_widest_copy_unless_full_size_is_asked() {
    let site = photo_site();
    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  widths: [60, 100]\n",
    );
    site.build(&[]).success();
    let size = |rel: &str| {
        let image = image::open(site.out().join(rel)).expect("published");
        (image.width(), image.height())
    };
    // 240x160 upright is 160x240: its own name holds the 100 px copy, the same bytes.
    assert_eq!(size("stories/tent/tent.jpg"), (100, 150));
    assert_eq!(
        std::fs::read(site.out().join("stories/tent/tent.jpg")).expect("read"),
        std::fs::read(site.out().join("stories/tent/tent-100w.jpg")).expect("read")
    );
    // Narrower than the widest copy: its own size.
    assert_eq!(size("stories/tent/receipt.jpg"), (60, 90));

    site.file(
        "site.yaml",
        "title: Test Stories\nbase_url: https://example.com\nimages:\n  widths: [60, 100]\n  full_size: true\n",
    );
    site.build(&[]).success();
    assert_eq!(size("stories/tent/tent.jpg"), (160, 240));
    assert_eq!(size("stories/tent/tent-100w.jpg"), (100, 150));
    let full = std::fs::read(site.out().join("stories/tent/tent.jpg")).expect("read");
    assert!(exif_of(&full).is_none(), "the full-size photo holds EXIF");
}

#[test]
fn an_unchanged_photo_is_known_by_its_stamp_without_being_read() {
    let site = photo_site();
    // Photos last changed a minute ago: their stamps are settled when they are hashed.
    let settled = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let photos = [
        "content/stories/tent/tent.jpg",
        "content/stories/tent/receipt.jpg",
        "static/images/shopfront.jpg",
    ];
    let age = |rel: &str| {
        std::fs::File::options()
            .write(true)
            .open(site.root().join(rel))
            .and_then(|f| f.set_modified(settled))
            .expect("set the modification time");
    };
    photos.iter().for_each(|p| age(p));
    site.build(&[]).success();
    let first = crate::util::snapshot(&site.out());

    // The receipt's bytes change to garbage of the same length, its stamp stays: the build
    // trusts the stamp and does not open it (read, it would be refused as no image).
    let path = site.root().join(photos[1]);
    let length = std::fs::metadata(&path).expect("stat").len();
    site.file(
        photos[1],
        vec![b'x'; usize::try_from(length).expect("small")],
    );
    age(photos[1]);
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stdout
            .contains("Photos: 0 processed, 3 from the cache."),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("receipt.jpg"), "{}", run.stderr);
    assert!(
        first == crate::util::snapshot(&site.out()),
        "a cached build differs"
    );

    // A changed modification time sends it to be read again: now it is refused.
    site.file(
        photos[1],
        vec![b'x'; usize::try_from(length).expect("small")],
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("content/stories/tent/receipt.jpg: warning: the photo is not published"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn published_copies_are_links_to_the_cache_and_outlive_it() {
    use std::os::unix::fs::MetadataExt as _;
    let site = photo_site();
    site.file("static/notes.txt", "a file of the writer's");
    site.build(&[]).success();
    let out = site.out();
    let inode = |path: &Path| {
        let meta = std::fs::metadata(path).expect("stat");
        (meta.dev(), meta.ino(), meta.nlink())
    };
    let cached: Vec<_> = files_under(&site.root().join(".rave-cache/images"))
        .iter()
        .map(|p| inode(p))
        .collect();
    for copy in ["stories/tent/tent-60w.webp", "images/shopfront.jpg"] {
        let (dev, ino, links) = inode(&out.join(copy));
        assert!(links >= 2, "{copy} has {links} link(s)");
        assert!(
            cached.iter().any(|c| (c.0, c.1) == (dev, ino)),
            "{copy} is a file of the cache"
        );
    }
    assert_eq!(
        inode(&out.join("notes.txt")).2,
        1,
        "a site's own file is copied"
    );

    // Deleting the cache leaves the output whole, and a build makes the same bytes again.
    let before = crate::util::snapshot(&out);
    std::fs::remove_dir_all(site.root().join(".rave-cache")).expect("delete the cache");
    assert!(
        before == crate::util::snapshot(&out),
        "the output lost files"
    );
    let run = site.build(&[]);
    run.success();
    assert!(run.stdout.contains("Photos: 3 processed"), "{}", run.stdout);
    assert!(before == crate::util::snapshot(&out), "a rebuild differs");
}
