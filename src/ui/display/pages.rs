//! Drawing one page of the display: the hall's name and the date across the top, the page, and a
//! quiet row of dots at the bottom. Type is sized for the far wall of the hall: on a 1920×1080
//! screen titles are 64–84 px and nothing is smaller than 36 px; a smaller window scales it all.

use iced::widget::{Space, column, container, row, text};
use iced::{Alignment, Background, Border, Color, Element, Length, Size, Theme};

use super::Message;
use super::refresh::Snapshot;
use crate::domain::display::{
    Commitment, DisplayFigures, ItemLine, NoticeLine, Page, Part, TimeLimit, WindowDuty,
};
use crate::i18n::Language;
use crate::print::stamp::Stamp;
use crate::t;
use crate::ui::{fonts, theme};

/// The screen the sizes below are for.
const DESIGN: Size = Size::new(1920.0, 1080.0);

/// Sizes on a 1920×1080 screen.
const HALL: f32 = 64.0;
const TITLE: f32 = 80.0;
const HEADING: f32 = 52.0;
const BODY: f32 = 40.0;
const SMALL: f32 = 36.0;
const FIGURE: f32 = 160.0;
const PAD: f32 = 24.0;
const DOT: f32 = 14.0;

/// How much smaller (or larger) than the design screen the window is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale(f32);

impl Scale {
    pub fn of(window: Size) -> Scale {
        Scale((window.width / DESIGN.width).min(window.height / DESIGN.height))
    }

    fn px(self, at_design: f32) -> f32 {
        at_design * self.0
    }

    fn text<'a>(self, size: f32, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        text(content).size(self.px(size)).line_height(1.3)
    }

    fn bold<'a>(self, size: f32, content: impl text::IntoFragment<'a>) -> text::Text<'a> {
        self.text(size, content).font(fonts::BOLD)
    }
}

/// One page on screen, with what it is drawn from.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    pub snapshot: &'a Snapshot,
    pub language: Language,
    pub page: &'a Page,
    pub index: usize,
    pub count: usize,
}

impl<'a> Shown<'a> {
    pub fn view(self, scale: Scale) -> Element<'a, Message> {
        let language = self.language;
        let (title, body): (String, Element<'a, Message>) = match self.page {
            Page::Items { lines, part } => (
                with_part(language, t!(language, "public-items-title"), *part),
                items(scale, language, lines),
            ),
            Page::Windows { windows, part } => (
                with_part(language, t!(language, "public-windows-title"), *part),
                window_table(scale, language, windows),
            ),
            Page::Commitments {
                commitments,
                instant_items,
                promised_items,
            } => (
                t!(language, "public-commitments-title"),
                commitment_list(
                    scale,
                    language,
                    commitments,
                    (*instant_items, *promised_items),
                    &self.snapshot.content.hall.supervision_phone,
                ),
            ),
            Page::Figures(figures) => (
                t!(language, "public-figures-title"),
                figure_cards(scale, language, figures),
            ),
            Page::Notices { notices, part } => (
                with_part(language, t!(language, "public-notices-title"), *part),
                notice_list(scale, language, notices),
            ),
            Page::Contacts => (
                t!(language, "public-contacts-title"),
                contacts(scale, language, self.snapshot),
            ),
        };
        let page = column![
            scale.bold(TITLE, title).color(theme::PRIMARY),
            container(body).height(Length::Fill),
        ]
        .spacing(scale.px(PAD));
        column![
            self.banner(scale),
            container(page)
                .padding([scale.px(PAD), scale.px(PAD * 2.0)])
                .height(Length::Fill),
            container(dots(scale, self.index, self.count))
                .center_x(Length::Fill)
                .padding(scale.px(PAD * 0.75)),
        ]
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
    }

    /// The hall's name and today's date; sample or training data said under them.
    fn banner(self, scale: Scale) -> Element<'a, Message> {
        let language = self.language;
        let hall = &self.snapshot.content.hall;
        let today = self.snapshot.today;
        let date = t!(
            language,
            "public-date",
            year = today.format("%Y").to_string(),
            month = today.format("%-m").to_string(),
            day = today.format("%-d").to_string()
        );
        let top = container(
            row![
                scale
                    .bold(HALL, language.pick(&hall.name, &hall.name_en))
                    .color(theme::ON_PRIMARY)
                    .width(Length::Fill),
                scale.text(BODY, date).color(theme::ON_PRIMARY),
            ]
            .align_y(Alignment::Center)
            .spacing(scale.px(PAD)),
        )
        .padding([scale.px(PAD * 0.75), scale.px(PAD * 2.0)])
        .width(Length::Fill)
        .style(theme::banner);
        let mark = self.snapshot.stamp.map(|stamp| {
            container(scale.text(
                SMALL,
                match stamp {
                    Stamp::Sample => t!(language, "home-sample-data"),
                    Stamp::Training => t!(language, "home-training-data"),
                },
            ))
            .padding([scale.px(PAD * 0.25), scale.px(PAD * 2.0)])
            .width(Length::Fill)
            .style(theme::caution)
        });
        column![top, mark].into()
    }
}

