//! The two handbooks the hall hands out, A5, typeset from its data: 《惠农政策补贴手册》 from the
//! policies ([`policy`]) and 《便民服务手册》 from the service items ([`service`]). Both share a
//! cover with the hall and the edition year, a table of contents with page numbers, running heads
//! and page numbers. A figure the county has not confirmed carries "以当地最新政策为准".
//!
//! With `booklet`, the A5 pages are imposed two to an A4 landscape sheet in booklet order: printed
//! duplex (flip on the short edge), the stack folds and staples into the A5 booklet.

mod policy;
mod service;

use chrono::Datelike;

use crate::clock::{self, Timestamp};
use crate::domain::Content;
use crate::i18n::Language;
use crate::t;

use super::PrintError;
use super::flow::{Flow, Margins, baseline_offset};
use super::linebreak::WrapOptions;
use super::page::{A4, A5, Align, Color, Document, Page, Role, Style, mm};

pub use policy::policy_handbook_document;
pub use service::service_handbook_document;

/// Handbooks are printed in the hall's language.
const LANGUAGE: Language = Language::ZhCn;
/// Body type of the handbooks: never under 10.5 pt (五号), the size of printed government
/// guides, for readers who are often old.
pub const BODY: f32 = 10.5;
const LEADING: f32 = BODY * 1.7;

/// Which handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HandbookKind {
    /// 《惠农政策补贴手册》
    Policy,
    /// 《便民服务手册》
    Service,
}

impl HandbookKind {
    pub const ALL: [HandbookKind; 2] = [HandbookKind::Policy, HandbookKind::Service];

    /// The handbook's A5 pages in reading order.
    pub fn document(self, content: &Content, printed_at: Timestamp) -> Document {
        match self {
            HandbookKind::Policy => policy_handbook_document(content, printed_at),
            HandbookKind::Service => service_handbook_document(content, printed_at),
        }
    }

    pub fn title(self) -> String {
        match self {
            HandbookKind::Policy => t!(LANGUAGE, "handbook-policy-title"),
            HandbookKind::Service => t!(LANGUAGE, "handbook-service-title"),
        }
    }
}

/// A handbook as PDF, printed now.
pub fn handbook_pdf(
    content: &Content,
    kind: HandbookKind,
    booklet: bool,
) -> Result<Vec<u8>, PrintError> {
    handbook_pdf_at(content, kind, booklet, clock::now())
}

pub fn handbook_pdf_at(
    content: &Content,
    kind: HandbookKind,
    booklet: bool,
    printed_at: Timestamp,
) -> Result<Vec<u8>, PrintError> {
    let document = kind.document(content, printed_at);
    super::pdf::render(&if booklet {
        impose_booklet(document)
    } else {
        document
    })
}

/// The policy handbook as PDF, printed now.
pub fn policy_handbook_pdf(content: &Content, booklet: bool) -> Result<Vec<u8>, PrintError> {
    handbook_pdf(content, HandbookKind::Policy, booklet)
}

pub fn policy_handbook_pdf_at(
    content: &Content,
    booklet: bool,
    printed_at: Timestamp,
) -> Result<Vec<u8>, PrintError> {
    handbook_pdf_at(content, HandbookKind::Policy, booklet, printed_at)
}

fn body_flow() -> Flow {
    Flow::new(
        A5,
        Margins {
            top: mm(20.0),
            right: mm(16.0),
            bottom: mm(18.0),
            left: mm(16.0),
        },
    )
}

/// What the cover says above and below the edition.
struct CoverText {
    title: String,
    subtitle: String,
    count: String,
}

/// One line of the contents: the section's marker, its name and the body page it starts on
/// (from 0).
struct Entry {
    marker: String,
    name: String,
    start: usize,
}

