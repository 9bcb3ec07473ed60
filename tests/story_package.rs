//! The story package reader: a valid package loads; each rule, broken on its own, is refused with its own
//! message and JSON path; quotes that are not verbatim become warnings, never the article's words.

use article_map::domain::quote_index::QuoteError;
use article_map::domain::story::{Confidence, FeatureKind, PrecisionLevel, Story, StoryGeometry};
use serde_json::{json, Value};

fn valid() -> Value {
    json!({
        "format": "article-map/story@1",
        "article": {
            "title": "A test article",
            "author": "A. Writer",
            "sections": [
                {"id": "intro", "heading": null, "paragraphs": [
                    {"id": "p1", "text": "China built a “police academy” in Ishkashim.\u{00A0}It said so twice."},
                    {"id": "p2", "text": "It said so twice. The end."}
                ]}
            ]
        },
        "features": {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "academy",
             "geometry": {"type": "Point", "coordinates": [71.6117, 36.7272]},
             "properties": {
                "title": "Police academy", "kind": "site", "confidence": "reported",
                "precision": {"level": "district", "radius_km": 100},
                "sources": [{"publisher": "RFE/RL", "date": "2021-10-27", "url": "https://example.org/a", "claim": "x"}],
                "quotes": [
                    {"exact": "a \"police academy\" in Ishkashim", "prefix": "China built ", "suffix": "."},
                    {"exact": "It said so twice.", "prefix": "", "suffix": " The end."}
                ]
             }},
            {"type": "Feature", "id": "border",
             "geometry": {"type": "LineString", "coordinates": [[70.0, 37.0], [72.0, 37.0]]},
             "properties": {
                "title": "A border", "kind": "border", "confidence": "confirmed",
                "precision": {"level": "exact", "radius_km": 0},
                "sources": [{"publisher": "Natural Earth", "url": "https://example.org/ne"}]
             }}
        ]}
    })
}

fn load(value: &Value) -> Result<Story, Vec<String>> {
    Story::from_json(&value.to_string()).map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

fn refused(mutate: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut package = valid();
    mutate(&mut package);
    load(&package).expect_err("the broken package must be refused")
}

fn assert_says(problems: &[String], expected: &str) {
    assert!(problems.iter().any(|p| p.contains(expected)), "expected {expected:?} in {problems:#?}");
}

#[test]
fn a_valid_package_loads_with_its_quotes_resolved() {
    let story = load(&valid()).unwrap();
    assert_eq!(story.features.len(), 2);
    assert!(story.warnings.is_empty(), "{:?}", story.warnings);
    let academy = story.feature("academy").unwrap();
    assert_eq!(academy.kind, FeatureKind::Site);
    assert_eq!(academy.confidence, Confidence::Reported);
    assert_eq!(academy.precision.level, PrecisionLevel::District);
    let quotes: Vec<_> = academy.verified_quotes().collect();
    // The article's own characters (curly quotes), though the package used straight ones.
    assert_eq!(quotes[0].text, "a “police academy” in Ishkashim");
    assert_eq!(quotes[1].paragraph_id, "p2", "the prefix picks the second 'It said so twice.'");
    for q in quotes {
        let paragraph = story.paragraphs().find(|(_, p)| p.id == q.paragraph_id).unwrap().1;
        assert_eq!(&paragraph.text[q.start..q.end], q.text);
    }
    // A line's marker defaults to its middle.
    let border = story.feature("border").unwrap();
    assert!((border.anchor.lon - 71.0).abs() < 1e-6 && matches!(border.geometry, StoryGeometry::Lines(_)));
}

#[test]
fn json_that_does_not_parse_is_refused() {
    let problems = Story::from_json("{\"format\": ").unwrap_err();
    assert!(problems[0].message.starts_with("not valid JSON"), "{problems:?}");
}

#[test]
fn wrong_or_missing_format_is_refused() {
    assert_says(&refused(|p| p["format"] = json!("other@9")), "format: is \"other@9\"");
    assert_says(
        &refused(|p| p.as_object_mut().unwrap().remove("format").map(drop).unwrap_or(())),
        "format: is required",
    );
}

#[test]
fn article_rules() {
    assert_says(&refused(|p| p["article"]["title"] = json!("  ")), "article.title: must not be empty");
    assert_says(&refused(|p| p["article"]["sections"] = json!([])), "article.sections: must hold at least one section");
    assert_says(
        &refused(|p| p["article"]["sections"][0]["paragraphs"][1]["id"] = json!("p1")),
        "article.sections[0].paragraphs[1].id: \"p1\" is used by another paragraph",
    );
    assert_says(
        &refused(|p| p["article"]["sections"][0]["paragraphs"][0]["text"] = json!(7)),
        "article.sections[0].paragraphs[0].text: must be a string",
    );
    assert_says(
        &refused(|p| {
            let s = p["article"]["sections"][0].clone();
            p["article"]["sections"].as_array_mut().unwrap().push(s);
        }),
        "article.sections[1].id: \"intro\" is used by another section",
    );
    assert_says(
        &refused(|p| p.as_object_mut().unwrap().remove("article").map(drop).unwrap_or(())),
        "article: is required",
    );
}

#[test]
fn feature_rules() {
    let f = "features.features[0]";
    assert_says(&refused(|p| p["features"]["type"] = json!("Feature")), "features.type: must be \"FeatureCollection\"");
    assert_says(
        &refused(|p| p["features"]["features"][1]["id"] = json!("academy")),
        "features.features[1].id: \"academy\" is used by another feature",
    );
    assert_says(&refused(|p| p["features"]["features"][0]["id"] = Value::Null), &format!("{f}.id: is required"));
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["title"] = Value::Null),
        &format!("{f}.properties.title: is required"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["kind"] = json!("castle")),
        "\"castle\" is not one of site, base, border",
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["confidence"] = json!("sure")),
        "\"sure\" is not one of confirmed, reported",
    );
}

