//! Watching an element's size with a ResizeObserver.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Keeps a ResizeObserver (of one element or several) alive; dropping it stops the observation.
pub struct SizeWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for SizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_size(width, height)` in CSS px now and whenever the element's size changes.
pub fn watch_size(element: &web_sys::Element, on_size: impl Fn(f64, f64) + 'static) -> Result<SizeWatch, String> {
    let target = element.clone();
    let report = move || {
        let rect = target.get_bounding_client_rect();
        on_size(rect.width(), rect.height());
    };
    report();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| report());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
        .map_err(|e| format!("ResizeObserver is not available: {e:?}"))?;
    observer.observe(element);
    Ok(SizeWatch { observer, _callback: callback })
}

/// [`watch_size`] on the element a Yew node reference points at; `Err` when it is not mounted.
pub fn watch_node_size(node: &yew::NodeRef, on_size: impl Fn(f64, f64) + 'static) -> Result<SizeWatch, String> {
    let element = node.cast::<web_sys::Element>().ok_or("the element is not on the page")?;
    watch_size(&element, on_size)
}

/// Calls `on_boxes` with the boxes (left, top, right, bottom) of the elements matching `selector` inside
/// `container`, in px from `origin`'s top-left corner, now and whenever one of them changes size. Elements
/// not shown (no size) are left out.
pub fn watch_boxes(
    container: &yew::NodeRef,
    origin: &yew::NodeRef,
    selector: &str,
    on_boxes: impl Fn(Vec<[f64; 4]>) + 'static,
) -> Result<SizeWatch, String> {
    let container = container.cast::<web_sys::Element>().ok_or("the element is not on the page")?;
    let origin = origin.cast::<web_sys::Element>().ok_or("the element is not on the page")?;
    let list = container.query_selector_all(selector).map_err(|e| format!("{selector}: {e:?}"))?;
    let elements: Vec<web_sys::Element> =
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    let observed = elements.clone();
    let report = move || {
        let o = origin.get_bounding_client_rect();
        let boxes = observed
            .iter()
            .map(|e| e.get_bounding_client_rect())
            .filter(|r| r.width() > 0.0 && r.height() > 0.0)
            .map(|r| [r.left() - o.left(), r.top() - o.top(), r.right() - o.left(), r.bottom() - o.top()])
            .collect();
        on_boxes(boxes);
    };
    // Measured now (when nothing matches, that says so), and again whenever one changes size.
    report();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| report());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())
        .map_err(|e| format!("ResizeObserver is not available: {e:?}"))?;
    elements.iter().for_each(|e| observer.observe(e));
    Ok(SizeWatch { observer, _callback: callback })
}
