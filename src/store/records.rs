//! What every change leaves behind, inside the change's own transaction: an audit-log row and an
//! outbox event for the county (its own UUID, the payload frozen as JSON, state `pending`).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Result;
use crate::clock::Timestamp;
use crate::domain::sync::event::{EventKind, Payload};

/// Appends an audit row only.
pub fn audit(
    conn: &Connection,
    at: Timestamp,
    actor: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        at.to_rfc3339(),
        actor,
        action,
        entity,
        entity_id,
        detail
    ])?;
    Ok(())
}

/// The audit log's name for what an event is about.
fn entity_of(kind: EventKind) -> &'static str {
    match kind {
        EventKind::HouseholdRegistered => "household",
        EventKind::AccountChanged => "account",
        EventKind::RatingRecorded => "rating",
        EventKind::FollowUpChanged => "follow_up",
        _ => "application",
    }
}

/// The version a case change is based on (see `queue_text`).
enum Base {
    /// Read the case's current version, and make this event its new one.
    Current,
    /// A case written in this transaction already naming this event (its id) as its version:
    /// there is no earlier one.
    New(String),
}

/// Appends an audit row and queues an outbox event; returns the event's id.
pub fn record(
    conn: &Connection,
    at: Timestamp,
    actor: Option<i64>,
    payload: &Payload,
) -> Result<String> {
    record_with(conn, at, actor, payload, Base::Current)
}

/// [`record`] for a case just inserted with `event_id` as its `sync_head`: the first version
/// of the case, based on none.
pub fn record_new(
    conn: &Connection,
    at: Timestamp,
    actor: Option<i64>,
    payload: &Payload,
    event_id: String,
) -> Result<String> {
    record_with(conn, at, actor, payload, Base::New(event_id))
}

fn record_with(
    conn: &Connection,
    at: Timestamp,
    actor: Option<i64>,
    payload: &Payload,
    base: Base,
) -> Result<String> {
    let kind = payload.kind();
    let text = payload
        .encode()
        .map_err(|error| super::StoreError::Damaged(error.to_string()))?;
    audit(
        conn,
        at,
        actor,
        kind.code(),
        entity_of(kind),
        payload.entity_id(),
        &text,
    )?;
    queue_text(conn, at, kind, payload.entity_id(), text, base)
}

/// Queues an outbox event without an audit row, for changes that write their own (accounts:
/// the audit names what happened and never holds a password's hash).
pub fn queue(conn: &Connection, at: Timestamp, payload: &Payload) -> Result<String> {
    let text = payload
        .encode()
        .map_err(|error| super::StoreError::Damaged(error.to_string()))?;
    queue_text(
        conn,
        at,
        payload.kind(),
        payload.entity_id(),
        text,
        Base::Current,
    )
}

fn queue_text(
    conn: &Connection,
    at: Timestamp,
    kind: EventKind,
    entity_id: &str,
    payload: String,
    base: Base,
) -> Result<String> {
    let entity = entity_of(kind);
    let at = at.to_rfc3339();
    // Gap-free per terminal: the number is taken inside the change's own transaction.
    let seq: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox")?
        .query_row([], |row| row.get(0))?;
    // A case change names the version it was based on, so other terminals can tell a change
    // that follows theirs from one made in parallel (see domain::sync::conflict).
    let (id, base) = match base {
        Base::New(id) => (id, None),
        Base::Current => {
            let id = uuid::Uuid::new_v4().to_string();
            let base = if entity == "application" {
                let head: Option<Option<String>> = conn
                    .prepare_cached("SELECT sync_head FROM application WHERE id = ?1")?
                    .query_row([entity_id], |row| row.get(0))
                    .optional()?;
                conn.prepare_cached("UPDATE application SET sync_head = ?1 WHERE id = ?2")?
                    .execute(params![id, entity_id])?;
                head.flatten()
            } else {
                None
            };
            (id, base)
        }
    };
    conn.prepare_cached(
        "INSERT INTO outbox (id, kind, entity_id, payload, created_at, seq, base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, kind.code(), entity_id, payload, at, seq, base])?;
    Ok(id)
}

/// One outbox event as listed for people and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxEvent {
    pub id: String,
    pub kind: String,
    pub state: String,
    pub created_at: String,
}

impl super::Store {
    pub fn outbox(&self) -> Result<Vec<OutboxEvent>> {
        let mut statement = self
            .conn()
            .prepare("SELECT id, kind, state, created_at FROM outbox ORDER BY created_at, rowid")?;
        let rows = statement.query_map([], |row| {
            Ok(OutboxEvent {
                id: row.get(0)?,
                kind: row.get(1)?,
                state: row.get(2)?,
                created_at: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn audit_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM audit_log", [], |row| row.get(0))?)
    }
}
