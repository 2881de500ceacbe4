//! Why a sync, an export or an import did not happen, in words for staff (zh-CN and en).

use crate::domain::sync::bundle::BundleProblem;
use crate::explain::Explain;
use crate::i18n::Language;
use crate::store::StoreError;
use crate::t;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("sync is not configured")]
    NotConfigured,
    #[error("this terminal syncs by USB only (no county address)")]
    NoAddress,
    #[error("not a usable county address: {0}")]
    BadUrl(String),
    #[error("plain http only to this machine, not to {0}")]
    PlainHttp(String),
    #[error("the device token is empty or has spaces")]
    BadToken,
    /// A token that does not say which hall and terminal it is for (an older county's).
    #[error("the device token does not name its hall and device")]
    TokenWithoutClaim,
    #[error("the county cannot be reached: {0}")]
    Unreachable(String),
    #[error("the county did not answer in time")]
    Timeout,
    /// TLS refused the county's certificate (not trusted, expired, another name).
    #[error("the county's certificate is not trusted: {0}")]
    Certificate(String),
    #[error("the county certificate file cannot be used: {0}")]
    BadCaCert(String),
    #[error("the county refused this terminal's token")]
    Unauthorized,
    #[error(
        "the token belongs to device {device} of hall {hall}, but this is device {our_device} of hall {our_hall}"
    )]
    WrongIdentity {
        hall: String,
        device: String,
        our_hall: String,
        our_device: String,
    },
    #[error("the county is missing earlier events (expects number {expected})")]
    Gap { expected: u64 },
    #[error("the county answered with an error ({status})")]
    Server { status: u16 },
    #[error("the county's answer could not be read: {0}")]
    Protocol(String),
    #[error("another sync is running")]
    Busy,
    #[error("this terminal has no hall profile yet")]
    NoHall,
    #[error(transparent)]
    Bundle(#[from] BundleProblem),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// The folder for a USB bundle is not there (no stick plugged in).
    #[error("no folder {}", .0.display())]
    NoFolder(std::path::PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for SyncError {
    fn from(error: rusqlite::Error) -> Self {
        SyncError::Store(error.into())
    }
}

impl SyncError {
    /// No connection (or no answer): the normal state of an offline hall, retried later.
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Unreachable(_) | SyncError::Timeout)
    }
}

impl Explain for SyncError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            SyncError::NotConfigured => t!(l, "sync-error-not-configured"),
            SyncError::NoAddress => t!(l, "sync-error-no-address"),
            SyncError::BadUrl(url) => t!(l, "sync-error-bad-url", url = url.as_str()),
            SyncError::PlainHttp(host) => t!(l, "sync-error-plain-http", host = host.as_str()),
            SyncError::BadToken => t!(l, "sync-error-bad-token"),
            SyncError::TokenWithoutClaim => t!(l, "sync-error-token-without-claim"),
            // The network library's (English) detail goes to the log only.
            SyncError::Unreachable(_) => t!(l, "sync-error-unreachable"),
            SyncError::Timeout => t!(l, "sync-error-timeout"),
            SyncError::Certificate(_) => t!(l, "sync-error-certificate"),
            SyncError::BadCaCert(_) => t!(l, "sync-error-bad-ca-cert"),
            SyncError::Unauthorized => t!(l, "sync-error-unauthorized"),
            SyncError::WrongIdentity {
                hall,
                device,
                our_hall,
                our_device,
            } => t!(
                l,
                "sync-error-wrong-identity",
                hall = hall.as_str(),
                device = device.as_str(),
                our_hall = our_hall.as_str(),
                our_device = our_device.as_str()
            ),
            SyncError::Gap { expected } => {
                t!(l, "sync-error-gap", expected = expected.to_string())
            }
            SyncError::Server { status } => {
                t!(l, "sync-error-server", status = status.to_string())
            }
            SyncError::Protocol(_) => t!(l, "sync-error-protocol"),
            SyncError::Busy => t!(l, "sync-error-busy"),
            SyncError::NoHall => t!(l, "sync-error-no-hall"),
            SyncError::Bundle(problem) => bundle_message(problem, l),
            SyncError::Io(error) => error.words(l),
            SyncError::NoFolder(folder) => t!(
                l,
                "sync-screen-no-folder",
                folder = folder.display().to_string()
            ),
            SyncError::Store(StoreError::NoDeviceCode) => t!(l, "device-code-missing"),
            SyncError::Store(error) => error.words(l),
        }
    }
}

pub fn bundle_message(problem: &BundleProblem, l: Language) -> String {
    let kind_name = |kind: crate::domain::sync::bundle::BundleKind| match kind {
        crate::domain::sync::bundle::BundleKind::Events => t!(l, "sync-bundle-kind-events"),
        crate::domain::sync::bundle::BundleKind::Reply => t!(l, "sync-bundle-kind-reply"),
    };
    match problem {
        BundleProblem::NotABundle => t!(l, "sync-bundle-not-a-bundle"),
        BundleProblem::Truncated => t!(l, "sync-bundle-truncated"),
        BundleProblem::Damaged { line } => t!(l, "sync-bundle-damaged", line = line.to_string()),
        BundleProblem::DigestMismatch => t!(l, "sync-bundle-digest"),
        BundleProblem::WrongKey => t!(l, "sync-bundle-wrong-key"),
        BundleProblem::WrongKind { expected, found } => t!(
            l,
            "sync-bundle-wrong-kind",
            expected = kind_name(*expected),
            found = kind_name(*found)
        ),
        BundleProblem::ForeignHall { expected, found } => t!(
            l,
            "sync-bundle-foreign-hall",
            expected = expected.as_str(),
            found = found.as_str()
        ),
        BundleProblem::UnknownDevice { hall, device } => t!(
            l,
            "sync-bundle-unknown-device",
            hall = hall.as_str(),
            device = device.as_str()
        ),
        BundleProblem::Gap { expected, found } => t!(
            l,
            "sync-bundle-gap",
            expected = expected.to_string(),
            found = found.to_string()
        ),
        BundleProblem::OutOfOrder { found } => {
            t!(l, "sync-bundle-out-of-order", found = found.to_string())
        }
        BundleProblem::CountMismatch { declared, found } => t!(
            l,
            "sync-bundle-count",
            declared = declared.to_string(),
            found = found.to_string()
        ),
        BundleProblem::OlderReply { bundle, have } => t!(
            l,
            "sync-bundle-older-reply",
            bundle = bundle.to_string(),
            have = have.to_string()
        ),
    }
}
