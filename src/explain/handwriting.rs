//! Words for why handwriting is not offered or did not recognise.

use super::Explain;
use crate::handwriting::HandwritingError;
use crate::i18n::Language;
use crate::t;

impl Explain for HandwritingError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            HandwritingError::NoLibrary { .. } | HandwritingError::NotZinnia { .. } => {
                t!(l, "handwriting-no-library")
            }
            HandwritingError::NoModel { path } => {
                t!(l, "handwriting-no-model", path = path.display().to_string())
            }
            HandwritingError::BadModel { path, .. } => {
                t!(
                    l,
                    "handwriting-bad-model",
                    path = path.display().to_string()
                )
            }
            HandwritingError::Recognition(_) => t!(l, "handwriting-failed"),
        }
    }
}
