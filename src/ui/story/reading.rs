//! The reading slice: the feature whose popup is open, the one under the pointer, the passage asked for,
//! the timeline entry picked and the side panel's tab. Its reducer is pure.

use crate::domain::ids::FeatureId;
use crate::domain::story::Story;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::Step;

/// The side panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelTab {
    Article,
    Places,
    Annotations,
    /// Student tasks or the teacher's hand-ins.
    Class,
}

/// What the reader is looking at in the story.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The feature whose popup is open.
    pub selected: Option<FeatureId>,
    /// The feature under the pointer, on the map or in the article.
    pub hovered: Option<FeatureId>,
    /// The passage "Read in the article" asked for: (feature id, quote index).
    pub passage: Option<(FeatureId, usize)>,
    /// The timeline entry picked: its places and passages are highlighted.
    pub timeline_pick: Option<usize>,
    pub panel: PanelTab,
}

impl Default for Reading {
    fn default() -> Self {
        Reading { selected: None, hovered: None, passage: None, timeline_pick: None, panel: PanelTab::Article }
    }
}

/// Every change to the reading slice.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadingAction {
    /// Open a feature's popup; `frame` also brings it into view.
    Select {
        id: FeatureId,
        frame: bool,
    },
    ClosePopup,
    Hover(Option<FeatureId>),
    /// Show a quote's passage in the article panel.
    ReadInArticle {
        id: FeatureId,
        quote: usize,
    },
    ShowPanel(PanelTab),
    /// Pick a timeline entry (or none).
    PickDate(Option<usize>),
    /// Open exactly this feature and passage (a tour step or a link); what the story lacks is left closed.
    Open {
        feature: Option<FeatureId>,
        quote: Option<usize>,
    },
    /// A new story: nothing of the old one stays selected.
    Forget,
}

/// Whether `story` has feature `id` with a quote `quote` that was found in the article.
fn has_passage(story: &Story, id: &str, quote: usize) -> bool {
    story.feature(id).and_then(|f| f.quotes.get(quote)).is_some_and(|q| q.place.is_ok())
}

impl Reading {
    /// The next state and what the other slices do. `story` tells which features and passages exist.
    pub fn apply(&self, action: ReadingAction, story: &Story) -> Step<Reading> {
        match action {
            ReadingAction::Select { id, frame: true } if story.feature(&id).is_some() => {
                let framing = MapAction::Frame { feature: id.clone(), fly: false };
                Step::maybe(self.next(ReadingAction::Select { id, frame: false }, story)).then(framing)
            }
            action => Step::maybe(self.next(action, story)),
        }
    }

    /// The next state, or `None` when nothing changes.
    fn next(&self, action: ReadingAction, story: &Story) -> Option<Reading> {
        let next = match action {
            ReadingAction::Select { id, .. } => {
                story.feature(&id)?;
                Reading { selected: Some(id), ..self.clone() }
            }
            ReadingAction::ClosePopup => Reading { selected: None, ..self.clone() },
            ReadingAction::Hover(hovered) => Reading { hovered, ..self.clone() },
            ReadingAction::ReadInArticle { id, quote } => {
                if !has_passage(story, &id, quote) {
                    return None;
                }
                Reading { passage: Some((id, quote)), panel: PanelTab::Article, ..self.clone() }
            }
            ReadingAction::ShowPanel(panel) => Reading { panel, ..self.clone() },
            ReadingAction::PickDate(timeline_pick) => Reading { timeline_pick, ..self.clone() },
            ReadingAction::Open { feature, quote } => {
                let selected = feature.filter(|id| story.feature(id).is_some());
                let passage = match (&selected, quote) {
                    (Some(id), Some(q)) if has_passage(story, id, q) => Some((id.clone(), q)),
                    _ => None,
                };
                let panel = if passage.is_some() { PanelTab::Article } else { self.panel };
                Reading { selected, passage, panel, ..self.clone() }
            }
            ReadingAction::Forget => Reading { selected: None, hovered: None, passage: None, ..self.clone() },
        };
        (next != *self).then_some(next)
    }
}

/// A story of one feature with one quote that is the article's and one that is not (for tests).
#[cfg(test)]
pub(crate) const TINY_STORY: &str = r#"{"format":"article-map/story@1",
  "article":{"title":"Tiny","sections":[{"id":"s","paragraphs":[{"id":"p1","text":"Kashgar is far."}]}]},
  "features":{"type":"FeatureCollection","features":[
    {"type":"Feature","id":"k","geometry":{"type":"Point","coordinates":[75.98,39.47]},"properties":{"title":"Kashgar",
     "kind":"city","confidence":"confirmed","precision":{"level":"exact","radius_km":15},
     "sources":[{"publisher":"P","url":"https://example.org"}],"quotes":[{"exact":"Kashgar"},{"exact":"Paris"}]}}]}}"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selecting_an_unknown_feature_or_reading_an_unverified_quote_changes_nothing() {
        let story = Story::from_json(TINY_STORY).unwrap();
        let s = Reading::default();
        assert_eq!(s.apply(ReadingAction::Select { id: "nope".into(), frame: true }, &story), Step::unchanged());
        assert_eq!(s.apply(ReadingAction::ReadInArticle { id: "k".into(), quote: 1 }, &story).next, None);
        let read = s.apply(ReadingAction::ReadInArticle { id: "k".into(), quote: 0 }, &story).next.unwrap();
        assert_eq!(read.passage, Some(("k".into(), 0)));
    }

    #[test]
    fn selecting_with_framing_asks_the_map_to_frame_it() {
        let story = Story::from_json(TINY_STORY).unwrap();
        let step = Reading::default().apply(ReadingAction::Select { id: "k".into(), frame: true }, &story);
        assert_eq!(step.next.unwrap().selected.as_deref(), Some("k"));
        assert_eq!(step.then, [MapAction::Frame { feature: "k".into(), fly: false }.into()]);
    }

    #[test]
    fn opening_keeps_only_what_the_story_has() {
        let story = Story::from_json(TINY_STORY).unwrap();
        let s = Reading { panel: PanelTab::Places, ..Reading::default() };
        let unverified =
            s.apply(ReadingAction::Open { feature: Some("k".into()), quote: Some(1) }, &story).next.unwrap();
        assert_eq!((unverified.selected.as_deref(), &unverified.passage), (Some("k"), &None));
        assert_eq!(unverified.panel, PanelTab::Places, "no passage, the panel stays");
        let read = s.apply(ReadingAction::Open { feature: Some("k".into()), quote: Some(0) }, &story).next.unwrap();
        assert_eq!((read.passage, read.panel), (Some(("k".into(), 0)), PanelTab::Article));
        assert_eq!(s.apply(ReadingAction::Open { feature: Some("nope".into()), quote: Some(0) }, &story).next, None);
    }

    #[test]
    fn forgetting_clears_the_selection_hover_and_passage_but_not_the_tab() {
        let story = Story::from_json(TINY_STORY).unwrap();
        let s = [
            ReadingAction::ReadInArticle { id: "k".into(), quote: 0 },
            ReadingAction::Select { id: "k".into(), frame: false },
            ReadingAction::ShowPanel(PanelTab::Places),
        ]
        .into_iter()
        .fold(Reading::default(), |s, a| s.apply(a, &story).next.unwrap());
        let forgotten = s.apply(ReadingAction::Forget, &story).next.unwrap();
        assert_eq!((forgotten.selected, forgotten.passage, forgotten.panel), (None, None, PanelTab::Places));
    }
}
