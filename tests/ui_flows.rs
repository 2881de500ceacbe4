//! The kiosk's flows driven through the real views with iced_test (tiny-skia, no display).

mod support;

use std::time::{Duration, Instant};

use bianmin::domain::application::Transition;
use bianmin::store::{CaseRules, NewApplication, Store};
use iced::Size;

use bianmin::domain::type_scale::{MIN_TARGET, TextSize};
use bianmin::i18n::Language;
use bianmin::ui::Message;
use bianmin::ui::screen::Route;
use support::{
    KIOSK_SCREENS, SCREEN, app, app_with, buttons_at, feed, register_household, screen_text,
    shown_part, shows, tap, targets, texts, ui,
};

#[test]
fn home_to_category_to_item_shows_every_material() {
    let mut app = app();
    assert!(shows(&app, "办事指南"));
    tap(&mut app, "tile-guide");
    assert_eq!(app.route(), &Route::Categories);
    tap(&mut app, "category-social-security");
    assert_eq!(app.route(), &Route::Category("social-security".into()));
    tap(&mut app, "item-pension-enrolment");
    assert_eq!(app.route(), &Route::Item("pension-enrolment".into()));

    // The one-time notice lists every material with its need, copies and source.
    assert!(shows(&app, "1. 居民身份证"));
    assert!(shows(&app, "必带"));
    let shown: Vec<String> = texts(&app).into_iter().map(|(text, _)| text).collect();
    let item = bianmin::content::shipped()
        .unwrap()
        .item("pension-enrolment")
        .cloned()
        .unwrap();
    for (index, material) in item.materials.iter().enumerate() {
        let label = format!("{}. {}", index + 1, material.name);
        assert!(shown.contains(&label), "missing {label}");
        assert!(shown.iter().any(|text| text == &material.source));
    }
    // The procedure is drawn: every step title is in a box.
    for (index, step) in item.steps.iter().enumerate() {
        assert!(shown.contains(&format!("{}. {}", index + 1, step.title)));
    }

    // Back goes one screen back, Home all the way.
    tap(&mut app, "back");
    assert_eq!(app.route(), &Route::Category("social-security".into()));
    tap(&mut app, "home");
    assert_eq!(app.route(), &Route::Home);
}

#[test]
fn typing_gddl_on_the_keypad_finds_the_cultivated_land_subsidy() {
    let mut app = app();
    tap(&mut app, "tile-search");
    assert_eq!(app.route(), &Route::Search);
    for letter in ["G", "D", "D", "L"] {
        tap(&mut app, &format!("key-{letter}"));
        // Results update on every key.
        assert!(!app.search().hits().is_empty(), "no results after {letter}");
    }
    assert_eq!(app.search().query(), "GDDL");
    assert_eq!(app.search().hits()[0].id, "cultivated-land-subsidy");
    assert!(shows(&app, "耕地地力保护补贴申报及面积核实"));

    tap(&mut app, "result-cultivated-land-subsidy");
    assert_eq!(app.route(), &Route::Item("cultivated-land-subsidy".into()));
}

#[test]
fn chinese_typed_with_an_input_method_finds_dibao() {
    let mut app = app();
    tap(&mut app, "tile-search");
    let mut ui = ui(&app);
    ui.click(iced_test::selector::id(
        bianmin::ui::screen::search::QUERY_INPUT,
    ))
    .expect("query box");
    let _ = ui.typewrite("低保");
    let messages = ui.into_messages().collect();
    feed(&mut app, messages);
    assert_eq!(app.search().query(), "低保");
    assert_eq!(app.search().hits()[0].id, "minimum-living-allowance");
}

#[test]
fn a_bigger_type_size_scales_the_whole_screen() {
    let mut app = app();
    let before = texts(&app);
    let title_height = |texts: &[(String, iced::Rectangle)]| {
        texts
            .iter()
            .find(|(text, _)| text == "办事指南")
            .map(|(_, bounds)| bounds.height)
            .unwrap()
    };
    let targets_before = targets(&app);
    for _ in 0..5 {
        tap(&mut app, "text-bigger");
    }
    assert_eq!(app.text_size().px(), 30);
    let after = texts(&app);
    assert!(title_height(&after) > title_height(&before) * 1.3);
    // Buttons grow too, not just the labels.
    let height_of = |targets: &[(String, iced::Rectangle)], key: &str| {
        targets
            .iter()
            .find(|(id, _)| id.contains(key))
            .map(|(_, bounds)| bounds.height)
            .unwrap()
    };
    let targets_after = targets(&app);
    assert!(
        height_of(&targets_after, "tile-guide") > height_of(&targets_before, "tile-guide") * 1.2
    );
    for _ in 0..20 {
        tap(&mut app, "text-smaller");
    }
    assert_eq!(app.text_size(), TextSize::MIN);
}

#[test]
fn elder_mode_gives_large_type_and_large_targets() {
    let mut app = app();
    tap(&mut app, "elder-mode");
    assert!(app.is_elder_mode());
    let scale = app.look().scale;
    assert!(scale.body >= 24.0 && scale.heading >= 40.0);
    for (id, bounds) in targets(&app) {
        assert!(
            bounds.width >= MIN_TARGET && bounds.height >= MIN_TARGET,
            "{id}: {bounds:?}"
        );
    }
    tap(&mut app, "elder-mode");
    assert_eq!(app.text_size(), TextSize::DEFAULT);
}

