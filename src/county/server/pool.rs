//! SQLite work off the async runtime: each job runs on tokio's blocking pool (a few threads)
//! with a county connection taken from a small stack of open ones, so the runtime's workers
//! never wait on the database and no more connections exist than blocking threads.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::county::{CountyError, CountyStore};

pub(super) struct Pool {
    data: PathBuf,
    idle: Mutex<Vec<CountyStore>>,
}

impl Pool {
    pub(super) fn new(data: PathBuf) -> Arc<Pool> {
        Arc::new(Pool {
            data,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Runs `work` with a connection on a blocking thread.
    pub(super) async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, CountyError>
    where
        T: Send + 'static,
        F: FnOnce(&mut CountyStore) -> Result<T, CountyError> + Send + 'static,
    {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut store = match pool.take() {
                Some(store) => store,
                None => CountyStore::open_dir(&pool.data)?,
            };
            let result = work(&mut store);
            pool.give_back(store);
            result
        })
        .await
        .map_err(|error| CountyError::Io(std::io::Error::other(error.to_string())))?
    }

    fn take(&self) -> Option<CountyStore> {
        self.idle.lock().ok()?.pop()
    }

    fn give_back(&self, store: CountyStore) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(store);
        }
    }
}
