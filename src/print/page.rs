//! A small page model: text runs, rules, rectangles and QR codes at absolute positions, in
//! points from the bottom-left corner. Documents are laid out into it once; the PDF (and later a
//! screen preview) is drawn from it.

use crate::clock::Timestamp;

use super::linebreak::{Line, WrapOptions, is_no_line_end, wrap};
use super::metrics::{FaceMetrics, Weight};
use super::qr::{QUIET_ZONE, QrMatrix};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

pub fn mm(millimetres: f32) -> f32 {
    millimetres * MM
}

/// A5 portrait, in points.
pub const A5: (f32, f32) = (148.0 * MM, 210.0 * MM);
/// A4 portrait, in points.
pub const A4: (f32, f32) = (210.0 * MM, 297.0 * MM);

/// An RGB colour, each channel 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Color {
    pub const BLACK: Color = Color::rgb(0x1a, 0x1a, 0x1a);
    pub const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);
    /// Secondary text and thin rules.
    pub const GRAY: Color = Color::rgb(0x5f, 0x63, 0x68);
    pub const LIGHT_GRAY: Color = Color::rgb(0xc8, 0xcc, 0xd0);
    /// Table headings and bands.
    pub const TINT: Color = Color::rgb(0xf1, 0xf4, 0xf8);
    /// The hall's colour: the deep red of government service signage.
    pub const RED: Color = Color::rgb(0xb7, 0x1c, 0x1c);
    pub const RED_TINT: Color = Color::rgb(0xfb, 0xee, 0xec);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color {
            r: r as f32 / 255.0,
            g: g as f32 / 255.0,
            b: b as f32 / 255.0,
        }
    }
}

/// One line of text in one face and size, its baseline starting at (x, y).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub weight: Weight,
    pub size: f32,
    pub color: Color,
    pub text: String,
    /// Extra points added before each byte offset in `stretch_before` (justification).
    pub stretch: f32,
    pub stretch_before: Vec<usize>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text(TextRun),
    /// A straight stroke; `dash` is the dash and gap length.
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
        dash: Option<f32>,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Color>,
        stroke: Option<(f32, Color)>,
    },
    /// A circle's outline (the place for the hall's seal), dashed when `dash` is set.
    Circle {
        center: (f32, f32),
        radius: f32,
        width: f32,
        color: Color,
        dash: Option<f32>,
    },
    /// A QR code whose modules (quiet zone excluded) start at (x, y) bottom-left.
    Qr {
        x: f32,
        y: f32,
        module: f32,
        matrix: QrMatrix,
    },
}

impl Mark {
    /// The box the mark inks, as (left, bottom, right, top) in points; text from its baseline,
    /// the glyphs' ascent and descent taken as 0.88 and 0.12 of the size.
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Mark::Text(run) => {
                let width = FaceMetrics::of(run.weight).width(&run.text, run.size)
                    + run.stretch * run.stretch_before.len() as f32;
                (
                    run.x,
                    run.y - 0.12 * run.size,
                    run.x + width,
                    run.y + 0.88 * run.size,
                )
            }
            Mark::Rule {
                from, to, width, ..
            } => {
                let half = width / 2.0;
                (
                    from.0.min(to.0) - half,
                    from.1.min(to.1) - half,
                    from.0.max(to.0) + half,
                    from.1.max(to.1) + half,
                )
            }
            Mark::Rect {
                x,
                y,
                width,
                height,
                stroke,
                ..
            } => {
                let half = stroke.map_or(0.0, |(line, _)| line / 2.0);
                (x - half, y - half, x + width + half, y + height + half)
            }
            Mark::Circle {
                center,
                radius,
                width,
                ..
            } => {
                let r = radius + width / 2.0;
                (center.0 - r, center.1 - r, center.0 + r, center.1 + r)
            }
            Mark::Qr {
                x,
                y,
                module,
                matrix,
            } => {
                let side = module * matrix.size as f32;
                (*x, *y, x + side, y + side)
            }
        }
    }
}

/// Horizontal placement of a single-line text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Text style: face, size and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub weight: Weight,
    pub size: f32,
    pub color: Color,
}

impl Style {
    pub const fn regular(size: f32) -> Style {
        Style {
            weight: Weight::Regular,
            size,
            color: Color::BLACK,
        }
    }

    pub const fn bold(size: f32) -> Style {
        Style {
            weight: Weight::Bold,
            size,
            color: Color::BLACK,
        }
    }

    pub const fn color(self, color: Color) -> Style {
        Style { color, ..self }
    }

    /// This style, made smaller (down to `min` points) until `text` fits `width`.
    pub fn fitted(self, text: &str, width: f32, min: f32) -> Style {
        let at_size = self.width(text);
        if at_size <= width {
            return self;
        }
        Style {
            size: (self.size * width / at_size).max(min),
            ..self
        }
    }