/// At every size on every kind of screen: targets ≥ 60 px and nothing runs off the right edge.
#[test]
fn nothing_is_cut_off_and_targets_stay_large_at_12_and_50_px() {
    let routes = [
        Route::Home,
        Route::Categories,
        Route::Category("agriculture".into()),
        Route::Item("farm-machinery-subsidy".into()),
        Route::Policies,
        Route::Policy("cultivated-land-protection".into()),
        Route::Notices(None),
        Route::Notice("winter-farm-training-2026".into()),
        Route::Search,
    ];
    for (size, language) in [
        (12, Language::ZhCn),
        (50, Language::ZhCn),
        (50, Language::En),
    ] {
        let mut app = app();
        while app.text_size().px() != size {
            let change = if app.text_size().px() < size {
                bianmin::ui::widget::display_controls::DisplayChange::Bigger
            } else {
                bianmin::ui::widget::display_controls::DisplayChange::Smaller
            };
            let _ = app.update(Message::Display(change));
        }
        if app.language() != language {
            let _ = app.update(Message::Display(
                bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
            ));
        }
        for route in &routes {
            let _ = app.update(Message::Open(route.clone()));
            let targets = targets(&app);
            assert!(targets.len() >= 2, "{route:?}: no touch targets found");
            for (id, bounds) in targets {
                assert!(
                    bounds.width >= MIN_TARGET && bounds.height >= MIN_TARGET,
                    "{size}px {route:?} {id}: {bounds:?}"
                );
                assert!(
                    bounds.x >= 0.0 && bounds.x + bounds.width <= SCREEN.width + 0.5,
                    "{size}px {route:?} {id} runs off screen: {bounds:?}"
                );
            }
            for (text, bounds) in texts(&app) {
                assert!(
                    bounds.x + bounds.width <= SCREEN.width + 0.5,
                    "{size}px {route:?} text {text:?} runs off screen: {bounds:?}"
                );
            }
        }
    }
}

#[test]
fn idle_prompt_counts_down_then_returns_home_with_defaults() {
    let mut app = app();
    tap(&mut app, "tile-guide");
    tap(&mut app, "bar-text-bigger");
    let _ = app.update(Message::Display(
        bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
    ));
    let start = Instant::now();
    let _ = app.update(Message::Activity(start));

    let _ = app.update(Message::Tick(start + Duration::from_secs(60)));
    assert!(!app.idle_prompt_showing(), "no prompt while within 90 s");
    let _ = app.update(Message::Tick(start + Duration::from_secs(90)));
    assert!(app.idle_prompt_showing());
    assert!(shows(&app, "Are you still there?"));
    assert_eq!(app.route(), &Route::Categories);

    let _ = app.update(Message::Tick(start + Duration::from_secs(110)));
    assert_eq!(app.route(), &Route::Home);
    assert_eq!(app.text_size(), TextSize::DEFAULT);
    assert_eq!(app.language(), Language::ZhCn);
    assert!(!app.idle_prompt_showing());
}

#[test]
fn continue_on_the_idle_prompt_keeps_the_screen() {
    let mut app = app();
    tap(&mut app, "tile-policies");
    let start = Instant::now();
    let _ = app.update(Message::Activity(start));
    let _ = app.update(Message::Tick(start + Duration::from_secs(95)));
    assert!(shows(&app, "还在吗？"));
    tap(&mut app, "idle-continue");
    assert!(!app.idle_prompt_showing());
    assert_eq!(app.route(), &Route::Policies);
}

#[test]
fn home_snapshot_with_the_bundled_font() {
    let app = app();
    let mut ui = ui(&app);
    let snapshot = ui.snapshot(&app.theme()).expect("snapshot");
    assert!(
        snapshot
            .matches_hash("tests/snapshots/home")
            .expect("hash file"),
        "the home screen no longer matches tests/snapshots/home.sha256"
    );
}

// ---- kiosk (issue 11) ----

/// Sets the type size through the display messages, as the buttons do.
fn set_size(app: &mut bianmin::ui::App, px: u16) {
    use bianmin::ui::widget::display_controls::DisplayChange;
    while app.text_size().px() != px {
        let change = if app.text_size().px() < px {
            DisplayChange::Bigger
        } else {
            DisplayChange::Smaller
        };
        let _ = app.update(Message::Display(change));
    }
}

/// A hall with an agent, 王堃's household (ID number ending 01001X, phone 0934-5581001) and
/// one 养老保险 case: accepted and being handled when `complete`, else 待补正; then `then`.
fn hall_with_case(store: &mut Store, complete: bool, then: Option<(Transition, &str)>) {
    support::add_accounts(
        store,
        "hall-password-2026",
        &[(
            "agent01",
            "赵喆",
            "13800000001",
            bianmin::domain::account::Role::Agent,
        )],
    );
    store
        .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").unwrap())
        .unwrap();
    let household = register_household(store, 1);
    let agent = store.account(1).unwrap().unwrap();
    let content = bianmin::content::shipped().unwrap();
    let calendar = bianmin::domain::calendar::HolidayCalendar::shipped();
    let rules = CaseRules {
        content: &content,
        calendar: &calendar,
    };
    let item = content.item("pension-enrolment").unwrap();
    let mut received = vec![complete; item.materials.len()];
    received[0] = true;
    let new = NewApplication {
        request_key: "kiosk-case-1".into(),
        household_id: household.id.clone(),
        applicant: household.id_number.clone(),
        item_id: item.id.clone(),
        received,
    };
    let at = bianmin::clock::now();
    let case = store.create_application(&new, &agent, &rules, at).unwrap();
    if complete {
        store
            .change_state(
                &case.id,
                Transition::StartHandling,
                None,
                "",
                &agent,
                &rules,
                at,
            )
            .unwrap();
    }
    if let Some((transition, note)) = then {
        store
            .change_state(&case.id, transition, None, note, &agent, &rules, at)
            .unwrap();
    }
}

