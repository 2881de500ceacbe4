//! Working days in China: weekdays, less the public holidays, plus the weekend days that the State
//! Council makes working days (调休). Time limits of the hall's items are counted in working days.
//!
//! The holidays are data (`assets/calendar/cn-holidays.toml`) because they change every year.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

/// The shipped calendar; the hall edits it each December when the new notice is out.
const SHIPPED: &str = include_str!("../../assets/calendar/cn-holidays.toml");

#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    /// Each year in the file, with whether someone checked it against the notice.
    verified: BTreeMap<i32, bool>,
    holidays: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

/// What is wrong in a calendar file, naming the year and the date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the holiday calendar is not valid TOML: {0}")]
    Syntax(String),
    #[error("year {year} appears twice")]
    DuplicateYear { year: i32 },
    #[error("year {year}: \"{value}\" is not a date written YYYY-MM-DD")]
    BadDate { year: i32, value: String },
    #[error("year {year}: {date} is neither in that year nor in the December before it")]
    OutsideYear { year: i32, date: NaiveDate },
    #[error("year {year}: {date} is listed as a working day but is not a Saturday or Sunday")]
    WorkdayNotWeekend { year: i32, date: NaiveDate },
    #[error("year {year}: {date} is listed both as a holiday and as a working day")]
    HolidayAndWorkday { year: i32, date: NaiveDate },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: i32,
    #[allow(dead_code, reason = "documents the notice; read by people, not code")]
    source: String,
    #[serde(default = "yes")]
    verified: bool,
    #[serde(default)]
    holidays: Vec<String>,
    #[serde(default)]
    workdays: Vec<String>,
}

fn yes() -> bool {
    true
}

