//! TopoJSON (the format of Mike Bostock's topojson-server, `geo2topo`, that D3 newsroom maps load) to GeoJSON,
//! as topojson-client's `feature` does for every object of the topology:
//!
//! - arcs are decoded (delta-encoded and quantized when the topology has a `transform`), and each line or
//!   ring is stitched from its arcs (a negative index `~i` is arc `i` reversed; an arc's first position is
//!   the previous arc's last, so it is not repeated);
//! - each object, in the order the file gives them, becomes features: a GeometryCollection object one feature per geometry, any other object
//!   one feature; `id` and `properties` are kept;
//! - Point and MultiPoint `coordinates` are quantized positions (not deltas) when there is a transform.
//!
//! Stitching stops at the import's position limit (an arc may be named any number of times, so a small
//! file could otherwise make billions). A refusal names the JSON path (`objects.land.geometries[2].arcs[0][1]`) and its line and column.

use serde_json::{Map, Value};

use super::conversion::{collection, feature, geometry, position, refuse, Converted};
use super::geojson_reader::{describe, join, ReadError};
use super::json_location::line_and_column;

type Read<T> = Result<T, ReadError>;

#[derive(Clone, Copy, Debug)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

struct Topology {
    /// Decoded arcs, positions in degrees (each with its extra numbers).
    arcs: Vec<Vec<Vec<f64>>>,
    transform: Option<Transform>,
    /// Positions the objects may still make: an arc can be named any number of times, so a small file
    /// could otherwise stitch billions of positions. Counted down as lines are stitched.
    budget: std::cell::Cell<usize>,
    max_positions: usize,
}

/// Whether a JSON document is a TopoJSON topology (`"type": "Topology"` at its top level).
fn is_topology(root: &Value) -> bool {
    root.get("type").and_then(Value::as_str) == Some("Topology")
}

/// Reads a TopoJSON topology into a FeatureCollection.
///
/// ```
/// use article_map::domain::topojson_import::topojson_to_geojson;
/// let text = r#"{"type": "Topology", "transform": {"scale": [0.01, 0.01], "translate": [70, 36]},
///   "objects": {"route": {"type": "LineString", "arcs": [0], "properties": {"name": "Pamir Highway"}}},
///   "arcs": [[[0, 0], [100, 50], [50, 50]]]}"#;
/// let f = &topojson_to_geojson(text, 250_000).unwrap().geojson["features"][0];
/// assert_eq!(f["geometry"]["coordinates"], serde_json::json!([[70.0, 36.0], [71.0, 36.5], [71.5, 37.0]]));
/// ```
pub fn topojson_to_geojson(text: &str, max_positions: usize) -> Read<Converted> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text)
        .map_err(|e| ReadError { path: String::new(), message: format!("not valid JSON: {e}") })?;
    convert(&root, &super::json_location::member_names(text, "objects"), max_positions).map_err(|e| {
        match line_and_column(text, &e.path) {
            Some((line, column)) if !e.path.is_empty() => {
                ReadError { message: format!("{} (line {line}, column {column})", e.message), ..e }
            }
            _ => e,
        }
    })
}

