use super::*;
use crate::content;

#[test]
fn content_round_trips_through_sqlite() {
    let shipped = content::shipped().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.load_content().unwrap(), None);
    store.replace_content(&shipped).unwrap();
    assert_eq!(store.load_content().unwrap(), Some(shipped));
}

#[test]
fn a_failed_replacement_leaves_the_old_content_whole() {
    let good = content::shipped().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.replace_content(&good).unwrap();
    let mut bad = good.clone();
    bad.version = "broken".into();
    // Two items with one number break the UNIQUE constraint half-way through the insert.
    bad.items[1].number = bad.items[0].number;
    assert!(store.replace_content(&bad).is_err());
    assert_eq!(store.load_content().unwrap(), Some(good));
}

#[test]
fn the_database_and_its_wal_are_private_to_their_owner() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    store.replace_content(&content::shipped().unwrap()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in [DATABASE_FILE, "bianmin.sqlite3-wal", "bianmin.sqlite3-shm"] {
            let mode = std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
    }
}

#[test]
fn connections_use_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path()).unwrap();
    let conn = store.conn();
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    let synchronous: i64 = conn
        .pragma_query_value(None, "synchronous", |row| row.get(0))
        .unwrap();
    let foreign_keys: i64 = conn
        .pragma_query_value(None, "foreign_keys", |row| row.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(synchronous, 2, "FULL");
    assert_eq!(foreign_keys, 1);
}
