//! The wall clock.

/// Now, as an ISO 8601 UTC timestamp (`2026-12-01T13:20:00.000Z`).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}
