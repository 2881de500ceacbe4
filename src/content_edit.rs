//! Keeping the hall's content current: desk edits, imports, undo, export, and what start-up
//! loads.
//!
//! The hall's content lives in its own content folder (`<data dir>/content/`, the layout of
//! `assets/content`); the program's shipped copy is only where a new terminal starts. Every
//! change goes one way, all or nothing: make the new content files → load and check them with
//! the one content loader (the desk, an import and start-up share it) → write the hall's folder
//! whole (a swap) → replace the stored content and record a revision (who, when, what changed)
//! in one transaction; if the database refuses, the old folder comes back. Undo restores an
//! earlier revision's files as a new revision. Because edits live in the hall's folder, a new
//! program version never overwrites them: its shipped content is offered (an import with the
//! hall's own profile and villages kept), never forced.

use std::path::{Path, PathBuf};

use crate::clock::Timestamp;
use crate::content::{self, ContentError, ContentFiles, FileSet, folder};
use crate::domain::Content;
use crate::domain::content_diff::{self, Change};
use crate::startup::CONTENT_OVERRIDE_DIR;
use crate::store::{Author, ContentStatus, NewRevision, RevisionReason, Store, StoreError};

/// The files an import takes from the hall's own content when asked to keep its profile: the
/// hall's name, windows, contact lines and kiosk settings, and its villages.
pub const HALL_OWN_FILES: [&str; 2] = [content::HALL, content::VILLAGES];

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The new content has problems: nothing was changed.
    #[error("the content has problems: {0:?}")]
    Content(Vec<ContentError>),
    /// The new content is the content in use.
    #[error("nothing changed")]
    Unchanged,
    /// Another save (another terminal program on this data, the command line) came first.
    #[error("the content changed meanwhile (revision {found:?}, expected {expected:?})")]
    Moved {
        expected: Option<i64>,
        found: Option<i64>,
    },
    #[error("no content revision {0}")]
    NoRevision(i64),
    /// Exports go into a new or empty folder only.
    #[error("{0} is not empty")]
    NotEmpty(PathBuf),
    #[error("the content could not be written as TOML: {0}")]
    Render(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A new content version, saved.
#[derive(Debug, Clone)]
pub struct Saved {
    pub content: Content,
    pub revision: i64,
    pub changes: Vec<Change>,
}

/// The content in use, the files it was loaded from, and its revision.
#[derive(Debug, Clone)]
pub struct Current {
    pub content: Content,
    pub files: FileSet,
    /// The newest revision; none before the first.
    pub revision: Option<i64>,
    /// Where the files came from when no revision holds them yet (a terminal that has not
    /// changed its content since this history began): the next save records them first, so the
    /// content as it was can be restored.
    pub unrecorded: Option<RevisionReason>,
}

/// Content checked and compared, ready to apply: an import's preview.
#[derive(Debug, Clone)]
pub struct Preview {
    pub content: Content,
    pub files: FileSet,
    pub changes: Vec<Change>,
    /// The revision the changes were counted from: applying fails if another came since.
    pub base: Option<i64>,
}

/// The program itself, as the author of revisions nobody made by hand.
pub fn program() -> Author {
    Author::default()
}

/// The content in use and its files.
pub fn current(store: &Store) -> Result<Current, EditError> {
    let content = store
        .load_content()?
        // Start-up always stores content first: none here means the database is damaged, not
        // that an edit had problems.
        .ok_or_else(|| StoreError::Damaged("no content is stored".into()))?;
    let revision = store.latest_content_revision()?;
    let stored_files = match revision {
        Some(id) => store.content_revision_files(id)?.map(FileSet),
        None => None,
    };
    let (files, unrecorded) = match stored_files {
        Some(files) if content::load(&files).as_ref() == Ok(&content) => (files, None),
        other => {
            if other.is_some() {
                tracing::warn!(
                    ?revision,
                    "the stored content differs from its revision's files"
                );
            }
            let (files, reason) = unrecorded_files(store, &content)?;
            (files, Some(reason))
        }
    };
    Ok(Current {
        content,
        files,
        revision,
        unrecorded,
    })
}

/// The files the stored content came from when no revision holds them: the hall's folder or the
/// program's copy, whichever loads to exactly that content; else files made from the content.
fn unrecorded_files(
    store: &Store,
    content: &Content,
) -> Result<(FileSet, RevisionReason), EditError> {
    let folder = store
        .data_dir()
        .map(|dir| content::Folder(dir.join(CONTENT_OVERRIDE_DIR)))
        .filter(|folder| folder.0.is_dir());
    let mut sources: Vec<(&dyn ContentFiles, RevisionReason)> = Vec::new();
    if let Some(folder) = &folder {
        sources.push((folder, RevisionReason::Folder));
    }
    sources.push((&content::Shipped, RevisionReason::Shipped));
    for (source, reason) in sources {
        if let Ok((loaded, files)) = content::load_files(source)
            && loaded == *content
        {
            return Ok((files, reason));
        }
    }
    let files = content::render(content, &FileSet::default(), content)
        .map_err(|error| EditError::Render(error.to_string()))?;
    Ok((files, RevisionReason::Folder))
}

/// Saves `after`, edited from the revision `base`, as a new revision.
pub fn save(
    store: &mut Store,
    base: Option<i64>,
    after: &Content,
    author: &Author,
    at: Timestamp,
) -> Result<Saved, EditError> {
    let current = current(store)?;
    if current.revision != base {
        return Err(EditError::Moved {
            expected: base,
            found: current.revision,
        });
    }
    let files = content::render(&current.content, &current.files, after)
        .map_err(|error| EditError::Render(error.to_string()))?;
    let change = NewFiles {
        files,
        reason: RevisionReason::Edit,
        restored: None,
    };
    commit(store, Some(&current), change, author, at)
}

/// What an import of `incoming` would change; with `keep_hall`, the hall's own profile and
/// villages stay as they are.
pub fn preview(store: &Store, incoming: FileSet, keep_hall: bool) -> Result<Preview, EditError> {
    let current = current(store)?;
    let files = if keep_hall {
        incoming.with_files_of(&current.files, &HALL_OWN_FILES)
    } else {
        incoming
    };
    let content = content::load(&files).map_err(EditError::Content)?;
    let changes = content_diff::changes(&current.content, &content);
    Ok(Preview {
        content,
        files,
        changes,
        base: current.revision,
    })
}

/// Reads a content folder (or the program's own copy) whole, for [`preview`].
pub fn read(source: &dyn ContentFiles) -> Result<FileSet, EditError> {
    FileSet::read_from(source).map_err(EditError::Content)
}

/// Applies a previewed import, unless the content changed since the preview.
pub fn import(
    store: &mut Store,
    preview: Preview,
    author: &Author,
    at: Timestamp,
) -> Result<Saved, EditError> {
    let current = current(store)?;
    if current.revision != preview.base {
        return Err(EditError::Moved {
            expected: preview.base,
            found: current.revision,
        });
    }
    let change = NewFiles {
        files: preview.files,
        reason: RevisionReason::Import,
        restored: None,
    };
    commit(store, Some(&current), change, author, at)
}

/// Brings back the content of revision `id`, as a new revision.
pub fn undo(
    store: &mut Store,
    id: i64,
    author: &Author,
    at: Timestamp,
) -> Result<Saved, EditError> {
    let current = current(store)?;
    let files = store
        .content_revision_files(id)?
        .ok_or(EditError::NoRevision(id))?;
    let change = NewFiles {
        files: FileSet(files),
        reason: RevisionReason::Undo,
        restored: Some(id),
    };
    commit(store, Some(&current), change, author, at)
}

/// The set-up's content (the hall's facts, or the county's folder), as the first revision the
/// hall made.
pub fn set_up(
    store: &mut Store,
    files: FileSet,
    author: &Author,
    at: Timestamp,
) -> Result<Saved, EditError> {
    // A terminal's very first content may be its set-up's.
    let current = match store.load_content()? {
        Some(_) => Some(current(store)?),
        None => None,
    };
    let change = NewFiles {
        files,
        reason: RevisionReason::Setup,
        restored: None,
    };
    commit(store, current.as_ref(), change, author, at)
}

/// Writes the content in use into `dir` (new or empty), as the files `assets/content` has.
pub fn export(store: &Store, dir: &Path) -> Result<FileSet, EditError> {
    let files = current(store)?.files;
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(EditError::NotEmpty(dir.to_path_buf()));
    }
    files.write_into(dir)?;
    Ok(files)
}

