//! The content as a whole: its version, replacing it in one transaction, reading it back.

use rusqlite::Transaction;

use super::{Result, Store, catalog, publications};
use crate::domain::Content;

const CONTENT_VERSION: &str = "content_version";

/// What happened to the stored content at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentStatus {
    /// The stored content was already this version.
    Current,
    /// The shipped content was loaded (first start, or a new version).
    Loaded { from: Option<String>, to: String },
}

impl Store {
    pub fn content_version(&self) -> Result<Option<String>> {
        super::terminal::meta_value(self.conn(), CONTENT_VERSION)
    }

    /// Loads `content` unless the same version is already stored.
    pub fn sync_content(&mut self, content: &Content) -> Result<ContentStatus> {
        let stored = self.content_version()?;
        if stored.as_deref() == Some(content.version.as_str()) {
            return Ok(ContentStatus::Current);
        }
        self.replace_content(content)?;
        Ok(ContentStatus::Loaded {
            from: stored,
            to: content.version.clone(),
        })
    }

    /// Replaces all published content in ONE transaction: a failure leaves the old content whole.
    pub fn replace_content(&mut self, content: &Content) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        clear(&tx)?;
        catalog::insert(&tx, content)?;
        publications::insert(&tx, content)?;
        super::terminal::set_meta_value(&tx, CONTENT_VERSION, &content.version)?;
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

fn clear(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM notice; DELETE FROM board; DELETE FROM policy;
         DELETE FROM item_step; DELETE FROM item_material; DELETE FROM service_item;
         DELETE FROM category; DELETE FROM service_window; DELETE FROM hall; DELETE FROM village;",
    )?;
    Ok(())
}
