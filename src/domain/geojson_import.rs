//! GeoJSON import: checks a file (an RFC 7946 FeatureCollection, Feature or bare geometry, in WGS84 degrees)
//! against size, nesting, structure, coordinate and CRS rules, and turns its features into annotations. The
//! first problem found is returned with its JSON path; an import that fails returns nothing.
//!
//! How properties become annotation fields (and come back out of [`crate::domain::geojson_export`]):
//!
//! - `title` becomes the title; when there is no `title` (or it is null), a string `name` is used instead.
//! - `description` (simplestyle) becomes the note; when there is none (or it is null), a string `note` is
//!   used instead.
//! - `title` and `description` are consumed; `name` and `note` are never consumed: they stay in
//!   [`Annotation::foreign`] even when they supplied the title or note. Export always writes `title` and
//!   `description`, so a second import reads the same title and note and the same foreign properties: a
//!   round trip changes nothing, and nothing of another tool's file is lost.
//! - simplestyle `marker-color`, `stroke`, `fill` (`#rgb` or `#rrggbb`), `stroke-width` (≥ 0),
//!   `stroke-opacity` and `fill-opacity` (0 to 1) become the style; numbers may be written as strings
//!   (`"2"`). A value the app cannot use (`null`, `""`, `"red"`, `"wide"`) is not an error: it stays in
//!   `foreign`, unchanged, and is written back on export.
//! - `quotes` (an array of `{exact, prefix, suffix}` objects or plain strings) becomes the quotes.
//! - Every other property is kept in `foreign` as it came.
//!
//! Features whose geometry is `null`, missing or empty (`"coordinates": []`, as GDAL writes empty shapes)
//! are skipped and counted. Positions may carry an altitude (or more values); only longitude and latitude
//! are kept. Polygon rings are kept as given (export fixes their orientation).

use serde_json::{Map, Value};

use super::annotation::{Annotation, AnnotationGeometry, AnnotationStyle};
use super::coords::LonLat;
use super::extra_coordinates::ExtraCoordinates;
use super::geojson_export::breaks_right_hand_rule;
use super::geojson_reader::{describe, join, Coordinates, ReadError};
use super::json_location;
use super::quote_index::QuoteSelector;
use super::thousands::thousands;

/// serde_json stops reading when nesting reaches this many levels (so it reads at most 127), before our own
/// check can see the document.
const PARSER_DEPTH_LIMIT: usize = 128;

/// The region the app is about, in WGS84 degrees: 52–97°E, 29–52°N. Features reaching outside it are
/// kept and counted.
const EXTENT_LON: (f64, f64) = (52.0, 97.0);
const EXTENT_LAT: (f64, f64) = (29.0, 52.0);

/// The geometry types with `coordinates` (a GeometryCollection has `geometries` instead).
const GEOMETRY_TYPES: [&str; 6] = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];

/// Names of WGS84 longitude, latitude that a legacy `crs` member may carry (compared ignoring case).
const WGS84_NAMES: [&str; 8] = [
    "CRS84",
    "OGC:CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "http://www.opengis.net/def/crs/EPSG/0/4326",
];

/// What an import accepts at most, so that a huge or hostile file is refused before it costs much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportLimits {
    /// Size of the text, in bytes of UTF-8 (default 5 MiB). The defaults keep an import at the limits within
    /// about a second in the browser (bench/WORST-CASE.md).
    pub max_bytes: usize,
    /// Features in the file (default 5,000).
    pub max_features: usize,
    /// Positions in all geometries together, each ring's closing position included (default 250,000).
    pub max_vertices: usize,
    /// Levels of nested JSON arrays and objects; the top-level object is level 1 (default 32).
    pub max_depth: usize,
    /// Article quotes one feature may carry (default 50, as in a story package): each is checked against
    /// the whole article when the annotation is shown.
    pub max_quotes_per_feature: usize,
    /// Article quotes of all features together (default 5,000).
    pub max_quotes: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_bytes: 5 * 1024 * 1024,
            max_features: 5_000,
            max_vertices: 250_000,
            max_depth: 32,
            max_quotes_per_feature: 50,
            max_quotes: 5_000,
        }
    }
}

/// What an import brings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// The features, in file order, as annotations. Ids are the file's (a number as its decimal text), or
    /// `""` when the feature has none, for the document to name.
    pub annotations: Vec<Annotation>,
    /// Features with any position outside 52–97°E × 29–52°N (they are kept).
    pub outside_extent: usize,
    /// Features whose geometry is null, missing or empty (they are not imported).
    pub skipped_without_geometry: usize,
    /// Features with a polygon ring wound against the right-hand rule (RFC 7946 §3.1.6: exteriors
    /// counter-clockwise, holes clockwise). They are read as drawn and saved by the rule.
    pub wound_clockwise: usize,
    /// What the reader should know of how the file was read (a converter's notes: columns used, styles
    /// mapped, what a format could not say).
    pub notes: Vec<String>,
}

