//! How every change starts: a write transaction that takes SQLite's write lock before its first
//! read (BEGIN IMMEDIATE).
//!
//! A deferred transaction reads a snapshot, and when it then tries to write while another
//! connection has written since, SQLite answers "database is locked" at once (the busy timeout
//! cannot help: waiting would not make the snapshot current). The GUI's background sync, the
//! desk and command-line tools each hold their own connection to one database, so every write
//! here waits its turn for the lock instead, up to the busy timeout.
//!
//! Inside [`Store::all_or_nothing`] a change becomes a savepoint of the one outer transaction,
//! so whole batches (the demo seed) commit or vanish together.

use std::ops::Deref;

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};

use super::{Store, StoreError};

/// A change in progress: dropped without [`Write::commit`], it leaves nothing behind.
pub(crate) enum Write<'a> {
    Transaction(Transaction<'a>),
    Savepoint(Savepoint<'a>),
}

impl Write<'_> {
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Write::Transaction(tx) => tx.commit(),
            Write::Savepoint(savepoint) => savepoint.commit(),
        }
    }
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Write::Transaction(tx) => tx,
            Write::Savepoint(savepoint) => savepoint,
        }
    }
}

/// Starts a write on `conn`: IMMEDIATE, or a savepoint when an outer write is already open.
pub(crate) fn begin(conn: &mut Connection) -> rusqlite::Result<Write<'_>> {
    if conn.is_autocommit() {
        conn.transaction_with_behavior(TransactionBehavior::Immediate)
            .map(Write::Transaction)
    } else {
        conn.savepoint().map(Write::Savepoint)
    }
}

impl Store {
    /// Starts one change (see the module's note).
    pub(crate) fn write(&mut self) -> rusqlite::Result<Write<'_>> {
        begin(&mut self.conn)
    }

    /// Runs `work` as ONE transaction: every change it makes commits together, or none does
    /// (an error, or the process dying half-way, leaves the database as it was).
    pub fn all_or_nothing<T, E>(
        &mut self,
        work: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        if !self.conn.is_autocommit() {
            return Err(StoreError::Damaged("a transaction is already open".into()).into());
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(StoreError::from)?;
        match work(self) {
            Ok(done) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(StoreError::from)?;
                Ok(done)
            }
            Err(error) => {
                if let Err(rollback) = self.conn.execute_batch("ROLLBACK") {
                    tracing::error!("rolling back a failed batch: {rollback}");
                }
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{AccountStatus, Role};
    use crate::store::NewAccount;

    fn account(login: &str, phone: &str) -> NewAccount {
        NewAccount {
            login: login.into(),
            name: "测试".into(),
            phone: phone.into(),
            password: "password-123".into(),
            role: Role::Agent,
            status: AccountStatus::Active,
        }
    }

    fn accounts(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT COUNT(*) FROM account", [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_batch_that_fails_half_way_leaves_nothing_and_one_that_succeeds_keeps_all() {
        let mut store = Store::open_in_memory().unwrap();
        let failed: Result<(), StoreError> = store.all_or_nothing(|store| {
            store
                .add_account(&account("a1", "13800000001"), None, crate::clock::now())
                .map_err(|_| StoreError::Damaged("add".into()))?;
            Err(StoreError::Damaged("stopped half-way".into()))
        });
        assert!(failed.is_err());
        assert_eq!(
            accounts(&store),
            0,
            "the first change went with the failure"
        );
        store
            .all_or_nothing(|store| -> Result<(), StoreError> {
                for n in 0..3 {
                    store
                        .add_account(
                            &account(&format!("b{n}"), &format!("1380000001{n}")),
                            None,
                            crate::clock::now(),
                        )
                        .map_err(|_| StoreError::Damaged("add".into()))?;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(accounts(&store), 3);
        assert!(store.conn().is_autocommit(), "no transaction left open");
    }

    #[test]
    fn a_change_inside_a_batch_that_fails_is_rolled_back_alone() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .all_or_nothing(|store| -> Result<(), StoreError> {
                store
                    .add_account(&account("c1", "13800000021"), None, crate::clock::now())
                    .map_err(|_| StoreError::Damaged("add".into()))?;
                // The same login again: that change fails and leaves the first one standing.
                assert!(
                    store
                        .add_account(&account("c1", "13800000022"), None, crate::clock::now())
                        .is_err()
                );
                Ok(())
            })
            .unwrap();
        assert_eq!(accounts(&store), 1);
    }
}
