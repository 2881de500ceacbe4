//! Migrations, tracked in `PRAGMA user_version`. Each step runs in its own transaction.

use rusqlite::Connection;

use super::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: content published by the hall.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE hall (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        profile   TEXT NOT NULL,  -- JSON HallProfile
        kiosk     TEXT NOT NULL   -- JSON KioskSettings
    );
    CREATE TABLE service_window (
        number  INTEGER PRIMARY KEY,
        name    TEXT NOT NULL,
        name_en TEXT NOT NULL
    );
    CREATE TABLE category (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        code     TEXT NOT NULL,
        name     TEXT NOT NULL,
        name_en  TEXT NOT NULL,
        window   INTEGER NOT NULL
    );
    CREATE TABLE service_item (
        id                TEXT PRIMARY KEY,
        number            INTEGER NOT NULL UNIQUE,
        category          TEXT NOT NULL REFERENCES category(id),
        name              TEXT NOT NULL,
        name_en           TEXT NOT NULL,
        keywords          TEXT NOT NULL,  -- JSON array
        summary           TEXT NOT NULL,
        department        TEXT NOT NULL,
        window            INTEGER NOT NULL,
        kind              TEXT NOT NULL CHECK (kind IN ('instant', 'promised')),
        legal_days        INTEGER,
        promised_days     INTEGER NOT NULL,
        fee_yuan          INTEGER NOT NULL,
        fee_note          TEXT,
        visits            INTEGER NOT NULL,
        legal_basis       TEXT NOT NULL,  -- JSON array
        conditions        TEXT NOT NULL,  -- JSON array
        consult_phone     TEXT NOT NULL,
        supervision_phone TEXT NOT NULL,
        unverified        INTEGER NOT NULL,
        source            TEXT
    );
    CREATE TABLE item_material (
        item     TEXT NOT NULL REFERENCES service_item(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        required INTEGER NOT NULL,
        copies   INTEGER NOT NULL,
        form     TEXT NOT NULL,
        source   TEXT NOT NULL,
        checks   TEXT NOT NULL,
        PRIMARY KEY (item, position)
    );
    CREATE TABLE item_step (
        item     TEXT NOT NULL REFERENCES service_item(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title    TEXT NOT NULL,
        actor    TEXT NOT NULL,
        detail   TEXT NOT NULL,
        days     INTEGER,
        PRIMARY KEY (item, position)
    );
    CREATE TABLE policy (
        id            TEXT PRIMARY KEY,
        position      INTEGER NOT NULL,
        name          TEXT NOT NULL,
        name_en       TEXT NOT NULL,
        keywords      TEXT NOT NULL,
        who           TEXT NOT NULL,
        standard      TEXT NOT NULL,
        how_to_apply  TEXT NOT NULL,
        department    TEXT NOT NULL,
        phone         TEXT NOT NULL,
        source_year   INTEGER NOT NULL,
        unverified    INTEGER NOT NULL,
        related_items TEXT NOT NULL,
        source        TEXT
    );
    CREATE TABLE board (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        name_en  TEXT NOT NULL
    );
    CREATE TABLE notice (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        board    TEXT NOT NULL REFERENCES board(id),
        title    TEXT NOT NULL,
        title_en TEXT NOT NULL,
        date     TEXT NOT NULL,
        body     TEXT NOT NULL,
        sample   INTEGER NOT NULL
    );
    "#,
];

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
