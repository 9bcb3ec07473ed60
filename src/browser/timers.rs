//! Timers: a callback after a delay, or every so often, cancelled when the handle is dropped.

pub use gloo::timers::callback::{Interval, Timeout};
