//! The only place that talks to web APIs. Functions return `Result`s with messages the UI can show.

pub mod download;
pub mod element_size;
pub mod failure_panel;
pub mod fetch;
pub mod files;
pub mod focus;
pub mod fullscreen;
pub mod history;
pub mod location;
pub mod performance;
pub mod raster;
pub mod selection;
pub mod storage;
