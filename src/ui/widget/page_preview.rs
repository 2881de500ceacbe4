//! A printed page on screen, drawn from the same page model ([`print::page`]) the PDF is drawn
//! from: no second layout. Points are scaled to fit the widget, the page centred on a white
//! sheet; PDF y grows upward from the page's bottom, the screen's downward from the top.
//!
//! [`shapes`] is the whole mapping (pure, unit-tested); the canvas only paints what it returns,
//! cached until the page or the widget's size changes.
//!
//! [`print::page`]: crate::print::page

use std::cell::Cell;
use std::sync::LazyLock;

use iced::mouse;
use iced::widget::canvas::{self, Cache, Frame, Geometry, LineDash, Path, Stroke, Text};
use iced::widget::{Canvas, text::LineHeight};
use iced::{Color, Element, Length, Pixels, Point, Rectangle, Renderer, Size, Theme};

use crate::print::metrics::{FaceMetrics, Weight};
use crate::print::page::{Color as Ink, Mark, Page, TextRun};
use crate::ui::fonts;
use crate::ui::theme;

/// The page preview, `height` pixels tall and as wide as its parent allows. `key` names what
/// is shown (document and page): the drawing is redone only when it changes.
pub fn page_preview<'a, M: 'a>(page: &'a Page, key: u64, height: f32) -> Element<'a, M> {
    Canvas::new(PagePreview { page, key })
        .width(Length::Fill)
        .height(height)
        .into()
}

/// Where a page lands in a box: scaled to fit with a small margin, centred.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Pixels per point.
    pub scale: f32,
    /// The page's top-left corner on screen.
    pub left: f32,
    pub top: f32,
    /// The page's height in points (the PDF's y runs up from it).
    pub page_height: f32,
}

/// Pixels kept free around the sheet, for its border.
const MARGIN: f32 = 4.0;

impl Placement {
    pub fn fit(page: &Page, bounds: Size) -> Placement {
        let room = Size::new(
            (bounds.width - 2.0 * MARGIN).max(1.0),
            (bounds.height - 2.0 * MARGIN).max(1.0),
        );
        let scale = (room.width / page.width.max(1.0)).min(room.height / page.height.max(1.0));
        Placement {
            scale,
            left: (bounds.width - page.width * scale) / 2.0,
            top: (bounds.height - page.height * scale) / 2.0,
            page_height: page.height,
        }
    }

    /// A point of the page (points, from the bottom-left) on screen.
    pub fn point(&self, (x, y): (f32, f32)) -> Point {
        Point::new(
            self.left + x * self.scale,
            self.top + (self.page_height - y) * self.scale,
        )
    }

    /// A rectangle given by its bottom-left corner, on screen.
    pub fn rect(&self, x: f32, y: f32, width: f32, height: f32) -> Rectangle {
        let top_left = self.point((x, y + height));
        Rectangle::new(top_left, Size::new(width * self.scale, height * self.scale))
    }
}

/// One thing the preview paints, in pixels; `mark` is the index of the page mark it comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A piece of a text run: its top-left corner, its baseline and its size in pixels.
    Text {
        mark: usize,
        top_left: Point,
        baseline: f32,
        size: f32,
        weight: Weight,
        color: Color,
        text: String,
    },
    Line {
        mark: usize,
        from: Point,
        to: Point,
        width: f32,
        color: Color,
        dash: Option<f32>,
    },
    Rect {
        mark: usize,
        rect: Rectangle,
        fill: Option<Color>,
        stroke: Option<(f32, Color)>,
    },
    Circle {
        mark: usize,
        center: Point,
        radius: f32,
        width: f32,
        color: Color,
        dash: Option<f32>,
    },
    /// A run of dark QR modules.
    Module { mark: usize, rect: Rectangle },
}

impl Shape {
    pub fn mark(&self) -> usize {
        match self {
            Shape::Text { mark, .. }
            | Shape::Line { mark, .. }
            | Shape::Rect { mark, .. }
            | Shape::Circle { mark, .. }
            | Shape::Module { mark, .. } => *mark,
        }
    }
}

/// Ascender and descender (negative) of a face, in ems: what the text engine uses to place a
/// line's baseline in its box.
fn vertical_metrics(weight: Weight) -> (f32, f32) {
    static REGULAR: LazyLock<(f32, f32)> = LazyLock::new(|| read_metrics(fonts::REGULAR_BYTES));
    static BOLD: LazyLock<(f32, f32)> = LazyLock::new(|| read_metrics(fonts::BOLD_BYTES));
    match weight {
        Weight::Regular => *REGULAR,
        Weight::Bold => *BOLD,
    }
}

