//! Accounts, households and cases against a real (in-memory) SQLite database.

use chrono::{DateTime, Duration, NaiveDate};

use super::*;
use crate::clock::Timestamp;
use crate::content;
use crate::domain::Content;
use crate::domain::account::{AccountStatus, Role};
use crate::domain::application::{CaseState, Transition};
use crate::domain::calendar::HolidayCalendar;
use crate::domain::household::{HouseholdForm, MemberForm};
use crate::domain::id_number::IdNumber;
use crate::domain::progress::Outcome;
use crate::domain::status_query::StatusQuery;

pub(crate) struct Hall {
    pub store: Store,
    pub content: Content,
    pub calendar: HolidayCalendar,
    pub agent: Account,
    pub admin: Account,
}

pub(crate) fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).unwrap()
}

pub(crate) fn account(store: &mut Store, login: &str, phone: &str, role: Role) -> Account {
    store
        .add_account(
            &NewAccount {
                login: login.into(),
                name: format!("{login}的名字"),
                phone: phone.into(),
                password: "password-123".into(),
                role,
                status: AccountStatus::Active,
            },
            None,
            at("2025-11-03T08:00:00+08:00"),
        )
        .unwrap()
}

impl Hall {
    pub(crate) fn new() -> Hall {
        let content = content::shipped().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.replace_content(&content).unwrap();
        store
            .set_device_code(&crate::domain::case_number::DeviceCode::parse("07").unwrap())
            .unwrap();
        let agent = account(&mut store, "agent01", "13800000001", Role::Agent);
        let admin = account(&mut store, "admin", "13800000002", Role::Admin);
        Hall {
            store,
            content,
            calendar: HolidayCalendar::shipped(),
            agent,
            admin,
        }
    }

    /// `Store::change_state` with this hall's rules.
    pub(crate) fn change(
        &mut self,
        case_id: &str,
        transition: Transition,
        received: Option<&[bool]>,
        note: &str,
        actor: &Account,
        when: Timestamp,
    ) -> std::result::Result<Case, CaseError> {
        let Hall {
            store,
            content,
            calendar,
            ..
        } = self;
        let rules = CaseRules { content, calendar };
        store.change_state(case_id, transition, received, note, actor, &rules, when)
    }

    /// `Store::create_application` by this hall's agent.
    pub(crate) fn create(
        &mut self,
        new: &NewApplication,
        when: Timestamp,
    ) -> std::result::Result<Case, CaseError> {
        let Hall {
            store,
            content,
            calendar,
            agent,
            ..
        } = self;
        let rules = CaseRules { content, calendar };
        store.create_application(new, agent, &rules, when)
    }

    pub(crate) fn household(&mut self, id_number: &str) -> String {
        let form = HouseholdForm {
            head_name: "王堃".into(),
            id_number: id_number.into(),
            phone: "0934-5581001".into(),
            village: self.content.villages[0].name.clone(),
            group: "1".into(),
            members: vec![MemberForm {
                name: "李玥".into(),
                id_number: "11010519491231002X".into(),
                relation: "配偶".into(),
            }],
        };
        let today = NaiveDate::from_ymd_opt(2025, 11, 3).unwrap();
        let household = form
            .check(uuid::Uuid::new_v4().to_string(), today, |name| {
                self.content.village(name).map(|village| village.groups)
            })
            .unwrap();
        match self
            .store
            .register_household(&household, self.agent.id, at("2025-11-03T09:00:00+08:00"))
            .unwrap()
        {
            Registered::Created(household) | Registered::Existing(household) => household.id,
        }
    }

