//! Form building blocks for the desk: a labelled text box with a place for its error that is
//! always there (an error coming or going moves nothing under the agent's hands), and pick
//! lists, text boxes and checkboxes at least [`MIN_CONTROL`] tall at every type size.

use std::borrow::Borrow;

use iced::widget::text::LineHeight;
use iced::widget::{Checkbox, PickList, TextInput, checkbox, column, container, text, text_input};
use iced::{Element, Length, Padding};

use crate::ui::theme;
use crate::ui::widget::Look;

/// The least height of anything an agent taps or types into on the desk (WCAG 2.5.5).
pub const MIN_CONTROL: f32 = 44.0;

/// The prefix of the widget id of every desk control that is not a button (pick lists,
/// checkboxes); tests find and measure them by it. (Buttons carry the kiosk's
/// [`crate::ui::widget::TARGET_ID_PREFIX`] and its larger size.)
pub const CONTROL_ID_PREFIX: &str = "control:";

/// The line height iced gives one line of text by default.
const LINE: f32 = 1.3;

/// Padding that makes a one-line control (text box, pick list) at least [`MIN_CONTROL`] tall.
pub fn control_padding(look: Look) -> Padding {
    let line = look.scale.body * LINE;
    let vertical = look.scale.pad.max(((MIN_CONTROL - line) / 2.0).ceil());
    Padding {
        top: vertical,
        bottom: vertical,
        left: look.scale.pad,
        right: look.scale.pad,
    }
}

/// A desk text box: body size, at least [`MIN_CONTROL`] tall, with a clear edge and hint.
pub fn text_box<'a, M: Clone + 'a>(look: Look, placeholder: &str, value: &str) -> TextInput<'a, M> {
    text_input(placeholder, value)
        .size(look.scale.body)
        .line_height(LineHeight::Relative(LINE))
        .padding(control_padding(look))
        .style(theme::text_box)
        .width(Length::Fill)
}

/// A pick list drawn and sized like the desk's text boxes.
pub fn choice_list<'a, T, L, V, M>(
    look: Look,
    list: PickList<'a, T, L, V, M>,
) -> PickList<'a, T, L, V, M>
where
    T: ToString + PartialEq + Clone + 'a,
    L: Borrow<[T]> + 'a,
    V: Borrow<T> + 'a,
    M: Clone + 'a,
{
    list.text_size(look.scale.body)
        .text_line_height(LineHeight::Relative(LINE))
        .padding(control_padding(look))
        .style(theme::choice_box)
}

/// A control that is not a button, named `key` (unique on the screen) so tests can find and
/// measure it; the container takes the control's own size.
pub fn target<'a, M: 'a>(key: &str, control: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(control)
        .id(format!("{CONTROL_ID_PREFIX}{key}"))
        .into()
}

/// A checkbox with its label, at least [`MIN_CONTROL`] tall (label included: all of it takes
/// the tap); without `on_toggle` it cannot be changed.
pub fn tick_box<'a, M: 'a>(look: Look, checked: bool, label: String) -> Checkbox<'a, M> {
    let line = (look.scale.body * LINE).max(MIN_CONTROL);
    checkbox(checked)
        .label(label)
        .size(look.scale.body * 1.4)
        .text_size(look.scale.body)
        .text_line_height(LineHeight::Absolute(line.into()))
        .style(theme::tick_box)
}

/// A [`tick_box`] that can be changed, named `key` (see [`target`]).
pub fn tick<'a, M: 'a>(
    look: Look,
    key: &str,
    checked: bool,
    label: String,
    on_toggle: impl Fn(bool) -> M + 'a,
) -> Element<'a, M> {
    target(key, tick_box(look, checked, label).on_toggle(on_toggle))
}

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

/// A labelled input that submits its form with Enter.
pub fn input_submitting<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
    on_submit: M,
) -> Element<'a, M> {
    labelled(
        look,
        id,
        label,
        value,
        on_input,
        error,
        false,
        Some(on_submit),
    )
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

/// A password input that submits its form with Enter.
pub fn password_submitting<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
    on_submit: M,
) -> Element<'a, M> {
    labelled(
        look,
        id,
        label,
        value,
        on_input,
        error,
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
    let below = error.map(|error| (error, theme::ALERT));
    field(look, id, label, value, on_input, below, secure, on_submit)
}

/// A labelled input that submits with Enter, with a note under it in its slot when there is no
/// error (e.g. the birth date read from an ID number).
#[allow(clippy::too_many_arguments)]
pub fn input_noting<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    error: Option<String>,
    note: Option<String>,
    on_submit: M,
) -> Element<'a, M> {
    let below = error
        .map(|error| (error, theme::ALERT))
        .or(note.map(|note| (note, theme::MUTED_TEXT)));
    field(
        look,
        id,
        label,
        value,
        on_input,
        below,
        false,
        Some(on_submit),
    )
}

#[allow(clippy::too_many_arguments)]
fn field<'a, M: Clone + 'a>(
    look: Look,
    id: &'static str,
    label: String,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    below: Option<(String, iced::Color)>,
    secure: bool,
    on_submit: Option<M>,
) -> Element<'a, M> {
    let (message, colour) = match &below {
        Some((message, colour)) => (Some(message.as_str()), *colour),
        None => (None, theme::ALERT),
    };
    column![
        look.strong(label),
        text_box(look, "", value)
            .id(id)
            .secure(secure)
            .on_input(on_input)
            .on_submit_maybe(on_submit),
        slot(look.scale.small, message, colour),
    ]
    .spacing(look.scale.space * 0.3)
    .into()
}

/// The place under a field for its error: two lines of small text, there with or without an
/// error, so one appearing or going away never moves the fields below.
pub fn error_slot<'a, M: 'a>(look: Look, error: Option<&str>) -> Element<'a, M> {
    slot(look.scale.small, error, theme::ALERT)
}

/// Two lines of text at `size` in `color`, with or without text: for a form's answers that come
/// and go (refused, saved, saving…) where something follows them.
pub fn slot<'a, M: 'a>(size: f32, message: Option<&str>, color: iced::Color) -> Element<'a, M> {
    let height = (size * LINE * 2.0).ceil();
    container(
        text(message.unwrap_or_default().to_owned())
            .size(size)
            .line_height(LineHeight::Relative(LINE))
            .color(color),
    )
    .height(height)
    .width(Length::Fill)
    .clip(true)
    .into()
}

/// The line where a screen's work answers: `busy` words while it runs, else what it said last
/// (done in the text colour, refused in red); its room is kept when there is nothing to say.
pub fn answer<'a, M: 'a>(
    look: Look,
    busy: Option<String>,
    last: Option<&Result<String, String>>,
) -> Element<'a, M> {
    let (words, color) = match (busy, last) {
        (Some(busy), _) => (Some(busy), theme::TEXT),
        (None, Some(Ok(done))) => (Some(done.clone()), theme::TEXT),
        (None, Some(Err(refused))) => (Some(refused.clone()), theme::ALERT),
        (None, None) => (None, theme::TEXT),
    };
    slot(look.scale.body, words.as_deref(), color)
}

/// A message in red (a refused login, a failed save). Put it after a form's last control, where
/// it moves nothing, or in an [`error_slot`].
pub fn error_line<'a, M: 'a>(look: Look, message: &str) -> Element<'a, M> {
    text(message.to_owned())
        .size(look.scale.body)
        .color(theme::ALERT)
        .into()
}
