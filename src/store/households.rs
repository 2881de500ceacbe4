//! Households and their members. A duplicate ID number opens the household already registered.

use std::collections::HashMap;

use crate::domain::sync::event::Payload;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::records::record;
use super::{Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::household::{Household, Member};
use crate::domain::id_number::IdNumber;
use crate::domain::phone::Phone;

/// What saving a household did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    Created(Household),
    /// The head's ID number was already registered: here is that household, unchanged.
    Existing(Household),
}

#[derive(Debug, thiserror::Error)]
pub enum HouseholdError {
    /// A member is already registered (as a head or member) in another household.
    #[error("{masked} is already registered in another household")]
    PersonElsewhere { masked: String },
    /// The head is already registered, in this household (a roster is refused whole for it).
    #[error("the head is already registered in household {household}")]
    HeadElsewhere { household: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a batch of households was not registered. Nothing of the batch was written.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The household at this index of the batch was refused.
    #[error("household {index} of the batch: {error}")]
    Refused { index: usize, error: HouseholdError },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for BatchError {
    fn from(error: rusqlite::Error) -> Self {
        BatchError::Store(error.into())
    }
}

impl From<rusqlite::Error> for HouseholdError {
    fn from(error: rusqlite::Error) -> Self {
        HouseholdError::Store(error.into())
    }
}

/// One line of the household list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HouseholdSummary {
    pub id: String,
    pub head_name: String,
    pub village: String,
    pub id_number_masked: String,
}

/// A household of a village, with the account that registered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageHousehold {
    pub id: String,
    pub created_by: Option<i64>,
}

fn damaged(what: &str) -> StoreError {
    StoreError::Damaged(what.to_owned())
}

pub(super) fn load_household(conn: &Connection, id: &str) -> Result<Option<Household>> {
    let row: Option<(String, String, String, String, u32)> = conn
        .prepare_cached(
            "SELECT head_name, id_number, phone, village, village_group FROM household WHERE id = ?1",
        )?
        .query_row(
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
        )
        .optional()?;
    let Some((head_name, id_number, phone, village, group)) = row else {
        return Ok(None);
    };
    let mut statement = conn.prepare_cached(
        "SELECT name, id_number, relation FROM household_member WHERE household = ?1
         ORDER BY position",
    )?;
    let members = statement
        .query_map([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?
        .into_iter()
        .map(|(name, number, relation)| {
            Ok(Member {
                name,
                id_number: IdNumber::parse(&number).map_err(|_| damaged("member id number"))?,
                relation,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(Household {
        id: id.to_owned(),
        head_name,
        id_number: IdNumber::parse(&id_number).map_err(|_| damaged("household id number"))?,
        phone: Phone::parse(&phone).map_err(|_| damaged("household phone"))?,
        village,
        group,
        members,
    }))
}

/// Writes a household and its members as registered at `created_at` by `created_by` (none for
/// one registered on another terminal).
pub(super) fn insert_household(
    conn: &Connection,
    household: &Household,
    created_at: &str,
    created_by: Option<i64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO household (id, head_name, id_number, phone, village, village_group,
            created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            household.id,
            household.head_name,
            household.id_number.as_str(),
            household.phone.as_str(),
            household.village,
            household.group,
            created_at,
            created_by
        ],
    )?;
    for (position, member) in household.members.iter().enumerate() {
        conn.execute(
            "INSERT INTO household_member (household, position, name, id_number, relation)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                household.id,
                position as i64,
                member.name,
                member.id_number.as_str(),
                member.relation
            ],
        )?;
    }
    Ok(())
}

fn registered_anywhere(conn: &Connection, number: &IdNumber) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM household WHERE id_number = ?1)
             OR EXISTS (SELECT 1 FROM household_member WHERE id_number = ?1)",
        [number.as_str()],
        |row| row.get(0),
    )
}

/// Registers one household inside the caller's write: the head's ID number already known gives
/// that household and writes nothing; a member registered anywhere refuses; otherwise the
/// household, its members, the audit row and the outbox event are written.
fn register_in(
    tx: &Connection,
    household: &Household,
    actor: Option<i64>,
    at: Timestamp,
) -> std::result::Result<Registered, HouseholdError> {
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM household WHERE id_number = ?1",
            [household.id_number.as_str()],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        let found = load_household(tx, &id)?.ok_or_else(|| damaged("household vanished"))?;
        return Ok(Registered::Existing(found));
    }
    for member in &household.members {
        if registered_anywhere(tx, &member.id_number)? {
            return Err(HouseholdError::PersonElsewhere {
                masked: member.id_number.masked(),
            });
        }
    }
    insert_household(tx, household, &at.to_rfc3339(), actor)?;
    record(
        tx,
        at,
        actor,
        &Payload::HouseholdRegistered(household.clone()),
    )?;
    Ok(Registered::Created(household.clone()))
}

