//! The latest prints as the screen lists them: one line per print, a village's cards (one record
//! per card in the store) counted on one line, a card named by its household rather than its id.

use crate::i18n::Language;
use crate::store::{PrintLogEntry, Store, StoreError};
use crate::t;

/// How many prints the screen lists.
const LINES: usize = 6;
/// How many records are read for them: a village's cards are one record per card.
const RECORDS: usize = 2000;

/// One print, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintLine {
    pub entry: PrintLogEntry,
    /// Records in this print (cards of a village).
    pub count: usize,
    /// What was printed, in words: a household's name, a village and its count, a case number.
    pub subject: String,
}

/// The latest prints, newest first.
pub fn latest(store: &Store, language: Language) -> Result<Vec<PrintLine>, StoreError> {
    let records = store.print_log(RECORDS)?;
    grouped(&records)
        .into_iter()
        .take(LINES)
        .map(|(entry, count)| {
            Ok(PrintLine {
                subject: subject(store, language, entry, count)?,
                entry: entry.clone(),
                count,
            })
        })
        .collect()
}

/// Records of one print share its time, who, what and where.
fn grouped(log: &[PrintLogEntry]) -> Vec<(&PrintLogEntry, usize)> {
    let mut groups: Vec<(&PrintLogEntry, usize)> = Vec::new();
    for entry in log {
        match groups.last_mut() {
            Some((first, count))
                if first.at == entry.at
                    && first.actor == entry.actor
                    && first.document == entry.document
                    && first.destination == entry.destination =>
            {
                *count += 1;
            }
            _ => groups.push((entry, 1)),
        }
    }
    groups
}

fn subject(
    store: &Store,
    language: Language,
    entry: &PrintLogEntry,
    count: usize,
) -> Result<String, StoreError> {
    if entry.document != "card" {
        return Ok(entry.subject.clone());
    }
    // A card of a household no longer on this terminal is named by its id.
    let Some(household) = store.household(&entry.subject)? else {
        return Ok(entry.subject.clone());
    };
    Ok(if count > 1 {
        t!(
            language,
            "print-screen-log-cards",
            village = household.village.as_str(),
            count = count
        )
    } else {
        t!(
            language,
            "print-screen-log-card",
            name = household.head_name.as_str(),
            village = household.village.as_str()
        )
    })
}

/// "2026-11-27 08:30  孙玥  服务卡 高台村 40 户  1 份 → bianmin-test-pdf".
pub fn line(language: Language, line: &PrintLine) -> String {
    let entry = &line.entry;
    let what = match entry.document.as_str() {
        "card" => t!(language, "print-screen-doc-card"),
        "receipt" if entry.reprint => t!(language, "print-screen-doc-receipt-reprint"),
        "receipt" => t!(language, "print-screen-doc-receipt"),
        "notice" => t!(language, "print-screen-doc-notice"),
        "refusal" => t!(language, "print-screen-doc-refusal"),
        "return" => t!(language, "print-screen-doc-return"),
        "policy-handbook" => t!(language, "print-screen-doc-policy-handbook"),
        "service-handbook" => t!(language, "print-screen-doc-service-handbook"),
        other => other.to_owned(),
    };
    t!(
        language,
        "print-screen-log-entry",
        when = crate::clock::minutes(&entry.at),
        who = entry
            .actor
            .clone()
            .unwrap_or_else(|| t!(language, "print-screen-log-nobody")),
        what = what,
        subject = line.subject.as_str(),
        copies = entry.copies,
        destination = entry.destination.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(at: &str, subject: &str, destination: &str) -> PrintLogEntry {
        PrintLogEntry {
            at: at.into(),
            actor: Some("staff".into()),
            document: "card".into(),
            subject: subject.into(),
            copies: 1,
            destination: destination.into(),
            job: None,
            options: String::new(),
            reprint: false,
        }
    }

    #[test]
    fn the_cards_of_one_print_make_one_line() {
        let log = [
            record("2026-11-27T09:00:00+08:00", "a", "office"),
            record("2026-11-27T09:00:00+08:00", "b", "office"),
            record("2026-11-27T09:00:00+08:00", "c", "/media/usb"),
            record("2026-11-27T08:00:00+08:00", "d", "office"),
        ];
        let counts: Vec<usize> = grouped(&log).into_iter().map(|(_, count)| count).collect();
        assert_eq!(counts, [2, 1, 1]);
    }
}