#[test]
fn geometry_rules() {
    let g = "features.features[0].geometry";
    assert_says(&refused(|p| p["features"]["features"][0]["geometry"] = Value::Null), &format!("{g}: is required"));
    assert_says(
        &refused(|p| p["features"]["features"][0]["geometry"]["type"] = json!("Circle")),
        "\"Circle\" is not supported",
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["geometry"]["coordinates"] = json!([200.0, 36.0])),
        &format!("{g}.coordinates: [200, 36] is not a WGS84 longitude, latitude"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][1]["geometry"]["coordinates"] = json!([[70.0, 37.0]])),
        "features.features[1].geometry.coordinates: a LineString needs at least 2 positions, found 1",
    );
    assert_says(
        &refused(|p| {
            p["features"]["features"][0]["geometry"] =
                json!({"type": "Polygon", "coordinates": [[[70, 37], [71, 37], [71, 38], [70, 38]]]})
        }),
        "the linear ring is not closed",
    );
}

#[test]
fn a_coordinate_that_is_not_a_number_is_refused_at_its_path() {
    // Once dropped without a word: [71.6, "36.7"] read as a position of one number, [71.6, 37, null] as [71.6, 37].
    let g = "features.features[0].geometry.coordinates";
    assert_says(
        &refused(|p| p["features"]["features"][0]["geometry"]["coordinates"] = json!([71.6117, "36.7272"])),
        &format!("{g}[1]: must be a number (latitude), found the string \"36.7272\""),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["geometry"]["coordinates"] = json!(["x", 71.6117, 36.7272])),
        &format!("{g}[0]: must be a number (longitude), found the string \"x\""),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["geometry"]["coordinates"] = json!([71.6117, 36.7272, null])),
        &format!("{g}[2]: must be a number (altitude), found null"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][1]["geometry"]["coordinates"][1] = json!([72.0, true])),
        "features.features[1].geometry.coordinates[1][1]: must be a number (latitude), found the boolean true",
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["anchor"] = json!([71.6, "north"])),
        "features.features[0].properties.anchor[1]: must be a number (latitude), found the string \"north\"",
    );
    // An altitude that is a number is still read (and dropped).
    let mut package = valid();
    package["features"]["features"][0]["geometry"]["coordinates"] = json!([71.6117, 36.7272, 2600]);
    assert!(load(&package).is_ok());
}

#[test]
fn precision_rules() {
    let at = "features.features[0].properties.precision";
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["precision"] = Value::Null),
        &format!("{at}: is required"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["precision"]["radius_km"] = json!(-5)),
        &format!("{at}.radius_km: -5 is not a distance"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["precision"]["level"] = json!("street")),
        &format!("{at}.level: \"street\" is not one of"),
    );
}

#[test]
fn source_rules() {
    let at = "features.features[0].properties.sources";
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["sources"] = json!([])),
        &format!("{at}: must list at least one source"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["sources"][0]["url"] = json!("javascript:alert(1)")),
        &format!("{at}[0].url: \"javascript:alert(1)\" is not an http(s) address"),
    );
    assert_says(
        &refused(|p| p["features"]["features"][0]["properties"]["sources"][0]["publisher"] = Value::Null),
        &format!("{at}[0].publisher: is required"),
    );
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let problems = refused(|p| {
        p["article"]["title"] = json!("");
        p["features"]["features"][0]["properties"]["kind"] = json!("castle");
        p["features"]["features"][1]["properties"]["confidence"] = json!("sure");
    });
    assert!(problems.len() >= 3, "{problems:#?}");
}

