//! Reading files the reader picks or drops.

use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::file::File;

/// Files larger than this are refused before reading, MiB.
pub const MAX_FILE_MIB: f64 = 6.0;

/// Reads a file as UTF-8 text and calls `done` with it or with a message. Keep the returned reader alive
/// until then (dropping it cancels the read).
pub fn read_text(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) -> Option<FileReader> {
    let size_mib = file.size() / (1024.0 * 1024.0);
    if size_mib > MAX_FILE_MIB {
        done(Err(format!("is {size_mib:.1} MiB; files over {MAX_FILE_MIB} MiB are not read")));
        return None;
    }
    let file = File::from(file);
    Some(read_as_text(&file, move |result| done(result.map_err(|e| format!("could not be read: {e}")))))
}
