//! rave: a static site generator for customer-story blogs.
//!
//! The pipeline runs in stages, each with its own types: [`load`] reads and checks files,
//! [`model`] links them into a [`model::Site`] with rating aggregates, [`render`] turns the site
//! into pages, and [`output`] writes them atomically. [`pipeline`] drives one run; [`cli`] is the command line.
//! See ARCHITECTURE.md for the map and the rules each stage keeps.

pub mod authoring;
pub mod check;
pub mod cli;
pub mod company_name;
pub mod config;
pub mod console;
pub mod date;
pub mod diagnostics;
pub mod import;
pub mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod rating;
pub mod rebuild;
pub mod render;
pub mod report;
pub mod serve;
pub mod session;
pub mod slug;
pub mod style;
pub mod watch;
pub mod yaml;
