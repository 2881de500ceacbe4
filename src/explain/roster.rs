//! Words for village rosters: what is wrong in a row, with a column, or with the file.

use super::Explain;
use crate::domain::roster::{ColumnNote, RosterError, RosterField, RosterProblem};
use crate::i18n::Language;
use crate::roster::{ApplyError, CheckError, ReadError};
use crate::t;

/// A field's name as staff call it, for "the 身份证号 column is missing".
pub fn field_name(language: Language, field: RosterField) -> String {
    match field {
        RosterField::HeadName => t!(language, "roster-field-head-name"),
        RosterField::IdNumber => t!(language, "roster-field-id-number"),
        RosterField::Village => t!(language, "roster-field-village"),
        RosterField::Group => t!(language, "roster-field-group"),
        RosterField::Phone => t!(language, "roster-field-phone"),
        RosterField::Relation => t!(language, "roster-field-relation"),
    }
}

impl Explain for RosterError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            RosterError::Empty => t!(l, "roster-empty"),
            RosterError::MissingColumn(field) => {
                t!(l, "roster-missing-column", field = field_name(l, *field))
            }
            RosterError::NoHouseholds => t!(l, "roster-no-households"),
            RosterError::Field(error) => error.words(l),
            RosterError::UnknownVillage(village) if village.is_empty() => {
                t!(l, "error-required")
            }
            RosterError::UnknownVillage(village) => {
                t!(l, "roster-unknown-village", village = village.as_str())
            }
            RosterError::RepeatedInFile { first_row } => {
                t!(l, "roster-repeated-in-file", row = first_row.to_string())
            }
            RosterError::AlreadyRegistered { household } => t!(
                l,
                "roster-already-registered",
                household = household.as_str()
            ),
            RosterError::MemberWithoutHead => t!(l, "roster-member-without-head"),
        }
    }
}

impl Explain for RosterProblem {
    /// "第 5 行 · 身份证号码：…": the row and the column as the file names them.
    fn words(&self, language: Language) -> String {
        let problem = self.error.words(language);
        let column = self
            .column
            .clone()
            .or_else(|| self.field.map(|field| field_name(language, field)));
        match (self.row, column) {
            (Some(row), Some(column)) => t!(
                language,
                "roster-at-row",
                row = row.to_string(),
                column = column,
                problem = problem
            ),
            (Some(row), None) => t!(
                language,
                "roster-at-row-alone",
                row = row.to_string(),
                problem = problem
            ),
            (None, _) => problem,
        }
    }
}

impl Explain for ColumnNote {
    fn words(&self, language: Language) -> String {
        match self {
            ColumnNote::Unknown { header } => {
                t!(language, "roster-column-unknown", column = header.as_str())
            }
            ColumnNote::Repeated { header, used } => t!(
                language,
                "roster-column-repeated",
                column = header.as_str(),
                used = used.as_str()
            ),
        }
    }
}

impl Explain for ReadError {
    fn words(&self, language: Language) -> String {
        match self {
            ReadError::Io(error) => error.words(language),
            ReadError::Spreadsheet(_) => t!(language, "roster-read-spreadsheet"),
            ReadError::NoSheet => t!(language, "roster-read-no-sheet"),
            ReadError::Csv(error) => match error.kind() {
                csv::ErrorKind::Io(error) => error.words(language),
                _ => t!(language, "roster-read-csv"),
            },
        }
    }
}

impl Explain for CheckError {
    fn words(&self, language: Language) -> String {
        match self {
            CheckError::Read(error) => error.words(language),
            CheckError::Store(error) => error.words(language),
        }
    }
}

impl Explain for ApplyError {
    fn words(&self, language: Language) -> String {
        match self {
            ApplyError::NotClean => t!(language, "roster-not-clean"),
            ApplyError::Refused { row, error } => t!(
                language,
                "roster-refused",
                row = row.to_string(),
                reason = error.words(language)
            ),
            ApplyError::Store(error) => error.words(language),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::household::FieldError;
    use crate::domain::id_number::IdNumberError;

    #[test]
    fn a_row_problem_names_the_row_and_the_column_as_written() {
        let problem = RosterProblem {
            row: Some(5),
            field: Some(RosterField::IdNumber),
            column: Some("公民身份号码".into()),
            error: RosterError::Field(FieldError::IdNumber(IdNumberError::BadCheckDigit {
                expected: 'X',
            })),
        };
        let words = problem.words(Language::ZhCn);
        assert!(words.starts_with("第 5 行 · 公民身份号码："), "{words}");
        assert!(words.contains("校验位"), "{words}");
        let english = problem.words(Language::En);
        assert!(english.starts_with("Row 5 · 公民身份号码: "), "{english}");
    }

    #[test]
    fn a_missing_column_is_named_in_the_readers_language() {
        let missing = RosterError::MissingColumn(RosterField::IdNumber);
        assert!(missing.words(Language::ZhCn).contains("身份证号"));
        assert!(missing.words(Language::En).contains("ID number"));
    }
}
