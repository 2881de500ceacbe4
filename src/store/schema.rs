//! Migrations, tracked in `PRAGMA user_version`. All pending steps run in one transaction.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StoreError, backup};

pub(super) const MIGRATIONS: &[&str] = &[
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
    // 2: accounts, households, proxy applications, and the records for the county.
    r#"
    CREATE TABLE account (
        id               INTEGER PRIMARY KEY,
        login            TEXT NOT NULL UNIQUE,
        name             TEXT NOT NULL,
        phone            TEXT NOT NULL UNIQUE,
        password_hash    TEXT NOT NULL,
        role             TEXT NOT NULL CHECK (role IN ('agent', 'staff', 'admin')),
        status           TEXT NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
        failed_logins    INTEGER NOT NULL DEFAULT 0,
        locked_until     TEXT,
        created_at       TEXT NOT NULL
    );
    CREATE TABLE village (
        name     TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        groups   INTEGER NOT NULL
    );
    CREATE TABLE household (
        id            TEXT PRIMARY KEY,
        head_name     TEXT NOT NULL,
        id_number     TEXT NOT NULL UNIQUE,
        phone         TEXT NOT NULL,
        village       TEXT NOT NULL,
        village_group INTEGER NOT NULL,
        created_at    TEXT NOT NULL,
        created_by    INTEGER REFERENCES account(id)
    );
    CREATE INDEX household_village ON household(village);
    CREATE INDEX household_head_name ON household(head_name);
    CREATE TABLE household_member (
        household TEXT NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        name      TEXT NOT NULL,
        id_number TEXT NOT NULL UNIQUE,
        relation  TEXT NOT NULL,
        PRIMARY KEY (household, position)
    );
    CREATE TABLE application (
        id                  TEXT PRIMARY KEY,
        request_key         TEXT NOT NULL UNIQUE,
        number              TEXT UNIQUE,
        household           TEXT NOT NULL REFERENCES household(id),
        applicant_name      TEXT NOT NULL,
        applicant_id_number TEXT NOT NULL,
        village             TEXT NOT NULL,
        item_id             TEXT NOT NULL,
        state               TEXT NOT NULL,
        agent               INTEGER NOT NULL REFERENCES account(id),
        created_at          TEXT NOT NULL,
        accepted_at         TEXT,
        due_date            TEXT,
        closed_at           TEXT
    );
    CREATE INDEX application_state_due ON application(state, due_date);
    CREATE INDEX application_item ON application(item_id);
    CREATE INDEX application_village ON application(village);
    CREATE INDEX application_agent ON application(agent);
    CREATE INDEX application_name ON application(applicant_name);
    CREATE INDEX application_id_number ON application(applicant_id_number);
    CREATE INDEX application_created ON application(created_at);
    CREATE TABLE application_material (
        application TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        required    INTEGER NOT NULL,
        received    INTEGER NOT NULL,
        PRIMARY KEY (application, position)
    );
    CREATE TABLE application_event (
        id          INTEGER PRIMARY KEY,
        application TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        actor       INTEGER NOT NULL REFERENCES account(id),
        kind        TEXT NOT NULL,
        from_state  TEXT,
        to_state    TEXT,
        to_agent    INTEGER REFERENCES account(id),
        note        TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX application_event_application ON application_event(application);
    CREATE TABLE case_serial (
        day  TEXT PRIMARY KEY,
        last INTEGER NOT NULL
    );
    CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     INTEGER REFERENCES account(id),
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        detail    TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE outbox (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        entity_id     TEXT NOT NULL,
        payload       TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'rejected')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        next_retry_at TEXT
    );
    CREATE INDEX outbox_state ON outbox(state, created_at);
    "#,
    // 3: case lists newest first within one agent, village, item or state, without sorting.
    r#"
    DROP INDEX application_item;
    DROP INDEX application_village;
    DROP INDEX application_agent;
    CREATE INDEX application_agent_created ON application(agent, created_at);
    CREATE INDEX application_village_created ON application(village, created_at);
    CREATE INDEX application_item_created ON application(item_id, created_at);
    CREATE INDEX application_state_created ON application(state, created_at);
    CREATE INDEX application_number ON application(number);
    "#,
    // 4: cards issued and everything printed. A card keeps the number it was first issued with;
    // the number carries the issuing terminal's device code so terminals never collide.
    r#"
    CREATE TABLE card (
        household TEXT PRIMARY KEY REFERENCES household(id),
        number    TEXT NOT NULL UNIQUE,
        issued_at TEXT NOT NULL
    );
    CREATE TABLE print_log (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       INTEGER REFERENCES account(id),
        document    TEXT NOT NULL,
        subject     TEXT NOT NULL,
        copies      INTEGER NOT NULL,
        destination TEXT NOT NULL
    );
    CREATE INDEX print_log_subject ON print_log(document, subject);
    "#,
    // 5: sync with the county: per-device sequence numbers and the version each case
    // change was based on; what was pulled from the county; conflicts; the one-sender lease;
    // stand-in accounts for people of other terminals and the county.
    r#"
    ALTER TABLE outbox ADD COLUMN seq INTEGER;
    ALTER TABLE outbox ADD COLUMN base TEXT;
    ALTER TABLE outbox ADD COLUMN sent_at TEXT;
    UPDATE outbox SET seq = numbered.n
        FROM (SELECT rowid AS r, ROW_NUMBER() OVER (ORDER BY rowid) AS n FROM outbox) AS numbered
        WHERE outbox.rowid = numbered.r;
    CREATE UNIQUE INDEX outbox_seq ON outbox(seq);
    CREATE INDEX outbox_state_seq ON outbox(state, seq);
    CREATE INDEX outbox_entity ON outbox(entity_id);
    ALTER TABLE application ADD COLUMN sync_head TEXT;
    UPDATE application SET sync_head = head.id
        FROM (SELECT entity_id, id, MAX(seq) FROM outbox GROUP BY entity_id) AS head
        WHERE head.entity_id = application.id;
    ALTER TABLE account ADD COLUMN origin TEXT;
    CREATE TABLE sync_inbox (
        event_id   TEXT PRIMARY KEY,
        cursor     INTEGER NOT NULL,
        device     TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        entity_id  TEXT NOT NULL,
        base       TEXT,
        created_at TEXT NOT NULL,
        payload    TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('applied', 'conflict', 'skipped'))
    );
    CREATE INDEX sync_inbox_entity ON sync_inbox(entity_id);
    CREATE TABLE sync_conflict (
        id             INTEGER PRIMARY KEY,
        entity         TEXT NOT NULL,
        entity_id      TEXT NOT NULL,
        local_event    TEXT NOT NULL,
        local_payload  TEXT NOT NULL,
        remote_event   TEXT NOT NULL,
        remote_device  TEXT NOT NULL,
        remote_payload TEXT NOT NULL,
        detected_at    TEXT NOT NULL,
        resolved_at    TEXT,
        resolution     TEXT CHECK (resolution IN ('local', 'remote', 'elsewhere')),
        resolved_by    INTEGER REFERENCES account(id)
    );
    CREATE INDEX sync_conflict_open ON sync_conflict(entity_id, resolved_at);
    CREATE TABLE household_alias (
        remote_id TEXT PRIMARY KEY,
        local_id  TEXT NOT NULL REFERENCES household(id)
    );
    CREATE TABLE sync_lease (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        holder     TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    );
    "#,
    // 6: the one-sender lease row gives way to a lock file that dies with its process
    // (`sync.lock` in the data directory); failed logins under names no account has are
    // counted like real ones, so the answers never tell whether an account exists.
    r#"
    DROP TABLE sync_lease;
    CREATE TABLE login_attempt (
        key           TEXT PRIMARY KEY,  -- "login:NAME" or "phone:NUMBER"
        failures      INTEGER NOT NULL,
        locked_until  TEXT,
        updated_at    TEXT NOT NULL
    );
    "#,
    // 7: printed documents that are right: the short reference (登记号) of a case before it is
    // accepted, printed on its one-time notice and looked up at the kiosk and the desk; and in
    // the print log, the print service's job id, the options sent (booklet, duplex, paper), the
    // person behind a command-line print and whether a receipt was a reprint (补打).
    r#"
    ALTER TABLE application ADD COLUMN reference TEXT;
    CREATE UNIQUE INDEX application_reference ON application(reference);
    ALTER TABLE print_log ADD COLUMN job TEXT;
    ALTER TABLE print_log ADD COLUMN options TEXT NOT NULL DEFAULT '';
    ALTER TABLE print_log ADD COLUMN actor_name TEXT;
    ALTER TABLE print_log ADD COLUMN reprint INTEGER NOT NULL DEFAULT 0;
    "#,
    // 8: 好差评. A rating names its case (never the farmer); a case has at most one rating given
    // (skips, 未评价, are rows with no level and may precede it). Every 差评 has one follow-up
    // (核实 → 整改 → 反馈 → 回访) with its notes, and may be appealed (申诉复核) once.
    r#"
    CREATE TABLE rating (
        id          TEXT PRIMARY KEY,
        application TEXT REFERENCES application(id),
        case_number TEXT,
        item_id     TEXT,
        window      INTEGER,
        agent_login TEXT,
        channel     TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk_rater')),
        level       TEXT CHECK (level IN ('very_satisfied', 'satisfied', 'basically_satisfied',
                                          'dissatisfied', 'very_dissatisfied')),
        reasons     TEXT NOT NULL DEFAULT '[]',  -- JSON array of reason codes
        comment     TEXT NOT NULL DEFAULT '',
        contact     TEXT NOT NULL DEFAULT '',
        rated_at    TEXT NOT NULL,
        device      TEXT NOT NULL
    );
    CREATE UNIQUE INDEX rating_once_per_case ON rating(application)
        WHERE application IS NOT NULL AND level IS NOT NULL;
    CREATE INDEX rating_rated_at ON rating(rated_at);
    CREATE TABLE follow_up (
        id                TEXT PRIMARY KEY,
        rating            TEXT NOT NULL UNIQUE REFERENCES rating(id),
        stage             TEXT NOT NULL
                          CHECK (stage IN ('verify', 'rectify', 'feedback', 'revisit', 'closed')),
        due_date          TEXT NOT NULL,
        opened_at         TEXT NOT NULL,
        closed_at         TEXT,
        appeal            TEXT CHECK (appeal IN ('pending', 'upheld', 'rejected')),
        appeal_reason     TEXT,
        appeal_by         TEXT,
        appeal_at         TEXT,
        appeal_decision   TEXT,
        appeal_decided_by TEXT,
        appeal_decided_at TEXT
    );
    CREATE INDEX follow_up_open ON follow_up(stage, due_date);
    CREATE TABLE follow_up_note (
        follow_up   TEXT NOT NULL REFERENCES follow_up(id),
        position    INTEGER NOT NULL,
        at          TEXT NOT NULL,
        actor_login TEXT NOT NULL,
        actor_name  TEXT NOT NULL,
        stage       TEXT NOT NULL,
        note        TEXT NOT NULL,
        PRIMARY KEY (follow_up, position)
    );
    "#,
    // 9: the hall's content kept current by its staff. Each version of the content files the
    // terminal has shown is a revision (who, when, why, what changed), restorable; a file's text
    // is stored once however many revisions share it. A notice may have a last day (截止日期).
    r#"
    CREATE TABLE content_file (
        digest TEXT PRIMARY KEY,  -- SHA-256 of the text, hex
        text   TEXT NOT NULL
    );
    CREATE TABLE content_revision (
        id           INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        actor_login  TEXT,                  -- NULL: the program itself
        actor_name   TEXT NOT NULL DEFAULT '',
        reason       TEXT NOT NULL
                     CHECK (reason IN ('shipped', 'folder', 'setup', 'edit', 'import', 'undo')),
        restored     INTEGER REFERENCES content_revision(id),
        version      TEXT NOT NULL,
        change_count INTEGER NOT NULL,
        changes      TEXT NOT NULL,         -- JSON array of content changes (the first ones)
        files        TEXT NOT NULL          -- JSON object {path: digest}
    );
    ALTER TABLE notice ADD COLUMN expires TEXT;
    "#,
    // 10: statistics read what they count from indexes alone (store/stats.rs): cases by when they
    // closed (open ones first) with everything a count needs, cases by when they were accepted,
    // ratings by when they were given with what they name (replacing the index on the time
    // alone). Measured on 100,000 demo cases: a month's statistics from about 1 s to tens of ms.
    r#"
    CREATE INDEX application_stats ON application(closed_at, created_at, state, due_date,
        accepted_at, item_id, village, agent);
    CREATE INDEX application_accepted ON application(accepted_at);
    DROP INDEX rating_rated_at;
    CREATE INDEX rating_stats ON rating(rated_at, level, item_id, window, agent_login);
    "#,
];

