//! Applying what other terminals of the hall and the county did (pulled over HTTP or read from
//! the county's USB reply): in the county's order, each event once, in the caller's
//! transaction. A case changed here and elsewhere from the same version is not overwritten: the
//! two versions go to `sync_conflict` for an agent to choose (see `domain::sync::conflict`).

use rusqlite::{Connection, OptionalExtension, params};

use super::terminal::{meta_value, set_meta_value};
use super::{Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::application::{CaseState, Transition};
use crate::domain::household::Household;
use crate::domain::rating::RatingRecord;
use crate::domain::sync::conflict::{Incoming, judge};
use crate::domain::sync::event::{AccountRecord, CaseRecord, CaseUpdate, EventKind, Payload};
use crate::sync::wire::{COUNTY_DEVICE, Event, PulledItem};

const PULL_CURSOR: &str = "sync_pull_cursor";
/// The `entity` of a conflict where another terminal's case came with one of our numbers.
pub const NUMBER_CLASH: &str = "case_number";
/// The `entity` of a conflict where a case rated here was rated on another terminal too.
pub const RATING_TWICE: &str = "rating";

/// What applying a page of pulled events did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ApplyReport {
    pub applied: u64,
    pub conflicts: u64,
    /// Events this terminal cannot use (an unknown kind, a case it never received).
    pub skipped: u64,
    /// Events applied before (or this terminal's own).
    pub already: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Applied,
    Conflict,
    Skipped,
}

impl Outcome {
    fn code(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Conflict => "conflict",
            Outcome::Skipped => "skipped",
        }
    }
}

impl Store {
    /// How far this terminal has read the hall's stream at the county.
    pub fn pull_cursor(&self) -> Result<u64> {
        Ok(meta_value(self.conn(), PULL_CURSOR)?
            .and_then(|text| text.parse().ok())
            .unwrap_or(0))
    }

    /// Applies one page of pulled events and moves the cursor, in one transaction.
    pub(crate) fn apply_pulled(
        &mut self,
        items: &[PulledItem],
        own_device: &str,
        next_cursor: u64,
        at: Timestamp,
    ) -> Result<ApplyReport> {
        let tx = self.write()?;
        let mut report = ApplyReport::default();
        for item in items {
            apply_item(&tx, item, own_device, at, &mut report)?;
        }
        advance_cursor(&tx, next_cursor)?;
        tx.commit()?;
        Ok(report)
    }
}

pub(crate) fn cursor(conn: &Connection) -> Result<u64> {
    Ok(meta_value(conn, PULL_CURSOR)?
        .and_then(|text| text.parse().ok())
        .unwrap_or(0))
}

/// Moves the cursor forward (never back).
pub(crate) fn advance_cursor(conn: &Connection, to: u64) -> Result<()> {
    if to > cursor(conn)? {
        set_meta_value(conn, PULL_CURSOR, &to.to_string())?;
    }
    Ok(())
}

/// Applies one pulled event unless it was applied before or is this terminal's own.
pub(crate) fn apply_item(
    conn: &Connection,
    item: &PulledItem,
    own_device: &str,
    at: Timestamp,
    report: &mut ApplyReport,
) -> Result<()> {
    let event = &item.event;
    let seen: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_inbox WHERE event_id = ?1)
             OR EXISTS (SELECT 1 FROM outbox WHERE id = ?1)",
        [&event.id],
        |row| row.get(0),
    )?;
    if seen || event.device == own_device {
        report.already += 1;
        return Ok(());
    }
    let outcome = apply_event(conn, event, at)?;
    match outcome {
        Outcome::Applied => report.applied += 1,
        Outcome::Conflict => report.conflicts += 1,
        Outcome::Skipped => report.skipped += 1,
    }
    conn.execute(
        "INSERT INTO sync_inbox (event_id, cursor, device, seq, kind, entity_id, base,
            created_at, payload, applied_at, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            event.id,
            item.cursor as i64,
            event.device,
            event.seq as i64,
            event.kind,
            event.entity_id,
            event.base,
            event.created_at,
            event.payload,
            at.to_rfc3339(),
            outcome.code()
        ],
    )?;
    Ok(())
}

