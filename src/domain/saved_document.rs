//! The versioned envelope an annotation document is saved in (browser storage): the format tag, when it
//! was saved, and the document as exported GeoJSON. Reading never guesses: an unknown version or a damaged
//! envelope is an error that says so.

use serde_json::{json, Value};

use super::annotation::AnnotationDocument;
use super::geojson_export::export_geojson;
use super::geojson_import::{import_geojson, ImportLimits};
use super::thousands::thousands;

/// The format tag of saved documents.
pub const SAVED_FORMAT: &str = "article-map/annotations@1";

/// The limits a saved document is read with: wider than an import's, so that several imports together, a
/// save's larger form (indented, every property written) and saves made by earlier versions (which took up
/// to 50,000 features and 1,000,000 positions, with any number of quotes) are all read back.
pub fn saved_limits() -> ImportLimits {
    ImportLimits {
        max_bytes: 80 * 1024 * 1024,
        max_features: 50_000,
        max_vertices: 1_000_000,
        max_quotes_per_feature: 10_000,
        max_quotes: usize::MAX,
        ..ImportLimits::default()
    }
}

/// Whether `incoming` annotations fit in `doc` so that the whole stays within what an import accepts (the
/// document can always be exported and opened again, and saved and read back); if not, why not, in words.
/// Linear in the positions of both.
///
/// ```
/// use article_map::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
/// use article_map::domain::coords::LonLat;
/// use article_map::domain::saved_document::room_for;
/// let point = || Annotation::new(String::new(), AnnotationGeometry::Point(LonLat::new(71.0, 38.0)));
/// assert!(room_for(&AnnotationDocument::default(), &[point()]).is_ok());
/// assert!(room_for(&AnnotationDocument::default(), &vec![point(); 5_001]).is_err());
/// ```
pub fn room_for(doc: &AnnotationDocument, incoming: &[super::annotation::Annotation]) -> Result<(), String> {
    let limits = ImportLimits::default();
    let sum = |count: fn(&super::annotation::Annotation) -> usize| {
        doc.annotations.iter().map(|a| count(a)).sum::<usize>() + incoming.iter().map(count).sum::<usize>()
    };
    let counts = [
        ("annotations", doc.annotations.len() + incoming.len(), limits.max_features),
        ("quotes", sum(|a| a.quotes.len()), limits.max_quotes),
        ("positions", sum(|a| a.geometry.position_count()), limits.max_vertices),
    ];
    match counts.into_iter().find(|(_, count, most)| count > most) {
        Some((what, count, most)) => Err(format!(
            "your document would hold {} {what}; it can hold at most {} (delete some, or export them and start a new one)",
            thousands(count as u64),
            thousands(most as u64)
        )),
        None => Ok(()),
    }
}

/// The envelope for `doc`, saved at `saved_at` (an ISO 8601 time).
pub fn encode(doc: &AnnotationDocument, saved_at: &str) -> String {
    let document: Value = serde_json::from_str(&export_geojson(doc)).unwrap_or(Value::Null);
    json!({ "format": SAVED_FORMAT, "saved_at": saved_at, "next_id": doc.next_id, "document": document }).to_string()
}

/// The document in an envelope, with when it was saved.
pub fn decode(text: &str) -> Result<(AnnotationDocument, Option<String>), String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("the saved data is damaged (not JSON: {e})"))?;
    match value.get("format").and_then(Value::as_str) {
        Some(SAVED_FORMAT) => {}
        Some(other) => return Err(format!("the saved data is in a format this version does not know ({other:?})")),
        None => return Err("the saved data has no format tag".into()),
    }
    let document = value.get("document").ok_or("the saved data has no document")?;
    let report = import_geojson(&document.to_string(), &saved_limits())
        .map_err(|e| format!("the saved document is damaged ({e})"))?;
    let mut doc = AnnotationDocument::default().with_imported(report.annotations);
    doc.next_id = doc.next_id.max(value.get("next_id").and_then(Value::as_u64).unwrap_or(1));
    let saved_at = value.get("saved_at").and_then(Value::as_str).map(str::to_string);
    Ok((doc, saved_at))
}

