//! Every change that travels between a hall's terminals and the county, typed once. The hall's
//! outbox writer encodes these, its inbox and the county decode them, the conflicts module and
//! the sync screen read them; nobody else parses an event's JSON.
//!
//! On the wire an event carries its kind as a string and its payload as a JSON text frozen when
//! the change was recorded (the bytes sent are the bytes queued). Fields added later are
//! optional, so events recorded by older builds still decode.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::account::{AccountStatus, Role};
use crate::domain::application::CaseState;
use crate::domain::follow_up::FollowUpRecord;
use crate::domain::household::Household;
use crate::domain::rating::RatingRecord;

/// The most bytes one event's payload may have. A case with its checklist and history is a
/// few KB; a household with a dozen members about 2 KB.
pub const MAX_PAYLOAD_BYTES: usize = 16 * 1024;

/// What kind of change an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    HouseholdRegistered,
    ApplicationCreated,
    CaseStateChanged,
    CaseHandedOver,
    ConflictResolved,
    CountyDecision,
    AccountChanged,
    /// A farmer's rating (好差评) or skip (未评价), as it was given.
    RatingRecorded,
    /// A 差评's follow-up as it stands now (opened, a step done, appealed, decided).
    FollowUpChanged,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::HouseholdRegistered,
        EventKind::ApplicationCreated,
        EventKind::CaseStateChanged,
        EventKind::CaseHandedOver,
        EventKind::ConflictResolved,
        EventKind::CountyDecision,
        EventKind::AccountChanged,
        EventKind::RatingRecorded,
        EventKind::FollowUpChanged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::HouseholdRegistered => "household_registered",
            EventKind::ApplicationCreated => "application_created",
            EventKind::CaseStateChanged => "case_state_changed",
            EventKind::CaseHandedOver => "case_handed_over",
            EventKind::ConflictResolved => "conflict_resolved",
            EventKind::CountyDecision => "county_decision",
            EventKind::AccountChanged => "account_changed",
            EventKind::RatingRecorded => "rating_recorded",
            EventKind::FollowUpChanged => "follow_up_changed",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// Kinds that change a case (their entity is the case's id).
    pub fn is_case_change(self) -> bool {
        matches!(
            self,
            EventKind::CaseStateChanged
                | EventKind::CaseHandedOver
                | EventKind::ConflictResolved
                | EventKind::CountyDecision
        )
    }
}

/// One material of a case's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialRecord {
    pub name: String,
    pub required: bool,
    pub received: bool,
}

