//! The public display (公示屏, `bianmin --display`): a full-screen window nobody touches, turning
//! its pages on a timer. Between two turns it does nothing at all: one timer, no animation, no
//! input; at each turn the database is asked, cheaply, whether anything changed.

mod pages;
mod refresh;

use std::cell::Cell;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use iced::widget::{mouse_area, responsive};
use iced::{Element, Subscription, Task, Theme, mouse, time, window};

pub use refresh::{Refreshed, Seen, Snapshot};

use crate::domain::Content;
use crate::domain::display::{self, Page};
use crate::i18n::Language;
use crate::store::Store;
use crate::ui::{RunError, fonts, theme};

/// How the display was started.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How long each page stays up (`display_seconds` in the terminal's settings).
    pub every: Duration,
    pub language: Language,
    /// Print `first_frame_ms=<n>` once the first frame is shown, then exit.
    pub exit_after_first_frame: bool,
    /// When the process started, for the first-frame figure.
    pub started: Instant,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Time for the next page.
    Turn,
    /// A read of the database came back; `turn` when it was asked for by [`Message::Turn`].
    Refreshed {
        refreshed: Refreshed,
        turn: bool,
    },
    FirstFrame,
}

pub struct Display {
    store: Arc<Mutex<Store>>,
    options: Options,
    snapshot: Snapshot,
    pages: Vec<Page>,
    page: usize,
    /// A read is on its way: a turn meanwhile does not start another.
    reading: bool,
    first_frame_shown: bool,
    theme: Theme,
}

impl Display {
    /// The display on the content the terminal opened with; the figures follow from the first
    /// read, which [`Display::boot`] starts.
    pub fn new(content: Content, store: Store, options: Options) -> Display {
        let stamp = crate::print::stamp::Stamp::of(&content, &store).unwrap_or_else(|error| {
            tracing::error!(%error, "whether this is training data could not be read");
            Some(crate::print::stamp::Stamp::Sample)
        });
        let snapshot = Snapshot {
            content: Arc::new(content),
            figures: None,
            stamp,
            today: crate::clock::now().date_naive(),
            seen: None,
        };
        let mut shown = Display {
            store: Arc::new(Mutex::new(store)),
            options,
            pages: Vec::new(),
            snapshot,
            page: 0,
            reading: false,
            first_frame_shown: false,
            theme: theme::theme(),
        };
        shown.paginate();
        shown
    }

    /// The display and its first read of the figures.
    pub fn boot(mut self) -> (Display, Task<Message>) {
        let task = self.read(false);
        (self, task)
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The index of the page on screen.
    pub fn page(&self) -> usize {
        self.page
    }

    pub fn content(&self) -> &Content {
        &self.snapshot.content
    }

    pub fn title(&self) -> String {
        let hall = &self.snapshot.content.hall;
        self.options
            .language
            .pick(&hall.name, &hall.name_en)
            .to_owned()
    }

    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Turn if self.reading => self.turn(),
            Message::Turn => return self.read(true),
            Message::Refreshed { refreshed, turn } => {
                self.reading = false;
                match refreshed {
                    Ok(Some(snapshot)) => {
                        self.snapshot = snapshot;
                        self.paginate();
                    }
                    Ok(None) => {}
                    // The last good pages stay up; the next turn asks again.
                    Err(error) => {
                        tracing::error!(%error, "the display could not read the database")
                    }
                }
                if turn {
                    self.turn();
                }
            }
            Message::FirstFrame => {
                self.first_frame_shown = true;
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

    fn read(&mut self, turn: bool) -> Task<Message> {
        self.reading = true;
        let today = crate::clock::now().date_naive();
        refresh::refresh(&self.store, self.snapshot.seen, today, move |refreshed| {
            Message::Refreshed { refreshed, turn }
        })
    }

    fn turn(&mut self) {
        self.page = (self.page + 1) % self.pages.len().max(1);
    }

    fn paginate(&mut self) {
        let snapshot = &self.snapshot;
        self.pages = display::pages(
            &snapshot.content,
            snapshot.figures,
            snapshot.today,
            self.options.language,
        );
        if self.page >= self.pages.len() {
            self.page = 0;
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(page) = self.pages.get(self.page) else {
            return iced::widget::Space::new().into();
        };
        let shown = pages::Shown {
            snapshot: &self.snapshot,
            language: self.options.language,
            page,
            index: self.page,
            count: self.pages.len(),
        };
        // Sized from the window: the same page fills a 1080p screen and a small one alike.
        let screen = responsive(move |size| shown.view(pages::Scale::of(size)));
        // Nobody points at a wall: the pointer is hidden over the window.
        mouse_area(screen)
            .interaction(mouse::Interaction::Hidden)
            .into()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let turns = time::every(self.options.every).map(|_| Message::Turn);
        // Frames are watched only until the first is shown (watching costs a third of a core).
        if self.options.exit_after_first_frame || !self.first_frame_shown {
            return Subscription::batch([turns, window::frames().map(|_| Message::FirstFrame)]);
        }
        turns
    }
}

/// Opens the display full screen and runs until it is closed.
pub fn run(display: Display) -> Result<(), RunError> {
    crate::ui::open_guarded(|| open_window(display))
}

fn open_window(display: Display) -> iced::Result {
    // iced asks for the initial state through a Fn; it is called once.
    let initial = Cell::new(Some(display));
    let window = window::Settings {
        fullscreen: true,
        decorations: false,
        ..window::Settings::default()
    };
    let application = iced::application(
        move || initial.take().expect("the display boots once").boot(),
        Display::update,
        Display::view,
    )
    .title(Display::title)
    .theme(Display::theme)
    .subscription(Display::subscription)
    .default_font(fonts::REGULAR)
    .window(window);
    // Borrowed from the binary, not copied (see `fonts::register`); usually done already.
    fonts::register();
    application.run()
}
