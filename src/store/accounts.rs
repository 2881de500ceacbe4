//! Accounts: registration, approval, login with the lock after five wrong passwords.

use chrono::DateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::records::{audit, queue};
use super::{Result, Store, StoreError};
use crate::auth;
use crate::clock::Timestamp;
use crate::domain::account::{AccountStatus, Role, after_failed_login};
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
