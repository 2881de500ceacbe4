//! Words for what people type wrong and what the desk's saves refuse.

use super::Explain;
use crate::domain::account::PasswordProblem;
use crate::domain::household::FieldError;
use crate::domain::id_number::IdNumberError;
use crate::domain::name::{Shown, code_point, shown};
use crate::domain::phone::PhoneError;
use crate::domain::text::TextError;
use crate::i18n::Language;
use crate::store::{AccountError, CaseError, DeviceCodeError, HouseholdError, LoginError};
use crate::t;

impl Explain for IdNumberError {
    fn words(&self, language: Language) -> String {
        match self {
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
}

impl Explain for PhoneError {
    fn words(&self, language: Language) -> String {
        match self {
            PhoneError::Empty => t!(language, "error-required"),
            PhoneError::WrongLength(length) => {
                t!(language, "error-phone-length", length = length.to_string())
            }
            PhoneError::NotDigits => t!(language, "error-phone-digits"),
            PhoneError::NotAMobileOrLandline => t!(language, "error-phone-kind"),
        }
    }
}

impl Explain for TextError {
    fn words(&self, language: Language) -> String {
        match self {
            TextError::Empty => t!(language, "error-required"),
            TextError::TooLong { max } => t!(language, "error-too-long", max = max.to_string()),
            TextError::ControlCharacter(c) => t!(language, "error-control", code = code_point(*c)),
            TextError::NotInName(c) => match shown(*c) {
                Shown::Visible => t!(
                    language,
                    "name-refused-char",
                    char = c.to_string(),
                    code = code_point(*c)
                ),
                Shown::Invisible => t!(language, "name-refused-invisible", code = code_point(*c)),
                Shown::PrivateUse => {
                    t!(language, "name-refused-private-use", code = code_point(*c))
                }
                Shown::Unassigned => {
                    t!(language, "name-refused-unassigned", code = code_point(*c))
                }
            },
            TextError::LookAlikeDot(c) => t!(
                language,
                "name-look-alike-dot",
                char = c.to_string(),
                code = code_point(*c)
            ),
            TextError::LooseSeparator(' ') => t!(language, "name-loose-space"),
            TextError::LooseSeparator(c) => t!(
                language,
                "name-loose-separator",
                char = c.to_string(),
                code = code_point(*c)
            ),
        }
    }
}

impl Explain for FieldError {
    fn words(&self, language: Language) -> String {
        match self {
            FieldError::Text(error) => error.words(language),
            FieldError::IdNumber(error) => error.words(language),
            FieldError::BornInFuture => t!(language, "error-id-future"),
            FieldError::Phone(error) => error.words(language),
            FieldError::UnknownVillage => t!(language, "error-village"),
            FieldError::NoSuchGroup { groups } => {
                t!(language, "error-group", groups = groups.to_string())
            }
            FieldError::DuplicateIdNumber => t!(language, "error-id-repeated"),
        }
    }
}

impl Explain for PasswordProblem {
    fn words(&self, language: Language) -> String {
        match self {
            PasswordProblem::TooShort => t!(language, "error-password-short"),
            PasswordProblem::Mismatch => t!(language, "error-password-mismatch"),
        }
    }
}

impl Explain for LoginError {
    fn words(&self, language: Language) -> String {
        match self {
            LoginError::WrongCredentials => t!(language, "login-wrong"),
            LoginError::Locked { until } => t!(
                language,
                "login-locked",
                until = until.format("%H:%M").to_string()
            ),
            LoginError::Pending => t!(language, "login-pending"),
            LoginError::Disabled => t!(language, "login-disabled"),
            LoginError::Store(error) => error.words(language),
        }
    }
}

impl Explain for AccountError {
    fn words(&self, language: Language) -> String {
        match self {
            AccountError::LoginTaken => t!(language, "error-login-taken"),
            AccountError::PhoneTaken => t!(language, "error-phone-taken"),
            AccountError::Hash => t!(language, "error-password-hash"),
            AccountError::TooManyPending { max } => {
                t!(language, "register-full", max = max.to_string())
            }
            AccountError::NotPending => t!(language, "accounts-not-pending"),
            AccountError::Store(error) => error.words(language),
        }
    }
}

impl Explain for DeviceCodeError {
    fn words(&self, language: Language) -> String {
        match self {
            DeviceCodeError::InUse { current } => t!(
                language,
                "device-code-in-use",
                current = current.as_str().to_owned()
            ),
            DeviceCodeError::Store(error) => error.words(language),
        }
    }
}

impl Explain for HouseholdError {
    fn words(&self, language: Language) -> String {
        match self {
            HouseholdError::PersonElsewhere { masked } => {
                t!(language, "household-person-elsewhere", id = masked.as_str())
            }
            HouseholdError::HeadElsewhere { household } => t!(
                language,
                "household-head-elsewhere",
                household = household.as_str()
            ),
            HouseholdError::Store(error) => error.words(language),
        }
    }
}

impl Explain for CaseError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            CaseError::UnknownHousehold => t!(l, "case-unknown-household"),
            CaseError::NotInHousehold => t!(l, "case-not-in-household"),
            CaseError::UnknownItem => t!(l, "case-unknown-item"),
            CaseError::MaterialsMismatch => t!(l, "case-materials-mismatch"),
            CaseError::UnknownCase => t!(l, "case-unknown"),
            CaseError::UnknownAgent => t!(l, "case-unknown-agent"),
            CaseError::Illegal(_) => t!(l, "case-illegal"),
            CaseError::ReasonRequired => t!(l, "case-reason-required"),
            CaseError::MaterialsMissing(missing) => {
                t!(l, "case-still-missing", materials = missing.join("、"))
            }
            CaseError::NotResponsible => t!(l, "case-not-responsible"),
            CaseError::NoSerialLeft => t!(l, "case-no-serial-left"),
            CaseError::NoDeviceCode => t!(l, "case-no-device-code"),
            CaseError::Store(error) => error.words(l),
        }
    }
}

