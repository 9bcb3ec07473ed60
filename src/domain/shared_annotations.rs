//! Annotations carried in a link: the exported GeoJSON, deflated and written in URL-safe base64, when it is
//! small enough for a link; reading one back is bounded (no decompression bomb) and never panics.

use std::borrow::Borrow;

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

use super::annotation::Annotation;
use super::annotation::AnnotationDocument;
use super::geojson_export::export_geojson;
use super::geojson_import::{import_geojson, ImportLimits};

/// The longest annotation blob put in a link (characters). Longer documents are exported as files.
pub const MAX_LINK_CHARS: usize = 6000;
/// The longest blob a link is read with (characters): links from other writers may be somewhat longer.
pub const MAX_READ_CHARS: usize = 2 * MAX_LINK_CHARS;
/// The most a blob may inflate to, bytes (the GeoJSON text).
pub const MAX_INFLATED: usize = 1024 * 1024;
/// Annotations a link may carry.
pub const MAX_LINK_ANNOTATIONS: usize = 500;
/// Positions a link may carry, all annotations together.
pub const MAX_LINK_VERTICES: usize = 20_000;
/// Quotes one annotation in a link may carry.
pub const MAX_LINK_QUOTES_PER_ANNOTATION: usize = 20;
/// Characters of one annotation's title or note in a link; also of each quote's exact, prefix and suffix.
pub const MAX_LINK_TEXT_CHARS: usize = 2_000;

/// The import limits a link's GeoJSON is read with: refused at these counts before any annotation is made.
pub fn link_import_limits() -> ImportLimits {
    ImportLimits {
        max_bytes: MAX_INFLATED,
        max_features: MAX_LINK_ANNOTATIONS,
        max_vertices: MAX_LINK_VERTICES,
        max_quotes_per_feature: MAX_LINK_QUOTES_PER_ANNOTATION,
        ..ImportLimits::default()
    }
}

const EXPORT_ADVICE: &str = "use Export GeoJSON and Import to share more";

