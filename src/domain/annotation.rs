//! The reader's annotation document: points, lines and areas with a title, a note, simplestyle styling and
//! quotes from the article. Documents are values: every edit makes a new document (sharing unchanged
//! annotations), which is what makes undo simple and exact.

use std::rc::Rc;

use serde_json::{Map, Value};

use super::coords::LonLat;
use super::extra_coordinates::ExtraCoordinates;
use super::geodesy::{line_length_m, polygon_area_m2};
use super::ids::AnnotationId;
use super::quote_index::QuoteSelector;
use super::thousands::rounded_thousands;

/// An annotation's shape, in WGS84 degrees. Drawing makes `Point`, `LineString` and `Polygon`; imports may
/// bring the multi-part kinds too.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationGeometry {
    Point(LonLat),
    MultiPoint(Vec<LonLat>),
    LineString(Vec<LonLat>),
    MultiLineString(Vec<Vec<LonLat>>),
    /// Exterior ring then holes; rings are closed (first = last).
    Polygon(Vec<Vec<LonLat>>),
    MultiPolygon(Vec<Vec<Vec<LonLat>>>),
    /// Shapes of any kinds as one (RFC 7946 §3.1.8), as imported: drawn, selected, moved, measured and
    /// exported as one; its vertices are not edited one by one (a part has no handles).
    GeometryCollection(Vec<AnnotationGeometry>),
}

