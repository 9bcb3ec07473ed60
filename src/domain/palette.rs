//! The map's colours, light and dark: the one place to change them. The screen's stylesheet reads them as
//! CSS custom properties ([`stylesheet`], written into the page by `ui::map::palette::MapPalette`); the SVG and
//! PNG export paints with [`LIGHT`].

/// The colours of the map drawing, as CSS colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Sea and everything outside the map's extent (`--sea`).
    pub sea: &'static str,
    /// Countries (`--land`).
    pub land: &'static str,
    /// Tajikistan's fill (`--tajikistan`).
    pub tajikistan: &'static str,
    /// Xinjiang's fill (`--xinjiang`).
    pub xinjiang: &'static str,
    /// The Wakhan Corridor's fill, under its hatch (`--wakhan`).
    pub wakhan: &'static str,
    /// The Wakhan Corridor's dashed outline and hatch (`--wakhan-line`).
    pub wakhan_line: &'static str,
    /// Gorno-Badakhshan and Badakhshan outlines (`--region-line`).
    pub region_line: &'static str,
    /// Ordinary international borders (`--border`).
    pub border: &'static str,
    /// The story's three borders (`--border-story`).
    pub border_story: &'static str,
    /// Coastlines (`--coast`).
    pub coast: &'static str,
    /// The halo around label text (`--halo`).
    pub halo: &'static str,
    /// Country labels (`--label-country`).
    pub label_country: &'static str,
    /// Region labels (`--label-region`).
    pub label_region: &'static str,
    /// Physical region labels (`--label-physical`).
    pub label_physical: &'static str,
    /// Story markers' ink: a reported marker's outline, a surveyed one's fill (`--marker`).
    pub marker: &'static str,
    /// A reported marker's light fill (`--marker-light`).
    pub marker_light: &'static str,
    /// A hollow (estimated) marker's fill and a surveyed one's outline (`--marker-hollow`).
    pub marker_hollow: &'static str,
    /// The accent: hovered and selected things, and annotations without a colour of their own
    /// (`--marker-active`).
    pub accent: &'static str,
    /// The uncertainty circle's fill (`--uncertainty`).
    pub uncertainty: &'static str,
    /// The uncertainty circle's dashed edge (`--uncertainty-edge`).
    pub uncertainty_edge: &'static str,
    /// Rivers and lake shores (`--water`).
    pub water: &'static str,
    /// Lakes (`--water-fill`).
    pub water_fill: &'static str,
    /// Names of rivers and lakes (`--label-water`).
    pub label_water: &'static str,
    /// Town dots and names (`--town`).
    pub town: &'static str,
}

/// The light theme (and the exported pictures).
pub const LIGHT: Palette = Palette {
    sea: "#e6ecef",
    land: "#f1eee8",
    tajikistan: "#f2ddb0",
    xinjiang: "#c8d3de",
    wakhan: "#f0a95b",
    wakhan_line: "#a4520c",
    region_line: "#6f5d3f",
    border: "#8d9094",
    border_story: "#a3122a",
    coast: "#7d9aa8",
    halo: "rgba(255, 255, 255, 0.9)",
    label_country: "#3d4248",
    label_region: "#3f4f60",
    label_physical: "#5f6368",
    marker: "#1d3557",
    marker_light: "#c9d6ea",
    marker_hollow: "rgba(255, 255, 255, 0.92)",
    accent: "#c2410c",
    uncertainty: "rgba(29, 53, 87, 0.07)",
    uncertainty_edge: "rgba(29, 53, 87, 0.55)",
    water: "#6d9fc4",
    water_fill: "#c3d9ea",
    label_water: "#2f6690",
    town: "#33373c",
};

/// The dark theme (`prefers-color-scheme: dark`).
pub const DARK: Palette = Palette {
    sea: "#162027",
    land: "#2a2d31",
    tajikistan: "#5a4c30",
    xinjiang: "#3b4858",
    wakhan: "#b86a1c",
    wakhan_line: "#f6c58d",
    region_line: "#cbb894",
    border: "#8d9094",
    border_story: "#ff6b7f",
    coast: "#5f8190",
    halo: "rgba(20, 22, 25, 0.9)",
    label_country: "#e3e5e8",
    label_region: "#c9d6e4",
    label_physical: "#b5b9bd",
    marker: "#dbe7ff",
    marker_light: "#3d5275",
    marker_hollow: "rgba(20, 22, 25, 0.9)",
    accent: "#ffb27a",
    uncertainty: "rgba(219, 231, 255, 0.10)",
    uncertainty_edge: "rgba(219, 231, 255, 0.6)",
    water: "#4f7fa3",
    water_fill: "#1f3442",
    label_water: "#9cc6e6",
    town: "#d9dce0",
};

impl Palette {
    /// Each colour with the name of the CSS custom property the stylesheet reads it by.
    ///
    /// ```
    /// use article_map::domain::palette::LIGHT;
    /// assert_eq!(LIGHT.custom_properties()[0], ("--sea", "#e6ecef"));
    /// ```
    pub fn custom_properties(&self) -> [(&'static str, &'static str); 24] {
        [
            ("--sea", self.sea),
            ("--land", self.land),
            ("--tajikistan", self.tajikistan),
            ("--xinjiang", self.xinjiang),
            ("--wakhan", self.wakhan),
            ("--wakhan-line", self.wakhan_line),
            ("--region-line", self.region_line),
            ("--border", self.border),
            ("--border-story", self.border_story),
            ("--coast", self.coast),
            ("--halo", self.halo),
            ("--label-country", self.label_country),
            ("--label-region", self.label_region),
            ("--label-physical", self.label_physical),
            ("--marker", self.marker),
            ("--marker-light", self.marker_light),
            ("--marker-hollow", self.marker_hollow),
            ("--marker-active", self.accent),
            ("--uncertainty", self.uncertainty),
            ("--uncertainty-edge", self.uncertainty_edge),
            ("--water", self.water),
            ("--water-fill", self.water_fill),
            ("--label-water", self.label_water),
            ("--town", self.town),
        ]
    }

    fn declarations(&self) -> String {
        self.custom_properties().iter().map(|(name, colour)| format!("{name}:{colour};")).collect()
    }
}

/// The CSS that gives the page both palettes: [`LIGHT`] on `:root`, [`DARK`] when the reader prefers a dark
/// scheme.
///
/// ```
/// use article_map::domain::palette::stylesheet;
/// let css = stylesheet();
/// assert!(css.starts_with(":root{--sea:#e6ecef;"));
/// assert!(css.contains("@media (prefers-color-scheme: dark){:root{--sea:#162027;"));
/// ```
pub fn stylesheet() -> String {
    format!(":root{{{}}}@media (prefers-color-scheme: dark){{:root{{{}}}}}", LIGHT.declarations(), DARK.declarations())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_has_its_own_property_and_no_colour_can_break_out_of_its_declaration() {
        for palette in [LIGHT, DARK] {
            let properties = palette.custom_properties();
            let mut names: Vec<_> = properties.iter().map(|(n, _)| *n).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), properties.len());
            for (name, colour) in properties {
                assert!(!colour.is_empty(), "{name}");
                assert!(!colour.contains([';', '{', '}', '<']), "{name}: {colour}");
            }
        }
    }

    #[test]
    fn the_stylesheet_no_longer_declares_what_the_palette_writes() {
        let css = include_str!("../../assets/style.css");
        for (name, _) in LIGHT.custom_properties() {
            assert!(!css.contains(&format!("{name}:")), "assets/style.css declares {name} again; change it here");
            assert!(css.contains(&format!("var({name})")), "assets/style.css no longer uses {name}");
        }
    }
}
