//! The picture of the current view for "Export SVG" and "Export PNG": the basemap at its level of detail,
//! the reader's annotations, the story's markers, the labels (the basemap's and the places', in the reader's
//! label language, as the map shows them), and the attribution line.

use crate::domain::annotation::AnnotationDocument;
use crate::domain::coords::ScreenPx;
use crate::domain::labels::{place_map_labels, LabelKind, LabelStyle, MapLabel, PlaceToLabel};
use crate::domain::layers::{LayerId, LayerVisibility};
use crate::domain::local_names::{label_in, LabelLanguage, LabelText};
use crate::domain::marker_layout::spread;
use crate::domain::paint::{circle_path, paint};
use crate::domain::palette::LIGHT;
use crate::domain::story::Story;
use crate::domain::svg_export::{standalone_svg, ScreenSymbol, ScreenText, StyledPath};
use crate::domain::svg_path::path_data;
use crate::domain::viewport::Viewport;
use crate::ui::annotate::layers::{fill_of, points_of, shapes_of};
use crate::ui::map::attribution::ATTRIBUTION;
use crate::ui::map::basemap_files::embedded_labels;
use crate::ui::map::marker_symbol::symbol_path;
use crate::ui::state::AppState;

/// A basemap path's paint by its classes, as the stylesheet gives it on screen (the Wakhan hatch drawn as
/// its ground colour): (fill, fill opacity, stroke, stroke width px, dash).
fn basemap_paint(class: &str) -> (&'static str, f64, &'static str, f64, Option<(f64, f64)>) {
    let has = |c: &str| class.split(' ').any(|k| k == c);
    if has("border-story") {
        ("none", 1.0, LIGHT.border_story, 2.4, None)
    } else if has("border-international") {
        ("none", 1.0, LIGHT.border, 0.9, None)
    } else if has("coast") {
        ("none", 1.0, LIGHT.coast, 0.8, None)
    } else if has("region-wakhan") {
        (LIGHT.wakhan, 1.0, LIGHT.wakhan_line, 1.4, Some((5.0, 3.0)))
    } else if has("region-xinjiang") {
        (LIGHT.xinjiang, 1.0, "none", 0.0, None)
    } else if has("region-gbao") || has("region-badakhshan") {
        ("none", 1.0, LIGHT.region_line, 1.1, Some((1.0, 3.0)))
    } else if has("country-tjk") {
        (LIGHT.tajikistan, 1.0, "none", 0.0, None)
    } else {
        (LIGHT.land, 1.0, "none", 0.0, None)
    }
}

/// The document's lines and areas, painted as on screen.
pub fn annotation_paths(doc: &AnnotationDocument) -> Vec<StyledPath> {
    doc.annotations
        .iter()
        .flat_map(|a| {
            let p = paint(a);
            shapes_of(&a.geometry).into_iter().map(move |shape| StyledPath {
                d: path_data(&shape),
                fill: fill_of(&shape, &p.fill),
                fill_opacity: p.fill_opacity,
                stroke: p.stroke.clone(),
                stroke_width_px: p.stroke_width_px,
                stroke_opacity: p.stroke_opacity,
                dash_px: None,
            })
        })
        .collect()
}

/// The document's points, painted as on screen, at their places in `view`.
pub fn annotation_symbols(doc: &AnnotationDocument, view: &Viewport) -> Vec<ScreenSymbol> {
    let mut symbols = Vec::new();
    for a in doc.annotations.iter() {
        let p = paint(a);
        for at in points_of(&a.geometry) {
            let at = view.lonlat_to_screen(at);
            symbols.push(ScreenSymbol {
                x: at.x,
                y: at.y,
                d: circle_path(p.point_radius_px),
                fill: p.marker.clone(),
                stroke: "#ffffff".into(),
            });
        }
    }
    symbols
}

