//! Any text through `parse_rating`: never a panic; a rating has a finite score on 0-100, an
//! error has a message and a help.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match rave::rating::parse_rating(text) {
        Ok(rating) => {
            if let Some(score) = rating.score {
                assert!(
                    score.is_finite() && (0.0..=100.0).contains(&score),
                    "{text:?} -> {score}"
                );
                let stars = rating.stars().unwrap_or_default();
                assert!((0.0..=5.0).contains(&stars), "{text:?} -> {stars} stars");
            }
            let _ = (rating.grade(), rating.band());
        }
        Err(e) => assert!(!e.message.is_empty() && !e.help.is_empty(), "{text:?}"),
    }
});
