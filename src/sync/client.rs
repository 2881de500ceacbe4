//! The HTTP side of the hall: whoami, push and pull, with a deadline on every call so a county
//! that hangs cannot hang the hall.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::Agent;
use ureq::tls::{RootCerts, TlsConfig};

use super::SyncError;
use super::config::{SyncConfig, trusted_certificates};
use super::wire::{Ack, ErrorBody, Event, Identity, PullResponse, PushResponse};

/// Largest answer read from the county.
const MAX_ANSWER: u64 = 64 * 1024 * 1024;

pub struct CountyClient {
    agent: Agent,
    url: String,
    authorization: String,
}

impl CountyClient {
    pub fn new(config: &SyncConfig, timeout: Duration) -> Result<CountyClient, SyncError> {
        let mut builder = Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false);
        if let Some(pem) = &config.ca_cert {
            // The county's own certificate instead of the public roots.
            let certificates = trusted_certificates(pem)?;
            builder = builder.tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::new_with_certs(&certificates))
                    .build(),
            );
        }
        let agent = builder.build().new_agent();
        Ok(CountyClient {
            agent,
            url: config.address()?.to_owned(),
            authorization: format!("Bearer {}", config.token),
        })
    }

    pub fn whoami(&self) -> Result<Identity, SyncError> {
        let response = self
            .agent
            .get(format!("{}/v1/whoami", self.url))
            .header("Authorization", &self.authorization)
            .call();
        answer(response)
    }

    pub fn push(&self, events: &[Event]) -> Result<Vec<Ack>, SyncError> {
        // The same JSON as `PushRequest`, without copying the events.
        #[derive(Serialize)]
        struct Push<'a> {
            events: &'a [Event],
        }
        let body = body(&Push { events })?;
        let response = self
            .agent
            .post(format!("{}/v1/events", self.url))
            .header("Authorization", &self.authorization)
            .header("Content-Type", "application/json")
            .send(&body[..]);
        let answer: PushResponse = answer(response)?;
        Ok(answer.acks)
    }

    pub fn pull(&self, since: u64, limit: usize) -> Result<PullResponse, SyncError> {
        let response = self
            .agent
            .get(format!("{}/v1/events", self.url))
            .query("since", since.to_string())
            .query("limit", limit.to_string())
            .header("Authorization", &self.authorization)
            .call();
        answer(response)
    }
}

fn body<T: Serialize>(value: &T) -> Result<Vec<u8>, SyncError> {
    serde_json::to_vec(value).map_err(|error| SyncError::Protocol(error.to_string()))
}

fn answer<T: DeserializeOwned>(
    response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<T, SyncError> {
    let response = response.map_err(transport)?;
    let status = response.status().as_u16();
    let text = response
        .into_body()
        .into_with_config()
        .limit(MAX_ANSWER)
        .read_to_string()
        .map_err(transport)?;
    match status {
        200 => serde_json::from_str(&text).map_err(|error| SyncError::Protocol(error.to_string())),
        401 | 403 => Err(SyncError::Unauthorized),
        409 => {
            let expected = serde_json::from_str::<ErrorBody>(&text)
                .ok()
                .and_then(|body| body.expected_seq)
                .unwrap_or(0);
            Err(SyncError::Gap { expected })
        }
        status => Err(SyncError::Server { status }),
    }
}

fn transport(error: ureq::Error) -> SyncError {
    if let Some(problem) = certificate_problem(&error) {
        return SyncError::Certificate(problem);
    }
    match error {
        ureq::Error::Timeout(_) => SyncError::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => SyncError::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::WouldBlock => SyncError::Timeout,
        other => SyncError::Unreachable(other.to_string()),
    }
}

/// The words of a refused certificate, if that is why the call failed.
fn certificate_problem(error: &ureq::Error) -> Option<String> {
    let rustls_error = match error {
        ureq::Error::Rustls(error) => Some(error),
        ureq::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>()),
        _ => None,
    }?;
    match rustls_error {
        rustls::Error::InvalidCertificate(problem) => Some(format!("{problem:?}")),
        rustls::Error::NoCertificatesPresented => Some(rustls_error.to_string()),
        _ => None,
    }
}
