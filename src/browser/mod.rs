//! The only place that talks to web APIs. Functions return `Result`s with messages the UI can show.

pub mod canvas;
pub mod clock;
pub mod console;
pub mod converter;
pub mod download;
pub mod element_size;
pub mod failure_panel;
pub mod fetch;
pub mod files;
pub mod focus;
pub mod form;
pub mod fullscreen;
pub mod history;
pub mod keys;
pub mod location;
pub mod map_input;
pub mod parent_page;
pub mod performance;
pub mod raster;
pub mod selection;
pub mod storage;
pub mod timers;
