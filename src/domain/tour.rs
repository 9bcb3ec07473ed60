//! The story tour and the timeline, derived from the story itself (so the next article gets both with no
//! code): tour steps follow the article's sections and their key quoted passages; timeline entries are the
//! dates the article names, each with the passages and places that mention it.

use super::story::{FeatureKind, Story};

/// One step of the tour: a feature to show and the quote that speaks of it (`None` for the opening step).
#[derive(Clone, Debug, PartialEq)]
pub struct TourStep {
    /// The section's heading ("Introduction" for the untitled opening).
    pub section: String,
    pub feature: Option<String>,
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
    let mut steps = vec![TourStep { section: story.article.title.clone(), feature: None, quote: None }];
    let mut shown = std::collections::HashSet::new();
    let order: Vec<&str> = story.paragraphs().map(|(_, p)| p.id.as_str()).collect();
    for (si, section) in story.article.sections.iter().enumerate() {
        // (kind rank, paragraph order, start, feature id, quote index)
        let mut candidates: Vec<(usize, usize, usize, &str, usize)> = Vec::new();
        for f in &story.features {
            if shown.contains(f.id.as_str()) {
                continue;
            }
            let first = f
                .quotes
                .iter()
                .enumerate()
                .filter_map(|(qi, q)| q.place.as_ref().ok().map(|p| (qi, p)))
                .find(|(_, p)| p.section == si);
            if let Some((qi, place)) = first {
                let at = order.iter().position(|id| *id == place.paragraph_id).unwrap_or(usize::MAX);
                candidates.push((kind_rank(f.kind), at, place.start, f.id.as_str(), qi));
            }
        }
        candidates.sort();
        let mut chosen: Vec<_> = candidates.into_iter().take(PLACES_PER_SECTION).collect();
        chosen.sort_by_key(|c| (c.1, c.2));
        for (_, _, _, id, qi) in chosen {
            shown.insert(id.to_string());
            steps.push(TourStep {
                section: section.heading.clone().unwrap_or_else(|| "Introduction".into()),
                feature: Some(id.to_string()),
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
    pub feature_ids: Vec<String>,
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
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
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
            let rest = &text[i..];
            let mut day = 0;
            if let Some(after_space) = rest.strip_prefix(' ') {
                let digits: String = after_space.chars().take_while(|c| c.is_ascii_digit()).collect();
                if (1..=2).contains(&digits.len()) && after_space[digits.len()..].starts_with(", ") {
                    day = digits.parse().unwrap_or(0);
                    i += 1 + digits.len() + 2;
                } else {
                    i += 1;
                }
            } else {
                continue;
            }
            if let Some(y) = year_at(i) {
                let end = i + 4;
                taken[start..end].iter_mut().for_each(|t| *t = true);
                found.push((start, end, text[start..end].to_string(), (y, mi as u32 + 1, day)));
            }
        }
    }
    // Then bare years, "mid-1990s", "2000s".
    for i in 0..text.len().saturating_sub(3) {
        if taken[i] || !text.is_char_boundary(i) {
            continue;
        }
        if let Some(y) = year_at(i) {
            let decade = text[i + 4..].starts_with('s');
            let mid = i >= 4 && &text[i - 4..i] == "mid-";
            let start = if mid { i - 4 } else { i };
            let end = i + 4 + usize::from(decade);
            let when = if mid { (y + 5, 0, 0) } else { (y, 0, 0) };
            found.push((start, end, text[start..end].to_string(), when));
        }
    }
    found
}

/// The dates the article names, in time order, each with its paragraphs and the places quoted there.
pub fn timeline(story: &Story) -> Vec<TimelineEntry> {
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for (_, paragraph) in story.paragraphs() {
        for (start, end, label, when) in dates_in(&paragraph.text) {
            let features: Vec<String> = story
                .features
                .iter()
                .filter(|f| {
                    f.verified_quotes().any(|q| q.paragraph_id == paragraph.id && q.start <= start && end <= q.end)
                })
                .map(|f| f.id.clone())
                .collect();
            match entries.iter_mut().find(|e| e.label == label) {
                Some(e) => {
                    if !e.paragraph_ids.contains(&paragraph.id) {
                        e.paragraph_ids.push(paragraph.id.clone());
                    }
                    e.feature_ids
                        .extend(features.into_iter().filter(|f| !e.feature_ids.contains(f)).collect::<Vec<_>>());
                }
                None => entries.push(TimelineEntry {
                    label,
                    when,
                    paragraph_ids: vec![paragraph.id.clone()],
                    feature_ids: features,
                }),
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
}