/// Taps the ID number's last six and the phone's last four on the number pad, then 查询.
fn look_up_by_tails(app: &mut bianmin::ui::App, screen: Size, id_tail: &str, phone_tail: &str) {
    support::tap_in(app, screen, "status-by-tails");
    for key in id_tail.chars().chain(phone_tail.chars()) {
        support::tap_in(app, screen, &format!("key-{key}"));
    }
    support::tap_in(app, screen, "status-lookup");
}

#[test]
fn tapping_a_size_button_at_one_spot_runs_the_whole_scale() {
    for screen in KIOSK_SCREENS {
        for (route, prefix) in [(Route::Home, ""), (Route::Categories, "bar-")] {
            for language in [Language::ZhCn, Language::En] {
                let mut app = app();
                if app.language() != language {
                    let _ = app.update(Message::Display(
                        bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
                    ));
                }
                let _ = app.update(Message::Open(route.clone()));
                // Down from the largest size, tapping where 字变小 was first seen.
                set_size(&mut app, 50);
                let smaller = shown_part(
                    &app,
                    screen,
                    iced_test::selector::id(format!("tap:{prefix}text-smaller")),
                )
                .expect("字变小 is on screen")
                .0
                .center();
                for _ in 0..19 {
                    support::tap_at(&mut app, screen, smaller);
                }
                assert_eq!(
                    app.text_size(),
                    TextSize::MIN,
                    "{screen:?} {route:?} {language:?}: 字变小 moved away from the finger"
                );
                // And up again from the smallest, tapping where 字变大 was first seen.
                let bigger = shown_part(
                    &app,
                    screen,
                    iced_test::selector::id(format!("tap:{prefix}text-bigger")),
                )
                .expect("字变大 is on screen")
                .0
                .center();
                for _ in 0..19 {
                    support::tap_at(&mut app, screen, bigger);
                }
                assert_eq!(
                    app.text_size(),
                    TextSize::MAX,
                    "{screen:?} {route:?} {language:?}: 字变大 moved away from the finger"
                );
            }
        }
    }
}

#[test]
fn search_query_and_first_results_stay_in_view_while_typing_gddl_at_50_px() {
    for screen in KIOSK_SCREENS {
        for px in [50, 12] {
            let mut app = app();
            support::tap_in(&mut app, screen, "tile-search");
            set_size(&mut app, px);
            for letter in ["G", "D", "D", "L"] {
                support::tap_in(&mut app, screen, &format!("key-{letter}"));
                let query = shown_part(
                    &app,
                    screen,
                    iced_test::selector::id(bianmin::ui::screen::search::QUERY_INPUT),
                )
                .expect("the query box");
                assert!(
                    fully_shown(query, screen),
                    "{screen:?} {px}px after {letter}: the query box is off screen {query:?}"
                );
                let first = app.search().hits().first().expect("results").title.clone();
                let result = shown_part(&app, screen, first.as_str()).expect("the first result");
                assert!(
                    fully_shown(result, screen),
                    "{screen:?} {px}px after {letter}: {first} is off screen {result:?}"
                );
            }
            assert_eq!(app.search().query(), "GDDL");
            assert!(shows(&app, "耕地地力保护补贴申报及面积核实"));
            // Every key, with the candidates above them, shows without scrolling.
            assert!(!app.search().entry().candidates().is_empty());
            for key in ('A'..='Z')
                .map(|letter| format!("key-{letter}"))
                .chain(["key-backspace".into(), "key-clear".into()])
            {
                let id = iced_test::selector::id(format!("tap:{key}"));
                let shown = shown_part(&app, screen, id).expect("the key");
                assert!(
                    fully_shown(shown, screen),
                    "{screen:?} {px}px: {key} is off screen {shown:?}"
                );
            }
        }
    }
}

/// The whole widget shows inside the window.
fn fully_shown(
    (bounds, visible): (iced::Rectangle, Option<iced::Rectangle>),
    screen: Size,
) -> bool {
    visible.is_some_and(|visible| {
        (visible.height - bounds.height).abs() < 0.5
            && (visible.width - bounds.width).abs() < 0.5
            && visible.y >= 0.0
            && visible.y + visible.height <= screen.height + 0.5
    })
}

#[test]
fn status_by_id_and_phone_tails_finds_the_case_and_shows_the_progress_line() {
    let screen = KIOSK_SCREENS[0];
    let mut app = app_with(|store| hall_with_case(store, true, None));
    support::tap_in(&mut app, screen, "tile-status");
    set_size(&mut app, 50);
    look_up_by_tails(&mut app, screen, "01001X", "1001");
    let shown = screen_text(&app);
    assert!(shown.contains("代办中"), "{shown}");
    assert!(
        shown.contains("● 受理") && shown.contains("● 办理"),
        "{shown}"
    );
    assert!(
        shown.contains("○ 报县") && shown.contains("○ 办结"),
        "{shown}"
    );
    let today = bianmin::clock::now().date_naive().to_string();
    assert!(
        shown.contains(&today),
        "the days each step was reached: {shown}"
    );
    assert!(shown.contains("承诺办结日期"), "{shown}");
    // Nothing personal: no name, no ID number, no phone.
    for private in ["王堃", "340524", "5581001", "赵喆"] {
        assert!(!shown.contains(private), "{private} shown: {shown}");
    }
    // The answer shows beside the keys at 50 px, without scrolling.
    let line = shown_part(&app, screen, "● 受理").expect("the progress line");
    assert!(fully_shown(line, screen), "{line:?}");

    // A wrong phone finds nothing, and says so.
    let mut app = app_with(|store| hall_with_case(store, true, None));
    support::tap_in(&mut app, screen, "tile-status");
    look_up_by_tails(&mut app, screen, "01001X", "1002");
    let shown = screen_text(&app);
    assert!(shown.contains("没有查到"), "{shown}");
    assert!(!shown.contains("代办中"), "{shown}");
}

