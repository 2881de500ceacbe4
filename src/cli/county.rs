//! `bianmin county …`: the county's receiver and its staff's tools. These commands use the
//! county's own data directory (`--data`), never a hall's.

use crate::explain::Explain;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::{Result, anyhow};
use clap::Subcommand;

use super::print_json;
use super::sync::language;
use crate::county::server::{ServeOptions, TlsFiles, serve};
use crate::county::{CountyError, CountyStore, DEFAULT_VALID_DAYS, NewDevice, parse_result};
use crate::t;

#[derive(Debug, Subcommand)]
pub enum CountyCommand {
    /// Receive the halls' events over HTTPS (or plain HTTP on a loopback address) until
    /// SIGTERM or SIGINT.
    Serve {
        #[arg(long, value_name = "ADDR")]
        listen: String,
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// Threads (each with its own database connection) for the database work.
        #[arg(long, default_value_t = 4)]
        workers: usize,
        /// The county's certificate chain (PEM); required unless ADDR is a loopback address.
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key (PEM).
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Registered terminals.
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
    /// Record a county decision on a case; it flows back to the hall.
    Decide {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long, value_name = "NUMBER")]
        case: String,
        /// done (已办结) or returned (退回).
        #[arg(long)]
        result: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Import a terminal's USB bundle.
    Import {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        file: PathBuf,
    },
    /// Write the reply bundle for a hall (acks, decisions, the hall's other terminals' events).
    ExportReply {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long, value_name = "CODE")]
        hall: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Counts of events, applications, halls and devices; ratings (好差评) by level, unrated,
    /// 满意度, and 差评 follow-ups open, closed, overdue and their completion.
    Stats {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Register a terminal; prints its token (once) on standard output.
    Add {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long, value_name = "CODE")]
        hall: String,
        #[arg(long)]
        name: String,
        /// The terminal's device code (default: the hall's next free one).
        #[arg(long, value_name = "NN")]
        device: Option<String>,
        /// The token stops working after this many days.
        #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_VALID_DAYS)]
        valid_days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Stop a terminal's token at once (a lost or stolen PC); its records stay.
    Revoke {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long, value_name = "CODE")]
        hall: String,
        #[arg(long, value_name = "NN")]
        device: String,
    },
    /// Give a terminal a new token, printed once; the old one stops working at once.
    Rotate {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long, value_name = "CODE")]
        hall: String,
        #[arg(long, value_name = "NN")]
        device: String,
        #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_VALID_DAYS)]
        valid_days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Registered terminals: hall, device, name, created, expires, revoked, last seen.
    List {
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// A new token: `words` on standard error, the token alone on standard output (once).
fn show_token(device: &NewDevice, words: String, json: bool) -> Result<()> {
    if json {
        return print_json(device);
    }
    eprintln!("{words}");
    println!("{}", device.token);
    Ok(())
}

fn explain(error: CountyError) -> anyhow::Error {
    anyhow!(error.words(language()))
}

pub fn run(command: CountyCommand) -> Result<()> {
    let l = language();
    match command {
        CountyCommand::Serve {
            listen,
            data,
            workers,
            tls_cert,
            tls_key,
        } => {
            let shutdown = Arc::new(AtomicBool::new(false));
            for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
                signal_hook::flag::register(signal, Arc::clone(&shutdown))?;
            }
            let mut options = ServeOptions::new(&listen, &data);
            options.workers = workers;
            options.tls = tls_cert
                .zip(tls_key)
                .map(|(cert, key)| TlsFiles { cert, key });
            serve(&options, shutdown, |addr| {
                println!("{}", t!(l, "county-listening", addr = addr.to_string()));
                let _ = std::io::stdout().flush();
            })
            .map_err(|error| anyhow!(error.words(l)))?;
            // Whoever started the server may have closed its output already.
            let _ = writeln!(std::io::stdout(), "{}", t!(l, "county-stopped"));
            Ok(())
        }
        CountyCommand::Device {
            command:
                DeviceCommand::Add {
                    data,
                    hall,
                    name,
                    device,
                    valid_days,
                    json,
                },
        } => {
            let mut store = CountyStore::open_dir(&data).map_err(explain)?;
            let added = store
                .add_device(hall.trim(), &name, device.as_deref(), Some(valid_days))
                .map_err(explain)?;
            let words = t!(
                l,
                "county-device-added",
                hall = added.hall.as_str(),
                device = added.device.as_str(),
                name = added.name.as_str()
            );
            show_token(&added, words, json)
        }
        CountyCommand::Device {
            command: DeviceCommand::Revoke { data, hall, device },
        } => {
            let mut store = CountyStore::open_dir(&data).map_err(explain)?;
            store
                .revoke_device(hall.trim(), device.trim())
                .map_err(explain)?;
            println!(
                "{}",
                t!(
                    l,
                    "county-device-revoked",
                    hall = hall.trim(),
                    device = device.trim()
                )
            );
            Ok(())
        }
        CountyCommand::Device {
            command:
                DeviceCommand::Rotate {
                    data,
                    hall,
                    device,
                    valid_days,
                    json,
                },
        } => {
            let mut store = CountyStore::open_dir(&data).map_err(explain)?;
            let rotated = store
                .rotate_device(hall.trim(), device.trim(), Some(valid_days))
                .map_err(explain)?;
            let words = t!(
                l,
                "county-device-rotated",
                hall = rotated.hall.as_str(),
                device = rotated.device.as_str()
            );
            show_token(&rotated, words, json)
        }
        CountyCommand::Device {
            command: DeviceCommand::List { data, json },
        } => {
            let store = CountyStore::open_dir(&data).map_err(explain)?;
            let devices = store.devices().map_err(explain)?;
            if json {
                return print_json(&devices);
            }
            for device in devices {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    device.hall,
                    device.device,
                    device.name,
                    device.expires.as_deref().unwrap_or("-"),
                    device.revoked.as_deref().unwrap_or("-"),
                    device.last_seen.as_deref().unwrap_or("-")
                );
            }
            Ok(())
        }
        CountyCommand::Decide {
            data,
            case,
            result,
            note,
        } => {
            let result = parse_result(&result).map_err(explain)?;
            let mut store = CountyStore::open_dir(&data).map_err(explain)?;
            let number: String = case.chars().filter(|c| !c.is_whitespace()).collect();
            store.decide(&number, result, &note).map_err(explain)?;
            println!(
                "{}",
                t!(
                    l,
                    "county-decided",
                    number = number.as_str(),
                    result = result.code()
                )
            );
            Ok(())
        }
        CountyCommand::Import { data, file } => {
            let mut store = CountyStore::open_dir(&data).map_err(explain)?;
            let summary = store.import_bundle(&file).map_err(explain)?;
            println!(
                "{}",
                t!(
                    l,
                    "county-imported",
                    hall = summary.hall.as_str(),
                    device = summary.device.as_str(),
                    accepted = summary.accepted,
                    duplicate = summary.duplicate,
                    rejected = summary.rejected
                )
            );
            Ok(())
        }
        CountyCommand::ExportReply { data, hall, out } => {
            let mut store = CountyStore::open_dir(&data).map_err(explain)?;
            let summary = store.export_reply(hall.trim(), &out).map_err(explain)?;
            println!(
                "{}",
                t!(
                    l,
                    "county-reply-done",
                    hall = summary.hall.as_str(),
                    count = summary.lines,
                    file = out.display().to_string()
                )
            );
            Ok(())
        }
        CountyCommand::Stats { data, json } => {
            let store = CountyStore::open_dir(&data).map_err(explain)?;
            let stats = store.stats().map_err(explain)?;
            if json {
                return print_json(&stats);
            }
            println!(
                "events {}\trejected {}\tapplications {}\thalls {}\tdevices {}",
                stats.events, stats.rejected, stats.applications, stats.halls, stats.devices
            );
            let ratings = &stats.ratings;
            let levels = &ratings.ratings;
            let share = |value: Option<f64>| {
                value.map_or_else(|| "-".to_owned(), |share| format!("{:.1}%", share * 100.0))
            };
            println!(
                "ratings very_satisfied {} satisfied {} basically_satisfied {} dissatisfied {} \
                 very_dissatisfied {}\tunrated {}\tset_aside {}\tsatisfaction {}",
                levels.very_satisfied,
                levels.satisfied,
                levels.basically_satisfied,
                levels.dissatisfied,
                levels.very_dissatisfied,
                ratings.unrated,
                ratings.set_aside,
                share(ratings.satisfaction)
            );
            println!(
                "follow_ups open {}\tclosed {}\toverdue {}\tcompletion {}",
                ratings.follow_ups_open,
                ratings.follow_ups_closed,
                ratings.follow_ups_overdue,
                share(ratings.follow_up_completion)
            );
            Ok(())
        }
    }
}
