//! What every converter (KML, GPX, CSV, TopoJSON) hands the GeoJSON importer, and the pieces they share:
//! features built as GeoJSON values, positions checked where they are read (so that a refusal names the
//! line, element or row), and text cut for messages.
//!
//! A converted file then goes through [`crate::domain::geojson_import::import_geojson_value`] like any
//! GeoJSON: the same limits, checks and property rules, so every format imports the same way.

use serde_json::{Map, Value};

use super::geojson_reader::ReadError;

/// A file converted to a GeoJSON FeatureCollection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Converted {
    /// `{"type": "FeatureCollection", "features": [...]}`.
    pub geojson: Value,
    /// Per feature, where in the file it came from ("Placemark “Khorog”, line 12, column 5"; "row 4"), for
    /// a refusal found once it is GeoJSON.
    pub origins: Vec<String>,
    /// What the reader should know of how it was read.
    pub notes: Vec<String>,
}

impl Converted {
    /// Gathers features one by one.
    pub fn collect(features: Vec<(Value, String)>, notes: Vec<String>) -> Converted {
        let (features, origins): (Vec<Value>, Vec<String>) = features.into_iter().unzip();
        let mut collection = Map::new();
        collection.insert("type".into(), "FeatureCollection".into());
        collection.insert("features".into(), Value::Array(features));
        Converted { geojson: Value::Object(collection), origins, notes }
    }
}

/// A refusal at `place` ("line 3, column 7", "row 4", "objects.land.arcs[0]").
pub fn refuse<T>(place: impl Into<String>, message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError { path: place.into(), message: message.into() })
}

/// A GeoJSON Feature.
pub fn feature(id: Option<String>, geometry: Value, properties: Map<String, Value>) -> Value {
    let mut feature = Map::new();
    feature.insert("type".into(), "Feature".into());
    if let Some(id) = id.filter(|id| !id.is_empty()) {
        feature.insert("id".into(), id.into());
    }
    feature.insert("geometry".into(), geometry);
    feature.insert("properties".into(), Value::Object(properties));
    Value::Object(feature)
}

/// A GeoJSON geometry object of `kind` with `coordinates`.
pub fn geometry(kind: &str, coordinates: Value) -> Value {
    let mut object = Map::new();
    object.insert("type".into(), kind.into());
    object.insert("coordinates".into(), coordinates);
    Value::Object(object)
}

/// A GeometryCollection of `parts`.
pub fn collection(parts: Vec<Value>) -> Value {
    let mut object = Map::new();
    object.insert("type".into(), "GeometryCollection".into());
    object.insert("geometries".into(), Value::Array(parts));
    Value::Object(object)
}

/// One position as GeoJSON, after checking that it is WGS84 longitude, latitude; `extra` (an altitude)
/// follows them. `place` says where it was read, for the refusal.
pub fn position(lon: f64, lat: f64, extra: &[f64], place: &str) -> Result<Value, ReadError> {
    if !lon.is_finite() || !lat.is_finite() || !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        let hint = if lon.abs() <= 90.0 && lat.abs() > 90.0 && lat.abs() <= 180.0 {
            ": are longitude and latitude swapped?"
        } else if lon.abs() > 360.0 || lat.abs() > 360.0 {
            ": the numbers look like projected coordinates (metres), not degrees"
        } else {
            ""
        };
        return refuse(
            place,
            format!(
                "longitude {lon}, latitude {lat} is not a WGS84 position (longitude within ±180°, latitude within \
                 ±90°){hint}"
            ),
        );
    }
    let mut numbers = vec![Value::from(lon), Value::from(lat)];
    numbers.extend(extra.iter().filter(|x| x.is_finite()).map(|x| Value::from(*x)));
    Ok(Value::Array(numbers))
}

/// A number as written in a file (spaces around it allowed), or `None`.
///
/// ```
/// use article_map::domain::conversion::number;
/// assert_eq!(number(" 71.6117 "), Some(71.6117));
/// assert_eq!(number("1e2"), Some(100.0));
/// assert_eq!(number("NaN"), None);
/// assert_eq!(number("abc"), None);
/// ```
pub fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `text` cut to 40 characters with an ellipsis, for a message.
pub fn cut(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

/// A property value written back as text by a format that only holds text (KML, GPX, CSV): a string as
/// itself, anything else as JSON.
pub fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The value of a `quotes` column or field written as JSON (by this app's KML and CSV export), or the text
/// itself when it is not a JSON array (the importer then says what is wrong with it).
pub fn quotes_from_text(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => Value::Array(items),
        _ => Value::String(text.to_string()),
    }
}
