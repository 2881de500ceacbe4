//! 好差评 from the farmer's side, driven through the real views: the kiosk's 评价 on 查进度 and
//! its 评价服务 entry (case number, receipt QR, 咨询), and the desk's 评价器 that the agent hands
//! over and cannot answer. What was recorded is read back through the store on the data dir.

mod support;

use std::time::{Duration, Instant};

use bianmin::domain::account::Role;
use bianmin::domain::application::{CaseState, Transition};
use bianmin::domain::case_number::QR_PREFIX;
use bianmin::domain::rating::{BadReason, RatingChannel, RatingLevel};
use bianmin::domain::type_scale::MIN_TARGET;
use bianmin::i18n::Language;
use bianmin::store::{CaseRatingStatus, CaseRules, NewApplication, Store};
use bianmin::ui::desk::{self, Screen};
use bianmin::ui::screen::Route;
use bianmin::ui::screen::rating::{self, page::COMMENT_INPUT};
use bianmin::ui::widget::display_controls::DisplayChange;
use bianmin::ui::{App, Message};
use support::{KIOSK_SCREENS, buttons_at};
use support::{add_accounts, feed, register_household, screen_text, scroll_and_tap, tap};

const PASSWORD: &str = "hall-password-2026";

/// A hall with an agent (account 1), 王堃's household and one 养老保险 case, accepted with
/// every material; then handled and completed when `complete`.
fn hall_with_case(store: &mut Store, complete: bool) {
    add_accounts(
        store,
        PASSWORD,
        &[("agent01", "赵喆", "13800000001", Role::Agent)],
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
    let new = NewApplication {
        request_key: "rating-case-1".into(),
        household_id: household.id.clone(),
        applicant: household.id_number.clone(),
        item_id: item.id.clone(),
        received: vec![true; item.materials.len()],
    };
    let at = bianmin::clock::now();
    let case = store.create_application(&new, &agent, &rules, at).unwrap();
    if complete {
        for transition in [Transition::StartHandling, Transition::Complete] {
            store
                .change_state(&case.id, transition, None, "", &agent, &rules, at)
                .unwrap();
        }
    }
}

fn completed_case(store: &mut Store) {
    hall_with_case(store, true);
}

/// The only case's id and number.
fn the_case(app: &App) -> (String, String) {
    let cases = app.office().store().cases(&Default::default()).unwrap();
    let case = &cases[0];
    (case.id.clone(), case.number.clone().expect("a case number"))
}

/// 查进度 by the case number, tapped on the number pad.
fn look_up(app: &mut App, number: &str) {
    tap(app, "tile-status");
    for digit in number.chars() {
        tap(app, &format!("key-{digit}"));
    }
    tap(app, "status-lookup");
}

fn keys(app: &App) -> Vec<String> {
    support::targets(app)
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

fn has_target(app: &App, key: &str) -> bool {
    let wanted = format!("\"tap:{key}\"");
    keys(app).iter().any(|found| found.contains(&wanted))
}

/// The level chosen on the page on screen (kiosk or desk), if any.
fn chosen_level(app: &App) -> Option<RatingLevel> {
    let form = match app.route() {
        Route::Desk => match app.desk().screen() {
            Screen::Rater(rater) => rater.form().expect("the farmer's page").clone(),
            other => panic!("no rating on the desk: {other:?}"),
        },
        _ => app.rating().form().expect("the rating page").clone(),
    };
    form.page().level()
}

#[test]
fn a_completed_case_rated_very_dissatisfied_at_the_kiosk_records_the_reasons_and_opens_a_follow_up()
{
    let dir = tempfile::tempdir().unwrap();
    let mut app = support::app_in_dir(dir.path(), completed_case);
    let (case_id, number) = the_case(&app);
    look_up(&mut app, &number);
    assert!(screen_text(&app).contains("已办结"));
    scroll_and_tap(&mut app, "status-rate-0");
    assert_eq!(app.route(), &Route::Rate);
    assert_eq!(chosen_level(&app), None, "nothing is chosen for the farmer");
    for level in RatingLevel::ALL {
        assert!(has_target(&app, &format!("rate-level-{}", level.code())));
    }
    let shown = screen_text(&app);
    for words in [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
        "★★★★★",
        "★☆☆☆☆",
    ] {
        assert!(shown.contains(words), "{words} missing: {shown}");
    }
    // 提交 before choosing records nothing and says why.
    scroll_and_tap(&mut app, "rate-submit");
    assert!(screen_text(&app).contains("请先点一下您的评价"));
    assert!(app.office().store().ratings(10).unwrap().is_empty());

    scroll_and_tap(&mut app, "rate-level-very_dissatisfied");
    assert_eq!(chosen_level(&app), Some(RatingLevel::VeryDissatisfied));
    for reason in BadReason::ALL {
        assert!(has_target(&app, &format!("rate-reason-{}", reason.code())));
    }
    // A 差评 needs a reason.
    scroll_and_tap(&mut app, "rate-submit");
    assert!(screen_text(&app).contains("请至少选一项"));
    let attitude = support::targets::bounds_of(&app, "rate-reason-attitude");
    scroll_and_tap(&mut app, "rate-reason-efficiency");
    assert_eq!(
        support::targets::bounds_of(&app, "rate-reason-attitude"),
        attitude,
        "ticking a reason moves none of the others"
    );
    scroll_and_tap(&mut app, "rate-reason-unclear_guide");
    support::type_into(&mut app, COMMENT_INPUT, "wait too long");
    for digit in "13912345678".chars() {
        scroll_and_tap(&mut app, &format!("key-{digit}"));
    }
    scroll_and_tap(&mut app, "rate-submit");
    let shown = screen_text(&app);
    assert!(shown.contains("谢谢您的评价"), "{shown}");
    assert!(
        shown.contains("前处理完"),
        "the follow-up's date is said: {shown}"
    );

    // Read back through the store on the data dir.
    let store = Store::open_dir(dir.path()).unwrap();
    let ratings = store.ratings(10).unwrap();
    assert_eq!(ratings.len(), 1);
    let rating = &ratings[0];
    assert_eq!(rating.application.as_deref(), Some(case_id.as_str()));
    assert_eq!(rating.case_number.as_deref(), Some(number.as_str()));
    assert_eq!(rating.channel, RatingChannel::Kiosk);
    assert_eq!(rating.level, Some(RatingLevel::VeryDissatisfied));
    assert_eq!(
        rating.reasons,
        [BadReason::Efficiency, BadReason::UnclearGuide]
    );
    assert_eq!(rating.comment, "wait too long");
    assert_eq!(rating.contact, "13912345678");
    let follow_ups = store.follow_ups(true).unwrap();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0].rating.id, rating.id);

    // The thank-you goes Home by itself.
    feed(
        &mut app,
        vec![Message::Tick(Instant::now() + Duration::from_secs(6))],
    );
    assert_eq!(app.route(), &Route::Home);
}

