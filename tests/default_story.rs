//! The embedded default story (assets/story/, built by scripts/build-default-story from ../shared/facts):
//! it loads with no problem, and every quote is the article's words at exactly one place.

use article_map::domain::quote_index::{QuoteIndex, QuoteSelector};
use article_map::domain::story::{FeatureKind, PrecisionLevel, Story, StoryGeometry};

const DEFAULT_STORY: &str = include_str!("../assets/story/umarov-tajikistan-2021.json");

fn story() -> Story {
    Story::from_json(DEFAULT_STORY).unwrap_or_else(|problems| panic!("default story refused: {problems:#?}"))
}

#[test]
fn every_quote_resolves_to_exactly_one_place_verbatim() {
    let story = story();
    assert!(story.warnings.is_empty(), "unverified quotes: {:#?}", story.warnings);
    let paragraphs: Vec<&str> = story.paragraphs().map(|(_, p)| p.text.as_str()).collect();
    let index = QuoteIndex::new(paragraphs.iter().copied());
    let mut quotes = 0;
    for feature in &story.features {
        for quote in &feature.quotes {
            let place = quote.place.as_ref().unwrap();
            // Verbatim: the stored exact text is the article's text, character for character.
            assert_eq!(place.text, quote.selector.exact, "{}", feature.id);
            let paragraph = story.paragraphs().find(|(_, p)| p.id == place.paragraph_id).unwrap().1;
            assert_eq!(&paragraph.text[place.start..place.end], quote.selector.exact);
            // Exactly one place even without the context: the context is belt and braces.
            let bare = QuoteSelector { exact: quote.selector.exact.clone(), ..Default::default() };
            if let Err(e) = index.resolve(&bare) {
                assert!(matches!(e, article_map::domain::quote_index::QuoteError::Ambiguous { .. }), "{e}");
            }
            quotes += 1;
        }
    }
    assert!(quotes >= 70, "the default story quotes the article {quotes} times");
}

#[test]
fn the_article_is_the_shared_text_when_it_is_beside_the_repository() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/article/article.txt");
    let Ok(original) = std::fs::read_to_string(path) else {
        eprintln!("note: {path} is not here; the builder checked the article when the story was made");
        return;
    };
    let story = story();
    let headings: Vec<&str> = story.article.sections.iter().filter_map(|s| s.heading.as_deref()).collect();
    assert_eq!(headings, ["The Weakest Link", "The New Base", "Tajikistan’s Uniqueness", "No Threat to Russia"]);
    let blocks: Vec<&str> =
        original.split("\n\n").map(|b| b.trim_end_matches('\n')).filter(|b| !b.is_empty()).collect();
    let body: Vec<&str> = blocks.into_iter().filter(|b| !headings.contains(b)).collect();
    let ours: Vec<&str> = story.paragraphs().map(|(_, p)| p.text.as_str()).collect();
    assert_eq!(ours, body);
}

#[test]
fn every_feature_carries_precision_confidence_and_sources() {
    let story = story();
    assert_eq!(story.features.len(), 33);
    for f in &story.features {
        assert!(!f.sources.is_empty(), "{} has no source", f.id);
        assert!(f.sources.iter().all(|s| s.url.starts_with("http")), "{}", f.id);
        if f.precision.level != PrecisionLevel::Exact {
            assert!(f.precision.radius_km > 0.0, "{}: an estimate needs a radius", f.id);
        }
        assert!(!f.looks_surveyed() || f.precision.radius_km <= 20.0, "{} looks surveyed", f.id);
    }
    let new_site = story.feature("new_site_ishkashim_wakhan").unwrap();
    assert_eq!((new_site.precision.level, new_site.precision.radius_km), (PrecisionLevel::District, 100.0));
    assert!(!new_site.looks_surveyed());
    assert!(!story.feature("earlier_base_murghab_shaymak").unwrap().looks_surveyed());
}

#[test]
fn the_three_borders_are_lines_from_the_basemap() {
    let story = story();
    for id in ["border_tajik_afghan_panj", "border_tajik_chinese_kulma", "border_afghan_chinese_wakhjir"] {
        let f = story.feature(id).unwrap();
        assert_eq!(f.kind, FeatureKind::Border);
        assert!(matches!(&f.geometry, StoryGeometry::Lines(l) if l.iter().map(Vec::len).sum::<usize>() > 10), "{id}");
    }
    assert!(matches!(story.feature("region_wakhan_corridor").unwrap().geometry, StoryGeometry::Areas(_)));
}

#[test]
fn the_tour_and_the_timeline_come_from_the_article() {
    use article_map::domain::tour::{timeline, tour};
    let story = story();
    let steps = tour(&story);
    assert!(steps.len() >= 8 && steps.len() <= 16, "{} steps", steps.len());
    assert_eq!(steps[0].feature, None, "an opening step");
    let sections: Vec<&str> = steps.iter().skip(1).map(|s| s.section.as_str()).collect();
    assert!(sections.contains(&"The New Base") && sections.contains(&"No Threat to Russia"));
    assert!(steps.iter().any(|s| s.feature.as_deref() == Some("new_site_ishkashim_wakhan")));
    for s in steps.iter().skip(1) {
        let f = story.feature(s.feature.as_deref().unwrap()).unwrap();
        assert!(f.quotes[s.quote.unwrap()].place.is_ok(), "each step shows a verified quote");
    }
    let labels: Vec<String> = timeline(&story).into_iter().map(|e| e.label).collect();
    for date in [
        "1991",
        "mid-1990s",
        "2013",
        "2015",
        "2017",
        "2018",
        "2019",
        "August 2021",
        "October 27, 2021",
        "January 1, 2022",
    ] {
        assert!(labels.iter().any(|l| l == date), "the timeline names {date}: {labels:?}");
    }
    let position = |l: &str| labels.iter().position(|x| x == l).unwrap();
    assert!(position("1991") < position("mid-1990s") && position("October 27, 2021") < position("January 1, 2022"));
}
