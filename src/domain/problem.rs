//! What can be wrong with one field of a content entry.

use std::fmt;

/// A problem found in one field; the loader adds the file and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The text is empty or only white space.
    Empty,
    /// A list that needs at least one element has none.
    EmptyList,
    /// The id is used by an earlier entry.
    Duplicate(String),
    /// The value names something that does not exist (a category, window, item or board).
    UnknownReference(String),
    /// The value is outside what makes sense.
    OutOfRange(String),
    /// The promised days contradict the instant/promised kind.
    KindMismatch,
    /// The file could not be read as TOML, or a value had the wrong type.
    Invalid(String),
    /// Text longer than any real field holds (characters found, the most allowed).
    TooLong {
        chars: usize,
        max: usize,
    },
    /// An id that is not a plain slug (lower-case letters, digits and '-').
    NotASlug(String),
    /// Not a regular file (a FIFO, a device, a folder), or larger than content ever is.
    NotARegularFile,
    TooLarge {
        bytes: u64,
        max: u64,
    },
    /// A whole number was expected (a form field).
    NotANumber(String),
    /// A date like 2026-12-01 was expected (a form field).
    NotADate(String),
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldProblem {
            field: field.into(),
            problem,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => write!(f, "empty"),
            Problem::EmptyList => write!(f, "empty list"),
            Problem::Duplicate(id) => write!(f, "duplicate id {id}"),
            Problem::UnknownReference(name) => write!(f, "unknown reference {name}"),
            Problem::OutOfRange(value) => write!(f, "out of range: {value}"),
            Problem::KindMismatch => write!(f, "kind does not match promised_days"),
            Problem::Invalid(detail) => write!(f, "invalid: {detail}"),
            Problem::TooLong { chars, max } => write!(f, "{chars} characters, at most {max}"),
            Problem::NotASlug(id) => write!(f, "id {id:?} is not a plain slug"),
            Problem::NotARegularFile => write!(f, "not a regular file"),
            Problem::TooLarge { bytes, max } => write!(f, "{bytes} bytes, at most {max}"),
            Problem::NotANumber(value) => write!(f, "{value:?} is not a whole number"),
            Problem::NotADate(value) => write!(f, "{value:?} is not a date (YYYY-MM-DD)"),
        }
    }
}

/// Collects problems for required text fields.
pub(crate) fn require_text(problems: &mut Vec<FieldProblem>, field: &str, value: &str) {
    if value.trim().is_empty() {
        problems.push(FieldProblem::new(field, Problem::Empty));
    }
}

/// Collects problems for lists that must hold at least one non-empty entry.
pub(crate) fn require_texts(problems: &mut Vec<FieldProblem>, field: &str, values: &[String]) {
    if values.is_empty() {
        problems.push(FieldProblem::new(field, Problem::EmptyList));
    }
    for (index, value) in values.iter().enumerate() {
        require_text(problems, &format!("{field}[{index}]"), value);
    }
}
