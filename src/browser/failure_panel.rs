//! The last line of defence: when the app fails anyway (in a release build a panic stops the WebAssembly
//! module, and every control with it), a readable panel replaces the frozen page. It is built with plain
//! DOM calls from inside the panic hook, so it needs nothing of the stopped app; Reload is a plain link.
//! Saved work is not at risk: autosave writes each change as it is made, before anything can fail.

use std::panic;

/// What the panel says (the tests read it).
pub const TITLE: &str = "Something went wrong";

/// Installs the panic hook: the panel, and the panic's message in the console for whoever debugs it.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("article-map stopped: {message}"));
        let _ = show(&message);
    }));
}

/// Shows the panel (once; a second failure leaves the first panel as it is).
pub fn show(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.query_selector("[data-failure-panel]").ok()?.is_some() {
        return Some(());
    }
    let panel = document.create_element("div").ok()?;
    panel.set_attribute("role", "alertdialog").ok()?;
    panel.set_attribute("aria-labelledby", "failure-title").ok()?;
    panel.set_attribute("data-failure-panel", "").ok()?;
    panel.set_class_name("failure-panel");
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        panel.append_child(&element).ok()?;
        Some(element)
    };
    add("h2", TITLE)?.set_id("failure-title");
    add("p", "The map stopped working and cannot go on. Your annotations are saved in this browser as you make them, so reloading the page brings them back (unless a message said saving had stopped: then the last saved version comes back).")?;
    let location = web_sys::window()?.location();
    let reload_to = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let reload = add("a", "Reload the map")?;
    reload.set_attribute("href", &reload_to).ok()?;
    reload.set_class_name("failure-reload");
    let details = add("details", "")?;
    let summary = document.create_element("summary").ok()?;
    summary.set_text_content(Some("What failed (for a bug report)"));
    details.append_child(&summary).ok()?;
    let code = document.create_element("pre").ok()?;
    // Text, never HTML: the message may quote input.
    code.set_text_content(Some(&message.chars().take(2000).collect::<String>()));
    details.append_child(&code).ok()?;
    document.body()?.append_child(&panel).ok()?;
    if let Some(link) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&reload) {
        let _ = link.focus();
    }
    Some(())
}
