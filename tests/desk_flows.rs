//! The agents' desk and the kiosk's progress lookup, driven through the real views.

mod support;

use std::time::{Duration, Instant};

use bianmin::domain::account::{AccountStatus, Role};
use bianmin::domain::application::CaseState;
use bianmin::store::Store;
use bianmin::ui::Message;
use bianmin::ui::desk::choice::Choice;
use bianmin::ui::desk::{self, Screen};
use bianmin::ui::screen::Route;
use support::{
    add_accounts, app, app_with, feed, register_household, screen_text, scroll_and_tap, tap,
    type_into,
};

const PASSWORD: &str = "hall-password-2026";

fn register(app: &mut bianmin::ui::App, name: &str, phone: &str, login: &str) {
    type_into(app, "register-name", name);
    type_into(app, "register-phone", phone);
    type_into(app, "register-login", login);
    type_into(app, "register-password", PASSWORD);
    type_into(app, "register-repeat", PASSWORD);
    scroll_and_tap(app, "register-submit");
}

fn login(app: &mut bianmin::ui::App, by_phone: bool, name: &str) {
    tap(app, "staff-login");
    if by_phone {
        tap(app, "login-by-phone");
    }
    type_into(app, "login-name", name);
    type_into(app, "login-password", PASSWORD);
    tap(app, "login-submit");
}

#[test]
fn first_admin_set_up_then_register_approve_and_log_in_by_phone() {
    let mut app = app();
    tap(&mut app, "staff-login");
    assert_eq!(app.route(), &Route::Desk);
    assert!(
        screen_text(&app).contains("初始设置"),
        "a new terminal asks for its first admin"
    );
    // A new terminal has no device code; the set-up gives it one with the first admin.
    assert_eq!(app.office().store().device_code().unwrap(), None);
    type_into(&mut app, "setup-device-code", "1");
    register(&mut app, "张伟", "13812345678", "admin");
    assert!(
        app.desk().session().is_none(),
        "one digit is not a device code"
    );
    assert!(screen_text(&app).contains("01–99"));
    type_into(&mut app, "setup-device-code", "3");
    scroll_and_tap(&mut app, "register-submit");
    assert_eq!(
        app.office()
            .store()
            .device_code()
            .unwrap()
            .unwrap()
            .as_str(),
        "13"
    );
    assert_eq!(app.desk().session().map(|a| a.role), Some(Role::Admin));
    tap(&mut app, "desk-logout");
    assert_eq!(app.route(), &Route::Home);

    // 立即注册: the new account waits for approval.
    tap(&mut app, "staff-login");
    tap(&mut app, "desk-register");
    register(&mut app, "李玥", "13900001111", "liyue");
    assert!(screen_text(&app).contains("等待管理员审核"));
    tap(&mut app, "home");
    login(&mut app, true, "13900001111");
    assert!(app.desk().session().is_none());
    assert!(screen_text(&app).contains("等待管理员审核"));
    tap(&mut app, "home");

    // The admin approves.
    login(&mut app, false, "admin");
    tap(&mut app, "desk-accounts");
    let pending = app
        .office()
        .store()
        .accounts(Some(AccountStatus::Pending))
        .unwrap();
    assert_eq!(pending.len(), 1);
    tap(&mut app, &format!("account-approve-{}", pending[0].id));
    tap(&mut app, "desk-logout");

    // 手机+密码登录.
    login(&mut app, true, "13900001111");
    let session = app.desk().session().expect("logged in by phone");
    assert_eq!(session.login, "liyue");
    assert_eq!(session.role, Role::Agent);
}

fn hall_with_agent_and_household(store: &mut Store) {
    add_accounts(
        store,
        PASSWORD,
        &[
            ("admin", "张伟", "13800000009", Role::Admin),
            ("agent01", "赵喆", "13800000001", Role::Agent),
        ],
    );
    store
        .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").unwrap())
        .unwrap();
    register_household(store, 1);
}

fn open_case_state(app: &bianmin::ui::App) -> (CaseState, Option<String>) {
    match app.desk().screen() {
        Screen::Case(view) => (view.case.state, view.case.number.clone()),
        other => panic!("not on a case: {other:?}"),
    }
}

