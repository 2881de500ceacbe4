//! 差评回访 on the desk, driven through the real views: a 差评 given through the store appears for
//! staff on their first screen and in 差评回访, is taken through 核实 → 整改 → 反馈 → 回访 with
//! notes until it is closed; agents never reach the screen; an admin decides an appeal after
//! confirming.

mod support;

use bianmin::domain::account::Role;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::domain::id_number::IdNumber;
use bianmin::domain::rating::{
    AppealState, BadReason, FollowUpStage, RatingAnswer, RatingChannel, RatingLevel,
};
use bianmin::store::{CaseRules, FollowUp, NewApplication, Store};
use bianmin::ui::Message;
use bianmin::ui::desk::{self, Screen, Section};
use support::{
    add_accounts, app_with, feed, register_household, screen_text, scroll_and_tap, scroll_and_type,
    tap,
};

const PASSWORD: &str = "hall-password-2026";

/// A hall with an admin, an agent and a member of staff, and two cases the farmer rated 差评 at
/// the desk's 评价器.
fn hall_with_bad_ratings(store: &mut Store) {
    add_accounts(
        store,
        PASSWORD,
        &[
            ("admin", "张伟", "13800000009", Role::Admin),
            ("agent01", "赵喆", "13800000001", Role::Agent),
            ("staff01", "钱敏", "13800000003", Role::Staff),
        ],
    );
    store
        .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").unwrap())
        .unwrap();
    let household = register_household(store, 1);
    let content = store.load_content().unwrap().unwrap();
    let calendar = HolidayCalendar::shipped();
    let rules = CaseRules {
        content: &content,
        calendar: &calendar,
    };
    let agent = store
        .accounts(None)
        .unwrap()
        .into_iter()
        .find(|account| account.login == "agent01")
        .unwrap();
    for (comment, contact) in [("跑了三趟才办成", "13800001111"), ("窗口没人", "")] {
        let item = content.item("pension-enrolment").unwrap();
        let case = store
            .create_application(
                &NewApplication {
                    request_key: uuid::Uuid::new_v4().to_string(),
                    household_id: household.id.clone(),
                    applicant: IdNumber::parse("34052419800101001X").unwrap(),
                    item_id: item.id.clone(),
                    received: vec![true; item.materials.len()],
                },
                &agent,
                &rules,
                bianmin::clock::now(),
            )
            .unwrap();
        store
            .rate_case(
                &case.id,
                RatingChannel::DeskRater,
                RatingAnswer {
                    level: Some(RatingLevel::Dissatisfied),
                    reasons: vec![BadReason::Efficiency, BadReason::Attitude],
                    comment: comment.into(),
                    contact: contact.into(),
                },
                &rules,
                bianmin::clock::now(),
            )
            .unwrap();
    }
}

fn login(app: &mut bianmin::ui::App, name: &str) {
    scroll_and_tap(app, "staff-login");
    support::type_into(app, "login-name", name);
    support::type_into(app, "login-password", PASSWORD);
    tap(app, "login-submit");
    assert_eq!(
        app.desk().session().map(|account| account.login.as_str()),
        Some(name)
    );
}

fn follow_ups(app: &bianmin::ui::App) -> Vec<FollowUp> {
    app.office().store().follow_ups(false).unwrap()
}

