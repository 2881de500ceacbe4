//! Proxy applications: intake, case numbers, state changes, hand-overs, lists and the kiosk's
//! status lookup. Every change is one transaction with its history, audit row and outbox event.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;

use super::records::{record, record_new};
use super::{Account, Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::account::Role;
use crate::domain::application::{CaseState, IllegalTransition, Intake, Transition, intake};
use crate::domain::calendar::HolidayCalendar;
use crate::domain::case_number::CaseNumber;
use crate::domain::deadline::due_date;
use crate::domain::id_number::IdNumber;
use crate::domain::progress::{Move, Progress, progress};
use crate::domain::reference::Reference;
use crate::domain::status_query::StatusQuery;
use crate::domain::sync::event::{
    ApplicationCreated, CaseHandedOver, CaseRecord, CaseStateChanged, HistoryRecord,
    MaterialRecord, Payload,
};

/// What the rules of a case depend on: the items and the working-day calendar. (The device
/// code in case numbers is read inside the accepting transaction, never passed in.)
pub struct CaseRules<'a> {
    pub content: &'a Content,
    pub calendar: &'a HolidayCalendar,
}

/// An application as the agent saves it.
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// Made when the form opens: saving the same form twice gives one record.
    pub request_key: String,
    pub household_id: String,
    /// The head of the household or one of its members.
    pub applicant: IdNumber,
    pub item_id: String,
    /// One flag per material of the item, in the item's order.
    pub received: Vec<bool>,
}

/// One material of a case's checklist (the shape it travels in).
pub type CaseMaterial = MaterialRecord;
/// One line of a case's history (the shape it travels in).
pub type CaseEvent = HistoryRecord;

/// One case with everything an agent's case screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    pub id: String,
    pub number: Option<String>,
    /// 登记号 of a case saved 待补正 on this terminal (see [`Reference`]); none for a case saved
    /// before the terminal had a device code, or taken on another terminal.
    pub reference: Option<String>,
    pub household_id: String,
    pub item_id: String,
    pub state: CaseState,
    pub applicant_name: String,
    pub applicant_id_number: IdNumber,
    pub village: String,
    pub agent_id: i64,
    pub agent: String,
    /// The agent's account (hall-wide).
    pub agent_login: String,
    pub created_at: String,
    pub accepted_at: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub materials: Vec<CaseMaterial>,
    pub history: Vec<CaseEvent>,
}

impl Case {
    /// What people quote for this case: its case number once accepted, else its 登记号, else
    /// its id.
    pub fn public_reference(&self) -> &str {
        self.number
            .as_deref()
            .or(self.reference.as_deref())
            .unwrap_or(&self.id)
    }

    /// The case as it travels to the county and the hall's other terminals.
    pub fn to_record(&self) -> CaseRecord {
        CaseRecord {
            id: self.id.clone(),
            number: self.number.clone(),
            reference: self.reference.clone(),
            household_id: self.household_id.clone(),
            item_id: self.item_id.clone(),
            state: self.state,
            applicant_name: self.applicant_name.clone(),
            applicant_id_number: self.applicant_id_number.as_str().to_owned(),
            village: self.village.clone(),
            agent: self.agent.clone(),
            agent_login: Some(self.agent_login.clone()),
            created_at: self.created_at.clone(),
            accepted_at: self.accepted_at.clone(),
            due_date: self.due_date,
            materials: self.materials.clone(),
            history: self.history.clone(),
        }
    }

    pub fn missing_materials(&self) -> Vec<String> {
        self.materials
            .iter()
            .filter(|material| material.required && !material.received)
            .map(|material| material.name.clone())
            .collect()
    }
}

/// One line of a case list (also the command line's JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    pub id: String,
    pub number: Option<String>,
    /// The case number once accepted, else the 登记号, else the id.
    pub reference: String,
    pub item_id: String,
    pub state: CaseState,
    pub accepted_at: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub applicant_name: String,
    pub id_number_masked: String,
    pub village: String,
    pub agent: String,
}

/// What a case list shows; every set field narrows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    pub item_id: Option<String>,
    pub village: Option<String>,
    pub agent: Option<i64>,
    /// Open cases whose due date is before this day.
    pub overdue_on: Option<NaiveDate>,
    /// The start of a name, an ID number or a case number.
    pub search: String,
    pub limit: usize,
}

