//! 好差评 against a real (in-memory) SQLite database: once per case, skips, 差评 follow-ups and
//! appeals.

use chrono::NaiveDate;

use super::case_tests::{Hall, at};
use super::*;
use crate::domain::account::Role;
use crate::domain::application::{CaseState, Transition};
use crate::domain::rating::{
    AppealState, BadReason, FollowUpStage, RatingAnswer, RatingChannel, RatingLevel,
};

const ID_NUMBER: &str = "34052419800101001X";

fn answer(level: RatingLevel, reasons: &[BadReason]) -> RatingAnswer {
    RatingAnswer {
        level: Some(level),
        reasons: reasons.to_vec(),
        ..RatingAnswer::default()
    }
}

fn rate(
    hall: &mut Hall,
    case_id: &str,
    channel: RatingChannel,
    answer: RatingAnswer,
    when: &str,
) -> std::result::Result<Rated, RatingError> {
    let Hall {
        store,
        content,
        calendar,
        ..
    } = hall;
    let rules = CaseRules { content, calendar };
    store.rate_case(case_id, channel, answer, &rules, at(when))
}

/// An accepted case, and the same case completed.
fn accepted_case(hall: &mut Hall) -> Case {
    let household = hall.household(ID_NUMBER);
    hall.apply(&household, "pension-enrolment", true)
}

fn complete(hall: &mut Hall, case: &Case) {
    let agent = hall.agent.clone();
    hall.change(
        &case.id,
        Transition::StartHandling,
        None,
        "",
        &agent,
        at("2025-10-08T10:00:00+08:00"),
    )
    .unwrap();
    hall.change(
        &case.id,
        Transition::Complete,
        None,
        "",
        &agent,
        at("2025-10-09T10:00:00+08:00"),
    )
    .unwrap();
}

