//! 同步: what this terminal still owes the county and how the last tries went, "sync now", the
//! USB exchange (export a bundle to a folder, import the county's reply), and the cases changed
//! on two terminals while apart, each waiting for an agent to keep one version.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Alignment, Element, Task};

use super::form::{error_line, input};
use super::office::Office;
use super::words;
use crate::clock::Timestamp;
use crate::domain::sync::event::{EventKind, Payload};
use crate::explain::shown;
use crate::i18n::Language;
use crate::print::text::date_time;
use crate::store::{
    Account, Conflict, ConflictChoice, ConflictError, OutboxProblem, StoreError, SyncSummary,
};
use crate::sync::{SyncConfig, SyncError, SyncReport};
use crate::t;
use crate::ui::sync_runner::{UsbDone, UsbJob, UsbOutcome};
use crate::ui::theme;
use crate::ui::widget::Look;

/// How many refused or failing events the screen lists.
const PROBLEMS_SHOWN: usize = 20;

#[derive(Debug, Clone)]
pub struct SyncScreen {
    summary: SyncSummary,
    setup: Setup,
    conflicts: Vec<Conflict>,
    /// Events the county refused or that keep failing, with the reason.
    problems: Vec<OutboxProblem>,
    folder: String,
    reply: String,
    /// A sync runs in the background now.
    running: bool,
    done: Option<String>,
    error: Option<String>,
}

/// How this terminal reaches the county.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Setup {
    None,
    /// A token but no address: the hall exchanges USB bundles only.
    UsbOnly,
    County(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    SyncNow,
    Folder(String),
    Export,
    Reply(String),
    Import,
    Resolve(i64, ConflictChoice),
    /// A USB export or import ended (it runs off the window's thread).
    UsbDone(UsbOutcome),
    /// The counts, the county's address and the open conflicts, read on the store's thread.
    Loaded(Result<Box<Snapshot>, Arc<StoreError>>),
    Resolved(Result<(), Arc<ConflictError>>),
}

/// What the screen shows of the store, read in one go.
#[derive(Debug, Clone)]
pub struct Snapshot {
    summary: SyncSummary,
    setup: Setup,
    conflicts: Vec<Conflict>,
    problems: Vec<OutboxProblem>,
}

/// What the screen asks of the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Start a background sync now, whatever the backoff says.
    SyncNow,
}

impl SyncScreen {
    /// The screen, its counts on their way.
    pub fn open(office: &Office, running: bool) -> (SyncScreen, Task<Message>) {
        let screen = SyncScreen {
            summary: SyncSummary::default(),
            setup: Setup::None,
            conflicts: Vec::new(),
            problems: Vec::new(),
            folder: office.save_folder().display().to_string(),
            reply: String::new(),
            running,
            done: None,
            error: None,
        };
        (screen, reload(office))
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Request>) {
        if !matches!(message, Message::Loaded(_)) {
            self.done = None;
            self.error = None;
        }
        let task = match message {
            Message::SyncNow => {
                if self.running {
                    return (Task::none(), None);
                }
                self.running = true;
                return (Task::none(), Some(Request::SyncNow));
            }
            Message::Folder(folder) => {
                self.folder = folder;
                Task::none()
            }
            Message::Reply(reply) => {
                self.reply = reply;
                Task::none()
            }
            Message::Export if !self.running => {
                let folder = PathBuf::from(self.folder.trim());
                self.start(office, UsbJob::Export { folder, at: now }, language)
            }
            Message::Import if !self.running => {
                let path = PathBuf::from(self.reply.trim());
                self.start(office, UsbJob::Import(path), language)
            }
            Message::Export | Message::Import => Task::none(),
            Message::UsbDone(outcome) => {
                self.running = false;
                self.usb_done(outcome, language);
                reload(office)
            }
            Message::Resolve(id, choice) => {
                let note = t!(language, "sync-screen-resolved-note");
                let account = account.clone();
                office.run(
                    move |store, _| {
                        store
                            .resolve_conflict(id, choice, &note, &account, now)
                            .map(|_| ())
                    },
                    Message::Resolved,
                )
            }
            Message::Resolved(result) => {
                match result {
                    Ok(_) => self.done = Some(t!(language, "sync-screen-resolved")),
                    Err(error) => self.error = Some(shown(language, &*error)),
                }
                reload(office)
            }
            Message::Loaded(result) => {
                match result {
                    Ok(snapshot) => {
                        let Snapshot {
                            summary,
                            setup,
                            conflicts,
                            problems,
                        } = *snapshot;
                        self.summary = summary;
                        self.setup = setup;
                        self.conflicts = conflicts;
                        self.problems = problems;
                    }
                    Err(error) => self.error = Some(shown(language, &*error)),
                }
                Task::none()
            }
        };
        (task, None)
    }

