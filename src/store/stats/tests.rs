//! The statistics against a hand-counted fixture (tests/fixtures/stats-march-2026.sql): every
//! expected figure below is counted by hand from the rows there.

use chrono::NaiveDate;

use super::super::Store;
use crate::domain::Content;
use crate::domain::rating::RatingLevel;
use crate::domain::stats::{CaseFigures, Period, Statistics, is_overdue};

const FIXTURE: &str = include_str!("../../../tests/fixtures/stats-march-2026.sql");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hall() -> (Store, Content) {
    let content = crate::content::shipped().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.replace_content(&content).unwrap();
    store.conn().execute_batch(FIXTURE).unwrap();
    (store, content)
}

fn stats(period: Period, today: NaiveDate) -> Statistics {
    let (store, content) = hall();
    store.statistics(&period, today, &content).unwrap()
}

#[test]
fn march_as_of_the_17th_matches_the_hand_count() {
    let today = day(2026, 3, 17);
    let march = stats(Period::this_month(today), today);
    assert_eq!(march.as_of, today);
    assert_eq!(
        march.cases,
        CaseFigures {
            // c1, c3, c4, c5, c10, c11 (c2 was accepted in February)
            accepted: 6,
            // c1, c2, c11; only c1 by its due date
            completed: 3,
            completed_on_time: 1,
            returned: 1,
            refused: 1,
            // c3, c4, c8, c10 (c11 was completed on the 17th)
            in_progress: 4,
            // c4 (due the 16th) and c8; c3 is due on the 17th itself
            overdue: 2,
            // c7
            awaiting_correction: 1,
        }
    );
    assert_eq!(march.cases.on_time_rate(), Some(1.0 / 3.0));
}

#[test]
fn the_satisfaction_leaves_out_skips_and_upheld_appeals() {
    let today = day(2026, 3, 17);
    let march = stats(Period::this_month(today), today);
    let ratings = march.ratings;
    assert_eq!(ratings.of(RatingLevel::VerySatisfied), 1); // r1
    assert_eq!(ratings.of(RatingLevel::Satisfied), 1); // r5, a 咨询
    assert_eq!(ratings.of(RatingLevel::BasicallySatisfied), 1); // r6
    assert_eq!(ratings.of(RatingLevel::Dissatisfied), 2); // r3, r9
    assert_eq!(ratings.of(RatingLevel::VeryDissatisfied), 1); // r8; r4 is set aside
    assert_eq!(ratings.unrated, 1); // r2
    assert_eq!(ratings.set_aside, 1); // r4
    assert_eq!((ratings.given(), ratings.bad()), (6, 3));
    assert_eq!(ratings.satisfaction(), Some(0.5));
    // f1, f2, f3, f4 opened in March, f1 closed; open now: f0, f2, f3, f4; past due on the
    // 17th: f0 and f3 (f4 is due that day).
    let follow_ups = march.follow_ups;
    assert_eq!(
        (
            follow_ups.opened,
            follow_ups.closed,
            follow_ups.open,
            follow_ups.overdue
        ),
        (4, 1, 4, 2)
    );
    assert_eq!(follow_ups.completion(), Some(0.25));
}

#[test]
fn a_past_month_is_taken_at_its_last_day() {
    let february = stats(Period::month_of(day(2026, 2, 1)), day(2026, 3, 17));
    assert_eq!(february.as_of, day(2026, 2, 28));
    assert_eq!(
        february.cases,
        CaseFigures {
            accepted: 1,
            // c2 (due the 25th, completed in March) and c8, both overdue then
            in_progress: 2,
            overdue: 2,
            ..CaseFigures::default()
        }
    );
    assert_eq!(february.ratings.given(), 0);
    assert_eq!(february.ratings.unrated, 1); // r7
    assert_eq!(february.ratings.satisfaction(), None);
}

#[test]
fn on_the_boundary_day_a_case_due_that_day_is_not_overdue() {
    // The 16th: c4 and c11 are due that day and still open at its end; only c8 is overdue.
    let sixteenth = stats(Period::day(day(2026, 3, 16)), day(2026, 3, 17));
    assert_eq!(sixteenth.as_of, day(2026, 3, 16));
    assert_eq!(
        sixteenth.cases,
        CaseFigures {
            in_progress: 4, // c3, c4, c8, c11
            overdue: 1,     // c8
            awaiting_correction: 1,
            ..CaseFigures::default()
        }
    );
    // The day after, c4 is overdue (c11 was completed that morning).
    let seventeenth = stats(Period::day(day(2026, 3, 17)), day(2026, 3, 17));
    assert_eq!(seventeenth.cases.overdue, 2);
    assert_eq!(seventeenth.cases.accepted, 1); // c10, at 16:00
    assert_eq!(seventeenth.cases.completed, 1); // c11
    // The SQL and the domain's rule agree on c4's due date.
    assert!(!is_overdue(day(2026, 3, 16), day(2026, 3, 16)));
    assert!(is_overdue(day(2026, 3, 16), day(2026, 3, 17)));
}

