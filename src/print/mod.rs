//! Printed documents: the 受理回执 and 一次性告知单 for a case, and the 便民服务卡 for a household
//! or a whole village, as PDF.
//!
//! Layout is done once into a small page model ([`page`]): text runs, rules, rectangles and QR
//! modules at absolute positions. [`pdf`] draws that model with the bundled Noto Sans CJK SC,
//! embedded as a subset, and a rare character the bundled font lacks with the installed font
//! that draws it ([`fallback`]). Chinese is typeset by [`linebreak`] from the fonts' own advances
//! ([`metrics`]); a character no font can draw stops printing with [`PrintError::MissingGlyphs`]
//! rather than printing a blank or a box.

pub mod card;
pub mod cups;
pub mod fallback;
pub mod flow;
pub mod handbook;
pub mod job;
pub mod linebreak;
pub mod metrics;
pub mod notice;
pub mod page;
pub mod pdf;
pub mod qr;
pub mod receipt;
pub mod report;
pub mod stamp;
pub mod text;

use std::path::PathBuf;

use crate::explain::Explain;
use crate::i18n::Language;
use crate::store::StoreError;
use crate::t;

pub use card::{
    CardLayout, ConvenienceCard, card_pdf, card_pdf_at, village_cards_pdf, village_cards_pdf_at,
};
pub use cups::{Printer, Target};
pub use handbook::{HandbookKind, policy_handbook_pdf, policy_handbook_pdf_at};
pub use job::{Delivered, PrintJob, deliver};
pub use receipt::{receipt_document, receipt_pdf, receipt_pdf_at};

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("no case with the number or id {0}")]
    UnknownCase(String),
    /// The case was closed before it was accepted: it has neither a receipt nor a notice.
    #[error("case {0} was never accepted and needs no correction: there is nothing to print")]
    NothingToPrint(String),
    #[error("no household with the id {0}")]
    UnknownHousehold(String),
    #[error("{0} is not one of the township's villages")]
    UnknownVillage(String),
    #[error("no household of {0} is registered")]
    NoHouseholds(String),
    #[error("the service item {0} is not in the hall's content")]
    UnknownItem(String),
    /// Characters no font can draw (neither the bundled one nor an installed one), once each.
    #[error("no installed font draws {}", list_characters(.0))]
    MissingGlyphs(Vec<char>),
    #[error("the QR code cannot be made: {0}")]
    Qr(String),
    #[error("the PDF cannot be made: {0}")]
    Pdf(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `lp`/`lpstat` are not installed: there is no print service on this computer.
    #[error("there is no print service (CUPS lp) on this computer")]
    NoPrintService,
    /// The print service is installed but not running, or cannot be reached.
    #[error("the print service is not running: {0}")]
    PrintServiceStopped(String),
    #[error("printer {printer} refused the job: {reason}; the document is kept at {}", .kept.display())]
    PrinterRefused {
        printer: String,
        reason: String,
        kept: PathBuf,
    },
    #[error("cannot write {}: {detail}", .path.display())]
    Write { path: PathBuf, detail: String },
}

impl Explain for PrintError {
    fn words(&self, language: Language) -> String {
        match self {
            PrintError::UnknownCase(case) => {
                t!(language, "print-error-unknown-case", case = case.as_str())
            }
            PrintError::NothingToPrint(case) => {
                t!(
                    language,
                    "print-error-nothing-to-print",
                    case = case.as_str()
                )
            }
            PrintError::UnknownHousehold(household) => t!(
                language,
                "print-error-unknown-household",
                household = household.as_str()
            ),
            PrintError::UnknownVillage(village) => t!(
                language,
                "print-error-unknown-village",
                village = village.as_str()
            ),
            PrintError::NoHouseholds(village) => t!(
                language,
                "print-error-no-households",
                village = village.as_str()
            ),
            PrintError::UnknownItem(item) => {
                t!(language, "print-error-unknown-item", item = item.as_str())
            }
            PrintError::MissingGlyphs(characters) => {
                let packages = crate::glyphs::package::packages_for(characters);
                if packages.is_empty() {
                    t!(
                        language,
                        "print-error-missing-glyphs",
                        characters = list_characters(characters)
                    )
                } else {
                    t!(
                        language,
                        "print-error-missing-glyphs-install",
                        characters = list_characters(characters),
                        packages = packages.join(", ")
                    )
                }
            }
            // The library's own (English) detail goes to the log, not into the sentence.
            PrintError::Qr(_) => t!(language, "print-error-qr"),
            PrintError::Pdf(_) => t!(language, "print-error-pdf"),
            PrintError::Store(error) => error.words(language),
            PrintError::NoPrintService => t!(language, "print-error-no-service"),
            PrintError::PrintServiceStopped(_) => t!(language, "print-error-service-stopped"),
            PrintError::PrinterRefused {
                printer,
                reason,
                kept,
            } => t!(
                language,
                "print-error-refused",
                printer = printer.as_str(),
                reason = reason.as_str(),
                kept = kept.display().to_string()
            ),
            PrintError::Write { path, .. } => t!(
                language,
                "print-error-write",
                path = path.display().to_string()
            ),
        }
    }
}

/// `⟨U+30000⟩ ⟨U+E000⟩`: the code point names a character on a screen that cannot show it
/// either.
fn list_characters(characters: &[char]) -> String {
    characters
        .iter()
        .map(|&ch| crate::glyphs::display::code_point(ch))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missing_glyph_message_names_each_code_point_and_the_font_package() {
        // Extension G (fonts-babelstone-han would draw it) and a private use character.
        let error = PrintError::MissingGlyphs(vec!['\u{30000}', '\u{E000}']);
        for language in Language::ALL {
            let message = error.words(language);
            assert!(message.contains("⟨U+30000⟩"), "{message}");
            assert!(message.contains("⟨U+E000⟩"), "{message}");
            assert!(message.contains("fonts-babelstone-han"), "{message}");
            // The characters themselves would be boxes on a screen without their font.
            assert!(!message.contains('\u{30000}'), "{message}");
        }
        assert!(error.words(Language::ZhCn).contains("无法打印"));
        let unknown = PrintError::MissingGlyphs(vec!['\u{E000}']).words(Language::ZhCn);
        assert!(unknown.contains("⟨U+E000⟩"), "{unknown}");
        assert!(!unknown.contains("fonts-"), "{unknown}");
    }
}
