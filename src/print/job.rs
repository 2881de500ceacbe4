//! A print job from choice to record: which document, its laid-out pages (what the preview shows
//! and the PDF draws), and delivery to a printer, a folder or a file, recorded in the store with
//! who printed it. The command line and the desk's print screen both go through here.

use std::path::{Path, PathBuf};

use crate::clock::Timestamp;
use crate::domain::Content;
use crate::i18n::Language;
use crate::store::{CardRecord, PrintRecord, Store};
use crate::t;

use super::card::{
    CardLayout, cards_document, cards_of_village, household_card, printable_cards, skipped_page,
};
use super::cups::{self, Sides, Target};
use super::handbook::{HandbookKind, impose_booklet};
use super::page::{A4, Document};
use super::receipt::{RECEIPT, document_kind, find_case, receipt_document};
use super::stamp::Stamp;
use super::{PrintError, pdf};
use crate::domain::application::CaseState;

/// Which document to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintJob {
    /// One household's card.
    Card {
        household: String,
        layout: CardLayout,
    },
    /// Every household of a village.
    VillageCards {
        village: String,
        layout: CardLayout,
    },
    /// The receipt of an accepted case, or the one-time notice of a case awaiting correction.
    Receipt {
        case: String,
    },
    Handbook {
        kind: HandbookKind,
        booklet: bool,
    },
}

/// The households a document left off, in words for staff (empty when none).
pub fn skipped_message(document: &Document, language: Language) -> Option<String> {
    if document.skipped.is_empty() {
        return None;
    }
    let list = document
        .skipped
        .iter()
        .map(|entry| super::card::skipped_line_in(language, entry))
        .collect::<Vec<_>>()
        .join("；");
    Some(t!(
        language,
        "print-skipped",
        count = document.skipped.len().to_string(),
        list = list
    ))
}

/// Where a delivered document went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// The print service's job id.
    Printed {
        printer: String,
        job: String,
    },
    Saved(PathBuf),
}

impl PrintJob {
    /// The laid-out pages, as the preview shows them and the PDF draws them.
    pub fn document(
        &self,
        store: &Store,
        content: &Content,
        language: Language,
        at: Timestamp,
    ) -> Result<Document, PrintError> {
        let stamp = Stamp::of(content, store)?;
        let mark = |mut document: Document| {
            if let Some(stamp) = stamp {
                stamp.apply(&mut document);
            }
            document
        };
        // A booklet's pages are marked before they are laid out two to a sheet, so the mark
        // sits on each page, not across the fold.
        if let PrintJob::Handbook { kind, booklet } = self {
            let document = mark(kind.document(content, at));
            return Ok(if *booklet {
                impose_booklet(document)
            } else {
                document
            });
        }
        self.unmarked(store, content, language, at).map(mark)
    }

    fn unmarked(
        &self,
        store: &Store,
        content: &Content,
        language: Language,
        at: Timestamp,
    ) -> Result<Document, PrintError> {
        match self {
            PrintJob::Card { household, layout } => {
                let (cards, name) = household_card(store, content, household)?;
                let title = t!(language, "card-document-title", name = name.as_str());
                cards_document(store, content, &cards, *layout, title, at)
            }
            PrintJob::VillageCards { village, layout } => {
                let (cards, skipped) = printable_cards(cards_of_village(store, content, village)?);
                if cards.is_empty() {
                    let mut characters: Vec<char> = Vec::new();
                    for ch in skipped.iter().flat_map(|entry| entry.characters.iter()) {
                        if !characters.contains(ch) {
                            characters.push(*ch);
                        }
                    }
                    return Err(PrintError::MissingGlyphs(characters));
                }
                let title = t!(language, "card-document-title", name = village.trim());
                let mut document = cards_document(store, content, &cards, *layout, title, at)?;
                // A sheet lists the households left off on a page of its own after the cards;
                // a card printer's stack only gets the cards (the list is on screen and stderr).
                if !skipped.is_empty() && *layout == CardLayout::A4Sheet {
                    document
                        .pages
                        .push(skipped_page(A4, &document.title, &skipped));
                }
                document.skipped = skipped;
                Ok(document)
            }
            PrintJob::Receipt { case } => receipt_document(store, content, case, language, at),
            PrintJob::Handbook { kind, .. } => Ok(kind.document(content, at)),
        }
    }

