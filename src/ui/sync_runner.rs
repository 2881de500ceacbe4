//! The background sync: one at a time, on its own thread with its own database connection, so
//! the kiosk and the desk never wait for the county. A timer asks every minute; the sync itself
//! keeps to the backoff after failures, and "sync now" skips the wait.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::Task;

use crate::store::Store;
use crate::sync::{
    ExportReport, ImportReport, SyncConfig, SyncError, SyncOptions, SyncReport, export_bundle,
    import_reply, sync_once,
};

/// How often the background sync asks whether it is time to try.
pub const TICK: Duration = Duration::from_secs(60);

/// What a finished sync reports to the UI.
pub type SyncOutcome = Result<SyncReport, Arc<SyncError>>;

/// The USB exchange: write this terminal's bundle, or read the county's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsbJob {
    Export(PathBuf),
    Import(PathBuf),
}

#[derive(Debug, Clone)]
pub enum UsbDone {
    Exported(PathBuf, ExportReport),
    Imported(ImportReport),
}

pub type UsbOutcome = Result<UsbDone, Arc<SyncError>>;

impl UsbJob {
    fn run(self, store: &mut Store) -> UsbOutcome {
        match self {
            UsbJob::Export(file) => export_bundle(store, &file)
                .map(|report| UsbDone::Exported(file, report))
                .map_err(Arc::new),
            UsbJob::Import(file) => import_reply(store, &file)
                .map(UsbDone::Imported)
                .map_err(Arc::new),
        }
    }
}

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

    /// Runs a USB export or import on its own thread and connection (a bundle of months of
    /// records takes seconds); an in-memory store has no file to share, so it runs in place.
    pub fn usb<M: Send + 'static>(
        &self,
        store: &mut Store,
        job: UsbJob,
        done: impl Fn(UsbOutcome) -> M + Send + 'static,
    ) -> Task<M> {
        let Some(data_dir) = self.data_dir.clone() else {
            return Task::done(done(job.run(store)));
        };
        super::background::on_thread(
            "bianmin-usb",
            move || {
                let mut store = Store::open_dir(&data_dir).map_err(|e| Arc::new(e.into()))?;
                job.run(&mut store)
            },
            || {
                Err(Arc::new(SyncError::Protocol(
                    "the USB thread stopped".into(),
                )))
            },
            done,
        )
    }

    pub fn finished(&mut self) {
        self.running = false;
    }
}
