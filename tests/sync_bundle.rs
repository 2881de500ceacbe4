//! USB bundles between a hall and the county: round trip, double import, and every kind of bad
//! bundle refused with the database unchanged; random bytes never make the reader panic.

mod sync_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bianmin::county::CountyStore;
use bianmin::domain::application::CaseState;
use bianmin::domain::sync::bundle::BundleProblem;
use bianmin::sync::bundle::BundleReader;
use bianmin::sync::{SyncError, export_bundle, import_reply};
use proptest::prelude::*;
use sync_support::{HALL, Terminal, dump, usb_county_and_two_terminals};

struct Setup {
    county_dir: tempfile::TempDir,
    one: Terminal,
    two: Terminal,
    files: tempfile::TempDir,
}

fn county_db(dir: &Path) -> PathBuf {
    dir.join("county.sqlite3")
}

/// A county with two terminals of the hall (USB only: a token, no address), terminal one
/// holding a household and two cases.
fn setup() -> Setup {
    let (county_dir, mut one, two) = usb_county_and_two_terminals();
    let household = one.household(31);
    one.case(&household, 0);
    one.case(&household, 1);
    Setup {
        county_dir,
        one,
        two,
        files: tempfile::tempdir().unwrap(),
    }
}

impl Setup {
    fn file(&self, name: &str) -> PathBuf {
        self.files.path().join(name)
    }

    fn county(&self) -> CountyStore {
        CountyStore::open_dir(self.county_dir.path()).unwrap()
    }

    /// Export from terminal one, import at the county, and export the reply.
    fn round(&mut self, name: &str) -> PathBuf {
        let events = self.file(&format!("{name}.events"));
        export_bundle(&self.one.store, &events).unwrap();
        self.county().import_bundle(&events).unwrap();
        let reply = self.file(&format!("{name}.reply"));
        self.county().export_reply(HALL, &reply).unwrap();
        reply
    }
}

#[test]
fn a_round_trip_by_usb_sends_everything_and_brings_the_hall_together() {
    let mut setup = setup();
    let events = setup.file("one.events");
    let report = export_bundle(&setup.one.store, &events).unwrap();
    // The admin account, the household and two cases.
    assert_eq!(
        (report.count, report.first_seq, report.last_seq),
        (4, Some(1), Some(4))
    );
    // Exporting sends nothing by itself: the events wait for the county's acks.
    assert_eq!(setup.one.outbox_states(), vec![("pending".to_owned(), 4)]);
    let imported = setup.county().import_bundle(&events).unwrap();
    assert_eq!((imported.accepted, imported.duplicate), (4, 0));
    let reply = setup.file("one.reply");
    setup.county().export_reply(HALL, &reply).unwrap();

    let report = import_reply(&mut setup.one.store, &reply).unwrap();
    assert_eq!(report.acks.accepted, 4);
    assert_eq!(setup.one.outbox_states(), vec![("sent".to_owned(), 4)]);
    let report = import_reply(&mut setup.two.store, &reply).unwrap();
    assert_eq!(report.applied.applied, 4);
    assert_eq!(setup.one.cases(), setup.two.cases());

    // A county decision travels back by USB too.
    let number = setup.one.cases()[0].1.clone().unwrap();
    let id = setup.one.cases()[0].0.clone();
    setup
        .county()
        .decide(&number, CaseState::Returned, "证明过期")
        .unwrap();
    let reply = setup.file("two.reply");
    setup.county().export_reply(HALL, &reply).unwrap();
    for terminal in [&mut setup.one, &mut setup.two] {
        import_reply(&mut terminal.store, &reply).unwrap();
        let case = terminal.store.case(&id).unwrap().unwrap();
        assert_eq!(case.state, CaseState::Returned);
    }
}

#[test]
fn importing_the_same_bundle_twice_changes_nothing() {
    let mut setup = setup();
    let events = setup.file("events");
    export_bundle(&setup.one.store, &events).unwrap();
    setup.county().import_bundle(&events).unwrap();
    let before = dump(&county_db(setup.county_dir.path()));
    let again = setup.county().import_bundle(&events).unwrap();
    assert_eq!((again.accepted, again.duplicate), (0, 4));
    assert_eq!(dump(&county_db(setup.county_dir.path())), before);

    let reply = setup.file("reply");
    setup.county().export_reply(HALL, &reply).unwrap();
    import_reply(&mut setup.two.store, &reply).unwrap();
    let before = dump(&setup.two.database());
    import_reply(&mut setup.two.store, &reply).unwrap();
    assert_eq!(dump(&setup.two.database()), before);
}

