//! GeoJSON interchange: each import rule, broken on its own, is refused with its own message and JSON path;
//! files as geojson.io and QGIS save them import with the expected annotations; export → import gives back
//! the same annotations, and export is byte-for-byte repeatable.

use std::rc::Rc;

use article_map::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry, AnnotationStyle};
use article_map::domain::coords::LonLat;
use article_map::domain::geojson_export::{export_geojson, signed_area_x2};
use article_map::domain::geojson_import::{import_geojson, ImportError, ImportLimits, ImportReport};
use article_map::domain::quote_index::QuoteSelector;
use serde_json::{json, Map, Value};

const GEOJSONIO: &str = include_str!("fixtures/geojsonio-export.geojson");
const QGIS: &str = include_str!("fixtures/qgis-export.geojson");
const HOLES: &str = include_str!("fixtures/holes-and-multipolygons.geojson");
const EPSG3857: &str = include_str!("fixtures/epsg3857.geojson");
const CRS_EPSG3857: &str = include_str!("fixtures/crs-epsg3857.geojson");

fn import(text: &str) -> ImportReport {
    import_geojson(text, &ImportLimits::default()).unwrap_or_else(|e| panic!("refused: {e}"))
}

fn refused(text: &str) -> ImportError {
    refused_with(text, &ImportLimits::default())
}

/// The refusal, its message without the line and column its path has in the text (checked here: every
/// refusal with a path names where the path points).
fn refused_with(text: &str, limits: &ImportLimits) -> ImportError {
    match import_geojson(text, limits) {
        Ok(report) => panic!("accepted: {report:?}"),
        Err(e) => match article_map::domain::json_location::line_and_column(text, &e.path) {
            Some((line, column)) if !e.path.is_empty() => {
                let place = format!(" (line {line}, column {column})");
                let message =
                    e.message.strip_suffix(&place).unwrap_or_else(|| panic!("{e:?} does not end with {place}"));
                ImportError { message: message.to_string(), ..e }
            }
            _ => e,
        },
    }
}

/// A FeatureCollection holding one feature with this geometry.
fn one(geometry: Value) -> String {
    json!({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]})
        .to_string()
}

fn ll(lon: f64, lat: f64) -> LonLat {
    LonLat::new(lon, lat)
}

fn ring(points: &[(f64, f64)]) -> Vec<LonLat> {
    points.iter().map(|&(x, y)| ll(x, y)).collect()
}

fn doc_of(annotations: Vec<Annotation>) -> AnnotationDocument {
    AnnotationDocument { annotations: annotations.into_iter().map(Rc::new).collect(), next_id: 1 }
}

// ---- Rejections: one rule each, message and path ----

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let text = " ".repeat(6 * 1024 * 1024);
    let e = refused(&text);
    assert_eq!(e.path, "");
    assert_eq!(e.message, "the file is 6.0 MB (6,291,456 bytes); the limit is 5.0 MB (5,242,880 bytes)");
    let small = ImportLimits { max_bytes: 1_000, ..Default::default() };
    let e = refused_with(&one(json!({"type": "Point", "coordinates": [71.6, 36.7]})).repeat(20), &small);
    assert!(e.message.ends_with("the limit is 1.0 KB (1,000 bytes)"), "{e}");
}

#[test]
fn text_that_is_not_json_is_refused_with_line_and_column() {
    let e = refused("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}");
    assert_eq!(e.path, "");
    assert_eq!(e.message, "not valid JSON: expected value at line 3 column 16");
    assert_eq!(refused("").message, "not valid JSON: EOF while parsing a value at line 1 column 0");
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_with_the_place() {
    let mut deep = json!(1);
    for _ in 0..38 {
        deep = json!([deep]);
    }
    let text = json!({"type": "Feature", "geometry": null, "properties": {"deep": deep}}).to_string();
    let e = refused(&text);
    // A top-level Feature is measured as export saves it, inside a FeatureCollection (2 levels deeper), so
    // that what is accepted always reads back after export.
    assert_eq!(e.path, format!("properties.deep{}", "[0]".repeat(28)));
    assert_eq!(
        e.message,
        "JSON nesting goes past level 32 here and reaches 42 levels once saved (a top-level Feature is saved \
         inside a FeatureCollection, 2 levels deeper); the limit is 32 levels of nested arrays and objects"
    );
    // Within the limit, the same shape is fine.
    let shallow = ImportLimits { max_depth: 42, ..Default::default() };
    assert_eq!(import_geojson(&text, &shallow).unwrap().skipped_without_geometry, 1);
}

#[test]
fn nesting_past_the_json_parsers_own_limit_gets_the_same_depth_message() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let e = refused(&nested(127));
    assert!(e.message.starts_with("JSON nesting goes past level 32 here and reaches 127 levels"), "{e}");
    let e = refused(&nested(128));
    assert_eq!(e.path, "");
    assert_eq!(
        e.message,
        "JSON nesting reaches at least 128 levels (at line 1, column 128); the limit is 32 levels of nested arrays \
         and objects"
    );
}

