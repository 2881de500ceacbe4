//! 内容维护 (staff and admins): the hall profile, windows, villages, service items, policies and
//! notices, edited as one document and saved together; and the history of every saved version,
//! each restorable. Saving goes through `crate::content_edit` on the store's thread (the same
//! check as an import or start-up); the problems it finds show under their fields, and the
//! kiosk and the desk show the saved content at once.

pub mod fields;
pub mod hall;
pub mod history;
pub mod items;
pub mod notices;
pub mod places;
pub mod policies;

use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Element, Task};

use self::fields::{Problems, problem_line};
use self::hall::HallForm;
use self::history::History;
use self::items::ItemForm;
use self::notices::NoticeForm;
use self::places::{VillageMessage, VillagesForm, WindowMessage, WindowsForm};
use self::policies::PolicyForm;
use super::form;
use super::office::Office;
use crate::clock::Timestamp;
use crate::content::{ContentError, Shipped};
use crate::content_edit::{self, EditError, Preview};
use crate::domain::Content;
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{Account, Author, Revision, Store};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// How many revisions the history lists.
const HISTORY_LENGTH: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Hall,
    Windows,
    Villages,
    Items,
    Policies,
    Notices,
    History,
}

impl Tab {
    const ALL: [Tab; 7] = [
        Tab::Hall,
        Tab::Windows,
        Tab::Villages,
        Tab::Items,
        Tab::Policies,
        Tab::Notices,
        Tab::History,
    ];

