//! The kiosk's one way to enter text by touch, used wherever it asks for text (搜索, 查进度 by
//! name): the kiosk has no keyboard and its compositor no input method (see domain notes §4.9).
//!
//! Two tabs: 拼音, the A–Z keys whose letters build a syllable with its characters offered
//! above the keys (letters left unpicked stay letters, so a search still reads them as pinyin
//! initials); and 手写, a pad to write a character on, shown only when the recogniser is
//! installed. The candidate row keeps its place whether or not it has candidates, so no key
//! moves under the finger.
//!
//! The character index and the handwriting model are loaded on first use, on threads of their
//! own; recognition runs on a thread after every stroke.

mod candidates;
pub mod pad;

use std::sync::Arc;

use iced::widget::{column, container, row};
use iced::{Alignment, Element, Length, Task};

use crate::chars::CharsError;
use crate::chars::compose::{Composer, Pages, Turn};
use crate::chars::readings::{self, Readings};
use crate::explain::Explain;
use crate::handwriting::{Handwriting, HandwritingError, Ink, Point, Recognizer};
use crate::t;
use crate::ui::background::on_thread;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::keypad::{Key, edit_keys, keypad, letter_pad};

/// The pad's side in pixels (at least 300, so a finger has room for a 12-stroke character).
pub const PAD_SIDE: f32 = 320.0;
/// Characters asked of the recogniser for one ink.
const WRITTEN_CANDIDATES: usize = 20;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Pinyin,
    Handwriting,
}

#[derive(Debug, Clone)]
pub struct TextEntry {
    /// The characters entered.
    text: String,
    /// The most characters the text may hold.
    limit: usize,
    tab: Tab,
    composer: Composer,
    /// The character index is being built on its thread.
    preparing: bool,
    chars_problem: Option<&'static CharsError>,
    ink: Ink,
    /// Counts changes of the ink: a recognition of an older ink is dropped.
    ink_version: u64,
    written: Pages,
    recognising: bool,
    recognition_problem: Option<Arc<HandwritingError>>,
    pen: Pen,
}

/// The recogniser, as far as this panel knows.
#[derive(Debug, Clone, Default)]
enum Pen {
    #[default]
    Closed,
    Opening,
    Ready(Arc<Recognizer>),
    Failed(Arc<HandwritingError>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Key(Key),
    /// Text from a text box: typed, or composed with an input method (a desk's keyboard).
    Typed(String),
    /// A candidate, by its place among all of them.
    Pick(usize),
    /// A page of this many candidates turned.
    Turn(Turn, usize),
    /// A stroke written on the pad, in the pad's pixels.
    Stroke(Vec<Point>),
    UndoStroke,
    ClearInk,
    /// The character index's thread finished.
    ReadingsBuilt,
    PenOpened(Result<Arc<Recognizer>, Arc<HandwritingError>>),
    Recognised {
        version: u64,
        result: Result<Vec<char>, Arc<HandwritingError>>,
    },
}

impl Default for TextEntry {
    fn default() -> TextEntry {
        TextEntry::new(usize::MAX)
    }
}

impl TextEntry {
    /// A panel whose text holds at most `limit` characters.
    pub fn new(limit: usize) -> TextEntry {
        TextEntry {
            text: String::new(),
            limit,
            tab: Tab::default(),
            composer: Composer::default(),
            preparing: false,
            chars_problem: None,
            ink: Ink::new(PAD_SIDE, PAD_SIDE),
            ink_version: 0,
            written: Pages::default(),
            recognising: false,
            recognition_problem: None,
            pen: Pen::default(),
        }
    }

    /// The characters entered, without letters still waiting to be picked.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the panel holds: the characters entered, then the letters tapped since.
    pub fn value(&self) -> String {
        format!("{}{}", self.text, self.composer.letters())
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.composer.is_empty()
    }

