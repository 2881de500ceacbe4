//! The three entries of the hall's page: 账号+密码登录, 手机+密码登录 and 立即注册; and, on a new
//! terminal with no admin yet, the set-up of the first admin.

use std::collections::HashMap;
use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Element, Length, Task};

use super::form::{input_submitting, password_submitting, slot};
use super::office::Office;
use super::picker::field::name_input;
use crate::clock::Timestamp;
use crate::domain::account::{AccountStatus, PasswordProblem, Role, check_new_password};
use crate::domain::case_number::DeviceCode;
use crate::domain::phone::Phone;
use crate::domain::text::{check_name, check_text};
use crate::explain::{Explain, shown};
use crate::i18n::Language;
use crate::store::{
    Account, AccountError, DeviceCodeError, LoginBy, LoginError, NewAccount, StoreError,
};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, Default)]
pub struct Login {
    by_phone: bool,
    login: String,
    password: String,
    error: Option<String>,
    /// The password is being checked on the store's thread (hashing takes a moment).
    checking: bool,
}

#[derive(Debug, Clone)]
pub enum LoginMessage {
    ByPhone(bool),
    Login(String),
    Password(String),
    Submit,
    /// The answer of the check: the account, or why not.
    Checked(Result<Account, Arc<LoginError>>),
}

impl Login {
    /// True while the password is being checked.
    pub fn is_busy(&self) -> bool {
        self.checking
    }

    /// Starts the check of the password; the account once it was right.
    pub fn update(
        &mut self,
        message: LoginMessage,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> (Task<LoginMessage>, Option<Account>) {
        match message {
            LoginMessage::ByPhone(by_phone) => self.by_phone = by_phone,
            LoginMessage::Login(login) => self.login = login,
            LoginMessage::Password(password) => self.password = password,
            LoginMessage::Submit if self.checking => {}
            LoginMessage::Submit => return (self.submit(office, language, now), None),
            LoginMessage::Checked(Ok(account)) => {
                tracing::info!(account = %account.login, role = ?account.role, "login");
                *self = Login::default();
                return (Task::none(), Some(account));
            }
            LoginMessage::Checked(Err(error)) => {
                self.checking = false;
                self.password.clear();
                self.error = Some(shown(language, &*error));
            }
        }
        (Task::none(), None)
    }

    fn submit(
        &mut self,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Task<LoginMessage> {
        self.error = None;
        let by_phone = if self.by_phone {
            match Phone::parse(&self.login) {
                Ok(phone) => Some(phone),
                Err(error) => {
                    self.error = Some(error.words(language));
                    return Task::none();
                }
            }
        } else {
            None
        };
        self.checking = true;
        let login = self.login.clone();
        let password = self.password.clone();
        office.run(
            move |store, _| {
                let (by, who) = match &by_phone {
                    Some(phone) => (
                        LoginBy::Phone(phone.as_str()),
                        // A phone number in the log only by its last four digits.
                        format!("phone …{}", last_four(phone.as_str())),
                    ),
                    None => (LoginBy::Account(&login), login.clone()),
                };
                let result = store.login(by, &password, now);
                if let Err(error) = &result {
                    // Who tried, never the password.
                    log_refused(&who, error);
                }
                result
            },
            LoginMessage::Checked,
        )
    }

    pub fn view<'a>(&'a self, look: Look) -> Element<'a, LoginMessage> {
        let language = look.language;
        let tab = |key: &str, label: String, by_phone: bool| {
            let style = if self.by_phone == by_phone {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            look.tap(
                key,
                look.strong(label),
                LoginMessage::ByPhone(by_phone),
                style,
            )
        };
        let login_label = if self.by_phone {
            t!(language, "login-phone")
        } else {
            t!(language, "login-account")
        };
        // The answer shows under the button, in a place that is always there: nothing moves.
        let (answer, colour) = match (&self.error, self.checking) {
            (_, true) => (Some(t!(language, "login-checking")), theme::MUTED_TEXT),
            (Some(error), false) => (Some(error.clone()), theme::ALERT),
            (None, false) => (None, theme::ALERT),
        };
        column![
            look.title(t!(language, "login-title")),
            row![
                tab("login-by-account", t!(language, "login-by-account"), false),
                tab("login-by-phone", t!(language, "login-by-phone"), true),
            ]
            .spacing(look.scale.pad),
            input_submitting(
                look,
                "login-name",
                login_label,
                &self.login,
                LoginMessage::Login,
                None,
                LoginMessage::Submit,
            ),
            password_submitting(
                look,
                "login-password",
                t!(language, "login-password"),
                &self.password,
                LoginMessage::Password,
                None,
                LoginMessage::Submit,
            ),
            look.tap_wide(
                "login-submit",
                look.heading(t!(language, "login-submit"))
                    .color(theme::ON_PRIMARY),
                LoginMessage::Submit,
                theme::primary_button,
            ),
            slot(look.scale.body, answer.as_deref(), colour),
        ]
        .spacing(look.scale.space)
        .max_width(look.scale.body * 30.0)
        .width(Length::Fill)
        .into()
    }
}

/// The fields of a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Phone,
    Login,
    Password,
    Repeat,
    /// The terminal's device code, asked at the first admin's set-up (blank: given later, e.g.
    /// by the county's token).
    DeviceCode,
}

