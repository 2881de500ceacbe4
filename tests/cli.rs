//! The command line, run as a real process on a temporary data directory.

use std::path::Path;
use std::process::{Command, Output};

fn bianmin(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("bianmin runs")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn catalog_list_prints_all_39_items_with_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    let items = json(&bianmin(dir.path(), &["catalog", "list", "--json"]));
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 39);
    for item in items {
        for field in [
            "id",
            "name",
            "name_en",
            "category",
            "department",
            "promised_days",
            "legal_days",
            "materials",
            "steps",
        ] {
            assert!(item.get(field).is_some(), "{field} missing in {item}");
        }
        let materials = item["materials"].as_array().unwrap();
        assert!(!materials.is_empty());
        assert!(materials[0]["name"].is_string());
        assert!(materials[0]["required"].is_boolean());
        assert!(!item["steps"].as_array().unwrap().is_empty());
    }
    let tractor = items
        .iter()
        .find(|item| item["id"] == "farm-machine-registration")
        .unwrap();
    assert_eq!(tractor["legal_days"], 2);
    // The database was created where --data-dir points.
    assert!(dir.path().join("bianmin.sqlite3").exists());
}

#[test]
fn search_finds_by_initials_full_pinyin_and_chinese() {
    let dir = tempfile::tempdir().unwrap();
    for (query, first_id) in [
        ("GDDL", "cultivated-land-subsidy"),
        ("gengdi", "cultivated-land-subsidy"),
        ("低保", "minimum-living-allowance"),
        ("canjiren", "disability-certificate"),
    ] {
        let hits = json(&bianmin(dir.path(), &["search", query, "--json"]));
        let first = &hits.as_array().unwrap()[0];
        assert_eq!(first["id"], first_id, "{query}");
        assert_eq!(first["kind"], "item");
        assert!(first["title"].is_string());
    }
    let notices = json(&bianmin(dir.path(), &["search", "168", "--json"]));
    assert!(
        notices
            .as_array()
            .unwrap()
            .iter()
            .any(|hit| hit["kind"] == "notice")
    );
}

#[test]
fn catalog_check_accepts_the_shipped_folder_and_names_errors_in_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content");
    let ok = bianmin(dir.path(), &["catalog", "check", shipped.to_str().unwrap()]);
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("39"));

    let broken = dir.path().join("broken");
    copy_dir(&shipped, &broken);
    let legal = broken.join("items/k-legal-services.toml");
    let items = std::fs::read_to_string(&legal).unwrap();
    std::fs::write(&legal, items.replacen("visits = ", "visits = -", 1)).unwrap();
    let failed = bianmin(dir.path(), &["catalog", "check", broken.to_str().unwrap()]);
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("items/k-legal-services.toml"), "{stderr}");
    assert!(stderr.contains("legal-aid-mediation"), "{stderr}");
    assert!(stderr.contains("visits"), "{stderr}");
}

