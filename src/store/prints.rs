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
    /// The print service's job id (none for a file).
    pub job: Option<String>,
    /// What was asked of the printer: `booklet`, `duplex-long-edge`/`duplex-short-edge`,
    /// `media=A4`…, space-separated.
    pub options: String,
    /// A receipt printed again (补打).
    pub reprint: bool,
}

/// One line of the print log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintLogEntry {
    pub at: String,
    /// The account's name, or for a command-line print the `--actor` or the system user.
    pub actor: Option<String>,
    pub document: String,
    pub subject: String,
    pub copies: u32,
    pub destination: String,
    pub job: Option<String>,
    pub options: String,
    pub reprint: bool,
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

    /// The household a card number was issued to on this terminal's records.
    pub fn household_by_card(&self, number: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT household FROM card WHERE number = ?1",
                [number],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Records prints in one transaction, issuing the numbers of `cards` printed for the first
    /// time.
    pub fn record_prints(
        &mut self,
        at: Timestamp,
        actor: Option<i64>,
        actor_name: Option<&str>,
        prints: &[PrintRecord],
        cards: &[CardRecord],
    ) -> Result<()> {
        let tx = self.write()?;
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
                "INSERT INTO print_log (at, actor, document, subject, copies, destination, job,
                    options, actor_name, reprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for print in prints {
                log.execute(params![
                    at,
                    actor,
                    print.document,
                    print.subject,
                    print.copies,
                    print.destination,
                    print.job,
                    print.options,
                    actor_name,
                    print.reprint
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How many times `document` of `subject` was printed before.
    pub fn times_printed(&self, document: &str, subject: &str) -> Result<u32> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM print_log WHERE document = ?1 AND subject = ?2",
            [document, subject],
            |row| row.get(0),
        )?)
    }

    /// The latest prints, newest first.
    pub fn print_log(&self, limit: usize) -> Result<Vec<PrintLogEntry>> {
        let mut statement = self.conn().prepare(
            "SELECT p.at, COALESCE(a.name, p.actor_name), p.document, p.subject, p.copies,
                p.destination, p.job, p.options, p.reprint
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
                job: row.get(6)?,
                options: row.get(7)?,
                reprint: row.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
