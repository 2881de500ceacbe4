//! 查进度: a farmer taps the case number from the receipt (or the 登记号 of a one-time notice),
//! or the last six characters of the ID number and the last four digits of the phone, on the
//! number pad, or writes the applicant's name (pinyin or handwriting, the kiosk's text-entry
//! panel) with the phone's last four, and sees the item, the progress line and what to do next —
//! no personal data.
//!
//! The number pad and the lookup sit on the left, the answer on the right, so at every type size
//! the answer shows without scrolling away from the keys. The lookup runs on the store's thread.

use std::sync::Arc;

use iced::widget::{column, container, row};
use iced::{Element, Length, Task};

use crate::domain::Content;
use crate::domain::progress::{Outcome, Stage};
use crate::domain::rating::RatingChannel;
use crate::domain::scan::Scan;
use crate::domain::status_query::{
    ID_TAIL_LEN, Misses, NAME_MAX, PHONE_TAIL_LEN, QueryProblem, StatusQuery,
};
use crate::domain::type_scale::TextSize;
use crate::explain::Explain;
use crate::handwriting::Handwriting;
use crate::store::{CaseRatingStatus, PublicStatus, RatingError, Store, StoreError};
use crate::t;
use crate::ui::desk::office::Office;
use crate::ui::desk::words as desk_words;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, digit_pad, number_pad};
use crate::ui::widget::text_entry::{self, TextEntry};

/// The longest thing typed by number: a 23-digit case number.
const NUMBER_MAX: usize = 23;

/// How the farmer identifies the case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Number,
    /// The ID number's last six and the phone's last four.
    Tails,
    /// The applicant's name and the phone's last four.
    Name,
}

/// Which box the keys type into in [`Mode::Tails`] and [`Mode::Name`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Field {
    #[default]
    IdTail,
    PhoneTail,
    Name,
}

#[derive(Debug, Clone, Default)]
pub struct Status {
    mode: Mode,
    field: Field,
    number: String,
    id_tail: String,
    phone_tail: String,
    /// The applicant's name, entered on the text-entry panel.
    name: NameEntry,
    /// A lookup is running on the store's thread.
    busy: bool,
    /// None before a lookup; Some(empty) when nothing matched.
    found: Option<Vec<PublicStatus>>,
    /// Whether each 已办结 case found can be rated here (好差评), in the order found.
    ratings: Vec<Option<CaseRatingStatus>>,
    problem: Option<Problem>,
    /// Lookups this session that found nothing.
    misses: Misses,
}

/// Why there is no answer to show.
#[derive(Debug, Clone)]
enum Problem {
    Query(QueryProblem),
    Store(Arc<StoreError>),
    /// A convenience-service card was scanned: cards are read at the desk.
    CardScanned,
    /// A scanned code that is none of the hall's.
    ForeignCode,
}

/// The name's panel, holding at most a name field's 50 characters.
#[derive(Debug, Clone)]
struct NameEntry(TextEntry);

impl Default for NameEntry {
    fn default() -> NameEntry {
        NameEntry(TextEntry::new(NAME_MAX))
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Mode(Mode),
    Field(Field),
    Key(Key),
    /// The name's text-entry panel.
    Entry(text_entry::Message),
    Lookup,
    Found(Result<Found, Arc<StoreError>>),
    /// 评价: the kiosk opens the rating page for this case.
    Rate {
        case_id: String,
        item_id: String,
    },
}

/// The cases a lookup found, with whether each can be rated at the kiosk now.
pub type Found = (Vec<PublicStatus>, Vec<Option<CaseRatingStatus>>);

impl Status {
    /// Leaving the screen: what was typed and found goes, the count of misses stays.
    pub fn leave(&mut self) {
        *self = Status {
            misses: self.misses,
            ..Status::default()
        };
    }

    /// The cases the last lookup found (None before one; empty when nothing matched).
    pub fn found(&self) -> Option<&[PublicStatus]> {
        self.found.as_deref()
    }

    /// The name entered so far (with letters not yet turned into characters).
    pub fn name(&self) -> String {
        self.name.0.value()
    }