/// Cover, contents and body in print order, with running heads and page numbers.
fn assemble(
    content: &Content,
    cover_text: &CoverText,
    entries: &[Entry],
    body: Flow,
    printed_at: Timestamp,
) -> Document {
    let per_page = contents_per_page();
    let contents_pages = entries.len().div_ceil(per_page).max(1);
    // Physical page numbers: the cover is page 1 (not printed on it), then the contents.
    let first_body_page = 1 + contents_pages + 1;
    let mut pages = vec![cover(content, cover_text, printed_at)];
    pages.extend(contents(entries, first_body_page, contents_pages));
    let body_pages = body.pages.len();
    pages.extend(body.pages);
    let first_body = pages.len() - body_pages;
    for (index, page) in pages.iter_mut().enumerate().skip(1) {
        // The running head names the section (the item, the policy) the page belongs to.
        let section = index
            .checked_sub(first_body)
            .and_then(|body_index| entries.iter().rev().find(|entry| entry.start <= body_index))
            .map(|entry| format!("{} {}", entry.marker, entry.name));
        let right = section.as_deref().unwrap_or(&content.hall.name);
        running_head(page, &cover_text.title, right, index + 1);
    }
    // Blank pages before the back cover, so that the handbook is a whole number of folded
    // sheets (four pages each) and the back cover is the outside back of the booklet.
    while !(pages.len() + 1).is_multiple_of(4) {
        pages.push(Page::new(A5));
    }
    pages.push(back_cover(content, &cover_text.title, printed_at));
    Document {
        title: format!("{} {}", cover_text.title, content.hall.name),
        created: printed_at,
        pages,
        skipped: Vec::new(),
    }
}

fn cover(content: &Content, text: &CoverText, printed_at: Timestamp) -> Page {
    let (w, h) = A5;
    let mut page = Page::new(A5);
    page.fill(0.0, h - mm(62.0), w, mm(62.0), Color::RED);
    let hall = &content.hall;
    page.text(
        w / 2.0,
        h - mm(24.0),
        Style::regular(11.0).color(Color::WHITE),
        Align::Center,
        &format!("{} {}", hall.county, hall.township),
    );
    let title = &text.title;
    let title_style = Style::bold(24.0)
        .color(Color::WHITE)
        .fitted(title, w - mm(24.0), 14.0);
    page.text_spaced(
        w / 2.0,
        h - mm(44.0),
        title_style,
        Align::Center,
        title,
        3.0,
    );
    page.text(
        w / 2.0,
        h - mm(55.0),
        Style::regular(10.5).color(Color::WHITE),
        Align::Center,
        &text.subtitle,
    );
    page.text(
        w / 2.0,
        h - mm(90.0),
        Style::bold(15.0).color(Color::RED),
        Align::Center,
        &t!(
            LANGUAGE,
            "handbook-edition",
            year = printed_at.year().to_string()
        ),
    );
    page.text(
        w / 2.0,
        h - mm(102.0),
        Style::regular(10.5).color(Color::GRAY),
        Align::Center,
        &text.count,
    );
    // The hall at the foot of the cover.
    let foot = mm(22.0);
    page.rule(
        (mm(16.0), foot + 44.0),
        (w - mm(16.0), foot + 44.0),
        0.8,
        Color::RED,
    );
    page.text(
        w / 2.0,
        foot + 26.0,
        Style::bold(13.0),
        Align::Center,
        &hall.name,
    );
    let contact = t!(
        LANGUAGE,
        "handbook-contact",
        phone = hall.phone.as_str(),
        hours = hall.hours.as_str()
    );
    let small = Style::regular(8.0)
        .color(Color::GRAY)
        .fitted(&contact, w - mm(24.0), 6.0);
    page.text(w / 2.0, foot + 10.0, small, Align::Center, &contact);
    let address = Style::regular(8.0)
        .color(Color::GRAY)
        .fitted(&hall.address, w - mm(24.0), 6.0);
    page.text(w / 2.0, foot - 2.0, address, Align::Center, &hall.address);
    page
}

/// The outside back: the hall's name, address, hours and phones, 12345, and the edition.
fn back_cover(content: &Content, title: &str, printed_at: Timestamp) -> Page {
    let (w, h) = A5;
    let hall = &content.hall;
    let mut page = Page::new(A5);
    let (left, right) = (mm(18.0), w - mm(18.0));
    let mut y = h / 2.0 + mm(30.0);
    let name = Style::bold(15.0)
        .color(Color::RED)
        .fitted(&hall.name, right - left, 10.5);
    page.text(w / 2.0, y, name, Align::Center, &hall.name);
    y -= 10.0;
    page.rule((left, y), (right, y), 0.8, Color::RED);
    y -= 22.0;
    let label = Style::bold(10.5).color(Color::GRAY);
    let value = Style::regular(10.5);
    let rows = [
        (t!(LANGUAGE, "handbook-address"), hall.address.clone()),
        (t!(LANGUAGE, "handbook-hours"), hall.hours.clone()),
        (t!(LANGUAGE, "handbook-hall-phone"), hall.phone.clone()),
        (
            t!(LANGUAGE, "handbook-hotline"),
            format!("{}（{}）", hall.hotline_168, hall.hotline_168_note),
        ),
        (
            t!(LANGUAGE, "handbook-supervision"),
            format!("{}（{}）", hall.supervision_phone, hall.supervision_note),
        ),
    ];
    let label_width = 62.0;
    for (key, text) in rows {
        page.text(left, y, label, Align::Left, &key);
        let lines = value.wrap(&text, &WrapOptions::ragged(right - left - label_width));
        y = page.lines(left + label_width, y, value, 16.0, &lines) - 6.0;
    }
    let edition = format!(
        "{}　{}",
        title,
        t!(
            LANGUAGE,
            "handbook-edition",
            year = printed_at.year().to_string()
        )
    );
    page.rule((left, mm(30.0)), (right, mm(30.0)), 0.4, Color::LIGHT_GRAY);
    page.text(
        w / 2.0,
        mm(22.0),
        Style::regular(10.5).color(Color::GRAY),
        Align::Center,
        &edition,
    );
    page.text(
        w / 2.0,
        mm(22.0) - 15.0,
        Style::regular(9.0).color(Color::GRAY),
        Align::Center,
        &t!(LANGUAGE, "handbook-free"),
    );
    page
}