/// Why a file was refused: the first problem found, and where (the JSON path; empty for the file as a whole).
pub type ImportError = ReadError;

type Checked<T> = Result<T, ImportError>;

fn fail<T>(path: &str, message: impl Into<String>) -> Checked<T> {
    Err(ImportError { path: path.to_string(), message: message.into() })
}

/// Reads GeoJSON text (a FeatureCollection, a Feature or a bare geometry) into annotations, or says what
/// is wrong with it and where. Coordinates must be WGS84 longitude, latitude in degrees.
///
/// ```
/// use article_map::domain::geojson_import::{import_geojson, ImportLimits};
/// let text = r#"{"type": "Feature", "id": 7, "properties": {"name": "Ishkashim"},
///                "geometry": {"type": "Point", "coordinates": [71.6117, 36.7272, 2600]}}"#;
/// let report = import_geojson(text, &ImportLimits::default()).unwrap();
/// assert_eq!(report.annotations[0].id, "7");
/// assert_eq!(report.annotations[0].title, "Ishkashim");
///
/// let error = import_geojson(r#"{"type": "Point", "coordinates": [200, 36]}"#, &ImportLimits::default());
/// assert_eq!(error.unwrap_err().path, "coordinates");
/// ```
pub fn import_geojson(text: &str, limits: &ImportLimits) -> Result<ImportReport, ImportError> {
    if text.len() > limits.max_bytes {
        return fail(
            "",
            format!(
                "the file is {} ({} bytes); the limit is {} ({} bytes)",
                megabytes(text.len()),
                thousands(text.len() as u64),
                megabytes(limits.max_bytes),
                thousands(limits.max_bytes as u64)
            ),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            ImportError {
                path: String::new(),
                message: format!(
                    "JSON nesting reaches at least {PARSER_DEPTH_LIMIT} levels (at line {}, column {}); {}",
                    e.line(),
                    e.column(),
                    depth_limit_words(limits.max_depth.min(PARSER_DEPTH_LIMIT - 1))
                ),
            }
        } else {
            ImportError { path: String::new(), message: format!("not valid JSON: {e}") }
        }
    })?;
    import_geojson_value(&root, limits).map_err(|e| located(text, e))
}

/// [`import_geojson`] of a document already read as JSON (what a converter made of another format). Its
/// refusals have a JSON path but no line and column.
pub fn import_geojson_value(root: &Value, limits: &ImportLimits) -> Result<ImportReport, ImportError> {
    // What is accepted must read back after export, which saves everything as a FeatureCollection: a
    // top-level Feature sits 2 levels deeper there (collection, `features` array) and a bare geometry 3
    // (and its Feature). Measure the depth as export will write it.
    let wrapping = match root.get("type").and_then(Value::as_str) {
        Some("Feature") => 2,
        Some(kind) if GEOMETRY_TYPES.contains(&kind) || kind == GEOMETRY_COLLECTION => 3,
        _ => 0,
    };
    check_depth_wrapped(root, limits.max_depth, wrapping)?;
    Importer { limits, vertices: 0, quotes: 0, vertex_limit_passed_at: None, report: ImportReport::default() }
        .root(root)
}

/// The error with the line and column of its JSON path in `text` added to its message, where it has one.
fn located(text: &str, error: ImportError) -> ImportError {
    match json_location::line_and_column(text, &error.path) {
        Some((line, column)) if !error.path.is_empty() => {
            ImportError { message: format!("{} (line {line}, column {column})", error.message), ..error }
        }
        _ => error,
    }
}

fn depth_limit_words(limit: usize) -> String {
    format!("the limit is {limit} levels of nested arrays and objects")
}

/// Levels of arrays and objects in `value` (a number or string is 0, `[]` is 1, `[[1]]` is 2).
fn depth_of(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        Value::Object(members) => 1 + members.values().map(depth_of).max().unwrap_or(0),
        _ => 0,
    }
}

/// Refuses a document deeper than `limit`, naming the first place on its deepest branch that is too deep.
#[cfg(test)]
fn check_depth(root: &Value, limit: usize) -> Checked<()> {
    check_depth_wrapped(root, limit, 0)
}