/// 立即注册, or the first admin's set-up on a new terminal.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    /// True for the first admin (active at once); false for a registration that waits.
    pub first_admin: bool,
    values: HashMap<Field, String>,
    errors: HashMap<Field, String>,
    error: Option<String>,
    /// Being saved on the store's thread.
    saving: bool,
    /// As many registrations as the hall takes already wait: the form says so instead.
    full: bool,
    /// Registered and waiting for approval.
    pub done: bool,
}

#[derive(Debug, Clone)]
pub enum RegistrationMessage {
    Edit(Field, String),
    /// 生僻字 beside the name: the desk opens its picker for it.
    PickRare,
    Submit,
    /// Whether the registrations waiting for an admin have reached the cap.
    Full(Result<bool, Arc<StoreError>>),
    /// The saved account; or the device code refused (first set-up); or why it was not saved.
    Saved(Result<Result<Account, Arc<DeviceCodeError>>, Arc<AccountError>>),
}

const LOGIN_MAX_CHARS: usize = 30;

impl Registration {
    pub fn first_admin() -> Registration {
        Registration {
            first_admin: true,
            ..Registration::default()
        }
    }

    /// 立即注册, asking first whether the hall takes more registrations.
    pub fn open(office: &Office) -> (Registration, Task<RegistrationMessage>) {
        let task = office.run(
            |store, _| store.registrations_full(),
            RegistrationMessage::Full,
        );
        (Registration::default(), task)
    }

    /// True while the registration is being saved.
    pub fn is_busy(&self) -> bool {
        self.saving
    }

    /// What a field holds.
    pub fn value(&self, field: Field) -> &str {
        self.values.get(&field).map(String::as_str).unwrap_or("")
    }

