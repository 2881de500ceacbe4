//! Kiosk performance: search on every keystroke over all content, and building the heaviest view.
//!
//! `cargo bench --bench kiosk`

use std::hint::black_box;

use bianmin::domain::search::SearchIndex;
use bianmin::ui::screen::Route;
use bianmin::ui::widget::display_controls::DisplayChange;
use bianmin::ui::{App, Message, Options, fonts};
use criterion::{Criterion, criterion_group, criterion_main};
use iced_test::Simulator;
use iced_test::core::Settings;

fn search_per_keystroke(c: &mut Criterion) {
    let content = bianmin::content::shipped().unwrap();
    let index = SearchIndex::build(&content);
    // Each keystroke searches the whole query typed so far.
    for query in ["gengdi", "GDDL", "zuidishenghuo", "低保", "农机购置"] {
        let prefixes: Vec<String> = query
            .char_indices()
            .map(|(at, c)| query[..at + c.len_utf8()].to_owned())
            .collect();
        c.bench_function(&format!("search keystroke '{query}'"), |b| {
            b.iter(|| {
                for prefix in &prefixes {
                    black_box(index.search(black_box(prefix), 30));
                }
            });
        });
    }
    // One keystroke on its own: the shortest queries match the most entries.
    let mut group = c.benchmark_group("search one keystroke");
    for query in [
        "g", "gd", "ge", "zu", "GDDL", "gengdi", "低", "低保", "保障", "lao",
    ] {
        group.bench_function(query, |b| {
            b.iter(|| black_box(index.search(black_box(query), 30)))
        });
    }
    group.finish();
    c.bench_function("search index build", |b| {
        b.iter(|| SearchIndex::build(black_box(&content)))
    });
}

/// The item with the most materials and steps, at the largest type size.
fn heaviest_app() -> App {
    let content = bianmin::content::shipped().unwrap();
    let heaviest = content
        .items
        .iter()
        .max_by_key(|item| item.materials.len() + item.steps.len())
        .unwrap()
        .id
        .clone();
    let mut app = {
        let mut store = bianmin::store::Store::open_in_memory().expect("in-memory database");
        store.replace_content(&content).expect("content loads");
        App::new(content, store, Vec::new(), Options::default())
    };
    for _ in 0..20 {
        let _ = app.update(Message::Display(DisplayChange::Bigger));
    }
    let _ = app.update(Message::Open(Route::Item(heaviest)));
    app
}

fn heaviest_view(c: &mut Criterion) {
    let app = heaviest_app();
    c.bench_function("heaviest view: build widgets", |b| {
        b.iter(|| black_box(app.view()))
    });
    {
        let mut system = iced_test::renderer::graphics::text::font_system()
            .write()
            .unwrap();
        for font in fonts::all() {
            system.load_font(font.into());
        }
    }
    let settings = || Settings {
        default_font: fonts::REGULAR,
        ..Settings::default()
    };
    c.bench_function("heaviest view: build, shape and lay out", |b| {
        b.iter(|| {
            let ui = Simulator::with_size(settings(), (1024.0, 768.0), app.view());
            black_box(ui);
        })
    });
}

criterion_group!(benches, search_per_keystroke, heaviest_view);
criterion_main!(benches);
