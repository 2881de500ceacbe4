//! The rating page itself, the same at the kiosk and on the desk turned to the farmer (评价器):
//! five large buttons with words and stars, none chosen; a 差评 goes on to its reasons as large
//! toggles, a comment box and a phone box with its own number pad; 提交评价 and 不评价 on every
//! step. What the submit button still needs is said below the buttons, where its coming and
//! going moves nothing under the finger.

use chrono::NaiveDate;
use iced::widget::text::LineHeight;
use iced::widget::{Space, button, column, container, row, text_input};
use iced::{Alignment, Element, Length, Padding, Theme};

use crate::domain::rating::{BadReason, RatingAnswer, RatingLevel};
use crate::domain::rating_page::{Need, RatingPage, Step};
use crate::domain::type_scale::{TextSize, TypeScale};
use crate::i18n::Language;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, digit_pad};

type ButtonStyle = fn(&Theme, button::Status) -> button::Style;

/// The widget id of the comment box.
pub const COMMENT_INPUT: &str = "rate-comment";

#[derive(Debug, Clone)]
pub enum Message {
    Level(RatingLevel),
    Reason(BadReason),
    Comment(String),
    Contact(Key),
    /// 重新选择: back to the five levels.
    ChooseAgain,
    Submit,
    /// 不评价.
    Skip,
}

/// The page with what is shown around it: what the submit button asked for, the save running,
/// and why the last save failed.
#[derive(Debug, Clone, Default)]
pub struct RatingForm {
    page: RatingPage,
    /// What 提交评价 asked for when it was tapped too early.
    need: Option<Need>,
    saving: bool,
    error: Option<String>,
}

impl RatingForm {
    pub fn page(&self) -> &RatingPage {
        &self.page
    }

    pub fn is_saving(&self) -> bool {
        self.saving
    }

    /// The last save failed.
    pub fn has_failed(&self) -> bool {
        self.error.is_some()
    }

    /// Returns the answer to record (a rating, or 未评价 for 不评价); the form then waits for
    /// [`RatingForm::failed`] or its owner's next screen.
    pub fn update(&mut self, message: Message) -> Option<RatingAnswer> {
        if self.saving {
            return None;
        }
        match message {
            Message::Level(level) => self.page.choose(level),
            Message::Reason(reason) => self.page.toggle(reason),
            Message::Comment(comment) => self.page.set_comment(&comment),
            Message::Contact(Key::Char(digit)) => self.page.push_contact(digit),
            Message::Contact(Key::Backspace) => self.page.pop_contact(),
            Message::Contact(Key::Clear) => self.page.clear_contact(),
            Message::ChooseAgain => self.page.choose_again(),
            Message::Submit => match self.page.submit() {
                Ok(answer) => return Some(self.saving_now(answer)),
                Err(need) => {
                    self.need = Some(need);
                    return None;
                }
            },
            Message::Skip => return Some(self.saving_now(RatingAnswer::skipped())),
        }
        // A need the farmer has since met is no longer said.
        if self.need.is_some() {
            self.need = self.page.needs();
        }
        None
    }

    fn saving_now(&mut self, answer: RatingAnswer) -> RatingAnswer {
        self.saving = true;
        self.need = None;
        self.error = None;
        answer
    }

    /// The save failed: the page stays as it was, with the words.
    pub fn failed(&mut self, words: String) {
        self.saving = false;
        self.error = Some(words);
    }

