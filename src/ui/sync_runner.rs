//! The background sync: one at a time, on its own thread with its own database connection, so
//! the kiosk and the desk never wait for the county. A timer asks every minute; the sync itself
//! keeps to the backoff after failures, and "sync now" skips the wait.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::Task;

use crate::store::Store;
use crate::sync::{
    ExportReport, ImportReport, SyncError, SyncOptions, SyncReport, export_bundle, import_reply,
    sync_once,
};
use crate::ui::desk::office::Office;

/// How often the background sync asks whether it is time to try.
pub const TICK: Duration = Duration::from_secs(60);

/// What a finished sync reports to the UI.
pub type SyncOutcome = Result<SyncReport, Arc<SyncError>>;

/// The USB exchange: write this terminal's bundle, or read the county's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsbJob {
    /// A bundle of what the county has not acknowledged, into this folder (a USB stick).
    Export {
        folder: PathBuf,
        at: crate::clock::Timestamp,
    },
    Import(PathBuf),
}

#[derive(Debug, Clone)]
pub enum UsbDone {
    Exported(PathBuf, ExportReport),
    Imported(ImportReport),
}

pub type UsbOutcome = Result<UsbDone, Arc<SyncError>>;

impl UsbJob {
    fn run(self, store: &mut Store) -> Result<UsbDone, SyncError> {
        match self {
            UsbJob::Export { folder, at } => {
                // A USB stick that is not plugged in must not turn into a folder on this disk.
                if !folder.is_dir() {
                    return Err(SyncError::NoFolder(folder));
                }
                let device = store.require_device_code()?;
                let file = folder.join(format!(
                    "bianmin-{}-{}.bmbundle",
                    device.as_str(),
                    at.format("%Y%m%d-%H%M%S")
                ));
                export_bundle(store, &file).map(|report| UsbDone::Exported(file, report))
            }
            UsbJob::Import(file) => import_reply(store, &file).map(UsbDone::Imported),
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
    pub fn new(data_dir: Option<PathBuf>) -> SyncRunner {
        SyncRunner {
            data_dir,
            running: false,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// True when a sync could start now (a database file, none running).
    pub fn can_run(&self) -> bool {
        self.data_dir.is_some() && !self.running
    }

    /// Starts a sync unless one is running or there is no database file; `forced` ignores the
    /// backoff ("sync now"). The task yields the outcome.
    pub fn start<M: Send + 'static>(
        &mut self,
        forced: bool,
        done: impl Fn(SyncOutcome) -> M + Send + 'static,
    ) -> Option<Task<M>> {
        let data_dir = self.data_dir.clone()?;
        if self.running {
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

/// Runs a USB export or import off the window's thread: on its own thread and connection (a
/// bundle of months of records takes seconds), or on the store's thread for an in-memory store,
/// which has no file to share.
pub fn usb<M: Send + 'static>(
    office: &Office,
    job: UsbJob,
    done: impl Fn(UsbOutcome) -> M + Send + 'static,
) -> Task<M> {
    let Some(data_dir) = office.data_dir() else {
        return office.run(move |store, _| job.run(store), done);
    };
    super::background::on_thread(
        "bianmin-usb",
        move || {
            let mut store =
                Store::open_dir(&data_dir).map_err(|error| Arc::new(SyncError::from(error)))?;
            job.run(&mut store).map_err(Arc::new)
        },
        || {
            Err(Arc::new(SyncError::Protocol(
                "the USB thread stopped".into(),
            )))
        },
        done,
    )
}
