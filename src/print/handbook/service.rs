//! 《便民服务手册》: the hall's commitments and contacts, then every service item's one-time notice
//! (一次性告知): department, window, time limit, fee and visits, conditions, every material with
//! where to get it and what is checked, the procedure drawn as a flow chart of boxes and arrows,
//! the legal basis and the phones.

use crate::clock::Timestamp;
use crate::domain::{Content, ServiceItem, Step};
use crate::t;

use super::super::flow::{Cell, Flow, baseline_offset};
use super::super::linebreak::WrapOptions;
use super::super::page::{Align, Color, Document, Page, Role, Style};
use super::{
    BODY, CoverText, Entry, LANGUAGE, LEADING, assemble, body_flow, centered_title, label,
    section_title, unverified_note,
};

/// The board of the hall's notices whose texts are its commitments (首问负责, 一次性告知, 限时办结…).
const COMMITMENTS_BOARD: &str = "commitments";

/// The service handbook's A5 pages in reading order.
pub fn service_handbook_document(content: &Content, printed_at: Timestamp) -> Document {
    let mut body = body_flow();
    let mut entries = vec![Entry {
        marker: "★".to_owned(),
        name: t!(LANGUAGE, "handbook-commitments"),
        start: 0,
    }];
    commitments(&mut body, content);
    let mut category = None;
    for item in &content.items {
        if category != Some(&item.category) {
            category = Some(&item.category);
            // Each category starts on a fresh page, under its name.
            body.new_page();
            let top = body.y;
            body.page().tag(Role::Chapter, top, top);
            if let Some(found) = content.categories.iter().find(|c| c.id == item.category) {
                body.heading(&found.name, Style::bold(15.0), Color::RED);
                body.gap(6.0);
            }
        } else {
            body.gap(16.0);
        }
        let marker = format!("{:02}", item.number);
        let start = section(&mut body, content, &marker, item);
        entries.push(Entry {
            marker,
            name: item.name.clone(),
            start,
        });
    }
    let cover = CoverText {
        title: t!(LANGUAGE, "handbook-service-title"),
        subtitle: t!(LANGUAGE, "handbook-service-subtitle"),
        count: t!(
            LANGUAGE,
            "handbook-service-count",
            count = content.items.len().to_string()
        ),
    };
    assemble(content, &cover, &entries, body, printed_at)
}

/// The hall's commitments, as published on its board, then how to reach it.
fn commitments(flow: &mut Flow, content: &Content) {
    centered_title(flow, &t!(LANGUAGE, "handbook-commitments"));
    let body = Style::regular(BODY);
    flow.paragraph(
        body,
        LEADING,
        &t!(
            LANGUAGE,
            "handbook-service-foreword",
            hall = content.hall.name.as_str(),
            count = content.items.len().to_string()
        ),
    );
    flow.gap(8.0);
    for notice in content
        .notices
        .iter()
        .filter(|notice| notice.board == COMMITMENTS_BOARD)
    {
        flow.heading(&notice.title, Style::bold(11.5), Color::RED);
        for paragraph in notice.body.split("\n\n").map(str::trim) {
            if !paragraph.is_empty() {
                flow.paragraph(body, LEADING, &paragraph.replace('\n', ""));
            }
        }
        flow.gap(6.0);
    }
    flow.heading(
        &t!(LANGUAGE, "handbook-contacts"),
        Style::bold(11.5),
        Color::RED,
    );
    let hall = &content.hall;
    let value = Style::regular(9.5);
    let windows = content
        .windows
        .iter()
        .map(|window| {
            t!(
                LANGUAGE,
                "item-window-named",
                number = window.number.to_string(),
                name = window.name.as_str()
            )
        })
        .collect::<Vec<_>>()
        .join("　");
    let rows = [
        (t!(LANGUAGE, "handbook-address"), hall.address.clone()),
        (t!(LANGUAGE, "handbook-hall-phone"), hall.phone.clone()),
        (t!(LANGUAGE, "handbook-hours"), hall.hours.clone()),
        (t!(LANGUAGE, "handbook-windows"), windows),
        (
            t!(LANGUAGE, "handbook-hotline"),
            format!("{}（{}）", hall.hotline_168, hall.hotline_168_note),
        ),
        (
            t!(LANGUAGE, "handbook-supervision"),
            format!("{}（{}）", hall.supervision_phone, hall.supervision_note),
        ),
    ]
    .map(|(name, text)| vec![Cell::new(name, text, value)]);
    flow.table(&rows, 62.0, Style::bold(9.5));
}

