//! Training data (演示数据) for a new terminal: staff accounts, households with valid ID numbers,
//! and applications in every state with their full histories. Everything is written through the
//! store's own methods, so it carries the same audit rows and outbox events as real work, in
//! time order.
//!
//! Every generated account has the password [`TRAINING_PASSWORD`] (`training123`). This is
//! training data only: `seed` refuses a terminal that already holds records and marks the
//! database as training data.

use std::collections::HashSet;
use std::io::Write;
use std::ops::RangeInclusive;

use anyhow::{Context, Result, anyhow, bail, ensure};
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

use crate::clock::{self, Timestamp};
use crate::domain::account::{AccountStatus, Role};
use crate::domain::application::{CaseState, Transition};
use crate::domain::calendar::HolidayCalendar;
use crate::domain::deadline::{Urgency, urgency};
use crate::domain::household::{Household, Member};
use crate::domain::id_number::IdNumber;
use crate::domain::phone::Phone;
use crate::domain::rating::{BadReason, RatingAnswer, RatingChannel, RatingLevel};
use crate::domain::{Content, ServiceItem, Village};
use crate::store::{Account, CaseError, CaseRules, NewAccount, NewApplication, Registered, Store};

/// The password of every demo account. Training data only: never use it on real accounts.
pub const TRAINING_PASSWORD: &str = "training123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedOptions {
    pub households: usize,
    pub applications: usize,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SeedReport {
    /// Accounts made: the agents and the admin.
    pub agents: usize,
    pub households: usize,
    pub applications: usize,
    /// Open cases (accepted, in progress, reported to the county) past their due date.
    pub overdue: usize,
    /// Ratings given on completed cases (未评价 included).
    pub ratings: usize,
}

/// Fills an empty store with realistic training data made from `options.seed` (the same seed and
/// `now` give the same people and histories; only the case ids, made by the store, differ):
/// 3–6 agents (`agent01`…) and an admin (`admin01`), all with the password
/// [`TRAINING_PASSWORD`]; households in the content's villages; applications over the last ~300
/// days before `now` in every state, with corrections, hand-overs, returns, refusals and overdue
/// cases. Refuses unless the store has no records, and marks it as training data.
pub fn seed(
    store: &mut Store,
    content: &Content,
    calendar: &HolidayCalendar,
    options: &SeedOptions,
    now: Timestamp,
) -> Result<SeedReport> {
    ensure!(
        !content.villages.is_empty(),
        "the content lists no villages for households"
    );
    ensure!(
        options.applications == 0 || (options.households > 0 && !content.items.is_empty()),
        "applications need at least one household and one service item"
    );
    require_device_code(store)?;
    let mut generator = Generator::new(options.seed, calendar, now);
    let staff = generator.staff();
    let households = (0..options.households)
        .map(|_| generator.household(&content.villages))
        .collect::<Result<Vec<_>>>()?;
    let plans = generator.plans(content, &households, staff.len(), options.applications);
    let schedule = generator.schedule(&households, &plans, staff.len());

    // One transaction: a seed stopped half-way (an error, a kill, a power cut) leaves the data
    // directory as empty as it was, so it can be seeded again. It also costs one fsync, not
    // hundreds of thousands.
    store.all_or_nothing(|store| {
        if !store.has_no_records()? {
            bail!(
                "demo data goes only into an empty data directory; this one already has \
                 accounts, households or applications"
            );
        }
        store.mark_training()?;
        write(
            store,
            content,
            calendar,
            &staff,
            &households,
            &plans,
            &schedule,
            options.seed,
            now,
        )
    })
}

/// Case numbers carry the terminal's device code: demo cases need one like real ones.
fn require_device_code(store: &Store) -> Result<()> {
    if store.device_code()?.is_none() {
        bail!(
            "this terminal has no device code yet; give it one first with `bianmin device code NN`"
        );
    }
    Ok(())
}

/// Saves `count` applications one at a time, each in its own durable transaction, and writes each
/// case id and a newline to `out` (flushed) once its save has returned. Uses the first active
/// agent or admin and the first household, creating them (and marking the store as training
/// data) when the store has none.
pub fn stress(
    store: &mut Store,
    content: &Content,
    calendar: &HolidayCalendar,
    count: usize,
    out: &mut dyn Write,
) -> Result<()> {
    ensure!(
        !content.items.is_empty(),
        "the content has no service items"
    );
    require_device_code(store)?;
    let now = clock::now();
    if store.has_no_records()? {
        store.mark_training()?;
    }
    let agent = match store
        .accounts(Some(AccountStatus::Active))?
        .into_iter()
        .find(|account| matches!(account.role, Role::Agent | Role::Admin))
    {
        Some(agent) => agent,
        None => store.add_account(
            &NewAccount {
                login: "stress01".into(),
                name: WORDS.stress_agent.clone(),
                phone: "13909340000".into(),
                password: TRAINING_PASSWORD.into(),
                role: Role::Agent,
                status: AccountStatus::Active,
            },
            None,
            now,
        )?,
    };
    let household = match store.households("", 1)?.first() {
        Some(found) => store
            .household(&found.id)?
            .context("the listed household vanished")?,
        None => {
            let new = Generator::new(0, calendar, now).household(&content.villages)?;
            match store.register_household(&new, agent.id, now)? {
                Registered::Created(household) | Registered::Existing(household) => household,
            }
        }
    };
    let rules = CaseRules { content, calendar };
    for n in 0..count {
        let item = &content.items[n % content.items.len()];
        let new = NewApplication {
            request_key: uuid::Uuid::new_v4().to_string(),
            household_id: household.id.clone(),
            applicant: household.id_number.clone(),
            item_id: item.id.clone(),
            received: vec![true; item.materials.len()],
        };
        let case = match store.create_application(&new, &agent, &rules, clock::now()) {
            // Today's case numbers are used up: save it as 待补正, which needs no number.
            Err(CaseError::NoSerialLeft) => {
                let item = content
                    .items
                    .iter()
                    .find(|item| item.materials.iter().any(|material| material.required))
                    .context("no item has a required material")?;
                let incomplete = NewApplication {
                    item_id: item.id.clone(),
                    received: vec![false; item.materials.len()],
                    ..new
                };
                store.create_application(&incomplete, &agent, &rules, clock::now())?
            }
            saved => saved?,
        };
        // The case number once it has one (a 待补正 case has none yet: its id).
        writeln!(out, "{}", case.number.as_deref().unwrap_or(&case.id))?;
        out.flush()?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Names, places and phrases.

/// The training data's words (names, relations, notes): `assets/demo/training.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    stress_agent: String,
    colleague: String,
    surnames: Vec<String>,
    staff: Vec<String>,
    given: GivenNames,
    relation: Relations,
    notes: Notes,
    ratings: RatingWords,
}

/// What farmers write with a 差评, and the staff's note at each follow-up step.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RatingWords {
    bad_comments: Vec<String>,
    follow_up_notes: [String; 4],
}

