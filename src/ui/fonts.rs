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
