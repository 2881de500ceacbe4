//! The one place an error becomes words for people. Every error a person can meet implements
//! [`Explain`]: its words come from `locales/` in the reader's language and never carry the
//! English `Display` text of a library error; that detail goes to the log through [`shown`].

use crate::i18n::Language;
use crate::store::StoreError;
use crate::t;

mod chars;
mod forms;
mod handwriting;
mod rating;
mod ratings;
mod roster;
mod speech;
mod stats;

pub use roster::field_name;

/// An error as people read it.
pub trait Explain: std::fmt::Debug {
    /// The words for the person at the screen (or the command line), in `language`.
    fn words(&self, language: Language) -> String;
}

/// The words for `error`, with its full detail written to the log: how every screen and command
/// shows an error, so none is shown without a log line.
pub fn shown(language: Language, error: &dyn Explain) -> String {
    let words = error.words(language);
    tracing::warn!(detail = ?error, shown = %words, "error shown");
    words
}

impl Explain for StoreError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            StoreError::Sqlite(error) => sqlite(l, error),
            StoreError::DataDir { path, .. } => {
                t!(l, "error-data-dir", path = path.display().to_string())
            }
            StoreError::Damaged(_) => t!(l, "error-db-damaged"),
            StoreError::NoDeviceCode => t!(l, "case-no-device-code"),
            StoreError::WorkerStopped => t!(l, "error-worker-stopped"),
            StoreError::TooNew { found, known } => t!(
                l,
                "error-db-too-new",
                found = found.to_string(),
                known = known.to_string()
            ),
            StoreError::Upgrade(_) => t!(l, "error-db-upgrade"),
            StoreError::Backup(_) => t!(l, "error-db-backup"),
        }
    }
}

/// What went wrong with the database, by kind: busy, full, read-only, damaged, or else.
pub fn sqlite(language: Language, error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let code = match error {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        _ => None,
    };
    match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => t!(language, "error-db-busy"),
        Some(ErrorCode::DiskFull) => t!(language, "error-disk-full"),
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            t!(language, "error-db-read-only")
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            t!(language, "error-db-damaged")
        }
        _ => t!(language, "error-db-other"),
    }
}

impl Explain for std::io::Error {
    fn words(&self, language: Language) -> String {
        io(language, self.kind())
    }
}

/// A file that could not be read or written, by kind.
pub fn io(language: Language, kind: std::io::ErrorKind) -> String {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => t!(language, "error-io-not-found"),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            t!(language, "error-io-permission")
        }
        ErrorKind::StorageFull => t!(language, "error-disk-full"),
        _ => t!(language, "error-io-other"),
    }
}

impl Explain for crate::domain::status_query::QueryProblem {
    fn words(&self, language: Language) -> String {
        use crate::domain::status_query::QueryProblem;
        match self {
            QueryProblem::NotACaseNumber => t!(language, "status-problem-number"),
            QueryProblem::IdTailIncomplete => t!(language, "status-problem-id-tail"),
            QueryProblem::PhoneTailIncomplete => t!(language, "status-problem-phone-tail"),
            QueryProblem::NameIncomplete => t!(language, "status-problem-name"),
            QueryProblem::TooManyMisses => t!(language, "status-problem-too-many"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_database_is_explained_without_english_detail() {
        let busy = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        ));
        let words = busy.words(Language::ZhCn);
        assert!(!words.contains("database is locked"), "{words}");
        assert!(!words.is_ascii(), "{words}");
    }

    #[test]
    fn every_store_error_has_chinese_words() {
        let errors = [
            StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows),
            StoreError::Damaged("bad row".into()),
            StoreError::NoDeviceCode,
            StoreError::WorkerStopped,
            StoreError::TooNew { found: 9, known: 7 },
        ];
        for error in errors {
            let words = error.words(Language::ZhCn);
            assert!(
                !words.contains(&error.to_string()),
                "{words} repeats the English text"
            );
            assert!(words.chars().any(|c| c > '\u{2e80}'), "{words}");
        }
    }
}