/// One item's one-time notice; returns the index of the body page it starts on.
fn section(flow: &mut Flow, content: &Content, marker: &str, item: &ServiceItem) -> usize {
    let start = section_title(flow, marker, &item.name);
    let body = Style::regular(BODY);
    let small = Style::regular(9.5);
    flow.paragraph(body, LEADING, &item.summary);
    flow.gap(4.0);
    flow.table(&facts(content, item, small), 52.0, Style::bold(9.5));
    flow.gap(6.0);

    if !item.conditions.is_empty() {
        label(flow, &t!(LANGUAGE, "item-conditions"));
        for (index, condition) in item.conditions.iter().enumerate() {
            numbered(flow, index + 1, body, condition);
        }
        flow.gap(4.0);
    }

    label(
        flow,
        &t!(
            LANGUAGE,
            "item-materials",
            count = item.materials.len().to_string(),
            required = item.required_materials().count().to_string()
        ),
    );
    for (index, material) in item.materials.iter().enumerate() {
        let need = if material.required {
            t!(LANGUAGE, "material-required")
        } else {
            t!(LANGUAGE, "material-optional")
        };
        numbered(
            flow,
            index + 1,
            Style::bold(BODY),
            &format!("{}【{need}】", material.name),
        );
        let detail = format!(
            "{}{}　{}{}　{}{}",
            t!(LANGUAGE, "material-form"),
            material.form,
            t!(LANGUAGE, "material-source"),
            material.source,
            t!(LANGUAGE, "material-check"),
            material.check
        );
        let x = flow.left() + HANG;
        let width = flow.width() - HANG;
        flow.text(x, width, small.color(Color::GRAY), 14.5, &detail);
        flow.gap(2.0);
    }
    flow.gap(4.0);

    if !item.steps.is_empty() {
        // The chart is kept whole, with its label: it moves to the next page when it does not
        // fit here. Only a chart taller than a whole page breaks, between two boxes.
        let chart = chart_height(flow, &item.steps);
        let full_page = body_flow().room();
        if LEADING + chart <= full_page {
            flow.keep(LEADING + chart);
        }
        label(flow, &t!(LANGUAGE, "item-procedure"));
        flow_chart(flow, &item.steps, item.number);
        flow.gap(6.0);
    }

    if !item.legal_basis.is_empty() {
        label(flow, &t!(LANGUAGE, "item-legal-basis"));
        for (index, basis) in item.legal_basis.iter().enumerate() {
            numbered(flow, index + 1, small, basis);
        }
    }
    if item.unverified {
        unverified_note(flow);
    }
    let contact = Style::regular(9.0).color(Color::GRAY);
    flow.keep(16.0);
    let (x, width) = (flow.left(), flow.width());
    flow.text(
        x,
        width,
        contact,
        15.0,
        &format!(
            "{}{}　　{}{}",
            t!(LANGUAGE, "item-consult-phone"),
            item.consult_phone,
            t!(LANGUAGE, "item-supervision-phone"),
            item.supervision_phone
        ),
    );
    start
}

/// Department, window, time limits, fee and visits as a two-column table.
fn facts(content: &Content, item: &ServiceItem, style: Style) -> Vec<Vec<Cell>> {
    let window = match content.windows.iter().find(|w| w.number == item.window) {
        Some(window) => t!(
            LANGUAGE,
            "item-window-named",
            number = window.number.to_string(),
            name = window.name.as_str()
        ),
        None => t!(
            LANGUAGE,
            "item-window-number",
            number = item.window.to_string()
        ),
    };
    let promise = match item.kind {
        crate::domain::ItemKind::Instant => t!(LANGUAGE, "item-instant"),
        crate::domain::ItemKind::Promised => t!(
            LANGUAGE,
            "item-promised",
            days = item.promised_days.to_string()
        ),
    };
    let legal = match item.legal_days {
        Some(days) => t!(LANGUAGE, "item-legal-days", days = days.to_string()),
        None => t!(LANGUAGE, "item-legal-none"),
    };
    let mut fee = if item.fee_yuan == 0 {
        t!(LANGUAGE, "item-fee-free")
    } else {
        t!(LANGUAGE, "item-fee-yuan", yuan = item.fee_yuan.to_string())
    };
    let has_note = item.fee_note.is_some();
    if let Some(note) = &item.fee_note {
        fee = format!("{fee}（{note}）");
    }
    let cell = |label: String, value: String| Cell::new(label, value, style);
    let visits = t!(
        LANGUAGE,
        "item-visits-count",
        visits = item.visits.to_string()
    );
    let mut rows = vec![
        vec![cell(
            t!(LANGUAGE, "handbook-item-department"),
            item.department.clone(),
        )],
        vec![cell(t!(LANGUAGE, "handbook-item-window"), window)],
        vec![
            cell(t!(LANGUAGE, "handbook-item-limit"), promise),
            cell(t!(LANGUAGE, "handbook-item-legal"), legal),
        ],
    ];
    let fee = cell(t!(LANGUAGE, "handbook-item-fee"), fee);
    let visits = cell(t!(LANGUAGE, "handbook-item-visits"), visits);
    // A fee with a note needs the whole width.
    if has_note {
        rows.extend([vec![visits], vec![fee]]);
    } else {
        rows.push(vec![visits, fee]);
    }
    rows
}

