//! 好差评 between the hall's terminals at the store level: every rating and follow-up change is
//! one outbox event whose payload reads back, and another terminal applying them (twice, out of
//! order, with changes of its own) ends with the same ratings and follow-ups.

use super::case_tests::{Hall, account, at};
use super::*;
use crate::domain::account::Role;
use crate::domain::application::Transition;
use crate::domain::case_number::DeviceCode;
use crate::domain::follow_up::FollowUpRecord;
use crate::domain::rating::{
    AppealState, BadReason, FollowUpNote, FollowUpStage, MAX_NOTE_CHARS, RatingAnswer,
    RatingChannel, RatingLevel,
};
use crate::domain::sync::event::Payload;
use crate::sync::wire::{Event, PulledItem};

const HALL: &str = "621023202";

/// (kind, entity id, payload) of the outbox events after number `since`.
fn queued(store: &Store, since: i64) -> Vec<(String, String, String)> {
    let mut statement = store
        .conn()
        .prepare("SELECT kind, entity_id, payload FROM outbox WHERE seq > ?1 ORDER BY seq")
        .unwrap();
    statement
        .query_map([since], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn last_seq(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM outbox", [], |row| {
            row.get(0)
        })
        .unwrap()
}

/// Terminal `one`'s events after number `since`, as another terminal pulls them.
fn pulled(one: &Store, since: i64) -> Vec<PulledItem> {
    let device = one.device_code().unwrap().unwrap().as_str().to_owned();
    let mut statement = one
        .conn()
        .prepare(
            "SELECT id, seq, kind, entity_id, base, created_at, payload FROM outbox
             WHERE seq > ?1 ORDER BY seq",
        )
        .unwrap();
    statement
        .query_map([since], |row| {
            let seq: i64 = row.get(1)?;
            Ok(PulledItem {
                cursor: seq as u64,
                event: Event {
                    id: row.get(0)?,
                    hall: HALL.into(),
                    device: device.clone(),
                    seq: seq as u64,
                    kind: row.get(2)?,
                    entity_id: row.get(3)?,
                    base: row.get(4)?,
                    created_at: row.get(5)?,
                    payload: row.get(6)?,
                },
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn apply(to: &mut Store, items: &[PulledItem]) -> ApplyReport {
    let own = to.device_code().unwrap().unwrap().as_str().to_owned();
    let cursor = items.last().map_or(0, |item| item.cursor);
    to.apply_pulled(items, &own, cursor, at("2025-10-20T09:00:00+08:00"))
        .unwrap()
}

/// Another terminal of the same hall (device 08), with the same accounts.
fn other_terminal() -> Hall {
    let mut hall = Hall::new();
    hall.store
        .set_device_code(&DeviceCode::parse("08").unwrap())
        .unwrap();
    hall
}

fn rate(hall: &mut Hall, case_id: &str, channel: RatingChannel, answer: RatingAnswer) -> Rated {
    let Hall {
        store,
        content,
        calendar,
        ..
    } = hall;
    let rules = CaseRules { content, calendar };
    store
        .rate_case(
            case_id,
            channel,
            answer,
            &rules,
            at("2025-10-10T09:00:00+08:00"),
        )
        .unwrap()
}

fn level(level: RatingLevel, reasons: &[BadReason]) -> RatingAnswer {
    RatingAnswer {
        level: Some(level),
        reasons: reasons.to_vec(),
        ..RatingAnswer::default()
    }
}

fn completed_case(hall: &mut Hall, id_number: &str) -> Case {
    let household = hall.household(id_number);
    let case = hall.apply(&household, "pension-enrolment", true);
    let agent = hall.agent.clone();
    for transition in [Transition::StartHandling, Transition::Complete] {
        hall.change(
            &case.id,
            transition,
            None,
            "",
            &agent,
            at("2025-10-09T10:00:00+08:00"),
        )
        .unwrap();
    }
    case
}

/// A change to a follow-up, returning it as it then stands.
type Step<'a> = Box<dyn Fn(&mut Store) -> FollowUp + 'a>;

fn staff(hall: &mut Hall) -> Account {
    account(&mut hall.store, "staff01", "13800000003", Role::Staff)
}

#[test]
fn every_rating_and_follow_up_change_queues_one_event_that_reads_back() {
    let mut hall = Hall::new();
    let good = completed_case(&mut hall, "34052419800101001X");
    let bad = completed_case(&mut hall, "34052419800101001X");
    let staff = staff(&mut hall);

    let before = last_seq(&hall.store);
    let rated = rate(
        &mut hall,
        &good.id,
        RatingChannel::Kiosk,
        level(RatingLevel::VerySatisfied, &[]),
    );
    let events = queued(&hall.store, before);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].0, "rating_recorded");
    assert_eq!(events[0].1, rated.rating.id);
    assert_eq!(
        Payload::decode(&events[0].0, &events[0].2).unwrap(),
        Payload::RatingRecorded(rated.rating)
    );

    // A 差评: the rating, and the follow-up it opens.
    let before = last_seq(&hall.store);
    let rated = rate(
        &mut hall,
        &bad.id,
        RatingChannel::Kiosk,
        level(RatingLevel::Dissatisfied, &[BadReason::Attitude]),
    );
    let follow_up = rated.follow_up.clone().unwrap();
    let events = queued(&hall.store, before);
    let kinds: Vec<&str> = events.iter().map(|event| event.0.as_str()).collect();
    assert_eq!(kinds, ["rating_recorded", "follow_up_changed"]);
    assert_eq!(
        Payload::decode(&events[1].0, &events[1].2).unwrap(),
        Payload::FollowUpChanged(follow_up.to_record())
    );

    // Each step, the appeal and its decision: one snapshot each, as the follow-up then stood.
    let admin = hall.admin.clone();
    let steps: Vec<Step<'_>> = vec![
        Box::new(|store| {
            store
                .advance_follow_up(
                    &follow_up.id,
                    "核实：属实",
                    &staff,
                    at("2025-10-11T09:00:00+08:00"),
                )
                .unwrap()
        }),
        Box::new(|store| {
            store
                .appeal_rating(
                    &follow_up.id,
                    "评的是县里的事",
                    &staff,
                    at("2025-10-11T10:00:00+08:00"),
                )
                .unwrap()
        }),
        Box::new(|store| {
            store
                .decide_appeal(
                    &follow_up.id,
                    false,
                    "群众反映属实",
                    &admin,
                    at("2025-10-11T11:00:00+08:00"),
                )
                .unwrap()
        }),
    ];
    for step in steps {
        let before = last_seq(&hall.store);
        let changed = step(&mut hall.store);
        let events = queued(&hall.store, before);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].1, follow_up.id);
        assert_eq!(
            Payload::decode(&events[0].0, &events[0].2).unwrap(),
            Payload::FollowUpChanged(changed.to_record())
        );
    }
    // A refused change queues nothing.
    let before = last_seq(&hall.store);
    assert!(
        hall.store
            .advance_follow_up(&follow_up.id, " ", &staff, at("2025-10-12T09:00:00+08:00"))
            .is_err()
    );
    assert!(queued(&hall.store, before).is_empty());
    // The audit names what each event is about.
    let audited: Vec<String> = hall
        .store
        .conn()
        .prepare("SELECT DISTINCT entity FROM audit_log WHERE action IN ('rating_recorded', 'follow_up_changed') ORDER BY entity")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(audited, ["follow_up", "rating"]);
}