#[test]
fn a_case_rated_once_is_refused_a_second_rating_in_words() {
    let mut app = support::app_with(completed_case);
    let (_, number) = the_case(&app);
    look_up(&mut app, &number);
    scroll_and_tap(&mut app, "status-rate-0");
    scroll_and_tap(&mut app, "rate-level-satisfied");
    scroll_and_tap(&mut app, "rate-submit");
    assert!(screen_text(&app).contains("谢谢您的评价"));
    tap(&mut app, "home");
    assert_eq!(app.route(), &Route::Home);

    // 查进度 no longer offers 评价 and says why.
    look_up(&mut app, &number);
    assert!(!has_target(&app, "status-rate-0"));
    assert!(screen_text(&app).contains("这件事您已经评价过了"));

    // 评价服务 by the number says so too, and records nothing more.
    tap(&mut app, "home");
    tap(&mut app, "tile-rate");
    for digit in number.chars() {
        tap(&mut app, &format!("key-{digit}"));
    }
    tap(&mut app, "rate-lookup");
    assert!(app.rating().form().is_none());
    assert!(
        screen_text(&app).contains("每件事评价一次"),
        "{}",
        screen_text(&app)
    );
    assert_eq!(app.office().store().ratings(10).unwrap().len(), 1);
}

#[test]
fn skipping_at_the_kiosk_records_not_rated_and_leaves_the_case_open_for_a_rating() {
    let mut app = support::app_with(completed_case);
    let (case_id, number) = the_case(&app);
    look_up(&mut app, &number);
    scroll_and_tap(&mut app, "status-rate-0");
    scroll_and_tap(&mut app, "rate-skip");
    assert!(screen_text(&app).contains("这次不评价"));
    let store = app.office().store();
    let ratings = store.ratings(10).unwrap();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].level, None, "未评价");
    assert_eq!(ratings[0].channel, RatingChannel::Kiosk);
    assert!(store.follow_ups(false).unwrap().is_empty());
    assert_eq!(
        store
            .case_rating_status(&case_id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::Open
    );
}

