//! 好差评 travelling like every other change: a hall's ratings and follow-ups reach the county
//! over the real HTTP receiver on 127.0.0.1 and by USB bundle, are counted once however often
//! they are sent, reach the hall's other terminals, and another hall's are refused.

mod sync_support;

use std::path::Path;
use std::time::Duration;

use bianmin::clock;
use bianmin::county::CountyStore;
use bianmin::county::server::Running;
use bianmin::domain::application::Transition;
use bianmin::domain::follow_up::FollowUpRecord;
use bianmin::domain::rating::{
    BadReason, FollowUpStage, RatingAnswer, RatingChannel, RatingLevel, RatingRecord,
};
use bianmin::domain::sync::event::Payload;
use bianmin::store::{CaseRatingStatus, CaseRules, Rated};
use bianmin::sync::wire::{Ack, AckStatus, Event};
use bianmin::sync::{
    CountyClient, SyncConfig, SyncOptions, export_bundle, import_reply, sync_store,
};
use sync_support::{HALL, Terminal, county_and_two_terminals, county_with, dump};

/// Another township of the same county.
const OTHER_HALL: &str = "621023203";

fn now_sync() -> SyncOptions {
    SyncOptions {
        forced: true,
        timeout: Duration::from_secs(10),
        ..SyncOptions::default()
    }
}

fn answer(level: Option<RatingLevel>, reasons: &[BadReason]) -> RatingAnswer {
    RatingAnswer {
        level,
        reasons: reasons.to_vec(),
        ..RatingAnswer::default()
    }
}

fn rate(terminal: &mut Terminal, case_id: &str, answer: RatingAnswer) -> Rated {
    let rules = CaseRules {
        content: &terminal.content,
        calendar: &terminal.calendar,
    };
    terminal
        .store
        .rate_case(
            case_id,
            RatingChannel::DeskRater,
            answer,
            &rules,
            clock::now(),
        )
        .unwrap()
}

/// A completed case of a new household on `terminal`.
fn completed_case(terminal: &mut Terminal, n: u32) -> String {
    let household = terminal.household(n);
    let case = terminal.case(&household, 0);
    terminal.move_case(&case.id, Transition::StartHandling, "");
    terminal.move_case(&case.id, Transition::Complete, "");
    case.id
}