#[test]
fn the_top_level_must_be_a_collection_a_feature_or_a_geometry() {
    let e = refused(r#"{"type": "Topology", "objects": {}}"#);
    assert_eq!(e.path, "type");
    assert_eq!(
        e.message,
        "\"Topology\" is not a GeoJSON type: the top level must be a FeatureCollection, a Feature or a geometry"
    );
    let e = refused("[]");
    assert_eq!(e.path, "");
    assert_eq!(
        e.message,
        "the top level must be a GeoJSON object (a FeatureCollection, a Feature or a geometry), found an empty array"
    );
    let e = refused(r#"{"features": []}"#);
    assert_eq!(e.to_string(), "type: is required: the top level must be a FeatureCollection, a Feature or a geometry");
}

#[test]
fn features_must_be_an_array() {
    let e = refused(r#"{"type": "FeatureCollection", "features": {"0": {"type": "Feature"}}}"#);
    assert_eq!(e.path, "features");
    assert_eq!(e.message, "must be an array of Features, found an object");
    let e = refused(r#"{"type": "FeatureCollection"}"#);
    assert_eq!(e.to_string(), "features: is required: a FeatureCollection lists its Features in it");
}

#[test]
fn each_item_of_features_must_be_a_feature() {
    let point = json!({"type": "Point", "coordinates": [71.6, 36.7]});
    let text = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": null, "geometry": point},
        point,
    ]})
    .to_string();
    let e = refused(&text);
    assert_eq!(e.path, "features[1].type");
    assert_eq!(
        e.message,
        "is \"Point\", but each item of \"features\" must be a Feature: put the geometry in a Feature's \"geometry\""
    );
    let e = refused(r#"{"type": "FeatureCollection", "features": [{"type": "feature"}]}"#);
    assert_eq!(e.to_string(), "features[0].type: is \"feature\", but each item of \"features\" must be a \"Feature\"");
    let e = refused(r#"{"type": "FeatureCollection", "features": [7]}"#);
    assert_eq!(e.to_string(), "features[0]: must be a Feature object, found the number 7");
}

#[test]
fn an_unknown_geometry_type_is_refused() {
    let e = refused(&one(json!({"type": "Circle", "coordinates": [71.6, 36.7], "radius": 500})));
    assert_eq!(e.path, "features[0].geometry.type");
    assert_eq!(
        e.message,
        "\"Circle\" is not a GeoJSON geometry type (GeoJSON has no circles: draw it as a Polygon): use Point, \
         MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection"
    );
    let e = refused(&one(json!({"type": "polygon", "coordinates": []})));
    assert!(
        e.message.starts_with(
            "\"polygon\" is not a GeoJSON geometry type (type names are case-sensitive: did you mean \"Polygon\"?)"
        ),
        "{e}"
    );
}

#[test]
fn a_geometry_collection_is_read_in_a_feature_and_at_the_top_level_and_written_back_as_one() {
    let collection = json!({"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [71.6, 36.7]},
        {"type": "LineString", "coordinates": [[71.6, 36.7], [72.0, 37.0]]},
    ]});
    for text in [one(collection.clone()), collection.to_string()] {
        let report = import_geojson(&text, &ImportLimits::default()).unwrap();
        let AnnotationGeometry::GeometryCollection(parts) = &report.annotations[0].geometry else {
            panic!("{report:?}")
        };
        assert_eq!(parts.len(), 2);
        let exported: Value =
            serde_json::from_str(&export_geojson(&AnnotationDocument::default().with_imported(report.annotations)))
                .unwrap();
        assert_eq!(exported["features"][0]["geometry"]["type"], "GeometryCollection");
        assert_eq!(
            exported["features"][0]["geometry"]["geometries"][1]["coordinates"],
            json!([[71.6, 36.7], [72, 37]])
        );
    }
    // A collection without `geometries` is refused, with the place.
    let e = refused(&one(json!({"type": "GeometryCollection"})));
    assert_eq!(e.path, "features[0].geometry.geometries");
}

#[test]
fn malformed_coordinates_are_refused_with_their_path() {
    // A LineString given a single position: one level too shallow.
    let e = refused(&one(json!({"type": "LineString", "coordinates": [71.6, 36.7]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[0]");
    assert_eq!(
        e.message,
        "must be a position [longitude, latitude], found the number 71.6: the coordinates are nested one level \
         too shallowly for a LineString"
    );
    // A Polygon given a ring instead of an array of rings.
    let e = refused(&one(json!({"type": "Polygon", "coordinates": [[71, 36], [72, 36], [72, 37], [71, 36]]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[0][0]");
    assert!(e.message.ends_with("nested one level too shallowly for a Polygon"), "{e}");
    // A Point given an array of positions: one level too deep.
    let e = refused(&one(json!({"type": "Point", "coordinates": [[71.6, 36.7]]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[0]");
    assert_eq!(
        e.message,
        "must be a number (longitude), found an array of 2 items: the coordinates are nested one level too deeply \
         for a Point"
    );
    // Numbers as strings.
    let e = refused(&one(json!({"type": "MultiPoint", "coordinates": [[71.6, 36.7], [72.1, "37.2"]]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[1][1]");
    assert_eq!(e.message, "must be a number (latitude), found the string \"37.2\"");
    // Too few numbers.
    let e = refused(&one(json!({"type": "Point", "coordinates": [71.6]})));
    assert_eq!(e.path, "features[0].geometry.coordinates");
    assert_eq!(e.message, "[71.6] is not a position: it needs a longitude and a latitude, [longitude, latitude]");
    // No coordinates at all.
    let e = refused(&one(json!({"type": "Polygon"})));
    assert_eq!(e.to_string(), "features[0].geometry.coordinates: is required for a Polygon");
}

#[test]
fn a_position_out_of_range_is_refused_with_its_path() {
    let good = |lon: f64| {
        json!({"type": "Feature", "properties": {},
               "geometry": {"type": "Point", "coordinates": [lon, 36.7]}})
    };
    let square = json!({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
        [71.0, 36.0], [72.0, 36.0], [72.0, 37.0], [71.5, 37.5], [71.0, 37.0], [200, 36], [71.0, 36.0]
    ]]}});
    let text =
        json!({"type": "FeatureCollection", "features": [good(71.0), good(72.0), good(73.0), square]}).to_string();
    let e = refused(&text);
    assert_eq!(e.path, "features[3].geometry.coordinates[0][5]");
    assert_eq!(
        e.message,
        "[200, 36] is not a WGS84 longitude, latitude (longitude must be within ±180°, latitude within ±90°)"
    );
    let e = refused(&one(json!({"type": "Point", "coordinates": [36.7, 171.6]})));
    assert!(
        e.message.ends_with(": are longitude and latitude swapped? GeoJSON positions are [longitude, latitude]"),
        "{e}"
    );
}

#[test]
fn projected_metres_are_recognised_as_such() {
    let e = refused(EPSG3857);
    assert_eq!(e.path, "features[0].geometry.coordinates");
    assert_eq!(
        e.message,
        "[7971777.98, 4401149.89] is not a WGS84 longitude, latitude (longitude must be within ±180°, latitude \
         within ±90°): the numbers look like projected coordinates, such as EPSG:3857 (Web Mercator) metres; \
         GeoJSON (RFC 7946) needs WGS84 degrees: reproject the data to EPSG:4326 and export it again"
    );
}

#[test]
fn a_line_needs_two_positions() {
    let e = refused(&one(json!({"type": "LineString", "coordinates": [[71.6, 36.7]]})));
    assert_eq!(e.path, "features[0].geometry.coordinates");
    assert_eq!(e.message, "a LineString needs at least 2 positions, found 1");
    let e = refused(&one(json!({"type": "MultiLineString", "coordinates": [[[71.6, 36.7], [72, 37]], [[73, 38]]]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[1]");
    assert_eq!(e.message, "each line of a MultiLineString needs at least 2 positions, found 1");
}

#[test]
fn a_ring_needs_four_positions() {
    let exterior = json!([[71, 36], [72, 36], [72, 37], [71, 37], [71, 36]]);
    let hole = json!([[71.2, 36.2], [71.4, 36.4], [71.2, 36.2]]);
    let e = refused(&one(json!({"type": "Polygon", "coordinates": [exterior, hole]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[1]");
    assert_eq!(e.message, "a linear ring needs at least 4 positions (3 corners and the first again), found 3");
    let e = refused(&one(json!({"type": "MultiPolygon", "coordinates": [[exterior], []]})));
    assert_eq!(e.to_string(), "features[0].geometry.coordinates[1]: a polygon needs an exterior ring, found no rings");
}

#[test]
fn a_ring_must_be_closed() {
    let first = json!([[[71, 36], [72, 36], [72, 37], [71, 37], [71, 36]]]);
    let open = json!([[[72.6, 37.0], [73.4, 37.0], [73.4, 37.4], [72.6, 37.4]]]);
    let e = refused(&one(json!({"type": "MultiPolygon", "coordinates": [first, open]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[1][0]");
    assert_eq!(
        e.message,
        "the linear ring is not closed: it starts at [72.6, 37] and ends at [72.6, 37.4]; its last position must \
         repeat the first"
    );
}

#[test]
fn a_crs_other_than_wgs84_is_refused() {
    let e = refused(CRS_EPSG3857);
    assert_eq!(e.path, "crs.properties.name");
    assert_eq!(
        e.message,
        "names \"urn:ogc:def:crs:EPSG::3857\" (Web Mercator metres); GeoJSON (RFC 7946) requires WGS84 longitude, \
         latitude (CRS84, EPSG:4326): reproject the data to EPSG:4326 and export it again"
    );
    let with_crs = |crs: Value| {
        json!({"type": "FeatureCollection", "crs": crs, "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [71.6, 36.7]}}
        ]})
        .to_string()
    };
    for name in ["CRS84", "EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326"] {
        let report = import(&with_crs(json!({"type": "name", "properties": {"name": name}})));
        assert_eq!(report.annotations.len(), 1, "{name} is WGS84");
    }
    import(&with_crs(json!({"type": "EPSG", "properties": {"code": 4326}})));
    let e = refused(&with_crs(json!({"type": "EPSG", "properties": {"code": 32642}})));
    assert_eq!(e.path, "crs.properties.code");
    assert!(e.message.starts_with("names EPSG:32642; GeoJSON (RFC 7946) requires WGS84 longitude, latitude"), "{e}");
    // On a feature, too (GeoJSON 2008 allowed it there).
    let text = json!({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
        "crs": {"type": "name", "properties": {"name": "EPSG:2264"}},
        "geometry": {"type": "Point", "coordinates": [71.6, 36.7]}}]});
    assert_eq!(refused(&text.to_string()).path, "features[0].crs.properties.name");
}

#[test]
fn too_many_features_are_refused_with_the_count_and_limit() {
    let feature = r#"{"type": "Feature", "properties": {}, "geometry": null}"#;
    let text = format!(r#"{{"type": "FeatureCollection", "features": [{}]}}"#, vec![feature; 5_001].join(","));
    let e = refused(&text);
    assert_eq!(e.path, "features");
    assert_eq!(e.message, "has 5,001 features; the limit is 5,000");
    let text = format!(r#"{{"type": "FeatureCollection", "features": [{}]}}"#, vec![feature; 5_000].join(","));
    assert_eq!(import(&text).skipped_without_geometry, 5_000);
}

#[test]
fn too_many_positions_are_refused_with_the_count_and_limit() {
    let limits = ImportLimits { max_vertices: 10, ..Default::default() };
    let text = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
            "coordinates": [[71, 36], [71.1, 36], [71.2, 36], [71.3, 36], [71.4, 36], [71.5, 36]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
            "coordinates": [[[71, 36], [72, 36], [72, 37], [71, 37], [71, 36]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [71, 36]}},
    ]})
    .to_string();
    let e = refused_with(&text, &limits);
    assert_eq!(e.path, "features[1].geometry.coordinates");
    assert_eq!(e.message, "the file has 12 positions in all, more than the limit of 10 (passed in this geometry)");
    assert_eq!(import_geojson(&text, &ImportLimits { max_vertices: 12, ..limits }).unwrap().annotations.len(), 3);
}

#[test]
fn property_problems_name_their_path() {
    let feature = |properties: Value| {
        json!({"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": [71.6, 36.7]}})
            .to_string()
    };
    let e = refused(&feature(json!(["title"])));
    assert_eq!(e.to_string(), "properties: must be an object or null, found an array of 1 item");
    let e = refused(&feature(json!({"quotes": [{"exact": "a"}, 5]})));
    assert_eq!(
        e.to_string(),
        "properties.quotes[1]: must be a quote: an object {exact, prefix, suffix} or a string, found the number 5"
    );
    let e = refused(&feature(json!({"quotes": [{"prefix": "the "}]})));
    assert_eq!(e.to_string(), "properties.quotes[0].exact: the quote's exact text must not be empty");
    let e = refused(&feature(json!({"title": {"en": "Khorog"}})));
    assert_eq!(e.to_string(), "properties.title: must be text, found an object");
    let e = refused(&json!({"type": "Feature", "id": true, "geometry": null}).to_string());
    assert_eq!(e.to_string(), "id: must be a string or a number, found the boolean true");
}

#[test]
fn a_failed_import_returns_nothing_even_after_good_features() {
    let text = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [71.6, 36.7]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [71.6, 96.7]}},
    ]});
    assert_eq!(refused(&text.to_string()).path, "features[1].geometry.coordinates");
}

// ---- What is accepted ----

#[test]
fn altitudes_are_kept_and_written_back() {
    let text = one(json!({"type": "LineString", "coordinates": [[71.6, 36.7, 2600.5], [72.0, 37.0, 3100, 12.5]]}));
    let report = import(&text);
    let a = &report.annotations[0];
    assert_eq!(a.geometry, AnnotationGeometry::LineString(vec![ll(71.6, 36.7), ll(72.0, 37.0)]));
    assert_eq!(a.extra_coordinates.of(ll(71.6, 36.7)), &[2600.5][..]);
    assert_eq!(a.extra_coordinates.of(ll(72.0, 37.0)), &[3100.0, 12.5][..]);
    let doc = AnnotationDocument::default().with_imported(report.annotations.clone());
    let exported: Value = serde_json::from_str(&export_geojson(&doc)).unwrap();
    assert_eq!(exported["features"][0]["geometry"]["coordinates"], json!([[71.6, 36.7, 2600.5], [72, 37, 3100, 12.5]]));
    // A ring is closed only when the whole position repeats (RFC 7946 §3.1.6: identical values).
    let e = refused(&one(json!({"type": "Polygon", "coordinates": [[[71, 36, 0], [72, 36], [72, 37], [71, 36, 5]]]})));
    assert_eq!(e.path, "features[0].geometry.coordinates[0]");
    assert!(e.message.contains("differ in their other numbers ([0] and [5])"), "{e}");
}

#[test]
fn a_bare_geometry_or_a_single_feature_is_one_annotation() {
    let report = import(r#"{"type": "Point", "coordinates": [71.6, 36.7]}"#);
    assert_eq!(report.annotations, vec![Annotation::new(String::new(), AnnotationGeometry::Point(ll(71.6, 36.7)))]);
    let feature = r#"{"type": "Feature", "id": 12.5, "geometry": {"type": "Point", "coordinates": [150, 36.7]}}"#;
    let report = import(&format!("\u{feff}{feature}"));
    assert_eq!(report.annotations[0].id, "12.5");
    assert_eq!(report.outside_extent, 1);
}

#[test]
fn empty_and_null_geometries_are_skipped_and_counted() {
    let text = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"title": "null"}, "geometry": null},
        {"type": "Feature", "properties": {"title": "missing"}},
        {"type": "Feature", "properties": {"title": "empty"}, "geometry": {"type": "MultiPolygon", "coordinates": []}},
        {"type": "Feature", "properties": {"title": "kept"},
         "geometry": {"type": "Point", "coordinates": [71.6, 36.7]}},
    ]});
    let report = import(&text.to_string());
    assert_eq!(report.skipped_without_geometry, 3);
    assert_eq!(report.annotations.len(), 1);
    assert_eq!(report.annotations[0].title, "kept");
}

// ---- Files as other tools save them ----

#[test]
fn a_geojson_io_file_imports_with_its_simplestyle() {
    let report = import(GEOJSONIO);
    assert_eq!(report.annotations.len(), 4);
    assert_eq!((report.outside_extent, report.skipped_without_geometry), (1, 0), "the line runs to Gwadar, 25°N");
    let [point, line, area, bare] = &report.annotations[..] else { unreachable!() };
    assert!(report.annotations.iter().all(|a| a.id.is_empty()), "geojson.io writes no ids");

    assert_eq!(point.geometry, AnnotationGeometry::Point(ll(71.61173407617926, 36.72720049838123)));
    assert_eq!(point.title, "Ishkashim border crossing", "name stands in for a missing title");
    assert_eq!(point.style, AnnotationStyle { marker_color: Some("#7e7e7e".into()), ..Default::default() });
    let foreign: Map<String, Value> = serde_json::from_value(json!({
        "marker-size": "medium", "marker-symbol": "", "name": "Ishkashim border crossing"
    }))
    .unwrap();
    assert_eq!(point.foreign, foreign);

    assert!(matches!(&line.geometry, AnnotationGeometry::LineString(l) if l.len() == 6));
    assert_eq!(line.title, "Kashgar to Gwadar");
    assert_eq!(
        line.style,
        AnnotationStyle {
            stroke: Some("#555555".into()),
            stroke_width: Some(2.0),
            stroke_opacity: Some(1.0),
            ..Default::default()
        }
    );

    let AnnotationGeometry::Polygon(rings) = &area.geometry else { panic!("{:?}", area.geometry) };
    assert_eq!((rings.len(), rings[0].len()), (1, 5));
    assert!(signed_area_x2(&rings[0]) < 0.0, "geojson.io's ring is clockwise, and is kept as given");
    assert_eq!(
        area.style,
        AnnotationStyle {
            stroke: Some("#555555".into()),
            stroke_width: Some(2.0),
            stroke_opacity: Some(1.0),
            fill: Some("#555555".into()),
            fill_opacity: Some(0.5),
            ..Default::default()
        }
    );
    assert!(area.foreign.is_empty() && area.title.is_empty());

    assert_eq!(
        *bare,
        Annotation::new(String::new(), AnnotationGeometry::Point(ll(68.77905034919458, 38.55976225066711)))
    );
}

#[test]
fn a_qgis_file_imports_with_its_attributes() {
    let report = import(QGIS);
    assert_eq!(report.annotations.len(), 3);
    assert_eq!((report.outside_extent, report.skipped_without_geometry), (0, 0));
    let ids: Vec<_> = report.annotations.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    let titles: Vec<_> = report.annotations.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Ishkoshim", "Murghob", "Roshtqal'a"]);
    let [ishkoshim, murghob, _] = &report.annotations[..] else { unreachable!() };
    assert_eq!(ishkoshim.note, "District centre: Ishkoshim");
    assert_eq!(murghob.note, "", "a null description is no note");
    let foreign: Map<String, Value> = serde_json::from_value(json!({
        "fid": 1, "name": "Ishkoshim", "name_tg": "Ишкошим", "adm2_pcode": "TJ0502", "area_km2": 3700.5,
        "pop_2020": 32400, "remarks": null
    }))
    .unwrap();
    assert_eq!(ishkoshim.foreign, foreign);
    let AnnotationGeometry::MultiPolygon(parts) = &murghob.geometry else { panic!("{:?}", murghob.geometry) };
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1][0], ring(&[(73.9321, 38.5522), (74.0412, 38.5498), (74.0387, 38.6204), (73.9321, 38.5522)]));
    assert_eq!(murghob.style, AnnotationStyle::default());
}

#[test]
fn holes_multipolygons_and_null_geometry_import() {
    let report = import(HOLES);
    assert_eq!((report.annotations.len(), report.outside_extent, report.skipped_without_geometry), (4, 0, 1));
    let [karakul, wakhan, highway, posts] = &report.annotations[..] else { unreachable!() };
    assert_eq!(
        karakul.geometry,
        AnnotationGeometry::Polygon(vec![
            ring(&[(73.30, 38.85), (73.70, 38.85), (73.70, 39.15), (73.30, 39.15), (73.30, 38.85)]),
            ring(&[(73.45, 38.95), (73.45, 39.08), (73.58, 39.08), (73.58, 38.95), (73.45, 38.95)]),
        ])
    );
    assert_eq!((karakul.id.as_str(), karakul.title.as_str()), ("karakul", "Karakul basin"));
    assert_eq!(karakul.note, "The lake itself is the hole.");
    assert_eq!(karakul.style.fill_opacity, Some(0.25), "numbers written as strings are read");
    assert_eq!(karakul.style.stroke_width, Some(1.5));
    assert_eq!(
        karakul.quotes,
        [
            QuoteSelector { exact: "Karakul".into(), prefix: "the lake at ".into(), suffix: ", at 3,900 m".into() },
            QuoteSelector { exact: "high plateau".into(), ..Default::default() },
        ]
    );
    assert_eq!(karakul.foreign.keys().collect::<Vec<_>>(), ["source"]);

    let AnnotationGeometry::MultiPolygon(parts) = &wakhan.geometry else { panic!("{:?}", wakhan.geometry) };
    assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [1, 2], "the second part has a hole");
    assert_eq!(wakhan.style.stroke.as_deref(), Some("#a00"));
    assert_eq!(wakhan.foreign["tags"], json!(["corridor", "border"]));

    assert_eq!(highway.id, "3", "a numeric id becomes its decimal text");
    assert!(matches!(&highway.geometry, AnnotationGeometry::MultiLineString(ls) if ls.len() == 2));
    assert_eq!((highway.style.stroke_width, highway.style.stroke_opacity), (Some(3.0), Some(0.8)));

    assert_eq!(
        posts.geometry,
        AnnotationGeometry::MultiPoint(ring(&[(71.6117, 36.7272), (74.8513, 37.3411), (75.3953, 38.9846)]))
    );
    assert_eq!(posts.style.marker_color.as_deref(), Some("#e74c3c"));
}

#[test]
fn simplestyle_values_the_app_cannot_use_stay_foreign() {
    let text = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [71.6, 36.7]}, "properties": {
        "stroke": "red", "stroke-width": "wide", "fill-opacity": 1.5, "marker-color": null, "fill": "#00ff00"
    }});
    let a = &import(&text.to_string()).annotations[0];
    assert_eq!(a.style, AnnotationStyle { fill: Some("#00ff00".into()), ..Default::default() });
    let foreign: Map<String, Value> = serde_json::from_value(
        json!({"stroke": "red", "stroke-width": "wide", "fill-opacity": 1.5, "marker-color": null}),
    )
    .unwrap();
    assert_eq!(a.foreign, foreign);
}

// ---- Export and round trips ----

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The geometry as an export writes it: 6 decimals, exteriors counter-clockwise, holes clockwise.
fn as_exported(geometry: &AnnotationGeometry) -> AnnotationGeometry {
    let line = |l: &Vec<LonLat>| l.iter().map(|p| ll(round6(p.lon), round6(p.lat))).collect::<Vec<_>>();
    let polygon = |rings: &Vec<Vec<LonLat>>| {
        rings
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut r = r.clone();
                let area = signed_area_x2(&r);
                if (i == 0 && area < 0.0) || (i > 0 && area > 0.0) {
                    r.reverse();
                }
                line(&r)
            })
            .collect::<Vec<_>>()
    };
    match geometry {
        AnnotationGeometry::Point(p) => AnnotationGeometry::Point(line(&vec![*p])[0]),
        AnnotationGeometry::MultiPoint(ps) => AnnotationGeometry::MultiPoint(line(ps)),
        AnnotationGeometry::LineString(l) => AnnotationGeometry::LineString(line(l)),
        AnnotationGeometry::MultiLineString(ls) => AnnotationGeometry::MultiLineString(ls.iter().map(line).collect()),
        AnnotationGeometry::Polygon(rings) => AnnotationGeometry::Polygon(polygon(rings)),
        AnnotationGeometry::MultiPolygon(ps) => AnnotationGeometry::MultiPolygon(ps.iter().map(polygon).collect()),
        AnnotationGeometry::GeometryCollection(parts) => {
            AnnotationGeometry::GeometryCollection(parts.iter().map(as_exported).collect())
        }
    }
}

fn as_exported_annotation(a: &Annotation) -> Annotation {
    Annotation { geometry: as_exported(&a.geometry), ..a.clone() }
}

fn every_kind_of_annotation() -> AnnotationDocument {
    let mut full = Annotation::new("a1", AnnotationGeometry::Point(ll(71.61173407617926, 36.72720049838123)));
    full.title = "Police academy \"Ishkashim\"".into();
    full.note = "Built 2021.\nSecond line — with a dash, and <b>not HTML</b>.".into();
    full.style = AnnotationStyle {
        marker_color: Some("#7e7e7e".into()),
        stroke: Some("#555".into()),
        stroke_width: Some(2.5),
        stroke_opacity: Some(0.75),
        fill: Some("#AABBCC".into()),
        fill_opacity: Some(0.2),
    };
    full.quotes = vec![
        QuoteSelector { exact: "a \"police academy\"".into(), prefix: "China built ".into(), suffix: " in".into() },
        QuoteSelector { exact: "It said so twice.".into(), ..Default::default() },
    ];
    full.foreign = serde_json::from_value(json!({
        "name": "Ишкашим", "note": "from the field", "fid": 7, "area_km2": 12.25, "remarks": null,
        "source": {"publisher": "RFE/RL", "tags": ["a", "b"]}, "marker-size": "large"
    }))
    .unwrap();
    let line = Annotation::new(
        "road",
        AnnotationGeometry::LineString(vec![ll(71.55, 37.49), ll(72.3000004, 37.8), ll(73.97, 38.17)]),
    );
    let holed = Annotation::new(
        "karakul",
        AnnotationGeometry::Polygon(vec![
            ring(&[(73.3, 38.85), (73.7, 38.85), (73.7, 39.15), (73.3, 39.15), (73.3, 38.85)]),
            ring(&[(73.45, 38.95), (73.45, 39.08), (73.58, 39.08), (73.58, 38.95), (73.45, 38.95)]),
        ]),
    );
    let multi = Annotation::new(
        "7",
        AnnotationGeometry::MultiPolygon(vec![
            vec![ring(&[(71.55, 36.9), (72.0, 36.9), (72.0, 37.05), (71.55, 37.05), (71.55, 36.9)])],
            vec![
                ring(&[(72.6, 37.0), (73.4, 37.0), (73.4, 37.4), (72.6, 37.4), (72.6, 37.0)]),
                ring(&[(72.9, 37.1), (72.9, 37.25), (73.1, 37.25), (73.1, 37.1), (72.9, 37.1)]),
            ],
        ]),
    );
    let lines = Annotation::new(
        "a5",
        AnnotationGeometry::MultiLineString(vec![
            vec![ll(71.55, 37.49), ll(73.97, 38.17)],
            vec![ll(73.97, 38.17), ll(75.98, 39.47)],
        ]),
    );
    let points =
        Annotation::new("a6", AnnotationGeometry::MultiPoint(vec![ll(-0.0000001, 0.0), ll(179.9999999, -89.5)]));
    doc_of(vec![full, line, holed, multi, lines, points])
}

#[test]
fn export_then_import_gives_back_every_field() {
    let doc = every_kind_of_annotation();
    let text = export_geojson(&doc);
    let back = import(&text);
    let expected: Vec<Annotation> = doc.annotations.iter().map(|a| as_exported_annotation(a)).collect();
    assert_eq!(back.annotations, expected);
    // The rounding is the only change: everything but two coordinates is exactly the document's.
    let unrounded: Vec<Annotation> = doc.annotations.iter().map(|a| (**a).clone()).collect();
    assert_eq!(back.annotations[0], Annotation { geometry: expected[0].geometry.clone(), ..unrounded[0].clone() });
    assert_eq!(back.annotations[2..4], unrounded[2..4], "polygons with holes and multipolygons come back exactly");
    assert_eq!((back.outside_extent, back.skipped_without_geometry), (1, 0));
}

#[test]
fn export_is_repeatable_byte_for_byte() {
    let doc = every_kind_of_annotation();
    let first = export_geojson(&doc);
    assert_eq!(export_geojson(&doc), first);
    let again = export_geojson(&doc_of(import(&first).annotations));
    assert_eq!(again, first, "export → import → export writes the same bytes");
}

#[test]
fn export_is_rfc_7946() {
    let text = export_geojson(&every_kind_of_annotation());
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    assert!(value.get("crs").is_none());
    let features = value["features"].as_array().unwrap();
    let ids: Vec<_> = features.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1", "road", "karakul", "7", "a5", "a6"], "document order");
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert!(f["properties"]["title"].is_string() && f["properties"]["description"].is_string());
    }
    let full = &features[0]["properties"];
    assert_eq!(full["stroke-width"], json!(2.5));
    assert_eq!(full["quotes"][1], json!({"exact": "It said so twice.", "prefix": "", "suffix": ""}));
    assert_eq!(full["note"], "from the field", "foreign properties are written as they came");
    assert!(features[1]["properties"].get("stroke").is_none(), "style keys only when set");
    assert!(features[1]["properties"].get("quotes").is_none(), "quotes only when there are any");
    assert!(text.contains("\"coordinates\": [71.611734, 36.7272]"), "6 decimals, short numbers");
    assert!(text.contains("[72.3, 37.8]"), "71.6 stays 71.6");
    assert!(text.contains("[0, 0]"), "no -0");
    assert!(text.contains("[180, -89.5]"));
}

#[test]
fn export_turns_rings_by_the_right_hand_rule() {
    let cw_exterior = ring(&[(71.0, 36.0), (71.0, 37.0), (72.0, 37.0), (72.0, 36.0), (71.0, 36.0)]);
    let ccw_hole = ring(&[(71.2, 36.2), (71.8, 36.2), (71.8, 36.8), (71.2, 36.8), (71.2, 36.2)]);
    let doc = doc_of(vec![
        Annotation::new("p", AnnotationGeometry::Polygon(vec![cw_exterior.clone(), ccw_hole.clone()])),
        Annotation::new("m", AnnotationGeometry::MultiPolygon(vec![vec![cw_exterior.clone(), ccw_hole.clone()]])),
    ]);
    let value: Value = serde_json::from_str(&export_geojson(&doc)).unwrap();
    let rings_of = |polygon: &Value| -> Vec<f64> {
        polygon
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let r: Vec<LonLat> =
                    r.as_array().unwrap().iter().map(|p| ll(p[0].as_f64().unwrap(), p[1].as_f64().unwrap())).collect();
                signed_area_x2(&r)
            })
            .collect()
    };
    let p = rings_of(&value["features"][0]["geometry"]["coordinates"]);
    let m = rings_of(&value["features"][1]["geometry"]["coordinates"][0]);
    for areas in [p, m] {
        assert!(areas[0] > 0.0 && areas[1] < 0.0, "exterior counter-clockwise, hole clockwise: {areas:?}");
    }
    let back = import(&export_geojson(&doc));
    let mut reversed = cw_exterior;
    reversed.reverse();
    let AnnotationGeometry::Polygon(rings) = &back.annotations[0].geometry else { unreachable!() };
    assert_eq!(rings[0], reversed, "the same ring, turned");
}

#[test]
fn other_tools_files_survive_a_round_trip() {
    for (name, text) in [("geojson.io", GEOJSONIO), ("QGIS", QGIS), ("holes", HOLES)] {
        let first = import(text);
        let doc = AnnotationDocument::default().with_imported(first.annotations.clone());
        let exported = export_geojson(&doc);
        let second = import(&exported);
        let expected: Vec<Annotation> = doc.annotations.iter().map(|a| as_exported_annotation(a)).collect();
        assert_eq!(second.annotations, expected, "{name}");
        assert_eq!((second.outside_extent, second.skipped_without_geometry), (first.outside_extent, 0), "{name}");
        assert_eq!(export_geojson(&doc_of(second.annotations)), exported, "{name}: same bytes again");

        // Every non-null property of the original file is in the export, unchanged.
        let original: Value = serde_json::from_str(text).unwrap();
        let exported: Value = serde_json::from_str(&exported).unwrap();
        let kept: Vec<&Value> =
            original["features"].as_array().unwrap().iter().filter(|f| !f["geometry"].is_null()).collect();
        for (i, feature) in kept.iter().enumerate() {
            let written = &exported["features"][i]["properties"];
            for (key, value) in feature["properties"].as_object().unwrap() {
                if key == "quotes" || (value.is_null() && (key == "title" || key == "description")) {
                    continue;
                }
                let same = written[key] == *value
                    || value.as_str().and_then(|s| s.parse::<f64>().ok()) == written[key].as_f64();
                assert!(same, "{name} feature {i}: {key} was {value}, written {}", written[key]);
            }
        }
    }
}

#[test]
fn full_precision_foreign_numbers_round_trip() {
    // Attribute tables (shapefile areas, lengths) are full of 16- and 17-digit numbers.
    let mut x: u64 = 0x1234_5678_9abc_def1;
    let numbers: Vec<Value> = (0..200)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Value::from((x >> 11) as f64 / (1u64 << 53) as f64 * 5000.0)
        })
        .collect();
    let mut a = Annotation::new("a1", AnnotationGeometry::Point(ll(71.6, 36.7)));
    a.foreign.insert("Shape_Area".into(), Value::Array(numbers));
    a.foreign.insert("sum".into(), json!(0.30000000000000004));
    let doc = doc_of(vec![a]);
    assert_eq!(import(&export_geojson(&doc)).annotations[0], *doc.annotations[0]);
}

#[test]
fn a_feature_with_more_quotes_than_the_limit_is_refused_with_the_place() {
    let quotes: Vec<String> = (0..51).map(|i| format!("\"quote {i}\"")).collect();
    let text = format!(
        r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[71,37]}},"properties":{{"quotes":[{}]}}}}"#,
        quotes.join(",")
    );
    let e = import_geojson(&text, &ImportLimits::default()).unwrap_err();
    assert_eq!(e.path, "properties.quotes");
    assert!(e.message.contains("at most 50"), "{e}");
    let fifty = text.replacen("\"quote 50\",", "", 1).replacen(",\"quote 50\"", "", 1);
    assert_eq!(import_geojson(&fifty, &ImportLimits::default()).unwrap().annotations[0].quotes.len(), 50);
}