fn contents_per_page() -> usize {
    let flow = body_flow();
    ((flow.room() - 40.0) / 22.0).floor().max(1.0) as usize
}

/// The table of contents: each entry with its page number and a dotted leader, on `count` pages.
fn contents(entries: &[Entry], first_body_page: usize, count: usize) -> Vec<Page> {
    let per_page = contents_per_page();
    let mut flow = body_flow();
    let heading = Style::bold(16.0);
    for (index, entry) in entries.iter().enumerate() {
        if index % per_page == 0 {
            if index > 0 {
                flow.new_page();
            }
            let center = (flow.left() + flow.right()) / 2.0;
            let y = flow.y - baseline_offset(heading, 24.0);
            flow.page().text_spaced(
                center,
                y,
                heading,
                Align::Center,
                &t!(LANGUAGE, "handbook-contents"),
                12.0,
            );
            flow.gap(40.0);
        }
        let style = Style::regular(10.5);
        let number = Style::bold(10.5).color(Color::RED);
        let (left, right) = (flow.left(), flow.right());
        let y = flow.y - baseline_offset(style, 22.0);
        let page_text = (entry.start + first_body_page).to_string();
        let page_width = style.width(&page_text);
        let name_x = left + 22.0;
        let name = truncate_to(style, &entry.name, right - name_x - page_width - 24.0);
        let p = flow.page();
        p.text(left, y, number, Align::Left, &entry.marker);
        p.text(name_x, y, style, Align::Left, &name);
        let leader_start = name_x + style.width(&name) + 6.0;
        let leader_end = right - page_width - 6.0;
        if leader_end > leader_start {
            p.marks.push(super::page::Mark::Rule {
                from: (leader_start, y + 1.5),
                to: (leader_end, y + 1.5),
                width: 0.8,
                color: Color::LIGHT_GRAY,
                dash: Some(1.6),
            });
        }
        p.text(right, y, style, Align::Right, &page_text);
        flow.gap(22.0);
    }
    while flow.pages.len() < count {
        flow.new_page();
    }
    flow.pages
}

fn truncate_to(style: Style, text: &str, width: f32) -> String {
    if style.width(text) <= width {
        return text.to_owned();
    }
    let mut kept: String = text.to_owned();
    while !kept.is_empty() && style.width(&kept) + style.width("…") > width {
        kept.pop();
    }
    kept.push('…');
    kept
}

/// A title centred over the measure, letter-spaced.
fn centered_title(flow: &mut Flow, title: &str) {
    let style = Style::bold(14.0);
    let center = (flow.left() + flow.right()) / 2.0;
    let y = flow.y - baseline_offset(style, 22.0);
    flow.page()
        .text_spaced(center, y, style, Align::Center, title, 8.0);
    flow.gap(30.0);
}

/// A section's title after its number in a red block, over a red rule; returns the index of the
/// body page the section starts on.
fn section_title(flow: &mut Flow, marker: &str, name: &str) -> usize {
    let title = Style::bold(13.0);
    let leading = 20.0;
    // A section title is kept with at least a few lines of its text.
    flow.keep(leading + 5.0 * LEADING);
    let start = flow.pages.len() - 1;
    let (left, right) = (flow.left(), flow.right());
    let top = flow.y;
    let marker_style = Style::bold(13.0).color(Color::WHITE);
    let marker_width = marker_style.width(marker) + 8.0;
    let y = top - baseline_offset(title, leading);
    let page = flow.page();
    page.fill(
        left,
        top - leading + 1.0,
        marker_width,
        leading - 2.0,
        Color::RED,
    );
    page.text(
        left + marker_width / 2.0,
        y,
        marker_style,
        Align::Center,
        marker,
    );
    let lines = title.wrap(
        name,
        &WrapOptions::ragged(right - left - marker_width - 8.0),
    );
    page.lines(left + marker_width + 8.0, y, title, leading, &lines);
    flow.y = top - leading * lines.len().max(1) as f32 - 3.0;
    let y = flow.y;
    flow.page().rule((left, y), (right, y), 0.6, Color::RED);
    flow.page().tag(Role::Heading, top, y - 0.5);
    flow.gap(8.0);
    start
}

