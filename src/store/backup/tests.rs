use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::Connection;

use super::*;
use crate::store::schema::tests::{old_database, records, seed_v2};
use crate::store::{DATABASE_FILE, Store};

fn live_database(dir: &Path) -> PathBuf {
    let store = Store::open_dir(dir).unwrap();
    seed_v2(store.conn());
    dir.join(DATABASE_FILE)
}

fn records_of(path: &Path) -> Vec<String> {
    records(&Connection::open(path).unwrap())
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_is_taken_while_another_connection_keeps_writing() {
    let dir = tempfile::tempdir().unwrap();
    let database = live_database(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (database, stop) = (database.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&database).unwrap();
            let mut written = 0;
            while !stop.load(Ordering::Relaxed) {
                let tx = store
                    .conn
                    .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                    .unwrap();
                tx.execute(
                    "INSERT INTO audit_log (at, action, entity, entity_id, detail)
                     VALUES ('2026-03-02T10:00:00+08:00', 'test', 'row', ?1, zeroblob(2000))",
                    [written.to_string()],
                )
                .unwrap();
                tx.commit().unwrap();
                written += 1;
            }
            written
        })
    };
    let backups = backups_dir(dir.path()).unwrap();
    let mut copies = Vec::new();
    for n in 0..5 {
        let out = backups.join(format!("manual-{n}.sqlite3"));
        backup_file(&database, &out).unwrap();
        copies.push(out);
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0);
    for copy in &copies {
        assert_eq!(verify_candidate(copy).unwrap(), MIGRATIONS.len() as i64);
        #[cfg(unix)]
        assert_eq!(mode(copy), 0o600, "{}", copy.display());
        assert!(!Path::new(&format!("{}-wal", copy.display())).exists());
    }
    #[cfg(unix)]
    assert_eq!(mode(&backups), 0o700);
    let leftovers: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn restore_puts_the_backup_back_and_keeps_a_copy_of_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let database = live_database(dir.path());
    let backups = backups_dir(dir.path()).unwrap();
    let saved = backups.join("saved.sqlite3");
    backup_file(&database, &saved).unwrap();
    let at_backup = records_of(&database);

    // A mistake after the backup, seen by a connection that stays open through the restore.
    let open = Store::open(&database).unwrap();
    open.conn()
        .execute("DELETE FROM outbox WHERE id = 'event-2'", [])
        .unwrap();
    let mistaken = records_of(&database);
    assert_ne!(mistaken, at_backup);

    let restored = restore_file(&database, &saved, &backups, crate::clock::now()).unwrap();
    assert_eq!(restored.version, MIGRATIONS.len() as i64);
    assert_eq!(records_of(&database), at_backup);
    assert_eq!(
        records(open.conn()),
        at_backup,
        "an open connection sees it too"
    );
    assert_eq!(records_of(&restored.previous), mistaken);
    assert!(check_file(&database).unwrap().is_empty());
}

#[test]
fn refused_files_leave_the_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let database = live_database(dir.path());
    let backups = backups_dir(dir.path()).unwrap();
    let good = backups.join("good.sqlite3");
    backup_file(&database, &good).unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(
        &garbage,
        "SQLite format 3\0 but not really, just text".repeat(200),
    )
    .unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "these are not the records you are looking for").unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY); PRAGMA user_version = 3;")
        .unwrap();
    let newer = dir.path().join("newer.sqlite3");
    std::fs::copy(&good, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", MIGRATIONS.len() as i64 + 1)
        .unwrap();
    let missing = dir.path().join("missing.sqlite3");

    let before = records_of(&database);
    type Expected = fn(&BackupError) -> bool;
    let cases: [(&Path, Expected); 6] = [
        (&truncated, |e| {
            matches!(
                e,
                BackupError::NotADatabase { .. } | BackupError::Damaged { .. }
            )
        }),
        (&garbage, |e| matches!(e, BackupError::NotADatabase { .. })),
        (&text, |e| matches!(e, BackupError::NotADatabase { .. })),
        (&foreign, |e| matches!(e, BackupError::Foreign { .. })),
        (&newer, |e| matches!(e, BackupError::TooNew { .. })),
        (&missing, |e| matches!(e, BackupError::NotADatabase { .. })),
    ];
    for (file, expected) in cases {
        let error = restore_file(&database, file, &backups, crate::clock::now()).unwrap_err();
        assert!(expected(&error), "{}: {error:?}", file.display());
        assert_eq!(records_of(&database), before, "{}", file.display());
    }
    let names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["good.sqlite3".to_owned()],
        "no copy made for a refused file"
    );
}

#[test]
fn an_older_backup_is_accepted_and_upgraded_when_next_opened() {
    let dir = tempfile::tempdir().unwrap();
    let database = live_database(dir.path());
    let old = dir.path().join("old.sqlite3");
    old_database(&old, 2);
    let backups = backups_dir(dir.path()).unwrap();
    let restored = restore_file(&database, &old, &backups, crate::clock::now()).unwrap();
    assert_eq!(restored.version, 2);
    let store = Store::open(&database).unwrap();
    assert_eq!(records(store.conn()).len(), 10);
}

#[test]
fn check_reports_a_broken_foreign_key() {
    let dir = tempfile::tempdir().unwrap();
    let database = live_database(dir.path());
    assert!(check_file(&database).unwrap().is_empty());
    let conn = Connection::open(&database).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute("DELETE FROM household WHERE id = 'household-1'", [])
        .unwrap();
    let problems = check_file(&database).unwrap();
    assert!(
        problems.iter().any(|p| p.contains("application")),
        "{problems:?}"
    );
}
