//! Pure rules of syncing with the county: when to retry, how an outbox event moves between
//! states, when a change from elsewhere conflicts with ours, and what makes a USB bundle
//! acceptable. No I/O here; the store and `crate::sync` do the reading and writing.

pub mod backoff;
pub mod batch;
pub mod bundle;
pub mod conflict;
pub mod event;
pub mod outbox;
pub mod token;
