//! 差评回访 for staff and admins: the open follow-ups by due date (overdue ones marked), closed
//! ones on request. Tapping one opens it under its row: the rating as the farmer gave it, the
//! notes so far, a note box to finish the current step (核实 → 整改 → 反馈 → 回访 → 已完成), and
//! the appeal (申诉复核) staff file with a reason and an admin decides, after confirming.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};

use super::form::{answer, text_box, tick};
use super::office::Office;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::account::Role;
use crate::domain::rating::{AppealState, FollowUpStage};
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{Account, FollowUp, FollowUpError, Store, StoreError};
use crate::t;
use crate::ui::rating_words as words;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone, Default)]
pub struct FollowUpScreen {
    show_closed: bool,
    rows: Vec<FollowUp>,
    /// Account names by login, for the agent a rating names.
    names: HashMap<String, String>,
    /// The follow-up opened under its row.
    open: Option<String>,
    note: String,
    appeal_reason: String,
    decision: String,
    /// An admin's decision (true: the appeal is upheld) waiting for 确定.
    confirming: Option<bool>,
    /// The latest list asked for; older answers are dropped.
    asked: u64,
    loading: bool,
    saving: bool,
    /// What the last save said: done, or refused (in words).
    said: Option<Result<String, String>>,
}

/// One answer to the list's query.
#[derive(Debug, Clone)]
pub struct Listing {
    rows: Vec<FollowUp>,
    names: HashMap<String, String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    ShowClosed(bool),
    /// Opens a follow-up under its row (or closes it when open).
    Open(String),
    Note(String),
    AppealReason(String),
    Decision(String),
    /// Finish the current step with the note.
    Advance,
    Appeal,
    /// An admin's decision, asked to be confirmed first (true: upheld).
    Decide(bool),
    Confirm(bool),
    Loaded(u64, Result<Listing, Arc<StoreError>>),
    /// A change was saved (the follow-up as it is now, and what to say) or refused.
    Saved(Result<Box<(FollowUp, String)>, Arc<FollowUpError>>),
}

impl FollowUpScreen {
    /// The open follow-ups, on their way.
    pub fn open(office: &Office) -> (FollowUpScreen, Task<Message>) {
        let mut screen = FollowUpScreen::default();
        let load = screen.reload(office);
        (screen, load)
    }

    pub fn is_busy(&self) -> bool {
        self.saving
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        match message {
            Message::ShowClosed(show) => {
                self.show_closed = show;
                return self.reload(office);
            }
            Message::Open(id) => {
                self.open = if self.open.as_deref() == Some(id.as_str()) {
                    None
                } else {
                    Some(id)
                };
                self.note.clear();
                self.appeal_reason.clear();
                self.decision.clear();
                self.confirming = None;
                self.said = None;
            }
            Message::Note(note) => self.note = note,
            Message::AppealReason(reason) => self.appeal_reason = reason,
            Message::Decision(decision) => self.decision = decision,
            Message::Advance | Message::Appeal | Message::Confirm(true) if self.saving => {}
            Message::Advance => {
                let Some(id) = self.open.clone() else {
                    return Task::none();
                };
                let (note, account) = (self.note.clone(), account.clone());
                return self.save(office, move |store| {
                    let changed = store.advance_follow_up(&id, &note, &account, now)?;
                    let done = match changed.stage {
                        FollowUpStage::Closed => t!(language, "follow-up-closed-done"),
                        stage => t!(
                            language,
                            "follow-up-step-done",
                            stage = words::stage(language, stage)
                        ),
                    };
                    Ok((changed, done))
                });
            }
            Message::Appeal => {
                let Some(id) = self.open.clone() else {
                    return Task::none();
                };
                let (reason, account) = (self.appeal_reason.clone(), account.clone());
                return self.save(office, move |store| {
                    let changed = store.appeal_rating(&id, &reason, &account, now)?;
                    Ok((changed, t!(language, "follow-up-appeal-filed")))
                });
            }
            Message::Decide(upheld) => self.confirming = Some(upheld),
            Message::Confirm(false) => self.confirming = None,
            Message::Confirm(true) => {
                let (Some(id), Some(upheld)) = (self.open.clone(), self.confirming.take()) else {
                    return Task::none();
                };
                let (decision, account) = (self.decision.clone(), account.clone());
                return self.save(office, move |store| {
                    let changed = store.decide_appeal(&id, upheld, &decision, &account, now)?;
                    Ok((changed, t!(language, "follow-up-appeal-decided")))
                });
            }
            Message::Loaded(asked, result) => {
                if asked == self.asked {
                    self.loading = false;
                    match result {
                        Ok(listing) => {
                            self.rows = listing.rows;
                            self.names = listing.names;
                        }
                        Err(error) => self.said = Some(Err(shown(language, &*error))),
                    }
                }
            }
            Message::Saved(result) => {
                self.saving = false;
                match result {
                    Ok(saved) => {
                        let (changed, done) = *saved;
                        // In place: the row stays where it was until the list is asked again.
                        if let Some(row) = self.rows.iter_mut().find(|row| row.id == changed.id) {
                            *row = changed;
                        }
                        self.note.clear();
                        self.appeal_reason.clear();
                        self.decision.clear();
                        self.said = Some(Ok(done));
                    }
                    Err(error) => self.said = Some(Err(shown(language, &*error))),
                }
            }
        }
        Task::none()
    }

