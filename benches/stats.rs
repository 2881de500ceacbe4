//! Statistics over 100,000 demo applications (20,000 households, ~300 days), with a rating for
//! most completed cases and a follow-up for each 差评; and the monthly report as PDF.
//! Targets: ≤ 100 ms for all the statistics of a month; ≤ 1 s for the monthly PDF report.
//!
//! `cargo bench --bench stats` (the database is built once, in a temporary directory)

use std::hint::black_box;
use std::time::{Duration, Instant};

use bianmin::clock::{self, Timestamp};
use bianmin::demo::{self, SeedOptions};
use bianmin::domain::Content;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::domain::stats::Period;
use bianmin::print::report::MonthlyReport;
use bianmin::store::Store;
use criterion::{Criterion, criterion_group, criterion_main};

struct Demo {
    _dir: tempfile::TempDir,
    store: Store,
    content: Content,
    now: Timestamp,
}

/// Ratings for 85 % of the completed cases, given when the case was completed (the rest skipped:
/// 未评价), 2 % of them 差评 with a follow-up, half of those closed. One transaction.
const RATINGS: &str = "
    BEGIN;
    CREATE TEMP TABLE pick AS
        SELECT a.id, a.number, a.item_id, a.closed_at, u.login, s.window,
               abs(random()) % 100 AS r
        FROM application a JOIN account u ON u.id = a.agent
        LEFT JOIN service_item s ON s.id = a.item_id
        WHERE a.state = 'completed';
    INSERT INTO rating (id, application, case_number, item_id, window, agent_login, channel,
        level, reasons, rated_at, device)
    SELECT 'bench-' || id, id, number, item_id, window, login,
           CASE WHEN r % 2 = 0 THEN 'kiosk' ELSE 'desk_rater' END,
           CASE WHEN r = 0 THEN 'very_dissatisfied' WHEN r = 1 THEN 'dissatisfied'
                WHEN r < 10 THEN 'basically_satisfied' WHEN r < 30 THEN 'satisfied'
                WHEN r < 85 THEN 'very_satisfied' ELSE NULL END,
           CASE WHEN r < 2 THEN '[\"efficiency\"]' ELSE '[]' END,
           closed_at, '01'
    FROM pick;
    INSERT INTO follow_up (id, rating, stage, due_date, opened_at, closed_at, appeal)
    SELECT 'bench-f-' || id, id,
           CASE WHEN abs(random()) % 2 = 0 THEN 'closed' ELSE 'verify' END,
           date(substr(rated_at, 1, 10), '+7 days'), rated_at, NULL,
           CASE WHEN abs(random()) % 10 = 0 THEN 'upheld' ELSE NULL END
    FROM rating WHERE level IN ('dissatisfied', 'very_dissatisfied');
    DROP TABLE pick;
    COMMIT;";

fn build() -> Demo {
    let dir = tempfile::tempdir().expect("temporary directory");
    let opened = bianmin::startup::open(dir.path()).expect("a new data directory opens");
    let mut store = opened.store;
    store
        .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").expect("code"))
        .expect("device code");
    let calendar = HolidayCalendar::shipped();
    let now = clock::now();
    let options = SeedOptions {
        households: 20_000,
        applications: 100_000,
        seed: 1,
    };
    let started = Instant::now();
    demo::seed(&mut store, &opened.content, &calendar, &options, now).expect("demo data");
    let database = dir.path().join(bianmin::store::DATABASE_FILE);
    let rater = rusqlite::Connection::open(&database).expect("a second connection");
    rater.execute_batch(RATINGS).expect("demo ratings");
    let ratings: i64 = rater
        .query_row("SELECT COUNT(*) FROM rating", [], |row| row.get(0))
        .expect("ratings counted");
    eprintln!(
        "seeded 100,000 applications and {ratings} ratings in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Demo {
        _dir: dir,
        store,
        content: opened.content,
        now,
    }
}

fn statistics(c: &mut Criterion, demo: &Demo) {
    let today = demo.now.date_naive();
    let past_month = Period::this_month(today).previous().previous().previous();
    let periods = [
        ("this month", Period::this_month(today)),
        ("a month three months back", past_month),
        ("today", Period::today(today)),
        ("this year", Period::year_of(today)),
    ];
    let mut group = c.benchmark_group("statistics (100k applications)");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(8));
    for (name, period) in periods {
        let counted = demo
            .store
            .statistics(&period, today, &demo.content)
            .expect("statistics");
        eprintln!(
            "{name}: accepted {} completed {} in progress {} overdue {} ratings {} satisfaction {:?}",
            counted.cases.accepted,
            counted.cases.completed,
            counted.cases.in_progress,
            counted.cases.overdue,
            counted.ratings.given(),
            counted.ratings.satisfaction()
        );
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    demo.store
                        .statistics(black_box(&period), today, &demo.content)
                        .expect("statistics"),
                )
            })
        });
    }
    group.finish();
}

fn report(c: &mut Criterion, demo: &Demo) {
    let today = demo.now.date_naive();
    let month = Period::this_month(today).previous();
    let mut group = c.benchmark_group("monthly report (100k applications)");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("count and PDF", |b| {
        b.iter(|| {
            let report =
                MonthlyReport::count(&demo.store, &demo.content, &month, today).expect("counted");
            black_box(report.pdf(demo.now).expect("PDF"))
        })
    });
    let report = MonthlyReport::count(&demo.store, &demo.content, &month, today).expect("counted");
    let pdf = report.pdf(demo.now).expect("PDF");
    eprintln!("the monthly report is {} bytes", pdf.len());
    group.bench_function("CSV", |b| b.iter(|| black_box(report.csv())));
    group.finish();
}

fn benches(c: &mut Criterion) {
    let demo = build();
    statistics(c, &demo);
    report(c, &demo);
}

criterion_group!(stats, benches);
criterion_main!(stats);
