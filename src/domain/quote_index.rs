//! Finding quotes in the article, the W3C Web Annotation way: a `TextQuoteSelector` (`exact` text plus
//! `prefix`/`suffix` context) resolves to one paragraph and a character range.
//!
//! Matching forgives typography that copy and paste changes (curly vs straight quotes, no-break and other
//! Unicode spaces, runs of whitespace, soft hyphens and zero-width characters), but what it returns is always
//! the article's own text for the range, so what is shown as the article's is a substring of the article.

use std::fmt;

/// A quote as stored: `exact` plus enough context to make it unique.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct QuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Where a quote is: a paragraph and a byte range of that paragraph's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMatch {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    /// The article's own text for the range (may differ from `exact` in typography only).
    pub text: String,
}

/// Occurrences are counted up to this many (a count that reaches it reads "at least"): the search stops
/// there, so a quote that matches everywhere costs no more than one that matches a few times.
pub const COUNT_CAP: usize = 100;

/// Why a quote did not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteError {
    Empty,
    NotFound,
    /// The exact text is there, but never with this prefix and suffix.
    ContextMismatch {
        occurrences: usize,
    },
    /// Several places match even with the context.
    Ambiguous {
        occurrences: usize,
    },
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::Empty => write!(f, "the quote's exact text is empty"),
            QuoteError::NotFound => write!(f, "the quote is not in the article"),
            QuoteError::ContextMismatch { occurrences } => write!(
                f,
                "the quote's text occurs {}{occurrences} time(s) in the article, but never with its prefix and suffix",
                if *occurrences >= COUNT_CAP { "at least " } else { "" }
            ),
            QuoteError::Ambiguous { occurrences } => write!(
                f,
                "the quote matches {}{occurrences} places in the article; add prefix or suffix to choose one",
                if *occurrences >= COUNT_CAP { "at least " } else { "" }
            ),
        }
    }
}

/// A string folded for matching, with the original byte offset of each folded character and of its end.
struct Folded {
    text: String,
    /// `origin[i]` is the original byte offset where folded byte `i` came from (len = text.len() + 1).
    origin: Vec<usize>,
}

fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        c if c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

/// Folds text for matching: typographic quotes to straight ones, every kind of space to one space (runs
/// collapsed), invisible characters dropped.
///
/// ```
/// use article_map::domain::quote_index::fold;
/// assert_eq!(fold("the “three evils”:\u{00A0}terrorism"), "the \"three evils\": terrorism");
/// assert_eq!(fold("a \n\t b"), "a b");
/// ```
pub fn fold(text: &str) -> String {
    folded(text).text
}

fn folded(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' && out.ends_with(' ') {
            continue;
        }
        let before = out.len();
        out.push(f);
        origin.extend(std::iter::repeat_n(at, out.len() - before));
    }
    origin.push(text.len());
    Folded { text: out, origin }
}

/// A needle prepared for Knuth–Morris–Pratt search: every occurrence (overlapping ones included) in a
/// haystack is found in one pass of O(haystack + needle) steps, whatever the text (`"aaaa…"` included),
/// and nothing is copied per candidate.
struct Pattern<'n> {
    needle: &'n [u8],
    /// `border[i]`: length of the longest proper prefix of `needle[..=i]` that is also its suffix.
    border: Vec<usize>,
}

impl<'n> Pattern<'n> {
    fn new(needle: &'n str) -> Self {
        let needle = needle.as_bytes();
        let mut border = vec![0; needle.len()];
        let mut k = 0;
        for i in 1..needle.len() {
            while k > 0 && needle[i] != needle[k] {
                k = border[k - 1];
            }
            if needle[i] == needle[k] {
                k += 1;
            }
            border[i] = k;
        }
        Pattern { needle, border }
    }

