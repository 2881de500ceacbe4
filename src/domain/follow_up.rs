//! A 差评's follow-up as it travels between the hall's terminals and the county: a snapshot of
//! everything known about it. Staff on two desks may work the same follow-up while apart, so
//! snapshots are merged, never simply overwritten, and the merge is a join: applying any set of
//! snapshots, in any order, any number of times, gives the same follow-up everywhere.
//!
//! - A step is never undone: the stage is the furthest any snapshot reached.
//! - Notes are kept by who wrote them for which step when: (time, account, step).
//! - An appeal decided beats one pending, and one pending beats none; between two of the same
//!   rank the earlier wins.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rating::{Appeal, AppealState, FollowUpNote, FollowUpStage};

/// A follow-up as it is sent: its rating by id (the rating travels on its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpRecord {
    pub id: String,
    /// The 差评 it follows up.
    pub rating: String,
    pub stage: FollowUpStage,
    pub due_date: NaiveDate,
    pub opened_at: String,
    pub closed_at: Option<String>,
    #[serde(default)]
    pub appeal: Option<Appeal>,
    #[serde(default)]
    pub notes: Vec<FollowUpNote>,
}

impl FollowUpRecord {
    /// What two snapshots of the same follow-up (same id and rating) know together.
    pub fn merged(&self, other: &FollowUpRecord) -> FollowUpRecord {
        let stage = self.stage.max(other.stage);
        // Set once when the follow-up closes; the earlier close is when it was done.
        let closed_at = match (&self.closed_at, &other.closed_at) {
            (Some(a), Some(b)) => Some(a.min(b).clone()),
            (one, two) => one.clone().or_else(|| two.clone()),
        }
        .filter(|_| stage == FollowUpStage::Closed);
        let mut notes: Vec<FollowUpNote> = Vec::new();
        for note in self.notes.iter().chain(&other.notes) {
            match notes.iter_mut().find(|kept| same_note(kept, note)) {
                // The same key with other words cannot come from one desk; keep one of them
                // the same way everywhere.
                Some(kept) => {
                    if (&note.note, &note.actor_name) > (&kept.note, &kept.actor_name) {
                        *kept = note.clone();
                    }
                }
                None => notes.push(note.clone()),
            }
        }
        notes.sort_by(note_order);
        FollowUpRecord {
            id: self.id.clone(),
            rating: self.rating.clone(),
            stage,
            due_date: self.due_date.min(other.due_date),
            opened_at: self.opened_at.as_str().min(&other.opened_at).to_owned(),
            closed_at,
            appeal: match (&self.appeal, &other.appeal) {
                (Some(a), Some(b)) => Some(if appeal_order(a, b) == Ordering::Greater {
                    a.clone()
                } else {
                    b.clone()
                }),
                (one, two) => one.clone().or_else(|| two.clone()),
            },
            notes,
        }
    }
}

fn same_note(a: &FollowUpNote, b: &FollowUpNote) -> bool {
    a.at == b.at && a.actor_login == b.actor_login && a.stage == b.stage
}

/// Notes in the order the steps were done.
fn note_order(a: &FollowUpNote, b: &FollowUpNote) -> Ordering {
    (a.stage, &a.at, &a.actor_login).cmp(&(b.stage, &b.at, &b.actor_login))
}