fn apply_event(conn: &Connection, event: &Event, at: Timestamp) -> Result<Outcome> {
    // A payload this build cannot read is kept (in sync_inbox) but not applied.
    let Ok(payload) = Payload::decode(&event.kind, &event.payload) else {
        return Ok(Outcome::Skipped);
    };
    match &payload {
        Payload::HouseholdRegistered(household) => household_registered(conn, event, household, at),
        Payload::ApplicationCreated(created) => application_created(conn, event, &created.case, at),
        Payload::AccountChanged(account) => account_changed(conn, account),
        Payload::RatingRecorded(rating) => rating_recorded(conn, event, rating, at),
        Payload::FollowUpChanged(follow_up) => {
            Ok(match super::follow_ups::merge_snapshot(conn, follow_up)? {
                super::follow_ups::Merged::Applied => Outcome::Applied,
                super::follow_ups::Merged::Unknown => Outcome::Skipped,
            })
        }
        other => match other.case_update() {
            Some(update) => case_changed(conn, event, other.kind(), &update, at),
            None => Ok(Outcome::Skipped),
        },
    }
}

/// An account registered, approved, locked or changed on another terminal of the hall: the
/// same person can log in at every desk. Our own stand-ins never collide (their logins start
/// with '~'). A phone number already used by another account here is a conflict of people to
/// sort out, not applied.
fn account_changed(conn: &Connection, account: &AccountRecord) -> Result<Outcome> {
    if account.login.starts_with('~') {
        return Ok(Outcome::Skipped);
    }
    let phone_taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM account WHERE phone = ?1 AND login <> ?2)",
        params![account.phone, account.login],
        |row| row.get(0),
    )?;
    if phone_taken {
        return Ok(Outcome::Skipped);
    }
    conn.execute(
        "INSERT INTO account (login, name, phone, password_hash, role, status, failed_logins,
            locked_until, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(login) DO UPDATE SET name = excluded.name, phone = excluded.phone,
            password_hash = excluded.password_hash, role = excluded.role,
            status = excluded.status, failed_logins = excluded.failed_logins,
            locked_until = excluded.locked_until",
        params![
            account.login,
            account.name,
            account.phone,
            account.password_hash,
            account.role.code(),
            account.status.code(),
            account.failed_logins,
            account.locked_until,
            account.created_at
        ],
    )?;
    Ok(Outcome::Applied)
}

/// A farmer rated a case (or a visit) on another terminal of the hall: this terminal then knows
/// the case is rated and does not offer a second rating (一次一评). If the case was rated here
/// too while the two were apart, ours is kept and theirs is set aside for staff to see (the
/// county counts the one that reached it first and refuses the other).
fn rating_recorded(
    conn: &Connection,
    event: &Event,
    rating: &RatingRecord,
    at: Timestamp,
) -> Result<Outcome> {
    if super::ratings::exists(conn, &rating.id)? {
        return Ok(Outcome::Applied);
    }
    if let Some(case_id) = &rating.application {
        let known: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM application WHERE id = ?1)",
            [case_id],
            |row| row.get(0),
        )?;
        if !known {
            return Ok(Outcome::Skipped);
        }
        if rating.level.is_some()
            && let Some(ours) = super::ratings::given_for_case(conn, case_id)?
        {
            let local_event: String = conn
                .query_row(
                    "SELECT id FROM outbox WHERE entity_id = ?1
                     UNION ALL SELECT event_id FROM sync_inbox WHERE entity_id = ?1 LIMIT 1",
                    [&ours.id],
                    |row| row.get(0),
                )
                .optional()?
                .unwrap_or_default();
            let local_payload = event_payload(conn, &local_event)?.unwrap_or_default();
            flag(
                conn,
                RATING_TWICE,
                case_id,
                &local_event,
                &local_payload,
                event,
                at,
            )?;
            return Ok(Outcome::Conflict);
        }
    }
    super::ratings::insert_row(conn, rating)?;
    Ok(Outcome::Applied)
}

/// The local account of a person of terminal `device`: the hall-wide account when it has
/// reached this terminal, else a stand-in under their name.
fn person(conn: &Connection, device: &str, login: Option<&str>, name: &str) -> Result<i64> {
    if let Some(login) = login.filter(|login| !login.starts_with('~'))
        && let Some(id) = conn
            .query_row("SELECT id FROM account WHERE login = ?1", [login], |row| {
                row.get(0)
            })
            .optional()?
    {
        return Ok(id);
    }
    stand_in(conn, device, name)
}