impl AnnotationGeometry {
    /// The GeoJSON type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            AnnotationGeometry::Point(_) => "Point",
            AnnotationGeometry::MultiPoint(_) => "MultiPoint",
            AnnotationGeometry::LineString(_) => "LineString",
            AnnotationGeometry::MultiLineString(_) => "MultiLineString",
            AnnotationGeometry::Polygon(_) => "Polygon",
            AnnotationGeometry::MultiPolygon(_) => "MultiPolygon",
            AnnotationGeometry::GeometryCollection(_) => "GeometryCollection",
        }
    }

    /// The first position (where a popup points from), without collecting the others.
    pub fn first_position(&self) -> Option<LonLat> {
        match self {
            AnnotationGeometry::Point(p) => Some(*p),
            AnnotationGeometry::MultiPoint(ps) | AnnotationGeometry::LineString(ps) => ps.first().copied(),
            AnnotationGeometry::MultiLineString(ls) | AnnotationGeometry::Polygon(ls) => {
                ls.iter().flatten().next().copied()
            }
            AnnotationGeometry::MultiPolygon(ps) => ps.iter().flatten().flatten().next().copied(),
            AnnotationGeometry::GeometryCollection(parts) => parts.iter().find_map(AnnotationGeometry::first_position),
        }
    }

    /// How many positions it has (each ring's closing one included).
    pub fn position_count(&self) -> usize {
        match self {
            AnnotationGeometry::Point(_) => 1,
            AnnotationGeometry::MultiPoint(ps) | AnnotationGeometry::LineString(ps) => ps.len(),
            AnnotationGeometry::MultiLineString(ls) | AnnotationGeometry::Polygon(ls) => ls.iter().map(Vec::len).sum(),
            AnnotationGeometry::MultiPolygon(ps) => ps.iter().flatten().map(Vec::len).sum(),
            AnnotationGeometry::GeometryCollection(parts) => parts.iter().map(AnnotationGeometry::position_count).sum(),
        }
    }

    /// Every position, in order.
    pub fn positions(&self) -> Vec<LonLat> {
        match self {
            AnnotationGeometry::Point(p) => vec![*p],
            AnnotationGeometry::MultiPoint(ps) | AnnotationGeometry::LineString(ps) => ps.clone(),
            AnnotationGeometry::MultiLineString(ls) | AnnotationGeometry::Polygon(ls) => ls.concat(),
            AnnotationGeometry::MultiPolygon(ps) => ps.iter().flat_map(|p| p.concat()).collect(),
            AnnotationGeometry::GeometryCollection(parts) => {
                parts.iter().flat_map(AnnotationGeometry::positions).collect()
            }
        }
    }

    /// The same shape moved by (`dlon`, `dlat`) degrees.
    pub fn translated(&self, dlon: f64, dlat: f64) -> Self {
        // Clamped so that a drag can never write a position GeoJSON (and the saved document) would refuse.
        let m = |p: &LonLat| LonLat::new((p.lon + dlon).clamp(-180.0, 180.0), (p.lat + dlat).clamp(-89.9, 89.9));
        let line = |l: &Vec<LonLat>| l.iter().map(m).collect::<Vec<_>>();
        match self {
            AnnotationGeometry::Point(p) => AnnotationGeometry::Point(m(p)),
            AnnotationGeometry::MultiPoint(ps) => AnnotationGeometry::MultiPoint(line(ps)),
            AnnotationGeometry::LineString(l) => AnnotationGeometry::LineString(line(l)),
            AnnotationGeometry::MultiLineString(ls) => {
                AnnotationGeometry::MultiLineString(ls.iter().map(line).collect())
            }
            AnnotationGeometry::Polygon(rs) => AnnotationGeometry::Polygon(rs.iter().map(line).collect()),
            AnnotationGeometry::MultiPolygon(ps) => {
                AnnotationGeometry::MultiPolygon(ps.iter().map(|p| p.iter().map(line).collect()).collect())
            }
            AnnotationGeometry::GeometryCollection(parts) => {
                AnnotationGeometry::GeometryCollection(parts.iter().map(|g| g.translated(dlon, dlat)).collect())
            }
        }
    }

    /// The parts of a GeometryCollection (nested ones opened), or the shape itself as its only part.
    pub fn parts(&self) -> Vec<&AnnotationGeometry> {
        match self {
            AnnotationGeometry::GeometryCollection(parts) => parts.iter().flat_map(AnnotationGeometry::parts).collect(),
            single => vec![single],
        }
    }

    /// Whether it is a point or points (drawn as markers, above every line and area).
    pub fn is_points(&self) -> bool {
        matches!(self, AnnotationGeometry::Point(_) | AnnotationGeometry::MultiPoint(_))
    }

    /// Whether it has an inside (a polygon, or a collection with one).
    pub fn has_area(&self) -> bool {
        self.parts().iter().any(|g| matches!(g, AnnotationGeometry::Polygon(_) | AnnotationGeometry::MultiPolygon(_)))
    }

    /// What a reader wants to know of its size: length for lines, area and perimeter for areas.
    pub fn measures(&self) -> Measures {
        match self {
            AnnotationGeometry::LineString(l) => {
                Measures { length_km: Some(line_length_m(l) / 1e3), ..Default::default() }
            }
            AnnotationGeometry::MultiLineString(ls) => Measures {
                length_km: Some(ls.iter().map(|l| line_length_m(l)).sum::<f64>() / 1e3),
                ..Default::default()
            },
            AnnotationGeometry::Polygon(rings) => polygon_measures(std::slice::from_ref(rings)),
            AnnotationGeometry::MultiPolygon(polygons) => polygon_measures(polygons),
            AnnotationGeometry::Point(_) | AnnotationGeometry::MultiPoint(_) => Measures::default(),
            AnnotationGeometry::GeometryCollection(parts) => {
                let add = |a: Option<f64>, b: Option<f64>| match (a, b) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
                };
                parts.iter().map(AnnotationGeometry::measures).fold(Measures::default(), |sum, m| Measures {
                    length_km: add(sum.length_km, m.length_km),
                    area_km2: add(sum.area_km2, m.area_km2),
                    perimeter_km: add(sum.perimeter_km, m.perimeter_km),
                })
            }
        }
    }
}

fn polygon_measures(polygons: &[Vec<Vec<LonLat>>]) -> Measures {
    Measures {
        length_km: None,
        area_km2: Some(polygons.iter().map(|p| polygon_area_m2(p)).sum::<f64>() / 1e6),
        perimeter_km: Some(polygons.iter().flatten().map(|r| line_length_m(r)).sum::<f64>() / 1e3),
    }
}

/// Geodesic measures of a shape.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Measures {
    pub length_km: Option<f64>,
    pub area_km2: Option<f64>,
    pub perimeter_km: Option<f64>,
}

impl Measures {
    /// "Length 123.4 km", "Area 1,234 km² · perimeter 150.2 km", or nothing for points.
    ///
    /// ```
    /// use article_map::domain::annotation::Measures;
    /// let m = Measures { area_km2: Some(11093.2), perimeter_km: Some(912.04), length_km: None };
    /// assert_eq!(m.in_words(), "Area 11,093 km² · perimeter 912.0 km");
    /// ```
    pub fn in_words(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = self.length_km {
            parts.push(format!("Length {}", km(l)));
        }
        if let Some(a) = self.area_km2 {
            parts.push(format!("Area {} km²", rounded_thousands(a)));
        }
        if let Some(p) = self.perimeter_km {
            parts.push(format!("perimeter {}", km(p)));
        }
        parts.join(" · ")
    }
}

