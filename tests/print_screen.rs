//! The desk's print screen and the agent's 打印回执, driven through the real views: choose a
//! document, see its pages, save the PDF or send it to a printer, and find the print recorded.

mod support;

use bianmin::explain::Explain;
use std::path::Path;
use std::time::{Duration, Instant};

use bianmin::domain::account::{AccountStatus, Role};
use bianmin::domain::application::CaseState;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::domain::case_number::DeviceCode;
use bianmin::domain::household::HouseholdForm;
use bianmin::domain::id_number::IdNumber;
use bianmin::print::PrintError;
use bianmin::print::page::Mark;
use bianmin::store::{
    Account, CaseFilter, CaseRules, NewAccount, NewApplication, Registered, Store,
};
use bianmin::ui::desk::choice::Choice;
use bianmin::ui::desk::print::{Outcome, PrintScreen, Printers};
use bianmin::ui::desk::{self, Screen};
use bianmin::ui::{App, Message};
use support::{
    SCREEN, app_with, feed, feed_task, screen_text, scroll_and_tap, tap, targets, texts, type_into,
};

const PASSWORD: &str = "hall-password-2026";
/// The village (the shipped list's second) whose households the hall has registered.
const VILLAGE: usize = 1;
/// Each test's UI work is bounded: the simulator renders in software.
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn account(store: &mut Store, login: &str, name: &str, phone: &str, role: Role) -> Account {
    let new = NewAccount {
        login: login.into(),
        name: name.into(),
        phone: phone.into(),
        password: PASSWORD.into(),
        role,
        status: AccountStatus::Active,
    };
    store
        .add_account(&new, None, bianmin::clock::now())
        .unwrap()
}

/// A valid ID number (GB 11643 check character) for a serial.
fn id_number(serial: u32) -> String {
    let body = format!("62102319{:02}0101{:03}", 60 + serial % 40, serial);
    "0123456789X"
        .chars()
        .map(|check| format!("{body}{check}"))
        .find(|candidate| IdNumber::parse(candidate).is_ok())
        .unwrap()
}

/// A staff member, an admin and an agent; three households of one village and one of the next;
/// an accepted case and a case awaiting correction, both the agent's.
fn hall(store: &mut Store) {
    let now = bianmin::clock::now();
    account(store, "admin", "张伟", "13800000009", Role::Admin);
    account(store, "staff01", "孙玥", "13800000005", Role::Staff);
    let agent = account(store, "agent01", "赵喆", "13800000001", Role::Agent);
    let content = store.load_content().unwrap().unwrap();
    let mut households = Vec::new();
    // The fourth, in another village, has a name no installed font draws (Extension G).
    let villages = [VILLAGE, VILLAGE, VILLAGE, VILLAGE + 1];
    for (serial, head) in ["王堃", "李娜", "陈〇明", "张\u{30000}"]
        .into_iter()
        .enumerate()
    {
        let household = HouseholdForm {
            head_name: head.into(),
            id_number: id_number(serial as u32),
            phone: "0934-5581001".into(),
            village: content.villages[villages[serial]].name.clone(),
            group: "2".into(),
            members: Vec::new(),
        }
        .check(
            format!("household-{}", serial + 1),
            now.date_naive(),
            |name| content.village(name).map(|v| v.groups),
        )
        .unwrap();
        let at = now + chrono::Duration::seconds(serial as i64);
        match store.register_household(&household, agent.id, at).unwrap() {
            Registered::Created(household) | Registered::Existing(household) => {
                households.push(household)
            }
        }
    }
    let calendar = HolidayCalendar::shipped();
    store
        .set_device_code(&DeviceCode::parse("01").unwrap())
        .unwrap();
    let rules = CaseRules {
        content: &content,
        calendar: &calendar,
    };
    let item = content.item("pension-enrolment").unwrap();
    for (household, all_received) in [(&households[0], true), (&households[1], false)] {
        let received = item
            .materials
            .iter()
            .map(|material| all_received || !material.required)
            .collect();
        let new = NewApplication {
            request_key: uuid::Uuid::new_v4().to_string(),
            household_id: household.id.clone(),
            applicant: household.id_number.clone(),
            item_id: item.id.clone(),
            received,
        };
        store.create_application(&new, &agent, &rules, now).unwrap();
    }
}

