//! One sync: push this terminal's events oldest first, then pull what the rest of the hall and
//! the county did. One sender at a time (a lock that dies with its process); after a failure the
//! background sync waits per the backoff, while "sync now" (`forced`) goes at once.

use crate::explain::Explain;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::SyncError;
use super::client::CountyClient;
use super::config::SyncConfig;
use super::wire::Event;
use crate::clock;
use crate::domain::sync::backoff::retry_delay;
use crate::i18n::Language;
use crate::store::{QueuedEvent, Store};

#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// A person asked ("sync now"): ignore the backoff wait and retry failed events at once.
    pub forced: bool,
    /// Events in the first push; later pushes grow while the county answers fast (see
    /// `domain::sync::batch`), up to `max_batch`.
    pub batch: usize,
    /// The most events in one push (never fewer than `batch`).
    pub max_batch: usize,
    /// Events per pull page.
    pub page: usize,
    /// The longest one call to the county may take.
    pub timeout: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            forced: false,
            batch: 1000,
            max_batch: crate::domain::sync::batch::MAX_EVENTS,
            page: 1000,
            timeout: Duration::from_secs(20),
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub pushed: u64,
    pub accepted: u64,
    pub duplicate: u64,
    pub rejected: u64,
    pub pulled: u64,
    pub applied: u64,
    pub conflicts: u64,
    pub skipped: u64,
    /// Set when nothing was done because the backoff says to wait until then (RFC 3339).
    pub waiting_until: Option<String>,
}

/// Opens the terminal's database in `data_dir` and syncs once: the call for a background
/// thread or an iced `Task` (it never touches the UI's own connection).
pub fn sync_once(data_dir: &Path, options: &SyncOptions) -> Result<SyncReport, SyncError> {
    let mut store = Store::open_dir(data_dir)?;
    sync_store(&mut store, options)
}

pub fn sync_store(store: &mut Store, options: &SyncOptions) -> Result<SyncReport, SyncError> {
    let config = SyncConfig::load(store)?.ok_or(SyncError::NotConfigured)?;
    config.address()?;
    let now = clock::now();
    if !options.forced
        && let Some(at) = store.sync_next_retry()?
        && at > now
    {
        return Ok(SyncReport {
            waiting_until: Some(at.to_rfc3339()),
            ..SyncReport::default()
        });
    }
    let Some(lock) = store.take_sender_lock()? else {
        return Err(SyncError::Busy);
    };
    tracing::info!(forced = options.forced, "sync started");
    let result = run_locked(store, &config, options);
    // The outcome is recorded while the lock is still held.
    let recorded = match result {
        Ok(report) => store.record_sync_success(clock::now()).map(|()| Ok(report)),
        Err((error, in_flight)) => {
            let words = error.words(Language::ZhCn);
            store
                .record_sync_failure(&words, &in_flight, clock::now(), |failures| {
                    retry_delay(failures, rand::random::<f64>())
                })
                .map(|_| Err(error))
        }
    };
    drop(lock);
    match &recorded {
        Ok(Ok(report)) => tracing::info!(?report, "sync finished"),
        Ok(Err(error)) => tracing::warn!(%error, "sync failed"),
        Err(error) => tracing::error!(%error, "the sync's outcome could not be recorded"),
    }
    recorded?
}

/// Why a sync stopped, and the events that were on their way (they go to `failed`).
pub(super) type Failure = (SyncError, Vec<String>);

