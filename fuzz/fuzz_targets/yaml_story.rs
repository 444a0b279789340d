//! Any text as a story's front matter, through the public loading path (`load::load_site` on a
//! site with this one story): the story type's YAML shape, budgets, and every per-file check.
//! Never a panic, and every diagnostic names a file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    let root = rave_fuzz::site_with_story(format!("---\n{yaml}\n---\nThe body.\n").as_bytes());
    let mut diagnostics = rave::diagnostics::Diagnostics::new();
    let loaded = rave::load::load_site(root, &rave::load::LoadOptions::default(), &mut diagnostics);
    let loaded = loaded.expect("site.yaml is fine");
    assert!(loaded.stories.len() <= 1);
    if loaded.stories.is_empty() {
        assert!(
            diagnostics.has_errors(),
            "a story left out without an error"
        );
    }
    for d in diagnostics.iter() {
        assert!(!d.path.as_os_str().is_empty(), "{d:?}");
    }
});
