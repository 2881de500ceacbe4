//! Words for the rare-character table's answers.

use super::Explain;
use crate::chars::CharsError;
use crate::i18n::Language;
use crate::t;

impl Explain for CharsError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            CharsError::Damaged(_) => t!(l, "chars-damaged"),
            CharsError::NotPinyin(text) => t!(l, "chars-not-pinyin", text = text.clone()),
            CharsError::NotARadical(text) => {
                t!(l, "chars-not-a-radical", text = text.clone())
            }
            CharsError::NotACodePoint(text) => {
                t!(l, "chars-not-a-code-point", text = text.clone())
            }
            CharsError::Stopped => t!(l, "error-worker-stopped"),
        }
    }
}
