//! `bianmin sync …`: this terminal's side of syncing with the county.

use crate::explain::Explain;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, anyhow};
use clap::Subcommand;

use super::print_json;
use crate::i18n::Language;
use crate::startup::Opened;
use crate::sync::{self, SyncConfig, SyncError, SyncOptions};
use crate::t;

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Set this terminal's device token and the county's address (none: USB only). The token
    /// is read from a file, or from standard input with `--token-file -`, never from the
    /// command line (where every user of the machine could read it). A terminal with no device
    /// code takes the one the token was made for.
    Config {
        #[arg(long)]
        url: Option<String>,
        #[arg(long, value_name = "FILE")]
        token_file: PathBuf,
        /// The county's certificate (PEM), e.g. a self-signed one: trusted instead of the
        /// public certificate authorities.
        #[arg(long, value_name = "FILE", requires = "url")]
        ca_cert: Option<PathBuf>,
    },
    /// Push this terminal's events and pull the hall's and the county's, once, now.
    Run {
        #[arg(long)]
        json: bool,
        /// The longest one call to the county may take.
        #[arg(long, value_name = "SECONDS", default_value_t = 20)]
        timeout: u64,
    },
    /// Outbox counts, the last error and the last success.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Write every unsent event to a USB bundle for the county.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import the county's reply bundle (all or nothing).
    Import { file: PathBuf },
    /// Cases changed on two terminals while apart, waiting for an agent's choice.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
}

/// The language of command-line messages.
pub(crate) fn language() -> Language {
    Language::from_environment()
}

/// The token from FILE, or from standard input for `-`.
fn read_token(file: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let mut token = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut token)?;
    } else {
        token = std::fs::read_to_string(file)
            .map_err(|error| anyhow!("{}: {error}", file.display()))?;
    }
    Ok(token.trim().to_owned())
}

fn explain(error: SyncError) -> anyhow::Error {
    anyhow!(error.words(language()))
}

pub fn run(mut opened: Opened, command: SyncCommand) -> Result<()> {
    let l = language();
    let store = &mut opened.store;
    match command {
        SyncCommand::Config {
            url,
            token_file,
            ca_cert,
        } => {
            let token = read_token(&token_file)?;
            let mut config = match &url {
                Some(url) => SyncConfig::new(url, &token),
                None => SyncConfig::usb_only(&token),
            }
            .map_err(explain)?;
            if let Some(file) = ca_cert {
                let pem = std::fs::read_to_string(&file)
                    .map_err(|error| anyhow!("{}: {error}", file.display()))?;
                config = config.with_ca_cert(&pem).map_err(explain)?;
            }
            config.save(store).map_err(explain)?;
            let message = match &config.url {
                Some(url) => t!(l, "sync-config-saved", url = url.as_str()),
                None => t!(l, "sync-config-saved-usb"),
            };
            println!("{message}");
            Ok(())
        }
        SyncCommand::Run { json, timeout } => {
            let options = SyncOptions {
                forced: true,
                timeout: Duration::from_secs(timeout.max(1)),
                ..SyncOptions::default()
            };
            let report = sync::sync_store(store, &options).map_err(explain)?;
            if json {
                return print_json(&report);
            }
            println!(
                "{}",
                t!(
                    l,
                    "sync-run-done",
                    pushed = report.pushed,
                    accepted = report.accepted,
                    duplicate = report.duplicate,
                    rejected = report.rejected,
                    pulled = report.pulled,
                    applied = report.applied,
                    conflicts = report.conflicts
                )
            );
            Ok(())
        }
        SyncCommand::Status { json } => {
            let summary = store.sync_summary()?;
            if json {
                return print_json(&summary);
            }
            println!(
                "pending {}\tsending {}\tsent {}\tfailed {}\trejected {}\tconflicts {}",
                summary.pending,
                summary.sending,
                summary.sent,
                summary.failed,
                summary.rejected,
                summary.conflicts
            );
            if let Some(error) = summary.last_error {
                println!("{error}");
            }
            Ok(())
        }
        SyncCommand::Export { out } => {
            let report = sync::export_bundle(store, &out).map_err(explain)?;
            let file = out.display().to_string();
            let message = match (report.first_seq, report.last_seq) {
                (Some(first), Some(last)) => t!(
                    l,
                    "sync-export-done",
                    count = report.count,
                    first = first,
                    last = last,
                    file = file
                ),
                _ => t!(l, "sync-export-empty", file = file),
            };
            println!("{message}");
            Ok(())
        }
        SyncCommand::Import { file } => {
            let report = sync::import_reply(store, &file).map_err(explain)?;
            let acks: u64 = report.acks.accepted + report.acks.duplicate + report.acks.rejected;
            println!(
                "{}",
                t!(
                    l,
                    "sync-import-done",
                    acks = acks,
                    applied = report.applied.applied,
                    conflicts = report.applied.conflicts
                )
            );
            Ok(())
        }
        SyncCommand::Conflicts { json } => {
            let conflicts = store.conflicts()?;
            if json {
                return print_json(&conflicts);
            }
            for conflict in conflicts {
                println!(
                    "{}\t{}\t{}\t{}",
                    conflict.id,
                    conflict
                        .case_number
                        .as_deref()
                        .unwrap_or(&conflict.entity_id),
                    conflict.remote_device,
                    conflict.detected_at
                );
            }
            Ok(())
        }
    }
}
