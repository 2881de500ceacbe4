use std::path::Path;

use rusqlite::{Connection, params};

use super::*;
use crate::store::Store;

/// Real records in the tables of schema 2: accounts, a household with a member, an application
/// with its material, history, audit row and outbox event.
pub(crate) fn seed_v2(conn: &Connection) {
    let at = "2026-03-02T09:00:00+08:00";
    conn.execute_batch(&format!(
        "INSERT INTO account (id, login, name, phone, password_hash, role, status, created_at)
            VALUES (1, 'admin', '张伟', '13800000009', 'argon2-hash', 'admin', 'active', '{at}'),
                   (2, 'agent01', '赵喆', '13800000001', 'argon2-hash', 'agent', 'active', '{at}');
         INSERT INTO village (name, position, groups) VALUES ('高台村', 1, 5);
         INSERT INTO household (id, head_name, id_number, phone, village, village_group,
                                created_at, created_by)
            VALUES ('household-1', '王堃', '34052419800101001X', '0934-5581001', '高台村', 2,
                    '{at}', 1);
         INSERT INTO household_member (household, position, name, id_number, relation)
            VALUES ('household-1', 1, '王芳', '340524198203040028', '配偶');
         INSERT INTO application (id, request_key, number, household, applicant_name,
                                  applicant_id_number, village, item_id, state, agent,
                                  created_at, accepted_at, due_date)
            VALUES ('app-1', 'key-1', '62102320220260302010001', 'household-1', '王堃',
                    '34052419800101001X', '高台村', 'minimum-living-allowance', 'accepted', 2,
                    '{at}', '{at}', '2026-03-16');
         INSERT INTO application_material (application, position, name, required, received)
            VALUES ('app-1', 1, '户口簿', 1, 1);
         INSERT INTO application_event (application, at, actor, kind, from_state, to_state)
            VALUES ('app-1', '{at}', 2, 'accepted', NULL, 'accepted');
         INSERT INTO audit_log (at, actor, action, entity, entity_id)
            VALUES ('{at}', 2, 'create', 'application', 'app-1');
         INSERT INTO outbox (id, kind, entity_id, payload, created_at)
            VALUES ('event-1', 'application_created', 'app-1', '{{}}', '{at}'),
                   ('event-2', 'household_registered', 'household-1', '{{}}', '{at}');"
    ))
    .unwrap();
}

/// A database file of schema `version` made by this build's first `version` migrations.
pub(crate) fn old_database(path: &Path, version: usize) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    for sql in &MIGRATIONS[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    if version >= 2 {
        seed_v2(&conn);
    }
}

/// Every row of the tables that hold records, as text, for before/after comparisons.
pub(crate) fn records(conn: &Connection) -> Vec<String> {
    let mut lines = Vec::new();
    for table in [
        "account",
        "household",
        "household_member",
        "application",
        "application_material",
        "application_event",
        "audit_log",
        "outbox",
    ] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns = statement.column_count();
        let rows = statement
            .query_map([], |row| {
                let values: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .unwrap();
        lines.extend(rows.map(|row| row.unwrap()));
    }
    lines
}

fn version_of(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

#[test]
fn a_schema_2_database_is_upgraded_with_every_record_kept_and_a_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::store::DATABASE_FILE);
    old_database(&path, 2);
    let before = records(&Connection::open(&path).unwrap());
    assert_eq!(before.len(), 10);

    let store = Store::open(&path).unwrap();
    assert_eq!(version_of(store.conn()), MIGRATIONS.len() as i64);
    let after = records(store.conn());
    // Later steps add columns (seq, sync_head, origin…): each old value is still there.
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(&after) {
        assert!(new.starts_with(old.as_str()), "{old}\nbecame\n{new}");
    }
    let seq: Vec<i64> = store
        .conn()
        .prepare("SELECT seq FROM outbox ORDER BY rowid")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(|row| row.unwrap())
        .collect();
    assert_eq!(seq, vec![1, 2], "the outbox is numbered by the upgrade");

    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1);
    let name = backups[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("pre-upgrade-v2-"), "{name}");
    let copy = Connection::open(&backups[0]).unwrap();
    assert_eq!(version_of(&copy), 2);
    assert_eq!(records(&copy), before);
}

