//! Opening a terminal's data: the database, and the content it shows.
//!
//! Content comes from `<data dir>/content/` when the hall has its own there (set up, edited or
//! imported), else from the copy shipped in the binary. A broken content folder never blanks the
//! kiosk: the last good content in the database stays in use and the problems are reported.

use std::path::{Path, PathBuf};

use crate::clock;
use crate::content::{self, ContentError, ContentFiles, FileSet, Folder, Shipped};
use crate::content_edit;
use crate::domain::Content;
use crate::store::{ContentStatus, RevisionReason, Store, StoreError};

/// The folder in the data directory where a hall may put its own content.
pub const CONTENT_OVERRIDE_DIR: &str = "content";

/// The lock file held while the window runs: one window per data directory.
pub const GUI_LOCK_FILE: &str = "gui.lock";

/// The platform data directory (e.g. `~/.local/share/bianmin` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "bianmin", "bianmin")
        .map(|dirs| dirs.data_dir().to_path_buf())
}

/// A terminal ready to show its content.
pub struct Opened {
    pub store: Store,
    pub content: Content,
    pub status: ContentStatus,
    /// Problems in the content files that were skipped; empty when all is well.
    pub problems: Vec<ContentError>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no usable content: {0:?}")]
    NoContent(Vec<ContentError>),
    #[error(transparent)]
    Content(#[from] content_edit::EditError),
}

pub fn open(data_dir: &Path) -> Result<Opened, StartupError> {
    open_with(data_dir, &Shipped)
}

/// [`open`] with `shipped` standing for the program's own content (a test plays a new program
/// version with it).
///
/// The hall's own folder wins over the program's copy: a new program version never replaces
/// content the hall set up, edited or imported (see `crate::content_edit`). When that folder is
/// gone but the hall's revisions are in the database, the newest comes back into the folder.
pub fn open_with(data_dir: &Path, shipped: &dyn ContentFiles) -> Result<Opened, StartupError> {
    let mut store = Store::open_dir(data_dir)?;
    let own = data_dir.join(CONTENT_OVERRIDE_DIR);
    content::folder::recover(&own);
    let mut problems = Vec::new();
    let mut status = ContentStatus::Current;
    let folder = Folder(own.clone());
    let source: Option<(&dyn ContentFiles, RevisionReason)> = match restore_own_folder(&store, &own)
    {
        Ok(()) if own.is_dir() => Some((&folder, RevisionReason::Folder)),
        Ok(()) => Some((shipped, RevisionReason::Shipped)),
        // The hall's content stays as stored rather than the program's copy replacing it.
        Err(error) => {
            tracing::error!(%error, "the hall's content folder could not be restored");
            None
        }
    };
    if let Some((source, reason)) = source {
        match check_files(&mut store, source, reason) {
            Ok(checked) => status = checked,
            Err(CheckFailed::Content(errors)) => problems = errors,
            Err(CheckFailed::Edit(error)) => return Err(error.into()),
            Err(CheckFailed::Store(error)) => return Err(error.into()),
        }
    }
    if let Some(content) = store.load_content()? {
        return Ok(Opened {
            store,
            content,
            status,
            problems,
        });
    }
    // Nothing stored yet and the hall's folder is broken: start on the shipped content.
    let (content, files) = content::load_files(shipped).map_err(StartupError::NoContent)?;
    status = content_edit::adopt(
        &mut store,
        &content,
        &files,
        RevisionReason::Shipped,
        clock::now(),
    )?;
    Ok(Opened {
        store,
        content,
        status,
        problems,
    })
}

enum CheckFailed {
    Content(Vec<ContentError>),
    Edit(content_edit::EditError),
    Store(StoreError),
}

/// Makes the stored content what `source` holds. Files with the fingerprint recorded when they
/// were last adopted are not parsed again: an unchanged terminal starts without reading its
/// content twice (issue: start-up within 1.3× a bare window).
fn check_files(
    store: &mut Store,
    source: &dyn ContentFiles,
    reason: RevisionReason,
) -> Result<ContentStatus, CheckFailed> {
    let files = FileSet::read_from(source).map_err(CheckFailed::Content)?;
    let fingerprint = files.fingerprint();
    let stored = store.content_checked().map_err(CheckFailed::Store)?;
    if stored.as_deref() == Some(fingerprint.as_str()) {
        return Ok(ContentStatus::Current);
    }
    let fresh = content::load(&files).map_err(CheckFailed::Content)?;
    let status = content_edit::adopt(store, &fresh, &files, reason, clock::now())
        .map_err(CheckFailed::Edit)?;
    store
        .set_content_checked(&fingerprint)
        .map_err(CheckFailed::Store)?;
    Ok(status)
}

/// The hall's folder written back from its newest revision when the folder is gone.
fn restore_own_folder(store: &Store, own: &Path) -> Result<(), content_edit::EditError> {
    if own.exists() {
        return Ok(());
    }
    let Some(id) = store.latest_hall_revision()? else {
        return Ok(());
    };
    let files = store
        .content_revision_files(id)?
        .ok_or(content_edit::EditError::NoRevision(id))?;
    tracing::warn!(
        revision = id,
        "the hall's content folder was missing: written back from the database"
    );
    content::folder::swap_in(&FileSet(files), own)?.keep();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_override(data_dir: &Path, broken: bool) {
        let dir = data_dir.join(CONTENT_OVERRIDE_DIR);
        crate::content::tests::copy_shipped(&dir);
        let version = if broken { "hall-2" } else { "hall-1" };
        std::fs::write(
            dir.join("manifest.toml"),
            format!("version = \"{version}\"\n"),
        )
        .unwrap();
        if broken {
            std::fs::write(dir.join("hall.toml"), "[hall]\nname = 1\n").unwrap();
        }
    }

    #[test]
    fn first_start_loads_the_shipped_content() {
        let dir = tempfile::tempdir().unwrap();
        let opened = open(dir.path()).unwrap();
        assert_eq!(opened.content.items.len(), 39);
        assert!(matches!(
            opened.status,
            ContentStatus::Loaded { from: None, .. }
        ));
        assert!(opened.problems.is_empty());
        let again = open(dir.path()).unwrap();
        assert_eq!(again.status, ContentStatus::Current);
    }

    #[test]
    fn unchanged_files_are_recognised_by_their_fingerprint_and_a_content_change_forgets_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = open(dir.path()).unwrap();
        let shipped = FileSet::read_from(&Shipped).unwrap().fingerprint();
        assert_eq!(
            first.store.content_checked().unwrap(),
            Some(shipped.clone())
        );
        drop(first);

        // The stored content changed behind the files' back: the next start checks them again
        // and puts the files' content back.
        let mut again = open(dir.path()).unwrap();
        assert_eq!(again.status, ContentStatus::Current);
        let mut changed = again.content.clone();
        changed.items.truncate(3);
        again.store.replace_content(&changed).unwrap();
        assert_eq!(again.store.content_checked().unwrap(), None);
        drop(again);
        let third = open(dir.path()).unwrap();
        assert_eq!(third.content.items.len(), 39);
        assert_eq!(third.store.content_checked().unwrap(), Some(shipped));
    }

    #[test]
    fn a_broken_hall_folder_keeps_the_last_good_content() {
        let dir = tempfile::tempdir().unwrap();
        write_override(dir.path(), false);
        let good = open(dir.path()).unwrap();
        assert_eq!(good.content.version, "hall-1");

        write_override(dir.path(), true);
        let opened = open(dir.path()).unwrap();
        assert_eq!(
            opened.content.version, "hall-1",
            "never blank, never half-loaded"
        );
        assert!(!opened.problems.is_empty());
        assert!(opened.problems.iter().all(|p| p.file == "hall.toml"));
    }

    #[test]
    fn a_broken_hall_folder_on_first_start_falls_back_to_the_shipped_content() {
        let dir = tempfile::tempdir().unwrap();
        write_override(dir.path(), true);
        let opened = open(dir.path()).unwrap();
        assert_eq!(opened.content.items.len(), 39);
        assert!(!opened.problems.is_empty());
    }
}
