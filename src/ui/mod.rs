//! Yew components, one folder per feature. The root state ([`state::AppState`]) holds one slice per feature
//! and its reducer only routes; components reach it through [`store::use_store`].

pub mod annotate;
mod app;
pub mod classroom;
pub mod map;
pub mod share;
pub mod shell;
pub mod state;
pub mod store;
pub mod story;
pub mod widgets;

pub use app::{start, App, AppProps, FirstFrame};
pub use map::basemap_files::embedded_labels;