/// What the kiosk shows a farmer about a case: nothing personal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicStatus {
    /// The case's internal id, for the kiosk's 评价 button; never shown.
    #[serde(skip)]
    pub case_id: String,
    pub item_id: String,
    pub state: CaseState,
    pub due_date: Option<NaiveDate>,
    /// 受理 → 办理 → 报县 → 办结 with dates, and why a stopped case stopped.
    pub progress: Progress,
}

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("no such household")]
    UnknownHousehold,
    #[error("the applicant is not in the household")]
    NotInHousehold,
    #[error("no such service item")]
    UnknownItem,
    #[error("the materials checklist does not match the item")]
    MaterialsMismatch,
    #[error("no such case")]
    UnknownCase,
    #[error("no such agent")]
    UnknownAgent,
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
    #[error("a reason is required")]
    ReasonRequired,
    #[error("required materials are still missing: {0:?}")]
    MaterialsMissing(Vec<String>),
    #[error("only the responsible agent or an admin may change this case")]
    NotResponsible,
    #[error("this terminal has issued all its case numbers for today")]
    NoSerialLeft,
    /// A case number carries the terminal's device code, and none was given yet.
    #[error("this terminal has no device code, so it cannot issue case numbers")]
    NoDeviceCode,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for CaseError {
    fn from(error: rusqlite::Error) -> Self {
        CaseError::Store(error.into())
    }
}

