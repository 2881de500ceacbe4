//! Terminals the county knows: each gets a random token, shown once; the county keeps only its
//! hash (to recognise it over HTTP) and the bundle key derived from it (to check USB bundles).

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{CountyError, CountyStore};
use crate::clock;
use crate::domain::case_number::DeviceCode;
use crate::sync::keys::{bundle_key, new_token, token_hash};

/// What `county device add` reports; the token is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewDevice {
    pub hall: String,
    pub device: String,
    pub name: String,
    pub token: String,
}

/// `county device list --json`: a terminal and the state of its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceListing {
    pub hall: String,
    pub device: String,
    pub name: String,
    pub created: String,
    pub expires: Option<String>,
    pub revoked: Option<String>,
    pub last_seen: Option<String>,
}

/// How long a new token works unless the county says otherwise.
pub const DEFAULT_VALID_DAYS: u32 = 365;

/// A registered terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: i64,
    pub hall: String,
    pub code: String,
    pub name: String,
    pub last_seq: u64,
    pub bundle_key: Vec<u8>,
}

const COLUMNS: &str = "id, hall, code, name, last_seq, bundle_key";

fn device_row(row: &Row<'_>) -> rusqlite::Result<Device> {
    Ok(Device {
        id: row.get(0)?,
        hall: row.get(1)?,
        code: row.get(2)?,
        name: row.get(3)?,
        last_seq: row.get::<_, i64>(4)? as u64,
        bundle_key: row.get(5)?,
    })
}

pub fn valid_hall(code: &str) -> bool {
    code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit())
}

impl CountyStore {
    /// Registers a terminal of `hall`: the given device code, or the hall's next free one.
    /// `valid_days` limits how long the token works (None: until rotated or revoked).
    pub fn add_device(
        &mut self,
        hall: &str,
        name: &str,
        code: Option<&str>,
        valid_days: Option<u32>,
    ) -> Result<NewDevice, CountyError> {
        if !valid_hall(hall) {
            return Err(CountyError::BadHall);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let code = match code {
            Some(code) => DeviceCode::parse(code)
                .ok_or(CountyError::BadDevice)?
                .as_str()
                .to_owned(),
            None => {
                let next: i64 = tx.query_row(
                    "SELECT COALESCE(MAX(CAST(code AS INTEGER)), 0) + 1 FROM device WHERE hall = ?1",
                    [hall],
                    |row| row.get(0),
                )?;
                DeviceCode::parse(&format!("{next:02}"))
                    .ok_or(CountyError::BadDevice)?
                    .as_str()
                    .to_owned()
            }
        };
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM device WHERE hall = ?1 AND code = ?2)",
            params![hall, code],
            |row| row.get(0),
        )?;
        if taken {
            return Err(CountyError::DeviceTaken {
                hall: hall.to_owned(),
                device: code,
            });
        }
        let token = new_token(
            hall,
            &DeviceCode::parse(&code).ok_or(CountyError::BadDevice)?,
        );
        let now = clock::now();
        let expires =
            valid_days.map(|days| (now + chrono::Duration::days(days.into())).to_rfc3339());
        tx.execute(
            "INSERT INTO device (hall, code, name, token_hash, bundle_key, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                hall,
                code,
                name.trim(),
                token_hash(&token),
                bundle_key(&token),
                now.to_rfc3339(),
                expires
            ],
        )?;
        tx.commit()?;
        Ok(NewDevice {
            hall: hall.to_owned(),
            device: code,
            name: name.trim().to_owned(),
            token,
        })
    }

    /// The terminal a bearer token belongs to, if the token is known, not revoked and not
    /// expired. Notes when the terminal was last seen (at most once a minute).
    pub fn authenticate(&self, token: &str) -> Result<Option<Device>, CountyError> {
        let found: Option<(Device, Option<String>, Option<String>)> = self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS}, expires_at, revoked_at FROM device WHERE token_hash = ?1"
                ),
                [token_hash(token)],
                |row| Ok((device_row(row)?, row.get(6)?, row.get(7)?)),
            )
            .optional()?;
        let now = clock::now();
        let Some((device, expires, revoked)) = found else {
            return Ok(None);
        };
        let expired = expires
            .and_then(|text| chrono::DateTime::parse_from_rfc3339(&text).ok())
            .is_some_and(|at| at <= now);
        if expired || revoked.is_some() {
            return Ok(None);
        }
        self.conn
            .prepare_cached(
                "UPDATE device SET last_seen = ?1
                 WHERE id = ?2 AND (last_seen IS NULL OR last_seen < ?3)",
            )?
            .execute(params![
                now.to_rfc3339(),
                device.id,
                (now - chrono::Duration::minutes(1)).to_rfc3339()
            ])?;
        Ok(Some(device))
    }

    /// Stops a terminal's token at once (a lost or stolen PC). Its records stay.
    pub fn revoke_device(&mut self, hall: &str, code: &str) -> Result<(), CountyError> {
        let changed = self.conn.execute(
            "UPDATE device SET revoked_at = ?1 WHERE hall = ?2 AND code = ?3",
            params![clock::now().to_rfc3339(), hall, code],
        )?;
        if changed == 0 {
            return Err(CountyError::UnknownDevice {
                hall: hall.to_owned(),
                device: code.to_owned(),
            });
        }
        Ok(())
    }

    /// Gives a terminal a new token (shown once); the old one stops working at once. The
    /// terminal keeps its numbers, so nothing it queued meanwhile is lost: it sends them with
    /// the new token.
    pub fn rotate_device(
        &mut self,
        hall: &str,
        code: &str,
        valid_days: Option<u32>,
    ) -> Result<NewDevice, CountyError> {
        let device_code = DeviceCode::parse(code).ok_or(CountyError::BadDevice)?;
        let token = new_token(hall, &device_code);
        let now = clock::now();
        let expires =
            valid_days.map(|days| (now + chrono::Duration::days(days.into())).to_rfc3339());
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE device SET token_hash = ?1, bundle_key = ?2, expires_at = ?3,
                revoked_at = NULL
             WHERE hall = ?4 AND code = ?5",
            params![token_hash(&token), bundle_key(&token), expires, hall, code],
        )?;
        if changed == 0 {
            return Err(CountyError::UnknownDevice {
                hall: hall.to_owned(),
                device: code.to_owned(),
            });
        }
        let name: String = tx.query_row(
            "SELECT name FROM device WHERE hall = ?1 AND code = ?2",
            params![hall, code],
            |row| row.get(0),
        )?;
        tx.commit()?;
        Ok(NewDevice {
            hall: hall.to_owned(),
            device: code.to_owned(),
            name,
            token,
        })
    }

    /// Every registered terminal, by hall and code.
    pub fn devices(&self) -> Result<Vec<DeviceListing>, CountyError> {
        let mut statement = self.conn.prepare(
            "SELECT hall, code, name, created_at, expires_at, revoked_at, last_seen
             FROM device ORDER BY hall, code",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(DeviceListing {
                hall: row.get(0)?,
                device: row.get(1)?,
                name: row.get(2)?,
                created: row.get(3)?,
                expires: row.get(4)?,
                revoked: row.get(5)?,
                last_seen: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn device(&self, hall: &str, code: &str) -> Result<Option<Device>, CountyError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM device WHERE hall = ?1 AND code = ?2"),
                params![hall, code],
                device_row,
            )
            .optional()?)
    }
}
