//! Applying what other terminals of the hall and the county did (pulled over HTTP or read from
//! the county's USB reply): in the county's order, each event once, in the caller's
//! transaction. A case changed here and elsewhere from the same version is not overwritten: the
//! two versions go to `sync_conflict` for an agent to choose (see `domain::sync::conflict`).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use super::terminal::{meta_value, set_meta_value};
use super::{Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::application::{CaseState, Transition};
use crate::domain::household::Household;
use crate::domain::sync::conflict::{Incoming, judge};
use crate::sync::wire::{COUNTY_DEVICE, Event, PulledItem, kind};

const PULL_CURSOR: &str = "sync_pull_cursor";
/// The `entity` of a conflict where another terminal's case came with one of our numbers.
pub const NUMBER_CLASH: &str = "case_number";

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
    let applied = match event.kind.as_str() {
        kind::HOUSEHOLD_REGISTERED => match serde_json::from_str(&event.payload) {
            Ok(household) => household_registered(conn, event, &household, at)?,
            Err(_) => Outcome::Skipped,
        },
        kind::APPLICATION_CREATED => match serde_json::from_str(&event.payload) {
            Ok(created) => application_created(conn, event, &created, at)?,
            Err(_) => Outcome::Skipped,
        },
        kind::CASE_STATE_CHANGED
        | kind::CASE_HANDED_OVER
        | kind::COUNTY_DECISION
        | kind::CONFLICT_RESOLVED => match serde_json::from_str(&event.payload) {
            Ok(change) => case_changed(conn, event, &change, at)?,
            Err(_) => Outcome::Skipped,
        },
        _ => Outcome::Skipped,
    };
    Ok(applied)
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
        format!("{device}号终端")
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

#[derive(Deserialize)]
struct Created {
    case: RemoteCase,
}

#[derive(Deserialize)]
struct RemoteCase {
    id: String,
    number: Option<String>,
    household_id: String,
    item_id: String,
    state: CaseState,
    applicant_name: String,
    applicant_id_number: String,
    village: String,
    agent: String,
    created_at: String,
    accepted_at: Option<String>,
    due_date: Option<NaiveDate>,
    #[serde(default)]
    materials: Vec<RemoteMaterial>,
    #[serde(default)]
    history: Vec<RemoteHistory>,
}

#[derive(Deserialize)]
struct RemoteMaterial {
    name: String,
    required: bool,
    received: bool,
}

#[derive(Deserialize)]
struct RemoteHistory {
    at: String,
    actor: String,
    kind: String,
    from: Option<CaseState>,
    to: Option<CaseState>,
    to_agent: Option<String>,
    #[serde(default)]
    note: String,
}

/// The case other than `except` that has `number` here, if any.
fn case_with_number(conn: &Connection, number: &str, except: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM application WHERE number = ?1 AND id <> ?2",
            params![number, except],
            |row| row.get(0),
        )
        .optional()?)
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
    created: &Created,
    at: Timestamp,
) -> Result<Outcome> {
    let case = &created.case;
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
    if let Some(number) = &case.number
        && let Some(ours) = case_with_number(conn, number, &case.id)?
    {
        flag_number_clash(conn, &ours, event, at)?;
        return Ok(Outcome::Conflict);
    }
    let agent = stand_in(conn, &event.device, &case.agent)?;
    let closed = (!case.state.is_open()).then_some(&event.created_at);
    conn.execute(
        "INSERT INTO application (id, request_key, number, household, applicant_name,
            applicant_id_number, village, item_id, state, agent, created_at, accepted_at,
            due_date, closed_at, sync_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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
            event.id
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
        let actor = stand_in(conn, &event.device, &entry.actor)?;
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

/// Any later change to a case, read generously: a state change, a hand-over, a county
/// decision, or a conflict resolution (each sets the fields it has).
#[derive(Deserialize, Default)]
pub(crate) struct CaseChange {
    pub application: String,
    #[serde(default)]
    pub number: Option<String>,
    /// The new state (state changes).
    #[serde(default)]
    pub to: Option<CaseState>,
    /// The chosen state (conflict resolutions).
    #[serde(default)]
    pub state: Option<CaseState>,
    /// "completed" or "returned" (county decisions).
    #[serde(default)]
    pub result: Option<CaseState>,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub to_agent: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub materials: Option<Vec<MaterialFlag>>,
    /// The versions a conflict resolution chose between.
    #[serde(default)]
    pub resolves: Vec<String>,
}

#[derive(Deserialize, serde::Serialize, Clone)]
pub(crate) struct MaterialFlag {
    pub received: bool,
}

impl CaseChange {
    pub(crate) fn target(&self) -> Option<CaseState> {
        self.to.or(self.state).or(self.result)
    }
}

fn case_changed(
    conn: &Connection,
    event: &Event,
    change: &CaseChange,
    at: Timestamp,
) -> Result<Outcome> {
    let current: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT state, sync_head FROM application WHERE id = ?1",
            [&change.application],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((state, head)) = current else {
        return Ok(Outcome::Skipped);
    };
    if let Some(number) = &change.number
        && let Some(ours) = case_with_number(conn, number, &change.application)?
    {
        flag_number_clash(conn, &ours, event, at)?;
        return Ok(Outcome::Conflict);
    }
    let state = CaseState::from_code(&state)
        .ok_or_else(|| StoreError::Damaged(format!("case state {state}")))?;
    let mut verdict = judge(head.as_deref(), event.base.as_deref(), &change.resolves);
    // A county decision must also be a legal move from where the case stands here.
    if event.kind == kind::COUNTY_DECISION {
        let legal = match change.result {
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
            &change.application,
            &head,
            &local_payload,
            event,
            at,
        )?;
        return Ok(Outcome::Conflict);
    }
    let actor_name = change.actor.clone().unwrap_or_default();
    let actor = stand_in(conn, &event.device, &actor_name)?;
    apply_change(
        conn,
        &change.application,
        state,
        change,
        &event.created_at,
        actor,
        &event.device,
        &event.kind,
    )?;
    conn.execute(
        "UPDATE application SET sync_head = ?1 WHERE id = ?2",
        params![event.id, change.application],
    )?;
    if event.kind == kind::CONFLICT_RESOLVED {
        settle_conflicts(conn, &change.application, &change.resolves, at)?;
    }
    Ok(Outcome::Applied)
}

/// Writes a change's fields onto the case with a history line by `actor` (a local account);
/// an agent the case is handed to is a person of terminal `device`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn apply_change(
    conn: &Connection,
    case_id: &str,
    from: CaseState,
    change: &CaseChange,
    at: &str,
    actor: i64,
    device: &str,
    event_kind: &str,
) -> Result<()> {
    if let Some(target) = change.target() {
        let closed = (!target.is_open()).then_some(at);
        conn.execute(
            "UPDATE application SET state = ?1, closed_at = ?2,
                accepted_at = CASE WHEN ?1 = 'accepted' AND accepted_at IS NULL
                                   THEN ?3 ELSE accepted_at END
             WHERE id = ?4",
            params![target.code(), closed, at, case_id],
        )?;
    }
    if let Some(number) = &change.number {
        conn.execute(
            "UPDATE application SET number = ?1 WHERE id = ?2",
            params![number, case_id],
        )?;
    }
    if let Some(due) = change.due_date {
        conn.execute(
            "UPDATE application SET due_date = ?1 WHERE id = ?2",
            params![due.to_string(), case_id],
        )?;
    }
    for (position, material) in change.materials.iter().flatten().enumerate() {
        conn.execute(
            "UPDATE application_material SET received = ?1 WHERE application = ?2 AND position = ?3",
            params![material.received, case_id, position as i64],
        )?;
    }
    let mut to_agent = None;
    if let Some(name) = &change.to_agent {
        let agent = stand_in(conn, device, name)?;
        conn.execute(
            "UPDATE application SET agent = ?1 WHERE id = ?2",
            params![agent, case_id],
        )?;
        to_agent = Some(agent);
    }
    let (history_kind, from, to) = match (event_kind, change.target()) {
        (kind::CASE_HANDED_OVER, _) => ("handover", None, None),
        (kind::CONFLICT_RESOLVED, to) => ("conflict_resolved", Some(from), to),
        (_, to) => ("state", Some(from), to),
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
        &change.note,
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
