//! The monthly report (统计月报), A4, set like the handbooks (the same faces, section headings,
//! running heads and page numbers, the 示例/培训 mark): the key figures, the daily line of accepted
//! and completed cases, ratings by level, and a chart and a table for each breakdown. The CSV of
//! the same figures is in [`csv`]; the words all share are in [`words`].

pub mod chart;
pub mod csv;
pub mod words;

use chrono::NaiveDate;

use crate::clock::Timestamp;
use crate::domain::Content;
use crate::domain::stats::{Dimension, Line, Period, Statistics, Step};
use crate::i18n::Language;
use crate::store::Store;
use crate::t;

use self::chart::{Area, BAR_ROW, Bar};
use self::words::percent;
use super::PrintError;
use super::flow::{Cell, Flow, Margins, baseline_offset};
use super::handbook::running_head;
use super::page::{A4, Align, Color, Document, Style, mm};
use super::stamp::Stamp;

/// Reports are printed in the hall's language.
const LANGUAGE: Language = Language::ZhCn;
/// At most this many lines in a breakdown's chart (the table lists them all).
pub const CHART_LINES: usize = 15;
const BODY: f32 = 10.0;

/// A month's statistics and what its prints must carry, read on the store's thread; the PDF and
/// the CSV are made from it anywhere.
#[derive(Debug, Clone)]
pub struct MonthlyReport {
    pub statistics: Statistics,
    pub stamp: Option<Stamp>,
    pub hall: String,
}

impl MonthlyReport {
    /// Counts `month` (the state of cases at its end, or today in the current month).
    pub fn count(
        store: &Store,
        content: &Content,
        month: &Period,
        today: NaiveDate,
    ) -> Result<MonthlyReport, PrintError> {
        Ok(MonthlyReport {
            statistics: store.statistics(month, today, content)?,
            stamp: Stamp::of(content, store)?,
            hall: content.hall.name.clone(),
        })
    }

    pub fn document(&self, printed_at: Timestamp) -> Document {
        let mut document = report_document(&self.statistics, &self.hall, printed_at);
        if let Some(stamp) = self.stamp {
            stamp.apply(&mut document);
        }
        document
    }

    pub fn pdf(&self, printed_at: Timestamp) -> Result<Vec<u8>, PrintError> {
        super::pdf::render(&self.document(printed_at))
    }

    pub fn csv(&self) -> Vec<u8> {
        csv::csv(&self.statistics, LANGUAGE)
    }

    /// "便民服务统计月报 2026-03": the files' name without the extension.
    pub fn file_stem(&self) -> String {
        format!(
            "{} {}",
            t!(LANGUAGE, "stats-report-title"),
            self.statistics.period.first().format("%Y-%m")
        )
    }
}

fn body_flow() -> Flow {
    Flow::new(
        A4,
        Margins {
            top: mm(20.0),
            right: mm(16.0),
            bottom: mm(18.0),
            left: mm(16.0),
        },
    )
}

/// The report's pages: the figures, the charts and the tables of `statistics`.
pub fn report_document(statistics: &Statistics, hall: &str, printed_at: Timestamp) -> Document {
    let l = LANGUAGE;
    let mut flow = body_flow();
    title_block(&mut flow, statistics, hall, printed_at);
    let numerals = t!(l, "stats-report-numerals");
    let mut numerals = numerals.split_whitespace();
    // A section's heading stays with the first `with` points of what follows it.
    let mut section = |flow: &mut Flow, title: String, with: f32| {
        let number = numerals.next().unwrap_or_default();
        flow.keep(6.0 + 13.0 * 1.6 + 2.0 + with);
        flow.gap(6.0);
        flow.heading(
            &t!(l, "stats-report-section", number = number, title = title),
            Style::bold(13.0),
            Color::RED,
        );
        flow.gap(2.0);
    };

    section(&mut flow, t!(l, "stats-report-figures"), 60.0);
    figures(&mut flow, statistics);

    let trend = match statistics.series.step {
        Step::Day => t!(l, "stats-chart-daily"),
        Step::Month => t!(l, "stats-chart-monthly"),
    };
    let height = 170.0;
    section(&mut flow, trend, height);
    let area = Area {
        x: flow.left(),
        y: flow.y - height,
        width: flow.width(),
        height,
    };
    chart::trend(flow.page(), area, &statistics.series, l);
    flow.gap(height);

    let height = 130.0;
    section(&mut flow, t!(l, "stats-chart-ratings"), height + 20.0);
    let area = Area {
        x: flow.left(),
        y: flow.y - height,
        width: flow.width(),
        height,
    };
    chart::levels(flow.page(), area, &statistics.ratings, l);
    flow.gap(height + 6.0);
    let ratings = &statistics.ratings;
    let summary = format!(
        "{} {}　{} {}　{} {}　{} {}　{} {}",
        t!(l, "stats-satisfaction"),
        percent(l, ratings.satisfaction()),
        t!(l, "stats-rated"),
        ratings.given(),
        t!(l, "stats-bad"),
        ratings.bad(),
        t!(l, "stats-unrated"),
        ratings.unrated,
        t!(l, "stats-set-aside"),
        ratings.set_aside,
    );
    let x = flow.left();
    let width = flow.width();
    flow.text(x, width, Style::regular(BODY), BODY * 1.6, &summary);

    for dimension in Dimension::ALL {
        let lines = statistics.lines(dimension);
        let chart = chart_height(lines.len());
        section(&mut flow, words::breakdown(l, dimension), chart);
        if lines.is_empty() {
            flow.text(
                x,
                width,
                Style::regular(BODY).color(Color::GRAY),
                BODY * 1.6,
                &t!(l, "stats-no-cases"),
            );
            continue;
        }
        breakdown_chart(&mut flow, lines);
        table(&mut flow, dimension, lines);
    }

    flow.gap(10.0);
    flow.text(
        x,
        width,
        Style::regular(8.5).color(Color::GRAY),
        8.5 * 1.6,
        &t!(l, "stats-report-definitions"),
    );

    let title = t!(l, "stats-report-title");
    let mut pages = flow.pages;
    for (index, page) in pages.iter_mut().enumerate() {
        running_head(page, &title, hall, index + 1);
    }
    Document {
        title: format!(
            "{} {} {}",
            title,
            words::period(l, &statistics.period),
            hall
        ),
        created: printed_at,
        pages,
        skipped: Vec::new(),
    }
}

