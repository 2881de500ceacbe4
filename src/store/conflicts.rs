//! Cases (and households) changed on two terminals while apart: both versions are kept until an
//! agent chooses. The choice is itself a change: audited, and queued for the county so the
//! other terminals settle the same way.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::records::record;
use super::sync_inbox::apply_change;
use super::{Account, Case, CaseError, Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::sync::event::{ConflictResolved, EventKind, MaterialFlag, Payload};

/// One open conflict with both versions (the payloads exactly as recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub id: i64,
    /// "application", "household", "case_number" (another terminal issued one of our
    /// numbers for another case: its case is kept aside), or "rating" (a case rated here was
    /// rated on another terminal too: theirs is kept aside).
    pub entity: String,
    pub entity_id: String,
    /// The case number, for people.
    pub case_number: Option<String>,
    pub local_event: String,
    /// The kind of each version's event (to read its payload).
    pub local_kind: String,
    pub local_payload: String,
    pub remote_event: String,
    pub remote_kind: String,
    /// The terminal (or "00", the county) the other version came from.
    pub remote_device: String,
    pub remote_payload: String,
    pub detected_at: String,
}

pub use crate::domain::sync::event::ConflictChoice;

#[derive(Debug, thiserror::Error)]
pub enum ConflictError {
    #[error("no such open conflict")]
    Unknown,
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ConflictError {
    fn from(error: rusqlite::Error) -> Self {
        ConflictError::Store(error.into())
    }
}

/// What resolving a conflict needs of it.
struct OpenConflict {
    entity: String,
    entity_id: String,
    local_event: String,
    remote_event: String,
    remote_device: String,
    remote_payload: String,
    remote_kind: String,
}

impl Store {
    /// Open conflicts, oldest first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut statement = self.conn().prepare(
            "SELECT c.id, c.entity, c.entity_id, a.number, c.local_event, c.local_payload,
                c.remote_event, c.remote_device, c.remote_payload, c.detected_at,
                COALESCE((SELECT kind FROM outbox WHERE id = c.local_event),
                         (SELECT kind FROM sync_inbox WHERE event_id = c.local_event), ''),
                COALESCE((SELECT kind FROM sync_inbox WHERE event_id = c.remote_event), '')
             FROM sync_conflict c LEFT JOIN application a ON a.id = c.entity_id
             WHERE c.resolved_at IS NULL ORDER BY c.id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(Conflict {
                id: row.get(0)?,
                entity: row.get(1)?,
                entity_id: row.get(2)?,
                case_number: row.get(3)?,
                local_event: row.get(4)?,
                local_kind: row.get(10)?,
                local_payload: row.get(5)?,
                remote_event: row.get(6)?,
                remote_kind: row.get(11)?,
                remote_device: row.get(7)?,
                remote_payload: row.get(8)?,
                detected_at: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An agent keeps one version. For a case, choosing the other terminal's version writes its
    /// state onto the case; either way the choice is recorded, audited and queued, in one
    /// transaction. Returns the case as it now stands (None for a household).
    pub fn resolve_conflict(
        &mut self,
        conflict_id: i64,
        choice: ConflictChoice,
        note: &str,
        actor: &Account,
        at: Timestamp,
    ) -> std::result::Result<Option<Case>, ConflictError> {
        let tx = self.write()?;
        let found = tx
            .query_row(
                "SELECT c.entity, c.entity_id, c.local_event, c.remote_event, c.remote_device,
                    c.remote_payload, COALESCE(i.kind, '')
                 FROM sync_conflict c LEFT JOIN sync_inbox i ON i.event_id = c.remote_event
                 WHERE c.id = ?1 AND c.resolved_at IS NULL",
                [conflict_id],
                |row| {
                    Ok(OpenConflict {
                        entity: row.get(0)?,
                        entity_id: row.get(1)?,
                        local_event: row.get(2)?,
                        remote_event: row.get(3)?,
                        remote_device: row.get(4)?,
                        remote_payload: row.get(5)?,
                        remote_kind: row.get(6)?,
                    })
                },
            )
            .optional()?;
        let OpenConflict {
            entity,
            entity_id,
            local_event,
            remote_event,
            remote_device,
            remote_payload,
            remote_kind,
        } = found.ok_or(ConflictError::Unknown)?;
        let choice_code = match choice {
            ConflictChoice::Local => "local",
            ConflictChoice::Remote => "remote",
        };
        tx.execute(
            "UPDATE sync_conflict SET resolved_at = ?1, resolution = ?2, resolved_by = ?3
             WHERE id = ?4",
            params![at.to_rfc3339(), choice_code, actor.id, conflict_id],
        )?;
        if entity != "application" {
            // Households stay linked (see sync_inbox); a case rated on two terminals keeps ours
            // (一次一评: the county counts the rating it received first). The choice is recorded
            // for review.
            super::records::audit(
                &tx,
                at,
                Some(actor.id),
                "conflict_resolved",
                &entity,
                &entity_id,
                choice_code,
            )?;
            tx.commit()?;
            return Ok(None);
        }
        let case = super::applications::load(&tx, &entity_id)?.ok_or(CaseError::UnknownCase)?;
        if choice == ConflictChoice::Remote {
            let remote = Payload::decode(&remote_kind, &remote_payload)
                .map_err(|error| StoreError::Damaged(error.to_string()))?;
            let update = remote.case_update().ok_or_else(|| {
                StoreError::Damaged("the other version is not a case change".into())
            })?;
            apply_change(
                &tx,
                case.state,
                &update,
                note.trim(),
                &at.to_rfc3339(),
                actor.id,
                &remote_device,
                EventKind::ConflictResolved,
            )?;
        }
        let chosen = super::applications::load(&tx, &entity_id)?.ok_or(CaseError::UnknownCase)?;
        record(
            &tx,
            at,
            Some(actor.id),
            &Payload::ConflictResolved(ConflictResolved {
                application: entity_id.clone(),
                number: chosen.number.clone(),
                conflict: conflict_id,
                choice,
                resolves: vec![local_event.clone(), remote_event.clone()],
                state: chosen.state,
                due_date: chosen.due_date,
                materials: chosen
                    .materials
                    .iter()
                    .map(|material| MaterialFlag {
                        received: material.received,
                    })
                    .collect(),
                actor: actor.login.clone(),
                note: note.trim().to_owned(),
            }),
        )?;
        // Other open flags on the same two versions are settled by this choice too.
        tx.execute(
            "UPDATE sync_conflict SET resolved_at = ?1, resolution = ?2, resolved_by = ?3
             WHERE entity_id = ?4 AND resolved_at IS NULL
               AND local_event = ?5 AND remote_event = ?6",
            params![
                at.to_rfc3339(),
                choice_code,
                actor.id,
                entity_id,
                local_event,
                remote_event
            ],
        )?;
        tx.commit()?;
        Ok(Some(chosen))
    }
}
