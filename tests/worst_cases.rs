//! The worst inputs the limits allow, and just past them: each is accepted or refused as designed. These
//! assert outcomes only; how long they take is measured in `bench/hot_paths.rs`, not here.

use article_map::domain::annotation::{Annotation, AnnotationDocument, AnnotationGeometry};
use article_map::domain::coords::LonLat;
use article_map::domain::quote_index::{QuoteError, COUNT_CAP};
use article_map::domain::shared_annotations::{self, MAX_LINK_ANNOTATIONS};
use article_map::domain::story::{Story, StoryLimits};
use serde_json::{json, Value};

fn feature(id: usize, quotes: Vec<Value>) -> Value {
    json!({"type": "Feature", "id": format!("f{id}"),
        "geometry": {"type": "Point", "coordinates": [70.0, 37.0]},
        "properties": {"title": "T", "kind": "site", "confidence": "reported",
            "precision": {"level": "district", "radius_km": 10},
            "sources": [{"publisher": "P", "url": "https://example.org"}], "quotes": quotes}})
}

fn package(paragraphs: Vec<String>, features: Vec<Value>) -> String {
    let paragraphs: Vec<Value> =
        paragraphs.into_iter().enumerate().map(|(i, text)| json!({"id": format!("p{i}"), "text": text})).collect();
    json!({"format": "article-map/story@1",
        "article": {"title": "T", "sections": [{"id": "s", "paragraphs": paragraphs}]},
        "features": {"type": "FeatureCollection", "features": features}})
    .to_string()
}

#[test]
fn a_300_kb_story_with_a_self_overlapping_quote_is_refused_by_its_limits() {
    // The paragraph is past the paragraph limit and the quote past the quote limit: refused, named.
    let text = package(vec!["a".repeat(100_000)], vec![feature(0, vec![json!({"exact": "a".repeat(50_000)})])]);
    assert!(text.len() > 150_000);
    let problems = Story::from_json(&text).unwrap_err();
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        said.iter().any(|p| p.contains("article.sections[0].paragraphs[0].text") && p.contains("20,000")),
        "{said:?}"
    );
    assert!(said.iter().any(|p| p.contains("quotes[0].exact") && p.contains("2,000")), "{said:?}");
}

#[test]
fn a_self_overlapping_quote_within_the_limits_stops_counting_at_the_cap() {
    // 15 paragraphs of 20,000 "a" (300 KB of article) and quotes of 2,000 "a": each is ambiguous.
    let paragraphs = vec!["a".repeat(20_000); 15];
    let quotes = vec![json!({"exact": "a".repeat(2_000)}); 5];
    let story = Story::from_json(&package(paragraphs, vec![feature(0, quotes)])).unwrap();
    for quote in &story.features[0].quotes {
        assert_eq!(quote.place, Err(QuoteError::Ambiguous { occurrences: COUNT_CAP }), "counted up to the cap");
        assert!(quote.place.as_ref().unwrap_err().to_string().contains("at least 100 places"));
    }
}

#[test]
fn a_story_at_the_size_limit_is_read_and_one_byte_more_is_refused() {
    let limits = StoryLimits::default();
    // A Cyrillic article within its limits, and the bytes made up by features' descriptions.
    let paragraph = "Ишкашим, 2021. ".repeat(700); // ≈ 10,500 characters, 19 KB
    let quote = json!({"exact": "Ишкашим, 2021. Ишкашим", "prefix": "", "suffix": ""});
    let described = |i: usize, chars: usize| {
        let mut f = feature(i + 2, vec![]);
        f["properties"]["description"] = json!("x".repeat(chars));
        f
    };
    let build = |n: usize, pad: usize| {
        let mut ps = vec![paragraph.clone(); 20];
        ps.push("The end.".into());
        let mut features = vec![feature(0, vec![quote.clone()]), feature(1, vec![json!("The end.")])];
        features.extend((0..n).map(|i| described(i, 19_000)));
        features.push(described(n, pad));
        package(ps, features)
    };
    let base = build(0, 0).len();
    let per = build(1, 0).len() - base;
    let n = (limits.max_bytes - base) / per;
    let pad = limits.max_bytes - build(n, 0).len();
    assert!(pad < limits.max_paragraph_chars);
    let at_limit = build(n, pad);
    assert_eq!(at_limit.len(), limits.max_bytes);
    let story = Story::from_json(&at_limit).expect("a package of exactly the limit is read");
    assert!(story.features[0].quotes[0].place.is_err(), "repeated in every paragraph: ambiguous");
    assert!(story.features[1].quotes[0].place.is_ok());
    let over = at_limit.replacen("\"title\":\"T", "\"title\":\"TT", 1);
    let problems = Story::from_json(&over).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("1,048,576 bytes") && problems[0].path.is_empty(), "{}", problems[0]);
}

#[test]
fn an_article_past_its_length_limit_is_refused() {
    let limits = StoryLimits::default();
    let paragraphs =
        vec!["a".repeat(limits.max_paragraph_chars); limits.max_article_chars / limits.max_paragraph_chars + 1];
    let problems = Story::from_json(&package(paragraphs, vec![feature(0, vec![])])).unwrap_err();
    assert!(
        problems.iter().any(|p| p.path == "article.sections" && p.message.contains("limit is 300,000")),
        "{problems:?}"
    );
}

#[test]
fn counts_past_the_story_limits_are_refused_with_their_paths() {
    let limits = StoryLimits::default();
    let quotes = vec![json!("x"); limits.max_quotes_per_feature + 1];
    let problems = Story::from_json(&package(vec!["x".into()], vec![feature(0, quotes)])).unwrap_err();
    assert!(problems
        .iter()
        .any(|p| p.path == "features.features[0].properties.quotes" && p.message.contains("limit is 50")));
    let features: Vec<Value> = (0..limits.max_features + 1).map(|i| feature(i, vec![])).collect();
    let problems = Story::from_json(&package(vec!["x".into()], features)).unwrap_err();
    assert!(problems.iter().any(|p| p.path == "features.features" && p.message.contains("1,000")), "{problems:?}");
    let long_id = "я".repeat(100_000);
    let mut bad = feature(0, vec![]);
    bad["properties"]["kind"] = json!(long_id);
    let problems = Story::from_json(&package(vec!["x".into()], vec![bad])).unwrap_err();
    assert!(
        problems.iter().all(|p| p.message.chars().count() < 200),
        "messages quote at most 80 characters: {problems:?}"
    );
}

fn link_doc(n: usize) -> AnnotationDocument {
    let annotations: Vec<Annotation> = (0..n)
        .map(|i| {
            let mut a = Annotation::new(String::new(), AnnotationGeometry::Point(LonLat::new(71.0, 37.0)));
            a.note = format!("{}", i % 3);
            a
        })
        .collect();
    AnnotationDocument::default().with_imported(annotations)
}

#[test]
fn a_link_with_the_most_annotations_reads_and_one_more_is_refused() {
    let blob = shared_annotations::encode(&link_doc(MAX_LINK_ANNOTATIONS)).expect("500 alike points fit in a link");
    assert_eq!(shared_annotations::decode(&blob).unwrap().len(), MAX_LINK_ANNOTATIONS);
    assert!(shared_annotations::encode(&link_doc(MAX_LINK_ANNOTATIONS + 1)).is_err());
    let doc = link_doc(MAX_LINK_ANNOTATIONS + 1);
    let why = shared_annotations::link_refusal(&doc.annotations).unwrap();
    assert!(why.contains("500") && why.contains("Export GeoJSON"), "{why}");
}