fn refused_by_county(setup: &Setup, file: &Path) -> BundleProblem {
    let before = dump(&county_db(setup.county_dir.path()));
    let error = setup.county().import_bundle(file).unwrap_err();
    assert_eq!(dump(&county_db(setup.county_dir.path())), before, "{error}");
    match error {
        bianmin::county::CountyError::Bundle(problem) => problem,
        other => panic!("not a bundle problem: {other}"),
    }
}

fn refused_by_hall(terminal: &mut Terminal, file: &Path) -> BundleProblem {
    let before = dump(&terminal.database());
    let error = import_reply(&mut terminal.store, file).unwrap_err();
    assert_eq!(dump(&terminal.database()), before, "{error}");
    match error {
        SyncError::Bundle(problem) => problem,
        other => panic!("not a bundle problem: {other}"),
    }
}

#[test]
fn truncated_altered_foreign_and_wrongly_signed_bundles_are_refused_unchanged() {
    let mut setup = setup();
    let events = setup.file("events");
    export_bundle(&setup.one.store, &events).unwrap();
    let bytes = std::fs::read(&events).unwrap();

    let cut = setup.file("cut");
    std::fs::write(&cut, &bytes[..bytes.len() - 30]).unwrap();
    assert!(matches!(
        refused_by_county(&setup, &cut),
        BundleProblem::Truncated | BundleProblem::Damaged { .. }
    ));

    // One bit flipped inside a payload (the JSON stays readable): the digest catches it.
    let flipped = setup.file("flipped");
    let mut altered = bytes.clone();
    let at = bytes.windows(9).position(|w| w == b"head_name").unwrap();
    altered[at] ^= 0x01;
    std::fs::write(&flipped, &altered).unwrap();
    assert!(matches!(
        refused_by_county(&setup, &flipped),
        BundleProblem::DigestMismatch | BundleProblem::Damaged { .. }
    ));

    // The same content signed with another device's key.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let forged = setup.file("forged");
    std::fs::write(
        &forged,
        text.replacen(r#""device":"01""#, r#""device":"02""#, 1),
    )
    .unwrap();
    assert!(matches!(
        refused_by_county(&setup, &forged),
        BundleProblem::WrongKey | BundleProblem::DigestMismatch
    ));
    let mut stranger = Terminal::new("01");
    stranger.configure_usb_only(&sync_support::unknown_token("01"));
    stranger.household(32);
    let wrong_key = setup.file("wrong-key");
    export_bundle(&stranger.store, &wrong_key).unwrap();
    assert_eq!(
        refused_by_county(&setup, &wrong_key),
        BundleProblem::WrongKey
    );

    // A hall the county never registered.
    let foreign = setup.file("foreign");
    std::fs::write(&foreign, text.replacen(HALL, "621023299", 1)).unwrap();
    assert!(matches!(
        refused_by_county(&setup, &foreign),
        BundleProblem::UnknownDevice { .. }
    ));

    // The county's reply, damaged or for another hall, at the terminal.
    setup.county().import_bundle(&events).unwrap();
    let reply = setup.file("reply");
    setup.county().export_reply(HALL, &reply).unwrap();
    let reply_bytes = std::fs::read(&reply).unwrap();
    let cut_reply = setup.file("cut-reply");
    std::fs::write(&cut_reply, &reply_bytes[..reply_bytes.len() / 2]).unwrap();
    assert!(matches!(
        refused_by_hall(&mut setup.two, &cut_reply),
        BundleProblem::Truncated | BundleProblem::Damaged { .. }
    ));
    let flipped_reply = setup.file("flipped-reply");
    let mut altered = reply_bytes.clone();
    let at = reply_bytes
        .windows(8)
        .position(|w| w == b"accepted")
        .unwrap();
    altered[at] = b'A';
    std::fs::write(&flipped_reply, &altered).unwrap();
    refused_by_hall(&mut setup.two, &flipped_reply);
    let other_hall = setup.file("other-hall-reply");
    let reply_text = String::from_utf8(reply_bytes).unwrap();
    std::fs::write(&other_hall, reply_text.replacen(HALL, "621023299", 1)).unwrap();
    assert!(matches!(
        refused_by_hall(&mut setup.two, &other_hall),
        BundleProblem::ForeignHall { .. }
    ));
    let mut stranger_reply_reader = Terminal::new("02");
    stranger_reply_reader.configure_usb_only(&sync_support::unknown_token("02"));
    assert_eq!(
        refused_by_hall(&mut stranger_reply_reader, &reply),
        BundleProblem::WrongKey
    );
    // An events bundle is not a reply.
    assert!(matches!(
        refused_by_hall(&mut setup.two, &events),
        BundleProblem::WrongKind { .. }
    ));
}

#[test]
fn a_bundle_after_a_gap_and_an_older_reply_after_a_newer_one_are_refused() {
    let mut setup = setup();
    let first = setup.round("first");
    import_reply(&mut setup.one.store, &first).unwrap();
    // Three more events on terminal one (5–7, after its admin account, a household and two
    // cases); the first two are "lost" (marked sent without the county having them), so the
    // next bundle starts after a gap.
    let household = setup.one.household(33);
    setup.one.case(&household, 2);
    setup.one.case(&household, 3);
    rusqlite::Connection::open(setup.one.database())
        .unwrap()
        .execute("UPDATE outbox SET state = 'sent' WHERE seq IN (5, 6)", [])
        .unwrap();
    let gap = setup.file("gap");
    export_bundle(&setup.one.store, &gap).unwrap();
    assert_eq!(
        refused_by_county(&setup, &gap),
        BundleProblem::Gap {
            expected: 5,
            found: 7
        }
    );

    // A newer reply (after a county decision) imported, then the older one: refused.
    let number: String = rusqlite::Connection::open(county_db(setup.county_dir.path()))
        .unwrap()
        .query_row("SELECT number FROM application LIMIT 1", [], |row| {
            row.get(0)
        })
        .unwrap();
    setup
        .county()
        .decide(&number, CaseState::Returned, "退回")
        .unwrap();
    let newer = setup.file("newer");
    setup.county().export_reply(HALL, &newer).unwrap();
    import_reply(&mut setup.two.store, &newer).unwrap();
    assert!(matches!(
        refused_by_hall(&mut setup.two, &first),
        BundleProblem::OlderReply { .. }
    ));
}

fn bianmin(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("BIANMIN_LANG", "zh-CN")
        .output()
        .unwrap()
}

#[test]
fn the_command_line_explains_a_refused_bundle_in_chinese_and_exits_non_zero() {
    let setup = setup();
    let events = setup.file("events");
    export_bundle(&setup.one.store, &events).unwrap();
    let bytes = std::fs::read(&events).unwrap();
    let cut = setup.file("cut");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    let data = setup.county_dir.path().to_str().unwrap();
    let output = bianmin(
        &["county", "import", "--data", data, cut.to_str().unwrap()],
        setup.files.path(),
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("数据包不完整"), "{stderr}");
    let output = bianmin(
        &["county", "stats", "--data", data, "--json"],
        setup.files.path(),
    );
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["events"], 0);
    assert_eq!(stats["devices"], 2);
    assert_eq!(stats["halls"], 1);
    assert_eq!(stats["applications"], 0);
}

