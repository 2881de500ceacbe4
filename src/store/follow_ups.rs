//! What the hall does about a 差评: the follow-up (核实 → 整改 → 反馈 → 回访) with a note at every
//! step, and the appeal (申诉复核) an admin decides with a reason.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::ratings::{RATING_COLUMNS, rating_row};
use super::records::record;
use super::{Account, Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::account::Role;
use crate::domain::follow_up::FollowUpRecord;
use crate::domain::rating::{
    Appeal, AppealState, FollowUpNote, FollowUpStage, MAX_NOTE_CHARS, RatingRecord,
};
use crate::domain::sync::event::{MAX_PAYLOAD_BYTES, Payload};

/// A 差评's follow-up with its rating, notes and appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub id: String,
    pub rating: RatingRecord,
    pub stage: FollowUpStage,
    pub due_date: NaiveDate,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub appeal: Option<Appeal>,
    pub notes: Vec<FollowUpNote>,
}

impl FollowUp {
    /// Still open after its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.stage.is_open() && self.due_date < today
    }

    /// The follow-up as it travels (its rating by id).
    pub fn to_record(&self) -> FollowUpRecord {
        FollowUpRecord {
            id: self.id.clone(),
            rating: self.rating.id.clone(),
            stage: self.stage,
            due_date: self.due_date,
            opened_at: self.opened_at.clone(),
            closed_at: self.closed_at.clone(),
            appeal: self.appeal.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// How many follow-ups wait for staff, for the desk's first screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FollowUpCounts {
    pub open: u64,
    /// Open after their due date.
    pub overdue: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum FollowUpError {
    #[error("no such follow-up")]
    Unknown,
    #[error("the follow-up is closed")]
    Closed,
    #[error("a note is required")]
    NoteRequired,
    #[error("the note is longer than {MAX_NOTE_CHARS} characters")]
    NoteTooLong,
    #[error("agents do not follow up ratings; staff and admins do")]
    NotStaff,
    #[error("only an admin decides an appeal")]
    NotAdmin,
    #[error("this rating was appealed already")]
    AlreadyAppealed,
    #[error("there is no appeal waiting for a decision")]
    NoPendingAppeal,
    /// The follow-up with this change would not fit one sync event (notes from many desks).
    #[error("the follow-up's notes are too long to send to the county")]
    TooMuchText,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for FollowUpError {
    fn from(error: rusqlite::Error) -> Self {
        FollowUpError::Store(error.into())
    }
}

type Outcome = std::result::Result<FollowUp, FollowUpError>;

impl Store {
    /// Follow-ups, open ones first by due date, then closed ones newest first.
    pub fn follow_ups(&self, open_only: bool) -> Result<Vec<FollowUp>> {
        let mut statement = self.conn().prepare(
            "SELECT id FROM follow_up WHERE (?1 = 0 OR stage <> 'closed')
             ORDER BY stage = 'closed', CASE WHEN stage = 'closed' THEN closed_at END DESC,
                      due_date, opened_at",
        )?;
        let ids: Vec<String> = statement
            .query_map([open_only], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|id| {
                load(self.conn(), id)?
                    .ok_or_else(|| StoreError::Damaged(format!("follow-up {id} vanished")))
            })
            .collect()
    }

    pub fn follow_up(&self, id: &str) -> Result<Option<FollowUp>> {
        load(self.conn(), id)
    }

    /// Open follow-ups, and those of them past their due date on `today`.
    pub fn follow_up_counts(&self, today: NaiveDate) -> Result<FollowUpCounts> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*), COALESCE(SUM(due_date < ?1), 0) FROM follow_up
             WHERE stage <> 'closed'",
            [today.to_string()],
            |row| {
                Ok(FollowUpCounts {
                    open: row.get::<_, i64>(0)? as u64,
                    overdue: row.get::<_, i64>(1)? as u64,
                })
            },
        )?)
    }

    /// Finishes the current step with a note and moves to the next (回访 done closes it).
    pub fn advance_follow_up(
        &mut self,
        id: &str,
        note: &str,
        actor: &Account,
        at: Timestamp,
    ) -> Outcome {
        let note = checked_note(note)?;
        staff_only(actor)?;
        let tx = self.write()?;
        let current = load(&tx, id)?.ok_or(FollowUpError::Unknown)?;
        let next = current.stage.next().ok_or(FollowUpError::Closed)?;
        add_note(&tx, id, current.stage, &note, actor, at)?;
        let closed = (next == FollowUpStage::Closed).then(|| at.to_rfc3339());
        tx.execute(
            "UPDATE follow_up SET stage = ?1, closed_at = ?2 WHERE id = ?3",
            params![next.code(), closed, id],
        )?;
        let changed = recorded(&tx, id, actor, at)?;
        tx.commit()?;
        Ok(changed)
    }

    /// Files an appeal (申诉复核) against a rating the hall believes mistaken or malicious.
    pub fn appeal_rating(
        &mut self,
        id: &str,
        reason: &str,
        actor: &Account,
        at: Timestamp,
    ) -> Outcome {
        let reason = checked_note(reason)?;
        staff_only(actor)?;
        let tx = self.write()?;
        let current = load(&tx, id)?.ok_or(FollowUpError::Unknown)?;
        if !current.stage.is_open() {
            return Err(FollowUpError::Closed);
        }
        if current.appeal.is_some() {
            return Err(FollowUpError::AlreadyAppealed);
        }
        tx.execute(
            "UPDATE follow_up SET appeal = 'pending', appeal_reason = ?1, appeal_by = ?2,
                                  appeal_at = ?3
             WHERE id = ?4",
            params![reason, actor.login, at.to_rfc3339(), id],
        )?;
        let changed = recorded(&tx, id, actor, at)?;
        tx.commit()?;
        Ok(changed)
    }

    /// An admin decides a pending appeal with a reason. Upheld, the rating no longer counts as a
    /// 差评 and its follow-up closes; rejected, the follow-up goes on.
    pub fn decide_appeal(
        &mut self,
        id: &str,
        upheld: bool,
        reason: &str,
        admin: &Account,
        at: Timestamp,
    ) -> Outcome {
        let reason = checked_note(reason)?;
        if admin.role != Role::Admin {
            return Err(FollowUpError::NotAdmin);
        }
        let tx = self.write()?;
        let current = load(&tx, id)?.ok_or(FollowUpError::Unknown)?;
        if current.appeal.as_ref().map(|appeal| appeal.state) != Some(AppealState::Pending) {
            return Err(FollowUpError::NoPendingAppeal);
        }
        let state = if upheld {
            AppealState::Upheld
        } else {
            AppealState::Rejected
        };
        tx.execute(
            "UPDATE follow_up SET appeal = ?1, appeal_decision = ?2, appeal_decided_by = ?3,
                                  appeal_decided_at = ?4
             WHERE id = ?5",
            params![state.code(), reason, admin.login, at.to_rfc3339(), id],
        )?;
        if upheld {
            tx.execute(
                "UPDATE follow_up SET stage = 'closed', closed_at = ?1 WHERE id = ?2",
                params![at.to_rfc3339(), id],
            )?;
        }
        let changed = recorded(&tx, id, admin, at)?;
        tx.commit()?;
        Ok(changed)
    }
}

