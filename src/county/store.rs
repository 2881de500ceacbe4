//! The county's database: registered devices (only derived values of their tokens), every event
//! received (cursor = its place in its hall's stream), and the applications view.

use crate::domain::sync::event::MAX_PAYLOAD_BYTES;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::CountyError;

pub const DATABASE_FILE: &str = "county.sqlite3";
/// The most payload bytes one pull page carries (at least one event).
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE device (
        id          INTEGER PRIMARY KEY,
        hall        TEXT NOT NULL,
        code        TEXT NOT NULL,
        name        TEXT NOT NULL,
        token_hash  TEXT NOT NULL UNIQUE,
        bundle_key  BLOB NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT,
        last_seq    INTEGER NOT NULL DEFAULT 0,
        UNIQUE (hall, code)
    );
    CREATE TABLE event (
        cursor      INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        hall        TEXT NOT NULL,
        device      TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        entity_id   TEXT NOT NULL,
        base        TEXT,
        created_at  TEXT NOT NULL,
        payload     TEXT NOT NULL,
        received_at TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
        reason      TEXT,
        UNIQUE (hall, device, seq)
    );
    CREATE INDEX event_hall_cursor ON event(hall, cursor);
    CREATE TABLE application (
        id          TEXT PRIMARY KEY,
        hall        TEXT NOT NULL,
        number      TEXT,
        item_id     TEXT NOT NULL,
        state       TEXT NOT NULL,
        head_event  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX application_number ON application(number);
"#,
    // 2: the token lifecycle (revoked, last seen) and which hall each household belongs to.
    r#"
    ALTER TABLE device ADD COLUMN revoked_at TEXT;
    ALTER TABLE device ADD COLUMN last_seen TEXT;
    CREATE TABLE household (
        id   TEXT PRIMARY KEY,
        hall TEXT NOT NULL
    );
"#,
    // 3: a 待补正 case's 登记号 (unique within its hall only: it carries the township's last
    // three digits, not the whole code).
    r#"
    ALTER TABLE application ADD COLUMN reference TEXT;
    CREATE INDEX application_reference ON application(hall, reference);
"#,
    // 4: 好差评. Ratings as given (one given rating per case; skips are rows with no level),
    // and every 差评's follow-up as the merge of the snapshots received.
    r#"
    CREATE TABLE rating (
        id          TEXT PRIMARY KEY,
        hall        TEXT NOT NULL,
        application TEXT,
        case_number TEXT,
        item_id     TEXT,
        window      INTEGER,
        agent_login TEXT,
        channel     TEXT NOT NULL,
        level       TEXT,
        rated_at    TEXT NOT NULL,
        device      TEXT NOT NULL,
        event       TEXT NOT NULL
    );
    CREATE UNIQUE INDEX rating_once_per_case ON rating(application)
        WHERE application IS NOT NULL AND level IS NOT NULL;
    CREATE INDEX rating_hall ON rating(hall, rated_at);
    CREATE TABLE follow_up (
        id        TEXT PRIMARY KEY,
        hall      TEXT NOT NULL,
        rating    TEXT NOT NULL UNIQUE REFERENCES rating(id),
        stage     TEXT NOT NULL,
        due_date  TEXT NOT NULL,
        closed_at TEXT,
        appeal    TEXT,
        snapshot  TEXT NOT NULL
    );
    CREATE INDEX follow_up_stage ON follow_up(stage, due_date);
"#,
];

pub struct CountyStore {
    pub(super) conn: Connection,
}

/// `county stats --json`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CountyStats {
    pub events: u64,
    pub rejected: u64,
    pub applications: u64,
    pub halls: u64,
    pub devices: u64,
    /// 好差评 of every hall: ratings by level, unrated, 满意度, follow-ups.
    #[serde(flatten)]
    pub ratings: super::RatingStats,
}

