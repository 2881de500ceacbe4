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
