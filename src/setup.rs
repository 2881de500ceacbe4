//! A terminal's hall profile and content, set at its first start: from a profile file (the
//! layout of `assets/content/hall.toml`), from the hall's facts typed on the set-up screen, or
//! from a content folder the county hands out. Everything is checked before anything is written;
//! what is installed goes into `<data dir>/content/` (so a later build's shipped content never
//! replaces it) and into the database. Used by `bianmin setup` and the desk's set-up screen.

use std::path::Path;

use crate::content::{self, ContentError, ContentFiles, FileSet, Folder, Shipped, WithHall};
use crate::domain::Content;
use crate::startup::CONTENT_OVERRIDE_DIR;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("the content has problems: {0:?}")]
    Content(Vec<ContentError>),
    /// The profile still says `sample = true`.
    #[error("the hall profile is still marked as a sample")]
    Sample,
    #[error("the hall profile is not TOML with a [hall] table: {0}")]
    NotAProfile(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Save(#[from] crate::content_edit::EditError),
}

/// The hall's own facts, as the set-up screen asks for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HallFacts {
    pub name: String,
    pub township_code: String,
    pub address: String,
    pub hours: String,
    pub phone: String,
}

/// Content checked and ready to install.
pub struct Checked {
    pub content: Content,
    files: Box<dyn ContentFiles + Send>,
}

impl std::fmt::Debug for Checked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checked")
            .field("hall", &self.content.hall.name)
            .finish_non_exhaustive()
    }
}

/// The content the terminal has now: its own folder, else the shipped one.
fn current_files(data_dir: Option<&Path>) -> Box<dyn ContentFiles + Send> {
    match data_dir.map(|dir| dir.join(CONTENT_OVERRIDE_DIR)) {
        Some(own) if own.is_dir() => Box::new(Folder(own)),
        _ => Box::new(Shipped),
    }
}

fn checked(files: Box<dyn ContentFiles + Send>) -> Result<Checked, SetupError> {
    let content = content::load(files.as_ref()).map_err(SetupError::Content)?;
    if content.hall.sample {
        return Err(SetupError::Sample);
    }
    Ok(Checked { content, files })
}

/// A profile file's text over the terminal's current content.
pub fn check_profile(data_dir: Option<&Path>, profile: String) -> Result<Checked, SetupError> {
    checked(Box::new(WithHall {
        hall: profile,
        base: current_files(data_dir),
    }))
}

/// A content folder from the county, whole.
pub fn check_folder(folder: &Path) -> Result<Checked, SetupError> {
    checked(Box::new(Folder(folder.to_path_buf())))
}

/// The terminal's current profile with the hall's own facts put in and the sample mark taken out.
pub fn check_facts(data_dir: Option<&Path>, facts: &HallFacts) -> Result<Checked, SetupError> {
    let base = current_files(data_dir);
    let current = base
        .read("hall.toml")
        .ok()
        .flatten()
        .ok_or_else(|| SetupError::NotAProfile("no hall.toml".into()))?;
    let mut profile: toml::Table =
        toml::from_str(&current).map_err(|error| SetupError::NotAProfile(error.to_string()))?;
    let hall = profile
        .get_mut("hall")
        .and_then(toml::Value::as_table_mut)
        .ok_or_else(|| SetupError::NotAProfile("no [hall] table".into()))?;
    for (key, value) in [
        ("name", &facts.name),
        ("township_code", &facts.township_code),
        ("address", &facts.address),
        ("hours", &facts.hours),
        ("phone", &facts.phone),
    ] {
        hall.insert(key.into(), toml::Value::String(value.trim().to_owned()));
    }
    hall.remove("sample");
    let text =
        toml::to_string(&profile).map_err(|error| SetupError::NotAProfile(error.to_string()))?;
    checked(Box::new(WithHall { hall: text, base }))
}

impl Checked {
    /// Writes the content into the terminal's own folder (when it has a data directory) and the
    /// database, as the hall's first revision; returns what the terminal shows from now on.
    pub fn install(self, store: &mut Store) -> Result<Content, SetupError> {
        let files = FileSet::read_from(self.files.as_ref()).map_err(SetupError::Content)?;
        let saved = crate::content_edit::set_up(
            store,
            files,
            &crate::content_edit::program(),
            crate::clock::now(),
        )?;
        Ok(saved.content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> HallFacts {
        HallFacts {
            name: "上里塬乡便民服务中心".into(),
            township_code: "621023202".into(),
            address: "上里塬乡政府东侧一号".into(),
            hours: "周一至周五 8:30—17:30".into(),
            phone: "0934-5580000".into(),
        }
    }

    #[test]
    fn the_halls_facts_replace_the_sample_and_install_into_the_database() {
        let mut store = Store::open_in_memory().unwrap();
        let checked = check_facts(None, &facts()).unwrap();
        assert!(!checked.content.hall.sample);
        let content = checked.install(&mut store).unwrap();
        assert_eq!(content.hall.name, "上里塬乡便民服务中心");
        let stored = store.load_content().unwrap().unwrap();
        assert_eq!(stored.hall.phone, "0934-5580000");
        assert_eq!(stored.villages, content.villages);
    }

    #[test]
    fn a_wrong_township_code_is_refused_and_the_sample_folder_too() {
        let wrong = HallFacts {
            township_code: "62102".into(),
            ..facts()
        };
        assert!(matches!(
            check_facts(None, &wrong),
            Err(SetupError::Content(_))
        ));
        let shipped = tempfile::tempdir().unwrap();
        content::write_folder(&Shipped, shipped.path()).unwrap();
        assert!(matches!(
            check_folder(shipped.path()),
            Err(SetupError::Sample)
        ));
    }
}
