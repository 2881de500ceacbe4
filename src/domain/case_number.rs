//! 办件编号: township code + acceptance date + device code + serial, e.g.
//! `621023202` `20261127` `01` `0042`. Each terminal has its own device code and counts its own
//! serials, so numbers stay unique while terminals work offline.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const TOWNSHIP_DIGITS: usize = 9;
const DATE_DIGITS: usize = 8;
const DEVICE_DIGITS: usize = 2;
const SERIAL_DIGITS: usize = 4;
pub const CASE_NUMBER_DIGITS: usize = TOWNSHIP_DIGITS + DATE_DIGITS + DEVICE_DIGITS + SERIAL_DIGITS;
/// The most cases one terminal numbers in a day.
pub const MAX_SERIAL: u32 = 9999;
/// What comes before the case number in the receipt's QR code (ASCII, so a USB scanner in
/// keyboard mode types it reliably).
pub const QR_PREFIX: &str = "BIANMIN:CASE:";

/// This terminal's two-digit code, 01–99, set when the hall installs it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeviceCode(String);

impl DeviceCode {
    pub fn parse(input: &str) -> Option<DeviceCode> {
        let code = input.trim();
        let valid =
            code.len() == DEVICE_DIGITS && code.bytes().all(|b| b.is_ascii_digit()) && code != "00";
        valid.then(|| DeviceCode(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CaseNumber(String);

impl CaseNumber {
    /// None when the serial is past what the format holds.
    pub fn new(
        township_code: &str,
        accepted_on: NaiveDate,
        device: &DeviceCode,
        serial: u32,
    ) -> Option<CaseNumber> {
        if serial == 0 || serial > MAX_SERIAL || township_code.len() != TOWNSHIP_DIGITS {
            return None;
        }
        Some(CaseNumber(format!(
            "{township_code}{}{}{serial:04}",
            accepted_on.format("%Y%m%d"),
            device.as_str()
        )))
    }

    /// A number as typed on the keypad or printed on a receipt (spaces allowed).
    pub fn parse(input: &str) -> Option<CaseNumber> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let valid = digits.len() == CASE_NUMBER_DIGITS
            && digits.bytes().all(|b| b.is_ascii_digit())
            && NaiveDate::parse_from_str(
                &digits[TOWNSHIP_DIGITS..TOWNSHIP_DIGITS + DATE_DIGITS],
                "%Y%m%d",
            )
            .is_ok();
        valid.then_some(CaseNumber(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the receipt's QR code holds for this number.
    pub fn qr_payload(&self) -> String {
        format!("{QR_PREFIX}{}", self.0)
    }

    /// The number in what a scanner typed from a receipt's QR code (the last payload when one
    /// was typed after something else), or a number typed by hand.
    pub fn from_scan(typed: &str) -> Option<CaseNumber> {
        let upper = typed.trim().to_ascii_uppercase();
        match upper.rfind(QR_PREFIX) {
            Some(at) => CaseNumber::parse(&upper[at + QR_PREFIX.len()..]),
            None => CaseNumber::parse(&upper),
        }
    }

    /// The township code of the hall that issued it.
    pub fn township(&self) -> &str {
        &self.0[..TOWNSHIP_DIGITS]
    }

    /// The device code of the terminal that issued it.
    pub fn device(&self) -> &str {
        let start = TOWNSHIP_DIGITS + DATE_DIGITS;
        &self.0[start..start + DEVICE_DIGITS]
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_number_joins_township_date_device_and_serial() {
        let device = DeviceCode::parse("03").unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let number = CaseNumber::new("621023202", date, &device, 42).unwrap();
        assert_eq!(number.as_str(), "62102320220261127030042");
        assert_eq!((number.township(), number.device()), ("621023202", "03"));
        assert_eq!(number.as_str().len(), CASE_NUMBER_DIGITS);
        assert_eq!(
            CaseNumber::parse("621023202 20261127 03 0042"),
            Some(number)
        );
    }

    #[test]
    fn a_scanned_receipt_qr_gives_its_case_number() {
        let number = CaseNumber::parse("62102320220261127030042").unwrap();
        assert_eq!(
            CaseNumber::from_scan(&number.qr_payload()),
            Some(number.clone())
        );
        // Keys tapped before the scan, a lower-case scanner, a trailing newline, a typed number.
        let typed = format!("12{}\n", number.qr_payload());
        assert_eq!(CaseNumber::from_scan(&typed), Some(number.clone()));
        let lower = number.qr_payload().to_ascii_lowercase();
        assert_eq!(CaseNumber::from_scan(&lower), Some(number.clone()));
        assert_eq!(CaseNumber::from_scan(number.as_str()), Some(number));
        // The convenience card's QR is not a case.
        assert_eq!(
            CaseNumber::from_scan("BIANMIN:CARD:6210232020010042:TOWN:621023202"),
            None
        );
    }

    #[test]
    fn two_terminals_never_issue_the_same_number() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let a = DeviceCode::parse("01").unwrap();
        let b = DeviceCode::parse("02").unwrap();
        assert_ne!(
            CaseNumber::new("621023202", date, &a, 1),
            CaseNumber::new("621023202", date, &b, 1)
        );
    }

    #[test]
    fn bad_numbers_and_codes_are_refused() {
        assert_eq!(CaseNumber::parse("12345"), None);
        assert_eq!(
            CaseNumber::parse("62102320220261327030042"),
            None,
            "month 13"
        );
        assert_eq!(DeviceCode::parse("00"), None);
        assert_eq!(DeviceCode::parse("1"), None);
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let device = DeviceCode::parse("01").unwrap();
        assert_eq!(CaseNumber::new("621023202", date, &device, 10_000), None);
    }
}
