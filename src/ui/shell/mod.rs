//! The page around the map: the side panel, the message area and the keyboard shortcuts.

pub(crate) mod alert_banner;
pub mod alerts;
pub(crate) mod header;
pub(crate) mod shortcuts;
pub(crate) mod side_panel;
