//! Time as the hall sees it. Functions that record time take it as an argument, so tests and the
//! demo generator can say when things happen.

use chrono::{DateTime, FixedOffset, Local};

pub type Timestamp = DateTime<FixedOffset>;

/// Now, in the terminal's local time zone.
pub fn now() -> Timestamp {
    Local::now().fixed_offset()
}