fn km(value: f64) -> String {
    if value >= 1000.0 {
        format!("{} km", rounded_thousands(value))
    } else {
        format!("{value:.1} km")
    }
}

/// Styling, as simplestyle-spec properties. `None` means "not set" (the app's default is drawn).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotationStyle {
    pub marker_color: Option<String>,
    pub stroke: Option<String>,
    pub stroke_width: Option<f64>,
    pub stroke_opacity: Option<f64>,
    pub fill: Option<String>,
    pub fill_opacity: Option<f64>,
}

/// One annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Unique in its document ("a1", "a2", … for drawn ones; imported ids are kept when unique).
    pub id: AnnotationId,
    pub geometry: AnnotationGeometry,
    pub title: String,
    /// Plain text; always rendered as text.
    pub note: String,
    pub style: AnnotationStyle,
    pub quotes: Vec<QuoteSelector>,
    /// Properties the app does not know, kept as they came (from other tools' files).
    pub foreign: Map<String, Value>,
    /// The altitudes (and further numbers) of the positions that had them in the file it came from.
    pub extra_coordinates: ExtraCoordinates,
}

impl Annotation {
    /// A new annotation with nothing but a shape.
    pub fn new(id: impl Into<AnnotationId>, geometry: AnnotationGeometry) -> Self {
        Annotation {
            id: id.into(),
            geometry,
            title: String::new(),
            note: String::new(),
            style: AnnotationStyle::default(),
            quotes: Vec::new(),
            foreign: Map::new(),
            extra_coordinates: ExtraCoordinates::default(),
        }
    }
}

/// `x` at the precision annotations are saved and exported with: 6 decimals (about 0.1 m of a position).
///
/// ```
/// use article_map::domain::annotation::stored_number;
/// assert_eq!(stored_number(71.60546875), 71.605469);
/// assert_eq!(stored_number(stored_number(0.1234565)), stored_number(0.1234565));
/// ```
pub fn stored_number(x: f64) -> f64 {
    let rounded = (x * 1e6).round() / 1e6;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

impl AnnotationGeometry {
    /// The shape as it is saved: positions at [`stored_number`] precision, polygon rings by the right-hand
    /// rule (exteriors counter-clockwise, holes clockwise; RFC 7946 §3.1.6). The flag tells whether a ring
    /// was turned (vertex indices then mean other vertices).
    pub fn in_stored_form(&self) -> (AnnotationGeometry, bool) {
        let at = |p: &LonLat| LonLat::new(stored_number(p.lon), stored_number(p.lat));
        let line = |l: &Vec<LonLat>| l.iter().map(at).collect::<Vec<_>>();
        let mut turned = false;
        let mut polygon = |rings: &Vec<Vec<LonLat>>| {
            rings
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut ring = line(r);
                    if super::geojson_export::breaks_right_hand_rule(&ring, i == 0) {
                        ring.reverse();
                        turned = true;
                    }
                    ring
                })
                .collect::<Vec<_>>()
        };
        let stored = match self {
            AnnotationGeometry::Point(p) => AnnotationGeometry::Point(at(p)),
            AnnotationGeometry::MultiPoint(ps) => AnnotationGeometry::MultiPoint(line(ps)),
            AnnotationGeometry::LineString(l) => AnnotationGeometry::LineString(line(l)),
            AnnotationGeometry::MultiLineString(ls) => {
                AnnotationGeometry::MultiLineString(ls.iter().map(line).collect())
            }
            AnnotationGeometry::Polygon(rs) => AnnotationGeometry::Polygon(polygon(rs)),
            AnnotationGeometry::MultiPolygon(ps) => {
                AnnotationGeometry::MultiPolygon(ps.iter().map(&mut polygon).collect())
            }
            AnnotationGeometry::GeometryCollection(parts) => AnnotationGeometry::GeometryCollection(
                parts
                    .iter()
                    .map(|g| {
                        let (part, part_turned) = g.in_stored_form();
                        turned |= part_turned;
                        part
                    })
                    .collect(),
            ),
        };
        (stored, turned)
    }
}

