//! CSV (a spreadsheet's "Save as CSV", QGIS's and ogr2ogr's CSV export) to GeoJSON: one feature per row.
//!
//! - The first row names the columns. The separator is whichever of `,`, `;` and tab the header row has
//!   most of; with `;` or tab a decimal comma (`38,5598`) is read as a decimal point. A UTF-8 BOM is
//!   dropped; quoted fields (with separators, quotes and line breaks in them) are read by the `csv` crate.
//! - Positions come from a latitude and a longitude column, found by name (ignoring case and spaces):
//!   `lat`, `latitude`, `y` and `lon`, `lng`, `long`, `longitude`, `x`; an `ele`, `elevation`, `alt`,
//!   `altitude` or `z` column gives heights. Or from a well-known-text column (`wkt`, `geometry`,
//!   `the_geom`, `geom`), as QGIS and ogr2ogr write it: that one wins in a row that has it.
//! - An `id` column gives the feature's id; every other non-empty cell becomes a property, as text (so a
//!   `title` or `name` column gives the title, `description` or `note` (or `notes`) the note, as in
//!   GeoJSON; those names are matched whatever their case).
//! - A row with more or fewer fields than the header row has columns is refused (its columns would be
//!   read wrong). A row without a position is left out and counted; a row whose position cannot be read is refused
//!   with its row (as a spreadsheet numbers them: the header is row 1) and line.

use serde_json::{Map, Value};

use super::conversion::{cut, feature, geometry, position, quotes_from_text, refuse, Converted};
use super::geojson_reader::ReadError;
use super::wkt::read_wkt;

type Read<T> = Result<T, ReadError>;

const LATITUDE: [&str; 3] = ["lat", "latitude", "y"];
const LONGITUDE: [&str; 5] = ["lon", "lng", "long", "longitude", "x"];
const HEIGHT: [&str; 5] = ["ele", "elevation", "alt", "altitude", "z"];
const WKT: [&str; 4] = ["wkt", "geometry", "the_geom", "geom"];

/// What a spreadsheet takes for the start of a formula: a text cell starting so is exported after a `'`
/// (see [`crate::domain::format_export::inert_in_spreadsheets`]), and that `'` is taken off on import.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as it was before export made it inert in spreadsheets.
fn as_written(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// How the refusal of a CSV without recognisable position columns begins (the app then offers to choose them).
pub const NO_POSITION_COLUMNS: &str = "no latitude and longitude columns were found";

/// Columns chosen by the reader, by their index (when the names do not say).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChosenColumns {
    pub latitude: usize,
    pub longitude: usize,
}

/// The separator a CSV text uses: the one of `,`, `;` and tab its first line has most of, outside quotes.
///
/// ```
/// use article_map::domain::csv_import::separator;
/// assert_eq!(separator("name;lat;lon\nA;1;2"), b';');
/// assert_eq!(separator("\"a;b\",lat,lon"), b',');
/// assert_eq!(separator("name\tlat\tlon"), b'\t');
/// ```
pub fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '\n' if !quoted => break,
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn normalised(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| normalised(h) == *n))
}

/// Whether a header row names a latitude and a longitude column, or a WKT one (read without the CSV
/// reader, which the app itself does not carry: this decides whether pasted text is sent to the converter).
///
/// ```
/// use article_map::domain::csv_import::header_names_positions;
/// assert!(header_names_positions("\"Name\";Latitude;Longitude"));
/// assert!(!header_names_positions("a sentence, with commas, and no columns"));
/// ```
pub fn header_names_positions(header: &str) -> bool {
    let columns: Vec<String> =
        header.split(char::from(separator(header))).map(|c| c.trim().trim_matches('"').to_string()).collect();
    find(&columns, &WKT).is_some() || (find(&columns, &LATITUDE).is_some() && find(&columns, &LONGITUDE).is_some())
}

/// The column names of a CSV text's header row (for a dialog that lets the reader choose).
pub fn csv_columns(text: &str) -> Read<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().delimiter(separator(text)).flexible(true).from_reader(text.as_bytes());
    match reader.headers() {
        Ok(headers) => Ok(headers.iter().map(str::to_string).collect()),
        Err(e) => refuse("row 1 (line 1)", format!("the header row cannot be read: {e}")),
    }
}