/// At start: makes the stored content the content of `files` (the hall's folder, or the
/// program's copy on a terminal that has none), recorded as a revision when it differs.
pub fn adopt(
    store: &mut Store,
    content: &Content,
    files: &FileSet,
    reason: RevisionReason,
    at: Timestamp,
) -> Result<ContentStatus, EditError> {
    let stored = store.load_content()?;
    // Nothing is written when nothing changed (the history then begins at the first change).
    if stored.as_ref() == Some(content) {
        return Ok(ContentStatus::Current);
    }
    let changes = stored
        .as_ref()
        .map(|stored| content_diff::changes(stored, content))
        .unwrap_or_default();
    let write = store.begin_content()?;
    write.save(&NewRevision {
        at,
        author: &program(),
        reason,
        restored: None,
        content,
        changes: &changes,
        files: &files.0,
    })?;
    write.commit()?;
    Ok(ContentStatus::Loaded {
        from: stored.map(|stored| stored.version),
        to: content.version.clone(),
    })
}

/// New files and why.
struct NewFiles {
    files: FileSet,
    reason: RevisionReason,
    restored: Option<i64>,
}

/// Checks the new files, writes the hall's folder and saves the revision, all or nothing.
fn commit(
    store: &mut Store,
    current: Option<&Current>,
    change: NewFiles,
    author: &Author,
    at: Timestamp,
) -> Result<Saved, EditError> {
    let content = content::load(&change.files).map_err(EditError::Content)?;
    let changes = current
        .map(|current| content_diff::changes(&current.content, &content))
        .unwrap_or_default();
    let expected = current.and_then(|current| current.revision);
    if changes.is_empty() && change.reason != RevisionReason::Setup {
        return Err(EditError::Unchanged);
    }
    let folder = store.data_dir().map(|dir| dir.join(CONTENT_OVERRIDE_DIR));
    let write = store.begin_content()?;
    let found = write.latest_revision()?;
    if found != expected {
        return Err(EditError::Moved { expected, found });
    }
    if let Some(current) = current
        && let Some(reason) = current.unrecorded
    {
        // The content as it was, so that it can be restored.
        write.save(&NewRevision {
            at,
            author: &program(),
            reason,
            restored: None,
            content: &current.content,
            changes: &[],
            files: &current.files.0,
        })?;
    }
    let swap = match &folder {
        Some(folder) => Some(folder::swap_in(&change.files, folder)?),
        None => None,
    };
    let saved = write
        .save(&NewRevision {
            at,
            author,
            reason: change.reason,
            restored: change.restored,
            content: &content,
            changes: &changes,
            files: &change.files.0,
        })
        .and_then(|id| write.commit().map(|()| id));
    match saved {
        Ok(revision) => {
            if let Some(swap) = swap {
                swap.keep();
            }
            tracing::info!(
                revision,
                reason = change.reason.code(),
                by = author.login.as_deref().unwrap_or("-"),
                changes = changes.len(),
                "content saved"
            );
            Ok(Saved {
                content,
                revision,
                changes,
            })
        }
        Err(error) => {
            if let Some(swap) = swap
                && let Err(undo) = swap.undo()
            {
                tracing::error!(%undo, "the content folder could not be put back after a failed save");
            }
            Err(error.into())
        }
    }
}

pub mod words;

#[cfg(test)]
mod tests;
