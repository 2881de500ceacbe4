//! On-screen keypads: the kiosk has no keyboard, and its compositor may offer no input method, so
//! letters and digits are tapped.

use iced::widget::{row, text};
use iced::{Element, Length};

use super::Look;
use crate::t;
use crate::ui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Backspace,
    Clear,
}

/// A-Z in alphabetical order: easier to find for people who never typed.
const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Digits as on a phone, and the X that ends some ID numbers.
const DIGITS: &str = "1234567890X";

/// The pinyin keypad.
pub fn keypad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    keys(look, LETTERS, on_key)
}

/// The number keypad (case numbers, the end of an ID number).
pub fn number_pad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    keys(look, DIGITS, on_key)
}

fn keys<'a, M: Clone + 'a>(look: Look, chars: &str, on_key: fn(Key) -> M) -> Element<'a, M> {
    let mut keys = row![].spacing(look.scale.pad);
    for c in chars.chars() {
        keys = keys.push(look.tap(
            &format!("key-{c}"),
            text(c.to_string()).size(look.scale.heading),
            on_key(Key::Char(c)),
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
