//! The agents' desk and the kiosk's progress lookup, driven through the real views.

mod support;
// 生僻字: the rare-character picker beside the desk's name fields.
mod picker_desk;

use std::time::{Duration, Instant};

use bianmin::domain::account::{AccountStatus, Role};
use bianmin::domain::application::CaseState;
use bianmin::store::Store;
use bianmin::ui::Message;
use bianmin::ui::desk::choice::Choice;
use bianmin::ui::desk::{self, Screen};
use bianmin::ui::screen::Route;
use support::{
    add_accounts, app, app_with, feed, register_household, screen_text, scroll_and_tap,
    scroll_and_type, tap, targets, type_into,
};

const PASSWORD: &str = "hall-password-2026";

fn register(app: &mut bianmin::ui::App, name: &str, phone: &str, login: &str) {
    scroll_and_type(app, "register-name", name);
    scroll_and_type(app, "register-phone", phone);
    scroll_and_type(app, "register-login", login);
    scroll_and_type(app, "register-password", PASSWORD);
    scroll_and_type(app, "register-repeat", PASSWORD);
    scroll_and_tap(app, "register-submit");
}

fn login(app: &mut bianmin::ui::App, by_phone: bool, name: &str) {
    scroll_and_tap(app, "staff-login");
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
    scroll_and_tap(&mut app, "staff-login");
    assert_eq!(app.route(), &Route::Desk);
    // The shipped sample profile is asked about first; this test leaves it for later.
    assert!(screen_text(&app).contains("设置本大厅的信息"));
    scroll_and_tap(&mut app, "hall-setup-later");
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
    scroll_and_tap(&mut app, "staff-login");
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
    scroll_and_tap(&mut app, &format!("account-approve-{}", pending[0].id));
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
    scroll_and_tap(&mut app, "intake-save");
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
    // Accepted: the desk asks for the farmer's rating first (好差评); skipped here.
    assert!(screen_text(&app).contains("请群众评价"));
    tap(&mut app, "rater-skip");
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
    scroll_and_tap(&mut app, "intake-save");
    tap(&mut app, "rater-skip");
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

/// Fills in the new household form's ID number, phone, first village and group 1 (the head's
/// name is typed already), then saves it.
fn fill_in_and_save_household(app: &mut bianmin::ui::App, id_number: &str) {
    type_into(app, "household-id", id_number);
    type_into(app, "household-phone", "13912345678");
    let village = bianmin::content::shipped().unwrap().villages[0]
        .name
        .clone();
    feed(
        app,
        vec![Message::Desk(desk::Message::Household(
            desk::household::Message::Village(Choice::new(village.clone(), village)),
        ))],
    );
    type_into(app, "household-group", "1");
    scroll_and_tap(app, "household-save");
}

#[test]
fn typing_right_after_a_household_is_saved_does_not_move_the_form() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    type_into(&mut app, "household-head", "李秀英");
    fill_in_and_save_household(&mut app, "11010519491231002X");
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
    scroll_and_tap(&mut app, "staff-login");
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

// ---- issue 11: nothing moves under the hand, the keyboard works, accounts can be managed ----

fn desk(message: desk::Message) -> Message {
    Message::Desk(message)
}

/// Goes to a desk section, leaving an unsaved form if asked.
fn go(app: &mut bianmin::ui::App, section: desk::Section) {
    feed(app, vec![desk(desk::Message::Show(section))]);
    if app.desk().asking().is_some() {
        feed(app, vec![desk(desk::Message::Confirm(true))]);
    }
}

fn intake(message: desk::intake::Message) -> Message {
    desk(desk::Message::Intake(message))
}

#[test]
fn ticking_the_last_material_does_not_move_the_save_or_accept_button() {
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
    assert!(item.materials[1].required);
    feed(
        &mut app,
        vec![intake(desk::intake::Message::Item(Choice::new(
            item.id.clone(),
            item.name.clone(),
        )))],
    );
    for index in (0..item.materials.len()).filter(|&index| index != 1) {
        feed(
            &mut app,
            vec![intake(desk::intake::Message::Received(index, true))],
        );
    }
    let save = targets::bounds_of(&app, "intake-save");
    feed(
        &mut app,
        vec![intake(desk::intake::Message::Received(1, true))],
    );
    assert_eq!(save, targets::bounds_of(&app, "intake-save"), "ticked");
    feed(
        &mut app,
        vec![intake(desk::intake::Message::Received(1, false))],
    );
    assert_eq!(save, targets::bounds_of(&app, "intake-save"), "unticked");

    // Saved without it: 待补正, and the case screen's 受理 stays put when it comes.
    scroll_and_tap(&mut app, "intake-save");
    let (state, _) = open_case_state(&app);
    assert_eq!(state, CaseState::AwaitingCorrection);
    let accept = targets::bounds_of(&app, "move-Accept");
    feed(
        &mut app,
        vec![desk(desk::Message::Case(desk::case::Message::Received(
            1, true,
        )))],
    );
    assert_eq!(
        accept,
        targets::bounds_of(&app, "move-Accept"),
        "受理 must not move when the last material is ticked"
    );
}

#[test]
fn an_error_coming_and_going_does_not_move_the_fields_below() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    let below = [
        "household-id",
        "household-phone",
        "household-group",
        "household-save",
    ];
    let places = |app: &bianmin::ui::App| -> Vec<iced::Rectangle> {
        below
            .iter()
            .map(|key| targets::bounds_of(app, key))
            .collect()
    };
    let before = places(&app);
    // Saving the empty form: every field says what is wrong.
    feed(
        &mut app,
        vec![desk(desk::Message::Household(
            desk::household::Message::Save,
        ))],
    );
    let shown = screen_text(&app);
    assert!(shown.contains("必须填写"), "{shown}");
    assert_eq!(before, places(&app), "errors appearing moved the fields");
    // Typing into the first field takes its error away.
    type_into(&mut app, "household-head", "王");
    assert_eq!(before, places(&app), "an error going away moved the fields");

    // The registration form too.
    feed(
        &mut app,
        vec![
            desk(desk::Message::Logout),
            desk(desk::Message::Confirm(true)),
        ],
    );
    scroll_and_tap(&mut app, "staff-login");
    tap(&mut app, "desk-register");
    let before = targets::bounds_of(&app, "register-submit");
    feed(
        &mut app,
        vec![desk(desk::Message::Register(
            desk::login::RegistrationMessage::Submit,
        ))],
    );
    assert!(screen_text(&app).contains("必须填写"));
    assert_eq!(before, targets::bounds_of(&app, "register-submit"));
}