/// Reads CSV text into a FeatureCollection; `chosen` overrides the latitude and longitude columns.
///
/// ```
/// use article_map::domain::csv_import::csv_to_geojson;
/// let text = "name,latitude,longitude\n\"Khorog, GBAO\",37.4897,71.5533\n";
/// let f = &csv_to_geojson(text, None).unwrap().geojson["features"][0];
/// assert_eq!(f["geometry"]["coordinates"], serde_json::json!([71.5533, 37.4897]));
/// assert_eq!(f["properties"]["name"], "Khorog, GBAO");
/// let e = csv_to_geojson("name,latitude,longitude\nA,abc,71\n", None).unwrap_err();
/// assert_eq!(e.path, "row 2 (line 2), column \"latitude\"");
/// ```
pub fn csv_to_geojson(text: &str, chosen: Option<ChosenColumns>) -> Read<Converted> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = separator(text);
    let decimal_comma = separator != b',';
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return refuse("row 1 (line 1)", format!("the header row cannot be read: {e}")),
    };
    let wkt = find(&headers, &WKT);
    let (lat, lon) = match chosen {
        Some(c) if c.latitude < headers.len() && c.longitude < headers.len() => (Some(c.latitude), Some(c.longitude)),
        Some(_) => return refuse("row 1 (line 1)", "the chosen columns are not in the file"),
        None => (find(&headers, &LATITUDE), find(&headers, &LONGITUDE)),
    };
    let height = find(&headers, &HEIGHT).filter(|_| lat.is_some());
    let id = headers.iter().position(|h| normalised(h) == "id");
    if wkt.is_none() && (lat.is_none() || lon.is_none()) {
        let columns: Vec<String> = headers.iter().map(|h| format!("{:?}", cut(h))).collect();
        return refuse(
            "row 1 (line 1)",
            format!(
                "{NO_POSITION_COLUMNS} among {}: name them lat and lon (or latitude and longitude, y and x), \
                 choose them, or give a WKT column",
                columns.join(", ")
            ),
        );
    }
    let used: Vec<usize> = [lat, lon, height, id].into_iter().flatten().collect();
    // "Title", "NAME", "Description", "Notes": the property names the importer knows, whatever their case.
    let keys: Vec<String> = headers
        .iter()
        .map(|h| match normalised(h).as_str() {
            known @ ("title" | "name" | "description" | "note" | "quotes") => known.to_string(),
            "notes" => "note".to_string(),
            _ => h.clone(),
        })
        .collect();
    let mut features = Vec::new();
    let mut without_position = 0;
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => return refuse(format!("row {row}"), format!("cannot be read: {e}")),
        };
        let line = record.position().map_or(row as u64, |p| p.line());
        let place = |column: usize| {
            format!("row {row} (line {line}), column {:?}", headers.get(column).map_or("", |h| h.as_str()))
        };
        if record.len() != headers.len() {
            return refuse(
                format!("row {row} (line {line})"),
                format!("has {} fields but the header row names {} columns", record.len(), headers.len()),
            );
        }
        let cell = |column: Option<usize>| column.and_then(|c| record.get(c)).map(str::trim).filter(|s| !s.is_empty());
        let shape = match (cell(wkt), wkt) {
            (Some(text), Some(column)) => match read_wkt(text) {
                Ok(g) => g,
                Err(why) => return refuse(place(column), format!("{:?} is not well-known text: {why}", cut(text))),
            },
            _ => match (cell(lat), cell(lon), lat, lon) {
                (Some(y), Some(x), Some(lat_column), Some(lon_column)) => {
                    let read = |text: &str, column: usize, what: &str| {
                        let text = if decimal_comma { text.replace(',', ".") } else { text.to_string() };
                        super::conversion::number(&text).map_or_else(
                            || refuse(place(column), format!("{:?} is not a number ({what} in degrees)", cut(&text))),
                            Ok,
                        )
                    };
                    let (y, x) = (read(y, lat_column, "latitude")?, read(x, lon_column, "longitude")?);
                    let z = match (cell(height), height) {
                        (Some(z), Some(column)) => vec![read(z, column, "height")?],
                        _ => Vec::new(),
                    };
                    Some(geometry("Point", position(x, y, &z, &place(lat_column))?))
                }
                _ => None,
            },
        };
        let Some(shape) = shape else {
            without_position += 1;
            continue;
        };
        let mut properties = Map::new();
        for (column, value) in record.iter().enumerate() {
            let is_geometry = used.contains(&column) || Some(column) == wkt;
            let Some(name) = keys.get(column).filter(|_| !is_geometry && !value.trim().is_empty()) else { continue };
            let value = as_written(value);
            let value = if name == "quotes" { quotes_from_text(value) } else { Value::String(value.to_string()) };
            properties.insert(name.clone(), value);
        }
        features.push((
            feature(cell(id).map(|i| as_written(i).to_string()), shape, properties),
            format!("row {row} (line {line})"),
        ));
    }
    let mut notes = Vec::new();
    let named = |c: Option<usize>| c.and_then(|c| headers.get(c)).map_or_else(String::new, |h| format!("{:?}", cut(h)));
    if lat.is_some() {
        notes.push(format!("Positions from the columns {} (latitude) and {} (longitude).", named(lat), named(lon)));
    }
    if without_position > 0 {
        notes.push(format!("{without_position} row(s) without a position were left out."));
    }
    Ok(Converted::collect(features, notes))
}
