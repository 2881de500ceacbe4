//! What every change leaves behind, inside the change's own transaction: an audit-log row and an
//! outbox event for the county (its own UUID, the payload frozen as JSON, state `pending`).

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Result;
use super::json::to_json;
use crate::clock::Timestamp;

/// Appends an audit row only (account changes stay in the hall: they are not sent).
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

/// Appends an audit row and queues an outbox event; returns the event's id.
pub fn record<T: Serialize>(
    conn: &Connection,
    at: Timestamp,
    actor: Option<i64>,
    kind: &str,
    entity: &str,
    entity_id: &str,
    payload: &T,
) -> Result<String> {
    let payload = to_json(payload)?;
    audit(conn, at, actor, kind, entity, entity_id, &payload)?;
    let at = at.to_rfc3339();
    let id = uuid::Uuid::new_v4().to_string();
    conn.execute(
        "INSERT INTO outbox (id, kind, entity_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, kind, entity_id, payload, at],
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