/// [`check_depth`] for a root that export puts `wrapping` levels deeper (see [`import_geojson`]).
fn check_depth_wrapped(root: &Value, limit: usize, wrapping: usize) -> Checked<()> {
    let raw = depth_of(root);
    if raw.saturating_add(wrapping) <= limit {
        return Ok(());
    }
    if wrapping > 0 {
        let path = deepest_path(root, raw, limit.saturating_sub(wrapping));
        let what = if wrapping == 2 { "a top-level Feature" } else { "a top-level geometry" };
        return fail(
            &path,
            format!(
                "JSON nesting goes past level {limit} here and reaches {} levels once saved ({what} is saved inside \
                 a FeatureCollection, {wrapping} levels deeper); {}",
                raw + wrapping,
                depth_limit_words(limit)
            ),
        );
    }
    let depth = raw;
    let path = deepest_path(root, depth, limit);
    fail(
        &path,
        format!("JSON nesting goes past level {limit} here and reaches {depth} levels; {}", depth_limit_words(limit)),
    )
}

/// The path of the container at level `limit + 1` on the deepest branch of `root` (of depth `depth`).
fn deepest_path(root: &Value, depth: usize, limit: usize) -> String {
    // Walk down the deepest branch to the container at level limit + 1.
    let mut path = String::new();
    let mut value = root;
    for level in 1..=limit.min(depth) {
        let want = depth - level;
        let next = match value {
            Value::Array(items) => items.iter().enumerate().find(|(_, v)| depth_of(v) == want).map(|(i, v)| {
                path.push_str(&format!("[{i}]"));
                v
            }),
            Value::Object(members) => members.iter().find(|(_, v)| depth_of(v) == want).map(|(k, v)| {
                path = join(&path, k);
                v
            }),
            _ => None,
        };
        match next {
            Some(v) => value = v,
            None => break,
        }
    }
    path
}

struct Importer<'l> {
    limits: &'l ImportLimits,
    vertices: usize,
    /// Quotes read so far.
    quotes: usize,
    /// The geometry whose positions took the count past the limit.
    vertex_limit_passed_at: Option<String>,
    report: ImportReport,
}

