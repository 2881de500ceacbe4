//! What a person's name may hold: every Han character of GB 18030-2022 level 3 (and the later
//! extensions), the radicals, "·" between the parts of a minority name, the letters of other
//! scripts with their combining marks, up to [`NAME_MAX_CHARS`] characters (民委发〔2016〕33号).
//!
//! A name is kept exactly as typed, after trimming: no normalisation (NFC would turn the 12
//! compatibility ideographs such as 﨎 U+FA0E into other characters, NFKC even more), no cutting.
//! What no name contains is refused with the character named: emoji, symbols, digits,
//! punctuation, control, format, private-use and unassigned code points. Look-alikes of "·" are
//! refused too, with a pointer to the right dot, rather than changed behind the person's back.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::text::TextError;

/// A person's name is at most this many characters (counted as characters, never bytes: an
/// Ext B character is four bytes of UTF-8). 民委发〔2016〕33号 asks for at least 50.
pub const NAME_MAX_CHARS: usize = 50;

/// The separator between the parts of a name (阿依古丽·买买提), U+00B7 MIDDLE DOT.
pub const NAME_DOT: char = '\u{B7}';

/// Dots people type for "·" by mistake (an input method's 中文间隔号, a bullet, a full stop…):
/// refused with a pointer to [`NAME_DOT`]. ꞏ U+A78F and ᐧ U+1427 are letters of other scripts
/// and would otherwise pass.
pub const LOOK_ALIKE_DOTS: &[char] = &[
    '.',        // full stop
    '\u{2D9}',  // ˙ dot above
    '\u{387}',  // · Greek ano teleia (NFC turns it into U+00B7)
    '\u{1427}', // ᐧ Canadian syllabics final middle dot
    '\u{2022}', // • bullet
    '\u{2027}', // ‧ hyphenation point
    '\u{2219}', // ∙ bullet operator
    '\u{22C5}', // ⋅ dot operator
    '\u{2E31}', // ⸱ word separator middle dot
    '\u{30FB}', // ・ katakana middle dot
    '\u{A78F}', // ꞏ Latin letter sinological dot
    '\u{FF0E}', // ． full-width full stop
    '\u{FF65}', // ･ half-width katakana middle dot
];

/// How a character stands in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A Han character, a radical or 〇.
    Han,
    /// A letter of another script (Uyghur, Tibetan, Mongolian, Latin…).
    Letter,
    /// A combining mark, or a script's own mark inside a word (Tibetan tsheg, Mongolian vowel
    /// separator): only after a letter.
    Mark,
    /// "·" or a single space: between two parts of the name.
    Separator,
    /// A hyphen or an apostrophe: between two letters of an alphabetic script.
    Joiner,
}

/// A person's name: trimmed, one line, [`NAME_MAX_CHARS`] at most, only what names are made of.
pub fn check_name(input: &str) -> Result<String, TextError> {
    let name = input.trim();
    if name.is_empty() {
        return Err(TextError::Empty);
    }
    let chars: Vec<char> = name.chars().collect();
    let parts: Vec<Result<Part, TextError>> = chars.iter().map(|&c| part(c)).collect();
    let part_at = |at: Option<usize>| at.and_then(|at| parts.get(at)?.as_ref().ok().copied());
    // The first problem in reading order is the one named.
    for (at, (&c, here)) in chars.iter().zip(&parts).enumerate() {
        let here = here.clone()?;
        let before = part_at(at.checked_sub(1));
        let after = part_at(Some(at + 1));
        let word = |part: Option<Part>| matches!(part, Some(Part::Han | Part::Letter | Part::Mark));
        match here {
            Part::Han | Part::Letter => {}
            Part::Mark => {
                if !word(before) {
                    return Err(TextError::NotInName(c));
                }
            }
            Part::Separator => {
                if !word(before) || !word(after) {
                    return Err(TextError::LooseSeparator(c));
                }
            }
            Part::Joiner => {
                // "Jean-Pierre", "O'Neil": only inside a word of an alphabetic script.
                let letter = |part: Option<Part>| matches!(part, Some(Part::Letter | Part::Mark));
                if !letter(before) || !matches!(after, Some(Part::Letter)) {
                    return Err(TextError::NotInName(c));
                }
            }
        }
    }
    // Counted in characters, not bytes: 50 Ext B characters are 200 bytes.
    if chars.len() > NAME_MAX_CHARS {
        return Err(TextError::TooLong {
            max: NAME_MAX_CHARS,
        });
    }
    Ok(name.to_owned())
}

