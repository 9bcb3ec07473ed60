//! A story package: an article (sections of paragraphs with stable ids) and the GeoJSON features that quote
//! it. Reading a package checks every rule and reports every problem with its JSON path; a package with a
//! problem is refused whole. Quotes that cannot be found verbatim do not refuse the package: they are kept as
//! warnings, never shown as the article's words.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::coords::LonLat;
use super::geodesy::line_length_m;
use super::geojson_reader::{join, Coordinates, Read};
use super::ids::FeatureId;
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
        let what = match self.level {
            PrecisionLevel::Exact => "Exact location",
            PrecisionLevel::Village => "Location known to the town or village",
            PrecisionLevel::District => "Location known only to the district",
            PrecisionLevel::Approximate => "Approximate location (an estimate)",
        };
        format!("{what}; circle = {} km", format_km(self.radius_km))
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

impl StoryFeature {
    /// The quotes verified against the article.
    pub fn verified_quotes(&self) -> impl Iterator<Item = &QuotePlace> {
        self.quotes.iter().filter_map(|q| q.place.as_ref().ok())
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

struct Reader {
    problems: Vec<StoryProblem>,
    limits: StoryLimits,
    /// Quotes read so far, all features together.
    quotes: usize,
}

/// Positions in a coordinates value (arrays whose first item is a number), counted without reading them.
fn positions_in(value: &Value) -> usize {
    match value.as_array() {
        Some(items) if items.first().is_some_and(Value::is_number) => 1,
        Some(items) => items.iter().map(positions_in).fold(0, usize::saturating_add),
        None => 0,
    }
}

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(StoryProblem { path: path.to_string(), message: message.into() });
    }

    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.problem(path, "must be an object");
        }
        object
    }

    /// The most characters the string at `key` may have.
    fn text_limit(&self, key: &str) -> usize {
        match key {
            "text" | "description" | "notes" | "claim" | "attribution" | "note" => self.limits.max_paragraph_chars,
            "exact" | "prefix" | "suffix" => self.limits.max_quote_chars,
            _ => self.limits.max_label_chars,
        }
    }

    /// Whether `text` is within `limit` characters; if not, says so at `path`.
    fn within(&mut self, text: &str, limit: usize, path: &str) -> bool {
        if text.len() <= limit || text.chars().count() <= limit {
            return true;
        }
        self.problem(
            path,
            format!(
                "is {} characters long; the limit is {}",
                thousands(text.chars().count() as u64),
                thousands(limit as u64)
            ),
        );
        false
    }

    /// The items of `items` up to `limit`; past it, a problem at `path` that names `what` and the limit.
    fn capped<'v>(&mut self, items: &'v [Value], limit: usize, path: &str, what: &str) -> &'v [Value] {
        if items.len() > limit {
            self.problem(
                path,
                format!("has {} {what}; the limit is {}", thousands(items.len() as u64), thousands(limit as u64)),
            );
        }
        items.get(..limit).unwrap_or(items)
    }

    fn required_text(&mut self, object: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        let at = join(path, key);
        let limit = self.text_limit(key);
        match object.get(key) {
            Some(Value::String(s)) if !self.within(s, limit, &at) => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.problem(&at, "must not be empty");
                None
            }
            None | Some(Value::Null) => {
                self.problem(&at, "is required");
                None
            }
            Some(_) => {
                self.problem(&at, "must be a string");
                None
            }
        }
    }

    fn optional_text(&mut self, object: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        let limit = self.text_limit(key);
        match object.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !self.within(s, limit, &join(path, key)) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.problem(&join(path, key), "must be a string or null");
                None
            }
        }
    }

    fn array<'v>(&mut self, object: &'v Map<String, Value>, key: &str, path: &str, required: bool) -> &'v [Value] {
        match object.get(key) {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) if !required => &[],
            None | Some(Value::Null) => {
                self.problem(&join(path, key), "is required");
                &[]
            }
            Some(_) => {
                self.problem(&join(path, key), "must be an array");
                &[]
            }
        }
    }

    fn package(&mut self, value: &Value) -> Option<Story> {
        let root = self.object(value, "")?;
        match root.get("format").and_then(Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => self.problem("format", format!("is {}; this app reads {FORMAT:?}", quoted(other))),
            None => self.problem("format", format!("is required and must be {FORMAT:?}")),
        }
        let article = match root.get("article") {
            Some(a) => self.article(a),
            None => {
                self.problem("article", "is required");
                None
            }
        };
        let features = match (root.get("features"), &article) {
            (Some(f), Some(article)) => self.features(f, article),
            (None, _) => {
                self.problem("features", "is required (a GeoJSON FeatureCollection)");
                None
            }
            _ => None,
        };
        let (article, (features, warnings)) = (article?, features?);
        Some(Story { article, features, warnings })
    }

    fn article(&mut self, value: &Value) -> Option<Article> {
        let path = "article";
        let object = self.object(value, path)?;
        let title = self.required_text(object, "title", path);
        let mut section_ids = HashSet::new();
        let mut paragraph_ids = HashSet::new();
        let mut paragraph_count = 0usize;
        let mut sections = Vec::new();
        let items = self.array(object, "sections", path, true);
        let items = self.capped(items, self.limits.max_sections, "article.sections", "sections");
        if items.is_empty() && object.get("sections").is_some_and(Value::is_array) {
            self.problem("article.sections", "must hold at least one section");
        }
        for (i, item) in items.iter().enumerate() {
            let at = format!("article.sections[{i}]");
            let Some(section) = self.object(item, &at) else { continue };
            let id = self.required_text(section, "id", &at);
            if let Some(id) = &id {
                if !section_ids.insert(id.clone()) {
                    self.problem(&join(&at, "id"), format!("{} is used by another section", quoted(id)));
                }
            }
            let heading = self.optional_text(section, "heading", &at);
            let mut paragraphs = Vec::new();
            let items = self.array(section, "paragraphs", &at, true);
            let room = self.limits.max_paragraphs.saturating_sub(paragraph_count);
            let what = format!(
                "paragraphs, which takes the article past its limit of {} paragraphs in all; here",
                thousands(self.limits.max_paragraphs as u64)
            );
            let items =
                if items.len() > room { self.capped(items, room, &join(&at, "paragraphs"), &what) } else { items };
            paragraph_count += items.len();
            for (j, p) in items.iter().enumerate() {
                let pat = format!("{at}.paragraphs[{j}]");
                let Some(po) = self.object(p, &pat) else { continue };
                let (pid, text) = (self.required_text(po, "id", &pat), self.required_text(po, "text", &pat));
                if let Some(pid) = &pid {
                    if !paragraph_ids.insert(pid.clone()) {
                        self.problem(&join(&pat, "id"), format!("{} is used by another paragraph", quoted(pid)));
                    }
                }
                if let (Some(id), Some(text)) = (pid, text) {
                    paragraphs.push(Paragraph { id, text });
                }
            }
            if let Some(id) = id {
                sections.push(Section { id, heading, paragraphs });
            }
        }
        if !items.is_empty() && paragraph_ids.is_empty() {
            self.problem("article.sections", "hold no paragraph: there is no text to quote");
        }
        let article_chars: usize = sections.iter().flat_map(|s| &s.paragraphs).map(|p| p.text.chars().count()).sum();
        if article_chars > self.limits.max_article_chars {
            self.problem(
                "article.sections",
                format!(
                    "the paragraphs hold {} characters in all; the limit is {}",
                    thousands(article_chars as u64),
                    thousands(self.limits.max_article_chars as u64)
                ),
            );
        }
        // A missing title is already a problem; reading on lists the features' problems too.
        Some(Article {
            title: title.unwrap_or_default(),
            author: self.optional_text(object, "author", path),
            publisher: self.optional_text(object, "publisher", path),
            date: self.optional_text(object, "date", path),
            url: self.optional_text(object, "url", path),
            original_url: self.optional_text(object, "original_url", path),
            attribution: self.optional_text(object, "attribution", path),
            sections,
        })
    }

    fn features(&mut self, value: &Value, article: &Article) -> Option<(Vec<StoryFeature>, Vec<StoryProblem>)> {
        let object = self.object(value, "features")?;
        if object.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
            self.problem("features.type", "must be \"FeatureCollection\"");
        }
        let paragraphs: Vec<(usize, &Paragraph)> =
            article.sections.iter().enumerate().flat_map(|(i, s)| s.paragraphs.iter().map(move |p| (i, p))).collect();
        let index = QuoteIndex::new(paragraphs.iter().map(|(_, p)| p.text.as_str()));
        let mut ids = HashSet::new();
        let mut features = Vec::new();
        let mut warnings = Vec::new();
        let items = self.array(object, "features", "features", true);
        let items = self.capped(items, self.limits.max_features, "features.features", "features");
        for (i, item) in items.iter().enumerate() {
            let at = format!("features.features[{i}]");
            if let Some(f) = self.feature(item, &at, &index, &paragraphs, &mut warnings) {
                if !ids.insert(f.id.clone()) {
                    self.problem(&join(&at, "id"), format!("{} is used by another feature", quoted(&f.id)));
                }
                features.push(f);
            }
        }
        Some((features, warnings))
    }

    fn feature(
        &mut self,
        value: &Value,
        path: &str,
        index: &QuoteIndex,
        paragraphs: &[(usize, &Paragraph)],
        warnings: &mut Vec<StoryProblem>,
    ) -> Option<StoryFeature> {
        let object = self.object(value, path)?;
        if object.get("type").and_then(Value::as_str) != Some("Feature") {
            self.problem(&join(path, "type"), "must be \"Feature\"");
        }
        let id = match object.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                let limit = self.limits.max_label_chars;
                self.within(s, limit, &join(path, "id")).then(|| s.clone())
            }
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => {
                self.problem(&join(path, "id"), "is required (a string or number unique in the package)");
                None
            }
        };
        let geometry = match object.get("geometry") {
            Some(g) if !g.is_null() => self.geometry(g, &join(path, "geometry")),
            _ => {
                self.problem(&join(path, "geometry"), "is required");
                None
            }
        };
        let ppath = join(path, "properties");
        let props = self.object(object.get("properties").unwrap_or(&Value::Null), &ppath)?;
        let title = self.required_text(props, "title", &ppath);
        let kind = self.required_text(props, "kind", &ppath).and_then(|k| {
            let kind = FeatureKind::parse(&k);
            if kind.is_none() {
                let known: Vec<_> = FeatureKind::ALL.iter().map(|k| k.id()).collect();
                self.problem(&join(&ppath, "kind"), format!("{} is not one of {}", quoted(&k), known.join(", ")));
            }
            kind
        });
        let confidence = self.required_text(props, "confidence", &ppath).and_then(|c| {
            let confidence = Confidence::parse(&c);
            if confidence.is_none() {
                let known: Vec<_> = Confidence::ALL.iter().map(|k| k.id()).collect();
                self.problem(&join(&ppath, "confidence"), format!("{} is not one of {}", quoted(&c), known.join(", ")));
            }
            confidence
        });
        let precision = self.precision(props.get("precision"), &join(&ppath, "precision"));
        let sources = self.sources(props, &ppath);
        let figures = self.figures(props, &ppath);
        let quotes = self.quotes(props, &ppath, index, paragraphs, warnings);
        let anchor = match props.get("anchor") {
            None | Some(Value::Null) => geometry.as_ref().and_then(default_anchor),
            Some(a) => self.read(Coordinates::new("Point").position(a, &join(&ppath, "anchor"))),
        };
        Some(StoryFeature {
            id: id?.into(),
            title: title?,
            description: self.optional_text(props, "description", &ppath),
            kind: kind?,
            anchor: anchor?,
            geometry: geometry?,
            precision: precision?,
            confidence: confidence?,
            sources,
            quotes,
            notes: self.optional_text(props, "notes", &ppath),
            figures,
        })
    }

    /// The value read, or `None` with the problem noted.
    fn read<T>(&mut self, read: Read<T>) -> Option<T> {
        read.map_err(|e| self.problem(&e.path, e.message)).ok()
    }

    fn geometry(&mut self, value: &Value, path: &str) -> Option<StoryGeometry> {
        let object = self.object(value, path)?;
        let coordinates = object.get("coordinates").unwrap_or(&Value::Null);
        let at = join(path, "coordinates");
        let positions = positions_in(coordinates);
        if positions > self.limits.max_vertices_per_feature {
            self.problem(
                &at,
                format!(
                    "has {} positions; the limit is {} for one feature",
                    thousands(positions as u64),
                    thousands(self.limits.max_vertices_per_feature as u64)
                ),
            );
            return None;
        }
        let kind = object.get("type").and_then(Value::as_str);
        let reader = Coordinates::new(kind.unwrap_or_default());
        match kind {
            Some("Point") => self.read(reader.position(coordinates, &at)).map(StoryGeometry::Point),
            Some("LineString") => self.read(reader.line(coordinates, &at)).map(|l| StoryGeometry::Lines(vec![l])),
            Some("MultiLineString") => match self.read(reader.lines(coordinates, &at)) {
                Some(lines) if lines.is_empty() => {
                    self.problem(&at, "must be a non-empty array of lines");
                    None
                }
                lines => lines.map(StoryGeometry::Lines),
            },
            Some("Polygon") => self.read(reader.polygon(coordinates, &at)).map(|p| StoryGeometry::Areas(vec![p])),
            Some("MultiPolygon") => match self.read(reader.polygons(coordinates, &at)) {
                Some(polygons) if polygons.is_empty() => {
                    self.problem(&at, "must be a non-empty array of polygons");
                    None
                }
                polygons => polygons.map(StoryGeometry::Areas),
            },
            Some(other) => {
                self.problem(
                    &join(path, "type"),
                    format!(
                        "{} is not supported: use Point, LineString, MultiLineString, Polygon or MultiPolygon",
                        quoted(other)
                    ),
                );
                None
            }
            None => {
                self.problem(&join(path, "type"), "is required");
                None
            }
        }
    }

    fn precision(&mut self, value: Option<&Value>, path: &str) -> Option<Precision> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            self.problem(path, "is required: { \"level\": exact|village|district|approximate, \"radius_km\": number }");
            return None;
        };
        let object = self.object(value, path)?;
        let level = self.required_text(object, "level", path).and_then(|l| {
            let level = PrecisionLevel::parse(&l);
            if level.is_none() {
                self.problem(
                    &join(path, "level"),
                    format!("{} is not one of exact, village, district, approximate", quoted(&l)),
                );
            }
            level
        });
        let radius_km = match object.get("radius_km").and_then(Value::as_f64) {
            Some(r) if r.is_finite() && r >= 0.0 => Some(r),
            Some(r) => {
                self.problem(&join(path, "radius_km"), format!("{r} is not a distance: use a number ≥ 0"));
                None
            }
            None => {
                self.problem(&join(path, "radius_km"), "is required (the uncertainty radius in km)");
                None
            }
        };
        let note = self.optional_text(object, "note", path);
        Some(Precision { level: level?, radius_km: radius_km?, note })
    }

    fn sources(&mut self, props: &Map<String, Value>, path: &str) -> Vec<Source> {
        let items = self.array(props, "sources", path, true);
        let items = self.capped(items, self.limits.max_sources_per_feature, &join(path, "sources"), "sources");
        if items.is_empty() && props.get("sources").is_some_and(Value::is_array) {
            self.problem(&join(path, "sources"), "must list at least one source");
        }
        let mut sources = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}.sources[{i}]");
            let Some(object) = self.object(item, &at) else { continue };
            let publisher = self.required_text(object, "publisher", &at);
            let url = self.required_text(object, "url", &at).and_then(|url| {
                let ok = url.starts_with("https://") || url.starts_with("http://");
                if !ok {
                    self.problem(&join(&at, "url"), format!("{} is not an http(s) address", quoted(&url)));
                }
                ok.then_some(url)
            });
            let (date, claim) = (self.optional_text(object, "date", &at), self.optional_text(object, "claim", &at));
            if let (Some(publisher), Some(url)) = (publisher, url) {
                sources.push(Source { publisher, date, url, claim });
            }
        }
        sources
    }

    fn figures(&mut self, props: &Map<String, Value>, path: &str) -> Vec<Figure> {
        let mut figures = Vec::new();
        let items = self.array(props, "figures", path, false);
        let items = self.capped(items, self.limits.max_sources_per_feature, &join(path, "figures"), "figures");
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}.figures[{i}]");
            let Some(object) = self.object(item, &at) else { continue };
            let (label, value) = (self.required_text(object, "label", &at), self.required_text(object, "value", &at));
            let source = self.optional_text(object, "source", &at);
            if let (Some(label), Some(value)) = (label, value) {
                figures.push(Figure { label, value, source });
            }
        }
        figures
    }

    fn quotes(
        &mut self,
        props: &Map<String, Value>,
        path: &str,
        index: &QuoteIndex,
        paragraphs: &[(usize, &Paragraph)],
        warnings: &mut Vec<StoryProblem>,
    ) -> Vec<Quote> {
        let mut quotes = Vec::new();
        let items = self.array(props, "quotes", path, false);
        let items = self.capped(items, self.limits.max_quotes_per_feature, &join(path, "quotes"), "quotes");
        let room = self.limits.max_quotes.saturating_sub(self.quotes);
        let what = format!(
            "quotes, which takes the package past its limit of {} quotes in all; here",
            thousands(self.limits.max_quotes as u64)
        );
        let items = if items.len() > room { self.capped(items, room, &join(path, "quotes"), &what) } else { items };
        self.quotes += items.len();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}.quotes[{i}]");
            let selector = match item {
                Value::String(exact) => {
                    let limit = self.limits.max_quote_chars;
                    if !self.within(exact, limit, &at) {
                        continue;
                    }
                    QuoteSelector { exact: exact.clone(), ..Default::default() }
                }
                Value::Object(object) => {
                    let Some(exact) = self.required_text(object, "exact", &at) else { continue };
                    QuoteSelector {
                        exact,
                        prefix: self.optional_text(object, "prefix", &at).unwrap_or_default(),
                        suffix: self.optional_text(object, "suffix", &at).unwrap_or_default(),
                    }
                }
                _ => {
                    self.problem(&at, "must be an object { exact, prefix, suffix } or a string");
                    continue;
                }
            };
            let place = index.resolve(&selector).and_then(|m| {
                let (section, paragraph) = paragraphs.get(m.paragraph).ok_or(QuoteError::NotFound)?;
                Ok(QuotePlace {
                    section: *section,
                    paragraph_id: paragraph.id.clone(),
                    start: m.start,
                    end: m.end,
                    text: m.text,
                })
            });
            if let Err(e) = &place {
                warnings.push(StoryProblem { path: at.clone(), message: e.to_string() });
            }
            quotes.push(Quote { selector, place });
        }
        quotes
    }
}

