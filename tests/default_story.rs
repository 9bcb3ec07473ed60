//! The embedded default story (assets/story/, built by scripts/build-default-story from ../shared/facts and
//! ../shared/article): it loads with no problem, its article is the article's text byte for byte (checked
//! against a checksum kept here, and against the file itself when ../shared is beside the repository), and
//! every quote is the article's words at exactly one place.

use std::io::Write;

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
    let ids: Vec<&str> = story.paragraphs().map(|(_, p)| p.id.as_str()).collect();
    let index = QuoteIndex::new(paragraphs.iter().copied());
    let mut quotes = 0;
    for feature in &story.features {
        for quote in &feature.quotes {
            let place = quote.place.as_ref().unwrap();
            // Verbatim: the stored exact text is the article's text, character for character.
            assert_eq!(place.text, quote.selector.exact, "{}", feature.id);
            let paragraph = story.paragraphs().find(|(_, p)| p.id == place.paragraph_id).unwrap().1;
            assert_eq!(&paragraph.text[place.start..place.end], quote.selector.exact);
            // Exactly one place even without the context (the builder requires each quote to occur once), and
            // the same place: the context is belt and braces.
            let bare = QuoteSelector { exact: quote.selector.exact.clone(), ..Default::default() };
            let alone = index.resolve(&bare).unwrap_or_else(|e| {
                panic!("{}: “{}” without its prefix and suffix: {e}", feature.id, quote.selector.exact)
            });
            assert_eq!(
                (ids[alone.paragraph], alone.start, alone.end),
                (place.paragraph_id.as_str(), place.start, place.end),
                "{}: “{}” alone is found at another place",
                feature.id,
                quote.selector.exact
            );
            quotes += 1;
        }
    }
    assert!(quotes >= 70, "the default story quotes the article {quotes} times");
}

/// The article the default story was built from: `../shared/article/article.txt` beside the repository (Temur
/// Umarov, “China’s security presence in Tajikistan”, Carnegie Moscow Center, 2021; 13,027 bytes of UTF-8, no
/// final newline), as scripts/build-default-story read it to build assets/story/umarov-tajikistan-2021.json.
/// `sha256sum ../shared/article/article.txt` prints this checksum. If the article is corrected, rebuild the
/// story and put the new checksum and size here, in the same commit.
const ARTICLE_SHA256: &str = "5f8431d08b3294570f738695eb7e301b2f27fcbacabc1899efe24374b5ce0bc0";
const ARTICLE_BYTES: usize = 13_027;
const HEADINGS: [&str; 4] = ["The Weakest Link", "The New Base", "Tajikistan’s Uniqueness", "No Threat to Russia"];

/// The story's article laid out as the text file is: each section's heading line (if it has one) and its
/// paragraphs, one blank line between blocks.
fn article_text(story: &Story) -> String {
    let blocks: Vec<&str> = story
        .article
        .sections
        .iter()
        .flat_map(|s| s.heading.as_deref().into_iter().chain(s.paragraphs.iter().map(|p| p.text.as_str())))
        .collect();
    blocks.join("\n\n")
}

#[test]
fn the_embedded_article_is_the_article_text_byte_for_byte() {
    // Always checked, with or without ../shared: the checksum above is the reference.
    let story = story();
    let headings: Vec<&str> = story.article.sections.iter().filter_map(|s| s.heading.as_deref()).collect();
    assert_eq!(headings, HEADINGS);
    assert_eq!(story.article.sections[0].heading, None, "the article opens with an untitled section");
    let text = article_text(&story);
    assert_eq!(text.len(), ARTICLE_BYTES, "the embedded article's size in bytes");
    assert_eq!(
        sha256_hex(text.as_bytes()),
        ARTICLE_SHA256,
        "the embedded article is not the article it was built from"
    );
}

#[test]
fn the_article_beside_the_repository_is_the_one_checked_in_when_it_is_there() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/article/article.txt");
    let original = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            // Written past the test harness's capture, so that every run shows it, not only --nocapture.
            let _ = writeln!(
                std::io::stderr(),
                "\nPART SKIPPED in {}: {path} cannot be read ({e}); the embedded article was checked against the \
                 checksum kept in this file only, not against the article file.",
                module_path!()
            );
            return;
        }
    };
    assert_eq!(sha256_hex(&original), ARTICLE_SHA256, "{path} is not the article this checksum was taken from");
    let original = String::from_utf8(original).expect("the article is UTF-8");
    let ours = article_text(&story());
    if ours != original {
        let (a, b): (Vec<&str>, Vec<&str>) = (ours.split("\n\n").collect(), original.split("\n\n").collect());
        let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        panic!("block {at} differs:\n  story: {:?}\n  file:  {:?}", a.get(at), b.get(at));
    }
}

#[test]
fn the_checksum_is_sha256() {
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(
        sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(sha256_hex(&[b'a'; 1_000]), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

/// SHA-256 (FIPS 180-4), enough for a checksum in a test.
fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&(data.len() as u64 * 8).to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            (hh, g, f, e, d, c, b, a) = (g, f, e, d.wrapping_add(t1), c, b, a, t1.wrapping_add(t2));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
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

#[test]
fn no_region_of_the_default_story_is_drawn_as_a_circle_but_its_estimated_sites_are() {
    let story =
        article_map::domain::story::Story::from_json(include_str!("../assets/story/umarov-tajikistan-2021.json"))
            .unwrap();
    let central_asia = story.feature("region_central_asia").expect("the Central Asia region");
    assert!(!central_asia.shows_precision_circle(), "a region is named, never a circle over the map");
    let site = story.feature("new_site_ishkashim_wakhan").unwrap();
    assert!(site.shows_precision_circle(), "an estimated site keeps its circle");
}

#[test]
fn the_places_carry_their_sourced_names_in_local_scripts() {
    use article_map::domain::local_names::{direction_of, name_in, Direction};
    let story = story();
    let name = |id: &str, lang: &str| name_in(&story.feature(id).unwrap().names, lang).map(|n| n.text.clone());
    assert_eq!(name("city_dushanbe", "fa-AF").as_deref(), Some("دوشنبه"));
    assert_eq!(name("city_kashgar", "ug").as_deref(), Some("قەشقەر"));
    assert_eq!(name("region_xinjiang", "zh-Hans").as_deref(), Some("新疆维吾尔自治区"));
    assert_eq!(name("town_ishkashim", "tg").as_deref(), Some("Ишкошим"));
    // Unsourced names are left out: the Russian name of Ishkoshim District, the Chinese name of the 201st base.
    assert_eq!(name("new_site_ishkashim_wakhan", "ru"), None);
    assert_eq!(name("ru_201st_base_dushanbe", "zh-Hans"), None);
    // An alias takes the names of the place it repeats.
    assert_eq!(name("border_tajik_afghan_panj", "ru").as_deref(), Some("Пяндж"), "the river's name");
    assert_eq!(name("exercise_cooperation_2019_kyrgyzstan", "zh-Hans"), name("city_urumqi", "zh-Hans"));
    let mut per_language = std::collections::BTreeMap::new();
    for n in story.features.iter().flat_map(|f| &f.names) {
        *per_language.entry(n.lang.as_str()).or_insert(0) += 1;
        let arabic = n.text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        assert_eq!(direction_of(&n.lang) == Direction::Rtl, arabic, "{n:?}");
    }
    let counts: Vec<(&str, i32)> = per_language.into_iter().collect();
    assert_eq!(counts, [("fa-AF", 26), ("ky", 19), ("ps", 16), ("ru", 28), ("tg", 27), ("ug", 14), ("zh-Hans", 28)]);
}
