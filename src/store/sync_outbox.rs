//! The hall's side of the outbox state machine (see `domain::sync::outbox`): taking events to
//! send, recording the county's answers and failures, the one-sender lease, and the summary the
//! sync screen shows. Nothing here deletes an event.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::terminal::{meta_value, set_meta_value};
use super::{Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::dir_lock::DirLock;
use crate::domain::case_number::DeviceCode;
use crate::domain::sync::batch;
use crate::domain::sync::outbox::{AckStatus, OutboxState};
use crate::sync::wire::Ack;

pub(crate) const LAST_SUCCESS: &str = "sync_last_success";
pub(crate) const LAST_ERROR: &str = "sync_last_error";
pub(crate) const FAILURES: &str = "sync_failures";
pub(crate) const NEXT_RETRY: &str = "sync_next_retry";
/// Pages of write-ahead log after which a sync's connection copies it into the database.
const SYNC_CHECKPOINT_PAGES: i64 = 8192;
/// The file in the data directory whose lock marks the one sync allowed at a time.
pub const SENDER_LOCK_FILE: &str = "sync.lock";

/// Held while one sync runs (see [`Store::take_sender_lock`]).
#[derive(Debug)]
pub struct SenderLock(#[allow(dead_code)] Option<DirLock>);

/// One event of this terminal as it goes to the county: the payload exactly as queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedEvent {
    pub id: String,
    pub seq: u64,
    pub kind: String,
    pub entity_id: String,
    pub base: Option<String>,
    pub created_at: String,
    pub payload: String,
}

/// What the sync screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncSummary {
    pub pending: u64,
    pub sending: u64,
    pub sent: u64,
    pub failed: u64,
    pub rejected: u64,
    /// Cases changed on two terminals while apart, waiting for an agent's choice.
    pub conflicts: u64,
    /// The last failure in words (cleared by the next success).
    pub last_error: Option<String>,
    /// When the county last answered a whole sync (RFC 3339).
    pub last_success: Option<String>,
    /// When the background sync will try again after failures (RFC 3339).
    pub next_retry: Option<String>,
}

/// A case's badge in the case lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSyncState {
    /// Every change reached the county.
    Synced,
    /// Some change waits to be sent (or is being sent).
    Pending,
    /// The last send failed; it will be retried.
    Failed,
    /// The county refused a change: a person must look.
    Rejected,
    /// Changed on two terminals while apart: an agent must choose.
    Conflict,
}

/// An event that did not go through: failed (retried later) or rejected (needs a person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxProblem {
    pub id: String,
    pub seq: u64,
    pub kind: String,
    pub entity_id: String,
    /// "failed" or "rejected".
    pub state: String,
    pub attempts: u32,
    /// The error in words, or the county's reason for refusing.
    pub last_error: Option<String>,
    pub next_retry_at: Option<String>,
}

/// How many answers of each kind a push got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AckCounts {
    pub accepted: u64,
    pub duplicate: u64,
    pub rejected: u64,
}

pub(crate) const QUEUED_COLUMNS: &str = "id, seq, kind, entity_id, base, created_at, payload";

pub(crate) fn queued_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<QueuedEvent> {
    Ok(QueuedEvent {
        id: row.get(0)?,
        seq: row.get::<_, i64>(1)? as u64,
        kind: row.get(2)?,
        entity_id: row.get(3)?,
        base: row.get(4)?,
        created_at: row.get(5)?,
        payload: row.get(6)?,
    })
}

