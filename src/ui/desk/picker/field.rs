//! A name field with its 生僻字 button: the label, the text box and the button on one line, and
//! the field's error slot under them (always there, as every desk field's).

use iced::widget::{column, row};
use iced::{Alignment, Element};

use crate::t;
use crate::ui::desk::form::{slot, text_box};
use crate::ui::widget::Look;
use crate::ui::{names, theme};

/// The text box `id` labelled `label`, Enter submitting, and beside it the button (named
/// `key`, see `Look::tap`) that opens the picker with `pick`. Under them the error, or which font
/// package would draw a character no installed font has.
#[allow(clippy::too_many_arguments)]
pub fn name_input<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    key: &str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
    on_submit: M,
    pick: M,
) -> Element<'a, M> {
    column![
        look.strong(label),
        row![
            text_box(look, "", value)
                .id(id)
                .on_input(on_input)
                .on_submit(on_submit),
            look.tap(
                key,
                look.strong(t!(look.language, "picker-open")),
                pick,
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center),
        // An error first; else, when a character has no font here, the package that draws it.
        match error {
            Some(error) => slot(look.scale.small, Some(&error), theme::ALERT),
            None => slot(
                look.scale.small,
                names::hint(look.language, value).as_deref(),
                theme::MUTED_TEXT,
            ),
        },
    ]
    .spacing(look.scale.space * 0.3)
    .into()
}