/// Where a numbered line's text starts, right of its number.
const HANG: f32 = 16.0;

fn numbered(flow: &mut Flow, number: usize, style: Style, text: &str) {
    flow.entry(
        &format!("{number}."),
        Style::bold(style.size).color(Color::RED),
        HANG,
        style,
        LEADING * style.size / BODY,
        text,
    );
}

const CHART_PAD: f32 = 5.0;
const CHART_ARROW: f32 = 14.0;
const CHART_INDENT: f32 = 10.0;
const CHART_DETAIL_LEADING: f32 = 15.0;
const CHART_TITLE_LEADING: f32 = 15.0;

fn chart_detail() -> Style {
    Style::regular(10.5)
}

/// A step's box: its detail's lines and its height.
fn chart_box(flow: &Flow, step: &Step) -> (Vec<super::super::linebreak::Line>, f32) {
    let width = flow.width() - 2.0 * CHART_INDENT;
    let inner = width - 2.0 * CHART_PAD - 20.0;
    let lines = chart_detail().wrap(&step.detail, &WrapOptions::justified(inner));
    let height =
        2.0 * CHART_PAD + CHART_TITLE_LEADING + 12.0 + lines.len() as f32 * CHART_DETAIL_LEADING;
    (lines, height)
}

/// The whole chart's height: its boxes and the arrows between them.
fn chart_height(flow: &Flow, steps: &[Step]) -> f32 {
    let boxes: f32 = steps.iter().map(|step| chart_box(flow, step).1).sum();
    boxes + CHART_ARROW * steps.len().saturating_sub(1) as f32
}

/// The procedure top to bottom: a box per step (number, title, days, who, what), joined by
/// arrows. A box is never split across pages; on a new page the arrow comes down from the top.
/// Each box is tagged as part of figure `figure`.
fn flow_chart(flow: &mut Flow, steps: &[Step], figure: u32) {
    const PAD: f32 = CHART_PAD;
    const ARROW: f32 = CHART_ARROW;
    let indent = CHART_INDENT;
    let title = Style::bold(10.5);
    let actor = Style::regular(9.0).color(Color::GRAY);
    let detail = chart_detail();
    let (detail_leading, title_leading) = (CHART_DETAIL_LEADING, CHART_TITLE_LEADING);
    for (index, step) in steps.iter().enumerate() {
        let x = flow.left() + indent;
        let width = flow.width() - 2.0 * indent;
        let inner = width - 2.0 * PAD - 20.0;
        let (lines, height) = chart_box(flow, step);
        let arrow = if index > 0 { ARROW } else { 0.0 };
        flow.keep(arrow + height);
        if index > 0 {
            let center = x + width / 2.0;
            let top = flow.y;
            down_arrow(flow.page(), center, top, top - ARROW);
            flow.gap(ARROW);
        }
        let top = flow.y;
        let page = flow.page();
        page.tag(Role::Figure(figure), top, top - height);
        page.fill(x, top - height, width, height, Color::TINT);
        page.frame(x, top - height, width, height, 0.8, Color::RED);
        // The step's number in a red square at the left.
        let number_style = Style::bold(9.0).color(Color::WHITE);
        page.fill(x, top - height, 16.0, height, Color::RED);
        page.text(
            x + 8.0,
            top - height / 2.0 - 3.0,
            number_style,
            Align::Center,
            &(index + 1).to_string(),
        );
        let text_x = x + 16.0 + PAD;
        let mut y = top - PAD - baseline_offset(title, title_leading);
        page.text(text_x, y, title, Align::Left, &step.title);
        if let Some(days) = step.days.filter(|&days| days > 0) {
            page.text(
                x + width - PAD,
                y,
                Style::regular(8.5).color(Color::RED),
                Align::Right,
                &t!(LANGUAGE, "flow-step-days", days = days.to_string()),
            );
        }
        y -= 12.5;
        let who = t!(LANGUAGE, "flow-step-actor", actor = step.actor.as_str());
        page.text(text_x, y, actor.fitted(&who, inner, 6.5), Align::Left, &who);
        y -= detail_leading;
        page.lines(text_x, y, detail, detail_leading, &lines);
        flow.gap(height);
    }
}

