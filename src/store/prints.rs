//! Cards issued and everything printed: who printed what, when, and where it went. A card's
//! number is fixed when it is first printed; every later print of it is a reprint, and the card
//! shows how many times it has been reprinted.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Result, Store};
use crate::clock::Timestamp;

/// A household's card as the next print will show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRecord {
    pub household: String,
    pub number: String,
    /// Earlier prints of this card: 0 for a card never printed, 2 for the second reprint.
    pub prints: u32,
}

/// One print about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintRecord {
    /// What was printed: "card", "receipt", "notice", "policy-handbook", "service-handbook".
    pub document: String,
    /// Which one: a household id, a case number, a handbook's edition.
    pub subject: String,
    pub copies: u32,
    /// A printer's name or the file written.
    pub destination: String,
}

/// One line of the print log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintLogEntry {
    pub at: String,
    pub actor: Option<String>,
    pub document: String,
    pub subject: String,
    pub copies: u32,
    pub destination: String,
}

impl Store {
    /// The cards of `households` in that order: the number a card was issued with, or for a card
    /// never printed the next free number under `prefix` (township + village + device code),
    /// with a 4-digit serial. Nothing is written: numbers are kept by [`Store::record_prints`].
    pub fn cards_for(&self, households: &[String], prefix: &str) -> Result<Vec<CardRecord>> {
        let conn = self.conn();
        let last: Option<String> = conn
            .query_row(
                "SELECT MAX(number) FROM card WHERE number GLOB ?1",
                [format!("{prefix}[0-9][0-9][0-9][0-9]")],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        let mut next = last
            .and_then(|number| number[prefix.len()..].parse::<u32>().ok())
            .unwrap_or(0)
            + 1;
        let mut issued = conn.prepare_cached("SELECT number FROM card WHERE household = ?1")?;
        let mut prints = conn.prepare_cached(
            "SELECT COUNT(*) FROM print_log WHERE document = 'card' AND subject = ?1",
        )?;
        let mut cards = Vec::with_capacity(households.len());
        for household in households {
            let number: Option<String> =
                issued.query_row([household], |row| row.get(0)).optional()?;
            let number = match number {
                Some(number) => number,
                None => {
                    let number = format!("{prefix}{next:04}");
                    next += 1;
                    number
                }
            };
            let prints: u32 = prints.query_row([household], |row| row.get(0))?;
            cards.push(CardRecord {
                household: household.clone(),
                number,
                prints,
            });
        }
        Ok(cards)
    }

    /// Records prints in one transaction, issuing the numbers of `cards` printed for the first
    /// time.
    pub fn record_prints(
        &mut self,
        at: Timestamp,
        actor: Option<i64>,
        prints: &[PrintRecord],
        cards: &[CardRecord],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let at = at.to_rfc3339();
        {
            let mut issue = tx.prepare_cached(
                "INSERT INTO card (household, number, issued_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(household) DO NOTHING",
            )?;
            for card in cards {
                issue.execute(params![card.household, card.number, at])?;
            }
            let mut log = tx.prepare_cached(
                "INSERT INTO print_log (at, actor, document, subject, copies, destination)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for print in prints {
                log.execute(params![
                    at,
                    actor,
                    print.document,
                    print.subject,
                    print.copies,
                    print.destination
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The latest prints, newest first.
    pub fn print_log(&self, limit: usize) -> Result<Vec<PrintLogEntry>> {
        let mut statement = self.conn().prepare(
            "SELECT p.at, a.name, p.document, p.subject, p.copies, p.destination
             FROM print_log p LEFT JOIN account a ON a.id = p.actor
             ORDER BY p.id DESC LIMIT ?1",
        )?;
        let rows = statement.query_map([limit as i64], |row| {
            Ok(PrintLogEntry {
                at: row.get(0)?,
                actor: row.get(1)?,
                document: row.get(2)?,
                subject: row.get(3)?,
                copies: row.get(4)?,
                destination: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
