//! 评价器: after an agent accepts or completes a case, the desk asks 请群众评价 with two agent
//! buttons — 交给群众评价 turns the screen to the farmer, 跳过 records 未评价 — and nothing else
//! of the desk (menu, back, logout, the case's buttons) is on screen or answers until the
//! farmer has submitted a rating or chosen 不评价; a thank-you, then the desk is back on the
//! case. The farmer's page is the kiosk's own, in large type, with nothing chosen: the agent has
//! no control that answers for the farmer.
//!
//! The desk's idle logout keeps its clock while the farmer rates: every tap the farmer makes
//! counts as input, so it never fires on someone rating, and a desk left alone on the page (the
//! farmer and the agent gone) still logs out after the hall's time, recording nothing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::widget::{column, container, row};
use iced::{Element, Length, Task};

use super::case::CaseView;
use super::office::Office;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::rating::{RatingAnswer, RatingChannel};
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{CaseRatingStatus, Rated, RatingError};
use crate::t;
use crate::ui::screen::rating::page::{self, RatingForm, Thanks, farmer_look};
use crate::ui::screen::rating::{Subject, subject_words};
use crate::ui::theme;
use crate::ui::widget::Look;

/// How long the thank-you shows before the desk is back on the case.
pub const THANKS_FOR: Duration = Duration::from_secs(3);

#[derive(Debug, Clone)]
enum Phase {
    /// Asking the store whether the case can still be rated (一次一评: once per case).
    Checking,
    /// The agent's choice.
    HandOver {
        saving: bool,
        error: Option<String>,
    },
    /// Turned to the farmer.
    Rating(RatingForm),
    Thanks {
        thanks: Thanks,
        until: Instant,
    },
}

#[derive(Debug, Clone)]
pub enum Message {
    Checked(Result<CaseRatingStatus, Arc<RatingError>>),
    /// 交给群众评价.
    HandOver,
    /// The agent's 跳过: 未评价.
    Skip,
    /// After a save failed: back to the case, nothing recorded.
    BackToCase,
    /// The farmer's page.
    Page(page::Message),
    Saved(Result<Box<Rated>, Arc<RatingError>>),
}

#[derive(Debug, Clone)]
pub struct DeskRater {
    /// The case as it is now, shown again afterwards.
    case: Box<CaseView>,
    phase: Phase,
}

impl DeskRater {
    /// Starts on a case just accepted or completed: first whether it can still be rated.
    pub fn start(case: Box<CaseView>, office: &Office) -> (DeskRater, Task<Message>) {
        let id = case.case.id.clone();
        let check = office.run(
            move |store, _| store.case_rating_status(&id, RatingChannel::DeskRater),
            Message::Checked,
        );
        let rater = DeskRater {
            case,
            phase: Phase::Checking,
        };
        (rater, check)
    }

    /// The screen faces the farmer: only the farmer's page is drawn and answers.
    pub fn is_farmer_facing(&self) -> bool {
        matches!(self.phase, Phase::Rating(_) | Phase::Thanks { .. })
    }

    /// The farmer's page, while it shows.
    pub fn form(&self) -> Option<&RatingForm> {
        match &self.phase {
            Phase::Rating(form) => Some(form),
            _ => None,
        }
    }