/// Runs `bianmin` with a time limit: a command that hangs is killed and reported.
fn bianmin_within(data_dir: &Path, args: &[&str], env: &[(&str, Option<&str>)]) -> Output {
    use std::process::Stdio;
    let mut command = Command::new(env!("CARGO_BIN_EXE_bianmin"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("BIANMIN_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let mut child = command.spawn().expect("bianmin runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("bianmin {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn without_a_display_the_kiosk_says_so_and_exits_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let none = bianmin_within(
        dir.path(),
        &["--exit-after-first-frame"],
        &[("DISPLAY", None), ("WAYLAND_DISPLAY", None)],
    );
    assert_eq!(none.status.code(), Some(1), "{none:?}");
    let stderr = String::from_utf8_lossy(&none.stderr);
    assert!(stderr.contains("DISPLAY"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // A display that is named but not there.
    let absent = bianmin_within(
        dir.path(),
        &["--exit-after-first-frame"],
        &[("DISPLAY", Some(":87")), ("WAYLAND_DISPLAY", None)],
    );
    assert_eq!(absent.status.code(), Some(1), "{absent:?}");
}

#[test]
fn an_unusable_data_directory_is_a_clear_failure_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    // A plain file where the data directory should be.
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let output = bianmin_within(&file.join("data"), &["application", "list", "--json"], &[]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("not-a-dir"));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_huge_file_in_a_content_folder_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    // The hall's own content folder inside a data directory.
    let data = dir.path().join("data");
    let folder = data.join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content"),
        &folder,
    );
    let fifo = folder.join("items/zz-pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::remove_file(folder.join("villages.toml")).unwrap();
    std::fs::write(folder.join("villages.toml"), vec![b'#'; 3 * 1024 * 1024]).unwrap();
    let stderr = refused_by_catalog_check(dir.path(), &folder);
    assert!(stderr.contains("items/zz-pipe.toml"), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(stderr.contains("villages.toml"), "{stderr}");
    assert!(stderr.contains("too large"), "{stderr}");
    // Opening the terminal does not hang on it either: it starts on the shipped content.
    let listed = bianmin_within(&data, &["catalog", "list", "--json"], &[]);
    assert!(listed.status.success(), "{listed:?}");
}

/// Runs `catalog check` on `folder`, which must fail; returns what it said.
fn refused_by_catalog_check(data_dir: &Path, folder: &Path) -> String {
    let check = bianmin_within(
        data_dir,
        &["catalog", "check", folder.to_str().unwrap()],
        &[],
    );
    assert!(!check.status.success());
    String::from_utf8_lossy(&check.stderr).into_owned()
}

#[test]
fn ids_that_are_not_slugs_and_absurdly_long_fields_are_named_by_catalog_check() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content"),
        &folder,
    );
    let policies = folder.join("policies.toml");
    let text = std::fs::read_to_string(&policies).unwrap();
    let text = text
        .replacen(
            "id = \"cultivated-land-protection\"",
            "id = \"../../etc/passwd\"",
            1,
        )
        .replacen(
            "id = \"grain-grower-one-off\"",
            &format!(
                "id = \"grain-grower-one-off\"\nsummary_note = \"{}\"",
                "长".repeat(5000)
            ),
            1,
        );
    std::fs::write(&policies, text).unwrap();
    let stderr = refused_by_catalog_check(dir.path(), &folder);
    assert!(stderr.contains("policies.toml"), "{stderr}");
    assert!(stderr.contains("../../etc/passwd"), "{stderr}");
    assert!(stderr.contains("summary_note"), "{stderr}");
    assert!(stderr.contains("5000"), "{stderr}");
}

fn chars_found(args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["chars"];
    all.extend_from_slice(args);
    all.push("--json");
    let found = json(&bianmin(dir.path(), &all));
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|candidate| {
            let code = candidate["code_point"].as_str().unwrap();
            let ch = candidate["char"].as_str().unwrap();
            assert_eq!(
                format!("U+{:04X}", u32::from(ch.chars().next().unwrap())),
                code
            );
            ch.to_owned()
        })
        .collect()
}

#[test]
fn chars_finds_rare_name_characters_by_pinyin_radical_and_code_point() {
    assert!(chars_found(&["--pinyin", "yan", "--limit", "2000"]).contains(&"䶮".to_owned()));
    assert!(chars_found(&["--radical", "龙", "--strokes", "4"]).contains(&"䶮".to_owned()));
    assert!(chars_found(&["--radical", "火", "--strokes", "4"]).contains(&"炎".to_owned()));
    assert_eq!(chars_found(&["--code", "U+2A6A5"]), ["𪚥"]);

    let dir = tempfile::tempdir().unwrap();
    let refused = bianmin_within(
        dir.path(),
        &["chars", "--pinyin", "火"],
        &[("BIANMIN_LANG", Some("zh-CN"))],
    );
    assert!(!refused.status.success());
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("不是拼音"), "{words}");
}

#[test]
fn chars_read_only_in_part_by_a_script_ends_quietly() {
    // A script that stops reading (`| head -1`) closes the pipe before all is written.
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["chars", "--pinyin", "yan", "--limit", "2000", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(done.status.success(), "{stderr}");
}

#[test]
fn content_export_then_import_into_a_fresh_terminal_and_a_broken_import_changes_nothing() {
    let hall = tempfile::tempdir().unwrap();
    let package = hall.path().join("package");
    let exported = bianmin(
        hall.path(),
        &["content", "export", package.to_str().unwrap()],
    );
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    assert!(package.join("items").is_dir());
    // The county's version of the package: one item's time limit shortened.
    let items = package.join("items/a-social-security.toml");
    let text = std::fs::read_to_string(&items).unwrap();
    std::fs::write(
        &items,
        text.replacen("promised_days = 3", "promised_days = 2", 1),
    )
    .unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let dry = bianmin(
        fresh.path(),
        &["content", "import", package.to_str().unwrap(), "--dry-run"],
    );
    let said = String::from_utf8_lossy(&dry.stdout);
    assert!(dry.status.success() && said.contains("3 → 2"), "{said}");
    let unconfirmed = bianmin(
        fresh.path(),
        &["content", "import", package.to_str().unwrap()],
    );
    assert!(
        !unconfirmed.status.success(),
        "no --yes and no terminal to ask on"
    );
    let applied = bianmin(
        fresh.path(),
        &[
            "content",
            "import",
            package.to_str().unwrap(),
            "--yes",
            "--actor",
            "county",
        ],
    );
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let listed = json(&bianmin(fresh.path(), &["catalog", "list", "--json"]));
    assert_eq!(listed[0]["promised_days"], 2);
    let history = json(&bianmin(fresh.path(), &["content", "history", "--json"]));
    assert_eq!(history[0]["reason"], "import");
    assert_eq!(history[0]["login"], "county");
    // The terminal's own folder holds the very files imported.
    let mine = std::fs::read_to_string(fresh.path().join("content/items/a-social-security.toml"));
    assert_eq!(mine.unwrap(), std::fs::read_to_string(&items).unwrap());

    // A broken package: every problem printed, nothing changed, a failing exit.
    std::fs::write(package.join("hall.toml"), "[hall]\nname = 1\n").unwrap();
    let broken = bianmin(
        fresh.path(),
        &["content", "import", package.to_str().unwrap(), "--yes"],
    );
    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("hall.toml"), "{stderr}");
    let after = json(&bianmin(fresh.path(), &["content", "history", "--json"]));
    assert_eq!(after, history);
    let listed = json(&bianmin(fresh.path(), &["catalog", "list", "--json"]));
    assert_eq!(listed[0]["promised_days"], 2);
}

/// `bianmin speak` with no settings file of its own.
fn speak(dir: &Path, args: &[&str], env: &[(&str, Option<&str>)]) -> Output {
    let settings = dir.join("no-settings.toml");
    let mut all = vec!["--settings", settings.to_str().unwrap(), "speak"];
    all.extend_from_slice(args);
    bianmin_within(dir, &all, env)
}

/// A WAV file's format (channels, sample rate, bits) and how many bytes of sound it holds,
/// checked against its RIFF header.
fn wav_sound_bytes(path: &Path) -> (u16, u32, u16, usize) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], b"RIFF", "{}", path.display());
    assert_eq!(&bytes[8..16], b"WAVEfmt ");
    let riff_size = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    assert_eq!(riff_size, bytes.len() - 8, "the RIFF size is the file's");
    let le16 = |at: usize| u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap());
    let le32 = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!(le16(20), 1, "PCM");
    assert_eq!(&bytes[36..40], b"data");
    let data = le32(40) as usize;
    assert_eq!(
        data,
        bytes.len() - 44,
        "the data size is what follows the header"
    );
    (le16(22), le32(24), le16(34), data)
}

