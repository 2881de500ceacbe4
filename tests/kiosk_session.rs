//! The kiosk as a session that runs all day: the public cannot close it (Alt+F4 does nothing),
//! and an admin leaves it with a hidden gesture and a password.

mod support;

use bianmin::ui::kiosk_exit::{self, CORNER};
use bianmin::ui::{App, Message, Options};
use iced::mouse::{Button, Event as Mouse};
use iced::{Event, Point, Rectangle};
use iced_test::runtime::{Action, task::into_stream};
use support::{SCREEN, add_accounts, feed, screen_text, targets, type_into, ui};

const ADMIN_PASSWORD: &str = "hall-admin-2026";

fn kiosk() -> App {
    let content = bianmin::content::shipped().expect("shipped content is valid");
    let mut store = bianmin::store::Store::open_in_memory().expect("in-memory database");
    store.replace_content(&content).expect("content loads");
    add_accounts(
        &mut store,
        ADMIN_PASSWORD,
        &[(
            "admin01",
            "管理员",
            "13900000001",
            bianmin::domain::account::Role::Admin,
        )],
    );
    let options = Options {
        kiosk: true,
        ..Options::default()
    };
    App::new(content, store, Vec::new(), options)
}

fn tap_corner(app: &mut App) {
    tap_at(app, Point::new(CORNER / 2.0, SCREEN.height - CORNER / 2.0));
}

fn tap_at(app: &mut App, point: Point) {
    let mut ui = ui(app);
    ui.point_at(point);
    let _ = ui.simulate([
        Event::Mouse(Mouse::ButtonPressed(Button::Left)),
        Event::Mouse(Mouse::ButtonReleased(Button::Left)),
    ]);
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// Whether running `task` would close the window.
fn exits(task: iced::Task<Message>) -> bool {
    use iced_test::futures::futures::{StreamExt, executor::block_on};
    let Some(stream) = into_stream(task) else {
        return false;
    };
    block_on(stream.collect::<Vec<_>>())
        .iter()
        .any(|action| matches!(action, Action::Exit))
}

/// Submits the password typed and runs the check as the window would: whether the kiosk closes.
fn submit(app: &mut App) -> bool {
    let check = app.update(Message::KioskExit(kiosk_exit::Message::Submit));
    let mut closes = false;
    for message in outputs(check) {
        closes |= exits(app.update(message));
    }
    closes
}

fn outputs(task: iced::Task<Message>) -> Vec<Message> {
    use iced_test::futures::futures::{StreamExt, executor::block_on, future};
    let Some(stream) = into_stream(task) else {
        return Vec::new();
    };
    block_on(
        stream
            .filter_map(|action| {
                future::ready(match action {
                    Action::Output(message) => Some(message),
                    _ => None,
                })
            })
            .collect(),
    )
}

#[test]
fn the_kiosk_window_ignores_close_requests_and_a_desktop_window_does_not() {
    let kiosk_mode = Options {
        kiosk: true,
        ..Options::default()
    };
    assert!(!bianmin::ui::window_settings(kiosk_mode).exit_on_close_request);
    assert!(bianmin::ui::window_settings(Options::default()).exit_on_close_request);
    // Alt+F4 reaching the window asks nothing and closes nothing.
    let mut app = kiosk();
    let mut ui = ui(&app);
    let alt = iced::keyboard::Modifiers::ALT;
    let _ = ui.simulate([Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F4),
        modified_key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F4),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: alt,
        text: None,
        repeat: false,
    })]);
    let messages: Vec<Message> = ui.into_messages().collect();
    for message in messages {
        assert!(!exits(app.update(message)));
    }
    assert!(!app.kiosk_exit_asking());
}

#[test]
fn five_taps_in_the_corner_ask_for_a_password_and_only_an_admins_closes_the_kiosk() {
    let mut app = kiosk();
    for _ in 0..4 {
        tap_corner(&mut app);
    }
    assert!(!app.kiosk_exit_asking(), "four taps are not the gesture");
    tap_corner(&mut app);
    assert!(app.kiosk_exit_asking());
    assert!(screen_text(&app).contains("退出自助模式"));

    type_into(&mut app, kiosk_exit::PASSWORD_INPUT, "guess-1234");
    assert!(!submit(&mut app), "a wrong password keeps the kiosk");
    assert!(app.kiosk_exit_asking());
    assert!(
        screen_text(&app).contains("密码不对"),
        "{}",
        screen_text(&app)
    );

    type_into(&mut app, kiosk_exit::PASSWORD_INPUT, ADMIN_PASSWORD);
    assert!(submit(&mut app), "the admin's password closes the kiosk");
}

#[test]
fn the_question_goes_when_cancelled_and_a_tap_in_the_corner_still_reaches_what_lies_there() {
    let mut app = kiosk();
    for _ in 0..5 {
        tap_corner(&mut app);
    }
    assert!(app.kiosk_exit_asking());
    support::tap(&mut app, "kiosk-exit-cancel");
    assert!(!app.kiosk_exit_asking());
    // Whatever control reaches into the corner still gets its tap (the corner only counts).
    let corner = Rectangle::new(
        Point::new(0.0, SCREEN.height - CORNER),
        iced::Size::new(CORNER, CORNER),
    );
    // The list of service categories runs full width down the screen, into the corner.
    let listed = bianmin::ui::screen::Route::Categories;
    feed(&mut app, vec![Message::Open(listed.clone())]);
    let (key, shared) = targets(&app)
        .into_iter()
        .find_map(|(key, bounds)| Some((key, bounds.intersection(&corner)?)))
        .expect("a row under the corner");
    tap_at(&mut app, shared.center());
    assert_ne!(app.route(), &listed, "{key} got no tap");
}

#[test]
fn outside_kiosk_mode_the_corner_and_the_chord_do_nothing() {
    let mut app = support::app();
    for _ in 0..5 {
        tap_corner(&mut app);
    }
    let _ = app.update(Message::KioskExit(kiosk_exit::Message::Chord));
    assert!(!app.kiosk_exit_asking());
}
