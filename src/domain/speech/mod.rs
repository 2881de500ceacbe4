//! Read-aloud (朗读): what the voice says for a text. Numbers, dates, money and code numbers are
//! first written out in Chinese words ([`words`]), then the words become tone-numbered pinyin
//! with polyphones decided by word ([`reading`], [`dictionary`]), which espeak-ng's
//! `cmn-latn-pinyin` voice says with the right tones. No I/O here: the voice itself is
//! `crate::speech`.

pub mod dictionary;
pub mod numbers;
pub mod reading;
pub mod words;

pub use dictionary::{Dictionary, DictionaryError, Syllable};
pub use reading::{Pause, Reading, Sound};

/// What the voice says for `text`.
pub fn reading(text: &str, dictionary: &Dictionary) -> Reading {
    reading::read(&words::said(text), dictionary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCES: &str = include_str!("../../../tests/fixtures/speech/polyphones.tsv");

    /// Every sentence of the fixture (taken from the hall's content) gives exactly the pinyin
    /// written beside it.
    #[test]
    fn polyphone_sentences_from_the_content_read_as_written() {
        let dictionary = Dictionary::builtin().expect("the shipped dictionary parses");
        let mut wrong = Vec::new();
        let mut checked = 0;
        for line in SENTENCES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (sentence, expected) = line.split_once('\t').expect("sentence<TAB>pinyin");
            let got = reading(sentence, dictionary).to_pinyin();
            if got != expected {
                wrong.push(format!(
                    "{sentence}\n  expected {expected}\n  got      {got}"
                ));
            }
            checked += 1;
        }
        assert!(checked >= 50, "{checked} sentences");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn an_amount_and_a_date_are_read_in_words_with_their_tones() {
        let dictionary = Dictionary::builtin().unwrap();
        assert_eq!(
            reading("1250.5元", dictionary).to_pinyin(),
            "yi4 qian1 er4 bai3 wu3 shi2 yuan2 wu3 jiao3"
        );
        assert_eq!(
            reading("2026年3月5日", dictionary).to_pinyin(),
            "er4 ling2 er4 liu4 nian2 san1 yue4 wu3 ri4"
        );
        assert!(reading("，。 ——", dictionary).is_empty());
    }
}
