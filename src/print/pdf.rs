//! Renders a [`Document`] to PDF with printpdf: the bundled font embedded as a subset (only the
//! glyphs used), text at absolute positions, QR modules as filled rectangles.

use std::sync::LazyLock;

use chrono::{Datelike, Timelike};
use printpdf::{
    Color as PdfColor, Date, DateTime, FontId, Line as PdfLine, LineDashPattern, LinePoint, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, Time,
};

use super::PrintError;
use super::metrics::Weight;
use super::page::{Color, Document, Mark, Page, TextRun};
use crate::clock::Timestamp;
use crate::ui::fonts::{BOLD_BYTES, REGULAR_BYTES};

/// Parsing the 6 MB faces takes a while: it is done once per process.
static FONTS: LazyLock<Result<[ParsedFont; 2], String>> = LazyLock::new(|| {
    let parse = |bytes: &[u8], name: &str| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| format!("the bundled {name} font cannot be parsed"))
    };
    Ok([parse(REGULAR_BYTES, "regular")?, parse(BOLD_BYTES, "bold")?])
});

/// Parses the fonts now, so that the first document does not wait for them.
pub fn warm_up() {
    LazyLock::force(&FONTS);
}

/// The PDF bytes of `document`, or the characters it cannot draw.
pub fn render(document: &Document) -> Result<Vec<u8>, PrintError> {
    let missing = document.missing_glyphs();
    if !missing.is_empty() {
        return Err(PrintError::MissingGlyphs(missing));
    }
    let fonts = FONTS
        .as_ref()
        .map_err(|error| PrintError::Pdf(error.clone()))?;
    let mut pdf = PdfDocument::new(&document.title);
    let created = pdf_date(document.created);
    pdf.metadata.info.creation_date = created;
    pdf.metadata.info.modification_date = created;
    pdf.metadata.info.metadata_date = created;
    pdf.metadata.info.creator = format!("bianmin {}", env!("CARGO_PKG_VERSION"));
    pdf.metadata.info.producer = "printpdf".to_owned();

    let uses = |weight: Weight| {
        document
            .pages
            .iter()
            .flat_map(Page::text_runs)
            .any(|run| run.weight == weight)
    };
    let regular = uses(Weight::Regular).then(|| pdf.add_font(&fonts[0]));
    let bold = uses(Weight::Bold).then(|| pdf.add_font(&fonts[1]));
    let font_of = |weight: Weight| match weight {
        Weight::Regular => regular.clone(),
        Weight::Bold => bold.clone(),
    };

    let pages = document
        .pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Pt(page.width).into(),
                Pt(page.height).into(),
                page_ops(page, &font_of),
            )
        })
        .collect();
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let bytes = pdf.with_pages(pages).save(&options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|warning| warning.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PrintError::Pdf(error.msg.clone()));
    }
    Ok(bytes)
}

fn page_ops(page: &Page, font_of: &impl Fn(Weight) -> Option<FontId>) -> Vec<Op> {
    // In the order drawn, so what is drawn first lies underneath (the 示例 mark under the
    // content); runs of text in a row share one text section.
    let mut ops = Vec::new();
    let mut text: Option<TextState> = None;
    for mark in &page.marks {
        match mark {
            Mark::Text(run) => {
                let state = text.get_or_insert_with(|| {
                    ops.push(Op::StartTextSection);
                    TextState::default()
                });
                show_text(&mut ops, state, run, font_of);
            }
            shape => {
                if text.take().is_some() {
                    ops.push(Op::EndTextSection);
                }
                shape_ops(&mut ops, shape);
            }
        }
    }
    if text.is_some() {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The font and colour a text section has set so far.
#[derive(Default)]
struct TextState {
    font: Option<(Weight, f32)>,
    color: Option<Color>,
}

fn show_text(
    ops: &mut Vec<Op>,
    state: &mut TextState,
    run: &TextRun,
    font_of: &impl Fn(Weight) -> Option<FontId>,
) {
    if run.text.is_empty() {
        return;
    }
    if state.font != Some((run.weight, run.size)) {
        if let Some(font) = font_of(run.weight) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(run.size),
            });
        }
        state.font = Some((run.weight, run.size));
    }
    if state.color != Some(run.color) {
        ops.push(Op::SetFillColor {
            col: pdf_color(run.color),
        });
        state.color = Some(run.color);
    }
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(run.x), Pt(run.y)),
    });
    ops.push(Op::ShowText {
        items: text_items(run),
    });
}

