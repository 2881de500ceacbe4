//! The background sync: one at a time, on its own thread with its own database connection, so
//! the kiosk and the desk never wait for the county. A timer asks every minute; the sync itself
//! keeps to the backoff after failures, and "sync now" skips the wait.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::Task;

use crate::store::Store;
use crate::sync::{SyncConfig, SyncError, SyncOptions, SyncReport, sync_once};

/// How often the background sync asks whether it is time to try.
pub const TICK: Duration = Duration::from_secs(60);

/// What a finished sync reports to the UI.
pub type SyncOutcome = Result<SyncReport, Arc<SyncError>>;

#[derive(Debug, Default)]
pub struct SyncRunner {
    /// Where the terminal's database is; none for an in-memory store (tests), which never syncs
    /// in the background.
    data_dir: Option<PathBuf>,
    running: bool,
}

impl SyncRunner {
    pub fn new(store: &Store) -> SyncRunner {
        SyncRunner {
            data_dir: store.data_dir(),
            running: false,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// Starts a sync unless one is running or the county is not set up; `forced` ignores the
    /// backoff ("sync now"). The task yields the outcome.
    pub fn start<M: Send + 'static>(
        &mut self,
        store: &Store,
        forced: bool,
        done: impl Fn(SyncOutcome) -> M + Send + 'static,
    ) -> Option<Task<M>> {
        let data_dir = self.data_dir.clone()?;
        // The timer should not wake a thread on a terminal that never syncs.
        let has_address = matches!(
            SyncConfig::load(store),
            Ok(Some(SyncConfig { url: Some(_), .. }))
        );
        if self.running || (!forced && !has_address) {
            return None;
        }
        self.running = true;
        let options = SyncOptions {
            forced,
            ..SyncOptions::default()
        };
        Some(super::background::on_thread(
            "bianmin-sync",
            move || sync_once(&data_dir, &options).map_err(Arc::new),
            || {
                Err(Arc::new(SyncError::Protocol(
                    "the sync thread stopped".into(),
                )))
            },
            done,
        ))
    }

    pub fn finished(&mut self) {
        self.running = false;
    }
}
