//! What an entry must hold before a query can match it at all, kept when the index is built so
//! that a keystroke scores only the entries that can match. A sieve never changes a score: it
//! only skips entries whose score would be 0.
//!
//! - A pinyin or English query (ASCII letters and digits) matches only as a substring of an
//!   entry's initials, its toneless syllables or its lower-case English title, so every pair of
//!   neighbouring query characters stands next to each other in one of those (one character:
//!   occurs in one of them). [`AsciiSieve`] keeps those pairs as bits.
//! - A query with Chinese in it matches a title or keyword as a substring or as characters in
//!   order, or the body as a substring, so each of its characters occurs somewhere in the entry.
//!   [`CharSieve`] keeps the entry's characters, sorted.

/// ASCII letters and digits: 36 symbols.
const SYMBOLS: usize = 36;
/// Bits for every ordered pair of symbols.
const PAIR_WORDS: usize = (SYMBOLS * SYMBOLS).div_ceil(64);

fn symbol(byte: u8) -> Option<usize> {
    match byte {
        b'a'..=b'z' => Some(usize::from(byte - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(byte - b'0')),
        _ => None,
    }
}

/// Which lower-case ASCII letters and digits occur, and which stand next to each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct AsciiSieve {
    singles: u64,
    pairs: [u64; PAIR_WORDS],
}

impl AsciiSieve {
    /// Adds what `text` holds (other characters break a pair and are not kept).
    pub(super) fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut previous = None;
        for &byte in bytes {
            let current = symbol(byte);
            if let Some(current) = current {
                self.singles |= 1u64 << current;
                if let Some(previous) = previous {
                    let pair = previous * SYMBOLS + current;
                    self.pairs[pair / 64] |= 1u64 << (pair % 64);
                }
            }
            previous = current;
        }
    }

    /// Everything `query` (as [`AsciiSieve::add`] took it) needs is here.
    pub(super) fn covers(&self, query: &AsciiSieve) -> bool {
        self.singles & query.singles == query.singles
            && self
                .pairs
                .iter()
                .zip(&query.pairs)
                .all(|(have, need)| have & need == *need)
    }
}

/// The distinct characters of an entry, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct CharSieve {
    chars: Vec<char>,
}

impl CharSieve {
    pub(super) fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> CharSieve {
        let mut chars: Vec<char> = texts.into_iter().flat_map(str::chars).collect();
        chars.sort_unstable();
        chars.dedup();
        chars.shrink_to_fit();
        CharSieve { chars }
    }

    /// Every character of `query` occurs here.
    pub(super) fn covers(&self, query: &[char]) -> bool {
        query.iter().all(|c| self.chars.binary_search(c).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sieve(texts: &[&str]) -> AsciiSieve {
        let mut sieve = AsciiSieve::default();
        for text in texts {
            sieve.add(text);
        }
        sieve
    }

    #[test]
    fn a_query_passes_only_when_each_neighbouring_pair_occurs_in_one_text() {
        let entry = sieve(&["gddlbhbt", "gengdidilibaohubutie", "farmland protection"]);
        for query in ["g", "gd", "gddl", "gengdi", "baohu", "farm", "tion", "ddlb"] {
            assert!(entry.covers(&sieve(&[query])), "{query}");
        }
        // "dg" and "xy" stand next to each other nowhere; "z" occurs nowhere.
        for query in ["dg", "z", "gdx", "xy"] {
            assert!(!entry.covers(&sieve(&[query])), "{query}");
        }
        // A space or a capital letter breaks a pair: "dp" is not in "farmland protection".
        assert!(!entry.covers(&sieve(&["dp"])));
        assert!(!sieve(&["aB"]).covers(&sieve(&["ab"])));
    }

    #[test]
    fn digits_are_symbols_too() {
        let entry = sieve(&["2026nian", "a1"]);
        assert!(entry.covers(&sieve(&["2026"])));
        assert!(entry.covers(&sieve(&["6n"])));
        assert!(!entry.covers(&sieve(&["62"])));
        assert!(entry.covers(&sieve(&["a1"])));
    }

    #[test]
    fn chinese_characters_are_looked_up_one_by_one() {
        let entry = CharSieve::new(["最低生活保障", "低保", "城乡居民"]);
        assert!(entry.covers(&['低', '保']));
        assert!(entry.covers(&['保', '低']));
        assert!(entry.covers(&['乡']));
        assert!(!entry.covers(&['低', '耕']));
        assert!(entry.covers(&[]));
    }
}