    /// The width of `text` in this style, set solid.
    pub fn width(&self, text: &str) -> f32 {
        FaceMetrics::of(self.weight).width(text, self.size)
    }

    /// Wraps `text` to `options` with this style's advances.
    pub fn wrap(&self, text: &str, options: &WrapOptions) -> Vec<Line> {
        let face = FaceMetrics::of(self.weight);
        let size = self.size;
        wrap(text, options, |ch| face.advance(ch, size))
    }

    /// Like [`Style::wrap`], but when `text` takes two lines and ends with a bracketed remark
    /// ("…18:00（法定节假日除外）", "…前（承诺 3 个工作日）"), the break goes before the remark
    /// if both parts then fit: a remark reads better whole.
    pub fn wrap_keeping_remark(&self, text: &str, options: &WrapOptions) -> Vec<Line> {
        let lines = self.wrap(text, options);
        if lines.len() != 2 || options.first_indent != 0.0 {
            return lines;
        }
        let remark = text
            .char_indices()
            .rfind(|&(at, ch)| at > 0 && is_no_line_end(ch) && (!ch.is_ascii() || ch == '('));
        if let Some((at, _)) = remark {
            let (before, after) = text.split_at(at);
            let before = before.trim_end();
            if self.width(before) <= options.width && self.width(after) <= options.width {
                let mut split = self.wrap(before, options);
                split.extend(self.wrap(after, options));
                return split;
            }
        }
        lines
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
    /// What the layout placed where, for checking pagination (never drawn).
    pub tags: Vec<Tag>,
}

/// A laid-out block of a page, by what it is, from `top` down to `bottom` (points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tag {
    pub role: Role,
    pub top: f32,
    pub bottom: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A heading or a label that belongs with what follows it.
    Heading,
    /// Part of figure `n` (a flow chart); a figure's parts are kept on one page.
    Figure(u32),
    /// The start of a chapter (a category of the service handbook): the page before is the
    /// last of the previous chapter.
    Chapter,
}

impl Page {
    pub fn new((width, height): (f32, f32)) -> Page {
        Page {
            width,
            height,
            marks: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// One line of text, its baseline at `y`, aligned on `x`.
    pub fn text(&mut self, x: f32, y: f32, style: Style, align: Align, text: &str) {
        let x = match align {
            Align::Left => x,
            Align::Center => x - style.width(text) / 2.0,
            Align::Right => x - style.width(text),
        };
        self.marks.push(Mark::Text(TextRun {
            x,
            y,
            weight: style.weight,
            size: style.size,
            color: style.color,
            text: text.to_owned(),
            stretch: 0.0,
            stretch_before: Vec::new(),
        }));
    }

    /// One line with `tracking` points added between its characters (titles set wide).
    pub fn text_spaced(
        &mut self,
        x: f32,
        y: f32,
        style: Style,
        align: Align,
        text: &str,
        tracking: f32,
    ) {
        let stretch_before: Vec<usize> = text.char_indices().skip(1).map(|(at, _)| at).collect();
        let width = style.width(text) + tracking * stretch_before.len() as f32;
        let x = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        self.marks.push(Mark::Text(TextRun {
            x,
            y,
            weight: style.weight,
            size: style.size,
            color: style.color,
            text: text.to_owned(),
            stretch: tracking,
            stretch_before,
        }));
    }

    /// Wrapped lines, the first baseline at `y`, `leading` points apart. Returns the baseline
    /// after the last line.
    pub fn lines(&mut self, x: f32, y: f32, style: Style, leading: f32, lines: &[Line]) -> f32 {
        let mut baseline = y;
        for line in lines {
            self.marks.push(Mark::Text(TextRun {
                x: x + line.indent,
                y: baseline,
                weight: style.weight,
                size: style.size,
                color: style.color,
                text: line.text.clone(),
                stretch: line.stretch,
                stretch_before: line.stretch_before.clone(),
            }));
            baseline -= leading;
        }
        baseline
    }

    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Color) {
        self.marks.push(Mark::Rule {
            from,
            to,
            width,
            color,
            dash: None,
        });
    }

    pub fn dashed(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Color) {
        self.marks.push(Mark::Rule {
            from,
            to,
            width,
            color,
            dash: Some(2.0 * width.max(0.75)),
        });
    }

    pub fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, color: Color) {
        self.marks.push(Mark::Rect {
            x,
            y,
            width,
            height,
            fill: Some(color),
            stroke: None,
        });
    }

    pub fn frame(&mut self, x: f32, y: f32, width: f32, height: f32, line: f32, color: Color) {
        self.marks.push(Mark::Rect {
            x,
            y,
            width,
            height,
            fill: None,
            stroke: Some((line, color)),
        });
    }

    /// A dashed circle outline.
    pub fn dashed_circle(&mut self, center: (f32, f32), radius: f32, width: f32, color: Color) {
        self.marks.push(Mark::Circle {
            center,
            radius,
            width,
            color,
            dash: Some(3.0 * width.max(0.75)),
        });
    }