/// Shift+Tab, as a keyboard sends it.
fn shift_tab() -> [iced::Event; 2] {
    use iced::keyboard::{self, Key, key::Named};
    let key = Key::Named(Named::Tab);
    [
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key.clone(),
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers: keyboard::Modifiers::SHIFT,
            text: None,
            repeat: false,
        }),
        iced::Event::Keyboard(keyboard::Event::KeyReleased {
            key: key.clone(),
            modified_key: key,
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: keyboard::Location::Standard,
            modifiers: keyboard::Modifiers::SHIFT,
        }),
    ]
}

#[test]
fn tab_and_shift_tab_move_through_the_household_form_in_order() {
    use bianmin::domain::household::HouseholdField as Field;
    use iced::keyboard::key::Named;
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    let mut ui = support::ui(&app);
    ui.click(iced_test::selector::id("household-head")).unwrap();
    let _ = ui.typewrite("a");
    for text in ["b", "c", "d"] {
        let _ = ui.tap_key(Named::Tab);
        let _ = ui.typewrite(text);
    }
    for text in ["e", "f"] {
        let _ = ui.simulate(shift_tab());
        let _ = ui.typewrite(text);
    }
    let edited: Vec<(Field, String)> = ui
        .into_messages()
        .filter_map(|message| match message {
            Message::Desk(desk::Message::Household(desk::household::Message::Edit(
                field,
                value,
            ))) => Some((field, value)),
            _ => None,
        })
        .collect();
    let fields: Vec<Field> = edited.iter().map(|(field, _)| *field).collect();
    assert_eq!(
        fields,
        [
            Field::HeadName,
            Field::IdNumber,
            Field::Phone,
            Field::Group,
            Field::Phone,
            Field::IdNumber
        ],
        "{edited:?}"
    );
}

#[test]
fn enter_in_the_login_form_logs_in() {
    use iced::keyboard::key::Named;
    let mut app = app_with(hall_with_agent_and_household);
    scroll_and_tap(&mut app, "staff-login");
    type_into(&mut app, "login-password", PASSWORD);
    type_into(&mut app, "login-name", "agent01");
    let mut ui = support::ui(&app);
    ui.click(iced_test::selector::id("login-name")).unwrap();
    let _ = ui.tap_key(Named::Enter);
    let messages = ui.into_messages().collect();
    feed(&mut app, messages);
    assert_eq!(
        app.desk().session().map(|account| account.login.as_str()),
        Some("agent01"),
        "Enter in the account box logs in"
    );
}

#[test]
fn a_locked_account_shows_as_locked_and_an_admin_unlocks_it() {
    let mut app = app_with(hall_with_agent_and_household);
    scroll_and_tap(&mut app, "staff-login");
    type_into(&mut app, "login-name", "agent01");
    for _ in 0..bianmin::domain::account::MAX_FAILED_LOGINS {
        type_into(&mut app, "login-password", "not-the-password");
        tap(&mut app, "login-submit");
    }
    type_into(&mut app, "login-password", PASSWORD);
    tap(&mut app, "login-submit");
    assert!(app.desk().session().is_none(), "locked");
    assert!(
        screen_text(&app).contains("已锁定"),
        "{}",
        screen_text(&app)
    );
    tap(&mut app, "home");

    login(&mut app, false, "admin");
    tap(&mut app, "desk-accounts");
    let shown = screen_text(&app);
    assert!(shown.contains("已锁定（密码连续输错）"), "{shown}");
    scroll_and_tap(&mut app, "account-unlock-2");
    assert!(
        screen_text(&app).contains("已解锁"),
        "{}",
        screen_text(&app)
    );
    assert!(!screen_text(&app).contains("已锁定（密码连续输错）"));
    tap(&mut app, "desk-logout");

    login(&mut app, false, "agent01");
    assert_eq!(
        app.desk().session().map(|account| account.login.as_str()),
        Some("agent01")
    );
}

#[test]
fn an_admin_rejects_a_registration_and_it_cannot_log_in() {
    let mut app = app_with(hall_with_agent_and_household);
    scroll_and_tap(&mut app, "staff-login");
    tap(&mut app, "desk-register");
    register(&mut app, "李玥", "13900001111", "liyue");
    assert!(screen_text(&app).contains("等待管理员审核"));
    tap(&mut app, "home");

    login(&mut app, false, "admin");
    tap(&mut app, "desk-accounts");
    let pending = app
        .office()
        .store()
        .accounts(Some(AccountStatus::Pending))
        .unwrap();
    assert_eq!(pending.len(), 1);
    scroll_and_tap(&mut app, &format!("account-reject-{}", pending[0].id));
    assert!(
        screen_text(&app).contains("已拒绝"),
        "{}",
        screen_text(&app)
    );
    assert!(
        app.office()
            .store()
            .accounts(Some(AccountStatus::Pending))
            .unwrap()
            .is_empty()
    );
    tap(&mut app, "desk-logout");
    login(&mut app, true, "13900001111");
    assert!(app.desk().session().is_none());
    assert!(screen_text(&app).contains("账号已停用"));
}

