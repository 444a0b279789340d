//! Deterministic phone-like photos, for the photo benchmark (`bench/photos.sh`) and the browser
//! fixture: JPEGs with a gradient, shapes and sensor-like noise (so they weigh what a phone's do),
//! and an EXIF segment with a GPS position and, for every other photo, orientation 6.
//!
//! ```sh
//! # 200 photos of 4000x3000 spread over the stories of a site made by gen_corpus: each story
//! # gets a lead image and the rest in its text (files under static/photos/).
//! cargo run --release --example gen_photos -- --site /tmp/corpus --photos 200
//! # One photo.
//! cargo run --release --example gen_photos -- --one shop.jpg --width 1000 --height 750 --seed 3
//! ```
//!
//! The same arguments always give the same bytes. Only `image` and `rayon` (already
//! dependencies) and the standard library are used.

use std::io::Cursor;
use std::path::Path;

use rayon::prelude::*;

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u32) -> u32 {
        u32::try_from(self.next() % u64::from(n.max(1))).unwrap_or(0)
    }
}

/// A `width` x `height` photo from `seed`, JPEG at `quality`, with EXIF (GPS, and orientation 6
/// when `turned`).
fn photo(width: u32, height: u32, seed: u64, quality: u8, turned: bool) -> Vec<u8> {
    let mut rng = Rng(seed);
    let top = [rng.below(256), rng.below(256), rng.below(256)];
    let bottom = [rng.below(256), rng.below(256), rng.below(256)];
    let shapes: Vec<(u32, u32, u32, [u32; 3])> = (0..6)
        .map(|_| {
            (
                rng.below(width),
                rng.below(height),
                width / 12 + rng.below(width / 5),
                [rng.below(256), rng.below(256), rng.below(256)],
            )
        })
        .collect();
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let mut colour = [0u32; 3];
        for c in 0..3 {
            colour[c] = (top[c] * (height - y) + bottom[c] * y) / height;
        }
        for (cx, cy, r, fill) in &shapes {
            let (dx, dy) = (x.abs_diff(*cx), y.abs_diff(*cy));
            if dx * dx + dy * dy < r * r {
                colour = *fill;
            }
        }
        // Sensor noise: what makes a phone's photos weigh megabytes.
        let hash = (u64::from(x) << 32 | u64::from(y)) ^ seed;
        let noise = Rng(hash).next();
        let pixel = |c: usize| {
            let n = i64::from(u8::try_from((noise >> (c * 8)) & 0x1F).unwrap_or(0)) - 16;
            u8::try_from((i64::from(colour[c]) + n).clamp(0, 255)).unwrap_or(0)
        };
        image::Rgb([pixel(0), pixel(1), pixel(2)])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut jpeg), quality)
        .encode_image(&image)
        .expect("encode a JPEG");
    with_exif(&jpeg, if turned { 6 } else { 1 }, seed)
}

/// `jpeg` with an APP1 EXIF segment: `orientation` and a GPS latitude that differs by `seed`.
fn with_exif(jpeg: &[u8], orientation: u16, seed: u64) -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    };
    let o = orientation.to_be_bytes();
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, [o[0], o[1], 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, 38u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, 68u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    let minutes = u32::try_from(seed % 60).unwrap_or(0);
    for (n, d) in [(51u32, 1u32), (minutes, 1), (0, 1)] {
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

/// Spreads `count` photos over the stories of the site at `site`: photo files under
/// `static/photos/`, the first of each story as its lead image, the others in its text.
fn photograph_site(site: &Path, count: usize, width: u32, height: u32, seed: u64) {
    let stories_dir = site.join("content/stories");
    let mut stories = Vec::new();
    let mut folders = vec![stories_dir.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("content/stories of a gen_corpus site")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                stories.push(path);
            }
        }
    }
    stories.sort();
    assert!(
        !stories.is_empty(),
        "no stories in {}",
        stories_dir.display()
    );
    let photos = site.join("static/photos");
    std::fs::create_dir_all(&photos).expect("make static/photos");
    let mut per_story: Vec<Vec<usize>> = vec![Vec::new(); stories.len()];
    for n in 0..count {
        per_story[n % stories.len()].push(n);
    }
    // One photo per core at a time: each is made and written on its own.
    (0..count).into_par_iter().for_each(|n| {
        let path = photos.join(format!("p{n:04}.jpg"));
        if !path.exists() {
            let bytes = photo(width, height, seed.wrapping_add(n as u64), 90, n % 2 == 1);
            std::fs::write(&path, bytes).expect("write a photo");
        }
    });
    for (story, numbers) in stories.iter().zip(&per_story) {
        let Some((lead, rest)) = numbers.split_first() else {
            continue;
        };
        let text = std::fs::read_to_string(story).expect("read a story");
        if text.contains("/photos/") {
            continue;
        }
        let body_start = text[3..]
            .find("\n---")
            .map(|i| i + 3)
            .expect("front matter");
        let mut out = text[..body_start].to_owned();
        out.push_str(&format!(
            "\nimage:\n  src: /photos/p{lead:04}.jpg\n  alt: Photo {lead} of the story"
        ));
        out.push_str(&text[body_start..]);
        for n in rest {
            out.push_str(&format!(
                "\n\n![Photo {n}, taken on the day](/photos/p{n:04}.jpg)\n"
            ));
        }
        std::fs::write(story, out).expect("write a story");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number =
        |name: &str, default: u64| value(name).map_or(default, |v| v.parse().expect("a number"));
    let width = u32::try_from(number("--width", 4000)).expect("a width");
    let height = u32::try_from(number("--height", 3000)).expect("a height");
    let seed = number("--seed", 1);
    if let Some(one) = value("--one") {
        let quality = u8::try_from(number("--quality", 80)).expect("a quality");
        std::fs::write(&one, photo(width, height, seed, quality, false)).expect("write");
    } else if let Some(site) = value("--site") {
        let count = usize::try_from(number("--photos", 200)).expect("a count");
        photograph_site(Path::new(&site), count, width, height, seed);
    } else {
        eprintln!(
            "usage: gen_photos --site DIR [--photos N] | --one FILE [--width W --height H --seed S]"
        );
        std::process::exit(2);
    }
}
