//! 公告: the notice board's notices — board, title, text, and the days it is shown (from its
//! publication date through its last day, 截止日期, when it has one). New notices can be added
//! and old ones taken down.

use iced::widget::{column, pick_list, row, text_editor};
use iced::{Element, Length};

use super::fields::{self, Problems};
use crate::content::ContentError;
use crate::content::words::field_label;
use crate::domain::content::EntryKind;
use crate::domain::{Content, Notice};
use crate::t;
use crate::ui::desk::choice::Choice;
use crate::ui::desk::form;
use crate::ui::theme;
use crate::ui::widget::Look;

/// The notice's one-line fields, in the order drawn.
const TEXTS: [&str; 4] = ["title", "title_en", "date", "expires"];

#[derive(Debug, Clone)]
pub struct NoticeForm {
    id: String,
    board: String,
    texts: [String; 4],
    body: text_editor::Content,
    sample: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Pick(Choice<String>),
    Board(Choice<String>),
    Text(usize, String),
    Body(text_editor::Action),
    Sample(bool),
    /// A new notice (the screen adds it to the draft).
    Add,
    /// This notice taken down (the screen removes it from the draft).
    Remove,
}

impl NoticeForm {
    pub fn new(notice: &Notice) -> NoticeForm {
        NoticeForm {
            id: notice.id.clone(),
            board: notice.board.clone(),
            texts: [
                notice.title.clone(),
                notice.title_en.clone(),
                notice.date.to_string(),
                notice
                    .expires
                    .map(|day| day.to_string())
                    .unwrap_or_default(),
            ],
            body: text_editor::Content::with_text(notice.body.trim_end()),
            sample: notice.sample,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn update(&mut self, message: Message) {
        match message {
            Message::Board(choice) => self.board = choice.value,
            Message::Text(index, value) => {
                if let Some(text) = self.texts.get_mut(index) {
                    *text = value;
                }
            }
            Message::Body(action) => self.body.perform(action),
            Message::Sample(sample) => self.sample = sample,
            Message::Pick(_) | Message::Add | Message::Remove => {}
        }
    }

    pub fn apply(&self, content: &mut Content, found: &mut Vec<ContentError>) {
        let Some(notice) = content
            .notices
            .iter_mut()
            .find(|notice| notice.id == self.id)
        else {
            return;
        };
        let id = self.id.as_str();
        notice.board = self.board.clone();
        notice.title = self.texts[0].trim().to_owned();
        notice.title_en = self.texts[1].trim().to_owned();
        match fields::optional_date(&self.texts[2], id, "date", found) {
            Some(Some(date)) => notice.date = date,
            Some(None) => found.push(fields::typed(id, "date", crate::domain::Problem::Empty)),
            None => {}
        }
        if let Some(expires) = fields::optional_date(&self.texts[3], id, "expires", found) {
            notice.expires = expires;
        }
        // Untouched text stays byte for byte (the files may end it differently).
        let body = self.body.text();
        if notice.body.trim() != body.trim() {
            notice.body = body_text(&body);
        }
        notice.sample = self.sample;
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &Content,
        problems: &Problems,
    ) -> Element<'a, Message> {
        let language = look.language;
        let label = |field: &str| field_label(language, EntryKind::Notice, field);
        let at = |field: &str| problems.at(language, &self.id, field);
        let notices: Vec<Choice<String>> = content
            .notices
            .iter()
            .map(|notice| {
                Choice::new(
                    notice.id.clone(),
                    format!("{} {}", notice.date, notice.title),
                )
            })
            .collect();
        let picked = notices
            .iter()
            .find(|choice| choice.value == self.id)
            .cloned();
        let boards: Vec<Choice<String>> = content
            .boards
            .iter()
            .map(|board| Choice::new(board.id.clone(), board.name.clone()))
            .collect();
        let board = boards
            .iter()
            .find(|choice| choice.value == self.board)
            .cloned();
        let field = |index: usize| {
            let name = TEXTS[index];
            fields::text_field(
                look,
                format!("content-notice-{name}"),
                label(name),
                &self.texts[index],
                move |value| Message::Text(index, value),
                at(name),
            )
        };
        column![
            look.strong(t!(language, "content-pick-notice")),
            row![
                form::target(
                    "content-notice-pick",
                    form::choice_list(look, pick_list(notices, picked, Message::Pick))
                        .width(Length::Fill)
                ),
                look.tap(
                    "content-notice-add",
                    look.strong(t!(language, "content-add-notice")),
                    Message::Add,
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.pad),
            look.strong(label("board")),
            form::target(
                "content-notice-board",
                form::choice_list(look, pick_list(boards, board, Message::Board))
                    .width(Length::Fill)
            ),
            form::error_slot(look, at("board").as_deref()),
            row![field(0), field(1)].spacing(look.scale.pad * 2.0),
            row![field(2), field(3)].spacing(look.scale.pad * 2.0),
            look.small(t!(language, "content-notice-dates-note")),
            look.strong(label("body")),
            text_editor(&self.body)
                .id("content-notice-body")
                .on_action(Message::Body)
                .size(look.scale.body)
                .padding(form::control_padding(look))
                .height(look.scale.body * 1.4 * 8.0),
            form::error_slot(look, at("body").as_deref()),
            form::tick(
                look,
                "content-notice-sample",
                self.sample,
                label("sample"),
                Message::Sample
            ),
            look.tap(
                "content-notice-remove",
                look.strong(t!(language, "content-remove-notice")),
                Message::Remove,
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.space * 0.5)
        .into()
    }
}

/// The editor's text as a notice's body: paragraphs separated by a blank line, ending in one
/// line break as the files write it.
fn body_text(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

/// A new notice on the first board, published `today`, for the hall to fill in.
pub fn new_notice(content: &Content, today: chrono::NaiveDate) -> Notice {
    let stem = format!("notice-{}", today.format("%Y%m%d"));
    let id = (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| content.notice(id).is_none())
        .unwrap_or(stem);
    Notice {
        id,
        board: content
            .boards
            .first()
            .map(|board| board.id.clone())
            .unwrap_or_default(),
        title: String::new(),
        title_en: String::new(),
        date: today,
        expires: None,
        body: String::new(),
        sample: false,
    }
}
