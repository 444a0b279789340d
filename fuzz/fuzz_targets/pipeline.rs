//! Any bytes as one story file, built end to end in memory (`pipeline::build_in_memory`): load,
//! model, Markdown, templates, feeds. Never a panic; a failed build has an error; every
//! diagnostic names a file; no page carries a script the input brought.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = rave_fuzz::site_with_story(data);
    let mut options = rave::pipeline::BuildOptions::new(root);
    options.now = rave::date::PostDate::parse("2024-01-01")
        .expect("a date")
        .timestamp;
    match rave::pipeline::build_in_memory(&options) {
        Ok((pages, diagnostics)) => {
            for d in diagnostics.iter() {
                assert!(!d.path.as_os_str().is_empty(), "{d:?}");
            }
            for (path, bytes) in &pages {
                let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
                assert!(!text.contains("<script>alert"), "{path}");
                assert!(!text.contains("href=\"javascript:"), "{path}");
            }
        }
        Err(diagnostics) => {
            assert!(diagnostics.has_errors());
            for d in diagnostics.iter() {
                assert!(!d.path.as_os_str().is_empty(), "{d:?}");
            }
        }
    }
});