    /// Calls `found` with the start byte of every occurrence in `haystack`, in order, until it returns
    /// false. Both are UTF-8, so every start is on a character boundary.
    fn each(&self, haystack: &str, mut found: impl FnMut(usize) -> bool) {
        let n = self.needle.len();
        if n == 0 || n > haystack.len() {
            return;
        }
        let mut k = 0;
        for (i, &b) in haystack.as_bytes().iter().enumerate() {
            while k > 0 && self.needle[k] != b {
                k = self.border[k - 1];
            }
            if self.needle[k] == b {
                k += 1;
            }
            if k == n {
                if !found(i + 1 - n) {
                    return;
                }
                k = self.border[n - 1];
            }
        }
    }
}

/// The article's paragraphs, folded once, for resolving many quotes.
pub struct QuoteIndex<'a> {
    paragraphs: Vec<(&'a str, Folded)>,
}

impl<'a> QuoteIndex<'a> {
    /// Indexes paragraphs given in article order.
    pub fn new(paragraphs: impl IntoIterator<Item = &'a str>) -> Self {
        QuoteIndex { paragraphs: paragraphs.into_iter().map(|p| (p, folded(p))).collect() }
    }

    /// Resolves a quote to exactly one place, or says why it cannot.
    ///
    /// ```
    /// use article_map::domain::quote_index::{QuoteIndex, QuoteSelector, QuoteError};
    /// let index = QuoteIndex::new(["He said “no”. Later he said “no” again."]);
    /// let both = QuoteSelector { exact: "said \"no\"".into(), ..Default::default() };
    /// assert_eq!(index.resolve(&both), Err(QuoteError::Ambiguous { occurrences: 2 }));
    /// let second = QuoteSelector { exact: "said \"no\"".into(), prefix: "Later he ".into(), suffix: " again".into() };
    /// let found = index.resolve(&second).unwrap();
    /// assert_eq!(found.text, "said “no”"); // the article's own characters
    /// ```
    pub fn resolve(&self, quote: &QuoteSelector) -> Result<QuoteMatch, QuoteError> {
        let exact = fold(&quote.exact);
        if exact.trim().is_empty() {
            return Err(QuoteError::Empty);
        }
        let (prefix, suffix) = (fold(&quote.prefix), fold(&quote.suffix));
        // An occurrence of `exact` matches the context exactly when `prefix + exact + suffix` occurs with it
        // after the prefix, so both counts are one linear pass each (no per-candidate comparison or copy).
        let with_context = format!("{prefix}{exact}{suffix}");
        let (bare, framed) = (Pattern::new(&exact), Pattern::new(&with_context));
        let plain = prefix.is_empty() && suffix.is_empty();
        let (mut seen, mut matched) = (0usize, 0usize);
        let mut first: Option<(usize, usize)> = None;
        // Places that match with the context, counted up to COUNT_CAP.
        for (index, (_, f)) in self.paragraphs.iter().enumerate() {
            if matched >= COUNT_CAP {
                break;
            }
            // A linear-time pre-check that skips most paragraphs quickly.
            if !f.text.contains(exact.as_str()) {
                continue;
            }
            let mut record = |start: usize| {
                matched += 1;
                first.get_or_insert((index, start));
                matched < COUNT_CAP
            };
            if plain {
                bare.each(&f.text, &mut record);
            } else {
                framed.each(&f.text, |at| record(at + prefix.len()));
            }
        }
        // Only when none matches with its context: how often the bare text occurs, for the message.
        if matched == 0 {
            for (_, f) in &self.paragraphs {
                if seen >= COUNT_CAP {
                    break;
                }
                if !f.text.contains(exact.as_str()) {
                    continue;
                }
                bare.each(&f.text, |_| {
                    seen += 1;
                    seen < COUNT_CAP
                });
            }
        }
        match (matched, seen, first) {
            (1, _, Some((index, start))) => self.place(index, start, start + exact.len()).ok_or(QuoteError::NotFound),
            (0, 0, _) => Err(QuoteError::NotFound),
            (0, n, _) => Err(QuoteError::ContextMismatch { occurrences: n }),
            (n, _, _) => Err(QuoteError::Ambiguous { occurrences: n }),
        }
    }

