//! The candidate row: the characters offered for the letters tapped or the strokes written, as
//! many as fit the width, with ← and → to turn the page. Its height is fixed, and it is always
//! there (a hint or what is being done fills it while there is nothing to pick), so nothing
//! under it moves when candidates come and go.

use iced::widget::{Space, button, container, responsive, row, text};
use iced::{Alignment, Element, Length, Theme};

use super::Message;
use crate::chars::compose::{Pages, Turn};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::{Look, TARGET_ID_PREFIX};

/// Candidates and the two page buttons, fitted to `width`: how many candidates show.
pub fn fitting(look: Look, width: f32) -> usize {
    let slot = look.scale.target + gap(look);
    let slots = ((width + gap(look)) / slot).floor() as usize;
    slots.max(3) - 2
}

fn gap(look: Look) -> f32 {
    (look.scale.pad * 0.5).max(4.0)
}

/// The row: `pages` when there are candidates, else `note`.
pub fn view<'a>(look: Look, pages: &'a Pages, note: String) -> Element<'a, Message> {
    responsive(move |size| {
        if pages.is_empty() {
            return container(look.small(note.clone()))
                .center_y(Length::Fill)
                .width(Length::Fill)
                .into();
        }
        let shown = fitting(look, size.width);
        let start = pages.start();
        let mut slots = row![].spacing(gap(look)).height(Length::Fill);
        slots = slots.push(slot(
            look,
            "entry-previous",
            t!(look.language, "entry-previous"),
            pages
                .has_previous()
                .then_some(Message::Turn(Turn::Previous, shown)),
        ));
        let page = pages.page(shown);
        for place in 0..shown {
            slots = slots.push(match page.get(place) {
                Some(&ch) => slot(
                    look,
                    &format!("entry-candidate-{place}"),
                    ch.to_string(),
                    Some(Message::Pick(start + place)),
                ),
                // An empty place keeps the others where they are.
                None => Space::new().width(Length::FillPortion(1)).into(),
            });
        }
        slots = slots.push(slot(
            look,
            "entry-next",
            t!(look.language, "entry-next"),
            pages
                .has_next(shown)
                .then_some(Message::Turn(Turn::Next, shown)),
        ));
        slots.into()
    })
    .height(look.scale.target)
    .into()
}

/// One place of the row: a large character (or arrow), greyed out when there is nothing to do.
fn slot<'a>(
    look: Look,
    key: &str,
    label: String,
    on_press: Option<Message>,
) -> Element<'a, Message> {
    let size = look.scale.heading.min(look.scale.target * 0.6);
    container(
        button(container(text(label).size(size)).center(Length::Fill))
            .width(Length::Fill)
            .height(Length::Fill)
            .padding(0)
            .style(paging_style)
            .on_press_maybe(on_press),
    )
    .id(format!("{TARGET_ID_PREFIX}{key}"))
    .width(Length::FillPortion(1))
    .height(Length::Fill)
    .align_y(Alignment::Center)
    .into()
}

/// A key's look; a page button with no page to turn to is greyed out.
fn paging_style(theme: &Theme, status: button::Status) -> button::Style {
    let style = theme::secondary_button(theme, status);
    if status == button::Status::Disabled {
        button::Style {
            text_color: theme::BORDER,
            background: Some(iced::Background::Color(theme::BACKGROUND)),
            ..style
        }
    } else {
        style
    }
}
