//! Reading a request body within limits: no more than `max_body` bytes, within the body
//! timeout plus one second for every `min_rate` bytes that arrived (so a body trickling in a
//! byte a second is cut off, while a large one on a reasonable line completes), and within a
//! budget shared by every body in memory at once (past it the county answers "busy").

use std::sync::Arc;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::Limits;

/// Bodies reserve the shared budget in steps of this many bytes.
const STEP: usize = 256 * 1024;

pub(super) enum BodyProblem {
    TooLarge,
    TimedOut,
    Busy,
    Broken,
}

/// A body read in full, with its share of the memory budget (released on drop).
pub(super) struct ReadBody {
    pub bytes: Vec<u8>,
    _budget: Option<OwnedSemaphorePermit>,
}

pub(super) async fn read(
    mut body: Incoming,
    limits: &Limits,
    budget: &Arc<Semaphore>,
) -> Result<ReadBody, BodyProblem> {
    let started = Instant::now();
    let mut bytes = Vec::new();
    let mut reserved: Option<OwnedSemaphorePermit> = None;
    let mut reserved_bytes = 0usize;
    loop {
        let allowance = limits.body_timeout.as_secs_f64() + bytes.len() as f64 / limits.min_rate;
        let deadline = started + std::time::Duration::from_secs_f64(allowance);
        let frame = match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return Err(BodyProblem::TimedOut),
            Ok(None) => break,
            Ok(Some(Err(_))) => return Err(BodyProblem::Broken),
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if bytes.len() + data.len() > limits.max_body {
            return Err(BodyProblem::TooLarge);
        }
        while bytes.len() + data.len() > reserved_bytes {
            let permit = Arc::clone(budget)
                .try_acquire_many_owned(units(STEP))
                .map_err(|_| BodyProblem::Busy)?;
            match reserved.as_mut() {
                Some(reserved) => reserved.merge(permit),
                None => reserved = Some(permit),
            }
            reserved_bytes += STEP;
        }
        bytes.extend_from_slice(&data);
    }
    Ok(ReadBody {
        bytes,
        _budget: reserved,
    })
}

/// Budget permits are KiB.
pub(super) fn units(bytes: usize) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
}