    /// Text that came another way (an input method, a keyboard): it replaces what is there.
    pub fn set_text(&mut self, text: &str) {
        self.text = text.chars().take(self.limit).collect();
        self.composer.clear();
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The candidates offered now, best first (the tab's own).
    pub fn candidates(&self) -> &[char] {
        match self.tab {
            Tab::Pinyin => self.composer.candidates().all(),
            Tab::Handwriting => self.written.all(),
        }
    }

    /// The strokes on the pad.
    pub fn ink(&self) -> &Ink {
        &self.ink
    }

    pub fn update(&mut self, message: Message, handwriting: &Handwriting) -> Task<Message> {
        match message {
            Message::Tab(tab) => {
                let offered = tab == Tab::Pinyin || handwriting.available() == Some(true);
                if tab != self.tab && offered {
                    self.tab = tab;
                    // Letters not turned into a character, and a half-written one, go.
                    self.composer.clear();
                    self.clear_ink();
                    if tab == Tab::Handwriting {
                        return self.open_pen(handwriting);
                    }
                    // The model closes when no panel holds it (see `Handwriting`).
                    self.pen = Pen::Closed;
                }
            }
            Message::Typed(text) => self.set_text(&text),
            Message::Key(Key::Char(letter)) => {
                self.composer.push(letter, loaded_readings());
                return self.prepare_readings();
            }
            Message::Key(Key::Backspace) => {
                if !self.composer.pop(loaded_readings()) {
                    self.text.pop();
                }
            }
            Message::Key(Key::Clear) => {
                self.text.clear();
                self.composer.clear();
                self.clear_ink();
            }
            Message::Pick(index) => {
                let picked = match self.tab {
                    Tab::Pinyin => self.composer.pick(index, loaded_readings()),
                    Tab::Handwriting => self.written.get(index),
                };
                if let Some(ch) = picked {
                    if self.text.chars().count() < self.limit {
                        self.text.push(ch);
                    }
                    if self.tab == Tab::Handwriting {
                        self.clear_ink();
                    }
                }
            }
            Message::Turn(turn, shown) => match self.tab {
                Tab::Pinyin => self.composer.turn(turn, shown),
                Tab::Handwriting => self.written.turn(turn, shown),
            },
            Message::Stroke(points) => {
                if self.tab == Tab::Handwriting {
                    self.ink.push_stroke(points);
                    return self.recognise();
                }
            }
            Message::UndoStroke => {
                if self.ink.undo() {
                    return self.recognise();
                }
            }
            Message::ClearInk => self.clear_ink(),
            Message::ReadingsBuilt => {
                self.preparing = false;
                match readings::loaded() {
                    Some(Ok(readings)) => self.composer.refresh(Some(readings)),
                    Some(Err(problem)) => {
                        tracing::error!(%problem, "the character table could not be read");
                        self.chars_problem = Some(problem);
                    }
                    // The thread stopped before it finished: the next letter tries again.
                    None => tracing::error!("the character index was not built"),
                }
            }
            // Opened for a pad left since: not kept.
            Message::PenOpened(_) if self.tab != Tab::Handwriting => self.pen = Pen::Closed,
            Message::PenOpened(Ok(recognizer)) => {
                self.pen = Pen::Ready(recognizer);
                // Strokes written while the model was opening.
                return self.recognise();
            }
            Message::PenOpened(Err(problem)) => {
                tracing::error!(%problem, "handwriting is not available");
                self.pen = Pen::Failed(problem);
            }
            Message::Recognised { version, result } => {
                if version != self.ink_version {
                    return Task::none();
                }
                self.recognising = false;
                match result {
                    Ok(found) => self.written = Pages::new(found),
                    Err(problem) => {
                        tracing::error!(%problem, "handwriting was not recognised");
                        self.written = Pages::default();
                        self.recognition_problem = Some(problem);
                    }
                }
            }
        }
        Task::none()
    }

    /// Builds the character index on its thread the first time letters are tapped.
    fn prepare_readings(&mut self) -> Task<Message> {
        if self.preparing || self.chars_problem.is_some() || readings::loaded().is_some() {
            return Task::none();
        }
        self.preparing = true;
        on_thread(
            "bianmin-chars",
            || {
                let _ = readings::readings();
            },
            || (),
            |()| Message::ReadingsBuilt,
        )
    }

    /// Opens the recogniser on its thread (once per panel; the model itself opens once).
    fn open_pen(&mut self, handwriting: &Handwriting) -> Task<Message> {
        if !matches!(self.pen, Pen::Closed) {
            return Task::none();
        }
        self.pen = Pen::Opening;
        let handwriting = handwriting.clone();
        on_thread(
            "bianmin-handwriting",
            move || handwriting.recognizer(),
            || Err(Arc::new(stopped())),
            Message::PenOpened,
        )
    }

    /// Recognises the ink on its thread; the candidates shown stay until the answer comes.
    fn recognise(&mut self) -> Task<Message> {
        self.ink_version += 1;
        self.recognition_problem = None;
        if self.ink.is_empty() {
            self.recognising = false;
            self.written = Pages::default();
            return Task::none();
        }
        let Pen::Ready(recognizer) = &self.pen else {
            return Task::none();
        };
        self.recognising = true;
        let recognizer = Arc::clone(recognizer);
        let ink = self.ink.clone();
        let version = self.ink_version;
        on_thread(
            "bianmin-handwriting",
            move || {
                recognizer
                    .classify(&ink, WRITTEN_CANDIDATES)
                    .map_err(Arc::new)
            },
            || Err(Arc::new(stopped())),
            move |result| Message::Recognised { version, result },
        )
    }

    fn clear_ink(&mut self) {
        self.ink.clear();
        self.ink_version += 1;
        self.written = Pages::default();
        self.recognising = false;
        self.recognition_problem = None;
    }

    /// The panel: `display` (what was entered, drawn by the screen, if it is drawn here) with
    /// 删除 and 清空 beside it; the candidate row with the tabs at its end; the keys or the pad.
    pub fn view<'a>(
        &'a self,
        look: Look,
        handwriting: &Handwriting,
        display: Option<Element<'a, Message>>,
    ) -> Element<'a, Message> {
        let language = look.language;
        let offered = handwriting.available() == Some(true);
        let tab = if offered { self.tab } else { Tab::Pinyin };
        let mut tabs = row![].spacing(look.scale.pad).align_y(Alignment::Center);
        if offered {
            for (key, label, this) in [
                ("entry-pinyin", t!(language, "entry-pinyin"), Tab::Pinyin),
                (
                    "entry-handwriting",
                    t!(language, "entry-handwriting"),
                    Tab::Handwriting,
                ),
            ] {
                let style = if tab == this {
                    theme::selected_button
                } else {
                    theme::secondary_button
                };
                tabs = tabs.push(look.tap(key, look.strong(label), Message::Tab(this), style));
            }
        }
        let (pages, note) = match tab {
            Tab::Pinyin => (self.composer.candidates(), self.pinyin_note(look)),
            Tab::Handwriting => (&self.written, self.handwriting_note(look)),
        };
        let candidates = candidates::view(look, pages, note);
        let mut panel = column![].spacing(look.scale.pad);
        // 删除 and 清空 beside what was entered, or else with the keys.
        let edit_beside = display.is_some();
        if let Some(display) = display {
            panel = panel.push(
                row![
                    container(display).width(Length::Fill),
                    edit_keys(look, Message::Key)
                ]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center),
            );
        }
        panel = panel.push(
            row![container(candidates).width(Length::Fill), tabs]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center),
        );
        panel = panel.push(match (tab, edit_beside) {
            (Tab::Pinyin, true) => keypad(look, Message::Key),
            (Tab::Pinyin, false) => letter_pad(look, Message::Key),
            (Tab::Handwriting, _) => self.writing(look, !edit_beside),
        });
        panel.into()
    }

    /// What the candidate row says while there is nothing to pick on the pinyin tab.
    fn pinyin_note(&self, look: Look) -> String {
        let language = look.language;
        if let Some(problem) = self.chars_problem {
            problem.words(language)
        } else if self.preparing {
            t!(language, "entry-preparing")
        } else if !self.composer.is_empty() {
            t!(language, "entry-no-reading")
        } else {
            t!(language, "entry-hint-pinyin")
        }
    }

    /// What the candidate row says while there is nothing to pick on the handwriting tab.
    fn handwriting_note(&self, look: Look) -> String {
        let language = look.language;
        if let Some(problem) = &self.recognition_problem {
            problem.words(language)
        } else if matches!(self.pen, Pen::Opening) && !self.ink.is_empty() {
            t!(language, "entry-opening")
        } else if self.recognising {
            t!(language, "entry-recognising")
        } else if !self.ink.is_empty() {
            t!(language, "entry-unrecognised")
        } else {
            t!(language, "entry-hint-handwriting")
        }
    }

    /// The pad, with 退一笔 and 重写 (the ink) beside it, and 删除 and 清空 (the text) when
    /// `with_edit`.
    fn writing<'a>(&'a self, look: Look, with_edit: bool) -> Element<'a, Message> {
        let language = look.language;
        let pad: Element<'a, Message> = match &self.pen {
            Pen::Failed(problem) => container(look.caution(problem.words(language)))
                .width(PAD_SIDE)
                .height(PAD_SIDE)
                .center_y(PAD_SIDE)
                .into(),
            _ => pad::view(&self.ink),
        };
        // One width for all, wide enough for the longest label.
        let width = look.scale.body * 4.0 + look.scale.pad * 2.0;
        let button = |key: &str, label: String, message: Message| {
            look.tap_fixed(
                key,
                width,
                look.strong(label),
                message,
                theme::secondary_button,
            )
        };
        let mut buttons = column![
            button("pad-undo", t!(language, "pad-undo"), Message::UndoStroke),
            button("pad-clear", t!(language, "pad-clear"), Message::ClearInk),
        ]
        .spacing(look.scale.pad);
        if with_edit {
            buttons = buttons
                .push(button(
                    "key-backspace",
                    t!(language, "keypad-backspace"),
                    Message::Key(Key::Backspace),
                ))
                .push(button(
                    "key-clear",
                    t!(language, "keypad-clear"),
                    Message::Key(Key::Clear),
                ));
        }
        row![pad, buttons].spacing(look.scale.pad).into()
    }
}

