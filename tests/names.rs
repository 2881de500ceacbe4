//! The name corpus (tests/fixtures/names.txt): names with characters of URO, Ext A–F, the
//! compatibility ideographs, GB 18030-2022's amendment and "·", one of exactly 50 characters.
//! Each is kept byte for byte through the desk's household form, `household add` and a roster
//! import (UTF-8 and GB18030) on the command line, a sync with a county on 127.0.0.1, and a USB
//! bundle — read back from the terminal's store, the county's database and a second terminal.

mod support;
mod sync_support;

use std::path::Path;
use std::process::{Command, Output};

use bianmin::clock;
use bianmin::domain::account::Role;
use bianmin::domain::household::{Household, HouseholdForm, MemberForm};
use bianmin::store::{Registered, Store};
use bianmin::sync::{SyncOptions, export_bundle, import_reply, sync_store};
use bianmin::ui::Message;
use bianmin::ui::desk::{self, Screen};
use sync_support::{
    HALL, Terminal, county_and_two_terminals, id_number, usb_county_and_two_terminals,
};

/// The corpus, one name a line, comments left out.
fn corpus() -> Vec<String> {
    let text = include_str!("fixtures/names.txt");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// The `n`th name of the corpus as a household member's (the next one round).
fn member_of(names: &[String], n: usize) -> String {
    names[(n + 1) % names.len()].clone()
}

#[test]
fn the_corpus_holds_every_block_the_dot_and_a_name_of_fifty_characters() {
    let names = corpus();
    let all: String = names.concat();
    for (c, block) in [
        ('王', "URO"),
        ('\u{4DAE}', "Ext A"),
        ('\u{2003E}', "Ext B"),
        ('\u{2A6A5}', "Ext B"),
        ('\u{2A700}', "Ext C"),
        ('\u{2B740}', "Ext D"),
        ('\u{2B820}', "Ext E"),
        ('\u{2CEB0}', "Ext F"),
        ('\u{FA0E}', "compatibility"),
        ('\u{FA29}', "compatibility"),
        ('\u{9FF0}', "amendment"),
        ('\u{4DB6}', "amendment"),
        ('\u{B7}', "the dot"),
    ] {
        assert!(all.contains(c), "{block} U+{:04X}", u32::from(c));
    }
    assert!(names.iter().any(|name| name.chars().count() == 50));
    for name in &names {
        assert_eq!(
            bianmin::domain::text::check_name(name).as_deref(),
            Ok(name.as_str()),
            "a valid name, kept as it is"
        );
    }
}

/// A household for `name` with the `n`th test ID number, the next corpus name as its member.
fn household(names: &[String], n: usize, content: &bianmin::domain::Content) -> Household {
    HouseholdForm {
        head_name: names[n].clone(),
        id_number: id_number(100 + n as u32).as_str().to_owned(),
        phone: "13800138000".into(),
        village: content.villages[0].name.clone(),
        group: "1".into(),
        members: vec![MemberForm {
            name: member_of(names, n),
            id_number: id_number(200 + n as u32).as_str().to_owned(),
            relation: "配偶".into(),
        }],
    }
    .check(
        uuid::Uuid::new_v4().to_string(),
        clock::now().date_naive(),
        |village| content.village(village).map(|v| v.groups),
    )
    .expect("every corpus name passes the form's checks")
}

/// Every corpus name is stored as a household head (and the next as its member) exactly.
fn assert_households_kept(store: &Store, names: &[String], source: &str) {
    for n in 0..names.len() {
        let stored = store
            .household_by_id_number(&id_number(100 + n as u32))
            .unwrap()
            .unwrap_or_else(|| panic!("{source}: household {n} ({}) missing", names[n]));
        assert_eq!(
            stored.head_name.as_bytes(),
            names[n].as_bytes(),
            "{source}: head {n}"
        );
        assert_eq!(stored.members.len(), 1, "{source}: member of {n}");
        assert_eq!(
            stored.members[0].name.as_bytes(),
            member_of(names, n).as_bytes(),
            "{source}: member of {n}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The desk's form.

const PASSWORD: &str = "hall-password-2026";

fn desk(message: desk::Message) -> Message {
    Message::Desk(message)
}

#[test]
fn names_typed_into_the_desks_household_form_are_stored_byte_for_byte() {
    use desk::household::Message as Form;
    let names = corpus();
    let mut app = support::app_with(|store| {
        support::add_accounts(
            store,
            PASSWORD,
            &[("admin", "张伟", "13800000009", Role::Admin)],
        );
        store
            .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").unwrap())
            .unwrap();
    });
    support::scroll_and_tap(&mut app, "staff-login");
    support::type_into(&mut app, "login-name", "admin");
    support::type_into(&mut app, "login-password", PASSWORD);
    support::tap(&mut app, "login-submit");
    assert!(app.desk().session().is_some(), "logged in");
    let village = app.content().villages[0].name.clone();

    for (n, name) in names.iter().enumerate() {
        support::tap(&mut app, "desk-new-household");
        if app.desk().asking().is_some() {
            // The application form the last save opened is left unused.
            support::tap(&mut app, "desk-ask-yes");
        }
        assert!(matches!(app.desk().screen(), Screen::Household(_)));
        support::type_into(&mut app, "household-head", name);
        support::type_into(&mut app, "household-id", id_number(100 + n as u32).as_str());
        support::type_into(&mut app, "household-phone", "13800138000");
        support::feed(
            &mut app,
            vec![desk(desk::Message::Household(Form::Village(
                desk::choice::Choice::new(village.clone(), village.clone()),
            )))],
        );
        support::type_into(&mut app, "household-group", "1");
        support::scroll_and_tap(&mut app, "member-add");
        support::scroll_and_type(&mut app, "member-name", &member_of(&names, n));
        support::scroll_and_type(&mut app, "member-id", id_number(200 + n as u32).as_str());
        support::scroll_and_type(&mut app, "member-relation", "配偶");
        support::scroll_and_tap(&mut app, "household-save");
        assert!(
            matches!(app.desk().screen(), Screen::Intake(_)),
            "{name} saved: {}",
            support::screen_text(&app)
        );
    }
    assert_households_kept(&app.office().store(), &names, "desk form");

    // A name that is not a name is refused in words naming the character.
    support::tap(&mut app, "desk-new-household");
    if app.desk().asking().is_some() {
        support::tap(&mut app, "desk-ask-yes");
    }
    support::type_into(&mut app, "household-head", "小花🌸");
    support::scroll_and_tap(&mut app, "household-save");
    let shown = support::screen_text(&app);
    assert!(shown.contains("姓名里不能有“🌸”（U+1F338）"), "{shown}");
}

// ---------------------------------------------------------------------------------------------
// The command line.

fn bianmin(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("BIANMIN_LANG", "zh-CN")
        .output()
        .expect("bianmin runs")
}

fn said(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The heads' names as `household list --json` prints them, sorted.
fn listed_heads(data_dir: &Path) -> Vec<String> {
    let out = bianmin(data_dir, &["household", "list", "--json"]);
    assert!(out.status.success(), "{}", said(&out));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut heads: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|household| household["head_name"].as_str().unwrap().to_owned())
        .collect();
    heads.sort();
    heads
}

fn sorted(names: &[String]) -> Vec<String> {
    let mut names = names.to_vec();
    names.sort();
    names
}

/// `household add` of a head in 高台村 group 3, with `more` arguments (members).
fn household_add(data_dir: &Path, head: &str, id_number: &str, more: &[&str]) -> Output {
    let mut args = vec![
        "household",
        "add",
        "--head",
        head,
        "--id-number",
        id_number,
        "--village",
        "高台村",
        "--group",
        "3",
        "--phone",
        "13800138000",
    ];
    args.extend_from_slice(more);
    bianmin(data_dir, &args)
}

#[test]
fn names_given_to_household_add_are_stored_and_listed_byte_for_byte() {
    let names = corpus();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (n, name) in names.iter().enumerate() {
        let id = id_number(100 + n as u32);
        let member = format!(
            "{},{},配偶",
            member_of(&names, n),
            id_number(200 + n as u32).as_str()
        );
        let out = household_add(&data, name, id.as_str(), &["--member", &member]);
        assert!(out.status.success(), "{name}: {}", said(&out));
    }
    assert_eq!(listed_heads(&data), sorted(&names));
    // The plain listing prints each name whole too.
    let out = bianmin(&data, &["household", "list"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8 out");
    for name in &names {
        assert!(
            text.lines()
                .any(|line| line.split('\t').next() == Some(name)),
            "{name} in {text}"
        );
    }
    assert_households_kept(&Store::open_dir(&data).unwrap(), &names, "household add");

    // Refused in words that name the character, nothing stored.
    let out = household_add(&data, "阿依古丽•买买提", id_number(999).as_str(), &[]);
    assert!(!out.status.success());
    assert!(said(&out).contains("“·”（U+00B7）"), "{}", said(&out));
    assert!(said(&out).contains("“•”（U+2022）"), "{}", said(&out));
    assert_eq!(listed_heads(&data).len(), names.len());
}

/// A roster of people, as villages keep them: each head (户主), then the member on the next line.
fn roster_csv(names: &[String]) -> String {
    let mut text = String::from("序号,姓名,与户主关系,身份证号码,村,组,联系电话\r\n");
    for (n, name) in names.iter().enumerate() {
        let head = id_number(100 + n as u32);
        let member = id_number(200 + n as u32);
        text += &format!(
            "{},{name},户主,{},高台村,3,13800138000\r\n",
            n + 1,
            head.as_str()
        );
        text += &format!(
            "{},{},配偶,{},高台村,3,13800138000\r\n",
            n + 1,
            member_of(names, n),
            member.as_str()
        );
    }
    text
}

#[test]
fn a_roster_in_utf8_and_in_gb18030_imports_every_name_byte_for_byte() {
    let names = corpus();
    let text = roster_csv(&names);
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gb18030).is_err(),
        "the fixture really is GB18030"
    );
    // 𠀾 (U+2003E) is a four-byte sequence in GB18030.
    let (ext_b, _, _) = encoding_rs::GB18030.encode("\u{2003E}");
    assert_eq!(ext_b.len(), 4);
    assert!(gb18030.windows(4).any(|bytes| bytes == &ext_b[..]));

    for (label, bytes) in [
        ("UTF-8", text.as_bytes().to_vec()),
        ("GB18030", gb18030.to_vec()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("roster.csv");
        std::fs::write(&file, &bytes).unwrap();
        let data = dir.path().join("data");
        let out = bianmin(&data, &["household", "import", file.to_str().unwrap()]);
        assert!(out.status.success(), "{label}: {}", said(&out));
        assert_eq!(listed_heads(&data), sorted(&names), "{label}");
        assert_households_kept(&Store::open_dir(&data).unwrap(), &names, label);
    }
}

// ---------------------------------------------------------------------------------------------
// Sync and USB bundles.

/// Registers every corpus household at `terminal`, and an agent account named after the
/// longest name.
fn register_corpus(terminal: &mut Terminal, names: &[String]) -> String {
    for n in 0..names.len() {
        let household = household(names, n, &terminal.content);
        match terminal
            .store
            .register_household(&household, terminal.admin.id, clock::now())
            .unwrap()
        {
            Registered::Created(_) => {}
            Registered::Existing(_) => panic!("{} was there already", names[n]),
        }
    }
    let longest = names
        .iter()
        .max_by_key(|name| name.chars().count())
        .unwrap()
        .clone();
    terminal.add_agent("agent-long-name", &longest, "13700000001");
    longest
}

/// The heads' and members' names in the county's copy of the household events, and the
/// accounts' names in its account events, all sorted.
fn county_names(county_dir: &Path) -> (Vec<String>, Vec<String>) {
    let conn = rusqlite::Connection::open(county_dir.join("county.sqlite3")).unwrap();
    let payloads = |kind: &str| -> Vec<serde_json::Value> {
        conn.prepare("SELECT payload FROM event WHERE kind = ?1 ORDER BY rowid")
            .unwrap()
            .query_map([kind], |row| row.get::<_, String>(0))
            .unwrap()
            .map(|payload| serde_json::from_str(&payload.unwrap()).unwrap())
            .collect()
    };
    let mut people = Vec::new();
    for household in payloads("household_registered") {
        people.push(household["head_name"].as_str().unwrap().to_owned());
        for member in household["members"].as_array().unwrap() {
            people.push(member["name"].as_str().unwrap().to_owned());
        }
    }
    let mut accounts: Vec<String> = payloads("account_changed")
        .iter()
        .map(|account| account["name"].as_str().unwrap().to_owned())
        .collect();
    people.sort();
    accounts.sort();
    (people, accounts)
}

/// Every head and member name, twice each (a head once and a member once), sorted.
fn corpus_people(names: &[String]) -> Vec<String> {
    let mut people: Vec<String> = names
        .iter()
        .cloned()
        .chain((0..names.len()).map(|n| member_of(names, n)))
        .collect();
    people.sort();
    people
}

fn account_named(store: &Store, login: &str) -> String {
    store
        .accounts(None)
        .unwrap()
        .into_iter()
        .find(|account| account.login == login)
        .unwrap_or_else(|| panic!("no account {login}"))
        .name
}

#[test]
fn names_reach_the_county_and_a_second_terminal_by_sync_byte_for_byte() {
    let names = corpus();
    let (county_dir, _county, mut one, mut two) = county_and_two_terminals();
    let longest = register_corpus(&mut one, &names);
    let options = SyncOptions {
        forced: true,
        timeout: std::time::Duration::from_secs(10),
        ..SyncOptions::default()
    };
    sync_store(&mut one.store, &options).unwrap();
    let (people, accounts) = county_names(county_dir.path());
    assert_eq!(people, corpus_people(&names), "the county's copy");
    assert!(
        accounts.contains(&longest),
        "the agent's name at the county"
    );

    sync_store(&mut two.store, &options).unwrap();
    assert_households_kept(&two.store, &names, "terminal two by sync");
    assert_eq!(
        account_named(&two.store, "agent-long-name").as_bytes(),
        longest.as_bytes()
    );
}

#[test]
fn names_travel_by_usb_bundle_byte_for_byte() {
    let names = corpus();
    let (county_dir, mut one, mut two) = usb_county_and_two_terminals();
    let mut county = bianmin::county::CountyStore::open_dir(county_dir.path()).unwrap();
    let longest = register_corpus(&mut one, &names);
    let files = tempfile::tempdir().unwrap();
    let events = files.path().join("one.events");
    export_bundle(&one.store, &events).unwrap();
    county.import_bundle(&events).unwrap();
    let (people, accounts) = county_names(county_dir.path());
    assert_eq!(people, corpus_people(&names), "the county's copy");
    assert!(accounts.contains(&longest));

    let reply = files.path().join("two.reply");
    county.export_reply(HALL, &reply).unwrap();
    import_reply(&mut two.store, &reply).unwrap();
    assert_households_kept(&two.store, &names, "terminal two by USB");
    assert_eq!(
        account_named(&two.store, "agent-long-name").as_bytes(),
        longest.as_bytes()
    );
}
