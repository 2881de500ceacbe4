use chrono::NaiveDate;

use super::*;
use crate::print::page::{Mark, Page};

const FIXTURE: &str = include_str!("../../../tests/fixtures/stats-march-2026.sql");

fn march() -> (Statistics, Content) {
    let content = crate::content::shipped().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.replace_content(&content).unwrap();
    store.conn().execute_batch(FIXTURE).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
    let statistics = store
        .statistics(&Period::this_month(today), today, &content)
        .unwrap();
    (statistics, content)
}

fn printed_at() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-03-17T17:00:00+08:00").unwrap()
}

#[test]
fn the_report_has_the_figures_charts_and_tables_within_the_margins() {
    let (statistics, content) = march();
    let document = report_document(&statistics, &content.hall.name, printed_at());
    let text: String = document
        .pages
        .iter()
        .flat_map(Page::text_runs)
        .map(|run| run.text.as_str())
        .collect::<Vec<_>>()
        .join("|");
    for words in [
        "便民服务统计月报",
        "2026年3月",
        "一、主要指标",
        "二、每日受理与办结",
        "三、好差评",
        "四、按事项",
        "七、按经办人",
        "满意度 50.0%",
        "赵喆",
        &content.items[0].name,
        &content.villages[1].name,
    ] {
        assert!(text.contains(words), "{words} missing");
    }
    // The daily line joins the days up to the 17th (the rest of March is still to come).
    let segments = document.pages[0]
        .marks
        .iter()
        .filter(|mark| matches!(mark, Mark::Rule { color, .. } if *color == chart::ACCEPTED))
        .count();
    assert_eq!(segments, 16);
    for page in &document.pages {
        for mark in &page.marks {
            let (left, bottom, right, top) = mark.bounds();
            assert!(
                left >= mm(10.0) - 0.5 && right <= page.width - mm(10.0) + 0.5,
                "{mark:?} runs past the side margins"
            );
            assert!(
                bottom >= mm(5.0) && top <= page.height - mm(5.0),
                "{mark:?}"
            );
        }
    }
    assert_eq!(document.missing_glyphs(), Vec::<char>::new());
}

#[test]
fn a_training_terminal_s_report_carries_the_mark_on_every_page() {
    let (statistics, content) = march();
    let report = MonthlyReport {
        statistics,
        stamp: Some(Stamp::Training),
        hall: content.hall.name.clone(),
    };
    let document = report.document(printed_at());
    for page in &document.pages {
        let Some(Mark::Text(first)) = page.marks.first() else {
            panic!("the mark comes first");
        };
        assert_eq!(first.text, "培训");
    }
    assert_eq!(report.file_stem(), "便民服务统计月报 2026-03");
}

#[test]
fn the_csv_opens_in_excel_with_one_row_per_line() {
    let (statistics, _) = march();
    let bytes = csv::csv(&statistics, Language::ZhCn);
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "分组");
    assert_eq!(header[2], "受理");
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let lines = statistics.items.len()
        + statistics.villages.len()
        + statistics.windows.len()
        + statistics.agents.len();
    assert_eq!(rows.len(), 1 + lines + 17, "the days up to the 17th");
    assert_eq!(&rows[0][0], "合计");
    assert_eq!(&rows[0][2], "6");
    assert_eq!(&rows[0][14], "50.0%");
    let zhao = rows.iter().find(|row| &row[1] == "赵喆").unwrap();
    assert_eq!((&zhao[0], &zhao[2]), ("按经办人", "5"));
    let ninth = rows.iter().find(|row| &row[1] == "2026-03-09").unwrap();
    assert_eq!((&ninth[0], &ninth[2]), ("按日", "2"));
}
