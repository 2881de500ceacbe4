//! The kiosk's flows driven through the real views with iced_test (tiny-skia, no display).

mod support;

use std::time::{Duration, Instant};

use bianmin::domain::type_scale::{MIN_TARGET, TextSize};
use bianmin::i18n::Language;
use bianmin::ui::Message;
use bianmin::ui::screen::Route;
use support::{SCREEN, app, feed, shows, tap, targets, texts, ui};

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