#[test]
fn the_eleventh_waiting_registration_is_refused_in_words() {
    // The hall's cap (`domain::account::MAX_PENDING_REGISTRATIONS`).
    let max = 10;
    let mut app = app_with(|store| {
        hall_with_agent_and_household(store);
        for n in 0..max {
            let waiting = bianmin::store::NewAccount {
                login: format!("waiting{n:02}"),
                name: "李玥".into(),
                phone: format!("139000022{n:02}"),
                password: PASSWORD.into(),
                role: Role::Agent,
                status: AccountStatus::Pending,
            };
            store
                .add_account(&waiting, None, bianmin::clock::now())
                .unwrap();
        }
    });
    scroll_and_tap(&mut app, "staff-login");
    tap(&mut app, "desk-register");
    let shown = screen_text(&app);
    assert!(
        shown.contains(&format!("已有 {max} 个注册在等待管理员审核")),
        "{shown}"
    );
    assert!(
        !support::targets(&app)
            .iter()
            .any(|(key, _)| key.contains("register-submit")),
        "no form to fill in when it cannot be sent"
    );
}

/// Every screen of the desk, each with what shows its controls (a pending and a locked
/// account, a household picked and a service chosen, a member row), checked at `size`.
fn check_desk_targets(size: u16) {
    use bianmin::ui::desk::Section;
    use bianmin::ui::desk::login::LoginMessage;
    // The desk's least control height (`ui::desk::form::MIN_CONTROL`, WCAG 2.5.5).
    let min = 44.0;
    let mut app = app_with(|store| {
        hall_with_agent_and_household(store);
        let waiting = bianmin::store::NewAccount {
            login: "waiting".into(),
            name: "李玥".into(),
            phone: "13900002200".into(),
            password: PASSWORD.into(),
            role: Role::Agent,
            status: AccountStatus::Pending,
        };
        store
            .add_account(&waiting, None, bianmin::clock::now())
            .unwrap();
        for _ in 0..bianmin::domain::account::MAX_FAILED_LOGINS {
            let _ = store.login(
                bianmin::store::LoginBy::Account("agent01"),
                "wrong",
                bianmin::clock::now(),
            );
        }
    });
    while app.text_size().px() != size {
        let change = if app.text_size().px() < size {
            bianmin::ui::widget::display_controls::DisplayChange::Bigger
        } else {
            bianmin::ui::widget::display_controls::DisplayChange::Smaller
        };
        feed(&mut app, vec![Message::Display(change)]);
    }
    let check = |app: &bianmin::ui::App, screen: &str| {
        let controls = targets::controls(app);
        assert!(
            controls.len() >= 2,
            "{size} px, {screen}: no controls found"
        );
        let small: Vec<_> = controls
            .into_iter()
            .filter(|control| control.bounds.height < min)
            .collect();
        assert!(
            small.is_empty(),
            "{size} px, {screen}: controls under {min} px tall: {small:#?}"
        );
    };
    scroll_and_tap(&mut app, "staff-login");
    check(&app, "login");
    go(&mut app, Section::Register);
    check(&app, "registration");
    go(&mut app, Section::Login);
    let login = |message| desk(desk::Message::Login(message));
    feed(
        &mut app,
        vec![
            login(LoginMessage::Login("admin".into())),
            login(LoginMessage::Password(PASSWORD.into())),
            login(LoginMessage::Submit),
        ],
    );
    assert!(app.desk().session().is_some(), "{size} px: logged in");
    check(&app, "cases");
    go(&mut app, Section::NewApplication);
    check(&app, "new application (search)");
    let item = bianmin::content::shipped()
        .unwrap()
        .item("minimum-living-allowance")
        .cloned()
        .unwrap();
    feed(
        &mut app,
        vec![
            intake(desk::intake::Message::Pick("household-1".into())),
            intake(desk::intake::Message::Item(Choice::new(
                item.id.clone(),
                item.name.clone(),
            ))),
        ],
    );
    check(&app, "new application (materials)");
    feed(&mut app, vec![intake(desk::intake::Message::Save)]);
    assert!(matches!(app.desk().screen(), Screen::Case(_)));
    check(&app, "case");
    go(&mut app, Section::NewHousehold);
    feed(
        &mut app,
        vec![desk(desk::Message::Household(
            desk::household::Message::AddMember,
        ))],
    );
    check(&app, "new household");
    for (section, screen) in [
        (Section::Accounts, "accounts"),
        (Section::Print, "print"),
        (Section::Sync, "sync"),
        (Section::Logs, "logs"),
        (Section::Settings, "settings"),
        (Section::RosterImport, "roster import"),
        (Section::Stats, "statistics"),
        (Section::Content, "content"),
    ] {
        go(&mut app, section);
        check(&app, screen);
    }
    // The statistics' custom period shows its date boxes.
    feed(
        &mut app,
        vec![desk(desk::Message::Stats(desk::stats::Message::Kind(
            bianmin::domain::stats::PeriodKind::Custom,
        )))],
    );
    check(&app, "statistics, custom period");
}

