//! What the display shows, read again only when something changed: the database's data version
//! (moved by any other connection's commit: staff editing content, a new case, a rating) or the
//! date (today's figures, which notices are current).

use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use iced::Task;

use crate::domain::Content;
use crate::domain::display::DisplayFigures;
use crate::print::stamp::Stamp;
use crate::store::{Store, StoreError};

/// The moment a snapshot was read at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub data_version: i64,
    pub today: NaiveDate,
}

/// Everything one round of pages is drawn from.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub content: Arc<Content>,
    /// None until read, or when they could not be read (logged): the figures page is left out.
    pub figures: Option<DisplayFigures>,
    /// Sample or training data, said on every page.
    pub stamp: Option<Stamp>,
    pub today: NaiveDate,
    /// None for the snapshot built at start from the content alone.
    pub seen: Option<Seen>,
}

/// A new snapshot, or none when nothing changed since `seen`.
pub type Refreshed = Result<Option<Snapshot>, Arc<StoreError>>;

/// Reads a new snapshot on its own thread unless nothing changed since `seen`.
pub fn refresh<M: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    seen: Option<Seen>,
    today: NaiveDate,
    done: impl Fn(Refreshed) -> M + Send + 'static,
) -> Task<M> {
    let store = Arc::clone(store);
    crate::ui::background::on_thread(
        "bianmin-display",
        move || {
            let store = store.lock().unwrap_or_else(PoisonError::into_inner);
            read(&store, seen, today).map_err(Arc::new)
        },
        || Err(Arc::new(StoreError::WorkerStopped)),
        done,
    )
}

/// The version is read before the data: a commit in between only means one more read later.
pub fn read(
    store: &Store,
    seen: Option<Seen>,
    today: NaiveDate,
) -> Result<Option<Snapshot>, StoreError> {
    let now = Seen {
        data_version: store.data_version()?,
        today,
    };
    if seen == Some(now) {
        return Ok(None);
    }
    store.read_at_once(|store| {
        let content = store
            .load_content()?
            .ok_or_else(|| StoreError::Damaged("no content is stored".into()))?;
        let figures = store
            .display_figures(today, &content)
            .inspect_err(|error| tracing::error!(%error, "the display's figures could not be read"))
            .ok();
        let stamp = Stamp::of(&content, store)?;
        Ok(Some(Snapshot {
            content: Arc::new(content),
            figures,
            stamp,
            today,
            seen: Some(now),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_read_again_until_another_connection_commits_or_the_day_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Store::open_dir(dir.path()).unwrap();
        let mut content = crate::content::shipped().unwrap();
        desk.replace_content(&content).unwrap();
        let display = Store::open_dir(dir.path()).unwrap();
        let today: NaiveDate = "2026-12-02".parse().unwrap();

        let first = read(&display, None, today).unwrap().expect("a first read");
        assert_eq!(first.content.hall.name, content.hall.name);
        assert!(first.figures.is_some());
        assert_eq!(
            read(&display, first.seen, today).unwrap().map(|s| s.today),
            None
        );

        content.hall.name = "新名字便民服务大厅".into();
        desk.replace_content(&content).unwrap();
        let second = read(&display, first.seen, today).unwrap().expect("changed");
        assert_eq!(second.content.hall.name, "新名字便民服务大厅");

        let tomorrow = today.succ_opt().unwrap();
        let third = read(&display, second.seen, tomorrow).unwrap();
        assert_eq!(third.map(|s| s.today), Some(tomorrow));
    }
}
