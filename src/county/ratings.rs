//! 好差评 at the county: which ratings and follow-ups a terminal may send (its own hall's, of
//! cases the county knows in that hall, one rating given per case), the county's view of them
//! (follow-ups merged from their snapshots, as at the hall), and their figures for
//! `county stats`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::devices::Device;
use crate::domain::follow_up::FollowUpRecord;
use crate::domain::rating::{FollowUpStage, RatingAnswer, RatingLevel, RatingRecord, satisfaction};

/// Ok when `device` may send this rating; otherwise the reason.
pub(super) fn check_rating(
    conn: &Connection,
    device: &Device,
    rating: &RatingRecord,
) -> Result<(), String> {
    let db = |error: rusqlite::Error| format!("county database: {error}");
    let answer = RatingAnswer {
        level: rating.level,
        reasons: rating.reasons.clone(),
        comment: rating.comment.clone(),
        contact: rating.contact.clone(),
    };
    match answer.clone().checked() {
        Ok(tidy) if tidy == answer => {}
        Ok(_) => return Err(format!("rating {} was not tidied as given", rating.id)),
        Err(problem) => return Err(format!("rating {}: {problem}", rating.id)),
    }
    if chrono::DateTime::parse_from_rfc3339(&rating.rated_at).is_err() {
        return Err(format!(
            "rating {}: rated_at is not an RFC 3339 time",
            rating.id
        ));
    }
    if rating.device != device.code {
        return Err(format!(
            "rating {} was given on terminal {}, not on terminal {}",
            rating.id, rating.device, device.code
        ));
    }
    let known: Option<String> = conn
        .prepare_cached("SELECT hall FROM rating WHERE id = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([&rating.id], |row| row.get(0))
                .optional()
        })
        .map_err(db)?;
    match known {
        Some(hall) if hall != device.hall => {
            return Err(format!("rating {} belongs to another hall", rating.id));
        }
        Some(_) => return Err(format!("rating {} was recorded already", rating.id)),
        None => {}
    }
    let Some(case_id) = &rating.application else {
        // A visit without a case (咨询) is the sending hall's by its token.
        return Ok(());
    };
    let case: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT hall, number FROM application WHERE id = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([case_id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
        })
        .map_err(db)?;
    let (hall, number) =
        case.ok_or_else(|| format!("case {case_id} is not known to the county"))?;
    if hall != device.hall {
        return Err(format!("case {case_id} belongs to another hall"));
    }
    if let (Some(rated), Some(number)) = (&rating.case_number, &number)
        && rated != number
    {
        return Err(format!("case {case_id} has number {number}, not {rated}"));
    }
    if rating.level.is_some() {
        let rated: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM rating WHERE application = ?1 AND level IS NOT NULL)",
            )
            .and_then(|mut statement| statement.query_row([case_id], |row| row.get(0)))
            .map_err(db)?;
        if rated {
            return Err(format!("case {case_id} was rated already (一次一评)"));
        }
    }
    Ok(())
}

/// Ok when `device` may send this follow-up: the 差评 it follows is its own hall's.
pub(super) fn check_follow_up(
    conn: &Connection,
    device: &Device,
    follow_up: &FollowUpRecord,
) -> Result<(), String> {
    let db = |error: rusqlite::Error| format!("county database: {error}");
    if follow_up.closed_at.is_some() != (follow_up.stage == FollowUpStage::Closed) {
        return Err(format!(
            "follow-up {} is {} with closed_at {:?}",
            follow_up.id,
            follow_up.stage.code(),
            follow_up.closed_at
        ));
    }
    let rating: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT hall, level FROM rating WHERE id = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([&follow_up.rating], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
        })
        .map_err(db)?;
    let (hall, level) =
        rating.ok_or_else(|| format!("rating {} is not known to the county", follow_up.rating))?;
    if hall != device.hall {
        return Err(format!(
            "rating {} belongs to another hall",
            follow_up.rating
        ));
    }
    if !level
        .as_deref()
        .and_then(RatingLevel::from_code)
        .is_some_and(RatingLevel::is_bad)
    {
        return Err(format!("rating {} is not a 差评", follow_up.rating));
    }
    let other: Option<String> = conn
        .prepare_cached("SELECT id FROM follow_up WHERE rating = ?1 AND id <> ?2")
        .and_then(|mut statement| {
            statement
                .query_row(params![follow_up.rating, follow_up.id], |row| row.get(0))
                .optional()
        })
        .map_err(db)?;
    if let Some(other) = other {
        return Err(format!(
            "rating {} is followed up as {other} already",
            follow_up.rating
        ));
    }
    let known: Option<String> = conn
        .prepare_cached("SELECT rating FROM follow_up WHERE id = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([&follow_up.id], |row| row.get(0))
                .optional()
        })
        .map_err(db)?;
    match known {
        Some(rating) if rating != follow_up.rating => Err(format!(
            "follow-up {} follows rating {rating}, not {}",
            follow_up.id, follow_up.rating
        )),
        _ => Ok(()),
    }
}

