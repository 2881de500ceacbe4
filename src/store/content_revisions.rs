//! The history of the hall's content: every version of the content files the terminal has
//! shown, who made it, when, why and what changed. A revision names its files by digest; a
//! file's text is stored once however many revisions share it (an edit of one item adds one
//! item file).
//!
//! Saving a new version is one transaction ([`ContentWrite`]): the stored content is replaced
//! and the revision recorded together, and the caller writes the hall's content folder inside it
//! (see `crate::content_edit`).

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::json::{from_json, to_json};
use super::write::Write;
use super::{Result, Store, StoreError};
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::content_diff::Change;

/// The most changes kept with one revision (an import of another county's content can change
/// thousands of fields; the count is kept whole).
pub const KEPT_CHANGES: usize = 200;

/// Why the content changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevisionReason {
    /// The program's own copy, on a terminal that has not edited its content.
    Shipped,
    /// Read from the hall's content folder at start (put there by hand, or left by a save the
    /// program did not finish).
    Folder,
    /// The first start's set-up.
    Setup,
    /// Edited on the desk.
    Edit,
    /// A content folder imported (from the county, another hall, or the program's own copy).
    Import,
    /// An earlier revision restored.
    Undo,
}

impl RevisionReason {
    const ALL: [RevisionReason; 6] = [
        RevisionReason::Shipped,
        RevisionReason::Folder,
        RevisionReason::Setup,
        RevisionReason::Edit,
        RevisionReason::Import,
        RevisionReason::Undo,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RevisionReason::Shipped => "shipped",
            RevisionReason::Folder => "folder",
            RevisionReason::Setup => "setup",
            RevisionReason::Edit => "edit",
            RevisionReason::Import => "import",
            RevisionReason::Undo => "undo",
        }
    }

    fn from_code(code: &str) -> Option<RevisionReason> {
        RevisionReason::ALL
            .into_iter()
            .find(|reason| reason.code() == code)
    }

    /// Made by the hall (not taken from the program's own copy).
    pub fn is_the_halls(self) -> bool {
        self != RevisionReason::Shipped
    }
}

/// Who made a revision: an account (login and name), or the program itself (no login).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    pub login: Option<String>,
    pub name: String,
}

/// A revision to record.
#[derive(Debug)]
pub struct NewRevision<'a> {
    pub at: Timestamp,
    pub author: &'a Author,
    pub reason: RevisionReason,
    /// The revision an undo restored.
    pub restored: Option<i64>,
    pub content: &'a Content,
    pub changes: &'a [Change],
    /// The content files by path (`items/a.toml`).
    pub files: &'a BTreeMap<String, String>,
}

/// A recorded revision, without its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub author: Author,
    pub reason: RevisionReason,
    pub restored: Option<i64>,
    pub version: String,
    /// All the changes counted; [`Revision::changes`] holds the first [`KEPT_CHANGES`].
    pub change_count: usize,
    pub changes: Vec<Change>,
}

/// A new content version being saved: dropped without [`ContentWrite::commit`], nothing of it
/// stays in the database.
pub struct ContentWrite<'a> {
    tx: Write<'a>,
}

impl Store {
    /// Starts saving a new content version (takes the write lock).
    pub fn begin_content(&mut self) -> Result<ContentWrite<'_>> {
        Ok(ContentWrite { tx: self.write()? })
    }

    /// The newest revision's id; none before the first.
    pub fn latest_content_revision(&self) -> Result<Option<i64>> {
        latest(self.conn())
    }

    /// The newest revisions first.
    pub fn content_revisions(&self, limit: usize) -> Result<Vec<Revision>> {
        let mut statement = self.conn().prepare(
            "SELECT id, at, actor_login, actor_name, reason, restored, version, change_count,
                changes
             FROM content_revision ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = statement.query_map([limit as i64], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<i64>>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, i64>(7)?,
                row.get::<_, String>(8)?,
            ))
        })?;
        let mut revisions = Vec::new();
        for row in rows {
            let (id, at, login, name, reason, restored, version, count, changes) = row?;
            revisions.push(Revision {
                id,
                at,
                author: Author { login, name },
                reason: RevisionReason::from_code(&reason).ok_or_else(|| {
                    StoreError::Damaged(format!("content revision {id} reason {reason}"))
                })?,
                restored,
                version,
                change_count: usize::try_from(count).unwrap_or_default(),
                changes: from_json(&changes)?,
            });
        }
        Ok(revisions)
    }

    /// A revision's files by path, or None when there is no such revision.
    pub fn content_revision_files(&self, id: i64) -> Result<Option<BTreeMap<String, String>>> {
        let conn = self.conn();
        let Some(files) = conn
            .query_row(
                "SELECT files FROM content_revision WHERE id = ?1",
                [id],
                |row| row.get::<_, String>(0),
            )
            .optional()?
        else {
            return Ok(None);
        };
        let digests: BTreeMap<String, String> = from_json(&files)?;
        let mut statement = conn.prepare("SELECT text FROM content_file WHERE digest = ?1")?;
        let mut texts = BTreeMap::new();
        for (path, digest) in digests {
            let text: String = statement
                .query_row([&digest], |row| row.get(0))
                .optional()?
                .ok_or_else(|| StoreError::Damaged(format!("content file {digest} of {path}")))?;
            texts.insert(path, text);
        }
        Ok(Some(texts))
    }

    /// The newest revision the hall made itself (set-up, edit, import, undo, its folder), if any.
    pub fn latest_hall_revision(&self) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT MAX(id) FROM content_revision WHERE reason <> 'shipped'",
                [],
                |row| row.get(0),
            )
            .optional()?
            .flatten())
    }
}

impl ContentWrite<'_> {
    /// The newest revision's id, as this transaction sees it.
    pub fn latest_revision(&self) -> Result<Option<i64>> {
        latest(&self.tx)
    }

    /// Replaces the stored content and records the revision; returns its id.
    pub fn save(&self, revision: &NewRevision<'_>) -> Result<i64> {
        super::meta::replace_in(&self.tx, revision.content)?;
        let mut digests = BTreeMap::new();
        for (path, text) in revision.files {
            let digest = hex::encode(Sha256::digest(text.as_bytes()));
            self.tx.execute(
                "INSERT OR IGNORE INTO content_file (digest, text) VALUES (?1, ?2)",
                params![digest, text],
            )?;
            digests.insert(path.clone(), digest);
        }
        let kept = &revision.changes[..revision.changes.len().min(KEPT_CHANGES)];
        self.tx.execute(
            "INSERT INTO content_revision (at, actor_login, actor_name, reason, restored, version,
                change_count, changes, files)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                revision.at.to_rfc3339(),
                revision.author.login,
                revision.author.name,
                revision.reason.code(),
                revision.restored,
                revision.content.version,
                revision.changes.len() as i64,
                to_json(&kept)?,
                to_json(&digests)?,
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

fn latest(conn: &rusqlite::Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT MAX(id) FROM content_revision", [], |row| row.get(0))
        .optional()?
        .flatten())
}

#[cfg(test)]
mod tests;
