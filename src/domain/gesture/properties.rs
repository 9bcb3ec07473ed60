//! Random event sequences against the recogniser: it never panics, its commands never carry a number that is
//! not finite, an edit drag is always closed once, and releasing every pointer leaves it idle and usable.
//! (proptest is a native dev-dependency: the browser test build leaves this out.)

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use super::*;
use crate::domain::coords::ScreenPx;
use crate::domain::interaction::ViewCommand;
use crate::domain::press_owner::PressOwner;

const IDS: i32 = 4;

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -50.0..1200.0f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(1e308),
        1 => Just(-1e308),
        1 => Just(-0.0),
    ]
}

fn point() -> impl Strategy<Value = ScreenPx> {
    (number(), number()).prop_map(|(x, y)| ScreenPx::new(x, y))
}

fn pointer() -> impl Strategy<Value = Pointer> {
    let kind = prop_oneof![Just(PointerKind::Mouse), Just(PointerKind::Touch), Just(PointerKind::Pen)];
    (0..IDS, kind, 0..3i16, 0..2u16, point(), number()).prop_map(|(id, kind, button, buttons, at, time_ms)| Pointer {
        id,
        kind,
        button,
        buttons,
        at,
        time_ms,
    })
}

fn owner() -> impl Strategy<Value = PressOwner> {
    prop_oneof![
        3 => Just(PressOwner::Map),
        1 => (0..4usize).prop_map(PressOwner::Vertex),
        1 => (0..4usize).prop_map(PressOwner::Midpoint),
        1 => (0..4usize).prop_map(PressOwner::Marker),
        2 => (0..4usize, any::<bool>()).prop_map(|(index, selected)| PressOwner::Annotation { index, selected }),
    ]
}

fn input() -> impl Strategy<Value = GestureInput> {
    let names = vec!["Enter", "Backspace", "Escape", "Delete", "+", "-", "ArrowLeft", "ArrowDown", "[", "]", "a", ""];
    prop_oneof![
        3 => (pointer(), owner()).prop_map(|(pointer, owner)| GestureInput::PointerDown { pointer, owner }),
        5 => pointer().prop_map(GestureInput::PointerMove),
        2 => pointer().prop_map(GestureInput::PointerUp),
        1 => pointer().prop_map(GestureInput::PointerCancel),
        1 => (point(), number(), 0..4u32, any::<bool>(), any::<bool>())
            .prop_map(|(at, delta_y, delta_mode, ctrl, meta)| GestureInput::Wheel(Wheel { at, delta_y, delta_mode, ctrl, meta })),
        1 => (point(), any::<bool>()).prop_map(|(at, shift)| GestureInput::DoubleClick { at, shift }),
        1 => (prop::sample::select(names), any::<[bool; 4]>()).prop_map(|(key, [shift, ctrl, meta, alt])| {
            GestureInput::Key(Key { key: key.into(), shift, ctrl, meta, alt })
        }),
    ]
}

fn context() -> impl Strategy<Value = GestureContext> {
    any::<[bool; 6]>().prop_map(|b| GestureContext {
        embedded: b[0],
        drawing: b[1],
        draft_has_vertices: b[2],
        annotation_selected: b[3],
        vertex_selected: b[4],
        popup_open: b[5],
    })
}

/// Every number a command carries.
fn numbers(command: &GestureCommand) -> Vec<f64> {
    let view = |v: &ViewCommand| match *v {
        ViewCommand::PanBy { dx, dy } => vec![dx, dy],
        ViewCommand::ZoomAround { anchor, delta } => vec![anchor.x, anchor.y, delta],
        ViewCommand::ZoomAtCenter { delta } => vec![delta],
        ViewCommand::Pinch { dx, dy, anchor, delta } => vec![dx, dy, anchor.x, anchor.y, delta],
    };
    match command {
        GestureCommand::MoveView(v) | GestureCommand::JumpView(v) => view(v),
        GestureCommand::StartEditDrag { at, .. }
        | GestureCommand::ContinueEditDrag { at }
        | GestureCommand::Click { at, .. }
        | GestureCommand::MoveDraftCursor { at } => vec![at.x, at.y],
        GestureCommand::MoveCrosshair { dx, dy } | GestureCommand::NudgeVertex { dx, dy } => vec![*dx, *dy],
        _ => Vec::new(),
    }
}

fn pointer_of(input: &GestureInput) -> Option<i32> {
    match input {
        GestureInput::PointerDown { pointer, .. }
        | GestureInput::PointerMove(pointer)
        | GestureInput::PointerUp(pointer)
        | GestureInput::PointerCancel(pointer) => Some(pointer.id),
        _ => None,
    }
}

proptest! {
    #![proptest_config(Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1000),
        rng_seed: RngSeed::Fixed(23),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn any_event_sequence_keeps_the_recogniser_consistent(
        steps in proptest::collection::vec((input(), context()), 1..80),
    ) {
        let mut g = GestureRecogniser::new();
        let mut open_edits = 0usize;
        for (input, context) in &steps {
            let response = g.handle(input, context);
            for command in &response.commands {
                prop_assert!(numbers(command).iter().all(|n| n.is_finite()), "{command:?} for {input:?}");
                match command {
                    GestureCommand::StartEditDrag { owner, .. } => {
                        prop_assert!(owner.starts_edit_drag());
                        open_edits += 1;
                    }
                    GestureCommand::EndEditDrag | GestureCommand::CancelEditDrag => {
                        prop_assert_eq!(open_edits, 1, "an edit drag closed that was not open");
                        open_edits -= 1;
                    }
                    GestureCommand::CapturePointer(id) => prop_assert_eq!(Some(*id), pointer_of(input)),
                    _ => {}
                }
            }
            prop_assert!(open_edits <= 1);
            prop_assert_eq!(open_edits == 1, g.is_editing());
            prop_assert!(!g.is_editing() || g.pointers_down() == 1, "an edit has exactly one pointer");
            prop_assert!(g.pointers_down() <= IDS as usize);
            prop_assert!(!response.prevent_default || !response.commands.is_empty());
        }
        for id in 0..IDS {
            let pointer = Pointer { id, kind: PointerKind::Touch, button: 0, buttons: 0, at: ScreenPx::new(1.0, 1.0), time_ms: 0.0 };
            g.handle(&GestureInput::PointerCancel(pointer), &GestureContext::default());
        }
        prop_assert_eq!(g.pointers_down(), 0);
        prop_assert!(!g.is_editing());
        // And it is ready for the next press: a mouse click is a click.
        let click = Pointer { id: 9, kind: PointerKind::Mouse, button: 0, buttons: 1, at: ScreenPx::new(5.0, 5.0), time_ms: 0.0 };
        let free = GestureContext::default();
        g.handle(&GestureInput::PointerDown { pointer: click, owner: PressOwner::Map }, &free);
        let up = g.handle(&GestureInput::PointerUp(click), &free).commands;
        prop_assert_eq!(up, vec![GestureCommand::Settle, GestureCommand::Click { at: click.at, owner: PressOwner::Map }]);
    }
}
