//! The county's USB exchange: import a terminal's bundle (all or nothing), export a hall's
//! reply (acks for its terminals' events, then its whole stream: other terminals' events and
//! the county's decisions), signed for each of the hall's terminals.

use crate::domain::sync::event::MAX_PAYLOAD_BYTES;
use std::path::Path;

use serde::Serialize;

use super::ingest::{Step, ingest_one, last_seq};
use super::{CountyError, CountyStore};
use crate::clock;
use crate::domain::sync::bundle::{BundleProblem, SequenceCheck, check_kind};
use crate::sync::bundle::{Body, BundleReader, BundleWriter};
use crate::sync::wire::{
    Ack, AckStatus, BUNDLE_FORMAT, BUNDLE_VERSION, BundleHeader, BundleKind, BundleLine,
    COUNTY_DEVICE, PulledItem,
};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub hall: String,
    pub device: String,
    pub accepted: u64,
    pub duplicate: u64,
    pub rejected: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplySummary {
    pub hall: String,
    pub lines: u64,
    pub to_cursor: u64,
}

impl CountyStore {
    /// Imports a terminal's events bundle in one transaction; any problem changes nothing.
    pub fn import_bundle(&mut self, path: &Path) -> Result<ImportSummary, CountyError> {
        let file = std::fs::File::open(path)?;
        let mut reader = BundleReader::new(file)?;
        let header = reader.header().clone();
        check_kind(BundleKind::Events, header.kind)?;
        let device = self.device(&header.hall, &header.device)?.ok_or_else(|| {
            BundleProblem::UnknownDevice {
                hall: header.hall.clone(),
                device: header.device.clone(),
            }
        })?;
        reader.expect_key(&device.code, &device.bundle_key);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let have = last_seq(&tx, device.id)?;
        let mut last = have;
        let mut sequence = SequenceCheck::default();
        let now = clock::now();
        let mut summary = ImportSummary {
            hall: header.hall.clone(),
            device: header.device.clone(),
            ..ImportSummary::default()
        };
        while let Some(body) = reader.next_line()? {
            let Body::Event(event) = body else {
                return Err(BundleProblem::Damaged {
                    line: reader.line(),
                }
                .into());
            };
            if event.hall != header.hall {
                return Err(BundleProblem::ForeignHall {
                    expected: header.hall.clone(),
                    found: event.hall,
                }
                .into());
            }
            sequence.next(event.seq)?;
            sequence.continues(have)?;
            match ingest_one(&tx, &device, &mut last, &event, now)? {
                Step::Ack(ack) => match ack.status {
                    AckStatus::Accepted => summary.accepted += 1,
                    AckStatus::Duplicate => summary.duplicate += 1,
                    AckStatus::Rejected => summary.rejected += 1,
                },
                Step::Gap { expected } => {
                    return Err(BundleProblem::Gap {
                        expected,
                        found: event.seq,
                    }
                    .into());
                }
            }
        }
        CountyStore::set_last_seq(&tx, device.id, last)?;
        tx.commit()?;
        Ok(summary)
    }

    /// Writes the reply for `hall` (atomically: a temporary file renamed at the end).
    pub fn export_reply(&mut self, hall: &str, path: &Path) -> Result<ReplySummary, CountyError> {
        // One read transaction: the reply is a consistent snapshot up to `to_cursor`.
        // Reads only: a deferred transaction takes no write lock.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
        let to_cursor: i64 = tx.query_row(
            "SELECT COALESCE(MAX(cursor), 0) FROM event WHERE hall = ?1",
            [hall],
            |row| row.get(0),
        )?;
        let devices = {
            let mut statement =
                tx.prepare("SELECT code, bundle_key FROM device WHERE hall = ?1 ORDER BY code")?;
            let rows = statement.query_map([hall], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<Vec<(String, Vec<u8>)>>>()?
        };
        let header = BundleHeader {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            kind: BundleKind::Reply,
            hall: hall.to_owned(),
            device: COUNTY_DEVICE.into(),
            created_at: clock::now().to_rfc3339(),
            to_cursor: Some(to_cursor as u64),
        };
        let mut writer = BundleWriter::create(path, &header, &devices)?;
        {
            let mut acks = tx.prepare(
                "SELECT id, status, reason FROM event
                 WHERE hall = ?1 AND device != ?2 AND cursor <= ?3 ORDER BY cursor",
            )?;
            let mut rows = acks.query(rusqlite::params![hall, COUNTY_DEVICE, to_cursor])?;
            while let Some(row) = rows.next()? {
                let status: String = row.get(1)?;
                let ack = Ack {
                    id: row.get(0)?,
                    status: if status == "accepted" {
                        AckStatus::Accepted
                    } else {
                        AckStatus::Rejected
                    },
                    reason: row.get(2)?,
                };
                writer.line(&BundleLine::Ack(ack))?;
            }
        }
        {
            let mut items = tx.prepare(&format!(
                "SELECT {} FROM event
                 WHERE hall = ?1 AND status = 'accepted' AND cursor <= ?2
                   AND length(CAST(payload AS BLOB)) <= ?3
                 ORDER BY cursor",
                super::store::EVENT_COLUMNS
            ))?;
            // Events stored before payloads had a limit, and over it, are never handed out:
            // no terminal could apply them, and they must not make a reply unreadable.
            let mut rows =
                items.query(rusqlite::params![hall, to_cursor, MAX_PAYLOAD_BYTES as i64])?;
            while let Some(row) = rows.next()? {
                let item: PulledItem = super::store::item_row(row)?;
                writer.line(&BundleLine::Item(item))?;
            }
        }
        let lines = writer.finish(None, None)?;
        tx.commit()?;
        Ok(ReplySummary {
            hall: hall.to_owned(),
            lines,
            to_cursor: to_cursor as u64,
        })
    }
}
