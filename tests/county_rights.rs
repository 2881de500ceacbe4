//! The county as an attacker and a careless terminal would meet it: another hall's token, bad
//! and oversized events in a batch, a reused event id, revoked and rotated tokens, and the
//! files that hold keys and personal data. Real sockets on 127.0.0.1, real SQLite.

mod sync_support;

use std::path::Path;
use std::time::Duration;

use bianmin::clock;
use bianmin::county::CountyStore;
use bianmin::county::server::Running;
use bianmin::domain::application::CaseState;
use bianmin::domain::household::Household;
use bianmin::domain::phone::Phone;
use bianmin::domain::sync::event::{
    ApplicationCreated, CaseHandedOver, CaseStateChanged, ConflictChoice, ConflictResolved,
    CountyDecision, Payload,
};
use bianmin::sync::wire::{Ack, AckStatus, Event};
use bianmin::sync::{CountyClient, SyncConfig, SyncError, SyncOptions, sync_store};
use sync_support::{HALL, Terminal, county_with, dump};

/// Another township of the same county.
const OTHER_HALL: &str = "621023203";

fn now_sync() -> SyncOptions {
    SyncOptions {
        forced: true,
        timeout: Duration::from_secs(10),
        ..SyncOptions::default()
    }
}

fn client(url: &str, token: &str) -> CountyClient {
    CountyClient::new(
        &SyncConfig::new(url, token).unwrap(),
        Duration::from_secs(10),
    )
    .unwrap()
}

/// An event of terminal `device` of `hall`, number `seq`, with this payload.
fn event(hall: &str, device: &str, seq: u64, payload: &Payload) -> Event {
    Event {
        id: uuid::Uuid::new_v4().to_string(),
        hall: hall.into(),
        device: device.into(),
        seq,
        kind: payload.kind().code().into(),
        entity_id: payload.entity_id().into(),
        base: None,
        created_at: clock::now().to_rfc3339(),
        payload: payload.encode().unwrap(),
    }
}

fn household(n: u32) -> Household {
    Household {
        id: uuid::Uuid::new_v4().to_string(),
        head_name: format!("户主{n}"),
        id_number: sync_support::id_number(n),
        phone: Phone::parse("13800138000").unwrap(),
        village: "高台村".into(),
        group: 1,
        members: Vec::new(),
    }
}

/// The county's view of halls' records (what a hall's change could alter).
fn county_view(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("county.sqlite3")).unwrap();
    let mut out = String::new();
    for table in ["application", "household"] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for column in 0..columns {
                let value: rusqlite::types::Value = row.get(column).unwrap();
                out.push_str(&format!("{value:?}|"));
            }
            out.push('\n');
        }
    }
    let accepted: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM event WHERE status = 'accepted'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    out.push_str(&format!("accepted events: {accepted}"));
    out
}

fn all_rejected(acks: &[Ack]) {
    for ack in acks {
        assert_eq!(ack.status, AckStatus::Rejected, "{ack:?}");
        assert!(ack.reason.as_deref().is_some_and(|r| !r.is_empty()));
    }
}