/// What `c` is in a name, or why it cannot be in one.
fn part(c: char) -> Result<Part, TextError> {
    if c.is_control() {
        return Err(TextError::ControlCharacter(c));
    }
    if LOOK_ALIKE_DOTS.contains(&c) {
        return Err(TextError::LookAlikeDot(c));
    }
    if is_han(c) {
        return Ok(Part::Han);
    }
    match c {
        NAME_DOT | ' ' => return Ok(Part::Separator),
        // Hyphen-minus, apostrophe, right single quotation mark (what a word processor makes of
        // an apostrophe). Latin-script names carry them (a spouse from abroad, a passport
        // spelling); they never stand next to a Han character or at an end.
        '-' | '\'' | '\u{2019}' => return Ok(Part::Joiner),
        // Tibetan tsheg (between syllables), Mongolian vowel separator (a format character
        // inside a word).
        '\u{F0B}' | '\u{F0C}' | '\u{180E}' => return Ok(Part::Mark),
        _ => {}
    }
    use GeneralCategory as G;
    match c.general_category() {
        G::UppercaseLetter
        | G::LowercaseLetter
        | G::TitlecaseLetter
        | G::ModifierLetter
        | G::OtherLetter => Ok(Part::Letter),
        G::NonspacingMark | G::SpacingMark => Ok(Part::Mark),
        _ => Err(TextError::NotInName(c)),
    }
}

/// Han characters of every block (URO, Ext A–J, the compatibility ideographs, including the 12
/// unified ones of GB 18030 level 3), the radicals (level 3 includes the 214 Kangxi radicals)
/// and the ideographic zero 〇 — assigned code points only.
pub fn is_han(c: char) -> bool {
    let code = u32::from(c);
    // CJK Radicals Supplement (2E80–2EFF) and Kangxi Radicals (2F00–2FDF).
    let radical = matches!(code, 0x2E80..=0x2FDF);
    let ideograph = matches!(
        code,
        0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0x20000..=0x2FA1F
            | 0x30000..=0x3347F
    ) || c == '\u{3007}';
    (radical || ideograph) && c.general_category() != GeneralCategory::Unassigned
}

/// How a refused character can be named to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// It can be shown between quotes.
    Visible,
    /// A space, a control or format character: only its code point says what it is.
    Invisible,
    /// A private-use code point: a font of one machine, nothing on another.
    PrivateUse,
    /// No character has this code point (yet).
    Unassigned,
}

/// How to name `c` when it is refused.
pub fn shown(c: char) -> Shown {
    use GeneralCategory as G;
    match c.general_category() {
        G::PrivateUse => Shown::PrivateUse,
        G::Unassigned | G::Surrogate => Shown::Unassigned,
        G::Control
        | G::Format
        | G::SpaceSeparator
        | G::LineSeparator
        | G::ParagraphSeparator
        | G::NonspacingMark
        | G::EnclosingMark => Shown::Invisible,
        _ => Shown::Visible,
    }
}

