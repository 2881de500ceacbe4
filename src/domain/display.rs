//! The public display (公示屏): which pages it rotates through and what each page holds, from the
//! hall's content, its figures and the date. The view only draws a page.
//!
//! The hall shows what GB/T 32169 and the local window rules ask it to make public: every item
//! with its promised time limit (限时办结), which window handles what, the hall's commitments
//! (首问负责, 一次性告知, 限时办结), how much it accepted and completed, its current notices and
//! where to call or complain.

use chrono::NaiveDate;

use super::{Content, ItemKind, Notice};
use crate::i18n::Language;

/// How many rows a page holds at the display's type size on a 1080-line screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub items: usize,
    pub windows: usize,
    /// Notices, each with its title and the start of its first paragraph.
    pub notices: usize,
}

impl Capacity {
    /// Chinese names and titles fit one line; English ones often take two, so fewer fit.
    pub fn of(language: Language) -> Capacity {
        match language {
            Language::ZhCn => Capacity {
                items: 10,
                windows: 6,
                notices: 3,
            },
            Language::En => Capacity {
                items: 5,
                windows: 3,
                notices: 2,
            },
        }
    }
}
/// The newest notices shown; the older ones stay on the kiosk's notice board, so the round stays
/// short enough for a visitor to see it come back.
pub const MAX_NOTICES: usize = 6;
/// How much of a notice's first paragraph is shown: one line across the screen.
pub const NOTICE_SUMMARY_CHARS: usize = 42;

/// What the hall did, as the display shows it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DisplayFigures {
    pub accepted_today: u64,
    pub completed_today: u64,
    pub accepted_month: u64,
    pub completed_month: u64,
    /// 满意度 of the month's ratings (0–1); none before the first rating.
    pub satisfaction_month: Option<f64>,
}

/// An item's promised time limit (承诺时限).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLimit {
    /// 即办件: done on the spot.
    OnTheSpot,
    WorkingDays(u32),
}

/// One row of the service items' pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLine {
    pub number: u32,
    pub name: String,
    pub limit: TimeLimit,
    pub window: u32,
}

/// One window and what it handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowDuty {
    pub number: u32,
    pub name: String,
    /// "A 社会保障": the categories handled here.
    pub categories: Vec<String>,
    /// The numbers of the items handled here, as runs (1–9 is `(1, 9)`).
    pub items: Vec<(u32, u32)>,
}

/// A current notice, shortened for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeLine {
    pub title: String,
    pub board: String,
    pub date: NaiveDate,
    /// The start of its first paragraph, cut with "…" when longer.
    pub summary: String,
}

/// The hall's three window commitments, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commitment {
    /// 首问负责: the first person asked answers, or takes the matter on.
    FirstInquiry,
    /// 一次性告知: all the materials and conditions said at once.
    OneTimeNotice,
    /// 限时办结: done within the promised working days.
    TimeLimit,
}

impl Commitment {
    pub const ALL: [Commitment; 3] = [
        Commitment::FirstInquiry,
        Commitment::OneTimeNotice,
        Commitment::TimeLimit,
    ];
}

/// Where one page sits in a run of pages of the same kind (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub number: usize,
    pub of: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Items {
        lines: Vec<ItemLine>,
        part: Part,
    },
    Windows {
        windows: Vec<WindowDuty>,
        part: Part,
    },
    Commitments {
        commitments: [Commitment; 3],
        /// For 限时办结: how many items are done on the spot, and how many within days.
        instant_items: usize,
        promised_items: usize,
    },
    Figures(DisplayFigures),
    Notices {
        notices: Vec<NoticeLine>,
        part: Part,
    },
    /// The hall's phone, 12345, the 168 line, hours and address (read from the content's hall).
    Contacts,
}

