//! The reading state in the URL fragment: view, open feature, highlighted quote, tour step, layer
//! visibility and label language, versioned and compact
//! (`#v1;c=73.7500,38.5989;z=6.34;f=new_site;q=2;t=3;h=wakhan,labels;l=fa-AF`).
//! Decoding never panics: a fragment that cannot be read gives the reason, and the app falls back to the
//! default view with a notice; an unknown version is reported, not guessed.

use super::coords::LonLat;

/// The version this app writes.
pub const VERSION: &str = "v1";

/// What a link reopens. Every part is optional: a link may carry only a view, or only a feature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    pub center: Option<LonLat>,
    pub zoom: Option<f64>,
    /// The story feature whose popup is open.
    pub feature: Option<String>,
    /// The quote of that feature highlighted in the article.
    pub quote: Option<usize>,
    /// The story tour step.
    pub step: Option<usize>,
    /// Layer ids that are hidden.
    pub hidden_layers: Vec<String>,
    /// The language tag of the map's place labels, when it is not the story's own (`l=fa-AF`).
    pub label_language: Option<String>,
    /// Annotations carried by a shared link (see [`super::shared_annotations`]).
    pub annotations: Option<String>,
}

/// Why a fragment could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum UrlStateError {
    UnknownVersion(String),
    Malformed(String),
}

impl std::fmt::Display for UrlStateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlStateError::UnknownVersion(v) => {
                write!(f, "the link is from a version of this map that this one does not know ({v:?})")
            }
            UrlStateError::Malformed(why) => write!(f, "the link's map state is damaged ({why})"),
        }
    }
}

/// Percent-encodes what could break the fragment's syntax (`;`, `=`, `,`, `%`, `#`, spaces, non-ASCII).
fn escape(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An input value for a message, cut to 40 characters with "…" (a fragment may be 16 KB long).
fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn unescape(text: &str) -> Result<String, UrlStateError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let pair = bytes.get(i + 1..i + 3).ok_or_else(|| UrlStateError::Malformed("a cut-off %-escape".into()))?;
            match (hex_value(pair[0]), hex_value(pair[1])) {
                (Some(high), Some(low)) => out.push(high << 4 | low),
                _ => {
                    let at = text.get(i..).unwrap_or_default().chars().take(3).collect::<String>();
                    return Err(UrlStateError::Malformed(format!("{} is not an escape", shown(&at))));
                }
            }
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| UrlStateError::Malformed("text that is not UTF-8".into()))
}

impl UrlState {
    /// The fragment, without the leading `#`.
    ///
    /// ```
    /// use article_map::domain::{coords::LonLat, url_state::UrlState};
    /// let s = UrlState { center: Some(LonLat::new(73.75, 38.6)), zoom: Some(6.3417), feature: Some("a;b".into()),
    ///     quote: Some(2), step: None, hidden_layers: vec!["wakhan".into()], label_language: None, annotations: None };
    /// assert_eq!(s.encode(), "v1;c=73.75000,38.60000;z=6.342;f=a%3Bb;q=2;h=wakhan");
    /// assert_eq!(UrlState::decode(&s.encode()).unwrap().feature.as_deref(), Some("a;b"));
    /// ```
    pub fn encode(&self) -> String {
        let mut parts = vec![VERSION.to_string()];
        if let Some(c) = self.center {
            parts.push(format!("c={:.5},{:.5}", c.lon, c.lat));
        }
        if let Some(z) = self.zoom {
            parts.push(format!("z={z:.3}"));
        }
        if let Some(f) = &self.feature {
            parts.push(format!("f={}", escape(f)));
        }
        if let Some(q) = self.quote {
            parts.push(format!("q={q}"));
        }
        if let Some(t) = self.step {
            parts.push(format!("t={t}"));
        }
        if !self.hidden_layers.is_empty() {
            parts.push(format!("h={}", self.hidden_layers.iter().map(|l| escape(l)).collect::<Vec<_>>().join(",")));
        }
        if let Some(l) = &self.label_language {
            parts.push(format!("l={}", escape(l)));
        }
        if let Some(a) = &self.annotations {
            parts.push(format!("a={}", escape(a)));
        }
        parts.join(";")
    }

