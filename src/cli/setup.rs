//! `bianmin setup`: a terminal's first set-up without a screen, for scripted installs. The hall's
//! profile (a file with the layout of `assets/content/hall.toml`), this terminal's device code and
//! its first admin, whose password comes on standard input. Everything is checked before anything
//! is changed.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use crate::clock;
use crate::domain::account::Role;
use crate::domain::case_number::DeviceCode;
use crate::explain::{Explain, shown};
use crate::startup;
use crate::store::DeviceCodeError;
use crate::t;

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// The hall's profile: a TOML file with the layout of assets/content/hall.toml, its address
    /// and phones checked (`sample = true` is refused).
    #[arg(long, value_name = "FILE")]
    pub profile: PathBuf,
    /// This terminal's device code, two digits (01–99), unique among the hall's terminals.
    #[arg(long, value_name = "NN")]
    pub device: String,
    /// The first admin's account name; the password is read from standard input.
    #[arg(long, value_name = "ACCOUNT")]
    pub admin: String,
    /// The admin's name as the desk shows it (default: "管理员", "Admin" in English).
    #[arg(long, value_name = "NAME")]
    pub admin_name: Option<String>,
    /// The admin's mobile number (each account has its own).
    #[arg(long, value_name = "PHONE")]
    pub admin_phone: String,
}

pub fn run(data_dir: &Path, args: SetupArgs) -> Result<()> {
    let l = super::sync::language();
    // The profile, checked together with the content it joins.
    let profile = std::fs::read_to_string(&args.profile)
        .with_context(|| format!("reading {}", args.profile.display()))?;
    let checked = crate::setup::check_profile(Some(data_dir), profile).map_err(|error| {
        anyhow!(
            "{}\n{}",
            t!(
                l,
                "setup-profile-invalid",
                file = args.profile.display().to_string()
            ),
            error.words(l)
        )
    })?;
    let device =
        DeviceCode::parse(&args.device).ok_or_else(|| anyhow!(t!(l, "device-code-invalid")))?;
    let admin = super::records::new_account(
        Role::Admin,
        &args.admin,
        &args
            .admin_name
            .clone()
            .unwrap_or_else(|| t!(l, "setup-admin-default-name")),
        &args.admin_phone,
    )?;

    let mut opened = startup::open(data_dir)
        .with_context(|| format!("opening the data in {}", data_dir.display()))?;
    if let Some(current) = opened.store.device_code()?
        && current != device
    {
        bail!(t!(
            l,
            "device-code-in-use",
            current = current.as_str().to_owned()
        ));
    }
    let taken = opened
        .store
        .accounts(None)?
        .into_iter()
        .any(|account| account.login == admin.login || account.phone == admin.phone);
    if taken {
        bail!(t!(l, "setup-admin-taken", account = admin.login.as_str()));
    }

    // Checked: now the changes.
    match opened.store.set_device_code(&device) {
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
    let added = opened.store.add_account(&admin, None, clock::now())?;
    let content = checked
        .install(&mut opened.store)
        .map_err(|error| anyhow!(shown(l, &error)))?;
    println!(
        "{}",
        t!(
            l,
            "setup-done",
            hall = content.hall.name.as_str(),
            device = device.as_str().to_owned(),
            account = added.login.as_str()
        )
    );
    Ok(())
}
