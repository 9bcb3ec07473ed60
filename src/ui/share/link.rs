//! Links: what a link to the current reading state holds, and what opening one does to each slice (the
//! layers and the label language, the place and passage, the camera, the tour, and annotations the link carries).

use crate::domain::ids::FeatureId;
use crate::domain::layers::LayerId;
use crate::domain::local_names::LabelLanguage;
use crate::domain::url_state::UrlState;
use crate::ui::annotate::intake::DocumentEvent;
use crate::ui::map::map_state::MapAction;
use crate::ui::state::{Action, AppState};
use crate::ui::story::reading::ReadingAction;
use crate::ui::story::tour::TourAction;

/// Every change a link makes.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareAction {
    /// Reopen what a link describes (a shared URL, or back/forward).
    ApplyLink(UrlState),
}

/// What a link to this reading state holds.
pub fn link_of(state: &AppState) -> UrlState {
    let (settled, reading) = (&state.map.settled, &state.reading);
    UrlState {
        center: Some(settled.center_lonlat()),
        zoom: Some(settled.zoom),
        feature: reading.selected.as_ref().map(ToString::to_string),
        quote: reading.passage.as_ref().filter(|(id, _)| Some(id) == reading.selected.as_ref()).map(|(_, q)| *q),
        step: state.tour.step,
        hidden_layers: LayerId::ALL
            .into_iter()
            .filter(|l| !state.map.layers.is_visible(*l))
            .map(|l| l.id().to_string())
            .collect(),
        label_language: Some(state.map.label_language)
            .filter(|l| *l != LabelLanguage::English)
            .map(|l| l.tag().to_string()),
        annotations: None,
    }
}

/// What each slice does to open `link` (links hold no state of their own).
pub fn apply(action: ShareAction) -> Vec<Action> {
    let ShareAction::ApplyLink(link) = action;
    // Only exact layer ids count ("coast", an old alias, is not a layer a link hides).
    let hidden = link.hidden_layers.iter().filter_map(|id| LayerId::from_id(id).filter(|l| l.id() == id)).collect();
    let mut actions: Vec<Action> = vec![
        MapAction::HideOnly(hidden).into(),
        // An unknown tag (a newer map's language) shows the story's own labels.
        MapAction::LabelLanguage(link.label_language.as_deref().and_then(LabelLanguage::from_tag).unwrap_or_default())
            .into(),
        ReadingAction::Open { feature: link.feature.as_deref().map(FeatureId::from), quote: link.quote }.into(),
    ];
    match (link.center, link.zoom, link.feature) {
        (Some(center), Some(zoom), _) => actions.push(MapAction::LookAt { center, zoom }.into()),
        (_, _, Some(feature)) => actions.push(MapAction::Frame { feature: feature.into(), fly: false }.into()),
        _ => {}
    }
    actions.push(TourAction::Restore(link.step).into());
    if let Some(blob) = link.annotations {
        actions.push(DocumentEvent::Linked(blob).into());
    }
    actions
}
