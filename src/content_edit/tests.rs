use super::*;
use crate::content::{Folder, Shipped};
use crate::domain::ItemKind;
use crate::startup::{self, CONTENT_OVERRIDE_DIR};

fn admin() -> Author {
    Author {
        login: Some("admin01".into()),
        name: "王管理".into(),
    }
}

fn now() -> Timestamp {
    "2026-12-02T09:30:00+08:00".parse().unwrap()
}

/// The item whose time limit the tests change, and its new limit.
fn shorter_limit(content: &Content) -> Content {
    let mut after = content.clone();
    let item = after
        .items
        .iter_mut()
        .find(|item| item.kind == ItemKind::Promised && item.promised_days > 2)
        .unwrap();
    item.promised_days -= 1;
    after
}

fn folder_of(dir: &Path) -> PathBuf {
    dir.join(CONTENT_OVERRIDE_DIR)
}

fn revisions(store: &Store) -> usize {
    store.content_revisions(1000).unwrap().len()
}

#[test]
fn an_edit_is_kept_in_the_history_and_undone_to_the_first_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let shipped = opened.content.clone();
    let first = opened.store.latest_content_revision().unwrap();
    assert!(first.is_some(), "the first start is revision one");
    assert!(!folder_of(dir.path()).exists());

    let after = shorter_limit(&shipped);
    let saved = save(&mut opened.store, first, &after, &admin(), now()).unwrap();
    assert_eq!(saved.content, after);
    assert_eq!(saved.changes.len(), 1);
    assert_eq!(opened.store.load_content().unwrap().as_ref(), Some(&after));
    assert_eq!(
        content::load_dir(&folder_of(dir.path())).unwrap(),
        after,
        "the edit lives in the hall's own folder"
    );
    let history = opened.store.content_revisions(10).unwrap();
    assert_eq!(history[0].id, saved.revision);
    assert_eq!(history[0].author, admin());
    assert_eq!(history[0].reason, RevisionReason::Edit);
    assert_eq!(history[0].at, now().to_rfc3339());
    assert_eq!(history[0].changes, saved.changes);

    let undone = undo(&mut opened.store, first.unwrap(), &admin(), now()).unwrap();
    assert_eq!(undone.content, shipped);
    assert_eq!(opened.store.load_content().unwrap(), Some(shipped.clone()));
    assert_eq!(content::load_dir(&folder_of(dir.path())).unwrap(), shipped);
    let history = opened.store.content_revisions(10).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].reason, RevisionReason::Undo);
    assert_eq!(history[0].restored, first);
    // And the undo itself can be undone.
    let again = undo(&mut opened.store, saved.revision, &admin(), now()).unwrap();
    assert_eq!(again.content, after);
}

#[test]
fn an_edit_with_problems_changes_nothing_and_names_each_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let before = opened.content.clone();
    let base = opened.store.latest_content_revision().unwrap();
    let mut after = before.clone();
    after.items[0].name = " ".into();
    after.items[0].materials.clear();
    after.hall.follow_up_working_days = 0;
    let Err(EditError::Content(problems)) = save(&mut opened.store, base, &after, &admin(), now())
    else {
        panic!("refused")
    };
    let named: Vec<_> = problems
        .iter()
        .map(|p| (p.file.as_str(), p.entry.as_str(), p.field.as_str()))
        .collect();
    let item = before.items[0].id.as_str();
    assert!(named.contains(&("hall.toml", "hall", "follow_up_working_days")));
    assert!(
        named
            .iter()
            .any(|(file, entry, field)| file.starts_with("items/")
                && *entry == item
                && *field == "name")
    );
    assert!(
        named
            .iter()
            .any(|(_, entry, field)| *entry == item && *field == "material")
    );
    assert_eq!(opened.store.load_content().unwrap(), Some(before));
    assert_eq!(revisions(&opened.store), 1);
    assert!(!folder_of(dir.path()).exists());
}

#[test]
fn saving_unchanged_content_or_from_an_old_revision_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let same = opened.content.clone();
    assert!(matches!(
        save(&mut opened.store, base, &same, &admin(), now()),
        Err(EditError::Unchanged)
    ));
    let after = shorter_limit(&same);
    save(&mut opened.store, base, &after, &admin(), now()).unwrap();
    let mut other = same.clone();
    other.hall.phone = "0934-5580000".into();
    assert!(matches!(
        save(&mut opened.store, base, &other, &admin(), now()),
        Err(EditError::Moved { .. })
    ));
    assert_eq!(opened.store.load_content().unwrap(), Some(after));
}

