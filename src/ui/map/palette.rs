//! The map's colours on the page: the CSS custom properties of [`crate::domain::palette`] (both themes), as
//! one `<style>`. Mount it once; the stylesheet's `var(--sea)`, `var(--marker)`… read it.

use yew::prelude::*;

use crate::domain::palette::stylesheet;

/// The palette's `<style>` element. Its text is made from constants, never from data.
#[component]
pub fn MapPalette() -> Html {
    let css = use_memo((), |_| stylesheet());
    html! { <style>{ (*css).clone() }</style> }
}