impl Store {
    /// Intake: checks the materials, issues a case number when they are complete (已受理), or
    /// records the case as 待补正 with every missing material. Saving the same request twice
    /// returns the case saved the first time.
    pub fn create_application(
        &mut self,
        new: &NewApplication,
        agent: &Account,
        rules: &CaseRules<'_>,
        at: Timestamp,
    ) -> std::result::Result<Case, CaseError> {
        let tx = self.write()?;
        let existing: Option<String> = tx
            .prepare_cached("SELECT id FROM application WHERE request_key = ?1")?
            .query_row([&new.request_key], |row| row.get(0))
            .optional()?;
        if let Some(id) = existing {
            return load(&tx, &id)?.ok_or(CaseError::UnknownCase);
        }
        let item = rules
            .content
            .item(&new.item_id)
            .ok_or(CaseError::UnknownItem)?;
        if new.received.len() != item.materials.len() {
            return Err(CaseError::MaterialsMismatch);
        }
        let household = super::households::load_household(&tx, &new.household_id)?
            .ok_or(CaseError::UnknownHousehold)?;
        let applicant_name = if household.id_number == new.applicant {
            household.head_name.clone()
        } else {
            household
                .members
                .iter()
                .find(|member| member.id_number == new.applicant)
                .map(|member| member.name.clone())
                .ok_or(CaseError::NotInHousehold)?
        };

        let id = uuid::Uuid::new_v4().to_string();
        let state = match intake(item, &new.received) {
            Intake::Accepted => CaseState::Accepted,
            Intake::NeedsCorrection { .. } => CaseState::AwaitingCorrection,
        };
        let created_at = at.to_rfc3339();
        // The case is written once, as it ends up: with its case number (已受理) or its 登记号
        // (待补正), and naming its outbox event (below) as its sync version.
        let (number, reference, accepted_at, due) = if state == CaseState::Accepted {
            let (number, due) = issue_number(&tx, item.promised_days, rules, at)?;
            (
                Some(number.as_str().to_owned()),
                None,
                Some(created_at.clone()),
                Some(due),
            )
        } else {
            let reference = next_reference(&tx, rules, at)?;
            (None, Some(reference.as_str().to_owned()), None, None)
        };
        let event_id = uuid::Uuid::new_v4().to_string();
        tx.prepare_cached(
            "INSERT INTO application (id, request_key, household, applicant_name,
                applicant_id_number, village, item_id, state, agent, created_at, number,
                reference, accepted_at, due_date, sync_head)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            id,
            new.request_key,
            household.id,
            applicant_name,
            new.applicant.as_str(),
            household.village,
            item.id,
            state.code(),
            agent.id,
            created_at,
            number,
            reference,
            accepted_at,
            due.map(|day| day.to_string()),
            event_id
        ])?;
        let mut materials = Vec::with_capacity(item.materials.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO application_material (application, position, name, required, received)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (position, (material, &received)) in
                item.materials.iter().zip(&new.received).enumerate()
            {
                insert.execute(params![
                    id,
                    position as i64,
                    material.name,
                    material.required,
                    received
                ])?;
                materials.push(CaseMaterial {
                    name: material.name.clone(),
                    required: material.required,
                    received,
                });
            }
        }
        // The agent as the case's history names them: the account as stored.
        let (agent_name, agent_login): (String, String) = tx
            .prepare_cached("SELECT name, login FROM account WHERE id = ?1")?
            .query_row([agent.id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .ok_or(CaseError::UnknownAgent)?;
        let line = |kind: &str, from: Option<CaseState>, to: CaseState| CaseEvent {
            at: created_at.clone(),
            actor: agent_name.clone(),
            actor_login: Some(agent_login.clone()),
            kind: kind.to_owned(),
            from,
            to: Some(to),
            to_agent: None,
            note: String::new(),
        };
        let mut history = vec![line("created", None, CaseState::AwaitingCorrection)];
        if state == CaseState::Accepted {
            history.push(line(
                "state",
                Some(CaseState::AwaitingCorrection),
                CaseState::Accepted,
            ));
        }
        for event in &history {
            add_event(
                &tx,
                &id,
                &created_at,
                agent.id,
                &event.kind,
                event.from,
                event.to,
                None,
                "",
            )?;
        }
        let case = Case {
            id,
            number,
            reference,
            household_id: household.id,
            item_id: item.id.clone(),
            state,
            applicant_name,
            applicant_id_number: new.applicant.clone(),
            village: household.village,
            agent_id: agent.id,
            agent: agent_name,
            agent_login,
            created_at,
            accepted_at,
            due_date: due,
            materials,
            history,
        };
        record_new(
            &tx,
            at,
            Some(agent.id),
            &Payload::ApplicationCreated(ApplicationCreated {
                case: case.to_record(),
            }),
            event_id,
        )?;
        tx.commit()?;
        Ok(case)
    }

    /// Moves a case along. `received` updates the checklist first (for 待补正 → 已受理);
    /// returning and refusing need a reason.
    #[allow(clippy::too_many_arguments)]
    pub fn change_state(
        &mut self,
        case_id: &str,
        transition: Transition,
        received: Option<&[bool]>,
        note: &str,
        actor: &Account,
        rules: &CaseRules<'_>,
        at: Timestamp,
    ) -> std::result::Result<Case, CaseError> {
        let tx = self.write()?;
        let case = load(&tx, case_id)?.ok_or(CaseError::UnknownCase)?;
        if case.agent_id != actor.id && actor.role != Role::Admin {
            return Err(CaseError::NotResponsible);
        }
        let target = case.state.apply(transition)?;
        if transition.needs_reason() && note.trim().is_empty() {
            return Err(CaseError::ReasonRequired);
        }
        if let Some(received) = received {
            if received.len() != case.materials.len() {
                return Err(CaseError::MaterialsMismatch);
            }
            for (position, flag) in received.iter().enumerate() {
                tx.execute(
                    "UPDATE application_material SET received = ?1
                     WHERE application = ?2 AND position = ?3",
                    params![flag, case_id, position as i64],
                )?;
            }
        }
        if target == CaseState::Accepted {
            let reloaded = load(&tx, case_id)?.ok_or(CaseError::UnknownCase)?;
            let missing = reloaded.missing_materials();
            if !missing.is_empty() {
                return Err(CaseError::MaterialsMissing(missing));
            }
            let item = rules
                .content
                .item(&case.item_id)
                .ok_or(CaseError::UnknownItem)?;
            accept(&tx, case_id, item.promised_days, rules, at)?;
        } else {
            let closed = (!target.is_open()).then(|| at.to_rfc3339());
            tx.execute(
                "UPDATE application SET state = ?1, closed_at = ?2 WHERE id = ?3",
                params![target.code(), closed, case_id],
            )?;
        }
        add_event(
            &tx,
            case_id,
            &at.to_rfc3339(),
            actor.id,
            "state",
            Some(case.state),
            Some(target),
            None,
            note.trim(),
        )?;
        let changed = load(&tx, case_id)?.ok_or(CaseError::UnknownCase)?;
        record(
            &tx,
            at,
            Some(actor.id),
            &Payload::CaseStateChanged(CaseStateChanged {
                application: case_id.to_owned(),
                number: changed.number.clone(),
                from: case.state,
                to: target,
                due_date: changed.due_date,
                actor: actor.login.clone(),
                note: note.trim().to_owned(),
                materials: changed.materials.clone(),
            }),
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// Hands responsibility (首问负责) to another active agent, with a note.
    pub fn hand_over(
        &mut self,
        case_id: &str,
        to_agent: i64,
        note: &str,
        actor: &Account,
        at: Timestamp,
    ) -> std::result::Result<Case, CaseError> {
        let tx = self.write()?;
        let case = load(&tx, case_id)?.ok_or(CaseError::UnknownCase)?;
        if case.agent_id != actor.id && actor.role != Role::Admin {
            return Err(CaseError::NotResponsible);
        }
        if note.trim().is_empty() {
            return Err(CaseError::ReasonRequired);
        }
        let to: Option<(String, String)> = tx
            .query_row(
                "SELECT name, login FROM account WHERE id = ?1 AND status = 'active'",
                [to_agent],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let (to_name, to_login) = to.ok_or(CaseError::UnknownAgent)?;
        tx.execute(
            "UPDATE application SET agent = ?1 WHERE id = ?2",
            params![to_agent, case_id],
        )?;
        add_event(
            &tx,
            case_id,
            &at.to_rfc3339(),
            actor.id,
            "handover",
            None,
            None,
            Some(to_agent),
            note.trim(),
        )?;
        record(
            &tx,
            at,
            Some(actor.id),
            &Payload::CaseHandedOver(CaseHandedOver {
                application: case_id.to_owned(),
                number: case.number.clone(),
                from_agent: case.agent.clone(),
                to_agent: to_name,
                to_agent_login: Some(to_login),
                note: note.trim().to_owned(),
            }),
        )?;
        let changed = load(&tx, case_id)?.ok_or(CaseError::UnknownCase)?;
        tx.commit()?;
        Ok(changed)
    }

    pub fn case(&self, id: &str) -> Result<Option<Case>> {
        load(self.conn(), id)
    }

    pub fn case_id_by_reference(&self, reference: &Reference) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM application WHERE reference = ?1",
                [reference.as_str()],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub fn case_id_by_number(&self, number: &CaseNumber) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM application WHERE number = ?1",
                [number.as_str()],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// A case list, newest first.
    /// Service item ids by how many applications the hall has taken for them, most first.
    pub fn item_usage(&self) -> Result<Vec<String>> {
        let mut statement = self.conn().prepare(
            "SELECT item_id FROM application GROUP BY item_id ORDER BY COUNT(*) DESC, item_id",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn cases(&self, filter: &CaseFilter) -> Result<Vec<CaseSummary>> {
        let mut conditions: Vec<&str> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let mut bind = |condition: &'static str, value: String, conditions: &mut Vec<&str>| {
            conditions.push(condition);
            values.push(value);
        };
        if let Some(state) = filter.state {
            bind("a.state = ?", state.code().to_owned(), &mut conditions);
        }
        if let Some(item) = &filter.item_id {
            bind("a.item_id = ?", item.clone(), &mut conditions);
        }
        if let Some(village) = &filter.village {
            bind("a.village = ?", village.clone(), &mut conditions);
        }
        if let Some(agent) = filter.agent {
            bind("a.agent = ?", agent.to_string(), &mut conditions);
        }
        if let Some(day) = filter.overdue_on {
            conditions.push("a.state IN ('accepted', 'in_progress', 'reported_to_county')");
            bind("a.due_date < ?", day.to_string(), &mut conditions);
        }
        // Prefix matches (GLOB, case-sensitive) so each term can use its index; GLOB's own
        // wildcards are dropped from what was typed.
        let search: String = filter
            .search
            .trim()
            .chars()
            .filter(|c| !matches!(c, '*' | '?' | '[' | ']'))
            .collect();
        if !search.is_empty() {
            let upper = search.to_uppercase();
            // Whole patterns as parameters: SQLite uses an index for GLOB only then.
            conditions.push(
                "(a.applicant_name GLOB ? OR a.applicant_id_number GLOB ? OR a.number GLOB ?
                  OR a.reference GLOB ?)",
            );
            values.push(format!("{search}*"));
            values.push(format!("{upper}*"));
            values.push(format!("{upper}*"));
            values.push(format!("{}*", upper.replace('-', "")));
        }
        let mut sql = "SELECT a.id, a.number, a.item_id, a.state, a.accepted_at, a.due_date,
                a.applicant_name, a.applicant_id_number, a.village, u.name,
                COALESCE(a.number, a.reference, a.id)
             FROM application a JOIN account u ON u.id = a.agent"
            .to_owned();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        // A search finds few rows through its indexes: sort those (the unary + keeps SQLite from
        // walking the whole table in date order instead).
        sql.push_str(if search.is_empty() {
            " ORDER BY a.created_at DESC LIMIT "
        } else {
            " ORDER BY +a.created_at DESC LIMIT "
        });
        sql.push_str(&filter.limit.max(1).to_string());
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement.query_map(params_from_iter(values.iter()), summary_row)?;
        let mut cases = Vec::new();
        for row in rows {
            cases.push(row?.finish()?);
        }
        Ok(cases)
    }

    /// The kiosk lookup (查进度): the cases the query names, newest first, with only what the
    /// farmer needs: the item, the state, the due date and the progress line. Never a name, an
    /// ID number or a phone.
    pub fn public_status(&self, query: &StatusQuery) -> Result<Vec<PublicStatus>> {
        let ids: Vec<String> = match query {
            StatusQuery::Number(number) => self.case_id_by_number(number)?.into_iter().collect(),
            StatusQuery::Reference(reference) => {
                self.case_id_by_reference(reference)?.into_iter().collect()
            }
            StatusQuery::IdAndPhone(tails) => {
                // The ID tail narrows it in SQL; the phone (typed with or without hyphens) is
                // compared by the domain's rule.
                let mut statement = self.conn().prepare(
                    "SELECT a.id, a.applicant_id_number, h.phone
                     FROM application a JOIN household h ON h.id = a.household
                     WHERE substr(a.applicant_id_number, 13) = ?1
                     ORDER BY a.created_at DESC",
                )?;
                let rows = statement.query_map([tails.id_tail()], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                    ))
                })?;
                let mut ids = Vec::new();
                for row in rows {
                    let (id, id_number, phone) = row?;
                    if tails.matches(&id_number, &phone) {
                        ids.push(id);
                    }
                    if ids.len() == PUBLIC_STATUS_LIMIT {
                        break;
                    }
                }
                ids
            }
            StatusQuery::NameAndPhone(name) => {
                // The name exactly as stored (its index finds it); the phone by the domain's rule.
                let mut statement = self.conn().prepare(
                    "SELECT a.id, h.phone
                     FROM application a JOIN household h ON h.id = a.household
                     WHERE a.applicant_name = ?1
                     ORDER BY a.created_at DESC",
                )?;
                let rows = statement.query_map([name.name()], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?;
                let mut ids = Vec::new();
                for row in rows {
                    let (id, phone) = row?;
                    if name.matches_phone(&phone) {
                        ids.push(id);
                    }
                    if ids.len() == PUBLIC_STATUS_LIMIT {
                        break;
                    }
                }
                ids
            }
        };
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(case) = load(self.conn(), &id)? {
                found.push(public(&case)?);
            }
        }
        Ok(found)
    }
}