/// Reads a whole bundle; only whether it was accepted matters.
fn read_all(bytes: &[u8]) -> Result<u64, BundleProblem> {
    let mut reader = BundleReader::new(bytes)?;
    reader.expect_key("01", b"key");
    let mut lines = 0;
    while reader.next_line()?.is_some() {
        lines += 1;
    }
    Ok(lines)
}

fn sample_bundle() -> Vec<u8> {
    use bianmin::sync::bundle::BundleWriter;
    use bianmin::sync::wire::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample");
    let header = BundleHeader {
        format: BUNDLE_FORMAT.into(),
        version: BUNDLE_VERSION,
        kind: BundleKind::Events,
        hall: HALL.into(),
        device: "01".into(),
        created_at: "2026-11-27T09:00:00+08:00".into(),
        to_cursor: None,
    };
    let mut writer =
        BundleWriter::create(&path, &header, &[("01".into(), b"key".to_vec())]).unwrap();
    for seq in 1..=3 {
        writer
            .line(&BundleLine::Event(Event {
                id: format!("id-{seq}"),
                hall: HALL.into(),
                device: "01".into(),
                seq,
                kind: "case_state_changed".into(),
                entity_id: "case".into(),
                base: None,
                created_at: "2026-11-27T09:00:00+08:00".into(),
                payload: r#"{"to":"completed"}"#.into(),
            }))
            .unwrap();
    }
    writer.finish(Some(1), Some(3)).unwrap();
    std::fs::read(path).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_make_the_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_all(&bytes);
    }

    #[test]
    fn a_mutated_bundle_is_refused_and_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let original = sample_bundle();
        prop_assert_eq!(read_all(&original), Ok(3));
        let mut bytes = original.clone();
        for (at, value) in &edits {
            let at = at.index(bytes.len());
            bytes[at] = *value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        if bytes != original {
            prop_assert!(read_all(&bytes).is_err());
        }
    }
}