/// Which of two appeals wins (Greater: `a`): decided over pending, then the earlier.
fn appeal_order(a: &Appeal, b: &Appeal) -> Ordering {
    let decided = |appeal: &Appeal| appeal.state != AppealState::Pending;
    // Earlier is greater; the rest only makes the order total.
    let key = |appeal: &Appeal| {
        (
            appeal.decided_at.clone(),
            appeal.at.clone(),
            appeal.by.clone(),
            appeal.reason.clone(),
            appeal.decided_by.clone(),
            appeal.decision.clone(),
            appeal.state.code(),
        )
    };
    decided(a)
        .cmp(&decided(b))
        .then_with(|| key(b).cmp(&key(a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(stage: FollowUpStage, at: &str, by: &str, words: &str) -> FollowUpNote {
        FollowUpNote {
            at: at.into(),
            actor_login: by.into(),
            actor_name: format!("{by}的名字"),
            stage,
            note: words.into(),
        }
    }

    fn opened() -> FollowUpRecord {
        FollowUpRecord {
            id: "f".into(),
            rating: "r".into(),
            stage: FollowUpStage::Verify,
            due_date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            opened_at: "2026-11-27T16:00:00+08:00".into(),
            closed_at: None,
            appeal: None,
            notes: Vec::new(),
        }
    }

    fn appeal(state: AppealState, at: &str, decided_at: Option<&str>) -> Appeal {
        Appeal {
            state,
            reason: "误评".into(),
            by: "staff01".into(),
            at: at.into(),
            decision: decided_at.map(|_| "属实".into()),
            decided_by: decided_at.map(|_| "admin".into()),
            decided_at: decided_at.map(Into::into),
        }
    }

    /// What one desk and another did to the same follow-up while apart, as snapshots.
    fn histories() -> Vec<FollowUpRecord> {
        let mut verified = opened();
        verified.stage = FollowUpStage::Rectify;
        verified.notes = vec![note(
            FollowUpStage::Verify,
            "2026-11-30T09:00:00+08:00",
            "staff01",
            "核实：排队久",
        )];
        let mut rectified = verified.clone();
        rectified.stage = FollowUpStage::Feedback;
        rectified.notes.push(note(
            FollowUpStage::Rectify,
            "2026-12-01T09:00:00+08:00",
            "staff01",
            "整改：增开窗口",
        ));
        // The other desk verified too, and filed an appeal an admin then rejected.
        let mut elsewhere = opened();
        elsewhere.stage = FollowUpStage::Rectify;
        elsewhere.notes = vec![note(
            FollowUpStage::Verify,
            "2026-11-30T10:00:00+08:00",
            "staff02",
            "核实：材料退回两次",
        )];
        elsewhere.appeal = Some(appeal(
            AppealState::Pending,
            "2026-11-30T11:00:00+08:00",
            None,
        ));
        let mut decided = elsewhere.clone();
        decided.appeal = Some(appeal(
            AppealState::Rejected,
            "2026-11-30T11:00:00+08:00",
            Some("2026-12-01T11:00:00+08:00"),
        ));
        let mut closed = rectified.clone();
        closed.stage = FollowUpStage::Closed;
        closed.closed_at = Some("2026-12-03T09:00:00+08:00".into());
        closed.notes.push(note(
            FollowUpStage::Feedback,
            "2026-12-02T09:00:00+08:00",
            "staff01",
            "反馈：电话告知",
        ));
        closed.notes.push(note(
            FollowUpStage::Revisit,
            "2026-12-03T09:00:00+08:00",
            "staff01",
            "回访：满意",
        ));
        vec![opened(), verified, rectified, elsewhere, decided, closed]
    }

    fn fold(order: &[usize], snapshots: &[FollowUpRecord]) -> FollowUpRecord {
        order
            .iter()
            .map(|&index| &snapshots[index])
            .fold(snapshots[order[0]].clone(), |held, next| held.merged(next))
    }

    #[test]
    fn snapshots_in_any_order_and_repeated_come_to_the_same_follow_up() {
        let snapshots = histories();
        let forward: Vec<usize> = (0..snapshots.len()).collect();
        let expected = fold(&forward, &snapshots);
        let orders: [&[usize]; 5] = [
            &[5, 4, 3, 2, 1, 0],
            &[3, 5, 0, 4, 2, 1],
            &[4, 4, 1, 5, 3, 2, 0, 5],
            &[2, 3, 1, 0, 5, 4, 3],
            &[0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5],
        ];
        for order in orders {
            assert_eq!(fold(order, &snapshots), expected, "{order:?}");
        }
        assert_eq!(expected.merged(&expected), expected);
        assert_eq!(expected.stage, FollowUpStage::Closed);
        assert_eq!(
            expected.closed_at.as_deref(),
            Some("2026-12-03T09:00:00+08:00")
        );
        // Both desks' 核实 notes, then the rest in the order of the steps.
        let words: Vec<&str> = expected.notes.iter().map(|n| n.note.as_str()).collect();
        assert_eq!(
            words,
            [
                "核实：排队久",
                "核实：材料退回两次",
                "整改：增开窗口",
                "反馈：电话告知",
                "回访：满意"
            ]
        );
        assert_eq!(expected.appeal.unwrap().state, AppealState::Rejected);
    }

    #[test]
    fn a_step_is_never_undone_by_an_older_snapshot() {
        let snapshots = histories();
        let newer = &snapshots[2];
        let merged = newer.merged(&snapshots[0]);
        assert_eq!(merged.stage, FollowUpStage::Feedback);
        assert_eq!(merged.notes, newer.notes);
        assert_eq!(snapshots[0].merged(newer), merged);
    }

    #[test]
    fn a_decided_appeal_beats_a_pending_one_and_the_earlier_of_two_wins() {
        let pending = appeal(AppealState::Pending, "2026-11-30T09:00:00+08:00", None);
        let upheld = appeal(
            AppealState::Upheld,
            "2026-11-30T09:00:00+08:00",
            Some("2026-12-01T09:00:00+08:00"),
        );
        let later = appeal(
            AppealState::Rejected,
            "2026-11-30T09:00:00+08:00",
            Some("2026-12-02T09:00:00+08:00"),
        );
        let with = |appeal: &Appeal| FollowUpRecord {
            appeal: Some(appeal.clone()),
            ..opened()
        };
        assert_eq!(
            with(&pending).merged(&with(&upheld)).appeal,
            Some(upheld.clone())
        );
        assert_eq!(
            with(&upheld).merged(&with(&pending)).appeal,
            Some(upheld.clone())
        );
        assert_eq!(
            with(&later).merged(&with(&upheld)).appeal,
            Some(upheld.clone())
        );
        assert_eq!(with(&upheld).merged(&with(&later)).appeal, Some(upheld));
        assert_eq!(opened().merged(&with(&pending)).appeal, Some(pending));
    }
}