fn all_cases() -> CaseFilter {
    CaseFilter {
        limit: 10,
        ..CaseFilter::default()
    }
}

fn login(app: &mut App, name: &str) {
    tap(app, "staff-login");
    type_into(app, "login-name", name);
    type_into(app, "login-password", PASSWORD);
    tap(app, "login-submit");
    assert!(app.desk().session().is_some(), "{name} is logged in");
}

fn print_screen(app: &App) -> &PrintScreen {
    match app.desk().screen() {
        Screen::Print(screen) => screen,
        other => panic!("not on the print screen: {other:?}"),
    }
}

fn send(app: &mut App, message: desk::print::Message) {
    feed(app, vec![Message::Desk(desk::Message::Print(message))]);
}

fn village_name() -> String {
    bianmin::content::shipped().unwrap().villages[VILLAGE]
        .name
        .clone()
}

fn pdfs_in(folder: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .collect()
}

fn document_text(app: &App) -> String {
    let prepared = print_screen(app)
        .prepared()
        .expect("a document is prepared");
    prepared
        .document
        .pages
        .iter()
        .flat_map(|page| page.text_runs())
        .map(|run| run.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_outcome_failed(app: &App) -> Option<String> {
    match print_screen(app).outcome() {
        Some(Outcome::Failed(message)) => Some(message.clone()),
        _ => None,
    }
}

#[test]
fn staff_prints_a_village_s_cards_to_a_folder_and_the_print_is_recorded() {
    let started = Instant::now();
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    tap(&mut app, "print-kind-village");
    let village = village_name();
    send(
        &mut app,
        desk::print::Message::Village(Choice::new(village.clone(), village.clone())),
    );
    // Three households on one A4 sheet: its fronts and its backs.
    let shown = screen_text(&app);
    assert!(shown.contains("第 1 页，共 2 页"), "{shown}");
    assert!(
        shown.contains(&village),
        "the document's title names the village"
    );
    assert!(document_text(&app).contains("王堃"));
    tap(&mut app, "print-next");
    assert!(screen_text(&app).contains("第 2 页，共 2 页"));
    assert_eq!(print_screen(&app).page(), 1);

    // Card printer: a front and a back per household.
    tap(&mut app, "print-layout-single");
    assert!(screen_text(&app).contains("第 1 页，共 6 页"));
    tap(&mut app, "print-layout-sheet");

    let folder = tempfile::tempdir().unwrap();
    send(
        &mut app,
        desk::print::Message::Folder(folder.path().display().to_string()),
    );
    scroll_and_tap(&mut app, "print-save");
    let saved = pdfs_in(folder.path());
    assert_eq!(saved.len(), 1, "one PDF in {}", folder.path().display());
    assert!(std::fs::read(&saved[0]).unwrap().starts_with(b"%PDF"));
    assert!(
        matches!(print_screen(&app).outcome(), Some(Outcome::Done(message)) if message.contains("已保存"))
    );

    // Recorded: one record per card, with the staff member's name.
    let log = app.office().store().print_log(10).unwrap();
    assert_eq!(log.len(), 3, "{log:?}");
    assert!(log.iter().all(|entry| entry.document == "card"));
    assert!(
        log.iter()
            .all(|entry| entry.actor.as_deref() == Some("孙玥"))
    );
    // The screen lists it as one print.
    let shown = screen_text(&app);
    assert!(
        shown.contains("孙玥") && shown.contains(&format!("{village} 3 户")),
        "{shown}"
    );
    // Printed once: the next print is a reprint, and the cards say so.
    assert!(
        document_text(&app).contains("补印"),
        "{}",
        document_text(&app)
    );
    assert!(started.elapsed() < TIME_LIMIT);
}

#[test]
fn staff_finds_a_household_by_name_and_prints_its_card_for_a_card_printer() {
    let started = Instant::now();
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    // The household's card is what the screen offers first.
    type_into(&mut app, "print-search", "王堃");
    tap(&mut app, "print-household-household-1");
    tap(&mut app, "print-layout-single");
    let shown = screen_text(&app);
    assert!(shown.contains("便民服务卡 王堃"), "{shown}");
    // One card: its front and its back.
    assert!(shown.contains("第 1 页，共 2 页"), "{shown}");
    let printed = document_text(&app);
    assert!(
        printed.contains("王堃") && !printed.contains("李娜"),
        "{printed}"
    );

    let folder = tempfile::tempdir().unwrap();
    send(
        &mut app,
        desk::print::Message::Folder(folder.path().display().to_string()),
    );
    scroll_and_tap(&mut app, "print-save");
    assert_eq!(pdfs_in(folder.path()).len(), 1);
    let log = app.office().store().print_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].document.as_str(), log[0].subject.as_str()),
        ("card", "household-1")
    );
    // Listed by the household's name, not its id.
    let shown = screen_text(&app);
    assert!(
        shown.contains(&format!("王堃（{}）", village_name())),
        "{shown}"
    );
    assert!(started.elapsed() < TIME_LIMIT);
}

