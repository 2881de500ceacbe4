//! 查进度 at the kiosk: what a farmer can type to find a case, and how many misses one session
//! allows. A case is found by its case number (or the 登记号 of a one-time notice), by the last
//! six characters of the applicant's ID number together with the last four digits of the
//! household's phone (ten characters a stranger is unlikely to guess, never shown back), or by
//! the applicant's name (written or spelled on the kiosk's own keyboards) together with the
//! phone's last four: never by a name alone.

use super::case_number::CaseNumber;
use super::reference::Reference;

/// Characters of the ID number asked for: the last six (the sixth may be X).
pub const ID_TAIL_LEN: usize = 6;
/// Digits of the phone number asked for: the last four.
pub const PHONE_TAIL_LEN: usize = 4;
/// Lookups that found nothing before the kiosk stops answering, until the session ends.
pub const MAX_MISSES: u8 = 5;

/// A valid way to ask for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusQuery {
    /// The 23-digit case number on the receipt.
    Number(CaseNumber),
    /// The 14-digit 登记号 on a one-time notice (待补正).
    Reference(Reference),
    IdAndPhone(IdAndPhone),
    NameAndPhone(NameAndPhone),
}

/// The last six characters of the applicant's ID number and the last four digits of the
/// household's phone, both complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdAndPhone {
    id_tail: String,
    phone_tail: String,
}

/// Why what was typed cannot be looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueryProblem {
    #[error("neither a 23-digit case number nor a 14-digit reference")]
    NotACaseNumber,
    #[error("the ID number's last six characters are incomplete")]
    IdTailIncomplete,
    #[error("the phone number's last four digits are incomplete")]
    PhoneTailIncomplete,
    #[error("no name, or a name with letters not yet turned into characters")]
    NameIncomplete,
    #[error("too many lookups found nothing in this session")]
    TooManyMisses,
}

impl StatusQuery {
    /// A case number or a 登记号, as typed on the number pad.
    pub fn by_number(typed: &str) -> Result<StatusQuery, QueryProblem> {
        CaseNumber::parse(typed)
            .map(StatusQuery::Number)
            .or_else(|| Reference::parse(typed).map(StatusQuery::Reference))
            .ok_or(QueryProblem::NotACaseNumber)
    }

    /// The ID number's last six and the phone's last four; all ten characters are required.
    pub fn by_id_and_phone(id_tail: &str, phone_tail: &str) -> Result<StatusQuery, QueryProblem> {
        IdAndPhone::new(id_tail, phone_tail).map(StatusQuery::IdAndPhone)
    }

    /// The applicant's name and the phone's last four; both are required.
    pub fn by_name_and_phone(name: &str, phone_tail: &str) -> Result<StatusQuery, QueryProblem> {
        NameAndPhone::new(name, phone_tail).map(StatusQuery::NameAndPhone)
    }
}

/// The applicant's name exactly as written and the last four digits of the household's phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAndPhone {
    name: String,
    phone_tail: String,
}

/// The longest name a name field holds (民委发〔2016〕33号).
pub const NAME_MAX: usize = 50;

