//! A USB QR scanner in keyboard mode: it types the code's ASCII text in a burst (a few
//! milliseconds a key) and ends it with Enter (§4.9). [`ScanDetector`] tells such a burst from a
//! person at a keyboard by the gaps between keys, the length and the terminator, and
//! [`Scan::parse`] reads what the hall prints in its QR codes:
//!
//! - a receipt: `BIANMIN:CASE:<23-digit case number>`;
//! - a one-time notice of a case waiting for papers: `BIANMIN:REF:<14-digit 登记号>`;
//! - a convenience-service card: `BIANMIN:CARD:<18-digit card number>:TOWN:<9-digit code>`.

use std::time::{Duration, Instant};

use super::case_number::{CaseNumber, QR_PREFIX};
use super::reference::Reference;

/// How fast a scan types on average, at the slowest: scanners type a key every 1–20 ms; the
/// quickest typists leave 60 ms or more between keys, and nobody keeps that up for a code.
pub const MEAN_GAP: Duration = Duration::from_millis(30);
/// A pause longer than this drops what was collected (a person typed it, or a scan was cut
/// short). Longer than [`MEAN_GAP`]: a window busy drawing a frame may hand one key over late,
/// and the keys after it early, so single gaps are judged loosely and the whole code strictly.
pub const STALE_GAP: Duration = Duration::from_millis(100);
/// The fewest characters a scan has (the shortest code the hall prints is far longer): a
/// person's quick double tap is no scan.
pub const MIN_CHARS: usize = 8;
/// The most characters kept: past this, what comes is not one of the hall's codes.
pub const MAX_CHARS: usize = 120;

/// The QR payload of a 登记号 (see `print::notice`).
pub const REF_PREFIX: &str = "BIANMIN:REF:";
/// The start of a card's QR payload (see `print::qr::card_payload`).
pub const CARD_PREFIX: &str = "BIANMIN:CARD:";
const TOWN_MARK: &str = ":TOWN:";
/// Digits of a card number: township (9) + village (3) + device code (2) + serial (4).
pub const CARD_NUMBER_DIGITS: usize = 18;
const TOWNSHIP_DIGITS: usize = 9;

/// One key as the detector sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKey {
    /// A printable character.
    Char(char),
    /// Enter: a scanner's terminator.
    Enter,
    /// Any other key (an arrow, Tab, Backspace…): nothing a scanner sends mid-code.
    Other,
}

/// What the hall's QR codes say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// A receipt's case number.
    Case(CaseNumber),
    /// A one-time notice's 登记号.
    Reference(Reference),
    /// A convenience-service card: its number and the township that issued it.
    Card { number: String, town: String },
    /// A scanner-fast code that is none of the hall's (a shop's QR, a parcel's barcode).
    Foreign,
}

impl Scan {
    /// Reads a scanned payload; letters in either case (a scanner set to lower case).
    pub fn parse(payload: &str) -> Scan {
        let upper = payload.trim().to_ascii_uppercase();
        if let Some(number) = upper.strip_prefix(QR_PREFIX) {
            return CaseNumber::parse(number).map_or(Scan::Foreign, Scan::Case);
        }
        if let Some(reference) = upper.strip_prefix(REF_PREFIX) {
            return Reference::parse(reference).map_or(Scan::Foreign, Scan::Reference);
        }
        if let Some(rest) = upper.strip_prefix(CARD_PREFIX)
            && let Some((number, town)) = rest.split_once(TOWN_MARK)
        {
            let digits = |text: &str, count: usize| {
                text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
            };
            if digits(number, CARD_NUMBER_DIGITS) && digits(town, TOWNSHIP_DIGITS) {
                return Scan::Card {
                    number: number.to_owned(),
                    town: town.to_owned(),
                };
            }
        }
        Scan::Foreign
    }
}

/// The device code inside a card number (the terminal that issued the card).
pub fn card_device(number: &str) -> Option<&str> {
    number.get(12..14)
}

/// Collects keys and says when they were a scan. Keys come with the time they were pressed.
#[derive(Debug, Clone, Default)]
pub struct ScanDetector {
    buffer: String,
    /// When the first key collected was pressed.
    first: Option<Instant>,
    last: Option<Instant>,
}

impl ScanDetector {
    /// Takes one key; a whole scan when this key was the Enter that ends one.
    pub fn feed(&mut self, key: ScanKey, at: Instant) -> Option<Scan> {
        let stale = self
            .last
            .is_none_or(|last| at.saturating_duration_since(last) > STALE_GAP);
        if stale {
            self.buffer.clear();
            self.first = None;
        }
        self.last = Some(at);
        match key {
            ScanKey::Char(c) if c.is_ascii_graphic() && self.buffer.len() < MAX_CHARS => {
                self.buffer.push(c);
                self.first.get_or_insert(at);
                None
            }
            ScanKey::Enter => {
                let payload = std::mem::take(&mut self.buffer);
                let took = self
                    .first
                    .take()
                    .map(|first| at.saturating_duration_since(first));
                let keys = u32::try_from(payload.len()).unwrap_or(u32::MAX);
                let quick = took.is_some_and(|took| took <= MEAN_GAP * keys);
                (payload.len() >= MIN_CHARS && quick).then(|| Scan::parse(&payload))
            }
            ScanKey::Char(_) | ScanKey::Other => {
                self.reset();
                None
            }
        }
    }