    pub(crate) fn apply(&mut self, household: &str, item: &str, all_received: bool) -> Case {
        let materials = self.content.item(item).unwrap().materials.clone();
        let received = materials
            .iter()
            .map(|material| all_received || !material.required)
            .collect();
        let new = NewApplication {
            request_key: uuid::Uuid::new_v4().to_string(),
            household_id: household.into(),
            applicant: IdNumber::parse("34052419800101001X").unwrap(),
            item_id: item.into(),
            received,
        };
        self.create(&new, at("2025-09-30T10:00:00+08:00")).unwrap()
    }
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

#[test]
fn complete_materials_are_accepted_with_a_case_number_and_a_working_day_due_date() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    // 城乡居民基本养老保险参保登记 promises 3 working days; accepted 2025-09-30 (before the
    // National Day holiday) it is due on the adjusted working Saturday 2025-10-11.
    let case = hall.apply(&household, "pension-enrolment", true);
    assert_eq!(case.state, CaseState::Accepted);
    assert_eq!(case.number.as_deref(), Some("62102320220250930070001"));
    assert_eq!(case.due_date, NaiveDate::from_ymd_opt(2025, 10, 11));
    assert_eq!(case.applicant_name, "王堃");
    let second = hall.apply(&household, "pension-enrolment", true);
    assert_eq!(second.number.as_deref(), Some("62102320220250930070002"));
}

