//! Hostile and broken input, as a guest writer or a commenter could send it: every case ends in
//! a clear diagnostic or a safe page, never a panic, a hang or a file outside the output folder.
//! Runs of the binary are bounded: each is killed and the test fails if it overruns its limit.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rave::diagnostics::{Diagnostic, Diagnostics};

use crate::util::{Run, Running, Site, errors_of, read_page, snapshot, text_of};

/// What a bounded run of the binary did.
#[derive(Debug)]
struct Bounded {
    run: Run,
    elapsed: Duration,
    /// Peak resident memory in KiB, where the system tells it (Linux).
    peak_kib: Option<u64>,
}

/// Peak resident memory of a running process (`VmHWM` of /proc), in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `rave build` on `site` into `out`, killing it and failing the test after `limit`.
#[track_caller]
fn build_bounded(site: &Site, out: &Path, limit: Duration) -> Bounded {
    let started = Instant::now();
    let build = Running::spawn(&site.build_args(out, &[]));
    let mut peak = None;
    let run = build.finish_sampling(limit, |pid| {
        if let Some(kib) = peak_kib(pid) {
            peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
        }
    });
    Bounded {
        run,
        elapsed: started.elapsed(),
        peak_kib: peak,
    }
}

/// A bounded run reads as the run it wraps (`run.stderr`, `run.code`).
impl std::ops::Deref for Bounded {
    type Target = Run;
    fn deref(&self) -> &Run {
        &self.run
    }
}

impl Bounded {
    #[track_caller]
    fn expect_code(&self, code: i32) -> &Bounded {
        self.run.expect_code(code);
        self
    }

    /// Fails unless the peak memory (where known) stayed under `mib`.
    #[track_caller]
    fn expect_memory_under(&self, mib: u64) -> &Bounded {
        if let Some(kib) = self.peak_kib {
            assert!(
                kib < mib * 1024,
                "peak memory {} MiB, more than {mib} MiB",
                kib / 1024
            );
        }
        self
    }

    /// True when some line of stderr starts with `prefix` (`path:line:column: error`).
    fn has_line(&self, prefix: &str) -> bool {
        self.run.stderr.lines().any(|l| l.starts_with(prefix))
    }
}

/// Runs `f` on another thread and fails the test if it takes longer than `limit`.
#[track_caller]
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    match receive.recv_timeout(limit) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("did not finish within {limit:?}")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the work panicked (see its message above)")
        }
    }
}

/// The errors about `path`, at least one.
#[track_caller]
fn errors_for<'a>(errors: &'a [Diagnostic], path: &str) -> Vec<&'a Diagnostic> {
    let found: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.path == Path::new(path))
        .collect();
    assert!(!found.is_empty(), "no error for {path}: {errors:#?}");
    found
}

fn good_story(site: &Site) {
    site.story(
        "good.md",
        "title: Good story\ndate: 2020-01-01\ncompany: Acme\nrating: B",
        "Fine.\n",
    );
}

/// Double-quoted YAML of any string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

// ---------------------------------------------------------------------------------------------
// Front matter that tries to exhaust the parser