    /// The match for folded bytes `start..end` of paragraph `index`, in the paragraph's own text.
    fn place(&self, index: usize, start: usize, end: usize) -> Option<QuoteMatch> {
        let (original, f) = self.paragraphs.get(index)?;
        let a = *f.origin.get(start)?;
        let b = end_offset(f, end, original);
        let text = original.get(a..b)?.to_string();
        Some(QuoteMatch { paragraph: index, start: a, end: b, text })
    }
}

/// Characters of context a new selector carries on each side.
pub const CONTEXT_CHARS: usize = 32;

/// The selector for a passage a reader selected: the exact text plus up to [`CONTEXT_CHARS`] characters of
/// the paragraph on each side. `start..end` are byte offsets in `paragraph`; `None` if they are not a
/// non-empty range on character boundaries.
///
/// ```
/// use article_map::domain::quote_index::selector_for_range;
/// let p = "China has been most active in the security sphere.";
/// let s = selector_for_range(p, 15, 26).unwrap();
/// assert_eq!((s.exact.as_str(), s.prefix.as_str(), s.suffix.as_str()), ("most active", "China has been ", " in the security sphere."));
/// ```
pub fn selector_for_range(paragraph: &str, start: usize, end: usize) -> Option<QuoteSelector> {
    if start >= end || end > paragraph.len() || !paragraph.is_char_boundary(start) || !paragraph.is_char_boundary(end) {
        return None;
    }
    let before = &paragraph[..start];
    let prefix_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let after = &paragraph[end..];
    let suffix_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
    Some(QuoteSelector {
        exact: paragraph[start..end].to_string(),
        prefix: before[prefix_start..].to_string(),
        suffix: after[..suffix_end].to_string(),
    })
}

/// The byte offset in `text` of a position counted in UTF-16 code units (how browsers count), or `None`
/// past the end or inside a character.
///
/// ```
/// use article_map::domain::quote_index::byte_offset_of_utf16;
/// assert_eq!(byte_offset_of_utf16("“a”b", 3), Some(7));
/// assert_eq!(byte_offset_of_utf16("ab", 3), None);
/// ```
pub fn byte_offset_of_utf16(text: &str, utf16: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units == utf16 {
            return Some(i);
        }
        units += c.len_utf16();
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(text.len())
}