#[test]
fn a_visit_without_a_case_is_rated_from_home() {
    let mut app = support::app_with(completed_case);
    scroll_and_tap(&mut app, "tile-rate");
    tap(&mut app, "rate-visit");
    assert_eq!(chosen_level(&app), None);
    assert!(screen_text(&app).contains("咨询"));
    scroll_and_tap(&mut app, "rate-level-satisfied");
    assert_eq!(chosen_level(&app), Some(RatingLevel::Satisfied));
    assert!(
        !has_target(&app, "rate-reason-efficiency"),
        "a good rating asks no reasons"
    );
    scroll_and_tap(&mut app, "rate-submit");
    let ratings = app.office().store().ratings(10).unwrap();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].application, None);
    assert_eq!(ratings[0].level, Some(RatingLevel::Satisfied));
    assert_eq!(ratings[0].channel, RatingChannel::Kiosk);
}

/// What a USB scanner in keyboard mode sends for `text` followed by Enter, through the kiosk's
/// own keyboard mapping.
fn scanner_keys(text: &str) -> Vec<Message> {
    use iced::keyboard::key::{Named, NativeCode, Physical};
    use iced::keyboard::{Event, Key, Location, Modifiers};
    let press = |key: Key, text: Option<String>| Event::KeyPressed {
        modified_key: key.clone(),
        key,
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::default(),
        text: text.map(Into::into),
        repeat: false,
    };
    text.chars()
        .map(|c| press(Key::Character(c.to_string().into()), Some(c.to_string())))
        .chain([press(Key::Named(Named::Enter), Some("\r".into()))])
        .map(|event| {
            let typed = rating::typed(event).expect("a key the box takes");
            Message::Rating(rating::Message::Typed(typed))
        })
        .collect()
}

#[test]
fn the_receipts_qr_read_by_a_scanner_opens_the_rating_page_for_its_case() {
    let mut app = support::app_with(completed_case);
    let (case_id, number) = the_case(&app);
    scroll_and_tap(&mut app, "tile-rate");
    assert!(app.rating().takes_typing());
    feed(&mut app, scanner_keys(&format!("{QR_PREFIX}{number}")));
    match app.rating().subject() {
        Some(rating::Subject::Case { id, .. }) => assert_eq!(id, &case_id),
        other => panic!("no page for the case: {other:?}"),
    }
    assert_eq!(chosen_level(&app), None);
    assert!(screen_text(&app).contains("养老"), "the item is named");
}

#[test]
fn a_case_not_yet_completed_can_be_rated_once_completed() {
    let mut app = support::app_with(|store| hall_with_case(store, false));
    let (_, number) = the_case(&app);
    look_up(&mut app, &number);
    assert!(!has_target(&app, "status-rate-0"), "an accepted case");
    tap(&mut app, "home");
    tap(&mut app, "tile-rate");
    feed(&mut app, scanner_keys(&number));
    assert!(app.rating().form().is_none());
    let shown = screen_text(&app);
    assert!(shown.contains("办结以后才能评价"), "{shown}");
    assert!(shown.contains("已受理"), "{shown}");
}

