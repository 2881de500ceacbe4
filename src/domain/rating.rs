//! 好差评: how a farmer rates the hall's service, once per case (一次一评, 一事一评) or once per
//! visit without a case (咨询), and how the hall answers a 差评 (回访/整改, 申诉复核).
//!
//! The five levels and their order are national (国办发〔2019〕51号, GB/T 39734-2020); the last two
//! are 差评. Rating is voluntary: nothing is pre-selected and a farmer may skip (未评价). A rating
//! names the case, never the farmer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::HolidayCalendar;

/// The follow-up deadline when the hall has set none (德州, 城关镇: 5 working days).
pub const DEFAULT_FOLLOW_UP_WORKING_DAYS: u32 = 5;
/// The longest free-text comment a farmer may leave.
pub const MAX_COMMENT_CHARS: usize = 500;
/// The longest note a member of staff may add to a follow-up or an appeal. A follow-up travels
/// whole, with every note (see `domain::follow_up`), and must fit one sync event.
pub const MAX_NOTE_CHARS: usize = 300;

/// The five levels, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingLevel {
    /// 非常满意 ★★★★★
    VerySatisfied,
    /// 满意 ★★★★
    Satisfied,
    /// 基本满意 ★★★
    BasicallySatisfied,
    /// 不满意 ★★ (差评)
    Dissatisfied,
    /// 非常不满意 ★ (差评)
    VeryDissatisfied,
}

impl RatingLevel {
    /// In the order the rating page shows them.
    pub const ALL: [RatingLevel; 5] = [
        RatingLevel::VerySatisfied,
        RatingLevel::Satisfied,
        RatingLevel::BasicallySatisfied,
        RatingLevel::Dissatisfied,
        RatingLevel::VeryDissatisfied,
    ];

    /// The stored and exported code.
    pub fn code(self) -> &'static str {
        match self {
            RatingLevel::VerySatisfied => "very_satisfied",
            RatingLevel::Satisfied => "satisfied",
            RatingLevel::BasicallySatisfied => "basically_satisfied",
            RatingLevel::Dissatisfied => "dissatisfied",
            RatingLevel::VeryDissatisfied => "very_dissatisfied",
        }
    }

    pub fn from_code(code: &str) -> Option<RatingLevel> {
        RatingLevel::ALL
            .into_iter()
            .find(|level| level.code() == code)
    }

    /// 不满意 and 非常不满意 are 差评: they ask for reasons and open a follow-up.
    pub fn is_bad(self) -> bool {
        matches!(
            self,
            RatingLevel::Dissatisfied | RatingLevel::VeryDissatisfied
        )
    }

    /// Stars shown beside the words (5 for 非常满意 … 1 for 非常不满意).
    pub fn stars(self) -> u8 {
        match self {
            RatingLevel::VerySatisfied => 5,
            RatingLevel::Satisfied => 4,
            RatingLevel::BasicallySatisfied => 3,
            RatingLevel::Dissatisfied => 2,
            RatingLevel::VeryDissatisfied => 1,
        }
    }
}

/// Why a farmer gave a 差评.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadReason {
    /// 办事效率
    Efficiency,
    /// 服务态度
    Attitude,
    /// 材料要求
    Materials,
    /// 办事指南不清
    UnclearGuide,
    /// 其他
    Other,
}

impl BadReason {
    pub const ALL: [BadReason; 5] = [
        BadReason::Efficiency,
        BadReason::Attitude,
        BadReason::Materials,
        BadReason::UnclearGuide,
        BadReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BadReason::Efficiency => "efficiency",
            BadReason::Attitude => "attitude",
            BadReason::Materials => "materials",
            BadReason::UnclearGuide => "unclear_guide",
            BadReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<BadReason> {
        BadReason::ALL
            .into_iter()
            .find(|reason| reason.code() == code)
    }
}

/// Where the rating was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingChannel {
    /// The public kiosk (自助终端).
    Kiosk,
    /// The agent's desk turned to the farmer (评价器).
    DeskRater,
}

impl RatingChannel {
    pub const ALL: [RatingChannel; 2] = [RatingChannel::Kiosk, RatingChannel::DeskRater];

    pub fn code(self) -> &'static str {
        match self {
            RatingChannel::Kiosk => "kiosk",
            RatingChannel::DeskRater => "desk_rater",
        }
    }

    pub fn from_code(code: &str) -> Option<RatingChannel> {
        RatingChannel::ALL
            .into_iter()
            .find(|channel| channel.code() == code)
    }
}

/// What the farmer chose on the rating page: a level (with reasons, comment and contact for a
/// 差评), or to skip (recorded as 未评价).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RatingAnswer {
    /// None: the farmer skipped (未评价).
    pub level: Option<RatingLevel>,
    pub reasons: Vec<BadReason>,
    pub comment: String,
    /// A phone number for the call-back, when the farmer wants one.
    pub contact: String,
}

