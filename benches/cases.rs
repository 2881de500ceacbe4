//! The agents' case lists on 100,000 demo applications (20,000 households), and saving one
//! application durably. Targets: ≤ 20 ms per list of 100, ≤ 10 ms median per save.
//!
//! `cargo bench --bench cases` (the database is built once, in a temporary directory)

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bianmin::clock::{self, Timestamp};
use bianmin::demo::{self, SeedOptions};
use bianmin::domain::Content;
use bianmin::domain::account::Role;
use bianmin::domain::application::CaseState;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::store::{CaseFilter, CaseRules, NewApplication, Store};
use criterion::{Criterion, criterion_group, criterion_main};

const LIMIT: usize = 100;

struct Demo {
    dir: tempfile::TempDir,
    store: Store,
    content: Content,
    calendar: HolidayCalendar,
    now: Timestamp,
}

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
    demo::seed(&mut store, &opened.content, &calendar, &options, now).expect("demo data");
    Demo {
        dir,
        store,
        content: opened.content,
        calendar,
        now,
    }
}

/// The filters an agent's desk uses most, each with a realistic value from the demo data.
fn filters(demo: &Demo) -> Vec<(&'static str, CaseFilter)> {
    let store = &demo.store;
    let all = |filter: CaseFilter| CaseFilter {
        limit: LIMIT,
        ..filter
    };
    let middle = store
        .cases(&CaseFilter {
            limit: 50_000,
            state: Some(CaseState::Completed),
            ..CaseFilter::default()
        })
        .expect("cases")
        .pop()
        .expect("completed demo cases");
    let case = store.case(&middle.id).expect("case").expect("listed case");
    let agent = store
        .accounts(None)
        .expect("accounts")
        .into_iter()
        .find(|account| account.role == Role::Agent)
        .expect("a demo agent");
    let number = case.number.clone().expect("a completed case has a number");
    let name_part: String = case.applicant_name.chars().take(2).collect();
    vec![
        ("no filter", all(CaseFilter::default())),
        (
            "accepted + overdue",
            all(CaseFilter {
                state: Some(CaseState::Accepted),
                overdue_on: Some(demo.now.date_naive()),
                ..CaseFilter::default()
            }),
        ),
        (
            "overdue (any open state)",
            all(CaseFilter {
                overdue_on: Some(demo.now.date_naive()),
                ..CaseFilter::default()
            }),
        ),
        (
            "village",
            all(CaseFilter {
                village: Some(case.village.clone()),
                ..CaseFilter::default()
            }),
        ),
        (
            "item",
            all(CaseFilter {
                item_id: Some(case.item_id.clone()),
                ..CaseFilter::default()
            }),
        ),
        (
            "agent",
            all(CaseFilter {
                agent: Some(agent.id),
                ..CaseFilter::default()
            }),
        ),
        (
            "search name part",
            all(CaseFilter {
                search: name_part,
                ..CaseFilter::default()
            }),
        ),
        (
            "search full ID number",
            all(CaseFilter {
                search: case.applicant_id_number.as_str().to_owned(),
                ..CaseFilter::default()
            }),
        ),
        (
            "search case-number prefix",
            all(CaseFilter {
                // Township code and acceptance date: that day's cases.
                search: number[..17].to_owned(),
                ..CaseFilter::default()
            }),
        ),
    ]
}

fn case_lists(c: &mut Criterion, demo: &Demo) {
    let mut group = c.benchmark_group("cases (100k applications, limit 100)");
    // Room for a slow filter to finish its samples without criterion's warning.
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(8));
    for (name, filter) in filters(demo) {
        group.bench_function(name, |b| {
            b.iter(|| black_box(demo.store.cases(black_box(&filter)).expect("cases")))
        });
    }
    group.finish();
}

/// A new connection to the same file, as the desk opens it: WAL, synchronous=FULL.
fn durable_save(c: &mut Criterion, demo: &Demo, data_dir: &Path) {
    let mut store = Store::open_dir(data_dir).expect("the demo database reopens");
    let household_id = store.households("", 1).expect("households")[0].id.clone();
    let household = store
        .household(&household_id)
        .expect("household")
        .expect("listed household");
    let agent = store
        .accounts(None)
        .expect("accounts")
        .into_iter()
        .find(|account| account.role == Role::Agent)
        .expect("a demo agent");
    let rules = CaseRules {
        content: &demo.content,
        calendar: &demo.calendar,
    };
    let mut saved = 0_i64;
    let mut group = c.benchmark_group("save");
    // 1,275 saves at most: room for fsyncs up to the 10 ms target without criterion's warning.
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(15));
    let mut save = |b: &mut criterion::Bencher<'_>| {
        b.iter(|| {
            let item = &demo.content.items[saved as usize % demo.content.items.len()];
            let new = NewApplication {
                request_key: uuid::Uuid::new_v4().to_string(),
                household_id: household.id.clone(),
                applicant: household.id_number.clone(),
                item_id: item.id.clone(),
                received: vec![true; item.materials.len()],
            };
            // A terminal numbers at most 9,999 cases a day: move to the next day in time.
            let at = demo.now + chrono::Duration::days(1 + saved / 5_000);
            saved += 1;
            black_box(
                store
                    .create_application(&new, &agent, &rules, at)
                    .expect("saved"),
            )
        })
    };
    group.bench_function("one application, synchronous=FULL", &mut save);
    // The desk saving while another connection (the background sync, a command-line list)
    // reads the same database in a loop.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let stop = Arc::clone(&stop);
        let data_dir = data_dir.to_path_buf();
        std::thread::spawn(move || {
            let other = Store::open_dir(&data_dir).expect("a second connection");
            let mut reads = 0_u64;
            while !stop.load(Ordering::Relaxed) {
                black_box(other.cases(&CaseFilter::default()).expect("listed"));
                black_box(other.sync_summary().expect("summary"));
                reads += 1;
            }
            reads
        })
    };
    group.bench_function(
        "one application, synchronous=FULL, another connection reading",
        &mut save,
    );
    stop.store(true, Ordering::Relaxed);
    let reads = reader.join().expect("the reader ends");
    eprintln!("the second connection read {reads} times during the saves");
    group.finish();
}

fn benches(c: &mut Criterion) {
    let demo = build();
    case_lists(c, &demo);
    let data_dir = demo.dir.path().to_path_buf();
    durable_save(c, &demo, &data_dir);
}

criterion_group!(cases, benches);
criterion_main!(cases);
