//! Where a JSON path (as the importers write them: `features[3].geometry.coordinates[0]`) points in the
//! text it was read from: the line and column of that value, so that a refusal can be found in an editor.
//!
//! A scan of the bytes along the path only (members off the path are skipped, not read), so it costs at most
//! one pass over the text. Best effort: a path it cannot follow (a key with a `.` or `[` in it) has no place.

/// The line and column (both from 1; the column counts characters) where the value at `path` starts, or
/// `None` when the text has no such value.
///
/// ```
/// use article_map::domain::json_location::line_and_column;
/// let text = "{\"features\": [\n  {\"geometry\": {\"coordinates\": [200, 36]}}\n]}";
/// assert_eq!(line_and_column(text, "features[0].geometry.coordinates"), Some((2, 32)));
/// assert_eq!(line_and_column(text, "features[1]"), None);
/// assert_eq!(line_and_column(text, ""), Some((1, 1)));
/// ```
pub fn line_and_column(text: &str, path: &str) -> Option<(usize, usize)> {
    let segments = segments(path)?;
    let offset = value_offset(text, &segments)?;
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..)?.chars().count() + 1;
    Some((line, column))
}

/// The string at `path`, if the value there is a string.
///
/// ```
/// use article_map::domain::json_location::string_at;
/// assert_eq!(string_at("{\"arcs\": [[1, 2]], \"type\": \"Topology\"}", "type").as_deref(), Some("Topology"));
/// assert_eq!(string_at("{\"type\": 7}", "type"), None);
/// ```
pub fn string_at(text: &str, path: &str) -> Option<String> {
    let start = value_offset(text, &segments(path)?)?;
    let end = skip_string(text.as_bytes(), start).filter(|_| text.as_bytes().get(start) == Some(&b'"'))?;
    serde_json::from_str(text.get(start..end)?).ok()
}

/// The member names of the object at `path`, in the order the text writes them (a parsed JSON object keeps
/// them sorted), or none when there is no object there.
///
/// ```
/// use article_map::domain::json_location::member_names;
/// assert_eq!(member_names("{\"objects\": {\"z\": 1, \"a\": {\"b\": 2}}}", "objects"), ["z", "a"]);
/// ```
pub fn member_names(text: &str, path: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let Some(start) = segments(path).and_then(|s| value_offset(text, &s)) else { return Vec::new() };
    let mut names = Vec::new();
    if bytes.get(start) != Some(&b'{') {
        return names;
    }
    let mut j = skip_whitespace(bytes, start + 1);
    while bytes.get(j) == Some(&b'"') {
        let Some(end) = skip_string(bytes, j) else { break };
        match text.get(j..end).and_then(|raw| serde_json::from_str::<String>(raw).ok()) {
            Some(name) => names.push(name),
            None => break,
        }
        j = skip_whitespace(bytes, end);
        if bytes.get(j) != Some(&b':') {
            break;
        }
        let Some(after) = skip_value(bytes, skip_whitespace(bytes, j + 1)) else { break };
        j = skip_whitespace(bytes, after);
        if bytes.get(j) != Some(&b',') {
            break;
        }
        j = skip_whitespace(bytes, j + 1);
    }
    names
}

#[derive(Debug, PartialEq)]
enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

fn segments(path: &str) -> Option<Vec<Segment<'_>>> {
    let mut out = Vec::new();
    if path.is_empty() {
        return Some(out);
    }
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (part.get(..i)?, part.get(i..)?),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            out.push(Segment::Index(inner.get(..close)?.parse().ok()?));
            rest = inner.get(close + 1..)?;
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The index just past the string that starts (with its quote) at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index just past the value that starts at `i`.
fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => skip_string(bytes, i),
        b'{' | b'[' => {
            let (mut depth, mut j) = (0usize, i);
            loop {
                match bytes.get(j)? {
                    b'"' => {
                        j = skip_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while bytes.get(j).is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace()) {
                j += 1;
            }
            Some(j)
        }
    }
}