/// Brings the database up to this build's schema. An existing database that is older is first
/// copied to `<data dir>/backups/pre-upgrade-v<N>-<time>.sqlite3`; then every pending step runs in
/// ONE immediate transaction, so a failing step leaves the database exactly as it was.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, MIGRATIONS, crate::clock::now())
}

/// A failed upgrade: nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error(
    "upgrading the database from schema {from} failed at step {step} ({source}); the database is \
     untouched{}",
    copy_note(.backup)
)]
pub struct UpgradeError {
    pub from: i64,
    pub step: i64,
    pub backup: Option<PathBuf>,
    #[source]
    pub source: rusqlite::Error,
}

fn copy_note(backup: &Option<PathBuf>) -> String {
    backup
        .as_ref()
        .map(|path| format!(", and a copy of it is at {}", path.display()))
        .unwrap_or_default()
}

pub(super) fn migrate_with(
    conn: &mut Connection,
    migrations: &[&str],
    at: crate::clock::Timestamp,
) -> Result<()> {
    let known = migrations.len() as i64;
    if user_version(conn)? == known {
        return Ok(());
    }
    // Another process may be migrating the same file: take the write lock, then look again.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    if found == known {
        return Ok(());
    }
    let backup = match (found > 0, database_file(&tx)) {
        (true, Some(file)) => Some(pre_upgrade_backup(&file, found, at)?),
        _ => None,
    };
    for (index, sql) in migrations.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql).map_err(|source| {
            StoreError::Upgrade(Box::new(UpgradeError {
                from: found,
                step: index as i64 + 1,
                backup: backup.clone(),
                source,
            }))
        })?;
    }
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// The file behind a connection; none for an in-memory database.
fn database_file(conn: &Connection) -> Option<PathBuf> {
    conn.path()
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
}

