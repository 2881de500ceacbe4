//! 搜索: the kiosk's text-entry panel (pinyin with candidates, or handwriting) and a text box for
//! an input method; results on every change.
//!
//! The query box and the panel sit on the left, the results on the right: at every type size the
//! query and the first results stay in view while letters are tapped, and the keys never move
//! when results or candidates come and go. Letters tapped and not turned into characters stay
//! in the query as pinyin (`GDDL`, `gengdi`), which the search reads too.

use iced::widget::{column, row, text_input};
use iced::{Element, Length, Task};

use super::Route;
use crate::domain::search::{Hit, HitKind, SearchIndex};
use crate::domain::type_scale::TextSize;
use crate::handwriting::Handwriting;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::Key;
use crate::ui::widget::text_entry::{self, TextEntry};

/// How many results the screen lists.
const RESULT_LIMIT: usize = 30;

/// The widget id of the query box.
pub const QUERY_INPUT: &str = "search-query";

#[derive(Debug, Clone, Default)]
pub struct Search {
    entry: TextEntry,
    hits: Vec<Hit>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The panel: keys, candidates, the pad, and the box (typed, or composed with an input
    /// method).
    Entry(text_entry::Message),
    Open(Route),
}

impl Search {
    /// The query: the characters entered, then letters not yet turned into characters.
    pub fn query(&self) -> String {
        self.entry.value()
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The text-entry panel (its candidates and tab).
    pub fn entry(&self) -> &TextEntry {
        &self.entry
    }

    /// A key of the panel, as the keypad sends it.
    pub fn key(key: Key) -> Message {
        Message::Entry(text_entry::Message::Key(key))
    }

    /// Applies a key, a candidate, a stroke or typed text; a result tapped gives its route.
    pub fn update(
        &mut self,
        message: Message,
        index: &SearchIndex,
        handwriting: &Handwriting,
    ) -> (Task<Message>, Option<Route>) {
        let before = self.entry.value();
        let task = match message {
            Message::Entry(message) => self.entry.update(message, handwriting).map(Message::Entry),
            Message::Open(route) => return (Task::none(), Some(route)),
        };
        let query = self.entry.value();
        if query != before {
            self.hits = index.search(&query, RESULT_LIMIT);
        }
        (task, None)
    }

    pub fn view<'a>(&'a self, look: Look, handwriting: &Handwriting) -> Element<'a, Message> {
        let language = look.language;
        // The keys stay compact at the largest sizes so the results fit beside them.
        let keys = look.capped(TextSize::ELDER);
        let query = self.entry.value();
        let input = text_input(&t!(language, "search-placeholder"), &query)
            .id(QUERY_INPUT)
            .on_input(text_entry::Message::Typed)
            .size(keys.scale.heading)
            .padding(keys.scale.pad)
            .width(Length::Fill);
        let typing = self
            .entry
            .view(keys, handwriting, Some(input.into()))
            .map(Message::Entry);
        let mut results = column![]
            .spacing(look.scale.space)
            .width(Length::FillPortion(1));
        if query.trim().is_empty() {
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
            // The title no larger than the keys': at the largest sizes every key stays on a
            // 1280×800 screen below the query and the candidates.
            keys.title(t!(language, "search-title")),
            row![
                iced::widget::container(typing).width(Length::FillPortion(1)),
                results
            ]
            .spacing(look.scale.space * 2.0),
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
