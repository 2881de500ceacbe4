//! 评价服务 at the kiosk (好差评): the farmer names a 已办结 case by its number — tapped on the
//! number pad, or read from the receipt's QR code by a USB scanner, which types into the same box
//! and presses Enter — or chooses 咨询 to rate a visit without a case; then the rating page, and a
//! thank-you that goes Home by itself. 查进度 opens the page for a case directly.
//!
//! Lookups and saves run on the store's thread, like 查进度's. Walking away mid-rating records
//! nothing: the idle reset only goes Home, and the case can still be rated later (a 未评价 is
//! the farmer's own choice of 不评价, never a guess from silence).

pub mod page;

use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::widget::{column, container, row};
use iced::{Element, Length, Task, keyboard};

use self::page::{RatingForm, Thanks};
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::application::CaseState;
use crate::domain::case_entry::CaseEntry;
use crate::domain::case_number::CaseNumber;
use crate::domain::rating::{RatingAnswer, RatingChannel};
use crate::domain::status_query::{Misses, QueryProblem};
use crate::domain::type_scale::TextSize;
use crate::explain::{Explain, shown};
use crate::i18n::Language;
use crate::store::{CaseRatingStatus, Rated, RatingError, Store};
use crate::t;
use crate::ui::desk::office::Office;
use crate::ui::desk::words as desk_words;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, digit_pad};

/// How long the thank-you stays before the kiosk goes Home by itself.
pub const THANKS_FOR: Duration = Duration::from_secs(5);

/// What is rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Case {
        id: String,
        item_id: String,
    },
    /// A visit without a case (咨询).
    Visit,
}

/// A key from a keyboard or a scanner in keyboard mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Char(char),
    Backspace,
    Enter,
}

/// What the case number named, for the rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseLookup {
    Open { id: String, item_id: String },
    AlreadyRated,
    NotYet(CaseState),
    Unknown,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The number pad.
    Key(Key),
    /// A keyboard or a QR scanner.
    Typed(Typed),
    /// 下一步: look the case up.
    Lookup,
    /// 咨询: rate a visit without a case.
    Visit,
    Found(Result<CaseLookup, Arc<RatingError>>),
    Page(page::Message),
    Saved(Result<Box<Rated>, Arc<RatingError>>),
}

/// What the screen asks the kiosk to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Home,
}

#[derive(Debug, Clone)]
enum Phase {
    /// The case-number box, the number pad and 咨询; `said` is the last lookup's answer.
    Entry {
        said: Option<String>,
    },
    Looking,
    Page {
        subject: Subject,
        form: RatingForm,
    },
    Thanks {
        thanks: Thanks,
        until: Instant,
    },
}

#[derive(Debug, Clone)]
pub struct Rating {
    phase: Phase,
    entry: CaseEntry,
    /// Lookups this session that found nothing (like 查进度's: numbers are not for guessing).
    misses: Misses,
}

impl Default for Rating {
    fn default() -> Self {
        Rating {
            phase: Phase::Entry { said: None },
            entry: CaseEntry::default(),
            misses: Misses::default(),
        }
    }
}

impl Rating {
    /// The rating page for a case 查进度 found open for rating.
    pub fn for_case(&mut self, id: String, item_id: String) {
        self.leave();
        self.phase = Phase::Page {
            subject: Subject::Case { id, item_id },
            form: RatingForm::default(),
        };
    }

    /// Leaving the screen: what was typed and chosen goes (nothing is recorded), the count of
    /// misses stays for the session.
    pub fn leave(&mut self) {
        *self = Rating {
            misses: self.misses,
            ..Rating::default()
        };
    }

    /// The rating page's form, when it shows.
    pub fn form(&self) -> Option<&RatingForm> {
        match &self.phase {
            Phase::Page { form, .. } => Some(form),
            _ => None,
        }
    }

    pub fn subject(&self) -> Option<&Subject> {
        match &self.phase {
            Phase::Page { subject, .. } => Some(subject),
            _ => None,
        }
    }

    pub fn is_thanking(&self) -> bool {
        matches!(self.phase, Phase::Thanks { .. })
    }

