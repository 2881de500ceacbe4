//! 朗读: one large button that reads the page aloud, 停止 in its place while it reads, and 重播
//! beside it. The voice is made and played on threads of their own (`crate::speech`); the
//! buttons keep their places whatever the state, only their labels change. A problem (no
//! espeak-ng, no sound device) is said in words on a card with 知道了.

use std::sync::Arc;

use iced::widget::{Space, column, row};
use iced::{Alignment, Element, Length, Task};

use super::{Look, modal};
use crate::explain::Explain;
use crate::speech::{AudioFile, Ended, Playback, Speech, SpeechError};
use crate::t;
use crate::ui::theme;

/// Width of each button, in multiples of its text size: room for "Replay" in bold.
const BUTTON_EMS: f32 = 5.5;

#[derive(Debug, Clone)]
pub enum Message {
    /// 朗读 tapped: the page's text is wanted (the kiosk supplies it, see [`ReadAloud::read`]).
    Read,
    Stop,
    Repeat,
    /// The voice made the sound of reading `n`.
    Made(u64, Result<Arc<AudioFile>, Arc<SpeechError>>),
    /// Playing `n` ended.
    Ended(u64, Result<Ended, Arc<SpeechError>>),
    /// 知道了 on a problem.
    Dismiss,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum State {
    #[default]
    Idle,
    /// The voice is making the sound.
    Preparing,
    Playing,
}

/// The reader of the kiosk's pages.
#[derive(Debug, Default)]
pub struct ReadAloud {
    speech: Arc<Speech>,
    state: State,
    /// Counts readings and playings: an answer about an earlier one is dropped.
    generation: u64,
    /// The sound of this page, for 重播.
    audio: Option<Arc<AudioFile>>,
    playback: Option<Arc<Playback>>,
    problem: Option<Arc<SpeechError>>,
}

impl ReadAloud {
    pub fn new(speech: Speech) -> ReadAloud {
        ReadAloud {
            speech: Arc::new(speech),
            ..ReadAloud::default()
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// Sound is being made or played: someone is listening.
    pub fn is_busy(&self) -> bool {
        self.state != State::Idle
    }

    /// Reads `text` aloud from the start (what was playing stops).
    pub fn read(&mut self, text: String) -> Task<Message> {
        self.stop();
        self.audio = None;
        self.problem = None;
        self.state = State::Preparing;
        let generation = self.generation;
        let voice = self.speech.voice.clone();
        crate::ui::background::on_thread(
            "bianmin-read-aloud",
            move || {
                let reading = Speech::reading(&text)?;
                voice.synthesize(&reading).map(Arc::new)
            },
            || Err(SpeechError::WorkerLost),
            move |made| Message::Made(generation, made.map_err(Arc::new)),
        )
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            // The kiosk answers Read with `read`; without a text there is nothing to do.
            Message::Read => {}
            Message::Stop => self.stop(),
            Message::Repeat => {
                if let Some(audio) = self.audio.clone() {
                    self.stop();
                    return self.play(audio);
                }
            }
            Message::Made(generation, made) if generation == self.generation => match made {
                Ok(audio) => {
                    self.audio = Some(Arc::clone(&audio));
                    return self.play(audio);
                }
                Err(error) => self.failed(error),
            },
            Message::Ended(generation, ended) if generation == self.generation => {
                self.playback = None;
                self.state = State::Idle;
                if let Err(error) = ended {
                    self.failed(error);
                }
            }
            // About a reading that was stopped or replaced.
            Message::Made(..) | Message::Ended(..) => {}
            Message::Dismiss => self.problem = None,
        }
        Task::none()
    }

    /// Leaving the page (or the kiosk resetting): the sound stops and the page's sound goes.
    pub fn leave(&mut self) {
        self.stop();
        self.audio = None;
        self.problem = None;
    }

    fn stop(&mut self) {
        if let Some(playback) = self.playback.take() {
            playback.stop();
        }
        self.generation += 1;
        self.state = State::Idle;
    }

    fn play(&mut self, audio: Arc<AudioFile>) -> Task<Message> {
        let playback = Arc::new(Playback::default());
        self.playback = Some(Arc::clone(&playback));
        self.state = State::Playing;
        self.generation += 1;
        let generation = self.generation;
        let player = self.speech.player.clone();
        crate::ui::background::on_thread(
            "bianmin-read-aloud-play",
            move || playback.play(&player, audio.path()),
            || Err(SpeechError::WorkerLost),
            move |ended| Message::Ended(generation, ended.map_err(Arc::new)),
        )
    }

    fn failed(&mut self, error: Arc<SpeechError>) {
        tracing::error!(?error, shown = %error.words(crate::i18n::Language::ZhCn), "read-aloud failed");
        self.state = State::Idle;
        self.problem = Some(error);
    }

    /// 朗读 (停止 while it reads) and 重播 once there is something to replay. Each button has a
    /// fixed width, so nothing moves when a label changes.
    pub fn controls<'a>(&self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        let width = look.scale.body * BUTTON_EMS;
        type Style = fn(&iced::Theme, iced::widget::button::Status) -> iced::widget::button::Style;
        let (label, message, style): (String, Message, Style) = match self.state {
            State::Idle => (
                t!(language, "read-aloud"),
                Message::Read,
                theme::primary_button,
            ),
            State::Preparing => (
                t!(language, "read-aloud-preparing"),
                Message::Stop,
                theme::secondary_button,
            ),
            State::Playing => (
                t!(language, "read-aloud-stop"),
                Message::Stop,
                theme::secondary_button,
            ),
        };
        let mut controls =
            row![look.tap_fixed("read-aloud", width, look.strong(label), message, style)]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center);
        if self.audio.is_some() && self.state != State::Preparing {
            controls = controls.push(look.tap_fixed(
                "read-aloud-repeat",
                width,
                look.strong(t!(language, "read-aloud-repeat")),
                Message::Repeat,
                theme::secondary_button,
            ));
        }
        controls.into()
    }

    /// The card that says why nothing was read, while there is one.
    pub fn problem<'a>(&self, look: Look) -> Option<Element<'a, Message>> {
        let problem = self.problem.as_ref()?;
        let language = look.language;
        Some(modal(
            look,
            column![
                look.title(t!(language, "read-aloud-problem-title")),
                look.body(problem.words(language)),
                Space::new().height(look.scale.space),
                look.tap_wide(
                    "read-aloud-dismiss",
                    look.title(t!(language, "read-aloud-ok"))
                        .color(theme::ON_PRIMARY)
                        .width(Length::Fill)
                        .center(),
                    Message::Dismiss,
                    theme::primary_button
                ),
            ]
            .spacing(look.scale.space)
            .align_x(Alignment::Center),
        ))
    }
}
