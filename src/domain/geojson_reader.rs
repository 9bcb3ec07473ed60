//! What the two GeoJSON readers, story packages ([`super::story`]) and annotation import
//! ([`super::geojson_import`]), share: the one reader of geometry coordinates, and the pieces of their
//! messages (JSON paths, JSON values in words).

use std::fmt;

use serde_json::Value;

use super::coords::LonLat;

/// What is wrong with a geometry's coordinates, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// A JSON path such as `features[3].geometry.coordinates[0][5]`; empty for the text as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ReadError {}

/// A value read, or why not.
pub type Read<T> = Result<T, ReadError>;

fn fail<T>(path: &str, message: impl Into<String>) -> Read<T> {
    Err(ReadError { path: path.to_string(), message: message.into() })
}

/// The JSON path of member `key` of the object at `path` (the root's path is empty).
///
/// ```
/// use article_map::domain::geojson_reader::join;
/// assert_eq!(join("", "features"), "features");
/// assert_eq!(join("features[2]", "geometry"), "features[2].geometry");
/// ```
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A JSON value in a few words, for messages.
///
/// ```
/// use article_map::domain::geojson_reader::describe;
/// assert_eq!(describe(&serde_json::json!([1, 2])), "an array of 2 items");
/// ```
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            format!("the string \"{}…\"", s.chars().take(40).collect::<String>().escape_debug())
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(items) if items.is_empty() => "an empty array".to_string(),
        Value::Array(items) if items.len() == 1 => "an array of 1 item".to_string(),
        Value::Array(items) => format!("an array of {} items", items.len()),
        Value::Object(_) => "an object".to_string(),
    }
}

/// Reads the `coordinates` of one geometry type (RFC 7946 §3.1: WGS84 longitude, latitude in degrees), with
/// messages that say how the nesting is wrong.
///
/// ```
/// use article_map::domain::geojson_reader::Coordinates;
/// let reader = Coordinates::new("LineString");
/// let line = reader.line(&serde_json::json!([[71.6, 36.7, 2600], [72, 37]]), "coordinates").unwrap();
/// assert_eq!(line.len(), 2);
/// let e = reader.line(&serde_json::json!([[71.6, "36.7"], [72, 37]]), "coordinates").unwrap_err();
/// assert_eq!(e.path, "coordinates[0][1]");
/// assert_eq!(e.message, "must be a number (latitude), found the string \"36.7\"");
/// ```
pub struct Coordinates<'k> {
    kind: &'k str,
}

impl<'k> Coordinates<'k> {
    /// A reader for a geometry of type `kind` (`"Point"`, `"LineString"`…; it names the type in messages).
    pub fn new(kind: &'k str) -> Self {
        Coordinates { kind }
    }

