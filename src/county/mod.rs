//! The county's receiver: its own SQLite database, the HTTP server halls sync with, and the
//! USB exchange. It keeps every event it accepted (once), answers per event, hands each hall
//! its stream back in order, and keeps a view of the applications built from those events.

mod bundle;
mod decisions;
mod devices;
mod error;
mod ingest;
mod ratings;
mod rights;
pub mod server;
mod store;

pub use bundle::{ImportSummary, ReplySummary};
pub use decisions::parse_result;
pub use devices::{DEFAULT_VALID_DAYS, Device, DeviceListing, NewDevice};
pub use error::CountyError;
pub use ingest::Ingested;
pub use ratings::{LevelCounts, RatingStats};
pub use store::{CountyStats, CountyStore};
