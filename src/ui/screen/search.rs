//! 搜索: an on-screen pinyin keypad (and a text box for an input method), results on every key.
//!
//! The query box and keypad sit on the left, the results on the right: at every type size the
//! query and the first results stay in view while letters are tapped, and the keys never move
//! when results come and go.

use iced::widget::{column, row, text_input};
use iced::{Element, Length};

use super::Route;
use crate::domain::search::{Hit, HitKind, SearchIndex};
use crate::domain::type_scale::TextSize;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, edit_keys, keypad};

/// How many results the screen lists.
const RESULT_LIMIT: usize = 30;

/// The widget id of the query box.
pub const QUERY_INPUT: &str = "search-query";

#[derive(Debug, Clone, Default)]
pub struct Search {
    query: String,
    hits: Vec<Hit>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Key),
    /// Text from the box: typed or composed with an input method.
    Typed(String),
    Open(Route),
}

impl Search {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Applies a key or typed text; returns the route when a result was tapped.
    pub fn update(&mut self, message: Message, index: &SearchIndex) -> Option<Route> {
        match message {
            Message::Key(Key::Char(letter)) => self.query.push(letter),
            Message::Key(Key::Backspace) => {
                self.query.pop();
            }
            Message::Key(Key::Clear) => self.query.clear(),
            Message::Typed(text) => self.query = text,
            Message::Open(route) => return Some(route),
        }
        self.hits = index.search(&self.query, RESULT_LIMIT);
        None
    }

    pub fn view<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        // The keys stay compact at the largest sizes so the results fit beside them.
        let keys = look.capped(TextSize::ELDER);
        let input = text_input(&t!(language, "search-placeholder"), &self.query)
            .id(QUERY_INPUT)
            .on_input(Message::Typed)
            .size(keys.scale.heading)
            .padding(keys.scale.pad)
            .width(Length::Fill);
        let typing = column![
            row![input, edit_keys(keys, Message::Key)]
                .spacing(keys.scale.pad)
                .align_y(iced::Alignment::Center),
            keypad(keys, Message::Key)
        ]
        .spacing(keys.scale.space)
        .width(Length::FillPortion(1));
        let mut results = column![]
            .spacing(look.scale.space)
            .width(Length::FillPortion(1));
        if self.query.trim().is_empty() {
            results = results.push(look.body(t!(language, "search-hint")));
        } else {
            results = results.push(look.heading(if self.hits.is_empty() {
                t!(language, "search-none")
            } else {
                t!(language, "search-count", count = self.hits.len())
            }));
        }
        for hit in &self.hits {
            results = results.push(result_row(look, hit));
        }
        column![
            look.title(t!(language, "search-title")),
            row![typing, results].spacing(look.scale.space * 2.0),
        ]
        .spacing(look.scale.space)
        .into()
    }
}

fn result_row<'a>(look: Look, hit: &'a Hit) -> Element<'a, Message> {
    let language = look.language;
    let (kind, route) = match hit.kind {
        HitKind::Item => (t!(language, "kind-item"), Route::Item(hit.id.clone())),
        HitKind::Policy => (t!(language, "kind-policy"), Route::Policy(hit.id.clone())),
        HitKind::Notice => (t!(language, "kind-notice"), Route::Notice(hit.id.clone())),
    };
    look.tap_wide(
        &format!("result-{}", hit.id),
        column![
            look.strong(language.pick(&hit.title, &hit.title_en)),
            look.small(kind),
        ],
        Message::Open(route),
        theme::secondary_button,
    )
}
