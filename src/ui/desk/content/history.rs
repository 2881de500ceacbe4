//! 历史: the content's revisions (who, when, what changed), each restorable after a question;
//! and, when this program ships newer content than the hall uses, what adopting it would change.

use iced::widget::{column, container, row};
use iced::{Alignment, Element, Length};

use crate::content::words::change_line;
use crate::content_edit::{Preview, words};
use crate::store::Revision;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// How many changes a revision shows in the list.
const SHOWN_CHANGES: usize = 3;
/// How many changes the offer of the shipped content lists.
const OFFER_LINES: usize = 30;

#[derive(Debug, Clone, Default)]
pub struct History {
    revisions: Vec<Revision>,
    /// The revision whose restoring waits for an answer.
    asking: Option<i64>,
    /// The program's own content version, when the hall uses another.
    shipped_version: Option<String>,
    /// What adopting the program's own content would change, once asked.
    offer: Option<Preview>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Restore(i64),
    Confirm(bool),
    ShowOffer,
    Adopt,
}

/// What the screen does for the history.
#[derive(Debug, Clone)]
pub enum Request {
    Undo(i64),
    PreviewShipped,
    AdoptShipped(Box<Preview>),
}

impl History {
    pub fn new(revisions: Vec<Revision>, shipped_version: Option<String>) -> History {
        History {
            revisions,
            asking: None,
            shipped_version,
            offer: None,
        }
    }

    pub fn latest(&self) -> Option<i64> {
        self.revisions.first().map(|revision| revision.id)
    }

    pub fn show_offer(&mut self, preview: Preview) {
        self.offer = Some(preview);
    }

    pub fn update(&mut self, message: Message) -> Option<Request> {
        match message {
            Message::Restore(id) => self.asking = Some(id),
            Message::Confirm(yes) => {
                let id = self.asking.take()?;
                return yes.then_some(Request::Undo(id));
            }
            Message::ShowOffer => return Some(Request::PreviewShipped),
            Message::Adopt => {
                return self
                    .offer
                    .take()
                    .map(|preview| Request::AdoptShipped(Box::new(preview)));
            }
        }
        None
    }

    pub fn view(&self, look: Look, current_version: &str) -> Element<'_, Message> {
        let language = look.language;
        let mut page = column![].spacing(look.scale.space);
        if let Some(shipped) = &self.shipped_version {
            page = page.push(self.offer_view(look, shipped, current_version));
        }
        if self.revisions.is_empty() {
            page = page.push(look.body(t!(language, "content-history-empty")));
        }
        let latest = self.latest();
        for revision in &self.revisions {
            let heading = t!(
                language,
                "content-history-line",
                revision = revision.id,
                at = crate::clock::minutes(&revision.at),
                who = words::author(language, &revision.author),
                why = words::reason(language, revision)
            );
            let mut card = column![
                look.strong(heading),
                look.body(words::summary(language, revision, SHOWN_CHANGES)),
            ]
            .spacing(look.scale.space * 0.3);
            if Some(revision.id) != latest {
                card = card.push(if self.asking == Some(revision.id) {
                    confirm(look, revision.id)
                } else {
                    look.tap(
                        &format!("content-restore-{}", revision.id),
                        look.strong(t!(language, "content-restore")),
                        Message::Restore(revision.id),
                        theme::secondary_button,
                    )
                });
            }
            page = page.push(
                container(card)
                    .padding(look.scale.pad)
                    .width(Length::Fill)
                    .style(theme::card),
            );
        }
        page.into()
    }

    fn offer_view<'a>(&'a self, look: Look, shipped: &str, current: &str) -> Element<'a, Message> {
        let language = look.language;
        let mut offer = column![look.caution(t!(
            language,
            "content-shipped-offer",
            shipped = shipped,
            current = current
        ))]
        .spacing(look.scale.space * 0.5);
        match &self.offer {
            None => {
                offer = offer.push(look.tap(
                    "content-shipped-show",
                    look.strong(t!(language, "content-shipped-show")),
                    Message::ShowOffer,
                    theme::secondary_button,
                ));
            }
            Some(preview) => {
                let mut lines: Vec<String> = preview
                    .changes
                    .iter()
                    .take(OFFER_LINES)
                    .map(|change| change_line(language, change))
                    .collect();
                let more = preview.changes.len().saturating_sub(OFFER_LINES);
                if more > 0 {
                    lines.push(t!(language, "content-more-changes", count = more));
                }
                offer = offer.push(look.bullets(lines)).push(
                    look.tap(
                        "content-shipped-adopt",
                        look.strong(t!(language, "content-shipped-adopt"))
                            .color(theme::ON_PRIMARY),
                        Message::Adopt,
                        theme::primary_button,
                    ),
                );
            }
        }
        offer.into()
    }
}

/// "恢复到第 N 版吗？" with its two answers, in place of the button.
fn confirm<'a>(look: Look, id: i64) -> Element<'a, Message> {
    let language = look.language;
    column![
        look.body(t!(language, "content-restore-ask", revision = id)),
        row![
            look.tap(
                "content-restore-yes",
                look.strong(t!(language, "content-restore-yes"))
                    .color(theme::ON_PRIMARY),
                Message::Confirm(true),
                theme::primary_button
            ),
            look.tap(
                "content-restore-no",
                look.strong(t!(language, "content-restore-no")),
                Message::Confirm(false),
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center),
    ]
    .spacing(look.scale.space * 0.3)
    .into()
}