#[test]
fn a_receipt_by_case_number_shows_its_number_and_saves() {
    let started = Instant::now();
    let mut app = app_with(hall);
    let number = app
        .office()
        .store()
        .cases(&all_cases())
        .unwrap()
        .into_iter()
        .find_map(|case| case.number)
        .expect("the accepted case has a number");
    login(&mut app, "admin");
    tap(&mut app, "desk-print");
    tap(&mut app, "print-kind-receipt");

    // A wrong number: the translated message, and nothing to print.
    type_into(&mut app, "print-case-number", "621023202999");
    tap(&mut app, "print-case-show");
    let error = is_outcome_failed(&app).expect("an unknown case is refused");
    assert_eq!(
        error,
        PrintError::UnknownCase("621023202999".into()).words(app.language())
    );
    assert!(screen_text(&app).contains(&error));
    assert!(print_screen(&app).prepared().is_none());

    send(&mut app, desk::print::Message::CaseNumber(number.clone()));
    tap(&mut app, "print-case-show");
    assert!(is_outcome_failed(&app).is_none());
    let shown = screen_text(&app);
    assert!(shown.contains(&number), "the preview's title: {shown}");
    assert!(shown.contains("第 1 页，共 1 页"), "{shown}");
    let printed = document_text(&app).replace(' ', "");
    assert!(printed.contains(&number), "{printed}");

    let folder = tempfile::tempdir().unwrap();
    send(
        &mut app,
        desk::print::Message::Folder(folder.path().display().to_string()),
    );
    scroll_and_tap(&mut app, "print-save");
    let saved = pdfs_in(folder.path());
    assert_eq!(saved.len(), 1);
    assert!(saved[0].display().to_string().contains(&number));
    let log = app.office().store().print_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].document, "receipt");
    assert_eq!(log[0].subject, number);
    assert!(started.elapsed() < TIME_LIMIT);
}

#[test]
fn an_agent_prints_a_receipt_and_a_notice_from_the_case_screen() {
    let started = Instant::now();
    let mut app = app_with(hall);
    let cases = app.office().store().cases(&all_cases()).unwrap();
    login(&mut app, "agent01");
    let folder = tempfile::tempdir().unwrap();
    for (case, expected) in cases.iter().map(|case| {
        let expected = if case.state == CaseState::AwaitingCorrection {
            ("打印告知单", "notice")
        } else {
            ("打印回执", "receipt")
        };
        (case, expected)
    }) {
        tap(&mut app, "desk-cases");
        tap(&mut app, &format!("case-{}", case.id));
        assert!(screen_text(&app).contains(expected.0), "{}", expected.0);
        tap(&mut app, "case-print-receipt");
        let screen = print_screen(&app);
        assert!(screen.is_for_case());
        assert!(
            screen.prepared().is_some(),
            "preselected on the case: {:?}",
            screen.outcome()
        );
        // Only this case's receipt: no other documents offered.
        let keys: Vec<String> = targets(&app).into_iter().map(|(key, _)| key).collect();
        assert!(
            !keys.iter().any(|key| key.contains("print-kind-")),
            "{keys:?}"
        );
        if let Some(number) = &case.number {
            assert!(screen_text(&app).contains(number));
        } else {
            assert!(document_text(&app).contains("补正"));
        }
        send(
            &mut app,
            desk::print::Message::Folder(folder.path().display().to_string()),
        );
        scroll_and_tap(&mut app, "print-save");
        assert!(matches!(
            print_screen(&app).outcome(),
            Some(Outcome::Done(_))
        ));
        assert_eq!(
            app.office().store().print_log(1).unwrap()[0].document,
            expected.1
        );
        // And back to the case.
        tap(&mut app, "print-back-to-case");
        assert!(matches!(app.desk().screen(), Screen::Case(_)));
    }
    assert_eq!(pdfs_in(folder.path()).len(), 2);
    assert!(started.elapsed() < TIME_LIMIT);
}