impl CountyStore {
    pub fn open_dir(dir: &Path) -> Result<CountyStore, CountyError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(DATABASE_FILE);
        // It holds every hall's records and the terminals' bundle keys: its owner's only.
        crate::store::create_private(&path)?;
        let conn = Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // Event ids are random UUIDs: their index pages are touched all over, so a larger page
        // cache (16 MB per connection) keeps ingest fast as the table grows.
        conn.pragma_update(None, "cache_size", -16_000)?;
        // Those index pages are also written again by nearly every batch: the write-ahead log is
        // copied into the database every 8,192 pages (32 MB) rather than every 1,000, so most of
        // them are copied once for several batches.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        let mut store = CountyStore { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), CountyError> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?;
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Another process may have migrated while this one waited for the lock.
            let now: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
            if now > index as i64 {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The county's figures, follow-ups overdue as of today.
    pub fn stats(&self) -> Result<CountyStats, CountyError> {
        self.stats_on(crate::clock::now().date_naive())
    }

    /// The county's figures, follow-ups overdue as of `today`.
    pub fn stats_on(&self, today: chrono::NaiveDate) -> Result<CountyStats, CountyError> {
        let count = |sql: &str| -> Result<u64, CountyError> {
            Ok(self.conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as u64)
        };
        Ok(CountyStats {
            events: count("SELECT COUNT(*) FROM event WHERE status = 'accepted'")?,
            rejected: count("SELECT COUNT(*) FROM event WHERE status = 'rejected'")?,
            applications: count("SELECT COUNT(*) FROM application")?,
            halls: count("SELECT COUNT(DISTINCT hall) FROM device")?,
            devices: count("SELECT COUNT(*) FROM device")?,
            ratings: super::ratings::stats(&self.conn, today)?,
        })
    }

    pub(super) fn set_last_seq(
        conn: &Connection,
        device_id: i64,
        seq: u64,
    ) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE device SET last_seq = ?1 WHERE id = ?2 AND last_seq < ?1",
            params![seq as i64, device_id],
        )?;
        Ok(())
    }
}

/// The application's id, hall, state and latest event, by case number.
pub(super) fn application_by_number(
    conn: &Connection,
    number: &str,
) -> Result<Option<(String, String, String, String)>, CountyError> {
    Ok(conn
        .query_row(
            "SELECT id, hall, state, head_event FROM application WHERE number = ?1",
            [number],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?)
}

pub(super) const EVENT_COLUMNS: &str =
    "cursor, id, hall, device, seq, kind, entity_id, base, created_at, payload";

pub(super) fn item_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<crate::sync::wire::PulledItem> {
    Ok(crate::sync::wire::PulledItem {
        cursor: row.get::<_, i64>(0)? as u64,
        event: crate::sync::wire::Event {
            id: row.get(1)?,
            hall: row.get(2)?,
            device: row.get(3)?,
            seq: row.get::<_, i64>(4)? as u64,
            kind: row.get(5)?,
            entity_id: row.get(6)?,
            base: row.get(7)?,
            created_at: row.get(8)?,
            payload: row.get(9)?,
        },
    })
}

impl CountyStore {
    /// A page of the hall's stream after `since`, without the asking terminal's own events.
    pub fn pull(
        &self,
        hall: &str,
        asking_device: &str,
        since: u64,
        limit: usize,
    ) -> Result<crate::sync::wire::PullResponse, CountyError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM event
             WHERE hall = ?1 AND cursor > ?2 AND status = 'accepted' AND device != ?3
               AND length(CAST(payload AS BLOB)) <= ?5
             ORDER BY cursor LIMIT ?4"
        ))?;
        // Events over the payload limit (accepted before there was one) are never handed out.
        let rows = statement.query_map(
            params![
                hall,
                since as i64,
                asking_device,
                limit as i64 + 1,
                MAX_PAYLOAD_BYTES as i64
            ],
            item_row,
        )?;
        // Bounded in bytes as well as in events, whatever the county holds.
        let mut items = Vec::new();
        let mut bytes = 0;
        let mut more = false;
        for row in rows {
            let item = row?;
            bytes += item.event.payload.len();
            if items.len() == limit || (!items.is_empty() && bytes > MAX_PAGE_BYTES) {
                more = true;
                break;
            }
            items.push(item);
        }
        let next_cursor = items.last().map_or(since, |item| item.cursor);
        Ok(crate::sync::wire::PullResponse {
            items,
            next_cursor,
            more,
        })
    }
}
