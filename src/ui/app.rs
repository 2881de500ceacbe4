//! The kiosk application: state, messages, routing, idle handling.

use crate::explain::Explain;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::widget::{column, container, operation, row, scrollable, stack};
use iced::{
    Element, Event, Length, Subscription, Task, Theme, event, keyboard, mouse, time, touch, window,
};

use super::desk::office::Office;
use super::desk::{self, Desk};
use super::kiosk_exit::{self, KioskExit};
use super::screen::rating::{self, Rating};
use super::screen::search::{self, Search};
use super::screen::status::{self, Status};
use super::screen::{self, Route};
use super::sync_runner::{self, SyncOutcome, SyncRunner};
use super::theme;
use super::widget::display_controls::{self, DisplayChange};
use super::widget::read_aloud::{self, ReadAloud};
use super::widget::{self, Look};
use crate::content::ContentError;
use crate::domain::Content;
use crate::domain::idle::{IdleAction, IdleTimer};
use crate::domain::scan::{Scan, ScanDetector, ScanKey};
use crate::domain::search::SearchIndex;
use crate::domain::type_scale::{TextSize, TypeScale};
use crate::handwriting::Handwriting;
use crate::i18n::Language;
use crate::service_manager::Notifier;
use crate::t;

/// The widget id of the page's scrollable, reset to the top on every navigation.
const PAGE_SCROLL: &str = "page";

/// How the kiosk was started.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Fullscreen public kiosk rather than a window.
    pub kiosk: bool,
    /// Print `first_frame_ms=<n>` once the first frame is shown, then exit.
    pub exit_after_first_frame: bool,
    /// When the process started, for the first-frame figure.
    pub started: Instant,
    /// Overrides the hall's idle timeout (seconds).
    pub idle_seconds: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kiosk: false,
            exit_after_first_frame: false,
            started: Instant::now(),
            idle_seconds: None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Open(Route),
    Back,
    Home,
    Display(DisplayChange),
    Search(search::Message),
    Status(status::Message),
    Rating(rating::Message),
    Desk(desk::Message),
    /// 朗读, 停止, 重播 and what the voice and player answer.
    ReadAloud(read_aloud::Message),
    /// Someone touched the screen or pressed a key.
    Activity(Instant),
    /// The idle clock.
    Tick(Instant),
    /// "继续" on the idle prompt.
    KeepSession,
    FirstFrame,
    /// Time to see whether the background sync should try (every minute).
    SyncTick,
    /// Whether the county is set up, read for the timer's sync.
    SyncConfigured(Result<bool, Arc<crate::store::StoreError>>),
    SyncFinished(SyncOutcome),
    /// The hidden way out of kiosk mode.
    KioskExit(kiosk_exit::Message),
    /// Time to tell the service manager's watchdog that the window still handles messages.
    WatchdogPing,
    /// A key no widget took, and when it came: perhaps part of a QR scanner's code.
    Scanner(ScanKey, Instant),
    /// The installed fonts are read (`crate::glyphs`): names are drawn again, rare characters
    /// with their fonts.
    FontsRead,
    /// Whether handwriting can be offered (checked after the first frame).
    HandwritingProbed(Result<(), Arc<crate::handwriting::HandwritingError>>),
}

pub struct App {
    content: Arc<Content>,
    office: Office,
    sync: SyncRunner,
    desk: Desk,
    status: Status,
    /// 评价服务 (好差评).
    rating: Rating,
    /// 朗读 of the page shown.
    read_aloud: ReadAloud,
    /// The desk's own idle clock: a warning, then logout (a form's input is kept as a draft).
    desk_idle: IdleTimer,
    index: SearchIndex,
    route: Route,
    history: Vec<Route>,
    search: Search,
    /// The handwriting recogniser, shared by every text-entry panel.
    handwriting: Handwriting,
    size: TextSize,
    /// The size chosen before 长辈版 was switched on, restored when it is switched off.
    size_before_elder: Option<TextSize>,
    language: Language,
    default_size: TextSize,
    default_language: Language,
    idle: IdleTimer,
    /// The time of the last clock tick, for the countdown shown on the prompt.
    clock: Instant,
    options: Options,
    problems: Vec<ContentError>,
    theme: Theme,
    kiosk_exit: KioskExit,
    /// Tells a USB QR scanner's codes from a person's typing.
    scanner: ScanDetector,
    /// Sample or training data, said on Home (read once at start).
    data_mark: Option<crate::print::stamp::Stamp>,
    /// systemd, when the kiosk runs as a service (`packaging/kiosk`).
    notifier: Notifier,
    first_frame_shown: bool,
}

