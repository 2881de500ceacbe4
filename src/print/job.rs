//! A print job from choice to record: which document, its laid-out pages (what the preview shows
//! and the PDF draws), and delivery to a printer, a folder or a file, recorded in the store with
//! who printed it. The command line and the desk's print screen both go through here.

use std::path::{Path, PathBuf};

use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::application::CaseState;
use crate::i18n::Language;
use crate::store::{CardRecord, PrintRecord, Store};
use crate::t;

use super::card::{CardLayout, cards_document, cards_of_village, household_card};
use super::cups::{self, Sides, Target};
use super::handbook::{HandbookKind, impose_booklet};
use super::page::Document;
use super::receipt::{find_case, receipt_document};
use super::{PrintError, pdf};

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
        match self {
            PrintJob::Card { household, layout } => {
                let (cards, name) = household_card(store, content, household)?;
                let title = t!(language, "card-document-title", name = name.as_str());
                cards_document(store, content, &cards, *layout, title, at)
            }
            PrintJob::VillageCards { village, layout } => {
                let cards = cards_of_village(store, content, village)?;
                let title = t!(language, "card-document-title", name = village.trim());
                cards_document(store, content, &cards, *layout, title, at)
            }
            PrintJob::Receipt { case } => receipt_document(store, content, case, language, at),
            PrintJob::Handbook { kind, booklet } => {
                let document = kind.document(content, at);
                Ok(if *booklet {
                    impose_booklet(document)
                } else {
                    document
                })
            }
        }
    }

    /// What the print log will say was printed, and the cards whose numbers it issues.
    fn records(
        &self,
        store: &Store,
        content: &Content,
        copies: u32,
        destination: &str,
    ) -> Result<(Vec<PrintRecord>, Vec<CardRecord>), PrintError> {
        let record = |document: &str, subject: String| PrintRecord {
            document: document.to_owned(),
            subject,
            copies,
            destination: destination.to_owned(),
        };
        let cards = match self {
            PrintJob::Card { household, .. } => household_card(store, content, household)?.0,
            PrintJob::VillageCards { village, .. } => cards_of_village(store, content, village)?,
            PrintJob::Receipt { case } => {
                let case = find_case(store, case)?;
                let kind = match case.state {
                    CaseState::AwaitingCorrection => "notice",
                    _ => "receipt",
                };
                return Ok((vec![record(kind, case.number.unwrap_or(case.id))], vec![]));
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

/// A document drawn as PDF, ready to go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    pub title: String,
    pub bytes: Vec<u8>,
}

impl RenderedPdf {
    /// Draws `document`; the slow part of printing, safe to run on another thread.
    pub fn render(document: &Document) -> Result<RenderedPdf, PrintError> {
        Ok(RenderedPdf {
            title: document.title.clone(),
            bytes: pdf::render(document)?,
        })
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
    actor: Option<i64>,
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
    actor: Option<i64>,
    at: Timestamp,
) -> Result<Delivered, PrintError> {
    let pdf = &rendered.bytes;
    let (delivered, copies, destination) = match target {
        Target::Printer {
            name,
            copies,
            duplex,
        } => {
            let sides = match (duplex, job) {
                (false, _) => Sides::One,
                (true, PrintJob::Handbook { booklet: true, .. }) => Sides::ShortEdge,
                (true, _) => Sides::LongEdge,
            };
            let job = cups::send(name, *copies, sides, &rendered.title, pdf)?;
            let delivered = Delivered::Printed {
                printer: name.clone(),
                job,
            };
            (delivered, *copies, name.clone())
        }
        Target::Folder(folder) => {
            let path = folder.join(file_name(&rendered.title, at));
            cups::write_file(&path, pdf)?;
            let shown = path.display().to_string();
            (Delivered::Saved(path), 1, shown)
        }
        Target::File(path) => {
            cups::write_file(path, pdf)?;
            (
                Delivered::Saved(path.clone()),
                1,
                path.display().to_string(),
            )
        }
    };
    let (prints, cards) = job.records(store, content, copies, &destination)?;
    store.record_prints(at, actor, &prints, &cards)?;
    for print in &prints {
        tracing::info!(
            document = %print.document,
            subject = %print.subject,
            copies = print.copies,
            destination = %print.destination,
            actor,
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
