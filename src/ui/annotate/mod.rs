//! The reader's annotations: the slice and its reducer, drawing and editing on the map, the panel, popup,
//! toolbar, saving in the browser and exporting the map.

pub(crate) mod column_chooser;
pub(crate) mod editing;
pub mod intake;
pub(crate) mod interchange;
pub(crate) mod keyboard_hint;
pub(crate) mod layers;
pub(crate) mod map_export;
pub(crate) mod panel;
pub(crate) mod persistence;
pub(crate) mod popup;
pub mod state;
pub(crate) mod toolbar;
