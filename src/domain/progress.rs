//! The progress line a farmer sees at the kiosk: 受理 → 办理 → 报县 → 办结 with the day each
//! step was reached, and for a case that stopped, how it stopped: the missing materials of a
//! 待补正 case, the reason of a 退回 or 不予受理, the day a case was completed.

use chrono::NaiveDate;
use serde::Serialize;

use super::application::CaseState;

/// One step of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 受理
    Accepted,
    /// 办理
    Handling,
    /// 报县
    County,
    /// 办结
    Completed,
}

impl Stage {
    /// The state a case enters when it reaches this step.
    fn state(self) -> CaseState {
        match self {
            Stage::Accepted => CaseState::Accepted,
            Stage::Handling => CaseState::InProgress,
            Stage::County => CaseState::ReportedToCounty,
            Stage::Completed => CaseState::Completed,
        }
    }
}

/// A step and the day it was reached (None: not yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageMark {
    pub stage: Stage,
    pub reached: Option<NaiveDate>,
}

/// One move of a case's history: the state it entered, the day, and the agent's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub to: CaseState,
    pub on: NaiveDate,
    pub note: String,
}

/// How the case stands, with what the farmer needs to act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Being worked on.
    Open,
    /// 待补正: bring these materials to the window.
    AwaitingCorrection {
        missing: Vec<String>,
    },
    Completed {
        on: NaiveDate,
    },
    /// 退回: handed back with a reason.
    Returned {
        on: NaiveDate,
        reason: String,
    },
    /// 不予受理: refused with a reason.
    Refused {
        on: NaiveDate,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub stages: Vec<StageMark>,
    pub outcome: Outcome,
}

impl Progress {
    /// The first step not reached yet while the case is open: where it stands now.
    pub fn next_stage(&self) -> Option<Stage> {
        if self.outcome != Outcome::Open {
            return None;
        }
        self.stages
            .iter()
            .find(|mark| mark.reached.is_none())
            .map(|mark| mark.stage)
    }
}

/// The line for a case in `state` with its `moves` (oldest first) and the required materials
/// not yet received. A step the case skipped (报县 for work the township finishes itself) is left
/// out once the case is closed; a returned or refused case shows only the steps it reached.
pub fn progress(state: CaseState, moves: &[Move], missing: Vec<String>) -> Progress {
    let reached = |stage: Stage| {
        moves
            .iter()
            .rev()
            .find(|step| step.to == stage.state())
            .map(|step| step.on)
    };
    let last_into = |state: CaseState| moves.iter().rev().find(|step| step.to == state);
    let stopped = matches!(state, CaseState::Returned | CaseState::Refused);
    let stages = [
        Stage::Accepted,
        Stage::Handling,
        Stage::County,
        Stage::Completed,
    ]
    .into_iter()
    .map(|stage| StageMark {
        stage,
        reached: reached(stage),
    })
    .filter(|mark| {
        mark.reached.is_some()
            || !(stopped || (state == CaseState::Completed && mark.stage == Stage::County))
    })
    .collect();
    let stop = |state: CaseState| {
        last_into(state)
            .map(|step| (step.on, step.note.trim().to_owned()))
            .unwrap_or_default()
    };
    let outcome = match state {
        CaseState::AwaitingCorrection => Outcome::AwaitingCorrection { missing },
        CaseState::Accepted | CaseState::InProgress | CaseState::ReportedToCounty => Outcome::Open,
        CaseState::Completed => match reached(Stage::Completed) {
            Some(on) => Outcome::Completed { on },
            None => Outcome::Open,
        },
        CaseState::Returned => {
            let (on, reason) = stop(CaseState::Returned);
            Outcome::Returned { on, reason }
        }
        CaseState::Refused => {
            let (on, reason) = stop(CaseState::Refused);
            Outcome::Refused { on, reason }
        }
    };
    Progress { stages, outcome }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn step(to: CaseState, d: u32, note: &str) -> Move {
        Move {
            to,
            on: day(d),
            note: note.into(),
        }
    }

    fn reached(progress: &Progress) -> Vec<(Stage, Option<NaiveDate>)> {
        progress
            .stages
            .iter()
            .map(|mark| (mark.stage, mark.reached))
            .collect()
    }

    #[test]
    fn an_open_case_shows_every_step_with_the_days_reached_so_far() {
        let moves = [
            step(CaseState::AwaitingCorrection, 2, ""),
            step(CaseState::Accepted, 2, ""),
            step(CaseState::InProgress, 3, ""),
        ];
        let line = progress(CaseState::InProgress, &moves, Vec::new());
        assert_eq!(
            reached(&line),
            vec![
                (Stage::Accepted, Some(day(2))),
                (Stage::Handling, Some(day(3))),
                (Stage::County, None),
                (Stage::Completed, None),
            ]
        );
        assert_eq!(line.outcome, Outcome::Open);
        assert_eq!(line.next_stage(), Some(Stage::County));
    }

    #[test]
    fn a_completed_case_gives_its_completion_day_and_leaves_out_a_skipped_county_step() {
        let moves = [
            step(CaseState::Accepted, 2, ""),
            step(CaseState::InProgress, 3, ""),
            step(CaseState::Completed, 6, ""),
        ];
        let line = progress(CaseState::Completed, &moves, Vec::new());
        assert_eq!(
            reached(&line),
            vec![
                (Stage::Accepted, Some(day(2))),
                (Stage::Handling, Some(day(3))),
                (Stage::Completed, Some(day(6))),
            ]
        );
        assert_eq!(line.outcome, Outcome::Completed { on: day(6) });
        assert_eq!(line.next_stage(), None);
    }

    #[test]
    fn a_refused_case_gives_the_reason_and_only_the_steps_it_reached() {
        let moves = [
            step(CaseState::AwaitingCorrection, 2, ""),
            step(CaseState::Refused, 4, "  户籍不在本乡镇 "),
        ];
        let line = progress(CaseState::Refused, &moves, vec!["户口簿".into()]);
        assert!(line.stages.is_empty());
        assert_eq!(
            line.outcome,
            Outcome::Refused {
                on: day(4),
                reason: "户籍不在本乡镇".into()
            }
        );
    }

    #[test]
    fn a_returned_case_gives_the_latest_return() {
        let moves = [
            step(CaseState::Accepted, 2, ""),
            step(CaseState::Returned, 5, "照片不清楚，请重新提供"),
        ];
        let line = progress(CaseState::Returned, &moves, Vec::new());
        assert_eq!(reached(&line), vec![(Stage::Accepted, Some(day(2)))]);
        assert_eq!(
            line.outcome,
            Outcome::Returned {
                on: day(5),
                reason: "照片不清楚，请重新提供".into()
            }
        );
    }

    #[test]
    fn a_case_awaiting_correction_lists_what_to_bring() {
        let moves = [step(CaseState::AwaitingCorrection, 2, "")];
        let line = progress(
            CaseState::AwaitingCorrection,
            &moves,
            vec!["户口簿".into(), "银行卡".into()],
        );
        assert_eq!(line.stages.len(), 4);
        assert!(line.stages.iter().all(|mark| mark.reached.is_none()));
        assert_eq!(
            line.outcome,
            Outcome::AwaitingCorrection {
                missing: vec!["户口簿".into(), "银行卡".into()]
            }
        );
    }
}
