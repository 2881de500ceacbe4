//! Form building blocks for the desk: a labelled text box with its error right under it.

use iced::widget::{column, text, text_input};
use iced::{Element, Length};

use crate::ui::theme;
use crate::ui::widget::Look;

/// A labelled single-line input; `error` (already translated) shows under it in red.
pub fn input<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
) -> Element<'a, M> {
    labelled(look, id, label, value, on_input, error, false, None)
}

/// A password input (shown as dots).
pub fn password<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
) -> Element<'a, M> {
    labelled(look, id, label, value, on_input, error, true, None)
}

/// A password input that submits with Enter (the login form).
pub fn password_submitting<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    on_submit: M,
) -> Element<'a, M> {
    labelled(
        look,
        id,
        label,
        value,
        on_input,
        None,
        true,
        Some(on_submit),
    )
}

#[allow(clippy::too_many_arguments)]
fn labelled<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
    secure: bool,
    on_submit: Option<M>,
) -> Element<'a, M> {
    let mut field = column![
        look.strong(label),
        text_input("", value)
            .id(id)
            .secure(secure)
            .on_input(on_input)
            .on_submit_maybe(on_submit)
            .size(look.scale.body)
            .padding(look.scale.pad)
            .width(Length::Fill),
    ]
    .spacing(look.scale.space * 0.3);
    if let Some(error) = error {
        field = field.push(error_line(look, &error));
    }
    field.into()
}

/// A message in red (a refused login, a failed save).
pub fn error_line<'a, M: 'a>(look: Look, message: &str) -> Element<'a, M> {
    text(message.to_owned())
        .size(look.scale.body)
        .color(theme::ALERT)
        .into()
}
