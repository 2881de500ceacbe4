//! The public display (`bianmin --display`): what its first screen shows, that a turn moves to the
//! next page, that staff's changes in the database show after the next turn, and that nobody can
//! work it.

mod support;

use std::time::{Duration, Instant};

use bianmin::domain::display::Page;
use bianmin::i18n::Language;
use bianmin::store::Store;
use bianmin::ui::display::{Display, Message, Options};
use bianmin::ui::fonts;
use iced::Size;
use iced_test::Simulator;
use iced_test::core::Settings;
use iced_test::selector::Candidate;

/// The hall's screen.
const WALL: Size = Size::new(1920.0, 1080.0);

fn options() -> Options {
    options_in(Language::ZhCn)
}

fn options_in(language: Language) -> Options {
    Options {
        every: Duration::from_secs(12),
        language,
        exit_after_first_frame: false,
        started: Instant::now(),
    }
}

/// The display on `store` after its first read, as the window boots it.
fn booted(store: Store) -> Display {
    let content = store.load_content().unwrap().expect("content is stored");
    let (mut display, task) = Display::new(content, store, options()).boot();
    feed_task(&mut display, task);
    display
}

fn in_memory() -> Display {
    in_memory_in(Language::ZhCn)
}

fn in_memory_in(language: Language) -> Display {
    let content = bianmin::content::shipped().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.replace_content(&content).unwrap();
    let (mut display, task) = Display::new(content, store, options_in(language)).boot();
    feed_task(&mut display, task);
    display
}

fn ui(display: &Display) -> Simulator<'_, Message> {
    support::load_fonts();
    let settings = Settings {
        default_font: fonts::REGULAR,
        ..Settings::default()
    };
    Simulator::with_size(settings, WALL, display.view())
}

