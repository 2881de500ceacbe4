//! The desk's 同步 screen, headless: counts of what the county still lacks, "sync now" on a
//! terminal not set up, the USB export and a refused import, and the sync badge in the case list.

mod support;
#[path = "sync_support/mod.rs"]
mod sync_support;

use bianmin::domain::account::Role;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::domain::case_number::DeviceCode;
use bianmin::store::{CaseRules, NewApplication, Store};
use bianmin::sync::SyncConfig;
use bianmin::ui::desk::Screen;
use support::{
    add_accounts, app_with, register_household, screen_text, scroll_and_tap, tap, targets,
    type_into,
};

const PASSWORD: &str = "password-123";

fn hall(store: &mut Store, configured: bool) {
    let at = bianmin::clock::now();
    add_accounts(
        store,
        PASSWORD,
        &[
            ("admin", "李玥", "13800000008", Role::Admin),
            ("staff01", "张伟", "13800000009", Role::Staff),
            ("agent01", "赵喆", "13800000001", Role::Agent),
        ],
    );
    let household = register_household(store, 3);
    let content = store.load_content().unwrap().unwrap();
    let agent = store.account(3).unwrap().unwrap();
    let item = &content.items[0];
    let application = NewApplication {
        request_key: "request-1".into(),
        household_id: household.id.clone(),
        applicant: household.id_number.clone(),
        item_id: item.id.clone(),
        received: vec![true; item.materials.len()],
    };
    let device = DeviceCode::parse("01").unwrap();
    store.set_device_code(&device).unwrap();
    let rules = CaseRules {
        content: &content,
        calendar: &HolidayCalendar::shipped(),
    };
    store
        .create_application(&application, &agent, &rules, at)
        .unwrap();
    if configured {
        let token = bianmin::sync::keys::new_token(&content.hall.township_code, &device);
        SyncConfig::new("http://127.0.0.1:9/", &token)
            .unwrap()
            .save(store)
            .unwrap();
    }
}

fn login(app: &mut bianmin::ui::App, name: &str) {
    tap(app, "staff-login");
    type_into(app, "login-name", name);
    type_into(app, "login-password", PASSWORD);
    tap(app, "login-submit");
    assert!(app.desk().session().is_some(), "{name} logged in");
}

#[test]
fn staff_see_what_the_county_lacks_and_sync_now_says_when_nothing_is_set_up() {
    let mut app = app_with(|store| hall(store, false));
    login(&mut app, "staff01");
    tap(&mut app, "desk-sync");
    assert!(matches!(app.desk().screen(), Screen::Sync(_)));
    let text = screen_text(&app);
    assert!(text.contains("与县级平台同步"), "{text}");
    // The household registration waits for the county.
    assert!(text.contains("待上报"), "{text}");
    assert!(
        screen_text(&app).contains("尚未设置与县级平台同步"),
        "{text}"
    );
    tap(&mut app, "sync-now");
    assert!(
        screen_text(&app).contains("尚未设置与县级平台同步"),
        "{}",
        screen_text(&app)
    );
}

#[test]
fn the_case_list_shows_whether_each_case_reached_the_county() {
    let mut app = app_with(|store| hall(store, false));
    login(&mut app, "agent01");
    tap(&mut app, "desk-cases");
    let text = screen_text(&app);
    assert!(text.contains("待上报"), "{text}");
    assert!(!text.contains("已上报"), "{text}");
}

#[test]
fn agents_have_no_sync_screen() {
    let mut app = app_with(|store| hall(store, false));
    login(&mut app, "agent01");
    assert!(
        targets(&app).iter().all(|(key, _)| key != "desk-sync"),
        "an agent sees 同步"
    );
}

#[test]
fn export_writes_a_bundle_to_the_folder_and_a_foreign_file_is_refused_changing_nothing() {
    let mut app = app_with(|store| hall(store, true));
    login(&mut app, "staff01");
    tap(&mut app, "desk-sync");
    let folder = tempfile::tempdir().unwrap();
    // The folder box starts with a default; replace it.
    let Screen::Sync(_) = app.desk().screen() else {
        panic!("not on the sync screen");
    };
    let _ = app.update(bianmin::ui::Message::Desk(
        bianmin::ui::desk::Message::Sync(bianmin::ui::desk::sync::Message::Folder(
            folder.path().display().to_string(),
        )),
    ));
    scroll_and_tap(&mut app, "sync-export");
    let files: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    assert_eq!(files.len(), 1, "{}", screen_text(&app));
    // The three accounts, the household and the case.
    assert!(
        screen_text(&app).contains("已导出 5 条记录"),
        "{}",
        screen_text(&app)
    );
    let bytes = std::fs::read(&files[0]).unwrap();
    assert!(!bytes.is_empty());

    let before = app.office().store().sync_summary().unwrap();
    let foreign = folder.path().join("not-a-bundle.txt");
    std::fs::write(&foreign, "hello").unwrap();
    let _ = app.update(bianmin::ui::Message::Desk(
        bianmin::ui::desk::Message::Sync(bianmin::ui::desk::sync::Message::Reply(
            foreign.display().to_string(),
        )),
    ));
    scroll_and_tap(&mut app, "sync-import");
    assert!(
        screen_text(&app).contains("不是便民数据包"),
        "{}",
        screen_text(&app)
    );
    assert_eq!(app.office().store().sync_summary().unwrap(), before);
    // A folder that is not there (no USB stick) is said so.
    let _ = app.update(bianmin::ui::Message::Desk(
        bianmin::ui::desk::Message::Sync(bianmin::ui::desk::sync::Message::Folder(
            "/no/such/usb".into(),
        )),
    ));
    scroll_and_tap(&mut app, "sync-export");
    assert!(
        screen_text(&app).contains("找不到文件夹"),
        "{}",
        screen_text(&app)
    );
}