/// Given-name characters by sex and generation (names follow fashion).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GivenNames {
    male_older: String,
    male_younger: String,
    female_older: String,
    female_younger: String,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Relations {
    spouse: String,
    son: String,
    daughter: String,
    father: String,
    mother: String,
    daughter_in_law: String,
    grandson: String,
    granddaughter: String,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Notes {
    refused_awaiting: Vec<String>,
    refused_accepted: Vec<String>,
    returned_in_progress: Vec<String>,
    returned_by_county: Vec<String>,
    completed_correction: String,
    withdrawn: String,
    handover: Vec<String>,
}

/// Shipped in the binary and checked by a unit test, so reading it cannot fail at run time.
static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
    toml::from_str(include_str!("../assets/demo/training.toml"))
        .expect("assets/demo/training.toml is checked by demo::tests")
});

/// 华池县 and its neighbours; spouses often come from a nearby county.
const HOME_ADDRESS: &str = "621023";
const NEIGHBOUR_ADDRESSES: &[&str] = &[
    "621002", "621021", "621022", "621024", "621025", "621026", "621027", "610626",
];
const MOBILE_PREFIXES: &[&str] = &[
    "133", "135", "138", "139", "150", "151", "153", "177", "180", "181", "189", "191", "198",
];

/// Who may apply for a few items (by age); every other item takes any adult.
fn applicant_ages(item_id: &str) -> RangeInclusive<u32> {
    match item_id {
        "pension-benefit-claim"
        | "pension-eligibility-check"
        | "family-planning-reward"
        | "senior-citizen-card" => 60..=120,
        "elderly-allowance" => 80..=120,
        "pension-enrolment" => 16..=59,
        "birth-registration" => 20..=45,
        "rain-dew-plan" => 15..=24,
        "poverty-alleviation-microcredit" => 18..=65,
        _ => 18..=120,
    }
}

// ---------------------------------------------------------------------------------------------
// The plan: what happens to whom, and when.

struct StaffPlan {
    login: String,
    name: String,
    phone: String,
    role: Role,
}

/// What ends up happening to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    StaysAwaiting,
    RefusedAwaiting,
    RefusedAccepted,
    ReturnedAccepted,
    StallsAccepted,
    StallsInProgress,
    ReturnedInProgress,
    StallsAtCounty,
    ReturnedByCounty,
    Completed { county: bool, late: bool },
}

/// The first applications show every state, whatever the seed.
const SHOWCASE: [Fate; 7] = [
    Fate::StaysAwaiting,
    Fate::StallsAccepted,
    Fate::StallsInProgress,
    Fate::StallsAtCounty,
    Fate::Completed {
        county: true,
        late: false,
    },
    Fate::ReturnedInProgress,
    Fate::RefusedAwaiting,
];

enum Action {
    /// A state change; `complete` sends the completed checklist (待补正 → 已受理).
    Move {
        transition: Transition,
        note: &'static str,
        complete: bool,
    },
    HandOver {
        to: usize,
        note: String,
    },
}

struct Step {
    at: Timestamp,
    /// Index into the staff.
    actor: usize,
    action: Action,
}

struct Plan {
    request_key: String,
    household: usize,
    applicant: IdNumber,
    item: usize,
    received: Vec<bool>,
    complete: Vec<bool>,
    created: Timestamp,
    agent: usize,
    steps: Vec<Step>,
}

#[derive(Clone, Copy)]
enum Event {
    Household { index: usize, actor: usize },
    Create(usize),
    Step(usize, usize),
}

struct Generator<'a> {
    rng: StdRng,
    calendar: &'a HolidayCalendar,
    now: Timestamp,
    today: NaiveDate,
    used_ids: HashSet<String>,
    /// Names of the staff, by index (for hand-over notes).
    staff_names: Vec<&'static str>,
}

impl<'a> Generator<'a> {
    fn new(seed: u64, calendar: &'a HolidayCalendar, now: Timestamp) -> Self {
        Generator {
            rng: StdRng::seed_from_u64(seed),
            calendar,
            now,
            today: now.date_naive(),
            used_ids: HashSet::new(),
            staff_names: Vec::new(),
        }
    }