/// A stand-in account for a person of another terminal (or the county): cases name their
/// agent and history actors by account, and accounts never travel between terminals.
pub(crate) fn stand_in(conn: &Connection, device: &str, name: &str) -> Result<i64> {
    let login = if device == COUNTY_DEVICE {
        "~county".to_owned()
    } else {
        format!("~{device}:{name}")
    };
    // Some events name nobody (a hand-over records only the agents): the terminal stands in.
    let name = if name.trim().is_empty() {
        // Records are kept in the hall's language.
        crate::t!(
            crate::i18n::Language::ZhCn,
            "terminal-stand-in",
            device = device
        )
    } else {
        name.to_owned()
    };
    if let Some(id) = conn
        .query_row("SELECT id FROM account WHERE login = ?1", [&login], |row| {
            row.get(0)
        })
        .optional()?
    {
        return Ok(id);
    }
    // Disabled, with no usable password: a stand-in can never log in.
    conn.execute(
        "INSERT INTO account (login, name, phone, password_hash, role, status, created_at, origin)
         VALUES (?1, ?2, ?1, '!', 'agent', 'disabled', datetime('now'), ?3)",
        params![login, name, device],
    )?;
    Ok(conn.last_insert_rowid())
}

fn local_household(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM household WHERE id = ?1
             UNION ALL SELECT local_id FROM household_alias WHERE remote_id = ?1 LIMIT 1",
            [id],
            |row| row.get(0),
        )
        .optional()?)
}