#[test]
fn a_refused_database_write_puts_the_old_folder_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let first = shorter_limit(&opened.content);
    let saved = save(&mut opened.store, base, &first, &admin(), now()).unwrap();
    let folder_before = content::load_dir(&folder_of(dir.path())).unwrap();
    opened
        .store
        .conn()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON content_revision
             BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;",
        )
        .unwrap();
    let second = shorter_limit(&first);
    assert!(matches!(
        save(
            &mut opened.store,
            Some(saved.revision),
            &second,
            &admin(),
            now()
        ),
        Err(EditError::Store(_))
    ));
    assert_eq!(opened.store.load_content().unwrap(), Some(first));
    assert_eq!(
        content::load_dir(&folder_of(dir.path())).unwrap(),
        folder_before
    );
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("content."))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn export_then_import_into_a_fresh_data_dir_gives_identical_content() {
    let hall = tempfile::tempdir().unwrap();
    let mut opened = startup::open(hall.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let mut edited = shorter_limit(&opened.content);
    edited.notices[0].expires = Some("2027-06-30".parse().unwrap());
    edited.hall.follow_up_working_days = 7;
    save(&mut opened.store, base, &edited, &admin(), now()).unwrap();

    let out = tempfile::tempdir().unwrap();
    let package = out.path().join("package");
    let exported = export(&opened.store, &package).unwrap();
    assert!(matches!(
        export(&opened.store, &package),
        Err(EditError::NotEmpty(_))
    ));

    let fresh = tempfile::tempdir().unwrap();
    let mut other = startup::open(fresh.path()).unwrap();
    let incoming = read(&Folder(package.clone())).unwrap();
    assert_eq!(incoming, exported);
    let preview = preview(&other.store, incoming, false).unwrap();
    assert_eq!(preview.changes.len(), 3, "{:?}", preview.changes);
    let imported = import(&mut other.store, preview, &admin(), now()).unwrap();
    assert_eq!(imported.content, edited);
    assert_eq!(other.store.load_content().unwrap(), Some(edited.clone()));
    let hall_folder = FileSet::read_from(&Folder(folder_of(hall.path()))).unwrap();
    let fresh_folder = FileSet::read_from(&Folder(folder_of(fresh.path()))).unwrap();
    assert_eq!(fresh_folder, hall_folder, "the very same files");
    assert_eq!(fresh_folder, exported);
    // And it stays so across a restart.
    drop(other);
    assert_eq!(startup::open(fresh.path()).unwrap().content, edited);
}

#[test]
fn a_broken_import_lists_every_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let edited = shorter_limit(&opened.content);
    save(&mut opened.store, base, &edited, &admin(), now()).unwrap();
    let folder_before = FileSet::read_from(&Folder(folder_of(dir.path()))).unwrap();

    let broken = tempfile::tempdir().unwrap();
    content::write_folder(&Shipped, broken.path()).unwrap();
    std::fs::write(broken.path().join("hall.toml"), "[hall]\nname = 1\n").unwrap();
    let items = broken.path().join("items/a-social-security.toml");
    let text = std::fs::read_to_string(&items).unwrap();
    std::fs::write(&items, text.replacen("visits = ", "visits = -", 1)).unwrap();
    let incoming = read(&Folder(broken.path().to_path_buf())).unwrap();
    let Err(EditError::Content(problems)) = preview(&opened.store, incoming, false) else {
        panic!("refused")
    };
    let files: Vec<_> = problems.iter().map(|p| p.file.as_str()).collect();
    assert!(files.contains(&"hall.toml"), "{problems:?}");
    assert!(
        files.contains(&"items/a-social-security.toml"),
        "{problems:?}"
    );

    assert_eq!(opened.store.load_content().unwrap(), Some(edited));
    assert_eq!(revisions(&opened.store), 2);
    assert_eq!(
        FileSet::read_from(&Folder(folder_of(dir.path()))).unwrap(),
        folder_before
    );
}

#[test]
fn an_import_may_keep_the_halls_own_profile_and_villages() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let mut edited = opened.content.clone();
    edited.hall.name = "上里塬乡便民服务中心".into();
    edited.villages.truncate(2);
    save(&mut opened.store, base, &edited, &admin(), now()).unwrap();
    let shipped = read(&Shipped).unwrap();
    let kept = preview(&opened.store, shipped.clone(), true).unwrap();
    assert!(matches!(kept.changes.as_slice(), []), "{:?}", kept.changes);
    let whole = preview(&opened.store, shipped, false).unwrap();
    assert!(!whole.changes.is_empty());
}