#[test]
fn walking_away_mid_rating_records_nothing_and_the_kiosk_goes_home() {
    let mut app = support::app_with(completed_case);
    let (case_id, number) = the_case(&app);
    look_up(&mut app, &number);
    scroll_and_tap(&mut app, "status-rate-0");
    scroll_and_tap(&mut app, "rate-level-dissatisfied");
    scroll_and_tap(&mut app, "rate-reason-attitude");
    let start = Instant::now();
    feed(&mut app, vec![Message::Activity(start)]);
    feed(
        &mut app,
        vec![Message::Tick(start + Duration::from_secs(95))],
    );
    assert!(app.idle_prompt_showing());
    feed(
        &mut app,
        vec![Message::Tick(start + Duration::from_secs(120))],
    );
    assert_eq!(app.route(), &Route::Home);
    let store = app.office().store();
    assert!(store.ratings(10).unwrap().is_empty(), "nothing recorded");
    assert_eq!(
        store
            .case_rating_status(&case_id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::Open
    );
    drop(store);
    // The next person finds the entry empty.
    tap(&mut app, "tile-rate");
    assert!(app.rating().takes_typing());
}

// ---- the desk's 评价器 ----

fn login(app: &mut App, login: &str) {
    scroll_and_tap(app, "staff-login");
    support::type_into(app, "login-name", login);
    support::type_into(app, "login-password", PASSWORD);
    tap(app, "login-submit");
    assert!(app.desk().session().is_some(), "{login} logged in");
}

/// Takes a complete 养老保险 application for 王堃 at the desk: accepted at once.
fn accept_at_the_desk(app: &mut App) {
    tap(app, "desk-new-application");
    support::type_into(app, "intake-search", "王堃");
    tap(app, "household-household-1");
    save_complete_application(app);
}

/// The same through the desk's messages, at any type size.
fn accept_by_messages(app: &mut App, name: &str) {
    use bianmin::ui::desk::login::LoginMessage;
    scroll_and_tap(app, "staff-login");
    let login = |message| Message::Desk(desk::Message::Login(message));
    feed(
        app,
        vec![
            login(LoginMessage::Login(name.into())),
            login(LoginMessage::Password(PASSWORD.into())),
            login(LoginMessage::Submit),
        ],
    );
    feed(
        app,
        vec![
            Message::Desk(desk::Message::Show(desk::Section::NewApplication)),
            Message::Desk(desk::Message::Intake(desk::intake::Message::Pick(
                "household-1".into(),
            ))),
        ],
    );
    save_complete_application(app);
}

fn save_complete_application(app: &mut App) {
    let item = bianmin::content::shipped()
        .unwrap()
        .item("pension-enrolment")
        .cloned()
        .unwrap();
    let intake = |message| Message::Desk(desk::Message::Intake(message));
    feed(
        app,
        vec![intake(desk::intake::Message::Item(
            bianmin::ui::desk::choice::Choice::new(item.id.clone(), item.name.clone()),
        ))],
    );
    for index in 0..item.materials.len() {
        feed(
            app,
            vec![intake(desk::intake::Message::Received(index, true))],
        );
    }
    feed(app, vec![intake(desk::intake::Message::Save)]);
}

fn desk_hall(store: &mut Store) {
    add_accounts(
        store,
        PASSWORD,
        &[
            ("agent01", "赵喆", "13800000001", Role::Agent),
            ("admin", "张伟", "13800000009", Role::Admin),
        ],
    );
    store
        .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").unwrap())
        .unwrap();
    register_household(store, 1);
}

fn on_case(app: &App) -> CaseState {
    match app.desk().screen() {
        Screen::Case(view) => view.case.state,
        other => panic!("not on a case: {other:?}"),
    }
}

#[test]
fn an_accepted_case_is_handed_to_the_farmer_who_alone_can_rate_it() {
    let mut app = support::app_with(desk_hall);
    login(&mut app, "agent01");
    accept_at_the_desk(&mut app);
    // The hand-over screen: the agent's two buttons, no level.
    assert!(screen_text(&app).contains("请群众评价"));
    assert!(has_target(&app, "rater-hand-over") && has_target(&app, "rater-skip"));
    assert!(!keys(&app).iter().any(|key| key.contains("rate-level-")));
    tap(&mut app, "rater-hand-over");
    assert!(app.desk().is_farmer_facing());

    // Only the farmer's controls are on screen: the page's, nothing of the desk or the bar.
    let farmer = ["rate-level-", "rate-submit", "rate-skip"];
    let found = keys(&app);
    for key in &found {
        assert!(
            farmer.iter().any(|allowed| key.contains(allowed)),
            "{key} on the farmer's screen: {found:?}"
        );
    }
    for agent in [
        "desk-cases",
        "desk-logout",
        "back",
        "home",
        "move-",
        "case-print-receipt",
        "handover",
        "rater-",
    ] {
        assert!(
            !found
                .iter()
                .any(|key| key.contains(&format!("\"tap:{agent}"))),
            "{agent} is on the farmer's screen"
        );
    }
    assert_eq!(chosen_level(&app), None, "nothing pre-selected");

    // The agent's ways out do nothing while the farmer rates.
    for message in [
        Message::Back,
        Message::Home,
        Message::Desk(desk::Message::Logout),
        Message::Desk(desk::Message::Show(desk::Section::Cases)),
        Message::Desk(desk::Message::Back),
    ] {
        feed(&mut app, vec![message]);
        assert!(app.desk().is_farmer_facing());
        assert!(app.desk().session().is_some());
    }
    // No warning over the farmer's page, even in the desk's last idle minute.
    let start = Instant::now();
    feed(&mut app, vec![Message::Activity(start)]);
    feed(
        &mut app,
        vec![Message::Tick(start + Duration::from_secs(560))],
    );
    assert!(!app.desk_warning_showing());
    assert!(app.desk().is_farmer_facing());
    // The farmer's next tap is input like any other (the kiosk's event listener says so).
    feed(
        &mut app,
        vec![Message::Activity(start + Duration::from_secs(561))],
    );

    scroll_and_tap(&mut app, "rate-level-satisfied");
    scroll_and_tap(&mut app, "rate-submit");
    assert!(screen_text(&app).contains("谢谢您的评价"));
    let ratings = app.office().store().ratings(10).unwrap();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].channel, RatingChannel::DeskRater);
    assert_eq!(ratings[0].level, Some(RatingLevel::Satisfied));
    assert_eq!(ratings[0].agent_login.as_deref(), Some("agent01"));

    // After the thank-you, the desk is back on the case with its controls.
    feed(
        &mut app,
        vec![Message::Tick(Instant::now() + Duration::from_secs(4))],
    );
    assert_eq!(on_case(&app), CaseState::Accepted);
    assert!(has_target(&app, "desk-logout"));

    // Completing a case rated already asks for no second rating (一次一评).
    for key in ["move-StartHandling", "move-Complete"] {
        scroll_and_tap(&mut app, key);
    }
    assert_eq!(on_case(&app), CaseState::Completed);
}

