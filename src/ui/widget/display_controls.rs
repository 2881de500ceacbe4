//! Type size, 长辈版 and language controls, in the bar at the top of every screen.
//!
//! People tap 字变小 or 字变大 again and again at the same spot, so these controls never move and
//! never change size: they are drawn at one fixed size whatever size the page is shown at, each
//! button has a fixed width whatever its label (in either language), and they sit at the right
//! edge of the bar.

use iced::widget::{container, row};
use iced::{Alignment, Element, Length};

use super::Look;
use crate::domain::type_scale::{TextSize, TypeScale};
use crate::i18n::Language;
use crate::t;
use crate::ui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayChange {
    Smaller,
    Bigger,
    ToggleElderMode,
    ToggleLanguage,
}

/// The size the bar is drawn at, whatever size the page is shown at.
pub const CONTROL_SIZE: TextSize = TextSize::CONTROLS;

/// Width of each control, in multiples of the control text size: room for the longest label
/// ("Large type") in bold.
const CONTROL_WIDTH_EMS: f32 = 6.5;

/// The look of the bar: fixed, only the language follows the page.
pub fn controls_look(language: Language) -> Look {
    Look {
        scale: TypeScale::new(CONTROL_SIZE),
        language,
    }
}

fn control<'a>(
    look: Look,
    key: String,
    label: String,
    change: DisplayChange,
    style: fn(&iced::Theme, iced::widget::button::Status) -> iced::widget::button::Style,
) -> Element<'a, DisplayChange> {
    look.tap_fixed(
        &key,
        look.scale.body * CONTROL_WIDTH_EMS,
        look.strong(label),
        change,
        style,
    )
}

/// 字变小 and 字变大, keyed `{prefix}text-smaller` and `{prefix}text-bigger`.
pub fn size_buttons<'a>(look: Look, prefix: &str) -> Element<'a, DisplayChange> {
    let language = look.language;
    row![
        control(
            look,
            format!("{prefix}text-smaller"),
            t!(language, "display-smaller"),
            DisplayChange::Smaller,
            theme::secondary_button
        ),
        control(
            look,
            format!("{prefix}text-bigger"),
            t!(language, "display-bigger"),
            DisplayChange::Bigger,
            theme::secondary_button
        ),
    ]
    .spacing(look.scale.pad)
    .into()
}

/// Home's bar: 长辈版 and the language on the left, the size in the middle, 字变小 and 字变大 at
/// the right edge (where the other screens' bars have them too).
pub fn home_controls<'a>(
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
        control(
            look,
            "elder-mode".into(),
            t!(language, "display-elder"),
            DisplayChange::ToggleElderMode,
            elder_style
        ),
        control(
            look,
            "language".into(),
            t!(language, "display-language"),
            DisplayChange::ToggleLanguage,
            theme::secondary_button
        ),
        container(look.body(t!(language, "display-size", px = size.px()))).center_x(Length::Fill),
        size_buttons(look, ""),
    ]
    .spacing(look.scale.pad)
    .align_y(Alignment::Center)
    .into()
}
