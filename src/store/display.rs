//! What the public display reads: whether anything changed since it last looked, and the hall's
//! figures for the day and the month (taken from the hall's statistics, so the wall and the
//! desk's 统计 never disagree).

use chrono::NaiveDate;

use super::{Result, Store};
use crate::domain::Content;
use crate::domain::display::DisplayFigures;
use crate::domain::stats::Period;

impl Store {
    /// A number that changes whenever ANOTHER connection (the desk, a sync, the command line)
    /// commits to the database: reading it costs no table access.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// Runs `read` in one read transaction, so everything it reads is from the same moment
    /// (never half of a content replacement).
    pub fn read_at_once<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let transaction = self.conn().unchecked_transaction()?;
        let value = read(self)?;
        transaction.commit()?;
        Ok(value)
    }

    /// Today's and this month's accepted and completed cases and the month's 满意度, as
    /// [`Store::statistics`] counts them (see `domain::stats` for what each means).
    pub fn display_figures(&self, today: NaiveDate, content: &Content) -> Result<DisplayFigures> {
        let day = self.statistics(&Period::today(today), today, content)?;
        let month = self.statistics(&Period::this_month(today), today, content)?;
        Ok(DisplayFigures {
            accepted_today: day.cases.accepted,
            completed_today: day.cases.completed,
            accepted_month: month.cases.accepted,
            completed_month: month.cases.completed,
            satisfaction_month: month.ratings.satisfaction(),
        })
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::params;

    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// An application row as the desk leaves it (the other tables' rules are not the point).
    fn case(store: &Store, id: &str, state: &str, accepted: Option<&str>, closed: Option<&str>) {
        store
            .conn()
            .execute(
                "INSERT INTO application (id, request_key, household, applicant_name,
                    applicant_id_number, village, item_id, state, agent, created_at, accepted_at,
                    closed_at)
                 VALUES (?1, ?1, 'h1', '王堃', '34052419800101001X', '上里塬村', 'birth-registration',
                    ?2, 1, '2026-11-01T08:00:00+08:00', ?3, ?4)",
                params![id, state, accepted, closed],
            )
            .unwrap();
    }

    fn rating(store: &Store, id: &str, level: Option<&str>, at: &str, appeal: Option<&str>) {
        store
            .conn()
            .execute(
                "INSERT INTO rating (id, channel, level, rated_at, device)
                 VALUES (?1, 'kiosk', ?2, ?3, '01')",
                params![id, level, at],
            )
            .unwrap();
        if let Some(appeal) = appeal {
            store
                .conn()
                .execute(
                    "INSERT INTO follow_up (id, rating, stage, due_date, opened_at, appeal)
                     VALUES (?1, ?1, 'closed', '2026-12-09', ?2, ?3)",
                    params![id, at, appeal],
                )
                .unwrap();
        }
    }

    fn store() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO account (id, login, name, phone, password_hash, role, status, created_at)
                 VALUES (1, 'agent01', '赵喆', '13800000001', '-', 'agent', 'active',
                         '2026-11-01T08:00:00+08:00');",
            )
            .unwrap();
        store
    }

    #[test]
    fn figures_count_the_day_and_the_month_by_the_halls_own_dates() {
        let store = store();
        let today = day("2026-12-02");
        case(
            &store,
            "a",
            "accepted",
            Some("2026-12-02T09:00:00+08:00"),
            None,
        );
        case(
            &store,
            "b",
            "completed",
            Some("2026-12-01T09:00:00+08:00"),
            Some("2026-12-02T17:59:59+08:00"),
        );
        // Closed today, but returned: not completed.
        case(
            &store,
            "c",
            "returned",
            Some("2026-12-02T10:00:00+08:00"),
            Some("2026-12-02T11:00:00+08:00"),
        );
        // Accepted last month; completed at the first moment of tomorrow (this month, not today).
        case(
            &store,
            "d",
            "completed",
            Some("2026-11-30T23:59:59+08:00"),
            Some("2026-12-03T00:00:00+08:00"),
        );
        // Still a draft awaiting correction: not accepted.
        case(&store, "e", "awaiting_correction", None, None);
        let figures = store
            .display_figures(today, &crate::content::shipped().unwrap())
            .unwrap();
        assert_eq!(
            (figures.accepted_today, figures.completed_today),
            (2, 1),
            "a and c accepted today; b completed today"
        );
        assert_eq!((figures.accepted_month, figures.completed_month), (3, 2));
        assert_eq!(figures.satisfaction_month, None, "no ratings, no 满意度");
    }

    #[test]
    fn satisfaction_leaves_out_skips_and_upheld_appeals() {
        let store = store();
        let today = day("2026-12-02");
        rating(
            &store,
            "r1",
            Some("very_satisfied"),
            "2026-12-01T09:00:00+08:00",
            None,
        );
        rating(
            &store,
            "r2",
            Some("satisfied"),
            "2026-12-02T09:00:00+08:00",
            None,
        );
        rating(
            &store,
            "r3",
            Some("dissatisfied"),
            "2026-12-02T10:00:00+08:00",
            None,
        );
        // An unfair 差评 the admin upheld the hall's appeal against: set aside, counted neither
        // way (as the desk's 统计 and the county count it).
        rating(
            &store,
            "r4",
            Some("very_dissatisfied"),
            "2026-12-02T11:00:00+08:00",
            Some("upheld"),
        );
        // An appeal refused still counts against the hall.
        rating(
            &store,
            "r5",
            Some("very_dissatisfied"),
            "2026-12-02T12:00:00+08:00",
            Some("rejected"),
        );
        // A skip (未评价) and last month's rating count for nothing.
        rating(&store, "r6", None, "2026-12-02T13:00:00+08:00", None);
        rating(
            &store,
            "r7",
            Some("dissatisfied"),
            "2026-11-30T09:00:00+08:00",
            None,
        );
        let figures = store
            .display_figures(today, &crate::content::shipped().unwrap())
            .unwrap();
        // r1, r2 good; r3, r5 bad: 2 of 4.
        assert_eq!(figures.satisfaction_month, Some(2.0 / 4.0));
    }

    #[test]
    fn the_data_version_moves_when_another_connection_commits() {
        let dir = tempfile::tempdir().unwrap();
        let display = Store::open_dir(dir.path()).unwrap();
        let before = display.data_version().unwrap();
        assert_eq!(display.data_version().unwrap(), before, "nothing changed");
        let mut desk = Store::open_dir(dir.path()).unwrap();
        desk.replace_content(&crate::content::shipped().unwrap())
            .unwrap();
        assert_ne!(display.data_version().unwrap(), before);
    }
}