/// The code point as people look it up: `U+4DAE`, `U+2A6A5`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(name: &str) {
        assert_eq!(check_name(name), Ok(name.to_owned()), "{name}");
    }

    #[test]
    fn a_sample_of_every_han_block_and_the_radicals_is_accepted_unchanged() {
        let samples = [
            ("URO", "王"),
            ("URO, amendment 1", "\u{9FF0}"),
            ("Ext A", "䶮"),
            ("Ext A, amendment 1", "\u{4DB6}"),
            ("Ext B", "𠀾"),
            ("Ext B", "𪚥"),
            ("Ext C", "𪜀"),
            ("Ext D", "𫝀"),
            ("Ext E", "𫠠"),
            ("Ext F", "𬺰"),
            ("Ext G", "\u{30000}"),
            ("Ext H", "\u{31350}"),
            ("Ext I", "\u{2EBF0}"),
            ("Ext J", "\u{323B0}"),
            ("compatibility, unified", "﨎"),
            ("compatibility, unified", "﨩"),
            ("Kangxi radical", "\u{2F00}"),
            ("Kangxi radical", "\u{2FD5}"),
            ("CJK radicals supplement", "\u{2E80}"),
            ("ideographic zero", "〇"),
        ];
        for (block, sample) in samples {
            let name = format!("李{sample}");
            assert_eq!(check_name(&name), Ok(name.clone()), "{block}");
        }
    }

    #[test]
    fn the_twelve_compatibility_ideographs_are_kept_not_normalised() {
        let twelve = "\u{FA0E}\u{FA0F}\u{FA11}\u{FA13}\u{FA14}\u{FA1F}\u{FA21}\u{FA23}\u{FA24}\u{FA27}\u{FA28}\u{FA29}";
        accepted(twelve);
        // Other compatibility ideographs, which NFC would change, are kept as typed too.
        accepted("金\u{F900}");
    }

    #[test]
    fn fifty_characters_pass_and_fifty_one_do_not_counted_in_characters() {
        let fifty = "𠀾".repeat(NAME_MAX_CHARS);
        assert_eq!(fifty.len(), 200, "four bytes each");
        accepted(&fifty);
        assert_eq!(
            check_name(&"𠀾".repeat(NAME_MAX_CHARS + 1)),
            Err(TextError::TooLong { max: 50 })
        );
        let long = "阿卜杜热合曼·买买提明·".repeat(4) + "艾力";
        assert!(long.chars().count() <= NAME_MAX_CHARS);
        accepted(&long);
    }

    #[test]
    fn minority_names_in_their_own_scripts_and_latin_names_are_accepted() {
        accepted("阿依古丽·买买提");
        accepted("ئايگۈل مەمەت"); // Uyghur
        accepted("བསྟན་འཛིན"); // Tibetan: letters, a vowel sign, subjoined letters, tsheg
        accepted("ᠪᠠᠲᠤ"); // Mongolian
        accepted("Nguyễn Thị Hoa"); // Latin, precomposed
        accepted("Nguye\u{302}\u{303}n"); // Latin with combining marks
        accepted("Jean-Pierre O'Neil");
        accepted("Mary O\u{2019}Brien");
        accepted("김민준"); // Korean (朝鲜族)
        assert_eq!(check_name("  王堃 "), Ok("王堃".to_owned()));
    }

    #[test]
    fn emoji_symbols_digits_and_punctuation_are_refused_naming_the_character() {
        for (name, refused) in [
            ("小花🌸", '🌸'),
            ("王❤\u{FE0F}", '❤'),
            ("张三2", '2'),
            ("张三２", '２'),
            ("张三！", '！'),
            ("张(三)", '('),
            ("张¥三", '¥'),
            ("张三、李四", '、'),
            ("王_明", '_'),
            ("Ⅻ世", 'Ⅻ'),
            ("王\u{3000}明", '\u{3000}'),
            ("王\u{200B}明", '\u{200B}'),
            ("王\u{202E}明", '\u{202E}'),
            ("王\u{E000}", '\u{E000}'),
            ("王\u{2A6E0}", '\u{2A6E0}'),
            ("王\u{20DD}", '\u{20DD}'),
            ("\u{301}王", '\u{301}'),
            ("王-明", '-'),
            ("-Anna", '-'),
        ] {
            assert_eq!(
                check_name(name),
                Err(TextError::NotInName(refused)),
                "{name}"
            );
        }
    }

    #[test]
    fn control_characters_are_refused_naming_them() {
        assert_eq!(check_name("张\n三"), Err(TextError::ControlCharacter('\n')));
        assert_eq!(
            check_name("张\u{7}三"),
            Err(TextError::ControlCharacter('\u{7}'))
        );
    }

    #[test]
    fn look_alike_dots_are_refused_not_converted() {
        for dot in LOOK_ALIKE_DOTS {
            let name = format!("阿依古丽{dot}买买提");
            assert_eq!(
                check_name(&name),
                Err(TextError::LookAlikeDot(*dot)),
                "{name}"
            );
        }
    }

    #[test]
    fn the_dot_and_a_space_stand_alone_between_two_parts() {
        for (name, refused) in [
            ("·阿依古丽", NAME_DOT),
            ("阿依古丽·", NAME_DOT),
            ("阿依古丽··买买提", NAME_DOT),
            ("阿依古丽· 买买提", NAME_DOT),
            ("Anna  Li", ' '),
        ] {
            assert_eq!(
                check_name(name),
                Err(TextError::LooseSeparator(refused)),
                "{name}"
            );
        }
        accepted("Anna Li");
    }

    #[test]
    fn sql_looking_text_is_kept_when_it_is_made_of_letters() {
        accepted("Tom O'Brien OR Anna");
        accepted("DROP TABLE household");
        assert_eq!(
            check_name("'; DROP TABLE household; --"),
            Err(TextError::NotInName('\''))
        );
        assert_eq!(
            check_name("王;DROP TABLE household"),
            Err(TextError::NotInName(';'))
        );
    }

    #[test]
    fn a_refused_character_is_named_visibly_or_by_its_code_point() {
        assert_eq!(shown('🌸'), Shown::Visible);
        assert_eq!(shown('\u{3000}'), Shown::Invisible);
        assert_eq!(shown('\u{200B}'), Shown::Invisible);
        assert_eq!(shown('\n'), Shown::Invisible);
        assert_eq!(shown('\u{E000}'), Shown::PrivateUse);
        assert_eq!(shown('\u{2A6E0}'), Shown::Unassigned);
        assert_eq!(code_point('🌸'), "U+1F338");
        assert_eq!(code_point('䶮'), "U+4DAE");
        assert_eq!(code_point('a'), "U+0061");
    }
}
