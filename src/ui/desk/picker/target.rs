//! The name fields the picker fills: which one it was opened for, what it holds now, and the
//! message that changes it (the screen's own, so a change through the picker is a change like
//! any typed one: its error clears, a search runs).

use crate::domain::household::HouseholdField;
use crate::i18n::Language;
use crate::t;
use crate::ui::desk::login::{Field, RegistrationMessage};
use crate::ui::desk::{Message, Screen, cases, household, intake};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The household form's head or a member's name.
    Household(HouseholdField),
    /// The name of a new account (立即注册, the first admin).
    AccountName,
    /// The new application's search for a household (by the head's name).
    HouseholdSearch,
    /// The case list's search (by the applicant's name).
    CaseSearch,
}

impl Target {
    /// The field a desk message asks the picker for, if it does.
    pub fn asked_by(message: &Message) -> Option<Target> {
        match message {
            Message::Household(household::Message::PickRare(field)) => {
                Some(Target::Household(*field))
            }
            Message::Register(RegistrationMessage::PickRare) => Some(Target::AccountName),
            Message::Intake(intake::Message::PickRare) => Some(Target::HouseholdSearch),
            Message::Cases(cases::Message::PickRare) => Some(Target::CaseSearch),
            _ => None,
        }
    }

    /// What the field holds on `screen`; None when the screen has no such field (any more).
    pub fn value(self, screen: &Screen) -> Option<&str> {
        match (self, screen) {
            (Target::Household(field), Screen::Household(editor)) => editor.value(field),
            (Target::AccountName, Screen::Register(form)) if !form.done => {
                Some(form.value(Field::Name))
            }
            (Target::HouseholdSearch, Screen::Intake(form)) => form.search(),
            (Target::CaseSearch, Screen::Cases(list)) => Some(list.search()),
            _ => None,
        }
    }

    /// The desk message that gives the field `value`.
    pub fn edit(self, value: String) -> Message {
        match self {
            Target::Household(field) => Message::Household(household::Message::Edit(field, value)),
            Target::AccountName => Message::Register(RegistrationMessage::Edit(Field::Name, value)),
            Target::HouseholdSearch => Message::Intake(intake::Message::Search(value)),
            Target::CaseSearch => Message::Cases(cases::Message::Search(value)),
        }
    }

    /// The field's label, for the picker's heading.
    pub fn label(self, language: Language) -> String {
        match self {
            Target::Household(HouseholdField::MemberName(index)) => t!(
                language,
                "picker-for-member",
                number = (index + 1).to_string()
            ),
            Target::Household(_) => t!(language, "picker-for-head"),
            Target::AccountName => t!(language, "picker-for-account"),
            Target::HouseholdSearch => t!(language, "picker-for-search"),
            Target::CaseSearch => t!(language, "picker-for-cases"),
        }
    }

    /// The text box to give the focus back to when the picker closes (a member's name box
    /// shares its id with the other members', so none).
    pub fn input_id(self) -> Option<&'static str> {
        match self {
            Target::Household(HouseholdField::HeadName) => Some("household-head"),
            Target::Household(_) => None,
            Target::AccountName => Some("register-name"),
            Target::HouseholdSearch => Some("intake-search"),
            Target::CaseSearch => Some("case-search"),
        }
    }
}

/// `value` with `ch` added at its end.
pub fn with_char(value: &str, ch: char) -> String {
    let mut value = value.to_owned();
    value.push(ch);
    value
}

/// `value` without its last character (a whole character, never half of one).
pub fn without_last(value: &str) -> String {
    let mut value = value.to_owned();
    value.pop();
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rare_character_goes_at_the_end_and_comes_off_whole() {
        assert_eq!(with_char("李", '䶮'), "李䶮");
        assert_eq!(with_char("", '𪚥'), "𪚥");
        let name = with_char("王", '𪚥');
        assert_eq!(name.len(), "王".len() + 4, "an Ext B character is 4 bytes");
        assert_eq!(without_last(&name), "王");
        assert_eq!(without_last(""), "");
    }
}
