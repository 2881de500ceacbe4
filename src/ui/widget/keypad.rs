//! On-screen keypads: the kiosk has no keyboard, and its compositor may offer no input method, so
//! letters and digits are tapped.

use iced::widget::{Row, row, text};
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
/// Digits as on a phone, for a phone number.
const PHONE_DIGITS: &str = "1234567890";

/// The pinyin keypad: the letters only; [`edit_keys`] go beside what is typed, so the letters
/// take four rows even at the largest sizes.
pub fn keypad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    wrapped(look, keys(look, LETTERS, on_key))
}

/// The letters, then 删除 and 清空: where nothing typed is shown beside the keys.
pub fn letter_pad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    wrapped(look, keys(look, LETTERS, on_key).extend(edit(look, on_key)))
}

/// The number keypad (case numbers, the end of an ID number), with 删除 and 清空.
pub fn number_pad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    wrapped(look, keys(look, DIGITS, on_key).extend(edit(look, on_key)))
}

/// The ten digits, with 删除 and 清空: phone numbers and case numbers (no X).
pub fn digit_pad<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    wrapped(
        look,
        keys(look, PHONE_DIGITS, on_key).extend(edit(look, on_key)),
    )
}

/// 删除 and 清空, side by side.
pub fn edit_keys<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> Element<'a, M> {
    row(edit(look, on_key)).spacing(look.scale.pad).into()
}

fn edit<'a, M: Clone + 'a>(look: Look, on_key: fn(Key) -> M) -> [Element<'a, M>; 2] {
    [
        look.tap(
            "key-backspace",
            look.strong(t!(look.language, "keypad-backspace")),
            on_key(Key::Backspace),
            theme::secondary_button,
        ),
        look.tap(
            "key-clear",
            look.strong(t!(look.language, "keypad-clear")),
            on_key(Key::Clear),
            theme::secondary_button,
        ),
    ]
}

/// One key per character.
fn keys<'a, M: Clone + 'a>(look: Look, chars: &str, on_key: fn(Key) -> M) -> Row<'a, M> {
    let mut keys = row![].spacing(look.scale.pad);
    for c in chars.chars() {
        keys = keys.push(look.tap(
            &format!("key-{c}"),
            text(c.to_string()).size(look.scale.heading),
            on_key(Key::Char(c)),
            theme::secondary_button,
        ));
    }
    keys
}

/// Keys wrapping to the width given.
fn wrapped<'a, M: 'a>(look: Look, keys: Row<'a, M>) -> Element<'a, M> {
    keys.width(Length::Fill)
        .wrap()
        .vertical_spacing(look.scale.pad)
        .into()
}
