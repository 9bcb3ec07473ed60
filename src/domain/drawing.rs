//! Drawing and reshaping annotations: the shape in progress (a [`Draft`]), and vertex edits on finished
//! shapes addressed by [`VertexRef`]. Pure functions from a shape and an input to a new shape.

use super::annotation::AnnotationGeometry;
use super::coords::LonLat;

/// Two positions closer than this on screen (CSS px) are one spot: the two clicks of a double-click, a
/// click on an area's first vertex, a second Enter at the keyboard crosshair.
pub const SAME_SPOT_PX: f64 = 8.0;

/// What a drawing click makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Point,
    Line,
    Area,
}

impl Tool {
    pub fn label(self) -> &'static str {
        match self {
            Tool::Point => "Draw point",
            Tool::Line => "Draw line",
            Tool::Area => "Draw area",
        }
    }
}

/// A line or area being drawn: the vertices placed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub tool: Tool,
    pub vertices: Vec<LonLat>,
}

impl Draft {
    pub fn new(tool: Tool) -> Self {
        Draft { tool, vertices: Vec::new() }
    }

    /// How many vertices the shape needs before it can be finished.
    pub fn vertices_needed(&self) -> usize {
        match self.tool {
            Tool::Point => 1,
            Tool::Line => 2,
            Tool::Area => 3,
        }
    }

    pub fn with_vertex(&self, p: LonLat) -> Draft {
        let mut vertices = self.vertices.clone();
        vertices.push(p);
        Draft { tool: self.tool, vertices }
    }

    pub fn without_last_vertex(&self) -> Draft {
        let mut vertices = self.vertices.clone();
        vertices.pop();
        Draft { tool: self.tool, vertices }
    }

    /// The finished shape, or `None` while there are too few vertices. `same_spot` says whether two
    /// positions are the same place on screen (the two clicks of a double-click): such repeats are dropped.
    ///
    /// ```
    /// use article_map::domain::{annotation::AnnotationGeometry, coords::LonLat, drawing::{Draft, Tool}};
    /// let d = Draft::new(Tool::Area).with_vertex(LonLat::new(0.0, 0.0)).with_vertex(LonLat::new(1.0, 0.0))
    ///     .with_vertex(LonLat::new(1.0, 1.0)).with_vertex(LonLat::new(1.0, 1.0));
    /// let Some(AnnotationGeometry::Polygon(rings)) = d.finished(|a, b| a == b) else { panic!() };
    /// assert_eq!(rings[0].len(), 4, "three corners, closed");
    /// assert_eq!(rings[0].first(), rings[0].last());
    /// ```
    pub fn finished(&self, same_spot: impl Fn(LonLat, LonLat) -> bool) -> Option<AnnotationGeometry> {
        let mut vertices: Vec<LonLat> = Vec::new();
        for p in &self.vertices {
            if vertices.last().is_none_or(|last| !same_spot(*last, *p)) {
                vertices.push(*p);
            }
        }
        if self.tool == Tool::Area {
            while vertices.len() > 1 && same_spot(vertices[0], *vertices.last().unwrap()) {
                vertices.pop();
            }
        }
        if vertices.len() < self.vertices_needed() {
            return None;
        }
        Some(match self.tool {
            Tool::Point => AnnotationGeometry::Point(vertices[0]),
            Tool::Line => AnnotationGeometry::LineString(vertices),
            Tool::Area => {
                vertices.push(vertices[0]);
                AnnotationGeometry::Polygon(vec![vertices])
            }
        })
    }

    /// The shape as it would be with one more vertex at `cursor` (for the rubber band and live measures).
    pub fn preview(&self, cursor: Option<LonLat>) -> Option<AnnotationGeometry> {
        let mut d = self.clone();
        if let Some(c) = cursor {
            d = d.with_vertex(c);
        }
        match d.tool {
            Tool::Area if d.vertices.len() == 2 => Some(AnnotationGeometry::LineString(d.vertices)),
            _ => d.finished(|a, b| a == b),
        }
    }
}

