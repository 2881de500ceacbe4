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

/// 100,000 demo applications in a new data directory, rated as the demo seed rates them (about
/// 85 % of completed cases; a few skips; the rare 差评 followed up).
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
    // The demo seed rates most completed cases through the store, as farmers would, and follows
    // up its 差评.
    let report =
        demo::seed(&mut store, &opened.content, &calendar, &options, now).expect("demo data");
    let ratings = report.ratings;
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
