//! The towns and cities of the reference layer (`assets/geo/places.json`, derived from GeoNames by
//! `scripts/derive-data`): reading the file, and which towns a zoom shows.
//!
//! A town has a rank, 0 (capitals and cities of a million) to 3 (towns of 10,000 and district seats); the
//! map shows the higher ranks first and the lower ones as it zooms in, the way a newsroom locator map thins
//! its towns, and the label placement then drops whichever of them would collide.

use serde::Deserialize;

use super::coords::LonLat;
use super::local_names::{is_language_tag, LocalName};

/// One town as the reference layer gives it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Town {
    /// The GeoNames id.
    pub id: u64,
    pub name: String,
    pub lon: f64,
    pub lat: f64,
    #[serde(default)]
    pub pop: u64,
    /// 0 (capitals, a million or more) … 3 (district seats, 10,000 or more).
    pub rank: u8,
    #[serde(default)]
    pub capital: bool,
    /// Its names in the region's languages (sourced ones only: the derivation takes them from names.json).
    #[serde(default)]
    pub names: Vec<LocalName>,
}

impl Town {
    pub fn at(&self) -> LonLat {
        LonLat::new(self.lon, self.lat)
    }
}

#[derive(Deserialize)]
struct PlacesFile {
    towns: Vec<Town>,
}

/// The most towns the file may hold (it has about a thousand).
pub const MAX_TOWNS: usize = 20_000;

/// Reads `places.json`. Towns with a position outside the globe or an unknown rank are left out; a file
/// that is not the layer's is refused with the reason.
///
/// ```
/// use article_map::domain::towns::read_towns;
/// let towns = read_towns(r#"{"towns":[{"id":1,"name":"Dushanbe","lon":68.78,"lat":38.54,"pop":679400,"rank":0,"capital":true},
///   {"id":2,"name":"Nowhere","lon":400,"lat":0,"rank":1}]}"#).unwrap();
/// assert_eq!(towns.len(), 1);
/// assert!(read_towns("[]").is_err());
/// ```
pub fn read_towns(json: &str) -> Result<Vec<Town>, String> {
    let file: PlacesFile = serde_json::from_str(json).map_err(|e| format!("towns: {e}"))?;
    if file.towns.len() > MAX_TOWNS {
        return Err(format!("towns: {} towns, at most {MAX_TOWNS}", file.towns.len()));
    }
    Ok(file
        .towns
        .into_iter()
        .map(|mut t| {
            t.names.retain(|n| is_language_tag(&n.lang) && !n.text.trim().is_empty());
            t
        })
        .filter(|t| {
            t.rank <= 3
                && t.lon.is_finite()
                && t.lat.is_finite()
                && (-180.0..=180.0).contains(&t.lon)
                && (-85.0..=85.0).contains(&t.lat)
        })
        .collect())
}

/// The lowest rank a zoom shows: capitals and cities of a million from the outset, regional centres from
/// zoom 5 (the first view is about 6.3), towns of 50,000 from 7, and every town from 8.
///
/// ```
/// use article_map::domain::towns::lowest_rank_at;
/// assert_eq!(lowest_rank_at(3.0), 0);
/// assert_eq!(lowest_rank_at(6.2), 1);
/// assert_eq!(lowest_rank_at(7.2), 2);
/// assert_eq!(lowest_rank_at(9.0), 3);
/// ```
pub fn lowest_rank_at(zoom: f64) -> u8 {
    match zoom {
        z if z >= 8.0 => 3,
        z if z >= 7.0 => 2,
        z if z >= 5.0 => 1,
        _ => 0,
    }
}

/// The towns a zoom shows, most important first (rank, then population): the order their labels are
/// placed in.
pub fn towns_at(towns: &[Town], zoom: f64) -> Vec<&Town> {
    let lowest = lowest_rank_at(zoom);
    let mut shown: Vec<&Town> = towns.iter().filter(|t| t.rank <= lowest).collect();
    shown.sort_by(|a, b| a.rank.cmp(&b.rank).then(b.pop.cmp(&a.pop)).then(a.id.cmp(&b.id)));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn town(id: u64, rank: u8, pop: u64) -> Town {
        Town { id, name: format!("T{id}"), lon: 70.0, lat: 38.0, pop, rank, capital: rank == 0, names: Vec::new() }
    }

    #[test]
    fn zooming_in_shows_more_towns_and_the_order_is_by_importance() {
        let towns = [town(1, 3, 12_000), town(2, 0, 700_000), town(3, 1, 200_000), town(4, 1, 300_000)];
        let ids = |zoom| towns_at(&towns, zoom).iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(4.0), [2]);
        assert_eq!(ids(5.5), [2, 4, 3]);
        assert_eq!(ids(8.5), [2, 4, 3, 1]);
    }

    #[test]
    fn a_broken_file_is_refused_and_bad_towns_are_left_out() {
        assert!(read_towns("").is_err());
        assert!(read_towns(r#"{"towns":[{"id":1}]}"#).is_err(), "a town needs its fields");
        let kept =
            read_towns(r#"{"towns":[{"id":1,"name":"A","lon":70,"lat":38,"rank":9},{"id":2,"name":"B","lon":70,"lat":38,"rank":2}]}"#)
                .unwrap();
        assert_eq!(kept.iter().map(|t| t.id).collect::<Vec<_>>(), [2]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::read_towns;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn reading_any_text_never_panics(text in ".{0,300}") {
                let _ = read_towns(&text);
            }

            #[test]
            fn reading_any_numbers_never_panics(lon in proptest::num::f64::ANY, lat in proptest::num::f64::ANY, rank in 0u32..300) {
                let json = format!(r#"{{"towns":[{{"id":1,"name":"A","lon":{lon},"lat":{lat},"rank":{rank}}}]}}"#);
                let _ = read_towns(&json);
            }
        }
    }
}