/// The standalone SVG of what the map shows now.
pub fn current_view_svg(state: &AppState) -> String {
    let view = &state.map.settled;
    let mut paths = Vec::new();
    if let Ok(level) = state.map.basemap.best(state.map.level_of_detail()) {
        for f in level.features.iter().filter(|f| state.map.layers.is_visible(f.layer)) {
            let (fill, fill_opacity, stroke, width, dash) = basemap_paint(&f.class);
            paths.push(StyledPath {
                d: f.d.to_string(),
                fill: fill.into(),
                fill_opacity,
                stroke: stroke.into(),
                stroke_width_px: width,
                stroke_opacity: 1.0,
                dash_px: dash,
            });
        }
    }
    let doc = state.annotations.document();
    paths.extend(annotation_paths(doc));
    let mut symbols = Vec::new();
    let anchors: Vec<_> = state.story.features.iter().map(|f| view.lonlat_to_screen(f.anchor)).collect();
    let markers = spread(&anchors);
    for (f, at) in state.story.features.iter().zip(markers.iter().copied()) {
        // As the stylesheet paints `.marker.surveyed`, `.marker.estimate` and other markers.
        let (fill, stroke) = if f.looks_surveyed() {
            (LIGHT.marker, LIGHT.marker_hollow)
        } else if !f.precision.is_pinpointed() {
            (LIGHT.marker_hollow, LIGHT.marker)
        } else {
            (LIGHT.marker_light, LIGHT.marker)
        };
        symbols.push(ScreenSymbol {
            x: at.x,
            y: at.y,
            d: symbol_path(f.kind).into(),
            fill: fill.into(),
            stroke: stroke.into(),
        });
    }
    symbols.extend(annotation_symbols(doc, view));
    let texts = if state.map.layers.is_visible(LayerId::Labels) {
        label_texts(&state.story, &markers, state.map.layers, state.map.label_language, view)
    } else {
        Vec::new()
    };
    standalone_svg(view, &state.story.article.title, &LIGHT, &paths, &symbols, &texts, ATTRIBUTION)
}

