//! The picker drawn over the desk: the field it fills and what that holds, the three ways to
//! look up, and the characters found, large, each with its code point and block. Everything
//! keeps its place: the answer line, the page buttons and the grid's area are there whether
//! or not anything was found.

use iced::widget::text::LineHeight;
use iced::widget::{Space, button, column, container, opaque, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::{CODE_BOX, PINYIN_BOX, RADICAL_BOX, STROKES_BOX};
use super::{COLUMNS, Message, Mode, PAGE, Picker};
use crate::chars::Candidate;
use crate::domain::type_scale::TextSize;
use crate::i18n::Language;
use crate::t;
use crate::ui::desk::form::{MIN_CONTROL, text_box, tick};
use crate::ui::theme;
use crate::ui::widget::{Look, TARGET_ID_PREFIX};

/// The largest type the picker is drawn at (px): eight characters across must fit a desk's
/// screen.
const LARGEST: u16 = 24;

/// The sizes of the picker's parts, from the look.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    glyph: f32,
    cell_width: f32,
    cell_height: f32,
    gap: f32,
    /// A radical's tap cell (and a stroke count's).
    key: f32,
}

impl Sizes {
    fn of(look: Look) -> Sizes {
        let glyph = (look.scale.body * 2.2).clamp(40.0, 56.0);
        let gap = look.scale.pad * 0.8;
        Sizes {
            glyph,
            cell_width: glyph * 2.0,
            cell_height: glyph * 1.25 + look.scale.small * 2.6 + look.scale.pad,
            gap,
            key: (look.scale.body * 2.4).max(MIN_CONTROL + 4.0),
        }
    }

    /// The height of the area under the boxes: three rows of characters.
    fn area(&self) -> f32 {
        self.cell_height * 3.0 + self.gap * 2.0
    }

    fn width(&self) -> f32 {
        self.cell_width * COLUMNS as f32 + self.gap * (COLUMNS as f32 - 1.0)
    }
}

