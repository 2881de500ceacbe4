//! `bianmin db backup|restore|check`: copies of the terminal's database and its health.
//!
//! These run before the terminal's data is opened (no migration, no content load), so a damaged
//! database can still be checked and replaced.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use crate::dir_lock::DirLock;
use crate::i18n::Language;
use crate::startup::GUI_LOCK_FILE;
use crate::store::backup::{self, BackupError};
use crate::store::{DATABASE_FILE, Store};
use crate::t;

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy the live database to FILE (works while the kiosk runs; the file is owner-only).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with FILE after checking it; the current one is kept in backups/.
    /// Refused while the kiosk window runs on this data directory.
    Restore { file: PathBuf },
    /// Run SQLite's integrity and foreign-key checks; prints `ok` or each problem.
    Check,
}

pub fn run(data_dir: &Path, command: DbCommand) -> Result<()> {
    let database = data_dir.join(DATABASE_FILE);
    match command {
        DbCommand::Backup { out } => {
            if !database.is_file() {
                bail!("no database at {}", database.display());
            }
            backup::backup_file(&database, &out)
                .with_context(|| format!("backing up to {}", out.display()))?;
            tracing::info!(out = %out.display(), "manual backup written");
            println!("{}", out.display());
            Ok(())
        }
        DbCommand::Check => {
            let problems = backup::check_file(&database)?;
            if problems.is_empty() {
                println!("ok");
                return Ok(());
            }
            for problem in &problems {
                println!("{problem}");
            }
            tracing::warn!(count = problems.len(), "database check found problems");
            bail!("{} problem(s) in {}", problems.len(), database.display())
        }
        DbCommand::Restore { file } => restore(data_dir, &database, &file),
    }
}

fn restore(data_dir: &Path, database: &Path, file: &Path) -> Result<()> {
    // Held through the restore, so the window cannot start on a half-replaced database.
    let lock_path = data_dir.join(GUI_LOCK_FILE);
    let _lock = match DirLock::try_acquire(&lock_path) {
        Ok(Some(lock)) => lock,
        Ok(None) => bail!(
            "{}\n{}",
            t!(Language::ZhCn, "db-restore-gui-running"),
            t!(Language::En, "db-restore-gui-running")
        ),
        Err(error) => {
            return Err(error).with_context(|| format!("locking {}", lock_path.display()));
        }
    };
    if !database.is_file() {
        // Nothing to keep: a fresh database to copy into.
        Store::open_dir(data_dir)?;
    }
    let backups = backup::backups_dir(data_dir)?;
    let restored = match backup::restore_file(database, file, &backups, crate::clock::now()) {
        Ok(restored) => restored,
        Err(error) => {
            tracing::warn!(file = %file.display(), %error, "restore refused");
            bail!(
                "{}\n{}\n{error}",
                refusal(Language::ZhCn, &error),
                refusal(Language::En, &error)
            );
        }
    };
    tracing::info!(
        file = %file.display(),
        previous = %restored.previous.display(),
        version = restored.version,
        "database restored"
    );
    // An older backup is brought up to this build's schema at once.
    Store::open_dir(data_dir).context("opening the restored database")?;
    println!(
        "{}",
        t!(
            Language::ZhCn,
            "db-restored",
            previous = restored.previous.display().to_string()
        )
    );
    println!(
        "{}",
        t!(
            Language::En,
            "db-restored",
            previous = restored.previous.display().to_string()
        )
    );
    Ok(())
}

/// Why a file was refused, in words; the database was not changed.
fn refusal(language: Language, error: &BackupError) -> String {
    match error {
        BackupError::NotADatabase { .. } | BackupError::Damaged { .. } => {
            t!(language, "db-restore-damaged")
        }
        BackupError::Foreign { .. } => t!(language, "db-restore-foreign"),
        BackupError::TooNew { .. } => t!(language, "db-restore-too-new"),
        _ => t!(language, "db-restore-failed"),
    }
}