    /// Whether keys from a keyboard or scanner go into the case-number box now.
    pub fn takes_typing(&self) -> bool {
        matches!(self.phase, Phase::Entry { .. })
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Key(key) if self.takes_typing() => match key {
                Key::Char(c) => self.entry.push(c),
                Key::Backspace => self.entry.pop(),
                Key::Clear => self.entry.clear(),
            },
            Message::Typed(typed) if self.takes_typing() => match typed {
                Typed::Char(c) => self.entry.push(c),
                Typed::Backspace => self.entry.pop(),
                Typed::Enter => return (self.lookup(office, language), None),
            },
            Message::Key(_) | Message::Typed(_) => {}
            Message::Lookup if self.takes_typing() => {
                return (self.lookup(office, language), None);
            }
            Message::Lookup => {}
            Message::Visit if self.takes_typing() => {
                self.phase = Phase::Page {
                    subject: Subject::Visit,
                    form: RatingForm::default(),
                };
            }
            Message::Visit => {}
            Message::Found(result) => {
                // An answer to a lookup the farmer has left behind is dropped.
                if !matches!(self.phase, Phase::Looking) {
                    return (Task::none(), None);
                }
                self.found(result, language);
            }
            Message::Page(message) => return self.page(message, office, now),
            Message::Saved(result) => return (self.saved(result, language), None),
        }
        (Task::none(), None)
    }

    /// The clock moved on: the thank-you goes Home by itself.
    pub fn tick(&mut self, now: Instant) -> Option<Event> {
        match self.phase {
            Phase::Thanks { until, .. } if now >= until => Some(Event::Home),
            _ => None,
        }
    }

    fn lookup(&mut self, office: &Office, language: Language) -> Task<Message> {
        let Some(number) = self.entry.finish() else {
            self.phase = Phase::Entry {
                said: Some(t!(language, "rate-entry-not-a-number")),
            };
            return Task::none();
        };
        if let Err(problem) = self.misses.begin() {
            self.phase = Phase::Entry {
                said: Some(problem.words(language)),
            };
            return Task::none();
        }
        self.phase = Phase::Looking;
        office.run(move |store, _| look_up(store, &number), Message::Found)
    }

    fn found(&mut self, result: Result<CaseLookup, Arc<RatingError>>, language: Language) {
        let said = match result {
            Ok(CaseLookup::Open { id, item_id }) => {
                self.misses.found();
                self.phase = Phase::Page {
                    subject: Subject::Case { id, item_id },
                    form: RatingForm::default(),
                };
                return;
            }
            Ok(CaseLookup::Unknown) => match self.misses.left() {
                0 => QueryProblem::TooManyMisses.words(language),
                left => t!(language, "rate-entry-unknown", count = left),
            },
            Ok(CaseLookup::AlreadyRated) => {
                self.misses.found();
                t!(language, "rate-entry-already-rated")
            }
            Ok(CaseLookup::NotYet(state)) => {
                self.misses.found();
                let state_words = desk_words::state(language, state);
                if state.is_open() {
                    t!(language, "rate-entry-not-yet", state = state_words)
                } else {
                    t!(language, "rate-entry-ended", state = state_words)
                }
            }
            Err(error) => shown(language, &*error),
        };
        self.phase = Phase::Entry { said: Some(said) };
    }

    fn page(
        &mut self,
        message: page::Message,
        office: &Office,
        now: Timestamp,
    ) -> (Task<Message>, Option<Event>) {
        let Phase::Page { subject, form } = &mut self.phase else {
            return (Task::none(), None);
        };
        let Some(answer) = form.update(message) else {
            return (Task::none(), None);
        };
        match subject.clone() {
            // A visit nobody rated leaves nothing to record: 未评价 belongs to a case.
            Subject::Visit if answer.level.is_none() => (Task::none(), Some(Event::Home)),
            subject => (save(office, subject, answer, now), None),
        }
    }

    fn saved(
        &mut self,
        result: Result<Box<Rated>, Arc<RatingError>>,
        language: Language,
    ) -> Task<Message> {
        let Phase::Page { form, .. } = &mut self.phase else {
            // The farmer left (or the kiosk went Home) while it saved: it is recorded all the
            // same, and there is no one left to thank.
            return Task::none();
        };
        match result {
            Ok(rated) => {
                self.phase = Phase::Thanks {
                    thanks: Thanks {
                        skipped: rated.rating.level.is_none(),
                        follow_up_due: rated.follow_up.map(|follow_up| follow_up.due_date),
                        call_back: !rated.rating.contact.is_empty(),
                    },
                    until: Instant::now() + THANKS_FOR,
                };
            }
            Err(error) => form.failed(shown(language, &*error)),
        }
        Task::none()
    }

    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        match &self.phase {
            Phase::Entry { said } => self.entry_view(look, said.as_deref(), false),
            Phase::Looking => self.entry_view(look, None, true),
            Phase::Page { subject, form } => form
                .view(look, subject_words(language, content, subject))
                .map(Message::Page),
            // The bar's 首页 is there for someone who will not wait.
            Phase::Thanks { thanks, .. } => {
                page::thanks(look, thanks, t!(language, "rate-thanks-home"))
            }
        }
    }

    /// The number box and pad on the left, 咨询 and the answer on the right (as on 查进度).
    fn entry_view<'a>(
        &'a self,
        look: Look,
        said: Option<&str>,
        busy: bool,
    ) -> Element<'a, Message> {
        let language = look.language;
        let keys = look.capped(TextSize::ELDER);
        let typed = if self.entry.is_empty() {
            "—".to_owned()
        } else {
            self.entry.typed().to_owned()
        };
        let form = column![
            keys.body(t!(language, "rate-entry-number")),
            container(keys.heading(typed))
                .padding(keys.scale.pad)
                .width(Length::Fill)
                .style(theme::card),
            digit_pad(keys, Message::Key),
            keys.tap_wide(
                "rate-lookup",
                keys.strong(t!(language, "rate-entry-next"))
                    .color(theme::ON_PRIMARY),
                Message::Lookup,
                theme::primary_button,
            ),
        ]
        .spacing(keys.scale.space);
        let mut side = column![
            look.body(t!(language, "rate-entry-visit-hint")),
            look.tap_wide(
                "rate-visit",
                look.heading(t!(language, "rate-entry-visit")),
                Message::Visit,
                theme::secondary_button,
            ),
        ]
        .spacing(look.scale.space);
        if busy {
            side = side.push(look.heading(t!(language, "rate-entry-busy")));
        } else if let Some(said) = said {
            side = side.push(look.caution(said.to_owned()));
        } else {
            side = side.push(look.body(t!(language, "rate-entry-scan-hint")));
        }
        column![
            look.title(t!(language, "rate-entry-title")),
            row![
                form.width(Length::FillPortion(1)),
                side.width(Length::FillPortion(1)),
            ]
            .spacing(look.scale.space * 2.0),
        ]
        .spacing(look.scale.space)
        .into()
    }
}

