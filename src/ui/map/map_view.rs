//! The map: the basemap drawing, labels and controls, and the gestures that move the camera.
//!
//! During a gesture only the live camera changes: the drawing keeps the `viewBox` it was made for and gets a
//! CSS transform (compositor work, no path is rebuilt). When the gesture ends the view settles: the
//! `viewBox` catches up, the transform goes, and the level of detail is chosen again.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::map_input::local_point;
use crate::domain::coords::ScreenPx;
use crate::domain::ids::AnnotationId;
use crate::domain::layers::LayerId;
use crate::domain::level_of_detail::LevelOfDetail;
use crate::domain::marker_layout::spread;
use crate::domain::shared::Shared;
use crate::domain::tour::timeline;
use crate::domain::viewport::Viewport;
use crate::ui::annotate::keyboard_hint::{described_by, KeyboardHint};
use crate::ui::annotate::layers::{AnnotationOverlay, AnnotationPoints, AnnotationShapes, DocumentRef};
use crate::ui::annotate::popup::AnnotationPopup;
use crate::ui::classroom::class_panel::Laser;
use crate::ui::classroom::state::Mode;
use crate::ui::map::attribution::Attribution;
use crate::ui::map::base_layers::BaseLayers;
use crate::ui::map::gestures::use_map_gestures;
use crate::ui::map::label_layer::LabelLayer;
use crate::ui::map::layer_switcher::LayerSwitcher;
use crate::ui::map::legend::Legend;
use crate::ui::map::locator_inset::LocatorInset;
use crate::ui::map::map_hooks::{
    use_basemap_level, use_chrome, use_flight, use_map_size, use_ready_mark, use_reference_layers,
};
use crate::ui::map::reference_layers::{Relief, WaterLayer};
use crate::ui::map::scale_bar::ScaleBar;
use crate::ui::map::story_markers::StoryMarkers;
use crate::ui::map::story_shapes::StoryShapes;
use crate::ui::map::synthetic_layer::{requested_synthetic, SyntheticLayer};
use crate::ui::map::zoom_controls::ZoomControls;
use crate::ui::state::AppState;
use crate::ui::store::use_store;
use crate::ui::story::popup::Popup;
use crate::ui::story::tour_bar::TourBar;

/// How far the drawing overhangs the screen on each side (a fraction of the screen), so that a short drag
/// does not uncover blank edges before the view settles.
const OVERHANG: f64 = 0.25;

/// The CSS that places the overhanging drawing for the settled camera and moves it with the live one.
fn drawing_style(settled: &Viewport, (scale, tx, ty): (f64, f64, f64)) -> AttrValue {
    format!(
        "left:{left:.1}px;top:{top:.1}px;width:{w:.1}px;height:{h:.1}px;transform-origin:{ox:.1}px {oy:.1}px;\
         transform:translate({tx:.2}px,{ty:.2}px) scale({scale:.5})",
        left = -OVERHANG * settled.width,
        top = -OVERHANG * settled.height,
        w = settled.width * (1.0 + 2.0 * OVERHANG),
        h = settled.height * (1.0 + 2.0 * OVERHANG),
        ox = OVERHANG * settled.width,
        oy = OVERHANG * settled.height,
    )
    .into()
}

/// The Wakhan hatch, about 7 px apart at the settled zoom.
fn hatch_pattern(settled: &Viewport) -> Html {
    let hatch = format!("{:.0}", 7.0 * settled.resolution());
    let hatch_width = format!("{:.0}", 2.0 * settled.resolution());
    html! {
        <defs>
            <pattern id="wakhan-hatch" patternUnits="userSpaceOnUse" width={hatch.clone()} height={hatch.clone()}
                patternTransform="rotate(45)">
                <rect width={hatch.clone()} height={hatch.clone()} class="hatch-ground" />
                <line x1="0" y1="0" x2="0" y2={hatch} class="hatch-line" stroke-width={hatch_width} />
            </pattern>
        </defs>
    }
}

