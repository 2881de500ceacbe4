//! The words of the statistics, shared by the monthly report, the CSV, the command line's table
//! and the desk's screen, so they all name a figure the same way.

use chrono::{Datelike, NaiveDate};

use crate::domain::stats::{Dimension, Line, Period, Step};
use crate::i18n::Language;
use crate::t;

/// "2026年3月5日".
pub fn date(language: Language, day: NaiveDate) -> String {
    t!(
        language,
        "stats-day",
        year = day.year().to_string(),
        month = day.month().to_string(),
        day = day.day().to_string()
    )
}

/// "2026年3月".
pub fn month(language: Language, first: NaiveDate) -> String {
    t!(
        language,
        "stats-month",
        year = first.year().to_string(),
        month = first.month().to_string()
    )
}

/// The period as people say it: "2026年3月5日", "2026年3月", "2026年", or "A 至 B".
pub fn period(language: Language, period: &Period) -> String {
    match period {
        Period::Day(day) => date(language, *day),
        Period::Month(_) => month(language, period.first()),
        Period::Year(year) => t!(language, "stats-year", year = year.to_string()),
        Period::Custom { from, to } => t!(
            language,
            "stats-range",
            from = date(language, *from),
            to = date(language, *to)
        ),
    }
}

/// A step of a chart's series: the day of the month ("5") or the month ("3月" / "3").
pub fn step_label(language: Language, step: Step, start: NaiveDate) -> String {
    match step {
        Step::Day => start.day().to_string(),
        Step::Month => t!(
            language,
            "stats-step-month",
            month = start.month().to_string()
        ),
    }
}

/// A share as a percentage with one decimal ("99.8%"), or "—" when there is nothing to share.
pub fn percent(language: Language, share: Option<f64>) -> String {
    match share {
        Some(share) => format!("{:.1}%", share * 100.0),
        None => t!(language, "stats-none"),
    }
}

/// "按事项", "按村"…
pub fn breakdown(language: Language, dimension: Dimension) -> String {
    match dimension {
        Dimension::Item => t!(language, "stats-by-item"),
        Dimension::Village => t!(language, "stats-by-village"),
        Dimension::Window => t!(language, "stats-by-window"),
        Dimension::Agent => t!(language, "stats-by-agent"),
    }
}

/// The heading of a breakdown's name column: "事项", "村"…
pub fn column(language: Language, dimension: Dimension) -> String {
    match dimension {
        Dimension::Item => t!(language, "stats-item"),
        Dimension::Village => t!(language, "stats-village"),
        Dimension::Window => t!(language, "stats-window"),
        Dimension::Agent => t!(language, "stats-agent"),
    }
}

/// A line's name in `language` where the content has one, else in the hall's language.
pub fn name(language: Language, line: &Line) -> &str {
    language.pick(&line.name, &line.name_en)
}

/// The columns a breakdown table shows, in order: the case figures, and the ratings where they
/// are broken down (not by village).
pub fn columns(dimension: Dimension) -> &'static [Column] {
    const ALL: [Column; 6] = [
        Column::Accepted,
        Column::Completed,
        Column::InProgress,
        Column::Overdue,
        Column::Rated,
        Column::Satisfaction,
    ];
    match dimension {
        Dimension::Village => &ALL[..4],
        _ => &ALL,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Accepted,
    Completed,
    InProgress,
    Overdue,
    Rated,
    Satisfaction,
}

impl Column {
    pub fn heading(self, language: Language) -> String {
        match self {
            Column::Accepted => t!(language, "stats-accepted"),
            Column::Completed => t!(language, "stats-completed"),
            Column::InProgress => t!(language, "stats-in-progress"),
            Column::Overdue => t!(language, "stats-overdue"),
            Column::Rated => t!(language, "stats-rated"),
            Column::Satisfaction => t!(language, "stats-satisfaction"),
        }
    }

    pub fn value(self, language: Language, line: &Line) -> String {
        match self {
            Column::Accepted => line.cases.accepted.to_string(),
            Column::Completed => line.cases.completed.to_string(),
            Column::InProgress => line.cases.in_progress.to_string(),
            Column::Overdue => line.cases.overdue.to_string(),
            Column::Rated => line.ratings.given().to_string(),
            Column::Satisfaction => percent(language, line.ratings.satisfaction()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::RatingLevel;

    #[test]
    fn periods_and_shares_read_as_the_hall_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let zh = Language::ZhCn;
        assert_eq!(period(zh, &Period::day(day)), "2026年3月5日");
        assert_eq!(period(zh, &Period::month_of(day)), "2026年3月");
        assert_eq!(period(zh, &Period::year_of(day)), "2026年");
        let custom = Period::custom(day, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()).unwrap();
        assert_eq!(period(zh, &custom), "2026年3月5日 至 2026年3月9日");
        assert_eq!(percent(zh, Some(0.998)), "99.8%");
        assert_eq!(percent(zh, None), "—");
        assert_eq!(
            crate::ui::rating_words::name(zh, RatingLevel::BasicallySatisfied),
            "基本满意"
        );
    }
}