    /// Returns the case to show again once the rating is done with.
    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Box<CaseView>>) {
        match (message, &mut self.phase) {
            (Message::Checked(result), Phase::Checking) => match result {
                Ok(CaseRatingStatus::Open) => {
                    self.phase = Phase::HandOver {
                        saving: false,
                        error: None,
                    };
                }
                // Rated already (一次一评), or no longer rateable: straight back to the case.
                Ok(status) => {
                    tracing::info!(?status, "the case is not offered for rating");
                    return (Task::none(), Some(self.case.clone()));
                }
                Err(error) => {
                    self.phase = Phase::HandOver {
                        saving: false,
                        error: Some(shown(language, &*error)),
                    };
                }
            },
            (Message::HandOver, Phase::HandOver { saving: false, .. }) => {
                self.phase = Phase::Rating(RatingForm::default());
            }
            (Message::Skip, Phase::HandOver { saving, error }) if !*saving => {
                *saving = true;
                *error = None;
                return (self.save(office, RatingAnswer::skipped(), now), None);
            }
            (Message::BackToCase, Phase::HandOver { saving: false, .. }) => {
                return (Task::none(), Some(self.case.clone()));
            }
            (Message::BackToCase, Phase::Rating(form)) if form.has_failed() => {
                return (Task::none(), Some(self.case.clone()));
            }
            (Message::Page(message), Phase::Rating(form)) => {
                if let Some(answer) = form.update(message) {
                    return (self.save(office, answer, now), None);
                }
            }
            (Message::Saved(result), Phase::HandOver { saving, error }) => {
                *saving = false;
                match result {
                    // The agent's 跳过 is recorded: back to the case.
                    Ok(_) => return (Task::none(), Some(self.case.clone())),
                    Err(failed) => *error = Some(shown(language, &*failed)),
                }
            }
            (Message::Saved(result), Phase::Rating(form)) => match result {
                Ok(rated) => {
                    self.phase = Phase::Thanks {
                        thanks: Thanks {
                            skipped: rated.rating.level.is_none(),
                            follow_up_due: rated.follow_up.map(|follow_up| follow_up.due_date),
                            call_back: !rated.rating.contact.is_empty(),
                        },
                        until: Instant::now() + THANKS_FOR,
                    };
                }
                Err(error) => form.failed(shown(language, &*error)),
            },
            // A tap left over from a phase already gone changes nothing.
            _ => {}
        }
        (Task::none(), None)
    }

    /// The clock moved on: after the thank-you, the case again.
    pub fn tick(&self, now: Instant) -> Option<Box<CaseView>> {
        match self.phase {
            Phase::Thanks { until, .. } if now >= until => Some(self.case.clone()),
            _ => None,
        }
    }

    fn save(&self, office: &Office, answer: RatingAnswer, now: Timestamp) -> Task<Message> {
        let id = self.case.case.id.clone();
        office.run(
            move |store, rules| {
                store
                    .rate_case(&id, RatingChannel::DeskRater, answer, rules, now)
                    .map(Box::new)
            },
            Message::Saved,
        )
    }

    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let case = &self.case.case;
        let subject = subject_words(
            language,
            content,
            &Subject::Case {
                id: case.id.clone(),
                item_id: case.item_id.clone(),
            },
        );
        match &self.phase {
            Phase::Checking => look.heading(t!(language, "rater-checking")).into(),
            Phase::HandOver { saving, error } => {
                let number = case.number.clone().unwrap_or_default();
                let mut page = column![
                    look.title(t!(language, "rater-title")),
                    container(
                        column![
                            look.heading(subject),
                            look.body(format!(
                                "{number}  ·  {}",
                                super::words::state(language, case.state)
                            )),
                        ]
                        .spacing(look.scale.space * 0.5)
                    )
                    .padding(look.scale.pad * 1.5)
                    .width(Length::Fill)
                    .style(theme::card),
                    row![
                        look.tap(
                            "rater-hand-over",
                            look.heading(t!(language, "rater-hand-over"))
                                .color(theme::ON_PRIMARY),
                            Message::HandOver,
                            theme::primary_button
                        ),
                        look.tap(
                            "rater-skip",
                            look.heading(t!(language, "rater-skip")),
                            Message::Skip,
                            theme::secondary_button
                        ),
                    ]
                    .spacing(look.scale.space * 2.0)
                    .wrap()
                    .vertical_spacing(look.scale.pad),
                    look.body(t!(language, "rater-explain")),
                ]
                .spacing(look.scale.space * 1.5);
                if *saving {
                    page = page.push(look.heading(t!(language, "rate-saving")));
                } else if let Some(error) = error {
                    page = page.push(look.caution(error.clone())).push(look.tap(
                        "rater-back-to-case",
                        look.strong(t!(language, "rater-back-to-case")),
                        Message::BackToCase,
                        theme::secondary_button,
                    ));
                }
                page.into()
            }
            Phase::Rating(form) => {
                let look = farmer_look(look);
                let mut page =
                    column![form.view(look, subject).map(Message::Page)].spacing(look.scale.space);
                if form.has_failed() {
                    // The farmer is never stuck on a desk whose database fails.
                    page = page.push(look.tap(
                        "rater-give-back",
                        look.strong(t!(language, "rater-give-back")),
                        Message::BackToCase,
                        theme::secondary_button,
                    ));
                }
                page.into()
            }
            Phase::Thanks { thanks, .. } => {
                page::thanks(farmer_look(look), thanks, t!(language, "rater-thanks-back"))
            }
        }
    }
}
