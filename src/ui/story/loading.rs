//! The story slice: which story is on screen. Loading one forgets what was selected in the old one and
//! replaces its warnings; a story that cannot be read leaves the current one and says why. The alert texts
//! about stories live here.

use std::rc::Rc;

use crate::domain::shared::Shared;
use crate::domain::story::Story;
use crate::ui::shell::alerts::{Alert, AlertAction, Severity, MAX_DETAILS};
use crate::ui::state::Step;
use crate::ui::story::reading::ReadingAction;

/// Every change to which story is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum StoryAction {
    /// Show another story (already read and checked).
    Load(Rc<Story>),
    /// A story could not be read: say why, keep the current one.
    Refuse { origin: String, problems: Vec<String> },
}

/// The next story and what the other slices do.
pub fn apply(_current: &Shared<Story>, action: StoryAction) -> Step<Shared<Story>> {
    match action {
        StoryAction::Load(story) => {
            let warning = quote_warnings(&story);
            let step = Step::to(Shared::from(story))
                .then(ReadingAction::Forget)
                .then(AlertAction::DismissAll(Severity::Warning));
            match warning {
                Some(alert) => step.then(AlertAction::Raise(alert)),
                None => step,
            }
        }
        StoryAction::Refuse { origin, problems } => Step::unchanged().then(AlertAction::Raise(Alert::new(
            Severity::Error,
            format!(
                "{origin} is not a story package this app can show ({} problem(s)). The current story stays on screen.",
                problems.len()
            ),
            problems,
        ))),
    }
}

/// The alert for a story's unverified quotes, naming each feature.
pub fn quote_warnings(story: &Story) -> Option<Alert> {
    if story.warnings.is_empty() {
        return None;
    }
    let details = story
        .warnings
        .iter()
        .take(MAX_DETAILS)
        .map(|w| {
            let index = w
                .path
                .strip_prefix("features.features[")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(i, _)| i.parse::<usize>().ok());
            let feature = index.and_then(|i| story.features.get(i)).map(|f| f.title.as_str()).unwrap_or("a feature");
            format!("“{feature}”: {} ({})", w.message, w.path)
        })
        .collect();
    Some(Alert::new(
        Severity::Warning,
        format!(
            "{} quote(s) in this story are not the article’s words and are not shown as quotes.",
            story.warnings.len()
        ),
        details,
    ))
}