/// A vertical arrow from `top` down to `bottom`, its head a filled chevron of two strokes.
fn down_arrow(page: &mut Page, x: f32, top: f32, bottom: f32) {
    let red = Color::RED;
    page.rule((x, top - 1.0), (x, bottom + 1.0), 1.0, red);
    page.rule((x, bottom), (x - 4.0, bottom + 5.0), 1.0, red);
    page.rule((x, bottom), (x + 4.0, bottom + 5.0), 1.0, red);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::page::{A5, Mark, mm};

    fn document() -> (Content, Document) {
        let content = crate::content::shipped().unwrap();
        let document = service_handbook_document(&content, crate::clock::now());
        (content, document)
    }

    fn text_of(page: &Page) -> String {
        page.text_runs()
            .map(|run| run.text.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn every_item_starts_on_the_page_the_contents_give() {
        let (content, document) = document();
        let contents: Vec<String> = document.pages[1..4].iter().map(text_of).collect();
        let contents = contents.join("|");
        let runs: Vec<&str> = contents.split('|').collect();
        for item in &content.items {
            // Marker, name (cut with … when long), page.
            let marker = format!("{:02}", item.number);
            let head: String = item.name.chars().take(6).collect();
            let at = runs
                .windows(2)
                .position(|pair| pair[0] == marker && pair[1].starts_with(&head))
                .unwrap_or_else(|| panic!("{} not in the contents", item.name));
            let page: usize = runs[at + 2].parse().unwrap();
            let section = text_of(&document.pages[page - 1]);
            assert!(
                section.contains(&format!("{marker}|{head}")),
                "{} is not on page {page}",
                item.name
            );
        }
    }

    #[test]
    fn every_material_and_step_is_printed() {
        let (content, document) = document();
        let all: String = document.pages.iter().map(text_of).collect();
        for item in &content.items {
            for material in &item.materials {
                assert!(all.contains(&material.name), "{}", material.name);
            }
            for step in &item.steps {
                assert!(all.contains(&step.title), "{}", step.title);
            }
        }
        assert!(all.contains("首问负责"));
    }

    #[test]
    fn nothing_runs_past_the_margins_and_every_step_box_stays_on_its_page() {
        let (_, document) = document();
        for page in &document.pages[1..] {
            for run in page.text_runs() {
                let width = crate::print::metrics::FaceMetrics::of(run.weight)
                    .width(&run.text, run.size)
                    + run.stretch * run.stretch_before.len() as f32;
                assert!(run.x >= mm(10.0) - 0.01, "{:?}", run.text);
                assert!(run.x + width <= A5.0 - mm(10.0) + 0.01, "{:?}", run.text);
                assert!(
                    run.y >= mm(8.0) && run.y <= A5.1 - mm(8.0),
                    "{:?}",
                    run.text
                );
            }
            for mark in &page.marks {
                if let Mark::Rect { y, height, .. } = mark {
                    assert!(*y >= mm(17.0) - 0.01, "a box runs into the foot: {y}");
                    assert!(
                        y + height <= A5.1 - mm(19.0) + 0.01,
                        "a box runs into the head"
                    );
                }
            }
        }
    }

    #[test]
    fn the_flow_chart_joins_its_boxes_with_arrows() {
        let steps: Vec<Step> = (1..=4)
            .map(|n| Step {
                title: format!("第{n}步"),
                actor: "窗口".into(),
                detail: "核对材料，材料齐全的当场受理。".into(),
                days: Some(n),
            })
            .collect();
        let mut flow = body_flow();
        flow_chart(&mut flow, &steps, 1);
        let page = &flow.pages[0];
        let frames = page
            .marks
            .iter()
            .filter(|mark| {
                matches!(
                    mark,
                    Mark::Rect {
                        stroke: Some(_),
                        ..
                    }
                )
            })
            .count();
        let strokes = page
            .marks
            .iter()
            .filter(|mark| matches!(mark, Mark::Rule { .. }))
            .count();
        assert_eq!(frames, 4);
        // Three arrows of a shaft and two head strokes each.
        assert_eq!(strokes, 9);
    }
}