/// The original byte offset just after folded byte `end - 1`.
fn end_offset(f: &Folded, end: usize, original: &str) -> usize {
    if end >= f.text.len() {
        return original.len();
    }
    // The original character that produced the last folded byte ends where the next original char starts.
    let Some(&last) = end.checked_sub(1).and_then(|i| f.origin.get(i)) else { return original.len() };
    original.get(last..).and_then(|rest| rest.chars().next()).map_or(original.len(), |c| last + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(exact: &str, prefix: &str, suffix: &str) -> QuoteSelector {
        QuoteSelector { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() }
    }

    #[test]
    fn curly_quotes_in_the_article_match_straight_ones_in_the_quote_and_vice_versa() {
        let index = QuoteIndex::new(["the new Chinese “military base” in Tajikistan"]);
        let m = index.resolve(&q("Chinese \"military base\"", "", "")).unwrap();
        assert_eq!(m.text, "Chinese “military base”");
        let index = QuoteIndex::new(["the new Chinese \"military base\" in Tajikistan"]);
        assert_eq!(index.resolve(&q("Chinese “military base”", "", "")).unwrap().text, "Chinese \"military base\"");
    }

    #[test]
    fn no_break_spaces_and_runs_of_spaces_match_a_plain_space() {
        let index = QuoteIndex::new(["some 7,000\u{00A0}troops  are there"]);
        let m = index.resolve(&q("7,000 troops are", "", "")).unwrap();
        assert_eq!(m.text, "7,000\u{00A0}troops  are");
        let m = index.resolve(&q("7,000\u{202F}troops", "", "")).unwrap();
        assert_eq!(m.text, "7,000\u{00A0}troops");
    }

    #[test]
    fn repeated_phrases_need_context_and_the_context_picks_one() {
        let index = QuoteIndex::new(["Russia and China. Then Russia and China again.", "Russia and China, finally."]);
        assert_eq!(index.resolve(&q("Russia and China", "", "")), Err(QuoteError::Ambiguous { occurrences: 3 }));
        let m = index.resolve(&q("Russia and China", "Then ", "")).unwrap();
        assert_eq!((m.paragraph, m.start), (0, 23));
        let m = index.resolve(&q("Russia and China", "", ",")).unwrap();
        assert_eq!(m.paragraph, 1);
        assert_eq!(
            index.resolve(&q("Russia and China", "Beijing ", "")),
            Err(QuoteError::ContextMismatch { occurrences: 3 })
        );
    }

    #[test]
    fn overlapping_occurrences_are_all_counted() {
        let index = QuoteIndex::new(["aaa"]);
        assert_eq!(index.resolve(&q("aa", "", "")), Err(QuoteError::Ambiguous { occurrences: 2 }));
        assert_eq!(index.resolve(&q("aa", "a", "")).unwrap().start, 1);
    }

    #[test]
    fn a_self_overlapping_quote_in_a_long_paragraph_is_counted_in_one_pass() {
        // Before: each of the 50,001 candidates was re-searched and copied (minutes, gigabytes). Now
        // counting stops at the cap.
        let paragraph = "a".repeat(100_000);
        let index = QuoteIndex::new([paragraph.as_str()]);
        let exact = "a".repeat(50_000);
        assert_eq!(index.resolve(&q(&exact, "", "")), Err(QuoteError::Ambiguous { occurrences: COUNT_CAP }));
        assert_eq!(index.resolve(&q(&exact, "b", "")), Err(QuoteError::ContextMismatch { occurrences: COUNT_CAP }));
        let sixty = "a".repeat(60);
        let few = QuoteIndex::new([sixty.as_str()]);
        assert_eq!(few.resolve(&q(&"a".repeat(50), "", "")), Err(QuoteError::Ambiguous { occurrences: 11 }));
        let m = index.resolve(&q(&exact, &"a".repeat(50_000), "")).unwrap();
        assert_eq!((m.start, m.end), (50_000, 100_000));
    }

    #[test]
    fn context_may_reach_across_folded_characters() {
        let index = QuoteIndex::new(["Он сказал «нет». Потом он сказал «нет» снова. 😀 e\u{301}"]);
        let m = index.resolve(&q("сказал \"нет\"", "Потом он ", " снова")).unwrap();
        assert_eq!(m.text, "сказал «нет»");
        assert_eq!(index.resolve(&q("сказал \"нет\"", "", "")), Err(QuoteError::Ambiguous { occurrences: 2 }));
        assert_eq!(index.resolve(&q("😀 e", "", "")).unwrap().text, "😀 e");
    }

    #[test]
    fn missing_and_empty_quotes_are_errors() {
        let index = QuoteIndex::new(["text"]);
        assert_eq!(index.resolve(&q("absent", "", "")), Err(QuoteError::NotFound));
        assert_eq!(index.resolve(&q(" \u{00A0}", "", "")), Err(QuoteError::Empty));
    }

    #[test]
    fn ranges_are_the_article_text_even_with_invisible_characters() {
        let p = "co\u{00AD}operation with China\u{200B}.";
        let index = QuoteIndex::new([p]);
        let m = index.resolve(&q("cooperation with China.", "", "")).unwrap();
        assert_eq!(&p[m.start..m.end], m.text);
        assert_eq!(m.text, p);
    }
}
