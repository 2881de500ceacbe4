//! The content as a whole: its version, replacing it in one transaction, reading it back.

use rusqlite::Connection;

use super::{Result, Store, catalog, publications};
use crate::domain::Content;

const CONTENT_VERSION: &str = "content_version";
/// The fingerprint of the content files the stored content was last checked against (see
/// [`Store::content_checked`]).
const CONTENT_CHECKED: &str = "content_checked";

/// What happened to the stored content at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentStatus {
    /// The stored content was already this content.
    Current,
    /// Other content was loaded (the first start, the program's new copy on a terminal that never
    /// edited its own, or the hall's folder changed): the versions before and after.
    Loaded { from: Option<String>, to: String },
}

impl Store {
    pub fn content_version(&self) -> Result<Option<String>> {
        super::terminal::meta_value(self.conn(), CONTENT_VERSION)
    }

    /// The fingerprint of the content files (see `FileSet::fingerprint`) that the stored content
    /// was last found to hold: when the files at start have it, they need no parsing again.
    pub fn content_checked(&self) -> Result<Option<String>> {
        super::terminal::meta_value(self.conn(), CONTENT_CHECKED)
    }

    /// Records that the stored content is what the files with `fingerprint` hold. Every change
    /// of the stored content forgets it (see `replace_in`).
    pub fn set_content_checked(&mut self, fingerprint: &str) -> Result<()> {
        let tx = self.write()?;
        super::terminal::set_meta_value(&tx, CONTENT_CHECKED, fingerprint)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces all published content in ONE transaction: a failure leaves the old content whole.
    /// (The hall's edits go through [`Store::begin_content`], which also records a revision.)
    pub fn replace_content(&mut self, content: &Content) -> Result<()> {
        let tx = self.write()?;
        replace_in(&tx, content)?;
        tx.commit()?;
        Ok(())
    }

    /// The stored content, or None before any content was loaded.
    pub fn load_content(&self) -> Result<Option<Content>> {
        let Some(version) = self.content_version()? else {
            return Ok(None);
        };
        let conn = self.conn();
        let Some((hall, kiosk)) = catalog::hall(conn)? else {
            return Ok(None);
        };
        Ok(Some(Content {
            version,
            hall,
            kiosk,
            windows: catalog::windows(conn)?,
            categories: catalog::categories(conn)?,
            items: catalog::items(conn)?,
            policies: publications::policies(conn)?,
            boards: publications::boards(conn)?,
            notices: publications::notices(conn)?,
            villages: catalog::villages(conn)?,
        }))
    }
}

/// Every content table emptied and filled with `content`, inside the caller's transaction.
pub(super) fn replace_in(tx: &Connection, content: &Content) -> Result<()> {
    clear(tx)?;
    catalog::insert(tx, content)?;
    publications::insert(tx, content)?;
    super::terminal::set_meta_value(tx, CONTENT_VERSION, &content.version)?;
    // The files last checked no longer say what is stored.
    tx.execute("DELETE FROM meta WHERE key = ?1", [CONTENT_CHECKED])?;
    Ok(())
}

fn clear(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM notice; DELETE FROM board; DELETE FROM policy;
         DELETE FROM item_step; DELETE FROM item_material; DELETE FROM service_item;
         DELETE FROM category; DELETE FROM service_window; DELETE FROM hall; DELETE FROM village;",
    )?;
    Ok(())
}