fn with_part(language: Language, title: String, part: Part) -> String {
    if part.of > 1 {
        t!(
            language,
            "public-part",
            title = title,
            number = part.number,
            of = part.of
        )
    } else {
        title
    }
}

/// The table of items: number, name, promised time limit, window.
fn items<'a>(scale: Scale, language: Language, lines: &'a [ItemLine]) -> Element<'a, Message> {
    let header = [
        t!(language, "public-items-number"),
        t!(language, "public-items-name"),
        t!(language, "public-items-limit"),
        t!(language, "public-items-window"),
    ];
    let widths = [
        Length::Fixed(scale.px(110.0)),
        Length::Fill,
        Length::Fixed(scale.px(360.0)),
        Length::Fixed(scale.px(240.0)),
    ];
    let rows = lines.iter().map(|line| {
        let limit = match line.limit {
            TimeLimit::OnTheSpot => t!(language, "public-limit-instant"),
            TimeLimit::WorkingDays(days) => t!(language, "public-limit-days", days = days),
        };
        [
            scale.text(BODY, line.number.to_string()).into(),
            scale.text(BODY, line.name.as_str()).into(),
            scale.bold(BODY, limit).color(theme::PRIMARY).into(),
            scale
                .text(
                    BODY,
                    t!(language, "public-window-number", number = line.window),
                )
                .into(),
        ]
    });
    table(scale, header, widths, rows)
}

/// The table of windows: each with its name, the categories and the item numbers it handles.
fn window_table<'a>(
    scale: Scale,
    language: Language,
    windows: &'a [WindowDuty],
) -> Element<'a, Message> {
    let header = [
        t!(language, "public-items-window"),
        t!(language, "public-window-name"),
        t!(language, "public-window-categories"),
        t!(language, "public-window-items"),
    ];
    let widths = [
        Length::Fixed(scale.px(230.0)),
        Length::FillPortion(1),
        Length::FillPortion(1),
        Length::Fixed(scale.px(330.0)),
    ];
    let rows = windows.iter().map(|duty| {
        [
            scale
                .bold(
                    BODY,
                    t!(language, "public-window-number", number = duty.number),
                )
                .color(theme::PRIMARY)
                .into(),
            scale.text(BODY, duty.name.as_str()).into(),
            scale
                .text(
                    BODY,
                    or_dash(duty.categories.join(&t!(language, "public-separator"))),
                )
                .into(),
            scale.text(BODY, numbers_text(language, &duty.items)).into(),
        ]
    });
    table(scale, header, widths, rows)
}

/// A table across the page: a quiet header, then the rows, every other one shaded so the eye
/// keeps its line across the screen.
fn table<'a, const N: usize>(
    scale: Scale,
    header: [String; N],
    widths: [Length; N],
    rows: impl Iterator<Item = [Element<'a, Message>; N]>,
) -> Element<'a, Message> {
    let line = |cells: [Element<'a, Message>; N]| {
        cells
            .into_iter()
            .zip(widths)
            .fold(row![].spacing(scale.px(PAD)), |line, (cell, width)| {
                line.push(container(cell).width(width))
            })
            .align_y(Alignment::Center)
    };
    let header = header.map(|words| scale.text(SMALL, words).color(theme::MUTED_TEXT).into());
    let mut lines = column![container(line(header)).padding([0.0, scale.px(PAD * 0.5)])];
    for (position, cells) in rows.enumerate() {
        let shade = if position % 2 == 0 {
            theme::SURFACE
        } else {
            theme::SECONDARY
        };
        lines = lines.push(
            container(line(cells))
                .padding([scale.px(PAD * 0.25), scale.px(PAD * 0.5)])
                .width(Length::Fill)
                .style(move |_: &Theme| filled(shade)),
        );
    }
    lines.into()
}

