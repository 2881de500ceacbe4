//! Admins approve new registrations, disable and re-enable accounts, and reset passwords.

use iced::widget::{column, row};
use iced::{Alignment, Element};

use super::form::{error_line, password};
use super::messages;
use super::office::Office;
use super::words;
use crate::clock::Timestamp;
use crate::domain::account::{AccountStatus, MIN_PASSWORD_CHARS};
use crate::i18n::Language;
use crate::store::Account;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, Default)]
pub struct Accounts {
    accounts: Vec<Account>,
    new_password: String,
    error: Option<String>,
    done: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    SetStatus(i64, AccountStatus),
    NewPassword(String),
    Reset(i64),
}

impl Accounts {
    /// The accounts screen with every account (on the store's thread).
    pub fn load(store: &crate::store::Store) -> Result<Accounts, crate::store::StoreError> {
        Ok(Accounts {
            accounts: store.accounts(None)?,
            ..Accounts::default()
        })
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        admin: &Account,
        language: Language,
        now: Timestamp,
    ) {
        self.error = None;
        self.done = None;
        match message {
            Message::SetStatus(id, status) => {
                if let Err(error) = office.store().set_account_status(id, status, admin.id, now) {
                    self.error = Some(messages::store(language, &error));
                }
            }
            Message::NewPassword(password) => {
                self.new_password = password;
                return;
            }
            Message::Reset(id) => {
                if self.new_password.chars().count() < MIN_PASSWORD_CHARS {
                    self.error = Some(t!(language, "error-password-short"));
                    return;
                }
                match office
                    .store()
                    .reset_password(id, &self.new_password, admin.id, now)
                {
                    Ok(()) => {
                        self.new_password.clear();
                        self.done = Some(t!(language, "accounts-reset-done"));
                    }
                    Err(error) => self.error = Some(messages::account(language, &error)),
                }
            }
        }
        let kept = (self.error.take(), self.done.take());
        match Accounts::load(&office.store()) {
            Ok(loaded) => *self = loaded,
            Err(error) => self.error = Some(messages::store(language, &error)),
        }
        if kept.0.is_some() || kept.1.is_some() {
            (self.error, self.done) = kept;
        }
    }

    pub fn view<'a>(&'a self, look: Look, admin: &Account) -> Element<'a, Message> {
        let language = look.language;
        let mut page = column![
            look.title(t!(language, "accounts-title")),
            password(
                look,
                "accounts-password",
                t!(language, "accounts-new-password"),
                &self.new_password,
                Message::NewPassword,
                None
            ),
        ]
        .spacing(look.scale.space);
        if let Some(error) = &self.error {
            page = page.push(error_line(look, error));
        }
        if let Some(done) = &self.done {
            page = page.push(look.body(done.clone()));
        }
        for account in &self.accounts {
            let mut actions = row![].spacing(look.scale.pad).align_y(Alignment::Center);
            let key = |what: &str| format!("account-{what}-{}", account.id);
            match account.status {
                AccountStatus::Pending => {
                    actions = actions.push(look.tap(
                        &key("approve"),
                        look.strong(t!(language, "accounts-approve")),
                        Message::SetStatus(account.id, AccountStatus::Active),
                        theme::primary_button,
                    ));
                }
                AccountStatus::Active if account.id != admin.id => {
                    actions = actions.push(look.tap(
                        &key("disable"),
                        look.strong(t!(language, "accounts-disable")),
                        Message::SetStatus(account.id, AccountStatus::Disabled),
                        theme::secondary_button,
                    ));
                }
                AccountStatus::Disabled => {
                    actions = actions.push(look.tap(
                        &key("enable"),
                        look.strong(t!(language, "accounts-enable")),
                        Message::SetStatus(account.id, AccountStatus::Active),
                        theme::secondary_button,
                    ));
                }
                AccountStatus::Active => {}
            }
            actions = actions.push(look.tap(
                &key("reset"),
                look.strong(t!(language, "accounts-reset")),
                Message::Reset(account.id),
                theme::secondary_button,
            ));
            page = page.push(
                look.section(
                    format!("{} ({})", account.name, account.login),
                    column![
                        look.body(format!(
                            "{} · {} · {}",
                            account.phone,
                            words::role(language, account.role),
                            words::status(language, account.status)
                        )),
                        actions.wrap(),
                    ]
                    .spacing(look.scale.space * 0.5),
                ),
            );
        }
        page.into()
    }
}
