//! A new terminal's first step, while its hall profile is still the shipped sample: the hall's
//! own facts (name, township code, address, hours, phone), or the content folder the county hands
//! out (on a USB stick), checked and installed on the store's thread (`crate::setup`). It can be
//! left for later: the data then stays marked 示例 on Home and on paper.

use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Alignment, Element, Task};

use super::form;
use super::office::Office;
use crate::domain::Content;
use crate::domain::hall::HallProfile;
use crate::explain::shown;
use crate::i18n::Language;
use crate::setup::{HallFacts, SetupError};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// Field ids, in the order drawn.
pub const FIELDS: [&str; 6] = [
    "hall-setup-name",
    "hall-setup-code",
    "hall-setup-address",
    "hall-setup-hours",
    "hall-setup-phone",
    "hall-setup-folder",
];

#[derive(Debug, Clone)]
pub struct HallSetup {
    facts: HallFacts,
    folder: String,
    busy: bool,
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Name(String),
    Code(String),
    Address(String),
    Hours(String),
    Phone(String),
    Folder(String),
    SaveFacts,
    ImportFolder,
    Later,
    Installed(Result<Arc<Content>, Arc<SetupError>>),
}

/// How the step ended.
#[derive(Debug, Clone)]
pub enum Done {
    Installed(Arc<Content>),
    Later,
}

impl HallSetup {
    /// The form, filled with the profile the terminal has now, for the hall to correct.
    pub fn new(hall: &HallProfile) -> HallSetup {
        HallSetup {
            facts: HallFacts {
                name: hall.name.clone(),
                township_code: hall.township_code.clone(),
                address: hall.address.clone(),
                hours: hall.hours.clone(),
                phone: hall.phone.clone(),
            },
            folder: String::new(),
            busy: false,
            problem: None,
        }
    }

    pub fn is_busy(&self) -> bool {
        self.busy
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
    ) -> (Task<Message>, Option<Done>) {
        let facts = &mut self.facts;
        match message {
            Message::Name(value) => facts.name = value,
            Message::Code(value) => facts.township_code = value,
            Message::Address(value) => facts.address = value,
            Message::Hours(value) => facts.hours = value,
            Message::Phone(value) => facts.phone = value,
            Message::Folder(value) => self.folder = value,
            Message::SaveFacts | Message::ImportFolder if self.busy => {}
            Message::SaveFacts => {
                let facts = self.facts.clone();
                return (
                    self.install(office, move |dir| crate::setup::check_facts(dir, &facts)),
                    None,
                );
            }
            Message::ImportFolder => {
                let folder = std::path::PathBuf::from(self.folder.trim());
                if folder.as_os_str().is_empty() {
                    return (Task::none(), None);
                }
                return (
                    self.install(office, move |_| crate::setup::check_folder(&folder)),
                    None,
                );
            }
            Message::Later => return (Task::none(), Some(Done::Later)),
            Message::Installed(result) => {
                self.busy = false;
                match result {
                    Ok(content) => return (Task::none(), Some(Done::Installed(content))),
                    Err(error) => self.problem = Some(shown(language, &*error)),
                }
            }
        }
        (Task::none(), None)
    }

    /// Checks and installs on the store's thread.
    fn install(
        &mut self,
        office: &Office,
        check: impl FnOnce(Option<&std::path::Path>) -> Result<crate::setup::Checked, SetupError>
        + Send
        + 'static,
    ) -> Task<Message> {
        self.busy = true;
        self.problem = None;
        let data_dir = office.data_dir();
        office.run(
            move |store, _| {
                let checked = check(data_dir.as_deref())?;
                checked.install(store).map(Arc::new)
            },
            Message::Installed,
        )
    }

    pub fn view(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let field =
            |id: &'static str, label: String, value: &str, on_input: fn(String) -> Message| {
                column![
                    look.strong(label),
                    form::text_box(look, "", value)
                        .id(id)
                        .on_input(on_input)
                        .on_submit(Message::SaveFacts),
                ]
                .spacing(look.scale.space * 0.3)
            };
        let facts = &self.facts;
        let busy = self.busy.then(|| t!(language, "hall-setup-busy"));
        let last = self.problem.clone().map(Err);
        column![
            look.heading(t!(language, "hall-setup-title")),
            look.body(t!(language, "hall-setup-explain")),
            field(
                FIELDS[0],
                t!(language, "hall-setup-name"),
                &facts.name,
                Message::Name
            ),
            field(
                FIELDS[1],
                t!(language, "hall-setup-code"),
                &facts.township_code,
                Message::Code
            ),
            field(
                FIELDS[2],
                t!(language, "hall-setup-address"),
                &facts.address,
                Message::Address
            ),
            field(
                FIELDS[3],
                t!(language, "hall-setup-hours"),
                &facts.hours,
                Message::Hours
            ),
            field(
                FIELDS[4],
                t!(language, "hall-setup-phone"),
                &facts.phone,
                Message::Phone
            ),
            look.tap(
                "hall-setup-save",
                look.strong(t!(language, "hall-setup-save"))
                    .color(theme::ON_PRIMARY),
                Message::SaveFacts,
                theme::primary_button
            ),
            form::answer(look, busy, last.as_ref()),
            look.strong(t!(language, "hall-setup-folder")),
            row![
                form::text_box(look, &t!(language, "hall-setup-folder-hint"), &self.folder)
                    .id(FIELDS[5])
                    .on_input(Message::Folder)
                    .on_submit(Message::ImportFolder),
                look.tap(
                    "hall-setup-import",
                    look.strong(t!(language, "hall-setup-import")),
                    Message::ImportFolder,
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.pad)
            .align_y(Alignment::Center),
            look.tap(
                "hall-setup-later",
                look.strong(t!(language, "hall-setup-later")),
                Message::Later,
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.space * 0.6)
        .into()
    }
}
