//! The embedded basemap: GeoJSON FeatureCollections (one per level of detail) read into typed features.
//! Reading validates: a malformed file gives an error naming the feature and what is wrong.

use std::fmt;
use std::str::FromStr;

use geojson::{FeatureCollection, GeometryValue, Position};

use super::coords::LonLat;
use super::layers::LayerId;

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
    let layer = LayerId::from_id(&layer_id).ok_or_else(|| format!("unknown layer {layer_id:?}"))?;
    let id = string_property(feature, "id")?;
    let name = string_property(feature, "name")?;
    let geometry = feature.geometry.as_ref().ok_or("the feature has no geometry")?;
    let shape = shape_of(geometry)?;
    let border_kind = match (&shape, layer_id.as_str()) {
        (Shape::Lines(_), "coast") => Some(BorderKind::Coast),
        (Shape::Lines(_), _) => Some(match string_property(feature, "kind").as_deref() {
            Ok("story") => BorderKind::Story,
            _ => BorderKind::International,
        }),
        (Shape::Areas(_), _) => None,
    };
    Ok(BaseFeature { layer, id, name, border_kind, shape })
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
    fn malformed_json_is_an_error_not_a_panic() {
        for text in ["", "{", "[]", r#"{"type":"Feature"}"#, "null"] {
            let err = text.parse::<Basemap>().unwrap_err();
            assert_eq!(err.feature_index, None);
        }
    }
}
