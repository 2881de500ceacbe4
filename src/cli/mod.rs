//! The command line: `bianmin [--data-dir DIR] [--kiosk | --display] [--exit-after-first-frame]
//! [COMMAND]`.

use std::path::{Path, PathBuf};
use std::time::Instant;

mod catalog;
mod chars;
mod content;
pub mod county;
mod db;
mod household;
mod print;
mod ratings;
mod records;
mod setup;
mod speak;
mod stats;
mod sync;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::startup;
use crate::ui;

#[derive(Debug, Parser)]
#[command(
    name = "bianmin",
    version,
    about = "便民: township convenience-service hall kiosk"
)]
pub struct Cli {
    /// Use DIR instead of the platform data directory.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Open fullscreen in kiosk mode.
    #[arg(long)]
    pub kiosk: bool,
    /// The hall's public display (公示屏): fullscreen, no input, its pages turning on a timer
    /// (`display_seconds` in the settings file). Runs beside the kiosk or desk on the same data.
    #[arg(long, conflicts_with = "kiosk")]
    pub display: bool,
    /// Start the GUI, print `first_frame_ms=<n>` when the first frame is shown, and exit.
    #[arg(long)]
    pub exit_after_first_frame: bool,
    /// Seconds without input before the "还在吗？" prompt (overrides the hall's setting).
    #[arg(long, value_name = "SECONDS")]
    pub idle_seconds: Option<u32>,
    /// This terminal's settings file (default: settings.toml in the platform config directory,
    /// `~/.config/bianmin/` on Linux).
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The service catalogue.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// The hall's content: export, import (checked, all or nothing), history, undo.
    Content {
        #[command(subcommand)]
        command: content::ContentCommand,
    },
    /// Search items, policies and notices as the kiosk does.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// Accounts of the hall's people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Registered households: list them, add one, import a village roster.
    Household {
        #[command(subcommand)]
        command: HouseholdCommand,
    },
    /// Proxy applications.
    Application {
        #[command(subcommand)]
        command: ApplicationCommand,
    },
    /// Ratings (好差评) given at the kiosk and the desk's 评价器.
    Rating {
        #[command(subcommand)]
        command: ratings::RatingCommand,
    },
    /// 差评 follow-ups (回访/整改) and their appeals.
    FollowUp {
        #[command(subcommand)]
        command: ratings::FollowUpCommand,
    },
    /// Events waiting for the county.
    Outbox {
        #[command(subcommand)]
        command: ListCommand,
    },
    /// This terminal's device code (part of every case number it issues).
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
    /// Print a convenience-service card, a receipt or a handbook, to a PDF file or a printer.
    Print {
        #[command(subcommand)]
        command: PrintCommand,
        #[command(flatten)]
        options: print::PrinterOptions,
    },
    /// Sync with the county: settings, a sync now, status, USB bundles.
    Sync {
        #[command(subcommand)]
        command: sync::SyncCommand,
    },
    /// The county's receiver (uses its own --data directory, not the hall's).
    County {
        #[command(subcommand)]
        command: county::CountyCommand,
    },
    /// Find a rare character (生僻字) by pinyin, by radical and strokes, or by code point.
    Chars(chars::CharsArgs),
    /// What the kiosk's 朗读 says for a text: a WAV file (--out) and/or its pinyin (--pinyin).
    Speak(speak::SpeakArgs),
    /// The database: a backup, a restore from one, a health check.
    Db {
        #[command(subcommand)]
        command: db::DbCommand,
    },
    /// First set-up without a screen: the hall's profile, the device code and the first admin
    /// (password on standard input).
    Setup(setup::SetupArgs),
    /// Statistics of a period (this month by default) and the monthly report.
    Stats(stats::StatsArgs),
    /// Training data.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an active account; the password is read from standard input, never from an argument.
    Add {
        #[arg(long, value_parser = ["agent", "staff", "admin"])]
        role: String,
        #[arg(long)]
        account: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        phone: String,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HouseholdCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Register one household with the desk form's checks; prints its id (the existing
    /// household's id when the head's ID number is registered already).
    Add {
        /// 户主姓名
        #[arg(long)]
        head: String,
        /// The head's 居民身份证号码 (18 characters, or 15 for an old card).
        #[arg(long = "id-number")]
        id_number: String,
        /// The village, as on the hall's list of villages.
        #[arg(long)]
        village: String,
        /// 村民小组 number.
        #[arg(long)]
        group: String,
        /// A mobile or a landline with its area code.
        #[arg(long)]
        phone: String,
        /// A household member as "NAME,ID-NUMBER,RELATION" (e.g. "李玥,11010519491231002X,配偶");
        /// repeat for each member.
        #[arg(long = "member")]
        members: Vec<String>,
    },
    /// Import a village roster (花名册) from CSV (UTF-8 or GBK) or XLSX: every row is checked and
    /// reported by its row number; the households are registered all together or not at all.
    /// Exits non-zero when anything is refused.
    Import {
        file: PathBuf,
        /// Check only; register nothing.
        #[arg(long)]
        dry_run: bool,
        /// The report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApplicationCommand {
    List {
        #[arg(long)]
        json: bool,
        /// awaiting_correction, accepted, in_progress, reported_to_county, completed, returned, refused
        #[arg(long)]
        state: Option<String>,
        /// Only open cases past their due date.
        #[arg(long)]
        overdue: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// 便民服务卡 for one household (--household) or every household of a village (--village).
    Card {
        #[arg(long, value_name = "ID")]
        household: Option<String>,
        #[arg(long, value_name = "NAME")]
        village: Option<String>,
        /// `a4`: ten cards per A4 sheet with crop marks, backs aligned for duplex.
        #[arg(long, value_name = "SHEET")]
        sheet: Option<String>,
        #[command(flatten)]
        destination: print::Destination,
    },
    /// The document that fits a case: 受理回执 (补打 once completed), the 一次性告知单 of a 待补正
    /// case, the 不予受理告知书 of a refused case or the 退回通知书 of a returned one.
    Receipt {
        /// The case number, the 登记号 of a 待补正 case (the `reference` of `application list`),
        /// or the case's id.
        #[arg(long, value_name = "REFERENCE")]
        application: String,
        #[command(flatten)]
        destination: print::Destination,
    },
    /// The latest prints: who printed what, when, and where it went.
    Log {
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// 《惠农政策补贴手册》 (policy) or 《便民服务手册》 (service), A5.
    Handbook {
        #[arg(value_parser = ["policy", "service"])]
        kind: String,
        /// Impose the A5 pages two to a landscape A4 sheet, in signatures of at most 8 sheets
        /// (32 pages), inner sheets moved 0.1 mm per sheet towards the fold (creep). Print
        /// two-sided, turned on the SHORT edge (implied with --printer). Fold each signature's
        /// stack in half along the middle, staple it twice on the fold, and stack the signatures
        /// in order.
        #[arg(long)]
        booklet: bool,
        #[command(flatten)]
        destination: print::Destination,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Show the device code, or set it (two digits, 01–99, unique among the hall's terminals).
    Code { code: Option<String> },
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Fill an EMPTY data directory with realistic training data and mark it as training data.
    Seed {
        #[arg(long)]
        households: usize,
        #[arg(long)]
        applications: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Save applications one by one, printing each case id once it is committed (crash tests).
    #[command(hide = true)]
    Stress {
        #[arg(long)]
        count: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List the service items.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check a content folder (the layout of assets/content); exit non-zero on errors.
    Check { dir: PathBuf },
}

pub fn run(cli: Cli, started: Instant) -> Result<()> {
    if let Some(Command::Catalog {
        command: CatalogCommand::Check { dir },
    }) = &cli.command
    {
        return catalog::check(dir);
    }
    if let Some(Command::Chars(_)) = &cli.command {
        let Some(Command::Chars(args)) = cli.command else {
            unreachable!("matched above")
        };
        return chars::run(args);
    }
    if let Some(Command::Speak(_)) = &cli.command {
        let settings_file = cli.settings.clone().or_else(crate::settings::default_path);
        let settings = terminal_settings(settings_file.as_deref());
        let Some(Command::Speak(args)) = cli.command else {
            unreachable!("matched above")
        };
        return speak::run(args, &settings);
    }
    if let Some(Command::County { .. }) = &cli.command {
        let Some(Command::County { command }) = cli.command else {
            unreachable!("matched above")
        };
        crate::logging::init_stderr();
        return county::run(command);
    }

    let data_dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => startup::default_data_dir().context("no platform data directory")?,
    };
    let _log = crate::logging::init(&data_dir);
    if let Some(Command::Db { .. }) = &cli.command {
        let Some(Command::Db { command }) = cli.command else {
            unreachable!("matched above")
        };
        return db::run(&data_dir, command);
    }
    if let Some(Command::Setup(_)) = &cli.command {
        let Some(Command::Setup(args)) = cli.command else {
            unreachable!("matched above")
        };
        return setup::run(&data_dir, args);
    }
    // Before anything is opened or drawn: a second window on the same data is turned away.
    // The display only reads, so it may run beside the window.
    let _window_lock = match &cli.command {
        None if !cli.display => Some(window_lock(&data_dir)?),
        _ => None,
    };
    if cli.command.is_none() {
        // The window's text engine scans the installed fonts and takes the bundled ones: on
        // another core while the data opens, so the first frame waits for neither in turn.
        std::thread::spawn(ui::fonts::register);
    }
    let opened = match startup::open(&data_dir) {
        Ok(opened) => opened,
        Err(startup::StartupError::Store(crate::store::StoreError::Upgrade(failed))) => {
            tracing::error!(error = %failed, "database upgrade failed");
            anyhow::bail!("{}", upgrade_failed(&failed))
        }
        Err(error) => {
            return Err(error)
                .with_context(|| format!("opening the data in {}", data_dir.display()));
        }
    };
    for problem in &opened.problems {
        tracing::warn!(%problem, "content problem");
        eprintln!("{problem}");
    }

    match cli.command {
        None if cli.display => {
            let settings_file = cli.settings.clone().or_else(crate::settings::default_path);
            let settings = terminal_settings(settings_file.as_deref());
            let options = ui::display::Options {
                every: settings.display_rotation(),
                language: settings
                    .language
                    .unwrap_or(opened.content.kiosk.default_language),
                exit_after_first_frame: cli.exit_after_first_frame,
                started,
            };
            tracing::info!(data_dir = %data_dir.display(), "public display started");
            let display = ui::display::Display::new(opened.content, opened.store, options);
            ui::display::run(display).context("running the public display")
        }
        None => {
            let settings_file = cli.settings.clone().or_else(crate::settings::default_path);
            let settings = terminal_settings(settings_file.as_deref());
            let mut opened = opened;
            settings.apply(&mut opened.content.kiosk);
            let options = ui::Options {
                kiosk: cli.kiosk,
                exit_after_first_frame: cli.exit_after_first_frame,
                started,
                idle_seconds: cli.idle_seconds,
            };
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                data_dir = %data_dir.display(),
                kiosk = cli.kiosk,
                "window started"
            );
            crate::daily_backup::spawn(data_dir.clone());
            let speech = crate::speech::Speech::from_settings(&settings);
            let app = ui::App::new(opened.content, opened.store, opened.problems, options)
                .with_speech(speech)
                .with_settings(settings.printer, settings_file)
                .with_service_manager(crate::service_manager::Notifier::from_environment());
            ui::run(app, options).context("running the kiosk window")
        }
        Some(Command::Catalog {
            command: CatalogCommand::List { json },
        }) => catalog::list_catalog(&opened.content, json),
        Some(Command::Content { command }) => content::run(opened, command),
        Some(Command::Search { query, json }) => catalog::search(&opened.content, &query, json),
        Some(Command::User { command }) => records::user(opened, command),
        Some(Command::Household { command }) => household::run(opened, command),
        Some(Command::Application { command }) => records::application(opened, command),
        Some(Command::Outbox { command }) => records::outbox(opened, command),
        Some(Command::Rating { command }) => ratings::rating(opened, command),
        Some(Command::FollowUp { command }) => ratings::follow_up(opened, command),
        Some(Command::Device { command }) => records::device(opened, command),
        Some(Command::Print { command, options }) => print::run(opened, command, options),
        Some(Command::Demo { command }) => records::demo(opened, command),
        Some(Command::Sync { command }) => sync::run(opened, command),
        Some(Command::Stats(args)) => stats::run(opened, args),
        Some(
            Command::County { .. }
            | Command::Db { .. }
            | Command::Setup(_)
            | Command::Chars(_)
            | Command::Speak(_),
        ) => {
            unreachable!("handled above")
        }
        Some(Command::Catalog {
            command: CatalogCommand::Check { .. },
        }) => unreachable!("handled above"),
    }
}

/// A failed upgrade in both languages, with the detail.
fn upgrade_failed(failed: &crate::store::UpgradeError) -> String {
    use crate::i18n::Language;
    let backup = failed
        .backup
        .as_ref()
        .map_or_else(|| "—".to_owned(), |path| path.display().to_string());
    let words = |language| {
        crate::t!(
            language,
            "db-upgrade-failed",
            step = failed.step.to_string(),
            backup = backup.as_str()
        )
    };
    format!(
        "{}\n{}\n{failed}",
        words(Language::ZhCn),
        words(Language::En)
    )
}

/// The window's lock on the data directory, or a message saying another window holds it.
fn window_lock(data_dir: &std::path::Path) -> Result<crate::dir_lock::DirLock> {
    use crate::i18n::Language;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let path = data_dir.join(startup::GUI_LOCK_FILE);
    match crate::dir_lock::DirLock::try_acquire(&path) {
        Ok(Some(lock)) => Ok(lock),
        Ok(None) => {
            tracing::warn!(data_dir = %data_dir.display(), "a second window was refused");
            anyhow::bail!(
                "{}\n{}",
                crate::t!(Language::ZhCn, "gui-already-running"),
                crate::t!(Language::En, "gui-already-running")
            )
        }
        Err(error) => Err(error).with_context(|| format!("locking {}", path.display())),
    }
}

/// Prints JSON to standard output; a closed pipe (`| head`) ends quietly instead of panicking.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out));
    match written {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// This terminal's settings; a wrong field keeps its default and is logged.
fn terminal_settings(path: Option<&Path>) -> crate::settings::Settings {
    let Some(path) = path else {
        tracing::warn!("no platform config directory: the hall's defaults apply");
        return crate::settings::Settings::default();
    };
    let loaded = crate::settings::load(path);
    for warning in &loaded.warnings {
        tracing::warn!(file = %path.display(), %warning, "a setting keeps its default");
        eprintln!("{}: {warning}", path.display());
    }
    loaded.settings
}
