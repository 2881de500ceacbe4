//! The handle the window shares for handwriting: whether it can be offered (checked once, off
//! the window's thread, after the first frame) and the recogniser (opened once, when a pad is
//! first shown, and kept for the process: zinnia maps the model file, so its pages are shared
//! and can be dropped by the system when memory is short).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
    opened: OnceLock<Result<Arc<Recognizer>, Arc<HandwritingError>>>,
}

impl std::fmt::Debug for Handwriting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handwriting")
            .field("library", &self.inner.library)
            .field("model", &self.inner.model)
            .field("available", &self.available())
            .field("opened", &self.inner.opened.get().map(Result::is_ok))
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
                opened: OnceLock::new(),
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

    /// The recogniser, opened on first use. Blocks (the model is 26 MB): call it off the
    /// window's thread.
    pub fn recognizer(&self) -> Result<Arc<Recognizer>, Arc<HandwritingError>> {
        self.inner
            .opened
            .get_or_init(|| {
                let started = std::time::Instant::now();
                let opened = Recognizer::open(&self.inner.library, &self.inner.model);
                match &opened {
                    Ok(_) => tracing::info!(
                        model = %self.inner.model.display(),
                        ms = started.elapsed().as_millis(),
                        "handwriting model opened"
                    ),
                    Err(error) => tracing::error!(%error, "the handwriting model did not open"),
                }
                opened.map(Arc::new).map_err(Arc::new)
            })
            .clone()
    }
}
