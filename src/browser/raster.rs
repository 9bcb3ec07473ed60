//! Turning an SVG picture into a PNG, through an image and a canvas.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn describe(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// Renders `svg` (width × height CSS px) at `scale` device pixels per CSS px into a PNG blob.
pub async fn svg_to_png(svg: &str, width: f64, height: f64, scale: f64) -> Result<web_sys::Blob, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::JsString::from(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let image = web_sys::HtmlImageElement::new().map_err(describe)?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|e| format!("the map picture could not be drawn ({})", describe(e)))?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").map_err(describe)?.dyn_into().map_err(|_| "no canvas")?;
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").map_err(describe)?.ok_or("no 2d context")?.dyn_into().map_err(|_| "no 2d context")?;
    context.scale(scale, scale).map_err(describe)?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0).map_err(describe)?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob(&resolve) {
            let _ = reject.call1(&wasm_bindgen::JsValue::NULL, &e);
        }
    });
    let png = JsFuture::from(promise).await.map_err(describe)?;
    png.dyn_into::<web_sys::Blob>().map_err(|_| "the picture could not be encoded as PNG".to_string())
}
