//! Importing a village roster (花名册) of 1,000 households from CSV into a file-backed store:
//! reading, checking every row, and registering all of them in one write transaction (each with
//! its audit row and outbox event). Target: under 5 s.
//!
//! `cargo bench --bench roster` (a fresh data directory for every run; only the import is timed)

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use bianmin::clock;
use bianmin::domain::Content;
use bianmin::store::Store;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const HOUSEHOLDS: usize = 1_000;

/// A valid ID number from its first 17 digits (GB 11643 check character).
fn id_number(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).expect("digits") * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// A roster as staff keep it: 1,000 households over the hall's villages and their groups.
fn write_roster(path: &Path, content: &Content) {
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    let given = [
        "秀英", "建国", "桂兰", "德胜", "玉梅", "志强", "淑珍", "海燕",
    ];
    let mut text = String::from("\u{feff}序号,户主姓名,身份证号码,村,组,联系电话\r\n");
    let born = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).expect("date");
    for n in 0..HOUSEHOLDS {
        let village = &content.villages[n % content.villages.len()];
        let group = n / content.villages.len() % village.groups as usize + 1;
        let birth = born + chrono::Days::new(n as u64 * 13);
        let number = id_number(&format!("621023{}{:03}", birth.format("%Y%m%d"), n % 1000));
        text += &format!(
            "{},{}{},{},{},{},138{:08}\r\n",
            n + 1,
            surnames[n % surnames.len()],
            given[n / surnames.len() % given.len()],
            number,
            village.name,
            group,
            n
        );
    }
    std::fs::write(path, text).expect("roster written");
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let content = bianmin::startup::open(&dir.path().join("probe"))
        .expect("a new data directory opens")
        .content;
    let roster = dir.path().join("花名册.csv");
    write_roster(&roster, &content);
    let mut run = 0;
    let mut group = c.benchmark_group("roster");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(format!("import {HOUSEHOLDS} households (CSV)"), |b| {
        b.iter_batched(
            || {
                run += 1;
                Store::open_dir(&dir.path().join(format!("data{run}"))).expect("store")
            },
            |mut store: Store| {
                let now = clock::now();
                let check =
                    bianmin::roster::check_file(&roster, &store, &content, now.date_naive())
                        .expect("roster read");
                assert!(check.is_clean(), "{:?}", check.problems.first());
                let applied =
                    bianmin::roster::apply(&mut store, &check, None, now).expect("applied");
                assert_eq!(applied, HOUSEHOLDS);
                black_box(store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(roster, import);
criterion_main!(roster);
