//! A standalone SVG picture of the current view: map paths (in Mercator metres, clipped by the view box),
//! screen-space symbols and text on top, the attribution line at the bottom. Every text is XML-escaped.

use std::fmt::Write;

use super::local_names::{is_language_tag, Direction};
use super::palette::Palette;
use super::viewport::Viewport;

/// A path in map space with its paint. Widths are CSS px on the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct StyledPath {
    pub d: String,
    pub fill: String,
    pub fill_opacity: f64,
    pub stroke: String,
    pub stroke_width_px: f64,
    pub stroke_opacity: f64,
    pub dash_px: Option<(f64, f64)>,
}

/// A symbol in screen space: path data centred on 0,0, drawn at (x, y).
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenSymbol {
    pub x: f64,
    pub y: f64,
    pub d: String,
    pub fill: String,
    pub stroke: String,
}

/// A text in screen space, centred on (x, y).
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenText {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size_px: f64,
    pub italic: bool,
    pub fill: String,
    /// The language of a text that is not in the picture's own (a place's local name), and its direction.
    pub lang: Option<(String, Direction)>,
}

/// Escapes text for XML content and attribute values.
///
/// ```
/// use article_map::domain::svg_export::escape_xml;
/// assert_eq!(escape_xml(r#"<img src=x onerror="a&b">"#), "&lt;img src=x onerror=&quot;a&amp;b&quot;&gt;");
/// ```
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The picture, `view.width` × `view.height` CSS px, with the palette's sea behind everything and its halo
/// around the texts.
pub fn standalone_svg(
    view: &Viewport,
    title: &str,
    palette: &Palette,
    paths: &[StyledPath],
    symbols: &[ScreenSymbol],
    texts: &[ScreenText],
    attribution: &str,
) -> String {
    let (w, h) = (view.width.round(), view.height.round());
    let vb = view.view_box(0.0);
    let r = view.resolution();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Helvetica, Arial, sans-serif">"#
    );
    let _ = write!(svg, "<title>{}</title>", escape_xml(title));
    let _ = write!(svg, r#"<rect width="{w}" height="{h}" fill="{}"/>"#, escape_xml(palette.sea));
    let _ = write!(
        svg,
        r#"<svg x="0" y="0" width="{w}" height="{h}" viewBox="{}" preserveAspectRatio="none" stroke-linejoin="round" stroke-linecap="round">"#,
        vb.attribute()
    );
    for p in paths {
        let _ = write!(
            svg,
            r#"<path d="{}" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="{:.0}""#,
            escape_xml(&p.d),
            escape_xml(&p.fill),
            p.fill_opacity,
            escape_xml(&p.stroke),
            p.stroke_width_px * r
        );
        if p.stroke_opacity != 1.0 {
            let _ = write!(svg, r#" stroke-opacity="{}""#, p.stroke_opacity);
        }
        if let Some((on, off)) = p.dash_px {
            let _ = write!(svg, r#" stroke-dasharray="{:.0} {:.0}""#, on * r, off * r);
        }
        svg.push_str("/>");
    }
    svg.push_str("</svg>");
    for s in symbols {
        let _ = write!(
            svg,
            r#"<path transform="translate({:.1} {:.1})" d="{}" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
            s.x,
            s.y,
            escape_xml(&s.d),
            escape_xml(&s.fill),
            escape_xml(&s.stroke)
        );
    }
    for t in texts {
        // `xml:lang` for SVG 1.1 readers, `lang` for SVG 2 and browsers; `direction` for right-to-left names.
        let lang = match &t.lang {
            Some((tag, direction)) if is_language_tag(tag) => {
                format!(r#" xml:lang="{tag}" lang="{tag}" direction="{}" unicode-bidi="embed""#, direction.attribute())
            }
            _ => String::new(),
        };
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="middle" dominant-baseline="central" fill="{}" stroke="{}" stroke-width="3" paint-order="stroke"{}{lang}>{}</text>"#,
            t.x,
            t.y,
            t.size_px,
            escape_xml(&t.fill),
            escape_xml(palette.halo),
            if t.italic { r#" font-style="italic""# } else { "" },
            escape_xml(&t.text)
        );
    }
    let _ = write!(
        svg,
        r##"<rect x="0" y="{:.0}" width="{w}" height="22" fill="#ffffff" fill-opacity="0.85"/><text x="6" y="{:.0}" font-size="10" fill="#333333">{}</text>"##,
        h - 22.0,
        h - 8.0,
        escape_xml(attribution)
    );
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coords::LonLat;
    use crate::domain::palette::LIGHT;
    use crate::domain::projection::project;

    #[test]
    fn the_picture_has_the_view_size_the_paths_and_escaped_texts() {
        let view = Viewport { center: project(LonLat::new(71.0, 38.0)), zoom: 6.0, width: 640.0, height: 400.0 };
        let path = StyledPath {
            d: "M0 0l10 10".into(),
            fill: "none".into(),
            fill_opacity: 1.0,
            stroke: "#a3122a".into(),
            stroke_width_px: 2.0,
            stroke_opacity: 0.5,
            dash_px: Some((4.0, 2.0)),
        };
        let text = ScreenText {
            x: 1.0,
            y: 2.0,
            text: "<script>".into(),
            size_px: 12.0,
            italic: false,
            fill: "#000".into(),
            lang: None,
        };
        let dari = ScreenText { text: "کابل".into(), lang: Some(("fa-AF".into(), Direction::Rtl)), ..text.clone() };
        let bad_tag =
            ScreenText { text: "x".into(), lang: Some(("a\" onload=\"x".into(), Direction::Ltr)), ..text.clone() };
        let svg = standalone_svg(&view, "A & B", &LIGHT, &[path], &[], &[text, dari, bad_tag], "Natural Earth");
        assert!(svg.contains(r#"xml:lang="fa-AF" lang="fa-AF" direction="rtl" unicode-bidi="embed">کابل</text>"#));
        assert!(!svg.contains("onload"), "a tag that is not a language tag is not written");
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400""#));
        assert!(svg.contains("<title>A &amp; B</title>"));
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains(&format!(r#"stroke-width="{:.0}" stroke-opacity="0.5""#, 2.0 * view.resolution())));
        assert!(svg.contains(r##"<rect width="640" height="400" fill="#e6ecef"/>"##));
        assert!(svg.contains("Natural Earth"));
        assert!(svg.ends_with("</svg>"));
    }
}