/// One line of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRecord {
    pub at: String,
    /// The person's name, as shown.
    pub actor: String,
    /// The person's account, hall-wide (events of older builds have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_login: Option<String>,
    pub kind: String,
    pub from: Option<CaseState>,
    pub to: Option<CaseState>,
    pub to_agent: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A case as it is sent when it is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub id: String,
    pub number: Option<String>,
    /// The 登记号 of a case taken as 待补正, so that the hall's other terminals (the kiosk among
    /// them) find it by what its one-time notice says (events of older builds have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub household_id: String,
    pub item_id: String,
    pub state: CaseState,
    pub applicant_name: String,
    pub applicant_id_number: String,
    pub village: String,
    /// The responsible agent's name.
    pub agent: String,
    /// The responsible agent's account, hall-wide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_login: Option<String>,
    pub created_at: String,
    pub accepted_at: Option<String>,
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub materials: Vec<MaterialRecord>,
    #[serde(default)]
    pub history: Vec<HistoryRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationCreated {
    pub case: CaseRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStateChanged {
    pub application: String,
    pub number: Option<String>,
    pub from: CaseState,
    pub to: CaseState,
    pub due_date: Option<NaiveDate>,
    /// The acting account's login.
    pub actor: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub materials: Vec<MaterialRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseHandedOver {
    pub application: String,
    pub number: Option<String>,
    /// Names, as shown.
    pub from_agent: String,
    pub to_agent: String,
    /// The new agent's account, hall-wide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_agent_login: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// Which version an agent kept when a case changed on two terminals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    /// The choosing terminal's version.
    Local,
    /// The other terminal's (or the county's) version.
    Remote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialFlag {
    pub received: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictResolved {
    pub application: String,
    pub number: Option<String>,
    /// The conflict's number on the choosing terminal.
    pub conflict: i64,
    pub choice: ConflictChoice,
    /// The two versions chosen between; terminals holding either accept this resolution.
    pub resolves: Vec<String>,
    pub state: CaseState,
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub materials: Vec<MaterialFlag>,
    pub actor: String,
    #[serde(default)]
    pub note: String,
}

/// A county department decided a case: 已办结 or 退回.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountyDecision {
    pub application: String,
    pub number: String,
    pub result: CaseState,
    #[serde(default)]
    pub note: String,
    pub actor: String,
}

/// An account as the hall's terminals share it: registered, approved, disabled, locked after
/// wrong passwords, given a new password. Only the password's hash ever travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub login: String,
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub status: AccountStatus,
    pub password_hash: String,
    pub failed_logins: u32,
    pub locked_until: Option<String>,
    pub created_at: String,
}

/// An event's payload, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    HouseholdRegistered(Household),
    ApplicationCreated(ApplicationCreated),
    CaseStateChanged(CaseStateChanged),
    CaseHandedOver(CaseHandedOver),
    ConflictResolved(ConflictResolved),
    CountyDecision(CountyDecision),
    AccountChanged(AccountRecord),
    /// Frozen when given; it names the case, never the farmer.
    RatingRecorded(RatingRecord),
    /// A snapshot: applied by merging (see `domain::follow_up`), never by overwriting.
    FollowUpChanged(FollowUpRecord),
}

/// Why a payload cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("unknown event kind {0:?}")]
    UnknownKind(String),
    #[error("payload of {bytes} bytes, at most {max}")]
    TooLarge { bytes: usize, max: usize },
    #[error("payload does not fit its kind: {0}")]
    Shape(String),
}

impl Payload {
    pub fn kind(&self) -> EventKind {
        match self {
            Payload::HouseholdRegistered(_) => EventKind::HouseholdRegistered,
            Payload::ApplicationCreated(_) => EventKind::ApplicationCreated,
            Payload::CaseStateChanged(_) => EventKind::CaseStateChanged,
            Payload::CaseHandedOver(_) => EventKind::CaseHandedOver,
            Payload::ConflictResolved(_) => EventKind::ConflictResolved,
            Payload::CountyDecision(_) => EventKind::CountyDecision,
            Payload::AccountChanged(_) => EventKind::AccountChanged,
            Payload::RatingRecorded(_) => EventKind::RatingRecorded,
            Payload::FollowUpChanged(_) => EventKind::FollowUpChanged,
        }
    }

    /// The JSON text that is frozen into the outbox.
    pub fn encode(&self) -> Result<String, serde_json::Error> {
        match self {
            Payload::HouseholdRegistered(p) => serde_json::to_string(p),
            Payload::ApplicationCreated(p) => serde_json::to_string(p),
            Payload::CaseStateChanged(p) => serde_json::to_string(p),
            Payload::CaseHandedOver(p) => serde_json::to_string(p),
            Payload::ConflictResolved(p) => serde_json::to_string(p),
            Payload::CountyDecision(p) => serde_json::to_string(p),
            Payload::AccountChanged(p) => serde_json::to_string(p),
            Payload::RatingRecorded(p) => serde_json::to_string(p),
            Payload::FollowUpChanged(p) => serde_json::to_string(p),
        }
    }

