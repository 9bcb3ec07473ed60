//! Putting a picture rasterized in wasm on a `<canvas>`: one `putImageData` of device pixels.

use wasm_bindgen::{Clamped, JsCast};

/// Device pixels per CSS px (at least 1).
pub fn pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| r.is_finite()).unwrap_or(1.0).max(1.0)
}

/// Sizes the canvas `node` points at to `width` × `height` device pixels and puts `rgba` (row by row,
/// 4 bytes a pixel, not premultiplied) on it. Nothing happens when the node is not a mounted canvas, or the
/// bytes do not match the size.
pub fn put_pixels(node: &yew::NodeRef, width: usize, height: usize, rgba: &[u8]) -> Option<()> {
    let canvas = node.cast::<web_sys::HtmlCanvasElement>()?;
    let (w, h) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
    canvas.set_width(w);
    canvas.set_height(h);
    if w == 0 || h == 0 || rgba.len() != width * height * 4 {
        return None;
    }
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w, h).ok()?;
    ctx.put_image_data(&image, 0.0, 0.0).ok()
}