impl App {
    pub fn new(
        content: Content,
        store: crate::store::Store,
        problems: Vec<ContentError>,
        options: Options,
    ) -> App {
        let kiosk = content.kiosk;
        let data_mark = crate::print::stamp::Stamp::of(&content, &store).unwrap_or_else(|error| {
            // Unknown is shown as sample: a real hall's Home never claims more than it knows.
            tracing::error!(%error, "whether this is training data could not be read");
            Some(crate::print::stamp::Stamp::Sample)
        });
        let content = Arc::new(content);
        let office = Office::new(store, Arc::clone(&content));
        let sync = SyncRunner::new(office.data_dir());
        let idle_after = options.idle_seconds.unwrap_or(kiosk.idle_seconds);
        let now = Instant::now();
        let default_size = TextSize::new(kiosk.default_text_size).unwrap_or(TextSize::DEFAULT);
        App {
            sync,
            desk: Desk::new(),
            office,
            status: Status::default(),
            rating: Rating::default(),
            read_aloud: ReadAloud::new(crate::speech::Speech::default()),
            desk_idle: desk_idle_timer(kiosk.desk_logout_seconds, now),
            index: SearchIndex::build(&content),
            content,
            route: Route::Home,
            history: Vec::new(),
            search: Search::default(),
            handwriting: Handwriting::default(),
            size: default_size,
            size_before_elder: None,
            language: kiosk.default_language,
            default_size,
            default_language: kiosk.default_language,
            idle: IdleTimer::new(
                Duration::from_secs(u64::from(idle_after)),
                Duration::from_secs(u64::from(kiosk.prompt_seconds)),
                now,
            ),
            clock: now,
            options,
            problems,
            theme: theme::theme(),
            kiosk_exit: KioskExit::default(),
            scanner: ScanDetector::default(),
            data_mark,
            notifier: Notifier::default(),
            first_frame_shown: false,
        }
    }

    /// This terminal's settings (`crate::settings`): the printer offered first, and the file
    /// the admins' settings screen edits.
    pub fn with_settings(mut self, printer: Option<String>, file: Option<PathBuf>) -> App {
        self.office.prefer_printer(printer);
        self.office.use_settings_file(file);
        self
    }

    /// Uses `handwriting` (another model, or none) instead of the installed recogniser.
    pub fn with_handwriting(mut self, handwriting: Handwriting) -> App {
        self.handwriting = handwriting;
        self
    }

    /// The voice and player 朗读 uses (`crate::speech`; the settings' speed and player).
    pub fn with_speech(mut self, speech: crate::speech::Speech) -> App {
        self.read_aloud = ReadAloud::new(speech);
        self
    }

    /// Tells `notifier` when the kiosk is up and keeps its watchdog fed.
    pub fn with_service_manager(mut self, notifier: Notifier) -> App {
        self.notifier = notifier;
        self
    }

