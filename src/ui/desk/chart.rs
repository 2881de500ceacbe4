//! The statistics screen's charts, drawn on iced's canvas from numbers the screen already has:
//! accepted and completed per step as two lines, ratings by level as bars, and a breakdown's
//! lines as pairs of bars. The colours and the scale rules are the printed report's.

use iced::alignment::Vertical;
use iced::mouse;
use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::widget::{Canvas, text::Alignment};
use iced::{Color, Element, Length, Pixels, Point, Rectangle, Renderer, Size, Theme};

use crate::domain::rating::RatingLevel;
use crate::domain::stats::{Line, RatingCounts, Series};
use crate::i18n::Language;
use crate::print::page;
use crate::print::report::chart::{ACCEPTED, BAD, COMPLETED, divisions, label_every, nice_ceiling};
use crate::print::report::words;
use crate::t;
use crate::ui::widget::Look;
use crate::ui::{fonts, theme};

fn color(color: page::Color) -> Color {
    Color::from_rgb(color.r, color.g, color.b)
}

/// Labels and values, in the screen's small type.
#[derive(Debug, Clone, Copy)]
struct Type {
    size: f32,
}

impl Type {
    /// Draws `content` placed by `align_x` and `align_y` around `at`. The text is always handed
    /// to the canvas left- and top-aligned, from an estimate of its size: the software renderer
    /// repaints only the damage right of and below a text's position, so right-aligned, centred
    /// or bottom-aligned canvas text would leave the last frame's pixels where it changed.
    fn text(
        self,
        frame: &mut Frame,
        content: String,
        at: Point,
        align_x: Alignment,
        align_y: Vertical,
    ) {
        let width = estimated_width(&content, self.size);
        let height = self.size * 1.2;
        let x = match align_x {
            Alignment::Right => at.x - width,
            Alignment::Center => at.x - width / 2.0,
            _ => at.x,
        };
        let y = match align_y {
            Vertical::Bottom => at.y - height,
            Vertical::Center => at.y - height / 2.0,
            Vertical::Top => at.y,
        };
        frame.fill_text(Text {
            content,
            position: Point::new(x, y),
            color: theme::MUTED_TEXT,
            size: Pixels(self.size),
            line_height: iced::widget::text::LineHeight::Relative(1.2),
            font: fonts::REGULAR,
            ..Text::default()
        });
    }
}

/// About how wide `text` is at type `size`: a Chinese character a full em, Latin and digits a
/// little over half.
fn estimated_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|ch| if ch.is_ascii() { size * 0.56 } else { size })
        .sum()
}

/// Grid lines and their values from the plot's bottom (`bottom`) up `height`; returns the plot's
/// left edge.
fn grid(
    frame: &mut Frame,
    kind: Type,
    left: f32,
    right: f32,
    bottom: f32,
    height: f32,
    top: u64,
) -> f32 {
    let plot_left = left + kind.size * (top.to_string().len() as f32 * 0.6 + 0.8);
    let steps = divisions(top);
    for tick in 0..=steps {
        let y = bottom - height * tick as f32 / steps as f32;
        kind.text(
            frame,
            (top * tick / steps).to_string(),
            Point::new(plot_left - kind.size * 0.4, y),
            Alignment::Right,
            Vertical::Center,
        );
        let shade = if tick == 0 {
            theme::BORDER
        } else {
            theme::SECONDARY
        };
        frame.stroke(
            &Path::line(Point::new(plot_left, y), Point::new(right, y)),
            Stroke::default().with_width(1.0).with_color(shade),
        );
    }
    plot_left
}

fn legend(frame: &mut Frame, kind: Type, x: f32, y: f32, entries: &[(page::Color, String)]) {
    let mut x = x;
    for (swatch, label) in entries {
        frame.fill_rectangle(
            Point::new(x, y - kind.size * 0.35),
            Size::new(kind.size * 0.7, kind.size * 0.7),
            color(*swatch),
        );
        kind.text(
            frame,
            label.clone(),
            Point::new(x + kind.size, y),
            Alignment::Left,
            Vertical::Center,
        );
        x += kind.size * (1.8 + label.chars().count() as f32 * 1.05);
    }
}

