//! A new application: find the household, pick the applicant and the service, tick the materials
//! received. Missing required materials make it 待补正 with a one-time notice; otherwise it is
//! accepted with a case number.

use iced::widget::{checkbox, column, pick_list, text_input};
use iced::{Element, Length};

use super::choice::Choice;
use super::form::error_line;
use super::messages;
use super::office::Office;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::household::Household;
use crate::domain::id_number::IdNumber;
use crate::i18n::Language;
use crate::store::{Account, HouseholdSummary, NewApplication};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

const SEARCH_LIMIT: usize = 20;

#[derive(Debug, Clone)]
pub struct Intake {
    /// Made when the form opens: pressing Save twice saves one case.
    request_key: String,
    search: String,
    found: Vec<HouseholdSummary>,
    household: Option<Household>,
    applicant: Option<Choice<IdNumber>>,
    item: Option<Choice<String>>,
    received: Vec<bool>,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Pick(String),
    Applicant(Choice<IdNumber>),
    Item(Choice<String>),
    Received(usize, bool),
    Save,
}

impl Intake {
    /// Something was chosen or typed that a save would keep.
    pub fn has_input(&self) -> bool {
        !self.search.trim().is_empty() || self.household.is_some() || self.item.is_some()
    }

    pub fn new(household: Option<Household>) -> Intake {
        let applicant = household
            .as_ref()
            .map(|household| Choice::new(household.id_number.clone(), household.head_name.clone()));
        Intake {
            request_key: uuid::Uuid::new_v4().to_string(),
            search: String::new(),
            found: Vec::new(),
            household,
            applicant,
            item: None,
            received: Vec::new(),
            error: None,
        }
    }

    /// The saved case's id.
    pub fn update(
        &mut self,
        message: Message,
        office: &mut Office,
        content: &Content,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Option<String> {
        match message {
            Message::Search(search) => {
                self.found = if search.trim().is_empty() {
                    Vec::new()
                } else {
                    office
                        .store
                        .households(&search, SEARCH_LIMIT)
                        .unwrap_or_default()
                };
                self.search = search;
            }
            Message::Pick(id) => {
                if let Ok(Some(household)) = office.store.household(&id) {
                    *self = Intake {
                        item: self.item.take(),
                        received: std::mem::take(&mut self.received),
                        ..Intake::new(Some(household))
                    };
                }
            }
            Message::Applicant(choice) => self.applicant = Some(choice),
            Message::Item(choice) => {
                let count = content
                    .item(&choice.value)
                    .map_or(0, |item| item.materials.len());
                self.received = vec![false; count];
                self.item = Some(choice);
            }
            Message::Received(index, received) => {
                if let Some(flag) = self.received.get_mut(index) {
                    *flag = received;
                }
            }
            Message::Save => return self.save(office, content, account, language, now),
        }
        None
    }

    fn save(
        &mut self,
        office: &mut Office,
        content: &Content,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Option<String> {
        let (Some(household), Some(applicant), Some(item)) =
            (&self.household, &self.applicant, &self.item)
        else {
            self.error = Some(t!(language, "intake-incomplete"));
            return None;
        };
        let new = NewApplication {
            request_key: self.request_key.clone(),
            household_id: household.id.clone(),
            applicant: applicant.value.clone(),
            item_id: item.value.clone(),
            received: self.received.clone(),
        };
        let (store, rules) = office.split(content);
        match store.create_application(&new, account, &rules, now) {
            Ok(case) => Some(case.id),
            Err(error) => {
                self.error = Some(messages::case(language, &error));
                None
            }
        }
    }

    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let mut page = column![look.title(t!(language, "intake-title"))].spacing(look.scale.space);
        match &self.household {
            None => {
                page = page.push(
                    text_input(&t!(language, "intake-search"), &self.search)
                        .id("intake-search")
                        .on_input(Message::Search)
                        .size(look.scale.body)
                        .padding(look.scale.pad)
                        .width(Length::Fill),
                );
                for found in &self.found {
                    page = page.push(look.tap_wide(
                        &format!("household-{}", found.id),
                        look.body(format!(
                            "{}  {}  {}",
                            found.head_name, found.village, found.id_number_masked
                        )),
                        Message::Pick(found.id.clone()),
                        theme::secondary_button,
                    ));
                }
                return page.into();
            }
            Some(household) => {
                page = page.push(look.field(
                    t!(language, "intake-household"),
                    format!(
                        "{} · {} {}",
                        household.head_name,
                        household.village,
                        household.id_number.masked()
                    ),
                ));
                let people: Vec<Choice<IdNumber>> = std::iter::once(Choice::new(
                    household.id_number.clone(),
                    household.head_name.clone(),
                ))
                .chain(household.members.iter().map(|member| {
                    Choice::new(
                        member.id_number.clone(),
                        format!("{} ({})", member.name, member.relation),
                    )
                }))
                .collect();
                page = page.push(column![
                    look.strong(t!(language, "intake-applicant")),
                    pick_list(people, self.applicant.clone(), Message::Applicant)
                        .text_size(look.scale.body)
                        .padding(look.scale.pad),
                ]);
            }
        }
        let items: Vec<Choice<String>> = content
            .items
            .iter()
            .map(|item| {
                Choice::new(
                    item.id.clone(),
                    format!(
                        "{}. {}",
                        item.number,
                        language.pick(&item.name, &item.name_en)
                    ),
                )
            })
            .collect();
        page = page.push(column![
            look.strong(t!(language, "intake-item")),
            pick_list(items, self.item.clone(), Message::Item)
                .placeholder(t!(language, "intake-item-choose"))
                .text_size(look.scale.body)
                .padding(look.scale.pad)
                .width(Length::Fill),
        ]);
        if let Some(item) = self
            .item
            .as_ref()
            .and_then(|choice| content.item(&choice.value))
        {
            let mut checklist = column![].spacing(look.scale.space * 0.4);
            for (index, material) in item.materials.iter().enumerate() {
                let need = if material.required {
                    t!(language, "material-required")
                } else {
                    t!(language, "material-optional")
                };
                checklist = checklist.push(
                    checkbox(self.received.get(index).copied().unwrap_or(false))
                        .label(format!("{} ({need}, {})", material.name, material.form))
                        .on_toggle(move |received| Message::Received(index, received))
                        .size(look.scale.body * 1.4)
                        .text_size(look.scale.body),
                );
            }
            page = page.push(look.section(t!(language, "intake-materials"), checklist));
        }
        if let Some(error) = &self.error {
            page = page.push(error_line(look, error));
        }
        page.push(
            look.tap_wide(
                "intake-save",
                look.heading(t!(language, "intake-save"))
                    .color(theme::ON_PRIMARY),
                Message::Save,
                theme::primary_button,
            ),
        )
        .into()
    }
}