#[test]
fn a_yaml_alias_bomb_is_refused_quickly_with_bounded_memory() {
    // Nine levels of nine aliases: 9^9 (387 million) strings if expanded.
    let mut yaml = String::from(
        "title: Bomb\ndate: 2020-01-01\nextra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for (prev, next) in ('a'..='h').zip('b'..='i') {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("  {next}: &{next} [{refs}]\n"));
    }
    let site = Site::new();
    good_story(&site);
    site.story("bomb.md", &yaml, "x\n");
    let run = build_bounded(&site, &site.out(), Duration::from_secs(30));
    run.expect_code(1).expect_memory_under(256);
    assert!(
        run.has_line("content/stories/bomb.md:"),
        "the error names the file and line: {}",
        run.stderr
    );
    assert!(run.stderr.contains("= help:"), "{}", run.stderr);
    assert!(!run.stderr.contains("good.md"), "{}", run.stderr);
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn deeply_nested_front_matter_is_refused_quickly() {
    let site = Site::new();
    good_story(&site);
    // 100,000 nested flow lists on one line.
    site.story(
        "flow.md",
        &format!(
            "title: Deep\ndate: 2020-01-01\nextra:\n  x: {}{}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        "x\n",
    );
    // 300 nested block mappings, one per line.
    let mut block = String::from("title: Deep\ndate: 2020-01-01\nextra:\n");
    for depth in 1..=300 {
        block.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    site.story("block.md", &block, "x\n");
    let run = build_bounded(&site, &site.out(), Duration::from_secs(30));
    run.expect_code(1).expect_memory_under(256);
    assert!(run.has_line("content/stories/flow.md:5:"), "{}", run.stderr);
    assert!(run.has_line("content/stories/block.md:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nests lists and mappings more than 32 deep"),
        "{}",
        run.stderr
    );
    // The 200,000-character line is not printed back in full.
    assert!(
        run.stderr.len() < 20_000,
        "stderr is {} bytes long",
        run.stderr.len()
    );
}

#[test]
fn thousands_of_errors_on_one_long_line_take_bounded_memory() {
    // 45,000 tags without letters on one 180 kB line: each error used to carry its own copy
    // of the line (8 GB in all).
    let site = Site::new();
    site.story(
        "tags.md",
        &format!(
            "title: Tags\ndate: 2020-01-01\ntags: [{}]",
            "\"!\",".repeat(45_000)
        ),
        "x\n",
    );
    let run = build_bounded(&site, &site.out(), Duration::from_secs(120));
    run.expect_code(1).expect_memory_under(512);
    assert!(
        run.has_line("content/stories/tags.md:4:"),
        "{}",
        run.stderr.chars().take(2000).collect::<String>()
    );
    assert!(
        run.stderr.contains("45000 errors"),
        "every error is counted"
    );
}

#[test]
fn thousands_of_errors_on_their_own_lines_are_reported_in_linear_time() {
    // 45,000 tags without letters, one per line (270 kB): each error's source line used to be
    // found by counting lines from the top of the file (223 s in a debug build, 46 s release).
    let site = Site::new();
    site.story(
        "tags.md",
        &format!(
            "title: Tags\ndate: 2020-01-01\ntags:\n{}",
            "- \"!\"\n".repeat(45_000)
        ),
        "x\n",
    );
    let run = build_bounded(&site, &site.out(), Duration::from_secs(60));
    run.expect_code(1).expect_memory_under(512);
    assert!(
        run.stderr.contains("45000 errors"),
        "every error is counted"
    );
    // The last one points at its own line and shows it.
    assert!(
        run.has_line("content/stories/tags.md:45004:3: error: tag `!`"),
        "{}",
        run.stderr.chars().rev().take(2000).collect::<String>()
    );
    assert!(run.stderr.contains("45004 | - \"!\""));
}

// ---------------------------------------------------------------------------------------------
// Big and pathological bodies

#[test]
fn a_20_mb_story_builds_in_bounded_time_and_memory() {
    // rave sets no limit on a body's size (only front matter is capped, at 1 MiB): a 20 MB
    // story builds. This bounds how long and how much memory that takes (debug build).
    let paragraph = "Lorem ipsum dolor sit amet, [a link](https://example.org/x) and *emphasis*, \
                     consectetur adipiscing elit.\n\n";
    let mut body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    body.push_str("The very last paragraph.\n");
    let site = Site::new();
    site.story("huge.md", "title: Huge\ndate: 2020-01-01", &body);
    let run = build_bounded(&site, &site.out(), Duration::from_secs(600));
    run.expect_code(0).expect_memory_under(3 * 1024);
    let page = read_page(&site.out(), "stories/huge/index.html");
    assert!(page.len() > 20 * 1024 * 1024, "{} bytes", page.len());
    assert!(page.contains("<p>The very last paragraph.</p>"));
    eprintln!(
        "20 MB story: built in {:?}, peak memory {:?} KiB",
        run.elapsed, run.peak_kib
    );
}

#[test]
fn pathological_markdown_renders_in_linear_time() {
    // Each of these used to be quadratic or worse: 20,000 headings with the same text (unique
    // ids), 20,000 images with a title (figures), and a feed entry with 40,000 links.
    let mut body = String::new();
    for _ in 0..20_000 {
        body.push_str("## Same heading\n\n![alt](/img/x.png \"A caption\")\n\n");
    }
    body.push_str(&"[a link](/somewhere/) ".repeat(40_000));
    let site = Site::new();
    site.story("long.md", "title: Long\ndate: 2020-01-01", &body);
    let options = site.options();
    let (pages, _) = within(Duration::from_secs(120), move || {
        rave::pipeline::build_in_memory(&options)
    })
    .unwrap_or_else(|d| panic!("{}", d.render()));
    let page = String::from_utf8_lossy(&pages["stories/long/index.html"]).into_owned();
    assert!(page.contains("id=\"same-heading\""), "first id");
    assert!(page.contains("id=\"same-heading-20000\""), "last id");
    assert_eq!(page.matches("<figure>").count(), 20_000);
    let feed = String::from_utf8_lossy(&pages["atom.xml"]).into_owned();
    assert!(feed.contains("href=&quot;https://example.com/somewhere/&quot;"));
}

#[test]
fn thousands_of_broken_images_are_reported_in_linear_time() {
    // 20,000 missing images: each error's line number used to be counted from the top.
    let body = "Text.\n\n![missing](missing.png)\n\n".repeat(20_000);
    let site = Site::new();
    site.story("broken.md", "title: Broken\ndate: 2020-01-01", &body);
    let options = site.options();
    let diagnostics: Diagnostics = within(Duration::from_secs(120), move || {
        rave::pipeline::build_in_memory(&options)
    })
    .expect_err("missing images are errors");
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 20_000);
    let lines: Vec<usize> = errors
        .iter()
        .filter_map(|d| d.position.map(|p| p.line))
        .collect();
    // The body starts on line 5; each image is 4 lines after the previous one.
    assert_eq!(lines.iter().min(), Some(&7));
    assert_eq!(lines.iter().max(), Some(&(7 + 4 * 19_999)));
    assert_eq!(
        errors[0].source_line.as_deref(),
        Some("![missing](missing.png)")
    );
}

// ---------------------------------------------------------------------------------------------
// Files that are not what they claim

#[test]
fn a_binary_file_named_md_is_an_error_not_a_crash() {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
    const GIF: &[u8] = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;";
    let site = Site::new();
    good_story(&site);
    site.file("content/stories/photo.md", PNG)
        .file("content/stories/anim.md", GIF)
        .file("content/companies/logo.md", PNG);
    let errors = errors_of(&site);
    for path in [
        "content/stories/photo.md",
        "content/stories/anim.md",
        "content/companies/logo.md",
    ] {
        for error in errors_for(&errors, path) {
            assert!(error.position.is_some(), "{error:#?}");
            assert!(
                error.message.contains("UTF-8") || error.message.contains("binary"),
                "{error:#?}"
            );
            assert!(error.help.is_some(), "{error:#?}");
        }
    }
    assert_eq!(errors.len(), 3, "the good story is fine: {errors:#?}");
}

#[test]
fn impossible_ratings_are_errors_at_their_line_with_help() {
    let ratings = [
        "11/10",
        "-1/5",
        "NaN%",
        "A++",
        "inf%",
        "6/5",
        "101%",
        "-5%",
        "1e999/10",
        "★★★★★★",
        "0/0",
        "A+-",
        "5/5/5",
        "%",
        "/10",
    ];
    let site = Site::new();
    good_story(&site);
    for (i, rating) in ratings.iter().enumerate() {
        site.story(
            &format!("r{i}.md"),
            &format!(
                "title: Rated\ndate: 2020-01-01\ncompany: Acme\nrating: {}",
                q(rating)
            ),
            "x\n",
        );
    }
    let errors = errors_of(&site);
    for (i, rating) in ratings.iter().enumerate() {
        let found = errors_for(&errors, &format!("content/stories/r{i}.md"));
        assert_eq!(found.len(), 1, "{rating}: {found:#?}");
        let error = found[0];
        assert_eq!(
            error.position.map(|p| (p.line, p.column)),
            Some((5, 9)),
            "{rating}: {error:#?}"
        );
        assert!(
            error.message.contains(rating),
            "{rating}: the message quotes the rating: {error:#?}"
        );
        assert!(
            !error.help.as_deref().unwrap_or_default().is_empty(),
            "{rating}: {error:#?}"
        );
    }
    assert_eq!(errors.len(), ratings.len(), "{errors:#?}");
}

// ---------------------------------------------------------------------------------------------
// Names that look like paths

/// Every file under `dir` (relative path), folders included.
fn all_paths(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let is_dir = std::fs::symlink_metadata(&path)
                .map(|m| m.is_dir())
                .unwrap_or(false);
            out.push(path.clone());
            if is_dir {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn slugs_and_names_that_look_like_paths_are_errors_at_their_line() {
    let site = Site::new();
    good_story(&site);
    let cases = [
        ("dots.md", "slug: \"..\""),
        ("slash.md", "slug: \"/\""),
        ("up.md", "slug: \"../../escape\""),
        ("abs.md", "slug: \"/etc/passwd\""),
        ("con.md", "slug: \"con\""),
        ("empty.md", "slug: \"\""),
        ("company-dots.md", "company: \"..\"\nrating: A"),
        ("company-slash.md", "company: \"/\"\nrating: A"),
        ("company-blank.md", "company: \"   \"\nrating: A"),
        ("tag-dots.md", "tags: [\"..\"]"),
        ("category-slash.md", "category: \"/\""),
    ];
    for (file, yaml) in cases {
        site.story(
            file,
            &format!("title: Tricky\ndate: 2020-01-01\n{yaml}"),
            "x\n",
        );
    }
    let before = snapshot(&site.beside(""));
    let errors = errors_of(&site);
    for (file, _) in cases {
        for error in errors_for(&errors, &format!("content/stories/{file}")) {
            assert_eq!(
                error.position.map(|p| p.line),
                Some(4),
                "{file}: {error:#?}"
            );
            assert!(error.help.is_some(), "{file}: {error:#?}");
        }
    }
    assert_eq!(
        snapshot(&site.beside("")),
        before,
        "nothing written anywhere"
    );
}

#[test]
fn names_that_look_like_paths_get_safe_slugs_and_nothing_leaves_the_output() {
    let site = Site::new();
    site.story(
        "con.md",
        "title: Reserved file name\ndate: 2020-01-01\ncompany: CON\nrating: A",
        "x\n",
    )
    .story(
        "aux.md",
        "title: Climbing\ndate: 2020-01-02\ncompanies:\n  - name: \"../../etc/passwd\"\n    rating: B\n  - name: \"..\\\\..\\\\windows\"\n    rating: C\ntags: [\"CON\", \"NUL.txt\"]\ncategory: \"../../tmp\"\nauthor: \"../../root\"",
        "x\n",
    )
    .story(
        "LPT1.md",
        "title: Printer\ndate: 2020-01-03\nslug: lpt1-story\ncompany: \"COM1:\"\nrating: D",
        "x\n",
    );
    let outside_before: BTreeMap<String, Vec<u8>> = snapshot(&site.beside(""));
    let run = build_bounded(&site, &site.out(), Duration::from_secs(60));
    run.expect_code(0);

    for page in [
        "stories/con-1/index.html",
        "stories/aux-1/index.html",
        "stories/lpt1-story/index.html",
        "companies/con-1/index.html",
        "companies/etc-passwd/index.html",
        "companies/windows/index.html",
        "companies/com1-1/index.html",
        "tags/con-1/index.html",
        "tags/nul-txt/index.html",
        "categories/tmp/index.html",
        "authors/root/index.html",
    ] {
        assert!(
            site.out().join(page).is_file(),
            "{page} in {:#?}",
            all_paths(&site.out())
        );
    }
    // Every name in the output is harmless on any system.
    const RESERVED: [&str; 6] = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    for path in all_paths(&site.out()) {
        for segment in path.split('/') {
            let stem = segment.split('.').next().unwrap_or_default();
            assert!(
                rave::slug::is_safe_segment(segment)
                    && !RESERVED.contains(&stem.to_ascii_lowercase().as_str()),
                "unsafe name {segment:?} in {path}"
            );
        }
    }
    // Outside the output folder, only the lock file beside it is new.
    let mut outside_after = snapshot(&site.beside(""));
    outside_after.retain(|path, _| !path.starts_with("out/"));
    let mut added: Vec<&String> = outside_after
        .keys()
        .filter(|p| !outside_before.contains_key(*p))
        .collect();
    added.sort();
    assert_eq!(
        added,
        [".out.rave-lock"],
        "files written outside the output"
    );
    for (path, bytes) in &outside_before {
        assert_eq!(outside_after.get(path), Some(bytes), "{path} changed");
    }
    let everything = all_paths(&site.beside(""));
    assert!(
        everything
            .iter()
            .all(|p| p.starts_with("out") || p.starts_with("site") || p == ".out.rave-lock"),
        "{everything:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Symbolic links and odd file names

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed_and_are_named_in_a_warning() {
    use std::os::unix::fs::symlink;
    let site = Site::new();
    good_story(&site);
    let root = site.root();
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::fs::create_dir_all(root.join("content/companies")).expect("mkdir");
    let secret = site.beside("secret.txt");
    std::fs::write(&secret, "root:x:0:0:secret outside the site\n").expect("write");
    let links = [
        ("content/stories/link.md", Path::new("/etc/passwd")),
        ("content/stories/secret.md", secret.as_path()),
        ("content/stories/loop", Path::new(".")),
        ("content/stories/up", Path::new("../..")),
        ("content/stories/etc", Path::new("/etc")),
        ("content/companies/acme.md", secret.as_path()),
        ("static/passwd", Path::new("/etc/passwd")),
        ("static/loop", Path::new("..")),
    ];
    for (link, target) in links {
        symlink(target, root.join(link)).expect("make a symbolic link");
    }
    let run = build_bounded(&site, &site.out(), Duration::from_secs(60));
    run.expect_code(0);
    for (link, _) in links {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&format!("{link}: warning: symbolic link not followed"))),
            "a warning names {link}:\n{}",
            run.stderr
        );
    }
    let out = snapshot(&site.out());
    assert!(out.contains_key("stories/good/index.html"));
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("root:x:0:0"), "{path} holds a linked file");
        assert!(!path.contains("passwd") && !path.contains("loop"), "{path}");
    }
    assert!(!out.keys().any(|p| p.starts_with("stories/link")));
}

#[test]
fn a_file_name_with_spaces_and_accents_builds_to_a_clean_slug() {
    let site = Site::new();
    site.story(
        "My Café trip.md",
        "title: My Café trip\ndate: 2020-01-01",
        "x\n",
    )
    .story(
        "Ünïcödé Földer/index.md",
        "title: A bundle\ndate: 2020-01-02",
        "x\n",
    )
    .story(
        "  Spaces  everywhere .md",
        "title: Spaces\ndate: 2020-01-03",
        "x\n",
    )
    .story("東京 レビュー.md", "title: Tokyo\ndate: 2020-01-04", "x\n");
    let run = build_bounded(&site, &site.out(), Duration::from_secs(60));
    run.expect_code(0);
    let home = read_page(&site.out(), "index.html");
    for slug in [
        "my-cafe-trip",
        "unicode-folder",
        "spaces-everywhere",
        "dong-jing-rebiyu",
    ] {
        assert!(
            site.out()
                .join(format!("stories/{slug}/index.html"))
                .is_file(),
            "{slug}: {:#?}",
            all_paths(&site.out())
        );
        assert!(
            home.contains(&format!("href=\"/stories/{slug}/\"")),
            "{slug} linked"
        );
    }
    assert!(text_of(&home).contains("My Café trip"));
}

// ---------------------------------------------------------------------------------------------
// Escaping everywhere

/// A value with every payload: a script element, an attribute break-out, a bare `</script>`,
/// a CDATA end and an entity, after a `label` that keeps each field's slug apart.
fn evil(label: &str) -> String {
    format!(
        "{label} <script>alert(1)</script> \"><img src=x onerror=alert(1)> </script> ]]> &amp; 'q'"
    )
}

const JS: &str = "javascript:alert(1)";

/// Decodes character references as a browser would in an attribute value (the subset that
/// matters for URL schemes: numeric, with or without `;`, and a few named ones).
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(numeric) = rest.strip_prefix('#') {
            let (hex, digits) = match numeric.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, numeric),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
            if let Some(c) = code.and_then(char::from_u32) {
                out.push(c);
                rest = &digits[len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        }
        let named = [
            ("amp;", '&'),
            ("lt;", '<'),
            ("gt;", '>'),
            ("quot;", '"'),
            ("apos;", '\''),
            ("colon;", ':'),
            ("Tab;", '\t'),
            ("NewLine;", '\n'),
            ("sol;", '/'),
        ];
        match named.iter().find(|(n, _)| rest.starts_with(n)) {
            Some((n, c)) => {
                out.push(*c);
                rest = &rest[n.len()..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// True for a URL a browser would run as script (after decoding, ignoring whitespace and
/// control characters the way URL parsers do).
fn runs_script(value: &str) -> bool {
    let url: String = decode_entities(value)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    url.starts_with("javascript:") || url.starts_with("vbscript:") || url.starts_with("data:")
}

/// A start tag: its name (lowercase), attributes (name lowercase, decoded value), and where
/// the tag ends in the text.
#[derive(Debug)]
struct StartTag {
    name: String,
    attributes: Vec<(String, String)>,
    end: usize,
}

/// Every start tag of an HTML text. Only `<` followed by a letter opens a tag, as in HTML.
fn start_tags(html: &str) -> Vec<StartTag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found + 1;
        i = start;
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = start;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let name_start = j;
            while j < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[j]) {
                j += 1;
            }
            let attribute = html[name_start..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[j + 1..]
                            .find(quote as char)
                            .map_or(bytes.len(), |e| j + 1 + e);
                        value = html[j + 1..end].to_owned();
                        j = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let value_start = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>'
                        {
                            j += 1;
                        }
                        value = html[value_start..j].to_owned();
                    }
                }
            }
            attributes.push((attribute, decode_entities(&value)));
        }
        tags.push(StartTag {
            name,
            attributes,
            end: (j + 1).min(bytes.len()),
        });
        i = j.min(bytes.len());
    }
    tags
}

