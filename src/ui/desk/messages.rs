//! Old names for the words of form errors, kept while the desk's screens move to
//! [`crate::explain`]; each is that trait's words, logged.

use crate::domain::account::PasswordProblem;
use crate::domain::phone::PhoneError;
use crate::domain::text::TextError;
use crate::explain::{Explain, shown};
use crate::i18n::Language;
use crate::store::{AccountError, LoginError, StoreError};

pub fn phone(language: Language, error: &PhoneError) -> String {
    error.words(language)
}

pub fn text(language: Language, error: &TextError) -> String {
    error.words(language)
}

pub fn password(language: Language, problem: PasswordProblem) -> String {
    problem.words(language)
}

pub fn login(language: Language, error: &LoginError) -> String {
    shown(language, error)
}

pub fn account(language: Language, error: &AccountError) -> String {
    shown(language, error)
}

pub fn store(language: Language, error: &StoreError) -> String {
    shown(language, error)
}
