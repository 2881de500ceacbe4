//! A new application: find the household, pick the applicant and the service, tick the materials
//! received. Missing required materials make it 待补正 with a one-time notice; otherwise it is
//! accepted with a case number.

use std::sync::Arc;

use iced::widget::{column, pick_list, row};
use iced::{Element, Length, Task};

use super::case::CaseView;
use super::choice::{Choice, selected};
use super::form::{choice_list, slot, target, text_box, tick};
use super::office::Office;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::household::Household;
use crate::domain::id_number::IdNumber;
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{Account, CaseError, HouseholdSummary, NewApplication, StoreError};
use crate::t;
use crate::ui::widget::Look;
use crate::ui::{names, theme};

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
    /// The application is being saved: taps wait for it.
    saving: bool,
    /// "已登记", when the form follows a household just saved; it stays while the form does.
    banner: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    /// 生僻字 beside the search: the desk opens its picker for it.
    PickRare,
    Found(String, Result<Vec<HouseholdSummary>, Arc<StoreError>>),
    Pick(String),
    Picked(Result<Option<Household>, Arc<StoreError>>),
    Applicant(Choice<IdNumber>),
    Item(Choice<String>),
    Received(usize, bool),
    Save,
    /// The new case, ready to show, or why it was not saved.
    Saved(Result<Box<CaseView>, Arc<CaseError>>),
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
            saving: false,
            banner: None,
            error: None,
        }
    }

    /// The household search as typed; None once a household is chosen (the box is gone).
    pub fn search(&self) -> Option<&str> {
        self.household.is_none().then_some(self.search.as_str())
    }

    pub fn with_banner(self, banner: String) -> Intake {
        Intake {
            banner: Some(banner),
            ..self
        }
    }

    /// Returns the saved case's screen once the save is done.
    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Box<CaseView>>) {
        match message {
            Message::Search(search) => {
                self.search = search.clone();
                if search.trim().is_empty() {
                    self.found.clear();
                } else {
                    let asked = search.clone();
                    let task = office.run(
                        move |store, _| store.households(&asked, SEARCH_LIMIT),
                        move |found| Message::Found(search, found),
                    );
                    return (task, None);
                }
            }
            // Only the answer to what is in the box now counts.
            Message::Found(search, found) if search == self.search => match found {
                Ok(found) => self.found = found,
                Err(error) => self.error = Some(shown(language, &*error)),
            },
            Message::Found(..) => {}
            // The desk opens the picker (see `desk::picker::Target`).
            Message::PickRare => {}
            Message::Pick(id) => {
                let task = office.run(move |store, _| store.household(&id), Message::Picked);
                return (task, None);
            }
            Message::Picked(Ok(Some(household))) => {
                *self = Intake {
                    item: self.item.take(),
                    received: std::mem::take(&mut self.received),
                    banner: self.banner.take(),
                    ..Intake::new(Some(household))
                };
            }
            Message::Picked(Ok(None)) => self.error = Some(t!(language, "case-unknown-household")),
            Message::Picked(Err(error)) => self.error = Some(shown(language, &*error)),
            Message::Applicant(choice) => self.applicant = Some(choice),
            Message::Item(choice) => {
                let count = office
                    .content()
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
            Message::Save if self.saving => {}
            Message::Save => return (self.save(office, account, language, now), None),
            Message::Saved(Ok(view)) => {
                self.saving = false;
                return (Task::none(), Some(view));
            }
            Message::Saved(Err(error)) => {
                self.saving = false;
                self.error = Some(shown(language, &*error));
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
        let (Some(household), Some(applicant), Some(item)) =
            (&self.household, &self.applicant, &self.item)
        else {
            self.error = Some(t!(language, "intake-incomplete"));
            return Task::none();
        };
        let new = NewApplication {
            request_key: self.request_key.clone(),
            household_id: household.id.clone(),
            applicant: applicant.value.clone(),
            item_id: item.value.clone(),
            received: self.received.clone(),
        };
        self.saving = true;
        self.error = None;
        let account = account.clone();
        office.run(
            move |store, rules| {
                let case = store.create_application(&new, &account, rules, now)?;
                Ok::<_, CaseError>(Box::new(CaseView::with_agents(store, case)?))
            },
            Message::Saved,
        )
    }

    /// What saving would do with the materials ticked: accept, or 待补正 with a notice.
    fn outcome(&self, content: &Content, language: Language) -> Option<String> {
        let item = content.item(&self.item.as_ref()?.value)?;
        let missing = item
            .materials
            .iter()
            .zip(self.received.iter().chain(std::iter::repeat(&false)))
            .filter(|(material, received)| material.required && !**received)
            .count();
        Some(if missing == 0 {
            t!(language, "intake-will-accept")
        } else {
            t!(language, "intake-will-correct", count = missing.to_string())
        })
    }

    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let mut page = column![].spacing(look.scale.space);
        if let Some(banner) = &self.banner {
            page = page.push(look.caution(banner.clone()));
        }
        page = page.push(look.title(t!(language, "intake-title")));
        match &self.household {
            None => {
                page = page.push(
                    row![
                        text_box(look, &t!(language, "intake-search"), &self.search)
                            .id("intake-search")
                            .on_input(Message::Search),
                        look.tap(
                            "picker-open-search",
                            look.strong(t!(language, "picker-open")),
                            Message::PickRare,
                            theme::secondary_button
                        ),
                    ]
                    .spacing(look.scale.pad)
                    .align_y(iced::Alignment::Center),
                );
                for found in &self.found {
                    page = page.push(look.tap_wide(
                        &format!("household-{}", found.id),
                        names::line(
                            look,
                            &format!(
                                "{}  {}  {}",
                                found.head_name, found.village, found.id_number_masked
                            ),
                        ),
                        Message::Pick(found.id.clone()),
                        theme::secondary_button,
                    ));
                }
                return page.into();
            }
            Some(household) => {
                page = page.push(look.field(
                    t!(language, "intake-household"),
                    names::shown(&format!(
                        "{} · {} {}",
                        household.head_name,
                        household.village,
                        household.id_number.masked()
                    )),
                ));
                // Which font package the household's names need, if the screen lacks one.
                let everyone = std::iter::once(household.head_name.as_str())
                    .chain(household.members.iter().map(|member| member.name.as_str()))
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(hint) = names::hint_line(look, &everyone) {
                    page = page.push(hint);
                }
                let people: Vec<Choice<IdNumber>> = std::iter::once(Choice::new(
                    household.id_number.clone(),
                    names::shown(&household.head_name),
                ))
                .chain(household.members.iter().map(|member| {
                    Choice::new(
                        member.id_number.clone(),
                        names::shown(&format!("{} ({})", member.name, member.relation)),
                    )
                }))
                .collect();
                let applicant = self
                    .applicant
                    .as_ref()
                    .and_then(|choice| selected(&people, &choice.value));
                page = page.push(column![
                    look.strong(t!(language, "intake-applicant")),
                    target(
                        "intake-applicant",
                        choice_list(look, pick_list(people, applicant, Message::Applicant))
                    ),
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
            target(
                "intake-item",
                choice_list(
                    look,
                    pick_list(items, self.item.clone(), Message::Item)
                        .placeholder(t!(language, "intake-item-choose"))
                        .width(Length::Fill)
                )
            ),
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
                checklist = checklist.push(tick(
                    look,
                    &format!("intake-material-{index}"),
                    self.received.get(index).copied().unwrap_or(false),
                    format!("{} ({need}, {})", material.name, material.form),
                    move |received| Message::Received(index, received),
                ));
            }
            page = page.push(look.section(t!(language, "intake-materials"), checklist));
        }
        // What saving will do, and a refused save, show under the button in a place that is
        // always there: ticking a material or an error moves nothing.
        let (answer, colour) = match (&self.error, self.outcome(content, language)) {
            (Some(error), _) => (Some(error.clone()), theme::ALERT),
            (None, outcome) => (outcome, theme::TEXT),
        };
        page.push(
            look.tap_wide(
                "intake-save",
                look.heading(t!(language, "intake-save"))
                    .color(theme::ON_PRIMARY),
                Message::Save,
                theme::primary_button,
            ),
        )
        .push(slot(look.scale.body, answer.as_deref(), colour))
        .into()
    }
}