    /// The items of an array that must hold `what`, each with its path.
    fn items<'v>(
        &self,
        value: &'v Value,
        path: &str,
        what: &str,
    ) -> Read<impl Iterator<Item = (&'v Value, String)> + use<'v, '_, 'k>> {
        match value {
            Value::Array(items) => {
                let path = path.to_string();
                Ok(items.iter().enumerate().map(move |(i, v)| (v, format!("{path}[{i}]"))))
            }
            Value::Number(n) => fail(
                path,
                format!(
                    "must be {what}, found the number {n}: the coordinates are nested too shallowly for a {}",
                    self.kind
                ),
            ),
            other => fail(path, format!("must be {what}, found {}", describe(other))),
        }
    }

    /// A position `[longitude, latitude]` (an altitude and further values are dropped, but must be numbers).
    pub fn position(&self, value: &Value, path: &str) -> Read<LonLat> {
        let items = match value {
            Value::Array(items) => items,
            Value::Number(n) => {
                return fail(
                    path,
                    format!(
                        "must be a position [longitude, latitude], found the number {n}: the coordinates are nested \
                         one level too shallowly for a {}",
                        self.kind
                    ),
                )
            }
            other => return fail(path, format!("must be a position [longitude, latitude], found {}", describe(other))),
        };
        let mut numbers = [0.0; 2];
        for (i, item) in items.iter().enumerate() {
            let axis = ["longitude", "latitude", "altitude"].get(i).copied().unwrap_or("an extra value");
            match item {
                Value::Number(n) => {
                    if let (Some(slot), Some(x)) = (numbers.get_mut(i), n.as_f64()) {
                        *slot = x;
                    }
                }
                Value::Array(_) => {
                    return fail(
                        &format!("{path}[{i}]"),
                        format!(
                            "must be a number ({axis}), found {}: the coordinates are nested one level too deeply \
                             for a {}",
                            describe(item),
                            self.kind
                        ),
                    )
                }
                other => {
                    return fail(
                        &format!("{path}[{i}]"),
                        format!("must be a number ({axis}), found {}", describe(other)),
                    )
                }
            }
        }
        if items.len() < 2 {
            return fail(
                path,
                format!("{value} is not a position: it needs a longitude and a latitude, [longitude, latitude]"),
            );
        }
        let [lon, lat] = numbers;
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            let hint = if lon.abs() > 360.0 || lat.abs() > 360.0 {
                ": the numbers look like projected coordinates, such as EPSG:3857 (Web Mercator) metres; GeoJSON \
                 (RFC 7946) needs WGS84 degrees: reproject the data to EPSG:4326 and export it again"
            } else if lon.abs() <= 90.0 && lat.abs() > 90.0 && lat.abs() <= 180.0 {
                ": are longitude and latitude swapped? GeoJSON positions are [longitude, latitude]"
            } else {
                ""
            };
            return fail(
                path,
                format!(
                    "[{lon}, {lat}] is not a WGS84 longitude, latitude (longitude must be within ±180°, latitude \
                     within ±90°){hint}"
                ),
            );
        }
        Ok(LonLat::new(lon, lat))
    }

    fn positions(&self, value: &Value, path: &str, what: &str) -> Read<Vec<LonLat>> {
        self.items(value, path, what)?.map(|(v, p)| self.position(v, &p)).collect()
    }

    /// The positions of a MultiPoint.
    pub fn points(&self, value: &Value, path: &str) -> Read<Vec<LonLat>> {
        self.positions(value, path, "an array of positions")
    }

    /// A line of at least 2 positions (a LineString, or one line of a MultiLineString).
    pub fn line(&self, value: &Value, path: &str) -> Read<Vec<LonLat>> {
        let line = self.positions(value, path, "an array of positions (a line)")?;
        if line.len() < 2 {
            let what = if self.kind == "LineString" { "a LineString" } else { "each line of a MultiLineString" };
            return fail(path, format!("{what} needs at least 2 positions, found {}", line.len()));
        }
        Ok(line)
    }

    /// The lines of a MultiLineString.
    pub fn lines(&self, value: &Value, path: &str) -> Read<Vec<Vec<LonLat>>> {
        self.items(value, path, "an array of lines")?.map(|(v, p)| self.line(v, &p)).collect()
    }

    /// A polygon: an exterior ring, then holes; each ring closed, of at least 4 positions.
    pub fn polygon(&self, value: &Value, path: &str) -> Read<Vec<Vec<LonLat>>> {
        let rings: Vec<(&Value, String)> = self.items(value, path, "an array of linear rings (a polygon)")?.collect();
        if rings.is_empty() {
            return fail(path, "a polygon needs an exterior ring, found no rings");
        }
        rings
            .into_iter()
            .map(|(v, at)| {
                let ring = self.positions(v, &at, "a linear ring (an array of positions)")?;
                if ring.len() < 4 {
                    return fail(
                        &at,
                        format!(
                            "a linear ring needs at least 4 positions (3 corners and the first again), found {}",
                            ring.len()
                        ),
                    );
                }
                let (first, last) = (ring[0], ring[ring.len() - 1]);
                let numbers = |position: Option<&Value>| -> Vec<Option<f64>> {
                    position
                        .and_then(Value::as_array)
                        .map(|p| p.iter().map(Value::as_f64).collect())
                        .unwrap_or_default()
                };
                let raw = v.as_array();
                let (raw_first, raw_last) = (numbers(raw.and_then(|r| r.first())), numbers(raw.and_then(|r| r.last())));
                if first == last && raw_first != raw_last {
                    return fail(
                        &at,
                        format!(
                            "the linear ring is not closed: its first and last positions meet at [{}, {}] but differ \
                             in their other numbers ({} and {}); the last position must repeat the first exactly",
                            first.lon,
                            first.lat,
                            after_latitude(&raw_first),
                            after_latitude(&raw_last),
                        ),
                    );
                }
                if first != last {
                    return fail(
                        &at,
                        format!(
                            "the linear ring is not closed: it starts at [{}, {}] and ends at [{}, {}]; its last \
                             position must repeat the first",
                            first.lon, first.lat, last.lon, last.lat
                        ),
                    );
                }
                Ok(ring)
            })
            .collect()
    }

    /// The polygons of a MultiPolygon.
    pub fn polygons(&self, value: &Value, path: &str) -> Read<Vec<Vec<Vec<LonLat>>>> {
        self.items(value, path, "an array of polygons")?.map(|(v, p)| self.polygon(v, &p)).collect()
    }
}

/// The numbers of a position after its longitude and latitude, as `[2600]` (`[]` when there are none).
fn after_latitude(numbers: &[Option<f64>]) -> String {
    let shown: Vec<String> =
        numbers.iter().skip(2).map(|x| x.map_or_else(|| "?".to_string(), |x| x.to_string())).collect();
    format!("[{}]", shown.join(", "))
}
