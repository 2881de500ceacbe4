//! Pinyin as people type it (yan, yan3, lv, nü) and as Unihan writes it (yǎn, nǚ), brought to
//! one form: the toneless syllable with ü, and the tone (1–4, 5 for the neutral tone).

/// A syllable without its tone mark, and its tone (None when typed without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    pub letters: String,
    pub tone: Option<u8>,
}

/// Reads a tone-marked reading as Unihan gives it ("yǎn", "lüè", "ma").
pub fn from_marked(reading: &str) -> Syllable {
    let mut letters = String::with_capacity(reading.len());
    let mut tone = None;
    for c in reading.chars() {
        let (base, mark) = unmark(c);
        letters.push(base);
        if mark.is_some() {
            tone = mark;
        }
    }
    Syllable {
        letters,
        tone: Some(tone.unwrap_or(5)),
    }
}

/// Reads what a person typed: letters, then perhaps a tone digit; "v" and "u:" stand for ü.
/// None when it is not a syllable's shape (empty, digits inside, other symbols).
pub fn from_typed(query: &str) -> Option<Syllable> {
    let query = query
        .trim()
        .to_lowercase()
        .replace("u:", "ü")
        .replace('v', "ü");
    let (letters, tone) = match query.chars().last() {
        Some(digit @ '1'..='5') => (
            &query[..query.len() - 1],
            Some(digit.to_digit(10).unwrap_or(5) as u8),
        ),
        _ => (query.as_str(), None),
    };
    let letters: String = letters.chars().map(|c| unmark(c).0).collect();
    let shaped = !letters.is_empty() && letters.chars().all(|c| c.is_ascii_lowercase() || c == 'ü');
    shaped.then_some(Syllable { letters, tone })
}

impl Syllable {
    /// Whether a reading matches what was typed: same letters, and the same tone when one was
    /// typed. "nu" finds nǚ as well as nù, since many people type ü as u.
    pub fn finds(&self, reading: &Syllable) -> bool {
        let letters = self.letters == reading.letters
            || (!self.letters.contains('ü') && self.letters == reading.letters.replace('ü', "u"));
        letters && self.tone.is_none_or(|tone| Some(tone) == reading.tone)
    }
}

/// A vowel without its tone mark, and the tone the mark stood for.
fn unmark(c: char) -> (char, Option<u8>) {
    const MARKED: [(char, char, u8); 24] = [
        ('ā', 'a', 1),
        ('á', 'a', 2),
        ('ǎ', 'a', 3),
        ('à', 'a', 4),
        ('ē', 'e', 1),
        ('é', 'e', 2),
        ('ě', 'e', 3),
        ('è', 'e', 4),
        ('ī', 'i', 1),
        ('í', 'i', 2),
        ('ǐ', 'i', 3),
        ('ì', 'i', 4),
        ('ō', 'o', 1),
        ('ó', 'o', 2),
        ('ǒ', 'o', 3),
        ('ò', 'o', 4),
        ('ū', 'u', 1),
        ('ú', 'u', 2),
        ('ǔ', 'u', 3),
        ('ù', 'u', 4),
        ('ǖ', 'ü', 1),
        ('ǘ', 'ü', 2),
        ('ǚ', 'ü', 3),
        ('ǜ', 'ü', 4),
    ];
    // ḿ, ń, ň, ǹ: the syllables m and n.
    match c {
        'ḿ' => ('m', Some(2)),
        'ń' => ('n', Some(2)),
        'ň' => ('n', Some(3)),
        'ǹ' => ('n', Some(4)),
        'ê' => ('e', None),
        _ => MARKED
            .iter()
            .find(|(marked, _, _)| *marked == c)
            .map(|&(_, base, tone)| (base, Some(tone)))
            .unwrap_or((c, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_readings_lose_their_marks_and_keep_the_tone() {
        assert_eq!(
            from_marked("yǎn"),
            Syllable {
                letters: "yan".into(),
                tone: Some(3)
            }
        );
        assert_eq!(from_marked("lüè").letters, "lüe");
        assert_eq!(from_marked("ma").tone, Some(5));
    }

    #[test]
    fn typed_queries_accept_tone_digits_and_v_for_u_umlaut() {
        assert_eq!(
            from_typed(" Yan3 "),
            Some(Syllable {
                letters: "yan".into(),
                tone: Some(3)
            })
        );
        assert_eq!(from_typed("lv").unwrap().letters, "lü");
        assert_eq!(from_typed("nu:3").unwrap().letters, "nü");
        assert_eq!(from_typed(""), None);
        assert_eq!(from_typed("ya3n"), None);
        assert_eq!(from_typed("火"), None);
    }

    #[test]
    fn a_query_finds_readings_with_or_without_its_tone() {
        let yan = from_typed("yan").unwrap();
        assert!(yan.finds(&from_marked("yǎn")));
        assert!(yan.finds(&from_marked("yàn")));
        assert!(!from_typed("yan4").unwrap().finds(&from_marked("yǎn")));
        assert!(from_typed("nu").unwrap().finds(&from_marked("nǚ")));
        assert!(!from_typed("nv").unwrap().finds(&from_marked("nù")));
    }
}