#[test]
fn another_halls_token_changes_none_of_a_halls_cases_and_decisions_reach_the_right_hall() {
    let (county_dir, tokens) = county_with(&["01"]);
    let stranger_token = CountyStore::open_dir(county_dir.path())
        .unwrap()
        .add_device(OTHER_HALL, "别的乡", Some("01"), None)
        .unwrap()
        .token;
    let county = Running::start(county_dir.path(), 2).unwrap();
    let mut hall = Terminal::new("01");
    hall.configure(&county.url(), &tokens[0]);
    let family = hall.household(61);
    let case = hall.case(&family, 0);
    let number = case.number.clone().unwrap();
    sync_store(&mut hall.store, &now_sync()).unwrap();
    let before = county_view(county_dir.path());

    // Hall B tries every kind of change to hall A's records, with its own token.
    let stranger = client(&county.url(), &stranger_token);
    let attempts = [
        Payload::CaseStateChanged(CaseStateChanged {
            application: case.id.clone(),
            number: Some(number.clone()),
            from: CaseState::Accepted,
            to: CaseState::Refused,
            due_date: None,
            actor: "intruder".into(),
            note: "不予受理".into(),
            materials: Vec::new(),
        }),
        Payload::CaseHandedOver(CaseHandedOver {
            application: case.id.clone(),
            number: Some(number.clone()),
            from_agent: "甲".into(),
            to_agent: "乙".into(),
            to_agent_login: None,
            note: String::new(),
        }),
        Payload::ConflictResolved(ConflictResolved {
            application: case.id.clone(),
            number: Some(number.clone()),
            conflict: 1,
            choice: ConflictChoice::Remote,
            resolves: Vec::new(),
            state: CaseState::Returned,
            due_date: None,
            materials: Vec::new(),
            actor: "intruder".into(),
            note: String::new(),
        }),
        Payload::CountyDecision(CountyDecision {
            application: case.id.clone(),
            number: number.clone(),
            result: CaseState::Completed,
            note: String::new(),
            actor: "县级部门".into(),
        }),
        // Hall A's case id again, as if it were hall B's.
        Payload::ApplicationCreated(ApplicationCreated {
            case: bianmin::domain::sync::event::CaseRecord {
                number: None,
                ..case.to_record()
            },
        }),
        // A new case under hall A's number.
        Payload::ApplicationCreated(ApplicationCreated {
            case: bianmin::domain::sync::event::CaseRecord {
                id: uuid::Uuid::new_v4().to_string(),
                ..case.to_record()
            },
        }),
        Payload::HouseholdRegistered(Household {
            head_name: "冒名".into(),
            ..family.clone()
        }),
    ];
    let events: Vec<Event> = attempts
        .iter()
        .enumerate()
        .map(|(n, payload)| event(OTHER_HALL, "01", n as u64 + 1, payload))
        .collect();
    let acks = stranger.push(&events).unwrap();
    assert_eq!(acks.len(), attempts.len());
    all_rejected(&acks);
    // Events claiming to be hall A's, sent with hall B's token: refused too.
    let forged = event(HALL, "01", 8, &attempts[0]);
    all_rejected(&stranger.push(&[forged]).unwrap());
    assert_eq!(county_view(county_dir.path()), before, "nothing changed");
    // Hall B pulls nothing of hall A.
    assert!(stranger.pull(0, 100).unwrap().items.is_empty());

    // Hall A goes on as before, and a decision on its number reaches hall A.
    hall.move_case(
        &case.id,
        bianmin::domain::application::Transition::StartHandling,
        "",
    );
    sync_store(&mut hall.store, &now_sync()).unwrap();
    CountyStore::open_dir(county_dir.path())
        .unwrap()
        .decide(&number, CaseState::Completed, "县里已办结")
        .unwrap();
    sync_store(&mut hall.store, &now_sync()).unwrap();
    assert_eq!(
        hall.store.case(&case.id).unwrap().unwrap().state,
        CaseState::Completed
    );
    assert!(stranger.pull(0, 100).unwrap().items.is_empty());
}