fn read_metrics(bytes: &[u8]) -> (f32, f32) {
    match ttf_parser::Face::parse(bytes, 0) {
        Ok(face) => {
            let em = f32::from(face.units_per_em());
            (
                f32::from(face.ascender()) / em,
                f32::from(face.descender()) / em,
            )
        }
        // The bundled fonts are tested to parse; these are Noto Sans CJK's own figures.
        Err(_) => (1.16, -0.288),
    }
}

fn color(ink: Ink) -> Color {
    Color::from_rgb(ink.r, ink.g, ink.b)
}

/// Everything the preview paints for `page` in a box of `bounds`: shapes first, text on top,
/// as the PDF draws them.
pub fn shapes(page: &Page, bounds: Size) -> (Placement, Vec<Shape>) {
    let at = Placement::fit(page, bounds);
    let s = at.scale;
    let mut shapes = Vec::with_capacity(page.marks.len());
    for (mark, item) in page.marks.iter().enumerate() {
        match item {
            Mark::Text(_) => {}
            Mark::Rule {
                from,
                to,
                width,
                color: ink,
                dash,
            } => shapes.push(Shape::Line {
                mark,
                from: at.point(*from),
                to: at.point(*to),
                width: width * s,
                color: color(*ink),
                dash: dash.map(|length| length * s),
            }),
            Mark::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => shapes.push(Shape::Rect {
                mark,
                rect: at.rect(*x, *y, *width, *height),
                fill: fill.map(color),
                stroke: stroke.map(|(line, ink)| (line * s, color(ink))),
            }),
            Mark::Circle {
                center,
                radius,
                width,
                color: ink,
                dash,
            } => shapes.push(Shape::Circle {
                mark,
                center: at.point(*center),
                radius: radius * s,
                width: width * s,
                color: color(*ink),
                dash: dash.map(|length| length * s),
            }),
            Mark::Qr {
                x,
                y,
                module,
                matrix,
            } => {
                let top = y + module * matrix.size as f32;
                for (row, column, width, height) in matrix.dark_rects() {
                    shapes.push(Shape::Module {
                        mark,
                        rect: at.rect(
                            x + module * column as f32,
                            top - module * (row + height) as f32,
                            module * width as f32,
                            module * height as f32,
                        ),
                    });
                }
            }
        }
    }
    for (mark, item) in page.marks.iter().enumerate() {
        if let Mark::Text(run) = item {
            text_shapes(&at, mark, run, &mut shapes);
        }
    }
    (at, shapes)
}

/// A run, split where justification adds space, each piece placed by the font's own advances
/// (the ones the line breaker and the PDF use).
fn text_shapes(at: &Placement, mark: usize, run: &TextRun, shapes: &mut Vec<Shape>) {
    if run.text.is_empty() {
        return;
    }
    let face = FaceMetrics::of(run.weight);
    let (ascent, _) = vertical_metrics(run.weight);
    let size = run.size * at.scale;
    let baseline = at.point((run.x, run.y)).y;
    let mut starts: Vec<usize> = vec![0];
    if run.stretch != 0.0 {
        starts.extend(
            run.stretch_before
                .iter()
                .copied()
                .filter(|&at| at > 0 && at < run.text.len() && run.text.is_char_boundary(at)),
        );
    }
    starts.dedup();
    for (gaps, window) in starts.iter().enumerate() {
        let start = *window;
        let end = starts.get(gaps + 1).copied().unwrap_or(run.text.len());
        let piece = &run.text[start..end];
        if piece.trim().is_empty() {
            continue;
        }
        let x = run.x + face.width(&run.text[..start], run.size) + run.stretch * gaps as f32;
        shapes.push(Shape::Text {
            mark,
            top_left: Point::new(at.point((x, run.y)).x, baseline - ascent * size),
            baseline,
            size,
            weight: run.weight,
            color: color(run.color),
            text: piece.to_owned(),
        });
    }
}

struct PagePreview<'a> {
    page: &'a Page,
    key: u64,
}

/// The drawn page, kept between frames, and what it was drawn for.
#[derive(Default)]
pub struct PreviewState {
    cache: Cache,
    drawn: Cell<Option<u64>>,
}

