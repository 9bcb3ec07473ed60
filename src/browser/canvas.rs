//! Putting a picture rasterized in wasm on a `<canvas>`: `putImageData` of device pixels, a band of rows at a
//! time (so that no full-size RGBA copy is held in wasm memory).

use wasm_bindgen::{Clamped, JsCast};

/// Device pixels per CSS px (at least 1).
pub fn pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| r.is_finite()).unwrap_or(1.0).max(1.0)
}

/// Sizes the canvas `node` points at to `width` × `height` device pixels and puts the picture on it in bands
/// of `band_rows` rows: `band(first_row, rows)` gives each band's RGBA bytes (row by row, 4 bytes a pixel,
/// not premultiplied). Nothing happens when the node is not a mounted canvas; a band whose bytes do not
/// match its size is skipped.
pub fn put_bands(
    node: &yew::NodeRef,
    (width, height): (usize, usize),
    band_rows: usize,
    band: impl Fn(usize, usize) -> Vec<u8>,
) -> Option<()> {
    let canvas = node.cast::<web_sys::HtmlCanvasElement>()?;
    let (w, h) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
    canvas.set_width(w);
    canvas.set_height(h);
    if w == 0 || h == 0 {
        return None;
    }
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let band_rows = band_rows.max(1);
    for first in (0..height).step_by(band_rows) {
        let rows = band_rows.min(height - first);
        let rgba = band(first, rows);
        if rgba.len() != width * rows * 4 {
            continue;
        }
        let Ok(rows) = u32::try_from(rows) else { continue };
        let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w, rows) else { continue };
        let _ = ctx.put_image_data(&image, 0.0, first as f64);
    }
    Some(())
}
