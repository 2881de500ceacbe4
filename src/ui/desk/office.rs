//! What the kiosk and the desk work with: the terminal's database, the content and the holiday
//! calendar. The window never touches the database itself: every query and every save runs on the
//! store's own thread, in the order asked, and comes back to `update` as a message, so a slow disk
//! or a write lock held by the sync never freezes the screen.

use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use iced::Task;
use iced::futures::channel::oneshot;

use crate::domain::Content;
use crate::domain::calendar::HolidayCalendar;
use crate::store::{CaseRules, Store, StoreError};

/// One piece of database work, run on the store's thread.
type Job = Box<dyn FnOnce(&mut Store, &CaseRules<'_>) + Send>;

/// A cheap handle: clones share the one database connection and its thread.
#[derive(Clone)]
pub struct Office {
    store: Arc<Mutex<Store>>,
    /// What the hall shows; replaced when the set-up installs the hall's own profile.
    content: Arc<RwLock<Arc<Content>>>,
    calendar: Arc<HolidayCalendar>,
    data_dir: Option<std::path::PathBuf>,
    jobs: mpsc::Sender<Job>,
    /// The printer this terminal's settings name, offered first on the print screen.
    preferred_printer: Option<Arc<str>>,
    /// This terminal's settings file (`crate::settings`), for the admins' settings screen.
    settings_file: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for Office {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Office")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl Office {
    pub fn new(store: Store, content: Arc<Content>) -> Office {
        let data_dir = store.data_dir();
        let store = Arc::new(Mutex::new(store));
        let (jobs, queue) = mpsc::channel::<Job>();
        let shared = Arc::clone(&store);
        let content = Arc::new(RwLock::new(content));
        let current = Arc::clone(&content);
        let calendar = Arc::new(HolidayCalendar::shipped());
        let rules_calendar = Arc::clone(&calendar);
        let started = std::thread::Builder::new()
            .name("bianmin-store".into())
            .spawn(move || {
                for job in queue {
                    let content =
                        Arc::clone(&current.read().unwrap_or_else(PoisonError::into_inner));
                    let rules = CaseRules {
                        content: &content,
                        calendar: &rules_calendar,
                    };
                    let mut store = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    // A bug in one job must not take every later save down with it.
                    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        job(&mut store, &rules)
                    }));
                    if ran.is_err() {
                        tracing::error!("a database job panicked; its screen is told it failed");
                    }
                }
            });
        if let Err(error) = started {
            // `run` then answers every job with `WorkerStopped`, which the screens show.
            tracing::error!(%error, "the database thread could not start");
        }
        Office {
            store,
            content,
            calendar,
            data_dir,
            jobs,
            preferred_printer: None,
            settings_file: None,
        }
    }

    /// Offers `printer` first on the print screen (the terminal's settings).
    pub fn prefer_printer(&mut self, printer: Option<String>) {
        self.preferred_printer = printer.map(Arc::from);
    }

    pub fn use_settings_file(&mut self, path: Option<std::path::PathBuf>) {
        self.settings_file = path;
    }

    pub fn settings_file(&self) -> Option<std::path::PathBuf> {
        self.settings_file.clone()
    }

    pub fn preferred_printer(&self) -> Option<&str> {
        self.preferred_printer.as_deref()
    }

    /// Runs `work` on the store's thread; the task yields its result (or `WorkerStopped` when
    /// the thread is gone) mapped by `done`.
    pub fn run<T, E, M>(
        &self,
        work: impl FnOnce(&mut Store, &CaseRules<'_>) -> Result<T, E> + Send + 'static,
        done: impl FnOnce(Result<T, Arc<E>>) -> M + Send + 'static,
    ) -> Task<M>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + Sync + 'static,
        M: Send + 'static,
    {
        let (sender, receiver) = oneshot::channel();
        let job: Job = Box::new(move |store, rules| {
            let _ = sender.send(work(store, rules).map_err(Arc::new));
        });
        let stopped = || Err(Arc::new(E::from(StoreError::WorkerStopped)));
        if self.jobs.send(job).is_err() {
            return Task::done(done(stopped()));
        }
        Task::future(async move { done(receiver.await.unwrap_or_else(|_| stopped())) })
    }

    /// The database, for start-up and tests; the window uses [`Office::run`].
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Working days and holidays, for deadlines drawn on screen.
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The content the hall shows now.
    pub fn content(&self) -> Arc<Content> {
        Arc::clone(&self.content.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// From now on the store's jobs and the screens use `content` (the set-up installed it).
    pub fn replace_content(&self, content: Arc<Content>) {
        *self.content.write().unwrap_or_else(PoisonError::into_inner) = content;
    }

    /// The terminal's data directory; none for an in-memory store.
    pub fn data_dir(&self) -> Option<std::path::PathBuf> {
        self.data_dir.clone()
    }

    /// Where PDFs and USB bundles go unless staff type another folder: the user's documents,
    /// else this terminal's data directory.
    pub fn save_folder(&self) -> std::path::PathBuf {
        let data_dir = self
            .data_dir()
            .or_else(crate::startup::default_data_dir)
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        crate::print::job::default_folder(&data_dir)
    }
}
