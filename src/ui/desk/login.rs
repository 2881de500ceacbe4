//! The three entries of the hall's page: 账号+密码登录, 手机+密码登录 and 立即注册; and, on a new
//! terminal with no admin yet, the set-up of the first admin.

use std::collections::HashMap;

use iced::widget::{column, row};
use iced::{Element, Length};

use super::form::{error_line, input, password, password_submitting};
use super::messages;
use super::office::Office;
use crate::clock::Timestamp;
use crate::domain::account::{AccountStatus, Role, check_new_password};
use crate::domain::case_number::DeviceCode;
use crate::domain::phone::Phone;
use crate::domain::text::{check_name, check_text};
use crate::i18n::Language;
use crate::store::{Account, DeviceCodeError, LoginBy, NewAccount};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, Default)]
pub struct Login {
    by_phone: bool,
    login: String,
    password: String,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum LoginMessage {
    ByPhone(bool),
    Login(String),
    Password(String),
    Submit,
}

impl Login {
    /// The account when the password was right.
    pub fn update(
        &mut self,
        message: LoginMessage,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Option<Account> {
        match message {
            LoginMessage::ByPhone(by_phone) => self.by_phone = by_phone,
            LoginMessage::Login(login) => self.login = login,
            LoginMessage::Password(password) => self.password = password,
            LoginMessage::Submit => {
                let phone = Phone::parse(&self.login);
                let by = match (&phone, self.by_phone) {
                    (Ok(phone), true) => LoginBy::Phone(phone.as_str()),
                    (Err(error), true) => {
                        self.error = Some(messages::phone(language, error));
                        return None;
                    }
                    (_, false) => LoginBy::Account(&self.login),
                };
                // Who tried, never the password; a phone number only by its last four digits.
                let who = match &by {
                    LoginBy::Account(login) => (*login).to_owned(),
                    LoginBy::Phone(phone) => format!("phone …{}", last_four(phone)),
                };
                match office.store().login(by, &self.password, now) {
                    Ok(account) => {
                        tracing::info!(account = %account.login, role = ?account.role, "login");
                        *self = Login::default();
                        return Some(account);
                    }
                    Err(error) => {
                        log_refused(&who, &error);
                        self.password.clear();
                        self.error = Some(messages::login(language, &error));
                    }
                }
            }
        }
        None
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
        let mut page = column![
            look.title(t!(language, "login-title")),
            row![
                tab("login-by-account", t!(language, "login-by-account"), false),
                tab("login-by-phone", t!(language, "login-by-phone"), true),
            ]
            .spacing(look.scale.pad),
            input(
                look,
                "login-name",
                login_label,
                &self.login,
                LoginMessage::Login,
                None
            ),
            password_submitting(
                look,
                "login-password",
                t!(language, "login-password"),
                &self.password,
                LoginMessage::Password,
                LoginMessage::Submit
            ),
        ]
        .spacing(look.scale.space)
        .max_width(look.scale.body * 30.0);
        if let Some(error) = &self.error {
            page = page.push(error_line(look, error));
        }
        page.push(
            look.tap_wide(
                "login-submit",
                look.heading(t!(language, "login-submit"))
                    .color(theme::ON_PRIMARY),
                LoginMessage::Submit,
                theme::primary_button,
            ),
        )
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
    /// Registered and waiting for approval.
    pub done: bool,
}

#[derive(Debug, Clone)]
pub enum RegistrationMessage {
    Edit(Field, String),
    Submit,
}

const LOGIN_MAX_CHARS: usize = 30;

impl Registration {
    pub fn first_admin() -> Registration {
        Registration {
            first_admin: true,
            ..Registration::default()
        }
    }

    fn value(&self, field: Field) -> &str {
        self.values.get(&field).map(String::as_str).unwrap_or("")
    }

    /// The new account when it was saved.
    pub fn update(
        &mut self,
        message: RegistrationMessage,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Option<Account> {
        match message {
            RegistrationMessage::Edit(field, value) => {
                self.values.insert(field, value);
                self.errors.remove(&field);
                None
            }
            RegistrationMessage::Submit => self.submit(office, language, now),
        }
    }

    fn submit(&mut self, office: &Office, language: Language, now: Timestamp) -> Option<Account> {
        self.errors.clear();
        self.error = None;
        let name = check_name(self.value(Field::Name))
            .map_err(|error| {
                self.errors
                    .insert(Field::Name, messages::text(language, &error))
            })
            .ok();
        let phone = Phone::parse(self.value(Field::Phone))
            .map_err(|error| {
                self.errors
                    .insert(Field::Phone, messages::phone(language, &error))
            })
            .ok();
        let login = check_text(self.value(Field::Login), LOGIN_MAX_CHARS, true)
            .map_err(|error| messages::text(language, &error))
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
                crate::domain::account::PasswordProblem::TooShort => Field::Password,
                crate::domain::account::PasswordProblem::Mismatch => Field::Repeat,
            };
            self.errors
                .insert(field, messages::password(language, problem));
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
            return None;
        };
        if !self.errors.is_empty() {
            return None;
        }
        if let Some(code) = &device {
            let refused = match office.store().set_device_code(code) {
                Ok(()) => None,
                Err(DeviceCodeError::InUse { current }) => Some(t!(
                    language,
                    "device-code-in-use",
                    current = current.as_str().to_owned()
                )),
                Err(DeviceCodeError::Store(error)) => Some(messages::store(language, &error)),
            };
            if let Some(message) = refused {
                tracing::warn!("first set-up: {message}");
                self.errors.insert(Field::DeviceCode, message);
                return None;
            }
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
        match office.store().add_account(&new, None, now) {
            Ok(account) => {
                self.values.clear();
                self.done = true;
                Some(account)
            }
            Err(error) => {
                self.error = Some(messages::account(language, &error));
                None
            }
        }
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
        if self.first_admin {
            page = page.push(look.body(t!(language, "setup-hint")));
            page = page.push(input(
                look,
                "setup-device-code",
                t!(language, "setup-device-code"),
                self.value(Field::DeviceCode),
                |value| RegistrationMessage::Edit(Field::DeviceCode, value),
                self.errors.get(&Field::DeviceCode).cloned(),
            ));
        }
        let fields = [
            (Field::Name, "register-name", t!(language, "register-name")),
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
            page = page.push(input(
                look,
                id,
                label,
                self.value(field),
                move |value| RegistrationMessage::Edit(field, value),
                self.errors.get(&field).cloned(),
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
            page = page.push(password(
                look,
                id,
                label,
                self.value(field),
                move |value| RegistrationMessage::Edit(field, value),
                self.errors.get(&field).cloned(),
            ));
        }
        if let Some(error) = &self.error {
            page = page.push(error_line(look, error));
        }
        page.push(
            look.tap_wide(
                "register-submit",
                look.heading(t!(language, "register-submit"))
                    .color(theme::ON_PRIMARY),
                RegistrationMessage::Submit,
                theme::primary_button,
            ),
        )
        .max_width(look.scale.body * 30.0)
        .into()
    }
}

fn last_four(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// A refused login in the log: wrong passwords, lockouts and accounts not (yet) allowed in.
fn log_refused(who: &str, error: &crate::store::LoginError) {
    use crate::store::LoginError;
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