#[test]
fn a_missing_material_gives_a_correction_notice_then_completing_accepts_with_a_number() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-application");
    type_into(&mut app, "intake-search", "王堃");
    tap(&mut app, "household-household-1");
    let item = bianmin::content::shipped()
        .unwrap()
        .item("minimum-living-allowance")
        .cloned()
        .unwrap();
    let intake = |message| Message::Desk(desk::Message::Intake(message));
    let _ = app.update(intake(desk::intake::Message::Item(Choice::new(
        item.id.clone(),
        item.name.clone(),
    ))));
    // Everything but the second material.
    for index in (0..item.materials.len()).filter(|&index| index != 1) {
        let _ = app.update(intake(desk::intake::Message::Received(index, true)));
    }
    tap(&mut app, "intake-save");
    let (state, number) = open_case_state(&app);
    assert_eq!(state, CaseState::AwaitingCorrection);
    assert_eq!(number, None);
    let shown = screen_text(&app);
    assert!(
        shown.contains("一次性告知") && shown.contains(&item.materials[1].name),
        "{shown}"
    );
    // The agent's own case screen shows the full ID number.
    assert!(shown.contains("34052419800101001X"));

    // Saving the same form twice would have made one case.
    assert_eq!(
        app.office()
            .store()
            .cases(&Default::default())
            .unwrap()
            .len(),
        1
    );

    let _ = app.update(Message::Desk(desk::Message::Case(
        desk::case::Message::Received(1, true),
    )));
    scroll_and_tap(&mut app, "move-Accept");
    let (state, number) = open_case_state(&app);
    assert_eq!(state, CaseState::Accepted);
    let number = number.expect("a case number");
    assert!(number.starts_with("621023202"));
    assert!(screen_text(&app).contains(&number));
}

#[test]
fn the_kiosk_lookup_shows_only_state_and_due_date() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-application");
    type_into(&mut app, "intake-search", "王堃");
    tap(&mut app, "household-household-1");
    let item = bianmin::content::shipped()
        .unwrap()
        .item("pension-enrolment")
        .cloned()
        .unwrap();
    let _ = app.update(Message::Desk(desk::Message::Intake(
        desk::intake::Message::Item(Choice::new(item.id.clone(), item.name.clone())),
    )));
    for index in 0..item.materials.len() {
        let _ = app.update(Message::Desk(desk::Message::Intake(
            desk::intake::Message::Received(index, true),
        )));
    }
    tap(&mut app, "intake-save");
    let (_, number) = open_case_state(&app);
    let number = number.unwrap();
    tap(&mut app, "desk-logout");

    tap(&mut app, "tile-status");
    for digit in number.chars() {
        tap(&mut app, &format!("key-{digit}"));
    }
    tap(&mut app, "status-lookup");
    let shown = screen_text(&app);
    assert!(shown.contains("已受理"), "{shown}");
    assert!(shown.contains("承诺办结日期"), "{shown}");
    assert!(!shown.contains("王堃"), "no name at the kiosk");
    assert!(!shown.contains("340524"), "no ID number at the kiosk");

    // By the last six characters of the ID number and the last four digits of the phone,
    // all tapped on the number pad.
    tap(&mut app, "status-by-tails");
    for key in ["0", "1", "0", "0", "1", "X", "1", "0", "0", "1"] {
        tap(&mut app, &format!("key-{key}"));
    }
    tap(&mut app, "status-lookup");
    let shown = screen_text(&app);
    assert!(shown.contains("已受理"), "{shown}");
    assert!(
        !shown.contains("王堃") && !shown.contains("5581001"),
        "{shown}"
    );
}

