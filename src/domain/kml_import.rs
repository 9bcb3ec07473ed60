//! KML (OGC KML 2.2, as Google Earth, Google My Maps, QGIS and ogr2ogr write it) to GeoJSON, in the way of
//! Mapbox's togeojson:
//!
//! - every `Placemark`, in document order, at any depth of `Document`s and `Folder`s, is one feature; its
//!   `id` attribute is the feature's id;
//! - `name` becomes the title, `description` the note (as text: HTML in it is reduced to its text, and
//!   nothing of it is ever rendered as HTML);
//! - `ExtendedData` (`Data`/`value` and `SchemaData`/`SimpleData`) become properties, as text;
//! - styles (inline, or shared by `styleUrl` through a `Style` or a `StyleMap`'s normal pair) become
//!   simplestyle: `IconStyle` colour → `marker-color`; `LineStyle` → `stroke`, `stroke-opacity`,
//!   `stroke-width`; `PolyStyle` → `fill`, `fill-opacity` (`<fill>0</fill>` → opacity 0);
//! - `Point`, `LineString`, `LinearRing` (as a polygon), `Polygon` (outer and inner boundaries),
//!   `gx:Track` (as a line) and `MultiGeometry` (one kind: the Multi- type; mixed or nested: a
//!   GeometryCollection); altitudes are kept;
//! - a `Placemark` without geometry is counted and left out, as in GeoJSON.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::conversion::{collection, cut, feature, geometry, number, position, quotes_from_text, refuse, Converted};
use super::geojson_reader::ReadError;
use super::xml_tree::{read_xml_document, XmlElement};

type Read<T> = Result<T, ReadError>;

/// The simplestyle properties of one KML `Style`.
#[derive(Clone, Debug, Default)]
struct Simplestyle(Vec<(&'static str, Value)>);

/// Reads KML text into a FeatureCollection.
///
/// ```
/// use article_map::domain::kml_import::kml_to_geojson;
/// let kml = r#"<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>Ishkashim</name>
///   <Point><coordinates>71.6117,36.7272,2600</coordinates></Point></Placemark></kml>"#;
/// let converted = kml_to_geojson(kml).unwrap();
/// let f = &converted.geojson["features"][0];
/// assert_eq!(f["properties"]["title"], "Ishkashim");
/// assert_eq!(f["geometry"]["coordinates"], serde_json::json!([71.6117, 36.7272, 2600.0]));
/// ```
pub fn kml_to_geojson(text: &str) -> Read<Converted> {
    let root = read_xml_document(text, "kml", "KML")?;
    let styles = shared_styles(&root);
    let mut placemarks = Vec::new();
    gather_placemarks(&root, &mut placemarks);
    let mut features = Vec::new();
    let mut without_geometry = 0;
    for placemark in placemarks {
        let origin = match placemark.child_text("name") {
            Some(name) => format!("Placemark “{}”, {}", cut(name), placemark.at),
            None => format!("Placemark at {}", placemark.at),
        };
        match placemark_feature(placemark, &styles)? {
            Some(feature) => features.push((feature, origin)),
            None => without_geometry += 1,
        }
    }
    let mut notes = Vec::new();
    if without_geometry > 0 {
        notes.push(format!("{without_geometry} Placemark(s) without a geometry were left out."));
    }
    Ok(Converted::collect(features, notes))
}

fn gather_placemarks<'x>(element: &'x XmlElement, into: &mut Vec<&'x XmlElement>) {
    for child in &element.children {
        if child.name == "Placemark" {
            into.push(child);
        } else if matches!(child.name.as_str(), "Document" | "Folder" | "kml") {
            gather_placemarks(child, into);
        }
    }
}

/// Styles by `#id`: each `Style`, and each `StyleMap` as its normal pair's style.
fn shared_styles(root: &XmlElement) -> HashMap<String, Simplestyle> {
    fn walk<'x>(e: &'x XmlElement, styles: &mut Vec<&'x XmlElement>, maps: &mut Vec<&'x XmlElement>) {
        for child in &e.children {
            match child.name.as_str() {
                "Style" => styles.push(child),
                "StyleMap" => maps.push(child),
                "Document" | "Folder" => walk(child, styles, maps),
                _ => {}
            }
        }
    }
    let (mut styles, mut maps) = (Vec::new(), Vec::new());
    walk(root, &mut styles, &mut maps);
    let mut by_id: HashMap<String, Simplestyle> =
        styles.iter().filter_map(|s| Some((format!("#{}", s.attribute("id")?), simplestyle(s)))).collect();
    for map in maps {
        let Some(id) = map.attribute("id") else { continue };
        let normal = map.children_named("Pair").find(|p| p.child_text("key").is_none_or(|k| k == "normal"));
        let style = normal.and_then(|pair| match pair.child("Style") {
            Some(inline) => Some(simplestyle(inline)),
            None => pair.child_text("styleUrl").and_then(|url| by_id.get(local_url(url)).cloned()),
        });
        if let Some(style) = style {
            by_id.insert(format!("#{id}"), style);
        }
    }
    by_id
}