/// Adds an accepted rating to the county's view.
pub(super) fn add_rating(
    conn: &Connection,
    hall: &str,
    event_id: &str,
    rating: &RatingRecord,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO rating (id, hall, application, case_number, item_id, window,
            agent_login, channel, level, rated_at, device, event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        rating.id,
        hall,
        rating.application,
        rating.case_number,
        rating.item_id,
        rating.window,
        rating.agent_login,
        rating.channel.code(),
        rating.level.map(RatingLevel::code),
        rating.rated_at,
        rating.device,
        event_id
    ])?;
    Ok(())
}

/// Merges an accepted follow-up snapshot into the county's view, as the hall's terminals do.
pub(super) fn merge_follow_up(
    conn: &Connection,
    hall: &str,
    incoming: &FollowUpRecord,
) -> rusqlite::Result<()> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT snapshot FROM follow_up WHERE id = ?1")?
        .query_row([&incoming.id], |row| row.get(0))
        .optional()?;
    // A stored snapshot this build cannot read (never written by it) gives way to the new one.
    let merged = match stored.and_then(|text| serde_json::from_str::<FollowUpRecord>(&text).ok()) {
        Some(ours) => ours.merged(incoming),
        None => incoming.clone(),
    };
    let snapshot = serde_json::to_string(&merged)
        .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))?;
    conn.prepare_cached(
        "INSERT INTO follow_up (id, hall, rating, stage, due_date, closed_at, appeal, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET stage = excluded.stage, due_date = excluded.due_date,
            closed_at = excluded.closed_at, appeal = excluded.appeal,
            snapshot = excluded.snapshot",
    )?
    .execute(params![
        merged.id,
        hall,
        merged.rating,
        merged.stage.code(),
        merged.due_date.to_string(),
        merged.closed_at,
        merged.appeal.as_ref().map(|appeal| appeal.state.code()),
        snapshot
    ])?;
    Ok(())
}

/// Ratings by level, best first (as `RatingLevel::code` names them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LevelCounts {
    pub very_satisfied: u64,
    pub satisfied: u64,
    pub basically_satisfied: u64,
    pub dissatisfied: u64,
    pub very_dissatisfied: u64,
}

impl LevelCounts {
    fn add(&mut self, level: RatingLevel, count: u64) {
        *match level {
            RatingLevel::VerySatisfied => &mut self.very_satisfied,
            RatingLevel::Satisfied => &mut self.satisfied,
            RatingLevel::BasicallySatisfied => &mut self.basically_satisfied,
            RatingLevel::Dissatisfied => &mut self.dissatisfied,
            RatingLevel::VeryDissatisfied => &mut self.very_dissatisfied,
        } += count;
    }

    pub fn given(&self) -> u64 {
        self.very_satisfied
            + self.satisfied
            + self.basically_satisfied
            + self.dissatisfied
            + self.very_dissatisfied
    }

    pub fn bad(&self) -> u64 {
        self.dissatisfied + self.very_dissatisfied
    }
}

/// 好差评 of every hall together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RatingStats {
    /// Ratings given, by level; those set aside by an upheld appeal are left out.
    pub ratings: LevelCounts,
    /// Skipped (未评价).
    pub unrated: u64,
    /// Set aside by an upheld appeal (申诉复核).
    pub set_aside: u64,
    /// 满意度: the share of the counted ratings that are not 差评 (None: no rating).
    pub satisfaction: Option<f64>,
    pub follow_ups_open: u64,
    pub follow_ups_closed: u64,
    /// Open after their due date.
    pub follow_ups_overdue: u64,
    /// Closed follow-ups over all of them (None: no follow-up).
    pub follow_up_completion: Option<f64>,
}

/// Counts the county's ratings and follow-ups, overdue as of `today`.
pub(super) fn stats(conn: &Connection, today: NaiveDate) -> rusqlite::Result<RatingStats> {
    let mut stats = RatingStats::default();
    let mut statement = conn.prepare(
        "SELECT r.level, COALESCE(f.appeal = 'upheld', 0), COUNT(*)
         FROM rating r LEFT JOIN follow_up f ON f.rating = r.id
         GROUP BY 1, 2",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, Option<String>>(0)?,
            row.get::<_, bool>(1)?,
            row.get::<_, i64>(2)? as u64,
        ))
    })?;
    for row in rows {
        let (level, upheld, count) = row?;
        match level.as_deref().map(RatingLevel::from_code) {
            None => stats.unrated += count,
            // A level this build does not know is not counted as any of the five.
            Some(None) => {}
            Some(Some(_)) if upheld => stats.set_aside += count,
            Some(Some(level)) => stats.ratings.add(level, count),
        }
    }
    stats.satisfaction = satisfaction(stats.ratings.given(), stats.ratings.bad());
    let (open, closed, overdue): (i64, i64, i64) = conn.query_row(
        "SELECT COALESCE(SUM(stage <> 'closed'), 0), COALESCE(SUM(stage = 'closed'), 0),
                COALESCE(SUM(stage <> 'closed' AND due_date < ?1), 0)
         FROM follow_up",
        [today.to_string()],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    stats.follow_ups_open = open as u64;
    stats.follow_ups_closed = closed as u64;
    stats.follow_ups_overdue = overdue as u64;
    let all = stats.follow_ups_open + stats.follow_ups_closed;
    stats.follow_up_completion = (all > 0).then(|| stats.follow_ups_closed as f64 / all as f64);
    Ok(stats)
}