    /// `subject`: what is rated (the item's name, or 咨询).
    pub fn view<'a>(&'a self, look: Look, subject: String) -> Element<'a, Message> {
        let language = look.language;
        let mut page = column![
            look.title(t!(language, "rate-title")),
            look.body(t!(language, "rate-subject", subject = subject)),
        ]
        .spacing(look.scale.space);
        page = match self.page.step() {
            Step::Levels => page.push(self.levels(look)),
            Step::Details => page.push(self.details(look)),
        };
        page = page.push(
            row![
                look.tap(
                    "rate-submit",
                    look.heading(t!(language, "rate-submit"))
                        .color(theme::ON_PRIMARY),
                    Message::Submit,
                    theme::primary_button
                ),
                look.tap(
                    "rate-skip",
                    look.heading(t!(language, "rate-skip")),
                    Message::Skip,
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.space * 2.0)
            .wrap()
            .vertical_spacing(look.scale.pad),
        );
        // After every control: what is still needed, the save, or why it failed.
        if self.saving {
            page = page.push(look.heading(t!(language, "rate-saving")));
        } else if let Some(need) = self.need {
            page = page.push(look.caution(need_words(language, need)));
        } else if let Some(error) = &self.error {
            page = page.push(look.caution(error.clone()));
        } else {
            page = page.push(look.body(match self.page.step() {
                Step::Levels => t!(language, "rate-levels-hint"),
                Step::Details => t!(language, "rate-details-hint"),
            }));
        }
        page.into()
    }

    /// The five levels, best first, one per line: stars and words, the chosen one marked.
    fn levels<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        let mut levels = column![].spacing(look.scale.space);
        for level in RatingLevel::ALL {
            let chosen = self.page.level() == Some(level);
            let (style, mark): (ButtonStyle, String) = if chosen {
                (theme::selected_button, t!(language, "rate-chosen"))
            } else {
                (theme::secondary_button, String::new())
            };
            let color = if chosen {
                theme::ON_PRIMARY
            } else {
                theme::ON_SECONDARY
            };
            levels = levels.push(
                look.tap_wide(
                    &format!("rate-level-{}", level.code()),
                    row![
                        // Larger than a normal target: the page's main choice.
                        Space::new().height(look.scale.target * 1.3 - 2.0 * look.scale.pad),
                        row![
                            look.heading(crate::ui::rating_words::stars(language, level))
                                .color(color),
                            look.heading(crate::ui::rating_words::name(language, level))
                                .color(color),
                            Space::new().width(Length::Fill),
                            look.heading(mark).color(color),
                        ]
                        .spacing(look.scale.space * 1.5)
                        .align_y(Alignment::Center),
                    ]
                    .align_y(Alignment::Center),
                    Message::Level(level),
                    style,
                ),
            );
        }
        levels.into()
    }

    /// A 差评's reasons, comment and phone.
    fn details<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        let page = &self.page;
        let level = page.level().unwrap_or(RatingLevel::Dissatisfied);
        let chosen = row![
            container(look.heading(t!(
                language,
                "rate-you-chose",
                level = crate::ui::rating_words::name(language, level),
                stars = crate::ui::rating_words::stars(language, level)
            )))
            .width(Length::Fill),
            look.tap(
                "rate-change-level",
                look.strong(t!(language, "rate-change-level")),
                Message::ChooseAgain,
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.space)
        .align_y(Alignment::Center);
        let mut reasons = row![].spacing(look.scale.space);
        for reason in BadReason::ALL {
            let on = page.has_reason(reason);
            let (style, color, mark): (ButtonStyle, _, _) = if on {
                (theme::selected_button, theme::ON_PRIMARY, "✓")
            } else {
                (theme::secondary_button, theme::ON_SECONDARY, "□")
            };
            // The mark sits in a box of its own width, so ticking never widens a toggle and
            // moves the ones after it.
            reasons = reasons.push(
                look.tap(
                    &format!("rate-reason-{}", reason.code()),
                    row![
                        container(look.heading(mark).color(color))
                            .width(look.scale.heading * 1.2)
                            .center_x(look.scale.heading * 1.2),
                        look.heading(crate::ui::rating_words::reason(language, reason))
                            .color(color),
                    ]
                    .align_y(Alignment::Center),
                    Message::Reason(reason),
                    style,
                ),
            );
        }
        let contact = if page.contact().is_empty() {
            "—".to_owned()
        } else {
            page.contact().to_owned()
        };
        column![
            chosen,
            look.heading(t!(language, "rate-reasons")),
            reasons.wrap().vertical_spacing(look.scale.space),
            look.strong(t!(language, "rate-comment")),
            comment_box(look, &t!(language, "rate-comment-hint"), page.comment()),
            look.strong(t!(language, "rate-contact")),
            container(look.heading(contact))
                .id("rate-contact")
                .padding(look.scale.pad)
                .width(Length::Fill)
                .style(theme::card),
            digit_pad(look, Message::Contact),
        ]
        .spacing(look.scale.space)
        .into()
    }
}

