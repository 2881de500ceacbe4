//! SQLite storage: one database file per terminal, the source of truth once content is loaded.

mod accounts;
mod admin_password;
mod applications;
pub mod backup;
mod catalog;
mod conflicts;
mod content_revisions;
mod display;
mod follow_ups;
mod households;
mod json;
mod meta;
mod prints;
mod publications;
mod ratings;
mod records;
mod schema;
mod stats;
mod sync_inbox;
mod sync_outbox;
mod terminal;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use accounts::{Account, AccountError, LoginBy, LoginError, NewAccount};
pub use applications::{
    Case, CaseError, CaseEvent, CaseFilter, CaseMaterial, CaseRules, CaseSummary, NewApplication,
    PublicStatus,
};
pub use conflicts::{Conflict, ConflictChoice, ConflictError};
pub use content_revisions::{
    Author, ContentWrite, KEPT_CHANGES, NewRevision, Revision, RevisionReason,
};
pub use follow_ups::{FollowUp, FollowUpCounts, FollowUpError};
pub use households::{BatchError, HouseholdError, HouseholdSummary, Registered, VillageHousehold};
pub use meta::ContentStatus;

/// How many schema steps this program knows (the database's `user_version` once migrated).
pub const SCHEMA_STEPS: usize = schema::MIGRATIONS.len();
pub use prints::{CardRecord, PrintLogEntry, PrintRecord};
pub use ratings::{CaseRatingStatus, Rated, RatingError, rateable};
pub use records::OutboxEvent;
pub use schema::UpgradeError;
pub use sync_inbox::{ApplyReport, NUMBER_CLASH, RATING_TWICE};
pub(crate) use sync_inbox::{advance_cursor as sync_advance_cursor, apply_item as sync_apply_item};
pub(crate) use sync_outbox::apply_ack as sync_apply_ack;
pub use sync_outbox::{AckCounts, CaseSyncState, OutboxProblem, QueuedEvent, SyncSummary};
pub use terminal::DeviceCodeError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot use the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("stored content is damaged: {0}")]
    Damaged(String),
    #[error("this terminal has no device code yet")]
    NoDeviceCode,
    /// The thread that runs the window's database work is gone (a bug; the log says more).
    #[error("the database thread stopped")]
    WorkerStopped,
    #[error(
        "the database was written by a newer bianmin (schema {found}, this build knows {known})"
    )]
    TooNew { found: i64, known: i64 },
    #[error(transparent)]
    Upgrade(Box<schema::UpgradeError>),
    #[error("backup before the upgrade failed, the database is untouched: {0}")]
    Backup(Box<backup::BackupError>),
}

impl From<backup::BackupError> for StoreError {
    fn from(error: backup::BackupError) -> StoreError {
        StoreError::Backup(Box::new(error))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "bianmin.sqlite3";

pub struct Store {
    conn: Connection,
}

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 64;

impl Store {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open_dir(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DATABASE_FILE);
        // SQLite gives the -wal and -shm files the database file's mode, so the file is made
        // private before SQLite first opens it.
        create_private(&path).map_err(|source| StoreError::DataDir {
            path: path.clone(),
            source,
        })?;
        Store::open(&path)
    }

    pub fn open(path: &Path) -> Result<Store> {
        Store::configure(Connection::open(path)?)
    }

    pub fn open_in_memory() -> Result<Store> {
        Store::configure(Connection::open_in_memory()?)
    }

    fn configure(conn: Connection) -> Result<Store> {
        // WAL with FULL sync: every committed transaction survives a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Room for every statement of the busiest changes (a case saved runs about fifteen), so
        // each is prepared once per connection rather than on every use.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let mut store = Store { conn };
        schema::migrate(&mut store.conn)?;
        store.recover_sending()?;
        Ok(store)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The data directory holding this database; none for an in-memory one.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|path| !path.is_empty())
            .and_then(|path| Path::new(path).parent().map(Path::to_path_buf))
    }
}

/// Creates the database file readable by its owner only (or narrows an existing one, with
/// its -wal and -shm files).
pub(crate) fn create_private(path: &Path) -> std::io::Result<()> {
    use crate::private_file::{Open, open, set_mode};
    drop(open(path, Open::Keep)?);
    for suffix in ["-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            set_mode(&file, 0o600)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod case_tests;

#[cfg(test)]
mod sync_tests;

#[cfg(test)]
mod rating_tests;

#[cfg(test)]
mod rating_sync_tests;
