//! The hall's public notice board (公开栏): boards and the notices pinned on them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::problem::{FieldProblem, Problem, require_text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub id: String,
    pub name: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub id: String,
    pub board: String,
    pub title: String,
    pub title_en: String,
    /// The publication date (发布日期): shown from this day.
    pub date: NaiveDate,
    /// The last day it is shown (截止日期); none: until taken down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// Paragraphs separated by a blank line.
    pub body: String,
    /// A sample the hall should replace with its own.
    #[serde(default)]
    pub sample: bool,
}

impl Board {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        require_text(&mut problems, "id", &self.id);
        require_text(&mut problems, "name", &self.name);
        require_text(&mut problems, "name_en", &self.name_en);
        problems
    }
}

impl Notice {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (field, value) in [
            ("id", &self.id),
            ("board", &self.board),
            ("title", &self.title),
            ("title_en", &self.title_en),
            ("body", &self.body),
        ] {
            require_text(&mut problems, field, value);
        }
        if let Some(expires) = self.expires
            && expires < self.date
        {
            problems.push(FieldProblem::new(
                "expires",
                Problem::OutOfRange(expires.to_string()),
            ));
        }
        problems
    }

    /// Whether the notice board shows it on `today`: published, and not past its last day.
    pub fn is_shown_on(&self, today: NaiveDate) -> bool {
        self.date <= today && self.expires.is_none_or(|expires| today <= expires)
    }

    /// The body split into paragraphs, each trimmed, blank ones dropped.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|paragraph| !paragraph.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(date: &str, expires: Option<&str>) -> Notice {
        Notice {
            id: "n".into(),
            board: "b".into(),
            title: "通知".into(),
            title_en: "Notice".into(),
            date: date.parse().unwrap(),
            expires: expires.map(|day| day.parse().unwrap()),
            body: "正文".into(),
            sample: false,
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_notice_shows_from_its_publication_date_through_its_last_day() {
        let notice = notice("2026-12-01", Some("2026-12-31"));
        assert!(!notice.is_shown_on(day("2026-11-30")));
        assert!(notice.is_shown_on(day("2026-12-01")));
        assert!(notice.is_shown_on(day("2026-12-31")));
        assert!(!notice.is_shown_on(day("2027-01-01")));
        assert!(super::Notice::is_shown_on(
            &self::notice("2020-01-01", None),
            day("2030-01-01")
        ));
    }

    #[test]
    fn a_notice_may_not_expire_before_it_is_published() {
        let fields: Vec<_> = notice("2026-12-01", Some("2026-11-30"))
            .problems()
            .into_iter()
            .map(|problem| problem.field)
            .collect();
        assert_eq!(fields, vec!["expires"]);
        assert!(
            notice("2026-12-01", Some("2026-12-01"))
                .problems()
                .is_empty()
        );
    }
}
