//! SQLite storage: one database file per terminal, the source of truth once content is loaded.

mod accounts;
mod applications;
mod catalog;
mod households;
mod json;
mod meta;
mod publications;
mod records;
mod schema;
mod terminal;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use accounts::{Account, AccountError, LoginBy, LoginError, NewAccount};
pub use applications::{
    Case, CaseError, CaseEvent, CaseFilter, CaseMaterial, CaseRules, CaseSummary, NewApplication,
    PublicStatus, StatusLookup,
};
pub use households::{HouseholdError, HouseholdSummary, Registered};
pub use meta::ContentStatus;
pub use records::OutboxEvent;

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
    #[error(
        "the database was written by a newer bianmin (schema {found}, this build knows {known})"
    )]
    TooNew { found: i64, known: i64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "bianmin.sqlite3";

pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open_dir(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DATABASE_FILE);
        let store = Store::open(&path)?;
        restrict_to_owner(&path).map_err(|source| StoreError::DataDir { path, source })?;
        Ok(store)
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
        let mut store = Store { conn };
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(unix)]
fn restrict_to_owner(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_to_owner(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod case_tests;
