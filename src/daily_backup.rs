//! While the window runs: one online backup a day into `<data dir>/backups/`, kept as 7 daily and
//! 4 weekly copies. It runs on its own thread with its own connection, so neither the kiosk nor
//! the desk ever waits for it; each backup and each failure is logged.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;

use crate::store::DATABASE_FILE;
use crate::store::backup::{self, BackupError, retention};

/// The first look, a little after start so the first frame is not slowed.
const FIRST_LOOK: Duration = Duration::from_secs(30);
/// How often the thread looks whether a day has begun.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the thread; it ends with the process.
pub fn spawn(data_dir: PathBuf) {
    let started = std::thread::Builder::new()
        .name("bianmin-backup".into())
        .spawn(move || {
            std::thread::sleep(FIRST_LOOK);
            loop {
                let today = crate::clock::now().date_naive();
                if let Err(error) = run_due(&data_dir, today) {
                    tracing::error!(%error, "daily backup failed");
                }
                std::thread::sleep(EVERY);
            }
        });
    if let Err(error) = started {
        tracing::error!(%error, "the daily backup thread did not start");
    }
}

/// Makes today's backups that are missing and deletes those past keeping. Returns the files made.
pub fn run_due(data_dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, BackupError> {
    let database = data_dir.join(DATABASE_FILE);
    let folder = backup::backups_dir(data_dir)?;
    let mut made = Vec::new();
    for wanted in retention::due(today, &names(&folder)?) {
        let out = folder.join(wanted.file_name());
        backup::backup_file(&database, &out)?;
        tracing::info!(file = %out.display(), "backup written");
        made.push(out);
    }
    for name in retention::to_prune(&names(&folder)?) {
        match std::fs::remove_file(folder.join(&name)) {
            Ok(()) => tracing::info!(file = %name, "old backup deleted"),
            Err(error) => tracing::warn!(file = %name, %error, "old backup not deleted"),
        }
    }
    Ok(made)
}

fn names(folder: &Path) -> Result<Vec<String>, BackupError> {
    let io = |source| BackupError::Io {
        path: folder.to_path_buf(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(io)? {
        names.push(
            entry
                .map_err(io)?
                .file_name()
                .to_string_lossy()
                .into_owned(),
        );
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_week_of_days_makes_one_backup_each_and_keeps_seven_daily_and_four_weekly() {
        let dir = tempfile::tempdir().unwrap();
        let _store = Store::open_dir(dir.path()).unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(); // a Monday
        let made = run_due(dir.path(), first).unwrap();
        assert_eq!(made.len(), 2, "daily and weekly");
        assert!(run_due(dir.path(), first).unwrap().is_empty(), "once a day");
        for offset in 1..40 {
            run_due(dir.path(), first + chrono::Days::new(offset)).unwrap();
        }
        let mut kept = names(&dir.path().join("backups")).unwrap();
        kept.sort();
        let daily = kept.iter().filter(|n| n.starts_with("daily-")).count();
        let weekly = kept.iter().filter(|n| n.starts_with("weekly-")).count();
        assert_eq!((daily, weekly), (7, 4), "{kept:?}");
        assert_eq!(kept.last().unwrap(), "weekly-2026-W50.sqlite3");
        assert!(kept.contains(&"daily-2026-12-11.sqlite3".to_owned()));
        for name in &kept {
            let path = dir.path().join("backups").join(name);
            backup::verify_candidate(&path).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{name}");
            }
        }
    }
}
