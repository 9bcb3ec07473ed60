fn main() {
    yew::Renderer::<article_map::ui::App>::new().render();
}
