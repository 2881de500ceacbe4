//! 事项: one service item at a time — its name, time limits, fee, materials and procedure.
//! An item whose promised days are 0 is done on the spot (即办件); otherwise it is a 承诺件.

use iced::widget::{column, pick_list, row};
use iced::{Alignment, Element, Length};

use super::fields::{self, Problems, RowAction};
use super::places::row_buttons;
use crate::content::ContentError;
use crate::content::words::field_label;
use crate::domain::content::EntryKind;
use crate::domain::{Content, ItemKind, Material, ServiceItem, Step};
use crate::t;
use crate::ui::desk::choice::Choice;
use crate::ui::desk::form;
use crate::ui::theme;
use crate::ui::widget::Look;

/// The item's one-line fields, in the order drawn (two to a row).
const TEXTS: [&str; 11] = [
    "name",
    "name_en",
    "promised_days",
    "legal_days",
    "fee_yuan",
    "fee_note",
    "department",
    "window",
    "visits",
    "consult_phone",
    "summary",
];

const MATERIAL_TEXTS: [&str; 5] = ["name", "copies", "form", "source", "check"];
const STEP_TEXTS: [&str; 4] = ["title", "actor", "detail", "days"];

#[derive(Debug, Clone, PartialEq)]
struct MaterialRow {
    texts: [String; 5],
    required: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct StepRow {
    texts: [String; 4],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemForm {
    /// The item being edited.
    id: String,
    texts: [String; 11],
    unverified: bool,
    materials: Vec<MaterialRow>,
    steps: Vec<StepRow>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Pick(Choice<String>),
    Text(usize, String),
    Unverified(bool),
    MaterialText(usize, usize, String),
    MaterialRequired(usize, bool),
    MaterialRow(usize, RowAction),
    AddMaterial,
    StepText(usize, usize, String),
    StepRow(usize, RowAction),
    AddStep,
}

impl ItemForm {
    pub fn new(item: &ServiceItem) -> ItemForm {
        ItemForm {
            id: item.id.clone(),
            texts: TEXTS.map(|field| match field {
                "name" => item.name.clone(),
                "name_en" => item.name_en.clone(),
                "promised_days" => item.promised_days.to_string(),
                "legal_days" => fields::shown_number(item.legal_days),
                "fee_yuan" => item.fee_yuan.to_string(),
                "fee_note" => item.fee_note.clone().unwrap_or_default(),
                "department" => item.department.clone(),
                "window" => item.window.to_string(),
                "visits" => item.visits.to_string(),
                "consult_phone" => item.consult_phone.clone(),
                _ => item.summary.clone(),
            }),
            unverified: item.unverified,
            materials: item
                .materials
                .iter()
                .map(|material| MaterialRow {
                    texts: [
                        material.name.clone(),
                        material.copies.to_string(),
                        material.form.clone(),
                        material.source.clone(),
                        material.check.clone(),
                    ],
                    required: material.required,
                })
                .collect(),
            steps: item
                .steps
                .iter()
                .map(|step| StepRow {
                    texts: [
                        step.title.clone(),
                        step.actor.clone(),
                        step.detail.clone(),
                        fields::shown_number(step.days),
                    ],
                })
                .collect(),
        }
    }

    /// The item being edited.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Changes the form; a pick is the screen's to handle (the edits so far go to the draft).
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Pick(_) => {}
            Message::Text(index, value) => set(&mut self.texts, index, value),
            Message::Unverified(unverified) => self.unverified = unverified,
            Message::MaterialText(row, index, value) => {
                if let Some(material) = self.materials.get_mut(row) {
                    set(&mut material.texts, index, value);
                }
            }
            Message::MaterialRequired(row, required) => {
                if let Some(material) = self.materials.get_mut(row) {
                    material.required = required;
                }
            }
            Message::MaterialRow(row, action) => fields::act_on(&mut self.materials, row, action),
            Message::AddMaterial => self.materials.push(MaterialRow {
                texts: [
                    String::new(),
                    "1".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                required: true,
            }),
            Message::StepText(row, index, value) => {
                if let Some(step) = self.steps.get_mut(row) {
                    set(&mut step.texts, index, value);
                }
            }
            Message::StepRow(row, action) => fields::act_on(&mut self.steps, row, action),
            Message::AddStep => self.steps.push(StepRow {
                texts: Default::default(),
            }),
        }
    }

    /// Writes the form into its item in `content`; what cannot be read goes to `found`.
    pub fn apply(&self, content: &mut Content, found: &mut Vec<ContentError>) {
        let Some(item) = content.items.iter_mut().find(|item| item.id == self.id) else {
            return;
        };
        let id = self.id.as_str();
        let text = |field: &str| {
            let index = TEXTS.iter().position(|name| *name == field).unwrap_or(0);
            self.texts[index].trim().to_owned()
        };
        item.name = text("name");
        item.name_en = text("name_en");
        item.summary = text("summary");
        item.department = text("department");
        item.consult_phone = text("consult_phone");
        let note = text("fee_note");
        item.fee_note = (!note.is_empty()).then_some(note);
        item.unverified = self.unverified;
        let mut number = |field: &str| fields::number(&text(field), id, field, found);
        if let Some(days) = number("promised_days") {
            item.promised_days = days;
            // The kind follows the promise: 0 days is done on the spot.
            item.kind = if days == 0 {
                ItemKind::Instant
            } else {
                ItemKind::Promised
            };
        }
        if let Some(fee) = number("fee_yuan") {
            item.fee_yuan = fee;
        }
        if let Some(window) = number("window") {
            item.window = window;
        }
        if let Some(visits) = number("visits") {
            item.visits = visits;
        }
        if let Some(legal) = fields::optional_number(&text("legal_days"), id, "legal_days", found) {
            item.legal_days = legal;
        }
        let mut materials = Vec::new();
        for (index, row) in self.materials.iter().enumerate() {
            let field = format!("material[{index}].copies");
            let copies = fields::number(&row.texts[1], id, &field, found).unwrap_or_default();
            materials.push(Material {
                name: row.texts[0].trim().to_owned(),
                required: row.required,
                copies,
                form: row.texts[2].trim().to_owned(),
                source: row.texts[3].trim().to_owned(),
                check: row.texts[4].trim().to_owned(),
            });
        }
        item.materials = materials;
        let mut steps = Vec::new();
        for (index, row) in self.steps.iter().enumerate() {
            let field = format!("step[{index}].days");
            let days = fields::optional_number(&row.texts[3], id, &field, found).flatten();
            steps.push(Step {
                title: row.texts[0].trim().to_owned(),
                actor: row.texts[1].trim().to_owned(),
                detail: row.texts[2].trim().to_owned(),
                days,
            });
        }
        item.steps = steps;
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &Content,
        problems: &Problems,
    ) -> Element<'a, Message> {
        let language = look.language;
        let label = |field: &str| field_label(language, EntryKind::Item, field);
        let at = |field: &str| problems.at(language, &self.id, field);
        let choices: Vec<Choice<String>> = content
            .items
            .iter()
            .map(|item| Choice::new(item.id.clone(), format!("{} {}", item.number, item.name)))
            .collect();
        let picked = choices
            .iter()
            .find(|choice| choice.value == self.id)
            .cloned();
        let mut page = column![
            look.strong(t!(language, "content-pick-item")),
            form::target(
                "content-item-pick",
                form::choice_list(look, pick_list(choices, picked, Message::Pick))
                    .width(Length::Fill)
            ),
        ]
        .spacing(look.scale.space * 0.5);
        for pair in (0..TEXTS.len()).collect::<Vec<_>>().chunks(2) {
            let mut line = row![].spacing(look.scale.pad * 2.0);
            for &index in pair {
                let name = TEXTS[index];
                line = line.push(fields::text_field(
                    look,
                    format!("content-item-{name}"),
                    label(name),
                    &self.texts[index],
                    move |value| Message::Text(index, value),
                    at(name).or_else(|| (name == "promised_days").then(|| at("kind")).flatten()),
                ));
            }
            page = page.push(line);
        }
        page = page.push(form::tick(
            look,
            "content-item-unverified",
            self.unverified,
            label("unverified"),
            Message::Unverified,
        ));

        page = page.push(look.heading(label("material")));
        page = page.push(form::error_slot(look, at("material").as_deref()));
        for (row_index, material) in self.materials.iter().enumerate() {
            let mut card = column![
                row![
                    look.strong(format!("{} {}", label("material"), row_index + 1))
                        .width(Length::Fill),
                    row_buttons(look, "material", row_index, |action| {
                        Message::MaterialRow(row_index, action)
                    }),
                ]
                .align_y(Alignment::Center)
            ]
            .spacing(look.scale.space * 0.3);
            let field = |index: usize| {
                let name = MATERIAL_TEXTS[index];
                let path = format!("material[{row_index}].{name}");
                fields::text_field(
                    look,
                    format!("content-material-{row_index}-{name}"),
                    field_label(language, EntryKind::Item, name),
                    &material.texts[index],
                    move |value| Message::MaterialText(row_index, index, value),
                    at(&path),
                )
            };
            card = card
                .push(row![field(0), field(1)].spacing(look.scale.pad * 2.0))
                .push(row![field(2), field(3)].spacing(look.scale.pad * 2.0))
                .push(field(4))
                .push(form::tick(
                    look,
                    &format!("content-material-{row_index}-required"),
                    material.required,
                    label("required"),
                    move |required| Message::MaterialRequired(row_index, required),
                ));
            page = page.push(
                iced::widget::container(card)
                    .padding(look.scale.pad)
                    .style(theme::card),
            );
        }
        page = page.push(look.tap(
            "content-material-add",
            look.strong(t!(language, "content-add-material")),
            Message::AddMaterial,
            theme::secondary_button,
        ));

        page = page.push(look.heading(label("step")));
        page = page.push(form::error_slot(look, at("step").as_deref()));
        for (row_index, step) in self.steps.iter().enumerate() {
            let field = |index: usize| {
                let name = STEP_TEXTS[index];
                let path = format!("step[{row_index}].{name}");
                fields::text_field(
                    look,
                    format!("content-step-{row_index}-{name}"),
                    field_label(language, EntryKind::Item, name),
                    &step.texts[index],
                    move |value| Message::StepText(row_index, index, value),
                    at(&path),
                )
            };
            let card = column![
                row![
                    look.strong(format!("{} {}", label("step"), row_index + 1))
                        .width(Length::Fill),
                    row_buttons(look, "step", row_index, |action| Message::StepRow(
                        row_index, action
                    )),
                ]
                .align_y(Alignment::Center),
                row![field(0), field(1), field(3)].spacing(look.scale.pad * 2.0),
                field(2),
            ]
            .spacing(look.scale.space * 0.3);
            page = page.push(
                iced::widget::container(card)
                    .padding(look.scale.pad)
                    .style(theme::card),
            );
        }
        page.push(look.tap(
            "content-step-add",
            look.strong(t!(language, "content-add-step")),
            Message::AddStep,
            theme::secondary_button,
        ))
        .into()
    }
}

fn set<const N: usize>(texts: &mut [String; N], index: usize, value: String) {
    if let Some(text) = texts.get_mut(index) {
        *text = value;
    }
}