    /// The name's text-entry panel.
    pub fn name_entry(&self) -> &TextEntry {
        &self.name.0
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        handwriting: &Handwriting,
    ) -> Task<Message> {
        match message {
            Message::Mode(mode) => {
                if mode != self.mode {
                    self.leave();
                    self.mode = mode;
                    if mode == Mode::Name {
                        self.field = Field::Name;
                    }
                }
            }
            Message::Field(field) => self.field = field,
            Message::Key(key) => self.key(key),
            Message::Entry(message) => {
                return self.name.0.update(message, handwriting).map(Message::Entry);
            }
            Message::Lookup => return self.lookup(office),
            Message::Found(result) => {
                // An answer to a lookup the farmer has left behind is dropped.
                if !self.busy {
                    return Task::none();
                }
                self.busy = false;
                match result {
                    Ok((found, ratings)) => {
                        if !found.is_empty() {
                            self.misses.found();
                        }
                        self.found = Some(found);
                        self.ratings = ratings;
                    }
                    Err(error) => {
                        tracing::error!(?error, "case lookup at the kiosk failed");
                        self.problem = Some(Problem::Store(error));
                    }
                }
            }
            // The kiosk handles it: it changes the screen.
            Message::Rate { .. } => {}
        }
        Task::none()
    }

    fn key(&mut self, key: Key) {
        let (field, max, digits_only) = match (self.mode, self.field) {
            (Mode::Number, _) => (&mut self.number, NUMBER_MAX, true),
            (Mode::Tails, Field::IdTail | Field::Name) => (&mut self.id_tail, ID_TAIL_LEN, false),
            (Mode::Tails | Mode::Name, Field::PhoneTail) => {
                (&mut self.phone_tail, PHONE_TAIL_LEN, true)
            }
            // The name's keys are the panel's own (`Message::Entry`).
            (Mode::Name, _) => return,
        };
        match key {
            Key::Char(c) if digits_only && !c.is_ascii_digit() => {}
            Key::Char(c) if field.chars().count() < max => field.push(c),
            Key::Char(_) => {}
            Key::Backspace => {
                field.pop();
            }
            Key::Clear => field.clear(),
        }
        // The sixth character of the ID number moves on to the phone.
        if self.mode == Mode::Tails
            && self.field == Field::IdTail
            && matches!(key, Key::Char(_))
            && self.id_tail.chars().count() == ID_TAIL_LEN
        {
            self.field = Field::PhoneTail;
        }
    }

    /// A receipt's or a one-time notice's QR was scanned: its number shows in the box and is
    /// looked up at once.
    pub fn scanned(&mut self, scan: &Scan, office: &Office) -> Task<Message> {
        // The answer to the lookup under way would be taken for this one's.
        if self.busy {
            return Task::none();
        }
        self.leave();
        match scan {
            Scan::Case(number) => {
                self.number = number.as_str().to_owned();
                self.lookup(office)
            }
            Scan::Reference(reference) => {
                self.number = reference.as_str().to_owned();
                self.lookup(office)
            }
            Scan::Card { .. } => {
                self.problem = Some(Problem::CardScanned);
                Task::none()
            }
            Scan::Foreign => {
                self.problem = Some(Problem::ForeignCode);
                Task::none()
            }
        }
    }