    /// Reads a fragment (with or without the leading `#`). An empty fragment is the empty state.
    pub fn decode(fragment: &str) -> Result<UrlState, UrlStateError> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if fragment.is_empty() {
            return Ok(UrlState::default());
        }
        if fragment.len() > 16_384 {
            return Err(UrlStateError::Malformed("it is too long".into()));
        }
        let mut parts = fragment.split(';');
        let version = parts.next().unwrap_or_default();
        if version != VERSION {
            return Err(UrlStateError::UnknownVersion(version.chars().take(16).collect()));
        }
        let mut state = UrlState::default();
        let number = |key: &str, v: &str| -> Result<f64, UrlStateError> {
            v.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| UrlStateError::Malformed(format!("{key}={} is not a number", shown(v))))
        };
        for part in parts.filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| UrlStateError::Malformed(format!("{:?} has no value", shown(part))))?;
            match key {
                "c" => {
                    let (lon, lat) = value
                        .split_once(',')
                        .ok_or_else(|| UrlStateError::Malformed("c needs longitude,latitude".into()))?;
                    let (lon, lat) = (number("c", lon)?, number("c", lat)?);
                    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                        return Err(UrlStateError::Malformed(format!(
                            "c={} is not a longitude, latitude",
                            shown(value)
                        )));
                    }
                    state.center = Some(LonLat::new(lon, lat));
                }
                "z" => {
                    let z = number("z", value)?;
                    if !(0.0..=24.0).contains(&z) {
                        return Err(UrlStateError::Malformed(format!("z={} is not a zoom level", shown(value))));
                    }
                    state.zoom = Some(z);
                }
                "f" => state.feature = Some(unescape(value)?),
                "q" => {
                    state.quote =
                        Some(value.parse().map_err(|_| UrlStateError::Malformed(format!("q={}", shown(value))))?)
                }
                "t" => {
                    state.step =
                        Some(value.parse().map_err(|_| UrlStateError::Malformed(format!("t={}", shown(value))))?)
                }
                "h" => {
                    state.hidden_layers =
                        value.split(',').filter(|l| !l.is_empty()).map(unescape).collect::<Result<_, _>>()?
                }
                "l" => state.label_language = Some(unescape(value)?),
                "a" => state.annotations = Some(unescape(value)?),
                _ => {} // parts from a newer v1 writer are skipped
            }
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_round_trips() {
        let s = UrlState {
            center: Some(LonLat::new(71.61234, 36.72721)),
            zoom: Some(8.5),
            feature: Some("earlier_base_murghab_shaymak".into()),
            quote: Some(3),
            step: Some(4),
            hidden_layers: vec!["wakhan".into(), "labels".into()],
            label_language: Some("fa-AF".into()),
            annotations: Some("eJwLzs9JLcnMzwMAFlAD_w".into()),
        };
        assert_eq!(UrlState::decode(&format!("#{}", s.encode())).unwrap(), s);
        assert_eq!(UrlState::decode("").unwrap(), UrlState::default());
        assert_eq!(UrlState::decode("#v1").unwrap(), UrlState::default());
    }

    #[test]
    fn bad_fragments_are_errors_not_panics() {
        for bad in [
            "v1;c=abc,1",
            "v1;c=500,1",
            "v1;z=NaN",
            "v1;z=99",
            "v1;q=-1",
            "v1;f=%ZZ",
            "v1;f=%E2%82",
            "v1;c",
            "v1;f=%4",
            "v1;t=99999999999999999999999",
            "v1;f=%+1",
            "v1;f=%-1",
            "v1;f=%Ж",
            "v1;f=a%",
        ] {
            assert!(matches!(UrlState::decode(bad), Err(UrlStateError::Malformed(_))), "{bad}");
        }
        assert_eq!(UrlState::decode("#v9;c=1,1"), Err(UrlStateError::UnknownVersion("v9".into())));
        assert!(UrlState::decode(&"v1;".repeat(6000)).is_err());
        // Messages quote at most 40 characters of the input.
        let long = format!("v1;z={}", "9".repeat(10_000));
        assert!(UrlState::decode(&long).unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn any_bytes_decode_without_panicking() {
        let mut g = crate::domain::synthetic::Mulberry32::new(5);
        for _ in 0..2000 {
            let len = (g.next_f64() * 40.0) as usize;
            let text: String =
                (0..len).map(|_| char::from_u32(32 + (g.next_f64() * 300.0) as u32).unwrap_or('x')).collect();
            let _ = UrlState::decode(&format!("v1;{text}"));
            let _ = UrlState::decode(&text);
        }
    }

    #[test]
    fn unknown_keys_of_the_same_version_are_skipped() {
        assert_eq!(UrlState::decode("v1;x=1;z=5").unwrap().zoom, Some(5.0));
    }
}
