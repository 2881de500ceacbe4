//! A content problem named by file, entry and field, with a translated message.

use std::fmt;

use crate::domain::Problem;
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Path relative to the content folder, e.g. `items/c-social-assistance.toml`.
    pub file: String,
    /// The entry's id, or its position when it has no readable id.
    pub entry: String,
    /// The field's path inside the entry, e.g. `material[2].copies`.
    pub field: String,
    pub problem: Problem,
}

impl crate::explain::Explain for ContentError {
    fn words(&self, language: Language) -> String {
        t!(
            language,
            "content-error",
            file = self.file.as_str(),
            entry = self.entry.as_str(),
            field = self.field.as_str(),
            problem = problem_text(&self.problem, language)
        )
    }
}

/// What is wrong, in words, without the file and the field (a form shows it under the field).
pub fn problem_text(problem: &Problem, language: Language) -> String {
    match problem {
        Problem::Empty => t!(language, "problem-empty"),
        Problem::EmptyList => t!(language, "problem-empty-list"),
        Problem::Duplicate(id) => t!(language, "problem-duplicate", id = id.as_str()),
        Problem::UnknownReference(name) => {
            t!(language, "problem-unknown-reference", name = name.as_str())
        }
        Problem::OutOfRange(value) => t!(language, "problem-out-of-range", value = value.as_str()),
        Problem::KindMismatch => t!(language, "problem-kind-mismatch"),
        Problem::Invalid(detail) => t!(language, "problem-invalid", detail = detail.as_str()),
        Problem::TooLong { chars, max } => t!(
            language,
            "problem-too-long",
            chars = chars.to_string(),
            max = max.to_string()
        ),
        Problem::NotASlug(id) => t!(language, "problem-not-a-slug", id = id.as_str()),
        Problem::NotARegularFile => t!(language, "problem-not-a-regular-file"),
        Problem::TooLarge { bytes, max } => t!(
            language,
            "problem-too-large",
            bytes = bytes.to_string(),
            max = max.to_string()
        ),
        Problem::NotANumber(value) => t!(language, "problem-not-a-number", value = value.as_str()),
        Problem::NotADate(value) => t!(language, "problem-not-a-date", value = value.as_str()),
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::explain::Explain::words(self, Language::ZhCn))
    }
}

impl std::error::Error for ContentError {}
