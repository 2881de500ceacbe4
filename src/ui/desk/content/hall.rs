//! 大厅信息: the hall's name, contacts, hours and the 差评 follow-up deadline.

use iced::Element;
use iced::widget::{column, row};

use super::fields::{self, Problems};
use crate::content::ContentError;
use crate::content::words::field_label;
use crate::domain::content::EntryKind;
use crate::domain::{Content, HallProfile};
use crate::i18n::Language;
use crate::ui::desk::form;
use crate::ui::widget::Look;

/// The profile's text fields, in the order drawn (two to a row).
const TEXTS: [&str; 13] = [
    "name",
    "name_en",
    "township",
    "county",
    "township_code",
    "address",
    "hours",
    "hours_en",
    "phone",
    "hotline_168",
    "hotline_168_note",
    "supervision_phone",
    "supervision_note",
];

/// The entry name the loader gives the profile's problems.
const ENTRY: &str = "hall";

#[derive(Debug, Clone, PartialEq)]
pub struct HallForm {
    texts: [String; 13],
    follow_up_days: String,
    sample: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Text(usize, String),
    FollowUpDays(String),
    Sample(bool),
}

fn text_of(hall: &HallProfile, field: &str) -> String {
    match field {
        "name" => &hall.name,
        "name_en" => &hall.name_en,
        "township" => &hall.township,
        "county" => &hall.county,
        "township_code" => &hall.township_code,
        "address" => &hall.address,
        "hours" => &hall.hours,
        "hours_en" => &hall.hours_en,
        "phone" => &hall.phone,
        "hotline_168" => &hall.hotline_168,
        "hotline_168_note" => &hall.hotline_168_note,
        "supervision_phone" => &hall.supervision_phone,
        _ => &hall.supervision_note,
    }
    .clone()
}

fn text_mut<'a>(hall: &'a mut HallProfile, field: &str) -> &'a mut String {
    match field {
        "name" => &mut hall.name,
        "name_en" => &mut hall.name_en,
        "township" => &mut hall.township,
        "county" => &mut hall.county,
        "township_code" => &mut hall.township_code,
        "address" => &mut hall.address,
        "hours" => &mut hall.hours,
        "hours_en" => &mut hall.hours_en,
        "phone" => &mut hall.phone,
        "hotline_168" => &mut hall.hotline_168,
        "hotline_168_note" => &mut hall.hotline_168_note,
        "supervision_phone" => &mut hall.supervision_phone,
        _ => &mut hall.supervision_note,
    }
}

impl HallForm {
    pub fn new(hall: &HallProfile) -> HallForm {
        HallForm {
            texts: TEXTS.map(|field| text_of(hall, field)),
            follow_up_days: hall.follow_up_working_days.to_string(),
            sample: hall.sample,
        }
    }

    pub fn update(&mut self, message: Message) {
        match message {
            Message::Text(index, value) => {
                if let Some(text) = self.texts.get_mut(index) {
                    *text = value;
                }
            }
            Message::FollowUpDays(value) => self.follow_up_days = value,
            Message::Sample(sample) => self.sample = sample,
        }
    }

    /// Writes the form into `content`; what cannot be read goes to `found`.
    pub fn apply(&self, content: &mut Content, found: &mut Vec<ContentError>) {
        let hall = &mut content.hall;
        for (field, value) in TEXTS.iter().zip(&self.texts) {
            *text_mut(hall, field) = value.trim().to_owned();
        }
        if let Some(days) =
            fields::number(&self.follow_up_days, ENTRY, "follow_up_working_days", found)
        {
            hall.follow_up_working_days = days;
        }
        hall.sample = self.sample;
    }

    pub fn view<'a>(&'a self, look: Look, problems: &Problems) -> Element<'a, Message> {
        let language = look.language;
        let field = |index: usize| {
            let name = TEXTS[index];
            fields::text_field(
                look,
                format!("content-hall-{name}"),
                label(language, name),
                &self.texts[index],
                move |value| Message::Text(index, value),
                problems.at(language, ENTRY, name),
            )
        };
        let mut page = column![].spacing(look.scale.space * 0.5);
        for pair in (0..TEXTS.len()).collect::<Vec<_>>().chunks(2) {
            let mut line = row![].spacing(look.scale.pad * 2.0);
            for index in pair {
                line = line.push(field(*index));
            }
            page = page.push(line);
        }
        page.push(
            row![
                fields::text_field(
                    look,
                    "content-hall-follow_up_working_days".into(),
                    label(language, "follow_up_working_days"),
                    &self.follow_up_days,
                    Message::FollowUpDays,
                    problems.at(language, ENTRY, "follow_up_working_days"),
                ),
                form::tick(
                    look,
                    "content-hall-sample",
                    self.sample,
                    label(language, "sample"),
                    Message::Sample
                ),
            ]
            .spacing(look.scale.pad * 2.0),
        )
        .into()
    }
}

fn label(language: Language, field: &str) -> String {
    field_label(language, EntryKind::Hall, field)
}
