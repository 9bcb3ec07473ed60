//! XML as a small tree, read with quick-xml, for the XML formats the importer reads (KML, GPX): element
//! local names (a `kml:` or `gx:` prefix dropped, the prefix kept apart), attributes, text (entities and
//! CDATA resolved) and where each element starts, for messages.
//!
//! Guards: nesting deeper than [`MAX_XML_DEPTH`] is refused (the converters walk the tree recursively), as
//! are a document type declaration (no entity expansion, so no "billion laughs") and text that is not
//! well-formed XML, each with its line and column.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::geojson_reader::ReadError;

/// Elements nest at most this deep (KML from Google Earth nests Folders about 10 deep at most).
pub const MAX_XML_DEPTH: usize = 64;

/// Where in the text something is: line and column, both from 1 (the column counts characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for TextPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// One element.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct XmlElement {
    /// The local name (`Placemark` for `kml:Placemark`).
    pub name: String,
    /// The namespace prefix as written (`gx` for `gx:Track`), or empty.
    pub prefix: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<XmlElement>,
    /// The text directly inside it (its children's text not included), entities and CDATA resolved.
    pub text: String,
    /// Where its start tag begins.
    pub at: TextPosition,
}

impl XmlElement {
    /// The value of attribute `name` (local name), if it has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`, in order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child named `name`, if it has one with text.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim()).filter(|t| !t.is_empty())
    }
}

/// Counts lines and columns forward through the text (each byte is looked at once, whatever the number of
/// elements).
struct Positions<'t> {
    text: &'t str,
    offset: usize,
    at: TextPosition,
}

impl Positions<'_> {
    fn at(&mut self, offset: usize) -> TextPosition {
        let offset = offset.min(self.text.len());
        if offset > self.offset {
            if let Some(passed) = self.text.get(self.offset..offset) {
                for c in passed.chars() {
                    if c == '\n' {
                        self.at.line += 1;
                        self.at.column = 1;
                    } else {
                        self.at.column += 1;
                    }
                }
                self.offset = offset;
            }
        }
        self.at
    }
}

fn fail<T>(at: TextPosition, message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError { path: at.to_string(), message: message.into() })
}

fn split_name(name: &str) -> (String, String) {
    match name.split_once(':') {
        Some((prefix, local)) => (local.to_string(), prefix.to_string()),
        None => (name.to_string(), String::new()),
    }
}

fn element(start: &BytesStart<'_>, at: TextPosition) -> Result<XmlElement, ReadError> {
    let (name, prefix) = split_name(start.name().as_ref());
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = match attribute {
            Ok(attribute) => attribute,
            Err(e) => return fail(at, format!("<{name}> has a malformed attribute: {e}")),
        };
        let (key, _) = split_name(attribute.key.as_ref());
        let value = match attribute.normalized_value(XmlVersion::Implicit1_0) {
            Ok(value) => value.into_owned(),
            Err(e) => return fail(at, format!("<{name}>'s attribute {key:?} cannot be read: {e}")),
        };
        attributes.push((key, value));
    }
    Ok(XmlElement { name, prefix, attributes, children: Vec::new(), text: String::new(), at })
}

