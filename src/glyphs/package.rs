//! Which Debian font package draws a Han character the installed fonts cannot: what the desk
//! tells the staff to install. Pure.
//!
//! Measured on Debian bookworm (see ../shared/domain.md §4.7): `fonts-noto-cjk` covers the
//! unified ideographs to U+9FEF, Extension A and the radicals; `fonts-hanazono` Extensions B–F
//! and the compatibility ideographs; `fonts-unifont` the 26 added by GB 18030-2022's first
//! amendment (U+4DB6–4DBF, U+9FF0–9FFF). Nothing in Debian draws Extensions G, H and I, nor
//! what later Unicode versions added to B–F, except `fonts-babelstone-han`, which the program
//! does not depend on.

pub const NOTO_CJK: &str = "fonts-noto-cjk";
pub const HANAZONO: &str = "fonts-hanazono";
pub const UNIFONT: &str = "fonts-unifont";
pub const BABELSTONE: &str = "fonts-babelstone-han";

/// The 12 unified ideographs of the compatibility block (GB 18030 level 3).
const UNIFIED_IN_COMPATIBILITY: [u32; 12] = [
    0xFA0E, 0xFA0F, 0xFA11, 0xFA13, 0xFA14, 0xFA1F, 0xFA21, 0xFA23, 0xFA24, 0xFA27, 0xFA28, 0xFA29,
];

/// The package whose font draws `ch`, for Han characters and their radicals; `None` for
/// everything else (no package is known to help).
pub fn package_for(ch: char) -> Option<&'static str> {
    let code = u32::from(ch);
    if UNIFIED_IN_COMPATIBILITY.contains(&code) {
        return Some(NOTO_CJK);
    }
    Some(match code {
        // Radicals, Kangxi radicals, description characters, CJK symbols, strokes.
        0x2E80..=0x303F | 0x31C0..=0x31EF => NOTO_CJK,
        0x3400..=0x4DB5 => NOTO_CJK,
        0x4DB6..=0x4DBF => UNIFONT,
        0x4E00..=0x9FEF => NOTO_CJK,
        0x9FF0..=0x9FFF => UNIFONT,
        0xF900..=0xFAFF | 0x2F800..=0x2FA1F => HANAZONO,
        // Extensions B, C, D, E and F as GB 18030-2022 lists them.
        0x20000..=0x2A6D6
        | 0x2A700..=0x2B734
        | 0x2B740..=0x2B81D
        | 0x2B820..=0x2CEA1
        | 0x2CEB0..=0x2EBE0 => HANAZONO,
        // Later additions to B–F, and Extensions G, H and I.
        0x2A6D7..=0x2A6DF
        | 0x2B735..=0x2B73F
        | 0x2B81E..=0x2B81F
        | 0x2CEA2..=0x2CEAF
        | 0x2EBE1..=0x2EE5F
        | 0x30000..=0x323AF => BABELSTONE,
        _ => return None,
    })
}

/// The packages for `characters`, once each, in order of first need.
pub fn packages_for(characters: &[char]) -> Vec<&'static str> {
    let mut packages = Vec::new();
    for package in characters.iter().filter_map(|&ch| package_for(ch)) {
        if !packages.contains(&package) {
            packages.push(package);
        }
    }
    packages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_extension_names_the_package_that_draws_it() {
        for (ch, package) in [
            ('䶮', Some(NOTO_CJK)),          // U+4DAE, Extension A
            ('\u{4DB6}', Some(UNIFONT)),     // first amendment
            ('\u{9FEF}', Some(NOTO_CJK)),    // last of the original unified block
            ('\u{9FF0}', Some(UNIFONT)),     // first amendment
            ('﨎', Some(NOTO_CJK)),          // U+FA0E, unified in the compatibility block
            ('\u{F900}', Some(HANAZONO)),    // a compatibility ideograph
            ('𠀾', Some(HANAZONO)),          // U+2003E, Extension B
            ('𪚥', Some(HANAZONO)),          // U+2A6A5, Extension B
            ('𪜀', Some(HANAZONO)),          // U+2A700, Extension C
            ('𫝀', Some(HANAZONO)),          // U+2B740, Extension D
            ('𫠠', Some(HANAZONO)),          // U+2B820, Extension E
            ('𬺰', Some(HANAZONO)),          // U+2CEB0, Extension F
            ('\u{2A6DF}', Some(BABELSTONE)), // added to B after GB 18030-2022
            ('\u{30000}', Some(BABELSTONE)), // Extension G
            ('\u{31350}', Some(BABELSTONE)), // Extension H
            ('\u{2EBF0}', Some(BABELSTONE)), // Extension I
            ('\u{2F00}', Some(NOTO_CJK)),    // Kangxi radical one
            ('A', None),
            ('🌸', None),
            ('\u{E000}', None),
        ] {
            assert_eq!(package_for(ch), package, "U+{:04X}", u32::from(ch));
        }
    }

    #[test]
    fn packages_are_listed_once_in_order_of_need() {
        assert_eq!(
            packages_for(&['𪚥', '䶮', '𪜀', '\u{30000}', '🌸']),
            [HANAZONO, NOTO_CJK, BABELSTONE]
        );
        assert!(packages_for(&[]).is_empty());
    }
}
