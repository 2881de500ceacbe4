//! The hall's service items (the 39 proxy services), their categories, materials and procedure.

use serde::{Deserialize, Serialize};

use super::problem::{FieldProblem, Problem, require_text, require_texts};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// The window that handles this category.
    pub window: u32,
}

/// 即办件 (done on the spot) or 承诺件 (done within promised working days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Instant,
    Promised,
}

/// One paper the applicant brings (申请材料).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub name: String,
    /// 必要 (true) or 非必要 (false).
    pub required: bool,
    /// 份数; 0 means the original is only inspected.
    pub copies: u32,
    /// 规格: original, copy, or both.
    pub form: String,
    /// 来源渠道: where the applicant gets it.
    pub source: String,
    /// 审查要点: what the window checks.
    pub check: String,
}

/// One box of the procedure flow chart (办事流程).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    pub actor: String,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// A service the hall handles on a farmer's behalf, with everything its one-time notice shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceItem {
    pub id: String,
    pub number: u32,
    pub category: String,
    pub name: String,
    pub name_en: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub summary: String,
    pub department: String,
    pub window: u32,
    pub kind: ItemKind,
    /// 法定办结时限 in working days, where a law sets one.
    #[serde(default)]
    pub legal_days: Option<u32>,
    /// 承诺办结时限 in working days; 0 for an instant item.
    pub promised_days: u32,
    pub fee_yuan: u32,
    #[serde(default)]
    pub fee_note: Option<String>,
    /// 到现场次数.
    pub visits: u32,
    pub legal_basis: Vec<String>,
    pub conditions: Vec<String>,
    pub consult_phone: String,
    pub supervision_phone: String,
    #[serde(default)]
    pub unverified: bool,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(rename = "material")]
    pub materials: Vec<Material>,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

/// The most working days any item may promise: beyond this the data is surely a typo.
const MAX_DAYS: u32 = 365;

impl Category {
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        require_text(&mut problems, "id", &self.id);
        require_text(&mut problems, "code", &self.code);
        require_text(&mut problems, "name", &self.name);
        require_text(&mut problems, "name_en", &self.name_en);
        problems
    }
}

impl ServiceItem {
    /// Problems inside this entry alone (references to other entries are checked by the loader).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (field, value) in [
            ("id", &self.id),
            ("category", &self.category),
            ("name", &self.name),
            ("name_en", &self.name_en),
            ("summary", &self.summary),
            ("department", &self.department),
            ("consult_phone", &self.consult_phone),
            ("supervision_phone", &self.supervision_phone),
        ] {
            require_text(&mut problems, field, value);
        }
        require_texts(&mut problems, "legal_basis", &self.legal_basis);
        require_texts(&mut problems, "conditions", &self.conditions);
        if self.materials.is_empty() {
            problems.push(FieldProblem::new("material", Problem::EmptyList));
        }
        for (index, material) in self.materials.iter().enumerate() {
            let prefix = format!("material[{index}]");
            require_text(&mut problems, &format!("{prefix}.name"), &material.name);
            require_text(&mut problems, &format!("{prefix}.form"), &material.form);
            require_text(&mut problems, &format!("{prefix}.source"), &material.source);
            require_text(&mut problems, &format!("{prefix}.check"), &material.check);
        }
        if self.steps.is_empty() {
            problems.push(FieldProblem::new("step", Problem::EmptyList));
        }
        for (index, step) in self.steps.iter().enumerate() {
            let prefix = format!("step[{index}]");
            require_text(&mut problems, &format!("{prefix}.title"), &step.title);
            require_text(&mut problems, &format!("{prefix}.actor"), &step.actor);
            require_text(&mut problems, &format!("{prefix}.detail"), &step.detail);
        }
        if self.promised_days > MAX_DAYS {
            problems.push(FieldProblem::new(
                "promised_days",
                Problem::OutOfRange(self.promised_days.to_string()),
            ));
        }
        if let Some(legal) = self.legal_days {
            if legal == 0 || legal > MAX_DAYS {
                problems.push(FieldProblem::new(
                    "legal_days",
                    Problem::OutOfRange(legal.to_string()),
                ));
            } else if self.promised_days > legal {
                // A hall may promise less than the law allows, never more.
                problems.push(FieldProblem::new(
                    "promised_days",
                    Problem::OutOfRange(format!("{} > legal_days {legal}", self.promised_days)),
                ));
            }
        }
        let instant = self.kind == ItemKind::Instant;
        if instant != (self.promised_days == 0) {
            problems.push(FieldProblem::new("kind", Problem::KindMismatch));
        }
        if self.visits > 5 {
            problems.push(FieldProblem::new(
                "visits",
                Problem::OutOfRange(self.visits.to_string()),
            ));
        }
        problems
    }

    pub fn required_materials(&self) -> impl Iterator<Item = &Material> {
        self.materials.iter().filter(|material| material.required)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample_item() -> ServiceItem {
        ServiceItem {
            id: "birth-registration".into(),
            number: 18,
            category: "health".into(),
            name: "生育登记".into(),
            name_en: "Birth registration".into(),
            keywords: vec![],
            summary: "登记生育。".into(),
            department: "卫健".into(),
            window: 1,
            kind: ItemKind::Instant,
            legal_days: None,
            promised_days: 0,
            fee_yuan: 0,
            fee_note: None,
            visits: 1,
            legal_basis: vec!["《人口与计划生育法》".into()],
            conditions: vec!["夫妻双方".into()],
            consult_phone: "0934-0000000".into(),
            supervision_phone: "12345".into(),
            unverified: false,
            source: None,
            materials: vec![Material {
                name: "居民身份证".into(),
                required: true,
                copies: 1,
                form: "原件".into(),
                source: "自备".into(),
                check: "有效".into(),
            }],
            steps: vec![Step {
                title: "申请".into(),
                actor: "申请人".into(),
                detail: "到窗口".into(),
                days: None,
            }],
        }
    }

    #[test]
    fn a_complete_item_has_no_problems() {
        assert_eq!(sample_item().problems(), vec![]);
    }

    #[test]
    fn an_item_without_materials_or_steps_is_reported_by_field() {
        let mut item = sample_item();
        item.materials.clear();
        item.steps[0].detail = "  ".into();
        let fields: Vec<_> = item.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["material", "step[0].detail"]);
    }

    #[test]
    fn an_instant_item_may_not_promise_days() {
        let mut item = sample_item();
        item.promised_days = 3;
        assert!(
            item.problems()
                .iter()
                .any(|p| p.field == "kind" && p.problem == Problem::KindMismatch)
        );
    }

    #[test]
    fn a_promise_longer_than_the_law_is_refused() {
        let mut item = sample_item();
        item.kind = ItemKind::Promised;
        item.promised_days = 10;
        item.legal_days = Some(7);
        assert!(item.problems().iter().any(|p| p.field == "promised_days"));
    }
}
