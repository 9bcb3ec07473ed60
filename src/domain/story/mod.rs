//! A story package: an article (sections of paragraphs with stable ids) and the GeoJSON features that quote
//! it. Reading a package checks every rule and reports every problem with its JSON path; a package with a
//! problem is refused whole. Quotes that cannot be found verbatim do not refuse the package: they are kept as
//! warnings, never shown as the article's words.

use std::collections::HashSet;

use serde_json::{Map, Value};

mod reader;

use reader::Reader;

use super::coords::LonLat;
use super::geodesy::line_length_m;
use super::geojson_reader::{join, Coordinates, Read};
use super::ids::FeatureId;
use super::local_names::{is_language_tag, LocalName, MAX_TAG_CHARS};
use super::quote_index::{QuoteError, QuoteIndex, QuoteSelector};
use super::thousands::thousands;

/// The format tag a package must carry.
pub const FORMAT: &str = "article-map/story@1";

/// The most a story package may hold (documented in `assets/story/README.md`). A package past any of them
/// is refused with a problem that names the limit and the JSON path, before the work the limit bounds is
/// done: the size is checked before the JSON is parsed, counts before their items are read.
///
/// Together they bound the reading work: quote search is linear in the article for each quote (and stops
/// counting an ambiguous one at [`super::quote_index::COUNT_CAP`]), so it costs at most
/// [`StoryLimits::max_quotes`] × [`StoryLimits::max_article_chars`] character steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoryLimits {
    /// Size of the package text, bytes of UTF-8.
    pub max_bytes: usize,
    /// Sections of the article.
    pub max_sections: usize,
    /// Paragraphs of the article, all sections together.
    pub max_paragraphs: usize,
    /// Characters of one paragraph; also of a description, notes, a claim or the attribution.
    pub max_paragraph_chars: usize,
    /// Characters of the article's paragraphs together.
    pub max_article_chars: usize,
    /// Features in the collection.
    pub max_features: usize,
    /// Quotes of one feature.
    pub max_quotes_per_feature: usize,
    /// Quotes of all features together.
    pub max_quotes: usize,
    /// Characters of a quote's `exact`, `prefix` or `suffix`.
    pub max_quote_chars: usize,
    /// Positions in one feature's geometry (each ring's closing position included).
    pub max_vertices_per_feature: usize,
    /// Sources of one feature; also figures of one feature.
    pub max_sources_per_feature: usize,
    /// Names of one feature in local languages (`names`).
    pub max_names_per_feature: usize,
    /// Characters of every other string: ids, titles, headings, kinds, labels, publishers, dates, URLs.
    pub max_label_chars: usize,
}

impl StoryLimits {
    /// The limits the app reads packages with.
    pub const DEFAULT: StoryLimits = StoryLimits {
        max_bytes: 1024 * 1024,
        max_sections: 500,
        max_paragraphs: 2_000,
        max_paragraph_chars: 20_000,
        max_article_chars: 300_000,
        max_features: 1_000,
        max_quotes_per_feature: 50,
        max_quotes: 500,
        max_quote_chars: 2_000,
        max_vertices_per_feature: 50_000,
        max_sources_per_feature: 50,
        max_names_per_feature: 50,
        max_label_chars: 2_000,
    };
}

impl Default for StoryLimits {
    fn default() -> Self {
        StoryLimits::DEFAULT
    }
}

/// How much of an input value a problem message quotes, in characters.
const QUOTED_CHARS: usize = 80;

/// `text` as a quoted string for a message, cut to [`QUOTED_CHARS`] characters with "…".
fn quoted(text: &str) -> String {
    let mut chars = text.char_indices();
    match chars.nth(QUOTED_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}…", text.get(..cut).unwrap_or_default()),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub original_url: Option<String>,
    pub attribution: Option<String>,
    pub sections: Vec<Section>,
}

impl Article {
    /// Author, publisher and date, those that are known, joined by " · ".
    ///
    /// ```
    /// use article_map::domain::story::Article;
    /// let a = Article { title: "T".into(), author: Some("A".into()), publisher: None, date: Some("2021".into()),
    ///     url: None, original_url: None, attribution: None, sections: vec![] };
    /// assert_eq!(a.byline(), "A · 2021");
    /// ```
    pub fn byline(&self) -> String {
        [&self.author, &self.publisher, &self.date].into_iter().flatten().cloned().collect::<Vec<_>>().join(" · ")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub heading: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub id: String,
    pub text: String,
}

/// What a feature is; decides its marker symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    Site,
    Base,
    Border,
    Region,
    City,
    Mine,
    Exercise,
    Opinion,
}