    /// What the print log will say was printed, and the cards whose numbers it issues.
    fn records(
        &self,
        store: &Store,
        content: &Content,
        sent: &Sent,
    ) -> Result<(Vec<PrintRecord>, Vec<CardRecord>), PrintError> {
        let record = |document: &str, subject: String| PrintRecord {
            document: document.to_owned(),
            subject,
            copies: sent.copies,
            destination: sent.destination.clone(),
            job: sent.job.clone(),
            options: sent.options.clone(),
            reprint: false,
        };
        let cards = match self {
            PrintJob::Card { household, .. } => household_card(store, content, household)?.0,
            PrintJob::VillageCards { village, .. } => {
                printable_cards(cards_of_village(store, content, village)?).0
            }
            PrintJob::Receipt { case } => {
                let case = find_case(store, case)?;
                let kind = document_kind(case.state);
                let subject = case.public_reference().to_owned();
                let reprint = kind == RECEIPT
                    && (case.state == CaseState::Completed
                        || store.times_printed(RECEIPT, &subject)? > 0);
                let print = PrintRecord {
                    reprint,
                    ..record(kind, subject)
                };
                return Ok((vec![print], vec![]));
            }
            PrintJob::Handbook { kind, .. } => {
                let document = match kind {
                    HandbookKind::Policy => "policy-handbook",
                    HandbookKind::Service => "service-handbook",
                };
                return Ok((vec![record(document, content.version.clone())], vec![]));
            }
        };
        let prints = cards
            .iter()
            .map(|card| record("card", card.household_id.clone()))
            .collect();
        let issued = cards
            .into_iter()
            .map(|card| CardRecord {
                household: card.household_id,
                number: card.number,
                prints: card.reprints,
            })
            .collect();
        Ok((prints, issued))
    }
}

/// What went out, for the print log.
struct Sent {
    /// The file written, when it went to a file.
    saved: Option<PathBuf>,
    copies: u32,
    destination: String,
    job: Option<String>,
    options: String,
}

/// Who prints: the logged-in account at the desk; on the command line `--actor` or the system
/// user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub account: Option<i64>,
    /// Recorded when there is no account (command-line prints).
    pub name: Option<String>,
}

impl Actor {
    pub fn account(id: i64) -> Actor {
        Actor {
            account: Some(id),
            name: None,
        }
    }
}

/// A document drawn as PDF, ready to go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    pub title: String,
    pub bytes: Vec<u8>,
    /// The paper, as CUPS names it: `A4`, `A5`, `Custom.85.6x54mm`.
    pub media: String,
}

impl RenderedPdf {
    /// Draws `document`; the slow part of printing, safe to run on another thread.
    pub fn render(document: &Document) -> Result<RenderedPdf, PrintError> {
        Ok(RenderedPdf {
            title: document.title.clone(),
            bytes: pdf::render(document)?,
            media: media_of(document),
        })
    }
}

/// The paper of a document's first page, as CUPS names it. A5 booklets imposed on A4 landscape
/// are A4.
pub fn media_of(document: &Document) -> String {
    let Some(page) = document.pages.first() else {
        return "A4".to_owned();
    };
    let (short, long) = (page.width.min(page.height), page.width.max(page.height));
    let mm = |points: f32| points / super::page::MM;
    let near = |a: f32, b: f32| (mm(a) - b).abs() < 1.0;
    if near(short, 210.0) && near(long, 297.0) {
        "A4".to_owned()
    } else if near(short, 148.0) && near(long, 210.0) {
        "A5".to_owned()
    } else {
        format!(
            "Custom.{}x{}mm",
            (mm(page.width) * 10.0).round() / 10.0,
            (mm(page.height) * 10.0).round() / 10.0
        )
    }
}

