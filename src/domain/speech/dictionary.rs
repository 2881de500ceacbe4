//! The polyphone dictionary (多音字词表): the reading of a character that has several, decided by
//! the word it is in (银行 yin2 hang2, 重新 chong2 xin1, 还款 huan2 kuan3), from
//! `assets/speech/polyphones.toml`. A word's readings are written as they are spoken, so the
//! tone changes of 一 and 不 are not applied to them again.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The dictionary shipped with the program, built from the hall's content.
const BUILTIN: &str = include_str!("../../../assets/speech/polyphones.toml");

/// A syllable of Mandarin: its letters (ü as ü) and its tone, 1–4, or 5 for the neutral tone.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Syllable {
    pub letters: String,
    pub tone: u8,
}

impl Syllable {
    /// Reads tone-numbered pinyin ("hang2", "lv4", "de5"); a syllable without a digit has the
    /// neutral tone ("de"). None when it is not a syllable's shape.
    pub fn parse(text: &str) -> Option<Syllable> {
        let text = text.trim().to_lowercase().replace('v', "ü");
        let (letters, tone) = match text.chars().last()? {
            digit @ '1'..='5' => (&text[..text.len() - 1], digit as u8 - b'0'),
            _ => (text.as_str(), 5),
        };
        let shaped =
            !letters.is_empty() && letters.chars().all(|c| c.is_ascii_lowercase() || c == 'ü');
        shaped.then(|| Syllable {
            letters: letters.to_owned(),
            tone,
        })
    }
}

impl std::fmt::Display for Syllable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.letters, self.tone)
    }
}

/// What is wrong with an entry of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DictionaryError {
    #[error("the dictionary is not valid TOML: {0}")]
    NotToml(String),
    #[error("{word}: {reading:?} is not one tone-numbered syllable per character")]
    BadReading { word: String, reading: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DictionaryFile {
    /// A character's usual reading where the `pinyin` crate's first reading is not it.
    #[serde(default)]
    chars: HashMap<String, String>,
    /// Words and their readings.
    #[serde(default)]
    words: HashMap<String, String>,
}

/// Words with their readings, and characters' usual readings.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    words: HashMap<String, Vec<Syllable>>,
    chars: HashMap<char, Syllable>,
    /// The longest word, in characters.
    longest: usize,
}

impl Dictionary {
    /// The shipped dictionary, read once.
    pub fn builtin() -> Result<&'static Dictionary, DictionaryError> {
        static BUILT: OnceLock<Result<Dictionary, DictionaryError>> = OnceLock::new();
        BUILT
            .get_or_init(|| Dictionary::parse(BUILTIN))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn parse(text: &str) -> Result<Dictionary, DictionaryError> {
        let file: DictionaryFile =
            toml::from_str(text).map_err(|error| DictionaryError::NotToml(error.to_string()))?;
        let mut dictionary = Dictionary::default();
        for (word, reading) in file.words {
            let syllables = syllables(&word, &reading)?;
            dictionary.longest = dictionary.longest.max(syllables.len());
            dictionary.words.insert(word, syllables);
        }
        for (word, reading) in file.chars {
            let mut syllables = syllables(&word, &reading)?;
            let mut chars = word.chars();
            if let (Some(c), None, Some(syllable)) = (chars.next(), chars.next(), syllables.pop()) {
                dictionary.chars.insert(c, syllable);
            } else {
                return Err(DictionaryError::BadReading { word, reading });
            }
        }
        Ok(dictionary)
    }

    /// The longest word of the dictionary that `text` starts with, and its readings.
    pub fn word_at(&self, text: &[char]) -> Option<(usize, &[Syllable])> {
        (2..=self.longest.min(text.len())).rev().find_map(|len| {
            let word: String = text[..len].iter().collect();
            self.words
                .get(&word)
                .map(|syllables| (len, syllables.as_slice()))
        })
    }

    /// A character's usual reading when the dictionary overrides the `pinyin` crate's first one.
    pub fn char_reading(&self, c: char) -> Option<&Syllable> {
        self.chars.get(&c)
    }