/// The labels of the picture, placed as the map places them ([`place_map_labels`]): the basemap's, and the
/// story's places beside their `markers` in the reader's label `language`, each local name with its language
/// and direction.
pub fn label_texts(
    story: &Story,
    markers: &[ScreenPx],
    layers: LayerVisibility,
    language: LabelLanguage,
    view: &Viewport,
) -> Vec<ScreenText> {
    let labels = embedded_labels().unwrap_or_default();
    let in_language: Vec<LabelText> = story.features.iter().map(|f| label_in(&f.label, &f.names, language)).collect();
    let places: Vec<PlaceToLabel> =
        in_language.iter().zip(markers).map(|(t, at)| PlaceToLabel { text: t.text, at: *at }).collect();
    let hidden = |l: &MapLabel| LayerId::from_id(&l.id).is_some_and(|layer| !layers.is_visible(layer));
    let placed = place_map_labels(&labels, &places, LabelStyle::READER, view, hidden);
    let mut texts: Vec<ScreenText> = placed
        .basemap
        .into_iter()
        .map(|l| {
            let (size_px, italic, fill) = match l.kind {
                LabelKind::Country => (12.0, false, LIGHT.label_country),
                LabelKind::Region => (12.0, true, LIGHT.label_region),
                LabelKind::Physical => (11.0, true, LIGHT.label_physical),
            };
            ScreenText { x: l.at.x, y: l.at.y, text: l.text, size_px, italic, fill: fill.into(), lang: None }
        })
        .collect();
    texts.extend(placed.places.into_iter().filter_map(|p| {
        let text = in_language.get(p.index)?;
        Some(ScreenText {
            x: p.at.x,
            y: p.at.y,
            text: text.text.to_string(),
            size_px: 12.0,
            italic: false,
            fill: LIGHT.label_country.into(),
            lang: text.lang.map(|tag| (tag.to_string(), text.direction)),
        })
    }));
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::annotation::{Annotation, AnnotationGeometry, AnnotationStyle};
    use crate::domain::coords::LonLat;
    use crate::domain::projection::project;
    use crate::ui::annotate::layers::{point_attributes, shape_attributes};

    fn every_kind() -> Vec<AnnotationGeometry> {
        let p = |lon: f64, lat: f64| LonLat::new(lon, lat);
        let line = vec![p(71.0, 37.0), p(72.0, 37.5)];
        let ring = vec![p(71.0, 37.0), p(72.0, 37.0), p(72.0, 38.0), p(71.0, 37.0)];
        vec![
            AnnotationGeometry::Point(p(71.6, 36.7)),
            AnnotationGeometry::MultiPoint(vec![p(71.6, 36.7), p(72.1, 37.2)]),
            AnnotationGeometry::LineString(line.clone()),
            AnnotationGeometry::MultiLineString(vec![line.clone(), line]),
            AnnotationGeometry::Polygon(vec![ring.clone()]),
            AnnotationGeometry::MultiPolygon(vec![vec![ring.clone()], vec![ring]]),
        ]
    }

    fn styled() -> AnnotationStyle {
        AnnotationStyle {
            // Different on purpose: a point takes `marker-color`, a line or area `stroke`.
            marker_color: Some("#2f6b2f".into()),
            stroke: Some("#1d3557".into()),
            stroke_width: Some(5.5),
            stroke_opacity: Some(0.6),
            fill: Some("#f0a95b".into()),
            fill_opacity: Some(0.45),
        }
    }

    #[test]
    fn the_svg_export_paints_every_kind_of_annotation_as_the_screen_does() {
        let view = Viewport { center: project(LonLat::new(71.5, 37.3)), zoom: 7.0, width: 800.0, height: 600.0 };
        for geometry in every_kind() {
            for style in [AnnotationStyle::default(), styled()] {
                let mut a = Annotation::new("a1", geometry.clone());
                a.style = style.clone();
                let doc = AnnotationDocument::default().with_added(a.clone());
                let (paths, symbols) = (annotation_paths(&doc), annotation_symbols(&doc, &view));
                let what = format!("{geometry:?} with {style:?}");
                if !shapes_of(&geometry).is_empty() {
                    let screen = shape_attributes(&a);
                    assert_eq!((paths.len(), symbols.len()), (1, 0), "{what}");
                    let exported = &paths[0];
                    assert_eq!(exported.stroke, screen.stroke, "{what}");
                    assert_eq!(exported.fill, screen.fill, "{what}");
                    assert_eq!(exported.stroke_width_px.to_string(), screen.stroke_width, "{what}");
                    assert_eq!(exported.stroke_opacity.to_string(), screen.stroke_opacity, "{what}");
                    assert_eq!(exported.fill_opacity.to_string(), screen.fill_opacity, "{what}");
                } else {
                    let (fill, r) = point_attributes(&a);
                    assert_eq!((paths.len(), symbols.len()), (0, points_of(&geometry).len()), "{what}");
                    for s in &symbols {
                        assert_eq!(s.fill, fill, "{what}");
                        assert_eq!(s.d, circle_path(r.parse().unwrap()), "{what}");
                    }
                }
                // And the picture says so.
                let svg = standalone_svg(&view, "t", &LIGHT, &paths, &symbols, &[], "");
                for colour in paths.iter().map(|p| &p.stroke).chain(symbols.iter().map(|s| &s.fill)) {
                    assert!(svg.contains(&format!("\"{colour}\"")), "{what}: {colour} in {svg}");
                }
            }
        }
    }

    #[test]
    fn the_exported_labels_are_the_maps_in_the_readers_language_with_lang_and_direction() {
        use crate::domain::extent::home_view;
        use crate::domain::local_names::{name_in, Direction};
        let story = crate::ui::story::embedded_story::default_story().unwrap();
        let view = home_view(1280.0, 800.0);
        let anchors: Vec<ScreenPx> = story.features.iter().map(|f| view.lonlat_to_screen(f.anchor)).collect();
        let markers = spread(&anchors);
        let layers = LayerVisibility::default();
        for (language, direction) in [(LabelLanguage::Dari, Direction::Rtl), (LabelLanguage::Chinese, Direction::Ltr)] {
            let texts = label_texts(&story, &markers, layers, language, &view);
            let local: Vec<&ScreenText> = texts.iter().filter(|t| t.lang.is_some()).collect();
            assert!(local.len() >= 3, "{language:?}: {} local names", local.len());
            for t in &local {
                assert_eq!(t.lang, Some((language.tag().to_string(), direction)), "{}", t.text);
                let named =
                    story.features.iter().any(|f| name_in(&f.names, language.tag()).is_some_and(|n| n.text == t.text));
                assert!(named, "{} is a story name in {language:?}", t.text);
            }
            let svg = standalone_svg(&view, "t", &LIGHT, &[], &[], &texts, "");
            let tag = language.tag();
            let attrs =
                format!(r#"xml:lang="{tag}" lang="{tag}" direction="{}" unicode-bidi="embed">"#, direction.attribute());
            assert!(local.iter().all(|t| svg.contains(&format!("{attrs}{}</text>", t.text))), "{language:?}");
        }
        let english = label_texts(&story, &markers, layers, LabelLanguage::English, &view);
        assert!(english.iter().all(|t| t.lang.is_none()));
        assert!(english.iter().any(|t| t.text == "Dushanbe"), "the story's places are in the picture");
    }

    #[test]
    fn a_point_takes_its_marker_colour_and_an_unstyled_one_the_accent() {
        let mut a = Annotation::new("a1", AnnotationGeometry::Point(LonLat::new(71.6, 36.7)));
        assert_eq!(point_attributes(&a), (LIGHT.accent.to_string(), "7".to_string()));
        a.style = styled();
        assert_eq!(point_attributes(&a).0, "#2f6b2f");
    }
}