#[test]
fn skip_on_the_hand_over_screen_records_not_rated_on_the_desk_rater() {
    let mut app = support::app_with(desk_hall);
    login(&mut app, "agent01");
    accept_at_the_desk(&mut app);
    tap(&mut app, "rater-skip");
    assert_eq!(on_case(&app), CaseState::Accepted);
    let ratings = app.office().store().ratings(10).unwrap();
    assert_eq!(ratings.len(), 1);
    assert_eq!(ratings[0].level, None, "未评价");
    assert_eq!(ratings[0].channel, RatingChannel::DeskRater);

    // Skipped at acceptance, the farmer is asked again at completion.
    for key in ["move-StartHandling", "move-Complete"] {
        scroll_and_tap(&mut app, key);
    }
    assert!(screen_text(&app).contains("请群众评价"));
}

#[test]
fn the_farmers_page_on_the_desk_takes_a_bad_rating_with_its_reasons() {
    let mut app = support::app_with(desk_hall);
    login(&mut app, "agent01");
    accept_at_the_desk(&mut app);
    tap(&mut app, "rater-hand-over");
    scroll_and_tap(&mut app, "rate-level-dissatisfied");
    scroll_and_tap(&mut app, "rate-reason-attitude");
    scroll_and_tap(&mut app, "rate-submit");
    let store = app.office().store();
    let ratings = store.ratings(10).unwrap();
    assert_eq!(ratings[0].reasons, [BadReason::Attitude]);
    assert_eq!(store.follow_ups(true).unwrap().len(), 1);
}

// ---- sizes ----

fn set_size(app: &mut App, px: u16) {
    while app.text_size().px() != px {
        let change = if app.text_size().px() < px {
            DisplayChange::Bigger
        } else {
            DisplayChange::Smaller
        };
        feed(app, vec![Message::Display(change)]);
    }
}

fn check_targets(app: &App, what: &str, seen: &mut std::collections::BTreeSet<String>) {
    for screen in KIOSK_SCREENS {
        let buttons = buttons_at(app, screen);
        assert!(buttons.len() >= 2, "{what}: no touch targets found");
        for (id, bounds) in buttons {
            assert!(
                bounds.width >= MIN_TARGET && bounds.height >= MIN_TARGET,
                "{screen:?} {what} {id}: {bounds:?}"
            );
            seen.insert(id);
        }
    }
}