/// `#id` of a style URL (a URL into the same file keeps only its fragment).
fn local_url(url: &str) -> &str {
    url.rfind('#').and_then(|i| url.get(i..)).unwrap_or(url)
}

/// A KML colour `aabbggrr` as simplestyle `#rrggbb` and an opacity (2 decimals; none when opaque).
///
/// ```
/// use article_map::domain::kml_import::kml_colour;
/// assert_eq!(kml_colour("ff0000ff"), Some(("#ff0000".to_string(), None)));
/// assert_eq!(kml_colour("7f00ff00"), Some(("#00ff00".to_string(), Some(0.5))));
/// assert_eq!(kml_colour("red"), None);
/// ```
pub fn kml_colour(text: &str) -> Option<(String, Option<f64>)> {
    let hex = text.trim().trim_start_matches('#');
    if hex.len() != 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
    let (a, b, g, r) = (byte(0)?, byte(2)?, byte(4)?, byte(6)?);
    let opacity = (a != 255).then(|| (f64::from(a) / 255.0 * 100.0).round() / 100.0);
    Some((format!("#{r:02x}{g:02x}{b:02x}"), opacity))
}

fn simplestyle(style: &XmlElement) -> Simplestyle {
    let mut out = Vec::new();
    let colour = |e: Option<&XmlElement>| e.and_then(|e| e.child_text("color")).and_then(kml_colour);
    if let Some((c, _)) = colour(style.child("IconStyle")) {
        out.push(("marker-color", Value::from(c)));
    }
    if let Some(line) = style.child("LineStyle") {
        if let Some((c, opacity)) = colour(Some(line)) {
            out.push(("stroke", Value::from(c)));
            if let Some(o) = opacity {
                out.push(("stroke-opacity", Value::from(o)));
            }
        }
        if let Some(width) = line.child_text("width").and_then(number).filter(|w| *w >= 0.0) {
            out.push(("stroke-width", Value::from(width)));
        }
    }
    if let Some(poly) = style.child("PolyStyle") {
        if let Some((c, opacity)) = colour(Some(poly)) {
            out.push(("fill", Value::from(c)));
            if let Some(o) = opacity {
                out.push(("fill-opacity", Value::from(o)));
            }
        }
        if poly.child_text("fill") == Some("0") {
            out.retain(|(k, _)| *k != "fill-opacity");
            out.push(("fill-opacity", Value::from(0.0)));
        }
    }
    Simplestyle(out)
}

fn placemark_feature(placemark: &XmlElement, styles: &HashMap<String, Simplestyle>) -> Read<Option<Value>> {
    let mut properties = Map::new();
    if let Some(name) = placemark.child("name") {
        properties.insert("title".into(), name.text.trim().into());
    }
    if let Some(description) = placemark.child("description") {
        properties.insert("description".into(), text_of_html(&description.text).into());
    }
    if let Some(extended) = placemark.child("ExtendedData") {
        for data in extended.children_named("Data") {
            if let Some(name) = data.attribute("name") {
                let value = data.child("value").map(|v| v.text.trim().to_string()).unwrap_or_default();
                properties.insert(name.to_string(), property_value(name, value));
            }
        }
        for schema in extended.children_named("SchemaData") {
            for data in schema.children_named("SimpleData") {
                if let Some(name) = data.attribute("name") {
                    properties.insert(name.to_string(), property_value(name, data.text.trim().to_string()));
                }
            }
        }
    }
    let shared = placemark.child_text("styleUrl").and_then(|url| styles.get(local_url(url)));
    let inline = placemark.child("Style").map(simplestyle);
    for style in shared.into_iter().chain(inline.as_ref()) {
        for (key, value) in &style.0 {
            properties.insert((*key).to_string(), value.clone());
        }
    }
    let shape = placemark.children.iter().find(|c| is_geometry(c));
    let Some(shape) = shape else { return Ok(None) };
    let geometry = match geometry_of(shape)? {
        Some(geometry) => geometry,
        None => return Ok(None),
    };
    Ok(Some(feature(placemark.attribute("id").map(str::to_string), geometry, properties)))
}

