use super::*;
use crate::content::{self, FileSet, Shipped};

fn files() -> BTreeMap<String, String> {
    FileSet::read_from(&Shipped).unwrap().0
}

fn at() -> Timestamp {
    "2026-12-02T10:00:00+08:00".parse().unwrap()
}

fn record(store: &mut Store, content: &Content, files: &BTreeMap<String, String>) -> i64 {
    let author = Author {
        login: Some("staff01".into()),
        name: "李干事".into(),
    };
    let write = store.begin_content().unwrap();
    let id = write
        .save(&NewRevision {
            at: at(),
            author: &author,
            reason: RevisionReason::Edit,
            restored: None,
            content,
            changes: &[],
            files,
        })
        .unwrap();
    write.commit().unwrap();
    id
}

fn stored_files(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT COUNT(*) FROM content_file", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn a_revision_keeps_its_files_and_shares_the_unchanged_ones() {
    let mut store = Store::open_in_memory().unwrap();
    let content = content::shipped().unwrap();
    let mut files = files();
    let first = record(&mut store, &content, &files);
    let count = stored_files(&store);
    assert_eq!(count as usize, files.len());
    files.insert("manifest.toml".into(), "version = \"x\"\n".into());
    let second = record(&mut store, &content, &files);
    assert_eq!(stored_files(&store), count + 1, "one new file text only");
    assert_eq!(store.content_revision_files(second).unwrap(), Some(files));
    assert_ne!(store.content_revision_files(first).unwrap(), None);
    assert_eq!(store.content_revision_files(99).unwrap(), None);
    assert_eq!(store.latest_content_revision().unwrap(), Some(second));
    assert_eq!(store.load_content().unwrap(), Some(content));
    let history = store.content_revisions(10).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].id, second);
    assert_eq!(history[0].author.name, "李干事");
}

#[test]
fn a_content_write_not_committed_leaves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let content = content::shipped().unwrap();
    {
        let write = store.begin_content().unwrap();
        write
            .save(&NewRevision {
                at: at(),
                author: &Author::default(),
                reason: RevisionReason::Shipped,
                restored: None,
                content: &content,
                changes: &[],
                files: &files(),
            })
            .unwrap();
    }
    assert_eq!(store.latest_content_revision().unwrap(), None);
    assert_eq!(store.load_content().unwrap(), None);
    assert_eq!(stored_files(&store), 0);
}

#[test]
fn only_the_first_changes_are_kept_but_all_are_counted() {
    use crate::domain::content::EntryKind;
    use crate::domain::content_diff::What;
    let mut store = Store::open_in_memory().unwrap();
    let content = content::shipped().unwrap();
    let many: Vec<Change> = (0..KEPT_CHANGES + 5)
        .map(|index| Change {
            kind: EntryKind::Village,
            entry: index.to_string(),
            label: index.to_string(),
            what: What::Added,
        })
        .collect();
    let write = store.begin_content().unwrap();
    write
        .save(&NewRevision {
            at: at(),
            author: &Author::default(),
            reason: RevisionReason::Import,
            restored: None,
            content: &content,
            changes: &many,
            files: &files(),
        })
        .unwrap();
    write.commit().unwrap();
    let revision = &store.content_revisions(1).unwrap()[0];
    assert_eq!(revision.change_count, KEPT_CHANGES + 5);
    assert_eq!(revision.changes.len(), KEPT_CHANGES);
    assert_eq!(revision.reason, RevisionReason::Import);
}
