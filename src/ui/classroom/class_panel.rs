//! The classroom: the student's tasks, name and "Hand in"; the teacher's hand-ins, each a layer of its own
//! with the student's name and colour; the presenter's full-screen button and laser pointer.

use yew::prelude::*;

use crate::browser::download::download;
use crate::browser::files::FileText;
use crate::browser::form::value_of;
use crate::browser::fullscreen::enter_full_screen;
use crate::domain::hand_in::{admit, decode_all, encode, file_name, TASKS};
use crate::ui::classroom::state::ClassAction;
use crate::ui::classroom::state::Mode;
use crate::ui::shell::alerts::Alert;
use crate::ui::shell::alerts::AlertAction;
use crate::ui::shell::alerts::Severity;
use crate::ui::state::Action;
use crate::ui::store::{send, use_store, Dispatch};
use crate::ui::widgets::file_button::FileButton;

/// "Full screen" for the presenter.
#[component]
pub fn FullScreenButton() -> Html {
    let onclick = Callback::from(|_: MouseEvent| {
        enter_full_screen();
    });
    html! { <button type="button" class="header-button" {onclick}>{ "Full screen" }</button> }
}

fn student_panel(
    dispatch: &Dispatch,
    name: &str,
    task: &UseStateHandle<usize>,
    count: usize,
    hand_in: Callback<MouseEvent>,
) -> Html {
    let on_name = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(name) = value_of(&e) {
                dispatch.dispatch(Action::Class(ClassAction::SetStudentName(name)));
            }
        })
    };
    let on_task = {
        let task = task.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) = value_of(&e) {
                task.set(chosen.parse().unwrap_or(0));
            }
        })
    };
    html! {
        <section class="class-panel" aria-label="Student tasks">
            <label for="student-name">{ "Your name" }</label>
            <input id="student-name" type="text" value={name.to_string()} maxlength="80" oninput={on_name} autocomplete="name" />
            <h2>{ "Tasks" }</h2>
            <ol class="task-list">
                { for TASKS.iter().map(|t| html! { <li>{ *t }</li> }) }
            </ol>
            <p class="hint">{ "Use Draw point, Draw line and Draw area above the map; select a passage in the Article tab to attach it. Your work is saved in this browser." }</p>
            <label for="hand-in-task">{ "Task you are handing in" }</label>
            <select id="hand-in-task" onchange={on_task}>
                { for TASKS.iter().enumerate().map(|(i, t)| html! { <option value={i.to_string()} selected={i == **task}>{ *t }</option> }) }
            </select>
            <p class="hint">{ format!("{count} annotation(s) will be handed in.") }</p>
            <button type="button" class="header-button" onclick={hand_in} disabled={name.trim().is_empty()}>{ "Hand in" }</button>
        </section>
    }
}

/// The "Tasks" (student) or "Hand-ins" (teacher) tab.
#[component]
pub fn ClassPanel() -> Html {
    let store = use_store();
    let dispatch = store.dispatcher();
    let task = use_state(|| 0usize);
    match store.classroom.mode {
        Mode::Student => {
            let hand_in = {
                let (store, dispatch, task) = (store.clone(), dispatch.clone(), task.clone());
                Callback::from(move |_: MouseEvent| {
                    let task_name = TASKS[*task];
                    let text =
                        encode(store.annotations.history.present(), store.classroom.student_name.trim(), task_name);
                    let name = file_name(&store.classroom.student_name, task_name);
                    let alert = match download(&name, "application/geo+json", text.as_bytes()) {
                        Ok(()) => Alert::new(Severity::Notice, format!("Handed in as {name}."), vec![]),
                        Err(e) => Alert::new(Severity::Error, "The hand-in could not be saved.", vec![e]),
                    };
                    dispatch.dispatch(Action::Alert(AlertAction::Raise(alert)));
                })
            };
            student_panel(
                &dispatch,
                &store.classroom.student_name,
                &task,
                store.annotations.history.present().annotations.len(),
                hand_in,
            )
        }
        Mode::Teacher => {
            // Bounded before anything is read: at most so many files, each at most so large.
            let admit = Callback::from(|sizes: Vec<f64>| admit(&sizes));
            let chosen = {
                let dispatch = dispatch.clone();
                Callback::from(move |texts: Vec<FileText>| {
                    let (readable, unread): (Vec<_>, Vec<_>) = texts.into_iter().partition(|f| f.bytes.is_ok());
                    let files: Vec<(String, String)> = readable
                        .into_iter()
                        .map(|f| {
                            let text = f.text().unwrap_or_default();
                            (f.name, text)
                        })
                        .collect();
                    let (good, mut bad) = decode_all(&files);
                    bad.extend(unread.into_iter().map(|f| (f.name, f.bytes.err().unwrap_or_default())));
                    dispatch.dispatch(Action::Class(ClassAction::AddHandIns { good, bad }));
                })
            };
            let rows = store.classroom.hand_ins.iter().enumerate().map(|(i, h)| {
                let id = format!("hand-in-{i}");
                html! {
                    <li data-hand-in-row={h.student.clone()}>
                        <input type="checkbox" id={id.clone()} checked={h.visible} onchange={send(&dispatch, Action::Class(ClassAction::ToggleHandIn(i)))} />
                        <span class="hand-in-colour" style={format!("background:{}", h.colour)} aria-hidden="true" />
                        <label for={id}><strong>{ h.student.clone() }</strong>{ format!(" — {}", h.summary) }</label>
                        if let Some(task) = &h.task {
                            <span class="hint">{ task.clone() }</span>
                        }
                    </li>
                }
            });
            html! {
                <section class="class-panel" aria-label="Hand-ins">
                    <FileButton label="Import hand-ins…" input_label="Hand-in files" multiple=true
                        accept=".geojson,.json,application/geo+json,application/json" data_attribute="data-hand-in-files"
                        admit={admit} on_read={chosen} />
                    if store.classroom.hand_ins.is_empty() {
                        <p class="hint">{ "Import the students’ hand-in files (several at once). Each becomes a layer in its own colour." }</p>
                    } else {
                        <ul class="hand-in-list">{ for rows }</ul>
                    }
                </section>
            }
        }
        _ => Html::default(),
    }
}

/// The presenter's laser pointer: a bright dot that follows the pointer over the map.
#[derive(Properties, PartialEq)]
pub struct LaserProps {
    pub at: Option<(f64, f64)>,
}

#[component]
pub fn Laser(props: &LaserProps) -> Html {
    match props.at {
        Some((x, y)) => {
            html! { <div class="laser" style={format!("left:{x:.0}px;top:{y:.0}px")} aria-hidden="true" /> }
        }
        None => Html::default(),
    }
}