#[test]
fn status_lookups_stop_after_five_misses_until_the_session_ends() {
    let screen = KIOSK_SCREENS[0];
    let mut app = app_with(|store| hall_with_case(store, true, None));
    support::tap_in(&mut app, screen, "tile-status");
    for _ in 0..5 {
        look_up_by_tails(&mut app, screen, "000000", "0000");
        support::tap_in(&mut app, screen, "home");
        support::tap_in(&mut app, screen, "tile-status");
    }
    // Even the right numbers are no longer looked up in this session.
    look_up_by_tails(&mut app, screen, "01001X", "1001");
    let shown = screen_text(&app);
    assert!(shown.contains("查询次数太多"), "{shown}");
    assert!(!shown.contains("代办中"), "{shown}");
}

#[test]
fn a_refused_case_shows_its_reason_and_what_to_do() {
    let screen = KIOSK_SCREENS[1];
    let mut app = app_with(|store| {
        hall_with_case(store, false, Some((Transition::Refuse, "户籍不在本乡镇")));
    });
    support::tap_in(&mut app, screen, "tile-status");
    look_up_by_tails(&mut app, screen, "01001X", "1001");
    let shown = screen_text(&app);
    assert!(shown.contains("不予受理"), "{shown}");
    assert!(shown.contains("户籍不在本乡镇"), "{shown}");
    assert!(shown.contains("到窗口咨询"), "{shown}");
}

#[test]
fn a_case_awaiting_correction_lists_the_materials_to_bring() {
    let screen = KIOSK_SCREENS[1];
    let mut app = app_with(|store| hall_with_case(store, false, None));
    support::tap_in(&mut app, screen, "tile-status");
    look_up_by_tails(&mut app, screen, "01001X", "1001");
    let shown = screen_text(&app);
    let item = bianmin::content::shipped()
        .unwrap()
        .item("pension-enrolment")
        .cloned()
        .unwrap();
    assert!(shown.contains("补正"), "{shown}");
    for material in item.materials.iter().skip(1).filter(|m| m.required) {
        assert!(shown.contains(&material.name), "{}: {shown}", material.name);
    }
}

#[test]
fn the_status_lookup_runs_off_the_window_thread() {
    let mut app = app_with(|store| hall_with_case(store, true, None));
    let _ = app.update(Message::Open(Route::Status));
    use bianmin::ui::screen::status::Message as Status;
    use bianmin::ui::widget::keypad::Key;
    let _ = app.update(Message::Status(Status::Mode(
        bianmin::ui::screen::status::Mode::Tails,
    )));
    for c in "01001X1001".chars() {
        let _ = app.update(Message::Status(Status::Key(Key::Char(c))));
    }
    // While the store is held (a slow disk, the sync writing), update returns at once: the
    // lookup is a task, and the screen says it is looking.
    let held = app.office().clone();
    let guard = held.store();
    let task = app.update(Message::Status(Status::Lookup));
    assert!(shows(&app, "正在查询……"));
    drop(guard);
    support::feed_task(&mut app, task);
    assert!(screen_text(&app).contains("代办中"));
}

#[test]
fn english_mode_says_the_content_is_in_chinese_only() {
    let note = "内容仅有中文 / Content in Chinese only";
    let mut app = app();
    let _ = app.update(Message::Display(
        bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
    ));
    for route in [
        Route::Categories,
        Route::Category("agriculture".into()),
        Route::Item("farm-machinery-subsidy".into()),
        Route::Policies,
        Route::Policy("cultivated-land-protection".into()),
        Route::Notices(None),
        Route::Notice("winter-farm-training-2026".into()),
    ] {
        let _ = app.update(Message::Open(route.clone()));
        assert!(shows(&app, note), "{route:?}");
    }
    // In Chinese there is nothing to say.
    let _ = app.update(Message::Display(
        bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
    ));
    assert!(!shows(&app, note));
}