/// At most this many cases answer one kiosk lookup.
const PUBLIC_STATUS_LIMIT: usize = 20;

/// What the kiosk may show of a case.
fn public(case: &Case) -> Result<PublicStatus> {
    let mut moves = Vec::new();
    for event in &case.history {
        let Some(to) = event.to else { continue };
        // Times are RFC 3339; the day is what the kiosk shows.
        let on = chrono::DateTime::parse_from_rfc3339(&event.at)
            .map(|at| at.date_naive())
            .or_else(|_| NaiveDate::parse_from_str(event.at.get(..10).unwrap_or(""), "%Y-%m-%d"))
            .map_err(|_| StoreError::Damaged(format!("case event time {}", event.at)))?;
        moves.push(Move {
            to,
            on,
            note: event.note.clone(),
        });
    }
    Ok(PublicStatus {
        case_id: case.id.clone(),
        item_id: case.item_id.clone(),
        state: case.state,
        due_date: case.due_date,
        progress: progress(case.state, &moves, case.missing_materials()),
    })
}

/// Sets 已受理: the case number, the acceptance time and the promised completion date.
fn accept(
    tx: &Connection,
    case_id: &str,
    promised_days: u32,
    rules: &CaseRules<'_>,
    at: Timestamp,
) -> std::result::Result<(), CaseError> {
    let (number, due) = issue_number(tx, promised_days, rules, at)?;
    tx.prepare_cached(
        "UPDATE application SET state = 'accepted', number = ?1, accepted_at = ?2, due_date = ?3
         WHERE id = ?4",
    )?
    .execute(params![
        number.as_str(),
        at.to_rfc3339(),
        due.to_string(),
        case_id
    ])?;
    Ok(())
}