#[test]
fn the_desks_touch_targets_are_at_least_44_px_tall_at_type_size_12() {
    check_desk_targets(12);
}

#[test]
fn the_desks_touch_targets_are_at_least_44_px_tall_at_type_size_50() {
    check_desk_targets(50);
}

#[test]
fn logging_in_and_resetting_a_password_hash_on_the_store_thread_not_in_update() {
    use bianmin::ui::desk::login::LoginMessage;
    let mut app = app_with(hall_with_agent_and_household);
    scroll_and_tap(&mut app, "staff-login");
    let login = |message| desk(desk::Message::Login(message));
    feed(
        &mut app,
        vec![
            login(LoginMessage::Login("admin".into())),
            login(LoginMessage::Password(PASSWORD.into())),
        ],
    );
    // The password is checked (argon2) by the task update returns, not inside update.
    let check = app.update(login(LoginMessage::Submit));
    assert!(app.desk().session().is_none(), "not logged in by update");
    assert!(app.desk().is_busy(), "the screen says it is checking");
    assert!(screen_text(&app).contains("正在核对密码"));
    support::feed_task(&mut app, check);
    assert!(app.desk().session().is_some());
    assert!(!app.desk().is_busy());

    tap(&mut app, "desk-accounts");
    let accounts = |message| desk(desk::Message::Accounts(message));
    feed(
        &mut app,
        vec![accounts(desk::accounts::Message::NewPassword(
            "a-new-password-2026".into(),
        ))],
    );
    let reset = app.update(accounts(desk::accounts::Message::Reset(2)));
    assert!(
        app.desk().is_busy(),
        "the new password is hashed off the window"
    );
    assert!(screen_text(&app).contains("正在保存"));
    support::feed_task(&mut app, reset);
    assert!(!app.desk().is_busy());
    assert!(screen_text(&app).contains("密码已重置"));
    let agent = app
        .office()
        .store()
        .login(
            bianmin::store::LoginBy::Account("agent01"),
            "a-new-password-2026",
            bianmin::clock::now(),
        )
        .map(|account| account.login);
    assert_eq!(agent.ok().as_deref(), Some("agent01"));
}

#[test]
fn an_admin_saves_this_terminals_settings_and_a_wrong_field_is_named_and_not_saved() {
    use bianmin::ui::desk::settings::{FIELDS, Message as Settings};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config").join("settings.toml");
    let mut app = app_with(hall_with_agent_and_household).with_settings(None, Some(file.clone()));

    login(&mut app, false, "agent01");
    let keys: Vec<String> = targets(&app).into_iter().map(|(k, _)| k).collect();
    assert!(
        !keys.iter().any(|key| key.contains("desk-settings")),
        "{keys:?}"
    );
    tap(&mut app, "desk-logout");

    login(&mut app, false, "admin");
    tap(&mut app, "desk-settings");
    assert!(matches!(app.desk().screen(), Screen::Settings(_)));
    type_into(&mut app, FIELDS[0], "ninety");
    scroll_and_tap(&mut app, "settings-save");
    assert!(!file.exists(), "a wrong field saves nothing");
    assert!(screen_text(&app).contains("请填 1 到 86400 之间的秒数"));

    feed(
        &mut app,
        vec![desk(desk::Message::Settings(Settings::Idle("120".into())))],
    );
    type_into(&mut app, FIELDS[2], "30");
    feed(
        &mut app,
        vec![desk(desk::Message::Settings(Settings::DisplaySeconds(
            "20".into(),
        )))],
    );
    scroll_and_tap(&mut app, "settings-save");
    let saved = bianmin::settings::load(&file);
    assert!(saved.warnings.is_empty(), "{saved:?}");
    assert_eq!(saved.settings.idle_seconds, Some(120));
    assert_eq!(saved.settings.text_size, Some(30));
    assert_eq!(saved.settings.display_seconds, Some(20));
    assert!(screen_text(&app).contains("已保存"));
}

/// A valid 18-character ID number from its first 17 digits (GB 11643 check character).
fn with_check_digit(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

#[test]
fn staff_check_a_roster_see_each_bad_row_and_import_only_a_clean_one() {
    use bianmin::ui::desk::roster_import::{Message as Roster, PATH_INPUT};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("花名册.csv");
    let village = bianmin::content::shipped().unwrap().villages[0]
        .name
        .clone();
    let write = |village_of_second: &str| {
        let rows = [
            "户主姓名,身份证号码,村,组,联系电话\r\n".to_owned(),
            format!(
                "李明,{},{village},1,13900001111\r\n",
                with_check_digit("62102319700101003")
            ),
            format!(
                "王芳,{},{village_of_second},2,13900002222\r\n",
                with_check_digit("62102319710202004")
            ),
        ];
        std::fs::write(&file, rows.concat()).unwrap();
    };
    write("没有这个村");
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "admin");
    let before = app.office().store().households("", 100).unwrap().len();
    tap(&mut app, "desk-roster");
    assert!(matches!(app.desk().screen(), Screen::RosterImport(_)));
    type_into(&mut app, PATH_INPUT, file.to_str().unwrap());
    tap(&mut app, "roster-desk-check");
    let text = screen_text(&app);
    assert!(text.contains("第 3 行"), "{text}");
    assert!(text.contains("没有这个村"), "{text}");
    assert!(
        !support::shows(&app, "全部导入"),
        "a roster with problems cannot be imported"
    );
    assert_eq!(
        app.office().store().households("", 100).unwrap().len(),
        before
    );

    write(&village);
    feed(
        &mut app,
        vec![desk(desk::Message::RosterImport(Roster::Check))],
    );
    assert!(
        screen_text(&app).contains("共 2 户"),
        "{}",
        screen_text(&app)
    );
    scroll_and_tap(&mut app, "roster-desk-import");
    assert!(
        screen_text(&app).contains("已导入 2 户"),
        "{}",
        screen_text(&app)
    );
    assert_eq!(
        app.office().store().households("", 100).unwrap().len(),
        before + 2
    );
}