impl Picker {
    /// The panel for a field labelled `label` that holds `value` now.
    pub fn view<'a>(&'a self, look: Look, label: String, value: &str) -> Element<'a, Message> {
        let look = TextSize::new(LARGEST).map_or(look, |largest| look.capped(largest));
        let sizes = Sizes::of(look);
        let language = look.language;
        let filled: Element<'a, Message> = if value.is_empty() {
            look.small(t!(language, "picker-empty")).into()
        } else {
            text(value.to_owned()).size(look.scale.heading).into()
        };
        let head = row![
            look.heading(t!(language, "picker-title", field = label)),
            container(filled)
                .width(Length::Fill)
                .clip(true)
                .id("picker-value"),
            look.tap(
                "picker-delete",
                look.strong(t!(language, "picker-delete")),
                Message::DeleteLast,
                theme::secondary_button
            ),
            look.tap(
                "picker-close",
                look.strong(t!(language, "picker-close"))
                    .color(theme::ON_PRIMARY),
                Message::Close,
                theme::primary_button
            ),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
        let mode = |key: &str, words: String, mode: Mode| {
            let style = if self.mode == mode {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            look.tap(key, look.strong(words), Message::Mode(mode), style)
        };
        let mut modes = row![
            mode(
                "picker-mode-pinyin",
                t!(language, "picker-mode-pinyin"),
                Mode::Pinyin
            ),
            mode(
                "picker-mode-radical",
                t!(language, "picker-mode-radical"),
                Mode::Radical
            ),
            mode(
                "picker-mode-code",
                t!(language, "picker-mode-code"),
                Mode::Code
            ),
            Space::new().width(Length::Fill),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
        // At the row's end, where its coming and going moves nothing.
        if self.mode != Mode::Code {
            modes = modes.push(tick(
                look,
                "picker-rare-only",
                self.rare_only,
                t!(language, "picker-rare-only"),
                Message::RareOnly,
            ));
        }
        let area: Element<'a, Message> = if self.mode == Mode::Radical && self.radical().is_none() {
            self.radical_grid(look, sizes)
        } else {
            self.characters(look, sizes)
        };
        let panel = column![
            head,
            modes,
            // Each way's boxes, and the answer line, take the same height: the grid stays put.
            container(self.boxes(look))
                .height(look.scale.target)
                .align_y(Alignment::Center),
            container(self.answer_line(look))
                .height(look.scale.target.max((look.scale.body * 1.3 * 2.0).ceil()))
                .align_y(Alignment::Center),
            container(area).height(sizes.area()).width(Length::Fill),
        ]
        .spacing(look.scale.space)
        .width(sizes.width());
        let card = container(scrollable(panel).width(Length::Shrink))
            .padding(look.scale.pad * 2.0)
            .style(theme::card);
        opaque(
            container(card)
                .center(Length::Fill)
                .padding(look.scale.pad * 2.0)
                .style(theme::backdrop),
        )
    }

    /// The boxes of the way chosen.
    fn boxes<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        match self.mode {
            Mode::Pinyin => text_box(look, &t!(language, "picker-pinyin-hint"), &self.pinyin)
                .id(PINYIN_BOX)
                .on_input(Message::Pinyin)
                .into(),
            Mode::Code => text_box(look, "U+2A6A5", &self.code)
                .id(CODE_BOX)
                .on_input(Message::Code)
                .into(),
            Mode::Radical => {
                let narrow = look.scale.body * 4.0;
                let mut line = row![
                    look.strong(t!(language, "picker-radical")),
                    text_box(look, "", &self.radical)
                        .id(RADICAL_BOX)
                        .on_input(Message::Radical)
                        .width(narrow),
                    look.strong(t!(language, "picker-strokes")),
                    text_box(look, &t!(language, "picker-strokes-any"), &self.strokes)
                        .id(STROKES_BOX)
                        .on_input(Message::Strokes)
                        .width(narrow * 1.5),
                    look.tap(
                        "picker-strokes-less",
                        look.strong("−"),
                        Message::StrokesStep(-1),
                        theme::secondary_button
                    ),
                    look.tap(
                        "picker-strokes-more",
                        look.strong("+"),
                        Message::StrokesStep(1),
                        theme::secondary_button
                    ),
                ]
                .spacing(look.scale.pad)
                .align_y(Alignment::Center);
                if self.radical().is_some() {
                    line = line.push(look.tap(
                        "picker-other-radical",
                        look.strong(t!(language, "picker-other-radical")),
                        Message::OtherRadical,
                        theme::secondary_button,
                    ));
                }
                line.into()
            }
        }
    }

    /// One line: busy, refused, how many were found and which page, or what to do; and the
    /// page buttons at its right end.
    fn answer_line<'a>(&'a self, look: Look) -> Element<'a, Message> {
        let language = look.language;
        let (words, colour) = self.answer_words(language);
        let mut line = row![
            container(
                text(words)
                    .size(look.scale.body)
                    .line_height(LineHeight::Relative(1.3))
                    .color(colour)
            )
            .width(Length::Fill)
            .height((look.scale.body * 1.3 * 2.0).ceil())
            .align_y(Alignment::Center)
            .clip(true)
            .id("picker-answer"),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
        let grid = self.mode == Mode::Radical && self.radical().is_none();
        if !grid {
            line = line
                .push(look.tap(
                    "picker-previous",
                    look.strong(t!(language, "picker-previous")),
                    Message::PreviousPage,
                    theme::secondary_button,
                ))
                .push(look.tap(
                    "picker-next",
                    look.strong(t!(language, "picker-next")),
                    Message::NextPage,
                    theme::secondary_button,
                ));
        }
        line.into()
    }

    fn answer_words(&self, language: Language) -> (String, iced::Color) {
        if let Some(refused) = self.refused() {
            return (refused.to_owned(), theme::ALERT);
        }
        if self.is_busy() {
            return (t!(language, "picker-busy"), theme::MUTED_TEXT);
        }
        let words = match (self.found(), self.mode) {
            (Some(found), _) if found.is_empty() => t!(language, "picker-none"),
            (Some(found), _) => {
                let (_, page, pages) = self.page();
                t!(
                    language,
                    "picker-found",
                    count = found.len().to_string(),
                    page = (page + 1).to_string(),
                    pages = pages.to_string()
                )
            }
            (None, Mode::Pinyin) => t!(language, "picker-hint-pinyin"),
            (None, Mode::Radical) => t!(language, "picker-hint-radical"),
            (None, Mode::Code) => t!(language, "picker-hint-code"),
        };
        (words, theme::TEXT)
    }

    /// The page of characters found, [`COLUMNS`] across.
    fn characters<'a>(&'a self, look: Look, sizes: Sizes) -> Element<'a, Message> {
        let (shown, _, _) = self.page();
        let mut rows = column![].spacing(sizes.gap);
        for line in shown.chunks(COLUMNS) {
            let mut cells = row![].spacing(sizes.gap);
            for candidate in line {
                cells = cells.push(cell(look, sizes, candidate));
            }
            rows = rows.push(cells);
        }
        debug_assert!(shown.len() <= PAGE);
        rows.into()
    }

    /// The radicals of one stroke count, under the stroke counts to choose from.
    fn radical_grid<'a>(&'a self, look: Look, sizes: Sizes) -> Element<'a, Message> {
        let Some(radicals) = &self.radicals else {
            return Space::new().into();
        };
        let key = |name: String, label: String, size: f32, message: Message, chosen: bool| {
            let style = if chosen {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            container(
                button(container(look.strong(label).size(size)).center(Length::Fill))
                    .width(sizes.key)
                    .height(sizes.key)
                    .padding(0)
                    .style(style)
                    .on_press(message),
            )
            .id(format!("{TARGET_ID_PREFIX}{name}"))
        };
        let mut counts: Vec<u8> = radicals.iter().map(|radical| radical.strokes).collect();
        counts.dedup();
        let chips = row(counts.into_iter().map(|strokes| {
            key(
                format!("picker-radical-strokes-{strokes}"),
                strokes.to_string(),
                look.scale.body,
                Message::RadicalStrokes(strokes),
                strokes == self.radical_strokes,
            )
            .into()
        }))
        .spacing(sizes.gap * 0.5)
        .wrap()
        .vertical_spacing(sizes.gap * 0.5);
        let forms = row(radicals
            .iter()
            .filter(|radical| radical.strokes == self.radical_strokes)
            .map(|radical| {
                key(
                    format!("picker-radical-{}", radical.form),
                    radical.form.to_string(),
                    look.scale.heading,
                    Message::ChooseRadical(radical.form),
                    false,
                )
                .into()
            }))
        .spacing(sizes.gap * 0.5)
        .wrap()
        .vertical_spacing(sizes.gap * 0.5);
        column![
            row![look.strong(t!(look.language, "picker-radical-strokes"))],
            chips,
            scrollable(forms).height(Length::Fill).width(Length::Fill),
        ]
        .spacing(sizes.gap)
        .into()
    }
}

