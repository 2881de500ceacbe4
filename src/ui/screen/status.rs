//! 查进度: a farmer types the case number from the receipt, or the name plus the last six
//! characters of the ID number, and sees the state and due date only — no personal data.

use iced::widget::{column, row, text_input};
use iced::{Element, Length};

use crate::domain::Content;
use crate::domain::case_number::CaseNumber;
use crate::domain::reference::Reference;
use crate::store::{PublicStatus, StatusLookup, Store};
use crate::t;
use crate::ui::desk::words as desk_words;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, number_pad};

/// The widget id of the name box (typed with an input method, or by an agent's keyboard).
pub const NAME_INPUT: &str = "status-name";

#[derive(Debug, Clone, Default)]
pub struct Status {
    by_name: bool,
    number: String,
    name: String,
    last6: String,
    /// None before a lookup; Some(empty) when nothing matched.
    found: Option<Vec<PublicStatus>>,
    invalid: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    ByName(bool),
    Key(Key),
    Name(String),
    Lookup,
}

impl Status {
    pub fn update(&mut self, message: Message, store: &Store) {
        let field = if self.by_name {
            &mut self.last6
        } else {
            &mut self.number
        };
        match message {
            Message::ByName(by_name) => {
                *self = Status {
                    by_name,
                    ..Status::default()
                }
            }
            Message::Key(Key::Char(c)) => field.push(c),
            Message::Key(Key::Backspace) => {
                field.pop();
            }
            Message::Key(Key::Clear) => field.clear(),
            Message::Name(name) => self.name = name,
            Message::Lookup => self.lookup(store),
        }
    }

    fn lookup(&mut self, store: &Store) {
        let lookup = if self.by_name {
            let valid = !self.name.trim().is_empty() && self.last6.chars().count() == 6;
            valid.then(|| StatusLookup::NameAndLast6 {
                name: self.name.clone(),
                last6: self.last6.clone(),
            })
        } else {
            CaseNumber::parse(&self.number)
                .map(StatusLookup::Number)
                .or_else(|| Reference::parse(&self.number).map(StatusLookup::Reference))
        };
        self.invalid = lookup.is_none();
        self.found = lookup.map(|lookup| {
            store.public_status(&lookup).unwrap_or_else(|error| {
                tracing::error!(%error, "case lookup at the kiosk failed");
                Default::default()
            })
        });
    }

    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let tab = |key: &str, label: String, by_name: bool| {
            let style = if self.by_name == by_name {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            look.tap(key, look.strong(label), Message::ByName(by_name), style)
        };
        let mut page = column![
            look.title(t!(language, "status-title")),
            row![
                tab("status-by-number", t!(language, "status-by-number"), false),
                tab("status-by-name", t!(language, "status-by-name"), true),
            ]
            .spacing(look.scale.pad),
        ]
        .spacing(look.scale.space);
        if self.by_name {
            page = page
                .push(look.strong(t!(language, "status-name")))
                .push(
                    text_input("", &self.name)
                        .id(NAME_INPUT)
                        .on_input(Message::Name)
                        .size(look.scale.heading)
                        .padding(look.scale.pad)
                        .width(Length::Fill),
                )
                .push(look.strong(t!(language, "status-last6")))
                .push(look.heading(shown(&self.last6)));
        } else {
            page = page
                .push(look.strong(t!(language, "status-number")))
                .push(look.heading(shown(&self.number)));
        }
        page = page.push(number_pad(look, Message::Key)).push(
            look.tap_wide(
                "status-lookup",
                look.heading(t!(language, "status-lookup"))
                    .color(theme::ON_PRIMARY),
                Message::Lookup,
                theme::primary_button,
            ),
        );
        if self.invalid {
            page = page.push(look.caution(t!(language, "status-invalid")));
        }
        match &self.found {
            Some(found) if found.is_empty() => {
                page = page.push(look.caution(t!(language, "status-none")));
            }
            Some(found) => {
                for status in found {
                    let item = content
                        .item(&status.item_id)
                        .map(|item| language.pick(&item.name, &item.name_en).to_owned())
                        .unwrap_or_default();
                    let due = status
                        .due_date
                        .map(|due| t!(language, "status-due", date = due.to_string()))
                        .unwrap_or_else(|| t!(language, "status-no-due"));
                    page = page.push(
                        look.section(
                            item,
                            column![
                                look.heading(desk_words::state(language, status.state)),
                                look.body(due),
                            ]
                            .spacing(look.scale.space * 0.5),
                        ),
                    );
                }
            }
            None => {}
        }
        page.into()
    }
}

/// What was typed so far, or a dash so the line keeps its height.
fn shown(typed: &str) -> String {
    if typed.is_empty() {
        "—".to_owned()
    } else {
        typed.to_owned()
    }
}
