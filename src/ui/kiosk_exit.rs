//! Leaving kiosk mode. The public must not close the kiosk: the window ignores close requests
//! (Alt+F4) in kiosk mode, and only an admin's password closes it, asked for after five taps in
//! the bottom-left corner within three seconds, or after Ctrl+Alt+Shift+Q on a keyboard.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::widget::{Space, column, row, text_input};
use iced::{Element, Event, Length, Rectangle, Renderer, Size, Task, Theme, touch};
use iced_core::layout::{self, Layout};
use iced_core::widget::{Tree, Widget};
use iced_core::{Clipboard, Shell, mouse, renderer};

use super::desk::office::Office;
use super::theme;
use super::widget::{self, Look};
use crate::i18n::Language;
use crate::store::StoreError;
use crate::t;

/// The hidden corner's side in logical pixels: a fingertip, and smaller than any control.
pub const CORNER: f32 = 48.0;
/// The widget id of the password box.
pub const PASSWORD_INPUT: &str = "kiosk-exit-password";
const TAPS: usize = 5;
const WITHIN: Duration = Duration::from_secs(3);

/// Five taps within three seconds, from the taps' times.
#[derive(Debug, Default)]
pub struct CornerTaps {
    taps: VecDeque<Instant>,
}

impl CornerTaps {
    /// Records a tap; true when it is the fifth within the window (the count then starts over).
    pub fn tap(&mut self, at: Instant) -> bool {
        self.taps.push_back(at);
        while self
            .taps
            .front()
            .is_some_and(|first| at.duration_since(*first) > WITHIN)
        {
            self.taps.pop_front();
        }
        if self.taps.len() >= TAPS {
            self.taps.clear();
            return true;
        }
        false
    }
}

#[derive(Debug, Default)]
pub struct KioskExit {
    taps: CornerTaps,
    prompt: Option<Prompt>,
}

#[derive(Debug, Default)]
struct Prompt {
    password: String,
    checking: bool,
    /// The words under the box after a wrong password or a failed check.
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    CornerTapped,
    /// Ctrl+Alt+Shift+Q.
    Chord,
    Password(String),
    Submit,
    Checked(Result<bool, Arc<StoreError>>),
    Cancel,
}

impl KioskExit {
    pub fn is_asking(&self) -> bool {
        self.prompt.is_some()
    }

    /// Forgets the question (the kiosk went back to its defaults).
    pub fn close(&mut self) {
        self.prompt = None;
    }