impl NameAndPhone {
    /// The name (spaces at its ends dropped, nothing else changed) and the phone's last four. A
    /// name still holding pinyin letters or digits is not a name yet.
    pub fn new(name: &str, phone_tail: &str) -> Result<NameAndPhone, QueryProblem> {
        let name = name.trim();
        let written = !name.is_empty()
            && name.chars().count() <= NAME_MAX
            && !name
                .chars()
                .any(|c| c.is_ascii_alphanumeric() || c.is_control());
        if !written {
            return Err(QueryProblem::NameIncomplete);
        }
        let phone_tail = check_phone_tail(phone_tail)?;
        Ok(NameAndPhone {
            name: name.to_owned(),
            phone_tail,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// True when the household's phone ends with the four digits typed.
    pub fn matches_phone(&self, phone: &str) -> bool {
        phone_ends_with(phone, &self.phone_tail)
    }
}

/// Four digits, or why not.
fn check_phone_tail(phone_tail: &str) -> Result<String, QueryProblem> {
    let phone_tail = phone_tail.trim();
    let digits =
        phone_tail.len() == PHONE_TAIL_LEN && phone_tail.bytes().all(|b| b.is_ascii_digit());
    if digits {
        Ok(phone_tail.to_owned())
    } else {
        Err(QueryProblem::PhoneTailIncomplete)
    }
}

/// Whether a stored phone's digits end with `tail`. Hyphens and spaces in a landline
/// ("0934-5581001") do not count as digits.
fn phone_ends_with(phone: &str, tail: &str) -> bool {
    let phone_digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    phone_digits.len() >= PHONE_TAIL_LEN && phone_digits.ends_with(tail)
}

impl IdAndPhone {
    pub fn new(id_tail: &str, phone_tail: &str) -> Result<IdAndPhone, QueryProblem> {
        let id_tail = id_tail.trim().to_ascii_uppercase();
        if !is_id_tail(&id_tail) {
            return Err(QueryProblem::IdTailIncomplete);
        }
        let phone_tail = check_phone_tail(phone_tail)?;
        Ok(IdAndPhone {
            id_tail,
            phone_tail,
        })
    }

    /// The last six characters of the ID number, upper case.
    pub fn id_tail(&self) -> &str {
        &self.id_tail
    }

    /// True when the stored ID number and phone end with what was typed. Hyphens and spaces in
    /// a landline ("0934-5581001") do not count as digits.
    pub fn matches(&self, id_number: &str, phone: &str) -> bool {
        id_number.to_ascii_uppercase().ends_with(&self.id_tail)
            && id_number.len() > ID_TAIL_LEN
            && phone_ends_with(phone, &self.phone_tail)
    }
}

/// Five digits, then a digit or X (the check character of an 18-character number).
fn is_id_tail(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    bytes.len() == ID_TAIL_LEN
        && bytes[..ID_TAIL_LEN - 1].iter().all(u8::is_ascii_digit)
        && (bytes[ID_TAIL_LEN - 1].is_ascii_digit() || bytes[ID_TAIL_LEN - 1] == b'X')
}

/// Lookups in one kiosk session that found nothing. After [`MAX_MISSES`] the kiosk answers no
/// more lookups until the session ends (the idle reset), so guessing someone's numbers is slow.
/// A lookup counts as a miss from the moment it starts (leaving the screen before the answer
/// comes does not escape the count) and is given back when it finds a case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Misses(u8);

impl Misses {
    /// Starts a lookup, or refuses it when the session has used up its misses.
    pub fn begin(&mut self) -> Result<(), QueryProblem> {
        if self.0 >= MAX_MISSES {
            return Err(QueryProblem::TooManyMisses);
        }
        self.0 += 1;
        Ok(())
    }

    /// The lookup found a case: it was no miss.
    pub fn found(&mut self) {
        self.0 = self.0.saturating_sub(1);
    }

    /// Lookups left before the kiosk stops answering.
    pub fn left(&self) -> u8 {
        MAX_MISSES.saturating_sub(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_number_or_a_reference_is_accepted_and_anything_else_is_not() {
        assert!(matches!(
            StatusQuery::by_number("6210232022025093007 0001"),
            Ok(StatusQuery::Number(_))
        ));
        assert!(matches!(
            StatusQuery::by_number("20225113007003"),
            Ok(StatusQuery::Reference(_))
        ));
        assert_eq!(
            StatusQuery::by_number("12345"),
            Err(QueryProblem::NotACaseNumber)
        );
        assert_eq!(
            StatusQuery::by_number(""),
            Err(QueryProblem::NotACaseNumber)
        );
    }

    #[test]
    fn all_ten_characters_are_required() {
        assert_eq!(
            StatusQuery::by_id_and_phone("01001", "1001"),
            Err(QueryProblem::IdTailIncomplete)
        );
        assert_eq!(
            StatusQuery::by_id_and_phone("01001X", "100"),
            Err(QueryProblem::PhoneTailIncomplete)
        );
        assert_eq!(
            StatusQuery::by_id_and_phone("01001X", "10011"),
            Err(QueryProblem::PhoneTailIncomplete)
        );
        assert!(StatusQuery::by_id_and_phone("01001x", "1001").is_ok());
    }

    #[test]
    fn x_may_only_end_the_id_tail() {
        assert_eq!(
            IdAndPhone::new("0X1001", "1001"),
            Err(QueryProblem::IdTailIncomplete)
        );
        assert_eq!(
            IdAndPhone::new("01001X", "10X1"),
            Err(QueryProblem::PhoneTailIncomplete)
        );
    }

    #[test]
    fn matching_needs_both_tails_and_ignores_hyphens_in_a_landline() {
        let query = IdAndPhone::new("01001x", "1001").unwrap();
        assert_eq!(query.id_tail(), "01001X");
        assert!(query.matches("34052419800101001X", "0934-5581001"));
        assert!(query.matches("34052419800101001x", "13800001001"));
        assert!(!query.matches("34052419800101001X", "0934-5581002"));
        assert!(!query.matches("340524198001010019", "0934-5581001"));
        assert!(
            !query.matches("01001X", "1001"),
            "a stored number that short is damaged"
        );
    }

    #[test]
    fn a_name_needs_the_phone_tail_and_no_pinyin_letters_left() {
        assert_eq!(
            StatusQuery::by_name_and_phone("王堃", ""),
            Err(QueryProblem::PhoneTailIncomplete)
        );
        assert_eq!(
            StatusQuery::by_name_and_phone("", "1001"),
            Err(QueryProblem::NameIncomplete)
        );
        assert_eq!(
            StatusQuery::by_name_and_phone("王KUN", "1001"),
            Err(QueryProblem::NameIncomplete)
        );
        assert_eq!(
            StatusQuery::by_name_and_phone(&"王".repeat(NAME_MAX + 1), "1001"),
            Err(QueryProblem::NameIncomplete)
        );
        // Kept exactly, rare characters and the middle dot included; spaces at the ends go.
        let query = NameAndPhone::new(" 阿依古丽·买买提𪚥 ", "1001").unwrap();
        assert_eq!(query.name(), "阿依古丽·买买提𪚥");
        assert!(query.matches_phone("0934-5581001"));
        assert!(!query.matches_phone("0934-5581002"));
        assert!(!query.matches_phone("001"));
    }

    #[test]
    fn five_misses_stop_the_lookups_and_finds_do_not_count() {
        let mut misses = Misses::default();
        for _ in 0..10 {
            misses.begin().unwrap();
            misses.found();
        }
        assert_eq!(misses.left(), MAX_MISSES);
        for left in (0..MAX_MISSES).rev() {
            assert!(misses.begin().is_ok());
            assert_eq!(misses.left(), left);
        }
        assert_eq!(misses.begin(), Err(QueryProblem::TooManyMisses));
        assert_eq!(misses.left(), 0);
    }

    #[test]
    fn a_lookup_left_before_its_answer_still_counts() {
        let mut misses = Misses::default();
        misses.begin().unwrap();
        // No answer came back (the farmer went Home): it stays counted.
        assert_eq!(misses.left(), MAX_MISSES - 1);
    }
}
