//! This terminal's own settings: its device code (part of every case number it issues) and
//! whether its data is training data.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError};
use crate::domain::case_number::DeviceCode;

pub(crate) const DEVICE_CODE: &str = "device_code";
const TRAINING: &str = "training";

pub(crate) fn meta_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
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

/// Why this terminal's device code cannot be set.
#[derive(Debug, thiserror::Error)]
pub enum DeviceCodeError {
    /// Numbers carrying the current code exist (cases, cards, events the county holds):
    /// another code would let two terminals' numbers collide.
    #[error("this terminal already issued numbers as device {}", current.as_str())]
    InUse { current: DeviceCode },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for DeviceCodeError {
    fn from(error: rusqlite::Error) -> Self {
        DeviceCodeError::Store(error.into())
    }
}

/// The device code stored on `conn`; a stored value that is not a code is damage, never
/// replaced by a default (every number this terminal issues carries it).
pub(crate) fn device_code_in(conn: &Connection) -> Result<Option<DeviceCode>> {
    match meta_value(conn, DEVICE_CODE)? {
        None => Ok(None),
        Some(text) => DeviceCode::parse(&text)
            .map(Some)
            .ok_or_else(|| StoreError::Damaged(format!("device code {text:?}"))),
    }
}

impl Store {
    /// This terminal's device code; None until the hall gives it one.
    pub fn device_code(&self) -> Result<Option<DeviceCode>> {
        device_code_in(self.conn())
    }

    /// The device code, or [`StoreError::NoDeviceCode`] for work that issues numbers.
    pub fn require_device_code(&self) -> Result<DeviceCode> {
        self.device_code()?.ok_or(StoreError::NoDeviceCode)
    }

    /// Gives this terminal its device code. Setting the same code again is harmless; another
    /// code is refused once a number carrying the current one exists (a case number, a card
    /// number, or an event sent to the county).
    pub fn set_device_code(
        &mut self,
        code: &DeviceCode,
    ) -> std::result::Result<(), DeviceCodeError> {
        let tx = self.write()?;
        if let Some(current) = device_code_in(&tx)? {
            if &current == code {
                return Ok(());
            }
            let issued: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM case_serial)
                     OR EXISTS (SELECT 1 FROM card)
                     OR EXISTS (SELECT 1 FROM outbox WHERE attempts > 0 OR state <> 'pending')",
                [],
                |row| row.get(0),
            )?;
            if issued {
                return Err(DeviceCodeError::InUse { current });
            }
        }
        set_meta_value(&tx, DEVICE_CODE, code.as_str())?;
        tx.commit()?;
        Ok(())
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
