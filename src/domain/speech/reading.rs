//! Chinese words to the sounds the voice makes: tone-numbered pinyin syllables with polyphones
//! decided by word (longest match against the dictionary, else the character's usual reading),
//! the tone changes of 一 and 不, Latin letters by name, and punctuation as pauses.

use pinyin::ToPinyin;

use super::dictionary::{Dictionary, Syllable};

/// A pause between phrases: short at a comma, long at the end of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pause {
    Short,
    Long,
}

/// One thing the voice says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sound {
    Syllable(Syllable),
    /// A Latin letter, said by its name.
    Letter(char),
    Pause(Pause),
}

/// What the voice says for a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading(Vec<Sound>);

/// Numerals: a 一 next to one is part of a number said digit by digit or a 十一, and keeps its
/// first tone.
const NUMERALS: &str = "〇零一二三四五六七八九十两幺";
/// After 一, these make it an ordinal or a date (一月, 一号, 一楼, 一级): 一 keeps its first tone.
const ORDINAL_AFTER: &str = "月日号楼层级等期类审线";

impl Reading {
    pub fn sounds(&self) -> &[Sound] {
        &self.0
    }

    /// How many syllables and letters are said.
    pub fn said_count(&self) -> usize {
        self.0
            .iter()
            .filter(|sound| !matches!(sound, Sound::Pause(_)))
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.said_count() == 0
    }

    /// The reading as espeak-ng's `cmn-latn-pinyin` voice takes it: syllables and letters
    /// between spaces, "," for a short pause and "." for a long one
    /// (`yin2 hang2, bu3 tie1.`).
    pub fn to_pinyin(&self) -> String {
        let mut out = String::new();
        for sound in &self.0 {
            match sound {
                Sound::Syllable(syllable) => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&syllable.to_string());
                }
                Sound::Letter(letter) => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push(*letter);
                }
                Sound::Pause(Pause::Short) => out.push(','),
                Sound::Pause(Pause::Long) => out.push('.'),
            }
        }
        out
    }
}

/// A character of a Chinese run with its reading; `fixed` when a dictionary word gave it.
struct Read {
    c: char,
    syllable: Syllable,
    fixed: bool,
}

/// The sounds of `words` (text already through [`super::words::said`]).
pub fn read(words: &str, dictionary: &Dictionary) -> Reading {
    let chars: Vec<char> = words.chars().collect();
    let mut sounds = Vec::new();
    let mut run: Vec<Read> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, syllables)) = dictionary.word_at(&chars[i..]) {
            run.extend(
                chars[i..i + len]
                    .iter()
                    .zip(syllables)
                    .map(|(&c, syllable)| Read {
                        c,
                        syllable: syllable.clone(),
                        fixed: true,
                    }),
            );
            i += len;
            continue;
        }
        let c = chars[i];
        i += 1;
        if let Some(syllable) = usual_reading(c, dictionary) {
            run.push(Read {
                c,
                syllable,
                fixed: false,
            });
            continue;
        }
        flush(&mut run, &mut sounds);
        let sound = match c {
            'A'..='Z' => Some(Sound::Letter(c)),
            '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n' => {
                Some(Sound::Pause(Pause::Long))
            }
            '，' | ',' | '、' | '：' | ':' | '—' | '…' | '（' | '）' | '(' | ')' | '.' => {
                Some(Sound::Pause(Pause::Short))
            }
            _ => None,
        };
        if let Some(sound) = sound {
            push(&mut sounds, sound);
        }
    }
    flush(&mut run, &mut sounds);
    // No pause before anything is said.
    while matches!(sounds.first(), Some(Sound::Pause(_))) {
        sounds.remove(0);
    }
    Reading(sounds)
}

/// Adds a sound; two pauses in a row are one, the longer.
fn push(sounds: &mut Vec<Sound>, sound: Sound) {
    if let (Sound::Pause(new), Some(Sound::Pause(last))) = (&sound, sounds.last_mut()) {
        *last = (*last).max(*new);
        return;
    }
    sounds.push(sound);
}

/// A character's reading outside the dictionary's words: the dictionary's usual reading, else
/// the `pinyin` crate's first one. None for what is not a Chinese character.
fn usual_reading(c: char, dictionary: &Dictionary) -> Option<Syllable> {
    if let Some(syllable) = dictionary.char_reading(c) {
        return Some(syllable.clone());
    }
    c.to_pinyin()
        .and_then(|pinyin| Syllable::parse(pinyin.with_tone_num_end()))
}

/// Ends a run of Chinese characters: applies the tone changes of 一 and 不 and adds it.
fn flush(run: &mut Vec<Read>, sounds: &mut Vec<Sound>) {
    for k in 0..run.len() {
        if run[k].fixed {
            continue;
        }
        let next = run.get(k + 1);
        let tone = match run[k].c {
            '一' => {
                let prev = k.checked_sub(1).map(|p| run[p].c);
                let ordinal = prev == Some('第')
                    || prev.is_some_and(|p| NUMERALS.contains(p))
                    || next.is_none_or(|n| NUMERALS.contains(n.c) || ORDINAL_AFTER.contains(n.c));
                match next {
                    _ if ordinal => 1,
                    Some(n) if n.syllable.tone >= 4 => 2,
                    _ => 4,
                }
            }
            '不' => match next {
                Some(n) if n.syllable.tone == 4 => 2,
                _ => 4,
            },
            _ => continue,
        };
        run[k].syllable.tone = tone;
    }
    sounds.extend(run.drain(..).map(|read| Sound::Syllable(read.syllable)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinyin(words: &str) -> String {
        let dictionary =
            Dictionary::parse("[words]\n\"银行\" = \"yin2 hang2\"\n\"统一\" = \"tong3 yi1\"")
                .unwrap();
        read(words, &dictionary).to_pinyin()
    }

    #[test]
    fn words_of_the_dictionary_decide_a_polyphone() {
        assert_eq!(pinyin("银行"), "yin2 hang2");
        assert_eq!(pinyin("行走"), "xing2 zou3");
        assert_eq!(pinyin("的"), "de5");
    }

    #[test]
    fn yi_and_bu_change_tone_before_the_next_syllable() {
        assert_eq!(pinyin("一次"), "yi2 ci4");
        assert_eq!(pinyin("一般"), "yi4 ban1");
        assert_eq!(pinyin("一千二百"), "yi4 qian1 er4 bai3");
        assert_eq!(pinyin("第一"), "di4 yi1");
        assert_eq!(pinyin("十一月"), "shi2 yi1 yue4");
        assert_eq!(pinyin("二〇一四"), "er4 ling2 yi1 si4");
        assert_eq!(pinyin("统一的"), "tong3 yi1 de5");
        assert_eq!(pinyin("一"), "yi1");
        assert_eq!(pinyin("不是"), "bu2 shi4");
        assert_eq!(pinyin("不能"), "bu4 neng2");
    }

    #[test]
    fn punctuation_is_a_pause_and_letters_are_named() {
        assert_eq!(pinyin("银行，补贴。"), "yin2 hang2, bu3 tie1.");
        assert_eq!(pinyin("。，银行、，"), "yin2 hang2,");
        assert_eq!(pinyin(" C 级"), "C ji2");
        assert_eq!(pinyin("《银行》"), "yin2 hang2");
    }
}