/// The envelope for `doc`, but only if it reads back as the same document: what cannot be read back is
/// never written (it would hide the reader's work at the next visit). The error says why.
pub fn encode_checked(doc: &AnnotationDocument, saved_at: &str) -> Result<String, String> {
    let text = encode(doc, saved_at);
    match decode(&text) {
        Ok((back, _)) if back.annotations == doc.annotations => Ok(text),
        Ok((back, _)) => {
            let at = doc.annotations.iter().zip(back.annotations.iter()).position(|(a, b)| a != b);
            let which = at.or((back.annotations.len() != doc.annotations.len()).then_some(back.annotations.len()));
            let name = which.and_then(|i| doc.annotations.get(i)).map(|a| a.id.as_str()).unwrap_or("?");
            Err(format!("annotation {name} would not read back as it is"))
        }
        Err(why) => Err(why),
    }
}

/// A saved document read leniently: everything that can be read, and what could not.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub document: AnnotationDocument,
    pub saved_at: Option<String>,
    /// One line per feature that could not be read: its place in the saved data and why.
    pub unreadable: Vec<String>,
}

/// How many unreadable features are named one by one.
const UNREADABLE_NAMED: usize = 20;

/// Reads a saved document, restoring every feature that can be read when some cannot: one bad feature
/// never hides the others. `Err` when nothing of it can be read (not JSON, unknown format, no features).
///
/// ```
/// use article_map::domain::saved_document::decode_leniently;
/// let text = r#"{"format":"article-map/annotations@1","document":{"type":"FeatureCollection","features":[
///   {"type":"Feature","geometry":{"type":"Point","coordinates":[71.6,36.7]},"properties":{"title":"kept"}},
///   {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]},"properties":{}}]}}"#;
/// let r = decode_leniently(text).unwrap();
/// assert_eq!(r.document.annotations.len(), 1);
/// assert_eq!(r.document.annotations[0].title, "kept");
/// assert_eq!(r.unreadable.len(), 1);
/// ```
pub fn decode_leniently(text: &str) -> Result<Recovered, String> {
    let strict = match decode(text) {
        Ok((document, saved_at)) => return Ok(Recovered { document, saved_at, unreadable: Vec::new() }),
        Err(why) => why,
    };
    let Ok(value) = serde_json::from_str::<Value>(text) else { return Err(strict) };
    if value.get("format").and_then(Value::as_str) != Some(SAVED_FORMAT) {
        return Err(strict);
    }
    let Some(features) = value.get("document").and_then(|d| d.get("features")).and_then(Value::as_array) else {
        return Err(strict);
    };
    let limits = saved_limits();
    let mut annotations = Vec::new();
    let mut unreadable = Vec::new();
    for (i, feature) in features.iter().take(limits.max_features).enumerate() {
        let one = json!({ "type": "FeatureCollection", "features": [feature] });
        match import_geojson(&one.to_string(), &limits) {
            Ok(report) => annotations.extend(report.annotations),
            Err(e) => {
                let id = feature.get("id").and_then(Value::as_str).map(|id| format!(" ({id})")).unwrap_or_default();
                let problem = e.to_string().replacen("features[0]", &format!("features[{i}]"), 1);
                unreadable.push(format!("saved annotation {}{id}: {problem}", i + 1));
            }
        }
    }
    if features.len() > limits.max_features {
        unreadable.push(format!(
            "{} more saved features beyond the limit of {}",
            features.len() - limits.max_features,
            limits.max_features
        ));
    }
    if annotations.is_empty() {
        return Err(strict);
    }
    if unreadable.len() > UNREADABLE_NAMED {
        let rest = unreadable.len() - UNREADABLE_NAMED;
        unreadable.truncate(UNREADABLE_NAMED);
        unreadable.push(format!("… and {rest} more"));
    }
    let mut document = AnnotationDocument::default().with_imported(annotations);
    document.next_id = document.next_id.max(value.get("next_id").and_then(Value::as_u64).unwrap_or(1));
    let saved_at = value.get("saved_at").and_then(Value::as_str).map(str::to_string);
    Ok(Recovered { document, saved_at, unreadable })
}

