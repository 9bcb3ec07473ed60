//! The embedding slice: whether the app is embedded in another page (`?embed=1`: compact layout,
//! cooperative gestures) and, there, whether the article panel is open.

/// How the app sits in its page.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    pub embedded: bool,
    /// In the embedded layout, whether the article panel is open.
    pub panel_open: bool,
}

impl Default for Embedding {
    fn default() -> Self {
        Embedding { embedded: false, panel_open: true }
    }
}

/// Every change to the embedding slice.
#[derive(Clone, Debug, PartialEq)]
pub enum EmbedAction {
    /// Open or close the article panel (embedded layout).
    TogglePanel,
}

impl Embedding {
    /// An app embedded in another page: its article panel starts closed.
    pub fn embedded() -> Embedding {
        Embedding { embedded: true, panel_open: false }
    }

    pub fn apply(&self, action: EmbedAction) -> Option<Embedding> {
        match action {
            EmbedAction::TogglePanel => Some(Embedding { panel_open: !self.panel_open, ..self.clone() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embedded_app_starts_with_its_panel_closed_and_the_reader_opens_it() {
        let e = Embedding::embedded();
        assert!(e.embedded && !e.panel_open);
        let opened = e.apply(EmbedAction::TogglePanel).unwrap();
        assert!(opened.panel_open);
        assert_eq!(opened.apply(EmbedAction::TogglePanel).unwrap(), e);
    }
}
