//! The small dialog that asks which columns of a CSV file hold latitude and longitude, when their names do
//! not say (`north`/`east`, `coord_a`/`coord_b`, a language the importer does not know): two lists of the
//! file's columns, Import and Cancel. Import converts the file again with the chosen columns.

use yew::prelude::*;

use crate::browser::form::value_of;

use crate::domain::csv_import::ChosenColumns;
use crate::ui::annotate::intake::DocumentEvent;
use crate::ui::annotate::interchange::open_csv_with_columns;
use crate::ui::state::Action;
use crate::ui::store::{use_dispatch, use_store};

/// The column a list starts on: the first whose name suggests `hints`, else `fallback`.
fn first_like(columns: &[String], hints: &[&str], fallback: usize) -> usize {
    columns
        .iter()
        .position(|c| hints.iter().any(|h| c.to_lowercase().contains(h)))
        .unwrap_or(fallback.min(columns.len().saturating_sub(1)))
}

fn column_list(id: &'static str, label: &'static str, columns: &[String], chosen: &UseStateHandle<usize>) -> Html {
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = value_of(&e).and_then(|v| v.parse().ok()) {
                chosen.set(i);
            }
        })
    };
    let options = columns.iter().enumerate().map(|(i, c)| {
        html! { <option value={i.to_string()} selected={i == **chosen}>{ c.clone() }</option> }
    });
    html! {
        <>
            <label for={id}>{ label }</label>
            <select id={id} {onchange}>{ for options }</select>
        </>
    }
}

/// The chooser, while a CSV file waits for it.
#[component]
pub fn ColumnChooser() -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let choice = store.annotations.choosing_columns.clone();
    let columns = choice.as_ref().map(|c| c.columns.clone()).unwrap_or_default();
    let latitude = use_state(|| 0usize);
    let longitude = use_state(|| 1usize);
    {
        let (latitude, longitude, columns) = (latitude.clone(), longitude.clone(), columns.clone());
        use_effect_with(columns, move |columns| {
            latitude.set(first_like(columns, &["lat", "north", "breit", "шир", "y"], 0));
            longitude.set(first_like(columns, &["lon", "east", "läng", "долг", "x"], 1));
        });
    }
    let Some(choice) = choice else { return html! {} };
    let import = {
        let (dispatch, choice, latitude, longitude) =
            (dispatch.clone(), choice.clone(), latitude.clone(), longitude.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Document(DocumentEvent::ColumnsClosed));
            let chosen = ChosenColumns { latitude: *latitude, longitude: *longitude };
            open_csv_with_columns(&dispatch, &choice, chosen);
        })
    };
    let cancel = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Document(DocumentEvent::ColumnsClosed)));
    html! {
        <div class="embed-dialog column-chooser" role="dialog" aria-labelledby="column-chooser-title" data-column-chooser="">
            <h2 id="column-chooser-title">{ format!("Which columns of {} hold the positions?", choice.name) }</h2>
            <p>{ "Their names do not say. Choose the latitude and the longitude columns, in degrees (WGS84)." }</p>
            <div class="column-lists">
                { column_list("csv-latitude", "Latitude", &columns, &latitude) }
                { column_list("csv-longitude", "Longitude", &columns, &longitude) }
            </div>
            <div class="dialog-buttons">
                <button type="button" class="header-button" onclick={import}>{ "Import" }</button>
                <button type="button" class="header-button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </div>
    }
}
