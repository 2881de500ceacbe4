//! Admins set this terminal's own settings (`settings.toml`, see `crate::settings`): the kiosk's
//! idle time, the desk's logout time, the type size and language at rest, the printer offered
//! first, the public display's page time, read-aloud's speed and player. The file is read and written on a thread of its own; the form is checked by the same
//! rules as the file, so what the screen accepts is what a start-up accepts.

use std::sync::Arc;

use iced::widget::{column, pick_list, row};
use iced::{Alignment, Element, Task};

use super::form;
use super::office::Office;
use crate::explain::{Explain, shown};
use crate::i18n::Language;
use crate::settings::{Loaded, Settings, SettingsWarning};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, Default)]
pub struct SettingsScreen {
    idle_seconds: String,
    desk_logout_seconds: String,
    text_size: String,
    language: Option<LanguageChoice>,
    printer: String,
    display_seconds: String,
    speech_rate: String,
    speech_player: String,
    loading: bool,
    saving: bool,
    /// Fields the file or the form got wrong, by field name.
    problems: Vec<SettingsWarning>,
    /// What happened last (saved, or why not).
    outcome: Option<Result<(), String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageChoice(pub Option<Language>);

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Each language by its own name: the kiosk's switch to a language is labelled with it.
        match self.0 {
            None => f.write_str("—"),
            Some(Language::ZhCn) => write!(f, "{} (zh-CN)", t!(Language::En, "display-language")),
            Some(Language::En) => write!(f, "{} (en)", t!(Language::ZhCn, "display-language")),
        }
    }
}

const LANGUAGES: [LanguageChoice; 3] = [
    LanguageChoice(None),
    LanguageChoice(Some(Language::ZhCn)),
    LanguageChoice(Some(Language::En)),
];

/// Field ids, for tests and Tab order.
pub const FIELDS: [&str; 7] = [
    "settings-idle",
    "settings-logout",
    "settings-size",
    "settings-printer",
    "settings-display",
    "settings-speech-rate",
    "settings-speech-player",
];

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Arc<Loaded>),
    Idle(String),
    Logout(String),
    Size(String),
    Language(LanguageChoice),
    Printer(String),
    DisplaySeconds(String),
    SpeechRate(String),
    SpeechPlayer(String),
    Save,
    Saved(Result<(), Arc<std::io::Error>>),
}

impl SettingsScreen {
    pub fn open(office: &Office) -> (SettingsScreen, Task<Message>) {
        let screen = SettingsScreen {
            loading: true,
            ..SettingsScreen::default()
        };
        let path = office.settings_file();
        let load = crate::ui::background::on_thread(
            "bianmin-settings",
            move || {
                Arc::new(
                    path.as_deref()
                        .map(crate::settings::load)
                        .unwrap_or_default(),
                )
            },
            || Arc::new(Loaded::default()),
            Message::Loaded,
        );
        (screen, load)
    }

    pub fn is_busy(&self) -> bool {
        self.loading || self.saving
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
    ) -> Task<Message> {
        match message {
            Message::Loaded(loaded) => {
                self.loading = false;
                self.show(&loaded.settings);
                self.problems = loaded.warnings.clone();
            }
            Message::Idle(value) => self.idle_seconds = value,
            Message::Logout(value) => self.desk_logout_seconds = value,
            Message::Size(value) => self.text_size = value,
            Message::Language(choice) => self.language = Some(choice),
            Message::Printer(value) => self.printer = value,
            Message::DisplaySeconds(value) => self.display_seconds = value,
            Message::SpeechRate(value) => self.speech_rate = value,
            Message::SpeechPlayer(value) => self.speech_player = value,
            Message::Save if self.is_busy() => {}
            Message::Save => {
                let checked = crate::settings::parse(&self.as_toml());
                self.problems = checked.warnings;
                if !self.problems.is_empty() {
                    self.outcome = Some(Err(t!(language, "settings-fix-fields")));
                    return Task::none();
                }
                let Some(path) = office.settings_file() else {
                    self.outcome = Some(Err(t!(language, "settings-no-file")));
                    return Task::none();
                };
                self.saving = true;
                let settings = checked.settings;
                return crate::ui::background::on_thread(
                    "bianmin-settings",
                    move || settings.save(&path).map_err(Arc::new),
                    || {
                        Err(Arc::new(std::io::Error::other(
                            "the settings thread stopped",
                        )))
                    },
                    Message::Saved,
                );
            }
            Message::Saved(result) => {
                self.saving = false;
                self.outcome = Some(result.map_err(|error| shown(language, &*error)));
            }
        }
        Task::none()
    }

    fn show(&mut self, settings: &Settings) {
        let text = |value: Option<u32>| value.map(|n| n.to_string()).unwrap_or_default();
        self.idle_seconds = text(settings.idle_seconds);
        self.desk_logout_seconds = text(settings.desk_logout_seconds);
        self.text_size = text(settings.text_size.map(u32::from));
        self.language = Some(LanguageChoice(settings.language));
        self.printer = settings.printer.clone().unwrap_or_default();
        self.display_seconds = text(settings.display_seconds);
        self.speech_rate = text(settings.speech_rate);
        self.speech_player = settings.speech_player.clone().unwrap_or_default();
    }

