//! 搜索: an on-screen pinyin keypad (and a text box for an input method), results on every key.

use iced::widget::{column, text_input};
use iced::{Element, Length};

use super::Route;
use crate::domain::search::{Hit, HitKind, SearchIndex};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, keypad};

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
        let input = text_input(&t!(language, "search-placeholder"), &self.query)
            .id(QUERY_INPUT)
            .on_input(Message::Typed)
            .size(look.scale.heading)
            .padding(look.scale.pad)
            .width(Length::Fill);
        let mut page = column![
            look.title(t!(language, "search-title")),
            look.body(t!(language, "search-hint")),
            input,
            keypad(look, Message::Key),
        ]
        .spacing(look.scale.space);
        if !self.query.trim().is_empty() {
            page = page.push(look.heading(if self.hits.is_empty() {
                t!(language, "search-none")
            } else {
                t!(language, "search-count", count = self.hits.len())
            }));
        }
        for hit in &self.hits {
            page = page.push(result_row(look, hit));
        }
        page.into()
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
            look.heading(language.pick(&hit.title, &hit.title_en)),
            look.small(kind),
        ],
        Message::Open(route),
        theme::secondary_button,
    )
}
