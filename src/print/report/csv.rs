//! The statistics as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the
//! Chinese right), one row per line of every breakdown, the total first, then one row per step
//! of the chart's series.

use crate::domain::stats::{Dimension, Line, Statistics, Step};
use crate::i18n::Language;
use crate::t;

use super::words::{self, percent};

/// The byte-order mark Excel needs to take a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The CSV bytes, BOM first.
pub fn csv(statistics: &Statistics, language: Language) -> Vec<u8> {
    let l = language;
    let mut rows: Vec<Vec<String>> = vec![header(l)];
    let total = Line {
        key: String::new(),
        name: t!(l, "stats-total"),
        name_en: String::new(),
        cases: statistics.cases,
        ratings: statistics.ratings,
    };
    rows.push(row(l, &t!(l, "stats-total"), &total));
    for dimension in Dimension::ALL {
        let group = words::breakdown(l, dimension);
        for line in statistics.lines(dimension) {
            let mut cells = row(l, &group, line);
            // Ratings are not broken down by village: those cells stay empty.
            if dimension == Dimension::Village {
                cells.truncate(CASE_CELLS);
                cells.resize(header(l).len(), String::new());
            }
            rows.push(cells);
        }
    }
    let (group, format) = match statistics.series.step {
        Step::Day => (t!(l, "stats-csv-daily"), "%Y-%m-%d"),
        Step::Month => (t!(l, "stats-csv-monthly"), "%Y-%m"),
    };
    for point in statistics.series.elapsed_points() {
        let mut cells = vec![
            group.clone(),
            point.start.format(format).to_string(),
            point.accepted.to_string(),
            point.completed.to_string(),
        ];
        cells.resize(header(l).len(), String::new());
        rows.push(cells);
    }
    let mut writer = ::csv::WriterBuilder::new().from_writer(BOM.as_bytes().to_vec());
    for cells in &rows {
        // Writing into memory fails only when memory does, which ends the program anyway.
        if let Err(error) = writer.write_record(cells) {
            tracing::error!(%error, "a CSV row could not be written");
        }
    }
    writer.into_inner().unwrap_or_else(|error| {
        tracing::error!(error = %error.error(), "the CSV could not be finished");
        error.into_inner().get_ref().clone()
    })
}

/// The group, the name and the case figures: the cells before the ratings.
const CASE_CELLS: usize = 10;

fn header(l: Language) -> Vec<String> {
    vec![
        t!(l, "stats-csv-group"),
        t!(l, "stats-csv-name"),
        t!(l, "stats-accepted"),
        t!(l, "stats-completed"),
        t!(l, "stats-on-time"),
        t!(l, "stats-in-progress"),
        t!(l, "stats-overdue"),
        t!(l, "stats-awaiting"),
        t!(l, "stats-returned"),
        t!(l, "stats-refused"),
        t!(l, "stats-rated"),
        t!(l, "stats-bad"),
        t!(l, "stats-unrated"),
        t!(l, "stats-set-aside"),
        t!(l, "stats-satisfaction"),
    ]
}

fn row(l: Language, group: &str, line: &Line) -> Vec<String> {
    let cases = &line.cases;
    let ratings = &line.ratings;
    vec![
        group.to_owned(),
        words::name(l, line).to_owned(),
        cases.accepted.to_string(),
        cases.completed.to_string(),
        cases.completed_on_time.to_string(),
        cases.in_progress.to_string(),
        cases.overdue.to_string(),
        cases.awaiting_correction.to_string(),
        cases.returned.to_string(),
        cases.refused.to_string(),
        ratings.given().to_string(),
        ratings.bad().to_string(),
        ratings.unrated.to_string(),
        ratings.set_aside.to_string(),
        percent(l, ratings.satisfaction()),
    ]
}
