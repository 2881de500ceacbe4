//! Shared set-up for the sync tests: hall terminals on real SQLite files, a county on a real
//! socket, and a dump of a database to prove that a refused import changed nothing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use bianmin::clock;
use bianmin::domain::Content;
use bianmin::domain::account::{AccountStatus, Role};
use bianmin::domain::application::Transition;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::domain::case_number::DeviceCode;
use bianmin::domain::household::Household;
use bianmin::domain::id_number::IdNumber;
use bianmin::domain::phone::Phone;
use bianmin::store::{Account, Case, CaseRules, NewAccount, NewApplication, Registered, Store};
use bianmin::sync::SyncConfig;

pub const HALL: &str = "621023202";

/// One terminal of the hall.
pub struct Terminal {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub content: Content,
    pub calendar: HolidayCalendar,
    pub admin: Account,
}

impl Terminal {
    /// A terminal of the hall with device code `device`.
    pub fn new(device: &str) -> Terminal {
        let mut terminal = Terminal::fresh(device);
        terminal
            .store
            .set_device_code(&DeviceCode::parse(device).unwrap())
            .unwrap();
        terminal
    }

    /// A terminal just installed: the hall's content and an admin (`admin<label>`), but no
    /// device code yet.
    pub fn fresh(label: &str) -> Terminal {
        let dir = tempfile::tempdir().unwrap();
        let content = bianmin::content::shipped().expect("shipped content");
        let mut store = Store::open_dir(dir.path()).unwrap();
        store.replace_content(&content).unwrap();
        assert_eq!(store.township_code().unwrap().as_deref(), Some(HALL));
        let admin = add_active_account(
            &mut store,
            &format!("admin{label}"),
            &format!("管理员{label}"),
            &format!("139000000{label}"),
            Role::Admin,
        );
        Terminal {
            dir,
            store,
            content,
            calendar: HolidayCalendar::shipped(),
            admin,
        }
    }

    /// An active agent of this terminal, added by no one.
    pub fn add_agent(&mut self, login: &str, name: &str, phone: &str) -> Account {
        add_active_account(&mut self.store, login, name, phone, Role::Agent)
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn database(&self) -> PathBuf {
        self.dir.path().join(bianmin::store::DATABASE_FILE)
    }

    pub fn configure(&mut self, url: &str, token: &str) {
        SyncConfig::new(url, token)
            .unwrap()
            .save(&mut self.store)
            .unwrap();
    }

    /// A terminal with no connection: only the token, for its USB bundles.
    pub fn configure_usb_only(&mut self, token: &str) {
        SyncConfig::usb_only(token)
            .unwrap()
            .save(&mut self.store)
            .unwrap();
    }

    /// Registers a household whose head has the `n`th test ID number.
    pub fn household(&mut self, n: u32) -> Household {
        let household = Household {
            id: uuid::Uuid::new_v4().to_string(),
            head_name: format!("户主{n}"),
            id_number: id_number(n),
            phone: Phone::parse("13800138000").unwrap(),
            village: self.content.villages[0].name.clone(),
            group: 1,
            members: Vec::new(),
        };
        match self
            .store
            .register_household(&household, self.admin.id, clock::now())
            .unwrap()
        {
            Registered::Created(household) | Registered::Existing(household) => household,
        }
    }

    /// Takes an application with all materials (accepted at once, numbered by this terminal).
    pub fn case(&mut self, household: &Household, item: usize) -> Case {
        self.take(household, item, true)
    }

    /// Takes an application with no materials yet (待补正, with this terminal's 登记号).
    pub fn pending_case(&mut self, household: &Household, item: usize) -> Case {
        self.take(household, item, false)
    }

    fn take(&mut self, household: &Household, item: usize, received: bool) -> Case {
        let item = &self.content.items[item % self.content.items.len()];
        let rules = CaseRules {
            content: &self.content,
            calendar: &self.calendar,
        };
        let new = NewApplication {
            request_key: uuid::Uuid::new_v4().to_string(),
            household_id: household.id.clone(),
            applicant: household.id_number.clone(),
            item_id: item.id.clone(),
            received: vec![received; item.materials.len()],
        };
        self.store
            .create_application(&new, &self.admin, &rules, clock::now())
            .unwrap()
    }

    pub fn move_case(&mut self, id: &str, transition: Transition, note: &str) -> Case {
        let rules = CaseRules {
            content: &self.content,
            calendar: &self.calendar,
        };
        self.store
            .change_state(
                id,
                transition,
                None,
                note,
                &self.admin,
                &rules,
                clock::now(),
            )
            .unwrap()
    }

    /// (id, number, state) of every case, sorted by id: what two terminals must agree on.
    pub fn cases(&self) -> Vec<(String, Option<String>, String)> {
        let filter = bianmin::store::CaseFilter {
            limit: 100_000,
            ..Default::default()
        };
        let mut cases: Vec<_> = self
            .store
            .cases(&filter)
            .unwrap()
            .into_iter()
            .map(|case| (case.id, case.number, case.state.code().to_owned()))
            .collect();
        cases.sort();
        cases
    }

    /// Outbox states as (state, count), sorted.
    pub fn outbox_states(&self) -> Vec<(String, i64)> {
        let conn = rusqlite::Connection::open(self.database()).unwrap();
        let mut statement = conn
            .prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state")
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }
}

/// An active account with the terminals' password, added by no one.
fn add_active_account(
    store: &mut Store,
    login: &str,
    name: &str,
    phone: &str,
    role: Role,
) -> Account {
    store
        .add_account(
            &NewAccount {
                login: login.into(),
                name: name.into(),
                phone: phone.into(),
                password: "training-password".into(),
                role,
                status: AccountStatus::Active,
            },
            None,
            clock::now(),
        )
        .unwrap()
}

/// A well-formed token for terminal `device` of the hall that no county issued.
pub fn unknown_token(device: &str) -> String {
    bianmin::sync::keys::new_token(HALL, &DeviceCode::parse(device).unwrap())
}

/// A valid 18-character ID number, different for each `n`.
pub fn id_number(n: u32) -> IdNumber {
    let body = format!("62102319800101{:03}", n % 1000);
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(weights)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    IdNumber::parse(&format!("{body}{check}")).unwrap()
}

/// Every row of every table, in order: equal dumps mean an unchanged database.
pub fn dump(database: &Path) -> String {
    let conn = rusqlite::Connection::open(database).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{table}\"")))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        out.push_str(&format!("## {table}\n"));
        while let Some(row) = rows.next().unwrap() {
            for column in 0..columns {
                let value: rusqlite::types::Value = row.get(column).unwrap();
                out.push_str(&format!("{value:?}|"));
            }
            out.push('\n');
        }
    }
    out
}