    fn start(&mut self, office: &Office, job: UsbJob, language: Language) -> Task<Message> {
        self.running = true;
        self.done = Some(t!(language, "sync-screen-running"));
        crate::ui::sync_runner::usb(office, job, Message::UsbDone)
    }

    fn usb_done(&mut self, outcome: UsbOutcome, language: Language) {
        self.done = None;
        match outcome {
            Ok(UsbDone::Exported(file, report)) if report.count == 0 => {
                self.done = Some(t!(
                    language,
                    "sync-export-empty",
                    file = file.display().to_string()
                ));
            }
            Ok(UsbDone::Exported(file, report)) => {
                self.done = Some(t!(
                    language,
                    "sync-export-done",
                    count = report.count.to_string(),
                    first = report.first_seq.unwrap_or(0).to_string(),
                    last = report.last_seq.unwrap_or(0).to_string(),
                    file = file.display().to_string()
                ));
            }
            Ok(UsbDone::Imported(report)) => {
                self.done = Some(t!(
                    language,
                    "sync-import-done",
                    acks = (report.acks.accepted + report.acks.duplicate + report.acks.rejected)
                        .to_string(),
                    applied = report.applied.applied.to_string(),
                    conflicts = report.applied.conflicts.to_string()
                ));
            }
            Err(error) => self.error = Some(shown(language, &*error)),
        }
    }

    /// A background sync ended: say how, and read the new counts.
    pub fn finished(
        &mut self,
        office: &Office,
        result: &Result<SyncReport, Arc<SyncError>>,
        language: Language,
    ) -> Task<Message> {
        self.running = false;
        self.done = None;
        self.error = None;
        match result {
            Ok(report) => {
                self.done = Some(match &report.waiting_until {
                    Some(at) => t!(language, "sync-run-waiting", at = at.as_str()),
                    None => t!(
                        language,
                        "sync-run-done",
                        pushed = report.pushed.to_string(),
                        accepted = report.accepted.to_string(),
                        duplicate = report.duplicate.to_string(),
                        rejected = report.rejected.to_string(),
                        pulled = report.pulled.to_string(),
                        applied = report.applied.to_string(),
                        conflicts = report.conflicts.to_string()
                    ),
                })
            }
            Err(error) => self.error = Some(shown(language, &**error)),
        }
        reload(office)
    }

