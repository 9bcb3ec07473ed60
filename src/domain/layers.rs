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
}

impl LayerId {
    /// Every layer, bottom to top.
    pub const ALL: [LayerId; 7] = [
        LayerId::Countries,
        LayerId::Xinjiang,
        LayerId::Badakhshan,
        LayerId::Gbao,
        LayerId::Wakhan,
        LayerId::Borders,
        LayerId::Labels,
    ];

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
pub struct LayerVisibility(u8);

impl Default for LayerVisibility {
    fn default() -> Self {
        LayerVisibility(u8::MAX)
    }
}

impl LayerVisibility {
    fn bit(layer: LayerId) -> u8 {
        1 << (LayerId::ALL.iter().position(|l| *l == layer).unwrap_or(0) as u8)
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
