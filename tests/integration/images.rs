//! Image sizes: raster images of `static/` and of story bundles get their `width` and `height`
//! (read from the file's header while loading), as lead images and in Markdown; remote, SVG and
//! unreadable images get none. Markdown images load lazily; the lead image never does. A session
//! sees an image file change like a fresh build does.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use rave::session::Session;

use crate::util::Site;

/// A valid PNG of `width` x `height` grey pixels: IHDR, one IDAT of stored (uncompressed) zlib
/// blocks, IEND, every chunk with its CRC.
fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        let len = u32::try_from(data.len()).expect("a small chunk");
        out.extend(len.to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    // Each row: filter type 0, then one grey byte per pixel.
    let row = usize::try_from(width).expect("a small width");
    let raw: Vec<u8> = (0..height)
        .flat_map(|_| std::iter::once(0).chain(std::iter::repeat_n(0x80, row)))
        .collect();
    let mut zlib = vec![0x78, 0x01];
    let blocks = raw.chunks(0xffff).count();
    for (i, block) in raw.chunks(0xffff).enumerate() {
        zlib.push(u8::from(i + 1 == blocks));
        let len = u16::try_from(block.len()).expect("a stored block");
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit greyscale, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The `<img ...>` tag that starts with `start` in `html`.
#[track_caller]
fn img<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let rest = &html[at..];
    &rest[..=rest.find('>').expect("the tag ends")]
}

/// A site with raster images in static/ and in a story bundle, used as lead images and in
/// Markdown, beside remote, SVG and broken ones.
fn image_site() -> Site {
    let site = Site::new();
    site.file("static/images/wide.png", png(3, 2))
        .file("static/images/broken.png", "not a PNG at all")
        .file(
            "static/images/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>",
        )
        .file("content/stories/bundled/shop.png", png(4, 3))
        .file("content/stories/bundled/till.png", png(2, 5))
        .story(
            "bundled/index.md",
            "title: Bundled\ndate: 2023-05-01\ncompany: Acme\nrating: A\nimage:\n  src: shop.png\n  alt: The shop",
            "Intro.\n\n\
             ![A wide one](/images/wide.png)\n\n\
             ![The till](till.png \"The till, close up\")\n\n\
             ![Remote](https://cdn.example/r.png)\n\n\
             ![Broken](/images/broken.png)\n\n\
             ![Vector](/images/logo.svg)\n",
        )
        .story(
            "static-lead.md",
            "title: Static lead\ndate: 2023-05-02\ncompany: Acme\nrating: B\nimage:\n  src: /images/wide.png\n  alt: Wide",
            "Text.\n",
        )
        .story(
            "remote-lead.md",
            "title: Remote lead\ndate: 2023-05-03\ncompany: Acme\nrating: C\nimage:\n  src: https://cdn.example/lead.png\n  alt: Far away",
            "Text.\n",
        )
        .file(
            "content/pages/about.md",
            "---\ntitle: About\n---\n![Wide](/images/wide.png)\n",
        );
    site
}

#[test]
fn site_images_get_their_size_and_markdown_images_load_lazily() {
    let site = image_site();
    let run = site.build(&[]);
    run.success();
    // A file named like a photo that is not one is left out with a warning (rave cannot vouch
    // that it holds no location); an SVG is no photo and needs no size.
    assert!(
        run.stderr
            .contains("static/images/broken.png: warning: the photo is not published")
            && !run.stderr.contains("logo.svg"),
        "{}",
        run.stderr
    );
    assert!(!site.out().join("images/broken.png").exists());

    let bundled = site.page("stories/bundled/index.html");
    // The lead image, a bundle file: sized, with its copies, and not lazy (it is above the fold).
    assert_eq!(
        img(&bundled, "<img src=\"/stories/bundled/shop.png\""),
        "<img src=\"/stories/bundled/shop.png\" alt=\"The shop\" srcset=\"/stories/bundled/shop-4w.png 4w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"4\" height=\"3\">"
    );
    assert_eq!(bundled.matches("<img").count(), 6, "{bundled}");
    // Markdown: a static image, a bundle image as a figure, a remote one, a file that is not the
    // image it claims to be, an SVG.
    assert_eq!(
        img(&bundled, "<img src=\"/images/wide.png\""),
        "<img src=\"/images/wide.png\" alt=\"A wide one\" srcset=\"/images/wide-3w.png 3w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"3\" height=\"2\" loading=\"lazy\" decoding=\"async\" />"
    );
    assert_eq!(
        img(&bundled, "<img src=\"till.png\""),
        "<img src=\"till.png\" alt=\"The till\" srcset=\"till-2w.png 2w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"2\" height=\"5\" loading=\"lazy\" decoding=\"async\">"
    );
    assert!(
        bundled.contains("<figure><picture><source type=\"image/webp\" srcset=\"till-2w.webp 2w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\"><img src=\"till.png\""),
        "{bundled}"
    );
    for (src, alt) in [
        ("https://cdn.example/r.png", "Remote"),
        ("/images/broken.png", "Broken"),
        ("/images/logo.svg", "Vector"),
    ] {
        assert_eq!(
            img(&bundled, &format!("<img src=\"{src}\"")),
            format!("<img src=\"{src}\" alt=\"{alt}\" loading=\"lazy\" decoding=\"async\" />")
        );
    }

    // A lead image from static/, and a remote one (no size).
    assert_eq!(
        img(
            &site.page("stories/static-lead/index.html"),
            "<img src=\"/images/wide.png\""
        ),
        "<img src=\"/images/wide.png\" alt=\"Wide\" srcset=\"/images/wide-3w.png 3w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"3\" height=\"2\">"
    );
    assert_eq!(
        img(
            &site.page("stories/remote-lead/index.html"),
            "<img src=\"https://cdn.example/lead.png\""
        ),
        "<img src=\"https://cdn.example/lead.png\" alt=\"Far away\">"
    );
    // Plain pages' Markdown too.
    assert_eq!(
        img(
            &site.page("pages/about/index.html"),
            "<img src=\"/images/wide.png\""
        ),
        "<img src=\"/images/wide.png\" alt=\"Wide\" srcset=\"/images/wide-3w.png 3w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"3\" height=\"2\" loading=\"lazy\" decoding=\"async\" />"
    );
    // The photos are published again from their pixels (without metadata), with copies.
    for (path, size) in [
        ("images/wide.png", (3, 2)),
        ("images/wide-3w.png", (3, 2)),
        ("images/wide-3w.webp", (3, 2)),
    ] {
        let bytes = std::fs::read(site.out().join(path)).expect("published");
        let image = image::load_from_memory(&bytes).expect("an image");
        assert_eq!((image.width(), image.height()), size, "{path}");
    }

    // Under a sub-folder, site paths of front matter get the folder and keep their size.
    let blog = site.beside("blog");
    site.build_to(&blog, &["--base-url", "https://example.com/blog/"])
        .success();
    let page = crate::util::read_page(&blog, "stories/static-lead/index.html");
    assert_eq!(
        img(&page, "<img src=\"/blog/images/wide.png\""),
        "<img src=\"/blog/images/wide.png\" alt=\"Wide\" srcset=\"/blog/images/wide-3w.png 3w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"3\" height=\"2\">"
    );
}

fn set_modified(path: &std::path::Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .unwrap_or_else(|e| panic!("set the modification time of {}: {e}", path.display()));
}

/// A page of a session's build.
#[track_caller]
fn page_of(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8_lossy(files.get(path).unwrap_or_else(|| panic!("no {path}"))).into_owned()
}

#[test]
fn a_session_sees_an_image_file_change() {
    let site = image_site();
    let root = site.root();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let shop = root.join("content/stories/bundled/shop.png");
    let wide = root.join("static/images/wide.png");
    // Files changed long ago: the session's cache trusts their stamps.
    set_modified(&shop, an_hour_ago);
    set_modified(&wide, an_hour_ago);
    let mut session = Session::new(site.options());
    let mut build = |step: &str| {
        let (built, _) = session
            .build()
            .unwrap_or_else(|d| panic!("{step}: {}", d.render()));
        let files = built.output.files();
        let (fresh, _) = Session::new(site.options())
            .build()
            .unwrap_or_else(|d| panic!("{step}, fresh: {}", d.render()));
        assert!(
            files == fresh.output.files(),
            "{step}: the session's build differs from a fresh one"
        );
        files
    };
    let files = build("first build");
    let bundled = page_of(&files, "stories/bundled/index.html");
    assert!(bundled.contains(
        "sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"4\" height=\"3\">"
    ));
    assert!(bundled.contains("wide-3w.png 3w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"3\" height=\"2\""));
    build("a rebuild without changes");

    // New images, with stamps (length, modification time) the cache has not seen.
    site.file("content/stories/bundled/shop.png", png(6, 3));
    site.file("static/images/wide.png", png(7, 2));
    set_modified(&shop, an_hour_ago + Duration::from_secs(60));
    set_modified(&wide, an_hour_ago + Duration::from_secs(60));
    let files = build("images replaced");
    let bundled = page_of(&files, "stories/bundled/index.html");
    assert!(
        bundled.contains("shop-6w.png 6w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"6\" height=\"3\">"),
        "{bundled}"
    );
    assert!(
        bundled.contains("wide-7w.png 7w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"7\" height=\"2\""),
        "{bundled}"
    );
    let static_lead = page_of(&files, "stories/static-lead/index.html");
    assert!(
        static_lead.contains("wide-7w.png 7w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" width=\"7\" height=\"2\">"),
        "{static_lead}"
    );

    // A removed image loses its size (the Markdown reference stays, as a plain image).
    site.remove("static/images/wide.png");
    let files = build("static image removed");
    let bundled = page_of(&files, "stories/bundled/index.html");
    assert!(
        bundled.contains(
            "<img src=\"/images/wide.png\" alt=\"A wide one\" loading=\"lazy\" decoding=\"async\" />"
        ),
        "{bundled}"
    );
}
