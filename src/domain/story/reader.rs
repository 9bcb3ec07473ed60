//! Reading a story package: every rule of the format checked, every problem named with its JSON path, every
//! quote found in the article (or reported), within the published limits.

use super::*;

pub(super) struct Reader {
    pub(super) problems: Vec<StoryProblem>,
    pub(super) limits: StoryLimits,
    /// Quotes read so far, all features together.
    pub(super) quotes: usize,
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
        let limit = self.text_limit(key);
        self.required_text_within(object, key, path, limit)
    }

    /// [`Reader::required_text`] with a limit of `limit` characters.
    fn required_text_within(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        path: &str,
        limit: usize,
    ) -> Option<String> {
        let at = join(path, key);
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

    pub(super) fn package(&mut self, value: &Value) -> Option<Story> {
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
        let label = self.optional_text(props, "label", &ppath).filter(|l| !l.trim().is_empty());
        let names = self.names(props, &ppath);
        let title = title?;
        Some(StoryFeature {
            id: id?.into(),
            label: label.unwrap_or_else(|| short_label(&title)),
            names,
            title,
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

    /// The feature's `names`: each `{lang, text}`, `lang` a language tag ([`is_language_tag`]), `text`
    /// non-empty and no longer than a label; at most [`StoryLimits::max_names_per_feature`] of them.
    fn names(&mut self, props: &Map<String, Value>, path: &str) -> Vec<LocalName> {
        let at = join(path, "names");
        let items = self.array(props, "names", path, false);
        let items = self.capped(items, self.limits.max_names_per_feature, &at, "names");
        let mut names = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{at}[{i}]");
            let Some(object) = self.object(item, &at) else { continue };
            let lang = self.required_text(object, "lang", &at).filter(|lang| {
                let ok = is_language_tag(lang);
                if !ok {
                    self.problem(
                        &join(&at, "lang"),
                        format!(
                            "{} is not a language tag: use letters, digits and hyphens, at most {MAX_TAG_CHARS} \
                             characters, e.g. \"tg\", \"fa-AF\" or \"zh-Hans\"",
                            quoted(lang)
                        ),
                    );
                }
                ok
            });
            let text = self.required_text_within(object, "text", &at, self.limits.max_label_chars);
            if let (Some(lang), Some(text)) = (lang, text) {
                names.push(LocalName { lang, text });
            }
        }
        names
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
