//! Subsidy policies for the 《惠农政策补贴手册》 and the kiosk's 惠农政策 screen.

use serde::{Deserialize, Serialize};

use super::problem::{FieldProblem, Problem, require_text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub name: String,
    pub name_en: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// 补贴对象: who qualifies.
    pub who: String,
    /// 补贴标准.
    pub standard: String,
    /// 申领方式.
    pub how_to_apply: String,
    pub department: String,
    pub phone: String,
    pub source_year: i32,
    /// A figure not confirmed for this county: shown with "以当地最新政策为准".
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub related_items: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

impl Policy {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (field, value) in [
            ("id", &self.id),
            ("name", &self.name),
            ("name_en", &self.name_en),
            ("who", &self.who),
            ("standard", &self.standard),
            ("how_to_apply", &self.how_to_apply),
            ("department", &self.department),
            ("phone", &self.phone),
        ] {
            require_text(&mut problems, field, value);
        }
        if !(2000..=2100).contains(&self.source_year) {
            problems.push(FieldProblem::new(
                "source_year",
                Problem::OutOfRange(self.source_year.to_string()),
            ));
        }
        problems
    }
}
