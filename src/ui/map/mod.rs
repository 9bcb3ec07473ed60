//! The map: the camera's component, the basemap and story layers drawn on it, and its controls.

pub(crate) mod attribution;
pub(crate) mod base_layers;
pub(crate) mod basemap_files;
pub(crate) mod gestures;
pub(crate) mod label_layer;
pub(crate) mod layer_switcher;
pub(crate) mod legend;
pub(crate) mod locator_inset;
pub(crate) mod map_hooks;
pub mod map_state;
pub(crate) mod map_view;
pub(crate) mod marker_symbol;
pub(crate) mod palette;
pub(crate) mod reference_layers;
pub(crate) mod scale_bar;
pub(crate) mod story_markers;
pub(crate) mod story_shapes;
pub(crate) mod synthetic_layer;
pub(crate) mod zoom_controls;
