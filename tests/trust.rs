//! A hall terminal that can be trusted with real records: several connections writing to one
//! database at once, terminals that identify themselves explicitly, and a sender that dies.
//! Real SQLite files, the real binary and a county on a real socket; every loop is bounded.

mod sync_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bianmin::clock;
use bianmin::county::CountyStore;
use bianmin::domain::case_number::DeviceCode;
use bianmin::store::{CaseError, CaseFilter, CaseRules, NewApplication, Store};
use bianmin::sync::{SyncConfig, SyncError, SyncOptions, sync_once, sync_store};
use sync_support::{HALL, Terminal, county_with};

fn forced() -> SyncOptions {
    SyncOptions {
        forced: true,
        timeout: Duration::from_secs(10),
        ..SyncOptions::default()
    }
}

fn bianmin(data_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("BIANMIN_LANG", "en")
        .stdin(Stdio::null())
        .output()
        .expect("the bianmin binary runs")
}

/// Runs `work` again and again on its own thread until `stop`, counting its failures.
fn keep_busy(
    stop: &Arc<AtomicBool>,
    name: &str,
    work: impl Fn() -> Result<(), String> + Send + 'static,
) -> std::thread::JoinHandle<(usize, Vec<String>)> {
    let stop = Arc::clone(stop);
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let mut rounds = 0;
            let mut errors = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if let Err(error) = work() {
                    errors.push(error);
                }
                rounds += 1;
            }
            (rounds, errors)
        })
        .unwrap()
}