impl FeatureKind {
    pub const ALL: [FeatureKind; 8] = [
        FeatureKind::Site,
        FeatureKind::Base,
        FeatureKind::Border,
        FeatureKind::Region,
        FeatureKind::City,
        FeatureKind::Mine,
        FeatureKind::Exercise,
        FeatureKind::Opinion,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FeatureKind::Site => "site",
            FeatureKind::Base => "base",
            FeatureKind::Border => "border",
            FeatureKind::Region => "region",
            FeatureKind::City => "city",
            FeatureKind::Mine => "mine",
            FeatureKind::Exercise => "exercise",
            FeatureKind::Opinion => "opinion",
        }
    }

    /// The reader's word for it.
    pub fn label(self) -> &'static str {
        match self {
            FeatureKind::Site => "Reported site",
            FeatureKind::Base => "Base",
            FeatureKind::Border => "Border",
            FeatureKind::Region => "Region",
            FeatureKind::City => "City",
            FeatureKind::Mine => "Mine",
            FeatureKind::Exercise => "Exercise",
            FeatureKind::Opinion => "Public opinion",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == s)
    }
}

/// How sure the location or fact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Confidence {
    Confirmed,
    Reported,
    Disputed,
    Approximate,
}

impl Confidence {
    pub const ALL: [Confidence; 4] =
        [Confidence::Confirmed, Confidence::Reported, Confidence::Disputed, Confidence::Approximate];

    pub fn id(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Reported => "reported",
            Confidence::Disputed => "disputed",
            Confidence::Approximate => "approximate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Confidence::Confirmed => "Confirmed",
            Confidence::Reported => "Reported, not confirmed",
            Confidence::Disputed => "Disputed: denied by the governments concerned",
            Confidence::Approximate => "Approximate",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == s)
    }
}

/// How precisely the place is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PrecisionLevel {
    Exact,
    Village,
    District,
    Approximate,
}

impl PrecisionLevel {
    pub const ALL: [PrecisionLevel; 4] =
        [PrecisionLevel::Exact, PrecisionLevel::Village, PrecisionLevel::District, PrecisionLevel::Approximate];

