//! Renders a [`Document`] to PDF with printpdf: the bundled font embedded as a subset (only the
//! glyphs used), text at absolute positions, QR modules as filled rectangles. A character the
//! bundled font lacks is set in the installed face that draws it ([`super::fallback`]), embedded
//! as a subset of its own.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::{Datelike, Timelike};
use printpdf::{
    Color as PdfColor, Date, DateTime, FontId, Line as PdfLine, LineDashPattern, LinePoint, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, Time,
};

use super::PrintError;
use super::fallback;
use super::metrics::{FaceMetrics, Weight};
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
    let installed = installed_fonts(document, &mut pdf)?;
    let font_of = |face: Face| match face {
        Face::Bundled(Weight::Regular) => regular.clone(),
        Face::Bundled(Weight::Bold) => bold.clone(),
        Face::Installed(address) => installed.get(&address).cloned(),
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

/// The font a piece of text is set in: a bundled face, or an installed face (by its address,
/// unique per process: faces are mapped once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Face {
    Bundled(Weight),
    Installed(usize),
}

fn face_of(ch: char, weight: Weight) -> Face {
    if FaceMetrics::of(weight).covers(ch) {
        return Face::Bundled(weight);
    }
    match fallback::face_for(ch, weight) {
        Some(face) => Face::Installed(std::ptr::from_ref(face) as usize),
        // Unreachable for a document that passed `missing_glyphs`; .notdef otherwise.
        None => Face::Bundled(weight),
    }
}

/// Each installed face the document's text needs, embedded as a subset of the characters set
/// in it.
fn installed_fonts(
    document: &Document,
    pdf: &mut PdfDocument,
) -> Result<HashMap<usize, FontId>, PrintError> {
    let mut needed: HashMap<usize, (&'static crate::glyphs::face::MappedFace, BTreeSet<char>)> =
        HashMap::new();
    for run in document.pages.iter().flat_map(Page::text_runs) {
        for ch in run.text.chars() {
            if FaceMetrics::of(run.weight).covers(ch) {
                continue;
            }
            if let Some(face) = fallback::face_for(ch, run.weight) {
                needed
                    .entry(std::ptr::from_ref(face) as usize)
                    .or_insert_with(|| (face, BTreeSet::new()))
                    .1
                    .insert(ch);
            }
        }
    }
    let mut ids = HashMap::with_capacity(needed.len());
    for (address, (face, characters)) in needed {
        let font = fallback::embeddable(face, &characters).map_err(|detail| {
            tracing::error!(%detail, "a rare character's font cannot be embedded");
            PrintError::Pdf(detail)
        })?;
        ids.insert(address, pdf.add_font(&font));
    }
    Ok(ids)
}

fn page_ops(page: &Page, font_of: &impl Fn(Face) -> Option<FontId>) -> Vec<Op> {
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
    font: Option<(Face, f32)>,
    color: Option<Color>,
}

/// Stretches of a run set in one face: byte ranges of its text.
fn pieces(run: &TextRun) -> Vec<(Face, usize, usize)> {
    let mut pieces: Vec<(Face, usize, usize)> = Vec::new();
    for (at, ch) in run.text.char_indices() {
        let face = face_of(ch, run.weight);
        let end = at + ch.len_utf8();
        match pieces.last_mut() {
            Some((last, _, last_end)) if *last == face => *last_end = end,
            _ => pieces.push((face, at, end)),
        }
    }
    pieces
}

fn show_text(
    ops: &mut Vec<Op>,
    state: &mut TextState,
    run: &TextRun,
    font_of: &impl Fn(Face) -> Option<FontId>,
) {
    if run.text.is_empty() {
        return;
    }
    if state.color != Some(run.color) {
        ops.push(Op::SetFillColor {
            col: pdf_color(run.color),
        });
        state.color = Some(run.color);
    }
    let metrics = FaceMetrics::of(run.weight);
    for (face, start, end) in pieces(run) {
        if state.font != Some((face, run.size)) {
            if let Some(font) = font_of(face) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font),
                    size: Pt(run.size),
                });
            }
            state.font = Some((face, run.size));
        }
        // Where the piece starts: the advances before it and the space justification added.
        let stretched = run.stretch_before.iter().filter(|&&at| at <= start).count();
        let x =
            run.x + metrics.width(&run.text[..start], run.size) + run.stretch * stretched as f32;
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(run.y)),
        });
        ops.push(Op::ShowText {
            items: text_items(run, start, end),
        });
    }
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