/// One vertex of a shape: part (of a multi-geometry), ring (of a polygon) and index in the ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VertexRef {
    pub part: usize,
    pub ring: usize,
    pub index: usize,
}

/// A shape as parts of rings of positions; `closed` rings repeat their first position at the end.
struct Rings {
    parts: Vec<Vec<Vec<LonLat>>>,
    closed: bool,
}

fn rings_of(g: &AnnotationGeometry) -> Rings {
    match g {
        AnnotationGeometry::Point(p) => Rings { parts: vec![vec![vec![*p]]], closed: false },
        AnnotationGeometry::MultiPoint(ps) => {
            Rings { parts: ps.iter().map(|p| vec![vec![*p]]).collect(), closed: false }
        }
        AnnotationGeometry::LineString(l) => Rings { parts: vec![vec![l.clone()]], closed: false },
        AnnotationGeometry::MultiLineString(ls) => {
            Rings { parts: ls.iter().map(|l| vec![l.clone()]).collect(), closed: false }
        }
        AnnotationGeometry::Polygon(rs) => Rings { parts: vec![rs.clone()], closed: true },
        AnnotationGeometry::MultiPolygon(ps) => Rings { parts: ps.clone(), closed: true },
        // A collection's parts are of several kinds: it has no vertices to address (it moves as one).
        AnnotationGeometry::GeometryCollection(_) => Rings { parts: Vec::new(), closed: false },
    }
}

/// How many of a ring's positions are vertices a reader can address: all of an open one's; a closed ring's
/// repeated last position is not a vertex (it always equals the first).
fn vertex_count(ring: &[LonLat], closed: bool) -> usize {
    if closed {
        ring.len().saturating_sub(1)
    } else {
        ring.len()
    }
}

fn geometry_of(like: &AnnotationGeometry, parts: Vec<Vec<Vec<LonLat>>>) -> AnnotationGeometry {
    let mut parts = parts;
    match like {
        AnnotationGeometry::Point(_) => AnnotationGeometry::Point(parts[0][0][0]),
        AnnotationGeometry::MultiPoint(_) => AnnotationGeometry::MultiPoint(parts.iter().map(|p| p[0][0]).collect()),
        AnnotationGeometry::LineString(_) => AnnotationGeometry::LineString(parts.remove(0).remove(0)),
        AnnotationGeometry::MultiLineString(_) => {
            AnnotationGeometry::MultiLineString(parts.into_iter().map(|mut p| p.remove(0)).collect())
        }
        AnnotationGeometry::Polygon(_) => AnnotationGeometry::Polygon(parts.remove(0)),
        AnnotationGeometry::MultiPolygon(_) => AnnotationGeometry::MultiPolygon(parts),
        AnnotationGeometry::GeometryCollection(_) => like.clone(),
    }
}

/// The vertices a reader can drag (a closed ring's repeated last position is not one of them).
pub fn vertices(g: &AnnotationGeometry) -> Vec<(VertexRef, LonLat)> {
    let rings = rings_of(g);
    let mut out = Vec::new();
    for (part, p) in rings.parts.iter().enumerate() {
        for (ring, r) in p.iter().enumerate() {
            let n = vertex_count(r, rings.closed);
            out.extend(r.iter().take(n).enumerate().map(|(index, at)| (VertexRef { part, ring, index }, *at)));
        }
    }
    out
}

/// The middles of the segments, each with the place a new vertex would take (the `VertexRef` it would
/// get).
pub fn midpoints(g: &AnnotationGeometry) -> Vec<(VertexRef, LonLat)> {
    let rings = rings_of(g);
    let mut out = Vec::new();
    for (part, p) in rings.parts.iter().enumerate() {
        for (ring, r) in p.iter().enumerate() {
            for (index, w) in r.windows(2).enumerate() {
                let mid = LonLat::new((w[0].lon + w[1].lon) / 2.0, (w[0].lat + w[1].lat) / 2.0);
                out.push((VertexRef { part, ring, index: index + 1 }, mid));
            }
        }
    }
    out
}

