//! People's names on screen (household heads, applicants, agents). A character no installed
//! font draws is shown as its code point, ⟨U+2A6A5⟩, never as a bare box, and the desk says
//! which font package would draw it. The stored name is never changed. Never waits: until the
//! installed fonts are read (a thread started after the first frame), only the bundled font
//! counts.

use iced::Element;
use iced::widget::column;

use super::theme;
use super::widget::Look;
use crate::glyphs::{display, drawable};
use crate::i18n::Language;
use crate::t;

/// `text` as the screen can show it.
pub fn shown(text: &str) -> String {
    display::shown(text, drawable)
}

/// "⟨U+2A6A5⟩ 无法显示：请安装字体包 fonts-hanazono", or `None` when every character of `text`
/// can be shown.
pub fn hint(language: Language, text: &str) -> Option<String> {
    let missing = display::undrawable(text, drawable)?;
    Some(if missing.packages.is_empty() {
        t!(
            language,
            "glyphs-missing-unknown",
            characters = missing.code_points()
        )
    } else {
        t!(
            language,
            "glyphs-missing",
            characters = missing.code_points(),
            packages = missing.package_list()
        )
    })
}

/// The hint for `text` in small caution type, if it needs one.
pub fn hint_line<'a, M: 'a>(look: Look, text: &str) -> Option<Element<'a, M>> {
    hint(look.language, text).map(|hint| look.small(hint).color(theme::CAUTION_TEXT).into())
}

/// A line holding a name in body type, with the hint under it when some character cannot be
/// shown.
pub fn line<'a, M: 'a>(look: Look, text: &str) -> Element<'a, M> {
    let shown = look.body(shown(text));
    match hint_line(look, text) {
        Some(hint) => column![shown, hint].into(),
        None => shown.into(),
    }
}
