//! The picker's questions to the character table, asked on a thread of their own: the first
//! one reads the whole table (about 100,000 characters), which must not freeze the window.

use std::sync::Arc;

use iced::Task;

use crate::chars::{self, Candidate, CharsError, HanChar, RadicalForm};
use crate::ui::background::on_thread;

/// What the agent asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A pinyin syllable, perhaps with its tone digit (yan, yan3).
    Pinyin(String),
    /// A radical (火, 氵, 龙) and the strokes beyond it, when given.
    Radical(String, Option<i8>),
    /// A code point (U+2A6A5).
    Code(String),
}

/// The characters found, the common ones first, or why none could be looked for.
pub type Answer = Result<Arc<Vec<Candidate>>, Arc<CharsError>>;

/// The radicals the grid offers (this reads the table the first time).
pub type Radicals = Result<Arc<Vec<RadicalForm>>, Arc<CharsError>>;

/// Answers `query` on its own thread.
pub fn ask<M: Send + 'static>(
    query: Query,
    done: impl Fn(Answer) -> M + Send + 'static,
) -> Task<M> {
    on_thread("bianmin-chars", move || answer(&query), lost, done)
}

/// Reads the table and its radicals on their own thread.
pub fn radicals<M: Send + 'static>(done: impl Fn(Radicals) -> M + Send + 'static) -> Task<M> {
    on_thread(
        "bianmin-chars",
        || {
            let table = chars::table().map_err(|error| Arc::new(error.clone()))?;
            Ok(Arc::new(table.radical_forms()))
        },
        lost,
        done,
    )
}

/// The answer to `query` (blocking: the table is read on first use).
pub fn answer(query: &Query) -> Answer {
    let table = chars::table().map_err(|error| Arc::new(error.clone()))?;
    let found: Vec<&HanChar> = match query {
        Query::Pinyin(pinyin) => table.by_pinyin(pinyin)?,
        Query::Radical(radical, strokes) => table.by_radical(radical, *strokes)?,
        Query::Code(code) => table.by_code_point(code)?.into_iter().collect(),
    };
    Ok(Arc::new(
        found
            .into_iter()
            .map(|entry| table.candidate(entry))
            .collect(),
    ))
}

/// A lookup thread that died without answering.
fn lost<T>() -> Result<T, Arc<CharsError>> {
    tracing::error!("a character lookup thread stopped without an answer");
    Err(Arc::new(CharsError::Stopped))
}