/// Why an answer cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingProblem {
    #[error("a 差评 needs at least one reason")]
    ReasonRequired,
    #[error("reasons belong to a 差评 only")]
    ReasonsWithoutBadRating,
    #[error("the comment is longer than {MAX_COMMENT_CHARS} characters")]
    CommentTooLong,
    #[error("the contact is not a phone number")]
    BadContact,
    #[error("a skipped rating carries nothing else")]
    SkipWithDetails,
}

impl RatingAnswer {
    pub fn skipped() -> RatingAnswer {
        RatingAnswer::default()
    }

    /// Checks the answer; returns it tidied (reasons sorted and unique, text trimmed).
    pub fn checked(mut self) -> Result<RatingAnswer, RatingProblem> {
        self.comment = self.comment.trim().to_owned();
        self.contact = self.contact.trim().to_owned();
        self.reasons.sort();
        self.reasons.dedup();
        match self.level {
            None => {
                if !self.reasons.is_empty() || !self.comment.is_empty() || !self.contact.is_empty()
                {
                    return Err(RatingProblem::SkipWithDetails);
                }
            }
            Some(level) if level.is_bad() => {
                if self.reasons.is_empty() {
                    return Err(RatingProblem::ReasonRequired);
                }
            }
            Some(_) => {
                if !self.reasons.is_empty() {
                    return Err(RatingProblem::ReasonsWithoutBadRating);
                }
            }
        }
        if self.comment.chars().count() > MAX_COMMENT_CHARS {
            return Err(RatingProblem::CommentTooLong);
        }
        if !self.contact.is_empty() && !is_phone_like(&self.contact) {
            return Err(RatingProblem::BadContact);
        }
        Ok(self)
    }

    pub fn is_bad(&self) -> bool {
        self.level.is_some_and(RatingLevel::is_bad)
    }
}

/// A mobile or landline number as a farmer would give it for a call-back.
fn is_phone_like(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    text.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && (7..=12).contains(&digits)
}

/// The steps the hall takes on a 差评, in order (谁办理、谁负责).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStage {
    /// 核实: find out what happened.
    Verify,
    /// 整改: put it right.
    Rectify,
    /// 反馈: tell the farmer what was done.
    Feedback,
    /// 回访: call back and ask whether the farmer is satisfied now.
    Revisit,
    /// 已完成.
    Closed,
}

impl FollowUpStage {
    pub const ALL: [FollowUpStage; 5] = [
        FollowUpStage::Verify,
        FollowUpStage::Rectify,
        FollowUpStage::Feedback,
        FollowUpStage::Revisit,
        FollowUpStage::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FollowUpStage::Verify => "verify",
            FollowUpStage::Rectify => "rectify",
            FollowUpStage::Feedback => "feedback",
            FollowUpStage::Revisit => "revisit",
            FollowUpStage::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<FollowUpStage> {
        FollowUpStage::ALL
            .into_iter()
            .find(|stage| stage.code() == code)
    }

    /// The stage that finishing this one leads to; none once closed.
    pub fn next(self) -> Option<FollowUpStage> {
        match self {
            FollowUpStage::Verify => Some(FollowUpStage::Rectify),
            FollowUpStage::Rectify => Some(FollowUpStage::Feedback),
            FollowUpStage::Feedback => Some(FollowUpStage::Revisit),
            FollowUpStage::Revisit => Some(FollowUpStage::Closed),
            FollowUpStage::Closed => None,
        }
    }

    pub fn is_open(self) -> bool {
        self != FollowUpStage::Closed
    }
}

/// 申诉复核: the hall asks that a rating it believes mistaken or malicious be set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealState {
    /// Filed, waiting for an admin.
    Pending,
    /// The admin agreed: the rating no longer counts as a 差评 (nor in 满意度).
    Upheld,
    /// The admin disagreed: the rating stands.
    Rejected,
}

impl AppealState {
    pub const ALL: [AppealState; 3] = [
        AppealState::Pending,
        AppealState::Upheld,
        AppealState::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AppealState::Pending => "pending",
            AppealState::Upheld => "upheld",
            AppealState::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<AppealState> {
        AppealState::ALL
            .into_iter()
            .find(|state| state.code() == code)
    }
}

/// One rating as stored (and as the county receives it). It names the case, never the farmer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRecord {
    pub id: String,
    /// The case's id; none for a visit rated without a case (咨询).
    pub application: Option<String>,
    pub case_number: Option<String>,
    pub item_id: Option<String>,
    pub window: Option<u32>,
    /// The responsible agent's account.
    pub agent_login: Option<String>,
    pub channel: RatingChannel,
    /// None: 未评价 (the farmer skipped).
    pub level: Option<RatingLevel>,
    pub reasons: Vec<BadReason>,
    pub comment: String,
    pub contact: String,
    pub rated_at: String,
    /// The device code of the terminal it was given on.
    pub device: String,
}