fn texts(display: &Display) -> Vec<String> {
    placed_texts(display)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

fn placed_texts(display: &Display) -> Vec<(String, iced::Rectangle)> {
    let mut ui = ui(display);
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

fn shows(display: &Display, text: &str) -> bool {
    texts(display).iter().any(|shown| shown == text)
}

/// Updates the display with `message` and what the tasks it starts yield, as the runtime would.
fn feed(display: &mut Display, message: Message) {
    let task = display.update(message);
    feed_task(display, task);
}

fn feed_task(display: &mut Display, task: iced::Task<Message>) {
    use iced_test::futures::futures::{StreamExt, executor::block_on, future};
    use iced_test::runtime::{Action, task::into_stream};
    let Some(stream) = into_stream(task) else {
        return;
    };
    let messages: Vec<Message> = block_on(
        stream
            .filter_map(|action| {
                future::ready(match action {
                    Action::Output(message) => Some(message),
                    _ => None,
                })
            })
            .collect(),
    );
    for message in messages {
        feed(display, message);
    }
}

#[test]
fn the_first_screen_shows_the_halls_name_and_the_first_items_with_their_time_limits() {
    let display = in_memory();
    let content = display.content().clone();
    assert_eq!(display.page(), 0);
    assert!(shows(&display, &content.hall.name), "{:?}", texts(&display));
    assert!(shows(&display, "服务事项与承诺时限（1/4）"));
    // Item 1 promises 3 working days; item 3 is done on the spot.
    assert!(shows(&display, &content.items[0].name));
    assert!(shows(&display, "3 个工作日"));
    assert!(shows(&display, "即办"));
    assert!(shows(&display, "2 号窗口"));
}

#[test]
fn a_turn_moves_to_the_next_page_and_the_round_comes_back_to_the_first() {
    let mut display = in_memory();
    let content = display.content().clone();
    feed(&mut display, Message::Turn);
    assert_eq!(display.page(), 1);
    assert!(shows(&display, "服务事项与承诺时限（2/4）"));
    assert!(shows(&display, &content.items[10].name));
    assert!(!shows(&display, &content.items[0].name));

    // The first read brought the figures: their page is in the round.
    assert!(
        display
            .pages()
            .iter()
            .any(|page| matches!(page, Page::Figures(_)))
    );
    let round = display.pages().len();
    for _ in 1..round {
        feed(&mut display, Message::Turn);
    }
    assert_eq!(display.page(), 0);
    assert!(shows(&display, "服务事项与承诺时限（1/4）"));
}

#[test]
fn every_kind_of_page_comes_round_with_its_words() {
    let mut display = in_memory();
    let hall = display.content().hall.clone();
    let mut seen = Vec::new();
    for _ in 0..display.pages().len() {
        seen.extend(texts(&display));
        feed(&mut display, Message::Turn);
    }
    for words in [
        "窗口与职责",
        "A 社会保障、B 医疗保障",
        "1–9",
        "21–27、37–38",
        "服务承诺",
        "首问负责",
        "一次性告知",
        "限时办结",
        "办件情况",
        "今日",
        "本月",
        "联系我们",
        hall.phone.as_str(),
        hall.address.as_str(),
    ] {
        assert!(seen.iter().any(|text| text == words), "{words} never shown");
    }
    let supervision = format!("{} {}", hall.supervision_phone, hall.supervision_note);
    let hotline = format!("{} {}", hall.hotline_168, hall.hotline_168_note);
    assert!(seen.contains(&supervision) && seen.contains(&hotline));
}

/// Nothing runs off the hall's screen or is squeezed under a line's height, in either language:
/// no item, window or notice is cut off.
#[test]
fn every_page_fits_the_halls_screen_in_both_languages() {
    // The smallest type on the hall's screen is 36 px; a line of it is taller still.
    const SMALLEST_LINE: f32 = 36.0;
    for language in Language::ALL {
        let mut display = in_memory_in(language);
        for _ in 0..display.pages().len() {
            for (text, bounds) in placed_texts(&display) {
                let inside = bounds.y + bounds.height <= WALL.height
                    && bounds.x + bounds.width <= WALL.width;
                assert!(
                    inside && bounds.height >= SMALLEST_LINE,
                    "{language:?} page {}: {text:?} at {bounds:?} does not fit",
                    display.page()
                );
            }
            feed(&mut display, Message::Turn);
        }
    }
}

#[test]
fn a_content_change_by_staff_shows_after_the_next_turn_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut content = bianmin::content::shipped().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    desk.replace_content(&content).unwrap();
    let mut display = booted(Store::open_dir(dir.path()).unwrap());
    let old_name = content.items[10].name.clone();

    // Staff rename item 11 (on the second page) and the hall, from another connection.
    content.items[10].name = "城乡居民养老保险关系转移接续".into();
    content.hall.name = "上里塬乡政务服务中心".into();
    content.version = "hall-edit-1".into();
    desk.replace_content(&content).unwrap();
    // Between turns the display reads nothing: the old name stays up.
    assert!(shows(&display, "上里塬乡便民服务大厅"));

    feed(&mut display, Message::Turn);
    assert_eq!(display.page(), 1);
    assert!(shows(&display, "城乡居民养老保险关系转移接续"));
    assert!(!shows(&display, &old_name));
    assert!(shows(&display, "上里塬乡政务服务中心"));
}

#[test]
fn nobody_can_work_the_display_clicks_and_keys_do_nothing() {
    let display = in_memory();
    let mut ui = ui(&display);
    for point in [
        iced::Point::new(960.0, 540.0),
        iced::Point::new(40.0, 1040.0),
        iced::Point::new(1880.0, 40.0),
    ] {
        ui.point_at(point);
        let _ = ui.simulate(iced_test::simulator::click());
    }
    let _ = ui.typewrite("q");
    assert_eq!(ui.into_messages().count(), 0);
}

/// The display beside a running window on the same data: it only reads, so the window's lock
/// does not turn it away (with no screen it then says so, without a panic).
#[test]
fn the_display_runs_beside_the_window_and_without_a_screen_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let _window = bianmin::dir_lock::DirLock::try_acquire(&data.join("gui.lock"))
        .unwrap()
        .expect("the lock is free");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(&data)
        .args(["--display", "--exit-after-first-frame"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("BIANMIN_LANG", "en")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("DISPLAY"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("already"), "{stderr}");
}
