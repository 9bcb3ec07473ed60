//! The annotation toolbar: draw tools, undo and redo, import and export.

use yew::prelude::*;

use crate::browser::download::{download, download_blob};
use crate::browser::files::FileText;
use crate::browser::raster::svg_to_png;
use crate::domain::converter_messages::ExportFormat;
use crate::domain::drawing::Tool;
use crate::domain::geojson_export::export_geojson;
use crate::ui::annotate::intake::DocumentEvent;
use crate::ui::annotate::interchange::{export_to, open_file};
use crate::ui::annotate::map_export::current_view_svg;
use crate::ui::annotate::state::AnnotationAction;
use crate::ui::state::Action;
use crate::ui::store::{use_store, Dispatch};
use crate::ui::widgets::file_button::FileButton;

fn report(dispatch: &Dispatch, what: &str, result: Result<(), String>) {
    if let Err(problem) = result {
        dispatch.dispatch(Action::Document(DocumentEvent::ExportFailed { what: format!("Export {what}"), problem }));
    }
}

/// The file types the import picker offers.
const IMPORT_ACCEPT: &str = ".geojson,.json,.topojson,.kml,.kmz,.gpx,.csv,.tsv,.txt,application/geo+json,application/json,\
                             application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz,application/gpx+xml,text/csv";

/// "Export GeoJSON", "Export KML", "Export GPX", "Export CSV", "Export SVG" and "Export PNG": the document,
/// and the picture of the current view.
#[component]
fn ExportButtons() -> Html {
    let store = use_store();
    let dispatch = store.dispatcher();
    let export_geojson_click = {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let text = export_geojson(store.annotations.history.present());
            report(&dispatch, "GeoJSON", download("annotations.geojson", "application/geo+json", text.as_bytes()));
        })
    };
    let export_in = |format: ExportFormat| {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| export_to(&dispatch, store.annotations.history.present(), format))
    };
    let export_svg_click = {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let svg = current_view_svg(&store);
            report(&dispatch, "SVG", download("map.svg", "image/svg+xml", svg.as_bytes()));
        })
    };
    let export_png_click = {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let svg = current_view_svg(&store);
            let (w, h) = (store.map.settled.width, store.map.settled.height);
            let dispatch = dispatch.clone();
            yew::platform::spawn_local(async move {
                let result = match svg_to_png(&svg, w, h, 2.0).await {
                    Ok(blob) => download_blob("map.png", &blob),
                    Err(e) => Err(e),
                };
                report(&dispatch, "PNG", result);
            });
        })
    };
    html! {
        <>
            <button type="button" class="header-button" aria-label="Export GeoJSON" onclick={export_geojson_click}>{ "GeoJSON" }</button>
            <button type="button" class="header-button" aria-label="Export KML" title="For Google Earth, My Maps and QGIS" onclick={export_in(ExportFormat::Kml)}>{ "KML" }</button>
            <button type="button" class="header-button" aria-label="Export GPX" title="Points and lines, for GPS apps" onclick={export_in(ExportFormat::Gpx)}>{ "GPX" }</button>
            <button type="button" class="header-button" aria-label="Export CSV" title="For spreadsheets" onclick={export_in(ExportFormat::Csv)}>{ "CSV" }</button>
            <button type="button" class="header-button" aria-label="Export SVG" onclick={export_svg_click}>{ "SVG" }</button>
            <button type="button" class="header-button" aria-label="Export PNG" onclick={export_png_click}>{ "PNG" }</button>
        </>
    }
}

/// The toolbar.
#[component]
pub fn Toolbar() -> Html {
    let store = use_store();
    let dispatch = store.dispatcher();
    let state = &store.annotations;
    let tool_button = |tool: Tool, icon: &'static str| {
        let active = state.tool == Some(tool);
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Annotate(AnnotationAction::SetTool(if active { None } else { Some(tool) })))
        });
        html! {
            <button type="button" class={classes!("tool-button", active.then_some("active"))} aria-label={tool.label()}
                title={tool.label()} aria-pressed={active.to_string()} {onclick}>
                <span aria-hidden="true">{ icon }</span>
            </button>
        }
    };
    let action_button = |label: &'static str, icon: &'static str, enabled: bool, onclick: Callback<MouseEvent>| {
        html! {
            <button type="button" class="tool-button" aria-label={label} title={label} disabled={!enabled} {onclick}>
                <span aria-hidden="true">{ icon }</span>
            </button>
        }
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Annotate(AnnotationAction::Undo)))
    };
    let redo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Annotate(AnnotationAction::Redo)))
    };
    let chosen = {
        let dispatch = dispatch.clone();
        Callback::from(move |files: Vec<FileText>| {
            if let Some(file) = files.into_iter().next() {
                open_file(&dispatch, format!("The file “{}”", file.name), file.name, file.bytes);
            }
        })
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Annotate">
            { tool_button(Tool::Point, "•") }
            { tool_button(Tool::Line, "╱") }
            { tool_button(Tool::Area, "▱") }
            <span class="toolbar-gap" />
            { action_button("Undo", "↶", state.history.can_undo(), undo) }
            { action_button("Redo", "↷", state.history.can_redo(), redo) }
            <span class="toolbar-gap" />
            <FileButton label="Import" aria_label="Import a file" title="GeoJSON, TopoJSON, KML, KMZ, GPX or CSV"
                input_label="File to import: GeoJSON, TopoJSON, KML, KMZ, GPX or CSV"
                accept={IMPORT_ACCEPT} data_attribute="data-import-file" on_read={chosen} />
            <ExportButtons />
        </div>
    }
}
