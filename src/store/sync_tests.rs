//! The hall side of sync at the store level: sequence numbers and versions, the migration
//! that adds them to an existing outbox, the outbox state machine, the one-sender lock.

use rusqlite::Connection;

use super::case_tests::{Hall, at};
use super::schema::MIGRATIONS;
use super::*;
use crate::domain::application::Transition;
use crate::sync::wire::{Ack, AckStatus};

fn outbox_rows(store: &Store) -> Vec<(i64, String, Option<String>, String)> {
    let mut statement = store
        .conn()
        .prepare(
            "SELECT seq, id, base, entity_id FROM outbox WHERE kind <> 'account_changed'
             ORDER BY seq",
        )
        .unwrap();
    statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn every_change_gets_the_next_number_and_names_the_version_it_was_based_on() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    let case = hall.apply(&household, "birth-registration", true);
    let admin = hall.admin.clone();
    hall.change(
        &case.id,
        Transition::StartHandling,
        None,
        "",
        &admin,
        at("2025-10-01T09:00:00+08:00"),
    )
    .unwrap();
    let rows = outbox_rows(&hall.store);
    let numbers: Vec<i64> = rows.iter().map(|row| row.0).collect();
    // After the events of the hall's two accounts.
    assert_eq!(numbers, vec![3, 4, 5]);
    // The household has no version; the case's first event none; the change names the first.
    assert_eq!(rows[0].2, None);
    assert_eq!(rows[1].2, None);
    assert_eq!(rows[2].2.as_deref(), Some(rows[1].1.as_str()));
    let head: String = hall
        .store
        .conn()
        .query_row(
            "SELECT sync_head FROM application WHERE id = ?1",
            [&case.id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(head, rows[2].1);
}

#[test]
fn the_migration_numbers_an_existing_outbox_in_the_order_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        for (id, entity) in [("c", "x"), ("a", "y"), ("b", "x")] {
            conn.execute(
                "INSERT INTO outbox (id, kind, entity_id, payload, created_at, state)
                 VALUES (?1, 'k', ?2, '{}', '2025-01-01T00:00:00+08:00', 'sending')",
                [id, entity],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let rows = outbox_rows(&store);
    let order: Vec<(i64, &str)> = rows.iter().map(|row| (row.0, row.1.as_str())).collect();
    assert_eq!(order, vec![(1, "c"), (2, "a"), (3, "b")]);
    // Opening after a crash: nothing is left `sending`.
    assert_eq!(store.sync_summary().unwrap().pending, 3);
}

#[test]
fn acks_move_events_to_sent_or_rejected_and_failures_wait_for_their_time() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    hall.apply(&household, "birth-registration", true);
    let now = at("2025-10-01T09:00:00+08:00");
    // The two accounts, the household and the case.
    let taken = hall.store.take_for_sending(10, now, false).unwrap();
    assert_eq!(taken.len(), 4);
    assert_eq!(hall.store.sync_summary().unwrap().sending, 4);
    let acks = vec![
        Ack {
            id: taken[0].id.clone(),
            status: AckStatus::Accepted,
            reason: None,
        },
        Ack {
            id: taken[1].id.clone(),
            status: AckStatus::Rejected,
            reason: Some("缺少字段".into()),
        },
    ];
    let counts = hall.store.record_acks(&acks, now).unwrap();
    assert_eq!((counts.accepted, counts.rejected), (1, 1));
    let summary = hall.store.sync_summary().unwrap();
    assert_eq!((summary.sent, summary.rejected), (1, 1));
    let problems = hall.store.outbox_problems(10).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].state, "rejected");
    assert_eq!(problems[0].last_error.as_deref(), Some("缺少字段"));
    // A late second answer changes nothing.
    assert_eq!(
        hall.store.record_acks(&acks, now).unwrap(),
        AckCounts::default()
    );

    // A failed event waits for its retry time unless forced.
    let case = hall.apply(&household, "birth-registration", true);
    let ids: Vec<String> = hall
        .store
        .take_for_sending(10, now, false)
        .unwrap()
        .into_iter()
        .map(|event| event.id)
        .collect();
    assert_eq!(ids.len(), 1);
    hall.store
        .record_sync_failure("offline", &ids, now, |failures| {
            assert_eq!(failures, 1);
            std::time::Duration::from_secs(60)
        })
        .unwrap();
    assert_eq!(
        hall.store.sync_next_retry().unwrap(),
        Some(at("2025-10-01T09:01:00+08:00"))
    );
    assert_eq!(
        hall.store.case_sync_state(&case.id).unwrap(),
        CaseSyncState::Failed
    );
    assert!(
        hall.store
            .take_for_sending(10, now, false)
            .unwrap()
            .is_empty()
    );
    assert_eq!(hall.store.take_for_sending(10, now, true).unwrap().len(), 1);
}

