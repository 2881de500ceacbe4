//! A farm household: its head, contact, village and group, and its members. Everything a person
//! typed is checked here, field by field, so the form can say exactly what is wrong where.

use serde::{Deserialize, Serialize};

use super::id_number::{IdNumber, IdNumberError};
use super::phone::{Phone, PhoneError};
use super::text::{TextError, check_name, check_text};

/// A checked household, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub id: String,
    pub head_name: String,
    pub id_number: IdNumber,
    pub phone: Phone,
    pub village: String,
    /// 村民小组, 1-based.
    pub group: u32,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub id_number: IdNumber,
    /// 与户主关系, e.g. 配偶, 子, 女.
    pub relation: String,
}

/// The household form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdForm {
    pub head_name: String,
    pub id_number: String,
    pub phone: String,
    pub village: String,
    pub group: String,
    pub members: Vec<MemberForm>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberForm {
    pub name: String,
    pub id_number: String,
    pub relation: String,
}

/// Which field of the form a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HouseholdField {
    HeadName,
    IdNumber,
    Phone,
    Village,
    Group,
    MemberName(usize),
    MemberIdNumber(usize),
    MemberRelation(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Text(TextError),
    IdNumber(IdNumberError),
    /// A date of birth after today.
    BornInFuture,
    Phone(PhoneError),
    /// A village that is not on the hall's list.
    UnknownVillage,
    /// A group number outside 1..=the village's groups.
    NoSuchGroup {
        groups: u32,
    },
    /// The same ID number twice in one household.
    DuplicateIdNumber,
}

const RELATION_MAX_CHARS: usize = 10;