fn property_value(name: &str, text: String) -> Value {
    if name == "quotes" {
        quotes_from_text(&text)
    } else {
        Value::String(text)
    }
}

fn is_geometry(e: &XmlElement) -> bool {
    matches!(
        e.name.as_str(),
        "Point" | "LineString" | "LinearRing" | "Polygon" | "MultiGeometry" | "Track" | "MultiTrack"
    )
}

/// A KML geometry as GeoJSON, or `None` when it has no positions.
fn geometry_of(e: &XmlElement) -> Read<Option<Value>> {
    Ok(match e.name.as_str() {
        "Point" => {
            let mut positions = coordinates(e)?;
            match positions.len() {
                0 => None,
                1 => positions.pop().map(|p| geometry("Point", p)),
                n => return refuse(e.at.to_string(), format!("a <Point> has one position, found {n}")),
            }
        }
        "LineString" => line(e, &coordinates(e)?)?.map(|l| geometry("LineString", l)),
        "LinearRing" => ring(e)?.map(|r| geometry("Polygon", Value::Array(vec![r]))),
        "Polygon" => polygon(e)?.map(|p| geometry("Polygon", p)),
        "Track" => line(e, &track(e)?)?.map(|l| geometry("LineString", l)),
        "MultiTrack" => {
            let mut lines = Vec::new();
            for t in e.children_named("Track") {
                lines.extend(line(t, &track(t)?)?);
            }
            (!lines.is_empty()).then(|| geometry("MultiLineString", Value::Array(lines)))
        }
        _ => multi_geometry(e)?,
    })
}

fn multi_geometry(e: &XmlElement) -> Read<Option<Value>> {
    let mut parts = Vec::new();
    for child in e.children.iter().filter(|c| is_geometry(c)) {
        if let Some(part) = geometry_of(child)? {
            parts.push(part);
        }
    }
    let kinds: Vec<&str> = parts.iter().filter_map(|p| p["type"].as_str()).collect();
    let single = kinds.first().copied().filter(|k| kinds.iter().all(|other| other == k));
    let multi = match single {
        Some("Point") => Some("MultiPoint"),
        Some("LineString") => Some("MultiLineString"),
        Some("Polygon") => Some("MultiPolygon"),
        _ => None,
    };
    Ok(match (parts.is_empty(), multi) {
        (true, _) => None,
        (false, Some(multi)) => {
            Some(geometry(multi, Value::Array(parts.into_iter().map(|p| p["coordinates"].clone()).collect())))
        }
        (false, None) => Some(collection(parts)),
    })
}

fn line(e: &XmlElement, positions: &[Value]) -> Read<Option<Value>> {
    match positions.len() {
        0 => Ok(None),
        1 => refuse(e.at.to_string(), format!("a <{}> needs at least 2 positions, found 1", e.name)),
        _ => Ok(Some(Value::Array(positions.to_vec()))),
    }
}

/// A `LinearRing`'s positions, closed if the file left it open (Google Earth draws it closed).
fn ring(e: &XmlElement) -> Read<Option<Value>> {
    let at = e.child("coordinates").map_or(e.at, |c| c.at);
    let mut positions = coordinates(e)?;
    if positions.is_empty() {
        return Ok(None);
    }
    if positions.first() != positions.last() {
        if let Some(first) = positions.first().cloned() {
            positions.push(first);
        }
    }
    if positions.len() < 4 {
        return refuse(
            at.to_string(),
            format!(
                "a <LinearRing> needs at least 3 corners (4 positions with the first repeated), found {}",
                positions.len().saturating_sub(1)
            ),
        );
    }
    Ok(Some(Value::Array(positions)))
}

