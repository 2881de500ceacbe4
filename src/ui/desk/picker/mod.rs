//! 生僻字: the desk's rare-character picker. A button beside every name field opens it; the
//! agent finds a character by pinyin (every reading, the extensions included), by radical and
//! the strokes beyond it, or by code point (U+4DAE), sees each one large with its code point and
//! block, and taps it into the field. The panel stays open for the next character until closed.
//!
//! Lookups run on a thread of their own (the first reads the whole table); an answer to a
//! query no longer asked is dropped.

pub mod field;
pub mod lookup;
pub mod target;
mod view;

use std::sync::Arc;

use iced::Task;

use self::lookup::{Answer, Query, Radicals};
pub use self::target::Target;
use crate::chars::{Candidate, RadicalForm};
use crate::explain::shown;
use crate::i18n::Language;

/// Characters on one page of results: [`COLUMNS`] across, three rows.
pub const PAGE: usize = COLUMNS * 3;
pub const COLUMNS: usize = 8;

/// The text boxes' widget ids.
pub const PINYIN_BOX: &str = "picker-pinyin";
pub const RADICAL_BOX: &str = "picker-radical";
pub const STROKES_BOX: &str = "picker-strokes";
pub const CODE_BOX: &str = "picker-code";

/// The three ways to look a character up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Pinyin,
    Radical,
    Code,
}

/// The characters an answer found, or why there are none, in words.
type Shown = Result<Arc<Vec<Candidate>>, String>;

#[derive(Debug, Clone)]
pub struct Picker {
    target: Target,
    mode: Mode,
    pinyin: String,
    radical: String,
    /// Strokes beyond the radical; empty for any number.
    strokes: String,
    code: String,
    /// 只看扩展区: the basic block's characters (which any input method types) left out.
    rare_only: bool,
    /// The radicals' grid, once the table is read, and the stroke count it shows.
    radicals: Option<Arc<Vec<RadicalForm>>>,
    radical_strokes: u8,
    /// The query asked last: only its answer is shown.
    asked: Option<Query>,
    /// The last answer taken, and the query it answers.
    answer: Option<(Query, Shown)>,
    page: usize,
    /// Why the table could not be read.
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Mode(Mode),
    Pinyin(String),
    Radical(String),
    /// A radical tapped in the grid.
    ChooseRadical(char),
    /// Back to the grid for another radical.
    OtherRadical,
    /// The grid shows the radicals of this many strokes.
    RadicalStrokes(u8),
    Strokes(String),
    /// One stroke more (+1) or fewer (−1).
    StrokesStep(i8),
    Code(String),
    /// 只看扩展区 ticked or not.
    RareOnly(bool),
    Loaded(Radicals),
    Found(Query, Answer),
    PreviousPage,
    NextPage,
    Pick(char),
    DeleteLast,
    Close,
}

/// What the picker asks the desk to do with its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Insert(char),
    DeleteLast,
    Close,
}

impl Picker {
    /// The picker for `target`, reading the table (and its radicals) on its own thread, the
    /// pinyin box focused.
    pub fn open(target: Target) -> (Picker, Task<Message>) {
        let picker = Picker {
            target,
            mode: Mode::Pinyin,
            pinyin: String::new(),
            radical: String::new(),
            strokes: String::new(),
            code: String::new(),
            rare_only: false,
            radicals: None,
            radical_strokes: 1,
            asked: None,
            answer: None,
            page: 0,
            problem: None,
        };
        let task = Task::batch([
            lookup::radicals(Message::Loaded),
            iced::widget::operation::focus(PINYIN_BOX),
        ]);
        (picker, task)
    }

