//! Export to the formats other tools open: KML (Google Earth, My Maps, QGIS), GPX (phones and GPS units:
//! points and lines) and CSV (spreadsheets: points as longitude and latitude, other shapes as WKT).
//! Each is written from the document's GeoJSON export ([`document_geojson`]) (so every format says the same of an annotation),
//! deterministically, and reads back through the importer into the same annotations where the format can
//! hold them; [`Exported::cannot_hold`] says what it could not.

use serde_json::{Map, Value};

use super::annotation::AnnotationDocument;
use super::conversion::as_text;
use super::geojson_export::export_geojson;
use super::wkt::write_wkt;

/// An export's text, and what of the document the format could not hold (for the reader).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exported {
    pub text: String,
    pub cannot_hold: Vec<String>,
}

/// The document's GeoJSON export as a value: what every format here is written from.
pub fn document_geojson(doc: &AnnotationDocument) -> Value {
    serde_json::from_str(&export_geojson(doc)).unwrap_or(Value::Null)
}

fn features(geojson: &Value) -> Vec<Value> {
    geojson["features"].as_array().cloned().unwrap_or_default()
}

/// Text escaped for XML content and attributes.
fn xml(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// A note as the HTML a KML description is (Google Earth shows it as HTML): `&`, `<` and `>` as
/// entities, line breaks as `<br>`, so that it shows as typed and reads back the same.
fn html_of_text(note: &str) -> String {
    note.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace("\r\n", "\n").replace('\n', "<br>")
}

fn number(value: &Value) -> String {
    value.as_f64().map_or_else(|| "0".to_string(), |x| x.to_string())
}

fn properties(feature: &Value) -> Map<String, Value> {
    feature["properties"].as_object().cloned().unwrap_or_default()
}

/// Keys written by the format itself, not as extra data.
const KNOWN: [&str; 8] =
    ["title", "description", "marker-color", "stroke", "stroke-width", "stroke-opacity", "fill", "fill-opacity"];

/// `#rrggbb` and an opacity as KML's `aabbggrr`.
///
/// ```
/// use article_map::domain::format_export::kml_colour_of;
/// assert_eq!(kml_colour_of("#ff8000", None), "ff0080ff");
/// assert_eq!(kml_colour_of("#0f0", Some(0.5)), "8000ff00");
/// ```
pub fn kml_colour_of(colour: &str, opacity: Option<f64>) -> String {
    let hex = colour.trim_start_matches('#');
    let hex: String = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_string() };
    let part = |i: usize| hex.get(i..i + 2).unwrap_or("00").to_ascii_lowercase();
    let alpha = (opacity.unwrap_or(1.0).clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{alpha:02x}{}{}{}", part(4), part(2), part(0))
}

fn kml_coordinates(positions: &Value) -> String {
    let tuples: Vec<String> = positions
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|p| p.as_array().map(|n| n.iter().map(number).collect::<Vec<_>>().join(",")).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    format!("<coordinates>{}</coordinates>", tuples.join(" "))
}

fn kml_geometry(g: &Value, out: &mut String) {
    let c = &g["coordinates"];
    let polygon = |rings: &Value, out: &mut String| {
        out.push_str("<Polygon>");
        for (i, ring) in rings.as_array().map(Vec::as_slice).unwrap_or_default().iter().enumerate() {
            let boundary = if i == 0 { "outerBoundaryIs" } else { "innerBoundaryIs" };
            out.push_str(&format!("<{boundary}><LinearRing>{}</LinearRing></{boundary}>", kml_coordinates(ring)));
        }
        out.push_str("</Polygon>");
    };
    let each = |key: &str| g[key].as_array().cloned().unwrap_or_default();
    match g["type"].as_str().unwrap_or_default() {
        "Point" => out.push_str(&format!("<Point>{}</Point>", kml_coordinates(&Value::Array(vec![c.clone()])))),
        "LineString" => out.push_str(&format!("<LineString>{}</LineString>", kml_coordinates(c))),
        "Polygon" => polygon(c, out),
        "MultiPoint" => {
            out.push_str("<MultiGeometry>");
            for p in each("coordinates") {
                out.push_str(&format!("<Point>{}</Point>", kml_coordinates(&Value::Array(vec![p]))));
            }
            out.push_str("</MultiGeometry>");
        }
        "MultiLineString" => {
            out.push_str("<MultiGeometry>");
            for l in each("coordinates") {
                out.push_str(&format!("<LineString>{}</LineString>", kml_coordinates(&l)));
            }
            out.push_str("</MultiGeometry>");
        }
        "MultiPolygon" => {
            out.push_str("<MultiGeometry>");
            for p in each("coordinates") {
                polygon(&p, out);
            }
            out.push_str("</MultiGeometry>");
        }
        _ => {
            out.push_str("<MultiGeometry>");
            for part in each("geometries") {
                kml_geometry(&part, out);
            }
            out.push_str("</MultiGeometry>");
        }
    }
}

fn kml_style(p: &Map<String, Value>) -> String {
    let text = |k: &str| p.get(k).and_then(Value::as_str);
    let opacity = |k: &str| p.get(k).and_then(Value::as_f64);
    let mut style = String::new();
    if let Some(c) = text("marker-color") {
        style.push_str(&format!("<IconStyle><color>{}</color></IconStyle>", kml_colour_of(c, None)));
    }
    if text("stroke").is_some() || p.contains_key("stroke-width") {
        style.push_str("<LineStyle>");
        if let Some(c) = text("stroke") {
            style.push_str(&format!("<color>{}</color>", kml_colour_of(c, opacity("stroke-opacity"))));
        }
        if let Some(w) = p.get("stroke-width") {
            style.push_str(&format!("<width>{}</width>", number(w)));
        }
        style.push_str("</LineStyle>");
    }
    match (text("fill"), opacity("fill-opacity")) {
        (Some(c), o) => style.push_str(&format!("<PolyStyle><color>{}</color></PolyStyle>", kml_colour_of(c, o))),
        (None, Some(0.0)) => style.push_str("<PolyStyle><fill>0</fill></PolyStyle>"),
        _ => {}
    }
    if style.is_empty() {
        style
    } else {
        format!("<Style>{style}</Style>")
    }
}

/// The document as KML 2.2: one Placemark per annotation, with its name, description (as text), style,
/// ExtendedData (every other property, as text; quotes as JSON) and geometry, altitudes included.
pub fn export_kml(geojson: &Value) -> Exported {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>Annotations</name>\n");
    let mut typed = 0;
    for f in features(geojson) {
        let p = properties(&f);
        match f["id"].as_str() {
            Some(id) => out.push_str(&format!("<Placemark id=\"{}\">", xml(id))),
            None => out.push_str("<Placemark>"),
        }
        out.push_str(&format!("<name>{}</name>", xml(p.get("title").and_then(Value::as_str).unwrap_or_default())));
        let note = p.get("description").and_then(Value::as_str).unwrap_or_default();
        out.push_str(&format!("<description>{}</description>", xml(&html_of_text(note))));
        out.push_str(&kml_style(&p));
        let extra: Vec<(&String, &Value)> = p.iter().filter(|(k, _)| !KNOWN.contains(&k.as_str())).collect();
        if !extra.is_empty() {
            out.push_str("<ExtendedData>");
            for (k, v) in extra {
                if !v.is_string() && k != "quotes" {
                    typed += 1;
                }
                out.push_str(&format!("<Data name=\"{}\"><value>{}</value></Data>", xml(k), xml(&as_text(v))));
            }
            out.push_str("</ExtendedData>");
        }
        kml_geometry(&f["geometry"], &mut out);
        out.push_str("</Placemark>\n");
    }
    out.push_str("</Document>\n</kml>\n");
    let mut cannot_hold = Vec::new();
    if typed > 0 {
        cannot_hold.push(format!(
            "KML holds extra properties as text: {typed} number(s), list(s) or object(s) come back as text."
        ));
    }
    Exported { text: out, cannot_hold }
}

/// GPX elements a waypoint, route or track has, in the order GPX 1.1 lists them, after `name`.
const GPX_TEXT: [(&str, &str); 4] = [("cmt", "cmt"), ("description", "desc"), ("src", "src"), ("sym", "sym")];

/// One point: `ele` from its altitude, then `time`, then `inner`.
fn gpx_point(tag: &str, p: &Value, time: Option<&str>, inner: &str) -> String {
    let n = p.as_array().cloned().unwrap_or_default();
    let ele = n.get(2).map(|e| format!("<ele>{}</ele>", number(e))).unwrap_or_default();
    let time = time.map(|t| format!("<time>{}</time>", xml(t))).unwrap_or_default();
    format!(
        "<{tag} lat=\"{}\" lon=\"{}\">{ele}{time}{inner}</{tag}>",
        n.get(1).map(number).unwrap_or_default(),
        n.first().map(number).unwrap_or_default()
    )
}

/// The document as GPX 1.1: points as waypoints (a multipoint as one waypoint per point), lines as tracks
/// (a multiline as one track of several segments), altitudes as `ele`, and what GPX itself says of a point
/// or a track (`name`, `cmt`, `desc`, `src`, `sym`, `type`, a waypoint's `time`, a track's point `times`).
/// Areas and collections cannot be GPX: they are left out and counted.
pub fn export_gpx(geojson: &Value) -> Exported {
    let (mut waypoints, mut tracks) = (String::new(), String::new());
    let (mut areas, mut split, mut dropped_properties) = (0, 0, 0);
    for f in features(geojson) {
        let p = properties(&f);
        let text = |k: &str| p.get(k).and_then(Value::as_str).filter(|t| !t.is_empty());
        let mut described = String::new();
        if let Some(title) = text("title") {
            described.push_str(&format!("<name>{}</name>", xml(title)));
        }
        for (key, tag) in GPX_TEXT {
            if let Some(value) = text(key) {
                described.push_str(&format!("<{tag}>{}</{tag}>", xml(value)));
            }
        }
        if let Some(kind) = text("type") {
            described.push_str(&format!("<type>{}</type>", xml(kind)));
        }
        let gpx_keys = ["title", "description", "cmt", "src", "sym", "type", "time", "times"];
        if p.keys().any(|k| !gpx_keys.contains(&k.as_str())) {
            dropped_properties += 1;
        }
        let times: Vec<&str> = p
            .get("times")
            .and_then(Value::as_array)
            .map(|t| t.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let g = &f["geometry"];
        let c = &g["coordinates"];
        let mut next_time = times.iter().copied();
        let mut segment = |line: &Value| {
            let points: String = line
                .as_array()
                .map(|ps| ps.iter().map(|p| gpx_point("trkpt", p, next_time.next(), "")).collect())
                .unwrap_or_default();
            format!("<trkseg>{points}</trkseg>")
        };
        match g["type"].as_str().unwrap_or_default() {
            "Point" => waypoints.push_str(&format!("{}\n", gpx_point("wpt", c, text("time"), &described))),
            "MultiPoint" => {
                split += 1;
                for p in c.as_array().cloned().unwrap_or_default() {
                    waypoints.push_str(&format!("{}\n", gpx_point("wpt", &p, text("time"), &described)));
                }
            }
            "LineString" => tracks.push_str(&format!("<trk>{described}{}</trk>\n", segment(c))),
            "MultiLineString" => {
                let segments: String = c.as_array().map(|ls| ls.iter().map(&mut segment).collect()).unwrap_or_default();
                tracks.push_str(&format!("<trk>{described}{segments}</trk>\n"));
            }
            _ => areas += 1,
        }
    }
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"article-map\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n{waypoints}{tracks}</gpx>\n"
    );
    let mut cannot_hold = Vec::new();
    if areas > 0 {
        cannot_hold.push(format!("GPX holds points and lines only: {areas} area(s) or collection(s) were left out."));
    }
    if split > 0 {
        cannot_hold.push(format!("{split} multipoint(s) were written as one waypoint per point."));
    }
    if dropped_properties > 0 {
        cannot_hold.push(format!(
            "GPX keeps a name, a description and a few GPS fields: the other properties of {dropped_properties} \
             annotation(s) (styles, quotes) were left out."
        ));
    }
    Exported { text, cannot_hold }
}

/// A text cell with a `'` before it when a spreadsheet would run it as a formula (CSV injection).
///
/// ```
/// use article_map::domain::format_export::inert_in_spreadsheets;
/// assert_eq!(inert_in_spreadsheets("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(inert_in_spreadsheets("Khorog"), "Khorog");
/// ```
pub fn inert_in_spreadsheets(text: &str) -> String {
    if text.starts_with(crate::domain::csv_import::FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A CSV field, quoted when it must be (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The document as CSV (RFC 4180, UTF-8, comma-separated): columns `id`, `title`, `description`,
/// `longitude`, `latitude`, `altitude` (points), `wkt` (every other shape), then every other property in
/// name order (as text; quotes as JSON). A text cell that a spreadsheet would run as a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after a `'`, which the importer takes off
/// again ([`crate::domain::csv_import`]).
pub fn export_csv(geojson: &Value) -> Exported {
    let features = features(geojson);
    let mut extra: Vec<String> = features
        .iter()
        .flat_map(|f| properties(f).keys().cloned().collect::<Vec<_>>())
        .filter(|k| !matches!(k.as_str(), "title" | "description"))
        .collect();
    extra.sort();
    extra.dedup();
    let mut columns = vec!["id", "title", "description", "longitude", "latitude", "altitude", "wkt"];
    columns.extend(extra.iter().map(String::as_str));
    let mut out = columns.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",");
    out.push('\n');
    let mut typed = 0;
    for f in &features {
        let p = properties(f);
        let g = &f["geometry"];
        let (lon, lat, alt, wkt) = match (g["type"].as_str(), g["coordinates"].as_array()) {
            (Some("Point"), Some(n)) => (
                n.first().map(number).unwrap_or_default(),
                n.get(1).map(number).unwrap_or_default(),
                n.get(2).map(number).unwrap_or_default(),
                String::new(),
            ),
            _ => (String::new(), String::new(), String::new(), write_wkt(g)),
        };
        let text = |k: &str| inert_in_spreadsheets(&p.get(k).map(as_text).unwrap_or_default());
        let mut row = vec![
            inert_in_spreadsheets(f["id"].as_str().unwrap_or_default()),
            text("title"),
            text("description"),
            lon,
            lat,
            alt,
            wkt,
        ];
        for k in &extra {
            if p.get(k).is_some_and(|v| !v.is_string())
                && k != "quotes"
                && !k.starts_with("stroke")
                && !k.starts_with("fill")
            {
                typed += 1;
            }
            row.push(text(k));
        }
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    let mut cannot_hold = Vec::new();
    if typed > 0 {
        cannot_hold
            .push(format!("CSV holds properties as text: {typed} number(s), list(s) or object(s) come back as text."));
    }
    Exported { text: out, cannot_hold }
}
