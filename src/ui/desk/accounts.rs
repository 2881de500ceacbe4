//! Admins approve or reject new registrations, unlock accounts locked by wrong passwords,
//! disable and re-enable accounts, and reset passwords. Every change runs on the store's
//! thread (a new password is hashed there) and the list is read again with it.

use std::collections::HashMap;
use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Alignment, Element, Task};

use super::form::{password, slot};
use super::office::Office;
use super::words;
use crate::clock::Timestamp;
use crate::domain::account::{AccountStatus, MIN_PASSWORD_CHARS};
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{Account, AccountError, Store, StoreError};
use crate::t;
use crate::ui::widget::Look;
use crate::ui::{names, theme};

#[derive(Debug, Clone, Default)]
pub struct Accounts {
    listing: Listing,
    new_password: String,
    error: Option<String>,
    done: Option<String>,
    /// A change is being saved: taps wait for it.
    saving: bool,
}

/// The accounts as the database has them, and the locks wrong passwords put on some.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    accounts: Vec<Account>,
    locked: HashMap<i64, Timestamp>,
}

#[derive(Debug, Clone)]
pub enum Message {
    SetStatus(i64, AccountStatus),
    Reject(i64),
    Unlock(i64),
    NewPassword(String),
    Reset(i64),
    /// A change saved (with the words that say so) and the list read again, or why not.
    Done {
        done: String,
        result: Result<Listing, Arc<AccountError>>,
    },
}

/// What an admin asked for, run on the store's thread.
#[derive(Debug, Clone)]
enum Change {
    Status(AccountStatus),
    Reject,
    Unlock,
    Reset(String),
}

impl Listing {
    /// Every account and the locks standing at `now` (on the store's thread).
    pub fn load(store: &Store, now: Timestamp) -> Result<Listing, StoreError> {
        Ok(Listing {
            accounts: store.accounts(None)?,
            locked: store.locked_accounts(now)?.into_iter().collect(),
        })
    }
}

impl Accounts {
    /// The accounts screen with every account (on the store's thread).
    pub fn load(store: &Store, now: Timestamp) -> Result<Accounts, StoreError> {
        Ok(Accounts {
            listing: Listing::load(store, now)?,
            ..Accounts::default()
        })
    }

    /// True while a change is being saved.
    pub fn is_busy(&self) -> bool {
        self.saving
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        admin: &Account,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        let (id, change) = match message {
            Message::NewPassword(password) => {
                self.new_password = password;
                return Task::none();
            }
            Message::Done { done, result } => {
                self.saving = false;
                match result {
                    Ok(listing) => {
                        self.listing = listing;
                        self.done = Some(done);
                    }
                    Err(error) => self.error = Some(shown(language, &*error)),
                }
                return Task::none();
            }
            _ if self.saving => return Task::none(),
            Message::SetStatus(id, status) => (id, Change::Status(status)),
            Message::Reject(id) => (id, Change::Reject),
            Message::Unlock(id) => (id, Change::Unlock),
            Message::Reset(id) => {
                if self.new_password.chars().count() < MIN_PASSWORD_CHARS {
                    self.done = None;
                    self.error = Some(t!(language, "error-password-short"));
                    return Task::none();
                }
                (id, Change::Reset(std::mem::take(&mut self.new_password)))
            }
        };
        let name = self
            .listing
            .accounts
            .iter()
            .find(|account| account.id == id)
            .map(|account| names::shown(&account.name))
            .unwrap_or_default();
        let done = match &change {
            Change::Status(status) => format!("{name}: {}", words::status(language, *status)),
            Change::Reject => t!(language, "accounts-rejected", name = name),
            Change::Unlock => t!(language, "accounts-unlocked", name = name),
            Change::Reset(_) => t!(language, "accounts-reset-done"),
        };
        self.saving = true;
        self.error = None;
        self.done = None;
        let admin = admin.id;
        office.run(
            move |store, _| {
                match change {
                    Change::Status(status) => store.set_account_status(id, status, admin, now)?,
                    Change::Reject => store.reject_registration(id, admin, now)?,
                    Change::Unlock => store.unlock_account(id, admin, now)?,
                    Change::Reset(password) => store.reset_password(id, &password, admin, now)?,
                }
                Ok::<_, AccountError>(Listing::load(store, now)?)
            },
            move |result| Message::Done { done, result },
        )
    }

    pub fn view<'a>(&'a self, look: Look, admin: &Account) -> Element<'a, Message> {
        let language = look.language;
        // What the last change did, in a place that is always there: the list never moves.
        let (answer, colour) = match (&self.error, &self.done, self.saving) {
            (_, _, true) => (Some(t!(language, "accounts-saving")), theme::MUTED_TEXT),
            (Some(error), _, false) => (Some(error.clone()), theme::ALERT),
            (None, Some(done), false) => (Some(done.clone()), theme::TEXT),
            (None, None, false) => (None, theme::TEXT),
        };
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
            slot(look.scale.body, answer.as_deref(), colour),
        ]
        .spacing(look.scale.space);
        for account in &self.listing.accounts {
            let mut actions = row![].spacing(look.scale.pad).align_y(Alignment::Center);
            let key = |what: &str| format!("account-{what}-{}", account.id);
            let button = |what: &str, label: String, message: Message, primary: bool| {
                let style = if primary {
                    theme::primary_button
                } else {
                    theme::secondary_button
                };
                look.tap(&key(what), look.strong(label), message, style)
            };
            match account.status {
                AccountStatus::Pending => {
                    actions = actions
                        .push(button(
                            "approve",
                            t!(language, "accounts-approve"),
                            Message::SetStatus(account.id, AccountStatus::Active),
                            true,
                        ))
                        .push(button(
                            "reject",
                            t!(language, "accounts-reject"),
                            Message::Reject(account.id),
                            false,
                        ));
                }
                AccountStatus::Active if account.id != admin.id => {
                    actions = actions.push(button(
                        "disable",
                        t!(language, "accounts-disable"),
                        Message::SetStatus(account.id, AccountStatus::Disabled),
                        false,
                    ));
                }
                AccountStatus::Disabled => {
                    actions = actions.push(button(
                        "enable",
                        t!(language, "accounts-enable"),
                        Message::SetStatus(account.id, AccountStatus::Active),
                        false,
                    ));
                }
                AccountStatus::Active => {}
            }
            let locked = self.listing.locked.get(&account.id);
            if locked.is_some() {
                actions = actions.push(button(
                    "unlock",
                    t!(language, "accounts-unlock"),
                    Message::Unlock(account.id),
                    true,
                ));
            }
            actions = actions.push(button(
                "reset",
                t!(language, "accounts-reset"),
                Message::Reset(account.id),
                false,
            ));
            let mut details = column![look.body(format!(
                "{} · {} · {}",
                account.phone,
                words::role(language, account.role),
                words::status(language, account.status)
            ))]
            .spacing(look.scale.space * 0.5);
            if let Some(until) = locked {
                details = details.push(
                    look.strong(t!(
                        language,
                        "accounts-locked",
                        until = until.format("%H:%M").to_string()
                    ))
                    .color(theme::ALERT),
                );
            }
            if let Some(hint) = names::hint_line(look, &account.name) {
                details = details.push(hint);
            }
            page = page.push(look.section(
                names::shown(&format!("{} ({})", account.name, account.login)),
                details.push(actions.wrap()),
            ));
        }
        page.into()
    }
}
