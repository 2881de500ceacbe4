//! Shared set-up for the UI tests: the app on the shipped content, and a simulator with the
//! bundled font loaded once for the whole test binary.

#![allow(dead_code)]

use std::sync::Once;

use bianmin::ui::widget::TARGET_ID_PREFIX;
use bianmin::ui::{App, Message, Options, fonts};
use iced::{Rectangle, Size};
use iced_test::Simulator;
use iced_test::core::Settings;
use iced_test::selector::Candidate;

/// The simulator's window, a common kiosk screen.
pub const SCREEN: Size = Size::new(1024.0, 768.0);

pub fn app() -> App {
    app_with(|_| {})
}

/// The app on an in-memory database prepared by `prepare` (accounts, households…).
pub fn app_with(prepare: impl FnOnce(&mut bianmin::store::Store)) -> App {
    let content = bianmin::content::shipped().expect("shipped content is valid");
    let mut store = bianmin::store::Store::open_in_memory().expect("in-memory database");
    store.replace_content(&content).expect("content loads");
    prepare(&mut store);
    App::new(content, store, Vec::new(), Options::default())
}

/// The app on a database file in `data_dir` (a real terminal's layout: logs, backups…).
pub fn app_in_dir(
    data_dir: &std::path::Path,
    prepare: impl FnOnce(&mut bianmin::store::Store),
) -> App {
    let content = bianmin::content::shipped().expect("shipped content is valid");
    let mut store = bianmin::store::Store::open_dir(data_dir).expect("database file");
    store.replace_content(&content).expect("content loads");
    prepare(&mut store);
    App::new(content, store, Vec::new(), Options::default())
}

/// Clicks the text box with this widget id and types `text` into it.
pub fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut ui = ui(app);
    ui.click(iced_test::selector::id(id))
        .unwrap_or_else(|error| panic!("text box {id}: {error}"));
    let _ = ui.typewrite(text);
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// Every text on screen, joined, for "shows / does not show" checks.
pub fn screen_text(app: &App) -> String {
    texts(app)
        .into_iter()
        .map(|(text, _)| text)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn load_fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        // Before the font system starts: show only DejaVu, never a system CJK font, so Chinese
        // must come from the bundled font (as on a kiosk with none installed).
        let config = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fontconfig/fonts.conf");
        // SAFETY: set once, before any thread reads the environment for fonts.
        unsafe { std::env::set_var("FONTCONFIG_FILE", config) };
        let mut system = iced_test::renderer::graphics::text::font_system()
            .write()
            .expect("font system");
        for font in fonts::all() {
            system.load_font(font.into());
        }
    });
}

pub fn ui(app: &App) -> Simulator<'_, Message> {
    load_fonts();
    let settings = Settings {
        default_font: fonts::REGULAR,
        ..Settings::default()
    };
    Simulator::with_size(settings, SCREEN, app.view())
}

/// Runs the messages a simulated interaction produced through the app's update.
/// Updates the app with `messages`, and with what the tasks they start yield (a PDF drawn on
/// another thread, a sync), as the real runtime would, until nothing is left.
pub fn feed(app: &mut App, messages: Vec<Message>) {
    let mut queue: std::collections::VecDeque<Message> = messages.into();
    while let Some(message) = queue.pop_front() {
        queue.extend(outputs(app.update(message)));
    }
}

/// Waits for what `task` (returned by an earlier update) yields and feeds it to the app.
pub fn feed_task(app: &mut App, task: iced::Task<Message>) {
    let messages = outputs(task);
    feed(app, messages);
}

/// The messages a task yields, waited for.
pub fn outputs(task: iced::Task<Message>) -> Vec<Message> {
    use iced_test::futures::futures::{StreamExt, executor::block_on, future};
    use iced_test::runtime::{Action, task::into_stream};
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

/// Taps the touch target with the given key (see `Look::tap`).
pub fn tap(app: &mut App, key: &str) {
    let mut ui = ui(app);
    ui.click(iced_test::selector::id(format!("{TARGET_ID_PREFIX}{key}")))
        .unwrap_or_else(|error| panic!("tap {key}: {error}"));
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// Scrolls until the text box with this id is in view, then types into it.
pub fn scroll_and_type(app: &mut App, id: &'static str, text: &str) {
    use iced::mouse::{Event as Mouse, ScrollDelta};
    let mut ui = ui(app);
    ui.point_at(iced::Point::new(SCREEN.width / 2.0, SCREEN.height / 2.0));
    for _ in 0..40 {
        let visible = ui
            .find(iced_test::selector::id(id))
            .map(|found| found.visible_bounds().is_some_and(|b| b.height >= 20.0))
            .unwrap_or(false);
        if visible {
            break;
        }
        let _ = ui.simulate([iced::Event::Mouse(Mouse::WheelScrolled {
            delta: ScrollDelta::Pixels { x: 0.0, y: -120.0 },
        })]);
    }
    ui.click(iced_test::selector::id(id))
        .unwrap_or_else(|error| panic!("text box {id}: {error}"));
    let _ = ui.typewrite(text);
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// Scrolls the page down until the target with this key is in view, then taps it: what a
/// person does with a long page.
pub fn scroll_and_tap(app: &mut App, key: &str) {
    use iced::mouse::{Event as Mouse, ScrollDelta};
    let id = format!("{TARGET_ID_PREFIX}{key}");
    let mut ui = ui(app);
    ui.point_at(iced::Point::new(SCREEN.width / 2.0, SCREEN.height / 2.0));
    for _ in 0..40 {
        let visible = ui
            .find(iced_test::selector::id(id.clone()))
            .map(|target| target.visible_bounds().is_some_and(|b| b.height >= 1.0))
            .unwrap_or(false);
        if visible {
            break;
        }
        let _ = ui.simulate([iced::Event::Mouse(Mouse::WheelScrolled {
            delta: ScrollDelta::Pixels { x: 0.0, y: -120.0 },
        })]);
    }
    ui.click(iced_test::selector::id(id))
        .unwrap_or_else(|error| panic!("tap {key}: {error}"));
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// Every touch target on screen with its bounds.
pub fn targets(app: &App) -> Vec<(String, Rectangle)> {
    let mut ui = ui(app);
    let mut found = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Container {
            id: Some(id),
            bounds,
            ..
        } = candidate
        {
            let name = format!("{id:?}");
            if name.contains(TARGET_ID_PREFIX) {
                found.push((name, bounds));
            }
        }
        None::<()>
    });
    found
}

/// Every text on screen with its bounds.
pub fn texts(app: &App) -> Vec<(String, Rectangle)> {
    let mut ui = ui(app);
    let mut found = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Text {
            content, bounds, ..
        } = candidate
        {
            found.push((content.to_owned(), bounds));
        }
        None::<()>
    });
    found
}

