//! The report's charts as vector marks on a page: a line of accepted and completed cases per
//! step, bars of ratings by level, and bars per item, village, window or agent. The scale rules
//! ([`nice_ceiling`], [`label_every`]) are shared with the desk's screen charts.

use crate::domain::rating::RatingLevel;
use crate::domain::stats::{RatingCounts, Series};
use crate::i18n::Language;

use super::super::page::{Align, Color, Page, Style};
use super::words;

/// Accepted cases: the hall's blue.
pub const ACCEPTED: Color = Color::rgb(0x0b, 0x4f, 0x8a);
/// Completed cases: green.
pub const COMPLETED: Color = Color::rgb(0x2e, 0x7d, 0x32);
/// 差评: the hall's red.
pub const BAD: Color = Color::RED;

/// The smallest "round" number (1, 2 or 5 times a power of ten) at or above `value`, at least 1:
/// the top of a chart's scale.
/// How many equal steps the value axis up to `top` (a [`nice_ceiling`]) is cut into, so every
/// tick is a whole, round number: 0–50 in tens, 0–20 in fours, 0–2 in ones.
pub fn divisions(top: u64) -> u64 {
    [5, 4, 2]
        .into_iter()
        .find(|steps| top.is_multiple_of(*steps))
        .unwrap_or(1)
}

pub fn nice_ceiling(value: u64) -> u64 {
    let mut power = 1_u64;
    loop {
        for step in [1, 2, 5] {
            let candidate = step * power;
            if candidate >= value.max(1) {
                return candidate;
            }
        }
        power = power.saturating_mul(10);
        if power == u64::MAX {
            return value;
        }
    }
}

/// Label every n-th step so that at most `room` labels show.
pub fn label_every(steps: usize, room: usize) -> usize {
    steps.div_ceil(room.max(1)).max(1)
}

/// A chart's place on the page: its bottom-left corner and size, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

const LABEL: f32 = 7.5;

fn label_style() -> Style {
    Style::regular(LABEL).color(Color::GRAY)
}

/// Horizontal grid lines with their values on the left; returns the plot's left edge.
fn grid(page: &mut Page, area: Area, top: u64) -> f32 {
    let style = label_style();
    let left = area.x + style.width(&top.to_string()) + 6.0;
    let steps = divisions(top);
    for tick in 0..=steps {
        let y = area.y + area.height * tick as f32 / steps as f32;
        let value = top * tick / steps;
        page.text(
            left - 4.0,
            y - LABEL * 0.35,
            style,
            Align::Right,
            &value.to_string(),
        );
        let color = if tick == 0 {
            Color::GRAY
        } else {
            Color::LIGHT_GRAY
        };
        page.rule((left, y), (area.x + area.width, y), 0.4, color);
    }
    left
}

/// A small square of `color` and its words, from `x`; returns where the next one goes.
fn legend(page: &mut Page, x: f32, y: f32, color: Color, text: &str) -> f32 {
    let style = Style::regular(8.0);
    page.fill(x, y, 7.0, 7.0, color);
    page.text(x + 10.0, y + 0.5, style, Align::Left, text);
    x + 10.0 + style.width(text) + 14.0
}

/// Accepted and completed per step, as two lines over a grid; the legend above the plot.
pub fn trend(page: &mut Page, area: Area, series: &Series, language: Language) {
    let legend_height = 14.0;
    let mut x = area.x;
    let top_y = area.y + area.height - 8.0;
    x = legend(
        page,
        x,
        top_y,
        ACCEPTED,
        &crate::t!(language, "stats-accepted"),
    );
    legend(
        page,
        x,
        top_y,
        COMPLETED,
        &crate::t!(language, "stats-completed"),
    );
    let plot = Area {
        y: area.y + LABEL * 2.0,
        height: area.height - legend_height - LABEL * 2.0 - 4.0,
        ..area
    };
    let top = nice_ceiling(series.peak());
    let left = grid(page, plot, top);
    let steps = series.points.len();
    if steps == 0 {
        return;
    }
    let width = plot.x + plot.width - left;
    let slot = width / steps as f32;
    let at = |index: usize, value: u64| {
        (
            left + slot * (index as f32 + 0.5),
            plot.y + plot.height * value as f32 / top as f32,
        )
    };
    let every = label_every(steps, (width / 22.0) as usize);
    for (index, point) in series.points.iter().enumerate() {
        if index % every == 0 {
            let (x, _) = at(index, 0);
            let label = words::step_label(language, series.step, point.start);
            page.text(x, area.y + 2.0, label_style(), Align::Center, &label);
        }
    }
    for (color, completed) in [(ACCEPTED, false), (COMPLETED, true)] {
        let points: Vec<(f32, f32)> = series
            .elapsed_points()
            .iter()
            .enumerate()
            .map(|(index, point)| {
                at(
                    index,
                    if completed {
                        point.completed
                    } else {
                        point.accepted
                    },
                )
            })
            .collect();
        for pair in points.windows(2) {
            page.rule(pair[0], pair[1], 1.4, color);
        }
        for (x, y) in points {
            page.fill(x - 1.6, y - 1.6, 3.2, 3.2, color);
        }
    }
}