/// Every kiosk screen, in both languages, at the smallest and largest type size and on both
/// kiosk screens: every button a finger can press is at least 60 px each way (measured on the
/// laid-out button, not asked of the scale).
#[test]
fn kiosk_touch_targets_stay_at_least_60_px_on_every_screen_at_12_and_50_px() {
    use bianmin::ui::screen::status::{Field, Message as Status, Mode};
    use bianmin::ui::widget::text_entry::{Message as Entry, Tab};
    let handwriting_installed = bianmin::handwriting::model_path().exists();
    if !handwriting_installed {
        println!("the pad is not measured: no handwriting model (tests/prepare installs it)");
    }
    let routes = [
        Route::Home,
        Route::Categories,
        Route::Category("agriculture".into()),
        Route::Item("farm-machinery-subsidy".into()),
        Route::Policies,
        Route::Policy("cultivated-land-protection".into()),
        Route::Notices(None),
        Route::Notice("winter-farm-training-2026".into()),
        Route::Search,
        Route::Status,
    ];
    let mut seen = std::collections::BTreeSet::new();
    for screen in KIOSK_SCREENS {
        for px in [12, 50] {
            for language in [Language::ZhCn, Language::En] {
                let mut app = app_with(|store| hall_with_case(store, true, None));
                // The recogniser looked for, as after the first frame: the 手写 tab shows
                // when it is installed.
                feed(&mut app, vec![Message::FirstFrame]);
                set_size(&mut app, px);
                if app.language() != language {
                    let _ = app.update(Message::Display(
                        bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
                    ));
                }
                for route in &routes {
                    let _ = app.update(Message::Open(route.clone()));
                    let what = format!("{route:?}");
                    if *route == Route::Search {
                        // With results listed, and characters offered for the letters.
                        for letter in "GDDL".chars() {
                            feed(
                                &mut app,
                                vec![Message::Search(bianmin::ui::screen::search::Search::key(
                                    bianmin::ui::widget::keypad::Key::Char(letter),
                                ))],
                            );
                        }
                        assert!(!app.search().entry().candidates().is_empty());
                    }
                    check_targets(&app, screen, px, &what, &mut seen);
                    if *route == Route::Search && handwriting_installed {
                        // The pad, with characters offered for what was written.
                        let entry = |message| {
                            Message::Search(bianmin::ui::screen::search::Message::Entry(message))
                        };
                        feed(&mut app, vec![entry(Entry::Tab(Tab::Handwriting))]);
                        for stroke in recorded('十') {
                            let points = stroke
                                .iter()
                                .map(|p| bianmin::handwriting::Point { x: p.x, y: p.y })
                                .collect();
                            feed(&mut app, vec![entry(Entry::Stroke(points))]);
                        }
                        assert!(!app.search().entry().candidates().is_empty());
                        let what = format!("{what} handwriting");
                        check_targets(&app, screen, px, &what, &mut seen);
                    }
                    if *route == Route::Status {
                        // The other way of looking up, with a case found.
                        let _ = app.update(Message::Status(Status::Mode(Mode::Tails)));
                        for c in "01001X1001".chars() {
                            let _ = app.update(Message::Status(Status::Key(
                                bianmin::ui::widget::keypad::Key::Char(c),
                            )));
                        }
                        let task = app.update(Message::Status(Status::Lookup));
                        support::feed_task(&mut app, task);
                        let what = format!("{what} by ID and phone, found");
                        check_targets(&app, screen, px, &what, &mut seen);
                        // By name: the text-entry panel with candidates, then the phone's pad.
                        let _ = app.update(Message::Status(Status::Mode(Mode::Name)));
                        for c in "WANG".chars() {
                            feed(
                                &mut app,
                                vec![Message::Status(Status::Entry(Entry::Key(
                                    bianmin::ui::widget::keypad::Key::Char(c),
                                )))],
                            );
                        }
                        assert!(!app.status().name_entry().candidates().is_empty());
                        check_targets(&app, screen, px, &format!("{what} by name"), &mut seen);
                        let _ = app.update(Message::Status(Status::Field(Field::PhoneTail)));
                        let what = format!("{what} by name, the phone");
                        check_targets(&app, screen, px, &what, &mut seen);
                    }
                }
            }
        }
    }
    // The walk really met the targets of every kind of screen.
    for key in [
        "text-smaller",
        "bar-text-bigger",
        "tile-status",
        "category-",
        "item-",
        "policy-",
        "board-",
        "key-G",
        "result-cultivated-land-subsidy",
        "status-id-tail",
        "status-lookup",
        "entry-candidate-0",
        "entry-next",
        "status-name",
    ]
    .into_iter()
    .chain(
        handwriting_installed
            .then_some(["pad-undo", "entry-handwriting"])
            .into_iter()
            .flatten(),
    ) {
        assert!(
            seen.iter().any(|id: &String| id.contains(key)),
            "no target like {key} was measured"
        );
    }
}

fn check_targets(
    app: &bianmin::ui::App,
    screen: Size,
    px: u16,
    what: &str,
    seen: &mut std::collections::BTreeSet<String>,
) {
    let buttons = buttons_at(app, screen);
    assert!(buttons.len() >= 4, "{what}: no touch targets found");
    for (id, bounds) in buttons {
        assert!(
            bounds.width >= MIN_TARGET && bounds.height >= MIN_TARGET,
            "{screen:?} {px}px {what} {id}: {bounds:?}"
        );
        seen.insert(id);
    }
}

// ---- typing by touch: the pinyin keyboard, the handwriting pad, 查进度 by name (issue 15) ----

/// Taps the letters of `pinyin`, then turns the candidate pages until `wanted` shows and taps it.
fn spell(app: &mut bianmin::ui::App, screen: Size, pinyin: &str, wanted: char) {
    for letter in pinyin.chars() {
        support::tap_in(app, screen, &format!("key-{}", letter.to_ascii_uppercase()));
    }
    let wanted = wanted.to_string();
    for _ in 0..30 {
        let mut ui = support::ui_at(app, screen);
        let tapped = ui.click(wanted.as_str()).is_ok();
        let messages: Vec<Message> = ui.into_messages().collect();
        if tapped {
            feed(app, messages);
            return;
        }
        support::tap_in(app, screen, "entry-next");
    }
    panic!("{wanted} was never offered for {pinyin}");
}

#[test]
fn spelling_zhang_and_tapping_the_character_puts_it_in_the_search() {
    let screen = KIOSK_SCREENS[0];
    let mut app = app();
    support::tap_in(&mut app, screen, "tile-search");
    let keys_before = support::buttons_at(&app, screen);
    for letter in ["Z", "H", "A", "N", "G"] {
        support::tap_in(&mut app, screen, &format!("key-{letter}"));
    }
    assert_eq!(app.search().query(), "ZHANG");
    let offered: String = app.search().entry().candidates().iter().take(5).collect();
    assert!(offered.contains('张'), "{offered}");
    // The candidates came into their own row: no key moved.
    let keys_after = support::buttons_at(&app, screen);
    for (key, bounds) in keys_before.iter().filter(|(id, _)| id.contains("key-")) {
        let after = keys_after.iter().find(|(id, _)| id == key).unwrap().1;
        assert_eq!(*bounds, after, "{key} moved when the candidates came");
    }
    let mut ui = support::ui_at(&app, screen);
    ui.click("张").expect("张 is offered");
    let messages = ui.into_messages().collect();
    feed(&mut app, messages);
    assert_eq!(app.search().query(), "张");
    assert!(app.search().entry().candidates().is_empty());
    // Letters with no character picked still search by initials.
    for letter in ["G", "D", "D", "L"] {
        support::tap_in(&mut app, screen, &format!("key-{letter}"));
    }
    support::tap_in(&mut app, screen, "key-clear");
    for letter in ["G", "D", "D", "L"] {
        support::tap_in(&mut app, screen, &format!("key-{letter}"));
    }
    assert_eq!(app.search().hits()[0].id, "cultivated-land-subsidy");
}