    /// Asks for the follow-ups the toggle selects (on the store's thread).
    pub fn reload(&mut self, office: &Office) -> Task<Message> {
        self.asked += 1;
        self.loading = true;
        let (asked, open_only) = (self.asked, !self.show_closed);
        office.run(
            move |store, _| {
                let rows = store.follow_ups(open_only)?;
                let names = store
                    .accounts(None)?
                    .into_iter()
                    .map(|account| (account.login, account.name))
                    .collect();
                Ok::<_, StoreError>(Listing { rows, names })
            },
            move |result| Message::Loaded(asked, result),
        )
    }

    fn save(
        &mut self,
        office: &Office,
        change: impl FnOnce(&mut Store) -> Result<(FollowUp, String), FollowUpError> + Send + 'static,
    ) -> Task<Message> {
        self.saving = true;
        self.said = None;
        office.run(move |store, _| change(store).map(Box::new), Message::Saved)
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &'a Content,
        account: &Account,
        today: NaiveDate,
    ) -> Element<'a, Message> {
        let language = look.language;
        let open = self.rows.iter().filter(|row| row.stage.is_open()).count();
        let overdue = self.rows.iter().filter(|row| row.is_overdue(today)).count();
        let count = if self.loading && self.rows.is_empty() {
            t!(language, "desk-loading")
        } else {
            t!(language, "follow-up-count", open = open, overdue = overdue)
        };
        let mut page = column![
            look.title(t!(language, "follow-up-title")),
            tick(
                look,
                "follow-up-show-closed",
                self.show_closed,
                t!(language, "follow-up-show-closed"),
                Message::ShowClosed
            ),
            look.heading(count),
        ]
        .spacing(look.scale.space);
        if self.rows.is_empty() && !self.loading {
            page = page.push(look.body(t!(language, "follow-up-none")));
        }
        for follow_up in &self.rows {
            page = page.push(summary_row(look, content, follow_up, today));
            if self.open.as_deref() == Some(follow_up.id.as_str()) {
                page = page.push(self.detail(look, content, follow_up, account, today));
            }
        }
        // Refused loads show at the end when nothing is open.
        if self.open.is_none()
            && let Some(Err(refused)) = &self.said
        {
            page = page.push(look.caution(refused.clone()));
        }
        page.width(Length::Fill).into()
    }

    /// The opened follow-up: the rating, the notes, the next step and the appeal.
    fn detail<'a>(
        &'a self,
        look: Look,
        content: &'a Content,
        follow_up: &'a FollowUp,
        account: &Account,
        today: NaiveDate,
    ) -> Element<'a, Message> {
        let language = look.language;
        let rating = &follow_up.rating;
        let none = || t!(language, "follow-up-none-given");
        let item = rating
            .item_id
            .as_deref()
            .map(|id| item_name(language, content, id));
        let agent = rating.agent_login.as_ref().map(|login| {
            self.names.get(login).map_or_else(
                || login.clone(),
                |name| crate::ui::names::shown(&format!("{name} ({login})")),
            )
        });
        let reasons: Vec<String> = rating
            .reasons
            .iter()
            .map(|&reason| words::reason(language, reason))
            .collect();
        let due = match follow_up.is_overdue(today) {
            true => format!(
                "{}  {}",
                follow_up.due_date,
                t!(language, "follow-up-overdue")
            ),
            false => follow_up.due_date.to_string(),
        };
        let field = |label: String, value: Option<String>| {
            look.field(
                label,
                value.filter(|value| !value.is_empty()).unwrap_or_else(none),
            )
        };
        let facts = column![
            field(t!(language, "follow-up-case"), rating.case_number.clone()),
            field(t!(language, "follow-up-item"), item),
            field(
                t!(language, "follow-up-window"),
                rating.window.map(|window| window.to_string())
            ),
            field(t!(language, "follow-up-agent"), agent),
            field(
                t!(language, "follow-up-level"),
                Some(words::given(language, rating.level))
            ),
            field(t!(language, "follow-up-reasons"), Some(reasons.join("、"))),
            field(
                t!(language, "follow-up-comment"),
                Some(rating.comment.clone())
            ),
            field(
                t!(language, "follow-up-contact"),
                Some(rating.contact.clone())
            ),
            field(
                t!(language, "follow-up-rated-at"),
                Some(crate::clock::minutes(&rating.rated_at))
            ),
            field(
                t!(language, "follow-up-channel"),
                Some(format!(
                    "{} · {}",
                    words::channel(language, rating.channel),
                    t!(
                        language,
                        "follow-up-device",
                        device = rating.device.as_str()
                    )
                ))
            ),
            field(
                t!(language, "follow-up-stage"),
                Some(words::stage(language, follow_up.stage))
            ),
            field(t!(language, "follow-up-due"), Some(due)),
        ]
        .spacing(look.scale.space * 0.4);
        let mut body = column![facts].spacing(look.scale.space);

        if let Some(next) = follow_up.stage.next() {
            body = body.push(
                text_box(
                    look,
                    &t!(
                        language,
                        "follow-up-note-hint",
                        stage = words::stage(language, follow_up.stage)
                    ),
                    &self.note,
                )
                .id("follow-up-note")
                .on_input(Message::Note),
            );
            let label = if next == FollowUpStage::Closed {
                t!(language, "follow-up-finish-last")
            } else {
                t!(
                    language,
                    "follow-up-finish",
                    stage = words::stage(language, follow_up.stage),
                    next = words::stage(language, next)
                )
            };
            body = body.push(look.tap(
                "follow-up-advance",
                look.strong(label),
                Message::Advance,
                theme::primary_button,
            ));
        }

        body = body.push(look.strong(t!(language, "follow-up-appeal")));
        match &follow_up.appeal {
            None if follow_up.stage.is_open() => {
                body = body.push(
                    text_box(
                        look,
                        &t!(language, "follow-up-appeal-hint"),
                        &self.appeal_reason,
                    )
                    .id("follow-up-appeal-reason")
                    .on_input(Message::AppealReason),
                );
                body = body.push(look.tap(
                    "follow-up-appeal",
                    look.strong(t!(language, "follow-up-appeal-file")),
                    Message::Appeal,
                    theme::secondary_button,
                ));
            }
            None => body = body.push(look.body(t!(language, "follow-up-no-appeal"))),
            Some(appeal) => {
                body = body.push(look.body(t!(
                    language,
                    "follow-up-appeal-line",
                    state = words::appeal(language, appeal.state),
                    reason = appeal.reason.as_str(),
                    by = appeal.by.as_str(),
                    at = crate::clock::minutes(&appeal.at)
                )));
                if let (Some(decision), Some(by), Some(at)) =
                    (&appeal.decision, &appeal.decided_by, &appeal.decided_at)
                {
                    body = body.push(look.body(t!(
                        language,
                        "follow-up-decision-line",
                        decision = decision.as_str(),
                        by = by.as_str(),
                        at = crate::clock::minutes(at)
                    )));
                }
                if appeal.state == AppealState::Pending && account.role == Role::Admin {
                    body = body.push(self.decide(look));
                }
            }
        }
        let busy = self.saving.then(|| t!(language, "follow-up-saving"));
        body = body.push(answer(look, busy, self.said.as_ref()));
        // The record grows with every step: below the controls, so they never move.
        let notes: Vec<String> = follow_up
            .notes
            .iter()
            .map(|note| {
                t!(
                    language,
                    "follow-up-note-line",
                    at = crate::clock::minutes(&note.at),
                    name = crate::ui::names::shown(&note.actor_name),
                    stage = words::stage(language, note.stage),
                    note = note.note.as_str()
                )
            })
            .collect();
        body = body.push(look.strong(t!(language, "follow-up-notes")));
        body = body.push(if notes.is_empty() {
            Element::from(look.body(t!(language, "follow-up-no-notes")))
        } else {
            look.bullets(notes)
        });

        container_card(look, body)
    }

    /// An admin's decision: the reason, the two answers, then 确定 before it is saved.
    fn decide<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        let mut part = column![
            text_box(
                look,
                &t!(language, "follow-up-decision-hint"),
                &self.decision
            )
            .id("follow-up-decision")
            .on_input(Message::Decision),
            row![
                look.tap(
                    "follow-up-uphold",
                    look.strong(t!(language, "follow-up-uphold")),
                    Message::Decide(true),
                    theme::secondary_button
                ),
                look.tap(
                    "follow-up-reject",
                    look.strong(t!(language, "follow-up-reject")),
                    Message::Decide(false),
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.pad)
            .wrap(),
        ]
        .spacing(look.scale.space);
        if let Some(upheld) = self.confirming {
            let asked = if upheld {
                t!(language, "follow-up-confirm-uphold")
            } else {
                t!(language, "follow-up-confirm-reject")
            };
            part = part.push(look.caution(asked)).push(
                row![
                    look.tap(
                        "follow-up-confirm",
                        look.strong(t!(language, "follow-up-confirm")),
                        Message::Confirm(true),
                        theme::primary_button
                    ),
                    look.tap(
                        "follow-up-cancel",
                        look.strong(t!(language, "follow-up-cancel")),
                        Message::Confirm(false),
                        theme::secondary_button
                    ),
                ]
                .spacing(look.scale.pad)
                .wrap(),
            );
        }
        part.into()
    }
}