    /// The task checks a password on the store's thread; `true` alongside means: close the kiosk.
    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
    ) -> (Task<Message>, bool) {
        match message {
            Message::CornerTapped => {
                if self.taps.tap(Instant::now()) {
                    self.prompt = Some(Prompt::default());
                    return (iced::widget::operation::focus(PASSWORD_INPUT), false);
                }
            }
            Message::Chord => {
                self.prompt = Some(Prompt::default());
                return (iced::widget::operation::focus(PASSWORD_INPUT), false);
            }
            Message::Password(password) => {
                if let Some(prompt) = &mut self.prompt {
                    prompt.password = password;
                }
            }
            Message::Submit => {
                if let Some(prompt) = &mut self.prompt
                    && !prompt.checking
                    && !prompt.password.is_empty()
                {
                    prompt.checking = true;
                    prompt.problem = None;
                    let password = std::mem::take(&mut prompt.password);
                    let check = office.run(
                        move |store, _| store.is_admin_password(&password),
                        Message::Checked,
                    );
                    return (check, false);
                }
            }
            Message::Checked(result) => {
                let Some(prompt) = &mut self.prompt else {
                    return (Task::none(), false);
                };
                prompt.checking = false;
                match result {
                    Ok(true) => {
                        tracing::info!("kiosk mode left with an admin's password");
                        return (Task::none(), true);
                    }
                    Ok(false) => {
                        tracing::warn!("a wrong password was given to leave kiosk mode");
                        prompt.problem = Some(t!(language, "kiosk-exit-wrong"));
                    }
                    Err(error) => {
                        prompt.problem = Some(crate::explain::shown(language, error.as_ref()));
                    }
                }
            }
            Message::Cancel => self.prompt = None,
        }
        (Task::none(), false)
    }

    /// A layer over the whole window that counts taps in its bottom-left corner. It never takes
    /// a tap for itself: whatever lies under the corner still gets it.
    pub fn corner<'a>(&self) -> Element<'a, Message> {
        Element::new(CornerWatch)
    }

    /// The password question, while it is asked.
    pub fn prompt(&self, look: Look) -> Option<Element<'_, Message>> {
        let prompt = self.prompt.as_ref()?;
        let language = look.language;
        let mut password = text_input(&t!(language, "kiosk-exit-password"), &prompt.password)
            .id(PASSWORD_INPUT)
            .secure(true)
            .size(look.scale.body)
            .padding(look.scale.pad)
            .width(Length::Fill);
        if !prompt.checking {
            password = password
                .on_input(Message::Password)
                .on_submit(Message::Submit);
        }
        // The line under the box keeps its room, so the buttons never move.
        let status = match (&prompt.problem, prompt.checking) {
            (Some(problem), _) => look.body(problem.clone()).color(theme::ALERT),
            (None, true) => look.body(t!(language, "kiosk-exit-checking")),
            (None, false) => look.body(" "),
        };
        let buttons = row![
            look.tap(
                "kiosk-exit-cancel",
                look.strong(t!(language, "kiosk-exit-cancel")),
                Message::Cancel,
                theme::secondary_button
            ),
            Space::new().width(Length::Fill),
            look.tap(
                "kiosk-exit-confirm",
                look.strong(t!(language, "kiosk-exit-confirm"))
                    .color(theme::ON_PRIMARY),
                Message::Submit,
                theme::primary_button
            ),
        ];
        Some(widget::modal(
            look,
            column![
                look.title(t!(language, "kiosk-exit-title")),
                look.body(t!(language, "kiosk-exit-explain")),
                password,
                status,
                buttons,
            ]
            .spacing(look.scale.space),
        ))
    }
}

/// Publishes [`Message::CornerTapped`] for a press in the bottom-left [`CORNER`], letting the
/// press go on to the widgets below.
struct CornerWatch;

impl Widget<Message, Theme, Renderer> for CornerWatch {
    fn size(&self) -> Size<Length> {
        Size::new(Length::Fill, Length::Fill)
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        layout::Node::new(limits.max())
    }

    fn update(
        &mut self,
        _tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _renderer: &Renderer,
        _clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        _viewport: &Rectangle,
    ) {
        let at = match event {
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => cursor.position(),
            Event::Touch(touch::Event::FingerPressed { position, .. }) => Some(*position),
            _ => None,
        };
        let bounds = layout.bounds();
        let corner = Rectangle::new(
            iced::Point::new(bounds.x, bounds.y + bounds.height - CORNER),
            Size::new(CORNER, CORNER),
        );
        if at.is_some_and(|point| corner.contains(point)) {
            shell.publish(Message::CornerTapped);
        }
    }

    fn draw(
        &self,
        _tree: &Tree,
        _renderer: &mut Renderer,
        _theme: &Theme,
        _style: &renderer::Style,
        _layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_taps_within_three_seconds_open_the_question() {
        let start = Instant::now();
        let mut taps = CornerTaps::default();
        let at = |ms: u64| start + Duration::from_millis(ms);
        assert!(!taps.tap(at(0)));
        for ms in [500, 1000, 1500] {
            assert!(!taps.tap(at(ms)));
        }
        assert!(taps.tap(at(2000)));
        // The count starts over.
        assert!(!taps.tap(at(2100)));
    }

    #[test]
    fn slow_taps_never_add_up() {
        let start = Instant::now();
        let mut taps = CornerTaps::default();
        for n in 0..20 {
            assert!(!taps.tap(start + Duration::from_millis(n * 800)), "{n}");
        }
    }
}