/// Renders `document` (laid out from `job`) to PDF, sends it to `target` and records the print
/// with `actor`. Nothing is recorded when the document could not be delivered.
pub fn deliver(
    store: &mut Store,
    content: &Content,
    job: &PrintJob,
    document: &Document,
    target: &Target,
    actor: &Actor,
    at: Timestamp,
) -> Result<Delivered, PrintError> {
    let rendered = RenderedPdf::render(document)?;
    deliver_rendered(store, content, job, &rendered, target, actor, at)
}

/// Sends an already rendered `job` to `target` and records the print with `actor`.
pub fn deliver_rendered(
    store: &mut Store,
    content: &Content,
    job: &PrintJob,
    rendered: &RenderedPdf,
    target: &Target,
    actor: &Actor,
    at: Timestamp,
) -> Result<Delivered, PrintError> {
    let pdf = &rendered.bytes;
    let booklet = matches!(job, PrintJob::Handbook { booklet: true, .. });
    let mut options = Vec::new();
    if booklet {
        options.push("booklet".to_owned());
    }
    let sent = match target {
        Target::Printer {
            name,
            copies,
            duplex,
        } => {
            // A booklet is only ever printed on both sides, turned on the short edge.
            let sides = match (duplex, booklet) {
                (_, true) => Sides::ShortEdge,
                (false, false) => Sides::One,
                (true, false) => Sides::LongEdge,
            };
            options.push(sides.name().to_owned());
            options.push(format!("media={}", rendered.media));
            let job = cups::send(name, *copies, sides, &rendered.media, &rendered.title, pdf)?;
            Sent {
                saved: None,
                copies: *copies,
                destination: name.clone(),
                job: Some(job),
                options: options.join(" "),
            }
        }
        Target::Folder(folder) => {
            saved_to(folder.join(file_name(&rendered.title, at)), pdf, &options)?
        }
        Target::File(path) => saved_to(path.clone(), pdf, &options)?,
    };
    let delivered = match (&sent.saved, &sent.job) {
        (Some(path), _) => Delivered::Saved(path.clone()),
        (None, job) => Delivered::Printed {
            printer: sent.destination.clone(),
            job: job.clone().unwrap_or_default(),
        },
    };
    let (prints, cards) = job.records(store, content, &sent)?;
    store.record_prints(at, actor.account, actor.name.as_deref(), &prints, &cards)?;
    for print in &prints {
        tracing::info!(
            document = %print.document,
            subject = %print.subject,
            copies = print.copies,
            destination = %print.destination,
            job = print.job.as_deref().unwrap_or("-"),
            options = %print.options,
            actor = actor.account,
            actor_name = actor.name.as_deref().unwrap_or("-"),
            "printed"
        );
    }
    Ok(delivered)
}

/// "受理回执 62102320220251127010001 2026-11-27 0830.pdf": the title and the time, with
/// characters a USB stick's file system refuses replaced.
pub fn file_name(title: &str, at: Timestamp) -> String {
    let safe: String = title
        .chars()
        .map(|ch| match ch {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            ch if ch.is_control() => '-',
            ch => ch,
        })
        .collect();
    format!("{} {}.pdf", safe.trim(), at.format("%Y-%m-%d %H%M%S"))
}

/// The folder a saved document goes to by default: the user's documents, else the data dir.
pub fn default_folder(data_dir: &Path) -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.document_dir().map(Path::to_path_buf))
        .unwrap_or_else(|| data_dir.to_path_buf())
}

/// A document written to a file instead of a printer.
fn saved_to(path: std::path::PathBuf, pdf: &[u8], options: &[String]) -> Result<Sent, PrintError> {
    cups::write_file(&path, pdf)?;
    Ok(Sent {
        destination: path.display().to_string(),
        saved: Some(path),
        copies: 1,
        job: None,
        options: options.join(" "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_the_title_and_drops_what_file_systems_refuse() {
        let at = crate::clock::now();
        let name = file_name("便民服务卡 高台村/3组: 王堃", at);
        assert!(name.starts_with("便民服务卡 高台村-3组- 王堃 "), "{name}");
        assert!(name.ends_with(".pdf"));
    }
}
