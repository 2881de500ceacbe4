//! Every error a desk form can show, in words.

use crate::domain::account::PasswordProblem;
use crate::domain::household::FieldError;
use crate::domain::id_number::IdNumberError;
use crate::domain::phone::PhoneError;
use crate::domain::text::TextError;
use crate::i18n::Language;
use crate::store::{AccountError, CaseError, LoginError};
use crate::t;

pub fn id_number(language: Language, error: &IdNumberError) -> String {
    match error {
        IdNumberError::Empty => t!(language, "error-required"),
        IdNumberError::WrongLength(length) => {
            t!(language, "error-id-length", length = length.to_string())
        }
        IdNumberError::NotDigits => t!(language, "error-id-digits"),
        IdNumberError::BadDate => t!(language, "error-id-date"),
        IdNumberError::BadCheckDigit { expected } => {
            t!(language, "error-id-check", expected = expected.to_string())
        }
    }
}

pub fn phone(language: Language, error: &PhoneError) -> String {
    match error {
        PhoneError::Empty => t!(language, "error-required"),
        PhoneError::WrongLength(length) => {
            t!(language, "error-phone-length", length = length.to_string())
        }
        PhoneError::NotDigits => t!(language, "error-phone-digits"),
        PhoneError::NotAMobileOrLandline => t!(language, "error-phone-kind"),
    }
}

pub fn text(language: Language, error: &TextError) -> String {
    match error {
        TextError::Empty => t!(language, "error-required"),
        TextError::TooLong { max } => t!(language, "error-too-long", max = max.to_string()),
        TextError::ControlCharacter => t!(language, "error-control"),
    }
}

pub fn household_field(language: Language, error: &FieldError) -> String {
    match error {
        FieldError::Text(error) => text(language, error),
        FieldError::IdNumber(error) => id_number(language, error),
        FieldError::BornInFuture => t!(language, "error-id-future"),
        FieldError::Phone(error) => phone(language, error),
        FieldError::UnknownVillage => t!(language, "error-village"),
        FieldError::NoSuchGroup { groups } => {
            t!(language, "error-group", groups = groups.to_string())
        }
        FieldError::DuplicateIdNumber => t!(language, "error-id-repeated"),
    }
}

pub fn password(language: Language, problem: PasswordProblem) -> String {
    match problem {
        PasswordProblem::TooShort => t!(language, "error-password-short"),
        PasswordProblem::Mismatch => t!(language, "error-password-mismatch"),
    }
}

pub fn login(language: Language, error: &LoginError) -> String {
    match error {
        LoginError::WrongCredentials => t!(language, "login-wrong"),
        LoginError::Locked { until } => t!(
            language,
            "login-locked",
            until = until.format("%H:%M").to_string()
        ),
        LoginError::Pending => t!(language, "login-pending"),
        LoginError::Disabled => t!(language, "login-disabled"),
        LoginError::Store(error) => store(language, error),
    }
}

pub fn account(language: Language, error: &AccountError) -> String {
    match error {
        AccountError::LoginTaken => t!(language, "error-login-taken"),
        AccountError::PhoneTaken => t!(language, "error-phone-taken"),
        AccountError::Hash => store(language, &"argon2"),
        AccountError::Store(error) => store(language, error),
    }
}

pub fn case(language: Language, error: &CaseError) -> String {
    match error {
        CaseError::MaterialsMissing(missing) => {
            t!(
                language,
                "case-still-missing",
                materials = missing.join("、")
            )
        }
        CaseError::ReasonRequired => t!(language, "case-reason-required"),
        CaseError::NotResponsible => t!(language, "case-not-responsible"),
        CaseError::Illegal(_) => t!(language, "case-illegal"),
        CaseError::NoDeviceCode | CaseError::Store(crate::store::StoreError::NoDeviceCode) => {
            t!(language, "case-no-device-code")
        }
        other => store(language, other),
    }
}

/// A failure of the database (or another part of the machine) shown on a desk screen; the
/// detail also goes to the log.
pub fn store(language: Language, error: &dyn std::fmt::Display) -> String {
    let detail = error.to_string();
    tracing::error!(%detail, "error shown on the desk");
    t!(language, "error-store", detail = detail)
}
