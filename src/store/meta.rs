//! The content as a whole: its version, replacing it in one transaction, reading it back.

use rusqlite::Connection;

use super::{Result, Store, catalog, publications};
use crate::domain::Content;

const CONTENT_VERSION: &str = "content_version";

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
