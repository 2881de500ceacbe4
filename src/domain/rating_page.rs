//! The rating page a farmer fills in (好差评), at the kiosk or on an agent's desk turned round
//! (评价器): choose one of the five levels; for a 差评, at least one reason, then an optional
//! comment and an optional phone number for the call-back; then submit. Nothing is ever chosen
//! for the farmer, and every step offers 不评价 (recorded as 未评价 for a case).

use super::application::CaseState;
use super::rating::{BadReason, MAX_COMMENT_CHARS, RatingAnswer, RatingLevel};

/// The most digits the phone box takes (a landline with its area code has 11 or 12).
pub const MAX_CONTACT_DIGITS: usize = 12;
/// The fewest digits a phone number for the call-back has (a local landline).
pub const MIN_CONTACT_DIGITS: usize = 7;

/// Where the farmer is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The five levels.
    Levels,
    /// A 差评 was chosen: reasons, comment and phone.
    Details,
}

/// What the submit button still needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// No level is chosen.
    Level,
    /// A 差评 needs at least one reason.
    Reason,
    /// The phone number is begun but too short to call back.
    Contact,
}

/// The farmer's answers so far. Starts empty: no level, no reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingPage {
    step: Step,
    level: Option<RatingLevel>,
    reasons: Vec<BadReason>,
    comment: String,
    contact: String,
}

impl Default for RatingPage {
    fn default() -> Self {
        RatingPage::new()
    }
}

