//! The basemap: one FeatureCollection per level of detail, read into typed features, from GeoJSON (the derived
//! data, for tests and tools) or from its quantized copy (what the app fetches, a third of the bytes gzipped).
//! Reading validates: a malformed file gives an error naming the feature and what is wrong.

use std::fmt;
use std::str::FromStr;

use geojson::{FeatureCollection, GeometryValue, Position};

use super::coords::LonLat;
use super::layers::LayerId;
use super::quantized::positions;

/// A feature's geometry in degrees: areas (polygons of rings) or lines.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Polygons; each is an exterior ring followed by its holes.
    Areas(Vec<Vec<Vec<LonLat>>>),
    Lines(Vec<Vec<LonLat>>),
}

/// How a border line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BorderKind {
    /// Borders the story is about (Tajik–Afghan, Tajik–Chinese, Afghan–Chinese).
    Story,
    International,
    Coast,
}

/// One basemap feature.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseFeature {
    pub layer: LayerId,
    /// The data id: ISO3 for countries, "AFG-TJK" for borders, the layer id for regions.
    pub id: String,
    pub name: String,
    /// Set for line features.
    pub border_kind: Option<BorderKind>,
    pub shape: Shape,
}

/// A whole level of the basemap.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Basemap {
    pub features: Vec<BaseFeature>,
}

/// Why a basemap could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct BasemapError {
    /// The index in `features`, when the problem is in one feature.
    pub feature_index: Option<usize>,
    pub message: String,
}

impl fmt::Display for BasemapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.feature_index {
            Some(i) => write!(f, "features[{i}]: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for BasemapError {}

fn position(p: &Position) -> Result<LonLat, String> {
    match p.as_slice() {
        [lon, lat, ..]
            if lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(lon) && (-90.0..=90.0).contains(lat) =>
        {
            Ok(LonLat::new(*lon, *lat))
        }
        [lon, lat, ..] => Err(format!("position [{lon}, {lat}] is not a WGS84 longitude/latitude")),
        _ => Err("a position needs a longitude and a latitude".into()),
    }
}

fn line(points: &[Position]) -> Result<Vec<LonLat>, String> {
    points.iter().map(position).collect()
}

fn polygon(rings: &[Vec<Position>]) -> Result<Vec<Vec<LonLat>>, String> {
    rings
        .iter()
        .map(|ring| {
            let r = line(ring)?;
            if r.len() < 4 || r.first() != r.last() {
                return Err("a polygon ring needs at least four positions and must be closed".into());
            }
            Ok(r)
        })
        .collect()
}

fn string_property(feature: &geojson::Feature, key: &str) -> Result<String, String> {
    match feature.properties.as_ref().and_then(|p| p.get(key)) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("properties.{key} must be a string")),
        None => Err(format!("properties.{key} is missing")),
    }
}

/// A line or area geometry in degrees; points and collections are refused.
pub(crate) fn shape_of(geometry: &geojson::Geometry) -> Result<Shape, String> {
    Ok(match &geometry.value {
        GeometryValue::Polygon { coordinates } => Shape::Areas(vec![polygon(coordinates)?]),
        GeometryValue::MultiPolygon { coordinates } => {
            Shape::Areas(coordinates.iter().map(|p| polygon(p)).collect::<Result<_, _>>()?)
        }
        GeometryValue::LineString { coordinates } => Shape::Lines(vec![line(coordinates)?]),
        GeometryValue::MultiLineString { coordinates } => {
            Shape::Lines(coordinates.iter().map(|l| line(l)).collect::<Result<_, _>>()?)
        }
        other => return Err(format!("a {} cannot be a basemap feature", other.type_name())),
    })
}

fn read_feature(feature: &geojson::Feature) -> Result<BaseFeature, String> {
    let layer_id = string_property(feature, "layer")?;
    let id = string_property(feature, "id")?;
    let name = string_property(feature, "name")?;
    let geometry = feature.geometry.as_ref().ok_or("the feature has no geometry")?;
    let kind = string_property(feature, "kind").ok();
    base_feature(&layer_id, id, name, kind.as_deref(), shape_of(geometry)?)
}

/// The rule both file formats share: the layer must be known, and a line is a coast, a border the story is
/// about (`kind: "story"`) or another international border.
fn base_feature(
    layer_id: &str,
    id: String,
    name: String,
    kind: Option<&str>,
    shape: Shape,
) -> Result<BaseFeature, String> {
    let layer = LayerId::from_id(layer_id).ok_or_else(|| format!("unknown layer {layer_id:?}"))?;
    let border_kind = match (&shape, layer_id) {
        (Shape::Lines(_), "coast") => Some(BorderKind::Coast),
        (Shape::Lines(_), _) => Some(match kind {
            Some("story") => BorderKind::Story,
            _ => BorderKind::International,
        }),
        (Shape::Areas(_), _) => None,
    };
    Ok(BaseFeature { layer, id, name, border_kind, shape })
}

