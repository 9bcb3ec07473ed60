//! The developer console: problems that are not the reader's to fix (a basemap file that failed to load).

/// Writes an error to the console.
pub fn error(message: &str) {
    gloo::console::error!(message);
}