impl Explain for crate::store::ConflictError {
    fn words(&self, language: Language) -> String {
        use crate::store::ConflictError;
        match self {
            ConflictError::Unknown => t!(language, "sync-conflict-unknown"),
            ConflictError::Case(error) => error.words(language),
            ConflictError::Store(error) => error.words(language),
        }
    }
}

impl Explain for crate::settings::SettingProblem {
    fn words(&self, language: Language) -> String {
        use crate::settings::SettingProblem;
        let l = language;
        match self {
            SettingProblem::Unreadable => t!(l, "setting-unreadable"),
            SettingProblem::NotToml => t!(l, "setting-not-toml"),
            SettingProblem::NotSeconds => t!(l, "setting-not-seconds"),
            SettingProblem::NotTextSize => t!(l, "setting-not-text-size"),
            SettingProblem::NotLanguage => t!(l, "setting-not-language"),
            SettingProblem::NotPrinter => t!(l, "setting-not-printer"),
            SettingProblem::NotSpeechRate => t!(l, "setting-not-speech-rate"),
            SettingProblem::NotProgram => t!(l, "setting-not-program"),
            SettingProblem::Unknown => t!(l, "setting-unknown"),
        }
    }
}

/// A content package's problems: how many, and the first in words (the rest are listed apart).
fn content_problems(language: Language, errors: &[crate::content::ContentError]) -> String {
    let first = errors
        .first()
        .map(|error| error.words(language))
        .unwrap_or_default();
    t!(
        language,
        "setup-content-problems",
        count = errors.len(),
        first = first
    )
}

impl Explain for crate::setup::SetupError {
    fn words(&self, language: Language) -> String {
        use crate::setup::SetupError;
        let l = language;
        match self {
            SetupError::Content(errors) => content_problems(l, errors),
            SetupError::Sample => t!(l, "setup-profile-sample"),
            SetupError::NotAProfile(_) => t!(l, "setup-not-a-profile"),
            SetupError::Io(error) => super::io(l, error.kind()),
            SetupError::Store(error) => error.words(l),
            SetupError::Save(error) => error.words(l),
        }
    }
}

impl Explain for crate::content_edit::EditError {
    fn words(&self, language: Language) -> String {
        use crate::content_edit::EditError;
        let l = language;
        match self {
            EditError::Content(errors) => content_problems(l, errors),
            EditError::Unchanged => t!(l, "content-edit-unchanged"),
            EditError::Moved { .. } => t!(l, "content-edit-moved"),
            EditError::NoRevision(id) => t!(l, "content-edit-no-revision", id = id.to_string()),
            EditError::NotEmpty(dir) => {
                t!(l, "content-edit-not-empty", dir = dir.display().to_string())
            }
            EditError::Render(_) => t!(l, "content-edit-render"),
            EditError::Io(error) => super::io(l, error.kind()),
            EditError::Store(error) => error.words(l),
        }
    }
}