#[test]
fn a_schema_1_database_gets_every_later_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::store::DATABASE_FILE);
    old_database(&path, 1);
    let store = Store::open(&path).unwrap();
    assert_eq!(version_of(store.conn()), MIGRATIONS.len() as i64);
    assert!(records(store.conn()).is_empty());
}

#[test]
fn a_new_database_needs_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let _store = Store::open_dir(dir.path()).unwrap();
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn a_failing_step_leaves_the_old_database_exactly_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::store::DATABASE_FILE);
    old_database(&path, 2);
    let (before, schema_before) = {
        let conn = Connection::open(&path).unwrap();
        (records(&conn), schema_text(&conn))
    };

    let mut steps: Vec<&str> = MIGRATIONS.to_vec();
    steps.push("CREATE TABLE added_by_the_broken_step (x); INSERT INTO no_such_table VALUES (1);");
    let mut conn = Connection::open(&path).unwrap();
    let error = migrate_with(&mut conn, &steps, crate::clock::now()).unwrap_err();
    let StoreError::Upgrade(upgrade) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((upgrade.from, upgrade.step), (2, steps.len() as i64));
    let message = error.to_string();
    assert!(message.contains("untouched"), "{message}");
    let backup = upgrade.backup.clone().expect("a backup was taken first");
    assert!(message.contains(&backup.display().to_string()), "{message}");
    assert!(backup.is_file());
    drop(conn);

    let conn = Connection::open(&path).unwrap();
    assert_eq!(version_of(&conn), 2);
    assert_eq!(records(&conn), before);
    assert_eq!(
        schema_text(&conn),
        schema_before,
        "no step 3, 4 or 5 either"
    );
}

fn schema_text(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_schema ORDER BY name",
    )
    .unwrap()
    .query_map(params![], |row| row.get(0))
    .unwrap()
    .map(|row| row.unwrap())
    .collect()
}

#[test]
fn a_second_process_finding_the_work_done_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::store::DATABASE_FILE);
    old_database(&path, 2);
    let mut first = Connection::open(&path).unwrap();
    let mut second = Connection::open(&path).unwrap();
    second
        .busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    migrate(&mut first).unwrap();
    migrate(&mut second).unwrap();
    assert_eq!(version_of(&second), MIGRATIONS.len() as i64);
    assert_eq!(records(&second).len(), 10);
}

#[test]
fn the_tables_of_each_version_are_known() {
    let first = tables_up_to(1);
    assert!(first.contains(&"service_item".to_owned()));
    assert!(!first.contains(&"account".to_owned()));
    let all = tables_up_to(MIGRATIONS.len());
    for table in [
        "account",
        "household",
        "application",
        "outbox",
        "login_attempt",
        "print_log",
    ] {
        assert!(all.contains(&table.to_owned()), "{table}");
    }
    // A table a later version dropped is not expected any more.
    assert!(tables_up_to(5).contains(&"sync_lease".to_owned()));
    assert!(!all.contains(&"sync_lease".to_owned()));
}

#[test]
fn processes_opening_an_old_database_at_once_upgrade_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::store::DATABASE_FILE);
    old_database(&path, 2);
    let start = std::sync::Arc::new(std::sync::Barrier::new(4));
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let (path, start) = (path.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                Store::open(&path).map(drop)
            })
        })
        .collect();
    for opener in openers {
        opener.join().unwrap().unwrap();
    }
    let conn = Connection::open(&path).unwrap();
    assert_eq!(version_of(&conn), MIGRATIONS.len() as i64);
    assert_eq!(records(&conn).len(), 10);
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .count();
    assert_eq!(backups, 1, "one upgrade, one copy");
}
