//! rave's integration tests: one test binary (like ripgrep's) that runs the real `rave` binary
//! and the library pipeline on small sites built in temporary folders.

mod aliases;
mod authoring;
mod blog;
mod body_photos;
mod build;
mod check_after_errors;
mod comment_threads;
mod companies;
mod corpus;
mod dead_watcher;
mod defences;
mod errors;
mod escaping;
mod filesystem;
mod first_hour;
mod genre;
mod getting_started;
mod hostile;
mod images;
mod import;
mod incremental;
mod kill;
mod languages;
mod links;
mod live;
mod output_safety;
mod photo_privacy;
mod photos;
mod props;
mod rankings;
mod series_index;
mod snapshots;
mod story_boxes;
mod util;
mod writer_commands;