/// Why annotations cannot travel in a link (past a link limit), or `None` when they can.
pub fn link_refusal(annotations: &[impl Borrow<Annotation>]) -> Option<String> {
    if annotations.len() > MAX_LINK_ANNOTATIONS {
        return Some(format!(
            "a link carries at most {MAX_LINK_ANNOTATIONS} annotations, these are {}; {EXPORT_ADVICE}",
            annotations.len()
        ));
    }
    let vertices: usize = annotations.iter().map(|a| a.borrow().geometry.positions().len()).sum();
    if vertices > MAX_LINK_VERTICES {
        return Some(format!(
            "a link carries at most {MAX_LINK_VERTICES} points of shapes in all, these have {vertices}; {EXPORT_ADVICE}"
        ));
    }
    let long = |t: &str| t.len() > MAX_LINK_TEXT_CHARS && t.chars().count() > MAX_LINK_TEXT_CHARS;
    for (i, a) in annotations.iter().map(Borrow::borrow).enumerate() {
        if a.quotes.len() > MAX_LINK_QUOTES_PER_ANNOTATION {
            return Some(format!(
                "a link carries at most {MAX_LINK_QUOTES_PER_ANNOTATION} quotes per annotation, annotation {} has {}; \
                 {EXPORT_ADVICE}",
                i + 1,
                a.quotes.len()
            ));
        }
        let texts =
            [&a.title, &a.note].into_iter().chain(a.quotes.iter().flat_map(|q| [&q.exact, &q.prefix, &q.suffix]));
        if texts.into_iter().any(|t| long(t)) {
            return Some(format!(
                "a link carries at most {MAX_LINK_TEXT_CHARS} characters per note, title or quote, annotation {} \
                 has more; {EXPORT_ADVICE}",
                i + 1
            ));
        }
    }
    None
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let values: Option<Vec<u32>> =
        text.bytes().map(|c| ALPHABET.iter().position(|a| *a == c).map(|v| v as u32)).collect();
    for chunk in values?.chunks(4) {
        if chunk.len() < 2 {
            return None;
        }
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, v)| n | (v << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// The link blob for a document, or `Err(size)` with the blob's length when it is too long for a link or
/// the document is past a link limit ([`link_refusal`] says which).
///
/// ```
/// use article_map::domain::{annotation::*, coords::LonLat, shared_annotations::{decode, encode}};
/// let doc = AnnotationDocument::default()
///     .with_added(Annotation::new("a1", AnnotationGeometry::Point(LonLat::new(71.6, 36.7))));
/// let blob = encode(&doc).unwrap();
/// assert_eq!(decode(&blob).unwrap()[0].id, "a1");
/// ```
pub fn encode(doc: &AnnotationDocument) -> Result<String, usize> {
    let blob = base64url(&compress_to_vec(export_geojson(doc).as_bytes(), 9));
    if blob.len() > MAX_LINK_CHARS || link_refusal(&doc.annotations).is_some() {
        Err(blob.len())
    } else {
        Ok(blob)
    }
}

/// The annotations in a link blob, or why they cannot be read. Linear in the blob: the inflated text is
/// bounded by [`MAX_INFLATED`] and read with [`link_import_limits`]; past a link limit it is refused with
/// the limit and the advice to share a GeoJSON file instead.
pub fn decode(blob: &str) -> Result<Vec<Annotation>, String> {
    if blob.len() > MAX_READ_CHARS {
        return Err(format!(
            "the shared annotations are {} characters, longer than a link can carry ({MAX_READ_CHARS}); {EXPORT_ADVICE}",
            blob.len()
        ));
    }
    let bytes = from_base64url(blob).ok_or("the shared annotations are damaged (not base64url)")?;
    let text = decompress_to_vec_with_limit(&bytes, MAX_INFLATED).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            format!("the shared annotations unpack to more than {} KB; {EXPORT_ADVICE}", MAX_INFLATED / 1024)
        }
        _ => "the shared annotations are damaged (not deflate data)".to_string(),
    })?;
    let text = String::from_utf8(text).map_err(|_| "the shared annotations are damaged (not UTF-8)")?;
    let annotations = import_geojson(&text, &link_import_limits())
        .map(|r| r.annotations)
        .map_err(|e| format!("the shared annotations cannot be read ({e}); {EXPORT_ADVICE}"))?;
    match link_refusal(&annotations) {
        Some(why) => Err(why),
        None => Ok(annotations),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::annotation::AnnotationGeometry;
    use crate::domain::coords::LonLat;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn a_big_document_is_refused_with_its_size() {
        let mut doc = AnnotationDocument::default();
        for i in 0..400 {
            let mut a = Annotation::new(
                format!("a{i}"),
                AnnotationGeometry::Point(LonLat::new(60.0 + i as f64 * 0.0137, 38.0)),
            );
            a.note = format!("note {i} {}", "x".repeat(i % 50));
            doc = doc.with_added(a);
        }
        assert!(matches!(encode(&doc), Err(n) if n > MAX_LINK_CHARS));
    }

    fn blob_of(geojson: &str) -> String {
        base64url(&compress_to_vec(geojson.as_bytes(), 9))
    }

    #[test]
    fn a_short_link_with_thirty_thousand_points_is_refused_before_import() {
        let point = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[71,37]},"properties":{}}"#;
        let text = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, vec![point; 30_000].join(","));
        let blob = blob_of(&text);
        assert!(blob.len() <= MAX_READ_CHARS, "{}", blob.len());
        let why = decode(&blob).unwrap_err();
        assert!(why.contains("Export GeoJSON"), "{why}");
        // The same points in one MultiPoint fit in the inflate limit and meet the vertex limit.
        let many = vec!["[71,37]"; 30_000].join(",");
        let text = format!(r#"{{"type":"MultiPoint","coordinates":[{many}]}}"#);
        let why = decode(&blob_of(&text)).unwrap_err();
        assert!(why.contains("20,000") && why.contains("Export GeoJSON"), "{why}");
        let small = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, vec![point; 600].join(","));
        let why = decode(&blob_of(&small)).unwrap_err();
        assert!(why.contains("limit is 500") && why.contains("Export GeoJSON"), "{why}");
    }

    #[test]
    fn one_point_with_a_hundred_thousand_quotes_is_refused() {
        let quotes = vec![r#""q""#; 100_000].join(",");
        let text = format!(
            r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[71,37]}},"properties":{{"quotes":[{quotes}]}}}}"#
        );
        let why = decode(&blob_of(&text)).unwrap_err();
        assert!(why.contains(&MAX_LINK_QUOTES_PER_ANNOTATION.to_string()) && why.contains("Export GeoJSON"), "{why}");
    }

    #[test]
    fn damaged_blobs_are_errors() {
        assert!(decode("!!!").is_err());
        assert!(decode("AAAA").is_err());
        assert!(decode(&"A".repeat(MAX_LINK_CHARS * 3)).is_err());
    }
}