    fn lookup(&mut self, office: &Office) -> Task<Message> {
        if self.busy {
            return Task::none();
        }
        // What was typed is checked first: a half-typed query costs no lookup.
        let query = match self.mode {
            Mode::Number => StatusQuery::by_number(&self.number),
            Mode::Tails => StatusQuery::by_id_and_phone(&self.id_tail, &self.phone_tail),
            Mode::Name => StatusQuery::by_name_and_phone(&self.name(), &self.phone_tail),
        }
        .and_then(|query| self.misses.begin().map(|()| query));
        self.found = None;
        match query {
            Err(problem) => {
                self.problem = Some(Problem::Query(problem));
                Task::none()
            }
            Ok(query) => {
                self.problem = None;
                self.busy = true;
                office.run(
                    move |store, _| {
                        let found = store.public_status(&query)?;
                        let ratings = kiosk_ratings(store, &found)?;
                        Ok::<_, StoreError>((found, ratings))
                    },
                    Message::Found,
                )
            }
        }
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &'a Content,
        handwriting: &Handwriting,
    ) -> Element<'a, Message> {
        let language = look.language;
        // The keys and boxes stay compact at the largest sizes so the answer fits beside them.
        let keys = look.capped(TextSize::ELDER);
        let tab = |key: &str, label: String, mode: Mode| {
            let style = if self.mode == mode {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            keys.tap(key, keys.strong(label), Message::Mode(mode), style)
        };
        let mut form = column![
            row![
                tab(
                    "status-by-number",
                    t!(language, "status-by-number"),
                    Mode::Number
                ),
                tab(
                    "status-by-tails",
                    t!(language, "status-by-tails"),
                    Mode::Tails
                ),
                tab("status-by-name", t!(language, "status-by-name"), Mode::Name),
            ]
            .spacing(keys.scale.pad)
            .wrap()
            .vertical_spacing(keys.scale.pad),
        ]
        .spacing(keys.scale.space);
        match self.mode {
            Mode::Number => {
                form = form
                    .push(keys.body(t!(language, "status-number")))
                    .push(keys.heading(shown(&self.number)));
            }
            Mode::Tails | Mode::Name => {
                // Two boxes side by side, the phone's tail second; a tap chooses which one the
                // keys type into.
                let first = if self.mode == Mode::Tails {
                    self.field_box(
                        keys,
                        "status-id-tail",
                        t!(language, "status-id-tail"),
                        &self.id_tail,
                        Field::IdTail,
                    )
                } else {
                    self.field_box(
                        keys,
                        "status-name",
                        t!(language, "status-name"),
                        &self.name(),
                        Field::Name,
                    )
                };
                form = form.push(
                    row![
                        first,
                        self.field_box(
                            keys,
                            "status-phone-tail",
                            t!(language, "status-phone-tail"),
                            &self.phone_tail,
                            Field::PhoneTail,
                        ),
                    ]
                    .spacing(keys.scale.pad),
                );
            }
        }
        form = form.push(match (self.mode, self.field) {
            (Mode::Name, Field::Name) => self
                .name
                .0
                .view(keys, handwriting, None)
                .map(Message::Entry),
            (Mode::Name, _) => digit_pad(keys, Message::Key),
            _ => number_pad(keys, Message::Key),
        });
        form = form.push(
            keys.tap_wide(
                "status-lookup",
                keys.strong(t!(language, "status-lookup"))
                    .color(theme::ON_PRIMARY),
                Message::Lookup,
                theme::primary_button,
            ),
        );

        column![
            look.title(t!(language, "status-title")),
            row![
                form.width(Length::FillPortion(1)),
                self.answer(look, content).width(Length::FillPortion(1)),
            ]
            .spacing(look.scale.space * 2.0),
        ]
        .spacing(look.scale.space)
        .into()
    }

    /// A box showing what was typed into `field`, with its label; a tap makes the keys type into
    /// it.
    fn field_box<'a>(
        &self,
        keys: Look,
        key: &str,
        label: String,
        typed: &str,
        field: Field,
    ) -> iced::widget::Column<'a, Message> {
        let style = if self.field == field {
            theme::selected_button
        } else {
            theme::secondary_button
        };
        column![
            keys.body(label),
            keys.tap_wide(
                key,
                keys.heading(shown(typed)),
                Message::Field(field),
                style
            ),
        ]
        .spacing(keys.scale.space * 0.5)
        .width(Length::FillPortion(1))
    }

    /// The right-hand side: busy, a problem, or what was found.
    fn answer<'a>(&'a self, look: Look, content: &'a Content) -> iced::widget::Column<'a, Message> {
        let language = look.language;
        let mut answer = column![].spacing(look.scale.space);
        if self.busy {
            return answer.push(look.heading(t!(language, "status-busy")));
        }
        match &self.problem {
            Some(Problem::Query(problem)) => {
                return answer.push(look.caution(problem.words(language)));
            }
            Some(Problem::Store(error)) => {
                return answer.push(look.caution(error.words(language)));
            }
            Some(Problem::CardScanned) => {
                return answer.push(look.caution(t!(language, "scan-card-at-kiosk")));
            }
            Some(Problem::ForeignCode) => {
                return answer.push(look.caution(t!(language, "scan-foreign")));
            }
            None => {}
        }
        match &self.found {
            Some(found) if found.is_empty() => {
                answer = answer.push(look.caution(match self.misses.left() {
                    0 => QueryProblem::TooManyMisses.words(language),
                    left => t!(language, "status-misses-left", count = left),
                }));
            }
            Some(found) => {
                for (index, status) in found.iter().enumerate() {
                    let rating = self.ratings.get(index).copied().flatten();
                    answer = answer.push(case_card(look, content, status, index, rating));
                }
            }
            None if self.mode == Mode::Tails => {
                answer = answer.push(look.body(t!(language, "status-tails-hint")));
            }
            None if self.mode == Mode::Name => {
                answer = answer.push(look.body(t!(language, "status-name-hint")));
            }
            None => {}
        }
        answer
    }
}