/// Takes this terminal's next case number of the day, with the promised completion date of a
/// case accepted `at`.
fn issue_number(
    tx: &Connection,
    promised_days: u32,
    rules: &CaseRules<'_>,
    at: Timestamp,
) -> std::result::Result<(CaseNumber, NaiveDate), CaseError> {
    let device = super::terminal::device_code_in(tx)?.ok_or(CaseError::NoDeviceCode)?;
    let day = at.date_naive();
    let serial: u32 = tx
        .prepare_cached(
            "INSERT INTO case_serial (day, last) VALUES (?1, 1)
             ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([day.to_string()], |row| row.get(0))?;
    let number = CaseNumber::new(&rules.content.hall.township_code, day, &device, serial)
        .ok_or(CaseError::NoSerialLeft)?;
    Ok((number, due_date(rules.calendar, day, promised_days)))
}

/// The 登记号 of a 待补正 case saved `at`: this terminal's next serial of the day. Like a case
/// number it needs this terminal's device code; without one, or past the day's last serial, the
/// case is not taken.
fn next_reference(
    tx: &Connection,
    rules: &CaseRules<'_>,
    at: Timestamp,
) -> std::result::Result<Reference, CaseError> {
    let device = super::terminal::device_code_in(tx)?.ok_or(CaseError::NoDeviceCode)?;
    let day = at.date_naive();
    let township = &rules.content.hall.township_code;
    let prefix = Reference::prefix(township, day, &device).ok_or(CaseError::NoSerialLeft)?;
    // The write lock is held: no other writer can take the same serial in between.
    let last: Option<String> = tx
        .prepare_cached(
            "SELECT MAX(reference) FROM application WHERE reference >= ?1 AND reference < ?2",
        )?
        .query_row(
            params![format!("{prefix}000"), format!("{prefix}999~")],
            |row| row.get(0),
        )?;
    let next = last
        .as_deref()
        .and_then(Reference::parse)
        .map_or(1, |last| last.serial() + 1);
    Reference::new(township, day, &device, next).ok_or(CaseError::NoSerialLeft)
}

/// One line of a case's history.
#[allow(clippy::too_many_arguments)]
pub(super) fn add_event(
    conn: &rusqlite::Connection,
    case_id: &str,
    at: &str,
    actor: i64,
    kind: &str,
    from: Option<CaseState>,
    to: Option<CaseState>,
    to_agent: Option<i64>,
    note: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO application_event (application, at, actor, kind, from_state, to_state,
            to_agent, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        case_id,
        at,
        actor,
        kind,
        from.map(CaseState::code),
        to.map(CaseState::code),
        to_agent,
        note
    ])?;
    Ok(())
}

