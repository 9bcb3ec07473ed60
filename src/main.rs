fn main() {
    article_map::browser::failure_panel::install();
    wasm_bindgen_futures::spawn_local(article_map::ui::start());
}