#[test]
fn only_one_sender_holds_the_lock_and_letting_go_frees_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let one = Store::open_dir(dir.path()).unwrap();
    let two = Store::open_dir(dir.path()).unwrap();
    let held = one.take_sender_lock().unwrap().expect("free at first");
    assert!(two.take_sender_lock().unwrap().is_none());
    drop(held);
    assert!(two.take_sender_lock().unwrap().is_some());
}

#[test]
fn a_crashed_send_goes_again_unless_a_live_sender_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    store
        .conn()
        .execute_batch(
            "INSERT INTO outbox (id, kind, entity_id, payload, created_at, state, seq)
             VALUES ('e1', 'x', 'c1', '{}', '2026-01-01T00:00:00Z', 'sending', 1)",
        )
        .unwrap();
    let sender = store.take_sender_lock().unwrap().expect("free");
    assert_eq!(
        store.recover_sending().unwrap(),
        0,
        "a live sender's event stays"
    );
    drop(sender);
    assert_eq!(store.recover_sending().unwrap(), 1);
}

/// A batch is the oldest sendable events in order, whatever final events lie between them, up
/// to the first that must wait; only the batch is marked `sending`.
#[test]
fn a_batch_skips_final_events_and_stops_at_the_first_that_must_wait() {
    let store = Store::open_in_memory().unwrap();
    let now = at("2025-10-01T09:00:00+08:00");
    let later = "2025-10-01T10:00:00+08:00";
    let earlier = "2025-10-01T08:00:00+08:00";
    let rows: [(i64, &str, Option<&str>); 9] = [
        (1, "sent", None),
        (2, "rejected", None),
        (3, "pending", None),
        (4, "sent", None),
        (5, "failed", Some(earlier)),
        (6, "pending", None),
        (7, "failed", Some(later)),
        (8, "pending", None),
        (9, "rejected", None),
    ];
    for (seq, state, retry) in rows {
        store
            .conn()
            .execute(
                "INSERT INTO outbox (id, kind, entity_id, payload, created_at, state, seq,
                    next_retry_at)
                 VALUES (?1, 'k', 'e', '{}', '2025-01-01T00:00:00+08:00', ?2, ?3, ?4)",
                rusqlite::params![format!("event-{seq}"), state, seq, retry],
            )
            .unwrap();
    }
    let mut store = store;
    let seqs = |events: &[QueuedEvent]| events.iter().map(|e| e.seq).collect::<Vec<_>>();
    let states = |store: &Store| {
        let mut statement = store
            .conn()
            .prepare("SELECT state, attempts FROM outbox ORDER BY seq")
            .unwrap();
        statement
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap()
    };
    // Seq 7 must wait: the batch ends before it.
    assert_eq!(
        seqs(&store.take_for_sending(10, now, false).unwrap()),
        [3, 5, 6]
    );
    let after = states(&store);
    let marked: Vec<(&str, i64)> = after.iter().map(|(s, a)| (s.as_str(), *a)).collect();
    assert_eq!(
        marked,
        [
            ("sent", 0),
            ("rejected", 0),
            ("sending", 1),
            ("sent", 0),
            ("sending", 1),
            ("sending", 1),
            ("failed", 0),
            ("pending", 0),
            ("rejected", 0)
        ]
    );
    // Nothing more may go until 7 is due; "sync now" takes it and what follows, two at a time.
    assert!(store.take_for_sending(10, now, false).unwrap().is_empty());
    assert_eq!(seqs(&store.take_for_sending(2, now, true).unwrap()), [7, 8]);
    assert!(store.take_for_sending(10, now, true).unwrap().is_empty());
    assert_eq!(store.sync_summary().unwrap().sending, 5);
}

/// However many events a push may hold, their payloads stay within the byte budget (one event
/// alone goes whatever its size).
#[test]
fn a_batch_stops_before_its_payloads_pass_the_byte_budget() {
    use crate::domain::sync::batch::MAX_PAYLOAD_BYTES;
    let store = Store::open_in_memory().unwrap();
    let sizes = [
        MAX_PAYLOAD_BYTES * 3 / 8,
        MAX_PAYLOAD_BYTES * 3 / 8,
        MAX_PAYLOAD_BYTES * 3 / 8,
        MAX_PAYLOAD_BYTES + 1,
        10,
    ];
    for (n, size) in sizes.iter().enumerate() {
        store
            .conn()
            .execute(
                "INSERT INTO outbox (id, kind, entity_id, payload, created_at, seq)
                 VALUES (?1, 'k', 'e', ?2, '2025-01-01T00:00:00+08:00', ?3)",
                rusqlite::params![format!("event-{n}"), "x".repeat(*size), n as i64 + 1],
            )
            .unwrap();
    }
    let mut store = store;
    let now = at("2025-10-01T09:00:00+08:00");
    let mut batches = Vec::new();
    loop {
        let batch = store.take_for_sending(1000, now, false).unwrap();
        if batch.is_empty() {
            break;
        }
        batches.push(batch.iter().map(|event| event.seq).collect::<Vec<_>>());
    }
    assert_eq!(batches, [vec![1, 2], vec![3], vec![4], vec![5]]);
}
