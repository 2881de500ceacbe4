//! Where this terminal's county is and how it proves who it is, kept in the hall database.

use std::net::IpAddr;

use super::SyncError;
use crate::domain::sync::token;
use crate::store::{Result as StoreResult, Store};

const URL: &str = "sync_url";
const TOKEN: &str = "sync_token";
const CA_CERT: &str = "sync_ca_cert";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// e.g. `https://county.example/bianmin`; None for a hall that syncs only by USB.
    pub url: Option<String>,
    /// Issued by the county; also the key of this terminal's USB bundles.
    pub token: String,
    /// The county's certificate (PEM) when it is not signed by a public authority, e.g. a
    /// self-signed one. When set, the terminal trusts this certificate only, not the public
    /// roots: a stolen or mistaken public certificate for the county's name is refused too.
    pub ca_cert: Option<String>,
}

impl SyncConfig {
    /// Checks the address: https anywhere, plain http only to this machine (tests, a county
    /// server on the same box), so a token never crosses a network in the clear.
    pub fn new(url: &str, token: &str) -> Result<SyncConfig, SyncError> {
        let url = url.trim().trim_end_matches('/').to_owned();
        let config = SyncConfig::usb_only(token)?;
        let uri: ureq::http::Uri = url.parse().map_err(|_| SyncError::BadUrl(url.clone()))?;
        let host = uri.host().ok_or_else(|| SyncError::BadUrl(url.clone()))?;
        match uri.scheme_str() {
            Some("https") => {}
            Some("http") if is_loopback(host) => {}
            Some("http") => return Err(SyncError::PlainHttp(host.to_owned())),
            _ => return Err(SyncError::BadUrl(url.clone())),
        }
        Ok(SyncConfig {
            url: Some(url),
            ..config
        })
    }

    /// A hall with no connection: the token alone signs and checks its USB bundles.
    pub fn usb_only(token: &str) -> Result<SyncConfig, SyncError> {
        let token = token.trim().to_owned();
        if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(SyncError::BadToken);
        }
        Ok(SyncConfig {
            url: None,
            token,
            ca_cert: None,
        })
    }

    /// Trust this certificate (PEM: one or more CERTIFICATE blocks) for the county, instead of
    /// the public roots.
    pub fn with_ca_cert(self, pem: &str) -> Result<SyncConfig, SyncError> {
        trusted_certificates(pem)?;
        Ok(SyncConfig {
            ca_cert: Some(pem.trim().to_owned() + "\n"),
            ..self
        })
    }

    pub fn load(store: &Store) -> StoreResult<Option<SyncConfig>> {
        let url = store.meta(URL)?;
        let ca_cert = store.meta(CA_CERT)?;
        Ok(store.meta(TOKEN)?.map(|token| SyncConfig {
            url,
            token,
            ca_cert,
        }))
    }

    /// Saves the settings. The token names the hall and terminal it was made for: another
    /// hall's token, or another terminal's, is refused; a terminal with no device code yet takes
    /// the token's (in the same transaction).
    pub fn save(&self, store: &mut Store) -> Result<(), SyncError> {
        let claim = token::claim(&self.token).ok_or(SyncError::TokenWithoutClaim)?;
        let hall = store.township_code()?.ok_or(SyncError::NoHall)?;
        let wrong = |our_device: String| SyncError::WrongIdentity {
            hall: claim.hall.clone(),
            device: claim.device.as_str().to_owned(),
            our_hall: hall.clone(),
            our_device,
        };
        if claim.hall != hall {
            let ours = store.device_code()?.map(|code| code.as_str().to_owned());
            return Err(wrong(
                ours.unwrap_or_else(|| claim.device.as_str().to_owned()),
            ));
        }
        let values = [
            (URL, self.url.as_deref()),
            (TOKEN, Some(self.token.as_str())),
            (CA_CERT, self.ca_cert.as_deref()),
        ];
        match store.set_meta_values_for_device(&values, &claim.device)? {
            Ok(()) => Ok(()),
            Err(ours) => Err(wrong(ours.as_str().to_owned())),
        }
    }

    /// The county's address, or why there is none.
    pub fn address(&self) -> Result<&str, SyncError> {
        self.url.as_deref().ok_or(SyncError::NoAddress)
    }
}

/// The certificates of a PEM text, or why it has none.
pub(crate) fn trusted_certificates(
    pem: &str,
) -> Result<Vec<ureq::tls::Certificate<'static>>, SyncError> {
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(pem.as_bytes()) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(error) => return Err(SyncError::BadCaCert(error.to_string())),
        }
    }
    if certificates.is_empty() {
        return Err(SyncError::BadCaCert("no CERTIFICATE block".into()));
    }
    Ok(certificates)
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_allowed_only_to_this_machine() {
        assert!(SyncConfig::new("http://127.0.0.1:8080/", "t").is_ok());
        assert!(SyncConfig::new("http://localhost:1", "t").is_ok());
        assert!(SyncConfig::new("http://[::1]:1", "t").is_ok());
        assert!(SyncConfig::new("https://county.example/bm", "t").is_ok());
        assert!(matches!(
            SyncConfig::new("http://county.example", "t"),
            Err(SyncError::PlainHttp(_))
        ));
        assert!(matches!(
            SyncConfig::new("http://10.0.0.1", "t"),
            Err(SyncError::PlainHttp(_))
        ));
        assert!(matches!(
            SyncConfig::new("ftp://x", "t"),
            Err(SyncError::BadUrl(_))
        ));
        assert!(matches!(
            SyncConfig::new("https://x", " "),
            Err(SyncError::BadToken)
        ));
    }

    #[test]
    fn the_url_loses_its_trailing_slash() {
        let config = SyncConfig::new("https://county.example/bm/", "t").unwrap();
        assert_eq!(config.url.as_deref(), Some("https://county.example/bm"));
        assert_eq!(SyncConfig::usb_only("t").unwrap().url, None);
    }

    #[test]
    fn a_county_certificate_must_be_a_pem_certificate() {
        let config = SyncConfig::new("https://county.example", "t").unwrap();
        assert!(matches!(
            config.clone().with_ca_cert("not a certificate"),
            Err(SyncError::BadCaCert(_))
        ));
        assert!(matches!(
            config.with_ca_cert("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"),
            Err(SyncError::BadCaCert(_))
        ));
    }
}
