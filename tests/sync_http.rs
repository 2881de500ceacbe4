//! Sync over real sockets on 127.0.0.1 with real SQLite: two terminals and the county, a county
//! killed mid-push, duplicates, bad tokens, a county that fails or hangs, and a conflict.

mod sync_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bianmin::clock;
use bianmin::county::CountyStore;
use bianmin::county::server::Running;
use bianmin::domain::application::{CaseState, Transition};
use bianmin::store::{CaseSyncState, ConflictChoice};
use bianmin::sync::{SyncError, SyncOptions, sync_store};
use sync_support::{HALL, Terminal, county_and_two_terminals, county_with, queue_events};

fn now_sync() -> SyncOptions {
    SyncOptions {
        forced: true,
        timeout: Duration::from_secs(10),
        ..SyncOptions::default()
    }
}

fn county_events(dir: &Path) -> u64 {
    CountyStore::open_dir(dir).unwrap().stats().unwrap().events
}

#[test]
fn two_terminals_converge_and_a_county_decision_reaches_both() {
    let (county_dir, _county, mut one, mut two) = county_and_two_terminals();

    let household = one.household(1);
    let first = one.case(&household, 0);
    one.case(&household, 1);
    sync_store(&mut one.store, &now_sync()).unwrap();
    // Terminal two learns the household from the county, then takes a case of its own.
    let report = sync_store(&mut two.store, &now_sync()).unwrap();
    // The household, the two cases, and terminal one's admin (accounts follow people).
    assert_eq!(report.applied, 4, "{report:?}");
    let local = two
        .store
        .household(&household.id)
        .unwrap()
        .expect("household pulled");
    two.case(&local, 2);
    sync_store(&mut two.store, &now_sync()).unwrap();
    sync_store(&mut one.store, &now_sync()).unwrap();
    assert_eq!(one.cases().len(), 3);
    assert_eq!(one.cases(), two.cases());
    assert_eq!(one.store.sync_summary().unwrap().pending, 0);

    // Terminal one moves a case on; the county decides it; both terminals see 已办结.
    one.move_case(&first.id, Transition::StartHandling, "");
    sync_store(&mut one.store, &now_sync()).unwrap();
    let number = first.number.clone().unwrap();
    let mut store = CountyStore::open_dir(county_dir.path()).unwrap();
    store
        .decide(&number, CaseState::Completed, "县民政局已办结")
        .unwrap();
    for terminal in [&mut one, &mut two] {
        let report = sync_store(&mut terminal.store, &now_sync()).unwrap();
        assert_eq!(report.conflicts, 0, "{report:?}");
        let case = terminal.store.case(&first.id).unwrap().unwrap();
        assert_eq!(case.state, CaseState::Completed);
        let last = case.history.last().unwrap();
        assert_eq!(last.actor, "县级部门");
        assert_eq!(last.note, "县民政局已办结");
    }
    assert_eq!(one.cases(), two.cases());
    let stats = store.stats().unwrap();
    assert_eq!((stats.applications, stats.halls, stats.devices), (3, 1, 2));
    assert_eq!(
        one.store.case_sync_state(&first.id).unwrap(),
        CaseSyncState::Synced
    );
    // Nothing local is deleted because it was sent.
    // The admin account, the household, two cases, one state change.
    assert_eq!(one.outbox_states(), vec![("sent".to_owned(), 5)]);
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `bianmin county serve` and waits until it listens.
fn spawn_county(port: u16, data: &Path) -> Child {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
            .args(["county", "serve", "--listen", &format!("127.0.0.1:{port}")])
            .arg("--data")
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let _ = stdout.read_line(&mut line);
        // Kept open: the server's last words must not meet a closed pipe.
        child.stdout = Some(stdout.into_inner());
        if line.contains(&port.to_string()) {
            return child;
        }
        // The port may not be free again yet after a kill.
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            Instant::now() < deadline,
            "the county did not start: {line}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_county_killed_three_times_mid_push_ends_with_every_event_exactly_once() {
    const EVENTS: u64 = 3000;
    let (county_dir, tokens) = county_with(&["01"]);
    let port = free_port();
    let child = spawn_county(port, county_dir.path());
    let mut hall = Terminal::new("01");
    hall.configure(&format!("http://127.0.0.1:{port}"), &tokens[0]);
    queue_events(&hall.database(), EVENTS as usize);

    let data = county_dir.path().to_path_buf();
    let killer = std::thread::spawn(move || {
        let mut child = child;
        let mut kills = 0;
        for round in 1..=3u64 {
            let deadline = Instant::now() + Duration::from_secs(60);
            while county_events(&data) < round * EVENTS / 5 && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            if county_events(&data) >= EVENTS {
                break;
            }
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            kills += 1;
            child = spawn_county(port, &data);
        }
        (child, kills)
    });
    // Small pushes that stay small, so the kills come mid-push.
    let options = SyncOptions {
        batch: 50,
        max_batch: 50,
        ..now_sync()
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut failures = 0;
    loop {
        match sync_store(&mut hall.store, &options) {
            Ok(_) if killer.is_finished() => break,
            Ok(_) => std::thread::sleep(Duration::from_millis(20)),
            Err(error) => {
                assert!(
                    error.is_offline() || matches!(error, SyncError::Server { .. }),
                    "{error}"
                );
                failures += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        assert!(Instant::now() < deadline, "the push did not finish");
    }
    let (mut child, kills) = killer.join().unwrap();
    sync_store(&mut hall.store, &options).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(kills, 3, "the county was killed mid-push three times");
    assert!(failures >= 1);
    let conn = rusqlite::Connection::open(county_dir.path().join("county.sqlite3")).unwrap();
    let (count, distinct, min, max): (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COUNT(DISTINCT id), MIN(seq), MAX(seq) FROM event",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .unwrap();
    // The queued events and the terminal's admin account.
    let events = EVENTS as i64 + 1;
    assert_eq!((count, distinct, min, max), (events, events, 1, events));
    assert_eq!(hall.outbox_states(), vec![("sent".to_owned(), events)]);
}

#[test]
fn a_duplicate_delivery_is_answered_as_duplicate_and_stored_once() {
    let (county_dir, tokens) = county_with(&["01"]);
    let county = Running::start(county_dir.path(), 1).unwrap();
    let mut hall = Terminal::new("01");
    hall.configure(&county.url(), &tokens[0]);
    let household = hall.household(7);
    hall.case(&household, 3);
    let first = sync_store(&mut hall.store, &now_sync()).unwrap();
    // The terminal's admin account, the household and the case.
    assert_eq!((first.pushed, first.accepted), (3, 3));
    // As if the acks had been lost: the same events go again.
    let conn = rusqlite::Connection::open(hall.database()).unwrap();
    conn.execute("UPDATE outbox SET state = 'pending'", [])
        .unwrap();
    let again = sync_store(&mut hall.store, &now_sync()).unwrap();
    assert_eq!((again.pushed, again.accepted, again.duplicate), (3, 0, 3));
    assert_eq!(county_events(county_dir.path()), 3);
    assert_eq!(hall.outbox_states(), vec![("sent".to_owned(), 3)]);
    // The county holds each payload byte for byte as the terminal froze it.
    let county = rusqlite::Connection::open(county_dir.path().join("county.sqlite3")).unwrap();
    let mut queued = conn.prepare("SELECT id, payload FROM outbox").unwrap();
    let queued = queued
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .unwrap();
    for row in queued {
        let (id, payload) = row.unwrap();
        let stored: String = county
            .query_row("SELECT payload FROM event WHERE id = ?1", [&id], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(stored.as_bytes(), payload.as_bytes());
    }
}

/// Many batches in one sync (the terminal records one batch's answers and takes the next while
/// the county stores the one between): every event answered once, counted once, and nothing
/// left `sending`; an event the county refuses is rejected on its own.
#[test]
fn a_push_of_many_batches_counts_every_answer_once() {
    let (county_dir, tokens) = county_with(&["01"]);
    let county = Running::start(county_dir.path(), 2).unwrap();
    let mut hall = Terminal::new("01");
    hall.configure(&county.url(), &tokens[0]);
    queue_events(&hall.database(), 20);
    // An account the county refuses (a stand-in login), in the middle of the queue.
    let conn = rusqlite::Connection::open(hall.database()).unwrap();
    conn.execute(
        "INSERT INTO outbox (id, kind, entity_id, payload, created_at, seq)
         SELECT ?1, 'account_changed', '~county', REPLACE(payload, ?2, '~county'), created_at,
            (SELECT MAX(seq) + 1 FROM outbox)
         FROM outbox WHERE entity_id = ?2",
        rusqlite::params![uuid::Uuid::new_v4().to_string(), "bulk5"],
    )
    .unwrap();
    queue_events(&hall.database(), 9);
    let options = SyncOptions {
        batch: 4,
        ..now_sync()
    };
    let report = sync_store(&mut hall.store, &options).unwrap();
    // The terminal's admin account, the 29 accounts queued and the refused one.
    assert_eq!(
        (
            report.pushed,
            report.accepted,
            report.duplicate,
            report.rejected
        ),
        (31, 30, 0, 1),
        "{report:?}"
    );
    assert_eq!(
        hall.outbox_states(),
        vec![("rejected".to_owned(), 1), ("sent".to_owned(), 30)]
    );
    assert_eq!(county_events(county_dir.path()), 30);
    let again = sync_store(&mut hall.store, &options).unwrap();
    assert_eq!(again.pushed, 0);
}

#[test]
fn the_command_line_says_why_the_county_cannot_be_reached_and_shows_the_status() {
    let hall = Terminal::new("01");
    let port = free_port();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_bianmin"))
            .arg("--data-dir")
            .arg(hall.path())
            .args(args)
            .env("BIANMIN_LANG", "zh-CN")
            .output()
            .unwrap()
    };
    let url = format!("http://127.0.0.1:{port}");
    let token_file = hall.path().join("token.txt");
    std::fs::write(
        &token_file,
        format!("bm1.621023202.01.{}\n", "ab".repeat(32)),
    )
    .unwrap();
    let token_file = token_file.to_str().unwrap();
    assert!(
        run(&["sync", "config", "--url", &url, "--token-file", token_file])
            .status
            .success()
    );
    let refused = run(&[
        "sync",
        "config",
        "--url",
        "http://county.example",
        "--token-file",
        token_file,
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("https"));
    let output = run(&["sync", "run", "--timeout", "2"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("连不上县级平台"), "{stderr}");
    let status = run(&["sync", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    for key in [
        "pending",
        "sending",
        "sent",
        "failed",
        "rejected",
        "last_error",
        "last_success",
    ] {
        assert!(status.get(key).is_some(), "{key} missing in {status}");
    }
    assert!(
        status["last_error"]
            .as_str()
            .unwrap()
            .contains("连不上县级平台")
    );
    assert!(status["last_success"].is_null());
}

#[test]
fn a_wrong_or_expired_token_is_refused_and_nothing_is_stored() {
    let (county_dir, _tokens) = county_with(&["01"]);
    let expired = CountyStore::open_dir(county_dir.path())
        .unwrap()
        .add_device(HALL, "过期", Some("02"), Some(0))
        .unwrap()
        .token;
    let county = Running::start(county_dir.path(), 1).unwrap();
    for (device, token) in [("01", sync_support::unknown_token("01")), ("02", expired)] {
        let mut hall = Terminal::new(device);
        hall.configure(&county.url(), &token);
        hall.household(9);
        let error = sync_store(&mut hall.store, &now_sync()).unwrap_err();
        assert!(matches!(error, SyncError::Unauthorized), "{error}");
        assert!(
            !bianmin::explain::Explain::words(&error, bianmin::i18n::Language::ZhCn).is_empty()
        );
        let summary = hall.store.sync_summary().unwrap();
        assert_eq!(summary.sent, 0);
        assert!(summary.last_error.is_some());
    }
    assert_eq!(county_events(county_dir.path()), 0);
}

/// A county that knows the terminal but fails every push: with a 500, or by never answering.
fn broken_county(hang: bool) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&connections);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            counted.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let request = String::from_utf8_lossy(&head);
                let (status, body) = if request.starts_with("GET /v1/whoami") {
                    (
                        "200 OK",
                        format!(r#"{{"hall":"{HALL}","device":"01","name":"x"}}"#),
                    )
                } else if hang {
                    std::thread::sleep(Duration::from_secs(30));
                    return;
                } else {
                    (
                        "500 Internal Server Error",
                        r#"{"error":"internal"}"#.to_owned(),
                    )
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    (url, connections)
}

#[test]
fn a_failing_or_hanging_county_leaves_events_failed_with_a_backoff_and_no_busy_loop() {
    for hang in [false, true] {
        let (url, connections) = broken_county(hang);
        let mut hall = Terminal::new("01");
        hall.configure(&url, &sync_support::unknown_token("01"));
        let household = hall.household(11);
        hall.case(&household, 0);
        let options = SyncOptions {
            timeout: Duration::from_secs(1),
            ..now_sync()
        };
        let started = Instant::now();
        let error = sync_store(&mut hall.store, &options).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(8), "no hang");
        if hang {
            assert!(matches!(error, SyncError::Timeout), "{error}");
            assert!(error.is_offline());
        } else {
            assert!(
                matches!(error, SyncError::Server { status: 500 }),
                "{error}"
            );
        }
        let summary = hall.store.sync_summary().unwrap();
        // The admin account, the household and the case.
        assert_eq!(
            (summary.failed, summary.pending, summary.sending),
            (3, 0, 0)
        );
        // First failure: one minute, give or take the jitter (a fifth).
        let next =
            chrono::DateTime::parse_from_rfc3339(summary.next_retry.as_deref().unwrap()).unwrap();
        let wait = (next - clock::now()).num_seconds();
        assert!((45..=73).contains(&wait), "waits {wait} s");
        let conn = rusqlite::Connection::open(hall.database()).unwrap();
        let retry_at: String = conn
            .query_row("SELECT DISTINCT next_retry_at FROM outbox", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(retry_at, summary.next_retry.clone().unwrap());
        // The background sync waits for that time: no call reaches the county meanwhile.
        let calls = connections.load(Ordering::SeqCst);
        for _ in 0..5 {
            let waited = sync_store(&mut hall.store, &SyncOptions::default()).unwrap();
            assert!(waited.waiting_until.is_some());
        }
        assert_eq!(connections.load(Ordering::SeqCst), calls, "no busy loop");
        // A second failure doubles the wait.
        let _ = sync_store(&mut hall.store, &options).unwrap_err();
        let next = hall.store.sync_next_retry().unwrap().unwrap();
        let wait = (next - clock::now()).num_seconds();
        assert!((93..=145).contains(&wait), "waits {wait} s");
    }
}

#[test]
fn a_case_changed_on_two_terminals_while_apart_is_flagged_with_both_versions() {
    let (_county_dir, _county, mut one, mut two) = county_and_two_terminals();
    let household = one.household(21);
    let case = one.case(&household, 0);
    sync_store(&mut one.store, &now_sync()).unwrap();
    sync_store(&mut two.store, &now_sync()).unwrap();

    // Apart: one starts handling, two returns the case.
    one.move_case(&case.id, Transition::StartHandling, "");
    two.move_case(&case.id, Transition::Return, "材料不符");
    sync_store(&mut one.store, &now_sync()).unwrap();
    let report = sync_store(&mut two.store, &now_sync()).unwrap();
    assert_eq!(report.conflicts, 1);
    sync_store(&mut one.store, &now_sync()).unwrap();

    for (terminal, kept) in [(&one, CaseState::InProgress), (&two, CaseState::Returned)] {
        // Nothing overwritten: each keeps its own version, flags the case, holds both.
        assert_eq!(terminal.store.case(&case.id).unwrap().unwrap().state, kept);
        let conflicts = terminal.store.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        let conflict = &conflicts[0];
        assert_eq!(conflict.entity_id, case.id);
        assert_eq!(conflict.case_number, case.number);
        let versions = [&conflict.local_payload, &conflict.remote_payload];
        assert!(
            versions
                .iter()
                .any(|payload| payload.contains("in_progress"))
        );
        assert!(versions.iter().any(|payload| payload.contains("returned")));
        assert_eq!(
            terminal.store.case_sync_state(&case.id).unwrap(),
            CaseSyncState::Conflict
        );
    }

    // Terminal one keeps terminal two's version; the choice travels and settles two's flag.
    let conflict = one.store.conflicts().unwrap().remove(0);
    let admin = one.admin.clone();
    let chosen = one
        .store
        .resolve_conflict(
            conflict.id,
            ConflictChoice::Remote,
            "以二号终端为准",
            &admin,
            clock::now(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(chosen.state, CaseState::Returned);
    sync_store(&mut one.store, &now_sync()).unwrap();
    let report = sync_store(&mut two.store, &now_sync()).unwrap();
    assert_eq!(report.conflicts, 0, "{report:?}");
    assert!(two.store.conflicts().unwrap().is_empty());
    assert!(one.store.conflicts().unwrap().is_empty());
    assert_eq!(one.cases(), two.cases());
    let audit: i64 = rusqlite::Connection::open(one.database())
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'conflict_resolved'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(audit, 1);
}

#[test]
fn the_county_server_stops_gracefully_on_sigterm() {
    let (county_dir, _) = county_with(&["01"]);
    let mut child = spawn_county(free_port(), county_dir.path());
    let started = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "still running");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_family_registered_on_two_terminals_while_apart_is_linked_not_duplicated() {
    let (_county_dir, _county, mut one, mut two) = county_and_two_terminals();
    // The same head of household, registered on both terminals before either synced.
    let ours = one.household(41);
    let theirs = two.household(41);
    assert_ne!(ours.id, theirs.id);
    let case = two.case(&theirs, 0);
    sync_store(&mut two.store, &now_sync()).unwrap();
    let report = sync_store(&mut one.store, &now_sync()).unwrap();
    // The case applied, and terminal two's admin account.
    assert_eq!((report.conflicts, report.applied), (1, 2), "{report:?}");
    // Terminal two's case opens terminal one's household; the family is registered once.
    let pulled = one.store.case(&case.id).unwrap().expect("case pulled");
    assert_eq!(pulled.household_id, ours.id);
    assert_eq!(one.store.households("", 10).unwrap().len(), 1);
    let conflicts = one.store.conflicts().unwrap();
    assert_eq!(conflicts[0].entity, "household");
    assert!(conflicts[0].remote_payload.contains(&theirs.id));
}

#[test]
fn a_hand_over_on_one_terminal_names_the_new_agent_on_the_other() {
    let (_county_dir, _county, mut one, mut two) = county_and_two_terminals();
    let household = one.household(51);
    let case = one.case(&household, 0);
    let agent = one.add_agent("agent07", "王代办", "13900000077");
    let admin = one.admin.clone();
    one.store
        .hand_over(&case.id, agent.id, "下乡走访", &admin, clock::now())
        .unwrap();
    sync_store(&mut one.store, &now_sync()).unwrap();
    let report = sync_store(&mut two.store, &now_sync()).unwrap();
    // Terminal one's two accounts, the household, the case and the hand-over.
    assert_eq!((report.applied, report.conflicts), (5, 0), "{report:?}");
    let pulled = two.store.case(&case.id).unwrap().unwrap();
    assert_eq!(pulled.agent, "王代办");
    // The case belongs to the real agent, who can log in at this desk too.
    assert_eq!(pulled.agent_login, "agent07");
    two.store
        .login(
            bianmin::store::LoginBy::Account("agent07"),
            "training-password",
            clock::now(),
        )
        .expect("the agent logs in on the other terminal");
    let last = pulled.history.last().unwrap();
    assert_eq!(
        (last.kind.as_str(), last.note.as_str()),
        ("handover", "下乡走访")
    );
    // Stand-ins for other terminals' people are not accounts of this terminal.
    let logins: Vec<String> = two
        .store
        .accounts(None)
        .unwrap()
        .into_iter()
        .map(|account| account.login)
        .collect();
    assert_eq!(logins, vec!["admin02", "admin01", "agent07"]);
}

#[test]
fn a_one_time_notices_reference_is_found_at_the_halls_other_terminals_after_sync() {
    use bianmin::domain::reference::Reference;
    use bianmin::domain::status_query::StatusQuery;
    let (county_dir, _county, mut one, mut two) = county_and_two_terminals();
    let household = one.household(61);
    let case = one.pending_case(&household, 0);
    let reference = Reference::parse(case.reference.as_deref().expect("a 登记号")).unwrap();
    assert!(reference.issued_by(sync_support::HALL, "01"));
    sync_store(&mut one.store, &now_sync()).unwrap();
    sync_store(&mut two.store, &now_sync()).unwrap();
    // The kiosk (terminal two) finds the case by what the notice says.
    let found = two
        .store
        .public_status(&StatusQuery::Reference(reference.clone()))
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].state,
        bianmin::domain::application::CaseState::AwaitingCorrection
    );
    // The county keeps it with the case.
    let conn = rusqlite::Connection::open(county_dir.path().join("county.sqlite3")).unwrap();
    let kept: Option<String> = conn
        .query_row(
            "SELECT reference FROM application WHERE id = ?1",
            [&case.id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(kept.as_deref(), Some(reference.as_str()));
}
