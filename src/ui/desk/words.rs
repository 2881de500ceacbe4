//! Words for states, roles and urgencies, shared by the desk's screens.

use crate::domain::account::{AccountStatus, Role};
use crate::domain::application::{CaseState, Transition};
use crate::domain::deadline::Urgency;
use crate::i18n::Language;
use crate::store::CaseSyncState;
use crate::t;

pub fn state(language: Language, state: CaseState) -> String {
    match state {
        CaseState::AwaitingCorrection => t!(language, "state-awaiting-correction"),
        CaseState::Accepted => t!(language, "state-accepted"),
        CaseState::InProgress => t!(language, "state-in-progress"),
        CaseState::ReportedToCounty => t!(language, "state-reported"),
        CaseState::Completed => t!(language, "state-completed"),
        CaseState::Returned => t!(language, "state-returned"),
        CaseState::Refused => t!(language, "state-refused"),
    }
}

pub fn transition(language: Language, transition: Transition) -> String {
    match transition {
        Transition::Accept => t!(language, "move-accept"),
        Transition::StartHandling => t!(language, "move-start"),
        Transition::ReportToCounty => t!(language, "move-report"),
        Transition::Complete => t!(language, "move-complete"),
        Transition::Return => t!(language, "move-return"),
        Transition::Refuse => t!(language, "move-refuse"),
    }
}

pub fn role(language: Language, role: Role) -> String {
    match role {
        Role::Agent => t!(language, "role-agent"),
        Role::Staff => t!(language, "role-staff"),
        Role::Admin => t!(language, "role-admin"),
    }
}

pub fn status(language: Language, status: AccountStatus) -> String {
    match status {
        AccountStatus::Pending => t!(language, "status-pending"),
        AccountStatus::Active => t!(language, "status-active"),
        AccountStatus::Disabled => t!(language, "status-disabled"),
    }
}

/// A tag for due-soon and overdue cases; none when on time.
pub fn urgency(language: Language, urgency: Urgency) -> Option<String> {
    match urgency {
        Urgency::OnTime => None,
        Urgency::DueSoon => Some(t!(language, "urgency-due-soon")),
        Urgency::Overdue => Some(t!(language, "urgency-overdue")),
    }
}

/// Whether a case's changes have reached the county, for its badge in the lists.
pub fn sync_badge(language: Language, state: CaseSyncState) -> String {
    match state {
        CaseSyncState::Synced => t!(language, "sync-badge-synced"),
        CaseSyncState::Pending => t!(language, "sync-badge-pending"),
        CaseSyncState::Failed => t!(language, "sync-badge-failed"),
        CaseSyncState::Rejected => t!(language, "sync-badge-rejected"),
        CaseSyncState::Conflict => t!(language, "sync-badge-conflict"),
    }
}
