//! 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
//! (odd = male) and an ISO 7064 MOD 11-2 check character.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text::to_halfwidth;

/// A valid ID number, always in the 18-character form with an upper-case X.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("no ID number was given")]
    Empty,
    #[error("an ID number has 18 characters (or 15 for an old card), not {0}")]
    WrongLength(usize),
    #[error("an ID number has only digits, with X allowed as the last character")]
    NotDigits,
    #[error("the birth date in the ID number is not a real date")]
    BadDate,
    #[error("the check character is wrong (expected {expected})")]
    BadCheckDigit { expected: char },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// w_i = 2^(18−i) mod 11 for the first 17 characters.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdNumber {
    /// Reads a typed number. Spaces anywhere and full-width input are tolerated, a lower-case x
    /// is accepted, and an old 15-digit number is upgraded to 18 characters. The address code is
    /// not checked: abolished county codes stay valid on old cards.
    pub fn parse(input: &str) -> Result<IdNumber, IdNumberError> {
        let cleaned: String = to_halfwidth(input)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err(IdNumberError::Empty);
        }
        if !cleaned.chars().all(|c| c.is_ascii_digit() || c == 'X') {
            return Err(IdNumberError::NotDigits);
        }
        let body = match cleaned.len() {
            // GB 11643-1989 numbers: YYMMDD, no check character, all born in the 1900s.
            15 => format!("{}19{}", &cleaned[..6], &cleaned[6..]),
            18 => cleaned[..17].to_owned(),
            other => return Err(IdNumberError::WrongLength(other)),
        };
        if !body.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdNumberError::NotDigits);
        }
        birth_date_of(&body).ok_or(IdNumberError::BadDate)?;
        let expected = check_char(&body);
        match cleaned.len() {
            15 => Ok(IdNumber(format!("{body}{expected}"))),
            _ if cleaned.ends_with(expected) => Ok(IdNumber(cleaned)),
            _ => Err(IdNumberError::BadCheckDigit { expected }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        birth_date_of(&self.0).expect("parse only accepts numbers with a real birth date")
    }

    /// True when the birth date is after `today`: such a number is mistyped. Kept out of
    /// `parse` so that parsing does not depend on the clock.
    pub fn born_after(&self, today: NaiveDate) -> bool {
        self.birth_date() > today
    }

    /// The 17th character is the sequence's last digit: odd for men, even for women.
    pub fn sex(&self) -> Sex {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The form printed on receipts and shown on screen: "340524********001X".
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }

    pub fn last6(&self) -> &str {
        &self.0[12..]
    }

    pub fn address_code(&self) -> &str {
        &self.0[..6]
    }
}

/// The birth date in characters 7–14, from 1900 on (no card holder was born earlier).
fn birth_date_of(digits: &str) -> Option<NaiveDate> {
    let field = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(field(6..10)?).ok()?;
    if year < 1900 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, field(10..12)?, field(12..14)?)
}