    /// 3–6 agents and one admin (index 0), each with their own mobile.
    fn staff(&mut self) -> Vec<StaffPlan> {
        let agents = self.rng.random_range(3..=6);
        let mut names: Vec<&'static str> = WORDS.staff[1..].iter().map(String::as_str).collect();
        names.shuffle(&mut self.rng);
        let mut phones = HashSet::new();
        let mut phone = |generator: &mut Self| loop {
            let candidate = generator.mobile();
            if phones.insert(candidate.clone()) {
                return candidate;
            }
        };
        let mut staff = vec![StaffPlan {
            login: "admin01".into(),
            name: WORDS.staff[0].clone(),
            phone: phone(self),
            role: Role::Admin,
        }];
        names.truncate(agents);
        self.staff_names = std::iter::once(WORDS.staff[0].as_str())
            .chain(names.iter().copied())
            .collect();
        for (n, name) in names.into_iter().enumerate() {
            staff.push(StaffPlan {
                login: format!("agent{:02}", n + 1),
                name: name.into(),
                phone: phone(self),
                role: Role::Agent,
            });
        }
        staff
    }

    fn household(&mut self, villages: &[Village]) -> Result<Household> {
        let village = villages.choose(&mut self.rng).context("no villages")?;
        let group = self.rng.random_range(1..=village.groups.max(1));
        let year = self.today.year();
        let head_male = self.rng.random_bool(0.85);
        let head_born = self.born_in(year, -85..=-22);
        let head_surname = self.surname();
        let head_name = self.name(head_surname, head_male, head_born);
        let head_address = self.address(0.1);
        let head_id = self.id_number(head_address, head_born, head_male)?;
        let mut members = Vec::new();
        let mut family_surname = head_surname;
        let gap = if head_male { -2..=6 } else { -6..=2 };
        let spouse_born = self.born_in(head_born.year(), gap);
        if self.is_adult(spouse_born) && self.rng.random_bool(0.8) {
            let born = spouse_born;
            let surname = self.surname();
            if !head_male {
                family_surname = surname;
            }
            let address = self.address(0.3);
            members.push(self.member(
                surname,
                !head_male,
                born,
                address,
                &WORDS.relation.spouse,
            )?);
        }
        let mut sons = Vec::new();
        for _ in 0..self.rng.random_range(0..=3) {
            let born = self.born_in(head_born.year(), 20..=36);
            if born > self.today || members.len() >= 4 {
                continue;
            }
            let male = self.rng.random_bool(0.52);
            let member = self.member(
                family_surname,
                male,
                born,
                HOME_ADDRESS,
                if male {
                    &WORDS.relation.son
                } else {
                    &WORDS.relation.daughter
                },
            )?;
            if male {
                sons.push(born);
            }
            members.push(member);
        }
        if members.len() < 4 && head_born.year() > 1962 && self.rng.random_bool(0.15) {
            let born = self.born_in(head_born.year(), -32..=-20);
            let male = self.rng.random_bool(0.4);
            let surname = if male { head_surname } else { self.surname() };
            let relation = if male {
                &WORDS.relation.father
            } else {
                &WORDS.relation.mother
            };
            members.push(self.member(surname, male, born, HOME_ADDRESS, relation)?);
        }
        let grown_son = sons.into_iter().find(|born| age(*born, self.today) >= 23);
        if let Some(son) = grown_son.filter(|_| self.rng.random_bool(0.5)) {
            let born = self.born_in(son.year(), -3..=2);
            if members.len() < 4 && self.is_adult(born) {
                let surname = self.surname();
                let address = self.address(0.4);
                members.push(self.member(
                    surname,
                    false,
                    born,
                    address,
                    &WORDS.relation.daughter_in_law,
                )?);
            }
            let child = self.born_in(son.year(), 22..=32);
            if members.len() < 4 && child <= self.today {
                let male = self.rng.random_bool(0.52);
                let relation = if male {
                    &WORDS.relation.grandson
                } else {
                    &WORDS.relation.granddaughter
                };
                members.push(self.member(family_surname, male, child, HOME_ADDRESS, relation)?);
            }
        }
        Ok(Household {
            id: uuid::Builder::from_random_bytes(self.rng.random())
                .into_uuid()
                .to_string(),
            head_name,
            id_number: head_id,
            phone: self.household_phone()?,
            village: village.name.clone(),
            group,
            members,
        })
    }

    fn member(
        &mut self,
        surname: &str,
        male: bool,
        born: NaiveDate,
        address: &str,
        relation: &str,
    ) -> Result<Member> {
        Ok(Member {
            name: self.name(surname, male, born),
            id_number: self.id_number(address, born, male)?,
            relation: relation.into(),
        })
    }