#[test]
fn missing_materials_give_a_correction_case_listing_them_all_then_acceptance() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    let case = hall.apply(&household, "minimum-living-allowance", false);
    assert_eq!(case.state, CaseState::AwaitingCorrection);
    assert_eq!(case.number, None);
    let required = hall
        .content
        .item("minimum-living-allowance")
        .unwrap()
        .required_materials()
        .count();
    assert_eq!(case.missing_materials().len(), required);

    let agent = hall.agent.clone();
    let refused = hall.change(
        &case.id,
        Transition::Accept,
        None,
        "",
        &agent,
        at("2025-10-09T09:00:00+08:00"),
    );
    assert!(
        matches!(refused, Err(CaseError::MaterialsMissing(missing)) if missing.len() == required)
    );

    let all = vec![true; case.materials.len()];
    let accepted = hall
        .change(
            &case.id,
            Transition::Accept,
            Some(&all),
            "",
            &agent,
            at("2025-10-09T09:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(accepted.state, CaseState::Accepted);
    assert!(accepted.number.is_some());
    assert_eq!(accepted.history.len(), 2);
}

#[test]
fn every_change_writes_history_audit_and_one_outbox_event() {
    let mut hall = Hall::new();
    let outbox_before = count(&hall.store, "outbox");
    let household = hall.household("34052419800101001X");
    assert_eq!(count(&hall.store, "outbox"), outbox_before + 1);
    let case = hall.apply(&household, "pension-enrolment", true);
    assert_eq!(count(&hall.store, "outbox"), outbox_before + 2);
    let agent = hall.agent.clone();
    let case = hall
        .change(
            &case.id,
            Transition::StartHandling,
            None,
            "",
            &agent,
            at("2025-10-09T09:00:00+08:00"),
        )
        .unwrap();
    let case = hall
        .change(
            &case.id,
            Transition::ReportToCounty,
            None,
            "材料已送县社保局",
            &agent,
            at("2025-10-09T10:00:00+08:00"),
        )
        .unwrap();
    let case = hall
        .store
        .hand_over(
            &case.id,
            hall.admin.id,
            "休假，交给管理员跟进",
            &agent,
            at("2025-10-09T11:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(case.agent_id, hall.admin.id);
    assert_eq!(count(&hall.store, "outbox"), outbox_before + 5);
    let kinds: Vec<&str> = case
        .history
        .iter()
        .map(|event| event.kind.as_str())
        .collect();
    assert_eq!(kinds, ["created", "state", "state", "state", "handover"]);
    assert_eq!(case.history[3].note, "材料已送县社保局");
    // The old agent is no longer responsible.
    let refused = hall.change(
        &case.id,
        Transition::Complete,
        None,
        "",
        &agent,
        at("2025-10-10T09:00:00+08:00"),
    );
    assert!(matches!(refused, Err(CaseError::NotResponsible)));
    for event in hall.store.outbox().unwrap() {
        assert_eq!(event.state, "pending");
        assert!(uuid::Uuid::parse_str(&event.id).is_ok());
    }
}

/// A save writes each row once and hands back the case built as it went: that case must be
/// exactly what the database holds, and its event exactly what a reload would send.
#[test]
fn a_saved_case_is_what_the_database_holds_and_what_its_event_carries() {
    use crate::domain::sync::event::{ApplicationCreated, Payload};
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    // The agent's name changed after they logged in: the case names the account as stored.
    hall.store
        .conn()
        .execute(
            "UPDATE account SET name = '改名后的代办员' WHERE id = ?1",
            [hall.agent.id],
        )
        .unwrap();
    let member = NewApplication {
        request_key: uuid::Uuid::new_v4().to_string(),
        household_id: household.clone(),
        applicant: IdNumber::parse("11010519491231002X").unwrap(),
        item_id: "pension-enrolment".into(),
        received: vec![
            true;
            hall.content
                .item("pension-enrolment")
                .unwrap()
                .materials
                .len()
        ],
    };
    let by_member = hall
        .create(&member, at("2025-09-30T11:00:00+08:00"))
        .unwrap();
    assert_eq!(by_member.applicant_name, "李玥");
    let accepted = hall.apply(&household, "pension-enrolment", true);
    let waiting = hall.apply(&household, "minimum-living-allowance", false);
    assert_eq!(accepted.state, CaseState::Accepted);
    assert_eq!(waiting.state, CaseState::AwaitingCorrection);
    assert!(waiting.reference.is_some() && waiting.number.is_none());
    for saved in [by_member, accepted, waiting] {
        let stored = hall.store.case(&saved.id).unwrap().unwrap();
        assert_eq!(saved, stored);
        assert_eq!(saved.agent, "改名后的代办员");
        let (event_id, payload, base, detail): (String, String, Option<String>, String) = hall
            .store
            .conn()
            .query_row(
                "SELECT o.id, o.payload, o.base, l.detail
                 FROM outbox o JOIN audit_log l ON l.entity_id = o.entity_id
                    AND l.action = 'application_created'
                 WHERE o.entity_id = ?1",
                [&saved.id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .unwrap();
        let expected = Payload::ApplicationCreated(ApplicationCreated {
            case: stored.to_record(),
        })
        .encode()
        .unwrap();
        assert_eq!(payload, expected);
        assert_eq!(detail, expected);
        // The first version of a case is based on none, and the case names it as its head.
        assert_eq!(base, None);
        let head: Option<String> = hall
            .store
            .conn()
            .query_row(
                "SELECT sync_head FROM application WHERE id = ?1",
                [&saved.id],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(head, Some(event_id));
    }
}

#[test]
fn illegal_moves_and_missing_reasons_change_nothing() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    let case = hall.apply(&household, "pension-enrolment", true);
    let before = (
        count(&hall.store, "outbox"),
        count(&hall.store, "audit_log"),
        count(&hall.store, "application_event"),
    );
    let agent = hall.agent.clone();
    let illegal = hall.change(
        &case.id,
        Transition::Complete,
        None,
        "",
        &agent,
        at("2025-10-09T09:00:00+08:00"),
    );
    assert!(matches!(illegal, Err(CaseError::Illegal(_))));
    let no_reason = hall.change(
        &case.id,
        Transition::Return,
        None,
        "  ",
        &agent,
        at("2025-10-09T09:00:00+08:00"),
    );
    assert!(matches!(no_reason, Err(CaseError::ReasonRequired)));
    let after = (
        count(&hall.store, "outbox"),
        count(&hall.store, "audit_log"),
        count(&hall.store, "application_event"),
    );
    assert_eq!(before, after);
    assert_eq!(
        hall.store.case(&case.id).unwrap().unwrap().state,
        CaseState::Accepted
    );
}

#[test]
fn saving_the_same_form_twice_creates_one_case() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    let item = hall.content.item("birth-registration").unwrap();
    let new = NewApplication {
        request_key: "form-1".into(),
        household_id: household,
        applicant: IdNumber::parse("34052419800101001X").unwrap(),
        item_id: item.id.clone(),
        received: vec![true; item.materials.len()],
    };
    let first = hall.create(&new, at("2025-10-09T09:00:00+08:00")).unwrap();
    let second = hall.create(&new, at("2025-10-09T09:00:01+08:00")).unwrap();
    assert_eq!(first, second);
    assert_eq!(count(&hall.store, "application"), 1);
}

#[test]
fn a_duplicate_id_number_opens_the_existing_household() {
    let mut hall = Hall::new();
    let first = hall.household("34052419800101001X");
    let outbox = count(&hall.store, "outbox");
    let again = hall.household("34052419800101001x");
    assert_eq!(first, again);
    assert_eq!(count(&hall.store, "household"), 1);
    assert_eq!(
        count(&hall.store, "outbox"),
        outbox,
        "nothing written the second time"
    );
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    let before = (
        count(&hall.store, "outbox"),
        count(&hall.store, "audit_log"),
        count(&hall.store, "application"),
    );
    // Break the outbox insert that comes last in the transaction.
    hall.store.conn().execute_batch("CREATE TRIGGER fail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;").unwrap();
    let item = hall.content.item("pension-enrolment").unwrap();
    let new = NewApplication {
        request_key: "k".into(),
        household_id: household,
        applicant: IdNumber::parse("34052419800101001X").unwrap(),
        item_id: item.id.clone(),
        received: vec![true; item.materials.len()],
    };
    assert!(hall.create(&new, at("2025-10-09T09:00:00+08:00")).is_err());
    let after = (
        count(&hall.store, "outbox"),
        count(&hall.store, "audit_log"),
        count(&hall.store, "application"),
    );
    assert_eq!(before, after);
    assert_eq!(
        count(&hall.store, "case_serial"),
        0,
        "the serial was not used up"
    );
}

#[test]
fn five_wrong_passwords_lock_the_account_for_15_minutes() {
    let mut hall = Hall::new();
    let start = at("2025-11-03T09:00:00+08:00");
    for _ in 0..4 {
        let error = hall
            .store
            .login(LoginBy::Account("agent01"), "wrong", start)
            .unwrap_err();
        assert!(matches!(error, LoginError::WrongCredentials));
    }
    let error = hall
        .store
        .login(LoginBy::Phone("13800000001"), "wrong", start)
        .unwrap_err();
    assert!(matches!(error, LoginError::Locked { .. }));
    // Even the right password waits for the lock to end.
    let locked = hall.store.login(
        LoginBy::Account("agent01"),
        "password-123",
        start + Duration::minutes(14),
    );
    assert!(matches!(locked, Err(LoginError::Locked { .. })));
    let open = hall.store.login(
        LoginBy::Account("agent01"),
        "password-123",
        start + Duration::minutes(15),
    );
    assert!(open.is_ok());
}

#[test]
fn an_unknown_account_gets_the_same_answers_as_a_wrong_password() {
    let mut hall = Hall::new();
    let start = at("2025-11-03T09:00:00+08:00");
    let answers = |hall: &mut Hall, by: LoginBy<'_>| -> Vec<String> {
        (0..6)
            .map(|_| {
                let error = hall.store.login(by, "wrong", start).unwrap_err();
                crate::explain::Explain::words(&error, crate::i18n::Language::ZhCn)
            })
            .collect()
    };
    let known = answers(&mut hall, LoginBy::Account("agent01"));
    let unknown = answers(&mut hall, LoginBy::Account("nobody"));
    assert_eq!(known, unknown);
    assert_eq!(known[0], known[3], "no count of tries left");
    assert_ne!(known[3], known[4], "the fifth wrong try locks both");
    // The lock of an unknown name ends like an account's, and is counted per name.
    let later = start + Duration::minutes(15);
    let error = hall
        .store
        .login(LoginBy::Account("nobody"), "wrong", later)
        .unwrap_err();
    assert!(matches!(error, LoginError::WrongCredentials));
    let other = hall
        .store
        .login(LoginBy::Account("someone-else"), "wrong", start)
        .unwrap_err();
    assert!(matches!(other, LoginError::WrongCredentials));
}

#[test]
fn a_registered_account_waits_for_approval() {
    let mut hall = Hall::new();
    let new = NewAccount {
        login: "newbie".into(),
        name: "新人".into(),
        phone: "13900000009".into(),
        password: "long password".into(),
        role: Role::Agent,
        status: AccountStatus::Pending,
    };
    let pending = hall
        .store
        .add_account(&new, None, at("2025-11-03T09:00:00+08:00"))
        .unwrap();
    let now = at("2025-11-03T09:01:00+08:00");
    assert!(matches!(
        hall.store
            .login(LoginBy::Phone("13900000009"), "long password", now),
        Err(LoginError::Pending)
    ));
    hall.store
        .set_account_status(pending.id, AccountStatus::Active, hall.admin.id, now)
        .unwrap();
    assert!(
        hall.store
            .login(LoginBy::Phone("13900000009"), "long password", now)
            .is_ok()
    );
    assert!(matches!(
        hall.store.add_account(&new, None, now),
        Err(AccountError::LoginTaken)
    ));
    let stored: String = hall
        .store
        .conn()
        .query_row(
            "SELECT password_hash FROM account WHERE id = ?1",
            [pending.id],
            |row| row.get(0),
        )
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("long password"));
}

#[test]
fn lists_filter_and_the_kiosk_sees_only_state_and_due_date() {
    let mut hall = Hall::new();
    let household = hall.household("34052419800101001X");
    let case = hall.apply(&household, "pension-enrolment", true);
    hall.apply(&household, "minimum-living-allowance", false);
    let all = hall
        .store
        .cases(&CaseFilter {
            limit: 100,
            ..CaseFilter::default()
        })
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id_number_masked, "340524********001X");
    let count = |filter: CaseFilter| {
        let filter = CaseFilter {
            limit: 100,
            ..filter
        };
        hall.store.cases(&filter).unwrap().len()
    };
    let overdue_on = NaiveDate::from_ymd_opt(2025, 10, 13);
    assert_eq!(
        count(CaseFilter {
            overdue_on,
            ..CaseFilter::default()
        }),
        1
    );
    let search = |text: &str| CaseFilter {
        search: text.into(),
        ..CaseFilter::default()
    };
    assert_eq!(count(search("6210232022025093007")), 1, "by case number");
    assert_eq!(count(search("34052419800101001x")), 2, "by ID number");
    assert_eq!(count(search("王堃")), 2, "by name");
    let state = Some(CaseState::AwaitingCorrection);
    assert_eq!(
        count(CaseFilter {
            state,
            ..CaseFilter::default()
        }),
        1
    );

    let number =
        crate::domain::case_number::CaseNumber::parse(case.number.as_deref().unwrap()).unwrap();
    let status = hall
        .store
        .public_status(&StatusQuery::Number(number))
        .unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].item_id, "pension-enrolment");
    assert_eq!(status[0].state, CaseState::Accepted);
    assert_eq!(status[0].due_date, case.due_date);
    assert_eq!(status[0].progress.outcome, Outcome::Open);
    assert_eq!(
        status[0].progress.stages[0].reached,
        case.accepted_at
            .as_deref()
            .map(|at| chrono::DateTime::parse_from_rfc3339(at)
                .unwrap()
                .date_naive())
    );
    // The ID number's last six and the household phone's last four (the landline 0934-5581001).
    let by_tails = |id: &str, phone: &str| {
        hall.store
            .public_status(&StatusQuery::by_id_and_phone(id, phone).unwrap())
            .unwrap()
    };
    assert_eq!(by_tails("01001x", "1001").len(), 2);
    assert!(by_tails("01001X", "1002").is_empty(), "wrong phone");
    assert!(by_tails("000000", "1001").is_empty(), "wrong ID number");

    // The applicant's name exactly, with the household phone's last four: never the name alone.
    let by_name = |name: &str, phone: &str| {
        hall.store
            .public_status(&StatusQuery::by_name_and_phone(name, phone).unwrap())
            .unwrap()
    };
    let ids = |found: Vec<crate::store::PublicStatus>| {
        let mut ids: Vec<String> = found.into_iter().map(|status| status.case_id).collect();
        ids.sort();
        ids
    };
    let found = by_name("王堃", "1001");
    assert_eq!(found.len(), 2);
    assert_eq!(
        ids(found),
        ids(by_tails("01001X", "1001")),
        "the same cases"
    );
    assert!(by_name("王堃", "1002").is_empty(), "wrong phone");
    assert!(by_name("王", "1001").is_empty(), "part of the name");
    assert!(by_name("王堃堃", "1001").is_empty(), "another name");
}
