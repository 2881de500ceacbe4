//! One case: who, what, the materials checklist, the legal next steps with their reason, the
//! hand-over to another agent, and the full history.

use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{column, pick_list, row};
use iced::{Element, Length, Task};

use super::choice::Choice;
use super::form::{choice_list, error_line, target, text_box, tick_box};
use super::office::Office;
use super::words;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::account::AccountStatus;
use crate::domain::application::{CaseState, Transition};
use crate::domain::deadline::urgency;
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{Account, Case, CaseError, CaseRules, Store, StoreError};
use crate::t;
use crate::ui::widget::Look;
use crate::ui::{names, theme};

#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Case,
    received: Vec<bool>,
    note: String,
    agents: Vec<Choice<i64>>,
    hand_to: Option<Choice<i64>>,
    hand_note: String,
    /// A change is being saved: taps wait for it.
    saving: bool,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Received(usize, bool),
    Note(String),
    Move(Transition),
    HandTo(Choice<i64>),
    HandNote(String),
    HandOver,
    /// 打印回执: the desk opens the print screen on this case's receipt or notice.
    PrintReceipt,
    /// A move or a hand-over was saved (the case as it is now) or refused.
    Saved(Result<Box<CaseView>, Arc<CaseError>>),
}

impl CaseView {
    /// The case with the agents it can be handed to (on the store's thread).
    pub fn load(store: &Store, id: &str) -> Result<CaseView, CaseError> {
        let case = store.case(id)?.ok_or(CaseError::UnknownCase)?;
        Ok(CaseView::with_agents(store, case)?)
    }

