//! Handwriting at the kiosk: the strokes a finger wrote ([`Ink`]) recognised as characters by
//! zinnia, an established offline recogniser, with the simplified-Chinese model Debian ships
//! (`tegaki-zinnia-simplified-chinese`, the 6,763 characters of GB 2312).
//!
//! The library is opened at run time (`dlopen`), never linked: a kiosk without `libzinnia0` or
//! without the model still starts, and offers the pinyin keyboard only. [`Handwriting`] is the
//! handle the window shares: it checks cheaply whether handwriting can work, and opens the
//! 26 MB model only when a pad is first shown.

mod ink;
mod service;
mod zinnia;

use std::path::PathBuf;

pub use ink::{Ink, Point};
pub use service::Handwriting;
pub use zinnia::Recognizer;

/// The environment variable that names another model file.
pub const MODEL_ENV: &str = "BIANMIN_HANDWRITING_MODEL";
/// Where Debian's `tegaki-zinnia-simplified-chinese` installs the model.
pub const DEFAULT_MODEL: &str = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";
/// zinnia's shared library as Debian's `libzinnia0` installs it.
pub const LIBRARY: &str = "libzinnia.so.0";

/// The model to open: the file [`MODEL_ENV`] names, else Debian's.
pub fn model_path() -> PathBuf {
    std::env::var_os(MODEL_ENV)
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_MODEL))
}

/// Why handwriting cannot be offered or did not recognise (words in `crate::explain`).
#[derive(Debug, thiserror::Error)]
pub enum HandwritingError {
    #[error("the handwriting library {library} could not be loaded: {detail}")]
    NoLibrary { library: String, detail: String },
    #[error("{library} is not zinnia (no {symbol}): {detail}")]
    NotZinnia {
        library: String,
        symbol: String,
        detail: String,
    },
    #[error("no handwriting model at {path}")]
    NoModel { path: PathBuf },
    #[error("the handwriting model {path} could not be opened: {detail}")]
    BadModel { path: PathBuf, detail: String },
    #[error("the recogniser failed: {0}")]
    Recognition(String),
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A character written on the pad, as recorded in tests/fixtures/handwriting.
    #[derive(serde::Deserialize)]
    struct Recorded {
        char: String,
        #[serde(flatten)]
        ink: Ink,
    }

    fn recorded() -> Vec<Recorded> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/handwriting");
        let mut found: Vec<Recorded> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .map(|path| serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap())
            .collect();
        found.sort_by(|a, b| a.char.cmp(&b.char));
        found
    }

    /// The installed recogniser, or None (with the reason printed) when the model is absent.
    fn installed() -> Option<Recognizer> {
        let model = model_path();
        if !model.exists() {
            println!(
                "skipped: no handwriting model at {} (tests/prepare installs \
                 tegaki-zinnia-simplified-chinese)",
                model.display()
            );
            return None;
        }
        Some(Recognizer::open(LIBRARY, &model).expect("the installed model opens"))
    }

    #[test]
    fn recorded_characters_are_among_the_first_five_candidates() {
        let Some(recognizer) = installed() else {
            return;
        };
        let recorded = recorded();
        assert!(recorded.len() >= 6, "{} fixtures", recorded.len());
        for Recorded { char, ink } in recorded {
            let wanted = char.chars().next().unwrap();
            let candidates = recognizer.classify(&ink, 10).unwrap();
            let rank = candidates.iter().position(|&c| c == wanted);
            assert!(
                rank.is_some_and(|rank| rank < 5),
                "{char}: {}",
                candidates.iter().collect::<String>()
            );
        }
    }

    #[test]
    fn an_empty_pad_has_no_candidates_and_fewer_strokes_change_the_answer() {
        let Some(recognizer) = installed() else {
            return;
        };
        let wang = recorded().into_iter().find(|r| r.char == "王").unwrap();
        assert!(
            recognizer
                .classify(&Ink::new(300.0, 300.0), 10)
                .unwrap()
                .is_empty()
        );
        // The first three strokes of 王 are not 王 first.
        let mut part = Ink::new(300.0, 300.0);
        for stroke in &wang.ink.strokes()[..3] {
            part.push_stroke(stroke.iter().copied());
        }
        assert_ne!(recognizer.classify(&part, 5).unwrap().first(), Some(&'王'));
    }

    #[test]
    fn the_model_stays_open_while_held_and_closes_when_the_last_holder_goes() {
        if installed().is_none() {
            return;
        }
        let handwriting = Handwriting::default();
        assert!(!handwriting.is_open(), "not opened before it is asked for");
        let first = handwriting.recognizer().unwrap();
        let second = handwriting.recognizer().unwrap();
        assert!(Arc::ptr_eq(&first, &second), "one model for every panel");
        drop(first);
        assert!(handwriting.is_open());
        drop(second);
        assert!(!handwriting.is_open(), "closed with the last panel");
        let again = handwriting.recognizer().unwrap();
        let ten = recorded().into_iter().find(|r| r.char == "十").unwrap();
        assert_eq!(again.classify(&ten.ink, 5).unwrap().first(), Some(&'十'));
    }

    #[test]
    fn a_missing_library_or_model_is_a_typed_error() {
        let model = std::path::Path::new("/nonexistent/handwriting.model");
        assert!(matches!(
            zinnia::probe("libzinnia-not-here.so.0", model),
            Err(HandwritingError::NoLibrary { .. })
        ));
        assert!(matches!(
            Recognizer::open(LIBRARY, model),
            Err(HandwritingError::NoModel { .. })
        ));
        // A library that is not zinnia.
        assert!(matches!(
            zinnia::probe("libc.so.6", model),
            Err(HandwritingError::NotZinnia { .. })
        ));
        let handwriting = Handwriting::new("libzinnia-not-here.so.0", model);
        assert_eq!(handwriting.available(), None, "not probed yet");
        assert!(handwriting.probe().is_err());
        assert_eq!(handwriting.available(), Some(false));
        assert!(handwriting.recognizer().is_err());
    }

    #[test]
    fn a_file_that_is_not_a_model_does_not_open() {
        if zinnia::probe(LIBRARY, &model_path()).is_err() {
            println!("skipped: zinnia is not installed");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("fake.model");
        std::fs::write(&fake, b"not a zinnia model at all").unwrap();
        assert!(matches!(
            Recognizer::open(LIBRARY, &fake),
            Err(HandwritingError::BadModel { .. })
        ));
    }
}