#[test]
fn an_agent_has_no_print_menu_entry() {
    let mut app = app_with(hall);
    login(&mut app, "agent01");
    let keys: Vec<String> = targets(&app).into_iter().map(|(key, _)| key).collect();
    assert!(
        keys.iter().any(|key| key.contains("desk-cases")),
        "{keys:?}"
    );
    assert!(
        !keys.iter().any(|key| key.contains("desk-print")),
        "{keys:?}"
    );
    // Asking for the section anyway changes nothing.
    let _ = app.update(Message::Desk(desk::Message::Show(desk::Section::Print)));
    assert!(!matches!(app.desk().screen(), Screen::Print(_)));

    tap(&mut app, "desk-logout");
    login(&mut app, "staff01");
    let keys: Vec<String> = targets(&app).into_iter().map(|(key, _)| key).collect();
    assert!(
        keys.iter().any(|key| key.contains("desk-print")),
        "{keys:?}"
    );
}

#[test]
fn a_printer_that_does_not_exist_gives_a_translated_error_and_keeps_the_document() {
    let started = Instant::now();
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    tap(&mut app, "print-kind-policy");
    let pages = print_screen(&app)
        .prepared()
        .expect("the handbook is laid out")
        .document
        .pages
        .len();
    assert!(pages > 3);
    send(
        &mut app,
        desk::print::Message::Printer(Choice::new(
            "bianmin-no-such-printer".to_owned(),
            "bianmin-no-such-printer".to_owned(),
        )),
    );
    // (Staff's menu is two rows on this 1024-wide screen: the copies are below the fold.)
    scroll_and_tap(&mut app, "print-fewer");
    assert_eq!(print_screen(&app).copies(), 1, "never fewer than one copy");
    scroll_and_tap(&mut app, "print-more");
    scroll_and_tap(&mut app, "print-more");
    assert_eq!(print_screen(&app).copies(), 3);
    scroll_and_tap(&mut app, "print-print");

    let error = is_outcome_failed(&app).expect("the print fails");
    // Whatever this machine has (no CUPS, CUPS stopped, or a CUPS without that queue), the
    // message is the translated one, in the staff's language.
    let translations = [
        PrintError::NoPrintService.words(app.language()),
        "打印服务没有运行".to_owned(),
        "打印机“bianmin-no-such-printer”没有接受打印任务".to_owned(),
    ];
    assert!(
        translations
            .iter()
            .any(|translation| error.starts_with(translation.as_str())),
        "{error}"
    );
    assert!(screen_text(&app).contains(&error));
    // The document is still there, ready to save instead, and nothing was recorded.
    let screen = print_screen(&app);
    assert_eq!(
        screen
            .prepared()
            .map(|prepared| prepared.document.pages.len()),
        Some(pages)
    );
    assert!(screen_text(&app).contains(&format!("共 {pages} 页")));
    assert!(app.office().store().print_log(10).unwrap().is_empty());
    assert!(started.elapsed() < TIME_LIMIT);
}

