//! Small controls shared by several features.

pub(crate) mod file_button;
