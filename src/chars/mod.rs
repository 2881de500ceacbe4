//! The rare-character (生僻字) table: every ideograph of the Unicode Han database with its
//! radical, strokes and Mandarin readings, found by pinyin, by radical plus remaining strokes, or
//! by code point. Built from Unihan by `tools/make-char-table.py` into `assets/chars/`; read from
//! the binary the first time it is needed (about 100,000 characters), never at start-up.

pub mod compose;
pub mod pinyin;
pub mod readings;

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use serde::Serialize;

const TABLE_GZ: &[u8] = include_bytes!("../../assets/chars/unihan.tsv.gz");
const RADICALS: &str = include_str!("../../assets/chars/radicals.tsv");
/// The forms a radical takes at the side of a character, which people type for it but which
/// Unihan's radical list does not name (氵 for 水); 阝 stands for both 阜 (left) and 邑 (right).
const SIDE_FORMS: [(char, &[u8]); 16] = [
    ('亻', &[9]),
    ('冫', &[15]),
    ('刂', &[18]),
    ('忄', &[61]),
    ('扌', &[64]),
    ('攵', &[66]),
    ('氵', &[85]),
    ('灬', &[86]),
    ('犭', &[94]),
    ('王', &[96]),
    ('礻', &[113]),
    ('罒', &[122]),
    ('艹', &[140]),
    ('衤', &[145]),
    ('⻊', &[157]),
    ('阝', &[163, 170]),
];

/// One ideograph of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HanChar {
    pub ch: char,
    /// Kangxi radical number, 1–214.
    pub radical: u8,
    /// Indexed under the radical's simplified form (e.g. 龙 rather than 龍).
    pub simplified_radical: bool,
    /// Strokes beyond the radical (−1 for a few characters that lose a stroke of it).
    pub remaining_strokes: i8,
    pub total_strokes: u8,
    /// kFrequency, 1 (most common) to 5; 0 when Unihan gives none.
    pub frequency: u8,
    /// Every Mandarin reading, tone-marked ("yǎn"): today's first, then those only the 汉语大字典
    /// records (often ancient: 但 was once also read yàn).
    pub readings: Vec<String>,
    /// How many of `readings` are today's (kMandarin, 通用规范汉字字典, 现代汉语词典).
    pub modern: u8,
}

/// How a character matched a query, for ranking: by what it is today before by what it once was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    Today,
    /// Only by an ancient reading.
    Ancient,
}

/// A character as the command line and the picker show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub char: String,
    pub code_point: String,
    pub block: &'static str,
    pub pinyin: Vec<String>,
    pub radical: String,
    pub remaining_strokes: i8,
    pub total_strokes: u8,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum CharsError {
    #[error("the character table is damaged: {0}")]
    Damaged(String),
    #[error("{0:?} is not pinyin")]
    NotPinyin(String),
    #[error("{0:?} is not a radical")]
    NotARadical(String),
    #[error("{0:?} is not a code point (U+xxxx)")]
    NotACodePoint(String),
    /// The thread looking a character up stopped before it answered (the desk's picker).
    #[error("the lookup stopped without an answer")]
    Stopped,
}

/// A radical as the desk's picker offers it: the form people see (火, 氵, 龙) and how many
/// strokes it has, to group the grid the way dictionaries do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RadicalForm {
    pub form: char,
    pub strokes: u8,
}

/// One radical: its number, the Kangxi radical character and the ideograph it is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Radical {
    number: u8,
    simplified: bool,
    radical: char,
    ideograph: char,
}

pub struct CharTable {
    chars: Vec<HanChar>,
    by_char: HashMap<char, usize>,
    radicals: Vec<Radical>,
}

/// The table, read on first use.
pub fn table() -> Result<&'static CharTable, &'static CharsError> {
    static TABLE: OnceLock<Result<CharTable, CharsError>> = OnceLock::new();
    TABLE.get_or_init(CharTable::shipped).as_ref()
}

