//! Type size, 长辈版 and language controls, on Home and in the top bar of every screen.

use iced::widget::{row, text};
use iced::{Alignment, Element};

use super::Look;
use crate::domain::type_scale::TextSize;
use crate::t;
use crate::ui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayChange {
    Smaller,
    Bigger,
    ToggleElderMode,
    ToggleLanguage,
}

pub fn display_controls<'a>(
    look: Look,
    size: TextSize,
    elder_mode: bool,
) -> Element<'a, DisplayChange> {
    let language = look.language;
    let elder_style = if elder_mode {
        theme::selected_button
    } else {
        theme::secondary_button
    };
    row![
        look.tap(
            "text-smaller",
            look.strong(t!(language, "display-smaller")),
            DisplayChange::Smaller,
            theme::secondary_button
        ),
        text(t!(language, "display-size", px = size.px())).size(look.scale.body),
        look.tap(
            "text-bigger",
            look.strong(t!(language, "display-bigger")),
            DisplayChange::Bigger,
            theme::secondary_button
        ),
        look.tap(
            "elder-mode",
            look.strong(t!(language, "display-elder")),
            DisplayChange::ToggleElderMode,
            elder_style
        ),
        look.tap(
            "language",
            look.strong(t!(language, "display-language")),
            DisplayChange::ToggleLanguage,
            theme::secondary_button
        ),
    ]
    .spacing(look.scale.pad)
    .align_y(Alignment::Center)
    .wrap()
    .vertical_spacing(look.scale.pad)
    .into()
}