#[test]
fn the_kiosk_rates_completed_cases_and_the_desk_rater_accepted_ones() {
    let mut hall = Hall::new();
    let case = accepted_case(&mut hall);
    assert_eq!(case.state, CaseState::Accepted);
    assert_eq!(
        hall.store
            .case_rating_status(&case.id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::NotYet(CaseState::Accepted)
    );
    assert!(matches!(
        rate(
            &mut hall,
            &case.id,
            RatingChannel::Kiosk,
            answer(RatingLevel::Satisfied, &[]),
            "2025-10-01T09:00:00+08:00"
        ),
        Err(RatingError::NotYet(CaseState::Accepted))
    ));
    assert_eq!(
        hall.store
            .case_rating_status(&case.id, RatingChannel::DeskRater)
            .unwrap(),
        CaseRatingStatus::Open
    );
    complete(&mut hall, &case);
    assert_eq!(
        hall.store
            .case_rating_status(&case.id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::Open
    );
}

#[test]
fn a_case_is_rated_once_and_the_rating_names_the_case_not_the_farmer() {
    let mut hall = Hall::new();
    let case = accepted_case(&mut hall);
    complete(&mut hall, &case);
    let rated = rate(
        &mut hall,
        &case.id,
        RatingChannel::Kiosk,
        answer(RatingLevel::VerySatisfied, &[]),
        "2025-10-10T09:00:00+08:00",
    )
    .unwrap();
    let rating = rated.rating;
    assert_eq!(rating.case_number, case.number);
    assert_eq!(rating.item_id.as_deref(), Some("pension-enrolment"));
    assert_eq!(
        rating.window,
        Some(hall.content.item("pension-enrolment").unwrap().window)
    );
    assert_eq!(rating.agent_login.as_deref(), Some("agent01"));
    assert_eq!(rating.device, "07");
    assert!(rated.follow_up.is_none());
    assert_eq!(hall.store.case_rating(&case.id).unwrap(), Some(rating));

    let again = rate(
        &mut hall,
        &case.id,
        RatingChannel::Kiosk,
        answer(RatingLevel::Dissatisfied, &[BadReason::Attitude]),
        "2025-10-10T09:05:00+08:00",
    );
    assert!(matches!(again, Err(RatingError::AlreadyRated)));
    assert_eq!(
        hall.store
            .case_rating_status(&case.id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::AlreadyRated
    );
    let row_text: String = hall
        .store
        .conn()
        .query_row("SELECT json_array(id, application, case_number, item_id, agent_login, channel, level, comment, contact, device) FROM rating", [], |row| row.get(0))
        .unwrap();
    assert!(
        !row_text.contains(ID_NUMBER) && !row_text.contains("王堃"),
        "{row_text}"
    );
}

#[test]
fn a_skip_is_recorded_as_unrated_and_leaves_the_case_open_for_a_rating() {
    let mut hall = Hall::new();
    let case = accepted_case(&mut hall);
    let skipped = rate(
        &mut hall,
        &case.id,
        RatingChannel::DeskRater,
        RatingAnswer::skipped(),
        "2025-10-01T09:00:00+08:00",
    )
    .unwrap();
    assert_eq!(skipped.rating.level, None);
    assert_eq!(
        hall.store
            .case_rating_status(&case.id, RatingChannel::DeskRater)
            .unwrap(),
        CaseRatingStatus::Open
    );
    complete(&mut hall, &case);
    rate(
        &mut hall,
        &case.id,
        RatingChannel::Kiosk,
        answer(RatingLevel::Satisfied, &[]),
        "2025-10-10T09:00:00+08:00",
    )
    .unwrap();
    assert_eq!(hall.store.ratings(10).unwrap().len(), 2);
}

#[test]
fn a_bad_rating_opens_a_follow_up_due_in_the_halls_working_days() {
    let mut hall = Hall::new();
    hall.content.hall.follow_up_working_days = 5;
    let case = accepted_case(&mut hall);
    complete(&mut hall, &case);
    let mut bad = answer(
        RatingLevel::VeryDissatisfied,
        &[BadReason::Efficiency, BadReason::Other],
    );
    bad.comment = "跑了两趟".into();
    bad.contact = "13800001111".into();
    // Friday 2026-11-27: five working days later is Friday 2026-12-04.
    let rated = rate(
        &mut hall,
        &case.id,
        RatingChannel::Kiosk,
        bad,
        "2026-11-27T16:00:00+08:00",
    )
    .unwrap();
    let follow_up = rated.follow_up.expect("a 差评 opens a follow-up");
    assert_eq!(follow_up.stage, FollowUpStage::Verify);
    assert_eq!(
        follow_up.due_date,
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    );
    assert_eq!(
        follow_up.rating.reasons,
        [BadReason::Efficiency, BadReason::Other]
    );
    assert_eq!(follow_up.rating.comment, "跑了两趟");
    assert_eq!(hall.store.follow_ups(true).unwrap(), [follow_up]);
}

#[test]
fn a_bad_rating_without_a_reason_changes_nothing() {
    let mut hall = Hall::new();
    let case = accepted_case(&mut hall);
    let refused = rate(
        &mut hall,
        &case.id,
        RatingChannel::DeskRater,
        answer(RatingLevel::Dissatisfied, &[]),
        "2025-10-01T09:00:00+08:00",
    );
    assert!(matches!(refused, Err(RatingError::Answer(_))));
    assert!(hall.store.ratings(10).unwrap().is_empty());
    assert!(hall.store.follow_ups(false).unwrap().is_empty());
}

fn bad_follow_up(hall: &mut Hall) -> FollowUp {
    let case = accepted_case(hall);
    rate(
        hall,
        &case.id,
        RatingChannel::DeskRater,
        answer(RatingLevel::Dissatisfied, &[BadReason::Attitude]),
        "2025-10-01T09:00:00+08:00",
    )
    .unwrap()
    .follow_up
    .unwrap()
}

#[test]
fn staff_take_a_follow_up_through_four_steps_with_notes() {
    let mut hall = Hall::new();
    let follow_up = bad_follow_up(&mut hall);
    let agent = hall.agent.clone();
    assert!(matches!(
        hall.store.advance_follow_up(
            &follow_up.id,
            "看过了",
            &agent,
            at("2025-10-02T09:00:00+08:00")
        ),
        Err(FollowUpError::NotStaff)
    ));
    let staff = super::case_tests::account(&mut hall.store, "staff01", "13800000003", Role::Staff);
    assert!(matches!(
        hall.store
            .advance_follow_up(&follow_up.id, "  ", &staff, at("2025-10-02T09:00:00+08:00")),
        Err(FollowUpError::NoteRequired)
    ));
    let notes = [
        "核实：窗口排队久",
        "整改：增开窗口",
        "反馈：电话告知",
        "回访：群众满意",
    ];
    let mut current = follow_up.clone();
    for (day, note) in notes.iter().enumerate() {
        current = hall
            .store
            .advance_follow_up(
                &follow_up.id,
                note,
                &staff,
                at(&format!("2025-10-0{}T09:00:00+08:00", day + 2)),
            )
            .unwrap();
    }
    assert_eq!(current.stage, FollowUpStage::Closed);
    assert_eq!(
        current.closed_at.as_deref(),
        Some("2025-10-05T09:00:00+08:00")
    );
    let stages: Vec<_> = current
        .notes
        .iter()
        .map(|note| (note.stage, note.note.as_str()))
        .collect();
    assert_eq!(
        stages,
        [
            (FollowUpStage::Verify, notes[0]),
            (FollowUpStage::Rectify, notes[1]),
            (FollowUpStage::Feedback, notes[2]),
            (FollowUpStage::Revisit, notes[3]),
        ]
    );
    assert!(matches!(
        hall.store.advance_follow_up(
            &follow_up.id,
            "再来",
            &staff,
            at("2025-10-06T09:00:00+08:00")
        ),
        Err(FollowUpError::Closed)
    ));
    assert!(hall.store.follow_ups(true).unwrap().is_empty());
    assert_eq!(hall.store.follow_ups(false).unwrap(), [current]);
}

#[test]
fn an_admin_decides_an_appeal_with_a_reason() {
    let mut hall = Hall::new();
    let follow_up = bad_follow_up(&mut hall);
    let staff = super::case_tests::account(&mut hall.store, "staff01", "13800000003", Role::Staff);
    let appealed = hall
        .store
        .appeal_rating(
            &follow_up.id,
            "当事人误评（评的是县医保局）",
            &staff,
            at("2025-10-02T09:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(
        appealed.appeal.as_ref().unwrap().state,
        AppealState::Pending
    );
    assert!(matches!(
        hall.store.appeal_rating(
            &follow_up.id,
            "再申诉",
            &staff,
            at("2025-10-02T10:00:00+08:00")
        ),
        Err(FollowUpError::AlreadyAppealed)
    ));
    assert!(matches!(
        hall.store.decide_appeal(
            &follow_up.id,
            true,
            "属实",
            &staff,
            at("2025-10-03T09:00:00+08:00")
        ),
        Err(FollowUpError::NotAdmin)
    ));
    let admin = hall.admin.clone();
    assert!(matches!(
        hall.store.decide_appeal(
            &follow_up.id,
            true,
            "",
            &admin,
            at("2025-10-03T09:00:00+08:00")
        ),
        Err(FollowUpError::NoteRequired)
    ));
    let upheld = hall
        .store
        .decide_appeal(
            &follow_up.id,
            true,
            "核实属误评",
            &admin,
            at("2025-10-03T09:00:00+08:00"),
        )
        .unwrap();
    let appeal = upheld.appeal.unwrap();
    assert_eq!(appeal.state, AppealState::Upheld);
    assert_eq!(appeal.decision.as_deref(), Some("核实属误评"));
    assert_eq!(appeal.decided_by.as_deref(), Some("admin"));
    assert_eq!(upheld.stage, FollowUpStage::Closed);
}

#[test]
fn a_rejected_appeal_leaves_the_follow_up_open() {
    let mut hall = Hall::new();
    let follow_up = bad_follow_up(&mut hall);
    let admin = hall.admin.clone();
    hall.store
        .appeal_rating(
            &follow_up.id,
            "评价有误",
            &admin,
            at("2025-10-02T09:00:00+08:00"),
        )
        .unwrap();
    let rejected = hall
        .store
        .decide_appeal(
            &follow_up.id,
            false,
            "群众反映属实",
            &admin,
            at("2025-10-03T09:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(
        rejected.appeal.as_ref().unwrap().state,
        AppealState::Rejected
    );
    assert_eq!(rejected.stage, FollowUpStage::Verify);
    assert!(rejected.is_overdue(NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()));
}

#[test]
fn a_visit_without_a_case_is_rated_from_home() {
    let mut hall = Hall::new();
    let Hall {
        store,
        content,
        calendar,
        ..
    } = &mut hall;
    let rules = CaseRules { content, calendar };
    let rated = store
        .rate_visit(
            None,
            RatingChannel::Kiosk,
            answer(RatingLevel::Satisfied, &[]),
            &rules,
            at("2025-10-01T09:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(rated.rating.application, None);
    assert_eq!(rated.rating.item_id, None);
    let unknown = store.rate_visit(
        Some("no-such-item"),
        RatingChannel::Kiosk,
        RatingAnswer::skipped(),
        &rules,
        at("2025-10-01T09:00:00+08:00"),
    );
    assert!(matches!(unknown, Err(RatingError::UnknownItem)));
    assert_eq!(store.ratings(10).unwrap().len(), 1);
}