/// Accepted and completed per step of `series`, as two lines.
pub fn trend<'a, M: 'a>(look: Look, series: &Series) -> Element<'a, M> {
    let points = series
        .points
        .iter()
        .map(|point| {
            (
                words::step_label(look.language, series.step, point.start),
                point.accepted,
                point.completed,
            )
        })
        .collect();
    Canvas::new(Trend {
        points,
        elapsed: series.elapsed,
        peak: series.peak(),
        kind: Type {
            size: look.scale.small,
        },
        language: look.language,
    })
    .width(Length::Fill)
    .height(look.scale.body * 14.0)
    .into()
}

struct Trend {
    points: Vec<(String, u64, u64)>,
    /// Points after these are still to come: not drawn.
    elapsed: usize,
    peak: u64,
    kind: Type,
    language: Language,
}

impl<M> canvas::Program<M> for Trend {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let kind = self.kind;
        legend(
            &mut frame,
            kind,
            0.0,
            kind.size * 0.6,
            &[
                (ACCEPTED, t!(self.language, "stats-accepted")),
                (COMPLETED, t!(self.language, "stats-completed")),
            ],
        );
        let bottom = bounds.height - kind.size * 1.8;
        let height = bottom - kind.size * 2.2;
        let top = nice_ceiling(self.peak);
        let left = grid(&mut frame, kind, 0.0, bounds.width, bottom, height, top);
        let steps = self.points.len().max(1);
        let slot = (bounds.width - left) / steps as f32;
        let at = |index: usize, value: u64| {
            Point::new(
                left + slot * (index as f32 + 0.5),
                bottom - height * value as f32 / top as f32,
            )
        };
        let every = label_every(steps, ((bounds.width - left) / (kind.size * 2.4)) as usize);
        for (index, (label, _, _)) in self.points.iter().enumerate() {
            if index % every == 0 {
                kind.text(
                    &mut frame,
                    label.clone(),
                    Point::new(at(index, 0).x, bottom + kind.size * 0.4),
                    Alignment::Center,
                    Vertical::Top,
                );
            }
        }
        for (swatch, completed) in [(ACCEPTED, false), (COMPLETED, true)] {
            let value = |point: &(String, u64, u64)| if completed { point.2 } else { point.1 };
            let line = Path::new(|path| {
                for (index, point) in self.points.iter().take(self.elapsed).enumerate() {
                    if index == 0 {
                        path.move_to(at(index, value(point)));
                    } else {
                        path.line_to(at(index, value(point)));
                    }
                }
            });
            frame.stroke(
                &line,
                Stroke::default().with_width(2.5).with_color(color(swatch)),
            );
            for (index, point) in self.points.iter().take(self.elapsed).enumerate() {
                frame.fill(&Path::circle(at(index, value(point)), 3.0), color(swatch));
            }
        }
        vec![frame.into_geometry()]
    }
}

/// Ratings by level, 差评 in red, each bar with its count.
pub fn levels<'a, M: 'a>(look: Look, ratings: &RatingCounts) -> Element<'a, M> {
    let bars = RatingLevel::ALL
        .into_iter()
        .map(|level| {
            (
                crate::ui::rating_words::name(look.language, level),
                ratings.of(level),
                level.is_bad(),
            )
        })
        .collect();
    Canvas::new(Levels {
        bars,
        kind: Type {
            size: look.scale.small,
        },
    })
    .width(Length::Fill)
    .height(look.scale.body * 14.0)
    .into()
}

struct Levels {
    bars: Vec<(String, u64, bool)>,
    kind: Type,
}

