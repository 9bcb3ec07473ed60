//! Classroom hand-ins: a student's annotations as a GeoJSON FeatureCollection that also names the student
//! and the tasks (a foreign member `article-map:hand-in`, which GIS tools ignore), and reading several of
//! them back for the teacher, each broken one reported by its file name while the others load.

use serde_json::{json, Value};

use super::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use super::geojson_export::export_geojson;
use super::geojson_import::{import_geojson, ImportLimits};

/// The largest hand-in file read, bytes of UTF-8.
pub const MAX_HAND_IN_BYTES: usize = 2 * 1024 * 1024;
/// Hand-in files read at once, bytes in all: a class's hand-ins open within a second (about 80 ms a MiB
/// here); files past it are reported, not read.
pub const MAX_HAND_IN_TOTAL_BYTES: usize = 8 * 1024 * 1024;
/// Annotations one hand-in may hold.
pub const MAX_HAND_IN_ANNOTATIONS: usize = 2_000;
/// Positions one hand-in may hold, all annotations together.
pub const MAX_HAND_IN_VERTICES: usize = 50_000;
/// Hand-ins read at once (a class); further files are reported, not read.
pub const MAX_HAND_IN_FILES: usize = 60;
/// Characters of the student's name and of the task kept from a hand-in.
pub const MAX_NAME_CHARS: usize = 200;

/// The import limits a hand-in is read with.
pub fn hand_in_limits() -> ImportLimits {
    ImportLimits {
        max_bytes: MAX_HAND_IN_BYTES,
        max_features: MAX_HAND_IN_ANNOTATIONS,
        max_vertices: MAX_HAND_IN_VERTICES,
        ..ImportLimits::default()
    }
}

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
        let points = count(AnnotationGeometry::is_points);
        let lines = count(|g| matches!(g, AnnotationGeometry::LineString(_) | AnnotationGeometry::MultiLineString(_)));
        let areas = count(|g| matches!(g, AnnotationGeometry::Polygon(_) | AnnotationGeometry::MultiPolygon(_)));
        let collections = count(|g| matches!(g, AnnotationGeometry::GeometryCollection(_)));
        let quotes: usize = self.annotations.iter().map(|a| a.quotes.len()).sum();
        let collections =
            if collections == 0 { String::new() } else { format!(", {collections} collection(s) of shapes") };
        format!("{points} point(s), {lines} line(s), {areas} area(s){collections}, {quotes} quote(s)")
    }
}

/// Reads one hand-in. A file without the hand-in member is still read (any GeoJSON), named by the file.
/// Bounded: the file is refused past [`MAX_HAND_IN_BYTES`], [`MAX_HAND_IN_ANNOTATIONS`] or
/// [`MAX_HAND_IN_VERTICES`] before its annotations are made; names are cut to [`MAX_NAME_CHARS`].
pub fn decode(text: &str, file_name: &str) -> Result<HandIn, String> {
    let report = import_geojson(text, &hand_in_limits()).map_err(|e| e.to_string())?;
    let member = serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text))
        .ok()
        .and_then(|v| v.get(HAND_IN_MEMBER).cloned());
    let text_of = |key: &str| {
        member
            .as_ref()
            .and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .map(|s| s.chars().take(MAX_NAME_CHARS).collect())
    };
    let student = text_of("student").filter(|s: &String| !s.trim().is_empty()).unwrap_or_else(|| {
        file_name.trim_end_matches(".geojson").trim_end_matches(".json").chars().take(MAX_NAME_CHARS).collect()
    });
    Ok(HandIn { student, task: text_of("task"), annotations: report.annotations })
}

/// Which of the hand-in files chosen together are read, from their sizes in bytes (before anything is
/// read): at most [`MAX_HAND_IN_FILES`], [`MAX_HAND_IN_TOTAL_BYTES`] in all and [`MAX_HAND_IN_BYTES`] each.
/// For each file, `Ok(())` or why it is not read; a file past the total does not stop a smaller one after it.
///
/// ```
/// use article_map::domain::hand_in::{admit, MAX_HAND_IN_BYTES};
/// let verdicts = admit(&[1_000.0, (MAX_HAND_IN_BYTES + 1) as f64, 2_000.0]);
/// assert!(verdicts[0].is_ok() && verdicts[2].is_ok());
/// assert_eq!(verdicts[1], Err("not read: a hand-in is at most 2 MiB".to_string()));
/// ```
pub fn admit(sizes: &[f64]) -> Vec<Result<(), String>> {
    let mut admitted = 0;
    let mut total = 0.0;
    sizes
        .iter()
        .map(|&size| {
            if admitted >= MAX_HAND_IN_FILES {
                Err(format!("not read: at most {MAX_HAND_IN_FILES} hand-ins are read at once"))
            } else if total + size > MAX_HAND_IN_TOTAL_BYTES as f64 {
                Err(format!(
                    "not read: hand-ins read at once may have at most {} MiB in all",
                    MAX_HAND_IN_TOTAL_BYTES / (1024 * 1024)
                ))
            } else if size > MAX_HAND_IN_BYTES as f64 {
                Err(format!("not read: a hand-in is at most {} MiB", MAX_HAND_IN_BYTES / (1024 * 1024)))
            } else {
                admitted += 1;
                total += size;
                Ok(())
            }
        })
        .collect()
}

/// Reads several hand-ins, within [`admit`]'s bounds: the good ones, and for each broken one its file name
/// and why.
pub fn decode_all(files: &[(String, String)]) -> (Vec<HandIn>, Vec<(String, String)>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let sizes: Vec<f64> = files.iter().map(|(_, text)| text.len() as f64).collect();
    for ((name, text), admitted) in files.iter().zip(admit(&sizes)) {
        match admitted.and_then(|()| decode(text, name)) {
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
        let mut a = Annotation::new("a1", AnnotationGeometry::Point(LonLat::new(71.6, 36.7)));
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
    fn hand_ins_past_the_limits_are_refused_with_the_limit() {
        let point = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[71,37]},"properties":{}}"#;
        let many = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, vec![point; 2_001].join(","));
        let why = decode(&many, "many.geojson").unwrap_err();
        assert!(why.contains("2,000"), "{why}");
        let huge = " ".repeat(MAX_HAND_IN_BYTES + 1);
        assert!(decode(&huge, "huge.geojson").unwrap_err().contains("limit"));
        let files: Vec<(String, String)> =
            (0..MAX_HAND_IN_FILES + 2).map(|i| (format!("{i}.geojson"), encode(&doc(), "S", TASKS[0]))).collect();
        let (good, bad) = decode_all(&files);
        assert_eq!((good.len(), bad.len()), (MAX_HAND_IN_FILES, 2));
        let long = encode(&doc(), &"й".repeat(10_000), TASKS[0]);
        assert_eq!(decode(&long, "x").unwrap().student.chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn plain_geojson_is_named_after_its_file() {
        let h = decode(r#"{"type":"FeatureCollection","features":[]}"#, "group-3.geojson").unwrap();
        assert_eq!(h.student, "group-3");
    }
}
