//! Reading files the reader picks or drops: the file input's picker and chosen files, and reading their
//! bytes (and their text, for the formats that are text).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::read_as_bytes;
use gloo::file::File;
use wasm_bindgen::JsCast;

/// A read in progress; dropping it cancels the read.
pub use gloo::file::callbacks::FileReader;

/// Files larger than this are refused before reading, MiB.
pub const MAX_FILE_MIB: f64 = 6.0;

/// Reads a file's bytes and calls `done` with them or with a message. Keep the returned reader alive until
/// then (dropping it cancels the read).
pub fn read_bytes(file: PickedFile, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) -> Option<FileReader> {
    let size_mib = file.size_bytes() / (1024.0 * 1024.0);
    if size_mib > MAX_FILE_MIB {
        done(Err(format!("is {size_mib:.1} MiB; files over {MAX_FILE_MIB} MiB are not read")));
        return None;
    }
    let file = File::from(file.0);
    Some(read_as_bytes(&file, move |result| done(result.map_err(|e| format!("could not be read: {e}")))))
}

/// A file's bytes as UTF-8 text (a BOM dropped, bytes that are not UTF-8 replaced), as `FileReader.readAsText`
/// would give it.
pub fn utf8_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// A file the reader chose or dropped, not read yet.
pub struct PickedFile(web_sys::File);

impl From<web_sys::File> for PickedFile {
    fn from(file: web_sys::File) -> Self {
        PickedFile(file)
    }
}

impl PickedFile {
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// Its size, bytes.
    pub fn size_bytes(&self) -> f64 {
        self.0.size()
    }
}

fn file_input(node: Option<web_sys::Node>) -> Option<web_sys::HtmlInputElement> {
    node?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

/// Opens the picker of the `<input type="file">` `input`.
pub fn open_picker(input: Option<web_sys::Node>) {
    if let Some(input) = file_input(input) {
        input.click();
    }
}

/// The files chosen in the `<input type="file">` `input`, and the input emptied (so that the same file can
/// be chosen again).
pub fn take_files(input: Option<web_sys::Node>) -> Vec<PickedFile> {
    let Some(element) = file_input(input) else { return Vec::new() };
    let files = element
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).map(PickedFile).collect())
        .unwrap_or_default();
    element.set_value("");
    files
}

/// A file's name and its bytes, or why it was not read.
#[derive(Clone, Debug, PartialEq)]
pub struct FileText {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

impl FileText {
    fn new(name: String, bytes: Result<Vec<u8>, String>) -> FileText {
        FileText { name, bytes }
    }

    /// Its text as UTF-8 ([`utf8_text`]), or why it was not read.
    pub fn text(&self) -> Result<String, String> {
        self.bytes.as_deref().map(utf8_text).map_err(Clone::clone)
    }
}

/// Reads in progress; dropping them cancels them.
#[derive(Default)]
pub struct Reads {
    _readers: Vec<FileReader>,
}

/// Reads each file, except those given with a reason (`Err`), which are not read and keep it,
/// then calls `done` once with all of them, in the order given. Keep the returned reads alive until then.
pub fn read_texts(files: Vec<(PickedFile, Result<(), String>)>, done: impl FnOnce(Vec<FileText>) + 'static) -> Reads {
    let slots: Rc<RefCell<Vec<Option<FileText>>>> = Rc::new(RefCell::new(vec![None; files.len()]));
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = {
        let (slots, done) = (slots.clone(), done.clone());
        move || {
            if slots.borrow().iter().all(Option::is_some) {
                if let Some(done) = done.borrow_mut().take() {
                    done(slots.borrow_mut().drain(..).flatten().collect());
                }
            }
        }
    };
    let finish = Rc::new(finish);
    let mut readers = Vec::new();
    for (i, (file, admitted)) in files.into_iter().enumerate() {
        let name = file.name();
        match admitted {
            Err(why) => slots.borrow_mut()[i] = Some(FileText::new(name, Err(why))),
            Ok(()) => {
                let (slots, finish) = (slots.clone(), finish.clone());
                readers.extend(read_bytes(file, move |bytes| {
                    slots.borrow_mut()[i] = Some(FileText::new(name, bytes));
                    finish();
                }));
            }
        }
    }
    // Every file refused or refused before reading (too large): nothing is left to wait for.
    finish();
    Reads { _readers: readers }
}

/// The first file dropped in a drop event, if any.
pub fn dropped_file(event: &web_sys::DragEvent) -> Option<PickedFile> {
    event.data_transfer()?.files()?.get(0).map(PickedFile::from)
}