/// Where a feature's marker stands when the package does not say: the point itself, the middle (by length)
/// of the longest line, or the centre of the largest polygon's bounding box.
fn default_anchor(geometry: &StoryGeometry) -> Option<LonLat> {
    match geometry {
        StoryGeometry::Point(p) => Some(*p),
        StoryGeometry::Lines(lines) => {
            let line = lines.iter().max_by(|a, b| line_length_m(a).total_cmp(&line_length_m(b)))?;
            let half = line_length_m(line) / 2.0;
            let mut walked = 0.0;
            for pair in line.windows(2) {
                let step = line_length_m(pair);
                if walked + step >= half && step > 0.0 {
                    let t = (half - walked) / step;
                    return Some(LonLat::new(
                        pair[0].lon + t * (pair[1].lon - pair[0].lon),
                        pair[0].lat + t * (pair[1].lat - pair[0].lat),
                    ));
                }
                walked += step;
            }
            line.first().copied()
        }
        StoryGeometry::Areas(polygons) => {
            let outer = polygons.iter().filter_map(|p| p.first()).max_by_key(|r| r.len())?;
            let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for p in outer {
                (w, s, e, n) = (w.min(p.lon), s.min(p.lat), e.max(p.lon), n.max(p.lat));
            }
            Some(LonLat::new((w + e) / 2.0, (s + n) / 2.0))
        }
    }
}