impl Annotation {
    /// The annotation as it is saved and exported (see [`AnnotationGeometry::in_stored_form`]; style numbers
    /// at [`stored_number`] precision), or `None` when it already is. Keeping documents in this form is what
    /// makes a saved or exported document read back equal to the one on screen.
    pub fn in_stored_form(&self) -> Option<(Annotation, bool)> {
        let (geometry, turned) = self.geometry.in_stored_form();
        let n = |x: Option<f64>| x.map(stored_number);
        let style = AnnotationStyle {
            stroke_width: n(self.style.stroke_width),
            stroke_opacity: n(self.style.stroke_opacity),
            fill_opacity: n(self.style.fill_opacity),
            ..self.style.clone()
        };
        // Heights of positions an edit moved or removed are not saved, so they are not kept either.
        let extra_coordinates = self.extra_coordinates.kept_for(&geometry.positions());
        if geometry == self.geometry && style == self.style && extra_coordinates == self.extra_coordinates {
            return None;
        }
        Some((Annotation { geometry, style, extra_coordinates, ..self.clone() }, turned))
    }
}

/// The document: annotations in drawing order, and the counter that names new ones. The list is shared:
/// cloning a document (which every state change does) costs one reference count, whatever its size, and
/// two documents compare equal at once when they share their list.
#[derive(Clone, Debug, Default)]
pub struct AnnotationDocument {
    pub annotations: Rc<[Rc<Annotation>]>,
    /// The number in the next drawn annotation's id ("a{next_id}").
    pub next_id: u64,
}

impl PartialEq for AnnotationDocument {
    fn eq(&self, other: &Self) -> bool {
        self.next_id == other.next_id
            && (Rc::ptr_eq(&self.annotations, &other.annotations)
                || (self.annotations.len() == other.annotations.len()
                    && self.annotations.iter().zip(other.annotations.iter()).all(|(a, b)| Rc::ptr_eq(a, b) || a == b)))
    }
}

impl AnnotationDocument {
    pub fn get(&self, id: &str) -> Option<&Rc<Annotation>> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// A fresh id, and the document that has used it up.
    pub fn fresh_id(&self) -> (AnnotationId, AnnotationDocument) {
        let mut n = self.next_id.clamp(1, u64::MAX - 1);
        while self.get(&format!("a{n}")).is_some() && n < u64::MAX - 1 {
            n += 1;
        }
        (
            AnnotationId::new(format!("a{n}")),
            AnnotationDocument { annotations: self.annotations.clone(), next_id: n + 1 },
        )
    }

    /// The document with `annotation` added at the top.
    pub fn with_added(&self, annotation: Annotation) -> AnnotationDocument {
        let mut annotations = self.annotations.to_vec();
        annotations.push(Rc::new(annotation));
        AnnotationDocument { annotations: annotations.into(), next_id: self.next_id }
    }

    /// The document with the annotation of the same id replaced, or `None` if there is none.
    pub fn with_replaced(&self, annotation: Annotation) -> Option<AnnotationDocument> {
        let index = self.annotations.iter().position(|a| a.id == annotation.id)?;
        let mut annotations = self.annotations.to_vec();
        annotations[index] = Rc::new(annotation);
        Some(AnnotationDocument { annotations: annotations.into(), next_id: self.next_id })
    }

    /// The document without the annotation `id`, or `None` if there is none.
    pub fn without(&self, id: &str) -> Option<AnnotationDocument> {
        let index = self.annotations.iter().position(|a| a.id == id)?;
        let mut annotations = self.annotations.to_vec();
        annotations.remove(index);
        Some(AnnotationDocument { annotations: annotations.into(), next_id: self.next_id })
    }

    /// The document with several annotations added (an import), renaming any whose id is taken. Linear in
    /// the number of annotations.
    pub fn with_imported(&self, imported: Vec<Annotation>) -> AnnotationDocument {
        let mut taken: std::collections::HashSet<AnnotationId> =
            self.annotations.iter().map(|a| a.id.clone()).collect();
        let mut annotations = self.annotations.to_vec();
        annotations.reserve(imported.len());
        let mut next_id = self.next_id.max(1);
        for mut annotation in imported {
            if annotation.id.is_empty() || taken.contains(&annotation.id) {
                while taken.contains(format!("a{next_id}").as_str()) && next_id < u64::MAX {
                    next_id += 1;
                }
                annotation.id = AnnotationId::new(format!("a{next_id}"));
                next_id = next_id.saturating_add(1);
            }
            // An imported "a{K}" keeps its name; the next drawn one starts after it (no search at the next draw).
            if let Some(k) = annotation.id.strip_prefix('a').and_then(|k| k.parse::<u64>().ok()) {
                next_id = next_id.max(k.saturating_add(1));
            }
            taken.insert(annotation.id.clone());
            annotations.push(Rc::new(annotation));
        }
        let next_id = if next_id == self.next_id.max(1) { self.next_id } else { next_id };
        AnnotationDocument { annotations: annotations.into(), next_id }
    }