#[test]
fn status_by_name_and_phone_finds_the_case_written_by_pinyin() {
    let screen = KIOSK_SCREENS[0];
    let mut app = app_with(|store| hall_with_case(store, true, None));
    support::tap_in(&mut app, screen, "tile-status");
    support::tap_in(&mut app, screen, "status-by-name");
    spell(&mut app, screen, "wang", '王');
    spell(&mut app, screen, "kun", '堃');
    assert_eq!(app_status_name(&app), "王堃");
    // The name alone is never looked up.
    support::tap_in(&mut app, screen, "status-lookup");
    let shown = screen_text(&app);
    assert!(shown.contains("电话号码的后四位"), "{shown}");
    assert!(!shown.contains("代办中"), "{shown}");
    support::tap_in(&mut app, screen, "status-phone-tail");
    for key in "1001".chars() {
        support::tap_in(&mut app, screen, &format!("key-{key}"));
    }
    support::tap_in(&mut app, screen, "status-lookup");
    let shown = screen_text(&app);
    assert!(shown.contains("代办中"), "{shown}");
    assert!(shown.contains("● 受理"), "{shown}");
    // The answer is the same public one: nothing personal beyond the name the farmer wrote.
    for private in ["340524", "5581001", "赵喆"] {
        assert!(!shown.contains(private), "{private} shown: {shown}");
    }

    // Another phone, or a name with letters left unpicked, finds nothing.
    let mut app = app_with(|store| hall_with_case(store, true, None));
    support::tap_in(&mut app, screen, "tile-status");
    support::tap_in(&mut app, screen, "status-by-name");
    spell(&mut app, screen, "wang", '王');
    for letter in ["K", "U", "N"] {
        support::tap_in(&mut app, screen, &format!("key-{letter}"));
    }
    support::tap_in(&mut app, screen, "status-phone-tail");
    for key in "1001".chars() {
        support::tap_in(&mut app, screen, &format!("key-{key}"));
    }
    support::tap_in(&mut app, screen, "status-lookup");
    let shown = screen_text(&app);
    assert!(shown.contains("要点选成汉字"), "{shown}");
    support::tap_in(&mut app, screen, "status-name");
    support::tap_in(&mut app, screen, "key-clear");
    spell(&mut app, screen, "wang", '王');
    spell(&mut app, screen, "kun", '堃');
    support::tap_in(&mut app, screen, "status-phone-tail");
    support::tap_in(&mut app, screen, "key-clear");
    for key in "1002".chars() {
        support::tap_in(&mut app, screen, &format!("key-{key}"));
    }
    support::tap_in(&mut app, screen, "status-lookup");
    let shown = screen_text(&app);
    assert!(shown.contains("没有查到"), "{shown}");
    assert!(!shown.contains("代办中"), "{shown}");
}

fn app_status_name(app: &bianmin::ui::App) -> String {
    app.status().name()
}

/// A recorded character (tests/fixtures/handwriting), its strokes scaled to the kiosk's pad.
fn recorded(ch: char) -> Vec<Vec<iced::Point>> {
    let path = format!(
        "{}/tests/fixtures/handwriting/U+{:04X}.json",
        env!("CARGO_MANIFEST_DIR"),
        u32::from(ch)
    );
    let ink: bianmin::handwriting::Ink =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let side = bianmin::ui::widget::text_entry::PAD_SIDE;
    let (sx, sy) = (side / ink.width(), side / ink.height());
    ink.strokes()
        .iter()
        .map(|stroke| {
            stroke
                .iter()
                .map(|point| iced::Point::new(point.x * sx, point.y * sy))
                .collect()
        })
        .collect()
}

/// The app with the installed recogniser found (as after the first frame), or None with the
/// reason printed when the model is not installed.
fn app_with_handwriting(prepare: impl FnOnce(&mut Store)) -> Option<bianmin::ui::App> {
    let model = bianmin::handwriting::model_path();
    if !model.exists() {
        println!(
            "skipped: no handwriting model at {} (tests/prepare installs it)",
            model.display()
        );
        return None;
    }
    let mut app = app_with(prepare);
    feed(&mut app, vec![Message::FirstFrame]);
    Some(app)
}

/// Writes `strokes` on the pad with a finger (or the mouse), one stroke at a time, as the
/// window sends the events; the app updates after every stroke.
fn write(app: &mut bianmin::ui::App, screen: Size, strokes: &[Vec<iced::Point>], finger: bool) {
    use iced::{Event, mouse, touch};
    let pad_id = bianmin::ui::widget::text_entry::pad::PAD_ID;
    let pad = shown_part(app, screen, iced_test::selector::id(pad_id))
        .expect("the pad")
        .0;
    for stroke in strokes {
        let mut ui = support::ui_at(app, screen);
        let finger_id = touch::Finger(7);
        for (index, point) in stroke.iter().enumerate() {
            let position = iced::Point::new(pad.x + point.x, pad.y + point.y);
            ui.point_at(position);
            let event = match (index, finger) {
                (0, true) => Event::Touch(touch::Event::FingerPressed {
                    id: finger_id,
                    position,
                }),
                (0, false) => Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
                (_, true) => Event::Touch(touch::Event::FingerMoved {
                    id: finger_id,
                    position,
                }),
                (_, false) => Event::Mouse(mouse::Event::CursorMoved { position }),
            };
            let _ = ui.simulate([event]);
        }
        let last = stroke.last().unwrap();
        let position = iced::Point::new(pad.x + last.x, pad.y + last.y);
        let _ = ui.simulate([if finger {
            Event::Touch(touch::Event::FingerLifted {
                id: finger_id,
                position,
            })
        } else {
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))
        }]);
        let messages: Vec<Message> = ui.into_messages().collect();
        assert_eq!(messages.len(), 1, "one stroke, one message: {messages:?}");
        feed(app, messages);
        let now = shown_part(app, screen, iced_test::selector::id(pad_id))
            .unwrap()
            .0;
        assert_eq!(now, pad, "the pad moved when candidates came");
    }
}