#[test]
fn rating_targets_are_at_least_60_px_at_12_and_50_px_in_both_languages_and_in_elder_mode() {
    let mut seen = std::collections::BTreeSet::new();
    for (px, elder) in [(12, false), (50, false), (28, true)] {
        for language in [Language::ZhCn, Language::En] {
            let mut app = support::app_with(completed_case);
            if elder {
                feed(
                    &mut app,
                    vec![Message::Display(DisplayChange::ToggleElderMode)],
                );
            }
            set_size(&mut app, px);
            if app.language() != language {
                feed(
                    &mut app,
                    vec![Message::Display(DisplayChange::ToggleLanguage)],
                );
            }
            let what = format!("{px} px {language:?}");
            feed(&mut app, vec![Message::Open(Route::Rate)]);
            check_targets(&app, &format!("{what} entry"), &mut seen);
            feed(&mut app, vec![Message::Rating(rating::Message::Visit)]);
            check_targets(&app, &format!("{what} levels"), &mut seen);
            let page = |message| Message::Rating(rating::Message::Page(message));
            use bianmin::ui::screen::rating::page::Message as Page;
            feed(
                &mut app,
                vec![page(Page::Level(RatingLevel::VeryDissatisfied))],
            );
            feed(&mut app, vec![page(Page::Reason(BadReason::Other))]);
            check_targets(&app, &format!("{what} reasons"), &mut seen);
            let text = support::texts(&app);
            assert!(
                text.iter().any(|(words, _)| words.contains('★')),
                "{what}: stars are drawn"
            );
        }
    }
    // The 评价器 at 50 px in 长辈版.
    let mut app = support::app_with(desk_hall);
    feed(
        &mut app,
        vec![Message::Display(DisplayChange::ToggleElderMode)],
    );
    set_size(&mut app, 50);
    accept_by_messages(&mut app, "agent01");
    check_targets(&app, "desk hand-over", &mut seen);
    scroll_and_tap(&mut app, "rater-hand-over");
    check_targets(&app, "desk farmer's page", &mut seen);
    for key in [
        "rate-level-very_satisfied",
        "rate-reason-other",
        "rate-submit",
        "rate-skip",
        "rate-visit",
        "rate-lookup",
        "rater-hand-over",
        "key-0",
    ] {
        assert!(
            seen.iter().any(|id| id.contains(key)),
            "no target like {key} was measured"
        );
    }
}

#[test]
fn the_desk_rater_page_is_drawn_in_large_type_at_the_agents_small_size() {
    let mut app = support::app_with(desk_hall);
    set_size(&mut app, 14);
    login(&mut app, "agent01");
    accept_at_the_desk(&mut app);
    tap(&mut app, "rater-hand-over");
    let text = support::texts(&app);
    let (_, bounds) = text
        .iter()
        .find(|(words, _)| words == "非常满意")
        .expect("the level's words");
    assert!(bounds.height >= 40.0, "large type: {bounds:?}");
}

// ---- the whole way round: the farmer's 差评 at the kiosk, the staff's follow-up on the desk ----

#[test]
fn a_bad_rating_at_the_kiosk_is_followed_up_by_staff_on_the_desk_until_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = support::app_in_dir(dir.path(), |store| {
        completed_case(store);
        add_accounts(
            store,
            PASSWORD,
            &[
                ("admin", "张伟", "13800000009", Role::Admin),
                ("staff01", "钱敏", "13800000003", Role::Staff),
            ],
        );
    });
    let (_, number) = the_case(&app);

    // The farmer: 查进度 → 评价 → 不满意 → 服务态度 → 提交.
    look_up(&mut app, &number);
    scroll_and_tap(&mut app, "status-rate-0");
    scroll_and_tap(&mut app, "rate-level-dissatisfied");
    scroll_and_tap(&mut app, "rate-reason-attitude");
    scroll_and_tap(&mut app, "rate-submit");
    assert!(screen_text(&app).contains("谢谢您的评价"));
    feed(
        &mut app,
        vec![Message::Tick(Instant::now() + Duration::from_secs(6))],
    );
    assert_eq!(app.route(), &Route::Home);

    // The hall's staff: the follow-up waits on their desk, and is closed step by step.
    login(&mut app, "staff01");
    assert!(screen_text(&app).contains("差评回访：未完成 1 件"));
    tap(&mut app, "desk-follow-ups");
    let follow_up = app.office().store().follow_ups(true).unwrap().remove(0);
    assert_eq!(
        follow_up.rating.case_number.as_deref(),
        Some(number.as_str())
    );
    scroll_and_tap(&mut app, &format!("follow-up-{}", follow_up.id));
    assert!(screen_text(&app).contains("服务态度"));
    for note in [
        "核实：属实",
        "整改：已批评教育",
        "反馈：已告知",
        "回访：满意",
    ] {
        support::scroll_and_type(&mut app, "follow-up-note", note);
        scroll_and_tap(&mut app, "follow-up-advance");
    }
    let closed = app
        .office()
        .store()
        .follow_up(&follow_up.id)
        .unwrap()
        .unwrap();
    assert_eq!(closed.stage, bianmin::domain::rating::FollowUpStage::Closed);
    assert_eq!(closed.notes.len(), 4);
    assert!(app.office().store().follow_ups(true).unwrap().is_empty());
}