/// The hall, the title set wide, the period and its as-of day, when it was made, a red rule.
fn title_block(flow: &mut Flow, statistics: &Statistics, hall: &str, printed_at: Timestamp) {
    let l = LANGUAGE;
    let center = (flow.left() + flow.right()) / 2.0;
    let lines: [(Style, String, f32); 4] = [
        (
            Style::regular(11.0).color(Color::GRAY),
            hall.to_owned(),
            20.0,
        ),
        (Style::bold(20.0), t!(l, "stats-report-title"), 32.0),
        (
            Style::bold(12.0),
            words::period(l, &statistics.period),
            20.0,
        ),
        (
            Style::regular(9.0).color(Color::GRAY),
            format!(
                "{}　{}　{}",
                t!(
                    l,
                    "stats-report-period",
                    from = words::date(l, statistics.period.first()),
                    to = words::date(l, statistics.period.last())
                ),
                t!(l, "stats-as-of", date = words::date(l, statistics.as_of)),
                t!(
                    l,
                    "stats-report-printed",
                    at = printed_at.format("%Y-%m-%d %H:%M").to_string()
                ),
            ),
            16.0,
        ),
    ];
    for (index, (style, text, leading)) in lines.into_iter().enumerate() {
        let style = style.fitted(&text, flow.width(), 7.0);
        let y = flow.y - baseline_offset(style, leading);
        if index == 1 {
            flow.page()
                .text_spaced(center, y, style, Align::Center, &text, 4.0);
        } else {
            flow.page().text(center, y, style, Align::Center, &text);
        }
        flow.gap(leading);
    }
    flow.gap(4.0);
    let (left, right, y) = (flow.left(), flow.right(), flow.y);
    flow.page().rule((left, y), (right, y), 0.8, Color::RED);
    flow.gap(6.0);
}

/// The key figures, three to a row.
fn figures(flow: &mut Flow, statistics: &Statistics) {
    let l = LANGUAGE;
    let cases = &statistics.cases;
    let ratings = &statistics.ratings;
    let follow_ups = &statistics.follow_ups;
    let count = |n: u64| t!(l, "stats-count", count = n.to_string());
    let value = Style::bold(BODY);
    let cell = |label: String, text: String| Cell::new(label, text, value);
    let rows = vec![
        vec![
            cell(t!(l, "stats-accepted"), count(cases.accepted)),
            cell(t!(l, "stats-completed"), count(cases.completed)),
            cell(
                t!(l, "stats-on-time-rate"),
                percent(l, cases.on_time_rate()),
            ),
        ],
        vec![
            cell(t!(l, "stats-in-progress"), count(cases.in_progress)),
            cell(t!(l, "stats-overdue"), count(cases.overdue)),
            cell(t!(l, "stats-awaiting"), count(cases.awaiting_correction)),
        ],
        vec![
            cell(t!(l, "stats-returned"), count(cases.returned)),
            cell(t!(l, "stats-refused"), count(cases.refused)),
            cell(t!(l, "stats-on-time"), count(cases.completed_on_time)),
        ],
        vec![
            cell(
                t!(l, "stats-satisfaction"),
                percent(l, ratings.satisfaction()),
            ),
            cell(t!(l, "stats-rated"), count(ratings.given())),
            cell(t!(l, "stats-bad"), count(ratings.bad())),
        ],
        vec![
            cell(t!(l, "stats-follow-ups-opened"), count(follow_ups.opened)),
            cell(
                t!(l, "stats-completion"),
                percent(l, follow_ups.completion()),
            ),
            cell(t!(l, "stats-follow-ups-open"), count(follow_ups.open)),
        ],
    ];
    flow.table(&rows, 78.0, Style::regular(9.0).color(Color::GRAY));
}

