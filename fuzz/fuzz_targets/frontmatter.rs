//! Any bytes through `decode` (UTF-8, BOM, NUL check) and `split` (front matter fences): never
//! a panic, and the parts always borrow from the text in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match rave::load::decode(data) {
        Ok(text) => text,
        Err(e) => {
            assert!(e.position.line >= 1 && e.position.column >= 1);
            assert!(e.position.line <= data.iter().filter(|&&b| b == b'\n').count() + 1);
            return;
        }
    };
    match rave::load::split(text) {
        Ok(split) => {
            assert!(
                text.ends_with(split.body),
                "the body is the end of the file"
            );
            assert!(split.body_line >= 1);
            if let Some(yaml) = split.front_matter {
                let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
                assert!(start + yaml.len() <= text.len() - split.body.len());
                assert_eq!(split.front_matter_line, 2);
            }
        }
        Err(e) => assert!(!e.message.is_empty() && !e.help.is_empty()),
    }
});