    pub fn target(&self) -> Target {
        self.target
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The table is being read, or a lookup is on its way.
    pub fn is_busy(&self) -> bool {
        let loading = self.radicals.is_none() && self.problem.is_none();
        let searching = self.asked.is_some()
            && self.answer.as_ref().map(|(query, _)| query) != self.asked.as_ref();
        loading || searching
    }

    /// The characters found for what is asked now (the last answer while a new one is on its
    /// way), without the basic block's when only the extensions are asked for; None when
    /// nothing is asked.
    pub fn found(&self) -> Option<Vec<&Candidate>> {
        self.asked.as_ref()?;
        match &self.answer {
            Some((_, Ok(found))) => Some(
                found
                    .iter()
                    .filter(|candidate| !self.rare_only() || candidate.block != "URO")
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Whether only the characters outside the basic block are shown (never for a code point:
    /// the one asked for shows whatever its block).
    pub fn rare_only(&self) -> bool {
        self.rare_only && self.mode != Mode::Code
    }

    /// Why the last query found nothing it could show (not pinyin, not a radical…).
    pub fn refused(&self) -> Option<&str> {
        if let Some(problem) = &self.problem {
            return Some(problem);
        }
        match &self.answer {
            Some((query, Err(words))) if Some(query) == self.asked.as_ref() => Some(words),
            _ => None,
        }
    }

    /// The characters on the page shown, the page (from 0) and how many pages there are.
    pub fn page(&self) -> (Vec<&Candidate>, usize, usize) {
        let found = self.found().unwrap_or_default();
        let pages = found.len().div_ceil(PAGE).max(1);
        let page = self.page.min(pages - 1);
        let shown = found.into_iter().skip(page * PAGE).take(PAGE).collect();
        (shown, page, pages)
    }

    /// The radical chosen or typed, if any.
    pub fn radical(&self) -> Option<&str> {
        let radical = self.radical.trim();
        (!radical.is_empty()).then_some(radical)
    }

    /// The strokes beyond the radical, when given.
    pub fn strokes(&self) -> Option<i8> {
        self.strokes.trim().parse().ok()
    }

    /// What the boxes of the current way ask, if anything.
    pub fn query(&self) -> Option<Query> {
        let filled = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        match self.mode {
            Mode::Pinyin => filled(&self.pinyin).map(Query::Pinyin),
            Mode::Radical => {
                filled(&self.radical).map(|radical| Query::Radical(radical, self.strokes()))
            }
            Mode::Code => filled(&self.code).map(Query::Code),
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        language: Language,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Mode(mode) => {
                self.mode = mode;
                let focus = iced::widget::operation::focus(match mode {
                    Mode::Pinyin => PINYIN_BOX,
                    Mode::Radical => RADICAL_BOX,
                    Mode::Code => CODE_BOX,
                });
                return (Task::batch([self.ask(), focus]), None);
            }
            Message::Pinyin(pinyin) => self.pinyin = pinyin,
            Message::Radical(radical) => self.radical = radical,
            Message::ChooseRadical(form) => {
                self.radical = form.to_string();
                return (
                    Task::batch([self.ask(), iced::widget::operation::focus(STROKES_BOX)]),
                    None,
                );
            }
            Message::OtherRadical => self.radical.clear(),
            Message::RadicalStrokes(strokes) => {
                self.radical_strokes = strokes;
                return (Task::none(), None);
            }
            Message::Strokes(strokes) => {
                // Digits only (and −1, which a few characters have): anything else is not kept.
                let trimmed = strokes.trim();
                if !trimmed.is_empty() && !matches!(trimmed.parse::<i8>(), Ok(-1..=64)) {
                    return (Task::none(), None);
                }
                self.strokes = strokes;
            }
            Message::StrokesStep(step) => {
                self.strokes = match (self.strokes(), step) {
                    (None, step) if step > 0 => "0".to_owned(),
                    (None, _) => String::new(),
                    // Below none: any number of strokes.
                    (Some(0), step) if step < 0 => String::new(),
                    (Some(strokes), step) => strokes.saturating_add(step).clamp(0, 64).to_string(),
                };
            }
            Message::Code(code) => self.code = code,
            Message::RareOnly(rare_only) => {
                self.rare_only = rare_only;
                self.page = 0;
                return (Task::none(), None);
            }
            Message::Loaded(Ok(radicals)) => {
                self.radicals = Some(radicals);
                return (Task::none(), None);
            }
            Message::Loaded(Err(error)) => {
                self.problem = Some(shown(language, &*error));
                return (Task::none(), None);
            }
            Message::Found(query, answer) => {
                if Some(&query) == self.asked.as_ref() {
                    let answer = answer.map_err(|error| shown(language, &*error));
                    self.answer = Some((query, answer));
                    self.page = 0;
                }
                return (Task::none(), None);
            }
            Message::PreviousPage => {
                self.page = self.page().1.saturating_sub(1);
                return (Task::none(), None);
            }
            Message::NextPage => {
                let (_, page, pages) = self.page();
                self.page = (page + 1).min(pages - 1);
                return (Task::none(), None);
            }
            Message::Pick(ch) => return (Task::none(), Some(Event::Insert(ch))),
            Message::DeleteLast => return (Task::none(), Some(Event::DeleteLast)),
            Message::Close => return (Task::none(), Some(Event::Close)),
        }
        (self.ask(), None)
    }

    /// Asks what the boxes ask now, unless it is asked already.
    fn ask(&mut self) -> Task<Message> {
        let query = self.query();
        if query == self.asked {
            return Task::none();
        }
        self.asked = query.clone();
        let answered = self.answer.as_ref().map(|(answered, _)| answered);
        match query {
            None => Task::none(),
            // Back to a query answered last (another way, then this one again).
            Some(query) if answered == Some(&query) => Task::none(),
            Some(query) => lookup::ask(query.clone(), move |answer| {
                Message::Found(query.clone(), answer)
            }),
        }
    }
}

#[cfg(test)]
mod tests;
