//! Rivers and lakes of the reference layer (`assets/geo/water.geojson`, derived from GSHHG/WDBII by
//! `scripts/derive-data`): reading the file, which features a zoom shows, and where a named one's label
//! goes.

use std::str::FromStr;

use geojson::FeatureCollection;

use super::basemap::{shape_of, Shape};
use super::coords::LonLat;

/// A river (a line) or a lake (an area).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaterKind {
    River,
    Lake,
}

/// One river or lake, with the zooms it is drawn at (`min_zoom <= z < max_zoom`): the file holds coarse
/// and fine versions of some rivers, and each is drawn only where it serves.
#[derive(Clone, Debug, PartialEq)]
pub struct WaterFeature {
    pub kind: WaterKind,
    pub name: Option<String>,
    pub min_zoom: f64,
    pub max_zoom: f64,
    pub shape: Shape,
}

impl WaterFeature {
    /// Whether the feature is drawn at `zoom`.
    pub fn shown_at(&self, zoom: f64) -> bool {
        self.min_zoom <= zoom && zoom < self.max_zoom
    }

    /// Where the feature's name goes: the middle position of a river's longest line, or the middle of a
    /// lake's largest outline's extent.
    ///
    /// ```
    /// use article_map::domain::{basemap::Shape, coords::LonLat, water::{WaterFeature, WaterKind}};
    /// let line = vec![LonLat::new(70.0, 37.0), LonLat::new(71.0, 37.5), LonLat::new(72.0, 38.0)];
    /// let river = WaterFeature { kind: WaterKind::River, name: Some("Panj".into()), min_zoom: 0.0,
    ///     max_zoom: f64::INFINITY, shape: Shape::Lines(vec![vec![line[0]], line]) };
    /// assert_eq!(river.label_at(), Some(LonLat::new(71.0, 37.5)));
    /// ```
    pub fn label_at(&self) -> Option<LonLat> {
        match &self.shape {
            Shape::Lines(lines) => {
                let longest = lines.iter().max_by_key(|l| l.len())?;
                longest.get(longest.len() / 2).copied()
            }
            Shape::Areas(polygons) => {
                let outline = polygons.iter().filter_map(|p| p.first()).max_by_key(|r| r.len())?;
                let (lon, lat) = outline.iter().fold(
                    ((f64::INFINITY, f64::NEG_INFINITY), (f64::INFINITY, f64::NEG_INFINITY)),
                    |((w, e), (s, n)), p| ((w.min(p.lon), e.max(p.lon)), (s.min(p.lat), n.max(p.lat))),
                );
                Some(LonLat::new((lon.0 + lon.1) / 2.0, (lat.0 + lat.1) / 2.0))
            }
        }
    }
}

/// The whole layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Water {
    pub features: Vec<WaterFeature>,
}

fn number(properties: &geojson::JsonObject, key: &str, default: f64) -> Result<f64, String> {
    match properties.get(key) {
        None | Some(serde_json::Value::Null) => Ok(default),
        Some(v) => v.as_f64().filter(|z| !z.is_nan()).ok_or_else(|| format!("properties.{key} must be a number")),
    }
}

fn read_feature(feature: &geojson::Feature) -> Result<WaterFeature, String> {
    let empty = geojson::JsonObject::new();
    let properties = feature.properties.as_ref().unwrap_or(&empty);
    let kind = match properties.get("kind").and_then(|k| k.as_str()) {
        Some("river") => WaterKind::River,
        Some("lake") => WaterKind::Lake,
        _ => return Err("properties.kind must be \"river\" or \"lake\"".into()),
    };
    let name = properties.get("name").and_then(|n| n.as_str()).map(str::to_owned);
    let shape = shape_of(feature.geometry.as_ref().ok_or("the feature has no geometry")?)?;
    Ok(WaterFeature {
        kind,
        name,
        min_zoom: number(properties, "min_zoom", 0.0)?,
        max_zoom: number(properties, "max_zoom", f64::INFINITY)?,
        shape,
    })
}

impl FromStr for Water {
    type Err = String;

    /// Reads the layer: a FeatureCollection whose features have `kind` ("river" or "lake"), an optional
    /// `name`, and `min_zoom`/`max_zoom`. A broken feature refuses the file with its index.
    ///
    /// ```
    /// use article_map::domain::water::Water;
    /// let water: Water = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"river",
    ///   "name":"Panj","min_zoom":0},"geometry":{"type":"LineString","coordinates":[[71,37],[71.5,37.4]]}}]}"#
    ///     .parse().unwrap();
    /// assert!(water.features[0].shown_at(6.0));
    /// assert!("{}".parse::<Water>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Water, String> {
        let collection = FeatureCollection::from_str(text).map_err(|e| format!("water: {e}"))?;
        let features = collection
            .features
            .iter()
            .enumerate()
            .map(|(i, f)| read_feature(f).map_err(|e| format!("water: features[{i}]: {e}")))
            .collect::<Result<_, _>>()?;
        Ok(Water { features })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_shows_only_in_its_zoom_range_and_a_bad_one_is_named() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"lake",
            "min_zoom":6,"max_zoom":9},"geometry":{"type":"Polygon","coordinates":[[[70,38],[71,38],[71,39],[70,38]]]}}]}"#;
        let water: Water = text.parse().unwrap();
        let lake = &water.features[0];
        assert!(!lake.shown_at(5.9) && lake.shown_at(6.0) && !lake.shown_at(9.0));
        assert_eq!(lake.label_at(), Some(LonLat::new(70.5, 38.5)));
        let bad = text.replace("\"lake\"", "\"sea\"");
        assert!(bad.parse::<Water>().unwrap_err().contains("features[0]"));
        let point = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"river"},
            "geometry":{"type":"Point","coordinates":[70,38]}}]}"#;
        assert!(point.parse::<Water>().is_err());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::Water;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn reading_any_text_never_panics(text in ".{0,300}") {
                let _ = text.parse::<Water>();
            }

            #[test]
            fn any_zoom_range_and_coordinates_never_panic(a in proptest::num::f64::ANY, b in proptest::num::f64::ANY, z in -1e9f64..1e9) {
                let json = format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"kind":"river","min_zoom":{z}}},
                    "geometry":{{"type":"LineString","coordinates":[[{a},{b}],[70,38]]}}}}]}}"#);
                if let Ok(water) = json.parse::<Water>() {
                    for f in &water.features { let _ = (f.shown_at(z), f.label_at()); }
                }
            }
        }
    }
}
