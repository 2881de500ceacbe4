//! Text as a screen can show it when some of its characters have no font: each such character
//! written as its code point, ⟨U+2A6A5⟩, never a bare box. Pure: whether a character can be
//! drawn comes in as a function.

use super::package::packages_for;

/// `⟨U+2A6A5⟩`: a character named by its code point.
pub fn code_point(ch: char) -> String {
    format!("⟨U+{:04X}⟩", u32::from(ch))
}

/// Whether `ch` is drawn at all: spaces and line ends are layout, not glyphs.
fn is_drawn(ch: char) -> bool {
    !ch.is_whitespace() && !ch.is_control()
}

/// `text` with every character `drawable` refuses written as its code point. The stored text
/// is never changed: this is only what is shown.
pub fn shown(text: &str, drawable: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if is_drawn(ch) && !drawable(ch) {
            out.push_str(&code_point(ch));
        } else {
            out.push(ch);
        }
    }
    out
}

/// The characters of `text` that cannot be drawn, once each, in order, and the font packages
/// that would draw them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undrawable {
    pub characters: Vec<char>,
    pub packages: Vec<&'static str>,
}

impl Undrawable {
    /// `⟨U+2A6A5⟩ ⟨U+30000⟩`.
    pub fn code_points(&self) -> String {
        self.characters
            .iter()
            .map(|&ch| code_point(ch))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `fonts-hanazono, fonts-babelstone-han`.
    pub fn package_list(&self) -> String {
        self.packages.join(", ")
    }
}

/// What of `text` cannot be drawn, or `None` when all of it can.
pub fn undrawable(text: &str, drawable: impl Fn(char) -> bool) -> Option<Undrawable> {
    let mut characters: Vec<char> = Vec::new();
    for ch in text.chars() {
        if is_drawn(ch) && !drawable(ch) && !characters.contains(&ch) {
            characters.push(ch);
        }
    }
    if characters.is_empty() {
        return None;
    }
    let packages = packages_for(&characters);
    Some(Undrawable {
        characters,
        packages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glyphs::coverage::{CoverageBuilder, Source};

    /// Fonts that draw the common characters and Extension A, but nothing beyond the BMP.
    fn without_extension_b(ch: char) -> bool {
        u32::from(ch) < 0x10000
    }

    #[test]
    fn a_character_no_font_draws_is_shown_as_its_code_point() {
        assert_eq!(shown("王𪚥明", without_extension_b), "王⟨U+2A6A5⟩明");
        assert_eq!(
            shown("阿依古丽·𠀾𠀾", without_extension_b),
            "阿依古丽·⟨U+2003E⟩⟨U+2003E⟩"
        );
        assert_eq!(shown("王䶮", without_extension_b), "王䶮");
        assert_eq!(code_point('䶮'), "⟨U+4DAE⟩");
        assert_eq!(code_point('A'), "⟨U+0041⟩");
    }

    #[test]
    fn spaces_are_never_rewritten() {
        assert_eq!(shown("王 明", |_| false), "⟨U+738B⟩ ⟨U+660E⟩");
    }

    #[test]
    fn a_coverage_without_the_character_names_it_and_the_package() {
        let mut fonts = CoverageBuilder::new();
        fonts.add(Source::Bundled, "王明".chars().map(u32::from));
        fonts.add(Source::System(0), "䶮".chars().map(u32::from));
        let coverage = fonts.build();
        let drawable = |ch| coverage.covers(ch);
        assert_eq!(shown("王䶮明", drawable), "王䶮明");
        assert_eq!(undrawable("王䶮明", drawable), None);
        let missing = undrawable("王𪚥𪜀𪚥\u{30000}", drawable).unwrap();
        assert_eq!(missing.characters, ['𪚥', '𪜀', '\u{30000}']);
        assert_eq!(missing.code_points(), "⟨U+2A6A5⟩ ⟨U+2A700⟩ ⟨U+30000⟩");
        assert_eq!(
            missing.package_list(),
            "fonts-hanazono, fonts-babelstone-han"
        );
    }
}