    pub fn view(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let summary = &self.summary;
        let none = t!(language, "sync-screen-never");
        let mut page =
            column![look.title(t!(language, "sync-screen-title"))].spacing(look.scale.space);
        page = page.push(look.body(match &self.setup {
            Setup::County(url) => t!(language, "sync-screen-county", url = url.as_str()),
            Setup::UsbOnly => t!(language, "sync-screen-usb-only"),
            Setup::None => t!(language, "sync-error-not-configured"),
        }));
        let counts = [
            (
                t!(language, "sync-screen-pending"),
                summary.pending + summary.sending,
            ),
            (t!(language, "sync-screen-failed"), summary.failed),
            (t!(language, "sync-screen-rejected"), summary.rejected),
            (t!(language, "sync-screen-sent"), summary.sent),
            (t!(language, "sync-screen-conflicts"), summary.conflicts),
        ];
        let mut numbers = row![].spacing(look.scale.space * 2.0);
        for (label, count) in counts {
            numbers = numbers.push(
                column![look.heading(count.to_string()), look.small(label)]
                    .align_x(Alignment::Center),
            );
        }
        page = page.push(numbers.wrap());
        let when = |at: &Option<String>| {
            at.as_deref()
                .map_or_else(|| none.clone(), |at| date_time(language, at))
        };
        page = page.push(look.field(
            t!(language, "sync-screen-last-success"),
            when(&summary.last_success),
        ));
        page = page.push(look.field(
            t!(language, "sync-screen-last-error"),
            summary.last_error.clone().unwrap_or_else(|| none.clone()),
        ));
        if summary.next_retry.is_some() {
            page = page.push(look.field(
                t!(language, "sync-screen-next-retry"),
                when(&summary.next_retry),
            ));
        }
        page = page.push(if self.running {
            look.caution(t!(language, "sync-screen-running"))
        } else {
            look.tap(
                "sync-now",
                look.strong(t!(language, "sync-screen-now")),
                Message::SyncNow,
                theme::primary_button,
            )
        });
        // The last error is on the screen already when the latest try is what failed.
        if let Some(error) = self
            .error
            .as_ref()
            .filter(|&error| summary.last_error.as_ref() != Some(error))
        {
            page = page.push(error_line(look, error));
        }
        if let Some(done) = &self.done {
            page = page.push(look.body(done.clone()));
        }
        page = page.push(
            look.section(
                t!(language, "sync-screen-usb"),
                column![
                    look.small(t!(language, "sync-screen-usb-hint")),
                    input(
                        look,
                        "sync-folder",
                        t!(language, "sync-screen-folder"),
                        &self.folder,
                        Message::Folder,
                        None
                    ),
                    look.tap(
                        "sync-export",
                        look.strong(t!(language, "sync-screen-export")),
                        Message::Export,
                        theme::secondary_button
                    ),
                    input(
                        look,
                        "sync-reply",
                        t!(language, "sync-screen-reply"),
                        &self.reply,
                        Message::Reply,
                        None
                    ),
                    look.tap(
                        "sync-import",
                        look.strong(t!(language, "sync-screen-import")),
                        Message::Import,
                        theme::secondary_button
                    ),
                ]
                .spacing(look.scale.space * 0.6),
            ),
        );
        if !self.problems.is_empty() {
            page = page.push(look.section(
                t!(language, "sync-screen-problems"),
                look.bullets(self.problems.iter().map(|problem| {
                    t!(
                        language,
                        "sync-screen-problem",
                        seq = problem.seq.to_string(),
                        what = event_words(language, &problem.kind),
                        state = if problem.state == "rejected" {
                            t!(language, "sync-screen-rejected")
                        } else {
                            t!(language, "sync-screen-failed")
                        },
                        reason = problem.last_error.clone().unwrap_or_default()
                    )
                })),
            ));
        }
        for conflict in &self.conflicts {
            page = page.push(conflict_card(look, conflict));
        }
        page.into()
    }
}

/// One conflict: both versions in words, and a button to keep each.
fn conflict_card(look: Look, conflict: &Conflict) -> Element<'_, Message> {
    let language = look.language;
    let case = conflict
        .case_number
        .clone()
        .unwrap_or_else(|| conflict.entity_id.clone());
    let rated_twice = conflict.entity == crate::store::RATING_TWICE;
    let title = if conflict.entity == crate::store::NUMBER_CLASH {
        t!(language, "sync-screen-number-clash-title", case = case)
    } else if rated_twice {
        t!(language, "follow-up-sync-rated-twice", case = case)
    } else {
        t!(language, "sync-screen-conflict-title", case = case)
    };
    let local = t!(
        language,
        "sync-screen-conflict-local",
        version = version_words(language, &conflict.local_kind, &conflict.local_payload)
    );
    let remote = t!(
        language,
        "sync-screen-conflict-remote",
        device = conflict.remote_device.as_str(),
        version = version_words(language, &conflict.remote_kind, &conflict.remote_payload)
    );
    let keep = |key: &str, label: String, choice| {
        look.tap(
            &format!("conflict-{key}-{}", conflict.id),
            look.strong(label),
            Message::Resolve(conflict.id, choice),
            theme::secondary_button,
        )
    };
    // 一次一评: ours stays the case's rating; staff only take note of the other one.
    let choices = if rated_twice {
        row![keep(
            "local",
            t!(language, "follow-up-sync-noted"),
            ConflictChoice::Local
        )]
    } else {
        row![
            keep(
                "local",
                t!(language, "sync-screen-keep-local"),
                ConflictChoice::Local
            ),
            keep(
                "remote",
                t!(language, "sync-screen-keep-remote"),
                ConflictChoice::Remote
            ),
        ]
    };
    look.section(
        title,
        column![
            look.body(local),
            look.body(remote),
            choices.spacing(look.scale.pad).wrap(),
        ]
        .spacing(look.scale.space * 0.5),
    )
}