fn run_locked(
    store: &mut Store,
    config: &SyncConfig,
    options: &SyncOptions,
) -> Result<SyncReport, Failure> {
    let fail = |error: SyncError| (error, Vec::new());
    store.tune_for_sync().map_err(|e| fail(e.into()))?;
    // With the lock held, anything still `sending` was cut off by a crash.
    store.reset_sending().map_err(|e| fail(e.into()))?;
    let hall = store
        .township_code()
        .map_err(|e| fail(e.into()))?
        .ok_or_else(|| fail(SyncError::NoHall))?;
    let device = store
        .require_device_code()
        .map_err(|e| fail(e.into()))?
        .as_str()
        .to_owned();
    let client = CountyClient::new(config, options.timeout).map_err(fail)?;
    let identity = client.whoami().map_err(fail)?;
    if identity.hall != hall || identity.device != device {
        return Err(fail(SyncError::WrongIdentity {
            hall: identity.hall,
            device: identity.device,
            our_hall: hall,
            our_device: device,
        }));
    }
    let mut report = SyncReport::default();
    super::push::push_all(store, &client, (&hall, &device), options, &mut report)?;
    loop {
        let since = store.pull_cursor().map_err(|e| fail(e.into()))?;
        let page = client.pull(since, options.page).map_err(fail)?;
        let applied = store
            .apply_pulled(&page.items, &device, page.next_cursor, clock::now())
            .map_err(|e| fail(e.into()))?;
        report.pulled += page.items.len() as u64;
        report.applied += applied.applied;
        report.conflicts += applied.conflicts;
        report.skipped += applied.skipped;
        if !page.more || page.items.is_empty() {
            break;
        }
    }
    if let Err(error) = store.checkpoint() {
        // The next commit of any connection checkpoints instead.
        tracing::warn!(%error, "checkpoint after the sync");
    }
    Ok(report)
}

/// An outbox event as it travels: the payload untouched.
pub(crate) fn to_wire(event: QueuedEvent, hall: &str, device: &str) -> Event {
    Event {
        id: event.id,
        hall: hall.to_owned(),
        device: device.to_owned(),
        seq: event.seq,
        kind: event.kind,
        entity_id: event.entity_id,
        base: event.base,
        created_at: event.created_at,
        payload: event.payload,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_token() -> String {
        let device = crate::domain::case_number::DeviceCode::parse("01").unwrap();
        crate::sync::keys::new_token("621023202", &device)
    }

    /// A terminal of the shipped hall's content (its township code).
    fn hall_store(dir: &std::path::Path) -> Store {
        let mut store = Store::open_dir(dir).unwrap();
        store
            .replace_content(&crate::content::shipped().unwrap())
            .unwrap();
        store
    }

    #[test]
    fn a_second_sender_is_turned_away_while_the_first_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = hall_store(dir.path());
        SyncConfig::new("http://127.0.0.1:9", &test_token())
            .unwrap()
            .save(&mut store)
            .unwrap();
        let other = Store::open_dir(dir.path()).unwrap();
        let held = other.take_sender_lock().unwrap().expect("free");
        let options = SyncOptions {
            forced: true,
            ..SyncOptions::default()
        };
        assert!(matches!(
            sync_store(&mut store, &options),
            Err(SyncError::Busy)
        ));
        drop(held);
        // Now it goes on (and finds no county there).
        let error = sync_store(&mut store, &options).unwrap_err();
        assert!(
            error.is_offline() || matches!(error, SyncError::NoHall),
            "{error}"
        );
    }

    #[test]
    fn a_usb_only_terminal_says_it_has_no_county_address() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .replace_content(&crate::content::shipped().unwrap())
            .unwrap();
        SyncConfig::usb_only(&test_token())
            .unwrap()
            .save(&mut store)
            .unwrap();
        let options = SyncOptions {
            forced: true,
            ..SyncOptions::default()
        };
        let error = sync_store(&mut store, &options).unwrap_err();
        assert!(matches!(error, SyncError::NoAddress), "{error}");
        // Setting an address later keeps the token.
        SyncConfig::new("https://county.example", &test_token())
            .unwrap()
            .save(&mut store)
            .unwrap();
        let config = SyncConfig::load(&store).unwrap().unwrap();
        assert_eq!(config.address().unwrap(), "https://county.example");
    }

    #[test]
    fn without_settings_there_is_nothing_to_do_but_say_so() {
        let mut store = Store::open_in_memory().unwrap();
        let error = sync_store(&mut store, &SyncOptions::default()).unwrap_err();
        assert!(matches!(error, SyncError::NotConfigured));
        assert!(error.words(Language::ZhCn).contains("sync config"));
    }
}
