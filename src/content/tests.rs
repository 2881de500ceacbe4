use crate::explain::Explain;
use std::fs;
use std::path::Path;

use super::*;
use crate::domain::ItemKind;

/// Copies the shipped content folder to `to`, for tests that break a copy.
pub(crate) fn copy_shipped(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/content");
    for entry in walk(&from) {
        let relative = entry.strip_prefix(&from).unwrap();
        let target = to.join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&entry, target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_shipped_content_has_exactly_39_complete_items() {
    let content = shipped().expect("shipped content is valid");
    assert_eq!(content.items.len(), 39);
    let numbers: Vec<u32> = content.items.iter().map(|item| item.number).collect();
    assert_eq!(numbers, (1..=39).collect::<Vec<_>>());
    for item in &content.items {
        assert!(!item.materials.is_empty(), "{} has no materials", item.id);
        assert!(!item.steps.is_empty(), "{} has no steps", item.id);
        match item.kind {
            ItemKind::Instant => assert_eq!(item.promised_days, 0, "{}", item.id),
            ItemKind::Promised => assert!(item.promised_days > 0, "{}", item.id),
        }
        assert!(content.category(&item.category).is_some());
        assert!(content.window(item.window).is_some());
    }
    assert_eq!(content.hall.township_code, "621023202");
    assert_eq!(content.hall.hotline_168, "168");
    assert_eq!(content.hall.supervision_phone, "12345");
}

#[test]
fn the_shipped_content_has_policies_and_every_board() {
    let content = shipped().unwrap();
    assert!(content.policies.len() >= 10);
    assert!(content.policies.iter().any(|policy| policy.unverified));
    for board in [
        "agri-inputs",
        "sci-culture",
        "health",
        "employment",
        "social-security",
        "duties",
        "commitments",
    ] {
        assert!(
            !content.notices_on(board).is_empty(),
            "board {board} is empty"
        );
    }
    let commitments: String = content
        .notices_on("commitments")
        .iter()
        .map(|notice| notice.title.as_str())
        .collect();
    for rule in ["首问负责", "一次性告知", "限时办结"] {
        assert!(commitments.contains(rule), "no notice on {rule}");
    }
}

#[test]
fn a_folder_copy_of_the_shipped_content_loads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    copy_shipped(dir.path());
    assert_eq!(load_dir(dir.path()).unwrap(), shipped().unwrap());
}

#[test]
fn a_wrong_type_names_the_file_the_entry_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_shipped(dir.path());
    replace_in(
        &dir.path().join("items/c-social-assistance.toml"),
        "promised_days = 25",
        "promised_days = \"twenty\"",
    );
    let errors = load_dir(dir.path()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(error.file, "items/c-social-assistance.toml");
    assert_eq!(error.entry, "minimum-living-allowance");
    assert_eq!(error.field, "promised_days");
    let message = error.words(crate::i18n::Language::ZhCn);
    assert!(message.contains("items/c-social-assistance.toml"));
    assert!(message.contains("minimum-living-allowance"));
    assert!(message.contains("promised_days"));
}

#[test]
fn a_missing_field_inside_a_material_is_named_by_its_path() {
    let dir = tempfile::tempdir().unwrap();
    copy_shipped(dir.path());
    let path = dir.path().join("items/a-social-security.toml");
    let text = fs::read_to_string(&path).unwrap();
    // Drop the first material's `check` line.
    let start = text.find("check = ").unwrap();
    let end = start + text[start..].find('\n').unwrap() + 1;
    fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let errors = load_dir(dir.path()).unwrap_err();
    assert_eq!(errors[0].file, "items/a-social-security.toml");
    assert_eq!(errors[0].entry, "pension-enrolment");
    assert_eq!(errors[0].field, "material[0].check");
}

#[test]
fn broken_references_and_empty_lists_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    copy_shipped(dir.path());
    let items = dir.path().join("items/f-agriculture.toml");
    replace_in(
        &items,
        "category = \"agriculture\"",
        "category = \"nowhere\"",
    );
    replace_in(
        &dir.path().join("notices.toml"),
        "board = \"health\"",
        "board = \"gossip\"",
    );
    let errors = load_dir(dir.path()).unwrap_err();
    assert!(errors.iter().any(|e| e.file == "items/f-agriculture.toml"
        && e.field == "category"
        && e.problem == Problem::UnknownReference("nowhere".into())));
    assert!(
        errors
            .iter()
            .any(|e| e.file == "notices.toml" && e.field == "board")
    );
}

#[test]
fn a_toml_syntax_error_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_shipped(dir.path());
    fs::write(
        dir.path().join("policies.toml"),
        "[[policy]]\nid = \"x\"\nname = \n",
    )
    .unwrap();
    let errors = load_dir(dir.path()).unwrap_err();
    assert_eq!(errors[0].file, "policies.toml");
    assert_eq!(errors[0].entry, "line 3");
}