/// Copies the database as it is (committed state, read through a second connection while this
/// one holds the write lock) into the backups folder beside it.
fn pre_upgrade_backup(file: &Path, version: i64, at: crate::clock::Timestamp) -> Result<PathBuf> {
    let data_dir = file.parent().unwrap_or(Path::new("."));
    let backups = backup::backups_dir(data_dir)?;
    let out = backups.join(format!(
        "pre-upgrade-v{version}-{}.sqlite3",
        backup::stamp(at)
    ));
    backup::backup_file(file, &out)?;
    Ok(out)
}

/// The tables the first `version` migrations create: what a bianmin database of that version has.
pub(super) fn tables_up_to(version: usize) -> Vec<String> {
    let mut tables: Vec<String> = Vec::new();
    let name = |rest: &str| {
        rest.split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_end_matches(['(', ';'])
            .to_owned()
    };
    for statement in MIGRATIONS
        .iter()
        .take(version)
        .flat_map(|sql| sql.split(';'))
    {
        let statement = statement.trim();
        if let Some(rest) = statement.strip_prefix("CREATE TABLE ") {
            tables.push(name(rest));
        } else if let Some(rest) = statement.strip_prefix("DROP TABLE ") {
            let dropped = name(rest);
            tables.retain(|table| *table != dropped);
        }
    }
    tables
}

#[cfg(test)]
pub(crate) mod tests;