#[test]
fn quotes_that_are_not_verbatim_are_warnings_and_never_the_articles_words() {
    let mut package = valid();
    package["features"]["features"][0]["properties"]["quotes"] = json!([
        {"exact": "China built a naval base"},
        {"exact": "It said so twice."},
        {"exact": "police academy", "prefix": "Russia built a ", "suffix": ""}
    ]);
    let story = load(&package).unwrap();
    let academy = story.feature("academy").unwrap();
    assert_eq!(academy.verified_quotes().count(), 0);
    assert_eq!(academy.quotes[0].place, Err(QuoteError::NotFound));
    assert_eq!(academy.quotes[1].place, Err(QuoteError::Ambiguous { occurrences: 2 }));
    assert_eq!(academy.quotes[2].place, Err(QuoteError::ContextMismatch { occurrences: 1 }));
    let paths: Vec<_> = story.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "features.features[0].properties.quotes[0]",
            "features.features[0].properties.quotes[1]",
            "features.features[0].properties.quotes[2]"
        ]
    );
}

#[test]
fn hostile_strings_are_kept_as_plain_text() {
    let mut package = valid();
    package["features"]["features"][0]["properties"]["title"] = json!("<img src=x onerror=alert(1)>");
    let story = load(&package).unwrap();
    assert_eq!(story.feature("academy").unwrap().title, "<img src=x onerror=alert(1)>");
}

#[test]
fn a_feature_is_labelled_by_its_label_or_by_its_title_shortened() {
    let mut package = valid();
    package["features"]["features"][0]["properties"]["label"] = json!("Ishkashim: new academy");
    package["features"]["features"][1]["properties"]["title"] = json!("Tajik–Afghan border (Panj and Pamir rivers)");
    let story = load(&package).unwrap();
    assert_eq!(story.features[0].label, "Ishkashim: new academy");
    assert_eq!(story.features[1].label, "Tajik–Afghan border");
    let blank = {
        let mut p = valid();
        p["features"]["features"][0]["properties"]["label"] = json!("  ");
        load(&p).unwrap()
    };
    assert_eq!(blank.features[0].label, "Police academy", "a blank label falls back to the title");
    let not_text = refused(|p| p["features"]["features"][0]["properties"]["label"] = json!(42));
    assert_says(&not_text, "features.features[0].properties.label");
}

#[test]
fn names_in_local_scripts_are_read_in_order_with_their_tags() {
    let mut package = valid();
    package["features"]["features"][0]["properties"]["names"] = json!([
        {"lang": "tg", "text": "Ишкошим"},
        {"lang": "fa-AF", "text": "اشکاشم"},
        {"lang": "zh-Hans", "text": "伊什卡希姆"}
    ]);
    let story = load(&package).unwrap();
    let names: Vec<(&str, &str)> = story.features[0].names.iter().map(|n| (n.lang.as_str(), n.text.as_str())).collect();
    assert_eq!(names, [("tg", "Ишкошим"), ("fa-AF", "اشکاشم"), ("zh-Hans", "伊什卡希姆")]);
    assert!(story.features[1].names.is_empty(), "names are optional");
    let null = {
        let mut p = valid();
        p["features"]["features"][0]["properties"]["names"] = Value::Null;
        load(&p).unwrap()
    };
    assert!(null.features[0].names.is_empty());
}

#[test]
fn a_bad_name_is_refused_at_its_path_and_hostile_text_stays_text() {
    let at = "features.features[0].properties.names";
    let with = |names: Value| refused(move |p| p["features"]["features"][0]["properties"]["names"] = names);
    assert_says(&with(json!({"lang": "tg"})), &format!("{at}: must be an array"));
    assert_says(&with(json!(["Ишкошим"])), &format!("{at}[0]: must be an object"));
    assert_says(&with(json!([{"text": "Ишкошим"}])), &format!("{at}[0].lang: is required"));
    assert_says(&with(json!([{"lang": "tg", "text": ""}])), &format!("{at}[0].text: must not be empty"));
    assert_says(&with(json!([{"lang": "tg", "text": 7}])), &format!("{at}[0].text: must be a string"));
    for bad in ["fa_AF", "tg\" onmouseover=\"x", "-tg", "tg--x", "тг", "a"] {
        assert_says(&with(json!([{"lang": bad, "text": "x"}])), &format!("{at}[0].lang: "));
    }
    let long_tag = with(json!([{"lang": format!("x-{}", ["abcdefgh"; 4].join("-")), "text": "x"}]));
    assert_says(&long_tag, "is not a language tag");
    let long_text = with(json!([{"lang": "tg", "text": "д".repeat(2_001)}]));
    assert_says(&long_text, "the limit is 2,000");
    let many: Vec<Value> = (0..51).map(|i| json!({"lang": "tg", "text": format!("name {i}")})).collect();
    assert_says(&with(Value::Array(many)), &format!("{at}: has 51 names; the limit is 50"));

    let mut package = valid();
    package["features"]["features"][0]["properties"]["names"] =
        json!([{"lang": "fa-AF", "text": "<img src=x onerror=alert(1)>\u{202E}"}]);
    let story = load(&package).unwrap();
    assert_eq!(story.features[0].names[0].text, "<img src=x onerror=alert(1)>\u{202E}");
}
