//! The kiosk's and the desk's ear for a USB QR scanner in keyboard mode: the keys no widget took
//! (a focused text box keeps its own), stamped with the moment they came, for
//! [`crate::domain::scan::ScanDetector`].

use std::time::Instant;

use iced::{Subscription, keyboard};

use crate::domain::scan::ScanKey;

/// Keys no widget took, as the detector sees them, with when they came.
pub fn listen() -> Subscription<(ScanKey, Instant)> {
    // Stamped here, as the key comes, not when `update` gets to it.
    keyboard::listen().filter_map(|event| scan_key(event).map(|key| (key, Instant::now())))
}

/// A pressed key as the detector sees it: Enter, a printable character, or another key. Shift
/// (which a scanner presses for capitals) and the other modifiers are no key of their own, and
/// a held key's repeats are not a scanner's.
pub fn scan_key(event: keyboard::Event) -> Option<ScanKey> {
    use keyboard::key::Named;
    let keyboard::Event::KeyPressed {
        key,
        text,
        modifiers,
        repeat,
        ..
    } = event
    else {
        return None;
    };
    if repeat {
        return Some(ScanKey::Other);
    }
    match key {
        keyboard::Key::Named(Named::Enter) => Some(ScanKey::Enter),
        keyboard::Key::Named(
            Named::Shift
            | Named::Control
            | Named::Alt
            | Named::AltGraph
            | Named::Super
            | Named::Meta
            | Named::CapsLock
            | Named::NumLock,
        ) => None,
        _ if modifiers.control() || modifiers.alt() || modifiers.logo() => Some(ScanKey::Other),
        _ => {
            let mut chars = text.as_deref().unwrap_or("").chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(ScanKey::Char(c)),
                _ => Some(ScanKey::Other),
            }
        }
    }
}

/// A key pressed without modifiers, as iced reports it: for the tests of what reads keys.
#[cfg(test)]
pub(crate) fn press(key: keyboard::Key, text: Option<&str>, repeat: bool) -> keyboard::Event {
    use keyboard::key::{NativeCode, Physical};
    keyboard::Event::KeyPressed {
        modified_key: key.clone(),
        key,
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: keyboard::Location::Standard,
        modifiers: keyboard::Modifiers::default(),
        text: text.map(Into::into),
        repeat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyboard::key::Named;

    #[test]
    fn characters_enter_and_other_keys_are_told_apart_and_shift_is_no_key() {
        let char = |c: &str| keyboard::Key::Character(c.into());
        assert_eq!(
            scan_key(press(char("B"), Some("B"), false)),
            Some(ScanKey::Char('B'))
        );
        assert_eq!(
            scan_key(press(keyboard::Key::Named(Named::Enter), Some("\r"), false)),
            Some(ScanKey::Enter)
        );
        assert_eq!(
            scan_key(press(keyboard::Key::Named(Named::Shift), None, false)),
            None
        );
        assert_eq!(
            scan_key(press(keyboard::Key::Named(Named::ArrowLeft), None, false)),
            Some(ScanKey::Other)
        );
        assert_eq!(
            scan_key(press(char("a"), Some("a"), true)),
            Some(ScanKey::Other),
            "a held key"
        );
    }
}