impl Store {
    /// Marks up to `limit` sendable events (oldest first, at most
    /// [`batch::MAX_PAYLOAD_BYTES`] of payloads unless one alone is more) as `sending` and
    /// returns them. Failed events go again once their retry time has come, or at once when
    /// `forced`.
    pub(crate) fn take_for_sending(
        &mut self,
        limit: usize,
        now: Timestamp,
        forced: bool,
    ) -> Result<Vec<QueuedEvent>> {
        let tx = self.write()?;
        // The oldest sendable event: two index look-ups. (`state IN (..) ORDER BY seq` would
        // sort every unsent event, payloads and all, for each batch.)
        let mut oldest = tx.prepare_cached("SELECT MIN(seq) FROM outbox WHERE state = ?1")?;
        let pending: Option<i64> =
            oldest.query_row([OutboxState::Pending.code()], |row| row.get(0))?;
        let failed: Option<i64> =
            oldest.query_row([OutboxState::Failed.code()], |row| row.get(0))?;
        drop(oldest);
        let Some(first) = pending.into_iter().chain(failed).min() else {
            return Ok(Vec::new());
        };
        let events = {
            // From there in order of seq (its unique index); the unary + keeps SQLite on it.
            let mut statement = tx.prepare_cached(&format!(
                "SELECT {QUEUED_COLUMNS}, state, next_retry_at FROM outbox
                 WHERE seq >= ?1 AND +state IN ('pending', 'failed') ORDER BY seq LIMIT ?2"
            ))?;
            let rows = statement.query_map(params![first, limit as i64], |row| {
                Ok((
                    queued_row(row)?,
                    row.get::<_, String>(7)?,
                    row.get::<_, Option<String>>(8)?,
                ))
            })?;
            let mut events = Vec::new();
            let mut bytes = 0;
            for row in rows {
                let (event, state, retry_at) = row?;
                let state = OutboxState::from_code(&state).unwrap_or(OutboxState::Pending);
                let due = retry_at
                    .and_then(|text| chrono::DateTime::parse_from_rfc3339(&text).ok())
                    .is_none_or(|at| at <= now);
                // Oldest first: stop at the first event that must wait, so order is kept.
                if !state.may_send(due, forced) {
                    break;
                }
                // A push stays far below the largest body the county takes.
                bytes += event.payload.len();
                if !events.is_empty() && bytes > batch::MAX_PAYLOAD_BYTES {
                    break;
                }
                events.push(event);
            }
            events
        };
        if let (Some(first), Some(last)) = (events.first(), events.last()) {
            // The batch is every pending or failed event from its first to its last.
            let marked = tx
                .prepare_cached(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1
                     WHERE seq BETWEEN ?1 AND ?2 AND +state IN ('pending', 'failed')",
                )?
                .execute(params![first.seq as i64, last.seq as i64])?;
            if marked != events.len() {
                return Err(StoreError::Damaged(format!(
                    "{marked} outbox events marked for a batch of {}",
                    events.len()
                )));
            }
        }
        tx.commit()?;
        Ok(events)
    }

    /// Records the county's per-event answers in one transaction.
    pub(crate) fn record_acks(&mut self, acks: &[Ack], at: Timestamp) -> Result<AckCounts> {
        let tx = self.write()?;
        let mut counts = AckCounts::default();
        for ack in acks {
            apply_ack(&tx, ack, at, &mut counts)?;
        }
        tx.commit()?;
        Ok(counts)
    }