    /// From now on the kiosk, the desk and the store's jobs show `content` (the set-up installed
    /// the hall's own profile).
    fn show_content(&mut self, content: Arc<Content>) {
        self.office.replace_content(Arc::clone(&content));
        self.index = SearchIndex::build(&content);
        if self.data_mark == Some(crate::print::stamp::Stamp::Sample) && !content.hall.sample {
            self.data_mark = None;
        }
        self.content = content;
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn kiosk_exit_asking(&self) -> bool {
        self.kiosk_exit.is_asking()
    }

    pub fn route(&self) -> &Route {
        &self.route
    }

    pub fn text_size(&self) -> TextSize {
        self.size
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn is_elder_mode(&self) -> bool {
        self.size_before_elder.is_some()
    }

    pub fn idle_prompt_showing(&self) -> bool {
        self.idle.is_prompting()
    }

    /// The desk's "about to log out" warning is on screen (never over the farmer's rating
    /// page: it speaks to the agent; the logout itself still comes, see `desk::rater`).
    pub fn desk_warning_showing(&self) -> bool {
        self.desk.session().is_some()
            && self.desk_idle.is_prompting()
            && !self.desk.is_farmer_facing()
    }

    /// 评价服务's state.
    pub fn rating(&self) -> &Rating {
        &self.rating
    }

    /// 朗读's state.
    pub fn read_aloud(&self) -> &ReadAloud {
        &self.read_aloud
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The handwriting recogniser shared by the text-entry panels.
    pub fn handwriting(&self) -> &Handwriting {
        &self.handwriting
    }

    /// 查进度's state.
    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    pub fn office(&self) -> &Office {
        &self.office
    }

    pub fn look(&self) -> Look {
        Look {
            scale: TypeScale::new(self.size),
            language: self.language,
        }
    }

    pub fn title(&self) -> String {
        format!(
            "{} · {}",
            t!(self.language, "app-title"),
            self.language
                .pick(&self.content.hall.name, &self.content.hall.name_en)
        )
    }

    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }

    /// Home, with the hall's defaults: nothing left to time out.
    fn at_rest(&self) -> bool {
        self.route == Route::Home
            && self.size == self.default_size
            && self.language == self.default_language
            && !self.is_elder_mode()
            && self.search.query().is_empty()
            && !self.kiosk_exit.is_asking()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Open(route) => return self.open(route),
            // Logged in, the desk has its own back (and asks before anything is lost).
            Message::Back | Message::Home
                if self.route == Route::Desk && self.desk.session().is_some() =>
            {
                let to_desk = if matches!(message, Message::Back) {
                    desk::Message::Back
                } else {
                    desk::Message::Logout
                };
                return self.update(Message::Desk(to_desk));
            }
            Message::Back => {
                let previous = self.history.pop().unwrap_or(Route::Home);
                self.leave_desk_for(&previous);
                self.read_aloud.leave();
                if self.route == Route::Rate {
                    self.rating.leave();
                }
                self.route = previous;
                return scroll_to_top();
            }
            Message::Home => {
                self.go_home();
                return scroll_to_top();
            }
            Message::Display(change) => self.change_display(change),
            Message::Search(message) => {
                let (task, route) = self.search.update(message, &self.index, &self.handwriting);
                let task = task.map(Message::Search);
                return match route {
                    Some(route) => Task::batch([task, self.open(route)]),
                    None => task,
                };
            }
            Message::Status(status::Message::Rate { case_id, item_id }) => {
                self.rating.for_case(case_id, item_id);
                return self.open(Route::Rate);
            }
            Message::Rating(message) => {
                let (task, event) =
                    self.rating
                        .update(message, &self.office, self.language, crate::clock::now());
                let task = task.map(Message::Rating);
                return match event {
                    Some(rating::Event::Home) => {
                        self.go_home();
                        Task::batch([task, scroll_to_top()])
                    }
                    None => task,
                };
            }
            Message::ReadAloud(read_aloud::Message::Read) => {
                return match self.spoken_text() {
                    Some(text) => self.read_aloud.read(text).map(Message::ReadAloud),
                    None => Task::none(),
                };
            }
            Message::ReadAloud(message) => {
                return self.read_aloud.update(message).map(Message::ReadAloud);
            }
            Message::Status(message) => {
                // A new lookup: what was read about the last answer stops.
                if matches!(message, status::Message::Lookup | status::Message::Mode(_)) {
                    self.read_aloud.leave();
                }
                return self
                    .status
                    .update(message, &self.office, &self.handwriting)
                    .map(Message::Status);
            }
            Message::Desk(message) => {
                let before = std::mem::discriminant(self.desk.screen());
                let (task, event) =
                    self.desk
                        .update(message, &self.office, self.language, crate::clock::now());
                let task = task.map(Message::Desk);
                match event {
                    Some(desk::Event::LoggedOut) => {
                        self.go_home();
                        return Task::batch([task, scroll_to_top()]);
                    }
                    Some(desk::Event::SyncNow) => {
                        return Task::batch([task, self.start_sync(true)]);
                    }
                    Some(desk::Event::ContentChanged(content)) => {
                        self.show_content(content);
                        return task;
                    }
                    None => {}
                }
                // A new screen starts at its top; typing and ticking on one keeps its place.
                if std::mem::discriminant(self.desk.screen()) != before {
                    return Task::batch([task, scroll_to_top()]);
                }
                return task;
            }
            Message::Activity(now) => {
                self.idle.input(now);
                self.desk_idle.input(now);
            }
            Message::Scanner(key, at) => {
                if !self.listens_for_scans() {
                    self.scanner.reset();
                    return Task::none();
                }
                if let Some(scan) = self.scanner.feed(key, at) {
                    return self.scanned(scan);
                }
            }
            Message::Tick(now) => {
                self.clock = now;
                if self.route == Route::Rate && self.rating.tick(now) == Some(rating::Event::Home) {
                    self.go_home();
                    return scroll_to_top();
                }
                if self.desk.session().is_some() {
                    let before = std::mem::discriminant(self.desk.screen());
                    self.desk.tick(now);
                    // The rating's thank-you gave the case back: it starts at its top.
                    if std::mem::discriminant(self.desk.screen()) != before {
                        return scroll_to_top();
                    }
                    // An agent's desk has its own, longer time, a warning, and keeps the form.
                    if self.desk_idle.tick(now, false) == IdleAction::Reset {
                        self.desk.idle_logout(crate::clock::now());
                        self.reset();
                        return scroll_to_top();
                    }
                } else if self.idle.tick(now, self.at_rest()) == IdleAction::Reset {
                    self.reset();
                    return scroll_to_top();
                }
            }
            Message::KeepSession => {
                let now = Instant::now();
                self.idle.input(now);
                self.desk_idle.input(now);
            }
            Message::SyncTick => {
                // The timer should not wake a thread on a terminal that never syncs.
                if self.sync.can_run() {
                    return self.office.run(
                        |store, _| has_county_address(store),
                        Message::SyncConfigured,
                    );
                }
            }
            Message::SyncConfigured(Ok(true)) => return self.start_sync(false),
            Message::SyncConfigured(Ok(false)) => {}
            Message::SyncConfigured(Err(error)) => {
                tracing::error!(?error, "the sync settings could not be read");
            }
            Message::SyncFinished(outcome) => {
                self.sync.finished();
                let today = crate::clock::now().date_naive();
                return self
                    .desk
                    .sync_finished(&self.office, &outcome, self.language, today)
                    .map(Message::Desk);
            }
            Message::KioskExit(message) => {
                if !self.options.kiosk {
                    return Task::none();
                }
                let (task, close) = self.kiosk_exit.update(message, &self.office, self.language);
                if close {
                    return iced::exit();
                }
                return task.map(Message::KioskExit);
            }
            Message::WatchdogPing => return notify(&self.notifier, Notifier::ping),
            Message::FontsRead => {}
            Message::HandwritingProbed(Ok(())) => {
                tracing::info!("handwriting is offered at the kiosk");
            }
            Message::HandwritingProbed(Err(reason)) => {
                tracing::info!(%reason, "handwriting is not offered: the pinyin keyboard only");
            }
            Message::FirstFrame => {
                if !self.first_frame_shown {
                    self.first_frame_shown = true;
                    if !self.options.exit_after_first_frame {
                        return Task::batch([
                            notify(&self.notifier, Notifier::ready),
                            read_installed_fonts(),
                            self.probe_handwriting(),
                        ]);
                    }
                }
                if self.options.exit_after_first_frame {
                    println!(
                        "first_frame_ms={}",
                        self.options.started.elapsed().as_millis()
                    );
                    return iced::exit();
                }
            }
        }
        Task::none()
    }

    /// Whether a scanner's code is read here: everywhere at the kiosk but 评价服务 (whose
    /// case-number box reads the receipt itself), and at the desk only for an agent logged in
    /// and not while the farmer rates.
    fn listens_for_scans(&self) -> bool {
        match self.route {
            Route::Rate => false,
            Route::Desk => self.desk.session().is_some() && !self.desk.is_rating(),
            _ => true,
        }
    }

    /// A whole code from the scanner: at the kiosk a receipt or a notice opens 查进度 with its
    /// case; at the desk a card opens its household.
    fn scanned(&mut self, scan: Scan) -> Task<Message> {
        tracing::info!(?scan, route = ?self.route, "QR code scanned");
        if self.route == Route::Desk {
            let task = self
                .desk
                .scanned(scan, &self.office, self.language)
                .map(Message::Desk);
            return Task::batch([task, scroll_to_top()]);
        }
        let open = self.open(Route::Status);
        let lookup = self
            .status
            .scanned(&scan, &self.office)
            .map(Message::Status);
        Task::batch([open, lookup])
    }

    /// Finds out, off the window's thread, whether handwriting can be offered (the library and
    /// the model are there; the model itself opens when a pad is first shown).
    fn probe_handwriting(&self) -> Task<Message> {
        let handwriting = self.handwriting.clone();
        super::background::on_thread(
            "bianmin-handwriting",
            move || handwriting.probe(),
            || {
                Err(Arc::new(crate::handwriting::HandwritingError::Recognition(
                    "the handwriting check stopped".into(),
                )))
            },
            Message::HandwritingProbed,
        )
    }

    /// Starts a background sync unless one runs; `forced` is "sync now".
    fn start_sync(&mut self, forced: bool) -> Task<Message> {
        match self.sync.start(forced, Message::SyncFinished) {
            Some(task) => {
                self.desk.sync_started();
                task
            }
            None if forced && !self.sync.is_running() => {
                // Nothing to run (an in-memory store): say why on the screen at once.
                let outcome = Err(Arc::new(crate::sync::SyncError::NotConfigured));
                let today = crate::clock::now().date_naive();
                self.desk
                    .sync_finished(&self.office, &outcome, self.language, today)
                    .map(Message::Desk)
            }
            None => Task::none(),
        }
    }

    fn open(&mut self, route: Route) -> Task<Message> {
        if route == self.route {
            return Task::none();
        }
        self.leave_desk_for(&route);
        self.read_aloud.leave();
        let entering_desk = route == Route::Desk;
        if route == Route::Home {
            self.go_home();
        } else {
            let previous = std::mem::replace(&mut self.route, route);
            self.history.push(previous);
        }
        if entering_desk {
            // A terminal with no admin yet opens on the first admin's set-up.
            let check = Desk::check_setup(&self.office).map(Message::Desk);
            return Task::batch([check, scroll_to_top()]);
        }
        scroll_to_top()
    }

    fn go_home(&mut self) {
        self.read_aloud.leave();
        self.route = Route::Home;
        self.history.clear();
        self.search = Search::default();
        // What was typed goes; the count of lookups that found nothing stays for the session.
        self.status.leave();
        self.rating.leave();
        self.desk.reset();
    }

    /// What 朗读 reads on this page: the same content the page shows (None: nothing to read).
    fn spoken_text(&self) -> Option<String> {
        let content = &self.content;
        let text = match &self.route {
            Route::Item(id) => super::spoken::item(content, content.item(id)?),
            Route::Policy(id) => super::spoken::policy(content.policy(id)?),
            Route::Notice(id) => super::spoken::notice(content.notice(id)?),
            Route::Status => super::spoken::status(content, self.readable_status()?),
            _ => return None,
        };
        Some(text)
    }

    /// Whether this page has something for 朗读 (cheap: for the bar).
    fn readable(&self) -> bool {
        let content = &self.content;
        match &self.route {
            Route::Item(id) => content.item(id).is_some(),
            Route::Policy(id) => content.policy(id).is_some(),
            Route::Notice(id) => content.notice(id).is_some(),
            Route::Status => self.readable_status().is_some(),
            _ => false,
        }
    }

    /// 查进度's answer, when it found cases.
    fn readable_status(&self) -> Option<&[crate::store::PublicStatus]> {
        self.status.found().filter(|found| !found.is_empty())
    }

    /// Farmers never see an agent's screens: leaving the desk logs out.
    fn leave_desk_for(&mut self, route: &Route) {
        if self.route == Route::Desk && *route != Route::Desk {
            self.desk.reset();
        }
    }

    /// The idle countdown ran out: the next person finds the kiosk as the hall set it up.
    fn reset(&mut self) {
        self.go_home();
        self.status = Status::default();
        self.rating = Rating::default();
        self.size = self.default_size;
        self.size_before_elder = None;
        self.language = self.default_language;
        self.kiosk_exit.close();
    }

    fn change_display(&mut self, change: DisplayChange) {
        let floor = if self.is_elder_mode() {
            TextSize::ELDER
        } else {
            TextSize::MIN
        };
        match change {
            DisplayChange::Smaller => self.size = self.size.smaller().max(floor),
            DisplayChange::Bigger => self.size = self.size.bigger(),
            DisplayChange::ToggleElderMode => match self.size_before_elder.take() {
                Some(before) => self.size = before,
                None => {
                    self.size_before_elder = Some(self.size);
                    self.size = self.size.max(TextSize::ELDER);
                }
            },
            DisplayChange::ToggleLanguage => self.language = self.language.other(),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let look = self.look();
        let content = &self.content;
        let page: Element<'_, Message> = match &self.route {
            Route::Home => screen::home::view(look, content, self.data_mark).map(Message::Open),
            Route::Categories => screen::catalog::categories(look, content).map(Message::Open),
            Route::Category(id) => screen::catalog::items_of(look, content, id).map(Message::Open),
            Route::Item(id) => screen::item::view(look, content, id).map(Message::Open),
            Route::Policies => screen::policies::list(look, content).map(Message::Open),
            Route::Policy(id) => screen::policies::detail(look, content, id).map(Message::Open),
            Route::Notices(board) => {
                screen::notices::board(look, content, board.as_deref(), self.today())
                    .map(Message::Open)
            }
            Route::Notice(id) => screen::notices::notice(look, content, id).map(Message::Open),
            Route::Search => self
                .search
                .view(look, &self.handwriting)
                .map(Message::Search),
            Route::Status => self
                .status
                .view(look, content, &self.handwriting)
                .map(Message::Status),
            Route::Rate => self.rating.view(look, content).map(Message::Rating),
            Route::Desk => self
                .desk
                .view(look, content, &self.office, self.today())
                .map(Message::Desk),
        };

        let mut layout = column![].width(Length::Fill).height(Length::Fill);
        // The desk asking for a rating (评价器) has no bar: no back, no home, no logout.
        let rating_at_desk = self.route == Route::Desk && self.desk.is_rating();
        if !rating_at_desk {
            layout = layout.push(self.top_bar());
        }
        if !self.options.kiosk && !self.problems.is_empty() && !rating_at_desk {
            layout = layout.push(
                container(look.caution(t!(
                    self.language,
                    "content-problems",
                    count = self.problems.len(),
                    first = self.problems[0].words(self.language)
                )))
                .padding(look.scale.pad),
            );
        }
        layout = layout.push(
            scrollable(
                container(page)
                    .padding(look.scale.pad * 2.0)
                    .width(Length::Fill),
            )
            .id(PAGE_SCROLL)
            // A scrollbar a finger can hold.
            .direction(scrollable::Direction::Vertical(
                scrollable::Scrollbar::new()
                    .width(look.scale.pad * 1.5)
                    .scroller_width(look.scale.pad * 1.5),
            ))
            .width(Length::Fill)
            .height(Length::Fill),
        );

        // Always a stack, so a question appearing on top never rebuilds (and unfocuses) the
        // page under it.
        let mut layers = stack![layout];
        if self.route == Route::Desk
            && let Some(question) = self.desk.overlay(look)
        {
            layers = layers.push(question.map(Message::Desk));
        }
        if let Some(problem) = self.read_aloud.problem(look) {
            layers = layers.push(problem.map(Message::ReadAloud));
        }
        if self.desk_warning_showing() {
            layers = layers.push(self.desk_warning(look));
        } else if self.idle.is_prompting() {
            layers = layers.push(self.idle_prompt(look));
        }
        if self.options.kiosk {
            layers = layers.push(self.kiosk_exit.corner().map(Message::KioskExit));
            if let Some(question) = self.kiosk_exit.prompt(look) {
                layers = layers.push(question.map(Message::KioskExit));
            }
        }
        layers.into()
    }

    /// The bar at the top of every screen: Back and Home (one tap away), and the display
    /// controls at the right edge. It is drawn at one fixed size whatever the page's size, so
    /// 字变小 and 字变大 stay under the finger that taps them again and again (on Home, 长辈版 and
    /// the language take Back's and Home's place).
    fn top_bar(&self) -> Element<'_, Message> {
        let language = self.language;
        let look = display_controls::controls_look(language);
        let bar: Element<'_, Message> = if self.route == Route::Home {
            display_controls::home_controls(look, self.size, self.is_elder_mode())
                .map(Message::Display)
        } else {
            let mut bar = row![
                look.tap(
                    "back",
                    look.strong(t!(language, "nav-back")),
                    Message::Back,
                    theme::primary_button
                ),
                look.tap(
                    "home",
                    look.strong(t!(language, "nav-home")),
                    Message::Home,
                    theme::primary_button
                ),
            ];
            // 朗读 where it stays in view while the page scrolls, a gap away from 首页.
            if self.readable() {
                bar = bar
                    .push(iced::widget::Space::new().width(look.scale.pad * 2.0))
                    .push(self.read_aloud.controls(look).map(Message::ReadAloud));
            }
            bar.push(
                // Work on its way (a screen loading) shows here, where it moves nothing.
                container(if self.route == Route::Desk && self.desk.is_busy() {
                    look.body(t!(language, "desk-loading"))
                } else {
                    look.body("")
                })
                .width(Length::Fill)
                .center_x(Length::Fill),
            )
            .push(display_controls::size_buttons(look, "bar-").map(Message::Display))
            .spacing(look.scale.pad)
            .align_y(iced::Alignment::Center)
            .into()
        };
        // A thin bar: the page below gets the height.
        container(bar)
            .padding(look.scale.pad * 0.5)
            .width(Length::Fill)
            .style(theme::bar)
            .into()
    }

    /// "还在吗？" with a countdown and a large 继续.
    fn idle_prompt(&self, look: Look) -> Element<'_, Message> {
        let seconds = self.idle.seconds_left(self.clock);
        let language = self.language;
        let words = t!(language, "idle-countdown", seconds = seconds);
        self.countdown(look, t!(language, "idle-title"), words)
    }

    /// The desk's "about to log out; the form is kept for you" with a countdown and 继续.
    fn desk_warning(&self, look: Look) -> Element<'_, Message> {
        let seconds = self.desk_idle.seconds_left(self.clock);
        let language = self.language;
        let words = t!(language, "desk-idle-countdown", seconds = seconds);
        self.countdown(look, t!(language, "desk-idle-title"), words)
    }

    fn countdown(&self, look: Look, title: String, words: String) -> Element<'_, Message> {
        let language = self.language;
        widget::modal(
            look,
            column![
                look.title(title),
                look.body(words),
                look.tap_wide(
                    "idle-continue",
                    look.title(t!(language, "idle-continue"))
                        .color(theme::ON_PRIMARY)
                        .width(Length::Fill)
                        .center(),
                    Message::KeepSession,
                    theme::primary_button
                ),
            ]
            .spacing(look.scale.space * 1.5)
            .align_x(iced::Alignment::Center),
        )
    }

    fn today(&self) -> chrono::NaiveDate {
        crate::clock::now().date_naive()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![event::listen_with(activity)];
        // The clock runs only while something could time out, so an idle Home costs nothing.
        if !self.at_rest() || self.idle.is_prompting() || self.desk.session().is_some() {
            subscriptions.push(time::every(Duration::from_secs(1)).map(Message::Tick));
        }
        // Frames are watched only until the first is shown (watching costs a third of a core).
        if self.options.exit_after_first_frame || !self.first_frame_shown {
            subscriptions.push(window::frames().map(|_| Message::FirstFrame));
        }
        if let Some(every) = self.notifier.ping_every() {
            subscriptions.push(time::every(every).map(|_| Message::WatchdogPing));
        }
        if !self.options.exit_after_first_frame {
            subscriptions.push(time::every(sync_runner::TICK).map(|_| Message::SyncTick));
        }
        // A USB QR scanner anywhere else: keys no widget took.
        if self.listens_for_scans() {
            subscriptions.push(super::scanner::listen().map(|(key, at)| Message::Scanner(key, at)));
        }
        // A keyboard or a USB QR scanner types into 评价服务's case-number box.
        if self.route == Route::Rate && self.rating.takes_typing() {
            subscriptions.push(keyboard::listen().filter_map(|event| {
                rating::typed(event).map(|typed| Message::Rating(rating::Message::Typed(typed)))
            }));
        }
        Subscription::batch(subscriptions)
    }
}

