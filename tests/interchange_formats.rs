//! Every format the importer reads, tried with files other tools wrote (tests/fixtures/interchange: made with
//! ogr2ogr, LibreOffice, geo2topo, gpxpy, simplekml, or by hand after the formats' published examples;
//! MANIFEST.json says how, and what each should give): the valid ones give the features their writers put in,
//! in order, with their names, kinds and heights; the invalid ones are refused with a message that says
//! where; and each export reads back into the same annotations, where its format can hold them.

use std::path::Path;

use article_map::domain::annotation::{Annotation, AnnotationDocument};
use article_map::domain::converter_messages::{answer, columns_to_choose, import_request, read_import_answer};
use article_map::domain::csv_import::ChosenColumns;
use article_map::domain::file_import::{import_converted, open_file, FileFormat};
use article_map::domain::format_export::{document_geojson, export_csv, export_gpx, export_kml};
use article_map::domain::geojson_export::export_geojson;
use article_map::domain::geojson_import::{ImportError, ImportLimits, ImportReport};
use serde_json::Value;

const FOLDER: &str = "tests/fixtures/interchange";

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(Path::new(FOLDER).join("MANIFEST.json")).expect("the manifest");
    serde_json::from_str::<Vec<Value>>(&text).expect("the manifest is JSON")
}