/// Queues `count` synthetic events straight into a terminal's outbox, in one transaction (a
/// quick way to a large push). Each is a valid `account_changed` event (a pending account
/// `bulkN`), so the county accepts it like any other.
pub fn queue_events(database: &Path, count: usize) {
    let mut conn = rusqlite::Connection::open(database).unwrap();
    let tx = conn.transaction().unwrap();
    let start: i64 = tx
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM outbox", [], |row| {
            row.get(0)
        })
        .unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO outbox (id, kind, entity_id, payload, created_at, seq)
                 VALUES (?1, 'account_changed', ?2, ?3, ?4, ?5)",
            )
            .unwrap();
        let at = clock::now().to_rfc3339();
        for n in 0..count as i64 {
            let id = uuid::Uuid::new_v4().to_string();
            let login = format!("bulk{}", start + n + 1);
            let payload = serde_json::json!({
                "login": login,
                "name": format!("第{n}位登记人"),
                "phone": format!("137{:08}", start + n + 1),
                "role": "agent",
                "status": "pending",
                "password_hash": "!",
                "failed_logins": 0,
                "locked_until": null,
                "created_at": at,
            })
            .to_string();
            insert
                .execute(rusqlite::params![id, login, payload, at, start + n + 1])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// A county data directory with these terminals of the hall registered; their tokens in order.
pub fn county_with(devices: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut county = bianmin::county::CountyStore::open_dir(dir.path()).unwrap();
    let tokens = devices
        .iter()
        .map(|code| {
            county
                .add_device(HALL, &format!("终端{code}"), Some(code), None)
                .unwrap()
                .token
        })
        .collect();
    (dir, tokens)
}

/// A running county with terminals 01 and 02 of the hall, both configured to reach it. Keep
/// the county directory and the server alive for the test's length.
pub fn county_and_two_terminals() -> (
    tempfile::TempDir,
    bianmin::county::server::Running,
    Terminal,
    Terminal,
) {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    let county = bianmin::county::server::Running::start(county_dir.path(), 2).unwrap();
    let mut one = Terminal::new("01");
    let mut two = Terminal::new("02");
    one.configure(&county.url(), &tokens[0]);
    two.configure(&county.url(), &tokens[1]);
    (county_dir, county, one, two)
}

/// A county data directory with terminals 01 and 02 of the hall registered, and the two
/// terminals, each configured for USB bundles only (a token, no address).
pub fn usb_county_and_two_terminals() -> (tempfile::TempDir, Terminal, Terminal) {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    let mut one = Terminal::new("01");
    let mut two = Terminal::new("02");
    one.configure_usb_only(&tokens[0]);
    two.configure_usb_only(&tokens[1]);
    (county_dir, one, two)
}
