//! `print card`, `print receipt` and `print handbook`: a PDF to a file (a folder, a USB stick) or
//! to a printer of the system's print service (CUPS `lp`). Every print is recorded; nothing is
//! written when the household, village or case is unknown.

use crate::explain::Explain;
use std::path::PathBuf;

use anyhow::{Result, bail};

use super::PrintCommand;
use crate::clock;
use crate::print::job::Actor;
use crate::print::{self, CardLayout, Delivered, HandbookKind, PrintJob, Target};
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

/// How many and on which sides, for a printer.
#[derive(Debug, Clone, clap::Args)]
pub struct PrinterOptions {
    /// Copies (1–99), with --printer.
    #[arg(long, global = true, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=99))]
    pub copies: u32,
    /// Print on both sides, turned on the long edge (receipts, notices, card sheets), with
    /// --printer. A handbook printed with --booklet is always two-sided, turned on the short
    /// edge, with or without --duplex.
    #[arg(long, global = true)]
    pub duplex: bool,
    /// Who prints, for the print log (default: the system user running the command). An
    /// account's login links the print to that account.
    #[arg(long, global = true, value_name = "LOGIN")]
    pub actor: Option<String>,
}

pub fn run(mut opened: Opened, command: PrintCommand, options: PrinterOptions) -> Result<()> {
    let language = opened.content.kiosk.default_language;
    if let PrintCommand::Log { limit, json } = command {
        return log(&opened, limit, json);
    }
    let (job, destination) = job(command)?;
    let target = match (destination.out, destination.printer) {
        (Some(path), _) => Target::File(path),
        (None, Some(name)) => Target::Printer {
            name,
            copies: options.copies,
            duplex: options.duplex,
        },
        (None, None) => bail!("give --out FILE or --printer NAME"),
    };
    let now = clock::now();
    let actor = actor(&opened, options.actor.as_deref())?;
    let delivered = job
        .document(&opened.store, &opened.content, language, now)
        .and_then(|document| {
            // Households left off a village's sheet: named on stderr, one line each.
            for entry in &document.skipped {
                eprintln!("{}", print::card::skipped_line_in(language, entry));
            }
            print::deliver(
                &mut opened.store,
                &opened.content,
                &job,
                &document,
                &target,
                &actor,
                now,
            )
        })
        .map_err(|error| anyhow::anyhow!(error.words(language)))?;
    match delivered {
        Delivered::Saved(path) => println!("{}", path.display()),
        Delivered::Printed { job, .. } => println!("{job}"),
    }
    Ok(())
}

/// `--actor LOGIN` (an account's login, else recorded as given), or the system user.
fn actor(opened: &Opened, given: Option<&str>) -> Result<Actor> {
    let name = match given.map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => name.to_owned(),
        None => std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "command line".to_owned()),
    };
    let account = opened
        .store
        .accounts(None)?
        .into_iter()
        .find(|account| account.login == name)
        .map(|account| account.id);
    Ok(Actor {
        account,
        name: Some(name),
    })
}

fn log(opened: &Opened, limit: usize, json: bool) -> Result<()> {
    let entries = opened.store.print_log(limit)?;
    if json {
        return super::print_json(&entries);
    }
    for entry in entries {
        println!(
            "{}\t{}\t{}{}\t{}\t{}×{}\t{}\t{}",
            entry.at,
            entry.actor.as_deref().unwrap_or("-"),
            entry.document,
            if entry.reprint { " (reprint)" } else { "" },
            entry.subject,
            entry.destination,
            entry.copies,
            entry.job.as_deref().unwrap_or("-"),
            entry.options
        );
    }
    Ok(())
}

fn job(command: PrintCommand) -> Result<(PrintJob, Destination)> {
    Ok(match command {
        PrintCommand::Log { .. } => bail!("print log prints nothing"),
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
            let job = match (household, village) {
                (Some(household), None) => PrintJob::Card { household, layout },
                (None, Some(village)) => PrintJob::VillageCards { village, layout },
                _ => bail!("give either --household ID or --village NAME"),
            };
            (job, destination)
        }
        PrintCommand::Receipt {
            application,
            destination,
        } => (PrintJob::Receipt { case: application }, destination),
        PrintCommand::Handbook {
            kind,
            booklet,
            destination,
        } => {
            let kind = match kind.as_str() {
                "policy" => HandbookKind::Policy,
                _ => HandbookKind::Service,
            };
            (PrintJob::Handbook { kind, booklet }, destination)
        }
    })
}
