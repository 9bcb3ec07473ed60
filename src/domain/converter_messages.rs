//! What the app and its converter worker say to each other. The converters (XML, zip, CSV, TopoJSON) are
//! a second wasm module, loaded in a worker only when a reader opens or exports a format that is not
//! GeoJSON, so that the app's first load does not carry them. A request is a JSON header and the file's
//! bytes (or, for an export, the document as GeoJSON); the answer is JSON text. [`answer`] is the whole of
//! the worker's work, so it is tested here, natively.

use serde_json::{json, Value};

use super::conversion::Converted;
use super::csv_import::{csv_columns, ChosenColumns, NO_POSITION_COLUMNS};
use super::file_import::{convert, text_of, FileFormat};
use super::format_export::{export_csv, export_gpx, export_kml, Exported};
use super::geojson_import::{ImportError, ImportLimits};

/// The formats the worker exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Kml,
    Gpx,
    Csv,
}

impl ExportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Kml => "KML",
            ExportFormat::Gpx => "GPX",
            ExportFormat::Csv => "CSV",
        }
    }

    /// The downloaded file's name.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Kml => "annotations.kml",
            ExportFormat::Gpx => "annotations.gpx",
            ExportFormat::Csv => "annotations.csv",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Kml => "application/vnd.google-earth.kml+xml",
            ExportFormat::Gpx => "application/gpx+xml",
            ExportFormat::Csv => "text/csv;charset=utf-8",
        }
    }

    fn of(name: &str) -> Option<ExportFormat> {
        [ExportFormat::Kml, ExportFormat::Gpx, ExportFormat::Csv].into_iter().find(|f| f.name() == name)
    }
}

/// The header of a request to convert the file `name` (its bytes go with it).
pub fn import_request(name: &str, chosen: Option<ChosenColumns>) -> String {
    let chosen = chosen.map(|c| json!([c.latitude, c.longitude]));
    json!({"do": "import", "name": name, "columns": chosen}).to_string()
}

/// The header of a request to export the document (its GeoJSON export goes with it) to `format`.
pub fn export_request(format: ExportFormat) -> String {
    json!({"do": "export", "format": format.name()}).to_string()
}

fn refusal(path: &str, message: &str) -> String {
    json!({"ok": false, "path": path, "message": message}).to_string()
}

/// The worker's answer to a request.
///
/// ```
/// use article_map::domain::converter_messages::{answer, import_request, read_import_answer};
/// let reply = answer(&import_request("p.csv", None), b"name,lat,lon\nKhorog,37.4897,71.5533\n");
/// let converted = read_import_answer(&reply).unwrap();
/// assert_eq!(converted.geojson["features"][0]["properties"]["name"], "Khorog");
/// ```
pub fn answer(header: &str, payload: &[u8]) -> String {
    let Ok(header) = serde_json::from_str::<Value>(header) else { return refusal("", "the request cannot be read") };
    match header["do"].as_str() {
        Some("import") => {
            let name = header["name"].as_str().unwrap_or_default();
            let chosen = match header["columns"].as_array().map(Vec::as_slice) {
                Some([lat, lon]) => match (lat.as_u64(), lon.as_u64()) {
                    (Some(lat), Some(lon)) => Some(ChosenColumns { latitude: lat as usize, longitude: lon as usize }),
                    _ => None,
                },
                _ => None,
            };
            let format = FileFormat::of(name, payload);
            match convert(format, payload, chosen, &ImportLimits::default()) {
                Ok(c) => json!({"ok": true, "geojson": c.geojson, "origins": c.origins, "notes": c.notes}).to_string(),
                // A CSV whose columns do not say where its positions are: the reader may choose them.
                Err(e)
                    if format == FileFormat::Csv && chosen.is_none() && e.message.starts_with(NO_POSITION_COLUMNS) =>
                {
                    let columns = csv_columns(&text_of(payload).0).unwrap_or_default();
                    json!({"ok": false, "path": e.path, "message": e.message, "columns": columns}).to_string()
                }
                Err(e) => refusal(&e.path, &e.message),
            }
        }
        Some("export") => {
            let Some(format) = header["format"].as_str().and_then(ExportFormat::of) else {
                return refusal("", "the export format is not known");
            };
            let Ok(geojson) = serde_json::from_slice::<Value>(payload) else {
                return refusal("", "the document to export cannot be read");
            };
            let exported = match format {
                ExportFormat::Kml => export_kml(&geojson),
                ExportFormat::Gpx => export_gpx(&geojson),
                ExportFormat::Csv => export_csv(&geojson),
            };
            json!({"ok": true, "text": exported.text, "cannot_hold": exported.cannot_hold}).to_string()
        }
        _ => refusal("", "the request asks for nothing the converter does"),
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

fn refused(reply: &Value) -> ImportError {
    ImportError {
        path: reply["path"].as_str().unwrap_or_default().to_string(),
        message: reply["message"].as_str().unwrap_or("the converter gave no reason").to_string(),
    }
}

/// The converted file from the worker's answer, or its refusal.
pub fn read_import_answer(reply: &str) -> Result<Converted, ImportError> {
    let Ok(reply) = serde_json::from_str::<Value>(reply) else {
        return Err(ImportError { path: String::new(), message: "the converter's answer cannot be read".into() });
    };
    if reply["ok"] != true {
        return Err(refused(&reply));
    }
    Ok(Converted {
        geojson: reply["geojson"].clone(),
        origins: strings(&reply["origins"]),
        notes: strings(&reply["notes"]),
    })
}

/// The columns of a CSV whose positions the reader must choose, when that is the worker's answer.
///
/// ```
/// use article_map::domain::converter_messages::{answer, columns_to_choose, import_request};
/// let reply = answer(&import_request("p.csv", None), b"place,north,east\nKhorog,37.49,71.55\n");
/// assert_eq!(columns_to_choose(&reply), Some(vec!["place".into(), "north".into(), "east".into()]));
/// ```
pub fn columns_to_choose(reply: &str) -> Option<Vec<String>> {
    let reply = serde_json::from_str::<Value>(reply).ok()?;
    (reply["ok"] == false && reply["columns"].is_array()).then(|| strings(&reply["columns"]))
}

/// The exported text from the worker's answer, or why there is none.
pub fn read_export_answer(reply: &str) -> Result<Exported, String> {
    let Ok(reply) = serde_json::from_str::<Value>(reply) else {
        return Err("the converter's answer cannot be read".into());
    };
    if reply["ok"] != true {
        return Err(refused(&reply).to_string());
    }
    Ok(Exported {
        text: reply["text"].as_str().unwrap_or_default().to_string(),
        cannot_hold: strings(&reply["cannot_hold"]),
    })
}