#[test]
fn writing_on_the_pad_offers_the_character_and_tapping_it_searches() {
    let screen = KIOSK_SCREENS[0];
    let Some(mut app) = app_with_handwriting(|_| {}) else {
        return;
    };
    support::tap_in(&mut app, screen, "tile-search");
    support::tap_in(&mut app, screen, "entry-handwriting");
    use bianmin::ui::widget::text_entry::Tab;
    assert_eq!(app.search().entry().tab(), Tab::Handwriting);
    write(&mut app, screen, &recorded('十'), true);
    assert_eq!(app.search().entry().ink().strokes().len(), 2);
    let offered: String = app.search().entry().candidates().iter().take(5).collect();
    assert!(offered.contains('十'), "{offered}");
    let mut ui = support::ui_at(&app, screen);
    ui.click("十").expect("十 is offered");
    let messages = ui.into_messages().collect();
    feed(&mut app, messages);
    assert_eq!(app.search().query(), "十");
    assert!(
        app.search().entry().ink().is_empty(),
        "the pad is clean for the next"
    );

    // With the mouse: 王, then 退一笔 takes its last stroke back, 重写 all of them.
    write(&mut app, screen, &recorded('王'), false);
    let offered: String = app.search().entry().candidates().iter().take(5).collect();
    assert!(offered.contains('王'), "{offered}");
    support::tap_in(&mut app, screen, "pad-undo");
    assert_eq!(app.search().entry().ink().strokes().len(), 3);
    assert_ne!(app.search().entry().candidates().first(), Some(&'王'));
    support::tap_in(&mut app, screen, "pad-clear");
    assert!(app.search().entry().ink().is_empty());
    assert!(app.search().entry().candidates().is_empty());
    assert_eq!(
        app.search().query(),
        "十",
        "the pad's buttons leave the text alone"
    );
    // The model is held while a pad is in use, and closed when the 拼音 tab or Home is chosen.
    assert!(app.handwriting().is_open());
    support::tap_in(&mut app, screen, "entry-pinyin");
    assert!(!app.handwriting().is_open());
    support::tap_in(&mut app, screen, "entry-handwriting");
    assert!(app.handwriting().is_open());
    support::tap_in(&mut app, screen, "home");
    assert!(
        !app.handwriting().is_open(),
        "the session's end closes the model"
    );
}

#[test]
fn without_the_recogniser_the_kiosk_offers_the_pinyin_keyboard_only() {
    let screen = KIOSK_SCREENS[0];
    let mut app = app().with_handwriting(bianmin::handwriting::Handwriting::new(
        "libzinnia-not-here.so.0",
        std::path::Path::new("/nonexistent/handwriting.model"),
    ));
    feed(&mut app, vec![Message::FirstFrame]);
    support::tap_in(&mut app, screen, "tile-search");
    let targets: Vec<String> = support::buttons_at(&app, screen)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert!(
        !targets.iter().any(|id| id.contains("entry-handwriting")),
        "{targets:?}"
    );
    assert!(
        !targets.iter().any(|id| id.contains("entry-pinyin")),
        "no tabs for one way"
    );
    assert!(targets.iter().any(|id| id.contains("key-Z")));
    spell(&mut app, screen, "di", '低');
    assert_eq!(app.search().query(), "低");
}

