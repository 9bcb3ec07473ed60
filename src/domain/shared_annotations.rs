//! Annotations carried in a link: the exported GeoJSON, deflated and written in URL-safe base64, when it is
//! small enough for a link; reading one back is bounded (no decompression bomb) and never panics.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

use super::annotation::Annotation;
use super::annotation::AnnotationDocument;
use super::geojson_export::export_geojson;
use super::geojson_import::{import_geojson, ImportLimits};

/// The longest annotation blob put in a link (characters). Longer documents are exported as files.
pub const MAX_LINK_CHARS: usize = 6000;
/// The most a blob may inflate to, bytes.
const MAX_INFLATED: usize = 4 * 1024 * 1024;

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
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// The link blob for a document, or `Err(size)` with the blob's length when it is too long for a link.
///
/// ```
/// use article_map::domain::{annotation::*, coords::LonLat, shared_annotations::{decode, encode}};
/// let doc = AnnotationDocument::default()
///     .with_added(Annotation::new("a1".into(), AnnotationGeometry::Point(LonLat::new(71.6, 36.7))));
/// let blob = encode(&doc).unwrap();
/// assert_eq!(decode(&blob).unwrap()[0].id, "a1");
/// ```
pub fn encode(doc: &AnnotationDocument) -> Result<String, usize> {
    let blob = base64url(&compress_to_vec(export_geojson(doc).as_bytes(), 9));
    if blob.len() > MAX_LINK_CHARS {
        Err(blob.len())
    } else {
        Ok(blob)
    }
}

/// The annotations in a link blob, or why they cannot be read.
pub fn decode(blob: &str) -> Result<Vec<Annotation>, String> {
    if blob.len() > MAX_LINK_CHARS * 2 {
        return Err("the shared annotations are longer than a link can carry".into());
    }
    let bytes = from_base64url(blob).ok_or("the shared annotations are damaged (not base64url)")?;
    let text = decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|_| "the shared annotations are damaged (not deflate data)")?;
    let text = String::from_utf8(text).map_err(|_| "the shared annotations are damaged (not UTF-8)")?;
    import_geojson(&text, &ImportLimits::default())
        .map(|r| r.annotations)
        .map_err(|e| format!("the shared annotations are damaged ({e})"))
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

    #[test]
    fn damaged_blobs_are_errors() {
        assert!(decode("!!!").is_err());
        assert!(decode("AAAA").is_err());
        assert!(decode(&"A".repeat(MAX_LINK_CHARS * 3)).is_err());
    }
}
