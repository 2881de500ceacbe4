//! Characters by their toneless reading, for the kiosk's pinyin keyboard: `zhang` gives 张 among
//! the first, and every other ideograph read zhang after the common ones (rare name characters
//! included). Built from the character table on first use, off the window's thread.
//!
//! The order: GB 2312's first level (the 3,755 most used characters), then its second level,
//! then the rest; inside each, characters for which this is their usual reading (the first
//! reading of the `pinyin` crate: 长 is cháng first, zhǎng second), then Unihan's frequency
//! (kFrequency), then the basic block before the extensions, then fewer strokes.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use pinyin::ToPinyin;

use super::{CharTable, CharsError, HanChar, block_rank, table};

/// Where a character stands among those of one reading: smaller first.
type Rank = (u8, u8, u8, u8, u8, u32);

pub struct Readings {
    /// Toneless syllable (ü written v, as typed) → its characters, in order.
    by_syllable: BTreeMap<String, Vec<(char, Rank)>>,
}

/// The index, built (with the character table) on first use. Blocks: call it off the window's
/// thread the first time.
pub fn readings() -> Result<&'static Readings, &'static CharsError> {
    READINGS
        .get_or_init(|| table().map(Readings::build))
        .as_ref()
        .map_err(|error| *error)
}

static READINGS: OnceLock<Result<Readings, &'static CharsError>> = OnceLock::new();

/// The index if it is built already; never blocks.
pub fn loaded() -> Option<Result<&'static Readings, &'static CharsError>> {
    READINGS
        .get()
        .map(|built| built.as_ref().map_err(|error| *error))
}

impl Readings {
    pub fn build(table: &CharTable) -> Readings {
        let mut by_syllable: BTreeMap<String, Vec<(char, Rank)>> = BTreeMap::new();
        for entry in table.iter() {
            let usual = entry.ch.to_pinyin().map(|p| typed_form(p.plain()));
            let mut syllables: Vec<String> = entry
                .readings
                .iter()
                .map(|reading| typed_form(&super::pinyin::from_marked(reading).letters))
                .collect();
            syllables.sort();
            syllables.dedup();
            for syllable in syllables {
                let rank = rank(entry, usual.as_deref() == Some(syllable.as_str()));
                by_syllable
                    .entry(syllable)
                    .or_default()
                    .push((entry.ch, rank));
            }
        }
        for chars in by_syllable.values_mut() {
            chars.sort_by_key(|&(ch, rank)| (rank, ch));
        }
        Readings { by_syllable }
    }

    /// Whether `letters` (lower case, v for ü) is a whole syllable: "zhang", "lv".
    pub fn is_syllable(&self, letters: &str) -> bool {
        self.by_syllable.contains_key(letters)
    }

    /// Whether some syllable starts with `letters`: "zh", "zhan".
    pub fn begins_syllable(&self, letters: &str) -> bool {
        self.starting(letters).next().is_some()
    }

    /// The characters read `syllable`, common first.
    pub fn of(&self, syllable: &str) -> Vec<char> {
        self.by_syllable
            .get(syllable)
            .map(|chars| chars.iter().map(|&(ch, _)| ch).collect())
            .unwrap_or_default()
    }

    /// The characters of every syllable starting with `letters`, common first, each once.
    pub fn of_start(&self, letters: &str) -> Vec<char> {
        let mut all: Vec<(Rank, char)> = self
            .starting(letters)
            .flat_map(|(_, chars)| chars.iter().map(|&(ch, rank)| (rank, ch)))
            .collect();
        all.sort();
        let mut once = HashSet::new();
        all.into_iter()
            .filter(|&(_, ch)| once.insert(ch))
            .map(|(_, ch)| ch)
            .collect()
    }

    fn starting<'a>(
        &'a self,
        letters: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a Vec<(char, Rank)>)> + 'a {
        self.by_syllable
            .range(letters.to_owned()..)
            .take_while(move |(syllable, _)| syllable.starts_with(letters))
    }
}

/// Lower case, ü written v (the keypad has no ü).
fn typed_form(letters: &str) -> String {
    letters.to_lowercase().replace('ü', "v")
}

fn rank(entry: &HanChar, usual_reading: bool) -> Rank {
    (
        gb2312_level(entry.ch),
        u8::from(!usual_reading),
        if entry.frequency == 0 {
            u8::MAX
        } else {
            entry.frequency
        },
        block_rank(entry.ch),
        entry.total_strokes,
        u32::from(entry.ch),
    )
}

/// 0 for GB 2312's first level (rows 16–55), 1 for its second (56–87), 2 for anything else.
fn gb2312_level(ch: char) -> u8 {
    if !('\u{4E00}'..='\u{9FFF}').contains(&ch) {
        return 2;
    }
    let mut buffer = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(ch.encode_utf8(&mut buffer));
    match (unmappable, bytes.as_ref()) {
        (false, &[0xB0..=0xD7, 0xA1..=0xFE]) => 0,
        (false, &[0xD8..=0xF7, 0xA1..=0xFE]) => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(chars: &[char], n: usize) -> String {
        chars.iter().take(n).collect()
    }

    #[test]
    fn common_characters_of_a_reading_come_first() {
        let readings = readings().unwrap();
        let zhang = readings.of("zhang");
        assert!(first(&zhang, 5).contains('张'), "{}", first(&zhang, 20));
        // Simplified before traditional, and a usual reading before a rare one.
        let at = |ch| zhang.iter().position(|&c| c == ch).unwrap();
        assert!(at('张') < at('張'));
        let wang = readings.of("wang");
        assert_eq!(wang.first(), Some(&'王'), "{}", first(&wang, 20));
        let at = |ch| wang.iter().position(|&c| c == ch).unwrap();
        assert!(
            at('方') > at('网'),
            "方 is rarely wǎng: {}",
            first(&wang, 20)
        );
        // Rare characters of names are there too, after the common ones.
        let yan = readings.of("yan");
        assert!(yan.contains(&'䶮'));
        assert!(first(&yan, 10).chars().all(|c| gb2312_level(c) == 0));
    }

    #[test]
    fn v_stands_for_u_umlaut_and_prefixes_find_every_syllable_they_start() {
        let readings = readings().unwrap();
        assert!(readings.of("lv").contains(&'绿'));
        assert!(readings.is_syllable("zhang"));
        assert!(!readings.is_syllable("zh"));
        assert!(readings.begins_syllable("zh"));
        assert!(!readings.begins_syllable("zx"));
        let zh = readings.of_start("zh");
        assert!(
            first(&zh, 10).contains('这') || first(&zh, 10).contains('中'),
            "{}",
            first(&zh, 20)
        );
        let mut unique = zh.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), zh.len(), "each character once");
    }

    #[test]
    fn gb2312_levels_follow_the_code_rows() {
        assert_eq!(gb2312_level('啊'), 0); // B0A1, the first
        assert_eq!(gb2312_level('张'), 0);
        assert_eq!(gb2312_level('亍'), 1); // D8A1, the second level's first
        assert_eq!(gb2312_level('張'), 2); // GBK, not GB 2312
        assert_eq!(gb2312_level('䶮'), 2);
    }
}
