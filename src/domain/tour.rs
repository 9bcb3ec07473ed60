//! The story tour and the timeline, derived from the story itself (so the next article gets both with no
//! code): tour steps follow the article's sections and their key quoted passages; timeline entries are the
//! dates the article names, each with the passages and places that mention it.

use super::ids::FeatureId;
use super::story::{FeatureKind, Story};

/// One step of the tour: a feature to show and the quote that speaks of it (`None` for the opening step).
#[derive(Clone, Debug, PartialEq)]
pub struct TourStep {
    /// The section's heading ("Introduction" for the untitled opening).
    pub section: String,
    pub feature: Option<FeatureId>,
    pub quote: Option<usize>,
}

/// How many places a section contributes at most.
pub const PLACES_PER_SECTION: usize = 3;

fn kind_rank(kind: FeatureKind) -> usize {
    [
        FeatureKind::Site,
        FeatureKind::Base,
        FeatureKind::Border,
        FeatureKind::Exercise,
        FeatureKind::Region,
        FeatureKind::Mine,
        FeatureKind::City,
        FeatureKind::Opinion,
    ]
    .iter()
    .position(|k| *k == kind)
    .unwrap_or(usize::MAX)
}

/// The tour: an opening step, then for each section up to [`PLACES_PER_SECTION`] places quoted in it (sites
/// and bases before cities and opinions; each place once), in reading order.
pub fn tour(story: &Story) -> Vec<TourStep> {
    use std::collections::{HashMap, HashSet};
    let mut steps = vec![TourStep { section: story.article.title.clone(), feature: None, quote: None }];
    let mut shown = HashSet::new();
    let order: HashMap<&str, usize> = story.paragraphs().enumerate().map(|(i, (_, p))| (p.id.as_str(), i)).collect();
    // Each feature's first verified quote in each section, grouped by section once (linear in the quotes).
    let mut firsts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); story.article.sections.len()];
    let mut seen = HashSet::new();
    for (fi, f) in story.features.iter().enumerate() {
        for (qi, q) in f.quotes.iter().enumerate() {
            if let Ok(place) = &q.place {
                if let Some(list) = firsts.get_mut(place.section) {
                    if seen.insert((fi, place.section)) {
                        list.push((fi, qi));
                    }
                }
            }
        }
    }
    for (si, section) in story.article.sections.iter().enumerate() {
        // (kind rank, paragraph order, start, feature id, quote index)
        let mut candidates: Vec<(usize, usize, usize, &str, usize)> = Vec::new();
        for &(fi, qi) in firsts.get(si).map_or(&[][..], Vec::as_slice) {
            let (Some(f), Some(Ok(place))) =
                (story.features.get(fi), story.features[fi].quotes.get(qi).map(|q| &q.place))
            else {
                continue;
            };
            if shown.contains(f.id.as_str()) {
                continue;
            }
            let at = order.get(place.paragraph_id.as_str()).copied().unwrap_or(usize::MAX);
            candidates.push((kind_rank(f.kind), at, place.start, f.id.as_str(), qi));
        }
        candidates.sort();
        let mut chosen: Vec<_> = candidates.into_iter().take(PLACES_PER_SECTION).collect();
        chosen.sort_by_key(|c| (c.1, c.2));
        for (_, _, _, id, qi) in chosen {
            shown.insert(id.to_string());
            steps.push(TourStep {
                section: section.heading.clone().unwrap_or_else(|| "Introduction".into()),
                feature: Some(id.into()),
                quote: Some(qi),
            });
        }
    }
    steps
}

/// A date the article names, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// As written ("October 27, 2021", "mid-1990s", "2013").
    pub label: String,
    /// For ordering: year, month (0 if none), day (0 if none).
    pub when: (u32, u32, u32),
    pub paragraph_ids: Vec<String>,
    /// Places whose verified quotes contain the date.
    pub feature_ids: Vec<FeatureId>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date found in a text: its byte range, as written, and (year, month, day) for ordering.
type FoundDate = (usize, usize, String, (u32, u32, u32));

