//! A place's names in the region's own languages and scripts (a story feature's `names`): what a name is,
//! which language tags are accepted, which way a tag's script runs, the languages a reader may choose for
//! the map's labels, and the lookup of a name in a chosen language (shared by every layer whose places carry
//! names in the same `{lang, text}` shape).

/// One name of a place: its text in the language (and script) of a BCP 47 tag such as `tg`, `fa-AF`,
/// `zh-Hans` or `srh-Arab`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct LocalName {
    pub lang: String,
    pub text: String,
}

/// The longest language tag accepted, in characters (RFC 5646 §4.4.1 asks for 35 at least).
pub const MAX_TAG_CHARS: usize = 35;

/// Whether `tag` is accepted as a language tag: leniently, the shape of BCP 47 without checking any registry
/// — 1 to [`MAX_TAG_CHARS`] ASCII characters, subtags of 1–8 letters or digits joined by single hyphens, the
/// first one of 2–8 letters (or a private-use `x`). Nothing that could break out of an attribute gets
/// through.
///
/// ```
/// use article_map::domain::local_names::is_language_tag;
/// assert!(is_language_tag("fa-AF") && is_language_tag("zh-Hans") && is_language_tag("srh-Arab"));
/// assert!(is_language_tag("x-local"));
/// assert!(!is_language_tag("") && !is_language_tag("fa_AF") && !is_language_tag("-fa") && !is_language_tag("fa--AF"));
/// assert!(!is_language_tag("en\" onload=\"x") && !is_language_tag("ru-") && !is_language_tag("1ab"));
/// assert!(!is_language_tag(&"a".repeat(36)));
/// ```
pub fn is_language_tag(tag: &str) -> bool {
    if tag.is_empty() || tag.len() > MAX_TAG_CHARS {
        return false;
    }
    let mut subtags = tag.split('-');
    let first = subtags.next().unwrap_or_default();
    let first_ok = first.eq_ignore_ascii_case("x")
        || ((2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Which way a text runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` or SVG `direction` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Languages written right to left when their tag names no script.
const RTL_LANGUAGES: [&str; 10] = ["fa", "prs", "ps", "ug", "ur", "ar", "he", "ckb", "sd", "yi"];
/// Scripts written right to left (ISO 15924).
const RTL_SCRIPTS: [&str; 8] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand"];

/// The writing direction of a tag: a script subtag decides (`-Arab` runs right to left, `-Cyrl` or `-Latn`
/// left to right); without one, the language does (Persian, Dari, Pashto, Uyghur, Urdu, Arabic, Hebrew,
/// Sorani, Sindhi and Yiddish run right to left).
///
/// ```
/// use article_map::domain::local_names::{direction_of, Direction};
/// for rtl in ["fa", "fa-AF", "prs", "ps", "ug", "ur", "ar", "he", "ckb", "sd", "srh-Arab", "uz-Arab"] {
///     assert_eq!(direction_of(rtl), Direction::Rtl, "{rtl}");
/// }
/// for ltr in ["en", "tg", "ru", "ky", "zh-Hans", "uz", "sgh-Cyrl", "ug-Latn", "", "fa-Latn"] {
///     assert_eq!(direction_of(ltr), Direction::Ltr, "{ltr}");
/// }
/// ```
pub fn direction_of(tag: &str) -> Direction {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    // The script is the first four-letter subtag after the language (and any extended-language subtags).
    let script = subtags.find(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.iter().any(|s| s.eq_ignore_ascii_case(script)),
        None => RTL_LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(language)),
    };
    if rtl {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// The English name of a language, for readers (and screen readers) of the popups: "Dari", "Tajik"…; a tag
/// this table lacks is given as it is.
///
/// ```
/// use article_map::domain::local_names::english_name;
/// assert_eq!(english_name("fa-AF"), "Dari");
/// assert_eq!(english_name("ZH-hans"), "Chinese");
/// assert_eq!(english_name("sgh-Latn"), "Shughni");
/// assert_eq!(english_name("qaa"), "qaa");
/// ```
pub fn english_name(tag: &str) -> &str {
    const NAMES: [(&str, &str); 21] = [
        ("en", "English"),
        ("tg", "Tajik"),
        ("ru", "Russian"),
        ("fa-AF", "Dari"),
        ("prs", "Dari"),
        ("fa", "Persian"),
        ("ps", "Pashto"),
        ("zh-Hans", "Chinese"),
        ("zh-Hant", "Chinese (traditional)"),
        ("zh", "Chinese"),
        ("ug", "Uyghur"),
        ("ky", "Kyrgyz"),
        ("uz", "Uzbek"),
        ("ur", "Urdu"),
        ("kk", "Kazakh"),
        ("ar", "Arabic"),
        ("sgh", "Shughni"),
        ("wbl", "Wakhi"),
        ("srh", "Sarikoli"),
        ("hi", "Hindi"),
        ("mn", "Mongolian"),
    ];
    let found = lookup_chain(tag).find_map(|range| NAMES.iter().find(|(t, _)| t.eq_ignore_ascii_case(range)));
    found.map_or(tag, |(_, name)| name)
}

/// `tag`, then `tag` with its last subtag cut off, and so on (RFC 4647 §3.4 lookup): `zh-Hans-CN`, `zh-Hans`,
/// `zh`.
fn lookup_chain(tag: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(tag);
    std::iter::from_fn(move || {
        let current = next?;
        next = current.rfind('-').map(|cut| &current[..cut]).filter(|t| !t.is_empty());
        Some(current)
    })
}

/// The first of `names` in the language `tag` (case ignored), by RFC 4647 lookup: an exact tag first, then
/// the tag cut at its last subtag (a chosen `fa-AF` takes an `fa` name when there is no `fa-AF` one), never
/// a more specific or another script's tag (a chosen `zh-Hans` never takes `zh-Hant`).
///
/// ```
/// use article_map::domain::local_names::{name_in, LocalName};
/// let n = |lang: &str, text: &str| LocalName { lang: lang.into(), text: text.into() };
/// let names = [n("tg", "Хоруғ"), n("fa", "خاروغ"), n("zh-Hant", "霍羅格"), n("tg", "Хорог")];
/// assert_eq!(name_in(&names, "tg").map(|n| n.text.as_str()), Some("Хоруғ"), "the first one");
/// assert_eq!(name_in(&names, "fa-AF").map(|n| n.text.as_str()), Some("خاروغ"));
/// assert_eq!(name_in(&names, "zh-Hans"), None);
/// assert_eq!(name_in(&names, "en"), None);
/// ```
pub fn name_in<'a>(names: &'a [LocalName], tag: &str) -> Option<&'a LocalName> {
    lookup_chain(tag).find_map(|range| names.iter().find(|n| n.lang.eq_ignore_ascii_case(range)))
}

/// A language the map's labels can be shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LabelLanguage {
    /// The story's own labels (in English for the default story).
    #[default]
    English,
    Tajik,
    Russian,
    Dari,
    Chinese,
    Uyghur,
}

impl LabelLanguage {
    /// The choices, in the order offered.
    pub const ALL: [LabelLanguage; 6] = [
        LabelLanguage::English,
        LabelLanguage::Tajik,
        LabelLanguage::Russian,
        LabelLanguage::Dari,
        LabelLanguage::Chinese,
        LabelLanguage::Uyghur,
    ];

    /// Its BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            LabelLanguage::English => "en",
            LabelLanguage::Tajik => "tg",
            LabelLanguage::Russian => "ru",
            LabelLanguage::Dari => "fa-AF",
            LabelLanguage::Chinese => "zh-Hans",
            LabelLanguage::Uyghur => "ug",
        }
    }

    /// Its name in itself, as the choice is offered.
    pub fn own_name(self) -> &'static str {
        match self {
            LabelLanguage::English => "English",
            LabelLanguage::Tajik => "Тоҷикӣ",
            LabelLanguage::Russian => "Русский",
            LabelLanguage::Dari => "دری",
            LabelLanguage::Chinese => "中文",
            LabelLanguage::Uyghur => "ئۇيغۇرچە",
        }
    }

    /// The choice of a tag (exactly one of [`LabelLanguage::tag`], case ignored).
    pub fn from_tag(tag: &str) -> Option<LabelLanguage> {
        LabelLanguage::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    pub fn direction(self) -> Direction {
        direction_of(self.tag())
    }
}