/// Opens the follow-up of a 差评 just recorded (inside its transaction).
pub(super) fn open(
    tx: &Connection,
    rating: &RatingRecord,
    due: NaiveDate,
    at: Timestamp,
) -> Result<FollowUp> {
    let id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO follow_up (id, rating, stage, due_date, opened_at)
         VALUES (?1, ?2, 'verify', ?3, ?4)",
        params![id, rating.id, due.to_string(), at.to_rfc3339()],
    )?;
    let opened =
        load(tx, &id)?.ok_or_else(|| StoreError::Damaged(format!("follow-up {id} vanished")))?;
    record(tx, at, None, &Payload::FollowUpChanged(opened.to_record()))?;
    Ok(opened)
}

/// The follow-up after a change by `actor`, its snapshot queued for the other terminals and the
/// county (refused when it would not fit one event).
fn recorded(tx: &Connection, id: &str, actor: &Account, at: Timestamp) -> Outcome {
    let changed = load(tx, id)?.ok_or(FollowUpError::Unknown)?;
    let payload = Payload::FollowUpChanged(changed.to_record());
    let bytes = payload
        .encode()
        .map_err(|error| StoreError::Damaged(error.to_string()))?
        .len();
    if bytes > MAX_PAYLOAD_BYTES {
        return Err(FollowUpError::TooMuchText);
    }
    record(tx, at, Some(actor.id), &payload)?;
    Ok(changed)
}