#[test]
fn a_new_terminal_sets_its_halls_details_then_its_first_admin_and_the_kiosk_shows_them() {
    use bianmin::ui::desk::hall_setup::{FIELDS, Message as Setup};
    let dir = tempfile::tempdir().unwrap();
    let mut app = support::app_in_dir(dir.path(), |_| {});
    assert!(
        screen_text(&app).contains("示例数据"),
        "Home says the data is a sample"
    );
    scroll_and_tap(&mut app, "staff-login");
    assert!(screen_text(&app).contains("设置本大厅的信息"));
    let small = support::targets::shorter_than(&app, 44.0);
    assert!(small.is_empty(), "controls under 44 px: {small:#?}");
    // A wrong township code is refused in words and nothing changes.
    feed(
        &mut app,
        vec![desk(desk::Message::HallSetup(Setup::Code("62102".into())))],
    );
    scroll_and_tap(&mut app, "hall-setup-save");
    assert!(app.content().hall.sample);
    assert!(!dir.path().join("content").exists());
    assert!(matches!(app.desk().screen(), Screen::HallSetup(_)));

    feed(
        &mut app,
        vec![
            desk(desk::Message::HallSetup(Setup::Code("621023202".into()))),
            desk(desk::Message::HallSetup(Setup::Name(String::new()))),
        ],
    );
    type_into(&mut app, FIELDS[0], "上里塬乡便民服务中心");
    scroll_and_tap(&mut app, "hall-setup-save");
    assert_eq!(app.content().hall.name, "上里塬乡便民服务中心");
    assert!(!app.content().hall.sample);
    assert!(dir.path().join("content").join("hall.toml").is_file());
    assert!(
        screen_text(&app).contains("初始设置"),
        "then the first admin"
    );

    type_into(&mut app, "setup-device-code", "07");
    register(&mut app, "张伟", "13812345678", "admin");
    assert_eq!(app.desk().session().map(|a| a.role), Some(Role::Admin));
    tap(&mut app, "desk-logout");
    let home = screen_text(&app);
    assert!(home.contains("上里塬乡便民服务中心"), "{home}");
    assert!(!home.contains("示例数据"), "{home}");
}

// ---- issue 14: statistics ----

fn stats(message: desk::stats::Message) -> Message {
    desk(desk::Message::Stats(message))
}

#[test]
fn staff_count_a_period_see_its_charts_and_export_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join(bianmin::store::DATABASE_FILE);
    let mut app = support::app_in_dir(dir.path(), |store| {
        hall_with_agent_and_household(store);
        // The hand-counted cases and ratings (src/store/stats/tests.rs), beside the store.
        rusqlite::Connection::open(&database)
            .unwrap()
            .execute_batch(include_str!("fixtures/stats-march-2026.sql"))
            .unwrap();
    });
    // Agents do not see the statistics.
    login(&mut app, false, "agent01");
    let keys: Vec<String> = targets(&app).into_iter().map(|(key, _)| key).collect();
    assert!(
        !keys.iter().any(|key| key.contains("desk-stats")),
        "{keys:?}"
    );
    feed(
        &mut app,
        vec![desk(desk::Message::Show(desk::Section::Stats))],
    );
    assert!(!matches!(app.desk().screen(), Screen::Stats(_)));
    tap(&mut app, "desk-logout");

    login(&mut app, false, "admin");
    tap(&mut app, "desk-stats");
    let Screen::Stats(screen) = app.desk().screen() else {
        panic!("not on the statistics screen: {:?}", app.desk().screen())
    };
    assert!(
        !screen.is_busy(),
        "the month was counted on the store's thread"
    );
    assert!(screen.statistics().is_some());

    // 1–17 March 2026, typed as a custom period.
    tap(&mut app, "stats-kind-custom");
    feed(
        &mut app,
        vec![
            stats(desk::stats::Message::From("2026-03-01".into())),
            stats(desk::stats::Message::To("2026-03-17".into())),
        ],
    );
    scroll_and_tap(&mut app, "stats-apply");
    let Screen::Stats(screen) = app.desk().screen() else {
        panic!("still on the statistics screen")
    };
    let counted = screen.statistics().expect("counted");
    assert_eq!(counted.cases.accepted, 6);
    assert_eq!(counted.cases.overdue, 2);
    assert_eq!(counted.ratings.satisfaction(), Some(0.5));
    let text = screen_text(&app);
    for words in [
        "2026年3月1日 至 2026年3月17日",
        "受理",
        "满意度",
        "50.0%",
        "每日受理与办结",
    ] {
        assert!(text.contains(words), "{words} missing:\n{text}");
    }
    scroll_and_tap(&mut app, "stats-by-agent");
    assert!(screen_text(&app).contains("赵喆"));

    // A wrong date is named under the boxes and nothing is counted.
    feed(
        &mut app,
        vec![stats(desk::stats::Message::To("2026-02-30".into()))],
    );
    scroll_and_tap(&mut app, "stats-apply");
    assert!(screen_text(&app).contains("不是日期"));

    // The month's CSV and PDF into a folder of staff's choosing.
    let folder = tempfile::tempdir().unwrap();
    feed(
        &mut app,
        vec![stats(desk::stats::Message::Folder(
            folder.path().display().to_string(),
        ))],
    );
    scroll_and_tap(&mut app, "stats-export-csv");
    scroll_and_tap(&mut app, "stats-export-pdf");
    let mut saved: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    saved.sort();
    assert_eq!(
        saved,
        [
            "便民服务统计月报 2026-03.csv",
            "便民服务统计月报 2026-03.pdf"
        ]
    );
    assert!(screen_text(&app).contains("已保存到"));
}