/// One case saved per transaction on the terminal's own connection, while a lister, a status
/// reader, the GUI's background sync (`sync_once`, its own connection each time) and the
/// command line (`application list`, `sync status`) work on the same database.
#[test]
fn no_save_fails_while_other_connections_list_report_and_sync() {
    const SAVES: usize = 300;
    let (county_dir, tokens) = county_with(&["01"]);
    let county = bianmin::county::server::Running::start(county_dir.path(), 2).unwrap();
    let mut terminal = Terminal::new("01");
    terminal.configure(&county.url(), &tokens[0]);
    let household = terminal.household(7);
    let dir = terminal.path().to_path_buf();

    let stop = Arc::new(AtomicBool::new(false));
    let lister = {
        let dir = dir.clone();
        keep_busy(&stop, "lister", move || {
            let store = Store::open_dir(&dir).map_err(|e| e.to_string())?;
            store
                .cases(&CaseFilter::default())
                .map(drop)
                .map_err(|e| e.to_string())
        })
    };
    let status = {
        let dir = dir.clone();
        keep_busy(&stop, "status", move || {
            let store = Store::open_dir(&dir).map_err(|e| e.to_string())?;
            store.sync_summary().map(drop).map_err(|e| e.to_string())
        })
    };
    let background_sync = {
        let dir = dir.clone();
        keep_busy(&stop, "background-sync", move || {
            match sync_once(&dir, &forced()) {
                // Two syncs at once: the second steps aside, as the GUI's timer would.
                Ok(_) | Err(SyncError::Busy) => Ok(()),
                Err(error) => Err(error.to_string()),
            }
        })
    };
    let command_line = {
        let dir = dir.clone();
        keep_busy(&stop, "command-line", move || {
            for args in [
                &["application", "list", "--json"][..],
                &["sync", "status", "--json"][..],
                &["sync", "run"][..],
            ] {
                let output = bianmin(&dir, args);
                let stderr = String::from_utf8_lossy(&output.stderr);
                if stderr.contains("locked") || (!output.status.success() && args[1] != "run") {
                    return Err(format!("{args:?}: {stderr}"));
                }
            }
            Ok(())
        })
    };

    let item = &terminal.content.items[0];
    let rules = CaseRules {
        content: &terminal.content,
        calendar: &terminal.calendar,
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut saved = 0;
    let mut failures = Vec::new();
    while saved + failures.len() < SAVES && Instant::now() < deadline {
        let new = NewApplication {
            request_key: uuid::Uuid::new_v4().to_string(),
            household_id: household.id.clone(),
            applicant: household.id_number.clone(),
            item_id: item.id.clone(),
            received: vec![true; item.materials.len()],
        };
        match terminal
            .store
            .create_application(&new, &terminal.admin, &rules, clock::now())
        {
            Ok(_) => saved += 1,
            Err(error) => failures.push(error.to_string()),
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut others = Vec::new();
    for (name, handle) in [
        ("lister", lister),
        ("status", status),
        ("background sync", background_sync),
        ("command line", command_line),
    ] {
        let (rounds, errors) = handle.join().unwrap();
        assert!(rounds > 0, "{name} never ran");
        others.extend(errors.into_iter().map(|error| format!("{name}: {error}")));
    }
    assert!(failures.is_empty(), "failed saves: {failures:?}");
    assert_eq!(saved, SAVES, "every save done within the time limit");
    assert!(others.is_empty(), "errors beside the saves: {others:?}");
    // And everything reaches the county once the dust settles.
    sync_store(&mut terminal.store, &forced()).unwrap();
    let stats = CountyStore::open_dir(county_dir.path())
        .unwrap()
        .stats()
        .unwrap();
    assert_eq!(stats.applications, SAVES as u64);
}

#[test]
fn a_new_terminal_issues_no_case_number_until_it_is_given_a_device_code() {
    let mut terminal = Terminal::fresh("01");
    assert_eq!(terminal.store.device_code().unwrap(), None);
    let household = terminal.household(3);
    let item = &terminal.content.items[0];
    let new = NewApplication {
        request_key: "first".into(),
        household_id: household.id.clone(),
        applicant: household.id_number.clone(),
        item_id: item.id.clone(),
        received: vec![true; item.materials.len()],
    };
    let rules = CaseRules {
        content: &terminal.content,
        calendar: &terminal.calendar,
    };
    let refused = terminal
        .store
        .create_application(&new, &terminal.admin, &rules, clock::now());
    assert!(
        matches!(refused, Err(CaseError::NoDeviceCode)),
        "{refused:?}"
    );
    assert!(terminal.cases().is_empty(), "nothing saved");
    // The command line says so too, and exits 1.
    let shown = bianmin(terminal.path(), &["device", "code"]);
    assert_eq!(shown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&shown.stderr).contains("No device code"));

    terminal
        .store
        .set_device_code(&DeviceCode::parse("04").unwrap())
        .unwrap();
    let case = terminal
        .store
        .create_application(&new, &terminal.admin, &rules, clock::now())
        .unwrap();
    assert_eq!(&case.number.unwrap()[17..19], "04");
    // Once a number is out, the code stays.
    let changed = bianmin(terminal.path(), &["device", "code", "05"]);
    assert!(!changed.status.success());
    assert!(String::from_utf8_lossy(&changed.stderr).contains("04"));
    let shown = bianmin(terminal.path(), &["device", "code"]);
    assert_eq!(String::from_utf8_lossy(&shown.stdout).trim(), "04");
}

#[test]
fn two_fresh_terminals_take_their_codes_from_their_tokens_and_never_clash() {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    let county = bianmin::county::server::Running::start(county_dir.path(), 2).unwrap();
    let mut one = Terminal::fresh("01");
    let mut two = Terminal::fresh("02");
    // Terminal two is handed terminal one's token by mistake first: refused, naming it.
    let wrong = SyncConfig::new(&county.url(), &tokens[0]).unwrap();
    two.store
        .set_device_code(&DeviceCode::parse("02").unwrap())
        .unwrap();
    let refused = wrong.save(&mut two.store).unwrap_err();
    assert!(
        matches!(refused, SyncError::WrongIdentity { .. }),
        "{refused}"
    );
    let words = bianmin::explain::Explain::words(&refused, bianmin::i18n::Language::ZhCn);
    assert!(words.contains("01") && words.contains("02"), "{words}");
    // The right tokens: terminal one takes 01 from its token.
    one.configure(&county.url(), &tokens[0]);
    two.configure(&county.url(), &tokens[1]);
    assert_eq!(one.store.device_code().unwrap().unwrap().as_str(), "01");

    for n in 0..5 {
        let a = one.household(100 + n);
        one.case(&a, n as usize);
        let b = two.household(200 + n);
        two.case(&b, n as usize);
    }
    for _ in 0..3 {
        sync_store(&mut one.store, &forced()).unwrap();
        sync_store(&mut two.store, &forced()).unwrap();
    }
    assert_eq!(one.cases(), two.cases());
    let mut numbers: Vec<_> = one.cases().into_iter().filter_map(|c| c.1).collect();
    assert_eq!(numbers.len(), 10);
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 10, "no number issued twice");
    assert!(numbers.iter().all(|n| n.starts_with(HALL)));
}

/// `bianmin sync run` on a terminal with many events, killed once part of the push is in.
#[test]
fn a_sender_killed_mid_push_leaves_no_lock_behind_and_every_event_arrives_once() {
    const EVENTS: usize = 30_000;
    let (county_dir, tokens) = county_with(&["01"]);
    let county = bianmin::county::server::Running::start(county_dir.path(), 2).unwrap();
    let mut terminal = Terminal::new("01");
    terminal.configure(&county.url(), &tokens[0]);
    sync_support::queue_events(&terminal.database(), EVENTS);
    let county_events = || {
        CountyStore::open_dir(county_dir.path())
            .unwrap()
            .stats()
            .unwrap()
            .events
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(terminal.path())
        .args(["sync", "run"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while county_events() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = county_events();
    assert!(
        at_kill > 0 && (at_kill as usize) < EVENTS,
        "killed mid-push ({at_kill})"
    );
    // At once: no lease to wait out.
    let next = bianmin(terminal.path(), &["sync", "run"]);
    assert!(
        next.status.success(),
        "{}",
        String::from_utf8_lossy(&next.stderr)
    );
    // The queued events and the terminal's admin account.
    let all = EVENTS as i64 + 1;
    assert_eq!(county_events(), all as u64, "every event exactly once");
    assert_eq!(terminal.outbox_states(), vec![("sent".into(), all)]);
}

#[test]
fn a_pulled_case_with_a_number_already_used_here_is_set_aside_and_the_pull_goes_on() {
    let (_county_dir, _county, mut one, mut two) = sync_support::county_and_two_terminals();
    let first = one.household(31);
    let clashing = one.case(&first, 0);
    let ours = two.household(32);
    let ours = two.case(&ours, 1);
    // Terminal two issued the same number for another case (as two terminals both left on
    // device 01 once did).
    rusqlite::Connection::open(two.database())
        .unwrap()
        .execute(
            "UPDATE application SET number = ?1 WHERE id = ?2",
            [clashing.number.as_deref().unwrap(), ours.id.as_str()],
        )
        .unwrap();
    let later = one.household(33);
    let later = one.case(&later, 2);
    sync_store(&mut one.store, &forced()).unwrap();

    let report = sync_store(&mut two.store, &forced()).unwrap();
    assert_eq!(report.conflicts, 1, "{report:?}");
    let has = |terminal: &Terminal, id: &str| terminal.store.case(id).unwrap().is_some();
    assert!(has(&two, &later.id), "the rest of the pull was applied");
    assert!(!has(&two, &clashing.id), "the clashing case is kept aside");
    let conflicts = two.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].entity, bianmin::store::NUMBER_CLASH);
    assert_eq!(conflicts[0].entity_id, ours.id);
    assert!(conflicts[0].remote_payload.contains(&clashing.id));
    // Every further sync succeeds on both.
    for _ in 0..2 {
        sync_store(&mut two.store, &forced()).unwrap();
        sync_store(&mut one.store, &forced()).unwrap();
    }
}
