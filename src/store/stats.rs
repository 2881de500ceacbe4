//! Statistics counted in SQL: each query groups and sums, so only a few hundred grouped rows ever
//! reach Rust, however many cases the hall has. What the figures mean is in
//! [`crate::domain::stats`]; here they are counted, all in one read snapshot.
//!
//! Times are stored as RFC 3339 in the hall's time zone ("2026-03-05T09:30:00+08:00"), so a day's
//! rows are those whose text is at least "2026-03-05" and less than "2026-03-06".

use std::collections::BTreeMap;

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
        let counted = Counted {
            cases: case_groups(conn, &bounds)?,
            ratings: rating_groups(conn, &bounds)?,
            follow_ups: follow_ups(conn, &bounds, today)?,
            accepted_by_step: by_step(conn, ACCEPTED_BY_STEP, &bounds, period.step())?,
            completed_by_step: by_step(conn, COMPLETED_BY_STEP, &bounds, period.step())?,
            agents: agents(conn)?,
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

/// Case figures by (item, village, agent). ?1–?2: the period; ?3: the day after the as-of day;
/// ?4: the as-of day. A case is closed by the end of the as-of day when its `closed_at` is before
/// ?3; overdue is `due_date < as-of day` (domain::stats::is_overdue).
const CASE_GROUPS: &str = "
    SELECT g.item_id, g.village, u.login, g.accepted, g.completed, g.on_time, g.returned,
           g.refused, g.in_progress, g.overdue, g.awaiting
    FROM (
        SELECT a.item_id, a.village, a.agent,
            SUM(a.accepted_at >= ?1 AND a.accepted_at < ?2) AS accepted,
            SUM(a.state = 'completed' AND a.closed_at >= ?1 AND a.closed_at < ?2) AS completed,
            SUM(a.state = 'completed' AND a.closed_at >= ?1 AND a.closed_at < ?2
                AND substr(a.closed_at, 1, 10) <= a.due_date) AS on_time,
            SUM(a.state = 'returned' AND a.closed_at >= ?1 AND a.closed_at < ?2) AS returned,
            SUM(a.state = 'refused' AND a.closed_at >= ?1 AND a.closed_at < ?2) AS refused,
            SUM(a.accepted_at < ?3 AND (a.closed_at IS NULL OR a.closed_at >= ?3))
                AS in_progress,
            SUM(a.accepted_at < ?3 AND (a.closed_at IS NULL OR a.closed_at >= ?3)
                AND a.due_date < ?4) AS overdue,
            SUM(a.created_at < ?3 AND (a.accepted_at IS NULL OR a.accepted_at >= ?3)
                AND (a.closed_at IS NULL OR a.closed_at >= ?3)) AS awaiting
        FROM application a
        WHERE (a.accepted_at >= ?1 AND a.accepted_at < ?2)
           OR (a.closed_at >= ?1 AND a.closed_at < ?2)
           OR (a.created_at < ?3 AND (a.closed_at IS NULL OR a.closed_at >= ?3))
        GROUP BY a.item_id, a.village, a.agent
    ) AS g
    JOIN account u ON u.id = g.agent";

fn case_groups(conn: &Connection, bounds: &Bounds) -> Result<Vec<CaseGroup>> {
    let mut statement = conn.prepare(CASE_GROUPS)?;
    let rows = statement.query_map(
        params![bounds.from, bounds.until, bounds.after_as_of, bounds.as_of],
        |row| {
            let count = |index| {
                row.get::<_, Option<i64>>(index)
                    .map(|value| to_count(value.unwrap_or_default()))
            };
            Ok(CaseGroup {
                item_id: row.get(0)?,
                village: row.get(1)?,
                agent_login: row.get(2)?,
                cases: CaseFigures {
                    accepted: count(3)?,
                    completed: count(4)?,
                    completed_on_time: count(5)?,
                    returned: count(6)?,
                    refused: count(7)?,
                    in_progress: count(8)?,
                    overdue: count(9)?,
                    awaiting_correction: count(10)?,
                },
            })
        },
    )?;
    let groups: Vec<CaseGroup> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(groups
        .into_iter()
        .filter(|group| !group.cases.is_empty())
        .collect())
}

/// Ratings given in the period by what they name, level and whether an upheld appeal set them
/// aside.
const RATING_GROUPS: &str = "
    SELECT r.item_id, r.window, a.village, r.agent_login, r.level,
           COALESCE(f.appeal = 'upheld', 0) AS set_aside, COUNT(*)
    FROM rating r
    LEFT JOIN follow_up f ON f.rating = r.id
    LEFT JOIN application a ON a.id = r.application
    WHERE r.rated_at >= ?1 AND r.rated_at < ?2
    GROUP BY r.item_id, r.window, a.village, r.agent_login, r.level, set_aside";

fn rating_groups(conn: &Connection, bounds: &Bounds) -> Result<Vec<RatingGroup>> {
    let mut statement = conn.prepare(RATING_GROUPS)?;
    let rows = statement.query_map(params![bounds.from, bounds.until], |row| {
        Ok((
            RatingGroup {
                item_id: row.get(0)?,
                window: row.get(1)?,
                village: row.get(2)?,
                agent_login: row.get(3)?,
                level: None,
                set_aside: row.get(5)?,
                count: to_count(row.get(6)?),
            },
            row.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut groups = Vec::new();
    for row in rows {
        let (mut group, level) = row?;
        group.level = level
            .map(|code| {
                RatingLevel::from_code(&code)
                    .ok_or_else(|| StoreError::Damaged(format!("rating level {code}")))
            })
            .transpose()?;
        groups.push(group);
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
const COMPLETED_BY_STEP: &str = "
    SELECT substr(closed_at, 1, ?3), COUNT(*) FROM application
    WHERE state = 'completed' AND closed_at >= ?1 AND closed_at < ?2 GROUP BY 1";

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
    let mut statement = conn.prepare(sql)?;
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

fn agents(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut statement = conn.prepare("SELECT login, name FROM account")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn to_count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

#[cfg(test)]
mod tests;