/// The shape with one vertex moved to `to` (a closed ring's first and last move together), or `None` when
/// `v` is not one of its [`vertices`] (a closed ring's repeated last position is not) or `to` is not a
/// position.
///
/// ```
/// use article_map::domain::{annotation::AnnotationGeometry, coords::LonLat, drawing::{with_vertex_moved, VertexRef}};
/// let p = |x, y| LonLat::new(x, y);
/// let triangle = AnnotationGeometry::Polygon(vec![vec![p(0.0, 0.0), p(1.0, 0.0), p(0.0, 1.0), p(0.0, 0.0)]]);
/// assert_eq!(with_vertex_moved(&triangle, VertexRef { part: 0, ring: 0, index: 3 }, p(5.0, 5.0)), None);
/// ```
pub fn with_vertex_moved(g: &AnnotationGeometry, v: VertexRef, to: LonLat) -> Option<AnnotationGeometry> {
    if !to.lon.is_finite() || !to.lat.is_finite() {
        return None;
    }
    let to = LonLat::new(to.lon.clamp(-180.0, 180.0), to.lat.clamp(-89.9, 89.9));
    let Rings { mut parts, closed } = rings_of(g);
    let ring = parts.get_mut(v.part)?.get_mut(v.ring)?;
    if v.index >= vertex_count(ring, closed) {
        return None;
    }
    let last = ring.len() - 1;
    ring[v.index] = to;
    if closed && v.index == 0 {
        ring[last] = to;
    }
    Some(geometry_of(g, parts))
}

/// The shape with a new vertex at `at`, taking place `v` (what [`midpoints`] gives).
pub fn with_vertex_inserted(g: &AnnotationGeometry, v: VertexRef, at: LonLat) -> Option<AnnotationGeometry> {
    if !at.lon.is_finite() || !at.lat.is_finite() {
        return None;
    }
    let Rings { mut parts, .. } = rings_of(g);
    let ring = parts.get_mut(v.part)?.get_mut(v.ring)?;
    if v.index == 0
        || v.index >= ring.len()
        || matches!(g, AnnotationGeometry::Point(_) | AnnotationGeometry::MultiPoint(_))
    {
        return None;
    }
    ring.insert(v.index, at);
    Some(geometry_of(g, parts))
}

