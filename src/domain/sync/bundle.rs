//! What makes a USB bundle acceptable, apart from reading it: the hall it is for, its sequence
//! numbers (gap-free per device, continuing what the county already has) and, for the county's
//! reply, that it is not older than what the terminal already applied.

use serde::{Deserialize, Serialize};

/// A hall's events for the county, or the county's reply to a hall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    Events,
    Reply,
}

/// Why a bundle is refused. Any of these leaves the database as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleProblem {
    #[error("the file is not a bianmin bundle")]
    NotABundle,
    #[error("the bundle is cut off (its last part is missing)")]
    Truncated,
    #[error("the bundle is damaged at line {line}")]
    Damaged { line: u64 },
    #[error("the bundle's content does not match its checksum")]
    DigestMismatch,
    #[error("the bundle was not made with this device's key")]
    WrongKey,
    #[error("a {found:?} bundle was given where a {expected:?} bundle is needed")]
    WrongKind {
        expected: BundleKind,
        found: BundleKind,
    },
    #[error("the bundle is for hall {found}, not {expected}")]
    ForeignHall { expected: String, found: String },
    #[error("the bundle comes from device {device}, which is not registered for hall {hall}")]
    UnknownDevice { hall: String, device: String },
    #[error("events are missing before this bundle: expected number {expected}, found {found}")]
    Gap { expected: u64, found: u64 },
    #[error("the bundle's events are not in order at number {found}")]
    OutOfOrder { found: u64 },
    #[error("the bundle says it holds {declared} entries but holds {found}")]
    CountMismatch { declared: u64, found: u64 },
    #[error("this reply is older ({bundle}) than what this terminal already has ({have})")]
    OlderReply { bundle: u64, have: u64 },
}

/// Checks, one event at a time, that a device's sequence numbers run without a gap.
#[derive(Debug, Clone, Default)]
pub struct SequenceCheck {
    first: Option<u64>,
    last: Option<u64>,
    count: u64,
}

impl SequenceCheck {
    pub fn next(&mut self, seq: u64) -> Result<(), BundleProblem> {
        if let Some(last) = self.last
            && seq != last + 1
        {
            return Err(BundleProblem::OutOfOrder { found: seq });
        }
        self.first.get_or_insert(seq);
        self.last = Some(seq);
        self.count += 1;
        Ok(())
    }

    pub fn first(&self) -> Option<u64> {
        self.first
    }

    pub fn last(&self) -> Option<u64> {
        self.last
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The bundle must continue what the county has (`have` = the device's last number there):
    /// numbers it already has are duplicates, but a number past `have + 1` means events are
    /// missing in between.
    pub fn continues(&self, have: u64) -> Result<(), BundleProblem> {
        match self.first {
            Some(first) if first > have + 1 => Err(BundleProblem::Gap {
                expected: have + 1,
                found: first,
            }),
            _ => Ok(()),
        }
    }
}

pub fn check_hall(expected: &str, found: &str) -> Result<(), BundleProblem> {
    if expected == found {
        Ok(())
    } else {
        Err(BundleProblem::ForeignHall {
            expected: expected.to_owned(),
            found: found.to_owned(),
        })
    }
}

pub fn check_kind(expected: BundleKind, found: BundleKind) -> Result<(), BundleProblem> {
    if expected == found {
        Ok(())
    } else {
        Err(BundleProblem::WrongKind { expected, found })
    }
}

pub fn check_count(declared: u64, found: u64) -> Result<(), BundleProblem> {
    if declared == found {
        Ok(())
    } else {
        Err(BundleProblem::CountMismatch { declared, found })
    }
}

/// A reply reaching up to the county's `bundle` cursor may follow what the terminal has
/// (`have`); the same reply again is harmless (it changes nothing), an older one is refused.
pub fn check_reply_order(bundle: u64, have: u64) -> Result<(), BundleProblem> {
    if bundle >= have {
        Ok(())
    } else {
        Err(BundleProblem::OlderReply { bundle, have })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_free_run_passes_and_reports_its_range() {
        let mut check = SequenceCheck::default();
        for seq in 5..=9 {
            check.next(seq).unwrap();
        }
        assert_eq!(
            (check.first(), check.last(), check.count()),
            (Some(5), Some(9), 5)
        );
        assert!(check.continues(4).is_ok());
        assert!(check.continues(7).is_ok(), "overlap: duplicates are fine");
    }

    #[test]
    fn a_skipped_or_repeated_number_is_refused() {
        let mut check = SequenceCheck::default();
        check.next(1).unwrap();
        assert_eq!(check.next(3), Err(BundleProblem::OutOfOrder { found: 3 }));
        let mut check = SequenceCheck::default();
        check.next(1).unwrap();
        assert_eq!(check.next(1), Err(BundleProblem::OutOfOrder { found: 1 }));
    }

    #[test]
    fn a_bundle_after_a_gap_is_refused() {
        let mut check = SequenceCheck::default();
        check.next(10).unwrap();
        assert_eq!(
            check.continues(3),
            Err(BundleProblem::Gap {
                expected: 4,
                found: 10
            })
        );
        assert!(
            SequenceCheck::default().continues(0).is_ok(),
            "empty bundle"
        );
    }

    #[test]
    fn an_older_reply_is_refused_and_the_same_one_is_harmless() {
        assert!(check_reply_order(10, 10).is_ok());
        assert!(check_reply_order(11, 10).is_ok());
        assert_eq!(
            check_reply_order(9, 10),
            Err(BundleProblem::OlderReply {
                bundle: 9,
                have: 10
            })
        );
    }

    #[test]
    fn hall_kind_and_count_must_match() {
        assert!(check_hall("621023202", "621023202").is_ok());
        assert!(matches!(
            check_hall("621023202", "621023203"),
            Err(BundleProblem::ForeignHall { .. })
        ));
        assert!(check_kind(BundleKind::Reply, BundleKind::Events).is_err());
        assert!(check_count(3, 3).is_ok());
        assert!(check_count(3, 2).is_err());
    }
}
