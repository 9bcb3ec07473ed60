//! GeoJSON export: the annotation document as an RFC 7946 FeatureCollection (WGS84 longitude, latitude,
//! polygons by the right-hand rule, no `crs` member), written deterministically so that exports can be
//! compared byte for byte and read back by [`crate::domain::geojson_import`] into the same annotations.
//!
//! Each feature is `{"type": "Feature", "id", "geometry", "properties"}`. Properties are every foreign
//! property, then `title`, `description` (the note), the simplestyle keys that are set, and `quotes` (when
//! there are any) as `[{exact, prefix, suffix}]`; these known keys win over a foreign one of the same name.
//! Coordinates and style numbers are rounded to 6 decimals (about 0.1 m) and written as short as they
//! read: `71.6`, `72`. Keys are sorted, indentation is 2 spaces, and each position stays on one line.

use serde_json::{Map, Value};

use super::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use super::coords::LonLat;
use super::extra_coordinates::ExtraCoordinates;

/// The document as GeoJSON text, features in document order.
///
/// ```
/// use article_map::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
/// use article_map::domain::coords::LonLat;
/// use article_map::domain::geojson_export::export_geojson;
/// let point = AnnotationGeometry::Point(LonLat::new(71.6, 36.72720049));
/// let doc = AnnotationDocument::default().with_added(Annotation::new("a1", point));
/// assert!(export_geojson(&doc).contains("\"coordinates\": [71.6, 36.7272]"));
/// ```
pub fn export_geojson(doc: &AnnotationDocument) -> String {
    let features: Vec<Value> = doc.annotations.iter().map(|a| feature(a)).collect();
    let mut collection = Map::new();
    collection.insert("type".into(), "FeatureCollection".into());
    collection.insert("features".into(), Value::Array(features));
    let mut out = String::new();
    write_pretty(&mut out, &Value::Object(collection), 0);
    out.push('\n');
    out
}

fn feature(annotation: &Annotation) -> Value {
    let mut properties = annotation.foreign.clone();
    properties.insert("title".into(), annotation.title.clone().into());
    properties.insert("description".into(), annotation.note.clone().into());
    let style = &annotation.style;
    let colours = [("marker-color", &style.marker_color), ("stroke", &style.stroke), ("fill", &style.fill)];
    for (key, value) in colours {
        if let Some(colour) = value {
            properties.insert(key.into(), colour.clone().into());
        }
    }
    let numbers = [
        ("stroke-width", style.stroke_width),
        ("stroke-opacity", style.stroke_opacity),
        ("fill-opacity", style.fill_opacity),
    ];
    for (key, value) in numbers {
        if let Some(x) = value {
            properties.insert(key.into(), number(x));
        }
    }
    if !annotation.quotes.is_empty() {
        let quotes = annotation
            .quotes
            .iter()
            .map(|q| {
                let mut quote = Map::new();
                quote.insert("exact".into(), q.exact.clone().into());
                quote.insert("prefix".into(), q.prefix.clone().into());
                quote.insert("suffix".into(), q.suffix.clone().into());
                Value::Object(quote)
            })
            .collect();
        properties.insert("quotes".into(), Value::Array(quotes));
    }
    let mut feature = Map::new();
    feature.insert("type".into(), "Feature".into());
    if !annotation.id.is_empty() {
        feature.insert("id".into(), annotation.id.to_string().into());
    }
    feature.insert("geometry".into(), geometry(&annotation.geometry, &annotation.extra_coordinates));
    feature.insert("properties".into(), Value::Object(properties));
    Value::Object(feature)
}

/// A geometry as GeoJSON, each position with the altitude (and further numbers) it came with.
pub fn geometry(geometry: &AnnotationGeometry, extra: &ExtraCoordinates) -> Value {
    let position = |p: LonLat| position(p, extra);
    let line = |l: &[LonLat]| Value::Array(l.iter().map(|p| position(*p)).collect());
    let polygon = |rings: &[Vec<LonLat>]| {
        Value::Array(rings.iter().enumerate().map(|(i, r)| line(&right_hand_ring(r, i == 0))).collect())
    };
    let coordinates = match geometry {
        AnnotationGeometry::Point(p) => position(*p),
        AnnotationGeometry::MultiPoint(ps) | AnnotationGeometry::LineString(ps) => line(ps),
        AnnotationGeometry::MultiLineString(ls) => Value::Array(ls.iter().map(|l| line(l)).collect()),
        AnnotationGeometry::Polygon(rings) => polygon(rings),
        AnnotationGeometry::MultiPolygon(ps) => Value::Array(ps.iter().map(|p| polygon(p)).collect()),
        AnnotationGeometry::GeometryCollection(parts) => {
            let mut object = Map::new();
            object.insert("type".into(), geometry.type_name().into());
            object.insert("geometries".into(), parts.iter().map(|g| self::geometry(g, extra)).collect());
            return Value::Object(object);
        }
    };
    let mut object = Map::new();
    object.insert("type".into(), geometry.type_name().into());
    object.insert("coordinates".into(), coordinates);
    Value::Object(object)
}

fn position(p: LonLat, extra: &ExtraCoordinates) -> Value {
    let mut numbers = vec![number(p.lon), number(p.lat)];
    numbers.extend(extra.of(p).iter().map(|x| number(*x)));
    Value::Array(numbers)
}