impl Importer<'_> {
    fn root(mut self, root: &Value) -> Checked<ImportReport> {
        let Some(object) = root.as_object() else {
            return fail(
                "",
                format!(
                    "the top level must be a GeoJSON object (a FeatureCollection, a Feature or a geometry), found {}",
                    describe(root)
                ),
            );
        };
        let kind = match object.get("type") {
            Some(Value::String(kind)) => kind.as_str(),
            None => {
                return fail("type", "is required: the top level must be a FeatureCollection, a Feature or a geometry")
            }
            Some(other) => return fail("type", format!("must be a string, found {}", describe(other))),
        };
        check_crs(object, "")?;
        match kind {
            "FeatureCollection" => {
                check_members(
                    object,
                    "",
                    "a FeatureCollection",
                    &["coordinates", "geometries", "geometry", "properties"],
                )?;
                check_bbox(object, "")?;
                let features = match object.get("features") {
                    Some(Value::Array(features)) => features,
                    None => return fail("features", "is required: a FeatureCollection lists its Features in it"),
                    Some(other) => {
                        return fail("features", format!("must be an array of Features, found {}", describe(other)))
                    }
                };
                if features.len() > self.limits.max_features {
                    return fail(
                        "features",
                        format!(
                            "has {} features; the limit is {}",
                            thousands(features.len() as u64),
                            thousands(self.limits.max_features as u64)
                        ),
                    );
                }
                for (i, feature) in features.iter().enumerate() {
                    self.feature(feature, &format!("features[{i}]"))?;
                }
            }
            "Feature" => self.feature(root, "")?,
            kind if GEOMETRY_TYPES.contains(&kind) || kind == GEOMETRY_COLLECTION => match self.geometry(root, "")? {
                Some(geometry) => {
                    let mut annotation = Annotation::new(String::new(), geometry);
                    annotation.extra_coordinates = extra_coordinates(root);
                    self.keep(annotation)
                }
                None => self.report.skipped_without_geometry += 1,
            },
            other => {
                return fail(
                    "type",
                    format!(
                        "{other:?} is not a GeoJSON type: the top level must be a FeatureCollection, a Feature or a \
                         geometry"
                    ),
                )
            }
        }
        if let Some(at) = self.vertex_limit_passed_at {
            return fail(
                &at,
                format!(
                    "the file has {} positions in all, more than the limit of {} (passed in this geometry)",
                    thousands(self.vertices as u64),
                    thousands(self.limits.max_vertices as u64)
                ),
            );
        }
        Ok(self.report)
    }

    fn keep(&mut self, annotation: Annotation) {
        if annotation.geometry.positions().iter().any(|p| !in_extent(*p)) {
            self.report.outside_extent += 1;
        }
        if wound_clockwise(&annotation.geometry) {
            self.report.wound_clockwise += 1;
        }
        self.report.annotations.push(annotation);
    }

    fn feature(&mut self, value: &Value, path: &str) -> Checked<()> {
        let Some(object) = value.as_object() else {
            return fail(path, format!("must be a Feature object, found {}", describe(value)));
        };
        let type_path = join(path, "type");
        match object.get("type") {
            Some(Value::String(kind)) if kind == "Feature" => {}
            Some(Value::String(kind)) if GEOMETRY_TYPES.contains(&kind.as_str()) || kind == GEOMETRY_COLLECTION => {
                return fail(
                    &type_path,
                    format!(
                        "is {kind:?}, but each item of \"features\" must be a Feature: put the geometry in a \
                         Feature's \"geometry\""
                    ),
                )
            }
            Some(Value::String(kind)) => {
                return fail(&type_path, format!("is {kind:?}, but each item of \"features\" must be a \"Feature\""))
            }
            None => return fail(&type_path, "is required and must be \"Feature\""),
            Some(other) => return fail(&type_path, format!("must be \"Feature\", found {}", describe(other))),
        }
        check_crs(object, path)?;
        check_members(object, path, "a Feature", &["coordinates", "geometries", "features"])?;
        check_bbox(object, path)?;
        let id = match object.get("id") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            Some(other) => {
                return fail(&join(path, "id"), format!("must be a string or a number, found {}", describe(other)))
            }
        };
        let geometry = match object.get("geometry") {
            None | Some(Value::Null) => None,
            Some(geometry) => self.geometry(geometry, &join(path, "geometry"))?,
        };
        let extra = object.get("geometry").map(extra_coordinates).unwrap_or_default();
        let empty = Map::new();
        let props_path = join(path, "properties");
        let properties = match object.get("properties") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(properties)) => properties,
            Some(other) => return fail(&props_path, format!("must be an object or null, found {}", describe(other))),
        };
        let mut annotation = properties_to_annotation(properties, &props_path, self.limits.max_quotes_per_feature)?;
        self.quotes += annotation.quotes.len();
        if self.quotes > self.limits.max_quotes {
            return fail(
                &join(&props_path, "quotes"),
                format!("takes the file past its limit of {} quotes in all", thousands(self.limits.max_quotes as u64)),
            );
        }
        if let Some(geometry) = &geometry {
            // As export writes it: collection, array, Feature, then the geometry or the properties (where
            // string quotes become objects).
            let coordinates = exported_geometry_depth(geometry);
            let quotes = if annotation.quotes.is_empty() { 0 } else { 2 };
            let foreign = annotation.foreign.values().map(depth_of).max().unwrap_or(0);
            let exported = 3 + (1 + coordinates).max(1 + foreign.max(quotes));
            if exported > self.limits.max_depth {
                return fail(
                    &props_path,
                    format!(
                        "saved in a FeatureCollection this feature nests {exported} levels deep; {}",
                        depth_limit_words(self.limits.max_depth)
                    ),
                );
            }
        }
        match geometry {
            Some(geometry) => {
                annotation.id = id.into();
                annotation.geometry = geometry;
                annotation.extra_coordinates = extra;
                self.keep(annotation);
            }
            None => self.report.skipped_without_geometry += 1,
        }
        Ok(())
    }

    /// The geometry at `path`, or `None` when it is empty (`"coordinates": []`).
    fn geometry(&mut self, value: &Value, path: &str) -> Checked<Option<AnnotationGeometry>> {
        let Some(object) = value.as_object() else {
            return fail(path, format!("must be a geometry object or null, found {}", describe(value)));
        };
        let type_path = join(path, "type");
        let kind = match object.get("type") {
            Some(Value::String(kind)) => kind.as_str(),
            None => return fail(&type_path, "is required"),
            Some(other) => return fail(&type_path, format!("must be a string, found {}", describe(other))),
        };
        if kind == GEOMETRY_COLLECTION {
            return self.collection(object, path);
        }
        if !GEOMETRY_TYPES.contains(&kind) {
            let hint = if let Some(known) = GEOMETRY_TYPES.iter().find(|t| t.eq_ignore_ascii_case(kind)) {
                format!(" (type names are case-sensitive: did you mean {known:?}?)")
            } else if kind.eq_ignore_ascii_case("circle") {
                " (GeoJSON has no circles: draw it as a Polygon)".to_string()
            } else {
                String::new()
            };
            return fail(
                &type_path,
                format!(
                    "{kind:?} is not a GeoJSON geometry type{hint}: use Point, MultiPoint, LineString, \
                     MultiLineString, Polygon, MultiPolygon or GeometryCollection"
                ),
            );
        }
        check_crs(object, path)?;
        check_members(object, path, &format!("a {kind}"), &["geometry", "properties", "features"])?;
        check_bbox(object, path)?;
        let at = join(path, "coordinates");
        let coordinates = match object.get("coordinates") {
            Some(coordinates) => coordinates,
            None => return fail(&at, format!("is required for a {kind}")),
        };
        if coordinates.as_array().is_some_and(Vec::is_empty) {
            return Ok(None);
        }
        let reader = Coordinates::new(kind);
        let geometry = match kind {
            "Point" => AnnotationGeometry::Point(reader.position(coordinates, &at)?),
            "MultiPoint" => AnnotationGeometry::MultiPoint(reader.points(coordinates, &at)?),
            "LineString" => AnnotationGeometry::LineString(reader.line(coordinates, &at)?),
            "MultiLineString" => AnnotationGeometry::MultiLineString(reader.lines(coordinates, &at)?),
            "Polygon" => AnnotationGeometry::Polygon(reader.polygon(coordinates, &at)?),
            _ => AnnotationGeometry::MultiPolygon(reader.polygons(coordinates, &at)?),
        };
        self.vertices += geometry.position_count();
        if self.vertices > self.limits.max_vertices && self.vertex_limit_passed_at.is_none() {
            self.vertex_limit_passed_at = Some(at);
        }
        Ok(Some(geometry))
    }
}