#[test]
fn a_bbox_across_the_antimeridian_or_with_heights_is_accepted_and_a_wrong_one_is_refused_with_its_path() {
    let point = |bbox: Value| json!({"type": "Point", "coordinates": [71.6, 36.7], "bbox": bbox}).to_string();
    for ok in [json!([170, -10, -170, 10]), json!([71, 36, 0, 72, 37, 4000]), json!([71.6, 36.7, 71.6, 36.7])] {
        import(&point(ok.clone()));
    }
    for (bad, says) in [
        (json!([0, 0]), "has 2 numbers"),
        (json!([1, 2, 3]), "has 3 numbers"),
        (json!("71,36,72,37"), "must be an array"),
        (json!(42), "must be an array"),
        (json!([71, 38, 72, 37]), "south edge (38) is north of its north edge (37)"),
        (json!([71, 36, 5000, 72, 37, 10]), "lowest height"),
        (json!([71, 36, 272, 37]), "not within WGS84"),
    ] {
        let e = refused(&point(bad.clone()));
        assert_eq!(e.path, "bbox", "{bad}");
        assert!(e.message.contains(says), "{bad}: {e}");
    }
    assert_eq!(refused(&point(json!([0, 0, "a", 1]))).path, "bbox[2]");
}

#[test]
fn rings_wound_either_way_are_read_and_counted_for_a_notice() {
    let clockwise = json!({"type": "Polygon", "coordinates": [[[71, 36], [71, 37], [72, 37], [72, 36], [71, 36]]]});
    let report = import(&one(clockwise));
    assert_eq!(report.wound_clockwise, 1);
    let anticlockwise = json!({"type": "Polygon", "coordinates": [[[71, 36], [72, 36], [72, 37], [71, 37], [71, 36]]]});
    assert_eq!(import(&one(anticlockwise)).wound_clockwise, 0);
}

#[test]
fn members_of_another_kind_of_object_are_refused() {
    let feature = json!({"type": "Feature", "geometry": null, "properties": {}, "coordinates": [1, 2]});
    assert_eq!(refused(&feature.to_string()).path, "coordinates");
    let point = json!({"type": "Point", "coordinates": [71, 36], "properties": {}});
    assert_eq!(refused(&point.to_string()).path, "properties");
    let collection = json!({"type": "FeatureCollection", "features": [], "geometry": null});
    assert!(refused(&collection.to_string()).message.contains("RFC 7946 §7.1"));
    // A foreign member that is not one of GeoJSON's own is kept out of the way, as §6.1 says.
    import(&json!({"type": "Point", "coordinates": [71, 36], "title": "x", "custom": {"type": "Point"}}).to_string());
}