    /// A QR code in a `side` × `side` square with (x, y) its bottom-left corner; the quiet zone
    /// is inside the square.
    pub fn qr(&mut self, x: f32, y: f32, side: f32, matrix: QrMatrix) {
        let module = side / (matrix.size + 2 * QUIET_ZONE) as f32;
        let margin = module * QUIET_ZONE as f32;
        self.marks.push(Mark::Qr {
            x: x + margin,
            y: y + margin,
            module,
            matrix,
        });
    }

    pub fn tag(&mut self, role: Role, top: f32, bottom: f32) {
        self.tags.push(Tag { role, top, bottom });
    }

    /// Every character this page draws.
    pub fn text_runs(&self) -> impl Iterator<Item = &TextRun> {
        self.marks.iter().filter_map(|mark| match mark {
            Mark::Text(run) => Some(run),
            _ => None,
        })
    }

    /// Moves every mark by (dx, dy).
    pub fn translate(marks: &mut [Mark], dx: f32, dy: f32) {
        for mark in marks {
            match mark {
                Mark::Text(run) => {
                    run.x += dx;
                    run.y += dy;
                }
                Mark::Rule { from, to, .. } => {
                    from.0 += dx;
                    from.1 += dy;
                    to.0 += dx;
                    to.1 += dy;
                }
                Mark::Circle { center, .. } => {
                    center.0 += dx;
                    center.1 += dy;
                }
                Mark::Rect { x, y, .. } | Mark::Qr { x, y, .. } => {
                    *x += dx;
                    *y += dy;
                }
            }
        }
    }
}

/// A document ready to render: its title, when it was made, and its pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub created: Timestamp,
    pub pages: Vec<Page>,
    /// What was left out because the fonts cannot draw it (a village's sheet prints every other
    /// household's card and lists these).
    pub skipped: Vec<Skipped>,
}

/// A household left off a village's cards: its head's name, the masked ID number, and the
/// characters the fonts cannot draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub id_number_masked: String,
    pub characters: Vec<char>,
}

impl Skipped {
    /// The name with each character that cannot be drawn written as its code point:
    /// `王[U+20000]`, printable in any font.
    pub fn printable_name(&self) -> String {
        self.name
            .chars()
            .map(|ch| {
                if self.characters.contains(&ch) {
                    format!("[U+{:04X}]", u32::from(ch))
                } else {
                    ch.to_string()
                }
            })
            .collect()
    }
}

impl Document {
    /// Characters no font can print (neither the bundled font nor an installed one), once each,
    /// in order of first appearance.
    pub fn missing_glyphs(&self) -> Vec<char> {
        let mut missing = Vec::new();
        for run in self.pages.iter().flat_map(Page::text_runs) {
            for ch in super::metrics::missing_glyphs(&run.text) {
                if !missing.contains(&ch) {
                    missing.push(ch);
                }
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_text_ends_or_centres_on_x() {
        let mut page = Page::new(A5);
        let style = Style::regular(10.0);
        page.text(100.0, 50.0, style, Align::Right, "受理回执");
        page.text(100.0, 50.0, style, Align::Center, "受理回执");
        let xs: Vec<f32> = page.text_runs().map(|run| run.x).collect();
        assert!((xs[0] - 60.0).abs() < 0.01);
        assert!((xs[1] - 80.0).abs() < 0.01);
    }

    #[test]
    fn a_bracketed_remark_moves_to_the_second_line_whole() {
        let style = Style::regular(10.0);
        let text = "2025年10月11日前（承诺 3 个工作日）";
        let width = style.width("2025年10月11日前（承");
        let plain: Vec<String> = style
            .wrap(text, &WrapOptions::ragged(width))
            .into_iter()
            .map(|line| line.text)
            .collect();
        assert!(plain[0].ends_with('承'), "{plain:?}");
        let kept: Vec<String> = style
            .wrap_keeping_remark(text, &WrapOptions::ragged(width))
            .into_iter()
            .map(|line| line.text)
            .collect();
        assert_eq!(kept, ["2025年10月11日前", "（承诺 3 个工作日）"]);
    }

    #[test]
    fn a_qr_square_keeps_its_quiet_zone_inside() {
        let mut page = Page::new(A5);
        let matrix = QrMatrix::encode("BIANMIN:CASE:1").unwrap();
        let size = matrix.size;
        page.qr(10.0, 20.0, 66.0, matrix);
        let Mark::Qr { x, y, module, .. } = &page.marks[0] else {
            panic!("a QR mark");
        };
        assert!((module * (size + 8) as f32 - 66.0).abs() < 0.01);
        assert!((x - (10.0 + 4.0 * module)).abs() < 0.01);
        assert!((y - (20.0 + 4.0 * module)).abs() < 0.01);
    }
}