/// One character found: the glyph large, its code point and block under it; a tap puts it in
/// the field.
fn cell<'a>(look: Look, sizes: Sizes, candidate: &'a Candidate) -> Element<'a, Message> {
    let Some(ch) = candidate.char.chars().next() else {
        return Space::new().into();
    };
    let small = |words: String| {
        text(words)
            .size(look.scale.small)
            .line_height(LineHeight::Relative(1.2))
    };
    let face = column![
        text(candidate.char.as_str()).size(sizes.glyph),
        small(candidate.code_point.clone()),
        small(block_words(look.language, candidate.block)),
    ]
    .align_x(Alignment::Center);
    container(
        button(container(face).center(Length::Fill))
            .width(sizes.cell_width)
            .height(sizes.cell_height)
            .padding(look.scale.pad * 0.3)
            .style(theme::secondary_button)
            .on_press(Message::Pick(ch)),
    )
    .id(format!(
        "{TARGET_ID_PREFIX}picker-char-{:04X}",
        u32::from(ch)
    ))
    .into()
}

/// A Han block in words: 基本区, 扩展A区, 兼容区.
pub fn block_words(language: Language, block: &str) -> String {
    match block {
        "URO" => t!(language, "picker-block-basic"),
        "Compatibility" => t!(language, "picker-block-compatibility"),
        "Kangxi radicals" => t!(language, "picker-block-radicals"),
        _ => match block.strip_prefix("Ext ") {
            Some(letter) => t!(language, "picker-block-extension", letter = letter),
            None => block.to_owned(),
        },
    }
}