/// What kind of change an event records, in words.
fn event_words(language: Language, event_kind: &str) -> String {
    match EventKind::from_code(event_kind) {
        Some(EventKind::HouseholdRegistered) => t!(language, "sync-event-household"),
        Some(EventKind::ApplicationCreated) => t!(language, "sync-event-application"),
        Some(EventKind::CaseStateChanged) => t!(language, "sync-event-state"),
        Some(EventKind::CaseHandedOver) => t!(language, "sync-event-hand-over"),
        Some(EventKind::ConflictResolved) => t!(language, "sync-event-conflict"),
        Some(EventKind::CountyDecision) => t!(language, "sync-event-decision"),
        Some(EventKind::AccountChanged) => t!(language, "sync-event-account"),
        Some(EventKind::RatingRecorded) => t!(language, "follow-up-sync-event-rating"),
        Some(EventKind::FollowUpChanged) => t!(language, "follow-up-sync-event-follow-up"),
        None => event_kind.to_owned(),
    }
}

/// A version of a case as people say it: the state it moved to, by whom, with the note (or,
/// for a rating, its level, where and when it was given).
fn version_words(language: Language, kind: &str, payload: &str) -> String {
    let Ok(payload) = Payload::decode(kind, payload) else {
        return String::new();
    };
    if let Payload::RatingRecorded(rating) = &payload {
        return crate::ui::rating_words::summary(language, rating);
    }
    let state = payload
        .case_state()
        .map(|state| words::state(language, state));
    let (actor, note) = match (&payload, payload.case_update()) {
        (Payload::ApplicationCreated(created), _) => (created.case.agent.as_str(), ""),
        (_, Some(update)) => (update.actor, update.note),
        _ => ("", ""),
    };
    [state.as_deref(), Some(actor), Some(note)]
        .into_iter()
        .flatten()
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Reads the counts, the county's address and the open conflicts on the store's thread.
fn reload(office: &Office) -> Task<Message> {
    office.run(
        |store, _| {
            let setup = match SyncConfig::load(store)? {
                None => Setup::None,
                Some(SyncConfig { url: None, .. }) => Setup::UsbOnly,
                Some(SyncConfig { url: Some(url), .. }) => Setup::County(url),
            };
            Ok::<_, StoreError>(Box::new(Snapshot {
                summary: store.sync_summary()?,
                setup,
                conflicts: store.conflicts()?,
                problems: store.outbox_problems(PROBLEMS_SHOWN)?,
            }))
        },
        Message::Loaded,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::application::CaseState;

    #[test]
    fn a_version_reads_as_its_state_actor_and_note() {
        let payload = r#"{"application":"a","number":null,"from":"accepted","to":"completed","due_date":null,"actor":"李代办","note":"已送达"}"#;
        let words = version_words(Language::ZhCn, "case_state_changed", payload);
        assert_eq!(
            words,
            format!(
                "{} · 李代办 · 已送达",
                super::words::state(Language::ZhCn, CaseState::Completed)
            )
        );
        assert_eq!(
            version_words(Language::ZhCn, "case_state_changed", "not json"),
            ""
        );
    }

    #[test]
    fn a_rating_reads_as_its_level_channel_and_time() {
        let payload = r#"{"id":"r","application":"a","case_number":"n","item_id":null,
            "window":null,"agent_login":null,"channel":"kiosk","level":"satisfied","reasons":[],
            "comment":"","contact":"","rated_at":"2026-11-27T16:00:00+08:00","device":"02"}"#;
        assert_eq!(
            version_words(Language::ZhCn, "rating_recorded", payload),
            "满意 ★★★★☆ · 自助终端 · 2026-11-27 16:00"
        );
        assert_eq!(event_words(Language::ZhCn, "follow_up_changed"), "差评回访");
    }
}