/// Whether each 已办结 case can be rated at the kiosk (the others are not asked about).
fn kiosk_ratings(
    store: &Store,
    found: &[PublicStatus],
) -> Result<Vec<Option<CaseRatingStatus>>, StoreError> {
    found
        .iter()
        .map(|status| {
            if status.state != crate::domain::application::CaseState::Completed {
                return Ok(None);
            }
            match store.case_rating_status(&status.case_id, RatingChannel::Kiosk) {
                Ok(rating) => Ok(Some(rating)),
                Err(RatingError::Store(error)) => Err(error),
                Err(error) => {
                    tracing::warn!(?error, "a case's rating could not be read");
                    Ok(None)
                }
            }
        })
        .collect()
}

/// One case: the item, its state, the progress line and what to do next; a 已办结 case not yet
/// rated offers 评价 (`index`: its place in the list, for the button's key).
fn case_card<'a>(
    look: Look,
    content: &'a Content,
    status: &'a PublicStatus,
    index: usize,
    rating: Option<CaseRatingStatus>,
) -> Element<'a, Message> {
    let language = look.language;
    let item = content
        .item(&status.item_id)
        .map(|item| language.pick(&item.name, &item.name_en).to_owned())
        .unwrap_or_default();
    let progress = &status.progress;
    let next = progress.next_stage();
    let mut line = row![].spacing(look.scale.pad);
    for (index, mark) in progress.stages.iter().enumerate() {
        if index > 0 {
            line = line.push(look.body("→"));
        }
        let name = stage_name(look, mark.stage);
        let (mark_text, name_text) = match mark.reached {
            Some(on) => (on.to_string(), look.strong(format!("● {name}"))),
            None if next == Some(mark.stage) => (
                t!(language, "status-stage-pending"),
                look.strong(format!("○ {name}")),
            ),
            None => (
                t!(language, "status-stage-pending"),
                look.body(format!("○ {name}")).color(theme::MUTED_TEXT),
            ),
        };
        line = line.push(column![name_text, look.small(mark_text)]);
    }
    // The item's name in body type, the state larger: the progress line must fit on screen
    // beside the keys at the largest size.
    let mut body = column![
        look.strong(item),
        look.heading(desk_words::state(language, status.state)),
        line.wrap().vertical_spacing(look.scale.pad)
    ]
    .spacing(look.scale.space * 0.5);
    let reason = |reason: &str| {
        if reason.is_empty() {
            t!(language, "status-no-reason")
        } else {
            reason.to_owned()
        }
    };
    match &progress.outcome {
        Outcome::Open => {
            body = body.push(look.body(match status.due_date {
                Some(due) => t!(language, "status-due", date = due.to_string()),
                None => t!(language, "status-no-due"),
            }));
        }
        Outcome::AwaitingCorrection { missing } => {
            body = body
                .push(look.body(t!(language, "status-correction")))
                .push(look.bullets(missing.iter().cloned()));
        }
        Outcome::Completed { on } => {
            body =
                body.push(look.strong(t!(language, "status-completed-on", date = on.to_string())));
            match rating {
                Some(CaseRatingStatus::Open) => {
                    body = body.push(
                        look.tap_wide(
                            &format!("status-rate-{index}"),
                            look.heading(t!(language, "status-rate"))
                                .color(theme::ON_PRIMARY),
                            Message::Rate {
                                case_id: status.case_id.clone(),
                                item_id: status.item_id.clone(),
                            },
                            theme::primary_button,
                        ),
                    );
                }
                Some(CaseRatingStatus::AlreadyRated) => {
                    body = body.push(look.body(t!(language, "status-rated")));
                }
                Some(CaseRatingStatus::NotYet(_)) | None => {}
            }
        }
        Outcome::Returned { on, reason: why } => {
            body = body
                .push(look.strong(t!(
                    language,
                    "status-returned",
                    date = on.to_string(),
                    reason = reason(why)
                )))
                .push(look.body(t!(language, "status-returned-next")));
        }
        Outcome::Refused { on, reason: why } => {
            body = body
                .push(look.strong(t!(
                    language,
                    "status-refused",
                    date = on.to_string(),
                    reason = reason(why)
                )))
                .push(look.body(t!(language, "status-refused-next")));
        }
    }
    container(body)
        .padding(look.scale.pad * 1.5)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

fn stage_name(look: Look, stage: Stage) -> String {
    let language = look.language;
    match stage {
        Stage::Accepted => t!(language, "status-stage-accepted"),
        Stage::Handling => t!(language, "status-stage-handling"),
        Stage::County => t!(language, "status-stage-county"),
        Stage::Completed => t!(language, "status-stage-completed"),
    }
}

/// What was typed so far, or a dash so the line keeps its height.
fn shown(typed: &str) -> String {
    if typed.is_empty() {
        "—".to_owned()
    } else {
        typed.to_owned()
    }
}
