//! Yew components. State lives in one reducer ([`state::AppState`]) reached through [`store::use_store`].

mod app;
mod attribution;
mod base_layers;
mod embedded_basemap;
mod label_layer;
mod layer_switcher;
mod legend;
mod map_view;
mod scale_bar;
pub mod state;
pub mod store;
mod zoom_controls;

pub use app::App;
pub use embedded_basemap::{embedded_basemap, embedded_labels};