#[test]
fn a_desk_left_alone_warns_then_logs_out_and_keeps_the_form_for_its_agent_alone() {
    let mut app = app_with(|store| {
        hall_with_agent_and_household(store);
        add_accounts(
            store,
            PASSWORD,
            &[("agent02", "钱多", "13800000002", Role::Agent)],
        );
    });
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    type_into(&mut app, "household-head", "李秀英");
    let start = Instant::now();
    feed(&mut app, vec![Message::Activity(start)]);
    // The hall's default is ten minutes; the last minute warns.
    feed(
        &mut app,
        vec![Message::Tick(start + Duration::from_secs(539))],
    );
    assert!(!app.desk_warning_showing(), "no warning at 8:59");
    feed(
        &mut app,
        vec![Message::Tick(start + Duration::from_secs(541))],
    );
    assert!(app.desk_warning_showing(), "a warning in the last minute");
    assert!(screen_text(&app).contains("即将自动退出登录"));
    assert!(
        app.desk().session().is_some(),
        "still logged in while warned"
    );
    feed(
        &mut app,
        vec![Message::Tick(start + Duration::from_secs(601))],
    );
    assert!(app.desk().session().is_none());
    assert_eq!(app.route(), &Route::Home);

    // Another agent on this terminal is not offered it.
    login(&mut app, false, "agent02");
    assert!(app.desk().session().is_some());
    assert!(!app.desk().offers_draft());
    assert!(!screen_text(&app).contains("接着填写"));
    tap(&mut app, "desk-logout");
    assert_eq!(app.route(), &Route::Home);

    // Its own agent is, and gets the form back as it was.
    login(&mut app, false, "agent01");
    assert!(app.desk().offers_draft());
    tap(&mut app, "desk-draft-take");
    assert!(matches!(app.desk().screen(), Screen::Household(_)));
    assert!(app.desk().has_unsaved_input());
    assert!(support::shows(&app, "李秀英"), "the typed name is back");
}

#[test]
fn typing_right_after_a_household_is_saved_does_not_move_the_form() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    type_into(&mut app, "household-head", "李秀英");
    type_into(&mut app, "household-id", "11010519491231002X");
    type_into(&mut app, "household-phone", "13912345678");
    let village = bianmin::content::shipped().unwrap().villages[0]
        .name
        .clone();
    feed(
        &mut app,
        vec![Message::Desk(desk::Message::Household(
            desk::household::Message::Village(Choice::new(village.clone(), village)),
        ))],
    );
    type_into(&mut app, "household-group", "1");
    scroll_and_tap(&mut app, "household-save");
    assert!(matches!(app.desk().screen(), Screen::Intake(_)));
    assert!(
        screen_text(&app).contains("李秀英"),
        "the saved banner shows"
    );
    // Choosing the service right after must not move the form under the finger.
    let title = |app: &bianmin::ui::App| {
        support::texts(app)
            .into_iter()
            .find(|(text, _)| text == "新建代办申请")
            .map(|(_, bounds)| bounds)
            .expect("the form's title")
    };
    let before = title(&app);
    let item = bianmin::content::shipped().unwrap().items[0].id.clone();
    feed(
        &mut app,
        vec![Message::Desk(desk::Message::Intake(
            desk::intake::Message::Item(Choice::new(item.clone(), item)),
        ))],
    );
    assert_eq!(before, title(&app), "the form stays where it was");
    // The next household: its first keystroke must not move the form (and lose the focus).
    tap(&mut app, "desk-new-household");
    // The application just begun for that household is left for the next one.
    tap(&mut app, "desk-ask-yes");
    let before = input_bounds(&app, "household-head");
    type_into(&mut app, "household-head", "王");
    let after = input_bounds(&app, "household-head");
    assert_eq!(
        before, after,
        "the field stays under the finger while typing"
    );
    type_into(&mut app, "household-head", "秀兰");
    assert!(support::shows(&app, "王秀兰"), "every character was kept");
}

/// Where the text box with this id is on screen.
fn input_bounds(app: &bianmin::ui::App, id: &'static str) -> iced::Rectangle {
    let mut ui = support::ui(app);
    ui.find(iced_test::selector::id(id))
        .unwrap_or_else(|error| panic!("{id}: {error}"))
        .visible_bounds()
        .expect("the field is on screen")
}

#[test]
fn leaving_the_desk_for_the_kiosk_logs_out() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "home");
    assert!(app.desk().session().is_none());
    tap(&mut app, "staff-login");
    assert!(
        app.desk().session().is_none(),
        "farmers never see an agent's screens"
    );
    feed(&mut app, Vec::new());
}

