//! 好差评 records: a farmer's rating of a case (once per case) or of a visit without one (咨询),
//! and the follow-up every 差评 opens, all in one transaction.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::applications::CaseRules;
use super::{Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::application::CaseState;
use crate::domain::rating::{
    BadReason, RatingAnswer, RatingChannel, RatingLevel, RatingProblem, RatingRecord, follow_up_due,
};
use crate::domain::sync::event::Payload;

/// Whether a case can be rated now, on a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRatingStatus {
    /// The farmer may rate it now.
    Open,
    /// A rating was given already (一次一评).
    AlreadyRated,
    /// Not in a state this channel rates: the kiosk rates 已办结 cases; the desk's 评价器 rates a
    /// case once it is accepted or completed.
    NotYet(CaseState),
}

#[derive(Debug, thiserror::Error)]
pub enum RatingError {
    #[error("no such case")]
    UnknownCase,
    #[error("no such service item")]
    UnknownItem,
    #[error("this case was rated already")]
    AlreadyRated,
    #[error("this case cannot be rated yet ({0:?})")]
    NotYet(CaseState),
    #[error(transparent)]
    Answer(#[from] RatingProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for RatingError {
    fn from(error: rusqlite::Error) -> Self {
        RatingError::Store(error.into())
    }
}

/// The case states a channel rates.
pub fn rateable(channel: RatingChannel, state: CaseState) -> bool {
    match channel {
        RatingChannel::Kiosk => state == CaseState::Completed,
        RatingChannel::DeskRater => matches!(
            state,
            CaseState::Accepted
                | CaseState::InProgress
                | CaseState::ReportedToCounty
                | CaseState::Completed
        ),
    }
}

impl Store {
    /// Whether the case `case_id` can be rated on `channel` now.
    pub fn case_rating_status(
        &self,
        case_id: &str,
        channel: RatingChannel,
    ) -> std::result::Result<CaseRatingStatus, RatingError> {
        status_in(self.conn(), case_id, channel)
    }

    /// Records the farmer's answer for a case: a rating (at most one per case) or a skip
    /// (未评价). A 差评 opens its follow-up, due after the hall's working days.
    pub fn rate_case(
        &mut self,
        case_id: &str,
        channel: RatingChannel,
        answer: RatingAnswer,
        rules: &CaseRules<'_>,
        at: Timestamp,
    ) -> std::result::Result<Rated, RatingError> {
        let answer = answer.checked()?;
        let tx = self.write()?;
        match status_in(&tx, case_id, channel)? {
            CaseRatingStatus::Open => {}
            CaseRatingStatus::AlreadyRated => return Err(RatingError::AlreadyRated),
            CaseRatingStatus::NotYet(state) => return Err(RatingError::NotYet(state)),
        }
        let (number, item_id, agent_login): (Option<String>, String, String) = tx.query_row(
            "SELECT a.number, a.item_id, u.login FROM application a
             JOIN account u ON u.id = a.agent WHERE a.id = ?1",
            [case_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let window = rules.content.item(&item_id).map(|item| item.window);
        let rating = RatingRecord {
            id: uuid::Uuid::new_v4().to_string(),
            application: Some(case_id.to_owned()),
            case_number: number,
            item_id: Some(item_id),
            window,
            agent_login: Some(agent_login),
            channel,
            level: answer.level,
            reasons: answer.reasons,
            comment: answer.comment,
            contact: answer.contact,
            rated_at: at.to_rfc3339(),
            device: super::terminal::device_code_in(&tx)?
                .ok_or(StoreError::NoDeviceCode)?
                .as_str()
                .to_owned(),
        };
        let rated = insert(&tx, rating, rules, at)?;
        tx.commit()?;
        Ok(rated)
    }

    /// Records a rating of a visit without a case (咨询), optionally about one service item.
    pub fn rate_visit(
        &mut self,
        item_id: Option<&str>,
        channel: RatingChannel,
        answer: RatingAnswer,
        rules: &CaseRules<'_>,
        at: Timestamp,
    ) -> std::result::Result<Rated, RatingError> {
        let answer = answer.checked()?;
        let item = match item_id {
            Some(id) => Some(rules.content.item(id).ok_or(RatingError::UnknownItem)?),
            None => None,
        };
        let tx = self.write()?;
        let rating = RatingRecord {
            id: uuid::Uuid::new_v4().to_string(),
            application: None,
            case_number: None,
            item_id: item.map(|item| item.id.clone()),
            window: item.map(|item| item.window),
            agent_login: None,
            channel,
            level: answer.level,
            reasons: answer.reasons,
            comment: answer.comment,
            contact: answer.contact,
            rated_at: at.to_rfc3339(),
            device: super::terminal::device_code_in(&tx)?
                .ok_or(StoreError::NoDeviceCode)?
                .as_str()
                .to_owned(),
        };
        let rated = insert(&tx, rating, rules, at)?;
        tx.commit()?;
        Ok(rated)
    }

    /// The latest ratings, newest first.
    pub fn ratings(&self, limit: usize) -> Result<Vec<RatingRecord>> {
        let mut statement = self.conn().prepare(&format!(
            "SELECT {RATING_COLUMNS} FROM rating ORDER BY rated_at DESC, id LIMIT ?1"
        ))?;
        let rows = statement.query_map([limit as i64], rating_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The given rating of a case, if any.
    pub fn case_rating(&self, case_id: &str) -> Result<Option<RatingRecord>> {
        given_for_case(self.conn(), case_id)
    }
}

/// What recording an answer left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub rating: RatingRecord,
    /// The follow-up a 差评 opened.
    pub follow_up: Option<super::follow_ups::FollowUp>,
}

fn status_in(
    conn: &Connection,
    case_id: &str,
    channel: RatingChannel,
) -> std::result::Result<CaseRatingStatus, RatingError> {
    let state: Option<String> = conn
        .query_row(
            "SELECT state FROM application WHERE id = ?1",
            [case_id],
            |row| row.get(0),
        )
        .optional()?;
    let state = state.ok_or(RatingError::UnknownCase)?;
    let state = CaseState::from_code(&state)
        .ok_or_else(|| StoreError::Damaged(format!("case state {state:?}")))?;
    let rated: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM rating WHERE application = ?1 AND level IS NOT NULL)",
        [case_id],
        |row| row.get(0),
    )?;
    Ok(if rated {
        CaseRatingStatus::AlreadyRated
    } else if rateable(channel, state) {
        CaseRatingStatus::Open
    } else {
        CaseRatingStatus::NotYet(state)
    })
}

/// Records a rating given here: its row, its event for the other terminals and the county, and
/// the follow-up a 差评 opens (with its own event).
fn insert(
    tx: &Connection,
    rating: RatingRecord,
    rules: &CaseRules<'_>,
    at: Timestamp,
) -> std::result::Result<Rated, RatingError> {
    insert_row(tx, &rating)?;
    // The farmer gave it: no account acts.
    super::records::record(tx, at, None, &Payload::RatingRecorded(rating.clone()))?;
    let follow_up = if rating.level.is_some_and(RatingLevel::is_bad) {
        let due = follow_up_due(
            rules.calendar,
            at.date_naive(),
            rules.content.hall.follow_up_working_days,
        );
        Some(super::follow_ups::open(tx, &rating, due, at)?)
    } else {
        None
    };
    Ok(Rated { rating, follow_up })
}

/// Whether a rating with this id is stored here.
pub(super) fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM rating WHERE id = ?1)",
        [id],
        |row| row.get(0),
    )?)
}

