//! The endpoints of docs/sync-protocol.md: `GET /health`, `GET /v1/whoami`, `POST /v1/events`
//! (push) and `GET /v1/events` (pull). Every database call runs on the blocking pool.

use std::sync::Arc;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde::Serialize;
use tokio::sync::Semaphore;

use super::body::{self, BodyProblem};
use super::pool::Pool;
use super::{Limits, MAX_PAGE};
use crate::county::{CountyError, Device, Ingested};
use crate::sync::wire::{ErrorBody, Identity, PushRequest, PushResponse};

pub(super) struct Shared {
    pub pool: Arc<Pool>,
    pub limits: Limits,
    /// KiB of request bodies that may be in memory at once.
    pub bodies: Arc<Semaphore>,
}

type Answer = Response<Full<Bytes>>;

pub(super) async fn handle(shared: Arc<Shared>, request: Request<Incoming>) -> Answer {
    let path = request.uri().path().to_owned();
    if path == "/health" {
        return match *request.method() {
            Method::GET | Method::HEAD => text(StatusCode::OK, "ok"),
            _ => error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
        };
    }
    let Some(device) = authenticate(&shared, &request).await else {
        return error(StatusCode::UNAUTHORIZED, "unauthorized");
    };
    let result = match (request.method().clone(), path.as_str()) {
        (Method::GET, "/v1/whoami") => Ok(json(
            StatusCode::OK,
            &Identity {
                hall: device.hall.clone(),
                device: device.code.clone(),
                name: device.name.clone(),
            },
        )),
        (Method::POST, "/v1/events") => push(&shared, device, request).await,
        (Method::GET, "/v1/events") => {
            let query = request.uri().query().unwrap_or("").to_owned();
            pull(&shared, device, &query).await
        }
        _ => Ok(error(StatusCode::NOT_FOUND, "not found")),
    };
    result.unwrap_or_else(|problem| {
        tracing::error!("county request {path} failed: {problem}");
        error(StatusCode::INTERNAL_SERVER_ERROR, "internal")
    })
}

async fn authenticate(shared: &Shared, request: &Request<Incoming>) -> Option<Device> {
    let header = request.headers().get(hyper::header::AUTHORIZATION)?;
    let token = header
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?
        .trim()
        .to_owned();
    shared
        .pool
        .run(move |store| store.authenticate(&token))
        .await
        .ok()
        .flatten()
}

async fn push(
    shared: &Shared,
    device: Device,
    request: Request<Incoming>,
) -> Result<Answer, CountyError> {
    let limits = &shared.limits;
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limits.max_body as u64) {
        return Ok(closing(error(StatusCode::PAYLOAD_TOO_LARGE, "too large")));
    }
    let body = match body::read(request.into_body(), limits, &shared.bodies).await {
        Ok(body) => body,
        Err(BodyProblem::TooLarge) => {
            return Ok(closing(error(StatusCode::PAYLOAD_TOO_LARGE, "too large")));
        }
        Err(BodyProblem::TimedOut) => {
            return Ok(closing(error(StatusCode::REQUEST_TIMEOUT, "timeout")));
        }
        Err(BodyProblem::Busy) => {
            return Ok(closing(error(StatusCode::SERVICE_UNAVAILABLE, "busy")));
        }
        Err(BodyProblem::Broken) => {
            return Ok(closing(error(StatusCode::BAD_REQUEST, "bad request")));
        }
    };
    let max_events = limits.max_events;
    shared
        .pool
        .run(move |store| {
            // Parsed here, off the async workers; the body's budget is held until it is done.
            let body = body;
            let Ok(push) = serde_json::from_slice::<PushRequest>(&body.bytes) else {
                return Ok(error(StatusCode::BAD_REQUEST, "bad request"));
            };
            if push.events.len() > max_events {
                return Ok(error(StatusCode::PAYLOAD_TOO_LARGE, "too many events"));
            }
            Ok(match store.ingest(&device, &push.events)? {
                Ingested::Acks(acks) => json(StatusCode::OK, &PushResponse { acks }),
                Ingested::Gap { expected } => json(
                    StatusCode::CONFLICT,
                    &ErrorBody {
                        error: "gap".into(),
                        expected_seq: Some(expected),
                    },
                ),
            })
        })
        .await
}

async fn pull(shared: &Shared, device: Device, query: &str) -> Result<Answer, CountyError> {
    let mut since = 0u64;
    let mut limit = 1000usize;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("since", value)) => match value.parse() {
                Ok(value) => since = value,
                Err(_) => return Ok(error(StatusCode::BAD_REQUEST, "bad since")),
            },
            Some(("limit", value)) => match value.parse::<usize>() {
                Ok(value) => limit = value.clamp(1, MAX_PAGE),
                Err(_) => return Ok(error(StatusCode::BAD_REQUEST, "bad limit")),
            },
            _ => {}
        }
    }
    shared
        .pool
        .run(move |store| {
            let page = store.pull(&device.hall, &device.code, since, limit)?;
            Ok(json(StatusCode::OK, &page))
        })
        .await
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Answer {
    match serde_json::to_vec(value) {
        Ok(body) => respond(status, "application/json", body),
        Err(_) => respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "application/json",
            br#"{"error":"internal"}"#.to_vec(),
        ),
    }
}

fn error(status: StatusCode, message: &str) -> Answer {
    json(
        status,
        &ErrorBody {
            error: message.to_owned(),
            expected_seq: None,
        },
    )
}

fn text(status: StatusCode, body: &str) -> Answer {
    respond(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The rest of an unread body is not worth waiting for: the connection ends after the answer.
fn closing(mut response: Answer) -> Answer {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}