impl Importer<'_> {
    /// A GeometryCollection (RFC 7946 §3.1.8): its `geometries`, each read as a geometry (an empty one
    /// left out); `None` when none is left.
    fn collection(&mut self, object: &Map<String, Value>, path: &str) -> Checked<Option<AnnotationGeometry>> {
        check_crs(object, path)?;
        check_members(object, path, "a GeometryCollection", &["geometry", "properties", "features"])?;
        check_bbox(object, path)?;
        let at = join(path, "geometries");
        let members = match object.get("geometries") {
            Some(Value::Array(members)) => members,
            None => return fail(&at, "is required for a GeometryCollection: it lists the collection's geometries"),
            Some(other) => return fail(&at, format!("must be an array of geometries, found {}", describe(other))),
        };
        let mut parts = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_path = format!("{at}[{i}]");
            match member {
                Value::Null => return fail(&member_path, "must be a geometry object, found null"),
                member => parts.extend(self.geometry(member, &member_path)?),
            }
        }
        Ok((!parts.is_empty()).then_some(AnnotationGeometry::GeometryCollection(parts)))
    }
}

const GEOMETRY_COLLECTION: &str = "GeometryCollection";

/// Levels of arrays a geometry's coordinates take once exported (a collection: its deepest part's, inside
/// its `geometries` array and the part's object).
fn exported_geometry_depth(geometry: &AnnotationGeometry) -> usize {
    match geometry {
        AnnotationGeometry::Point(_) => 1,
        AnnotationGeometry::MultiPoint(_) | AnnotationGeometry::LineString(_) => 2,
        AnnotationGeometry::MultiLineString(_) | AnnotationGeometry::Polygon(_) => 3,
        AnnotationGeometry::MultiPolygon(_) => 4,
        AnnotationGeometry::GeometryCollection(parts) => {
            2 + parts.iter().map(exported_geometry_depth).max().unwrap_or(0)
        }
    }
}

/// Whether any polygon ring of `geometry` runs against the right-hand rule.
fn wound_clockwise(geometry: &AnnotationGeometry) -> bool {
    let polygon = |rings: &Vec<Vec<LonLat>>| rings.iter().enumerate().any(|(i, r)| breaks_right_hand_rule(r, i == 0));
    geometry.parts().into_iter().any(|part| match part {
        AnnotationGeometry::Polygon(rings) => polygon(rings),
        AnnotationGeometry::MultiPolygon(polygons) => polygons.iter().any(polygon),
        _ => false,
    })
}

