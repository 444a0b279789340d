//! rave: a static site generator for customer-story blogs.
//!
//! The pipeline runs in stages, each with its own types: [`load`] reads and checks files,
//! [`model`] links them into a [`model::Site`] with rating aggregates, [`render`] turns the site
//! into pages, and [`output`] writes them atomically. [`pipeline`] drives one run; [`cli`] is the command line.
//! See ARCHITECTURE.md for the map and the rules each stage keeps.

/// mimalloc instead of the system allocator: a build allocates and frees many small strings
/// from two threads, where glibc's malloc spent about a third of a rebuild's time. Declared in
/// the library so that the binary, the tests and the benchmark examples all run with it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod authoring;
mod check;

pub mod cli;
mod company_name;
mod config;
mod console;
pub mod date;
pub mod diagnostics;
mod i18n;
pub mod images;
mod import;
mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod rating;
mod rebuild;
pub mod render;
mod report;
pub mod serve;
pub mod session;
pub mod slug;
mod style;
mod watch;
mod yaml;
