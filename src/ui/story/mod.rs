//! The story being read: the article panel, the places list, feature popups and their quotes, the tour and
//! loading stories.

pub(crate) mod article_panel;
#[cfg(test)]
pub(crate) mod embedded_story;
pub mod loading;
pub(crate) mod places_list;
pub(crate) mod popup;
pub(crate) mod quote_view;
pub mod reading;
pub(crate) mod story_loader;
pub mod tour;
pub(crate) mod tour_bar;