/// The byte offset of the value at `segments`.
fn value_offset(text: &str, segments: &[Segment<'_>]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_whitespace(bytes, 0);
    if text.get(i..)?.starts_with('\u{feff}') {
        i = skip_whitespace(bytes, i + '\u{feff}'.len_utf8());
    }
    for segment in segments {
        i = match segment {
            Segment::Key(key) => member(text, i, key)?,
            Segment::Index(index) => item(bytes, i, *index)?,
        };
    }
    Some(i)
}

/// The offset of member `key`'s value in the object at `i`.
fn member(text: &str, i: usize, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(i)? != &b'{' {
        return None;
    }
    let mut j = skip_whitespace(bytes, i + 1);
    loop {
        if bytes.get(j)? != &b'"' {
            return None;
        }
        let end = skip_string(bytes, j)?;
        let raw = text.get(j..end)?;
        let name_matches = match raw.get(1..raw.len() - 1) {
            Some(inner) if !inner.contains('\\') => inner == key,
            _ => serde_json::from_str::<String>(raw).is_ok_and(|name| name == key),
        };
        j = skip_whitespace(bytes, end);
        if bytes.get(j)? != &b':' {
            return None;
        }
        let value = skip_whitespace(bytes, j + 1);
        if name_matches {
            return Some(value);
        }
        j = skip_whitespace(bytes, skip_value(bytes, value)?);
        match bytes.get(j)? {
            b',' => j = skip_whitespace(bytes, j + 1),
            _ => return None,
        }
    }
}

/// The offset of item `index` in the array at `i`.
fn item(bytes: &[u8], i: usize, index: usize) -> Option<usize> {
    if bytes.get(i)? != &b'[' {
        return None;
    }
    let mut j = skip_whitespace(bytes, i + 1);
    for _ in 0..index {
        if bytes.get(j)? == &b']' {
            return None;
        }
        j = skip_whitespace(bytes, skip_value(bytes, j)?);
        match bytes.get(j)? {
            b',' => j = skip_whitespace(bytes, j + 1),
            _ => return None,
        }
    }
    (bytes.get(j)? != &b']').then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_split_into_keys_and_indexes() {
        assert_eq!(
            segments("features[3].geometry.coordinates[0][5]"),
            Some(vec![
                Segment::Key("features"),
                Segment::Index(3),
                Segment::Key("geometry"),
                Segment::Key("coordinates"),
                Segment::Index(0),
                Segment::Index(5)
            ])
        );
        assert_eq!(segments("a[x]"), None);
        assert_eq!(segments("a[1"), None);
    }

    #[test]
    fn strings_with_brackets_and_escapes_are_skipped_whole() {
        let text = "{\"a\": \"x]}\\\"{\", \"b\\u0020c\": [1, {\"d\": \"[\"}, 3],\n \"e\": {\"f\": [ 7 ]}}";
        assert_eq!(line_and_column(text, "b c[2]"), Some((1, 45)));
        assert_eq!(line_and_column(text, "e.f[0]"), Some((2, 15)));
        assert_eq!(line_and_column(text, "e.g"), None);
        // Columns count characters, not bytes.
        assert_eq!(line_and_column("{\"é\": 1, \"b\": 2}", "b"), Some((1, 15)));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_and_path_gives_a_place_or_none_without_panicking(text in "\\PC{0,80}", path in "[a-z\\[\\]0-9.]{0,20}") {
            let _ = line_and_column(&text, &path);
        }

        #[test]
        fn a_place_found_in_valid_json_is_where_the_value_starts(n in 0usize..6, pad in "[ \n\t]{0,3}") {
            let items: Vec<String> = (0..6).map(|i| format!("{pad}{{{pad}\"k\"{pad}:{pad}[{i}, \"]\"]{pad}}}")).collect();
            let text = format!("{{\"list\":{pad}[{}]}}", items.join(","));
            let (line, column) = line_and_column(&text, &format!("list[{n}].k[0]")).unwrap();
            let row = text.lines().nth(line - 1).unwrap();
            let rest: String = row.chars().skip(column - 1).collect();
            proptest::prop_assert!(rest.starts_with(&n.to_string()), "{rest}");
        }
    }
}
