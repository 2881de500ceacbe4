//! This terminal's own settings: its device code (part of every case number it issues) and
//! whether its data is training data.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store};
use crate::domain::case_number::DeviceCode;

const DEVICE_CODE: &str = "device_code";
const TRAINING: &str = "training";

pub(crate) fn meta_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

pub(crate) fn set_meta_value(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

impl Store {
    /// The device code; "01" until the hall gives this terminal its own.
    pub fn device_code(&self) -> Result<DeviceCode> {
        let stored = meta_value(self.conn(), DEVICE_CODE)?;
        Ok(stored
            .as_deref()
            .and_then(DeviceCode::parse)
            .unwrap_or_else(|| DeviceCode::parse("01").expect("01 is a valid code")))
    }

    pub fn set_device_code(&self, code: &DeviceCode) -> Result<()> {
        set_meta_value(self.conn(), DEVICE_CODE, code.as_str())
    }

    pub fn is_training(&self) -> Result<bool> {
        Ok(meta_value(self.conn(), TRAINING)?.as_deref() == Some("1"))
    }

    pub fn mark_training(&self) -> Result<()> {
        set_meta_value(self.conn(), TRAINING, "1")
    }

    /// True when no household, application or account exists yet (content does not count).
    pub fn has_no_records(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM household)
                AND NOT EXISTS (SELECT 1 FROM application)
                AND NOT EXISTS (SELECT 1 FROM account)",
            [],
            |row| row.get(0),
        )?)
    }
}
