//! `bianmin stats`: the statistics of a period, as a table or JSON; `bianmin stats report`: a
//! month's report as PDF and CSV files.

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::{Map, Value, json};

use crate::clock;
use crate::domain::rating::RatingLevel;
use crate::domain::stats::{Dimension, Line, Period, PeriodProblem, Statistics};
use crate::explain::Explain;
use crate::i18n::Language;
use crate::print::cups::write_file;
use crate::print::report::MonthlyReport;
use crate::print::report::words::{self, percent};
use crate::startup::Opened;
use crate::t;

/// The period: this month by default, or --day, --month, --year, or --from with --to.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatsArgs {
    #[command(subcommand)]
    pub command: Option<StatsCommand>,
    /// Print JSON: accepted, completed, in_progress, overdue, ratings (by level, and unrated),
    /// satisfaction (0–1, null without ratings), follow_ups_open, and the breakdowns.
    #[arg(long)]
    pub json: bool,
    /// The first day, YYYY-MM-DD (with --to).
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// The last day, YYYY-MM-DD, included (with --from).
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// One day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "month", "year"])]
    pub day: Option<String>,
    /// One month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "year"])]
    pub month: Option<String>,
    /// One year, YYYY.
    #[arg(long, value_name = "YYYY", conflicts_with = "from")]
    pub year: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// A month's report: the PDF (figures, charts and tables, set like the handbooks) and/or
    /// the CSV (UTF-8 with BOM, one row per line of each breakdown). Prints the files written.
    Report {
        /// The month, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// Write the PDF here.
        #[arg(long, value_name = "FILE", required_unless_present = "csv")]
        pdf: Option<PathBuf>,
        /// Write the CSV here.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
}

pub fn run(opened: Opened, args: StatsArgs) -> Result<()> {
    let language = opened.content.kiosk.default_language;
    let now = clock::now();
    let today = now.date_naive();
    let words = |problem: PeriodProblem| anyhow!(problem.words(language));
    if let Some(StatsCommand::Report { month, pdf, csv }) = args.command {
        let month = Period::parse_month(&month).map_err(words)?;
        let report = MonthlyReport::count(&opened.store, &opened.content, &month, today)
            .map_err(|error| anyhow!(error.words(language)))?;
        if let Some(path) = pdf {
            let bytes = report
                .pdf(now)
                .map_err(|error| anyhow!(error.words(language)))?;
            write_file(&path, &bytes).map_err(|error| anyhow!(error.words(language)))?;
            println!("{}", path.display());
        }
        if let Some(path) = csv {
            write_file(&path, &report.csv()).map_err(|error| anyhow!(error.words(language)))?;
            println!("{}", path.display());
        }
        return Ok(());
    }
    let period = period(&args, today).map_err(words)?;
    let statistics = opened
        .store
        .statistics(&period, today, &opened.content)
        .map_err(|error| anyhow!(error.words(language)))?;
    if args.json {
        return super::print_json(&to_json(&statistics));
    }
    print!("{}", table(&statistics, language));
    Ok(())
}

fn period(args: &StatsArgs, today: NaiveDate) -> Result<Period, PeriodProblem> {
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        return Period::custom(Period::parse_date(from)?, Period::parse_date(to)?);
    }
    if let Some(day) = &args.day {
        return Ok(Period::day(Period::parse_date(day)?));
    }
    if let Some(month) = &args.month {
        return Period::parse_month(month);
    }
    if let Some(year) = &args.year {
        return Period::parse_year(year);
    }
    Ok(Period::this_month(today))
}

/// The JSON the command prints; its keys are part of the command line's interface.
pub fn to_json(statistics: &Statistics) -> Value {
    let cases = &statistics.cases;
    let ratings = &statistics.ratings;
    let follow_ups = &statistics.follow_ups;
    let mut by_level = Map::new();
    for level in RatingLevel::ALL {
        by_level.insert(level.code().to_owned(), json!(ratings.of(level)));
    }
    by_level.insert("unrated".to_owned(), json!(ratings.unrated));
    let mut value = json!({
        "from": statistics.period.first(),
        "to": statistics.period.last(),
        "as_of": statistics.as_of,
        "accepted": cases.accepted,
        "completed": cases.completed,
        "completed_on_time": cases.completed_on_time,
        "returned": cases.returned,
        "refused": cases.refused,
        "in_progress": cases.in_progress,
        "overdue": cases.overdue,
        "awaiting_correction": cases.awaiting_correction,
        "ratings": by_level,
        "ratings_given": ratings.given(),
        "bad_ratings": ratings.bad(),
        "ratings_set_aside": ratings.set_aside,
        "satisfaction": ratings.satisfaction(),
        "follow_ups_open": follow_ups.open,
        "follow_ups": {
            "opened": follow_ups.opened,
            "closed": follow_ups.closed,
            "open": follow_ups.open,
            "overdue": follow_ups.overdue,
            "completion": follow_ups.completion(),
        },
        "series": statistics.series,
    });
    for dimension in Dimension::ALL {
        let lines: Vec<Value> = statistics
            .lines(dimension)
            .iter()
            .map(|line| line_json(dimension, line))
            .collect();
        value[format!("by_{}", dimension.code())] = Value::Array(lines);
    }
    value
}