/// A red label on its own line, kept with the first lines of what follows.
fn label(flow: &mut Flow, text: &str) {
    flow.keep(LEADING * 3.0);
    let (x, width, top) = (flow.left(), flow.width(), flow.y);
    flow.text(x, width, Style::bold(BODY).color(Color::RED), LEADING, text);
    let bottom = flow.y;
    flow.page().tag(Role::Heading, top, bottom);
}

fn unverified_note(flow: &mut Flow) {
    let style = Style::bold(9.0).color(Color::RED);
    let text = t!(LANGUAGE, "unverified-note");
    let lines = style.wrap(&text, &WrapOptions::ragged(flow.width() - 16.0));
    let height = lines.len() as f32 * 14.0 + 8.0;
    flow.keep(height + 4.0);
    flow.gap(2.0);
    let (x, width, top) = (flow.left(), flow.width(), flow.y);
    let page = flow.page();
    page.fill(x, top - height, width, height, Color::RED_TINT);
    page.fill(x, top - height, 2.5, height, Color::RED);
    page.lines(
        x + 10.0,
        top - 4.0 - baseline_offset(style, 14.0),
        style,
        14.0,
        &lines,
    );
    flow.gap(height + 2.0);
}

/// The handbook's title and the hall over a thin rule; the page number at the foot.
pub(crate) fn running_head(page: &mut Page, title: &str, hall: &str, number: usize) {
    // `hall`: the section's marker and name, or the hall's name outside the sections.
    let (w, h) = (page.width, page.height);
    let (left, right) = (mm(16.0), w - mm(16.0));
    let style = Style::regular(7.5).color(Color::GRAY);
    let y = h - mm(12.0);
    page.text(left, y, style, Align::Left, title);
    // The section's name keeps clear of the title.
    let room = right - left - style.width(title) - 12.0;
    page.text(right, y, style.fitted(hall, room, 6.0), Align::Right, hall);
    page.rule((left, y - 4.0), (right, y - 4.0), 0.4, Color::LIGHT_GRAY);
    page.text(
        w / 2.0,
        mm(9.0),
        Style::regular(8.5).color(Color::GRAY),
        Align::Center,
        &t!(LANGUAGE, "handbook-page", page = number.to_string()),
    );
}

/// The most sheets in one signature: a stack of A4 sheets folded together and stapled on the
/// fold. Eight sheets (32 pages, about 0.8 mm of 80 g/m² paper) is what an office long-reach
/// stapler goes through and what still folds flat.
pub const MAX_SHEETS_PER_SIGNATURE: usize = 8;
/// Creep: each sheet nested inside another sticks out further at the fore-edge once folded, so
/// its pages are moved this far towards the fold per sheet from the outside (about one sheet's
/// thickness of 80 g/m² paper).
pub const CREEP_PER_SHEET: f32 = 0.1 * super::page::MM;

/// How many sheets each signature of a booklet of `pages` A5 pages takes: as few signatures
/// as [`MAX_SHEETS_PER_SIGNATURE`] allows, as even as possible, the larger ones first.
pub fn signatures(pages: usize) -> Vec<usize> {
    let sheets = pages.div_ceil(4).max(1);
    let count = sheets.div_ceil(MAX_SHEETS_PER_SIGNATURE);
    (0..count)
        .map(|index| sheets / count + usize::from(index < sheets % count))
        .collect()
}

/// How far the pages of sheet `sheet` (0 = the outermost) of a signature move towards the fold.
pub fn creep(sheet: usize) -> f32 {
    sheet as f32 * CREEP_PER_SHEET
}