    fn surname(&mut self) -> &'static str {
        WORDS
            .surnames
            .choose(&mut self.rng)
            .map_or("", String::as_str)
    }

    fn name(&mut self, surname: &str, male: bool, born: NaiveDate) -> String {
        let pool = match (male, born.year() < 1980) {
            (true, true) => &WORDS.given.male_older,
            (true, false) => &WORDS.given.male_younger,
            (false, true) => &WORDS.given.female_older,
            (false, false) => &WORDS.given.female_younger,
        };
        let count = pool.chars().count();
        let length = if self.rng.random_bool(0.3) { 1 } else { 2 };
        let mut name = surname.to_owned();
        for _ in 0..length {
            let index = self.rng.random_range(0..count);
            name.extend(pool.chars().nth(index));
        }
        name
    }

    /// 华池县 mostly; `elsewhere` is the chance of a neighbouring county.
    fn address(&mut self, elsewhere: f64) -> &'static str {
        if self.rng.random_bool(elsewhere) {
            NEIGHBOUR_ADDRESSES
                .choose(&mut self.rng)
                .copied()
                .unwrap_or(HOME_ADDRESS)
        } else {
            HOME_ADDRESS
        }
    }

    /// A day in `year` plus a year from `offset`, never before 1925; may be in the future, so
    /// callers drop people not born yet.
    fn born_in(&mut self, year: i32, offset: RangeInclusive<i32>) -> NaiveDate {
        let year = (year + self.rng.random_range(offset)).max(1925);
        NaiveDate::from_yo_opt(year, self.rng.random_range(1..=365)).unwrap_or(self.today)
    }

    fn is_adult(&self, born: NaiveDate) -> bool {
        age(born, self.today) >= 18
    }

    /// A fresh ID number with the right sex digit and check character.
    fn id_number(&mut self, address: &str, born: NaiveDate, male: bool) -> Result<IdNumber> {
        // 499 sequence numbers per sex, address and day: far more than a township uses.
        for _ in 0..10_000 {
            let pair: u32 = self.rng.random_range(0..499);
            let sequence = if male { 2 * pair + 1 } else { 2 * pair + 2 };
            let body = format!("{address}{}{sequence:03}", born.format("%Y%m%d"));
            let number = format!("{body}{}", check_char(&body));
            if self.used_ids.insert(number.clone()) {
                return IdNumber::parse(&number)
                    .map_err(|error| anyhow!("generated ID number {number}: {error}"));
            }
        }
        bail!("no ID number left for {address} born {born}")
    }

    fn mobile(&mut self) -> String {
        let prefix = MOBILE_PREFIXES
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("138");
        format!("{prefix}{:08}", self.rng.random_range(0..100_000_000))
    }

    /// A mobile mostly; some households give their landline (华池 0934).
    fn household_phone(&mut self) -> Result<Phone> {
        let typed = if self.rng.random_bool(0.8) {
            self.mobile()
        } else {
            format!("0934-{}", self.rng.random_range(5_000_000..7_000_000))
        };
        Phone::parse(&typed).map_err(|error| anyhow!("generated phone {typed}: {error}"))
    }

    /// A moment in the hall's opening hours on `date`.
    fn during_hours(&mut self, date: NaiveDate) -> Timestamp {
        let minute = if self.rng.random_bool(0.55) {
            self.rng.random_range(8 * 60 + 30..12 * 60)
        } else {
            self.rng.random_range(14 * 60 + 30..18 * 60)
        };
        let second = minute * 60 + self.rng.random_range(0..60);
        let local = date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(second);
        local
            .and_local_timezone(*self.now.offset())
            .single()
            .unwrap_or(self.now)
    }

    /// A working day `days_back` (a range) before today, during opening hours.
    fn working_moment(&mut self, days_back: RangeInclusive<i64>) -> Timestamp {
        loop {
            let date = self.today - Duration::days(self.rng.random_range(days_back.clone()));
            if self.calendar.is_working_day(date) {
                return self.during_hours(date);
            }
        }
    }

    /// `working_days` after `base`'s day, during hours, and always after `previous`.
    fn after(&mut self, previous: Timestamp, base: Timestamp, working_days: u32) -> Timestamp {
        let date = self
            .calendar
            .add_working_days(base.date_naive(), working_days);
        let minutes = Duration::minutes(self.rng.random_range(5..=90));
        if date <= previous.date_naive() {
            return previous + minutes;
        }
        self.during_hours(date).max(previous + minutes)
    }

    fn plans(
        &mut self,
        content: &Content,
        households: &[Household],
        staff: usize,
        count: usize,
    ) -> Vec<Plan> {
        let showcase_items: Vec<usize> = (0..content.items.len())
            .filter(|&index| {
                let item = &content.items[index];
                item.promised_days >= 3 && item.materials.iter().any(|m| m.required)
            })
            .collect();
        (0..count)
            .map(|n| {
                let showcase = SHOWCASE.get(n).copied();
                let items = match showcase {
                    Some(_) if !showcase_items.is_empty() => &showcase_items[..],
                    _ => &[],
                };
                self.plan(content, households, staff, showcase, items)
            })
            .collect()
    }

    fn plan(
        &mut self,
        content: &Content,
        households: &[Household],
        staff: usize,
        showcase: Option<Fate>,
        items: &[usize],
    ) -> Plan {
        let (mut household, mut item) = (0, 0);
        let mut applicant = None;
        for _ in 0..8 {
            household = self.rng.random_range(0..households.len());
            item = match items.choose(&mut self.rng) {
                Some(&index) => index,
                None => self.rng.random_range(0..content.items.len()),
            };
            applicant = self.applicant(&households[household], &content.items[item]);
            if applicant.is_some() {
                break;
            }
        }
        let applicant = applicant.unwrap_or_else(|| households[household].id_number.clone());
        let service = &content.items[item];
        let created = match showcase {
            Some(_) => self.working_moment(70..=110),
            None => self.working_moment(1..=300),
        };
        let recent = self.today - created.date_naive() <= Duration::days(120);
        let has_required = service.materials.iter().any(|m| m.required);
        let (fate, incomplete) = match showcase {
            Some(fate) => (
                fate,
                matches!(fate, Fate::StaysAwaiting | Fate::RefusedAwaiting),
            ),
            None => self.fate(service.promised_days, recent, has_required),
        };
        let complete: Vec<bool> = service
            .materials
            .iter()
            .map(|material| material.required || self.rng.random_bool(0.6))
            .collect();
        let mut received = complete.clone();
        if incomplete {
            let required: Vec<usize> = (0..received.len())
                .filter(|&index| service.materials[index].required)
                .collect();
            let missing = if self.rng.random_bool(0.25) { 2 } else { 1 };
            for &index in required.choose_multiple(&mut self.rng, missing) {
                received[index] = false;
            }
        }
        let agent = self.rng.random_range(1..staff.max(2));
        let mut plan = Plan {
            request_key: uuid::Builder::from_random_bytes(self.rng.random())
                .into_uuid()
                .to_string(),
            household,
            applicant,
            item,
            received,
            complete,
            created,
            agent,
            steps: Vec::new(),
        };
        self.steps(&mut plan, fate, incomplete, service.promised_days, staff);
        plan
    }

    fn applicant(&mut self, household: &Household, item: &ServiceItem) -> Option<IdNumber> {
        let ages = applicant_ages(&item.id);
        let fits = |number: &IdNumber| ages.contains(&age(number.birth_date(), self.today));
        if fits(&household.id_number) && self.rng.random_bool(0.6) {
            return Some(household.id_number.clone());
        }
        let people: Vec<&IdNumber> = std::iter::once(&household.id_number)
            .chain(household.members.iter().map(|member| &member.id_number))
            .filter(|number| fits(number))
            .collect();
        people.choose(&mut self.rng).map(|number| (*number).clone())
    }

    /// What happens to an application, and whether materials were missing at intake.
    fn fate(&mut self, promised_days: u32, recent: bool, has_required: bool) -> (Fate, bool) {
        let incomplete = has_required && self.rng.random_bool(0.10);
        if incomplete {
            let roll = self.rng.random_range(0..100);
            if roll < 15 {
                return (Fate::StaysAwaiting, true);
            }
            if roll < 30 {
                return (Fate::RefusedAwaiting, true);
            }
        }
        let county = promised_days >= 3;
        let fate = match self.rng.random_range(0..1000) {
            0..20 => Fate::RefusedAccepted,
            20..30 => Fate::ReturnedAccepted,
            30..50 => Fate::ReturnedInProgress,
            50..65 if county => Fate::ReturnedByCounty,
            65..70 if recent => Fate::StallsAccepted,
            70..85 if recent => Fate::StallsInProgress,
            85..95 if recent && county => Fate::StallsAtCounty,
            _ => Fate::Completed {
                county: county && self.rng.random_bool(0.45),
                late: self.rng.random_bool(0.08),
            },
        };
        (fate, incomplete)
    }

    /// The plan's history after intake, up to `now`.
    fn steps(&mut self, plan: &mut Plan, fate: Fate, incomplete: bool, days: u32, staff: usize) {
        let mut steps = Vec::new();
        let mut agent = plan.agent;
        let mut at = plan.created;
        let mut add =
            |at: Timestamp, actor: usize, action: Action| steps.push(Step { at, actor, action });
        let moved = |transition, note, complete| Action::Move {
            transition,
            note,
            complete,
        };
        'plan: {
            if incomplete {
                if fate == Fate::StaysAwaiting {
                    break 'plan;
                }
                if fate == Fate::RefusedAwaiting {
                    let wait = self.rng.random_range(5..=20);
                    let note = self.pick(&WORDS.notes.refused_awaiting);
                    let actor = self.admin_or(agent);
                    add(
                        self.after(at, at, wait),
                        actor,
                        moved(Transition::Refuse, note, false),
                    );
                    break 'plan;
                }
                let wait = self.rng.random_range(1..=10);
                at = self.after(at, at, wait);
                add(
                    at,
                    agent,
                    moved(Transition::Accept, &WORDS.notes.completed_correction, true),
                );
            }
            let accepted = at;
            match fate {
                Fate::RefusedAccepted => {
                    let wait = self.rng.random_range(0..=2);
                    let note = self.pick(&WORDS.notes.refused_accepted);
                    let actor = self.admin_or(agent);
                    add(
                        self.after(at, at, wait),
                        actor,
                        moved(Transition::Refuse, note, false),
                    );
                    break 'plan;
                }
                Fate::ReturnedAccepted => {
                    let wait = self.rng.random_range(0..=1);
                    let note = WORDS.notes.withdrawn.as_str();
                    add(
                        self.after(at, at, wait),
                        agent,
                        moved(Transition::Return, note, false),
                    );
                    break 'plan;
                }
                Fate::StallsAccepted => break 'plan,
                _ => {}
            }
            let wait = u32::from(self.rng.random_bool(0.3));
            at = self.after(at, at, wait);
            add(at, agent, moved(Transition::StartHandling, "", false));
            if staff > 2 && self.rng.random_bool(0.06) {
                let to = loop {
                    let to = self.rng.random_range(1..staff);
                    if to != agent {
                        break to;
                    }
                };
                let wait = u32::from(self.rng.random_bool(0.5));
                at = self.after(at, at, wait);
                let note = self.hand_over_note(to);
                add(at, agent, Action::HandOver { to, note });
                agent = to;
            }
            if fate == Fate::StallsInProgress {
                break 'plan;
            }
            let total = match fate {
                _ if days == 0 => 0,
                Fate::Completed { late: true, .. } => {
                    days + self.rng.random_range(1..=days / 2 + 2)
                }
                _ => self.rng.random_range(days.div_ceil(3)..=days),
            };
            if fate == Fate::ReturnedInProgress {
                let wait = self.rng.random_range(1..=(days / 2).max(1));
                let note = self.pick(&WORDS.notes.returned_in_progress);
                add(
                    self.after(at, at, wait),
                    agent,
                    moved(Transition::Return, note, false),
                );
                break 'plan;
            }
            let county = matches!(
                fate,
                Fate::StallsAtCounty
                    | Fate::ReturnedByCounty
                    | Fate::Completed { county: true, .. }
            );
            if county {
                at = self.after(at, accepted, (total / 3).max(1));
                add(at, agent, moved(Transition::ReportToCounty, "", false));
                if fate == Fate::StallsAtCounty {
                    break 'plan;
                }
            }
            let end = self.after(at, accepted, total);
            if fate == Fate::ReturnedByCounty {
                let note = self.pick(&WORDS.notes.returned_by_county);
                add(end, agent, moved(Transition::Return, note, false));
            } else {
                add(end, agent, moved(Transition::Complete, "", false));
            }
        }
        // What would happen after now has not happened yet: the case is still open there.
        let now = self.now;
        plan.steps = steps
            .into_iter()
            .take_while(|step| step.at <= now)
            .collect();
    }

    fn pick(&mut self, phrases: &'static [String]) -> &'static str {
        phrases.choose(&mut self.rng).map_or("", String::as_str)
    }

    /// The admin (站长) makes some of the refusals.
    fn admin_or(&mut self, agent: usize) -> usize {
        if self.rng.random_bool(0.3) { 0 } else { agent }
    }

    fn hand_over_note(&mut self, to: usize) -> String {
        let who = self
            .staff_names
            .get(to)
            .copied()
            .unwrap_or(WORDS.colleague.as_str());
        self.pick(&WORDS.notes.handover).replace("{who}", who)
    }

    /// Every write in time order: each household is registered just before its first application.
    fn schedule(
        &mut self,
        households: &[Household],
        plans: &[Plan],
        staff: usize,
    ) -> Vec<(Timestamp, Event)> {
        let mut first: Vec<Option<(Timestamp, usize)>> = vec![None; households.len()];
        for plan in plans {
            let slot = &mut first[plan.household];
            if slot.is_none_or(|(at, _)| plan.created < at) {
                *slot = Some((plan.created, plan.agent));
            }
        }
        let mut events = Vec::new();
        for (index, first) in first.into_iter().enumerate() {
            let (at, actor) = match first {
                Some((at, actor)) => {
                    let before = Duration::minutes(self.rng.random_range(10..=40));
                    (at - before, actor)
                }
                None => {
                    let actor = self.rng.random_range(1..staff.max(2));
                    (self.working_moment(1..=300), actor)
                }
            };
            events.push((at, Event::Household { index, actor }));
        }
        for (index, plan) in plans.iter().enumerate() {
            events.push((plan.created, Event::Create(index)));
            for (step, planned) in plan.steps.iter().enumerate() {
                events.push((planned.at, Event::Step(index, step)));
            }
        }
        events.sort_by_key(|(at, _)| *at);
        events
    }
}

