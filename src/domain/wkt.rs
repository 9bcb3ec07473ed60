//! Well-known text (OGC Simple Features, as QGIS, PostGIS and ogr2ogr write it in a CSV's `WKT` column), read
//! into GeoJSON geometry values and written from them: POINT, LINESTRING, POLYGON, their MULTI- kinds and
//! GEOMETRYCOLLECTION, with Z, M or ZM numbers, `EMPTY`, and an EWKT `SRID=4326;` prefix.

use serde_json::Value;

/// Collections nest at most this deep.
const MAX_DEPTH: usize = 16;

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Number(f64),
    Open,
    Close,
    Comma,
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                out.push(Token::Open);
                chars.next();
            }
            ')' => {
                out.push(Token::Close);
                chars.next();
            }
            ',' => {
                out.push(Token::Comma);
                chars.next();
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek().filter(|(_, c)| c.is_ascii_alphanumeric()) {
                    word.push(c.to_ascii_uppercase());
                    chars.next();
                }
                out.push(Token::Word(word));
            }
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => {
                let mut number = String::new();
                while let Some(&(_, c)) =
                    chars.peek().filter(|(_, c)| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
                {
                    number.push(c);
                    chars.next();
                }
                match number.parse::<f64>() {
                    Ok(x) if x.is_finite() => out.push(Token::Number(x)),
                    _ => return Err(format!("{number:?} at character {} is not a number", i + 1)),
                }
            }
            other => return Err(format!("{other:?} at character {} is not part of well-known text", i + 1)),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn expect(&mut self, want: Token, what: &str) -> Result<(), String> {
        match self.next() {
            Some(t) if t == want => Ok(()),
            Some(t) => Err(format!("expected {what}, found {}", said(&t))),
            None => Err(format!("expected {what}, but the text ends")),
        }
    }

    /// `x y [z [m]]`, kept as GeoJSON `[x, y, z]` (an M number is dropped when there is no Z).
    fn position(&mut self, dims: Dims) -> Result<Value, String> {
        let mut numbers = Vec::new();
        while let Some(Token::Number(x)) = self.peek() {
            numbers.push(*x);
            self.at += 1;
        }
        if numbers.len() < 2 {
            return Err(format!("a position needs x and y, found {} number(s)", numbers.len()));
        }
        if numbers.len() > 4 {
            return Err(format!("a position has at most 4 numbers (x y z m), found {}", numbers.len()));
        }
        if dims == Dims::M && numbers.len() == 3 {
            numbers.truncate(2);
        }
        Ok(Value::Array(numbers.into_iter().map(Value::from).collect()))
    }

    /// `( item, item, … )`.
    fn list(&mut self, mut item: impl FnMut(&mut Parser) -> Result<Value, String>) -> Result<Value, String> {
        self.expect(Token::Open, "(")?;
        let mut items = vec![item(self)?];
        loop {
            match self.next() {
                Some(Token::Comma) => items.push(item(self)?),
                Some(Token::Close) => return Ok(Value::Array(items)),
                Some(t) => return Err(format!("expected , or ), found {}", said(&t))),
                None => return Err("a ( is never closed".into()),
            }
        }
    }

    fn geometry(&mut self, depth: usize) -> Result<Option<Value>, String> {
        if depth > MAX_DEPTH {
            return Err(format!("collections nest more than {MAX_DEPTH} deep"));
        }
        let kind = match self.next() {
            Some(Token::Word(w)) => w,
            Some(t) => {
                return Err(format!("expected a geometry type (POINT, LINESTRING, POLYGON…), found {}", said(&t)))
            }
            None => return Err("the text is empty".into()),
        };
        let dims = match self.peek() {
            Some(Token::Word(w)) if w == "Z" || w == "ZM" => Dims::Z,
            Some(Token::Word(w)) if w == "M" => Dims::M,
            _ => Dims::Xy,
        };
        if dims != Dims::Xy {
            self.at += 1;
        }
        if matches!(self.peek(), Some(Token::Word(w)) if w == "EMPTY") {
            self.at += 1;
            return Ok(None);
        }
        let (kind, base) = match kind.as_str() {
            "POINTZ" | "POINTM" | "POINTZM" => ("POINT", dims_of(&kind)),
            k => (k, dims),
        };
        let dims = if base == Dims::Xy { dims } else { base };
        let position = |p: &mut Parser| p.position(dims);
        let line = |p: &mut Parser| p.list(|p| p.position(dims));
        let polygon = |p: &mut Parser| p.list(|p| p.list(|p| p.position(dims)));
        let (name, coordinates) = match kind {
            "POINT" => {
                self.expect(Token::Open, "(")?;
                let p = self.position(dims)?;
                self.expect(Token::Close, ")")?;
                ("Point", p)
            }
            "LINESTRING" => ("LineString", line(self)?),
            "POLYGON" => ("Polygon", polygon(self)?),
            "MULTIPOINT" => (
                "MultiPoint",
                // Both MULTIPOINT ((1 2), (3 4)) and MULTIPOINT (1 2, 3 4) are written.
                self.list(|p| {
                    if p.peek() == Some(&Token::Open) {
                        p.next();
                        let at = position(p)?;
                        p.expect(Token::Close, ")")?;
                        Ok(at)
                    } else {
                        position(p)
                    }
                })?,
            ),
            "MULTILINESTRING" => ("MultiLineString", self.list(line)?),
            "MULTIPOLYGON" => ("MultiPolygon", self.list(polygon)?),
            "GEOMETRYCOLLECTION" => {
                let mut parts = Vec::new();
                self.expect(Token::Open, "(")?;
                loop {
                    parts.extend(self.geometry(depth + 1)?);
                    match self.next() {
                        Some(Token::Comma) => continue,
                        Some(Token::Close) => break,
                        Some(t) => return Err(format!("expected , or ), found {}", said(&t))),
                        None => return Err("a ( is never closed".into()),
                    }
                }
                return Ok(Some(serde_json::json!({"type": "GeometryCollection", "geometries": parts})));
            }
            other => return Err(format!("{other:?} is not a geometry type well-known text has")),
        };
        Ok(Some(serde_json::json!({"type": name, "coordinates": coordinates})))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Dims {
    Xy,
    Z,
    M,
}

fn dims_of(kind: &str) -> Dims {
    if kind.ends_with('M') && !kind.ends_with("ZM") {
        Dims::M
    } else {
        Dims::Z
    }
}

fn said(t: &Token) -> String {
    match t {
        Token::Word(w) => format!("{w:?}"),
        Token::Number(x) => format!("the number {x}"),
        Token::Open => "(".into(),
        Token::Close => ")".into(),
        Token::Comma => ",".into(),
    }
}

/// Reads well-known text into a GeoJSON geometry value, or `None` for an EMPTY geometry.
///
/// ```
/// use article_map::domain::wkt::read_wkt;
/// let g = read_wkt("POLYGON Z ((71 36 1, 72 36 1, 72 37 2, 71 36 1))").unwrap().unwrap();
/// assert_eq!(g["type"], "Polygon");
/// assert_eq!(g["coordinates"][0][2], serde_json::json!([72.0, 37.0, 2.0]));
/// assert_eq!(read_wkt("SRID=4326;POINT(71.6 36.7)").unwrap().unwrap()["coordinates"], serde_json::json!([71.6, 36.7]));
/// assert!(read_wkt("POINT EMPTY").unwrap().is_none());
/// assert!(read_wkt("POINT (71.6)").is_err());
/// ```
pub fn read_wkt(text: &str) -> Result<Option<Value>, String> {
    let mut text = text.trim();
    if let Some((prefix, rest)) = text.split_once(';') {
        let srid = prefix.trim().strip_prefix("SRID=").or_else(|| prefix.trim().strip_prefix("srid="));
        match srid.map(str::trim) {
            Some("4326") => text = rest,
            Some(other) => {
                return Err(format!(
                    "SRID={other} is not WGS84 longitude, latitude (EPSG:4326): reproject the data first"
                ))
            }
            None => return Err("a ; is not part of well-known text".into()),
        }
    }
    let mut parser = Parser { tokens: tokens(text)?, at: 0 };
    let geometry = parser.geometry(0)?;
    match parser.next() {
        None => Ok(geometry),
        Some(t) => Err(format!("the geometry ends before {}", said(&t))),
    }
}

/// A GeoJSON geometry value as well-known text (`POINT Z (…)` when its positions have heights).
///
/// ```
/// use article_map::domain::wkt::write_wkt;
/// let g = serde_json::json!({"type": "LineString", "coordinates": [[71, 36], [72.5, 37]]});
/// assert_eq!(write_wkt(&g), "LINESTRING (71 36, 72.5 37)");
/// ```
pub fn write_wkt(geometry: &Value) -> String {
    fn has_z(v: &Value) -> bool {
        match v {
            Value::Array(items) if items.first().is_some_and(Value::is_number) => items.len() > 2,
            Value::Array(items) => items.iter().any(has_z),
            _ => false,
        }
    }
    fn position(v: &Value, z: bool) -> String {
        let numbers: Vec<String> = v.as_array().map_or_else(Vec::new, |items| {
            let n = if z { 3 } else { 2 };
            (0..n).map(|i| items.get(i).and_then(Value::as_f64).map_or_else(|| "0".into(), |x| x.to_string())).collect()
        });
        numbers.join(" ")
    }
    fn list(v: &Value, level: usize, z: bool) -> String {
        let items = v.as_array().map(Vec::as_slice).unwrap_or_default();
        let inner: Vec<String> =
            items.iter().map(|item| if level == 0 { position(item, z) } else { list(item, level - 1, z) }).collect();
        format!("({})", inner.join(", "))
    }
    let kind = geometry["type"].as_str().unwrap_or_default();
    if kind == "GeometryCollection" {
        let parts: Vec<String> =
            geometry["geometries"].as_array().map_or_else(Vec::new, |g| g.iter().map(write_wkt).collect());
        return if parts.is_empty() {
            "GEOMETRYCOLLECTION EMPTY".into()
        } else {
            format!("GEOMETRYCOLLECTION ({})", parts.join(", "))
        };
    }
    let c = &geometry["coordinates"];
    let z = has_z(c);
    let (name, body) = match kind {
        "Point" => ("POINT", format!("({})", position(c, z))),
        "MultiPoint" => {
            let points: Vec<String> =
                c.as_array().map_or_else(Vec::new, |ps| ps.iter().map(|p| format!("({})", position(p, z))).collect());
            ("MULTIPOINT", format!("({})", points.join(", ")))
        }
        "LineString" => ("LINESTRING", list(c, 0, z)),
        "MultiLineString" => ("MULTILINESTRING", list(c, 1, z)),
        "Polygon" => ("POLYGON", list(c, 1, z)),
        _ => ("MULTIPOLYGON", list(c, 2, z)),
    };
    format!("{name}{} {body}", if z { " Z" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wkt_of_every_kind_reads_back() {
        for text in [
            "POINT (71.6 36.7)",
            "POINT Z (71.6 36.7 2600)",
            "MULTIPOINT ((71 36), (72 37))",
            "LINESTRING (71 36, 72 37)",
            "MULTILINESTRING ((71 36, 72 37), (73 38, 74 39))",
            "POLYGON ((71 36, 72 36, 72 37, 71 36), (71.2 36.1, 71.3 36.1, 71.3 36.2, 71.2 36.1))",
            "MULTIPOLYGON (((71 36, 72 36, 72 37, 71 36)), ((73 36, 74 36, 74 37, 73 36)))",
            "GEOMETRYCOLLECTION (POINT (71 36), LINESTRING (71 36, 72 37))",
        ] {
            let g = read_wkt(text).unwrap().unwrap();
            assert_eq!(write_wkt(&g), text);
        }
        assert_eq!(read_wkt("MULTIPOINT (71 36, 72 37)").unwrap(), read_wkt("MULTIPOINT ((71 36), (72 37))").unwrap());
        assert_eq!(read_wkt("POINT M (71 36 5)").unwrap().unwrap()["coordinates"], serde_json::json!([71.0, 36.0]));
        assert_eq!(read_wkt("pointz(71 36 5)").unwrap().unwrap()["coordinates"], serde_json::json!([71.0, 36.0, 5.0]));
    }

    #[test]
    fn broken_wkt_says_what_is_wrong() {
        assert!(read_wkt("POINT (71 36").unwrap_err().contains("expected )"));
        assert!(read_wkt("CIRCLE (1 2)").unwrap_err().contains("CIRCLE"));
        assert!(read_wkt("SRID=3857;POINT (1 2)").unwrap_err().contains("3857"));
        assert!(read_wkt("POINT (1 2) x").unwrap_err().contains("ends before"));
        let deep = format!("{}POINT (1 2){}", "GEOMETRYCOLLECTION (".repeat(20), ")".repeat(20));
        assert!(read_wkt(&deep).unwrap_err().contains("nest"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in "[A-Z ()0-9.,;=-]{0,60}") {
            let _ = read_wkt(&text);
        }
    }
}
