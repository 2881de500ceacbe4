//! Statistics counted in SQL: each query reads a covering index (migration 10) over the rows that
//! can count, and groups and sums them, so only a few thousand grouped rows ever reach Rust,
//! however many cases the hall has. What the figures mean is in [`crate::domain::stats`]; here
//! they are counted, all in one read snapshot.
//!
//! Times are stored as RFC 3339 in the hall's time zone ("2026-03-05T09:30:00+08:00"), so a day's
//! rows are those whose text is at least "2026-03-05" and less than "2026-03-06".
//!
//! Every case that counts for anything in a period was taken before the period ends, and is
//! either still open or was closed on or after its first day (a case accepted in the period
//! closes after that). The case figures therefore come from three ranges of `closed_at` in
//! `application_stats`: closed within the period, still open, and closed after the period (which
//! were in progress or awaiting correction at its end). Measured on 100,000 demo cases: a month
//! in tens of milliseconds, where reading the table took about a second.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{Result, Store, StoreError};
use crate::domain::Content;
use crate::domain::rating::RatingLevel;
use crate::domain::stats::{
    CaseFigures, CaseGroup, Counted, FollowUpFigures, Period, RatingGroup, Statistics, Step,
};

impl Store {
    /// Every statistic of `period`: the state of cases is taken at the end of its as-of day
    /// (`today` while the period runs). The public display asks for
    /// `statistics(&Period::today(today), today, content)` and
    /// `statistics(&Period::this_month(today), today, content)`.
    pub fn statistics(
        &self,
        period: &Period,
        today: NaiveDate,
        content: &Content,
    ) -> Result<Statistics> {
        let counted = self.count_statistics(period, today)?;
        Ok(Statistics::gather(*period, today, content, &counted))
    }

    /// What [`Store::statistics`] puts together, counted in one read transaction so every
    /// figure sees the same data.
    pub fn count_statistics(&self, period: &Period, today: NaiveDate) -> Result<Counted> {
        // Inside a caller's read (the public display reads everything at once) that read is
        // the snapshot; otherwise one is taken here.
        let snapshot = if self.conn().is_autocommit() {
            Some(self.conn().unchecked_transaction()?)
        } else {
            None
        };
        let conn = self.conn();
        let bounds = Bounds::of(period, today);
        let accounts = accounts(conn)?;
        let counted = Counted {
            cases: case_groups(conn, &bounds, &accounts)?,
            ratings: rating_groups(conn, &bounds)?,
            follow_ups: follow_ups(conn, &bounds, today)?,
            accepted_by_step: by_step(conn, ACCEPTED_BY_STEP, &bounds, period.step())?,
            completed_by_step: by_step(conn, COMPLETED_BY_STEP, &bounds, period.step())?,
            agents: accounts.into_values().collect(),
        };
        if let Some(snapshot) = snapshot {
            // Read only: ending it changes nothing.
            snapshot.rollback()?;
        }
        Ok(counted)
    }
}

/// The period as the text bounds the queries compare stored times with.
struct Bounds {
    /// The first day: "2026-03-01".
    from: String,
    /// The day after the last: "2026-04-01".
    until: String,
    /// The as-of day, and the day after it.
    as_of: String,
    after_as_of: String,
}

impl Bounds {
    fn of(period: &Period, today: NaiveDate) -> Bounds {
        let after = |day: NaiveDate| {
            day.succ_opt()
                .map_or_else(|| "9999-12-32".to_owned(), |next| next.to_string())
        };
        let as_of = period.as_of(today);
        Bounds {
            from: period.first().to_string(),
            until: after(period.last()),
            as_of: as_of.to_string(),
            after_as_of: after(as_of),
        }
    }
}

/// Cases closed in the period (?1–?2): completed (and of those on time), returned, refused, and
/// which of them were also accepted in it. (The unary + keeps SQLite on the `closed_at` range
/// rather than the index on the time of taking.)
const CASES_CLOSED: &str = "
    SELECT item_id, village, agent,
        SUM(COALESCE(accepted_at >= ?1, 0)),
        SUM(state = 'completed'),
        SUM(state = 'completed' AND substr(closed_at, 1, 10) <= due_date),
        SUM(state = 'returned'),
        SUM(state = 'refused')
    FROM application
    WHERE closed_at >= ?1 AND closed_at < ?2 AND +created_at < ?2
    GROUP BY item_id, village, agent";

