//! The agents' desk: login and registration, the case list, a case, a new application, household
//! registration and (for admins) accounts. Farmers never see it: leaving it, or five minutes
//! without input, logs out and returns to the kiosk's Home.

pub mod accounts;
pub mod case;
pub mod cases;
pub mod choice;
mod form;
pub mod household;
pub mod intake;
pub mod login;
pub mod logs;
pub(crate) mod messages;
pub mod office;
pub mod print;
pub mod sync;
pub mod words;

use iced::widget::{column, row};
use iced::{Alignment, Element, Length};

use self::accounts::Accounts;
use self::case::CaseView;
use self::cases::CaseList;
use self::household::HouseholdEditor;
use self::intake::Intake;
use self::login::{Login, LoginMessage, Registration, RegistrationMessage};
use self::logs::LogsScreen;
use self::office::Office;
use self::print::PrintScreen;
use self::sync::SyncScreen;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::account::Role;
use crate::i18n::Language;
use crate::store::Account;
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
    Logout,
    /// The bar's "← 返回" while logged in: the previous desk screen.
    Back,
    /// The answer to "leave without saving?" / "log out?": true leaves.
    Confirm(bool),
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
    /// Write or read a USB bundle off the window's thread.
    Usb(crate::ui::sync_runner::UsbJob),
    /// Draw the print screen's document (layout `u64`) as PDF off the window's thread.
    RenderPdf(std::sync::Arc<crate::print::page::Document>, u64),
    /// Read the latest log entries off the window's thread.
    LoadLogs,
}

#[derive(Debug, Clone)]
pub struct Desk {
    session: Option<Account>,
    screen: Screen,
    /// A line shown above the screen ("已登记", "已保存").
    notice: Option<String>,
    /// A background sync is running.
    syncing: bool,
    /// The screens "← 返回" goes back to, the latest last.
    back: Vec<Screen>,
    /// A question on screen: leave with unsaved input, or log out?
    asking: Option<Leave>,
}

impl Desk {
    /// The login screen, or the first admin's set-up on a terminal with none.
    pub fn new(office: &Office) -> Desk {
        let screen = if office.store.has_active_admin().unwrap_or(true) {
            Screen::Login(Login::default())
        } else {
            Screen::Register(Registration::first_admin())
        };
        Desk {
            session: None,
            screen,
            notice: None,
            syncing: false,
            back: Vec::new(),
            asking: None,
        }
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
    ) {
        self.syncing = false;
        match &mut self.screen {
            Screen::Sync(screen) => screen.finished(office, outcome, language),
            Screen::Cases(list) => list.reload(office, today),
            _ => {}
        }
    }

