//! Words for what a follow-up (差评回访, 申诉复核) refuses. (A rating's own refusals: rating.rs.)

use super::Explain;
use crate::domain::rating::MAX_NOTE_CHARS;
use crate::i18n::Language;
use crate::store::FollowUpError;
use crate::t;

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
    use crate::domain::rating::RatingProblem;
    use crate::store::{RatingError, StoreError};

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