/// Checks one HTML document (a page, or the HTML inside a feed entry): nothing in it can run.
/// Script elements are allowed only where `theme_scripts` says (JSON-LD, which must parse,
/// and the search page's own script); returns the JSON-LD blocks.
#[track_caller]
fn assert_inert_html(path: &str, html: &str, theme_scripts: bool) -> Vec<serde_json::Value> {
    let mut json_ld = Vec::new();
    let tags = start_tags(html);
    let mut scripts = 0;
    for tag in &tags {
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "{path}: event handler attribute {name}={value:?} on <{}>",
                tag.name
            );
            assert!(
                !runs_script(value),
                "{path}: <{} {name}={value:?}> runs script",
                tag.name
            );
        }
        assert!(
            ![
                "iframe", "object", "embed", "base", "frame", "applet", "frameset",
            ]
            .contains(&tag.name.as_str()),
            "{path}: <{}> element",
            tag.name
        );
        if tag.name == "meta" {
            // Only rave's own redirect pages refresh, and only to a path of the site.
            let refresh_to_site = |(n, v): &(String, String)| {
                n == "http-equiv" && v == "refresh"
                    || n == "content" && v.starts_with("0; url=/") && !v.starts_with("0; url=//")
            };
            assert!(
                !tag.attributes.iter().any(|(n, _)| n == "http-equiv")
                    || (crate::util::is_redirect_page(html)
                        && tag.attributes.iter().all(refresh_to_site)),
                "{path}: {tag:?}"
            );
        }
        if tag.name != "script" {
            continue;
        }
        scripts += 1;
        assert!(theme_scripts, "{path}: a <script> element in {html}");
        let attributes: Vec<(&str, &str)> = tag
            .attributes
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        if attributes == [("type", "application/ld+json")] {
            let content = &html[tag.end..];
            let close = content
                .find("</script>")
                .unwrap_or_else(|| panic!("{path}: unclosed JSON-LD"));
            let value: serde_json::Value = serde_json::from_str(&content[..close])
                .unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse: {e}"));
            json_ld.push(value);
        } else {
            assert_eq!(
                (path, attributes.as_slice()),
                (
                    "search/index.html",
                    [("src", "/search.js"), ("defer", "")].as_slice()
                ),
                "{path}: an unexpected script element"
            );
        }
    }
    assert_eq!(
        html.to_ascii_lowercase().matches("</script").count(),
        scripts,
        "{path}: every </script closes one of the theme's script elements"
    );
    json_ld
}