/// "1–9、21–27、37" from runs of item numbers (none: "—").
fn numbers_text(language: Language, runs: &[(u32, u32)]) -> String {
    or_dash(
        runs.iter()
            .map(|&(from, to)| {
                if from == to {
                    from.to_string()
                } else {
                    format!("{from}–{to}")
                }
            })
            .collect::<Vec<_>>()
            .join(&t!(language, "public-separator")),
    )
}

/// An empty cell says so with a dash rather than looking forgotten.
fn or_dash(text: String) -> String {
    if text.is_empty() {
        "—".to_owned()
    } else {
        text
    }
}

fn commitment_list<'a>(
    scale: Scale,
    language: Language,
    commitments: &[Commitment; 3],
    (instant, promised): (usize, usize),
    supervision: &str,
) -> Element<'a, Message> {
    let mut list = column![].spacing(scale.px(PAD * 1.5));
    for commitment in commitments {
        let (name, words) = match commitment {
            Commitment::FirstInquiry => (
                t!(language, "public-first-inquiry"),
                t!(language, "public-first-inquiry-text"),
            ),
            Commitment::OneTimeNotice => (
                t!(language, "public-one-time-notice"),
                t!(language, "public-one-time-notice-text"),
            ),
            Commitment::TimeLimit => (
                t!(language, "public-time-limit"),
                t!(
                    language,
                    "public-time-limit-text",
                    instant = instant,
                    promised = promised,
                    supervision = supervision
                ),
            ),
        };
        list = list.push(
            row![
                container(scale.bold(HEADING, name).color(theme::ON_PRIMARY))
                    .padding([scale.px(PAD * 0.5), scale.px(PAD)])
                    .width(scale.px(380.0))
                    .center_x(scale.px(380.0))
                    .style(theme::banner),
                scale.text(BODY, words).width(Length::Fill),
            ]
            .spacing(scale.px(PAD * 1.5))
            .align_y(Alignment::Center),
        );
    }
    list.into()
}

fn figure_cards<'a>(
    scale: Scale,
    language: Language,
    figures: &DisplayFigures,
) -> Element<'a, Message> {
    let figure = |label: String, count: u64| {
        column![
            scale.text(BODY, label).color(theme::MUTED_TEXT),
            row![
                scale.bold(FIGURE, count.to_string()).color(theme::PRIMARY),
                scale.text(BODY, t!(language, "public-cases")),
            ]
            .spacing(scale.px(PAD * 0.5))
            .align_y(Alignment::End),
        ]
    };
    let period = |name: String, accepted: u64, completed: u64| {
        container(
            column![
                scale.bold(HEADING, name),
                row![
                    figure(t!(language, "public-accepted"), accepted).width(Length::Fill),
                    figure(t!(language, "public-completed"), completed).width(Length::Fill),
                ]
                .spacing(scale.px(PAD)),
            ]
            .spacing(scale.px(PAD)),
        )
        .padding(scale.px(PAD))
        .width(Length::FillPortion(1))
        .style(theme::card)
    };
    let mut page = column![
        row![
            period(
                t!(language, "public-today"),
                figures.accepted_today,
                figures.completed_today
            ),
            period(
                t!(language, "public-month"),
                figures.accepted_month,
                figures.completed_month
            ),
        ]
        .spacing(scale.px(PAD * 1.5)),
    ]
    .spacing(scale.px(PAD * 1.5));
    if let Some(share) = figures.satisfaction_month {
        page = page.push(
            row![
                scale.bold(HEADING, t!(language, "public-satisfaction")),
                scale
                    .bold(FIGURE, format!("{:.1}%", share * 100.0))
                    .color(theme::PRIMARY),
            ]
            .spacing(scale.px(PAD))
            .align_y(Alignment::Center),
        );
    }
    page.into()
}

