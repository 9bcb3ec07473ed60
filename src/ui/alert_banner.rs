//! Alerts: what went wrong or needs a look, in words, with the details; each can be dismissed.

use yew::prelude::*;

use super::state::{Action, Alert, Severity};
use super::store::{send, use_dispatch};

/// How many details an alert lists before summing up the rest.
const MAX_DETAILS: usize = 12;

#[derive(Properties, PartialEq)]
pub struct AlertBannerProps {
    pub alerts: Vec<Alert>,
}

/// The alert banner (nothing when there is no alert).
#[component]
pub fn AlertBanner(props: &AlertBannerProps) -> Html {
    let dispatch = use_dispatch();
    let alerts = props.alerts.iter().enumerate().map(|(i, alert)| {
        let (class, role) = match alert.severity {
            Severity::Error => ("alert alert-error", "alert"),
            Severity::Warning => ("alert alert-warning", "alert"),
            Severity::Notice => ("alert alert-notice", "status"),
        };
        let more = alert.details.len().saturating_sub(MAX_DETAILS);
        html! {
            <div class={class} role={role}>
                <p class="alert-title">{ alert.title.clone() }</p>
                if !alert.details.is_empty() {
                    <ul class="alert-details">
                        { for alert.details.iter().take(MAX_DETAILS).map(|d| html! { <li>{ d.clone() }</li> }) }
                        if more > 0 {
                            <li>{ format!("… and {more} more.") }</li>
                        }
                    </ul>
                }
                <button type="button" class="alert-dismiss" aria-label="Dismiss this message"
                    onclick={send(&dispatch, Action::DismissAlert(i))}>{ "×" }</button>
            </div>
        }
    });
    html! { <div class="alerts">{ for alerts }</div> }
}
