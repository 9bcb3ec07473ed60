//! Opening and writing the formats other tools use: GeoJSON is read here, at once; KML, KMZ, GPX, CSV and
//! TopoJSON are converted by the converter worker, loaded only then, and the converted file is imported
//! as GeoJSON is (same limits, same messages, one undo step). Exports to KML, GPX and CSV are written by
//! the worker too, from the document's GeoJSON.

use std::rc::Rc;

use crate::browser::converter::ask_converter;
use crate::browser::download::download;
use crate::domain::annotation::AnnotationDocument;
use crate::domain::converter_messages::{
    columns_to_choose, export_request, import_request, read_export_answer, read_import_answer, ExportFormat,
};
use crate::domain::csv_import::ChosenColumns;
use crate::domain::file_import::{import_converted, text_of, FileFormat};
use crate::domain::geojson_export::export_geojson;
use crate::domain::geojson_import::{import_geojson, ImportLimits};
use crate::ui::annotate::intake::DocumentEvent;
use crate::ui::annotate::state::ColumnChoice;
use crate::ui::state::Action;
use crate::ui::store::Dispatch;

/// Imports a file (or pasted text, as bytes) of any format as annotations, or says why not. `origin` names
/// it for the reader ("The file “x.kml”"), `name` is its file name (its extension helps tell the format).
pub fn open_file(dispatch: &Dispatch, origin: String, name: String, bytes: Result<Vec<u8>, String>) {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(problem) => return dispatch.dispatch(Action::Document(DocumentEvent::Refused { origin, problem })),
    };
    let format = FileFormat::of(&name, &bytes);
    if format == FileFormat::GeoJson {
        let result = import_geojson(&text_of(&bytes).0, &ImportLimits::default());
        return dispatch.dispatch(imported(origin, result.map_err(|e| e.to_string())));
    }
    convert_and_import(dispatch, format!("{origin} ({})", format.name()), name, Rc::new(bytes), None);
}

/// Imports a CSV file with the columns the reader chose for its positions.
pub fn open_csv_with_columns(dispatch: &Dispatch, choice: &ColumnChoice, chosen: ChosenColumns) {
    convert_and_import(dispatch, choice.origin.clone(), choice.name.clone(), choice.bytes.clone(), Some(chosen));
}

/// Has the worker convert the file, then imports it; a CSV whose position columns are not named opens the
/// column chooser instead.
fn convert_and_import(
    dispatch: &Dispatch,
    origin: String,
    name: String,
    bytes: Rc<Vec<u8>>,
    chosen: Option<ChosenColumns>,
) {
    let dispatch = dispatch.clone();
    yew::platform::spawn_local(async move {
        let reply = ask_converter(import_request(&name, chosen), bytes.to_vec()).await;
        if let Some(columns) = reply.as_deref().ok().and_then(columns_to_choose) {
            let choice = ColumnChoice { origin, name, bytes, columns };
            return dispatch.dispatch(Action::Document(DocumentEvent::ChooseColumns(Rc::new(choice))));
        }
        let result = reply.and_then(|reply| {
            read_import_answer(&reply)
                .and_then(|converted| import_converted(converted, &ImportLimits::default()))
                .map_err(|e| e.to_string())
        });
        dispatch.dispatch(imported(origin, result));
    });
}

fn imported(origin: String, result: Result<crate::domain::geojson_import::ImportReport, String>) -> Action {
    match result {
        Ok(report) => Action::Document(DocumentEvent::Imported { origin, report }),
        Err(problem) => Action::Document(DocumentEvent::Refused { origin, problem }),
    }
}

/// Writes the document in `format` (by the worker) and downloads it; what the format could not hold, or
/// why it failed, is said.
pub fn export_to(dispatch: &Dispatch, doc: &AnnotationDocument, format: ExportFormat) {
    let geojson = export_geojson(doc).into_bytes();
    let dispatch = dispatch.clone();
    yew::platform::spawn_local(async move {
        let what = format!("Export {}", format.name());
        let exported =
            ask_converter(export_request(format), geojson).await.and_then(|reply| read_export_answer(&reply));
        let event = match exported
            .and_then(|e| download(format.file_name(), format.media_type(), e.text.as_bytes()).map(|()| e.cannot_hold))
        {
            Ok(cannot_hold) if cannot_hold.is_empty() => return,
            Ok(cannot_hold) => DocumentEvent::ExportedWithout { what, cannot_hold },
            Err(problem) => DocumentEvent::ExportFailed { what, problem },
        };
        dispatch.dispatch(Action::Document(event));
    });
}