    /// The document with every annotation not shared with `before` in its stored form (see
    /// [`Annotation::in_stored_form`]), and the ids of those whose rings were turned. Work is linear in the
    /// number of annotations plus the vertices of the changed ones.
    pub fn in_stored_form(&self, before: &AnnotationDocument) -> (AnnotationDocument, Vec<AnnotationId>) {
        let unchanged: std::collections::HashSet<*const Annotation> =
            before.annotations.iter().map(Rc::as_ptr).collect();
        let mut turned = Vec::new();
        if self.annotations.iter().all(|a| unchanged.contains(&Rc::as_ptr(a))) {
            return (self.clone(), Vec::new());
        }
        let annotations = self
            .annotations
            .iter()
            .map(|a| {
                if unchanged.contains(&Rc::as_ptr(a)) {
                    return a.clone();
                }
                match a.in_stored_form() {
                    Some((stored, t)) => {
                        if t {
                            turned.push(stored.id.clone());
                        }
                        Rc::new(stored)
                    }
                    None => a.clone(),
                }
            })
            .collect();
        (AnnotationDocument { annotations, next_id: self.next_id }, turned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(id: &str) -> Annotation {
        Annotation::new(id, AnnotationGeometry::Point(LonLat::new(71.6, 36.7)))
    }

    #[test]
    fn fresh_ids_never_collide_with_imported_ones() {
        let doc = AnnotationDocument::default().with_added(point("a1")).with_added(point("a2"));
        let (id, doc) = doc.fresh_id();
        assert_eq!(id, "a3");
        assert_eq!(doc.fresh_id().0, "a4");
    }

    #[test]
    fn moving_never_leaves_the_globe() {
        let g = AnnotationGeometry::MultiPoint(vec![LonLat::new(178.5, 10.0), LonLat::new(0.0, 89.0)]);
        let moved = g.translated(3.0, 5.0).positions();
        assert_eq!(moved[0].lon, 180.0);
        assert!(moved[1].lat <= 89.9);
    }

    #[test]
    fn edits_share_unchanged_annotations() {
        let doc = AnnotationDocument::default().with_added(point("a1")).with_added(point("a2"));
        let mut changed = (*doc.annotations[1]).clone();
        changed.title = "Shaymak".into();
        let next = doc.with_replaced(changed).unwrap();
        assert!(Rc::ptr_eq(&doc.annotations[0], &next.annotations[0]));
        assert_eq!(next.get("a2").unwrap().title, "Shaymak");
        assert_eq!(doc.get("a2").unwrap().title, "", "the old document is untouched");
        assert_eq!(next.without("a1").unwrap().annotations.len(), 1);
        assert_eq!(next.without("zz"), None);
    }

    #[test]
    fn an_import_renames_ids_that_are_taken() {
        let doc = AnnotationDocument::default().with_added(point("a1"));
        let merged = doc.with_imported(vec![point("a1"), point("x"), point("")]);
        let ids: Vec<_> = merged.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 4);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4, "{ids:?}");
        assert!(ids.contains(&"x"));
    }

    #[test]
    fn measures_of_a_known_square_and_line() {
        // One degree along the equator: 111.195 km on the mean sphere.
        let line = AnnotationGeometry::LineString(vec![LonLat::new(0.0, 0.0), LonLat::new(1.0, 0.0)]);
        assert!((line.measures().length_km.unwrap() - 111.195).abs() < 0.01);
        let square = AnnotationGeometry::Polygon(vec![vec![
            LonLat::new(0.0, 0.0),
            LonLat::new(1.0, 0.0),
            LonLat::new(1.0, 1.0),
            LonLat::new(0.0, 1.0),
            LonLat::new(0.0, 0.0),
        ]]);
        let m = square.measures();
        assert!((m.area_km2.unwrap() - 12_308.8).abs() < 5.0, "{m:?}");
        assert!((m.perimeter_km.unwrap() - 444.77).abs() < 0.5, "{m:?}");
        assert_eq!(AnnotationGeometry::Point(LonLat::new(0.0, 0.0)).measures(), Measures::default());
    }
}
