//! The command line: `bianmin [--data-dir DIR] [--kiosk] [--exit-after-first-frame] [COMMAND]`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::content;
use crate::domain::search::SearchIndex;
use crate::domain::{Content, ServiceItem};
use crate::i18n::Language;
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
    /// Start the GUI, print `first_frame_ms=<n>` when the first frame is shown, and exit.
    #[arg(long)]
    pub exit_after_first_frame: bool,
    /// Seconds without input before the "还在吗？" prompt (overrides the hall's setting).
    #[arg(long, value_name = "SECONDS")]
    pub idle_seconds: Option<u32>,
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
    /// Search items, policies and notices as the kiosk does.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
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
        return check(dir);
    }

    let data_dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => startup::default_data_dir().context("no platform data directory")?,
    };
    let opened = startup::open(&data_dir)
        .with_context(|| format!("opening the data in {}", data_dir.display()))?;
    for problem in &opened.problems {
        eprintln!("{problem}");
    }

    match cli.command {
        None => {
            let options = ui::Options {
                kiosk: cli.kiosk,
                exit_after_first_frame: cli.exit_after_first_frame,
                started,
                idle_seconds: cli.idle_seconds,
            };
            let app = ui::App::new(opened.content, opened.problems, options);
            ui::run(app, options).context("running the kiosk window")
        }
        Some(Command::Catalog {
            command: CatalogCommand::List { json },
        }) => list_catalog(&opened.content, json),
        Some(Command::Search { query, json }) => search(&opened.content, &query, json),
        Some(Command::Catalog {
            command: CatalogCommand::Check { .. },
        }) => unreachable!("handled above"),
    }
}

fn check(dir: &std::path::Path) -> Result<()> {
    match content::load_dir(dir) {
        Ok(content) => {
            println!(
                "{}: {} items, {} policies, {} notices (version {})",
                dir.display(),
                content.items.len(),
                content.policies.len(),
                content.notices.len(),
                content.version
            );
            Ok(())
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            bail!("{} problem(s) in {}", errors.len(), dir.display())
        }
    }
}

#[derive(Serialize)]
struct MaterialRow<'a> {
    name: &'a str,
    required: bool,
}

#[derive(Serialize)]
struct ItemRow<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    category: &'a str,
    department: &'a str,
    promised_days: u32,
    legal_days: Option<u32>,
    materials: Vec<MaterialRow<'a>>,
    steps: Vec<&'a str>,
}

impl<'a> From<&'a ServiceItem> for ItemRow<'a> {
    fn from(item: &'a ServiceItem) -> Self {
        ItemRow {
            id: &item.id,
            name: &item.name,
            name_en: &item.name_en,
            category: &item.category,
            department: &item.department,
            promised_days: item.promised_days,
            legal_days: item.legal_days,
            materials: item
                .materials
                .iter()
                .map(|material| MaterialRow {
                    name: &material.name,
                    required: material.required,
                })
                .collect(),
            steps: item.steps.iter().map(|step| step.title.as_str()).collect(),
        }
    }
}

fn list_catalog(content: &Content, json: bool) -> Result<()> {
    if json {
        let rows: Vec<ItemRow<'_>> = content.items.iter().map(ItemRow::from).collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for item in &content.items {
            println!("{:>2}  {:<36} {}", item.number, item.id, item.name);
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct HitRow<'a> {
    kind: crate::domain::search::HitKind,
    id: &'a str,
    title: &'a str,
}

fn search(content: &Content, query: &str, json: bool) -> Result<()> {
    let hits = SearchIndex::build(content).search(query, 50);
    if json {
        let rows: Vec<HitRow<'_>> = hits
            .iter()
            .map(|hit| HitRow {
                kind: hit.kind,
                id: &hit.id,
                title: &hit.title,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for hit in &hits {
            println!("{:?}\t{}\t{}", hit.kind, hit.id, hit.title);
        }
        if hits.is_empty() {
            eprintln!("{}", crate::t!(Language::ZhCn, "search-none"));
        }
    }
    Ok(())
}