#[test]
fn an_admin_reads_the_latest_log_entries_and_an_agent_has_no_logs_button() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    let today = chrono::Utc::now().date_naive();
    std::fs::write(
        logs.join(format!("bianmin.{}.log", today.format("%Y-%m-%d"))),
        "2026-11-27T01:00:00Z  INFO bianmin::sync::run: an earlier entry\n\
         2026-11-27T02:00:00Z  INFO bianmin::sync::run: sync finished pushed=3\n",
    )
    .unwrap();
    let mut app = support::app_in_dir(dir.path(), hall_with_agent_and_household);

    login(&mut app, false, "agent01");
    assert!(app.desk().session().is_some());
    let keys: Vec<String> = support::targets(&app).into_iter().map(|(k, _)| k).collect();
    assert!(
        keys.iter().any(|key| key.contains("desk-cases")),
        "{keys:?}"
    );
    assert!(
        !keys.iter().any(|key| key.contains("desk-logs")),
        "{keys:?}"
    );
    // Asking anyway changes nothing.
    feed(
        &mut app,
        vec![Message::Desk(desk::Message::Show(desk::Section::Logs))],
    );
    assert!(!matches!(app.desk().screen(), Screen::Logs(_)));
    tap(&mut app, "desk-logout");

    login(&mut app, false, "admin");
    tap(&mut app, "desk-logs");
    let Screen::Logs(screen) = app.desk().screen() else {
        panic!("not on the logs screen: {:?}", app.desk().screen())
    };
    assert!(!screen.is_loading());
    let text = screen_text(&app);
    assert!(text.contains("运行日志"), "{text}");
    let newest = text
        .find("sync finished pushed=3")
        .expect("the newest entry shows");
    let earlier = text
        .find("an earlier entry")
        .expect("the earlier entry shows");
    assert!(newest < earlier, "newest first");

    std::fs::write(
        logs.join(format!("bianmin.{}.log", today.format("%Y-%m-%d"))),
        "2026-11-27T03:00:00Z  WARN bianmin::ui::desk::login: login failed\n",
    )
    .unwrap();
    tap(&mut app, "logs-refresh");
    assert!(screen_text(&app).contains("login failed"));
}

#[test]
fn the_desks_back_goes_to_the_previous_desk_screen_and_stays_logged_in() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    assert!(matches!(app.desk().screen(), Screen::Cases(_)));
    tap(&mut app, "desk-new-application");
    assert!(matches!(app.desk().screen(), Screen::Intake(_)));
    tap(&mut app, "back");
    assert!(matches!(app.desk().screen(), Screen::Cases(_)));
    assert_eq!(app.route(), &Route::Desk);
    assert!(app.desk().session().is_some(), "still logged in");
    // From the desk's first screen, back asks before logging out; "留在这里" stays.
    tap(&mut app, "back");
    assert!(screen_text(&app).contains("要退出登录"));
    tap(&mut app, "desk-ask-no");
    assert!(app.desk().session().is_some());
    assert!(matches!(app.desk().screen(), Screen::Cases(_)));
    tap(&mut app, "back");
    tap(&mut app, "desk-ask-yes");
    assert_eq!(app.route(), &Route::Home);
    assert!(app.desk().session().is_none());
}

#[test]
fn leaving_a_form_with_unsaved_input_asks_first_and_keeps_the_input() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    type_into(&mut app, "household-head", "刘玥");
    for leave in ["back", "desk-cases", "home", "desk-logout"] {
        tap(&mut app, leave);
        assert!(
            screen_text(&app).contains("还没有保存"),
            "{leave} asks first"
        );
        tap(&mut app, "desk-ask-no");
        assert!(
            matches!(app.desk().screen(), Screen::Household(_)),
            "{leave}"
        );
        assert!(
            screen_text(&app).contains("刘玥") || app.desk().has_unsaved_input(),
            "the typed name is kept"
        );
        assert!(app.desk().session().is_some());
    }
    tap(&mut app, "back");
    tap(&mut app, "desk-ask-yes");
    assert!(matches!(app.desk().screen(), Screen::Cases(_)));
    assert!(app.desk().session().is_some());
}