/// Dates in a text.
fn dates_in(text: &str) -> Vec<FoundDate> {
    let bytes = text.as_bytes();
    let year_at = |i: usize| -> Option<u32> {
        let s = text.get(i..i + 4)?;
        let y: u32 = s.parse().ok()?;
        let boundary_before = i.checked_sub(1).and_then(|j| bytes.get(j)).is_none_or(|b| !b.is_ascii_alphanumeric());
        let boundary_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        ((1900..2100).contains(&y) && s.bytes().all(|b| b.is_ascii_digit()) && boundary_before && boundary_after)
            .then_some(y)
    };
    let mut found = Vec::new();
    let mut taken = vec![false; text.len()];
    // "Month [day,] year" first.
    for (mi, month) in MONTHS.iter().enumerate() {
        for (start, _) in text.match_indices(month) {
            let mut i = start + month.len();
            let rest = text.get(i..).unwrap_or_default();
            let mut day = 0;
            if let Some(after_space) = rest.strip_prefix(' ') {
                let digits: String = after_space.chars().take(3).take_while(|c| c.is_ascii_digit()).collect();
                if (1..=2).contains(&digits.len())
                    && after_space.get(digits.len()..).is_some_and(|after| after.starts_with(", "))
                {
                    day = digits.parse().unwrap_or(0);
                    i += 1 + digits.len() + 2;
                } else {
                    i += 1;
                }
            } else {
                continue;
            }
            if let (Some(y), Some(label)) = (year_at(i), text.get(start..i + 4)) {
                let end = i + 4;
                taken.iter_mut().take(end).skip(start).for_each(|t| *t = true);
                found.push((start, end, label.to_string(), (y, mi as u32 + 1, day)));
            }
        }
    }
    // Then bare years, "mid-1990s", "2000s".
    for i in 0..text.len().saturating_sub(3) {
        if taken.get(i).copied().unwrap_or(true) || !text.is_char_boundary(i) {
            continue;
        }
        if let Some(y) = year_at(i) {
            // Byte comparisons: the text around a year may be any script, so no slicing off a char boundary.
            let decade = bytes.get(i + 4) == Some(&b's');
            let mid = i.checked_sub(4).and_then(|from| bytes.get(from..i)) == Some(b"mid-".as_slice());
            let start = if mid { i - 4 } else { i };
            let end = i + 4 + usize::from(decade);
            let when = if mid { (y + 5, 0, 0) } else { (y, 0, 0) };
            if let Some(label) = text.get(start..end) {
                found.push((start, end, label.to_string(), when));
            }
        }
    }
    found
}

/// The dates the article names, in time order, each with its paragraphs and the places quoted there.
///
/// Linear in the text plus, for each date, the verified quotes of its own paragraph (quotes are grouped by
/// paragraph once; entries are found by label through a map, not a scan).
pub fn timeline(story: &Story) -> Vec<TimelineEntry> {
    use std::collections::{HashMap, HashSet};
    // paragraph id → (feature index, start, end) of the verified quotes in it.
    let mut quotes_in: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
    for (fi, f) in story.features.iter().enumerate() {
        for q in f.verified_quotes() {
            quotes_in.entry(q.paragraph_id.as_str()).or_default().push((fi, q.start, q.end));
        }
    }
    let mut entries: Vec<TimelineEntry> = Vec::new();
    // label → (entry index, paragraphs in it, features in it)
    let mut by_label: HashMap<String, (usize, HashSet<usize>)> = HashMap::new();
    for (_, paragraph) in story.paragraphs() {
        let quotes = quotes_in.get(paragraph.id.as_str()).map_or(&[][..], Vec::as_slice);
        for (start, end, label, when) in dates_in(&paragraph.text) {
            let (at, features) = match by_label.get_mut(&label) {
                Some((at, features)) => {
                    let entry = &mut entries[*at];
                    if entry.paragraph_ids.last() != Some(&paragraph.id) {
                        entry.paragraph_ids.push(paragraph.id.clone());
                    }
                    (*at, features)
                }
                None => {
                    entries.push(TimelineEntry {
                        label: label.clone(),
                        when,
                        paragraph_ids: vec![paragraph.id.clone()],
                        feature_ids: Vec::new(),
                    });
                    let slot = by_label.entry(label).or_insert((entries.len() - 1, HashSet::new()));
                    (slot.0, &mut slot.1)
                }
            };
            for &(fi, qs, qe) in quotes {
                if qs <= start && end <= qe && features.insert(fi) {
                    entries[at].feature_ids.push(story.features[fi].id.clone());
                }
            }
        }
    }
    entries.sort_by_key(|e| e.when);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_found_as_written_and_ordered() {
        let found: Vec<_> =
            dates_in("In the mid-1990s, then 2013; on October 27, 2021 and August 2021; not 12345 or 1700.")
                .into_iter()
                .map(|d| (d.2, d.3))
                .collect();
        assert!(found.contains(&("mid-1990s".into(), (1995, 0, 0))));
        assert!(found.contains(&("2013".into(), (2013, 0, 0))));
        assert!(found.contains(&("October 27, 2021".into(), (2021, 10, 27))));
        assert!(found.contains(&("August 2021".into(), (2021, 8, 0))));
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn dates_in_any_script_are_found_without_slicing_inside_a_character() {
        // Before: `&text[i - 4..i]` cut "мае " inside a Cyrillic letter and panicked.
        let found = dates_in("Учения прошли в мае 2021 года, а в середине 1990-х — нет. «2013» 😀2000s");
        let labels: Vec<_> = found.iter().map(|d| d.2.as_str()).collect();
        assert_eq!(labels, ["2021", "1990", "2013", "2000s"]);
        for text in ["й2021", "мid-2021", "é1999s", "😀mid-1995", "October 1, 2021", "May 🙂, 2020", "May 1"] {
            let _ = dates_in(text);
        }
    }
}