// ---- issue 14: content that staff keep current ----

/// A terminal opened as the program opens it (its first content revision recorded), with an
/// admin and a staff member.
fn terminal_with_staff(dir: &std::path::Path) -> bianmin::ui::App {
    let mut opened = bianmin::startup::open(dir).unwrap();
    add_accounts(
        &mut opened.store,
        PASSWORD,
        &[
            ("admin01", "张伟", "13800000009", Role::Admin),
            ("staff01", "李干事", "13800000002", Role::Staff),
            ("agent01", "赵喆", "13800000001", Role::Agent),
        ],
    );
    bianmin::ui::App::new(
        opened.content,
        opened.store,
        opened.problems,
        bianmin::ui::Options::default(),
    )
}

/// Scrolls to the text box, clicks it, clears it and types `text`, as a person does.
fn retype(app: &mut bianmin::ui::App, id: &'static str, text: &str) {
    use iced::keyboard::{Key, key::Named};
    use iced::mouse::{Event as Mouse, ScrollDelta};
    let mut ui = support::ui(app);
    ui.point_at(iced::Point::new(
        support::SCREEN.width / 2.0,
        support::SCREEN.height / 2.0,
    ));
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
    let _ = ui.tap_key(Key::Named(Named::End));
    for _ in 0..80 {
        let _ = ui.tap_key(Key::Named(Named::Backspace));
    }
    let _ = ui.typewrite(text);
    let messages = ui.into_messages().collect();
    feed(app, messages);
}

#[test]
fn an_admin_changes_an_items_time_limit_sees_it_in_the_history_and_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = terminal_with_staff(dir.path());
    let item = app.content().items[0].clone();
    let was = item.promised_days;
    let now = was - 1;
    login(&mut app, false, "admin01");
    tap(&mut app, "desk-content");
    assert!(matches!(app.desk().screen(), Screen::Content(_)));
    tap(&mut app, "content-tab-items");
    assert!(support::shows(&app, &item.name), "the first item is open");

    // Something that is not a number is named under its field, and nothing is saved.
    retype(&mut app, "content-item-promised_days", "三天");
    tap(&mut app, "content-save");
    assert!(
        screen_text(&app).contains("“三天”不是整数"),
        "{}",
        screen_text(&app)
    );
    assert_eq!(app.content().items[0].promised_days, was);
    // An empty name is refused by the content's own checks, named under its field.
    retype(&mut app, "content-item-promised_days", &now.to_string());
    retype(&mut app, "content-item-name", " ");
    tap(&mut app, "content-save");
    assert!(
        screen_text(&app).contains("不能为空"),
        "{}",
        screen_text(&app)
    );
    assert_eq!(app.content().items[0].name, item.name);
    assert!(!dir.path().join("content").exists(), "nothing written");

    retype(&mut app, "content-item-name", &item.name);
    tap(&mut app, "content-save");
    assert!(!app.desk().is_busy());
    assert_eq!(
        app.content().items[0].promised_days,
        now,
        "the kiosk shows the saved content"
    );
    let saved = bianmin::content::load_dir(&dir.path().join("content")).unwrap();
    assert_eq!(
        saved.items[0].promised_days, now,
        "kept in the hall's own folder"
    );

    tap(&mut app, "content-tab-history");
    let history = screen_text(&app);
    let line = format!("承诺办结时限（工作日） {was} → {now}");
    assert!(history.contains(&line), "{history}");
    assert!(history.contains("张伟（admin01）"), "{history}");
    assert!(history.contains("程序自带内容"), "{history}");

    // 恢复到此版本 asks first, then brings the first version back as a new one.
    scroll_and_tap(&mut app, "content-restore-1");
    assert_eq!(
        app.content().items[0].promised_days,
        now,
        "not before the answer"
    );
    scroll_and_tap(&mut app, "content-restore-yes");
    assert_eq!(app.content().items[0].promised_days, was);
    let history = screen_text(&app);
    assert!(history.contains("恢复到第 1 版"), "{history}");
    assert_eq!(app.office().store().content_revisions(10).unwrap().len(), 3);
}

#[test]
fn staff_may_keep_the_content_and_agents_may_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = terminal_with_staff(dir.path());
    login(&mut app, false, "staff01");
    tap(&mut app, "desk-content");
    assert!(matches!(app.desk().screen(), Screen::Content(_)));
    tap(&mut app, "desk-logout");
    login(&mut app, false, "agent01");
    assert!(
        !targets(&app)
            .iter()
            .any(|(key, _)| key.contains("desk-content")),
        "no content button for an agent"
    );
    go(&mut app, desk::Section::Content);
    assert!(!matches!(app.desk().screen(), Screen::Content(_)));
}

