//! The versioned envelope an annotation document is saved in (browser storage): the format tag, when it
//! was saved, and the document as exported GeoJSON. Reading never guesses: an unknown version or a damaged
//! envelope is an error that says so.

use serde_json::{json, Value};

use super::annotation::AnnotationDocument;
use super::geojson_export::export_geojson;
use super::geojson_import::{import_geojson, ImportLimits};

/// The format tag of saved documents.
pub const SAVED_FORMAT: &str = "article-map/annotations@1";

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
    let report = import_geojson(&document.to_string(), &ImportLimits::default())
        .map_err(|e| format!("the saved document is damaged ({e})"))?;
    let mut doc = AnnotationDocument::default().with_imported(report.annotations);
    doc.next_id = doc.next_id.max(value.get("next_id").and_then(Value::as_u64).unwrap_or(1));
    let saved_at = value.get("saved_at").and_then(Value::as_str).map(str::to_string);
    Ok((doc, saved_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::annotation::{Annotation, AnnotationGeometry};
    use crate::domain::coords::LonLat;

    fn doc() -> AnnotationDocument {
        let mut a = Annotation::new("a1".into(), AnnotationGeometry::Point(LonLat::new(71.61, 36.73)));
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
}
