//! The terminal's log: one file a day in `<data dir>/logs/` (`bianmin.2026-11-27.log`, dates in
//! UTC as `tracing-appender` names them), owner-only, kept 30 days. Sync runs, prints, logins,
//! backups and every error shown to a person are written here; passwords and full ID numbers
//! never are.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};

use crate::private_file::{private_dir, set_mode};

/// The folder in the data directory that holds the log files.
pub const LOGS_DIR: &str = "logs";
/// Days of log files kept.
pub const KEEP_DAYS: u64 = 30;
const PREFIX: &str = "bianmin";
const SUFFIX: &str = "log";

/// Keeps the log writer's thread alive: hold it for the program's life (its drop flushes).
#[must_use = "the log stops when the guard is dropped"]
pub struct LogGuard {
    _worker: Option<WorkerGuard>,
}

pub fn logs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOGS_DIR)
}

/// Starts logging to `<data dir>/logs/`, after deleting files older than 30 days. A log that
/// cannot be opened is reported on standard error and the program goes on without one.
pub fn init(data_dir: &Path) -> LogGuard {
    match open(&logs_dir(data_dir)) {
        Ok(writer) => {
            let (writer, worker) = tracing_appender::non_blocking(writer);
            let subscriber = tracing_subscriber::fmt()
                .with_writer(writer)
                .with_ansi(false)
                .with_max_level(tracing::Level::INFO)
                .finish();
            let _ = tracing::subscriber::set_global_default(subscriber);
            LogGuard {
                _worker: Some(worker),
            }
        }
        Err(error) => {
            eprintln!(
                "bianmin: no log in {}: {error}",
                logs_dir(data_dir).display()
            );
            LogGuard { _worker: None }
        }
    }
}

/// Logging to standard error (the county's server, which runs under a service manager).
pub fn init_stderr() {
    let subscriber = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
}

fn open(dir: &Path) -> io::Result<PrivateFiles> {
    private_dir(dir)?;
    let names = file_names(dir)?;
    let today = chrono::Utc::now().date_naive();
    for name in to_prune(&names, today, KEEP_DAYS) {
        let _ = std::fs::remove_file(dir.join(name));
    }
    for name in file_names(dir)? {
        set_mode(&dir.join(name), 0o600)?;
    }
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        .build(dir)
        .map_err(io::Error::other)?;
    Ok(PrivateFiles {
        inner: appender,
        dir: dir.to_path_buf(),
        narrowed: None,
    })
}

fn file_names(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if file_date(&name).is_some() {
            names.push(name);
        }
    }
    Ok(names)
}

/// The day of a log file from its name; none for any other file.
pub fn file_date(name: &str) -> Option<NaiveDate> {
    let day = name
        .strip_prefix(PREFIX)?
        .strip_prefix('.')?
        .strip_suffix(SUFFIX)?
        .strip_suffix('.')?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The log files older than `keep_days` days before `today`.
pub fn to_prune(names: &[String], today: NaiveDate, keep_days: u64) -> Vec<String> {
    let Some(oldest_kept) = today.checked_sub_days(chrono::Days::new(keep_days.saturating_sub(1)))
    else {
        return Vec::new();
    };
    names
        .iter()
        .filter(|name| file_date(name).is_some_and(|day| day < oldest_kept))
        .cloned()
        .collect()
}

/// The newest `limit` lines of the two latest log files (today's and yesterday's), newest first.
pub fn latest_entries(dir: &Path, limit: usize) -> io::Result<Vec<String>> {
    let mut names = match file_names(dir) {
        Ok(names) => names,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    names.sort_by_key(|name| std::cmp::Reverse(file_date(name)));
    let mut entries = Vec::new();
    for name in names.iter().take(2) {
        let text = std::fs::read(dir.join(name))?;
        let text = String::from_utf8_lossy(&text);
        entries.extend(
            text.lines()
                .rev()
                .filter(|line| !line.trim().is_empty())
                .take(limit - entries.len())
                .map(str::to_owned),
        );
        if entries.len() >= limit {
            break;
        }
    }
    Ok(entries)
}

/// The daily appender, narrowing each new day's file to its owner when it is first written.
struct PrivateFiles {
    inner: RollingFileAppender,
    dir: PathBuf,
    narrowed: Option<String>,
}

impl Write for PrivateFiles {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        let current = format!(
            "{PREFIX}.{}.{SUFFIX}",
            chrono::Utc::now().date_naive().format("%Y-%m-%d")
        );
        if self.narrowed.as_deref() != Some(current.as_str()) {
            let path = self.dir.join(&current);
            if set_mode(&path, 0o600).is_ok() {
                self.narrowed = Some(current);
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn files_older_than_thirty_days_are_pruned_and_nothing_else() {
        let today = day(2026, 11, 27);
        let mut names: Vec<String> = (0..40)
            .map(|back| {
                let date = today - chrono::Days::new(back);
                format!("bianmin.{}.log", date.format("%Y-%m-%d"))
            })
            .collect();
        names.push("notes.txt".into());
        names.push("bianmin.yesterday.log".into());
        let pruned = to_prune(&names, today, 30);
        assert_eq!(pruned.len(), 10);
        assert!(pruned.contains(&"bianmin.2026-10-28.log".to_owned()));
        assert!(!pruned.contains(&"bianmin.2026-10-29.log".to_owned()));
        assert!(pruned.iter().all(|name| name.starts_with("bianmin.2026-")));
    }

    #[test]
    fn the_latest_entries_come_newest_first_from_the_two_latest_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bianmin.2026-11-25.log"), "old 1\n").unwrap();
        std::fs::write(dir.path().join("bianmin.2026-11-26.log"), "a 1\na 2\n").unwrap();
        std::fs::write(dir.path().join("bianmin.2026-11-27.log"), "b 1\nb 2\n\n").unwrap();
        let entries = latest_entries(dir.path(), 200).unwrap();
        assert_eq!(entries, vec!["b 2", "b 1", "a 2", "a 1"]);
        assert_eq!(
            latest_entries(dir.path(), 3).unwrap(),
            vec!["b 2", "b 1", "a 2"]
        );
        let none = latest_entries(&dir.path().join("missing"), 200).unwrap();
        assert!(none.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn log_files_and_their_folder_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join(LOGS_DIR);
        std::fs::create_dir_all(&logs).unwrap();
        let old = logs.join("bianmin.2000-01-01.log");
        let recent = logs.join(format!(
            "bianmin.{}.log",
            chrono::Utc::now().date_naive().format("%Y-%m-%d")
        ));
        std::fs::write(&old, "old\n").unwrap();
        std::fs::write(&recent, "recent\n").unwrap();
        set_mode(&recent, 0o644).unwrap();
        let mut writer = open(&logs).unwrap();
        writer.write_all(b"a line\n").unwrap();
        writer.flush().unwrap();
        assert!(!old.exists(), "pruned");
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&logs), 0o700);
        assert_eq!(mode(&recent), 0o600);
        assert!(std::fs::read_to_string(&recent).unwrap().contains("a line"));
    }
}
