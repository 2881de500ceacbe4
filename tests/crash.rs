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

    let mut application = conn
        .prepare("SELECT COUNT(*) FROM application WHERE id = ?1")
        .unwrap();
    let mut outbox = conn
        .prepare("SELECT COUNT(*) FROM outbox WHERE entity_id = ?1")
        .unwrap();
    for id in reported {
        let saved: i64 = application.query_row([id], |row| row.get(0)).unwrap();
        assert_eq!(saved, 1, "reported case {id} is missing after the kill");
        let events: i64 = outbox.query_row([id], |row| row.get(0)).unwrap();
        assert!(events >= 1, "reported case {id} has no outbox event");
    }
    let total: i64 = conn
        .query_row("SELECT COUNT(*) FROM application", [], |row| row.get(0))
        .unwrap();
    assert!(total as usize >= reported.len());
}

#[test]
fn every_reported_save_survives_sigkill_three_times_over() {
    let dir = tempfile::tempdir().unwrap();
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