/// The numbers after longitude and latitude of every position in a geometry object's `coordinates` (and
/// its collection's `geometries`), as they are in the file.
fn extra_coordinates(geometry: &Value) -> ExtraCoordinates {
    fn walk(value: &Value, into: &mut ExtraCoordinates) {
        let Value::Array(items) = value else { return };
        match items.as_slice() {
            [Value::Number(lon), Value::Number(lat), rest @ ..] => {
                let extra: Vec<f64> = rest.iter().map_while(Value::as_f64).collect();
                if let (Some(lon), Some(lat)) = (lon.as_f64(), lat.as_f64()) {
                    into.insert(LonLat::new(lon, lat), &extra);
                }
            }
            items => items.iter().for_each(|item| walk(item, into)),
        }
    }
    let mut extra = ExtraCoordinates::default();
    let mut pending = vec![geometry];
    while let Some(object) = pending.pop() {
        if let Some(coordinates) = object.get("coordinates") {
            walk(coordinates, &mut extra);
        }
        if let Some(Value::Array(members)) = object.get("geometries") {
            pending.extend(members.iter().rev());
        }
    }
    extra
}

/// Refuses a member that would change what the object is (RFC 7946 §7.1: a Feature has no `coordinates`,
/// a geometry no `geometry`, a FeatureCollection no `coordinates`…).
fn check_members(object: &Map<String, Value>, path: &str, what: &str, forbidden: &[&str]) -> Checked<()> {
    match forbidden.iter().find(|key| object.contains_key(**key)) {
        Some(key) => fail(
            &join(path, key),
            format!(
                "{what} must not have a {key:?} member (RFC 7946 §7.1: it belongs to another kind of GeoJSON \
                 object, so the file means two things at once)"
            ),
        ),
        None => Ok(()),
    }
}

/// Checks an object's `bbox` (RFC 7946 §5): 2·n numbers for n = 2 or 3 dimensions, west, south[, low],
/// east, north[, high], within WGS84 degrees, south ≤ north (west > east is a box across the antimeridian).
fn check_bbox(object: &Map<String, Value>, path: &str) -> Checked<()> {
    let at = join(path, "bbox");
    let items = match object.get("bbox") {
        None => return Ok(()),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return fail(
                &at,
                format!("must be an array of 4 or 6 numbers [west, south, east, north], found {}", describe(other)),
            )
        }
    };
    let mut numbers = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.as_f64() {
            Some(x) if item.is_number() => numbers.push(x),
            _ => return fail(&format!("{at}[{i}]"), format!("must be a number, found {}", describe(item))),
        }
    }
    let n = match numbers.len() {
        4 => 2,
        6 => 3,
        count => {
            return fail(
                &at,
                format!(
                    "has {count} numbers; a bbox has 2 per dimension: [west, south, east, north], or with heights \
                     [west, south, low, east, north, high]"
                ),
            )
        }
    };
    let (west, south, east, north) = (numbers[0], numbers[1], numbers[n], numbers[n + 1]);
    if [west, east].iter().any(|x| !(-180.0..=180.0).contains(x))
        || [south, north].iter().any(|y| !(-90.0..=90.0).contains(y))
    {
        return fail(
            &at,
            format!("{numbers:?} is not within WGS84 degrees (longitudes within ±180°, latitudes within ±90°)"),
        );
    }
    if south > north {
        return fail(&at, format!("its south edge ({south}) is north of its north edge ({north})"));
    }
    if n == 3 && numbers[2] > numbers[5] {
        return fail(&at, format!("its lowest height ({}) is above its highest ({})", numbers[2], numbers[5]));
    }
    Ok(())
}

fn in_extent(p: LonLat) -> bool {
    (EXTENT_LON.0..=EXTENT_LON.1).contains(&p.lon) && (EXTENT_LAT.0..=EXTENT_LAT.1).contains(&p.lat)
}

/// Refuses a legacy `crs` member that names anything but WGS84 longitude, latitude.
fn check_crs(object: &Map<String, Value>, path: &str) -> Checked<()> {
    let at = join(path, "crs");
    let crs = match object.get("crs") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Object(crs)) => crs,
        Some(other) => return fail(&at, format!("must be an object or null, found {}", describe(other))),
    };
    let requirement = "GeoJSON (RFC 7946) requires WGS84 longitude, latitude (CRS84, EPSG:4326): reproject the \
                       data to EPSG:4326 and export it again";
    let properties = crs.get("properties").and_then(Value::as_object);
    match crs.get("type").and_then(Value::as_str) {
        Some("name") => match properties.and_then(|p| p.get("name")).and_then(Value::as_str) {
            Some(name) if WGS84_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name.trim())) => Ok(()),
            Some(name) => {
                let hint =
                    if name.ends_with("3857") || name.ends_with("900913") { " (Web Mercator metres)" } else { "" };
                fail(&join(&at, "properties.name"), format!("names {name:?}{hint}; {requirement}"))
            }
            None => fail(&join(&at, "properties.name"), format!("is required in a named crs; {requirement}")),
        },
        Some("EPSG") => match properties.and_then(|p| p.get("code")) {
            Some(code) if code.as_f64() == Some(4326.0) || code.as_str() == Some("4326") => Ok(()),
            Some(code) => fail(&join(&at, "properties.code"), format!("names EPSG:{}; {requirement}", bare(code))),
            None => fail(&join(&at, "properties.code"), format!("is required in an EPSG crs; {requirement}")),
        },
        Some("link") => {
            let href = properties.and_then(|p| p.get("href")).map_or_else(|| "nothing".to_string(), bare);
            fail(&at, format!("links to {href}, a coordinate reference system the app cannot read; {requirement}"))
        }
        _ => fail(
            &at,
            format!("is not a crs member the app understands ({}); {requirement}", Value::Object(crs.clone())),
        ),
    }
}