/// A one-line box for the comment, as tall as a touch target.
fn comment_box<'a>(look: Look, hint: &str, value: &str) -> Element<'a, Message> {
    let line = look.scale.body * 1.3;
    let vertical = look
        .scale
        .pad
        .max(((look.scale.target - line) / 2.0).ceil());
    text_input(hint, value)
        .id(COMMENT_INPUT)
        .on_input(Message::Comment)
        .size(look.scale.body)
        .line_height(LineHeight::Relative(1.3))
        .padding(Padding {
            top: vertical,
            bottom: vertical,
            left: look.scale.pad,
            right: look.scale.pad,
        })
        .style(theme::text_box)
        .width(Length::Fill)
        .into()
}

/// What the farmer is told after a rating is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thanks {
    /// 不评价 was chosen.
    pub skipped: bool,
    /// A 差评 opened a follow-up due on this day.
    pub follow_up_due: Option<NaiveDate>,
    /// A phone number was left for the call-back.
    pub call_back: bool,
}

/// 谢谢: what happens to a 差评, and `next` (where the screen goes by itself).
pub fn thanks<'a, M: 'a>(look: Look, thanks: &Thanks, next: String) -> Element<'a, M> {
    let language = look.language;
    let mut page = column![look.title(if thanks.skipped {
        t!(language, "rate-thanks-skipped")
    } else {
        t!(language, "rate-thanks")
    })]
    .spacing(look.scale.space * 1.5);
    if let Some(due) = thanks.follow_up_due {
        page = page.push(look.heading(t!(
            language,
            "rate-thanks-follow-up",
            date = due.to_string()
        )));
        if thanks.call_back {
            page = page.push(look.body(t!(language, "rate-thanks-call-back")));
        }
    }
    container(page.push(look.body(next)))
        .padding(look.scale.pad * 2.0)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// The page on the desk turned to the farmer: never smaller than 长辈版.
pub fn farmer_look(look: Look) -> Look {
    if look.scale.body >= f32::from(TextSize::ELDER.px()) {
        look
    } else {
        Look {
            scale: TypeScale::new(TextSize::ELDER),
            ..look
        }
    }
}

fn need_words(language: Language, need: Need) -> String {
    match need {
        Need::Level => t!(language, "rate-need-level"),
        Need::Reason => t!(language, "rating-need-reason"),
        Need::Contact => t!(language, "rating-need-contact"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submitting_too_early_says_what_is_needed_and_records_nothing() {
        let mut form = RatingForm::default();
        assert_eq!(form.update(Message::Submit), None);
        assert_eq!(form.need, Some(Need::Level));
        assert_eq!(form.update(Message::Level(RatingLevel::Dissatisfied)), None);
        assert_eq!(form.need, Some(Need::Reason), "the next thing needed");
        form.update(Message::Reason(BadReason::Attitude));
        assert_eq!(form.need, None);
        let answer = form.update(Message::Submit).expect("an answer");
        assert_eq!(answer.reasons, [BadReason::Attitude]);
        assert!(form.is_saving());
        assert_eq!(form.update(Message::Skip), None, "one save at a time");
        form.failed("磁盘满了".into());
        assert!(!form.is_saving());
        assert_eq!(form.update(Message::Skip), Some(RatingAnswer::skipped()));
    }
}