#[test]
fn a_bad_event_is_refused_on_its_own_and_the_rest_of_its_batch_is_stored() {
    let (county_dir, tokens) = county_with(&["01"]);
    let county = Running::start(county_dir.path(), 2).unwrap();
    let terminal = client(&county.url(), &tokens[0]);
    let good = event(HALL, "01", 1, &Payload::HouseholdRegistered(household(71)));
    let mut oversized = event(HALL, "01", 2, &Payload::HouseholdRegistered(household(72)));
    oversized.payload = oversized
        .payload
        .replacen("户主72", &"长".repeat(20_000), 1);
    let mut bad_id = event(HALL, "01", 3, &Payload::HouseholdRegistered(household(73)));
    bad_id.id = "../../etc/passwd".into();
    let mut unknown_kind = event(HALL, "01", 4, &Payload::HouseholdRegistered(household(74)));
    unknown_kind.kind = "note_recorded".into();
    let also_good = event(HALL, "01", 5, &Payload::HouseholdRegistered(household(75)));
    let acks = terminal
        .push(&[
            good.clone(),
            oversized,
            bad_id,
            unknown_kind,
            also_good.clone(),
        ])
        .unwrap();
    let statuses: Vec<AckStatus> = acks.iter().map(|ack| ack.status).collect();
    assert_eq!(
        statuses,
        [
            AckStatus::Accepted,
            AckStatus::Rejected,
            AckStatus::Rejected,
            AckStatus::Rejected,
            AckStatus::Accepted
        ]
    );
    assert!(acks[1].reason.as_deref().unwrap().contains("bytes"));
    assert!(acks[2].reason.as_deref().unwrap().contains("UUID"));
    assert!(acks[3].reason.as_deref().unwrap().contains("kind"));
    let stats = CountyStore::open_dir(county_dir.path())
        .unwrap()
        .stats()
        .unwrap();
    assert_eq!((stats.events, stats.rejected), (2, 3));

    // The same event again is a duplicate; the same id with other content is a conflict.
    let acks = terminal.push(std::slice::from_ref(&good)).unwrap();
    assert_eq!(acks[0].status, AckStatus::Duplicate);
    let altered = Event {
        payload: good.payload.replacen("户主71", "改名", 1),
        seq: 6,
        ..good
    };
    let acks = terminal.push(&[altered]).unwrap();
    assert_eq!(acks[0].status, AckStatus::Rejected);
    assert!(acks[0].reason.as_deref().unwrap().contains("conflict"));
    assert_eq!(
        CountyStore::open_dir(county_dir.path())
            .unwrap()
            .stats()
            .unwrap()
            .events,
        2
    );
}

#[test]
fn a_revoked_token_stops_at_once_and_a_rotated_one_carries_on_without_losing_anything() {
    let (county_dir, tokens) = county_with(&["01"]);
    let county = Running::start(county_dir.path(), 2).unwrap();
    let mut hall = Terminal::new("01");
    hall.configure(&county.url(), &tokens[0]);
    let family = hall.household(81);
    hall.case(&family, 0);
    sync_store(&mut hall.store, &now_sync()).unwrap();

    let bianmin = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_bianmin"))
            .args(args)
            .env("BIANMIN_LANG", "en")
            .output()
            .unwrap()
    };
    let data = county_dir.path().to_str().unwrap();
    let revoked = bianmin(&[
        "county", "device", "revoke", "--data", data, "--hall", HALL, "--device", "01",
    ]);
    assert!(revoked.status.success(), "{revoked:?}");
    // Work goes on at the hall meanwhile; the county refuses the old token at once.
    hall.case(&family, 1);
    let error = sync_store(&mut hall.store, &now_sync()).unwrap_err();
    assert!(matches!(error, SyncError::Unauthorized), "{error}");

    let rotated = bianmin(&[
        "county", "device", "rotate", "--data", data, "--hall", HALL, "--device", "01",
    ]);
    assert!(rotated.status.success(), "{rotated:?}");
    let new_token = String::from_utf8(rotated.stdout).unwrap().trim().to_owned();
    assert_ne!(new_token, tokens[0]);
    hall.configure(&county.url(), &new_token);
    sync_store(&mut hall.store, &now_sync()).unwrap();
    // Everything queued while the token was revoked arrived: the outbox is all sent.
    let states = hall.outbox_states();
    assert_eq!(states.len(), 1, "{states:?}");
    assert_eq!(states[0].0, "sent");
    assert_eq!(
        CountyStore::open_dir(county_dir.path())
            .unwrap()
            .stats()
            .unwrap()
            .applications,
        2
    );

    // The list names every terminal with its token's state; a new token expires in a year.
    let listed = bianmin(&["county", "device", "list", "--data", data, "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let device = &listed[0];
    for key in [
        "hall",
        "device",
        "name",
        "created",
        "expires",
        "revoked",
        "last_seen",
    ] {
        assert!(device.get(key).is_some(), "{key} in {device}");
    }
    assert!(device["revoked"].is_null(), "rotating lifts the revocation");
    assert!(device["last_seen"].is_string());
    let expires =
        chrono::DateTime::parse_from_rfc3339(device["expires"].as_str().unwrap()).unwrap();
    let days = (expires - clock::now()).num_days();
    assert!((360..=366).contains(&days), "{days}");
}

#[cfg(unix)]
#[test]
fn the_county_database_and_every_bundle_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let (county_dir, tokens) = county_with(&["01"]);
    assert_eq!(mode(&county_dir.path().join("county.sqlite3")), 0o600);
    let mut hall = Terminal::new("01");
    hall.configure_usb_only(&tokens[0]);
    let family = hall.household(91);
    hall.case(&family, 0);
    let events = hall.path().join("events.bmbundle");
    bianmin::sync::export_bundle(&hall.store, &events).unwrap();
    assert_eq!(mode(&events), 0o600);
    let mut county = CountyStore::open_dir(county_dir.path()).unwrap();
    county.import_bundle(&events).unwrap();
    let reply = hall.path().join("reply.bmbundle");
    county.export_reply(HALL, &reply).unwrap();
    assert_eq!(mode(&reply), 0o600);
    let before = dump(&hall.database());
    assert!(!before.is_empty());
}

