//! The default story as the unit tests read it (assets/story/). The app itself fetches it at start, as
//! index.html names and preloads it ([`crate::ui::start`]).

use std::rc::Rc;

use crate::domain::story::Story;

const DEFAULT_STORY: &str = include_str!("../../../assets/story/umarov-tajikistan-2021.json");

/// The built-in story, or the problems that make it unreadable (tests keep that from happening).
pub fn default_story() -> Result<Rc<Story>, Vec<String>> {
    crate::ui::story::story_loader::read_story(DEFAULT_STORY)
}