pub fn shows(app: &App, text: &str) -> bool {
    ui(app).find(text).is_ok()
}

/// Active accounts (login, name, phone, role) with one password; ids follow the order.
pub fn add_accounts(
    store: &mut bianmin::store::Store,
    password: &str,
    accounts: &[(&str, &str, &str, bianmin::domain::account::Role)],
) {
    let at = bianmin::clock::now();
    for &(login, name, phone, role) in accounts {
        let account = bianmin::store::NewAccount {
            login: login.into(),
            name: name.into(),
            phone: phone.into(),
            password: password.into(),
            role,
            status: bianmin::domain::account::AccountStatus::Active,
        };
        store.add_account(&account, None, at).unwrap();
    }
}

/// 王堃's household in the second village, group 2, registered by account `by`.
pub fn register_household(
    store: &mut bianmin::store::Store,
    by: i64,
) -> bianmin::domain::household::Household {
    let at = bianmin::clock::now();
    let content = store.load_content().unwrap().unwrap();
    let household = bianmin::domain::household::HouseholdForm {
        head_name: "王堃".into(),
        id_number: "34052419800101001X".into(),
        phone: "0934-5581001".into(),
        village: content.villages[1].name.clone(),
        group: "2".into(),
        members: Vec::new(),
    }
    .check("household-1".into(), at.date_naive(), |name| {
        content.village(name).map(|v| v.groups)
    })
    .unwrap();
    store.register_household(&household, by, at).unwrap();
    household
}
pub mod targets;

/// The two kiosk screens the hall uses.
pub const KIOSK_SCREENS: [Size; 2] = [Size::new(1280.0, 800.0), Size::new(1920.0, 1080.0)];

/// A simulator of the app in a window of `size`.
pub fn ui_at(app: &App, size: Size) -> Simulator<'_, Message> {
    load_fonts();
    let settings = Settings {
        default_font: fonts::REGULAR,
        ..Settings::default()
    };
    Simulator::with_size(settings, size, app.view())
}

/// Every touch target on screen in a window of `size`, with the bounds of its button (the
/// widget a finger presses, visited right after the target's own container).
pub fn buttons_at(app: &App, size: Size) -> Vec<(String, Rectangle)> {
    let mut ui = ui_at(app, size);
    let mut found = Vec::new();
    let mut open: Option<String> = None;
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Container { id, bounds, .. } = candidate {
            match (id, open.take()) {
                (_, Some(name)) => found.push((name, bounds)),
                (Some(id), None) => {
                    let name = format!("{id:?}");
                    if name.contains(TARGET_ID_PREFIX) {
                        open = Some(name);
                    }
                }
                (None, None) => {}
            }
        }
        None::<()>
    });
    found
}

/// Clicks at one point of a window of `size`, as a finger tapping the same spot again.
pub fn tap_at(app: &mut App, size: Size, point: iced::Point) {
    let mut ui = ui_at(app, size);
    ui.point_at(point);
    let _ = ui.simulate(iced_test::simulator::click());
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// Taps the target with this key in a window of `size`.
pub fn tap_in(app: &mut App, size: Size, key: &str) {
    let mut ui = ui_at(app, size);
    ui.click(iced_test::selector::id(format!("{TARGET_ID_PREFIX}{key}")))
        .unwrap_or_else(|error| panic!("tap {key} in {size:?}: {error}"));
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

/// The part of the widget with this text (or this widget id) that shows in a window of `size`,
/// and its full bounds.
pub fn shown_part<S>(app: &App, size: Size, selector: S) -> Option<(Rectangle, Option<Rectangle>)>
where
    S: iced_test::Selector + Send,
    S::Output: iced_test::selector::Bounded + Clone + Send + Sync + 'static,
{
    use iced_test::selector::Bounded;
    let mut ui = ui_at(app, size);
    ui.find(selector)
        .ok()
        .map(|target| (target.bounds(), target.visible_bounds()))
}