/// Cases not closed by the end of the period: accepted in it, in progress or overdue at the end
/// of the as-of day (?3 the day after it, ?4 the day), or awaiting correction then. `{closed}` is
/// one of the two ranges: still open, or closed after the period.
const CASES_NOT_CLOSED: &str = "
    SELECT item_id, village, agent,
        SUM(COALESCE(accepted_at >= ?1 AND accepted_at < ?2, 0)),
        SUM(COALESCE(accepted_at < ?3, 0)),
        SUM(COALESCE(accepted_at < ?3 AND due_date < ?4, 0)),
        SUM(created_at < ?3 AND (accepted_at IS NULL OR accepted_at >= ?3))
    FROM application
    WHERE {closed} AND +created_at < ?2
    GROUP BY item_id, village, agent";

static CASES_OPEN: LazyLock<String> =
    LazyLock::new(|| CASES_NOT_CLOSED.replace("{closed}", "closed_at IS NULL"));
static CASES_CLOSED_LATER: LazyLock<String> =
    LazyLock::new(|| CASES_NOT_CLOSED.replace("{closed}", "closed_at >= ?2"));

/// Case figures by (item, village, agent's login), the three ranges added together.
fn case_groups(
    conn: &Connection,
    bounds: &Bounds,
    accounts: &BTreeMap<i64, (String, String)>,
) -> Result<Vec<CaseGroup>> {
    let mut groups: BTreeMap<(String, String, i64), CaseFigures> = BTreeMap::new();
    let mut statement = conn.prepare_cached(CASES_CLOSED)?;
    let mut rows = statement.query(params![bounds.from, bounds.until])?;
    while let Some(row) = rows.next()? {
        let figures = groups
            .entry((row.get(0)?, row.get(1)?, row.get(2)?))
            .or_default();
        figures.accepted += count(row, 3)?;
        figures.completed += count(row, 4)?;
        figures.completed_on_time += count(row, 5)?;
        figures.returned += count(row, 6)?;
        figures.refused += count(row, 7)?;
    }
    for sql in [&*CASES_OPEN, &*CASES_CLOSED_LATER] {
        let mut statement = conn.prepare_cached(sql)?;
        let mut rows = statement.query(params![
            bounds.from,
            bounds.until,
            bounds.after_as_of,
            bounds.as_of
        ])?;
        while let Some(row) = rows.next()? {
            let figures = groups
                .entry((row.get(0)?, row.get(1)?, row.get(2)?))
                .or_default();
            figures.accepted += count(row, 3)?;
            figures.in_progress += count(row, 4)?;
            figures.overdue += count(row, 5)?;
            figures.awaiting_correction += count(row, 6)?;
        }
    }
    let mut found = Vec::with_capacity(groups.len());
    for ((item_id, village, agent), cases) in groups {
        if cases.is_empty() {
            continue;
        }
        let (login, _) = accounts
            .get(&agent)
            .ok_or_else(|| StoreError::Damaged(format!("case agent {agent}")))?;
        found.push(CaseGroup {
            item_id,
            village,
            agent_login: login.clone(),
            cases,
        });
    }
    Ok(found)
}

