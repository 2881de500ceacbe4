//! Accounts: registration, approval, login with the lock after five wrong passwords.

use chrono::DateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::records::{audit, queue};
use super::{Result, Store, StoreError};
use crate::auth;
use crate::clock::Timestamp;
use crate::domain::account::{AccountStatus, MAX_PENDING_REGISTRATIONS, Role, after_failed_login};
use crate::domain::sync::event::{AccountRecord, Payload};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub status: AccountStatus,
}

/// A checked registration (or an account an admin creates).
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: String,
    pub name: String,
    /// Normalised phone number (see `domain::phone`).
    pub phone: String,
    pub password: String,
    pub role: Role,
    pub status: AccountStatus,
}

/// How someone identifies at the login screen.
#[derive(Debug, Clone, Copy)]
pub enum LoginBy<'a> {
    Account(&'a str),
    Phone(&'a str),
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown login or wrong password: the two are not told apart (nor how many tries
    /// are left, which only an existing account would have).
    #[error("wrong account or password")]
    WrongCredentials,
    #[error("locked until {until}")]
    Locked { until: Timestamp },
    #[error("waiting for approval")]
    Pending,
    #[error("disabled")]
    Disabled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the account name is taken")]
    LoginTaken,
    #[error("the phone number is taken")]
    PhoneTaken,
    #[error("the password could not be hashed")]
    Hash,
    /// 立即注册 is open to anyone: this many registrations already wait for an admin.
    #[error("{max} registrations already wait for approval")]
    TooManyPending { max: usize },
    /// Only a registration that still waits can be rejected.
    #[error("the account is not waiting for approval")]
    NotPending,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AccountError {
    fn from(error: rusqlite::Error) -> Self {
        AccountError::Store(error.into())
    }
}

impl From<rusqlite::Error> for LoginError {
    fn from(error: rusqlite::Error) -> Self {
        LoginError::Store(error.into())
    }
}

const COLUMNS: &str = "id, login, name, phone, role, status";

fn account_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    let role: String = row.get(4)?;
    let status: String = row.get(5)?;
    Ok(Account {
        id: row.get(0)?,
        login: row.get(1)?,
        name: row.get(2)?,
        phone: row.get(3)?,
        role: Role::from_code(&role).unwrap_or(Role::Agent),
        status: AccountStatus::from_code(&status).unwrap_or(AccountStatus::Disabled),
    })
}

fn by_id(conn: &Connection, id: i64) -> Result<Option<Account>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM account WHERE id = ?1"),
            [id],
            account_row,
        )
        .optional()?)
}

