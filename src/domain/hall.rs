//! The hall's profile: name, codes, contacts, windows, and the kiosk's house rules.

use serde::{Deserialize, Serialize};

use super::problem::{FieldProblem, Problem, require_text};
use super::type_scale::TextSize;
use crate::i18n::Language;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HallProfile {
    pub name: String,
    pub name_en: String,
    pub township: String,
    pub county: String,
    /// 9-digit statistical division code of the township (e.g. 621023202).
    pub township_code: String,
    pub address: String,
    pub hours: String,
    pub hours_en: String,
    pub phone: String,
    /// The "168" voice line for agricultural-input information.
    pub hotline_168: String,
    pub hotline_168_note: String,
    /// 12345 supervision and complaints line.
    pub supervision_phone: String,
    pub supervision_note: String,
    /// The address and phone are samples until the hall confirms them.
    #[serde(default)]
    pub sample: bool,
    /// Working days the hall gives itself to follow up a 差评 (a local rule: 5, 7 or 15 are seen).
    #[serde(default = "default_follow_up_working_days")]
    pub follow_up_working_days: u32,
}

fn default_follow_up_working_days() -> u32 {
    super::rating::DEFAULT_FOLLOW_UP_WORKING_DAYS
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceWindow {
    pub number: u32,
    pub name: String,
    pub name_en: String,
}

impl ServiceWindow {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if !(1..=99).contains(&self.number) {
            problems.push(FieldProblem::new(
                "number",
                Problem::OutOfRange(self.number.to_string()),
            ));
        }
        require_text(&mut problems, "name", &self.name);
        require_text(&mut problems, "name_en", &self.name_en);
        problems
    }
}

/// A village (行政村) of the township, with its number of groups (村民小组).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Village {
    pub name: String,
    pub groups: u32,
}

impl Village {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        require_text(&mut problems, "name", &self.name);
        if !(1..=99).contains(&self.groups) {
            problems.push(FieldProblem::new(
                "groups",
                Problem::OutOfRange(self.groups.to_string()),
            ));
        }
        problems
    }
}

/// How the public kiosk behaves; the hall sets these in hall.toml `[kiosk]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskSettings {
    /// Seconds without input, away from Home, before "还在吗？" appears.
    pub idle_seconds: u32,
    /// Seconds the prompt counts down before the kiosk returns Home.
    pub prompt_seconds: u32,
    pub default_text_size: u16,
    pub default_language: Language,
    /// Seconds without input after which an agent's desk logs out and returns to Home.
    pub desk_logout_seconds: u32,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            idle_seconds: 90,
            prompt_seconds: 20,
            default_text_size: TextSize::DEFAULT.px(),
            default_language: Language::ZhCn,
            desk_logout_seconds: 600,
        }
    }
}

impl HallProfile {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (field, value) in [
            ("name", &self.name),
            ("name_en", &self.name_en),
            ("township", &self.township),
            ("county", &self.county),
            ("address", &self.address),
            ("hours", &self.hours),
            ("phone", &self.phone),
            ("hotline_168", &self.hotline_168),
            ("supervision_phone", &self.supervision_phone),
        ] {
            require_text(&mut problems, field, value);
        }
        let code = &self.township_code;
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(FieldProblem::new(
                "township_code",
                Problem::OutOfRange(code.clone()),
            ));
        }
        if !(1..=30).contains(&self.follow_up_working_days) {
            problems.push(FieldProblem::new(
                "follow_up_working_days",
                Problem::OutOfRange(self.follow_up_working_days.to_string()),
            ));
        }
        problems
    }
}

impl KioskSettings {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if !(10..=3600).contains(&self.idle_seconds) {
            problems.push(FieldProblem::new(
                "idle_seconds",
                Problem::OutOfRange(self.idle_seconds.to_string()),
            ));
        }
        if !(5..=300).contains(&self.prompt_seconds) {
            problems.push(FieldProblem::new(
                "prompt_seconds",
                Problem::OutOfRange(self.prompt_seconds.to_string()),
            ));
        }
        if !(30..=3600).contains(&self.desk_logout_seconds) {
            problems.push(FieldProblem::new(
                "desk_logout_seconds",
                Problem::OutOfRange(self.desk_logout_seconds.to_string()),
            ));
        }
        if TextSize::new(self.default_text_size).is_none() {
            problems.push(FieldProblem::new(
                "default_text_size",
                Problem::OutOfRange(self.default_text_size.to_string()),
            ));
        }
        problems
    }
}
