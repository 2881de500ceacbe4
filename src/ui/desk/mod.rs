//! The agents' desk: login and registration, the case list, a case, a new application, household
//! registration and (for admins) accounts. Farmers never see it: leaving it, or the hall's desk
//! idle time without input (a warning first), logs out and returns to the kiosk's Home.
//!
//! Like halloy's screens, each screen's `update` returns the work it starts as a `Task` (the
//! database on the store's thread, printers and files on their own) and an optional event for
//! the desk; `view` only draws what `update` already has.

pub mod accounts;
pub mod case;
pub mod cases;
pub mod chart;
pub mod choice;
pub mod content;
pub mod follow_ups;
pub mod form;
pub mod hall_setup;
pub mod household;
pub mod intake;
pub mod login;
pub mod logs;
pub mod office;
pub mod picker;
pub mod print;
pub mod rater;
pub mod roster_import;
pub mod scanned;
pub mod settings;
pub mod stats;
pub mod sync;
mod tab_order;
pub mod words;

use std::collections::HashMap;
use std::sync::Arc;

use iced::widget::{column, row};
use iced::{Alignment, Element, Length, Task};

use self::accounts::Accounts;
use self::case::CaseView;
use self::cases::CaseList;
use self::content::ContentScreen;
use self::follow_ups::FollowUpScreen;
use self::hall_setup::HallSetup;
use self::household::HouseholdEditor;
use self::intake::Intake;
use self::login::{Login, LoginMessage, Registration, RegistrationMessage};
use self::logs::LogsScreen;
use self::office::Office;
use self::picker::{Picker, Target};
use self::print::PrintScreen;
use self::rater::DeskRater;
use self::roster_import::RosterImport;
use self::settings::SettingsScreen;
use self::stats::StatsScreen;
use self::sync::SyncScreen;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::account::Role;
use crate::domain::rating_page::desk_asks_rating;
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{Account, StoreError};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

#[derive(Debug, Clone)]
pub enum Screen {
    Login(Login),
    Register(Registration),
    Cases(CaseList),
    Case(Box<CaseView>),
    Intake(Box<Intake>),
    Household(HouseholdEditor),
    Accounts(Accounts),
    Print(Box<PrintScreen>),
    Sync(Box<SyncScreen>),
    Logs(LogsScreen),
    Settings(SettingsScreen),
    RosterImport(RosterImport),
    Stats(Box<StatsScreen>),
    /// A new terminal's hall profile, before its first admin.
    HallSetup(HallSetup),
    /// 差评回访 (staff and admins).
    FollowUps(Box<FollowUpScreen>),
    /// 评价器: 请群众评价 after a case was accepted or completed, then the farmer's page.
    Rater(Box<DeskRater>),
    /// The hall's content and its history (staff and admins).
    Content(Box<ContentScreen>),
}

/// The desk's sections, as its menu offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Login,
    Register,
    Cases,
    NewApplication,
    NewHousehold,
    Accounts,
    /// Cards, receipts and handbooks (staff and admins).
    Print,
    /// The county sync and the USB exchange (staff and admins).
    Sync,
    /// The terminal's log (admins).
    Logs,
    /// This terminal's own settings (admins).
    Settings,
    /// A village's roster from a file (staff and admins).
    RosterImport,
    /// 差评回访 and 申诉复核 (staff and admins).
    FollowUps,
    /// Statistics and the monthly report (staff and admins).
    Stats,
    /// The hall's content: profile, windows, villages, items, policies, notices (staff and
    /// admins).
    Content,
}

#[derive(Debug, Clone)]
pub enum Message {
    Show(Section),
    Login(LoginMessage),
    Register(RegistrationMessage),
    Cases(cases::Message),
    Case(case::Message),
    Intake(intake::Message),
    Household(household::Message),
    Accounts(accounts::Message),
    Print(print::Message),
    Sync(sync::Message),
    Logs(logs::Message),
    Settings(settings::Message),
    RosterImport(roster_import::Message),
    Stats(stats::Message),
    HallSetup(hall_setup::Message),
    FollowUps(follow_ups::Message),
    Rater(rater::Message),
    Content(content::Message),
    /// The rare-character picker over a name field.
    Picker(picker::Message),
    Logout,
    /// The bar's "← 返回" while logged in: the previous desk screen.
    Back,
    /// The answer to "leave without saving?" / "log out?": true leaves.
    Confirm(bool),
    /// A screen that needed the database first, loaded on the store's thread (or why not, in
    /// words).
    Opened(Result<Screen, String>),
    /// Whether this terminal still has no admin (then the desk starts with the set-up).
    NeedsFirstAdmin(Result<bool, Arc<StoreError>>),
    /// The answer to "take up the form left at the last idle logout?": true takes it up.
    Draft(bool),
    /// What a scanned QR code leads to (see [`scanned`]).
    Scanned(Result<scanned::Found, Arc<StoreError>>),
}