    /// The form as a settings file; empty fields are left out (the hall's default applies).
    fn as_toml(&self) -> String {
        let mut table = toml::Table::new();
        for (name, value) in [
            ("idle_seconds", &self.idle_seconds),
            ("desk_logout_seconds", &self.desk_logout_seconds),
            ("text_size", &self.text_size),
            ("display_seconds", &self.display_seconds),
            ("speech_rate", &self.speech_rate),
        ] {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            // A number when it reads as one; else the text, which the check names as wrong.
            let parsed = value
                .parse::<i64>()
                .map(toml::Value::Integer)
                .unwrap_or_else(|_| toml::Value::String(value.to_owned()));
            table.insert(name.into(), parsed);
        }
        if let Some(LanguageChoice(Some(language))) = self.language {
            let code = match language {
                Language::ZhCn => "zh-CN",
                Language::En => "en",
            };
            table.insert("language".into(), toml::Value::String(code.into()));
        }
        for (name, value) in [
            ("printer", &self.printer),
            ("speech_player", &self.speech_player),
        ] {
            if !value.trim().is_empty() {
                table.insert(name.into(), toml::Value::String(value.clone()));
            }
        }
        toml::to_string(&table).unwrap_or_default()
    }

    fn problem(&self, field: &str, language: Language) -> Option<String> {
        self.problems
            .iter()
            .find(|warning| warning.field == field)
            .map(|warning| warning.problem.words(language))
    }

    pub fn view(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let field = |id: &'static str,
                     name: &str,
                     label: String,
                     value: &str,
                     on_input: fn(String) -> Message| {
            // The slot under each box keeps its room, so nothing moves when a problem shows.
            let problem = self.problem(name, language);
            column![
                look.strong(label),
                form::text_box(look, &t!(language, "settings-hall-default"), value)
                    .id(id)
                    .on_input(on_input)
                    .on_submit(Message::Save),
                form::error_slot(look, problem.as_deref()),
            ]
            .spacing(look.scale.space * 0.3)
        };
        let mut page = column![
            look.heading(t!(language, "settings-title")),
            look.body(t!(language, "settings-explain")),
            field(
                FIELDS[0],
                "idle_seconds",
                t!(language, "settings-idle"),
                &self.idle_seconds,
                Message::Idle
            ),
            field(
                FIELDS[1],
                "desk_logout_seconds",
                t!(language, "settings-logout"),
                &self.desk_logout_seconds,
                Message::Logout
            ),
            field(
                FIELDS[2],
                "text_size",
                t!(language, "settings-size"),
                &self.text_size,
                Message::Size
            ),
            column![
                look.strong(t!(language, "settings-language")),
                form::target(
                    "settings-language",
                    form::choice_list(look, pick_list(LANGUAGES, self.language, Message::Language))
                ),
            ]
            .spacing(look.scale.space * 0.3),
            field(
                FIELDS[3],
                "printer",
                t!(language, "settings-printer"),
                &self.printer,
                Message::Printer
            ),
            field(
                FIELDS[4],
                "display_seconds",
                t!(language, "settings-display"),
                &self.display_seconds,
                Message::DisplaySeconds
            ),
            field(
                FIELDS[5],
                "speech_rate",
                t!(language, "settings-speech-rate"),
                &self.speech_rate,
                Message::SpeechRate
            ),
            field(
                FIELDS[6],
                "speech_player",
                t!(language, "settings-speech-player"),
                &self.speech_player,
                Message::SpeechPlayer
            ),
        ]
        .spacing(look.scale.space);
        let status = match (&self.outcome, self.is_busy()) {
            (_, true) => look.body(t!(language, "settings-busy")),
            (Some(Ok(())), false) => look.body(t!(language, "settings-saved")),
            (Some(Err(reason)), false) => look.body(reason.clone()).color(theme::ALERT),
            (None, false) => look.body(" "),
        };
        page = page.push(
            row![
                look.tap(
                    "settings-save",
                    look.strong(t!(language, "settings-save"))
                        .color(theme::ON_PRIMARY),
                    Message::Save,
                    theme::primary_button
                ),
                status,
            ]
            .spacing(look.scale.pad)
            .align_y(Alignment::Center),
        );
        page.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_by_the_files_own_rules() {
        let screen = SettingsScreen {
            idle_seconds: "120".into(),
            text_size: "13".into(),
            desk_logout_seconds: "ten".into(),
            language: Some(LanguageChoice(Some(Language::En))),
            printer: "hall-laser".into(),
            ..SettingsScreen::default()
        };
        let checked = crate::settings::parse(&screen.as_toml());
        assert_eq!(checked.settings.idle_seconds, Some(120));
        assert_eq!(checked.settings.language, Some(Language::En));
        let wrong: Vec<&str> = checked.warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(wrong, ["desk_logout_seconds", "text_size"]);
    }

    #[test]
    fn saving_the_form_keeps_the_public_displays_page_time_and_read_alouds_voice() {
        let mut screen = SettingsScreen::default();
        let file = Settings {
            idle_seconds: Some(120),
            display_seconds: Some(20),
            speech_rate: Some(110),
            speech_player: Some("paplay".into()),
            ..Settings::default()
        };
        screen.show(&file);
        let saved = crate::settings::parse(&screen.as_toml());
        assert_eq!(saved.settings, file);
    }
}
