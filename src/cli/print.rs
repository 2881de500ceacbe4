//! `print card` and `print receipt`: a PDF to a file (a folder, a USB stick) or to a printer of the
//! system's print service (CUPS `lp`). Nothing is written when the household, village or case is
//! unknown.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::PrintCommand;
use crate::i18n::Language;
use crate::print::{self, CardLayout};
use crate::startup::Opened;

/// Where a document goes.
#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Destination {
    /// Write the PDF to this file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Send the PDF to this printer of the system's print service.
    #[arg(long, value_name = "NAME")]
    pub printer: Option<String>,
}

pub fn run(opened: Opened, command: PrintCommand) -> Result<()> {
    let language = opened.content.kiosk.default_language;
    let (pdf, destination) = match command {
        PrintCommand::Card {
            household,
            village,
            sheet,
            destination,
        } => {
            let layout = match sheet.as_deref() {
                None => CardLayout::Single,
                Some("a4") => CardLayout::A4Sheet,
                Some(other) => bail!("unknown sheet {other}; use --sheet a4"),
            };
            let pdf = match (household, village) {
                (Some(household), None) => {
                    print::card_pdf(&opened.store, &opened.content, &household, layout)
                }
                (None, Some(village)) => {
                    print::village_cards_pdf(&opened.store, &opened.content, &village, layout)
                }
                _ => bail!("give either --household ID or --village NAME"),
            };
            (pdf, destination)
        }
        PrintCommand::Receipt {
            application,
            destination,
        } => (
            print::receipt_pdf(&opened.store, &opened.content, &application, language),
            destination,
        ),
    };
    let pdf = pdf.map_err(|error| anyhow::anyhow!(error.localized(language)))?;
    match (destination.out, destination.printer) {
        (Some(path), _) => write_atomically(&path, &pdf),
        (None, Some(printer)) => send_to_printer(&printer, &pdf, language),
        (None, None) => bail!("give --out FILE or --printer NAME"),
    }
}

/// Writes the whole file or nothing: a half-written PDF on a USB stick helps nobody.
fn write_atomically(path: &Path, pdf: &[u8]) -> Result<()> {
    let partial = path.with_extension("pdf.partial");
    std::fs::write(&partial, pdf).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))?;
    println!("{}", path.display());
    Ok(())
}

/// Hands the PDF to CUPS with `lp`; the document is kept in the temp dir when printing fails.
fn send_to_printer(printer: &str, pdf: &[u8], _language: Language) -> Result<()> {
    let file = std::env::temp_dir().join(format!("bianmin-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&file, pdf).with_context(|| format!("writing {}", file.display()))?;
    let output = Command::new("lp")
        .arg("-d")
        .arg(printer)
        .arg(&file)
        .output()
        .with_context(|| {
            format!(
                "the print service (lp) is not available; the document is kept at {}",
                file.display()
            )
        })?;
    if !output.status.success() {
        bail!(
            "printer {printer} refused the job: {}; the document is kept at {}",
            String::from_utf8_lossy(&output.stderr).trim(),
            file.display()
        );
    }
    let _ = std::fs::remove_file(&file);
    println!("{}", String::from_utf8_lossy(&output.stdout).trim());
    Ok(())
}
