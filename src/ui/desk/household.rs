//! Registering a household: head, ID number (birth date and sex follow from it), phone, village
//! and group, members. A known ID number opens the household already registered.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{column, pick_list, row};
use iced::{Element, Length, Task};

use super::choice::{Choice, selected};
use super::form::{choice_list, error_slot, input_noting, input_submitting, target};
use super::office::Office;
use super::picker::field::name_input;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::household::{Household, HouseholdField, HouseholdForm, MemberForm};
use crate::domain::id_number::{IdNumber, Sex};
use crate::explain::{Explain, shown};
use crate::i18n::Language;
use crate::store::{Account, HouseholdError, Registered};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, Default)]
pub struct HouseholdEditor {
    /// Made when the form opens; the household keeps it as its id.
    id: String,
    form: HouseholdForm,
    errors: HashMap<HouseholdField, String>,
    /// The household is being saved: taps wait for it.
    saving: bool,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(HouseholdField, String),
    Village(Choice<String>),
    AddMember,
    RemoveMember(usize),
    /// 生僻字 beside a name field: the desk opens its picker for it.
    PickRare(HouseholdField),
    Save,
    Saved(Result<Registered, Arc<HouseholdError>>),
}

/// What saving did: the household to go on with, and whether it was there already.
pub struct Saved {
    pub household: Household,
    pub existing: bool,
}

impl HouseholdEditor {
    /// Something was typed that a save would keep.
    pub fn has_input(&self) -> bool {
        self.form != HouseholdForm::default()
    }

    /// What a name field holds (the picker shows it); None for a member no longer there.
    pub fn value(&self, field: HouseholdField) -> Option<&str> {
        match field {
            HouseholdField::HeadName => Some(&self.form.head_name),
            HouseholdField::MemberName(index) => self
                .form
                .members
                .get(index)
                .map(|member| member.name.as_str()),
            _ => None,
        }
    }

