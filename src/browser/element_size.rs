//! Watching an element's size with a ResizeObserver.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Keeps a ResizeObserver alive; dropping it stops the observation.
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