fn keys(app: &bianmin::ui::App) -> Vec<String> {
    support::targets(app)
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

#[test]
fn staff_take_a_bad_rating_through_its_four_steps_and_agents_never_see_the_screen() {
    let mut app = app_with(hall_with_bad_ratings);
    let first = follow_ups(&app)[0].clone();

    // An agent's desk has no 差评回访, and asking for it anyway changes nothing.
    login(&mut app, "agent01");
    assert!(!screen_text(&app).contains("差评回访"));
    assert!(!keys(&app).iter().any(|key| key.contains("desk-follow-ups")));
    feed(
        &mut app,
        vec![Message::Desk(desk::Message::Show(Section::FollowUps))],
    );
    assert!(matches!(app.desk().screen(), Screen::Cases(_)));
    tap(&mut app, "desk-logout");

    // Staff see on their first screen how many wait.
    login(&mut app, "staff01");
    let start = screen_text(&app);
    assert!(
        start.contains("差评回访：未完成 2 件，其中超期 0 件"),
        "{start}"
    );
    tap(&mut app, "desk-follow-ups");
    assert!(screen_text(&app).contains("未完成 2 件，其中超期 0 件"));
    scroll_and_tap(&mut app, &format!("follow-up-{}", first.id));
    let shown = screen_text(&app);
    for expected in [
        first.rating.case_number.as_deref().unwrap(),
        "不满意 ★★☆☆☆",
        "办事效率、服务态度",
        "跑了三趟才办成",
        "13800001111",
        "窗口评价器 · 01号终端",
        "赵喆 (agent01)",
        "核实",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }

    // Finishing a step without a note is refused in words, and nothing moves on.
    scroll_and_tap(&mut app, "follow-up-advance");
    assert!(screen_text(&app).contains("请写下这一步的情况"));
    assert_eq!(follow_ups(&app)[0].stage, FollowUpStage::Verify);

    let notes = [
        "核实：排队一小时属实",
        "整改：午间增开一个窗口",
        "反馈：已电话告知群众",
        "回访：群众表示满意",
    ];
    for (step, note) in notes.iter().enumerate() {
        let button = support::targets::bounds_of(&app, "follow-up-advance");
        scroll_and_type(&mut app, "follow-up-note", note);
        scroll_and_tap(&mut app, "follow-up-advance");
        if step < 3 {
            // The record grows below: the note box and the button stay under the hand.
            let after = support::targets::bounds_of(&app, "follow-up-advance");
            assert_eq!(button.y, after.y, "after step {step}");
        }
    }
    let closed = app.office().store().follow_up(&first.id).unwrap().unwrap();
    assert_eq!(closed.stage, FollowUpStage::Closed);
    let written: Vec<&str> = closed.notes.iter().map(|n| n.note.as_str()).collect();
    assert_eq!(written, notes);
    assert!(
        closed
            .notes
            .iter()
            .all(|note| note.actor_login == "staff01")
    );
    let shown = screen_text(&app);
    assert!(shown.contains("已完成，这条差评回访已办结"), "{shown}");
    assert!(shown.contains("回访：群众表示满意"), "{shown}");
    // Four snapshots of it wait for the county.
    let queued = app
        .office()
        .store()
        .outbox()
        .unwrap()
        .into_iter()
        .filter(|event| event.kind == "follow_up_changed")
        .count();
    assert_eq!(queued, 2 + 4, "two opened, four steps");

    // The start screen now counts one.
    tap(&mut app, "desk-cases");
    assert!(screen_text(&app).contains("差评回访：未完成 1 件，其中超期 0 件"));

    // Every control of the screen is at least 44 px tall.
    tap(&mut app, "desk-follow-ups");
    let second = follow_ups(&app)
        .into_iter()
        .find(|follow_up| follow_up.stage.is_open())
        .unwrap();
    scroll_and_tap(&mut app, &format!("follow-up-{}", second.id));
    let controls = support::targets::controls(&app);
    for name in [
        "follow-up-show-closed",
        "follow-up-note",
        "follow-up-advance",
        "follow-up-appeal-reason",
        "follow-up-appeal",
    ] {
        assert!(
            controls.iter().any(|control| control.name.contains(name)),
            "{name} in {controls:#?}"
        );
    }
    let small = support::targets::shorter_than(&app, 44.0);
    assert!(small.is_empty(), "{small:#?}");
}

#[test]
fn staff_appeal_a_rating_and_an_admin_upholds_it_after_confirming() {
    let mut app = app_with(hall_with_bad_ratings);
    let appealed = follow_ups(&app)[0].clone();
    login(&mut app, "staff01");
    tap(&mut app, "desk-follow-ups");
    scroll_and_tap(&mut app, &format!("follow-up-{}", appealed.id));
    scroll_and_type(
        &mut app,
        "follow-up-appeal-reason",
        "群众评的是县医保局的审核时限",
    );
    scroll_and_tap(&mut app, "follow-up-appeal");
    assert!(screen_text(&app).contains("申诉已提出，等待管理员复核"));
    // Staff cannot decide it.
    assert!(
        !keys(&app)
            .iter()
            .any(|key| key.contains("follow-up-uphold"))
    );
    tap(&mut app, "desk-logout");

    login(&mut app, "admin");
    tap(&mut app, "desk-follow-ups");
    scroll_and_tap(&mut app, &format!("follow-up-{}", appealed.id));
    assert!(screen_text(&app).contains("申诉待复核：群众评的是县医保局的审核时限"));
    scroll_and_type(&mut app, "follow-up-decision", "核实属县局时限，非本大厅");
    scroll_and_tap(&mut app, "follow-up-uphold");
    // Nothing is decided before 确定; 取消 takes the question back.
    assert!(screen_text(&app).contains("确定申诉成立吗"));
    let pending = |app: &bianmin::ui::App| {
        app.office()
            .store()
            .follow_up(&appealed.id)
            .unwrap()
            .unwrap()
            .appeal
            .unwrap()
            .state
    };
    assert_eq!(pending(&app), AppealState::Pending);
    scroll_and_tap(&mut app, "follow-up-cancel");
    assert!(!screen_text(&app).contains("确定申诉成立吗"));
    scroll_and_tap(&mut app, "follow-up-uphold");
    scroll_and_tap(&mut app, "follow-up-confirm");
    let decided = app
        .office()
        .store()
        .follow_up(&appealed.id)
        .unwrap()
        .unwrap();
    let appeal = decided.appeal.unwrap();
    assert_eq!(appeal.state, AppealState::Upheld);
    assert_eq!(appeal.decision.as_deref(), Some("核实属县局时限，非本大厅"));
    assert_eq!(appeal.decided_by.as_deref(), Some("admin"));
    assert_eq!(decided.stage, FollowUpStage::Closed);
    let shown = screen_text(&app);
    assert!(shown.contains("复核已记录"), "{shown}");
    assert!(
        shown.contains("复核意见：核实属县局时限，非本大厅"),
        "{shown}"
    );
}

#[test]
fn the_follow_up_screens_controls_are_at_least_44_px_tall_at_type_size_50() {
    use bianmin::ui::desk::login::LoginMessage;
    use bianmin::ui::widget::display_controls::DisplayChange;
    let mut app = app_with(hall_with_bad_ratings);
    while app.text_size().px() < 50 {
        feed(&mut app, vec![Message::Display(DisplayChange::Bigger)]);
    }
    scroll_and_tap(&mut app, "staff-login");
    let login = |message| Message::Desk(desk::Message::Login(message));
    feed(
        &mut app,
        vec![
            login(LoginMessage::Login("admin".into())),
            login(LoginMessage::Password(PASSWORD.into())),
            login(LoginMessage::Submit),
        ],
    );
    assert!(app.desk().session().is_some());
    let first = follow_ups(&app)[0].clone();
    // An appeal waiting, so the admin's decision and its confirmation show too.
    let staff = app
        .office()
        .store()
        .accounts(None)
        .unwrap()
        .into_iter()
        .find(|account| account.login == "staff01")
        .unwrap();
    app.office()
        .store()
        .appeal_rating(&first.id, "误评", &staff, bianmin::clock::now())
        .unwrap();
    feed(
        &mut app,
        vec![
            Message::Desk(desk::Message::Show(Section::FollowUps)),
            Message::Desk(desk::Message::FollowUps(desk::follow_ups::Message::Open(
                first.id.clone(),
            ))),
            Message::Desk(desk::Message::FollowUps(desk::follow_ups::Message::Decide(
                true,
            ))),
        ],
    );
    let controls = support::targets::controls(&app);
    for name in ["follow-up-note", "follow-up-decision", "follow-up-confirm"] {
        assert!(
            controls.iter().any(|control| control.name.contains(name)),
            "{name} in {controls:#?}"
        );
    }
    let small = support::targets::shorter_than(&app, 44.0);
    assert!(small.is_empty(), "{small:#?}");
}
