//! Framing a story feature: the camera that brings it into view, moving as little as it can.

use super::bounds::MercatorBounds;
use super::coords::{LonLat, Mercator, ScreenPx};
use super::geodesy::circle;
use super::projection::project;
use super::story::{StoryFeature, StoryGeometry};
use super::viewport::{ViewLimits, Viewport};

/// Margin kept between a framed feature and the screen's edge, CSS px.
const MARGIN_PX: f64 = 48.0;
/// The deepest zoom a framing goes to on its own (a city, not a street).
const DEEPEST_ZOOM: f64 = 9.0;

/// The Mercator box a feature covers: its geometry, or its uncertainty circle for a point.
pub fn feature_bounds(feature: &StoryFeature) -> Option<MercatorBounds> {
    let points: Vec<LonLat> = match &feature.geometry {
        StoryGeometry::Point(p) => circle(*p, feature.precision.radius_km * 1000.0, 32),
        StoryGeometry::Lines(lines) => lines.iter().flatten().copied().collect(),
        StoryGeometry::Areas(polygons) => polygons.iter().flat_map(|p| p[0].iter().copied()).collect(),
    };
    MercatorBounds::around(points.into_iter().chain([feature.anchor]).map(project))
}

/// The camera that shows `feature`: unchanged if its marker is in view and it fits; otherwise centred on its
/// marker, zoomed out if the feature does not fit, and in (towards zoom 7) if it would be a speck.
pub fn frame_feature(view: &Viewport, feature: &StoryFeature, limits: &ViewLimits) -> Viewport {
    let Some(bounds) = feature_bounds(feature) else { return *view };
    let fit = Viewport::fitting(bounds, view.width, view.height, MARGIN_PX).zoom;
    let anchor = view.lonlat_to_screen(feature.anchor);
    let inside = anchor.x >= MARGIN_PX
        && anchor.y >= MARGIN_PX
        && anchor.x <= view.width - MARGIN_PX
        && anchor.y <= view.height - MARGIN_PX;
    let shown_whole = view.zoom <= fit + 1e-9;
    if inside && shown_whole {
        return *view;
    }
    let zoom = if view.zoom > fit { fit } else { view.zoom.max(fit.min(DEEPEST_ZOOM) - 2.0) };
    let centred = Viewport { center: project(feature.anchor), ..*view };
    let target = centred.zoomed_around(ScreenPx::new(view.width / 2.0, view.height / 2.0), zoom - view.zoom);
    target.limited(limits)
}

/// [`frame_feature`] for a map whose lower part is covered (a tour card) from `visible_height` px down: the
/// feature is framed in the part above it.
///
/// ```
/// use article_map::domain::{coords::LonLat, extent::{home_view, limits_for}, framing::frame_feature_above};
/// use article_map::domain::story::Story;
/// let story = Story::from_json(include_str!("../../assets/story/umarov-tajikistan-2021.json")).unwrap();
/// let feature = story.feature("new_site_ishkashim_wakhan").unwrap();
/// let view = home_view(1000.0, 800.0);
/// let framed = frame_feature_above(&view, feature, &limits_for(1000.0, 800.0), 500.0);
/// let at = framed.lonlat_to_screen(feature.anchor);
/// assert!(at.y < 500.0 && at.y > 0.0, "above the card: {at:?}");
/// ```
pub fn frame_feature_above(
    view: &Viewport,
    feature: &StoryFeature,
    limits: &ViewLimits,
    visible_height: f64,
) -> Viewport {
    // min/max, not clamp: any view height (even one under a pixel) and any card position are answered.
    let visible_height =
        if visible_height.is_finite() { visible_height.max(1.0).min(view.height) } else { view.height };
    let covered = view.height - visible_height;
    if covered < 1.0 {
        return frame_feature(view, feature, limits);
    }
    // The uncovered part as a view of its own: its centre lies covered/2 px above the map's.
    let shift = |v: &Viewport, px: f64| Mercator { x: v.center.x, y: v.center.y + px * v.resolution() };
    let part = Viewport { center: shift(view, covered / 2.0), height: visible_height, ..*view };
    let framed = frame_feature(&part, feature, limits);
    Viewport { center: shift(&framed, -covered / 2.0), height: view.height, ..framed }.limited(limits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bounds::LonLatBounds;
    use crate::domain::story::{Confidence, FeatureKind, Precision, PrecisionLevel};

    fn feature(lon: f64, lat: f64, radius_km: f64) -> StoryFeature {
        StoryFeature {
            id: "f".into(),
            title: "F".into(),
            label: "F".into(),
            names: Vec::new(),
            description: None,
            kind: FeatureKind::Site,
            geometry: StoryGeometry::Point(LonLat::new(lon, lat)),
            anchor: LonLat::new(lon, lat),
            precision: Precision { level: PrecisionLevel::District, radius_km, note: None },
            confidence: Confidence::Reported,
            sources: vec![],
            quotes: vec![],
            notes: None,
            figures: vec![],
        }
    }

    fn limits() -> ViewLimits {
        ViewLimits {
            min_zoom: 3.0,
            max_zoom: 12.0,
            center_within: LonLatBounds::new(52.0, 29.0, 97.0, 52.0).to_mercator(),
        }
    }

    fn view() -> Viewport {
        Viewport { center: project(LonLat::new(73.0, 38.5)), zoom: 6.0, width: 800.0, height: 600.0 }
    }

    #[test]
    fn framing_above_a_card_answers_any_card_and_any_map_height() {
        let f = feature(72.0, 38.0, 25.0);
        for height in [0.0, 0.5, 1.0, 600.0, f64::NAN] {
            let v = Viewport { height, ..view() };
            for visible in [f64::NAN, f64::NEG_INFINITY, -5.0, 0.0, 0.5, 300.0, 1e9] {
                let _ = frame_feature_above(&v, &f, &limits(), visible);
            }
        }
        assert_eq!(frame_feature_above(&view(), &f, &limits(), 1e9), frame_feature(&view(), &f, &limits()), "no card");
    }

    #[test]
    fn a_feature_in_view_does_not_move_the_map() {
        let f = feature(72.0, 38.0, 25.0);
        assert_eq!(frame_feature(&view(), &f, &limits()), view());
    }

    #[test]
    fn a_feature_off_screen_is_brought_to_the_centre() {
        let f = feature(87.6, 43.8, 20.0);
        let v = frame_feature(&view(), &f, &limits());
        let at = v.lonlat_to_screen(f.anchor);
        assert!(at.distance(ScreenPx::new(400.0, 300.0)) < 1e-6);
        assert!(v.zoom >= view().zoom, "does not zoom out for a small feature");
    }

    #[test]
    fn a_huge_circle_zooms_out_to_fit() {
        let f = feature(66.4, 45.7, 1500.0);
        let v = frame_feature(&view(), &f, &limits());
        assert!(v.zoom < view().zoom);
    }
}
