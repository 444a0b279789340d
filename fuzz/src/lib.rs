//! What the fuzz targets share: a one-story site in a temporary folder, made once per fuzzing
//! process and given each input as its story file.

use std::path::Path;
use std::sync::OnceLock;

/// The site's root after writing `story` as its only story (`content/stories/story.md`).
pub fn site_with_story(story: &[u8]) -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let root = SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            std::fs::write(
                dir.path().join("site.yaml"),
                "title: Fuzz\nbase_url: https://example.com\n",
            )
            .expect("site.yaml");
            std::fs::create_dir_all(dir.path().join("content/stories")).expect("content");
            dir
        })
        .path();
    std::fs::write(root.join("content/stories/story.md"), story).expect("write the story");
    root
}
