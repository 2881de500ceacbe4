//! Sync with the county: the hall's sender and puller over HTTP, USB bundles, and the wire
//! format both sides speak. The county's receiver is in `crate::county`.
//!
//! For the GUI:
//! - background: every minute or so run [`sync_once`]`(data_dir, &SyncOptions::default())` on a
//!   thread (or in an iced `Task`); it opens its own connection, waits out the backoff by itself
//!   (the report's `waiting_until`), and a [`SyncError`] that `is_offline()` is a state to show,
//!   not an alarm. "Sync now": the same with `forced: true`.
//! - the sync screen: `Store::sync_summary()`, `Store::outbox_problems(n)`, the error's
//!   `message(language)`; bundles: [`export_bundle`] and [`import_reply`].
//! - case lists: `Store::case_sync_states(&ids)` (a badge per case).
//! - conflicts: `Store::conflicts()` and `Store::resolve_conflict(id, choice, note, agent, at)`.

pub mod bundle;
mod client;
pub mod config;
mod error;
mod hall_bundle;
pub mod keys;
mod push;
mod run;
pub mod wire;

pub use client::CountyClient;
pub use config::SyncConfig;
pub use error::{SyncError, bundle_message};
pub use hall_bundle::{ExportReport, ImportReport, export_bundle, import_reply};
pub use run::{SyncOptions, SyncReport, sync_once, sync_store};
