//! Glyph advances and coverage, read from the bundled font files (the same bytes the PDF embeds),
//! so that what is measured is what is printed. A character the bundled font lacks is measured
//! in the installed face that prints it ([`super::fallback`]).

use std::sync::LazyLock;

use ttf_parser::Face;

use crate::ui::fonts::{BOLD_BYTES, REGULAR_BYTES};

/// The two faces every printed document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Weight {
    #[default]
    Regular,
    Bold,
}

/// One face's horizontal metrics and character map.
pub struct FaceMetrics {
    face: Face<'static>,
    units_per_em: f32,
    weight: Weight,
}

static REGULAR: LazyLock<FaceMetrics> =
    LazyLock::new(|| FaceMetrics::parse(REGULAR_BYTES, Weight::Regular));
static BOLD: LazyLock<FaceMetrics> = LazyLock::new(|| FaceMetrics::parse(BOLD_BYTES, Weight::Bold));

impl FaceMetrics {
    fn parse(bytes: &'static [u8], weight: Weight) -> FaceMetrics {
        // The bundled files are checked by the font tests in `ui::fonts`; a build whose own font
        // does not parse cannot print anything.
        let face = Face::parse(bytes, 0).expect("the bundled font parses");
        let units_per_em = f32::from(face.units_per_em());
        FaceMetrics {
            face,
            units_per_em,
            weight,
        }
    }

    pub fn of(weight: Weight) -> &'static FaceMetrics {
        match weight {
            Weight::Regular => &REGULAR,
            Weight::Bold => &BOLD,
        }
    }

    /// Whether the bundled face has a glyph for `ch`.
    pub fn covers(&self, ch: char) -> bool {
        self.face.glyph_index(ch).is_some()
    }

    /// The advance of `ch` at `size_pt`, in points: from the bundled face, or else from the
    /// installed face that prints `ch`. A character no font draws measures as the bundled
    /// face's .notdef box would; such text is never printed (see [`missing_glyphs`]).
    pub fn advance(&self, ch: char, size_pt: f32) -> f32 {
        let glyph = match self.face.glyph_index(ch) {
            Some(glyph) => glyph,
            None => match fallback_advance(ch, self.weight, size_pt) {
                Some(advance) => return advance,
                None => ttf_parser::GlyphId(0),
            },
        };
        let units = self.face.glyph_hor_advance(glyph).unwrap_or(0);
        f32::from(units) * size_pt / self.units_per_em
    }

    /// The width of `text` set solid (no spacing added), in points.
    pub fn width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|ch| self.advance(ch, size_pt)).sum()
    }

    /// Ascender above the baseline at `size_pt`, in points.
    pub fn ascent(&self, size_pt: f32) -> f32 {
        f32::from(self.face.ascender()) * size_pt / self.units_per_em
    }
}

/// The advance of `ch` in the regular face at `size_pt`, in points.
pub fn advance(ch: char, size_pt: f32) -> f32 {
    FaceMetrics::of(Weight::Regular).advance(ch, size_pt)
}

/// Line ends and tabs do not need a font (they are layout, not glyphs).
fn fallback_advance(ch: char, weight: Weight, size_pt: f32) -> Option<f32> {
    if is_layout_control(ch) {
        return None;
    }
    super::fallback::advance(ch, weight, size_pt)
}

/// Whether `ch` can be printed: both bundled faces draw it, or an installed font does. Line
/// ends and tabs are layout, not glyphs: they count as covered.
pub fn covers(ch: char) -> bool {
    is_layout_control(ch)
        || (FaceMetrics::of(Weight::Regular).covers(ch) && FaceMetrics::of(Weight::Bold).covers(ch))
        || crate::glyphs::installed().covers(ch)
}

/// Every character of `text` that no font can print (neither the bundled font nor an installed
/// one), once each, in order of first appearance. Printing stops with these listed: a PDF
/// viewer would show a blank or a box.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut missing = Vec::new();
    for ch in text.chars() {
        if !covers(ch) && !missing.contains(&ch) {
            missing.push(ch);
        }
    }
    missing
}

fn is_layout_control(ch: char) -> bool {
    matches!(ch, '\n' | '\r' | '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_are_one_em_and_latin_is_narrower() {
        assert!((advance('便', 10.0) - 10.0).abs() < 0.01);
        assert!((advance('，', 10.0) - 10.0).abs() < 0.01);
        let digit = advance('8', 10.0);
        assert!(digit > 3.0 && digit < 7.0, "{digit}");
        assert!((advance('便', 20.0) - 2.0 * advance('便', 10.0)).abs() < 0.01);
    }

    #[test]
    fn rare_name_characters_and_ling_are_covered() {
        assert_eq!(
            missing_glyphs("王堃 李玥 张喆 〇 2025年"),
            Vec::<char>::new()
        );
    }

    #[test]
    fn characters_no_font_draws_are_reported_once_each_in_order() {
        // Extension G and a private use character: no font of Debian's draws them.
        assert_eq!(
            missing_glyphs("王\u{30000}堃\u{E000}\u{30000}"),
            vec!['\u{30000}', '\u{E000}']
        );
        assert!(!covers('\u{30000}'));
        assert!(covers('\n'));
    }

    /// Needs Debian's fonts-hanazono and fonts-noto-cjk (tests/prepare).
    #[test]
    fn a_rare_character_is_measured_in_the_installed_font_that_prints_it() {
        assert_eq!(missing_glyphs("王䶮𪚥𬺰"), Vec::<char>::new());
        assert!(covers('𪚥') && !FaceMetrics::of(Weight::Regular).covers('𪚥'));
        for ch in ['䶮', '𪚥', '𬺰'] {
            let width = advance(ch, 10.0);
            assert!((width - 10.0).abs() < 0.5, "{ch}: {width}");
            let bold = FaceMetrics::of(Weight::Bold).advance(ch, 10.0);
            assert!((bold - 10.0).abs() < 0.5, "{ch} in bold: {bold}");
        }
        // No font: the bundled .notdef's width, whatever it is, never a fallback's.
        assert_eq!(
            advance('\u{30000}', 10.0),
            advance('\u{30001}', 10.0),
            "both are .notdef"
        );
    }

    #[test]
    fn bold_is_measured_from_the_bold_face() {
        let bold = FaceMetrics::of(Weight::Bold);
        assert!(bold.covers('堃'));
        assert!(bold.width("ABC", 10.0) > 0.0);
        assert!(bold.ascent(10.0) > 7.0);
    }
}