/// A new program version: its shipped content has a new version and a changed item.
fn newer_shipped() -> FileSet {
    let files = read(&Shipped).unwrap();
    let before = content::load(&files).unwrap();
    let mut after = before.clone();
    after.version = "2099.1.1".into();
    after.items[0].summary = "新版程序自带的简介。".into();
    content::render(&before, &files, &after).unwrap()
}

#[test]
fn a_new_program_version_never_overwrites_the_halls_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let edited = shorter_limit(&opened.content);
    save(&mut opened.store, base, &edited, &admin(), now()).unwrap();
    drop(opened);

    let upgraded = startup::open_with(dir.path(), &newer_shipped()).unwrap();
    assert_eq!(upgraded.content, edited);
    assert_eq!(upgraded.status, ContentStatus::Current);
    // The new shipped content is offered, not forced: an import keeping the hall's profile.
    let offer = preview(&upgraded.store, newer_shipped(), true).unwrap();
    assert!(offer.changes.iter().any(|change| matches!(
        &change.what,
        content_diff::What::Field { field, .. } if field == "version"
    )));
}

#[test]
fn a_terminal_that_never_edited_follows_the_programs_new_content() {
    let dir = tempfile::tempdir().unwrap();
    drop(startup::open(dir.path()).unwrap());
    let upgraded = startup::open_with(dir.path(), &newer_shipped()).unwrap();
    assert_eq!(upgraded.content.version, "2099.1.1");
    assert!(matches!(upgraded.status, ContentStatus::Loaded { .. }));
    let history = upgraded.store.content_revisions(10).unwrap();
    assert_eq!(history[0].reason, RevisionReason::Shipped);
    assert_eq!(history[0].author, program());
}

#[test]
fn a_lost_content_folder_comes_back_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let edited = shorter_limit(&opened.content);
    save(&mut opened.store, base, &edited, &admin(), now()).unwrap();
    drop(opened);
    std::fs::remove_dir_all(folder_of(dir.path())).unwrap();

    let reopened = startup::open_with(dir.path(), &newer_shipped()).unwrap();
    assert_eq!(reopened.content, edited);
    assert_eq!(content::load_dir(&folder_of(dir.path())).unwrap(), edited);
}

#[test]
fn a_hand_edit_of_the_folder_is_read_at_start_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = startup::open(dir.path()).unwrap();
    let base = opened.store.latest_content_revision().unwrap();
    let edited = shorter_limit(&opened.content);
    save(&mut opened.store, base, &edited, &admin(), now()).unwrap();
    drop(opened);
    let hall = folder_of(dir.path()).join("hall.toml");
    let text = std::fs::read_to_string(&hall).unwrap();
    std::fs::write(&hall, text.replace("0934-5581001", "0934-5589999")).unwrap();

    let reopened = startup::open(dir.path()).unwrap();
    assert_eq!(reopened.content.hall.phone, "0934-5589999");
    let history = reopened.store.content_revisions(10).unwrap();
    assert_eq!(history[0].reason, RevisionReason::Folder);
    assert_eq!(history[0].changes.len(), 1);
}

#[test]
fn opening_unchanged_content_writes_nothing_and_the_first_save_records_the_content_as_it_was() {
    // A terminal from before the history: content stored, no revision.
    let dir = tempfile::tempdir().unwrap();
    let shipped = content::shipped().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    store.replace_content(&shipped).unwrap();
    drop(store);
    let mut opened = startup::open(dir.path()).unwrap();
    assert_eq!(opened.status, ContentStatus::Current);
    assert_eq!(opened.store.latest_content_revision().unwrap(), None);

    let after = shorter_limit(&shipped);
    let saved = save(&mut opened.store, None, &after, &admin(), now()).unwrap();
    let history = opened.store.content_revisions(10).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].reason, RevisionReason::Shipped);
    assert_eq!(
        opened.store.content_revision_files(history[1].id).unwrap(),
        Some(read(&Shipped).unwrap().0),
        "the program's own files, comments and all"
    );
    assert_eq!(history[0].id, saved.revision);
    let undone = undo(&mut opened.store, history[1].id, &admin(), now()).unwrap();
    assert_eq!(undone.content, shipped);
}
