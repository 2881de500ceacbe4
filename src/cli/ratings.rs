//! `bianmin rating list` and `bianmin follow-up list`: the hall's ratings (好差评) and 差评
//! follow-ups, for scripts and checks.

use anyhow::Result;
use clap::Subcommand;

use super::print_json;
use crate::clock;
use crate::domain::rating::RatingLevel;
use crate::startup::Opened;

#[derive(Debug, Subcommand)]
pub enum RatingCommand {
    /// Ratings given on this terminal or synced to it, newest first (skips as `unrated`).
    List {
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FollowUpCommand {
    /// 差评 follow-ups: open ones by due date, then closed ones newest first.
    List {
        /// Only those not closed yet.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn rating(opened: Opened, command: RatingCommand) -> Result<()> {
    let RatingCommand::List { limit, json } = command;
    let ratings = opened.store.ratings(limit)?;
    if json {
        return print_json(&ratings);
    }
    for rating in ratings {
        let reasons: Vec<&str> = rating.reasons.iter().map(|reason| reason.code()).collect();
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            rating.rated_at,
            rating.case_number.as_deref().unwrap_or("-"),
            rating.level.map_or("unrated", RatingLevel::code),
            rating.channel.code(),
            reasons.join(","),
            rating.device
        );
    }
    Ok(())
}

pub fn follow_up(opened: Opened, command: FollowUpCommand) -> Result<()> {
    let FollowUpCommand::List { open, json } = command;
    let today = clock::now().date_naive();
    let follow_ups = opened.store.follow_ups(open)?;
    if json {
        let rows = follow_ups
            .iter()
            .map(|follow_up| {
                let mut row = serde_json::to_value(follow_up)?;
                row["overdue"] = follow_up.is_overdue(today).into();
                Ok(row)
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        return print_json(&rows);
    }
    for follow_up in follow_ups {
        let rating = &follow_up.rating;
        println!(
            "{}\t{}\t{}\t{}\t{}{}",
            follow_up.due_date,
            follow_up.stage.code(),
            rating.case_number.as_deref().unwrap_or("-"),
            rating.level.map_or("unrated", RatingLevel::code),
            follow_up.notes.len(),
            if follow_up.is_overdue(today) {
                "\toverdue"
            } else {
                ""
            }
        );
    }
    Ok(())
}
