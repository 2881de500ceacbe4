//! Time as the hall sees it. Functions that record time take it as an argument, so tests and the
//! demo generator can say when things happen.

use chrono::{DateTime, FixedOffset, Local, Timelike};

pub type Timestamp = DateTime<FixedOffset>;

/// Now, in the terminal's local time zone.
/// Now, in the terminal's local time zone, to the second (records need no more).
pub fn now() -> Timestamp {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// "2026-11-27 09:30" from a stored RFC 3339 time, for people to read.
pub fn minutes(stored: &str) -> String {
    stored.replace('T', " ").chars().take(16).collect()
}