/// Ratings by level as upright bars, 差评 in red, each with its count above it.
pub fn levels(page: &mut Page, area: Area, ratings: &RatingCounts, language: Language) {
    let plot = Area {
        y: area.y + LABEL * 2.0,
        height: area.height - LABEL * 2.0 - 12.0,
        ..area
    };
    let peak = RatingLevel::ALL
        .into_iter()
        .map(|level| ratings.of(level))
        .max()
        .unwrap_or_default();
    let top = nice_ceiling(peak);
    let left = grid(page, plot, top);
    let slot = (plot.x + plot.width - left) / RatingLevel::ALL.len() as f32;
    for (index, level) in RatingLevel::ALL.into_iter().enumerate() {
        let count = ratings.of(level);
        let center = left + slot * (index as f32 + 0.5);
        let height = plot.height * count as f32 / top as f32;
        let bar = (slot * 0.5).min(40.0);
        let color = if level.is_bad() { BAD } else { ACCEPTED };
        page.fill(center - bar / 2.0, plot.y, bar, height, color);
        page.text(
            center,
            plot.y + height + 3.0,
            Style::bold(8.0),
            Align::Center,
            &count.to_string(),
        );
        page.text(
            center,
            area.y + 2.0,
            Style::regular(8.0),
            Align::Center,
            &crate::ui::rating_words::name(language, level),
        );
    }
}

/// One bar of a breakdown chart: its name and its two values (accepted, completed).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub name: String,
    pub accepted: u64,
    pub completed: u64,
}

/// Room per bar row.
pub const BAR_ROW: f32 = 17.0;

/// Lines as rows of two thin horizontal bars (accepted, completed) with their values, names on
/// the left; the legend above. The area's height should be `legend + rows × BAR_ROW`.
pub fn bars(page: &mut Page, area: Area, bars: &[Bar], language: Language) {
    let top_y = area.y + area.height - 8.0;
    let name_width = (area.width * 0.32).min(170.0);
    let mut x = area.x + name_width;
    x = legend(
        page,
        x,
        top_y,
        ACCEPTED,
        &crate::t!(language, "stats-accepted"),
    );
    legend(
        page,
        x,
        top_y,
        COMPLETED,
        &crate::t!(language, "stats-completed"),
    );
    let peak = bars
        .iter()
        .map(|bar| bar.accepted.max(bar.completed))
        .max()
        .unwrap_or_default();
    let top = nice_ceiling(peak);
    let plot_left = area.x + name_width;
    let value_room = 30.0;
    let plot_width = area.width - name_width - value_room;
    let name_style = Style::regular(8.0);
    let mut row_top = top_y - 8.0;
    for bar in bars {
        let baseline = row_top - 11.3;
        let name = super::fit(name_style, &bar.name, name_width - 8.0, 7.0);
        page.text(plot_left - 6.0, baseline, name.0, Align::Right, &name.1);
        for (offset, value, color) in [
            (0.0, bar.accepted, ACCEPTED),
            (6.5, bar.completed, COMPLETED),
        ] {
            let width = plot_width * value as f32 / top as f32;
            let y = row_top - 3.0 - offset - 4.5;
            page.fill(plot_left, y, width.max(0.6), 4.5, color);
            page.text(
                plot_left + width + 3.0,
                y + 0.6,
                Style::regular(6.5).color(Color::GRAY),
                Align::Left,
                &value.to_string(),
            );
        }
        row_top -= BAR_ROW;
    }
    page.rule(
        (plot_left, row_top + BAR_ROW - 14.0),
        (plot_left, top_y - 6.0),
        0.5,
        Color::GRAY,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_tops_at_a_round_number() {
        for (top, steps) in [(1, 1), (2, 2), (5, 5), (10, 5), (20, 5), (50, 5), (200, 5)] {
            assert_eq!(divisions(top), steps, "{top}");
        }
        assert_eq!(nice_ceiling(0), 1);
        assert_eq!(nice_ceiling(1), 1);
        assert_eq!(nice_ceiling(3), 5);
        assert_eq!(nice_ceiling(7), 10);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(743), 1000);
        assert_eq!(nice_ceiling(200), 200);
    }

    #[test]
    fn labels_thin_out_to_fit() {
        assert_eq!(label_every(31, 16), 2);
        assert_eq!(label_every(12, 16), 1);
        assert_eq!(label_every(31, 0), 31);
    }
}