fn household_registered(
    conn: &Connection,
    event: &Event,
    household: &Household,
    at: Timestamp,
) -> Result<Outcome> {
    if local_household(conn, &household.id)?.is_some() {
        return Ok(Outcome::Applied);
    }
    // The same family registered on two terminals while apart: keep ours, link theirs to it
    // (their cases then open our household), and flag it with both versions.
    let mut numbers = vec![household.id_number.as_str().to_owned()];
    numbers.extend(
        household
            .members
            .iter()
            .map(|m| m.id_number.as_str().to_owned()),
    );
    for number in &numbers {
        let ours: Option<String> = conn
            .query_row(
                "SELECT id FROM household WHERE id_number = ?1
                 UNION ALL SELECT household FROM household_member WHERE id_number = ?1 LIMIT 1",
                [number],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(ours) = ours {
            conn.execute(
                "INSERT INTO household_alias (remote_id, local_id) VALUES (?1, ?2)",
                params![household.id, ours],
            )?;
            let local = super::households::load_household(conn, &ours)?
                .ok_or_else(|| StoreError::Damaged("household vanished".into()))?;
            let local_event: String = conn
                .query_row(
                    "SELECT id FROM outbox WHERE entity_id = ?1 ORDER BY seq LIMIT 1",
                    [&ours],
                    |row| row.get(0),
                )
                .optional()?
                .unwrap_or_default();
            flag(
                conn,
                "household",
                &ours,
                &local_event,
                &super::json::to_json(&local)?,
                event,
                at,
            )?;
            return Ok(Outcome::Conflict);
        }
    }
    super::households::insert_household(conn, household, &event.created_at, None)?;
    Ok(Outcome::Applied)
}

/// The case other than `except` that has `number` here, if any.
/// Another case of ours that already uses `value` as its number or its 登记号.
fn case_using(
    conn: &Connection,
    identifier: Identifier,
    value: &str,
    except: &str,
) -> Result<Option<String>> {
    let sql = match identifier {
        Identifier::Number => "SELECT id FROM application WHERE number = ?1 AND id <> ?2",
        Identifier::Reference => "SELECT id FROM application WHERE reference = ?1 AND id <> ?2",
    };
    Ok(conn
        .query_row(sql, params![value, except], |row| row.get(0))
        .optional()?)
}

/// What identifies a case to people, unique on a terminal.
#[derive(Clone, Copy)]
enum Identifier {
    Number,
    Reference,
}

/// Flags a number clash on our case `ours`, with its latest version and the other one.
fn flag_number_clash(conn: &Connection, ours: &str, remote: &Event, at: Timestamp) -> Result<()> {
    let head: Option<String> = conn.query_row(
        "SELECT sync_head FROM application WHERE id = ?1",
        [ours],
        |row| row.get(0),
    )?;
    let head = head.unwrap_or_default();
    let local_payload = event_payload(conn, &head)?.unwrap_or_default();
    flag(conn, NUMBER_CLASH, ours, &head, &local_payload, remote, at)
}

fn application_created(
    conn: &Connection,
    event: &Event,
    case: &CaseRecord,
    at: Timestamp,
) -> Result<Outcome> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM application WHERE id = ?1)",
        [&case.id],
        |row| row.get(0),
    )?;
    if exists {
        return Ok(Outcome::Applied);
    }
    let Some(household) = local_household(conn, &case.household_id)? else {
        return Ok(Outcome::Skipped);
    };
    // Two terminals that issued the same number (one set up with another's device code): the
    // other case is kept aside with both versions for people to sort out, and the pull goes on.
    for (identifier, value) in [
        (Identifier::Number, &case.number),
        (Identifier::Reference, &case.reference),
    ] {
        if let Some(value) = value
            && let Some(ours) = case_using(conn, identifier, value, &case.id)?
        {
            flag_number_clash(conn, &ours, event, at)?;
            return Ok(Outcome::Conflict);
        }
    }
    let agent = person(
        conn,
        &event.device,
        case.agent_login.as_deref(),
        &case.agent,
    )?;
    let closed = (!case.state.is_open()).then_some(&event.created_at);
    conn.execute(
        "INSERT INTO application (id, request_key, number, household, applicant_name,
            applicant_id_number, village, item_id, state, agent, created_at, accepted_at,
            due_date, closed_at, sync_head, reference)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            case.id,
            event.id,
            case.number,
            household,
            case.applicant_name,
            case.applicant_id_number,
            case.village,
            case.item_id,
            case.state.code(),
            agent,
            case.created_at,
            case.accepted_at,
            case.due_date.map(|day| day.to_string()),
            closed,
            event.id,
            case.reference
        ],
    )?;
    for (position, material) in case.materials.iter().enumerate() {
        conn.execute(
            "INSERT INTO application_material (application, position, name, required, received)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                case.id,
                position as i64,
                material.name,
                material.required,
                material.received
            ],
        )?;
    }
    for entry in &case.history {
        let actor = person(
            conn,
            &event.device,
            entry.actor_login.as_deref(),
            &entry.actor,
        )?;
        let to_agent = entry
            .to_agent
            .as_deref()
            .map(|name| stand_in(conn, &event.device, name))
            .transpose()?;
        super::applications::add_event(
            conn,
            &case.id,
            &entry.at,
            actor,
            &entry.kind,
            entry.from,
            entry.to,
            to_agent,
            &entry.note,
        )?;
    }
    Ok(Outcome::Applied)
}

fn case_changed(
    conn: &Connection,
    event: &Event,
    kind: EventKind,
    update: &CaseUpdate<'_>,
    at: Timestamp,
) -> Result<Outcome> {
    let current: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT state, sync_head FROM application WHERE id = ?1",
            [update.application],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((state, head)) = current else {
        return Ok(Outcome::Skipped);
    };
    if let Some(number) = update.number
        && let Some(ours) = case_using(conn, Identifier::Number, number, update.application)?
    {
        flag_number_clash(conn, &ours, event, at)?;
        return Ok(Outcome::Conflict);
    }
    let state = CaseState::from_code(&state)
        .ok_or_else(|| StoreError::Damaged(format!("case state {state}")))?;
    let mut verdict = judge(head.as_deref(), event.base.as_deref(), update.resolves);
    // A county decision must also be a legal move from where the case stands here.
    if kind == EventKind::CountyDecision {
        let legal = match update.target {
            Some(CaseState::Completed) => state.apply(Transition::Complete).is_ok(),
            Some(CaseState::Returned) => state.apply(Transition::Return).is_ok(),
            _ => false,
        };
        if !legal {
            verdict = Incoming::Conflict;
        }
    }
    if verdict == Incoming::Conflict {
        let head = head.unwrap_or_default();
        let local_payload = event_payload(conn, &head)?.unwrap_or_default();
        flag(
            conn,
            "application",
            update.application,
            &head,
            &local_payload,
            event,
            at,
        )?;
        return Ok(Outcome::Conflict);
    }
    let actor = person(conn, &event.device, Some(update.actor), update.actor)?;
    apply_change(
        conn,
        state,
        update,
        update.note,
        &event.created_at,
        actor,
        &event.device,
        kind,
    )?;
    conn.execute(
        "UPDATE application SET sync_head = ?1 WHERE id = ?2",
        params![event.id, update.application],
    )?;
    if kind == EventKind::ConflictResolved {
        settle_conflicts(conn, update.application, update.resolves, at)?;
    }
    Ok(Outcome::Applied)
}

