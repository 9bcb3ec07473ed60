//! The reader's text selection in the article panel, as a paragraph id and UTF-16 offsets.

use wasm_bindgen::JsCast;

/// A selection inside one paragraph: its `data-paragraph-id` and UTF-16 offsets in its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ParagraphSelection {
    pub paragraph_id: String,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

fn paragraph_of(node: &web_sys::Node) -> Option<web_sys::Element> {
    let element = match node.dyn_ref::<web_sys::Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    element.closest("[data-paragraph-id]").ok().flatten()
}

/// The current selection if it lies within a single article paragraph and is not empty.
pub fn paragraph_selection() -> Result<ParagraphSelection, String> {
    let window = web_sys::window().ok_or("no window")?;
    let selection = window.get_selection().ok().flatten().ok_or("nothing is selected")?;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return Err("select a passage of the article first".into());
    }
    let range = selection.get_range_at(0).map_err(|_| "nothing is selected")?;
    let start = paragraph_of(&range.start_container().map_err(|_| "no selection start")?)
        .ok_or("the selection is not in the article")?;
    let end = paragraph_of(&range.end_container().map_err(|_| "no selection end")?)
        .ok_or("the selection is not in the article")?;
    if start != end {
        return Err("select within one paragraph".into());
    }
    let document = window.document().ok_or("no document")?;
    let offset_of = |container: web_sys::Node, offset: u32| -> Result<usize, String> {
        let before = document.create_range().map_err(|_| "no range")?;
        before.set_start(&start, 0).map_err(|_| "range")?;
        before.set_end(&container, offset).map_err(|_| "range")?;
        let text: String = before.to_string().into();
        Ok(text.encode_utf16().count())
    };
    let start_utf16 =
        offset_of(range.start_container().map_err(|_| "range")?, range.start_offset().map_err(|_| "range")?)?;
    let end_utf16 = offset_of(range.end_container().map_err(|_| "range")?, range.end_offset().map_err(|_| "range")?)?;
    Ok(ParagraphSelection {
        paragraph_id: start.get_attribute("data-paragraph-id").unwrap_or_default(),
        start_utf16,
        end_utf16,
    })
}