/// Where the agent asked to go while a form held unsaved input (or from the desk's first
/// screen, out of the desk): asked before it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    Back,
    Show(Section),
    Logout,
}

/// How many desk screens "← 返回" can go back through.
const BACK_DEPTH: usize = 10;

/// What the desk asks the kiosk to do.
#[derive(Debug, Clone)]
pub enum Event {
    LoggedOut,
    /// Start a background sync now ("立即同步").
    SyncNow,
    /// New content was installed (the set-up) or saved (content management): the kiosk shows
    /// it from now on.
    ContentChanged(Arc<crate::domain::Content>),
}

/// What one message did: work started off the window's thread, and what the kiosk must do.
pub type Step = (Task<Message>, Option<Event>);

/// A form an agent left with unsaved input when the desk logged out for lack of input: kept in
/// memory for that agent alone and offered back at their next login on this terminal.
#[derive(Debug, Clone)]
pub struct Draft {
    screen: Screen,
    left_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct Desk {
    session: Option<Account>,
    screen: Screen,
    /// Why a screen could not be opened, shown above the one still there until the next move.
    notice: Option<String>,
    /// A screen is being loaded.
    opening: bool,
    /// A background sync is running.
    syncing: bool,
    /// The screens "← 返回" goes back to, the latest last.
    back: Vec<Screen>,
    /// A question on screen: leave with unsaved input, or log out?
    asking: Option<Leave>,
    /// Forms left at idle logouts, by account id; they outlive the session, not the program.
    drafts: HashMap<i64, Draft>,
    /// The logged-in agent's draft, offered back at login.
    offered: Option<Draft>,
    /// The rare-character picker, open over a name field of the screen.
    picker: Option<Picker>,
}

impl Default for Desk {
    fn default() -> Desk {
        Desk::new()
    }
}

impl Desk {
    /// The login screen; [`Desk::check_setup`] turns it into the first admin's set-up on a
    /// terminal with none.
    pub fn new() -> Desk {
        Desk {
            session: None,
            screen: Screen::Login(Login::default()),
            notice: None,
            opening: false,
            syncing: false,
            back: Vec::new(),
            asking: None,
            drafts: HashMap::new(),
            offered: None,
            picker: None,
        }
    }

    /// Asks whether the terminal has an admin yet.
    pub fn check_setup(office: &Office) -> Task<Message> {
        office.run(
            |store, _| store.has_active_admin().map(|has| !has),
            Message::NeedsFirstAdmin,
        )
    }

    /// Back to the login screen, nobody logged in; forms left at idle logouts stay.
    pub fn reset(&mut self) {
        let drafts = std::mem::take(&mut self.drafts);
        let syncing = self.syncing;
        *self = Desk {
            drafts,
            syncing,
            ..Desk::new()
        };
    }

    /// The desk logs out for lack of input: a form with unsaved input is kept for its agent.
    pub fn idle_logout(&mut self, now: Timestamp) {
        if let Some(account) = &self.session
            && self.has_unsaved_input()
        {
            let draft = Draft {
                screen: self.screen.clone(),
                left_at: now,
            };
            tracing::info!(account = %account.login, "idle logout; the unsaved form is kept for its agent");
            self.drafts.insert(account.id, draft);
        }
        self.reset();
    }

    /// A background sync started (from the timer or "立即同步").
    pub fn sync_started(&mut self) {
        self.syncing = true;
    }

    /// A background sync ended: the sync screen says how, and lists show the new badges.
    pub fn sync_finished(
        &mut self,
        office: &Office,
        outcome: &crate::ui::sync_runner::SyncOutcome,
        language: Language,
        today: chrono::NaiveDate,
    ) -> Task<Message> {
        self.syncing = false;
        match &mut self.screen {
            Screen::Sync(screen) => screen
                .finished(office, outcome, language)
                .map(Message::Sync),
            Screen::Cases(list) => list.reload(office, today).map(Message::Cases),
            Screen::FollowUps(screen) => screen.reload(office).map(Message::FollowUps),
            _ => Task::none(),
        }
    }