    /// Starts saving; the new account once it was saved.
    pub fn update(
        &mut self,
        message: RegistrationMessage,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> (Task<RegistrationMessage>, Option<Account>) {
        match message {
            RegistrationMessage::Edit(field, value) => {
                self.values.insert(field, value);
                self.errors.remove(&field);
            }
            // The desk opens the picker (see `desk::picker::Target`).
            RegistrationMessage::PickRare => {}
            RegistrationMessage::Submit if self.saving || self.done => {}
            RegistrationMessage::Submit => return (self.submit(office, language, now), None),
            RegistrationMessage::Full(Ok(full)) => self.full = full && !self.first_admin,
            RegistrationMessage::Full(Err(error)) => self.error = Some(shown(language, &*error)),
            RegistrationMessage::Saved(Ok(Ok(account))) => {
                self.saving = false;
                self.values.clear();
                self.done = true;
                return (Task::none(), Some(account));
            }
            RegistrationMessage::Saved(Ok(Err(refused))) => {
                self.saving = false;
                self.errors
                    .insert(Field::DeviceCode, shown(language, &*refused));
            }
            RegistrationMessage::Saved(Err(error)) => {
                self.saving = false;
                if matches!(*error, AccountError::TooManyPending { .. }) {
                    self.full = true;
                }
                self.error = Some(shown(language, &*error));
            }
        }
        (Task::none(), None)
    }

    fn submit(
        &mut self,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Task<RegistrationMessage> {
        self.errors.clear();
        self.error = None;
        let name = check_name(self.value(Field::Name))
            .map_err(|error| self.errors.insert(Field::Name, error.words(language)))
            .ok();
        let phone = Phone::parse(self.value(Field::Phone))
            .map_err(|error| self.errors.insert(Field::Phone, error.words(language)))
            .ok();
        let login = check_text(self.value(Field::Login), LOGIN_MAX_CHARS, true)
            .map_err(|error| error.words(language))
            .and_then(|login| {
                if login.chars().any(char::is_whitespace) {
                    Err(t!(language, "error-login-spaces"))
                } else {
                    Ok(login)
                }
            })
            .map_err(|message| self.errors.insert(Field::Login, message))
            .ok();
        if let Err(problem) =
            check_new_password(self.value(Field::Password), self.value(Field::Repeat))
        {
            let field = match problem {
                PasswordProblem::TooShort => Field::Password,
                PasswordProblem::Mismatch => Field::Repeat,
            };
            self.errors.insert(field, problem.words(language));
        }
        let typed_code = self.value(Field::DeviceCode).trim().to_owned();
        let device = if self.first_admin && !typed_code.is_empty() {
            match DeviceCode::parse(&typed_code) {
                Some(code) => Some(code),
                None => {
                    self.errors
                        .insert(Field::DeviceCode, t!(language, "device-code-invalid"));
                    None
                }
            }
        } else {
            None
        };
        let (Some(name), Some(phone), Some(login)) = (name, phone, login) else {
            return Task::none();
        };
        if !self.errors.is_empty() {
            return Task::none();
        }
        let (role, status) = if self.first_admin {
            (Role::Admin, AccountStatus::Active)
        } else {
            (Role::Agent, AccountStatus::Pending)
        };
        let new = NewAccount {
            login,
            name,
            phone: phone.as_str().to_owned(),
            password: self.value(Field::Password).to_owned(),
            role,
            status,
        };
        self.saving = true;
        office.run(
            move |store, _| {
                if let Some(code) = &device
                    && let Err(refused) = store.set_device_code(code)
                {
                    tracing::warn!(%refused, "first set-up: the device code was not set");
                    return Ok(Err(Arc::new(refused)));
                }
                store.add_account(&new, None, now).map(Ok)
            },
            RegistrationMessage::Saved,
        )
    }

    pub fn view<'a>(&'a self, look: Look) -> Element<'a, RegistrationMessage> {
        let language = look.language;
        let title = if self.first_admin {
            t!(language, "setup-title")
        } else {
            t!(language, "register-title")
        };
        let mut page = column![look.title(title)].spacing(look.scale.space);
        if self.done && !self.first_admin {
            return page.push(look.body(t!(language, "register-done"))).into();
        }
        if self.full {
            return page
                .push(look.caution(t!(
                    language,
                    "register-full",
                    max = crate::domain::account::MAX_PENDING_REGISTRATIONS.to_string()
                )))
                .into();
        }
        let error = |field: Field| self.errors.get(&field).cloned();
        let edit = |field: Field| move |value| RegistrationMessage::Edit(field, value);
        if self.first_admin {
            page = page.push(look.body(t!(language, "setup-hint")));
            page = page.push(input_submitting(
                look,
                "setup-device-code",
                t!(language, "setup-device-code"),
                self.value(Field::DeviceCode),
                edit(Field::DeviceCode),
                error(Field::DeviceCode),
                RegistrationMessage::Submit,
            ));
        }
        page = page.push(name_input(
            look,
            "register-name",
            "picker-open-register",
            t!(language, "register-name"),
            self.value(Field::Name),
            edit(Field::Name),
            error(Field::Name),
            RegistrationMessage::Submit,
            RegistrationMessage::PickRare,
        ));
        let fields = [
            (
                Field::Phone,
                "register-phone",
                t!(language, "register-phone"),
            ),
            (
                Field::Login,
                "register-login",
                t!(language, "register-login"),
            ),
        ];
        for (field, id, label) in fields {
            page = page.push(input_submitting(
                look,
                id,
                label,
                self.value(field),
                edit(field),
                error(field),
                RegistrationMessage::Submit,
            ));
        }
        for (field, id, label) in [
            (
                Field::Password,
                "register-password",
                t!(language, "register-password"),
            ),
            (
                Field::Repeat,
                "register-repeat",
                t!(language, "register-repeat"),
            ),
        ] {
            page = page.push(password_submitting(
                look,
                id,
                label,
                self.value(field),
                edit(field),
                error(field),
                RegistrationMessage::Submit,
            ));
        }
        let (answer, colour) = if self.saving {
            (Some(t!(language, "register-saving")), theme::MUTED_TEXT)
        } else {
            (self.error.clone(), theme::ALERT)
        };
        page.push(
            look.tap_wide(
                "register-submit",
                look.heading(t!(language, "register-submit"))
                    .color(theme::ON_PRIMARY),
                RegistrationMessage::Submit,
                theme::primary_button,
            ),
        )
        .push(slot(look.scale.body, answer.as_deref(), colour))
        .max_width(look.scale.body * 30.0)
        .into()
    }
}

fn last_four(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// A refused login in the log: wrong passwords, lockouts and accounts not (yet) allowed in.
fn log_refused(who: &str, error: &LoginError) {
    match error {
        LoginError::WrongCredentials => {
            tracing::warn!(account = %who, "login failed: wrong account or password")
        }
        LoginError::Locked { until } => {
            tracing::warn!(account = %who, %until, "login refused: account locked")
        }
        LoginError::Pending => tracing::warn!(account = %who, "login refused: awaiting approval"),
        LoginError::Disabled => tracing::warn!(account = %who, "login refused: account disabled"),
        LoginError::Store(error) => tracing::error!(account = %who, %error, "login failed"),
    }
}
