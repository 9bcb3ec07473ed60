//! Yew components. State lives in one reducer ([`state::AppState`]) reached through [`store::use_store`].

mod alert_banner;
pub mod annotating;
mod annotation_editing;
mod annotation_layers;
mod annotation_panel;
mod annotation_popup;
mod app;
mod article_panel;
mod attribution;
mod base_layers;
mod embedded_basemap;
mod embedded_story;
mod label_layer;
mod layer_switcher;
mod legend;
mod link_sync;
mod map_export;
mod map_view;
mod marker_symbol;
mod persistence;
mod places_list;
mod popup;
mod scale_bar;
mod share_button;
mod shortcuts;
mod side_panel;
pub mod state;
pub mod store;
mod story_loader;
mod story_markers;
mod story_shapes;
mod synthetic_layer;
mod toolbar;
mod zoom_controls;

pub use app::App;
pub use embedded_basemap::{embedded_basemap, embedded_labels};
