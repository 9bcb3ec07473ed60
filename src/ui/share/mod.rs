//! Sharing: links that reopen a reading state, and embedding the map in another page.

pub mod embedded;
pub(crate) mod embedding;
pub mod link;
pub(crate) mod link_sync;
pub(crate) mod share_button;