/// One step's note: who did what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpNote {
    pub at: String,
    pub actor_login: String,
    pub actor_name: String,
    /// The step the note finished.
    pub stage: FollowUpStage,
    pub note: String,
}

/// 申诉复核: filed by staff with a reason, decided by an admin with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub state: AppealState,
    pub reason: String,
    pub by: String,
    pub at: String,
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

/// When the follow-up of a 差评 given on `rated_on` is due.
pub fn follow_up_due(
    calendar: &HolidayCalendar,
    rated_on: NaiveDate,
    working_days: u32,
) -> NaiveDate {
    calendar.add_working_days(rated_on, working_days)
}

/// 满意度: the share of ratings given (skips and upheld appeals left out) that are not 差评;
/// None when there is no rating to share.
pub fn satisfaction(rated: u64, bad: u64) -> Option<f64> {
    (rated > 0).then(|| (rated - bad.min(rated)) as f64 / rated as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(reasons: &[BadReason]) -> RatingAnswer {
        RatingAnswer {
            level: Some(RatingLevel::Dissatisfied),
            reasons: reasons.to_vec(),
            ..RatingAnswer::default()
        }
    }

    #[test]
    fn the_last_two_levels_are_bad_ratings() {
        let bad: Vec<_> = RatingLevel::ALL
            .into_iter()
            .filter(|l| l.is_bad())
            .collect();
        assert_eq!(
            bad,
            [RatingLevel::Dissatisfied, RatingLevel::VeryDissatisfied]
        );
        assert_eq!(RatingLevel::ALL.map(RatingLevel::stars), [5, 4, 3, 2, 1]);
    }

    #[test]
    fn codes_round_trip() {
        for level in RatingLevel::ALL {
            assert_eq!(RatingLevel::from_code(level.code()), Some(level));
        }
        for reason in BadReason::ALL {
            assert_eq!(BadReason::from_code(reason.code()), Some(reason));
        }
        for stage in FollowUpStage::ALL {
            assert_eq!(FollowUpStage::from_code(stage.code()), Some(stage));
        }
        for state in AppealState::ALL {
            assert_eq!(AppealState::from_code(state.code()), Some(state));
        }
        for channel in RatingChannel::ALL {
            assert_eq!(RatingChannel::from_code(channel.code()), Some(channel));
        }
    }

    #[test]
    fn a_bad_rating_needs_a_reason() {
        assert_eq!(bad(&[]).checked(), Err(RatingProblem::ReasonRequired));
        let answer = bad(&[BadReason::Other, BadReason::Attitude, BadReason::Other])
            .checked()
            .unwrap();
        assert_eq!(answer.reasons, [BadReason::Attitude, BadReason::Other]);
    }

    #[test]
    fn a_good_rating_carries_no_reasons() {
        let answer = RatingAnswer {
            level: Some(RatingLevel::Satisfied),
            reasons: vec![BadReason::Attitude],
            ..RatingAnswer::default()
        };
        assert_eq!(
            answer.checked(),
            Err(RatingProblem::ReasonsWithoutBadRating)
        );
    }

    #[test]
    fn a_skip_is_recorded_empty() {
        assert!(RatingAnswer::skipped().checked().is_ok());
        let answer = RatingAnswer {
            comment: "x".into(),
            ..RatingAnswer::skipped()
        };
        assert_eq!(answer.checked(), Err(RatingProblem::SkipWithDetails));
    }

    #[test]
    fn contact_and_comment_are_checked() {
        let mut answer = bad(&[BadReason::Efficiency]);
        answer.contact = "138 0000 0000".into();
        assert!(answer.clone().checked().is_ok());
        answer.contact = "张三".into();
        assert_eq!(answer.clone().checked(), Err(RatingProblem::BadContact));
        answer.contact.clear();
        answer.comment = "慢".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(answer.checked(), Err(RatingProblem::CommentTooLong));
    }

    #[test]
    fn follow_ups_move_through_four_steps() {
        let mut stage = FollowUpStage::Verify;
        let mut seen = vec![stage];
        while let Some(next) = stage.next() {
            stage = next;
            seen.push(stage);
        }
        assert_eq!(seen, FollowUpStage::ALL);
        assert!(!FollowUpStage::Closed.is_open());
    }

    #[test]
    fn satisfaction_is_the_share_that_is_not_bad() {
        assert_eq!(satisfaction(0, 0), None);
        assert_eq!(satisfaction(1000, 2), Some(0.998));
        assert_eq!(satisfaction(4, 4), Some(0.0));
    }

    #[test]
    fn the_follow_up_is_due_in_working_days() {
        let calendar = HolidayCalendar::shipped();
        // Friday 2026-11-27 + 5 working days = Friday 2026-12-04.
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(
            follow_up_due(&calendar, friday, 5),
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
        );
    }
}
