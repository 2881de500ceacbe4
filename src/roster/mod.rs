//! Village rosters (花名册) from files: CSV (UTF-8 with or without a BOM, or GB18030/GBK as
//! Excel in China saves it, or Excel's tab-separated UTF-16 "Unicode text") and spreadsheets
//! (XLSX, XLS, ODS: the first sheet). The rows go to [`crate::domain::roster`] to be checked.
//!
//! Two steps, so a screen can show the check before anything is written:
//! [`check_file`] reads and checks, writing nothing; [`apply`] registers every household of a
//! clean check in one write transaction, or none.

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;

use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::roster::{RosterCheck, RosterContext, SheetRow, check_roster};
use crate::store::{BatchError, Store, StoreError};

/// Why a roster file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("reading the file: {0}")]
    Io(#[from] std::io::Error),
    /// Not a spreadsheet calamine can open (damaged, or another format under the name).
    #[error("reading the spreadsheet: {0}")]
    Spreadsheet(String),
    /// A spreadsheet without any sheet.
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("reading the CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Why checking a roster stopped before any row was judged.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The file's rows, numbered as the spreadsheet shows them. The extension decides: .xlsx,
/// .xlsm, .xls and .ods are spreadsheets, anything else is read as CSV.
pub fn read_rows(path: &Path) -> Result<Vec<SheetRow>, ReadError> {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_spreadsheet(path),
        _ => read_csv(&std::fs::read(path)?),
    }
}

fn read_spreadsheet(path: &Path) -> Result<Vec<SheetRow>, ReadError> {
    use calamine::{Data, Reader};
    // Opened here first so a missing file is an I/O error, not a spreadsheet error.
    std::fs::metadata(path)?;
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|error| ReadError::Spreadsheet(error.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(ReadError::NoSheet)?
        .map_err(|error| ReadError::Spreadsheet(error.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(index, cells)| SheetRow {
            number: first_row + index + 1,
            cells: cells
                .iter()
                .map(|cell| match cell {
                    // A #N/A or #REF! is no value.
                    Data::Error(_) => String::new(),
                    // Numbers print without ".0" (a group typed as 3, a phone as a number).
                    other => other.to_string(),
                })
                .collect(),
        })
        .collect())
}

/// The text of a CSV file: UTF-8 (a BOM is dropped), UTF-16 with its BOM, else GB18030 (which
/// includes GBK and GB2312).
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned()
            .into();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0,
    }
}

/// CSV rows numbered as a spreadsheet shows them: blank lines count, a line break inside a
/// quoted cell does not.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<SheetRow>, ReadError> {
    let text = decode(bytes);
    let first_line = text.lines().find(|line| !line.trim().is_empty());
    let delimiter = match first_line {
        Some(line) if line.contains('\t') && !line.contains(',') => b'\t',
        Some(line) if line.contains(';') && !line.contains(',') => b';',
        _ => b',',
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line breaks inside quoted cells seen so far: each made the line count run ahead.
    let mut inner_breaks = 0_usize;
    for record in reader.records() {
        let record = record?;
        // The position is where the reader started, before the blank lines it passed over.
        let line = record.position().map_or(rows.len() + 1, |position| {
            let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
            let blank = text
                .as_bytes()
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|byte| matches!(byte, b'\n' | b'\r'))
                .filter(|byte| **byte == b'\n')
                .count();
            position.line() as usize + blank
        });
        rows.push(SheetRow {
            number: line - inner_breaks,
            cells: record.iter().map(str::to_owned).collect(),
        });
        inner_breaks += record
            .iter()
            .map(|cell| cell.matches('\n').count())
            .sum::<usize>();
    }
    Ok(rows)
}

/// Reads `path` and checks every row against the hall's villages and the people registered in
/// `store`. Writes nothing. New households get fresh ids.
pub fn check_file(
    path: &Path,
    store: &Store,
    content: &Content,
    today: NaiveDate,
) -> Result<RosterCheck, CheckError> {
    let rows = read_rows(path)?;
    check_rows(&rows, store, content, today)
}

/// [`check_file`] for rows already read.
pub fn check_rows(
    rows: &[SheetRow],
    store: &Store,
    content: &Content,
    today: NaiveDate,
) -> Result<RosterCheck, CheckError> {
    let registered = store.registered_people()?;
    let mut context = RosterContext {
        villages: &content.villages,
        registered: &registered,
        today,
        new_id: || uuid::Uuid::new_v4().to_string(),
    };
    Ok(check_roster(rows, &mut context))
}

/// What applying did not do: the check had problems, or a household was refused when written
/// (someone registered it in the meantime, on another terminal).
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("the roster has problems; nothing was applied")]
    NotClean,
    /// The household starting on this row was refused; nothing was applied.
    #[error("row {row}: {error}")]
    Refused {
        row: usize,
        error: crate::store::HouseholdError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Registers every household of a clean check in ONE write transaction, each with its audit
/// row and outbox event, or none at all. Returns how many were registered.
pub fn apply(
    store: &mut Store,
    check: &RosterCheck,
    actor: Option<i64>,
    at: Timestamp,
) -> Result<usize, ApplyError> {
    if !check.is_clean() {
        return Err(ApplyError::NotClean);
    }
    let households: Vec<_> = check
        .households
        .iter()
        .map(|entry| entry.household.clone())
        .collect();
    store
        .register_households(&households, actor, at)
        .map_err(|error| match error {
            BatchError::Refused { index, error } => ApplyError::Refused {
                row: check.households[index].row,
                error,
            },
            BatchError::Store(error) => ApplyError::Store(error),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(rows: &[SheetRow]) -> Vec<usize> {
        rows.iter().map(|row| row.number).collect()
    }

    #[test]
    fn utf8_with_a_bom_gbk_and_utf16_read_the_same() {
        let text = "户主姓名,村\n王堃,上里塬村\n";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend(text.as_bytes());
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.replace(',', "\t").encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        for bytes in [text.as_bytes().to_vec(), with_bom, gbk, utf16] {
            let rows = read_csv(&bytes).unwrap();
            assert_eq!(rows[0].cells, vec!["户主姓名", "村"], "{bytes:?}");
            assert_eq!(rows[1].cells, vec!["王堃", "上里塬村"]);
        }
    }

    #[test]
    fn csv_rows_are_numbered_as_the_spreadsheet_shows_them() {
        let rows = read_csv("a,b\n\n\"two\nlines\",x\nc,d\n".as_bytes()).unwrap();
        assert_eq!(numbers(&rows), vec![1, 3, 4]);
        assert_eq!(rows[2].cells, vec!["c", "d"]);
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["none.csv", "none.xlsx"] {
            let error = read_rows(&dir.path().join(name)).unwrap_err();
            assert!(matches!(error, ReadError::Io(_)), "{error:?}");
        }
    }

    #[test]
    fn a_file_that_is_not_a_spreadsheet_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roster.xlsx");
        std::fs::write(&path, "户主姓名,村\n").unwrap();
        let error = read_rows(&path).unwrap_err();
        assert!(matches!(error, ReadError::Spreadsheet(_)), "{error:?}");
    }
}