/// What applying a follow-up snapshot from elsewhere did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Merged {
    Applied,
    /// Its rating never reached this terminal, or the id belongs to another rating.
    Unknown,
}

/// Merges a snapshot from another terminal into ours (see `domain::follow_up`): a follow-up new
/// here is written as it came; one we have takes what both know.
pub(super) fn merge_snapshot(tx: &Connection, incoming: &FollowUpRecord) -> Result<Merged> {
    if !super::ratings::exists(tx, &incoming.rating)? {
        return Ok(Merged::Unknown);
    }
    let merged = match load(tx, &incoming.id)? {
        Some(ours) if ours.rating.id != incoming.rating => return Ok(Merged::Unknown),
        Some(ours) => ours.to_record().merged(incoming),
        None => {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM follow_up WHERE rating = ?1)",
                [&incoming.rating],
                |row| row.get(0),
            )?;
            if taken {
                return Ok(Merged::Unknown);
            }
            tx.execute(
                "INSERT INTO follow_up (id, rating, stage, due_date, opened_at)
                 VALUES (?1, ?2, 'verify', ?3, ?4)",
                params![
                    incoming.id,
                    incoming.rating,
                    incoming.due_date.to_string(),
                    incoming.opened_at
                ],
            )?;
            incoming.clone()
        }
    };
    write_snapshot(tx, &merged)?;
    Ok(Merged::Applied)
}

/// Writes every field of `record` over the stored follow-up, notes included.
fn write_snapshot(tx: &Connection, record: &FollowUpRecord) -> Result<()> {
    let appeal = record.appeal.as_ref();
    tx.execute(
        "UPDATE follow_up SET stage = ?1, due_date = ?2, opened_at = ?3, closed_at = ?4,
            appeal = ?5, appeal_reason = ?6, appeal_by = ?7, appeal_at = ?8,
            appeal_decision = ?9, appeal_decided_by = ?10, appeal_decided_at = ?11
         WHERE id = ?12",
        params![
            record.stage.code(),
            record.due_date.to_string(),
            record.opened_at,
            record.closed_at,
            appeal.map(|appeal| appeal.state.code()),
            appeal.map(|appeal| &appeal.reason),
            appeal.map(|appeal| &appeal.by),
            appeal.map(|appeal| &appeal.at),
            appeal.and_then(|appeal| appeal.decision.as_ref()),
            appeal.and_then(|appeal| appeal.decided_by.as_ref()),
            appeal.and_then(|appeal| appeal.decided_at.as_ref()),
            record.id
        ],
    )?;
    tx.execute(
        "DELETE FROM follow_up_note WHERE follow_up = ?1",
        [&record.id],
    )?;
    for (position, note) in record.notes.iter().enumerate() {
        tx.execute(
            "INSERT INTO follow_up_note (follow_up, position, at, actor_login, actor_name,
                stage, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                record.id,
                position as i64,
                note.at,
                note.actor_login,
                note.actor_name,
                note.stage.code(),
                note.note
            ],
        )?;
    }
    Ok(())
}