    pub fn new() -> HouseholdEditor {
        HouseholdEditor {
            id: uuid::Uuid::new_v4().to_string(),
            ..HouseholdEditor::default()
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Saved>) {
        match message {
            Message::Edit(field, value) => {
                self.errors.remove(&field);
                let form = &mut self.form;
                let slot = match field {
                    HouseholdField::HeadName => &mut form.head_name,
                    HouseholdField::IdNumber => &mut form.id_number,
                    HouseholdField::Phone => &mut form.phone,
                    HouseholdField::Village => &mut form.village,
                    HouseholdField::Group => &mut form.group,
                    HouseholdField::MemberName(index) => &mut form.members[index].name,
                    HouseholdField::MemberIdNumber(index) => &mut form.members[index].id_number,
                    HouseholdField::MemberRelation(index) => &mut form.members[index].relation,
                };
                *slot = value;
            }
            Message::Village(choice) => {
                self.errors.remove(&HouseholdField::Village);
                self.form.village = choice.value;
            }
            Message::AddMember => self.form.members.push(MemberForm::default()),
            Message::RemoveMember(index) => {
                if index < self.form.members.len() {
                    self.form.members.remove(index);
                    self.errors.clear();
                }
            }
            // The desk opens the picker (see `desk::picker::Target`).
            Message::PickRare(_) => {}
            Message::Save if self.saving => {}
            Message::Save => return (self.save(office, account, language, now), None),
            Message::Saved(result) => {
                self.saving = false;
                let saved = match result {
                    Ok(Registered::Created(household)) => Saved {
                        household,
                        existing: false,
                    },
                    Ok(Registered::Existing(household)) => Saved {
                        household,
                        existing: true,
                    },
                    Err(error) => {
                        self.error = Some(shown(language, &*error));
                        return (Task::none(), None);
                    }
                };
                return (Task::none(), Some(saved));
            }
        }
        (Task::none(), None)
    }

    fn save(
        &mut self,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        self.error = None;
        let content = office.content();
        let checked = self.form.check(self.id.clone(), now.date_naive(), |name| {
            content.village(name).map(|village| village.groups)
        });
        let household = match checked {
            Ok(household) => household,
            Err(errors) => {
                self.errors = errors
                    .iter()
                    .map(|(field, error)| (*field, error.words(language)))
                    .collect();
                return Task::none();
            }
        };
        self.saving = true;
        let account = account.id;
        office.run(
            move |store, _| store.register_household(&household, account, now),
            Message::Saved,
        )
    }

    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let error = |field| self.errors.get(&field).cloned();
        let edit = |field| move |value| Message::Edit(field, value);
        // Enter in any box saves, as the button does.
        let field = |id, label, value, field| {
            input_submitting(
                look,
                id,
                label,
                value,
                edit(field),
                error(field),
                Message::Save,
            )
        };
        // A name's slot says which font package a character needs when the screen lacks it.
        let villages: Vec<Choice<String>> = content
            .villages
            .iter()
            .map(|village| Choice::new(village.name.clone(), village.name.clone()))
            .collect();
        let village = column![
            look.strong(t!(language, "household-village")),
            target(
                "household-village",
                choice_list(
                    look,
                    pick_list(
                        villages.clone(),
                        selected(&villages, &self.form.village),
                        Message::Village
                    )
                    .placeholder(t!(language, "household-village-choose"))
                ),
            ),
            error_slot(look, error(HouseholdField::Village).as_deref()),
        ]
        .spacing(look.scale.space * 0.3);
        // The birth date and sex read from the ID number show in the field's own slot.
        let born = IdNumber::parse(&self.form.id_number)
            .ok()
            .map(|number| born_and_sex(language, &number));
        let mut page = column![
            look.title(t!(language, "household-title")),
            name_input(
                look,
                "household-head",
                "picker-open-head",
                t!(language, "household-head"),
                &self.form.head_name,
                edit(HouseholdField::HeadName),
                error(HouseholdField::HeadName),
                Message::Save,
                Message::PickRare(HouseholdField::HeadName),
            ),
            input_noting(
                look,
                "household-id",
                t!(language, "household-id"),
                &self.form.id_number,
                edit(HouseholdField::IdNumber),
                error(HouseholdField::IdNumber),
                born,
                Message::Save,
            ),
            field(
                "household-phone",
                t!(language, "household-phone"),
                &self.form.phone,
                HouseholdField::Phone
            ),
            row![
                village,
                field(
                    "household-group",
                    t!(language, "household-group"),
                    &self.form.group,
                    HouseholdField::Group
                ),
            ]
            .spacing(look.scale.space),
        ]
        .spacing(look.scale.space);
        for (index, member) in self.form.members.iter().enumerate() {
            page = page.push(
                look.section(
                    t!(
                        language,
                        "household-member",
                        number = (index + 1).to_string()
                    ),
                    column![
                        name_input(
                            look,
                            "member-name",
                            &format!("picker-open-member-{index}"),
                            t!(language, "household-member-name"),
                            &member.name,
                            edit(HouseholdField::MemberName(index)),
                            error(HouseholdField::MemberName(index)),
                            Message::Save,
                            Message::PickRare(HouseholdField::MemberName(index)),
                        ),
                        field(
                            "member-id",
                            t!(language, "household-id"),
                            &member.id_number,
                            HouseholdField::MemberIdNumber(index)
                        ),
                        field(
                            "member-relation",
                            t!(language, "household-relation"),
                            &member.relation,
                            HouseholdField::MemberRelation(index)
                        ),
                        look.tap(
                            &format!("member-remove-{index}"),
                            look.strong(t!(language, "household-member-remove")),
                            Message::RemoveMember(index),
                            theme::secondary_button
                        ),
                    ]
                    .spacing(look.scale.space * 0.5),
                ),
            );
        }
        page = page.push(look.tap(
            "member-add",
            look.strong(t!(language, "household-member-add")),
            Message::AddMember,
            theme::secondary_button,
        ));
        // A refused save shows under the button, where it moves nothing.
        page.push(
            look.tap_wide(
                "household-save",
                look.heading(t!(language, "household-save"))
                    .color(theme::ON_PRIMARY),
                Message::Save,
                theme::primary_button,
            ),
        )
        .push(error_slot(look, self.error.as_deref()))
        .width(Length::Fill)
        .into()
    }
}

/// "出生 1980-01-01 · 男", read from the ID number as it is typed.
fn born_and_sex(language: Language, number: &IdNumber) -> String {
    let sex = match number.sex() {
        Sex::Male => t!(language, "sex-male"),
        Sex::Female => t!(language, "sex-female"),
    };
    let born: NaiveDate = number.birth_date();
    t!(
        language,
        "household-born",
        date = born.to_string(),
        sex = sex
    )
}
