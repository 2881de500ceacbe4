//! The hall's content folder replaced whole: the new files are written into a folder beside it,
//! then swapped in by two renames. A crash between the renames leaves `<folder>.previous`
//! and no folder; [`recover`] puts it back at the next start. Until [`Swap::keep`], the swap can
//! be undone (the database's commit failed).

use std::io;
use std::path::{Path, PathBuf};

use super::file_set::FileSet;

/// A swap done; the old folder is kept beside until [`Swap::keep`] or [`Swap::undo`].
#[derive(Debug)]
#[must_use = "keep or undo the swap"]
pub struct Swap {
    dir: PathBuf,
    had_previous: bool,
}

fn beside(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{suffix}"));
    dir.with_file_name(name)
}

/// Writes `files` as the whole content of `dir`.
pub fn swap_in(files: &FileSet, dir: &Path) -> io::Result<Swap> {
    let staging = beside(dir, "staging");
    let previous = beside(dir, "previous");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    files.write_into(&staging)?;
    if previous.exists() {
        std::fs::remove_dir_all(&previous)?;
    }
    let had_previous = dir.exists();
    if had_previous {
        std::fs::rename(dir, &previous)?;
    }
    if let Err(error) = std::fs::rename(&staging, dir) {
        if had_previous {
            std::fs::rename(&previous, dir)?;
        }
        return Err(error);
    }
    sync_parent(dir);
    Ok(Swap {
        dir: dir.to_path_buf(),
        had_previous,
    })
}

impl Swap {
    /// The new folder stays: the old one goes.
    pub fn keep(self) {
        let previous = beside(&self.dir, "previous");
        if self.had_previous
            && let Err(error) = std::fs::remove_dir_all(&previous)
        {
            // Harmless: it is removed at the next start or the next save.
            tracing::warn!(%error, path = %previous.display(), "the old content folder stays for now");
        }
    }

    /// The old folder comes back (or, when there was none, the new one goes).
    pub fn undo(self) -> io::Result<()> {
        std::fs::remove_dir_all(&self.dir)?;
        if self.had_previous {
            std::fs::rename(beside(&self.dir, "previous"), &self.dir)?;
        }
        sync_parent(&self.dir);
        Ok(())
    }
}

/// Finishes what a crash interrupted: a folder renamed away and not replaced comes back; left
/// over staging and previous folders go.
pub fn recover(dir: &Path) {
    let staging = beside(dir, "staging");
    let previous = beside(dir, "previous");
    let outcome = (|| -> io::Result<()> {
        if previous.is_dir() {
            if dir.exists() {
                std::fs::remove_dir_all(&previous)?;
            } else {
                tracing::warn!(path = %dir.display(), "an unfinished content save: the folder as it was comes back");
                std::fs::rename(&previous, dir)?;
            }
        }
        if staging.is_dir() {
            std::fs::remove_dir_all(&staging)?;
        }
        Ok(())
    })();
    if let Err(error) = outcome {
        tracing::error!(%error, path = %dir.display(), "the content folder could not be tidied");
    }
}

/// Makes the renames durable (best effort: not every file system lets a folder be synced).
fn sync_parent(dir: &Path) {
    if let Some(parent) = dir.parent()
        && let Ok(handle) = std::fs::File::open(parent)
    {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> FileSet {
        FileSet(
            [
                ("manifest.toml".to_owned(), text.to_owned()),
                ("items/a.toml".to_owned(), text.to_owned()),
            ]
            .into(),
        )
    }

    fn read(dir: &Path) -> String {
        std::fs::read_to_string(dir.join("manifest.toml")).unwrap()
    }

    #[test]
    fn a_kept_swap_replaces_the_whole_folder() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content");
        set("old").write_into(&dir).unwrap();
        std::fs::write(dir.join("stray.toml"), "x").unwrap();
        swap_in(&set("new"), &dir).unwrap().keep();
        assert_eq!(read(&dir), "new");
        assert!(!dir.join("stray.toml").exists());
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_undone_swap_brings_the_old_folder_back() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content");
        set("old").write_into(&dir).unwrap();
        swap_in(&set("new"), &dir).unwrap().undo().unwrap();
        assert_eq!(read(&dir), "old");
        let fresh = root.path().join("fresh");
        swap_in(&set("new"), &fresh).unwrap().undo().unwrap();
        assert!(!fresh.exists());
    }

    #[test]
    fn a_crash_between_the_renames_is_recovered_at_the_next_start() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content");
        set("old").write_into(&beside(&dir, "previous")).unwrap();
        set("half").write_into(&beside(&dir, "staging")).unwrap();
        recover(&dir);
        assert_eq!(read(&dir), "old");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }
}
