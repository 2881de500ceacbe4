//! Pushing this terminal's events to the county, a batch at a time, oldest first.
//!
//! The calls to the county stay strictly one after another (it takes each terminal's events in
//! order of their numbers), but the terminal's own database work overlaps them: while the
//! county stores one batch, the terminal records the answers to the batch before it and takes
//! (marks `sending`) the one after it. On a failure every event taken and not answered goes to
//! `failed`, as before; an event the county stored but whose answer was lost is sent again
//! later and answered as a duplicate. Pushes grow while the county answers fast
//! (`domain::sync::batch`).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::SyncError;
use super::client::CountyClient;
use super::run::{Failure, SyncOptions, SyncReport, to_wire};
use super::wire::{Ack, Event};
use crate::clock;
use crate::domain::sync::batch::next_size;
use crate::store::{QueuedEvent, Store};

/// A batch the county answered, waiting for its answers to be recorded.
struct Answered {
    ids: Vec<String>,
    acks: Vec<Ack>,
}

/// Pushes every sendable event; adds what the county said to `report`.
pub(super) fn push_all(
    store: &mut Store,
    client: &CountyClient,
    (hall, device): (&str, &str),
    options: &SyncOptions,
    report: &mut SyncReport,
) -> Result<(), Failure> {
    let mut size = options.batch;
    let mut batch = take(store, size, options)?;
    let mut answered: Option<Answered> = None;
    while !batch.is_empty() {
        let ids: Vec<String> = batch.iter().map(|event| event.id.clone()).collect();
        let events: Vec<Event> = batch
            .into_iter()
            .map(|event| to_wire(event, hall, device))
            .collect();
        let (pushed, took, meanwhile) = std::thread::scope(|scope| {
            let push = scope.spawn(|| timed(|| client.push(&events)));
            let meanwhile = match answered.take() {
                Some(previous) => record(store, previous, report),
                None => Ok(()),
            }
            .and_then(|()| take(store, size, options));
            let (pushed, took) = push
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (pushed, took, meanwhile)
        });
        match (pushed, meanwhile) {
            (Ok(acks), Ok(next)) => {
                size = next_size(
                    size,
                    took,
                    options.timeout,
                    options.batch,
                    options.max_batch,
                );
                report.pushed += ids.len() as u64;
                answered = Some(Answered { ids, acks });
                batch = next;
            }
            (Err(error), meanwhile) => {
                let mut in_flight = ids;
                match meanwhile {
                    Ok(next) => in_flight.extend(next.into_iter().map(|event| event.id)),
                    Err((_, more)) => in_flight.extend(more),
                }
                return Err((error, in_flight));
            }
            // The county has this batch, but its answers cannot be recorded now.
            (Ok(_), Err((error, mut in_flight))) => {
                in_flight.extend(ids);
                return Err((error, in_flight));
            }
        }
    }
    match answered {
        Some(last) => record(store, last, report),
        None => Ok(()),
    }
}

fn take(
    store: &mut Store,
    size: usize,
    options: &SyncOptions,
) -> Result<Vec<QueuedEvent>, Failure> {
    store
        .take_for_sending(size, clock::now(), options.forced)
        .map_err(|error| (error.into(), Vec::new()))
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let done = work();
    (done, started.elapsed())
}

/// Records a batch's answers in one transaction.
fn record(store: &mut Store, answered: Answered, report: &mut SyncReport) -> Result<(), Failure> {
    let Answered { ids, acks } = answered;
    let counts = match store.record_acks(&acks, clock::now()) {
        Ok(counts) => counts,
        Err(error) => return Err((error.into(), ids)),
    };
    report.accepted += counts.accepted;
    report.duplicate += counts.duplicate;
    report.rejected += counts.rejected;
    // An event the county did not answer for must not stay `sending`. (Every answer moved its
    // event on to sent or rejected, so only the events without one are looked up.)
    let answered: HashSet<&str> = acks.iter().map(|ack| ack.id.as_str()).collect();
    let unacknowledged: Vec<String> = ids
        .iter()
        .filter(|id| !answered.contains(id.as_str()))
        .cloned()
        .collect();
    let unanswered = store
        .still_sending(&unacknowledged)
        .map_err(|error| (error.into(), Vec::new()))?;
    if !unanswered.is_empty() {
        return Err((
            SyncError::Protocol(format!("{} events without an answer", unanswered.len())),
            unanswered,
        ));
    }
    Ok(())
}