/// `order`: the objects' names in the order the text gives them.
fn convert(root: &Value, order: &[String], max_positions: usize) -> Read<Converted> {
    if !is_topology(root) {
        return refuse("type", "must be \"Topology\": this is not a TopoJSON file");
    }
    let transform = match root.get("transform") {
        None | Some(Value::Null) => None,
        Some(t) => Some(transform(t)?),
    };
    let arcs = match root.get("arcs") {
        Some(Value::Array(arcs)) => arcs,
        None => return refuse("arcs", "is required: a topology lists its arcs (it may be an empty array)"),
        Some(other) => return refuse("arcs", format!("must be an array of arcs, found {}", describe(other))),
    };
    let decoded = arcs
        .iter()
        .enumerate()
        .map(|(i, arc)| decode_arc(arc, transform, &format!("arcs[{i}]")))
        .collect::<Read<_>>()?;
    let budget = std::cell::Cell::new(max_positions);
    let topology = Topology { arcs: decoded, transform, budget, max_positions };
    let objects = match root.get("objects") {
        Some(Value::Object(objects)) => objects,
        None => return refuse("objects", "is required: a topology names its objects"),
        Some(other) => {
            return refuse("objects", format!("must be an object of named objects, found {}", describe(other)))
        }
    };
    let mut features = Vec::new();
    let mut counts = Vec::new();
    let mut names: Vec<&String> = order.iter().filter(|n| objects.contains_key(*n)).collect();
    names.extend(objects.keys().filter(|k| !order.contains(k)));
    names.dedup();
    for name in names {
        let Some(object) = objects.get(name) else { continue };
        let path = join("objects", name);
        let before = features.len();
        let kind = object.get("type").and_then(Value::as_str);
        if kind == Some("GeometryCollection") {
            let members = match object.get("geometries") {
                Some(Value::Array(members)) => members,
                _ => return refuse(join(&path, "geometries"), "is required and must be an array of geometries"),
            };
            for (i, member) in members.iter().enumerate() {
                let at = format!("{path}.geometries[{i}]");
                features.push((object_feature(&topology, member, &at)?, format!("{at} (object “{name}”)")));
            }
        } else {
            features.push((object_feature(&topology, object, &path)?, format!("{path} (object “{name}”)")));
        }
        counts.push(format!("“{name}” ({})", features.len() - before));
    }
    let notes = vec![format!("Objects read: {}.", counts.join(", "))];
    Ok(Converted::collect(features, notes))
}

fn numbers(value: &Value, path: &str, what: &str) -> Read<[f64; 2]> {
    match value.as_array().map(Vec::as_slice) {
        Some([Value::Number(a), Value::Number(b)]) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) => Ok([a, b]),
            _ => refuse(path, format!("must be {what}")),
        },
        _ => refuse(path, format!("must be {what}, found {}", describe(value))),
    }
}

fn transform(value: &Value) -> Read<Transform> {
    let scale = numbers(value.get("scale").unwrap_or(&Value::Null), "transform.scale", "two numbers [x, y]")?;
    let translate =
        numbers(value.get("translate").unwrap_or(&Value::Null), "transform.translate", "two numbers [x, y]")?;
    if scale.contains(&0.0) {
        return refuse("transform.scale", "must not be 0 (every position would be the same)");
    }
    Ok(Transform { scale, translate })
}

/// One arc's positions in degrees.
fn decode_arc(arc: &Value, transform: Option<Transform>, path: &str) -> Read<Vec<Vec<f64>>> {
    let Some(items) = arc.as_array() else {
        return refuse(path, format!("must be an array of positions, found {}", describe(arc)));
    };
    let mut out = Vec::with_capacity(items.len());
    let (mut x, mut y) = (0.0, 0.0);
    for (i, item) in items.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let p = raw_position(item, &at)?;
        let (px, py) = match transform {
            Some(t) => {
                x += p[0];
                y += p[1];
                (x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1])
            }
            None => (p[0], p[1]),
        };
        let mut decoded = vec![px, py];
        decoded.extend(p.iter().skip(2));
        out.push(decoded);
    }
    Ok(out)
}

fn raw_position(item: &Value, path: &str) -> Read<Vec<f64>> {
    let numbers: Option<Vec<f64>> = item.as_array().map(|a| a.iter().map(Value::as_f64).collect()).unwrap_or(None);
    match numbers {
        Some(n) if n.len() >= 2 => Ok(n),
        _ => refuse(path, format!("must be a position [x, y], found {}", describe(item))),
    }
}

impl Topology {
    fn point(&self, item: &Value, path: &str) -> Read<Value> {
        let p = raw_position(item, path)?;
        let (x, y) = match self.transform {
            Some(t) => (p[0] * t.scale[0] + t.translate[0], p[1] * t.scale[1] + t.translate[1]),
            None => (p[0], p[1]),
        };
        position(x, y, p.get(2..).unwrap_or_default(), path)
    }

