//! The yardstick for the kiosk's start-up (benches/startup.sh): an iced window with the kiosk's own
//! iced features and window size, showing one line of Latin text in iced's default font — nothing
//! of bianmin's. Whatever the kiosk takes beyond this is bianmin's own start-up.

use iced::widget::{container, text};
use iced::{Element, Length, Size, window};

fn main() -> iced::Result {
    iced::application(|| (), |_: &mut (), _: ()| {}, view)
        .title("bare iced window")
        .window(window::Settings {
            size: Size::new(1280.0, 860.0),
            ..window::Settings::default()
        })
        .run()
}

fn view(_: &()) -> Element<'_, ()> {
    container(text("bare iced window").size(40))
        .center(Length::Fill)
        .into()
}
