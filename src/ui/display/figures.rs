//! The hall's figures on the display: the one place the display asks for them, so they can come
//! from the statistics module later without touching the rest.

use chrono::NaiveDate;

use crate::domain::display::DisplayFigures;
use crate::store::{Store, StoreError};

/// Today's and this month's accepted and completed cases, and the month's 满意度.
pub fn figures(store: &Store, today: NaiveDate) -> Result<DisplayFigures, StoreError> {
    store.display_figures(today)
}
