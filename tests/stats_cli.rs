//! `bianmin stats` and `bianmin stats report` as real processes on the hand-counted fixture
//! (tests/fixtures/stats-march-2026.sql, counted in src/store/stats/tests.rs).
//!
//! Needs poppler-utils (pdftotext, pdfinfo).

use std::path::Path;
use std::process::{Command, Output};

fn bianmin(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("bianmin runs")
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A data directory holding the shipped content and the fixture's cases and ratings.
fn hall() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(bianmin(dir.path(), &["device", "code", "01"]));
    let database = rusqlite::Connection::open(dir.path().join("bianmin.sqlite3")).unwrap();
    database
        .execute_batch(include_str!("fixtures/stats-march-2026.sql"))
        .unwrap();
    dir
}

#[test]
fn stats_json_prints_the_figures_of_the_period_under_their_keys() {
    let dir = hall();
    // 1–17 March 2026, long past: the state of cases is taken at the end of the 17th.
    let out = ok(bianmin(
        dir.path(),
        &[
            "stats",
            "--json",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-17",
        ],
    ));
    let stats: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(stats["accepted"], 6);
    assert_eq!(stats["completed"], 3);
    assert_eq!(stats["in_progress"], 4);
    assert_eq!(stats["overdue"], 2);
    let ratings = stats["ratings"].as_object().unwrap();
    let keys: Vec<&str> = ratings.keys().map(String::as_str).collect();
    for key in [
        "very_satisfied",
        "satisfied",
        "basically_satisfied",
        "dissatisfied",
        "very_dissatisfied",
        "unrated",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(ratings.len(), 6);
    assert_eq!(ratings["dissatisfied"], 2);
    assert_eq!(ratings["unrated"], 1);
    assert_eq!(stats["satisfaction"], 0.5);
    // Open now (any period): f0, f2, f3, f4.
    assert_eq!(stats["follow_ups_open"], 4);
    assert_eq!(stats["as_of"], "2026-03-17");
    assert!(stats["by_item"].as_array().unwrap().len() >= 2);
    assert_eq!(stats["series"]["points"].as_array().unwrap().len(), 17);

    // A month with no rating: satisfaction is null, not 0 or 1.
    let out = ok(bianmin(
        dir.path(),
        &["stats", "--json", "--month", "2025-06"],
    ));
    let quiet: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(quiet["satisfaction"].is_null());
    assert_eq!(quiet["accepted"], 0);
}

#[test]
fn stats_without_json_prints_a_chinese_table_and_bad_dates_are_refused() {
    let dir = hall();
    let out = ok(bianmin(dir.path(), &["stats", "--month", "2026-03"]));
    for words in [
        "2026年3月",
        "受理 6",
        "满意度 50.0%",
        "按事项",
        "按经办人",
        "赵喆",
    ] {
        assert!(out.contains(words), "{words} missing:\n{out}");
    }
    let refused = bianmin(
        dir.path(),
        &["stats", "--from", "2026-03-17", "--to", "2026-03-01"],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("结束日期早于开始日期"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let refused = bianmin(dir.path(), &["stats", "--month", "2026-3"]);
    assert!(!refused.status.success());
}

#[test]
fn stats_report_writes_the_month_s_pdf_and_csv() {
    let dir = hall();
    let pdf = dir.path().join("report.pdf");
    let csv = dir.path().join("report.csv");
    let out = ok(bianmin(
        dir.path(),
        &[
            "stats",
            "report",
            "--month",
            "2026-03",
            "--pdf",
            pdf.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
    ));
    assert!(
        out.contains("report.pdf") && out.contains("report.csv"),
        "{out}"
    );

    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs (apt-get install poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap();
    assert!(pages >= 2, "{info}");
    assert!(info.contains("595.") && info.contains("841."), "A4: {info}");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for words in [
        "便民服务统计月报",
        "2026年3月",
        "主要指标",
        "每日受理与办结",
        "好差评",
        "按事项",
        "按村",
        "按窗口",
        "按经办人",
        "满意度50.0%",
        "赵喆",
        // The shipped sample hall's prints carry the 示例 mark.
        "示例",
    ] {
        assert!(text.contains(words), "{words} missing from the PDF");
    }

    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(&[0xef, 0xbb, 0xbf]), "UTF-8 with BOM");
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().starts_with("分组,名称,受理,办结"));
    // As of 31 March: c3 (due the 17th) and c10 (due the 20th) are overdue too.
    assert_eq!(
        lines.next().unwrap(),
        "合计,合计,6,3,1,4,4,1,1,1,6,3,1,1,50.0%"
    );

    // Nothing is written for a month that is not one.
    let wrong = dir.path().join("wrong.pdf");
    let refused = bianmin(
        dir.path(),
        &[
            "stats",
            "report",
            "--month",
            "March",
            "--pdf",
            wrong.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    assert!(!wrong.exists());
}
