//! `household list | add | import`: the desk's household form and village rosters (花名册)
//! from the command line, with the desk's checks and words.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use super::HouseholdCommand;
use super::print_json;
use crate::clock;
use crate::domain::household::{HouseholdField, HouseholdForm, MemberForm};
use crate::domain::roster::{RosterCheck, RosterError, RosterField, RosterProblem};
use crate::explain::{Explain, field_name, shown};
use crate::i18n::Language;
use crate::roster::{self, ApplyError};
use crate::startup::Opened;
use crate::store::Registered;
use crate::t;

pub fn run(opened: Opened, command: HouseholdCommand) -> Result<()> {
    match command {
        HouseholdCommand::List { json } => list(&opened, json),
        HouseholdCommand::Add {
            head,
            id_number,
            village,
            group,
            phone,
            members,
        } => {
            let form = HouseholdForm {
                head_name: head,
                id_number,
                phone,
                village,
                group,
                members: members
                    .iter()
                    .map(|member| member_form(member))
                    .collect::<Result<_>>()?,
            };
            add(opened, &form)
        }
        HouseholdCommand::Import {
            file,
            dry_run,
            json,
        } => import(opened, &file, dry_run, json),
    }
}

fn list(opened: &Opened, json: bool) -> Result<()> {
    let households = opened.store.households("", usize::MAX >> 1)?;
    if json {
        return print_json(&households);
    }
    for household in households {
        println!(
            "{}\t{}\t{}",
            household.head_name, household.village, household.id_number_masked
        );
    }
    Ok(())
}

/// "NAME,ID-NUMBER,RELATION" (a full-width comma too) as the form's member fields.
fn member_form(text: &str) -> Result<MemberForm> {
    let parts: Vec<&str> = text.split([',', '，']).map(str::trim).collect();
    match parts.as_slice() {
        [name, id_number, relation] => Ok(MemberForm {
            name: (*name).to_owned(),
            id_number: (*id_number).to_owned(),
            relation: (*relation).to_owned(),
        }),
        _ => bail!(t!(
            super::sync::language(),
            "household-add-member-format",
            member = text
        )),
    }
}

fn add(mut opened: Opened, form: &HouseholdForm) -> Result<()> {
    let l = super::sync::language();
    let now = clock::now();
    let content = &opened.content;
    let checked = form.check(uuid::Uuid::new_v4().to_string(), now.date_naive(), |name| {
        content.village(name).map(|village| village.groups)
    });
    let household = match checked {
        Ok(household) => household,
        Err(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|(field, error)| format!("{}：{}", field_label(l, *field), error.words(l)))
                .collect();
            bail!("{}\n{}", t!(l, "household-add-refused"), lines.join("\n"));
        }
    };
    let registered = opened
        .store
        .register_household_as(&household, None, now)
        .map_err(|error| anyhow!(shown(l, &error)))?;
    match registered {
        Registered::Created(household) => println!("{}", household.id),
        Registered::Existing(household) => {
            eprintln!(
                "{}",
                t!(
                    l,
                    "household-add-existing",
                    household = household.id.as_str()
                )
            );
            println!("{}", household.id);
        }
    }
    Ok(())
}

/// A form field as staff call it; members are counted from 1.
fn field_label(language: Language, field: HouseholdField) -> String {
    let member = |index: usize, field: RosterField| {
        format!(
            "{} · {}",
            t!(
                language,
                "household-member",
                number = (index + 1).to_string()
            ),
            field_name(language, field)
        )
    };
    match field {
        HouseholdField::HeadName => field_name(language, RosterField::HeadName),
        HouseholdField::IdNumber => field_name(language, RosterField::IdNumber),
        HouseholdField::Phone => field_name(language, RosterField::Phone),
        HouseholdField::Village => field_name(language, RosterField::Village),
        HouseholdField::Group => field_name(language, RosterField::Group),
        HouseholdField::MemberName(index) => member(index, RosterField::HeadName),
        HouseholdField::MemberIdNumber(index) => member(index, RosterField::IdNumber),
        HouseholdField::MemberRelation(index) => member(index, RosterField::Relation),
    }
}

/// The import report, as printed with `--json`.
#[derive(Debug, Serialize)]
struct Report {
    file: String,
    header_row: Option<usize>,
    /// Households the roster gives (rows without problems).
    households: usize,
    dry_run: bool,
    applied: bool,
    /// Ids of the households registered.
    created: Vec<String>,
    problems: Vec<ProblemLine>,
    /// Columns left out, and why.
    notes: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ProblemLine {
    row: Option<usize>,
    /// The header as written in the file.
    column: Option<String>,
    field: Option<&'static str>,
    message: String,
    /// The household already holding this person.
    household: Option<String>,
}

impl ProblemLine {
    fn new(language: Language, problem: &RosterProblem) -> ProblemLine {
        ProblemLine {
            row: problem.row,
            column: problem.column.clone(),
            field: problem.field.map(RosterField::code),
            message: problem.error.words(language),
            household: match &problem.error {
                RosterError::AlreadyRegistered { household } => Some(household.clone()),
                _ => None,
            },
        }
    }
}

fn import(mut opened: Opened, file: &Path, dry_run: bool, json: bool) -> Result<()> {
    let l = super::sync::language();
    let now = clock::now();
    let check = roster::check_file(file, &opened.store, &opened.content, now.date_naive())
        .map_err(|error| anyhow!("{}: {}", file.display(), shown(l, &error)))?;
    let mut report = Report {
        file: file.display().to_string(),
        header_row: check.header_row,
        households: check.households.len(),
        dry_run,
        applied: false,
        created: Vec::new(),
        problems: check
            .problems
            .iter()
            .map(|problem| ProblemLine::new(l, problem))
            .collect(),
        notes: check.notes.iter().map(|note| note.words(l)).collect(),
    };
    if check.is_clean() && !dry_run {
        match roster::apply(&mut opened.store, &check, None, now) {
            Ok(_) => {
                report.applied = true;
                report.created = created_ids(&check);
            }
            Err(error @ ApplyError::Refused { row, .. }) => report.problems.push(ProblemLine {
                row: Some(row),
                column: None,
                field: None,
                message: shown(l, &error),
                household: None,
            }),
            Err(error @ (ApplyError::NotClean | ApplyError::Store(_))) => {
                bail!(shown(l, &error))
            }
        }
    }
    if json {
        print_json(&report)?;
    } else {
        print_text(l, &check, &report);
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        bail!(t!(
            l,
            "roster-problems",
            file = report.file.as_str(),
            count = report.problems.len().to_string()
        ))
    }
}

fn created_ids(check: &RosterCheck) -> Vec<String> {
    check
        .households
        .iter()
        .map(|entry| entry.household.id.clone())
        .collect()
}

fn print_text(language: Language, check: &RosterCheck, report: &Report) {
    let l = language;
    for note in &report.notes {
        println!("{note}");
    }
    for problem in &check.problems {
        println!("{}", problem.words(l));
    }
    if let Some(refused) = report.problems.get(check.problems.len()) {
        println!("{}", refused.message);
    }
    if report.problems.is_empty() {
        println!(
            "{}",
            t!(
                l,
                "roster-checked",
                file = report.file.as_str(),
                households = report.households.to_string()
            )
        );
        if report.applied {
            println!(
                "{}",
                t!(
                    l,
                    "roster-applied",
                    households = report.created.len().to_string()
                )
            );
        } else {
            println!("{}", t!(l, "roster-dry-run"));
        }
    }
}
