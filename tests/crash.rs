//! A power cut in the middle of saving: the real binary saves applications one by one and is
//! killed with SIGKILL; every case it reported as saved must be in the database afterwards, with
//! its outbox event, and the database must pass SQLite's integrity check. Three kills in a row on
//! the same data directory.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bianmin::store::{DATABASE_FILE, Store};

/// Saves reported before the kill, in each round.
const SAVES_BEFORE_KILL: usize = 60;
/// The longest a round waits for those saves.
const ROUND_LIMIT: Duration = Duration::from_secs(30);
const ROUNDS: usize = 3;

fn start_stress(data_dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["demo", "stress", "--count", "100000"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the bianmin binary starts")
}

/// Reads complete lines (case ids) from the child's stdout on a thread, so the wait is bounded.
fn read_ids(stdout: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                // A line cut off by the kill has no newline: it was never fully reported.
                Ok(0) | Err(_) => break,
                Ok(_) if !line.ends_with('\n') => break,
                Ok(_) => {
                    if sender.send(line.trim_end().to_owned()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    receiver
}

/// Starts the stress run, waits for the saves, kills it, and returns every id it reported.
fn run_and_kill(data_dir: &Path, round: usize) -> Vec<String> {
    let mut child = start_stress(data_dir);
    let ids = read_ids(child.stdout.take().expect("piped stdout"));
    let mut stderr = child.stderr.take().expect("piped stderr");
    let deadline = Instant::now() + ROUND_LIMIT;
    let mut reported = Vec::new();
    while reported.len() < SAVES_BEFORE_KILL {
        let left = deadline.saturating_duration_since(Instant::now());
        match ids.recv_timeout(left) {
            Ok(id) => reported.push(id),
            Err(_) => break,
        }
    }
    // SIGKILL on Unix: no destructor, no checkpoint, no flush runs in the child.
    child.kill().expect("the child can be killed");
    let status = child.wait().expect("the child is reaped");
    // Ids already in the pipe when the kill came were also reported as saved.
    reported.extend(ids.iter());
    if reported.is_empty() {
        let mut message = String::new();
        let _ = stderr.read_to_string(&mut message);
        panic!("round {round}: no save was reported ({status}); stderr:\n{message}");
    }
    reported
}

fn bianmin(data_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("BIANMIN_LANG", "en")
        .stdin(Stdio::null())
        .output()
        .expect("the bianmin binary runs")
}

fn set_device_code(data_dir: &Path) {
    let set = bianmin(data_dir, &["device", "code", "01"]);
    assert!(set.status.success(), "{set:?}");
}

fn check_database(data_dir: &Path, reported: &[String]) {
    // Opening the store as the kiosk does recovers the write-ahead log.
    drop(Store::open_dir(data_dir).expect("the database reopens after the kill"));
    let conn = rusqlite::Connection::open(data_dir.join(DATABASE_FILE)).expect("sqlite opens");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check runs");
    assert_eq!(integrity, "ok");
    let mut foreign_keys = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let broken_links = foreign_keys.query_map([], |_| Ok(())).unwrap().count();
    assert_eq!(broken_links, 0, "foreign keys");

    // The stress run prints a case's number, or its id while it has none (待补正).
    let mut application = conn
        .prepare("SELECT COUNT(*) FROM application WHERE id = ?1 OR number = ?1")
        .unwrap();
    let mut outbox = conn
        .prepare(
            "SELECT COUNT(*) FROM outbox WHERE entity_id =
                (SELECT id FROM application WHERE id = ?1 OR number = ?1)",
        )
        .unwrap();
    let mut audit = conn
        .prepare(
            "SELECT COUNT(*) FROM audit_log WHERE entity_id =
                (SELECT id FROM application WHERE id = ?1 OR number = ?1)",
        )
        .unwrap();
    for id in reported {
        let saved: i64 = application.query_row([id], |row| row.get(0)).unwrap();
        assert_eq!(saved, 1, "reported case {id} is missing after the kill");
        let events: i64 = outbox.query_row([id], |row| row.get(0)).unwrap();
        assert!(events >= 1, "reported case {id} has no outbox event");
        let audited: i64 = audit.query_row([id], |row| row.get(0)).unwrap();
        assert!(audited >= 1, "reported case {id} has no audit row");
    }
    let total: i64 = conn
        .query_row("SELECT COUNT(*) FROM application", [], |row| row.get(0))
        .unwrap();
    assert!(total as usize >= reported.len());
}

#[test]
fn every_reported_save_survives_sigkill_three_times_over() {
    let dir = tempfile::tempdir().unwrap();
    set_device_code(dir.path());
    let mut all_reported: Vec<String> = Vec::new();
    for round in 1..=ROUNDS {
        let reported = run_and_kill(dir.path(), round);
        all_reported.extend(reported);
        // The restart appends: what earlier rounds reported must still be there too.
        check_database(dir.path(), &all_reported);
    }
    let mut unique = all_reported.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all_reported.len(), "each id is reported once");
    assert!(all_reported.len() >= ROUNDS);
}

#[test]
fn stress_without_a_device_code_issues_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let output = bianmin(dir.path(), &["demo", "stress", "--count", "3"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("device code"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "no panic");
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    let cases: i64 = conn
        .query_row("SELECT COUNT(*) FROM application", [], |row| row.get(0))
        .unwrap();
    assert_eq!(cases, 0);
}

/// Records of each kind in the database: (accounts, households, applications, outbox).
fn record_counts(data_dir: &Path) -> (i64, i64, i64, i64) {
    let conn = rusqlite::Connection::open(data_dir.join(DATABASE_FILE)).unwrap();
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
    };
    (
        count("account"),
        count("household"),
        count("application"),
        count("outbox"),
    )
}

#[test]
fn a_killed_demo_seed_leaves_nothing_behind_and_the_next_seed_works() {
    const SEED: [&str; 6] = [
        "demo",
        "seed",
        "--households",
        "400",
        "--applications",
        "2000",
    ];
    let dir = tempfile::tempdir().unwrap();
    set_device_code(dir.path());
    // Kills at growing delays (bounded: five tries, each under a few seconds).
    for delay_ms in [150_u64, 400, 800, 1500, 2500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(SEED)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let check = bianmin(dir.path(), &["db", "check"]);
        assert!(check.status.success(), "db check after a kill: {check:?}");
        assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "ok");
        let counts = record_counts(dir.path());
        if finished {
            break;
        }
        assert_eq!(
            counts,
            (0, 0, 0, 0),
            "killed after {delay_ms} ms: all or nothing"
        );
    }
    // Whatever the kills did, a seed now goes through (an empty directory) or is refused
    // because a finished seed is there: never a half-seeded directory.
    let counts = record_counts(dir.path());
    if counts == (0, 0, 0, 0) {
        let seeded = bianmin(dir.path(), &SEED);
        assert!(seeded.status.success(), "{seeded:?}");
    }
    let (accounts, households, applications, _) = record_counts(dir.path());
    assert!(accounts > 0);
    assert_eq!((households, applications), (400, 2000));
}