    /// A line stitched from arc indexes.
    fn line(&self, indexes: &Value, path: &str) -> Read<Vec<Value>> {
        let Some(indexes) = indexes.as_array() else {
            return refuse(path, format!("must be an array of arc indexes, found {}", describe(indexes)));
        };
        let mut out: Vec<Value> = Vec::new();
        for (i, index) in indexes.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let Some(n) = index.as_i64() else {
                return refuse(&at, format!("must be an arc index, found {}", describe(index)));
            };
            let (arc, reversed) = if n < 0 { (!n, true) } else { (n, false) };
            let Some(positions) = usize::try_from(arc).ok().and_then(|a| self.arcs.get(a)) else {
                return refuse(
                    &at,
                    format!(
                        "names arc {n}, but the topology has {} arcs (0 to {})",
                        self.arcs.len(),
                        self.arcs.len() as i64 - 1
                    ),
                );
            };
            let mut positions: Vec<&Vec<f64>> = positions.iter().collect();
            if reversed {
                positions.reverse();
            }
            let skip = usize::from(!out.is_empty());
            let made = positions.len().saturating_sub(skip);
            match self.budget.get().checked_sub(made) {
                Some(left) => self.budget.set(left),
                None => {
                    return refuse(
                        &at,
                        format!(
                            "the topology's lines and rings make more than {} positions here (the import's limit)",
                            super::thousands::thousands(self.max_positions as u64)
                        ),
                    )
                }
            }
            for p in positions.into_iter().skip(skip) {
                out.push(position(p[0], p[1], p.get(2..).unwrap_or_default(), &at)?);
            }
        }
        Ok(out)
    }

    fn rings(&self, value: &Value, path: &str) -> Read<Value> {
        let Some(rings) = value.as_array() else {
            return refuse(path, format!("must be an array of rings, found {}", describe(value)));
        };
        rings.iter().enumerate().map(|(i, r)| self.line(r, &format!("{path}[{i}]")).map(Value::Array)).collect()
    }

    fn geometry(&self, object: &Value, path: &str) -> Read<Option<Value>> {
        let kind = match object.get("type") {
            Some(Value::String(kind)) => kind.as_str(),
            Some(Value::Null) | None => return Ok(None),
            Some(other) => return refuse(join(path, "type"), format!("must be a string, found {}", describe(other))),
        };
        let list = |key: &str| match object.get(key) {
            Some(Value::Array(items)) => Ok(items),
            _ => refuse(join(path, key), format!("is required for a {kind} and must be an array")),
        };
        let at = |key: &str| join(path, key);
        Ok(Some(match kind {
            "Point" => {
                geometry("Point", self.point(object.get("coordinates").unwrap_or(&Value::Null), &at("coordinates"))?)
            }
            "MultiPoint" => {
                let items = list("coordinates")?;
                let points = items
                    .iter()
                    .enumerate()
                    .map(|(i, p)| self.point(p, &format!("{}[{i}]", at("coordinates"))))
                    .collect::<Read<_>>()?;
                geometry("MultiPoint", Value::Array(points))
            }
            "LineString" => geometry(
                "LineString",
                Value::Array(self.line(object.get("arcs").unwrap_or(&Value::Null), &at("arcs"))?),
            ),
            "MultiLineString" => {
                let items = list("arcs")?;
                let lines = items
                    .iter()
                    .enumerate()
                    .map(|(i, l)| self.line(l, &format!("{}[{i}]", at("arcs"))).map(Value::Array))
                    .collect::<Read<_>>()?;
                geometry("MultiLineString", Value::Array(lines))
            }
            "Polygon" => geometry("Polygon", self.rings(object.get("arcs").unwrap_or(&Value::Null), &at("arcs"))?),
            "MultiPolygon" => {
                let items = list("arcs")?;
                let polygons = items
                    .iter()
                    .enumerate()
                    .map(|(i, p)| self.rings(p, &format!("{}[{i}]", at("arcs"))))
                    .collect::<Read<_>>()?;
                geometry("MultiPolygon", Value::Array(polygons))
            }
            "GeometryCollection" => {
                let members = list("geometries")?;
                let mut parts = Vec::new();
                for (i, member) in members.iter().enumerate() {
                    parts.extend(self.geometry(member, &format!("{}[{i}]", at("geometries")))?);
                }
                collection(parts)
            }
            other => return refuse(join(path, "type"), format!("{other:?} is not a TopoJSON geometry type")),
        }))
    }
}

fn object_feature(topology: &Topology, object: &Value, path: &str) -> Read<Value> {
    if !object.is_object() {
        return refuse(path, format!("must be a geometry object, found {}", describe(object)));
    }
    let geometry = topology.geometry(object, path)?.unwrap_or(Value::Null);
    let properties = match object.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    };
    let id = match object.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(feature(id, geometry, properties))
}
