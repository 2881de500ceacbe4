//! Locks that die with their process: an exclusive `flock` on a file in the data directory.
//!
//! A lock row in the database outlives a killed process until a wall-clock lease runs out (and a
//! clock set backwards stretches it); the kernel drops a `flock` the moment its holder dies, so
//! the next sync or the next start never waits for a dead one.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::private_file::{self, Open};

/// Held while this value lives; released on drop or when the process dies.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
    path: PathBuf,
}

impl DirLock {
    /// Takes the lock at `path` (creating the file, readable by its owner only), or None when
    /// another holder has it.
    pub fn try_acquire(path: &Path) -> io::Result<Option<DirLock>> {
        let file = private_file::open(path, Open::Keep)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(DirLock {
                _file: file,
                path: path.to_path_buf(),
            })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(error),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_turned_away_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("some.lock");
        let first = DirLock::try_acquire(&path).unwrap().expect("free at first");
        assert!(DirLock::try_acquire(&path).unwrap().is_none());
        drop(first);
        assert!(DirLock::try_acquire(&path).unwrap().is_some());
    }
}
