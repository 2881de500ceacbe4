//! Which automatic backups to make and which to keep: 7 daily and 4 weekly copies, by the dates
//! in their names (`daily-2026-11-27.sqlite3`, `weekly-2026-W48.sqlite3`). Pure: the daily
//! backup thread lists the folder and does what these functions say.

use chrono::{Datelike, NaiveDate};

pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;

/// An automatic backup, known by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Automatic {
    Daily(NaiveDate),
    /// ISO year and week.
    Weekly(i32, u32),
}

impl Automatic {
    pub fn daily(day: NaiveDate) -> Automatic {
        Automatic::Daily(day)
    }

    pub fn weekly(day: NaiveDate) -> Automatic {
        let week = day.iso_week();
        Automatic::Weekly(week.year(), week.week())
    }

    pub fn file_name(self) -> String {
        match self {
            Automatic::Daily(day) => format!("daily-{}.sqlite3", day.format("%Y-%m-%d")),
            Automatic::Weekly(year, week) => format!("weekly-{year}-W{week:02}.sqlite3"),
        }
    }

    /// The backup a file name stands for; none for any other file (manual, pre-upgrade…).
    pub fn parse(name: &str) -> Option<Automatic> {
        let stem = name.strip_suffix(".sqlite3")?;
        if let Some(day) = stem.strip_prefix("daily-") {
            return NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .map(Automatic::Daily);
        }
        let (year, week) = stem.strip_prefix("weekly-")?.split_once("-W")?;
        let (year, week) = (year.parse().ok()?, week.parse().ok()?);
        NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        Some(Automatic::Weekly(year, week))
    }
}

/// The backups to make today, given the files already in the folder.
pub fn due(today: NaiveDate, existing: &[String]) -> Vec<Automatic> {
    [Automatic::daily(today), Automatic::weekly(today)]
        .into_iter()
        .filter(|wanted| !existing.contains(&wanted.file_name()))
        .collect()
}

/// The files to delete: all but the newest 7 daily and 4 weekly backups. Files that are not
/// automatic backups are never named.
pub fn to_prune(existing: &[String]) -> Vec<String> {
    let mut daily = Vec::new();
    let mut weekly = Vec::new();
    for name in existing {
        match Automatic::parse(name) {
            Some(backup @ Automatic::Daily(_)) => daily.push((backup, name)),
            Some(backup @ Automatic::Weekly(..)) => weekly.push((backup, name)),
            None => {}
        }
    }
    daily.sort_by_key(|backup| std::cmp::Reverse(backup.0));
    weekly.sort_by_key(|backup| std::cmp::Reverse(backup.0));
    daily
        .into_iter()
        .skip(KEEP_DAILY)
        .chain(weekly.into_iter().skip(KEEP_WEEKLY))
        .map(|(_, name)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn names_are_read_back_and_strangers_are_ignored() {
        let today = day(2026, 11, 27);
        for backup in [Automatic::daily(today), Automatic::weekly(today)] {
            assert_eq!(Automatic::parse(&backup.file_name()), Some(backup));
        }
        assert_eq!(
            Automatic::weekly(today).file_name(),
            "weekly-2026-W48.sqlite3"
        );
        for stranger in [
            "pre-upgrade-v4-20261127-083000.sqlite3",
            "daily-2026-13-01.sqlite3",
            "weekly-2026-W60.sqlite3",
            "daily-2026-11-27.sqlite3.partial",
            "notes.txt",
        ] {
            assert_eq!(Automatic::parse(stranger), None, "{stranger}");
        }
    }

    #[test]
    fn a_day_without_backups_needs_a_daily_and_a_weekly_one() {
        let today = day(2026, 11, 27);
        assert_eq!(
            due(today, &[]),
            vec![Automatic::daily(today), Automatic::weekly(today)]
        );
        // Later the same week: the weekly copy is there already.
        let existing = vec![Automatic::weekly(today).file_name()];
        assert_eq!(
            due(day(2026, 11, 28), &existing),
            vec![Automatic::daily(day(2026, 11, 28))]
        );
        let both = vec![
            Automatic::daily(today).file_name(),
            Automatic::weekly(today).file_name(),
        ];
        assert!(due(today, &both).is_empty());
    }

    #[test]
    fn seven_daily_and_four_weekly_backups_are_kept_and_nothing_else_is_touched() {
        let mut existing = vec!["pre-upgrade-v2-20260101-000000.sqlite3".to_owned()];
        let first = day(2026, 10, 1);
        for offset in 0..60 {
            let date = first + chrono::Days::new(offset);
            existing.push(Automatic::daily(date).file_name());
            let weekly = Automatic::weekly(date).file_name();
            if !existing.contains(&weekly) {
                existing.push(weekly);
            }
        }
        let pruned = to_prune(&existing);
        let kept: Vec<&String> = existing.iter().filter(|n| !pruned.contains(n)).collect();
        let last = first + chrono::Days::new(59);
        let mut expected: Vec<String> = (0..7)
            .map(|back| Automatic::daily(last - chrono::Days::new(back)).file_name())
            .collect();
        expected.extend(
            (0..4).map(|back| Automatic::weekly(last - chrono::Days::new(7 * back)).file_name()),
        );
        expected.push("pre-upgrade-v2-20260101-000000.sqlite3".into());
        for name in &expected {
            assert!(kept.contains(&name), "{name} should be kept");
        }
        assert_eq!(kept.len(), expected.len(), "{kept:?}");
    }

    #[test]
    fn weeks_are_ordered_across_a_new_year() {
        // 2026-12-31 is in ISO week 53 of 2026; 2027-01-04 starts week 1 of 2027.
        let existing: Vec<String> = [
            "weekly-2026-W50.sqlite3",
            "weekly-2026-W51.sqlite3",
            "weekly-2026-W52.sqlite3",
            "weekly-2026-W53.sqlite3",
            "weekly-2027-W01.sqlite3",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            to_prune(&existing),
            vec!["weekly-2026-W50.sqlite3".to_owned()]
        );
    }
}
