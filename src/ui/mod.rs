//! The iced user interface of the kiosk.

pub mod app;
pub mod background;
pub mod desk;
pub mod fonts;
pub mod screen;
pub mod sync_runner;
pub mod theme;
pub mod widget;

use std::cell::Cell;

use iced::{Size, window};

pub use app::{App, Message, Options};

/// Opens the kiosk window (fullscreen in kiosk mode) and runs until it is closed.
pub fn run(app: App, options: Options) -> iced::Result {
    // iced asks for the initial state through a Fn; it is called once.
    let initial = Cell::new(Some(app));
    let window = window::Settings {
        size: Size::new(1280.0, 860.0),
        min_size: Some(Size::new(800.0, 600.0)),
        fullscreen: options.kiosk,
        decorations: !options.kiosk,
        ..window::Settings::default()
    };
    let mut application = iced::application(
        move || initial.take().expect("the kiosk boots once"),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .default_font(fonts::REGULAR)
    .window(window);
    for font in fonts::all() {
        application = application.font(font);
    }
    application.run()
}