/// What a label says in a chosen language: a local name with its tag and direction, or the story's own
/// label (`lang: None`: the page's language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelText<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
    pub direction: Direction,
}

/// The label of a place with `names` in `language`: its name in that language where it has one, its own
/// `label` otherwise (always for English).
///
/// ```
/// use article_map::domain::local_names::{label_in, Direction, LabelLanguage, LocalName};
/// let names = [LocalName { lang: "fa-AF".into(), text: "کابل".into() }];
/// let dari = label_in("Kabul", &names, LabelLanguage::Dari);
/// assert_eq!((dari.text, dari.lang, dari.direction), ("کابل", Some("fa-AF"), Direction::Rtl));
/// assert_eq!(label_in("Kabul", &names, LabelLanguage::Chinese).text, "Kabul");
/// assert_eq!(label_in("Kabul", &names, LabelLanguage::English).lang, None);
/// ```
pub fn label_in<'a>(label: &'a str, names: &'a [LocalName], language: LabelLanguage) -> LabelText<'a> {
    let local = (language != LabelLanguage::English).then(|| name_in(names, language.tag())).flatten();
    match local {
        Some(name) => LabelText { text: &name.text, lang: Some(&name.lang), direction: direction_of(&name.lang) },
        None => LabelText { text: label, lang: None, direction: Direction::Ltr },
    }
}