#[test]
fn speak_writes_a_wav_that_grows_with_the_text_and_slows_with_the_rate() {
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short.wav");
    let long = dir.path().join("long.wav");
    let out = speak(
        dir.path(),
        &["请到银行办理。", "--out", short.to_str().unwrap()],
        &[],
    );
    assert!(out.status.success(), "{out:?}");
    let text = "新一轮退耕还林每亩补助1200元，分三次下达：第一年500元、第三年300元、第五年400元。\
                补贴资金通过“一卡通”发放，咨询电话0934-5581002。";
    let out = speak(dir.path(), &[text, "--out", long.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{out:?}");
    let (channels, rate, bits, short_bytes) = wav_sound_bytes(&short);
    assert_eq!((channels, rate, bits), (1, 22_050, 16));
    let (_, _, _, long_bytes) = wav_sound_bytes(&long);
    assert!(
        short_bytes > 22_050,
        "at least half a second of sound: {short_bytes}"
    );
    assert!(
        long_bytes > 4 * short_bytes,
        "a text eight times as long: {long_bytes} bytes against {short_bytes}"
    );

    let slow = dir.path().join("slow.wav");
    let fast = dir.path().join("fast.wav");
    for (path, rate) in [(&slow, "90"), (&fast, "200")] {
        let out = speak(
            dir.path(),
            &[text, "--rate", rate, "--out", path.to_str().unwrap()],
            &[],
        );
        assert!(out.status.success(), "{out:?}");
    }
    assert!(wav_sound_bytes(&slow).3 > wav_sound_bytes(&fast).3);
}

#[test]
fn speak_prints_the_pinyin_of_the_polyphone_sentences_from_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let sentences = include_str!("fixtures/speech/polyphones.tsv");
    for line in sentences.lines().filter(|line| !line.starts_with('#')) {
        let (sentence, expected) = line.split_once('\t').unwrap();
        let out = speak(dir.path(), &["--pinyin", sentence], &[]);
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            expected,
            "{sentence}"
        );
    }
    let out = speak(dir.path(), &["--words", "¥1,250.50，2026年3月5日"], &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "一千二百五十元五角，二〇二六年三月五日"
    );
}

#[test]
fn speak_without_espeak_ng_or_text_says_why_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("x.wav");
    let empty_path = dir.path().join("bin");
    std::fs::create_dir_all(&empty_path).unwrap();
    let out = speak(
        dir.path(),
        &["请到银行办理。", "--out", wav.to_str().unwrap()],
        &[
            ("PATH", Some(empty_path.to_str().unwrap())),
            ("BIANMIN_LANG", Some("zh-CN")),
        ],
    );
    assert!(!out.status.success());
    let words = String::from_utf8_lossy(&out.stderr);
    assert!(words.contains("没有安装朗读程序"), "{words}");
    assert!(!wav.exists());

    let out = speak(dir.path(), &["——。", "--pinyin"], &[]);
    assert!(!out.status.success());
    let words = String::from_utf8_lossy(&out.stderr);
    assert!(words.contains("nothing to read aloud"), "{words}");
}
