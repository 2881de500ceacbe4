//! 生僻字 on the desk: the picker beside a name field finds a character by pinyin, by code point
//! or by radical and strokes, and taps it into the field; what is saved keeps it byte for byte.

use bianmin::domain::account::AccountStatus;
use bianmin::ui::Message;
use bianmin::ui::desk::{self, Screen};

use super::support::{
    self, app_in_dir, app_with, feed, scroll_and_tap, scroll_and_type, tap, targets, type_into,
};
use super::{
    PASSWORD, fill_in_and_save_household, hall_with_agent_and_household, login, with_check_digit,
};

/// Whether the touch target with this key is on screen (a result on the page shown).
fn has_target(app: &bianmin::ui::App, key: &str) -> bool {
    let id = format!("\"tap:{key}\"");
    support::targets(app)
        .iter()
        .any(|(name, _)| name.contains(&id))
}

/// Pages through the picker's results until the character with this code (4DAE) shows,
/// then taps it.
fn tap_found(app: &mut bianmin::ui::App, code: &str) {
    let key = format!("picker-char-{code}");
    for _ in 0..60 {
        if has_target(app, &key) {
            tap(app, &key);
            return;
        }
        tap(app, "picker-next");
    }
    panic!("{code} not found on any page");
}

#[test]
fn a_head_named_with_yan_picked_by_pinyin_is_saved_and_read_back_byte_exact() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in_dir(dir.path(), hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    type_into(&mut app, "household-head", "李");
    tap(&mut app, "picker-open-head");
    assert!(app.desk().picker().is_some(), "生僻字 opens the picker");
    type_into(&mut app, "picker-pinyin", "yan");
    let first = app.desk().picker().unwrap().page().0[0].char.clone();
    assert!(
        support::shows(&app, &first),
        "the common characters come first, large: {first}"
    );
    // Paging never moves the page buttons under the finger.
    let next = targets::bounds_of(&app, "picker-next");
    tap_found(&mut app, "4DAE");
    assert_eq!(targets::bounds_of(&app, "picker-next"), next);
    assert!(support::shows(&app, "U+4DAE"), "the code point under it");
    assert!(support::shows(&app, "扩展A区"), "and its block");
    // The picker stays open for the next character; a wrong one comes off again.
    assert!(app.desk().picker().is_some());
    assert!(
        support::shows(&app, "李䶮"),
        "the field's name shows in the picker"
    );
    tap(&mut app, "picker-char-4DAE");
    assert!(support::shows(&app, "李䶮䶮"));
    tap(&mut app, "picker-delete");
    assert!(support::shows(&app, "李䶮"));
    tap(&mut app, "picker-close");
    assert!(app.desk().picker().is_none());

    fill_in_and_save_household(&mut app, &with_check_digit("11010519800101003"));
    assert!(
        matches!(app.desk().screen(), Screen::Intake(_)),
        "saved: {}",
        support::screen_text(&app)
    );
    drop(app);

    // Read back from the database file itself, as bytes.
    let db = rusqlite::Connection::open(dir.path().join(bianmin::store::DATABASE_FILE)).unwrap();
    let stored: Vec<u8> = db
        .query_row(
            "SELECT CAST(head_name AS BLOB) FROM household WHERE head_name LIKE '李%'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stored, "李䶮".as_bytes());
    assert_eq!(stored, [0xE6, 0x9D, 0x8E, 0xE4, 0xB6, 0xAE]);
}

#[test]
fn an_account_name_with_an_ext_b_character_found_by_its_code_point() {
    let mut app = app_with(hall_with_agent_and_household);
    scroll_and_tap(&mut app, "staff-login");
    tap(&mut app, "desk-register");
    type_into(&mut app, "register-name", "王");
    tap(&mut app, "picker-open-register");
    tap(&mut app, "picker-mode-code");
    type_into(&mut app, "picker-code", "U+2A6A5");
    assert_eq!(app.desk().picker().unwrap().page().0.len(), 1);
    assert!(support::shows(&app, "U+2A6A5"));
    assert!(support::shows(&app, "扩展B区"));
    tap(&mut app, "picker-char-2A6A5");
    tap(&mut app, "picker-close");
    scroll_and_type(&mut app, "register-phone", "13900001111");
    scroll_and_type(&mut app, "register-login", "wangzhe");
    scroll_and_type(&mut app, "register-password", PASSWORD);
    scroll_and_type(&mut app, "register-repeat", PASSWORD);
    scroll_and_tap(&mut app, "register-submit");
    let pending = app
        .office()
        .store()
        .accounts(Some(AccountStatus::Pending))
        .unwrap();
    assert_eq!(pending.len(), 1, "{}", support::screen_text(&app));
    assert_eq!(pending[0].name, "王𪚥");
    assert_eq!(pending[0].name.chars().nth(1), Some('\u{2A6A5}'));
}

#[test]
fn a_household_is_found_by_a_rare_character_picked_by_radical_and_strokes() {
    let mut app = app_with(|store| {
        hall_with_agent_and_household(store);
        let at = bianmin::clock::now();
        let content = store.load_content().unwrap().unwrap();
        let household = bianmin::domain::household::HouseholdForm {
            head_name: "刘䶮".into(),
            id_number: with_check_digit("34052419800101002"),
            phone: "13812340000".into(),
            village: content.villages[0].name.clone(),
            group: "3".into(),
            members: Vec::new(),
        }
        .check("household-yan".into(), at.date_naive(), |name| {
            content.village(name).map(|v| v.groups)
        })
        .unwrap();
        store.register_household(&household, 1, at).unwrap();
    });
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-application");
    tap(&mut app, "picker-open-search");
    tap(&mut app, "picker-mode-radical");
    // 龙 has five strokes: its group of radicals, then the radical, then four strokes more.
    tap(&mut app, "picker-radical-strokes-5");
    tap(&mut app, "picker-radical-龙");
    for _ in 0..5 {
        tap(&mut app, "picker-strokes-more");
    }
    assert_eq!(app.desk().picker().unwrap().strokes(), Some(4));
    tap_found(&mut app, "4DAE");
    tap(&mut app, "picker-close");
    match app.desk().screen() {
        Screen::Intake(form) => assert_eq!(form.search(), Some("䶮")),
        _ => panic!("still the new application"),
    }
    assert!(
        has_target(&app, "household-household-yan"),
        "the search by 䶮 finds 刘䶮's household: {}",
        support::screen_text(&app)
    );
}

#[test]
fn the_pickers_controls_are_at_least_44_px_tall_and_it_opens_beside_every_name_field() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "desk-new-household");
    scroll_and_tap(&mut app, "member-add");
    scroll_and_tap(&mut app, "picker-open-member-0");
    assert!(app.desk().picker().is_some(), "a member's name has one too");
    let modes = [
        "picker-mode-pinyin",
        "picker-mode-radical",
        "picker-mode-code",
    ];
    let placed = targets::bounds_of(&app, "picker-mode-radical");
    for mode in modes.into_iter().chain(modes) {
        tap(&mut app, mode);
        let small = targets::shorter_than(&app, 44.0);
        assert!(small.is_empty(), "{mode}: {small:#?}");
        assert_eq!(
            targets::bounds_of(&app, "picker-mode-radical"),
            placed,
            "{mode}: the ways stay under the finger"
        );
    }
    tap(&mut app, "picker-mode-radical");
    tap(&mut app, "picker-radical-strokes-3");
    tap(&mut app, "picker-radical-氵");
    let small = targets::shorter_than(&app, 44.0);
    assert!(small.is_empty(), "radical chosen: {small:#?}");
    let first = app.desk().picker().unwrap().page().0[0].clone();
    assert_eq!(first.radical, "水", "氵 finds the characters under 水");
    let ch = first.char.chars().next().unwrap();
    tap(&mut app, &format!("picker-char-{:04X}", u32::from(ch)));
    tap(&mut app, "picker-close");
    match app.desk().screen() {
        Screen::Household(editor) => assert_eq!(
            editor.value(bianmin::domain::household::HouseholdField::MemberName(0)),
            Some(first.char.as_str())
        ),
        _ => panic!("still the household form"),
    }
}