/// The height of a breakdown's chart of `lines` lines (none when there are none).
fn chart_height(lines: usize) -> f32 {
    match lines.min(CHART_LINES) {
        0 => 0.0,
        shown => 22.0 + shown as f32 * BAR_ROW,
    }
}

/// The lines with the most cases as bars, at most [`CHART_LINES`] of them.
fn breakdown_chart(flow: &mut Flow, lines: &[Line]) {
    let shown: Vec<Bar> = lines
        .iter()
        .take(CHART_LINES)
        .map(|line| Bar {
            name: words::name(LANGUAGE, line).to_owned(),
            accepted: line.cases.accepted,
            completed: line.cases.completed,
        })
        .collect();
    let height = chart_height(shown.len());
    flow.keep(height);
    let area = Area {
        x: flow.left(),
        y: flow.y - height,
        width: flow.width(),
        height,
    };
    chart::bars(flow.page(), area, &shown, LANGUAGE);
    flow.gap(height + 4.0);
}

/// A table of every line, with a total row; the heading row repeats on a new page.
fn table(flow: &mut Flow, dimension: Dimension, lines: &[Line]) {
    let l = LANGUAGE;
    const ROW: f32 = 16.0;
    let number_width = 54.0;
    let columns = words::columns(dimension);
    let name_width = flow.width() - number_width * 6.0;
    let heading: Vec<String> = std::iter::once(words::column(l, dimension))
        .chain(columns.iter().map(|column| column.heading(l)))
        .collect();
    let total = Line {
        key: String::new(),
        name: t!(l, "stats-total"),
        name_en: String::new(),
        cases: lines.iter().fold(Default::default(), |mut sum, line| {
            sum += line.cases;
            sum
        }),
        ratings: lines.iter().fold(Default::default(), |mut sum, line| {
            sum += line.ratings;
            sum
        }),
    };
    let draw = |flow: &mut Flow, cells: &[String], bold: bool, tint: bool| {
        let (x, top) = (flow.left(), flow.y);
        let width = flow.width();
        let page = flow.page();
        if tint {
            page.fill(x, top - ROW, width, ROW, Color::TINT);
        }
        let style = if bold {
            Style::bold(8.5)
        } else {
            Style::regular(8.5)
        };
        let baseline = top - baseline_offset(style, ROW);
        let (name_style, name) = fit(style, &cells[0], name_width - 8.0, 6.5);
        page.text(x + 4.0, baseline, name_style, Align::Left, &name);
        for (index, text) in cells.iter().enumerate().skip(1) {
            let right = x + name_width + number_width * index as f32 - 4.0;
            page.text(right, baseline, style, Align::Right, text);
        }
        page.rule(
            (x, top - ROW),
            (x + width, top - ROW),
            0.4,
            Color::LIGHT_GRAY,
        );
        flow.gap(ROW);
    };
    // A short table is kept whole; a long one starts with at least its heading and two lines.
    let whole = ROW * (lines.len() + 2) as f32;
    flow.keep(if whole <= ROW * 14.0 {
        whole
    } else {
        ROW * 3.0
    });
    draw(flow, &heading, true, true);
    for line in lines.iter().chain(std::iter::once(&total)) {
        if flow.room() < ROW {
            flow.new_page();
            draw(flow, &heading, true, true);
        }
        let cells: Vec<String> = std::iter::once(words::name(l, line).to_owned())
            .chain(columns.iter().map(|column| column.value(l, line)))
            .collect();
        let is_total = std::ptr::eq(line, &total);
        draw(flow, &cells, is_total, false);
    }
    flow.gap(6.0);
}

/// `text` in `style`, made smaller down to `min` to fit `width`, then cut with "…" if it still
/// does not.
pub(crate) fn fit(style: Style, text: &str, width: f32, min: f32) -> (Style, String) {
    let style = style.fitted(text, width, min);
    if style.width(text) <= width {
        return (style, text.to_owned());
    }
    let mut kept = text.to_owned();
    while !kept.is_empty() && style.width(&kept) + style.width("…") > width {
        kept.pop();
    }
    kept.push('…');
    (style, kept)
}

#[cfg(test)]
mod tests;
