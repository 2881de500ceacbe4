//! Promised completion dates in working days, and how urgent an open case is.

use chrono::NaiveDate;

use super::calendar::HolidayCalendar;

/// Working days left at which an open case counts as due soon.
pub const DUE_SOON_WORKING_DAYS: i64 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    OnTime,
    DueSoon,
    Overdue,
}

/// The promised completion date: `promised_days` working days after acceptance (the day of
/// acceptance does not count; an instant item is due the same day).
pub fn due_date(
    calendar: &HolidayCalendar,
    accepted_on: NaiveDate,
    promised_days: u32,
) -> NaiveDate {
    calendar.add_working_days(accepted_on, promised_days)
}

/// Whether an open case due on `due` is overdue on `day`: from the day after its due date on,
/// never on the due date itself.
pub fn is_overdue(due: NaiveDate, day: NaiveDate) -> bool {
    day > due
}

/// How urgent an open case with this due date is today.
pub fn urgency(calendar: &HolidayCalendar, due: NaiveDate, today: NaiveDate) -> Urgency {
    if is_overdue(due, today) {
        Urgency::Overdue
    } else if calendar.working_days_between(today, due) <= DUE_SOON_WORKING_DAYS {
        Urgency::DueSoon
    } else {
        Urgency::OnTime
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_deadline_skips_the_national_day_holiday_and_counts_the_adjusted_saturday() {
        let calendar = HolidayCalendar::shipped();
        // Accepted on Tuesday 2025-09-30 with 3 working days: 10-1..10-8 are off, Thursday 10-9
        // and Friday 10-10 count, and Saturday 10-11 is an adjusted working day.
        assert_eq!(due_date(&calendar, day(2025, 9, 30), 3), day(2025, 10, 11));
    }

    #[test]
    fn overdue_is_flagged_on_the_next_day_and_due_soon_two_working_days_before() {
        let calendar = HolidayCalendar::shipped();
        let due = day(2025, 11, 14); // a Friday
        assert_eq!(urgency(&calendar, due, day(2025, 11, 7)), Urgency::OnTime);
        assert_eq!(urgency(&calendar, due, day(2025, 11, 12)), Urgency::DueSoon);
        assert_eq!(urgency(&calendar, due, day(2025, 11, 14)), Urgency::DueSoon);
        assert_eq!(urgency(&calendar, due, day(2025, 11, 15)), Urgency::Overdue);
    }

    #[test]
    fn an_instant_item_is_due_the_day_it_is_accepted() {
        let calendar = HolidayCalendar::shipped();
        assert_eq!(due_date(&calendar, day(2025, 11, 14), 0), day(2025, 11, 14));
    }
}
