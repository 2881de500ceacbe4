//! Printing: one receipt (target ≤ 50 ms), one one-time notice, the policy handbook (≤ 300 ms,
//! ≤ 800 KB), the service handbook (≤ 600 ms, ≤ 1.5 MB), and the A4 card sheets for a village of about 1,000 households (≤ 3 s, ≤ 5 MB).
//! The sizes of the PDFs are printed before the timings.
//!
//! `cargo bench --bench print` (8,000 demo households over the township's eight villages are
//! built once, in a temporary directory; `BIANMIN_PRINT_SAMPLES=DIR` also writes the PDFs there)

use std::hint::black_box;
use std::time::{Duration, Instant};

use bianmin::clock::{self, Timestamp};
use bianmin::demo::{self, SeedOptions};
use bianmin::domain::Content;
use bianmin::domain::application::CaseState;
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::i18n::Language;
use bianmin::print::handbook::handbook_pdf_at;
use bianmin::print::{
    CardLayout, HandbookKind, policy_handbook_pdf_at, receipt_pdf_at, village_cards_pdf_at,
};
use bianmin::store::{CaseFilter, Store};
use criterion::{Criterion, criterion_group, criterion_main};

struct Hall {
    _dir: tempfile::TempDir,
    store: Store,
    content: Content,
    now: Timestamp,
}

fn build() -> Hall {
    let dir = tempfile::tempdir().expect("temporary directory");
    let opened = bianmin::startup::open(dir.path()).expect("a new data directory opens");
    let mut store = opened.store;
    store
        .set_device_code(&bianmin::domain::case_number::DeviceCode::parse("01").expect("code"))
        .expect("device code");
    let now = clock::now();
    let options = SeedOptions {
        households: 8_000,
        applications: 4_000,
        seed: 7,
    };
    demo::seed(
        &mut store,
        &opened.content,
        &HolidayCalendar::shipped(),
        &options,
        now,
    )
    .expect("demo data");
    Hall {
        _dir: dir,
        store,
        content: opened.content,
        now,
    }
}

/// The village whose household count is nearest 1,000, and that count.
fn village_of_about_a_thousand(hall: &Hall) -> (String, usize) {
    let all = hall.store.households("", 1_000_000).expect("households");
    hall.content
        .villages
        .iter()
        .map(|village| {
            let count = all.iter().filter(|h| h.village == village.name).count();
            (village.name.clone(), count)
        })
        .min_by_key(|(_, count)| count.abs_diff(1_000))
        .expect("villages")
}

fn case_in(hall: &Hall, state: CaseState) -> String {
    hall.store
        .cases(&CaseFilter {
            state: Some(state),
            limit: 1,
            ..CaseFilter::default()
        })
        .expect("cases")
        .pop()
        .expect("a demo case in that state")
        .id
}

fn printing(c: &mut Criterion) {
    let hall = build();
    let accepted = case_in(&hall, CaseState::Accepted);
    let correction = case_in(&hall, CaseState::AwaitingCorrection);
    let (village, households) = village_of_about_a_thousand(&hall);

    // The first document also parses the 6 MB font files: reported apart from the timings.
    let started = Instant::now();
    let receipt = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &accepted,
        Language::ZhCn,
        hall.now,
    )
    .expect("receipt");
    println!(
        "first receipt (font parsing included): {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let notice = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &correction,
        Language::ZhCn,
        hall.now,
    )
    .expect("notice");
    let started = Instant::now();
    let sheets = village_cards_pdf_at(
        &hall.store,
        &hall.content,
        &village,
        CardLayout::A4Sheet,
        hall.now,
    )
    .expect("card sheets");
    let sheet_time = started.elapsed();
    // BIANMIN_PRINT_SAMPLES=DIR keeps the documents for looking at.
    if let Some(dir) = std::env::var_os("BIANMIN_PRINT_SAMPLES") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("samples folder");
        for (name, pdf) in [
            ("receipt.pdf", &receipt),
            ("notice.pdf", &notice),
            ("village-cards.pdf", &sheets),
        ] {
            std::fs::write(dir.join(name), pdf).expect("sample written");
        }
    }
    let handbook = policy_handbook_pdf_at(&hall.content, false, hall.now).expect("handbook");
    println!("policy handbook: {} bytes", handbook.len());
    let service = handbook_pdf_at(&hall.content, HandbookKind::Service, false, hall.now)
        .expect("service handbook");
    println!("service handbook: {} bytes", service.len());
    println!("receipt: {} bytes", receipt.len());
    println!("one-time notice: {} bytes", notice.len());
    println!(
        "card sheets for {village} ({households} households, {} A4 pages): {} bytes, {:.2} s once",
        households.div_ceil(10) * 2,
        sheets.len(),
        sheet_time.as_secs_f64()
    );

    c.bench_function("receipt (A5, accepted case)", |b| {
        b.iter(|| {
            receipt_pdf_at(
                &hall.store,
                &hall.content,
                black_box(&accepted),
                Language::ZhCn,
                hall.now,
            )
            .expect("receipt")
        })
    });
    c.bench_function("one-time notice (A5)", |b| {
        b.iter(|| {
            receipt_pdf_at(
                &hall.store,
                &hall.content,
                black_box(&correction),
                Language::ZhCn,
                hall.now,
            )
            .expect("notice")
        })
    });
    c.bench_function("policy handbook (A5)", |b| {
        b.iter(|| {
            policy_handbook_pdf_at(black_box(&hall.content), false, hall.now).expect("handbook")
        })
    });
    c.bench_function("service handbook (A5)", |b| {
        b.iter(|| {
            handbook_pdf_at(
                black_box(&hall.content),
                HandbookKind::Service,
                false,
                hall.now,
            )
            .expect("service handbook")
        })
    });
    let mut group = c.benchmark_group("village cards");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function(format!("A4 sheets, {households} households"), |b| {
        b.iter(|| {
            village_cards_pdf_at(
                &hall.store,
                &hall.content,
                black_box(&village),
                CardLayout::A4Sheet,
                hall.now,
            )
            .expect("card sheets")
        })
    });
    group.finish();
}

criterion_group!(print, printing);
criterion_main!(print);
