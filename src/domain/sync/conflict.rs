//! When a change made elsewhere may be applied to a case here. Every case event names the event
//! it was based on (the case's version when the agent made the change). If our latest event for
//! the case is that one, the change follows ours and applies; otherwise both sides changed the
//! case while apart, and nothing is overwritten: both versions are kept for a person to choose
//! (the lesson of Tangerine #2722, where the first to press sync silently won).

/// What to do with an incoming change to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// Apply it: it follows what we have.
    Apply,
    /// Both sides changed the case from the same version: keep both, flag the case.
    Conflict,
}

/// `head` is our latest event for the case; `base` is the event the incoming change was based
/// on; `resolves` lists the versions a conflict resolution chose between (empty otherwise).
pub fn judge(head: Option<&str>, base: Option<&str>, resolves: &[String]) -> Incoming {
    if head == base {
        return Incoming::Apply;
    }
    // A resolution settles the versions it names, ours among them.
    if let Some(head) = head
        && resolves.iter().any(|version| version == head)
    {
        return Incoming::Apply;
    }
    Incoming::Conflict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_based_on_our_latest_version_applies() {
        assert_eq!(judge(Some("e1"), Some("e1"), &[]), Incoming::Apply);
        assert_eq!(judge(None, None, &[]), Incoming::Apply);
    }

    #[test]
    fn a_change_based_on_an_older_version_is_a_conflict() {
        // We moved the case on (e2) after e1; they also changed it from e1.
        assert_eq!(judge(Some("e2"), Some("e1"), &[]), Incoming::Conflict);
        assert_eq!(judge(Some("e2"), None, &[]), Incoming::Conflict);
    }

    #[test]
    fn a_resolution_naming_our_version_applies() {
        let resolves = vec!["ours".to_owned(), "theirs".to_owned()];
        assert_eq!(
            judge(Some("ours"), Some("theirs"), &resolves),
            Incoming::Apply
        );
        assert_eq!(
            judge(Some("later"), Some("theirs"), &resolves),
            Incoming::Conflict
        );
    }
}