/// Writes a change's fields onto the case with a history line by `actor` (a local account)
/// saying `note`; an agent the case is handed to is a person of terminal `device`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_change(
    conn: &Connection,
    from: CaseState,
    update: &CaseUpdate<'_>,
    note: &str,
    at: &str,
    actor: i64,
    device: &str,
    kind: EventKind,
) -> Result<()> {
    let case_id = update.application;
    if let Some(target) = update.target {
        let closed = (!target.is_open()).then_some(at);
        conn.execute(
            "UPDATE application SET state = ?1, closed_at = ?2,
                accepted_at = CASE WHEN ?1 = 'accepted' AND accepted_at IS NULL
                                   THEN ?3 ELSE accepted_at END
             WHERE id = ?4",
            params![target.code(), closed, at, case_id],
        )?;
    }
    if let Some(number) = update.number {
        conn.execute(
            "UPDATE application SET number = ?1 WHERE id = ?2",
            params![number, case_id],
        )?;
    }
    if let Some(due) = update.due_date {
        conn.execute(
            "UPDATE application SET due_date = ?1 WHERE id = ?2",
            params![due.to_string(), case_id],
        )?;
    }
    for (position, received) in update.received.iter().enumerate() {
        conn.execute(
            "UPDATE application_material SET received = ?1 WHERE application = ?2 AND position = ?3",
            params![received, case_id, position as i64],
        )?;
    }
    let mut to_agent = None;
    if let Some(agent) = update.to_agent {
        let agent = person(conn, device, agent.login, agent.name)?;
        conn.execute(
            "UPDATE application SET agent = ?1 WHERE id = ?2",
            params![agent, case_id],
        )?;
        to_agent = Some(agent);
    }
    let (history_kind, from, to) = match kind {
        EventKind::CaseHandedOver => ("handover", None, None),
        EventKind::ConflictResolved => ("conflict_resolved", Some(from), update.target),
        _ => ("state", Some(from), update.target),
    };
    super::applications::add_event(
        conn,
        case_id,
        at,
        actor,
        history_kind,
        from,
        to,
        to_agent,
        note,
    )?;
    Ok(())
}

/// The payload of an event this terminal knows, its own or pulled.
pub(crate) fn event_payload(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT payload FROM outbox WHERE id = ?1
             UNION ALL SELECT payload FROM sync_inbox WHERE event_id = ?1 LIMIT 1",
            [id],
            |row| row.get(0),
        )
        .optional()?)
}

fn flag(
    conn: &Connection,
    entity: &str,
    entity_id: &str,
    local_event: &str,
    local_payload: &str,
    remote: &Event,
    at: Timestamp,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_conflict (entity, entity_id, local_event, local_payload, remote_event,
            remote_device, remote_payload, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            entity,
            entity_id,
            local_event,
            local_payload,
            remote.id,
            remote.device,
            remote.payload,
            at.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Another terminal chose between versions we also hold: our flag for them is settled.
fn settle_conflicts(
    conn: &Connection,
    case_id: &str,
    resolves: &[String],
    at: Timestamp,
) -> Result<()> {
    for version in resolves {
        conn.execute(
            "UPDATE sync_conflict SET resolved_at = ?1, resolution = 'elsewhere'
             WHERE entity_id = ?2 AND resolved_at IS NULL
               AND (local_event = ?3 OR remote_event = ?3)",
            params![at.to_rfc3339(), case_id, version],
        )?;
    }
    Ok(())
}
