//! The bundled Noto Sans CJK SC (reduced to GBK, see assets/fonts/README.md), so Chinese renders on
//! a machine with no CJK font; anything it lacks falls back to the system's fonts.

use iced::Font;
use iced::font::Weight;

pub const REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.otf");
pub const BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.otf");

/// The family name inside both font files.
pub const FAMILY: &str = "Noto Sans CJK SC";

pub const REGULAR: Font = Font::with_name(FAMILY);
pub const BOLD: Font = Font {
    weight: Weight::Bold,
    ..REGULAR
};

/// The font files to register with iced (the application builder or a test simulator).
pub fn all() -> [&'static [u8]; 2] {
    [REGULAR_BYTES, BOLD_BYTES]
}

/// Registers the bundled fonts with the text engine, borrowing the binary's own bytes: the pages
/// of a face are then read only where a glyph is drawn from them. (iced's `Application::font`
/// copies every byte to the heap first: 12 MB of memory and of reading before the first frame.)
/// Call before the window opens; calls after the first do nothing.
pub fn register() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(load_into_text_engine);
}

fn load_into_text_engine() {
    use iced_graphics::text::cosmic_text::fontdb::{Language, Source};
    let mut system = iced_graphics::text::font_system()
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let database = system.raw().db_mut();
    // Debian's fonts-noto-cjk has a face of the bundled fonts' very family name. Left so, the
    // engine draws from that file instead of the binary's pages (9 MB more memory on Home);
    // renamed here, it stays what draws what the bundled fonts lack (Extension A).
    let twins: Vec<_> = database
        .faces()
        .filter(|face| !matches!(face.source, Source::Binary(_)))
        .filter(|face| face.families.iter().any(|(name, _)| name == FAMILY))
        .cloned()
        .collect();
    for mut face in twins {
        database.remove_face(face.id);
        face.families = vec![(format!("{FAMILY} (system)"), Language::English_UnitedStates)];
        database.push_face_info(face);
    }
    for bytes in all() {
        database.load_font_source(Source::Binary(std::sync::Arc::new(bytes)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing_from(font: &[u8], text: &str) -> Vec<char> {
        let face = ttf_parser::Face::parse(font, 0).expect("bundled font parses");
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|&c| face.glyph_index(c).is_none())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    fn everything_the_kiosk_shows() -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut text = String::new();
        for dir in [
            "locales/zh-CN",
            "locales/en",
            "assets/content",
            "assets/content/items",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    text.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        text
    }

    #[test]
    fn every_character_the_kiosk_shows_is_in_the_bundled_fonts() {
        let text = everything_the_kiosk_shows();
        assert_eq!(missing_from(REGULAR_BYTES, &text), Vec::<char>::new());
        assert_eq!(missing_from(BOLD_BYTES, &text), Vec::<char>::new());
    }

    #[test]
    fn rare_name_characters_render() {
        // Characters seen in farmers' names, and 〇 in dates written in Chinese.
        let rare = "堃喆赟玥犇垚〇";
        assert_eq!(missing_from(REGULAR_BYTES, rare), Vec::<char>::new());
        assert_eq!(missing_from(BOLD_BYTES, rare), Vec::<char>::new());
    }

    #[test]
    fn both_files_are_the_family_the_ui_asks_for() {
        for bytes in all() {
            let face = ttf_parser::Face::parse(bytes, 0).unwrap();
            let family = face
                .names()
                .into_iter()
                .filter(|name| name.name_id == ttf_parser::name_id::FAMILY)
                .find_map(|name| name.to_string())
                .unwrap();
            assert_eq!(family, FAMILY);
        }
    }
}