impl<M> canvas::Program<M> for PagePreview<'_> {
    type State = PreviewState;

    fn draw(
        &self,
        state: &PreviewState,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        if state.drawn.get() != Some(self.key) {
            state.cache.clear();
            state.drawn.set(Some(self.key));
        }
        let geometry = state.cache.draw(renderer, bounds.size(), |frame| {
            paint(frame, self.page, bounds.size());
        });
        vec![geometry]
    }
}

fn paint(frame: &mut Frame, page: &Page, bounds: Size) {
    let (at, shapes) = shapes(page, bounds);
    let sheet = Rectangle::new(
        Point::new(at.left, at.top),
        Size::new(page.width * at.scale, page.height * at.scale),
    );
    // A soft shadow, the white sheet, and its edge.
    frame.fill_rectangle(
        sheet.position() + iced::Vector::new(2.0, 2.0),
        sheet.size(),
        Color {
            a: 0.25,
            ..theme::BORDER
        },
    );
    frame.fill_rectangle(sheet.position(), sheet.size(), Color::WHITE);
    frame.stroke_rectangle(
        sheet.position(),
        sheet.size(),
        Stroke::default().with_width(1.0).with_color(theme::BORDER),
    );
    for shape in shapes {
        match shape {
            Shape::Line {
                from,
                to,
                width,
                color,
                dash,
                ..
            } => {
                let segments = dash.map(|length| [length, length]);
                frame.stroke(
                    &Path::line(from, to),
                    stroke(width, color, segments.as_ref().map(|s| &s[..])),
                );
            }
            Shape::Rect {
                rect,
                fill,
                stroke: outline,
                ..
            } => {
                if let Some(fill) = fill {
                    frame.fill_rectangle(rect.position(), rect.size(), fill);
                }
                if let Some((width, color)) = outline {
                    frame.stroke_rectangle(
                        rect.position(),
                        rect.size(),
                        stroke(width, color, None),
                    );
                }
            }
            Shape::Circle {
                center,
                radius,
                width,
                color,
                dash,
                ..
            } => {
                let segments = dash.map(|length| [length, length]);
                frame.stroke(
                    &Path::circle(center, radius),
                    stroke(width, color, segments.as_ref().map(|s| &s[..])),
                );
            }
            Shape::Module { rect, .. } => {
                frame.fill_rectangle(rect.position(), rect.size(), Color::BLACK);
            }
            Shape::Text {
                top_left,
                size,
                weight,
                color,
                text,
                ..
            } => {
                let (ascent, descent) = vertical_metrics(weight);
                frame.fill_text(Text {
                    content: text,
                    position: top_left,
                    color,
                    size: Pixels(size),
                    // A box exactly ascent + descent tall puts the baseline `ascent` below its top.
                    line_height: LineHeight::Absolute(Pixels(size * (ascent - descent))),
                    font: match weight {
                        Weight::Regular => fonts::REGULAR,
                        Weight::Bold => fonts::BOLD,
                    },
                    ..Text::default()
                });
            }
        }
    }
}