/// The compact file the app fetches (`article-map/quantized-geojson@1`, see [`super::quantized`]).
#[derive(serde::Deserialize)]
struct QuantizedFile {
    format: String,
    decimals: u32,
    features: Vec<QuantizedFeature>,
}

#[derive(serde::Deserialize)]
struct QuantizedFeature {
    properties: QuantizedProperties,
    geometry: QuantizedGeometry,
}

#[derive(serde::Deserialize)]
struct QuantizedProperties {
    layer: String,
    id: String,
    name: String,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum QuantizedGeometry {
    LineString(Vec<i64>),
    MultiLineString(Vec<Vec<i64>>),
    Polygon(Vec<Vec<i64>>),
    MultiPolygon(Vec<Vec<Vec<i64>>>),
}

/// The format name a quantized basemap file carries.
pub const QUANTIZED_FORMAT: &str = "article-map/quantized-geojson@1";

fn quantized_ring(flat: &[i64], decimals: u32) -> Result<Vec<LonLat>, String> {
    let ring = positions(flat, decimals)?;
    if ring.len() < 4 || ring.first() != ring.last() {
        return Err("a polygon ring needs at least four positions and must be closed".into());
    }
    Ok(ring)
}

fn quantized_shape(geometry: &QuantizedGeometry, decimals: u32) -> Result<Shape, String> {
    let polygon =
        |rings: &Vec<Vec<i64>>| rings.iter().map(|r| quantized_ring(r, decimals)).collect::<Result<Vec<_>, _>>();
    let line = |flat: &Vec<i64>| positions(flat, decimals);
    Ok(match geometry {
        QuantizedGeometry::LineString(flat) => Shape::Lines(vec![line(flat)?]),
        QuantizedGeometry::MultiLineString(lines) => Shape::Lines(lines.iter().map(line).collect::<Result<_, _>>()?),
        QuantizedGeometry::Polygon(rings) => Shape::Areas(vec![polygon(rings)?]),
        QuantizedGeometry::MultiPolygon(polygons) => {
            Shape::Areas(polygons.iter().map(polygon).collect::<Result<_, _>>()?)
        }
    })
}

impl Basemap {
    /// Reads a quantized basemap file (what the app fetches; [`Basemap::from_str`] reads the GeoJSON it is
    /// derived from). The same features, with exactly the same coordinates.
    pub fn from_quantized(text: &str) -> Result<Basemap, BasemapError> {
        let whole = |message: String| BasemapError { feature_index: None, message };
        let file: QuantizedFile =
            serde_json::from_str(text).map_err(|e| whole(format!("not a quantized basemap file: {e}")))?;
        if file.format != QUANTIZED_FORMAT {
            return Err(whole(format!("the format is {:?}, not {QUANTIZED_FORMAT:?}", file.format)));
        }
        let features = file
            .features
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let p = f.properties;
                quantized_shape(&f.geometry, file.decimals)
                    .and_then(|shape| base_feature(&p.layer, p.id, p.name, p.kind.as_deref(), shape))
                    .map_err(|message| BasemapError { feature_index: Some(i), message })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Basemap { features })
    }
}

impl FromStr for Basemap {
    type Err = BasemapError;

    /// Reads a GeoJSON FeatureCollection whose features carry `layer`, `id` and `name` properties.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let collection = FeatureCollection::from_str(text).map_err(|e| BasemapError {
            feature_index: None,
            message: format!("not a GeoJSON FeatureCollection: {e}"),
        })?;
        let features = collection
            .features
            .iter()
            .enumerate()
            .map(|(i, f)| read_feature(f).map_err(|message| BasemapError { feature_index: Some(i), message }))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Basemap { features })
    }
}

impl Basemap {
    /// The features of one layer, in file order.
    pub fn layer(&self, layer: LayerId) -> impl Iterator<Item = &BaseFeature> {
        self.features.iter().filter(move |f| f.layer == layer)
    }

    /// The feature with this data id.
    pub fn feature(&self, id: &str) -> Option<&BaseFeature> {
        self.features.iter().find(|f| f.id == id)
    }

    /// How many positions the level holds (a measure of its weight).
    pub fn vertex_count(&self) -> usize {
        self.features
            .iter()
            .map(|f| match &f.shape {
                Shape::Areas(p) => p.iter().flatten().map(Vec::len).sum::<usize>(),
                Shape::Lines(l) => l.iter().map(Vec::len).sum(),
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[70,37],[71,37],[71,38],[70,38],[70,37]]]}"#;