/// Title, note, style, quotes and foreign properties from a feature's `properties` (see the module docs).
fn properties_to_annotation(properties: &Map<String, Value>, path: &str, max_quotes: usize) -> Checked<Annotation> {
    let mut foreign = properties.clone();
    let mut annotation = Annotation::new(String::new(), AnnotationGeometry::Point(LonLat::default()));
    annotation.title = taken_text(&mut foreign, "title", "name", path)?;
    annotation.note = taken_text(&mut foreign, "description", "note", path)?;
    annotation.style = AnnotationStyle {
        marker_color: take_valid(&mut foreign, "marker-color", colour),
        stroke: take_valid(&mut foreign, "stroke", colour),
        stroke_width: take_valid(&mut foreign, "stroke-width", |v| number(v).filter(|w| *w >= 0.0)),
        stroke_opacity: take_valid(&mut foreign, "stroke-opacity", opacity),
        fill: take_valid(&mut foreign, "fill", colour),
        fill_opacity: take_valid(&mut foreign, "fill-opacity", opacity),
    };
    annotation.quotes = match foreign.remove("quotes") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) if items.len() > max_quotes => {
            return fail(
                &join(path, "quotes"),
                format!("has {} quotes; a feature may carry at most {max_quotes}", items.len()),
            )
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| quote(item, &format!("{path}.quotes[{i}]")))
            .collect::<Checked<_>>()?,
        Some(other) => {
            return fail(
                &join(path, "quotes"),
                format!(
                    "must be an array of quotes ({{exact, prefix, suffix}} objects or strings), found {}",
                    describe(&other)
                ),
            )
        }
    };
    annotation.foreign = foreign;
    Ok(annotation)
}

/// Removes and returns `key` as text; when it is missing or null, the string `fallback` (left in place).
fn taken_text(foreign: &mut Map<String, Value>, key: &str, fallback: &str, path: &str) -> Checked<String> {
    match foreign.remove(key) {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(Value::Bool(b)) => Ok(b.to_string()),
        None | Some(Value::Null) => Ok(foreign.get(fallback).and_then(Value::as_str).unwrap_or_default().to_string()),
        Some(other) => fail(&join(path, key), format!("must be text, found {}", describe(&other))),
    }
}

/// Removes and returns `key` if `read` can use its value; otherwise leaves it in `foreign`.
fn take_valid<T>(foreign: &mut Map<String, Value>, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<T> {
    let value = foreign.get(key).and_then(read)?;
    foreign.remove(key);
    Some(value)
}

/// A simplestyle colour: `#rgb` or `#rrggbb`.
fn colour(value: &Value) -> Option<String> {
    let s = value.as_str()?;
    let hex = s.strip_prefix('#')?;
    ((hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| s.to_string())
}

/// A finite number, written as a JSON number or as a string (`"2"`, as some tools export them).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|x| x.is_finite())
}

fn opacity(value: &Value) -> Option<f64> {
    number(value).filter(|o| (0.0..=1.0).contains(o))
}

fn quote(item: &Value, path: &str) -> Checked<QuoteSelector> {
    let text = |object: &Map<String, Value>, key: &str| match object.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => fail(&join(path, key), format!("must be a string, found {}", describe(other))),
    };
    let selector = match item {
        Value::String(exact) => QuoteSelector { exact: exact.clone(), ..Default::default() },
        Value::Object(object) => QuoteSelector {
            exact: text(object, "exact")?,
            prefix: text(object, "prefix")?,
            suffix: text(object, "suffix")?,
        },
        other => {
            return fail(
                path,
                format!("must be a quote: an object {{exact, prefix, suffix}} or a string, found {}", describe(other)),
            )
        }
    };
    if selector.exact.is_empty() {
        let at = if item.is_object() { join(path, "exact") } else { path.to_string() };
        return fail(&at, "the quote's exact text must not be empty");
    }
    Ok(selector)
}

