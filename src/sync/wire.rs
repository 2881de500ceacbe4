//! The JSON the hall and the county exchange, over HTTP and in USB bundles. Described for other
//! implementers in `docs/sync-protocol.md`; change both together.

use serde::{Deserialize, Serialize};

pub use crate::domain::sync::bundle::BundleKind;
pub use crate::domain::sync::outbox::AckStatus;

/// The device code the county uses for its own events (decisions).
pub const COUNTY_DEVICE: &str = "00";

/// One change, as the terminal (or the county) recorded it. `kind` and `payload` are read
/// with [`crate::domain::sync::event::Payload::decode`]; the payload text travels byte for byte
/// as it was queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// UUID made when the change was recorded: the idempotency key.
    pub id: String,
    /// The township code of the hall.
    pub hall: String,
    /// The terminal's two-digit device code ("00" for the county).
    pub device: String,
    /// Gap-free per device, from 1.
    pub seq: u64,
    pub kind: String,
    pub entity_id: String,
    /// The event this change was based on (the case's version then); none for a creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    pub created_at: String,
    /// The frozen JSON payload, as a string, byte for byte as it was queued.
    pub payload: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub events: Vec<Event>,
}

/// The county's answer for one event of a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub id: String,
    pub status: AckStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub acks: Vec<Ack>,
}

/// One event pulled from the county, with its place in the hall's stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulledItem {
    pub cursor: u64,
    pub event: Event,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub items: Vec<PulledItem>,
    /// Pass this as `since` next time (equal to the last item's cursor, or `since` if none).
    pub next_cursor: u64,
    /// More items wait after this page.
    pub more: bool,
}

/// Who a token belongs to (`GET /v1/whoami`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub hall: String,
    pub device: String,
    pub name: String,
}

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<u64>,
}

/// The first line of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleHeader {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    pub version: u32,
    #[serde(rename = "type")]
    pub kind: BundleKind,
    pub hall: String,
    /// The sending terminal (events), or "00" (a county reply).
    pub device: String,
    pub created_at: String,
    /// A reply holds the hall's stream up to this cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_cursor: Option<u64>,
}

pub const BUNDLE_FORMAT: &str = "bianmin-bundle";
pub const BUNDLE_VERSION: u32 = 1;

/// A line between the header and the trailer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BundleLine {
    Event(Event),
    Ack(Ack),
    Item(PulledItem),
    Trailer(BundleTrailer),
}

/// The last line: what the content must add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleTrailer {
    /// Lines between the header and the trailer.
    pub count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seq: Option<u64>,
    /// SHA-256 (hex) of every byte before the trailer line.
    pub sha256: String,
    /// HMAC-SHA256 (hex) of the same bytes, per device code, keyed with that device's bundle key.
    pub hmac: std::collections::BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        Event {
            id: "3f1c".into(),
            hall: "621023202".into(),
            device: "01".into(),
            seq: 7,
            kind: "case_state_changed".into(),
            entity_id: "case".into(),
            base: Some("prev".into()),
            created_at: "2026-11-27T09:30:00+08:00".into(),
            payload: r#"{"to":"completed", "note":"办结"}"#.into(),
        }
    }

    #[test]
    fn the_payload_travels_byte_for_byte() {
        let event = event();
        let json = serde_json::to_string(&event).unwrap();
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back.payload.as_bytes(), event.payload.as_bytes());
        assert_eq!(back, event);
    }

    #[test]
    fn bundle_lines_are_tagged_by_their_kind() {
        let line = serde_json::to_string(&BundleLine::Event(event())).unwrap();
        assert!(line.starts_with(r#"{"event":{"#), "{line}");
        let ack = Ack {
            id: "x".into(),
            status: AckStatus::Duplicate,
            reason: None,
        };
        let line = serde_json::to_string(&BundleLine::Ack(ack)).unwrap();
        assert_eq!(line, r#"{"ack":{"id":"x","status":"duplicate"}}"#);
    }

    #[test]
    fn unknown_fields_in_an_event_are_refused() {
        let mut value = serde_json::to_value(event()).unwrap();
        value["extra"] = 1.into();
        assert!(serde_json::from_value::<Event>(value).is_err());
    }
}