#[test]
fn the_case_list_search_takes_a_rare_character_and_the_picker_goes_with_the_screen() {
    let mut app = app_with(hall_with_agent_and_household);
    login(&mut app, false, "agent01");
    tap(&mut app, "picker-open-cases");
    tap(&mut app, "picker-mode-code");
    type_into(&mut app, "picker-code", "4DAE");
    tap(&mut app, "picker-char-4DAE");
    match app.desk().screen() {
        Screen::Cases(list) => assert_eq!(list.search(), "䶮"),
        _ => panic!("still the case list"),
    }
    // Logging out with the picker open: it is gone at the next login.
    app.desk()
        .picker()
        .expect("still open for the next character");
    feed(&mut app, vec![Message::Desk(desk::Message::Logout)]);
    feed(&mut app, vec![Message::Desk(desk::Message::Confirm(true))]);
    assert!(app.desk().session().is_none());
    login(&mut app, false, "agent01");
    assert!(app.desk().picker().is_none());
}

#[test]
fn the_picker_keeps_its_controls_44_px_tall_at_type_sizes_12_and_50() {
    use bianmin::ui::widget::display_controls::DisplayChange;
    for size in [12, 50] {
        let mut app = app_with(hall_with_agent_and_household);
        while app.text_size().px() != size {
            let change = if app.text_size().px() < size {
                DisplayChange::Bigger
            } else {
                DisplayChange::Smaller
            };
            feed(&mut app, vec![Message::Display(change)]);
        }
        scroll_and_tap(&mut app, "staff-login");
        let login = |message| Message::Desk(desk::Message::Login(message));
        use bianmin::ui::desk::login::LoginMessage;
        feed(
            &mut app,
            vec![
                login(LoginMessage::Login("agent01".into())),
                login(LoginMessage::Password(PASSWORD.into())),
                login(LoginMessage::Submit),
            ],
        );
        scroll_and_tap(&mut app, "desk-new-household");
        scroll_and_tap(&mut app, "picker-open-head");
        type_into(&mut app, "picker-pinyin", "yan");
        let small = targets::shorter_than(&app, 44.0);
        assert!(small.is_empty(), "{size} px, pinyin: {small:#?}");
        // The last character of a page is within the window, to be tapped.
        let last = app.desk().picker().unwrap().page().0[desk::picker::PAGE - 1].clone();
        let ch = last.char.chars().next().unwrap();
        tap(&mut app, &format!("picker-char-{:04X}", u32::from(ch)));
        match app.desk().screen() {
            Screen::Household(editor) => assert_eq!(
                editor.value(bianmin::domain::household::HouseholdField::HeadName),
                Some(last.char.as_str()),
                "{size} px"
            ),
            _ => panic!("still the household form"),
        }
        tap(&mut app, "picker-mode-radical");
        let small = targets::shorter_than(&app, 44.0);
        assert!(small.is_empty(), "{size} px, radicals: {small:#?}");
    }
}