/// The storage key of a layer of annotations, namespaced by the app's path so that two maps on one site
/// never share or overwrite each other's notes (`/maps/a/` and `/maps/a/index.html` are one app).
///
/// ```
/// use article_map::domain::saved_document::storage_key;
/// assert_eq!(storage_key("/maps/a/index.html", "annotations"), "article-map@/maps/a/:annotations");
/// assert_eq!(storage_key("/maps/a/", "annotations"), "article-map@/maps/a/:annotations");
/// assert_ne!(storage_key("/maps/b/", "annotations"), storage_key("/maps/a/", "annotations"));
/// ```
pub fn storage_key(path: &str, layer: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let path = if path.is_empty() { "/" } else { path };
    let path: String = path.chars().take(200).collect();
    format!("article-map@{path}:{layer}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::annotation::{Annotation, AnnotationGeometry};
    use crate::domain::coords::LonLat;

    fn doc() -> AnnotationDocument {
        let mut a = Annotation::new("a1", AnnotationGeometry::Point(LonLat::new(71.61, 36.73)));
        a.title = "New site?".into();
        a.note = "<img src=x onerror=alert(1)>".into();
        let mut d = AnnotationDocument::default().with_added(a);
        d.next_id = 2;
        d
    }

    #[test]
    fn a_saved_document_reads_back_the_same() {
        let (back, saved_at) = decode(&encode(&doc(), "2026-11-28T12:00:00Z")).unwrap();
        assert_eq!(back, doc());
        assert_eq!(saved_at.as_deref(), Some("2026-11-28T12:00:00Z"));
    }

    #[test]
    fn damaged_or_unknown_data_is_an_error_that_says_so() {
        assert!(decode("{not json").unwrap_err().contains("not JSON"));
        assert!(decode(r#"{"format":"article-map/annotations@9","document":{}}"#)
            .unwrap_err()
            .contains("does not know"));
        assert!(decode(r#"{"document":{}}"#).unwrap_err().contains("no format tag"));
        assert!(decode(r#"{"format":"article-map/annotations@1","document":{"type":"Nope"}}"#)
            .unwrap_err()
            .contains("damaged"));
    }

    #[test]
    fn only_what_reads_back_is_written() {
        assert!(encode_checked(&doc(), "t").is_ok());
        // A document the reader would refuse (an open ring) is not written.
        let open = AnnotationGeometry::Polygon(vec![vec![
            LonLat::new(70.0, 37.0),
            LonLat::new(71.0, 37.0),
            LonLat::new(71.0, 38.0),
            LonLat::new(70.0, 38.0),
        ]]);
        let bad = doc().with_added(Annotation::new("a2", open));
        assert!(encode_checked(&bad, "t").is_err());
    }

    #[test]
    fn one_bad_feature_never_hides_the_others() {
        let good = encode(&doc(), "2026-11-28T12:00:00Z");
        let mut value: Value = serde_json::from_str(&good).unwrap();
        let features = value["document"]["features"].as_array_mut().unwrap();
        features.insert(
            0,
            json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [999, 0]}, "properties": {}}),
        );
        features.push(json!("not a feature"));
        let r = decode_leniently(&value.to_string()).unwrap();
        assert_eq!(r.document.annotations, doc().annotations);
        assert_eq!(r.unreadable.len(), 2, "{:?}", r.unreadable);
        assert!(r.unreadable[0].starts_with("saved annotation 1"), "{:?}", r.unreadable);
        assert!(decode_leniently("{not json").is_err());
    }
}