#[test]
fn a_notice_gets_a_last_day_and_the_kiosk_stops_showing_it_after_that_day() {
    use bianmin::ui::desk::content::{Message as Edit, notices::Message as NoticeEdit};
    let dir = tempfile::tempdir().unwrap();
    let mut app = terminal_with_staff(dir.path());
    let notice = app.content().notices[0].clone();
    login(&mut app, false, "admin01");
    tap(&mut app, "desk-content");
    tap(&mut app, "content-tab-notices");
    retype(&mut app, "content-notice-expires", "2020-01-01");
    tap(&mut app, "content-save");
    assert!(
        screen_text(&app).contains("超出合理范围"),
        "a last day before the publication date is refused"
    );
    let yesterday = (bianmin::clock::now().date_naive() - chrono::Days::new(1)).to_string();
    feed(
        &mut app,
        vec![desk(desk::Message::Content(Edit::Notice(
            NoticeEdit::Text(3, yesterday.clone()),
        )))],
    );
    tap(&mut app, "content-save");
    let saved = app.content().notice(&notice.id).cloned().unwrap();
    assert_eq!(saved.expires.map(|day| day.to_string()), Some(yesterday));
    tap(&mut app, "desk-logout");
    feed(
        &mut app,
        vec![Message::Open(Route::Notices(Some(notice.board.clone())))],
    );
    assert!(!screen_text(&app).contains(&notice.title));
}

/// The hall with an agent, 王堃's household, an accepted case (all materials) and one waiting
/// for papers (待补正, with a 登记号), and the household's card issued as `CARD`.
fn hall_with_cases_and_a_card(store: &mut Store) {
    use bianmin::store::{CardRecord, CaseRules, NewApplication};
    hall_with_agent_and_household(store);
    let agent = store.account(2).unwrap().unwrap();
    let content = bianmin::content::shipped().unwrap();
    let calendar = bianmin::domain::calendar::HolidayCalendar::shipped();
    let rules = CaseRules {
        content: &content,
        calendar: &calendar,
    };
    let household = store.household("household-1").unwrap().unwrap();
    let item = content.item("pension-enrolment").unwrap();
    for (key, received) in [("scan-accepted", true), ("scan-waiting", false)] {
        let new = NewApplication {
            request_key: key.into(),
            household_id: household.id.clone(),
            applicant: household.id_number.clone(),
            item_id: item.id.clone(),
            received: vec![received; item.materials.len()],
        };
        store
            .create_application(&new, &agent, &rules, bianmin::clock::now())
            .unwrap();
    }
    let card = CardRecord {
        household: household.id.clone(),
        number: CARD.into(),
        prints: 0,
    };
    store
        .record_prints(bianmin::clock::now(), Some(1), Some("张伟"), &[], &[card])
        .unwrap();
}

/// The household's card: township 621023202, village 002, device 01, serial 0001.
const CARD: &str = "621023202002010001";

/// (number, reference) of the accepted case and the 登记号 of the one waiting for papers.
fn scan_cases(app: &bianmin::ui::App) -> (String, String) {
    let filter = bianmin::store::CaseFilter {
        limit: 10,
        ..Default::default()
    };
    let cases = app.office().store().cases(&filter).unwrap();
    let number = cases.iter().find_map(|case| case.number.clone()).unwrap();
    let reference = cases
        .iter()
        .find(|case| case.number.is_none())
        .map(|case| case.reference.clone())
        .unwrap();
    (number, reference)
}