#[test]
fn a_year_and_a_custom_period_count_their_own_days() {
    let today = day(2026, 3, 17);
    let year = stats(Period::year_of(today), today);
    assert_eq!(year.cases.accepted, 8); // and c2, c9
    assert_eq!(year.cases.completed, 4); // and c9
    assert_eq!(year.cases.completed_on_time, 2);
    assert_eq!(year.cases.in_progress, 4);
    assert_eq!(year.ratings.given(), 7); // and r0 in January
    let points: Vec<(u64, u64)> = year
        .series
        .points
        .iter()
        .take(4)
        .map(|p| (p.accepted, p.completed))
        .collect();
    assert_eq!(points, [(1, 1), (1, 0), (6, 3), (0, 0)]);
    assert_eq!(year.series.points.len(), 12);

    let first_half = Period::custom(day(2026, 3, 1), day(2026, 3, 16)).unwrap();
    let half = stats(first_half, today);
    assert_eq!(half.as_of, day(2026, 3, 16));
    assert_eq!(half.cases.accepted, 5); // not c10
    assert_eq!(half.cases.completed, 2); // not c11
    assert_eq!(half.cases.overdue, 1); // c8 only
}

#[test]
fn the_month_s_series_and_breakdowns_match_the_hand_count() {
    let today = day(2026, 3, 17);
    let (store, content) = hall();
    let march = store
        .statistics(&Period::this_month(today), today, &content)
        .unwrap();
    let accepted: Vec<(u32, u64)> = march
        .series
        .points
        .iter()
        .filter(|p| p.accepted > 0)
        .map(|p| (chrono::Datelike::day(&p.start), p.accepted))
        .collect();
    assert_eq!(accepted, [(2, 1), (5, 1), (9, 2), (10, 1), (17, 1)]);
    let completed: Vec<(u32, u64)> = march
        .series
        .points
        .iter()
        .filter(|p| p.completed > 0)
        .map(|p| (chrono::Datelike::day(&p.start), p.completed))
        .collect();
    assert_eq!(completed, [(3, 1), (4, 1), (17, 1)]);

    let (first, second) = (&content.items[0], &content.items[1]);
    let item = |id: &str| march.items.iter().find(|l| l.key == id).unwrap();
    let i1 = item(&first.id);
    assert_eq!(
        (
            i1.cases.accepted,
            i1.cases.completed,
            i1.cases.in_progress,
            i1.cases.overdue
        ),
        (4, 3, 2, 1)
    );
    let i2 = item(&second.id);
    assert_eq!(
        (i2.cases.accepted, i2.cases.in_progress, i2.cases.overdue),
        (2, 2, 1)
    );
    assert_eq!(march.items[0].key, first.id, "most accepted first");
    assert_eq!(i1.name, first.name);

    let villages: Vec<(&str, u64, u64)> = march
        .villages
        .iter()
        .map(|l| (l.key.as_str(), l.cases.accepted, l.cases.in_progress))
        .collect();
    // V1: c1, c4, c11 accepted, c4 and c8 in progress; V2: c3, c5, c10, and c3, c10.
    let (v1, v2) = (&content.villages[0].name, &content.villages[1].name);
    assert_eq!(villages, [(v1.as_str(), 3, 2), (v2.as_str(), 3, 2)]);

    let agent = |login: &str| march.agents.iter().find(|l| l.key == login).unwrap();
    let zhao = agent("agent01");
    assert_eq!(zhao.name, "赵喆");
    assert_eq!(
        (
            zhao.cases.accepted,
            zhao.ratings.given(),
            zhao.ratings.bad()
        ),
        (5, 4, 2)
    );
    let zhang = agent("admin01");
    assert_eq!(
        (
            zhang.cases.accepted,
            zhang.ratings.given(),
            zhang.ratings.bad()
        ),
        (1, 1, 1)
    );

    // Windows: the items' windows add up to the total.
    let by_window: u64 = march.windows.iter().map(|l| l.cases.accepted).sum();
    assert_eq!(by_window, 6);
    let window_one = march.windows.iter().find(|l| l.key == "1");
    // r5, the 咨询 at window 1, counts there.
    assert!(window_one.is_some_and(|line| line.ratings.of(RatingLevel::Satisfied) >= 1));
}

/// The steps of SQLite's plan for `sql`.
fn plan(store: &Store, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<String> {
    store
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(params, |row| row.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn the_statistics_read_covering_indexes_never_the_tables() {
    let (store, _) = hall();
    let period: [&dyn rusqlite::ToSql; 4] =
        [&"2026-03-01", &"2026-04-01", &"2026-03-18", &"2026-03-17"];
    let steps: [&dyn rusqlite::ToSql; 3] = [&"2026-03-01", &"2026-04-01", &10];
    let queries: [(&str, &[&dyn rusqlite::ToSql], &str); 6] = [
        (super::CASES_CLOSED, &period[..2], "application_stats"),
        (&super::CASES_OPEN, &period, "application_stats"),
        (&super::CASES_CLOSED_LATER, &period, "application_stats"),
        (super::RATING_GROUPS, &period[..2], "rating_stats"),
        (super::ACCEPTED_BY_STEP, &steps, "application_accepted"),
        (super::COMPLETED_BY_STEP, &steps, "application_stats"),
    ];
    for (sql, params, index) in queries {
        let steps = plan(&store, sql, params);
        let reads: Vec<&String> = steps
            .iter()
            .filter(|step| step.starts_with("SEARCH") || step.starts_with("SCAN"))
            .collect();
        assert_eq!(reads.len(), 1, "{steps:?}");
        assert!(
            reads[0].starts_with("SEARCH") && reads[0].contains(&format!("COVERING INDEX {index}")),
            "{sql}: {steps:?}"
        );
    }
    // The set-aside ratings are few: found through the follow-ups, never the period's ratings.
    let set_aside = plan(&store, super::SET_ASIDE_GROUPS, &period[..2]);
    assert!(set_aside[0].starts_with("SCAN f"), "{set_aside:?}");
    assert!(
        set_aside[1].starts_with("SEARCH r") && set_aside[1].contains("(id=?)"),
        "{set_aside:?}"
    );
}