    /// A case the store just handed back (saved, moved or handed over), with the agents it
    /// can be handed to: the case is not read again.
    pub fn with_agents(store: &Store, case: Case) -> Result<CaseView, StoreError> {
        let agents = store
            .accounts(Some(AccountStatus::Active))?
            .into_iter()
            .filter(|account| account.id != case.agent_id)
            .map(|account| {
                Choice::new(
                    account.id,
                    names::shown(&format!("{} ({})", account.name, account.login)),
                )
            })
            .collect();
        Ok(CaseView {
            received: case
                .materials
                .iter()
                .map(|material| material.received)
                .collect(),
            case,
            note: String::new(),
            agents,
            hand_to: None,
            hand_note: String::new(),
            saving: false,
            error: None,
        })
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
            Message::Received(index, received) => {
                if let Some(flag) = self.received.get_mut(index) {
                    *flag = received;
                }
            }
            Message::Note(note) => self.note = note,
            Message::HandTo(choice) => self.hand_to = Some(choice),
            Message::HandNote(note) => self.hand_note = note,
            // The desk handles it: it changes the screen.
            Message::PrintReceipt => {}
            Message::Move(_) | Message::HandOver if self.saving => {}
            Message::Move(transition) => {
                let received = (self.case.state == CaseState::AwaitingCorrection)
                    .then(|| self.received.clone());
                let (id, note, account) =
                    (self.case.id.clone(), self.note.clone(), account.clone());
                return self.save(office, move |store, rules| {
                    store.change_state(
                        &id,
                        transition,
                        received.as_deref(),
                        &note,
                        &account,
                        rules,
                        now,
                    )
                });
            }
            Message::HandOver => {
                let Some(to) = &self.hand_to else {
                    self.error = Some(t!(language, "handover-choose"));
                    return Task::none();
                };
                let (id, to, note, account) = (
                    self.case.id.clone(),
                    to.value,
                    self.hand_note.clone(),
                    account.clone(),
                );
                return self.save(office, move |store, _| {
                    store.hand_over(&id, to, &note, &account, now)
                });
            }
            Message::Saved(Ok(view)) => *self = *view,
            Message::Saved(Err(error)) => {
                self.saving = false;
                self.error = Some(shown(language, &*error));
            }
        }
        Task::none()
    }

    /// Saves a change on the store's thread and answers with the case as it is afterwards.
    fn save(
        &mut self,
        office: &Office,
        change: impl FnOnce(&mut Store, &CaseRules<'_>) -> Result<Case, CaseError> + Send + 'static,
    ) -> Task<Message> {
        self.saving = true;
        self.error = None;
        office.run(
            move |store, rules| {
                let case = change(store, rules)?;
                Ok::<_, CaseError>(Box::new(CaseView::with_agents(store, case)?))
            },
            Message::Saved,
        )
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &'a Content,
        office: &'a Office,
        today: NaiveDate,
    ) -> Element<'a, Message> {
        let language = look.language;
        let case = &self.case;
        let item = content
            .item(&case.item_id)
            .map(|item| language.pick(&item.name, &item.name_en).to_owned())
            .unwrap_or_else(|| case.item_id.clone());
        let number = case
            .number
            .clone()
            .unwrap_or_else(|| t!(language, "cases-no-number"));
        let mut facts = column![
            look.field(t!(language, "case-number"), number),
            look.field(
                t!(language, "case-state"),
                words::state(language, case.state)
            ),
            look.field(
                t!(language, "case-applicant"),
                names::shown(&case.applicant_name)
            ),
            // The full ID number shows here only: the agent's own case screen.
            look.field(
                t!(language, "case-id-number"),
                case.applicant_id_number.to_string()
            ),
            look.field(t!(language, "case-village"), case.village.clone()),
            look.field(t!(language, "case-agent"), names::shown(&case.agent)),
        ]
        .spacing(look.scale.space * 0.4);
        if let Some(hint) =
            names::hint_line(look, &format!("{} {}", case.applicant_name, case.agent))
        {
            facts = facts.push(hint);
        }
        if let Some(accepted) = &case.accepted_at {
            facts = facts.push(look.field(
                t!(language, "case-accepted"),
                crate::clock::minutes(accepted),
            ));
        }
        if let Some(due) = case.due_date {
            let tag = case
                .state
                .is_open()
                .then(|| words::urgency(language, urgency(office.calendar(), due, today)))
                .flatten()
                .map(|tag| format!("  {tag}"))
                .unwrap_or_default();
            facts = facts.push(look.field(t!(language, "case-due"), format!("{due}{tag}")));
            if !office.calendar().covers(due) {
                // Holidays of that year are not in the calendar yet: only weekends were skipped.
                facts = facts.push(look.caution(t!(
                    language,
                    "case-calendar-missing",
                    year = due.format("%Y").to_string()
                )));
            }
        }
        let mut page = column![look.title(item), facts].spacing(look.scale.space);
        // An accepted case has its receipt, a case awaiting correction its one-time notice, a
        // refused or returned one the notice of that decision.
        let printable = match case.state {
            CaseState::AwaitingCorrection => Some(t!(language, "case-print-notice")),
            CaseState::Refused => Some(t!(language, "case-print-refusal")),
            CaseState::Returned => Some(t!(language, "case-print-return")),
            _ if case.number.is_some() => Some(t!(language, "case-print-receipt")),
            _ => None,
        };
        if let Some(label) = printable {
            page = page.push(look.tap(
                "case-print-receipt",
                look.strong(label),
                Message::PrintReceipt,
                theme::primary_button,
            ));
        }

        let editable = case.state == CaseState::AwaitingCorrection;
        let mut materials = column![].spacing(look.scale.space * 0.4);
        for (index, material) in case.materials.iter().enumerate() {
            let need = if material.required {
                t!(language, "material-required")
            } else {
                t!(language, "material-optional")
            };
            let mut box_ = tick_box(
                look,
                self.received[index],
                format!("{} ({need})", material.name),
            );
            if editable {
                box_ = box_.on_toggle(move |received| Message::Received(index, received));
            }
            materials = materials.push(target(&format!("case-material-{index}"), box_));
        }
        page = page.push(look.section(t!(language, "case-materials"), materials));
        let missing: Vec<String> = case
            .materials
            .iter()
            .zip(&self.received)
            .filter(|(material, received)| material.required && !**received)
            .map(|(material, _)| material.name.clone())
            .collect();

        let moves = case.state.transitions();
        if !moves.is_empty() {
            let mut buttons = row![].spacing(look.scale.pad);
            for &transition in moves {
                let style = if transition.needs_reason() {
                    theme::secondary_button
                } else {
                    theme::primary_button
                };
                buttons = buttons.push(look.tap(
                    &format!("move-{transition:?}"),
                    look.strong(words::transition(language, transition)),
                    Message::Move(transition),
                    style,
                ));
            }
            page = page.push(
                look.section(
                    t!(language, "case-next"),
                    column![
                        text_box(look, &t!(language, "case-note"), &self.note)
                            .id("case-note")
                            .on_input(Message::Note),
                        buttons.wrap().vertical_spacing(look.scale.pad),
                    ]
                    .spacing(look.scale.space),
                ),
            );
            page = page.push(
                look.section(
                    t!(language, "handover-title"),
                    column![
                        target(
                            "handover-to",
                            choice_list(
                                look,
                                pick_list(
                                    self.agents.clone(),
                                    self.hand_to.clone(),
                                    Message::HandTo
                                )
                                .placeholder(t!(language, "handover-choose"))
                            )
                        ),
                        text_box(look, &t!(language, "handover-note"), &self.hand_note)
                            .id("handover-note")
                            .on_input(Message::HandNote),
                        look.tap(
                            "handover",
                            look.strong(t!(language, "handover-submit")),
                            Message::HandOver,
                            theme::secondary_button
                        ),
                    ]
                    .spacing(look.scale.space),
                ),
            );
        }
        // The notice of what is missing and a refused move show after every control, where
        // their coming and going moves nothing under the agent's hands (ticking the last
        // material used to lift 受理 by the notice's height).
        if editable && !missing.is_empty() {
            page = page.push(look.caution(t!(
                language,
                "case-notice-missing",
                materials = missing.join("、")
            )));
        }
        if let Some(error) = &self.error {
            page = page.push(error_line(look, error));
        }

        let mut history = column![].spacing(look.scale.space * 0.4);
        for event in &case.history {
            let what = match (event.kind.as_str(), event.to, &event.to_agent) {
                ("handover", _, Some(to)) => t!(language, "history-handover", to = to.as_str()),
                ("created", _, _) => t!(language, "history-created"),
                (_, Some(to), _) => words::state(language, to),
                _ => event.kind.clone(),
            };
            let note = if event.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", event.note)
            };
            history = history.push(look.body(format!(
                "{}  {}  {what}{note}",
                crate::clock::minutes(&event.at),
                event.actor
            )));
        }
        page.push(look.section(t!(language, "case-history"), history))
            .width(Length::Fill)
            .into()
    }
}
