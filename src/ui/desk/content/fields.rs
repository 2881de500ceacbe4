//! What the content forms share: a labelled text box with its problem under it, the problems of
//! the last refused save found by entry and field, and reading numbers and dates typed in.

use chrono::NaiveDate;
use iced::Element;
use iced::widget::column;

use crate::content::words::{field_label, kind_name};
use crate::content::{ContentError, problem_text};
use crate::domain::content::EntryKind;
use crate::domain::{Content, Problem};
use crate::i18n::Language;
use crate::t;
use crate::ui::desk::form;
use crate::ui::widget::Look;

/// Problems by entry and field: those the content loader found in the last save, and those the
/// forms found reading what was typed.
#[derive(Debug, Clone, Default)]
pub struct Problems(pub Vec<ContentError>);

impl Problems {
    /// The first problem of `field` in `entry`, in words.
    pub fn at(&self, language: Language, entry: &str, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|problem| problem.entry == entry && problem.field == field)
            .map(|problem| problem_text(&problem.problem, language))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A problem a form found in what was typed (no file yet).
pub fn typed(entry: &str, field: &str, problem: Problem) -> ContentError {
    ContentError {
        file: String::new(),
        entry: entry.to_owned(),
        field: field.to_owned(),
        problem,
    }
}

/// A whole number typed into `field`; a problem otherwise.
pub fn number(text: &str, entry: &str, field: &str, found: &mut Vec<ContentError>) -> Option<u32> {
    let text = text.trim();
    match text.parse() {
        Ok(number) => Some(number),
        Err(_) if text.is_empty() => {
            found.push(typed(entry, field, Problem::Empty));
            None
        }
        Err(_) => {
            found.push(typed(entry, field, Problem::NotANumber(text.to_owned())));
            None
        }
    }
}

/// A whole number, or nothing when left empty.
pub fn optional_number(
    text: &str,
    entry: &str,
    field: &str,
    found: &mut Vec<ContentError>,
) -> Option<Option<u32>> {
    if text.trim().is_empty() {
        return Some(None);
    }
    number(text, entry, field, found).map(Some)
}

/// A date like 2026-12-01, or nothing when left empty.
pub fn optional_date(
    text: &str,
    entry: &str,
    field: &str,
    found: &mut Vec<ContentError>,
) -> Option<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    match text.parse() {
        Ok(date) => Some(Some(date)),
        Err(_) => {
            found.push(typed(entry, field, Problem::NotADate(text.to_owned())));
            None
        }
    }
}

/// A number or nothing, as a form shows it.
pub fn shown_number(value: Option<u32>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A labelled text box with the place for its problem under it (always there, so a problem
/// coming or going moves nothing).
pub fn text_field<'a, M: Clone + 'a>(
    look: Look,
    id: String,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    problem: Option<String>,
) -> Element<'a, M> {
    column![
        look.strong(label),
        form::text_box(look, "", value).id(id).on_input(on_input),
        form::error_slot(look, problem.as_deref()),
    ]
    .spacing(look.scale.space * 0.3)
    .into()
}

/// One problem as the screen shows it: the entry (an item by its number and name), the field,
/// what is wrong.
pub fn problem_line(language: Language, content: &Content, problem: &ContentError) -> String {
    let kind = match problem.file.as_str() {
        "hall.toml" if problem.entry == "hall" => Some(EntryKind::Hall),
        "hall.toml" => Some(EntryKind::Window),
        "villages.toml" => Some(EntryKind::Village),
        "policies.toml" => Some(EntryKind::Policy),
        "notices.toml" => Some(EntryKind::Notice),
        "categories.toml" => Some(EntryKind::Category),
        file if file.starts_with("items/") => Some(EntryKind::Item),
        _ => None,
    };
    let id = problem.entry.as_str();
    let known = match kind {
        Some(EntryKind::Item) => content
            .item(id)
            .map(|item| format!("{} {}", item.number, item.name)),
        Some(EntryKind::Policy) => content.policy(id).map(|policy| policy.name.clone()),
        Some(EntryKind::Notice) => content
            .notice(id)
            .map(|notice| notice.title.clone())
            .filter(|title| !title.trim().is_empty()),
        _ => None,
    };
    let entry = match kind {
        Some(EntryKind::Hall) => kind_name(language, EntryKind::Hall),
        Some(kind) => format!(
            "{} {}",
            kind_name(language, kind),
            known.unwrap_or_else(|| id.to_owned())
        ),
        None => known.unwrap_or_else(|| id.to_owned()),
    };
    t!(
        language,
        "content-problem-line",
        entry = entry,
        field = field_label(language, kind.unwrap_or(EntryKind::Item), &problem.field),
        problem = problem_text(&problem.problem, language)
    )
}

/// Where an element of a list moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Up,
    Down,
    Remove,
}

/// Moves or removes element `index` of `rows`.
pub fn act_on<T>(rows: &mut Vec<T>, index: usize, action: RowAction) {
    match action {
        RowAction::Up if index > 0 && index < rows.len() => rows.swap(index - 1, index),
        RowAction::Down if index + 1 < rows.len() => rows.swap(index, index + 1),
        RowAction::Remove if index < rows.len() => {
            rows.remove(index);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_and_dates_are_read_or_named_as_problems() {
        let mut found = Vec::new();
        assert_eq!(number(" 15 ", "a", "promised_days", &mut found), Some(15));
        assert_eq!(number("十五", "a", "promised_days", &mut found), None);
        assert_eq!(
            optional_number("", "a", "legal_days", &mut found),
            Some(None)
        );
        assert_eq!(
            optional_date("2026-13-01", "n", "expires", &mut found),
            None
        );
        let fields: Vec<_> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["promised_days", "expires"]);
        assert_eq!(
            Problems(found).at(Language::ZhCn, "a", "promised_days"),
            Some("“十五”不是整数".to_owned())
        );
    }

    #[test]
    fn rows_move_within_their_list_only() {
        let mut rows = vec![1, 2, 3];
        act_on(&mut rows, 0, RowAction::Up);
        act_on(&mut rows, 2, RowAction::Down);
        assert_eq!(rows, vec![1, 2, 3]);
        act_on(&mut rows, 2, RowAction::Up);
        assert_eq!(rows, vec![1, 3, 2]);
        act_on(&mut rows, 0, RowAction::Remove);
        assert_eq!(rows, vec![3, 2]);
    }
}
