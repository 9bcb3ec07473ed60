//! article-map: an interactive map and annotator for a news article.
//!
//! Three layers, one direction: [`domain`] (pure Rust: projection, viewport, geometry, data) is used by
//! [`ui`] (Yew components, one folder and one state slice per feature), which reaches web APIs only through
//! [`browser`].

pub mod browser;
pub mod domain;
pub mod ui;
