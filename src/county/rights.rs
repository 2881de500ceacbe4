//! What a terminal may change: only its own hall's records (ratings and follow-ups of its own
//! cases among them, see `ratings`), and only case numbers that its own device code issued.
//! Judged against the county's view of applications, households and ratings, inside the
//! batch's transaction, before anything is accepted.

use rusqlite::{Connection, OptionalExtension, params};

use super::devices::Device;
use crate::domain::case_number::CaseNumber;
use crate::domain::reference::Reference;
use crate::domain::sync::event::Payload;

/// The county's view of a case: its hall and number.
struct KnownCase {
    hall: String,
    number: Option<String>,
}

fn known_case(conn: &Connection, id: &str) -> rusqlite::Result<Option<KnownCase>> {
    conn.prepare_cached("SELECT hall, number FROM application WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(KnownCase {
                hall: row.get(0)?,
                number: row.get(1)?,
            })
        })
        .optional()
}

/// Refuses a number that this terminal could not have issued: another hall's township code,
/// another terminal's device code, or not a case number at all.
fn own_number(device: &Device, number: &str) -> Result<(), String> {
    let parsed =
        CaseNumber::parse(number).ok_or_else(|| format!("{number} is not a case number"))?;
    if parsed.township() != device.hall || parsed.device() != device.code {
        return Err(format!(
            "case number {number} was not issued by terminal {} of hall {}",
            device.code, device.hall
        ));
    }
    Ok(())
}

/// Refuses a 登记号 that this terminal could not have given.
fn own_reference(device: &Device, reference: &str) -> Result<(), String> {
    let parsed = Reference::parse(reference)
        .ok_or_else(|| format!("{reference} is not a one-time notice reference"))?;
    if !parsed.issued_by(&device.hall, &device.code) {
        return Err(format!(
            "reference {reference} was not given by terminal {} of hall {}",
            device.code, device.hall
        ));
    }
    Ok(())
}

/// A number already given to another case at the county.
fn number_taken(conn: &Connection, number: &str, case_id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM application WHERE number = ?1 AND id <> ?2)")?
        .query_row(params![number, case_id], |row| row.get(0))
}

/// Ok when `device` may record `payload`; otherwise the reason, for the hall's sync screen.
pub(super) fn check(conn: &Connection, device: &Device, payload: &Payload) -> Result<(), String> {
    let db = |error: rusqlite::Error| format!("county database: {error}");
    match payload {
        Payload::HouseholdRegistered(household) => {
            let hall: Option<String> = conn
                .prepare_cached("SELECT hall FROM household WHERE id = ?1")
                .and_then(|mut statement| {
                    statement
                        .query_row([&household.id], |row| row.get(0))
                        .optional()
                })
                .map_err(db)?;
            match hall {
                Some(hall) if hall != device.hall => Err(format!(
                    "household {} belongs to another hall",
                    household.id
                )),
                _ => Ok(()),
            }
        }
        Payload::ApplicationCreated(created) => {
            let case = &created.case;
            if let Some(known) = known_case(conn, &case.id).map_err(db)?
                && known.hall != device.hall
            {
                return Err(format!("case {} belongs to another hall", case.id));
            }
            if let Some(reference) = &case.reference {
                own_reference(device, reference)?;
            }
            if let Some(number) = &case.number {
                own_number(device, number)?;
                if number_taken(conn, number, &case.id).map_err(db)? {
                    return Err(format!(
                        "case number {number} is already used by another case"
                    ));
                }
            }
            Ok(())
        }
        Payload::CountyDecision(_) => Err("only the county decides cases".into()),
        Payload::RatingRecorded(rating) => super::ratings::check_rating(conn, device, rating),
        Payload::FollowUpChanged(follow_up) => {
            super::ratings::check_follow_up(conn, device, follow_up)
        }
        Payload::AccountChanged(account) => {
            if account.login.starts_with('~') || account.login.trim().is_empty() {
                return Err(format!("{:?} is not an account of the hall", account.login));
            }
            Ok(())
        }
        other => {
            let Some(update) = other.case_update() else {
                return Ok(());
            };
            let known = known_case(conn, update.application)
                .map_err(db)?
                .ok_or_else(|| format!("case {} is not known to the county", update.application))?;
            if known.hall != device.hall {
                return Err(format!(
                    "case {} belongs to another hall",
                    update.application
                ));
            }
            match (update.number, known.number.as_deref()) {
                (Some(new), Some(old)) if new != old => Err(format!(
                    "case {} has number {old}, not {new}",
                    update.application
                )),
                // A 待补正 case accepted now: the accepting terminal issues its number.
                (Some(new), None) => {
                    own_number(device, new)?;
                    if number_taken(conn, new, update.application).map_err(db)? {
                        return Err(format!("case number {new} is already used by another case"));
                    }
                    Ok(())
                }
                _ => Ok(()),
            }
        }
    }
}