impl RatingPage {
    /// A fresh page: the five levels, none chosen.
    pub fn new() -> RatingPage {
        RatingPage {
            step: Step::Levels,
            level: None,
            reasons: Vec::new(),
            comment: String::new(),
            contact: String::new(),
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn level(&self) -> Option<RatingLevel> {
        self.level
    }

    pub fn has_reason(&self, reason: BadReason) -> bool {
        self.reasons.contains(&reason)
    }

    pub fn reasons(&self) -> &[BadReason] {
        &self.reasons
    }

    pub fn comment(&self) -> &str {
        &self.comment
    }

    pub fn contact(&self) -> &str {
        &self.contact
    }

    /// The farmer tapped a level. A 差评 goes on to its reasons; a good level is marked and
    /// waits for 提交 (so a stray tap is not a rating), and drops any 差评 details given
    /// before the farmer changed their mind.
    pub fn choose(&mut self, level: RatingLevel) {
        self.level = Some(level);
        if level.is_bad() {
            self.step = Step::Details;
        } else {
            self.reasons.clear();
            self.comment.clear();
            self.contact.clear();
            self.step = Step::Levels;
        }
    }

    /// 重新选择: back to the five levels with none chosen; the reasons stay for a 差评 chosen
    /// again.
    pub fn choose_again(&mut self) {
        self.level = None;
        self.step = Step::Levels;
    }

    /// Reasons are toggles: several may be chosen.
    pub fn toggle(&mut self, reason: BadReason) {
        if self.step != Step::Details {
            return;
        }
        match self.reasons.iter().position(|&r| r == reason) {
            Some(at) => {
                self.reasons.remove(at);
            }
            None => self.reasons.push(reason),
        }
    }

    /// The comment as typed, cut at the longest the hall keeps.
    pub fn set_comment(&mut self, comment: &str) {
        if self.step == Step::Details {
            self.comment = comment.chars().take(MAX_COMMENT_CHARS).collect();
        }
    }

    /// A digit tapped on the phone box's number pad; anything else is ignored.
    pub fn push_contact(&mut self, digit: char) {
        if self.step == Step::Details
            && digit.is_ascii_digit()
            && self.contact.len() < MAX_CONTACT_DIGITS
        {
            self.contact.push(digit);
        }
    }

    pub fn pop_contact(&mut self) {
        self.contact.pop();
    }

    pub fn clear_contact(&mut self) {
        self.contact.clear();
    }

    /// What the submit button still needs, the first missing thing first; None when ready.
    pub fn needs(&self) -> Option<Need> {
        let level = match self.level {
            None => return Some(Need::Level),
            Some(level) => level,
        };
        if level.is_bad() {
            if self.reasons.is_empty() {
                return Some(Need::Reason);
            }
            if !self.contact.is_empty() && self.contact.len() < MIN_CONTACT_DIGITS {
                return Some(Need::Contact);
            }
        }
        None
    }

    /// The answer to record, or what is still needed.
    pub fn submit(&self) -> Result<RatingAnswer, Need> {
        if let Some(need) = self.needs() {
            return Err(need);
        }
        let bad = self.level.is_some_and(RatingLevel::is_bad);
        Ok(RatingAnswer {
            level: self.level,
            reasons: if bad {
                self.reasons.clone()
            } else {
                Vec::new()
            },
            comment: if bad {
                self.comment.clone()
            } else {
                String::new()
            },
            contact: if bad {
                self.contact.clone()
            } else {
                String::new()
            },
        })
    }
}

/// Whether the desk offers the farmer the rating page after a case moved `from` → `to`: when it
/// was accepted (at intake, `from` None, or after 补正) or completed.
pub fn desk_asks_rating(from: Option<CaseState>, to: CaseState) -> bool {
    from != Some(to) && matches!(to, CaseState::Accepted | CaseState::Completed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_page_has_nothing_chosen_and_cannot_be_submitted() {
        let page = RatingPage::new();
        assert_eq!(page.step(), Step::Levels);
        assert_eq!(page.level(), None);
        assert!(page.reasons().is_empty());
        assert_eq!(page.needs(), Some(Need::Level));
        assert_eq!(page.submit(), Err(Need::Level));
    }

    #[test]
    fn a_good_level_is_marked_and_submitted_without_details() {
        let mut page = RatingPage::new();
        page.choose(RatingLevel::Satisfied);
        assert_eq!(page.step(), Step::Levels);
        assert_eq!(page.needs(), None);
        let answer = page.submit().unwrap();
        assert_eq!(answer.level, Some(RatingLevel::Satisfied));
        assert!(answer.reasons.is_empty());
        assert!(answer.clone().checked().is_ok());
    }

    #[test]
    fn a_bad_level_asks_for_at_least_one_reason_and_takes_several() {
        let mut page = RatingPage::new();
        page.choose(RatingLevel::VeryDissatisfied);
        assert_eq!(page.step(), Step::Details);
        assert_eq!(page.submit(), Err(Need::Reason));
        page.toggle(BadReason::Efficiency);
        page.toggle(BadReason::UnclearGuide);
        page.toggle(BadReason::Attitude);
        page.toggle(BadReason::Attitude);
        assert!(page.has_reason(BadReason::Efficiency));
        assert!(!page.has_reason(BadReason::Attitude));
        let answer = page.submit().unwrap();
        assert_eq!(
            answer.reasons,
            [BadReason::Efficiency, BadReason::UnclearGuide]
        );
        assert!(answer.checked().is_ok());
    }

    #[test]
    fn comment_and_phone_are_optional_and_a_begun_phone_must_be_whole() {
        let mut page = RatingPage::new();
        page.choose(RatingLevel::Dissatisfied);
        page.toggle(BadReason::Other);
        assert!(page.submit().is_ok(), "no comment, no phone");
        for digit in "1380".chars() {
            page.push_contact(digit);
        }
        assert_eq!(page.submit(), Err(Need::Contact));
        for digit in "X000-0000000".chars() {
            page.push_contact(digit);
        }
        assert_eq!(
            page.contact(),
            "138000000000",
            "digits only, twelve at most"
        );
        page.pop_contact();
        page.set_comment("等了很久");
        let answer = page.submit().unwrap();
        assert_eq!(answer.contact, "13800000000");
        assert_eq!(answer.comment, "等了很久");
        assert!(answer.checked().is_ok());
        page.clear_contact();
        assert_eq!(page.contact(), "");
    }

    #[test]
    fn the_comment_is_cut_at_the_longest_kept() {
        let mut page = RatingPage::new();
        page.choose(RatingLevel::Dissatisfied);
        page.set_comment(&"慢".repeat(MAX_COMMENT_CHARS + 10));
        assert_eq!(page.comment().chars().count(), MAX_COMMENT_CHARS);
    }

    #[test]
    fn choosing_again_clears_the_level_and_a_good_level_drops_the_bad_details() {
        let mut page = RatingPage::new();
        page.choose(RatingLevel::Dissatisfied);
        page.toggle(BadReason::Materials);
        page.set_comment("材料太多");
        page.push_contact('1');
        page.choose_again();
        assert_eq!(page.level(), None, "nothing is left chosen");
        assert_eq!(page.step(), Step::Levels);
        page.choose(RatingLevel::VerySatisfied);
        let answer = page.submit().unwrap();
        assert_eq!(
            answer,
            RatingAnswer {
                level: Some(RatingLevel::VerySatisfied),
                ..RatingAnswer::default()
            }
        );
        assert!(page.reasons().is_empty() && page.comment().is_empty());
    }

    #[test]
    fn details_are_taken_only_for_a_bad_rating() {
        let mut page = RatingPage::new();
        page.toggle(BadReason::Attitude);
        page.set_comment("x");
        page.push_contact('1');
        assert!(page.reasons().is_empty() && page.comment().is_empty());
        assert!(page.contact().is_empty());
    }

    #[test]
    fn the_desk_asks_after_acceptance_and_completion_only() {
        use CaseState::*;
        assert!(desk_asks_rating(None, Accepted));
        assert!(desk_asks_rating(Some(AwaitingCorrection), Accepted));
        assert!(desk_asks_rating(Some(ReportedToCounty), Completed));
        assert!(desk_asks_rating(Some(InProgress), Completed));
        assert!(!desk_asks_rating(None, AwaitingCorrection));
        assert!(!desk_asks_rating(Some(Accepted), InProgress));
        assert!(!desk_asks_rating(Some(Accepted), Accepted), "a hand-over");
        assert!(!desk_asks_rating(Some(Accepted), Refused));
        assert!(!desk_asks_rating(Some(InProgress), Returned));
    }
}
