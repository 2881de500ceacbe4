//! The life of one outbox event (the DHIS2 / ODK state machine): pending → sending → sent, or
//! failed (retried later) or rejected (the county refused it; a person must look). Sent and
//! rejected are final; nothing is ever deleted.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    Pending,
    Sending,
    Sent,
    Failed,
    Rejected,
}

/// What the county said about one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AckStatus {
    Accepted,
    /// The county already had it: as good as accepted.
    Duplicate,
    Rejected,
}

impl OutboxState {
    pub const ALL: [OutboxState; 5] = [
        OutboxState::Pending,
        OutboxState::Sending,
        OutboxState::Sent,
        OutboxState::Failed,
        OutboxState::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<OutboxState> {
        OutboxState::ALL
            .into_iter()
            .find(|state| state.code() == code)
    }

    /// May go out in the next push: pending always, failed once its retry time came (or when
    /// a person pressed "sync now").
    pub fn may_send(self, retry_due: bool, forced: bool) -> bool {
        match self {
            OutboxState::Pending => true,
            OutboxState::Failed => retry_due || forced,
            OutboxState::Sending | OutboxState::Sent | OutboxState::Rejected => false,
        }
    }

    /// After the county answered for this event. Only an event being sent takes an answer;
    /// a late answer for a final event changes nothing.
    pub fn on_ack(self, status: AckStatus) -> OutboxState {
        match (self, status) {
            (OutboxState::Sent | OutboxState::Rejected, _) => self,
            (_, AckStatus::Accepted | AckStatus::Duplicate) => OutboxState::Sent,
            (_, AckStatus::Rejected) => OutboxState::Rejected,
        }
    }

    /// After the push carrying this event failed (offline, timeout, a server error).
    pub fn on_failure(self) -> OutboxState {
        match self {
            OutboxState::Sending | OutboxState::Pending | OutboxState::Failed => {
                OutboxState::Failed
            }
            final_state => final_state,
        }
    }

    /// At start: a send that was cut off never got its answer, so the event goes again.
    pub fn on_restart(self) -> OutboxState {
        match self {
            OutboxState::Sending => OutboxState::Pending,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acknowledged_event_is_sent_and_stays_sent() {
        let sent = OutboxState::Sending.on_ack(AckStatus::Accepted);
        assert_eq!(sent, OutboxState::Sent);
        assert_eq!(
            OutboxState::Sending.on_ack(AckStatus::Duplicate),
            OutboxState::Sent
        );
        assert_eq!(sent.on_ack(AckStatus::Rejected), OutboxState::Sent);
        assert_eq!(sent.on_failure(), OutboxState::Sent);
        assert_eq!(sent.on_restart(), OutboxState::Sent);
        assert!(!sent.may_send(true, true));
    }

    #[test]
    fn a_rejected_event_waits_for_a_person() {
        let rejected = OutboxState::Sending.on_ack(AckStatus::Rejected);
        assert_eq!(rejected, OutboxState::Rejected);
        assert!(!rejected.may_send(true, true));
        assert_eq!(rejected.on_ack(AckStatus::Accepted), OutboxState::Rejected);
    }

    #[test]
    fn a_failed_event_goes_again_when_due_or_forced() {
        let failed = OutboxState::Sending.on_failure();
        assert_eq!(failed, OutboxState::Failed);
        assert!(!failed.may_send(false, false));
        assert!(failed.may_send(true, false));
        assert!(failed.may_send(false, true));
        assert_eq!(failed.on_ack(AckStatus::Accepted), OutboxState::Sent);
    }

    #[test]
    fn a_send_cut_off_by_a_crash_is_pending_again() {
        assert_eq!(OutboxState::Sending.on_restart(), OutboxState::Pending);
        assert_eq!(OutboxState::Failed.on_restart(), OutboxState::Failed);
        assert!(OutboxState::Pending.may_send(false, false));
        assert!(!OutboxState::Sending.may_send(true, true));
    }

    #[test]
    fn state_codes_round_trip() {
        for state in OutboxState::ALL {
            assert_eq!(OutboxState::from_code(state.code()), Some(state));
        }
        assert_eq!(OutboxState::from_code("lost"), None);
    }
}