#[test]
fn a_case_changed_on_two_terminals_shows_both_versions_and_the_agent_keeps_one() {
    use bianmin::domain::application::{CaseState, Transition};
    use bianmin::sync::{SyncOptions, sync_store};
    use sync_support::{Terminal, county_and_two_terminals};

    let (_county_dir, _county, mut one, mut two) = county_and_two_terminals();
    let now = SyncOptions {
        forced: true,
        ..SyncOptions::default()
    };
    let household = one.household(31);
    let case = one.case(&household, 0);
    sync_store(&mut one.store, &now).unwrap();
    sync_store(&mut two.store, &now).unwrap();
    // Apart: one starts handling the case, two returns it.
    one.move_case(&case.id, Transition::StartHandling, "");
    two.move_case(&case.id, Transition::Return, "材料不符");
    sync_store(&mut one.store, &now).unwrap();
    assert_eq!(sync_store(&mut two.store, &now).unwrap().conflicts, 1);

    let Terminal {
        dir: _dir,
        store,
        content,
        ..
    } = two;
    let mut app = bianmin::ui::App::new(content, store, Vec::new(), Default::default());
    tap(&mut app, "staff-login");
    type_into(&mut app, "login-name", "admin02");
    type_into(&mut app, "login-password", "training-password");
    tap(&mut app, "login-submit");
    tap(&mut app, "desk-sync");
    let text = screen_text(&app);
    assert!(text.contains("在两台终端上被分别修改"), "{text}");
    assert!(text.contains("01 号终端"), "{text}");
    assert!(text.contains("材料不符"), "{text}");
    let conflict = app.office().store().conflicts().unwrap().remove(0);
    scroll_and_tap(&mut app, &format!("conflict-local-{}", conflict.id));
    assert!(
        screen_text(&app).contains("已按您的选择处理"),
        "{}",
        screen_text(&app)
    );
    assert!(app.office().store().conflicts().unwrap().is_empty());
    let kept = app.office().store().case(&case.id).unwrap().unwrap();
    assert_eq!(kept.state, CaseState::Returned);
}

#[test]
fn a_usb_only_terminal_exports_its_bundle_off_the_window_thread() {
    use bianmin::sync::SyncConfig;
    use sync_support::Terminal;

    let mut terminal = Terminal::new("03");
    let token = bianmin::sync::keys::new_token(
        &terminal.content.hall.township_code,
        &terminal.store.device_code().unwrap().unwrap(),
    );
    SyncConfig::usb_only(&token)
        .unwrap()
        .save(&mut terminal.store)
        .unwrap();
    let household = terminal.household(41);
    terminal.case(&household, 2);
    let Terminal {
        dir: _dir,
        store,
        content,
        ..
    } = terminal;
    let mut app = bianmin::ui::App::new(content, store, Vec::new(), Default::default());
    tap(&mut app, "staff-login");
    type_into(&mut app, "login-name", "admin03");
    type_into(&mut app, "login-password", "training-password");
    tap(&mut app, "login-submit");
    tap(&mut app, "desk-sync");
    assert!(
        screen_text(&app).contains("只用 U 盘"),
        "{}",
        screen_text(&app)
    );
    let folder = tempfile::tempdir().unwrap();
    let _ = app.update(bianmin::ui::Message::Desk(
        bianmin::ui::desk::Message::Sync(bianmin::ui::desk::sync::Message::Folder(
            folder.path().display().to_string(),
        )),
    ));
    // The file-backed terminal writes the bundle on its own thread and connection.
    scroll_and_tap(&mut app, "sync-export");
    let text = screen_text(&app);
    // The admin account, the household and the case.
    assert!(text.contains("已导出 3 条记录"), "{text}");
    let files: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
}
