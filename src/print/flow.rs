//! Top-to-bottom flow of blocks over pages of one size: paragraphs, lists, label–value tables.
//! A block that does not fit starts a new page; wrapped text breaks between lines.

use super::linebreak::WrapOptions;
use super::page::{Color, Page, Role, Style};

/// Where the baseline of a line sits below the top of its line box, as a share of the size.
const BASELINE: f32 = 0.9;

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

pub struct Flow {
    pub pages: Vec<Page>,
    size: (f32, f32),
    pub margins: Margins,
    /// The top of the free space on the current page.
    pub y: f32,
}

impl Flow {
    pub fn new(size: (f32, f32), margins: Margins) -> Flow {
        Flow {
            pages: vec![Page::new(size)],
            size,
            margins,
            y: size.1 - margins.top,
        }
    }

    pub fn left(&self) -> f32 {
        self.margins.left
    }

    pub fn right(&self) -> f32 {
        self.size.0 - self.margins.right
    }

    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    /// Space left above the bottom margin.
    pub fn room(&self) -> f32 {
        self.y - self.margins.bottom
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(self.size));
        self.y = self.size.1 - self.margins.top;
    }

    /// Starts a new page unless `height` fits on this one.
    pub fn keep(&mut self, height: f32) {
        if height > self.room() && self.y < self.size.1 - self.margins.top {
            self.new_page();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// Wrapped text from `x` across `width`, lines `leading` apart; pages break between lines.
    pub fn text(&mut self, x: f32, width: f32, style: Style, leading: f32, text: &str) {
        self.wrapped(x, style, leading, text, &WrapOptions::ragged(width));
    }

    /// A justified paragraph with a two-em first-line indent across the full measure.
    pub fn paragraph(&mut self, style: Style, leading: f32, text: &str) {
        let options = WrapOptions::paragraph(self.width(), style.size);
        let x = self.left();
        self.wrapped(x, style, leading, text, &options);
    }

    pub fn wrapped(
        &mut self,
        x: f32,
        style: Style,
        leading: f32,
        text: &str,
        options: &WrapOptions,
    ) {
        for line in style.wrap(text, options) {
            self.keep(leading);
            let baseline = self.y - baseline_offset(style, leading);
            self.page()
                .lines(x, baseline, style, leading, std::slice::from_ref(&line));
            self.y -= leading;
        }
    }

    /// A numbered (or bulleted) entry: the marker in the margin, the text wrapped beside it.
    pub fn entry(
        &mut self,
        marker: &str,
        marker_style: Style,
        hang: f32,
        style: Style,
        leading: f32,
        text: &str,
    ) {
        let x = self.left();
        let lines = style.wrap(text, &WrapOptions::justified(self.width() - hang));
        for (index, line) in lines.iter().enumerate() {
            self.keep(leading);
            let baseline = self.y - baseline_offset(style, leading);
            if index == 0 {
                self.page()
                    .text(x, baseline, marker_style, super::page::Align::Left, marker);
            }
            self.page().lines(
                x + hang,
                baseline,
                style,
                leading,
                std::slice::from_ref(line),
            );
            self.y -= leading;
        }
    }

    /// A section heading: a short bar in the hall's colour, then the title.
    pub fn heading(&mut self, title: &str, style: Style, color: Color) {
        let leading = style.size * 1.6;
        // Keep the heading with at least two lines of what follows.
        self.keep(leading + 2.0 * style.size * 1.5);
        let baseline = self.y - baseline_offset(style, leading);
        let x = self.left();
        let top = self.y;
        self.page().tag(Role::Heading, top, top - leading);
        self.page()
            .fill(x, baseline - 1.0, 3.0, style.size * 0.95, color);
        self.page()
            .text(x + 7.0, baseline, style, super::page::Align::Left, title);
        self.y -= leading;
    }

    /// A table of labels and wrapped values; a row holds one or more label–value cells side by
    /// side, sharing the width. Rows are never split across pages.
    pub fn table(&mut self, rows: &[Vec<Cell>], label_width: f32, label: Style) {
        const PAD: f32 = 4.0;
        let x = self.left();
        let width = self.width();
        let label_leading = label.size * 1.4;
        for row in rows {
            let cell_width = width / row.len().max(1) as f32;
            let value_width = cell_width - label_width - 2.0 * PAD;
            let wrapped: Vec<_> = row
                .iter()
                .map(|cell| {
                    (
                        label.wrap(&cell.label, &WrapOptions::ragged(label_width - 2.0 * PAD)),
                        cell.style
                            .wrap_keeping_remark(&cell.value, &WrapOptions::ragged(value_width)),
                    )
                })
                .collect();
            let height = row
                .iter()
                .zip(&wrapped)
                .map(|(cell, (labels, values))| {
                    (values.len() as f32 * cell.style.size * 1.4)
                        .max(labels.len() as f32 * label_leading)
                })
                .fold(0.0, f32::max)
                + 2.0 * PAD;
            self.keep(height);
            let top = self.y;
            let bottom = top - height;
            let page = self.page();
            let line = |page: &mut Page, from: (f32, f32), to: (f32, f32)| {
                page.rule(from, to, 0.5, Color::LIGHT_GRAY);
            };
            for (index, (cell, (labels, values))) in row.iter().zip(&wrapped).enumerate() {
                let cell_x = x + index as f32 * cell_width;
                page.fill(cell_x, bottom, label_width, height, Color::TINT);
                line(page, (cell_x, top), (cell_x, bottom));
                line(
                    page,
                    (cell_x + label_width, top),
                    (cell_x + label_width, bottom),
                );
                let baseline = top - PAD - baseline_offset(label, label_leading);
                page.lines(cell_x + PAD, baseline, label, label_leading, labels);
                let leading = cell.style.size * 1.4;
                let baseline = top - PAD - baseline_offset(cell.style, leading);
                page.lines(
                    cell_x + label_width + PAD,
                    baseline,
                    cell.style,
                    leading,
                    values,
                );
            }
            line(page, (x, top), (x + width, top));
            line(page, (x, bottom), (x + width, bottom));
            line(page, (x + width, top), (x + width, bottom));
            self.y = bottom;
        }
    }
}

/// One label and its value in a table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub label: String,
    pub value: String,
    pub style: Style,
}

impl Cell {
    pub fn new(label: String, value: String, style: Style) -> Cell {
        Cell {
            label,
            value,
            style,
        }
    }
}

/// From the top of a line box to its baseline: half the extra leading, then the glyphs' height.
pub fn baseline_offset(style: Style, leading: f32) -> f32 {
    (leading - style.size) / 2.0 + style.size * BASELINE
}