impl CharTable {
    fn shipped() -> Result<CharTable, CharsError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(TABLE_GZ)
            .read_to_string(&mut text)
            .map_err(|error| CharsError::Damaged(error.to_string()))?;
        CharTable::parse(&text, RADICALS)
    }

    pub fn parse(table: &str, radicals: &str) -> Result<CharTable, CharsError> {
        let chars = table
            .lines()
            .enumerate()
            .map(|(number, line)| {
                parse_char(line)
                    .ok_or_else(|| CharsError::Damaged(format!("line {}: {line:?}", number + 1)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let radicals = radicals
            .lines()
            .map(|line| {
                parse_radical(line).ok_or_else(|| CharsError::Damaged(format!("radical {line:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let by_char = chars
            .iter()
            .enumerate()
            .map(|(index, entry)| (entry.ch, index))
            .collect();
        Ok(CharTable {
            chars,
            by_char,
            radicals,
        })
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Every ideograph of the table, in code-point order.
    pub fn iter(&self) -> impl Iterator<Item = &HanChar> {
        self.chars.iter()
    }

    pub fn get(&self, ch: char) -> Option<&HanChar> {
        self.by_char.get(&ch).map(|&index| &self.chars[index])
    }

    /// Characters read as `query` ("yan", "yan3", "lv"): the common ones read so today first,
    /// those read so only in old dictionaries last.
    pub fn by_pinyin(&self, query: &str) -> Result<Vec<&HanChar>, CharsError> {
        let wanted =
            pinyin::from_typed(query).ok_or_else(|| CharsError::NotPinyin(query.to_owned()))?;
        Ok(self.ranked(|entry| {
            let at = entry
                .readings
                .iter()
                .position(|reading| wanted.finds(&pinyin::from_marked(reading)))?;
            Some(if at < usize::from(entry.modern) {
                Match::Today
            } else {
                Match::Ancient
            })
        }))
    }

    /// Characters under `radical` (its Kangxi form, the ideograph, or a simplified form: 火, 龙,
    /// 龍, ⽕), with `remaining` strokes beyond it when given.
    pub fn by_radical(
        &self,
        radical: &str,
        remaining: Option<i8>,
    ) -> Result<Vec<&HanChar>, CharsError> {
        let mut letters = radical.trim().chars();
        let (Some(wanted), None) = (letters.next(), letters.next()) else {
            return Err(CharsError::NotARadical(radical.to_owned()));
        };
        let numbers: Vec<u8> = match SIDE_FORMS.iter().find(|(form, _)| *form == wanted) {
            Some((_, numbers)) => numbers.to_vec(),
            None => self
                .radicals
                .iter()
                .filter(|r| r.radical == wanted || r.ideograph == wanted)
                .map(|r| r.number)
                .collect(),
        };
        if numbers.is_empty() {
            return Err(CharsError::NotARadical(radical.to_owned()));
        }
        Ok(self.ranked(|entry| {
            (numbers.contains(&entry.radical)
                && remaining.is_none_or(|n| entry.remaining_strokes == n))
            .then_some(Match::Today)
        }))
    }

    /// The character at a code point ("U+2A6A5", "u+4dae", "2A6A5") or the character itself.
    pub fn by_code_point(&self, query: &str) -> Result<Option<&HanChar>, CharsError> {
        let ch = parse_code_point(query)?;
        Ok(self.get(ch))
    }

    /// Every radical a person may look for: the 214 Kangxi radicals, their simplified forms (讠,
    /// 龙) and the forms at the side of a character (氵, 扌), each once, fewest strokes first and
    /// in radical order within a stroke count. `by_radical` takes every one of them.
    pub fn radical_forms(&self) -> Vec<RadicalForm> {
        let mut forms: Vec<(u8, u8, RadicalForm)> = Vec::new();
        let add = |form: char, number: u8, forms: &mut Vec<(u8, u8, RadicalForm)>| {
            if forms.iter().any(|(_, _, known)| known.form == form) {
                return;
            }
            // A form outside the table (⻊) counts as many strokes as its radical's ideograph.
            let strokes = self
                .get(form)
                .or_else(|| {
                    self.radicals
                        .iter()
                        .find(|r| r.number == number && !r.simplified)
                        .and_then(|r| self.get(r.ideograph))
                })
                .map_or(0, |entry| entry.total_strokes);
            forms.push((strokes, number, RadicalForm { form, strokes }));
        };
        for radical in &self.radicals {
            add(radical.ideograph, radical.number, &mut forms);
        }
        for (form, numbers) in SIDE_FORMS {
            add(form, numbers[0], &mut forms);
        }
        forms.sort_by_key(|(strokes, number, _)| (*strokes, *number));
        forms.into_iter().map(|(_, _, form)| form).collect()
    }

    /// The radical's ideograph for showing (龙 for a character indexed under 212').
    pub fn radical_of(&self, entry: &HanChar) -> char {
        self.radicals
            .iter()
            .find(|r| r.number == entry.radical && r.simplified == entry.simplified_radical)
            .or_else(|| self.radicals.iter().find(|r| r.number == entry.radical))
            .map(|r| r.ideograph)
            .unwrap_or(entry.ch)
    }

    pub fn candidate(&self, entry: &HanChar) -> Candidate {
        Candidate {
            char: entry.ch.to_string(),
            code_point: code_point(entry.ch),
            block: block(entry.ch).unwrap_or("other"),
            pinyin: entry.readings.clone(),
            radical: self.radical_of(entry).to_string(),
            remaining_strokes: entry.remaining_strokes,
            total_strokes: entry.total_strokes,
        }
    }

    /// The matching characters: common ones (by kFrequency) matched as they are used today
    /// first, then every other match today before the ancient ones, each by block (the basic
    /// block before the extensions), then by strokes, then by code point.
    fn ranked(&self, matches: impl Fn(&HanChar) -> Option<Match>) -> Vec<&HanChar> {
        let mut found: Vec<(Match, &HanChar)> = self
            .chars
            .iter()
            .filter_map(|entry| Some((matches(entry)?, entry)))
            .collect();
        found.sort_by_key(|(matched, entry)| {
            let frequency = match (matched, entry.frequency) {
                (Match::Today, 1..) => entry.frequency,
                _ => u8::MAX,
            };
            (
                frequency,
                *matched,
                block_rank(entry.ch),
                entry.total_strokes,
                entry.ch,
            )
        });
        found.into_iter().map(|(_, entry)| entry).collect()
    }
}

/// "U+4DAE" for 䶮.
pub fn code_point(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

fn parse_code_point(query: &str) -> Result<char, CharsError> {
    let query = query.trim();
    let mut letters = query.chars();
    if let (Some(only), None) = (letters.next(), letters.next())
        && !only.is_ascii_hexdigit()
    {
        return Ok(only);
    }
    let digits = query
        .strip_prefix("U+")
        .or_else(|| query.strip_prefix("u+"))
        .unwrap_or(query);
    u32::from_str_radix(digits, 16)
        .ok()
        .filter(|_| (4..=6).contains(&digits.len()))
        .and_then(char::from_u32)
        .ok_or_else(|| CharsError::NotACodePoint(query.to_owned()))
}

/// The Han block a character belongs to; None outside them.
pub fn block(ch: char) -> Option<&'static str> {
    const BLOCKS: [(u32, u32, &str); 11] = [
        (0x4E00, 0x9FFF, "URO"),
        (0x3400, 0x4DBF, "Ext A"),
        (0x20000, 0x2A6DF, "Ext B"),
        (0x2A700, 0x2B73F, "Ext C"),
        (0x2B740, 0x2B81F, "Ext D"),
        (0x2B820, 0x2CEAF, "Ext E"),
        (0x2CEB0, 0x2EBEF, "Ext F"),
        (0x30000, 0x3134F, "Ext G"),
        (0x31350, 0x323AF, "Ext H"),
        (0xF900, 0xFAFF, "Compatibility"),
        (0x2F00, 0x2FDF, "Kangxi radicals"),
    ];
    let cp = u32::from(ch);
    BLOCKS
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&cp))
        .map(|(_, _, name)| *name)
}

fn block_rank(ch: char) -> u8 {
    match block(ch) {
        Some("URO") => 0,
        Some("Ext A") => 1,
        Some("Compatibility") => 8,
        Some(_) => 2,
        None => 9,
    }
}

fn parse_char(line: &str) -> Option<HanChar> {
    let mut fields = line.split('\t');
    let ch = char::from_u32(u32::from_str_radix(fields.next()?, 16).ok()?)?;
    let (radical, remaining) = fields.next()?.split_once('.')?;
    let simplified_radical = radical.ends_with('\'');
    let radical = radical.trim_end_matches('\'').parse().ok()?;
    let remaining_strokes = remaining.parse().ok()?;
    let total_strokes = fields.next()?.parse().ok()?;
    let frequency = fields.next()?.parse().ok()?;
    let readings: Vec<String> = fields
        .next()?
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let modern = fields.next()?.parse().ok()?;
    if usize::from(modern) > readings.len() {
        return None;
    }
    Some(HanChar {
        ch,
        radical,
        simplified_radical,
        remaining_strokes,
        total_strokes,
        frequency,
        readings,
        modern,
    })
}

fn parse_radical(line: &str) -> Option<Radical> {
    let mut fields = line.split('\t');
    let number = fields.next()?;
    let simplified = number.ends_with('\'');
    let number = number.trim_end_matches('\'').parse().ok()?;
    let mut char_at = || char::from_u32(u32::from_str_radix(fields.next()?, 16).ok()?);
    Some(Radical {
        number,
        simplified,
        radical: char_at()?,
        ideograph: char_at()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(found: &[&HanChar]) -> String {
        found.iter().map(|entry| entry.ch).collect()
    }

    #[test]
    fn the_shipped_table_holds_every_level_3_block() {
        let table = table().unwrap();
        assert!(table.len() > 90_000, "{}", table.len());
        for (first, last) in [
            ('\u{4E00}', '\u{9FEF}'),
            ('\u{3400}', '\u{4DB5}'),
            ('\u{20000}', '\u{2A6D6}'),
            ('\u{2A700}', '\u{2B734}'),
            ('\u{2B740}', '\u{2B81D}'),
            ('\u{2B820}', '\u{2CEA1}'),
            ('\u{2CEB0}', '\u{2EBE0}'),
        ] {
            assert!(
                table.get(first).is_some() && table.get(last).is_some(),
                "{first}–{last}"
            );
        }
        assert!(table.get('\u{FA0E}').is_some(), "compatibility ideographs");
    }

    #[test]
    fn yan_finds_the_rare_yan_of_personal_names() {
        let table = table().unwrap();
        let found = table.by_pinyin("yan").unwrap();
        assert!(found.iter().any(|entry| entry.ch == '䶮'));
        let common = chars(&found[..5]);
        assert!(common.contains('言') || common.contains('眼'), "{common}");
        assert!(
            table
                .by_pinyin("yan3")
                .unwrap()
                .iter()
                .any(|entry| entry.ch == '䶮')
        );
        assert!(
            !table
                .by_pinyin("yan4")
                .unwrap()
                .iter()
                .any(|entry| entry.ch == '䶮')
        );
    }

    #[test]
    fn the_basic_block_comes_before_ext_a_and_ext_a_before_the_later_extensions() {
        let table = table().unwrap();
        // Read yan today (the ancient readings follow, in the same order among themselves).
        let today: Vec<&HanChar> = table
            .by_pinyin("yan")
            .unwrap()
            .into_iter()
            .filter(|entry| {
                entry.readings[..usize::from(entry.modern)]
                    .iter()
                    .any(|reading| pinyin::from_marked(reading).letters == "yan")
            })
            .collect();
        for found in [
            today,
            table.by_radical("龙", None).unwrap(),
            table.by_radical("氵", Some(9)).unwrap(),
        ] {
            let ranks: Vec<u8> = found.iter().map(|entry| block_rank(entry.ch)).collect();
            assert!(ranks.windows(2).all(|pair| pair[0] <= pair[1]), "{ranks:?}");
            // Within a block, the fewer strokes first.
            assert!(found.windows(2).all(|pair| {
                block_rank(pair[0].ch) != block_rank(pair[1].ch)
                    || pair[0].frequency != pair[1].frequency
                    || pair[0].total_strokes <= pair[1].total_strokes
            }));
        }
    }

    #[test]
    fn radical_and_strokes_find_yan_under_long_in_either_form() {
        let table = table().unwrap();
        for radical in ["龙", "龍", "⿓"] {
            let found = table.by_radical(radical, Some(4)).unwrap();
            assert!(found.iter().any(|entry| entry.ch == '䶮'), "{radical}");
        }
        let water = table.by_radical("氵", Some(5)).unwrap();
        assert!(water.iter().any(|entry| entry.ch == '河'));
        let fire = table.by_radical("火", Some(4)).unwrap();
        assert!(fire.iter().any(|entry| entry.ch == '炎'));
        assert!(
            fire.iter()
                .all(|entry| entry.radical == 86 && entry.remaining_strokes == 4)
        );
        assert!(matches!(
            table.by_radical("火火", None),
            Err(CharsError::NotARadical(_))
        ));
    }

    #[test]
    fn every_radical_form_is_offered_once_and_finds_its_characters() {
        let table = table().unwrap();
        let forms = table.radical_forms();
        // 冫 is radical 15 itself as well as a side form.
        assert_eq!(forms.len(), 214 + 26 + SIDE_FORMS.len() - 1);
        let mut seen = std::collections::HashSet::new();
        assert!(forms.iter().all(|form| seen.insert(form.form)));
        assert!(
            forms
                .windows(2)
                .all(|pair| pair[0].strokes <= pair[1].strokes)
        );
        let strokes = |ch: char| forms.iter().find(|form| form.form == ch).unwrap().strokes;
        assert_eq!(strokes('一'), 1);
        assert_eq!(strokes('氵'), 3);
        assert_eq!(strokes('火'), 4);
        assert_eq!(strokes('龙'), 5);
        assert_eq!(strokes('龍'), 16);
        assert_eq!(strokes('⻊'), 7, "not in the table: its radical's count");
        for form in &forms {
            let found = table.by_radical(&form.form.to_string(), None).unwrap();
            assert!(!found.is_empty(), "{}", form.form);
        }
    }

    #[test]
    fn code_points_find_ext_b_characters() {
        let table = table().unwrap();
        for query in ["U+2A6A5", "u+2a6a5", "2A6A5", "𪚥"] {
            let found = table.by_code_point(query).unwrap().unwrap();
            assert_eq!(found.ch, '𪚥', "{query}");
        }
        let zhe = table.candidate(table.get('𪚥').unwrap());
        assert_eq!(zhe.code_point, "U+2A6A5");
        assert_eq!(zhe.block, "Ext B");
        assert_eq!(zhe.radical, "龍");
        assert_eq!(zhe.pinyin, ["zhé"]);
        assert!(matches!(
            table.by_code_point("U+12"),
            Err(CharsError::NotACodePoint(_))
        ));
    }

    #[test]
    fn a_damaged_table_is_reported_not_skipped() {
        assert!(CharTable::parse("4E00\t1.0\t1\t1\tyī\t1\n", RADICALS).is_ok());
        for damaged in [
            "4E00\t1.0\t1\t1\tyī\t1\nnot a line\n",
            "4E00\t1.0\t1\t1\tyī\n",
            "4E00\t1.0\t1\t1\tyī\t2\n",
        ] {
            assert!(
                matches!(
                    CharTable::parse(damaged, RADICALS),
                    Err(CharsError::Damaged(_))
                ),
                "{damaged:?}"
            );
        }
    }

    #[test]
    fn a_reading_only_old_dictionaries_record_comes_after_todays() {
        let table = table().unwrap();
        let yan = table.by_pinyin("yan").unwrap();
        let at = |ch: char| yan.iter().position(|entry| entry.ch == ch).unwrap();
        // 但 is common, but read yàn only in the 汉语大字典: after 䶮, which is read yǎn today.
        assert!(at('䶮') < at('但'), "{} {}", at('䶮'), at('但'));
        assert!(at('言') < 10 && at('眼') < 30, "{} {}", at('言'), at('眼'));
        // 行 is read háng today: among the common characters.
        let hang = table.by_pinyin("hang").unwrap();
        assert!(hang.iter().take(10).any(|entry| entry.ch == '行'));
    }
}