#[test]
fn another_terminal_learns_the_rating_so_its_kiosk_offers_no_second_one() {
    let mut one = Hall::new();
    let case = completed_case(&mut one, "34052419800101001X");
    let mut two = other_terminal();
    apply(&mut two.store, &pulled(&one.store, 0));
    assert_eq!(
        two.store
            .case_rating_status(&case.id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::Open
    );

    let since = last_seq(&one.store);
    let rated = rate(
        &mut one,
        &case.id,
        RatingChannel::DeskRater,
        level(RatingLevel::VeryDissatisfied, &[BadReason::Efficiency]),
    );
    let items = pulled(&one.store, since);
    let report = apply(&mut two.store, &items);
    assert_eq!((report.applied, report.skipped), (2, 0), "{report:?}");
    assert_eq!(
        two.store
            .case_rating_status(&case.id, RatingChannel::Kiosk)
            .unwrap(),
        CaseRatingStatus::AlreadyRated
    );
    assert_eq!(
        two.store.case_rating(&case.id).unwrap(),
        Some(rated.rating.clone())
    );
    let follow_up = rated.follow_up.unwrap();
    assert_eq!(
        two.store.follow_ups(true).unwrap(),
        std::slice::from_ref(&follow_up)
    );
    // No second follow-up was opened for it, and nothing was queued to send back.
    assert!(
        queued(&two.store, 0)
            .iter()
            .all(|event| event.0 == "account_changed")
    );

    // Applying the same events again changes nothing.
    let dump = |store: &Store| {
        let rows: Vec<String> = store
            .conn()
            .prepare(
                "SELECT json_array(r.id, r.level, f.id, f.stage, f.appeal,
                    (SELECT COUNT(*) FROM follow_up_note n WHERE n.follow_up = f.id))
                 FROM rating r LEFT JOIN follow_up f ON f.rating = r.id ORDER BY r.id",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows
    };
    let before = dump(&two.store);
    let report = apply(&mut two.store, &items);
    assert_eq!((report.already, report.applied), (2, 0));
    // The same snapshot again under new event ids (as a county's resend would be) is harmless.
    let mut again = items.clone();
    for item in &mut again {
        item.event.id = uuid::Uuid::new_v4().to_string();
    }
    apply(&mut two.store, &again);
    assert_eq!(dump(&two.store), before);
    assert_eq!(two.store.follow_up(&follow_up.id).unwrap(), Some(follow_up));
}

#[test]
fn follow_ups_worked_on_two_desks_while_apart_end_the_same_on_both() {
    let mut one = Hall::new();
    let case = completed_case(&mut one, "34052419800101001X");
    let mut two = other_terminal();
    let rated = rate(
        &mut one,
        &case.id,
        RatingChannel::Kiosk,
        level(RatingLevel::Dissatisfied, &[BadReason::Materials]),
    );
    let id = rated.follow_up.unwrap().id;
    apply(&mut two.store, &pulled(&one.store, 0));
    let one_staff = staff(&mut one);
    let two_staff = account(&mut two.store, "staff02", "13800000004", Role::Staff);

    // Apart: desk one does 核实 and 整改; desk two does its own 核实 and files an appeal.
    let since_one = last_seq(&one.store);
    for (note, when) in [
        ("核实：窗口让群众补了三次材料", "2025-10-11T09:00:00+08:00"),
        ("整改：一次性告知单写全", "2025-10-12T09:00:00+08:00"),
    ] {
        one.store
            .advance_follow_up(&id, note, &one_staff, at(when))
            .unwrap();
    }
    let since_two = last_seq(&two.store);
    two.store
        .advance_follow_up(
            &id,
            "核实：材料清单已更新",
            &two_staff,
            at("2025-10-11T10:00:00+08:00"),
        )
        .unwrap();
    two.store
        .appeal_rating(
            &id,
            "群众所说材料为县局要求",
            &two_staff,
            at("2025-10-11T11:00:00+08:00"),
        )
        .unwrap();

    // Each gets the other's snapshots, newest first: they still converge.
    let mut from_one = pulled(&one.store, since_one);
    from_one.reverse();
    let mut from_two = pulled(&two.store, since_two);
    from_two.retain(|item| item.event.kind == "follow_up_changed");
    from_two.reverse();
    apply(&mut two.store, &from_one);
    apply(&mut one.store, &from_two);
    let on_one = one.store.follow_up(&id).unwrap().unwrap();
    let on_two = two.store.follow_up(&id).unwrap().unwrap();
    assert_eq!(on_one, on_two);
    assert_eq!(on_one.stage, FollowUpStage::Feedback, "never moved back");
    let notes: Vec<&str> = on_one.notes.iter().map(|n| n.note.as_str()).collect();
    assert_eq!(
        notes,
        [
            "核实：窗口让群众补了三次材料",
            "核实：材料清单已更新",
            "整改：一次性告知单写全"
        ]
    );
    assert_eq!(on_one.appeal.unwrap().state, AppealState::Pending);

    // Going on from the merged state on one desk reaches the other as usual.
    let since = last_seq(&one.store);
    let admin = one.admin.clone();
    one.store
        .decide_appeal(
            &id,
            true,
            "确属县局要求",
            &admin,
            at("2025-10-13T09:00:00+08:00"),
        )
        .unwrap();
    apply(&mut two.store, &pulled(&one.store, since));
    let closed = two.store.follow_up(&id).unwrap().unwrap();
    assert_eq!(closed, one.store.follow_up(&id).unwrap().unwrap());
    assert_eq!(closed.stage, FollowUpStage::Closed);
    assert_eq!(closed.appeal.unwrap().state, AppealState::Upheld);
}

#[test]
fn a_case_rated_on_two_terminals_keeps_ours_and_flags_theirs() {
    let mut one = Hall::new();
    let case = completed_case(&mut one, "34052419800101001X");
    let mut two = other_terminal();
    apply(&mut two.store, &pulled(&one.store, 0));
    let since = last_seq(&one.store);
    rate(
        &mut one,
        &case.id,
        RatingChannel::DeskRater,
        level(RatingLevel::Satisfied, &[]),
    );
    // Terminal two's kiosk had not heard of it yet.
    let ours = rate(
        &mut two,
        &case.id,
        RatingChannel::Kiosk,
        level(RatingLevel::BasicallySatisfied, &[]),
    );
    let report = apply(&mut two.store, &pulled(&one.store, since));
    assert_eq!(report.conflicts, 1, "{report:?}");
    assert_eq!(two.store.case_rating(&case.id).unwrap(), Some(ours.rating));
    let conflicts = two.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].entity, RATING_TWICE);
    assert_eq!(conflicts[0].case_number, case.number);
    assert_eq!(conflicts[0].local_kind, "rating_recorded");
    assert_eq!(conflicts[0].remote_kind, "rating_recorded");
    let admin = two.admin.clone();
    two.store
        .resolve_conflict(
            conflicts[0].id,
            ConflictChoice::Local,
            "",
            &admin,
            at("2025-10-21T09:00:00+08:00"),
        )
        .unwrap();
    assert!(two.store.conflicts().unwrap().is_empty());
}