    /// Forgets what was collected (a screen that takes typing itself opened).
    pub fn reset(&mut self) {
        self.buffer.clear();
        self.first = None;
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: &str = "62102320220261127030042";

    /// Feeds `text` then Enter, `gap` apart, from `start`; the scans that came out.
    fn typed(detector: &mut ScanDetector, text: &str, gap: Duration, start: Instant) -> Vec<Scan> {
        let keys = text.chars().map(ScanKey::Char).chain([ScanKey::Enter]);
        keys.enumerate()
            .filter_map(|(n, key)| detector.feed(key, start + gap * n as u32))
            .collect()
    }

    fn scanner() -> Duration {
        Duration::from_millis(4)
    }

    #[test]
    fn a_receipt_scanned_at_scanner_speed_gives_its_case() {
        let mut detector = ScanDetector::default();
        let scans = typed(
            &mut detector,
            &format!("{QR_PREFIX}{NUMBER}"),
            scanner(),
            Instant::now(),
        );
        assert_eq!(scans, vec![Scan::Case(CaseNumber::parse(NUMBER).unwrap())]);
    }

    #[test]
    fn the_same_keys_typed_by_a_person_are_no_scan() {
        let mut detector = ScanDetector::default();
        let payload = format!("{QR_PREFIX}{NUMBER}");
        for gap in [250, 120, 60, 35] {
            let scans = typed(
                &mut detector,
                &payload,
                Duration::from_millis(gap),
                Instant::now(),
            );
            assert!(scans.is_empty(), "{gap} ms between keys");
        }
        // At the very limit it is still a scan.
        let scans = typed(&mut detector, &payload, MEAN_GAP, Instant::now());
        assert_eq!(scans.len(), 1);
    }

    #[test]
    fn one_late_key_in_a_fast_code_still_reads() {
        let mut detector = ScanDetector::default();
        let start = Instant::now();
        let payload = format!("{QR_PREFIX}{NUMBER}");
        let mut at = start;
        for (n, c) in payload.chars().enumerate() {
            // The window drew a frame while the tenth key waited.
            at += if n == 10 {
                Duration::from_millis(90)
            } else {
                scanner()
            };
            assert_eq!(detector.feed(ScanKey::Char(c), at), None);
        }
        let scan = detector.feed(ScanKey::Enter, at + scanner());
        assert_eq!(scan, Some(Scan::Case(CaseNumber::parse(NUMBER).unwrap())));
    }

    #[test]
    fn a_stale_partial_code_is_dropped_and_the_next_scan_reads_whole() {
        let mut detector = ScanDetector::default();
        let start = Instant::now();
        // Half a code, then nothing for a second (the scanner was moved away).
        for (n, c) in "BIANMIN:CA".chars().enumerate() {
            detector.feed(ScanKey::Char(c), start + scanner() * n as u32);
        }
        let later = start + Duration::from_secs(1);
        let scans = typed(
            &mut detector,
            &format!("{REF_PREFIX}20225113007003"),
            scanner(),
            later,
        );
        assert_eq!(
            scans,
            vec![Scan::Reference(Reference::parse("20225113007003").unwrap())]
        );
    }

    #[test]
    fn short_bursts_and_other_keys_are_no_scan() {
        let mut detector = ScanDetector::default();
        // A quick double key and Enter.
        assert!(typed(&mut detector, "12", scanner(), Instant::now()).is_empty());
        // An arrow key in the middle breaks the burst.
        let start = Instant::now();
        let payload = format!("{QR_PREFIX}{NUMBER}");
        let (head, tail) = payload.split_at(10);
        for (n, c) in head.chars().enumerate() {
            detector.feed(ScanKey::Char(c), start + scanner() * n as u32);
        }
        detector.feed(ScanKey::Other, start + scanner() * 10);
        let scans = typed(&mut detector, tail, scanner(), start + scanner() * 11);
        assert_eq!(
            scans,
            vec![Scan::Foreign],
            "only the tail is left: not ours"
        );
        // Non-ASCII (a Chinese input method) is no scanner either.
        assert_eq!(detector.feed(ScanKey::Char('王'), Instant::now()), None);
    }

    #[test]
    fn garbage_at_scanner_speed_is_a_foreign_code() {
        let mut detector = ScanDetector::default();
        for code in [
            "https://example.com/shop?id=42",
            "BIANMIN:CASE:12345",
            "BIANMIN:CARD:6210232020010042:TOWN:621023202",
            "BIANMIN:REF:abc",
            "6901234567892",
        ] {
            let scans = typed(&mut detector, code, scanner(), Instant::now());
            assert_eq!(scans, vec![Scan::Foreign], "{code}");
        }
        let long = "X".repeat(MAX_CHARS * 2);
        assert_eq!(
            typed(&mut detector, &long, scanner(), Instant::now()),
            vec![Scan::Foreign]
        );
    }

    #[test]
    fn every_payload_the_hall_prints_is_read_back() {
        let case = CaseNumber::parse(NUMBER).unwrap();
        assert_eq!(Scan::parse(&case.qr_payload()), Scan::Case(case.clone()));
        assert_eq!(
            Scan::parse(&case.qr_payload().to_ascii_lowercase()),
            Scan::Case(case)
        );
        assert_eq!(
            Scan::parse("BIANMIN:REF:20225113007003"),
            Scan::Reference(Reference::parse("20225113007003").unwrap())
        );
        assert_eq!(
            Scan::parse("BIANMIN:CARD:621023202002010042:TOWN:621023202"),
            Scan::Card {
                number: "621023202002010042".into(),
                town: "621023202".into()
            }
        );
        assert_eq!(card_device("621023202002010042"), Some("01"));
    }
}