/// ISO 7064 MOD 11-2 over the first 17 digits.
pub(crate) fn check_char(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IdNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IdNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An 18-character number with the right check character for 17 digits.
    fn with_check(body: &str) -> String {
        format!("{body}{}", check_char(body))
    }

    #[test]
    fn the_published_test_vectors_are_valid() {
        for number in ["34052419800101001X", "11010519491231002X"] {
            assert_eq!(
                IdNumber::parse(number).map(|id| id.to_string()),
                Ok(number.to_owned())
            );
        }
    }

    #[test]
    fn a_wrong_check_character_names_the_expected_one() {
        assert_eq!(
            IdNumber::parse("340524198001010013"),
            Err(IdNumberError::BadCheckDigit { expected: 'X' })
        );
    }

    #[test]
    fn lower_case_x_spaces_and_full_width_input_are_normalised() {
        for typed in [
            "34052419800101001x",
            " 340524 19800101 001X ",
            "３４０５２４１９８００１０１００１ｘ",
        ] {
            assert_eq!(
                IdNumber::parse(typed).map(|id| id.as_str().to_owned()),
                Ok("34052419800101001X".to_owned()),
                "{typed}"
            );
        }
    }

    #[test]
    fn an_old_15_digit_number_is_upgraded_to_18_characters() {
        let id = IdNumber::parse("340524800101001").expect("valid 15-digit number");
        assert_eq!(id.as_str(), "34052419800101001X");
    }

    #[test]
    fn birth_dates_follow_the_real_calendar_including_leap_years() {
        assert_eq!(
            IdNumber::parse(&with_check("11010519000229001")),
            Err(IdNumberError::BadDate)
        );
        let leap = IdNumber::parse(&with_check("11010520000229001")).expect("2000 is a leap year");
        assert_eq!(
            leap.birth_date(),
            NaiveDate::from_ymd_opt(2000, 2, 29).expect("date")
        );
        for bad in [
            "11010519801301001",
            "11010519800132001",
            "11010519800100001",
        ] {
            assert_eq!(
                IdNumber::parse(&with_check(bad)),
                Err(IdNumberError::BadDate)
            );
        }
        assert_eq!(
            IdNumber::parse("340524800230001"),
            Err(IdNumberError::BadDate)
        );
    }

    #[test]
    fn years_before_1900_are_refused() {
        assert_eq!(
            IdNumber::parse(&with_check("11010518991231001")),
            Err(IdNumberError::BadDate)
        );
    }

    #[test]
    fn a_birth_date_after_today_is_flagged_by_born_after() {
        let id = IdNumber::parse(&with_check("11010520300101001")).expect("parse has no clock");
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
        assert!(id.born_after(today));
        let old = IdNumber::parse("34052419800101001X").expect("valid");
        assert!(!old.born_after(today));
    }

    #[test]
    fn wrong_lengths_are_reported_with_the_length() {
        assert_eq!(IdNumber::parse("   "), Err(IdNumberError::Empty));
        assert_eq!(
            IdNumber::parse("3405241980"),
            Err(IdNumberError::WrongLength(10))
        );
        assert_eq!(
            IdNumber::parse("34052419800101001X1"),
            Err(IdNumberError::WrongLength(19))
        );
    }

    #[test]
    fn letters_and_a_misplaced_x_are_not_digits() {
        assert_eq!(
            IdNumber::parse("34052419800101001A"),
            Err(IdNumberError::NotDigits)
        );
        assert_eq!(IdNumber::parse("张三"), Err(IdNumberError::NotDigits));
        assert_eq!(
            IdNumber::parse("3405241980010100X1"),
            Err(IdNumberError::NotDigits)
        );
        assert_eq!(
            IdNumber::parse("34052480010100X"),
            Err(IdNumberError::NotDigits)
        );
    }

    #[test]
    fn an_unknown_address_code_is_not_refused() {
        assert!(IdNumber::parse(&with_check("99999919800101001")).is_ok());
    }

    #[test]
    fn sex_comes_from_the_17th_character() {
        let male = IdNumber::parse("34052419800101001X").expect("valid");
        assert_eq!(male.sex(), Sex::Male);
        let female = IdNumber::parse("11010519491231002X").expect("valid");
        assert_eq!(female.sex(), Sex::Female);
    }

    #[test]
    fn parts_and_the_masked_form() {
        let id = IdNumber::parse("34052419800101001X").expect("valid");
        assert_eq!(id.masked(), "340524********001X");
        assert_eq!(id.last6(), "01001X");
        assert_eq!(id.address_code(), "340524");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1980, 1, 1).expect("date")
        );
    }

    #[test]
    fn serde_round_trips_as_a_string_and_validates_on_the_way_in() {
        let id = IdNumber::parse("34052419800101001X").expect("valid");
        let json = serde_json::to_string(&id).expect("serialise");
        assert_eq!(json, "\"34052419800101001X\"");
        assert_eq!(serde_json::from_str::<IdNumber>(&json).ok(), Some(id));
        assert!(serde_json::from_str::<IdNumber>("\"340524198001010013\"").is_err());
    }
}
