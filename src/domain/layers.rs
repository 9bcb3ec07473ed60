//! The basemap's layers: their ids (used in the DOM as `data-layer`), names, and drawing order.

/// One switchable layer of the basemap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LayerId {
    Countries,
    Xinjiang,
    Gbao,
    Badakhshan,
    Wakhan,
    Borders,
    Labels,
    /// Shaded relief under the regions (an image, fetched after the first frame).
    Relief,
    /// Rivers and lakes.
    Rivers,
    /// Towns and cities, thinned by zoom.
    Places,
}

impl LayerId {
    /// Every layer, in the order of the layer list: the basemap's (bottom to top), then the reference layers.
    pub const ALL: [LayerId; 10] = [
        LayerId::Countries,
        LayerId::Xinjiang,
        LayerId::Badakhshan,
        LayerId::Gbao,
        LayerId::Wakhan,
        LayerId::Borders,
        LayerId::Labels,
        LayerId::Places,
        LayerId::Rivers,
        LayerId::Relief,
    ];

    /// Whether the layer is drawn from the basemap file (the reference layers and the labels are not).
    ///
    /// ```
    /// use article_map::domain::layers::LayerId;
    /// assert!(LayerId::Wakhan.is_basemap() && !LayerId::Rivers.is_basemap() && !LayerId::Labels.is_basemap());
    /// ```
    pub fn is_basemap(self) -> bool {
        !matches!(self, LayerId::Labels | LayerId::Relief | LayerId::Rivers | LayerId::Places)
    }

    /// The stable id used in data files and in the DOM (`data-layer`).
    pub fn id(self) -> &'static str {
        match self {
            LayerId::Countries => "countries",
            LayerId::Xinjiang => "xinjiang",
            LayerId::Gbao => "gbao",
            LayerId::Badakhshan => "badakhshan",
            LayerId::Wakhan => "wakhan",
            LayerId::Borders => "borders",
            LayerId::Labels => "labels",
            LayerId::Relief => "relief",
            LayerId::Rivers => "rivers",
            LayerId::Places => "places",
        }
    }

    /// The name a reader sees in the layer switcher.
    pub fn title(self) -> &'static str {
        match self {
            LayerId::Countries => "Countries",
            LayerId::Xinjiang => "Xinjiang (China)",
            LayerId::Gbao => "Gorno-Badakhshan (Tajikistan)",
            LayerId::Badakhshan => "Badakhshan (Afghanistan)",
            LayerId::Wakhan => "Wakhan Corridor (derived)",
            LayerId::Borders => "Borders",
            LayerId::Labels => "Labels",
            LayerId::Relief => "Relief",
            LayerId::Rivers => "Rivers and lakes",
            LayerId::Places => "Towns",
        }
    }

    /// Parses a data-file layer id. Coastlines are drawn with the countries.
    ///
    /// ```
    /// use article_map::domain::layers::LayerId;
    /// assert_eq!(LayerId::from_id("wakhan"), Some(LayerId::Wakhan));
    /// assert_eq!(LayerId::from_id("coast"), Some(LayerId::Countries));
    /// assert_eq!(LayerId::from_id("WAKHAN"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<LayerId> {
        match id {
            "coast" => Some(LayerId::Countries),
            _ => LayerId::ALL.into_iter().find(|l| l.id() == id),
        }
    }
}

/// Which layers are shown. All are shown at first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerVisibility(u16);

impl Default for LayerVisibility {
    fn default() -> Self {
        LayerVisibility(u16::MAX)
    }
}

impl LayerVisibility {
    fn bit(layer: LayerId) -> u16 {
        1 << (LayerId::ALL.iter().position(|l| *l == layer).unwrap_or(0) as u16)
    }

    pub fn is_visible(self, layer: LayerId) -> bool {
        self.0 & Self::bit(layer) != 0
    }

    /// The same set with `layer` flipped.
    ///
    /// ```
    /// use article_map::domain::layers::{LayerId, LayerVisibility};
    /// let v = LayerVisibility::default().toggled(LayerId::Wakhan);
    /// assert!(!v.is_visible(LayerId::Wakhan) && v.is_visible(LayerId::Borders));
    /// assert!(v.toggled(LayerId::Wakhan).is_visible(LayerId::Wakhan));
    /// ```
    pub fn toggled(self, layer: LayerId) -> Self {
        LayerVisibility(self.0 ^ Self::bit(layer))
    }
}