    /// Reads a payload of the kind named `kind`, refusing unknown kinds and oversized texts.
    pub fn decode(kind: &str, payload: &str) -> Result<Payload, PayloadError> {
        if payload.len() > MAX_PAYLOAD_BYTES {
            return Err(PayloadError::TooLarge {
                bytes: payload.len(),
                max: MAX_PAYLOAD_BYTES,
            });
        }
        let kind =
            EventKind::from_code(kind).ok_or_else(|| PayloadError::UnknownKind(kind.to_owned()))?;
        fn read<T: serde::de::DeserializeOwned>(payload: &str) -> Result<T, PayloadError> {
            serde_json::from_str(payload).map_err(|error| PayloadError::Shape(error.to_string()))
        }
        Ok(match kind {
            EventKind::HouseholdRegistered => Payload::HouseholdRegistered(read(payload)?),
            EventKind::ApplicationCreated => Payload::ApplicationCreated(read(payload)?),
            EventKind::CaseStateChanged => Payload::CaseStateChanged(read(payload)?),
            EventKind::CaseHandedOver => Payload::CaseHandedOver(read(payload)?),
            EventKind::ConflictResolved => Payload::ConflictResolved(read(payload)?),
            EventKind::CountyDecision => Payload::CountyDecision(read(payload)?),
            EventKind::AccountChanged => Payload::AccountChanged(read(payload)?),
            EventKind::RatingRecorded => Payload::RatingRecorded(read(payload)?),
            EventKind::FollowUpChanged => Payload::FollowUpChanged(read(payload)?),
        })
    }

    /// The id of the record the event is about: a case, a household, an account's login, a
    /// rating or a follow-up.
    pub fn entity_id(&self) -> &str {
        match self {
            Payload::HouseholdRegistered(household) => &household.id,
            Payload::ApplicationCreated(created) => &created.case.id,
            Payload::CaseStateChanged(change) => &change.application,
            Payload::CaseHandedOver(change) => &change.application,
            Payload::ConflictResolved(change) => &change.application,
            Payload::CountyDecision(change) => &change.application,
            Payload::AccountChanged(account) => &account.login,
            Payload::RatingRecorded(rating) => &rating.id,
            Payload::FollowUpChanged(follow_up) => &follow_up.id,
        }
    }

    /// The case number the event gives or names, if any.
    pub fn case_number(&self) -> Option<&str> {
        match self {
            Payload::ApplicationCreated(created) => created.case.number.as_deref(),
            Payload::CaseStateChanged(change) => change.number.as_deref(),
            Payload::CaseHandedOver(change) => change.number.as_deref(),
            Payload::ConflictResolved(change) => change.number.as_deref(),
            Payload::CountyDecision(change) => Some(&change.number),
            Payload::RatingRecorded(rating) => rating.case_number.as_deref(),
            Payload::HouseholdRegistered(_)
            | Payload::AccountChanged(_)
            | Payload::FollowUpChanged(_) => None,
        }
    }

    /// What a later change does to a case, whatever its kind; None for other events.
    pub fn case_update(&self) -> Option<CaseUpdate<'_>> {
        let update = match self {
            Payload::CaseStateChanged(change) => CaseUpdate {
                application: &change.application,
                number: change.number.as_deref(),
                target: Some(change.to),
                due_date: change.due_date,
                received: change.materials.iter().map(|m| m.received).collect(),
                to_agent: None,
                actor: &change.actor,
                note: &change.note,
                resolves: &[],
            },
            Payload::CaseHandedOver(change) => CaseUpdate {
                application: &change.application,
                number: change.number.as_deref(),
                target: None,
                due_date: None,
                received: Vec::new(),
                to_agent: Some(AgentRef {
                    name: &change.to_agent,
                    login: change.to_agent_login.as_deref(),
                }),
                actor: "",
                note: &change.note,
                resolves: &[],
            },
            Payload::ConflictResolved(change) => CaseUpdate {
                application: &change.application,
                number: change.number.as_deref(),
                target: Some(change.state),
                due_date: change.due_date,
                received: change.materials.iter().map(|m| m.received).collect(),
                to_agent: None,
                actor: &change.actor,
                note: &change.note,
                resolves: &change.resolves,
            },
            Payload::CountyDecision(change) => CaseUpdate {
                application: &change.application,
                number: Some(&change.number),
                target: Some(change.result),
                due_date: None,
                received: Vec::new(),
                to_agent: None,
                actor: &change.actor,
                note: &change.note,
                resolves: &[],
            },
            Payload::HouseholdRegistered(_)
            | Payload::ApplicationCreated(_)
            | Payload::AccountChanged(_)
            | Payload::RatingRecorded(_)
            | Payload::FollowUpChanged(_) => return None,
        };
        Some(update)
    }

    /// The state a case is in after this event, if it says.
    pub fn case_state(&self) -> Option<CaseState> {
        match self {
            Payload::ApplicationCreated(created) => Some(created.case.state),
            other => other.case_update().and_then(|update| update.target),
        }
    }
}