/// A string as itself, anything else as JSON.
fn bare(value: &Value) -> String {
    value.as_str().map_or_else(|| value.to_string(), str::to_string)
}

/// Bytes in MB (of 1,048,576 bytes) with one decimal, or in KB (of 1,024 bytes) below 1 MB.
fn megabytes(bytes: usize) -> String {
    let bytes = bytes as f64;
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KB", bytes / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geojson_depth_counts_arrays_and_objects() {
        assert_eq!(depth_of(&serde_json::json!(1)), 0);
        assert_eq!(depth_of(&serde_json::json!([])), 1);
        assert_eq!(depth_of(&serde_json::json!({"a": [[1, 2]], "b": 3})), 3);
        let e = check_depth(&serde_json::json!({"a": 1, "b": [{"c": [[1]]}]}), 3).unwrap_err();
        assert_eq!(e.path, "b[0].c");
        assert!(e.message.contains("past level 3") && e.message.contains("reaches 5 levels"), "{e}");
    }

    fn nested(levels: usize) -> Value {
        (0..levels).fold(serde_json::json!(1), |inner, _| serde_json::json!({ "k": inner }))
    }

    #[test]
    fn a_top_level_feature_is_measured_as_export_saves_it() {
        use crate::domain::annotation::AnnotationDocument;
        use crate::domain::geojson_export::export_geojson;
        let limits = ImportLimits::default();
        // Feature (1) → properties (2) → 30 more objects = 32 levels as written; 34 once exported.
        let feature = |depth: usize| {
            serde_json::json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [71, 37]},
                "properties": {"deep": nested(depth)}})
            .to_string()
        };
        // Before: accepted, then its own export was refused at the next load.
        let e = import_geojson(&feature(30), &limits).unwrap_err();
        assert!(e.message.contains("saved inside a FeatureCollection") && e.path.starts_with("properties.deep"), "{e}");
        for depth in [27, 28] {
            let report = import_geojson(&feature(depth), &limits).expect("within the limit once wrapped");
            let text = export_geojson(&AnnotationDocument::default().with_imported(report.annotations));
            import_geojson(&text, &limits).expect("what is accepted reads back");
        }
        // A bare geometry counts 3 levels more.
        let point = serde_json::json!({"type": "Point", "coordinates": [71, 37], "x": nested(31)}).to_string();
        assert!(import_geojson(&point, &limits).is_err());
    }

    #[test]
    fn string_quotes_that_export_as_objects_are_counted_at_their_exported_depth() {
        use crate::domain::annotation::AnnotationDocument;
        use crate::domain::geojson_export::export_geojson;
        let limits = ImportLimits { max_depth: 5, ..ImportLimits::default() };
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
            "geometry":{"type":"Point","coordinates":[71,37]},"properties":{"quotes":["a quote"]}}]}"#;
        match import_geojson(text, &limits) {
            Err(e) => assert!(e.message.contains("nests 6 levels"), "{e}"),
            Ok(report) => {
                let text = export_geojson(&AnnotationDocument::default().with_imported(report.annotations));
                import_geojson(&text, &limits).expect("reads back");
            }
        }
    }

    #[test]
    fn geojson_numbers_and_colours_in_simplestyle() {
        assert_eq!(number(&serde_json::json!("2")), Some(2.0));
        assert_eq!(number(&serde_json::json!(" 0.5 ")), Some(0.5));
        assert_eq!(number(&serde_json::json!("wide")), None);
        assert_eq!(number(&serde_json::json!("NaN")), None);
        assert_eq!(colour(&serde_json::json!("#7e7e7e")).as_deref(), Some("#7e7e7e"));
        assert_eq!(colour(&serde_json::json!("#ABC")).as_deref(), Some("#ABC"));
        assert_eq!(colour(&serde_json::json!("red")), None);
        assert_eq!(colour(&serde_json::json!("#12345")), None);
        assert_eq!(opacity(&serde_json::json!(1.5)), None);
    }

    #[test]
    fn sizes_and_json_values_in_words() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20.0 MB");
        assert_eq!(megabytes(1_000), "1.0 KB");
        assert_eq!(describe(&serde_json::json!([1])), "an array of 1 item");
        assert_eq!(describe(&serde_json::json!("x")), "the string \"x\"");
    }

    #[test]
    fn geojson_extent_edges_are_inside() {
        assert!(in_extent(LonLat::new(52.0, 29.0)));
        assert!(in_extent(LonLat::new(97.0, 52.0)));
        assert!(!in_extent(LonLat::new(51.99, 40.0)));
        assert!(!in_extent(LonLat::new(70.0, 52.01)));
    }
}
