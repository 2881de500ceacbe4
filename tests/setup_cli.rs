//! `bianmin setup` from a profile file, and the marks on paper while a terminal's data is not
//! real: 示例 on the shipped sample profile, 培训 on training data. Real processes, real PDFs.

mod sync_support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use sync_support::{Terminal, dump};

fn bianmin(data_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bianmin runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn text_of(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The shipped profile made real: another name and address, no `sample = true`.
fn real_profile(dir: &Path, sample: bool) -> std::path::PathBuf {
    let shipped = include_str!("../assets/content/hall.toml");
    let mut profile = shipped
        .replace("上里塬乡便民服务大厅", "上里塬乡便民服务中心")
        .replace(
            "甘肃省庆阳市华池县上里塬乡人民政府院内便民服务大厅（一楼）",
            "上里塬乡政府东侧一号",
        );
    if !sample {
        profile = profile.replace("sample = true\n", "");
    }
    let path = dir.join(if sample {
        "sample-profile.toml"
    } else {
        "hall-profile.toml"
    });
    std::fs::write(&path, profile).unwrap();
    path
}

/// Prints the case's receipt and the household's card; their text.
fn print_both(data: &Path, case: &str, household: &str, out: &Path) -> (String, String) {
    let receipt = out.join("receipt.pdf");
    let card = out.join("card.pdf");
    ok(bianmin(
        data,
        &[
            "print",
            "receipt",
            "--application",
            case,
            "--out",
            receipt.to_str().unwrap(),
        ],
        "",
    ));
    ok(bianmin(
        data,
        &[
            "print",
            "card",
            "--household",
            household,
            "--out",
            card.to_str().unwrap(),
        ],
        "",
    ));
    (text_of(&receipt), text_of(&card))
}

#[test]
fn a_terminal_set_up_from_a_profile_prints_its_own_hall_and_no_sample_mark() {
    let mut terminal = Terminal::new("01");
    let household = terminal.household(7);
    let case = terminal.case(&household, 0);
    let number = case.number.clone().unwrap();
    let data = terminal.dir.path().to_path_buf();
    drop(terminal.store);
    let out = tempfile::tempdir().unwrap();

    let (receipt, card) = print_both(&data, &number, &household.id, out.path());
    for text in [&receipt, &card] {
        assert!(text.contains("示例"), "{text}");
        assert!(text.contains("上里塬乡便民服务大厅"), "{text}");
    }

    let profile = real_profile(out.path(), false);
    let said = ok(bianmin(
        &data,
        &[
            "setup",
            "--profile",
            profile.to_str().unwrap(),
            "--device",
            "01",
            "--admin",
            "zhanzhang",
            "--admin-name",
            "李站长",
            "--admin-phone",
            "13912345678",
        ],
        "a-long-admin-password\n",
    ));
    assert!(said.contains("上里塬乡便民服务中心"), "{said}");

    let (receipt, card) = print_both(&data, &number, &household.id, out.path());
    for text in [&receipt, &card] {
        assert!(!text.contains("示例"), "{text}");
        assert!(text.contains("上里塬乡便民服务中心"), "{text}");
    }
    // The new admin can log in.
    let mut store = bianmin::store::Store::open_dir(&data).unwrap();
    store
        .login(
            bianmin::store::LoginBy::Account("zhanzhang"),
            "a-long-admin-password",
            bianmin::clock::now(),
        )
        .expect("the admin logs in");
}

#[test]
fn a_sample_profile_a_taken_account_or_another_device_code_change_nothing() {
    let terminal = Terminal::new("01");
    let data = terminal.dir.path().to_path_buf();
    drop(terminal.store);
    // Started once, as every terminal is before anyone sets it up: the start records which
    // content files it checked (a cache of the start-up path, see `startup`).
    drop(bianmin::startup::open(&data).unwrap());
    let out = tempfile::tempdir().unwrap();
    let before = dump(&data.join("bianmin.sqlite3"));
    let attempts: [(std::path::PathBuf, &str, &str, &str); 3] = [
        (
            real_profile(out.path(), true),
            "01",
            "zhanzhang",
            "13912345678",
        ),
        (
            real_profile(out.path(), false),
            "01",
            "admin01",
            "13912345678",
        ),
        (
            real_profile(out.path(), false),
            "02",
            "zhanzhang",
            "13912345678",
        ),
    ];
    for (profile, device, admin, phone) in attempts {
        let output = bianmin(
            &data,
            &[
                "setup",
                "--profile",
                profile.to_str().unwrap(),
                "--device",
                device,
                "--admin",
                admin,
                "--admin-phone",
                phone,
            ],
            "a-long-admin-password\n",
        );
        assert!(!output.status.success(), "{device} {admin}");
        assert!(!output.stderr.is_empty());
        assert_eq!(
            dump(&data.join("bianmin.sqlite3")),
            before,
            "{device} {admin}"
        );
        assert!(!data.join("content").exists());
    }
}

#[test]
fn training_data_prints_the_training_mark() {
    let data = tempfile::tempdir().unwrap();
    ok(bianmin(data.path(), &["device", "code", "01"], ""));
    ok(bianmin(
        data.path(),
        &["demo", "seed", "--households", "3", "--applications", "3"],
        "",
    ));
    let households: serde_json::Value = serde_json::from_str(&ok(bianmin(
        data.path(),
        &["household", "list", "--json"],
        "",
    )))
    .unwrap();
    let household = households[0]["id"].as_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let card = out.path().join("card.pdf");
    ok(bianmin(
        data.path(),
        &[
            "print",
            "card",
            "--household",
            household,
            "--out",
            card.to_str().unwrap(),
        ],
        "",
    ));
    assert!(text_of(&card).contains("培训"));
}