/// A worker thread that ended without an answer.
fn stopped() -> HandwritingError {
    HandwritingError::Recognition("the handwriting thread stopped".into())
}

/// The character index, if it is built.
fn loaded_readings() -> Option<&'static Readings> {
    readings::loaded().and_then(Result::ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_handwriting() -> Handwriting {
        Handwriting::new(
            "libzinnia-not-here.so.0",
            std::path::Path::new("/nonexistent/handwriting.model"),
        )
    }

    /// Updates the panel and runs what its task yields (the character index, built once).
    fn send(entry: &mut TextEntry, message: Message, handwriting: &Handwriting) {
        let _ = entry.update(message, handwriting);
        if readings::loaded().is_none() {
            let _ = readings::readings();
        }
        if entry.preparing {
            let _ = entry.update(Message::ReadingsBuilt, handwriting);
        }
    }

    fn tap_letters(entry: &mut TextEntry, letters: &str, handwriting: &Handwriting) {
        for letter in letters.chars() {
            send(entry, Message::Key(Key::Char(letter)), handwriting);
        }
    }

    fn pick(entry: &mut TextEntry, wanted: char, handwriting: &Handwriting) {
        let index = entry
            .candidates()
            .iter()
            .position(|&c| c == wanted)
            .unwrap_or_else(|| panic!("{wanted} not offered"));
        send(entry, Message::Pick(index), handwriting);
    }

    #[test]
    fn letters_show_in_the_value_until_a_character_replaces_them() {
        let handwriting = no_handwriting();
        let mut entry = TextEntry::default();
        tap_letters(&mut entry, "WANG", &handwriting);
        assert_eq!(entry.value(), "WANG");
        assert_eq!(entry.text(), "");
        assert_eq!(entry.candidates().first(), Some(&'王'));
        pick(&mut entry, '王', &handwriting);
        assert_eq!(entry.value(), "王");
        assert!(entry.candidates().is_empty());
        tap_letters(&mut entry, "KUN", &handwriting);
        assert_eq!(entry.value(), "王KUN");
    }

    #[test]
    fn delete_takes_a_letter_first_then_a_character_and_clear_takes_all() {
        let handwriting = no_handwriting();
        let mut entry = TextEntry::default();
        entry.set_text("张");
        tap_letters(&mut entry, "SA", &handwriting);
        send(&mut entry, Message::Key(Key::Backspace), &handwriting);
        assert_eq!(entry.value(), "张S");
        send(&mut entry, Message::Key(Key::Backspace), &handwriting);
        send(&mut entry, Message::Key(Key::Backspace), &handwriting);
        assert_eq!(entry.value(), "");
        tap_letters(&mut entry, "LI", &handwriting);
        entry.set_text("李");
        assert_eq!(entry.value(), "李", "typed text replaces letters too");
        send(&mut entry, Message::Key(Key::Clear), &handwriting);
        assert!(entry.is_empty());
    }

    #[test]
    fn the_limit_holds_and_a_page_turn_picks_from_the_page_shown() {
        let handwriting = no_handwriting();
        let mut entry = TextEntry::new(2);
        entry.set_text("一二三");
        assert_eq!(entry.text(), "一二");
        tap_letters(&mut entry, "SAN", &handwriting);
        pick(&mut entry, '三', &handwriting);
        assert_eq!(entry.text(), "一二", "no third character");

        let mut entry = TextEntry::default();
        tap_letters(&mut entry, "YAN", &handwriting);
        send(&mut entry, Message::Turn(Turn::Next, 4), &handwriting);
        let fifth = entry.candidates()[4];
        send(&mut entry, Message::Pick(4), &handwriting);
        assert_eq!(entry.text(), fifth.to_string());
    }

    #[test]
    fn without_a_recogniser_the_handwriting_tab_is_refused_and_strokes_ignored() {
        let handwriting = no_handwriting();
        assert!(handwriting.probe().is_err());
        let mut entry = TextEntry::default();
        send(&mut entry, Message::Tab(Tab::Handwriting), &handwriting);
        assert_eq!(entry.tab(), Tab::Pinyin);
        send(
            &mut entry,
            Message::Stroke(vec![Point { x: 1.0, y: 1.0 }]),
            &handwriting,
        );
        assert!(entry.ink().is_empty());
    }

    #[test]
    fn an_answer_for_an_older_ink_is_dropped() {
        let handwriting = no_handwriting();
        let mut entry = TextEntry {
            tab: Tab::Handwriting,
            ..TextEntry::default()
        };
        let _ = entry.update(
            Message::Stroke(vec![Point { x: 10.0, y: 10.0 }, Point { x: 90.0, y: 10.0 }]),
            &handwriting,
        );
        let old = entry.ink_version;
        let _ = entry.update(Message::UndoStroke, &handwriting);
        assert!(entry.ink().is_empty());
        let _ = entry.update(
            Message::Recognised {
                version: old,
                result: Ok(vec!['一']),
            },
            &handwriting,
        );
        assert!(
            entry.candidates().is_empty(),
            "the stroke it was for is gone"
        );
    }
}
