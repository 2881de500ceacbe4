//! 登记号: the short reference of a case that is not accepted yet (待补正), printed on its
//! one-time notice and typed at the kiosk or the desk to find it. The township's own three digits
//! (the last three of its division code), the day (YYMMDD), the terminal's device code and that
//! terminal's serial of the day: `202 251130 07 003`, 14 digits. It cannot be mistaken for a case
//! number (23 digits), an ID number (18) or a mobile number (11). Once the case is accepted its
//! case number is the reference.

use std::fmt;

use chrono::NaiveDate;

use super::case_number::DeviceCode;

const TOWNSHIP_DIGITS: usize = 3;
const DATE_DIGITS: usize = 6;
const DEVICE_DIGITS: usize = 2;
const SERIAL_DIGITS: usize = 3;
pub const REFERENCE_DIGITS: usize = TOWNSHIP_DIGITS + DATE_DIGITS + DEVICE_DIGITS + SERIAL_DIGITS;
/// The most references one terminal gives in a day.
pub const MAX_REFERENCE_SERIAL: u32 = 999;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference(String);

impl Reference {
    /// The digits before the serial: what every reference of this terminal on `day` starts with.
    /// None when the township code is not the 9-digit division code.
    pub fn prefix(township_code: &str, day: NaiveDate, device: &DeviceCode) -> Option<String> {
        let valid = township_code.len() == 9 && township_code.bytes().all(|b| b.is_ascii_digit());
        valid.then(|| {
            format!(
                "{}{}{}",
                &township_code[6..],
                day.format("%y%m%d"),
                device.as_str()
            )
        })
    }

    /// None when the serial is past what the format holds or the township code is malformed.
    pub fn new(
        township_code: &str,
        day: NaiveDate,
        device: &DeviceCode,
        serial: u32,
    ) -> Option<Reference> {
        if serial == 0 || serial > MAX_REFERENCE_SERIAL {
            return None;
        }
        Self::prefix(township_code, day, device)
            .map(|prefix| Reference(format!("{prefix}{serial:03}")))
    }

    /// A reference as typed or printed: spaces and hyphens allowed.
    pub fn parse(input: &str) -> Option<Reference> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let date = TOWNSHIP_DIGITS..TOWNSHIP_DIGITS + DATE_DIGITS;
        let valid = digits.len() == REFERENCE_DIGITS
            && digits.bytes().all(|b| b.is_ascii_digit())
            && NaiveDate::parse_from_str(&format!("20{}", &digits[date]), "%Y%m%d").is_ok()
            && &digits[REFERENCE_DIGITS - SERIAL_DIGITS..] != "000";
        valid.then_some(Reference(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the terminal `device` of the township `township_code` could have given it: the
    /// township's last three digits and the device code are its own.
    pub fn issued_by(&self, township_code: &str, device: &str) -> bool {
        let township = township_code.len() == 9 && self.0[..TOWNSHIP_DIGITS] == township_code[6..];
        let at = TOWNSHIP_DIGITS + DATE_DIGITS;
        township && &self.0[at..at + DEVICE_DIGITS] == device
    }

    /// The serial at the end.
    pub fn serial(&self) -> u32 {
        self.0[REFERENCE_DIGITS - SERIAL_DIGITS..]
            .parse()
            .unwrap_or(0)
    }

    /// In its parts, for reading aloud: `202-251130-07-003`.
    pub fn grouped(&self) -> String {
        let d = &self.0;
        let a = TOWNSHIP_DIGITS;
        let b = a + DATE_DIGITS;
        let c = b + DEVICE_DIGITS;
        format!("{}-{}-{}-{}", &d[..a], &d[a..b], &d[b..c], &d[c..])
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_names_the_township_and_terminal_that_gave_it() {
        let reference = Reference::parse("202 251130 07 003").unwrap();
        assert!(reference.issued_by("621023202", "07"));
        assert!(!reference.issued_by("621023202", "08"));
        assert!(!reference.issued_by("621023203", "07"));
        assert!(!reference.issued_by("202", "07"));
    }

    #[test]
    fn a_reference_is_township_day_device_and_serial_in_fourteen_digits() {
        let device = DeviceCode::parse("07").unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
        let reference = Reference::new("621023202", day, &device, 3).unwrap();
        assert_eq!(reference.as_str(), "20225113007003");
        assert_eq!(reference.grouped(), "202-251130-07-003");
        assert_eq!(reference.serial(), 3);
        assert_eq!(
            Reference::parse("202-251130-07-003"),
            Some(reference.clone())
        );
        assert_eq!(Reference::parse(" 202 251130 07 003 "), Some(reference));
    }

    #[test]
    fn a_reference_is_never_a_case_number_an_id_number_or_a_phone() {
        assert_eq!(Reference::parse("62102320220251130070001"), None);
        assert_eq!(Reference::parse("34052419800101001X"), None);
        assert_eq!(Reference::parse("13800000001"), None);
        assert_eq!(Reference::parse("20225133007003"), None, "month 13");
        assert_eq!(Reference::parse("20225113007000"), None, "serial 0");
        let device = DeviceCode::parse("07").unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
        assert_eq!(Reference::new("621023202", day, &device, 1000), None);
        assert_eq!(Reference::new("6210", day, &device, 1), None);
    }
}
