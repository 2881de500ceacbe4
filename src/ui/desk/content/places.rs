//! 窗口 and 村: the hall's windows and the township's villages, as editable lists.

use iced::widget::{column, container, row};
use iced::{Alignment, Element, Length};

use super::fields::{self, Problems, RowAction};
use crate::content::ContentError;
use crate::content::words::field_label;
use crate::domain::content::EntryKind;
use crate::domain::{Content, ServiceWindow, Village};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, PartialEq, Eq)]
struct WindowRow {
    number: String,
    name: String,
    name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct VillageRow {
    name: String,
    groups: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WindowsForm {
    rows: Vec<WindowRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VillagesForm {
    rows: Vec<VillageRow>,
}

#[derive(Debug, Clone, Copy)]
pub enum WindowField {
    Number,
    Name,
    NameEn,
}

#[derive(Debug, Clone)]
pub enum WindowMessage {
    Field(usize, WindowField, String),
    Row(usize, RowAction),
    Add,
}

#[derive(Debug, Clone)]
pub enum VillageMessage {
    Name(usize, String),
    Groups(usize, String),
    Row(usize, RowAction),
    Add,
}

/// The name the loader gives a window's entry: its number, as typed.
fn window_entry(row: &WindowRow) -> String {
    row.number.trim().to_owned()
}

impl WindowsForm {
    pub fn new(windows: &[ServiceWindow]) -> WindowsForm {
        WindowsForm {
            rows: windows
                .iter()
                .map(|window| WindowRow {
                    number: window.number.to_string(),
                    name: window.name.clone(),
                    name_en: window.name_en.clone(),
                })
                .collect(),
        }
    }

    pub fn update(&mut self, message: WindowMessage) {
        match message {
            WindowMessage::Field(index, field, value) => {
                if let Some(row) = self.rows.get_mut(index) {
                    match field {
                        WindowField::Number => row.number = value,
                        WindowField::Name => row.name = value,
                        WindowField::NameEn => row.name_en = value,
                    }
                }
            }
            WindowMessage::Row(index, action) => fields::act_on(&mut self.rows, index, action),
            WindowMessage::Add => {
                let next = self
                    .rows
                    .iter()
                    .filter_map(|row| row.number.trim().parse::<u32>().ok())
                    .max()
                    .unwrap_or(0)
                    + 1;
                self.rows.push(WindowRow {
                    number: next.to_string(),
                    name: String::new(),
                    name_en: String::new(),
                });
            }
        }
    }

    pub fn apply(&self, content: &mut Content, found: &mut Vec<ContentError>) {
        let mut windows = Vec::new();
        for row in &self.rows {
            let Some(number) = fields::number(&row.number, &window_entry(row), "number", found)
            else {
                continue;
            };
            windows.push(ServiceWindow {
                number,
                name: row.name.trim().to_owned(),
                name_en: row.name_en.trim().to_owned(),
            });
        }
        content.windows = windows;
    }

    pub fn view<'a>(&'a self, look: Look, problems: &Problems) -> Element<'a, WindowMessage> {
        let language = look.language;
        let label = |field| field_label(language, EntryKind::Window, field);
        let mut list = column![].spacing(look.scale.space * 0.5);
        for (index, window) in self.rows.iter().enumerate() {
            let entry = window_entry(window);
            let at = |field| problems.at(language, &entry, field);
            let edit = move |field| move |value| WindowMessage::Field(index, field, value);
            list = list.push(
                row![
                    narrow(fields::text_field(
                        look,
                        format!("content-window-{index}-number"),
                        label("number"),
                        &window.number,
                        edit(WindowField::Number),
                        at("number"),
                    )),
                    wide(fields::text_field(
                        look,
                        format!("content-window-{index}-name"),
                        label("name"),
                        &window.name,
                        edit(WindowField::Name),
                        at("name"),
                    )),
                    wide(fields::text_field(
                        look,
                        format!("content-window-{index}-name_en"),
                        label("name_en"),
                        &window.name_en,
                        edit(WindowField::NameEn),
                        at("name_en"),
                    )),
                    row_buttons(look, "window", index, |action| WindowMessage::Row(
                        index, action
                    )),
                ]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center),
            );
        }
        list.push(look.tap(
            "content-window-add",
            look.strong(t!(language, "content-add-window")),
            WindowMessage::Add,
            theme::secondary_button,
        ))
        .into()
    }
}

