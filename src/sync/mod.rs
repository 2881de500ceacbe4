//! Sync with the county: the hall's sender and puller over HTTP, USB bundles, and the wire
//! format both sides speak. The county's receiver is in `crate::county`.
//!
//! For the GUI: run [`sync_once`] on a thread (or in an iced `Task`) and show
//! `Store::sync_summary()`; a [`SyncError`] that `is_offline()` is a state, not an alarm.

pub mod bundle;
mod client;
pub mod config;
mod error;
mod hall_bundle;
pub mod keys;
mod run;
pub mod wire;

pub use client::CountyClient;
pub use config::SyncConfig;
pub use error::{SyncError, bundle_message};
pub use hall_bundle::{ExportReport, ImportReport, export_bundle, import_reply};
pub use run::{SyncOptions, SyncReport, sync_once, sync_store};