/// A stand-in for the loudspeaker: a script run as the player with the WAV file's path
/// (espeak-ng, which makes the sound, is the real one).
fn player_script(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("player");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The kiosk with `player` as its sound player.
fn app_playing_with(player: std::path::PathBuf) -> bianmin::ui::App {
    use bianmin::speech::{Player, Speech, Voice};
    app().with_speech(Speech {
        voice: Voice::default(),
        player: Player::new(Some(player)),
    })
}

/// Taps the target with this key and returns what it asked, without running anything.
fn tapped(app: &bianmin::ui::App, key: &str) -> Message {
    let mut ui = ui(app);
    ui.click(iced_test::selector::id(format!("tap:{key}")))
        .unwrap_or_else(|error| panic!("tap {key}: {error}"));
    let mut messages: Vec<Message> = ui.into_messages().collect();
    assert_eq!(messages.len(), 1, "{key}: {messages:?}");
    messages.remove(0)
}

fn target(app: &bianmin::ui::App, key: &str) -> Option<iced::Rectangle> {
    targets(app)
        .into_iter()
        .find(|(name, _)| name.contains(&format!("tap:{key}\"")))
        .map(|(_, bounds)| bounds)
}

#[test]
fn read_aloud_on_an_item_plays_its_notice_with_stop_and_replay_and_stops_on_leaving() {
    use bianmin::ui::widget::read_aloud::State;
    let dir = tempfile::tempdir().unwrap();
    let played = dir.path().join("played.wav");
    // A player that keeps what it was given and plays "for ten minutes" until it is stopped.
    let player = player_script(
        dir.path(),
        &format!("cp \"$1\" '{}'\nexec sleep 600", played.display()),
    );
    let mut app = app_playing_with(player);
    feed(
        &mut app,
        vec![Message::Open(Route::Item("pension-enrolment".into()))],
    );
    assert!(shows(&app, "朗读"));
    let idle = target(&app, "read-aloud").expect("朗读 in the bar");
    assert!(
        idle.width >= MIN_TARGET && idle.height >= MIN_TARGET,
        "{idle:?}"
    );
    assert!(target(&app, "read-aloud-repeat").is_none());

    // 朗读: the voice makes the page's sound on its own thread, then the player plays it.
    let make = app.update(tapped(&app, "read-aloud"));
    assert_eq!(app.read_aloud().state(), State::Preparing);
    assert!(shows(&app, "请稍候"));
    let made = support::outputs(make);
    let play = app.update(made.into_iter().next().expect("the sound is made"));
    assert_eq!(app.read_aloud().state(), State::Playing);
    assert!(shows(&app, "停止") && shows(&app, "重播"));
    assert_eq!(
        target(&app, "read-aloud"),
        Some(idle),
        "停止 stays where 朗读 was"
    );
    let replay = target(&app, "read-aloud-repeat").expect("重播");
    assert!(replay.width >= MIN_TARGET && replay.height >= MIN_TARGET);

    // The player was given the spoken notice: a WAV of many seconds.
    for _ in 0..500 {
        if std::fs::metadata(&played).is_ok_and(|meta| meta.len() > 44) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let wav = std::fs::read(&played).expect("the player got the sound");
    assert_eq!((&wav[..4], &wav[8..12]), (&b"RIFF"[..], &b"WAVE"[..]));
    assert!(
        wav.len() > 22_050 * 2 * 30,
        "half a minute at least: {}",
        wav.len()
    );

    // 停止 ends the player at once (its task ends: the ten minutes are cut short).
    let stop = tapped(&app, "read-aloud");
    feed(&mut app, vec![stop]);
    assert_eq!(app.read_aloud().state(), State::Idle);
    feed(&mut app, support::outputs(play));
    assert!(shows(&app, "朗读") && shows(&app, "重播"));
    assert_eq!(target(&app, "read-aloud"), Some(idle));

    // 重播 plays the same sound again; leaving the page stops it.
    let play = app.update(tapped(&app, "read-aloud-repeat"));
    assert_eq!(app.read_aloud().state(), State::Playing);
    tap(&mut app, "back");
    assert_eq!(app.route(), &Route::Home);
    assert_eq!(app.read_aloud().state(), State::Idle);
    feed(&mut app, support::outputs(play));
    assert_eq!(app.read_aloud().state(), State::Idle);
}

#[test]
fn read_aloud_without_a_sound_device_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    // What aplay says on a computer without a sound card.
    let player = player_script(
        dir.path(),
        "echo \"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\" >&2\n\
         echo 'aplay: main:831: audio open error: No such file or directory' >&2\n\
         exit 1",
    );
    let mut app = app_playing_with(player);
    let policy = app.content().policies[0].id.clone();
    feed(&mut app, vec![Message::Open(Route::Policy(policy))]);
    tap(&mut app, "read-aloud");
    let shown = screen_text(&app);
    assert!(shown.contains("这台电脑没有声音设备"), "{shown}");
    assert!(!shown.contains("audio open error"), "{shown}");
    assert!(shows(&app, "朗读"), "the button is free again");
    tap(&mut app, "read-aloud-dismiss");
    assert!(!screen_text(&app).contains("没有声音设备"));
}

#[test]
fn read_aloud_is_offered_on_notices_and_a_status_answer_and_not_on_lists() {
    let mut app = app_with(|store| hall_with_case(store, true, None));
    for route in [
        Route::Home,
        Route::Categories,
        Route::Policies,
        Route::Search,
    ] {
        feed(&mut app, vec![Message::Open(route.clone())]);
        assert!(target(&app, "read-aloud").is_none(), "{route:?}");
    }
    let notice = app.content().notices[0].id.clone();
    feed(&mut app, vec![Message::Open(Route::Notice(notice))]);
    assert!(target(&app, "read-aloud").is_some());

    let screen = KIOSK_SCREENS[0];
    feed(&mut app, vec![Message::Home]);
    support::tap_in(&mut app, screen, "tile-status");
    assert!(target(&app, "read-aloud").is_none(), "nothing found yet");
    look_up_by_tails(&mut app, screen, "01001X", "1001");
    assert!(
        target(&app, "read-aloud").is_some(),
        "the answer can be read"
    );
}

#[test]
fn read_aloud_labels_fit_on_one_line_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let player = player_script(dir.path(), "exec sleep 600");
    for language in [Language::ZhCn, Language::En] {
        let mut app = app_playing_with(player.clone());
        if app.language() != language {
            let _ = app.update(Message::Display(
                bianmin::ui::widget::display_controls::DisplayChange::ToggleLanguage,
            ));
        }
        feed(
            &mut app,
            vec![Message::Open(Route::Item("pension-enrolment".into()))],
        );
        let one_line = |app: &bianmin::ui::App, key: &str| {
            let label = bianmin::i18n::loader(language).get(key);
            let (_, bounds) = texts(app)
                .into_iter()
                .find(|(text, _)| *text == label)
                .unwrap_or_else(|| panic!("{label} shown"));
            let bar = f32::from(TextSize::CONTROLS.px());
            assert!(
                bounds.height < bar * 2.0,
                "{language:?} {label} wraps: {bounds:?}"
            );
        };
        one_line(&app, "read-aloud");
        let make = app.update(tapped(&app, "read-aloud"));
        one_line(&app, "read-aloud-preparing");
        let play = app.update(support::outputs(make).remove(0));
        one_line(&app, "read-aloud-stop");
        one_line(&app, "read-aloud-repeat");
        let stop = tapped(&app, "read-aloud");
        feed(&mut app, vec![stop]);
        feed(&mut app, support::outputs(play));
    }
}
