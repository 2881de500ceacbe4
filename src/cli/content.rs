//! `bianmin content export|import|history|undo`: the hall's content as the files `assets/content`
//! has, so halls and the county can share it, and its history (see `crate::content_edit`).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Subcommand;
use serde::Serialize;

use crate::content::words::change_line;
use crate::content::{Folder, Shipped};
use crate::content_edit::{self, EditError, words};
use crate::explain::Explain;
use crate::i18n::Language;
use crate::startup::Opened;
use crate::store::Author;
use crate::t;

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Write the content in use into DIR (new or empty): manifest.toml, hall.toml, items/ …
    Export { dir: PathBuf },
    /// Check a content folder, list what it would change, then apply it all or not at all.
    /// Exits non-zero, changing nothing, when the folder has problems (each is printed).
    Import {
        /// A folder with the layout of assets/content.
        #[arg(required_unless_present = "shipped", conflicts_with = "shipped")]
        dir: Option<PathBuf>,
        /// The content this program ships with (a newer program's content is offered this way).
        #[arg(long)]
        shipped: bool,
        /// Keep this hall's own profile, windows, kiosk settings (hall.toml) and villages.
        #[arg(long)]
        keep_hall: bool,
        /// Show what would change; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Apply without asking.
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        by: By,
    },
    /// The content's revisions, newest first: who, when, why, what changed.
    History {
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Bring back the content of an earlier revision (as a new revision).
    Undo {
        revision: i64,
        #[command(flatten)]
        by: By,
    },
}

#[derive(Debug, clap::Args)]
pub struct By {
    /// Who makes the change, for the history (default: the system user). An account's login
    /// records that account's name.
    #[arg(long, value_name = "LOGIN")]
    actor: Option<String>,
}

pub fn run(mut opened: Opened, command: ContentCommand) -> Result<()> {
    let language = Language::from_environment();
    let now = crate::clock::now();
    let failed = |error: EditError| -> anyhow::Error {
        if let EditError::Content(problems) = &error {
            for problem in problems {
                eprintln!("{}", problem.words(language));
            }
        }
        tracing::warn!(?error, "content command refused");
        anyhow::anyhow!(error.words(language))
    };
    match command {
        ContentCommand::Export { dir } => {
            let files = content_edit::export(&opened.store, &dir).map_err(failed)?;
            println!(
                "{}",
                t!(
                    language,
                    "content-cli-exported",
                    count = files.0.len(),
                    dir = dir.display().to_string()
                )
            );
            Ok(())
        }
        ContentCommand::Import {
            dir,
            shipped,
            keep_hall,
            dry_run,
            yes,
            by,
        } => {
            let incoming = match (&dir, shipped) {
                (Some(dir), _) => content_edit::read(&Folder(dir.clone())),
                (None, _) => content_edit::read(&Shipped),
            }
            .map_err(failed)?;
            let preview =
                content_edit::preview(&opened.store, incoming, keep_hall).map_err(failed)?;
            if preview.changes.is_empty() {
                println!("{}", t!(language, "content-edit-unchanged"));
                return Ok(());
            }
            println!(
                "{}",
                t!(
                    language,
                    "content-cli-will-change",
                    count = preview.changes.len()
                )
            );
            for change in &preview.changes {
                println!("  {}", change_line(language, change));
            }
            if dry_run {
                return Ok(());
            }
            if !yes && !confirmed(language)? {
                bail!("{}", t!(language, "content-cli-not-applied"));
            }
            let author = author(&opened, by.actor.as_deref())?;
            let saved =
                content_edit::import(&mut opened.store, preview, &author, now).map_err(failed)?;
            println!(
                "{}",
                t!(language, "content-cli-applied", revision = saved.revision)
            );
            Ok(())
        }
        ContentCommand::History { limit, json } => history(&opened, language, limit, json),
        ContentCommand::Undo { revision, by } => {
            let author = author(&opened, by.actor.as_deref())?;
            let saved =
                content_edit::undo(&mut opened.store, revision, &author, now).map_err(failed)?;
            for change in &saved.changes {
                println!("  {}", change_line(language, change));
            }
            println!(
                "{}",
                t!(language, "content-cli-applied", revision = saved.revision)
            );
            Ok(())
        }
    }
}

/// "应用这些改动吗？[y/N]" on a terminal; elsewhere only --yes applies.
fn confirmed(language: Language) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("{}", t!(language, "content-cli-needs-yes"));
    }
    print!("{} ", t!(language, "content-cli-confirm"));
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "是"))
}

/// `--actor LOGIN` (with the account's name when there is one), else the system user.
fn author(opened: &Opened, given: Option<&str>) -> Result<Author> {
    let login = match given.map(str::trim).filter(|login| !login.is_empty()) {
        Some(login) => login.to_owned(),
        None => std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "command line".to_owned()),
    };
    let name = opened
        .store
        .accounts(None)?
        .into_iter()
        .find(|account| account.login == login)
        .map_or_else(|| login.clone(), |account| account.name);
    Ok(Author {
        login: Some(login),
        name,
    })
}

#[derive(Serialize)]
struct HistoryLine {
    revision: i64,
    at: String,
    login: Option<String>,
    name: String,
    reason: &'static str,
    restored: Option<i64>,
    version: String,
    change_count: usize,
    changes: Vec<String>,
}

fn history(opened: &Opened, language: Language, limit: usize, json: bool) -> Result<()> {
    let revisions = opened.store.content_revisions(limit)?;
    if json {
        let lines: Vec<HistoryLine> = revisions
            .iter()
            .map(|revision| HistoryLine {
                revision: revision.id,
                at: revision.at.clone(),
                login: revision.author.login.clone(),
                name: revision.author.name.clone(),
                reason: revision.reason.code(),
                restored: revision.restored,
                version: revision.version.clone(),
                change_count: revision.change_count,
                changes: words::change_lines(language, revision),
            })
            .collect();
        return super::print_json(&lines);
    }
    let mut text = String::new();
    for revision in &revisions {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            revision.id,
            crate::clock::minutes(&revision.at),
            words::author(language, &revision.author),
            words::reason(language, revision)
        ));
        for line in words::change_lines(language, revision) {
            text.push_str(&format!("\t{line}\n"));
        }
    }
    // A closed pipe (`| head`) ends quietly.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