/// The item's name, or 咨询.
pub fn subject_words(language: Language, content: &Content, subject: &Subject) -> String {
    match subject {
        Subject::Case { item_id, .. } => content
            .item(item_id)
            .map(|item| language.pick(&item.name, &item.name_en).to_owned())
            .unwrap_or_else(|| item_id.clone()),
        Subject::Visit => t!(language, "rate-subject-visit"),
    }
}

/// Records the answer on the store's thread, on the kiosk's channel.
fn save(office: &Office, subject: Subject, answer: RatingAnswer, now: Timestamp) -> Task<Message> {
    office.run(
        move |store, rules| {
            match subject {
                Subject::Case { id, .. } => {
                    store.rate_case(&id, RatingChannel::Kiosk, answer, rules, now)
                }
                Subject::Visit => store.rate_visit(None, RatingChannel::Kiosk, answer, rules, now),
            }
            .map(Box::new)
        },
        Message::Saved,
    )
}

/// Whether the case with this number can be rated at the kiosk now.
fn look_up(store: &mut Store, number: &CaseNumber) -> Result<CaseLookup, RatingError> {
    let Some(id) = store.case_id_by_number(number)? else {
        return Ok(CaseLookup::Unknown);
    };
    Ok(match store.case_rating_status(&id, RatingChannel::Kiosk)? {
        CaseRatingStatus::Open => {
            let case = store.case(&id)?.ok_or(RatingError::UnknownCase)?;
            CaseLookup::Open {
                id,
                item_id: case.item_id,
            }
        }
        CaseRatingStatus::AlreadyRated => CaseLookup::AlreadyRated,
        CaseRatingStatus::NotYet(state) => CaseLookup::NotYet(state),
    })
}

/// A key from a keyboard or a scanner in keyboard mode, for the case-number box: printable
/// characters, Backspace and Enter (the scanner's terminator).
pub fn typed(event: keyboard::Event) -> Option<Typed> {
    use keyboard::key::Named;
    let keyboard::Event::KeyPressed {
        key,
        text,
        modifiers,
        ..
    } = event
    else {
        return None;
    };
    match key {
        keyboard::Key::Named(Named::Enter) => Some(Typed::Enter),
        keyboard::Key::Named(Named::Backspace) => Some(Typed::Backspace),
        _ if modifiers.control() || modifiers.alt() || modifiers.logo() => None,
        _ => {
            let text = text?;
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_graphic() => Some(Typed::Char(c)),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_number::QR_PREFIX;

    fn press(key: keyboard::Key, text: Option<&str>) -> keyboard::Event {
        crate::ui::scanner::press(key, text, false)
    }

    #[test]
    fn a_scanners_keys_fill_the_case_number_box_and_enter_ends_it() {
        let mut entry = CaseEntry::default();
        let payload = format!("{QR_PREFIX}62102320220261127030042");
        let mut ended = false;
        let keys = payload
            .chars()
            .map(|c| {
                press(
                    keyboard::Key::Character(c.to_string().into()),
                    Some(&c.to_string()),
                )
            })
            .chain([press(
                keyboard::Key::Named(keyboard::key::Named::Enter),
                Some("\r"),
            )]);
        for key in keys {
            match typed(key) {
                Some(Typed::Char(c)) => entry.push(c),
                Some(Typed::Enter) => ended = true,
                Some(Typed::Backspace) => entry.pop(),
                None => panic!("a key was lost"),
            }
        }
        assert!(ended);
        assert_eq!(
            entry.finish().map(|n| n.to_string()),
            Some("62102320220261127030042".into())
        );
    }

    #[test]
    fn shortcuts_and_non_ascii_are_not_typed() {
        let mut event = press(keyboard::Key::Character("q".into()), Some("q"));
        if let keyboard::Event::KeyPressed { modifiers, .. } = &mut event {
            *modifiers = keyboard::Modifiers::CTRL;
        }
        assert_eq!(typed(event), None);
        assert_eq!(
            typed(press(keyboard::Key::Character("案".into()), Some("案"))),
            None
        );
        assert_eq!(
            typed(press(
                keyboard::Key::Named(keyboard::key::Named::Backspace),
                None
            )),
            Some(Typed::Backspace)
        );
    }
}