fn item_name(language: Language, content: &Content, id: &str) -> String {
    content
        .item(id)
        .map(|item| language.pick(&item.name, &item.name_en).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

fn container_card<'a>(look: Look, body: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    iced::widget::container(body)
        .padding(look.scale.pad * 1.5)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// One follow-up in the list: the case and item, the level, the step and the due date.
fn summary_row<'a>(
    look: Look,
    content: &Content,
    follow_up: &'a FollowUp,
    today: NaiveDate,
) -> Element<'a, Message> {
    let language = look.language;
    let rating = &follow_up.rating;
    let case = rating
        .case_number
        .clone()
        .unwrap_or_else(|| t!(language, "follow-up-visit"));
    let item = rating
        .item_id
        .as_deref()
        .map(|id| item_name(language, content, id))
        .unwrap_or_default();
    let mut facts = row![
        look.small(words::given(language, rating.level)),
        look.small(t!(
            language,
            "follow-up-row-stage",
            stage = words::stage(language, follow_up.stage)
        )),
        look.small(t!(
            language,
            "follow-up-due-on",
            date = follow_up.due_date.to_string()
        )),
    ]
    .spacing(look.scale.space);
    if follow_up.is_overdue(today) {
        facts = facts.push(
            text(t!(language, "follow-up-overdue"))
                .size(look.scale.body)
                .font(crate::ui::fonts::BOLD)
                .color(theme::ALERT),
        );
    }
    if let Some(appeal) = &follow_up.appeal {
        facts = facts.push(look.small(words::appeal(language, appeal.state)));
    }
    look.tap_wide(
        &format!("follow-up-{}", follow_up.id),
        column![look.strong(format!("{case}  {item}")), facts.wrap()]
            .spacing(look.scale.space * 0.3),
        Message::Open(follow_up.id.clone()),
        theme::secondary_button,
    )
}
