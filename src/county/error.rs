//! What can go wrong at the county, in words for its staff.

use crate::domain::sync::bundle::BundleProblem;
use crate::i18n::Language;
use crate::t;

#[derive(Debug, thiserror::Error)]
pub enum CountyError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot use the data directory: {0}")]
    Io(#[from] std::io::Error),
    #[error("no case numbered {0}")]
    UnknownCase(String),
    #[error("case {0} is closed")]
    Closed(String),
    #[error("case {number} is {state:?}; that decision cannot be made now")]
    NotDecidable {
        number: String,
        state: crate::domain::application::CaseState,
    },
    #[error("the result is done or returned")]
    BadResult,
    #[error("terminal {device} of hall {hall} is registered already")]
    DeviceTaken { hall: String, device: String },
    #[error("a device code is two digits, 01-99")]
    BadDevice,
    #[error("a hall code is the 9-digit township code")]
    BadHall,
    #[error("no terminal {device} of hall {hall} is registered")]
    UnknownDevice { hall: String, device: String },
    #[error(transparent)]
    Bundle(#[from] BundleProblem),
}

impl crate::explain::Explain for CountyError {
    fn words(&self, l: Language) -> String {
        match self {
            CountyError::UnknownCase(number) => {
                t!(l, "county-error-unknown-case", number = number.as_str())
            }
            CountyError::Closed(number) => t!(l, "county-error-closed", number = number.as_str()),
            CountyError::NotDecidable { number, state } => t!(
                l,
                "county-error-not-decidable",
                number = number.as_str(),
                state = state.code()
            ),
            CountyError::BadResult => t!(l, "county-error-bad-result"),
            CountyError::DeviceTaken { hall, device } => t!(
                l,
                "county-error-device-taken",
                hall = hall.as_str(),
                device = device.as_str()
            ),
            CountyError::BadDevice => t!(l, "county-error-bad-device"),
            CountyError::BadHall => t!(l, "county-error-bad-hall"),
            CountyError::UnknownDevice { hall, device } => t!(
                l,
                "sync-bundle-unknown-device",
                hall = hall.as_str(),
                device = device.as_str()
            ),
            CountyError::Bundle(problem) => crate::sync::bundle_message(problem, l),
            CountyError::Sqlite(error) => crate::explain::sqlite(l, error),
            CountyError::Io(error) => error.words(l),
        }
    }
}