    fn key(self) -> &'static str {
        match self {
            Tab::Hall => "content-tab-hall",
            Tab::Windows => "content-tab-windows",
            Tab::Villages => "content-tab-villages",
            Tab::Items => "content-tab-items",
            Tab::Policies => "content-tab-policies",
            Tab::Notices => "content-tab-notices",
            Tab::History => "content-tab-history",
        }
    }

    fn label(self, language: Language) -> String {
        let l = language;
        match self {
            Tab::Hall => t!(l, "content-tab-hall"),
            Tab::Windows => t!(l, "content-tab-windows"),
            Tab::Villages => t!(l, "content-tab-villages"),
            Tab::Items => t!(l, "content-tab-items"),
            Tab::Policies => t!(l, "content-tab-policies"),
            Tab::Notices => t!(l, "content-tab-notices"),
            Tab::History => t!(l, "content-tab-history"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Busy {
    Saving,
    Restoring,
    Comparing,
}

#[derive(Debug, Clone)]
pub struct ContentScreen {
    /// The saved content the edits started from, and its revision.
    base: Arc<Content>,
    base_revision: Option<i64>,
    /// The content as edited so far: a form writes into it when another entry is picked.
    draft: Content,
    tab: Tab,
    hall: HallForm,
    windows: WindowsForm,
    villages: VillagesForm,
    item: Option<ItemForm>,
    policy: Option<PolicyForm>,
    notice: Option<NoticeForm>,
    history: History,
    problems: Problems,
    busy: Option<Busy>,
    last: Option<Result<String, String>>,
}

/// A save (or undo, or import) done, with what the screen shows next.
#[derive(Debug)]
pub struct Reloaded {
    content: Arc<Content>,
    revision: i64,
    revisions: Vec<Revision>,
    first_change: Option<crate::domain::content_diff::Change>,
    change_count: usize,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Hall(hall::Message),
    Windows(WindowMessage),
    Villages(VillageMessage),
    Item(items::Message),
    Policy(policies::Message),
    Notice(notices::Message),
    History(history::Message),
    Save,
    Saved(Result<Arc<Reloaded>, Arc<EditError>>),
    Offered(Result<Box<Preview>, Arc<EditError>>),
}

/// What the desk must do.
#[derive(Debug, Clone)]
pub enum Event {
    /// New content was saved: the kiosk and the desk show it from now on.
    Changed(Arc<Content>),
}

impl ContentScreen {
    /// Reads the content in use, its revision and history (on the store's thread).
    pub fn load(store: &Store) -> Result<ContentScreen, EditError> {
        let current = content_edit::current(store)?;
        let revisions = store.content_revisions(HISTORY_LENGTH)?;
        Ok(ContentScreen::new(
            Arc::new(current.content),
            current.revision,
            revisions,
        ))
    }

    fn new(base: Arc<Content>, revision: Option<i64>, revisions: Vec<Revision>) -> ContentScreen {
        let shipped = crate::content::shipped_version().filter(|version| *version != base.version);
        ContentScreen {
            draft: (*base).clone(),
            hall: HallForm::new(&base.hall),
            windows: WindowsForm::new(&base.windows),
            villages: VillagesForm::new(&base.villages),
            item: base.items.first().map(ItemForm::new),
            policy: base.policies.first().map(PolicyForm::new),
            notice: base.notices.first().map(NoticeForm::new),
            history: History::new(revisions, shipped),
            base,
            base_revision: revision,
            tab: Tab::Hall,
            problems: Problems::default(),
            busy: None,
            last: None,
        }
    }

    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// The content as the forms have it now, and what in them cannot be read.
    fn edited(&self) -> (Content, Vec<ContentError>) {
        let mut content = self.draft.clone();
        let mut found = Vec::new();
        // What a form finds is named by the file its entry lives in, as the loader names it.
        let file = |found: &mut Vec<ContentError>, start: usize, name: &str| {
            for problem in &mut found[start..] {
                problem.file = name.to_owned();
            }
            found.len()
        };
        self.hall.apply(&mut content, &mut found);
        self.windows.apply(&mut content, &mut found);
        let start = file(&mut found, 0, crate::content::HALL);
        self.villages.apply(&mut content, &mut found);
        let start = file(&mut found, start, crate::content::VILLAGES);
        if let Some(form) = &self.item {
            form.apply(&mut content, &mut found);
        }
        let start = file(&mut found, start, "items/");
        if let Some(form) = &self.policy {
            form.apply(&mut content, &mut found);
        }
        let start = file(&mut found, start, "policies.toml");
        if let Some(form) = &self.notice {
            form.apply(&mut content, &mut found);
        }
        file(&mut found, start, "notices.toml");
        (content, found)
    }

    /// Edits not saved, including what was typed and cannot be read yet.
    pub fn has_unsaved_input(&self) -> bool {
        let (content, found) = self.edited();
        !found.is_empty() || content != *self.base
    }

    /// Puts what the forms hold into the draft before another entry is picked; false (and the
    /// problems shown) when something typed cannot be read.
    fn keep_edits(&mut self) -> bool {
        let (content, found) = self.edited();
        if found.is_empty() {
            self.draft = content;
            true
        } else {
            self.problems = Problems(found);
            false
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Tab(tab) => self.tab = tab,
            Message::Hall(message) => self.hall.update(message),
            Message::Windows(message) => self.windows.update(message),
            Message::Villages(message) => self.villages.update(message),
            Message::Item(items::Message::Pick(choice)) => {
                if self.keep_edits()
                    && let Some(item) = self.draft.item(&choice.value)
                {
                    self.item = Some(ItemForm::new(item));
                }
            }
            Message::Item(message) => {
                if let Some(form) = &mut self.item {
                    form.update(message);
                }
            }
            Message::Policy(policies::Message::Pick(choice)) => {
                if self.keep_edits()
                    && let Some(policy) = self.draft.policy(&choice.value)
                {
                    self.policy = Some(PolicyForm::new(policy));
                }
            }
            Message::Policy(message) => {
                if let Some(form) = &mut self.policy {
                    form.update(message);
                }
            }
            Message::Notice(notices::Message::Pick(choice)) => {
                if self.keep_edits()
                    && let Some(notice) = self.draft.notice(&choice.value)
                {
                    self.notice = Some(NoticeForm::new(notice));
                }
            }
            Message::Notice(notices::Message::Add) => {
                if self.keep_edits() {
                    let notice = notices::new_notice(&self.draft, now.date_naive());
                    self.notice = Some(NoticeForm::new(&notice));
                    self.draft.notices.push(notice);
                }
            }
            Message::Notice(notices::Message::Remove) => {
                if let Some(form) = self.notice.take() {
                    self.draft.notices.retain(|notice| notice.id != form.id());
                    self.notice = self.draft.notices.first().map(NoticeForm::new);
                }
            }
            Message::Notice(message) => {
                if let Some(form) = &mut self.notice {
                    form.update(message);
                }
            }
            Message::History(message) => {
                return (self.history_request(message, office, account, now), None);
            }
            Message::Save if self.busy.is_some() => {}
            Message::Save => return (self.save(office, account, language, now), None),
            Message::Saved(result) => {
                self.busy = None;
                match result {
                    Ok(reloaded) => {
                        let content = Arc::clone(&reloaded.content);
                        self.reload(&reloaded, language);
                        return (Task::none(), Some(Event::Changed(content)));
                    }
                    Err(error) => {
                        let words = shown(language, &*error);
                        self.last = Some(Err(match &*error {
                            EditError::Content(problems) if !problems.is_empty() => t!(
                                language,
                                "content-not-saved",
                                count = problems.len(),
                                first = problem_line(language, &self.draft, &problems[0])
                            ),
                            _ => words,
                        }));
                        if let EditError::Content(problems) = &*error {
                            self.problems = Problems(problems.clone());
                        }
                    }
                }
            }
            Message::Offered(result) => {
                self.busy = None;
                match result {
                    Ok(preview) => self.history.show_offer(*preview),
                    Err(error) => self.last = Some(Err(shown(language, &*error))),
                }
            }
        }
        (Task::none(), None)
    }

    fn save(
        &mut self,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        let (after, found) = self.edited();
        if !found.is_empty() {
            self.last = Some(Err(t!(
                language,
                "content-not-saved",
                count = found.len(),
                first = problem_line(language, &self.draft, &found[0])
            )));
            self.problems = Problems(found);
            return Task::none();
        }
        if after == *self.base {
            self.last = Some(Err(shown(language, &EditError::Unchanged)));
            return Task::none();
        }
        self.problems = Problems::default();
        self.busy = Some(Busy::Saving);
        let base = self.base_revision;
        let author = author(account);
        office.run(
            move |store, _| {
                let saved = content_edit::save(store, base, &after, &author, now)?;
                reloaded(store, saved)
            },
            Message::Saved,
        )
    }

    fn history_request(
        &mut self,
        message: history::Message,
        office: &Office,
        account: &Account,
        now: Timestamp,
    ) -> Task<Message> {
        if self.busy.is_some() {
            return Task::none();
        }
        let author = author(account);
        match self.history.update(message) {
            None => Task::none(),
            Some(history::Request::Undo(id)) => {
                self.busy = Some(Busy::Restoring);
                office.run(
                    move |store, _| {
                        let saved = content_edit::undo(store, id, &author, now)?;
                        reloaded(store, saved)
                    },
                    Message::Saved,
                )
            }
            Some(history::Request::PreviewShipped) => {
                self.busy = Some(Busy::Comparing);
                office.run(
                    |store, _| {
                        let shipped = content_edit::read(&Shipped)?;
                        content_edit::preview(store, shipped, true).map(Box::new)
                    },
                    Message::Offered,
                )
            }
            Some(history::Request::AdoptShipped(preview)) => {
                self.busy = Some(Busy::Saving);
                office.run(
                    move |store, _| {
                        let saved = content_edit::import(store, *preview, &author, now)?;
                        reloaded(store, saved)
                    },
                    Message::Saved,
                )
            }
        }
    }

    /// The saved content becomes the base; the forms show it, on the same tab and entries.
    fn reload(&mut self, reloaded: &Reloaded, language: Language) {
        let mut screen = ContentScreen::new(
            Arc::clone(&reloaded.content),
            Some(reloaded.revision),
            reloaded.revisions.clone(),
        );
        screen.tab = self.tab;
        let content = &reloaded.content;
        if let Some(item) = self.item.as_ref().and_then(|form| content.item(form.id())) {
            screen.item = Some(ItemForm::new(item));
        }
        if let Some(policy) = self
            .policy
            .as_ref()
            .and_then(|form| content.policy(form.id()))
        {
            screen.policy = Some(PolicyForm::new(policy));
        }
        if let Some(notice) = self
            .notice
            .as_ref()
            .and_then(|form| content.notice(form.id()))
        {
            screen.notice = Some(NoticeForm::new(notice));
        }
        let first = reloaded
            .first_change
            .as_ref()
            .map(|change| crate::content::words::change_line(language, change))
            .unwrap_or_default();
        screen.last = Some(Ok(t!(
            language,
            "content-saved",
            revision = reloaded.revision,
            count = reloaded.change_count,
            first = first
        )));
        *self = screen;
    }

    pub fn view<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        let tabs = Tab::ALL.iter().map(|&tab| {
            let style = if tab == self.tab {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            look.tap(
                tab.key(),
                look.strong(tab.label(language)),
                Message::Tab(tab),
                style,
            )
        });
        let busy = self.busy.map(|busy| match busy {
            Busy::Saving => t!(language, "content-busy-saving"),
            Busy::Restoring => t!(language, "content-busy-restoring"),
            Busy::Comparing => t!(language, "content-busy-comparing"),
        });
        let mut page = column![
            look.heading(t!(language, "content-title")),
            look.body(t!(language, "content-explain")),
            row(tabs)
                .spacing(look.scale.pad)
                .wrap()
                .vertical_spacing(look.scale.pad),
            row![
                look.tap(
                    "content-save",
                    look.strong(t!(language, "content-save"))
                        .color(theme::ON_PRIMARY),
                    Message::Save,
                    theme::primary_button
                ),
                form::answer(look, busy, self.last.as_ref()),
            ]
            .spacing(look.scale.pad * 2.0)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(look.scale.space * 0.8);
        let problems = &self.problems;
        let body: Element<'a, Message> = match self.tab {
            Tab::Hall => self.hall.view(look, problems).map(Message::Hall),
            Tab::Windows => self.windows.view(look, problems).map(Message::Windows),
            Tab::Villages => self.villages.view(look, problems).map(Message::Villages),
            Tab::Items => match &self.item {
                Some(form) => form.view(look, &self.draft, problems).map(Message::Item),
                None => look.body(t!(language, "content-none")).into(),
            },
            Tab::Policies => match &self.policy {
                Some(form) => form.view(look, &self.draft, problems).map(Message::Policy),
                None => look.body(t!(language, "content-none")).into(),
            },
            Tab::Notices => match &self.notice {
                Some(form) => form.view(look, &self.draft, problems).map(Message::Notice),
                None => look.tap(
                    "content-notice-add",
                    look.strong(t!(language, "content-add-notice")),
                    Message::Notice(notices::Message::Add),
                    theme::secondary_button,
                ),
            },
            Tab::History => self
                .history
                .view(look, &self.base.version)
                .map(Message::History),
        };
        page = page.push(body);
        // Every problem, also those of entries not on screen; below the forms, so that it
        // coming or going moves nothing above.
        if !self.problems.is_empty() {
            let lines = self
                .problems
                .0
                .iter()
                .map(|problem| problem_line(language, &self.draft, problem));
            page = page.push(look.caution(lines.collect::<Vec<_>>().join("\n")));
        }
        page.into()
    }
}

/// The account as a revision's author.
fn author(account: &Account) -> Author {
    Author {
        login: Some(account.login.clone()),
        name: account.name.clone(),
    }
}

/// After a save: the new content, its revision and the history.
fn reloaded(store: &mut Store, saved: content_edit::Saved) -> Result<Arc<Reloaded>, EditError> {
    Ok(Arc::new(Reloaded {
        revisions: store.content_revisions(HISTORY_LENGTH)?,
        revision: saved.revision,
        first_change: saved.changes.first().cloned(),
        change_count: saved.changes.len(),
        content: Arc::new(saved.content),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_read_through_its_form_is_unchanged() {
        let shipped = Arc::new(crate::content::shipped().unwrap());
        let mut screen = ContentScreen::new(Arc::clone(&shipped), None, Vec::new());
        assert!(!screen.has_unsaved_input());
        let unchanged = |screen: &ContentScreen, what: &str| {
            let (content, found) = screen.edited();
            assert_eq!(found, vec![], "{what}");
            assert!(content == *shipped, "{what} reads back changed");
        };
        for item in &shipped.items {
            screen.item = Some(ItemForm::new(item));
            unchanged(&screen, &item.id);
        }
        for policy in &shipped.policies {
            screen.policy = Some(PolicyForm::new(policy));
            unchanged(&screen, &policy.id);
        }
        for notice in &shipped.notices {
            screen.notice = Some(NoticeForm::new(notice));
            unchanged(&screen, &notice.id);
        }
    }

    #[test]
    fn a_number_typed_wrong_is_named_with_its_file_and_nothing_else_changes() {
        let shipped = Arc::new(crate::content::shipped().unwrap());
        let mut screen = ContentScreen::new(Arc::clone(&shipped), None, Vec::new());
        screen.hall.update(hall::Message::FollowUpDays("七".into()));
        assert!(
            screen.has_unsaved_input(),
            "what cannot be read yet is unsaved too"
        );
        screen
            .villages
            .update(VillageMessage::Groups(0, "x".into()));
        let (_, found) = screen.edited();
        let named: Vec<_> = found
            .iter()
            .map(|p| (p.file.as_str(), p.field.as_str()))
            .collect();
        assert_eq!(
            named,
            vec![
                ("hall.toml", "follow_up_working_days"),
                ("villages.toml", "groups")
            ]
        );
        assert!(screen.has_unsaved_input());
    }
}