/// The pages in the order they rotate. No figures (not read yet, or unreadable): no figures
/// page. No current notice: no notices page; many: the newest [`MAX_NOTICES`].
pub fn pages(
    content: &Content,
    figures: Option<DisplayFigures>,
    today: NaiveDate,
    language: Language,
) -> Vec<Page> {
    let mut pages = Vec::new();
    let capacity = Capacity::of(language);

    let lines: Vec<ItemLine> = content
        .items
        .iter()
        .map(|item| ItemLine {
            number: item.number,
            name: language.pick(&item.name, &item.name_en).to_owned(),
            limit: time_limit(item.kind, item.promised_days),
            window: item.window,
        })
        .collect();
    pages.extend(split(lines, capacity.items).map(|(lines, part)| Page::Items { lines, part }));

    let windows = content
        .windows
        .iter()
        .map(|window| duty(content, window.number, language))
        .collect();
    pages.extend(
        split(windows, capacity.windows).map(|(windows, part)| Page::Windows { windows, part }),
    );

    let instant_items = content
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Instant)
        .count();
    pages.push(Page::Commitments {
        commitments: Commitment::ALL,
        instant_items,
        promised_items: content.items.len() - instant_items,
    });

    if let Some(figures) = figures {
        pages.push(Page::Figures(figures));
    }

    let mut current: Vec<&Notice> = content
        .notices
        .iter()
        .filter(|notice| notice.is_shown_on(today))
        .collect();
    current.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let notices = current
        .into_iter()
        .take(MAX_NOTICES)
        .map(|notice| notice_line(content, notice, language))
        .collect();
    pages.extend(
        split(notices, capacity.notices).map(|(notices, part)| Page::Notices { notices, part }),
    );

    pages.push(Page::Contacts);
    pages
}

/// Whether a notice is on show today: published on or before today.
///
/// Notices carry only their publication date so far; an expiry date, when the content gets one,
/// belongs here too.
fn time_limit(kind: ItemKind, promised_days: u32) -> TimeLimit {
    match kind {
        ItemKind::Instant => TimeLimit::OnTheSpot,
        ItemKind::Promised => TimeLimit::WorkingDays(promised_days),
    }
}

/// What a window handles: its categories, and every item whose window it is (an item may sit at
/// another window than its category).
fn duty(content: &Content, number: u32, language: Language) -> WindowDuty {
    let name = content
        .window(number)
        .map(|window| language.pick(&window.name, &window.name_en).to_owned())
        .unwrap_or_default();
    let categories = content
        .categories
        .iter()
        .filter(|category| category.window == number)
        .map(|category| {
            format!(
                "{} {}",
                category.code,
                language.pick(&category.name, &category.name_en)
            )
        })
        .collect();
    let mut numbers: Vec<u32> = content
        .items
        .iter()
        .filter(|item| item.window == number)
        .map(|item| item.number)
        .collect();
    numbers.sort_unstable();
    WindowDuty {
        number,
        name,
        categories,
        items: runs(&numbers),
    }
}

/// Sorted numbers as runs of consecutive numbers: [1, 2, 3, 7] → [(1, 3), (7, 7)].
pub fn runs(numbers: &[u32]) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &number in numbers {
        match runs.last_mut() {
            Some((_, last)) if number == *last + 1 => *last = number,
            _ => runs.push((number, number)),
        }
    }
    runs
}

fn notice_line(content: &Content, notice: &Notice, language: Language) -> NoticeLine {
    let board = content
        .board(&notice.board)
        .map(|board| language.pick(&board.name, &board.name_en).to_owned())
        .unwrap_or_default();
    // The notices' bodies are written in Chinese only.
    let first = notice.paragraphs().next().unwrap_or_default();
    NoticeLine {
        title: language.pick(&notice.title, &notice.title_en).to_owned(),
        board,
        date: notice.date,
        summary: shortened(first, NOTICE_SUMMARY_CHARS),
    }
}

