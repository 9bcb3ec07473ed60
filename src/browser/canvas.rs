//! Drawing on a `<canvas>`: sized for the screen's pixel ratio, then drawn through a [`Pen`] in CSS px.

use wasm_bindgen::JsCast;

/// Draws paths on a canvas in CSS px.
pub struct Pen {
    ctx: web_sys::CanvasRenderingContext2d,
}

impl Pen {
    pub fn begin(&self) {
        self.ctx.begin_path();
    }

    pub fn move_to(&self, x: f64, y: f64) {
        self.ctx.move_to(x, y);
    }

    pub fn line_to(&self, x: f64, y: f64) {
        self.ctx.line_to(x, y);
    }

    /// Adds a circle of `radius` CSS px around (x, y) to the path.
    pub fn dot(&self, x: f64, y: f64, radius: f64) {
        self.ctx.move_to(x + radius, y);
        let _ = self.ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
    }

    /// Strokes the path with a CSS colour and a width in CSS px.
    pub fn stroke(&self, colour: &str, width: f64) {
        self.ctx.set_stroke_style_str(colour);
        self.ctx.set_line_width(width);
        self.ctx.stroke();
    }

    /// Fills the path with a CSS colour.
    pub fn fill(&self, colour: &str) {
        self.ctx.set_fill_style_str(colour);
        self.ctx.fill();
    }
}

/// Sizes the canvas `node` points at to `width` × `height` CSS px (times the pixel ratio), clears it and
/// lets `draw` draw on it. Nothing happens when the node is not a mounted canvas.
pub fn draw_on(node: &yew::NodeRef, width: f64, height: f64, draw: impl FnOnce(&Pen)) -> Option<()> {
    let canvas = node.cast::<web_sys::HtmlCanvasElement>()?;
    let ratio = web_sys::window()?.device_pixel_ratio().max(1.0);
    canvas.set_width((width * ratio).round() as u32);
    canvas.set_height((height * ratio).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.scale(ratio, ratio).ok()?;
    draw(&Pen { ctx });
    Some(())
}
