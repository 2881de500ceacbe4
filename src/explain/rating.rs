//! Words for 好差评: a rating the store refuses, and an answer that cannot be recorded.

use super::Explain;
use crate::domain::rating::RatingProblem;
use crate::i18n::Language;
use crate::store::RatingError;
use crate::t;
use crate::ui::desk::words;

impl Explain for RatingError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            RatingError::UnknownCase => t!(l, "rating-error-unknown-case"),
            RatingError::UnknownItem => t!(l, "rating-error-unknown-item"),
            RatingError::AlreadyRated => t!(l, "rating-error-already-rated"),
            RatingError::NotYet(state) => {
                t!(l, "rating-error-not-yet", state = words::state(l, *state))
            }
            RatingError::Answer(problem) => problem.words(l),
            RatingError::Store(error) => error.words(l),
        }
    }
}

impl Explain for RatingProblem {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            RatingProblem::ReasonRequired => t!(l, "rating-need-reason"),
            RatingProblem::ReasonsWithoutBadRating => t!(l, "rating-error-answer"),
            RatingProblem::SkipWithDetails => t!(l, "rating-error-skip-details"),
            RatingProblem::CommentTooLong => t!(
                l,
                "rating-error-comment-long",
                max = crate::domain::rating::MAX_COMMENT_CHARS.to_string()
            ),
            RatingProblem::BadContact => t!(l, "rating-need-contact"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::application::CaseState;

    #[test]
    fn every_rating_error_has_words_in_both_languages_without_its_english_detail() {
        let errors = [
            RatingError::UnknownCase,
            RatingError::UnknownItem,
            RatingError::AlreadyRated,
            RatingError::NotYet(CaseState::InProgress),
            RatingError::Answer(RatingProblem::ReasonRequired),
            RatingError::Answer(RatingProblem::ReasonsWithoutBadRating),
            RatingError::Answer(RatingProblem::CommentTooLong),
            RatingError::Answer(RatingProblem::BadContact),
            RatingError::Answer(RatingProblem::SkipWithDetails),
            RatingError::Store(crate::store::StoreError::NoDeviceCode),
        ];
        for error in errors {
            let zh = error.words(Language::ZhCn);
            let en = error.words(Language::En);
            assert!(zh.chars().any(|c| c > '\u{2e80}'), "{zh}");
            assert!(!zh.contains(&error.to_string()), "{zh}");
            assert!(!en.is_empty() && en != zh, "{en}");
        }
        let state = RatingError::NotYet(CaseState::InProgress).words(Language::ZhCn);
        let named = words::state(Language::ZhCn, CaseState::InProgress);
        assert!(state.contains(&named), "{state}");
    }
}