/// The run's text from byte `start` to `end`, split where justification adds space inside it
/// (in thousandths of an em; negative moves right).
fn text_items(run: &TextRun, start: usize, end: usize) -> Vec<TextItem> {
    let inside: Vec<usize> = run
        .stretch_before
        .iter()
        .copied()
        .filter(|&at| at > start && at < end)
        .collect();
    if run.stretch == 0.0 || inside.is_empty() {
        return vec![TextItem::Text(run.text[start..end].to_owned())];
    }
    let offset = -run.stretch * 1000.0 / run.size;
    let mut items = Vec::with_capacity(inside.len() * 2 + 1);
    let mut from = start;
    for at in inside {
        items.push(TextItem::Text(run.text[from..at].to_owned()));
        items.push(TextItem::Offset(offset));
        from = at;
    }
    items.push(TextItem::Text(run.text[from..end].to_owned()));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, stretch: f32, stretch_before: Vec<usize>) -> TextRun {
        TextRun {
            x: 100.0,
            y: 50.0,
            weight: Weight::Regular,
            size: 10.0,
            color: Color::BLACK,
            text: text.to_owned(),
            stretch,
            stretch_before,
        }
    }

    fn placed(ops: &[Op]) -> Vec<f32> {
        ops.iter()
            .filter_map(|op| match op {
                Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(x, _),
                } => Some(x.0),
                _ => None,
            })
            .collect()
    }

    /// Needs Debian's fonts-hanazono (tests/prepare).
    #[test]
    fn a_rare_character_is_a_piece_of_its_own_placed_after_the_advances_and_spacing_before_it() {
        // 王 (bundled), 𪚥 (installed), 明 (bundled); 2 pt added before 𪚥 and before 明.
        let run = run("王𪚥明", 2.0, vec![3, 7]);
        let faces: Vec<(bool, usize, usize)> = pieces(&run)
            .into_iter()
            .map(|(face, start, end)| (matches!(face, Face::Bundled(_)), start, end))
            .collect();
        assert_eq!(faces, [(true, 0, 3), (false, 3, 7), (true, 7, 10)]);
        let mut ops = Vec::new();
        show_text(&mut ops, &mut TextState::default(), &run, &|_| None);
        let metrics = FaceMetrics::of(Weight::Regular);
        let (wang, long) = (metrics.advance('王', 10.0), metrics.advance('𪚥', 10.0));
        let xs = placed(&ops);
        assert_eq!(xs.len(), 3);
        assert!((xs[0] - 100.0).abs() < 0.01, "{xs:?}");
        assert!((xs[1] - (100.0 + wang + 2.0)).abs() < 0.01, "{xs:?}");
        assert!((xs[2] - (100.0 + wang + long + 4.0)).abs() < 0.01, "{xs:?}");
        // The spacing at a piece's start is in its place; none is left inside these pieces.
        assert!(!ops.iter().any(|op| matches!(
            op,
            Op::ShowText { items } if items.iter().any(|item| matches!(item, TextItem::Offset(_)))
        )));
    }

    #[test]
    fn justification_inside_a_piece_stays_in_its_text() {
        let run = run("便民服务", 1.5, vec![3, 6, 9]);
        let mut ops = Vec::new();
        show_text(&mut ops, &mut TextState::default(), &run, &|_| None);
        assert_eq!(placed(&ops), [100.0]);
        let items = ops
            .iter()
            .find_map(|op| match op {
                Op::ShowText { items } => Some(items.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            items.len(),
            7,
            "four characters and three offsets: {items:?}"
        );
        assert!(matches!(items[1], TextItem::Offset(offset) if (offset + 150.0).abs() < 0.01));
    }
}
