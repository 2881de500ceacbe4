//! Opening a terminal's data: the database, and the content it shows.
//!
//! Content comes from `<data dir>/content/` when the hall has put its own there, else from the copy
//! shipped in the binary. A broken content folder never blanks the kiosk: the last good content in
//! the database stays in use and the problems are reported.

use std::path::{Path, PathBuf};

use crate::content::{self, ContentError, ContentFiles, Folder, Shipped};
use crate::domain::Content;
use crate::store::{ContentStatus, Store, StoreError};

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
}

pub fn open(data_dir: &Path) -> Result<Opened, StartupError> {
    let mut store = Store::open_dir(data_dir)?;
    let override_dir = data_dir.join(CONTENT_OVERRIDE_DIR);
    let source: Box<dyn ContentFiles> = if override_dir.is_dir() {
        Box::new(Folder(override_dir))
    } else {
        Box::new(Shipped)
    };

    let mut problems = Vec::new();
    let mut status = ContentStatus::Current;
    match content::load(source.as_ref()) {
        Ok(fresh) => status = store.sync_content(&fresh)?,
        Err(errors) => problems = errors,
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
    let shipped = content::shipped().map_err(StartupError::NoContent)?;
    status = store.sync_content(&shipped)?;
    Ok(Opened {
        store,
        content: shipped,
        status,
        problems,
    })
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
