//! Cases (and households) changed on two terminals while apart: both versions are kept until an
//! agent chooses. The choice is itself a change: audited, and queued for the county so the
//! other terminals settle the same way.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::records::record;
use super::sync_inbox::{CaseChange, MaterialFlag, apply_change};
use super::{Account, Case, CaseError, Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::application::CaseState;
use crate::sync::wire::kind;

/// One open conflict with both versions (the payloads exactly as recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub id: i64,
    /// "application" or "household".
    pub entity: String,
    pub entity_id: String,
    /// The case number, for people.
    pub case_number: Option<String>,
    pub local_event: String,
    pub local_payload: String,
    pub remote_event: String,
    /// The terminal (or "00", the county) the other version came from.
    pub remote_device: String,
    pub remote_payload: String,
    pub detected_at: String,
}

/// Which version an agent keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    /// This terminal's version.
    Local,
    /// The version from the other terminal or the county.
    Remote,
}

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

#[derive(Serialize)]
struct Resolution<'a> {
    application: &'a str,
    number: Option<&'a str>,
    conflict: i64,
    choice: ConflictChoice,
    /// The two versions chosen between; terminals holding either accept this resolution.
    resolves: [&'a str; 2],
    state: CaseState,
    due_date: Option<chrono::NaiveDate>,
    materials: Vec<MaterialFlag>,
    actor: &'a str,
    note: &'a str,
}

impl Store {
    /// Open conflicts, oldest first.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut statement = self.conn().prepare(
            "SELECT c.id, c.entity, c.entity_id, a.number, c.local_event, c.local_payload,
                c.remote_event, c.remote_device, c.remote_payload, c.detected_at
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
                local_payload: row.get(5)?,
                remote_event: row.get(6)?,
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: Option<(String, String, String, String, String, String)> = tx
            .query_row(
                "SELECT entity, entity_id, local_event, remote_event, remote_device,
                    remote_payload
                 FROM sync_conflict WHERE id = ?1 AND resolved_at IS NULL",
                [conflict_id],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                },
            )
            .optional()?;
        let (entity, entity_id, local_event, remote_event, remote_device, remote_payload) =
            found.ok_or(ConflictError::Unknown)?;
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
            // Households stay linked (see sync_inbox); the choice is recorded for review.
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
            let change: CaseChange = serde_json::from_str(&remote_payload)
                .map_err(|error| StoreError::Damaged(error.to_string()))?;
            let change = CaseChange {
                note: note.trim().to_owned(),
                ..change
            };
            apply_change(
                &tx,
                &entity_id,
                case.state,
                &change,
                &at.to_rfc3339(),
                actor.id,
                &remote_device,
                kind::CONFLICT_RESOLVED,
            )?;
        }
        let chosen = super::applications::load(&tx, &entity_id)?.ok_or(CaseError::UnknownCase)?;
        record(
            &tx,
            at,
            Some(actor.id),
            kind::CONFLICT_RESOLVED,
            "application",
            &entity_id,
            &Resolution {
                application: &entity_id,
                number: chosen.number.as_deref(),
                conflict: conflict_id,
                choice,
                resolves: [&local_event, &remote_event],
                state: chosen.state,
                due_date: chosen.due_date,
                materials: chosen
                    .materials
                    .iter()
                    .map(|material| MaterialFlag {
                        received: material.received,
                    })
                    .collect(),
                actor: &actor.login,
                note: note.trim(),
            },
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