#[test]
fn events_over_the_limit_kept_by_an_older_county_never_block_a_pull_or_a_reply() {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    // As an older county accepted them: an 18 MB event, then an ordinary one, from terminal 01.
    let conn = rusqlite::Connection::open(county_dir.path().join("county.sqlite3")).unwrap();
    let huge = event(HALL, "01", 1, &Payload::HouseholdRegistered(household(95)));
    let ordinary = event(HALL, "01", 2, &Payload::HouseholdRegistered(household(96)));
    let huge_payload = huge.payload.replacen("户主95", &"长".repeat(6_000_000), 1);
    for (event, payload) in [(&huge, &huge_payload), (&ordinary, &ordinary.payload)] {
        conn.execute(
            "INSERT INTO event (id, hall, device, seq, kind, entity_id, created_at, payload,
                received_at, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, 'accepted')",
            rusqlite::params![
                event.id,
                event.hall,
                event.device,
                event.seq as i64,
                event.kind,
                event.entity_id,
                event.created_at,
                payload
            ],
        )
        .unwrap();
    }
    drop(conn);
    let county = Running::start(county_dir.path(), 2).unwrap();
    let mut two = Terminal::new("02");
    two.configure(&county.url(), &tokens[1]);
    let report = sync_store(&mut two.store, &now_sync()).unwrap();
    assert_eq!(report.pulled, 1, "{report:?}");
    assert!(two.store.household(&ordinary.entity_id).unwrap().is_some());
    // The USB reply leaves it out too, and a terminal reads it.
    let reply = two.path().join("reply.bmbundle");
    CountyStore::open_dir(county_dir.path())
        .unwrap()
        .export_reply(HALL, &reply)
        .unwrap();
    assert!(std::fs::metadata(&reply).unwrap().len() < 1_000_000);
    let mut other = Terminal::new("02");
    other.configure_usb_only(&tokens[1]);
    bianmin::sync::import_reply(&mut other.store, &reply).unwrap();
}

#[test]
fn a_reference_another_terminal_gave_is_refused_and_the_terminals_own_is_kept() {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    let county = Running::start(county_dir.path(), 2).unwrap();
    let mut hall = Terminal::new("02");
    let family = hall.household(62);
    let case = hall.pending_case(&family, 0);
    let record = case.to_record();
    assert!(record.reference.is_some(), "a 待补正 case has its 登记号");
    // Terminal 01 sends terminal 02's case as its own: its reference gives it away.
    let borrowed = Payload::ApplicationCreated(ApplicationCreated {
        case: record.clone(),
    });
    let one = client(&county.url(), &tokens[0]);
    all_rejected(&one.push(&[event(HALL, "01", 1, &borrowed)]).unwrap());
    // Terminal 02 sends it: kept, with its reference.
    let two = client(&county.url(), &tokens[1]);
    let acks = two.push(&[event(HALL, "02", 1, &borrowed)]).unwrap();
    assert!(
        acks.iter().all(|ack| ack.status == AckStatus::Accepted),
        "{acks:?}"
    );
    assert!(county_view(county_dir.path()).contains(record.reference.as_deref().unwrap()));
}