/// The outline's colour, width and dashes (`dash`: on and off lengths) for the next line drawn.
fn pen(ops: &mut Vec<Op>, color: Color, width: f32, dash: Option<f32>) {
    ops.push(Op::SetOutlineColor {
        col: pdf_color(color),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    ops.push(Op::SetLineDashPattern {
        dash: match dash {
            Some(length) => LineDashPattern::new(0.0, &[length, length]),
            None => LineDashPattern::solid(),
        },
    });
}

fn shape_ops(ops: &mut Vec<Op>, mark: &Mark) {
    match mark {
        Mark::Text(_) => {}
        Mark::Rule {
            from,
            to,
            width,
            color,
            dash,
        } => {
            pen(ops, *color, *width, *dash);
            ops.push(Op::DrawLine {
                line: PdfLine {
                    points: vec![line_point(*from), line_point(*to)],
                    is_closed: false,
                },
            });
        }
        Mark::Circle {
            center,
            radius,
            width,
            color,
            dash,
        } => {
            pen(ops, *color, *width, *dash);
            ops.push(Op::DrawLine {
                line: circle(*center, *radius),
            });
        }
        Mark::Rect {
            x,
            y,
            width,
            height,
            fill,
            stroke,
        } => {
            if let Some(color) = fill {
                ops.push(Op::SetFillColor {
                    col: pdf_color(*color),
                });
                ops.push(rect(*x, *y, *width, *height, PaintMode::Fill));
            }
            if let Some((line, color)) = stroke {
                ops.push(Op::SetOutlineColor {
                    col: pdf_color(*color),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(*line) });
                ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::solid(),
                });
                ops.push(rect(*x, *y, *width, *height, PaintMode::Stroke));
            }
        }
        Mark::Qr {
            x,
            y,
            module,
            matrix,
        } => {
            ops.push(Op::SetFillColor {
                col: pdf_color(Color::rgb(0, 0, 0)),
            });
            let top = *y + *module * matrix.size as f32;
            for (row, column, width, height) in matrix.dark_rects() {
                ops.push(rect(
                    *x + *module * column as f32,
                    top - *module * (row + height) as f32,
                    *module * width as f32,
                    *module * height as f32,
                    PaintMode::Fill,
                ));
            }
        }
    }
}

/// The run's text, split where justification adds space (in thousandths of an em; negative
/// moves right).
fn text_items(run: &TextRun) -> Vec<TextItem> {
    if run.stretch == 0.0 || run.stretch_before.is_empty() {
        return vec![TextItem::Text(run.text.clone())];
    }
    let offset = -run.stretch * 1000.0 / run.size;
    let mut items = Vec::with_capacity(run.stretch_before.len() * 2 + 1);
    let mut start = 0;
    for &at in &run.stretch_before {
        if at > start {
            items.push(TextItem::Text(run.text[start..at].to_owned()));
        }
        items.push(TextItem::Offset(offset));
        start = at;
    }
    items.push(TextItem::Text(run.text[start..].to_owned()));
    items
}

fn rect(x: f32, y: f32, width: f32, height: f32, mode: PaintMode) -> Op {
    Op::DrawRectangle {
        rectangle: Rect {
            mode: Some(mode),
            ..Rect::from_xywh(Pt(x), Pt(y), Pt(width), Pt(height))
        },
    }
}

/// A circle as four cubic Béziers.
fn circle((cx, cy): (f32, f32), r: f32) -> PdfLine {
    // The usual control distance for a quarter circle.
    let k = 0.552_284_8 * r;
    let point = |x: f32, y: f32, bezier: bool| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier,
    };
    PdfLine {
        points: vec![
            point(cx + r, cy, false),
            point(cx + r, cy + k, true),
            point(cx + k, cy + r, true),
            point(cx, cy + r, false),
            point(cx - k, cy + r, true),
            point(cx - r, cy + k, true),
            point(cx - r, cy, false),
            point(cx - r, cy - k, true),
            point(cx - k, cy - r, true),
            point(cx, cy - r, false),
            point(cx + k, cy - r, true),
            point(cx + r, cy - k, true),
            point(cx + r, cy, false),
        ],
        is_closed: true,
    }
}

fn line_point((x, y): (f32, f32)) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn pdf_color(color: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: color.r,
        g: color.g,
        b: color.b,
        icc_profile: None,
    })
}

/// printpdf writes every date as UTC (`+00'00'`), so the time is converted to UTC first.
fn pdf_date(at: Timestamp) -> DateTime {
    let at = at.with_timezone(&chrono::Utc);
    DateTime {
        date: Date {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
        },
        time: Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}