#[test]
fn a_step_whose_follow_up_would_not_fit_one_event_is_refused_and_changes_nothing() {
    let mut hall = Hall::new();
    let case = completed_case(&mut hall, "34052419800101001X");
    let rated = rate(
        &mut hall,
        &case.id,
        RatingChannel::Kiosk,
        level(RatingLevel::Dissatisfied, &[BadReason::Other]),
    );
    let follow_up = rated.follow_up.unwrap();
    // Many desks verified it while apart, each at length (as merged here from their events).
    let crowded = FollowUpRecord {
        stage: FollowUpStage::Rectify,
        notes: (0..16)
            .map(|n| FollowUpNote {
                at: format!("2025-10-11T09:{n:02}:00+08:00"),
                actor_login: format!("staff{n:02}"),
                actor_name: format!("工作人员{n}"),
                stage: FollowUpStage::Verify,
                note: "核".repeat(MAX_NOTE_CHARS),
            })
            .collect(),
        ..follow_up.to_record()
    };
    {
        let tx = hall.store.write().unwrap();
        super::follow_ups::merge_snapshot(&tx, &crowded).unwrap();
        tx.commit().unwrap();
    }
    let staff = staff(&mut hall);
    let before = last_seq(&hall.store);
    let refused = hall.store.advance_follow_up(
        &follow_up.id,
        "整改：已完成",
        &staff,
        at("2025-10-12T09:00:00+08:00"),
    );
    assert!(
        matches!(refused, Err(FollowUpError::TooMuchText)),
        "{refused:?}"
    );
    assert!(queued(&hall.store, before).is_empty());
    let stored = hall.store.follow_up(&follow_up.id).unwrap().unwrap();
    assert_eq!(stored.stage, FollowUpStage::Rectify);
    assert_eq!(stored.notes.len(), 16);
}