impl Store {
    /// Registers an account in one transaction with its audit row.
    pub fn add_account(
        &mut self,
        new: &NewAccount,
        actor: Option<i64>,
        at: Timestamp,
    ) -> std::result::Result<Account, AccountError> {
        let hash = auth::hash_password(&new.password).map_err(|_| AccountError::Hash)?;
        let tx = self.write()?;
        if new.status == AccountStatus::Pending && pending_count(&tx)? >= MAX_PENDING_REGISTRATIONS
        {
            return Err(AccountError::TooManyPending {
                max: MAX_PENDING_REGISTRATIONS,
            });
        }
        let taken = |column: &str, value: &str| -> rusqlite::Result<bool> {
            tx.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM account WHERE {column} = ?1)"),
                [value],
                |row| row.get(0),
            )
        };
        if taken("login", &new.login)? {
            return Err(AccountError::LoginTaken);
        }
        if taken("phone", &new.phone)? {
            return Err(AccountError::PhoneTaken);
        }
        tx.execute(
            "INSERT INTO account (login, name, phone, password_hash, role, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.login,
                new.name,
                new.phone,
                hash,
                new.role.code(),
                new.status.code(),
                at.to_rfc3339()
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit(
            &tx,
            at,
            actor.or(Some(id)),
            "account_added",
            "account",
            &id.to_string(),
            new.role.code(),
        )?;
        let account =
            by_id(&tx, id)?.ok_or_else(|| StoreError::Damaged("account vanished".into()))?;
        share(&tx, id, at)?;
        tx.commit()?;
        Ok(account)
    }

    pub fn account(&self, id: i64) -> Result<Option<Account>> {
        by_id(self.conn(), id)
    }

    /// This terminal's accounts, optionally only those with one status, oldest first (the
    /// stand-ins for people of other terminals and the county, made by sync, are left out).
    pub fn accounts(&self, status: Option<AccountStatus>) -> Result<Vec<Account>> {
        let mut statement = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM account
             WHERE origin IS NULL AND (?1 IS NULL OR status = ?1) ORDER BY id"
        ))?;
        let rows = statement.query_map([status.map(AccountStatus::code)], account_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// True when [`MAX_PENDING_REGISTRATIONS`] registrations wait: 立即注册 takes no more.
    pub fn registrations_full(&self) -> Result<bool> {
        Ok(pending_count(self.conn())? >= MAX_PENDING_REGISTRATIONS)
    }

    /// The accounts locked by wrong passwords at `at`, with the time each lock ends.
    pub fn locked_accounts(&self, at: Timestamp) -> Result<Vec<(i64, Timestamp)>> {
        let mut statement = self.conn().prepare(
            "SELECT id, locked_until FROM account
             WHERE origin IS NULL AND locked_until IS NOT NULL ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut locked = Vec::new();
        for row in rows {
            let (id, until) = row?;
            if let Ok(until) = DateTime::parse_from_rfc3339(&until)
                && until > at
            {
                locked.push((id, until));
            }
        }
        Ok(locked)
    }

    /// An admin lifts the lock wrong passwords put on an account (and clears the count).
    pub fn unlock_account(&mut self, id: i64, admin: i64, at: Timestamp) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
            [id],
        )?;
        audit(
            &tx,
            at,
            Some(admin),
            "account_unlocked",
            "account",
            &id.to_string(),
            "",
        )?;
        share(&tx, id, at)?;
        tx.commit()?;
        Ok(())
    }

    /// An admin rejects a registration that waits: the account stays (its name and phone are
    /// known to the hall's other terminals) but is disabled, and no longer counts as waiting.
    pub fn reject_registration(
        &mut self,
        id: i64,
        admin: i64,
        at: Timestamp,
    ) -> std::result::Result<(), AccountError> {
        let tx = self.write()?;
        let changed = tx.execute(
            "UPDATE account SET status = ?1 WHERE id = ?2 AND status = ?3",
            params![
                AccountStatus::Disabled.code(),
                id,
                AccountStatus::Pending.code()
            ],
        )?;
        if changed == 0 {
            return Err(AccountError::NotPending);
        }
        audit(
            &tx,
            at,
            Some(admin),
            "registration_rejected",
            "account",
            &id.to_string(),
            "",
        )?;
        share(&tx, id, at)?;
        tx.commit()?;
        Ok(())
    }

    pub fn has_active_admin(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM account WHERE role = 'admin' AND status = 'active')",
            [],
            |row| row.get(0),
        )?)
    }

    /// Checks a password; counts failures and locks the account after five in a row.
    pub fn login(
        &mut self,
        by: LoginBy<'_>,
        password: &str,
        at: Timestamp,
    ) -> std::result::Result<Account, LoginError> {
        let (column, value) = match by {
            LoginBy::Account(login) => ("login", login.trim()),
            LoginBy::Phone(phone) => ("phone", phone.trim()),
        };
        let tx = self.write()?;
        let found: Option<(Account, String, u32, Option<String>)> = tx
            .query_row(
                &format!(
                    "SELECT {COLUMNS}, password_hash, failed_logins, locked_until
                     FROM account WHERE {column} = ?1"
                ),
                [value],
                |row| Ok((account_row(row)?, row.get(6)?, row.get(7)?, row.get(8)?)),
            )
            .optional()?;
        let Some((account, hash, failures, locked_until)) = found else {
            // No such account: the same work, the same counting and the same answers as a
            // wrong password, so nobody learns which accounts exist.
            auth::verify_password(password, auth::DECOY_HASH);
            let error = count_unknown_login(&tx, column, value, at)?;
            tx.commit()?;
            return Err(error);
        };
        if let Some(until) = locked_until
            .as_deref()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            && until > at
        {
            return Err(LoginError::Locked { until });
        }
        if !auth::verify_password(password, &hash) {
            let (failures, lock) = after_failed_login(failures, at);
            tx.execute(
                "UPDATE account SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3",
                params![failures, lock.map(|until| until.to_rfc3339()), account.id],
            )?;
            let action = if lock.is_some() {
                "account_locked"
            } else {
                "login_failed"
            };
            audit(
                &tx,
                at,
                None,
                action,
                "account",
                &account.id.to_string(),
                "",
            )?;
            // The count and the lock follow the person to the hall's other desks.
            share(&tx, account.id, at)?;
            tx.commit()?;
            return Err(match lock {
                Some(until) => LoginError::Locked { until },
                None => LoginError::WrongCredentials,
            });
        }
        match account.status {
            AccountStatus::Pending => return Err(LoginError::Pending),
            AccountStatus::Disabled => return Err(LoginError::Disabled),
            AccountStatus::Active => {}
        }
        tx.execute(
            "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
            [account.id],
        )?;
        audit(
            &tx,
            at,
            Some(account.id),
            "login",
            "account",
            &account.id.to_string(),
            "",
        )?;
        // Only a cleared count is news for the other desks (not every login).
        if failures > 0 || locked_until.is_some() {
            share(&tx, account.id, at)?;
        }
        tx.commit()?;
        Ok(account)
    }

    /// An admin approves, disables or re-enables an account.
    pub fn set_account_status(
        &mut self,
        id: i64,
        status: AccountStatus,
        admin: i64,
        at: Timestamp,
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE account SET status = ?1, failed_logins = 0, locked_until = NULL WHERE id = ?2",
            params![status.code(), id],
        )?;
        audit(
            &tx,
            at,
            Some(admin),
            "account_status",
            "account",
            &id.to_string(),
            status.code(),
        )?;
        share(&tx, id, at)?;
        tx.commit()?;
        Ok(())
    }

    /// An admin sets a new password (told to the person in private) and lifts any lock.
    pub fn reset_password(
        &mut self,
        id: i64,
        password: &str,
        admin: i64,
        at: Timestamp,
    ) -> std::result::Result<(), AccountError> {
        let hash = auth::hash_password(password).map_err(|_| AccountError::Hash)?;
        let tx = self.write()?;
        tx.execute(
            "UPDATE account SET password_hash = ?1, failed_logins = 0, locked_until = NULL
             WHERE id = ?2",
            params![hash, id],
        )?;
        audit(
            &tx,
            at,
            Some(admin),
            "password_reset",
            "account",
            &id.to_string(),
            "",
        )?;
        share(&tx, id, at)?;
        tx.commit()?;
        Ok(())
    }
}