    pub fn id(self) -> &'static str {
        match self {
            PrecisionLevel::Exact => "exact",
            PrecisionLevel::Village => "village",
            PrecisionLevel::District => "district",
            PrecisionLevel::Approximate => "approximate",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Precision {
    pub level: PrecisionLevel,
    pub radius_km: f64,
    pub note: Option<String>,
}

impl Precision {
    /// The precision in words, e.g. "Location known only to the district; circle = 100 km".
    ///
    /// ```
    /// use article_map::domain::story::{Precision, PrecisionLevel};
    /// let p = Precision { level: PrecisionLevel::District, radius_km: 100.0, note: None };
    /// assert_eq!(p.in_words(), "Location known only to the district; circle = 100 km");
    /// ```
    pub fn in_words(&self) -> String {
        format!("{}; circle = {} km", self.level_in_words(), format_km(self.radius_km))
    }

    fn level_in_words(&self) -> &'static str {
        match self.level {
            PrecisionLevel::Exact => "Exact location",
            PrecisionLevel::Village => "Location known to the town or village",
            PrecisionLevel::District => "Location known only to the district",
            PrecisionLevel::Approximate => "Approximate location (an estimate)",
        }
    }

    /// Whether the point may be drawn as a surveyed one.
    pub fn is_pinpointed(&self) -> bool {
        matches!(self.level, PrecisionLevel::Exact | PrecisionLevel::Village)
    }
}

fn format_km(km: f64) -> String {
    if km.fract() == 0.0 {
        format!("{km:.0}")
    } else {
        format!("{km:.1}")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub publisher: String,
    pub date: Option<String>,
    pub url: String,
    pub claim: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub source: Option<String>,
}

/// A quote after checking it against the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub selector: QuoteSelector,
    /// Where it is, or why it is not the article's.
    pub place: Result<QuotePlace, QuoteError>,
}

/// A verified quote's place in the article.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotePlace {
    pub section: usize,
    pub paragraph_id: String,
    /// Byte range in the paragraph's text.
    pub start: usize,
    pub end: usize,
    /// The article's own words for the range.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StoryGeometry {
    Point(LonLat),
    Lines(Vec<Vec<LonLat>>),
    Areas(Vec<Vec<Vec<LonLat>>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoryFeature {
    pub id: FeatureId,
    pub title: String,
    /// The short name written beside its symbol on the map (the package's `label`, or [`short_label`] of the
    /// title).
    pub label: String,
    /// Its names in the region's languages and scripts (the package's `names`), in the package's order.
    pub names: Vec<LocalName>,
    pub description: Option<String>,
    pub kind: FeatureKind,
    pub geometry: StoryGeometry,
    /// Where the marker stands.
    pub anchor: LonLat,
    pub precision: Precision,
    pub confidence: Confidence,
    pub sources: Vec<Source>,
    pub quotes: Vec<Quote>,
    pub notes: Option<String>,
    pub figures: Vec<Figure>,
}

/// How many characters a label keeps when it is made from a title.
pub const SHORT_LABEL_CHARS: usize = 32;

/// A label made from a title: the title up to its first comma, colon or opening bracket, at most
/// [`SHORT_LABEL_CHARS`] characters (cut at a word, with "…").
///
/// ```
/// use article_map::domain::story::short_label;
/// assert_eq!(short_label("Russia’s 201st Military Base: Dushanbe garrison"), "Russia’s 201st Military Base");
/// assert_eq!(short_label("Tajik–Afghan border (Panj and Pamir rivers)"), "Tajik–Afghan border");
/// assert_eq!(short_label("Kashgar"), "Kashgar");
/// assert_eq!(short_label("A very long title that goes on and on past the limit"), "A very long title that goes on…");
/// ```
pub fn short_label(title: &str) -> String {
    let head = title.split([',', ':', '(']).next().unwrap_or(title).trim();
    let head = if head.is_empty() { title.trim() } else { head };
    if head.chars().count() <= SHORT_LABEL_CHARS {
        return head.to_string();
    }
    let cut: String = head.chars().take(SHORT_LABEL_CHARS - 1).collect();
    let at_word = cut.rsplit_once(' ').map(|(w, _)| w).filter(|w| !w.is_empty()).unwrap_or(&cut);
    format!("{}…", at_word.trim_end())
}

impl StoryFeature {
    /// The quotes verified against the article.
    pub fn verified_quotes(&self) -> impl Iterator<Item = &QuotePlace> {
        self.quotes.iter().filter_map(|q| q.place.as_ref().ok())
    }

    /// Whether the map draws its precision as a circle around the marker: a point with a radius, unless it is
    /// a region (a region is named by its label or drawn by its own shape, never by a circle that would wash
    /// over the map).
    pub fn shows_precision_circle(&self) -> bool {
        matches!(self.geometry, StoryGeometry::Point(_))
            && self.precision.radius_km > 0.0
            && self.kind != FeatureKind::Region
    }

    /// Its precision in words, as the map shows it: with the circle's size, or, for a region given as a point
    /// (which has no circle), how far it reaches.
    ///
    /// ```
    /// use article_map::domain::story::Story;
    /// let story = Story::from_json(include_str!("../../../assets/story/umarov-tajikistan-2021.json")).unwrap();
    /// let region = story.feature("region_central_asia").unwrap();
    /// assert_eq!(region.precision_in_words(), "Approximate location (an estimate); reaches about 1500 km");
    /// let site = story.feature("new_site_ishkashim_wakhan").unwrap();
    /// assert!(site.precision_in_words().ends_with("circle = 100 km"));
    /// ```
    pub fn precision_in_words(&self) -> String {
        let region_point = self.kind == FeatureKind::Region && matches!(self.geometry, StoryGeometry::Point(_));
        if !region_point || self.precision.radius_km <= 0.0 {
            return self.precision.in_words();
        }
        format!("{}; reaches about {} km", self.precision.level_in_words(), format_km(self.precision.radius_km))
    }

    /// Whether its marker may look like a surveyed point: confirmed and pinpointed.
    pub fn looks_surveyed(&self) -> bool {
        self.confidence == Confidence::Confirmed && self.precision.is_pinpointed()
    }
}

/// One thing wrong in a package, and where (a JSON path such as `features[3].properties.quotes[1]`).
pub type StoryProblem = super::geojson_reader::ReadError;

/// A story that passed every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub article: Article,
    pub features: Vec<StoryFeature>,
    /// Quotes that are not the article's words (the feature is shown; the quote is not shown as the
    /// article's).
    pub warnings: Vec<StoryProblem>,
}

impl Story {
    /// A story with no text and no feature (what is shown if even the built-in story cannot be read).
    pub fn empty() -> Story {
        Story {
            article: Article {
                title: String::new(),
                author: None,
                publisher: None,
                date: None,
                url: None,
                original_url: None,
                attribution: None,
                sections: Vec::new(),
            },
            features: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn feature(&self, id: &str) -> Option<&StoryFeature> {
        self.features.iter().find(|f| f.id == id)
    }

    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.article.sections.iter().enumerate().flat_map(|(i, s)| s.paragraphs.iter().map(move |p| (i, p)))
    }

    /// Reads and checks a package. Every problem is listed; any problem refuses the package.
    pub fn from_json(text: &str) -> Result<Story, Vec<StoryProblem>> {
        Story::from_json_with(text, &StoryLimits::DEFAULT)
    }

    /// [`Story::from_json`] with other limits.
    pub fn from_json_with(text: &str, limits: &StoryLimits) -> Result<Story, Vec<StoryProblem>> {
        if text.len() > limits.max_bytes {
            return Err(vec![StoryProblem {
                path: String::new(),
                message: format!(
                    "the package is {} bytes; the limit is {} bytes ({:.1} MiB)",
                    thousands(text.len() as u64),
                    thousands(limits.max_bytes as u64),
                    limits.max_bytes as f64 / (1024.0 * 1024.0)
                ),
            }]);
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|e| vec![StoryProblem { path: String::new(), message: format!("not valid JSON: {e}") }])?;
        let mut reader = Reader { problems: Vec::new(), limits: *limits, quotes: 0 };
        let story = reader.package(&value);
        match story {
            Some(story) if reader.problems.is_empty() => Ok(story),
            _ => Err(reader.problems),
        }
    }
}

/// A run of a paragraph's text and the verified quotes that cover it, as (feature index, quote index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub quotes: Vec<(usize, usize)>,
}

impl Story {
    /// A paragraph cut at every quote boundary, so that each run is either unquoted or covered by the same
    /// quotes throughout (quotes of different features may overlap).
    ///
    /// ```
    /// use article_map::domain::story::Story;
    /// let story = Story::from_json(r#"{"format":"article-map/story@1",
    ///   "article":{"title":"T","sections":[{"id":"s","paragraphs":[{"id":"p1","text":"one two three"}]}]},
    ///   "features":{"type":"FeatureCollection","features":[
    ///     {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[70,37]},"properties":{"title":"A",
    ///      "kind":"city","confidence":"confirmed","precision":{"level":"exact","radius_km":1},
    ///      "sources":[{"publisher":"P","url":"https://example.org"}],"quotes":[{"exact":"one two"},{"exact":"two three"}]}}]}}"#).unwrap();
    /// let runs: Vec<_> = story.segments("p1").iter().map(|s| (s.start, s.end, s.quotes.len())).collect();
    /// assert_eq!(runs, [(0, 4, 1), (4, 7, 2), (7, 13, 1)]);
    /// ```
    pub fn segments(&self, paragraph_id: &str) -> Vec<Segment> {
        let Some((_, paragraph)) = self.paragraphs().find(|(_, p)| p.id == paragraph_id) else { return Vec::new() };
        let mut covering = Vec::new();
        for (fi, feature) in self.features.iter().enumerate() {
            for (qi, quote) in feature.quotes.iter().enumerate() {
                if let Ok(place) = &quote.place {
                    if place.paragraph_id == paragraph_id {
                        covering.push((place.start, place.end, (fi, qi)));
                    }
                }
            }
        }
        let mut cuts: Vec<usize> = covering.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
        cuts.extend([0, paragraph.text.len()]);
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .map(|w| Segment {
                start: w[0],
                end: w[1],
                quotes: covering.iter().filter(|(a, b, _)| *a <= w[0] && w[1] <= *b).map(|(_, _, q)| *q).collect(),
            })
            .collect()
    }
}