/// The desk's idle clock: the warning shows for the last minute (or the last fifth of a short
/// setting) before the logout.
fn desk_idle_timer(logout_seconds: u32, now: Instant) -> IdleTimer {
    let total = u64::from(logout_seconds);
    let warning = DESK_WARNING_SECONDS.min(total / 5).max(1);
    IdleTimer::new(
        Duration::from_secs(total - warning),
        Duration::from_secs(warning),
        now,
    )
}

/// How long the desk warns before it logs out.
const DESK_WARNING_SECONDS: u64 = 60;

/// True when the terminal has a county address to sync with (a token alone means USB only).
fn has_county_address(store: &mut crate::store::Store) -> Result<bool, crate::store::StoreError> {
    use crate::sync::SyncConfig;
    let config = SyncConfig::load(store)?;
    Ok(matches!(config, Some(SyncConfig { url: Some(_), .. })))
}

fn scroll_to_top() -> Task<Message> {
    operation::snap_to(PAGE_SCROLL, scrollable::RelativeOffset::START)
}

/// Input that proves someone is at the kiosk.
fn activity(event: Event, _status: event::Status, _window: window::Id) -> Option<Message> {
    match event {
        Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. })
            if is_exit_chord(&key, modifiers) =>
        {
            Some(Message::KioskExit(kiosk_exit::Message::Chord))
        }
        Event::Mouse(mouse::Event::ButtonPressed(_) | mouse::Event::WheelScrolled { .. })
        | Event::Touch(touch::Event::FingerPressed { .. })
        | Event::Keyboard(keyboard::Event::KeyPressed { .. }) => {
            Some(Message::Activity(Instant::now()))
        }
        _ => None,
    }
}

/// Ctrl+Alt+Shift+Q: the keyboard's way to the kiosk's exit question.
fn is_exit_chord(key: &keyboard::Key, modifiers: keyboard::Modifiers) -> bool {
    modifiers.control()
        && modifiers.alt()
        && modifiers.shift()
        && matches!(key.as_ref(), keyboard::Key::Character(c) if c.eq_ignore_ascii_case("q"))
}

/// Sends one notification to the service manager off the window's thread; a failure is logged.
/// Reads which installed font draws which character (`crate::glyphs`) on a thread of its own,
/// after the first frame: never on the way to the window, never in `update` or `view`.
fn read_installed_fonts() -> Task<Message> {
    super::background::on_thread(
        "fonts",
        || {
            crate::glyphs::installed();
        },
        || (),
        |()| Message::FontsRead,
    )
}

fn notify(notifier: &Notifier, send: fn(&Notifier) -> std::io::Result<()>) -> Task<Message> {
    if notifier == &Notifier::default() {
        return Task::none();
    }
    let notifier = notifier.clone();
    Task::future(async move {
        if let Err(error) = send(&notifier) {
            tracing::warn!(%error, "the service manager could not be told");
        }
    })
    .discard()
}
