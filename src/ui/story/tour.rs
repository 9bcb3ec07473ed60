//! The tour slice: the story tour's current step, while the tour is on. Going to a step opens its place and
//! passage (the reading slice) and frames it (the map slice).

use crate::domain::story::Story;
use crate::domain::tour::tour;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::Step;
use crate::ui::story::reading::{PanelTab, ReadingAction};

/// Where the tour is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tour {
    pub step: Option<usize>,
}

/// Every change to the tour.
#[derive(Clone, Debug, PartialEq)]
pub enum TourAction {
    /// Go to a step (starting the tour if it is off); `fly` animates the camera.
    GoTo {
        step: usize,
        fly: bool,
    },
    End,
    /// A link says where the tour is, or that it is off (a step the story lacks is off).
    Restore(Option<usize>),
}

impl Tour {
    /// The next state and what the other slices do. `story` tells the tour's steps.
    pub fn apply(&self, action: TourAction, story: &Story) -> Step<Tour> {
        match action {
            TourAction::GoTo { step, fly } => {
                let steps = tour(story);
                let Some(target) = steps.get(step) else { return Step::unchanged() };
                // A step names a place only with its passage; one without is the story's overview.
                let feature = target.feature.clone().filter(|id| target.quote.is_some() && story.feature(id).is_some());
                let camera = match &feature {
                    Some(id) => MapAction::Frame { feature: id.clone(), fly },
                    None => MapAction::Home { fly },
                };
                Step::to(Tour { step: Some(step) })
                    .then(ReadingAction::Open { feature, quote: target.quote })
                    .then(ReadingAction::ShowPanel(PanelTab::Article))
                    .then(camera)
            }
            TourAction::End => Step::to(Tour { step: None }),
            TourAction::Restore(step) => Step::to(Tour { step: step.filter(|s| *s < tour(story).len()) }),
        }
        .unless_equal(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::story::embedded_story::default_story;

    #[test]
    fn a_step_opens_its_place_and_passage_and_frames_it() {
        let story = default_story().unwrap();
        let step = Tour::default().apply(TourAction::GoTo { step: 1, fly: true }, &story);
        assert_eq!(step.next, Some(Tour { step: Some(1) }));
        let target = &tour(&story)[1];
        let id = target.feature.clone().unwrap();
        assert!(step.then.contains(&ReadingAction::Open { feature: Some(id.clone()), quote: target.quote }.into()));
        assert!(step.then.contains(&MapAction::Frame { feature: id, fly: true }.into()));
    }

    #[test]
    fn a_step_the_story_lacks_changes_nothing_and_a_link_cannot_restore_it() {
        let story = default_story().unwrap();
        let on = Tour { step: Some(2) };
        let past_the_end = on.apply(TourAction::GoTo { step: 999, fly: false }, &story);
        assert_eq!((past_the_end.next, past_the_end.then.len()), (None, 0));
        assert_eq!(on.apply(TourAction::Restore(Some(999)), &story).next, Some(Tour { step: None }));
        assert_eq!(on.apply(TourAction::End, &story).next, Some(Tour { step: None }));
        assert_eq!(on.apply(TourAction::Restore(Some(2)), &story).next, None, "already there");
    }
}
