//! Taking in a terminal's events, over HTTP or from a USB bundle: each batch in ONE
//! transaction (a kill never leaves half a batch), each event once (its UUID is the
//! idempotency key), each device's numbers without a gap.

use rusqlite::{Connection, OptionalExtension, params};

use super::devices::Device;
use super::rights;
use super::{CountyError, CountyStore};
use crate::clock::{self, Timestamp};
use crate::domain::sync::event::Payload;
use crate::sync::wire::{Ack, AckStatus, Event};

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
    let known: Option<(StoredEvent, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT hall, device, seq, kind, entity_id, base, created_at, payload, status, reason
             FROM event WHERE id = ?1",
        )?
        .query_row([&event.id], |row| {
            Ok((
                StoredEvent {
                    hall: row.get(0)?,
                    device: row.get(1)?,
                    seq: row.get::<_, i64>(2)? as u64,
                    kind: row.get(3)?,
                    entity_id: row.get(4)?,
                    base: row.get(5)?,
                    created_at: row.get(6)?,
                    payload: row.get(7)?,
                },
                row.get(8)?,
                row.get(9)?,
            ))
        })
        .optional()?;
    if let Some((stored, status, reason)) = known {
        if stored.hall != device.hall || stored.device != device.code {
            return Ok(ack(
                event,
                AckStatus::Rejected,
                Some("event id used by another terminal".into()),
            ));
        }
        // The id is the idempotency key only for the same content.
        if !stored.is(event) {
            return Ok(ack(
                event,
                AckStatus::Rejected,
                Some("conflict: this event id was received before with different content".into()),
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
    // A bad event is refused on its own (its number is used, so the rest of the batch and the
    // terminal's later events go on); it is kept, but never handed to anyone.
    let checked = check(event).and_then(|payload| {
        rights::check(conn, device, &payload)?;
        Ok(payload)
    });
    let problem = checked.as_ref().err().cloned();
    store_event(conn, event, now, problem.as_deref())?;
    *last = event.seq;
    match checked {
        Err(reason) => Ok(ack(event, AckStatus::Rejected, Some(reason))),
        Ok(payload) => {
            update_view(conn, event, &payload, now)?;
            Ok(ack(event, AckStatus::Accepted, None))
        }
    }
}

/// An event as the county stored it, to tell a repeat from a reuse of its id.
struct StoredEvent {
    hall: String,
    device: String,
    seq: u64,
    kind: String,
    entity_id: String,
    base: Option<String>,
    created_at: String,
    payload: String,
}

impl StoredEvent {
    fn is(&self, event: &Event) -> bool {
        self.hall == event.hall
            && self.device == event.device
            && self.seq == event.seq
            && self.kind == event.kind
            && self.entity_id == event.entity_id
            && self.base == event.base
            && self.created_at == event.created_at
            && self.payload == event.payload
    }
}

/// Why an event cannot be accepted, judged from the event alone; its payload when it can.
fn check(event: &Event) -> Result<Payload, String> {
    if uuid::Uuid::parse_str(&event.id).is_err() {
        return Err("the event id is not a UUID".into());
    }
    if chrono::DateTime::parse_from_rfc3339(&event.created_at).is_err() {
        return Err("created_at is not an RFC 3339 time".into());
    }
    if event
        .base
        .as_deref()
        .is_some_and(|base| uuid::Uuid::parse_str(base).is_err())
    {
        return Err("base is not an event id".into());
    }
    let payload =
        Payload::decode(&event.kind, &event.payload).map_err(|error| error.to_string())?;
    if payload.entity_id() != event.entity_id {
        return Err("entity_id does not match the payload".into());
    }
    Ok(payload)
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

/// Keeps the county's view (applications, households, ratings, follow-ups) in step with an
/// accepted event.
pub(super) fn update_view(
    conn: &Connection,
    event: &Event,
    payload: &Payload,
    now: Timestamp,
) -> rusqlite::Result<()> {
    match payload {
        Payload::ApplicationCreated(created) => {
            let case = &created.case;
            conn.prepare_cached(
                "INSERT OR IGNORE INTO application (id, hall, number, item_id, state,
                    head_event, updated_at, reference)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                case.id,
                event.hall,
                case.number,
                case.item_id,
                case.state.code(),
                event.id,
                now.to_rfc3339(),
                case.reference
            ])?;
        }
        Payload::HouseholdRegistered(household) => {
            conn.prepare_cached("INSERT OR IGNORE INTO household (id, hall) VALUES (?1, ?2)")?
                .execute(params![household.id, event.hall])?;
        }
        Payload::AccountChanged(_) => {}
        Payload::RatingRecorded(rating) => {
            super::ratings::add_rating(conn, &event.hall, &event.id, rating)?;
        }
        Payload::FollowUpChanged(follow_up) => {
            super::ratings::merge_follow_up(conn, &event.hall, follow_up)?;
        }
        other => {
            if let Some(update) = other.case_update() {
                conn.prepare_cached(
                    "UPDATE application SET state = COALESCE(?1, state),
                        number = COALESCE(?2, number), head_event = ?3, updated_at = ?4
                     WHERE id = ?5",
                )?
                .execute(params![
                    update.target.map(|state| state.code()),
                    update.number,
                    event.id,
                    now.to_rfc3339(),
                    update.application
                ])?;
            }
        }
    }
    Ok(())
}