    fn collection(features: &[String]) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    fn feature(props: &str, geometry: &str) -> String {
        format!(r#"{{"type":"Feature","properties":{props},"geometry":{geometry}}}"#)
    }

    #[test]
    fn reads_areas_and_lines_with_their_layer() {
        let text = collection(&[
            feature(r#"{"layer":"countries","id":"TJK","name":"Tajikistan"}"#, SQUARE),
            feature(
                r#"{"layer":"borders","id":"AFG-TJK","name":"b","kind":"story"}"#,
                r#"{"type":"LineString","coordinates":[[70,37],[71,37]]}"#,
            ),
        ]);
        let map: Basemap = text.parse().unwrap();
        assert_eq!(map.features.len(), 2);
        assert_eq!(map.feature("TJK").unwrap().layer, LayerId::Countries);
        assert_eq!(map.feature("AFG-TJK").unwrap().border_kind, Some(BorderKind::Story));
        assert_eq!(map.vertex_count(), 7);
    }

    #[test]
    fn errors_name_the_feature_and_the_problem() {
        let cases = [
            (feature(r#"{"id":"x","name":"x"}"#, SQUARE), "properties.layer is missing"),
            (feature(r#"{"layer":"oceans","id":"x","name":"x"}"#, SQUARE), "unknown layer"),
            (feature(r#"{"layer":"countries","id":7,"name":"x"}"#, SQUARE), "properties.id must be a string"),
            (
                feature(r#"{"layer":"countries","id":"x","name":"x"}"#, r#"{"type":"Point","coordinates":[1,2]}"#),
                "a Point cannot be",
            ),
            (
                feature(
                    r#"{"layer":"countries","id":"x","name":"x"}"#,
                    r#"{"type":"Polygon","coordinates":[[[70,37],[71,37],[71,38],[70,38]]]}"#,
                ),
                "must be closed",
            ),
            (
                feature(
                    r#"{"layer":"borders","id":"x","name":"x"}"#,
                    r#"{"type":"LineString","coordinates":[[700,37],[71,37]]}"#,
                ),
                "not a WGS84",
            ),
        ];
        for (bad, expected) in cases {
            let good = feature(r#"{"layer":"countries","id":"ok","name":"ok"}"#, SQUARE);
            let err = collection(&[good, bad]).parse::<Basemap>().unwrap_err();
            assert_eq!(err.feature_index, Some(1), "{err}");
            assert!(err.message.contains(expected), "{err} should say {expected:?}");
        }
    }

    #[test]
    fn a_quantized_file_reads_like_its_geojson() {
        let geojson = collection(&[
            feature(r#"{"layer":"countries","id":"TJK","name":"Tajikistan"}"#, SQUARE),
            feature(
                r#"{"layer":"borders","id":"AFG-TJK","name":"b","kind":"story"}"#,
                r#"{"type":"LineString","coordinates":[[70,37],[71.0001,37]]}"#,
            ),
        ]);
        let quantized = format!(
            r#"{{"format":"{QUANTIZED_FORMAT}","decimals":4,"type":"FeatureCollection","features":[{},{}]}}"#,
            feature(
                r#"{"layer":"countries","id":"TJK","name":"Tajikistan"}"#,
                r#"{"type":"Polygon","coordinates":[[700000,370000,10000,0,0,10000,-10000,0,0,-10000]]}"#
            ),
            feature(
                r#"{"layer":"borders","id":"AFG-TJK","name":"b","kind":"story"}"#,
                r#"{"type":"LineString","coordinates":[700000,370000,10001,0]}"#
            ),
        );
        assert_eq!(Basemap::from_quantized(&quantized).unwrap(), geojson.parse::<Basemap>().unwrap());
    }

    #[test]
    fn a_bad_quantized_file_names_the_feature_and_the_problem() {
        let file = |format: &str, geometry: &str| {
            format!(
                r#"{{"format":"{format}","decimals":4,"features":[{}]}}"#,
                feature(r#"{"layer":"countries","id":"x","name":"x"}"#, geometry)
            )
        };
        let ok = r#"{"type":"LineString","coordinates":[0,0,1,1]}"#;
        let err = Basemap::from_quantized(&file("article-map/quantized-geojson@9", ok)).unwrap_err();
        assert!(err.message.contains("the format is"), "{err}");
        for (geometry, expected) in [
            (r#"{"type":"Polygon","coordinates":[[0,0,1,0,0,1]]}"#, "must be closed"),
            (r#"{"type":"LineString","coordinates":[0,0,1]}"#, "not longitude/latitude pairs"),
            (r#"{"type":"LineString","coordinates":[1810000,0]}"#, "not a WGS84"),
        ] {
            let err = Basemap::from_quantized(&file(QUANTIZED_FORMAT, geometry)).unwrap_err();
            assert_eq!(err.feature_index, Some(0), "{err}");
            assert!(err.message.contains(expected), "{err} should say {expected:?}");
        }
        for text in ["", "{", "[]", "null", r#"{"format":1}"#] {
            assert_eq!(Basemap::from_quantized(text).unwrap_err().feature_index, None);
        }
    }

    #[test]
    fn malformed_json_is_an_error_not_a_panic() {
        for text in ["", "{", "[]", r#"{"type":"Feature"}"#, "null"] {
            let err = text.parse::<Basemap>().unwrap_err();
            assert_eq!(err.feature_index, None);
        }
    }
}