fn parse_state(code: &str) -> Result<CaseState> {
    CaseState::from_code(code).ok_or_else(|| StoreError::Damaged(format!("case state {code}")))
}

fn parse_day(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|text| {
        text.parse()
            .map_err(|_| StoreError::Damaged(format!("date {text}")))
    })
    .transpose()
}

/// A summary row before its state, date and ID number are checked.
struct RawSummary {
    summary: CaseSummary,
    state: String,
    due: Option<String>,
    id_number: String,
}

impl RawSummary {
    fn finish(mut self) -> Result<CaseSummary> {
        self.summary.state = parse_state(&self.state)?;
        self.summary.due_date = parse_day(self.due)?;
        self.summary.id_number_masked = IdNumber::parse(&self.id_number)
            .map_err(|_| StoreError::Damaged("applicant id number".into()))?
            .masked();
        Ok(self.summary)
    }
}

fn summary_row(row: &Row<'_>) -> rusqlite::Result<RawSummary> {
    Ok(RawSummary {
        state: row.get(3)?,
        due: row.get(5)?,
        id_number: row.get(7)?,
        summary: CaseSummary {
            id: row.get(0)?,
            number: row.get(1)?,
            reference: row.get(10)?,
            item_id: row.get(2)?,
            state: CaseState::AwaitingCorrection,
            accepted_at: row.get(4)?,
            due_date: None,
            applicant_name: row.get(6)?,
            id_number_masked: String::new(),
            village: row.get(8)?,
            agent: row.get(9)?,
        },
    })
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<Option<Case>> {
    let row = conn
        .prepare_cached(
            "SELECT a.id, a.number, a.household, a.item_id, a.state, a.applicant_name,
                a.applicant_id_number, a.village, a.agent, u.name, a.created_at, a.accepted_at,
                a.due_date, u.login, a.reference
             FROM application a JOIN account u ON u.id = a.agent WHERE a.id = ?1",
        )?
        .query_row([id], |row| {
            Ok((
                (
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ),
                (
                    row.get::<_, String>(4)?,
                    row.get::<_, String>(5)?,
                    row.get::<_, String>(6)?,
                    row.get::<_, String>(7)?,
                ),
                (
                    row.get::<_, i64>(8)?,
                    row.get::<_, String>(9)?,
                    row.get::<_, String>(10)?,
                    row.get::<_, Option<String>>(11)?,
                    row.get::<_, Option<String>>(12)?,
                    row.get::<_, String>(13)?,
                ),
                row.get::<_, Option<String>>(14)?,
            ))
        })
        .optional()?;
    let Some((
        (id, number, household_id, item_id),
        (state, applicant_name, id_number, village),
        (agent_id, agent, created_at, accepted_at, due, agent_login),
        reference,
    )) = row
    else {
        return Ok(None);
    };
    let mut statement = conn.prepare_cached(
        "SELECT name, required, received FROM application_material WHERE application = ?1
         ORDER BY position",
    )?;
    let materials = statement
        .query_map([&id], |row| {
            Ok(CaseMaterial {
                name: row.get(0)?,
                required: row.get(1)?,
                received: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut statement = conn.prepare_cached(
        "SELECT e.at, u.name, e.kind, e.from_state, e.to_state, t.name, e.note, u.login
         FROM application_event e JOIN account u ON u.id = e.actor
         LEFT JOIN account t ON t.id = e.to_agent
         WHERE e.application = ?1 ORDER BY e.id",
    )?;
    let raw = statement
        .query_map([&id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, String>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut history = Vec::with_capacity(raw.len());
    for (at, actor, kind, from, to, to_agent, note, actor_login) in raw {
        history.push(CaseEvent {
            at,
            actor,
            actor_login: Some(actor_login),
            kind,
            from: from.as_deref().map(parse_state).transpose()?,
            to: to.as_deref().map(parse_state).transpose()?,
            to_agent,
            note,
        });
    }
    Ok(Some(Case {
        id,
        number,
        reference,
        household_id,
        item_id,
        state: parse_state(&state)?,
        applicant_name,
        applicant_id_number: IdNumber::parse(&id_number)
            .map_err(|_| StoreError::Damaged("applicant id number".into()))?,
        village,
        agent_id,
        agent,
        agent_login,
        created_at,
        accepted_at,
        due_date: parse_day(due)?,
        materials,
        history,
    }))
}