/// A5 pages two to a landscape A4 sheet, in the order that folds into a booklet: the page count
/// is padded with blank pages to a multiple of four and split into [`signatures`]. Within a
/// signature of `n` pages, sheet side `2k` carries its pages (n − 2k, 2k + 1) and side `2k + 1`
/// carries (2k + 2, n − 2k − 1), counting from 1, and both pages of sheet `k` move [`creep`]`(k)`
/// towards the fold. Printed two-sided, turned on the short edge, each signature is folded and
/// stapled on its fold; the signatures, stacked in order, make the booklet.
pub fn impose_booklet(document: Document) -> Document {
    let mut pages = document.pages;
    while !pages.len().is_multiple_of(4) {
        pages.push(Page::new(A5));
    }
    let sheet = (A4.1, A4.0);
    let mut sides = Vec::with_capacity(pages.len() / 2);
    let mut start = 0;
    for sheets in signatures(pages.len()) {
        let n = 4 * sheets;
        for k in 0..sheets {
            let shift = creep(k);
            for (left, right) in [(n - 1 - 2 * k, 2 * k), (2 * k + 1, n - 2 - 2 * k)] {
                let mut side = Page::new(sheet);
                // The left page moves right, the right page left: both towards the fold.
                for (slot, index) in [(shift, left), (A5.0 - shift, right)] {
                    let mut marks = pages[start + index].marks.clone();
                    Page::translate(&mut marks, slot, 0.0);
                    side.marks.extend(marks);
                }
                sides.push(side);
            }
        }
        start += n;
    }
    Document {
        pages: sides,
        ..document
    }
}

/// Booklet order as 1-based page numbers per sheet side, signature by signature, for checking.
pub fn booklet_order(pages: usize) -> Vec<(usize, usize)> {
    let mut order = Vec::new();
    let mut start = 0;
    for sheets in signatures(pages) {
        let n = 4 * sheets;
        order.extend((0..sheets).flat_map(|k| {
            [
                (start + n - 2 * k, start + 2 * k + 1),
                (start + 2 * k + 2, start + n - 2 * k - 1),
            ]
        }));
        start += n;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booklet_sides_pair_pages_that_fold_together() {
        // Eight pages: the outer sheet carries 8|1 and 2|7, the inner one 6|3 and 4|5.
        assert_eq!(booklet_order(8), [(8, 1), (2, 7), (6, 3), (4, 5)]);
        // Six pages are padded to eight.
        assert_eq!(booklet_order(6).len(), 4);
        let order = booklet_order(12);
        let mut all: Vec<usize> = order.iter().flat_map(|&(a, b)| [a, b]).collect();
        all.sort_unstable();
        assert_eq!(all, (1..=12).collect::<Vec<_>>());
    }

    #[test]
    fn every_policy_is_in_the_contents_with_the_page_its_section_starts_on() {
        let content = crate::content::shipped().unwrap();
        let document = policy_handbook_document(&content, crate::clock::now());
        let text_of = |page: &Page| -> String {
            page.text_runs()
                .map(|run| run.text.as_str())
                .collect::<Vec<_>>()
                .join("|")
        };
        let contents = text_of(&document.pages[1]);
        for (index, policy) in content.policies.iter().enumerate() {
            // The page number follows the name in the contents.
            let runs: Vec<&str> = contents.split('|').collect();
            let at = runs
                .iter()
                .position(|run| *run == policy.name)
                .unwrap_or_else(|| panic!("{} not in the contents", policy.name));
            let page: usize = runs[at + 1].parse().unwrap();
            let marker = format!("{:02}", index + 1);
            let section = text_of(&document.pages[page - 1]);
            assert!(
                section.contains(&policy.name) && section.contains(&marker),
                "{} is not on page {page}",
                policy.name
            );
        }
    }

    #[test]
    fn unverified_policies_say_so_and_nothing_runs_past_the_margins() {
        let content = crate::content::shipped().unwrap();
        let document = policy_handbook_document(&content, crate::clock::now());
        let all: String = document
            .pages
            .iter()
            .flat_map(Page::text_runs)
            .map(|run| run.text.as_str())
            .collect();
        let unverified = content.policies.iter().filter(|p| p.unverified).count();
        assert!(unverified > 0);
        assert_eq!(
            all.matches(&t!(LANGUAGE, "unverified-note")).count(),
            unverified
        );
        for page in &document.pages {
            for run in page.text_runs() {
                let width = super::super::metrics::FaceMetrics::of(run.weight)
                    .width(&run.text, run.size)
                    + run.stretch * run.stretch_before.len() as f32;
                assert!(run.x >= mm(10.0) - 0.01, "{:?}", run.text);
                assert!(run.x + width <= A5.0 - mm(10.0) + 0.01, "{:?}", run.text);
            }
        }
    }
}