/// A stroke at least a hairline wide, so thin rules stay visible when the page is small.
fn stroke(width: f32, color: Color, dash: Option<&[f32]>) -> Stroke<'_> {
    Stroke {
        line_dash: dash.map_or_else(LineDash::default, |segments| LineDash {
            segments,
            offset: 0,
        }),
        ..Stroke::default()
            .with_width(width.max(0.5))
            .with_color(color)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::page::{A5, Align, Style};
    use crate::print::qr::QrMatrix;

    fn every_kind_of_mark() -> Page {
        let mut page = Page::new(A5);
        let (width, height) = A5;
        page.text(
            20.0,
            height - 30.0,
            Style::bold(16.0),
            Align::Left,
            "受理回执",
        );
        page.text_spaced(
            20.0,
            100.0,
            Style::regular(10.0),
            Align::Left,
            "便民服务",
            3.0,
        );
        page.rule((20.0, 200.0), (width - 20.0, 200.0), 0.8, Ink::GRAY);
        page.dashed((20.0, 180.0), (width - 20.0, 180.0), 0.5, Ink::GRAY);
        page.fill(10.0, 10.0, 50.0, 20.0, Ink::TINT);
        page.frame(10.0, 40.0, 50.0, 20.0, 1.0, Ink::RED);
        page.dashed_circle((300.0, 100.0), 30.0, 1.0, Ink::RED);
        page.qr(
            300.0,
            300.0,
            60.0,
            QrMatrix::encode("BIANMIN:CASE:1").expect("encodes"),
        );
        page
    }

    #[test]
    fn every_mark_of_a_page_is_drawn() {
        let page = every_kind_of_mark();
        let (_, shapes) = shapes(&page, Size::new(400.0, 500.0));
        for index in 0..page.marks.len() {
            assert!(
                shapes.iter().any(|shape| shape.mark() == index),
                "mark {index} ({:?}) is not drawn",
                page.marks[index]
            );
        }
        // Text is painted last, over the shapes, as in the PDF.
        let first_text = shapes
            .iter()
            .position(|shape| matches!(shape, Shape::Text { .. }))
            .unwrap();
        assert!(
            shapes[first_text..]
                .iter()
                .all(|shape| matches!(shape, Shape::Text { .. }))
        );
        // The spaced title is set character by character, each a little further right.
        let spaced: Vec<f32> = shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Text {
                    mark: 1, top_left, ..
                } => Some(top_left.x),
                _ => None,
            })
            .collect();
        assert_eq!(spaced.len(), 4);
        assert!(spaced.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn the_page_top_is_at_the_top_of_the_preview_and_the_page_fits() {
        let page = every_kind_of_mark();
        let bounds = Size::new(400.0, 500.0);
        let (at, shapes) = shapes(&page, bounds);
        // Scaled to fit, centred, aspect kept.
        assert!(page.width * at.scale <= bounds.width && page.height * at.scale <= bounds.height);
        assert!((at.top - (bounds.height - page.height * at.scale) / 2.0).abs() < 0.01);

        let Some(Shape::Text {
            top_left,
            baseline,
            size,
            ..
        }) = shapes.iter().find(|shape| shape.mark() == 0)
        else {
            panic!("the title is drawn as text");
        };
        // 30 points below the page top: its baseline is 30 × scale pixels below the sheet's top.
        assert!((baseline - (at.top + 30.0 * at.scale)).abs() < 0.01);
        assert!(top_left.y < *baseline && top_left.y > at.top);
        assert!((*baseline - top_left.y - size * 1.16).abs() < size * 0.2);
        assert!((top_left.x - (at.left + 20.0 * at.scale)).abs() < 0.01);

        // The fill at the page's bottom-left is at the bottom-left of the sheet.
        let Some(Shape::Rect { rect, .. }) = shapes.iter().find(|shape| shape.mark() == 4) else {
            panic!("the fill is drawn");
        };
        let sheet_bottom = at.top + page.height * at.scale;
        assert!((rect.y + rect.height - (sheet_bottom - 10.0 * at.scale)).abs() < 0.01);
        assert!((rect.x - (at.left + 10.0 * at.scale)).abs() < 0.01);

        // Every drawn point lies on the sheet.
        for shape in &shapes {
            let point = match shape {
                Shape::Text { top_left, .. } => *top_left,
                Shape::Line { from, .. } => *from,
                Shape::Rect { rect, .. } | Shape::Module { rect, .. } => rect.position(),
                Shape::Circle { center, .. } => *center,
            };
            assert!(
                point.x >= at.left - 0.01 && point.y >= at.top - 0.01,
                "{shape:?}"
            );
            assert!(
                point.x <= at.left + page.width * at.scale + 0.01,
                "{shape:?}"
            );
            assert!(
                point.y <= at.top + page.height * at.scale + 0.01,
                "{shape:?}"
            );
        }
    }

    #[test]
    fn qr_modules_keep_the_pdf_rows_top_down() {
        let mut page = Page::new(A5);
        let matrix = QrMatrix::encode("BIANMIN:CASE:1").unwrap();
        let size = matrix.size;
        page.qr(100.0, 100.0, 80.0, matrix.clone());
        let (at, shapes) = shapes(&page, Size::new(420.0, 595.0));
        // The finder pattern's top-left module is dark and at the code's top-left.
        assert!(matrix.is_dark(0, 0));
        let Mark::Qr { x, y, module, .. } = &page.marks[0] else {
            panic!()
        };
        let top_left = at.point((*x, *y + module * size as f32));
        assert!(shapes.iter().any(|shape| matches!(shape,
            Shape::Module { rect, .. }
                if (rect.x - top_left.x).abs() < 0.01 && (rect.y - top_left.y).abs() < 0.01)));
    }
}