/// Every event in `terminal`'s outbox, as it was sent.
fn sent_events(terminal: &Terminal) -> Vec<Event> {
    let conn = rusqlite::Connection::open(terminal.database()).unwrap();
    let device = terminal.store.device_code().unwrap().unwrap();
    let mut statement = conn
        .prepare(
            "SELECT id, seq, kind, entity_id, base, created_at, payload FROM outbox ORDER BY seq",
        )
        .unwrap();
    statement
        .query_map([], |row| {
            Ok(Event {
                id: row.get(0)?,
                hall: HALL.into(),
                device: device.as_str().into(),
                seq: row.get::<_, i64>(1)? as u64,
                kind: row.get(2)?,
                entity_id: row.get(3)?,
                base: row.get(4)?,
                created_at: row.get(5)?,
                payload: row.get(6)?,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn county(dir: &Path) -> CountyStore {
    CountyStore::open_dir(dir).unwrap()
}

fn client(url: &str, token: &str) -> CountyClient {
    CountyClient::new(
        &SyncConfig::new(url, token).unwrap(),
        Duration::from_secs(10),
    )
    .unwrap()
}

fn statuses(acks: &[Ack]) -> Vec<AckStatus> {
    acks.iter().map(|ack| ack.status).collect()
}

#[test]
fn a_halls_ratings_reach_the_county_over_http_are_counted_once_and_reach_its_other_terminal() {
    let (county_dir, county_server, mut one, mut two) = county_and_two_terminals();
    let bad_case = completed_case(&mut one, 1);
    let good_case = completed_case(&mut one, 2);
    let skipped_case = completed_case(&mut one, 3);
    let bad = rate(
        &mut one,
        &bad_case,
        answer(
            Some(RatingLevel::VeryDissatisfied),
            &[BadReason::Efficiency, BadReason::Attitude],
        ),
    );
    rate(
        &mut one,
        &good_case,
        answer(Some(RatingLevel::Satisfied), &[]),
    );
    rate(&mut one, &skipped_case, answer(None, &[]));
    let rules = CaseRules {
        content: &one.content,
        calendar: &one.calendar,
    };
    one.store
        .rate_visit(
            None,
            RatingChannel::Kiosk,
            answer(Some(RatingLevel::VerySatisfied), &[]),
            &rules,
            clock::now(),
        )
        .unwrap();
    let follow_up = bad.follow_up.clone().unwrap();
    let report = sync_store(&mut one.store, &now_sync()).unwrap();
    assert_eq!(report.rejected, 0, "{report:?}");

    let stats = county(county_dir.path()).stats().unwrap();
    let ratings = stats.ratings;
    assert_eq!(
        (
            ratings.ratings.very_satisfied,
            ratings.ratings.satisfied,
            ratings.ratings.very_dissatisfied
        ),
        (1, 1, 1)
    );
    assert_eq!(ratings.ratings.given(), 3);
    assert_eq!(ratings.unrated, 1);
    assert_eq!(ratings.satisfaction, Some(2.0 / 3.0));
    assert_eq!((ratings.follow_ups_open, ratings.follow_ups_closed), (1, 0));
    assert_eq!(ratings.follow_up_completion, Some(0.0));
    // Overdue only once its due date has passed.
    let after_due = follow_up.due_date.succ_opt().unwrap();
    let county_now = county(county_dir.path());
    assert_eq!(
        county_now
            .stats_on(follow_up.due_date)
            .unwrap()
            .ratings
            .follow_ups_overdue,
        0
    );
    assert_eq!(
        county_now
            .stats_on(after_due)
            .unwrap()
            .ratings
            .follow_ups_overdue,
        1
    );

    // Sent again (an answer lost on the way): duplicates, counted once.
    let events = sent_events(&one);
    let before = county(county_dir.path()).stats().unwrap();
    let resend = client(&county_server.url(), &sync_config_token(&one));
    let acks = resend.push(&events).unwrap();
    assert!(
        statuses(&acks).iter().all(|s| *s == AckStatus::Duplicate),
        "{acks:?}"
    );
    assert_eq!(county(county_dir.path()).stats().unwrap(), before);

    // Terminal two learns it: its kiosk offers no second rating, its staff see the follow-up.
    sync_store(&mut two.store, &now_sync()).unwrap();
    assert_eq!(
        two.store
            .case_rating_status(&bad_case, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::AlreadyRated
    );
    assert_eq!(
        two.store.follow_ups(true).unwrap(),
        std::slice::from_ref(&follow_up)
    );

    // Terminal two's admin works it to the end; the county and terminal one see it closed.
    let admin = two.admin.clone();
    for note in ["核实", "整改", "反馈", "回访"] {
        two.store
            .advance_follow_up(&follow_up.id, note, &admin, clock::now())
            .unwrap();
    }
    sync_store(&mut two.store, &now_sync()).unwrap();
    sync_store(&mut one.store, &now_sync()).unwrap();
    let closed = one.store.follow_up(&follow_up.id).unwrap().unwrap();
    assert_eq!(closed.stage, FollowUpStage::Closed);
    assert_eq!(closed, two.store.follow_up(&follow_up.id).unwrap().unwrap());
    let ratings = county(county_dir.path()).stats().unwrap().ratings;
    assert_eq!((ratings.follow_ups_open, ratings.follow_ups_closed), (0, 1));
    assert_eq!(ratings.follow_up_completion, Some(1.0));
    assert_eq!(one.store.sync_summary().unwrap().rejected, 0);
    assert_eq!(two.store.sync_summary().unwrap().rejected, 0);

    // `county stats --json` says the same.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .args(["county", "stats", "--json", "--data"])
        .arg(county_dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["ratings"]["very_dissatisfied"], 1);
    assert_eq!(json["unrated"], 1);
    assert_eq!(json["follow_ups_closed"], 1);
    assert_eq!(json["follow_up_completion"], 1.0);
    assert!((json["satisfaction"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
}

/// The token `terminal` syncs with.
fn sync_config_token(terminal: &Terminal) -> String {
    SyncConfig::load(&terminal.store)
        .unwrap()
        .expect("configured")
        .token
}

#[test]
fn a_rating_by_usb_bundle_is_counted_once_even_when_imported_twice() {
    let county_dir = tempfile::tempdir().unwrap();
    let mut one = Terminal::new("01");
    let mut two = Terminal::new("02");
    for (terminal, code) in [(&mut one, "01"), (&mut two, "02")] {
        let token = county(county_dir.path())
            .add_device(HALL, "终端", Some(code), None)
            .unwrap()
            .token;
        terminal.configure_usb_only(&token);
    }
    let case = completed_case(&mut one, 11);
    let rated = rate(
        &mut one,
        &case,
        answer(Some(RatingLevel::Dissatisfied), &[BadReason::Materials]),
    );
    let files = tempfile::tempdir().unwrap();
    let events = files.path().join("events.bmbundle");
    export_bundle(&one.store, &events).unwrap();
    let first = county(county_dir.path()).import_bundle(&events).unwrap();
    assert_eq!(first.rejected, 0, "{first:?}");
    let counted = county(county_dir.path()).stats().unwrap();
    assert_eq!(counted.ratings.ratings.dissatisfied, 1);
    assert_eq!(counted.ratings.follow_ups_open, 1);
    let again = county(county_dir.path()).import_bundle(&events).unwrap();
    assert_eq!((again.accepted, again.duplicate), (0, first.accepted));
    assert_eq!(county(county_dir.path()).stats().unwrap(), counted);

    let reply = files.path().join("reply.bmbundle");
    county(county_dir.path())
        .export_reply(HALL, &reply)
        .unwrap();
    import_reply(&mut two.store, &reply).unwrap();
    assert_eq!(
        two.store.case_rating(&case).unwrap(),
        Some(rated.rating.clone())
    );
    assert_eq!(
        two.store.follow_ups(true).unwrap(),
        [rated.follow_up.unwrap()]
    );
    // The reply read twice changes nothing.
    let before = dump(&two.database());
    import_reply(&mut two.store, &reply).unwrap();
    assert_eq!(dump(&two.database()), before);

    // Scripts see them on the command line.
    let bianmin = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_bianmin"))
            .arg("--data-dir")
            .arg(two.path())
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let ratings = bianmin(&["rating", "list", "--json"]);
    assert_eq!(ratings.as_array().unwrap().len(), 1);
    assert_eq!(ratings[0]["level"], "dissatisfied");
    assert_eq!(ratings[0]["reasons"][0], "materials");
    assert_eq!(ratings[0]["device"], "01");
    let open = bianmin(&["follow-up", "list", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["stage"], "verify");
    assert_eq!(open[0]["overdue"], false);
    assert_eq!(
        open[0]["rating"]["case_number"],
        rated.rating.case_number.unwrap()
    );
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

/// The county's 好差评 records, to show a refused event changed nothing.
fn county_ratings(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("county.sqlite3")).unwrap();
    let mut out = String::new();
    for table in ["rating", "follow_up"] {
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
    out
}

#[test]
fn ratings_and_follow_ups_of_another_halls_cases_are_refused() {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    let stranger_token = county(county_dir.path())
        .add_device(OTHER_HALL, "别的乡", Some("01"), None)
        .unwrap()
        .token;
    let server = Running::start(county_dir.path(), 2).unwrap();
    let mut hall = Terminal::new("01");
    hall.configure(&server.url(), &tokens[0]);
    let case = completed_case(&mut hall, 21);
    let rated = rate(
        &mut hall,
        &case,
        answer(Some(RatingLevel::Dissatisfied), &[BadReason::Attitude]),
    );
    sync_store(&mut hall.store, &now_sync()).unwrap();
    let before_records = county_ratings(county_dir.path());
    assert!(before_records.contains(&rated.rating.id));
    let before = county(county_dir.path()).stats().unwrap();
    let follow_up = rated.follow_up.unwrap();

    // Hall B rates hall A's case, "works" hall A's follow-up, and opens one of its own on
    // hall A's rating.
    let theirs = RatingRecord {
        id: uuid::Uuid::new_v4().to_string(),
        device: "01".into(),
        level: Some(RatingLevel::VerySatisfied),
        reasons: Vec::new(),
        ..rated.rating.clone()
    };
    let closed = FollowUpRecord {
        stage: FollowUpStage::Closed,
        closed_at: Some(clock::now().to_rfc3339()),
        ..follow_up.to_record()
    };
    let own_on_theirs = FollowUpRecord {
        id: uuid::Uuid::new_v4().to_string(),
        ..follow_up.to_record()
    };
    let attempts = [
        Payload::RatingRecorded(theirs),
        Payload::FollowUpChanged(closed.clone()),
        Payload::FollowUpChanged(own_on_theirs),
    ];
    let events: Vec<Event> = attempts
        .iter()
        .enumerate()
        .map(|(n, payload)| event(OTHER_HALL, "01", n as u64 + 1, payload))
        .collect();
    let acks = client(&server.url(), &stranger_token)
        .push(&events)
        .unwrap();
    assert_eq!(statuses(&acks), [AckStatus::Rejected; 3], "{acks:?}");
    assert!(acks[0].reason.as_deref().unwrap().contains("another hall"));

    // Inside hall A, too: terminal 02 cannot send a rating given on terminal 01, nor rate the
    // case a second time (一次一评).
    let second = RatingRecord {
        id: uuid::Uuid::new_v4().to_string(),
        device: "02".into(),
        level: Some(RatingLevel::Satisfied),
        reasons: Vec::new(),
        ..rated.rating.clone()
    };
    let borrowed = RatingRecord {
        id: uuid::Uuid::new_v4().to_string(),
        application: None,
        case_number: None,
        ..rated.rating.clone()
    };
    let acks = client(&server.url(), &tokens[1])
        .push(&[
            event(HALL, "02", 1, &Payload::RatingRecorded(second)),
            event(HALL, "02", 2, &Payload::RatingRecorded(borrowed)),
        ])
        .unwrap();
    assert_eq!(statuses(&acks), [AckStatus::Rejected; 2], "{acks:?}");
    assert!(acks[0].reason.as_deref().unwrap().contains("rated already"));
    assert!(acks[1].reason.as_deref().unwrap().contains("terminal"));

    assert_eq!(county_ratings(county_dir.path()), before_records);
    let after = county(county_dir.path()).stats().unwrap();
    assert_eq!(after.ratings, before.ratings);
    assert_eq!(after.rejected, before.rejected + 5);

    // Hall A's own terminal closing its follow-up is accepted.
    let acks = client(&server.url(), &tokens[0])
        .push(&[event(
            HALL,
            "01",
            sent_events(&hall).len() as u64 + 1,
            &Payload::FollowUpChanged(closed),
        )])
        .unwrap();
    assert_eq!(statuses(&acks), [AckStatus::Accepted], "{acks:?}");
    assert_eq!(
        county(county_dir.path())
            .stats()
            .unwrap()
            .ratings
            .follow_ups_closed,
        1
    );
}
