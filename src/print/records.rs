//! The few reads printing needs that the store does not offer yet (read-only SQL on the store's
//! connection). They belong in `store::households` once the store's owners take them over.

use rusqlite::params;

use crate::store::{Store, StoreError};

/// One household of a village in registration order, with the account that registered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RollEntry {
    pub id: String,
    pub created_by: Option<i64>,
}

/// A village's households in the order they were registered (oldest first): the position,
/// from 1, is the household's serial on its card.
pub(super) fn village_roll(store: &Store, village: &str) -> Result<Vec<RollEntry>, StoreError> {
    let mut statement = store.conn().prepare(
        "SELECT id, created_by FROM household WHERE village = ?1 ORDER BY created_at, id",
    )?;
    let rows = statement.query_map(params![village], |row| {
        Ok(RollEntry {
            id: row.get(0)?,
            created_by: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Service items by how many applications the hall has taken for them, most first.
pub(super) fn item_usage(store: &Store) -> Result<Vec<String>, StoreError> {
    let mut statement = store.conn().prepare(
        "SELECT item_id FROM application GROUP BY item_id ORDER BY COUNT(*) DESC, item_id",
    )?;
    let rows = statement.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