/// A person a case is handed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentRef<'a> {
    pub name: &'a str,
    pub login: Option<&'a str>,
}

/// What a later change does to a case, read from any case-changing event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseUpdate<'a> {
    pub application: &'a str,
    pub number: Option<&'a str>,
    /// The state the case moves to.
    pub target: Option<CaseState>,
    pub due_date: Option<NaiveDate>,
    /// The checklist's received flags, in the item's order (empty: unchanged).
    pub received: Vec<bool>,
    pub to_agent: Option<AgentRef<'a>>,
    /// The acting account's login (empty when the event names nobody).
    pub actor: &'a str,
    pub note: &'a str,
    /// The versions a conflict resolution chose between.
    pub resolves: &'a [String],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision() -> Payload {
        Payload::CountyDecision(CountyDecision {
            application: "case-1".into(),
            number: "62102320220261127010001".into(),
            result: CaseState::Completed,
            note: "已办结".into(),
            actor: "县级部门".into(),
        })
    }

    #[test]
    fn every_kind_has_one_code_and_reads_back_what_it_wrote() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_code(kind.code()), Some(kind));
        }
        let payload = decision();
        let text = payload.encode().unwrap();
        assert_eq!(Payload::decode("county_decision", &text).unwrap(), payload);
        assert_eq!(payload.kind(), EventKind::CountyDecision);
        assert_eq!(payload.entity_id(), "case-1");
    }

    #[test]
    fn unknown_kinds_wrong_shapes_and_oversized_payloads_are_refused() {
        let text = decision().encode().unwrap();
        assert!(matches!(
            Payload::decode("note_recorded", &text),
            Err(PayloadError::UnknownKind(_))
        ));
        assert!(matches!(
            Payload::decode("household_registered", &text),
            Err(PayloadError::Shape(_))
        ));
        let huge = format!(r#"{{"note":"{}"}}"#, "x".repeat(MAX_PAYLOAD_BYTES));
        assert!(matches!(
            Payload::decode("county_decision", &huge),
            Err(PayloadError::TooLarge { .. })
        ));
    }

    /// A follow-up worked on two desks while apart, every note and the appeal as long as
    /// allowed, in characters of three bytes, with the longest names in characters of four
    /// (Ext B).
    fn longest_follow_up() -> FollowUpRecord {
        use crate::domain::rating::{
            Appeal, AppealState, FollowUpNote, FollowUpStage, MAX_NOTE_CHARS,
        };
        let words = "整".repeat(MAX_NOTE_CHARS);
        let name = "𠀾".repeat(crate::domain::text::NAME_MAX_CHARS);
        let notes = ["staff01", "staff02"]
            .into_iter()
            .flat_map(|login| {
                let (words, name) = (words.clone(), name.clone());
                FollowUpStage::ALL[..4]
                    .iter()
                    .map(move |&stage| FollowUpNote {
                        at: "2026-12-01T09:00:00+08:00".into(),
                        actor_login: format!("{login}-with-a-long-login"),
                        actor_name: name.clone(),
                        stage,
                        note: words.clone(),
                    })
            })
            .collect();
        FollowUpRecord {
            id: uuid::Uuid::new_v4().to_string(),
            rating: uuid::Uuid::new_v4().to_string(),
            stage: FollowUpStage::Closed,
            due_date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            opened_at: "2026-11-27T16:00:00+08:00".into(),
            closed_at: Some("2026-12-03T09:00:00+08:00".into()),
            appeal: Some(Appeal {
                state: AppealState::Rejected,
                reason: words.clone(),
                by: "staff01-with-a-long-login".into(),
                at: "2026-11-30T09:00:00+08:00".into(),
                decision: Some(words),
                decided_by: Some("admin-with-a-long-login".into()),
                decided_at: Some("2026-12-01T09:00:00+08:00".into()),
            }),
            notes,
        }
    }

    #[test]
    fn the_longest_follow_up_of_two_desks_fits_one_event() {
        let payload = Payload::FollowUpChanged(longest_follow_up());
        let text = payload.encode().unwrap();
        assert!(text.len() <= MAX_PAYLOAD_BYTES, "{} bytes", text.len());
        assert_eq!(
            Payload::decode("follow_up_changed", &text).unwrap(),
            payload
        );
    }

    #[test]
    fn a_household_of_twenty_with_the_longest_four_byte_names_fits_one_event() {
        use crate::domain::household::{HouseholdForm, MemberForm};
        let name = |n: u32| {
            let rare = char::from_u32(0x2_0000 + n).unwrap();
            format!(
                "{}{rare}",
                "𪚥".repeat(crate::domain::text::NAME_MAX_CHARS - 1)
            )
        };
        let id = |n: u32| {
            let body = format!("62102319800101{n:03}");
            let check = crate::domain::id_number::check_char(&body);
            format!("{body}{check}")
        };
        let household = HouseholdForm {
            head_name: name(0),
            id_number: id(0),
            phone: "0934-5581001".into(),
            village: "高台村".into(),
            group: "3".into(),
            members: (1..20)
                .map(|n| MemberForm {
                    name: name(n),
                    id_number: id(n),
                    relation: "孙子女".into(),
                })
                .collect(),
        }
        .check(
            uuid::Uuid::new_v4().to_string(),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            |_| Some(6),
        )
        .unwrap();
        let payload = Payload::HouseholdRegistered(household);
        let text = payload.encode().unwrap();
        assert!(text.len() <= MAX_PAYLOAD_BYTES, "{} bytes", text.len());
        assert_eq!(
            Payload::decode("household_registered", &text).unwrap(),
            payload
        );
    }

    #[test]
    fn a_rating_travels_as_it_was_given() {
        use crate::domain::rating::{BadReason, RatingChannel, RatingLevel};
        let rating = RatingRecord {
            id: "r1".into(),
            application: Some("case-1".into()),
            case_number: Some("62102320220261127010001".into()),
            item_id: Some("pension-enrolment".into()),
            window: Some(2),
            agent_login: Some("agent01".into()),
            channel: RatingChannel::Kiosk,
            level: Some(RatingLevel::Dissatisfied),
            reasons: vec![BadReason::Efficiency],
            comment: "跑了两趟".into(),
            contact: String::new(),
            rated_at: "2026-11-27T16:00:00+08:00".into(),
            device: "02".into(),
        };
        let payload = Payload::RatingRecorded(rating);
        let text = payload.encode().unwrap();
        assert_eq!(Payload::decode("rating_recorded", &text).unwrap(), payload);
        assert_eq!(payload.entity_id(), "r1");
        assert_eq!(payload.case_number(), Some("62102320220261127010001"));
        assert!(payload.case_update().is_none());
    }

    #[test]
    fn payloads_recorded_by_older_builds_still_decode() {
        // A state change as the first sync build wrote it (no logins for agents).
        let old = r#"{"application":"a","number":null,"from":"accepted","to":"in_progress",
            "due_date":"2026-12-03","actor":"agent01","note":"","materials":[
            {"name":"身份证","required":true,"received":true}]}"#;
        let payload = Payload::decode("case_state_changed", old).unwrap();
        let update = payload.case_update().unwrap();
        assert_eq!(update.target, Some(CaseState::InProgress));
        assert_eq!(update.received, vec![true]);
        let old_handover =
            r#"{"application":"a","number":"n","from_agent":"甲","to_agent":"乙","note":"休假"}"#;
        let payload = Payload::decode("case_handed_over", old_handover).unwrap();
        let to = payload.case_update().unwrap().to_agent.unwrap();
        assert_eq!((to.name, to.login), ("乙", None));
    }
}
