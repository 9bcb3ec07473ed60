//! The classroom: student tasks and hand-ins, the teacher's layers, the presenter's tools.

pub(crate) mod class_panel;
pub mod state;