/// Full years from `born` to `today`.
fn age(born: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(born).unwrap_or(0)
}

/// GB 11643 check character (ISO 7064 MOD 11-2) over the first 17 digits.
fn check_char(body: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(byte, weight)| u32::from(byte - b'0') * weight)
        .sum();
    CHECK[(sum % 11) as usize]
}

// ---------------------------------------------------------------------------------------------
// Writing the plan through the store.

#[allow(clippy::too_many_arguments)]
fn write(
    store: &mut Store,
    content: &Content,
    calendar: &HolidayCalendar,
    staff: &[StaffPlan],
    households: &[Household],
    plans: &[Plan],
    schedule: &[(Timestamp, Event)],
    seed: u64,
    now: Timestamp,
) -> Result<SeedReport> {
    // The staff joined before any of the records.
    let joined = schedule.first().map_or(now, |(at, _)| *at) - Duration::days(30);
    let mut accounts: Vec<Account> = Vec::with_capacity(staff.len());
    for (index, person) in staff.iter().enumerate() {
        let actor = accounts.first().map(|admin| admin.id);
        let account = store
            .add_account(
                &NewAccount {
                    login: person.login.clone(),
                    name: person.name.clone(),
                    phone: person.phone.clone(),
                    password: TRAINING_PASSWORD.into(),
                    role: person.role,
                    status: AccountStatus::Active,
                },
                actor,
                joined + Duration::minutes(index as i64),
            )
            .with_context(|| format!("adding the demo account {}", person.login))?;
        accounts.push(account);
    }

    let rules = CaseRules { content, calendar };
    // Ratings follow from the same seed as the rest, drawn apart so the cases stay as they were.
    let mut rater = StdRng::seed_from_u64(seed ^ 0x6861_6f63_6861_7069);
    let mut ratings = 0;
    let mut case_ids: Vec<String> = vec![String::new(); plans.len()];
    let mut outcome: Vec<(CaseState, Option<NaiveDate>)> =
        vec![(CaseState::AwaitingCorrection, None); plans.len()];
    for &(at, event) in schedule {
        match event {
            Event::Household { index, actor } => {
                let household = &households[index];
                match store.register_household(household, accounts[actor].id, at)? {
                    Registered::Created(_) => {}
                    Registered::Existing(_) => bail!("demo household {} repeated", household.id),
                }
            }
            Event::Create(index) => {
                let plan = &plans[index];
                let new = NewApplication {
                    request_key: plan.request_key.clone(),
                    household_id: households[plan.household].id.clone(),
                    applicant: plan.applicant.clone(),
                    item_id: content.items[plan.item].id.clone(),
                    received: plan.received.clone(),
                };
                let case = store
                    .create_application(&new, &accounts[plan.agent], &rules, at)
                    .with_context(|| format!("demo application {index}"))?;
                outcome[index] = (case.state, case.due_date);
                case_ids[index] = case.id;
            }
            Event::Step(index, step) => {
                let planned = &plans[index].steps[step];
                let actor = &accounts[planned.actor];
                let case = match &planned.action {
                    Action::Move {
                        transition,
                        note,
                        complete,
                    } => {
                        let received = complete.then_some(&plans[index].complete[..]);
                        store.change_state(
                            &case_ids[index],
                            *transition,
                            received,
                            note,
                            actor,
                            &rules,
                            at,
                        )
                    }
                    Action::HandOver { to, note } => {
                        store.hand_over(&case_ids[index], accounts[*to].id, note, actor, at)
                    }
                }
                .with_context(|| format!("demo application {index}, step {step}"))?;
                outcome[index] = (case.state, case.due_date);
                if case.state == CaseState::Completed {
                    ratings += rate(store, &mut rater, &case.id, &accounts[0], &rules, at, now)?;
                }
            }
        }
    }

    let today = now.date_naive();
    let overdue = outcome
        .iter()
        .filter(|(state, due)| {
            state.is_open()
                && due.is_some_and(|due| urgency(calendar, due, today) == Urgency::Overdue)
        })
        .count();
    Ok(SeedReport {
        agents: accounts.len(),
        households: households.len(),
        applications: plans.len(),
        overdue,
        ratings,
    })
}