impl HouseholdForm {
    /// Checks every field; `groups_of` says how many groups a village has (None: unknown village).
    pub fn check(
        &self,
        id: String,
        today: chrono::NaiveDate,
        groups_of: impl Fn(&str) -> Option<u32>,
    ) -> Result<Household, Vec<(HouseholdField, FieldError)>> {
        let mut errors = Vec::new();
        let head_name = keep(
            &mut errors,
            HouseholdField::HeadName,
            check_name(&self.head_name).map_err(FieldError::Text),
        );
        let id_number = keep(
            &mut errors,
            HouseholdField::IdNumber,
            parse_id_number(&self.id_number, today),
        );
        let phone = keep(
            &mut errors,
            HouseholdField::Phone,
            Phone::parse(&self.phone).map_err(FieldError::Phone),
        );
        let village = self.village.trim().to_owned();
        let groups = groups_of(&village);
        if groups.is_none() {
            errors.push((HouseholdField::Village, FieldError::UnknownVillage));
        }
        let group = self.group.trim().parse::<u32>().ok();
        let group = match (group, groups) {
            (Some(group), Some(groups)) if (1..=groups).contains(&group) => Some(group),
            (_, Some(groups)) => {
                errors.push((HouseholdField::Group, FieldError::NoSuchGroup { groups }));
                None
            }
            (group, None) => group,
        };
        let mut members = Vec::new();
        for (index, member) in self.members.iter().enumerate() {
            let name = keep(
                &mut errors,
                HouseholdField::MemberName(index),
                check_name(&member.name).map_err(FieldError::Text),
            );
            let number = keep(
                &mut errors,
                HouseholdField::MemberIdNumber(index),
                parse_id_number(&member.id_number, today),
            );
            let relation = keep(
                &mut errors,
                HouseholdField::MemberRelation(index),
                check_text(&member.relation, RELATION_MAX_CHARS, true).map_err(FieldError::Text),
            );
            if let (Some(name), Some(id_number), Some(relation)) = (name, number, relation) {
                let head = IdNumber::parse(&self.id_number).ok();
                let repeated = head.as_ref() == Some(&id_number)
                    || members.iter().any(|m: &Member| m.id_number == id_number);
                if repeated {
                    errors.push((
                        HouseholdField::MemberIdNumber(index),
                        FieldError::DuplicateIdNumber,
                    ));
                } else {
                    members.push(Member {
                        name,
                        id_number,
                        relation,
                    });
                }
            }
        }
        match (head_name, id_number, phone, group) {
            (Some(head_name), Some(id_number), Some(phone), Some(group)) if errors.is_empty() => {
                Ok(Household {
                    id,
                    head_name,
                    id_number,
                    phone,
                    village,
                    group,
                    members,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_id_number(input: &str, today: chrono::NaiveDate) -> Result<IdNumber, FieldError> {
    let number = IdNumber::parse(input).map_err(FieldError::IdNumber)?;
    if number.born_after(today) {
        return Err(FieldError::BornInFuture);
    }
    Ok(number)
}

fn keep<T>(
    errors: &mut Vec<(HouseholdField, FieldError)>,
    field: HouseholdField,
    result: Result<T, FieldError>,
) -> Option<T> {
    result.map_err(|error| errors.push((field, error))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn form() -> HouseholdForm {
        HouseholdForm {
            head_name: "王堃".into(),
            id_number: "34052419800101001x".into(),
            phone: "138 1234 5678".into(),
            village: "高台村".into(),
            group: "3".into(),
            members: vec![MemberForm {
                name: "李玥".into(),
                id_number: "11010519491231002X".into(),
                relation: "配偶".into(),
            }],
        }
    }

    fn groups(village: &str) -> Option<u32> {
        (village == "高台村").then_some(6)
    }

    #[test]
    fn a_good_form_gives_a_household_with_normalised_numbers() {
        let household = form().check("h1".into(), today(), groups).unwrap();
        assert_eq!(household.id_number.as_str(), "34052419800101001X");
        assert_eq!(household.phone.as_str(), "13812345678");
        assert_eq!(household.group, 3);
        assert_eq!(household.members.len(), 1);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut bad = form();
        bad.head_name = " ".into();
        bad.id_number = "340524198001010013".into();
        bad.phone = "12345".into();
        bad.group = "9".into();
        bad.members[0].relation = "配偶\u{7}".into();
        let errors = bad.check("h1".into(), today(), groups).unwrap_err();
        let fields: Vec<HouseholdField> = errors.iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            vec![
                HouseholdField::HeadName,
                HouseholdField::IdNumber,
                HouseholdField::Phone,
                HouseholdField::Group,
                HouseholdField::MemberRelation(0),
            ]
        );
        assert!(errors.contains(&(
            HouseholdField::IdNumber,
            FieldError::IdNumber(IdNumberError::BadCheckDigit { expected: 'X' })
        )));
    }

    #[test]
    fn an_unknown_village_and_a_repeated_member_are_refused() {
        let mut bad = form();
        bad.village = "不存在村".into();
        bad.members[0].id_number = bad.id_number.clone();
        let errors = bad.check("h1".into(), today(), groups).unwrap_err();
        assert!(errors.contains(&(HouseholdField::Village, FieldError::UnknownVillage)));
        assert!(errors.contains(&(
            HouseholdField::MemberIdNumber(0),
            FieldError::DuplicateIdNumber
        )));
    }

    #[test]
    fn sql_looking_names_are_kept_as_typed_and_emoji_are_refused() {
        let mut odd = form();
        odd.head_name = "Tom O'Brien OR DROP TABLE household".into();
        odd.members[0].name = "小花".into();
        let household = odd.check("h1".into(), today(), groups).unwrap();
        assert_eq!(household.head_name, "Tom O'Brien OR DROP TABLE household");
        odd.members[0].name = "小花🌸".into();
        let errors = odd.check("h1".into(), today(), groups).unwrap_err();
        assert_eq!(
            errors,
            vec![(
                HouseholdField::MemberName(0),
                FieldError::Text(TextError::NotInName('🌸'))
            )]
        );
    }

    #[test]
    fn a_fifty_character_name_of_rare_characters_is_kept_byte_for_byte() {
        let mut rare = form();
        rare.head_name = format!("{}·𪚥", "𠀾".repeat(48));
        rare.members[0].name = " 李\u{FA0E}䶮 ".into();
        let household = rare.check("h1".into(), today(), groups).unwrap();
        assert_eq!(household.head_name.as_bytes(), rare.head_name.as_bytes());
        assert_eq!(household.members[0].name, "李\u{FA0E}䶮");
    }
}