fn read(file: &str) -> Vec<u8> {
    std::fs::read(Path::new(FOLDER).join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn open(file: &str) -> Result<ImportReport, ImportError> {
    open_file(file, &read(file), None, &ImportLimits::default())
}

const FORMATS: [&str; 6] = ["geojson", "kml", "kmz", "gpx", "csv", "topojson"];

fn entries(valid: bool) -> Vec<Value> {
    manifest()
        .into_iter()
        .filter(|e| FORMATS.contains(&e["format"].as_str().unwrap_or_default()) && e["valid"] == valid)
        .collect()
}

#[test]
fn every_valid_file_gives_the_features_its_writer_put_in() {
    let valid = entries(true);
    assert!(valid.len() >= 30, "{} valid files", valid.len());
    for entry in valid {
        let file = entry["file"].as_str().unwrap();
        let report = open(file).unwrap_or_else(|e| panic!("{file} was refused: {e}"));
        let kinds: Vec<&str> = report.annotations.iter().map(|a| a.geometry.type_name()).collect();
        let expected: Vec<&str> = entry["kinds"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert_eq!(kinds, expected, "{file}: kinds in file order");
        assert_eq!(report.annotations.len() as u64, entry["features"].as_u64().unwrap(), "{file}");
        if let Some(names) = entry["names"].as_array() {
            for (a, name) in report.annotations.iter().zip(names) {
                if let Some(name) = name.as_str() {
                    assert_eq!(a.title, name, "{file}: titles in file order");
                }
            }
        }
        if entry["elevations"] == true {
            assert!(report.annotations.iter().any(|a| !a.extra_coordinates.is_empty()), "{file}: heights are kept");
        }
    }
}

/// Whether `said` names `place` ("line 7") as a whole: "line 7, column 3" or "(line 7)", not "line 70".
fn names_place(said: &str, place: &str) -> bool {
    [",", ")", ":"].iter().any(|after| said.contains(&format!("{place}{after}")))
}

/// What each invalid file's refusal must say, besides where.
const EXPECTED_MESSAGES: [(&str, &str); 30] = [
    ("kml/invalid/not-xml.kml", "this is not XML"),
    ("kml/invalid/xml-not-kml.kml", "the root element is <svg>, not <kml>"),
    ("kml/invalid/coordinates-abc.kml", "\"abc\" is not a position"),
    ("kml/invalid/latitude-out-of-range.kml", "latitude 98.0833 is not a WGS84 position"),
    ("kml/invalid/polygon-ring-2-positions.kml", "a <LinearRing> needs at least 3 corners"),
    ("kml/invalid/unclosed-tag.kml", "not well-formed XML"),
    ("kml/invalid/no-kml-inside.kmz", "the KMZ holds no .kml file (it holds "),
    ("kml/invalid/bomb-21mb.kmz", "doc.kml in the KMZ inflates to more than 5,242,880 bytes"),
    ("gpx/invalid/trkpt-missing-lat.gpx", "has no \"lat\" attribute"),
    ("gpx/invalid/lat-abc.gpx", "lat=\"abc\" is not a number"),
    ("gpx/invalid/lon-out-of-range.gpx", "longitude 255.2292"),
    ("gpx/invalid/not-gpx-root.gpx", "the root element is <osm>, not <gpx>"),
    ("csv/invalid/no-lat-lon-columns.csv", "no latitude and longitude columns were found among \"place\", \"coord_a\""),
    ("csv/invalid/latitude-abc.csv", "\"abc\" is not a number (latitude in degrees)"),
    ("csv/invalid/latitude-95.csv", "latitude 95 is not a WGS84 position"),
    ("csv/invalid/ragged-row.csv", "has 2 fields but the header row names 4 columns"),
    ("topojson/invalid/arcs-index-out-of-range.topojson", "names arc 7, but the topology has 4 arcs"),
    ("topojson/invalid/transform-missing-scale.topojson", "must be two numbers [x, y]"),
    ("topojson/invalid/type-not-topology.topojson", "must be \"Topology\""),
    ("topojson/invalid/objects-missing.topojson", "is required: a topology names its objects"),
    ("geojson/invalid/bbox-two-numbers.geojson", "has 2 numbers; a bbox has 2 per dimension"),
    ("geojson/invalid/bbox-three-numbers.geojson", "has 3 numbers"),
    ("geojson/invalid/bbox-string.geojson", "must be an array of 4 or 6 numbers"),
    (
        "geojson/invalid/bbox-number.geojson",
        "must be an array of 4 or 6 numbers [west, south, east, north], found the number 42",
    ),
    ("geojson/invalid/bbox-non-number-element.geojson", "must be a number, found the string \"a\""),
    (
        "geojson/invalid/bbox-south-greater-than-north.geojson",
        "its south edge (38.5598) is north of its north edge (37.4897)",
    ),
    (
        "geojson/invalid/feature-with-coordinates.geojson",
        "a Feature must not have a \"coordinates\" member (RFC 7946 §7.1",
    ),
    ("geojson/invalid/point-with-geometry-member.geojson", "a Point must not have a \"geometry\" member"),
    (
        "geojson/invalid/featurecollection-with-coordinates.geojson",
        "a FeatureCollection must not have a \"coordinates\" member",
    ),
    ("geojson/invalid/ring-not-closed-in-z.geojson", "differ in their other numbers ([4125] and [4130])"),
];

#[test]
fn every_invalid_file_is_refused_with_where() {
    let invalid = entries(false);
    assert!(invalid.len() >= 25, "{} invalid files", invalid.len());
    for entry in invalid {
        let file = entry["file"].as_str().unwrap();
        let e = match open(file) {
            Ok(report) => panic!("{file} was accepted: {} annotations", report.annotations.len()),
            Err(e) => e,
        };
        let said = e.to_string();
        let expected =
            EXPECTED_MESSAGES.iter().find(|(f, _)| *f == file).unwrap_or_else(|| panic!("{file}: no expected message"));
        assert!(said.contains(expected.1), "{file}: wanted {:?} in {said}", expected.1);
        let format = entry["format"].as_str().unwrap_or_default();
        match format {
            "kmz" => assert!(said.contains("no .kml") || said.contains("inflates to more than"), "{file}: {said}"),
            "geojson" => {
                assert_eq!(e.path, entry["where"].as_str().unwrap(), "{file}: {said}");
                let line = entry["line"].as_u64().unwrap();
                assert!(said.contains(&format!("(line {line}, column")), "{file}: {said}");
            }
            "topojson" => assert!(said.starts_with(entry["where"].as_str().unwrap()), "{file}: {said}"),
            "csv" if entry["line"].is_u64() => {
                assert!(names_place(&said, &format!("line {}", entry["line"])), "{file}: {said}")
            }
            _ => {
                let place = entry["where"].as_str().unwrap();
                assert!(names_place(&said, place), "{file}: wanted {place:?} in {said}");
            }
        }
    }
}

/// A document as it is kept: imported, ids given, in stored form.
fn kept(report: ImportReport) -> Vec<Annotation> {
    let doc = AnnotationDocument::default().with_imported(report.annotations);
    doc.in_stored_form(&AnnotationDocument::default()).0.annotations.iter().map(|a| (**a).clone()).collect()
}

fn reopened(name: &str, text: &str) -> Vec<Annotation> {
    kept(
        open_file(name, text.as_bytes(), None, &ImportLimits::default())
            .unwrap_or_else(|e| panic!("{name}: {e}\n{text}")),
    )
}

#[test]
fn each_format_s_export_reads_back_equal_for_what_it_holds() {
    for entry in entries(true) {
        let file = entry["file"].as_str().unwrap();
        let format = entry["format"].as_str().unwrap();
        let first = kept(open(file).unwrap());
        let doc = AnnotationDocument::default().with_imported(first.clone());
        let geojson = document_geojson(&doc);
        assert_eq!(reopened("back.geojson", &export_geojson(&doc)), first, "{file} as GeoJSON");
        match format {
            "kml" | "kmz" => assert_eq!(reopened("back.kml", &export_kml(&geojson).text), first, "{file} as KML"),
            "gpx" => assert_eq!(reopened("back.gpx", &export_gpx(&geojson).text), first, "{file} as GPX"),
            "csv" => assert_eq!(reopened("back.csv", &export_csv(&geojson).text), first, "{file} as CSV"),
            _ => {}
        }
    }
}

#[test]
fn the_worker_s_answer_imports_as_the_file_does() {
    for file in [
        "kml/google-earth-style.kml",
        "gpx/phone-app-1.1.gpx",
        "csv/semicolon-decimal-comma.csv",
        "kml/simplekml-doc.kmz",
    ] {
        let bytes = read(file);
        let reply = answer(&import_request(file, None), &bytes);
        let through_worker = import_converted(read_import_answer(&reply).unwrap(), &ImportLimits::default()).unwrap();
        assert_eq!(through_worker, open(file).unwrap(), "{file}");
        assert_ne!(FileFormat::of(file, &bytes), FileFormat::GeoJson);
    }
    // A CSV whose columns do not say: the worker asks for them, then reads it with the ones chosen.
    let bytes = read("csv/invalid/no-lat-lon-columns.csv");
    let asked = answer(&import_request("places.csv", None), &bytes);
    let columns = columns_to_choose(&asked).expect("the columns to choose from");
    assert_eq!(columns, ["place", "coord_a", "coord_b", "comment"]);
    let chosen = Some(ChosenColumns { latitude: 1, longitude: 2 });
    let reply = answer(&import_request("places.csv", chosen), &bytes);
    assert_eq!(columns_to_choose(&reply), None);
    let report = import_converted(read_import_answer(&reply).unwrap(), &ImportLimits::default()).unwrap();
    assert_eq!(report.annotations.len(), 2);
    assert_eq!(report.annotations[1].geometry.first_position().map(|p| (p.lon, p.lat)), Some((71.5533, 37.4897)));
}

/// What a reader draws and writes here: every kind the tools draw, titles and notes with markup, quotes and
/// line breaks, colours and widths, quotes from the article, and a height from an imported file.
fn drawn_document() -> AnnotationDocument {
    use article_map::domain::annotation::{AnnotationGeometry, AnnotationStyle};
    use article_map::domain::coords::LonLat;
    use article_map::domain::quote_index::QuoteSelector;
    let p = LonLat::new;
    let mut point = Annotation::new("a1", AnnotationGeometry::Point(p(71.6117, 36.7272)));
    point.title = "Police academy \"Ishkashim\" & <co>".into();
    point.note = "<script>alert(1)</script>\nSecond line, with a comma; and &amp; as typed".into();
    point.style = AnnotationStyle { marker_color: Some("#d62728".into()), ..AnnotationStyle::default() };
    point.quotes = vec![QuoteSelector { exact: "a police academy".into(), prefix: "built ".into(), suffix: "".into() }];
    point.extra_coordinates.insert(p(71.6117, 36.7272), &[2600.0]);
    let mut line =
        Annotation::new("a2", AnnotationGeometry::LineString(vec![p(71.6, 36.7), p(72.3, 37.0), p(73.45, 36.97)]));
    line.title = "Wakhan road".into();
    line.style = AnnotationStyle {
        stroke: Some("#1f77b4".into()),
        stroke_width: Some(2.5),
        stroke_opacity: Some(0.75),
        ..AnnotationStyle::default()
    };
    let mut area = Annotation::new(
        "a3",
        AnnotationGeometry::Polygon(vec![vec![
            p(73.4, 37.35),
            p(74.0, 37.35),
            p(74.0, 37.6),
            p(73.4, 37.6),
            p(73.4, 37.35),
        ]]),
    );
    area.title = "Zorkul".into();
    area.note = "Хорог — 喀什 — اشکاشم".into();
    area.style = AnnotationStyle {
        fill: Some("#2ca02c".into()),
        fill_opacity: Some(0.2),
        stroke: Some("#2ca02c".into()),
        ..AnnotationStyle::default()
    };
    let doc = AnnotationDocument::default().with_added(point).with_added(line).with_added(area);
    doc.in_stored_form(&AnnotationDocument::default()).0
}

#[test]
fn a_document_drawn_here_reads_back_equal_from_kml_and_csv_and_its_points_and_lines_from_gpx() {
    let doc = drawn_document();
    let all: Vec<Annotation> = doc.annotations.iter().map(|a| (**a).clone()).collect();
    let geojson = document_geojson(&doc);
    let kml = export_kml(&geojson);
    assert!(kml.cannot_hold.is_empty(), "{:?}", kml.cannot_hold);
    assert!(!kml.text.contains("<script>"), "markup is written as text");
    assert_eq!(reopened("drawn.kml", &kml.text), all, "KML");
    let csv = export_csv(&geojson);
    assert_eq!(reopened("drawn.csv", &csv.text), all, "CSV");
    let gpx = export_gpx(&geojson);
    assert_eq!(gpx.cannot_hold.len(), 2, "the area is left out, and the styles and quotes: {:?}", gpx.cannot_hold);
    let back = reopened("drawn.gpx", &gpx.text);
    assert_eq!(back.len(), 2);
    for (b, a) in back.iter().zip(&all) {
        assert_eq!(
            (&b.geometry, &b.title, &b.note, &b.extra_coordinates),
            (&a.geometry, &a.title, &a.note, &a.extra_coordinates)
        );
    }
    // Deterministic: the same document writes the same bytes.
    assert_eq!(export_kml(&geojson), kml);
    assert_eq!(export_csv(&geojson), csv);
}

#[test]
fn a_phone_s_gpx_extensions_are_named_as_not_read() {
    let report = open("gpx/phone-app-1.1.gpx").unwrap();
    assert!(
        report.notes.iter().any(|n| n.starts_with("The file's GPX extensions were not read (")),
        "{:?}",
        report.notes
    );
}

#[test]
fn a_small_topology_that_names_one_arc_a_million_times_is_refused_before_it_is_stitched() {
    let arc: Vec<[i32; 2]> = (0..1000).map(|i| [i, i % 7]).collect();
    let indexes = vec!["0"; 1_000_000].join(",");
    let text = format!(
        r#"{{"type":"Topology","transform":{{"scale":[0.0001,0.0001],"translate":[70,36]}},"arcs":[{}],"objects":{{"x":{{"type":"LineString","arcs":[{indexes}]}}}}}}"#,
        serde_json::to_string(&arc).unwrap()
    );
    assert!(text.len() < 3_000_000, "{} bytes", text.len());
    let e = open_file("x.topojson", text.as_bytes(), None, &ImportLimits::default()).unwrap_err();
    assert!(e.message.contains("more than 250,000 positions"), "{e}");
}

#[test]
fn a_text_a_spreadsheet_would_run_as_a_formula_is_exported_inert_and_reads_back_as_written() {
    use article_map::domain::annotation::AnnotationGeometry;
    use article_map::domain::coords::LonLat;
    let mut a = Annotation::new("a1", AnnotationGeometry::Point(LonLat::new(71.6, 36.7)));
    a.title = "=HYPERLINK(\"http://example.invalid\",\"click\")".into();
    a.note = "-5 degrees at night\n@everyone".into();
    a.foreign.insert("depth".into(), "+3".into());
    let doc = AnnotationDocument::default().with_added(a);
    let doc = doc.in_stored_form(&AnnotationDocument::default()).0;
    let csv = export_csv(&document_geojson(&doc)).text;
    assert!(csv.contains("\"'=HYPERLINK(") && csv.contains("\"'-5 degrees") && csv.contains(",'+3"), "{csv}");
    let all: Vec<Annotation> = doc.annotations.iter().map(|a| (**a).clone()).collect();
    assert_eq!(reopened("inert.csv", &csv), all);
}
