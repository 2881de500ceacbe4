//! A whole set of content files held in memory by path: what a revision keeps, an edit writes,
//! an import brings and the loader checks, all in the layout of `assets/content`.

use std::collections::BTreeMap;
use std::path::Path;

use super::files::{ContentFiles, ReadFailure};
use super::{ContentError, FILES};
use crate::domain::Problem;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSet(pub BTreeMap<String, String>);

impl FileSet {
    /// Every content file of `source` (the fixed files and `items/*.toml`), each read once. A
    /// file that cannot be read is a problem named by its path; a missing one is left out (the
    /// loader names it).
    pub fn read_from(source: &dyn ContentFiles) -> Result<FileSet, Vec<ContentError>> {
        let mut problems = Vec::new();
        let mut paths: Vec<String> = FILES.iter().map(|name| (*name).to_owned()).collect();
        match source.item_files() {
            Ok(items) => paths.extend(items),
            Err(error) => problems.push(problem("items/", Problem::Invalid(error.to_string()))),
        }
        let mut files = BTreeMap::new();
        for path in paths {
            match source.read(&path) {
                Ok(Some(text)) => {
                    files.insert(path, text);
                }
                Ok(None) => {}
                Err(ReadFailure::Io(error)) => {
                    problems.push(problem(&path, Problem::Invalid(error.to_string())));
                }
                Err(ReadFailure::Refused(refused)) => problems.push(problem(&path, refused)),
            }
        }
        if problems.is_empty() {
            Ok(FileSet(files))
        } else {
            Err(problems)
        }
    }

    /// A digest of every path and text, and of the program and database schema that read them:
    /// when it matches the one recorded at the last start, the files hold what is stored.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut digest = Sha256::new();
        digest.update(env!("CARGO_PKG_VERSION"));
        digest.update(crate::store::SCHEMA_STEPS.to_le_bytes());
        for (path, text) in &self.0 {
            // Lengths first, so that no two different sets run together into the same bytes.
            digest.update((path.len() as u64).to_le_bytes());
            digest.update(path);
            digest.update((text.len() as u64).to_le_bytes());
            digest.update(text);
        }
        hex::encode(digest.finalize())
    }

    /// Writes every file into `dir` (made when missing), each whole (written beside, then renamed)
    /// and flushed to the disk.
    pub fn write_into(&self, dir: &Path) -> std::io::Result<()> {
        for (path, text) in &self.0 {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let partial = target.with_extension("toml.partial");
            {
                use std::io::Write;
                let mut file = std::fs::File::create(&partial)?;
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
            }
            std::fs::rename(&partial, &target)?;
        }
        Ok(())
    }

    /// This set with the files at `paths` taken from `other` (or left out where `other` has none).
    pub fn with_files_of(mut self, other: &FileSet, paths: &[&str]) -> FileSet {
        for path in paths {
            match other.0.get(*path) {
                Some(text) => self.0.insert((*path).to_owned(), text.clone()),
                None => self.0.remove(*path),
            };
        }
        self
    }
}

fn problem(file: &str, problem: Problem) -> ContentError {
    ContentError {
        file: file.to_owned(),
        entry: "-".to_owned(),
        field: "-".to_owned(),
        problem,
    }
}

impl ContentFiles for FileSet {
    fn read(&self, path: &str) -> Result<Option<String>, ReadFailure> {
        Ok(self.0.get(path).cloned())
    }

    fn item_files(&self) -> std::io::Result<Vec<String>> {
        // A BTreeMap's keys are already sorted by name.
        Ok(self
            .0
            .keys()
            .filter(|path| is_item_file(path))
            .cloned()
            .collect())
    }

    fn describe(&self) -> String {
        "content files".to_owned()
    }
}

/// `items/<name>.toml`, directly in the items folder.
pub(super) fn is_item_file(path: &str) -> bool {
    path.strip_prefix("items/")
        .is_some_and(|name| name.ends_with(".toml") && !name.contains('/'))
}