/// `names` with those in `language` first (otherwise in their order), for a popup.
pub fn chosen_first(names: &[LocalName], language: LabelLanguage) -> Vec<&LocalName> {
    let chosen = name_in(names, language.tag()).filter(|_| language != LabelLanguage::English);
    let mut out: Vec<&LocalName> = Vec::with_capacity(names.len());
    out.extend(chosen);
    out.extend(names.iter().filter(|n| !chosen.is_some_and(|c| std::ptr::eq(*n, c))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(lang: &str, text: &str) -> LocalName {
        LocalName { lang: lang.into(), text: text.into() }
    }

    #[test]
    fn every_offered_language_has_a_valid_tag_and_its_own_name() {
        for language in LabelLanguage::ALL {
            assert!(is_language_tag(language.tag()), "{language:?}");
            assert_eq!(LabelLanguage::from_tag(language.tag()), Some(language));
            assert!(!language.own_name().is_empty());
        }
        assert_eq!(LabelLanguage::Dari.direction(), Direction::Rtl);
        assert_eq!(LabelLanguage::Uyghur.direction(), Direction::Rtl);
        assert_eq!(LabelLanguage::Chinese.direction(), Direction::Ltr);
        assert_eq!(LabelLanguage::from_tag("fa"), None, "only the offered tags");
    }

    #[test]
    fn the_chosen_language_comes_first_and_nothing_is_lost() {
        let names = [n("tg", "Душанбе"), n("fa-AF", "دوشنبه"), n("zh-Hans", "杜尚别")];
        let chinese: Vec<&str> = chosen_first(&names, LabelLanguage::Chinese).iter().map(|n| n.lang.as_str()).collect();
        assert_eq!(chinese, ["zh-Hans", "tg", "fa-AF"]);
        let english: Vec<&str> = chosen_first(&names, LabelLanguage::English).iter().map(|n| n.lang.as_str()).collect();
        assert_eq!(english, ["tg", "fa-AF", "zh-Hans"]);
        assert_eq!(chosen_first(&names, LabelLanguage::Uyghur).len(), 3);
    }

    #[test]
    fn odd_tags_never_panic_and_get_a_direction() {
        for tag in ["-", "--", "a-", "-Arab", "x-Arab", "ug-", "ﬀ-Arab", "fa-ÄF", "ar-Latn-EG"] {
            let _ = direction_of(tag);
            let _ = english_name(tag);
            let _ = name_in(&[n(tag, "x")], tag);
        }
        assert_eq!(direction_of("ar-Latn-EG"), Direction::Ltr);
        assert_eq!(name_in(&[n("fa", "x")], "fa-AF-u-nu-arab").map(|n| n.text.as_str()), Some("x"));
    }
}