/// At the desk's sizes, in both languages: every target large and nothing off the right edge.
#[test]
fn the_print_screen_keeps_everything_on_screen_at_every_size() {
    use bianmin::ui::widget::display_controls::DisplayChange;
    let started = Instant::now();
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    tap(&mut app, "print-kind-village");
    let village = village_name();
    send(
        &mut app,
        desk::print::Message::Village(Choice::new(village.clone(), village)),
    );
    for (size, toggle_language) in [
        (12, false),
        (20, false),
        (20, true),
        (36, false),
        (50, true),
    ] {
        while app.text_size().px() != size {
            let change = if app.text_size().px() < size {
                DisplayChange::Bigger
            } else {
                DisplayChange::Smaller
            };
            let _ = app.update(Message::Display(change));
        }
        if toggle_language {
            let _ = app.update(Message::Display(DisplayChange::ToggleLanguage));
        }
        for (id, bounds) in targets(&app) {
            assert!(
                bounds.width >= 59.5 && bounds.height >= 59.5,
                "{size}px {id}: {bounds:?}"
            );
            assert!(
                bounds.x >= 0.0 && bounds.x + bounds.width <= SCREEN.width + 0.5,
                "{size}px {id} runs off screen: {bounds:?}"
            );
        }
        for (text, bounds) in texts(&app) {
            assert!(
                bounds.x + bounds.width <= SCREEN.width + 0.5,
                "{size}px text {text:?} runs off screen: {bounds:?}"
            );
        }
        if toggle_language {
            let _ = app.update(Message::Display(DisplayChange::ToggleLanguage));
        }
    }
    assert!(started.elapsed() < TIME_LIMIT * 2);
}

/// The preview draws the page the PDF draws: the receipt's marks, none lost.
#[test]
fn the_preview_draws_every_mark_of_the_receipt() {
    let mut app = app_with(hall);
    let number = app
        .office()
        .store()
        .cases(&all_cases())
        .unwrap()
        .into_iter()
        .find_map(|case| case.number)
        .unwrap();
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    tap(&mut app, "print-kind-receipt");
    send(&mut app, desk::print::Message::CaseNumber(number));
    tap(&mut app, "print-case-show");
    let prepared = print_screen(&app).prepared().unwrap();
    let page = &prepared.document.pages[0];
    let (_, shapes) =
        bianmin::ui::widget::page_preview::shapes(page, iced::Size::new(420.0, 560.0));
    for (index, mark) in page.marks.iter().enumerate() {
        let empty_text = matches!(mark, Mark::Text(run) if run.text.trim().is_empty());
        assert!(
            empty_text || shapes.iter().any(|shape| shape.mark() == index),
            "mark {index} is not drawn: {mark:?}"
        );
    }
}

/// With no print service on the computer (no `lp`, no `lpstat`) the screen says so in words, and
/// saving still works: this test binary runs the check below again with an empty PATH.
#[test]
fn without_a_print_service_the_screen_says_so_and_still_saves() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "no_print_service_on_this_computer",
            "--test-threads=1",
        ])
        .env("PATH", empty.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "run by without_a_print_service_the_screen_says_so_and_still_saves, with an empty PATH"]
fn no_print_service_on_this_computer() {
    assert!(
        std::process::Command::new("lp").output().is_err(),
        "lp must not be found"
    );
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    let expected = PrintError::NoPrintService.words(app.language());
    assert!(matches!(
        print_screen(&app).printers(),
        Printers::Unavailable(message) if *message == expected
    ));
    assert!(screen_text(&app).contains(&expected));
    let keys: Vec<String> = targets(&app).into_iter().map(|(key, _)| key).collect();
    assert!(
        !keys.iter().any(|key| key.contains("print-print")),
        "{keys:?}"
    );

    tap(&mut app, "print-kind-service");
    let folder = tempfile::tempdir().unwrap();
    send(
        &mut app,
        desk::print::Message::Folder(folder.path().display().to_string()),
    );
    scroll_and_tap(&mut app, "print-save");
    assert_eq!(pdfs_in(folder.path()).len(), 1);

    // A printer named anyway (a stale choice): the same words, and the document stays.
    send(
        &mut app,
        desk::print::Message::Printer(Choice::new("office".to_owned(), "office".to_owned())),
    );
    scroll_and_tap(&mut app, "print-print");
    assert_eq!(is_outcome_failed(&app), Some(expected));
    assert!(print_screen(&app).prepared().is_some());
    assert_eq!(app.office().store().print_log(10).unwrap().len(), 1);
}

