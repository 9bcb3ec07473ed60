//! Browser tests: the real app mounted in headless Chromium (wasm-bindgen-test), events dispatched to it.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Mounts the app in a fixed-size container and waits until the map has measured itself.
async fn mount() -> web_sys::Element {
    // Each test starts from a plain address: an earlier test's app wrote its view into the fragment.
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    let doc = gloo::utils::document();
    if doc.get_element_by_id("app-style").is_none() {
        // The real stylesheet: the map takes its size from it.
        let style = doc.create_element("style").unwrap();
        style.set_id("app-style");
        style.set_text_content(Some(include_str!("../assets/style.css")));
        doc.head().unwrap().append_child(&style).unwrap();
    }
    let root = doc.create_element("div").unwrap();
    root.set_attribute("style", "position:relative;width:800px;height:600px").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    // What the app fetches before its first render (index.html preloads both), read from the same files.
    let first = article_map::ui::FirstFrame::from_texts(
        include_str!("../assets/geo/l0.q.json"),
        include_str!("../assets/story/umarov-tajikistan-2021.json"),
    );
    let props = article_map::ui::AppProps { first: std::rc::Rc::new(first) };
    yew::Renderer::<article_map::ui::App>::with_root_and_props(root.clone(), props).render();
    for _ in 0..300 {
        tick().await;
        if root.query_selector("[data-map] [data-layer='wakhan']").unwrap().is_some() {
            return root;
        }
    }
    panic!("the map did not render its layers");
}

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> String {
    root.query_selector(selector).unwrap().expect(selector).get_attribute(name).unwrap_or_default()
}

fn key(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn renders_every_basemap_layer_and_marks_map_ready() {
    let root = mount().await;
    for layer in ["countries", "xinjiang", "gbao", "badakhshan", "wakhan", "borders"] {
        let paths = root.query_selector_all(&format!("[data-layer='{layer}'] path")).unwrap().length();
        assert!(paths > 0, "{layer} has paths");
    }
    let perf = web_sys::window().unwrap().performance().unwrap();
    assert!(perf.get_entries_by_name("map-ready").length() >= 1);
}

#[wasm_bindgen_test]
async fn keyboard_zoom_and_reset_button_change_the_reported_view() {
    let root = mount().await;
    let map = root.query_selector("[data-map]").unwrap().unwrap();
    let home_zoom: f64 = attr(&root, "[data-map]", "data-zoom").parse().unwrap();
    key(&map, "+");
    tick().await;
    let zoomed: f64 = attr(&root, "[data-map]", "data-zoom").parse().unwrap();
    assert!((zoomed - home_zoom - 1.0).abs() < 1e-3, "{home_zoom} → {zoomed}");

    let reset = root.query_selector(".reset-view").unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap();
    reset.click();
    tick().await;
    let back: f64 = attr(&root, "[data-map]", "data-zoom").parse().unwrap();
    assert_eq!(back, home_zoom);
}

#[wasm_bindgen_test]
async fn unchecking_a_layer_hides_its_group() {
    let root = mount().await;
    let toggle = root
        .query_selector("[data-layer-toggle='xinjiang']")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    toggle.click();
    tick().await;
    assert_eq!(attr(&root, "[data-layer='xinjiang']", "display"), "none");
    toggle.click();
    tick().await;
    assert_eq!(attr(&root, "[data-layer='xinjiang']", "display"), "");
}

#[wasm_bindgen_test]
fn the_failure_panel_says_what_happened_as_text_and_offers_a_reload() {
    use article_map::browser::failure_panel;
    let hostile = "panicked at <img src=x onerror=alert(1)>";
    failure_panel::show(hostile).unwrap();
    failure_panel::show("a second failure").unwrap();
    let doc = gloo::utils::document();
    let panels = doc.query_selector_all("[data-failure-panel]").unwrap();
    assert_eq!(panels.length(), 1, "one panel, whatever fails after");
    let panel = doc.query_selector("[data-failure-panel]").unwrap().unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = panel.text_content().unwrap();
    assert!(text.contains(failure_panel::TITLE) && text.contains("Reload the map"), "{text}");
    assert!(text.contains(hostile), "the message is shown as text");
    assert!(panel.query_selector("img").unwrap().is_none(), "never as HTML");
    let reload = panel.query_selector("a.failure-reload").unwrap().unwrap();
    assert_eq!(reload.get_attribute("href"), Some(web_sys::window().unwrap().location().pathname().unwrap()));
    panel.remove();
}
