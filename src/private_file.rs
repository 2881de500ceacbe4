//! Files that hold personal data, keys or tokens (databases, backups, logs, USB bundles, lock
//! files beside them): created readable and writable by their owner only, from the first byte,
//! so there is never a moment another user of the machine could open them.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// How an owner-only file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// A new, empty file; an existing one is emptied.
    Truncate,
    /// A file that must not exist yet.
    New,
    /// The file as it is (created empty when missing), e.g. a lock file or a database.
    Keep,
}

/// Opens `path` for writing, owner-only (an existing file is narrowed to its owner too).
pub fn open(path: &Path, how: Open) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    match how {
        Open::Truncate => options.create(true).truncate(true),
        Open::New => options.create_new(true),
        Open::Keep => options.create(true).truncate(false),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // `mode` applies only to a file this call created.
    set_mode(path, 0o600)?;
    Ok(file)
}

/// Makes `dir` (and its parents) and narrows it to its owner.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    set_mode(dir, 0o700)
}

#[cfg(unix)]
pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
pub fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn every_way_of_opening_leaves_the_file_to_its_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        drop(open(&path, Open::New).unwrap());
        assert_eq!(mode(&path), 0o600);
        assert!(
            open(&path, Open::New).is_err(),
            "New refuses an existing file"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(open(&path, Open::Keep).unwrap());
        assert_eq!(mode(&path), 0o600, "an existing file is narrowed");
        drop(open(&path, Open::Truncate).unwrap());
        assert_eq!(mode(&path), 0o600);
        private_dir(&dir.path().join("a/b")).unwrap();
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
    }
}