/// Every string in a JSON value, with its key.
fn json_strings<'a>(value: &'a serde_json::Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match value {
        serde_json::Value::String(s) => out.push((key, s)),
        serde_json::Value::Array(items) => {
            for item in items {
                json_strings(item, key, out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                json_strings(v, k, out);
            }
        }
        _ => {}
    }
}

/// A site where every field a writer, a profile or a commenter controls carries payloads.
fn hostile_site() -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        format!(
            "title: {}\nbase_url: https://example.com\ndescription: {}\nextra:\n  evil: {}\n  link: {}\n  home_highlights: true\n",
            q(&evil("Site")),
            q(&evil("Description")),
            q(&evil("SiteExtra")),
            q(JS),
        ),
    );
    site.file("static/img/evil.png", b"\x89PNG\r\n\x1a\n");
    site.author(
        "evil",
        &format!(
            "name: {}\ntagline: {}\nwebsite: {}\navatar: {}\nextra:\n  evil: {}",
            q(&evil("Author")),
            q(&evil("Tagline")),
            q("JaVaScRiPt:alert(1)"),
            q(JS),
            q(&evil("AuthorExtra")),
        ),
        &format!("Bio <script>alert(1)</script> [bio link]({JS}).\n"),
    );
    site.company(
        "evil",
        &format!(
            "name: {}\naliases: [{}]\nwebsite: {}\nlogo: {}\ndescription: {}\nextra:\n  evil: {}",
            q(&evil("Company")),
            q(&evil("Alias")),
            q(JS),
            q(" javascript:alert(1)"),
            q(&evil("CompanyDescription")),
            q(&evil("CompanyExtra")),
        ),
        &format!("Profile <script>alert(1)</script> [profile link]({JS}).\n"),
    );
    site.file(
        "content/series/evil.md",
        format!(
            "---\ntitle: {}\nextra:\n  evil: {}\n---\nIntro <img src=x onerror=alert(1)>.\n",
            q(&evil("Series")),
            q(&evil("SeriesExtra"))
        ),
    );
    site.file(
        "content/pages/evil.md",
        format!(
            "---\ntitle: {}\nsummary: {}\nextra:\n  evil: {}\n---\nPage <script>alert(1)</script> [page link]({JS}).\n",
            q(&evil("Page")),
            q(&evil("PageSummary")),
            q(&evil("PageExtra"))
        ),
    );
    let comment_body = format!(
        "<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)> [click]({JS}) ![pic]({JS}) [entity](&#106;avascript:alert(1)) <{JS}>"
    );
    site.story(
        "evil.md",
        &format!(
            "title: {}\ndate: 2020-01-01\nauthor: evil\ncompanies:\n  - name: {}\n    rating: B\n  - name: {}\n    rating: \"2/5\"\ntags: [{}, {}]\ncategory: {}\nseries: evil\nsummary: {}\nimage:\n  src: /img/evil.png\n  alt: {}\n  credit: {}\n  credit_url: {}\ncomments:\n  - author: {}\n    date: 2020-01-02\n    body: {}\n    url: {}\nextra:\n  evil: {}\n  link: {}",
            q(&evil("Title")),
            q(&evil("Company")),
            q(&evil("Other")),
            q(&evil("Tag")),
            q("</script>"),
            q(&evil("Category")),
            q(&evil("Summary")),
            q(&evil("Alt")),
            q(&evil("Credit")),
            q(JS),
            q(&evil("Commenter")),
            q(&comment_body),
            q(JS),
            q(&evil("StoryExtra")),
            q(JS),
        ),
        &format!(
            "Intro <script>alert(1)</script> and <img src=x onerror=alert(1)> and \"><svg onload=alert(1)>.\n\n\
             [one]({JS}) [two](JaVaScRiPt:alert(1)) [three](&#106;avascript:alert(1)) \
             [four](javascript&colon;alert(1)) [five][ref] <{JS}> ![img]({JS}) \
             [six](vbscript:msgbox(1)) [seven](data:text/html,alert(1)) \
             [eight](<java script:alert(1)>) [nine](/ok \"\\\" onmouseover=\\\"alert(1)\").\n\n\
             ![titled](/img/evil.png \"]]> </script> \\\"><img src=x onerror=alert(1)>\")\n\n\
             ## Heading <script>alert(1)</script>\n\n\
             ## Custom id {{#evil\"><script>}}\n\n\
             Note[^x\"><script>].\n\n\
             [^x\"><script>]: The note <script>alert(1)</script>.\n\n\
             <!-- more -->\n\n\
             <div onclick=\"alert(1)\">block html</div>\n\n\
             [ref]: {JS}\n"
        ),
    );
    site.file(
        "content/stories/evil.comments.yaml",
        format!(
            "- author: {}\n  date: 2020-01-03\n  body: {}\n  url: {}\n",
            q(&evil("Sidecar")),
            q("Sidecar <iframe src=\"javascript:alert(1)\"></iframe> [x](&#x6A;avascript:alert(1))"),
            q("  javascript:alert(1)"),
        ),
    );
    site.story(
        "plain.md",
        &format!(
            "title: Plain\ndate: 2020-01-05\nauthor: {}\ncompany: {}\nrating: C\nseries: evil",
            q(&evil("PlainAuthor")),
            q(&evil("Company")),
        ),
        "Plain body.\n",
    );
    // Theme templates that print `extra` (the default theme does not), to check that what a
    // theme prints from it is escaped.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let with_extra = |template: &str, line: &str| {
        let text = std::fs::read_to_string(theme.join(template)).expect("theme template");
        text.replace(
            "{% endblock content %}",
            &format!("{line}\n{{% endblock content %}}"),
        )
    };
    site.file(
        "templates/404.html",
        with_extra(
            "404.html",
            "<p class=\"site-extra\">{{ site.extra.evil }}</p>",
        ),
    );
    site.file(
        "templates/story.html",
        with_extra(
            "story.html",
            "<p class=\"story-extra\">{{ story.extra.evil | default(value=\"\") }}</p>",
        ),
    );
    site
}