    pub fn session(&self) -> Option<&Account> {
        self.session.as_ref()
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &mut Office,
        content: &Content,
        language: Language,
        now: Timestamp,
    ) -> Option<Event> {
        let today = now.date_naive();
        if !matches!(message, Message::Show(_)) {
            self.notice = None;
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
                return None;
            }
            return self.leave(leave, office, today, language);
        }
        if let Message::Confirm(yes) = message {
            let asked = self.asking.take();
            return match asked {
                Some(leave) if yes => self.leave(leave, office, today, language),
                _ => None,
            };
        }
        match (message, &mut self.screen, self.session.clone()) {
            (Message::Login(message), Screen::Login(login), _) => {
                if let Some(account) = login.update(message, office, language, now) {
                    self.start_session(account, office, today, language);
                }
            }
            (Message::Register(message), Screen::Register(form), _) => {
                if let Some(account) = form.update(message, office, language, now)
                    && form.first_admin
                {
                    self.start_session(account, office, today, language);
                }
            }
            (Message::Cases(message), Screen::Cases(list), Some(_)) => {
                if let Some(id) = list.update(message, office, today) {
                    self.open_case(&id, office);
                }
            }
            (Message::Case(case::Message::PrintReceipt), Screen::Case(view), Some(_)) => {
                let screen = PrintScreen::for_case(&view.case, office, content, language, now);
                self.go(Screen::Print(Box::new(screen)));
            }
            (Message::Case(message), Screen::Case(view), Some(account)) => {
                view.update(message, office, content, &account, language, now);
            }
            (Message::Intake(message), Screen::Intake(form), Some(account)) => {
                if let Some(id) = form.update(message, office, content, &account, language, now)
                    && let Ok(Some(case)) = office.store.case(&id)
                {
                    // The saved form is done with: "← 返回" skips it.
                    self.screen = Screen::Case(Box::new(CaseView::new(case, office)));
                }
            }
            (Message::Household(message), Screen::Household(editor), Some(account)) => {
                if let Some(saved) =
                    editor.update(message, office, content, &account, language, now)
                {
                    self.notice = Some(if saved.existing {
                        t!(
                            language,
                            "household-existing",
                            name = saved.household.head_name.as_str()
                        )
                    } else {
                        t!(
                            language,
                            "household-saved",
                            name = saved.household.head_name.as_str()
                        )
                    });
                    // The saved form is done with: "← 返回" skips it.
                    self.screen = Screen::Intake(Box::new(Intake::new(Some(saved.household))));
                }
            }
            (Message::Logs(message), Screen::Logs(screen), Some(account))
                if account.role == Role::Admin =>
            {
                return screen.update(message).then_some(Event::LoadLogs);
            }
            (Message::Accounts(message), Screen::Accounts(list), Some(account))
                if account.role == Role::Admin =>
            {
                list.update(message, office, &account, language, now);
            }
            // Agents reach only a case's receipt; the full screen is for staff and admins.
            (Message::Print(message), Screen::Print(screen), Some(account))
                if screen.is_for_case() || can_print(&account) =>
            {
                match screen.update(message, office, content, &account, language, now) {
                    Some(print::Event::OpenCase(id)) => self.open_case(&id, office),
                    Some(print::Event::Render(document, generation)) => {
                        return Some(Event::RenderPdf(document, generation));
                    }
                    None => {}
                }
            }
            (Message::Sync(message), Screen::Sync(screen), Some(account))
                if can_print(&account) =>
            {
                match screen.update(message, office, &account, language, now) {
                    Some(sync::Request::SyncNow) => return Some(Event::SyncNow),
                    Some(sync::Request::Usb(job)) => return Some(Event::Usb(job)),
                    None => {}
                }
            }
            // A message for a screen no longer shown (or without a session) changes nothing.
            _ => {}
        }
        None
    }

    /// Logged in: the case list first.
    fn start_session(
        &mut self,
        account: Account,
        office: &Office,
        today: chrono::NaiveDate,
        language: Language,
    ) {
        self.show(Section::Cases, office, Some(&account), today, language);
        self.session = Some(account);
    }

    fn show(
        &mut self,
        section: Section,
        office: &Office,
        session: Option<&Account>,
        today: chrono::NaiveDate,
        language: Language,
    ) {
        let screen = match (section, session) {
            (Section::Login, _) | (_, None) if section != Section::Register => {
                Screen::Login(Login::default())
            }
            (Section::Register, _) => Screen::Register(Registration::default()),
            (Section::Cases, Some(_)) => {
                let mut list = CaseList::default();
                list.reload(office, today);
                Screen::Cases(list)
            }
            (Section::NewApplication, Some(_)) => Screen::Intake(Box::new(Intake::new(None))),
            (Section::NewHousehold, Some(_)) => Screen::Household(HouseholdEditor::new()),
            (Section::Accounts, Some(account)) if account.role == Role::Admin => {
                Screen::Accounts(Accounts::load(office))
            }
            (Section::Logs, Some(account)) if account.role == Role::Admin => {
                Screen::Logs(LogsScreen::loading())
            }
            (Section::Print, Some(account)) if can_print(account) => {
                Screen::Print(Box::new(PrintScreen::new(office, language)))
            }
            (Section::Sync, Some(account)) if can_print(account) => {
                let folder = office.save_folder();
                Screen::Sync(Box::new(SyncScreen::new(office, folder, self.syncing)))
            }
            _ => return,
        };
        self.go(screen);
    }

    fn open_case(&mut self, id: &str, office: &Office) {
        if let Ok(Some(case)) = office.store.case(id) {
            self.go(Screen::Case(Box::new(CaseView::new(case, office))));
        }
    }

    /// Shows `screen`, remembering the current one for "← 返回" while someone is logged in.
    fn go(&mut self, screen: Screen) {
        let previous = std::mem::replace(&mut self.screen, screen);
        self.asking = None;
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
            _ => false,
        }
    }

    /// The question on screen, if any.
    pub fn asking(&self) -> Option<Leave> {
        self.asking
    }

    /// Goes where `leave` says, the question (if any) answered.
    fn leave(
        &mut self,
        leave: Leave,
        office: &Office,
        today: chrono::NaiveDate,
        language: Language,
    ) -> Option<Event> {
        self.asking = None;
        match leave {
            Leave::Logout => {
                *self = Desk::new(office);
                Some(Event::LoggedOut)
            }
            Leave::Back => {
                let previous = self.back.pop()?;
                self.screen = previous;
                // A list shows what changed while it was away.
                if let Screen::Cases(list) = &mut self.screen {
                    list.reload(office, today);
                }
                None
            }
            Leave::Show(section) => {
                let session = self.session.clone();
                self.show(section, office, session.as_ref(), today, language);
                (section == Section::Logs && matches!(self.screen, Screen::Logs(_)))
                    .then_some(Event::LoadLogs)
            }
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
            Screen::Accounts(list) => match &self.session {
                Some(admin) => list.view(look, admin).map(Message::Accounts),
                None => column![].into(),
            },
        };
        let mut page = column![].spacing(look.scale.space).width(Length::Fill);
        if let Some(account) = &self.session {
            page = page.push(self.menu(look, account));
        }
        if let Some(leave) = self.asking {
            page = page.push(question(look, leave, self.has_unsaved_input()));
        }
        if let Some(notice) = &self.notice {
            page = page.push(look.caution(notice.clone()));
        }
        page.push(screen).into()
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
        }
        if account.role == Role::Admin {
            menu = menu.push(entry(
                "desk-accounts",
                t!(language, "desk-accounts"),
                Section::Accounts,
            ));
            menu = menu.push(entry("desk-logs", t!(language, "desk-logs"), Section::Logs));
        }
        menu.push(look.body(format!(
            "{} · {}",
            account.name,
            words::role(language, account.role)
        )))
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
    column![
        look.caution(asked),
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
    .spacing(look.scale.pad)
    .into()
}

/// Staff and admins print cards, receipts and handbooks; agents print their cases' receipts.
fn can_print(account: &Account) -> bool {
    matches!(account.role, Role::Staff | Role::Admin)
}
