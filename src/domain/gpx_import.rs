//! GPX (1.0 and 1.1, as phones, GPS units, Strava, OsmAnd and ogr2ogr write it) to GeoJSON:
//!
//! - each waypoint (`wpt`) is a Point; each route (`rte`) a LineString of its `rtept`s; each track (`trk`)
//!   a LineString of its one segment, or a MultiLineString of its segments (`trkseg`);
//! - `name` becomes the title, `desc` (or else `cmt`) the note; `cmt`, `type`, `sym`, `src` and a
//!   waypoint's `time` are kept as properties; a track's point times as `times` (one per position, in order);
//! - `ele` becomes each position's altitude.
//!
//! A route or track segment of fewer than 2 points is left out (and counted). `lat` and `lon` are
//! attributes, in WGS84 degrees; a point without them is refused with its line.

use serde_json::{Map, Value};

use super::conversion::{cut, feature, geometry, number, position, refuse, Converted};
use super::geojson_reader::ReadError;
use super::xml_tree::{read_xml_document, XmlElement};

type Read<T> = Result<T, ReadError>;

/// Reads GPX text into a FeatureCollection.
///
/// ```
/// use article_map::domain::gpx_import::gpx_to_geojson;
/// let gpx = r#"<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
///   <wpt lat="37.4897" lon="71.5533"><ele>2200</ele><name>Khorog</name></wpt></gpx>"#;
/// let f = &gpx_to_geojson(gpx).unwrap().geojson["features"][0];
/// assert_eq!(f["geometry"]["coordinates"], serde_json::json!([71.5533, 37.4897, 2200.0]));
/// assert_eq!(f["properties"]["title"], "Khorog");
/// ```
pub fn gpx_to_geojson(text: &str) -> Read<Converted> {
    let root = read_xml_document(text, "gpx", "GPX")?;
    let mut features = Vec::new();
    let mut empty = 0;
    for e in &root.children {
        let origin = |what: &str| match e.child_text("name") {
            Some(name) => format!("{what} “{}”, {}", cut(name), e.at),
            None => format!("{what} at {}", e.at),
        };
        match e.name.as_str() {
            "wpt" => {
                let (p, _) = point(e)?;
                let mut properties = described(e);
                if let Some(time) = e.child_text("time") {
                    properties.insert("time".into(), time.into());
                }
                features.push((feature(None, geometry("Point", p), properties), origin("Waypoint")));
            }
            "rte" => {
                let points = e.children_named("rtept").map(point).collect::<Read<Vec<_>>>()?;
                match line(points) {
                    Some((l, times)) => {
                        let mut properties = described(e);
                        add_times(&mut properties, times);
                        features.push((feature(None, geometry("LineString", l), properties), origin("Route")))
                    }
                    None => empty += 1,
                }
            }
            "trk" => {
                let mut lines = Vec::new();
                let mut times = Vec::new();
                for segment in e.children_named("trkseg") {
                    let points = segment.children_named("trkpt").map(point).collect::<Read<Vec<_>>>()?;
                    if let Some((l, t)) = line(points) {
                        lines.push(l);
                        times.extend(t);
                    }
                }
                let mut properties = described(e);
                add_times(&mut properties, times);
                let shape = match lines.len() {
                    0 => {
                        empty += 1;
                        continue;
                    }
                    1 => geometry("LineString", lines.swap_remove(0)),
                    _ => geometry("MultiLineString", Value::Array(lines)),
                };
                features.push((feature(None, shape, properties), origin("Track")));
            }
            _ => {}
        }
    }
    let mut notes = Vec::new();
    if empty > 0 {
        notes.push(format!("{empty} route(s) or track(s) with fewer than 2 points were left out."));
    }
    let mut extensions = Vec::new();
    extension_names(&root, &mut extensions);
    if !extensions.is_empty() {
        extensions.sort();
        extensions.dedup();
        let shown: Vec<&str> = extensions.iter().take(6).map(String::as_str).collect();
        notes.push(format!("The file's GPX extensions were not read ({}).", shown.join(", ")));
    }
    Ok(Converted::collect(features, notes))
}

/// The names of the elements inside every `<extensions>` of the document (a device's own data: hdop, speed…).
fn extension_names(e: &XmlElement, into: &mut Vec<String>) {
    for child in &e.children {
        if child.name == "extensions" {
            into.extend(child.children.iter().map(|c| c.name.clone()));
        } else {
            extension_names(child, into);
        }
    }
}

/// Title, note and the other descriptive elements of a waypoint, route or track.
fn described(e: &XmlElement) -> Map<String, Value> {
    let mut properties = Map::new();
    if let Some(name) = e.child("name") {
        properties.insert("title".into(), name.text.trim().into());
    }
    let note = e.child_text("desc").or_else(|| e.child_text("cmt"));
    if let Some(note) = note {
        properties.insert("description".into(), note.into());
    }
    for key in ["cmt", "type", "sym", "src"] {
        if let Some(value) = e.child_text(key) {
            if !(key == "cmt" && e.child_text("desc").is_none()) {
                properties.insert(key.into(), value.into());
            }
        }
    }
    properties
}

/// Point times as a `times` property, when every point has one.
fn add_times(properties: &mut Map<String, Value>, times: Vec<Option<String>>) {
    if !times.is_empty() && times.iter().all(Option::is_some) {
        properties.insert("times".into(), Value::Array(times.into_iter().flatten().map(Value::from).collect()));
    }
}

/// A waypoint's, route point's or track point's position (with `ele` as its altitude) and time.
fn point(e: &XmlElement) -> Read<(Value, Option<String>)> {
    let place = format!("{}, <{}>", e.at, e.name);
    let coordinate = |name: &str| match e.attribute(name) {
        None => refuse(&place, format!("has no {name:?} attribute: a GPX point gives lat=\"…\" lon=\"…\" in degrees")),
        Some(text) => {
            number(text).map_or_else(|| refuse(&place, format!("{name}={:?} is not a number", cut(text))), Ok)
        }
    };
    let (lat, lon) = (coordinate("lat")?, coordinate("lon")?);
    let ele = match e.child("ele") {
        Some(ele) => match number(&ele.text) {
            Some(x) => vec![x],
            None if ele.text.trim().is_empty() => Vec::new(),
            None => return refuse(format!("{}, <ele>", ele.at), format!("{:?} is not a number", cut(&ele.text))),
        },
        None => Vec::new(),
    };
    Ok((position(lon, lat, &ele, &place)?, e.child_text("time").map(str::to_string)))
}

type Line = (Value, Vec<Option<String>>);

fn line(points: Vec<(Value, Option<String>)>) -> Option<Line> {
    match points.len() {
        0 | 1 => None,
        _ => {
            let (positions, times): (Vec<Value>, Vec<Option<String>>) = points.into_iter().unzip();
            Some((Value::Array(positions), times))
        }
    }
}
