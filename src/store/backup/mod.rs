//! Copies of the database: online backups (while other connections write), checks of a file
//! before it may replace the live database, the restore itself, and `PRAGMA` health checks.
//!
//! Every copy is made with SQLite's backup API from a consistent read snapshot into a private
//! temporary file beside the target, then renamed into place: a crash never leaves half a backup
//! under a backup's name.

pub mod retention;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::schema::{self, MIGRATIONS};

/// The folder in the data directory that holds backups (owner-only).
pub const BACKUPS_DIR: &str = "backups";

/// How long a copy waits for a writer that holds the database.
const BUSY_LIMIT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a readable SQLite database ({detail})")]
    NotADatabase { path: PathBuf, detail: String },
    #[error("{path} is damaged: {problems:?}")]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("{path} is not a bianmin database (missing tables: {missing:?})")]
    Foreign { path: PathBuf, missing: Vec<String> },
    #[error("{path} was written by a newer bianmin (schema {found}, this build knows {known})")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the database stayed busy for {0:?}; try again")]
    Busy(Duration),
}

impl BackupError {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
        move |source| BackupError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, BackupError>;

/// `<data dir>/backups`, created owner-only (0700) if needed.
pub fn backups_dir(data_dir: &Path) -> Result<PathBuf> {
    let dir = data_dir.join(BACKUPS_DIR);
    private_dir(&dir).map_err(BackupError::io(&dir))?;
    Ok(dir)
}

pub use crate::private_file::{private_dir, set_mode};

fn require_file(path: &Path) -> Result<()> {
    if path.is_file() {
        return Ok(());
    }
    Err(BackupError::NotADatabase {
        path: path.to_path_buf(),
        detail: "no such file".into(),
    })
}

/// Opens the database at `path` to read from, beside whatever else uses it.
pub fn open_for_reading(path: &Path) -> Result<Connection> {
    require_file(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Copies the database of `source` (a consistent snapshot, other writers go on) to `out`:
/// written to a private temporary file beside it, synced, then renamed over `out`.
pub fn backup_connection(source: &Connection, out: &Path) -> Result<()> {
    let folder = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    let temporary = folder.join(format!(".{name}.{}.partial", std::process::id()));
    let result = copy_into_new_file(source, &temporary).and_then(|()| {
        std::fs::rename(&temporary, out).map_err(BackupError::io(out))?;
        sync_dir(folder);
        Ok(())
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Copies the database file at `database` to `out` (see [`backup_connection`]).
pub fn backup_file(database: &Path, out: &Path) -> Result<()> {
    let source = open_for_reading(database)?;
    backup_connection(&source, out)
}

fn copy_into_new_file(source: &Connection, temporary: &Path) -> Result<()> {
    let _ = std::fs::remove_file(temporary);
    create_private_file(temporary).map_err(BackupError::io(temporary))?;
    let mut copy = Connection::open(temporary)?;
    copy_pages(source, &mut copy)?;
    // A backup is one self-contained file: no -wal beside it.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    drop(copy);
    std::fs::File::open(temporary)
        .and_then(|file| file.sync_all())
        .map_err(BackupError::io(temporary))?;
    set_mode(temporary, 0o600).map_err(BackupError::io(temporary))
}

/// All pages in one step (one read snapshot), waiting while another connection holds a lock.
fn copy_pages(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let started = Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Busy or locked by another connection: wait a little.
            _ => {
                if started.elapsed() > BUSY_LIMIT {
                    return Err(BackupError::Busy(BUSY_LIMIT));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

fn create_private_file(path: &Path) -> std::io::Result<()> {
    crate::private_file::open(path, crate::private_file::Open::New).map(drop)
}

/// Makes a rename inside `folder` durable (best effort: not every platform can open a folder).
fn sync_dir(folder: &Path) {
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// What `PRAGMA integrity_check` and `PRAGMA foreign_key_check` report; empty when all is well.
pub fn health_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut integrity = conn.prepare("PRAGMA integrity_check")?;
    let lines = integrity.query_map([], |row| row.get::<_, String>(0))?;
    for line in lines {
        let line = line?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut keys = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = keys.query_map([], |row| {
        Ok(format!(
            "foreign key: {} row {} refers to a missing row of {}",
            row.get::<_, String>(0)?,
            row.get::<_, Option<i64>>(1)?
                .map_or_else(|| "?".to_owned(), |id| id.to_string()),
            row.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        problems.push(row?);
    }
    Ok(problems)
}

/// `bianmin db check`: the problems of the database at `path` (empty when it is sound).
pub fn check_file(path: &Path) -> Result<Vec<String>> {
    let conn = open_for_reading(path)?;
    health_problems(&conn).map_err(|error| not_a_database(path, error))
}

/// A file fit to become this terminal's database: SQLite, sound, bianmin's tables, a schema this
/// build knows. Returns its schema version. The file is opened read-only and left as it is.
pub fn verify_candidate(path: &Path) -> Result<i64> {
    require_file(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| not_a_database(path, error))?;
    let problems = health_problems(&conn).map_err(|error| not_a_database(path, error))?;
    if !problems.is_empty() {
        return Err(BackupError::Damaged {
            path: path.to_path_buf(),
            problems,
        });
    }
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|error| not_a_database(path, error))?;
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(BackupError::TooNew {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    let expected = schema::tables_up_to(found.max(1) as usize);
    let mut missing = Vec::new();
    for table in expected {
        let present: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [&table],
            |row| row.get(0),
        )?;
        if !present {
            missing.push(table);
        }
    }
    if found < 1 || !missing.is_empty() {
        return Err(BackupError::Foreign {
            path: path.to_path_buf(),
            missing,
        });
    }
    Ok(found)
}

fn not_a_database(path: &Path, error: rusqlite::Error) -> BackupError {
    BackupError::NotADatabase {
        path: path.to_path_buf(),
        detail: error.to_string(),
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The copy of the database as it was before the restore.
    pub previous: PathBuf,
    /// The schema version of the restored file (migrated on the next open when older).
    pub version: i64,
}

/// Replaces the database at `database` with the file `from`, after checking the file and copying
/// the current database to `<backups>/pre-restore-<time>.sqlite3`. The pages are written into the
/// live file through SQLite (one write transaction), so its -wal and -shm stay consistent and
/// other connections see either the old or the new database. A refused file changes nothing.
pub fn restore_file(
    database: &Path,
    from: &Path,
    backups: &Path,
    at: crate::clock::Timestamp,
) -> Result<Restored> {
    let version = verify_candidate(from)?;
    let mut live = open_for_reading(database)?;
    let previous = backups.join(format!("pre-restore-{}.sqlite3", stamp(at)));
    backup_connection(&live, &previous)?;
    let source = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    copy_pages(&source, &mut live)?;
    Ok(Restored { previous, version })
}

/// "20261127-083000" for file names.
pub fn stamp(at: crate::clock::Timestamp) -> String {
    at.format("%Y%m%d-%H%M%S").to_string()
}

#[cfg(test)]
mod tests;