#[test]
fn hostile_values_are_inert_in_every_output_file() {
    let site = hostile_site();
    let run = build_bounded(&site, &site.out(), Duration::from_secs(120));
    run.expect_code(0);
    let out = snapshot(&site.out());

    // `javascript:` links from front matter are dropped, each with a warning at its line.
    for (file, line) in [
        ("content/authors/evil.md", 4),
        ("content/authors/evil.md", 5),
        ("content/companies/evil.md", 4),
        ("content/companies/evil.md", 5),
        ("content/stories/evil.md", 18),
        ("content/stories/evil.md", 23),
        ("content/stories/evil.comments.yaml", 4),
    ] {
        let prefix = format!("{file}:{line}:");
        assert!(
            run.stderr.lines().any(|l| l.starts_with(&prefix)
                && l.contains("warning: link")
                && l.contains("dropped")),
            "a warning at {prefix}\n{}",
            run.stderr
        );
    }

    let mut checked = 0;
    let mut json_ld = BTreeMap::new();
    for (path, bytes) in &out {
        if ![".html", ".xml", ".json"].iter().any(|e| path.ends_with(e)) {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{path}: UTF-8"));
        if path.ends_with(".html") {
            json_ld.insert(path.clone(), assert_inert_html(path, &text, true));
            checked += 1;
        } else if path.ends_with(".xml") {
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{path} is not XML: {e}"));
            assert!(!text.to_ascii_lowercase().contains("<script"), "{path}");
            for node in doc.descendants().filter(|n| n.is_element()) {
                for attribute in node.attributes() {
                    assert!(!runs_script(attribute.value()), "{path}: {attribute:?}");
                }
                if node.attribute("type") == Some("html") {
                    // Feed readers render this text as HTML: it must be inert too.
                    let html = node.text().unwrap_or_default();
                    assert_inert_html(&format!("{path} <{}>", node.tag_name().name()), html, false);
                }
                if matches!(node.tag_name().name(), "id" | "loc" | "uri") {
                    let url = node.text().unwrap_or_default();
                    assert!(url.starts_with("https://example.com/"), "{path}: {url}");
                }
            }
            checked += 1;
        } else if path.ends_with(".json") {
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            let mut strings = Vec::new();
            json_strings(&value, "", &mut strings);
            for (key, s) in strings {
                assert!(!runs_script(s), "{path}: {key}: {s}");
                if key == "url" {
                    assert!(s.starts_with('/'), "{path}: url {s}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} files checked");

    // The story's page: names shown as text, JSON-LD intact, comments as text, links dropped.
    let story_path = "stories/evil/index.html";
    let story = String::from_utf8_lossy(&out[story_path]).into_owned();
    let story_text = text_of(&story);
    for label in [
        "Title",
        "Company",
        "Other",
        "Tag",
        "Category",
        "Series",
        "Author",
        "Commenter",
        "Sidecar",
        "Credit",
    ] {
        assert!(
            story_text.contains(&evil(label)),
            "{story_path} shows {label} as text"
        );
    }
    let graph = json_ld[story_path]
        .iter()
        .find(|v| v.get("@graph").is_some())
        .expect("the story's JSON-LD graph");
    assert_eq!(graph["@context"], "https://schema.org");
    let items = graph["@graph"].as_array().expect("@graph");
    assert_eq!(items[0]["headline"], evil("Title"));
    assert_eq!(items[1]["itemReviewed"]["name"], evil("Company"));
    for link_text in [
        "one", "two", "three", "four", "six", "seven", "eight", "click", "entity",
    ] {
        assert!(story_text.contains(link_text), "{link_text} kept as text");
    }
    // Raw HTML from a commenter is shown as text.
    assert!(story.contains("&lt;b&gt;bold&lt;/b&gt;"), "{story}");
    assert!(story_text.contains("<b>bold</b> <script>alert(1)</script>"));
    assert!(story_text.contains("Sidecar <iframe"));
    // A theme that prints `extra` gets it escaped.
    for (path, class, label) in [
        (story_path, "story-extra", "StoryExtra"),
        ("404.html", "site-extra", "SiteExtra"),
    ] {
        let page = String::from_utf8_lossy(&out[path]).into_owned();
        let start = page
            .find(&format!("<p class=\"{class}\">"))
            .unwrap_or_else(|| panic!("{path}: the override prints {class}"));
        let printed = &page[start..start + page[start..].find("</p>").expect("</p>")];
        assert!(
            printed.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
                || printed.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {printed}"
        );
        assert!(text_of(printed).contains(&evil(label)));
    }
    // The company page's Organization names the company, with no website (it was dropped).
    let company = out
        .keys()
        .find(|p| p.starts_with("companies/company-") && p.ends_with("/index.html"))
        .expect("the company page");
    let org = json_ld[company.as_str()]
        .iter()
        .find(|v| v["@type"] == "Organization")
        .expect("the company's Organization");
    assert_eq!(org["name"], evil("Company"));
    assert!(
        org["url"]
            .as_str()
            .unwrap_or_default()
            .starts_with("https://example.com/companies/"),
        "{org:#?}"
    );
}
