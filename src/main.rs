fn main() {
    article_map::browser::failure_panel::install();
    yew::Renderer::<article_map::ui::App>::new().render();
}