    /// Of these events, those still marked `sending`.
    pub(crate) fn still_sending(&self, ids: &[String]) -> Result<Vec<String>> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT state FROM outbox WHERE id = ?1")?;
        let mut left = Vec::new();
        for id in ids {
            let state: Option<String> = statement.query_row([id], |row| row.get(0)).optional()?;
            if state.as_deref() == Some(OutboxState::Sending.code()) {
                left.push(id.clone());
            }
        }
        Ok(left)
    }

    /// This connection is about to move many events: outbox ids are random UUIDs and a sync
    /// looks them up all over their index, so a 16 MB page cache keeps large pushes fast; each
    /// batch rewrites its events twice (sending, then sent), so the write-ahead log is copied
    /// into the database every 8,192 pages rather than every 1,000, once for both writes of most
    /// pages. [`Store::checkpoint`] at the end leaves the log short for the other connections.
    pub(crate) fn tune_for_sync(&self) -> Result<()> {
        self.conn().pragma_update(None, "cache_size", -16_000)?;
        self.conn()
            .pragma_update(None, "wal_autocheckpoint", SYNC_CHECKPOINT_PAGES)?;
        Ok(())
    }

    /// Copies what the write-ahead log holds into the database, as far as no reader needs it
    /// (SQLite's passive checkpoint: it never waits).
    pub(crate) fn checkpoint(&self) -> Result<()> {
        self.conn()
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// With the sender lock held: a `sending` event belongs to a sender that died.
    pub(crate) fn reset_sending(&self) -> Result<usize> {
        Ok(self.conn().execute(
            "UPDATE outbox SET state = 'pending' WHERE state = 'sending'",
            [],
        )?)
    }

    /// The hall's township code (from its published profile), the `hall` of every event.
    pub fn township_code(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT json_extract(profile, '$.township_code') FROM hall WHERE id = 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        meta_value(self.conn(), key)
    }

    /// Sets meta values for the terminal `device`, in one transaction: a terminal with no device
    /// code takes `device`; one with another code changes nothing and gets its own code back.
    pub(crate) fn set_meta_values_for_device(
        &mut self,
        values: &[(&str, Option<&str>)],
        device: &DeviceCode,
    ) -> Result<std::result::Result<(), DeviceCode>> {
        let tx = self.write()?;
        match super::terminal::device_code_in(&tx)? {
            Some(ours) if &ours != device => return Ok(Err(ours)),
            Some(_) => {}
            None => set_meta_value(&tx, super::terminal::DEVICE_CODE, device.as_str())?,
        }
        put_meta_values(&tx, values)?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// A whole sync went through: forget the failures (one transaction).
    pub(crate) fn record_sync_success(&mut self, at: Timestamp) -> Result<()> {
        let tx = self.write()?;
        set_meta_value(&tx, LAST_SUCCESS, &at.to_rfc3339())?;
        tx.execute(
            "DELETE FROM meta WHERE key IN (?1, ?2, ?3)",
            params![LAST_ERROR, FAILURES, NEXT_RETRY],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A sync failed, in one transaction: its words, the next try (`delay` gets the number of
    /// failures in a row), and the events that were on their way go to `failed` until then.
    /// Returns the time of the next try.
    pub(crate) fn record_sync_failure(
        &mut self,
        error: &str,
        in_flight: &[String],
        now: Timestamp,
        delay: impl FnOnce(u32) -> std::time::Duration,
    ) -> Result<Timestamp> {
        let tx = self.write()?;
        let failures = meta_value(&tx, FAILURES)?
            .and_then(|text| text.parse::<u32>().ok())
            .unwrap_or(0)
            .saturating_add(1);
        let retry_at = now + chrono::Duration::from_std(delay(failures)).unwrap_or_default();
        set_meta_value(&tx, FAILURES, &failures.to_string())?;
        set_meta_value(&tx, LAST_ERROR, error)?;
        set_meta_value(&tx, NEXT_RETRY, &retry_at.to_rfc3339())?;
        {
            let mut update = tx.prepare(
                "UPDATE outbox SET state = 'failed', last_error = ?1, next_retry_at = ?2
                 WHERE id = ?3 AND state IN ('sending', 'pending', 'failed')",
            )?;
            for id in in_flight {
                update.execute(params![error, retry_at.to_rfc3339(), id])?;
            }
        }
        tx.commit()?;
        Ok(retry_at)
    }

    /// When the background sync may next call the county, if failures made it wait.
    pub fn sync_next_retry(&self) -> Result<Option<Timestamp>> {
        Ok(meta_value(self.conn(), NEXT_RETRY)?
            .and_then(|text| chrono::DateTime::parse_from_rfc3339(&text).ok()))
    }

    /// A send cut off by a crash never got its answer: its events go again. Only when no
    /// sender holds the lock (a live sender's events are really on their way).
    pub fn recover_sending(&self) -> Result<usize> {
        let sending: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'sending')",
            [],
            |row| row.get(0),
        )?;
        if !sending {
            return Ok(0);
        }
        match self.take_sender_lock()? {
            Some(_lock) => self.reset_sending(),
            None => Ok(0),
        }
    }

    /// The one-sender lock of this terminal's data directory, or None while another sync holds
    /// it. The kernel lets go of it the moment its holder dies (no lease to run out, no clock
    /// to trust). An in-memory database has no other connection that could send.
    pub(crate) fn take_sender_lock(&self) -> Result<Option<SenderLock>> {
        let Some(dir) = self.data_dir() else {
            return Ok(Some(SenderLock(None)));
        };
        let path = dir.join(SENDER_LOCK_FILE);
        match DirLock::try_acquire(&path) {
            Ok(lock) => Ok(lock.map(|lock| SenderLock(Some(lock)))),
            Err(source) => Err(StoreError::DataDir { path, source }),
        }
    }

    pub fn sync_summary(&self) -> Result<SyncSummary> {
        let conn = self.conn();
        let mut summary = SyncSummary::default();
        let mut statement = conn.prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64))
        })?;
        for row in rows {
            let (state, count) = row?;
            match OutboxState::from_code(&state) {
                Some(OutboxState::Pending) => summary.pending = count,
                Some(OutboxState::Sending) => summary.sending = count,
                Some(OutboxState::Sent) => summary.sent = count,
                Some(OutboxState::Failed) => summary.failed = count,
                Some(OutboxState::Rejected) => summary.rejected = count,
                None => {}
            }
        }
        summary.conflicts = conn.query_row(
            "SELECT COUNT(*) FROM sync_conflict WHERE resolved_at IS NULL",
            [],
            |row| row.get::<_, i64>(0),
        )? as u64;
        summary.last_error = meta_value(conn, LAST_ERROR)?;
        summary.last_success = meta_value(conn, LAST_SUCCESS)?;
        summary.next_retry = meta_value(conn, NEXT_RETRY)?;
        Ok(summary)
    }

    /// Failed and rejected events, rejected first, oldest first: the sync screen's list.
    pub fn outbox_problems(&self, limit: usize) -> Result<Vec<OutboxProblem>> {
        let mut statement = self.conn().prepare(
            "SELECT id, seq, kind, entity_id, state, attempts, last_error, next_retry_at
             FROM outbox WHERE state IN ('rejected', 'failed')
             ORDER BY state = 'failed', seq LIMIT ?1",
        )?;
        let rows = statement.query_map([limit as i64], |row| {
            Ok(OutboxProblem {
                id: row.get(0)?,
                seq: row.get::<_, i64>(1)? as u64,
                kind: row.get(2)?,
                entity_id: row.get(3)?,
                state: row.get(4)?,
                attempts: row.get(5)?,
                last_error: row.get(6)?,
                next_retry_at: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The sync badge of each of these cases (for a case list page).
    pub fn case_sync_states(&self, case_ids: &[&str]) -> Result<HashMap<String, CaseSyncState>> {
        let conn = self.conn();
        let mut states =
            conn.prepare("SELECT state, COUNT(*) FROM outbox WHERE entity_id = ?1 GROUP BY state")?;
        let mut conflict = conn.prepare(
            "SELECT EXISTS (SELECT 1 FROM sync_conflict
                            WHERE entity_id = ?1 AND resolved_at IS NULL)",
        )?;
        let mut badges = HashMap::with_capacity(case_ids.len());
        for id in case_ids {
            let open_conflict: bool = conflict.query_row([id], |row| row.get(0))?;
            let found = states
                .query_map([id], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let has = |state: OutboxState| found.iter().any(|code| code == state.code());
            let badge = if open_conflict {
                CaseSyncState::Conflict
            } else if has(OutboxState::Rejected) {
                CaseSyncState::Rejected
            } else if has(OutboxState::Failed) {
                CaseSyncState::Failed
            } else if has(OutboxState::Pending) || has(OutboxState::Sending) {
                CaseSyncState::Pending
            } else {
                CaseSyncState::Synced
            };
            badges.insert((*id).to_owned(), badge);
        }
        Ok(badges)
    }

    /// The sync badge of one case.
    pub fn case_sync_state(&self, case_id: &str) -> Result<CaseSyncState> {
        Ok(self
            .case_sync_states(&[case_id])?
            .remove(case_id)
            .unwrap_or(CaseSyncState::Synced))
    }
}

fn put_meta_values(conn: &rusqlite::Connection, values: &[(&str, Option<&str>)]) -> Result<()> {
    for (key, value) in values {
        match value {
            Some(value) => set_meta_value(conn, key, value)?,
            None => {
                conn.execute("DELETE FROM meta WHERE key = ?1", [key])?;
            }
        }
    }
    Ok(())
}

/// Applies one answer from the county to this terminal's event (others' ids are ignored).
pub(crate) fn apply_ack(
    conn: &rusqlite::Connection,
    ack: &Ack,
    at: Timestamp,
    counts: &mut AckCounts,
) -> Result<()> {
    let mut current = conn.prepare_cached("SELECT state FROM outbox WHERE id = ?1")?;
    let Some(state) = current
        .query_row([&ack.id], |row| row.get::<_, String>(0))
        .optional()?
    else {
        return Ok(());
    };
    let state = OutboxState::from_code(&state).unwrap_or(OutboxState::Pending);
    let next = state.on_ack(ack.status);
    if next == state {
        return Ok(());
    }
    match ack.status {
        AckStatus::Accepted => counts.accepted += 1,
        AckStatus::Duplicate => counts.duplicate += 1,
        AckStatus::Rejected => counts.rejected += 1,
    }
    let reason = if next == OutboxState::Rejected {
        ack.reason.clone()
    } else {
        None
    };
    let mut update = conn.prepare_cached(
        "UPDATE outbox SET state = ?1, last_error = ?2, next_retry_at = NULL,
            sent_at = CASE WHEN ?1 = 'sent' THEN ?3 ELSE sent_at END
         WHERE id = ?4",
    )?;
    update.execute(params![next.code(), reason, at.to_rfc3339(), ack.id])?;
    Ok(())
}

impl Store {
    /// Calls `each` with every event from the oldest unsent one (pending, sending or failed)
    /// to the newest, in order, streaming from the database.
    pub(crate) fn for_each_unsent<E>(
        &self,
        mut each: impl FnMut(QueuedEvent) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E>
    where
        E: From<super::StoreError>,
    {
        let conn = self.conn();
        let first: Option<i64> = conn
            .query_row(
                "SELECT MIN(seq) FROM outbox WHERE state IN ('pending', 'sending', 'failed')",
                [],
                |row| row.get(0),
            )
            .map_err(super::StoreError::from)?;
        let Some(first) = first else {
            return Ok(());
        };
        let mut statement = conn
            .prepare(&format!(
                "SELECT {QUEUED_COLUMNS} FROM outbox WHERE seq >= ?1 ORDER BY seq"
            ))
            .map_err(super::StoreError::from)?;
        let mut rows = statement.query([first]).map_err(super::StoreError::from)?;
        while let Some(row) = rows.next().map_err(super::StoreError::from)? {
            each(queued_row(row).map_err(super::StoreError::from)?)?;
        }
        Ok(())
    }

    /// Runs `work` in one transaction with the pull cursor as it was; commits only on success.
    pub(crate) fn import_in_one_transaction<T, E>(
        &mut self,
        work: impl FnOnce(&rusqlite::Connection, u64) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<super::StoreError>,
    {
        let tx = self.write().map_err(super::StoreError::from)?;
        let cursor = super::sync_inbox::cursor(&tx)?;
        let done = work(&tx, cursor)?;
        tx.commit().map_err(super::StoreError::from)?;
        Ok(done)
    }
}