impl<M> canvas::Program<M> for Levels {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let kind = self.kind;
        let bottom = bounds.height - kind.size * 1.8;
        let height = bottom - kind.size * 1.8;
        let peak = self.bars.iter().map(|bar| bar.1).max().unwrap_or_default();
        let top = nice_ceiling(peak);
        let left = grid(&mut frame, kind, 0.0, bounds.width, bottom, height, top);
        let slot = (bounds.width - left) / self.bars.len().max(1) as f32;
        for (index, (label, count, bad)) in self.bars.iter().enumerate() {
            let center = left + slot * (index as f32 + 0.5);
            let bar = height * *count as f32 / top as f32;
            let width = (slot * 0.5).min(kind.size * 4.0);
            frame.fill_rectangle(
                Point::new(center - width / 2.0, bottom - bar),
                Size::new(width, bar),
                color(if *bad { BAD } else { ACCEPTED }),
            );
            kind.text(
                &mut frame,
                count.to_string(),
                Point::new(center, bottom - bar - kind.size * 0.2),
                Alignment::Center,
                Vertical::Bottom,
            );
            kind.text(
                &mut frame,
                label.clone(),
                Point::new(center, bottom + kind.size * 0.4),
                Alignment::Center,
                Vertical::Top,
            );
        }
        vec![frame.into_geometry()]
    }
}

/// A breakdown's lines (the first `limit`) as pairs of bars: accepted and completed.
pub fn bars<'a, M: 'a>(look: Look, lines: &[Line], limit: usize) -> Element<'a, M> {
    let rows: Vec<(String, u64, u64)> = lines
        .iter()
        .take(limit)
        .map(|line| {
            (
                words::name(look.language, line).to_owned(),
                line.cases.accepted,
                line.cases.completed,
            )
        })
        .collect();
    let row = look.scale.small * 2.6;
    let height = look.scale.small * 2.0 + row * rows.len() as f32;
    Canvas::new(Bars {
        rows,
        row,
        kind: Type {
            size: look.scale.small,
        },
        language: look.language,
    })
    .width(Length::Fill)
    .height(height)
    .into()
}

struct Bars {
    rows: Vec<(String, u64, u64)>,
    row: f32,
    kind: Type,
    language: Language,
}

impl<M> canvas::Program<M> for Bars {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let kind = self.kind;
        let names = (bounds.width * 0.3).min(kind.size * 16.0);
        legend(
            &mut frame,
            kind,
            names,
            kind.size * 0.6,
            &[
                (ACCEPTED, t!(self.language, "stats-accepted")),
                (COMPLETED, t!(self.language, "stats-completed")),
            ],
        );
        let peak = self
            .rows
            .iter()
            .map(|row| row.1.max(row.2))
            .max()
            .unwrap_or_default();
        let top = nice_ceiling(peak);
        let plot = bounds.width - names - kind.size * 4.0;
        let thick = self.row * 0.3;
        for (index, (name, accepted, completed)) in self.rows.iter().enumerate() {
            let y = kind.size * 2.0 + self.row * index as f32;
            kind.text(
                &mut frame,
                shortened(name, names - kind.size * 0.8, kind.size),
                Point::new(0.0, y + self.row * 0.45),
                Alignment::Left,
                Vertical::Center,
            );
            for (offset, value, swatch) in
                [(0.1, *accepted, ACCEPTED), (0.45, *completed, COMPLETED)]
            {
                let width = (plot * value as f32 / top as f32).max(1.0);
                let bar_y = y + self.row * offset;
                frame.fill_rectangle(
                    Point::new(names, bar_y),
                    Size::new(width, thick),
                    color(swatch),
                );
                kind.text(
                    &mut frame,
                    value.to_string(),
                    Point::new(names + width + kind.size * 0.3, bar_y + thick / 2.0),
                    Alignment::Left,
                    Vertical::Center,
                );
            }
        }
        vec![frame.into_geometry()]
    }
}

/// `name` cut with "…" to about `width` at type `size` (a Chinese character a full em, Latin
/// about half): a canvas does not clip its text.
fn shortened(name: &str, width: f32, size: f32) -> String {
    let advance = |ch: char| estimated_width(&ch.to_string(), size);
    if estimated_width(name, size) <= width {
        return name.to_owned();
    }
    let mut used = advance('…');
    let mut kept = String::new();
    for ch in name.chars() {
        used += advance(ch);
        if used > width {
            break;
        }
        kept.push(ch);
    }
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_name_is_cut_to_its_room() {
        assert_eq!(
            super::shortened("临时救助申请", 200.0, 16.0),
            "临时救助申请"
        );
        assert_eq!(super::shortened("农村危房改造申请", 64.0, 16.0), "农村危…");
    }
}