/// The SVG drawing for the settled camera: basemap, story shapes, hand-ins and the reader's shapes.
fn drawing(state: &AppState, style: &AttrValue) -> Html {
    let (settled, annotations) = (&state.map.settled, &state.annotations);
    let drawn_level = state.map.basemap.best(state.map.level_of_detail());
    html! {
        <svg class="drawing" viewBox={settled.view_box(OVERHANG).attribute()} style={style.clone()}
            preserveAspectRatio="none" aria-hidden="true">
            { hatch_pattern(settled) }
            <BaseLayers level={drawn_level} layers={state.map.layers}
                over_land={html! { <Relief ready={state.map.first_frame_shown} zoom={settled.zoom} visible={state.map.layers.is_visible(LayerId::Relief)} /> }}
                under_borders={html! { <WaterLayer water={state.map.water.clone()} zoom={settled.zoom} visible={state.map.layers.is_visible(LayerId::Rivers)} /> }} />
            <StoryShapes story={state.story.clone()} selected={state.reading.selected.clone()} hovered={state.reading.hovered.clone()} />
            { for state.classroom.hand_ins.iter().filter(|h| h.visible).map(|h| html! {
                <AnnotationShapes document={DocumentRef(h.document.clone())} selected={None::<AnnotationId>} layer={format!("hand-in:{}", h.student)} />
            }) }
            <AnnotationShapes document={DocumentRef(annotations.document().clone())} selected={annotations.selected.clone()} />
        </svg>
    }
}

/// The point annotations, placed for the settled view; a gesture moves them with a transform only.
fn annotation_points(state: &AppState, (scale, tx, ty): (f64, f64, f64)) -> Html {
    let (settled, annotations) = (state.map.settled, &state.annotations);
    let style: AttrValue =
        format!("transform-origin:0 0;transform:translate({tx:.2}px,{ty:.2}px) scale({scale:.5})").into();
    html! {
        <div class="annotation-points-frame" {style}>
            { for state.classroom.hand_ins.iter().filter(|h| h.visible).map(|h| html! {
                <AnnotationPoints {settled} document={DocumentRef(h.document.clone())} selected={None::<AnnotationId>}
                    class="annotation-points hand-in-overlay" />
            }) }
            <AnnotationPoints {settled} document={DocumentRef(annotations.document().clone())}
                selected={annotations.selected.clone()} />
        </div>
    }
}

/// The open popups: a story feature's (beside its marker) and the selected annotation's.
///
/// The presenter's tour card shows the step's quote in large type, so no popup opens over the map then; a
/// reader's tour card keeps the popups above it.
fn popups(state: &AppState, positions: &[ScreenPx]) -> Html {
    let (view, annotations) = (&state.map.view, &state.annotations);
    let touring_presenter = state.classroom.mode == Mode::Presenter && state.tour.step.is_some();
    let height = match state.map.tour_card.filter(|_| state.tour.step.is_some()) {
        Some(card) => card.top.max(0.0).min(view.height),
        None => view.height,
    };
    let feature = state.reading.selected.as_ref().filter(|_| !touring_presenter).and_then(|id| {
        let index = state.story.features.iter().position(|f| &f.id == id)?;
        Some(html! {
            <Popup story={state.story.clone()} id={id.clone()} at={*positions.get(index)?} width={view.width} {height}
                language={state.map.label_language} />
        })
    });
    let annotation = (annotations.tool.is_none() && annotations.preview.is_none())
        .then(|| annotations.selected.as_ref().and_then(|id| annotations.document().get(id)))
        .flatten()
        .and_then(|a| {
            let at = view.lonlat_to_screen(a.geometry.first_position()?);
            Some(html! {
                <AnnotationPopup story={state.story.clone()} annotation={Shared::from(a.clone())} {at} width={view.width} {height} />
            })
        });
    html! { <>{ feature.unwrap_or_default() }{ annotation.unwrap_or_default() }</> }
}

/// The controls around the map: zoom, layers and legend, the tour bar, scale and attribution.
fn controls(state: &AppState) -> Html {
    html! {
        <>
            <div class="map-controls map-controls-top-right">
                // The presenter's tour is step-locked (classroom::state): the map has no zoom buttons then.
                if state.classroom.mode != Mode::Presenter {
                    <ZoomControls />
                }
                <LocatorInset view={state.map.settled} />
            </div>
            <div class="map-controls map-controls-top-left">
                <LayerSwitcher />
                <Legend />
            </div>
            if let Some(step) = state.tour.step {
                <TourBar story={state.story.clone()} {step} locked={state.classroom.mode == Mode::Presenter} />
            }
            <div class="map-controls map-controls-bottom">
                <ScaleBar />
                <Attribution />
            </div>
        </>
    }
}

/// The presenter's laser pointer: where it is, and the handlers that move and hide it.
#[hook]
fn use_laser(map: &NodeRef) -> (Option<(f64, f64)>, Callback<PointerEvent>, Callback<PointerEvent>) {
    let laser = use_state(|| None::<(f64, f64)>);
    let on_move = {
        let (laser, map) = (laser.clone(), map.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(p) = local_point(&map, e.client_x() as f64, e.client_y() as f64) {
                laser.set(Some((p.x, p.y)));
            }
        })
    };
    let on_leave = {
        let laser = laser.clone();
        Callback::from(move |_: PointerEvent| laser.set(None))
    };
    (*laser, on_move, on_leave)
}

