//! The notification area: the alerts over the top of the map, never taking room from it. The newest
//! [`OPEN_AT_ONCE`] are shown; older ones fold into "N more", which opens them. Each can be dismissed.

use yew::prelude::*;

use crate::browser::download::download;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::{Alerts, Severity, ShownAlert};
use crate::ui::state::Action;
use crate::ui::store::{send, use_dispatch};

/// How many details an alert lists before summing up the rest.
const MAX_DETAILS: usize = 12;
/// How many alerts are open at once when the older ones are folded.
pub const OPEN_AT_ONCE: usize = 2;

#[derive(Properties, PartialEq)]
pub struct AlertBannerProps {
    pub alerts: Alerts,
}

fn alert_view(shown: &ShownAlert, dispatch: &crate::ui::store::Dispatch) -> Html {
    let alert = &shown.alert;
    let (class, role) = match alert.severity {
        Severity::Error => ("alert alert-error", "alert"),
        Severity::Warning => ("alert alert-warning", "alert"),
        Severity::Notice => ("alert alert-notice", "status"),
    };
    let more = alert.details.len().saturating_sub(MAX_DETAILS);
    let save = alert.download.clone().map(|file| {
        let dispatch = dispatch.clone();
        let label = file.label.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Err(why) = download(&file.file_name, "application/json", file.text.as_bytes()) {
                dispatch.dispatch(Action::Alert(AlertAction::Raise(crate::ui::shell::alerts::Alert::new(
                    Severity::Error,
                    format!("{} could not be saved.", file.file_name),
                    vec![why],
                ))));
            }
        });
        html! { <button type="button" class="alert-action" {onclick}>{ label }</button> }
    });
    html! {
        <div class={class} role={role} data-alert-times={shown.times.to_string()}>
            <p class="alert-title">
                { alert.title.clone() }
                if shown.times > 1 {
                    <span class="alert-times">{ format!(" (×{})", shown.times) }</span>
                }
            </p>
            if alert.link.is_some() || !alert.details.is_empty() {
                <ul class="alert-details">
                    if let Some(link) = &alert.link {
                        <li class="alert-link">{ link.clone() }</li>
                    }
                    { for alert.details.iter().take(MAX_DETAILS).map(|d| html! { <li>{ d.clone() }</li> }) }
                    if more > 0 {
                        <li>{ format!("… and {more} more.") }</li>
                    }
                </ul>
            }
            { for save }
            <button type="button" class="alert-dismiss" aria-label="Dismiss this message"
                onclick={send(dispatch, Action::Alert(AlertAction::Dismiss(shown.id)))}>{ "×" }</button>
        </div>
    }
}

/// The notification area (empty when there is no alert).
#[component]
pub fn AlertBanner(props: &AlertBannerProps) -> Html {
    let dispatch = use_dispatch();
    let unfolded = use_state(|| false);
    let shown = props.alerts.shown();
    let folded = if *unfolded { 0 } else { shown.len().saturating_sub(OPEN_AT_ONCE) };
    let toggle = {
        let unfolded = unfolded.clone();
        Callback::from(move |_: MouseEvent| unfolded.set(!*unfolded))
    };
    html! {
        <div class="alerts" aria-label="Messages">
            if shown.len() > OPEN_AT_ONCE {
                <button type="button" class="alerts-more" aria-expanded={unfolded.to_string()} onclick={toggle}>
                    { if *unfolded { "Show fewer messages".to_string() } else { format!("{folded} more message(s)") } }
                </button>
            }
            { for shown[folded..].iter().map(|s| alert_view(s, &dispatch)) }
        </div>
    }
}