/// A name the font cannot draw: the staff see the page and which character it is, and nothing is
/// printed or saved.
#[test]
fn a_character_the_font_lacks_is_named_and_nothing_is_saved() {
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    type_into(&mut app, "print-search", "张");
    tap(&mut app, "print-household-household-4");
    let expected = PrintError::MissingGlyphs(vec!['\u{30000}']).words(app.language());
    assert_eq!(is_outcome_failed(&app), Some(expected.clone()));
    assert!(expected.contains("⟨U+30000⟩"), "{expected}");
    assert!(print_screen(&app).prepared().is_some(), "the page is shown");

    let folder = tempfile::tempdir().unwrap();
    send(
        &mut app,
        desk::print::Message::Folder(folder.path().display().to_string()),
    );
    scroll_and_tap(&mut app, "print-save");
    assert_eq!(is_outcome_failed(&app), Some(expected));
    assert!(pdfs_in(folder.path()).is_empty());
    assert!(app.office().store().print_log(10).unwrap().is_empty());
}

/// Saving to a folder that is not there (a USB stick not plugged in) says so; a blank folder asks
/// for one. Nothing is written or recorded, and the document stays.
#[test]
fn saving_to_a_missing_or_blank_folder_says_so_and_keeps_the_document() {
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    tap(&mut app, "desk-print");
    tap(&mut app, "print-kind-policy");
    let scratch = tempfile::tempdir().unwrap();
    let unplugged = scratch.path().join("usb-stick");
    send(
        &mut app,
        desk::print::Message::Folder(unplugged.display().to_string()),
    );
    scroll_and_tap(&mut app, "print-save");
    let error = is_outcome_failed(&app).expect("nowhere to write");
    assert!(error.starts_with("无法写入"), "{error}");
    assert!(!unplugged.exists(), "no folder is made in its place");

    send(&mut app, desk::print::Message::Folder("  ".into()));
    scroll_and_tap(&mut app, "print-save");
    assert!(is_outcome_failed(&app).is_some_and(|error| error.contains("文件夹")));
    assert!(print_screen(&app).prepared().is_some());
    assert!(app.office().store().print_log(10).unwrap().is_empty());
}

/// A print service that takes seconds to answer (a stand-in `lpstat` that sleeps) must not freeze
/// the window: the print screen opens at once, says it is asking, and other input is handled
/// meanwhile. This test binary runs the check below again with that stand-in first on the PATH.
#[test]
fn a_slow_print_service_leaves_the_window_responsive() {
    let slow = tempfile::tempdir().unwrap();
    let lpstat = slow.path().join("lpstat");
    std::fs::write(
        &lpstat,
        "#!/bin/sh\nsleep 3\necho 'printer office is idle.'\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&lpstat, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", slow.path().display());
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "the_print_screen_opens_while_the_print_service_is_slow",
            "--test-threads=1",
        ])
        .env("PATH", path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "run by a_slow_print_service_leaves_the_window_responsive, with a slow lpstat"]
fn the_print_screen_opens_while_the_print_service_is_slow() {
    use bianmin::ui::widget::display_controls::DisplayChange;
    let mut app = app_with(hall);
    login(&mut app, "staff01");
    // The window's update returns at once: the printers are still being asked for.
    let asking = app.update(Message::Desk(desk::Message::Show(desk::Section::Print)));
    assert!(
        matches!(print_screen(&app).printers(), Printers::Loading),
        "update waited for the print service"
    );
    assert!(screen_text(&app).contains("正在查询打印机"));
    // Messages are still handled while the answer is on its way.
    let size = app.text_size();
    feed(&mut app, vec![Message::Display(DisplayChange::Bigger)]);
    assert!(app.text_size() > size);
    // The answer arrives and is shown.
    feed_task(&mut app, asking);
    assert!(matches!(
        print_screen(&app).printers(),
        Printers::Listed(printers) if printers.iter().any(|printer| printer.name == "office")
    ));
}
