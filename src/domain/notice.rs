//! The hall's public notice board (公开栏): boards and the notices pinned on them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::problem::{FieldProblem, require_text};

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
    pub date: NaiveDate,
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
        problems
    }

    /// The body split into paragraphs, each trimmed, blank ones dropped.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|paragraph| !paragraph.is_empty())
    }
}
