//! Taking in a terminal's events, over HTTP or from a USB bundle: each batch in ONE
//! transaction (a kill never leaves half a batch), each event once (its UUID is the
//! idempotency key), each device's numbers without a gap.

use rusqlite::{Connection, OptionalExtension, params};

use super::devices::Device;
use super::{CountyError, CountyStore};
use crate::clock::{self, Timestamp};
use crate::store::SyncCaseChange;
use crate::sync::wire::{Ack, AckStatus, Event, kind};

/// The answer to a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    Acks(Vec<Ack>),
    /// An event's number is past the next one the county expects: nothing was stored.
    Gap {
        expected: u64,
    },
}

/// What one event came to.
pub(super) enum Step {
    Ack(Ack),
    Gap { expected: u64 },
}

impl CountyStore {
    pub fn ingest(&mut self, device: &Device, events: &[Event]) -> Result<Ingested, CountyError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Read inside the transaction: another connection may have moved it on.
        let mut last = last_seq(&tx, device.id)?;
        let now = clock::now();
        let mut acks = Vec::with_capacity(events.len());
        for event in events {
            match ingest_one(&tx, device, &mut last, event, now)? {
                Step::Ack(ack) => acks.push(ack),
                // Dropping the transaction rolls the whole batch back.
                Step::Gap { expected } => return Ok(Ingested::Gap { expected }),
            }
        }
        CountyStore::set_last_seq(&tx, device.id, last)?;
        tx.commit()?;
        Ok(Ingested::Acks(acks))
    }
}

pub(super) fn last_seq(conn: &Connection, device_id: i64) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT last_seq FROM device WHERE id = ?1",
        [device_id],
        |row| row.get::<_, i64>(0),
    )
    .map(|seq| seq as u64)
}

fn ack(event: &Event, status: AckStatus, reason: Option<String>) -> Step {
    Step::Ack(Ack {
        id: event.id.clone(),
        status,
        reason,
    })
}

/// One event of `device`; `last` is the device's last number so far and moves on.
pub(super) fn ingest_one(
    conn: &Connection,
    device: &Device,
    last: &mut u64,
    event: &Event,
    now: Timestamp,
) -> Result<Step, CountyError> {
    let known: Option<(String, String, String, Option<String>)> = conn
        .prepare_cached("SELECT hall, device, status, reason FROM event WHERE id = ?1")?
        .query_row([&event.id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .optional()?;
    if let Some((hall, code, status, reason)) = known {
        if hall != device.hall || code != device.code {
            return Ok(ack(
                event,
                AckStatus::Rejected,
                Some("event id used by another terminal".into()),
            ));
        }
        return Ok(if status == "accepted" {
            ack(event, AckStatus::Duplicate, None)
        } else {
            ack(event, AckStatus::Rejected, reason)
        });
    }
    if event.hall != device.hall || event.device != device.code {
        return Ok(ack(
            event,
            AckStatus::Rejected,
            Some(format!(
                "event of hall {} terminal {} sent with the token of hall {} terminal {}",
                event.hall, event.device, device.hall, device.code
            )),
        ));
    }
    if event.seq <= *last {
        return Ok(ack(
            event,
            AckStatus::Rejected,
            Some(format!(
                "sequence number {} was used by another event",
                event.seq
            )),
        ));
    }
    if event.seq > *last + 1 {
        return Ok(Step::Gap {
            expected: *last + 1,
        });
    }
    let problem = check(event);
    store_event(conn, event, now, problem.as_deref())?;
    *last = event.seq;
    match problem {
        Some(reason) => Ok(ack(event, AckStatus::Rejected, Some(reason))),
        None => {
            update_view(conn, event, now)?;
            Ok(ack(event, AckStatus::Accepted, None))
        }
    }
}

/// Why an event cannot be accepted (it is still stored, so its number is used).
fn check(event: &Event) -> Option<String> {
    if event.kind.trim().is_empty() || event.entity_id.trim().is_empty() {
        return Some("kind and entity_id are required".into());
    }
    if chrono::DateTime::parse_from_rfc3339(&event.created_at).is_err() {
        return Some("created_at is not an RFC 3339 time".into());
    }
    match serde_json::from_str::<serde_json::Value>(&event.payload) {
        Ok(serde_json::Value::Object(_)) => None,
        _ => Some("payload is not a JSON object".into()),
    }
}

pub(super) fn store_event(
    conn: &Connection,
    event: &Event,
    now: Timestamp,
    rejected: Option<&str>,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO event (id, hall, device, seq, kind, entity_id, base, created_at, payload,
            received_at, status, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        event.id,
        event.hall,
        event.device,
        event.seq as i64,
        event.kind,
        event.entity_id,
        event.base,
        event.created_at,
        event.payload,
        now.to_rfc3339(),
        if rejected.is_some() {
            "rejected"
        } else {
            "accepted"
        },
        rejected
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Keeps the county's applications view in step with an accepted event.
pub(super) fn update_view(
    conn: &Connection,
    event: &Event,
    now: Timestamp,
) -> rusqlite::Result<()> {
    #[derive(serde::Deserialize)]
    struct Created {
        case: CreatedCase,
    }
    #[derive(serde::Deserialize)]
    struct CreatedCase {
        id: String,
        number: Option<String>,
        item_id: String,
        state: String,
    }
    match event.kind.as_str() {
        kind::APPLICATION_CREATED => {
            if let Ok(Created { case }) = serde_json::from_str::<Created>(&event.payload) {
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO application (id, hall, number, item_id, state,
                        head_event, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    case.id,
                    event.hall,
                    case.number,
                    case.item_id,
                    case.state,
                    event.id,
                    now.to_rfc3339()
                ])?;
            }
        }
        kind::CASE_STATE_CHANGED
        | kind::CASE_HANDED_OVER
        | kind::COUNTY_DECISION
        | kind::CONFLICT_RESOLVED => {
            if let Ok(change) = serde_json::from_str::<SyncCaseChange>(&event.payload) {
                conn.prepare_cached(
                    "UPDATE application SET state = COALESCE(?1, state),
                        number = COALESCE(?2, number), head_event = ?3, updated_at = ?4
                     WHERE id = ?5",
                )?
                .execute(params![
                    change.target().map(|state| state.code()),
                    change.number,
                    event.id,
                    now.to_rfc3339(),
                    change.application
                ])?;
            }
        }
        _ => {}
    }
    Ok(())
}