/// Twice the signed area of a ring in the longitude, latitude plane (degrees²): positive when the ring
/// runs counter-clockwise (east, then north), negative when clockwise.
///
/// ```
/// use article_map::domain::coords::LonLat;
/// use article_map::domain::geojson_export::signed_area_x2;
/// let ccw = [(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (0.0, 1.0), (0.0, 0.0)].map(|(x, y)| LonLat::new(x, y));
/// assert_eq!(signed_area_x2(&ccw), 4.0);
/// let mut cw = ccw;
/// cw.reverse();
/// assert_eq!(signed_area_x2(&cw), -4.0);
/// ```
pub fn signed_area_x2(ring: &[LonLat]) -> f64 {
    ring.windows(2).map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat).sum()
}

/// Twice-areas below this (degrees²; about 1 m² here) are no area: their sign is rounding noise, and it can
/// come out the same for a ring and its reverse.
const NO_AREA_X2: f64 = 1e-10;

/// Whether a ring runs against the right-hand rule (RFC 7946 §3.1.6: exteriors counter-clockwise, holes
/// clockwise). A ring with no area never does, so turning a ring is always done at most once.
///
/// ```
/// use article_map::domain::{coords::LonLat, geojson_export::breaks_right_hand_rule};
/// let cw = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.0, 0.0)].map(|(x, y)| LonLat::new(x, y));
/// assert!(breaks_right_hand_rule(&cw, true));
/// assert!(!breaks_right_hand_rule(&cw, false));
/// let flat = [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (0.0, 0.0)].map(|(x, y)| LonLat::new(x, y));
/// assert!(!breaks_right_hand_rule(&flat, true));
/// ```
pub fn breaks_right_hand_rule(ring: &[LonLat], exterior: bool) -> bool {
    let area = signed_area_x2(ring);
    if area.abs() < NO_AREA_X2 || !area.is_finite() {
        return false;
    }
    (exterior && area < 0.0) || (!exterior && area > 0.0)
}

/// The ring turned to follow the right-hand rule, if it does not.
fn right_hand_ring(ring: &[LonLat], exterior: bool) -> Vec<LonLat> {
    let mut ring = ring.to_vec();
    if breaks_right_hand_rule(&ring, exterior) {
        ring.reverse();
    }
    ring
}

/// `x` rounded to 6 decimals, as a JSON number: whole values as integers (`72`), others in the shortest
/// form that reads back the same (`71.6`).
fn number(x: f64) -> Value {
    let rounded = super::annotation::stored_number(x);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        Value::from(rounded as i64)
    } else {
        Value::from(rounded)
    }
}

/// JSON with 2-space indentation, except that arrays of numbers (positions) stay on one line.
fn write_pretty(out: &mut String, value: &Value, indent: usize) {
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
    match value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) if items.iter().all(Value::is_number) => {
            let numbers: Vec<String> = items.iter().map(Value::to_string).collect();
            out.push('[');
            out.push_str(&numbers.join(", "));
            out.push(']');
        }
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 2);
                write_pretty(out, item, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Object(members) => {
            out.push_str("{\n");
            for (i, (key, item)) in members.iter().enumerate() {
                pad(out, indent + 2);
                out.push_str(&Value::String(key.clone()).to_string());
                out.push_str(": ");
                write_pretty(out, item, indent + 2);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn geojson_numbers_are_rounded_and_short() {
        assert_eq!(number(71.6).to_string(), "71.6");
        assert_eq!(number(72.0).to_string(), "72");
        assert_eq!(number(-0.0000001).to_string(), "0");
        assert_eq!(number(36.727_200_49).to_string(), "36.7272");
        assert_eq!(number(-179.999_999_7).to_string(), "-180");
        assert_eq!(number(0.000_001).as_f64(), Some(0.000_001));
        for x in [71.123_456, -33.000_001, 0.1, 179.999_999, 36.7] {
            let v = number(x);
            assert_eq!(number(v.as_f64().unwrap()), v, "rounding {x} twice changes nothing");
        }
    }

    #[test]
    fn geojson_rings_follow_the_right_hand_rule() {
        let square = |pts: [(f64, f64); 5]| pts.map(|(x, y)| LonLat::new(x, y)).to_vec();
        let ccw = square([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]);
        let mut cw = ccw.clone();
        cw.reverse();
        assert_eq!(right_hand_ring(&ccw, true), ccw);
        assert_eq!(right_hand_ring(&cw, true), ccw);
        assert_eq!(right_hand_ring(&ccw, false), cw);
        assert_eq!(right_hand_ring(&cw, false), cw);
        let flat = square([(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (1.0, 0.0), (0.0, 0.0)]);
        assert_eq!(right_hand_ring(&flat, true), flat, "no area: left alone");
    }

    #[test]
    fn geojson_pretty_printing_keeps_positions_on_one_line() {
        let mut out = String::new();
        write_pretty(&mut out, &json!({"b": [[1, 2.5], [3, 4]], "a": {}, "c": ["x", "y\"z"], "d": []}), 0);
        assert_eq!(
            out,
            concat!(
                "{\n  \"a\": {},\n  \"b\": [\n    [1, 2.5],\n    [3, 4]\n  ],\n",
                "  \"c\": [\n    \"x\",\n    \"y\\\"z\"\n  ],\n  \"d\": []\n}"
            )
        );
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["c"][1], "y\"z");
    }
}
