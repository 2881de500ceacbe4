//! Building blocks every screen uses: scaled text, touch targets, cards.

pub mod display_controls;
pub mod flow_chart;
pub mod keypad;
pub mod page_preview;
pub mod read_aloud;
pub mod text_entry;

use iced::widget::{Space, button, column, container, row, text};
use iced::{Alignment, Element, Length, Theme};

use super::fonts;
use super::theme;
use crate::domain::type_scale::{TextSize, TypeScale};
use crate::i18n::Language;
use crate::t;

/// What every view needs to draw itself: the type scale and the language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub scale: TypeScale,
    pub language: Language,
}

/// The prefix of every touch target's widget id; tests find all targets by it.
pub const TARGET_ID_PREFIX: &str = "tap:";

impl Look {
    pub fn body<'a>(&self, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        text(content).size(self.scale.body)
    }

    pub fn small<'a>(&self, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        text(content)
            .size(self.scale.small)
            .color(theme::MUTED_TEXT)
    }

    pub fn strong<'a>(&self, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        text(content).size(self.scale.body).font(fonts::BOLD)
    }

    pub fn heading<'a>(&self, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        text(content).size(self.scale.heading).font(fonts::BOLD)
    }

    pub fn title<'a>(&self, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        text(content).size(self.scale.title).font(fonts::BOLD)
    }

    /// A touch target: at least `scale.target` in both directions, whatever its label.
    ///
    /// `key` names it (unique on the screen) so tests can find and measure every target.
    pub fn tap<'a, M: Clone + 'a>(
        &self,
        key: &str,
        label: impl Into<Element<'a, M>>,
        on_press: M,
        style: fn(&Theme, button::Status) -> button::Style,
    ) -> Element<'a, M> {
        let inner = self.scale.target - 2.0 * self.scale.pad;
        // Zero-size spacers give the label a minimum width and height without fixing either.
        let sized = row![
            Space::new().height(inner),
            column![Space::new().width(inner), label.into()].align_x(Alignment::Center),
        ]
        .align_y(Alignment::Center);
        container(
            button(sized)
                .padding(self.scale.pad)
                .style(style)
                .on_press(on_press),
        )
        .id(format!("{TARGET_ID_PREFIX}{key}"))
        .into()
    }

    /// A touch target of a fixed width (and the scale's target height) with its label centred:
    /// its place and size do not depend on its label, so nothing moves when the label changes.
    pub fn tap_fixed<'a, M: Clone + 'a>(
        &self,
        key: &str,
        width: f32,
        label: impl Into<Element<'a, M>>,
        on_press: M,
        style: fn(&Theme, button::Status) -> button::Style,
    ) -> Element<'a, M> {
        container(
            button(container(label.into()).center(Length::Fill))
                .width(width.max(self.scale.target))
                .height(self.scale.target)
                .padding(self.scale.pad * 0.5)
                .style(style)
                .on_press(on_press),
        )
        .id(format!("{TARGET_ID_PREFIX}{key}"))
        .into()
    }

    /// This look, drawn no larger than `size`: for keypads and forms that must leave room on
    /// the screen for what they change (results, the query) at the largest sizes.
    pub fn capped(self, size: TextSize) -> Look {
        if self.scale.body > f32::from(size.px()) {
            Look {
                scale: TypeScale::new(size),
                ..self
            }
        } else {
            self
        }
    }

    /// In English, a plain note that the hall's content (items, policies, notices) is in
    /// Chinese only; nothing in Chinese.
    pub fn chinese_only<'a, M: 'a>(&self) -> Option<Element<'a, M>> {
        (self.language == Language::En)
            .then(|| self.caution(t!(self.language, "content-chinese-only")))
    }

    /// A touch target that fills the width it is given (list rows, tiles).
    pub fn tap_wide<'a, M: Clone + 'a>(
        &self,
        key: &str,
        label: impl Into<Element<'a, M>>,
        on_press: M,
        style: fn(&Theme, button::Status) -> button::Style,
    ) -> Element<'a, M> {
        let inner = self.scale.target - 2.0 * self.scale.pad;
        let sized = row![
            Space::new().height(inner),
            container(label.into()).width(Length::Fill),
        ]
        .align_y(Alignment::Center);
        container(
            button(sized)
                .width(Length::Fill)
                .padding(self.scale.pad)
                .style(style)
                .on_press(on_press),
        )
        .width(Length::Fill)
        .id(format!("{TARGET_ID_PREFIX}{key}"))
        .into()
    }

    /// A white card with a heading, for one section of a page.
    pub fn section<'a, M: 'a>(
        &self,
        heading: String,
        body: impl Into<Element<'a, M>>,
    ) -> Element<'a, M> {
        container(column![self.heading(heading), body.into()].spacing(self.scale.space))
            .padding(self.scale.pad * 1.5)
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    /// A caution note, e.g. "以当地最新政策为准".
    pub fn caution<'a, M: 'a>(&self, message: String) -> Element<'a, M> {
        container(self.body(message).color(theme::CAUTION_TEXT))
            .padding(self.scale.pad)
            .width(Length::Fill)
            .style(theme::caution)
            .into()
    }

    /// "label: value" on one wrapping line, the label in bold.
    pub fn field<'a, M: 'a>(&self, label: String, value: String) -> Element<'a, M> {
        row![self.strong(label), self.body(value).width(Length::Fill)]
            .spacing(self.scale.pad)
            .into()
    }

    /// A bulleted list of short texts.
    pub fn bullets<'a, M: 'a>(&self, lines: impl IntoIterator<Item = String>) -> Element<'a, M> {
        column(lines.into_iter().map(|line| {
            row![self.body("•"), self.body(line).width(Length::Fill)]
                .spacing(self.scale.pad)
                .into()
        }))
        .spacing(self.scale.space * 0.5)
        .into()
    }
}

/// A card in the middle of a dimmed screen that takes every tap: a question that must be
/// answered before anything else (drawn as the window's top layer, so nothing under it moves).
pub fn modal<'a, M: 'a>(look: Look, content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    let card = container(content)
        .padding(look.scale.pad * 3.0)
        .max_width(look.scale.body * 28.0)
        .style(theme::card);
    iced::widget::opaque(
        container(card)
            .center(Length::Fill)
            .padding(look.scale.pad * 2.0)
            .style(theme::backdrop),
    )
}