/// The shape without a vertex, or `None` when that would leave too few (a line keeps 2, a ring 3 corners;
/// a point cannot lose its only vertex) or `v` is not one of its [`vertices`]: a closed ring's repeated
/// last position is not, so a ring always stays closed.
///
/// ```
/// use article_map::domain::{annotation::AnnotationGeometry, coords::LonLat, drawing::{with_vertex_removed, VertexRef}};
/// let line = AnnotationGeometry::LineString(vec![LonLat::new(0.0, 0.0), LonLat::new(1.0, 0.0)]);
/// assert_eq!(with_vertex_removed(&line, VertexRef { part: 0, ring: 0, index: 0 }), None);
/// ```
pub fn with_vertex_removed(g: &AnnotationGeometry, v: VertexRef) -> Option<AnnotationGeometry> {
    let Rings { mut parts, closed } = rings_of(g);
    let ring = parts.get_mut(v.part)?.get_mut(v.ring)?;
    let minimum = if closed { 4 } else { 2 };
    if ring.len() <= minimum
        || v.index >= vertex_count(ring, closed)
        || matches!(g, AnnotationGeometry::Point(_) | AnnotationGeometry::MultiPoint(_))
    {
        return None;
    }
    ring.remove(v.index);
    if closed && v.index == 0 {
        let first = ring[0];
        let last = ring.len() - 1;
        ring[last] = first;
    }
    Some(geometry_of(g, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> AnnotationGeometry {
        AnnotationGeometry::Polygon(vec![vec![
            LonLat::new(0.0, 0.0),
            LonLat::new(1.0, 0.0),
            LonLat::new(1.0, 1.0),
            LonLat::new(0.0, 1.0),
            LonLat::new(0.0, 0.0),
        ]])
    }

    #[test]
    fn a_ring_has_one_handle_per_corner_and_one_midpoint_per_side() {
        assert_eq!(vertices(&square()).len(), 4);
        assert_eq!(midpoints(&square()).len(), 4);
    }

    #[test]
    fn moving_the_first_corner_keeps_the_ring_closed() {
        let moved =
            with_vertex_moved(&square(), VertexRef { part: 0, ring: 0, index: 0 }, LonLat::new(-1.0, -1.0)).unwrap();
        let AnnotationGeometry::Polygon(rings) = moved else { panic!() };
        assert_eq!(rings[0][0], LonLat::new(-1.0, -1.0));
        assert_eq!(rings[0][4], LonLat::new(-1.0, -1.0));
    }

    #[test]
    fn inserting_at_a_midpoint_then_removing_gives_the_shape_back() {
        let (at, mid) = midpoints(&square())[1];
        let more = with_vertex_inserted(&square(), at, mid).unwrap();
        assert_eq!(vertices(&more).len(), 5);
        assert_eq!(with_vertex_removed(&more, at).unwrap(), square());
    }

    #[test]
    fn removing_the_first_corner_recloses_the_ring() {
        let less = with_vertex_removed(&square(), VertexRef { part: 0, ring: 0, index: 0 }).unwrap();
        let AnnotationGeometry::Polygon(rings) = less else { panic!() };
        assert_eq!(rings[0].len(), 4);
        assert_eq!(rings[0].first(), rings[0].last());
        let triangle = AnnotationGeometry::Polygon(rings);
        assert_eq!(
            with_vertex_removed(&triangle, VertexRef { part: 0, ring: 0, index: 1 }),
            None,
            "a triangle keeps its corners"
        );
    }

    #[test]
    fn the_closing_position_of_a_ring_is_not_a_vertex() {
        let closing = VertexRef { part: 0, ring: 0, index: 4 };
        assert_eq!(with_vertex_removed(&square(), closing), None, "deleting it would open the ring");
        assert_eq!(with_vertex_moved(&square(), closing, LonLat::new(5.0, 5.0)), None);
        // After an insert on the last side the ring has six positions; its closing one is still not a vertex.
        let (at, mid) = *midpoints(&square()).last().unwrap();
        let more = with_vertex_inserted(&square(), at, mid).unwrap();
        assert_eq!(with_vertex_removed(&more, VertexRef { part: 0, ring: 0, index: 5 }), None);
        let back = with_vertex_removed(&more, at).unwrap();
        assert_eq!(back, square());
    }

    #[test]
    fn a_draft_needs_enough_vertices_and_drops_double_click_repeats() {
        let p = LonLat::new(3.0, 3.0);
        let line = Draft::new(Tool::Line).with_vertex(p).with_vertex(p);
        assert_eq!(line.finished(|a, b| a == b), None, "two clicks on one spot are not a line");
        let line = line.with_vertex(LonLat::new(4.0, 3.0));
        assert_eq!(line.finished(|a, b| a == b), Some(AnnotationGeometry::LineString(vec![p, LonLat::new(4.0, 3.0)])));
        assert_eq!(line.without_last_vertex().without_last_vertex().vertices.len(), 1);
    }

    #[test]
    fn the_preview_of_an_area_with_two_vertices_is_a_line() {
        let d = Draft::new(Tool::Area).with_vertex(LonLat::new(0.0, 0.0));
        assert!(matches!(d.preview(Some(LonLat::new(1.0, 0.0))), Some(AnnotationGeometry::LineString(_))));
        assert!(matches!(
            d.with_vertex(LonLat::new(1.0, 0.0)).preview(Some(LonLat::new(1.0, 1.0))),
            Some(AnnotationGeometry::Polygon(_))
        ));
    }
}