impl HolidayCalendar {
    pub fn from_toml(text: &str) -> Result<HolidayCalendar, CalendarError> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| CalendarError::Syntax(e.to_string()))?;
        let mut calendar = HolidayCalendar::default();
        for entry in raw.year {
            let year = entry.year;
            if calendar.verified.insert(year, entry.verified).is_some() {
                return Err(CalendarError::DuplicateYear { year });
            }
            for value in &entry.holidays {
                calendar.holidays.insert(read_date(year, value)?);
            }
            for value in &entry.workdays {
                let date = read_date(year, value)?;
                if !is_weekend(date) {
                    return Err(CalendarError::WorkdayNotWeekend { year, date });
                }
                if calendar.holidays.contains(&date) {
                    return Err(CalendarError::HolidayAndWorkday { year, date });
                }
                calendar.workdays.insert(date);
            }
        }
        Ok(calendar)
    }

    /// The calendar built into the binary. A test proves it parses; should it ever not, the
    /// kiosk still counts weekends rather than failing.
    pub fn shipped() -> HolidayCalendar {
        HolidayCalendar::from_toml(SHIPPED).unwrap_or_default()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !is_weekend(date) && !self.holidays.contains(&date)
    }

    /// The date `days` working days after `start`. The day of acceptance does not count:
    /// 0 days is `start` itself, 1 day is the next working day.
    pub fn add_working_days(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut date = start;
        let mut left = days;
        while left > 0 {
            match date.succ_opt() {
                Some(next) => date = next,
                None => break, // the end of chrono's calendar, far beyond any deadline
            }
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days after `from` up to and including `to`; negative when `to` is before `from`
    /// (how many working days a deadline is overdue).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let count = from
            .iter_days()
            .skip(1)
            .take_while(|date| *date <= to)
            .filter(|date| self.is_working_day(*date))
            .count();
        i64::try_from(count).unwrap_or(i64::MAX)
    }

    /// Whether the file has the holidays of the date's year; outside it only weekends are known.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.verified.contains_key(&date.year())
    }

    /// Whether the date's year is in the file and was checked against the State Council notice.
    pub fn is_verified(&self, date: NaiveDate) -> bool {
        self.verified.get(&date.year()).copied().unwrap_or(false)
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A date of the entry for `year`: in that year, or in the December before it.
fn read_date(year: i32, value: &str) -> Result<NaiveDate, CalendarError> {
    let date = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        CalendarError::BadDate {
            year,
            value: value.to_owned(),
        }
    })?;
    let in_range = date.year() == year || (date.year() == year - 1 && date.month() == 12);
    if !in_range {
        return Err(CalendarError::OutsideYear { year, date });
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates are real")
    }

    fn one_year(holidays: &str, workdays: &str) -> String {
        format!(
            "[[year]]\nyear = 2025\nsource = \"test\"\nholidays = [{holidays}]\nworkdays = [{workdays}]\n"
        )
    }

    #[test]
    fn the_shipped_calendar_parses_and_covers_2025_and_2026() {
        assert!(HolidayCalendar::from_toml(SHIPPED).is_ok());
        let calendar = HolidayCalendar::shipped();
        assert!(calendar.covers(day(2025, 6, 1)));
        assert!(calendar.covers(day(2026, 6, 1)));
        assert!(calendar.is_verified(day(2025, 6, 1)));
        assert!(
            !calendar.is_verified(day(2026, 6, 1)),
            "2026 awaits the hall's check"
        );
    }

    #[test]
    fn a_friday_plus_one_working_day_is_the_monday() {
        let friday = day(2025, 3, 7);
        assert_eq!(friday.weekday(), Weekday::Fri);
        assert_eq!(
            HolidayCalendar::shipped().add_working_days(friday, 1),
            day(2025, 3, 10)
        );
    }

    #[test]
    fn zero_working_days_is_the_day_of_acceptance_itself() {
        let calendar = HolidayCalendar::shipped();
        assert_eq!(
            calendar.add_working_days(day(2025, 3, 8), 0),
            day(2025, 3, 8)
        );
        assert_eq!(
            calendar.working_days_between(day(2025, 3, 8), day(2025, 3, 8)),
            0
        );
    }

    #[test]
    fn national_day_2025_is_skipped_and_its_adjusted_saturday_counts() {
        let calendar = HolidayCalendar::shipped();
        assert_eq!(
            calendar.add_working_days(day(2025, 9, 30), 1),
            day(2025, 10, 9)
        );
        assert_eq!(
            calendar.add_working_days(day(2025, 10, 10), 1),
            day(2025, 10, 11)
        );
        assert_eq!(day(2025, 10, 11).weekday(), Weekday::Sat);
        assert!(calendar.is_working_day(day(2025, 10, 11)));
    }

    #[test]
    fn an_adjusted_sunday_is_a_working_day() {
        let calendar = HolidayCalendar::shipped();
        assert_eq!(day(2025, 9, 28).weekday(), Weekday::Sun);
        assert!(calendar.is_working_day(day(2025, 9, 28)));
        assert!(
            !calendar.is_working_day(day(2025, 9, 21)),
            "an ordinary Sunday"
        );
    }

    #[test]
    fn spring_festival_2025_is_skipped() {
        let calendar = HolidayCalendar::shipped();
        assert_eq!(
            calendar.add_working_days(day(2025, 1, 27), 1),
            day(2025, 2, 5)
        );
        assert!(calendar.is_working_day(day(2025, 1, 26)));
    }

    #[test]
    fn counting_back_gives_the_days_added_for_every_start_in_2025() {
        let calendar = HolidayCalendar::shipped();
        for start in day(2025, 1, 1).iter_days().take_while(|d| d.year() == 2025) {
            for days in 0..30 {
                let due = calendar.add_working_days(start, days);
                assert_eq!(
                    calendar.working_days_between(start, due),
                    i64::from(days),
                    "{start} + {days}"
                );
                assert_eq!(calendar.working_days_between(due, start), -i64::from(days));
            }
        }
    }

    #[test]
    fn an_overdue_deadline_counts_negative() {
        let calendar = HolidayCalendar::shipped();
        assert_eq!(
            calendar.working_days_between(day(2025, 3, 10), day(2025, 3, 7)),
            -1
        );
    }

    #[test]
    fn a_year_missing_from_the_file_knows_only_weekends() {
        let calendar = HolidayCalendar::shipped();
        let new_year_2030 = day(2030, 1, 1);
        assert!(!calendar.covers(new_year_2030));
        assert!(!calendar.is_verified(new_year_2030));
        assert!(
            calendar.is_working_day(new_year_2030),
            "a Tuesday, holiday unknown"
        );
        assert!(!calendar.is_working_day(day(2030, 1, 5)), "a Saturday");
    }

    #[test]
    fn a_malformed_date_is_named_with_its_year() {
        let error = HolidayCalendar::from_toml(&one_year("\"2025-02-30\"", ""))
            .expect_err("30 February is no date");
        assert_eq!(
            error,
            CalendarError::BadDate {
                year: 2025,
                value: "2025-02-30".to_owned()
            }
        );
        assert!(error.to_string().contains("2025-02-30"));
        assert!(error.to_string().contains("2025"));
    }

    #[test]
    fn a_listed_working_day_must_be_a_weekend_day() {
        assert_eq!(
            HolidayCalendar::from_toml(&one_year("", "\"2025-10-10\"")).err(),
            Some(CalendarError::WorkdayNotWeekend {
                year: 2025,
                date: day(2025, 10, 10)
            })
        );
    }

    #[test]
    fn a_date_cannot_be_both_holiday_and_working_day() {
        let text = one_year("\"2025-10-11\"", "\"2025-10-11\"");
        assert!(matches!(
            HolidayCalendar::from_toml(&text),
            Err(CalendarError::HolidayAndWorkday { year: 2025, .. })
        ));
    }

    #[test]
    fn a_date_far_from_its_year_and_a_repeated_year_are_refused() {
        assert!(matches!(
            HolidayCalendar::from_toml(&one_year("\"2052-01-01\"", "")),
            Err(CalendarError::OutsideYear { year: 2025, .. })
        ));
        let late_december = one_year("\"2024-12-31\"", "");
        assert!(HolidayCalendar::from_toml(&late_december).is_ok());
        let twice = format!("{}{}", one_year("", ""), one_year("", ""));
        assert_eq!(
            HolidayCalendar::from_toml(&twice).err(),
            Some(CalendarError::DuplicateYear { year: 2025 })
        );
    }

    #[test]
    fn broken_toml_is_a_syntax_error() {
        assert!(matches!(
            HolidayCalendar::from_toml("[[year]\nyear = "),
            Err(CalendarError::Syntax(_))
        ));
    }
}