/// The root element of an XML document, or what is wrong with the text and where.
///
/// ```
/// use article_map::domain::xml_tree::read_xml;
/// let root = read_xml("<kml><Placemark id=\"p1\">\n<name>Ishkashim &amp; Khorog</name></Placemark></kml>").unwrap();
/// let placemark = root.child("Placemark").unwrap();
/// assert_eq!(placemark.attribute("id"), Some("p1"));
/// assert_eq!(placemark.child_text("name"), Some("Ishkashim & Khorog"));
/// assert_eq!(placemark.child("name").unwrap().at.line, 2);
/// let e = read_xml("<kml>\n  <Placemark></kml>").unwrap_err();
/// assert!(e.path.starts_with("line 2"), "{e}");
/// ```
pub fn read_xml(text: &str) -> Result<XmlElement, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut positions = Positions { text, offset: 0, at: TextPosition { line: 1, column: 1 } };
    let mut open: Vec<XmlElement> = Vec::new();
    let mut root: Option<XmlElement> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = positions.at(reader.error_position() as usize);
                return fail(at, format!("the text is not well-formed XML: {e}"));
            }
        };
        let at = positions.at(before + leading_space(text, before));
        match event {
            Event::Start(start) => {
                if open.len() >= MAX_XML_DEPTH {
                    return fail(at, format!("elements nest more than {MAX_XML_DEPTH} levels deep"));
                }
                open.push(element(&start, at)?);
            }
            Event::Empty(start) => {
                let done = element(&start, at)?;
                match open.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None if root.is_none() => root = Some(done),
                    None => return fail(at, "the document has a second root element"),
                }
            }
            Event::End(_) => {
                let Some(done) = open.pop() else { return fail(at, "a closing tag has no opening tag") };
                match open.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None if root.is_none() => root = Some(done),
                    None => return fail(at, "the document has a second root element"),
                }
            }
            Event::Text(t) => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&t.xml10_content());
                } else if !t.xml10_content().trim().is_empty() {
                    let message = if root.is_none() {
                        "this is not XML: the text starts with words, not with an element"
                    } else {
                        "there is text after the root element"
                    };
                    return fail(at, message);
                }
            }
            Event::CData(c) => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_xml_entity(&reference.xml10_content()).map(str::to_string),
                };
                match (resolved, open.last_mut()) {
                    (Some(s), Some(current)) => current.text.push_str(&s),
                    (None, _) => {
                        let name = reference.xml10_content();
                        return fail(at, format!("&{name}; is not an entity XML defines (only &amp; &lt; &gt; &quot; &apos; and &#…; are read)"));
                    }
                    (Some(_), None) => return fail(at, "there is text outside the root element"),
                }
            }
            Event::DocType(_) => {
                return fail(at, "the document has a document type declaration (<!DOCTYPE …>), which KML and GPX files do not need; it is not read")
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if let Some(unclosed) = open.last() {
        return fail(unclosed.at, format!("<{}> is never closed", unclosed.name));
    }
    match root {
        Some(root) => Ok(root),
        None => fail(TextPosition { line: 1, column: 1 }, "the text has no XML element"),
    }
}

/// The root element of a document of the format `format` (for messages), whose root must be `root`.
pub fn read_xml_document(text: &str, root: &str, format: &str) -> Result<XmlElement, ReadError> {
    let element = read_xml(text)?;
    if element.name != root {
        return fail(
            element.at,
            format!("the root element is <{}>, not <{root}>: this is not a {format} file", element.name),
        );
    }
    Ok(element)
}

/// Bytes of whitespace at `offset` (an event's position is that of the whitespace before its tag).
fn leading_space(text: &str, offset: usize) -> usize {
    text.get(offset..).map_or(0, |rest| rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_cdata_and_character_references_are_read() {
        let root = read_xml(
            "<?xml version=\"1.0\"?>\n<kml xmlns:gx=\"x\"><gx:Track/><d><![CDATA[<b>bold</b>]]> &#x4E2D;&#25991;</d></kml>",
        )
        .unwrap();
        assert_eq!(root.children[0].name, "Track");
        assert_eq!(root.children[0].prefix, "gx");
        assert_eq!(root.child("d").unwrap().text, "<b>bold</b> 中文");
        assert_eq!(root.at, TextPosition { line: 2, column: 1 });
    }

    #[test]
    fn a_doctype_deep_nesting_and_text_outside_are_refused() {
        assert!(read_xml("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>").unwrap_err().message.contains("DOCTYPE"));
        let deep = format!("{}{}", "<a>".repeat(MAX_XML_DEPTH + 1), "</a>".repeat(MAX_XML_DEPTH + 1));
        assert!(read_xml(&deep).unwrap_err().message.contains("nest more than"));
        assert!(read_xml("hello").is_err());
        assert!(read_xml("<a/><b/>").unwrap_err().message.contains("second root"));
        assert!(read_xml("<a>&nbsp;</a>").unwrap_err().message.contains("&nbsp;"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in "[<>/a-z =\"&;#x!\\[\\]CDAT\n-]{0,60}") {
            let _ = read_xml(&text);
        }
    }
}
