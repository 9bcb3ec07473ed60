//! The converter worker: the second wasm module, which reads KML/KMZ, GPX, CSV and TopoJSON and writes KML,
//! GPX and CSV. The app starts it only when a reader opens or exports one of those formats
//! (`article_map::browser::converter`), so that its parsers are not part of the first load.

fn main() {
    article_map::browser::converter::serve_conversions(article_map::domain::converter_messages::answer);
}
