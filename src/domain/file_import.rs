//! Opening a file of any format the importer reads: which format it is (by its bytes first, then by its
//! name), its text (UTF-8, with a BOM or not; UTF-16 with a BOM; else Windows-1252, said in a note), the
//! converter that makes it GeoJSON, and the one GeoJSON import every format ends in (same limits, same
//! messages, one undo step), with refusals placed in the file as it was written.

use std::io::Read as _;

use super::conversion::Converted;
use super::csv_import::{csv_to_geojson, ChosenColumns};
use super::geojson_import::{import_geojson_value, ImportError, ImportLimits, ImportReport};
use super::geojson_reader::ReadError;
use super::gpx_import::gpx_to_geojson;
use super::json_location::string_at;
use super::kml_import::kml_to_geojson;
use super::thousands::thousands;
use super::topojson_import::topojson_to_geojson;

/// The formats a reader can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    GeoJson,
    TopoJson,
    Kml,
    Kmz,
    Gpx,
    Csv,
}

impl FileFormat {
    /// What a file is, from its first bytes (a zip, JSON, or XML whose root is `kml` or `gpx`), then from its
    /// name's extension; anything else is read as CSV.
    ///
    /// ```
    /// use article_map::domain::file_import::FileFormat;
    /// assert_eq!(FileFormat::of("x.txt", b"  {\"type\": \"Topology\", \"arcs\": []}"), FileFormat::TopoJson);
    /// assert_eq!(FileFormat::of("track", b"<?xml version=\"1.0\"?><gpx version=\"1.1\">"), FileFormat::Gpx);
    /// assert_eq!(FileFormat::of("places.kmz", b"PK\x03\x04..."), FileFormat::Kmz);
    /// assert_eq!(FileFormat::of("places.csv", b"name,lat,lon"), FileFormat::Csv);
    /// ```
    pub fn of(name: &str, bytes: &[u8]) -> FileFormat {
        let head = String::from_utf8_lossy(bytes.get(..4096.min(bytes.len())).unwrap_or_default()).to_ascii_lowercase();
        let start = head.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if bytes.starts_with(b"PK\x03\x04") {
            return FileFormat::Kmz;
        }
        if start.starts_with('{') || start.starts_with('[') {
            // A .topojson file is read as one (and told so if it is not); other JSON is TopoJSON by its type.
            let topology = extension == "topojson" || (head.contains("\"topology\"") && is_topology_text(bytes));
            return if topology { FileFormat::TopoJson } else { FileFormat::GeoJson };
        }
        if start.starts_with('<') {
            if head.contains("<gpx") {
                return FileFormat::Gpx;
            }
            if head.contains("<kml") || head.contains(":kml") {
                return FileFormat::Kml;
            }
        }
        match extension.as_str() {
            "kml" => FileFormat::Kml,
            "kmz" => FileFormat::Kmz,
            "gpx" => FileFormat::Gpx,
            "geojson" | "json" => FileFormat::GeoJson,
            "topojson" => FileFormat::TopoJson,
            _ => FileFormat::Csv,
        }
    }

    /// Its name for the reader.
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::GeoJson => "GeoJSON",
            FileFormat::TopoJson => "TopoJSON",
            FileFormat::Kml => "KML",
            FileFormat::Kmz => "KMZ",
            FileFormat::Gpx => "GPX",
            FileFormat::Csv => "CSV",
        }
    }
}

/// Whether JSON's top-level `type` is "Topology", read by a scan to that member (the file is parsed once,
/// by the converter, not here as well).
fn is_topology_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).ok().and_then(|t| string_at(t, "type")).is_some_and(|kind| kind == "Topology")
}

/// Text from a file's bytes: UTF-8 (a BOM dropped), UTF-16 with a BOM, or else Windows-1252 (which every
/// byte is), with a note saying so.
///
/// ```
/// use article_map::domain::file_import::text_of;
/// assert_eq!(text_of(b"\xEF\xBB\xBFname").0, "name");
/// assert_eq!(text_of(b"caf\xE9").0, "café");
/// assert!(text_of(b"caf\xE9").1.is_some());
/// ```
pub fn text_of(bytes: &[u8]) -> (String, Option<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.strip_prefix('\u{feff}').unwrap_or(text).to_string(), None);
    }
    let utf16 = |big_endian: bool| {
        let units: Vec<u16> = bytes
            .get(2..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|c| if big_endian { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).ok()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        if let Some(text) = utf16(false) {
            return (text, None);
        }
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        if let Some(text) = utf16(true) {
            return (text, None);
        }
    }
    let text = bytes.iter().map(|b| windows_1252(*b)).collect();
    (text, Some("The file is not UTF-8: it was read as Windows-1252 (as Excel saves CSV on Windows).".to_string()))
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The KML document inside a KMZ (a zip): `doc.kml`, or else its first `.kml` file, at most `max_bytes`
/// once inflated.
pub fn kml_in_kmz(bytes: &[u8], max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    let fail = |message: String| Err(ReadError { path: String::new(), message });
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(e) => return fail(format!("the KMZ is not a readable zip file: {e}")),
    };
    let names: Vec<String> = archive.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    let chosen = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| names.iter().find(|n| n.to_ascii_lowercase().ends_with(".kml")))
        .cloned();
    let Some(name) = chosen else {
        let listed: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        return fail(format!(
            "the KMZ holds no .kml file (it holds {})",
            if listed.is_empty() { "nothing".to_string() } else { listed.join(", ") }
        ));
    };
    let mut file = match archive.by_name(&name) {
        Ok(file) => file,
        Err(e) => return fail(format!("{name} in the KMZ cannot be read: {e}")),
    };
    let mut out = Vec::new();
    // The size the zip declares may lie: read one byte past the limit at most.
    if let Err(e) = (&mut file).take(max_bytes as u64 + 1).read_to_end(&mut out) {
        return fail(format!("{name} in the KMZ cannot be inflated: {e}"));
    }
    if out.len() > max_bytes {
        return fail(format!(
            "{name} in the KMZ inflates to more than {} bytes, the limit for a file",
            thousands(max_bytes as u64)
        ));
    }
    Ok(out)
}