/// The interactive map.
#[component]
pub fn MapView() -> Html {
    let store = use_store();
    let map_ref = use_node_ref();
    let shell_ref = use_node_ref();
    let synthetic = use_memo((), |_| requested_synthetic());
    let (laser, on_laser, off_laser) = use_laser(&map_ref);
    let presenter = store.classroom.mode == Mode::Presenter;
    let dispatch = store.dispatcher();
    use_map_size(&map_ref, &dispatch);
    use_flight(store.map.flight, &dispatch);
    // A finer level once the map has its size and its zoom wants one (L0 is there from the start).
    let wanted = store.map.level_of_detail();
    let finer_needed = store.map.sized && wanted != LevelOfDetail::L0 && !store.map.basemap.has(wanted);
    use_basemap_level(wanted, finer_needed, &dispatch);
    use_ready_mark(store.map.sized && store.map.basemap.settled(LevelOfDetail::L0), &dispatch);
    use_reference_layers(store.map.first_frame_shown, &dispatch);
    let layout = (store.map.view.width as u64, store.map.view.height as u64, store.tour.step.is_some(), presenter);
    use_chrome(&shell_ref, &map_ref, layout, &dispatch);
    // Markers for the live camera, fanned out where they would overlap.
    let anchors: Vec<ScreenPx> =
        store.story.features.iter().map(|f| store.map.view.lonlat_to_screen(f.anchor)).collect();
    let positions = Rc::new(spread(&anchors));
    let gestures = use_map_gestures(map_ref.clone(), store.clone(), positions.clone());
    // The places of the picked date: worked out once per pick, not on every pan frame.
    let dated = use_memo((store.story.clone(), store.reading.timeline_pick), |(story, pick)| {
        pick.and_then(|i| timeline(story).into_iter().nth(i)).map(|e| e.feature_ids).unwrap_or_default()
    });
    let (settled, view, annotations) = (store.map.settled, store.map.view, &store.annotations);
    let transform = view.transform_from(&settled);
    let style = drawing_style(&settled, transform);
    let center = settled.center_lonlat();
    html! {
        <div ref={shell_ref} class="map-shell" onpointermove={presenter.then_some(on_laser)} onpointerleave={presenter.then_some(off_laser)}>
            <div ref={map_ref.clone()} class={classes!("map", annotations.tool.is_some().then_some("drawing-mode"))} tabindex="0" role="region" aria-roledescription="map"
                aria-label="Map of Tajikistan, the Wakhan Corridor and Xinjiang. Drag or use the arrow keys to pan, + and − to zoom."
                aria-describedby={described_by(annotations.tool, annotations.selected.is_some())}
                data-map="" data-center-lon={format!("{:.5}", center.lon)} data-center-lat={format!("{:.5}", center.lat)}
                data-zoom={format!("{:.4}", settled.zoom)} data-lod={store.map.level_of_detail().name()}
                onpointerdown={gestures.on_pointer_down()} onpointermove={gestures.on_pointer_move()}
                onpointerup={gestures.on_pointer_up()} onpointercancel={gestures.on_pointer_up()}
                ondblclick={gestures.on_double_click()} onkeydown={gestures.on_key_down()}>
                if store.map.sized {
                    { drawing(&store, &style) }
                    if let Some(data) = synthetic.as_ref() {
                        <SyntheticLayer data={data.clone()} {settled} overhang={OVERHANG} style={style.clone()} />
                    }
                    <LabelLayer {view} layers={store.map.layers} story={store.story.clone()} positions={positions.clone()} {presenter}
                        towns={store.map.towns.clone()} water={store.map.water.clone()} chrome={store.map.chrome.clone()}
                        language={store.map.label_language} />
                    { annotation_points(&store, transform) }
                    <AnnotationOverlay {view} document={DocumentRef(annotations.document().clone())}
                        selected={annotations.selected.clone()} vertex={annotations.vertex}
                        draft={annotations.draft.clone()} cursor={annotations.cursor} crosshair={annotations.crosshair_at(&view)} />
                    <StoryMarkers story={store.story.clone()} positions={positions.clone()} width={view.width}
                        height={view.height} selected={store.reading.selected.clone()} hovered={store.reading.hovered.clone()} {dated} />
                }
            </div>
            <KeyboardHint />
            if presenter {
                <Laser at={laser} />
            }
            if let Some(hint) = store.map.hint {
                <div class="gesture-hint" role="status">{ hint }</div>
            }
            { popups(&store, &positions) }
            { controls(&store) }
        </div>
    }
}