    /// Every word with its readings (for the dictionary's own checks).
    pub fn words(&self) -> impl Iterator<Item = (&str, &[Syllable])> {
        self.words
            .iter()
            .map(|(word, syllables)| (word.as_str(), syllables.as_slice()))
    }

    /// Every overridden character with its reading.
    pub fn chars(&self) -> impl Iterator<Item = (char, &Syllable)> {
        self.chars.iter().map(|(c, syllable)| (*c, syllable))
    }
}

/// One syllable per character of `word`, or why not.
fn syllables(word: &str, reading: &str) -> Result<Vec<Syllable>, DictionaryError> {
    let bad = || DictionaryError::BadReading {
        word: word.to_owned(),
        reading: reading.to_owned(),
    };
    let syllables: Vec<Syllable> = reading
        .split_whitespace()
        .map(Syllable::parse)
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    if syllables.len() != word.chars().count() || syllables.is_empty() {
        return Err(bad());
    }
    Ok(syllables)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pinyin::{ToPinyin, ToPinyinMulti};

    #[test]
    fn syllables_read_tone_digits_v_and_the_neutral_tone() {
        let hang = Syllable::parse("Hang2").unwrap();
        assert_eq!((hang.letters.as_str(), hang.tone), ("hang", 2));
        assert_eq!(Syllable::parse("lv4").unwrap().to_string(), "lü4");
        assert_eq!(Syllable::parse("de").unwrap().to_string(), "de5");
        assert_eq!(Syllable::parse("ha2ng"), None);
        assert_eq!(Syllable::parse(""), None);
    }

    #[test]
    fn a_word_needs_one_syllable_per_character() {
        assert!(Dictionary::parse("[words]\n\"银行\" = \"yin2\"").is_err());
        assert!(Dictionary::parse("[words]\n\"银行\" = \"yin2 hang9\"").is_err());
        assert!(Dictionary::parse("[chars]\n\"长长\" = \"chang2 chang2\"").is_err());
        assert!(Dictionary::parse("colour = 1").is_err());
        let dictionary = Dictionary::parse("[words]\n\"银行\" = \"yin2 hang2\"").unwrap();
        let text: Vec<char> = "银行卡".chars().collect();
        let (len, syllables) = dictionary.word_at(&text).unwrap();
        assert_eq!((len, syllables[1].to_string().as_str()), (2, "hang2"));
    }

    /// Every reading in the shipped dictionary is one the character has (a typo such as
    /// "xing2" for 银 fails here); 一 and 不 may carry their spoken tones.
    #[test]
    fn the_shipped_dictionary_gives_each_character_one_of_its_readings() {
        let dictionary = Dictionary::builtin().expect("the shipped dictionary parses");
        assert!(dictionary.words().count() > 100);
        let known = |c: char, syllable: &Syllable| {
            let readings: Vec<String> = match c.to_pinyin_multi() {
                Some(multi) => multi
                    .into_iter()
                    .map(|p| p.with_tone_num_end().to_owned())
                    .collect(),
                None => c
                    .to_pinyin()
                    .map(|p| vec![p.with_tone_num_end().to_owned()])
                    .unwrap_or_default(),
            };
            let letters_known = readings.iter().any(|reading| {
                Syllable::parse(reading).is_some_and(|r| r.letters == syllable.letters)
            });
            let tone_known = readings.iter().any(|reading| {
                Syllable::parse(reading)
                    .is_some_and(|r| r.letters == syllable.letters && r.tone == syllable.tone)
            });
            letters_known && (tone_known || syllable.tone == 5 || "一不".contains(c))
        };
        for (word, syllables) in dictionary.words() {
            for (c, syllable) in word.chars().zip(syllables) {
                assert!(known(c, syllable), "{word}: {c} is never read {syllable}");
            }
        }
        for (c, syllable) in dictionary.chars() {
            assert!(known(c, syllable), "{c} is never read {syllable}");
        }
    }
}
