//! A county department decides a case (已办结 or 退回): the decision is an event in the hall's
//! stream, so it reaches every terminal of the hall on their next pull or USB reply.

use rusqlite::params;

use super::ingest::{store_event, update_view};
use super::store::application_by_number;
use super::{CountyError, CountyStore};
use crate::clock;
use crate::domain::application::{CaseState, Transition};
use crate::domain::sync::event::{CountyDecision, Payload};
use crate::sync::wire::{COUNTY_DEVICE, Event};

/// `done` → 已办结, `returned` → 退回.
pub fn parse_result(text: &str) -> Result<CaseState, CountyError> {
    match text.trim() {
        "done" | "completed" => Ok(CaseState::Completed),
        "returned" => Ok(CaseState::Returned),
        _ => Err(CountyError::BadResult),
    }
}

impl CountyStore {
    pub fn decide(
        &mut self,
        number: &str,
        result: CaseState,
        note: &str,
    ) -> Result<Event, CountyError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // The case's own hall, whose terminals alone receive the decision.
        let (id, hall, state, head) = application_by_number(&tx, number)?
            .ok_or_else(|| CountyError::UnknownCase(number.to_owned()))?;
        let state = CaseState::from_code(&state).unwrap_or(CaseState::Refused);
        if !state.is_open() {
            return Err(CountyError::Closed(number.to_owned()));
        }
        // The same rules as at the hall: a decision the hall could not apply is refused here.
        let transition = match result {
            CaseState::Completed => Transition::Complete,
            _ => Transition::Return,
        };
        if state.apply(transition).is_err() {
            return Err(CountyError::NotDecidable {
                number: number.to_owned(),
                state,
            });
        }
        let seq: i64 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM event WHERE hall = ?1 AND device = ?2",
            params![hall, COUNTY_DEVICE],
            |row| row.get(0),
        )?;
        let now = clock::now();
        let payload = Payload::CountyDecision(CountyDecision {
            application: id.clone(),
            number: number.to_owned(),
            result,
            note: note.trim().to_owned(),
            // Who a county decision names as its actor, in the halls' language.
            actor: crate::t!(crate::i18n::Language::ZhCn, "county-actor"),
        });
        let text = payload
            .encode()
            .map_err(|error| CountyError::Io(std::io::Error::other(error)))?;
        let event = Event {
            id: uuid::Uuid::new_v4().to_string(),
            hall,
            device: COUNTY_DEVICE.into(),
            seq: seq as u64,
            kind: payload.kind().code().into(),
            entity_id: id,
            base: Some(head),
            created_at: now.to_rfc3339(),
            payload: text,
        };
        store_event(&tx, &event, now, None)?;
        update_view(&tx, &event, &payload, now)?;
        tx.commit()?;
        Ok(event)
    }
}
