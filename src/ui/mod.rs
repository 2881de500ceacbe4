//! The iced user interface of the kiosk.

pub mod app;
pub mod background;
pub mod desk;
pub mod display;
pub mod fonts;
pub mod kiosk_exit;
pub mod names;
pub mod rating_words;
pub mod scanner;
pub mod screen;
pub mod spoken;
pub mod sync_runner;
pub mod theme;
pub mod widget;

use std::cell::Cell;

use iced::{Size, window};

pub use app::{App, Message, Options};

/// Why the window could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// No X11 or Wayland display to open a window on (the words are translated).
    #[error("{0}")]
    NoDisplay(String),
    #[error(transparent)]
    Window(#[from] iced::Error),
    /// The windowing library gave up (it panics on a display it cannot use).
    #[error("{0}")]
    WindowSystem(String),
}

/// Whether the environment names a display at all.
pub fn display_named() -> bool {
    ["WAYLAND_DISPLAY", "DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

/// Opens the kiosk window (fullscreen in kiosk mode) and runs until it is closed.
pub fn run(app: App, options: Options) -> Result<(), RunError> {
    open_guarded(|| open_window(app, options))
}

/// Opens a window with `open`. A display that is named but cannot be used makes the windowing
/// library panic: that is turned into words and a plain failure, never a crash report.
pub(crate) fn open_guarded(open: impl FnOnce() -> iced::Result) -> Result<(), RunError> {
    let language = crate::i18n::Language::from_environment();
    if !display_named() {
        return Err(RunError::NoDisplay(crate::t!(language, "no-display")));
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(open))
        .map_err(|panic| {
            let detail = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
                .unwrap_or_default();
            tracing::error!("the window could not be opened: {detail}");
            RunError::WindowSystem(crate::t!(language, "no-display-usable", detail = detail))
        })?
        .map_err(RunError::from)
}

/// The window: fullscreen, undecorated and deaf to close requests (Alt+F4) in kiosk mode, where
/// only an admin's password closes it (see `kiosk_exit`).
pub fn window_settings(options: Options) -> window::Settings {
    window::Settings {
        size: Size::new(1280.0, 860.0),
        min_size: Some(Size::new(800.0, 600.0)),
        fullscreen: options.kiosk,
        decorations: !options.kiosk,
        exit_on_close_request: !options.kiosk,
        ..window::Settings::default()
    }
}

fn open_window(app: App, options: Options) -> iced::Result {
    // iced asks for the initial state through a Fn; it is called once.
    let initial = Cell::new(Some(app));
    let window = window_settings(options);
    let application = iced::application(
        move || initial.take().expect("the kiosk boots once"),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .default_font(fonts::REGULAR)
    .window(window);
    // Borrowed from the binary, not copied (see `fonts::register`); usually done already.
    fonts::register();
    application.run()
}