impl Store {
    /// Registers a household in one transaction with its audit row and outbox event. When the
    /// head's ID number is known already, nothing is written and the existing household returns.
    pub fn register_household(
        &mut self,
        household: &Household,
        actor: i64,
        at: Timestamp,
    ) -> std::result::Result<Registered, HouseholdError> {
        self.register_household_as(household, Some(actor), at)
    }

    /// [`Store::register_household`] by `actor`, none from the command line.
    pub fn register_household_as(
        &mut self,
        household: &Household,
        actor: Option<i64>,
        at: Timestamp,
    ) -> std::result::Result<Registered, HouseholdError> {
        let tx = self.write()?;
        let registered = register_in(&tx, household, actor, at)?;
        if matches!(registered, Registered::Created(_)) {
            tx.commit()?;
        }
        Ok(registered)
    }

    /// Registers many households (a village roster) in ONE write transaction: every one of
    /// them, each with its audit row and outbox event, or none. `actor` is none from the
    /// command line. Refused whole when any head is registered already or any member is.
    pub fn register_households(
        &mut self,
        households: &[Household],
        actor: Option<i64>,
        at: Timestamp,
    ) -> std::result::Result<usize, BatchError> {
        let tx = self.write()?;
        for (index, household) in households.iter().enumerate() {
            match register_in(&tx, household, actor, at) {
                Ok(Registered::Created(_)) => {}
                Ok(Registered::Existing(found)) => {
                    return Err(BatchError::Refused {
                        index,
                        error: HouseholdError::HeadElsewhere {
                            household: found.id,
                        },
                    });
                }
                Err(HouseholdError::Store(error)) => return Err(BatchError::Store(error)),
                Err(error) => return Err(BatchError::Refused { index, error }),
            }
        }
        tx.commit()?;
        Ok(households.len())
    }

    /// Every registered person's ID number (heads and members) with their household's id.
    pub fn registered_people(&self) -> Result<HashMap<IdNumber, String>> {
        let mut statement = self.conn().prepare(
            "SELECT id_number, id FROM household
             UNION ALL SELECT id_number, household FROM household_member",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut people = HashMap::new();
        for row in rows {
            let (number, household) = row?;
            let number = IdNumber::parse(&number).map_err(|_| damaged("registered id number"))?;
            people.insert(number, household);
        }
        Ok(people)
    }

    /// A village's households in the order they were registered, oldest first.
    pub fn village_households(&self, village: &str) -> Result<Vec<VillageHousehold>> {
        let mut statement = self.conn().prepare(
            "SELECT id, created_by FROM household WHERE village = ?1 ORDER BY created_at, id",
        )?;
        let rows = statement.query_map([village], |row| {
            Ok(VillageHousehold {
                id: row.get(0)?,
                created_by: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn household(&self, id: &str) -> Result<Option<Household>> {
        load_household(self.conn(), id)
    }

    pub fn household_by_id_number(&self, number: &IdNumber) -> Result<Option<Household>> {
        let id: Option<String> = self
            .conn()
            .query_row(
                "SELECT id FROM household WHERE id_number = ?1",
                [number.as_str()],
                |row| row.get(0),
            )
            .optional()?;
        match id {
            Some(id) => load_household(self.conn(), &id),
            None => Ok(None),
        }
    }

    /// Households whose head's name contains `search`, or whose ID number starts with it.
    pub fn households(&self, search: &str, limit: usize) -> Result<Vec<HouseholdSummary>> {
        let search = search.trim();
        let mut statement = self.conn().prepare(
            "SELECT id, head_name, village, id_number FROM household
             WHERE ?1 = '' OR head_name LIKE '%' || ?1 || '%' OR id_number LIKE ?1 || '%'
             ORDER BY village, head_name LIMIT ?2",
        )?;
        let rows = statement.query_map(params![search, limit as i64], |row| {
            let number: String = row.get(3)?;
            Ok(HouseholdSummary {
                id: row.get(0)?,
                head_name: row.get(1)?,
                village: row.get(2)?,
                id_number_masked: IdNumber::parse(&number)
                    .map(|number| number.masked())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