/// Most farmers rate a completed case at once, most of them well (the hall reports 满意度
/// 99.8%); a few skip, and the rare 差评 gets its follow-up, finished by the admin when it is
/// older than a week. Returns how many ratings were recorded.
fn rate(
    store: &mut Store,
    rng: &mut StdRng,
    case_id: &str,
    admin: &Account,
    rules: &CaseRules<'_>,
    at: Timestamp,
    now: Timestamp,
) -> Result<usize> {
    let roll: f64 = rng.random();
    let level = match roll {
        r if r < 0.15 => return Ok(0),
        r if r < 0.22 => None,
        r if r < 0.70 => Some(RatingLevel::VerySatisfied),
        r if r < 0.92 => Some(RatingLevel::Satisfied),
        r if r < 0.985 => Some(RatingLevel::BasicallySatisfied),
        r if r < 0.995 => Some(RatingLevel::Dissatisfied),
        _ => Some(RatingLevel::VeryDissatisfied),
    };
    let words = &WORDS.ratings;
    let answer = match level {
        Some(level) if level.is_bad() => RatingAnswer {
            level: Some(level),
            reasons: vec![*BadReason::ALL.choose(rng).unwrap_or(&BadReason::Other)],
            comment: words.bad_comments.choose(rng).cloned().unwrap_or_default(),
            contact: String::new(),
        },
        level => RatingAnswer {
            level,
            ..RatingAnswer::default()
        },
    };
    let channel = if rng.random_bool(0.6) {
        RatingChannel::DeskRater
    } else {
        RatingChannel::Kiosk
    };
    let rated_at = at + Duration::minutes(rng.random_range(1..=90));
    let rated = store
        .rate_case(case_id, channel, answer, rules, rated_at)
        .map_err(|error| anyhow!("demo rating of {case_id}: {error}"))?;
    if let Some(follow_up) = rated.follow_up
        && now - rated_at > Duration::days(7)
    {
        for (step, note) in words.follow_up_notes.iter().enumerate() {
            let when = rated_at + Duration::days(step as i64 + 1);
            store
                .advance_follow_up(&follow_up.id, note, admin, when)
                .map_err(|error| anyhow!("demo follow-up of {case_id}: {error}"))?;
        }
    }
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_training_words_are_complete() {
        let words = &*WORDS;
        assert!(words.surnames.len() > 50 && words.staff.len() >= 7);
        assert!(!words.given.female_younger.is_empty());
        assert!(
            words
                .notes
                .handover
                .iter()
                .all(|note| note.contains("{who}"))
        );
    }
    use crate::domain::id_number::Sex;
    use crate::store::CaseFilter;

    fn now() -> Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-03-20T16:00:00+08:00").unwrap()
    }

    /// An empty terminal with its device code.
    fn terminal() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .set_device_code(&crate::domain::case_number::DeviceCode::parse("01").unwrap())
            .unwrap();
        store
    }

    fn seeded(households: usize, applications: usize, seed: u64) -> (Store, SeedReport) {
        let mut store = terminal();
        let content = crate::content::shipped().unwrap();
        let options = SeedOptions {
            households,
            applications,
            seed,
        };
        let report = super::seed(
            &mut store,
            &content,
            &HolidayCalendar::shipped(),
            &options,
            now(),
        )
        .unwrap();
        (store, report)
    }

    fn all_cases(store: &Store) -> Vec<crate::store::Case> {
        let filter = CaseFilter {
            limit: 1_000_000,
            ..CaseFilter::default()
        };
        store
            .cases(&filter)
            .unwrap()
            .iter()
            .map(|summary| store.case(&summary.id).unwrap().unwrap())
            .collect()
    }

    #[test]
    fn a_seeded_store_has_every_state_overdue_cases_and_full_histories() {
        let (store, report) = seeded(60, 400, 7);
        assert!(store.is_training().unwrap());
        assert!((4..=7).contains(&report.agents), "{report:?}");
        assert_eq!((report.households, report.applications), (60, 400));
        assert!(report.overdue > 0, "{report:?}");
        let overdue = CaseFilter {
            overdue_on: Some(now().date_naive()),
            limit: 1_000_000,
            ..CaseFilter::default()
        };
        assert_eq!(store.cases(&overdue).unwrap().len(), report.overdue);

        let cases = all_cases(&store);
        assert_eq!(cases.len(), 400);
        for state in CaseState::ALL {
            assert!(cases.iter().any(|case| case.state == state), "{state:?}");
        }
        for case in &cases {
            assert_eq!(case.history[0].kind, "created");
            let times: Vec<Timestamp> = case
                .history
                .iter()
                .map(|event| chrono::DateTime::parse_from_rfc3339(&event.at).unwrap())
                .collect();
            assert!(times.windows(2).all(|pair| pair[0] <= pair[1]), "{case:?}");
            assert!(times.iter().all(|at| *at <= now()));
            let last = case
                .history
                .iter()
                .rev()
                .find(|event| event.kind == "state");
            if matches!(case.state, CaseState::Returned | CaseState::Refused) {
                assert!(!last.unwrap().note.is_empty(), "a reason: {case:?}");
            }
            let numbered = !matches!(
                case.state,
                CaseState::AwaitingCorrection | CaseState::Refused | CaseState::Returned
            );
            if numbered {
                assert!(case.number.is_some() && case.due_date.is_some(), "{case:?}");
            }
            if case.state == CaseState::AwaitingCorrection {
                assert!(case.number.is_none() && !case.missing_materials().is_empty());
            }
        }
        let corrected = |case: &&crate::store::Case| {
            case.history.iter().any(|event| {
                event.from == Some(CaseState::AwaitingCorrection)
                    && event.to == Some(CaseState::Accepted)
            })
        };
        assert!(cases.iter().any(|case| corrected(&case)));
        assert!(
            cases
                .iter()
                .any(|case| case.history.iter().any(|event| event.kind == "handover"))
        );
        assert!(
            cases
                .iter()
                .any(|case| !case.missing_materials().is_empty())
        );
    }

    #[test]
    fn demo_people_have_valid_id_numbers_that_fit_their_relation() {
        let (store, _) = seeded(200, 0, 3);
        let today = now().date_naive();
        let households = store.households("", 1000).unwrap();
        assert_eq!(households.len(), 200);
        let mut names = String::new();
        for summary in households {
            let household = store.household(&summary.id).unwrap().unwrap();
            let head = &household.id_number;
            // Loading re-parses every number, so each has a correct check character.
            assert!(age(head.birth_date(), today) >= 18);
            assert!(household.members.len() <= 4);
            names.push_str(&household.head_name);
            for member in &household.members {
                names.push_str(&member.name);
                let number = &member.id_number;
                assert!(!number.born_after(today));
                let r = &WORDS.relation;
                let relation = &member.relation;
                let is = |words: &[&String]| words.contains(&relation);
                let sex = if is(&[&r.son, &r.grandson, &r.father]) {
                    Some(Sex::Male)
                } else if is(&[&r.daughter, &r.granddaughter, &r.mother, &r.daughter_in_law]) {
                    Some(Sex::Female)
                } else {
                    None
                };
                if let Some(sex) = sex {
                    assert_eq!(number.sex(), sex, "{member:?}");
                }
                if is(&[&r.spouse]) {
                    assert_ne!(number.sex(), head.sex());
                }
                if is(&[&r.son, &r.daughter]) {
                    assert!(age(head.birth_date(), number.birth_date()) >= 19);
                }
                if is(&[&r.father, &r.mother]) {
                    assert!(age(number.birth_date(), head.birth_date()) >= 19);
                }
            }
            assert!(head.address_code().starts_with("6"));
        }
        assert!(names.chars().any(|c| "堃喆赟玥犇垚".contains(c)));
    }

    #[test]
    fn seeding_a_store_that_has_records_is_refused() {
        let (mut store, _) = seeded(3, 10, 1);
        let content = crate::content::shipped().unwrap();
        let options = SeedOptions {
            households: 3,
            applications: 10,
            seed: 1,
        };
        let calendar = HolidayCalendar::shipped();
        let error = seed(&mut store, &content, &calendar, &options, now()).unwrap_err();
        assert!(
            error.to_string().contains("empty data directory"),
            "{error}"
        );

        let mut store = terminal();
        store
            .add_account(
                &NewAccount {
                    login: "real01".into(),
                    name: WORDS.staff[0].clone(),
                    phone: "13800000000".into(),
                    password: "password1".into(),
                    role: Role::Admin,
                    status: AccountStatus::Active,
                },
                None,
                now(),
            )
            .unwrap();
        assert!(seed(&mut store, &content, &calendar, &options, now()).is_err());
        assert!(!store.is_training().unwrap());
    }

    #[test]
    fn the_same_seed_gives_the_same_households() {
        let list = |seed| {
            let (store, _) = seeded(30, 50, seed);
            store.households("", 100).unwrap()
        };
        assert_eq!(list(11), list(11));
        assert_ne!(list(11), list(12));
    }

    #[test]
    fn stress_reports_each_saved_case_and_reuses_its_agent_and_household() {
        let mut store = terminal();
        let content = crate::content::shipped().unwrap();
        let calendar = HolidayCalendar::shipped();
        let mut out = Vec::new();
        stress(&mut store, &content, &calendar, 5, &mut out).unwrap();
        stress(&mut store, &content, &calendar, 3, &mut out).unwrap();
        let numbers: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
        assert_eq!(numbers.len(), 8);
        for number in numbers {
            let number = crate::domain::case_number::CaseNumber::parse(number).expect("a number");
            assert!(
                store.case_id_by_number(&number).unwrap().is_some(),
                "{number}"
            );
        }
        assert_eq!(store.accounts(None).unwrap().len(), 1);
        assert_eq!(store.households("", 10).unwrap().len(), 1);
        assert!(store.is_training().unwrap());
    }
}