fn polygon(e: &XmlElement) -> Read<Option<Value>> {
    let boundary =
        |name: &'static str| e.children_named(name).filter_map(|b| b.child("LinearRing")).collect::<Vec<_>>();
    let outer = boundary("outerBoundaryIs");
    let Some(outer) = outer.first() else {
        return refuse(e.at.to_string(), "a <Polygon> needs an <outerBoundaryIs> with a <LinearRing>");
    };
    let Some(exterior) = ring(outer)? else { return Ok(None) };
    let mut rings = vec![exterior];
    for inner in boundary("innerBoundaryIs") {
        rings.extend(ring(inner)?);
    }
    Ok(Some(Value::Array(rings)))
}

/// The positions of a `<coordinates>` child: tuples `lon,lat[,alt]` separated by white space.
fn coordinates(e: &XmlElement) -> Read<Vec<Value>> {
    let Some(c) = e.child("coordinates") else { return Ok(Vec::new()) };
    // Some writers put spaces after the commas ("71.6, 36.7"): join them back first.
    let mut text = c.text.replace(", ", ",").replace(" ,", ",");
    while text.contains(", ") || text.contains(" ,") {
        text = text.replace(", ", ",").replace(" ,", ",");
    }
    text.split_whitespace()
        .enumerate()
        .map(|(i, tuple)| {
            let place = format!("{}, <coordinates> position {}", c.at, i + 1);
            let numbers: Vec<Option<f64>> = tuple.split(',').map(number).collect();
            match numbers.as_slice() {
                [Some(lon), Some(lat), rest @ ..] if rest.iter().all(Option::is_some) => {
                    let extra: Vec<f64> = rest.iter().flatten().copied().collect();
                    position(*lon, *lat, &extra, &place)
                }
                _ => refuse(
                    place,
                    format!("{:?} is not a position: KML writes longitude,latitude[,altitude] in degrees", cut(tuple)),
                ),
            }
        })
        .collect()
}

/// The positions of a `gx:Track`: its `gx:coord` elements, `lon lat [alt]` separated by spaces.
fn track(e: &XmlElement) -> Read<Vec<Value>> {
    e.children_named("coord")
        .map(|c| {
            let numbers: Vec<Option<f64>> = c.text.split_whitespace().map(number).collect();
            match numbers.as_slice() {
                [Some(lon), Some(lat), rest @ ..] if rest.iter().all(Option::is_some) => {
                    let extra: Vec<f64> = rest.iter().flatten().copied().collect();
                    position(*lon, *lat, &extra, &c.at.to_string())
                }
                _ => refuse(
                    c.at.to_string(),
                    format!("{:?} is not a gx:coord: it is written \"lon lat alt\"", cut(&c.text)),
                ),
            }
        })
        .collect()
}

/// HTML in a description reduced to its text: tags dropped (a `<br>`, `</p>`, `</div>`, `</li>` or `</tr>`
/// ends a line), entities resolved, more than one blank line folded into one. Text with no `<` and no `&`
/// is left exactly as it is.
///
/// ```
/// use article_map::domain::kml_import::text_of_html;
/// assert_eq!(text_of_html("<b>Khorog</b><br>GBAO &amp; Pamir"), "Khorog\nGBAO & Pamir");
/// assert_eq!(text_of_html("&lt;script&gt; is text"), "<script> is text");
/// assert_eq!(text_of_html(" plain  text "), " plain  text ");
/// ```
pub fn text_of_html(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.to_string();
    }
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open..).unwrap_or_default();
        let Some(close) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after.get(1..close).unwrap_or_default().trim().to_ascii_lowercase();
        let name =
            tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
        if name == "br" || (tag.starts_with('/') && matches!(name, "p" | "div" | "li" | "tr")) {
            out.push('\n');
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    let mut text = decoded_entities(&out);
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_string()
}

/// HTML's character references resolved in one pass: the XML five, `&nbsp;`, and numeric ones; anything
/// else is left as written.
fn decoded_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp..).unwrap_or_default();
        let name = after.get(1..).and_then(|a| a.find(';').filter(|end| *end <= 10).and_then(|end| a.get(..end)));
        let resolved = name.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n => n
                .strip_prefix("#x")
                .or_else(|| n.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (resolved, name) {
            (Some(c), Some(name)) => {
                out.push(c);
                rest = after.get(name.len() + 2..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}