/// A line's case figures, and its ratings where they are broken down (not by village).
fn line_json(dimension: Dimension, line: &Line) -> Value {
    let mut value = serde_json::to_value(line.cases).unwrap_or_default();
    value["key"] = json!(line.key);
    value["name"] = json!(line.name);
    if dimension == Dimension::Village {
        return value;
    }
    value["ratings_given"] = json!(line.ratings.given());
    value["bad_ratings"] = json!(line.ratings.bad());
    value["unrated"] = json!(line.ratings.unrated);
    value["satisfaction"] = json!(line.ratings.satisfaction());
    value
}

/// The readable table: the period, the figures, ratings, follow-ups, then each breakdown.
fn table(statistics: &Statistics, l: Language) -> String {
    let cases = &statistics.cases;
    let ratings = &statistics.ratings;
    let follow_ups = &statistics.follow_ups;
    let pair = |key: String, value: String| format!("{key} {value}");
    let mut out = String::new();
    out.push_str(&format!(
        "{}（{}）\n\n",
        words::period(l, &statistics.period),
        t!(l, "stats-as-of", date = words::date(l, statistics.as_of))
    ));
    let rows = [
        vec![
            pair(t!(l, "stats-accepted"), cases.accepted.to_string()),
            pair(t!(l, "stats-completed"), cases.completed.to_string()),
            pair(
                t!(l, "stats-on-time-rate"),
                percent(l, cases.on_time_rate()),
            ),
            pair(t!(l, "stats-in-progress"), cases.in_progress.to_string()),
            pair(t!(l, "stats-overdue"), cases.overdue.to_string()),
        ],
        vec![
            pair(
                t!(l, "stats-awaiting"),
                cases.awaiting_correction.to_string(),
            ),
            pair(t!(l, "stats-returned"), cases.returned.to_string()),
            pair(t!(l, "stats-refused"), cases.refused.to_string()),
        ],
        RatingLevel::ALL
            .into_iter()
            .map(|level| {
                pair(
                    crate::ui::rating_words::name(l, level),
                    ratings.of(level).to_string(),
                )
            })
            .chain([
                pair(t!(l, "stats-unrated"), ratings.unrated.to_string()),
                pair(t!(l, "stats-set-aside"), ratings.set_aside.to_string()),
            ])
            .collect(),
        vec![
            pair(
                t!(l, "stats-satisfaction"),
                percent(l, ratings.satisfaction()),
            ),
            pair(t!(l, "stats-bad"), ratings.bad().to_string()),
            pair(
                t!(l, "stats-follow-ups-opened"),
                follow_ups.opened.to_string(),
            ),
            pair(
                t!(l, "stats-completion"),
                percent(l, follow_ups.completion()),
            ),
            pair(t!(l, "stats-follow-ups-open"), follow_ups.open.to_string()),
            pair(
                t!(l, "stats-follow-ups-overdue"),
                follow_ups.overdue.to_string(),
            ),
        ],
    ];
    for row in rows {
        out.push_str(&row.join("　"));
        out.push('\n');
    }
    for dimension in Dimension::ALL {
        let lines = statistics.lines(dimension);
        if lines.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&words::breakdown(l, dimension));
        out.push('\n');
        let mut grid: Vec<Vec<String>> = vec![
            std::iter::once(words::column(l, dimension))
                .chain(
                    words::columns(dimension)
                        .iter()
                        .map(|column| column.heading(l)),
                )
                .collect(),
        ];
        for line in lines {
            grid.push(
                std::iter::once(words::name(l, line).to_owned())
                    .chain(
                        words::columns(dimension)
                            .iter()
                            .map(|column| column.value(l, line)),
                    )
                    .collect(),
            );
        }
        out.push_str(&aligned(&grid));
    }
    out
}

/// Columns padded to the widest cell, counting a Chinese character as two columns of a
/// terminal; the first column left-aligned, the numbers right-aligned.
fn aligned(grid: &[Vec<String>]) -> String {
    let width = |text: &str| -> usize {
        text.chars()
            .map(|ch| if ch.is_ascii() { 1 } else { 2 })
            .sum()
    };
    let columns = grid.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|column| {
            grid.iter()
                .map(|row| width(&row[column]))
                .max()
                .unwrap_or_default()
        })
        .collect();
    let mut out = String::new();
    for row in grid {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                let pad = " ".repeat(widths[column] - width(cell));
                if column == 0 {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_lines_up_chinese_and_digits() {
        let grid = vec![
            vec!["事项".to_owned(), "受理".to_owned()],
            vec!["低保".to_owned(), "12".to_owned()],
            vec!["abc".to_owned(), "3".to_owned()],
        ];
        assert_eq!(aligned(&grid), "事项  受理\n低保    12\nabc      3\n");
    }
}
