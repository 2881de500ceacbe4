//! Mainland phone numbers as people type them: mobiles and landlines with an area code.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text::to_halfwidth;

/// A valid phone number in its tidy form: a mobile as 11 digits, a landline as "0934-5581001".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("no phone number was given")]
    Empty,
    #[error("a phone number of {0} digits is the wrong length")]
    WrongLength(usize),
    #[error("a phone number has only digits")]
    NotDigits,
    #[error("not a mobile number or a landline with its area code")]
    NotAMobileOrLandline,
}

impl Phone {
    /// Reads a typed number; spaces and hyphens (also full-width ones) are ignored.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let digits: String = to_halfwidth(input)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::NotDigits);
        }
        let len = digits.len();
        match digits.as_bytes() {
            [b'1', second, ..] => {
                if len != 11 {
                    return Err(PhoneError::WrongLength(len));
                }
                // 10x–12x are service and IoT prefixes, not personal mobiles.
                if !(b'3'..=b'9').contains(second) {
                    return Err(PhoneError::NotAMobileOrLandline);
                }
                Ok(Phone(digits))
            }
            [b'0', ..] => {
                if !(10..=12).contains(&len) {
                    return Err(PhoneError::WrongLength(len));
                }
                let area_len = area_code_len(&digits).ok_or(PhoneError::NotAMobileOrLandline)?;
                let (area, subscriber) = digits.split_at(area_len);
                if !(7..=8).contains(&subscriber.len()) {
                    return Err(PhoneError::NotAMobileOrLandline);
                }
                Ok(Phone(format!("{area}-{subscriber}")))
            }
            _ => Err(PhoneError::NotAMobileOrLandline),
        }
    }

    pub fn is_mobile(&self) -> bool {
        self.0.starts_with('1')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Beijing (010) and the big cities 020–029 have 3-digit area codes; the rest (03x–09x, e.g.
/// 华池 0934) have 4. Anything else after the 0 (00 is the international prefix) is no area code.
fn area_code_len(digits: &str) -> Option<usize> {
    match digits.as_bytes() {
        [b'0', b'1', b'0', ..] | [b'0', b'2', ..] => Some(3),
        [b'0', b'3'..=b'9', ..] => Some(4),
        _ => None,
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Phone::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidy(input: &str) -> Result<String, PhoneError> {
        Phone::parse(input).map(|phone| phone.as_str().to_owned())
    }

    #[test]
    fn a_mobile_is_kept_as_11_digits_whatever_the_spacing() {
        for typed in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "１３８１２３４５６７８",
        ] {
            assert_eq!(tidy(typed), Ok("13812345678".to_owned()), "{typed}");
        }
        assert!(Phone::parse("19912345678").is_ok_and(|p| p.is_mobile()));
    }

    #[test]
    fn a_mobile_needs_a_second_digit_from_3_to_9() {
        assert_eq!(tidy("12812345678"), Err(PhoneError::NotAMobileOrLandline));
        assert_eq!(tidy("10086123456"), Err(PhoneError::NotAMobileOrLandline));
    }

    #[test]
    fn a_mobile_of_the_wrong_length_says_so() {
        assert_eq!(tidy("1381234567"), Err(PhoneError::WrongLength(10)));
        assert_eq!(tidy("138123456789"), Err(PhoneError::WrongLength(12)));
    }

    #[test]
    fn a_landline_is_shown_as_area_hyphen_number() {
        assert_eq!(tidy("09345581001"), Ok("0934-5581001".to_owned()));
        assert_eq!(tidy("0934 558 1001"), Ok("0934-5581001".to_owned()));
        assert_eq!(tidy("093455810012"), Ok("0934-55810012".to_owned()));
        assert!(Phone::parse("0934-5581001").is_ok_and(|p| !p.is_mobile()));
    }

    #[test]
    fn beijing_and_02x_area_codes_have_three_digits() {
        assert_eq!(tidy("01012345678"), Ok("010-12345678".to_owned()));
        assert_eq!(tidy("02087654321"), Ok("020-87654321".to_owned()));
        assert_eq!(tidy("0291234567"), Ok("029-1234567".to_owned()));
    }

    #[test]
    fn a_landline_needs_a_7_or_8_digit_subscriber_number() {
        assert_eq!(tidy("0934558100"), Err(PhoneError::NotAMobileOrLandline));
        assert_eq!(tidy("010123456789"), Err(PhoneError::NotAMobileOrLandline));
        assert_eq!(tidy("093455"), Err(PhoneError::WrongLength(6)));
        assert_eq!(tidy("0934558100123"), Err(PhoneError::WrongLength(13)));
    }

    #[test]
    fn numbers_without_an_area_code_or_with_00_are_refused() {
        assert_eq!(tidy("5581001"), Err(PhoneError::NotAMobileOrLandline));
        assert_eq!(tidy("0086138123456"), Err(PhoneError::WrongLength(13)));
        assert_eq!(tidy("00861381234"), Err(PhoneError::NotAMobileOrLandline));
        assert_eq!(tidy("01112345678"), Err(PhoneError::NotAMobileOrLandline));
    }

    #[test]
    fn empty_input_and_letters_are_refused() {
        assert_eq!(tidy(" - "), Err(PhoneError::Empty));
        assert_eq!(tidy("138abcd5678"), Err(PhoneError::NotDigits));
        assert_eq!(tidy("+8613812345678"), Err(PhoneError::NotDigits));
    }

    #[test]
    fn serde_round_trips_as_the_tidy_string_and_validates_on_the_way_in() {
        let phone = Phone::parse("0934 5581001").expect("valid");
        let json = serde_json::to_string(&phone).expect("serialise");
        assert_eq!(json, "\"0934-5581001\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).ok(), Some(phone));
        assert!(serde_json::from_str::<Phone>("\"12345\"").is_err());
    }
}
