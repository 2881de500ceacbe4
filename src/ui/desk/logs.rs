//! Admins read the terminal's log: the latest entries of today's and yesterday's files, newest
//! first. The files are read on a thread of their own, never in `update` or `view`.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Alignment, Element, Task};

use super::office::Office;
use crate::explain::shown;
use crate::i18n::Language;

use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// How many entries the screen shows.
pub const SHOWN: usize = 200;

pub type Entries = Result<Vec<String>, Arc<std::io::Error>>;

#[derive(Debug, Clone, Default)]
pub struct LogsScreen {
    entries: Vec<String>,
    loading: bool,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    Loaded(Entries),
}

impl LogsScreen {
    /// The screen, its first entries on their way.
    pub fn open(office: &Office) -> (LogsScreen, Task<Message>) {
        let screen = LogsScreen {
            loading: true,
            ..LogsScreen::default()
        };
        (screen, load(office))
    }

    pub fn is_loading(&self) -> bool {
        self.loading
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
    ) -> Task<Message> {
        match message {
            Message::Refresh if self.loading => {}
            Message::Refresh => {
                self.loading = true;
                return load(office);
            }
            Message::Loaded(Ok(entries)) => {
                self.loading = false;
                self.error = None;
                self.entries = entries;
            }
            Message::Loaded(Err(error)) => {
                self.loading = false;
                self.error = Some(shown(language, &*error));
            }
        }
        Task::none()
    }

    pub fn view(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let refresh = look.tap(
            "logs-refresh",
            look.strong(t!(language, "logs-refresh")),
            Message::Refresh,
            theme::secondary_button,
        );
        let mut page = column![
            row![look.heading(t!(language, "logs-title")), refresh]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center)
        ]
        .spacing(look.scale.space * 0.5);
        if self.loading {
            page = page.push(look.body(t!(language, "logs-loading")));
        }
        if let Some(reason) = &self.error {
            page = page.push(look.caution(t!(language, "logs-failed", reason = reason.as_str())));
        } else if !self.loading && self.entries.is_empty() {
            page = page.push(look.body(t!(language, "logs-empty")));
        }
        for entry in &self.entries {
            page = page.push(look.small(entry.as_str()));
        }
        page.into()
    }
}

/// Reads the latest entries of the log in `data_dir` (none for an in-memory terminal).
pub fn read(data_dir: Option<PathBuf>) -> Entries {
    match data_dir {
        Some(dir) => {
            crate::logging::latest_entries(&crate::logging::logs_dir(&dir), SHOWN).map_err(Arc::new)
        }
        None => Ok(Vec::new()),
    }
}

/// Reads the entries on a thread of their own: the files may be large or on a slow disk.
fn load(office: &Office) -> Task<Message> {
    let data_dir = office.data_dir();
    crate::ui::background::on_thread(
        "bianmin-logs",
        move || read(data_dir),
        || Err(Arc::new(std::io::Error::other("the log thread stopped"))),
        Message::Loaded,
    )
}