fn checked_note(note: &str) -> std::result::Result<String, FollowUpError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(FollowUpError::NoteRequired);
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(FollowUpError::NoteTooLong);
    }
    Ok(note.to_owned())
}

fn staff_only(actor: &Account) -> std::result::Result<(), FollowUpError> {
    match actor.role {
        Role::Staff | Role::Admin => Ok(()),
        Role::Agent => Err(FollowUpError::NotStaff),
    }
}

fn add_note(
    tx: &Connection,
    id: &str,
    stage: FollowUpStage,
    note: &str,
    actor: &Account,
    at: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO follow_up_note (follow_up, position, at, actor_login, actor_name, stage, note)
         VALUES (?1, (SELECT COUNT(*) FROM follow_up_note WHERE follow_up = ?1), ?2, ?3, ?4, ?5, ?6)",
        params![id, at.to_rfc3339(), actor.login, actor.name, stage.code(), note],
    )?;
    Ok(())
}

fn load(conn: &Connection, id: &str) -> Result<Option<FollowUp>> {
    let row = conn
        .query_row(
            "SELECT f.stage, f.due_date, f.opened_at, f.closed_at, f.appeal, f.appeal_reason,
                    f.appeal_by, f.appeal_at, f.appeal_decision, f.appeal_decided_by,
                    f.appeal_decided_at, f.rating
             FROM follow_up f WHERE f.id = ?1",
            [id],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    [
                        row.get::<_, Option<String>>(5)?,
                        row.get::<_, Option<String>>(6)?,
                        row.get::<_, Option<String>>(7)?,
                        row.get::<_, Option<String>>(8)?,
                        row.get::<_, Option<String>>(9)?,
                        row.get::<_, Option<String>>(10)?,
                    ],
                    row.get::<_, String>(11)?,
                ))
            },
        )
        .optional()?;
    let Some((stage, due, opened_at, closed_at, appeal, appeal_fields, rating_id)) = row else {
        return Ok(None);
    };
    let damaged = |what: String| StoreError::Damaged(what);
    let stage = FollowUpStage::from_code(&stage)
        .ok_or_else(|| damaged(format!("follow-up stage {stage:?}")))?;
    let due_date = due
        .parse::<NaiveDate>()
        .map_err(|_| damaged(format!("follow-up due date {due:?}")))?;
    let appeal = match appeal {
        None => None,
        Some(code) => {
            let state = AppealState::from_code(&code)
                .ok_or_else(|| damaged(format!("appeal state {code:?}")))?;
            let [reason, by, at, decision, decided_by, decided_at] = appeal_fields;
            Some(Appeal {
                state,
                reason: reason.unwrap_or_default(),
                by: by.unwrap_or_default(),
                at: at.unwrap_or_default(),
                decision,
                decided_by,
                decided_at,
            })
        }
    };
    let rating = conn.query_row(
        &format!("SELECT {RATING_COLUMNS} FROM rating WHERE id = ?1"),
        [&rating_id],
        rating_row,
    )?;
    let mut statement = conn.prepare(
        "SELECT at, actor_login, actor_name, stage, note FROM follow_up_note
         WHERE follow_up = ?1 ORDER BY position",
    )?;
    let notes = statement
        .query_map([id], |row| {
            let stage: String = row.get(3)?;
            Ok(FollowUpNote {
                at: row.get(0)?,
                actor_login: row.get(1)?,
                actor_name: row.get(2)?,
                stage: FollowUpStage::from_code(&stage).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        3,
                        rusqlite::types::Type::Text,
                        Box::new(StoreError::Damaged(format!(
                            "follow-up note stage {stage:?}"
                        ))),
                    )
                })?,
                note: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(FollowUp {
        id: id.to_owned(),
        rating,
        stage,
        due_date,
        opened_at,
        closed_at,
        appeal,
        notes,
    }))
}
