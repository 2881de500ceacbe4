//! Commands over the hall's records: accounts, households, applications, the outbox, the device.

use std::io::Read;

use anyhow::{Context, Result, anyhow, bail};

use super::print_json;
use super::{ApplicationCommand, DemoCommand, DeviceCommand, ListCommand, UserCommand};
use crate::clock;
use crate::demo::{self, SeedOptions};
use crate::domain::account::{AccountStatus, MIN_PASSWORD_CHARS, Role};
use crate::domain::application::CaseState;
use crate::domain::calendar::HolidayCalendar;
use crate::domain::case_number::DeviceCode;
use crate::domain::phone::Phone;
use crate::domain::text::check_name;
use crate::explain::shown;
use crate::startup::Opened;
use crate::store::{CaseFilter, DeviceCodeError, NewAccount};
use crate::t;

/// An active account from the command line, its password read from standard input (never from
/// an argument, where other users of the machine could see it).
pub fn new_account(role: Role, account: &str, name: &str, phone: &str) -> Result<NewAccount> {
    let name = check_name(name).map_err(|error| {
        let l = super::sync::language();
        anyhow::anyhow!("{}{}", t!(l, "register-name"), shown(l, &error))
    })?;
    let phone = Phone::parse(phone).map_err(|error| anyhow::anyhow!("phone: {error}"))?;
    let login = account.trim().to_owned();
    if login.is_empty() || login.chars().any(char::is_whitespace) {
        bail!("account: one word without spaces");
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    if password.chars().count() < MIN_PASSWORD_CHARS {
        bail!("the password needs at least {MIN_PASSWORD_CHARS} characters");
    }
    Ok(NewAccount {
        login,
        name,
        phone: phone.as_str().to_owned(),
        password,
        role,
        status: AccountStatus::Active,
    })
}

pub fn user(mut opened: Opened, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            role,
            account,
            name,
            phone,
        } => {
            let role = Role::from_code(&role).context("unknown role")?;
            let account = new_account(role, &account, &name, &phone)?;
            let added = opened.store.add_account(&account, None, clock::now())?;
            println!("{} ({}) added as {}", added.login, added.name, role.code());
            Ok(())
        }
        UserCommand::List { json } => {
            let accounts = opened.store.accounts(None)?;
            if json {
                let rows: Vec<_> = accounts
                    .iter()
                    .map(|account| {
                        serde_json::json!({
                            "id": account.id,
                            "account": account.login,
                            "name": account.name,
                            "phone": account.phone,
                            "role": account.role.code(),
                            "status": account.status.code(),
                        })
                    })
                    .collect();
                print_json(&rows)
            } else {
                for account in accounts {
                    println!(
                        "{}\t{}\t{}\t{}",
                        account.login,
                        account.name,
                        account.role.code(),
                        account.status.code()
                    );
                }
                Ok(())
            }
        }
    }
}

pub fn application(opened: Opened, command: ApplicationCommand) -> Result<()> {
    let ApplicationCommand::List {
        json,
        state,
        overdue,
    } = command;
    let state = match state {
        Some(code) => Some(
            CaseState::from_code(&code)
                .with_context(|| format!("unknown state {code}; one of: {}", state_codes()))?,
        ),
        None => None,
    };
    let filter = CaseFilter {
        state,
        overdue_on: overdue.then(|| clock::now().date_naive()),
        limit: usize::MAX >> 1,
        ..CaseFilter::default()
    };
    let cases = opened.store.cases(&filter)?;
    if json {
        let rows: Vec<_> = cases
            .iter()
            .map(|case| {
                serde_json::json!({
                    "number": case.number,
                    "reference": case.reference,
                    "item_id": case.item_id,
                    "state": case.state.code(),
                    "accepted_at": case.accepted_at,
                    "due_date": case.due_date,
                    "applicant_name": case.applicant_name,
                    "id_number_masked": case.id_number_masked,
                    "agent": case.agent,
                })
            })
            .collect();
        return print_json(&rows);
    }
    for case in cases {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            case.reference,
            case.state.code(),
            case.item_id,
            case.applicant_name,
            case.due_date.map(|day| day.to_string()).unwrap_or_default()
        );
    }
    Ok(())
}

fn state_codes() -> String {
    CaseState::ALL
        .iter()
        .map(|state| state.code())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn outbox(opened: Opened, ListCommand::List { json }: ListCommand) -> Result<()> {
    let events = opened.store.outbox()?;
    if json {
        return print_json(&events);
    }
    for event in events {
        println!(
            "{}\t{}\t{}\t{}",
            event.created_at, event.kind, event.state, event.id
        );
    }
    Ok(())
}

/// `device code [NN]`: prints the code (exit 1 when none is set), or sets it once.
pub fn device(mut opened: Opened, DeviceCommand::Code { code }: DeviceCommand) -> Result<()> {
    let l = super::sync::language();
    if let Some(code) = code {
        let code = DeviceCode::parse(&code).ok_or_else(|| anyhow!(t!(l, "device-code-invalid")))?;
        match opened.store.set_device_code(&code) {
            Ok(()) => {}
            Err(DeviceCodeError::InUse { current }) => {
                bail!(t!(
                    l,
                    "device-code-in-use",
                    current = current.as_str().to_owned()
                ))
            }
            Err(DeviceCodeError::Store(error)) => return Err(error.into()),
        }
    }
    match opened.store.device_code()? {
        Some(code) => {
            println!("{}", code.as_str());
            Ok(())
        }
        None => bail!(t!(l, "device-code-none-set")),
    }
}

pub fn demo(mut opened: Opened, command: DemoCommand) -> Result<()> {
    let calendar = HolidayCalendar::shipped();
    match command {
        DemoCommand::Seed {
            households,
            applications,
            seed,
        } => {
            let options = SeedOptions {
                households,
                applications,
                seed,
            };
            let report = demo::seed(
                &mut opened.store,
                &opened.content,
                &calendar,
                &options,
                clock::now(),
            )?;
            print_json(&report)
        }
        DemoCommand::Stress { count } => {
            let mut out = std::io::stdout().lock();
            demo::stress(
                &mut opened.store,
                &opened.content,
                &calendar,
                count,
                &mut out,
            )
        }
    }
}