/// Registrations waiting for an admin (this terminal's and those the hall's other terminals
/// shared).
fn pending_count(conn: &Connection) -> Result<usize> {
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM account WHERE status = ?1 AND login NOT LIKE '~%'",
        [AccountStatus::Pending.code()],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// Counts a failed login under a name no account has, exactly as for an account: after
/// [`crate::domain::account::MAX_FAILED_LOGINS`] in a row the name is "locked" too.
fn count_unknown_login(
    conn: &rusqlite::Connection,
    column: &str,
    value: &str,
    at: Timestamp,
) -> Result<LoginError> {
    // Bounded: what a stranger types is not kept beyond a day, nor beyond 64 characters.
    conn.execute(
        "DELETE FROM login_attempt WHERE updated_at < ?1",
        [(at - chrono::Duration::days(1)).to_rfc3339()],
    )?;
    let key: String = format!("{column}:{value}").chars().take(64).collect();
    let (failures, locked_until): (u32, Option<String>) = conn
        .query_row(
            "SELECT failures, locked_until FROM login_attempt WHERE key = ?1",
            [&key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, None));
    if let Some(until) = locked_until.and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        && until > at
    {
        return Ok(LoginError::Locked { until });
    }
    let (failures, lock) = after_failed_login(failures, at);
    conn.execute(
        "INSERT INTO login_attempt (key, failures, locked_until, updated_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(key) DO UPDATE SET failures = excluded.failures,
             locked_until = excluded.locked_until, updated_at = excluded.updated_at",
        params![
            key,
            failures,
            lock.map(|until| until.to_rfc3339()),
            at.to_rfc3339()
        ],
    )?;
    Ok(match lock {
        Some(until) => LoginError::Locked { until },
        None => LoginError::WrongCredentials,
    })
}

/// Queues account `id` as it now stands for the hall's other terminals (through the county):
/// registrations, approvals, role and status changes, lockouts and new passwords, as hashes
/// only. Stand-ins for people of other terminals are never sent.
fn share(conn: &rusqlite::Connection, id: i64, at: Timestamp) -> Result<()> {
    let row = conn
        .query_row(
            "SELECT login, name, phone, role, status, password_hash, failed_logins, locked_until,
                created_at
             FROM account WHERE id = ?1",
            [id],
            |row| {
                Ok((
                    (
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                    ),
                    (row.get::<_, String>(3)?, row.get::<_, String>(4)?),
                    (
                        row.get::<_, String>(5)?,
                        row.get::<_, u32>(6)?,
                        row.get::<_, Option<String>>(7)?,
                        row.get::<_, String>(8)?,
                    ),
                ))
            },
        )
        .optional()?;
    let Some((
        (login, name, phone),
        (role, status),
        (password_hash, failed_logins, locked_until, created_at),
    )) = row
    else {
        return Err(StoreError::Damaged(format!("account {id} vanished")));
    };
    if login.starts_with('~') {
        return Ok(());
    }
    let damaged = |what: &str| StoreError::Damaged(format!("account {login}: {what}"));
    let record = AccountRecord {
        role: Role::from_code(&role).ok_or_else(|| damaged("role"))?,
        status: AccountStatus::from_code(&status).ok_or_else(|| damaged("status"))?,
        login,
        name,
        phone,
        password_hash,
        failed_logins,
        locked_until,
        created_at,
    };
    queue(conn, at, &Payload::AccountChanged(record))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::MAX_FAILED_LOGINS;

    fn new_account(n: usize, status: AccountStatus) -> NewAccount {
        NewAccount {
            login: format!("user{n:02}"),
            name: "李玥".into(),
            phone: format!("139000011{n:02}"),
            password: "hall-password-2026".into(),
            role: Role::Agent,
            status,
        }
    }

    fn at() -> Timestamp {
        DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap()
    }

    #[test]
    fn the_eleventh_waiting_registration_is_refused_and_a_rejection_makes_room() {
        let mut store = Store::open_in_memory().unwrap();
        // Active accounts do not count.
        store
            .add_account(&new_account(99, AccountStatus::Active), None, at())
            .unwrap();
        let mut waiting = Vec::new();
        for n in 0..MAX_PENDING_REGISTRATIONS {
            assert!(!store.registrations_full().unwrap());
            let account = store
                .add_account(&new_account(n, AccountStatus::Pending), None, at())
                .unwrap();
            waiting.push(account.id);
        }
        assert!(store.registrations_full().unwrap());
        let refused = store.add_account(
            &new_account(MAX_PENDING_REGISTRATIONS, AccountStatus::Pending),
            None,
            at(),
        );
        assert!(
            matches!(refused, Err(AccountError::TooManyPending { max: 10 })),
            "{refused:?}"
        );
        store.reject_registration(waiting[0], 1, at()).unwrap();
        assert_eq!(
            store.account(waiting[0]).unwrap().unwrap().status,
            AccountStatus::Disabled
        );
        assert!(!store.registrations_full().unwrap());
        // Rejected once; an active account cannot be "rejected".
        assert!(matches!(
            store.reject_registration(waiting[0], 1, at()),
            Err(AccountError::NotPending)
        ));
        assert!(matches!(
            store.reject_registration(1, 1, at()),
            Err(AccountError::NotPending)
        ));
    }

    #[test]
    fn an_unlocked_account_logs_in_before_its_lock_would_have_ended() {
        let mut store = Store::open_in_memory().unwrap();
        let account = store
            .add_account(&new_account(1, AccountStatus::Active), None, at())
            .unwrap();
        for _ in 0..MAX_FAILED_LOGINS {
            let _ = store.login(LoginBy::Account("user01"), "wrong-password", at());
        }
        let locked = store.locked_accounts(at()).unwrap();
        assert_eq!(locked.len(), 1);
        assert_eq!(locked[0].0, account.id);
        assert!(matches!(
            store.login(LoginBy::Account("user01"), "hall-password-2026", at()),
            Err(LoginError::Locked { .. })
        ));
        // After the lock's end it is no longer listed as locked.
        assert!(
            store
                .locked_accounts(locked[0].1 + chrono::Duration::seconds(1))
                .unwrap()
                .is_empty()
        );
        store.unlock_account(account.id, account.id, at()).unwrap();
        assert!(store.locked_accounts(at()).unwrap().is_empty());
        let logged_in = store
            .login(LoginBy::Account("user01"), "hall-password-2026", at())
            .unwrap();
        assert_eq!(logged_in.id, account.id);
    }
}
