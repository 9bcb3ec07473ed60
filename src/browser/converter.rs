//! The converter worker, from both sides: the app starts it when a reader opens or exports a format that is
//! not GeoJSON ([`ask_converter`]), and the worker's own module answers ([`serve_conversions`]), with
//! [`crate::domain::converter_messages::answer`].
//!
//! The worker is the `article-map-converter` binary, which trunk builds as a worker (`data-type="worker"`
//! in index.html) with a loader script. One worker per request: it says "ready" once its wasm has started,
//! is sent the request (a header and the bytes, transferred), answers once, and is ended.

use std::cell::RefCell;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's loader script, next to index.html (trunk writes it; worker files are not hashed).
pub const CONVERTER_SCRIPT: &str = "article-map-converter_loader.js";

/// How long the app waits for the worker's answer (the largest file the importer takes converts in well
/// under a second here; this only keeps a worker that never answers from leaving the reader waiting).
pub const CONVERTER_TIMEOUT_MS: u32 = 60_000;

/// Sends `header` and `payload` to a new converter worker and waits for its answer (JSON text), or says why
/// there is none (the worker could not start, stopped, or did not answer within 60 s).
pub async fn ask_converter(header: String, payload: Vec<u8>) -> Result<String, String> {
    let worker = web_sys::Worker::new(CONVERTER_SCRIPT)
        .map_err(|e| format!("the converter could not start: {}", described(&e)))?;
    // The handlers and the timeout live until the answer is in.
    let mut keep: Vec<Closure<dyn FnMut(JsValue)>> = Vec::new();
    let mut timeout = None;
    let answer = js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let request = RefCell::new(Some((header.clone(), payload.clone())));
        let sender = worker.clone();
        let reject_on_error = reject.clone();
        let reject_late = reject.clone();
        timeout = Some(crate::browser::timers::Timeout::new(CONVERTER_TIMEOUT_MS, move || {
            let _ = reject_late.call1(&JsValue::NULL, &JsValue::from_str("it did not answer within 60 s"));
        }));
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = event.unchecked_into::<web_sys::MessageEvent>().data();
            match (data.as_string().as_deref(), request.borrow_mut().take()) {
                (Some("ready"), Some((header, payload))) => {
                    let bytes = Uint8Array::from(payload.as_slice());
                    let message = Array::of2(&JsValue::from_str(&header), &bytes);
                    let transfer = Array::of1(&bytes.buffer());
                    if let Err(e) = sender.post_message_with_transfer(&message, &transfer) {
                        let _ = reject.call1(&JsValue::NULL, &e);
                    }
                }
                _ => {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            }
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let message = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "its script could not be loaded".into());
            let _ = reject_on_error.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        keep.extend([on_message, on_error]);
    });
    let result = JsFuture::from(answer).await;
    worker.terminate();
    drop((keep, timeout));
    match result {
        Ok(reply) => reply.as_string().ok_or_else(|| "the converter gave an answer that is not text".into()),
        Err(e) => Err(format!("the converter stopped: {}", described(&e))),
    }
}

fn described(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "for no reason it gave".into())
}

/// The worker's side: says "ready", then answers each request with `answer(header, bytes)`.
pub fn serve_conversions(answer: fn(&str, &[u8]) -> String) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replier = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let data = Array::from(&event.data());
        let header = data.get(0).as_string().unwrap_or_default();
        let bytes = data.get(1).dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        let _ = replier.post_message(&JsValue::from_str(&answer(&header, &bytes)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