/// A sum column: NULL (no row) counts as nothing.
fn count(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<u64> {
    Ok(to_count(
        row.get::<_, Option<i64>>(index)?.unwrap_or_default(),
    ))
}

/// Ratings given in the period by what they name and their level, read from the covering index
/// `rating_stats`.
const RATING_GROUPS: &str = "
    SELECT item_id, window, agent_login, level, COUNT(*)
    FROM rating
    WHERE rated_at >= ?1 AND rated_at < ?2
    GROUP BY item_id, window, agent_login, level";

/// Of those, the ratings an upheld appeal set aside: few, so read through the follow-ups (CROSS
/// JOIN keeps that order; SQLite would otherwise walk the period's ratings, 25 times slower).
const SET_ASIDE_GROUPS: &str = "
    SELECT r.item_id, r.window, r.agent_login, r.level, COUNT(*)
    FROM follow_up f
    CROSS JOIN rating r ON r.id = f.rating
    WHERE f.appeal = 'upheld' AND r.rated_at >= ?1 AND r.rated_at < ?2
    GROUP BY r.item_id, r.window, r.agent_login, r.level";

/// What a group of ratings names (item, window, agent), and its level.
type RatingKey = (Option<String>, Option<u32>, Option<String>, Option<String>);

fn rating_counts(conn: &Connection, sql: &str, bounds: &Bounds) -> Result<Vec<(RatingKey, u64)>> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params![bounds.from, bounds.until], |row| {
        Ok((
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?),
            to_count(row.get(4)?),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The period's ratings by group, those set aside by an upheld appeal counted apart.
fn rating_groups(conn: &Connection, bounds: &Bounds) -> Result<Vec<RatingGroup>> {
    let mut counts: BTreeMap<(RatingKey, bool), u64> = rating_counts(conn, RATING_GROUPS, bounds)?
        .into_iter()
        .map(|(key, count)| ((key, false), count))
        .collect();
    for (key, count) in rating_counts(conn, SET_ASIDE_GROUPS, bounds)? {
        if let Some(all) = counts.get_mut(&(key.clone(), false)) {
            *all = all.saturating_sub(count);
        }
        *counts.entry((key, true)).or_default() += count;
    }
    let mut groups = Vec::with_capacity(counts.len());
    for (((item_id, window, agent_login, level), set_aside), count) in counts {
        if count == 0 {
            continue;
        }
        let level = level
            .map(|code| {
                RatingLevel::from_code(&code)
                    .ok_or_else(|| StoreError::Damaged(format!("rating level {code}")))
            })
            .transpose()?;
        groups.push(RatingGroup {
            item_id,
            window,
            agent_login,
            level,
            set_aside,
            count,
        });
    }
    Ok(groups)
}

fn follow_ups(conn: &Connection, bounds: &Bounds, today: NaiveDate) -> Result<FollowUpFigures> {
    let (opened, closed): (i64, Option<i64>) = conn.query_row(
        "SELECT COUNT(*), SUM(stage = 'closed') FROM follow_up
         WHERE opened_at >= ?1 AND opened_at < ?2",
        params![bounds.from, bounds.until],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let (open, overdue): (i64, Option<i64>) = conn.query_row(
        "SELECT COUNT(*), SUM(due_date < ?1) FROM follow_up WHERE stage <> 'closed'",
        [today.to_string()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(FollowUpFigures {
        opened: to_count(opened),
        closed: to_count(closed.unwrap_or_default()),
        open: to_count(open),
        overdue: to_count(overdue.unwrap_or_default()),
    })
}

/// Cases accepted in the period, by day ("2026-03-05") or month ("2026-03"): ?3 is the length
/// of the key.
const ACCEPTED_BY_STEP: &str = "
    SELECT substr(accepted_at, 1, ?3), COUNT(*) FROM application
    WHERE accepted_at >= ?1 AND accepted_at < ?2 GROUP BY 1";
/// (The unary + keeps SQLite on the `closed_at` range of `application_stats` rather than
/// walking every completed case through the state index.)
const COMPLETED_BY_STEP: &str = "
    SELECT substr(closed_at, 1, ?3), COUNT(*) FROM application
    WHERE closed_at >= ?1 AND closed_at < ?2 AND +state = 'completed' GROUP BY 1";

fn by_step(
    conn: &Connection,
    sql: &str,
    bounds: &Bounds,
    step: Step,
) -> Result<BTreeMap<NaiveDate, u64>> {
    let length = match step {
        Step::Day => 10,
        Step::Month => 7,
    };
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params![bounds.from, bounds.until, length], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    let mut counts = BTreeMap::new();
    for row in rows {
        let (key, count) = row?;
        let day = match step {
            Step::Day => key.parse(),
            Step::Month => format!("{key}-01").parse(),
        }
        .map_err(|_| StoreError::Damaged(format!("stored time {key}")))?;
        counts.insert(day, to_count(count));
    }
    Ok(counts)
}

/// Every account by id: its login and name.
fn accounts(conn: &Connection) -> Result<BTreeMap<i64, (String, String)>> {
    let mut statement = conn.prepare_cached("SELECT id, login, name FROM account")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn to_count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

#[cfg(test)]
mod tests;