/// The key events a USB scanner in keyboard mode sends for `text` and Enter: Shift before each
/// capital, as scanners do.
fn scanner_events(text: &str) -> Vec<iced::keyboard::Event> {
    use iced::keyboard::key::{Named, NativeCode, Physical};
    use iced::keyboard::{Event, Key, Location, Modifiers};
    let press = |key: Key, text: Option<String>, modifiers: Modifiers| Event::KeyPressed {
        modified_key: key.clone(),
        key,
        physical_key: Physical::Unidentified(NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: text.map(Into::into),
        repeat: false,
    };
    let mut events = Vec::new();
    for c in text.chars() {
        let mut modifiers = Modifiers::default();
        if c.is_ascii_uppercase() || c == ':' {
            events.push(press(Key::Named(Named::Shift), None, modifiers));
            modifiers = Modifiers::SHIFT;
        }
        events.push(press(
            Key::Character(c.to_string().into()),
            Some(c.to_string()),
            modifiers,
        ));
    }
    events.push(press(
        Key::Named(Named::Enter),
        Some("\r".into()),
        Modifiers::default(),
    ));
    events
}

/// Sends `text` and Enter as keys `gap` apart: first through the simulator, where no widget on
/// the screen may take them (so the window's keyboard listener gets them), then as the kiosk's
/// listener hands them to `update`, each with the moment it came.
fn scan(app: &mut bianmin::ui::App, text: &str, gap: Duration) {
    let events = scanner_events(text);
    let mut ui = support::ui(app);
    let statuses = ui.simulate(events.iter().cloned().map(iced::Event::Keyboard));
    assert!(
        statuses
            .iter()
            .all(|status| *status == iced::event::Status::Ignored),
        "a widget took the scanner's keys"
    );
    assert_eq!(ui.into_messages().count(), 0, "no widget answered the keys");
    let start = Instant::now();
    let messages = events
        .into_iter()
        .filter_map(bianmin::ui::scanner::scan_key)
        .enumerate()
        .map(|(n, key)| Message::Scanner(key, start + gap * n as u32))
        .collect();
    feed(app, messages);
}

/// A scanner types a key every few milliseconds.
const SCANNER: Duration = Duration::from_millis(4);
/// A person, quick at the keyboard.
const PERSON: Duration = Duration::from_millis(150);

#[test]
fn a_receipt_scanned_on_home_opens_its_progress_and_a_notice_its_waiting_case() {
    let mut app = app_with(hall_with_cases_and_a_card);
    let (number, reference) = scan_cases(&app);
    assert_eq!(app.route(), &Route::Home);
    scan(&mut app, &format!("BIANMIN:CASE:{number}"), SCANNER);
    assert_eq!(app.route(), &Route::Status);
    let shown = screen_text(&app);
    assert!(shown.contains(&number), "the number in the box: {shown}");
    assert!(shown.contains("已受理"), "{shown}");
    assert!(shown.contains("承诺办结日期"), "{shown}");
    assert!(!shown.contains("王堃"), "no name at the kiosk");

    // A one-time notice's 登记号, from another kiosk screen.
    tap(&mut app, "home");
    tap(&mut app, "tile-guide");
    scan(&mut app, &format!("BIANMIN:REF:{reference}"), SCANNER);
    assert_eq!(app.route(), &Route::Status);
    let shown = screen_text(&app);
    assert!(shown.contains("待补正"), "{shown}");
}

#[test]
fn the_same_keys_typed_by_a_person_on_home_open_nothing() {
    let mut app = app_with(hall_with_cases_and_a_card);
    let (number, _) = scan_cases(&app);
    scan(&mut app, &format!("BIANMIN:CASE:{number}"), PERSON);
    assert_eq!(app.route(), &Route::Home);
    assert!(!screen_text(&app).contains(&number));
}

#[test]
fn a_card_scanned_at_the_kiosk_is_sent_to_the_desk_and_at_the_desk_opens_its_household() {
    let mut app = app_with(hall_with_cases_and_a_card);
    let payload = format!("BIANMIN:CARD:{CARD}:TOWN:621023202");
    scan(&mut app, &payload, SCANNER);
    assert_eq!(app.route(), &Route::Status);
    let shown = screen_text(&app);
    assert!(shown.contains("交给窗口工作人员"), "{shown}");
    assert!(!shown.contains("王堃"), "no name at the kiosk");

    // At the desk, logged in, on the case list (no text box has the keys).
    tap(&mut app, "home");
    login(&mut app, false, "agent01");
    scan(&mut app, &payload, SCANNER);
    match app.desk().screen() {
        Screen::Intake(_) => {}
        other => panic!("not the household: {other:?}"),
    }
    let shown = screen_text(&app);
    assert!(shown.contains("王堃"), "{shown}");
    assert!(shown.contains(CARD), "the banner names the card: {shown}");

    // A card another terminal issued, and one of another township, are said so.
    tap(&mut app, "desk-cases");
    if app.desk().asking().is_some() {
        // The application form the card opened is left unused.
        tap(&mut app, "desk-ask-yes");
    }
    scan(
        &mut app,
        "BIANMIN:CARD:621023202002070009:TOWN:621023202",
        SCANNER,
    );
    assert!(screen_text(&app).contains("07 号终端"));
    scan(
        &mut app,
        "BIANMIN:CARD:621023101001010001:TOWN:621023101",
        SCANNER,
    );
    assert!(screen_text(&app).contains("其他乡镇"));

    // A receipt scanned at the desk opens its case.
    let (number, _) = scan_cases(&app);
    scan(&mut app, &format!("BIANMIN:CASE:{number}"), SCANNER);
    let (state, opened) = open_case_state(&app);
    assert_eq!((state, opened), (CaseState::Accepted, Some(number)));
}

/// The tests' screen has only the bundled font and DejaVu (tests/fontconfig): Extension A and B
/// characters have no font there, as on a desk without fonts-noto-cjk and fonts-hanazono. The
/// desk shows each as its code point, says which font package would draw it, and keeps the name
/// exactly as typed.
#[test]
fn a_name_the_screen_has_no_font_for_shows_code_points_and_the_package_to_install() {
    support::load_fonts();
    // What the app reads after its first frame, read now: the tests' fonts.
    assert!(!bianmin::glyphs::installed().covers('䶮'));
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    let below = input_bounds(&app, "household-id");
    type_into(&mut app, "household-head", "王䶮𪚥");
    let hint = "⟨U+4DAE⟩ ⟨U+2A6A5⟩ 无法显示：请安装字体包 fonts-noto-cjk, fonts-hanazono";
    assert!(support::shows(&app, hint), "{}", screen_text(&app));
    assert_eq!(
        below,
        input_bounds(&app, "household-id"),
        "the hint takes the name's own slot and moves nothing"
    );
    fill_in_and_save_household(&mut app, "11010519491231002X");
    // The household's page: the head as the screen can show it, and the package to install.
    assert!(matches!(app.desk().screen(), Screen::Intake(_)));
    let text = screen_text(&app);
    assert!(text.contains("王⟨U+4DAE⟩⟨U+2A6A5⟩ · "), "{text}");
    assert!(text.contains(hint), "{text}");
    assert!(
        !text.contains('䶮') && !text.contains('𪚥'),
        "no boxes: {text}"
    );
    // Found again by search: the list says the same.
    go(&mut app, desk::Section::NewApplication);
    type_into(&mut app, "intake-search", "110105");
    let text = screen_text(&app);
    assert!(text.contains("王⟨U+4DAE⟩⟨U+2A6A5⟩"), "{text}");
    assert!(text.contains(hint), "{text}");
    // Only the screen says it differently: the name is kept exactly as typed.
    let number = bianmin::domain::id_number::IdNumber::parse("11010519491231002X").unwrap();
    let stored = app
        .office()
        .store()
        .household_by_id_number(&number)
        .unwrap()
        .unwrap();
    assert_eq!(stored.head_name, "王䶮𪚥");
}
