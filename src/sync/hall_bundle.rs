//! The hall's USB exchange: export this terminal's unsent events for the county, and import
//! the county's reply (acks, decisions, the other terminals' events) all or nothing.

use std::path::Path;

use serde::Serialize;

use super::SyncError;
use super::bundle::{Body, BundleReader, BundleWriter};
use super::config::SyncConfig;
use super::keys::bundle_key;
use super::run::to_wire;
use super::wire::{BUNDLE_FORMAT, BUNDLE_VERSION, BundleHeader, BundleKind, BundleLine};
use crate::clock;
use crate::domain::sync::bundle::{BundleProblem, check_hall, check_kind, check_reply_order};
use crate::store::{AckCounts, ApplyReport, Store};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    pub count: u64,
    pub first_seq: Option<u64>,
    pub last_seq: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub acks: AckCounts,
    pub applied: ApplyReport,
    pub to_cursor: u64,
}

/// Writes every event the county may not have yet, oldest first: from the oldest unsent one
/// to the newest, so the numbers run without a gap (sent ones in between are harmless
/// duplicates). Events stay as they are until the county's reply acknowledges them.
pub fn export_bundle(store: &Store, path: &Path) -> Result<ExportReport, SyncError> {
    let config = SyncConfig::load(store)?.ok_or(SyncError::NotConfigured)?;
    let hall = store.township_code()?.ok_or(SyncError::NoHall)?;
    let device = store.require_device_code()?.as_str().to_owned();
    let header = BundleHeader {
        format: BUNDLE_FORMAT.into(),
        version: BUNDLE_VERSION,
        kind: BundleKind::Events,
        hall: hall.clone(),
        device: device.clone(),
        created_at: clock::now().to_rfc3339(),
        to_cursor: None,
    };
    let keys = vec![(device.clone(), bundle_key(&config.token))];
    let mut writer = BundleWriter::create(path, &header, &keys)?;
    let mut report = ExportReport::default();
    store.for_each_unsent(|event| -> Result<(), SyncError> {
        report.first_seq.get_or_insert(event.seq);
        report.last_seq = Some(event.seq);
        report.count += 1;
        writer.line(&BundleLine::Event(to_wire(event, &hall, &device)))?;
        Ok(())
    })?;
    writer.finish(report.first_seq, report.last_seq)?;
    Ok(report)
}

/// Imports the county's reply in one transaction: every check passes or nothing changes.
/// Importing the same reply again changes nothing; an older one is refused.
pub fn import_reply(store: &mut Store, path: &Path) -> Result<ImportReport, SyncError> {
    let config = SyncConfig::load(store)?.ok_or(SyncError::NotConfigured)?;
    let hall = store.township_code()?.ok_or(SyncError::NoHall)?;
    let device = store.require_device_code()?.as_str().to_owned();
    let mut reader = BundleReader::open(path)?;
    let header = reader.header().clone();
    check_kind(BundleKind::Reply, header.kind)?;
    check_hall(&hall, &header.hall)?;
    let to_cursor = header.to_cursor.unwrap_or(0);
    check_reply_order(to_cursor, store.pull_cursor()?)?;
    reader.expect_key(&device, &bundle_key(&config.token));
    let at = clock::now();
    let report = store.import_in_one_transaction(|tx, cursor| {
        let mut report = ImportReport {
            to_cursor,
            ..ImportReport::default()
        };
        while let Some(body) = reader.next_line()? {
            match body {
                Body::Ack(ack) => crate::store::sync_apply_ack(tx, &ack, at, &mut report.acks)?,
                Body::Item(item) if item.cursor > cursor => {
                    crate::store::sync_apply_item(tx, &item, &device, at, &mut report.applied)?
                }
                Body::Item(_) => report.applied.already += 1,
                // A reply carries no bare events.
                Body::Event(_) => {
                    return Err(SyncError::Bundle(BundleProblem::Damaged {
                        line: reader.line(),
                    }));
                }
            }
        }
        crate::store::sync_advance_cursor(tx, to_cursor)?;
        Ok(report)
    })?;
    Ok(report)
}