fn notice_list<'a>(
    scale: Scale,
    language: Language,
    notices: &'a [NoticeLine],
) -> Element<'a, Message> {
    let mut list = column![].spacing(scale.px(PAD * 1.25));
    for notice in notices {
        let when = t!(
            language,
            "public-date",
            year = notice.date.format("%Y").to_string(),
            month = notice.date.format("%-m").to_string(),
            day = notice.date.format("%-d").to_string()
        );
        list = list.push(
            container(
                column![
                    row![
                        scale
                            .bold(HEADING, notice.title.as_str())
                            .width(Length::Fill),
                        scale
                            .text(SMALL, format!("{} · {when}", notice.board))
                            .color(theme::MUTED_TEXT),
                    ]
                    .spacing(scale.px(PAD))
                    .align_y(Alignment::Center),
                    scale.text(BODY, notice.summary.as_str()),
                ]
                .spacing(scale.px(PAD * 0.25)),
            )
            .padding(scale.px(PAD * 0.75))
            .width(Length::Fill)
            .style(theme::card),
        );
    }
    list.into()
}

/// The hall's phone, 12345, the 168 line, the hours and the address.
fn contacts<'a>(scale: Scale, language: Language, snapshot: &'a Snapshot) -> Element<'a, Message> {
    let hall = &snapshot.content.hall;
    let line = |label: String, value: String| {
        row![
            container(scale.bold(HEADING, label)).width(scale.px(340.0)),
            scale.text(HEADING, value).width(Length::Fill),
        ]
        .spacing(scale.px(PAD))
    };
    column![
        line(t!(language, "hall-phone"), hall.phone.clone()),
        line(
            t!(language, "hall-supervision"),
            format!("{} {}", hall.supervision_phone, hall.supervision_note)
        ),
        line(
            t!(language, "hall-hotline-168"),
            format!("{} {}", hall.hotline_168, hall.hotline_168_note)
        ),
        line(
            t!(language, "hall-hours"),
            language.pick(&hall.hours, &hall.hours_en).to_owned()
        ),
        line(t!(language, "hall-address"), hall.address.clone()),
    ]
    .spacing(scale.px(PAD * 1.25))
    .into()
}

/// Where the round is: one dot per page, the current one in the hall's blue.
fn dots<'a>(scale: Scale, index: usize, count: usize) -> Element<'a, Message> {
    let size = scale.px(DOT);
    (0..count)
        .fold(row![].spacing(size), |dots, at| {
            let colour = if at == index {
                theme::PRIMARY
            } else {
                theme::BORDER
            };
            dots.push(
                container(Space::new().width(size).height(size)).style(move |_: &Theme| {
                    container::Style {
                        background: Some(Background::Color(colour)),
                        border: Border {
                            radius: (size / 2.0).into(),
                            ..Border::default()
                        },
                        ..container::Style::default()
                    }
                }),
            )
        })
        .into()
}

fn filled(colour: Color) -> container::Style {
    container::Style {
        text_color: Some(theme::TEXT),
        background: Some(Background::Color(colour)),
        ..container::Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_halls_screen_titles_are_64_px_and_up_and_nothing_is_under_36() {
        let scale = Scale::of(DESIGN);
        for size in [HALL, TITLE, HEADING, FIGURE] {
            assert!(scale.px(size) >= 52.0);
        }
        assert!(scale.px(HALL) >= 64.0 && scale.px(TITLE) <= 96.0);
        for size in [BODY, SMALL] {
            assert!(scale.px(size) >= 36.0);
        }
        // A 4K screen doubles everything; a 1280×1024 screen keeps the page whole.
        assert_eq!(Scale::of(Size::new(3840.0, 2160.0)), Scale(2.0));
        assert_eq!(Scale::of(Size::new(1280.0, 1024.0)), Scale(1280.0 / 1920.0));
    }

    #[test]
    fn item_numbers_read_as_runs() {
        assert_eq!(numbers_text(Language::ZhCn, &[(1, 9)]), "1–9");
        assert_eq!(
            numbers_text(Language::ZhCn, &[(21, 27), (37, 38)]),
            "21–27、37–38"
        );
        assert_eq!(
            numbers_text(Language::ZhCn, &[(18, 18), (36, 36)]),
            "18、36"
        );
        assert_eq!(numbers_text(Language::ZhCn, &[]), "—");
        assert_eq!(numbers_text(Language::En, &[(1, 2), (5, 5)]), "1–2, 5");
    }
}