/// `text` cut to `limit` characters, "…" marking the cut.
fn shortened(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Chunks of `per_page` (the last may be shorter), each with its place in the run.
fn split<T>(all: Vec<T>, per_page: usize) -> impl Iterator<Item = (Vec<T>, Part)> {
    let of = all.len().div_ceil(per_page);
    let mut rest = all.into_iter().peekable();
    let mut number = 0;
    std::iter::from_fn(move || {
        rest.peek()?;
        number += 1;
        let chunk: Vec<T> = rest.by_ref().take(per_page).collect();
        Some((chunk, Part { number, of }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        crate::content::shipped().expect("the shipped content is valid")
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn figures() -> DisplayFigures {
        DisplayFigures {
            accepted_today: 3,
            completed_today: 2,
            accepted_month: 40,
            completed_month: 31,
            satisfaction_month: Some(0.95),
        }
    }

    fn item_lines(pages: &[Page]) -> Vec<&ItemLine> {
        pages
            .iter()
            .filter_map(|page| match page {
                Page::Items { lines, .. } => Some(lines),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn every_item_appears_once_with_its_promised_time_limit() {
        let content = content();
        let pages = pages(&content, Some(figures()), day("2026-12-02"), Language::ZhCn);
        let lines = item_lines(&pages);
        assert_eq!(lines.len(), content.items.len());
        for item in &content.items {
            let line = lines
                .iter()
                .find(|line| line.number == item.number)
                .unwrap_or_else(|| panic!("item {} is on no page", item.number));
            assert_eq!(line.name, item.name);
            assert_eq!(line.window, item.window);
            let expected = if item.promised_days == 0 {
                TimeLimit::OnTheSpot
            } else {
                TimeLimit::WorkingDays(item.promised_days)
            };
            assert_eq!(line.limit, expected, "{}", item.name);
        }
    }

    #[test]
    fn items_are_split_into_full_pages_in_the_halls_order() {
        let content = content();
        let pages = pages(&content, None, day("2026-12-02"), Language::ZhCn);
        let runs: Vec<(usize, Part)> = pages
            .iter()
            .filter_map(|page| match page {
                Page::Items { lines, part } => Some((lines.len(), *part)),
                _ => None,
            })
            .collect();
        // 39 items: 10, 10, 10, 9.
        assert_eq!(
            runs,
            vec![
                (10, Part { number: 1, of: 4 }),
                (10, Part { number: 2, of: 4 }),
                (10, Part { number: 3, of: 4 }),
                (9, Part { number: 4, of: 4 }),
            ]
        );
        let numbers: Vec<u32> = item_lines(&pages).iter().map(|l| l.number).collect();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(numbers, sorted);
        assert!(matches!(pages[0], Page::Items { .. }), "items come first");
        assert_eq!(
            pages.last(),
            Some(&Page::Contacts),
            "contacts close the round"
        );
    }

    #[test]
    fn windows_list_the_categories_and_items_they_handle() {
        let content = content();
        let pages = pages(&content, None, day("2026-12-02"), Language::ZhCn);
        let duties: Vec<&WindowDuty> = pages
            .iter()
            .filter_map(|page| match page {
                Page::Windows { windows, .. } => Some(windows),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(duties.len(), content.windows.len());
        for category in &content.categories {
            let duty = duties
                .iter()
                .find(|duty| duty.number == category.window)
                .unwrap();
            let label = format!("{} {}", category.code, category.name);
            assert!(
                duty.categories.contains(&label),
                "{label} at {}",
                duty.number
            );
        }
        for item in &content.items {
            let duty = duties
                .iter()
                .find(|duty| duty.number == item.window)
                .unwrap();
            assert!(
                duty.items
                    .iter()
                    .any(|&(from, to)| (from..=to).contains(&item.number)),
                "item {} at window {}",
                item.number,
                item.window
            );
        }
        // Window 2 handles A and B, items 1–9.
        let second = duties.iter().find(|duty| duty.number == 2).unwrap();
        assert_eq!(second.categories, ["A 社会保障", "B 医疗保障"]);
        assert_eq!(second.items, [(1, 9)]);
    }

    #[test]
    fn only_notices_published_by_today_and_not_expired_are_shown_newest_first() {
        let mut content = content();
        let template = content.notices[0].clone();
        content.notices = vec![
            Notice {
                id: "old".into(),
                title: "旧公告".into(),
                date: day("2026-11-01"),
                ..template.clone()
            },
            Notice {
                id: "expired".into(),
                title: "昨天到期的公告".into(),
                date: day("2026-11-01"),
                expires: Some(day("2026-12-01")),
                ..template.clone()
            },
            Notice {
                id: "last-day".into(),
                title: "今天到期的公告".into(),
                date: day("2026-11-02"),
                expires: Some(day("2026-12-02")),
                ..template.clone()
            },
            Notice {
                id: "today".into(),
                title: "今天的公告".into(),
                date: day("2026-12-02"),
                ..template.clone()
            },
            Notice {
                id: "tomorrow".into(),
                title: "明天的公告".into(),
                date: day("2026-12-03"),
                ..template
            },
        ];
        let pages = pages(&content, None, day("2026-12-02"), Language::ZhCn);
        let titles: Vec<&str> = pages
            .iter()
            .filter_map(|page| match page {
                Page::Notices { notices, .. } => Some(notices),
                _ => None,
            })
            .flatten()
            .map(|notice| notice.title.as_str())
            .collect();
        assert_eq!(titles, ["今天的公告", "今天到期的公告", "旧公告"]);
    }

    #[test]
    fn only_the_newest_notices_are_shown_in_pages_of_three() {
        let content = content();
        assert!(content.notices.len() > MAX_NOTICES);
        let pages = pages(&content, None, day("2026-12-31"), Language::ZhCn);
        let shown: Vec<(&NoticeLine, Part)> = pages
            .iter()
            .filter_map(|page| match page {
                Page::Notices { notices, part } => Some(notices.iter().map(|n| (n, *part))),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(shown.len(), MAX_NOTICES);
        assert_eq!(shown[MAX_NOTICES - 1].1, Part { number: 2, of: 2 });
        let oldest_shown = shown.iter().map(|(n, _)| n.date).min().unwrap();
        for notice in &content.notices {
            if !shown.iter().any(|(n, _)| n.title == notice.title) {
                assert!(notice.date <= oldest_shown, "{} left out", notice.title);
            }
        }
    }

    #[test]
    fn no_current_notice_means_no_notices_page() {
        let content = content();
        let before_any = day("2020-01-01");
        let pages = pages(&content, None, before_any, Language::ZhCn);
        assert!(
            !pages
                .iter()
                .any(|page| matches!(page, Page::Notices { .. }))
        );
    }

    #[test]
    fn a_long_first_paragraph_is_cut_with_an_ellipsis() {
        let content = content();
        let pages = pages(&content, None, day("2026-12-31"), Language::ZhCn);
        let summaries: Vec<&str> = pages
            .iter()
            .filter_map(|page| match page {
                Page::Notices { notices, .. } => Some(notices),
                _ => None,
            })
            .flatten()
            .map(|notice| notice.summary.as_str())
            .collect();
        assert!(!summaries.is_empty());
        for summary in summaries {
            assert!(summary.chars().count() <= NOTICE_SUMMARY_CHARS, "{summary}");
            assert!(!summary.is_empty());
        }
        assert_eq!(shortened("一二三四五", 5), "一二三四五");
        assert_eq!(shortened("一二三四五六", 5), "一二三四…");
    }

    #[test]
    fn the_figures_page_shows_the_figures_and_is_left_out_without_them() {
        let content = content();
        let with = pages(&content, Some(figures()), day("2026-12-02"), Language::ZhCn);
        assert!(with.contains(&Page::Figures(figures())));
        let without = pages(&content, None, day("2026-12-02"), Language::ZhCn);
        assert_eq!(without.len(), with.len() - 1);
        assert!(!without.iter().any(|page| matches!(page, Page::Figures(_))));
    }

    #[test]
    fn the_commitments_page_counts_instant_and_promised_items() {
        let content = content();
        let pages = pages(&content, None, day("2026-12-02"), Language::ZhCn);
        let Some(Page::Commitments {
            commitments,
            instant_items,
            promised_items,
        }) = pages
            .iter()
            .find(|page| matches!(page, Page::Commitments { .. }))
        else {
            panic!("no commitments page");
        };
        assert_eq!(*commitments, Commitment::ALL);
        let instant = content
            .items
            .iter()
            .filter(|i| i.promised_days == 0)
            .count();
        assert_eq!((*instant_items, *promised_items), (instant, 39 - instant));
    }

    #[test]
    fn english_pages_use_the_english_names() {
        let content = content();
        let pages = pages(&content, None, day("2026-12-02"), Language::En);
        let first = item_lines(&pages)[0];
        assert_eq!(first.name, content.items[0].name_en);
        // Two-line English names: half as many to a page, none left out.
        let item_pages = pages
            .iter()
            .filter(|page| matches!(page, Page::Items { .. }))
            .count();
        assert_eq!(item_pages, 8);
        assert_eq!(item_lines(&pages).len(), 39);
    }

    #[test]
    fn numbers_become_runs() {
        assert_eq!(runs(&[]), []);
        assert_eq!(runs(&[1, 2, 3, 7]), [(1, 3), (7, 7)]);
        assert_eq!(runs(&[21, 22, 37, 38]), [(21, 22), (37, 38)]);
    }
}
