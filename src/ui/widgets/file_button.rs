//! The one way the app opens files the reader picks: a visible button that opens a hidden
//! `<input type="file">`, and the chosen files read as text (through [`crate::browser::files`]).

use yew::prelude::*;

use crate::browser::files::{open_picker, read_texts, take_files, FileText, PickedFile, Reads};

/// Decides from the chosen files' sizes (bytes) which are read: for each file, `Ok(())` or why it is not.
pub type Admit = Callback<Vec<f64>, Vec<Result<(), String>>>;

#[derive(Properties, PartialEq)]
pub struct FileButtonProps {
    /// The button's text.
    pub label: AttrValue,
    /// The button's accessible name, when its text does not say enough.
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// The button's tooltip.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// The hidden input's accessible name.
    pub input_label: AttrValue,
    /// The file types offered (the input's `accept`).
    pub accept: AttrValue,
    /// Whether several files may be chosen at once.
    #[prop_or_default]
    pub multiple: bool,
    /// The empty `data-*` attribute the input carries, by which tests find it (`"data-import-file"`).
    pub data_attribute: &'static str,
    /// Which of the chosen files are read; unset, every file is.
    #[prop_or_default]
    pub admit: Option<Admit>,
    /// Called once for each choice with every chosen file's name and text (or why it was not read), in the
    /// order chosen. A new choice cancels the reads of the one before.
    pub on_read: Callback<Vec<FileText>>,
}

/// A button that opens files.
#[component]
pub fn FileButton(props: &FileButtonProps) -> Html {
    let input = use_node_ref();
    let reads = use_mut_ref(Reads::default);
    let open = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| open_picker(input.get()))
    };
    let chosen = {
        let (input, admit, on_read) = (input.clone(), props.admit.clone(), props.on_read.clone());
        Callback::from(move |_: Event| {
            let files = take_files(input.get());
            if files.is_empty() {
                return;
            }
            let verdicts = admit.as_ref().map(|admit| admit.emit(files.iter().map(PickedFile::size_bytes).collect()));
            let files = files
                .into_iter()
                .enumerate()
                .map(|(i, f)| (f, verdicts.as_ref().and_then(|v| v.get(i).cloned()).unwrap_or(Ok(()))))
                .collect();
            let on_read = on_read.clone();
            *reads.borrow_mut() = read_texts(files, move |texts| on_read.emit(texts));
        })
    };
    let mut file_input = html! {
        <input ref={input} type="file" class="visually-hidden" accept={props.accept.clone()} multiple={props.multiple}
            aria-label={props.input_label.clone()} tabindex="-1" onchange={chosen} />
    };
    if let Html::VTag(tag) = &mut file_input {
        std::rc::Rc::make_mut(tag).add_attribute(props.data_attribute, "");
    }
    html! {
        <>
            <button type="button" class="header-button" aria-label={props.aria_label.clone()} title={props.title.clone()}
                onclick={open}>{ props.label.clone() }</button>
            { file_input }
        </>
    }
}
