//! Proxy applications (代办件): the materials check at intake, the case states and which moves
//! between them are legal.

use serde::{Deserialize, Serialize};

use super::ServiceItem;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 待补正: required materials are missing; the one-time notice lists them all.
    AwaitingCorrection,
    /// 已受理: materials complete, case number issued, the deadline runs.
    Accepted,
    /// 代办中: the agent is working on it.
    InProgress,
    /// 已报送县级: papers sent to the county department.
    ReportedToCounty,
    /// 已办结.
    Completed,
    /// 退回: handed back to the applicant with a reason.
    Returned,
    /// 不予受理: refused with a reason.
    Refused,
}

/// A move from one state to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// The missing materials arrived: accept and issue a case number.
    Accept,
    StartHandling,
    ReportToCounty,
    Complete,
    Return,
    Refuse,
}

impl CaseState {
    pub const ALL: [CaseState; 7] = [
        CaseState::AwaitingCorrection,
        CaseState::Accepted,
        CaseState::InProgress,
        CaseState::ReportedToCounty,
        CaseState::Completed,
        CaseState::Returned,
        CaseState::Refused,
    ];

    /// The stable code stored in the database and printed by the command line.
    pub fn code(self) -> &'static str {
        match self {
            CaseState::AwaitingCorrection => "awaiting_correction",
            CaseState::Accepted => "accepted",
            CaseState::InProgress => "in_progress",
            CaseState::ReportedToCounty => "reported_to_county",
            CaseState::Completed => "completed",
            CaseState::Returned => "returned",
            CaseState::Refused => "refused",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseState> {
        CaseState::ALL
            .into_iter()
            .find(|state| state.code() == code)
    }

    /// Still being worked on: the deadline matters.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            CaseState::Completed | CaseState::Returned | CaseState::Refused
        )
    }

    /// The moves an agent may make from here, in the order the screen offers them.
    pub fn transitions(self) -> &'static [Transition] {
        use Transition::*;
        match self {
            CaseState::AwaitingCorrection => &[Accept, Refuse],
            CaseState::Accepted => &[StartHandling, Return, Refuse],
            CaseState::InProgress => &[ReportToCounty, Complete, Return],
            CaseState::ReportedToCounty => &[Complete, Return],
            CaseState::Completed | CaseState::Returned | CaseState::Refused => &[],
        }
    }

    /// The state a legal move leads to.
    pub fn apply(self, transition: Transition) -> Result<CaseState, IllegalTransition> {
        if !self.transitions().contains(&transition) {
            return Err(IllegalTransition {
                from: self,
                transition,
            });
        }
        Ok(transition.target())
    }
}

impl Transition {
    pub fn target(self) -> CaseState {
        match self {
            Transition::Accept => CaseState::Accepted,
            Transition::StartHandling => CaseState::InProgress,
            Transition::ReportToCounty => CaseState::ReportedToCounty,
            Transition::Complete => CaseState::Completed,
            Transition::Return => CaseState::Returned,
            Transition::Refuse => CaseState::Refused,
        }
    }

    /// Returning or refusing a case must say why (the applicant is told).
    pub fn needs_reason(self) -> bool {
        matches!(self, Transition::Return | Transition::Refuse)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{transition:?} is not allowed from {from:?}")]
pub struct IllegalTransition {
    pub from: CaseState,
    pub transition: Transition,
}

/// What intake decides from the materials checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intake {
    Accepted,
    /// Every required material not received, all at once (一次性告知).
    NeedsCorrection {
        missing: Vec<String>,
    },
}

/// Checks the received flags (one per material of the item, in order) against the item.
pub fn intake(item: &ServiceItem, received: &[bool]) -> Intake {
    let missing: Vec<String> = item
        .materials
        .iter()
        .enumerate()
        .filter(|(index, material)| {
            material.required && !received.get(*index).copied().unwrap_or(false)
        })
        .map(|(_, material)| material.name.clone())
        .collect();
    if missing.is_empty() {
        Intake::Accepted
    } else {
        Intake::NeedsCorrection { missing }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Material;
    use crate::domain::catalog::tests::sample_item;

    #[test]
    fn every_legal_transition_leads_where_it_says() {
        use CaseState::*;
        use Transition::*;
        let legal = [
            (AwaitingCorrection, Accept, Accepted),
            (AwaitingCorrection, Refuse, Refused),
            (Accepted, StartHandling, InProgress),
            (Accepted, Return, Returned),
            (Accepted, Refuse, Refused),
            (InProgress, ReportToCounty, ReportedToCounty),
            (InProgress, Complete, Completed),
            (InProgress, Return, Returned),
            (ReportedToCounty, Complete, Completed),
            (ReportedToCounty, Return, Returned),
        ];
        for (from, transition, to) in legal {
            assert_eq!(from.apply(transition), Ok(to), "{from:?} {transition:?}");
        }
        // Every other pair is refused.
        let all = [
            Accept,
            StartHandling,
            ReportToCounty,
            Complete,
            Return,
            Refuse,
        ];
        let mut illegal = 0;
        for from in CaseState::ALL {
            for transition in all {
                if !legal.iter().any(|(f, t, _)| *f == from && *t == transition) {
                    assert!(from.apply(transition).is_err(), "{from:?} {transition:?}");
                    illegal += 1;
                }
            }
        }
        assert_eq!(illegal, 7 * 6 - legal.len());
    }

    #[test]
    fn closed_cases_offer_no_moves() {
        for state in [
            CaseState::Completed,
            CaseState::Returned,
            CaseState::Refused,
        ] {
            assert!(state.transitions().is_empty());
            assert!(!state.is_open());
        }
    }

    #[test]
    fn state_codes_round_trip() {
        for state in CaseState::ALL {
            assert_eq!(CaseState::from_code(state.code()), Some(state));
        }
        assert_eq!(CaseState::from_code("lost"), None);
    }

    #[test]
    fn returning_and_refusing_need_a_reason() {
        assert!(Transition::Return.needs_reason());
        assert!(Transition::Refuse.needs_reason());
        assert!(!Transition::Complete.needs_reason());
    }

    #[test]
    fn intake_lists_every_missing_required_material_at_once() {
        let mut item = sample_item();
        let paper = |name: &str, required| Material {
            name: name.into(),
            required,
            ..item.materials[0].clone()
        };
        item.materials = vec![
            paper("身份证", true),
            paper("户口簿", true),
            paper("委托书", false),
            paper("申请表", true),
        ];
        assert_eq!(
            intake(&item, &[false, true, false, false]),
            Intake::NeedsCorrection {
                missing: vec!["身份证".into(), "申请表".into()]
            }
        );
        assert_eq!(intake(&item, &[true, true, false, true]), Intake::Accepted);
    }
}
