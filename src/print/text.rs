//! Dates, numbers and phone numbers as they are printed.

use chrono::{DateTime, Datelike, NaiveDate};

use crate::i18n::Language;
use crate::t;

/// "2025年9月30日" / "2025-09-30".
pub fn date(language: Language, day: NaiveDate) -> String {
    // Chinese dates are not zero-padded; the ISO form is.
    let (month, day_of_month) = match language {
        Language::ZhCn => (day.month().to_string(), day.day().to_string()),
        Language::En => (format!("{:02}", day.month()), format!("{:02}", day.day())),
    };
    t!(
        language,
        "print-date",
        year = day.year().to_string(),
        month = month,
        day = day_of_month
    )
}

/// "2025年9月30日 10:00" from a stored RFC 3339 time (the stored text itself if it is damaged).
pub fn date_time(language: Language, stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(at) => format!("{} {}", date(language, at.date_naive()), at.format("%H:%M")),
        Err(_) => crate::clock::minutes(stored),
    }
}

/// A case number in its parts: township, date, terminal, serial ("621023202 20250930 07 0001").
pub fn grouped_case_number(number: &str) -> String {
    if number.len() == crate::domain::case_number::CASE_NUMBER_DIGITS && number.is_ascii() {
        format!(
            "{} {} {} {}",
            &number[..9],
            &number[9..17],
            &number[17..19],
            &number[19..]
        )
    } else {
        number.to_owned()
    }
}

/// A mobile number in 3-4-4 groups; other numbers as stored.
pub fn phone(number: &str) -> String {
    if number.len() == 11 && number.starts_with('1') && number.bytes().all(|b| b.is_ascii_digit()) {
        format!("{} {} {}", &number[..3], &number[3..7], &number[7..])
    } else {
        number.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
        assert_eq!(date(Language::ZhCn, day), "2025年9月30日");
        assert_eq!(date(Language::En, day), "2025-09-30");
        assert_eq!(
            date_time(Language::ZhCn, "2025-09-30T10:05:00+08:00"),
            "2025年9月30日 10:05"
        );
    }

    #[test]
    fn numbers_are_grouped_for_reading_aloud() {
        assert_eq!(
            grouped_case_number("62102320220250930070001"),
            "621023202 20250930 07 0001"
        );
        assert_eq!(phone("13800000001"), "138 0000 0001");
        assert_eq!(phone("0934-5581001"), "0934-5581001");
    }
}
