//! An on-screen keypad for pinyin: the kiosk has no keyboard, and its compositor may offer no
//! input method, so letters are tapped.

use iced::widget::{row, text};
use iced::{Element, Length};

use super::Look;
use crate::t;
use crate::ui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Letter(char),
    Backspace,
    Clear,
}

const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A-Z in alphabetical order (easier to find for people who never typed), then delete and clear.
pub fn keypad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    let key_label = |label: String| text(label).size(look.scale.heading);
    let mut keys = row![].spacing(look.scale.pad);
    for letter in LETTERS.chars() {
        keys = keys.push(look.tap(
            &format!("key-{letter}"),
            key_label(letter.to_string()),
            on_key(Key::Letter(letter)),
            theme::secondary_button,
        ));
    }
    keys = keys.push(look.tap(
        "key-backspace",
        look.strong(t!(look.language, "keypad-backspace")),
        on_key(Key::Backspace),
        theme::secondary_button,
    ));
    keys = keys.push(look.tap(
        "key-clear",
        look.strong(t!(look.language, "keypad-clear")),
        on_key(Key::Clear),
        theme::secondary_button,
    ));
    keys.width(Length::Fill)
        .wrap()
        .vertical_spacing(look.scale.pad)
        .into()
}