impl VillagesForm {
    pub fn new(villages: &[Village]) -> VillagesForm {
        VillagesForm {
            rows: villages
                .iter()
                .map(|village| VillageRow {
                    name: village.name.clone(),
                    groups: village.groups.to_string(),
                })
                .collect(),
        }
    }

    pub fn update(&mut self, message: VillageMessage) {
        match message {
            VillageMessage::Name(index, value) => {
                if let Some(row) = self.rows.get_mut(index) {
                    row.name = value;
                }
            }
            VillageMessage::Groups(index, value) => {
                if let Some(row) = self.rows.get_mut(index) {
                    row.groups = value;
                }
            }
            VillageMessage::Row(index, action) => fields::act_on(&mut self.rows, index, action),
            VillageMessage::Add => self.rows.push(VillageRow {
                name: String::new(),
                groups: "1".into(),
            }),
        }
    }

    pub fn apply(&self, content: &mut Content, found: &mut Vec<ContentError>) {
        let mut villages = Vec::new();
        for row in &self.rows {
            let name = row.name.trim().to_owned();
            let Some(groups) = fields::number(&row.groups, &name, "groups", found) else {
                continue;
            };
            villages.push(Village { name, groups });
        }
        content.villages = villages;
    }

    pub fn view<'a>(&'a self, look: Look, problems: &Problems) -> Element<'a, VillageMessage> {
        let language = look.language;
        let label = |field| field_label(language, EntryKind::Village, field);
        let mut list = column![look.body(t!(language, "content-villages-note")),]
            .spacing(look.scale.space * 0.5);
        for (index, village) in self.rows.iter().enumerate() {
            let entry = village.name.trim();
            list = list.push(
                row![
                    wide(fields::text_field(
                        look,
                        format!("content-village-{index}-name"),
                        label("name"),
                        &village.name,
                        move |value| VillageMessage::Name(index, value),
                        problems.at(language, entry, "name"),
                    )),
                    narrow(fields::text_field(
                        look,
                        format!("content-village-{index}-groups"),
                        label("groups"),
                        &village.groups,
                        move |value| VillageMessage::Groups(index, value),
                        problems.at(language, entry, "groups"),
                    )),
                    row_buttons(look, "village", index, |action| VillageMessage::Row(
                        index, action
                    )),
                ]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center),
            );
        }
        list.push(look.tap(
            "content-village-add",
            look.strong(t!(language, "content-add-village")),
            VillageMessage::Add,
            theme::secondary_button,
        ))
        .into()
    }
}

/// A field for a short number: a quarter of a name's width.
fn narrow<'a, M: 'a>(field: Element<'a, M>) -> Element<'a, M> {
    container(field).width(Length::FillPortion(1)).into()
}

fn wide<'a, M: 'a>(field: Element<'a, M>) -> Element<'a, M> {
    container(field).width(Length::FillPortion(3)).into()
}

/// ↑, ↓ and 删除 for one element of a list.
pub fn row_buttons<'a, M: Clone + 'a>(
    look: Look,
    list: &str,
    index: usize,
    on: impl Fn(RowAction) -> M,
) -> Element<'a, M> {
    let language = look.language;
    row![
        look.tap(
            &format!("content-{list}-{index}-up"),
            look.strong("↑"),
            on(RowAction::Up),
            theme::secondary_button
        ),
        look.tap(
            &format!("content-{list}-{index}-down"),
            look.strong("↓"),
            on(RowAction::Down),
            theme::secondary_button
        ),
        look.tap(
            &format!("content-{list}-{index}-remove"),
            look.strong(t!(language, "content-remove")),
            on(RowAction::Remove),
            theme::secondary_button
        ),
    ]
    .spacing(look.scale.pad * 0.5)
    .into()
}
