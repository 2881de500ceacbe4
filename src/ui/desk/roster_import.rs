//! Staff import a village's roster (花名册) at the desk: the file is read and every row checked
//! on the store's thread (against the hall's villages and who is registered), the report is shown
//! by row, and only a clean roster can be imported — all of it in one transaction, or nothing.
//! The same checks as `bianmin household import` (`crate::roster`).

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Alignment, Element, Task};

use super::form;
use super::office::Office;
use crate::domain::roster::RosterCheck;
use crate::explain::{Explain, shown};
use crate::i18n::Language;
use crate::roster::{ApplyError, CheckError};
use crate::store::Account;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// The widget id of the file's path.
pub const PATH_INPUT: &str = "roster-desk-path";
/// The most problems listed on screen (the count says how many there are).
const SHOWN: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct RosterImport {
    path: String,
    busy: bool,
    /// The last check, for the file it was made on.
    check: Option<(PathBuf, Arc<RosterCheck>)>,
    /// Why the file could not be checked or imported, or how many households came in.
    outcome: Option<Result<String, String>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Path(String),
    Check,
    Checked(PathBuf, Result<RosterCheck, Arc<CheckError>>),
    Import,
    Imported(Result<usize, Arc<ApplyError>>),
}

impl RosterImport {
    pub fn is_busy(&self) -> bool {
        self.busy
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
    ) -> Task<Message> {
        match message {
            Message::Path(path) => {
                self.path = path;
                self.check = None;
                self.outcome = None;
            }
            Message::Check if self.busy || self.path.trim().is_empty() => {}
            Message::Check => {
                self.busy = true;
                self.outcome = None;
                let path = PathBuf::from(self.path.trim());
                let checked = path.clone();
                let today = crate::clock::now().date_naive();
                return office.run(
                    move |store, rules| {
                        crate::roster::check_file(&path, store, rules.content, today)
                    },
                    move |result| Message::Checked(checked, result),
                );
            }
            Message::Checked(path, result) => {
                self.busy = false;
                match result {
                    Ok(check) => self.check = Some((path, Arc::new(check))),
                    Err(error) => {
                        self.check = None;
                        self.outcome = Some(Err(shown(language, &*error)));
                    }
                }
            }
            Message::Import if self.busy => {}
            Message::Import => {
                let Some((_, check)) = &self.check else {
                    return Task::none();
                };
                if !check.is_clean() {
                    return Task::none();
                }
                self.busy = true;
                let check = Arc::clone(check);
                let actor = account.id;
                return office.run(
                    move |store, _| {
                        crate::roster::apply(store, &check, Some(actor), crate::clock::now())
                    },
                    Message::Imported,
                );
            }
            Message::Imported(result) => {
                self.busy = false;
                self.outcome = Some(match result {
                    Ok(count) => {
                        self.check = None;
                        Ok(t!(language, "roster-desk-imported", count = count))
                    }
                    Err(error) => Err(shown(language, &*error)),
                });
            }
        }
        Task::none()
    }

    pub fn view(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let mut page = column![
            look.heading(t!(language, "roster-desk-title")),
            look.body(t!(language, "roster-desk-explain")),
            look.strong(t!(language, "roster-desk-path")),
            row![
                form::text_box(look, &t!(language, "roster-desk-path-hint"), &self.path)
                    .id(PATH_INPUT)
                    .on_input(Message::Path)
                    .on_submit(Message::Check),
                look.tap(
                    "roster-desk-check",
                    look.strong(t!(language, "roster-desk-check")),
                    Message::Check,
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.pad)
            .align_y(Alignment::Center),
        ]
        .spacing(look.scale.space * 0.6);
        let busy = self.busy.then(|| t!(language, "roster-desk-busy"));
        page = page.push(form::answer(look, busy, self.outcome.as_ref()));
        if let Some((_, check)) = &self.check {
            page = page.push(self.report(look, check));
        }
        page.into()
    }

    fn report<'a>(&'a self, look: Look, check: &'a RosterCheck) -> Element<'a, Message> {
        let language = look.language;
        let mut report = column![].spacing(look.scale.space * 0.4);
        if check.is_clean() {
            report = report.push(look.strong(t!(
                language,
                "roster-desk-clean",
                count = check.households.len()
            )));
            report = report.push(
                look.tap(
                    "roster-desk-import",
                    look.strong(t!(language, "roster-desk-import"))
                        .color(theme::ON_PRIMARY),
                    Message::Import,
                    theme::primary_button,
                ),
            );
        } else {
            report = report.push(look.caution(t!(
                language,
                "roster-desk-problems",
                count = check.problems.len()
            )));
        }
        for note in &check.notes {
            report = report.push(look.small(note.words(language)));
        }
        for problem in check.problems.iter().take(SHOWN) {
            let words = problem.error.words(language);
            let line = match (problem.row, &problem.column) {
                (Some(row), Some(column)) => t!(
                    language,
                    "roster-at-row",
                    row = row,
                    column = column.as_str(),
                    problem = words
                ),
                (Some(row), None) => {
                    t!(language, "roster-at-row-alone", row = row, problem = words)
                }
                (None, _) => words,
            };
            report = report.push(look.body(line).color(theme::ALERT));
        }
        report.into()
    }
}
