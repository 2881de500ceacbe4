//! The case-number box at the kiosk: digits tapped on the number pad, or a receipt's QR code read
//! by a USB scanner in keyboard mode, which types `BIANMIN:CASE:<number>` and Enter into the same
//! box (§4.9: scanners type ASCII reliably).

use super::case_number::{CASE_NUMBER_DIGITS, CaseNumber, QR_PREFIX};

/// The longest thing the box holds: a whole QR payload with a little room for stray keys.
pub const MAX_ENTRY_CHARS: usize = QR_PREFIX.len() + CASE_NUMBER_DIGITS + 4;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseEntry {
    typed: String,
}

impl CaseEntry {
    /// A tapped digit or a typed key; only printable ASCII is taken (a scanner's payload is
    /// ASCII), up to [`MAX_ENTRY_CHARS`].
    pub fn push(&mut self, c: char) {
        if c.is_ascii_graphic() && self.typed.len() < MAX_ENTRY_CHARS {
            self.typed.push(c);
        }
    }

    pub fn pop(&mut self) {
        self.typed.pop();
    }

    pub fn clear(&mut self) {
        self.typed.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.typed.is_empty()
    }

    /// What is in the box now.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// The case number typed or scanned; on success the box shows just the number.
    pub fn finish(&mut self) -> Option<CaseNumber> {
        let number = CaseNumber::from_scan(&self.typed)?;
        self.typed = number.as_str().to_owned();
        Some(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: &str = "62102320220261127030042";

    #[test]
    fn a_scanned_payload_becomes_the_case_number_in_the_box() {
        let mut entry = CaseEntry::default();
        for c in format!("{QR_PREFIX}{NUMBER}").chars() {
            entry.push(c);
        }
        let number = entry.finish().expect("a case number");
        assert_eq!(number.as_str(), NUMBER);
        assert_eq!(entry.typed(), NUMBER);
    }

    #[test]
    fn tapped_digits_are_a_case_number_too_and_a_short_one_is_not() {
        let mut entry = CaseEntry::default();
        for c in NUMBER.chars() {
            entry.push(c);
        }
        assert_eq!(
            entry.clone().finish().map(|n| n.to_string()),
            Some(NUMBER.into())
        );
        entry.pop();
        assert_eq!(entry.finish(), None);
        assert_eq!(
            entry.typed().len(),
            CASE_NUMBER_DIGITS - 1,
            "kept to correct"
        );
    }

    #[test]
    fn the_box_takes_ascii_only_and_has_an_end() {
        let mut entry = CaseEntry::default();
        entry.push('案');
        entry.push(' ');
        entry.push('\n');
        assert!(entry.is_empty());
        for _ in 0..100 {
            entry.push('1');
        }
        assert_eq!(entry.typed().len(), MAX_ENTRY_CHARS);
        entry.clear();
        assert!(entry.is_empty());
    }
}
