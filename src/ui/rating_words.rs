//! Words for ratings and their follow-ups, wherever they are shown (the kiosk and desk rating pages,
//! 差评回访, 统计, the monthly report, the command line): levels and their stars, reasons,
//! channels, follow-up steps and appeals.

use crate::domain::rating::{
    AppealState, BadReason, FollowUpStage, RatingChannel, RatingLevel, RatingRecord,
};
use crate::i18n::Language;
use crate::t;

/// "不满意 ★★☆☆☆"
pub fn level(language: Language, level: RatingLevel) -> String {
    format!("{} {}", name(language, level), stars(language, level))
}

/// The level's nationally uniform words: "不满意".
pub fn name(language: Language, level: RatingLevel) -> String {
    match level {
        RatingLevel::VerySatisfied => t!(language, "rating-level-very-satisfied"),
        RatingLevel::Satisfied => t!(language, "rating-level-satisfied"),
        RatingLevel::BasicallySatisfied => t!(language, "rating-level-basically-satisfied"),
        RatingLevel::Dissatisfied => t!(language, "rating-level-dissatisfied"),
        RatingLevel::VeryDissatisfied => t!(language, "rating-level-very-dissatisfied"),
    }
}

/// ★★★☆☆: the level's stars filled, the rest hollow, so the count reads at a glance.
pub fn stars(language: Language, level: RatingLevel) -> String {
    let filled = usize::from(level.stars());
    let full = t!(language, "rate-star-filled").repeat(filled);
    let empty = t!(language, "rate-star-empty").repeat(5 - filled);
    format!("{full}{empty}")
}

/// A level, or 未评价 for a skip.
pub fn given(language: Language, given: Option<RatingLevel>) -> String {
    match given {
        Some(given) => level(language, given),
        None => t!(language, "follow-up-unrated"),
    }
}

pub fn reason(language: Language, reason: BadReason) -> String {
    match reason {
        BadReason::Efficiency => t!(language, "rating-reason-efficiency"),
        BadReason::Attitude => t!(language, "rating-reason-attitude"),
        BadReason::Materials => t!(language, "rating-reason-materials"),
        BadReason::UnclearGuide => t!(language, "rating-reason-unclear-guide"),
        BadReason::Other => t!(language, "rating-reason-other"),
    }
}

pub fn channel(language: Language, channel: RatingChannel) -> String {
    match channel {
        RatingChannel::Kiosk => t!(language, "follow-up-channel-kiosk"),
        RatingChannel::DeskRater => t!(language, "follow-up-channel-desk"),
    }
}

pub fn stage(language: Language, stage: FollowUpStage) -> String {
    match stage {
        FollowUpStage::Verify => t!(language, "follow-up-stage-verify"),
        FollowUpStage::Rectify => t!(language, "follow-up-stage-rectify"),
        FollowUpStage::Feedback => t!(language, "follow-up-stage-feedback"),
        FollowUpStage::Revisit => t!(language, "follow-up-stage-revisit"),
        FollowUpStage::Closed => t!(language, "follow-up-stage-closed"),
    }
}

pub fn appeal(language: Language, state: AppealState) -> String {
    match state {
        AppealState::Pending => t!(language, "follow-up-appeal-pending"),
        AppealState::Upheld => t!(language, "follow-up-appeal-upheld"),
        AppealState::Rejected => t!(language, "follow-up-appeal-rejected"),
    }
}

/// A rating in one line: level, channel and time ("不满意 ★★☆☆☆ · 自助终端 · 2026-11-27 16:00").
pub fn summary(language: Language, rating: &RatingRecord) -> String {
    format!(
        "{} · {} · {}",
        given(language, rating.level),
        channel(language, rating.channel),
        crate::clock::minutes(&rating.rated_at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_count_down_from_five() {
        let language = Language::ZhCn;
        assert_eq!(stars(language, RatingLevel::VerySatisfied), "★★★★★");
        assert_eq!(stars(language, RatingLevel::BasicallySatisfied), "★★★☆☆");
        assert_eq!(stars(language, RatingLevel::VeryDissatisfied), "★☆☆☆☆");
    }

    #[test]
    fn a_level_reads_as_its_words_and_stars() {
        assert_eq!(
            level(Language::ZhCn, RatingLevel::Dissatisfied),
            "不满意 ★★☆☆☆"
        );
        assert_eq!(
            level(Language::ZhCn, RatingLevel::VerySatisfied),
            "非常满意 ★★★★★"
        );
    }
}
