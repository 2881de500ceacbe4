//! What the agents' desk works with: the terminal's database and the holiday calendar. Every
//! call here is a short SQLite transaction (milliseconds), made from `update`.

use crate::domain::Content;
use crate::domain::calendar::HolidayCalendar;
use crate::store::{CaseRules, Store};

pub struct Office {
    pub store: Store,
    pub calendar: HolidayCalendar,
}

impl Office {
    pub fn new(store: Store) -> Office {
        Office {
            store,
            calendar: HolidayCalendar::shipped(),
        }
    }

    /// Where PDFs and USB bundles go unless staff type another folder: the user's documents,
    /// else this terminal's data directory.
    pub fn save_folder(&self) -> std::path::PathBuf {
        let data_dir = self
            .store
            .data_dir()
            .or_else(crate::startup::default_data_dir)
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        crate::print::job::default_folder(&data_dir)
    }

    /// The store and the rules of a case, borrowed together.
    pub fn split<'a>(&'a mut self, content: &'a Content) -> (&'a mut Store, CaseRules<'a>) {
        let Office { store, calendar } = self;
        (store, CaseRules { content, calendar })
    }
}