/// A non-GeoJSON file converted to GeoJSON (what the converter worker does), or why it cannot be.
pub fn convert(
    format: FileFormat,
    bytes: &[u8],
    chosen: Option<ChosenColumns>,
    limits: &ImportLimits,
) -> Result<Converted, ReadError> {
    let too_big = |what: &str, size: usize| ReadError {
        path: String::new(),
        message: format!(
            "{what} is {} bytes; the limit is {} bytes",
            thousands(size as u64),
            thousands(limits.max_bytes as u64)
        ),
    };
    if bytes.len() > limits.max_bytes {
        return Err(too_big("the file", bytes.len()));
    }
    let inflated;
    let bytes = if format == FileFormat::Kmz {
        inflated = kml_in_kmz(bytes, limits.max_bytes)?;
        inflated.as_slice()
    } else {
        bytes
    };
    let (text, note) = text_of(bytes);
    let mut converted = match format {
        FileFormat::Kml | FileFormat::Kmz => kml_to_geojson(&text)?,
        FileFormat::Gpx => gpx_to_geojson(&text)?,
        FileFormat::Csv => csv_to_geojson(&text, chosen)?,
        FileFormat::TopoJson => topojson_to_geojson(&text, limits.max_vertices)?,
        FileFormat::GeoJson => {
            let geojson = serde_json::from_str(&text)
                .map_err(|e| ReadError { path: String::new(), message: format!("not valid JSON: {e}") })?;
            Converted { geojson, ..Converted::default() }
        }
    };
    converted.notes.extend(note);
    Ok(converted)
}

/// The converted file imported as GeoJSON; a refusal found then is placed where its feature came from.
pub fn import_converted(converted: Converted, limits: &ImportLimits) -> Result<ImportReport, ImportError> {
    let Converted { geojson, origins, notes } = converted;
    match import_geojson_value(&geojson, limits) {
        Ok(mut report) => {
            report.notes.extend(notes);
            Ok(report)
        }
        Err(e) => Err(placed(e, &origins)),
    }
}

/// `features[3].geometry…` as the place its feature came from (`Placemark “Khorog”, line 12, column 5`).
fn placed(error: ImportError, origins: &[String]) -> ImportError {
    let index = error
        .path
        .strip_prefix("features[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(i, _)| i.parse::<usize>().ok());
    match index.and_then(|i| origins.get(i)) {
        Some(origin) => ImportError { path: origin.clone(), message: error.message },
        None if origins.is_empty() => error,
        None => ImportError { path: String::new(), message: error.message },
    }
}

/// Opens a file of any format: converts it if it is not GeoJSON, then imports it.
///
/// ```
/// use article_map::domain::file_import::open_file;
/// use article_map::domain::geojson_import::ImportLimits;
/// let report = open_file("places.csv", b"name,lat,lon\nKhorog,37.4897,71.5533\n", None, &ImportLimits::default()).unwrap();
/// assert_eq!(report.annotations[0].title, "Khorog");
/// ```
pub fn open_file(
    name: &str,
    bytes: &[u8],
    chosen: Option<ChosenColumns>,
    limits: &ImportLimits,
) -> Result<ImportReport, ImportError> {
    let format = FileFormat::of(name, bytes);
    if format == FileFormat::GeoJson {
        let (text, _) = text_of(bytes);
        return super::geojson_import::import_geojson(&text, limits);
    }
    import_converted(convert(format, bytes, chosen, limits)?, limits)
}

/// What pasted text is, if it is something the importer reads: JSON (GeoJSON or TopoJSON), KML or GPX, or
/// CSV whose header row names latitude and longitude (or WKT) columns. Anything else is not taken, so that
/// pasting ordinary text does nothing.
///
/// ```
/// use article_map::domain::file_import::{pasted_format, FileFormat};
/// assert_eq!(pasted_format("{\"type\": \"Point\", \"coordinates\": [71, 37]}"), Some(FileFormat::GeoJson));
/// assert_eq!(pasted_format("name\tlat\tlon\nKhorog\t37.49\t71.55"), Some(FileFormat::Csv));
/// assert_eq!(pasted_format("Khorog is the capital of GBAO."), None);
/// ```
pub fn pasted_format(text: &str) -> Option<FileFormat> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    if start.starts_with('{') || start.starts_with('<') {
        return match FileFormat::of("pasted", text.as_bytes()) {
            FileFormat::Csv => None,
            format => Some(format),
        };
    }
    let header = start.lines().next().unwrap_or_default();
    super::csv_import::header_names_positions(header).then_some(FileFormat::Csv)
}
