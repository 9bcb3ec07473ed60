//! Classroom hand-ins: a student's annotations as a GeoJSON FeatureCollection that also names the student
//! and the tasks (a foreign member `article-map:hand-in`, which GIS tools ignore), and reading several of
//! them back for the teacher, each broken one reported by its file name while the others load.

use serde_json::{json, Value};

use super::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use super::geojson_export::export_geojson;
use super::geojson_import::{import_geojson, ImportLimits};

/// The foreign member that marks a hand-in.
pub const HAND_IN_MEMBER: &str = "article-map:hand-in";

/// The tasks of student mode.
pub const TASKS: [&str; 3] = [
    "Mark where the new site is said to be",
    "Draw the Tajik–Afghan border section closest to it",
    "Attach the sentence that supports your mark",
];

/// A file name made of the student's name and the task, safe on every system.
///
/// ```
/// use article_map::domain::hand_in::file_name;
/// assert_eq!(file_name("Zarina Karimova", "Mark where the new site is said to be"), "zarina-karimova-mark-where-the-new-site-is-said-to-be.geojson");
/// assert_eq!(file_name("  ", "x"), "student-x.geojson");
/// ```
pub fn file_name(student: &str, task: &str) -> String {
    let slug = |s: &str| {
        let mut out = String::new();
        for c in s.trim().chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        out.trim_end_matches('-').chars().take(60).collect::<String>()
    };
    let student = if slug(student).is_empty() { "student".to_string() } else { slug(student) };
    format!("{student}-{}.geojson", slug(task))
}

/// The hand-in file for a student's document.
pub fn encode(doc: &AnnotationDocument, student: &str, task: &str) -> String {
    let mut value: Value = serde_json::from_str(&export_geojson(doc)).unwrap_or_else(|_| json!({}));
    if let Some(object) = value.as_object_mut() {
        object.insert(HAND_IN_MEMBER.into(), json!({ "student": student, "task": task, "tasks": TASKS }));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// A hand-in read back.
#[derive(Clone, Debug, PartialEq)]
pub struct HandIn {
    pub student: String,
    pub task: Option<String>,
    pub annotations: Vec<Annotation>,
}

impl HandIn {
    /// "3 points, 1 line, 0 areas, 2 quotes".
    pub fn summary(&self) -> String {
        let count = |f: fn(&AnnotationGeometry) -> bool| self.annotations.iter().filter(|a| f(&a.geometry)).count();
        let points = count(|g| matches!(g, AnnotationGeometry::Point(_) | AnnotationGeometry::MultiPoint(_)));
        let lines = count(|g| matches!(g, AnnotationGeometry::LineString(_) | AnnotationGeometry::MultiLineString(_)));
        let areas = count(|g| matches!(g, AnnotationGeometry::Polygon(_) | AnnotationGeometry::MultiPolygon(_)));
        let quotes: usize = self.annotations.iter().map(|a| a.quotes.len()).sum();
        format!("{points} point(s), {lines} line(s), {areas} area(s), {quotes} quote(s)")
    }
}

/// Reads one hand-in. A file without the hand-in member is still read (any GeoJSON), named by the file.
pub fn decode(text: &str, file_name: &str) -> Result<HandIn, String> {
    let report = import_geojson(text, &ImportLimits::default()).map_err(|e| e.to_string())?;
    let member = serde_json::from_str::<Value>(text).ok().and_then(|v| v.get(HAND_IN_MEMBER).cloned());
    let text_of = |key: &str| member.as_ref().and_then(|m| m.get(key)).and_then(Value::as_str).map(str::to_string);
    let student = text_of("student")
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| file_name.trim_end_matches(".geojson").trim_end_matches(".json").to_string());
    Ok(HandIn { student, task: text_of("task"), annotations: report.annotations })
}

/// Reads several hand-ins: the good ones, and for each broken one its file name and why.
pub fn decode_all(files: &[(String, String)]) -> (Vec<HandIn>, Vec<(String, String)>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (name, text) in files {
        match decode(text, name) {
            Ok(h) => good.push(h),
            Err(why) => bad.push((name.clone(), why)),
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::LonLat;
    use crate::domain::quote_index::QuoteSelector;

    fn doc() -> AnnotationDocument {
        let mut a = Annotation::new("a1".into(), AnnotationGeometry::Point(LonLat::new(71.6, 36.7)));
        a.quotes.push(QuoteSelector { exact: "The new site".into(), ..Default::default() });
        AnnotationDocument::default().with_added(a)
    }

    #[test]
    fn a_hand_in_names_its_student_and_reads_back() {
        let text = encode(&doc(), "Zarina", TASKS[0]);
        let h = decode(&text, "whatever.geojson").unwrap();
        assert_eq!(h.student, "Zarina");
        assert_eq!(h.task.as_deref(), Some(TASKS[0]));
        assert_eq!(h.annotations.len(), 1);
        assert_eq!(h.summary(), "1 point(s), 0 line(s), 0 area(s), 1 quote(s)");
    }

    #[test]
    fn a_broken_hand_in_is_named_and_the_others_still_load() {
        let files = vec![
            ("a.geojson".to_string(), encode(&doc(), "A", TASKS[0])),
            ("broken.geojson".to_string(), "{\"type\":\"FeatureCollection\",\"features\":[".to_string()),
            ("c.geojson".to_string(), encode(&doc(), "C", TASKS[1])),
        ];
        let (good, bad) = decode_all(&files);
        assert_eq!(good.iter().map(|h| h.student.as_str()).collect::<Vec<_>>(), ["A", "C"]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, "broken.geojson");
        assert!(bad[0].1.contains("not valid JSON"), "{}", bad[0].1);
    }

    #[test]
    fn plain_geojson_is_named_after_its_file() {
        let h = decode(r#"{"type":"FeatureCollection","features":[]}"#, "group-3.geojson").unwrap();
        assert_eq!(h.student, "group-3");
    }
}
