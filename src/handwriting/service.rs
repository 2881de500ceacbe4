//! The handle the window shares for handwriting: whether it can be offered (checked once, off
//! the window's thread, after the first frame) and the recogniser, opened when a pad is first
//! shown and closed when the last panel holding it goes (the session ends): the model's 26 MB
//! stay in memory only while someone writes, and opening it again takes a few milliseconds.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use super::{HandwritingError, LIBRARY, Recognizer, model_path, zinnia};

/// What was found out so far, shared by every clone.
#[derive(Clone)]
pub struct Handwriting {
    inner: Arc<Inner>,
}

struct Inner {
    library: String,
    model: PathBuf,
    probed: OnceLock<Result<(), Arc<HandwritingError>>>,
    /// The recogniser while some panel holds it.
    open: Mutex<Weak<Recognizer>>,
    /// Why the model did not open, once it did not (it is not tried again).
    failed: OnceLock<Arc<HandwritingError>>,
}

impl std::fmt::Debug for Handwriting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handwriting")
            .field("library", &self.inner.library)
            .field("model", &self.inner.model)
            .field("available", &self.available())
            .field("open", &self.is_open())
            .finish()
    }
}

impl Default for Handwriting {
    /// Debian's library, and the model [`model_path`] names.
    fn default() -> Handwriting {
        Handwriting::new(LIBRARY, &model_path())
    }
}

impl Handwriting {
    pub fn new(library: &str, model: &Path) -> Handwriting {
        Handwriting {
            inner: Arc::new(Inner {
                library: library.to_owned(),
                model: model.to_owned(),
                probed: OnceLock::new(),
                open: Mutex::new(Weak::new()),
                failed: OnceLock::new(),
            }),
        }
    }

    /// Checks (once) that the library and the model are there, without opening the model.
    /// Blocks: call it off the window's thread.
    pub fn probe(&self) -> Result<(), Arc<HandwritingError>> {
        self.inner
            .probed
            .get_or_init(|| zinnia::probe(&self.inner.library, &self.inner.model).map_err(Arc::new))
            .clone()
    }

    /// Whether handwriting can be offered, as far as is known now: None before the probe
    /// finished. Never blocks.
    pub fn available(&self) -> Option<bool> {
        self.inner.probed.get().map(Result::is_ok)
    }

    /// The recogniser: the one a panel holds, or opened now. Blocks (the model is 26 MB): call
    /// it off the window's thread.
    pub fn recognizer(&self) -> Result<Arc<Recognizer>, Arc<HandwritingError>> {
        if let Some(problem) = self.inner.failed.get() {
            return Err(Arc::clone(problem));
        }
        let mut open = self
            .inner
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(recognizer) = open.upgrade() {
            return Ok(recognizer);
        }
        let started = std::time::Instant::now();
        match Recognizer::open(&self.inner.library, &self.inner.model) {
            Ok(recognizer) => {
                tracing::info!(
                    model = %self.inner.model.display(),
                    ms = started.elapsed().as_millis(),
                    "handwriting model opened"
                );
                let recognizer = Arc::new(recognizer);
                *open = Arc::downgrade(&recognizer);
                Ok(recognizer)
            }
            Err(problem) => {
                tracing::error!(%problem, "the handwriting model did not open");
                let problem = Arc::new(problem);
                let _ = self.inner.failed.set(Arc::clone(&problem));
                Err(problem)
            }
        }
    }

    /// Whether the model is open (some panel holds the recogniser).
    pub fn is_open(&self) -> bool {
        self.inner
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .strong_count()
            > 0
    }
}
