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
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at.to_rfc3339(), actor, action, entity, entity_id, detail],
    )?;
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

/// Appends an audit row and queues an outbox event; returns the event's id.
pub fn record(
    conn: &Connection,
    at: Timestamp,
    actor: Option<i64>,
    payload: &Payload,
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
    queue_text(conn, at, kind, payload.entity_id(), text)
}

/// Queues an outbox event without an audit row, for changes that write their own (accounts:
/// the audit names what happened and never holds a password's hash).
pub fn queue(conn: &Connection, at: Timestamp, payload: &Payload) -> Result<String> {
    let text = payload
        .encode()
        .map_err(|error| super::StoreError::Damaged(error.to_string()))?;
    queue_text(conn, at, payload.kind(), payload.entity_id(), text)
}

fn queue_text(
    conn: &Connection,
    at: Timestamp,
    kind: EventKind,
    entity_id: &str,
    payload: String,
) -> Result<String> {
    let entity = entity_of(kind);
    let at = at.to_rfc3339();
    let id = uuid::Uuid::new_v4().to_string();
    // Gap-free per terminal: the number is taken inside the change's own transaction.
    let seq: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox", [], |row| {
        row.get(0)
    })?;
    // A case change names the version it was based on, so other terminals can tell a change
    // that follows theirs from one made in parallel (see domain::sync::conflict).
    let base = if entity == "application" {
        let head: Option<Option<String>> = conn
            .query_row(
                "SELECT sync_head FROM application WHERE id = ?1",
                [entity_id],
                |row| row.get(0),
            )
            .optional()?;
        conn.execute(
            "UPDATE application SET sync_head = ?1 WHERE id = ?2",
            params![id, entity_id],
        )?;
        head.flatten()
    } else {
        None
    };
    conn.execute(
        "INSERT INTO outbox (id, kind, entity_id, payload, created_at, seq, base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, kind.code(), entity_id, payload, at, seq, base],
    )?;
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
