//! Words for what a rating (好差评) or a follow-up (差评回访, 申诉复核) refuses.

use super::Explain;
use crate::domain::rating::{MAX_COMMENT_CHARS, MAX_NOTE_CHARS, RatingProblem};
use crate::i18n::Language;
use crate::store::{FollowUpError, RatingError};
use crate::t;

impl Explain for RatingProblem {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            RatingProblem::ReasonRequired => t!(l, "follow-up-error-reason-required"),
            RatingProblem::ReasonsWithoutBadRating => t!(l, "follow-up-error-reasons-not-bad"),
            RatingProblem::CommentTooLong => t!(
                l,
                "follow-up-error-comment-too-long",
                max = MAX_COMMENT_CHARS.to_string()
            ),
            RatingProblem::BadContact => t!(l, "follow-up-error-bad-contact"),
            RatingProblem::SkipWithDetails => t!(l, "follow-up-error-skip-with-details"),
        }
    }
}

impl Explain for RatingError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            RatingError::UnknownCase => t!(l, "follow-up-error-unknown-case"),
            RatingError::UnknownItem => t!(l, "follow-up-error-unknown-item"),
            RatingError::AlreadyRated => t!(l, "follow-up-error-already-rated"),
            RatingError::NotYet(state) => t!(
                l,
                "follow-up-error-not-yet",
                state = crate::ui::desk::words::state(l, *state)
            ),
            RatingError::Answer(problem) => problem.words(l),
            RatingError::Store(error) => error.words(l),
        }
    }
}

impl Explain for FollowUpError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            FollowUpError::Unknown => t!(l, "follow-up-error-unknown"),
            FollowUpError::Closed => t!(l, "follow-up-error-closed"),
            FollowUpError::NoteRequired => t!(l, "follow-up-error-note-required"),
            FollowUpError::NoteTooLong => t!(
                l,
                "follow-up-error-note-too-long",
                max = MAX_NOTE_CHARS.to_string()
            ),
            FollowUpError::NotStaff => t!(l, "follow-up-error-not-staff"),
            FollowUpError::NotAdmin => t!(l, "follow-up-error-not-admin"),
            FollowUpError::AlreadyAppealed => t!(l, "follow-up-error-already-appealed"),
            FollowUpError::NoPendingAppeal => t!(l, "follow-up-error-no-pending-appeal"),
            FollowUpError::TooMuchText => t!(l, "follow-up-error-too-much-text"),
            FollowUpError::Store(error) => error.words(l),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::application::CaseState;
    use crate::store::StoreError;

    fn chinese(words: &str) -> bool {
        words.chars().any(|c| c > '\u{2e80}')
    }

    #[test]
    fn every_rating_and_follow_up_error_has_words_in_both_languages() {
        let ratings = [
            RatingError::UnknownCase,
            RatingError::UnknownItem,
            RatingError::AlreadyRated,
            RatingError::NotYet(CaseState::Accepted),
            RatingError::Answer(RatingProblem::ReasonRequired),
            RatingError::Answer(RatingProblem::ReasonsWithoutBadRating),
            RatingError::Answer(RatingProblem::CommentTooLong),
            RatingError::Answer(RatingProblem::BadContact),
            RatingError::Answer(RatingProblem::SkipWithDetails),
            RatingError::Store(StoreError::NoDeviceCode),
        ];
        let follow_ups = [
            FollowUpError::Unknown,
            FollowUpError::Closed,
            FollowUpError::NoteRequired,
            FollowUpError::NoteTooLong,
            FollowUpError::NotStaff,
            FollowUpError::NotAdmin,
            FollowUpError::AlreadyAppealed,
            FollowUpError::NoPendingAppeal,
            FollowUpError::TooMuchText,
            FollowUpError::Store(StoreError::WorkerStopped),
        ];
        let errors: Vec<&dyn Explain> = ratings
            .iter()
            .map(|error| error as &dyn Explain)
            .chain(follow_ups.iter().map(|error| error as &dyn Explain))
            .collect();
        let mut seen = std::collections::HashSet::new();
        for error in errors {
            let zh = error.words(Language::ZhCn);
            let en = error.words(Language::En);
            assert!(chinese(&zh), "{error:?}: {zh}");
            assert!(!en.is_empty() && !chinese(&en), "{error:?}: {en}");
            assert!(seen.insert(zh.clone()), "two errors say {zh}");
        }
        assert!(
            RatingError::NotYet(CaseState::Accepted)
                .words(Language::ZhCn)
                .contains("已受理")
        );
    }
}