    pub fn session(&self) -> Option<&Account> {
        self.session.as_ref()
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// True while a screen is being loaded or a form is being saved.
    pub fn is_busy(&self) -> bool {
        self.opening
            || match &self.screen {
                Screen::Login(login) => login.is_busy(),
                Screen::Register(form) => form.is_busy(),
                Screen::Accounts(list) => list.is_busy(),
                Screen::Settings(screen) => screen.is_busy(),
                Screen::RosterImport(screen) => screen.is_busy(),
                Screen::HallSetup(screen) => screen.is_busy(),
                Screen::FollowUps(screen) => screen.is_busy(),
                Screen::Stats(screen) => screen.is_busy(),
                Screen::Content(screen) => screen.is_busy(),
                _ => false,
            }
    }

    /// Whether a form left at an idle logout is being offered back.
    pub fn offers_draft(&self) -> bool {
        self.offered.is_some()
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Step {
        let step = self.handle(message, office, language, now);
        // The picker goes with the field it fills (a saved form, another screen).
        if let Some(picker) = &self.picker
            && picker.target().value(&self.screen).is_none()
        {
            self.picker = None;
        }
        step
    }

    /// The picker, if open.
    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    fn handle(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Step {
        let today = now.date_naive();
        // While the desk asks for a rating, only the rating answers (see `rater`).
        if let Screen::Rater(rater) = &mut self.screen {
            return match message {
                Message::Rater(message) => {
                    let (task, done) = rater.update(message, office, language, now);
                    if let Some(case) = done {
                        self.screen = Screen::Case(case);
                    }
                    (task.map(Message::Rater), None)
                }
                Message::Opened(_) | Message::Scanned(_) => {
                    // A screen asked for before the rating is dropped.
                    self.opening = false;
                    (Task::none(), None)
                }
                _ => (Task::none(), None),
            };
        }
        // 生僻字 beside a name field opens the picker for it; the picker's taps change it.
        if let Some(target) = Target::asked_by(&message) {
            if target.value(&self.screen).is_none() {
                return (Task::none(), None);
            }
            let (picker, task) = Picker::open(target);
            self.picker = Some(picker);
            return (task.map(Message::Picker), None);
        }
        if let Message::Picker(message) = message {
            return self.picked(message, office, language, now);
        }
        // Leaving a form with unsaved input, or the desk itself, is asked first.
        let leave = match &message {
            Message::Back => Some(Leave::Back),
            Message::Show(section) => Some(Leave::Show(*section)),
            Message::Logout => Some(Leave::Logout),
            _ => None,
        };
        if let Some(leave) = leave {
            let at_root = leave == Leave::Back && self.back.is_empty();
            if self.has_unsaved_input() || at_root {
                self.asking = Some(if at_root { Leave::Logout } else { leave });
                return (Task::none(), None);
            }
            return self.leave(leave, office, now, language);
        }
        let session = self.session.clone();
        match (message, &mut self.screen, session) {
            (Message::Confirm(yes), _, _) => {
                return match self.asking.take() {
                    Some(leave) if yes => self.leave(leave, office, now, language),
                    _ => (Task::none(), None),
                };
            }
            (Message::Opened(result), _, _) => {
                self.opening = false;
                match result {
                    Ok(screen) => self.go(screen),
                    Err(words) => self.notice = Some(words),
                }
            }
            (Message::NeedsFirstAdmin(result), Screen::Login(_), None) => match result {
                // A sample profile first asks for the hall's own, then the first admin.
                Ok(true) if office.content().hall.sample => {
                    self.screen = Screen::HallSetup(HallSetup::new(&office.content().hall));
                }
                Ok(true) => self.screen = Screen::Register(Registration::first_admin()),
                Ok(false) => {}
                Err(error) => self.notice = Some(shown(language, &*error)),
            },
            (Message::HallSetup(message), Screen::HallSetup(setup), None) => {
                let (task, done) = setup.update(message, office, language);
                let event = match done {
                    Some(hall_setup::Done::Installed(content)) => {
                        self.screen = Screen::Register(Registration::first_admin());
                        Some(Event::ContentChanged(content))
                    }
                    Some(hall_setup::Done::Later) => {
                        self.screen = Screen::Register(Registration::first_admin());
                        None
                    }
                    None => None,
                };
                return (task.map(Message::HallSetup), event);
            }
            (Message::Draft(take), _, Some(_)) => {
                if let Some(draft) = self.offered.take()
                    && take
                {
                    self.go(draft.screen);
                }
            }
            (Message::Scanned(result), _, Some(_)) => {
                self.opening = false;
                return (self.show_scanned(result, office, language), None);
            }
            (Message::Login(message), Screen::Login(login), _) => {
                let (task, account) = login.update(message, office, language, now);
                if let Some(account) = account {
                    return self.start_session(account, office, today);
                }
                return (task.map(Message::Login), None);
            }
            (Message::Register(message), Screen::Register(form), _) => {
                let (task, account) = form.update(message, office, language, now);
                if let Some(account) = account
                    && form.first_admin
                {
                    return self.start_session(account, office, today);
                }
                return (task.map(Message::Register), None);
            }
            (Message::Cases(message), Screen::Cases(list), Some(_)) => {
                let (task, open) = list.update(message, office, language, today);
                return match open {
                    Some(id) => (
                        Task::batch([
                            task.map(Message::Cases),
                            self.open_case(id, office, language),
                        ]),
                        None,
                    ),
                    None => (task.map(Message::Cases), None),
                };
            }
            (Message::Case(case::Message::PrintReceipt), Screen::Case(view), Some(_)) => {
                let (screen, task) = PrintScreen::for_case(&view.case, office, language, now);
                self.go(Screen::Print(Box::new(screen)));
                return (task.map(Message::Print), None);
            }
            // Accepted (after 补正) or completed: the farmer is asked for a rating.
            (Message::Case(case::Message::Saved(Ok(view))), Screen::Case(old), Some(_))
                if desk_asks_rating(Some(old.case.state), view.case.state) =>
            {
                return self.ask_rating(view, office);
            }
            (Message::Case(message), Screen::Case(view), Some(account)) => {
                return (
                    view.update(message, office, &account, language, now)
                        .map(Message::Case),
                    None,
                );
            }
            (Message::Intake(message), Screen::Intake(form), Some(account)) => {
                let (task, saved) = form.update(message, office, &account, language, now);
                if let Some(view) = saved {
                    // Accepted at once: the farmer is asked for a rating first.
                    if desk_asks_rating(None, view.case.state) {
                        let (ask, event) = self.ask_rating(view, office);
                        return (Task::batch([task.map(Message::Intake), ask]), event);
                    }
                    // The saved form is done with: "← 返回" skips it.
                    self.screen = Screen::Case(view);
                }
                return (task.map(Message::Intake), None);
            }
            (Message::Household(message), Screen::Household(editor), Some(account)) => {
                let (task, saved) = editor.update(message, office, &account, language, now);
                if let Some(saved) = saved {
                    let name = crate::ui::names::shown(&saved.household.head_name);
                    let name = name.as_str();
                    // The banner belongs to the new screen: it comes and goes with it, so it
                    // never moves a form under the agent's fingers.
                    let banner = if saved.existing {
                        t!(language, "household-existing", name = name)
                    } else {
                        t!(language, "household-saved", name = name)
                    };
                    // The saved form is done with: "← 返回" skips it.
                    let intake = Intake::new(Some(saved.household)).with_banner(banner);
                    self.screen = Screen::Intake(Box::new(intake));
                }
                return (task.map(Message::Household), None);
            }
            (Message::Logs(message), Screen::Logs(screen), Some(account))
                if account.role == Role::Admin =>
            {
                return (
                    screen.update(message, office, language).map(Message::Logs),
                    None,
                );
            }
            (Message::RosterImport(message), Screen::RosterImport(screen), Some(account))
                if can_print(&account) =>
            {
                return (
                    screen
                        .update(message, office, &account, language)
                        .map(Message::RosterImport),
                    None,
                );
            }
            (Message::Stats(message), Screen::Stats(screen), Some(account))
                if can_print(&account) =>
            {
                return (
                    screen
                        .update(message, office, language, today)
                        .map(Message::Stats),
                    None,
                );
            }
            (Message::Settings(message), Screen::Settings(screen), Some(account))
                if account.role == Role::Admin =>
            {
                return (
                    screen
                        .update(message, office, language)
                        .map(Message::Settings),
                    None,
                );
            }
            (Message::Accounts(message), Screen::Accounts(list), Some(account))
                if account.role == Role::Admin =>
            {
                return (
                    list.update(message, office, &account, language, now)
                        .map(Message::Accounts),
                    None,
                );
            }
            // Agents reach only a case's receipt; the full screen is for staff and admins.
            (Message::Print(message), Screen::Print(screen), Some(account))
                if screen.is_for_case() || can_print(&account) =>
            {
                let (task, event) = screen.update(message, office, &account, language, now);
                let task = task.map(Message::Print);
                return match event {
                    Some(print::Event::OpenCase(id)) => (
                        Task::batch([task, self.open_case(id, office, language)]),
                        None,
                    ),
                    None => (task, None),
                };
            }
            (Message::Content(message), Screen::Content(screen), Some(account))
                if can_print(&account) =>
            {
                let (task, event) = screen.update(message, office, &account, language, now);
                let event =
                    event.map(|content::Event::Changed(content)| Event::ContentChanged(content));
                return (task.map(Message::Content), event);
            }
            (Message::Sync(message), Screen::Sync(screen), Some(account))
                if can_print(&account) =>
            {
                let (task, request) = screen.update(message, office, &account, language, now);
                let event = request.map(|sync::Request::SyncNow| Event::SyncNow);
                return (task.map(Message::Sync), event);
            }
            (Message::FollowUps(message), Screen::FollowUps(screen), Some(account))
                if can_print(&account) =>
            {
                let task = screen.update(message, office, &account, language, now);
                return (task.map(Message::FollowUps), None);
            }
            // A message for a screen no longer shown (or without a session) changes nothing.
            _ => {}
        }
        (Task::none(), None)
    }

    /// A tap in the picker: a character added to its field or the last one taken off (through
    /// the screen's own edit message), or the picker closed and the field focused again.
    fn picked(
        &mut self,
        message: picker::Message,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Step {
        let Some(picker) = &mut self.picker else {
            // An answer for a picker closed since.
            return (Task::none(), None);
        };
        let target = picker.target();
        let (task, event) = picker.update(message, language);
        let task = task.map(Message::Picker);
        let value = target.value(&self.screen).map(str::to_owned);
        let changed = match (event, value) {
            (None, Some(_)) => return (task, None),
            (Some(picker::Event::Insert(ch)), Some(value)) => picker::target::with_char(&value, ch),
            (Some(picker::Event::DeleteLast), Some(value)) => picker::target::without_last(&value),
            (Some(picker::Event::Close), _) | (_, None) => {
                self.picker = None;
                let focus = target
                    .input_id()
                    .map_or_else(Task::none, iced::widget::operation::focus);
                return (Task::batch([task, focus]), None);
            }
        };
        let (edited, event) = self.update(target.edit(changed), office, language, now);
        (Task::batch([task, edited]), event)
    }

    /// 请群众评价 on a case just accepted or completed (the form or case it replaces is done
    /// with: "← 返回" skips it).
    fn ask_rating(&mut self, case: Box<CaseView>, office: &Office) -> Step {
        let (rater, check) = DeskRater::start(case, office);
        self.screen = Screen::Rater(Box::new(rater));
        (check.map(Message::Rater), None)
    }

    /// The screen faces the farmer (评价器): the desk's own controls are gone.
    pub fn is_farmer_facing(&self) -> bool {
        matches!(&self.screen, Screen::Rater(rater) if rater.is_farmer_facing())
    }

    /// The desk asks for a rating: the kiosk's bar (back, home) is not drawn either.
    pub fn is_rating(&self) -> bool {
        matches!(self.screen, Screen::Rater(_))
    }

    /// The clock moved on: the rating's thank-you gives the case back.
    pub fn tick(&mut self, now: std::time::Instant) {
        if let Screen::Rater(rater) = &self.screen
            && let Some(case) = rater.tick(now)
        {
            self.screen = Screen::Case(case);
        }
    }

    /// Logged in: the case list first, and the agent's own draft offered back if one was left.
    fn start_session(
        &mut self,
        account: Account,
        office: &Office,
        today: chrono::NaiveDate,
    ) -> Step {
        self.offered = self.drafts.remove(&account.id);
        let (list, load) = CaseList::open(office, today, can_print(&account));
        self.screen = Screen::Cases(list);
        self.back.clear();
        self.session = Some(account);
        (load.map(Message::Cases), None)
    }

    fn show(
        &mut self,
        section: Section,
        office: &Office,
        now: Timestamp,
        language: Language,
    ) -> Task<Message> {
        let today = now.date_naive();
        let session = self.session.clone();
        let (screen, task) = match (section, &session) {
            (Section::Login, _) | (_, None) if section != Section::Register => {
                (Screen::Login(Login::default()), Task::none())
            }
            (Section::Register, _) => {
                let (form, check) = Registration::open(office);
                (Screen::Register(form), check.map(Message::Register))
            }
            (Section::Cases, Some(account)) => {
                let (list, load) = CaseList::open(office, today, can_print(account));
                (Screen::Cases(list), load.map(Message::Cases))
            }
            (Section::NewApplication, Some(_)) => {
                (Screen::Intake(Box::new(Intake::new(None))), Task::none())
            }
            (Section::NewHousehold, Some(_)) => {
                (Screen::Household(HouseholdEditor::new()), Task::none())
            }
            (Section::Accounts, Some(account)) if account.role == Role::Admin => {
                self.opening = true;
                return office.run(
                    move |store, _| Accounts::load(store, now).map(Screen::Accounts),
                    move |result| Message::Opened(result.map_err(|error| shown(language, &*error))),
                );
            }
            (Section::Logs, Some(account)) if account.role == Role::Admin => {
                let (screen, load) = LogsScreen::open(office);
                (Screen::Logs(screen), load.map(Message::Logs))
            }
            (Section::RosterImport, Some(account)) if can_print(account) => {
                (Screen::RosterImport(RosterImport::default()), Task::none())
            }
            (Section::Stats, Some(account)) if can_print(account) => {
                let (screen, load) = StatsScreen::open(office, today);
                (Screen::Stats(Box::new(screen)), load.map(Message::Stats))
            }
            (Section::Settings, Some(account)) if account.role == Role::Admin => {
                let (screen, load) = SettingsScreen::open(office);
                (Screen::Settings(screen), load.map(Message::Settings))
            }
            (Section::Content, Some(account)) if can_print(account) => {
                self.opening = true;
                return office.run(
                    |store, _| {
                        ContentScreen::load(store).map(|screen| Screen::Content(Box::new(screen)))
                    },
                    move |result| Message::Opened(result.map_err(|error| shown(language, &*error))),
                );
            }
            (Section::Print, Some(account)) if can_print(account) => {
                let (screen, load) = PrintScreen::open(office, language);
                (Screen::Print(Box::new(screen)), load.map(Message::Print))
            }
            (Section::FollowUps, Some(account)) if can_print(account) => {
                let (screen, load) = FollowUpScreen::open(office);
                (
                    Screen::FollowUps(Box::new(screen)),
                    load.map(Message::FollowUps),
                )
            }
            (Section::Sync, Some(account)) if can_print(account) => {
                let (screen, load) = SyncScreen::open(office, self.syncing);
                (Screen::Sync(Box::new(screen)), load.map(Message::Sync))
            }
            _ => return Task::none(),
        };
        self.go(screen);
        task
    }

    /// A QR code the scanner read while an agent is at the desk: a card opens its household, a
    /// receipt or a notice its case (never over a form with unsaved input, nor while the farmer
    /// rates).
    pub fn scanned(
        &mut self,
        scan: crate::domain::scan::Scan,
        office: &Office,
        language: Language,
    ) -> Task<Message> {
        if self.session.is_none() || self.is_rating() {
            return Task::none();
        }
        if self.has_unsaved_input() {
            self.notice = Some(t!(language, "scan-form-open"));
            return Task::none();
        }
        self.opening = true;
        scanned::look_up(scan, office, language, Message::Scanned)
    }

    fn show_scanned(
        &mut self,
        result: Result<scanned::Found, Arc<StoreError>>,
        office: &Office,
        language: Language,
    ) -> Task<Message> {
        use scanned::Found;
        match result {
            Ok(Found::Household { household, card }) => {
                // A form typed into while the lookup ran is not thrown away.
                if self.has_unsaved_input() {
                    self.notice = Some(t!(language, "scan-form-open"));
                    return Task::none();
                }
                let banner = t!(
                    language,
                    "scan-card-opened",
                    card = card,
                    name = household.head_name.as_str()
                );
                self.notice = None;
                self.go(Screen::Intake(Box::new(
                    Intake::new(Some(household)).with_banner(banner),
                )));
                Task::none()
            }
            Ok(Found::Case(id)) => {
                self.notice = None;
                self.open_case(id, office, language)
            }
            Ok(Found::Nothing(words)) => {
                self.notice = Some(words);
                Task::none()
            }
            Err(error) => {
                self.notice = Some(shown(language, &*error));
                Task::none()
            }
        }
    }

    /// Loads the case (and the agents it can be handed to), then shows it.
    fn open_case(&mut self, id: String, office: &Office, language: Language) -> Task<Message> {
        self.opening = true;
        office.run(
            move |store, _| CaseView::load(store, &id).map(|view| Screen::Case(Box::new(view))),
            move |result| Message::Opened(result.map_err(|error| shown(language, &*error))),
        )
    }

    /// Shows `screen`, remembering the current one for "← 返回" while someone is logged in.
    fn go(&mut self, screen: Screen) {
        let previous = std::mem::replace(&mut self.screen, screen);
        self.asking = None;
        self.picker = None;
        if self.session.is_some() && !matches!(previous, Screen::Login(_) | Screen::Register(_)) {
            if self.back.len() == BACK_DEPTH {
                self.back.remove(0);
            }
            self.back.push(previous);
        }
    }

    /// True when the screen holds a form with input that was not saved.
    pub fn has_unsaved_input(&self) -> bool {
        match &self.screen {
            Screen::Intake(form) => form.has_input(),
            Screen::Household(editor) => editor.has_input(),
            Screen::Content(screen) => screen.has_unsaved_input(),
            _ => false,
        }
    }

    /// The question on screen, if any.
    pub fn asking(&self) -> Option<Leave> {
        self.asking
    }

    /// Goes where `leave` says, the question (if any) answered.
    fn leave(&mut self, leave: Leave, office: &Office, now: Timestamp, language: Language) -> Step {
        let today = now.date_naive();
        self.asking = None;
        self.notice = None;
        match leave {
            Leave::Logout => {
                self.reset();
                (Task::none(), Some(Event::LoggedOut))
            }
            Leave::Back => {
                let Some(previous) = self.back.pop() else {
                    return (Task::none(), None);
                };
                self.screen = previous;
                // A list shows what changed while it was away.
                let task = match &mut self.screen {
                    Screen::Cases(list) => list.reload(office, today).map(Message::Cases),
                    _ => Task::none(),
                };
                (task, None)
            }
            Leave::Show(section) => (self.show(section, office, now, language), None),
        }
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &'a Content,
        office: &'a Office,
        today: chrono::NaiveDate,
    ) -> Element<'a, Message> {
        let language = look.language;
        let screen: Element<'a, Message> = match &self.screen {
            Screen::Login(login) => column![
                login.view(look).map(Message::Login),
                look.tap(
                    "desk-register",
                    look.strong(t!(language, "login-register")),
                    Message::Show(Section::Register),
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.space * 2.0)
            .into(),
            Screen::Register(form) => {
                let mut page =
                    column![form.view(look).map(Message::Register)].spacing(look.scale.space * 2.0);
                if !form.first_admin {
                    page = page.push(look.tap(
                        "desk-to-login",
                        look.strong(t!(language, "register-to-login")),
                        Message::Show(Section::Login),
                        theme::secondary_button,
                    ));
                }
                page.into()
            }
            Screen::Cases(list) => list.view(look, content, office, today).map(Message::Cases),
            Screen::Case(view) => view.view(look, content, office, today).map(Message::Case),
            Screen::Intake(form) => form.view(look, content).map(Message::Intake),
            Screen::Household(editor) => editor.view(look, content).map(Message::Household),
            Screen::Print(screen) => screen.view(look, content).map(Message::Print),
            Screen::Sync(screen) => screen.view(look).map(Message::Sync),
            Screen::Logs(screen) => screen.view(look).map(Message::Logs),
            Screen::Settings(screen) => screen.view(look).map(Message::Settings),
            Screen::RosterImport(screen) => screen.view(look).map(Message::RosterImport),
            Screen::Stats(screen) => screen.view(look, today).map(Message::Stats),
            Screen::HallSetup(screen) => screen.view(look).map(Message::HallSetup),
            Screen::Rater(rater) => rater.view(look, content).map(Message::Rater),
            Screen::Content(screen) => screen.view(look).map(Message::Content),
            Screen::Accounts(list) => match &self.session {
                Some(admin) => list.view(look, admin).map(Message::Accounts),
                None => column![].into(),
            },
            Screen::FollowUps(screen) => match &self.session {
                Some(account) => screen
                    .view(look, content, account, today)
                    .map(Message::FollowUps),
                None => column![].into(),
            },
        };
        // 评价器: the rating alone, no menu, no notices.
        if self.is_rating() {
            return screen;
        }
        let mut page = column![].spacing(look.scale.space).width(Length::Fill);
        if let Some(account) = &self.session {
            page = page.push(self.menu(look, account));
        }
        if let Some(draft) = &self.offered {
            page = page.push(draft_offer(look, draft));
        }
        // A screen that could not be opened says why above the one still shown.
        if let Some(notice) = &self.notice {
            page = page.push(look.caution(notice.clone()));
        }
        // Tab and Shift+Tab move through the screen's text boxes in order.
        page.push(tab_order::tab_order(screen)).into()
    }

    /// The question before leaving, or else the rare-character picker, drawn over the screen
    /// (see the kiosk's layers).
    pub fn overlay<'a>(&'a self, look: Look) -> Option<Element<'a, Message>> {
        if let Some(leave) = self.asking {
            return Some(question(look, leave, self.has_unsaved_input()));
        }
        let picker = self.picker.as_ref()?;
        let target = picker.target();
        let value = target.value(&self.screen)?;
        Some(
            picker
                .view(look, target.label(look.language), value)
                .map(Message::Picker),
        )
    }

    fn menu<'a>(&'a self, look: Look, account: &'a Account) -> Element<'a, Message> {
        let language = look.language;
        let entry = |key: &str, label: String, section: Section| {
            look.tap(
                key,
                look.strong(label),
                Message::Show(section),
                theme::secondary_button,
            )
        };
        let mut menu = row![
            entry("desk-cases", t!(language, "desk-cases"), Section::Cases),
            entry(
                "desk-new-application",
                t!(language, "desk-new-application"),
                Section::NewApplication
            ),
            entry(
                "desk-new-household",
                t!(language, "desk-new-household"),
                Section::NewHousehold
            ),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
        if can_print(account) {
            menu = menu.push(entry(
                "desk-print",
                t!(language, "desk-print"),
                Section::Print,
            ));
            menu = menu.push(entry("desk-sync", t!(language, "desk-sync"), Section::Sync));
            menu = menu.push(entry(
                "desk-follow-ups",
                t!(language, "desk-follow-ups"),
                Section::FollowUps,
            ));
            menu = menu.push(entry(
                "desk-roster",
                t!(language, "desk-roster"),
                Section::RosterImport,
            ));
            menu = menu.push(entry(
                "desk-stats",
                t!(language, "desk-stats"),
                Section::Stats,
            ));
            menu = menu.push(entry(
                "desk-content",
                t!(language, "desk-content"),
                Section::Content,
            ));
        }
        if account.role == Role::Admin {
            menu = menu.push(entry(
                "desk-accounts",
                t!(language, "desk-accounts"),
                Section::Accounts,
            ));
            menu = menu.push(entry("desk-logs", t!(language, "desk-logs"), Section::Logs));
            menu = menu.push(entry(
                "desk-settings",
                t!(language, "desk-settings"),
                Section::Settings,
            ));
        }
        menu.push(look.body(crate::ui::names::shown(&format!(
            "{} · {}",
            account.name,
            words::role(language, account.role)
        ))))
        .push(look.tap(
            "desk-logout",
            look.strong(t!(language, "desk-logout")),
            Message::Logout,
            theme::primary_button,
        ))
        .wrap()
        .vertical_spacing(look.scale.pad)
        .into()
    }
}

/// "Leave without saving?" (whenever input would be lost) or "Log out?", with the two answers.
fn question<'a>(look: Look, leave: Leave, unsaved: bool) -> Element<'a, Message> {
    let language = look.language;
    let (asked, yes, no) = if unsaved {
        (
            t!(language, "desk-ask-discard"),
            t!(language, "desk-ask-discard-yes"),
            t!(language, "desk-ask-keep-editing"),
        )
    } else {
        debug_assert_eq!(leave, Leave::Logout);
        (
            t!(language, "desk-ask-logout"),
            t!(language, "desk-logout"),
            t!(language, "desk-ask-stay"),
        )
    };
    let card = column![
        look.heading(asked),
        row![
            look.tap(
                "desk-ask-no",
                look.strong(no),
                Message::Confirm(false),
                theme::primary_button
            ),
            look.tap(
                "desk-ask-yes",
                look.strong(yes),
                Message::Confirm(true),
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.pad)
        .wrap(),
    ]
    .spacing(look.scale.space * 1.5);
    crate::ui::widget::modal(look, card)
}

/// "上次自动退出时，您有一份没保存的表单", with 继续填写 and 丢弃.
fn draft_offer<'a>(look: Look, draft: &Draft) -> Element<'a, Message> {
    let language = look.language;
    let form = match draft.screen {
        Screen::Household(_) => t!(language, "desk-new-household"),
        Screen::Content(_) => t!(language, "desk-content"),
        _ => t!(language, "desk-new-application"),
    };
    column![
        look.caution(t!(
            language,
            "desk-draft-offer",
            form = form,
            at = draft.left_at.format("%H:%M").to_string()
        )),
        row![
            look.tap(
                "desk-draft-take",
                look.strong(t!(language, "desk-draft-take")),
                Message::Draft(true),
                theme::primary_button
            ),
            look.tap(
                "desk-draft-drop",
                look.strong(t!(language, "desk-draft-drop")),
                Message::Draft(false),
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.pad),
    ]
    .spacing(look.scale.pad)
    .into()
}

/// Staff and admins print cards, receipts and handbooks; agents print their cases' receipts.
fn can_print(account: &Account) -> bool {
    matches!(account.role, Role::Staff | Role::Admin)
}