/// The rating given for a case here, if any (skips are not ratings).
pub(super) fn given_for_case(conn: &Connection, case_id: &str) -> Result<Option<RatingRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {RATING_COLUMNS} FROM rating
                 WHERE application = ?1 AND level IS NOT NULL"
            ),
            [case_id],
            rating_row,
        )
        .optional()?)
}

/// Writes the rating's row (given here, or on another terminal of the hall).
pub(super) fn insert_row(tx: &Connection, rating: &RatingRecord) -> Result<()> {
    let reasons: Vec<&str> = rating.reasons.iter().map(|reason| reason.code()).collect();
    tx.execute(
        "INSERT INTO rating (id, application, case_number, item_id, window, agent_login, channel,
                             level, reasons, comment, contact, rated_at, device)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            rating.id,
            rating.application,
            rating.case_number,
            rating.item_id,
            rating.window,
            rating.agent_login,
            rating.channel.code(),
            rating.level.map(RatingLevel::code),
            super::json::to_json(&reasons)?,
            rating.comment,
            rating.contact,
            rating.rated_at,
            rating.device,
        ],
    )?;
    Ok(())
}

pub(super) const RATING_COLUMNS: &str = "id, application, case_number, item_id, window, agent_login, \
     channel, level, reasons, comment, contact, rated_at, device";

pub(super) fn rating_row(row: &Row<'_>) -> rusqlite::Result<RatingRecord> {
    let channel: String = row.get(6)?;
    let level: Option<String> = row.get(7)?;
    let reasons: String = row.get(8)?;
    let damaged = |what: String| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(StoreError::Damaged(what)),
        )
    };
    let codes: Vec<String> = serde_json::from_str(&reasons)
        .map_err(|_| damaged(format!("rating reasons {reasons:?}")))?;
    Ok(RatingRecord {
        id: row.get(0)?,
        application: row.get(1)?,
        case_number: row.get(2)?,
        item_id: row.get(3)?,
        window: row.get(4)?,
        agent_login: row.get(5)?,
        channel: RatingChannel::from_code(&channel)
            .ok_or_else(|| damaged(format!("rating channel {channel:?}")))?,
        level: match level {
            None => None,
            Some(code) => Some(
                RatingLevel::from_code(&code)
                    .ok_or_else(|| damaged(format!("rating level {code:?}")))?,
            ),
        },
        reasons: codes
            .iter()
            .map(|code| {
                BadReason::from_code(code).ok_or_else(|| damaged(format!("rating reason {code:?}")))
            })
            .collect::<rusqlite::Result<_>>()?,
        comment: row.get(9)?,
        contact: row.get(10)?,
        rated_at: row.get(11)?,
        device: row.get(12)?,
    })
}
