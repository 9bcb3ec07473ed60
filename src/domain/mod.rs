//! Pure computation: coordinates, projection, viewport, geometry, basemap data. No web APIs here.

pub mod annotation;
pub mod basemap;
pub mod bounds;
pub mod coords;
pub mod drawing;
pub mod framing;
pub mod geodesy;
pub mod geojson_export;
pub mod geojson_import;
pub mod history;
pub mod hit_test;
pub mod interaction;
pub mod labels;
pub mod layers;
pub mod level_of_detail;
pub mod marker_layout;
pub mod projection;
pub mod quote_index;
pub mod saved_document;
pub mod scale_bar;
pub mod story;
pub mod svg_export;
pub mod svg_path;
pub mod synthetic;
pub mod url_state;
pub mod viewport;
